//! Scoring through the public API with small hand-made rubrics: floors past
//! the 21st place, dense ties, adjustments and their caps, direct scores,
//! rounding rules, explanations.

use rust_decimal::Decimal;
use rust_decimal_macros::dec;
use scoring_core::{
    AdjustmentIx, Dataset, Lang, LeafIx, OfficeIx, Rubric, Scorecard, explain, score,
};

/// The `k`th office, leaf and adjustment, as walking them gives them.
fn o(card: &Scorecard, k: usize) -> OfficeIx {
    card.office_at(k).unwrap().ix()
}
fn l(r: &Rubric, k: usize) -> LeafIx {
    r.leaves().nth(k).unwrap().0
}
fn a(r: &Rubric, k: usize) -> AdjustmentIx {
    r.adjustments().nth(k).unwrap().0
}

const HEAD: &str = "id: t\ntitle: {zh: 测试, en: Test}\nversion: '1'\nsource: S\n";

fn rubric(body: &str) -> Rubric {
    Rubric::from_yaml("t.yaml", &format!("{HEAD}{body}")).unwrap()
}

fn run(rubric: &Rubric, rows: &[(&str, &[i64])]) -> (Dataset, Scorecard) {
    let data = Dataset::from_values(
        rubric,
        "t",
        rows.iter()
            .map(|(n, v)| (n.to_string(), v.iter().map(|&x| Decimal::from(x)).collect())),
    )
    .unwrap();
    let card = score(rubric, &data).unwrap();
    (data, card)
}

const ONE_RANK: &str = "inputs:
  - {id: n, label: {zh: 条数, en: Items}, kind: count}
indicators:
  - {id: x, name: {zh: 排名, en: Ranked}, weight: 100, method: rank, tally: n, unit: {zh: 条, en: items}}
";

#[test]
fn floor_from_the_22nd_place_on() {
    let r = rubric(ONE_RANK);
    let names: Vec<String> = (0..25).map(|i| format!("o{i}")).collect();
    let rows: Vec<(&str, Vec<i64>)> = names
        .iter()
        .enumerate()
        .map(|(i, n)| (n.as_str(), vec![100 - i as i64]))
        .collect();
    let rows: Vec<(&str, &[i64])> = rows.iter().map(|(n, v)| (*n, v.as_slice())).collect();
    let (data, card) = run(&r, &rows);
    let scores: Vec<Decimal> = card.offices().map(|o| o.leaf(l(&r, 0)).score).collect();
    assert_eq!(scores[0], dec!(100));
    assert_eq!(scores[19], dec!(5));
    assert_eq!(scores[20], dec!(0)); // 21st: 100 − 5 × 20 = 0
    assert_eq!(scores[21], dec!(0)); // 22nd: would be −5, floor 0
    assert_eq!(scores[24], dec!(0));
    assert_eq!(
        explain::leaf(&r, &data, &card, o(&card, 23), l(&r, 0), Lang::Zh),
        "第24名/共25个（77条）→ 最低分 0分 × 100% = 0.00分"
    );
    assert_eq!(
        explain::leaf(&r, &data, &card, o(&card, 23), l(&r, 0), Lang::En),
        "24th of 25 (77 items) → floor 0 × 100% = 0.00 points"
    );
}

#[test]
fn ties_share_places_and_everyone_equal_is_first() {
    let r = rubric(ONE_RANK);
    let (data, card) = run(&r, &[("a", &[5]), ("b", &[7]), ("c", &[7]), ("d", &[1])]);
    let places: Vec<u32> = card
        .offices()
        .map(|o| o.leaf(l(&r, 0)).placing.unwrap().place)
        .collect();
    assert_eq!(places, [3, 1, 1, 4]);
    assert_eq!(
        explain::leaf(&r, &data, &card, o(&card, 1), l(&r, 0), Lang::Zh),
        "并列第1名/共4个（7条）→ 100分 × 100% = 100.00分"
    );
    let (_, card) = run(&r, &[("a", &[0]), ("b", &[0]), ("c", &[0])]);
    assert!(
        card.offices()
            .all(|o| o.leaf(l(&r, 0)).score == dec!(100) && o.place() == 1)
    );
}

