//! Writing one bundle's rows inside the caller's transaction: collected per table, one row per
//! key (a bundle may send a resource twice; the last wins), written in foreign-key order with
//! `records::upsert`, child lists replacing what an earlier import wrote.

use std::collections::{HashMap, HashSet};

use sqlx::AnyConnection;

use super::resolve::{Stub, placeholders, table};
use crate::crypto::KeyRing;
use crate::records::{self, Record};
use crate::records::{
    Allergy, AllergyReaction, CarePlan, CarePlanActivity, CarePlanGoal, Condition, Coverage,
    DiagnosticReport, DiagnosticReportResult, Document, DocumentAttachment, Encounter, Goal, Identifier,
    Immunization, Location, MedicationRequest, Observation, ObservationComponent, Organization, Patient,
    PatientContact, Practitioner, PractitionerRole,
};

/// Rows of one table, one per key, in the order first seen.
#[derive(Debug)]
pub struct Table<T> {
    rows: Vec<T>,
    at: HashMap<String, usize>,
}

impl<T> Default for Table<T> {
    fn default() -> Self {
        Self { rows: Vec::new(), at: HashMap::new() }
    }
}

impl<T> Table<T> {
    /// Adds the row for `key`, replacing an earlier one.
    pub fn put(&mut self, key: String, row: T) {
        if let Some(&i) = self.at.get(&key) {
            self.rows[i] = row;
        } else {
            self.at.insert(key, self.rows.len());
            self.rows.push(row);
        }
    }

    pub fn get_mut(&mut self, key: &str) -> Option<&mut T> {
        self.at.get(key).map(|&i| &mut self.rows[i])
    }

    pub fn rows(&self) -> &[T] {
        &self.rows
    }

    pub fn keys(&self) -> impl Iterator<Item = &String> {
        self.at.keys()
    }
}

/// The children of one kind, by parent id: the source's list is the truth, so the parent's rows
/// from an earlier import are deleted first.
type Children<T> = Table<Vec<T>>;

/// Everything one bundle writes.
#[derive(Debug, Default)]
pub struct Rows {
    pub organizations: Table<Organization>,
    pub locations: Table<Location>,
    pub practitioners: Table<Practitioner>,
    pub practitioner_roles: Table<PractitionerRole>,
    pub patients: Table<Patient>,
    /// Identifiers of the directory rows above, by row id.
    pub identifiers: Children<Identifier>,
    pub patient_contacts: Children<PatientContact>,
    pub encounters: Table<Encounter>,
    pub observations: Table<Observation>,
    pub observation_components: Children<ObservationComponent>,
    pub diagnostic_reports: Table<DiagnosticReport>,
    pub diagnostic_report_results: Children<DiagnosticReportResult>,
    pub conditions: Table<Condition>,
    pub allergies: Table<Allergy>,
    pub allergy_reactions: Children<AllergyReaction>,
    pub medication_requests: Table<MedicationRequest>,
    pub immunizations: Table<Immunization>,
    pub documents: Table<Document>,
    pub document_attachments: Children<DocumentAttachment>,
    pub goals: Table<Goal>,
    pub care_plans: Table<CarePlan>,
    pub care_plan_activities: Children<CarePlanActivity>,
    pub care_plan_goals: Children<CarePlanGoal>,
    pub coverages: Table<Coverage>,
    /// Clinical notes for encounters, from plain-text clinical-note documents: (encounter, text).
    pub encounter_notes: Vec<(String, String)>,
    pub stubs: Vec<Stub>,
}

