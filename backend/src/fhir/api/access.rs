//! Who may reach which resources through the FHIR API. Every decision about a patient's record
//! goes through `Caller::open_record`, which also writes the audit row. A patient reaches their
//! own record and those they are a proxy for (anyone else's answers 404, as if it did not
//! exist); the care team reaches patients in their care, naming one per search; other staff
//! are refused. Confidential items stay hidden from those who may not see them. Directory data is open to
//! anyone signed in.

use shared::Role;

use super::outcome::{FhirError, FhirResult, IssueType};
use super::resource_type::ResourceType;
use super::search::{Search, Where};
use crate::AppState;
use crate::access::Opened;
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
) -> FhirResult<Opened> {
    Ok(caller.open_record(state, patient_id, Access { action, resource_type, resource_id }).await?)
}

/// Keeps a search of `kind` to what `opened` shows.
pub fn hide_confidential(kind: ResourceType, opened: &Opened, filter: &mut Where) {
    if kind.has_confidential_flag() && !opened.confidential {
        filter.push("confidential = 0".to_owned());
    }
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
        Role::Patient | Role::Proxy => match named.as_slice() {
            // A proxy names the patient; a patient's own record is the default.
            [] => caller.patient_id.clone().ok_or_else(|| {
                FhirError::invalid("Name the patient whose record to search: patient=Patient/{id}.")
            })?,
            [one] => one.clone(),
            several => {
                // Naming anyone they may not open is answered as if they did not exist.
                for id in several {
                    open(state, caller, id, "search", kind.name(), None).await?;
                }
                return Err(FhirError::invalid("Search one patient's record at a time."));
            }
        },
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
    let opened = open(state, caller, &target, "search", kind.name(), None).await?;
    let placeholder = search.filter.bind(target.as_str());
    search.filter.push(format!("{patient_column} = {placeholder}"));
    hide_confidential(kind, &opened, &mut search.filter);
    Ok(Scope::Patient(target))
}
