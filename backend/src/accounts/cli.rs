//! `portal user …`: staff accounts from the command line, above all the first administrator.

use std::io::Read as _;

use anyhow::{Context as _, bail};
use shared::Role;
use shared::auth::NewStaffAccount;

use super::staff::{self, StaffAccount, StaffError};
use crate::Db;
use crate::auth::{NewAccount, policy};
use crate::config::DbArgs;

#[derive(Debug, clap::Args)]
pub struct UserArgs {
    #[command(subcommand)]
    pub command: UserCommand,
}

#[derive(Debug, clap::Subcommand)]
pub enum UserCommand {
    /// Create a staff account. Prints a link (valid 72 hours, once) where the person chooses
    /// their password, or takes the password from standard input with `--password-stdin`.
    /// Either way they set up a second factor when they first sign in.
    Create(CreateArgs),
    /// Disable an account: it can no longer sign in, and its browsers are signed out.
    Disable(DisableArgs),
}

#[derive(Debug, clap::Args)]
pub struct CreateArgs {
    #[command(flatten)]
    pub db: DbArgs,
    /// `clinician`, `nurse`, `front_desk`, `billing`, `admin` or `security_officer`.
    #[arg(long, value_parser = parse_staff_role)]
    pub role: Role,
    #[arg(long)]
    pub email: String,
    /// The person's name, as the portal shows it.
    #[arg(long)]
    pub name: String,
    /// The practitioner record of a clinician or nurse.
    #[arg(long)]
    pub practitioner_id: Option<String>,
    /// Read the password from standard input instead of printing a link.
    #[arg(long)]
    pub password_stdin: bool,
    /// The portal's base URL, for the printed link.
    #[arg(long, env = "PORTAL_PUBLIC_URL")]
    pub public_url: Option<String>,
}

#[derive(Debug, clap::Args)]
pub struct DisableArgs {
    #[command(flatten)]
    pub db: DbArgs,
    #[arg(long)]
    pub email: String,
}

impl UserArgs {
    pub fn db(&self) -> &DbArgs {
        match &self.command {
            UserCommand::Create(args) => &args.db,
            UserCommand::Disable(args) => &args.db,
        }
    }
}

fn parse_staff_role(text: &str) -> Result<Role, String> {
    match Role::parse(text) {
        Some(role) if role.is_staff() => Ok(role),
        _ => Err("must be one of clinician, nurse, front_desk, billing, admin, security_officer \
                  (patients enrol with an activation code)"
            .to_owned()),
    }
}

/// Runs `portal user …` on the migrated database `db`, printing what the operator needs.
pub async fn run(db: &Db, args: &UserArgs) -> anyhow::Result<()> {
    match &args.command {
        UserCommand::Create(args) => {
            let password = if args.password_stdin {
                let mut text = String::new();
                std::io::stdin().read_to_string(&mut text).context("reading the password from stdin")?;
                Some(text.trim_end_matches(['\r', '\n']).to_owned())
            } else {
                None
            };
            let link = create(db, args, password.as_deref()).await?;
            println!("created {} account {}", args.role.as_str(), args.email.trim().to_lowercase());
            if let Some(link) = link {
                println!("set-password link (works once, for 72 hours): {link}");
            }
            Ok(())
        }
        UserCommand::Disable(args) => {
            disable(db, &args.email).await?;
            println!("disabled {}", args.email.trim().to_lowercase());
            Ok(())
        }
    }
}

/// Creates the staff account: with `password`, ready to sign in; without, invited, and the
/// returned link sets the first password.
pub async fn create(db: &Db, args: &CreateArgs, password: Option<&str>) -> anyhow::Result<Option<String>> {
    let raw = NewStaffAccount {
        email: args.email.clone(),
        display_name: args.name.clone(),
        role: args.role,
        practitioner_id: args.practitioner_id.clone(),
        language: None,
    };
    let staff = StaffAccount::check(&raw).map_err(|e| anyhow::anyhow!("{}", e.message()))?;
    let mut tx = db.begin_write().await?;
    let link = if let Some(password) = password {
        if let Err(issue) = policy::check(password, true, &[&staff.email, &staff.display_name]) {
            bail!(
                "the password is refused ({}): use 8 to 128 characters that are not easy to guess",
                crate::auth::issue_code(issue)
            );
        }
        if super::email_in_use(&mut tx, &staff.email).await? {
            bail!("an account already uses {}", staff.email);
        }
        let account = NewAccount {
            email: &staff.email,
            display_name: &staff.display_name,
            role: staff.role,
            patient_id: None,
            practitioner_id: staff.practitioner_id.as_deref(),
            password,
            language: None,
        };
        crate::auth::create_account(&mut tx, &account).await.context("creating the account failed")?;
        None
    } else {
        let (_, token) = staff::create_invited(&mut tx, &staff).await.map_err(|e| match e {
            StaffError::EmailTaken => anyhow::anyhow!("an account already uses {}", staff.email),
            StaffError::Invalid(message, _) => anyhow::anyhow!("{message}"),
            StaffError::Other(error) => error,
        })?;
        let origin = args.public_url.as_deref().unwrap_or("http://127.0.0.1:8080").trim_end_matches('/');
        Some(super::link(origin, shared::auth::RESET_PASSWORD_PAGE, &token))
    };
    tx.commit().await?;
    let event = crate::audit::AuditEvent {
        action: "create_account".into(),
        resource_type: Some("Account".into()),
        detail: Some(format!("by the command line; role: {}", staff.role.as_str())),
        ..crate::audit::AuditEvent::default()
    };
    crate::audit::record(db, event).await?;
    Ok(link)
}

/// Disables the account with `email` and signs it out everywhere.
pub async fn disable(db: &Db, email: &str) -> anyhow::Result<()> {
    let email = crate::auth::normalise_email(email);
    let mut tx = db.begin_write().await?;
    let id: Option<String> = sqlx::query_scalar("SELECT id FROM accounts WHERE email = $1")
        .bind(email.clone())
        .fetch_optional(&mut *tx)
        .await?;
    let Some(id) = id else { bail!("no account has the email {email}") };
    staff::disable_account(&mut tx, &id).await?;
    tx.commit().await?;
    let event = crate::audit::AuditEvent {
        action: "disable_account".into(),
        resource_type: Some("Account".into()),
        resource_id: Some(id),
        detail: Some("by the command line".into()),
        ..crate::audit::AuditEvent::default()
    };
    crate::audit::record(db, event).await?;
    Ok(())
}
