//! Sortable position keys ("ranks", fractional indexing) for kanban columns and cards.
//!
//! Each card (and each column) stores a short string, and the board is shown sorted by it.
//! Moving a card only needs a new key strictly between its new neighbours, so a move writes
//! exactly one row instead of renumbering the whole column, and two people moving different
//! cards do not rewrite each other's rows.
//!
//! A key is read as a base-36 fraction `0.d1 d2 d3 …` with digits `0-9a-z`. The alphabet is in
//! ASCII order, so plain byte comparison of the strings (Rust `str` `Ord`, or a binary/`C`
//! collation) orders keys like the fractions they stand for. Locale collations would not, which
//! is why the ordering must never be left to a database collation.
//!
//! A key never ends in `'0'`: `"a"` and `"a0"` would be the same fraction yet different strings,
//! and a key ending in `'0'` could leave no key below it (nothing sorts between `"a"` and
//! `"a0"`). With that rule there is always a key between any two distinct keys, before any key
//! and after any key; only the length bound can run out.
//!
//! The database column is `TEXT` of at most [`MAX_LEN`] characters, so keys must stay short:
//! - inserting between two keys takes the shortest key between them, as near the middle as that
//!   length allows, so repeated inserts into the same gap halve it and cost about one character
//!   per five inserts;
//! - appending (or prepending) takes small steps whose size shrinks only logarithmically: a
//!   key starting with `m` `'z'`s is followed by one that changes the next `m + 1` digits, so
//!   tens of thousands of appends still give keys of five characters;
//! - when a gap is exhausted [`between`] returns [`RankError::TooLong`] rather than a key the
//!   column cannot store, and the caller renumbers the column with [`spread`].

/// Longest key the database column accepts.
pub const MAX_LEN: usize = 64;

/// The key digits in value order; ASCII order is the same, which is what makes byte comparison
/// of keys a numeric comparison.
const ALPHABET: &[u8; 36] = b"0123456789abcdefghijklmnopqrstuvwxyz";
const BASE: u8 = 36;
const TOP: u8 = BASE - 1;

/// Why [`validate`] or [`between`] refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RankError {
    /// The key is not a valid rank (empty, a character outside `0-9a-z`, a trailing `'0'`, or
    /// longer than [`MAX_LEN`]); the message says which.
    #[error("invalid rank: {0}")]
    Invalid(String),
    /// `lower` is not strictly below `upper`.
    #[error("lower rank is not below upper rank")]
    NotOrdered,
    /// Every key in the requested gap is longer than [`MAX_LEN`]: renumber the list with
    /// [`spread`] and retry.
    #[error("new rank would be longer than {MAX_LEN} characters; the list must be respread")]
    TooLong,
}

/// Checks that `key` is a storable rank.
pub fn validate(key: &str) -> Result<(), RankError> {
    parse(key).map(|_| ())
}

/// A valid key strictly above `lower` (if given) and strictly below `upper` (if given).
///
/// `None` stands for the open end of the list, so `between(None, None)` is the key for the first
/// card of an empty column, `between(Some(last), None)` appends and `between(None, Some(first))`
/// prepends.
pub fn between(lower: Option<&str>, upper: Option<&str>) -> Result<String, RankError> {
    let lower = lower.map(parse).transpose()?;
    let upper = upper.map(parse).transpose()?;
    let digits = match (lower, upper) {
        (None, None) => vec![BASE / 2],
        (Some(lower), None) => after(&lower)?,
        (None, Some(upper)) => before(&upper)?,
        (Some(lower), Some(upper)) => {
            // Digit vectors without trailing zeros compare like the strings they came from.
            if lower >= upper {
                return Err(RankError::NotOrdered);
            }
            inside(&lower, &upper)?
        }
    };
    Ok(render(&digits))
}

