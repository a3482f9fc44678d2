//! Scoring methods: how one leaf indicator turns an office's inputs into a
//! score from 0 to 100.
//!
//! Each method is a small module with its parameters, its arithmetic and its
//! own tests. The engine in [`crate::score`] applies them column by column.

pub mod answer_rate;
pub mod direct;
pub mod on_time;
pub mod rank;

pub use answer_rate::{AnswerRate, AnswerRateOutcome, Deadline};
pub use direct::Direct;
pub use on_time::OnTime;
pub use rank::{Rank, Term, Ties};

/// A reference from a method to one of the rubric's declared inputs.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct InputRef {
    /// The input's id, as written in the rubric.
    pub id: String,
    /// Its position in [`crate::Rubric::inputs`] (and in each dataset row).
    pub index: usize,
}

/// How a leaf indicator is scored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Method {
    /// Rank offices by a linear tally of inputs; first place scores best.
    Rank(Rank),
    /// Answered ÷ asked × 100, less a penalty per late item.
    AnswerRate(AnswerRate),
    /// Full marks when a flag is set, zero otherwise.
    OnTime(OnTime),
    /// A 0–100 score entered by the assessor.
    Direct(Direct),
}

impl Method {
    /// The name used in rubric files (`rank`, `answer_rate`, `on_time`, `direct`).
    pub fn name(&self) -> &'static str {
        match self {
            Method::Rank(_) => "rank",
            Method::AnswerRate(_) => "answer_rate",
            Method::OnTime(_) => "on_time",
            Method::Direct(_) => "direct",
        }
    }

    /// Every input the method reads, in the order the rubric gives them.
    pub fn inputs(&self) -> Vec<&InputRef> {
        match self {
            Method::Rank(r) => r.tally.iter().map(|t| &t.input).collect(),
            Method::AnswerRate(a) => vec![&a.asked, &a.answered, &a.late],
            Method::OnTime(o) => vec![&o.input],
            Method::Direct(d) => vec![&d.input],
        }
    }
}
