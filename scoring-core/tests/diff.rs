//! Rubric diffs on pairs that differ in exactly one thing each, and the
//! impact of a change agreeing with scoring each rubric on its own.

use scoring_core::diff::{Change, Subject, change_text, diff, impact};
use scoring_core::{Dataset, Lang, Rubric, bundled, score};

fn bundled_rubric() -> Rubric {
    Rubric::from_yaml("old", bundled::SHANDONG_2017).unwrap()
}

/// The bundled rubric with `from` replaced by `to` once.
fn edited(from: &str, to: &str) -> Rubric {
    assert!(bundled::SHANDONG_2017.contains(from), "{from}");
    Rubric::from_yaml("new", &bundled::SHANDONG_2017.replacen(from, to, 1)).unwrap()
}

/// The one change between the bundled rubric and an edited copy.
fn one_change(edit: (&str, &str)) -> (Subject, Change) {
    let old = bundled_rubric();
    assert!(bundled::SHANDONG_2017.contains(edit.0), "{}", edit.0);
    let new =
        Rubric::from_yaml("new", &bundled::SHANDONG_2017.replacen(edit.0, edit.1, 1)).unwrap();
    let d = diff(&old, &new);
    assert_eq!(d.entries.len(), 1, "{:#?}", d.entries);
    assert_ne!(old.fingerprint(), new.fingerprint());
    let e = d.entries.into_iter().next().unwrap();
    (e.subject, e.change)
}

fn field(id: &str, field: &str, old: &str, new: &str) -> (Subject, Change) {
    (
        Subject::Indicator(id.into()),
        Change::Field {
            field: field.into(),
            old: old.into(),
            new: new.into(),
        },
    )
}

#[test]
fn a_weight_moved_between_two_leaves_is_two_weight_changes() {
    let old = bundled_rubric();
    let text = bundled::SHANDONG_2017
        .replacen("weight: 3\n            method: rank\n            tally: { system_links: 0.5 }", "weight: 2\n            method: rank\n            tally: { system_links: 0.5 }", 1)
        .replacen("weight: 4\n            method: rank\n            tally: { shared_databases: 5, stale_databases: -5 }", "weight: 5\n            method: rank\n            tally: { shared_databases: 5, stale_databases: -5 }", 1);
    let new = Rubric::from_yaml("new", &text).unwrap();
    let d = diff(&old, &new);
    assert_eq!(
        d.entries
            .iter()
            .map(|e| (e.subject.clone(), e.change.clone()))
            .collect::<Vec<_>>(),
        [
            field("system_links", "weight", "3", "2"),
            field("shared_databases", "weight", "4", "5")
        ]
    );
}

#[test]
fn each_single_change_is_found() {
    let cases = [
        (
            (
                "tally: { decision_drafts: 1 }",
                "tally: { decision_drafts: 1 }\n                ties: dense",
            ),
            field("decision_drafts", "ties", "competition", "dense"),
        ),
        (
            (
                "tally: { opinion_reports: 1 }",
                "tally: { opinion_reports: 1 }\n                floor: 20",
            ),
            field("opinion_collection", "floor", "0", "20"),
        ),
        (
            (
                "tally: { stakeholder_meetings: 1 }",
                "tally: { stakeholder_meetings: 1 }\n                step: 2.5",
            ),
            field("stakeholder_meetings", "step", "5", "2.5"),
        ),
        (
            (
                "                penalty: 2\n                deadline: { working_days: 3 }",
                "                penalty: 1\n                deadline: { working_days: 3 }",
            ),
            field("consultation_replies", "penalty", "2", "1"),
        ),
        (
            (
                "deadline: { working_days: 3 }",
                "deadline: { working_days: 5 }",
            ),
            field("consultation_replies", "deadline.working_days", "3", "5"),
        ),
        (
            ("tally: { system_links: 0.5 }", "tally: { system_links: 1 }"),
            field("system_links", "tally.system_links", "0.5", "1"),
        ),
        (
            (
                "name: { zh: 访问量, en: Sub-site visits }",
                "name: { zh: 子站访问量, en: Sub-site visits }",
            ),
            field("site_visits", "name.zh", "访问量", "子站访问量"),
        ),
    ];
    for (edit, want) in cases {
        assert_eq!(one_change(edit), want, "{edit:?}");
    }
}

