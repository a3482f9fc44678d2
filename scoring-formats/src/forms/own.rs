//! What an office can know of its own result from its own form: the
//! indicators scored from its own values alone, and which ones it cannot
//! know (a place among the offices, a share of the best, a value brought
//! in from another assessment).
//!
//! The core says which methods score an office from its own inputs alone
//! ([`scoring_core::method::Method::depends_on_others`]); for those,
//! scoring a table of the one office gives the same points as scoring all
//! of them (a test in the core's method registry holds every method to
//! it). Rubric-level rules (adjustments, bonus pools, grade bands,
//! categories) are not shown: a total is never guessed.

use std::collections::{BTreeMap, BTreeSet};

use rust_decimal::Decimal;
use scoring_core::{DataError, Dataset, InputKind, Lang, LeafIx, Rubric, Table, TableRow};

use super::{ReturnedForm, VALUE};

/// What the office's form alone says about one leaf indicator.
#[derive(Debug, Clone, PartialEq)]
pub enum OwnOutcome {
    /// Scored from the office's own values: as it will be among all the
    /// offices, unless the assessor's review changes a value.
    Scored {
        /// The score (0–100, or the points for methods counted in points).
        score: Decimal,
        /// The points it adds, rounded as the rubric publishes them.
        points: Decimal,
        /// How it came about, in Chinese and in English.
        why: [String; 2],
    },
    /// A place among the offices or a share of the best one's: known only
    /// once every office's values are in.
    DependsOnOthers,
    /// Filled by the assessor from another assessment.
    FromElsewhere,
    /// Not every value it reads is filled in and valid yet: the inputs
    /// still blank or wrong, by id.
    Incomplete(Vec<String>),
}

/// One leaf indicator of the office's own result.
#[derive(Debug, Clone, PartialEq)]
pub struct OwnLeaf {
    /// The leaf.
    pub leaf: LeafIx,
    /// What is known of it.
    pub outcome: OwnOutcome,
}

/// What an office can know of its own result from its form.
#[derive(Debug, Clone, PartialEq)]
pub struct OwnResult {
    /// Every leaf indicator, in the rubric's order.
    pub leaves: Vec<OwnLeaf>,
    /// Values that are wrong, each located at the form's row and value
    /// column: what the assessor's [`super::collect`] would refuse, and
    /// values that contradict each other (answered more than asked).
    pub errors: Vec<DataError>,
    /// The points of the leaves scored, summed exactly and rounded once
    /// as the rubric publishes a total.
    pub scored_points: Decimal,
    /// Why nothing could be scored alone, when nothing could (a rubric
    /// whose offices need more than their form holds, such as a
    /// category): the problems, in both languages.
    pub not_alone: Option<[String; 2]>,
}

/// A value that passes any check a row may make of it while it stands in
/// for a blank or wrong one: no leaf reading it is shown as scored.
fn stand_in(input: &scoring_core::Input) -> String {
    match input.kind {
        InputKind::Choice => input
            .choices
            .first()
            .map(|c| c.get(Lang::Zh).to_string())
            .unwrap_or_default(),
        _ => "0".to_string(),
    }
}

