//! Times the reducer natively on a grid of many offices: one cell edit
//! (recompute included) and the saved-state serialisation that follows it.
//!
//! `cargo run --release -p scoring-web --example reducer_timing -- 300`

use std::time::Instant;

use scoring_core::Lang;
use scoring_web::persist::Saved;
use scoring_web::state::{Action, AppState};

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(300);
    let mut state = AppState::new(Lang::Zh, 2026, "now");
    let ids: Vec<String> = state
        .results
        .rubric
        .inputs()
        .items()
        .map(|i| i.id.clone())
        .collect();
    let mut csv = format!("office,{}\n", ids.join(","));
    for o in 0..n {
        let cells: Vec<String> = ids
            .iter()
            .enumerate()
            .map(|(i, id)| match id.as_str() {
                "interview_on_time" => (o % 2).to_string(),
                _ if id.ends_with("_late") || id.ends_with("_answered") => "0".into(),
                _ => ((o * 7 + i * 13) % 50).to_string(),
            })
            .collect();
        csv.push_str(&format!("处室{o},{}\n", cells.join(",")));
    }
    state.apply(Action::ImportFile(scoring_web::state::DataFile::text(
        "x.csv",
        csv.as_bytes(),
    )));
    state.apply(Action::ConfirmImport { now: "now".into() });
    let key = state.assessment().offices[5].key;
    let runs = 50;
    let t = Instant::now();
    for i in 0..runs {
        state.apply(Action::EditCell {
            office: key,
            input: ids[0].clone(),
            text: (i % 10).to_string(),
            now: "now".into(),
        });
    }
    println!(
        "{n} offices: one edit (reducer + recompute): {:?}",
        t.elapsed() / runs
    );
    let t = Instant::now();
    for _ in 0..runs {
        std::hint::black_box(Saved::of(&state).to_json());
    }
    println!("{n} offices: saved-state JSON: {:?}", t.elapsed() / runs);
    let t = Instant::now();
    for _ in 0..runs {
        std::hint::black_box(state.clone());
    }
    println!("{n} offices: state clone: {:?}", t.elapsed() / runs);
}
