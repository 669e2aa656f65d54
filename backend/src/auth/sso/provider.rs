//! The provider as the portal talks to it: discovery (on first use, then cached), the
//! authorization request, and the code exchange with the ID token's validation.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use openidconnect::core::{
    CoreAuthenticationFlow, CoreClient, CoreJwsSigningAlgorithm, CoreProviderMetadata,
};
use openidconnect::{
    AccessTokenHash, AuthorizationCode, ClientId, ClientSecret, CsrfToken, IssuerUrl, Nonce,
    OAuth2TokenResponse as _, PkceCodeChallenge, PkceCodeVerifier, RedirectUrl, Scope, TokenResponse as _,
    reqwest,
};
use shared::auth::SsoError;

use super::settings::SsoSettings;

/// How long discovery (and the provider's signing keys) is trusted before it is fetched again.
/// A key the provider rotates in sooner is picked up too: a failed ID-token check drops the cache.
const DISCOVERY_TTL: Duration = Duration::from_hours(1);

/// Single sign-on, as configured, with what was learnt from the provider so far.
pub struct Sso {
    settings: SsoSettings,
    /// Fetched on first use, not at start, so the portal starts (and password sign-in works)
    /// while the provider is down.
    discovered: Mutex<Option<Arc<Discovered>>>,
}

struct Discovered {
    metadata: CoreProviderMetadata,
    http: reqwest::Client,
    at: Instant,
}

impl std::fmt::Debug for Sso {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Sso").field("settings", &self.settings).finish_non_exhaustive()
    }
}

/// Why single sign-on stopped: the code the browser is sent back with, and what happened, for
/// the audit trail and the log only (never shown: it may carry the provider's words).
#[derive(Debug)]
pub struct Refusal {
    pub code: SsoError,
    pub detail: String,
    /// The account concerned, when one was found.
    pub account_id: Option<String>,
}

impl Refusal {
    pub fn new(code: SsoError, detail: impl Into<String>) -> Self {
        Self { code, detail: detail.into(), account_id: None }
    }

    /// This refusal, about `account_id`.
    #[must_use]
    pub fn by(self, account_id: &str) -> Self {
        Self { account_id: Some(account_id.to_owned()), ..self }
    }
}

/// The request to send the browser to, and what must be kept to finish it.
pub struct Authorization {
    pub url: String,
    pub state: String,
    pub nonce: String,
    pub pkce_verifier: String,
}

/// Who the provider says signed in, from a validated ID token.
#[derive(Debug, Clone)]
pub struct Identity {
    pub issuer: String,
    pub subject: String,
    pub email: Option<String>,
    pub email_verified: bool,
    /// Authentication method references (RFC 8176): `pwd`, `otp`, `mfa`…
    pub amr: Vec<String>,
}

impl Identity {
    /// Whether the provider says it checked more than one factor.
    pub fn multi_factor(&self) -> bool {
        self.amr.iter().any(|method| method == "mfa")
    }
}

impl Sso {
    pub fn new(settings: SsoSettings) -> Self {
        Self { settings, discovered: Mutex::new(None) }
    }

    pub fn settings(&self) -> &SsoSettings {
        &self.settings
    }

    /// The provider's metadata and keys, fetched when missing or stale.
    async fn discovered(&self) -> Result<Arc<Discovered>, Refusal> {
        if let Some(found) = self.cached() {
            return Ok(found);
        }
        let http = reqwest::Client::builder()
            // Following redirects would let a provider's answer point the server anywhere (SSRF).
            .redirect(reqwest::redirect::Policy::none())
            .connect_timeout(Duration::from_secs(5))
            .timeout(Duration::from_secs(10))
            .build()
            .map_err(|e| Refusal::new(SsoError::Unavailable, format!("no HTTP client: {e}")))?;
        let issuer = IssuerUrl::new(self.settings.issuer.clone())
            .map_err(|e| Refusal::new(SsoError::Unavailable, format!("bad issuer URL: {e}")))?;
        let metadata = CoreProviderMetadata::discover_async(issuer, &http)
            .await
            .map_err(|e| Refusal::new(SsoError::Unavailable, format!("discovery failed: {}", chain(&e))))?;
        let found = Arc::new(Discovered { metadata, http, at: Instant::now() });
        *self.discovered.lock().unwrap_or_else(std::sync::PoisonError::into_inner) = Some(found.clone());
        Ok(found)
    }

    fn cached(&self) -> Option<Arc<Discovered>> {
        let cache = self.discovered.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        cache.as_ref().filter(|d| d.at.elapsed() < DISCOVERY_TTL).cloned()
    }

    fn forget(&self) {
        *self.discovered.lock().unwrap_or_else(std::sync::PoisonError::into_inner) = None;
    }

