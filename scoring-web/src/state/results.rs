//! What the current grid scores to: the core's dataset and scorecard, and
//! every problem mapped back to its office and cell.

use std::collections::{BTreeMap, HashMap};
use std::rc::Rc;

use scoring_core::calendar::{CalendarError, parse_date};
use scoring_core::items::{ItemError, ItemLog, ItemProblem, Judgement};
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

/// What became of the item log.
#[derive(Debug, Clone, PartialEq)]
pub enum ItemsState {
    /// A log, but no (valid) period end yet.
    NeedsPeriodEnd,
    /// The log could not be used; typed counts are scored instead.
    Failed {
        /// Calendar files that could not be read.
        calendar: Vec<CalendarError>,
        /// Problems of the log.
        errors: Vec<ItemError>,
    },
    /// The log was used.
    Applied {
        /// Every item judged.
        judgement: Box<Judgement>,
        /// Offices of the log not in the grid, and typed counts that
        /// disagree with it (those offices are left out).
        errors: Vec<ItemError>,
    },
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
    /// The item log's state, when the assessment has one.
    pub items: Option<ItemsState>,
    /// Blank cells filled from the item log: office key, input id → count.
    pub from_log: HashMap<(u64, String), String>,
    /// Typed cells the item log contradicts.
    pub log_conflicts: HashMap<(u64, String), ItemProblem>,
    /// Typed counts that differ from the item log where the assessor chose
    /// which stand: office key, input id → the log's count and the choice.
    pub log_chosen: HashMap<(u64, String), (u32, scoring_core::items::CountsChoice)>,
    /// Blank cells filled from an assessment drawn on: office key, input
    /// id → its published total.
    pub from_source: HashMap<(u64, String), String>,
    /// Each of the rubric's sources: the assessment linked to it, if any.
    pub sources: Vec<SourceState>,
}

/// One of the rubric's sources (another assessment's totals as an input)
/// and the assessment that fills it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceState {
    /// The input filled.
    pub input: String,
    /// The other rubric's id.
    pub rubric: String,
    /// The assessment linked (its id and title), when one is.
    pub linked: Option<(u64, String)>,
}

/// An assessment drawn on, scored: its id, title, rubric and scorecard.
#[derive(Debug, Clone)]
pub struct Drawn {
    /// The assessment's id.
    pub id: u64,
    /// Its title.
    pub title: String,
    /// Its rubric.
    pub rubric: Rc<Rubric>,
    /// Its scores.
    pub card: Scorecard,
}

impl Results {
    /// Scores an assessment's grid with `rubric`, drawing on nothing.
    pub fn compute(assessment: &Assessment, rubric: Rc<Rubric>) -> Results {
        Results::compute_with(assessment, rubric, &[])
    }