#[test]
fn dense_ties_and_custom_parameters() {
    let r = rubric(
        "inputs:
  - {id: n, label: N, kind: count}
indicators:
  - {id: x, name: X, weight: 100, method: rank, tally: {n: 2}, ties: dense, first: 90, step: 10, floor: 60}
",
    );
    let (_, card) = run(
        &r,
        &[
            ("a", &[5]),
            ("b", &[7]),
            ("c", &[7]),
            ("d", &[1]),
            ("e", &[0]),
            ("f", &[-0]),
        ],
    );
    let got: Vec<(u32, Decimal)> = card
        .offices()
        .map(|o| {
            (
                o.leaf(l(&r, 0)).placing.unwrap().place,
                o.leaf(l(&r, 0)).score,
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (2, dec!(80)),
            (1, dec!(90)),
            (1, dec!(90)),
            (3, dec!(70)),
            (4, dec!(60)),
            (4, dec!(60))
        ]
    );
    assert_eq!(card.office_at(0).unwrap().leaf(l(&r, 0)).value, dec!(10));
}

#[test]
fn adjustments_are_capped_and_the_total_stays_within_bounds() {
    let r = rubric(
        "inputs:
  - {id: n, label: N, kind: count}
  - {id: bonus_items, label: 加分事项, kind: count}
  - {id: incidents, label: 扣分事项, kind: count}
indicators:
  - {id: x, name: X, weight: 100, method: rank, tally: n}
adjustments:
  - {id: bonus, name: {zh: 创新加分, en: Innovation bonus}, kind: bonus, input: bonus_items, points: 2, cap: 5}
  - {id: penalty, name: {zh: 通报扣分, en: Reprimands}, kind: penalty, input: incidents, points: 10, cap: 30}
",
    );
    let (data, card) = run(
        &r,
        &[
            ("a", &[9, 1, 0]),
            ("b", &[8, 4, 0]),
            ("c", &[7, 0, 2]),
            ("d", &[1, 0, 9]),
        ],
    );
    let totals: Vec<Decimal> = card.offices().map(|o| o.exact_total()).collect();
    // a: 100 + 2 → capped at the rubric total 100; b: 95 + min(8, 5);
    // c: 90 − 20; d: 85 − min(90, 30).
    assert_eq!(totals, [dec!(100), dec!(100), dec!(70), dec!(55)]);
    assert_eq!(card.office_at(1).unwrap().adjustment(a(&r, 0)), dec!(5));
    assert_eq!(card.office_at(3).unwrap().adjustment(a(&r, 1)), dec!(-30));
    assert_eq!(card.office_at(0).unwrap().unadjusted(), dec!(100));
    assert_eq!(
        explain::adjustment(&r, &data, &card, o(&card, 1), a(&r, 0), Lang::Zh),
        "创新加分：4 × 2分 = 8分，上限5分 → +5.00分"
    );
    assert_eq!(
        explain::adjustment(&r, &data, &card, o(&card, 3), a(&r, 1), Lang::En),
        "Reprimands: 9 × 10 = 90, capped at 30 → −30.00 points"
    );
    let places: Vec<u32> = card.offices().map(|o| o.place()).collect();
    assert_eq!(places, [1, 1, 3, 4]);
    // The kept-within-bounds total explains itself; a plain sum needs no note.
    assert_eq!(
        explain::total_note(&r, &card, o(&card, 0), Lang::Zh).as_deref(),
        Some("得分与加减分合计 102.00 分，超过总分 100 分：总分计为 100.00 分（−2.00 分）")
    );
    assert_eq!(
        explain::total_note(&r, &card, o(&card, 0), Lang::En).as_deref(),
        Some(
            "points and adjustments add up to 102.00, above the rubric's 100: the total is 100.00 (−2.00)"
        )
    );
    assert_eq!(explain::total_note(&r, &card, o(&card, 1), Lang::Zh), None);
    assert_eq!(explain::total_note(&r, &card, o(&card, 3), Lang::Zh), None);
}

#[test]
fn direct_scores_and_on_time_flags() {
    let r = rubric(
        "inputs:
  - {id: judged, label: 评定分, kind: amount}
  - {id: ok, label: 按时, kind: flag}
indicators:
  - {id: x, name: X, weight: 60, method: direct, input: judged}
  - {id: y, name: Y, weight: 40, method: on_time, input: ok}
",
    );
    let data = Dataset::from_values(
        &r,
        "t",
        [
            ("a", vec![dec!(87.5), dec!(1)]),
            ("b", vec![dec!(100), dec!(0)]),
        ],
    )
    .unwrap();
    let card = score(&r, &data).unwrap();
    assert_eq!(card.office_at(0).unwrap().exact_total(), dec!(92.5));
    assert_eq!(card.office_at(1).unwrap().exact_total(), dec!(60));
    assert_eq!(
        explain::leaf(&r, &data, &card, o(&card, 0), l(&r, 0), Lang::Zh),
        "评定得分 → 87.5分 × 60% = 52.50分"
    );
    assert_eq!(
        explain::leaf(&r, &data, &card, o(&card, 1), l(&r, 1), Lang::En),
        "not on time → 0 × 40% = 0.00 points"
    );
    // Above 100 is refused, not clamped silently.
    let err = Dataset::from_values(&r, "t", [("a", vec![dec!(100.5), dec!(1)])]).unwrap_err();
    assert!(
        err.message(Lang::En)
            .contains("100.5 is out of range: it must be from 0 to 100")
    );
}

#[test]
fn rounding_rule_and_precision_decide_the_published_total() {
    // Two offices: 1 of 8 answered = 12.5%; one decimal place.
    let body = |rounding: &str| {
        format!(
            "precision: 0
rounding: {rounding}
inputs:
  - {{id: q, label: Q, kind: count}}
  - {{id: a, label: A, kind: count}}
  - {{id: l, label: L, kind: count}}
indicators:
  - {{id: x, name: X, weight: 100, method: answer_rate, asked: q, answered: a, late: l}}
"
        )
    };
    for (rule, want) in [("half_away_from_zero", "13"), ("half_even", "12")] {
        let r = rubric(&body(rule));
        let (_, card) = run(&r, &[("a", &[8, 1, 0])]);
        assert_eq!(card.office_at(0).unwrap().exact_total(), dec!(12.5));
        assert_eq!(
            r.publish(card.office_at(0).unwrap().total()),
            want,
            "{rule}"
        );
    }
}

#[test]
fn places_follow_the_published_total() {
    // Exact totals 12.5 and 12.6 both publish as 13 at precision 0, so the
    // two offices share the first place.
    let r = rubric(
        "precision: 0
inputs:
  - {id: q, label: Q, kind: count}
  - {id: a, label: A, kind: count}
  - {id: l, label: L, kind: count}
indicators:
  - {id: x, name: X, weight: 100, method: answer_rate, asked: q, answered: a, late: l}
",
    );
    let (_, card) = run(&r, &[("a", &[8, 1, 0]), ("b", &[1000, 126, 0])]);
    assert_eq!(card.office_at(0).unwrap().exact_total(), dec!(12.5));
    assert_eq!(card.office_at(1).unwrap().exact_total(), dec!(12.6));
    assert_eq!(
        (
            card.office_at(0).unwrap().place(),
            card.office_at(1).unwrap().place()
        ),
        (1, 1)
    );
}

#[test]
fn a_dataset_for_another_rubric_is_refused() {
    let a = rubric(ONE_RANK);
    let b = rubric(
        "inputs:\n  - {id: m, label: M, kind: count}\nindicators:\n  - {id: x, name: X, weight: 100, method: rank, tally: m}\n",
    );
    let (data, _) = run(&a, &[("a", &[1])]);
    assert!(score(&b, &data).is_err());
}

#[test]
fn empty_dataset_scores_to_an_empty_card() {
    let r = rubric(ONE_RANK);
    let card = score(&r, &Dataset::empty(&r)).unwrap();
    assert!(card.is_empty());
    assert!(card.ranking().is_empty());
}

/// A 108-point rubric: a leaf of weight 40 is 37.04% of the total but adds
/// 40 × its score ÷ 100, and its explanation says so.
#[test]
fn explanations_are_true_for_any_total() {
    let r = rubric(
        "total: 108
inputs:
  - {id: n, label: {zh: 条数, en: Items}, kind: count}
  - {id: m, label: M, kind: count}
indicators:
  - {id: x, name: X, weight: 40, method: rank, tally: n}
  - {id: y, name: Y, weight: 68, method: rank, tally: m}
",
    );
    let (data, card) = run(&r, &[("甲", &[5, 1]), ("乙", &[3, 2])]);
    assert_eq!(
        explain::leaf(&r, &data, &card, o(&card, 0), l(&r, 0), Lang::Zh),
        "第1名/共2个（5）→ 100分 × 40/100 = 40.00分"
    );
    assert_eq!(
        explain::leaf(&r, &data, &card, o(&card, 1), l(&r, 0), Lang::En),
        "2nd of 2 (3) → 95 × 40/100 = 38.00 points"
    );
    assert_eq!(card.office_at(0).unwrap().leaf(l(&r, 0)).points, dec!(40));
    // Shares of the total are rounded for reading.
    assert_eq!(r.weight_percent(dec!(40)), dec!(37.04));
    assert_eq!(r.weight_percent(dec!(68)), dec!(62.96));
}

/// Keeping a total within [0, total] is shown as its own figure, so that
/// points, adjustments and the limit add up to the total.
#[test]
fn the_limit_on_totals_is_shown_as_applied() {
    let r = rubric(
        "inputs:
  - {id: n, label: N, kind: count}
  - {id: errors, label: {zh: 重大失误, en: Major errors}, kind: count}
  - {id: incident, label: {zh: 发生泄密, en: Leak}, kind: flag}
indicators:
  - {id: x, name: X, weight: 100, method: rank, tally: n, step: 15}
adjustments:
  - {id: fine, name: {zh: 失误扣分, en: Errors}, kind: penalty, input: errors, points: 50, cap: 100}
  - {id: leak, name: {zh: 泄密扣分, en: Leak}, kind: penalty, input: incident, points: 10, cap: 10}
",
    );
    // 乙: 85 points, −100 and −10: −25, kept at 0 (a limit of +25).
    let (data, card) = run(&r, &[("甲", &[9, 0, 0]), ("乙", &[3, 2, 1])]);
    let ofc = card.office_at(1).unwrap();
    assert_eq!(ofc.unadjusted(), dec!(85));
    assert_eq!(
        (ofc.adjustment(a(&r, 0)), ofc.adjustment(a(&r, 1))),
        (dec!(-100), dec!(-10))
    );
    assert_eq!(ofc.limit(), dec!(25));
    assert_eq!(ofc.exact_total(), dec!(0));
    assert_eq!(
        ofc.unadjusted() + ofc.adjustment(a(&r, 0)) + ofc.adjustment(a(&r, 1)) + ofc.limit(),
        ofc.exact_total()
    );
    assert_eq!(card.office_at(0).unwrap().limit(), dec!(0));
    assert_eq!(explain::total_note(&r, &card, o(&card, 0), Lang::Zh), None);
    assert_eq!(
        explain::total_note(&r, &card, o(&card, 1), Lang::Zh).unwrap(),
        "得分与加减分合计 -25.00 分，低于 0 分：总分计为 0.00 分（+25.00 分）"
    );
    assert_eq!(
        explain::total_note(&r, &card, o(&card, 1), Lang::En).unwrap(),
        "points and adjustments add up to -25.00, below 0: the total is 0.00 (+25.00)"
    );
    // A flag counts 1 when set.
    assert_eq!(
        explain::adjustment(&r, &data, &card, o(&card, 1), a(&r, 1), Lang::Zh),
        "泄密扣分：1 × 10分 = 10分 → −10.00分"
    );
    assert_eq!(explain::limit_name(&r, Lang::En), "kept within 0–100");
}

/// `on_time` says what its flag means in the rubric's words.
#[test]
fn on_time_in_the_rubric_s_words() {
    let words = "inputs:
  - {id: f, label: {zh: 报送年报, en: Annual report}, kind: flag}
indicators:
  - {id: x, name: X, weight: 100, method: on_time, input: f, when_set: {zh: 已报送, en: filed}, when_unset: {zh: 未报送, en: not filed}}
";
    let r = rubric(words);
    let (data, card) = run(&r, &[("甲", &[1]), ("乙", &[0])]);
    assert_eq!(
        explain::leaf(&r, &data, &card, o(&card, 0), l(&r, 0), Lang::Zh),
        "已报送 → 100分 × 100% = 100.00分"
    );
    assert_eq!(
        explain::leaf(&r, &data, &card, o(&card, 1), l(&r, 0), Lang::En),
        "not filed → 0 × 100% = 0.00 points"
    );
    let method = r.leaf(l(&r, 0)).method().unwrap();
    assert_eq!(
        explain::rule(&r, method, Lang::Zh),
        "报送年报：已报送得100分，未报送得0分"
    );
    assert_eq!(
        explain::rule(&r, method, Lang::En),
        "Annual report: 100 when filed, 0 when not filed"
    );
    // Without words: the defaults, as before.
    let plain = rubric(&words.replace(
        ", when_set: {zh: 已报送, en: filed}, when_unset: {zh: 未报送, en: not filed}",
        "",
    ));
    let (data, card) = run(&plain, &[("甲", &[1]), ("乙", &[0])]);
    assert_eq!(
        explain::leaf(&plain, &data, &card, o(&card, 1), l(&plain, 0), Lang::Zh),
        "未按时上报 → 0分 × 100% = 0.00分"
    );
}
