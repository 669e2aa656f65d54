//! One patient's history, drawn from the patient's own random stream (so patient 57 is the
//! same whatever the demo's size): the problems they have and when each began, the visits that
//! follow (well-child visits, yearly check-ups, follow-ups, specialists, sick and emergency
//! visits, prenatal care, shots), and what each visit leaves in the record.

use std::fmt::Write as _;

use base64::Engine as _;
use rand::{RngExt as _, SeedableRng as _};
use rand_chacha::ChaCha8Rng;
use sha1::{Digest as _, Sha1};

use super::clinic::{self, PayerKind, STAFF, Specialty};
use super::codes::{self, Code, Drug, Vaccine};
use super::labs::{self, Body, Reported, normal, round};
use super::people::{self, COUNTRY, MRN_SYSTEM, Person, STATE, Sex};
use super::summaries::{self as say, Text};
use super::time::{Day, RECORD_START, REFERENCE, UPDATED_AT, age_years};
use super::{Rows, SOURCE, vaccines};
use crate::records::{
    Allergy, AllergyReaction, CarePlan, CarePlanActivity, CarePlanGoal, Condition, Coverage, Document,
    DocumentAttachment, Encounter, Goal, Identifier, MedicationRequest, Patient, PatientContact, record_id,
    sensitivity,
};

/// Where one patient's rows go, and the ids they get.
pub struct Chart<'a> {
    pub rows: &'a mut Rows,
    pub patient_id: String,
    pub sex: Sex,
    prefix: String,
    next: u32,
}

impl<'a> Chart<'a> {
    /// A chart of patient `patient_id` writing into `rows`, its ids made from `prefix` (unique
    /// to this chart among the patient's).
    pub fn new(rows: &'a mut Rows, patient_id: String, sex: Sex, prefix: String) -> Self {
        Self { rows, patient_id, sex, prefix, next: 0 }
    }

    /// A new id for a `resource_type` row of this patient, and its source id.
    pub fn id(&mut self, resource_type: &str) -> (String, String) {
        self.next += 1;
        let local = format!("{}-{}", self.prefix, self.next);
        (record_id(SOURCE, resource_type, &local), local)
    }
}

/// The visit a row belongs to.
pub struct At<'v> {
    pub encounter_id: &'v str,
    pub location_id: &'v str,
    pub day: Day,
    /// Minutes after the day's midnight (UTC) the visit started.
    pub minute: i32,
    /// Who took the vitals or gave the shot.
    pub performer: Option<String>,
    /// Who ordered, saw or prescribed.
    pub orderer: String,
}

/// The patient at `index`'s id, the same for every seed.
pub fn patient_id(index: usize) -> String {
    record_id(SOURCE, "Patient", &format!("RB{:07}", 1_000_001 + index))
}

/// A long-lasting problem.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Chronic {
    Diabetes,
    Prediabetes,
    Hypertension,
    Hyperlipidemia,
    Asthma,
    Depression,
    Hypothyroidism,
    Osteoarthritis,
    CoronaryDisease,
    AtrialFibrillation,
    KidneyDisease,
    Copd,
    Eczema,
    Acne,
    Anemia,
    VitaminD,
    Osteoporosis,
}

impl Chronic {
    const fn code(self) -> Code {
        match self {
            Self::Diabetes => codes::TYPE_2_DIABETES,
            Self::Prediabetes => codes::PREDIABETES,
            Self::Hypertension => codes::HYPERTENSION,
            Self::Hyperlipidemia => codes::HYPERLIPIDEMIA,
            Self::Asthma => codes::ASTHMA,
            Self::Depression => codes::DEPRESSION,
            Self::Hypothyroidism => codes::HYPOTHYROIDISM,
            Self::Osteoarthritis => codes::OSTEOARTHRITIS,
            Self::CoronaryDisease => codes::CORONARY_DISEASE,
            Self::AtrialFibrillation => codes::ATRIAL_FIBRILLATION,
            Self::KidneyDisease => codes::CKD_3,
            Self::Copd => codes::COPD,
            Self::Eczema => codes::ATOPIC_DERMATITIS,
            Self::Acne => codes::ACNE,
            Self::Anemia => codes::ANEMIA,
            Self::VitaminD => codes::VITAMIN_D_DEFICIENCY,
            Self::Osteoporosis => codes::OSTEOPOROSIS,
        }
    }

    /// Months between follow-up visits, for the problems that bring patients back.
    const fn follow_up_months(self) -> Option<i32> {
        match self {
            Self::Diabetes | Self::Depression => Some(3),
            Self::Hypertension
            | Self::Asthma
            | Self::KidneyDisease
            | Self::Copd
            | Self::AtrialFibrillation => Some(6),
            _ => None,
        }
    }

    /// Problems found at a check-up rather than at a visit of their own.
    const fn found_at_check_up(self) -> bool {
        matches!(self, Self::Prediabetes)
    }
}

#[derive(Debug, Clone, Copy)]
struct Problem {
    kind: Chronic,
    onset: Day,
    begun: bool,
    recorded: bool,
}

/// A short illness.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Acute {
    Sinusitis,
    Pharyngitis,
    Strep,
    Bronchitis,
    EarInfection,
    Cystitis,
    Sprain,
}

impl Acute {
    const fn code(self) -> Code {
        match self {
            Self::Sinusitis => codes::VIRAL_SINUSITIS,
            Self::Pharyngitis => codes::VIRAL_PHARYNGITIS,
            Self::Strep => codes::STREP_THROAT,
            Self::Bronchitis => codes::ACUTE_BRONCHITIS,
            Self::EarInfection => codes::OTITIS_MEDIA,
            Self::Cystitis => codes::CYSTITIS,
            Self::Sprain => codes::ANKLE_SPRAIN,
        }
    }

    const fn fever(self) -> bool {
        matches!(self, Self::Strep | Self::EarInfection | Self::Bronchitis)
    }
}

/// What kind of visit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// At the schedule's month of age.
    WellChild(i32),
    CheckUp,
    Diagnosis(Chronic),
    FollowUp,
    Specialist(Specialty),
    Sick(Acute),
    Emergency(Acute),
    PrenatalFirst,
    Prenatal,
    Shots,
}

#[derive(Debug, Clone)]
struct Visit {
    day: Day,
    kind: Kind,
    first: bool,
    flu: bool,
    shots: Vec<Vaccine>,
}

impl Visit {
    fn new(day: Day, kind: Kind) -> Self {
        Self { day, kind, first: false, flu: false, shots: Vec::new() }
    }
}

/// An allergy the demo records.
struct Allergen {
    substance: Code,
    category: &'static str,
    kind: &'static str,
    reaction: Code,
    severity: &'static str,
    criticality: &'static str,
    /// How often, in children and in adults.
    weights: (u32, u32),
}

const ALLERGENS: &[Allergen] = &[
    Allergen {
        substance: codes::PENICILLIN_G,
        category: "medication",
        kind: "allergy",
        reaction: codes::HIVES,
        severity: "moderate",
        criticality: "low",
        weights: (2, 10),
    },
    Allergen {
        substance: codes::SULFAMETHOXAZOLE_TRIMETHOPRIM,
        category: "medication",
        kind: "allergy",
        reaction: codes::RASH,
        severity: "moderate",
        criticality: "low",
        weights: (1, 5),
    },
    Allergen {
        substance: codes::ASPIRIN_INGREDIENT,
        category: "medication",
        kind: "allergy",
        reaction: codes::HIVES,
        severity: "mild",
        criticality: "low",
        weights: (0, 2),
    },
    Allergen {
        substance: codes::IBUPROFEN_INGREDIENT,
        category: "medication",
        kind: "intolerance",
        reaction: codes::NAUSEA,
        severity: "mild",
        criticality: "low",
        weights: (0, 2),
    },
    Allergen {
        substance: codes::LISINOPRIL_INGREDIENT,
        category: "medication",
        kind: "intolerance",
        reaction: codes::COUGH,
        severity: "mild",
        criticality: "low",
        // Never drawn: it comes from taking lisinopril.
        weights: (0, 0),
    },
    Allergen {
        substance: codes::PEANUT,
        category: "food",
        kind: "allergy",
        reaction: codes::ANAPHYLAXIS,
        severity: "severe",
        criticality: "high",
        weights: (6, 2),
    },
    Allergen {
        substance: codes::EGGS,
        category: "food",
        kind: "allergy",
        reaction: codes::RASH,
        severity: "mild",
        criticality: "low",
        weights: (4, 0),
    },
    Allergen {
        substance: codes::COWS_MILK,
        category: "food",
        kind: "allergy",
        reaction: codes::VOMITING,
        severity: "mild",
        criticality: "low",
        weights: (3, 0),
    },
    Allergen {
        substance: codes::SHELLFISH,
        category: "food",
        kind: "allergy",
        reaction: codes::HIVES,
        severity: "moderate",
        criticality: "low",
        weights: (1, 4),
    },
    Allergen {
        substance: codes::LATEX,
        category: "environment",
        kind: "allergy",
        reaction: codes::RASH,
        severity: "mild",
        criticality: "low",
        weights: (0, 2),
    },
    Allergen {
        substance: codes::GRASS_POLLEN,
        category: "environment",
        kind: "allergy",
        reaction: codes::SNEEZING,
        severity: "mild",
        criticality: "low",
        weights: (4, 6),
    },
    Allergen {
        substance: codes::DUST_MITE,
        category: "environment",
        kind: "allergy",
        reaction: codes::SNEEZING,
        severity: "mild",
        criticality: "low",
        weights: (3, 4),
    },
    Allergen {
        substance: codes::ANIMAL_DANDER,
        category: "environment",
        kind: "allergy",
        reaction: codes::SHORTNESS_OF_BREATH,
        severity: "moderate",
        criticality: "low",
        weights: (2, 3),
    },
    Allergen {
        substance: codes::BEE_VENOM,
        category: "environment",
        kind: "allergy",
        reaction: codes::ANAPHYLAXIS,
        severity: "severe",
        criticality: "high",
        weights: (1, 2),
    },
    Allergen {
        substance: codes::MOLD,
        category: "environment",
        kind: "allergy",
        reaction: codes::COUGH,
        severity: "mild",
        criticality: "low",
        weights: (1, 2),
    },
];

fn allergen(code: Code) -> usize {
    ALLERGENS.iter().position(|a| a.substance == code).expect("a listed allergen")
}

/// A medicine taken over a stretch of time; renewed once a year while it lasts.
struct Course {
    drug: Drug,
    start: Day,
    /// From when it acts on the body: its start, or long before for what the patient already
    /// took when they joined.
    effective: Day,
    end: Option<Day>,
    /// Why it ended early, when it did.
    stop_note: Option<&'static str>,
    renewed: bool,
    requester: usize,
    reason: Code,
    encounter_id: Option<String>,
}

/// What shapes a patient's history, drawn before any visit.
struct Plan {
    joined: Day,
    problems: Vec<Problem>,
    allergies: Vec<usize>,
    /// The day a pregnancy ends in birth.
    delivery: Option<Day>,
    flu_rate: f64,
    check_up_rate: f64,
    hesitant: bool,
    combination: bool,
    gp: usize,
    pediatrician: usize,
    cardiologist: usize,
    endocrinologist: usize,
    obgyn: usize,
    pharmacy: usize,
    sees_endocrinology: bool,
    a1c_at_diagnosis: f64,
    a1c_target: f64,
    /// A1c points a month that diabetes adds as years pass.
    a1c_drift: f64,
    diabetes_every: i32,
}

/// Which lab order was last done when.
#[derive(Default)]
struct LastLabs {
    cbc: Option<Day>,
    cmp: Option<Day>,
    lipids: Option<Day>,
    a1c: Option<Day>,
    tsh: Option<Day>,
    vitamin_d: Option<Day>,
    microalbumin: Option<Day>,
    urinalysis: Option<Day>,
}

/// A non-negative number of days, rounded.
#[expect(clippy::cast_possible_truncation, reason = "callers clamp the value to a few decades first")]
fn whole_days(days: f64) -> i32 {
    days.clamp(0.0, 100_000.0).round() as i32
}

fn due(last: Option<Day>, day: Day, days: i32) -> bool {
    last.is_none_or(|d| day.since(d) >= days)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Order {
    Cbc,
    Cmp,
    Lipids,
    A1c,
    Tsh,
    VitaminD,
    Microalbumin,
    Urinalysis { infection: bool },
}

/// Goals are written last, when the history says whether they were met.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum GoalKind {
    A1c,
    BloodPressure,
    Ldl,
    Weight,
    Asthma,
    Mood,
}

struct PendingGoal {
    kind: GoalKind,
    care_plan_id: String,
    start: Day,
}

/// The state of one patient as their history unfolds.
struct Sim<'a> {
    rng: ChaCha8Rng,
    person: Person,
    chart: Chart<'a>,
    plan: Plan,
    body: Body,
    /// The BMI the patient drifts around.
    bmi_center: f64,
    obesity_recorded: bool,
    courses: Vec<Course>,
    labs: LastLabs,
    /// Results by day, for the goals' trends.
    a1c_results: Vec<(Day, f64)>,
    last_a1c_update: Option<Day>,
    on_insulin: bool,
    bp_readings: Vec<(Day, f64, f64)>,
    last_bp_change: Option<Day>,
    ldl_results: Vec<(Day, f64)>,
    weights: Vec<f64>,
    goals: Vec<PendingGoal>,
    /// Childhood doses due but not yet given.
    pending_shots: Vec<Vaccine>,
    /// The last well-child schedule month whose doses were offered.
    last_schedule_month: Option<i32>,
    treated_since: Vec<(Chronic, Day)>,
}

