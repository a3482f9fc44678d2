//! An office filling in its own form (in the page): what it can know of its
//! own result, and the form it saves to send back.

#![cfg(feature = "xlsx")]

use std::collections::BTreeMap;

use scoring_core::{Lang, Rubric, bundled};
use scoring_formats::assessment::AssessmentFile;
use scoring_formats::forms::{self, OwnOutcome, ReturnedFile};

const DEPT6: &str = include_str!("../../tests/fixtures/dept6.csv");

/// The results of `file` as CSV, as an approval takes them.
fn results_csv(file: &AssessmentFile, rubric: &Rubric) -> Vec<u8> {
    let data = scoring_core::Dataset::from_table(rubric, &file.table(rubric, "a")).unwrap();
    let card = scoring_core::score(rubric, &data).unwrap();
    scoring_formats::results_csv(rubric, &card, Lang::Zh)
}

fn example() -> (AssessmentFile, Rubric) {
    let table = scoring_formats::csv_in::read_csv_text("dept6.csv", DEPT6).unwrap();
    let file = AssessmentFile::from_table(
        "shandong.yaml",
        bundled::SHANDONG_2017,
        &table,
        "2026年度考核",
        2026,
        "2026-11-27T00:00:00Z",
    )
    .unwrap();
    let rubric = Rubric::from_yaml("shandong.yaml", bundled::SHANDONG_2017).unwrap();
    (file, rubric)
}

/// The form of `office` as sent, read back as the page reads it.
fn sent(file: &AssessmentFile, rubric: &Rubric, office: &str) -> forms::ReturnedForm {
    let cells = &file
        .offices
        .iter()
        .find(|o| o.name == office)
        .unwrap()
        .cells;
    let book = forms::form_book(
        rubric,
        &file.form_header(rubric, office),
        cells,
        &BTreeMap::new(),
    );
    let bytes = scoring_formats::write_book(&book).unwrap();
    let table = scoring_formats::read_xlsx(&format!("{office}.xlsx"), &bytes).unwrap();
    forms::read_form(&table).unwrap()
}

fn values(form: &forms::ReturnedForm) -> BTreeMap<String, String> {
    form.values
        .iter()
        .map(|v| (v.input.clone(), v.text.clone()))
        .collect()
}

#[test]
fn an_office_alone_scores_what_does_not_depend_on_the_others_as_among_all() {
    let (file, rubric) = example();
    let data = scoring_formats::read_dataset(&rubric, "dept6.csv", DEPT6.as_bytes()).unwrap();
    let all = scoring_core::score(&rubric, &data).unwrap();
    for office in ["办公室", "法规处"] {
        let form = sent(&file, &rubric, office);
        let own = forms::own_result(&rubric, &form, &values(&form));
        assert!(own.errors.is_empty(), "{:?}", own.errors);
        assert_eq!(own.not_alone, None);
        let me = all.find(office).unwrap();
        let (mut scored, mut others) = (0, 0);
        for leaf in &own.leaves {
            let method = rubric.leaf(leaf.leaf).method().unwrap();
            match &leaf.outcome {
                OwnOutcome::Scored { points, why, .. } => {
                    scored += 1;
                    assert!(!method.depends_on_others());
                    assert_eq!(*points, me.published_leaf(leaf.leaf).1, "{office}: {why:?}");
                    assert!(why[0].contains("分"), "{why:?}");
                }
                OwnOutcome::DependsOnOthers => {
                    others += 1;
                    assert!(method.depends_on_others());
                }
                other => panic!("{office}: {other:?}"),
            }
        }
        // The Shandong rubric has both kinds.
        assert!(scored > 0 && others > 0, "{scored} scored, {others} depend");
    }
}

#[test]
fn blank_wrong_and_contradicting_values_are_said_and_their_leaves_not_scored() {
    let (file, rubric) = example();
    let form = sent(&file, &rubric, "法规处");
    let mut v = values(&form);
    v.insert("consultations_asked".into(), String::new());
    v.insert("applications_answered".into(), "abc".into());
    let own = forms::own_result(&rubric, &form, &v);
    let incomplete: Vec<&Vec<String>> = own
        .leaves
        .iter()
        .filter_map(|l| match &l.outcome {
            OwnOutcome::Incomplete(ids) => Some(ids),
            _ => None,
        })
        .collect();
    assert_eq!(incomplete.len(), 2, "{:?}", own.leaves);
    assert!(incomplete[0].contains(&"consultations_asked".to_string()));
    // A blank value is not yet an error; a wrong one is, located.
    assert_eq!(own.errors.len(), 1, "{:?}", own.errors);
    let e = &own.errors[0];
    assert_eq!(e.input.as_deref(), Some("applications_answered"));
    assert_eq!(e.office.as_deref(), Some("法规处"));
    let row = form
        .values
        .iter()
        .find(|x| x.input == "applications_answered")
        .unwrap()
        .row;
    assert_eq!((e.line, e.column), (Some(row), Some(4)));
    assert!(
        e.message(Lang::Zh).contains("abc"),
        "{}",
        e.message(Lang::Zh)
    );

    // Answered more than asked: the office's own contradiction.
    let mut v = values(&form);
    v.insert("consultations_answered".into(), "30".into());
    let own = forms::own_result(&rubric, &form, &v);
    assert_eq!(own.errors.len(), 1, "{:?}", own.errors);
    assert!(
        own.leaves
            .iter()
            .any(|l| matches!(l.outcome, OwnOutcome::Incomplete(_)))
    );
    // But against a blank it is no contradiction yet.
    v.insert("consultations_asked".into(), String::new());
    let own = forms::own_result(&rubric, &form, &v);
    assert!(own.errors.is_empty(), "{:?}", own.errors);
}

