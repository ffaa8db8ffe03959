//! The canonical columns of a BOM sheet and how header cells are recognised.
//!
//! Header matching is a fixed alias table over a normalised header text, not fuzzy matching:
//! a wrong guess silently imports prices into the quantity column, so an unknown header is
//! rather ignored (and reported in [`crate::Sheet::ignored_headers`]).

/// The canonical columns of a BOM sheet, in the order the importer and exporter think of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Column {
    Level,
    Name,
    Description,
    Quantity,
    Unit,
    UnitPrice,
    Total,
    Subtotal,
    Category,
    Supplier,
    Status,
    Parent,
    Notes,
}

impl Column {
    /// Every column, in canonical order.
    pub const ALL: [Column; 13] = [
        Column::Level,
        Column::Name,
        Column::Description,
        Column::Quantity,
        Column::Unit,
        Column::UnitPrice,
        Column::Total,
        Column::Subtotal,
        Column::Category,
        Column::Supplier,
        Column::Status,
        Column::Parent,
        Column::Notes,
    ];

    /// Columns an import cannot do without.
    pub const REQUIRED: [Column; 3] = [Column::Name, Column::Quantity, Column::UnitPrice];

    /// The English header, as written by the exporter.
    pub fn english(&self) -> &'static str {
        match self {
            Column::Level => "Level",
            Column::Name => "Name",
            Column::Description => "Description",
            Column::Quantity => "Quantity",
            Column::Unit => "Unit",
            Column::UnitPrice => "Unit price",
            Column::Total => "Total",
            Column::Subtotal => "Subtotal",
            Column::Category => "Category",
            Column::Supplier => "Supplier",
            Column::Status => "Status",
            Column::Parent => "Parent",
            Column::Notes => "Notes",
        }
    }

    /// The German header, for messages to German users and German templates.
    pub fn german(&self) -> &'static str {
        match self {
            Column::Level => "Ebene",
            Column::Name => "Bezeichnung",
            Column::Description => "Beschreibung",
            Column::Quantity => "Menge",
            Column::Unit => "Einheit",
            Column::UnitPrice => "Einzelpreis",
            Column::Total => "Gesamtpreis",
            Column::Subtotal => "Zwischensumme",
            Column::Category => "Kategorie",
            Column::Supplier => "Lieferant",
            Column::Status => "Status",
            Column::Parent => "Übergeordnet",
            Column::Notes => "Notizen",
        }
    }
}

/// Which language an alias belongs to; feeds the decimal-style guess (German headers mean
/// German numbers).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Lang {
    German,
    English,
    /// Used in both languages ("Name", "Status", "Position").
    Both,
}

/// A recognised header cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct HeaderMatch {
    pub column: Column,
    pub lang: Lang,
    /// A weak alias only claims its column when no strong alias for it is in the same header
    /// row: "Position" is often the position *number* next to a real "Bezeichnung" column.
    pub weak: bool,
}

/// (normalised alias, column, language, weak)
const ALIASES: &[(&str, Column, Lang, bool)] = {
    use Column::*;
    use Lang::*;
    &[
        ("level", Level, English, false),
        ("lvl", Level, English, false),
        ("ebene", Level, German, false),
        ("stufe", Level, German, false),
        ("gliederung", Level, German, false),
        ("gliederungsebene", Level, German, false),
        ("name", Name, Both, false),
        ("item", Name, English, false),
        ("item name", Name, English, false),
        ("bezeichnung", Name, German, false),
        ("artikel", Name, German, false),
        ("artikelbezeichnung", Name, German, false),
        ("position", Name, Both, true),
        ("description", Description, English, false),
        ("beschreibung", Description, German, false),
        ("quantity", Quantity, English, false),
        ("qty", Quantity, English, false),
        ("menge", Quantity, German, false),
        ("anzahl", Quantity, German, false),
        ("stückzahl", Quantity, German, false),
        ("stueckzahl", Quantity, German, false),
        ("unit", Unit, English, false),
        ("einheit", Unit, German, false),
        ("me", Unit, German, false),
        ("mengeneinheit", Unit, German, false),
        ("unit price", UnitPrice, English, false),
        ("price", UnitPrice, English, false),
        ("unit cost", UnitPrice, English, false),
        ("price per unit", UnitPrice, English, false),
        ("einzelpreis", UnitPrice, German, false),
        ("preis", UnitPrice, German, false),
        ("ep", UnitPrice, German, false),
        ("stückpreis", UnitPrice, German, false),
        ("stueckpreis", UnitPrice, German, false),
        ("total", Total, English, false),
        ("total price", Total, English, false),
        ("line total", Total, English, false),
        ("gesamtpreis", Total, German, false),
        ("gesamt", Total, German, false),
        ("summe", Total, German, false),
        ("gp", Total, German, false),
        ("subtotal", Subtotal, English, false),
        ("sub total", Subtotal, English, false),
        ("sub-total", Subtotal, English, false),
        ("group total", Subtotal, English, false),
        ("zwischensumme", Subtotal, German, false),
        ("gruppensumme", Subtotal, German, false),
        ("category", Category, English, false),
        ("group", Category, English, false),
        ("kategorie", Category, German, false),
        ("gewerk", Category, German, false),
        ("gruppe", Category, German, false),
        ("supplier", Supplier, English, false),
        ("vendor", Supplier, English, false),
        ("lieferant", Supplier, German, false),
        ("anbieter", Supplier, German, false),
        ("status", Status, Both, false),
        ("parent", Parent, English, false),
        ("parent item", Parent, English, false),
        ("übergeordnet", Parent, German, false),
        ("uebergeordnet", Parent, German, false),
        ("übergeordnete position", Parent, German, false),
        ("uebergeordnete position", Parent, German, false),
        ("notes", Notes, English, false),
        ("note", Notes, English, false),
        ("comments", Notes, English, false),
        ("remarks", Notes, English, false),
        ("notizen", Notes, German, false),
        ("notiz", Notes, German, false),
        ("bemerkung", Notes, German, false),
        ("bemerkungen", Notes, German, false),
        ("anmerkung", Notes, German, false),
        ("anmerkungen", Notes, German, false),
        ("kommentar", Notes, German, false),
    ]
};