/// Generates patient `index` of a demo seeded with `seed` into `rows`.
pub fn generate(index: usize, seed: u64, age_offset: f64, rows: &mut Rows) {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    rng.set_stream(u64::try_from(index).unwrap_or(u64::MAX).wrapping_add(1));
    let person = people::person(index, age_offset, &mut rng);
    let plan = draw_plan(&person, &mut rng);
    let bmi_center = featured_bmi(index).unwrap_or_else(|| normal(&mut rng, 27.8, 5.0).clamp(18.5, 44.0));
    let body = Body::new(&mut rng, person.sex, bmi_center);
    let chart = Chart::new(rows, patient_id(index), person.sex, person.mrn.clone());
    let mut sim = Sim {
        rng,
        person,
        chart,
        plan,
        body,
        bmi_center,
        obesity_recorded: false,
        courses: Vec::new(),
        labs: LastLabs::default(),
        a1c_results: Vec::new(),
        last_a1c_update: None,
        on_insulin: false,
        bp_readings: Vec::new(),
        last_bp_change: None,
        ldl_results: Vec::new(),
        weights: Vec::new(),
        goals: Vec::new(),
        pending_shots: Vec::new(),
        last_schedule_month: None,
        treated_since: Vec::new(),
    };
    sim.demographics();
    let visits = sim.visits();
    for visit in &visits {
        sim.visit(visit);
    }
    sim.write_medications();
    sim.write_goals();
}

// ---------------------------------------------------------------------------------------------
// The plan

fn featured_bmi(index: usize) -> Option<f64> {
    match index {
        people::ANA => Some(31.5),
        people::WALTER => Some(26.5),
        people::ROSA => Some(23.5),
        _ => None,
    }
}

fn ymd(y: i32, m: u32, d: u32) -> Day {
    Day::from_ymd(y, m, d)
}

fn featured_problems(index: usize) -> Option<Vec<(Chronic, Day)>> {
    use Chronic::{
        Acne, Asthma, AtrialFibrillation, Diabetes, Eczema, Hyperlipidemia, Hypertension, KidneyDisease,
        Osteoarthritis,
    };
    Some(match index {
        people::ANA => vec![
            (Diabetes, ymd(2009, 5, 20)),
            (Hypertension, ymd(2011, 9, 13)),
            (Hyperlipidemia, ymd(2013, 4, 2)),
        ],
        people::WALTER => vec![
            (Hypertension, ymd(1998, 4, 1)),
            (Hyperlipidemia, ymd(2004, 6, 1)),
            (Osteoarthritis, ymd(2012, 10, 9)),
            (AtrialFibrillation, ymd(2015, 10, 5)),
            (KidneyDisease, ymd(2020, 2, 11)),
        ],
        people::ROSA => vec![(Asthma, ymd(2001, 5, 1))],
        people::MATEO => vec![(Eczema, ymd(2022, 11, 14))],
        people::JORDAN => vec![(Asthma, ymd(2017, 8, 22)), (Acne, ymd(2024, 9, 10))],
        _ => return None,
    })
}

fn featured_allergies(index: usize) -> Option<Vec<usize>> {
    Some(match index {
        people::ANA => vec![allergen(codes::PENICILLIN_G)],
        people::WALTER => vec![allergen(codes::LATEX)],
        people::ROSA => vec![],
        people::MATEO => vec![allergen(codes::PEANUT)],
        people::JORDAN => vec![allergen(codes::GRASS_POLLEN)],
        _ => return None,
    })
}

/// A chance that grows with age: `(from age, chance)` steps.
fn by_age(age: i32, steps: &[(i32, f64)]) -> f64 {
    steps.iter().rev().find(|s| age >= s.0).map_or(0.0, |s| s.1)
}

/// Random chronic problems, by age and sex, with the age each began at.
fn draw_problems(person: &Person, rng: &mut ChaCha8Rng, obese: bool) -> Vec<(Chronic, Day)> {
    use Chronic::{
        Acne, Anemia, Asthma, AtrialFibrillation, Copd, CoronaryDisease, Depression, Diabetes, Eczema,
        Hyperlipidemia, Hypertension, Hypothyroidism, KidneyDisease, Osteoarthritis, Osteoporosis,
        Prediabetes, VitaminD,
    };
    let age = age_years(person.birth, REFERENCE);
    let female = person.sex == Sex::Female;
    let extra = if obese { 0.08 } else { 0.0 };
    let chances: Vec<(Chronic, f64, i32, i32)> = vec![
        (Diabetes, by_age(age, &[(25, 0.04), (40, 0.13), (60, 0.22)]) + extra, 25, age),
        (Hypertension, by_age(age, &[(25, 0.08), (40, 0.3), (60, 0.55)]), 25, age),
        (Hyperlipidemia, by_age(age, &[(30, 0.08), (45, 0.25), (60, 0.4)]), 30, age),
        (Asthma, by_age(age, &[(3, 0.09), (18, 0.07)]), 3, age.min(40)),
        (Depression, by_age(age, &[(13, 0.09)]), 13, age),
        (Hypothyroidism, by_age(age, &[(30, if female { 0.1 } else { 0.02 })]), 30, age),
        (Osteoarthritis, by_age(age, &[(55, 0.3)]), 50, age),
        (CoronaryDisease, by_age(age, &[(55, if female { 0.05 } else { 0.11 })]), 50, age),
        (AtrialFibrillation, by_age(age, &[(65, 0.09)]), 62, age),
        (Copd, by_age(age, &[(50, 0.05)]), 45, age),
        (Eczema, by_age(age, &[(1, 0.1)]), 0, age.min(5)),
        (Acne, if (13..=25).contains(&age) { 0.25 } else { 0.0 }, 13, age.min(17)),
        (Anemia, if female && (18..=50).contains(&age) { 0.06 } else { 0.0 }, 18, age),
        (VitaminD, by_age(age, &[(18, 0.08)]), 18, age),
        (Osteoporosis, if female { by_age(age, &[(65, 0.15)]) } else { 0.0 }, 60, age),
    ];
    let mut problems = Vec::new();
    for (kind, chance, from, to) in chances {
        if chance > 0.0 && rng.random_bool(chance.min(1.0)) {
            let onset_age = rng.random_range(from..=to.max(from));
            let onset =
                person.birth.plus(onset_age * 365 + rng.random_range(0..365)).min(REFERENCE.plus(-20));
            problems.push((kind, onset.max(person.birth.plus(30))));
        }
    }
    let has = |k| problems.iter().any(|p: &(Chronic, Day)| p.0 == k);
    if has(Hypertension) || has(Diabetes) {
        if age >= 60 && rng.random_bool(0.18) {
            let onset = REFERENCE.plus(-rng.random_range(60..2500)).max(person.birth.plus(55 * 365));
            problems.push((KidneyDisease, onset));
        }
    } else if !has(Diabetes) && age >= 30 && rng.random_bool(0.1) {
        let onset = REFERENCE.plus(-rng.random_range(60..3000)).max(person.birth.plus(30 * 365));
        problems.push((Prediabetes, onset));
    }
    problems
}

fn draw_plan(person: &Person, rng: &mut ChaCha8Rng) -> Plan {
    let index = person.index;
    let age_now = age_years(person.birth, REFERENCE);
    let joined = match index {
        people::ANA => ymd(2008, 2, 11),
        people::WALTER => ymd(2008, 3, 20),
        people::ROSA => ymd(2014, 5, 6),
        people::MATEO | people::JORDAN => person.birth.plus(4),
        _ if person.birth >= RECORD_START && rng.random_bool(0.7) => {
            person.birth.plus(rng.random_range(3..6))
        }
        _ => {
            let earliest = RECORD_START.max(person.birth.plus(3));
            let latest = REFERENCE.plus(-120).max(earliest.plus(1));
            earliest.plus(rng.random_range(0..latest.since(earliest)))
        }
    };
    let obese = featured_bmi(index).is_some_and(|b| b >= 30.0);
    let problems = featured_problems(index)
        .unwrap_or_else(|| draw_problems(person, rng, obese))
        .into_iter()
        .map(|(kind, onset)| Problem { kind, onset, begun: false, recorded: false })
        .collect();
    let allergies = featured_allergies(index).unwrap_or_else(|| {
        let child = age_now < 18;
        let mut chosen = Vec::new();
        if rng.random_bool(0.22) {
            let weights = ALLERGENS.iter().map(|a| if child { a.weights.0 } else { a.weights.1 });
            chosen.push(people::weighted(rng, weights.clone()));
            if rng.random_bool(0.15) {
                let second = people::weighted(rng, weights);
                if !chosen.contains(&second) {
                    chosen.push(second);
                }
            }
        }
        chosen
    });
    let delivery = if index == people::ROSA {
        Some(people::FEATURED[people::MATEO].birth)
    } else if person.sex == Sex::Female && index >= people::FEATURED.len() && rng.random_bool(0.18) {
        let from = joined.max(person.birth.plus(20 * 365)).plus(280);
        let to = person.birth.plus(41 * 365).min(REFERENCE.plus(200));
        (to > from).then(|| from.plus(rng.random_range(0..to.since(from))))
    } else {
        None
    };
    let featured = index < people::FEATURED.len();
    let older = age_now >= 65;
    let adult_gp = if featured {
        clinic::CLINICIAN
    } else {
        match rng.random_range(0..100) {
            0..45 => clinic::any_of(rng, Specialty::FamilyMedicine),
            45..85 => clinic::any_of(rng, Specialty::InternalMedicine),
            _ => clinic::ADULT_NP,
        }
    };
    let pediatrician =
        if featured { clinic::PEDIATRICIAN } else { clinic::any_of(rng, Specialty::Pediatrics) };
    let gp = if age_now < 18 { pediatrician } else { adult_gp };
    Plan {
        joined,
        problems,
        allergies,
        delivery,
        flu_rate: if featured {
            0.9
        } else if older {
            0.72
        } else if age_now < 18 {
            0.6
        } else {
            0.42
        },
        check_up_rate: if featured {
            1.0
        } else if older {
            0.88
        } else {
            0.72
        },
        hesitant: !featured && rng.random_bool(0.04),
        combination: rng.random_bool(0.3),
        gp,
        pediatrician,
        cardiologist: clinic::any_of(rng, Specialty::Cardiology),
        endocrinologist: clinic::any_of(rng, Specialty::Endocrinology),
        obgyn: clinic::any_of(rng, Specialty::ObGyn),
        pharmacy: rng.random_range(0..clinic::PHARMACIES.len()),
        sees_endocrinology: index == people::ANA || rng.random_bool(0.35),
        a1c_at_diagnosis: if index == people::ANA { 9.1 } else { normal(rng, 8.4, 0.8).clamp(7.0, 11.5) },
        a1c_target: if index == people::ANA { 6.7 } else { normal(rng, 6.9, 0.35).clamp(6.2, 7.8) },
        a1c_drift: if index == people::ANA { 0.02 } else { normal(rng, 0.008, 0.008).max(0.0) },
        diabetes_every: if index == people::ANA { 2 } else { 3 },
    }
}

// ---------------------------------------------------------------------------------------------
// Who the patient is: the patient row, MRN, contacts and coverage

const CONTACT_MOTHER: (&str, &str) = ("MTH", "mother");
const CONTACT_FATHER: (&str, &str) = ("FTH", "father");
const CONTACT_DAUGHTER: (&str, &str) = ("DAU", "daughter");
const CONTACT_SON: (&str, &str) = ("SON", "son");
const CONTACT_SPOUSE: (&str, &str) = ("SPS", "spouse");

const PARENT_FEMALE: &[&str] =
    &["Laura", "Maria", "Jennifer", "Sarah", "Angela", "Michelle", "Teresa", "Nicole", "Ana Sofía"];
const PARENT_MALE: &[&str] =
    &["David", "Carlos", "James", "Michael", "Luis", "Kevin", "Daniel", "Steven", "Jorge"];

