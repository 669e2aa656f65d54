//! Single sign-on's settings: the `PORTAL_OIDC_*` flags of `portal serve`, checked as they are
//! read, so a server never starts with half a configuration.

use std::path::PathBuf;

use openidconnect::url::{Host, Url};

/// The flags; flattened into `portal serve`'s.
#[derive(Debug, Clone, clap::Args)]
pub struct SsoArgs {
    /// The OpenID Connect provider's issuer URL (`https://login.example.org/realms/staff`),
    /// exactly as its tokens name it. Single sign-on is off without it. Plain `http://` only for
    /// a provider on this machine.
    #[arg(
        long,
        env = "PORTAL_OIDC_ISSUER",
        value_parser = parse_issuer,
        requires = "oidc_client_id",
        requires = "oidc_secret"
    )]
    pub oidc_issuer: Option<String>,

    /// The portal's client id at the provider.
    #[arg(long, env = "PORTAL_OIDC_CLIENT_ID")]
    pub oidc_client_id: Option<String>,

    /// The portal's client secret at the provider.
    #[arg(long, env = "PORTAL_OIDC_CLIENT_SECRET", hide_env_values = true, group = "oidc_secret")]
    pub oidc_client_secret: Option<Secret>,

    /// A file holding the client secret (surrounding white space is ignored).
    #[arg(long, env = "PORTAL_OIDC_CLIENT_SECRET_FILE", value_parser = read_secret_file, group = "oidc_secret")]
    pub oidc_client_secret_file: Option<Secret>,

    /// The sign-in button's text.
    #[arg(long, env = "PORTAL_OIDC_LABEL", default_value = "Sign in with your work account")]
    pub oidc_label: String,

    /// Let patients sign in with the provider too (staff only without it).
    #[arg(long, env = "PORTAL_OIDC_PATIENTS")]
    pub oidc_patients: bool,

    /// Skip the portal's own second factor when the provider's ID token says it checked more than
    /// one factor (`amr`). Without it the portal always asks for its own.
    #[arg(long, env = "PORTAL_OIDC_TRUST_MFA")]
    pub oidc_trust_mfa: bool,
}

impl SsoArgs {
    /// The settings, when single sign-on is configured.
    pub fn settings(&self) -> Option<SsoSettings> {
        let issuer = self.oidc_issuer.clone()?;
        // clap's `requires` has made sure both are there.
        let client_id = self.oidc_client_id.clone()?;
        let client_secret =
            self.oidc_client_secret.clone().or_else(|| self.oidc_client_secret_file.clone())?;
        Some(SsoSettings {
            issuer,
            client_id,
            client_secret,
            label: self.oidc_label.clone(),
            patients: self.oidc_patients,
            trust_mfa: self.oidc_trust_mfa,
        })
    }
}

/// Single sign-on's settings, as the running app reads them.
#[derive(Debug, Clone)]
pub struct SsoSettings {
    /// The provider's issuer URL, exactly as its ID tokens carry it in `iss`.
    pub issuer: String,
    pub client_id: String,
    pub client_secret: Secret,
    /// The button's text.
    pub label: String,
    /// Whether patients may sign in this way (staff always may).
    pub patients: bool,
    /// Whether the provider's multi-factor sign-in stands in for the portal's second factor.
    pub trust_mfa: bool,
}

/// A value that must never reach a log line or a `Debug` print.
#[derive(Clone)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(…)")
    }
}

impl std::str::FromStr for Secret {
    type Err = String;

    fn from_str(value: &str) -> Result<Self, String> {
        if value.trim().is_empty() { Err("must not be empty".to_owned()) } else { Ok(Self(value.to_owned())) }
    }
}

fn read_secret_file(path: &str) -> Result<Secret, String> {
    let text = std::fs::read_to_string(PathBuf::from(path))
        .map_err(|e| format!("cannot read the client secret from {path}: {e}"))?;
    text.trim().parse()
}

/// `PORTAL_OIDC_ISSUER`: an `https://` URL (or `http://` on a loopback address, for a provider
/// on this machine) with a host and no query or fragment. Kept exactly as given, trailing slash
/// and all, because ID tokens must name the issuer exactly so.
fn parse_issuer(raw: &str) -> Result<String, String> {
    let issuer = raw.trim();
    let url = Url::parse(issuer).map_err(|e| format!("{issuer:?} is not a URL: {e}"))?;
    let loopback = match url.host() {
        Some(Host::Domain(name)) => name == "localhost",
        Some(Host::Ipv4(ip)) => ip.is_loopback(),
        Some(Host::Ipv6(ip)) => ip.is_loopback(),
        None => return Err(format!("{issuer:?} has no host")),
    };
    match url.scheme() {
        "https" => {}
        "http" if loopback => {}
        "http" => return Err(format!("{issuer:?} must use https:// (http:// only on this machine)")),
        _ => return Err(format!("{issuer:?} must be an https:// URL")),
    }
    if url.query().is_some() || url.fragment().is_some() || !url.username().is_empty() {
        return Err(format!("{issuer:?} must not carry a query, a fragment or credentials"));
    }
    Ok(issuer.to_owned())
}

#[cfg(test)]
mod tests {
    use clap::Parser as _;

    use super::*;

    #[derive(Debug, clap::Parser)]
    struct Cli {
        #[command(flatten)]
        sso: SsoArgs,
    }

    fn parse(args: &[&str]) -> Result<Cli, clap::Error> {
        Cli::try_parse_from(std::iter::once("portal").chain(args.iter().copied()))
    }

    #[test]
    fn an_issuer_must_be_https_unless_it_is_on_this_machine() {
        assert_eq!(
            parse_issuer("https://login.example.org/realms/staff/").unwrap(),
            "https://login.example.org/realms/staff/"
        );
        assert_eq!(parse_issuer(" http://127.0.0.2:4000 ").unwrap(), "http://127.0.0.2:4000");
        assert!(parse_issuer("http://localhost:4000").is_ok());
        for bad in [
            "http://login.example.org",
            "ftp://x.example",
            "login.example.org",
            "https://x.example/?a=1",
            "https://u:p@x.example",
        ] {
            assert!(parse_issuer(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn single_sign_on_is_off_without_an_issuer() {
        let cli = parse(&[]).unwrap();

        assert!(cli.sso.settings().is_none());
    }

    #[test]
    fn an_issuer_needs_a_client_id_and_one_secret() {
        assert!(parse(&["--oidc-issuer", "https://login.example.org"]).is_err());
        assert!(
            parse(&["--oidc-issuer", "https://login.example.org", "--oidc-client-id", "portal"]).is_err()
        );
        let both = ["--oidc-client-secret", "s", "--oidc-client-secret-file", "/nonexistent"];
        let mut args = vec!["--oidc-issuer", "https://login.example.org", "--oidc-client-id", "portal"];
        args.extend(both);
        assert!(parse(&args).is_err());
    }

    #[test]
    fn the_secret_may_come_from_a_file_and_never_shows_in_debug_output() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("secret");
        std::fs::write(&file, "s3cret-value\n").unwrap();

        let cli = parse(&[
            "--oidc-issuer",
            "https://login.example.org",
            "--oidc-client-id",
            "portal",
            "--oidc-client-secret-file",
            file.to_str().unwrap(),
            "--oidc-trust-mfa",
        ])
        .unwrap();

        let settings = cli.sso.settings().expect("configured");
        assert_eq!(settings.client_secret.expose(), "s3cret-value");
        assert!(settings.trust_mfa && !settings.patients);
        assert!(!format!("{settings:?} {cli:?}").contains("s3cret"));
    }
}
