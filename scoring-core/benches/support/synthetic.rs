// Shared by the benchmark and examples: a synthetic dataset.

/// A deterministic pseudo-random dataset (xorshift), valid for the rubric.
pub fn synthetic(rubric: &Rubric, n: usize) -> Dataset {
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move |bound: u64| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state % bound
    };
    let ids: Vec<&str> = rubric.inputs().items().map(|i| i.id.as_str()).collect();
    let idx = |id: &str| ids.iter().position(|x| *x == id);
    let rows = (0..n).map(|o| {
        let mut values: Vec<Decimal> = rubric
            .inputs()
            .items()
            .map(|i| match (i.kind, i.id.as_str()) {
                (InputKind::Flag, _) => Decimal::from(next(2)),
                // Ranges like real yearly figures: visits in the tens of
                // thousands, items in the hundreds, most counts small.
                (_, "site_visits") => Decimal::from(next(100_000)),
                (_, "site_items" | "platform_posts") => Decimal::from(next(1_000)),
                (_, id) if id.ends_with("_asked") => Decimal::from(next(200)),
                _ => Decimal::from(next(50)),
            })
            .collect();
        // Keep answered and late within asked.
        for (asked, answered, late) in [
            (
                "consultations_asked",
                "consultations_answered",
                "consultations_late",
            ),
            (
                "applications_asked",
                "applications_answered",
                "applications_late",
            ),
        ] {
            if let (Some(a), Some(b), Some(c)) = (idx(asked), idx(answered), idx(late)) {
                let asked = values[a];
                values[b] = values[b].min(asked);
                values[c] = values[c].min(asked);
            }
        }
        (format!("处室{o}"), values)
    });
    Dataset::from_values(rubric, "synthetic", rows).expect("synthetic data is valid")
}