#[test]
fn a_label_change_is_an_input_change() {
    let (subject, change) = one_change((
        "label: { zh: 子站访问量, en: Sub-site visits }",
        "label: { zh: 子站访问量, en: Visits to the sub-site }",
    ));
    assert_eq!(subject, Subject::Input("site_visits".into()));
    assert_eq!(
        change_text(&change, Lang::Zh),
        "列名（英文）：Sub-site visits → Visits to the sub-site"
    );
}

#[test]
fn added_and_removed_indicators() {
    let old = bundled_rubric();
    // Split press conferences (5) into two leaves of 2.5: one added leaf,
    // one weight change.
    let text = bundled::SHANDONG_2017.replacen(
        "              - id: press_conferences
                name: { zh: 新闻发布会召开次数, en: Press conferences held }
                weight: 5
                method: rank
                tally: { press_conferences: 1 }
                unit: { zh: 次, en: conferences }",
        "              - id: press_conferences
                name: { zh: 新闻发布会召开次数, en: Press conferences held }
                weight: 2.5
                method: rank
                tally: { press_conferences: 1 }
                unit: { zh: 次, en: conferences }
              - id: press_follow_up
                name: { zh: 新闻发布会后续解读, en: Press follow-up }
                weight: 2.5
                method: rank
                tally: { policy_interpretations: 1 }",
        1,
    );
    let new = Rubric::from_yaml("new", &text).unwrap();
    let d = diff(&old, &new);
    let changes: Vec<String> = d
        .entries
        .iter()
        .map(|e| change_text(&e.change, Lang::En))
        .collect();
    assert_eq!(
        changes,
        [
            "weight: 5 → 2.5",
            "added: Press follow-up (weight 2.5, by place)"
        ]
    );
    assert_eq!(
        change_text(&d.entries[1].change, Lang::Zh),
        "新增：新闻发布会后续解读（权重 2.5，按名次计分）"
    );
    // And back: removed.
    let back = diff(&new, &old);
    assert_eq!(
        back.entries.last().unwrap().change,
        Change::Removed(scoring_core::Text::new(
            "新闻发布会后续解读（权重 2.5）",
            "Press follow-up (weight 2.5)"
        ))
    );
    assert_eq!(
        back.entries.last().unwrap().subject,
        Subject::Indicator("press_follow_up".into())
    );
}

#[test]
fn a_moved_indicator() {
    let old = Rubric::from_yaml(
        "a",
        "id: t\ntitle: T\nversion: '1'\nsource: S\ninputs:\n  - {id: a, label: A, kind: count}\nindicators:\n  - {id: g, name: G, weight: 60, children: [{id: x, name: X, weight: 60, method: rank, tally: a}]}\n  - {id: h, name: H, weight: 40, children: [{id: y, name: Y, weight: 40, method: rank, tally: a}]}\n",
    )
    .unwrap();
    let new = Rubric::from_yaml(
        "b",
        "id: t\ntitle: T\nversion: '1'\nsource: S\ninputs:\n  - {id: a, label: A, kind: count}\nindicators:\n  - {id: g, name: G, weight: 100, children: [{id: x, name: X, weight: 60, method: rank, tally: a}, {id: y, name: Y, weight: 40, method: rank, tally: a}]}\n",
    )
    .unwrap();
    let d = diff(&old, &new);
    let texts: Vec<String> = d
        .entries
        .iter()
        .map(|e| change_text(&e.change, Lang::Zh))
        .collect();
    assert_eq!(
        texts,
        ["权重：60 → 100", "位置：h → g", "删除：H（权重 40）"]
    );
    // With the rubrics: the parents by name.
    let moved = &d.entries[1].change;
    assert_eq!(
        scoring_core::diff::change_text_in(moved, &old, &new, Lang::Zh),
        "位置：H → G"
    );
    assert_eq!(
        scoring_core::diff::change_text_in(moved, &old, &new, Lang::En),
        "moved: H → G"
    );
}