#[test]
fn a_form_filled_in_the_page_keeps_its_header_and_values_as_sent() {
    let (file, rubric) = example();
    let form = sent(&file, &rubric, "法规处");
    let mut v = values(&form);
    v.insert("site_items".into(), "151".into());
    let mut evidence = BTreeMap::new();
    evidence.insert("site_items".into(), "https://example.org/list".into());
    let book = forms::refilled_book(&rubric, &form, &v, &evidence);
    let bytes = scoring_formats::write_book(&book).unwrap();
    let table = scoring_formats::read_xlsx("法规处.xlsx", &bytes).unwrap();
    let back = forms::read_form(&table).unwrap();
    assert_eq!(back.header, form.header);
    assert!(!back.fixed_changed, "the digest still matches");
    for (a, b) in form.values.iter().zip(&back.values) {
        assert_eq!(
            (a.input.as_str(), a.sent.as_str()),
            (b.input.as_str(), b.sent.as_str())
        );
    }
    assert_eq!(
        back.evidence,
        vec![(
            "site_items".to_string(),
            "https://example.org/list".to_string()
        )]
    );
    // Collected, it changes exactly the one value.
    let c = forms::collect(
        &file,
        &rubric,
        vec![ReturnedFile {
            name: "法规处.xlsx".into(),
            modified: None,
            table: Ok(table),
        }],
    );
    assert!(c.refused.is_empty());
    let changes = &c.accepted[0].changes;
    assert_eq!(changes.len(), 1, "{changes:?}");
    assert_eq!(
        (changes[0].old.as_str(), changes[0].new.as_str()),
        ("150", "151")
    );
}

#[test]
fn a_feedback_sheet_says_every_indicator_the_review_and_the_approval_with_room_to_rectify() {
    let (mut file, rubric) = example();
    // 法规处 submitted 160 where 150 was reviewed, with a reason.
    let law = file
        .offices
        .iter_mut()
        .find(|o| o.name == "法规处")
        .unwrap();
    law.cells
        .insert("submitted:site_items".into(), "160".into());
    law.cells
        .insert("reason:site_items".into(), "核查为150条".into());
    law.cells
        .insert("evidence:site_items".into(), "网站栏目清单".into());
    file.approval = Some(scoring_formats::assessment::Approval {
        at: "2026-11-27T08:00:00Z".into(),
        fingerprint: "ab".repeat(32),
        parts: Default::default(),
    });
    let table = file.table(&rubric, "a.json");
    let data = scoring_core::Dataset::from_table(&rubric, &table).unwrap();
    let card = scoring_core::score(&rubric, &data).unwrap();
    let info = file.export_info(&rubric, "2026-11-27", &|_| None);
    assert_eq!(info.reviewed.len(), 1);
    let me = card.find("法规处").unwrap();
    let book = scoring_formats::book::feedback_book(
        &rubric,
        &data,
        &card,
        &info,
        me.ix(),
        &scoring_formats::Feedback {
            self_assessed: Some("90.00".into()),
            evidence: forms::evidence_of(&file.offices[1].cells),
        },
        Lang::Zh,
    );
    let bytes = scoring_formats::write_book(&book).unwrap();
    let back = scoring_formats::read_xlsx("f.xlsx", &bytes).unwrap();
    let text: Vec<Vec<String>> = back
        .rows
        .iter()
        .map(|r| r.cells().map(str::to_string).collect())
        .collect();
    let all = text.iter().flatten().cloned().collect::<Vec<_>>().join("|");
    assert!(all.contains("法规处 考核结果反馈表"), "{all}");
    assert!(
        all.contains(&"ab".repeat(32)),
        "the approval is on the sheet"
    );
    assert!(
        all.contains(&format!("第 {} 名（共 6 个）", me.place())),
        "{all}"
    );
    assert!(all.contains("自评总分 90.00"), "{all}");
    let header = text
        .iter()
        .find(|r| r.first().is_some_and(|c| c == "指标"))
        .unwrap();
    assert_eq!(header.last().unwrap(), "整改措施（处室填写）");
    // Every leaf has its row, with its points as the scorecard has them;
    // the reviewer's note stands by the leaf that reads the value.
    for (slot, leaf) in rubric.leaves() {
        let row = text
            .iter()
            .find(|r| r.first().map(|c| c.trim()) == Some(leaf.name.get(Lang::Zh)))
            .unwrap_or_else(|| panic!("no row for {}", leaf.id));
        let points = rubric.round(me.leaf(slot).points);
        assert_eq!(
            row[5].parse::<rust_decimal::Decimal>().unwrap(),
            points,
            "{}",
            leaf.id
        );
        let reads_site = leaf
            .method()
            .unwrap()
            .inputs()
            .iter()
            .any(|i| i.id == "site_items");
        assert_eq!(
            row.get(7)
                .is_some_and(|n| n.contains("自评 160，核定 150（核查为150条）")),
            reads_site,
            "{}: {row:?}",
            leaf.id
        );
    }
    assert!(all.contains("网站栏目清单"), "the evidence");
}

