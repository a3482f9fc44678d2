//! The reducer, natively: every action, undo and redo, invalid cells,
//! import previews, and restoring from saved state.

use scoring_core::{DataProblem, Lang};

use super::*;
use crate::persist::Saved;

const NOW: &str = "2026-11-23T10:00:00Z";

fn fresh() -> AppState {
    AppState::new(Lang::Zh, 2026, NOW)
}

fn with_example() -> AppState {
    let mut s = fresh();
    s.apply(Action::LoadExample { now: NOW.into() });
    s
}

fn key_of(s: &AppState, name: &str) -> u64 {
    s.assessment()
        .offices
        .iter()
        .find(|o| o.name == name)
        .unwrap_or_else(|| panic!("no office {name}"))
        .key
}

fn total_of(s: &AppState, name: &str) -> String {
    let card = &s.results.card;
    s.results.rubric.publish(card.find(name).unwrap().total())
}

fn edit(s: &mut AppState, office: &str, input: &str, text: &str) {
    let office = key_of(s, office);
    s.apply(Action::EditCell {
        office,
        input: input.into(),
        text: text.into(),
        now: NOW.into(),
    });
}

#[test]
fn a_fresh_state_has_one_empty_assessment() {
    let s = fresh();
    assert_eq!(s.assessments.len(), 1);
    assert_eq!(s.assessment().title, "2026年度政务公开考核");
    assert_eq!(
        s.assessment().rubric_key,
        "bundled:shandong-commerce-2017.yaml"
    );
    assert!(s.results.card.is_empty());
    assert!(!s.ui.welcome_dismissed);
    assert!(!s.history.can_undo());
}

/// A new assessment of a year already in the list is told apart by its
/// title; what was said of the one left does not follow it.
#[test]
fn a_second_assessment_of_the_year_has_a_title_of_its_own() {
    let mut s = fresh();
    s.ui.notify(Notice::Reopened);
    for _ in 0..2 {
        s.apply(Action::NewAssessment {
            year: 2026,
            now: NOW.into(),
        });
    }
    let titles: Vec<&str> = s.assessments.iter().map(|a| a.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "2026年度政务公开考核",
            "2026年度政务公开考核（2）",
            "2026年度政务公开考核（3）"
        ]
    );
    assert!(s.ui.notices.is_empty(), "{:?}", s.ui.notices);
}

#[test]
fn the_example_scores_like_the_worked_example() {
    let s = with_example();
    assert_eq!(s.assessment().offices.len(), 6);
    assert_eq!(s.results.card.len(), 6);
    assert_eq!(total_of(&s, "办公室"), "96.85");
    assert_eq!(total_of(&s, "开发区处"), "81.15");
    assert_eq!(s.ui.view, View::Results);
    assert!(s.ui.welcome_dismissed);
    assert!(s.history.can_undo());
}

#[test]
fn editing_a_cell_rescores_and_typing_is_one_undo_step() {
    let mut s = with_example();
    let before = total_of(&s, "法规处");
    edit(&mut s, "法规处", "consultations_answered", "");
    edit(&mut s, "法规处", "consultations_answered", "3");
    assert_ne!(total_of(&s, "法规处"), before);
    s.apply(Action::Undo { at: NOW.into() });
    assert_eq!(total_of(&s, "法规处"), before);
    assert_eq!(
        s.assessment()
            .office(key_of(&s, "法规处"))
            .unwrap()
            .cell("consultations_answered"),
        "2"
    );
    s.apply(Action::Redo { at: NOW.into() });
    assert_eq!(
        s.assessment()
            .office(key_of(&s, "法规处"))
            .unwrap()
            .cell("consultations_answered"),
        "3"
    );
    assert!(!s.history.can_redo());
}

#[test]
fn a_bad_cell_is_marked_and_left_out_while_others_score() {
    let mut s = with_example();
    edit(&mut s, "外资处", "opinion_reports", "-2");
    let key = key_of(&s, "外资处");
    assert_eq!(
        s.results
            .cell_problems
            .get(&(key, "opinion_reports".to_string())),
        Some(&DataProblem::Negative { text: "-2".into() })
    );
    assert_eq!(s.results.status[&key], RowStatus::Excluded);
    assert_eq!(s.results.card.len(), 5);
    assert!(s.results.card.find("外资处").is_none());
    assert!(s.results.card.find("办公室").is_some());
    // Never treated as 0: the text stays as typed.
    assert_eq!(
        s.assessment().office(key).unwrap().cell("opinion_reports"),
        "-2"
    );

    for (text, problem) in [
        ("2.5", DataProblem::Fractional { text: "2.5".into() }),
        ("abc", DataProblem::NotANumber { text: "abc".into() }),
    ] {
        edit(&mut s, "外资处", "opinion_reports", text);
        assert_eq!(
            s.results
                .cell_problems
                .get(&(key, "opinion_reports".to_string())),
            Some(&problem)
        );
    }
    edit(&mut s, "外资处", "opinion_reports", "2");
    edit(&mut s, "外资处", "consultations_answered", "16");
    assert!(matches!(
        s.results
            .cell_problems
            .get(&(key, "consultations_answered".to_string())),
        Some(DataProblem::Exceeds { .. })
    ));
    edit(&mut s, "外资处", "consultations_answered", "14");
    assert_eq!(s.results.status[&key], RowStatus::Scored);
    assert_eq!(total_of(&s, "外资处"), "91.03");
}

#[test]
fn a_new_office_is_incomplete_not_wrong() {
    let mut s = with_example();
    s.apply(Action::AddOffice { now: NOW.into() });
    let new = s.assessment().offices.last().unwrap().clone();
    assert_eq!(new.name, "新处室7");
    assert_eq!(s.results.status[&new.key], RowStatus::Incomplete);
    assert_eq!(s.results.count(RowStatus::Incomplete), 1);
    assert_eq!(s.results.card.len(), 6);
}

#[test]
fn add_rename_move_remove_offices() {
    let mut s = fresh();
    s.apply(Action::AddOffice { now: NOW.into() });
    s.apply(Action::AddOffice { now: NOW.into() });
    let names: Vec<&str> = s
        .assessment()
        .offices
        .iter()
        .map(|o| o.name.as_str())
        .collect();
    assert_eq!(names, ["新处室1", "新处室2"]);
    let second = s.assessment().offices[1].key;
    s.apply(Action::RenameOffice {
        office: second,
        name: "法规处".into(),
        now: NOW.into(),
    });
    s.apply(Action::MoveOffice {
        office: second,
        delta: -1,
        now: NOW.into(),
    });
    assert_eq!(s.assessment().offices[0].name, "法规处");
    // Moving past the ends does nothing.
    s.apply(Action::MoveOffice {
        office: second,
        delta: -1,
        now: NOW.into(),
    });
    assert_eq!(s.assessment().offices[0].name, "法规处");
    s.apply(Action::RemoveOffice {
        office: second,
        now: NOW.into(),
    });
    assert_eq!(s.assessment().offices.len(), 1);
    s.apply(Action::Undo { at: NOW.into() });
    assert_eq!(s.assessment().offices[0].name, "法规处");
    assert_eq!(s.assessment().offices.len(), 2);
}

#[test]
fn duplicate_office_names_are_marked() {
    let mut s = with_example();
    let key = key_of(&s, "审批处");
    s.apply(Action::RenameOffice {
        office: key,
        name: "法规处".into(),
        now: NOW.into(),
    });
    assert!(matches!(
        s.results.office_problems.get(&key),
        Some(DataProblem::DuplicateOffice { .. })
    ));
    assert_eq!(s.results.status[&key], RowStatus::Excluded);
}

#[test]
fn pasting_a_block_from_excel_fills_and_extends() {
    let mut s = fresh();
    s.apply(Action::AddOffice { now: NOW.into() });
    let first = s.assessment().offices[0].key;
    // Names and the first two inputs of three offices.
    s.apply(Action::Paste {
        rows: below(&s, first),
        column: 0,
        text: "甲处\t1\t2\r\n乙处\t3\t4\r\n丙处\t5\t6\r\n".into(),
        now: NOW.into(),
    });
    let a = s.assessment();
    assert_eq!(a.offices.len(), 3);
    assert_eq!(a.offices[2].name, "丙处");
    assert_eq!(a.offices[1].cell("decision_drafts"), "3");
    assert_eq!(a.offices[1].cell("opinion_reports"), "4");
    // Pasting inside the inputs, from the third input on.
    let second = a.offices[1].key;
    s.apply(Action::Paste {
        rows: below(&s, second),
        column: 3,
        text: "7\t8".into(),
        now: NOW.into(),
    });
    assert_eq!(s.assessment().offices[1].cell("stakeholder_meetings"), "7");
    assert_eq!(
        s.assessment().offices[1].cell("policy_interpretations"),
        "8"
    );
    // One paste is one undo step.
    s.apply(Action::Undo { at: NOW.into() });
    assert_eq!(s.assessment().offices[1].cell("stakeholder_meetings"), "");
    assert!(s.ui.notices.is_empty());
    // A block wider than the grid: what fits is pasted, the rest is named.
    let inputs = s.results.rubric.inputs().len();
    let last = s.assessment().offices[2].key;
    s.apply(Action::Paste {
        rows: below(&s, last),
        column: inputs,
        text: "9\t10\t11".into(),
        now: NOW.into(),
    });
    let last_id = &s.results.rubric.inputs().nth(inputs - 1).unwrap().1.id;
    assert_eq!(s.assessment().offices[2].cell(last_id), "9");
    assert_eq!(s.ui.notices, [Notice::PasteClipped(2)]);
}

#[test]
fn pasting_the_whole_example_scores_it() {
    let mut s = fresh();
    s.apply(Action::AddOffice { now: NOW.into() });
    let first = s.assessment().offices[0].key;
    let block: String = EXAMPLE_CSV
        .lines()
        .skip(1)
        .map(|l| l.replace(',', "\t"))
        .collect::<Vec<_>>()
        .join("\n");
    s.apply(Action::Paste {
        rows: below(&s, first),
        column: 0,
        text: block,
        now: NOW.into(),
    });
    assert_eq!(s.results.card.len(), 6);
    assert_eq!(total_of(&s, "审批处"), "82.93");
}

#[test]
fn import_shows_a_preview_and_can_be_undone() {
    let mut s = with_example();
    let edited = EXAMPLE_CSV
        .replace("法规处,6,3,2", "法规处,7,3,2")
        .replace("审批处,", "新设处,")
        .replace("外资处,2,2,0,9", "外资处,2,x,0,9");
    s.apply(Action::ImportFile(DataFile::read(
        "data.csv",
        &edited.into_bytes(),
    )));
    let Some(Ok(preview)) = &s.ui.import else {
        panic!("no preview: {:?}", s.ui.import)
    };
    assert_eq!(preview.added, ["新设处"]);
    assert_eq!(preview.removed, ["审批处"]);
    let changed: Vec<&str> = preview.changed.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(changed, ["法规处", "外资处"]);
    assert_eq!(preview.changed[0].1[0].old, "6");
    assert_eq!(preview.changed[0].1[0].new, "7");
    assert_eq!(preview.unchanged, 3);
    assert_eq!(preview.problems.len(), 1);
    assert_eq!(preview.problems[0].line, Some(5));
    assert_eq!(preview.encoding, Some("UTF-8"));
    // Nothing replaced yet.
    assert_eq!(total_of(&s, "审批处"), "82.93");
    let keep = key_of(&s, "法规处");
    // The office the file lacks stays unless the assessor says otherwise.
    assert!(preview.keep_others);
    s.apply(Action::ImportKeepOthers(false));

    s.apply(Action::ConfirmImport { now: NOW.into() });
    assert!(s.ui.import.is_none());
    assert!(s.results.card.find("审批处").is_none());
    assert!(s.results.card.find("新设处").is_some());
    assert_eq!(
        key_of(&s, "法规处"),
        keep,
        "offices that stay keep their keys"
    );
    assert_eq!(s.results.status[&key_of(&s, "外资处")], RowStatus::Excluded);
    assert_eq!(s.ui.notices, [Notice::Imported("data.csv".into())]);

    s.apply(Action::Undo { at: NOW.into() });
    assert_eq!(total_of(&s, "审批处"), "82.93");
    // Said as the import taken back; "undo to get the previous data back"
    // no longer stands.
    assert!(
        matches!(&s.ui.notices[..], [Notice::ImportUndone(file, n)] if file == "data.csv" && *n > 0),
        "{:?}",
        s.ui.notices
    );
    // Redone, then a cell typed: the next undo takes back the typing, not
    // the import, and says nothing of the import.
    s.apply(Action::Redo { at: NOW.into() });
    edit(&mut s, "法规处", "decision_drafts", "7");
    s.apply(Action::Undo { at: NOW.into() });
    assert!(
        !s.ui
            .notices
            .iter()
            .any(|n| matches!(n, Notice::ImportUndone(..))),
        "{:?}",
        s.ui.notices
    );
}

