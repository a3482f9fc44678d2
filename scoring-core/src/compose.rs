//! One assessment's results inside another: an input whose values are
//! another rubric's published totals, by office name (政务公开工作情况作为
//! 共性指标纳入厅机关年度考核).
//!
//! **One home.** The `sources` key of a rubric file (its part of the schema
//! and docs), reading it, its canonical form, and filling a data table
//! from the other rubric's scorecard ([`fill`]). The leaf that reads the
//! input is usually `rescaled` (`out_of` the other rubric's total).
//!
//! Filling never decides silently: a value already typed that differs from
//! the other assessment's, and an office the other assessment does not
//! have, are errors naming both.

use marked_yaml::types::MarkedMappingNode;

use crate::canon::Canon;
use crate::dataset::{DataError, DataErrors, DataProblem, Table, TableRow};
use crate::lang::Text;
use crate::method::InputRef;
use crate::rubric::{InputKind, Loader, Location, Rubric};
use crate::score::Scorecard;
use crate::spec::{Kind, Param, Shape};

/// An input filled from another rubric's published totals.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// The input filled (an `amount`).
    pub input: InputRef,
    /// The other rubric's id.
    pub rubric: String,
    /// The other assessment's name, for explanations.
    pub name: Text,
    /// Where it is declared.
    pub location: Option<Location>,
}

const INPUT: Param = Param::required(
    "input",
    Kind::Input(&[InputKind::Amount]),
    "the input filled with the other rubric's published totals",
);
const RUBRIC: Param = Param::required(
    "rubric",
    Kind::RubricId,
    "the other rubric's id (`shandong-commerce-2017`)",
);
const NAME: Param = Param::required(
    "name",
    Kind::Text,
    "the other assessment's name, for explanations (政务公开考核)",
);

/// The keys of a source.
pub(crate) const SHAPE: Shape = Shape {
    name: "sources",
    params: &[INPUT, RUBRIC, NAME],
    one_of: &[],
};

/// Reads a rubric's `sources`.
pub(crate) fn load(loader: &mut Loader<'_>, map: &MarkedMappingNode) -> Vec<Source> {
    loader.list(
        map,
        &SHAPE,
        "sources",
        ("a list of sources", "来源列表"),
        (
            "a source (input, rubric, name)",
            "来源（input、rubric、name）",
        ),
        |cx, _read: &[Source]| {
            let at = cx.location();
            let input = cx.input(&INPUT);
            let name = cx.text(&NAME);
            let rubric = match cx.node(RUBRIC.key) {
                Some(marked_yaml::Node::Scalar(s)) => Some(s.as_str().trim().to_string()),
                Some(other) => {
                    let path = cx.key_path(RUBRIC.key);
                    cx.wrong_type(other, &path, "a rubric id", "评分细则标识");
                    None
                }
                None => {
                    cx.missing(RUBRIC.key);
                    None
                }
            };
            Some(Source {
                input: input?,
                rubric: rubric?,
                name: name?,
                location: at,
            })
        },
    )
}

/// The canonical form of a rubric's sources (fingerprint and diff):
/// nothing when it has none.
pub(crate) fn canonical(sources: &[Source]) -> Canon {
    let mut out = Canon::default();
    for s in sources {
        out.value(format!("sources.{}.rubric", s.input.id), s.rubric.clone());
        out.text(&format!("sources.{}.name", s.input.id), &s.name);
    }
    out
}

/// Fills `table` (a data table for `rubric`) with the published totals of
/// the rubrics it draws on, each scored in `scored` (`(rubric, its
/// scorecard)`): a source input's column is added when the table lacks
/// it, and filled where blank. A value typed that differs from the other
/// assessment's, an office the other assessment lacks, and a source with
/// no scorecard among `scored` are errors; the table is returned only when
/// there are none.
pub fn fill(
    rubric: &Rubric,
    table: &Table,
    scored: &[(&Rubric, &Scorecard)],
) -> Result<Table, DataErrors> {
    let (table, errors) = fill_lenient(rubric, table, scored);
    if errors.is_empty() {
        Ok(table)
    } else {
        Err(DataErrors { errors })
    }
}

