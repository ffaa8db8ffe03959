//! What a request accepts: a gzip-encoded answer (`Accept-Encoding`), or none at all because
//! its copy is current (`If-None-Match`). Shared by the web app's assets, file downloads and
//! the BOM tree, which all send bytes prepared ahead.

use axum::http::{HeaderMap, header};

/// Whether the client takes gzip (`gzip` or `*`, not refused with `q=0`).
pub fn accepts_gzip(headers: &HeaderMap) -> bool {
    headers
        .get_all(header::ACCEPT_ENCODING)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|coding| {
            let mut parts = coding.split(';');
            let name = parts.next().unwrap_or("").trim();
            let refused = parts.any(|p| matches!(p.trim(), "q=0" | "q=0.0" | "q=0.00" | "q=0.000"));
            (name.eq_ignore_ascii_case("gzip") || name == "*") && !refused
        })
}

/// Whether `If-None-Match` names `etag` (a quoted tag) or `*`: the client's copy is current.
/// The comparison is weak, as RFC 9110 asks for this header (`W/"x"` matches `"x"`).
pub fn none_match(headers: &HeaderMap, etag: &str) -> bool {
    headers
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .any(|tag| tag == "*" || tag.trim_start_matches("W/") == etag)
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn with(name: header::HeaderName, value: &'static str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.append(name, HeaderValue::from_static(value));
        headers
    }

    #[test]
    fn gzip_is_taken_unless_refused() {
        assert!(accepts_gzip(&with(
            header::ACCEPT_ENCODING,
            "gzip, deflate, br"
        )));
        assert!(accepts_gzip(&with(
            header::ACCEPT_ENCODING,
            "br;q=1.0, GZIP;q=0.5"
        )));
        assert!(accepts_gzip(&with(header::ACCEPT_ENCODING, "*")));
        assert!(!accepts_gzip(&with(header::ACCEPT_ENCODING, "gzip;q=0")));
        assert!(!accepts_gzip(&with(
            header::ACCEPT_ENCODING,
            "br, identity"
        )));
        assert!(!accepts_gzip(&HeaderMap::new()));
    }

    #[test]
    fn a_listed_tag_or_a_star_means_the_copy_is_current() {
        assert!(none_match(&with(header::IF_NONE_MATCH, "\"a\""), "\"a\""));
        assert!(none_match(
            &with(header::IF_NONE_MATCH, "\"b\", W/\"a\""),
            "\"a\""
        ));
        assert!(none_match(&with(header::IF_NONE_MATCH, "*"), "\"a\""));
        assert!(!none_match(&with(header::IF_NONE_MATCH, "\"ab\""), "\"a\""));
        assert!(!none_match(&HeaderMap::new(), "\"a\""));
    }
}
