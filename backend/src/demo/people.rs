//! The demo's people: who each patient is (name, sex, birth date, language, address), drawn
//! from the seed, and the few fixed patients the demo sign-ins belong to.

use rand::RngExt as _;
use rand_chacha::ChaCha8Rng;

use super::time::{Day, REFERENCE};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sex {
    Female,
    Male,
}

impl Sex {
    /// FHIR administrative gender.
    pub const fn gender(self) -> &'static str {
        match self {
            Self::Female => "female",
            Self::Male => "male",
        }
    }
}

/// One patient's demographics.
#[derive(Debug, Clone)]
pub struct Person {
    pub index: usize,
    pub given: String,
    pub family: String,
    pub sex: Sex,
    pub birth: Day,
    pub spanish: bool,
    pub hispanic: bool,
    pub race: &'static str,
    pub phone: String,
    pub email: Option<String>,
    pub address_line: String,
    pub city: &'static str,
    pub postal_code: &'static str,
    /// HL7 v3 `MaritalStatus` code, for adults.
    pub marital_status: Option<&'static str>,
    /// The medical record number.
    pub mrn: String,
}

impl Person {
    pub fn display_name(&self) -> String {
        format!("{} {}", self.given, self.family)
    }

    pub fn ethnicity(&self) -> &'static str {
        if self.hispanic { "Hispanic or Latino" } else { "Not Hispanic or Latino" }
    }

    /// The language code the patient prefers.
    pub fn language(&self) -> &'static str {
        if self.spanish { "es" } else { "en" }
    }
}

/// The assigning authority of our medical record numbers.
pub const MRN_SYSTEM: &str = "urn:oid:2.16.840.1.113883.3.9999.1";
pub const STATE: &str = "OR";
pub const COUNTRY: &str = "US";

/// Made-up towns around Riverbend, with made-up ZIP codes, and how many patients live in each.
pub const TOWNS: &[(&str, &str, u32)] = &[
    ("Riverbend", "97990", 55),
    ("Alder Creek", "97991", 20),
    ("Stonebridge", "97992", 15),
    ("Willow Flats", "97993", 10),
];

/// A patient the demo sign-ins need, the same on every run.
pub struct Featured {
    pub given: &'static str,
    pub family: &'static str,
    pub sex: Sex,
    pub birth: Day,
    pub spanish: bool,
    pub hispanic: bool,
    pub race: &'static str,
    pub phone: &'static str,
    pub email: Option<&'static str>,
    pub address_line: &'static str,
    pub town: usize,
    pub marital_status: Option<&'static str>,
}

/// Ana García: an adult with diabetes and high blood pressure who prefers Spanish.
pub const ANA: usize = 0;
/// Walter Brooks: an older adult.
pub const WALTER: usize = 1;
/// Rosa Martínez: a parent whose son is a patient too.
pub const ROSA: usize = 2;
/// Mateo Martínez: Rosa's son.
pub const MATEO: usize = 3;
/// Jordan Lee: a teen.
pub const JORDAN: usize = 4;

pub const FEATURED: &[Featured] = &[
    Featured {
        given: "Ana",
        family: "García",
        sex: Sex::Female,
        birth: Day::from_ymd(1968, 3, 14),
        spanish: true,
        hispanic: true,
        race: "White",
        phone: "(555) 314-2201",
        email: Some("ana.garcia@demo.riverbend.example"),
        address_line: "418 Alder Street",
        town: 0,
        marital_status: Some("M"),
    },
    Featured {
        given: "Walter",
        family: "Brooks",
        sex: Sex::Male,
        birth: Day::from_ymd(1942, 6, 2),
        spanish: false,
        hispanic: false,
        race: "White",
        phone: "(555) 314-2202",
        email: Some("walter.brooks@demo.riverbend.example"),
        address_line: "27 Orchard Lane",
        town: 1,
        marital_status: Some("W"),
    },
    Featured {
        given: "Rosa",
        family: "Martínez",
        sex: Sex::Female,
        birth: Day::from_ymd(1992, 9, 23),
        spanish: true,
        hispanic: true,
        race: "Other race",
        phone: "(555) 314-2203",
        email: Some("rosa.martinez@demo.riverbend.example"),
        address_line: "1190 River Road",
        town: 0,
        marital_status: Some("M"),
    },
    Featured {
        given: "Mateo",
        family: "Martínez",
        sex: Sex::Male,
        birth: Day::from_ymd(2022, 3, 9),
        spanish: true,
        hispanic: true,
        race: "Other race",
        phone: "(555) 314-2203",
        email: None,
        address_line: "1190 River Road",
        town: 0,
        marital_status: None,
    },
    Featured {
        given: "Jordan",
        family: "Lee",
        sex: Sex::Female,
        birth: Day::from_ymd(2011, 4, 18),
        spanish: false,
        hispanic: false,
        race: "Asian",
        phone: "(555) 314-2205",
        email: Some("jordan.lee@demo.riverbend.example"),
        address_line: "63 Maple Drive",
        town: 2,
        marital_status: None,
    },
];

