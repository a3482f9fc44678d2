//! Every score explains itself: the rule in words, and for each office the
//! value, its place among how many, the score and the points it adds.
//!
//! `第3名/共24个（17条）→ 90分 × 5% = 4.50分`
//! `3rd of 24 (17 items) → 90 × 5% = 4.50 points`

use rust_decimal::Decimal;

use crate::dataset::Dataset;
use crate::lang::{Lang, ordinal_en};
use crate::method::{Method, Rank, Ties};
use crate::num::plain;
use crate::rubric::{AdjustmentKind, Rubric};
use crate::score::Scorecard;

/// A score as shown in an explanation: rounded per the rubric, without
/// trailing zeros (`90`, `64.67`).
fn short(rubric: &Rubric, value: Decimal) -> String {
    plain(rubric.round(value))
}

fn tally_words(rubric: &Rubric, rank: &Rank, lang: Lang) -> String {
    let label = |i: usize| rubric.inputs()[i].label.get(lang).to_string();
    if let [term] = rank.tally.as_slice()
        && term.coefficient == Decimal::ONE
    {
        return label(term.input.index);
    }
    let mut out = String::new();
    for (k, term) in rank.tally.iter().enumerate() {
        let c = term.coefficient;
        let sign = if c.is_sign_negative() { " − " } else { " + " };
        if k == 0 {
            if c.is_sign_negative() {
                out.push('−');
            }
        } else {
            out.push_str(sign);
        }
        out.push_str(&format!("{} × {}", label(term.input.index), plain(c.abs())));
    }
    out
}

