//! Rubric validation, data-driven: each case is a YAML text and the exact
//! problems expected, each as `line:column path: message`.

use scoring_core::{Lang, Rubric};

/// Loads `yaml` and compares every reported problem (English, without the
/// file name) with `expected`, in order.
fn check(yaml: &str, expected: &[&str]) {
    let got: Vec<String> = match Rubric::from_yaml("t.yaml", yaml) {
        Ok(_) => Vec::new(),
        Err(errors) => errors
            .errors
            .iter()
            .map(|e| {
                let msg = e.message(Lang::En);
                msg.strip_prefix("t.yaml")
                    .unwrap()
                    .trim_start_matches(':')
                    .trim_start()
                    .to_string()
            })
            .collect(),
    };
    assert_eq!(got, expected, "\n{yaml}");
}

const HEAD: &str = "id: t\ntitle: T\nversion: '1'\nsource: S\n";

fn with_head(body: &str) -> String {
    format!("{HEAD}{body}")
}

const INPUTS: &str = "inputs:
  - {id: a, label: A, kind: count}
  - {id: b, label: B, kind: count}
";

#[test]
fn minimal_rubric_is_valid() {
    let yaml = with_head(&format!(
        "{INPUTS}indicators:
  - id: x
    name: X
    weight: 100
    method: rank
    tally: {{a: 1, b: 0.5}}
"
    ));
    let rubric = Rubric::from_yaml("t.yaml", &yaml).unwrap();
    assert_eq!(rubric.precision(), 2);
    assert_eq!(rubric.leaves().len(), 1);
}

#[test]
fn weights_that_do_not_add_up() {
    check(
        &with_head(&format!(
            "{INPUTS}indicators:
  - id: g
    name: G
    weight: 60
    children:
      - {{id: x, name: X, weight: 30, method: rank, tally: a}}
      - {{id: y, name: Y, weight: 20, method: rank, tally: b}}
"
        )),
        &[
            "8:1: indicators: top-level weights add up to 60, not the rubric total 100",
            "11:13: indicators[0].weight: `g` weighs 60 but its children add up to 50",
        ],
    );
}

#[test]
fn unknown_and_unused_inputs() {
    check(
        &with_head(&format!(
            "{INPUTS}indicators:
  - {{id: x, name: X, weight: 100, method: rank, tally: {{aa: 1}}}}
"
        )),
        &[
            "6:10: inputs[0]: input `a` is declared but no indicator uses it",
            "7:10: inputs[1]: input `b` is declared but no indicator uses it",
            "9:57: indicators[0].tally.aa: unknown input `aa` (did you mean `a`?)",
        ],
    );
}

#[test]
fn duplicate_ids() {
    check(
        &with_head(
            "inputs:
  - {id: a, label: A, kind: count}
  - {id: a, label: A2, kind: count}
indicators:
  - {id: x, name: X, weight: 50, method: rank, tally: a}
  - {id: x, name: X2, weight: 50, method: rank, tally: a}
",
        ),
        &[
            "7:10: inputs[1].id: id `a` is declared twice (first at line 6, column 10)",
            "10:10: indicators[1].id: id `x` is declared twice (first at line 9, column 10)",
        ],
    );
}

#[test]
fn bad_method_parameters() {
    check(
        &with_head(
            "inputs:
  - {id: a, label: A, kind: count}
  - {id: f, label: F, kind: flag}
  - {id: q, label: Q, kind: count}
indicators:
  - id: x
    name: X
    weight: 25
    method: rank
    tally: a
    step: -1
    floor: 120
    ties: olympic
    penalty: 2
  - {id: y, name: Y, weight: 25, method: on_time, input: a}
  - {id: z, name: Z, weight: 25, method: answer_rate, asked: q, answered: q, late: a}
  - {id: w, name: W, weight: 25, method: ranked, tally: f}
",
        ),
        &[
            "15:11: indicators[0].step: -1 is out of range: from 0 to 100",
            "16:12: indicators[0].floor: 120 is out of range: from 0 to 100",
            "17:11: indicators[0].ties: `olympic` is not one of: competition, dense",
            "18:5: indicators[0].penalty: parameter `penalty` does not apply to method rank",
            "19:58: indicators[1].input: input `a` is a count; this needs a flag",
            "20:5: indicators[2]: input `q` is used in two roles of the same method",
            "21:42: indicators[3].method: there is no method `ranked` (did you mean `rank`?); docs/rubric.md lists the methods",
        ],
    );
}