/// `n` strictly increasing keys spread evenly over the key space, as short as `n` allows (one
/// character each up to 35 keys, two up to 1295, …).
///
/// Used for the initial positions of a list and to renumber a list once [`between`] reports
/// [`RankError::TooLong`]: renumbering writes every row, but it leaves the widest possible gaps
/// so that it is rarely needed again.
pub fn spread(n: usize) -> Vec<String> {
    if n == 0 {
        return Vec::new();
    }
    // The shortest width whose n + 1 equal slices of [0, 1) are each at least one unit wide;
    // unit values 1 ..= 36^width - 1 are the keys of at most that many characters.
    let slots = n as u128 + 1;
    let mut width = 1usize;
    let mut units = u128::from(BASE);
    while units < slots {
        width += 1;
        units *= u128::from(BASE);
    }
    // Key i sits at floor((i + 1) * units / slots), computed from quotient and remainder so that
    // no product leaves u128 even for absurd n.
    let (quotient, remainder) = (units / slots, units % slots);
    (1..=n as u128)
        .map(|i| {
            let value = i * quotient + i * remainder / slots;
            render(&to_digits(value, width))
        })
        .collect()
}

/// Validates `key` and returns its digit values.
fn parse(key: &str) -> Result<Vec<u8>, RankError> {
    if key.is_empty() {
        return Err(RankError::Invalid("empty key".to_owned()));
    }
    // Checked before the characters so an over-long input is never echoed back in full.
    if key.len() > MAX_LEN {
        return Err(RankError::Invalid(format!(
            "key is {} bytes long, at most {MAX_LEN} allowed",
            key.len()
        )));
    }
    let digits = key
        .bytes()
        .enumerate()
        .map(|(at, byte)| match byte {
            b'0'..=b'9' => Ok(byte - b'0'),
            b'a'..=b'z' => Ok(byte - b'a' + 10),
            _ => Err(RankError::Invalid(format!(
                "{key:?} has a character outside 0-9a-z at byte {at}"
            ))),
        })
        .collect::<Result<Vec<u8>, RankError>>()?;
    if digits.last() == Some(&0) {
        return Err(RankError::Invalid(format!("{key:?} ends in '0'")));
    }
    Ok(digits)
}

/// The key for a digit vector; trailing zeros are dropped because they do not change the
/// fraction and a stored key may not end in `'0'`.
fn render(digits: &[u8]) -> String {
    let end = digits.iter().rposition(|&d| d != 0).map_or(0, |at| at + 1);
    digits[..end]
        .iter()
        .map(|&d| char::from(ALPHABET[usize::from(d)]))
        .collect()
}

/// `value` as exactly `width` base-36 digits (callers guarantee it fits).
fn to_digits(mut value: u128, width: usize) -> Vec<u8> {
    let mut digits = vec![0u8; width];
    for digit in digits.iter_mut().rev() {
        // The remainder is below 36, so the narrowing is lossless.
        *digit = (value % u128::from(BASE)) as u8;
        value /= u128::from(BASE);
    }
    digits
}

/// The first `width` digits of the fraction: cut off, or padded with zeros.
fn fixed(digits: &[u8], width: usize) -> Vec<u8> {
    let mut out: Vec<u8> = digits.iter().copied().take(width).collect();
    out.resize(width, 0);
    out
}

/// Adds one unit in the last place; `true` if it carried out of the most significant digit.
fn increment(digits: &mut [u8]) -> bool {
    for digit in digits.iter_mut().rev() {
        if *digit == TOP {
            *digit = 0;
        } else {
            *digit += 1;
            return false;
        }
    }
    true
}

/// Subtracts one unit in the last place; `true` if it borrowed past the most significant digit.
fn decrement(digits: &mut [u8]) -> bool {
    for digit in digits.iter_mut().rev() {
        if *digit == 0 {
            *digit = TOP;
        } else {
            *digit -= 1;
            return false;
        }
    }
    true
}

/// Digits used for the step after (or before) a key that starts with `run` copies of the
/// extreme digit, or `None` if even one digit would not fit in [`MAX_LEN`].
///
/// Widening the step with the run is what keeps appends logarithmic: a plain "bump the last
/// digit" would spend a whole character per 35 appends once the keys reach `z`, and halving the
/// remaining space would spend one per five. Here the keys of run `m` span `m + 1` free digits,
/// i.e. 35 · 36^m keys of at most `2m + 1` characters, before the run grows. Near [`MAX_LEN`]
/// the width shrinks instead, so a key that merely starts with many `z`s still gets a successor
/// if one fits.
fn step_width(run: usize) -> Option<usize> {
    let width = (run + 1).min(MAX_LEN.saturating_sub(run));
    (width > 0).then_some(width)
}

