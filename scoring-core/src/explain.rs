//! Every score explains itself: the rule in words, and for each office the
//! value, its place among how many, the score and the points it adds.
//!
//! `第3名/共24个（17条）→ 90分 × 5% = 4.50分`
//! `3rd of 24 (17 items) → 90 × 5% = 4.50 points`

use crate::dataset::Dataset;
use crate::lang::Lang;
use crate::method::{Explained, Method};
use crate::num::plain;
use crate::rubric::Rubric;
use crate::score::Scorecard;

/// The rule a method applies, in words, with every parameter.
pub fn rule(rubric: &Rubric, method: &Method, lang: Lang) -> String {
    method.behaviour().rule(rubric, lang)
}

/// How a leaf's score becomes its points, `score × weight / 100`, in
/// words that are true for any rubric total: `95分 × 5% = 4.75分` where
/// the total is 100 (the weight is then also the share of the total), and
/// `100分 × 40/100 = 40.00分` otherwise (a leaf of weight 40 in a
/// 108-point rubric is 37.04% of the total, but its points are 40 × the
/// score ÷ 100).
fn points_sentence(
    rubric: &Rubric,
    weight: rust_decimal::Decimal,
    score: rust_decimal::Decimal,
    points: rust_decimal::Decimal,
    lang: Lang,
) -> String {
    let score = plain(rubric.round(score));
    let points = rubric.publish(points);
    let factor = if rubric.total() == rust_decimal::Decimal::ONE_HUNDRED {
        format!("{}%", plain(weight))
    } else {
        format!("{}/100", plain(weight))
    };
    match lang {
        Lang::Zh => format!("{score}分 × {factor} = {points}分"),
        Lang::En => format!("{score} × {factor} = {points} points"),
    }
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
    let tail = points_sentence(rubric, indicator.weight, result.score, result.points, lang);
    let row = data.row(office);
    method.behaviour().explain(
        &Explained {
            rubric,
            row: &row,
            result,
            tail,
        },
        lang,
    )
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

/// The name of the limit that keeps totals within [0, rubric total], for
/// a column or a line beside the adjustments (see
/// [`crate::OfficeScore::limit`]).
pub fn limit_name(rubric: &Rubric, lang: Lang) -> String {
    let total = plain(rubric.total());
    match lang {
        Lang::Zh => format!("总分限定（0–{total}分）"),
        Lang::En => format!("kept within 0–{total}"),
    }
}

/// Why an office's total is not the plain sum of its points and
/// adjustments, when the total was kept within [0, rubric total], with
/// what the limit changed; `None` otherwise.
pub fn total_note(rubric: &Rubric, card: &Scorecard, office: usize, lang: Lang) -> Option<String> {
    let o = card.office(office);
    let limit = o.limit();
    if limit.is_zero() {
        return None;
    }
    let sum = rubric.publish(o.exact_total() - limit);
    let total = plain(rubric.total());
    let published = rubric.publish(o.total());
    let change = format!(
        "{}{}",
        if limit.is_sign_negative() { "−" } else { "+" },
        rubric.publish(limit.abs())
    );
    let below = !limit.is_sign_negative();
    Some(match (lang, below) {
        (Lang::Zh, true) => {
            format!("得分与加减分合计 {sum} 分，低于 0 分：总分计为 {published} 分（{change} 分）")
        }
        (Lang::Zh, false) => format!(
            "得分与加减分合计 {sum} 分，超过总分 {total} 分：总分计为 {published} 分（{change} 分）"
        ),
        (Lang::En, true) => {
            format!(
                "points and adjustments add up to {sum}, below 0: the total is {published} ({change})"
            )
        }
        (Lang::En, false) => format!(
            "points and adjustments add up to {sum}, above the rubric's {total}: the total is {published} ({change})"
        ),
    })
}