/// Recognises a header cell ("Einzelpreis (€)", "Unit price [EUR]", "Menge:", "NAME*").
pub(crate) fn match_header(raw: &str) -> Option<HeaderMatch> {
    let key = normalise_header(raw);
    ALIASES
        .iter()
        .find(|(alias, ..)| *alias == key)
        .map(|&(_, column, lang, weak)| HeaderMatch { column, lang, weak })
}

/// Lower case, single spaces, without decorations that carry no meaning for the match:
/// trailing `:`/`*`, a trailing unit or currency in brackets, a trailing currency token.
fn normalise_header(raw: &str) -> String {
    let mut text = raw
        .replace('_', " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    // Loop because decorations stack: "Einzelpreis (netto) [€]:*".
    loop {
        let before = text.len();
        let trimmed = text.trim_end_matches([':', '*', ' ']);
        text.truncate(trimmed.len());
        if let Some(open) = bracket_suffix_start(&text) {
            text.truncate(open);
        }
        for currency in ["€", "$", "£", "eur", "usd", "chf", "gbp"] {
            if let Some(rest) = text.strip_suffix(currency)
                && rest.ends_with(' ')
            {
                text.truncate(rest.len());
            }
        }
        let trimmed = text.trim_end();
        text.truncate(trimmed.len());
        if text.len() == before {
            return text;
        }
    }
}

/// Start of a trailing "(…)" or "[…]" group, if the text ends with one and has text before it.
fn bracket_suffix_start(text: &str) -> Option<usize> {
    let open = match text.chars().last()? {
        ')' => '(',
        ']' => '[',
        _ => return None,
    };
    let start = text.rfind(open)?;
    (start > 0).then_some(start)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn column(raw: &str) -> Option<Column> {
        match_header(raw).map(|m| m.column)
    }

    #[test]
    fn headers_match_with_decorations() {
        let cases = [
            ("Einzelpreis (€)", Some(Column::UnitPrice)),
            ("Unit price [EUR]", Some(Column::UnitPrice)),
            ("Menge (Stk.)", Some(Column::Quantity)),
            ("  BEZEICHNUNG  ", Some(Column::Name)),
            ("Name*", Some(Column::Name)),
            ("Menge:", Some(Column::Quantity)),
            ("unit   price", Some(Column::UnitPrice)),
            ("Unit_Price", Some(Column::UnitPrice)),
            ("Gesamtpreis €", Some(Column::Total)),
            ("Einzelpreis (netto) [€]:", Some(Column::UnitPrice)),
            ("Übergeordnete Position", Some(Column::Parent)),
            ("Beschreibung", Some(Column::Description)),
            ("Description", Some(Column::Description)),
            ("ME", Some(Column::Unit)),
            ("Gewerk", Some(Column::Category)),
            ("Bemerkungen", Some(Column::Notes)),
            ("Zwischensumme", Some(Column::Subtotal)),
            ("Stufe", Some(Column::Level)),
            ("Stückliste Sommerfestival 2026", None),
            ("Price list", None),
            ("(€)", None),
            ("", None),
        ];
        for (raw, expected) in cases {
            assert_eq!(column(raw), expected, "header {raw:?}");
        }
    }

    #[test]
    fn position_is_a_weak_name_alias() {
        let m = match_header("Position").unwrap();
        assert_eq!(m.column, Column::Name);
        assert!(m.weak);
        assert!(!match_header("Bezeichnung").unwrap().weak);
    }

    #[test]
    fn own_headers_are_recognised() {
        for column in Column::ALL {
            assert_eq!(
                match_header(column.english()).map(|m| m.column),
                Some(column)
            );
            assert_eq!(
                match_header(column.german()).map(|m| m.column),
                Some(column)
            );
        }
    }
}