/// A key after `lower` with nothing above it: the repeated-append path.
fn after(lower: &[u8]) -> Result<Vec<u8>, RankError> {
    let run = lower.iter().take_while(|&&d| d == TOP).count();
    let width = step_width(run).ok_or(RankError::TooLong)?;
    // Cutting the rest to `width` digits can only lower it, so one unit up from the cut value is
    // above `lower`; this is also what brings a long key left behind by inserts back to a short
    // one (`"ik3"` → `"j"`).
    let mut tail = fixed(&lower[run..], width);
    // The rest starts below `z` (or is empty), so adding one unit cannot carry out of it.
    if increment(&mut tail) {
        return Err(RankError::TooLong);
    }
    let mut key = vec![TOP; run];
    key.extend(tail);
    Ok(key)
}

/// A key before `upper` with nothing below it: the repeated-prepend path, the mirror of
/// [`after`] with runs of `'0'`.
fn before(upper: &[u8]) -> Result<Vec<u8>, RankError> {
    let run = upper.iter().take_while(|&&d| d == 0).count();
    let width = step_width(run).ok_or(RankError::TooLong)?;
    let rest = &upper[run..];
    let mut key = vec![0; run];
    if rest.len() > width {
        // The digits cut off are not all zero (a key never ends in '0'), so the cut key is a
        // proper prefix and already below `upper`, and it is shorter.
        key.extend_from_slice(&rest[..width]);
        return Ok(key);
    }
    let mut tail = fixed(rest, width);
    // The rest starts with a non-zero digit, so this cannot borrow out of it.
    if decrement(&mut tail) {
        return Err(RankError::TooLong);
    }
    if tail.iter().any(|&d| d != 0) {
        key.extend(tail);
        return Ok(key);
    }
    // `upper` was 0…01 with a one-digit step: the run of zeros has to grow, and the new run
    // starts at its top so that it leaves the most room for further prepends.
    let run = run + 1;
    let width = step_width(run).ok_or(RankError::TooLong)?;
    let mut key = vec![0; run];
    key.extend(std::iter::repeat_n(TOP, width));
    Ok(key)
}

/// The shortest key strictly between `lower < upper`, as near their midpoint as that length
/// allows.
fn inside(lower: &[u8], upper: &[u8]) -> Result<Vec<u8>, RankError> {
    // The keys of at most `width` characters are the multiples of 36^-width; try the widths in
    // turn and stop at the first that has one in the gap. Once the width reaches the longer key
    // the gap holds at least 36 such multiples minus its ends, so this ends by then.
    for width in 1..=MAX_LEN {
        // Smallest candidate: one unit above `lower` cut to `width` digits.
        let mut low = fixed(lower, width);
        if increment(&mut low) {
            // `lower` is z…z at this width: nothing of this width is above it.
            continue;
        }
        // Largest candidate: `upper` cut to `width` digits if that cut something off (the cut
        // value is then below `upper`), else one unit below it.
        let mut high = fixed(upper, width);
        if upper.len() <= width && decrement(&mut high) {
            continue;
        }
        // A candidate is a valid key only if it is non-zero; `low` >= 1 guarantees it.
        if low <= high {
            return Ok(midpoint(&low, &high));
        }
    }
    Err(RankError::TooLong)
}

