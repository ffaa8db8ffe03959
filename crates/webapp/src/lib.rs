//! The built web app (`web/`), embedded at compile time by `build.rs`: every file of the Vite
//! build with its content type, ETag and an optional gzip copy. Serving them is the HTTP
//! crate's job (`eventmgr_http::web`); this crate only holds the bytes, so that a change to the
//! app rebuilds this small crate and the link, nothing else.

/// One file of the built app.
#[derive(Debug)]
pub struct Asset {
    /// URL path, starting with `/` (e.g. `/index.html`, `/assets/index-3f2a9c.js`).
    pub path: &'static str,
    pub content_type: &'static str,
    /// Strong ETag of the uncompressed body, quoted.
    pub etag: &'static str,
    pub body: &'static [u8],
    /// The same body gzip-compressed, when that saves enough to be worth it.
    pub gzip: Option<&'static [u8]>,
}

static ASSETS: &[Asset] = include!(concat!(env!("OUT_DIR"), "/assets.rs"));

/// The file at `path` (a URL path starting with `/`), if the app has one.
pub fn get(path: &str) -> Option<&'static Asset> {
    ASSETS
        .binary_search_by(|asset| asset.path.cmp(path))
        .ok()
        .and_then(|index| ASSETS.get(index))
}

/// The app's entry page, served for every client-side route.
pub fn index_html() -> Option<&'static Asset> {
    get("/index.html")
}

/// Every embedded file, sorted by path.
pub fn all() -> &'static [Asset] {
    ASSETS
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_app_has_an_entry_page_and_lookups_find_every_file() {
        let index = index_html().map(|a| a.content_type);
        assert_eq!(index, Some("text/html; charset=utf-8"));
        for asset in all() {
            assert_eq!(get(asset.path).map(|a| a.path), Some(asset.path));
        }
        assert!(get("/no-such-file.js").is_none());
    }
}
