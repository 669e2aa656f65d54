//! Documents: the list with each file's name, type and size, and the download of one file.

use axum::extract::{Path, State};
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};
use shared::chart::{AttachmentInfo, DocumentSummary};

use super::{coded, person_name};
use crate::AppState;
use crate::auth::{Access, Caller};
use crate::error::{ApiError, ApiJson, ApiResult};
use crate::records::{DocumentAttachment, Record as _};

#[derive(sqlx::FromRow)]
struct DocumentRow {
    id: String,
    type_system: Option<String>,
    type_code: Option<String>,
    type_display: Option<String>,
    description: Option<String>,
    date_at: Option<String>,
    prefix: Option<String>,
    given: Option<String>,
    family: Option<String>,
}

#[derive(sqlx::FromRow)]
struct FileRow {
    document_id: String,
    seq: i64,
    title: Option<String>,
    content_type: Option<String>,
    size: Option<i64>,
}

/// A patient's documents (of one visit, if given), newest first, with their files.
pub(super) async fn load(
    state: &AppState,
    patient_id: &str,
    visit_id: Option<&str>,
    ceiling: i64,
) -> ApiResult<Vec<DocumentSummary>> {
    let rows: Vec<DocumentRow> = sqlx::query_as(
        "SELECT d.id, d.type_system, d.type_code, d.type_display, d.description, d.date_at, p.prefix, p.given, p.family
         FROM documents d LEFT JOIN practitioners p ON p.id = d.author_id
         WHERE d.patient_id = $1 AND ($2 = '' OR d.encounter_id = $2) AND d.status <> 'entered-in-error'
           AND d.confidential <= $3
         ORDER BY COALESCE(d.date_at, '') DESC, d.id",
    )
    .bind(patient_id.to_owned())
    .bind(visit_id.unwrap_or_default().to_owned())
    .bind(ceiling)
    .fetch_all(state.db.pool())
    .await?;
    let files: Vec<FileRow> = sqlx::query_as(
        "SELECT a.document_id, a.seq, a.title, a.content_type, COALESCE(a.size, LENGTH(a.data)) AS size
         FROM document_attachments a JOIN documents d ON d.id = a.document_id
         WHERE d.patient_id = $1 AND ($2 = '' OR d.encounter_id = $2) AND d.confidential <= $3
         ORDER BY a.document_id, a.seq",
    )
    .bind(patient_id.to_owned())
    .bind(visit_id.unwrap_or_default().to_owned())
    .bind(ceiling)
    .fetch_all(state.db.pool())
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| DocumentSummary {
            attachments: files
                .iter()
                .filter(|f| f.document_id == r.id)
                .map(|f| AttachmentInfo {
                    seq: u32::try_from(f.seq).unwrap_or(0),
                    title: f.title.clone(),
                    content_type: f.content_type.clone(),
                    size: f.size.and_then(|s| u64::try_from(s).ok()),
                })
                .collect(),
            id: r.id,
            kind: coded(r.type_system, r.type_code, r.type_display),
            description: r.description,
            date_at: r.date_at,
            author: person_name(r.prefix, r.given, r.family),
        })
        .collect())
}

/// `GET /api/patients/{patient_id}/documents`
#[utoipa::path(
    get,
    operation_id = "chart_documents_list",
    path = "/api/patients/{patient_id}/documents",
    tag = "chart",
    params(("patient_id" = String, Path)),
    responses((status = 200, description = "Done.", body = Vec<shared::chart::DocumentSummary>), (status = 401, description = "Not signed in, or the session ended.", body = shared::ErrorBody), (status = 403, description = "This role may not do this (or emergency access is needed first).", body = shared::ErrorBody), (status = 404, description = "Not found, or another patient's.", body = shared::ErrorBody), (status = 400, description = "The request is malformed.", body = shared::ErrorBody)),
    security(("session" = [])),
    extensions(("x-roles" = json!(["patient", "proxy", "clinician", "nurse"])))
)]
pub(super) async fn list(
    State(state): State<AppState>,
    caller: Caller,
    Path(patient_id): Path<String>,
) -> ApiResult<ApiJson<Vec<DocumentSummary>>> {
    let opened = caller
        .open_record(
            &state,
            &patient_id,
            Access { action: "search", resource_type: "DocumentReference", resource_id: None },
        )
        .await?;
    Ok(ApiJson(load(&state, &patient_id, None, opened.confidential_ceiling()).await?))
}

