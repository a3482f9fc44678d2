//! The page's state: a pure value changed only by [`Action`]s through
//! [`AppState::apply`] (Yew's reducer pattern, as in its todomvc example).
//!
//! Nothing here touches the DOM, storage or the clock: times come in with
//! the actions (`now`), so every transition is unit-tested natively.

pub mod assessment;
pub mod filling;
pub mod grid;
pub mod import;
pub mod library;
pub mod results;

use std::rc::Rc;

use scoring_core::{Lang, RubricErrors, Table};
use scoring_formats::assessment::{self as assessment_file, AssessmentFile};
use yew::Reducible;

pub use assessment::{Assessment, CalendarFile, LogFile, OfficeRow, split_block};
pub use filling::{FillRefused, Filling};
pub use grid::{ColumnSummary, GridSort, GridView, SortColumn};
pub use import::{DataFile, ImportBlocked, ImportPreview};
pub use library::{Library, RubricEntry};
pub use results::{ItemsState, Results, RowStatus};

use crate::i18n::{fill, tr};

/// The worked example: six offices under the bundled Shandong 2017 rubric.
pub const EXAMPLE_CSV: &str = include_str!("../../../tests/fixtures/dept6.csv");

/// The worked example's item log: the six offices' consultations and
/// requests with their dates, which give the example's answer-rate counts
/// with the period ending on [`EXAMPLE_PERIOD_END`].
pub const EXAMPLE_ITEMS: &str = include_str!("../../../tests/fixtures/dept6-items.csv");

/// The last day of the worked example's item log's period.
pub const EXAMPLE_PERIOD_END: &str = "2026-12-20";

/// How many undo steps are kept.
const HISTORY_LIMIT: usize = 200;

/// The main views of the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum View {
    /// The entry grid.
    #[default]
    Data,
    /// Ranking, chart, explanations.
    Results,
    /// The item log: each office's items, late ones marked.
    Items,
    /// The rubric as a tree.
    Rubric,
    /// Two rubrics compared on the current assessment.
    Compare,
    /// Saved assessments.
    Assessments,
    /// The printable ranking.
    Print,
}

impl View {
    /// The view's name (the tabs' `data-view`, what a tab keeps across a
    /// reload).
    pub fn name(self) -> &'static str {
        match self {
            View::Data => "data",
            View::Results => "results",
            View::Items => "items",
            View::Rubric => "rubric",
            View::Compare => "compare",
            View::Assessments => "assessments",
            View::Print => "print",
        }
    }

    /// Every view.
    pub const ALL: [View; 7] = [
        View::Data,
        View::Results,
        View::Items,
        View::Rubric,
        View::Compare,
        View::Assessments,
        View::Print,
    ];

    /// The view of a name, `None` for no view's.
    pub fn parse(name: &str) -> Option<View> {
        View::ALL.into_iter().find(|v| v.name() == name)
    }
}

impl Notice {
    /// Whether it speaks of the assessment open (an import, an undo, its
    /// approval…): it goes when another is opened.
    pub fn of_the_assessment(&self) -> bool {
        matches!(
            self,
            Notice::Imported(_)
                | Notice::UndoneElsewhere { .. }
                | Notice::ImportUndone(..)
                | Notice::FileSaved(_)
                | Notice::PasteClipped(_)
                | Notice::ExportedPartial { .. }
                | Notice::Locked
                | Notice::Reopened
                | Notice::CannotApprove { .. }
                | Notice::FormsSent(_)
                | Notice::FormsMerged { .. }
                | Notice::TypedNotScored { .. }
                | Notice::OfferFile
        )
    }

    /// Whether the notice only reports a thing done (an import, a file
    /// saved or opened, forms written, a rubric loaded…): it goes once the
    /// assessor makes another change, so that such reports do not pile up
    /// above the grid. Warnings and questions stay until answered or
    /// dismissed.
    pub fn goes_with_next_step(&self) -> bool {
        matches!(
            self,
            Notice::Imported(_)
                | Notice::ImportUndone(..)
                | Notice::FormsMerged { .. }
                | Notice::UndoneElsewhere { .. }
                | Notice::FileSaved(_)
                | Notice::FileOpened(_)
                | Notice::FormsSent(_)
                | Notice::RubricLoaded(_)
                | Notice::Reopened
                | Notice::MergedOtherTab
                | Notice::PasteClipped(_)
                | Notice::FillResumed(_)
        )
    }
}

/// A message shown until dismissed.
#[derive(Debug, Clone, PartialEq)]
pub enum Notice {
    /// An import was done (undo reverts it).
    Imported(String),
    /// An undo (or redo) changed a cell while the grid was not shown: the
    /// office and the column's label (the name's when renamed).
    UndoneElsewhere {
        /// A redo rather than an undo.
        redo: bool,
        /// The office.
        office: String,
        /// The column's label, in the page's language.
        label: String,
        /// How many other cells the step changed (a merge, an import).
        more: usize,
    },
    /// An import undone (the file, how many values it had changed).
    ImportUndone(String, usize),
    /// Saving to browser storage failed.
    StorageFailed(String),
    /// Browser storage is full: nothing already saved was lost, the latest
    /// changes are not saved there; save the assessment as a file.
    StorageFull,
    /// Saved data this page cannot read is kept under `key`, never
    /// deleted or overwritten, and offered as a download.
    KeptAside {
        /// The storage key holding it.
        key: String,
        /// Why it could not be read.
        why: Kept,
    },
    /// This page does not save to browser storage in this session: saved
    /// data it cannot read (under `key`) could not be kept aside, or was
    /// saved by a newer version of the page, which it leaves alone.
    SavingOff {
        /// The storage key holding what was found.
        key: String,
        /// Why it could not be read.
        why: Kept,
    },
    /// Another tab of this page saved changes that clash with this one's
    /// unsaved changes (the same cells, differently): the assessor
    /// chooses.
    ChangedElsewhere(Vec<crate::persist::Clash>),
    /// Another tab saved changes, and this one now shows them: the cells
    /// of the current assessment that changed.
    FollowedOtherTab(Vec<CellEdit>),
    /// Another tab saved changes, merged with this one's (no cell changed
    /// on both sides).
    MergedOtherTab,
    /// An assessment was saved as a file.
    FileSaved(String),
    /// An assessment file was opened, as a new assessment.
    FileOpened(String),
    /// An assessment file was refused.
    FileRefused(scoring_formats::assessment::AssessmentError),
    /// Results were exported while the assessment has changes no file
    /// holds: the assessment file is offered too.
    OfferFile,
    /// A saved rubric file could not be read.
    DroppedRubric(String),
    /// A rubric file was loaded and now scores the current assessment.
    RubricLoaded(String),
    /// An export failed.
    ExportFailed(String),
    /// A new version of the page is ready: used from the next reload
    /// (this one keeps running as it is).
    UpdateReady,
    /// A pasted block was wider than the grid: this many cells were
    /// beyond its last column and not pasted.
    PasteClipped(usize),
    /// Results were exported while some offices were left out of them.
    ExportedPartial {
        /// The file written.
        file: String,
        /// The offices left out.
        left_out: Vec<String>,
    },
    /// A file could not be read.
    FileUnreadable(scoring_formats::FormatError),
    /// A calendar file was refused.
    CalendarRejected(scoring_core::calendar::CalendarError),
    /// The XLSX module could not be fetched or started (what the browser
    /// said): no workbook can be read or written until it can.
    XlsxUnavailable(String),
    /// The assessment is approved: the edit was not made.
    Locked,
    /// The approved assessment was reopened: it can be changed again.
    Reopened,
    /// The assessment cannot be approved yet: offices left out of the
    /// results, reviewed values without a reason.
    CannotApprove {
        /// Offices left out.
        left_out: usize,
        /// Differences from what offices submitted with no reason.
        unexplained: usize,
        /// The offices: those left out, then those with differences
        /// without a reason (names, for the message).
        offices: (Vec<String>, Vec<String>),
    },
    /// Entry forms were written for every office, in one zip (how many).
    FormsSent(usize),
    /// A file opened to fill in as an office's form was refused.
    FillRefused(FillRefused),
    /// The form opened again is the one being filled in, with unsaved
    /// changes: they are kept (the file's name).
    FillResumed(String),
    /// An assessment file opened while the list holds the same
    /// assessment: replace it, or open a copy beside it.
    AlreadyOpen {
        /// The file.
        file: String,
        /// The title of the one in the list.
        title: String,
        /// Whether the one in the list has changes no file holds.
        unsaved: bool,
        /// The one in the list and the file's, so that the assessor can
        /// tell them apart (titles may be alike): (offices, last changed,
        /// as `now` gives it).
        list: (usize, String),
        /// The same of the file.
        in_file: (usize, String),
    },
    /// An assessment in the list was replaced by the file of it opened.
    FileReplaced {
        /// The file.
        file: String,
        /// The title the list's had.
        title: String,
    },
    /// A workbook was opened as an assessment file (its name).
    WorkbookNotAssessment(String),
    /// An entry form was imported as a data file (its name).
    FormNotData(String),
    /// An item log imported as data: said, with a button to import it as
    /// the item log instead (the file, kept for that).
    ItemLogNotData(Rc<DataFile>),
    /// An office's filled-in form was saved as a file.
    FillSaved(String),
    /// A count was typed where the choice made scores the item log's.
    TypedNotScored {
        /// The office.
        office: String,
        /// The input's label.
        label: String,
        /// What was typed.
        typed: String,
        /// The log's count, scored.
        log: u32,
        /// The choice is the one for every office, not this office's own.
        for_all: bool,
    },
    /// Returned entry forms were merged (undo takes the merge back).
    FormsMerged {
        /// How many forms.
        forms: usize,
        /// How many cells changed.
        cells: usize,
        /// How many reviewed values now differ from what an office
        /// submitted and have no reason yet.
        unexplained: usize,
    },
}

/// A cell that changed: office, input (or text column) id, before, after.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellEdit {
    /// The office.
    pub office: String,
    /// The input or text column.
    pub input: String,
    /// The text before.
    pub old: String,
    /// The text after.
    pub new: String,
}

/// The cells that differ between two versions of an assessment (matched
/// by office name).
pub fn cell_edits(before: &Assessment, after: &Assessment) -> Vec<CellEdit> {
    let mut out = Vec::new();
    for o in &after.offices {
        let old = before.offices.iter().find(|b| b.name == o.name);
        out.extend(
            row_edits(old.map(|b| &b.cells), &o.cells).map(|(k, old, new)| CellEdit {
                office: o.name.clone(),
                input: k.clone(),
                old,
                new,
            }),
        );
    }
    out
}

/// The cells of one office's row that differ between two versions (`None`:
/// the office is new): key, text before, text after ("" when blank).
fn row_edits<'a>(
    before: Option<&'a std::collections::BTreeMap<String, String>>,
    after: &'a std::collections::BTreeMap<String, String>,
) -> impl Iterator<Item = (&'a String, String, String)> {
    let keys: std::collections::BTreeSet<&String> = before
        .into_iter()
        .flat_map(|b| b.keys())
        .chain(after.keys())
        .collect();
    keys.into_iter().filter_map(move |k| {
        let old = before.and_then(|b| b.get(k)).cloned().unwrap_or_default();
        let new = after.get(k).cloned().unwrap_or_default();
        (old != new).then_some((k, old, new))
    })
}

