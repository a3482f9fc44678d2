//! Every score explains itself: the rule in words, and for each office the
//! value, its place among how many, the score and the points it adds.
//!
//! `第3名/共24个（17条）→ 90分 × 5% = 4.50分`
//! `3rd of 24 (17 items) → 90 × 5% = 4.50 points`

use rust_decimal::Decimal;

use crate::dataset::Dataset;
use crate::ix::{AdjustmentIx, GroupIx, IndicatorIx, LeafIx, OfficeIx};
use crate::lang::Lang;
use crate::method::{Explained, Method};
use crate::num::plain;
use crate::rubric::{IndicatorKind, Rubric};
use crate::score::{LeafScore, Scorecard};

/// The rule a method applies, in words, with every parameter.
pub fn rule(rubric: &Rubric, method: &Method, lang: Lang) -> String {
    method.behaviour().rule(rubric, lang)
}

/// A leaf's whole rule: its method's, and the flag that zeroes it
/// (`zero_if`), if any.
pub fn leaf_rule(rubric: &Rubric, leaf: LeafIx, lang: Lang) -> String {
    let indicator = rubric.leaf(leaf);
    let method = indicator.method().expect("leaves have methods");
    let mut out = rule(rubric, method, lang);
    if let IndicatorKind::Leaf {
        zero_if: Some(flag),
        ..
    } = &indicator.kind
    {
        let label = rubric.inputs[flag.index].label.get(lang);
        out.push_str(&match lang {
            Lang::Zh => format!("；{label}的，本项不得分"),
            Lang::En => format!("; 0 when {label}"),
        });
    }
    if let IndicatorKind::Leaf {
        may_be_na: true, ..
    } = &indicator.kind
    {
        out.push_str(lang.pick("；可填“不适用”（N/A）", "; may be not applicable (N/A)"));
    }
    out
}

/// An indicator's rule in words: a leaf's (see [`leaf_rule`]); a group's
/// when it caps deductions (`subtotal_floor`); `None` for a plain group, whose
/// subtotal is the sum of its children.
pub fn indicator_rule(rubric: &Rubric, indicator: IndicatorIx, lang: Lang) -> Option<String> {
    match &rubric.indicator(indicator).kind {
        IndicatorKind::Leaf { slot, .. } => Some(leaf_rule(rubric, *slot, lang)),
        IndicatorKind::Group {
            floor: Some(floor), ..
        } => Some(match lang {
            Lang::Zh => format!(
                "各项得分之和，扣分以本项分值为限（最低{}分）",
                plain(*floor)
            ),
            Lang::En => format!(
                "the sum of its items; deductions stop at the group's points (at least {})",
                plain(*floor)
            ),
        }),
        IndicatorKind::Group { .. } => None,
    }
}

