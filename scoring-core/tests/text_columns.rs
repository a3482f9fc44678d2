//! Text columns a rubric declares: read with the data (reasons, evidence,
//! a category), never scored; undeclared columns are still refused.

use scoring_core::diff::{Subject, diff};
use scoring_core::{Dataset, Lang, Rubric, Table, TableRow, score};

const RUBRIC: &str = "id: t
title: T
version: '1'
source: S
inputs:
  - {id: a, label: {zh: 甲, en: A}, kind: count}
text_columns:
  - {id: reason, label: {zh: 说明, en: Reason}, help: 加分或扣分的理由}
  - {id: evidence, label: 佐证材料}
indicators:
  - {id: x, name: X, weight: 100, method: rank, tally: a}
";

fn table(rows: &[&str]) -> Table {
    Table {
        source: "data.csv".into(),
        rows: rows
            .iter()
            .enumerate()
            .map(|(n, r)| TableRow::new(n as u32 + 1, r.split(',')))
            .collect(),
    }
}

#[test]
fn declared_text_columns_travel_with_the_data() {
    let rubric = Rubric::from_yaml("t.yaml", RUBRIC).unwrap();
    assert_eq!(rubric.text_columns().len(), 2);
    // By id or by label, in any order, the Chinese label too.
    let data = Dataset::from_table(
        &rubric,
        &table(&[
            "处室,说明,a,evidence",
            "甲处, 超额完成 ,3,http://x/1",
            "乙处,,5,",
        ]),
    )
    .unwrap();
    assert_eq!(text(&rubric, &data, 0, 0), "超额完成");
    assert_eq!(text(&rubric, &data, 0, 1), "http://x/1");
    assert_eq!(text(&rubric, &data, 1, 0), "");
    // Not scored: the ranking is by `a` alone.
    let card = score(&rubric, &data).unwrap();
    assert_eq!(card.ranking()[0].name(), "乙处");
}

#[test]
fn text_columns_are_optional_and_other_columns_still_refused() {
    let rubric = Rubric::from_yaml("t.yaml", RUBRIC).unwrap();
    let data = Dataset::from_table(&rubric, &table(&["office,a", "甲处,3"])).unwrap();
    assert_eq!(text(&rubric, &data, 0, 0), "");
    assert_eq!(text(&rubric, &data, 0, 1), "");
    let err = Dataset::from_table(&rubric, &table(&["office,a,reasons", "甲处,3,x"])).unwrap_err();
    let msg = err.message(Lang::En);
    assert!(
        msg.contains("unknown column `reasons` (did you mean `reason`?)"),
        "{msg}"
    );
    // A text column given twice is refused like an input given twice.
    let err =
        Dataset::from_table(&rubric, &table(&["office,a,reason,说明", "甲处,3,x,y"])).unwrap_err();
    assert!(
        err.message(Lang::En).contains("repeats column C"),
        "{}",
        err.message(Lang::En)
    );
}

#[test]
fn offices_left_out_take_their_texts_with_them() {
    let rubric = Rubric::from_yaml("t.yaml", RUBRIC).unwrap();
    let (data, errors) = Dataset::from_table_lenient(
        &rubric,
        &table(&["office,a,reason", "甲处,x,bad", "乙处,2,good"]),
    )
    .unwrap();
    assert_eq!(errors.len(), 1);
    assert_eq!(data.offices().next().unwrap().1.name, "乙处");
    assert_eq!(text(&rubric, &data, 0, 0), "good");
}

#[test]
fn a_text_column_shares_the_input_ids_namespace() {
    let yaml = RUBRIC.replace("{id: evidence,", "{id: a,");
    let err = Rubric::from_yaml("t.yaml", &yaml).unwrap_err();
    assert!(
        err.message(Lang::En)
            .contains("text_columns[1].id: id `a` is declared twice"),
        "{}",
        err.message(Lang::En)
    );
}

#[test]
fn text_columns_are_part_of_the_fingerprint_and_the_diff() {
    let old = Rubric::from_yaml("t.yaml", RUBRIC).unwrap();
    let new = Rubric::from_yaml("t.yaml", &RUBRIC.replace("佐证材料}", "佐证材料链接}")).unwrap();
    assert_ne!(old.fingerprint(), new.fingerprint());
    let d = diff(&old, &new);
    assert_eq!(d.entries.len(), 1);
    assert_eq!(d.entries[0].subject, Subject::TextColumn("evidence".into()));
    let without = RUBRIC.replace("  - {id: evidence, label: 佐证材料}\n", "");
    let fewer = Rubric::from_yaml("t.yaml", &without).unwrap();
    assert!(
        diff(&old, &fewer)
            .entries
            .iter()
            .any(|e| e.subject == Subject::TextColumn("evidence".into()))
    );
}

/// Office `o`'s text in the `k`th text column.
fn text<'d>(rubric: &Rubric, data: &'d Dataset, o: usize, k: usize) -> &'d str {
    let office = data.offices().nth(o).unwrap().0;
    data.text(office, rubric.text_columns().nth(k).unwrap().0)
}