/// The trail entries for what changed from `before` to `after`: every
/// cell of every office, by `by` (or the office's own source in
/// `by_office`), at `now`. Rows shared between the two versions are
/// skipped without a look inside (a key typed changes one row).
fn trail_entries(
    before: &Assessment,
    after: &Assessment,
    by: &str,
    now: &str,
    by_office: &std::collections::BTreeMap<String, String>,
) -> Vec<scoring_formats::assessment::TrailEntry> {
    let mut out = Vec::new();
    let entry = |office: &str, cell: &str, old: String, new: String| {
        scoring_formats::assessment::TrailEntry {
            at: now.to_string(),
            by: by.to_string(),
            office: office.to_string(),
            cell: cell.to_string(),
            old,
            new,
        }
    };
    // The assessment itself.
    for (cell, old, new) in [
        ("assessment:title", &before.title, &after.title),
        ("assessment:rubric", &before.rubric_key, &after.rubric_key),
        (
            "assessment:period_end",
            &before.period_end,
            &after.period_end,
        ),
    ] {
        if old != new {
            out.push(entry("", cell, old.clone(), new.clone()));
        }
    }
    if before.year != after.year {
        out.push(entry(
            "",
            "assessment:year",
            before.year.to_string(),
            after.year.to_string(),
        ));
    }
    // The item log: imported, replaced, cleared (its file and how many
    // rows of items).
    let log = |a: &Assessment| {
        a.item_log.as_ref().map_or(String::new(), |l| {
            format!("{} ({})", l.file_name, l.rows.len().saturating_sub(1))
        })
    };
    if !match (&before.item_log, &after.item_log) {
        (Some(a), Some(b)) => Rc::ptr_eq(a, b),
        (None, None) => true,
        _ => false,
    } {
        out.push(entry("", "assessment:item_log", log(before), log(after)));
    }
    // Which counts stand where the log and the typed ones disagree, office
    // by office ("" for every office): `log` or `typed`.
    if before.counts_choice != after.counts_choice {
        let word = |c: &scoring_core::items::CountsChoice| match c {
            scoring_core::items::CountsChoice::Log => "log",
            scoring_core::items::CountsChoice::Typed => "typed",
        };
        let find = |a: &Assessment, o: &str| {
            a.counts_choice
                .iter()
                .find(|(x, _)| x == o)
                .map_or("", |(_, c)| word(c))
        };
        let mut offices: Vec<&str> = before
            .counts_choice
            .iter()
            .chain(&after.counts_choice)
            .map(|(o, _)| o.as_str())
            .collect();
        offices.dedup();
        let mut seen: Vec<&str> = Vec::new();
        for o in offices {
            if seen.contains(&o) {
                continue;
            }
            seen.push(o);
            let (old, new) = (find(before, o), find(after, o));
            if old != new {
                out.push(entry(o, "assessment:counts", old.into(), new.into()));
            }
        }
    }
    // Offices removed, added, renamed, moved.
    for row in &before.offices {
        if after.office(row.key).is_none() {
            out.push(entry(
                &row.name,
                "office:name",
                row.name.clone(),
                String::new(),
            ));
        }
    }
    let same_offices = before.offices.len() == after.offices.len()
        && after.offices.iter().all(|o| before.office(o.key).is_some());
    for (i, row) in after.offices.iter().enumerate() {
        match before.offices.iter().position(|o| o.key == row.key) {
            None => out.push(entry(
                &row.name,
                "office:name",
                String::new(),
                row.name.clone(),
            )),
            Some(j) => {
                let name = &before.offices[j].name;
                if *name != row.name {
                    out.push(entry(
                        &row.name,
                        "office:name",
                        name.clone(),
                        row.name.clone(),
                    ));
                }
                if same_offices && i != j {
                    out.push(entry(
                        &row.name,
                        "office:position",
                        (j + 1).to_string(),
                        (i + 1).to_string(),
                    ));
                }
            }
        }
    }
    for row in &after.offices {
        let old = before.offices.iter().find(|o| o.key == row.key);
        if old.is_some_and(|o| Rc::ptr_eq(o, row)) {
            continue;
        }
        let by = by_office.get(&row.name).map_or(by, String::as_str);
        out.extend(
            row_edits(old.map(|o| &o.cells), &row.cells).map(|(k, old, new)| {
                scoring_formats::assessment::TrailEntry {
                    at: now.to_string(),
                    by: by.to_string(),
                    office: row.name.clone(),
                    cell: k.clone(),
                    old,
                    new,
                }
            }),
        );
    }
    out
}

/// Whether an action changes the current assessment's work (refused while
/// it is approved).
fn changes_work(action: &Action) -> bool {
    matches!(
        action,
        Action::LoadExample { .. }
            | Action::LoadExampleItems { .. }
            | Action::EditCell { .. }
            | Action::RenameOffice { .. }
            | Action::AddOffice { .. }
            | Action::AddNamedOffices { .. }
            | Action::RemoveOffice { .. }
            | Action::MoveOffice { .. }
            | Action::Paste { .. }
            | Action::SetTitle { .. }
            | Action::SetYear { .. }
            | Action::SelectRubric { .. }
            | Action::LoadRubricFile { .. }
            | Action::ImportFile(_)
            | Action::ConfirmImport { .. }
            | Action::Undo { .. }
            | Action::Redo { .. }
            | Action::ImportItemLog { .. }
            | Action::PreviewForms(_)
            | Action::ConfirmForms { .. }
            | Action::ClearItemLog { .. }
            | Action::SetPeriodEnd { .. }
            | Action::LoadCalendarFile { .. }
            | Action::RemoveCalendarFile { .. }
            | Action::ChooseCounts { .. }
            | Action::LinkSource { .. }
    )
}

/// How many typed values differ between two versions (not the evidence
/// and form records merged forms keep beside them).
fn value_edits(before: &Assessment, after: &Assessment) -> usize {
    cell_edits(before, after)
        .iter()
        .filter(|e| !e.input.contains(':'))
        .count()
}

/// Why saved data was not read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kept {
    /// Not a saved state: corrupt, or not this page's (the reader's words).
    Unreadable(String),
    /// Saved by a newer version of the page, in this format.
    Newer(u32),
    /// Named by the saved state, but not there.
    Missing,
}

/// A question the page asks in a dialog of its own (not the browser's
/// `confirm` and `prompt` boxes) before it does something; the dialog
/// (`components::ask`) dispatches the action once answered.
#[derive(Debug, Clone, PartialEq)]
pub enum Ask {
    /// Approve the assessment: the question, with what it should know.
    Approve(String),
    /// Reopen the approved assessment: a reason is required.
    Reopen,
    /// Use another rubric (its library key) over the data.
    SelectRubric {
        /// The rubric's library key.
        key: String,
        /// The question, with what the change does.
        question: String,
    },
    /// Remove an office (its key), named in the question.
    RemoveOffice {
        /// The office's key.
        office: u64,
        /// The question.
        question: String,
    },
    /// Close an office's form not saved as a file.
    CloseFill,
}

/// State that only concerns what is shown.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Ui {
    /// The view shown.
    pub view: View,
    /// The office whose detail is open (by key).
    pub office: Option<u64>,
    /// The leaf whose all-offices view is open.
    pub indicator: Option<scoring_core::LeafIx>,
    /// An import waiting for confirmation, or refused.
    pub import: Option<Result<ImportPreview, ImportBlocked>>,
    /// A rubric file that failed to load, with its problems.
    pub rubric_errors: Option<(String, RubricErrors)>,
    /// An assessment waiting for delete confirmation.
    pub confirm_delete: Option<u64>,
    /// A question asked in the page before something is done.
    pub ask: Option<Ask>,
    /// The rubrics compared (library keys): old, new.
    pub compare: (Option<String>, Option<String>),
    /// The office whose reasons are open in the comparison.
    pub compare_office: Option<String>,
    /// The ranking's groups opened to show their children's columns: kept
    /// while the assessor goes to another view and back.
    pub ranking_open: Vec<scoring_core::GroupIx>,
    /// Whether the welcome panel was dismissed.
    pub welcome_dismissed: bool,
    /// Messages shown until dismissed.
    pub notices: Vec<Notice>,
    /// How the grid shows the offices (a sort, a search).
    pub grid: GridView,
    /// Where the last undo or redo changed the grid (an office, and the
    /// input or text column, `""` for the name), and how many undos and
    /// redos there have been: the grid goes to that cell, so that nothing
    /// changes out of sight.
    pub undone_at: (u64, Option<(u64, String)>),
    /// The last import: its file and the depth of the undo history just
    /// after it, so that the undo that takes it back says so.
    pub last_import: Option<(String, usize)>,
    /// A cell the grid is asked to go to (from the results' list of
    /// offices left out): the office and the column id (`""`: the name).
    /// The grid clears it once there.
    pub go_to: Option<(u64, String)>,
    /// The XLSX module is being fetched (the first workbook read or
    /// written): the page says so.
    pub xlsx_loading: bool,
    /// Returned entry forms waiting to be merged: what they would do, and
    /// whether what it flags was confirmed.
    pub forms: Option<(scoring_formats::forms::Collection, bool)>,
    /// An assessment file opened while the list holds the same assessment
    /// (the same id): waiting for the assessor's choice.
    pub opening: Option<Rc<(String, AssessmentFile)>>,
}

impl Ui {
    /// Shows `notice`, in place of an earlier one of the same kind: the
    /// latest import, file opened or form saved is said once, not piled
    /// up (a notice with more to say than its kind, such as data kept
    /// aside at start, is pushed as it is).
    pub fn notify(&mut self, notice: Notice) {
        let kind = std::mem::discriminant(&notice);
        self.notices.retain(|n| std::mem::discriminant(n) != kind);
        self.notices.push(notice);
    }
}

/// Undo and redo of the current assessment.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct History {
    undo: Vec<Rc<Assessment>>,
    redo: Vec<Rc<Assessment>>,
    /// The cell last edited: further typing in it is one undo step.
    typing_in: Option<(u64, String)>,
}

impl History {
    /// Whether there is something to undo.
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }
    /// Whether there is something to redo.
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }
    /// The versions undo and redo go back to, each as a stack (the last
    /// is the next one).
    pub fn stacks(&self) -> (&[Rc<Assessment>], &[Rc<Assessment>]) {
        (&self.undo, &self.redo)
    }
    /// A history with these stacks (read back after a reload).
    pub fn restored(undo: Vec<Rc<Assessment>>, redo: Vec<Rc<Assessment>>) -> History {
        History {
            undo,
            redo,
            typing_in: None,
        }
    }
}

/// Everything the page shows.
#[derive(Debug, Clone)]
pub struct AppState {
    /// The language of the page.
    pub lang: Lang,
    /// Rubrics available.
    pub library: Rc<Library>,
    /// Every saved assessment (the current one included). Shared, so that
    /// copying the state for each action copies pointers, not grids.
    pub assessments: Vec<Rc<Assessment>>,
    /// The index of the current assessment.
    pub current: usize,
    /// Undo/redo of the current assessment.
    pub history: History,
    /// What the current grid scores to.
    pub results: Rc<Results>,
    /// What is shown.
    pub ui: Ui,
    /// The next key for an office or assessment.
    pub next_key: u64,
    /// What the next change is by, for its trail ("" the assessor): set by
    /// an action just before its change, taken by it.
    change_by: String,
    /// The same, per office (a merge of forms: each office's own form).
    change_by_office: std::collections::BTreeMap<String, String>,
    /// An office's own entry form being filled in (the page then shows
    /// only it): apart from the assessments, kept as a draft of its own.
    pub filling: Option<Rc<Filling>>,
}