/// Why a group's subtotal is not the sum of its parts as shown: its
/// `subtotal_floor` kept it from going lower, or its parts, each rounded
/// for display, add up to a cent more or less than the subtotal rounded
/// from the exact sum. `None` when the parts as shown add up.
pub fn group_note(
    rubric: &Rubric,
    card: &Scorecard,
    office: OfficeIx,
    group: GroupIx,
    lang: Lang,
) -> Option<String> {
    if let Some(sum) = card.floored(group, office.index())
        && let IndicatorKind::Group {
            floor: Some(floor), ..
        } = rubric.group(group).kind
    {
        let (sum, floor) = (rubric.publish(sum), rubric.publish(floor));
        return Some(match lang {
            Lang::Zh => format!("各项合计 {sum} 分，扣分以本项分值为限：本项计 {floor} 分"),
            Lang::En => format!(
                "its parts add up to {sum}; deductions stop at the group's points: it counts {floor}"
            ),
        });
    }
    // The parts as shown, each rounded.
    let o = card.office(office);
    let mut shown = rust_decimal::Decimal::ZERO;
    for &child in rubric.group(group).children() {
        match &rubric.indicator(child).kind {
            IndicatorKind::Leaf { slot, .. } if o.not_applicable(*slot) => return None,
            IndicatorKind::Leaf { slot, .. } => shown += o.published_leaf(*slot).1,
            IndicatorKind::Group { slot, .. } if o.group_not_applicable(*slot) => return None,
            IndicatorKind::Group { slot, .. } => shown += o.published_group(*slot),
        }
    }
    let subtotal = o.published_group(group);
    if shown == subtotal {
        return None;
    }
    let exact = o.group(group);
    // Six decimals are enough to see why it rounds as it does.
    let cut = exact.round_dp(6);
    let exact = if cut == exact {
        plain(exact)
    } else {
        format!("{}…", plain(cut))
    };
    let shown = rubric.publish(shown);
    Some(match lang {
        Lang::Zh => format!(
            "各项显示值相加为 {shown} 分；各项均已四舍五入，本项按精确值 {exact} 分合计后再四舍五入为 {subtotal} 分"
        ),
        Lang::En => format!(
            "its parts as shown add up to {shown}; each is rounded, and the subtotal is the exact {exact} rounded: {subtotal}"
        ),
    })
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

/// How one office's score on one leaf came about, in `lang`: the same
/// as [`leaf_explanation`]`(…).message(lang)`.
pub fn leaf(
    rubric: &Rubric,
    data: &Dataset,
    card: &Scorecard,
    office: OfficeIx,
    leaf: LeafIx,
    lang: Lang,
) -> String {
    leaf_explanation(rubric, data, card, office, leaf).message(lang)
}

/// How one office's score on one leaf came about, in parts (the value, the
/// place among how many, the score, the weight, the points) and in words
/// ([`LeafExplanation::message`]).
///
/// ```
/// # let rubric = scoring_core::Rubric::from_yaml("s", scoring_core::bundled::SHANDONG_2017)?;
/// # let csv = include_str!("../../tests/fixtures/dept6.csv");
/// # let table = scoring_core::Table { source: "dept6.csv".into(), rows: csv.lines().enumerate().map(|(n, l)| scoring_core::TableRow::new(n as u32 + 1, l.split(','))).collect() };
/// # let data = scoring_core::Dataset::from_table(&rubric, &table)?;
/// # let card = scoring_core::score(&rubric, &data)?;
/// use scoring_core::{Lang, explain};
///
/// let why = explain::find(&rubric, &data, &card, "法规处", "decision_drafts").expect("known ids");
/// assert_eq!((why.place, why.of), (Some(1), 6));
/// assert_eq!(why.points.to_string(), "5.00");
/// assert_eq!(why.message(Lang::En), "1st of 6 (6 items) → 100 × 5% = 5.00 points");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn leaf_explanation<'r>(
    rubric: &'r Rubric,
    data: &Dataset,
    card: &Scorecard,
    office: OfficeIx,
    leaf: LeafIx,
) -> LeafExplanation<'r> {
    let indicator = rubric.leaf(leaf);
    let result = card.office(office).leaf(leaf);
    LeafExplanation {
        value: result.value,
        place: result.placing.map(|p| p.place),
        of: result.of,
        score: result.score,
        weight: indicator.weight,
        points: result.points,
        rubric,
        leaf,
        row: data.row(office),
        texts: rubric
            .text_columns()
            .map(|(t, _)| data.text(office, t).to_string())
            .collect(),
        result,
        category: card.office(office).category().and_then(|k| {
            let c = rubric.categories()?.list.get(k)?;
            Some((c.name.clone(), c.total))
        }),
    }
}

/// The explanation of one office's result on one leaf indicator, both
/// named by id (an office's name, a leaf's id); `None` when either is
/// unknown.
pub fn find<'r>(
    rubric: &'r Rubric,
    data: &Dataset,
    card: &Scorecard,
    office: &str,
    indicator: &str,
) -> Option<LeafExplanation<'r>> {
    let office = card.find(office)?.ix();
    let (leaf, _) = rubric.find_leaf(indicator)?;
    Some(leaf_explanation(rubric, data, card, office, leaf))
}

/// The value an office was scored on for a leaf, as a person reads it: a
/// choice's name rather than its position, `不适用` for a leaf that does
/// not apply, the number otherwise.
pub fn shown_value(rubric: &Rubric, leaf: LeafIx, result: &LeafScore, lang: Lang) -> String {
    if result.outside_category {
        return lang.pick("不考核", "not assessed").to_string();
    }
    if result.not_applicable {
        return lang.pick("不适用", "N/A").to_string();
    }
    let method = rubric.leaf(leaf).method().expect("leaves have methods");
    method.behaviour().shown_value(rubric, result.value, lang)
}

