//! The demo's sign-ins: a few patients (each linked to their record) and one person for every
//! staff role. Their passwords are fixed, so the sign-ins can be printed on every run without
//! reading the database; they are for the demo only.

use anyhow::Context as _;
use shared::Role;

use super::DemoSignIn;
use super::clinic::{self, STAFF};
use super::people;
use super::record::patient_id;
use crate::auth::{self, NewAccount};

/// Whose account it is.
enum Owner {
    Patient(usize),
    Practitioner(usize),
    Staff,
    /// A proxy: no record of their own, only the patients they act for.
    Proxy,
}

struct Account {
    role: Role,
    /// Whether the account signs in with an authenticator app (every one but Walter, who shows
    /// a patient who turned two-step sign-in off).
    two_step: bool,
    email: &'static str,
    password: &'static str,
    display_name: &'static str,
    owner: Owner,
    language: &'static str,
}

const ACCOUNTS: &[Account] = &[
    Account {
        role: Role::Patient,
        two_step: true,
        email: "ana.garcia@demo.riverbend.example",
        password: "riverbend-demo-ana-2026",
        display_name: "Ana García",
        owner: Owner::Patient(people::ANA),
        language: "es",
    },
    Account {
        role: Role::Patient,
        two_step: false,
        email: "walter.brooks@demo.riverbend.example",
        password: "riverbend-demo-walter-2026",
        display_name: "Walter Brooks",
        owner: Owner::Patient(people::WALTER),
        language: "en",
    },
    Account {
        role: Role::Patient,
        two_step: true,
        email: "rosa.martinez@demo.riverbend.example",
        password: "riverbend-demo-rosa-2026",
        display_name: "Rosa Martínez",
        owner: Owner::Patient(people::ROSA),
        language: "es",
    },
    Account {
        role: Role::Patient,
        two_step: true,
        email: "jordan.lee@demo.riverbend.example",
        password: "riverbend-demo-jordan-2026",
        display_name: "Jordan Lee",
        owner: Owner::Patient(people::JORDAN),
        language: "en",
    },
    Account {
        role: Role::Proxy,
        two_step: true,
        email: "chris.lee@demo.riverbend.example",
        password: "riverbend-demo-chris-2026",
        display_name: "Chris Lee",
        owner: Owner::Proxy,
        language: "en",
    },
    Account {
        role: Role::Clinician,
        two_step: true,
        email: "priya.shah@demo.riverbend.example",
        password: "riverbend-demo-clinician-2026",
        display_name: "Dr. Priya Shah",
        owner: Owner::Practitioner(clinic::CLINICIAN),
        language: "en",
    },
    Account {
        role: Role::Nurse,
        two_step: true,
        email: "tom.becker@demo.riverbend.example",
        password: "riverbend-demo-nurse-2026",
        display_name: "Tom Becker, RN",
        owner: Owner::Practitioner(clinic::NURSE),
        language: "en",
    },
    Account {
        role: Role::FrontDesk,
        two_step: true,
        email: "luz.ortega@demo.riverbend.example",
        password: "riverbend-demo-frontdesk-2026",
        display_name: "Luz Ortega",
        owner: Owner::Staff,
        language: "es",
    },
    Account {
        role: Role::Billing,
        two_step: true,
        email: "sam.okafor@demo.riverbend.example",
        password: "riverbend-demo-billing-2026",
        display_name: "Sam Okafor",
        owner: Owner::Staff,
        language: "en",
    },
    Account {
        role: Role::Admin,
        two_step: true,
        email: "alex.rivera@demo.riverbend.example",
        password: "riverbend-demo-admin-2026",
        display_name: "Alex Rivera",
        owner: Owner::Staff,
        language: "en",
    },
    Account {
        role: Role::SecurityOfficer,
        two_step: true,
        email: "morgan.tate@demo.riverbend.example",
        password: "riverbend-demo-security-2026",
        display_name: "Morgan Tate",
        owner: Owner::Staff,
        language: "en",
    },
];

