//! The chart's lists: medications, immunizations, allergies and health issues.

use axum::extract::{Path, State};
use shared::chart::{Allergy, Immunization, Medication, Pharmacy, Problem, Reaction};

use super::{coded, count, person_name};
use crate::AppState;
use crate::auth::{Access, Caller};
use crate::error::{ApiJson, ApiResult};
use crate::records::{self, AllergyReaction};

/// Medicines that are in use now, by FHIR's MedicationRequest status.
pub(super) fn is_active_medication(status: &str) -> bool {
    matches!(status, "active" | "on-hold" | "draft")
}

#[derive(sqlx::FromRow)]
struct MedicationRow {
    id: String,
    status: String,
    medication_system: Option<String>,
    medication_code: Option<String>,
    medication_display: Option<String>,
    dosage_text: Option<String>,
    patient_instruction: Option<String>,
    authored_on: Option<String>,
    reason_display: Option<String>,
    refills_allowed: Option<i64>,
    refills_remaining: Option<i64>,
    quantity: Option<f64>,
    quantity_unit: Option<String>,
    days_supply: Option<i64>,
    prefix: Option<String>,
    given: Option<String>,
    family: Option<String>,
    pharmacy_id: Option<String>,
    pharmacy_name: Option<String>,
    pharmacy_phone: Option<String>,
}

/// All of a patient's medications: those in use first, then the rest, newest first.
pub(super) async fn load_medications(
    state: &AppState,
    patient_id: &str,
    only_active: bool,
    ceiling: i64,
) -> ApiResult<Vec<Medication>> {
    let rows: Vec<MedicationRow> = sqlx::query_as(
        "SELECT m.id, m.status, m.medication_system, m.medication_code, m.medication_display, m.dosage_text,
                m.patient_instruction, m.authored_on, m.reason_display, m.refills_allowed, m.refills_remaining,
                m.quantity, m.quantity_unit, m.days_supply, p.prefix, p.given, p.family,
                m.pharmacy_id, o.name AS pharmacy_name, o.phone AS pharmacy_phone
         FROM medication_requests m
         LEFT JOIN practitioners p ON p.id = m.requester_id
         LEFT JOIN organizations o ON o.id = m.pharmacy_id
         WHERE m.patient_id = $1 AND m.confidential <= $2
         ORDER BY COALESCE(m.authored_at, '') DESC, m.id",
    )
    .bind(patient_id.to_owned())
    .bind(ceiling)
    .fetch_all(state.db.pool())
    .await?;
    let mut medications: Vec<Medication> = rows
        .into_iter()
        .map(|r| Medication {
            active: is_active_medication(&r.status),
            name: coded(r.medication_system, r.medication_code, r.medication_display),
            status: r.status,
            dosage: r.dosage_text,
            instructions: r.patient_instruction,
            prescriber: person_name(r.prefix, r.given, r.family),
            authored_on: r.authored_on,
            reason: r.reason_display,
            refills_allowed: count(r.refills_allowed),
            refills_remaining: count(r.refills_remaining),
            quantity: r.quantity.map(|q| match r.quantity_unit {
                Some(unit) => format!("{q} {unit}"),
                None => q.to_string(),
            }),
            days_supply: count(r.days_supply),
            pharmacy: r.pharmacy_id.map(|id| Pharmacy {
                id,
                name: r.pharmacy_name.unwrap_or_else(|| "Pharmacy".to_owned()),
                phone: r.pharmacy_phone,
            }),
            id: r.id,
        })
        .filter(|m| m.active || !only_active)
        .collect();
    // A stable sort keeps newest-first within each group.
    medications.sort_by_key(|m| !m.active);
    Ok(medications)
}

/// `GET /api/patients/{patient_id}/medications`
#[utoipa::path(
    get,
    operation_id = "chart_lists_medications",
    path = "/api/patients/{patient_id}/medications",
    tag = "chart",
    params(("patient_id" = String, Path)),
    responses((status = 200, description = "Done.", body = Vec<shared::chart::Medication>), (status = 401, description = "Not signed in, or the session ended.", body = shared::ErrorBody), (status = 403, description = "This role may not do this (or emergency access is needed first).", body = shared::ErrorBody), (status = 404, description = "Not found, or another patient's.", body = shared::ErrorBody), (status = 400, description = "The request is malformed.", body = shared::ErrorBody)),
    security(("session" = [])),
    extensions(("x-roles" = json!(["patient", "proxy", "clinician", "nurse"])))
)]
pub(super) async fn medications(
    State(state): State<AppState>,
    caller: Caller,
    Path(patient_id): Path<String>,
) -> ApiResult<ApiJson<Vec<Medication>>> {
    let opened = caller
        .open_record(
            &state,
            &patient_id,
            Access { action: "search", resource_type: "MedicationRequest", resource_id: None },
        )
        .await?;
    Ok(ApiJson(load_medications(&state, &patient_id, false, opened.confidential_ceiling()).await?))
}