#[test]
fn import_gb18030_with_chinese_headers_and_xlsx() {
    let rubric =
        scoring_core::Rubric::from_yaml("r", scoring_core::bundled::SHANDONG_2017).unwrap();
    let chinese: String = {
        let mut lines = EXAMPLE_CSV.lines();
        let header: Vec<String> = lines
            .next()
            .unwrap()
            .split(',')
            .map(|h| {
                rubric
                    .input(h)
                    .map(|(_, i)| i.label.zh.clone())
                    .unwrap_or("处室".into())
            })
            .collect();
        std::iter::once(header.join(","))
            .chain(lines.map(String::from))
            .collect::<Vec<_>>()
            .join("\r\n")
    };
    let mut s = fresh();
    s.apply(Action::ImportFile(DataFile::read(
        "gbk.csv",
        &scoring_formats::encoding::encode_gb18030(&chinese),
    )));
    let Some(Ok(preview)) = &s.ui.import else {
        panic!("{:?}", s.ui.import)
    };
    assert_eq!(preview.encoding, Some("GB18030"));
    assert_eq!(preview.added.len(), 6);
    s.apply(Action::ConfirmImport { now: NOW.into() });
    assert_eq!(total_of(&s, "办公室"), "96.85");

    let xlsx = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/fixtures/dept6.xlsx"
    ))
    .unwrap();
    let mut s = fresh();
    s.apply(Action::ImportFile(DataFile::read("dept6.xlsx", &xlsx)));
    s.apply(Action::ConfirmImport { now: NOW.into() });
    assert_eq!(total_of(&s, "信息中心"), "88.50");
}

#[test]
fn a_file_that_does_not_fit_is_refused_before_anything_changes() {
    let mut s = with_example();
    s.apply(Action::ImportFile(DataFile::read(
        "wrong.csv",
        b"name,foo\nx,1\n",
    )));
    assert!(matches!(s.ui.import, Some(Err(ImportBlocked::Data(_)))));
    s.apply(Action::ConfirmImport { now: NOW.into() });
    assert_eq!(s.assessment().offices.len(), 6);
    s.apply(Action::ImportFile(DataFile::read(
        "bad.xlsx",
        b"PK\x03\x04garbage",
    )));
    assert!(matches!(s.ui.import, Some(Err(ImportBlocked::Format(_)))));
    s.apply(Action::CancelImport);
    assert!(s.ui.import.is_none());
}

#[test]
fn rubric_files_load_or_show_every_error() {
    let mut s = with_example();
    let custom = scoring_core::bundled::SHANDONG_2017
        .replace("id: shandong-commerce-2017", "id: my-rubric")
        .replace(
            "weight: 15\n        method: rank\n        tally: { site_items: 1 }",
            "weight: 15\n        method: rank\n        tally: { site_items: 1 }\n        step: 10",
        );
    s.apply(Action::LoadRubricFile {
        file_name: "mine.yaml".into(),
        text: custom,
        now: NOW.into(),
    });
    assert!(s.ui.rubric_errors.is_none());
    assert!(
        s.assessment()
            .rubric_key
            .starts_with("file:my-rubric@2017-10-20#"),
        "{}",
        s.assessment().rubric_key
    );
    assert_eq!(s.results.rubric.id(), "my-rubric");
    assert_ne!(total_of(&s, "审批处"), "82.93");
    // Switching back is undoable like any change.
    s.apply(Action::Undo { at: NOW.into() });
    assert_eq!(total_of(&s, "审批处"), "82.93");

    let broken = scoring_core::bundled::SHANDONG_2017.replace("weight: 80", "weight: 81");
    s.apply(Action::LoadRubricFile {
        file_name: "broken.yaml".into(),
        text: broken,
        now: NOW.into(),
    });
    let (file, errors) = s.ui.rubric_errors.as_ref().unwrap();
    assert_eq!(file, "broken.yaml");
    assert_eq!(errors.len(), 2);
    assert!(errors.message(Lang::Zh).contains("broken.yaml:"));
    assert_eq!(
        s.assessment().rubric_key,
        "bundled:shandong-commerce-2017.yaml"
    );
    s.apply(Action::DismissRubricErrors);
    assert!(s.ui.rubric_errors.is_none());
}

#[test]
fn assessments_are_created_opened_duplicated_and_deleted_with_confirmation() {
    let mut s = with_example();
    let first = s.assessment().id;
    s.apply(Action::NewAssessment {
        year: 2027,
        now: NOW.into(),
    });
    assert_eq!(s.assessments.len(), 2);
    assert_eq!(s.assessment().year, 2027);
    assert!(s.assessment().offices.is_empty());
    assert!(!s.history.can_undo(), "history belongs to one assessment");
    s.apply(Action::OpenAssessment(first));
    assert_eq!(s.results.card.len(), 6);
    s.apply(Action::DuplicateAssessment {
        id: first,
        now: NOW.into(),
    });
    assert_eq!(s.assessments.len(), 3);
    assert_eq!(s.assessments[2].title, "示例：6个处室（副本）");
    assert_eq!(s.assessments[2].offices.len(), 6);
    // Keys are new: editing the copy does not touch the original.
    let copy = s.assessments[2].id;
    s.apply(Action::OpenAssessment(copy));
    edit(&mut s, "法规处", "decision_drafts", "0");
    s.apply(Action::OpenAssessment(first));
    assert_eq!(total_of(&s, "法规处"), "89.08");

    s.apply(Action::RequestDelete(copy));
    assert_eq!(s.ui.confirm_delete, Some(copy));
    s.apply(Action::CancelDelete);
    assert_eq!(s.assessments.len(), 3);
    s.apply(Action::RequestDelete(copy));
    s.apply(Action::ConfirmDelete);
    assert_eq!(s.assessments.len(), 2);
    assert_eq!(
        s.assessment().id,
        first,
        "the current assessment stays open"
    );
}

#[test]
fn deleting_the_last_assessment_leaves_an_empty_one() {
    let mut s = fresh();
    let id = s.assessment().id;
    s.apply(Action::RequestDelete(id));
    s.apply(Action::ConfirmDelete);
    assert_eq!(s.assessments.len(), 1);
    assert_ne!(s.assessment().id, id);
    assert_eq!(s.assessment().year, 2026);
}

#[test]
fn title_year_language_and_views() {
    let mut s = fresh();
    s.apply(Action::SetTitle {
        title: "2026年度考核".into(),
        now: NOW.into(),
    });
    s.apply(Action::SetYear {
        year: 2025,
        now: "later".into(),
    });
    assert_eq!(s.assessment().title, "2026年度考核");
    assert_eq!(s.assessment().year, 2025);
    assert_eq!(s.assessment().updated, "later");
    s.apply(Action::SetLang(Lang::En));
    s.apply(Action::AddOffice { now: NOW.into() });
    assert_eq!(s.assessment().offices[0].name, "New office 1");
    s.apply(Action::SetView(View::Rubric));
    assert_eq!(s.ui.view, View::Rubric);
    let leaf = s.results.rubric.leaves().nth(3).map(|(l, _)| l);
    s.apply(Action::SelectIndicator(leaf));
    s.apply(Action::SelectOffice(Some(9)));
    assert_eq!((s.ui.indicator, s.ui.office), (leaf, Some(9)));
    s.apply(Action::DismissWelcome);
    assert!(s.ui.welcome_dismissed);
}

#[test]
fn notices_are_shown_once_and_dismissed() {
    let mut s = fresh();
    s.apply(Action::Notify(Notice::StorageFailed("quota".into())));
    s.apply(Action::Notify(Notice::StorageFailed("quota".into())));
    assert_eq!(s.ui.notices.len(), 1);
    s.apply(Action::DismissNotice(0));
    assert!(s.ui.notices.is_empty());
}

#[test]
fn saved_state_restores_everything_typed() {
    let mut s = with_example();
    edit(&mut s, "外资处", "opinion_reports", "bad");
    s.apply(Action::LoadRubricFile {
        file_name: "mine.yaml".into(),
        text: scoring_core::bundled::SHANDONG_2017
            .replace("id: shandong-commerce-2017", "id: mine"),
        now: NOW.into(),
    });
    s.apply(Action::NewAssessment {
        year: 2027,
        now: NOW.into(),
    });
    s.apply(Action::SetLang(Lang::En));
    let json = Saved::of(&s).to_json();

    let restored = Saved::from_v1_json(&json).unwrap().restore(2030, NOW);
    assert_eq!(restored.lang, Lang::En);
    assert_eq!(restored.assessments.len(), 2);
    assert_eq!(
        restored.assessment().year,
        2027,
        "the current assessment is reopened"
    );
    let mine = restored.library.entries.last().unwrap();
    assert!(
        mine.key.starts_with("file:mine@2017-10-20#"),
        "{}",
        mine.key
    );
    let first = &restored.assessments[0];
    assert_eq!(first.rubric_key, mine.key);
    assert_eq!(first.offices.len(), 6);
    let office = first.offices.iter().find(|o| o.name == "外资处").unwrap();
    assert_eq!(
        office.cell("opinion_reports"),
        "bad",
        "typed text survives as typed"
    );
    // Keys are unique after restore.
    let mut keys: Vec<u64> = restored
        .assessments
        .iter()
        .flat_map(|a| a.offices.iter().map(|o| o.key))
        .collect();
    keys.sort();
    keys.dedup();
    assert_eq!(keys.len(), 6);
    assert!(restored.next_key > restored.assessments.iter().map(|a| a.id).max().unwrap());
    // And saving again gives the same text.
    assert_eq!(Saved::of(&restored).to_json(), json);
}

#[test]
fn saved_state_with_a_broken_rubric_keeps_the_data() {
    let s = with_example();
    let mut saved = Saved::of(&s);
    saved.rubrics.push(crate::persist::SavedRubric {
        file_name: "gone.yaml".into(),
        yaml: "not: a rubric".into(),
    });
    saved.assessments[0].rubric = "file:gone@1".into();
    let restored = saved.restore(2026, NOW);
    assert_eq!(
        restored.ui.notices,
        [Notice::DroppedRubric("gone.yaml".into())]
    );
    assert_eq!(
        restored.assessment().rubric_key,
        "bundled:shandong-commerce-2017.yaml"
    );
    assert_eq!(restored.results.card.len(), 6);
}

#[test]
fn a_different_file_with_the_same_id_and_version_never_replaces_one_in_use() {
    let mut s = with_example();
    let first =
        scoring_core::bundled::SHANDONG_2017.replace("id: shandong-commerce-2017", "id: mine");
    s.apply(Action::LoadRubricFile {
        file_name: "mine.yaml".into(),
        text: first.clone(),
        now: NOW.into(),
    });
    let in_use = s.assessment().rubric_key.clone();
    let before = total_of(&s, "审批处");
    // Same id and version, steeper rank steps: a different rubric.
    let edited = first.replace(
        "weight: 15\n        method: rank\n        tally: { site_items: 1 }",
        "weight: 15\n        method: rank\n        tally: { site_items: 1 }\n        step: 10",
    );
    assert_ne!(edited, first);
    s.apply(Action::AddRubricFile {
        file_name: "mine-edited.yaml".into(),
        text: edited,
    });
    assert_eq!(
        s.library.entries.len(),
        scoring_core::bundled::ALL.len() + 2,
        "both files are kept"
    );
    assert_eq!(s.assessment().rubric_key, in_use);
    assert_eq!(total_of(&s, "审批处"), before, "scores do not move");
    let added = s.ui.compare.1.clone().unwrap();
    assert_ne!(added, in_use);
    // Loading the same text again replaces the entry with itself.
    s.apply(Action::AddRubricFile {
        file_name: "mine-again.yaml".into(),
        text: first,
    });
    assert_eq!(
        s.library.entries.len(),
        scoring_core::bundled::ALL.len() + 2
    );
    assert_eq!(s.ui.compare.1.as_deref(), Some(in_use.as_str()));
}

#[test]
fn a_key_saved_before_keys_carried_fingerprints_still_finds_its_rubric() {
    let mut s = with_example();
    s.apply(Action::LoadRubricFile {
        file_name: "mine.yaml".into(),
        text: scoring_core::bundled::SHANDONG_2017
            .replace("id: shandong-commerce-2017", "id: mine"),
        now: NOW.into(),
    });
    let key = s.assessment().rubric_key.clone();
    let mut saved = Saved::of(&s);
    saved.assessments[0].rubric = "file:mine@2017-10-20".into();
    let restored = saved.restore(2026, NOW);
    assert_eq!(restored.assessment().rubric_key, key);
}