#[test]
fn empty_tree_and_empty_group() {
    check(
        &with_head("inputs: []\nindicators: []\n"),
        &["6:13: indicators: the rubric has no indicators"],
    );
    check(
        &with_head(&format!(
            "{INPUTS}indicators:
  - {{id: g, name: G, weight: 100, children: []}}
"
        )),
        &[
            "6:10: inputs[0]: input `a` is declared but no indicator uses it",
            "7:10: inputs[1]: input `b` is declared but no indicator uses it",
            "9:45: indicators[0].children: group `g` has no children",
        ],
    );
}

#[test]
fn group_or_leaf_but_not_both() {
    check(
        &with_head(&format!(
            "{INPUTS}indicators:
  - {{id: g, name: G, weight: 50, method: rank, tally: a, children: [{{id: x, name: X, weight: 50, method: rank, tally: b}}]}}
  - {{id: h, name: H, weight: 50}}
"
        )),
        &[
            "6:10: inputs[0]: input `a` is declared but no indicator uses it",
            "7:10: inputs[1]: input `b` is declared but no indicator uses it",
            "9:5: indicators[0]: indicator `g` has both `children` and `method`; it must be one or the other",
            "10:5: indicators[1]: indicator `h` needs `children` (a group) or `method` (a leaf)",
        ],
    );
}

#[test]
fn missing_and_unknown_keys_and_bad_types() {
    check(
        "id: Bad Id\ntitel: T\nversion: 1\nsource: S\nprecision: 2.5\nrounding: up\ninputs: {}\nindicators:\n  - {id: x, name: X, weight: abc, method: direct, input: a}\n",
        &[
            "1:1: missing required key `title`",
            "1:5: id: invalid id `Bad Id`: use lower-case letters, digits and underscores, starting with a letter",
            "2:1: titel: unknown key `titel` (did you mean `title`?)",
            "5:12: precision: 2.5 is out of range: a whole number from 0 to 10",
            "6:11: rounding: `up` is not one of: half_away_from_zero, half_even",
            "7:9: inputs: expected a list of inputs here",
            "9:30: indicators[0].weight: `abc` is not a decimal number",
            "9:58: indicators[0].input: unknown input `a`",
        ],
    );
}

#[test]
fn syntax_errors_and_empty_files() {
    check("", &["the file is empty"]);
    check("# only a comment\n", &["the file is empty"]);
    let got = Rubric::from_yaml("t.yaml", "id: [unclosed\n").unwrap_err();
    assert_eq!(got.len(), 1);
    assert!(
        got.message(Lang::En).starts_with("t.yaml:"),
        "{}",
        got.message(Lang::En)
    );
    assert!(got.message(Lang::Zh).contains("YAML 语法错误"));
    check(
        "- a\n- b\n",
        &["1:1: expected a mapping (id: …, title: …, inputs: …, indicators: …) here"],
    );
    check(
        "id: t\nid: u\n",
        &["2:1: key `id` appears twice (first at line 1, column 1)"],
    );
}

#[test]
fn messages_exist_in_chinese() {
    let err = Rubric::from_yaml(
        "t.yaml",
        &with_head(&format!(
            "{INPUTS}indicators:\n  - {{id: x, name: X, weight: 90, method: rank, tally: {{a: 1, b: 1}}}}\n"
        )),
    )
    .unwrap_err();
    assert_eq!(
        err.message(Lang::Zh),
        "t.yaml:8:1: indicators: 一级指标权重之和为 90，应等于总分 100"
    );
}

