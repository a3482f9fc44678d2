//! What each fuzz target checks, on any input: no panic, and for data
//! files, the row-by-row reader agrees with the table reader.
//!
//! Each function takes the fuzzer's bytes. They panic only when something
//! is wrong: a panic inside the code under test, or two readers that
//! disagree. `fuzz/fuzz_targets/*.rs` call them; `fuzz_regressions.rs`
//! replays every saved input through them.

use scoring_core::calendar::Calendar;
use scoring_core::items::ItemLog;
use scoring_core::{Dataset, DatasetBuilder, Rubric, bundled, score};
use scoring_formats::assessment::AssessmentFile;

/// The rubrics data files are read against: the bundled one, and a flat
/// one with every method, an adjustment and a text column (read once).
fn rubrics() -> &'static [Rubric] {
    static RUBRICS: std::sync::OnceLock<Vec<Rubric>> = std::sync::OnceLock::new();
    RUBRICS.get_or_init(|| {
        let flat = include_str!("fixtures/flat.yaml").replace(
            "indicators:",
            "text_columns:\n  - {id: reason, label: 说明}\nindicators:",
        );
        vec![
            Rubric::from_yaml("bundled", bundled::SHANDONG_2017).expect("bundled rubric"),
            Rubric::from_yaml("flat", &flat).expect("flat rubric"),
        ]
    })
}

/// Rubric YAML: read and validated without a panic; a rubric that loads
/// fingerprints, has no differences from itself, and scores an empty
/// dataset.
pub fn rubric_yaml(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(rubric) = Rubric::from_yaml("fuzz.yaml", text) {
        assert_eq!(rubric.fingerprint().len(), 64);
        assert!(scoring_core::diff::diff(&rubric, &rubric).is_empty());
        let empty = Dataset::empty(&rubric);
        score(&rubric, &empty).expect("an empty dataset scores");
    }
}

/// A data file (CSV in any encoding, or XLSX): the table reader and the
/// row-by-row reader give the same offices, values and errors, for each
/// rubric; a dataset that reads scores.
pub fn data_file(data: &[u8]) {
    for rubric in rubrics() {
        let by_table = scoring_formats::read_table("fuzz.csv", data)
            .map_err(|e| e.to_string())
            .map(|table| Dataset::from_table_lenient(rubric, &table));
        let mut builder = DatasetBuilder::new(rubric, "fuzz.csv");
        let by_rows = scoring_formats::read_rows("fuzz.csv", data, &mut builder)
            .map_err(|e| e.to_string())
            .map(|()| builder.finish_lenient());
        match (by_table, by_rows) {
            (Err(a), Err(b)) => assert_eq!(a, b, "the readers refuse differently"),
            (Ok(a), Ok(b)) => match (&a, &b) {
                (Ok((da, ea)), Ok((db, eb))) => {
                    assert_eq!(da, db, "the readers read different offices or values");
                    assert_eq!(ea, eb, "the readers report different problems");
                    let card = score(rubric, da).expect("a dataset read scores");
                    assert_eq!(card.len(), da.len());
                }
                (Err(x), Err(y)) => assert_eq!(x, y, "the readers refuse differently"),
                _ => panic!("one reader refuses the file, the other reads it: {a:?} / {b:?}"),
            },
            (a, b) => panic!("one reader reads the file, the other cannot: {a:?} / {b:?}"),
        }
    }
}

/// The bundled calendar (read once: twenty years of JSON).
fn bundled_calendar() -> &'static Calendar {
    static CALENDAR: std::sync::OnceLock<Calendar> = std::sync::OnceLock::new();
    CALENDAR.get_or_init(Calendar::bundled)
}