/// floor((a + b) / 2) of two numbers with the same number of digits.
fn midpoint(a: &[u8], b: &[u8]) -> Vec<u8> {
    // The sum needs one more digit for its carry.
    let mut sum = vec![0u8; a.len() + 1];
    let mut carry = 0u8;
    for (at, (&x, &y)) in a.iter().zip(b).enumerate().rev() {
        let total = x + y + carry;
        sum[at + 1] = total % BASE;
        carry = total / BASE;
    }
    sum[0] = carry;
    // Long division by two, most significant digit first.
    let mut half = Vec::with_capacity(sum.len());
    let mut remainder = 0u8;
    for digit in sum {
        let current = u16::from(remainder) * u16::from(BASE) + u16::from(digit);
        // current < 72, so both halves fit a digit.
        half.push((current / 2) as u8);
        remainder = (current % 2) as u8;
    }
    // The sum is below 2 · 36^width, so its half fits the original width and the extra
    // leading digit is zero.
    half.remove(0);
    half
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn ok(lower: Option<&str>, upper: Option<&str>) -> String {
        let key = between(lower, upper).unwrap();
        assert_valid_between(&key, lower, upper);
        key
    }

    fn assert_valid_between(key: &str, lower: Option<&str>, upper: Option<&str>) {
        assert_eq!(validate(key), Ok(()), "{key:?} is not valid");
        if let Some(lower) = lower {
            assert!(lower < key, "{key:?} is not above {lower:?}");
        }
        if let Some(upper) = upper {
            assert!(key < upper, "{key:?} is not below {upper:?}");
        }
    }

    fn is_invalid(result: Result<String, RankError>) -> bool {
        matches!(result, Err(RankError::Invalid(_)))
    }

    #[test]
    fn empty_list_gets_the_middle_key() {
        assert_eq!(ok(None, None), "i");
    }

    #[test]
    fn appends_bump_the_first_digit_that_is_not_z() {
        assert_eq!(ok(Some("i"), None), "j");
        assert_eq!(ok(Some("y"), None), "z");
        assert_eq!(ok(Some("ik3"), None), "j");
        assert_eq!(ok(Some("z"), None), "z01");
        assert_eq!(ok(Some("z0z"), None), "z1");
        assert_eq!(ok(Some("zyz"), None), "zz");
        assert_eq!(ok(Some("zz"), None), "zz001");
        assert_eq!(ok(Some("1"), None), "2");
    }

    #[test]
    fn prepends_mirror_appends() {
        assert_eq!(ok(None, Some("i")), "h");
        assert_eq!(ok(None, Some("2")), "1");
        assert_eq!(ok(None, Some("i5")), "i");
        assert_eq!(ok(None, Some("1")), "0zz");
        assert_eq!(ok(None, Some("01")), "00z");
        assert_eq!(ok(None, Some("001")), "000zz");
        assert_eq!(ok(None, Some("z")), "y");
        assert_eq!(ok(None, Some("zzz")), "z");
    }

    #[test]
    fn inserts_take_the_shortest_key_near_the_middle() {
        assert_eq!(ok(Some("1"), Some("z")), "i");
        assert_eq!(ok(Some("a"), Some("c")), "b");
        assert_eq!(ok(Some("a"), Some("b")), "ai");
        assert_eq!(ok(Some("a"), Some("a1")), "a0i");
        assert_eq!(ok(Some("az"), Some("b")), "azi");
        assert_eq!(ok(Some("a"), Some("az")), "ah");
        assert_eq!(ok(Some("ay"), Some("b")), "az");
        assert_eq!(ok(Some("a"), Some("a01")), "a00i");
        // A long lower bound does not force a long key.
        assert_eq!(ok(Some("a12345"), Some("c")), "b");
        assert_eq!(ok(Some("azzzzz"), Some("b")), "azzzzzi");
    }

    #[test]
    fn keys_that_differ_only_in_length() {
        assert_eq!(ok(Some("i"), Some("ii")), "i9");
        assert_eq!(ok(Some("i"), Some("iz")), "ih");
        assert_eq!(ok(Some("i"), Some("i01")), "i00i");
        assert_eq!(ok(Some("i1"), Some("i11")), "i10i");
    }

    #[test]
    fn invalid_keys_are_refused() {
        assert!(matches!(validate(""), Err(RankError::Invalid(_))));
        assert!(matches!(validate("0"), Err(RankError::Invalid(_))));
        assert!(matches!(validate("a0"), Err(RankError::Invalid(_))));
        assert!(matches!(validate("A"), Err(RankError::Invalid(_))));
        assert!(matches!(validate("a-b"), Err(RankError::Invalid(_))));
        assert!(matches!(validate("é"), Err(RankError::Invalid(_))));
        assert!(matches!(
            validate(&"a".repeat(MAX_LEN + 1)),
            Err(RankError::Invalid(_))
        ));
        assert_eq!(validate(&"a".repeat(MAX_LEN)), Ok(()));
        assert_eq!(validate("01"), Ok(()));

        assert!(is_invalid(between(Some(""), None)));
        assert!(is_invalid(between(None, Some("a0"))));
        assert!(is_invalid(between(Some("a"), Some("B"))));
        assert!(is_invalid(between(Some("a b"), Some("c"))));
    }

    #[test]
    fn invalid_message_does_not_echo_an_over_long_key() {
        let long = "x".repeat(10_000);
        let Err(RankError::Invalid(message)) = validate(&long) else {
            panic!("expected Invalid");
        };
        assert!(message.len() < 100, "{message}");
    }

    #[test]
    fn bounds_out_of_order_are_refused() {
        assert_eq!(between(Some("b"), Some("a")), Err(RankError::NotOrdered));
        assert_eq!(between(Some("a"), Some("a")), Err(RankError::NotOrdered));
        assert_eq!(between(Some("a1"), Some("a")), Err(RankError::NotOrdered));
    }

    #[test]
    fn too_long_instead_of_an_over_long_key() {
        let all_z = "z".repeat(MAX_LEN);
        assert_eq!(between(Some(&all_z), None), Err(RankError::TooLong));
        let lowest = format!("{}1", "0".repeat(MAX_LEN - 1));
        assert_eq!(between(None, Some(&lowest)), Err(RankError::TooLong));
        let prefix = "a".repeat(MAX_LEN - 1);
        let (lower, upper) = (format!("{prefix}1"), format!("{prefix}2"));
        assert_eq!(between(Some(&lower), Some(&upper)), Err(RankError::TooLong));
        // Still possible when one character fits.
        let upper = format!("{prefix}3");
        assert_eq!(
            between(Some(&lower), Some(&upper)).unwrap(),
            format!("{prefix}2")
        );
    }

    #[test]
    fn appending_after_a_long_run_of_z_still_fits() {
        // The step width shrinks near MAX_LEN instead of giving up.
        for run in [30, 40, 62, 63] {
            let lower = "z".repeat(run);
            let key = ok(Some(&lower), None);
            assert!(key.len() <= MAX_LEN, "{run}: {}", key.len());
        }
        for run in [30, 40, 62] {
            let upper = format!("{}1", "0".repeat(run));
            let key = ok(None, Some(&upper));
            assert!(key.len() <= MAX_LEN, "{run}: {}", key.len());
        }
    }

    #[test]
    fn ten_thousand_appends_and_prepends_stay_short() {
        let mut last = ok(None, None);
        for _ in 0..10_000 {
            last = ok(Some(&last), None);
        }
        assert!(last.len() <= 5, "after 10,000 appends: {last:?}");

        let mut first = ok(None, None);
        for _ in 0..10_000 {
            first = ok(None, Some(&first));
        }
        assert!(first.len() <= 5, "after 10,000 prepends: {first:?}");
    }

    #[test]
    fn appends_from_a_spread_column_stay_short() {
        let mut last = spread(20).pop().unwrap();
        for _ in 0..10_000 {
            last = ok(Some(&last), None);
        }
        assert!(last.len() <= 5, "{last:?}");
    }

    #[test]
    fn repeated_inserts_into_one_gap_halve_it_until_too_long() {
        // Always just after "a" (the new key becomes the upper neighbour) ...
        let mut upper = "b".to_owned();
        let mut count = 0usize;
        loop {
            match between(Some("a"), Some(&upper)) {
                Ok(key) => {
                    assert_valid_between(&key, Some("a"), Some(&upper));
                    assert!(key.len() <= MAX_LEN);
                    upper = key;
                    count += 1;
                }
                Err(error) => {
                    assert_eq!(error, RankError::TooLong);
                    break;
                }
            }
            assert!(count < 1_000, "never ran out");
        }
        // Halving 36^63 takes about 63 · log2(36) ≈ 326 steps.
        assert!(count >= 200, "only {count} inserts");

        // ... and always just before "b" (the new key becomes the lower neighbour).
        let mut lower = "a".to_owned();
        let mut count = 0usize;
        while let Ok(key) = between(Some(&lower), Some("b")) {
            assert_valid_between(&key, Some(&lower), Some("b"));
            lower = key;
            count += 1;
            assert!(count < 1_000, "never ran out");
        }
        assert!(count >= 200, "only {count} inserts");
        assert_eq!(between(Some(&lower), Some("b")), Err(RankError::TooLong));
    }

    #[test]
    fn two_hundred_inserts_between_the_same_neighbours_grow_slowly() {
        let mut upper = "b".to_owned();
        for _ in 0..200 {
            upper = ok(Some("a"), Some(&upper));
        }
        // About one character per five inserts.
        assert!(upper.len() <= 45, "{}", upper.len());
    }

    #[test]
    fn spread_uses_single_characters_up_to_35() {
        assert!(spread(0).is_empty());
        assert_eq!(spread(1), vec!["i"]);
        assert_eq!(spread(2), vec!["c", "o"]);
        let all: Vec<String> = ALPHABET[1..]
            .iter()
            .map(|&b| char::from(b).to_string())
            .collect();
        assert_eq!(spread(35), all);
        assert!(spread(36).iter().any(|key| key.len() == 2));
        assert!(spread(1295).iter().all(|key| key.len() <= 2));
        assert!(spread(1296).iter().any(|key| key.len() == 3));
    }

    #[test]
    fn spread_is_valid_sorted_and_even() {
        for n in [3usize, 10, 35, 36, 100, 1295, 1296, 5_000] {
            let keys = spread(n);
            assert_eq!(keys.len(), n);
            for key in &keys {
                assert_eq!(validate(key), Ok(()), "{key:?}");
            }
            assert!(keys.windows(2).all(|w| w[0] < w[1]), "{n}");
        }
        // Evenly spaced: 5 keys in 36 units sit at 6, 12, 18, 24, 30.
        assert_eq!(spread(5), vec!["6", "c", "i", "o", "u"]);
    }

    /// A valid key of up to 12 characters.
    fn key() -> impl Strategy<Value = String> {
        "[0-9a-z]{0,11}[1-9a-z]"
    }

    #[derive(Debug, Clone)]
    enum Insert {
        /// At a random position.
        Anywhere(usize),
        First,
        Last,
        /// At the slot of the previous insert again, i.e. next to the key just written.
        SameGap,
    }

    fn insert() -> impl Strategy<Value = Insert> {
        prop_oneof![
            3 => any::<usize>().prop_map(Insert::Anywhere),
            1 => Just(Insert::First),
            1 => Just(Insert::Last),
            2 => Just(Insert::SameGap),
        ]
    }

    proptest! {
        /// Any two ordered valid keys (or open ends) have a valid key strictly between them.
        #[test]
        fn between_any_two_keys(a in key(), b in key(), lower_open: bool, upper_open: bool) {
            let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
            let lower = (!lower_open).then_some(lo.as_str());
            let upper = (!upper_open).then_some(hi.as_str());
            match between(lower, upper) {
                Ok(key) => {
                    prop_assert_eq!(validate(&key), Ok(()));
                    if let Some(lower) = lower { prop_assert!(lower < key.as_str()); }
                    if let Some(upper) = upper { prop_assert!(key.as_str() < upper); }
                    prop_assert!(key.len() <= MAX_LEN);
                    if let (Some(lower), Some(upper)) = (lower, upper) {
                        // Never longer than needed: one past the longer bound at most.
                        prop_assert!(key.len() <= lower.len().max(upper.len()) + 1);
                    }
                }
                Err(error) => {
                    prop_assert_eq!(error, RankError::NotOrdered);
                    prop_assert_eq!(lower, upper);
                }
            }
        }

        /// Random insert sequences keep the column strictly sorted with valid keys.
        #[test]
        fn random_inserts_keep_the_list_sorted(
            start in 0usize..40,
            inserts in proptest::collection::vec(insert(), 1..300),
        ) {
            let mut list = spread(start);
            let mut slot = list.len();
            for op in inserts {
                slot = match op {
                    Insert::Anywhere(n) => n % (list.len() + 1),
                    Insert::First => 0,
                    Insert::Last => list.len(),
                    Insert::SameGap => slot.min(list.len()),
                };
                let lower = slot.checked_sub(1).map(|i| list[i].as_str());
                let upper = list.get(slot).map(String::as_str);
                let key = between(lower, upper);
                prop_assert!(key.is_ok(), "{:?} between {:?} and {:?}", key, lower, upper);
                let key = key.unwrap();
                prop_assert_eq!(validate(&key), Ok(()));
                if let Some(lower) = lower { prop_assert!(lower < key.as_str()); }
                if let Some(upper) = upper { prop_assert!(key.as_str() < upper); }
                list.insert(slot, key);
            }
            prop_assert!(list.windows(2).all(|w| w[0] < w[1]));
        }

        /// Spread keys are valid, strictly increasing and of the minimal width.
        #[test]
        fn spread_is_minimal(n in 0usize..3_000) {
            let keys = spread(n);
            prop_assert_eq!(keys.len(), n);
            prop_assert!(keys.windows(2).all(|w| w[0] < w[1]));
            let mut width = 1;
            while 36usize.pow(width) < n + 1 { width += 1; }
            for key in &keys {
                prop_assert_eq!(validate(key), Ok(()));
                prop_assert!(key.len() <= width as usize);
            }
        }
    }
}