/// Equality as Yew needs it (context and effect dependencies): shared
/// parts compare by pointer, so a comparison never walks a whole grid or
/// scorecard. Results are derived from the rest and compare by pointer only.
impl PartialEq for AppState {
    fn eq(&self, other: &Self) -> bool {
        self.lang == other.lang
            && self.current == other.current
            && self.next_key == other.next_key
            && Rc::ptr_eq(&self.results, &other.results)
            && (Rc::ptr_eq(&self.library, &other.library) || self.library == other.library)
            && self.assessments == other.assessments
            && self.history == other.history
            && self.ui == other.ui
            && match (&self.filling, &other.filling) {
                (Some(a), Some(b)) => Rc::ptr_eq(a, b),
                (a, b) => a.is_none() && b.is_none(),
            }
    }
}

/// Everything that can happen to the state.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Switch language.
    SetLang(Lang),
    /// Close the welcome panel.
    DismissWelcome,
    /// Replace the current grid with the worked example.
    LoadExample { now: String },
    /// Load the worked example with its item log and period end.
    LoadExampleItems { now: String },
    /// Type into a cell.
    EditCell {
        office: u64,
        input: String,
        text: String,
        now: String,
    },
    /// Rename an office.
    RenameOffice {
        office: u64,
        name: String,
        now: String,
    },
    /// Add an office at the end.
    AddOffice { now: String },
    /// Add offices by name (an item log's offices the grid lacks), in one
    /// step; names already in the grid are skipped.
    AddNamedOffices { names: Vec<String>, now: String },
    /// Remove an office.
    RemoveOffice { office: u64, now: String },
    /// Move an office up (−1) or down (+1).
    MoveOffice {
        office: u64,
        delta: i32,
        now: String,
    },
    /// Paste a block copied from a spreadsheet, its top-left cell in
    /// column `column` (0 = the name column, 1… = the inputs, then the
    /// text columns) of the office `rows[0]`: its rows go to the offices
    /// `rows` lists (those the grid shows from there down, in the order
    /// shown), and to new offices past the last.
    Paste {
        rows: Vec<u64>,
        column: usize,
        text: String,
        now: String,
    },
    /// Show the grid sorted and searched (a view: the data is unchanged).
    /// `by_name` lists the offices' keys in the order the browser collates
    /// their names.
    SetGridView {
        sort: Option<GridSort>,
        search: String,
        by_name: Vec<u64>,
    },
    /// Retitle the current assessment.
    SetTitle { title: String, now: String },
    /// Change the current assessment's year.
    SetYear { year: i32, now: String },
    /// Score the current assessment with another rubric.
    SelectRubric { key: String, now: String },
    /// Load a rubric file (validated; selected if valid).
    LoadRubricFile {
        file_name: String,
        text: String,
        now: String,
    },
    /// Close the rubric errors.
    DismissRubricErrors,
    /// Add a rubric file to the library only (for comparing), and put it
    /// on the `new` side of the comparison.
    AddRubricFile { file_name: String, text: String },
    /// Choose the rubrics compared.
    SetCompare {
        old: Option<String>,
        new: Option<String>,
    },
    /// Open (or close) an office's reasons in the comparison.
    SelectCompareOffice(Option<String>),
    /// Open or close a group's columns in the ranking.
    ToggleRankingGroup(scoring_core::GroupIx),
    /// Preview the import of a data file.
    ImportFile(DataFile),
    /// Do the previewed import.
    ConfirmImport { now: String },
    /// Drop the previewed import.
    CancelImport,
    /// In the import preview: keep a value as it is (or take the file's).
    ImportKeep {
        office: String,
        input: String,
        keep: bool,
    },
    /// In the import preview: keep every value the file would change (or
    /// take them all).
    ImportKeepAll(bool),
    /// In the import preview: whether the offices the file lacks stay.
    ImportKeepOthers(bool),
    /// Undo the last change to the grid.
    Undo {
        /// When (the trail's time of what it changed back).
        at: String,
    },
    /// Redo what was undone.
    Redo {
        /// When.
        at: String,
    },
    /// Import an item log (CSV or XLSX) into the current assessment.
    ImportItemLog { file: DataFile, now: String },
    /// The XLSX module is being fetched (`true`), or is there or failed.
    XlsxLoading(bool),
    /// Returned entry forms, read (each file's name and what reading gave):
    /// preview the merge.
    PreviewForms(Vec<scoring_formats::forms::ReturnedFile>),
    /// An office opens its own entry form to fill in (the file's name and
    /// what reading its first sheet gave).
    OpenFill {
        /// The file's name.
        file: String,
        /// Its first sheet.
        table: Result<scoring_core::Table, scoring_formats::FormatError>,
    },
    /// A draft of a form being filled in, from browser storage.
    ResumeFill(Rc<Filling>),
    /// The office types a value into its form.
    FillValue {
        /// The input's id.
        input: String,
        /// What is typed.
        text: String,
    },
    /// The office gives evidence for an input.
    FillEvidence {
        /// The input's id.
        input: String,
        /// The note or link.
        text: String,
    },
    /// The filled-in form was saved as a file (under this name).
    FillSaved(String),
    /// Stop filling in the form (its draft is dropped).
    CloseFill,
    /// Approve (审定) the current assessment: no edits until it is
    /// reopened; its data and results fingerprinted.
    Approve { now: String },
    /// Reopen an approved assessment, with the reason (required).
    Reopen { reason: String, now: String },
    /// Fix the current assessment's id on its entry forms (when its forms
    /// are first sent): renaming it later does not change it.
    SetFormId(String),
    /// Forms were written for every office: how many, and when (kept in
    /// the trail).
    FormsSent {
        /// The assessment they were sent for (the list may have moved on
        /// while the zip was written).
        id: u64,
        /// How many forms.
        count: usize,
        /// When.
        now: String,
    },
    /// Confirm what the preview flagged (two forms for one office, fixed
    /// parts changed).
    AcceptFlaggedForms(bool),
    /// In the forms' preview: keep the assessor's value of an office's
    /// input as the reviewed one (or take the office's).
    KeepFormValue {
        office: String,
        input: String,
        keep: bool,
    },
    /// Merge the previewed forms (one undo step).
    ConfirmForms { now: String },
    /// Drop the forms' preview.
    CancelForms,
    /// Drop the current assessment's item log.
    ClearItemLog { now: String },
    /// Set the last day of the assessment period.
    SetPeriodEnd { text: String, now: String },
    /// Add a calendar file (a year not bundled).
    LoadCalendarFile {
        file_name: String,
        text: String,
        now: String,
    },
    /// Remove a calendar file.
    RemoveCalendarFile { file_name: String, now: String },
    /// Which counts stand where typed counts disagree with the item log:
    /// for `office` (by name), or for every office (`None`); `choice`
    /// `None` takes the choice back.
    ChooseCounts {
        office: Option<String>,
        choice: Option<scoring_core::items::CountsChoice>,
        now: String,
    },
    /// Links the assessment `assessment` (or none) to the current one's
    /// source of rubric `rubric`: its totals fill that input.
    LinkSource {
        rubric: String,
        assessment: Option<u64>,
        now: String,
    },
    /// Start a new assessment.
    NewAssessment { year: i32, now: String },
    /// Open another saved assessment.
    OpenAssessment(u64),
    /// Copy an assessment.
    DuplicateAssessment { id: u64, now: String },
    /// Ask to delete an assessment.
    RequestDelete(u64),
    /// Delete the assessment asked about.
    ConfirmDelete,
    /// Keep it after all.
    CancelDelete,
    /// Show a view.
    SetView(View),
    /// Show the grid at a cell: an office and a column id (`""`: the
    /// name).
    GoToCell { office: u64, input: String },
    /// The grid is at the cell asked for.
    WentToCell,
    /// Open (or close) an office's detail.
    SelectOffice(Option<u64>),
    /// Open (or close) an indicator's all-offices view.
    SelectIndicator(Option<scoring_core::LeafIx>),
    /// The assessment `id` was saved to a file as it was at `revision`.
    SavedToFile { id: u64, revision: u64 },
    /// Open an assessment file, as a new assessment.
    OpenAssessmentFile {
        file_name: String,
        bytes: Vec<u8>,
        now: String,
    },
    /// What to do with an assessment file the list already holds (by its
    /// id): `true` replaces the one in the list with the file, `false`
    /// opens it beside it as a copy.
    ResolveOpening { replace: bool, now: String },
    /// Show what is saved in browser storage (another tab's changes),
    /// keeping the view.
    Replace(Box<AppState>),
    /// Take back the office just added by Enter at the end of the grid,
    /// when it is left untouched (as a spreadsheet's empty row below the
    /// last is not a row of data): as if it had never been added, no undo
    /// step and nothing in the trail. Nothing when it was touched.
    DiscardNewOffice {
        /// The office's key.
        office: u64,
    },
    /// Ask a question in the page (`None`: the question answered or
    /// cancelled).
    Ask(Option<Ask>),
    /// Show a notice.
    Notify(Notice),
    /// Dismiss the notice at this position.
    DismissNotice(usize),
    /// Take a notice away (its cause is gone).
    ClearNotice(Notice),
}

impl AppState {
    /// A fresh state: one empty assessment for `year` under the default
    /// rubric.
    pub fn new(lang: Lang, year: i32, now: &str) -> AppState {
        let library = Library::bundled();
        let rubric_key = library.default_key();
        let assessment = Assessment {
            id: 1,
            title: fill(tr(lang).default_title, &[("year", &year.to_string())]),
            year,
            rubric_key,
            offices: Vec::new(),
            updated: now.to_string(),
            period_end: String::new(),
            item_log: None,
            calendars: Vec::new(),
            revision: 0,
            file_saved: None,
            sources: Vec::new(),
            counts_choice: Vec::new(),
            // Every assessment has its id from the start: a file saved of
            // it and opened again is known as the same assessment.
            form_id: scoring_formats::forms::new_id(&["", &year.to_string(), now]),
            approval: None,
            reopened: Vec::new(),
            trail: Rc::default(),
        };
        let mut state = AppState {
            lang,
            results: Rc::new(Results::compute(
                &assessment,
                library.entries[0].rubric().clone(),
            )),
            library: Rc::new(library),
            assessments: vec![Rc::new(assessment)],
            current: 0,
            history: History::default(),
            ui: Ui::default(),
            next_key: 2,
            change_by: String::new(),
            change_by_office: Default::default(),
            filling: None,
        };
        state.recompute();
        state
    }

    /// The assessment being edited.
    pub fn assessment(&self) -> &Assessment {
        &self.assessments[self.current]
    }

    /// The rubric entry of the current assessment.
    pub fn rubric_entry(&self) -> &RubricEntry {
        self.library
            .get(&self.assessment().rubric_key)
            .unwrap_or(&self.library.entries[0])
    }

    fn key(&mut self) -> u64 {
        let k = self.next_key;
        self.next_key += 1;
        k
    }

    /// Why the assessment cannot be approved yet (a
    /// [`Notice::CannotApprove`]): offices left out of the results,
    /// reviewed values that differ from what offices submitted with no
    /// reason. `None` when it can.
    pub fn cannot_approve(&self) -> Option<Notice> {
        let left_out = self.results.left_out(self.assessment());
        let mut unexplained = 0;
        let mut without_reason = Vec::new();
        for o in &self.assessment().offices {
            let n = self
                .reviewed_differences(o.key)
                .iter()
                .filter(|d| d.3.is_empty())
                .count();
            if n > 0 {
                unexplained += n;
                without_reason.push(o.name.clone());
            }
        }
        let n = left_out.len();
        (n > 0 || unexplained > 0).then_some(Notice::CannotApprove {
            left_out: n,
            unexplained,
            offices: (left_out, without_reason),
        })
    }