/// The office's own result from its form `form` with `values` filled in
/// (by input id, as typed).
pub fn own_result(
    rubric: &Rubric,
    form: &ReturnedForm,
    values: &BTreeMap<String, String>,
) -> OwnResult {
    let office = form.header.office.clone();
    let row_of: BTreeMap<&str, u32> = form
        .values
        .iter()
        .map(|v| (v.input.as_str(), v.row))
        .collect();
    let sourced: BTreeSet<&str> = rubric
        .sources()
        .iter()
        .map(|s| s.input.id.as_str())
        .collect();
    let located = |input: &scoring_core::Input, problem| DataError {
        source: form.file.clone(),
        line: row_of.get(input.id.as_str()).copied(),
        column: Some(VALUE as u32 + 1),
        office: Some(office.clone()),
        input: Some(input.id.clone()),
        input_label: Some(input.label.clone()),
        row_index: None,
        problem,
    };
    // Which inputs stand in for a blank or wrong value.
    let mut standing: BTreeSet<String> = BTreeSet::new();
    let mut errors = Vec::new();
    for (ix, input) in rubric.inputs() {
        if sourced.contains(input.id.as_str()) {
            standing.insert(input.id.clone());
            continue;
        }
        let text = values.get(&input.id).map(String::as_str).unwrap_or("");
        if text.trim().is_empty() {
            standing.insert(input.id.clone());
        } else if let Err(problem) = rubric.read_cell(ix, text) {
            errors.push(located(input, problem));
            standing.insert(input.id.clone());
        }
    }
    // The leaves reading each input.
    let readers = |id: &str| -> Vec<LeafIx> {
        rubric
            .leaves()
            .filter(|(_, leaf)| leaf.reads().iter().any(|i| i.id == id))
            .map(|(ix, _)| ix)
            .collect()
    };
    let inputs_of = |leaf: LeafIx| -> Vec<String> {
        rubric
            .leaf(leaf)
            .reads()
            .iter()
            .map(|i| i.id.clone())
            .collect()
    };
    // Row checks (answered ≤ asked) may fail: a check between the
    // office's own values is its error; one touching a stand-in is not.
    // Either way the leaves reading the input are not scored, their
    // inputs stood in for (stand-ins pass every check between them), and
    // the table read again.
    let mut tries = 0;
    let (table, data) = loop {
        let table = one_row(rubric, &office, values, &standing);
        match Dataset::from_table(rubric, &table) {
            Ok(data) => break (table, Some(data)),
            Err(e) => {
                tries += 1;
                let mut moved = false;
                for err in &e.errors {
                    let Some(id) = err.input.clone() else {
                        continue;
                    };
                    let leaves = readers(&id);
                    let together: BTreeSet<String> =
                        leaves.iter().flat_map(|l| inputs_of(*l)).collect();
                    let own =
                        !standing.contains(&id) && together.iter().all(|i| !standing.contains(i));
                    if own && let Some((_, input)) = rubric.input(&id) {
                        errors.push(located(input, err.problem.clone()));
                    }
                    for i in together.into_iter().chain([id]) {
                        moved |= standing.insert(i);
                    }
                }
                if !moved || tries > rubric.inputs().len() {
                    // Something no stand-in can mend (a category, a
                    // reason the rubric requires): nothing is scored.
                    break (table, None);
                }
            }
        }
    };
    let Some(data) = data else {
        let problems = Dataset::from_table(rubric, &table)
            .err()
            .map(|e| [e.message(Lang::Zh), e.message(Lang::En)])
            .unwrap_or_default();
        return OwnResult {
            leaves: Vec::new(),
            errors,
            not_alone: Some(problems),
            scored_points: Decimal::ZERO,
        };
    };
    let card = match scoring_core::score(rubric, &data) {
        Ok(card) => card,
        Err(e) => {
            return OwnResult {
                leaves: Vec::new(),
                errors,
                not_alone: Some([e.message(Lang::Zh), e.message(Lang::En)]),
                scored_points: Decimal::ZERO,
            };
        }
    };
    let Some(me) = card.offices().next() else {
        return OwnResult {
            leaves: Vec::new(),
            errors,
            not_alone: None,
            scored_points: Decimal::ZERO,
        };
    };
    let leaves: Vec<OwnLeaf> = rubric
        .leaves()
        .map(|(ix, leaf)| {
            let inputs = inputs_of(ix);
            let outcome = match leaf.method() {
                Some(m) if m.depends_on_others() => OwnOutcome::DependsOnOthers,
                _ if inputs.iter().any(|i| sourced.contains(i.as_str())) => {
                    OwnOutcome::FromElsewhere
                }
                _ if inputs.iter().any(|i| standing.contains(i)) => OwnOutcome::Incomplete(
                    inputs
                        .into_iter()
                        .filter(|i| standing.contains(i))
                        .collect(),
                ),
                _ => {
                    let (score, points) = me.published_leaf(ix);
                    let why =
                        scoring_core::explain::leaf_explanation(rubric, &data, &card, me.ix(), ix);
                    OwnOutcome::Scored {
                        score,
                        points,
                        why: [why.message(Lang::Zh), why.message(Lang::En)],
                    }
                }
            };
            OwnLeaf { leaf: ix, outcome }
        })
        .collect();
    let exact: Decimal = leaves
        .iter()
        .filter(|l: &&OwnLeaf| matches!(l.outcome, OwnOutcome::Scored { .. }))
        .map(|l| me.leaf(l.leaf).points)
        .sum();
    OwnResult {
        leaves,
        errors,
        not_alone: None,
        scored_points: rubric.round(exact),
    }
}

/// The office's row as a table for the core: its values, stand-ins for
/// the inputs in `standing`, and its text columns blank.
fn one_row(
    rubric: &Rubric,
    office: &str,
    values: &BTreeMap<String, String>,
    standing: &BTreeSet<String>,
) -> Table {
    let mut header = TableRow::new(1, ["office"]);
    let mut row = TableRow::new(2, [office]);
    for input in rubric.inputs().items() {
        header.push(&input.id);
        if standing.contains(&input.id) {
            row.push(&stand_in(input));
        } else {
            row.push(values.get(&input.id).map(String::as_str).unwrap_or(""));
        }
    }
    for column in rubric.text_columns().items() {
        header.push(&column.id);
        row.push("");
    }
    Table {
        source: office.to_string(),
        rows: vec![header, row],
    }
}
