//! Tests carried by rubrics: each example is a small dataset with the
//! published totals, places and (optionally) leaf scores and points it must
//! give. [`check`] compares a scorecard with an example's expectations and
//! reports, for each failure, the office, the indicator, what was expected
//! and what was got.
//!
//! Reading an example's data (CSV text) is the callers' business, through
//! `scoring-formats` (which has `run_example`): the core parses no CSV.

use std::fmt;

use rust_decimal::Decimal;

use crate::lang::Lang;
use crate::num::plain;
use crate::rubric::{Example, Location, Rubric};
use crate::score::Scorecard;

/// What an expectation is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Checked {
    /// The published total.
    Total,
    /// The overall place.
    Place,
    /// A leaf's score, by id.
    Score(String),
    /// A leaf's points, by id.
    Points(String),
    /// The grade band.
    Grade,
    /// Whether it is in the top share.
    TopShare,
    /// The office itself (missing from the data).
    Office,
}

/// One expectation not met.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    /// The example.
    pub example: String,
    /// The office.
    pub office: String,
    /// What was checked.
    pub checked: Checked,
    /// Expected, as written.
    pub expected: String,
    /// Got, as published.
    pub actual: String,
    /// Where the expectation is written.
    pub location: Option<Location>,
}

impl Failure {
    /// The failure in words, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        let what = match (&self.checked, lang) {
            (Checked::Total, Lang::Zh) => "总分".to_string(),
            (Checked::Total, Lang::En) => "total".to_string(),
            (Checked::Place, Lang::Zh) => "名次".to_string(),
            (Checked::Place, Lang::En) => "place".to_string(),
            (Checked::Score(id), Lang::Zh) => format!("{id} 得分"),
            (Checked::Score(id), Lang::En) => format!("{id} score"),
            (Checked::Points(id), Lang::Zh) => format!("{id} 折算分"),
            (Checked::Points(id), Lang::En) => format!("{id} points"),
            (Checked::Grade, Lang::Zh) => "等次".to_string(),
            (Checked::Grade, Lang::En) => "grade".to_string(),
            (Checked::TopShare, Lang::Zh) => "是否在前列".to_string(),
            (Checked::TopShare, Lang::En) => "in the top share".to_string(),
            (Checked::Office, Lang::Zh) => "处室".to_string(),
            (Checked::Office, Lang::En) => "office".to_string(),
        };
        let at = self
            .location
            .map(|l| format!("{}:{}: ", l.line, l.column))
            .unwrap_or_default();
        match lang {
            Lang::Zh => format!(
                "{at}示例“{}”，处室“{}”，{what}：预期 {}，实际 {}",
                self.example, self.office, self.expected, self.actual
            ),
            Lang::En => format!(
                "{at}example “{}”, office {}, {what}: expected {}, got {}",
                self.example, self.office, self.expected, self.actual
            ),
        }
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

fn differs(expected: Decimal, published: Decimal) -> bool {
    expected.normalize() != published.normalize()
}

/// Compares a scorecard (of the example's data, under `rubric`) with the
/// example's expectations. Totals, scores and points are compared with
/// their published (rounded) values.
pub fn check(rubric: &Rubric, example: &Example, card: &Scorecard) -> Vec<Failure> {
    let mut out = Vec::new();
    for e in &example.expect {
        let fail = |checked, expected: String, actual: String| Failure {
            example: example.name.clone(),
            office: e.office.clone(),
            checked,
            expected,
            actual,
            location: e.location,
        };
        let Some(office) = card.find(&e.office) else {
            out.push(fail(Checked::Office, e.office.clone(), "—".into()));
            continue;
        };
        if let Some(t) = e.total
            && differs(t, office.total())
        {
            out.push(fail(
                Checked::Total,
                plain(t),
                rubric.publish(office.total()),
            ));
        }
        if let Some(p) = e.place
            && p != office.place()
        {
            out.push(fail(
                Checked::Place,
                p.to_string(),
                office.place().to_string(),
            ));
        }
        if let Some(want) = &e.grade {
            let bands = &rubric.grading().bands;
            let got = office.band().map(|b| &bands[b].name);
            let same = got.is_some_and(|g| g.zh == *want || g.en.as_deref() == Some(want.as_str()));
            if !same {
                out.push(fail(
                    Checked::Grade,
                    want.clone(),
                    got.map(|g| g.zh.clone()).unwrap_or_else(|| "—".into()),
                ));
            }
        }
        if let Some(want) = e.top_share
            && want != office.in_top_share()
        {
            out.push(fail(
                Checked::TopShare,
                want.to_string(),
                office.in_top_share().to_string(),
            ));
        }
        let leaves = e
            .scores
            .iter()
            .map(|(id, want)| (id, want, false))
            .chain(e.points.iter().map(|(id, want)| (id, want, true)));
        for (id, want, points) in leaves {
            let Some((slot, _)) = rubric.find_leaf(id) else {
                continue;
            };
            let leaf = office.leaf(slot);
            let (got, checked) = if points {
                (rubric.round(leaf.points), Checked::Points(id.clone()))
            } else {
                (rubric.round(leaf.score), Checked::Score(id.clone()))
            };
            if differs(*want, got) {
                out.push(fail(checked, plain(*want), got.to_string()));
            }
        }
    }
    out
}