    /// The offices whose entry forms were sent and have not come back (none
    /// when no forms were sent), for the question before approving.
    pub fn forms_not_returned(&self) -> Vec<String> {
        let a = self.assessment();
        if !a.trail.iter().any(|e| e.by == "forms") {
            return Vec::new();
        }
        a.offices
            .iter()
            .filter(|o| !o.cells.contains_key(scoring_formats::forms::RETURNED_KEY))
            .map(|o| o.name.clone())
            .collect()
    }

    /// Recomputes the results of the current grid.
    pub fn recompute(&mut self) {
        let rubric = self.rubric_entry().rubric().clone();
        let drawn = self.drawn(self.assessment(), 0);
        self.results = Rc::new(Results::compute_with(self.assessment(), rubric, &drawn));
        // What stood in the way of an approval, put right: no longer said.
        if self
            .ui
            .notices
            .iter()
            .any(|n| matches!(n, Notice::CannotApprove { .. }))
        {
            let now = self.cannot_approve();
            self.ui
                .notices
                .retain(|n| !matches!(n, Notice::CannotApprove { .. }));
            if let Some(still) = now {
                self.ui.notices.push(still);
            }
        }
    }

    /// Where an office's reviewed values differ from what it submitted
    /// (input, submitted, reviewed, reason), the reviewed value being the
    /// one it is scored on: an item log's count chosen over its own is one
    /// too, and needs a reason like any other.
    pub fn reviewed_differences(&self, key: u64) -> Vec<(String, String, String, String)> {
        let Some(o) = self.assessment().office(key) else {
            return Vec::new();
        };
        let scored = self.results.scored_cells(o);
        scoring_formats::forms::reviewed_differences(&self.results.rubric, &o.cells, Some(&scored))
    }

    /// Every office's values as scored, by its name (see
    /// [`results::Results::scored_cells`]), for the exports' review sheet.
    pub fn scored_by_name(&self, name: &str) -> Option<std::collections::BTreeMap<String, String>> {
        self.assessment()
            .offices
            .iter()
            .find(|o| o.name == name)
            .map(|o| self.results.scored_cells(o))
    }

    /// Every reviewed difference of the assessment, office by office, as
    /// the exports' review sheet has them.
    pub fn reviewed(&self) -> Vec<scoring_formats::book::Reviewed> {
        let rubric = self.results.rubric.clone();
        self.assessment_file(self.assessment().id)
            .map(|f| f.reviewed(&rubric, &|name| self.scored_by_name(name)))
            .unwrap_or_default()
    }

    /// An office's self-assessed total (自评总分): its total when its own
    /// submitted values replace its reviewed ones (and stand against the
    /// item log's counts), everyone else as reviewed; `None` when it
    /// submitted nothing or is not scored so.
    pub fn self_assessed_total(&self, key: u64) -> Option<String> {
        let a = self.assessment();
        let row = a.office(key)?;
        if !row.cells.keys().any(|k| k.starts_with("submitted:")) {
            return None;
        }
        let mut as_submitted = a.clone();
        if let Some(o) = as_submitted.office_mut(key) {
            o.cells = scoring_formats::forms::as_submitted(&o.cells);
        }
        // Its own counts, not the log's the assessor chose over them.
        let name = row.name.trim().to_string();
        as_submitted.counts_choice.retain(|(o, _)| *o != name);
        as_submitted
            .counts_choice
            .push((name, scoring_core::items::CountsChoice::Typed));
        let rubric = self.rubric_entry().rubric().clone();
        let drawn = self.drawn(a, 0);
        let results = Results::compute_with(&as_submitted, rubric.clone(), &drawn);
        let ix = results.scored_index(key)?;
        Some(rubric.publish(results.card.office(ix).total()))
    }

    /// The assessments `a` draws on (its links to the list), each scored
    /// as it stands, drawing on its own in turn (a few levels at most).
    pub fn drawn(&self, a: &Assessment, depth: usize) -> Vec<results::Drawn> {
        if depth > 4 {
            return Vec::new();
        }
        a.sources
            .iter()
            .filter_map(|(_, id)| {
                let other = self.assessments.iter().find(|x| x.id == *id)?;
                let rubric = self.library.get(&other.rubric_key)?.rubric().clone();
                let inner = self.drawn(other, depth + 1);
                let r = Results::compute_with(other, rubric.clone(), &inner);
                Some(results::Drawn {
                    id: other.id,
                    title: other.title.clone(),
                    rubric,
                    card: r.card,
                })
            })
            .collect()
    }

    /// Whether assessment `id` draws on `target`, directly or through
    /// another.
    fn draws_on(&self, id: u64, target: u64, depth: usize) -> bool {
        depth < 8
            && self
                .assessments
                .iter()
                .find(|a| a.id == id)
                .is_some_and(|a| {
                    a.sources
                        .iter()
                        .any(|&(_, s)| s == target || self.draws_on(s, target, depth + 1))
                })
    }

    /// Changes the current assessment, keeping an undo step. `typing_in`
    /// names the cell being typed into: consecutive edits of one cell are
    /// one step.
    /// Out of the grid, an undo or redo says what it changed (in the grid,
    /// the grid goes to the cell).
    fn say_undone(&mut self, redo: bool, changed: usize) {
        self.ui
            .notices
            .retain(|n| !matches!(n, Notice::UndoneElsewhere { .. } | Notice::ImportUndone(..)));
        let Some((key, id)) = self.ui.undone_at.1.clone() else {
            return;
        };
        if self.ui.view == View::Data {
            return;
        }
        let Some(office) = self.assessment().office(key) else {
            return;
        };
        let rubric = &self.rubric_entry().rubric();
        let t = tr(self.lang);
        let label = if id.is_empty() {
            t.office.to_string()
        } else if let Some((_, i)) = rubric.input(&id) {
            i.label.get(self.lang).to_string()
        } else {
            rubric
                .text_columns()
                .find(|(_, c)| c.id == id)
                .map_or(id.clone(), |(_, c)| c.label.get(self.lang).to_string())
        };
        self.ui.notify(Notice::UndoneElsewhere {
            redo,
            office: office.name.clone(),
            label,
            more: changed.saturating_sub(1),
        });
    }

    fn change(&mut self, now: &str, typing_in: Option<(u64, String)>, f: impl FnOnce(&mut Self)) {
        let before = Rc::clone(&self.assessments[self.current]);
        let same_cell = typing_in.is_some() && typing_in == self.history.typing_in;
        f(self);
        let by = std::mem::take(&mut self.change_by);
        let by_office = std::mem::take(&mut self.change_by_office);
        if *self.assessment() == *before {
            return;
        }
        // The trail: every cell changed, and by what. Typing on in one cell
        // updates its entry rather than adding one per key.
        let mut entries = trail_entries(&before, self.assessment(), &by, now, &by_office);
        self.name_rubrics(&mut entries);
        // The worked example is one entry, not one per cell of it.
        if by == "example" {
            entries.retain(|e| e.office.is_empty());
            entries.push(scoring_formats::assessment::TrailEntry {
                at: now.to_string(),
                by,
                office: String::new(),
                cell: "assessment:example".into(),
                old: String::new(),
                new: self.assessment().offices.len().to_string(),
            });
        }
        {
            let trail = Rc::make_mut(&mut self.current_mut().trail);
            match (same_cell, trail.last_mut(), entries.as_slice()) {
                (true, Some(last), [one])
                    if last.by.is_empty() && last.office == one.office && last.cell == one.cell =>
                {
                    last.new = one.new.clone();
                    last.at = one.at.clone();
                }
                // A name typed on: the office is named as it is now.
                (true, Some(last), [one])
                    if last.by.is_empty()
                        && last.cell == "office:name"
                        && one.cell == "office:name"
                        && last.new == one.old =>
                {
                    last.new = one.new.clone();
                    last.office = one.office.clone();
                    last.at = one.at.clone();
                }
                _ => trail.extend(entries),
            }
        }
        if !same_cell {
            self.history.undo.push(before);
            // A step after an import: undo no longer takes the import back
            // first (an import sets this again after its own step); an
            // import undone can no longer be redone.
            self.ui.last_import = None;
            // What was done is said until the next step: then notices
            // that say "undo takes it back" are no longer true, and those
            // that report a thing done would pile up.
            self.ui.notices.retain(|n| !n.goes_with_next_step());
            if self.history.undo.len() > HISTORY_LIMIT {
                self.history.undo.remove(0);
            }
        } else if self
            .history
            .undo
            .last()
            .is_some_and(|start| start.same_work(self.assessment()))
        {
            // Typing that ended where it started (a value typed and taken
            // back, Escape) leaves no step to undo.
            let start = self.history.undo.pop().expect("just seen");
            self.assessments[self.current] = start;
            self.history.redo.clear();
            self.history.typing_in = None;
            self.recompute();
            return;
        }
        self.history.redo.clear();
        self.history.typing_in = typing_in;
        // Revisions come from the page's counter: each names one version
        // of one assessment, undo and redo included.
        let revision = if same_cell {
            self.assessment().revision
        } else {
            self.key()
        };
        let a = self.current_mut();
        a.updated = now.to_string();
        a.revision = revision;
        self.drawn_on_changed();
        self.recompute();
    }

    /// The current assessment changed: a file of any assessment that draws
    /// on it (directly or not) no longer holds what it scores to, so it is
    /// no longer "saved as a file".
    fn drawn_on_changed(&mut self) {
        let me = self.assessment().id;
        for i in 0..self.assessments.len() {
            let a = &self.assessments[i];
            if a.id != me && a.file_saved.is_some() && self.draws_on(a.id, me, 0) {
                Rc::make_mut(&mut self.assessments[i]).file_saved = None;
            }
        }
    }

    /// A rubric changed is said in the trail by its file and short
    /// fingerprint, not the page's key for it.
    fn name_rubrics(&self, entries: &mut [scoring_formats::assessment::TrailEntry]) {
        for e in entries.iter_mut().filter(|e| e.cell == "assessment:rubric") {
            for key in [&mut e.old, &mut e.new] {
                if let Some(entry) = self.library.get(key) {
                    *key = format!(
                        "{}（{}）",
                        entry.file_name,
                        scoring_core::fingerprint::short(entry.fingerprint())
                    );
                }
            }
        }
    }

    /// After an undo or redo, the approval, reopenings and forms' id of
    /// the version left (`was`) stand: they are not steps of the history.
    /// The trail says what changed back, and when: `now`, which is also
    /// when the assessment last changed.
    fn carry_marks(&mut self, was: &Assessment, by: &str, now: &str) {
        let mut trail = Rc::clone(&was.trail);
        let mut entries = trail_entries(was, self.assessment(), by, now, &Default::default());
        self.name_rubrics(&mut entries);
        Rc::make_mut(&mut trail).extend(entries);
        let a = self.current_mut();
        a.approval = was.approval.clone();
        a.reopened = was.reopened.clone();
        a.form_id = was.form_id.clone();
        a.trail = trail;
        a.updated = now.to_string();
    }

    /// Records an approval or a reopening: a new version of the
    /// assessment (saved, not yet in a file), but no step of the undo
    /// history (undo and redo carry it over).
    fn mark(&mut self, now: &str, f: impl FnOnce(&mut Assessment)) {
        // A step too (an approval, forms written): reports of what was
        // done before it go, as with a change.
        self.ui.notices.retain(|n| !n.goes_with_next_step());
        let revision = self.key();
        let a = self.current_mut();
        f(a);
        a.updated = now.to_string();
        a.revision = revision;
    }