/// Parents recorded as guardians: Rosa for her young son Mateo (she sees all of his record) and
/// Chris Lee for Jordan, a teen (confidential items stay hidden from Chris).
const GUARDIANS: &[(&str, usize, &str)] = &[
    ("rosa.martinez@demo.riverbend.example", people::MATEO, "mother"),
    ("chris.lee@demo.riverbend.example", people::JORDAN, "father"),
];

/// The sign-ins, in the order they are printed.
pub fn sign_ins() -> Vec<DemoSignIn> {
    ACCOUNTS
        .iter()
        .map(|a| DemoSignIn {
            role: a.role.as_str().to_owned(),
            email: a.email.to_owned(),
            password: a.password.to_owned(),
            totp: a.two_step.then(|| auth::totp::base32(&totp_secret(a.email))),
        })
        .collect()
}

/// A demo account's authenticator secret: fixed, so it can be printed on every run (and typed
/// into an authenticator app, or used by the browser tests).
pub fn totp_secret(email: &str) -> Vec<u8> {
    use sha2::Digest as _;
    sha2::Sha256::digest(format!("riverbend demo authenticator|{email}").as_bytes())[..20].to_vec()
}

/// Creates every demo account; the patients and practitioners they link to must exist.
pub async fn create(conn: &mut sqlx::AnyConnection, keys: &crate::crypto::KeyRing) -> anyhow::Result<()> {
    for a in ACCOUNTS {
        let patient = match a.owner {
            Owner::Patient(index) => Some(patient_id(index)),
            _ => None,
        };
        let practitioner = match a.owner {
            Owner::Practitioner(index) => Some(STAFF[index].id()),
            _ => None,
        };
        let account = NewAccount {
            email: a.email,
            display_name: a.display_name,
            role: a.role,
            patient_id: patient.as_deref(),
            practitioner_id: practitioner.as_deref(),
            password: a.password,
            language: Some(a.language),
        };
        let id = auth::create_account(conn, &account)
            .await
            .with_context(|| format!("creating the demo account {}", a.email))?;
        if a.two_step {
            auth::set_confirmed_totp(conn, keys, &id, &totp_secret(a.email)).await?;
        } else {
            sqlx::query("UPDATE accounts SET mfa_opt_out_at = $1 WHERE id = $2")
                .bind(crate::fhir::datetime::now())
                .bind(id)
                .execute(&mut *conn)
                .await?;
        }
    }
    for (email, child, relationship) in GUARDIANS {
        sqlx::query(
            "INSERT INTO proxy_links (id, patient_id, proxy_account_id, kind, scopes, include_confidential,
                                      relationship, created_by, created_at)
             SELECT $1, $2, a.id, 'guardian', $3, 0, $4, a.id, $5 FROM accounts a WHERE a.email = $6",
        )
        .bind(uuid::Uuid::new_v4().to_string())
        .bind(patient_id(*child))
        .bind(crate::access::format_scopes(&shared::access::ProxyScope::ALL))
        .bind((*relationship).to_owned())
        .bind(super::time::UPDATED_AT.to_owned())
        .bind((*email).to_owned())
        .execute(&mut *conn)
        .await
        .with_context(|| format!("linking the demo guardian {email}"))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_role_has_a_sign_in_with_a_long_demo_password() {
        let roles: Vec<Role> = ACCOUNTS.iter().map(|a| a.role).collect();
        for role in Role::ALL {
            assert!(roles.contains(&role), "{role:?}");
        }
        for a in ACCOUNTS {
            assert!(a.password.chars().count() >= 15, "{}", a.email);
            assert!(a.email.ends_with("@demo.riverbend.example"));
        }
        assert_eq!(sign_ins(), sign_ins(), "the same on every call");
    }

    #[test]
    fn patient_sign_ins_match_their_records_names() {
        for a in ACCOUNTS {
            if let Owner::Patient(index) = a.owner {
                let f = &people::FEATURED[index];
                assert_eq!(a.display_name, format!("{} {}", f.given, f.family));
                assert_eq!(Some(a.email), f.email);
            }
        }
    }
}
