//! The grid's columns: what each holds, how wide it is, how its cells are
//! shown when not being edited, and the choices a cell offers.

use scoring_core::{CellValue, InputIx, InputKind, Lang, Rubric};

use crate::i18n::{fill, tr};
use crate::state::grid::grouped;

/// The width of the row number, in CSS pixels (style.css agrees).
pub const W_INDEX: f64 = 48.0;
/// The width of the office name.
pub const W_NAME: f64 = 180.0;
/// The width of an input.
pub const W_INPUT: f64 = 104.0;
/// The width of a text column.
pub const W_TEXT: f64 = 200.0;
/// The width of the row's buttons.
pub const W_ACTIONS: f64 = 104.0;
/// The height of a row (style.css: `.grid tbody tr`).
pub const ROW_H: f64 = 30.0;

/// What a column holds.
#[derive(Debug, Clone, PartialEq)]
pub enum Holds {
    /// The office's name (column 0).
    Name,
    /// An input of the rubric.
    Input {
        /// Its position.
        ix: InputIx,
        /// Its kind.
        kind: InputKind,
        /// Whether it may be `不适用`.
        na: bool,
    },
    /// A text column (reasons, evidence).
    Text,
}

/// One pick in a cell's list: the text written into the cell, and the
/// words shown.
#[derive(Debug, Clone, PartialEq)]
pub struct Pick {
    /// What the cell holds once picked (the data file's form).
    pub typed: String,
    /// What the list shows.
    pub shown: String,
}

/// One column of the grid (0 = the name, then the inputs, then the text
/// columns: the numbering of [`crate::state::Action::Paste`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    /// The input's or text column's id (`""` for the name).
    pub id: String,
    /// What it holds.
    pub holds: Holds,
    /// Its heading.
    pub label: String,
    /// Its help (the heading's tooltip, and the cell bar).
    pub help: String,
    /// What a cell takes, in words.
    pub takes: String,
    /// The picks its cells offer (choices, yes and no, 不适用).
    pub picks: Vec<Pick>,
    /// Its width in CSS pixels.
    pub width: f64,
}

/// Every column of a rubric's grid, in one language.
#[derive(Debug, Clone, PartialEq)]
pub struct Columns {
    /// The columns.
    pub all: Vec<Column>,
    /// The rubric.
    pub rubric: std::rc::Rc<Rubric>,
    /// The language.
    pub lang: Lang,
}

impl Columns {
    /// The columns of `rubric`'s grid in `lang`.
    pub fn new(rubric: std::rc::Rc<Rubric>, lang: Lang) -> Columns {
        let t = tr(lang);
        let mut all = vec![Column {
            id: String::new(),
            holds: Holds::Name,
            label: t.office.to_string(),
            help: String::new(),
            takes: t.cell_kind_name.to_string(),
            picks: Vec::new(),
            width: W_NAME,
        }];
        // The category first after the name: it decides what an office
        // is scored on, out of what and among whom.
        let category_column = rubric.categories().map(|c| c.column);
        if let Some(c) = rubric.categories() {
            let column = rubric.text_column_at(c.column);
            let names: Vec<String> = c
                .list
                .iter()
                .map(|k| k.name.get(lang).to_string())
                .collect();
            all.push(Column {
                id: column.id.clone(),
                holds: Holds::Text,
                label: column.label.get(lang).to_string(),
                help: column
                    .help
                    .as_ref()
                    .map(|h| h.get(lang).to_string())
                    .unwrap_or_default(),
                takes: fill(
                    t.cell_kind_category,
                    &[("names", &names.join(lang.pick("、", ", ")))],
                ),
                picks: c
                    .list
                    .iter()
                    .map(|k| Pick {
                        typed: k.name.zh.clone(),
                        shown: k.name.get(lang).to_string(),
                    })
                    .collect(),
                width: W_INPUT,
            });
        }
        for (ix, input) in rubric.inputs() {
            let na = rubric.may_be_na(ix);
            let mut picks: Vec<Pick> = match input.kind {
                InputKind::Choice => input
                    .choices
                    .iter()
                    .map(|c| Pick {
                        typed: c.zh.clone(),
                        shown: c.get(lang).to_string(),
                    })
                    .collect(),
                InputKind::Flag => vec![
                    Pick {
                        typed: "是".into(),
                        shown: t.word_yes.into(),
                    },
                    Pick {
                        typed: "否".into(),
                        shown: t.word_no.into(),
                    },
                ],
                _ => Vec::new(),
            };
            if na {
                picks.push(Pick {
                    typed: "不适用".into(),
                    shown: t.not_applicable.into(),
                });
            }
            let mut takes = match input.kind {
                InputKind::Count => t.cell_kind_count.to_string(),
                InputKind::Amount => t.cell_kind_amount.to_string(),
                InputKind::Flag => t.cell_kind_flag.to_string(),
                InputKind::Choice => fill(
                    t.cell_kind_choice,
                    &[(
                        "choices",
                        &input
                            .choices
                            .iter()
                            .map(|c| c.get(lang).to_string())
                            .collect::<Vec<_>>()
                            .join(lang.pick("、", ", ")),
                    )],
                ),
            };
            if na {
                takes.push_str(t.cell_kind_na);
            }
            all.push(Column {
                id: input.id.clone(),
                holds: Holds::Input {
                    ix,
                    kind: input.kind,
                    na,
                },
                label: input.label.get(lang).to_string(),
                help: input
                    .help
                    .as_ref()
                    .map(|h| h.get(lang).to_string())
                    .unwrap_or_default(),
                takes,
                picks,
                width: W_INPUT,
            });
        }
        for (k, c) in rubric.text_columns() {
            if Some(k) == category_column {
                continue;
            }
            all.push(Column {
                id: c.id.clone(),
                holds: Holds::Text,
                label: c.label.get(lang).to_string(),
                help: c
                    .help
                    .as_ref()
                    .map(|h| h.get(lang).to_string())
                    .unwrap_or_else(|| t.text_column_hint.to_string()),
                takes: t.cell_kind_text.to_string(),
                picks: Vec::new(),
                width: W_TEXT,
            });
        }
        Columns { all, rubric, lang }
    }

