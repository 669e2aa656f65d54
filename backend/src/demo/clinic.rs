//! The demo clinic itself: the Riverbend Health system, its locations in a made-up town, its
//! practitioners and their roles, and the pharmacies and payers its patients use. Fixed, so the
//! clinician sign-in always belongs to the same doctor.

use rand::RngExt as _;
use rand_chacha::ChaCha8Rng;

use super::codes::{self, Code};
use super::people::{COUNTRY, STATE};
use super::time::UPDATED_AT;
use super::{Rows, SOURCE};
use crate::records::{Identifier, Location, Organization, Practitioner, PractitionerRole, record_id};

pub const NPI_SYSTEM: &str = "http://hl7.org/fhir/sid/us-npi";
const ORGANIZATION_TYPE: (&str, &str) = ("prov", "Healthcare Provider");
const PAYER_TYPE: (&str, &str) = ("pay", "Payer");

/// What a practitioner does; it decides where they work and whom they see.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Specialty {
    FamilyMedicine,
    InternalMedicine,
    Cardiology,
    Endocrinology,
    Pediatrics,
    ObGyn,
    Dermatology,
    Emergency,
    FamilyNursePractitioner,
    Nurse,
}

impl Specialty {
    pub const fn taxonomy(self) -> Code {
        match self {
            Self::FamilyMedicine => codes::FAMILY_MEDICINE,
            Self::InternalMedicine => codes::INTERNAL_MEDICINE,
            Self::Cardiology => codes::CARDIOLOGY,
            Self::Endocrinology => codes::ENDOCRINOLOGY,
            Self::Pediatrics => codes::PEDIATRICS,
            Self::ObGyn => codes::OBSTETRICS_GYNECOLOGY,
            Self::Dermatology => codes::DERMATOLOGY,
            Self::Emergency => codes::EMERGENCY_MEDICINE,
            Self::FamilyNursePractitioner => codes::FAMILY_NURSE_PRACTITIONER,
            Self::Nurse => codes::REGISTERED_NURSE,
        }
    }

    const fn role(self) -> Code {
        match self {
            Self::FamilyNursePractitioner | Self::Nurse => codes::NURSE_ROLE,
            _ => codes::DOCTOR_ROLE,
        }
    }
}

/// A place where patients are seen.
pub struct Site {
    pub key: &'static str,
    pub name: &'static str,
    pub description: &'static str,
    pub address_line: &'static str,
    pub city: &'static str,
    pub postal_code: &'static str,
    pub phone: &'static str,
    pub latitude: f64,
    pub longitude: f64,
    /// Whether the hospital (not the clinics' health system) runs it.
    pub hospital: bool,
}

pub const MEDICAL_CENTER: usize = 0;
pub const DOWNTOWN: usize = 1;
pub const SPECIALTY: usize = 2;
pub const CHILDRENS: usize = 3;
pub const WOMENS: usize = 4;

pub const SITES: &[Site] = &[
    Site {
        key: "medical-center",
        name: "Riverbend Medical Center",
        description: "Hospital with a 24-hour emergency department, lab and imaging",
        address_line: "1200 River Road",
        city: "Riverbend",
        postal_code: "97990",
        phone: "(555) 010-2100",
        latitude: 44.0612,
        longitude: -121.3153,
        hospital: true,
    },
    Site {
        key: "downtown",
        name: "Riverbend Family Medicine - Downtown",
        description: "Primary care for adults and families",
        address_line: "45 Main Street",
        city: "Riverbend",
        postal_code: "97990",
        phone: "(555) 010-2200",
        latitude: 44.0581,
        longitude: -121.3089,
        hospital: false,
    },
    Site {
        key: "specialty",
        name: "Riverbend Specialty Clinic",
        description: "Cardiology, endocrinology and dermatology",
        address_line: "300 Cedar Avenue",
        city: "Riverbend",
        postal_code: "97990",
        phone: "(555) 010-2300",
        latitude: 44.0633,
        longitude: -121.3021,
        hospital: false,
    },
    Site {
        key: "childrens",
        name: "Riverbend Children's Clinic",
        description: "Care for babies, children and teens",
        address_line: "18 Willow Lane",
        city: "Alder Creek",
        postal_code: "97991",
        phone: "(555) 010-2400",
        latitude: 44.0714,
        longitude: -121.2877,
        hospital: false,
    },
    Site {
        key: "womens",
        name: "Riverbend Women's Health",
        description: "Obstetrics, prenatal care and gynecology",
        address_line: "760 Alder Street",
        city: "Stonebridge",
        postal_code: "97992",
        phone: "(555) 010-2500",
        latitude: 44.0498,
        longitude: -121.3302,
        hospital: false,
    },
];