#[test]
fn unreadable_saved_text_is_not_a_state() {
    assert!(Saved::from_v1_json("{").is_none());
    assert!(Saved::from_v1_json(r#"{"version": 99}"#).is_none());
}

#[test]
fn the_reducer_shares_unchanged_assessments() {
    let s = Rc::new(with_example());
    let next = Rc::clone(&s).reduce(Action::SetView(View::Data));
    assert!(Rc::ptr_eq(&s.assessments[0], &next.assessments[0]));
    assert!(Rc::ptr_eq(&s.results, &next.results));
}

const ITEMS: &str = include_str!("../../../tests/fixtures/dept6-items.csv");

fn import_items(s: &mut AppState) {
    s.apply(Action::ImportItemLog {
        file: DataFile::read("dept6-items.csv", ITEMS.as_bytes()),
        now: NOW.into(),
    });
}

/// The example's item log, judged as of `period_end`.
fn import_items_to(s: &mut AppState, period_end: &str) {
    import_items(s);
    s.apply(Action::SetPeriodEnd {
        text: period_end.into(),
        now: NOW.into(),
    });
}

#[test]
fn an_item_log_needs_a_period_end_then_fills_blank_counts() {
    let mut s = with_example();
    // Blank the answer-rate counts of 法规处.
    for input in [
        "consultations_asked",
        "consultations_answered",
        "consultations_late",
    ] {
        edit(&mut s, "法规处", input, "");
    }
    let key = key_of(&s, "法规处");
    assert_eq!(s.results.status[&key], RowStatus::Incomplete);
    import_items(&mut s);
    assert_eq!(s.ui.view, View::Items);
    assert_eq!(s.results.items, Some(ItemsState::NeedsPeriodEnd));
    s.apply(Action::SetPeriodEnd {
        text: "2026-12-20".into(),
        now: NOW.into(),
    });
    let Some(ItemsState::Applied { judgement, errors }) = &s.results.items else {
        panic!("{:?}", s.results.items)
    };
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(judgement.log.items.len(), 329);
    assert_eq!(s.results.status[&key], RowStatus::Scored);
    assert_eq!(
        s.results
            .from_log
            .get(&(key, "consultations_late".to_string())),
        Some(&"1".to_string())
    );
    assert_eq!(total_of(&s, "法规处"), "89.08");
    // Undo takes the period end back; the log stays.
    s.apply(Action::Undo { at: NOW.into() });
    assert_eq!(s.results.items, Some(ItemsState::NeedsPeriodEnd));
    s.apply(Action::Redo { at: NOW.into() });
    s.apply(Action::ClearItemLog { now: NOW.into() });
    assert!(s.results.items.is_none());
    assert_eq!(s.results.status[&key], RowStatus::Incomplete);
}

#[test]
fn typed_counts_the_log_contradicts_leave_the_office_out() {
    let mut s = with_example();
    import_items_to(&mut s, "2026-12-20");
    assert_eq!(s.results.card.len(), 6);
    edit(&mut s, "法规处", "consultations_late", "0");
    let key = key_of(&s, "法规处");
    assert!(matches!(
        s.results
            .log_conflicts
            .get(&(key, "consultations_late".to_string())),
        Some(scoring_core::items::ItemProblem::CountsDisagree { .. })
    ));
    assert_eq!(s.results.status[&key], RowStatus::Excluded);
    assert_eq!(s.results.card.len(), 5);
}

#[test]
fn a_broken_log_is_not_used_and_says_why() {
    let mut s = with_example();
    s.apply(Action::ImportItemLog {
        file: DataFile::read(
            "bad.csv",
            "office,kind,item,received,answered\n法规处,consultation,C1,2026-13-01,\n".as_bytes(),
        ),
        now: NOW.into(),
    });
    s.apply(Action::SetPeriodEnd {
        text: "2026-12-20".into(),
        now: NOW.into(),
    });
    let Some(ItemsState::Failed { errors, .. }) = &s.results.items else {
        panic!("{:?}", s.results.items)
    };
    assert!(errors[0].message(Lang::Zh).contains("“2026-13-01”不是日期"));
    // The typed counts are still scored.
    assert_eq!(total_of(&s, "法规处"), "89.08");
    s.apply(Action::ImportItemLog {
        file: DataFile::read("x.xlsx", b"PK\x03\x04nonsense"),
        now: NOW.into(),
    });
    assert!(matches!(
        s.ui.notices.last(),
        Some(Notice::FileUnreadable(_))
    ));
}

#[test]
fn calendar_files_add_years_and_bad_ones_are_refused() {
    let mut s = with_example();
    s.apply(Action::ImportItemLog {
        file: DataFile::read(
            "log.csv",
            "office,kind,item,received,answered\n法规处,consultation,C1,2027-01-04,2027-01-05\n"
                .as_bytes(),
        ),
        now: NOW.into(),
    });
    s.apply(Action::SetPeriodEnd {
        text: "2027-03-01".into(),
        now: NOW.into(),
    });
    let Some(ItemsState::Failed { errors, .. }) = &s.results.items else {
        panic!("{:?}", s.results.items)
    };
    assert!(
        errors[0]
            .message(Lang::En)
            .contains("no working-day calendar for 2027")
    );
    s.apply(Action::LoadCalendarFile {
        file_name: "2027.json".into(),
        text: "{broken".into(),
        now: NOW.into(),
    });
    assert!(matches!(
        s.ui.notices.last(),
        Some(Notice::CalendarRejected(_))
    ));
    s.apply(Action::LoadCalendarFile {
        file_name: "2027.json".into(),
        text:
            r#"{"year": 2027, "days": [{"name": "元旦", "date": "2027-01-01", "isOffDay": true}]}"#
                .into(),
        now: NOW.into(),
    });
    assert!(
        matches!(s.results.items, Some(ItemsState::Applied { .. })),
        "{:?}",
        s.results.items
    );
    assert_eq!(s.assessment().calendars.len(), 1);
    // Kept with the assessment.
    let restored = Saved::from_v1_json(&Saved::of(&s).to_json())
        .unwrap()
        .restore(2026, NOW);
    assert_eq!(restored.assessment().calendars.len(), 1);
    assert_eq!(restored.assessment().period_end, "2027-03-01");
    assert!(restored.assessment().item_log.is_some());
    assert!(matches!(
        restored.results.items,
        Some(ItemsState::Applied { .. })
    ));
    s.apply(Action::RemoveCalendarFile {
        file_name: "2027.json".into(),
        now: NOW.into(),
    });
    assert!(s.assessment().calendars.is_empty());
}

#[test]
fn comparing_rubrics_chooses_sides_and_adds_files_without_switching() {
    let mut s = with_example();
    assert_eq!(
        s.library.entries.len(),
        scoring_core::bundled::ALL.len(),
        "every bundled rubric is offered"
    );
    assert_eq!(s.library.entries[0].fingerprint().len(), 64);
    s.apply(Action::SetCompare {
        old: Some("bundled:shandong-commerce-2017.yaml".into()),
        new: Some("bundled:shandong-commerce-2017-r2019.yaml".into()),
    });
    s.apply(Action::SelectCompareOffice(Some("法规处".into())));
    assert_eq!(s.ui.compare_office.as_deref(), Some("法规处"));
    s.apply(Action::AddRubricFile {
        file_name: "mine.yaml".into(),
        text: scoring_core::bundled::SHANDONG_2017
            .replace("id: shandong-commerce-2017", "id: mine"),
    });
    assert!(
        s.ui.compare
            .1
            .as_deref()
            .is_some_and(|k| k.starts_with("file:mine@2017-10-20#"))
    );
    assert_eq!(
        s.assessment().rubric_key,
        "bundled:shandong-commerce-2017.yaml",
        "the assessment keeps its rubric"
    );
    assert!(!s.history.can_redo());
    s.apply(Action::AddRubricFile {
        file_name: "bad.yaml".into(),
        text: "id: [".into(),
    });
    assert!(s.ui.rubric_errors.is_some());
}

#[test]
fn offices_left_out_are_named_in_grid_order() {
    let mut s = with_example();
    assert!(s.results.left_out(s.assessment()).is_empty());
    edit(&mut s, "开发区处", "decision_drafts", "abc");
    edit(&mut s, "法规处", "site_items", "");
    assert_eq!(
        s.results.left_out(s.assessment()),
        ["法规处", "开发区处"].map(String::from),
        "one excluded, one incomplete, in the grid's order"
    );
}

#[test]
fn an_import_keeps_the_text_columns_a_rubric_declares() {
    let mut s = with_example();
    let custom = scoring_core::bundled::SHANDONG_2017
        .replace("id: shandong-commerce-2017", "id: with-reasons")
        .replace(
            "\nindicators:",
            "\ntext_columns:\n  - {id: reason, label: {zh: 说明, en: Reason}}\nindicators:",
        );
    s.apply(Action::LoadRubricFile {
        file_name: "reasons.yaml".into(),
        text: custom,
        now: NOW.into(),
    });
    assert!(s.ui.rubric_errors.is_none(), "{:?}", s.ui.rubric_errors);
    let mut lines: Vec<String> = EXAMPLE_CSV.lines().map(String::from).collect();
    lines[0].push_str(",说明");
    for (i, line) in lines.iter_mut().enumerate().skip(1) {
        line.push_str(if i == 1 { ",超额完成任务" } else { "," });
    }
    s.apply(Action::ImportFile(DataFile::read(
        "data.csv",
        &lines.join("\n").into_bytes(),
    )));
    let Some(Ok(preview)) = &s.ui.import else {
        panic!("no preview: {:?}", s.ui.import)
    };
    assert!(preview.problems.is_empty(), "{:?}", preview.problems);
    let first = preview.offices[0].name.clone();
    s.apply(Action::ConfirmImport { now: NOW.into() });
    let office = s.assessment().office(key_of(&s, &first)).unwrap();
    assert_eq!(office.cell("reason"), "超额完成任务");
    // Kept in the table the core reads, and so in what is saved.
    let table = s.assessment().to_table(&s.results.rubric);
    assert!(table.rows[0].cells().any(|c| c == "reason"));
    let data = &s.results.data;
    let (o, _) = data.offices().next().unwrap();
    let (reason, _) = s.results.rubric.text_column("reason").unwrap();
    assert_eq!(data.text(o, reason), "超额完成任务");
}

/// The saved state of the release before saved formats were versioned
/// beyond 1, captured from the page by `tests/e2e/capture-saved-state.mjs`:
/// everything in it comes back.
#[test]
fn the_state_saved_by_the_v1_release_restores_everything() {
    let text = include_str!("../../../tests/fixtures/saved-state-v1.json");
    let restored = Saved::from_v1_json(text)
        .expect("a v1 saved state")
        .restore(2030, NOW);
    assert_eq!(restored.lang, Lang::En);
    assert!(restored.ui.notices.is_empty(), "{:?}", restored.ui.notices);
    assert_eq!(restored.assessments.len(), 2);
    let titles: Vec<&str> = restored
        .assessments
        .iter()
        .map(|a| a.title.as_str())
        .collect();
    assert_eq!(titles, ["2026年度考核", "2026年度考核（副本）"]);
    // The current assessment is the copy, under the assessor's rubric file.
    let current = restored.assessment();
    assert_eq!(current.title, "2026年度考核（副本）");
    assert!(
        current.rubric_key.starts_with("file:steeper@2017-10-20#"),
        "{}",
        current.rubric_key
    );
    assert_eq!(restored.results.rubric.id(), "steeper");
    for a in &restored.assessments {
        assert_eq!(a.offices.len(), 6);
        let cell = |office: &str, input: &str| {
            a.offices
                .iter()
                .find(|o| o.name == office)
                .unwrap()
                .cell(input)
                .to_string()
        };
        assert_eq!(cell("审批处", "site_items"), "2000");
        assert_eq!(
            cell("开发区处", "decision_drafts"),
            "abc",
            "a bad cell stays as typed"
        );
        assert_eq!(a.period_end, "2026-12-20");
        let log = a.item_log.as_ref().expect("the item log");
        assert_eq!(log.file_name, "dept6-items.csv");
        assert!(log.rows.len() > 300);
        assert_eq!(a.calendars.len(), 1);
        assert_eq!(a.calendars[0].file_name, "2027.json");
    }
    // Scored as the page scored it: the bad cell leaves 开发区处 out.
    assert_eq!(restored.results.card.len(), 5);
    assert!(restored.results.card.find("开发区处").is_none());
}

#[test]
fn an_assessment_saved_as_a_file_opens_as_it_was() {
    let mut s = with_example();
    edit(&mut s, "外资处", "opinion_reports", "bad");
    s.apply(Action::LoadRubricFile {
        file_name: "mine.yaml".into(),
        text: scoring_core::bundled::SHANDONG_2017
            .replace("id: shandong-commerce-2017", "id: mine"),
        now: NOW.into(),
    });
    assert!(s.assessment().unsaved_to_file());
    let id = s.assessment().id;
    let file = s.assessment_file(id).unwrap();
    assert_eq!(file.rubric.file_name, "mine.yaml");
    s.apply(Action::SavedToFile {
        id,
        revision: s.assessment().revision,
    });
    assert!(!s.assessment().unsaved_to_file());
    // A change later: the file no longer holds everything.
    edit(&mut s, "外资处", "opinion_reports", "3");
    assert!(s.assessment().unsaved_to_file());

    // Opened in a fresh page: it takes the place of the empty assessment a
    // first visit starts with; the rubric file is added.
    let mut other = fresh();
    other.apply(Action::OpenAssessmentFile {
        file_name: file.file_name(),
        bytes: file.to_json(),
        now: NOW.into(),
    });
    assert_eq!(other.assessments.len(), 1);
    let opened = other.assessment();
    assert_eq!(opened.title, file.title);
    assert!(!opened.unsaved_to_file(), "it is the file");
    assert!(
        opened.rubric_key.starts_with("file:mine@"),
        "{}",
        opened.rubric_key
    );
    let cells: Vec<_> = opened
        .offices
        .iter()
        .map(|o| (o.name.clone(), o.cells.clone()))
        .collect();
    let expected: Vec<_> = file
        .offices
        .iter()
        .map(|o| (o.name.clone(), o.cells.clone()))
        .collect();
    assert_eq!(cells, expected);
    assert_eq!(
        opened
            .offices
            .iter()
            .find(|o| o.name == "外资处")
            .unwrap()
            .cell("opinion_reports"),
        "bad"
    );
    assert_eq!(other.ui.notices, [Notice::FileOpened(file.file_name())]);
    // And saved again from there, it is the same file.
    assert_eq!(other.assessment_file(opened.id).unwrap(), file);

    // A bundled rubric is found by its fingerprint, not added again.
    let mut s2 = with_example();
    let f2 = s2.assessment_file(s2.assessment().id).unwrap();
    s2.apply(Action::OpenAssessmentFile {
        file_name: "x.scoring.json".into(),
        bytes: f2.to_json(),
        now: NOW.into(),
    });
    assert_eq!(
        s2.assessment().rubric_key,
        "bundled:shandong-commerce-2017.yaml"
    );
    assert_eq!(s2.library.entries.len(), scoring_core::bundled::ALL.len());
}

#[test]
fn a_file_that_is_not_an_assessment_is_refused_and_nothing_changes() {
    let mut s = with_example();
    let before = s.assessments.clone();
    s.apply(Action::OpenAssessmentFile {
        file_name: "dept6.csv".into(),
        bytes: EXAMPLE_CSV.as_bytes().to_vec(),
        now: NOW.into(),
    });
    assert_eq!(s.assessments, before);
    assert!(matches!(s.ui.notices.as_slice(), [Notice::FileRefused(_)]));
}

/// The keys of the offices from `key` down, in the stored order (what the
/// grid passes when it shows every office).
fn below(s: &AppState, key: u64) -> Vec<u64> {
    let a = s.assessment();
    let at = a.position(key).unwrap_or(0);
    a.offices[at..].iter().map(|o| o.key).collect()
}

fn names_shown(s: &AppState) -> Vec<String> {
    let a = s.assessment();
    s.ui.grid
        .rows(a)
        .into_iter()
        .map(|i| a.offices[i].name.clone())
        .collect()
}

fn stored_names(s: &AppState) -> Vec<String> {
    s.assessment()
        .offices
        .iter()
        .map(|o| o.name.clone())
        .collect()
}

fn sort_by(s: &mut AppState, input: &str, descending: bool, search: &str) {
    s.apply(Action::SetGridView {
        sort: Some(GridSort {
            column: SortColumn::Cell(input.into()),
            descending,
        }),
        search: search.into(),
        by_name: Vec::new(),
    });
}

#[test]
fn a_sorted_and_searched_view_leaves_the_data_and_undo_alone() {
    let mut s = with_example();
    let stored = stored_names(&s);
    let (undo, redo) = (s.history.stacks().0.len(), s.history.stacks().1.len());
    let revision = s.assessment().revision;
    sort_by(&mut s, "site_visits", true, "");
    assert!(s.ui.grid.is_active());
    assert_eq!(
        names_shown(&s),
        [
            "信息中心",
            "办公室",
            "外资处",
            "审批处",
            "法规处",
            "开发区处"
        ]
    );
    // Search narrows the sorted view (any office whose name holds it).
    sort_by(&mut s, "site_visits", true, " 处 ");
    assert_eq!(names_shown(&s), ["外资处", "审批处", "法规处", "开发区处"]);
    // Nothing stored, nothing to undo, nothing to save.
    assert_eq!(stored_names(&s), stored);
    assert_eq!(s.history.stacks().0.len(), undo);
    assert_eq!(s.history.stacks().1.len(), redo);
    assert_eq!(s.assessment().revision, revision);
    // An edit does not move its row under the cursor: the view holds still
    // until it is set again.
    edit(&mut s, "开发区处", "site_visits", "999999");
    assert_eq!(names_shown(&s), ["外资处", "审批处", "法规处", "开发区处"]);
    sort_by(&mut s, "site_visits", true, "处");
    assert_eq!(names_shown(&s)[0], "开发区处");
    // Undo takes the edit back; the view stays.
    s.apply(Action::Undo { at: NOW.into() });
    assert_eq!(
        s.assessment()
            .office(key_of(&s, "开发区处"))
            .unwrap()
            .cell("site_visits"),
        "4100"
    );
    assert!(s.ui.grid.is_active());
    // An office added shows at the end; one removed is gone.
    s.apply(Action::AddOffice { now: NOW.into() });
    let added = stored_names(&s).pop().unwrap();
    assert_eq!(names_shown(&s).len(), 5);
    assert_eq!(names_shown(&s)[4], added);
    s.apply(Action::RemoveOffice {
        office: key_of(&s, "审批处"),
        now: NOW.into(),
    });
    assert!(!names_shown(&s).contains(&"审批处".to_string()));
    // Reset: every office in the stored order.
    s.apply(Action::SetGridView {
        sort: None,
        search: String::new(),
        by_name: Vec::new(),
    });
    assert!(!s.ui.grid.is_active());
    assert_eq!(names_shown(&s), stored_names(&s));
}

#[test]
fn a_sort_keeps_ties_in_order_and_puts_na_bad_and_blank_cells_last_both_ways() {
    let mut s = with_example();
    edit(&mut s, "法规处", "press_conferences", "abc");
    edit(&mut s, "审批处", "press_conferences", "");
    for descending in [false, true] {
        sort_by(&mut s, "press_conferences", descending, "");
        let shown = names_shown(&s);
        assert_eq!(
            &shown[4..],
            ["法规处", "审批处"],
            "descending {descending}: {shown:?}"
        );
    }
    // Ties (办公室 3, the others 0 or 1…) keep the stored order.
    sort_by(&mut s, "interview_on_time", false, "");
    let shown = names_shown(&s);
    let zeros: Vec<&String> = shown
        .iter()
        .filter(|n| {
            s.assessment()
                .office(key_of(&s, n))
                .unwrap()
                .cell("interview_on_time")
                == "0"
        })
        .collect();
    let stored: Vec<String> = stored_names(&s)
        .into_iter()
        .filter(|n| zeros.contains(&n))
        .collect();
    assert_eq!(zeros.into_iter().cloned().collect::<Vec<_>>(), stored);
    // By name: in the order the browser collates names.
    let by_name: Vec<u64> = [
        "审批处",
        "办公室",
        "外资处",
        "开发区处",
        "法规处",
        "信息中心",
    ]
    .iter()
    .map(|n| key_of(&s, n))
    .collect();
    s.apply(Action::SetGridView {
        sort: Some(GridSort {
            column: SortColumn::Name,
            descending: false,
        }),
        search: String::new(),
        by_name,
    });
    assert_eq!(names_shown(&s)[0], "审批处");
}

#[test]
fn a_block_pastes_down_the_rows_as_shown() {
    let mut s = with_example();
    sort_by(&mut s, "site_visits", true, "");
    let rows: Vec<u64> = {
        let a = s.assessment();
        s.ui.grid
            .rows(a)
            .iter()
            .map(|&i| a.offices[i].key)
            .collect()
    };
    // From the second row shown down: 办公室, 外资处, 审批处.
    s.apply(Action::Paste {
        rows: rows[1..].to_vec(),
        column: 5,
        text: "11\r\n12\r\n13\r\n".into(),
        now: NOW.into(),
    });
    let cell = |s: &AppState, n: &str| {
        s.assessment()
            .office(key_of(s, n))
            .unwrap()
            .cell("press_conferences")
            .to_string()
    };
    assert_eq!(cell(&s, "办公室"), "11");
    assert_eq!(cell(&s, "外资处"), "12");
    assert_eq!(cell(&s, "审批处"), "13");
    assert_eq!(cell(&s, "法规处"), "0", "the row after the block is left");
    s.apply(Action::Undo { at: NOW.into() });
    assert_eq!(cell(&s, "办公室"), "3");
}

#[test]
fn typing_that_returns_to_where_it_started_leaves_no_step_to_undo() {
    let mut s = with_example();
    let undo = s.history.stacks().0.len();
    let revision = s.assessment().revision;
    edit(&mut s, "法规处", "press_conferences", "9");
    edit(&mut s, "法规处", "press_conferences", "97");
    assert_eq!(s.history.stacks().0.len(), undo + 1);
    // Escape puts back what was there.
    edit(&mut s, "法规处", "press_conferences", "0");
    assert_eq!(s.history.stacks().0.len(), undo);
    assert_eq!(s.assessment().revision, revision, "nothing new to save");
    // Typing again is a new step.
    edit(&mut s, "法规处", "press_conferences", "4");
    assert_eq!(s.history.stacks().0.len(), undo + 1);
}

#[test]
fn undo_and_redo_say_which_cell_they_changed() {
    let mut s = with_example();
    edit(&mut s, "外资处", "site_visits", "1");
    let office = key_of(&s, "外资处");
    let seen = s.ui.undone_at.0;
    s.apply(Action::Undo { at: NOW.into() });
    assert_eq!(
        s.ui.undone_at,
        (seen + 1, Some((office, "site_visits".to_string())))
    );
    s.apply(Action::Redo { at: NOW.into() });
    assert_eq!(
        s.ui.undone_at,
        (seen + 2, Some((office, "site_visits".to_string())))
    );
    // A rename: the name's column.
    s.apply(Action::RenameOffice {
        office,
        name: "外贸处".into(),
        now: NOW.into(),
    });
    s.apply(Action::Undo { at: NOW.into() });
    assert_eq!(s.ui.undone_at.1, Some((office, String::new())));
    // An office added, then undone: nothing left to show.
    s.apply(Action::AddOffice { now: NOW.into() });
    s.apply(Action::Undo { at: NOW.into() });
    assert_eq!(s.ui.undone_at.1, None);
}

#[test]
fn a_workbook_as_departments_keep_it_previews_its_layout_then_scores_the_same() {
    let wb = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/fixtures/dept6-workbook.csv"
    ))
    .unwrap();
    let mut s = fresh();
    s.apply(Action::ImportFile(DataFile::read("wb.csv", &wb)));
    let Some(Ok(preview)) = &s.ui.import else {
        panic!("{:?}", s.ui.import)
    };
    assert!(!preview.layout.is_plain());
    let said = preview.layout.describe(Lang::Zh).join("；");
    assert!(said.contains("第10行“合计”是合计行"), "{said}");
    assert!(said.contains("序号"), "{said}");
    assert_eq!(preview.added.len(), 6, "{:?}", preview.added);
    assert!(preview.problems.is_empty(), "{:?}", preview.problems);
    s.apply(Action::ConfirmImport { now: NOW.into() });
    let mut example = fresh();
    example.apply(Action::LoadExample { now: NOW.into() });
    for office in [
        "办公室",
        "法规处",
        "信息中心",
        "外资处",
        "开发区处",
        "审批处",
    ] {
        assert_eq!(total_of(&s, office), total_of(&example, office), "{office}");
    }
    assert!(s.assessment().office(key_of(&s, "审批处")).is_some());
    assert!(s.assessment().offices.iter().all(|o| o.name != "合计"));
}