/// Writes `rows`. Reads first what the import must not overwrite: a refill count already
/// being counted down, and encounter notes this bundle does not carry.
pub async fn write(
    conn: &mut AnyConnection,
    keys: &KeyRing,
    mut rows: Rows,
    source: &str,
    now: &str,
) -> anyhow::Result<()> {
    keep_local_fields(conn, keys, &mut rows).await?;
    let outside_notes = attach_notes(&mut rows);

    write_stubs(conn, keys, &rows.stubs, source, now).await?;
    records::upsert(conn, keys, &parents_first(rows.organizations.rows())).await?;
    records::upsert(conn, keys, rows.locations.rows()).await?;
    records::upsert(conn, keys, rows.practitioners.rows()).await?;
    records::upsert(conn, keys, rows.practitioner_roles.rows()).await?;
    records::upsert(conn, keys, rows.patients.rows()).await?;
    write_identifiers(conn, keys, &rows.identifiers).await?;
    replace(conn, keys, "patient_id", &rows.patient_contacts).await?;
    records::upsert(conn, keys, rows.encounters.rows()).await?;
    records::upsert(conn, keys, rows.observations.rows()).await?;
    replace(conn, keys, "observation_id", &rows.observation_components).await?;
    records::upsert(conn, keys, rows.diagnostic_reports.rows()).await?;
    replace(conn, keys, "report_id", &rows.diagnostic_report_results).await?;
    records::upsert(conn, keys, rows.conditions.rows()).await?;
    records::upsert(conn, keys, rows.allergies.rows()).await?;
    replace(conn, keys, "allergy_id", &rows.allergy_reactions).await?;
    records::upsert(conn, keys, rows.medication_requests.rows()).await?;
    records::upsert(conn, keys, rows.immunizations.rows()).await?;
    records::upsert(conn, keys, rows.documents.rows()).await?;
    replace(conn, keys, "document_id", &rows.document_attachments).await?;
    records::upsert(conn, keys, rows.goals.rows()).await?;
    records::upsert(conn, keys, rows.care_plans.rows()).await?;
    replace(conn, keys, "care_plan_id", &rows.care_plan_activities).await?;
    replace(conn, keys, "care_plan_id", &rows.care_plan_goals).await?;
    records::upsert(conn, keys, rows.coverages.rows()).await?;
    for (encounter, note) in outside_notes {
        let mut sealed = Encounter { note: Some(note), ..Encounter::default() };
        sealed.seal(keys);
        sqlx::query("UPDATE encounters SET note = $1, updated_at = $2 WHERE id = $3")
            .bind(sealed.note)
            .bind(now.to_owned())
            .bind(encounter)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// Most ids in one `IN (…)` list.
const CHUNK: usize = 500;

/// Fields the portal itself maintains after the first import: the refills a patient has left
/// (counted down as they are used) and an encounter's note and after-visit summary when this
/// bundle brings none.
async fn keep_local_fields(conn: &mut AnyConnection, keys: &KeyRing, rows: &mut Rows) -> anyhow::Result<()> {
    let ids: Vec<String> = rows.medication_requests.keys().cloned().collect();
    for chunk in ids.chunks(CHUNK) {
        let sql = format!(
            "SELECT id, refills_remaining FROM medication_requests WHERE id IN ({})",
            placeholders(1, chunk.len())
        );
        let mut query = sqlx::query_as::<_, (String, Option<i64>)>(sqlx::AssertSqlSafe(sql));
        for id in chunk {
            query = query.bind(id.clone());
        }
        for (id, remaining) in query.fetch_all(&mut *conn).await? {
            if let (Some(row), Some(remaining)) = (rows.medication_requests.get_mut(&id), remaining) {
                row.refills_remaining = Some(remaining);
            }
        }
    }
    let ids: Vec<String> = rows.encounters.keys().cloned().collect();
    for chunk in ids.chunks(CHUNK) {
        let sql = format!(
            "SELECT id, note, after_visit_summary FROM encounters WHERE id IN ({})",
            placeholders(1, chunk.len())
        );
        let mut query =
            sqlx::query_as::<_, (String, Option<String>, Option<String>)>(sqlx::AssertSqlSafe(sql));
        for id in chunk {
            query = query.bind(id.clone());
        }
        for (id, note, summary) in query.fetch_all(&mut *conn).await? {
            if let Some(row) = rows.encounters.get_mut(&id) {
                let mut stored = Encounter { note, after_visit_summary: summary, ..Encounter::default() };
                stored.open(keys)?;
                row.note = row.note.take().or(stored.note);
                row.after_visit_summary = row.after_visit_summary.take().or(stored.after_visit_summary);
            }
        }
    }
    Ok(())
}

/// Puts each clinical note on its encounter when the encounter is in this bundle; returns the
/// notes for encounters imported before, to be updated in place.
fn attach_notes(rows: &mut Rows) -> Vec<(String, String)> {
    let mut by_encounter: Table<String> = Table::default();
    for (encounter, text) in std::mem::take(&mut rows.encounter_notes) {
        match by_encounter.get_mut(&encounter) {
            Some(note) => {
                note.push_str("\n\n");
                note.push_str(&text);
            }
            None => by_encounter.put(encounter, text),
        }
    }
    let mut outside = Vec::new();
    let keys: Vec<String> = by_encounter.keys().cloned().collect();
    for encounter in keys {
        let note = by_encounter.get_mut(&encounter).map(std::mem::take).unwrap_or_default();
        match rows.encounters.get_mut(&encounter) {
            Some(row) => row.note = Some(note),
            None => outside.push((encounter, note)),
        }
    }
    outside.sort();
    outside
}

/// Stubs are inserted only where no row exists: a real row written meanwhile must win.
async fn write_stubs(
    conn: &mut AnyConnection,
    keys: &KeyRing,
    stubs: &[Stub],
    source: &str,
    now: &str,
) -> sqlx::Result<()> {
    for stub in stubs {
        let Some(table) = table(&stub.resource_type) else { continue };
        let sql = format!(
            "INSERT INTO {table} (id, source, source_id, is_stub, updated_at) VALUES ($1, $2, $3, 1, $4) \
             ON CONFLICT (id) DO NOTHING"
        );
        sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(stub.id.clone())
            .bind(source.to_owned())
            .bind(stub.source_id.clone())
            .bind(now.to_owned())
            .execute(&mut *conn)
            .await?;
        let Some((system, value)) = &stub.identifier else { continue };
        if super::directory::is_national_id(system, None) {
            continue;
        }
        let mut row = Identifier {
            resource_type: stub.resource_type.clone(),
            resource_id: stub.id.clone(),
            system: system.clone(),
            value: value.clone(),
            ..Identifier::default()
        };
        row.seal(keys);
        sqlx::query(
            "INSERT INTO identifiers (resource_type, resource_id, system, value, sealed_value) \
             VALUES ($1, $2, $3, $4, $5) ON CONFLICT (resource_type, system, value) DO NOTHING",
        )
        .bind(row.resource_type)
        .bind(row.resource_id)
        .bind(row.system)
        .bind(row.value)
        .bind(row.sealed_value)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// Replaces the identifiers of this bundle's directory rows. Two resources of a bundle may claim
/// one identifier; the last one keeps it, as one statement may not update a row twice.
async fn write_identifiers(
    conn: &mut AnyConnection,
    keys: &KeyRing,
    identifiers: &Children<Identifier>,
) -> sqlx::Result<()> {
    delete_children::<Identifier>(conn, "resource_id", identifiers.keys()).await?;
    let mut unique: Table<Identifier> = Table::default();
    for row in identifiers.rows().iter().flatten() {
        unique.put(format!("{}|{}|{}", row.resource_type, row.system, row.value), row.clone());
    }
    records::upsert(conn, keys, unique.rows()).await
}

/// Replaces the children of every parent in `children`: one delete per few hundred parents
/// rather than one per parent, then one upsert.
async fn replace<R: Record + Clone>(
    conn: &mut AnyConnection,
    keys: &KeyRing,
    parent_column: &str,
    children: &Children<R>,
) -> sqlx::Result<()> {
    delete_children::<R>(conn, parent_column, children.keys()).await?;
    let all: Vec<R> = children.rows().iter().flatten().cloned().collect();
    records::upsert(conn, keys, &all).await
}

async fn delete_children<'k, R: Record>(
    conn: &mut AnyConnection,
    parent_column: &str,
    parents: impl Iterator<Item = &'k String>,
) -> sqlx::Result<()> {
    debug_assert!(R::COLUMNS.contains(&parent_column));
    let parents: Vec<&String> = parents.collect();
    for chunk in parents.chunks(CHUNK) {
        let sql =
            format!("DELETE FROM {} WHERE {parent_column} IN ({})", R::TABLE, placeholders(1, chunk.len()));
        let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
        for id in chunk {
            query = query.bind((*id).clone());
        }
        query.execute(&mut *conn).await?;
    }
    Ok(())
}

/// Organisations ordered so a parent (`partOf`) is written before its children, which keeps the
/// foreign key satisfied when a long list is split over several statements.
fn parents_first(organizations: &[Organization]) -> Vec<Organization> {
    let in_batch: HashSet<&str> = organizations.iter().map(|o| o.id.as_str()).collect();
    let mut placed: HashSet<&str> = HashSet::new();
    let mut ordered = Vec::with_capacity(organizations.len());
    let mut pending: Vec<&Organization> = organizations.iter().collect();
    while !pending.is_empty() {
        let (ready, rest): (Vec<&Organization>, Vec<&Organization>) = pending.into_iter().partition(|o| {
            o.part_of_id.as_deref().is_none_or(|p| p == o.id || !in_batch.contains(p) || placed.contains(p))
        });
        if ready.is_empty() {
            // A cycle: written together in one statement, the engines check it as a whole.
            ordered.extend(rest.into_iter().cloned());
            break;
        }
        placed.extend(ready.iter().map(|o| o.id.as_str()));
        ordered.extend(ready.into_iter().cloned());
        pending = rest;
    }
    ordered
}

#[cfg(test)]
mod tests {
    use super::*;

    fn org(id: &str, part_of: Option<&str>) -> Organization {
        Organization { id: id.into(), part_of_id: part_of.map(str::to_owned), ..Organization::default() }
    }

    #[test]
    fn a_table_keeps_one_row_per_key_the_last_one() {
        let mut table = Table::default();
        table.put("a".into(), 1);
        table.put("b".into(), 2);
        table.put("a".into(), 3);
        assert_eq!(table.rows(), &[3, 2]);
    }

    #[test]
    fn parent_organisations_are_written_before_their_children() {
        let ordered = parents_first(&[org("child", Some("parent")), org("parent", Some("elsewhere"))]);
        let ids: Vec<&str> = ordered.iter().map(|o| o.id.as_str()).collect();
        assert_eq!(ids, ["parent", "child"]);
    }

    #[test]
    fn notes_join_per_encounter_and_those_for_other_bundles_are_returned() {
        let mut rows = Rows::default();
        rows.encounters.put("e1".into(), Encounter { id: "e1".into(), ..Encounter::default() });
        rows.encounter_notes =
            vec![("e1".into(), "one".into()), ("e2".into(), "elsewhere".into()), ("e1".into(), "two".into())];
        let outside = attach_notes(&mut rows);
        assert_eq!(rows.encounters.rows()[0].note.as_deref(), Some("one\n\ntwo"));
        assert_eq!(outside, vec![("e2".to_owned(), "elsewhere".to_owned())]);
    }
}