#[test]
fn bundled_rubric_structure() {
    let r = Rubric::from_yaml("s", scoring_core::bundled::SHANDONG_2017).unwrap();
    let leaf_ids: Vec<(&str, String)> = r
        .leaves()
        .map(|(_, l)| (l.id.as_str(), l.weight.to_string()))
        .collect();
    let expected = [
        ("decision_drafts", "5"),
        ("opinion_collection", "5"),
        ("stakeholder_meetings", "5"),
        ("policy_interpretation", "10"),
        ("press_conferences", "5"),
        ("concern_responses", "5"),
        ("online_interview", "5"),
        ("consultation_replies", "5"),
        ("application_replies", "10"),
        ("site_volume", "15"),
        ("site_visits", "10"),
        ("platform_posts", "5"),
        ("shared_reports", "5"),
        ("system_links", "3"),
        ("single_sign_on", "3"),
        ("shared_databases", "4"),
    ];
    assert_eq!(leaf_ids, expected.map(|(a, b)| (a, b.to_string())).to_vec());
    let input_ids: Vec<&str> = r.inputs().items().map(|i| i.id.as_str()).collect();
    assert_eq!(
        input_ids,
        [
            "decision_drafts",
            "opinion_reports",
            "stakeholder_meetings",
            "policy_interpretations",
            "press_conferences",
            "concern_responses",
            "interview_on_time",
            "consultations_asked",
            "consultations_answered",
            "consultations_late",
            "applications_asked",
            "applications_answered",
            "applications_late",
            "site_items",
            "site_visits",
            "platform_posts",
            "shared_reports",
            "system_links",
            "sso_systems",
            "shared_databases",
            "stale_databases",
        ]
    );
    let labels: Vec<&str> = r.inputs().items().map(|i| i.label.zh.as_str()).collect();
    assert_eq!(labels[0], "重大决策和规范性文件草案公开数");
    assert_eq!(labels[20], "逾期未更新数据库数");
    let (_, portal) = r.find_indicator("portal").unwrap();
    assert_eq!(portal.weight.to_string(), "80");
}

#[test]
fn calendar_overrides_are_read_and_checked() {
    let yaml = with_head(&format!(
        "{INPUTS}indicators:
  - {{id: x, name: X, weight: 100, method: rank, tally: {{a: 1, b: 1}}}}
calendar_overrides:
  - {{date: 2026-07-01, name: 厅庆}}
  - {{date: 2026/7/4, off: false, name: 补班}}
"
    ));
    let r = Rubric::from_yaml("t.yaml", &yaml).unwrap();
    let cal = r.calendar();
    let d = |m, d| jiff::civil::date(2026, m, d);
    assert!(!cal.is_working_day(d(7, 1)).unwrap());
    assert!(cal.is_working_day(d(7, 4)).unwrap());
    check(
        &with_head(&format!(
            "{INPUTS}indicators:
  - {{id: x, name: X, weight: 100, method: rank, tally: {{a: 1, b: 1}}}}
calendar_overrides:
  - {{date: 2026-07-41, name: x}}
  - {{date: 2026-07-01, off: maybe, name: y}}
  - {{date: 2026-07-01, name: z}}
"
        )),
        &[
            "11:12: calendar_overrides[0].date: `2026-07-41` is not a date (write 2026-07-01)",
            "12:29: calendar_overrides[1].off: `maybe` is not one of: true, false",
            "13:12: calendar_overrides[2].date: id `2026-07-01` is declared twice (first at line 12, column 12)",
        ],
    );
}

#[test]
fn every_bundled_rubric_is_valid_and_carries_examples() {
    for (file, yaml) in scoring_core::bundled::ALL {
        let r = Rubric::from_yaml(file, yaml).unwrap_or_else(|e| panic!("{}", e.message(Lang::En)));
        assert!(!r.examples().is_empty(), "{file}");
    }
}

const FLAGS: &str = "inputs:
  - {id: a, label: A, kind: count}
  - {id: f, label: F, kind: flag}
";