#[test]
fn same_meaning_in_another_form_is_no_change() {
    let old = bundled_rubric();
    let stripped: String = bundled::SHANDONG_2017
        .lines()
        .filter(|l| !l.trim_start().starts_with('#'))
        .collect::<Vec<_>>()
        .join("\n");
    let new = Rubric::from_yaml("new", &stripped).unwrap();
    assert!(diff(&old, &new).is_empty());
    assert_eq!(old.fingerprint(), new.fingerprint());
}

#[test]
fn impact_agrees_with_scoring_each_rubric_separately() {
    let old = bundled_rubric();
    let new = Rubric::from_yaml(
        "new",
        &bundled::SHANDONG_2017
            .replacen(
                "weight: 15\n        method: rank\n        tally: { site_items: 1 }",
                "weight: 20\n        method: rank\n        tally: { site_items: 1 }",
                1,
            )
            .replacen(
                "weight: 10\n        method: rank\n        tally: { site_visits: 1 }",
                "weight: 5\n        method: rank\n        tally: { site_visits: 1 }",
                1,
            ),
    )
    .unwrap();
    let (imp, a, b) = dept6_scored(&old, &new);
    assert_eq!(imp.offices.len(), 6);
    assert!(!imp.unchanged());
    for o in &imp.offices {
        let (x, y) = (a.find(&o.office).unwrap(), b.find(&o.office).unwrap());
        assert_eq!((o.old_total, o.old_place), (x.total(), x.place()));
        assert_eq!((o.new_total, o.new_place), (y.total(), y.place()));
        // The drivers add up to the exact change.
        let sum: rust_decimal::Decimal = o.drivers.iter().map(|d| d.delta()).sum();
        assert_eq!(sum, y.exact_total() - x.exact_total(), "{}", o.office);
        assert!(
            o.drivers
                .windows(2)
                .all(|w| w[0].delta().abs() >= w[1].delta().abs())
        );
    }
    // The same rubric twice: unchanged, and says so.
    assert!(impact(&old, &a, &old, &a).unchanged());
}

/// The bundled rubrics' fingerprints, pinned: assessments and audit
/// reports quote them, so a change to the code that moves them (rather
/// than a change to a rubric) is a break to be made on purpose, with a new
/// canonical form version (see `fingerprint.rs`).
#[test]
fn bundled_fingerprints_are_pinned() {
    for (file, yaml, expected) in [
        (
            bundled::SHANDONG_2017_FILE,
            bundled::SHANDONG_2017,
            "984f951be3976e548d226dc0690b46dfc9d9b21e13c1203245880f43ce8c5151",
        ),
        (
            bundled::SHANDONG_2017_R2019_FILE,
            bundled::SHANDONG_2017_R2019,
            "9233ff8da6ff740625f174925cfde92598ca3a9cdb12a0ea47fa5bd819e5d31e",
        ),
        (
            bundled::BUREAU_OFFICES_FILE,
            bundled::BUREAU_OFFICES,
            "0b2b4931af402e78063101d38195135941a109b1cee41634b7249858f3c00d72",
        ),
        (
            bundled::CITY_DEPARTMENTS_FILE,
            bundled::CITY_DEPARTMENTS,
            "440f9d74b061a88230a94d8259fbf7c6fba904bf3c884c3c500e8baaabb81763",
        ),
        (
            bundled::CITY_CLASSES_FILE,
            bundled::CITY_CLASSES,
            "384bb23370c357909c604cfc7ed706ba51b7a9b4a2619d2763a0979d8771b39b",
        ),
        (
            bundled::DISTRICT_UNITS_FILE,
            bundled::DISTRICT_UNITS,
            "1b8620878b777f2be0a594d23de0a8ec3e5b74347a56e6c2762b9a3e79697e7f",
        ),
        (
            bundled::TOWN_MONTHLY_FILE,
            bundled::TOWN_MONTHLY,
            "48514d8f6e846a30bdebf668a716e6448bb758a1095eff871898fe861a14185d",
        ),
        (
            bundled::ANNUAL_APPRAISAL_FILE,
            bundled::ANNUAL_APPRAISAL,
            "272a9a060a8e7f7bf2bbcf3913c800a964a00b4a8c26af67cf065d24e7f4c722",
        ),
    ] {
        let rubric = Rubric::from_yaml(file, yaml).unwrap();
        assert_eq!(rubric.fingerprint(), expected, "{file}");
    }
    // Every bundled rubric is pinned here and listed in docs/audit.md.
    let docs = include_str!("../../docs/audit.md");
    for (file, yaml) in bundled::ALL {
        let fingerprint = Rubric::from_yaml(file, yaml).unwrap().fingerprint();
        assert!(
            docs.contains(&format!("| `rubrics/{file}` | `{fingerprint}` |")),
            "docs/audit.md does not list {file} with its fingerprint {fingerprint}"
        );
    }
}

