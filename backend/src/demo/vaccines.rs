//! Which vaccines the demo gives and when: the CDC childhood schedule at well-child visits, and
//! flu, COVID-19, Tdap, shingles and pneumococcal vaccines for adults, each product only in the
//! years it was in use. Doses a family skipped stay missing, so the portal has due and overdue
//! vaccines to show.

use rand::RngExt as _;
use rand_chacha::ChaCha8Rng;

use super::SOURCE;
use super::codes::{self, Vaccine};
use super::people::Sex;
use super::record::{At, Chart};
use super::time::{Day, UPDATED_AT};
use crate::records::Immunization;

/// Well-child visit ages, in months (0 is the first days of life).
pub const WELL_CHILD_MONTHS: &[i32] = &[
    0, 1, 2, 4, 6, 9, 12, 15, 18, 24, 30, 36, 48, 60, 72, 84, 96, 108, 120, 132, 144, 156, 168, 180, 192, 204,
];

fn pneumococcal_for_children(day: Day) -> Option<Vaccine> {
    if day < Day::from_ymd(2010, 3, 1) {
        None
    } else if day < Day::from_ymd(2023, 7, 1) {
        Some(codes::PCV13)
    } else {
        Some(codes::PCV20)
    }
}

fn hpv(day: Day, sex: Sex) -> Option<Vaccine> {
    let start = if sex == Sex::Female { Day::from_ymd(2006, 7, 1) } else { Day::from_ymd(2011, 11, 1) };
    if day < start {
        None
    } else if day < Day::from_ymd(2017, 1, 1) {
        Some(codes::HPV4)
    } else {
        Some(codes::HPV9)
    }
}

fn meningococcal(day: Day) -> Vaccine {
    if day < Day::from_ymd(2020, 1, 1) { codes::MENACWY_D } else { codes::MENACWY_CRM }
}

/// The vaccines due at the well-child visit at `months` of age, on `day`. `combination`
/// families get the DTaP-hepB-IPV shot instead of three.
pub fn childhood(months: i32, day: Day, sex: Sex, combination: bool) -> Vec<Vaccine> {
    let rotavirus = (day >= Day::from_ymd(2006, 6, 1)).then_some(codes::ROTAVIRUS);
    let pcv = pneumococcal_for_children(day);
    let mut due: Vec<Option<Vaccine>> = match months {
        0 | 1 => vec![Some(codes::HEPB_PEDIATRIC)],
        2 | 4 if combination => vec![Some(codes::DTAP_HEPB_IPV), Some(codes::HIB), pcv, rotavirus],
        2 | 4 => vec![Some(codes::DTAP), Some(codes::IPV), Some(codes::HIB), pcv, rotavirus],
        6 if combination => vec![Some(codes::DTAP_HEPB_IPV), pcv, rotavirus],
        6 => vec![Some(codes::DTAP), Some(codes::HEPB_PEDIATRIC), Some(codes::IPV), pcv, rotavirus],
        12 => {
            vec![Some(codes::MMR), Some(codes::VARICELLA), Some(codes::HEPA_PEDIATRIC), Some(codes::HIB), pcv]
        }
        15 => vec![Some(codes::DTAP)],
        18 => vec![Some(codes::HEPA_PEDIATRIC)],
        48 => vec![Some(codes::DTAP_5), Some(codes::IPV), Some(codes::MMR), Some(codes::VARICELLA)],
        132 => vec![Some(codes::TDAP), hpv(day, sex), Some(meningococcal(day))],
        144 => vec![hpv(day, sex)],
        192 => vec![Some(meningococcal(day))],
        _ => vec![],
    };
    due.retain(Option::is_some);
    due.into_iter().flatten().collect()
}

/// The flu vaccine used in the season that starts in `year`.
pub fn flu(rng: &mut ChaCha8Rng, year: i32) -> Vaccine {
    match year {
        2013..2024 if rng.random_bool(0.15) => codes::FLU_QUADRIVALENT,
        2013..2024 => codes::FLU_QUADRIVALENT_PF,
        // Trivalent before the quadrivalent years and again since the 2024 season.
        _ => codes::FLU_TRIVALENT_PF,
    }
}

/// A lot number as vaccine makers print them: two letters and four digits.
fn lot(rng: &mut ChaCha8Rng) -> String {
    let letter = |rng: &mut ChaCha8Rng| char::from(b'A' + rng.random_range(0..26_u8));
    format!("{}{}{:04}", letter(rng), letter(rng), rng.random_range(0..10_000))
}

/// Records `vaccine` given at the visit `at`, to someone `age_days` old.
pub fn give(chart: &mut Chart<'_>, at: &At<'_>, rng: &mut ChaCha8Rng, vaccine: Vaccine, age_days: i32) {
    let (id, source_id) = chart.id("Immunization");
    let when = at.day.at(at.minute + 25);
    let site = match (vaccine.route, age_days < 3 * 365, rng.random_bool(0.5)) {
        ("PO", _, _) => None,
        (_, true, true) => Some("LT"),
        (_, true, false) => Some("RT"),
        (_, false, true) => Some("LA"),
        (_, false, false) => Some("RA"),
    };
    chart.rows.immunizations.push(Immunization {
        id,
        source: SOURCE.into(),
        source_id: Some(source_id),
        patient_id: chart.patient_id.clone(),
        encounter_id: Some(at.encounter_id.to_owned()),
        status: "completed".into(),
        vaccine_system: Some(vaccine.code.system.into()),
        vaccine_code: Some(vaccine.code.code.into()),
        vaccine_display: Some(vaccine.code.display.into()),
        occurrence: Some(when.clone()),
        occurrence_at: Some(when),
        primary_source: Some(1),
        lot_number: Some(lot(rng)),
        expiration_date: Some(at.day.plus(rng.random_range(120..540)).iso()),
        site: site.map(str::to_owned),
        route: Some(vaccine.route.into()),
        dose_quantity: Some(vaccine.dose_ml),
        dose_unit: Some("mL".into()),
        performer_id: at.performer.clone().or_else(|| Some(at.orderer.clone())),
        location_id: Some(at.location_id.to_owned()),
        note: None,
        updated_at: UPDATED_AT.into(),
    });
}

/// Whether `vaccine` may be given at `age_days` old.
pub fn fits_age(vaccine: &Vaccine, age_days: i32) -> bool {
    vaccine.ages.iter().any(|&(from, to)| (from..to).contains(&age_days))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_scheduled_childhood_dose_fits_the_vaccines_ages() {
        for &months in WELL_CHILD_MONTHS {
            for combination in [false, true] {
                for sex in [Sex::Female, Sex::Male] {
                    let day = Day::from_ymd(2024, 5, 1);
                    // Visits happen up to two weeks after the birthday month.
                    for age_days in [months * 30 + 4, months * 30 + 14] {
                        for v in childhood(months, day, sex, combination) {
                            assert!(fits_age(&v, age_days), "{v:?} at {months} months");
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn products_follow_the_years_they_were_used() {
        assert!(
            childhood(2, Day::from_ymd(2005, 1, 1), Sex::Male, false).iter().all(|v| v.code.code != "116")
        );
        assert!(childhood(132, Day::from_ymd(2012, 1, 1), Sex::Female, false).contains(&codes::HPV4));
        assert!(childhood(132, Day::from_ymd(2021, 1, 1), Sex::Female, false).contains(&codes::HPV9));
        assert!(childhood(2, Day::from_ymd(2024, 1, 1), Sex::Female, false).contains(&codes::PCV20));
    }
}