#[test]
fn deductions_must_say_what_happens_beyond_the_points() {
    // `beyond` is required; deductions are above 0.
    check(
        &with_head(&format!(
            "{FLAGS}indicators:
  - {{id: x, name: X, weight: 100, method: deduction, per_incident: {{a: -1}}, zero_if: f}}
"
        )),
        &[
            "9:5: indicators[0]: missing required key `beyond`",
            "9:72: indicators[0].per_incident.a: -1 is out of range: above 0 (the points one incident takes off)",
        ],
    );
    // Overdrawing needs a group above with a floor.
    check(
        &with_head(&format!(
            "{FLAGS}indicators:
  - id: g
    name: G
    weight: 100
    children:
      - {{id: x, name: X, weight: 100, method: deduction, per_incident: a, beyond: overdraw, zero_if: f}}
"
        )),
        &["13:83: indicators[0].children[0].beyond: `x` may deduct beyond its own points (beyond: overdraw), but no group above it sets a `subtotal_floor` (such as `subtotal_floor: 0`) to cap the deductions"],
    );
    // With one, it is valid, at any depth below.
    let ok = with_head(&format!(
        "{FLAGS}indicators:
  - id: g
    name: G
    weight: 100
    subtotal_floor: 0
    children:
      - id: h
        name: H
        weight: 100
        children:
          - {{id: x, name: X, weight: 100, method: deduction, per_incident: a, beyond: overdraw, zero_if: f}}
"
    ));
    assert!(Rubric::from_yaml("t.yaml", &ok).is_ok());
}

#[test]
fn subtotal_floor_is_for_groups_and_zero_if_for_leaves() {
    check(
        &with_head(&format!(
            "{FLAGS}indicators:
  - id: g
    name: G
    weight: 100
    subtotal_floor: 120
    zero_if: f
    children:
      - {{id: x, name: X, weight: 100, method: rank, tally: a, subtotal_floor: 0, zero_if: a}}
"
        )),
        &[
            "7:10: inputs[1]: input `f` is declared but no indicator uses it",
            "12:21: indicators[0].subtotal_floor: 120 is out of range: from 0 to the group's weight, 100",
            "13:14: indicators[0].zero_if: parameter `zero_if` does not apply to method group",
            "15:79: indicators[0].children[0].subtotal_floor: parameter `subtotal_floor` does not apply to method rank",
            "15:91: indicators[0].children[0].zero_if: input `a` is a count; this needs a flag",
        ],
    );
}

#[test]
fn choices_judgements_and_items_say_everything() {
    check(
        &with_head(
            "inputs:
  - {id: g, label: G, kind: choice, choices: [优, 良, 差]}
  - {id: h, label: H, kind: choice}
  - {id: n, label: N, kind: count, choices: [a, b]}
  - {id: d, label: D, kind: amount}
  - {id: k, label: K, kind: choice, choices: [是, 是]}
text_columns:
  - {id: why, label: Why}
indicators:
  - {id: x, name: X, weight: 10, method: choice, input: g, points: {优: 10, 中: 5, 差: 12}}
  - {id: y, name: Y, weight: 10, method: choice, input: h, points: {a: 1}}
  - {id: z, name: Z, weight: 10, method: per_item, per_item: {n: -1}}
  - {id: w, name: W, weight: 60, method: judgement, input: d, at_most: 70, reason: whyy}
  - {id: v, name: V, weight: 10, method: choice, input: k, points: {是: 1}}
",
        ),
        &[
            "7:5: inputs[1]: missing required key `choices`",
            "8:45: inputs[2].choices: `choices` are for `choice` inputs, not `count`",
            "10:50: inputs[4].choices[1]: id `是` is declared twice",
            "14:76: indicators[0].points.中: `中` is not a choice of input `g` (优/良/差)",
            "14:85: indicators[0].points.差: 12 is out of range: from 0 to the indicator's weight, 10",
            "15:69: indicators[1].points.a: `a` is not a choice of input `h` ()",
            "16:66: indicators[2].per_item.n: -1 is out of range: above 0 (the points one item adds)",
            "17:72: indicators[3].at_most: 70 is out of range: greater than 0 and at most 60",
            "17:84: indicators[3].reason: `whyy` is not a declared text column (text_columns) (did you mean `why`?)",
        ],
    );
}

