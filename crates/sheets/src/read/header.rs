//! Finding the header row and mapping its cells to canonical columns.

use std::collections::{BTreeSet, HashMap};

use crate::column::{Column, Lang, match_header};

use super::grid::RawRow;

/// How many non-empty rows above the header are tolerated (titles, dates, logos' alt text).
/// Bounded so a file without a header is not searched to its end for two cells that happen to
/// read "Name" and "Status".
pub(crate) const HEADER_SCAN_ROWS: usize = 30;

/// Number of distinct canonical columns a row's cells name.
pub(crate) fn header_score<'a>(cells: impl IntoIterator<Item = &'a str>) -> usize {
    cells
        .into_iter()
        .filter_map(match_header)
        .map(|m| m.column)
        .collect::<BTreeSet<_>>()
        .len()
}

/// Index of the first row naming at least two known columns.
pub(crate) fn find(rows: &[RawRow]) -> Option<usize> {
    rows.iter()
        .take(HEADER_SCAN_ROWS)
        .position(|row| header_score(row.cells.iter().filter_map(|(_, cell)| cell.text())) >= 2)
}

/// What the header row says about the columns.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Layout {
    pub columns: Vec<(usize, Column)>,
    pub ignored_headers: Vec<String>,
    /// More German-only than English-only header names.
    pub german: bool,
    by_index: HashMap<usize, Column>,
}

impl Layout {
    pub fn column_at(&self, index: usize) -> Option<Column> {
        self.by_index.get(&index).copied()
    }

    pub fn has(&self, column: Column) -> bool {
        self.columns.iter().any(|&(_, c)| c == column)
    }
}

/// Maps header cells to columns: the first cell naming a column wins, later ones are ignored
/// (and listed), and weak aliases yield to strong ones anywhere in the row.
pub(crate) fn layout(row: &RawRow) -> Layout {
    let matches: Vec<_> = row
        .cells
        .iter()
        .map(|(index, cell)| (*index, cell, cell.text().and_then(match_header)))
        .collect();
    let strong: BTreeSet<Column> = matches
        .iter()
        .filter_map(|(_, _, m)| m.filter(|m| !m.weak).map(|m| m.column))
        .collect();

    let mut columns = Vec::new();
    let mut ignored_headers = Vec::new();
    let (mut german, mut english) = (0usize, 0usize);
    for (index, cell, found) in matches {
        // A weak alias loses to a strong one elsewhere in the row; a column seen before wins.
        let usable = found.filter(|m| {
            let outranked = m.weak && strong.contains(&m.column);
            let taken = columns.iter().any(|&(_, c)| c == m.column);
            !outranked && !taken
        });
        match usable {
            Some(m) => {
                columns.push((index, m.column));
                match m.lang {
                    Lang::German => german += 1,
                    Lang::English => english += 1,
                    Lang::Both => {}
                }
            }
            None => ignored_headers.push(cell.raw().to_owned()),
        }
    }
    let by_index = columns.iter().copied().collect();
    Layout {
        columns,
        ignored_headers,
        german: german > english,
        by_index,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::grid::Cell;

    fn row(texts: &[&str]) -> RawRow {
        RawRow {
            line: 1,
            cells: texts
                .iter()
                .enumerate()
                .filter(|(_, t)| !t.is_empty())
                .map(|(i, t)| (i, Cell::Text((*t).to_owned())))
                .collect(),
        }
    }

    #[test]
    fn first_of_duplicate_columns_wins_and_weak_alias_yields() {
        let layout = layout(&row(&[
            "Position",
            "Bezeichnung",
            "Menge",
            "Anzahl",
            "Einzelpreis (€)",
            "Farbe",
        ]));
        assert_eq!(
            layout.columns,
            vec![
                (1, Column::Name),
                (2, Column::Quantity),
                (4, Column::UnitPrice)
            ]
        );
        assert_eq!(layout.ignored_headers, vec!["Position", "Anzahl", "Farbe"]);
        assert!(layout.german);
    }

    #[test]
    fn weak_alias_used_when_alone() {
        let layout = layout(&row(&["Position", "Qty", "Price"]));
        assert_eq!(layout.column_at(0), Some(Column::Name));
        assert!(!layout.german);
    }

    #[test]
    fn header_needs_two_known_columns_within_the_scan_window() {
        let rows = vec![
            row(&["Stückliste Sommerfestival 2026"]),
            row(&["Stand: 1. Mai", "Name"]),
            row(&["Name", "", "Menge"]),
        ];
        assert_eq!(find(&rows), Some(2));
        let mut late = vec![row(&["x"]); HEADER_SCAN_ROWS];
        late.push(row(&["Name", "Menge"]));
        assert_eq!(find(&late), None);
    }
}
