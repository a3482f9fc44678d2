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
//! ```
//! use scoring_core::{bundled, Dataset, Lang, Rubric, Table, TableRow, explain, score};
//!
//! let rubric = Rubric::from_yaml("shandong-commerce-2017.yaml", bundled::SHANDONG_2017)?;
//! let header: Vec<String> = std::iter::once("office".to_string())
//!     .chain(rubric.inputs().iter().map(|i| i.id.clone()))
//!     .collect();
//! let row = |line: u32, name: &str, v: u32| {
//!     let cells = rubric.inputs().iter().map(|i| match i.kind {
//!         scoring_core::InputKind::Flag => "是".to_string(),
//!         _ if i.id.ends_with("_late") => "0".to_string(),
//!         _ => v.to_string(),
//!     });
//!     TableRow::new(line, std::iter::once(name.to_string()).chain(cells))
//! };
//! let table = Table {
//!     source: "example".into(),
//!     rows: vec![TableRow::new(1, header), row(2, "甲处", 3), row(3, "乙处", 2)],
//! };
//! let data = Dataset::from_table(&rubric, &table)?;
//! let card = score(&rubric, &data)?;
//! let best = card.ranking()[0];
//! assert_eq!(best.name(), "甲处");
//! assert_eq!(rubric.publish(best.total()), "100.00");
//! let why = explain::leaf(&rubric, &data, &card, 1, 0, Lang::Zh);
//! assert_eq!(why, "第2名/共2个（2条）→ 95分 × 5% = 4.75分");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod adjustment;
pub mod bundled;
pub mod calendar;
mod canon;
pub mod dataset;
pub mod diff;
pub mod examples;
pub mod explain;
pub mod fingerprint;
mod fixed;
pub mod items;
pub mod lang;
pub mod method;
pub mod num;
mod place;
mod ranking;
pub mod report;
pub mod rubric;
pub mod schema;
pub mod score;
mod spec;
mod suggest;

pub use dataset::{
    ColumnMap, DataError, DataErrors, DataProblem, Dataset, DatasetBuilder, Office, RowSink, Table,
    TableRow,
};
pub use lang::{Lang, Text};
pub use num::Rounding;
pub use report::{Explanations, IndicatorReport, OfficeReport, Report, ReportOptions};
pub use rubric::{
    Adjustment, AdjustmentKind, CalendarOverride, Example, ExampleData, Expectation, Indicator,
    IndicatorKind, Input, InputKind, Location, Rubric, RubricError, RubricErrors, RubricProblem,
};
/// Every figure is a [`Decimal`] (re-exported from `rust_decimal`).
pub use rust_decimal::Decimal;
pub use score::{LeafClass, LeafScore, OfficeScore, ScoreError, Scorecard, score};
pub use suggest::closest;