#[test]
fn an_approved_file_changed_afterwards_says_where() {
    let (mut file, rubric) = example();
    let csv = |f: &AssessmentFile| results_csv(f, &rubric);
    let approval =
        scoring_formats::assessment::Approval::of(&file, &csv(&file), "2026-11-27T08:00:00Z");
    assert_eq!(approval.fingerprint, file.approval_fingerprint(&csv(&file)));
    file.approval = Some(approval);
    assert!(file.changed_since_approval(&csv(&file)).is_empty());
    use scoring_formats::assessment::Changed;
    // A count of 办公室 raised: its data, and the results.
    file.offices[0]
        .cells
        .insert("decision_drafts".into(), "9".into());
    // A reason given elsewhere is a change to that office too.
    file.offices[2]
        .cells
        .insert("reason:site_items".into(), "x".into());
    file.title = "改过的名称".into();
    let changed = file.changed_since_approval(&csv(&file));
    assert_eq!(
        changed,
        vec![
            Changed::Assessment,
            Changed::Office("办公室".into()),
            Changed::Office(file.offices[2].name.clone()),
            Changed::Results,
        ]
    );
    // An office gone.
    let gone = file.offices.remove(5).name;
    assert!(
        file.changed_since_approval(&csv(&file))
            .contains(&Changed::OfficeGone(gone))
    );
}

/// An office renamed, or the offices reordered, is said as that: not as
/// an office gone and another added, nor as the rest of the assessment.
#[test]
fn a_rename_or_a_new_order_is_said_as_such() {
    let (mut file, rubric) = example();
    let csv = |f: &AssessmentFile| results_csv(f, &rubric);
    use scoring_formats::assessment::{Approval, Changed};
    file.approval = Some(Approval::of(&file, &csv(&file), "2026-11-27T08:00:00Z"));
    let old = file.offices[1].name.clone();
    file.offices[1].name = "法规与政策处".into();
    assert_eq!(
        file.changed_since_approval(&csv(&file)),
        vec![
            Changed::OfficeRenamed {
                from: old.clone(),
                to: "法规与政策处".into()
            },
            Changed::Results,
        ],
        "the results name offices, so they changed too"
    );
    // Renamed and moved: the order compared by the old name, so the move
    // is said too.
    file.offices.swap(1, 2);
    let changed = file.changed_since_approval(&csv(&file));
    assert!(changed.contains(&Changed::Order), "{changed:?}");
    assert!(
        changed
            .iter()
            .any(|c| matches!(c, Changed::OfficeRenamed { .. })),
        "{changed:?}"
    );
    file.offices.swap(1, 2);
    // Renamed back, and two offices swapped: the order alone.
    file.offices[1].name = old;
    file.offices.swap(2, 3);
    assert_eq!(
        file.changed_since_approval(&csv(&file)),
        vec![Changed::Order]
    );
    // An office renamed and its data changed cannot be told from one gone
    // and one added.
    file.offices.swap(2, 3);
    let was = file.offices[4].name.clone();
    file.offices[4].name = "新处".into();
    file.offices[4]
        .cells
        .insert("decision_drafts".into(), "99".into());
    let changed = file.changed_since_approval(&csv(&file));
    assert!(
        changed.contains(&Changed::OfficeAdded("新处".into())),
        "{changed:?}"
    );
    assert!(changed.contains(&Changed::OfficeGone(was)), "{changed:?}");
    assert!(!changed.contains(&Changed::Order), "{changed:?}");
    assert!(!changed.contains(&Changed::Assessment), "{changed:?}");
}