#[derive(sqlx::FromRow)]
struct ImmunizationRow {
    id: String,
    status: String,
    vaccine_system: Option<String>,
    vaccine_code: Option<String>,
    vaccine_display: Option<String>,
    occurrence: Option<String>,
    occurrence_at: Option<String>,
    lot_number: Option<String>,
    location: Option<String>,
}

/// A patient's vaccines, newest first; `limit` keeps only the latest.
pub(super) async fn load_immunizations(
    state: &AppState,
    patient_id: &str,
    limit: i64,
) -> ApiResult<Vec<Immunization>> {
    let rows: Vec<ImmunizationRow> = sqlx::query_as(
        "SELECT i.id, i.status, i.vaccine_system, i.vaccine_code, i.vaccine_display, i.occurrence, i.occurrence_at,
                i.lot_number, l.name AS location
         FROM immunizations i LEFT JOIN locations l ON l.id = i.location_id
         WHERE i.patient_id = $1
         ORDER BY COALESCE(i.occurrence_at, '') DESC, i.id
         LIMIT $2",
    )
    .bind(patient_id.to_owned())
    .bind(limit)
    .fetch_all(state.db.pool())
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| Immunization {
            id: r.id,
            families: super::vaccines_due::families_of_code(
                r.vaccine_system.as_deref(),
                r.vaccine_code.as_deref(),
            ),
            vaccine: coded(r.vaccine_system, r.vaccine_code, r.vaccine_display),
            status: r.status,
            occurrence: r.occurrence,
            occurrence_at: r.occurrence_at,
            lot_number: r.lot_number,
            location: r.location,
        })
        .collect())
}

/// `GET /api/patients/{patient_id}/immunizations`
#[utoipa::path(
    get,
    operation_id = "chart_lists_immunizations",
    path = "/api/patients/{patient_id}/immunizations",
    tag = "chart",
    params(("patient_id" = String, Path)),
    responses((status = 200, description = "Done.", body = Vec<shared::chart::Immunization>), (status = 401, description = "Not signed in, or the session ended.", body = shared::ErrorBody), (status = 403, description = "This role may not do this (or emergency access is needed first).", body = shared::ErrorBody), (status = 404, description = "Not found, or another patient's.", body = shared::ErrorBody), (status = 400, description = "The request is malformed.", body = shared::ErrorBody)),
    security(("session" = [])),
    extensions(("x-roles" = json!(["patient", "proxy", "clinician", "nurse"])))
)]
pub(super) async fn immunizations(
    State(state): State<AppState>,
    caller: Caller,
    Path(patient_id): Path<String>,
) -> ApiResult<ApiJson<Vec<Immunization>>> {
    caller
        .open_record(
            &state,
            &patient_id,
            Access { action: "search", resource_type: "Immunization", resource_id: None },
        )
        .await?;
    Ok(ApiJson(load_immunizations(&state, &patient_id, i64::MAX).await?))
}

#[derive(sqlx::FromRow)]
struct AllergyRow {
    id: String,
    code_system: Option<String>,
    code: Option<String>,
    code_display: Option<String>,
    category: Option<String>,
    criticality: Option<String>,
    clinical_status: Option<String>,
    recorded_date: Option<String>,
}

/// A patient's allergies (all, or only those not resolved), with their reactions.
pub(super) async fn load_allergies(
    state: &AppState,
    patient_id: &str,
    only_active: bool,
) -> ApiResult<Vec<Allergy>> {
    let rows: Vec<AllergyRow> = sqlx::query_as(
        "SELECT id, code_system, code, code_display, category, criticality, clinical_status, recorded_date
         FROM allergies WHERE patient_id = $1 AND ($2 = 0 OR COALESCE(clinical_status, 'active') = 'active')
         ORDER BY COALESCE(recorded_date, '') DESC, id",
    )
    .bind(patient_id.to_owned())
    .bind(i64::from(only_active))
    .fetch_all(state.db.pool())
    .await?;
    let reactions: Vec<AllergyReaction> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{} WHERE allergy_id IN (SELECT id FROM allergies WHERE patient_id = $1) ORDER BY allergy_id, seq",
        records::select_sql::<AllergyReaction>()
    )))
    .bind(patient_id.to_owned())
    .fetch_all(state.db.pool())
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| Allergy {
            reactions: reactions
                .iter()
                .filter(|x| x.allergy_id == r.id)
                .map(|x| Reaction {
                    manifestation: coded(
                        x.manifestation_system.clone(),
                        x.manifestation_code.clone(),
                        x.manifestation_display.clone().or_else(|| x.description.clone()),
                    ),
                    severity: x.severity.clone(),
                })
                .collect(),
            id: r.id,
            substance: coded(r.code_system, r.code, r.code_display),
            category: r.category,
            criticality: r.criticality,
            clinical_status: r.clinical_status,
            recorded_date: r.recorded_date,
        })
        .collect())
}