/// `table` with a blank column added for each source input it lacks: a
/// data file need not hold what another assessment fills in (a page
/// reads it, then fills the column from the assessment linked).
pub fn with_source_columns(rubric: &Rubric, table: &Table) -> Table {
    let Some(header_at) = table
        .rows
        .iter()
        .position(|r| r.cells().any(|c| !c.trim().is_empty()))
    else {
        return table.clone();
    };
    let mut out = table.clone();
    for source in &rubric.sources {
        let input = &rubric.inputs[source.input.index];
        let has = table.rows[header_at]
            .cells()
            .any(|h| h.trim() == input.id || h.trim() == input.label.zh);
        if !has {
            out.rows[header_at].push(&input.id);
        }
    }
    out
}

/// [`fill`], keeping going: the table with every blank cell it could fill
/// filled (a typed value that disagrees is left as typed), and the errors,
/// for a page that scores the other offices meanwhile and shows each
/// problem at its cell.
pub fn fill_lenient(
    rubric: &Rubric,
    table: &Table,
    scored: &[(&Rubric, &Scorecard)],
) -> (Table, Vec<DataError>) {
    let mut errors = Vec::new();
    let err = |line: Option<u32>,
               column: Option<u32>,
               office: Option<String>,
               input: &InputRef,
               problem| DataError {
        source: table.source.clone(),
        line,
        column,
        office,
        input: Some(input.id.clone()),
        input_label: Some(rubric.inputs[input.index].label.clone()),
        row_index: None,
        problem,
    };
    let Some(header_at) = table
        .rows
        .iter()
        .position(|r| r.cells().any(|c| !c.trim().is_empty()))
    else {
        return (table.clone(), Vec::new());
    };
    let mut rows: Vec<Vec<String>> = table
        .rows
        .iter()
        .map(|r| r.cells().map(str::to_string).collect())
        .collect();
    for source in &rubric.sources {
        let Some((inner, card)) = scored.iter().find(|(r, _)| r.id() == source.rubric) else {
            errors.push(err(
                None,
                None,
                None,
                &source.input,
                DataProblem::SourceNotScored {
                    rubric: source.rubric.clone(),
                },
            ));
            continue;
        };
        let input = &rubric.inputs[source.input.index];
        // The column: found by id or Chinese label, or added.
        let header = &rows[header_at];
        let col = match header
            .iter()
            .position(|h| h.trim() == input.id || h.trim() == input.label.zh)
        {
            Some(c) => c,
            None => {
                rows[header_at].push(input.id.clone());
                rows[header_at].len() - 1
            }
        };
        for (r, row) in rows.iter_mut().enumerate().skip(header_at + 1) {
            let office = row
                .first()
                .map(|c| c.trim().to_string())
                .unwrap_or_default();
            if office.is_empty() {
                continue;
            }
            if row.len() <= col {
                row.resize(col + 1, String::new());
            }
            let line = Some(table.rows[r].line);
            let Some(o) = card.find(&office) else {
                errors.push(err(
                    line,
                    Some(col as u32 + 1),
                    Some(office.clone()),
                    &source.input,
                    DataProblem::NotInSource {
                        rubric: inner.id().to_string(),
                        name: source.name.clone(),
                    },
                ));
                continue;
            };
            let total = o.total();
            let typed = row[col].trim().to_string();
            if typed.is_empty() {
                row[col] = total.to_string();
            } else if crate::num::parse_decimal(&typed).map(|d| d.normalize())
                != Some(total.normalize())
            {
                errors.push(err(
                    line,
                    Some(col as u32 + 1),
                    Some(office.clone()),
                    &source.input,
                    DataProblem::SourceDisagrees {
                        typed,
                        total: total.to_string(),
                        rubric: inner.id().to_string(),
                        name: source.name.clone(),
                    },
                ));
            }
        }
    }
    let filled = Table {
        source: table.source.clone(),
        rows: rows
            .into_iter()
            .zip(&table.rows)
            .map(|(cells, r)| TableRow::new(r.line, cells))
            .collect(),
    };
    (filled, errors)
}
