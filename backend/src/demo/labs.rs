//! Measurements: a patient's body as a few numbers that drift over the years (weight, blood
//! pressure, A1c, cholesterol…), and the vital-sign and laboratory rows taken from it. Every lab
//! value is rounded as the lab reports it before its interpretation is decided, so the flag
//! always agrees with the value and the range.

use rand::RngExt as _;
use rand_chacha::ChaCha8Rng;

use super::SOURCE;
use super::codes::{self, Code, Lab};
use super::people::Sex;
use super::record::{At, Chart};
use super::time::UPDATED_AT;
use crate::records::{
    DiagnosticReport, DiagnosticReportResult, Observation, ObservationComponent, sensitivity,
};

/// A draw from a normal distribution (Box-Muller).
pub fn normal(rng: &mut ChaCha8Rng, mean: f64, sd: f64) -> f64 {
    let u1: f64 = rng.random::<f64>().max(f64::MIN_POSITIVE);
    let u2: f64 = rng.random();
    mean + sd * (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()
}

/// `value` rounded to `decimals` places.
pub fn round(value: f64, decimals: u32) -> f64 {
    let scale = f64::from(10_u32.pow(decimals));
    (value * scale).round() / scale
}

/// Linear interpolation in a table of `(x, y)` points sorted by `x`.
fn interpolate(table: &[(f64, f64)], x: f64) -> f64 {
    let first = table[0];
    if x <= first.0 {
        return first.1;
    }
    for pair in table.windows(2) {
        let ((x0, y0), (x1, y1)) = (pair[0], pair[1]);
        if x <= x1 {
            return y0 + (y1 - y0) * (x - x0) / (x1 - x0);
        }
    }
    table[table.len() - 1].1
}

/// Median height (cm) by age in months, boys and girls alike until puberty.
const HEIGHT: &[(f64, f64)] = &[
    (0.0, 50.0),
    (1.0, 54.0),
    (2.0, 58.0),
    (4.0, 63.0),
    (6.0, 67.0),
    (9.0, 71.0),
    (12.0, 75.0),
    (18.0, 81.0),
    (24.0, 86.0),
    (36.0, 95.0),
    (48.0, 102.0),
    (60.0, 109.0),
    (84.0, 122.0),
    (120.0, 138.0),
    (144.0, 150.0),
];
/// Median weight (kg) by age in months.
const WEIGHT: &[(f64, f64)] = &[
    (0.0, 3.4),
    (1.0, 4.4),
    (2.0, 5.4),
    (4.0, 6.8),
    (6.0, 7.8),
    (9.0, 8.9),
    (12.0, 9.8),
    (18.0, 11.0),
    (24.0, 12.3),
    (36.0, 14.3),
    (48.0, 16.3),
    (60.0, 18.4),
    (84.0, 23.0),
    (120.0, 32.5),
    (144.0, 41.0),
    (168.0, 51.0),
    (216.0, 62.0),
];
/// Median head circumference (cm) by age in months.
const HEAD: &[(f64, f64)] =
    &[(0.0, 35.0), (3.0, 40.5), (6.0, 43.5), (12.0, 46.0), (24.0, 48.5), (36.0, 49.5)];

/// The numbers behind a patient's vitals and labs. Fields named `*_extra` are what a disease
/// adds; treatment takes some back.
#[derive(Debug, Clone)]
pub struct Body {
    pub sex: Sex,
    /// Percentile-like offsets for a child's growth.
    pub height_z: f64,
    pub weight_z: f64,
    pub adult_height_cm: f64,
    pub bmi: f64,
    pub systolic_base: f64,
    pub diastolic_base: f64,
    pub hypertension: bool,
    pub bp_medicines: u32,
    pub a1c: f64,
    pub ldl_base: f64,
    pub hyperlipidemia: bool,
    /// Fraction of LDL a statin takes away (0 without one).
    pub statin_effect: f64,
    pub hdl: f64,
    pub triglycerides: f64,
    pub creatinine: f64,
    pub tsh: f64,
    pub hemoglobin: f64,
    pub vitamin_d: f64,
    /// Pulse oximetry at rest (lower with COPD).
    pub oxygen_base: f64,
    /// Beats a minute an irregular rhythm adds.
    pub heart_rate_extra: f64,
}

impl Body {
    pub fn new(rng: &mut ChaCha8Rng, sex: Sex, bmi: f64) -> Self {
        let female = sex == Sex::Female;
        Self {
            sex,
            height_z: normal(rng, 0.0, 1.0).clamp(-2.5, 2.5),
            weight_z: normal(rng, 0.0, 1.0).clamp(-2.0, 2.5),
            adult_height_cm: if female { normal(rng, 162.5, 6.5) } else { normal(rng, 176.0, 7.0) }
                .clamp(145.0, 200.0),
            bmi,
            systolic_base: normal(rng, 114.0, 7.0),
            diastolic_base: normal(rng, 73.0, 5.0),
            hypertension: false,
            bp_medicines: 0,
            a1c: normal(rng, 5.25, 0.2).clamp(4.6, 5.6),
            ldl_base: normal(rng, 112.0, 18.0).clamp(60.0, 150.0),
            hyperlipidemia: false,
            statin_effect: 0.0,
            hdl: if female { normal(rng, 58.0, 10.0) } else { normal(rng, 47.0, 9.0) }.clamp(28.0, 95.0),
            triglycerides: normal(rng, 115.0, 30.0).clamp(50.0, 260.0),
            creatinine: if female { normal(rng, 0.78, 0.1) } else { normal(rng, 0.98, 0.12) }.clamp(0.5, 1.3),
            tsh: normal(rng, 1.9, 0.7).clamp(0.5, 3.8),
            hemoglobin: if female { normal(rng, 13.6, 0.8) } else { normal(rng, 15.1, 0.9) },
            vitamin_d: normal(rng, 33.0, 8.0).clamp(20.0, 70.0),
            oxygen_base: 98.0,
            heart_rate_extra: 0.0,
        }
    }

    /// Height (cm) at `months` of age.
    pub fn height(&self, months: f64) -> f64 {
        if months >= 216.0 {
            return self.adult_height_cm;
        }
        let child = interpolate(HEIGHT, months.min(144.0)) * (1.0 + 0.035 * self.height_z);
        if months <= 144.0 {
            return child;
        }
        // From 12 to 18 a child grows towards their adult height.
        let t = (months - 144.0) / 72.0;
        child + (self.adult_height_cm - child) * t.clamp(0.0, 1.0).sqrt()
    }

    /// Weight (kg) at `months` of age.
    pub fn weight(&self, months: f64) -> f64 {
        if months >= 216.0 {
            let h = self.adult_height_cm / 100.0;
            return self.bmi * h * h;
        }
        interpolate(WEIGHT, months) * (1.0 + 0.11 * self.weight_z)
    }

    pub fn head(&self, months: f64) -> f64 {
        interpolate(HEAD, months) * (1.0 + 0.03 * self.height_z)
    }

    /// Systolic and diastolic pressure at `years` of age, today.
    pub fn blood_pressure(&self, rng: &mut ChaCha8Rng, years: f64) -> (f64, f64) {
        if years < 18.0 {
            let s = normal(rng, 92.0 + 1.3 * years, 6.0);
            let d = normal(rng, 54.0 + 0.9 * years, 5.0);
            return (s.round(), d.round().min(s - 25.0));
        }
        let age_effect = (years - 30.0).max(0.0);
        let medicines = f64::from(self.bp_medicines);
        let (extra_s, extra_d) =
            if self.hypertension { (26.0 - 9.0 * medicines, 13.0 - 4.5 * medicines) } else { (0.0, 0.0) };
        let s = normal(rng, self.systolic_base + 0.45 * age_effect + extra_s, 6.5);
        let d = normal(rng, self.diastolic_base + 0.12 * age_effect + extra_d, 4.5);
        (s.round().clamp(88.0, 210.0), d.round().clamp(48.0, 125.0).min(s - 20.0))
    }

    pub fn heart_rate(&self, rng: &mut ChaCha8Rng, years: f64, sick: bool) -> f64 {
        let base = interpolate(&[(0.0, 140.0), (1.0, 120.0), (5.0, 95.0), (12.0, 80.0), (18.0, 72.0)], years);
        normal(rng, base + self.heart_rate_extra + if sick { 12.0 } else { 0.0 }, 7.0).round()
    }

    pub fn respiratory_rate(rng: &mut ChaCha8Rng, years: f64, sick: bool) -> f64 {
        let base = interpolate(&[(0.0, 40.0), (1.0, 30.0), (5.0, 22.0), (12.0, 18.0), (18.0, 16.0)], years);
        normal(rng, base + if sick { 3.0 } else { 0.0 }, 1.5).round()
    }

    pub fn temperature(rng: &mut ChaCha8Rng, fever: bool) -> f64 {
        round(if fever { normal(rng, 38.4, 0.4).max(38.0) } else { normal(rng, 36.8, 0.2) }, 1)
    }

    pub fn oxygen(&self, rng: &mut ChaCha8Rng, sick: bool) -> f64 {
        normal(rng, self.oxygen_base - if sick { 1.5 } else { 0.0 }, 1.0).round().min(100.0)
    }

    pub fn cbc(&self, rng: &mut ChaCha8Rng) -> Vec<(Lab, f64)> {
        let hgb = normal(rng, self.hemoglobin, 0.4);
        let anemic = hgb < if self.sex == Sex::Female { 12.0 } else { 13.5 };
        let mcv = if anemic { normal(rng, 76.0, 3.0) } else { normal(rng, 90.0, 4.0) };
        let hct = hgb * normal(rng, 3.0, 0.05);
        let rbc = hct / mcv * 10.0;
        vec![
            (codes::WBC, normal(rng, 7.0, 1.7).max(2.5)),
            (codes::RBC, rbc),
            (codes::HEMOGLOBIN, hgb),
            (codes::HEMATOCRIT, hct),
            (codes::MCV, mcv),
            (codes::MCH, hgb / rbc * 10.0),
            (codes::MCHC, hgb / hct * 100.0),
            (codes::RDW, if anemic { normal(rng, 15.8, 0.8) } else { normal(rng, 13.0, 0.7) }),
            (codes::PLATELETS, normal(rng, 260.0, 55.0).max(60.0)),
        ]
    }

    /// A fasting-ish glucose consistent with the current A1c.
    fn glucose(&self, rng: &mut ChaCha8Rng) -> f64 {
        let average = 28.7 * self.a1c - 46.7;
        normal(rng, average * 0.85, 10.0).max(60.0)
    }

    pub fn cmp(&self, rng: &mut ChaCha8Rng) -> Vec<(Lab, f64)> {
        let creatinine = normal(rng, self.creatinine, 0.06).max(0.4);
        vec![
            (codes::GLUCOSE, self.glucose(rng)),
            (codes::BUN, normal(rng, 8.0 + 8.0 * creatinine, 2.5).max(4.0)),
            (codes::CREATININE, creatinine),
            (codes::CALCIUM, normal(rng, 9.5, 0.35)),
            (codes::SODIUM, normal(rng, 140.0, 2.2)),
            (codes::POTASSIUM, normal(rng, 4.2, 0.35)),
            (codes::CHLORIDE, normal(rng, 102.0, 2.5)),
            (codes::CO2, normal(rng, 25.5, 2.0)),
            (codes::PROTEIN, normal(rng, 7.1, 0.4)),
            (codes::ALBUMIN, normal(rng, 4.3, 0.3)),
            (codes::BILIRUBIN, normal(rng, 0.6, 0.25).max(0.2)),
            (codes::ALK_PHOS, normal(rng, 80.0, 20.0).max(30.0)),
            (codes::ALT, normal(rng, 24.0, 9.0).max(8.0)),
            (codes::AST, normal(rng, 23.0, 7.0).max(9.0)),
        ]
    }

    pub fn ldl(&self) -> f64 {
        let untreated = self.ldl_base + if self.hyperlipidemia { 62.0 } else { 0.0 };
        untreated * (1.0 - self.statin_effect)
    }

    pub fn lipids(&self, rng: &mut ChaCha8Rng) -> Vec<(Lab, f64)> {
        let ldl = normal(rng, self.ldl(), 8.0).max(35.0);
        let hdl = normal(rng, self.hdl, 3.0).max(20.0);
        let tg = normal(rng, self.triglycerides, 18.0).max(40.0);
        vec![
            (codes::CHOLESTEROL, ldl + hdl + tg / 5.0 + normal(rng, 0.0, 4.0)),
            (codes::TRIGLYCERIDES, tg),
            (codes::HDL, hdl),
            (codes::LDL, ldl),
        ]
    }

    pub fn a1c_result(&self, rng: &mut ChaCha8Rng) -> f64 {
        normal(rng, self.a1c, 0.08).max(4.2)
    }

    pub fn tsh_result(&self, rng: &mut ChaCha8Rng) -> f64 {
        (self.tsh * normal(rng, 1.0, 0.1)).max(0.05)
    }

    pub fn vitamin_d_result(&self, rng: &mut ChaCha8Rng) -> f64 {
        normal(rng, self.vitamin_d, 2.5).max(5.0)
    }

    pub fn microalbumin_result(&self, rng: &mut ChaCha8Rng) -> f64 {
        let kidney = (self.creatinine - 1.0).max(0.0) * 120.0 + (self.a1c - 7.0).max(0.0) * 12.0;
        (normal(rng, 12.0 + kidney, 6.0)).max(2.0)
    }

    /// Specific gravity, pH, and which dipstick tests are positive.
    pub fn urinalysis(&self, rng: &mut ChaCha8Rng, infection: bool) -> Dipstick {
        let numeric =
            vec![(codes::URINE_SG, normal(rng, 1.018, 0.005)), (codes::URINE_PH, normal(rng, 6.0, 0.6))];
        let glucose = self.a1c > 8.5 && rng.random_bool(0.6);
        let protein = self.creatinine > 1.3 && rng.random_bool(0.5);
        let qualitative = vec![
            (codes::URINE_GLUCOSE, glucose),
            (codes::URINE_PROTEIN, protein),
            (codes::URINE_KETONES, rng.random_bool(0.02)),
            (codes::URINE_BLOOD, infection && rng.random_bool(0.5)),
            (codes::URINE_LEUKOCYTES, infection),
            (codes::URINE_NITRITE, infection && rng.random_bool(0.7)),
        ];
        (numeric, qualitative)
    }
}

/// One numeric result: the test, its reported value, the range and the flag it earned.
#[derive(Debug, Clone, Copy)]
pub struct LabResult {
    pub lab: Lab,
    pub value: f64,
    pub range: codes::Range,
    pub flag: &'static str,
}

/// A urinalysis: its numeric results, and each yes/no test with whether it was positive.
pub type Dipstick = (Vec<(Lab, f64)>, Vec<(Code, bool)>);

/// What a lab report held, for the letter about it.
pub struct Reported {
    pub panel: Code,
    pub day: super::time::Day,
    /// Each numeric result: test, value, range and flag.
    pub results: Vec<LabResult>,
    pub positives: usize,
}

impl Reported {
    pub fn abnormal(&self) -> usize {
        self.results.iter().filter(|r| r.flag != "N").count() + self.positives
    }

    pub fn total(&self) -> usize {
        self.results.len() + self.qualitative_count()
    }

    fn qualitative_count(&self) -> usize {
        if self.panel == codes::URINALYSIS_PANEL { codes::QUALITATIVE_LABS.len() } else { 0 }
    }
}

fn observation(chart: &mut Chart<'_>, at: &At<'_>, category: &str, code: Code, minute: i32) -> Observation {
    let (id, source_id) = chart.id("Observation");
    let effective = at.day.at(minute);
    Observation {
        id,
        source: SOURCE.into(),
        source_id: Some(source_id),
        patient_id: chart.patient_id.clone(),
        encounter_id: Some(at.encounter_id.to_owned()),
        status: "final".into(),
        category: Some(category.into()),
        code_system: Some(code.system.into()),
        code: Some(code.code.into()),
        code_display: Some(code.display.into()),
        value_type: "quantity".into(),
        effective: Some(effective.clone()),
        effective_at: Some(effective.clone()),
        issued_at: Some(effective),
        updated_at: UPDATED_AT.into(),
        confidential: sensitivity::flag(sensitivity::is_confidential_code(
            Some(code.system),
            Some(code.code),
        )),
        ..Observation::default()
    }
}

/// One vital sign.
pub fn vital(chart: &mut Chart<'_>, at: &At<'_>, code: Code, value: f64, unit: &str) {
    let mut row = observation(chart, at, "vital-signs", code, at.minute + 5);
    row.value_num = Some(value);
    row.value_unit = Some(unit.into());
    row.value_ucum = Some(unit.into());
    row.performer_id.clone_from(&at.performer);
    chart.rows.observations.push(row);
}

/// A blood pressure: a panel with its two parts.
pub fn blood_pressure(chart: &mut Chart<'_>, at: &At<'_>, systolic: f64, diastolic: f64) {
    let mut row = observation(chart, at, "vital-signs", codes::BP_PANEL, at.minute + 5);
    row.value_type = "none".into();
    row.performer_id.clone_from(&at.performer);
    for (seq, (code, value)) in
        [(codes::SYSTOLIC, systolic), (codes::DIASTOLIC, diastolic)].into_iter().enumerate()
    {
        chart.rows.observation_components.push(ObservationComponent {
            observation_id: row.id.clone(),
            seq: i64::try_from(seq).unwrap_or(0),
            code_system: Some(code.system.into()),
            code: Some(code.code.into()),
            code_display: Some(code.display.into()),
            value_type: "quantity".into(),
            value_num: Some(value),
            value_unit: Some("mm[Hg]".into()),
            value_ucum: Some("mm[Hg]".into()),
            ..ObservationComponent::default()
        });
    }
    chart.rows.observations.push(row);
}

/// A lab report of `panel` with its results, each flagged against its range.
pub fn report(
    chart: &mut Chart<'_>,
    at: &At<'_>,
    panel: Code,
    numeric: &[(Lab, f64)],
    qualitative: &[(Code, bool)],
    spanish: bool,
) -> Reported {
    let collected = at.minute + 20;
    let (report_id, source_id) = chart.id("DiagnosticReport");
    let mut results = Vec::new();
    let mut ids = Vec::new();
    for (lab, raw) in numeric {
        let value = round(*raw, lab.decimals);
        let range = if chart.sex == Sex::Female { lab.female } else { lab.male };
        let flag = codes::interpret(value, range, lab.critical_low, lab.critical_high);
        let mut row = observation(chart, at, "laboratory", lab.code, collected);
        row.value_num = Some(value);
        row.value_unit = Some(lab.unit.into());
        row.value_ucum = Some(lab.unit.into());
        row.ref_low = range.low;
        row.ref_high = range.high;
        row.ref_unit = Some(lab.unit.into());
        row.interpretation = Some(flag.into());
        row.issued_at = Some(at.day.at(collected + 6 * 60));
        ids.push(row.id.clone());
        chart.rows.observations.push(row);
        results.push(LabResult { lab: *lab, value, range, flag });
    }
    let mut positives = 0;
    for (code, positive) in qualitative {
        let value = if *positive { codes::POSITIVE } else { codes::NEGATIVE };
        positives += usize::from(*positive);
        let mut row = observation(chart, at, "laboratory", *code, collected);
        row.value_type = "codeable".into();
        row.value_code_system = Some(value.system.into());
        row.value_code = Some(value.code.into());
        row.value_text = Some(value.display.into());
        row.ref_text = Some(codes::NEGATIVE.display.into());
        row.interpretation = Some(if *positive { "A" } else { "N" }.into());
        row.issued_at = Some(at.day.at(collected + 6 * 60));
        ids.push(row.id.clone());
        chart.rows.observations.push(row);
    }
    let reported = Reported { panel, day: at.day, results, positives };
    let (abnormal, total) = (reported.abnormal(), ids.len());
    let conclusion = match (abnormal, spanish) {
        (0, false) => "All results are in the normal range.".to_owned(),
        (0, true) => "Todos los resultados están en el rango normal.".to_owned(),
        (n, false) => format!("{n} of {total} results are outside the normal range."),
        (n, true) => format!("{n} de {total} resultados están fuera del rango normal."),
    };
    for (seq, observation_id) in ids.into_iter().enumerate() {
        chart.rows.diagnostic_report_results.push(DiagnosticReportResult {
            report_id: report_id.clone(),
            seq: i64::try_from(seq).unwrap_or(0),
            observation_id,
        });
    }
    let effective = at.day.at(collected);
    chart.rows.diagnostic_reports.push(DiagnosticReport {
        id: report_id,
        source: SOURCE.into(),
        source_id: Some(source_id),
        patient_id: chart.patient_id.clone(),
        encounter_id: Some(at.encounter_id.to_owned()),
        status: "final".into(),
        category: Some("LAB".into()),
        code_system: Some(panel.system.into()),
        code: Some(panel.code.into()),
        code_display: Some(panel.display.into()),
        effective: Some(effective.clone()),
        effective_at: Some(effective),
        issued_at: Some(at.day.at(collected + 6 * 60)),
        performer_id: Some(at.orderer.clone()),
        conclusion: Some(conclusion),
        presented_text: None,
        updated_at: UPDATED_AT.into(),
        confidential: sensitivity::flag(sensitivity::is_confidential_code(
            Some(panel.system),
            Some(panel.code),
        )),
    });
    reported
}

#[cfg(test)]
mod tests {
    use rand::SeedableRng as _;

    use super::*;

    #[test]
    fn children_grow_into_their_adult_height() {
        let mut rng = ChaCha8Rng::seed_from_u64(1);
        let body = Body::new(&mut rng, Sex::Male, 24.0);
        let heights: Vec<f64> = (0..=216).step_by(6).map(|m| body.height(f64::from(m))).collect();
        assert!(heights.windows(2).all(|w| w[1] >= w[0] - 0.01), "{heights:?}");
        assert!((body.height(216.0) - body.adult_height_cm).abs() < 0.01);
    }

    #[test]
    fn treatment_lowers_blood_pressure_and_ldl() {
        let mut rng = ChaCha8Rng::seed_from_u64(2);
        let mut body = Body::new(&mut rng, Sex::Female, 27.0);
        body.hypertension = true;
        body.hyperlipidemia = true;
        let before: f64 = (0..50).map(|_| body.blood_pressure(&mut rng, 55.0).0).sum();
        let ldl_before = body.ldl();
        body.bp_medicines = 2;
        body.statin_effect = 0.4;
        let after: f64 = (0..50).map(|_| body.blood_pressure(&mut rng, 55.0).0).sum();
        assert!(after < before - 300.0);
        assert!(body.ldl() < ldl_before * 0.7);
    }
}