    /// The current assessment, to change (copied first if shared).
    fn current_mut(&mut self) -> &mut Assessment {
        let current = self.current;
        Rc::make_mut(&mut self.assessments[current])
    }

    fn new_office_name(&self) -> String {
        let names: Vec<&str> = self
            .assessment()
            .offices
            .iter()
            .map(|o| o.name.as_str())
            .collect();
        (self.assessment().offices.len() + 1..)
            .map(|n| fill(tr(self.lang).new_office, &[("n", &n.to_string())]))
            .find(|n| !names.contains(&n.as_str()))
            .unwrap_or_default()
    }

    /// Applies one action (the reducer).
    pub fn apply(&mut self, action: Action) {
        // An approved assessment takes no edits until it is reopened.
        if self.assessment().approval.is_some() && changes_work(&action) {
            self.ui.notices.retain(|n| *n != Notice::Locked);
            self.ui.notify(Notice::Locked);
            return;
        }
        match action {
            Action::SetLang(lang) => self.lang = lang,
            Action::DismissWelcome => self.ui.welcome_dismissed = true,
            Action::LoadExampleItems { now } => {
                self.apply(Action::LoadExample { now: now.clone() });
                self.apply(Action::ImportItemLog {
                    file: DataFile::text(
                        tr(self.lang).example_items_file,
                        EXAMPLE_ITEMS.as_bytes(),
                    ),
                    now: now.clone(),
                });
                self.apply(Action::SetPeriodEnd {
                    text: EXAMPLE_PERIOD_END.to_string(),
                    now,
                });
            }
            Action::LoadExample { now } => {
                let table = example_table();
                let rubric_key = self.library.default_key();
                let title = tr(self.lang).example_title.to_string();
                let mut keys = Vec::new();
                for _ in 1..table.rows.len() {
                    keys.push(self.key());
                }
                let inputs: Vec<String> = table.rows[0].cells().skip(1).map(String::from).collect();
                self.change_by = "example".into();
                self.change(&now, None, |s| {
                    let a = s.current_mut();
                    a.rubric_key = rubric_key;
                    if a.offices.is_empty() {
                        a.title = title;
                    }
                    a.offices = table.rows[1..]
                        .iter()
                        .zip(keys)
                        .map(|(row, key)| {
                            Rc::new(OfficeRow {
                                key,
                                name: row.cell(0).unwrap_or("").to_string(),
                                cells: inputs
                                    .iter()
                                    .cloned()
                                    .zip(row.cells().skip(1).map(String::from))
                                    .collect(),
                            })
                        })
                        .collect();
                });
                self.ui.welcome_dismissed = true;
                self.ui.view = View::Results;
            }
            Action::EditCell {
                office,
                input,
                text,
                now,
            } => {
                let typing = Some((office, input.clone()));
                let cell = (office, input.clone());
                self.change(&now, typing, |s| {
                    if let Some(o) = s.current_mut().office_mut(office) {
                        if text.is_empty() {
                            o.cells.remove(&input);
                        } else {
                            o.cells.insert(input, text);
                        }
                    }
                });
                // A count typed where a choice already made scores the item
                // log's: said at once, not left to a struck-through cell.
                self.ui
                    .notices
                    .retain(|n| !matches!(n, Notice::TypedNotScored { .. }));
                if let Some(&(n, scoring_core::items::CountsChoice::Log)) =
                    self.results.log_chosen.get(&cell)
                    && let Some(o) = self.assessment().office(office)
                {
                    let label = self
                        .results
                        .rubric
                        .input(&cell.1)
                        .map(|(_, i)| i.label.get(self.lang).to_string())
                        .unwrap_or_default();
                    let notice = Notice::TypedNotScored {
                        office: o.name.trim().to_string(),
                        label,
                        typed: o.cell(&cell.1).trim().to_string(),
                        log: n,
                        for_all: self
                            .assessment()
                            .counts_choice
                            .iter()
                            .all(|(x, _)| *x != o.name.trim()),
                    };
                    self.ui.notices.push(notice);
                }
            }
            Action::RenameOffice { office, name, now } => {
                let typing = Some((office, String::new()));
                // Its items in the item log and its choice of counts follow
                // the new name, worked out each key from the assessment as
                // it was before the name was typed into (so that a name
                // typed through another office's never takes that
                // office's items).
                let base = if typing == self.history.typing_in {
                    self.history.undo.last().cloned()
                } else {
                    None
                }
                .unwrap_or_else(|| Rc::clone(&self.assessments[self.current]));
                let old = base.office(office).map(|o| o.name.trim().to_string());
                self.change(&now, typing, |s| {
                    let new = name.trim().to_string();
                    let a = s.current_mut();
                    if let Some(o) = a.office_mut(office) {
                        o.name = name;
                    }
                    let Some(old) = old.filter(|o| !o.is_empty()) else {
                        return;
                    };
                    if let Some(log) = &base.item_log {
                        a.item_log = Some(
                            scoring_core::items::ItemLog::renamed_office(
                                &log.to_table(),
                                &old,
                                &new,
                            )
                            .filter(|_| old != new && !new.is_empty())
                            .map_or_else(|| Rc::clone(log), |t| Rc::new(LogFile::from_table(&t))),
                        );
                    }
                    a.counts_choice = base
                        .counts_choice
                        .iter()
                        .map(|(o, c)| {
                            let follows = *o == old && !new.is_empty();
                            (if follows { new.clone() } else { o.clone() }, *c)
                        })
                        .collect();
                });
            }
            Action::AddOffice { now } => {
                let key = self.key();
                let name = self.new_office_name();
                self.change(&now, None, |s| {
                    s.current_mut().offices.push(Rc::new(OfficeRow {
                        key,
                        name,
                        cells: Default::default(),
                    }))
                });
            }
            Action::AddNamedOffices { names, now } => {
                let mut new: Vec<String> = Vec::new();
                for name in names {
                    let name = name.trim().to_string();
                    if !name.is_empty()
                        && !new.contains(&name)
                        && self
                            .assessment()
                            .offices
                            .iter()
                            .all(|o| o.name.trim() != name)
                    {
                        new.push(name);
                    }
                }
                let rows: Vec<Rc<OfficeRow>> = new
                    .into_iter()
                    .map(|name| {
                        Rc::new(OfficeRow {
                            key: self.key(),
                            name,
                            cells: Default::default(),
                        })
                    })
                    .collect();
                if !rows.is_empty() {
                    self.change(&now, None, |s| s.current_mut().offices.extend(rows));
                }
            }
            Action::DiscardNewOffice { office } => {
                // Only the office last added, left as it came: its name
                // as given, nothing typed, nothing done since.
                let a = self.assessment();
                let untouched = a.offices.last().is_some_and(|o| {
                    o.key == office
                        && o.cells.is_empty()
                        && a.trail.last().is_some_and(|e| {
                            e.cell == "office:name" && e.old.is_empty() && e.new == o.name
                        })
                });
                let before_add = self.history.undo.last().is_some_and(|p| {
                    p.office(office).is_none() && p.offices.len() + 1 == a.offices.len()
                });
                if untouched
                    && before_add
                    && let Some(previous) = self.history.undo.pop()
                {
                    self.assessments[self.current] = previous;
                    self.history.typing_in = None;
                    self.recompute();
                }
            }
            Action::RemoveOffice { office, now } => {
                self.change(&now, None, |s| {
                    s.current_mut().offices.retain(|o| o.key != office);
                });
                if self.ui.office == Some(office) {
                    self.ui.office = None;
                }
            }
            Action::MoveOffice { office, delta, now } => {
                self.change(&now, None, |s| {
                    let offices = &mut s.current_mut().offices;
                    if let Some(i) = offices.iter().position(|o| o.key == office) {
                        let j = i as i64 + i64::from(delta);
                        if j >= 0 && (j as usize) < offices.len() {
                            let row = offices.remove(i);
                            offices.insert(j as usize, row);
                        }
                    }
                });
            }
            Action::Paste {
                rows,
                column,
                text,
                now,
            } => {
                let block = split_block(&text);
                // The offices the block's rows go to: those listed, then
                // new ones.
                let mut targets: Vec<u64> = rows
                    .into_iter()
                    .filter(|k| self.assessment().position(*k).is_some())
                    .take(block.len())
                    .collect();
                let needed = block.len().saturating_sub(targets.len());
                let mut new_rows = Vec::new();
                for _ in 0..needed {
                    let key = self.key();
                    new_rows.push(key);
                }
                targets.extend(new_rows.iter().copied());
                // The grid's columns, in the order shown.
                let rubric = &self.rubric_entry().rubric();
                let inputs: Vec<String> = grid::column_ids(rubric);
                let clipped: usize = block
                    .iter()
                    .map(|cells| (column + cells.len()).saturating_sub(inputs.len() + 1))
                    .sum();
                let base_names = self.assessment().offices.len();
                let lang = self.lang;
                self.change(&now, None, |s| {
                    let a = s.current_mut();
                    for (n, key) in new_rows.into_iter().enumerate() {
                        a.offices.push(Rc::new(OfficeRow {
                            key,
                            name: fill(
                                tr(lang).new_office,
                                &[("n", &(base_names + n + 1).to_string())],
                            ),
                            cells: Default::default(),
                        }));
                    }
                    for (cells, key) in block.iter().zip(&targets) {
                        let Some(row) = a.office_mut(*key) else {
                            continue;
                        };
                        for (c, text) in cells.iter().enumerate() {
                            let col = column + c;
                            let text = text.trim().to_string();
                            if col == 0 {
                                row.name = text;
                            } else if let Some(id) = inputs.get(col - 1) {
                                if text.is_empty() {
                                    row.cells.remove(id);
                                } else {
                                    row.cells.insert(id.clone(), text);
                                }
                            }
                        }
                    }
                });
                if clipped > 0 {
                    self.ui.notify(Notice::PasteClipped(clipped));
                }
            }
            Action::SetTitle { title, now } => {
                self.change(&now, None, |s| s.current_mut().title = title);
            }
            Action::SetYear { year, now } => {
                self.change(&now, None, |s| s.current_mut().year = year);
            }
            Action::SelectRubric { key, now } => {
                if self.library.get(&key).is_some() {
                    self.change(&now, None, |s| s.current_mut().rubric_key = key);
                    self.ui.indicator = None;
                }
            }
            Action::LoadRubricFile {
                file_name,
                text,
                now,
            } => match Rc::make_mut(&mut self.library).add_file(&file_name, &text) {
                Ok(key) => {
                    self.ui.rubric_errors = None;
                    self.change(&now, None, |s| s.current_mut().rubric_key = key);
                    self.recompute();
                    let notice = Notice::RubricLoaded(file_name);
                    if !self.ui.notices.contains(&notice) {
                        self.ui.notify(notice);
                    }
                }
                Err(errors) => self.ui.rubric_errors = Some((file_name, errors)),
            },
            Action::DismissRubricErrors => self.ui.rubric_errors = None,
            Action::AddRubricFile { file_name, text } => {
                match Rc::make_mut(&mut self.library).add_file(&file_name, &text) {
                    Ok(key) => {
                        self.ui.rubric_errors = None;
                        self.ui.compare.1 = Some(key);
                        // Keys carry fingerprints: a file with the same key
                        // means the same, so no assessment's scores move.
                    }
                    Err(errors) => self.ui.rubric_errors = Some((file_name, errors)),
                }
            }
            Action::SetCompare { old, new } => {
                self.ui.compare = (old, new);
                self.ui.compare_office = None;
            }
            Action::SelectCompareOffice(office) => self.ui.compare_office = office,
            Action::ToggleRankingGroup(g) => {
                let open = &mut self.ui.ranking_open;
                match open.iter().position(|&o| o == g) {
                    Some(i) => {
                        open.remove(i);
                    }
                    None => open.push(g),
                }
            }
            Action::ImportFile(file) => {
                // An entry form is no data file: said, with where it goes.
                if let Ok(table) = &file.table
                    && scoring_formats::forms::read_form(table).is_ok()
                {
                    self.ui.notify(Notice::FormNotData(file.name.clone()));
                    return;
                }
                let rubric = self.rubric_entry().rubric().clone();
                // An item log (its header, if not every row, read as one)
                // is no data file either: offered as what it is.
                if let Ok(table) = &file.table {
                    use scoring_core::items::{ItemLog, ItemProblem};
                    let is_log = match ItemLog::from_table(&rubric, table) {
                        Ok(_) => true,
                        Err(e) => !e.errors.iter().any(|x| {
                            matches!(
                                x.problem,
                                ItemProblem::UnknownColumn { .. }
                                    | ItemProblem::MissingColumn { .. }
                                    | ItemProblem::EmptyFile
                            )
                        }),
                    };
                    if is_log {
                        self.ui.notify(Notice::ItemLogNotData(Rc::new(file)));
                        return;
                    }
                }
                self.ui.import = Some(import::preview(&file, &rubric, self.assessment()));
            }
            Action::XlsxLoading(loading) => self.ui.xlsx_loading = loading,
            Action::PreviewForms(read) => {
                let id = self.assessment().id;
                let rubric = self.rubric_entry().rubric().clone();
                if let Some(file) = self.assessment_file(id) {
                    // Held against the values as scored, as the forms were
                    // sent (`components::forms`): the item log's counts
                    // where they stand.
                    let mut scored = file.clone();
                    for o in &mut scored.offices {
                        if let Some(row) =
                            self.assessment().offices.iter().find(|r| r.name == o.name)
                        {
                            o.cells.extend(self.results.scored_cells(row));
                        }
                    }
                    let mut collection = scoring_formats::forms::collect(&scored, &rubric, read);
                    // A value the assessor reviewed with a reason (a form
                    // merged before, given again) is kept unless the
                    // assessor says otherwise, as on an import.
                    for a in &mut collection.accepted {
                        let Some(office) =
                            file.offices.iter().find(|o| o.name == a.form.header.office)
                        else {
                            continue;
                        };
                        let reasoned: Vec<String> = a
                            .changes
                            .iter()
                            .map(|c| &c.input)
                            .chain(a.conflicts.iter().map(|c| &c.input))
                            .filter(|i| {
                                office
                                    .cells
                                    .get(&scoring_formats::forms::reason_key(i))
                                    .is_some_and(|r| !r.trim().is_empty())
                            })
                            .cloned()
                            .collect();
                        for input in reasoned {
                            a.set_keep(&input, true);
                        }
                    }
                    self.ui.forms = Some((collection, false));
                }
            }
            Action::Approve { now } => {
                if self.assessment().approval.is_some() {
                    return;
                }
                let rubric = self.rubric_entry().rubric().clone();
                if let Some(blocked) = self.cannot_approve() {
                    self.ui.notify(blocked);
                    return;
                }
                self.ui
                    .notices
                    .retain(|n| !matches!(n, Notice::CannotApprove { .. }));
                let id = self.assessment().id;
                let Some(file) = self.assessment_file(id) else {
                    return;
                };
                let csv = scoring_formats::results_csv(&rubric, &self.results.card, Lang::Zh);
                let approval = scoring_formats::assessment::Approval::of(&file, &csv, &now);
                let fingerprint = approval.fingerprint.clone();
                self.mark(&now, |a| {
                    Rc::make_mut(&mut a.trail).push(scoring_formats::assessment::TrailEntry {
                        at: now.clone(),
                        by: "approve".into(),
                        office: String::new(),
                        cell: String::new(),
                        old: String::new(),
                        new: fingerprint.clone(),
                    });
                    a.approval = Some(approval)
                });
                // The approval is a milestone: what was done before it is
                // not undone or redone after a reopening (a redo could
                // bring back an import long forgotten), and what was said
                // of it ("undo to get the previous data back") no longer
                // holds.
                self.history = History::default();
                self.ui.last_import = None;
                self.ui.notices.retain(|n| {
                    !matches!(
                        n,
                        Notice::Imported(_)
                            | Notice::ImportUndone(..)
                            | Notice::UndoneElsewhere { .. }
                            | Notice::FormsMerged { .. }
                    )
                });
            }
            Action::Reopen { reason, now } => {
                let reason = reason.trim().to_string();
                let Some(approval) = self.assessment().approval.clone() else {
                    return;
                };
                if reason.is_empty() {
                    return;
                }
                self.mark(&now, |a| {
                    a.approval = None;
                    Rc::make_mut(&mut a.trail).push(scoring_formats::assessment::TrailEntry {
                        at: now.clone(),
                        by: "reopen".into(),
                        office: String::new(),
                        cell: String::new(),
                        old: approval.fingerprint.clone(),
                        new: reason.clone(),
                    });
                    a.reopened.push(scoring_formats::assessment::Reopening {
                        at: now.clone(),
                        reason,
                        fingerprint: approval.fingerprint,
                    });
                });
                self.ui.notices.retain(|n| *n != Notice::Locked);
                self.ui.notify(Notice::Reopened);
            }
            Action::SetFormId(id) => {
                if self.assessment().form_id.is_empty() {
                    // Not a change of the work: no undo step.
                    self.current_mut().form_id = id;
                }
            }
            Action::FormsSent { id, count, now } => {
                let Some(i) = self.assessments.iter().position(|a| a.id == id) else {
                    self.ui.notify(Notice::FormsSent(count));
                    return;
                };
                let current = std::mem::replace(&mut self.current, i);
                self.mark(&now, |a| {
                    Rc::make_mut(&mut a.trail).push(scoring_formats::assessment::TrailEntry {
                        at: now.clone(),
                        by: "forms".into(),
                        office: String::new(),
                        cell: "assessment:forms".into(),
                        old: String::new(),
                        new: count.to_string(),
                    });
                });
                self.current = current;
                self.ui.notify(Notice::FormsSent(count));
            }
            Action::OpenFill { file, table } => {
                let opened = table
                    .map_err(|e| {
                        FillRefused::Form(scoring_formats::forms::FormRefused::Unreadable(e))
                    })
                    .and_then(|t| Filling::open(&file, t, &self.library));
                self.ui
                    .notices
                    .retain(|n| !matches!(n, Notice::FillRefused(_) | Notice::FillResumed(_)));
                match opened {
                    // The same form opened again (the copy from the e-mail,
                    // say) while what was typed into it is not saved: what
                    // was typed is kept.
                    Ok(f)
                        if self.filling.as_ref().is_some_and(|old| {
                            old.dirty
                                && old.form.header == f.form.header
                                && (old.values != f.values || old.evidence != f.evidence)
                        }) =>
                    {
                        self.ui.notify(Notice::FillResumed(file));
                    }
                    Ok(f) => self.filling = Some(Rc::new(f)),
                    Err(e) => self.ui.notify(Notice::FillRefused(e)),
                }
            }
            Action::ResumeFill(f) => self.filling = Some(f),
            Action::FillValue { input, text } => {
                if let Some(f) = &mut self.filling {
                    Rc::make_mut(f).set_value(&input, &text);
                }
            }
            Action::FillEvidence { input, text } => {
                if let Some(f) = &mut self.filling {
                    Rc::make_mut(f).set_evidence(&input, &text);
                }
            }
            Action::FillSaved(name) => {
                if let Some(f) = &mut self.filling {
                    Rc::make_mut(f).dirty = false;
                }
                self.ui
                    .notices
                    .retain(|n| !matches!(n, Notice::FillSaved(_)));
                self.ui.notify(Notice::FillSaved(name));
            }
            Action::CloseFill => {
                self.filling = None;
                self.ui
                    .notices
                    .retain(|n| !matches!(n, Notice::FillSaved(_) | Notice::FillRefused(_)));
            }
            Action::KeepFormValue {
                office,
                input,
                keep,
            } => {
                if let Some((collection, _)) = &mut self.ui.forms {
                    for a in collection
                        .accepted
                        .iter_mut()
                        .filter(|a| a.superseded_by.is_none() && a.form.header.office == office)
                    {
                        a.set_keep(&input, keep);
                    }
                }
            }
            Action::AcceptFlaggedForms(yes) => {
                if let Some((_, accepted)) = &mut self.ui.forms {
                    *accepted = yes;
                }
            }
            Action::ConfirmForms { now } => {
                if let Some((collection, accepted)) = self.ui.forms.take() {
                    if collection.flagged() && !accepted {
                        self.ui.forms = Some((collection, accepted));
                        return;
                    }
                    let merged = collection
                        .accepted
                        .iter()
                        .filter(|a| a.superseded_by.is_none())
                        .count();
                    let mut cells = 0;
                    self.change_by_office = collection
                        .accepted
                        .iter()
                        .filter(|a| a.superseded_by.is_none())
                        .map(|a| {
                            (
                                a.form.header.office.clone(),
                                format!("form:{}", a.form.file),
                            )
                        })
                        .collect();
                    self.change(&now, None, |s| {
                        let a = s.current_mut();
                        for form in collection
                            .accepted
                            .iter()
                            .filter(|a| a.superseded_by.is_none())
                        {
                            let Some(row) = a
                                .offices
                                .iter_mut()
                                .find(|o| o.name == form.form.header.office)
                            else {
                                continue;
                            };
                            let row = Rc::make_mut(row);
                            // What the merge changes: not what the assessor
                            // kept.
                            cells += form.changes.iter().filter(|c| !c.keep).count()
                                + form.conflicts.iter().filter(|c| !c.keep).count();
                            for (key, value) in scoring_formats::forms::merged_cells(form) {
                                row.cells.insert(key, value);
                            }
                        }
                    });
                    // Reviewed values that now differ from what an office
                    // submitted and want a reason: said here, not only on
                    // the results.
                    let unexplained = self
                        .assessment()
                        .offices
                        .iter()
                        .map(|o| {
                            self.reviewed_differences(o.key)
                                .iter()
                                .filter(|d| d.3.is_empty())
                                .count()
                        })
                        .sum();
                    self.ui.notify(Notice::FormsMerged {
                        forms: merged,
                        cells,
                        unexplained,
                    });
                }
            }
            Action::CancelForms => self.ui.forms = None,
            Action::ConfirmImport { now } => {
                if let Some(Ok(preview)) = self.ui.import.take() {
                    // As chosen in the preview: the offices that stay keep
                    // their keys and place.
                    let current = Rc::clone(&self.assessments[self.current]);
                    let rows = preview.apply(&current, || self.key());
                    self.change_by = format!("import:{}", preview.file_name);
                    self.change(&now, None, |s| s.current_mut().offices = rows);
                    // Nothing changed (all kept, or the file as the grid):
                    // no step to undo, and nothing said of one.
                    if *self.assessment() != *current {
                        self.ui.last_import =
                            Some((preview.file_name.clone(), self.history.undo.len()));
                        self.ui.notify(Notice::Imported(preview.file_name));
                    }
                }
            }
            Action::CancelImport => self.ui.import = None,
            Action::ImportKeep {
                office,
                input,
                keep,
            } => {
                if let Some(Ok(p)) = &mut self.ui.import {
                    p.set_keep(Some(&office), &input, keep);
                }
            }
            Action::ImportKeepAll(keep) => {
                if let Some(Ok(p)) = &mut self.ui.import {
                    p.set_keep(None, "", keep);
                }
            }
            Action::ImportKeepOthers(keep) => {
                if let Some(Ok(p)) = &mut self.ui.import {
                    p.keep_others = keep;
                }
            }
            Action::Undo { at } => {
                if let Some(previous) = self.history.undo.pop() {
                    let current = self.current;
                    let now = std::mem::replace(&mut self.assessments[current], previous);
                    self.carry_marks(&now, "undo", &at);
                    self.ui.undone_at = (
                        self.ui.undone_at.0 + 1,
                        first_change(&now, &self.assessments[current]),
                    );
                    let changed = value_edits(&now, &self.assessments[current]);
                    let import = self
                        .ui
                        .last_import
                        .take_if(|(_, depth)| *depth == self.history.undo.len() + 1);
                    match import {
                        // The import taken back: said as that, its notice
                        // ("undo to get the previous data back") gone.
                        Some((file, _)) => {
                            self.ui.notices.retain(|n| {
                                !matches!(n, Notice::Imported(_) | Notice::UndoneElsewhere { .. })
                            });
                            self.ui.notify(Notice::ImportUndone(file, changed));
                        }
                        None => self.say_undone(false, changed),
                    }
                    self.history.redo.push(now);
                    self.history.typing_in = None;
                    self.drawn_on_changed();
                    self.recompute();
                }
            }
            Action::Redo { at } => {
                if let Some(next) = self.history.redo.pop() {
                    let current = self.current;
                    let now = std::mem::replace(&mut self.assessments[current], next);
                    self.carry_marks(&now, "redo", &at);
                    self.ui.undone_at = (
                        self.ui.undone_at.0 + 1,
                        first_change(&now, &self.assessments[current]),
                    );
                    let changed = value_edits(&now, &self.assessments[current]);
                    self.say_undone(true, changed);
                    self.history.undo.push(now);
                    self.history.typing_in = None;
                    self.drawn_on_changed();
                    self.recompute();
                }
            }
            Action::ImportItemLog { file, now } => match file.table {
                Ok(table) => {
                    self.ui
                        .notices
                        .retain(|n| !matches!(n, Notice::ItemLogNotData(_)));
                    let log = Rc::new(LogFile::from_table(&table));
                    self.change(&now, None, |s| s.current_mut().item_log = Some(log));
                    self.ui.view = View::Items;
                }
                Err(e) => self.ui.notify(Notice::FileUnreadable(e)),
            },
            Action::ClearItemLog { now } => {
                self.change(&now, None, |s| s.current_mut().item_log = None);
            }
            Action::SetPeriodEnd { text, now } => {
                self.change(&now, None, |s| {
                    s.current_mut().period_end = text.trim().to_string()
                });
            }
            Action::LoadCalendarFile {
                file_name,
                text,
                now,
            } => match scoring_core::calendar::Calendar::empty()
                .add_holiday_cn_json(&file_name, &text)
            {
                Ok(_) => {
                    let file = Rc::new(CalendarFile {
                        file_name: file_name.clone(),
                        text,
                    });
                    self.change(&now, None, |s| {
                        let calendars = &mut s.current_mut().calendars;
                        calendars.retain(|c| c.file_name != file_name);
                        calendars.push(file);
                    });
                }
                Err(e) => self.ui.notify(Notice::CalendarRejected(e)),
            },
            Action::ChooseCounts {
                office,
                choice,
                now,
            } => {
                let key = office.map(|o| o.trim().to_string()).unwrap_or_default();
                self.ui
                    .notices
                    .retain(|n| !matches!(n, Notice::TypedNotScored { .. }));
                self.change(&now, None, |s| {
                    let choices = &mut s.current_mut().counts_choice;
                    if key.is_empty() {
                        // For every office: the choices of single offices
                        // give way to it.
                        choices.clear();
                    } else {
                        choices.retain(|(o, _)| *o != key);
                    }
                    if let Some(c) = choice {
                        choices.push((key, c));
                    }
                });
            }
            Action::LinkSource {
                rubric,
                assessment,
                now,
            } => {
                let me = self.assessment().id;
                // Never itself, nor one that draws on it.
                if assessment.is_some_and(|id| id == me || self.draws_on(id, me, 0)) {
                    return;
                }
                self.change(&now, None, |s| {
                    let sources = &mut s.current_mut().sources;
                    sources.retain(|(r, _)| *r != rubric);
                    if let Some(id) = assessment {
                        sources.push((rubric, id));
                    }
                });
            }
            Action::RemoveCalendarFile { file_name, now } => {
                self.change(&now, None, |s| {
                    s.current_mut()
                        .calendars
                        .retain(|c| c.file_name != file_name)
                });
            }
            Action::NewAssessment { year, now } => {
                let id = self.key();
                let rubric_key = self.assessment().rubric_key.clone();
                let title = fill(tr(self.lang).default_title, &[("year", &year.to_string())]);
                // Told apart in the list from one of the same year: `（2）`.
                let title = (1..)
                    .map(|n| match n {
                        1 => title.clone(),
                        n => format!(
                            "{title}{}",
                            fill(tr(self.lang).title_number, &[("n", &n.to_string())])
                        ),
                    })
                    .find(|t| !self.assessments.iter().any(|a| &a.title == t))
                    .unwrap_or(title);
                let form_id = scoring_formats::forms::new_id(&[
                    &title,
                    &year.to_string(),
                    &now,
                    &id.to_string(),
                ]);
                self.assessments.push(Rc::new(Assessment {
                    id,
                    title,
                    year,
                    rubric_key,
                    offices: Vec::new(),
                    updated: now,
                    period_end: String::new(),
                    item_log: None,
                    calendars: Vec::new(),
                    revision: 0,
                    file_saved: None,
                    sources: Vec::new(),
                    counts_choice: Vec::new(),
                    form_id,
                    approval: None,
                    reopened: Vec::new(),
                    trail: Rc::default(),
                }));
                self.switch_to(self.assessments.len() - 1);
                self.ui.view = View::Data;
            }
            Action::OpenAssessment(id) => {
                if let Some(i) = self.assessments.iter().position(|a| a.id == id) {
                    self.switch_to(i);
                    self.ui.view = View::Data;
                }
            }
            Action::DuplicateAssessment { id, now } => {
                if let Some(source) = self.assessments.iter().find(|a| a.id == id) {
                    let mut copy = (**source).clone();
                    let new_id = self.key();
                    copy.id = new_id;
                    copy.title.push_str(tr(self.lang).copy_suffix);
                    copy.updated = now.clone();
                    copy.file_saved = None;
                    copy.revision = 0;
                    // A copy is new work: not approved, its own forms.
                    copy.approval = None;
                    copy.reopened.clear();
                    copy.trail = Rc::default();
                    copy.form_id = scoring_formats::forms::new_id(&[
                        &copy.title,
                        &copy.year.to_string(),
                        &now,
                        &new_id.to_string(),
                    ]);
                    for o in &mut copy.offices {
                        Rc::make_mut(o).key = self.next_key;
                        self.next_key += 1;
                    }
                    self.assessments.push(Rc::new(copy));
                }
            }
            Action::RequestDelete(id) => self.ui.confirm_delete = Some(id),
            Action::CancelDelete => self.ui.confirm_delete = None,
            Action::ConfirmDelete => {
                if let Some(id) = self.ui.confirm_delete.take() {
                    let current_id = self.assessment().id;
                    if let Some(i) = self.assessments.iter().position(|a| a.id == id) {
                        let deleted = self.assessments.remove(i);
                        if self.assessments.is_empty() {
                            // There is always an assessment to work in.
                            let id = self.key();
                            // Nothing of the deleted one's work, trail or
                            // approval comes with it: its rubric and year.
                            let title = fill(
                                tr(self.lang).default_title,
                                &[("year", &deleted.year.to_string())],
                            );
                            self.assessments.push(Rc::new(Assessment {
                                id,
                                form_id: scoring_formats::forms::new_id(&[
                                    &title,
                                    &deleted.year.to_string(),
                                    &deleted.updated,
                                    &id.to_string(),
                                ]),
                                title,
                                year: deleted.year,
                                rubric_key: deleted.rubric_key.clone(),
                                offices: Vec::new(),
                                updated: deleted.updated.clone(),
                                period_end: String::new(),
                                item_log: None,
                                calendars: Vec::new(),
                                revision: 0,
                                file_saved: None,
                                sources: Vec::new(),
                                counts_choice: Vec::new(),
                                approval: None,
                                reopened: Vec::new(),
                                trail: Rc::default(),
                            }));
                        }
                        let index = self
                            .assessments
                            .iter()
                            .position(|a| a.id == current_id)
                            .unwrap_or(0);
                        self.switch_to(index);
                    }
                }
            }
            Action::SetView(view) => self.ui.view = view,
            Action::GoToCell { office, input } => {
                self.ui.view = View::Data;
                self.ui.go_to = Some((office, input));
            }
            Action::WentToCell => self.ui.go_to = None,
            Action::SetGridView {
                sort,
                search,
                by_name,
            } => {
                let rubric = self.rubric_entry().rubric().clone();
                let results = Rc::clone(&self.results);
                self.ui.grid = GridView::new(
                    self.assessment(),
                    &rubric,
                    &results,
                    sort,
                    &search,
                    &by_name,
                );
            }
            Action::SelectOffice(office) => self.ui.office = office,
            Action::Ask(ask) => self.ui.ask = ask,
            Action::SelectIndicator(slot) => self.ui.indicator = slot,
            Action::SavedToFile { id, revision } => {
                if let Some(i) = self.assessments.iter().position(|a| a.id == id)
                    && self.assessments[i].revision == revision
                {
                    Rc::make_mut(&mut self.assessments[i]).file_saved = Some(revision);
                    // Typing on in the same cell is a new version, not in
                    // the file.
                    self.history.typing_in = None;
                    self.ui.notices.retain(|n| *n != Notice::OfferFile);
                }
            }
            Action::OpenAssessmentFile {
                file_name,
                bytes,
                now,
            } => self.open_file(&file_name, &bytes, &now),
            Action::ResolveOpening { replace, now } => {
                self.ui
                    .notices
                    .retain(|n| !matches!(n, Notice::AlreadyOpen { .. }));
                let Some(opening) = self.ui.opening.take() else {
                    return;
                };
                let (name, mut file) = (*opening).clone();
                let there = self.assessments.iter().position(|a| a.form_id == file.id);
                match (replace, there) {
                    (true, Some(i)) => {
                        // The file's takes the list's place (and its
                        // history: the list's version is gone).
                        let (title, old_id) =
                            (self.assessments[i].title.clone(), self.assessments[i].id);
                        let current = self.current;
                        let Some(new_id) = self.add_file(file, &now) else {
                            return;
                        };
                        if let Some(j) = self.assessments.iter().position(|a| a.id == new_id) {
                            let mut new = self.assessments.remove(j);
                            // Under the list's key: assessments that draw on
                            // it keep drawing on it.
                            Rc::make_mut(&mut new).id = old_id;
                            self.assessments[i] = new;
                        }
                        // Shown: the file's version, from scratch, its
                        // history gone with the list's version (the one
                        // shown before, if another, keeps nothing undoable
                        // either: switching never does).
                        if current == i {
                            self.current = usize::MAX;
                        }
                        self.switch_to(i);
                        self.history = History::default();
                        self.ui.welcome_dismissed = true;
                        self.ui.notify(Notice::FileReplaced { file: name, title });
                    }
                    _ => {
                        if !replace {
                            // A copy is an assessment of its own: its own id,
                            // so that forms returned for the original are
                            // not taken for it.
                            file.title = format!("{}{}", file.title, tr(self.lang).copy_suffix);
                            file.id = scoring_formats::forms::new_id(&[&file.id, &now, &name]);
                        }
                        let copy = (!replace).then(|| file.id.clone());
                        self.open_parsed(&name, file, &now);
                        // No file holds the copy (its id is its own) until
                        // it is saved as one.
                        if let Some(id) = copy
                            && let Some(a) = self.assessments.iter_mut().find(|a| a.form_id == id)
                        {
                            Rc::make_mut(a).file_saved = None;
                        }
                    }
                }
            }
            Action::Replace(state) => {
                let view = self.ui.view;
                let mut notices = std::mem::take(&mut self.ui.notices);
                notices.retain(|n| !matches!(n, Notice::ChangedElsewhere(_)));
                *self = *state;
                self.ui.view = view;
                for n in notices {
                    if !self.ui.notices.contains(&n) {
                        self.ui.notices.push(n);
                    }
                }
            }
            Action::Notify(notice) => {
                // Another tab's latest save replaces what was said of the
                // earlier ones.
                let sync = |n: &Notice| {
                    matches!(
                        n,
                        Notice::FollowedOtherTab(_)
                            | Notice::MergedOtherTab
                            | Notice::ChangedElsewhere(_)
                    )
                };
                if sync(&notice) {
                    self.ui.notices.retain(|n| !sync(n));
                }
                // The XLSX module failing again is said once.
                if matches!(notice, Notice::XlsxUnavailable(_)) {
                    self.ui
                        .notices
                        .retain(|n| !matches!(n, Notice::XlsxUnavailable(_)));
                }
                if !self.ui.notices.contains(&notice) {
                    self.ui.notify(notice)
                }
            }
            Action::ClearNotice(notice) => self.ui.notices.retain(|n| *n != notice),
            Action::DismissNotice(i) => {
                if i < self.ui.notices.len() {
                    self.ui.notices.remove(i);
                }
            }
        }
    }