/// Approvals made before `rest` and `order` kept one `assessment` part, the
/// rest of the file with the offices' names: still read.
#[test]
fn an_approval_with_the_parts_of_before_is_still_read() {
    let (mut file, rubric) = example();
    let csv = |f: &AssessmentFile| results_csv(f, &rubric);
    use scoring_formats::assessment::{Approval, Changed};
    let mut approval = Approval::of(&file, &csv(&file), "2026-11-27T08:00:00Z");
    // The part as it was computed then: the rest with the offices' names.
    let mut legacy = file.clone();
    legacy.updated.clear();
    legacy.trail.clear();
    for o in &mut legacy.offices {
        o.cells.clear();
    }
    use sha2::Digest;
    let digest = sha2::Sha256::digest(legacy.to_json());
    let short: String = digest[..8].iter().map(|b| format!("{b:02x}")).collect();
    approval.parts.remove("rest");
    approval.parts.remove("order");
    approval.parts.insert("assessment".into(), short);
    file.approval = Some(approval);
    assert_eq!(file.changed_since_approval(&csv(&file)), vec![]);
    // There, a rename is still a rename, and also "the rest changed"
    // (the part held the names); the order cannot be told.
    let old = file.offices[1].name.clone();
    file.offices[1].name = "法规与政策处".into();
    let changed = file.changed_since_approval(&csv(&file));
    assert!(changed.contains(&Changed::Assessment), "{changed:?}");
    assert!(changed.contains(&Changed::OfficeRenamed {
        from: old.clone(),
        to: "法规与政策处".into()
    }));
    file.offices[1].name = old;
    file.offices.swap(2, 3);
    assert_eq!(
        file.changed_since_approval(&csv(&file)),
        vec![Changed::Assessment]
    );
    file.offices.swap(2, 3);
    file.year += 1;
    assert_eq!(
        file.changed_since_approval(&csv(&file)),
        vec![Changed::Assessment]
    );
}

#[test]
fn a_value_scored_from_the_item_log_over_what_an_office_submitted_is_reviewed() {
    let (mut file, rubric) = example();
    let office = file
        .offices
        .iter_mut()
        .find(|o| o.name == "办公室")
        .unwrap();
    let typed = office.cells["consultations_answered"].clone();
    office.cells.insert(
        forms::submitted_key("consultations_answered"),
        typed.clone(),
    );
    // Scored as typed: nothing reviewed.
    let table = file.table(&rubric, "a");
    assert!(
        file.reviewed(&rubric, &|o| forms::scored_cells(&table, o))
            .is_empty()
    );
    assert!(file.reviewed(&rubric, &|_| None).is_empty());
    // The table scored holds the item log's count for it instead.
    let mut scored = table.clone();
    let col = scored.rows[0]
        .cells()
        .position(|c| c == "consultations_answered")
        .unwrap();
    for row in &mut scored.rows[1..] {
        if row.cell(0) == Some("办公室") {
            let mut cells: Vec<String> = row.cells().map(str::to_string).collect();
            cells[col] = "41".into();
            *row = scoring_core::TableRow::new(row.line, cells);
        }
    }
    let values = forms::scored_cells(&scored, "办公室").unwrap();
    assert_eq!(values["consultations_answered"], "41");
    assert!(forms::scored_cells(&scored, "没有这个处室").is_none());
    let reviewed = file.reviewed(&rubric, &|o| forms::scored_cells(&scored, o));
    assert_eq!(reviewed.len(), 1);
    assert_eq!(
        (
            reviewed[0].office.as_str(),
            reviewed[0].input.as_str(),
            reviewed[0].submitted.as_str(),
            reviewed[0].reviewed.as_str()
        ),
        ("办公室", "consultations_answered", typed.as_str(), "41")
    );
    // The exports say it.
    let info = file.export_info(&rubric, "2026-11-27", &|o| forms::scored_cells(&scored, o));
    assert_eq!(info.reviewed, reviewed);
}

#[test]
fn the_same_value_is_the_same_however_it_is_typed() {
    let (_, rubric) = example();
    let ix = |id: &str| rubric.input(id).unwrap().0;
    let count = ix("site_items");
    for (a, b) in [
        ("12", "12"),
        ("12", "１２"),
        ("1,200", "1200"),
        ("12", " 12.0 "),
        ("0", "０"),
    ] {
        assert!(forms::same_value(&rubric, count, a, b), "{a} = {b}");
    }
    assert!(!forms::same_value(&rubric, count, "12", "13"));
    assert!(
        !forms::same_value(&rubric, count, "", "0"),
        "blank is not 0"
    );
    let flag = ix("interview_on_time");
    assert!(forms::same_value(&rubric, flag, "1", "是"));
    assert!(!forms::same_value(&rubric, flag, "1", "否"));
    // Not values: the same text or not the same.
    assert!(forms::same_value(&rubric, count, "abc", " abc "));
    assert!(!forms::same_value(&rubric, count, "abc", "abd"));
}