#[test]
fn grades_cover_every_total_and_vetoes_do_something() {
    check(
        &with_head(&format!(
            "{FLAGS}indicators:
  - {{id: x, name: X, weight: 100, method: rank, tally: a}}
grades:
  - {{name: 优秀, at_least: 90}}
  - {{name: 良好, at_least: 95}}
  - {{name: 合格, at_least: 60}}
vetoes:
  - {{id: v, name: V, input: f, grade: 差, placed: last}}
top_share: {{name: 先进, share: 1.5, rounding: sideways}}
"
        )),
        &[
            "12:5: grades[1].at_least: bands go from the highest down: 95 is not below the band before's 90",
            "13:5: grades: the lowest band starts at 60: totals below it have no band (the last band needs `at_least: 0`)",
            "15:39: vetoes[0].grade: there is no band `差` (优秀/合格)",
            "16:12: top_share: missing required key `ties`",
            "16:30: top_share.share: 1.5 is out of range: greater than 0 and at most 1",
            "16:45: top_share.rounding: `sideways` is not one of: down, up, nearest",
        ],
    );
    check(
        &with_head(&format!(
            "{FLAGS}indicators:
  - {{id: x, name: X, weight: 100, method: rank, tally: a}}
vetoes:
  - {{id: v, name: V, input: f, placed: last}}
"
        )),
        &[
            "11:5: vetoes[0]: veto `v` gives neither a band (the rubric has no `grades`) nor a `total_at_most`",
        ],
    );
}

#[test]
fn uncapped_penalties_state_the_floor_and_pools_take_bonuses() {
    check(
        &with_head(&format!(
            "{FLAGS}indicators:
  - {{id: x, name: X, weight: 100, method: rank, tally: a}}
bonus_pools:
  - {{id: pool, name: P, cap: 5, gate: 80}}
adjustments:
  - {{id: big, name: B, kind: penalty, input: f, points: 10, cap: none, pool: pool}}
  - {{id: free, name: F, kind: bonus, input: f, cap: none}}
  - {{id: lost, name: L, kind: bonus, input: f, cap: 2, pool: pol}}
"
        )),
        &[
            "13:78: adjustments[0].pool: penalty `big` cannot count in a bonus pool",
            "14:53: adjustments[1].cap: bonus `free` needs a cap: only penalties may have none",
            "15:62: adjustments[2].pool: there is no bonus pool `pol` (bonus_pools) (did you mean `pool`?)",
        ],
    );
    check(
        &with_head(&format!(
            "{FLAGS}indicators:
  - {{id: x, name: X, weight: 100, method: rank, tally: a}}
adjustments:
  - {{id: big, name: B, kind: penalty, input: f, points: 10, cap: none}}
"
        )),
        &[
            "11:10: adjustments[0].cap: penalty `big` has no cap (cap: none): the rubric must state how low a total can go (`total_floor`, such as 0)",
        ],
    );
}

#[test]
fn quotas_and_steps_are_written_out() {
    check(
        &with_head(
            "inputs:
  - {id: m1, label: M1, kind: count}
  - {id: m2, label: M2, kind: count}
  - {id: f, label: F, kind: flag}
indicators:
  - {id: q, name: Q, weight: 40, method: quota, periods: [m1, m1, f], quota: 40, empty: 50, short: 5}
  - {id: e, name: E, weight: 60, method: excess, periods: [m1, m2], quota: 40, steps: [{above: 30, points: 1}, {above: 10, points: 70}]}
",
        ),
        &[
            "10:63: indicators[0].periods[1]: input `m1` is used in two roles of the same method",
            "10:67: indicators[0].periods[2]: input `f` is a flag; this needs a count",
            "10:89: indicators[0].empty: 50 is out of range: from 0 to 40",
            "11:120: indicators[1].steps[1].above: 10 is out of range: above the step before (30)",
            "11:132: indicators[1].steps[1].points: 70 is out of range: from 0 to the indicator's weight, 60",
        ],
    );
}

#[test]
fn not_applicable_is_stated_and_kept_to_leaves_that_score_alone() {
    check(
        &with_head(
            "inputs:
  - {id: a, label: A, kind: count}
  - {id: b, label: B, kind: count}
indicators:
  - {id: x, name: X, weight: 40, method: deduction, per_incident: a, beyond: zero, may_be_na: true}
  - {id: y, name: Y, weight: 30, method: rank, tally: b, may_be_na: true}
  - {id: z, name: Z, weight: 30, method: deduction, per_incident: a, beyond: zero}
",
        ),
        &[
            "6:10: inputs[0]: input `a` is read by a leaf that may be not applicable; nothing else may read it (N/A is not a number)",
            "9:10: not_applicable: `x` may be not applicable (may_be_na): the rubric must say how such offices are scored (`not_applicable: rescale` or `redistribute`)",
            "10:69: indicators[1].may_be_na: method rank compares offices (or has its own rule for nothing to score): it cannot be not applicable",
        ],
    );
}