#[test]
fn an_undo_out_of_the_grid_says_what_it_changed() {
    let mut s = with_example();
    edit(&mut s, "外资处", "site_visits", "1");
    s.apply(Action::SetView(View::Results));
    s.apply(Action::Undo { at: NOW.into() });
    let said: Vec<&Notice> =
        s.ui.notices
            .iter()
            .filter(|n| matches!(n, Notice::UndoneElsewhere { .. }))
            .collect();
    assert_eq!(
        said,
        [&Notice::UndoneElsewhere {
            redo: false,
            office: "外资处".into(),
            label: "子站访问量".into(),
            more: 0,
        }]
    );
    // The next one replaces it; in the grid nothing is said (the grid
    // goes to the cell).
    s.apply(Action::Redo { at: NOW.into() });
    assert_eq!(
        s.ui.notices
            .iter()
            .filter(|n| matches!(n, Notice::UndoneElsewhere { redo: true, .. }))
            .count(),
        1
    );
    s.apply(Action::SetView(View::Data));
    s.apply(Action::Undo { at: NOW.into() });
    assert!(
        !s.ui
            .notices
            .iter()
            .any(|n| matches!(n, Notice::UndoneElsewhere { .. }))
    );
}

#[test]
fn offices_left_out_are_listed_with_why_and_a_way_to_each_cell() {
    let mut s = with_example();
    assert!(!s.results.provisional());
    edit(&mut s, "外资处", "opinion_reports", "-2");
    edit(&mut s, "法规处", "site_items", "");
    assert!(s.results.provisional());
    let why = s.results.left_out_why(s.assessment(), Lang::Zh);
    let names: Vec<&str> = why.iter().map(|o| o.name.as_str()).collect();
    assert_eq!(names, ["法规处", "外资处"], "grid order");
    assert_eq!(why[0].cells, []);
    assert_eq!(why[0].blanks, ["site_items"]);
    assert_eq!(why[1].cells.len(), 1);
    assert_eq!(why[1].cells[0].0, "opinion_reports");
    assert!(why[1].cells[0].1.contains("-2"), "{:?}", why[1].cells);
    // Going to a cell shows the grid, which clears the request once there.
    s.apply(Action::SetView(View::Results));
    s.apply(Action::GoToCell {
        office: why[1].office,
        input: "opinion_reports".into(),
    });
    assert_eq!(s.ui.view, View::Data);
    assert_eq!(
        s.ui.go_to,
        Some((why[1].office, "opinion_reports".to_string()))
    );
    s.apply(Action::WentToCell);
    assert_eq!(s.ui.go_to, None);
}