/// One office's result on one leaf, in parts and in words (see
/// [`leaf_explanation`]). Figures are exact; [`Rubric::round`] rounds
/// them as published.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct LeafExplanation<'r> {
    /// The value scored: the tally for a rank, the answer rate (%) for an
    /// answer rate, 1 or 0 for a flag, the score entered for a direct
    /// score.
    pub value: Decimal,
    /// The place among the offices, on a ranked leaf.
    pub place: Option<u32>,
    /// How many offices were scored.
    pub of: usize,
    /// The leaf score, 0–100.
    pub score: Decimal,
    /// The leaf's weight, in points of the rubric total.
    pub weight: Decimal,
    /// What it adds to the total: `score × weight / 100`.
    pub points: Decimal,
    rubric: &'r Rubric,
    leaf: LeafIx,
    row: Vec<Decimal>,
    texts: Vec<String>,
    result: LeafScore,
    /// The office's category (name and total), when the rubric has them.
    category: Option<(crate::lang::Text, Decimal)>,
}

impl LeafExplanation<'_> {
    /// The explanation in words: `第2名/共6个（3条）→ 95分 × 5% = 4.75分`.
    pub fn message(&self, lang: Lang) -> String {
        let rubric = self.rubric;
        let indicator = rubric.leaf(self.leaf);
        let method = indicator.method().expect("leaves have methods");
        let tail = if method.behaviour().in_points() {
            // Counted in the indicator's own points: no score out of 100.
            let (points, weight) = (rubric.publish(self.points), plain(self.weight));
            match lang {
                Lang::Zh => format!("本项得{points}分（满分{weight}分）"),
                Lang::En => format!("{points} of {weight} points"),
            }
        } else {
            points_sentence(rubric, self.weight, self.score, self.points, lang)
        };
        if self.result.outside_category {
            let name = self
                .category
                .as_ref()
                .map(|(name, _)| name.get(lang).to_string())
                .unwrap_or_default();
            let total = self
                .category
                .as_ref()
                .map(|(_, t)| plain(*t))
                .unwrap_or_default();
            return match lang {
                Lang::Zh => format!("{name}不考核本项：不计分（{name}总分{total}分）"),
                Lang::En => format!(
                    "not assessed for {name}: no points (its offices are scored out of {total})"
                ),
            };
        }
        if self.result.not_applicable {
            return match lang {
                Lang::Zh => "不适用：本项不计分，其分值按细则的不适用规则处理".to_string(),
                Lang::En => "not applicable: the leaf is left out, its weight as the rubric's rule for not applicable says".to_string(),
            };
        }
        if let IndicatorKind::Leaf {
            zero_if: Some(flag),
            ..
        } = &indicator.kind
            && !self.row[flag.index].is_zero()
        {
            let label = rubric.inputs[flag.index].label.get(lang);
            return match lang {
                Lang::Zh => format!("{label}：本项不得分 → {tail}"),
                Lang::En => format!("{label}: the indicator scores 0 → {tail}"),
            };
        }
        let texts: Vec<&str> = self.texts.iter().map(String::as_str).collect();
        method.behaviour().explain(
            &Explained {
                rubric,
                row: &self.row,
                texts: &texts,
                result: self.result,
                tail,
            },
            lang,
        )
    }

    /// The leaf's rule in words, with every parameter (see
    /// [`leaf_rule`]).
    pub fn rule(&self, lang: Lang) -> String {
        leaf_rule(self.rubric, self.leaf, lang)
    }
}

/// How one adjustment moved one office's total, in `lang`.
pub fn adjustment(
    rubric: &Rubric,
    data: &Dataset,
    card: &Scorecard,
    office: OfficeIx,
    adjustment: AdjustmentIx,
    lang: Lang,
) -> String {
    rubric
        .adjustment(adjustment)
        .explain(rubric, data, card, office, adjustment, lang)
}