/// `GET /api/patients/{patient_id}/allergies`
#[utoipa::path(
    get,
    operation_id = "chart_lists_allergies",
    path = "/api/patients/{patient_id}/allergies",
    tag = "chart",
    params(("patient_id" = String, Path)),
    responses((status = 200, description = "Done.", body = Vec<shared::chart::Allergy>), (status = 401, description = "Not signed in, or the session ended.", body = shared::ErrorBody), (status = 403, description = "This role may not do this (or emergency access is needed first).", body = shared::ErrorBody), (status = 404, description = "Not found, or another patient's.", body = shared::ErrorBody), (status = 400, description = "The request is malformed.", body = shared::ErrorBody)),
    security(("session" = [])),
    extensions(("x-roles" = json!(["patient", "proxy", "clinician", "nurse"])))
)]
pub(super) async fn allergies(
    State(state): State<AppState>,
    caller: Caller,
    Path(patient_id): Path<String>,
) -> ApiResult<ApiJson<Vec<Allergy>>> {
    caller
        .open_record(
            &state,
            &patient_id,
            Access { action: "search", resource_type: "AllergyIntolerance", resource_id: None },
        )
        .await?;
    Ok(ApiJson(load_allergies(&state, &patient_id, false).await?))
}

#[derive(sqlx::FromRow)]
struct ProblemRow {
    id: String,
    code_system: Option<String>,
    code: Option<String>,
    code_display: Option<String>,
    clinical_status: Option<String>,
    onset: Option<String>,
    abatement: Option<String>,
    recorded_date: Option<String>,
}

/// A patient's health issues: current ones first (newest onset first), then past ones.
pub(super) async fn load_problems(
    state: &AppState,
    patient_id: &str,
    only_active: bool,
    ceiling: i64,
) -> ApiResult<Vec<Problem>> {
    let rows: Vec<ProblemRow> = sqlx::query_as(
        "SELECT id, code_system, code, code_display, clinical_status, onset, abatement, recorded_date
         FROM conditions
         WHERE patient_id = $1 AND confidential <= $3
           AND ($2 = 0 OR COALESCE(clinical_status, 'active') IN ('active', 'recurrence', 'relapse'))
         ORDER BY CASE WHEN COALESCE(clinical_status, 'active') IN ('active', 'recurrence', 'relapse') THEN 0 ELSE 1 END,
                  COALESCE(onset_at, '') DESC, id",
    )
    .bind(patient_id.to_owned())
    .bind(i64::from(only_active))
    .bind(ceiling)
    .fetch_all(state.db.pool())
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| Problem {
            id: r.id,
            name: coded(r.code_system, r.code, r.code_display),
            clinical_status: r.clinical_status,
            onset: r.onset,
            abatement: r.abatement,
            recorded_date: r.recorded_date,
        })
        .collect())
}

/// `GET /api/patients/{patient_id}/problems`
#[utoipa::path(
    get,
    operation_id = "chart_lists_problems",
    path = "/api/patients/{patient_id}/problems",
    tag = "chart",
    params(("patient_id" = String, Path)),
    responses((status = 200, description = "Done.", body = Vec<shared::chart::Problem>), (status = 401, description = "Not signed in, or the session ended.", body = shared::ErrorBody), (status = 403, description = "This role may not do this (or emergency access is needed first).", body = shared::ErrorBody), (status = 404, description = "Not found, or another patient's.", body = shared::ErrorBody), (status = 400, description = "The request is malformed.", body = shared::ErrorBody)),
    security(("session" = [])),
    extensions(("x-roles" = json!(["patient", "proxy", "clinician", "nurse"])))
)]
pub(super) async fn problems(
    State(state): State<AppState>,
    caller: Caller,
    Path(patient_id): Path<String>,
) -> ApiResult<ApiJson<Vec<Problem>>> {
    let opened = caller
        .open_record(
            &state,
            &patient_id,
            Access { action: "search", resource_type: "Condition", resource_id: None },
        )
        .await?;
    Ok(ApiJson(load_problems(&state, &patient_id, false, opened.confidential_ceiling()).await?))
}