/// A practitioner of the clinic.
pub struct Staff {
    pub key: &'static str,
    pub prefix: Option<&'static str>,
    pub given: &'static str,
    pub family: &'static str,
    pub suffix: &'static str,
    pub female: bool,
    pub specialty: Specialty,
    pub site: usize,
}

impl Staff {
    pub fn id(&self) -> String {
        record_id(SOURCE, "Practitioner", self.key)
    }

    /// How a note or summary names them.
    pub fn name(&self) -> String {
        match self.prefix {
            Some(prefix) => format!("{prefix} {} {}", self.given, self.family),
            None => format!("{} {}, {}", self.given, self.family, self.suffix),
        }
    }
}

const fn doctor(
    key: &'static str,
    given: &'static str,
    family: &'static str,
    female: bool,
    specialty: Specialty,
    site: usize,
) -> Staff {
    Staff { key, prefix: Some("Dr."), given, family, suffix: "MD", female, specialty, site }
}

/// The clinician sign-in's practitioner (family medicine).
pub const CLINICIAN: usize = 0;
/// An internist who takes over a patient who grew up with a pediatrician.
pub const INTERNIST: usize = 3;
/// The pediatrician of the featured children.
pub const PEDIATRICIAN: usize = 10;
pub const DERMATOLOGIST: usize = 15;
pub const EMERGENCY_DOCTOR: usize = 16;
/// Nurse practitioners for adults and for children.
pub const ADULT_NP: usize = 17;
pub const CHILD_NP: usize = 18;
/// The nurse sign-in's practitioner.
pub const NURSE: usize = 19;

pub const STAFF: &[Staff] = &[
    doctor("priya-shah", "Priya", "Shah", true, Specialty::FamilyMedicine, DOWNTOWN),
    doctor("daniel-okoro", "Daniel", "Okoro", false, Specialty::FamilyMedicine, DOWNTOWN),
    doctor("elena-vargas", "Elena", "Vargas", true, Specialty::FamilyMedicine, DOWNTOWN),
    doctor("marcus-bell", "Marcus", "Bell", false, Specialty::InternalMedicine, DOWNTOWN),
    doctor("hannah-lindqvist", "Hannah", "Lindqvist", true, Specialty::InternalMedicine, DOWNTOWN),
    doctor("samuel-ortiz", "Samuel", "Ortiz", false, Specialty::InternalMedicine, DOWNTOWN),
    doctor("nadia-karim", "Nadia", "Karim", true, Specialty::Cardiology, SPECIALTY),
    doctor("robert-haines", "Robert", "Haines", false, Specialty::Cardiology, SPECIALTY),
    doctor("mei-tanaka", "Mei", "Tanaka", true, Specialty::Endocrinology, SPECIALTY),
    doctor("luis-navarro", "Luis", "Navarro", false, Specialty::Endocrinology, SPECIALTY),
    doctor("grace-whitfield", "Grace", "Whitfield", true, Specialty::Pediatrics, CHILDRENS),
    doctor("omar-haddad", "Omar", "Haddad", false, Specialty::Pediatrics, CHILDRENS),
    doctor("julia-reyes", "Julia", "Reyes", true, Specialty::Pediatrics, CHILDRENS),
    doctor("claire-dumont", "Claire", "Dumont", true, Specialty::ObGyn, WOMENS),
    doctor("isabel-serrano", "Isabel", "Serrano", true, Specialty::ObGyn, WOMENS),
    doctor("victor-chen", "Victor", "Chen", false, Specialty::Dermatology, SPECIALTY),
    doctor("ethan-cole", "Ethan", "Cole", false, Specialty::Emergency, MEDICAL_CENTER),
    Staff {
        key: "kevin-park",
        prefix: None,
        given: "Kevin",
        family: "Park",
        suffix: "FNP",
        female: false,
        specialty: Specialty::FamilyNursePractitioner,
        site: DOWNTOWN,
    },
    Staff {
        key: "rachel-stone",
        prefix: None,
        given: "Rachel",
        family: "Stone",
        suffix: "FNP",
        female: true,
        specialty: Specialty::FamilyNursePractitioner,
        site: CHILDRENS,
    },
    Staff {
        key: "tom-becker",
        prefix: None,
        given: "Tom",
        family: "Becker",
        suffix: "RN",
        female: false,
        specialty: Specialty::Nurse,
        site: DOWNTOWN,
    },
    Staff {
        key: "lucia-morales",
        prefix: None,
        given: "Lucía",
        family: "Morales",
        suffix: "RN",
        female: true,
        specialty: Specialty::Nurse,
        site: CHILDRENS,
    },
];