#[test]
fn an_assessment_draws_on_another_in_the_list_and_travels_with_it() {
    // The disclosure assessment: the worked example.
    let mut s = with_example();
    let disclosure = s.assessment().id;
    // The annual appraisal, drawing on it.
    s.apply(Action::NewAssessment {
        year: 2026,
        now: NOW.into(),
    });
    s.apply(Action::SelectRubric {
        key: "bundled:annual-appraisal.yaml".into(),
        now: NOW.into(),
    });
    let csv = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/fixtures/annual-appraisal.csv"
    ))
    .unwrap();
    s.apply(Action::ImportFile(DataFile::read(
        "annual-appraisal.csv",
        &csv,
    )));
    assert!(matches!(&s.ui.import, Some(Ok(_))), "{:?}", s.ui.import);
    s.apply(Action::ConfirmImport { now: NOW.into() });
    // Not linked: the source's cells are blank, nobody is scored.
    assert_eq!(s.results.sources.len(), 1);
    assert_eq!(s.results.sources[0].linked, None);
    assert!(s.results.card.is_empty());
    let appraisal = s.assessment().id;
    // Itself cannot be chosen.
    s.apply(Action::LinkSource {
        rubric: "shandong-commerce-2017".into(),
        assessment: Some(appraisal),
        now: NOW.into(),
    });
    assert!(s.assessment().sources.is_empty());
    s.apply(Action::LinkSource {
        rubric: "shandong-commerce-2017".into(),
        assessment: Some(disclosure),
        now: NOW.into(),
    });
    assert_eq!(
        s.results.sources[0].linked.as_ref().map(|l| l.0),
        Some(disclosure)
    );
    let office = key_of(&s, "办公室");
    assert_eq!(
        s.results
            .from_source
            .get(&(office, "disclosure_total".into())),
        Some(&"96.85".to_string())
    );
    let scored = s.results.card.len();
    assert!(scored >= 5, "{scored}");
    // A typed value the disclosure assessment contradicts: that office is
    // left out, the problem at its cell.
    edit(&mut s, "办公室", "disclosure_total", "90");
    assert!(matches!(
        s.results
            .cell_problems
            .get(&(office, "disclosure_total".into())),
        Some(DataProblem::SourceDisagrees { .. })
    ));
    assert!(s.results.card.find("办公室").is_none());
    assert_eq!(s.results.card.len(), scored - 1);
    s.apply(Action::Undo { at: NOW.into() });
    assert!(s.results.card.find("办公室").is_some());
    // A cycle is refused: the disclosure assessment cannot draw on it.
    // (Its rubric has no sources; the guard stands anyway.)
    assert!(s.draws_on(appraisal, disclosure, 0));

    // Saved as a file, it holds the assessment it draws on; opened
    // elsewhere, both come back, linked.
    let file = s.assessment_file(appraisal).unwrap();
    assert_eq!(file.sources.len(), 1);
    assert_eq!(file.sources[0].offices.len(), 6);
    let total = total_of(&s, "办公室");
    let mut other = fresh();
    other.apply(Action::OpenAssessmentFile {
        file_name: "appraisal.scoring.json".into(),
        bytes: file.to_json(),
        now: NOW.into(),
    });
    assert_eq!(other.assessments.len(), 2);
    assert_eq!(other.assessment().title, s.assessment().title);
    assert_eq!(total_of(&other, "办公室"), total);
    // And browser storage keeps the link.
    let restored = Saved::from_v1_json(&Saved::of(&s).to_json())
        .unwrap()
        .restore(2026, NOW);
    let back = restored
        .assessments
        .iter()
        .find(|a| a.id == appraisal)
        .unwrap();
    assert_eq!(
        back.sources,
        vec![("shandong-commerce-2017".to_string(), disclosure)]
    );
}

#[test]
fn where_typed_counts_and_the_log_disagree_the_assessor_chooses() {
    use scoring_core::items::CountsChoice;
    let mut s = with_example();
    import_items_to(&mut s, "2026-12-20");
    let total = total_of(&s, "办公室");
    // 办公室 typed one answer fewer than its items show.
    edit(&mut s, "办公室", "consultations_answered", "39");
    let key = key_of(&s, "办公室");
    assert_eq!(s.results.status[&key], RowStatus::Excluded);
    assert!(
        s.results
            .log_conflicts
            .contains_key(&(key, "consultations_answered".into()))
    );
    // The log's counts: scored as before.
    let choose = |s: &mut AppState, office: Option<&str>, choice| {
        s.apply(Action::ChooseCounts {
            office: office.map(String::from),
            choice,
            now: NOW.into(),
        })
    };
    choose(&mut s, Some("办公室"), Some(CountsChoice::Log));
    assert_eq!(s.results.status[&key], RowStatus::Scored);
    assert_eq!(total_of(&s, "办公室"), total);
    // The cell says so: the typed 39 is not what is scored.
    assert_eq!(
        s.results
            .log_chosen
            .get(&(key, "consultations_answered".into())),
        Some(&(40, CountsChoice::Log))
    );
    // The typed ones: scored on 39 answered of 40.
    choose(&mut s, Some("办公室"), Some(CountsChoice::Typed));
    assert_eq!(s.assessment().counts_choice.len(), 1);
    assert_ne!(total_of(&s, "办公室"), total);
    // For every office: replaces the choices of single offices.
    choose(&mut s, None, Some(CountsChoice::Log));
    assert_eq!(
        s.assessment().counts_choice,
        vec![(String::new(), CountsChoice::Log)]
    );
    assert_eq!(total_of(&s, "办公室"), total);
    // Undone, the choice before; taken back, the office is out again.
    s.apply(Action::Undo { at: NOW.into() });
    assert_eq!(
        s.assessment().counts_choice,
        vec![("办公室".to_string(), CountsChoice::Typed)]
    );
    choose(&mut s, Some("办公室"), None);
    assert_eq!(s.results.status[&key], RowStatus::Excluded);
    // The choice travels with the file, and the command scores it alike.
    choose(&mut s, Some("办公室"), Some(CountsChoice::Log));
    let file = s.assessment_file(s.assessment().id).unwrap();
    assert_eq!(
        file.counts_choice,
        vec![("办公室".to_string(), CountsChoice::Log)]
    );
    let back =
        scoring_formats::assessment::AssessmentFile::from_json("a.json", &file.to_json()).unwrap();
    assert_eq!(back.counts_choice_for("办公室"), Some(CountsChoice::Log));
    assert_eq!(back.counts_choice_for("法规处"), None);
}

#[test]
fn the_worked_example_s_item_log_loads_with_its_period_end() {
    let mut s = fresh();
    s.apply(Action::LoadExampleItems { now: NOW.into() });
    let Some(ItemsState::Applied { judgement, errors }) = &s.results.items else {
        panic!("{:?}", s.results.items)
    };
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(judgement.log.items.len(), 329);
    assert_eq!(s.assessment().period_end, EXAMPLE_PERIOD_END);
    assert_eq!(total_of(&s, "办公室"), "96.85");
}

#[test]
fn returned_forms_are_previewed_merged_as_one_step_and_undone() {
    let mut s = with_example();
    let id = s.assessment().id;
    let file = s.assessment_file(id).unwrap();
    let rubric = s.rubric_entry().rubric().clone();
    let form = |office: &str, value: &str| {
        let cells = file
            .offices
            .iter()
            .find(|o| o.name == office)
            .unwrap()
            .cells
            .clone();
        // Sent as the assessment stands; the office types `value`.
        let header = file.form_header(&rubric, office);
        let book = scoring_formats::forms::form_book(&rubric, &header, &cells, &Default::default());
        let bytes = scoring_formats::write_book(&book).unwrap();
        let mut table = scoring_formats::read_xlsx(&format!("{office}.xlsx"), &bytes).unwrap();
        for row in &mut table.rows {
            if row.cell(5) == Some("decision_drafts") {
                let mut typed: Vec<String> = row.cells().map(str::to_string).collect();
                typed[3] = value.to_string();
                *row = scoring_core::TableRow::new(row.line, typed);
            }
        }
        Ok(table)
    };
    let before = s.assessment().offices[0]
        .cell("decision_drafts")
        .to_string();
    let returned = |name: &str, when: &str, table| scoring_formats::forms::ReturnedFile {
        name: name.into(),
        modified: Some(when.into()),
        table,
    };
    // The later modified of 法规处's two forms wins, whatever the order
    // they were chosen in.
    s.apply(Action::PreviewForms(vec![
        returned(
            "办公室.xlsx",
            "2026-11-20T09:00:00.000Z",
            form("办公室", "9"),
        ),
        returned(
            "法规处-2.xlsx",
            "2026-11-21T09:00:00.000Z",
            form("法规处", "8"),
        ),
        returned(
            "法规处-1.xlsx",
            "2026-11-20T10:00:00.000Z",
            form("法规处", "7"),
        ),
    ]));
    let (c, _) = s.ui.forms.clone().expect("a preview");
    assert_eq!(c.accepted.len(), 3);
    assert_eq!(c.accepted[0].changes[0].new, "9");
    assert_eq!(c.accepted[1].form.file, "法规处-1.xlsx");
    assert_eq!(
        c.accepted[1].superseded_by.as_deref(),
        Some("法规处-2.xlsx")
    );
    assert_eq!(c.missing.len(), 4);
    assert!(c.flagged(), "two forms for 法规处");
    // Flagged: nothing merges until confirmed.
    s.apply(Action::ConfirmForms { now: NOW.into() });
    assert!(s.ui.forms.is_some());
    assert_eq!(s.assessment().offices[0].cell("decision_drafts"), before);
    s.apply(Action::AcceptFlaggedForms(true));
    s.apply(Action::ConfirmForms { now: NOW.into() });
    assert!(s.ui.forms.is_none());
    let cell = |s: &AppState, office: &str| {
        s.assessment()
            .offices
            .iter()
            .find(|o| o.name == office)
            .unwrap()
            .cell("decision_drafts")
            .to_string()
    };
    assert_eq!(cell(&s, "办公室"), "9");
    assert_eq!(cell(&s, "法规处"), "8", "the later form wins");
    assert!(s.ui.notices.contains(&Notice::FormsMerged {
        forms: 2,
        cells: 2,
        unexplained: 0
    }));
    // The forms are recorded as returned: a later batch does not list
    // these offices as missing.
    let again = form("办公室", "9");
    s.apply(Action::PreviewForms(vec![returned(
        "办公室.xlsx",
        "2026-11-22T09:00:00.000Z",
        again,
    )]));
    let (c, _) = s.ui.forms.clone().unwrap();
    assert!(!c.accepted[0].changes_anything(), "{c:?}");
    assert_eq!(c.missing, ["信息中心", "外资处", "开发区处", "审批处"]);
    s.apply(Action::CancelForms);
    // One undo takes the whole merge back, and says it undid both values
    // (one named, one more; not the evidence and form records beside).
    s.ui.view = View::Results;
    s.apply(Action::Undo { at: NOW.into() });
    assert!(
        s.ui.notices
            .iter()
            .any(|n| matches!(n, Notice::UndoneElsewhere { more: 1, .. })),
        "{:?}",
        s.ui.notices
    );
    assert_eq!(cell(&s, "办公室"), before);
    assert_eq!(cell(&s, "法规处"), "6");
}

#[test]
fn submitted_and_reviewed_values_a_reason_for_each_difference_and_the_self_assessed_total() {
    let mut s = with_example();
    let id = s.assessment().id;
    let file = s.assessment_file(id).unwrap();
    let rubric = s.rubric_entry().rubric().clone();
    let office = s
        .assessment()
        .offices
        .iter()
        .find(|o| o.name == "法规处")
        .unwrap()
        .key;
    // 法规处 returns its form with one count raised.
    let cells = &file
        .offices
        .iter()
        .find(|o| o.name == "法规处")
        .unwrap()
        .cells;
    let header = file.form_header(&rubric, "法规处");
    let book = scoring_formats::forms::form_book(&rubric, &header, cells, &Default::default());
    let mut table =
        scoring_formats::read_xlsx("法规处.xlsx", &scoring_formats::write_book(&book).unwrap())
            .unwrap();
    for row in &mut table.rows {
        if row.cell(5) == Some("site_items") {
            let mut typed: Vec<String> = row.cells().map(str::to_string).collect();
            typed[3] = "900".into();
            *row = scoring_core::TableRow::new(row.line, typed);
        }
    }
    let returned = || {
        Action::PreviewForms(vec![scoring_formats::forms::ReturnedFile {
            name: "法规处.xlsx".into(),
            modified: None,
            table: Ok(table.clone()),
        }])
    };
    let row = |s: &AppState| s.assessment().office(office).unwrap().cells.clone();
    // Merged keeping the assessor's value: the office's is what it
    // submitted, the reviewed value stays, and the difference wants a
    // reason.
    let before = row(&s)["site_items"].clone();
    s.apply(returned());
    s.apply(Action::KeepFormValue {
        office: "法规处".into(),
        input: "site_items".into(),
        keep: true,
    });
    s.apply(Action::ConfirmForms { now: NOW.into() });
    assert_eq!(row(&s)["submitted:site_items"], "900");
    assert_eq!(row(&s)["site_items"], before);
    // The value kept is not counted as changed, and the reason it wants
    // is said with the merge.
    assert!(s.ui.notices.contains(&Notice::FormsMerged {
        forms: 1,
        cells: 0,
        unexplained: 1
    }));
    let differences = scoring_formats::forms::reviewed_differences(&rubric, &row(&s), None);
    assert_eq!(differences.len(), 1);
    assert_eq!(
        (differences[0].1.as_str(), differences[0].3.as_str()),
        ("900", "")
    );
    assert!(s.cannot_approve().is_some(), "a reason is wanted first");
    s.apply(Action::Undo { at: NOW.into() });
    // Merged as the office gave it.
    s.apply(returned());
    s.apply(Action::ConfirmForms { now: NOW.into() });
    assert_eq!(row(&s)["submitted:site_items"], "900");
    // Reviewed as submitted: no difference, the self-assessed total is the
    // reviewed one.
    assert!(scoring_formats::forms::reviewed_differences(&rubric, &row(&s), None).is_empty());
    let reviewed = total_of(&s, "法规处");
    assert_eq!(
        s.self_assessed_total(office).as_deref(),
        Some(reviewed.as_str())
    );
    // The assessor reviews the count down: a difference, wanting a reason;
    // the self-assessed total stays what the office's own values give.
    s.apply(Action::EditCell {
        office,
        input: "site_items".into(),
        text: "420".into(),
        now: NOW.into(),
    });
    let differences = scoring_formats::forms::reviewed_differences(&rubric, &row(&s), None);
    assert_eq!(
        differences,
        [(
            "site_items".to_string(),
            "900".to_string(),
            "420".to_string(),
            String::new()
        )]
    );
    assert_ne!(total_of(&s, "法规处"), reviewed);
    assert_eq!(
        s.self_assessed_total(office).as_deref(),
        Some(reviewed.as_str())
    );
    s.apply(Action::EditCell {
        office,
        input: scoring_formats::forms::reason_key("site_items"),
        text: "子站统计含重复条目，按核查结果计".into(),
        now: NOW.into(),
    });
    let differences = scoring_formats::forms::reviewed_differences(&rubric, &row(&s), None);
    assert_eq!(differences[0].3, "子站统计含重复条目，按核查结果计");
    // The same form given again: the value reviewed with a reason is kept
    // unless the assessor says otherwise.
    s.apply(returned());
    let Some((c, _)) = &s.ui.forms else {
        panic!("no preview")
    };
    let a = &c.accepted[0];
    let kept = a
        .changes
        .iter()
        .map(|ch| (ch.input.as_str(), ch.keep))
        .chain(a.conflicts.iter().map(|ch| (ch.input.as_str(), ch.keep)));
    assert!(
        kept.clone().any(|k| k == ("site_items", true)),
        "{:?}",
        kept.collect::<Vec<_>>()
    );
    s.apply(Action::CancelForms);
    // An office that submitted nothing has no self-assessed total.
    let other = s.assessment().offices[0].key;
    assert_eq!(s.self_assessed_total(other), None);
}

