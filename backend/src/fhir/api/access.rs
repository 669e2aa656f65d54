//! Who may reach which resources through the FHIR API. Every decision about a patient's record
//! goes through `Caller::open_record`, which also writes the audit row. A patient reaches only
//! their own record (anyone else's answers 404, as if it did not exist); the care team reaches
//! any patient but names one per search; other staff are refused. Directory data is open to
//! anyone signed in.

use shared::Role;

use super::outcome::{FhirError, FhirResult, IssueType};
use super::resource_type::ResourceType;
use super::search::Search;
use crate::AppState;
use crate::auth::{Access, Caller};

/// Roles that may reach clinical data through this API at all.
const CLINICAL_ROLES: [Role; 4] = [Role::Patient, Role::Proxy, Role::Clinician, Role::Nurse];

/// Refuses, with 403 and an audit row, roles that never see clinical data here.
pub async fn require_clinical_role(state: &AppState, caller: &Caller, action: &str) -> FhirResult<()> {
    caller.require_role(state, &CLINICAL_ROLES, action).await?;
    Ok(())
}

/// Opens `patient_id`'s record for one request, or refuses (404 for another patient's).
pub async fn open(
    state: &AppState,
    caller: &Caller,
    patient_id: &str,
    action: &str,
    resource_type: &str,
    resource_id: Option<&str>,
) -> FhirResult<()> {
    caller.open_record(state, patient_id, Access { action, resource_type, resource_id }).await?;
    Ok(())
}

/// Whose records a search reaches, once access control has decided.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    /// Directory data: no patient's record.
    Directory,
    /// One patient's record, opened (and audited) already.
    Patient(String),
    /// A care-team search of patients by demographics: each patient found is opened (and
    /// audited) before being returned.
    EachPatientFound,
}

/// Decides which patient a search of `kind` reaches, audits it, and restricts the search to it.
pub async fn scope_search(
    state: &AppState,
    caller: &Caller,
    kind: ResourceType,
    search: &mut Search,
) -> FhirResult<Scope> {
    let Some(patient_column) = kind.patient_column() else { return Ok(Scope::Directory) };
    require_clinical_role(state, caller, "search").await?;
    let mut named = search.patients.clone();
    named.sort();
    named.dedup();
    let target = match caller.role {
        Role::Patient => {
            let own = caller.patient_id.clone().ok_or_else(FhirError::not_found)?;
            // Naming anyone else is answered as if they did not exist, and audited.
            if let Some(other) = named.iter().find(|id| **id != own) {
                open(state, caller, other, "search", kind.name(), None).await?;
                return Err(FhirError::not_found());
            }
            own
        }
        _ => match named.as_slice() {
            [one] => one.clone(),
            [] if kind == ResourceType::Patient && caller.role.is_care_team() => {
                return Ok(Scope::EachPatientFound);
            }
            [] => {
                return Err(FhirError::new(
                    axum::http::StatusCode::BAD_REQUEST,
                    IssueType::TooCostly,
                    format!("Name the patient whose {kind} resources to search: patient=Patient/{{id}}."),
                ));
            }
            _ => return Err(FhirError::invalid("Search one patient's record at a time.")),
        },
    };
    open(state, caller, &target, "search", kind.name(), None).await?;
    let placeholder = search.filter.bind(target.as_str());
    search.filter.push(format!("{patient_column} = {placeholder}"));
    Ok(Scope::Patient(target))
}