/// A pharmacy patients send prescriptions to.
pub struct Pharmacy {
    pub key: &'static str,
    pub name: &'static str,
    pub phone: &'static str,
    pub address_line: &'static str,
    pub city: &'static str,
    pub postal_code: &'static str,
}

pub const PHARMACIES: &[Pharmacy] = &[
    Pharmacy {
        key: "main-street-pharmacy",
        name: "Main Street Pharmacy",
        phone: "(555) 010-3100",
        address_line: "52 Main Street",
        city: "Riverbend",
        postal_code: "97990",
    },
    Pharmacy {
        key: "medical-center-pharmacy",
        name: "Riverbend Medical Center Pharmacy",
        phone: "(555) 010-3200",
        address_line: "1200 River Road",
        city: "Riverbend",
        postal_code: "97990",
    },
    Pharmacy {
        key: "cedar-valley-drug",
        name: "Cedar Valley Drug",
        phone: "(555) 010-3300",
        address_line: "905 Canyon Road",
        city: "Alder Creek",
        postal_code: "97991",
    },
];

/// Who pays for care.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PayerKind {
    Commercial,
    Medicare,
    Medicaid,
}

pub struct Payer {
    pub key: &'static str,
    pub name: &'static str,
    pub kind: PayerKind,
    pub phone: &'static str,
    pub plans: &'static [&'static str],
}

pub const PAYERS: &[Payer] = &[
    Payer {
        key: "summit-mutual",
        name: "Summit Mutual Health",
        kind: PayerKind::Commercial,
        phone: "(555) 010-4100",
        plans: &["Summit Mutual PPO", "Summit Mutual HMO", "Summit Mutual High Deductible"],
    },
    Payer {
        key: "medicare",
        name: "Medicare",
        kind: PayerKind::Medicare,
        phone: "(555) 010-4200",
        plans: &["Medicare Part A and B"],
    },
    Payer {
        key: "medicaid",
        name: "State Medicaid Program",
        kind: PayerKind::Medicaid,
        phone: "(555) 010-4300",
        plans: &["Medicaid Managed Care"],
    },
];

pub fn system_id() -> String {
    record_id(SOURCE, "Organization", "riverbend-health")
}

pub fn hospital_id() -> String {
    record_id(SOURCE, "Organization", "riverbend-medical-center")
}

pub fn site_id(site: usize) -> String {
    record_id(SOURCE, "Location", SITES[site].key)
}

/// The organisation that runs a site.
pub fn site_organization(site: usize) -> String {
    if SITES[site].hospital { hospital_id() } else { system_id() }
}

pub fn pharmacy_id(pharmacy: usize) -> String {
    record_id(SOURCE, "Organization", PHARMACIES[pharmacy].key)
}

pub fn payer_id(payer: usize) -> String {
    record_id(SOURCE, "Organization", PAYERS[payer].key)
}

/// The practitioners of one specialty, by index into `STAFF`.
pub fn staff_of(specialty: Specialty) -> impl Iterator<Item = usize> {
    STAFF.iter().enumerate().filter(move |(_, s)| s.specialty == specialty).map(|(i, _)| i)
}

