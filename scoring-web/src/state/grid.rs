//! How the entry grid shows the offices: a sort and a search the assessor
//! chose, which are a view and never a change to the data (the stored
//! order, the undo history and what is saved stay as they are), and the
//! totals and averages under each column.
//!
//! A view is worked out when the assessor sets it, and then holds still:
//! typing a value does not send its row elsewhere under the cursor, as it
//! would if the sort were redone on every keystroke. Offices added since
//! are shown at the end; offices removed since are gone.

use std::cmp::Ordering;
use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use scoring_core::{CellValue, Decimal, InputKind, Rubric};

use super::assessment::Assessment;

/// The column a view is sorted by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SortColumn {
    /// The office's name.
    Name,
    /// An input or a text column, by id.
    Cell(String),
}

/// A sort: a column and a direction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GridSort {
    /// The column.
    pub column: SortColumn,
    /// Largest (or last) first.
    pub descending: bool,
}

/// The grid's view of the offices.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct GridView {
    /// The sort chosen, if any.
    pub sort: Option<GridSort>,
    /// The search typed (offices whose name holds it are shown).
    pub search: String,
    /// The offices shown, by key, in the order shown, as worked out when
    /// the view was set; `None` shows every office in the stored order.
    shown: Option<Rc<Vec<u64>>>,
    /// Every office there was then: one not among them was added since,
    /// and is shown at the end.
    known: Rc<HashSet<u64>>,
}

impl GridView {
    /// Whether the grid shows anything but every office in the stored
    /// order.
    pub fn is_active(&self) -> bool {
        self.shown.is_some()
    }

    /// A view of `assessment`'s offices sorted by `sort` and narrowed to
    /// names holding `search` (any case, spaces around it ignored).
    /// `by_name` lists office keys in the order of their names as the
    /// browser collates them (Chinese names by pinyin); a name sort
    /// follows it, and falls back to the names' characters for offices
    /// it does not list.
    pub fn new(
        assessment: &Assessment,
        rubric: &Rubric,
        results: &super::Results,
        sort: Option<GridSort>,
        search: &str,
        by_name: &[u64],
    ) -> GridView {
        let search = search.to_string();
        if sort.is_none() && search.trim().is_empty() {
            return GridView {
                sort,
                search,
                ..GridView::default()
            };
        }
        let needle = search.trim().to_lowercase();
        let mut rows: Vec<&super::OfficeRow> = assessment
            .offices
            .iter()
            .map(|o| &**o)
            .filter(|o| needle.is_empty() || o.name.to_lowercase().contains(&needle))
            .collect();
        if let Some(sort) = &sort {
            match &sort.column {
                SortColumn::Name => {
                    let rank: HashMap<u64, usize> =
                        by_name.iter().enumerate().map(|(i, k)| (*k, i)).collect();
                    crate::sorting::sort_by(&mut rows, |a, b| {
                        let blank = a.name.trim().is_empty().cmp(&b.name.trim().is_empty());
                        let by = match (rank.get(&a.key), rank.get(&b.key)) {
                            (Some(x), Some(y)) => x.cmp(y),
                            _ => a.name.cmp(&b.name),
                        };
                        blank.then(directed(by, sort.descending))
                    });
                }
                SortColumn::Cell(id) => {
                    let input = rubric.input(id).map(|(ix, _)| ix);
                    let mut keyed: Vec<(SortKey, &super::OfficeRow)> = rows
                        .into_iter()
                        // A blank cell filled from the item log or an
                        // assessment drawn on sorts by what fills it.
                        .map(|o| (SortKey::of(rubric, input, results.shown_cell(o, id)), o))
                        .collect();
                    // Stable: ties keep the stored order. N/A, cells not
                    // valid and blanks stay last either way.
                    crate::sorting::sort_by(&mut keyed, |(x, _), (y, _)| {
                        x.class()
                            .cmp(&y.class())
                            .then_with(|| directed(x.cmp(y), sort.descending))
                    });
                    rows = keyed.into_iter().map(|(_, o)| o).collect();
                }
            }
        }
        GridView {
            sort,
            search,
            shown: Some(Rc::new(rows.iter().map(|o| o.key).collect())),
            known: Rc::new(assessment.offices.iter().map(|o| o.key).collect()),
        }
    }

    /// The positions (in `assessment.offices`) of the offices shown, in
    /// the order shown.
    pub fn rows(&self, assessment: &Assessment) -> Vec<usize> {
        let Some(shown) = &self.shown else {
            return (0..assessment.offices.len()).collect();
        };
        let at: HashMap<u64, usize> = assessment
            .offices
            .iter()
            .enumerate()
            .map(|(i, o)| (o.key, i))
            .collect();
        let mut rows: Vec<usize> = shown.iter().filter_map(|k| at.get(k).copied()).collect();
        rows.extend(
            assessment
                .offices
                .iter()
                .enumerate()
                .filter(|(_, o)| !self.known.contains(&o.key))
                .map(|(i, _)| i),
        );
        rows
    }

    /// Whether the office `key` is in the view.
    pub fn shows(&self, key: u64) -> bool {
        match &self.shown {
            None => true,
            Some(shown) => shown.contains(&key) || !self.known.contains(&key),
        }
    }
}

