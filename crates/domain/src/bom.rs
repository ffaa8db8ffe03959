//! The bill of materials as a tree: units, depth limit, cycle checks and subtree rollups.
//!
//! Rollups are computed on read from the items' own totals, never stored: a stored rollup
//! would have to be rewritten up the whole ancestor chain on every edit, and two concurrent
//! edits in one subtree could leave it wrong. Summing 10,000 lines takes microseconds.

use std::collections::HashMap;
use std::hash::Hash;

use rust_decimal::Decimal;

/// Deepest allowed nesting (a top-level item has depth 1). Real BOMs use 3–5 levels; the
/// limit keeps recursive consumers (JSON, spreadsheets, the web tree) safe.
pub const MAX_DEPTH: usize = 16;

/// Units a user picks from; any other short text is accepted as well.
pub const UNITS: [&str; 16] = [
    "pcs", "set", "lot", "pair", "m", "m²", "m³", "km", "kg", "t", "l", "h", "day", "week", "flat",
    "person",
];

/// Default unit of a new line.
pub const DEFAULT_UNIT: &str = "pcs";

/// For each item (same order as `items`), the sum of its own total and the totals of its
/// whole subtree. `items` is `(id, parent_id, own_total)`; a parent outside the list is
/// treated as absent. Cycles (which the store never holds) are cut after `items.len()` steps.
pub fn rollups<Id: Eq + Hash + Copy>(items: &[(Id, Option<Id>, Decimal)]) -> Vec<Decimal> {
    let index: HashMap<Id, usize> = items
        .iter()
        .enumerate()
        .map(|(i, (id, _, _))| (*id, i))
        .collect();
    let mut sums: Vec<Decimal> = items.iter().map(|(_, _, total)| *total).collect();
    for (id, parent, total) in items {
        // Add this item's own total to every ancestor.
        let mut next = *parent;
        let mut steps = 0;
        while let Some(p) = next {
            let Some(&pi) = index.get(&p) else { break };
            if p == *id || steps > items.len() {
                break;
            }
            sums[pi] += *total;
            next = items[pi].1;
            steps += 1;
        }
    }
    sums
}

/// Whether making `new_parent` the parent of `item` would put `item` under itself.
/// `parent_of` answers each item's current parent.
pub fn would_cycle<Id: Eq + Copy>(
    item: Id,
    new_parent: Id,
    parent_of: impl Fn(Id) -> Option<Id>,
    max_steps: usize,
) -> bool {
    let mut current = Some(new_parent);
    let mut steps = 0;
    while let Some(c) = current {
        if c == item {
            return true;
        }
        if steps > max_steps {
            return true;
        }
        current = parent_of(c);
        steps += 1;
    }
    false
}

/// Depth of an item whose parent is `parent` (1 for a top-level item).
pub fn depth_under<Id: Copy>(parent: Option<Id>, parent_of: impl Fn(Id) -> Option<Id>) -> usize {
    let mut depth = 1;
    let mut current = parent;
    while let Some(c) = current {
        depth += 1;
        if depth > MAX_DEPTH + 1 {
            break;
        }
        current = parent_of(c);
    }
    depth
}

