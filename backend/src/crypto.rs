//! Encryption at rest for the most sensitive text (clinical notes, messages, identifiers):
//! AES-256-GCM with a fresh random nonce per value and the column's name as associated data, so
//! a value moved to another column no longer decrypts. Stored values say which key sealed them
//! (`enc:v1:<key id>:<base64>`), so keys rotate: the first key of the ring seals, every key in
//! it opens. Keys come from the environment or a file, never from the database.

use std::collections::HashMap;
use std::path::Path;

use aes_gcm::aead::{Aead as _, KeyInit as _, Payload};
use aes_gcm::{Aes256Gcm, Nonce};
use anyhow::{Context as _, bail};
use base64::Engine as _;

const PREFIX: &str = "enc:v1:";
const NONCE_LEN: usize = 12;

/// The keys this process may use; the first one seals new values.
#[derive(Clone)]
pub struct KeyRing {
    current: String,
    keys: HashMap<String, Aes256Gcm>,
    /// Per key, the HMAC key of its blind index (derived from the key, never stored).
    index_keys: HashMap<String, [u8; 32]>,
}

impl std::fmt::Debug for KeyRing {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never print key material.
        f.debug_struct("KeyRing")
            .field("current", &self.current)
            .field("keys", &self.keys.len())
            .finish_non_exhaustive()
    }
}

