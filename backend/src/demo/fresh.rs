//! Fresh activity for the featured patients, dated from the clock: the rest of the demo happens
//! before its fixed reference day, so without this step a demo seeded today would have no new
//! results and no upcoming visits to show.
//!
//! Each featured patient gets a blood draw one to three days before `now` whose results are
//! issued the same day (Ana: an A1c and a metabolic panel, three values out of range; Walter: a
//! lipid panel, two high; Rosa, Mateo and Jordan: a blood count, all normal), and one planned
//! visit one to four weeks after `now`, with their primary care practitioner, at their clinic,
//! for one of their health issues. Only the days move with the clock: values, times of day,
//! people and places are fixed, and ids are derived from the patient's record number, so seeding
//! again on the same day writes the same rows.

use jiff::Timestamp;

use super::clinic::{self, STAFF};
use super::codes::{self, Code, Lab};
use super::labs;
use super::people::{self, FEATURED};
use super::record::{At, Chart, patient_id};
use super::summaries as say;
use super::time::{Day, UPDATED_AT};
use super::{Rows, SOURCE};
use crate::records::Encounter;

/// Minutes after midnight UTC the blood is drawn (8:00 in Riverbend, on Pacific time).
const DRAW_MINUTE: i32 = 16 * 60;
/// Minutes after midnight UTC the planned visits start (9:30 in Riverbend).
const VISIT_MINUTE: i32 = 17 * 60 + 30;

/// What one featured patient gets.
struct Plan {
    index: usize,
    /// Days before today the blood is drawn.
    drawn_days_ago: i32,
    /// The reports, each with its tests and values as the lab sends them.
    reports: &'static [(Code, &'static [(Lab, f64)])],
    /// Days after today the visit is planned for.
    visit_in_days: i32,
    /// Who sees them (an index of [`STAFF`]) and where (of [`clinic::SITES`]).
    practitioner: usize,
    site: usize,
    visit_type: Code,
    reason: Code,
}

const ANA_CMP: &[(Lab, f64)] = &[
    (codes::GLUCOSE, 146.0),
    (codes::BUN, 15.0),
    (codes::CREATININE, 0.82),
    (codes::CALCIUM, 9.4),
    (codes::SODIUM, 139.0),
    (codes::POTASSIUM, 4.3),
    (codes::CHLORIDE, 102.0),
    (codes::CO2, 25.0),
    (codes::PROTEIN, 7.1),
    (codes::ALBUMIN, 4.2),
    (codes::BILIRUBIN, 0.6),
    (codes::ALK_PHOS, 88.0),
    (codes::ALT, 61.0),
    (codes::AST, 34.0),
];
const WALTER_LIPIDS: &[(Lab, f64)] =
    &[(codes::CHOLESTEROL, 212.0), (codes::TRIGLYCERIDES, 148.0), (codes::HDL, 44.0), (codes::LDL, 139.0)];
/// A blood count: white cells, then haemoglobin, haematocrit and MCV, from which the red cell
/// count and indices follow, then RDW and platelets.
const fn cbc(wbc: f64, hgb: f64, hct: f64, mcv: f64, rdw: f64, platelets: f64) -> [(Lab, f64); 9] {
    let rbc = hct / mcv * 10.0;
    [
        (codes::WBC, wbc),
        (codes::RBC, rbc),
        (codes::HEMOGLOBIN, hgb),
        (codes::HEMATOCRIT, hct),
        (codes::MCV, mcv),
        (codes::MCH, hgb / rbc * 10.0),
        (codes::MCHC, hgb / hct * 100.0),
        (codes::RDW, rdw),
        (codes::PLATELETS, platelets),
    ]
}
const ROSA_CBC: [(Lab, f64); 9] = cbc(6.8, 13.2, 39.6, 88.0, 13.1, 245.0);
// Within the adult ranges the demo's lab reports against, so a child's normal count is not flagged.
const MATEO_CBC: [(Lab, f64); 9] = cbc(8.9, 13.6, 41.2, 82.4, 13.0, 310.0);
const JORDAN_CBC: [(Lab, f64); 9] = cbc(7.2, 12.9, 38.7, 86.0, 12.8, 280.0);