/// Every change between any two bundled rubrics reads as words in both
/// languages: no field shown by its key (`top_share.rounding`), no method
/// or kind by its rubric-file name (`per_item`, `count`).
#[test]
fn every_change_between_bundled_rubrics_is_said_in_words() {
    let rubrics: Vec<Rubric> = bundled::ALL
        .iter()
        .map(|(file, yaml)| Rubric::from_yaml(file, yaml).unwrap())
        .collect();
    let chinese = |t: &str| t.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
    let mut raw = std::collections::BTreeSet::new();
    for old in &rubrics {
        for new in &rubrics {
            for e in diff(old, new).entries {
                let zh = change_text(&e.change, Lang::Zh);
                let en = change_text(&e.change, Lang::En);
                if let Change::Field { field, .. } = &e.change {
                    let zh_name = scoring_core::diff::field_name(field, Lang::Zh);
                    let en_name = scoring_core::diff::field_name(field, Lang::En);
                    // Ids may stand in a name (`tally.visits`, `vetoes.leak`);
                    // a key may not (`top_share.rounding`, `may_be_na`).
                    let key = en_name == *field && field.contains(['_', '.']);
                    if !chinese(&zh_name) || key || en_name.contains('.') {
                        raw.insert(format!("field {field}: {zh_name} / {en_name}"));
                    }
                }
                // The Chinese says no rubric-file word (`rank`, `count`),
                // the English no `per_item`.
                if let Change::Added(_) | Change::Removed(_) = &e.change {
                    let names = ["count", "amount", "flag", "choice", "group", "rank"];
                    let words = zh.split(|c: char| !c.is_ascii_alphanumeric() && c != '_');
                    if words
                        .filter(|w| !w.is_empty())
                        .any(|w| names.contains(&w) || w.contains('_'))
                        || en.split(' ').any(|w| w.contains('_'))
                    {
                        raw.insert(format!("added/removed: {zh} / {en}"));
                    }
                }
            }
        }
    }
    assert!(
        raw.is_empty(),
        "said by key:\n{}",
        raw.into_iter().collect::<Vec<_>>().join("\n")
    );
}

/// The 2019 revision's changes: those that can move a figure, and wording.
#[test]
fn wording_is_told_apart_from_what_moves_figures() {
    let old = Rubric::from_yaml("old", bundled::SHANDONG_2017).unwrap();
    let new = Rubric::from_yaml("new", bundled::SHANDONG_2017_R2019).unwrap();
    let d = diff(&old, &new);
    let (wording, figures): (Vec<_>, Vec<_>) = d
        .entries
        .iter()
        .partition(|e| e.change.is_wording(&e.subject));
    let texts = |list: &[&scoring_core::diff::Entry]| -> Vec<String> {
        list.iter()
            .map(|e| change_text(&e.change, Lang::Zh))
            .collect()
    };
    let figures = texts(&figures);
    assert!(figures.iter().any(|t| t == "权重：15 → 20"), "{figures:?}");
    assert!(
        figures.iter().any(|t| t == "答复期限（工作日）：15 → 20"),
        "{figures:?}"
    );
    let wording = texts(&wording);
    assert!(
        wording.iter().any(|t| t.starts_with("标识：")),
        "{wording:?}"
    );
    assert!(
        wording.iter().any(|t| t.starts_with("版本：")),
        "{wording:?}"
    );
    assert!(
        figures.iter().all(|t| !t.starts_with("版本")),
        "{figures:?}"
    );
    // A grade's name is shown in results: not wording.
    let grade = Change::Field {
        field: "grades.0.name.zh".into(),
        old: "优秀".into(),
        new: "优".into(),
    };
    assert!(!grade.is_wording(&Subject::Rubric));
    let label = Change::Field {
        field: "label.zh".into(),
        old: "访问量".into(),
        new: "子站访问量".into(),
    };
    // An input's label (or id) names its column in data files: two swapped
    // change how a file already filled in is read. Not wording.
    assert!(!label.is_wording(&Subject::Input("site_visits".into())));
    let help = Change::Field {
        field: "help.zh".into(),
        old: "访问量".into(),
        new: "子站访问量".into(),
    };
    assert!(help.is_wording(&Subject::Input("site_visits".into())));
    // A text column's label names no figure.
    assert!(label.is_wording(&Subject::TextColumn("remark".into())));
    // An input's id is the author's: `note` and `en` are inputs here, and
    // a coefficient or points of them are figures.
    for (field, zh) in [
        ("tally.note", "note 的系数"),
        ("per_item.en", "en 每条得分"),
        ("per_incident.version", "version 每次扣分"),
    ] {
        let c = Change::Field {
            field: field.into(),
            old: "1".into(),
            new: "2".into(),
        };
        assert!(!c.is_wording(&Subject::Indicator("x".into())), "{field}");
        assert_eq!(scoring_core::diff::field_name(field, Lang::Zh), zh);
    }
    // What a flag's yes means is wording.
    let meaning = Change::Field {
        field: "when_set".into(),
        old: "按时".into(),
        new: "按期".into(),
    };
    assert!(meaning.is_wording(&Subject::Indicator("x".into())));
}