#[test]
fn an_approved_assessment_takes_no_edits_until_reopened_with_a_reason() {
    let mut s = with_example();
    // Not while offices are left out.
    s.apply(Action::EditCell {
        office: s.assessment().offices[0].key,
        input: "site_items".into(),
        text: "abc".into(),
        now: NOW.into(),
    });
    s.apply(Action::Approve { now: NOW.into() });
    assert!(s.assessment().approval.is_none());
    assert!(s.ui.notices.iter().any(
        |n| matches!(n, Notice::CannotApprove { left_out: 1, offices, .. }
                if offices.0 == [s.assessment().offices[0].name.clone()])
    ));
    s.apply(Action::Undo { at: NOW.into() });
    assert!(
        !s.ui
            .notices
            .iter()
            .any(|n| matches!(n, Notice::CannotApprove { .. })),
        "put right, no longer said"
    );
    assert!(s.history.can_redo());
    s.apply(Action::Approve { now: NOW.into() });
    let approval = s.assessment().approval.clone().expect("approved");
    assert_eq!(approval.fingerprint.len(), 64);
    // A milestone: nothing from before it to undo or redo.
    assert!(!s.history.can_undo() && !s.history.can_redo());
    // The fingerprint is of the data and the results as the file holds
    // them: the same file gives it again.
    let file = s.assessment_file(s.assessment().id).unwrap();
    let rubric = s.rubric_entry().rubric().clone();
    let csv = scoring_formats::results_csv(&rubric, &s.results.card, Lang::Zh);
    assert_eq!(file.approval_fingerprint(&csv), approval.fingerprint);
    // Edits, undo and imports are refused and said.
    let key = s.assessment().offices[0].key;
    let before = s.assessment().clone();
    s.apply(Action::EditCell {
        office: key,
        input: "site_items".into(),
        text: "1".into(),
        now: NOW.into(),
    });
    s.apply(Action::Undo { at: NOW.into() });
    s.apply(Action::SetTitle {
        title: "x".into(),
        now: NOW.into(),
    });
    assert_eq!(*s.assessment(), before);
    assert!(s.ui.notices.contains(&Notice::Locked));
    // Reopening needs a reason; it is kept, with the approval it ended.
    s.apply(Action::Reopen {
        reason: "  ".into(),
        now: NOW.into(),
    });
    assert!(s.assessment().approval.is_some());
    s.apply(Action::Reopen {
        reason: "法规处补报材料".into(),
        now: NOW.into(),
    });
    assert!(s.assessment().approval.is_none());
    assert_eq!(s.assessment().reopened[0].reason, "法规处补报材料");
    assert_eq!(s.assessment().reopened[0].fingerprint, approval.fingerprint);
    s.apply(Action::EditCell {
        office: key,
        input: "site_items".into(),
        text: "1".into(),
        now: NOW.into(),
    });
    assert_eq!(s.assessment().offices[0].cell("site_items"), "1");
    // An undo takes the edit back, not the reopening.
    s.apply(Action::Undo { at: NOW.into() });
    assert!(s.assessment().approval.is_none());
    assert_eq!(s.assessment().reopened.len(), 1);
}

#[test]
fn the_trail_keeps_every_change_by_whom_and_is_never_undone() {
    let mut s = with_example();
    let start = s.assessment().trail.len();
    let key = s.assessment().offices[1].key;
    // Typing on in one cell is one entry, its last value.
    for text in ["1", "12", "123"] {
        s.apply(Action::EditCell {
            office: key,
            input: "site_items".into(),
            text: text.into(),
            now: "2026-11-26T10:00:00Z".into(),
        });
    }
    let trail = s.assessment().trail.clone();
    assert_eq!(trail.len(), start + 1);
    let e = trail.last().unwrap();
    assert_eq!(
        (
            e.by.as_str(),
            e.office.as_str(),
            e.cell.as_str(),
            e.new.as_str()
        ),
        ("", "法规处", "site_items", "123")
    );
    // An undo is a change too: it is added, nothing is taken away.
    s.apply(Action::Undo { at: NOW.into() });
    let trail = s.assessment().trail.clone();
    assert_eq!(trail.len(), start + 2);
    assert_eq!(trail.last().unwrap().by, "undo");
    assert_eq!(trail.last().unwrap().new, e.old);
    // Approval and reopening are in it, with the reason.
    s.apply(Action::Approve { now: NOW.into() });
    s.apply(Action::Reopen {
        reason: "补报".into(),
        now: NOW.into(),
    });
    let trail = s.assessment().trail.clone();
    let tail: Vec<&str> = trail[trail.len() - 2..]
        .iter()
        .map(|e| e.by.as_str())
        .collect();
    assert_eq!(tail, ["approve", "reopen"]);
    assert_eq!(trail.last().unwrap().new, "补报");
    // It travels in the assessment file, and exports as CSV.
    let file = s.assessment_file(s.assessment().id).unwrap();
    assert_eq!(file.trail.len(), trail.len());
    let rubric = s.rubric_entry().rubric().clone();
    let csv = String::from_utf8(scoring_formats::assessment::trail_csv(
        &rubric,
        &file.trail,
        Lang::Zh,
        480,
    ))
    .unwrap();
    // Times in the assessor's time zone (UTC+8 here), named in the header.
    assert!(
        csv.starts_with("\u{feff}时间（UTC+8）,来源,处室,填报项,类别,原值,新值\r\n"),
        "{csv}"
    );
    assert!(
        csv.contains("\r\n2026-11-23 18:00,"),
        "{NOW} is 18:00 in UTC+8: {csv}"
    );
    assert!(
        csv.contains(",考核人录入,法规处,子站上网信息量,核定值,150,123\r\n"),
        "{csv}"
    );
    assert!(
        csv.contains(",示例,,载入示例（处室数）,,,6\r\n"),
        "the example says it was loaded, in one entry: {csv}"
    );
    assert!(csv.contains(",撤销,法规处,"), "{csv}");
}

/// 法规处's form as the assessor sends it from the worked example, read
/// back as the page reads a workbook.
fn sent_form(s: &AppState, office: &str) -> scoring_core::Table {
    let file = s.assessment_file(s.assessment().id).unwrap();
    let rubric = s.rubric_entry().rubric().clone();
    let cells = &file
        .offices
        .iter()
        .find(|o| o.name == office)
        .unwrap()
        .cells;
    let header = file.form_header(&rubric, office);
    let book = scoring_formats::forms::form_book(&rubric, &header, cells, &Default::default());
    scoring_formats::read_xlsx(
        &format!("{office}.xlsx"),
        &scoring_formats::write_book(&book).unwrap(),
    )
    .unwrap()
}

#[test]
fn an_office_fills_in_its_form_sees_its_own_result_and_keeps_a_draft() {
    let assessor = with_example();
    let table = sent_form(&assessor, "法规处");
    // The office's page: nothing but the bundled rubrics.
    let mut s = AppState::new(Lang::Zh, 2026, NOW);
    s.apply(Action::OpenFill {
        file: "法规处.xlsx".into(),
        table: Ok(table.clone()),
    });
    let f = s.filling.clone().expect("opened");
    assert_eq!(f.form.header.office, "法规处");
    assert_eq!(f.values["site_items"], "150");
    assert!(!f.dirty);
    let scored = |s: &AppState| {
        s.filling
            .as_ref()
            .unwrap()
            .own
            .leaves
            .iter()
            .filter(|l| matches!(l.outcome, scoring_formats::forms::OwnOutcome::Scored { .. }))
            .count()
    };
    let all = scored(&s);
    assert!(all > 0);
    // A wrong value: said, and its indicator no longer scored.
    s.apply(Action::FillValue {
        input: "consultations_answered".into(),
        text: "abc".into(),
    });
    let f = s.filling.clone().unwrap();
    assert!(f.dirty);
    assert_eq!(f.own.errors.len(), 1);
    assert_eq!(scored(&s), all - 1);
    s.apply(Action::FillValue {
        input: "consultations_answered".into(),
        text: "2".into(),
    });
    s.apply(Action::FillEvidence {
        input: "site_items".into(),
        text: "网站栏目清单".into(),
    });
    assert!(s.filling.as_ref().unwrap().own.errors.is_empty());
    // The draft opens as it was left, in another page.
    let draft = s.filling.as_ref().unwrap().draft();
    let again = Filling::from_draft(&draft, &s.library).expect("draft read");
    assert_eq!(again.values, s.filling.as_ref().unwrap().values);
    assert_eq!(again.evidence["site_items"], "网站栏目清单");
    assert!(again.dirty);
    // Saved: the form read back carries the values and the evidence, and
    // the values as first sent.
    let book = s.filling.as_ref().unwrap().book();
    let back =
        scoring_formats::read_xlsx("法规处.xlsx", &scoring_formats::write_book(&book).unwrap())
            .unwrap();
    let form = scoring_formats::forms::read_form(&back).unwrap();
    assert!(!form.fixed_changed);
    assert_eq!(
        form.evidence,
        vec![("site_items".to_string(), "网站栏目清单".to_string())]
    );
    // The copy from the e-mail opened again: what was typed is kept.
    s.apply(Action::OpenFill {
        file: "法规处.xlsx".into(),
        table: Ok(table.clone()),
    });
    assert_eq!(
        s.filling.as_ref().unwrap().values["consultations_answered"],
        "2"
    );
    assert!(
        s.ui.notices
            .iter()
            .any(|n| matches!(n, Notice::FillResumed(_)))
    );
    assert_eq!(
        s.filling.as_ref().unwrap().saved_name(),
        "法规处（已填）.xlsx"
    );
    s.apply(Action::FillSaved("法规处.xlsx".into()));
    assert!(!s.filling.as_ref().unwrap().dirty);
    s.apply(Action::CloseFill);
    assert!(s.filling.is_none());
    // The assessor's work was never touched.
    assert!(s.assessment().offices.is_empty());
}

#[test]
fn a_file_that_is_no_form_or_of_an_unknown_rubric_is_refused_with_why() {
    let assessor = with_example();
    let mut s = AppState::new(Lang::Zh, 2026, NOW);
    s.apply(Action::OpenFill {
        file: "dept6.csv".into(),
        table: Ok(example_table()),
    });
    assert!(s.filling.is_none());
    assert!(s.ui.notices.iter().any(|n| matches!(
        n,
        Notice::FillRefused(FillRefused::Form(
            scoring_formats::forms::FormRefused::NotAForm { .. }
        ))
    )));
    // A form whose fixed parts were changed (here its fingerprint): saved
    // from the page it would be signed anew, so it is refused.
    let mut table = sent_form(&assessor, "法规处");
    for row in &mut table.rows {
        if row.cell(0).is_some_and(|c| c.starts_with("细则指纹")) {
            let mut cells: Vec<String> = row.cells().map(str::to_string).collect();
            cells[1] = "0".repeat(64);
            *row = scoring_core::TableRow::new(row.line, cells);
        }
    }
    s.apply(Action::OpenFill {
        file: "法规处.xlsx".into(),
        table: Ok(table),
    });
    assert!(s.filling.is_none());
    assert!(
        s.ui.notices
            .iter()
            .any(|n| matches!(n, Notice::FillRefused(FillRefused::FixedChanged(_))))
    );
    // A form made under a rubric file the office's page does not have.
    let mut assessor = assessor;
    assessor.apply(Action::LoadRubricFile {
        file_name: "mine.yaml".into(),
        text: scoring_core::bundled::SHANDONG_2017
            .replace("id: shandong-commerce-2017", "id: mine"),
        now: NOW.into(),
    });
    assert!(
        assessor.rubric_entry().rubric().id() == "mine",
        "the assessment scores by it"
    );
    s.apply(Action::OpenFill {
        file: "法规处.xlsx".into(),
        table: Ok(sent_form(&assessor, "法规处")),
    });
    assert!(s.filling.is_none());
    assert!(
        s.ui.notices
            .iter()
            .any(|n| matches!(n, Notice::FillRefused(FillRefused::UnknownRubric { .. })))
    );
}