/// An attachment's type, title and bytes.
type FileData = (Option<String>, Option<String>, Option<Vec<u8>>);

/// Types a browser may show inline safely; anything else downloads as bytes.
const SAFE_TYPES: &[&str] = &["text/plain", "application/pdf", "image/png", "image/jpeg"];

/// `GET /api/patients/{patient_id}/documents/{document_id}/files/{seq}`: the file, always as a
/// download, never rendered by the browser as part of the portal.
#[utoipa::path(
    get,
    operation_id = "chart_documents_download",
    path = "/api/patients/{patient_id}/documents/{document_id}/files/{seq}",
    tag = "chart",
    params(("patient_id" = String, Path), ("document_id" = String, Path), ("seq" = i64, Path)),
    responses((status = 200, description = "The file, as a download.", body = Vec<u8>, content_type = "application/octet-stream"), (status = 401, description = "Not signed in, or the session ended.", body = shared::ErrorBody), (status = 403, description = "This role may not do this (or emergency access is needed first).", body = shared::ErrorBody), (status = 404, description = "Not found, or another patient's.", body = shared::ErrorBody), (status = 400, description = "The request is malformed.", body = shared::ErrorBody)),
    security(("session" = [])),
    extensions(("x-roles" = json!(["patient", "proxy", "clinician", "nurse"])))
)]
pub(super) async fn download(
    State(state): State<AppState>,
    caller: Caller,
    Path((patient_id, document_id, seq)): Path<(String, String, i64)>,
) -> ApiResult<Response> {
    let opened = caller
        .open_record(
            &state,
            &patient_id,
            Access { action: "read", resource_type: "DocumentReference", resource_id: Some(&document_id) },
        )
        .await?;
    let file: Option<FileData> = sqlx::query_as(
        "SELECT a.content_type, a.title, a.data FROM document_attachments a JOIN documents d ON d.id = a.document_id
         WHERE a.document_id = $1 AND a.seq = $2 AND d.patient_id = $3 AND d.confidential <= $4",
    )
    .bind(document_id.clone())
    .bind(seq)
    .bind(patient_id)
    .bind(opened.confidential_ceiling())
    .fetch_optional(state.db.pool())
    .await?;
    let (content_type, title, data) = file.ok_or_else(ApiError::not_found)?;
    let mut sealed = DocumentAttachment { data, ..DocumentAttachment::default() };
    sealed.open(state.db.keys())?;
    let data = sealed.data.ok_or_else(ApiError::not_found)?;
    let essence = content_type
        .as_deref()
        .and_then(|t| t.split(';').next())
        .map(|t| t.trim().to_ascii_lowercase())
        .unwrap_or_default();
    let content_type = if SAFE_TYPES.contains(&essence.as_str()) {
        content_type.unwrap_or_default()
    } else {
        "application/octet-stream".to_owned()
    };
    let filename = safe_filename(title.as_deref().unwrap_or("document"), &essence);
    Ok((
        [(CONTENT_TYPE, content_type), (CONTENT_DISPOSITION, format!("attachment; filename=\"{filename}\""))],
        data,
    )
        .into_response())
}

/// A file name that is safe in a header on every system: letters, digits, dashes, dots.
fn safe_filename(title: &str, essence: &str) -> String {
    let mut name: String = title
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '.' { c } else { '-' })
        .take(80)
        .collect();
    name = name.trim_matches(['-', '.']).to_owned();
    if name.is_empty() {
        "document".clone_into(&mut name);
    }
    let extension = match essence {
        "text/plain" => ".txt",
        "application/pdf" => ".pdf",
        "image/png" => ".png",
        "image/jpeg" => ".jpg",
        _ => "",
    };
    if !extension.is_empty() && !name.ends_with(extension) {
        name.push_str(extension);
    }
    name
}

#[cfg(test)]
mod tests {
    use super::safe_filename;

    #[test]
    fn file_names_cannot_break_the_header_or_escape_a_folder() {
        assert_eq!(safe_filename("Visit summary", "text/plain"), "Visit-summary.txt");
        assert_eq!(safe_filename("../../etc/passwd\"\r\n", ""), "etc-passwd");
        assert_eq!(safe_filename("", "application/pdf"), "document.pdf");
        assert_eq!(safe_filename("report.pdf", "application/pdf"), "report.pdf");
    }
}
