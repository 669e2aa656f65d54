//! The demo clinic: fills an empty database with a deterministic, made-up health system (its
//! locations, practitioners, pharmacies and payers), any number of patients with years of
//! realistic records, and sign-ins for every role. Never run against real data: it only acts on
//! a database without a clinic profile.
//!
//! Everything comes from one seed: each patient draws from their own `ChaCha` stream, ids are
//! derived from the patient's number (`records::record_id`), and time is counted back from a
//! fixed day (2026-11-01), so the same seed and size give the same rows on every run and every
//! engine. Patients are written a few hundred per transaction, generated on a blocking thread
//! while the previous batch is written, so 100,000 patients stream through bounded memory.
//!
//! One small step reads the clock instead (`fresh`, given the `now` of seeding): the featured
//! patients' results of the last few days and their visits of the coming weeks, so the portal
//! has new results and upcoming visits to show on the day it is seeded. Only their days depend
//! on `now`.

mod accounts;
mod activation;
mod clinic;
pub mod codes;
mod fresh;
mod labs;
mod people;
mod record;
mod summaries;
mod time;
mod vaccines;

use std::time::Instant;

use anyhow::Context as _;
use jiff::Timestamp;
use sqlx::AnyConnection;

use crate::Db;
use crate::records::{
    self, Allergy, AllergyReaction, CarePlan, CarePlanActivity, CarePlanGoal, Condition, Coverage,
    DiagnosticReport, DiagnosticReportResult, Document, DocumentAttachment, Encounter, Goal, Identifier,
    Immunization, Location, MedicationRequest, Observation, ObservationComponent, Organization, Patient,
    PatientContact, Practitioner, PractitionerRole,
};
pub use activation::{DemoActivation, activations};

/// The `source` of every demo row.
pub const SOURCE: &str = "demo";
/// The seed when none is given.
pub const DEFAULT_SEED: u64 = 20_261_101;
pub const DEFAULT_PATIENTS: usize = 200;
/// The most patients a demo may have (load tests).
pub const MAX_PATIENTS: usize = 100_000;
/// Patients written per transaction: large enough to amortise a commit, small enough to keep a
/// batch's rows (a few tens of thousands) in memory.
const PATIENTS_PER_TRANSACTION: usize = 250;

/// How big a demo to make, and from which seed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DemoOptions {
    /// Patients to generate (the sign-ins' few patients are always among them).
    pub patients: usize,
    pub seed: u64,
}

impl Default for DemoOptions {
    fn default() -> Self {
        Self { patients: DEFAULT_PATIENTS, seed: DEFAULT_SEED }
    }
}

impl DemoOptions {
    pub fn validate(&self) -> anyhow::Result<()> {
        anyhow::ensure!(
            (1..=MAX_PATIENTS).contains(&self.patients),
            "the demo clinic takes 1 to {MAX_PATIENTS} patients, not {}",
            self.patients
        );
        Ok(())
    }

    /// Patients generated: at least the ones the sign-ins belong to.
    fn patient_count(&self) -> usize {
        self.patients.max(people::FEATURED.len())
    }
}

/// One demo sign-in, printed for whoever runs the demo.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoSignIn {
    pub role: String,
    pub email: String,
    pub password: String,
    /// The authenticator secret (base32), for accounts with two-step sign-in.
    pub totp: Option<String>,
}

/// The demo clinic's sign-ins, the same on every run.
pub fn sign_ins() -> Vec<DemoSignIn> {
    accounts::sign_ins()
}

/// Rows of every clinical table, about to be written together.
#[derive(Debug, Default)]
pub(crate) struct Rows {
    pub organizations: Vec<Organization>,
    pub locations: Vec<Location>,
    pub practitioners: Vec<Practitioner>,
    pub practitioner_roles: Vec<PractitionerRole>,
    pub patients: Vec<Patient>,
    pub identifiers: Vec<Identifier>,
    pub patient_contacts: Vec<PatientContact>,
    pub encounters: Vec<Encounter>,
    pub conditions: Vec<Condition>,
    pub observations: Vec<Observation>,
    pub observation_components: Vec<ObservationComponent>,
    pub diagnostic_reports: Vec<DiagnosticReport>,
    pub diagnostic_report_results: Vec<DiagnosticReportResult>,
    pub allergies: Vec<Allergy>,
    pub allergy_reactions: Vec<AllergyReaction>,
    pub medication_requests: Vec<MedicationRequest>,
    pub immunizations: Vec<Immunization>,
    pub documents: Vec<Document>,
    pub document_attachments: Vec<DocumentAttachment>,
    pub care_plans: Vec<CarePlan>,
    pub care_plan_activities: Vec<CarePlanActivity>,
    pub goals: Vec<Goal>,
    pub care_plan_goals: Vec<CarePlanGoal>,
    pub coverages: Vec<Coverage>,
}

