//! Running a rubric's examples: read each example's CSV (inline or from a
//! file the caller resolves), score it, and check the expectations with
//! [`scoring_core::examples::check`].

use scoring_core::examples::{Failure, check};
use scoring_core::{Dataset, Example, ExampleData, Lang, Rubric, Table, score};

/// What running one example gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExampleOutcome {
    /// Every expectation met.
    Passed,
    /// Some expectations not met.
    Failed(Vec<Failure>),
    /// The example's data could not be read or scored (a message, located).
    Broken(String),
}

/// Runs one example. `resolve` reads a `file:` example's bytes (relative to
/// the rubric file); `source` names the rubric file in messages.
pub fn run_example(
    rubric: &Rubric,
    example: &Example,
    source: &str,
    lang: Lang,
    resolve: &dyn Fn(&str) -> Result<Vec<u8>, String>,
) -> ExampleOutcome {
    let table = match &example.data {
        ExampleData::Inline { text, first_line } => {
            let name = format!("{source}（{}）", example.name);
            match crate::csv_in::read_csv_text(&name, text) {
                Ok(mut t) => {
                    // Lines of the rubric file, not of the block.
                    for row in &mut t.rows {
                        row.line += first_line - 1;
                    }
                    Ok(t)
                }
                Err(e) => Err(e.message(lang)),
            }
        }
        ExampleData::File(path) => resolve(path)
            .and_then(|bytes| crate::read_table(path, &bytes).map_err(|e| e.message(lang))),
    };
    let table: Table = match table {
        Ok(t) => t,
        Err(e) => return ExampleOutcome::Broken(e),
    };
    let data = match Dataset::from_table(rubric, &table) {
        Ok(d) => d,
        Err(e) => return ExampleOutcome::Broken(e.message(lang)),
    };
    let card = match score(rubric, &data) {
        Ok(c) => c,
        Err(e) => return ExampleOutcome::Broken(e.to_string()),
    };
    let failures = check(rubric, example, &card);
    if failures.is_empty() {
        ExampleOutcome::Passed
    } else {
        ExampleOutcome::Failed(failures)
    }
}
