//! # scoring-core
//!
//! A pure library for the tiered, weighted rubrics that Chinese government
//! departments use to score their offices (处室) each year: read a rubric
//! from YAML, validate it, read a year's counts, score them exactly and
//! explain every point.
//!
//! ## Design
//!
//! - **Pure.** No files, network, clock or global state: callers hand in
//!   text and tables and get values back. The same crate runs in the
//!   `scoring` command and, compiled to WebAssembly, in the browser.
//! - **Exact.** Every score, weight, ratio and coefficient is a
//!   [`rust_decimal::Decimal`]; there is no `f64` anywhere in scoring.
//!   Rounding happens once, where the rubric says ([`Rubric::publish`]).
//! - **Validated once.** A [`Rubric`] only exists once
//!   [`Rubric::from_yaml`] has checked it; a [`Dataset`] only once
//!   [`Dataset::from_table`] has checked it against a rubric. Scoring then
//!   cannot fail on bad input.
//! - **Located, bilingual errors.** Every problem names its place (file,
//!   line, column, office, input) and renders in Chinese or English
//!   ([`Lang`]).
//!
//! ## From a rubric and a CSV file to JSON
//!
//! ```
//! use scoring_core::{Report, ReportOptions, Rubric, score};
//!
//! let rubric = Rubric::from_yaml("shandong.yaml", scoring_core::bundled::SHANDONG_2017)?;
//! let csv = include_bytes!("../../tests/fixtures/dept6.csv");
//! let data = scoring_formats::read_dataset(&rubric, "dept6.csv", csv)?;
//! let report = Report::new(&rubric, &data, &score(&rubric, &data)?, &ReportOptions::default());
//! let json = serde_json::to_string_pretty(&report)?;
//! # assert!(json.contains(r#""office": "法规处""#));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! `scoring_formats::read_dataset` reads CSV (UTF-8, GB18030, UTF-16) and
//! XLSX; a caller with its own rows builds a [`Table`] or hands rows to a
//! [`DatasetBuilder`]. Every error (a rubric's, a data file's) turns into
//! [`Diagnostic`]s with stable codes, places and both languages' messages.
//!
//! ## Reading results and explanations by id
//!
//! ```
//! # use scoring_core::{Report, ReportOptions, Rubric, score, Lang, explain};
//! # let rubric = Rubric::from_yaml("shandong.yaml", scoring_core::bundled::SHANDONG_2017)?;
//! # let data = scoring_formats::read_dataset(&rubric, "dept6.csv", include_bytes!("../../tests/fixtures/dept6.csv"))?;
//! let card = score(&rubric, &data)?;
//! let report = Report::new(&rubric, &data, &card, &ReportOptions::default());
//! let office = report.office("法规处").expect("in the data");
//! assert_eq!((office.total.to_string(), office.rank), ("89.08".to_string(), 3));
//! let drafts = office.indicator("decision_drafts").expect("a leaf of the rubric");
//! assert_eq!((drafts.place, drafts.score.to_string()), (Some(1), "100.00".to_string()));
//!
//! let why = explain::find(&rubric, &data, &card, "法规处", "decision_drafts").expect("known ids");
//! assert_eq!(why.message(Lang::Zh), "第1名/共6个（6条）→ 100分 × 5% = 5.00分");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! Walking a rubric gives typed positions ([`LeafIx`], [`OfficeIx`]…):
//! `for (leaf, indicator) in rubric.leaves()` then `office.leaf(leaf)`;
//! an office's position cannot be passed where a leaf's is wanted.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod adjustment;
pub mod bundled;
pub mod calendar;
mod canon;
pub mod category;
pub mod compose;
pub mod dataset;
pub mod diagnostic;
pub mod diff;
pub mod examples;
pub mod explain;
pub mod fingerprint;
mod fixed;
pub mod grading;
pub mod items;
pub mod ix;
pub mod lang;
pub mod method;
pub mod num;
mod place;
mod published;
mod ranking;
pub mod report;
pub mod rubric;
pub mod schema;
pub mod score;
mod sorting;
mod spec;
mod suggest;

pub use dataset::{
    ColumnMap, DataError, DataErrors, DataProblem, Dataset, DatasetBuilder, Office, RowSink, Table,
    TableRow,
};
pub use diagnostic::{Diagnostic, Messages};
pub use ix::{AdjustmentIx, GroupIx, IndicatorIx, InputIx, LeafIx, OfficeIx, Positions, TextIx};
pub use lang::{Lang, Text};
pub use num::Rounding;
pub use published::{Published, PublishedOffice};
pub use report::{Explanations, IndicatorReport, OfficeReport, Report, ReportOptions};
pub use rubric::{
    Adjustment, AdjustmentKind, CalendarOverride, CellValue, Example, ExampleData, Expectation,
    Indicator, IndicatorKind, Input, InputKind, Location, Rubric, RubricError, RubricErrors,
    RubricProblem,
};
/// Every figure is a [`Decimal`] (re-exported from `rust_decimal`).
pub use rust_decimal::Decimal;
pub use score::{LeafScore, OfficeScore, ScoreError, Scorecard, score};
pub use suggest::closest;

/// The README's examples, run as tests.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
struct ReadmeExamples;