fn directed(o: Ordering, descending: bool) -> Ordering {
    if descending { o.reverse() } else { o }
}

/// Where a cell sorts: values in order, then N/A, then cells that are
/// not valid (by their text), then blanks.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum SortKey {
    Value(Decimal),
    Text(String),
    NotApplicable,
    Invalid(String),
    Blank,
}

impl SortKey {
    fn of(rubric: &Rubric, input: Option<scoring_core::InputIx>, text: &str) -> SortKey {
        if text.trim().is_empty() {
            return SortKey::Blank;
        }
        let Some(input) = input else {
            return SortKey::Text(text.trim().to_string());
        };
        match rubric.read_cell(input, text) {
            Ok(CellValue::Value(v)) => SortKey::Value(v),
            Ok(CellValue::NotApplicable) => SortKey::NotApplicable,
            Err(_) => SortKey::Invalid(text.trim().to_string()),
        }
    }

    /// The part of the order a direction does not turn round.
    fn class(&self) -> u8 {
        match self {
            SortKey::Value(_) | SortKey::Text(_) => 0,
            SortKey::NotApplicable => 1,
            SortKey::Invalid(_) => 2,
            SortKey::Blank => 3,
        }
    }
}

/// The ids of the grid's columns after the office's name, in the order
/// shown: the category (where the rubric has categories: it decides what
/// the rest of the row is scored on), the inputs, the other text columns.
/// The one home of that order: the grid draws it, a paste follows it.
pub fn column_ids(rubric: &Rubric) -> Vec<String> {
    let category = rubric.categories().map(|c| c.column);
    category
        .map(|k| rubric.text_column_at(k).id.clone())
        .into_iter()
        .chain(rubric.inputs().items().map(|i| i.id.clone()))
        .chain(
            rubric
                .text_columns()
                .filter(|(k, _)| Some(*k) != category)
                .map(|(_, c)| c.id.clone()),
        )
        .collect()
}

/// What is under one input's column: its total and average over the
/// offices shown whose cell holds a valid value.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ColumnSummary {
    /// How many cells hold a valid value (N/A not counted).
    pub values: usize,
    /// Their sum (counts and amounts).
    pub sum: Option<Decimal>,
    /// Their mean (counts and amounts), exact.
    pub mean: Option<Decimal>,
    /// How many say yes (flags).
    pub yes: Option<usize>,
    /// How many hold each choice, in the input's order (choices).
    pub choices: Vec<usize>,
}

/// The summary of every input's column over the offices at `rows`.
pub fn summaries(
    assessment: &Assessment,
    rubric: &Rubric,
    results: &super::Results,
    rows: &[usize],
) -> Vec<ColumnSummary> {
    rubric
        .inputs()
        .map(|(ix, input)| {
            let mut s = ColumnSummary {
                choices: vec![0; input.choices.len()],
                ..ColumnSummary::default()
            };
            let mut sum = Decimal::ZERO;
            let mut yes = 0;
            for &r in rows {
                let Some(office) = assessment.offices.get(r) else {
                    continue;
                };
                // What fills a blank cell counts as the cell, and the item
                // log's count where it was chosen over the typed one: the
                // totals are of what is scored.
                let chosen = if results.log_chosen.is_empty() {
                    None
                } else {
                    results
                        .log_chosen
                        .get(&(office.key, input.id.clone()))
                        .filter(|(_, c)| *c == scoring_core::items::CountsChoice::Log)
                        .map(|(n, _)| n.to_string())
                };
                let text = chosen
                    .as_deref()
                    .unwrap_or_else(|| results.shown_cell(office, &input.id));
                if text.is_empty() {
                    continue;
                }
                if let Ok(CellValue::Value(v)) = rubric.read_cell(ix, text) {
                    s.values += 1;
                    match input.kind {
                        InputKind::Count | InputKind::Amount => {
                            sum = sum.checked_add(v).unwrap_or(sum);
                        }
                        InputKind::Flag => yes += usize::from(!v.is_zero()),
                        InputKind::Choice => {
                            if let Some(n) =
                                usize::try_from(v).ok().and_then(|k| s.choices.get_mut(k))
                            {
                                *n += 1;
                            }
                        }
                    }
                }
            }
            match input.kind {
                InputKind::Count | InputKind::Amount => {
                    s.sum = Some(sum);
                    s.mean = (s.values > 0)
                        .then(|| sum.checked_div(Decimal::from(s.values)))
                        .flatten();
                }
                InputKind::Flag => s.yes = Some(yes),
                InputKind::Choice => {}
            }
            s
        })
        .collect()
}

/// A number as typed, with thousands separators (`12345` → `12,345`,
/// `1234.5` → `1,234.5`); `None` for anything that is not a plain number
/// of four digits or more before the point.
pub fn grouped(text: &str) -> Option<String> {
    let t = text.trim();
    let (int, frac) = match t.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (t, None),
    };
    if int.len() < 4
        || !int.bytes().all(|b| b.is_ascii_digit())
        || frac.is_some_and(|f| f.is_empty() || !f.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let mut out = String::with_capacity(t.len() + int.len() / 3);
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    Some(out)
}