impl Rows {
    /// Writes every row, parents before children so foreign keys hold at each statement.
    async fn write(&self, conn: &mut AnyConnection, keys: &crate::crypto::KeyRing) -> anyhow::Result<()> {
        records::upsert(conn, keys, &self.organizations).await?;
        records::upsert(conn, keys, &self.locations).await?;
        records::upsert(conn, keys, &self.practitioners).await?;
        records::upsert(conn, keys, &self.practitioner_roles).await?;
        records::upsert(conn, keys, &self.patients).await?;
        records::upsert(conn, keys, &self.identifiers).await?;
        records::upsert(conn, keys, &self.patient_contacts).await?;
        records::upsert(conn, keys, &self.encounters).await?;
        records::upsert(conn, keys, &self.conditions).await?;
        records::upsert(conn, keys, &self.observations).await?;
        records::upsert(conn, keys, &self.observation_components).await?;
        records::upsert(conn, keys, &self.diagnostic_reports).await?;
        records::upsert(conn, keys, &self.diagnostic_report_results).await?;
        records::upsert(conn, keys, &self.allergies).await?;
        records::upsert(conn, keys, &self.allergy_reactions).await?;
        records::upsert(conn, keys, &self.medication_requests).await?;
        records::upsert(conn, keys, &self.immunizations).await?;
        records::upsert(conn, keys, &self.documents).await?;
        records::upsert(conn, keys, &self.document_attachments).await?;
        records::upsert(conn, keys, &self.goals).await?;
        records::upsert(conn, keys, &self.care_plans).await?;
        records::upsert(conn, keys, &self.care_plan_activities).await?;
        records::upsert(conn, keys, &self.care_plan_goals).await?;
        records::upsert(conn, keys, &self.coverages).await?;
        Ok(())
    }

