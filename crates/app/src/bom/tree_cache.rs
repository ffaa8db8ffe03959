//! Rendered BOM trees, kept per project until its BOM changes.
//!
//! Building the tree of a 1,000-line project — reading the lines, nesting them, serialising
//! 527 KB of JSON and compressing it — took 8 ms of CPU (`bench/`, size M), and the web app
//! reads the tree again on every visit to the tab. A rendered tree is valid exactly as long
//! as the project's `bom_changes` counter (kept by database triggers in the same transaction
//! as every write to its lines) and its currency are unchanged, so a read costs the access
//! check, one primary-key lookup and a copy of the compressed bytes. The counter lives in the
//! database, so every replica sees a write at once; there is nothing to invalidate.
//!
//! Trees are kept gzip-compressed (about 8× smaller) and only as gzip: nearly every client
//! asks for gzip, and the rare one that doesn't gets them inflated. There are two variants
//! per project — with and without costs — because a role without `costs:read` must never get
//! the other one. The cache is bounded by the compressed bytes it holds; the least recently
//! read tree goes first.

use std::collections::HashMap;
use std::io::Write;
use std::sync::Mutex;

use bytes::Bytes;
use flate2::Compression;
use flate2::write::GzEncoder;
use sha2::{Digest, Sha256};
use uuid::Uuid;

/// Compressed bytes the cache may hold: about 800 trees of 1,000 lines.
pub const DEFAULT_BUDGET_BYTES: usize = 32 * 1024 * 1024;

/// A tree as it goes out: gzip-compressed JSON and its entity tag.
#[derive(Debug, Clone)]
pub struct RenderedTree {
    /// A strong validator of the JSON (a hash of it, quoted), for `ETag` / `If-None-Match`.
    pub etag: String,
    /// The JSON, gzip-compressed.
    pub gzip: Bytes,
}

impl RenderedTree {
    /// Renders `json`, compressed at gzip's fastest level: the default level took 50 of the
    /// 92 ms a 10,000-line tree needed after a change (`bom-bench`), for answers only a third
    /// smaller.
    pub fn render(json: &[u8]) -> RenderedTree {
        let hash = Sha256::digest(json);
        let mut encoder = GzEncoder::new(Vec::with_capacity(json.len() / 8), Compression::fast());
        // Writing to a Vec cannot fail.
        let _ = encoder.write_all(json);
        let gzip = encoder.finish().unwrap_or_default();
        RenderedTree {
            etag: format!("\"{}\"", hex::encode(&hash[..16])),
            gzip: Bytes::from(gzip),
        }
    }
}

/// What a cached tree was rendered from; it is served only while all of it still holds.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct TreeKey {
    pub project_id: Uuid,
    pub sees_costs: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TreeStamp {
    /// The project's `bom_changes` when the lines were read.
    pub bom_changes: i64,
    pub currency: String,
}

struct Entry {
    stamp: TreeStamp,
    tree: RenderedTree,
    last_read: u64,
}

#[derive(Default)]
struct Inner {
    entries: HashMap<TreeKey, Entry>,
    bytes: usize,
    clock: u64,
}

/// The cache; one per process, shared by all requests.
pub struct TreeCache {
    budget: usize,
    inner: Mutex<Inner>,
}

impl Default for TreeCache {
    fn default() -> TreeCache {
        TreeCache::with_budget(DEFAULT_BUDGET_BYTES)
    }
}

impl TreeCache {
    pub fn with_budget(budget: usize) -> TreeCache {
        TreeCache {
            budget,
            inner: Mutex::new(Inner::default()),
        }
    }

    /// The tree rendered for `key` at `stamp`, if there is one.
    pub fn get(&self, key: &TreeKey, stamp: &TreeStamp) -> Option<RenderedTree> {
        let mut inner = self.lock();
        inner.clock += 1;
        let now = inner.clock;
        let entry = inner.entries.get_mut(key)?;
        if entry.stamp != *stamp {
            return None;
        }
        entry.last_read = now;
        Some(entry.tree.clone())
    }