    /// How many columns (the name included).
    pub fn len(&self) -> usize {
        self.all.len()
    }

    /// The widths of the columns that scroll (all but the name), and the
    /// row's buttons last.
    pub fn scrolling_widths(&self) -> Vec<f64> {
        self.all[1..]
            .iter()
            .map(|c| c.width)
            .chain(std::iter::once(W_ACTIONS))
            .collect()
    }

    /// A cell's text as shown when it is not being edited: numbers with
    /// thousands separators, a choice or a flag by its name in the page's
    /// language, `不适用` as the page says it; anything else as typed.
    pub fn shown(&self, col: usize, text: &str) -> String {
        let Some(column) = self.all.get(col) else {
            return text.to_string();
        };
        // A category by its name in the page's language (A类, Class A).
        if let (Holds::Text, Some(cats)) = (&column.holds, self.rubric.categories())
            && self.rubric.text_column_at(cats.column).id == column.id
            && let Some(k) = cats.find(text)
        {
            return cats.list[k].name.get(self.lang).to_string();
        }
        let Holds::Input { ix, kind, .. } = column.holds else {
            return text.to_string();
        };
        if text.trim().is_empty() {
            return text.to_string();
        }
        match self.rubric.read_cell(ix, text) {
            Ok(CellValue::NotApplicable) => tr(self.lang).not_applicable.to_string(),
            Ok(CellValue::Value(v)) => match kind {
                InputKind::Choice => self.rubric.input_at(ix).shown(v, self.lang),
                InputKind::Flag => {
                    let t = tr(self.lang);
                    if v.is_zero() { t.word_no } else { t.word_yes }.to_string()
                }
                // The number read, as a spreadsheet shows it: ０４ and
                // ２５ typed full-width read 4 and 25.
                _ => {
                    let v = v.to_string();
                    grouped(&v).unwrap_or(v)
                }
            },
            Err(_) => text.to_string(),
        }
    }

    /// Whether `a` and `b` hold the same value in column `col` (`0` and
    /// 否 in a yes-or-no column), or are the same text.
    pub fn same_value(&self, col: usize, a: &str, b: &str) -> bool {
        if a == b {
            return true;
        }
        match self.all.get(col).map(|c| &c.holds) {
            Some(Holds::Input { ix, .. }) => {
                matches!((self.rubric.read_cell(*ix, a), self.rubric.read_cell(*ix, b)), (Ok(x), Ok(y)) if x == y)
            }
            _ => false,
        }
    }

    /// The place in column `col`'s full list of the pick that holds the
    /// same value as `text` (否 for `0`), or 0: the one highlighted when
    /// the list opens on a cell.
    pub fn pick_at(&self, col: usize, text: &str) -> usize {
        let Some(column) = self.all.get(col) else {
            return 0;
        };
        let Holds::Input { ix, .. } = column.holds else {
            return 0;
        };
        let Ok(value) = self.rubric.read_cell(ix, text) else {
            return 0;
        };
        column
            .picks
            .iter()
            .position(|p| {
                self.rubric
                    .read_cell(ix, &p.typed)
                    .is_ok_and(|v| v == value)
            })
            .unwrap_or(0)
    }