/// The rubric's adjustments (bonuses and deductions) and bonus pools in
/// words, one line each: the adjustments in the rubric's order, then the
/// pools (`创新加分：创新事项数 × 2，≤ 4`, `加分项：累计不超过5分`).
pub fn adjustment_rules(rubric: &Rubric, lang: Lang) -> Vec<String> {
    let adjustments = rubric.adjustments().items().map(|a| {
        let label = rubric.inputs[a.input.index].label.get(lang);
        match lang {
            Lang::Zh => format!(
                "{}：{label} × {}，{}",
                a.name.get(lang),
                plain(a.points),
                a.cap
                    .map(|c| format!("≤ {}", plain(c)))
                    .unwrap_or_else(|| "不设上限".into())
            ),
            Lang::En => format!(
                "{}: {label} × {}, {}",
                a.name.get(lang),
                plain(a.points),
                a.cap
                    .map(|c| format!("at most {}", plain(c)))
                    .unwrap_or_else(|| "no cap".into())
            ),
        }
    });
    let pools = rubric.bonus_pools().iter().map(|p| match (lang, p.gate) {
        (Lang::Zh, None) => format!("{}：累计不超过{}分", p.name.get(lang), plain(p.cap)),
        (Lang::Zh, Some(g)) => format!(
            "{}：累计不超过{}分，各项得分合计达{}分方可加分",
            p.name.get(lang),
            plain(p.cap),
            plain(g)
        ),
        (Lang::En, None) => format!("{}: at most {} together", p.name.get(lang), plain(p.cap)),
        (Lang::En, Some(g)) => format!(
            "{}: at most {} together, only with {} points before adjustments",
            p.name.get(lang),
            plain(p.cap),
            plain(g)
        ),
    });
    adjustments.chain(pools).collect()
}

/// The name of the limit that keeps totals within [0, rubric total], for
/// a column or a line beside the adjustments (see
/// [`crate::OfficeScore::limit`]).
pub fn limit_name(rubric: &Rubric, lang: Lang) -> String {
    let total = plain(rubric.total());
    let floor = plain(rubric.total_floor());
    match (lang, rubric.categories().is_some()) {
        // Each category has its own total.
        (Lang::Zh, true) => format!("总分限定（{floor}分至本类满分）"),
        (Lang::En, true) => format!("kept within {floor} and the category's total"),
        (Lang::Zh, false) => format!("总分限定（{floor}–{total}分）"),
        (Lang::En, false) => format!("kept within {floor}–{total}"),
    }
}

/// How an office's points were scaled when some leaves do not apply to
/// it (不适用), in words; `None` when all apply.
pub fn na_note(rubric: &Rubric, card: &Scorecard, office: OfficeIx, lang: Lang) -> Option<String> {
    let o = card.office(office);
    let applies = o.applicable_weight()?;
    let rule = rubric.na_rule()?;
    let total = plain(o.out_of());
    let applies = plain(applies);
    Some(match (rule, lang) {
        (crate::rubric::NaRule::Rescale, Lang::Zh) => format!(
            "有不适用的指标：适用分值{applies}分，得分按 得分 ÷ {applies} × {total} 折算为{}分",
            rubric.publish(o.unadjusted())
        ),
        (crate::rubric::NaRule::Rescale, Lang::En) => format!(
            "some leaves do not apply: {applies} points apply, scaled to {total}: {}",
            rubric.publish(o.unadjusted())
        ),
        (crate::rubric::NaRule::Redistribute, Lang::Zh) => format!(
            "有不适用的指标：其分值按比例分配给同组的其他指标（适用分值{applies}分），合计{}分",
            rubric.publish(o.unadjusted())
        ),
        (crate::rubric::NaRule::Redistribute, Lang::En) => format!(
            "some leaves do not apply: their weight goes to the others in their group ({applies} points apply), {} in all",
            rubric.publish(o.unadjusted())
        ),
    })
}

/// What a bonus pool's cap took off one office's bonuses, in words; `None`
/// when it took nothing.
pub fn pool_note(
    rubric: &Rubric,
    card: &Scorecard,
    office: OfficeIx,
    pool: usize,
    lang: Lang,
) -> Option<String> {
    let o = card.office(office);
    let cut = o.pool_cut(pool);
    if cut.is_zero() {
        return None;
    }
    let p = &rubric.bonus_pools()[pool];
    let sum: Decimal = rubric
        .adjustments()
        .filter(|(_, a)| a.pool.as_deref() == Some(p.id.as_str()))
        .map(|(k, _)| o.adjustment(k))
        .sum();
    let (sum, cap, cut) = (plain(sum), plain(p.cap), rubric.publish(cut.abs()));
    Some(match lang {
        Lang::Zh => format!(
            "{}合计{sum}分，累计不超过{cap}分 → −{cut}分",
            p.name.get(lang)
        ),
        Lang::En => format!(
            "{} add up to {sum}, at most {cap} together → −{cut}",
            p.name.get(lang)
        ),
    })
}

