//! The demo's patients without an account yet, each with a fixed activation code, so enrolment
//! can be tried: `portal serve --seed-demo` prints them as `demo activation:` lines.

use jiff::{SignedDuration, Timestamp};

use super::record::patient_id;
use crate::Db;
use crate::accounts::{demo_code, store_demo_code};
use crate::auth::session::token_hash;

/// How many demo patients get a code: a few to try by hand, and the browser tests enrol one
/// each per screen size for enrolment, password reset and passkeys.
const COUNT: usize = 6;
/// Where to look for them: generated patients (after the featured ones, who have accounts).
const CANDIDATES: std::ops::Range<usize> = 5..80;

/// A demo patient who can enrol.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoActivation {
    pub patient_id: String,
    pub patient_name: String,
    pub code: String,
    pub birth_date: String,
}

#[derive(sqlx::FromRow)]
struct Candidate {
    given: Option<String>,
    family: Option<String>,
    birth_date: Option<String>,
}

/// The first adults among the candidates with no account, in index order: the same patients on
/// every run over the same data.
async fn candidates(conn: &mut sqlx::AnyConnection) -> anyhow::Result<Vec<DemoActivation>> {
    let adult_before =
        crate::fhir::datetime::format(Timestamp::now() - SignedDuration::from_hours(24 * 366 * 18));
    let mut found = Vec::new();
    for index in CANDIDATES {
        let id = patient_id(index);
        let row: Option<Candidate> = sqlx::query_as(
            "SELECT given, family, birth_date FROM patients p
             WHERE id = $1 AND NOT EXISTS (SELECT 1 FROM accounts a WHERE a.patient_id = p.id)",
        )
        .bind(id.clone())
        .fetch_optional(&mut *conn)
        .await?;
        let Some(Candidate { given, family, birth_date: Some(birth_date) }) = row else { continue };
        if birth_date.as_str() >= &adult_before[..10] {
            continue;
        }
        let patient_name = [given, family].into_iter().flatten().collect::<Vec<_>>().join(" ");
        found.push(DemoActivation { code: demo_code(&id), patient_id: id, patient_name, birth_date });
        if found.len() == COUNT {
            break;
        }
    }
    Ok(found)
}

/// Stores the demo patients' codes while seeding.
pub(super) async fn store(conn: &mut sqlx::AnyConnection) -> anyhow::Result<()> {
    for candidate in candidates(conn).await? {
        store_demo_code(conn, &candidate.patient_id).await?;
    }
    Ok(())
}

/// The demo activation codes that still work, to print.
pub async fn activations(db: &Db) -> anyhow::Result<Vec<DemoActivation>> {
    let mut conn = db.pool().acquire().await?;
    let mut live = Vec::new();
    for index in CANDIDATES {
        let id = patient_id(index);
        let code = demo_code(&id).replace('-', "");
        let found: Option<(String, String)> = sqlx::query_as(
            "SELECT p.birth_date, COALESCE(p.given, '') || ' ' || COALESCE(p.family, '')
             FROM activation_codes c JOIN patients p ON p.id = c.patient_id
             WHERE c.code_hash = $1 AND c.patient_id = $2 AND c.used_at IS NULL",
        )
        .bind(token_hash(&code))
        .bind(id.clone())
        .fetch_optional(&mut *conn)
        .await?;
        if let Some((birth_date, name)) = found {
            live.push(DemoActivation {
                code: demo_code(&id),
                patient_id: id,
                patient_name: name.trim().to_owned(),
                birth_date,
            });
        }
    }
    Ok(live)
}