    /// Scores an assessment's grid with `rubric`, its sources' inputs
    /// filled from the assessments `drawn` on (blank cells take their
    /// totals; a typed value that differs, or an office they lack, is a
    /// problem at its cell).
    pub fn compute_with(assessment: &Assessment, rubric: Rc<Rubric>, drawn: &[Drawn]) -> Results {
        let mut table = assessment.to_table(&rubric);
        let mut from_log = HashMap::new();
        let mut log_chosen = HashMap::new();
        let mut log_conflicts = HashMap::new();
        let items = assessment.item_log.as_ref().map(|log| {
            let Some(end) = parse_date(&assessment.period_end) else {
                return ItemsState::NeedsPeriodEnd;
            };
            let mut calendar = rubric.calendar();
            let mut calendar_errors = Vec::new();
            for file in &assessment.calendars {
                if let Err(e) = calendar.add_holiday_cn_json(&file.file_name, &file.text) {
                    calendar_errors.push(e);
                }
            }
            let judged = ItemLog::from_table(&rubric, &log.to_table())
                .and_then(|l| l.judge(&rubric, &calendar, end))
                .and_then(|j| {
                    j.fill_table_choosing(&rubric, &table, &|office| {
                        assessment.counts_choice_for(office)
                    })
                    .map(|f| (j, f))
                });
            match judged {
                Err(e) => ItemsState::Failed {
                    calendar: calendar_errors,
                    errors: e.errors,
                },
                Ok((judgement, (filled, errors))) => {
                    // Which blank cells the log filled, and which typed ones
                    // it contradicts.
                    for &leaf in &judgement.leaves() {
                        if let Some(scoring_core::method::Method::AnswerRate(a)) =
                            rubric.leaf(leaf).method()
                        {
                            for office in &assessment.offices {
                                let c = judgement.counts(&office.name, leaf);
                                for (input, n) in [
                                    (&a.asked, c.asked),
                                    (&a.answered, c.answered),
                                    (&a.late, c.late),
                                ] {
                                    let typed = office.cell(&input.id).trim();
                                    if typed.is_empty() {
                                        from_log
                                            .insert((office.key, input.id.clone()), n.to_string());
                                    } else if let Some(choice) =
                                        assessment.counts_choice_for(&office.name)
                                        && rubric
                                            .input(&input.id)
                                            .and_then(|(ix, _)| rubric.read_cell(ix, typed).ok())
                                            != Some(scoring_core::rubric::CellValue::Value(
                                                n.into(),
                                            ))
                                    {
                                        // A choice made: shown at the cell.
                                        log_chosen
                                            .insert((office.key, input.id.clone()), (n, choice));
                                    }
                                }
                            }
                        }
                    }
                    for e in &errors {
                        if let (ItemProblem::CountsDisagree { input, .. }, Some(line)) =
                            (&e.problem, e.line)
                            && let Some(office) = assessment.office_at_line(line)
                        {
                            log_conflicts.insert((office.key, input.clone()), e.problem.clone());
                        }
                    }
                    table = filled;
                    ItemsState::Applied {
                        judgement: Box::new(judgement),
                        errors,
                    }
                }
            }
        });
        // The sources' inputs, from the assessments linked.
        let mut from_source = HashMap::new();
        let mut source_errors = Vec::new();
        let sources: Vec<SourceState> = rubric
            .sources()
            .iter()
            .map(|s| {
                let linked = assessment
                    .sources
                    .iter()
                    .find(|(r, _)| *r == s.rubric)
                    .and_then(|(_, id)| drawn.iter().find(|d| d.id == *id));
                if let Some(d) = linked {
                    for office in &assessment.offices {
                        if office.cell(&s.input.id).trim().is_empty()
                            && let Some(o) = d.card.find(office.name.trim())
                        {
                            from_source
                                .insert((office.key, s.input.id.clone()), o.total().to_string());
                        }
                    }
                }
                SourceState {
                    input: s.input.id.clone(),
                    rubric: s.rubric.clone(),
                    linked: linked.map(|d| (d.id, d.title.clone())),
                }
            })
            .collect();
        if sources.iter().any(|s| s.linked.is_some()) {
            let scored: Vec<(&Rubric, &Scorecard)> =
                drawn.iter().map(|d| (d.rubric.as_ref(), &d.card)).collect();
            let (filled, errors) = scoring_core::compose::fill_lenient(&rubric, &table, &scored);
            table = filled;
            // A source not linked leaves its cells as typed: blank ones
            // are said to be blank below.
            source_errors = errors
                .into_iter()
                .filter(|e| e.line.is_some())
                .collect::<Vec<_>>();
            // Those offices are left out, never scored on a value the
            // assessment drawn on contradicts.
            let lines: Vec<Option<u32>> = source_errors.iter().map(|e| e.line).collect();
            table.rows.retain(|r| !lines.contains(&Some(r.line)));
        }
        // The header is generated from the rubric, so the only refusal is
        // an empty grid.
        let (data, mut errors) = Dataset::from_table_lenient(&rubric, &table)
            .unwrap_or_else(|_| (Dataset::empty(&rubric), Vec::new()));
        // A dataset read for this rubric always scores.
        let card = score(&rubric, &data)
            .or_else(|_| score(&rubric, &Dataset::empty(&rubric)))
            .expect("an empty dataset scores");

        // A typed value the source contradicts, an office it lacks: at
        // the cell, before anything the dataset says of it.
        for e in source_errors.into_iter().rev() {
            errors.retain(|d| !(d.line == e.line && d.input == e.input));
            errors.insert(0, e);
        }
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
            .items()
            .filter_map(|o| o.line.and_then(|l| assessment.office_at_line(l)))
            .map(|o| o.key)
            .collect();
        let scored_set: std::collections::HashSet<u64> = scored.iter().copied().collect();
        let status = assessment
            .offices
            .iter()
            .map(|o| {
                let s = if scored_set.contains(&o.key) {
                    RowStatus::Scored
                } else if only_blank.get(&o.key) == Some(&true) {
                    RowStatus::Incomplete
                } else {
                    RowStatus::Excluded
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
            items,
            from_log,
            log_chosen,
            log_conflicts,
            from_source,
            sources,
        }
    }

    /// An office's values where it is scored on other than its typed
    /// cells, by input id: a blank filled (from the item log, from an
    /// assessment drawn on), or the log's count chosen over the typed one.
    /// What its submitted values are compared with
    /// ([`scoring_formats::forms::reviewed_differences`]).
    pub fn scored_cells(&self, office: &super::OfficeRow) -> BTreeMap<String, String> {
        let mut out = BTreeMap::new();
        for input in self.rubric.inputs().items() {
            let k = (office.key, input.id.clone());
            let value = match self.log_chosen.get(&k) {
                Some((n, scoring_core::items::CountsChoice::Log)) => Some(n.to_string()),
                Some(_) => None,
                None => self.from_log.get(&k).or(self.from_source.get(&k)).cloned(),
            };
            if let Some(v) = value {
                out.insert(input.id.clone(), v);
            }
        }
        out
    }

    /// The item log's count for an office's answer-rate input (asked,
    /// answered or late), when the log is used: what a value typed or
    /// merged for it is held against.
    pub fn log_count(&self, office: &str, input: &str) -> Option<u32> {
        let Some(ItemsState::Applied { judgement, .. }) = &self.items else {
            return None;
        };
        judgement.count_of(&self.rubric, office, input)
    }

    /// An office's cell as scored: as typed, or where blank what fills it
    /// (the item log's count, the total of an assessment drawn on).
    pub fn shown_cell<'a>(&'a self, office: &'a super::OfficeRow, id: &str) -> &'a str {
        let typed = office.cell(id);
        if !typed.trim().is_empty() {
            return typed;
        }
        let k = (office.key, id.to_string());
        self.from_log
            .get(&k)
            .or_else(|| self.from_source.get(&k))
            .map(String::as_str)
            .unwrap_or(typed)
    }

    /// An office's place in the scorecard, if it was scored.
    pub fn scored_index(&self, key: u64) -> Option<scoring_core::OfficeIx> {
        let k = self.scored.iter().position(|&k| k == key)?;
        Some(self.card.office_at(k)?.ix())
    }

    /// The names of the assessment's offices left out of the results
    /// (with errors, or not filled in yet), in grid order.
    pub fn left_out(&self, assessment: &Assessment) -> Vec<String> {
        assessment
            .offices
            .iter()
            .filter(|o| {
                self.status
                    .get(&o.key)
                    .is_some_and(|s| *s != RowStatus::Scored)
            })
            .map(|o| {
                if o.name.trim().is_empty() {
                    "—".to_string()
                } else {
                    o.name.trim().to_string()
                }
            })
            .collect()
    }

    /// The names of the offices left out for errors (not for blank
    /// cells), in grid order, for a message: the first `most`, then `…`.
    pub fn excluded_names(
        &self,
        assessment: &Assessment,
        most: usize,
        lang: scoring_core::Lang,
    ) -> String {
        let names: Vec<String> = assessment
            .offices
            .iter()
            .filter(|o| self.status.get(&o.key) == Some(&RowStatus::Excluded))
            .map(|o| {
                if o.name.trim().is_empty() {
                    "—".to_string()
                } else {
                    o.name.trim().to_string()
                }
            })
            .collect();
        let mut out = names
            .iter()
            .take(most)
            .cloned()
            .collect::<Vec<_>>()
            .join(lang.pick("、", ", "));
        if names.len() > most {
            out.push_str(lang.pick("等", " …"));
        }
        out
    }

    /// How many offices are in each status.
    pub fn count(&self, status: RowStatus) -> usize {
        self.status.values().filter(|s| **s == status).count()
    }

    /// Whether the results are provisional: some office is left out (a
    /// bad cell, counts the item log contradicts, cells not filled in),
    /// so that every place may still move.
    pub fn provisional(&self) -> bool {
        self.status.values().any(|s| *s != RowStatus::Scored)
    }

    /// The offices left out, in grid order, each with why: the cells at
    /// fault (input or text column id, `""` for the name, and the problem
    /// in `lang`), or, for an office not filled in, its blank cells' count
    /// and the first of them.
    pub fn left_out_why(&self, assessment: &Assessment, lang: scoring_core::Lang) -> Vec<LeftOut> {
        let ids: Vec<String> = self
            .rubric
            .inputs()
            .map(|(_, i)| i.id.clone())
            .chain(self.rubric.text_columns().map(|(_, c)| c.id.clone()))
            .collect();
        let mut out = Vec::new();
        for o in &assessment.offices {
            let status = self
                .status
                .get(&o.key)
                .copied()
                .unwrap_or(RowStatus::Scored);
            if status == RowStatus::Scored {
                continue;
            }
            let mut cells: Vec<(String, String)> = Vec::new();
            let mut blanks: Vec<String> = Vec::new();
            if let Some(p) = self.office_problems.get(&o.key) {
                cells.push((String::new(), p.message(lang)));
            }
            for id in &ids {
                let k = (o.key, id.clone());
                match self.cell_problems.get(&k) {
                    Some(DataProblem::Blank) => blanks.push(id.clone()),
                    Some(p) => cells.push((id.clone(), p.message(lang))),
                    None => {}
                }
                if let Some(p) = self.log_conflicts.get(&k) {
                    cells.push((id.clone(), p.message(lang)));
                }
            }
            out.push(LeftOut {
                office: o.key,
                name: o.name.trim().to_string(),
                cells,
                blanks,
            });
        }
        out
    }
}

/// An office left out of the results, and why ([`Results::left_out_why`]).
#[derive(Debug, Clone, PartialEq)]
pub struct LeftOut {
    /// The office's key.
    pub office: u64,
    /// Its name, as typed.
    pub name: String,
    /// The cells at fault: the column's id (`""`: the name) and the
    /// problem, in words.
    pub cells: Vec<(String, String)>,
    /// Its blank cells, by column id.
    pub blanks: Vec<String>,
}