#[test]
fn the_trail_keeps_what_happens_to_offices_and_to_the_assessment_itself() {
    let mut s = with_example();
    let start = s.assessment().trail.len();
    let key = s.assessment().offices[1].key;
    let at = |n: u32| format!("2026-11-27T10:00:{n:02}Z");
    // A name typed on is one entry, from the old name to the last.
    for (n, name) in ["法", "法规", "法规与政策处"].into_iter().enumerate() {
        s.apply(Action::RenameOffice {
            office: key,
            name: name.into(),
            now: at(n as u32),
        });
    }
    s.apply(Action::MoveOffice {
        office: key,
        delta: -1,
        now: at(10),
    });
    s.apply(Action::AddOffice { now: at(11) });
    let added = s.assessment().offices.last().unwrap().key;
    let name = s.assessment().offices.last().unwrap().name.clone();
    let year = s.assessment().year.to_string();
    s.apply(Action::RemoveOffice {
        office: added,
        now: at(12),
    });
    s.apply(Action::SetTitle {
        title: "2026年度政务公开考核".into(),
        now: at(13),
    });
    s.apply(Action::SetYear {
        year: 2025,
        now: at(14),
    });
    s.apply(Action::FormsSent {
        id: s.assessment().id,
        count: 6,
        now: at(15),
    });
    let said: Vec<(String, String, String, String)> = s.assessment().trail[start..]
        .iter()
        .map(|e| {
            (
                e.office.clone(),
                e.cell.clone(),
                e.old.clone(),
                e.new.clone(),
            )
        })
        .collect();
    let has = |office: &str, cell: &str, old: &str, new: &str| {
        assert!(
            said.contains(&(office.into(), cell.into(), old.into(), new.into())),
            "{office} {cell} {old} → {new} in {said:#?}"
        )
    };
    has("法规与政策处", "office:name", "法规处", "法规与政策处");
    has("法规与政策处", "office:position", "2", "1");
    has("办公室", "office:position", "1", "2");
    has(&name, "office:name", "", &name);
    has(&name, "office:name", &name, "");
    has(
        "",
        "assessment:title",
        "示例：6个处室",
        "2026年度政务公开考核",
    );
    has("", "assessment:year", &year, "2025");
    assert_eq!(
        s.assessment()
            .trail
            .last()
            .map(|e| (e.by.as_str(), e.cell.as_str(), e.new.as_str())),
        Some(("forms", "assessment:forms", "6"))
    );
    // Said in words, in the CSV as in the page.
    let rubric = s.rubric_entry().rubric().clone();
    let csv = String::from_utf8(scoring_formats::assessment::trail_csv(
        &rubric,
        &s.assessment().trail,
        Lang::Zh,
        0,
    ))
    .unwrap();
    assert!(
        csv.contains(",法规与政策处,处室（名称）,,法规处,法规与政策处\r\n"),
        "{csv}"
    );
    assert!(
        csv.contains(",下发填报表,,下发填报表（份）,,,6\r\n"),
        "{csv}"
    );
}

#[test]
fn a_file_of_an_assessment_already_in_the_list_asks_replace_or_copy() {
    let mut s = with_example();
    let id = s.assessment().id;
    let file = s.assessment_file(id).unwrap();
    assert!(!file.id.is_empty(), "every assessment has its id");
    // Changed in the list since the file was saved.
    edit(&mut s, "外资处", "opinion_reports", "3");
    let open = |s: &mut AppState| {
        s.apply(Action::OpenAssessmentFile {
            file_name: file.file_name(),
            bytes: file.to_json(),
            now: NOW.into(),
        })
    };
    let n = s.assessments.len();
    open(&mut s);
    assert_eq!(s.assessments.len(), n, "nothing is added unasked");
    assert!(
        s.ui.notices
            .iter()
            .any(|n| matches!(n, Notice::AlreadyOpen { unsaved: true, .. }))
    );
    // What each holds is said: the list's and the file's offices and
    // when each last changed.
    assert!(s.ui.notices.iter().any(|n| matches!(
        n,
        Notice::AlreadyOpen { list, in_file, .. }
            if list.0 == 6 && in_file.0 == 6 && !list.1.is_empty() && !in_file.1.is_empty()
    )));
    // Replaced while it is the one shown (it is): the file's, in its place.
    s.apply(Action::ResolveOpening {
        replace: true,
        now: NOW.into(),
    });
    assert_eq!(s.assessments.len(), n);
    assert_eq!(s.assessment().form_id, file.id);
    assert!(
        s.ui.notices
            .iter()
            .any(|n| matches!(n, Notice::FileReplaced { .. }))
    );
    assert!(!s.history.can_undo());
    let _ = s.results.card.len();
    edit(&mut s, "外资处", "opinion_reports", "3");
    open(&mut s);
    // A copy beside it.
    s.apply(Action::ResolveOpening {
        replace: false,
        now: NOW.into(),
    });
    assert_eq!(s.assessments.len(), n + 1);
    assert!(s.assessment().title.ends_with("（副本）"));
    // No file holds the copy yet: it says so.
    assert!(s.assessment().unsaved_to_file());

    // Replaced: the list's version (with its later change) gives way,
    // and is the one shown, though the copy was.
    open(&mut s);
    s.apply(Action::ResolveOpening {
        replace: true,
        now: NOW.into(),
    });
    assert_eq!(s.assessments.len(), n + 1);
    assert_eq!(s.assessment().form_id, file.id);
    let o = s
        .assessment()
        .offices
        .iter()
        .find(|o| o.name == "外资处")
        .unwrap();
    assert_eq!(
        o.cell("opinion_reports"),
        file.offices
            .iter()
            .find(|o| o.name == "外资处")
            .unwrap()
            .cells["opinion_reports"]
    );
    assert!(
        s.ui.notices
            .iter()
            .all(|n| !matches!(n, Notice::AlreadyOpen { .. }))
    );
}

#[test]
fn a_notice_replaces_one_of_its_kind_and_leaves_the_others() {
    let mut ui = Ui::default();
    ui.notify(Notice::Imported("a.csv".into()));
    ui.notify(Notice::FormsSent(3));
    ui.notify(Notice::Imported("b.csv".into()));
    assert_eq!(
        ui.notices,
        [Notice::FormsSent(3), Notice::Imported("b.csv".into())]
    );
}

#[test]
fn reports_of_a_thing_done_go_with_the_next_change_and_warnings_stay() {
    let mut s = with_example();
    s.ui.notify(Notice::FormsSent(2));
    s.ui.notify(Notice::FileOpened("a.scoring.json".into()));
    s.ui.notify(Notice::StorageFull);
    s.ui.notify(Notice::PasteClipped(3));
    edit(&mut s, "办公室", "decision_drafts", "5");
    assert_eq!(s.ui.notices, [Notice::StorageFull]);
}

#[test]
fn offices_added_by_name_in_one_step_skip_those_already_there() {
    let mut s = with_example();
    let before = s.assessment().offices.len();
    s.apply(Action::AddNamedOffices {
        names: vec![
            "新处".into(),
            "法规处".into(),
            " 新处 ".into(),
            "另一处".into(),
        ],
        now: NOW.into(),
    });
    let names: Vec<&str> = s
        .assessment()
        .offices
        .iter()
        .map(|o| o.name.as_str())
        .collect();
    assert_eq!(names.len(), before + 2);
    assert_eq!(names[before..], ["新处", "另一处"]);
    s.apply(Action::Undo { at: NOW.into() });
    assert_eq!(s.assessment().offices.len(), before, "one step");
}

#[test]
fn every_view_has_a_name_it_is_read_back_from() {
    for view in View::ALL {
        assert_eq!(View::parse(view.name()), Some(view));
    }
    // Names are distinct.
    let names: std::collections::BTreeSet<_> = View::ALL.iter().map(|v| v.name()).collect();
    assert_eq!(names.len(), View::ALL.len());
    assert_eq!(View::parse("nonsense"), None);
}

/// An import over work done keeps what the assessor chooses: a value with
/// a review reason (kept unless chosen otherwise), any value ticked, the
/// offices the file lacks; the grid's order; submitted values and reasons.
/// `是` over `1` is no change.
#[test]
fn an_import_keeps_what_the_assessor_chooses() {
    let mut s = with_example();
    // A value set on purpose, with its reason; a yes/no typed as 是 where
    // the file has 1.
    edit(&mut s, "法规处", "decision_drafts", "9");
    edit(
        &mut s,
        "法规处",
        &scoring_formats::forms::reason_key("decision_drafts"),
        "补报两件",
    );
    edit(&mut s, "办公室", "interview_on_time", "是");
    let order: Vec<String> = s
        .assessment()
        .offices
        .iter()
        .map(|o| o.name.clone())
        .collect();
    // The file: the example with 外资处 changed, 审批处 missing, its rows
    // in another order.
    let mut lines: Vec<&str> = EXAMPLE_CSV.lines().collect();
    let header = lines.remove(0);
    lines.reverse();
    let file: String = std::iter::once(header.to_string())
        .chain(
            lines
                .iter()
                .filter(|l| !l.starts_with("审批处,"))
                .map(|l| l.replace("外资处,2,2,0,9", "外资处,3,2,0,9")),
        )
        .collect::<Vec<_>>()
        .join("\n");
    s.apply(Action::ImportFile(DataFile::read(
        "data.csv",
        file.as_bytes(),
    )));
    let Some(Ok(p)) = &s.ui.import else {
        panic!("no preview: {:?}", s.ui.import)
    };
    let changed: Vec<(&str, Vec<&str>)> = p
        .changed
        .iter()
        .map(|(n, cs)| (n.as_str(), cs.iter().map(|c| c.input.as_str()).collect()))
        .collect();
    assert!(
        changed.contains(&("法规处", vec!["decision_drafts"])),
        "{changed:?}"
    );
    assert!(
        !changed.iter().any(|(n, _)| *n == "办公室"),
        "是 typed over the file's 1 is no change: {changed:?}"
    );
    assert!(p.keeps("法规处", "decision_drafts"), "kept for its reason");
    assert_eq!(
        p.changed.iter().find(|(n, _)| n == "法规处").unwrap().1[0].reason,
        "补报两件"
    );
    assert!(!p.keeps("外资处", "decision_drafts"));
    assert_eq!(p.removed, ["审批处"]);
    s.apply(Action::ConfirmImport { now: NOW.into() });
    let a = s.assessment();
    let cell = |name: &str, id: &str| {
        a.offices
            .iter()
            .find(|o| o.name == name)
            .and_then(|o| o.cells.get(id).cloned())
    };
    assert_eq!(cell("法规处", "decision_drafts").as_deref(), Some("9"));
    assert_eq!(
        cell(
            "法规处",
            &scoring_formats::forms::reason_key("decision_drafts")
        )
        .as_deref(),
        Some("补报两件")
    );
    assert_eq!(cell("外资处", "decision_drafts").as_deref(), Some("3"));
    let now: Vec<String> = a.offices.iter().map(|o| o.name.clone()).collect();
    assert_eq!(now, order, "审批处 kept, the grid's order kept");

    // Undone, again, the reasoned value taken from the file after all.
    s.apply(Action::Undo { at: NOW.into() });
    s.apply(Action::ImportFile(DataFile::read(
        "data.csv",
        file.as_bytes(),
    )));
    s.apply(Action::ImportKeep {
        office: "法规处".into(),
        input: "decision_drafts".into(),
        keep: false,
    });
    s.apply(Action::ConfirmImport { now: NOW.into() });
    let a = s.assessment();
    let row = a.offices.iter().find(|o| o.name == "法规处").unwrap();
    assert_eq!(
        row.cells.get("decision_drafts").map(String::as_str),
        Some("6")
    );
    assert_eq!(
        row.cells
            .get(&scoring_formats::forms::reason_key("decision_drafts")),
        None,
        "the reason was for the value replaced"
    );

    // Every value kept, the offices the file lacks kept: nothing changes,
    // and the undo that follows takes back the assessor's last edit, not
    // an import.
    s.apply(Action::Undo { at: NOW.into() });
    edit(&mut s, "信息中心", "site_items", "77");
    s.apply(Action::ImportFile(DataFile::read(
        "data.csv",
        file.as_bytes(),
    )));
    s.apply(Action::ImportKeepAll(true));
    let Some(Ok(p)) = &s.ui.import else { panic!() };
    assert!(p.changed.iter().all(|(_, cs)| cs.iter().all(|c| c.keep)));
    let before = s.assessment().clone();
    s.apply(Action::ConfirmImport { now: NOW.into() });
    assert_eq!(*s.assessment(), before);
    assert!(
        !s.ui
            .notices
            .iter()
            .any(|n| matches!(n, Notice::Imported(_)))
    );
    s.apply(Action::Undo { at: NOW.into() });
    assert!(
        !s.ui
            .notices
            .iter()
            .any(|n| matches!(n, Notice::ImportUndone(..)))
    );
    assert_ne!(
        s.assessment()
            .offices
            .iter()
            .find(|o| o.name == "信息中心")
            .and_then(|o| o.cells.get("site_items"))
            .map(String::as_str),
        Some("77")
    );
}

/// A name the file repeats is matched once: its first row with the grid's
/// office, any other row added (and marked in the grid as a repeat).
#[test]
fn a_name_the_file_repeats_is_matched_once() {
    let mut s = with_example();
    let line = EXAMPLE_CSV
        .lines()
        .find(|l| l.starts_with("法规处,"))
        .unwrap();
    let file = format!(
        "{}\n{}",
        EXAMPLE_CSV.trim_end(),
        line.replacen(",6,", ",8,", 1)
    );
    s.apply(Action::ImportFile(DataFile::read(
        "data.csv",
        file.as_bytes(),
    )));
    let Some(Ok(p)) = &s.ui.import else {
        panic!("{:?}", s.ui.import)
    };
    assert_eq!(p.added, ["法规处"]);
    assert!(p.changed.is_empty(), "{:?}", p.changed);
    s.apply(Action::ConfirmImport { now: NOW.into() });
    let names: Vec<&str> = s
        .assessment()
        .offices
        .iter()
        .filter(|o| o.name == "法规处")
        .map(|o| o.cells.get("decision_drafts").unwrap().as_str())
        .collect();
    assert_eq!(names, ["6", "8"]);
}