/// A rule's value is said in words, not as the file writes it.
#[test]
fn a_rules_value_is_said_in_words() {
    let old = bundled_rubric();
    let new = Rubric::from_yaml(
        "new",
        &bundled::SHANDONG_2017.replacen("rounding: half_away_from_zero", "rounding: half_even", 1),
    )
    .unwrap();
    let d = diff(&old, &new);
    assert_eq!(
        change_text(&d.entries[0].change, Lang::Zh),
        "舍入规则：四舍五入 → 四舍六入五成双"
    );
    assert_eq!(
        change_text(&d.entries[0].change, Lang::En),
        "rounding: half away from zero → half to even"
    );
}

/// A revision shares its indicators; two rubrics of different mechanics
/// share few, and it is said.
#[test]
fn two_rubrics_sharing_few_indicators_are_told_apart_from_a_revision() {
    let old = bundled_rubric();
    let revision = Rubric::from_yaml("r", bundled::SHANDONG_2017_R2019).unwrap();
    let other = Rubric::from_yaml("a", bundled::ANNUAL_APPRAISAL).unwrap();
    assert_eq!(scoring_core::diff::few_shared(&old, &revision), None);
    let (same, a, b) = scoring_core::diff::few_shared(&old, &other).unwrap();
    assert!(same * 2 < a.max(b));
    assert_eq!(a, old.indicators().count());
    assert_eq!(b, other.indicators().count());
}

/// The 2019 revision changes the reply deadline (and weights); the same
/// revision with the deadline of 2017 changes weights alone.
#[test]
fn a_deadline_change_is_told_apart() {
    let old = bundled_rubric();
    let revision = Rubric::from_yaml("r", bundled::SHANDONG_2017_R2019).unwrap();
    assert!(diff(&old, &revision).changes_deadline());
    assert!(!diff(&old, &old).changes_deadline());
    let weights_only = bundled::SHANDONG_2017_R2019.replace(
        "deadline: { working_days: 20, max_extension_working_days: 20 }",
        "deadline: { working_days: 15, max_extension_working_days: 15 }",
    );
    let weights_only = Rubric::from_yaml("w", &weights_only).unwrap();
    let d = diff(&old, &weights_only);
    assert!(!d.changes_deadline(), "{:#?}", d.entries);
    assert!(!d.is_empty());
}

/// Scores dept6 under both rubrics and compares.
fn dept6_impact(old: &Rubric, new: &Rubric) -> scoring_core::diff::Impact {
    dept6_scored(old, new).0
}

/// dept6 scored under both rubrics: the impact and both scorecards.
fn dept6_scored(
    old: &Rubric,
    new: &Rubric,
) -> (
    scoring_core::diff::Impact,
    scoring_core::Scorecard,
    scoring_core::Scorecard,
) {
    let csv = include_str!("../../tests/fixtures/dept6.csv");
    let table = scoring_core::Table {
        source: "dept6".into(),
        rows: csv
            .lines()
            .enumerate()
            .map(|(n, l)| scoring_core::TableRow::new(n as u32 + 1, l.split(',')))
            .collect(),
    };
    let a = score(old, &Dataset::from_table(old, &table).unwrap()).unwrap();
    let b = score(new, &Dataset::from_table(new, &table).unwrap()).unwrap();
    (impact(old, &a, new, &b), a, b)
}