impl Sim<'_> {
    fn age_on(&self, day: Day) -> i32 {
        age_years(self.person.birth, day)
    }

    fn demographics(&mut self) {
        let p = &self.person;
        let gp = STAFF[self.plan.gp].id();
        self.chart.rows.patients.push(Patient {
            id: self.chart.patient_id.clone(),
            source: SOURCE.into(),
            source_id: Some(p.mrn.clone()),
            is_stub: 0,
            active: 1,
            given: Some(p.given.clone()),
            family: Some(p.family.clone()),
            birth_date: Some(p.birth.iso()),
            gender: Some(p.sex.gender().into()),
            marital_status: p.marital_status.map(str::to_owned),
            language: Some(p.language().into()),
            phone: Some(p.phone.clone()),
            email: p.email.clone(),
            address_line: Some(p.address_line.clone()),
            city: Some(p.city.into()),
            state: Some(STATE.into()),
            postal_code: Some(p.postal_code.into()),
            country: Some(COUNTRY.into()),
            race: Some(p.race.into()),
            ethnicity: Some(p.ethnicity().into()),
            general_practitioner_id: Some(gp),
            managing_organization_id: Some(clinic::system_id()),
            updated_at: UPDATED_AT.into(),
            ..Patient::default()
        });
        self.chart.rows.identifiers.push(Identifier {
            resource_type: "Patient".into(),
            resource_id: self.chart.patient_id.clone(),
            system: MRN_SYSTEM.into(),
            value: p.mrn.clone(),
            type_code: Some("MR".into()),
            type_text: Some("Medical record number".into()),
            sealed_value: None,
        });
        self.contacts();
        self.coverage();
    }

    fn contact(
        &mut self,
        relation: (&str, &str),
        given: &str,
        family: &str,
        phone: String,
        email: Option<String>,
    ) {
        let seq =
            self.chart.rows.patient_contacts.iter().filter(|c| c.patient_id == self.chart.patient_id).count();
        self.chart.rows.patient_contacts.push(PatientContact {
            patient_id: self.chart.patient_id.clone(),
            seq: i64::try_from(seq).unwrap_or(0),
            relationship_code: Some(relation.0.into()),
            relationship_display: Some(relation.1.into()),
            given: Some(given.into()),
            family: Some(family.into()),
            phone: Some(phone),
            email,
            address_line: Some(self.person.address_line.clone()),
            city: Some(self.person.city.into()),
            state: Some(STATE.into()),
            postal_code: Some(self.person.postal_code.into()),
            country: Some(COUNTRY.into()),
        });
    }

    fn contacts(&mut self) {
        let age = self.age_on(REFERENCE);
        let family = self.person.family.clone();
        match self.person.index {
            people::MATEO => {
                let rosa = &people::FEATURED[people::ROSA];
                self.contact(
                    CONTACT_MOTHER,
                    rosa.given,
                    rosa.family,
                    rosa.phone.into(),
                    rosa.email.map(str::to_owned),
                );
            }
            people::JORDAN => self.contact(CONTACT_MOTHER, "Susan", "Lee", "(555) 314-2206".into(), None),
            _ if age < 18 => {
                let mother = *people::pick(&mut self.rng, PARENT_FEMALE);
                let phone = self.person.phone.clone();
                let email = Some(format!(
                    "{}.{}@mail.example",
                    people::ascii_lower(mother),
                    people::ascii_lower(&family)
                ));
                self.contact(CONTACT_MOTHER, mother, &family, phone, email);
                if self.rng.random_bool(0.6) {
                    let father = *people::pick(&mut self.rng, PARENT_MALE);
                    let phone = people::phone(&mut self.rng);
                    self.contact(CONTACT_FATHER, father, &family, phone, None);
                }
            }
            _ if age >= 65 => {
                let (relation, names) = if self.rng.random_bool(0.5) {
                    (CONTACT_DAUGHTER, PARENT_FEMALE)
                } else {
                    (CONTACT_SON, PARENT_MALE)
                };
                let given = *people::pick(&mut self.rng, names);
                let phone = people::phone(&mut self.rng);
                self.contact(relation, given, &family, phone, None);
            }
            _ if self.person.marital_status == Some("M") && self.rng.random_bool(0.6) => {
                let names = if self.person.sex == Sex::Female { PARENT_MALE } else { PARENT_FEMALE };
                let given = *people::pick(&mut self.rng, names);
                let phone = people::phone(&mut self.rng);
                self.contact(CONTACT_SPOUSE, given, &family, phone, None);
            }
            _ => {}
        }
    }

    fn coverage_row(&mut self, payer: usize, start: Day, end: Option<Day>, dependent: bool) {
        let (id, source_id) = self.chart.id("Coverage");
        let p = &clinic::PAYERS[payer];
        let kind = match p.kind {
            PayerKind::Commercial => codes::PRIVATE_INSURANCE,
            PayerKind::Medicare => codes::MEDICARE,
            PayerKind::Medicaid => codes::MEDICAID,
        };
        let prefix = match p.kind {
            PayerKind::Commercial => "SMH",
            PayerKind::Medicare => "1EG4",
            PayerKind::Medicaid => "MCD",
        };
        let member = format!("{prefix}{:08}", self.rng.random_range(0..100_000_000));
        let subscriber = if dependent {
            format!("{prefix}{:08}", self.rng.random_range(0..100_000_000))
        } else {
            member.clone()
        };
        self.chart.rows.coverages.push(Coverage {
            id,
            source: SOURCE.into(),
            source_id: Some(source_id),
            patient_id: self.chart.patient_id.clone(),
            status: if end.is_some() { "cancelled" } else { "active" }.into(),
            type_system: Some(kind.system.into()),
            type_code: Some(kind.code.into()),
            type_display: Some(kind.display.into()),
            subscriber_id: Some(subscriber),
            relationship: Some(if dependent { "child" } else { "self" }.into()),
            payor_id: Some(clinic::payer_id(payer)),
            payor_display: Some(p.name.into()),
            plan_name: Some((*people::pick(&mut self.rng, p.plans)).into()),
            group_name: (p.kind == PayerKind::Commercial)
                .then(|| format!("Riverbend Area Employers {}", self.rng.random_range(100..999))),
            member_id: Some(member),
            period_start: Some(start.iso()),
            period_end: end.map(Day::iso),
            updated_at: UPDATED_AT.into(),
        });
    }

    fn coverage(&mut self) {
        const COMMERCIAL: usize = 0;
        const MEDICARE: usize = 1;
        const MEDICAID: usize = 2;
        let age = self.age_on(REFERENCE);
        let start = self.plan.joined.max(ymd(self.plan.joined.year(), 1, 1));
        let sixty_five = self.person.birth.plus_months(65 * 12);
        if age >= 65 {
            if sixty_five > self.plan.joined {
                self.coverage_row(COMMERCIAL, start, Some(sixty_five.plus(-1)), false);
            }
            if self.rng.random_bool(0.96) || self.person.index == people::WALTER {
                self.coverage_row(MEDICARE, sixty_five.max(start), None, false);
            }
            return;
        }
        let child = age < 18;
        let roll = self.rng.random_range(0..100);
        let featured_commercial = matches!(self.person.index, people::ANA | people::JORDAN);
        let featured_medicaid = matches!(self.person.index, people::ROSA | people::MATEO);
        if featured_medicaid || (!featured_commercial && roll < if child { 40 } else { 18 }) {
            self.coverage_row(MEDICAID, start, None, false);
        } else if featured_commercial || roll < 92 {
            self.coverage_row(COMMERCIAL, start, None, child);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The visits

impl Sim<'_> {
    fn visits(&mut self) -> Vec<Visit> {
        let mut visits = vec![self.first_visit()];
        self.well_child_visits(&mut visits);
        self.check_ups(&mut visits);
        self.problem_visits(&mut visits);
        self.sick_visits(&mut visits);
        self.prenatal_visits(&mut visits);
        visits.retain(|v| v.day >= self.plan.joined && v.day < REFERENCE);
        visits.sort_by_key(|v| (v.day, !v.first));
        self.adult_vaccines(&mut visits);
        self.flu_seasons(&mut visits);
        visits.sort_by_key(|v| (v.day, !v.first));
        visits
    }

    fn first_visit(&mut self) -> Visit {
        let months = self.plan.joined.since(self.person.birth) / 30;
        let kind = if self.age_on(self.plan.joined) < 18 {
            let scheduled =
                vaccines::WELL_CHILD_MONTHS.iter().rev().find(|&&m| m <= months).copied().unwrap_or(0);
            Kind::WellChild(scheduled)
        } else {
            Kind::CheckUp
        };
        let mut visit = Visit::new(self.plan.joined, kind);
        visit.first = true;
        visit
    }

    fn well_child_visits(&mut self, visits: &mut Vec<Visit>) {
        let Kind::WellChild(first_month) = visits[0].kind else { return };
        for &months in vaccines::WELL_CHILD_MONTHS.iter().filter(|&&m| m > first_month) {
            let day = self.person.birth.plus_months(months).plus(self.rng.random_range(0..11));
            let attend = if months < 36 { 0.93 } else { 0.85 };
            if day < REFERENCE && (self.person.index < people::FEATURED.len() || self.rng.random_bool(attend))
            {
                visits.push(Visit::new(day, Kind::WellChild(months)));
            }
        }
    }

    fn check_ups(&mut self, visits: &mut Vec<Visit>) {
        let anchor = self.plan.joined.max(self.person.birth.plus_months(18 * 12));
        let mut year = 1;
        loop {
            let day = anchor.plus(year * 365 + self.rng.random_range(-20..21));
            if day >= REFERENCE {
                break;
            }
            if self.rng.random_bool(self.plan.check_up_rate) {
                visits.push(Visit::new(day, Kind::CheckUp));
            }
            year += 1;
        }
    }

    fn problem_visits(&mut self, visits: &mut Vec<Visit>) {
        let problems = self.plan.problems.clone();
        for problem in &problems {
            let start = problem.onset.max(self.plan.joined);
            if problem.onset > self.plan.joined && !problem.kind.found_at_check_up() {
                visits.push(Visit::new(problem.onset, Kind::Diagnosis(problem.kind)));
            }
            let every = match problem.kind {
                Chronic::Diabetes => Some(self.plan.diabetes_every),
                kind => kind.follow_up_months(),
            };
            if let Some(months) = every {
                self.repeat(visits, start, months, Kind::FollowUp);
            }
            let specialist = match problem.kind {
                Chronic::CoronaryDisease | Chronic::AtrialFibrillation => Some((Specialty::Cardiology, 12)),
                Chronic::Diabetes if self.plan.sees_endocrinology => Some((Specialty::Endocrinology, 12)),
                Chronic::Eczema | Chronic::Acne => Some((Specialty::Dermatology, 600)),
                _ => None,
            };
            if let Some((specialty, months)) = specialist {
                self.repeat(visits, start.plus(60), months, Kind::Specialist(specialty));
            }
        }
        // A follow-up close to another visit is folded into it.
        visits.sort_by_key(|v| v.day);
        let mut kept: Vec<Visit> = Vec::with_capacity(visits.len());
        for v in visits.drain(..) {
            let close = kept.last().is_some_and(|k| v.day.since(k.day) < 30);
            if v.kind == Kind::FollowUp && close {
                continue;
            }
            kept.push(v);
        }
        *visits = kept;
    }

    fn repeat(&mut self, visits: &mut Vec<Visit>, start: Day, months: i32, kind: Kind) {
        let mut n = 1;
        loop {
            let day = start.plus_months(months * n).plus(self.rng.random_range(-10..11));
            if day >= REFERENCE {
                break;
            }
            let attend = if self.person.index < people::FEATURED.len() { 0.97 } else { 0.85 };
            if self.rng.random_bool(attend) {
                visits.push(Visit::new(day, kind));
            }
            n += 1;
        }
    }

    fn sick_visits(&mut self, visits: &mut Vec<Visit>) {
        let mut day = self.plan.joined;
        loop {
            let age = self.age_on(day);
            let rate = by_age(age, &[(0, 0.8), (6, 0.4), (18, 0.25), (65, 0.3)]);
            let gap = -(1.0 - self.rng.random::<f64>()).ln() / rate * 365.0;
            day = day.plus(whole_days(gap.clamp(14.0, 20_000.0)));
            if day >= REFERENCE {
                break;
            }
            let age = self.age_on(day);
            let female_adult = self.person.sex == Sex::Female && age >= 16;
            let roll = self.rng.random_range(0..100);
            let illness = if age < 6 {
                match roll {
                    0..40 => Acute::EarInfection,
                    40..70 => Acute::Sinusitis,
                    70..85 => Acute::Pharyngitis,
                    _ => Acute::Bronchitis,
                }
            } else {
                match roll {
                    80..90 if female_adult => Acute::Cystitis,
                    0..35 | 80..90 => Acute::Sinusitis,
                    35..55 => Acute::Pharyngitis,
                    55..65 => Acute::Strep,
                    65..80 => Acute::Bronchitis,
                    _ => Acute::Sprain,
                }
            };
            let emergency = self.rng.random_bool(if illness == Acute::Sprain { 0.4 } else { 0.05 });
            visits.push(Visit::new(
                day,
                if emergency { Kind::Emergency(illness) } else { Kind::Sick(illness) },
            ));
        }
    }

    fn prenatal_visits(&mut self, visits: &mut Vec<Visit>) {
        let Some(delivery) = self.plan.delivery else { return };
        let conception = delivery.plus(-274);
        visits.push(Visit::new(conception.plus(56 + self.rng.random_range(0..10)), Kind::PrenatalFirst));
        for week in [16, 20, 24, 28, 32, 36, 38] {
            visits.push(Visit::new(conception.plus(week * 7 + self.rng.random_range(0..4)), Kind::Prenatal));
        }
    }

    /// Tdap, shingles, pneumococcal and COVID-19 vaccines for adults and teens.
    fn adult_vaccines(&mut self, visits: &mut Vec<Visit>) {
        if self.plan.hesitant {
            return;
        }
        let birth = self.person.birth;
        let mut extra = Vec::new();
        let mut tdap: Option<Day> = None;
        let mut zoster = false;
        let mut pneumococcal = false;
        for v in visits.iter_mut().filter(|v| v.kind == Kind::CheckUp) {
            let age = age_years(birth, v.day);
            if age >= 19 && tdap.is_none_or(|d| v.day.since(d) > 3650) && self.rng.random_bool(0.35) {
                v.shots.push(if tdap.is_none() { codes::TDAP } else { codes::TD });
                tdap = Some(v.day);
            }
            if age >= 50 && !zoster && v.day >= ymd(2018, 3, 1) && self.rng.random_bool(0.45) {
                zoster = true;
                v.shots.push(codes::ZOSTER);
                let mut second = Visit::new(v.day.plus(self.rng.random_range(60..180)), Kind::Shots);
                second.shots.push(codes::ZOSTER);
                extra.push(second);
            }
            if age >= 65 && !pneumococcal && self.rng.random_bool(0.7) {
                pneumococcal = true;
                if v.day >= ymd(2022, 1, 1) {
                    v.shots.push(codes::PCV20);
                } else {
                    v.shots.push(codes::PCV13);
                    let mut later = Visit::new(v.day.plus(365 + self.rng.random_range(0..60)), Kind::Shots);
                    later.shots.push(codes::PPSV23);
                    extra.push(later);
                }
            }
        }
        let covid_rate = by_age(self.age_on(REFERENCE), &[(12, 0.55), (18, 0.65), (65, 0.85)]);
        if self.rng.random_bool(covid_rate) {
            let first = ymd(2021, 2, 1).plus(self.rng.random_range(0..150));
            let mut doses = vec![(first, codes::COVID_PFIZER), (first.plus(21), codes::COVID_PFIZER)];
            if self.rng.random_bool(0.45) {
                doses.push((ymd(2022, 9, 15).plus(self.rng.random_range(0..90)), codes::COVID_BIVALENT));
            }
            for year in 2023..=2025 {
                if self.rng.random_bool(0.3) {
                    doses.push((
                        ymd(year, 9, 15).plus(self.rng.random_range(0..90)),
                        codes::COVID_UNSPECIFIED,
                    ));
                }
            }
            for (day, vaccine) in doses {
                if vaccines::fits_age(&vaccine, day.since(birth)) {
                    let mut shot = Visit::new(day, Kind::Shots);
                    shot.shots.push(vaccine);
                    extra.push(shot);
                }
            }
        }
        visits.extend(extra.into_iter().filter(|v| v.day >= self.plan.joined && v.day < REFERENCE));
    }

    /// A flu shot in the seasons the patient takes one: at a visit that fall, or a visit of its
    /// own. This fall's season has only begun, so many patients are still due.
    fn flu_seasons(&mut self, visits: &mut Vec<Visit>) {
        if self.plan.hesitant {
            return;
        }
        for year in self.plan.joined.year() - 1..=REFERENCE.year() {
            if !self.rng.random_bool(self.plan.flu_rate) {
                continue;
            }
            let (from, to) = (ymd(year, 9, 1), ymd(year, 12, 31));
            let old_enough = |day: Day| day.since(self.person.birth) >= 183;
            let at_visit = visits.iter_mut().find(|v| {
                (from..=to).contains(&v.day)
                    && old_enough(v.day)
                    && !matches!(v.kind, Kind::Emergency(_) | Kind::Shots)
            });
            if let Some(v) = at_visit {
                v.flu = true;
                continue;
            }
            let day = ymd(year, 10, 1).plus(self.rng.random_range(-25..60));
            if day >= self.plan.joined && day < REFERENCE && old_enough(day) {
                let mut shot = Visit::new(day, Kind::Shots);
                shot.flu = true;
                visits.push(shot);
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// One visit

/// Labels of the visit summary document, in English and Spanish.
const DOC_VISIT_TITLE: Text = Text { en: "Visit summary", es: "Resumen de la visita" };
const DOC_LAB_TITLE: Text = Text { en: "Your lab results", es: "Sus resultados de laboratorio" };

impl Sim<'_> {
    /// Who sees the patient, where, and what the visit is called.
    fn who(&mut self, v: &Visit) -> (usize, usize, Code, &'static str) {
        let child = self.age_on(v.day) < 18;
        let primary = if child {
            self.plan.pediatrician
        } else if self.plan.gp == self.plan.pediatrician {
            clinic::INTERNIST
        } else {
            self.plan.gp
        };
        let site_of = |s: usize| STAFF[s].site;
        let (who, code, class) = match v.kind {
            Kind::WellChild(_) => (self.plan.pediatrician, codes::WELL_CHILD, "AMB"),
            Kind::CheckUp => (primary, codes::CHECK_UP, "AMB"),
            Kind::Diagnosis(Chronic::Acne) | Kind::Specialist(_)
                if !matches!(v.kind, Kind::Specialist(Specialty::Cardiology | Specialty::Endocrinology)) =>
            {
                (clinic::DERMATOLOGIST, codes::CONSULTATION, "AMB")
            }
            Kind::Diagnosis(_) => (primary, codes::PROBLEM_VISIT, "AMB"),
            Kind::FollowUp => (primary, codes::FOLLOW_UP, "AMB"),
            Kind::Specialist(Specialty::Cardiology) => (self.plan.cardiologist, codes::CONSULTATION, "AMB"),
            Kind::Specialist(Specialty::Endocrinology) => {
                (self.plan.endocrinologist, codes::CONSULTATION, "AMB")
            }
            Kind::Specialist(_) => (clinic::DERMATOLOGIST, codes::CONSULTATION, "AMB"),
            Kind::Sick(_) => {
                let np = if child { clinic::CHILD_NP } else { clinic::ADULT_NP };
                (if self.rng.random_bool(0.35) { np } else { primary }, codes::SYMPTOM_VISIT, "AMB")
            }
            Kind::Emergency(_) => (clinic::EMERGENCY_DOCTOR, codes::EMERGENCY, "EMER"),
            Kind::PrenatalFirst => (self.plan.obgyn, codes::PRENATAL_INITIAL, "AMB"),
            Kind::Prenatal => (self.plan.obgyn, codes::PRENATAL, "AMB"),
            Kind::Shots => {
                let site = if child { clinic::CHILDRENS } else { clinic::DOWNTOWN };
                (clinic::nurse_at(site).unwrap_or(primary), codes::VACCINATION_VISIT, "AMB")
            }
        };
        (who, site_of(who), code, class)
    }

    fn reason(&self, v: &Visit) -> Option<Code> {
        match v.kind {
            Kind::Diagnosis(kind) => Some(kind.code()),
            Kind::Sick(illness) | Kind::Emergency(illness) => Some(illness.code()),
            Kind::PrenatalFirst | Kind::Prenatal => Some(codes::PREGNANCY),
            Kind::FollowUp | Kind::Specialist(_) => self
                .plan
                .problems
                .iter()
                .find(|p| p.begun && p.kind.follow_up_months().is_some())
                .map(|p| p.kind.code()),
            _ => None,
        }
    }

    fn visit(&mut self, v: &Visit) {
        let (who, site, type_code, class) = self.who(v);
        let minute = 480 + 8 * 60 + self.rng.random_range(0..34) * 15;
        let length = match v.kind {
            Kind::Emergency(_) => self.rng.random_range(150..330),
            Kind::Shots => 15,
            Kind::CheckUp | Kind::WellChild(_) | Kind::Specialist(_) => 40,
            _ => 25,
        };
        let (encounter_id, source_id) = self.chart.id("Encounter");
        let location_id = clinic::site_id(site);
        let nurse = clinic::nurse_at(site).map(|n| STAFF[n].id());
        let at = At {
            encounter_id: &encounter_id,
            location_id: &location_id,
            day: v.day,
            minute,
            performer: nurse.or_else(|| Some(STAFF[who].id())),
            orderer: STAFF[who].id(),
        };
        self.begin_problems(v.day);
        self.apply_treatment(v.day);
        let reason = self.reason(v);
        let mut avs: Vec<Text> = Vec::new();
        let mut note: Vec<String> = vec![self.note_opening(v)];
        let vitals = self.vitals(v, &at);
        if !vitals.is_empty() {
            note.push(vitals.clone());
        }
        if v.first {
            self.first_visit_history(&at, who, &mut avs, &mut note);
        }
        self.visit_kind(v, &at, who, &mut avs, &mut note);
        self.manage_problems(v, &at, who, &mut avs, &mut note);
        let reports = self.order_labs(v, &at, &mut avs, &mut note);
        if !reports.is_empty() {
            avs.push(say::LABS_SENT);
        }
        self.shots(v, &at, &mut avs, &mut note);
        avs.push(self.closing(v));
        let summary = say::compose(&avs, self.person.spanish);
        let start = v.day.at(minute);
        let end = v.day.at(minute + length);
        if v.day.since(REFERENCE.plus(-730)) >= 0 && v.kind != Kind::Shots && self.rng.random_bool(0.5) {
            self.visit_document(&at, who, type_code, &summary, &vitals);
        }
        let recent = v.day.since(REFERENCE.plus(-730)) >= 0;
        if let Some(report) = reports.into_iter().find(|r| r.abnormal() > 0 || r.panel == codes::CMP_PANEL)
            && recent
            && self.rng.random_bool(0.6)
        {
            self.lab_letter(&at, who, &report);
        }
        self.chart.rows.encounters.push(Encounter {
            id: encounter_id.clone(),
            source: SOURCE.into(),
            source_id: Some(source_id),
            patient_id: self.chart.patient_id.clone(),
            status: "finished".into(),
            class_code: Some(class.into()),
            type_system: Some(type_code.system.into()),
            type_code: Some(type_code.code.into()),
            type_display: Some(type_code.display.into()),
            reason_system: reason.map(|r| r.system.into()),
            reason_code: reason.map(|r| r.code.into()),
            reason_display: reason.map(|r| r.display.into()),
            practitioner_id: Some(STAFF[who].id()),
            location_id: Some(location_id.clone()),
            organization_id: Some(clinic::site_organization(site)),
            period_start: Some(start.clone()),
            period_end: Some(end.clone()),
            start_at: Some(start),
            end_at: Some(end),
            after_visit_summary: Some(summary),
            note: Some(note.join(" ")),
            updated_at: UPDATED_AT.into(),
            confidential: sensitivity::flag(
                reason.is_some_and(|r| sensitivity::is_confidential_code(Some(r.system), Some(r.code))),
            ),
        });
    }

    fn note_opening(&self, v: &Visit) -> String {
        let age = self.age_on(v.day);
        let who = match (age, self.person.sex) {
            (..18, Sex::Female) => "girl",
            (..18, Sex::Male) => "boy",
            (_, Sex::Female) => "woman",
            (_, Sex::Male) => "man",
        };
        let age = if age == 0 {
            format!("{}-month-old", v.day.since(self.person.birth) / 30)
        } else {
            format!("{age}-year-old")
        };
        let what = match v.kind {
            Kind::WellChild(_) => "well-child visit".to_owned(),
            Kind::CheckUp if v.first => "new patient visit".to_owned(),
            Kind::CheckUp => "annual exam".to_owned(),
            Kind::Diagnosis(kind) => format!("seen for {}", kind.code().display.to_lowercase()),
            Kind::FollowUp => "chronic care follow-up".to_owned(),
            Kind::Specialist(s) => format!("{} consult", s.taxonomy().display.to_lowercase()),
            Kind::Sick(a) | Kind::Emergency(a) => {
                format!("presents with {}", a.code().display.to_lowercase())
            }
            Kind::PrenatalFirst => "initial prenatal visit".to_owned(),
            Kind::Prenatal => "routine prenatal visit".to_owned(),
            Kind::Shots => "nurse visit for immunization".to_owned(),
        };
        format!("{age} {who}, {what}.")
    }

    /// Problems begin silently on their onset day; the body changes then.
    fn begin_problems(&mut self, day: Day) {
        for i in 0..self.plan.problems.len() {
            let p = self.plan.problems[i];
            if p.begun || p.onset > day {
                continue;
            }
            self.plan.problems[i].begun = true;
            match p.kind {
                Chronic::Diabetes => {
                    self.body.a1c = if p.onset < self.plan.joined {
                        self.plan.a1c_target + 0.5
                    } else {
                        self.plan.a1c_at_diagnosis
                    };
                    self.last_a1c_update = Some(day);
                    self.body.triglycerides += 55.0;
                }
                Chronic::Prediabetes => self.body.a1c = normal(&mut self.rng, 6.0, 0.15).clamp(5.7, 6.4),
                Chronic::Hypertension => self.body.hypertension = true,
                Chronic::Hyperlipidemia => self.body.hyperlipidemia = true,
                Chronic::Hypothyroidism => self.body.tsh = normal(&mut self.rng, 9.0, 1.5).max(5.5),
                Chronic::KidneyDisease => self.body.creatinine = normal(&mut self.rng, 1.65, 0.12).max(1.4),
                Chronic::Anemia => self.body.hemoglobin = normal(&mut self.rng, 10.6, 0.4),
                Chronic::VitaminD => self.body.vitamin_d = normal(&mut self.rng, 16.0, 3.0).clamp(8.0, 24.0),
                Chronic::Copd => self.body.oxygen_base = 93.5,
                Chronic::AtrialFibrillation => self.body.heart_rate_extra = 10.0,
                _ => {}
            }
        }
    }

    fn first_visit_history(&mut self, at: &At<'_>, who: usize, avs: &mut Vec<Text>, note: &mut Vec<String>) {
        let before: Vec<Problem> =
            self.plan.problems.iter().copied().filter(|p| p.begun && !p.recorded).collect();
        for problem in before {
            if problem.kind.found_at_check_up() {
                continue;
            }
            self.diagnose(problem.kind, at, who, true, avs);
            note.push(format!("History of {}.", problem.kind.code().display.to_lowercase()));
        }
        let allergies = self.plan.allergies.clone();
        for a in allergies {
            self.allergy(&ALLERGENS[a], at);
            note.push(format!("Allergy: {}.", ALLERGENS[a].substance.display));
        }
        if !self.plan.allergies.is_empty() {
            avs.push(say::ALLERGY);
        }
        if self.plan.allergies.iter().any(|&a| ALLERGENS[a].reaction == codes::ANAPHYLAXIS) {
            avs.push(say::EPI_PEN);
        }
    }

    fn visit_kind(
        &mut self,
        v: &Visit,
        at: &At<'_>,
        who: usize,
        avs: &mut Vec<Text>,
        note: &mut Vec<String>,
    ) {
        let age = self.age_on(v.day);
        match v.kind {
            Kind::WellChild(months) => avs.push(if months < 12 {
                say::WELL_BABY
            } else if age < 12 {
                say::WELL_CHILD
            } else {
                say::WELL_TEEN
            }),
            Kind::CheckUp => avs.push(if v.first { say::NEW_PATIENT } else { say::CHECK_UP }),
            Kind::Diagnosis(kind) => {
                if let Some(i) = self.plan.problems.iter().position(|p| p.kind == kind && !p.recorded) {
                    let problem = self.plan.problems[i];
                    self.diagnose(problem.kind, at, who, false, avs);
                }
            }
            Kind::Specialist(_) => avs.push(say::SPECIALIST),
            Kind::Sick(illness) | Kind::Emergency(illness) => self.acute(illness, v, at, who, avs, note),
            Kind::PrenatalFirst => {
                avs.push(say::PRENATAL_FIRST);
                self.pregnancy(at, who, v.day);
            }
            Kind::Prenatal => avs.push(say::PRENATAL),
            Kind::FollowUp | Kind::Shots => {}
        }
    }

    fn closing(&mut self, v: &Visit) -> Text {
        let diabetic = self.has(Chronic::Diabetes);
        match v.kind {
            Kind::FollowUp | Kind::Diagnosis(_) | Kind::CheckUp if diabetic => say::COME_BACK_3,
            Kind::FollowUp | Kind::Diagnosis(_) => say::COME_BACK_6,
            Kind::WellChild(months) if months < 24 => say::NEXT_WELL_VISIT,
            Kind::CheckUp | Kind::WellChild(_) | Kind::Specialist(_) => say::COME_BACK_YEAR,
            _ => say::BRING_MEDICINES,
        }
    }

    fn has(&self, kind: Chronic) -> bool {
        self.plan.problems.iter().any(|p| p.kind == kind && p.recorded)
    }

    /// Height, weight, blood pressure and the rest, as the kind of visit calls for; returns
    /// them in a line for the note.
    fn vitals(&mut self, v: &Visit, at: &At<'_>) -> String {
        let days = v.day.since(self.person.birth);
        let (years, months) = (f64::from(days) / 365.25, f64::from(days) / 30.44);
        let sick = matches!(v.kind, Kind::Sick(_) | Kind::Emergency(_));
        let fever = match v.kind {
            Kind::Sick(a) | Kind::Emergency(a) => a.fever() && self.rng.random_bool(0.7),
            _ => false,
        };
        let full = matches!(v.kind, Kind::WellChild(_) | Kind::CheckUp | Kind::PrenatalFirst) || v.first;
        if v.kind == Kind::Shots {
            return String::new();
        }
        if years >= 18.0 {
            self.body.bmi = (self.body.bmi + normal(&mut self.rng, 0.0, 0.22))
                .clamp(self.bmi_center - 3.5, self.bmi_center + 3.5);
        }
        let mut line = Vec::new();
        if years >= 3.0 {
            let (s, d) = self.body.blood_pressure(&mut self.rng, years);
            labs::blood_pressure(&mut self.chart, at, s, d);
            self.bp_readings.push((v.day, s, d));
            line.push(format!("BP {s}/{d}"));
        }
        let hr = self.body.heart_rate(&mut self.rng, years, sick || fever);
        labs::vital(&mut self.chart, at, codes::HEART_RATE, hr, "/min");
        line.push(format!("HR {hr}"));
        if full || sick || years < 3.0 {
            let rr = Body::respiratory_rate(&mut self.rng, years, sick);
            labs::vital(&mut self.chart, at, codes::RESPIRATORY_RATE, rr, "/min");
            let temp = Body::temperature(&mut self.rng, fever);
            labs::vital(&mut self.chart, at, codes::BODY_TEMPERATURE, temp, "Cel");
            line.push(format!("T {temp} C"));
        }
        if full || sick || v.kind == Kind::FollowUp {
            let spo2 = self.body.oxygen(&mut self.rng, sick);
            labs::vital(&mut self.chart, at, codes::SPO2, spo2, "%");
            line.push(format!("SpO2 {spo2}%"));
        }
        let weight = round(self.body.weight(months) * normal(&mut self.rng, 1.0, 0.004), 1);
        let weight = if matches!(v.kind, Kind::Prenatal) { weight + 4.0 } else { weight };
        labs::vital(&mut self.chart, at, codes::BODY_WEIGHT, weight, "kg");
        self.weights.push(weight);
        line.push(format!("Wt {weight} kg"));
        let height = round(self.body.height(months), 1);
        if full || years < 18.0 {
            labs::vital(&mut self.chart, at, codes::BODY_HEIGHT, height, "cm");
        }
        if years >= 2.0 && !matches!(v.kind, Kind::Prenatal | Kind::PrenatalFirst) {
            let bmi = round(weight / (height / 100.0).powi(2), 1);
            labs::vital(&mut self.chart, at, codes::BMI, bmi, "kg/m2");
            line.push(format!("BMI {bmi}"));
        }
        if months < 24.0 && matches!(v.kind, Kind::WellChild(_)) {
            let head = round(self.body.head(months), 1);
            labs::vital(&mut self.chart, at, codes::HEAD_CIRCUMFERENCE, head, "cm");
        }
        format!("{}.", line.join(", "))
    }
}

// ---------------------------------------------------------------------------------------------
// Problems: diagnosis, treatment, follow-up

impl Sim<'_> {
    fn condition(&mut self, code: Code, at: &At<'_>, onset: Day, category: &str, abatement: Option<Day>) {
        let (id, source_id) = self.chart.id("Condition");
        let onset_text = if onset < at.day.plus(-60) { onset.iso()[..7].to_owned() } else { onset.iso() };
        let onset_at = crate::fhir::datetime::instant(&onset_text);
        self.chart.rows.conditions.push(Condition {
            id,
            source: SOURCE.into(),
            source_id: Some(source_id),
            patient_id: self.chart.patient_id.clone(),
            encounter_id: Some(at.encounter_id.to_owned()),
            clinical_status: Some(
                if abatement.is_some_and(|d| d < REFERENCE) { "resolved" } else { "active" }.into(),
            ),
            verification_status: Some("confirmed".into()),
            category: Some(category.into()),
            severity: None,
            code_system: Some(code.system.into()),
            code: Some(code.code.into()),
            code_display: Some(code.display.into()),
            onset: Some(onset_text),
            onset_at,
            abatement: abatement.filter(|d| *d < REFERENCE).map(Day::iso),
            recorded_date: Some(at.day.iso()),
            note: None,
            updated_at: UPDATED_AT.into(),
            confidential: sensitivity::flag(sensitivity::is_confidential_code(
                Some(code.system),
                Some(code.code),
            )),
        });
    }

    /// Records a problem, starts its treatment and care plan.
    fn diagnose(&mut self, kind: Chronic, at: &At<'_>, who: usize, before: bool, avs: &mut Vec<Text>) {
        let Some(i) = self.plan.problems.iter().position(|p| p.kind == kind && !p.recorded) else { return };
        self.plan.problems[i].recorded = true;
        let onset = self.plan.problems[i].onset;
        let abatement = match kind {
            Chronic::Anemia => Some(onset.max(at.day).plus(200)),
            Chronic::Acne => Some(onset.plus(1100)),
            _ => None,
        };
        self.condition(kind.code(), at, onset, "problem-list-item", abatement);
        self.treatment_since(kind, at.day);
        self.treat(kind, at, who, before, avs);
    }

    /// Treatment and care plan for diabetes, high blood pressure and cholesterol.
    fn treat_cardiometabolic(
        &mut self,
        kind: Chronic,
        at: &At<'_>,
        who: usize,
        before: bool,
        avs: &mut Vec<Text>,
    ) {
        let start = at.day;
        let effective = if before { start.plus(-3650) } else { start };
        let reason = kind.code();
        let start_drug = |sim: &mut Self, drug: Drug| {
            sim.start_from(drug, start, effective, who, reason, Some(at.encounter_id));
        };
        match kind {
            Chronic::Diabetes => {
                start_drug(self, codes::METFORMIN);
                if !before {
                    avs.push(say::DIABETES_NEW);
                }
                avs.push(say::A1C_GOAL);
                self.care_plan(
                    at,
                    who,
                    codes::DIABETES_PLAN,
                    &[codes::DIABETIC_DIET, codes::EXERCISE_THERAPY],
                    Some(GoalKind::A1c),
                );
            }
            Chronic::Hypertension => {
                let drug = if self.plan.allergies.contains(&allergen(codes::LISINOPRIL_INGREDIENT)) {
                    codes::LOSARTAN
                } else {
                    codes::LISINOPRIL
                };
                start_drug(self, drug);
                self.last_bp_change = Some(start);
                avs.push(if before { say::BP_GOOD } else { say::BP_NEW });
                self.care_plan(
                    at,
                    who,
                    codes::HYPERTENSION_PLAN,
                    &[codes::EXERCISE_EDUCATION, codes::HEALTHY_DIET, codes::ALCOHOL_COUNSELING],
                    Some(GoalKind::BloodPressure),
                );
            }
            Chronic::Hyperlipidemia => {
                let drug =
                    if start < ymd(2014, 1, 1) { codes::SIMVASTATIN_20 } else { codes::ATORVASTATIN_20 };
                start_drug(self, drug);
                avs.push(if before { say::CHOLESTEROL_OK } else { say::CHOLESTEROL_NEW });
                self.care_plan(
                    at,
                    who,
                    codes::HYPERLIPIDEMIA_PLAN,
                    &[codes::HEALTHY_DIET, codes::EXERCISE_THERAPY],
                    Some(GoalKind::Ldl),
                );
            }
            _ => {}
        }
    }

    /// Starts the treatment of a problem just recorded; `before` when the patient had it
    /// (and its treatment) before joining.
    fn treat(&mut self, kind: Chronic, at: &At<'_>, who: usize, before: bool, avs: &mut Vec<Text>) {
        let start = at.day;
        let effective = if before { start.plus(-3650) } else { start };
        let reason = kind.code();
        let start_drug = |sim: &mut Self, drug: Drug| {
            sim.start_from(drug, start, effective, who, reason, Some(at.encounter_id));
        };
        match kind {
            Chronic::Diabetes | Chronic::Hypertension | Chronic::Hyperlipidemia => {
                self.treat_cardiometabolic(kind, at, who, before, avs);
            }
            Chronic::Asthma => {
                start_drug(self, codes::ALBUTEROL);
                if self.age_on(start) >= 5 {
                    start_drug(self, codes::FLUTICASONE);
                }
                avs.push(say::ASTHMA);
                self.care_plan(
                    at,
                    who,
                    codes::ASTHMA_PLAN,
                    &[codes::ASTHMA_MANAGEMENT],
                    Some(GoalKind::Asthma),
                );
            }
            Chronic::Copd => {
                start_drug(self, codes::FLUTICASONE_SALMETEROL);
                start_drug(self, codes::ALBUTEROL);
                avs.push(say::ASTHMA);
            }
            Chronic::Depression => {
                start_drug(self, if self.age_on(start) < 18 { codes::FLUOXETINE } else { codes::SERTRALINE });
                avs.push(if before { say::DEPRESSION_FOLLOW_UP } else { say::DEPRESSION });
                self.care_plan(at, who, codes::DEPRESSION_PLAN, &[codes::CBT], Some(GoalKind::Mood));
            }
            Chronic::Hypothyroidism => {
                start_drug(self, codes::LEVOTHYROXINE);
                avs.push(say::THYROID);
            }
            Chronic::Osteoarthritis => {
                // No anti-inflammatory pills with a blood thinner or weak kidneys.
                let risky = self.plan.problems.iter().any(|p| {
                    matches!(
                        p.kind,
                        Chronic::AtrialFibrillation | Chronic::KidneyDisease | Chronic::CoronaryDisease
                    )
                });
                if !risky {
                    start_drug(self, codes::NAPROXEN);
                }
                avs.push(say::JOINTS);
            }
            Chronic::CoronaryDisease => {
                start_drug(self, codes::ASPIRIN_81);
                start_drug(self, codes::METOPROLOL);
                avs.push(say::HEART);
            }
            Chronic::AtrialFibrillation => {
                start_drug(self, codes::APIXABAN);
                start_drug(self, codes::METOPROLOL);
                avs.push(say::HEART);
            }
            Chronic::KidneyDisease => avs.push(say::KIDNEY),
            Chronic::Eczema => {
                self.short_course(codes::HYDROCORTISONE_CREAM, start, who, reason, at.encounter_id);
                avs.push(say::SKIN);
            }
            Chronic::Acne => avs.push(say::ACNE),
            Chronic::Anemia => {
                let mut course = Course {
                    drug: codes::FERROUS_SULFATE,
                    start,
                    effective,
                    end: Some(start.plus(180)),
                    stop_note: None,
                    renewed: false,
                    requester: who,
                    reason,
                    encounter_id: Some(at.encounter_id.to_owned()),
                };
                course.end = course.end.filter(|d| *d < REFERENCE);
                self.courses.push(course);
                avs.push(say::IRON);
            }
            Chronic::VitaminD => avs.push(say::VITAMIN_D),
            Chronic::Osteoporosis => {
                start_drug(self, codes::ALENDRONATE);
                avs.push(say::BONES);
            }
            Chronic::Prediabetes => avs.push(say::WEIGHT),
        }
    }

    /// Remembers when treatment began, so its effect shows at later visits.
    fn treatment_since(&mut self, kind: Chronic, day: Day) {
        self.treated_since.push((kind, day));
    }

    fn treated_for(&self, kind: Chronic, day: Day, days: i32) -> bool {
        self.treated_since.iter().any(|&(k, since)| k == kind && day.since(since) >= days)
    }

    fn start(&mut self, drug: Drug, start: Day, who: usize, reason: Code, encounter_id: Option<&str>) {
        self.start_from(drug, start, start, who, reason, encounter_id);
    }

    fn start_from(
        &mut self,
        drug: Drug,
        start: Day,
        effective: Day,
        who: usize,
        reason: Code,
        encounter_id: Option<&str>,
    ) {
        if self.courses.iter().any(|c| c.drug == drug && c.end.is_none()) {
            return;
        }
        self.courses.push(Course {
            drug,
            start,
            effective,
            end: None,
            stop_note: None,
            renewed: true,
            requester: who,
            reason,
            encounter_id: encounter_id.map(str::to_owned),
        });
    }

    fn short_course(&mut self, drug: Drug, start: Day, who: usize, reason: Code, encounter_id: &str) {
        let end = start.plus(i32::try_from(drug.days_supply).unwrap_or(10));
        self.courses.push(Course {
            drug,
            start,
            effective: start,
            end: (end < REFERENCE).then_some(end),
            stop_note: None,
            renewed: false,
            requester: who,
            reason,
            encounter_id: Some(encounter_id.to_owned()),
        });
    }

    fn stop(&mut self, drug: Drug, day: Day, why: &'static str) {
        if let Some(c) = self.courses.iter_mut().find(|c| c.drug == drug && c.end.is_none()) {
            c.end = Some(day);
            c.stop_note = Some(why);
        }
    }

    /// What the medicines taken by `day` do to the body: a blood pressure pill two weeks in, a
    /// statin a month in.
    fn apply_treatment(&mut self, day: Day) {
        let taking = |c: &Course, days: i32| day.since(c.effective) >= days && c.end.is_none_or(|e| e > day);
        let pressure = [codes::LISINOPRIL, codes::LOSARTAN, codes::AMLODIPINE, codes::HYDROCHLOROTHIAZIDE];
        let count = self.courses.iter().filter(|c| pressure.contains(&c.drug) && taking(c, 14)).count();
        self.body.bp_medicines = u32::try_from(count).unwrap_or(3);
        self.body.statin_effect = self
            .courses
            .iter()
            .filter(|c| taking(c, 30))
            .map(|c| match c.drug.code.code {
                "312961" => 0.3,
                "617310" => 0.38,
                "617311" => 0.48,
                _ => 0.0,
            })
            .fold(0.0, f64::max);
    }

    /// What the chronic problems ask of a check-up, follow-up or specialist visit.
    fn manage_problems(
        &mut self,
        v: &Visit,
        at: &At<'_>,
        who: usize,
        avs: &mut Vec<Text>,
        note: &mut Vec<String>,
    ) {
        if !matches!(v.kind, Kind::CheckUp | Kind::FollowUp | Kind::Specialist(_)) {
            return;
        }
        let adult = self.age_on(v.day) >= 18;
        if adult && v.kind == Kind::CheckUp && !self.obesity_recorded && self.body.bmi >= 30.0 {
            self.obesity_recorded = true;
            self.condition(codes::OBESITY, at, v.day, "problem-list-item", None);
            self.care_plan(
                at,
                who,
                codes::WEIGHT_PLAN,
                &[codes::HEALTHY_DIET, codes::EXERCISE_THERAPY],
                Some(GoalKind::Weight),
            );
            avs.push(say::WEIGHT);
        }
        if self.has(Chronic::Diabetes) {
            self.update_a1c(v.day);
        }
        if self.has(Chronic::Hypothyroidism) && self.treated_for(Chronic::Hypothyroidism, v.day, 42) {
            self.body.tsh = normal(&mut self.rng, 2.0, 0.6).clamp(0.6, 3.6);
        }
        if self.has(Chronic::Anemia) && self.treated_for(Chronic::Anemia, v.day, 90) {
            self.body.hemoglobin = normal(&mut self.rng, 13.2, 0.5);
        }
        if self.has(Chronic::VitaminD) && self.treated_for(Chronic::VitaminD, v.day, 90) {
            self.body.vitamin_d = normal(&mut self.rng, 34.0, 5.0).max(30.5);
        }
        if self.has(Chronic::KidneyDisease) {
            self.body.creatinine += 0.01;
        }
        if self.has(Chronic::Hypertension) {
            self.manage_blood_pressure(v.day, at, who, avs, note);
        }
        if v.kind == Kind::FollowUp {
            if self.has(Chronic::Asthma) {
                avs.push(say::ASTHMA);
            }
            if self.has(Chronic::Depression) {
                avs.push(say::DEPRESSION_FOLLOW_UP);
            }
            if self.has(Chronic::AtrialFibrillation) || self.has(Chronic::CoronaryDisease) {
                avs.push(say::HEART);
            }
        }
    }

    /// A1c heads towards the patient's target once treated, drifts up as years pass, and
    /// drops when insulin is added.
    fn update_a1c(&mut self, day: Day) {
        let last = self.last_a1c_update.unwrap_or(day);
        let months = f64::from(day.since(last)) / 30.44;
        let onset = self.plan.problems.iter().find(|p| p.kind == Chronic::Diabetes).map_or(day, |p| p.onset);
        let since = f64::from(day.since(onset)) / 30.44;
        let drift = (self.plan.a1c_drift * since).min(2.0);
        let target = self.plan.a1c_target + drift - if self.on_insulin { 1.4 } else { 0.0 };
        let noise = normal(&mut self.rng, 0.0, 0.12 * (months.min(6.0) / 3.0).sqrt());
        self.body.a1c = (target + (self.body.a1c - target) * (-months / 2.5).exp() + noise).clamp(5.6, 13.0);
        self.last_a1c_update = Some(day);
    }

    fn manage_blood_pressure(
        &mut self,
        day: Day,
        at: &At<'_>,
        who: usize,
        avs: &mut Vec<Text>,
        note: &mut Vec<String>,
    ) {
        let Some(&(_, s, d)) = self.bp_readings.last() else { return };
        let settled = self.last_bp_change.is_none_or(|c| day.since(c) >= 150);
        if s >= 145.0 && self.body.bp_medicines < 3 && settled {
            let drug =
                if self.body.bp_medicines == 1 { codes::AMLODIPINE } else { codes::HYDROCHLOROTHIAZIDE };
            self.start(drug, day, who, codes::HYPERTENSION, Some(at.encounter_id));
            self.last_bp_change = Some(day);
            avs.push(say::BP_MED_ADDED);
            note.push(format!("BP above goal; added {}.", drug.code.display));
        } else if s < 130.0 && d < 80.0 {
            avs.push(say::BP_GOOD);
        } else if s >= 140.0 || d >= 90.0 {
            avs.push(say::BP_HIGH);
        } else {
            avs.push(say::BP_CLOSE);
        }
        // Some patients cough on lisinopril and switch.
        let on_lisinopril = self.courses.iter().any(|c| c.drug == codes::LISINOPRIL && c.end.is_none());
        if on_lisinopril && self.rng.random_bool(0.02) {
            self.stop(codes::LISINOPRIL, day, "Stopped: dry cough. Switched to losartan.");
            self.start(codes::LOSARTAN, day, who, codes::HYPERTENSION, Some(at.encounter_id));
            let cough = allergen(codes::LISINOPRIL_INGREDIENT);
            self.plan.allergies.push(cough);
            self.allergy(&ALLERGENS[cough], at);
            note.push("Dry cough on lisinopril; changed to losartan.".into());
        }
    }

    fn acute(
        &mut self,
        illness: Acute,
        v: &Visit,
        at: &At<'_>,
        who: usize,
        avs: &mut Vec<Text>,
        note: &mut Vec<String>,
    ) {
        let resolved = v.day.plus(self.rng.random_range(7..21));
        let onset = v.day.plus(-self.rng.random_range(1..5));
        self.condition(illness.code(), at, onset, "encounter-diagnosis", Some(resolved));
        if matches!(v.kind, Kind::Emergency(_)) {
            avs.push(say::EMERGENCY);
        }
        let age = self.age_on(v.day);
        let penicillin_allergy = self.plan.allergies.contains(&allergen(codes::PENICILLIN_G));
        let reason = illness.code();
        match illness {
            Acute::Sinusitis | Acute::Pharyngitis | Acute::Bronchitis => {
                avs.push(say::COLD);
                let drug = if age < 12 { codes::ACETAMINOPHEN_CHEWABLE } else { codes::ACETAMINOPHEN };
                if age >= 2 && self.rng.random_bool(0.4) {
                    self.short_course(drug, v.day, who, reason, at.encounter_id);
                }
            }
            Acute::Strep | Acute::EarInfection => {
                avs.push(if illness == Acute::EarInfection && age < 12 {
                    say::EAR_INFECTION
                } else {
                    say::ANTIBIOTIC
                });
                if penicillin_allergy {
                    note.push("Penicillin allergy; no amoxicillin.".into());
                } else if age >= 6 {
                    let drug = if age >= 12 { codes::AMOXICILLIN_500 } else { codes::AMOXICILLIN_250 };
                    self.short_course(drug, v.day, who, reason, at.encounter_id);
                }
            }
            Acute::Cystitis => {
                avs.push(say::BLADDER);
                self.short_course(codes::NITROFURANTOIN, v.day, who, reason, at.encounter_id);
            }
            Acute::Sprain => {
                avs.push(say::SPRAIN);
                if age >= 12 && !self.plan.allergies.contains(&allergen(codes::IBUPROFEN_INGREDIENT)) {
                    self.short_course(codes::IBUPROFEN, v.day, who, reason, at.encounter_id);
                }
            }
        }
    }

    fn pregnancy(&mut self, at: &At<'_>, who: usize, day: Day) {
        let delivery = self.plan.delivery.unwrap_or(day.plus(220));
        self.condition(codes::PREGNANCY, at, day.plus(-50), "problem-list-item", Some(delivery));
        self.care_plan(
            at,
            who,
            codes::ANTENATAL_PLAN,
            &[codes::ANTENATAL_EDUCATION, codes::ANTENATAL_RISK_ASSESSMENT],
            None,
        );
        if delivery < REFERENCE {
            let Some(plan) = self.chart.rows.care_plans.last_mut() else { return };
            plan.status = "completed".into();
            plan.period_end = Some(delivery.iso());
            let id = plan.id.clone();
            for activity in self.chart.rows.care_plan_activities.iter_mut().filter(|a| a.care_plan_id == id) {
                activity.status = Some("completed".into());
            }
        }
    }

    fn allergy(&mut self, a: &Allergen, at: &At<'_>) {
        let (id, source_id) = self.chart.id("AllergyIntolerance");
        let onset = self
            .person
            .birth
            .plus(self.rng.random_range(200..=at.day.since(self.person.birth).max(201)))
            .min(at.day);
        self.chart.rows.allergies.push(Allergy {
            id: id.clone(),
            source: SOURCE.into(),
            source_id: Some(source_id),
            patient_id: self.chart.patient_id.clone(),
            encounter_id: Some(at.encounter_id.to_owned()),
            clinical_status: Some("active".into()),
            verification_status: Some("confirmed".into()),
            allergy_type: Some(a.kind.into()),
            category: Some(a.category.into()),
            criticality: Some(a.criticality.into()),
            code_system: Some(a.substance.system.into()),
            code: Some(a.substance.code.into()),
            code_display: Some(a.substance.display.into()),
            onset: Some(onset.iso()[..4].to_owned()),
            recorded_date: Some(at.day.iso()),
            last_occurrence: None,
            note: None,
            updated_at: UPDATED_AT.into(),
        });
        self.chart.rows.allergy_reactions.push(AllergyReaction {
            allergy_id: id,
            seq: 0,
            substance_code: Some(a.substance.code.into()),
            substance_display: Some(a.substance.display.into()),
            manifestation_system: Some(a.reaction.system.into()),
            manifestation_code: Some(a.reaction.code.into()),
            manifestation_display: Some(a.reaction.display.into()),
            severity: Some(a.severity.into()),
            description: Some(format!(
                "{} after contact with {}",
                a.reaction.display,
                a.substance.display.to_lowercase()
            )),
            onset: Some(onset.iso()[..4].to_owned()),
        });
        if a.reaction == codes::ANAPHYLAXIS {
            self.start(codes::EPINEPHRINE, at.day, self.plan.gp, a.substance, Some(at.encounter_id));
        } else if a.category == "environment" && a.reaction == codes::SNEEZING {
            self.start(codes::CETIRIZINE, at.day, self.plan.gp, a.substance, Some(at.encounter_id));
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Labs, shots and care plans

impl Sim<'_> {
    fn lab_orders(&mut self, v: &Visit) -> Vec<Order> {
        let day = v.day;
        let age = self.age_on(day);
        let mut orders = Vec::new();
        let diabetic = self.has(Chronic::Diabetes);
        let l = &self.labs;
        match v.kind {
            Kind::CheckUp if age >= 18 => {
                let chance =
                    if age >= 65 || self.plan.problems.iter().any(|p| p.recorded) { 0.85 } else { 0.5 };
                if due(l.cmp, day, 300) && self.rng.random_bool(chance) {
                    orders.extend([Order::Cbc, Order::Cmp]);
                }
                let cardiac =
                    diabetic || self.has(Chronic::Hyperlipidemia) || self.has(Chronic::CoronaryDisease);
                if (age >= 20 && due(l.lipids, day, 5 * 365)) || (cardiac && due(l.lipids, day, 330)) {
                    orders.push(Order::Lipids);
                }
                let risk = self.body.bmi >= 25.0 && age >= 35;
                let prediabetic =
                    self.plan.problems.iter().any(|p| p.kind == Chronic::Prediabetes && p.begun);
                if !diabetic && ((risk && due(l.a1c, day, 3 * 365)) || (prediabetic && due(l.a1c, day, 330)))
                {
                    orders.push(Order::A1c);
                }
                if self.rng.random_bool(0.15) && due(l.urinalysis, day, 365) {
                    orders.push(Order::Urinalysis { infection: false });
                }
            }
            Kind::Diagnosis(kind) => orders.extend(match kind {
                Chronic::Diabetes => vec![
                    Order::A1c,
                    Order::Cmp,
                    Order::Lipids,
                    Order::Urinalysis { infection: false },
                    Order::Microalbumin,
                ],
                Chronic::Hypertension | Chronic::AtrialFibrillation => vec![Order::Cmp],
                Chronic::Hyperlipidemia => vec![Order::Lipids],
                Chronic::Hypothyroidism => vec![Order::Tsh],
                Chronic::Anemia => vec![Order::Cbc],
                Chronic::VitaminD => vec![Order::VitaminD],
                Chronic::KidneyDisease => {
                    vec![Order::Cmp, Order::Urinalysis { infection: false }, Order::Microalbumin]
                }
                _ => vec![],
            }),
            Kind::Sick(Acute::Cystitis) => orders.push(Order::Urinalysis { infection: true }),
            Kind::Emergency(_) if self.rng.random_bool(0.5) => orders.extend([Order::Cbc, Order::Cmp]),
            Kind::PrenatalFirst => orders.extend([Order::Cbc, Order::Urinalysis { infection: false }]),
            _ => {}
        }
        if matches!(v.kind, Kind::CheckUp | Kind::FollowUp | Kind::Specialist(Specialty::Endocrinology)) {
            self.follow_up_orders(day, &mut orders);
        }
        let mut unique = Vec::new();
        for o in orders {
            if !unique.contains(&o) {
                unique.push(o);
            }
        }
        unique
    }

    fn follow_up_orders(&self, day: Day, orders: &mut Vec<Order>) {
        let l = &self.labs;
        if self.has(Chronic::Diabetes) {
            if due(l.a1c, day, 50) {
                orders.push(Order::A1c);
            }
            if due(l.cmp, day, 170) {
                orders.push(Order::Cmp);
            }
            if due(l.lipids, day, 330) {
                orders.push(Order::Lipids);
            }
            if due(l.microalbumin, day, 330) {
                orders.extend([Order::Microalbumin, Order::Urinalysis { infection: false }]);
            }
        }
        if (self.has(Chronic::Hypertension) && due(l.cmp, day, 330))
            || (self.has(Chronic::KidneyDisease) && due(l.cmp, day, 170))
        {
            orders.push(Order::Cmp);
        }
        if self.has(Chronic::Hyperlipidemia) && due(l.lipids, day, 330) {
            orders.push(Order::Lipids);
        }
        if self.has(Chronic::Hypothyroidism) && due(l.tsh, day, 300) {
            orders.push(Order::Tsh);
        }
        let recent = |kind: Chronic| {
            self.plan
                .problems
                .iter()
                .any(|p| p.kind == kind && p.recorded && day.since(p.onset.max(self.plan.joined)) < 400)
        };
        if recent(Chronic::Anemia) && due(l.cbc, day, 80) {
            orders.push(Order::Cbc);
        }
        if recent(Chronic::VitaminD) && due(l.vitamin_d, day, 80) {
            orders.push(Order::VitaminD);
        }
    }

    fn order_labs(
        &mut self,
        v: &Visit,
        at: &At<'_>,
        avs: &mut Vec<Text>,
        note: &mut Vec<String>,
    ) -> Vec<Reported> {
        let orders = self.lab_orders(v);
        let spanish = self.person.spanish;
        let mut reports = Vec::new();
        for order in orders {
            let day = Some(v.day);
            let report = match order {
                Order::Cbc => {
                    self.labs.cbc = day;
                    let values = self.body.cbc(&mut self.rng);
                    labs::report(&mut self.chart, at, codes::CBC_PANEL, &values, &[], spanish)
                }
                Order::Cmp => {
                    self.labs.cmp = day;
                    let values = self.body.cmp(&mut self.rng);
                    labs::report(&mut self.chart, at, codes::CMP_PANEL, &values, &[], spanish)
                }
                Order::Lipids => {
                    self.labs.lipids = day;
                    let values = self.body.lipids(&mut self.rng);
                    labs::report(&mut self.chart, at, codes::LIPID_PANEL, &values, &[], spanish)
                }
                Order::A1c => {
                    self.labs.a1c = day;
                    let value = self.body.a1c_result(&mut self.rng);
                    labs::report(&mut self.chart, at, codes::A1C.code, &[(codes::A1C, value)], &[], spanish)
                }
                Order::Tsh => {
                    self.labs.tsh = day;
                    let value = self.body.tsh_result(&mut self.rng);
                    labs::report(&mut self.chart, at, codes::TSH.code, &[(codes::TSH, value)], &[], spanish)
                }
                Order::VitaminD => {
                    self.labs.vitamin_d = day;
                    let value = self.body.vitamin_d_result(&mut self.rng);
                    labs::report(
                        &mut self.chart,
                        at,
                        codes::VITAMIN_D.code,
                        &[(codes::VITAMIN_D, value)],
                        &[],
                        spanish,
                    )
                }
                Order::Microalbumin => {
                    self.labs.microalbumin = day;
                    let value = self.body.microalbumin_result(&mut self.rng);
                    labs::report(
                        &mut self.chart,
                        at,
                        codes::MICROALBUMIN.code,
                        &[(codes::MICROALBUMIN, value)],
                        &[],
                        spanish,
                    )
                }
                Order::Urinalysis { infection } => {
                    self.labs.urinalysis = day;
                    let (numeric, qualitative) = self.body.urinalysis(&mut self.rng, infection);
                    labs::report(
                        &mut self.chart,
                        at,
                        codes::URINALYSIS_PANEL,
                        &numeric,
                        &qualitative,
                        spanish,
                    )
                }
            };
            self.react_to(&report, v.day, at, avs, note);
            reports.push(report);
        }
        reports
    }

    /// What the clinician does about a result: notes it, and for A1c and LDL, may change
    /// treatment.
    fn react_to(
        &mut self,
        report: &Reported,
        day: Day,
        at: &At<'_>,
        avs: &mut Vec<Text>,
        note: &mut Vec<String>,
    ) {
        for &labs::LabResult { lab, value, flag, .. } in &report.results {
            if lab == codes::A1C {
                let previous = self.a1c_results.last().map(|r| r.1);
                self.a1c_results.push((day, value));
                note.push(match previous {
                    Some(p) => format!("A1c {value}% (prior {p}%)."),
                    None => format!("A1c {value}%."),
                });
                if self.has(Chronic::Diabetes) && previous.is_some() {
                    let better = value < 7.0 || previous.is_some_and(|p| value < p - 0.2);
                    avs.push(if better { say::DIABETES_BETTER } else { say::DIABETES_WORSE });
                    if value > 8.4 && !self.on_insulin && self.a1c_results.len() > 2 {
                        self.on_insulin = true;
                        let who = self.plan.gp;
                        self.start(
                            codes::INSULIN_70_30,
                            day,
                            who,
                            codes::TYPE_2_DIABETES,
                            Some(at.encounter_id),
                        );
                        avs.push(say::INSULIN_START);
                        note.push("Started insulin 70/30.".into());
                    }
                } else if value >= 5.7 {
                    self.found_prediabetes(at);
                }
            } else if lab == codes::LDL {
                self.ldl_results.push((day, value));
                let weak_statin = self.courses.iter().any(|c| {
                    c.end.is_none() && (c.drug == codes::SIMVASTATIN_20 || c.drug == codes::ATORVASTATIN_20)
                });
                if value > 130.0 && weak_statin {
                    let old =
                        if self.courses.iter().any(|c| c.end.is_none() && c.drug == codes::SIMVASTATIN_20) {
                            codes::SIMVASTATIN_20
                        } else {
                            codes::ATORVASTATIN_20
                        };
                    self.stop(old, day, "Stopped: LDL above goal. Changed to atorvastatin 40 mg.");
                    let who = self.plan.gp;
                    self.start(
                        codes::ATORVASTATIN_40,
                        day,
                        who,
                        codes::HYPERLIPIDEMIA,
                        Some(at.encounter_id),
                    );
                    note.push(format!("LDL {value} on statin; increased to atorvastatin 40 mg."));
                }
            } else if flag != "N" {
                note.push(format!("{} {value} {} ({flag}).", lab.code.display, lab.unit));
            }
        }
    }

    fn found_prediabetes(&mut self, at: &At<'_>) {
        let Some(i) = self.plan.problems.iter().position(|p| p.kind == Chronic::Prediabetes && !p.recorded)
        else {
            return;
        };
        self.plan.problems[i].recorded = true;
        let onset = self.plan.problems[i].onset;
        self.condition(codes::PREDIABETES, at, onset.max(at.day.plus(-30)), "problem-list-item", None);
    }

    fn shots(&mut self, v: &Visit, at: &At<'_>, avs: &mut Vec<Text>, note: &mut Vec<String>) {
        let age_days = v.day.since(self.person.birth);
        let mut given: Vec<Vaccine> = Vec::new();
        if let Kind::WellChild(months) = v.kind {
            // Doses of the schedule's months since the last visit, including visits missed;
            // a first visit at an older age starts the record there.
            let mut due_now = std::mem::take(&mut self.pending_shots);
            let newborn = v.first && months == 0;
            if let Some(last) = self.last_schedule_month.filter(|_| !v.first) {
                for &m in vaccines::WELL_CHILD_MONTHS.iter().filter(|&&m| m > last && m <= months) {
                    due_now.extend(vaccines::childhood(m, v.day, self.person.sex, self.plan.combination));
                }
            } else if newborn {
                due_now.extend(vaccines::childhood(0, v.day, self.person.sex, self.plan.combination));
            }
            self.last_schedule_month = Some(months);
            if !self.plan.hesitant {
                for vaccine in due_now {
                    if !vaccines::fits_age(&vaccine, age_days) {
                        continue;
                    }
                    if self.rng.random_bool(0.04) {
                        self.pending_shots.push(vaccine);
                    } else {
                        given.push(vaccine);
                    }
                }
            }
        }
        if v.flu {
            given.push(vaccines::flu(
                &mut self.rng,
                if v.day.month() >= 7 { v.day.year() } else { v.day.year() - 1 },
            ));
        }
        given.extend(v.shots.iter().copied().filter(|s| vaccines::fits_age(s, age_days)));
        if given.is_empty() {
            return;
        }
        for vaccine in &given {
            vaccines::give(&mut self.chart, at, &mut self.rng, *vaccine, age_days);
        }
        let names: Vec<&str> = given.iter().map(|g| g.code.display).collect();
        note.push(format!("Immunizations given: {}.", names.join("; ")));
        avs.push(if self.age_on(v.day) < 18 {
            say::SHOTS_CHILD
        } else if given.len() == 1 && v.flu {
            say::FLU_SHOT
        } else {
            say::SHOTS_ADULT
        });
    }

    fn care_plan(
        &mut self,
        at: &At<'_>,
        who: usize,
        category: Code,
        activities: &[Code],
        goal: Option<GoalKind>,
    ) {
        let (id, source_id) = self.chart.id("CarePlan");
        let (title, description) = plan_words(category, self.person.spanish);
        self.chart.rows.care_plans.push(CarePlan {
            id: id.clone(),
            source: SOURCE.into(),
            source_id: Some(source_id),
            patient_id: self.chart.patient_id.clone(),
            encounter_id: Some(at.encounter_id.to_owned()),
            status: "active".into(),
            intent: "plan".into(),
            category_system: Some(category.system.into()),
            category_code: Some(category.code.into()),
            category_display: Some(category.display.into()),
            title: Some(title.into()),
            description: Some(description.into()),
            period_start: Some(at.day.iso()),
            period_end: None,
            author_id: Some(STAFF[who].id()),
            updated_at: UPDATED_AT.into(),
        });
        for (seq, activity) in activities.iter().enumerate() {
            self.chart.rows.care_plan_activities.push(CarePlanActivity {
                care_plan_id: id.clone(),
                seq: i64::try_from(seq).unwrap_or(0),
                code_system: Some(activity.system.into()),
                code: Some(activity.code.into()),
                code_display: Some(activity.display.into()),
                status: Some("in-progress".into()),
                description: Some(activity_words(*activity, self.person.spanish).into()),
            });
        }
        if let Some(kind) = goal {
            self.goals.push(PendingGoal { kind, care_plan_id: id, start: at.day });
        }
    }
}

/// A care plan's title and description, in the patient's language.
fn plan_words(category: Code, spanish: bool) -> (&'static str, &'static str) {
    let (en, es) = match category.code {
        "735985000" => (
            (
                "Diabetes care plan",
                "Eat balanced meals, move every day, take your medicine and check your A1c.",
            ),
            (
                "Plan para la diabetes",
                "Coma comidas balanceadas, muévase cada día, tome su medicina y revise su A1c.",
            ),
        ),
        "443402002" => (
            ("Blood pressure care plan", "Eat less salt, stay active, limit alcohol and take your pills."),
            (
                "Plan para la presión",
                "Coma menos sal, manténgase activo, tome poco alcohol y tome sus pastillas.",
            ),
        ),
        "736285004" => (
            ("Cholesterol care plan", "Eat heart-healthy food, stay active and take your cholesterol pill."),
            (
                "Plan para el colesterol",
                "Coma comida sana para el corazón, manténgase activo y tome su pastilla.",
            ),
        ),
        "699728000" => (
            (
                "Asthma action plan",
                "Use your daily inhaler, know your triggers and when to use your rescue inhaler.",
            ),
            (
                "Plan para el asma",
                "Use su inhalador diario, conozca lo que le causa el asma y cuándo usar el de rescate.",
            ),
        ),
        "718361005" => (
            ("Healthy weight plan", "Small changes in food and activity to reach a healthier weight."),
            (
                "Plan de peso saludable",
                "Pequeños cambios en comida y actividad para llegar a un peso más sano.",
            ),
        ),
        "737434004" => (
            ("Mood care plan", "Take your medicine, talk with a counselor and reach out if you feel unsafe."),
            (
                "Plan para el estado de ánimo",
                "Tome su medicina, hable con un consejero y pida ayuda si no se siente seguro.",
            ),
        ),
        _ => (
            (
                "Pregnancy care plan",
                "Regular visits, a prenatal vitamin and healthy habits for you and your baby.",
            ),
            (
                "Plan para el embarazo",
                "Citas regulares, vitamina prenatal y hábitos sanos para usted y su bebé.",
            ),
        ),
    };
    if spanish { es } else { en }
}

fn activity_words(activity: Code, spanish: bool) -> &'static str {
    let (en, es) = match activity.code {
        "160670007" => {
            ("Eat meals with less sugar and white flour.", "Coma con menos azúcar y harina blanca.")
        }
        "229065009" => {
            ("Walk or move for 30 minutes most days.", "Camine o muévase 30 minutos casi todos los días.")
        }
        "386463000" => {
            ("Learn simple exercises you can do at home.", "Aprenda ejercicios sencillos para hacer en casa.")
        }
        "226234005" => ("Fill half your plate with vegetables.", "Llene la mitad de su plato con verduras."),
        "413473000" => {
            ("Limit alcohol to 1 drink a day or less.", "Tome 1 bebida de alcohol al día o menos.")
        }
        "406162001" => ("Use your inhalers the way we showed you.", "Use sus inhaladores como le enseñamos."),
        "228557008" => {
            ("Meet with a counselor to talk things through.", "Reúnase con un consejero para hablar.")
        }
        "135892000" => {
            ("Learn what to expect as your baby grows.", "Aprenda qué esperar mientras crece su bebé.")
        }
        _ => ("Check for any risks to you or your baby.", "Revisar cualquier riesgo para usted o su bebé."),
    };
    if spanish { es } else { en }
}

// ---------------------------------------------------------------------------------------------
// Documents, medications and goals, written from the whole history

impl Sim<'_> {
    fn document(&mut self, at: &At<'_>, who: usize, kind: Code, title: &str, text: &str) {
        let (id, source_id) = self.chart.id("DocumentReference");
        let when = at.day.at(at.minute + 60);
        let data = text.as_bytes().to_vec();
        let hash = base64::engine::general_purpose::STANDARD.encode(Sha1::digest(&data));
        self.chart.rows.documents.push(Document {
            id: id.clone(),
            source: SOURCE.into(),
            source_id: Some(source_id),
            patient_id: self.chart.patient_id.clone(),
            encounter_id: Some(at.encounter_id.to_owned()),
            status: "current".into(),
            doc_status: Some("final".into()),
            type_system: Some(kind.system.into()),
            type_code: Some(kind.code.into()),
            type_display: Some(kind.display.into()),
            category: Some("clinical-note".into()),
            description: Some(title.into()),
            date_at: Some(when.clone()),
            author_id: Some(STAFF[who].id()),
            custodian_id: Some(clinic::system_id()),
            updated_at: UPDATED_AT.into(),
            confidential: 0,
        });
        self.chart.rows.document_attachments.push(DocumentAttachment {
            document_id: id,
            seq: 0,
            content_type: Some("text/plain; charset=utf-8".into()),
            language: Some(self.person.language().into()),
            title: Some(title.into()),
            url: None,
            size: Some(i64::try_from(data.len()).unwrap_or(i64::MAX)),
            hash: Some(hash),
            creation: Some(when),
            data: Some(data),
        });
    }

    fn visit_document(&mut self, at: &At<'_>, who: usize, kind: Code, summary: &str, vitals: &str) {
        let es = self.person.spanish;
        let title = DOC_VISIT_TITLE.get(es);
        let site = &clinic::SITES[STAFF[who].site];
        let mut text = format!("Riverbend Health - {title}\n\n");
        let labels = if es {
            ["Paciente", "Fecha", "Le atendió", "Tipo de visita", "Sus signos vitales", "Sus instrucciones"]
        } else {
            ["Patient", "Date", "Seen by", "Visit type", "Your vital signs", "Your instructions"]
        };
        let _ = writeln!(text, "{}: {} ({})", labels[0], self.person.display_name(), self.person.mrn);
        let _ = writeln!(text, "{}: {}", labels[1], at.day.iso());
        let _ = writeln!(text, "{}: {}, {}", labels[2], STAFF[who].name(), site.name);
        let _ = writeln!(text, "{}: {}\n", labels[3], kind.display);
        if !vitals.is_empty() {
            let _ = writeln!(text, "{}: {vitals}\n", labels[4]);
        }
        let _ = writeln!(text, "{}:\n{summary}\n", labels[5]);
        let _ =
            writeln!(text, "{} {}", if es { "Preguntas: llame al" } else { "Questions: call" }, site.phone);
        self.document(at, who, codes::VISIT_SUMMARY_DOC, title, &text);
    }

    fn lab_letter(&mut self, at: &At<'_>, who: usize, report: &Reported) {
        let es = self.person.spanish;
        let title = DOC_LAB_TITLE.get(es);
        let mut text = format!("Riverbend Health - {title}\n\n");
        if es {
            let _ = writeln!(text, "Estimado/a {}:\n", self.person.display_name());
            let _ = writeln!(
                text,
                "Sus análisis del {} están listos ({}).",
                report.day.iso(),
                report.panel.display
            );
            let _ = writeln!(
                text,
                "{} de {} resultados están fuera del rango normal.\n",
                report.abnormal(),
                report.total()
            );
        } else {
            let _ = writeln!(text, "Dear {},\n", self.person.display_name());
            let _ = writeln!(
                text,
                "Your lab tests from {} are ready ({}).",
                report.day.iso(),
                report.panel.display
            );
            let _ = writeln!(
                text,
                "{} of {} results are outside the normal range.\n",
                report.abnormal(),
                report.total()
            );
        }
        for r in &report.results {
            let (lab, value, range, flag) = (r.lab, r.value, r.range, r.flag);
            let normal = match (range.low, range.high) {
                (Some(l), Some(h)) => format!("{l}-{h}"),
                (Some(l), None) => format!(">= {l}"),
                (None, Some(h)) => format!("<= {h}"),
                (None, None) => String::new(),
            };
            let word = match (flag, es) {
                ("N", _) => "normal",
                ("H" | "HH", false) => "high",
                ("H" | "HH", true) => "alto",
                ("L" | "LL", false) => "low",
                _ => "bajo",
            };
            let _ = writeln!(text, "- {}: {value} {} ({normal}) {word}", lab.code.display, lab.unit);
        }
        text.push_str(if es {
            "\nSi tiene preguntas, llame al (555) 010-2000 o escríbanos en el portal.\n"
        } else {
            "\nIf you have questions, call (555) 010-2000 or send us a message in the portal.\n"
        });
        let _ = writeln!(text, "\n{}", STAFF[who].name());
        self.document(at, who, codes::LAB_REPORT_DOC, title, &text);
    }

    /// Each course becomes its prescriptions: one a year while it lasts, the last one active
    /// (with the refills left by now), stopped or completed.
    fn write_medications(&mut self) {
        let courses = std::mem::take(&mut self.courses);
        for course in courses {
            let end = course.end.unwrap_or(REFERENCE);
            let mut authored = course.start;
            let mut first = true;
            loop {
                let next = authored.plus(365);
                let last = !course.renewed || next >= end;
                let status = if last {
                    match (course.end, course.stop_note) {
                        (None, _) => "active",
                        (Some(_), Some(_)) => "stopped",
                        (Some(_), None) => "completed",
                    }
                } else {
                    "completed"
                };
                self.prescription(&course, authored, status, first);
                if last {
                    break;
                }
                authored = next;
                first = false;
            }
        }
    }

    fn prescription(&mut self, course: &Course, authored: Day, status: &str, first: bool) {
        let (id, source_id) = self.chart.id("MedicationRequest");
        let drug = course.drug;
        let elapsed = i64::from(REFERENCE.since(authored));
        let fills = 1 + elapsed / drug.days_supply.max(1);
        let remaining = if status == "active" { (drug.refills - (fills - 1)).max(0) } else { 0 };
        let when = authored.at(480 + 9 * 60);
        let instruction = if self.person.spanish { drug.instruction_es } else { drug.instruction_en };
        self.chart.rows.medication_requests.push(MedicationRequest {
            id,
            source: SOURCE.into(),
            source_id: Some(source_id),
            patient_id: self.chart.patient_id.clone(),
            encounter_id: if first { course.encounter_id.clone() } else { None },
            status: status.into(),
            intent: "order".into(),
            medication_system: Some(drug.code.system.into()),
            medication_code: Some(drug.code.code.into()),
            medication_display: Some(drug.code.display.into()),
            dosage_text: Some(drug.dosage.into()),
            patient_instruction: Some(instruction.into()),
            authored_on: Some(authored.iso()),
            authored_at: Some(when),
            requester_id: Some(STAFF[course.requester].id()),
            reason_system: Some(course.reason.system.into()),
            reason_code: Some(course.reason.code.into()),
            reason_display: Some(course.reason.display.into()),
            refills_allowed: Some(drug.refills),
            refills_remaining: Some(remaining),
            quantity: Some(drug.quantity),
            quantity_unit: Some(drug.quantity_unit.into()),
            days_supply: Some(drug.days_supply),
            validity_end: Some(authored.plus(365).iso()),
            pharmacy_id: Some(clinic::pharmacy_id(self.plan.pharmacy)),
            note: if status == "stopped" { course.stop_note.map(str::to_owned) } else { None },
            updated_at: UPDATED_AT.into(),
            confidential: sensitivity::flag(
                sensitivity::is_confidential_code(Some(drug.code.system), Some(drug.code.code))
                    || sensitivity::is_confidential_code(
                        Some(course.reason.system),
                        Some(course.reason.code),
                    ),
            ),
        });
    }

    /// Goals, with whether the latest results meet them.
    fn write_goals(&mut self) {
        let goals = std::mem::take(&mut self.goals);
        let es = self.person.spanish;
        for goal in goals {
            let (id, source_id) = self.chart.id("Goal");
            let (first_weight, last_weight) = (self.weights.first().copied(), self.weights.last().copied());
            let trend = |values: &[f64], target: f64| match (values.first(), values.last()) {
                (_, Some(&last)) if last < target => "achieved",
                (Some(&first), Some(&last)) if last < first => "improving",
                (Some(_), Some(_)) => "worsening",
                _ => "in-progress",
            };
            let since = |values: &[(Day, f64)]| -> Vec<f64> {
                values.iter().filter(|r| r.0 >= goal.start).map(|r| r.1).collect()
            };
            let systolic: Vec<(Day, f64)> = self.bp_readings.iter().map(|r| (r.0, r.1)).collect();
            let (text, target, achievement): (Text, Option<(Code, f64, &str)>, &str) = match goal.kind {
                GoalKind::A1c => (
                    Text { en: "A1c below 7%", es: "A1c menor de 7%" },
                    Some((codes::A1C.code, 7.0, "%")),
                    trend(&since(&self.a1c_results), 7.0),
                ),
                GoalKind::BloodPressure => (
                    Text { en: "Blood pressure below 130/80", es: "Presión menor de 130/80" },
                    Some((codes::SYSTOLIC, 130.0, "mm[Hg]")),
                    trend(&since(&systolic), 130.0),
                ),
                GoalKind::Ldl => (
                    Text { en: "LDL cholesterol below 100", es: "Colesterol LDL menor de 100" },
                    Some((codes::LDL.code, 100.0, "mg/dL")),
                    trend(&since(&self.ldl_results), 100.0),
                ),
                GoalKind::Weight => {
                    let target = round(first_weight.unwrap_or(80.0) * 0.95, 1);
                    let done = last_weight.is_some_and(|w| w <= target);
                    (
                        Text { en: "Lose 5% of your body weight", es: "Bajar 5% de su peso" },
                        Some((codes::BODY_WEIGHT, target, "kg")),
                        if done { "achieved" } else { "in-progress" },
                    )
                }
                GoalKind::Asthma => (
                    Text {
                        en: "No asthma attacks that need urgent care",
                        es: "Ningún ataque de asma que necesite urgencias",
                    },
                    None,
                    "in-progress",
                ),
                GoalKind::Mood => (
                    Text {
                        en: "Feel better and enjoy daily life",
                        es: "Sentirse mejor y disfrutar la vida diaria",
                    },
                    None,
                    "improving",
                ),
            };
            self.chart.rows.goals.push(Goal {
                id: id.clone(),
                source: SOURCE.into(),
                source_id: Some(source_id),
                patient_id: self.chart.patient_id.clone(),
                lifecycle_status: "active".into(),
                achievement_status: Some(achievement.into()),
                description: text.get(es).into(),
                description_system: None,
                description_code: None,
                target_system: target.map(|t| t.0.system.into()),
                target_code: target.map(|t| t.0.code.into()),
                target_display: target.map(|t| t.0.display.into()),
                target_low: None,
                target_high: target.map(|t| t.1),
                target_unit: target.map(|t| t.2.into()),
                due_date: Some(goal.start.plus(365).iso()),
                start_date: Some(goal.start.iso()),
                note: None,
                updated_at: UPDATED_AT.into(),
            });
            self.chart
                .rows
                .care_plan_goals
                .push(CarePlanGoal { care_plan_id: goal.care_plan_id, goal_id: id });
        }
    }
}
