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
    for &l in rubric.leaves() {
        if let Some(Method::AnswerRate(a)) = rubric.indicator(l).method() {
            let asked = values[a.asked.index];
            values[a.answered.index] = values[a.answered.index].min(asked);
            values[a.late.index] = values[a.late.index].min(asked);
        }
    }
}

/// A strategy for `n` offices' raw values (counts up to 40, flags 0/1).
fn rows(rubric: &Rubric) -> impl Strategy<Value = Vec<Vec<Decimal>>> {
    let kinds: Vec<InputKind> = rubric.inputs().iter().map(|i| i.kind).collect();
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

fn scores_of(card: &Scorecard, name: &str) -> (Decimal, u32, Vec<Decimal>) {
    let o = card.find(name).unwrap();
    let leaves = (0..16).map(|s| o.leaf(s).score).collect();
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
            .map(|&i| (data.offices()[i].name.clone(), data.row(i)))
            .collect();
        let shuffled = Dataset::from_values(&rubric, "prop", shuffled_rows).unwrap();
        let card2 = score(&rubric, &shuffled).unwrap();
        for office in data.offices() {
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
            for slot in 0..rubric.leaves().len() {
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
            for (slot, &g) in rubric.groups().iter().enumerate() {
                let children: Decimal = rubric.indicator(g).children().iter().map(|&c| {
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

    /// The shortcuts writers of large outputs take agree with the full
    /// result: published figures are the rounded exact ones, and offices
    /// in the same class on a leaf publish the same figures.
    #[test]
    fn published_figures_and_classes_agree_with_leaf_results(raw in rows(&rubric())) {
        let rubric = rubric();
        let data = dataset(&rubric, &raw);
        let card = score(&rubric, &data).unwrap();
        // Runs of offices of every length, from every start.
        let groups = rubric.groups().len();
        let mut units = Vec::new();
        for start in 0..card.len() {
            for end in start..=card.len() {
                card.published_group_units(start..end, &mut units);
                prop_assert_eq!(units.len(), (end - start) * groups);
                for (k, o) in (start..end).enumerate() {
                    for g in 0..groups {
                        let published = card.office(o).published_group(g);
                        let as_units = Decimal::from_i128_with_scale(units[k * groups + g], card.precision());
                        prop_assert_eq!(as_units, published);
                    }
                }
            }
        }
        for o in card.offices() {
            let each: Vec<Decimal> = (0..rubric.groups().len()).map(|g| o.published_group(g)).collect();
            prop_assert_eq!(&o.published_groups(), &each);
            for (g, published) in each.iter().enumerate() {
                prop_assert_eq!(*published, rubric.round(o.group(g)));
            }
        }
        for slot in 0..rubric.leaves().len() {
            // Answer rates (computed once per pair of counts) are what the
            // method gives each office.
            if let Some(Method::AnswerRate(a)) = rubric.indicator(rubric.leaves()[slot]).method() {
                for o in card.offices() {
                    let v = |i: usize| data.value(o.index(), i);
                    let want = a.outcome(v(a.asked.index), v(a.answered.index), v(a.late.index));
                    prop_assert_eq!(o.leaf(slot).score, want.score);
                    // Stored as the method gives it: the same digits.
                    prop_assert_eq!(o.leaf(slot).score.to_string(), want.score.to_string());
                    prop_assert_eq!(o.leaf(slot).value, want.rate);
                }
            }
            // A run's classes and places are each office's.
            let mut run = Vec::new();
            for start in [0, card.len() / 2] {
                card.leaf_classes(slot, start..card.len(), &mut run);
                prop_assert_eq!(run.len(), card.len() - start);
                for (k, c) in run.iter().enumerate() {
                    let o = card.office(start + k);
                    prop_assert_eq!(c.class, o.leaf_class(slot));
                    prop_assert_eq!(c.placing, o.placing(slot));
                }
            }
            let mut by_class = std::collections::HashMap::new();
            for o in card.offices() {
                let full = o.leaf(slot);
                let published = o.published_leaf(slot);
                prop_assert_eq!(published, (rubric.round(full.score), rubric.round(full.points)));
                prop_assert_eq!(published.0.to_string(), rubric.publish(full.score));
                prop_assert_eq!(published.1.to_string(), rubric.publish(full.points));
                prop_assert_eq!(o.placing(slot), full.placing);
                if let Some(class) = o.leaf_class(slot) {
                    let first = *by_class.entry(class).or_insert(published);
                    prop_assert_eq!(first, published, "leaf {} class {}", slot, class);
                }
            }
        }
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
        for &l in rubric.leaves() {
            match rubric.indicator(l).method().unwrap() {
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
        let mut rows: Vec<(String, Vec<Decimal>)> = (0..data.len())
            .map(|i| (data.offices()[i].name.clone(), data.row(i)))
            .collect();
        let v = &mut rows[office].1;
        v[input] += Decimal::from(by);
        if rubric.inputs()[input].kind == InputKind::Flag {
            v[input] = Decimal::ONE;
        }
        make_valid(&rubric, v);
        let before = score(&rubric, &data).unwrap();
        let after = score(&rubric, &Dataset::from_values(&rubric, "prop", rows).unwrap()).unwrap();
        let (b, a) = (before.office(office), after.office(office));
        prop_assert!(a.exact_total() >= b.exact_total(), "{} → {}", b.exact_total(), a.exact_total());
        for slot in 0..rubric.leaves().len() {
            prop_assert!(a.leaf(slot).score >= b.leaf(slot).score);
        }
    }
}