const PLANS: &[Plan] = &[
    Plan {
        index: people::ANA,
        drawn_days_ago: 1,
        reports: &[(codes::A1C.code, &[(codes::A1C, 7.4)]), (codes::CMP_PANEL, ANA_CMP)],
        visit_in_days: 7,
        practitioner: clinic::CLINICIAN,
        site: clinic::DOWNTOWN,
        visit_type: codes::FOLLOW_UP,
        reason: codes::TYPE_2_DIABETES,
    },
    Plan {
        index: people::WALTER,
        drawn_days_ago: 2,
        reports: &[(codes::LIPID_PANEL, WALTER_LIPIDS)],
        visit_in_days: 14,
        practitioner: clinic::CLINICIAN,
        site: clinic::DOWNTOWN,
        visit_type: codes::FOLLOW_UP,
        reason: codes::HYPERLIPIDEMIA,
    },
    Plan {
        index: people::ROSA,
        drawn_days_ago: 3,
        reports: &[(codes::CBC_PANEL, &ROSA_CBC)],
        visit_in_days: 21,
        practitioner: clinic::CLINICIAN,
        site: clinic::DOWNTOWN,
        visit_type: codes::FOLLOW_UP,
        reason: codes::ASTHMA,
    },
    Plan {
        index: people::MATEO,
        drawn_days_ago: 2,
        reports: &[(codes::CBC_PANEL, &MATEO_CBC)],
        visit_in_days: 10,
        practitioner: clinic::PEDIATRICIAN,
        site: clinic::CHILDRENS,
        visit_type: codes::FOLLOW_UP,
        reason: codes::ATOPIC_DERMATITIS,
    },
    Plan {
        index: people::JORDAN,
        drawn_days_ago: 1,
        reports: &[(codes::CBC_PANEL, &JORDAN_CBC)],
        visit_in_days: 28,
        practitioner: clinic::PEDIATRICIAN,
        site: clinic::CHILDRENS,
        visit_type: codes::FOLLOW_UP,
        reason: codes::ASTHMA,
    },
];

/// The day (UTC) `now` falls on.
fn day_of(now: Timestamp) -> Day {
    let days = now.as_second().div_euclid(86_400);
    Day(i32::try_from(days).unwrap_or(i32::MAX))
}

/// Every featured patient's fresh rows, dated from `now`.
pub fn rows(now: Timestamp) -> Rows {
    let today = day_of(now);
    let mut rows = Rows::default();
    for plan in PLANS {
        let featured = &FEATURED[plan.index];
        let spanish = featured.spanish;
        // Ids of their own ("RB1000001-fresh-1"…), apart from the deterministic history's.
        let prefix = format!("{}-fresh", people::mrn(plan.index));
        let mut chart = Chart::new(&mut rows, patient_id(plan.index), featured.sex, prefix);
        let practitioner = STAFF[plan.practitioner].id();
        let location_id = clinic::site_id(plan.site);

        let drawn = today.plus(-plan.drawn_days_ago);
        let (draw_id, draw_source_id) = chart.id("Encounter");
        let at = At {
            encounter_id: &draw_id,
            location_id: &location_id,
            day: drawn,
            minute: DRAW_MINUTE,
            performer: clinic::nurse_at(plan.site).map(|n| STAFF[n].id()),
            orderer: practitioner.clone(),
        };
        for (panel, values) in plan.reports {
            labs::report(&mut chart, &at, *panel, values, &[], spanish);
        }
        let draw = encounter(&chart, (draw_id.clone(), draw_source_id), plan, drawn, DRAW_MINUTE, 15);
        let summary = say::compose(&[say::LABS_SENT], spanish);
        chart.rows.encounters.push(Encounter {
            status: "finished".into(),
            after_visit_summary: Some(summary),
            ..draw
        });

        let visit_day = today.plus(plan.visit_in_days);
        let ids = chart.id("Encounter");
        let visit = encounter(&chart, ids, plan, visit_day, VISIT_MINUTE, 25);
        chart.rows.encounters.push(Encounter { status: "planned".into(), ..visit });
    }
    rows
}