/// The rubric's categories of units in words, one line each (empty
/// without categories): `A类：满分100分，考核主动公开、依申请公开…；名次在A类中排列`.
pub fn category_rules(rubric: &Rubric, lang: Lang) -> Vec<String> {
    let Some(c) = rubric.categories() else {
        return Vec::new();
    };
    let column = rubric.text_column_at(c.column).label.get(lang).to_string();
    c.list
        .iter()
        .map(|cat| {
            let name = cat.name.get(lang);
            let items: Vec<&str> = cat
                .indicators
                .iter()
                .map(|&r| rubric.indicator(r).name.get(lang))
                .collect();
            match lang {
                Lang::Zh => format!(
                    "{name}（{column}填“{}”或“{}”）：满分{}分，考核{}；名次在{name}中排列",
                    cat.name.zh,
                    cat.id,
                    plain(cat.total),
                    items.join("、")
                ),
                Lang::En => format!(
                    "{name} ({column}: “{}”, “{}” or “{}”): out of {}, scored on {}; placed among {name}",
                    cat.name.zh,
                    cat.name.get(lang),
                    cat.id,
                    plain(cat.total),
                    items.join(", ")
                ),
            }
        })
        .collect()
}

/// The rubric's grade bands, vetoes and top share in words, a line each
/// (empty when it has none).
pub fn grading_rules(rubric: &Rubric, lang: Lang) -> Vec<String> {
    let grading = rubric.grading();
    let mut out = Vec::new();
    if let Some(words) = grading.words(lang) {
        out.push(match lang {
            Lang::Zh => format!("等次（按公布的总分）：{words}"),
            Lang::En => format!("Grades (by the published total): {words}"),
        });
    }
    for v in &grading.vetoes {
        let label = rubric.inputs[v.input.index].label.get(lang);
        let name = v.name.get(lang);
        let mut s = match (lang, label == name) {
            (Lang::Zh, true) => format!("一票否决：{name}"),
            (Lang::Zh, false) => format!("一票否决：{name}（{label}）"),
            (Lang::En, true) => format!("Veto: {name}"),
            (Lang::En, false) => format!("Veto: {name} ({label})"),
        };
        if let Some(b) = v.grade {
            s.push_str(&match lang {
                Lang::Zh => format!("，等次为{}", grading.bands[b].name.get(lang)),
                Lang::En => format!(", graded {}", grading.bands[b].name.get(lang)),
            });
        }
        if let Some(t) = v.total_at_most {
            s.push_str(&match lang {
                Lang::Zh => format!("，总分不超过{}分", plain(t)),
                Lang::En => format!(", total at most {}", plain(t)),
            });
        }
        if v.placed_last {
            s.push_str(lang.pick(
                "，名次排在其他处室之后",
                ", placed after every other office",
            ));
        }
        out.push(s);
    }
    if let Some(share) = &grading.top_share {
        use crate::grading::{EdgeTies, ShareRounding};
        let pct = plain((share.share * Decimal::ONE_HUNDRED).normalize());
        let rounding = match (share.rounding, lang) {
            (ShareRounding::Down, Lang::Zh) => "向下取整",
            (ShareRounding::Up, Lang::Zh) => "向上取整",
            (ShareRounding::Nearest, Lang::Zh) => "四舍五入",
            (ShareRounding::Down, Lang::En) => "rounded down",
            (ShareRounding::Up, Lang::En) => "rounded up",
            (ShareRounding::Nearest, Lang::En) => "rounded to the nearest",
        };
        let ties = match (share.ties, lang) {
            (EdgeTies::Include, Lang::Zh) => "名次并列者一并计入",
            (EdgeTies::Exclude, Lang::Zh) => "名次并列者均不计入",
            (EdgeTies::Include, Lang::En) => "offices tied at the edge are all in",
            (EdgeTies::Exclude, Lang::En) => "offices tied at the edge are all out",
        };
        out.push(match lang {
            Lang::Zh => format!(
                "前{pct}%为{}（个数{rounding}，{ties}；一票否决的不计入）",
                share.name.get(lang)
            ),
            Lang::En => format!(
                "The top {pct}% are {} (the count {rounding}; {ties}; vetoed offices are not counted)",
                share.name.get(lang)
            ),
        });
    }
    out
}