/// An item log (CSV or XLSX): read and judged against the bundled rubric
/// and calendar, without a panic.
pub fn item_log(data: &[u8]) {
    let Ok(table) = scoring_formats::read_table("log.csv", data) else {
        return;
    };
    let rubric = &rubrics()[0];
    if let Ok(log) = ItemLog::from_table(rubric, &table) {
        let mut calendar = bundled_calendar().clone();
        rubric.apply_overrides(&mut calendar);
        for end in ["2026-12-31", "2017-06-30"] {
            let end = scoring_core::calendar::parse_date(end).expect("a date");
            let _ = log.clone().judge(rubric, &calendar, end);
        }
    }
}

/// A calendar file (holiday-cn JSON): added to the bundled calendar, or
/// refused, without a panic; a year added answers questions.
pub fn calendar(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut calendar = bundled_calendar().clone();
    if let Ok(year) = calendar.add_holiday_cn_json("fuzz.json", text) {
        let Some(day) = jiff::civil::Date::new(year, 6, 1).ok() else {
            return;
        };
        let _ = calendar.due_date(day, 10);
        let _ = calendar.is_working_day(day);
    }
}

/// An assessment file: read (or refused) without a panic; one that reads
/// writes back to what reads the same, and scores or reports its data's
/// problems.
pub fn assessment_file(data: &[u8]) {
    let Ok(file) = AssessmentFile::from_json("fuzz.scoring.json", data) else {
        return;
    };
    let again =
        AssessmentFile::from_json("again", &file.to_json()).expect("what was written reads");
    assert_eq!(again, file);
    let rubric = file.rubric("fuzz").expect("checked when read");
    let table = file.table(&rubric, "fuzz");
    if let Ok(data) = Dataset::from_table(&rubric, &table) {
        score(&rubric, &data).expect("a dataset read scores");
    }
}

/// The page's saved state, as browser storage holds it: format 1's one
/// text, or format 2's keys (the input is a JSON object of keys and
/// texts, or a head's text). Loaded without a panic, and what loaded saves
/// and loads back with the same assessments.
pub fn saved_state(data: &[u8]) {
    use scoring_web::persist::{self, HEAD_KEY, Store, StoreError, V1_KEY};
    use std::collections::BTreeMap;

    #[derive(Default)]
    struct Map(BTreeMap<String, String>);
    impl Store for Map {
        fn get(&self, key: &str) -> Option<String> {
            self.0.get(key).cloned()
        }
        fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
            self.0.insert(key.into(), value.into());
            Ok(())
        }
        fn remove(&mut self, key: &str) {
            self.0.remove(key);
        }
        fn keys(&self) -> Vec<String> {
            self.0.keys().cloned().collect()
        }
    }

    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut stores = Vec::new();
    if let Ok(keys) = serde_json::from_str::<BTreeMap<String, String>>(text) {
        stores.push(Map(keys));
    }
    stores.push(Map([(V1_KEY.to_string(), text.to_string())].into()));
    stores.push(Map([(HEAD_KEY.to_string(), text.to_string())].into()));
    for mut store in stores {
        let now = "2026-11-26T10:00:00Z";
        let loaded = persist::load(&mut store, "fuzz", 2026, now);
        let mut saver = loaded.saver;
        if saver.is_on() {
            saver
                .save(&mut store, &loaded.state, false)
                .expect("a loaded state saves");
            let back = persist::load(&mut store, "again", 2026, now).state;
            assert_eq!(back.assessments.len(), loaded.state.assessments.len());
            for (a, b) in back.assessments.iter().zip(&loaded.state.assessments) {
                assert_eq!(a.title, b.title);
                assert_eq!(a.offices.len(), b.offices.len());
            }
        }
    }
}

/// A fuzz target's check.
pub type Check = fn(&[u8]);

/// Every target, by name (the file names in `fuzz/fuzz_targets/`).
pub const TARGETS: &[(&str, Check)] = &[
    ("rubric_yaml", rubric_yaml),
    ("data_file", data_file),
    ("item_log", item_log),
    ("calendar", calendar),
    ("assessment_file", assessment_file),
    ("saved_state", saved_state),
];
