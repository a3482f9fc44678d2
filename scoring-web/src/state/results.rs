//! What the current grid scores to: the core's dataset and scorecard, and
//! every problem mapped back to its office and cell.

use std::collections::HashMap;
use std::rc::Rc;

use scoring_core::{DataProblem, Dataset, Rubric, Scorecard, score};

use super::assessment::Assessment;

/// Whether an office's row took part in scoring.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowStatus {
    /// Every cell is valid: the office is scored.
    Scored,
    /// Only blank cells are wrong: not filled in yet.
    Incomplete,
    /// Some cell is wrong: left out of the results.
    Excluded,
}

/// The results of the current grid.
#[derive(Debug, Clone, PartialEq)]
pub struct Results {
    /// The rubric scored with.
    pub rubric: Rc<Rubric>,
    /// The valid rows.
    pub data: Dataset,
    /// Their scores.
    pub card: Scorecard,
    /// The office key of each scored row, in dataset order.
    pub scored: Vec<u64>,
    /// Problems of single cells, by office key and input id.
    pub cell_problems: HashMap<(u64, String), DataProblem>,
    /// Problems of an office itself (blank or repeated name).
    pub office_problems: HashMap<u64, DataProblem>,
    /// Every office's status.
    pub status: HashMap<u64, RowStatus>,
}

impl Results {
    /// Scores an assessment's grid with `rubric`.
    pub fn compute(assessment: &Assessment, rubric: Rc<Rubric>) -> Results {
        let table = assessment.to_table(&rubric);
        // The header is generated from the rubric, so the only refusal is
        // an empty grid.
        let (data, errors) = Dataset::from_table_lenient(&rubric, &table)
            .unwrap_or_else(|_| (Dataset::empty(&rubric), Vec::new()));
        // A dataset read for this rubric always scores.
        let card = score(&rubric, &data)
            .or_else(|_| score(&rubric, &Dataset::empty(&rubric)))
            .expect("an empty dataset scores");

        let mut cell_problems = HashMap::new();
        let mut office_problems = HashMap::new();
        let mut only_blank: HashMap<u64, bool> = HashMap::new();
        for e in errors {
            let Some(office) = e.line.and_then(|l| assessment.office_at_line(l)) else {
                continue;
            };
            let blank = e.problem == DataProblem::Blank;
            only_blank
                .entry(office.key)
                .and_modify(|b| *b &= blank)
                .or_insert(blank);
            match e.input {
                Some(input) => {
                    cell_problems.insert((office.key, input), e.problem);
                }
                None => {
                    office_problems.insert(office.key, e.problem);
                }
            }
        }
        let scored: Vec<u64> = data
            .offices()
            .iter()
            .filter_map(|o| o.line.and_then(|l| assessment.office_at_line(l)))
            .map(|o| o.key)
            .collect();
        let status = assessment
            .offices
            .iter()
            .map(|o| {
                let s = match only_blank.get(&o.key) {
                    None => RowStatus::Scored,
                    Some(true) => RowStatus::Incomplete,
                    Some(false) => RowStatus::Excluded,
                };
                (o.key, s)
            })
            .collect();
        Results {
            rubric,
            data,
            card,
            scored,
            cell_problems,
            office_problems,
            status,
        }
    }

    /// The scorecard index of an office, if it was scored.
    pub fn scored_index(&self, key: u64) -> Option<usize> {
        self.scored.iter().position(|&k| k == key)
    }

    /// How many offices are in each status.
    pub fn count(&self, status: RowStatus) -> usize {
        self.status.values().filter(|s| **s == status).count()
    }
}