    /// Keeps `tree`, rendered for `key` at `stamp`, replacing an older one; the least recently
    /// read trees make room. A tree larger than the whole budget is not kept.
    pub fn put(&self, key: TreeKey, stamp: TreeStamp, tree: RenderedTree) {
        let size = tree.gzip.len();
        if size > self.budget {
            return;
        }
        let mut inner = self.lock();
        if let Some(old) = inner.entries.get(&key) {
            // A reader that read the lines before a newer reader must not put its older tree
            // back over the newer one.
            if old.stamp.bom_changes > stamp.bom_changes {
                return;
            }
        }
        if let Some(old) = inner.entries.remove(&key) {
            inner.bytes -= old.tree.gzip.len();
        }
        while inner.bytes + size > self.budget {
            let Some(oldest) = inner
                .entries
                .iter()
                .min_by_key(|(_, e)| e.last_read)
                .map(|(k, _)| k.clone())
            else {
                break;
            };
            if let Some(gone) = inner.entries.remove(&oldest) {
                inner.bytes -= gone.tree.gzip.len();
            }
        }
        inner.clock += 1;
        let last_read = inner.clock;
        inner.bytes += size;
        inner.entries.insert(
            key,
            Entry {
                stamp,
                tree,
                last_read,
            },
        );
    }

    /// Compressed bytes held now.
    pub fn bytes(&self) -> usize {
        self.lock().bytes
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        // A panic while holding the lock leaves consistent data (every update is complete
        // before the next line): keep serving.
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    fn key(n: u128, sees_costs: bool) -> TreeKey {
        TreeKey {
            project_id: Uuid::from_u128(n),
            sees_costs,
        }
    }

    fn stamp(bom_changes: i64) -> TreeStamp {
        TreeStamp {
            bom_changes,
            currency: "EUR".to_owned(),
        }
    }

    #[test]
    fn a_rendered_tree_inflates_to_its_json_and_its_tag_follows_the_content() {
        let json = br#"{"items":[],"count":0,"currency":"EUR"}"#;
        let tree = RenderedTree::render(json);
        let mut inflated = Vec::new();
        flate2::read::GzDecoder::new(&tree.gzip[..])
            .read_to_end(&mut inflated)
            .unwrap();
        assert_eq!(inflated, json);
        assert_eq!(tree.etag, RenderedTree::render(json).etag);
        assert_ne!(
            tree.etag,
            RenderedTree::render(br#"{"items":[],"count":0,"currency":"CHF"}"#).etag
        );
        assert!(tree.etag.starts_with('"') && tree.etag.ends_with('"'));
    }

    #[test]
    fn a_tree_is_served_only_for_the_stamp_it_was_rendered_at() {
        let cache = TreeCache::default();
        let tree = RenderedTree::render(b"[1]");
        cache.put(key(1, true), stamp(3), tree.clone());
        assert_eq!(cache.get(&key(1, true), &stamp(3)).unwrap().etag, tree.etag);
        assert!(
            cache.get(&key(1, true), &stamp(4)).is_none(),
            "the BOM changed"
        );
        let other_currency = TreeStamp {
            bom_changes: 3,
            currency: "CHF".to_owned(),
        };
        assert!(cache.get(&key(1, true), &other_currency).is_none());
        assert!(
            cache.get(&key(1, false), &stamp(3)).is_none(),
            "the variant without costs is another tree"
        );
        assert!(cache.get(&key(2, true), &stamp(3)).is_none());
    }

    #[test]
    fn an_older_tree_never_replaces_a_newer_one() {
        let cache = TreeCache::default();
        cache.put(key(1, true), stamp(5), RenderedTree::render(b"[5]"));
        cache.put(key(1, true), stamp(4), RenderedTree::render(b"[4]"));
        assert!(cache.get(&key(1, true), &stamp(5)).is_some());
        cache.put(key(1, true), stamp(6), RenderedTree::render(b"[6]"));
        assert!(cache.get(&key(1, true), &stamp(6)).is_some());
        assert_eq!(cache.bytes(), RenderedTree::render(b"[6]").gzip.len());
    }

    #[test]
    fn the_least_recently_read_tree_makes_room() {
        let one = RenderedTree::render(b"[1]").gzip.len();
        let cache = TreeCache::with_budget(one * 2);
        cache.put(key(1, true), stamp(1), RenderedTree::render(b"[1]"));
        cache.put(key(2, true), stamp(1), RenderedTree::render(b"[2]"));
        assert!(cache.get(&key(1, true), &stamp(1)).is_some());
        cache.put(key(3, true), stamp(1), RenderedTree::render(b"[3]"));
        assert!(
            cache.get(&key(2, true), &stamp(1)).is_none(),
            "read least recently"
        );
        assert!(cache.get(&key(1, true), &stamp(1)).is_some());
        assert!(cache.get(&key(3, true), &stamp(1)).is_some());
        assert!(cache.bytes() <= one * 2);

        let tiny = TreeCache::with_budget(1);
        tiny.put(key(1, true), stamp(1), RenderedTree::render(b"[1]"));
        assert_eq!(tiny.bytes(), 0, "a tree larger than the budget is not kept");
    }
}