/// One practitioner of `specialty`, drawn from `rng`.
pub fn any_of(rng: &mut ChaCha8Rng, specialty: Specialty) -> usize {
    let all: Vec<usize> = staff_of(specialty).collect();
    all[rng.random_range(0..all.len())]
}

/// The nurse working at `site`, if any.
pub fn nurse_at(site: usize) -> Option<usize> {
    staff_of(Specialty::Nurse).find(|&i| STAFF[i].site == site)
}

/// A made-up NPI: ten digits starting 999, whose last digit is the Luhn check digit NPIs carry
/// (computed over the number prefixed with 80840, as the standard says).
pub fn npi(serial: u32) -> String {
    let body = format!("999{:06}", serial % 1_000_000);
    let digits: Vec<u32> = format!("80840{body}").chars().map(|c| c.to_digit(10).unwrap_or(0)).collect();
    let mut sum = 0;
    for (i, d) in digits.iter().rev().enumerate() {
        let mut v = *d;
        if i % 2 == 0 {
            v *= 2;
            if v > 9 {
                v -= 9;
            }
        }
        sum += v;
    }
    format!("{body}{}", (10 - sum % 10) % 10)
}

fn organization(
    key: &str,
    name: &str,
    kind: (&str, &str),
    phone: &str,
    part_of: Option<String>,
) -> Organization {
    Organization {
        id: record_id(SOURCE, "Organization", key),
        source: SOURCE.into(),
        source_id: Some(key.into()),
        is_stub: 0,
        active: 1,
        name: Some(name.into()),
        type_code: Some(kind.0.into()),
        type_display: Some(kind.1.into()),
        phone: Some(phone.into()),
        country: Some(COUNTRY.into()),
        state: Some(STATE.into()),
        part_of_id: part_of,
        updated_at: UPDATED_AT.into(),
        ..Organization::default()
    }
}

fn npi_identifier(resource_type: &str, resource_id: String, serial: u32) -> Identifier {
    Identifier {
        resource_type: resource_type.into(),
        resource_id,
        system: NPI_SYSTEM.into(),
        value: npi(serial),
        type_code: Some("NPI".into()),
        type_text: Some("National provider identifier".into()),
        sealed_value: None,
    }
}