    /// The picks of column `col` that match what is typed (any case, in
    /// either form), all of them when nothing is.
    pub fn picks_for(&self, col: usize, typed: &str) -> Vec<Pick> {
        let Some(column) = self.all.get(col) else {
            return Vec::new();
        };
        let needle = typed.trim().to_lowercase();
        if needle.is_empty() {
            return column.picks.clone();
        }
        let matching: Vec<Pick> = column
            .picks
            .iter()
            .filter(|p| {
                p.typed.to_lowercase().contains(&needle) || p.shown.to_lowercase().contains(&needle)
            })
            .cloned()
            .collect();
        matching
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::rc::Rc;

    fn bureau() -> Rc<Rubric> {
        Rc::new(
            Rubric::from_yaml(
                scoring_core::bundled::BUREAU_OFFICES_FILE,
                scoring_core::bundled::BUREAU_OFFICES,
            )
            .unwrap(),
        )
    }

    #[test]
    fn cells_are_shown_in_the_pages_words() {
        let cols = Columns::new(bureau(), Lang::En);
        let choice = cols
            .all
            .iter()
            .position(|c| {
                matches!(
                    c.holds,
                    Holds::Input {
                        kind: InputKind::Choice,
                        ..
                    }
                )
            })
            .unwrap();
        let first = &cols.rubric.input(&cols.all[choice].id).unwrap().1.choices[0];
        // Typed in Chinese, shown in English; typed wrong, shown as typed.
        assert_eq!(cols.shown(choice, &first.zh), first.get(Lang::En));
        assert_eq!(cols.shown(choice, "很好"), "很好");
        let flag = cols
            .all
            .iter()
            .position(|c| {
                matches!(
                    c.holds,
                    Holds::Input {
                        kind: InputKind::Flag,
                        ..
                    }
                )
            })
            .unwrap();
        assert_eq!(cols.shown(flag, "1"), "Yes");
        assert_eq!(cols.shown(flag, "否"), "No");
        // Picks: the choices in the page's words, typed in the file's.
        assert_eq!(cols.all[flag].picks.len(), 2);
        assert_eq!(cols.picks_for(flag, "y")[0].typed, "是");
        assert!(cols.picks_for(choice, "zzz").is_empty());
        assert_eq!(
            cols.picks_for(choice, "").len(),
            cols.all[choice].picks.len()
        );
        // A list opens on what the cell holds, however it was typed; the
        // same value is no change.
        assert_eq!(cols.pick_at(flag, "0"), 1);
        assert_eq!(cols.pick_at(flag, "yes"), 0);
        assert_eq!(cols.pick_at(flag, "maybe"), 0);
        let last = cols.all[choice].picks.len() - 1;
        let last_typed = cols.all[choice].picks[last].typed.clone();
        assert_eq!(cols.pick_at(choice, &last_typed), last);
        assert!(cols.same_value(flag, "0", "否"));
        assert!(!cols.same_value(flag, "1", "否"));
        assert!(cols.same_value(choice, "很好", "很好"));
        assert!(!cols.same_value(choice, "很好", "好"));
    }

    #[test]
    fn numbers_get_thousands_separators_when_shown() {
        let shandong = Rc::new(
            Rubric::from_yaml(
                scoring_core::bundled::SHANDONG_2017_FILE,
                scoring_core::bundled::SHANDONG_2017,
            )
            .unwrap(),
        );
        let cols = Columns::new(shandong, Lang::Zh);
        assert_eq!(cols.shown(1, "52000"), "52,000");
        assert_eq!(cols.shown(1, "999"), "999");
        assert_eq!(cols.shown(1, "-5000"), "-5000");
        assert_eq!(cols.shown(1, "abc"), "abc");
        assert_eq!(cols.shown(0, "12345"), "12345");
    }
}

#[cfg(test)]
mod order_tests {
    use super::*;

    /// The grid draws its columns in the order a paste fills them.
    #[test]
    fn columns_are_in_the_one_order() {
        for (file, yaml) in scoring_core::bundled::ALL {
            let rubric = std::rc::Rc::new(Rubric::from_yaml(file, yaml).unwrap());
            let cols = Columns::new(rubric.clone(), Lang::Zh);
            let ids: Vec<String> = cols.all[1..].iter().map(|c| c.id.clone()).collect();
            assert_eq!(ids, crate::state::grid::column_ids(&rubric), "{file}");
        }
    }
}
