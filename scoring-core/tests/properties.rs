//! Properties of scoring with the bundled rubric, over random datasets:
//! office order never changes anyone's score; totals are the sum of
//! points; leaf scores stay in [0, 100]; raising a count that the rubric
//! rewards never lowers the office's own score.

use proptest::prelude::*;
use rust_decimal::Decimal;
use scoring_core::method::Method;
use scoring_core::{Dataset, IndicatorKind, InputKind, Rubric, Scorecard, bundled, score};

fn rubric() -> Rubric {
    Rubric::from_yaml("bundled", bundled::SHANDONG_2017).unwrap()
}

/// Makes random raw values valid: answered and late never above asked.
fn make_valid(rubric: &Rubric, values: &mut [Decimal]) {
    for (_, leaf) in rubric.leaves() {
        if let Some(Method::AnswerRate(a)) = leaf.method() {
            let asked = values[a.asked.index];
            values[a.answered.index] = values[a.answered.index].min(asked);
            values[a.late.index] = values[a.late.index].min(asked);
        }
    }
}

/// A strategy for `n` offices' raw values (counts up to 40, flags 0/1).
fn rows(rubric: &Rubric) -> impl Strategy<Value = Vec<Vec<Decimal>>> {
    let kinds: Vec<InputKind> = rubric.inputs().items().map(|i| i.kind).collect();
    let row = kinds
        .into_iter()
        .map(|k| match k {
            InputKind::Flag => (0u32..2).boxed(),
            _ => (0u32..40).boxed(),
        })
        .collect::<Vec<_>>()
        .prop_map(|v| v.into_iter().map(Decimal::from).collect::<Vec<_>>());
    prop::collection::vec(row, 1..30)
}

fn dataset(rubric: &Rubric, rows: &[Vec<Decimal>]) -> Dataset {
    let named = rows.iter().enumerate().map(|(i, r)| {
        let mut r = r.clone();
        make_valid(rubric, &mut r);
        (format!("处室{i}"), r)
    });
    Dataset::from_values(rubric, "prop", named).unwrap()
}

fn rubric_leaves() -> impl Iterator<Item = scoring_core::LeafIx> {
    let rubric = rubric();
    rubric
        .leaves()
        .map(|(l, _)| l)
        .collect::<Vec<_>>()
        .into_iter()
}