/// An undo is a change of its own in the trail, at the time it was done
/// (not the time of what it takes back), and the assessment changed then.
#[test]
fn an_undo_is_in_the_trail_at_its_own_time() {
    let mut s = with_example();
    edit(&mut s, "法规处", "decision_drafts", "9");
    let later = "2026-11-24T09:30:00Z";
    s.apply(Action::Undo { at: later.into() });
    let last = s.assessment().trail.last().unwrap().clone();
    assert_eq!((last.by.as_str(), last.at.as_str()), ("undo", later));
    assert_eq!((last.old.as_str(), last.new.as_str()), ("9", "6"));
    assert_eq!(s.assessment().updated, later);
}

#[test]
fn the_logs_count_chosen_over_what_an_office_submitted_is_a_reviewed_difference() {
    use scoring_core::items::CountsChoice;
    let mut s = with_example();
    import_items_to(&mut s, "2026-12-20");
    let key = key_of(&s, "办公室");
    let input = "consultations_answered";
    // 办公室 submitted one answer fewer than its items show, and the grid
    // took it as reviewed: no difference yet.
    edit(&mut s, "办公室", &format!("submitted:{input}"), "39");
    edit(&mut s, "办公室", input, "39");
    assert!(s.reviewed_differences(key).is_empty());
    let choose = |s: &mut AppState, choice| {
        s.apply(Action::ChooseCounts {
            office: Some("办公室".into()),
            choice: Some(choice),
            now: NOW.into(),
        })
    };
    // Its own count standing: its own total.
    choose(&mut s, CountsChoice::Typed);
    let own = total_of(&s, "办公室");
    // The log's count chosen: the value scored is no longer what it
    // submitted, and that wants a reason like any reviewed value.
    choose(&mut s, CountsChoice::Log);
    let logged = s.results.log_chosen[&(key, input.to_string())]
        .0
        .to_string();
    assert_ne!(total_of(&s, "办公室"), own);
    assert_eq!(
        s.reviewed_differences(key),
        vec![(
            input.to_string(),
            "39".to_string(),
            logged.clone(),
            String::new()
        )]
    );
    assert!(matches!(
        s.cannot_approve(),
        Some(Notice::CannotApprove { unexplained: 1, .. })
    ));
    // The grid's total is of what is scored: the log's count, not 39.
    let rows: Vec<usize> = (0..s.assessment().offices.len()).collect();
    let sums = crate::state::grid::summaries(s.assessment(), &s.results.rubric, &s.results, &rows);
    let (ix, _) = s.results.rubric.input(input).unwrap();
    let typed: rust_decimal::Decimal = s
        .assessment()
        .offices
        .iter()
        .map(|o| o.cell(input).parse::<rust_decimal::Decimal>().unwrap())
        .sum();
    let logged_n: rust_decimal::Decimal = logged.parse().unwrap();
    assert_eq!(
        sums[ix.index()].sum,
        Some(typed - rust_decimal::Decimal::from(39) + logged_n)
    );
    // The exports' review sheet has it.
    let reviewed = s.reviewed();
    assert_eq!(reviewed.len(), 1);
    assert_eq!(
        (
            reviewed[0].submitted.as_str(),
            reviewed[0].reviewed.as_str()
        ),
        ("39", logged.as_str())
    );
    // Its self-assessed total is on its own count, not the log's.
    assert_eq!(s.self_assessed_total(key), Some(own));
    edit(
        &mut s,
        "办公室",
        &format!("reason:{input}"),
        "事项登记显示已答复",
    );
    assert!(s.cannot_approve().is_none());
}

#[test]
fn an_office_renamed_keeps_its_items_in_the_log_and_its_choice_of_counts() {
    use scoring_core::items::CountsChoice;
    let mut s = with_example();
    import_items_to(&mut s, "2026-12-20");
    let total = total_of(&s, "外资处");
    let key = key_of(&s, "外资处");
    let leaf = s
        .results
        .rubric
        .find_leaf("consultation_replies")
        .unwrap()
        .0;
    let asked = |s: &AppState, name: &str| match &s.results.items {
        Some(crate::state::results::ItemsState::Applied { judgement, .. }) => {
            judgement.counts(name, leaf).asked
        }
        _ => panic!("the log applies"),
    };
    let before = asked(&s, "外资处");
    assert!(before > 0);
    s.apply(Action::ChooseCounts {
        office: Some("外资处".into()),
        choice: Some(CountsChoice::Log),
        now: NOW.into(),
    });
    // Typed key by key, through the name of another office.
    for name in ["外", "法规处", "外资管理处"] {
        s.apply(Action::RenameOffice {
            office: key,
            name: name.into(),
            now: NOW.into(),
        });
    }
    assert_eq!(asked(&s, "外资管理处"), before);
    assert_eq!(asked(&s, "外资处"), 0);
    assert_eq!(total_of(&s, "外资管理处"), total);
    assert_eq!(
        s.assessment().counts_choice,
        vec![("外资管理处".to_string(), CountsChoice::Log)]
    );
    // 法规处's own items stayed its own.
    assert_eq!(asked(&s, "法规处"), asked(&with_log(), "法规处"));
    // One undo step takes the name and the log back together.
    s.apply(Action::Undo { at: NOW.into() });
    assert_eq!(asked(&s, "外资处"), before);
    assert_eq!(s.assessment().counts_choice[0].0, "外资处");
}

fn with_log() -> AppState {
    let mut s = with_example();
    import_items_to(&mut s, "2026-12-20");
    s
}

#[test]
fn an_office_added_at_the_end_and_left_untouched_goes_again_without_a_trace() {
    let mut s = with_example();
    let offices = s.assessment().offices.len();
    let trail = s.assessment().trail.len();
    let (undo, _) = s.history.stacks();
    let undo = undo.len();
    let add = |s: &mut AppState| {
        s.apply(Action::AddOffice { now: NOW.into() });
        s.assessment().offices.last().unwrap().key
    };
    let key = add(&mut s);
    assert_eq!(s.assessment().offices.len(), offices + 1);
    s.apply(Action::DiscardNewOffice { office: key });
    assert_eq!(s.assessment().offices.len(), offices);
    assert_eq!(s.assessment().trail.len(), trail, "nothing in the trail");
    assert_eq!(s.history.stacks().0.len(), undo, "no undo step");
    // Named, or given a value: it stays.
    let key = add(&mut s);
    s.apply(Action::RenameOffice {
        office: key,
        name: "新设处".into(),
        now: NOW.into(),
    });
    s.apply(Action::DiscardNewOffice { office: key });
    assert_eq!(s.assessment().offices.len(), offices + 1);
    let other = add(&mut s);
    let name = s.assessment().offices.last().unwrap().name.clone();
    edit(&mut s, &name, "site_items", "3");
    s.apply(Action::DiscardNewOffice { office: other });
    assert_eq!(s.assessment().offices.len(), offices + 2);
    // Another office than the last added: nothing.
    s.apply(Action::DiscardNewOffice { office: key });
    assert_eq!(s.assessment().offices.len(), offices + 2);
}

#[test]
fn a_merged_or_typed_count_is_held_against_the_log_s() {
    let s = with_example();
    assert_eq!(s.results.log_count("外资处", "consultations_asked"), None);
    let s = with_log();
    // The example's typed counts agree with its log.
    for input in [
        "consultations_asked",
        "consultations_answered",
        "applications_late",
    ] {
        let typed: u32 = s
            .assessment()
            .office(key_of(&s, "外资处"))
            .unwrap()
            .cell(input)
            .parse()
            .unwrap();
        assert_eq!(s.results.log_count("外资处", input), Some(typed), "{input}");
    }
    // Not an answer-rate count: nothing to hold it against.
    assert_eq!(s.results.log_count("外资处", "site_items"), None);
}

#[test]
fn a_count_typed_where_the_log_s_is_chosen_says_it_is_not_scored() {
    use scoring_core::items::CountsChoice;
    let mut s = with_log();
    s.apply(Action::ChooseCounts {
        office: None,
        choice: Some(CountsChoice::Log),
        now: NOW.into(),
    });
    let total = total_of(&s, "办公室");
    edit(&mut s, "办公室", "consultations_asked", "41");
    // Scored as before, and said.
    assert_eq!(total_of(&s, "办公室"), total);
    let said: Vec<&Notice> =
        s.ui.notices
            .iter()
            .filter(|n| matches!(n, Notice::TypedNotScored { .. }))
            .collect();
    assert_eq!(
        said,
        [&Notice::TypedNotScored {
            office: "办公室".into(),
            label: "咨询提问量".into(),
            typed: "41".into(),
            log: 40,
            for_all: true,
        }]
    );
    // Its typed counts chosen for it: scored, and the notice goes.
    s.apply(Action::ChooseCounts {
        office: Some("办公室".into()),
        choice: Some(CountsChoice::Typed),
        now: NOW.into(),
    });
    assert!(
        !s.ui
            .notices
            .iter()
            .any(|n| matches!(n, Notice::TypedNotScored { .. }))
    );
    assert_ne!(total_of(&s, "办公室"), total);
}

#[test]
fn a_form_sent_with_the_log_s_count_and_returned_unchanged_needs_nothing() {
    use scoring_core::items::CountsChoice;
    let mut s = with_log();
    let input = "consultations_answered";
    // 外资处 typed one answer more than its items show; the log's count
    // is chosen.
    let key = key_of(&s, "外资处");
    let typed: u32 = s
        .assessment()
        .office(key)
        .unwrap()
        .cell(input)
        .parse()
        .unwrap();
    edit(&mut s, "外资处", input, &(typed + 1).to_string());
    s.apply(Action::ChooseCounts {
        office: Some("外资处".into()),
        choice: Some(CountsChoice::Log),
        now: NOW.into(),
    });
    let logged = s.results.log_chosen[&(key, input.to_string())].0;
    // The form as the page sends it: the values as scored.
    let id = s.assessment().id;
    let file = s.assessment_file(id).unwrap();
    let rubric = s.rubric_entry().rubric().clone();
    let row = s.assessment().office(key).unwrap();
    let mut values = row.cells.clone();
    values.extend(s.results.scored_cells(row));
    assert_eq!(values[input], logged.to_string());
    let header = file.form_header(&rubric, "外资处");
    let book = scoring_formats::forms::form_book(&rubric, &header, &values, &Default::default());
    let bytes = scoring_formats::write_book(&book).unwrap();
    let table = scoring_formats::read_xlsx("外资处.xlsx", &bytes).unwrap();
    // Returned as sent: nothing to merge against what is scored, nothing
    // kept as the assessor's own, no reason wanted once merged.
    s.apply(Action::PreviewForms(vec![
        scoring_formats::forms::ReturnedFile {
            name: "外资处.xlsx".into(),
            modified: None,
            table: Ok(table),
        },
    ]));
    let (c, _) = s.ui.forms.as_ref().unwrap();
    let a = &c.accepted[0];
    assert!(
        a.changes.iter().all(|ch| ch.input != input),
        "{:?}",
        a.changes
    );
    assert!(a.kept.iter().all(|k| k.input != input), "{:?}", a.kept);
    s.apply(Action::ConfirmForms { now: NOW.into() });
    assert!(s.reviewed_differences(key).is_empty());
    assert_eq!(
        s.assessment().office(key).unwrap().cells[&format!("submitted:{input}")],
        logged.to_string()
    );
}

#[test]
fn the_trail_has_the_item_log_and_the_choice_of_counts() {
    use scoring_core::items::CountsChoice;
    let mut s = with_example();
    import_items(&mut s);
    let trail = |s: &AppState| s.assessment().trail.as_ref().clone();
    let log = trail(&s)
        .into_iter()
        .find(|e| e.cell == "assessment:item_log")
        .expect("the log's import is in the trail");
    assert_eq!(log.old, "");
    assert!(log.new.starts_with("dept6-items.csv ("), "{}", log.new);
    s.apply(Action::ChooseCounts {
        office: Some("外资处".into()),
        choice: Some(CountsChoice::Log),
        now: NOW.into(),
    });
    s.apply(Action::ChooseCounts {
        office: None,
        choice: Some(CountsChoice::Typed),
        now: NOW.into(),
    });
    let counts: Vec<(String, String, String)> = trail(&s)
        .into_iter()
        .filter(|e| e.cell == "assessment:counts")
        .map(|e| (e.office, e.old, e.new))
        .collect();
    assert_eq!(
        counts,
        [
            ("外资处".into(), "".into(), "log".into()),
            ("外资处".into(), "log".into(), "".into()),
            ("".into(), "".into(), "typed".into()),
        ]
    );
    s.apply(Action::ClearItemLog { now: NOW.into() });
    let last = trail(&s).last().cloned().unwrap();
    assert_eq!(
        (last.cell.as_str(), last.new.as_str()),
        ("assessment:item_log", "")
    );
}

#[test]
fn a_notice_that_undo_takes_it_back_goes_with_the_next_step() {
    let mut s = with_example();
    s.ui.notify(Notice::Imported("data.csv".into()));
    // (As an import leaves it.) Another step: undo would take that one
    // back, not the import, so the notice goes.
    edit(&mut s, "法规处", "site_items", "3");
    assert!(
        !s.ui
            .notices
            .iter()
            .any(|n| matches!(n, Notice::Imported(_)))
    );
}
