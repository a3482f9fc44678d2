//! Every score explains itself: the rule in words, and for each office the
//! value, its place among how many, the score and the points it adds.
//!
//! `第3名/共24个（17条）→ 90分 × 5% = 4.50分`
//! `3rd of 24 (17 items) → 90 × 5% = 4.50 points`

use crate::dataset::Dataset;
use crate::lang::Lang;
use crate::method::Method;
use crate::num::plain;
use crate::rubric::Rubric;
use crate::score::Scorecard;

/// The rule a method applies, in words, with every parameter.
pub fn rule(rubric: &Rubric, method: &Method, lang: Lang) -> String {
    method.behaviour().rule(rubric, lang)
}

/// How one office's score on one leaf came about, in `lang`.
///
/// `office` is the office's position in the dataset and scorecard; `slot`
/// the leaf's position in [`Rubric::leaves`].
pub fn leaf(
    rubric: &Rubric,
    data: &Dataset,
    card: &Scorecard,
    office: usize,
    slot: usize,
    lang: Lang,
) -> String {
    let indicator = rubric.indicator(rubric.leaves()[slot]);
    let method = indicator.method().expect("leaves have methods");
    let result = card.office(office).leaf(slot);
    let pct = plain(rubric.weight_percent(indicator.weight));
    let score = plain(rubric.round(result.score));
    let points = rubric.publish(result.points);
    let tail = match lang {
        Lang::Zh => format!("{score}分 × {pct}% = {points}分"),
        Lang::En => format!("{score} × {pct}% = {points} points"),
    };
    method
        .behaviour()
        .explain(rubric, &data.row(office), &result, &tail, lang)
}

/// How one adjustment moved one office's total, in `lang`.
pub fn adjustment(
    rubric: &Rubric,
    data: &Dataset,
    card: &Scorecard,
    office: usize,
    k: usize,
    lang: Lang,
) -> String {
    rubric.adjustments()[k].explain(rubric, data, card, office, k, lang)
}

/// Why an office's total is not the plain sum of its points and
/// adjustments, when the total was kept within [0, rubric total]; `None`
/// otherwise.
pub fn total_note(rubric: &Rubric, card: &Scorecard, office: usize, lang: Lang) -> Option<String> {
    let o = card.office(office);
    let sum = (0..rubric.adjustments().len()).fold(o.unadjusted(), |acc, k| acc + o.adjustment(k));
    if sum == o.exact_total() {
        return None;
    }
    let (sum, total) = (rubric.publish(sum), plain(rubric.total()));
    Some(match lang {
        Lang::Zh => format!(
            "得分与加减分合计 {sum} 分，总分在 0 到 {total} 分之间，计为 {}",
            rubric.publish(o.total())
        ),
        Lang::En => format!(
            "points and adjustments add up to {sum}; totals are kept within 0–{total}, so {}",
            rubric.publish(o.total())
        ),
    })
}
