//! Where a column or card goes among its ordered siblings, from the neighbours a request
//! names, as a rank key between them (one row written), or, on the rare occasion keys have
//! grown too long, as a fresh even spread of the whole list.

use eventmgr_domain::rank::{self, RankError};
use uuid::Uuid;

use crate::AppError;

pub(crate) enum Placement {
    /// The moving item's new key; nothing else changes.
    Key(String),
    /// New keys for the whole list, the moving item included, in order.
    Respread(Vec<(Uuid, String)>),
}

/// `ordered`: the siblings in order without the moving item. `after`/`before`: the
/// neighbours the client saw; with both, they must still be adjacent.
pub(crate) fn place(
    ordered: &[(Uuid, String)],
    moving: Uuid,
    after: Option<Uuid>,
    before: Option<Uuid>,
    noun: &str,
) -> Result<Placement, AppError> {
    if after == Some(moving) || before == Some(moving) {
        return Err(AppError::field(
            if after == Some(moving) {
                "after_id"
            } else {
                "before_id"
            },
            "self",
            format!("a {noun} cannot be placed next to itself"),
        ));
    }
    let position_of = |id: Uuid, field: &str| {
        ordered.iter().position(|(i, _)| *i == id).ok_or_else(|| {
            AppError::conflict_with(
                "stale_neighbours",
                format!("{field} {id} is not (or no longer) in the target list; refetch and retry"),
                vec![crate::error::ConflictRecord::id(id)],
            )
        })
    };
    let index = match (after, before) {
        (Some(a), Some(b)) => {
            let index = position_of(a, "after_id")? + 1;
            if ordered.get(index).map(|(id, _)| *id) != Some(b) {
                return Err(AppError::conflict_with(
                    "stale_neighbours",
                    format!(
                        "after_id {a} and before_id {b} are no longer neighbours; refetch and retry"
                    ),
                    vec![
                        crate::error::ConflictRecord::id(a),
                        crate::error::ConflictRecord::id(b),
                    ],
                ));
            }
            index
        }
        (Some(a), None) => position_of(a, "after_id")? + 1,
        (None, Some(b)) => position_of(b, "before_id")?,
        (None, None) => ordered.len(),
    };
    let lower = index
        .checked_sub(1)
        .and_then(|i| ordered.get(i))
        .map(|(_, k)| k.as_str());
    let upper = ordered.get(index).map(|(_, k)| k.as_str());
    match rank::between(lower, upper) {
        Ok(key) => Ok(Placement::Key(key)),
        Err(RankError::TooLong) => {
            let mut ids: Vec<Uuid> = ordered.iter().map(|(id, _)| *id).collect();
            ids.insert(index, moving);
            let keys = rank::spread(ids.len());
            Ok(Placement::Respread(ids.into_iter().zip(keys).collect()))
        }
        Err(e) => Err(AppError::Internal(format!("stored {noun} position: {e}"))),
    }
}

/// A temporary key for the first pass of a respread: unique, outside the rank alphabet,
/// so it cannot collide with old or new keys under the unique index.
pub(crate) fn temporary_key(id: Uuid) -> String {
    format!("~{}", id.simple())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(keys: &[&str]) -> Vec<(Uuid, String)> {
        keys.iter()
            .map(|k| (Uuid::now_v7(), (*k).to_owned()))
            .collect()
    }

    fn key(p: Placement) -> String {
        match p {
            Placement::Key(k) => k,
            Placement::Respread(_) => panic!("expected a key"),
        }
    }

    #[test]
    fn places_between_named_neighbours() {
        let l = list(&["a", "b", "c"]);
        let me = Uuid::now_v7();
        let k = key(place(&l, me, Some(l[0].0), Some(l[1].0), "card").unwrap());
        assert!("a" < k.as_str() && k.as_str() < "b");
        let k = key(place(&l, me, None, None, "card").unwrap());
        assert!(k.as_str() > "c");
        let k = key(place(&l, me, None, Some(l[0].0), "card").unwrap());
        assert!(k.as_str() < "a");
        let k = key(place(&l, me, Some(l[2].0), None, "card").unwrap());
        assert!(k.as_str() > "c");
    }

    #[test]
    fn stale_neighbours_are_a_conflict() {
        let l = list(&["a", "b", "c"]);
        let me = Uuid::now_v7();
        assert!(matches!(
            place(&l, me, Some(l[0].0), Some(l[2].0), "card"),
            Err(AppError::ConflictWith(_))
        ));
        assert!(matches!(
            place(&l, me, Some(Uuid::now_v7()), None, "card"),
            Err(AppError::ConflictWith(_))
        ));
        assert!(matches!(
            place(&l, me, Some(me), None, "card"),
            Err(AppError::Validation(_))
        ));
    }

    #[test]
    fn respreads_when_keys_are_exhausted() {
        // Adjacent 64-character keys: nothing fits between them.
        let long_a = format!("a{}1", "0".repeat(62));
        let long_b = format!("a{}2", "0".repeat(62));
        let l = vec![(Uuid::now_v7(), long_a), (Uuid::now_v7(), long_b)];
        let me = Uuid::now_v7();
        match place(&l, me, Some(l[0].0), Some(l[1].0), "card").unwrap() {
            Placement::Respread(all) => {
                let ids: Vec<Uuid> = all.iter().map(|(id, _)| *id).collect();
                assert_eq!(ids, vec![l[0].0, me, l[1].0]);
                assert!(all.windows(2).all(|w| w[0].1 < w[1].1));
            }
            Placement::Key(k) => panic!("expected a respread, got {k}"),
        }
    }
}