/// Ages in years, `[from, to)`, with their share of patients (per thousand): roughly a US
/// primary-care panel, newborns to 90-somethings.
const AGE_BANDS: &[(i32, i32, u32)] = &[
    (0, 1, 15),
    (1, 5, 50),
    (5, 12, 90),
    (12, 18, 80),
    (18, 30, 150),
    (30, 45, 190),
    (45, 65, 240),
    (65, 80, 135),
    (80, 90, 40),
    (90, 100, 10),
];

const HISPANIC_FEMALE: &[&str] = &[
    "María",
    "Guadalupe",
    "Lucía",
    "Sofía",
    "Valentina",
    "Camila",
    "Isabella",
    "Ximena",
    "Daniela",
    "Gabriela",
    "Carmen",
    "Elena",
    "Juana",
    "Adriana",
    "Verónica",
    "Patricia",
    "Leticia",
    "Marisol",
    "Paola",
    "Natalia",
    "Andrea",
    "Renata",
    "Jimena",
    "Mariana",
    "Alejandra",
    "Teresa",
    "Beatriz",
    "Yolanda",
];
const HISPANIC_MALE: &[&str] = &[
    "José",
    "Juan",
    "Luis",
    "Carlos",
    "Miguel",
    "Jorge",
    "Alejandro",
    "Diego",
    "Santiago",
    "Sebastián",
    "Emiliano",
    "Javier",
    "Ricardo",
    "Fernando",
    "Manuel",
    "Francisco",
    "Raúl",
    "Eduardo",
    "Andrés",
    "Gabriel",
    "Héctor",
    "Óscar",
    "Rafael",
    "Arturo",
    "Tomás",
    "Ernesto",
];
const HISPANIC_FAMILY: &[&str] = &[
    "Hernández",
    "López",
    "González",
    "Rodríguez",
    "Pérez",
    "Sánchez",
    "Ramírez",
    "Torres",
    "Flores",
    "Rivera",
    "Gómez",
    "Díaz",
    "Cruz",
    "Morales",
    "Reyes",
    "Gutiérrez",
    "Ortiz",
    "Chávez",
    "Ramos",
    "Ruiz",
    "Mendoza",
    "Castillo",
    "Jiménez",
    "Moreno",
    "Romero",
    "Herrera",
    "Medina",
    "Aguilar",
    "Vásquez",
    "Delgado",
    "Castro",
    "Salazar",
];
const FEMALE: &[&str] = &[
    "Emma",
    "Olivia",
    "Ava",
    "Sophia",
    "Mia",
    "Charlotte",
    "Amelia",
    "Harper",
    "Evelyn",
    "Abigail",
    "Emily",
    "Elizabeth",
    "Sarah",
    "Jessica",
    "Jennifer",
    "Ashley",
    "Megan",
    "Laura",
    "Rachel",
    "Hannah",
    "Chloe",
    "Zoe",
    "Nora",
    "Linda",
    "Barbara",
    "Susan",
    "Margaret",
    "Dorothy",
    "Betty",
    "Helen",
    "Ruth",
    "Joan",
    "Carol",
    "Nancy",
    "Karen",
    "Deborah",
    "Aisha",
    "Keisha",
    "Tamika",
    "Naomi",
    "Ruby",
    "Alice",
    "Ellen",
    "Frances",
];
const MALE: &[&str] = &[
    "Liam",
    "Noah",
    "Oliver",
    "Elijah",
    "James",
    "William",
    "Benjamin",
    "Lucas",
    "Henry",
    "Jack",
    "Owen",
    "Wyatt",
    "Michael",
    "David",
    "John",
    "Robert",
    "Thomas",
    "Christopher",
    "Matthew",
    "Andrew",
    "Joshua",
    "Ryan",
    "Tyler",
    "Brandon",
    "Kevin",
    "Brian",
    "Gary",
    "Richard",
    "Donald",
    "George",
    "Frank",
    "Raymond",
    "Harold",
    "Jamal",
    "Malik",
    "Darnell",
    "Isaac",
    "Caleb",
    "Nathan",
    "Paul",
    "Eugene",
    "Arthur",
];
const ASIAN_FEMALE: &[&str] =
    &["Mei", "Priya", "Linh", "Hana", "Yuna", "Anika", "Mai", "Ji-woo", "Lan", "Sakura"];