/// Height of the subtree rooted at `root` (1 for a leaf), given a child index.
pub fn subtree_height<Id: Eq + Hash + Copy>(root: Id, children: &HashMap<Id, Vec<Id>>) -> usize {
    let mut height = 0;
    let mut level = vec![root];
    while !level.is_empty() && height <= MAX_DEPTH + 1 {
        height += 1;
        level = level
            .iter()
            .flat_map(|id| children.get(id).into_iter().flatten().copied())
            .collect();
    }
    height
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn rollups_of_a_small_tree() {
        // 1 ─ 2 ─ 4
        //   └ 3
        // 5
        let items = [
            (4, Some(2), d("1.05")),
            (1, None, d("10.00")),
            (2, Some(1), d("0.00")),
            (3, Some(1), d("2.50")),
            (5, None, d("7.00")),
        ];
        assert_eq!(
            rollups(&items),
            vec![d("1.05"), d("13.55"), d("1.05"), d("2.50"), d("7.00")]
        );
    }

    #[test]
    fn cycles_and_depth() {
        let parents: HashMap<u32, u32> = [(2, 1), (3, 2), (4, 3)].into();
        let parent_of = |id: u32| parents.get(&id).copied();
        assert!(would_cycle(1, 4, parent_of, 10));
        assert!(would_cycle(2, 2, parent_of, 10));
        assert!(!would_cycle(4, 1, parent_of, 10));
        assert_eq!(depth_under(None, parent_of), 1);
        assert_eq!(depth_under(Some(4), parent_of), 5);
        let children: HashMap<u32, Vec<u32>> = [(1, vec![2]), (2, vec![3]), (3, vec![4])].into();
        assert_eq!(subtree_height(1, &children), 4);
        assert_eq!(subtree_height(4, &children), 1);
    }

    /// A straightforward recomputation: recursion over children.
    fn recompute(items: &[(usize, Option<usize>, Decimal)]) -> Vec<Decimal> {
        fn sum(id: usize, items: &[(usize, Option<usize>, Decimal)]) -> Decimal {
            let own = items.iter().find(|(i, _, _)| *i == id).unwrap().2;
            own + items
                .iter()
                .filter(|(_, p, _)| *p == Some(id))
                .map(|(c, _, _)| sum(*c, items))
                .sum::<Decimal>()
        }
        items.iter().map(|(id, _, _)| sum(*id, items)).collect()
    }

    #[derive(Debug, Clone)]
    enum Edit {
        Price(usize, i64),
        Move(usize, Option<usize>),
        DeleteSubtree(usize),
        Insert(Option<usize>, i64),
    }

    fn edit() -> impl Strategy<Value = Edit> {
        prop_oneof![
            (any::<usize>(), -100_000i64..10_000_000).prop_map(|(i, c)| Edit::Price(i, c)),
            (any::<usize>(), proptest::option::of(any::<usize>()))
                .prop_map(|(i, p)| Edit::Move(i, p)),
            any::<usize>().prop_map(Edit::DeleteSubtree),
            (proptest::option::of(any::<usize>()), 0i64..1_000_000)
                .prop_map(|(p, c)| Edit::Insert(p, c)),
        ]
    }

    proptest! {
        /// Random trees and random edits (price changes, moves that the cycle check
        /// allows, subtree deletes, inserts): rollups always equal a recomputation.
        #[test]
        fn rollups_equal_a_recomputation(
            seeds in proptest::collection::vec((any::<usize>(), 0i64..5_000_000), 1..60),
            edits in proptest::collection::vec(edit(), 0..40),
        ) {
            let mut items: Vec<(usize, Option<usize>, Decimal)> = Vec::new();
            for (i, (parent_seed, cents)) in seeds.iter().enumerate() {
                let parent = if i == 0 || parent_seed % 4 == 0 { None } else { Some(parent_seed % i) };
                items.push((i, parent, Decimal::new(*cents, 2)));
            }
            let mut next_id = items.len();
            for e in edits {
                if items.is_empty() { break; }
                let pick = |n: usize| items[n % items.len()].0;
                match e {
                    Edit::Price(n, cents) => {
                        let id = pick(n);
                        if let Some(it) = items.iter_mut().find(|x| x.0 == id) { it.2 = Decimal::new(cents, 2); }
                    }
                    Edit::Move(n, p) => {
                        let id = pick(n);
                        let parent = p.map(pick);
                        let snapshot = items.clone();
                        let parent_of = |x: usize| snapshot.iter().find(|it| it.0 == x).and_then(|it| it.1);
                        if parent.is_none_or(|p| !would_cycle(id, p, parent_of, snapshot.len()))
                            && let Some(it) = items.iter_mut().find(|x| x.0 == id) { it.1 = parent; }
                    }
                    Edit::DeleteSubtree(n) => {
                        let id = pick(n);
                        let snapshot = items.clone();
                        let parent_of = |x: usize| snapshot.iter().find(|it| it.0 == x).and_then(|it| it.1);
                        items.retain(|it| it.0 != id && !would_cycle(id, it.0, parent_of, snapshot.len()));
                    }
                    Edit::Insert(p, cents) => {
                        let parent = p.map(pick);
                        items.push((next_id, parent, Decimal::new(cents, 2)));
                        next_id += 1;
                    }
                }
                prop_assert_eq!(rollups(&items), recompute(&items));
            }
            prop_assert_eq!(rollups(&items), recompute(&items));
        }
    }
}
