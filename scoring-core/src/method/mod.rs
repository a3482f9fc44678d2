//! Scoring methods: how one leaf indicator turns an office's inputs into a
//! score from 0 to 100.
//!
//! **One home per method.** Each method is one module that owns everything
//! about it:
//!
//! - its keys in a rubric file, their kinds, ranges and defaults
//!   (`MethodSpec::PARAMS`, from which the loader's key checks, the JSON
//!   Schema and the docs' parameter table all come), and reading them with
//!   located errors (`MethodSpec::load`);
//! - its canonical parameters (`LeafMethod::canonical`), the one source of
//!   both the fingerprint and the diff;
//! - the checks a data row must pass across its inputs
//!   (`LeafMethod::row_checks`);
//! - its scoring of every office at once (`LeafMethod::score`; any fast
//!   path stays inside the module);
//! - the rule in words and the per-office explanation, in Chinese and
//!   English (`LeafMethod::rule`, `LeafMethod::explain`);
//! - samples for the registry test (`MethodSpec::SAMPLE`,
//!   `MethodSpec::VARIANTS`).
//!
//! The registry at the foot of this file lists them. Adding a method is a
//! new module and one line there; a test walks the registry and fails when
//! a method lacks a section in `docs/rubric.md`, a part of the schema, an
//! example rubric that uses it, or fingerprint and diff coverage of any of
//! its parameters.

#[cfg(test)]
mod registry_tests;
pub mod tally;

pub use answer_rate::{AnswerRateOutcome, Deadline};
pub use deduction::Beyond;
pub use rank::{Term, Ties};
pub use tally::Tally;

use rust_decimal::Decimal;

use crate::canon::Canon;
use crate::dataset::RowCheck;
use crate::lang::Lang;
use crate::rubric::{MapCx, Rubric};
use crate::score::{LeafScore, ScoreCx, ScoreError, Scored};
use crate::spec::Param;

/// A reference from a method to one of the rubric's declared inputs.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct InputRef {
    /// The input's id, as written in the rubric.
    pub id: String,
    /// Its position in [`crate::Rubric::inputs`] (and in each dataset row).
    pub index: usize,
}

/// What a scoring method does once it is read from a rubric file.
pub(crate) trait LeafMethod: std::fmt::Debug {
    /// Every input the method reads, in the order the rubric gives them.
    fn inputs(&self) -> Vec<&InputRef>;

    /// Its parameters in canonical form, in a fixed order: what the
    /// fingerprint hashes and the diff compares. Every parameter that
    /// [`MethodSpec::load`] reads must appear (the registry test checks).
    fn canonical(&self, out: &mut Canon);

    /// Checks across inputs that every office's row must pass (answered
    /// at most asked…), checked when data is read.
    fn row_checks(&self) -> Vec<RowCheck> {
        Vec::new()
    }

    /// Whether the method counts in the indicator's own points (每条扣2分,
    /// 优得20分) rather than a score out of 100: its explanation then ends
    /// with the points of the weight, not a score × the weight.
    fn in_points(&self) -> bool {
        false
    }

    /// The value an office was scored on, as a person reads it (a
    /// choice's name rather than its position).
    fn shown_value(&self, rubric: &Rubric, value: Decimal, lang: Lang) -> String {
        let _ = (rubric, lang);
        crate::num::plain(rubric.round(value))
    }

    /// Whether an office's score depends on the other offices' values (a
    /// place among them, a share of the best): such a leaf cannot be
    /// scored for one office alone.
    fn depends_on_others(&self) -> bool {
        false
    }

    /// Whether the leaf's points may go below 0 (a deduction past the
    /// indicator's points that a group above caps with its `subtotal_floor`).
    fn overdraws(&self) -> bool {
        false
    }

    /// Scores every office. `cx.share()` is the leaf's weight ÷ 100.
    fn score(&self, cx: &ScoreCx<'_>) -> Result<Scored, ScoreError>;

    /// The value an office is scored on, from its inputs (`input(i)` is
    /// its value of input `i`), when [`LeafMethod::score`] does not keep
    /// one: the answer rate, for an answer rate.
    fn value(&self, input: &dyn Fn(usize) -> Decimal) -> Decimal;

    /// The rule, in words, with every parameter.
    fn rule(&self, rubric: &Rubric, lang: Lang) -> String;

    /// How one office's score came about, in `lang`: the explanation
    /// ends with `office.tail`, the points sentence every explanation ends
    /// with (`95分 × 5% = 4.75分`).
    fn explain(&self, office: &Explained<'_>, lang: Lang) -> String;
}

/// What a method explains one office's score from.
pub(crate) struct Explained<'a> {
    /// The rubric.
    pub rubric: &'a Rubric,
    /// The office's inputs, in the rubric's order.
    pub row: &'a [Decimal],
    /// The office's texts, in the order of the rubric's text columns.
    pub texts: &'a [&'a str],
    /// Its result on the leaf.
    pub result: LeafScore,
    /// How the score becomes points, the explanation's last words.
    pub tail: String,
}

/// How a method is declared: its name, its keys and how it is read.
pub(crate) trait MethodSpec: LeafMethod + Sized {
    /// The name in rubric files (`method: rank`).
    const NAME: &'static str;
    /// Its name in words, Chinese and English (`按名次计分`, "by
    /// place"), for people: audits, explanations.
    const LABEL: (&'static str, &'static str);
    /// What it does, in a few words (English), for the schema.
    const SUMMARY: &'static str;
    /// Its keys besides the indicator's own (`id`, `name`, `weight`,
    /// `note`, `method`).
    const PARAMS: &'static [Param];
    /// Reads the method's keys from a leaf's mapping, reporting every
    /// problem located; `None` when the leaf cannot be scored.
    fn load(cx: &mut MapCx<'_, '_>) -> Option<Self>;