const ASIAN_MALE: &[&str] =
    &["Wei", "Arjun", "Minh", "Hiroshi", "Jin", "Rohan", "Kenji", "Duc", "Sanjay", "Hyun"];
const FAMILY: &[&str] = &[
    "Smith",
    "Johnson",
    "Williams",
    "Brown",
    "Jones",
    "Miller",
    "Davis",
    "Wilson",
    "Anderson",
    "Taylor",
    "Thomas",
    "Moore",
    "Jackson",
    "Martin",
    "Thompson",
    "White",
    "Harris",
    "Clark",
    "Lewis",
    "Robinson",
    "Walker",
    "Young",
    "Allen",
    "King",
    "Wright",
    "Scott",
    "Hill",
    "Green",
    "Adams",
    "Baker",
    "Nelson",
    "Carter",
    "Mitchell",
    "Campbell",
    "Roberts",
    "Turner",
    "Phillips",
    "Parker",
    "Evans",
    "Edwards",
    "Collins",
    "Stewart",
    "Morris",
    "Murphy",
    "Cook",
    "Rogers",
    "Peterson",
    "Cooper",
    "Reed",
    "Bailey",
    "Kelly",
    "Howard",
    "Ward",
    "Cox",
    "Richardson",
    "Wood",
    "Watson",
    "Bennett",
    "Gray",
    "Hughes",
    "Price",
    "Sanders",
    "Myers",
    "Long",
    "Ross",
    "Foster",
    "Fischer",
    "Olsen",
    "Novak",
    "Sullivan",
];
const ASIAN_FAMILY: &[&str] = &[
    "Nguyen", "Kim", "Patel", "Chen", "Wang", "Singh", "Tran", "Park", "Le", "Yamamoto", "Liu", "Zhang",
    "Huang", "Choi",
];
const STREETS: &[&str] = &[
    "Main Street",
    "River Road",
    "Oak Avenue",
    "Cedar Avenue",
    "Maple Drive",
    "Pine Street",
    "Elm Street",
    "Willow Lane",
    "Alder Street",
    "Birch Court",
    "Aspen Way",
    "Juniper Road",
    "Ridge Drive",
    "Lake View Drive",
    "Mill Street",
    "Orchard Lane",
    "Meadow Lane",
    "Spruce Street",
    "Hillcrest Road",
    "Fir Street",
    "Canyon Road",
    "Heron Way",
];

/// Picks one item.
pub fn pick<'a, T>(rng: &mut ChaCha8Rng, items: &'a [T]) -> &'a T {
    &items[rng.random_range(0..items.len())]
}

/// The fraction part of the golden-ratio sequence at `index`, shifted by `offset`: spreads any
/// run of consecutive patients evenly over `[0, 1)`, so even a small demo has every age band.
pub fn spread(index: usize, offset: f64) -> f64 {
    const PHI: f64 = 0.618_033_988_749_894_9;
    #[expect(clippy::cast_precision_loss, reason = "indexes stay far below 2^52")]
    let x = offset + index as f64 * PHI;
    x - x.floor()
}