    /// The assessment `id` as an assessment file: its rubric's text and
    /// fingerprint, its cells as typed, its item log and calendars.
    pub fn assessment_file(&self, id: u64) -> Option<AssessmentFile> {
        self.assessment_file_within(id, &mut vec![id])
    }

    /// [`AppState::assessment_file`], holding the assessments it draws on
    /// but none already on the way (`within`: no file holds itself).
    fn assessment_file_within(&self, id: u64, within: &mut Vec<u64>) -> Option<AssessmentFile> {
        let a = self.assessments.iter().find(|a| a.id == id)?;
        let mut sources = Vec::new();
        for &(_, drawn) in &a.sources {
            if within.contains(&drawn) || within.len() > 4 {
                continue;
            }
            within.push(drawn);
            if let Some(f) = self.assessment_file_within(drawn, within) {
                sources.push(f);
            }
            within.pop();
        }
        let entry = self
            .library
            .get(&a.rubric_key)
            .unwrap_or(&self.library.entries[0]);
        Some(AssessmentFile {
            format: assessment_file::FORMAT.to_string(),
            version: assessment_file::VERSION,
            id: a.form_id.clone(),
            approval: a.approval.clone(),
            reopened: a.reopened.clone(),
            trail: a.trail.to_vec(),
            title: a.title.clone(),
            year: a.year,
            updated: a.updated.clone(),
            rubric: assessment_file::RubricText {
                file_name: entry.file_name.clone(),
                yaml: entry.yaml.clone(),
                fingerprint: entry.fingerprint().to_string(),
            },
            offices: a
                .offices
                .iter()
                .map(|o| assessment_file::Office {
                    name: o.name.clone(),
                    cells: o.cells.clone(),
                })
                .collect(),
            period_end: a.period_end.clone(),
            item_log: a.item_log.as_ref().map(|l| assessment_file::ItemLog {
                file_name: l.file_name.clone(),
                rows: l.rows.clone(),
            }),
            calendars: a
                .calendars
                .iter()
                .map(|c| assessment_file::CalendarText {
                    file_name: c.file_name.clone(),
                    text: c.text.clone(),
                })
                .collect(),
            sources,
            counts_choice: a.counts_choice.clone(),
        })
    }