/// Fewer decimal places move totals by rounding alone: the change is seen
/// at the finer precision (91.03 → 91.0 is −0.03, not 0.0), and said to
/// come from rounding, no indicator's points having moved.
#[test]
fn a_change_of_precision_is_seen_and_said_to_be_rounding() {
    let old = bundled_rubric();
    let new = edited("precision: 2", "precision: 1");
    let imp = dept6_impact(&old, &new);
    let foreign = imp.offices.iter().find(|o| o.office == "外资处").unwrap();
    assert_eq!(old.publish(foreign.old_total), "91.03");
    assert_eq!(new.publish(foreign.new_total), "91.0");
    let shown = scoring_core::diff::round_change(&old, &new, foreign.delta());
    assert_eq!(shown.to_string(), "-0.03");
    assert!(foreign.rounding_only());
    assert!(foreign.drivers.is_empty());
    assert!(!imp.unchanged());
}

/// A figure per input is said with the input's label, not its id alone.
#[test]
fn a_coefficient_is_said_with_its_inputs_label() {
    let old = bundled_rubric();
    let new = edited("stale_databases: -5", "stale_databases: -1");
    let d = diff(&old, &new);
    assert_eq!(d.entries.len(), 1);
    let zh = scoring_core::diff::change_text_in(&d.entries[0].change, &old, &new, Lang::Zh);
    let label = new.input("stale_databases").unwrap().1.label.zh.clone();
    assert_eq!(zh, format!("{label}（stale_databases）的系数：-5 → -1"));
    let en = scoring_core::diff::change_text_in(&d.entries[0].change, &old, &new, Lang::En);
    assert!(
        en.starts_with("coefficient of ") && en.contains("(stale_databases)"),
        "{en}"
    );
}

/// A name changed by a character no one sees reads as changed, and a
/// rename beside another change is said with the old name.
#[test]
fn hidden_characters_and_renames_are_seen() {
    let (subject, change) = one_change(("name: { zh: 访问量", "name: { zh: 访\u{200B}问量"));
    let old = bundled_rubric();
    let new = edited("name: { zh: 访问量", "name: { zh: 访\u{200B}问量");
    let text = scoring_core::diff::change_text_in(&change, &old, &new, Lang::Zh);
    assert!(text.ends_with("访问量 → 访⟨U+200B⟩问量"), "{text}");
    let heading = scoring_core::diff::subject_name(&subject, &old, &new, Lang::Zh);
    assert!(
        heading.contains("访⟨U+200B⟩问量（原名 访问量；"),
        "{heading}"
    );
}

/// What an audit is told first or beside the changes: an edit that kept
/// the id and version, columns renamed, a place moved by others alone.
#[test]
fn same_version_renamed_columns_and_places_moved_by_others() {
    use scoring_core::diff::{OfficeImpact, same_version_differs};
    let old = bundled_rubric();
    let edited = edited("stale_databases: -5", "stale_databases: -1");
    assert!(same_version_differs(&old, &edited));
    assert!(!same_version_differs(&old, &old));
    let r2019 = Rubric::from_yaml("r2019", bundled::SHANDONG_2017_R2019).unwrap();
    assert!(!same_version_differs(&old, &r2019));
    assert!(
        diff(&old, &r2019).renames_columns(),
        "an input's English label changed"
    );
    assert!(!diff(&old, &edited).renames_columns());
    let office = |old_place, new_place, new_total: i64| OfficeImpact {
        office: "甲处".into(),
        old_total: 80.into(),
        old_place,
        new_total: new_total.into(),
        new_place,
        drivers: Vec::new(),
    };
    assert!(office(6, 5, 80).moved_by_others());
    assert!(!office(6, 6, 80).moved_by_others());
    assert!(!office(6, 5, 81).moved_by_others(), "its own total moved");
    assert!(office(6, 5, 81).rounding_only());
}