    /// Rows per table.
    fn counts(&self) -> [(&'static str, usize); 24] {
        [
            ("organizations", self.organizations.len()),
            ("locations", self.locations.len()),
            ("practitioners", self.practitioners.len()),
            ("practitioner_roles", self.practitioner_roles.len()),
            ("patients", self.patients.len()),
            ("identifiers", self.identifiers.len()),
            ("patient_contacts", self.patient_contacts.len()),
            ("encounters", self.encounters.len()),
            ("conditions", self.conditions.len()),
            ("observations", self.observations.len()),
            ("observation_components", self.observation_components.len()),
            ("diagnostic_reports", self.diagnostic_reports.len()),
            ("diagnostic_report_results", self.diagnostic_report_results.len()),
            ("allergies", self.allergies.len()),
            ("allergy_reactions", self.allergy_reactions.len()),
            ("medication_requests", self.medication_requests.len()),
            ("immunizations", self.immunizations.len()),
            ("documents", self.documents.len()),
            ("document_attachments", self.document_attachments.len()),
            ("care_plans", self.care_plans.len()),
            ("care_plan_activities", self.care_plan_activities.len()),
            ("goals", self.goals.len()),
            ("care_plan_goals", self.care_plan_goals.len()),
            ("coverages", self.coverages.len()),
        ]
    }
}

/// Where in the age distribution the seed starts, so a different seed gives other ages too.
fn age_offset(seed: u64) -> f64 {
    let bits = u32::try_from(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 40).unwrap_or(0);
    f64::from(bits) / f64::from(1_u32 << 24)
}

/// Patients `range` of the demo seeded with `seed`.
fn patients(range: std::ops::Range<usize>, seed: u64) -> Rows {
    let offset = age_offset(seed);
    let mut rows = Rows::default();
    for index in range {
        record::generate(index, seed, offset, &mut rows);
    }
    rows
}

async fn write(db: &Db, rows: &Rows) -> anyhow::Result<()> {
    let mut tx = db.begin_write().await?;
    rows.write(&mut tx, db.keys()).await?;
    tx.commit().await?;
    Ok(())
}

async fn has_clinic(db: &Db) -> anyhow::Result<bool> {
    let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM clinic_profile").fetch_one(db.pool()).await?;
    Ok(count > 0)
}

/// Seeds the demo clinic if the database has no clinic profile yet; `false` when it already
/// had one, whose data is then kept as it is. `now` dates the fresh activity (`fresh`); the
/// rest does not depend on it.
///
/// The fresh activity, the profile and the sign-ins are written last, in one transaction: a
/// seed stopped half-way leaves no profile, so the next start seeds again and its upserts
/// overwrite the same rows.
pub async fn seed_if_empty(
    db: &Db,
    keys: &crate::crypto::KeyRing,
    options: &DemoOptions,
    now: Timestamp,
) -> anyhow::Result<bool> {
    options.validate()?;
    if has_clinic(db).await.context("checking for a clinic profile failed")? {
        return Ok(false);
    }
    let started = Instant::now();
    let mut totals = clinic::rows().counts();
    write(db, &clinic::rows()).await.context("writing the demo clinic failed")?;

    let (total, seed) = (options.patient_count(), options.seed);
    let batch = move |from: usize| {
        tokio::task::spawn_blocking(move || {
            patients(from..(from + PATIENTS_PER_TRANSACTION).min(total), seed)
        })
    };
    let mut next = Some(batch(0));
    let mut from = 0;
    let mut waiting = std::time::Duration::ZERO;
    while let Some(generating) = next.take() {
        let wait = Instant::now();
        let rows = generating.await.context("generating demo patients failed")?;
        waiting += wait.elapsed();
        from += PATIENTS_PER_TRANSACTION;
        if from < total {
            next = Some(batch(from));
        }
        for (total, (_, n)) in totals.iter_mut().zip(rows.counts()) {
            total.1 += n;
        }
        write(db, &rows)
            .await
            .with_context(|| format!("writing demo patients before {}", from.min(total)))?;
    }

    let fresh = fresh::rows(now);
    for (total, (_, n)) in totals.iter_mut().zip(fresh.counts()) {
        total.1 += n;
    }
    let mut tx = db.begin_write().await?;
    let inserted = sqlx::query(
        "INSERT INTO clinic_profile (id, name, phone, email) VALUES (1, $1, $2, $3) ON CONFLICT (id) DO NOTHING",
    )
    .bind("Riverbend Health")
    .bind("(555) 010-2000")
    .bind("help@riverbend.example")
    .execute(&mut *tx)
    .await
    .context("writing the clinic profile failed")?
    .rows_affected();
    if inserted == 0 {
        // Another process seeded at the same time and finished first.
        tx.rollback().await?;
        return Ok(false);
    }
    fresh.write(&mut tx, db.keys()).await.context("writing the demo's fresh activity failed")?;
    accounts::create(&mut tx, keys).await?;
    activation::store(&mut tx).await.context("storing the demo activation codes failed")?;
    tx.commit().await.context("committing the demo sign-ins failed")?;

    let rows: Vec<String> = totals.iter().map(|(table, n)| format!("{table}={n}")).collect();
    tracing::info!(
        patients = total,
        seed,
        elapsed_ms = started.elapsed().as_millis(),
        waiting_for_generation_ms = waiting.as_millis(),
        rows = %rows.join(" "),
        "seeded the demo clinic"
    );
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_generates_the_same_patients_and_another_seed_other_ones() {
        let a = patients(0..12, 7);
        let b = patients(0..12, 7);
        let c = patients(0..12, 8);
        assert_eq!(format!("{:?}", a.patients), format!("{:?}", b.patients));
        assert_eq!(format!("{:?}", a.observations), format!("{:?}", b.observations));
        assert_ne!(format!("{:?}", a.patients), format!("{:?}", c.patients));
    }

    #[test]
    fn a_patient_is_the_same_whatever_batch_generates_it() {
        let whole = patients(0..8, 3);
        let tail = patients(5..8, 3);
        let pick = |rows: &Rows| {
            rows.encounters
                .iter()
                .filter(|e| e.patient_id == record::patient_id(6))
                .map(|e| e.id.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(pick(&whole), pick(&tail));
    }

    #[test]
    fn ana_has_a_thousand_observations_for_the_latency_benchmark() {
        let rows = patients(0..1, DEFAULT_SEED);
        assert!(rows.observations.len() >= 1000, "{}", rows.observations.len());
    }

    #[test]
    fn demo_sizes_outside_one_to_a_hundred_thousand_are_refused() {
        assert!(DemoOptions { patients: 0, seed: 1 }.validate().is_err());
        assert!(DemoOptions { patients: MAX_PATIENTS + 1, seed: 1 }.validate().is_err());
        assert!(DemoOptions { patients: MAX_PATIENTS, seed: 1 }.validate().is_ok());
        assert_eq!(DemoOptions { patients: 1, seed: 1 }.patient_count(), people::FEATURED.len());
    }
}
