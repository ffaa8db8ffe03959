//! Search text: how words are folded and split, the same way on both databases and in the
//! ranking and highlighting done in Rust. Folding lowers case and removes the accents of
//! Latin scripts (`Bühne` → `buhne`), as PostgreSQL's `eventmgr_fold` and SQLite FTS5's
//! `remove_diacritics` do; `ß` stays `ß` on both.

/// Accented letters and their plain letters, pairwise (`FOLD_FROM[i]` → `FOLD_TO[i]`).
pub const FOLD_FROM: &str = "ÀÁÂÃÄÅàáâãäåĀāĂăĄąÇçĆćĈĉĊċČčĎďĐđÈÉÊËèéêëĒēĔĕĖėĘęĚěĜĝĞğĠġĢģĤĥĦħÌÍÎÏìíîïĨĩĪīĬĭĮįıĴĵĶķĹĺĻļĽľĿŀŁłÑñŃńŅņŇňÒÓÔÕÖØòóôõöøŌōŎŏŐőŔŕŖŗŘřŚśŜŝŞşŠšŢţŤťŦŧÙÚÛÜùúûüŨũŪūŬŭŮůŰűŲųŴŵÝýÿŶŷŸŹźŻżŽž";
pub const FOLD_TO: &str = "aaaaaaaaaaaaaaaaaaccccccccccddddeeeeeeeeeeeeeeeeeegggggggghhhhiiiiiiiiiiiiiiiiijjkkllllllllllnnnnnnnnoooooooooooooooooorrrrrrssssssssttttttuuuuuuuuuuuuuuuuuuuuwwyyyyyyzzzzzz";

/// Accented letter → plain letter, built once.
fn fold_map() -> &'static std::collections::HashMap<char, char> {
    static MAP: std::sync::OnceLock<std::collections::HashMap<char, char>> =
        std::sync::OnceLock::new();
    MAP.get_or_init(|| FOLD_FROM.chars().zip(FOLD_TO.chars()).collect())
}

/// One character folded.
pub fn fold_char(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    let map = fold_map();
    if let Some(plain) = map.get(&c) {
        return *plain;
    }
    let lower = c.to_lowercase().next().unwrap_or(c);
    map.get(&lower).copied().unwrap_or(lower)
}

/// The text folded.
pub fn fold(text: &str) -> String {
    text.chars().map(fold_char).collect()
}

/// The folded words of `text` (runs of letters and digits).
pub fn words(text: &str) -> Vec<String> {
    fold(text)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_tables_pair_up_with_plain_letters() {
        assert_eq!(FOLD_FROM.chars().count(), FOLD_TO.chars().count());
        assert!(FOLD_TO.chars().all(|c| c.is_ascii_lowercase()));
    }

    #[test]
    fn folding_and_words() {
        assert_eq!(fold("Bühnenpodest ÉTÉ Straße"), "buhnenpodest ete straße");
        assert_eq!(
            words("Rigging-Plot: Bühne 2"),
            ["rigging", "plot", "buhne", "2"]
        );
        assert!(words(" -- ").is_empty());
    }
}