/// Lower-case ASCII for an email address.
pub fn ascii_lower(text: &str) -> String {
    text.chars()
        .filter_map(|c| match c.to_lowercase().next().unwrap_or(c) {
            'á' | 'à' | 'ä' => Some('a'),
            'é' | 'è' | 'ë' => Some('e'),
            'í' | 'ì' | 'ï' => Some('i'),
            'ó' | 'ò' | 'ö' => Some('o'),
            'ú' | 'ù' | 'ü' => Some('u'),
            'ñ' => Some('n'),
            c if c.is_ascii_alphanumeric() => Some(c),
            _ => None,
        })
        .collect()
}

/// A made-up phone number: area code 555 is never assigned.
pub fn phone(rng: &mut ChaCha8Rng) -> String {
    format!(
        "(555) {}{:02}-{:04}",
        rng.random_range(2..10),
        rng.random_range(0..100),
        rng.random_range(0..10_000)
    )
}

/// The medical record number of the patient at `index`.
pub fn mrn(index: usize) -> String {
    format!("RB{:07}", 1_000_001 + index)
}

/// The patient at `index`: a fixed one for the first few, drawn from `rng` after.
pub fn person(index: usize, age_offset: f64, rng: &mut ChaCha8Rng) -> Person {
    if let Some(f) = FEATURED.get(index) {
        let (city, postal_code, _) = TOWNS[f.town];
        return Person {
            index,
            given: f.given.to_owned(),
            family: f.family.to_owned(),
            sex: f.sex,
            birth: f.birth,
            spanish: f.spanish,
            hispanic: f.hispanic,
            race: f.race,
            phone: f.phone.to_owned(),
            email: f.email.map(str::to_owned),
            address_line: f.address_line.to_owned(),
            city,
            postal_code,
            marital_status: f.marital_status,
            mrn: mrn(index),
        };
    }

    let birth = birth_day(spread(index, age_offset), rng);
    let sex = if rng.random_bool(0.51) { Sex::Female } else { Sex::Male };
    let hispanic = rng.random_bool(0.37);
    let race = if hispanic {
        *pick(
            rng,
            &["White", "White", "White", "Other race", "Other race", "American Indian or Alaska Native"],
        )
    } else {
        let r = rng.random_range(0..100);
        match r {
            0..70 => "White",
            70..83 => "Black or African American",
            83..94 => "Asian",
            94..96 => "American Indian or Alaska Native",
            96..97 => "Native Hawaiian or Other Pacific Islander",
            _ => "Other race",
        }
    };
    let spanish = hispanic && rng.random_bool(0.8);
    let (given, family) = match (hispanic, race, sex) {
        (true, _, Sex::Female) => (pick(rng, HISPANIC_FEMALE), pick(rng, HISPANIC_FAMILY)),
        (true, _, Sex::Male) => (pick(rng, HISPANIC_MALE), pick(rng, HISPANIC_FAMILY)),
        (false, "Asian", Sex::Female) => (pick(rng, ASIAN_FEMALE), pick(rng, ASIAN_FAMILY)),
        (false, "Asian", Sex::Male) => (pick(rng, ASIAN_MALE), pick(rng, ASIAN_FAMILY)),
        (false, _, Sex::Female) => (pick(rng, FEMALE), pick(rng, FAMILY)),
        (false, _, Sex::Male) => (pick(rng, MALE), pick(rng, FAMILY)),
    };
    let (given, family) = ((*given).to_owned(), (*family).to_owned());
    let town = weighted(rng, TOWNS.iter().map(|t| t.2));
    let (city, postal_code, _) = TOWNS[town];
    let age = super::time::age_years(birth, REFERENCE);
    let email = (age >= 18 && rng.random_bool(0.8)).then(|| {
        format!("{}.{}{}@mail.example", ascii_lower(&given), ascii_lower(&family), rng.random_range(1..100))
    });
    let marital_status = (age >= 18).then(|| {
        let r = rng.random_range(0..100);
        match (age, r) {
            (_, 0..50) => "M",
            (65.., 50..72) => "W",
            (_, 50..65) => "D",
            _ => "S",
        }
    });
    Person {
        index,
        given,
        family,
        sex,
        birth,
        spanish,
        hispanic,
        race,
        phone: phone(rng),
        email,
        address_line: format!("{} {}", rng.random_range(1..3000), pick(rng, STREETS)),
        city,
        postal_code,
        marital_status,
        mrn: mrn(index),
    }
}

