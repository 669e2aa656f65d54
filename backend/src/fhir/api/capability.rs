//! `GET /fhir/r4/metadata`: the CapabilityStatement, built from the same type and parameter
//! tables the handlers use so it cannot drift from what the server does.

use serde_json::{Value, json};

use super::everything::MAX_EVERYTHING_COUNT;
use super::resource_type::ResourceType;
use super::search::{self, MAX_COUNT};

/// When this statement last changed in substance.
const PUBLISHED: &str = "2026-11-24";

pub fn statement(base: &str) -> Value {
    let resources: Vec<Value> = ResourceType::ALL
        .into_iter()
        .map(|kind| {
            let params: Vec<Value> = search::all_params(kind)
                .map(|p| json!({"name": p.name, "type": p.kind.fhir_type()}))
                .collect();
            let mut resource = json!({
                "type": kind.name(),
                "profile": format!("http://hl7.org/fhir/StructureDefinition/{kind}"),
                "interaction": [{"code": "read"}, {"code": "search-type"}],
                "versioning": "no-version",
                "readHistory": false,
                "updateCreate": false,
                "conditionalCreate": false,
                "conditionalRead": "not-supported",
                "conditionalUpdate": false,
                "conditionalDelete": "not-supported",
                "searchParam": params,
            });
            if kind == ResourceType::Patient {
                resource["operation"] = json!([{
                    "name": "everything",
                    "definition": "http://hl7.org/fhir/OperationDefinition/Patient-everything",
                    "documentation": format!(
                        "The patient and every resource in their record, with the practitioners, organizations \
                         and locations they refer to. Parameters: _since (resources updated at or after it), \
                         start and end (a window on each resource's clinical date; resources without one are \
                         always included), _type, _count (at most {MAX_EVERYTHING_COUNT}) and _offset. The \
                         Patient resource is always included."
                    ),
                }]);
            }
            resource
        })
        .collect();
    json!({
        "resourceType": "CapabilityStatement",
        "url": format!("{base}/metadata"),
        "name": "PatientPortalFhirApi",
        "title": "Patient portal FHIR R4 API",
        "status": "active",
        "experimental": false,
        "date": PUBLISHED,
        "description": "Read-only access to the clinical record the portal keeps: a patient's own record, \
                        or any patient's for their care team.",
        "kind": "instance",
        "software": {"name": "portal", "version": env!("CARGO_PKG_VERSION")},
        "implementation": {"description": "Patient portal", "url": base},
        "fhirVersion": "4.0.1",
        "format": ["json", "application/fhir+json"],
        "rest": [{
            "mode": "server",
            "documentation": format!(
                "Searches page with _count (default {}, at most {MAX_COUNT}) and _offset, and sort with _sort \
                 on any listed parameter (prefix - for descending). Unknown parameters are ignored. A search \
                 of clinical data by the care team names one patient (patient=).",
                search::DEFAULT_COUNT
            ),
            "security": {
                "cors": false,
                "description": "Every interaction but this statement needs a signed-in session: sign in with \
                                POST /api/session, which sets the session cookie (__Host-portal-session; \
                                HttpOnly, Secure, SameSite=Strict). A patient reaches only their own record; \
                                every access to a patient's record is audited.",
            },
            "resource": resources,
        }],
    })
}