    fn client(&self, discovered: &Discovered, redirect_uri: &str) -> Result<PortalClient, Refusal> {
        let redirect = RedirectUrl::new(redirect_uri.to_owned())
            .map_err(|e| Refusal::new(SsoError::Failed, format!("bad redirect URI: {e}")))?;
        Ok(CoreClient::from_provider_metadata(
            discovered.metadata.clone(),
            ClientId::new(self.settings.client_id.clone()),
            Some(ClientSecret::new(self.settings.client_secret.expose().to_owned())),
        )
        .set_redirect_uri(redirect))
    }

    /// A new authorization request: code flow, PKCE (S256), a fresh `state` and `nonce`.
    pub async fn authorize(&self, redirect_uri: &str) -> Result<Authorization, Refusal> {
        let discovered = self.discovered().await?;
        let client = self.client(&discovered, redirect_uri)?;
        let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
        let (url, state, nonce) = client
            .authorize_url(
                CoreAuthenticationFlow::AuthorizationCode,
                CsrfToken::new_random,
                Nonce::new_random,
            )
            .add_scope(Scope::new("email".to_owned()))
            .set_pkce_challenge(challenge)
            .url();
        Ok(Authorization {
            url: url.to_string(),
            state: state.secret().clone(),
            nonce: nonce.secret().clone(),
            pkce_verifier: verifier.secret().clone(),
        })
    }

    /// Exchanges `code` (with the PKCE verifier) and validates the ID token: its signature
    /// against the provider's keys, issuer, audience, expiry and `nonce`.
    pub async fn identify(
        &self,
        redirect_uri: &str,
        code: &str,
        pkce_verifier: String,
        nonce: String,
    ) -> Result<Identity, Refusal> {
        let discovered = self.discovered().await?;
        let client = self.client(&discovered, redirect_uri)?;
        let tokens = client
            .exchange_code(AuthorizationCode::new(code.to_owned()))
            .map_err(|e| Refusal::new(SsoError::Unavailable, format!("no token endpoint: {e}")))?
            .set_pkce_verifier(PkceCodeVerifier::new(pkce_verifier))
            .request_async(&discovered.http)
            .await
            .map_err(|e| {
                let code = match e {
                    openidconnect::RequestTokenError::ServerResponse(_) => SsoError::Failed,
                    _ => SsoError::Unavailable,
                };
                Refusal::new(code, format!("token request failed: {}", chain(&e)))
            })?;
        let id_token =
            tokens.id_token().ok_or_else(|| Refusal::new(SsoError::Failed, "no ID token in the answer"))?;
        let verifier = client.id_token_verifier().set_allowed_algs([
            CoreJwsSigningAlgorithm::RsaSsaPkcs1V15Sha256,
            CoreJwsSigningAlgorithm::RsaSsaPkcs1V15Sha384,
            CoreJwsSigningAlgorithm::RsaSsaPkcs1V15Sha512,
            CoreJwsSigningAlgorithm::RsaSsaPssSha256,
            CoreJwsSigningAlgorithm::EcdsaP256Sha256,
            CoreJwsSigningAlgorithm::EcdsaP384Sha384,
            CoreJwsSigningAlgorithm::EdDsa,
        ]);
        let nonce = Nonce::new(nonce);
        let claims = match id_token.claims(&verifier, &nonce) {
            Ok(claims) => claims,
            Err(e) => {
                // Perhaps the provider rotated its keys: fetch them again next time.
                self.forget();
                return Err(Refusal::new(SsoError::Failed, format!("ID token refused: {}", chain(&e))));
            }
        };
        // The access token must be the one this ID token was issued with (`at_hash`).
        if let Some(expected) = claims.access_token_hash() {
            let actual = id_token
                .signing_alg()
                .ok()
                .zip(id_token.signing_key(&verifier).ok())
                .and_then(|(alg, key)| AccessTokenHash::from_token(tokens.access_token(), alg, key).ok());
            if actual.as_ref() != Some(expected) {
                return Err(Refusal::new(SsoError::Failed, "the access token does not match at_hash"));
            }
        }
        Ok(Identity {
            issuer: claims.issuer().as_str().to_owned(),
            subject: claims.subject().as_str().to_owned(),
            email: claims.email().map(|e| e.as_str().to_owned()),
            email_verified: claims.email_verified() == Some(true),
            amr: claims
                .auth_method_refs()
                .map(|amr| amr.iter().map(|m| m.as_str().to_owned()).collect())
                .unwrap_or_default(),
        })
    }
}

type PortalClient = openidconnect::core::CoreClient<
    openidconnect::EndpointSet,
    openidconnect::EndpointNotSet,
    openidconnect::EndpointNotSet,
    openidconnect::EndpointNotSet,
    openidconnect::EndpointMaybeSet,
    openidconnect::EndpointMaybeSet,
>;

/// An error and its causes on one line, for the audit detail and the log.
fn chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text.chars().take(500).collect()
}