/// A visit of `plan`'s patient on `day`, `minutes` long, without a status yet.
fn encounter(
    chart: &Chart<'_>,
    (id, source_id): (String, String),
    plan: &Plan,
    day: Day,
    minute: i32,
    minutes: i32,
) -> Encounter {
    let (start, end) = (day.at(minute), day.at(minute + minutes));
    Encounter {
        id,
        source: SOURCE.into(),
        source_id: Some(source_id),
        patient_id: chart.patient_id.clone(),
        status: String::new(),
        class_code: Some("AMB".into()),
        type_system: Some(plan.visit_type.system.into()),
        type_code: Some(plan.visit_type.code.into()),
        type_display: Some(plan.visit_type.display.into()),
        reason_system: Some(plan.reason.system.into()),
        reason_code: Some(plan.reason.code.into()),
        reason_display: Some(plan.reason.display.into()),
        practitioner_id: Some(STAFF[plan.practitioner].id()),
        location_id: Some(clinic::site_id(plan.site)),
        organization_id: Some(clinic::site_organization(plan.site)),
        period_start: Some(start.clone()),
        period_end: Some(end.clone()),
        start_at: Some(start),
        end_at: Some(end),
        updated_at: UPDATED_AT.into(),
        ..Encounter::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> Timestamp {
        text.parse().unwrap()
    }

    #[test]
    fn every_featured_patient_gets_results_from_the_last_days_and_a_visit_in_the_coming_weeks() {
        let now = at("2027-03-10T09:00:00Z");

        let rows = rows(now);

        for index in 0..FEATURED.len() {
            let id = patient_id(index);
            let reports: Vec<_> = rows.diagnostic_reports.iter().filter(|r| r.patient_id == id).collect();
            assert!(!reports.is_empty(), "patient {index} has a new report");
            for report in reports {
                let issued = report.issued_at.as_deref().unwrap();
                assert!(issued < "2027-03-10T09:00:00Z", "{issued} is before now");
                assert!(issued >= "2027-03-07", "{issued} is at most three days old");
            }
            let planned: Vec<_> =
                rows.encounters.iter().filter(|e| e.patient_id == id && e.status == "planned").collect();
            assert_eq!(planned.len(), 1, "patient {index}");
            let start = planned[0].start_at.as_deref().unwrap();
            assert!(("2027-03-17".."2027-04-08").contains(&start), "{start} is one to four weeks away");
            assert!(planned[0].practitioner_id.is_some() && planned[0].location_id.is_some());
            assert!(planned[0].reason_display.is_some());
        }
    }

    #[test]
    fn ana_has_some_values_out_of_range_and_the_children_none() {
        let rows = rows(at("2027-03-10T09:00:00Z"));
        let abnormal = |index: usize| {
            rows.observations
                .iter()
                .filter(|o| o.patient_id == patient_id(index) && o.interpretation.as_deref() != Some("N"))
                .count()
        };

        assert_eq!(abnormal(people::ANA), 3, "A1c, glucose and ALT");
        assert_eq!(abnormal(people::WALTER), 2, "total cholesterol and LDL");
        assert_eq!(abnormal(people::ROSA) + abnormal(people::MATEO) + abnormal(people::JORDAN), 0);
    }

    #[test]
    fn the_same_day_gives_the_same_rows_whatever_the_time() {
        let morning = rows(at("2027-03-10T00:00:01Z"));
        let night = rows(at("2027-03-10T23:59:59Z"));

        assert_eq!(format!("{:?}", morning.encounters), format!("{:?}", night.encounters));
        assert_eq!(format!("{:?}", morning.observations), format!("{:?}", night.observations));
    }
}
