//! Security headers on every response. The policy is strict by default: the app needs nothing
//! from another origin, no inline script but Trunk's loader (allowed by hash), and no framing.

use axum::http::{HeaderName, HeaderValue, header};
use tower_http::set_header::SetResponseHeaderLayer;

/// One layer per header; the CSP depends on the built app, the rest are constant.
pub(crate) fn header_layers(csp: HeaderValue) -> Vec<SetResponseHeaderLayer<HeaderValue>> {
    let fixed: [(HeaderName, &'static str); 8] = [
        (header::STRICT_TRANSPORT_SECURITY, "max-age=63072000; includeSubDomains"),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::REFERRER_POLICY, "no-referrer"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (
            HeaderName::from_static("permissions-policy"),
            "accelerometer=(), autoplay=(), camera=(), display-capture=(), geolocation=(), \
             gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=(), \
             publickey-credentials-get=(self)",
        ),
        (HeaderName::from_static("cross-origin-opener-policy"), "same-origin"),
        (HeaderName::from_static("cross-origin-resource-policy"), "same-origin"),
        (HeaderName::from_static("x-permitted-cross-domain-policies"), "none"),
    ];
    let mut layers = vec![SetResponseHeaderLayer::overriding(header::CONTENT_SECURITY_POLICY, csp)];
    layers.extend(
        fixed
            .into_iter()
            .map(|(name, value)| SetResponseHeaderLayer::overriding(name, HeaderValue::from_static(value))),
    );
    layers
}