    /// A leaf using the method, as YAML (one flow mapping, without `id`,
    /// `name` and `weight`), reading inputs among `c1`–`c3` (counts), `a1`
    /// (an amount) and `f1` (a flag).
    #[cfg(test)]
    const SAMPLE: &'static str;
    /// The sample with one parameter changed, for every key in
    /// [`MethodSpec::PARAMS`]: `(key, leaf)`.
    #[cfg(test)]
    const VARIANTS: &'static [(&'static str, &'static str)];
}

/// One registered method, as the loader, the schema and the tests see it.
pub(crate) struct Entry {
    /// [`MethodSpec::NAME`].
    pub name: &'static str,
    /// [`MethodSpec::SUMMARY`].
    pub summary: &'static str,
    /// [`MethodSpec::PARAMS`].
    pub params: &'static [Param],
    /// [`MethodSpec::load`], its result wrapped in a [`Method`].
    pub load: fn(&mut MapCx<'_, '_>) -> Option<Method>,
    /// [`MethodSpec::SAMPLE`].
    #[cfg(test)]
    pub sample: &'static str,
    /// [`MethodSpec::VARIANTS`].
    #[cfg(test)]
    pub variants: &'static [(&'static str, &'static str)],
}

impl Entry {
    /// The registered method called `name`.
    pub(crate) fn find(name: &str) -> Option<&'static Entry> {
        REGISTRY.iter().find(|e| e.name == name)
    }
}

/// Declares the registry from one line per method, `Variant(module::Type)`:
/// the method's module (`pub mod module;`, its file `method/module.rs`)
/// and type, the [`Method`] enum, its dispatch, and [`REGISTRY`].
macro_rules! registry {
    ($($(#[$doc:meta])* $variant:ident($module:ident :: $ty:ident),)*) => {
        $(pub mod $module;
        pub use $module::$ty;)*

        /// How a leaf indicator is scored.
        #[derive(Debug, Clone, PartialEq, Eq)]
        #[non_exhaustive]
        pub enum Method {
            $($(#[$doc])* $variant($ty),)*
        }

        impl Method {
            /// The name used in rubric files (`rank`, `answer_rate`…).
            pub fn name(&self) -> &'static str {
                match self {
                    $(Method::$variant(_) => <$ty as MethodSpec>::NAME,)*
                }
            }

            /// The method's name in words, in `lang` (`按名次计分`).
            pub(crate) fn label(&self, lang: crate::Lang) -> &'static str {
                let (zh, en) = match self {
                    $(Method::$variant(_) => <$ty as MethodSpec>::LABEL,)*
                };
                lang.pick(zh, en)
            }

            /// The label of the method named `name` in rubric files, in
            /// `lang`; `None` for a name no method has.
            pub(crate) fn label_of(name: &str, lang: crate::Lang) -> Option<&'static str> {
                match name {
                    $(<$ty as MethodSpec>::NAME => {
                        let (zh, en) = <$ty as MethodSpec>::LABEL;
                        Some(lang.pick(zh, en))
                    })*
                    _ => None,
                }
            }

            /// The method's behaviour.
            pub(crate) fn behaviour(&self) -> &dyn LeafMethod {
                match self {
                    $(Method::$variant(m) => m,)*
                }
            }
        }

        /// Every method, in the order the docs present them.
        pub(crate) const REGISTRY: &[Entry] = &[
            $(Entry {
                name: <$ty as MethodSpec>::NAME,
                summary: <$ty as MethodSpec>::SUMMARY,
                params: <$ty as MethodSpec>::PARAMS,
                load: |cx| <$ty as MethodSpec>::load(cx).map(Method::$variant),
                #[cfg(test)]
                sample: <$ty as MethodSpec>::SAMPLE,
                #[cfg(test)]
                variants: <$ty as MethodSpec>::VARIANTS,
            },)*
        ];
    };
}

impl Method {
    /// Every input the method reads, in the order the rubric gives them.
    pub fn inputs(&self) -> Vec<&InputRef> {
        self.behaviour().inputs()
    }

    /// Whether an office's score depends on the other offices' values (a
    /// place among them, a share of the best office's): an office filling
    /// in its own form cannot know it. Every other method scores an
    /// office from its own inputs alone, so scoring one office's row
    /// gives the score it has among all.
    pub fn depends_on_others(&self) -> bool {
        self.behaviour().depends_on_others()
    }
}

registry! {
    /// Rank offices by a linear tally of inputs; first place scores best.
    Rank(rank::Rank),
    /// Answered ÷ asked × 100, less a penalty per late item.
    AnswerRate(answer_rate::AnswerRate),
    /// Full marks when a flag is set, zero otherwise.
    OnTime(on_time::OnTime),
    /// A 0–100 score entered by the assessor.
    Direct(direct::Direct),
    /// A tally ÷ the best office's tally × full marks.
    Proportional(proportional::Proportional),
    /// The indicator's points less a deduction per incident.
    Deduction(deduction::Deduction),
    /// Points by the value of a `choice` input.
    Choice(choice::Choice),
    /// Points per item by kind, up to the indicator's points.
    PerItem(per_item::PerItem),
    /// The assessor's own deduction within bounds, with a reason.
    Judgement(judgement::Judgement),
    /// A count per period against a quota, points off per empty or short
    /// period.
    Quota(quota::Quota),
    /// Points in steps by how far the periods exceed their quota.
    Excess(excess::Excess),
    /// A value brought in from elsewhere, ÷ its maximum × 100.
    Rescaled(rescaled::Rescaled),
}