#[test]
fn categories_list_their_indicators_and_add_up_to_their_totals() {
    let body = |cats: &str| {
        with_head(&format!(
            "{INPUTS}text_columns:
  - {{id: class, label: 类别}}
indicators:
  - {{id: x, name: X, weight: 60, method: rank, tally: a}}
  - {{id: y, name: Y, weight: 40, method: rank, tally: b}}
{cats}"
        ))
    };
    // Valid: A on both (100), B on x alone (60).
    let ok = body(
        "category_column: class
categories:
  - {id: a, name: A类, indicators: [x, y]}
  - {id: b, name: B类, total: 60, indicators: [x]}
",
    );
    let rubric = Rubric::from_yaml("t.yaml", &ok).unwrap();
    let c = rubric.categories().unwrap();
    assert_eq!(c.list.len(), 2);
    assert_eq!(c.find("b类"), None, "names are matched as written");
    assert_eq!(c.find(" B "), Some(1), "ids in any case");
    assert_eq!(c.find("A类"), Some(0));
    check(
        &body(
            "category_column: klass
categories:
  - {id: a, name: A类, indicators: [x, z]}
  - {id: b, name: B类, total: 50, indicators: [x]}
  - {id: b, name: C, indicators: [x, y]}
",
        ),
        &[
            "13:18: category_column: `klass` is not a declared text column (text_columns) (did you mean `class`?)",
            "15:39: categories[0].indicators[1]: `z` is not a top-level indicator (did you mean `x`?)",
            "16:5: categories[1].indicators: the top-level indicators of category `b` weigh 60 together, not its total 50",
            "17:10: categories[2].id: id `b` is declared twice (first at line 16, column 5)",
        ],
    );
    check(
        &body(
            "category_column: class
categories:
  - {id: a, name: A类, indicators: [x]}
",
        ),
        &[
            "15:5: categories[0].indicators: the top-level indicators of category `a` weigh 60 together, not its total 100",
            "15:5: categories: no category is scored on the top-level indicator `y`: list it in some category's `indicators`",
        ],
    );
    check(
        &body(
            "categories:
  - {id: a, name: A类, indicators: [x, y]}
",
        ),
        &["1:1: missing required key `category_column`"],
    );
}

/// A file nested thousands of levels deep (block sequences or mappings)
/// is refused before it is parsed, located at the first line too deep,
/// rather than exhausting the stack (a WebAssembly page's engine faulted
/// for good on one). Flow collections are the parser's own limit.
#[test]
fn a_file_nested_past_any_rubric_is_refused_not_recursed_into() {
    let sequences = format!("{}x", "- ".repeat(10_000));
    check(
        &sequences,
        &["1:1: nested more than 256 levels deep: no rubric is, and the file may be damaged"],
    );
    let mappings: String = (0..5_000)
        .map(|i| format!("{}k:\n", " ".repeat(i)))
        .collect();
    check(
        &mappings,
        &["258:1: nested more than 256 levels deep: no rubric is, and the file may be damaged"],
    );
    let e = Rubric::from_yaml("t.yaml", &sequences).unwrap_err();
    assert_eq!(e.errors[0].problem.code(), "rubric.too_deep");
    // Twice, as a user retrying the upload would: still an error.
    assert!(Rubric::from_yaml("t.yaml", &sequences).is_err());
    let flow = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    assert!(Rubric::from_yaml("t.yaml", &flow).is_err());
}

/// A byte-order mark, as some editors save UTF-8, is not part of the
/// first key.
#[test]
fn a_byte_order_mark_is_not_a_key() {
    let yaml = format!("\u{feff}{}", scoring_core::bundled::SHANDONG_2017);
    assert!(Rubric::from_yaml("bom.yaml", &yaml).is_ok());
}