    /// Opens an assessment file as a new assessment (never over one in the
    /// list), its rubric found by fingerprint in the library or added.
    fn open_file(&mut self, file_name: &str, bytes: &[u8], now: &str) {
        // A workbook (an entry form, most likely) is not an assessment
        // file: said, with where it goes.
        if scoring_formats::is_xlsx(bytes) {
            self.ui
                .notify(Notice::WorkbookNotAssessment(file_name.to_string()));
            return;
        }
        let file = match AssessmentFile::from_json(file_name, bytes) {
            Ok(f) => f,
            Err(e) => {
                self.ui.notify(Notice::FileRefused(e));
                return;
            }
        };
        // The same assessment (by its id) is in the list already: the
        // assessor chooses, nothing is replaced unasked.
        if !file.id.is_empty()
            && let Some(there) = self
                .assessments
                .iter()
                .find(|a| a.form_id == file.id && !(a.offices.is_empty() && a.revision == 0))
        {
            let notice = Notice::AlreadyOpen {
                file: file_name.to_string(),
                title: there.title.clone(),
                unsaved: there.unsaved_to_file(),
                list: (there.offices.len(), there.updated.clone()),
                in_file: (file.offices.len(), file.updated.clone()),
            };
            self.ui.opening = Some(Rc::new((file_name.to_string(), file)));
            self.ui
                .notices
                .retain(|n| !matches!(n, Notice::AlreadyOpen { .. }));
            self.ui.notify(notice);
            return;
        }
        self.open_parsed(file_name, file, now);
    }