/// The index of a weighted choice.
pub fn weighted(rng: &mut ChaCha8Rng, weights: impl Iterator<Item = u32> + Clone) -> usize {
    let total: u32 = weights.clone().sum();
    let mut r = rng.random_range(0..total);
    for (i, w) in weights.enumerate() {
        if r < w {
            return i;
        }
        r -= w;
    }
    unreachable!("r < total")
}

/// A birth day whose age band is chosen by `u` in `[0, 1)` (the band's share of the
/// population), the day within the band by `rng`.
fn birth_day(u: f64, rng: &mut ChaCha8Rng) -> Day {
    let total: u32 = AGE_BANDS.iter().map(|b| b.2).sum();
    let mut acc = 0.0;
    let mut band = AGE_BANDS[AGE_BANDS.len() - 1];
    for b in AGE_BANDS {
        acc += f64::from(b.2) / f64::from(total);
        if u < acc {
            band = *b;
            break;
        }
    }
    let (from, to) = (band.0 * 365 + 2, band.1 * 365 - 2);
    REFERENCE.plus(-rng.random_range(from..to))
}

#[cfg(test)]
mod tests {
    use rand::SeedableRng as _;

    use super::*;
    use crate::demo::time::age_years;

    fn people(n: usize, seed: u64) -> Vec<Person> {
        (0..n)
            .map(|i| {
                let mut rng = ChaCha8Rng::seed_from_u64(seed);
                rng.set_stream(i as u64);
                person(i, 0.25, &mut rng)
            })
            .collect()
    }

    #[test]
    fn two_hundred_patients_span_newborns_to_the_nineties_in_both_languages() {
        let all = people(200, 7);
        let ages: Vec<i32> = all.iter().map(|p| age_years(p.birth, REFERENCE)).collect();
        assert!(ages.contains(&0), "a newborn");
        assert!(ages.iter().filter(|&&a| a < 12).count() >= 20, "children");
        assert!(ages.iter().filter(|&&a| (12..18).contains(&a)).count() >= 10, "teens");
        assert!(ages.iter().filter(|&&a| a >= 65).count() >= 25, "older adults");
        assert!(ages.iter().any(|&a| a >= 90), "a nonagenarian");
        let spanish = all.iter().filter(|p| p.spanish).count();
        assert!((40..=80).contains(&spanish), "about 30% prefer Spanish, got {spanish}");
        let women = all.iter().filter(|p| p.sex == Sex::Female).count();
        assert!((80..=120).contains(&women), "{women}");
    }

    #[test]
    fn the_featured_patients_are_fixed_whatever_the_seed() {
        let (a, b) = (people(6, 1), people(6, 2));
        for i in 0..FEATURED.len() {
            assert_eq!(a[i].display_name(), b[i].display_name());
            assert_eq!(a[i].birth, b[i].birth);
        }
        assert_ne!(a[5].display_name() + &a[5].birth.iso(), b[5].display_name() + &b[5].birth.iso());
        assert_eq!(a[ANA].display_name(), "Ana García");
        assert!(age_years(a[WALTER].birth, REFERENCE) >= 65);
        assert!(age_years(a[MATEO].birth, REFERENCE) < 12);
        assert!((12..18).contains(&age_years(a[JORDAN].birth, REFERENCE)));
    }

    #[test]
    fn emails_are_plain_ascii() {
        assert_eq!(ascii_lower("Sebastián Núñez-Díaz"), "sebastiannunezdiaz");
    }
}