impl KeyRing {
    /// Reads `id:base64key` entries, separated by commas or new lines (`#` starts a comment).
    /// Each key must be 32 random bytes.
    pub fn parse(text: &str) -> anyhow::Result<Self> {
        let mut current = None;
        let mut keys = HashMap::new();
        let mut index_keys = HashMap::new();
        let entries = text
            .lines()
            .map(|line| line.split('#').next().unwrap_or_default())
            .flat_map(|line| line.split(','))
            .map(str::trim)
            .filter(|entry| !entry.is_empty());
        for entry in entries {
            let (id, key) = entry.split_once(':').context("each key is written `id:base64key`")?;
            if id.is_empty() || !id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') {
                bail!("key id {id:?} must be letters, digits, `-` or `_`");
            }
            let bytes = base64::engine::general_purpose::STANDARD
                .decode(key.trim())
                .with_context(|| format!("key {id:?} is not base64"))?;
            let cipher = Aes256Gcm::new_from_slice(&bytes)
                .map_err(|_| anyhow::anyhow!("key {id:?} must be 32 bytes"))?;
            if keys.insert(id.to_owned(), cipher).is_some() {
                bail!("key id {id:?} appears twice");
            }
            index_keys.insert(id.to_owned(), derive(&bytes, b"portal blind index v1"));
            current.get_or_insert_with(|| id.to_owned());
        }
        let current = current.context("no encryption key given")?;
        Ok(Self { current, keys, index_keys })
    }

    /// A ring of one new random key, written as `parse` reads it.
    pub fn generate(id: &str) -> (Self, String) {
        Self::try_generate(id).expect("a generated key parses")
    }

    /// `generate`, refusing an id `parse` would refuse.
    pub fn try_generate(id: &str) -> anyhow::Result<(Self, String)> {
        let text = format!(
            "{id}:{}\n",
            base64::engine::general_purpose::STANDARD.encode(rand::random::<[u8; 32]>())
        );
        Ok((Self::parse(&text)?, text))
    }

    /// The ring from `PORTAL_ENCRYPTION_KEYS` or the file `PORTAL_ENCRYPTION_KEY_FILE` names;
    /// with neither, from `fallback_file`, which is created with a new key when missing (the
    /// single-machine SQLite default).
    pub fn load(
        keys: Option<&str>,
        key_file: Option<&Path>,
        fallback_file: Option<&Path>,
    ) -> anyhow::Result<Self> {
        if let Some(keys) = keys {
            return Self::parse(keys).context("PORTAL_ENCRYPTION_KEYS");
        }
        if let Some(file) = key_file.or(fallback_file) {
            if !file.exists() && key_file.is_none() {
                let (ring, text) = Self::generate("k1");
                write_private(file, &text)?;
                tracing::warn!(file = %file.display(), "created a new encryption key; back it up, data cannot be read without it");
                return Ok(ring);
            }
            let text = std::fs::read_to_string(file)
                .with_context(|| format!("cannot read the key file {}", file.display()))?;
            return Self::parse(&text).with_context(|| format!("the key file {}", file.display()));
        }
        bail!(
            "no encryption key: set PORTAL_ENCRYPTION_KEYS or PORTAL_ENCRYPTION_KEY_FILE (every server must share them)"
        )
    }

    pub fn current_key_id(&self) -> &str {
        &self.current
    }

    /// Seals `plaintext` for `column` with the current key.
    pub fn seal(&self, column: &str, plaintext: &[u8]) -> String {
        let cipher = &self.keys[&self.current];
        let nonce_bytes: [u8; NONCE_LEN] = rand::random();
        let sealed = cipher
            .encrypt(&Nonce::from(nonce_bytes), Payload { msg: plaintext, aad: column.as_bytes() })
            .expect("AES-GCM sealing in memory cannot fail");
        let mut body = nonce_bytes.to_vec();
        body.extend(sealed);
        format!("{PREFIX}{}:{}", self.current, base64::engine::general_purpose::STANDARD_NO_PAD.encode(body))
    }

    pub fn seal_text(&self, column: &str, plaintext: &str) -> String {
        self.seal(column, plaintext.as_bytes())
    }

    /// Opens a value sealed for `column`. A value without the prefix is returned as it is:
    /// rows written before encryption was switched on stay readable until re-sealed.
    pub fn open(&self, column: &str, stored: &str) -> anyhow::Result<Vec<u8>> {
        let Some(rest) = stored.strip_prefix(PREFIX) else {
            return Ok(stored.as_bytes().to_vec());
        };
        let (id, body) = rest.split_once(':').context("a sealed value names its key")?;
        let cipher = self
            .keys
            .get(id)
            .with_context(|| format!("the key {id:?} that sealed this value is not loaded"))?;
        let body = base64::engine::general_purpose::STANDARD_NO_PAD
            .decode(body)
            .context("sealed value is not base64")?;
        if body.len() < NONCE_LEN {
            bail!("sealed value is too short");
        }
        let (nonce, sealed) = body.split_at(NONCE_LEN);
        let nonce: [u8; NONCE_LEN] = nonce.try_into().expect("split at the nonce length");
        cipher.decrypt(&Nonce::from(nonce), Payload { msg: sealed, aad: column.as_bytes() }).map_err(|_| {
            anyhow::anyhow!("a sealed value failed its integrity check (wrong key, column or tampering)")
        })
    }

    pub fn open_text(&self, column: &str, stored: &str) -> anyhow::Result<String> {
        String::from_utf8(self.open(column, stored)?).context("a sealed text is not UTF-8")
    }

    /// Whether a stored value is in the clear or sealed with a key other than the current one:
    /// `portal keys rotate` re-seals it.
    pub fn needs_rotation(&self, stored: &str) -> bool {
        stored
            .strip_prefix(PREFIX)
            .and_then(|rest| rest.split_once(':'))
            .is_none_or(|(id, _)| id != self.current)
    }

    /// The id of the key that sealed `stored`, if it is sealed.
    pub fn sealed_by(stored: &str) -> Option<&str> {
        stored.strip_prefix(PREFIX).and_then(|rest| rest.split_once(':')).map(|(id, _)| id)
    }

    /// Whether this ring holds the key `id`.
    pub fn has_key(&self, id: &str) -> bool {
        self.keys.contains_key(id)
    }

    /// Seals bytes for a binary column (an attachment's contents): the sealed text's bytes.
    pub fn seal_bytes(&self, column: &str, plaintext: &[u8]) -> Vec<u8> {
        self.seal(column, plaintext).into_bytes()
    }

    /// Opens what `seal_bytes` stored; bytes written before encryption pass through.
    pub fn open_bytes(&self, column: &str, stored: &[u8]) -> anyhow::Result<Vec<u8>> {
        match std::str::from_utf8(stored) {
            Ok(text) if text.starts_with(PREFIX) => self.open(column, text),
            _ => Ok(stored.to_vec()),
        }
    }

    /// A blind index of `value` under the current key: equal values give equal indexes, so a
    /// sealed identifier can still be looked up and kept unique, and the index reveals nothing
    /// without the key. Written `<key id>.<base64 HMAC-SHA256>`.
    pub fn blind_index(&self, column: &str, value: &str) -> String {
        self.index_with(&self.current, column, value)
    }

    /// The blind index of `value` under every key of the ring, the current one first: a lookup
    /// matches rows indexed before a rotation as well as after.
    pub fn blind_indexes(&self, column: &str, value: &str) -> Vec<String> {
        let mut ids: Vec<&String> = self.index_keys.keys().filter(|id| **id != self.current).collect();
        ids.sort();
        std::iter::once(&self.current).chain(ids).map(|id| self.index_with(id, column, value)).collect()
    }

    fn index_with(&self, id: &str, column: &str, value: &str) -> String {
        use hmac::Mac as _;
        let mut mac = hmac::Hmac::<sha2::Sha256>::new_from_slice(&self.index_keys[id])
            .expect("HMAC takes a key of any length");
        mac.update(column.as_bytes());
        mac.update(&[0]);
        mac.update(value.as_bytes());
        let tag = mac.finalize().into_bytes();
        format!("{id}.{}", base64::engine::general_purpose::STANDARD_NO_PAD.encode(tag))
    }
}