    /// Adds an opened assessment file to the list and shows it.
    fn open_parsed(&mut self, file_name: &str, file: AssessmentFile, now: &str) {
        // The empty assessment a first visit starts with gives way to it.
        let untouched = {
            let a = self.assessment();
            (a.offices.is_empty() && a.item_log.is_none() && a.revision == 0).then_some(a.id)
        };
        let alone = self.assessments.len() == 1;
        if self.add_file(file, now).is_none() {
            return;
        }
        if let (Some(id), true) = (untouched, alone) {
            self.assessments.retain(|a| a.id != id);
        }
        self.switch_to(self.assessments.len() - 1);
        self.ui.welcome_dismissed = true;
        self.ui.view = View::Data;
        self.ui.notify(Notice::FileOpened(file_name.to_string()));
    }

    /// Adds an assessment file's assessment to the list, after the
    /// assessments it holds that it draws on (each one of its own in the
    /// list, linked to it): its id, or `None` when its rubric could not
    /// be added (said).
    fn add_file(&mut self, file: AssessmentFile, now: &str) -> Option<u64> {
        let mut sources = Vec::new();
        for inner in file.sources {
            let rubric_id =
                scoring_core::Rubric::from_yaml(&inner.rubric.file_name, &inner.rubric.yaml)
                    .map(|r| r.id().to_string())
                    .ok();
            // One already in the list holding the same work is linked, not
            // added again.
            let same = self
                .assessments
                .iter()
                .find(|a| {
                    a.title == inner.title
                        && a.year == inner.year
                        && self
                            .library
                            .get(&a.rubric_key)
                            .is_some_and(|e| e.fingerprint() == inner.rubric.fingerprint)
                        && a.offices.len() == inner.offices.len()
                        && a.offices
                            .iter()
                            .zip(&inner.offices)
                            .all(|(x, y)| x.name == y.name && x.cells == y.cells)
                })
                .map(|a| a.id);
            let drawn = match same {
                Some(id) => Some(id),
                None => self.add_file(inner, now),
            };
            if let (Some(drawn), Some(rubric_id)) = (drawn, rubric_id) {
                sources.push((rubric_id, drawn));
            }
        }
        let known = self
            .library
            .entries
            .iter()
            .find(|e| e.fingerprint() == file.rubric.fingerprint)
            .map(|e| e.key.clone());
        let rubric_key = match known {
            Some(key) => key,
            None => match Rc::make_mut(&mut self.library)
                .add_file(&file.rubric.file_name, &file.rubric.yaml)
            {
                Ok(key) => key,
                // `from_json` validated it already.
                Err(e) => {
                    self.ui.rubric_errors = Some((file.rubric.file_name.clone(), e));
                    return None;
                }
            },
        };
        let id = self.key();
        let mut offices = Vec::with_capacity(file.offices.len());
        for o in file.offices {
            offices.push(Rc::new(OfficeRow {
                key: self.key(),
                name: o.name,
                cells: o.cells,
            }));
        }
        let updated = if file.updated.is_empty() {
            now.to_string()
        } else {
            file.updated
        };
        self.assessments.push(Rc::new(Assessment {
            id,
            form_id: file.id,
            approval: file.approval,
            reopened: file.reopened,
            trail: Rc::new(file.trail),
            title: file.title,
            year: file.year,
            rubric_key,
            offices,
            revision: 0,
            file_saved: Some(0),
            updated,
            period_end: file.period_end,
            item_log: file.item_log.map(|l| {
                Rc::new(LogFile {
                    file_name: l.file_name,
                    rows: l.rows,
                })
            }),
            calendars: file
                .calendars
                .into_iter()
                .map(|c| {
                    Rc::new(CalendarFile {
                        file_name: c.file_name,
                        text: c.text,
                    })
                })
                .collect(),
            sources,
            counts_choice: file.counts_choice,
        }));
        Some(id)
    }

    fn switch_to(&mut self, index: usize) {
        if index != self.current || self.history.can_undo() || self.history.can_redo() {
            self.history = History::default();
        }
        if index != self.current {
            // What was said of the assessment left (an import to undo, an
            // undo done, a reopening) does not hold for the next one.
            self.ui.notices.retain(|n| !n.of_the_assessment());
            self.ui.last_import = None;
        }
        self.current = index;
        self.ui.grid = GridView::default();
        self.ui.office = None;
        self.ui.indicator = None;
        self.ui.import = None;
        self.recompute();
    }
}

/// The worked example as a table.
fn example_table() -> Table {
    // The bundled example is checked by the tests; read it like any file.
    scoring_formats::csv_in::read_csv_text("dept6.csv", EXAMPLE_CSV).unwrap_or(Table {
        source: "dept6.csv".into(),
        rows: Vec::new(),
    })
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        next.apply(action);
        Rc::new(next)
    }
}

/// The first cell (in the stored order of offices, then by column id)
/// that differs from `before` in `after`, among the offices `after` has:
/// the office and the input or text column (`""`: the name).
fn first_change(before: &Assessment, after: &Assessment) -> Option<(u64, String)> {
    for o in &after.offices {
        let Some(b) = before.office(o.key) else {
            // Back after an undo: its name.
            return Some((o.key, String::new()));
        };
        if std::ptr::eq(b, &**o) {
            continue;
        }
        if b.name != o.name {
            return Some((o.key, String::new()));
        }
        let ids = o.cells.keys().chain(b.cells.keys());
        if let Some(id) = ids.filter(|id| o.cell(id) != b.cell(id)).min() {
            return Some((o.key, id.clone()));
        }
    }
    None
}

#[cfg(test)]
mod tests;