fn scores_of(card: &Scorecard, name: &str) -> (Decimal, u32, Vec<Decimal>) {
    let o = card.find(name).unwrap();
    let leaves = rubric_leaves().map(|s| o.leaf(s).score).collect();
    (o.exact_total(), o.place(), leaves)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn office_order_never_changes_scores(raw in rows(&rubric()), seed in any::<u64>()) {
        let rubric = rubric();
        let data = dataset(&rubric, &raw);
        let card = score(&rubric, &data).unwrap();
        // A deterministic shuffle.
        let mut order: Vec<usize> = (0..raw.len()).collect();
        let mut s = seed | 1;
        for i in (1..order.len()).rev() {
            s ^= s << 13; s ^= s >> 7; s ^= s << 17;
            order.swap(i, (s % (i as u64 + 1)) as usize);
        }
        let shuffled_rows: Vec<(String, Vec<Decimal>)> = order
            .iter()
            .map(|&i| {
                let o = card.office_at(i).unwrap().ix();
                (data.office(o).name.clone(), data.row(o))
            })
            .collect();
        let shuffled = Dataset::from_values(&rubric, "prop", shuffled_rows).unwrap();
        let card2 = score(&rubric, &shuffled).unwrap();
        for office in data.offices().items() {
            prop_assert_eq!(scores_of(&card, &office.name), scores_of(&card2, &office.name));
        }
    }

    #[test]
    fn totals_are_sums_of_points_and_leaves_stay_in_range(raw in rows(&rubric())) {
        let rubric = rubric();
        let data = dataset(&rubric, &raw);
        let card = score(&rubric, &data).unwrap();
        for o in card.offices() {
            let mut sum = Decimal::ZERO;
            for (slot, _) in rubric.leaves() {
                let l = o.leaf(slot);
                prop_assert!(l.score >= Decimal::ZERO && l.score <= Decimal::ONE_HUNDRED);
                sum += l.points;
            }
            // The engine sums exactly in fixed point; a Decimal sum of the
            // same points may round its 28th digit. They agree to 10⁻²⁵, and
            // on the published total.
            prop_assert!((o.exact_total() - sum).abs() <= Decimal::new(1, 25), "{} vs {}", o.exact_total(), sum);
            prop_assert_eq!(o.total(), rubric.round(sum));
            // Each group's subtotal is the sum of its children.
            for (slot, g) in rubric.groups() {
                let children: Decimal = g.children().iter().map(|&c| {
                    match &rubric.indicator(c).kind {
                        IndicatorKind::Leaf { slot, .. } => o.leaf(*slot).points,
                        IndicatorKind::Group { slot, .. } => o.group(*slot),
                    }
                }).sum();
                prop_assert!((o.group(slot) - children).abs() <= Decimal::new(1, 25));
            }
            prop_assert!(o.place() >= 1 && o.place() as usize <= card.len());
        }
    }

    /// The published figures writers read agree with the full result:
    /// they are the rounded exact ones, and offices that share a leaf's
    /// figures publish the same ones.
    #[test]
    fn published_figures_and_shares_agree_with_leaf_results(raw in rows(&rubric())) {
        let rubric = rubric();
        let data = dataset(&rubric, &raw);
        let card = score(&rubric, &data).unwrap();
        let mut rows = card.published();
        let mut by_share = std::collections::HashMap::new();
        let mut seen = 0;
        while let Some(row) = rows.next_office() {
            let o = row.office();
            prop_assert_eq!(o.ix().index(), seen);
            seen += 1;
            prop_assert_eq!(row.total(), o.total());
            prop_assert_eq!(row.place(), o.place());
            prop_assert_eq!(row.groups().len(), rubric.groups().len());
            for ((g, _), published) in rubric.groups().zip(row.groups()) {
                prop_assert_eq!(published, rubric.round(o.group(g)));
                prop_assert_eq!(row.group(g), published);
                prop_assert_eq!(o.published_group(g), published);
            }
            for (slot, leaf) in rubric.leaves() {
                let full = o.leaf(slot);
                let published = row.leaf(slot);
                prop_assert_eq!(published, (rubric.round(full.score), rubric.round(full.points)));
                prop_assert_eq!(published.0.to_string(), rubric.publish(full.score));
                prop_assert_eq!(published.1.to_string(), rubric.publish(full.points));
                prop_assert_eq!(o.published_leaf(slot), published);
                prop_assert_eq!(row.leaf_place(slot), full.placing.map(|p| p.place));
                prop_assert_eq!(o.placing(slot), full.placing);
                if let Some(share) = row.shared(slot) {
                    let first = *by_share.entry((slot, share)).or_insert(published);
                    prop_assert_eq!(first, published, "leaf {:?} share {}", slot, share);
                }
                // Answer rates (computed once per pair of counts) are what
                // the method gives each office.
                if let Some(Method::AnswerRate(a)) = leaf.method() {
                    let v = |i: &scoring_core::method::InputRef| data.value(o.ix(), rubric.input(&i.id).unwrap().0);
                    let want = a.outcome(v(&a.asked), v(&a.answered), v(&a.late));
                    prop_assert_eq!(full.score, want.score);
                    // Stored as the method gives it: the same digits.
                    prop_assert_eq!(full.score.to_string(), want.score.to_string());
                    prop_assert_eq!(full.value, want.rate);
                }
            }
        }
        prop_assert_eq!(seen, card.len());
    }

    #[test]
    fn raising_a_rewarded_count_never_lowers_own_score(
        raw in rows(&rubric()),
        pick in any::<prop::sample::Index>(),
        input_pick in any::<prop::sample::Index>(),
        by in 1u32..20,
    ) {
        let rubric = rubric();
        // Inputs the rubric rewards: positive tally terms, answers, flags.
        let mut rewarded = Vec::new();
        for (_, leaf) in rubric.leaves() {
            match leaf.method().unwrap() {
                Method::Rank(r) => rewarded.extend(
                    r.tally.terms.iter().filter(|t| t.coefficient > Decimal::ZERO).map(|t| t.input.index),
                ),
                Method::AnswerRate(a) => rewarded.push(a.answered.index),
                Method::OnTime(o) => rewarded.push(o.input.index),
                Method::Direct(d) => rewarded.push(d.input.index),
                // Any other method: none of the bundled rubric's.
                _ => {}
            }
        }
        let data = dataset(&rubric, &raw);
        let office = pick.index(data.len());
        let input = rewarded[input_pick.index(rewarded.len())];
        let mut rows: Vec<(String, Vec<Decimal>)> = data
            .offices()
            .map(|(o, office)| (office.name.clone(), data.row(o)))
            .collect();
        let v = &mut rows[office].1;
        v[input] += Decimal::from(by);
        if rubric.inputs().nth(input).unwrap().1.kind == InputKind::Flag {
            v[input] = Decimal::ONE;
        }
        make_valid(&rubric, v);
        let before = score(&rubric, &data).unwrap();
        let after = score(&rubric, &Dataset::from_values(&rubric, "prop", rows).unwrap()).unwrap();
        let (b, a) = (before.office_at(office).unwrap(), after.office_at(office).unwrap());
        prop_assert!(a.exact_total() >= b.exact_total(), "{} → {}", b.exact_total(), a.exact_total());
        for (slot, _) in rubric.leaves() {
            prop_assert!(a.leaf(slot).score >= b.leaf(slot).score);
        }
    }
}