/// A key for one purpose derived from a master key (HMAC-SHA256 as a PRF), so the blind index
/// never uses the sealing key itself.
fn derive(master: &[u8], purpose: &[u8]) -> [u8; 32] {
    use hmac::Mac as _;
    let mut mac = hmac::Hmac::<sha2::Sha256>::new_from_slice(master).expect("HMAC takes a key of any length");
    mac.update(purpose);
    mac.finalize().into_bytes().into()
}

/// Creates a file readable only by its owner.
fn write_private(path: &Path, text: &str) -> anyhow::Result<()> {
    use std::io::Write as _;
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(path).with_context(|| format!("cannot create {}", path.display()))?;
    file.write_all(text.as_bytes())?;
    file.sync_all()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sealed_value_opens_only_in_its_own_column() {
        let (ring, _) = KeyRing::generate("k1");
        let sealed = ring.seal_text("encounters.note", "Patient reports chest pain.");
        assert!(sealed.starts_with("enc:v1:k1:"));
        assert!(!sealed.contains("chest"));
        assert_eq!(ring.open_text("encounters.note", &sealed).unwrap(), "Patient reports chest pain.");
        assert!(ring.open_text("observations.note", &sealed).is_err(), "moved to another column");
    }

    #[test]
    fn the_same_text_seals_differently_each_time() {
        let (ring, _) = KeyRing::generate("k1");
        assert_ne!(ring.seal_text("c", "same"), ring.seal_text("c", "same"));
    }

    #[test]
    fn a_tampered_value_is_refused() {
        let (ring, _) = KeyRing::generate("k1");
        let sealed = ring.seal_text("c", "text");
        let mut bytes = sealed.into_bytes();
        let last = bytes.len() - 2;
        bytes[last] = if bytes[last] == b'A' { b'B' } else { b'A' };
        assert!(ring.open_text("c", &String::from_utf8(bytes).unwrap()).is_err());
    }

    #[test]
    fn after_rotation_old_values_still_open_and_new_ones_use_the_new_key() {
        let (_, old_text) = KeyRing::generate("k1");
        let old = KeyRing::parse(&old_text).unwrap();
        let sealed_before = old.seal_text("c", "before");
        let (_, new_text) = KeyRing::generate("k2");
        let rotated = KeyRing::parse(&format!("{new_text}{old_text}")).unwrap();

        assert_eq!(rotated.current_key_id(), "k2");
        assert_eq!(rotated.open_text("c", &sealed_before).unwrap(), "before");
        assert!(rotated.needs_rotation(&sealed_before));
        assert!(rotated.seal_text("c", "after").starts_with("enc:v1:k2:"));
        assert!(old.open_text("c", &rotated.seal_text("c", "after")).is_err(), "the old ring lacks k2");
    }

    #[test]
    fn plain_values_from_before_encryption_pass_through() {
        let (ring, _) = KeyRing::generate("k1");
        assert_eq!(ring.open_text("c", "written in the clear").unwrap(), "written in the clear");
        assert!(ring.needs_rotation("written in the clear"), "to be sealed by the next rotation");
        assert!(!ring.needs_rotation(&ring.seal_text("c", "sealed")));
    }

    #[test]
    fn sealed_bytes_open_and_old_bytes_pass_through() {
        let (ring, _) = KeyRing::generate("k1");
        let pdf = b"%PDF-1.7 \xff\x00 binary".to_vec();
        let sealed = ring.seal_bytes("document_attachments.data", &pdf);
        assert!(!sealed.windows(4).any(|w| w == b"%PDF"));
        assert_eq!(ring.open_bytes("document_attachments.data", &sealed).unwrap(), pdf);
        assert_eq!(ring.open_bytes("document_attachments.data", &pdf).unwrap(), pdf);
    }

    #[test]
    fn a_blind_index_is_stable_per_key_and_differs_by_value_column_and_key() {
        let (ring, old_text) = KeyRing::generate("k1");
        let index = ring.blind_index("identifiers.value", "999-12-3456");
        assert!(index.starts_with("k1.") && !index.contains("3456"));
        assert_eq!(index, ring.blind_index("identifiers.value", "999-12-3456"));
        assert_ne!(index, ring.blind_index("identifiers.value", "999-12-3457"));
        assert_ne!(index, ring.blind_index("other.column", "999-12-3456"));

        let (_, new_text) = KeyRing::generate("k2");
        let rotated = KeyRing::parse(&format!("{new_text}{old_text}")).unwrap();
        let both = rotated.blind_indexes("identifiers.value", "999-12-3456");
        assert_eq!(both.len(), 2);
        assert!(both[0].starts_with("k2."), "the current key first");
        assert_eq!(both[1], index, "rows indexed before the rotation still match");
    }

    #[test]
    fn bad_key_rings_are_refused_with_a_reason() {
        for (text, reason) in [
            ("", "no encryption key"),
            ("k1", "id:base64key"),
            ("k1:not base64!", "not base64"),
            ("k1:AAAA", "32 bytes"),
            ("bad id:AAAA", "letters, digits"),
        ] {
            let err = KeyRing::parse(text).unwrap_err();
            assert!(format!("{err:#}").contains(reason), "{text:?} → {err:#}");
        }
        let (_, key) = KeyRing::generate("k1");
        assert!(format!("{:#}", KeyRing::parse(&format!("{key}{key}")).unwrap_err()).contains("twice"));
    }

    #[test]
    fn a_missing_default_key_file_is_created_private_and_reused() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("encryption.keys");
        let first = KeyRing::load(None, None, Some(&file)).unwrap();
        let sealed = first.seal_text("c", "kept");
        let second = KeyRing::load(None, None, Some(&file)).unwrap();
        assert_eq!(second.open_text("c", &sealed).unwrap(), "kept");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            assert_eq!(std::fs::metadata(&file).unwrap().permissions().mode() & 0o777, 0o600);
        }
        assert!(
            KeyRing::load(None, Some(&dir.path().join("absent")), None).is_err(),
            "a named file must exist"
        );
        assert!(KeyRing::load(None, None, None).is_err());
    }
}
