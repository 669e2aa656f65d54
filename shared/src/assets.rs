//! How the built browser app names its files, which the server (for caching) and the build
//! (for the size report) both need to agree on.

/// Whether a path's file name carries Trunk's content hash (`frontend-0123456789abcdef_bg.wasm`,
/// `app-fedcba9876543210.css`), so its contents can never change under that name.
pub fn is_content_hashed(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or_default();
    let stem = name.split('.').next().unwrap_or_default();
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    // Trunk writes a 64-bit hash in hex without leading zeros: 16 digits, sometimes fewer.
    stem.rsplit_once('-').is_some_and(|(_, hash)| {
        (12..=16).contains(&hash.len()) && hash.bytes().all(|b| b.is_ascii_hexdigit())
    })
}

#[cfg(test)]
mod tests {
    use super::is_content_hashed;

    #[test]
    fn trunk_hashed_names_are_recognised() {
        assert!(is_content_hashed("/frontend-0123456789abcdef_bg.wasm"));
        assert!(is_content_hashed("/frontend-0123456789abcdef.js"));
        assert!(is_content_hashed("style-fedcba9876543210.css"));
        assert!(is_content_hashed("/frontend-c77efd2e2bef2b3_bg.wasm"), "a hash with a leading zero dropped");
        assert!(!is_content_hashed("/index.html"));
        assert!(!is_content_hashed("/sw.js"));
        assert!(!is_content_hashed("/icons/icon-192.png"));
        assert!(!is_content_hashed("/my-page"));
        assert!(!is_content_hashed("/frontend-0123456789abcdeg.js"), "not hex");
    }
}