/// What the office's total means, when the rubric says: its band
/// (`总分89.50分，80分及以上为良好`), the veto that decided it, its place in
/// the top share; `None` when the rubric has no bands, vetoes or top share.
pub fn grade_note(
    rubric: &Rubric,
    card: &Scorecard,
    office: OfficeIx,
    lang: Lang,
) -> Option<String> {
    let grading = rubric.grading();
    let o = card.office(office);
    let mut parts = Vec::new();
    if let Some(k) = o.veto() {
        let veto = &grading.vetoes[k];
        let name = veto.name.get(lang);
        let mut s = match lang {
            Lang::Zh => format!("{name}：一票否决"),
            Lang::En => format!("{name}: vetoed"),
        };
        if let Some(b) = veto.grade {
            s.push_str(&match lang {
                Lang::Zh => format!("，等次为{}", grading.bands[b].name.get(lang)),
                Lang::En => format!(", graded {}", grading.bands[b].name.get(lang)),
            });
        }
        if let Some(t) = veto.total_at_most {
            s.push_str(&match lang {
                Lang::Zh => format!("，总分不超过{}分", plain(t)),
                Lang::En => format!(", its total at most {}", plain(t)),
            });
        }
        parts.push(s);
    } else if let Some(b) = o.band() {
        let band = &grading.bands[b];
        let total = rubric.publish(o.total());
        parts.push(match lang {
            Lang::Zh if band.at_least.is_zero() => {
                format!("总分{total}分：{}", band.name.get(lang))
            }
            Lang::Zh => format!(
                "总分{total}分，{}分及以上为{}",
                plain(band.at_least),
                band.name.get(lang)
            ),
            Lang::En => format!(
                "total {total}, from {}: {}",
                plain(band.at_least),
                band.name.get(lang)
            ),
        });
    }
    if let Some(share) = &grading.top_share
        && o.veto().is_none()
    {
        let eligible: Vec<u32> = card
            .offices()
            .filter(|x| x.veto().is_none())
            .map(|x| x.place())
            .collect();
        let n = crate::grading::Grading::share_count(share, eligible.len());
        let pct = plain((share.share * Decimal::ONE_HUNDRED).normalize());
        let name = share.name.get(lang);
        // The place among the offices that count for the share.
        let place = 1 + eligible.iter().filter(|&&p| p < o.place()).count();
        let of = eligible.len();
        parts.push(match (lang, o.in_top_share()) {
            (Lang::Zh, true) => format!("在计入的{of}个处室中第{place}名，前{pct}%（{n}个）为{name}：{name}"),
            (Lang::Zh, false) => format!("在计入的{of}个处室中第{place}名，前{pct}%（{n}个）为{name}：不在其中"),
            (Lang::En, true) => format!("{place} of the {of} offices counted; the top {pct}% ({n}) are {name}: {name}"),
            (Lang::En, false) => format!("{place} of the {of} offices counted; the top {pct}% ({n}) are {name}: not among them"),
        });
    }
    (!parts.is_empty()).then(|| {
        parts.join(match lang {
            Lang::Zh => "；",
            Lang::En => "; ",
        })
    })
}

/// Why an office's total is not the plain sum of its points and
/// adjustments, when the total was kept within [0, rubric total], with
/// what the limit changed; `None` otherwise.
pub fn total_note(
    rubric: &Rubric,
    card: &Scorecard,
    office: OfficeIx,
    lang: Lang,
) -> Option<String> {
    let o = card.office(office);
    let limit = o.limit();
    if limit.is_zero() {
        return None;
    }
    let sum = rubric.publish(o.exact_total() - limit - o.veto_cut());
    let total = plain(o.out_of());
    let floor = plain(rubric.total_floor());
    let published = rubric.publish(o.total());
    let change = format!(
        "{}{}",
        if limit.is_sign_negative() { "−" } else { "+" },
        rubric.publish(limit.abs())
    );
    let below = !limit.is_sign_negative();
    let whose = if o.category().is_some() {
        "its category's"
    } else {
        "the rubric's"
    };
    Some(match (lang, below) {
        (Lang::Zh, true) => {
            format!(
                "得分与加减分合计 {sum} 分，低于 {floor} 分：总分计为 {published} 分（{change} 分）"
            )
        }
        (Lang::Zh, false) => format!(
            "得分与加减分合计 {sum} 分，超过总分 {total} 分：总分计为 {published} 分（{change} 分）"
        ),
        (Lang::En, true) => {
            format!(
                "points and adjustments add up to {sum}, below {floor}: the total is {published} ({change})"
            )
        }
        (Lang::En, false) => format!(
            "points and adjustments add up to {sum}, above {whose} {total}: the total is {published} ({change})"
        ),
    })
}