/// Every row of the clinic itself.
pub fn rows() -> Rows {
    let mut rows = Rows::default();
    let mut system =
        organization("riverbend-health", "Riverbend Health", ORGANIZATION_TYPE, "(555) 010-2000", None);
    system.email = Some("help@riverbend.example".into());
    system.address_line = Some("45 Main Street".into());
    system.city = Some("Riverbend".into());
    system.postal_code = Some("97990".into());
    rows.organizations.push(system);
    let mut hospital = organization(
        "riverbend-medical-center",
        "Riverbend Medical Center",
        ORGANIZATION_TYPE,
        SITES[MEDICAL_CENTER].phone,
        Some(system_id()),
    );
    hospital.address_line = Some(SITES[MEDICAL_CENTER].address_line.into());
    hospital.city = Some(SITES[MEDICAL_CENTER].city.into());
    hospital.postal_code = Some(SITES[MEDICAL_CENTER].postal_code.into());
    rows.organizations.push(hospital);
    rows.identifiers.push(npi_identifier("Organization", system_id(), 100));
    rows.identifiers.push(npi_identifier("Organization", hospital_id(), 101));

    for (i, p) in PHARMACIES.iter().enumerate() {
        let mut org = organization(p.key, p.name, ORGANIZATION_TYPE, p.phone, None);
        org.address_line = Some(p.address_line.into());
        org.city = Some(p.city.into());
        org.postal_code = Some(p.postal_code.into());
        rows.organizations.push(org);
        rows.identifiers.push(npi_identifier(
            "Organization",
            pharmacy_id(i),
            200 + u32::try_from(i).unwrap_or(0),
        ));
    }
    for p in PAYERS {
        rows.organizations.push(organization(p.key, p.name, PAYER_TYPE, p.phone, None));
    }

    for (i, s) in SITES.iter().enumerate() {
        rows.locations.push(Location {
            id: site_id(i),
            source: SOURCE.into(),
            source_id: Some(s.key.into()),
            is_stub: 0,
            status: Some("active".into()),
            name: Some(s.name.into()),
            description: Some(s.description.into()),
            phone: Some(s.phone.into()),
            address_line: Some(s.address_line.into()),
            city: Some(s.city.into()),
            state: Some(STATE.into()),
            postal_code: Some(s.postal_code.into()),
            country: Some(COUNTRY.into()),
            latitude: Some(s.latitude),
            longitude: Some(s.longitude),
            managing_organization_id: Some(site_organization(i)),
            updated_at: UPDATED_AT.into(),
        });
    }

    for (i, s) in STAFF.iter().enumerate() {
        let serial = 1000 + u32::try_from(i).unwrap_or(0) * 37;
        let email = format!("{}@riverbend.example", s.key.replace('-', "."));
        rows.practitioners.push(Practitioner {
            id: s.id(),
            source: SOURCE.into(),
            source_id: Some(s.key.into()),
            is_stub: 0,
            active: 1,
            prefix: s.prefix.map(str::to_owned),
            given: Some(s.given.into()),
            family: Some(s.family.into()),
            suffix: Some(s.suffix.into()),
            gender: Some(if s.female { "female" } else { "male" }.into()),
            phone: Some(SITES[s.site].phone.into()),
            email: Some(email.clone()),
            updated_at: UPDATED_AT.into(),
        });
        rows.identifiers.push(npi_identifier("Practitioner", s.id(), serial));
        let (role, specialty) = (s.specialty.role(), s.specialty.taxonomy());
        rows.practitioner_roles.push(PractitionerRole {
            id: record_id(SOURCE, "PractitionerRole", s.key),
            source: SOURCE.into(),
            source_id: Some(s.key.into()),
            active: 1,
            practitioner_id: Some(s.id()),
            organization_id: Some(site_organization(s.site)),
            location_id: Some(site_id(s.site)),
            role_system: Some(role.system.into()),
            role_code: Some(role.code.into()),
            role_display: Some(role.display.into()),
            specialty_system: Some(specialty.system.into()),
            specialty_code: Some(specialty.code.into()),
            specialty_display: Some(specialty.display.into()),
            phone: Some(SITES[s.site].phone.into()),
            email: Some(email),
            updated_at: UPDATED_AT.into(),
        });
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn npis_start_999_and_pass_the_luhn_check() {
        let npi = npi(1234);
        assert_eq!(npi.len(), 10);
        assert!(npi.starts_with("999"));
        assert_ne!(super::npi(1), super::npi(2));
    }

    #[test]
    fn the_clinic_has_a_system_five_sites_and_about_twenty_practitioners_in_every_specialty() {
        let rows = rows();
        assert_eq!(rows.locations.len(), 5);
        assert!((18..=24).contains(&rows.practitioners.len()));
        for specialty in [
            Specialty::FamilyMedicine,
            Specialty::InternalMedicine,
            Specialty::Cardiology,
            Specialty::Endocrinology,
            Specialty::Pediatrics,
            Specialty::ObGyn,
            Specialty::Dermatology,
        ] {
            assert!(staff_of(specialty).count() >= 1, "{specialty:?}");
        }
        assert_eq!(STAFF[CLINICIAN].specialty, Specialty::FamilyMedicine);
        assert_eq!(STAFF[INTERNIST].specialty, Specialty::InternalMedicine);
        assert_eq!(STAFF[PEDIATRICIAN].specialty, Specialty::Pediatrics);
        assert_eq!(STAFF[DERMATOLOGIST].specialty, Specialty::Dermatology);
        assert_eq!(STAFF[EMERGENCY_DOCTOR].specialty, Specialty::Emergency);
        assert_eq!(STAFF[ADULT_NP].specialty, Specialty::FamilyNursePractitioner);
        assert_eq!(STAFF[CHILD_NP].site, CHILDRENS);
        assert_eq!(STAFF[NURSE].specialty, Specialty::Nurse);
        let npis: std::collections::HashSet<_> = rows.identifiers.iter().map(|i| &i.value).collect();
        assert_eq!(npis.len(), rows.identifiers.len(), "NPIs are unique");
    }
}