/// The rule a method applies, in words, with every parameter.
pub fn rule(rubric: &Rubric, method: &Method, lang: Lang) -> String {
    let label = |i: usize| rubric.inputs()[i].label.get(lang).to_string();
    match (method, lang) {
        (Method::Rank(r), Lang::Zh) => {
            let ties = match r.ties {
                Ties::Competition => "并列者名次相同，其后名次顺延（1、2、2、4）",
                Ties::Dense => "并列者名次相同，其后名次不空缺（1、2、2、3）",
            };
            format!(
                "按{}排名：第一名{}分，名次每后一位减{}分，最低{}分；{}",
                tally_words(rubric, r, lang),
                plain(r.first),
                plain(r.step),
                plain(r.floor),
                ties
            )
        }
        (Method::Rank(r), Lang::En) => {
            let ties = match r.ties {
                Ties::Competition => {
                    "ties share the best place and the next is skipped (1, 2, 2, 4)"
                }
                Ties::Dense => "ties share a place and none is skipped (1, 2, 2, 3)",
            };
            format!(
                "ranked by {}: 1st place {}, {} less per place, at least {}; {}",
                tally_words(rubric, r, lang),
                plain(r.first),
                plain(r.step),
                plain(r.floor),
                ties
            )
        }
        (Method::AnswerRate(a), Lang::Zh) => {
            let late = match a.deadline {
                Some(d) => format!("超过{}个工作日未答复的", d.working_days),
                None => "超期答复的".to_string(),
            };
            format!(
                "{} ÷ {} × 100（提问量为0时按100%计）；{}每条扣{}分（{}）；得分在0到100之间",
                label(a.answered.index),
                label(a.asked.index),
                late,
                plain(a.penalty),
                label(a.late.index)
            )
        }
        (Method::AnswerRate(a), Lang::En) => {
            let late = match a.deadline {
                Some(d) => format!("not answered within {} working days", d.working_days),
                None => "answered late".to_string(),
            };
            format!(
                "{} ÷ {} × 100 (100 when nothing was asked), less {} per item {} ({}); kept within 0–100",
                label(a.answered.index),
                label(a.asked.index),
                plain(a.penalty),
                late,
                label(a.late.index)
            )
        }
        (Method::OnTime(o), Lang::Zh) => format!(
            "{}：按时得{}分，逾期0分",
            label(o.input.index),
            plain(o.full)
        ),
        (Method::OnTime(o), Lang::En) => format!(
            "{}: {} when on time, 0 when late",
            label(o.input.index),
            plain(o.full)
        ),
        (Method::Direct(d), Lang::Zh) => {
            format!("由评估人直接评定0到100分（{}）", label(d.input.index))
        }
        (Method::Direct(d), Lang::En) => {
            format!("scored 0–100 by the assessor ({})", label(d.input.index))
        }
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
    let pct = plain(rubric.weight_percent(indicator.weight));
    let score = short(rubric, result.score);
    let points = rubric.publish(result.points);
    let tail = match lang {
        Lang::Zh => format!("{score}分 × {pct}% = {points}分"),
        Lang::En => format!("{score} × {pct}% = {points} points"),
    };
    let row = data.row(office);
    match method {
        Method::Rank(r) => {
            let placing = result.placing.expect("ranked leaves have places");
            let unit = r.unit.as_ref().map(|u| u.get(lang)).unwrap_or("");
            let value = plain(result.value);
            let floor = r.at_floor(placing.place);
            match lang {
                Lang::Zh => format!(
                    "{}第{}名/共{}个（{}{}）→ {}{}",
                    if placing.shared { "并列" } else { "" },
                    placing.place,
                    result.of,
                    value,
                    unit,
                    if floor { "最低分 " } else { "" },
                    tail
                ),
                Lang::En => format!(
                    "{}{} of {} ({}{}{}) → {}{}",
                    if placing.shared { "tied " } else { "" },
                    ordinal_en(placing.place as u64),
                    result.of,
                    value,
                    if unit.is_empty() { "" } else { " " },
                    unit,
                    if floor { "floor " } else { "" },
                    tail
                ),
            }
        }
        Method::AnswerRate(a) => {
            let (asked, answered, late) =
                (row[a.asked.index], row[a.answered.index], row[a.late.index]);
            let out = a.outcome(asked, answered, late);
            let mut s = match (asked.is_zero(), lang) {
                (true, Lang::Zh) => "无提问，答复率按100%计".to_string(),
                (true, Lang::En) => "nothing asked: rate counts as 100%".to_string(),
                (false, Lang::Zh) => format!(
                    "答复{}/提问{} = {}%",
                    plain(answered),
                    plain(asked),
                    short(rubric, out.rate)
                ),
                (false, Lang::En) => format!(
                    "answered {} of {} = {}%",
                    plain(answered),
                    plain(asked),
                    short(rubric, out.rate)
                ),
            };
            if !late.is_zero() {
                s.push_str(&match lang {
                    Lang::Zh => format!(
                        "；超期{}条 × {}分 = −{}分",
                        plain(late),
                        plain(a.penalty),
                        plain(out.deduction)
                    ),
                    Lang::En => format!(
                        "; {} late × {} = −{}",
                        plain(late),
                        plain(a.penalty),
                        plain(out.deduction)
                    ),
                });
            }
            if out.clamped {
                s.push_str(lang.pick("；最低0分", "; not below 0"));
            }
            format!("{s} → {tail}")
        }
        Method::OnTime(_) => {
            let on_time = !result.value.is_zero();
            let head = match (on_time, lang) {
                (true, Lang::Zh) => "按时上报",
                (false, Lang::Zh) => "未按时上报",
                (true, Lang::En) => "on time",
                (false, Lang::En) => "not on time",
            };
            format!("{head} → {tail}")
        }
        Method::Direct(_) => match lang {
            Lang::Zh => format!("评定得分 → {tail}"),
            Lang::En => format!("score entered → {tail}"),
        },
    }
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
    let adj = &rubric.adjustments()[k];
    let value = data.value(office, adj.input.index);
    let applied = card.office(office).adjustment(k);
    let raw = value * adj.points;
    let capped = raw > adj.cap;
    let sign = match adj.kind {
        AdjustmentKind::Bonus => "+",
        AdjustmentKind::Penalty => "−",
    };
    let name = adj.name.get(lang);
    let shown = rubric.publish(applied.abs());
    match lang {
        Lang::Zh => format!(
            "{name}：{} × {}分 = {}分{} → {sign}{shown}分",
            plain(value),
            plain(adj.points),
            plain(raw),
            if capped {
                format!("，上限{}分", plain(adj.cap))
            } else {
                String::new()
            }
        ),
        Lang::En => format!(
            "{name}: {} × {} = {}{} → {sign}{shown} points",
            plain(value),
            plain(adj.points),
            plain(raw),
            if capped {
                format!(", capped at {}", plain(adj.cap))
            } else {
                String::new()
            }
        ),
    }
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
