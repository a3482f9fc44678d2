//! The mechanics of published rubrics beyond Shandong's, through the
//! public API: bad cells of the new kinds are refused at their place, and
//! nothing typed becomes 0 silently.

use scoring_core::{Dataset, DatasetBuilder, Lang, RowSink, Rubric, Table, TableRow, score};

const CHECKLIST: &str = include_str!("../../docs/examples/checklist.yaml");

fn table(lines: &[&str]) -> Table {
    Table {
        source: "t.csv".into(),
        rows: lines
            .iter()
            .enumerate()
            .map(|(n, l)| TableRow::new(n as u32 + 1, l.split(',')))
            .collect(),
    }
}

const HEADER: &str = "office,catalogue,quality,national,provincial,judged,why";

#[test]
fn choices_are_read_by_name_in_either_language_and_nothing_else() {
    let rubric = Rubric::from_yaml("checklist.yaml", CHECKLIST).unwrap();
    let data =
        Dataset::from_table(&rubric, &table(&[HEADER, "甲处, 是 ,EXCELLENT,0,0,0,"])).unwrap();
    let card = score(&rubric, &data).unwrap();
    assert_eq!(card.office_at(0).unwrap().total().to_string(), "70.00");
    // A number is not a choice, nor is a blank, nor another word.
    let err = Dataset::from_table(
        &rubric,
        &table(&[
            HEADER,
            "甲处,1,优,0,0,0,",
            "乙处,,优,0,0,0,",
            "丙处,对,优,0,0,0,",
        ]),
    )
    .unwrap_err();
    let got: Vec<(Option<u32>, Option<u32>, &str)> = err
        .errors
        .iter()
        .map(|e| (e.line, e.column, e.problem.code()))
        .collect();
    assert_eq!(
        got,
        [
            (Some(2), Some(2), "data.unknown_choice"),
            (Some(3), Some(2), "data.blank"),
            (Some(4), Some(2), "data.unknown_choice"),
        ]
    );
    assert_eq!(
        err.errors[2].message(Lang::Zh),
        "t.csv 第4行第B列，处室“丙处”，公开目录及时更新（catalogue）：“对”不是可选的值（是/部分/否）"
    );
}

#[test]
fn a_judgement_needs_its_reason_and_stays_within_bounds() {
    let rubric = Rubric::from_yaml("checklist.yaml", CHECKLIST).unwrap();
    let err = Dataset::from_table(
        &rubric,
        &table(&[
            HEADER,
            "甲处,是,优,0,0,2,",
            "乙处,是,优,0,0,5.5,太多",
            "丙处,是,优,0,0,0,",
        ]),
    )
    .unwrap_err();
    let got: Vec<(Option<u32>, Option<u32>, &str)> = err
        .errors
        .iter()
        .map(|e| (e.line, e.column, e.problem.code()))
        .collect();
    assert_eq!(
        got,
        [
            (Some(2), Some(7), "data.reason_required"),
            (Some(3), Some(6), "data.out_of_range"),
        ]
    );
    // Rows handed over as plain lines are checked alike (no shortcut past
    // the reason).
    let mut builder = DatasetBuilder::new(&rubric, "t.csv");
    builder.push_row(&TableRow::new(1, HEADER.split(',')));
    builder.push_line(2, "甲处,是,优,0,0,2,", b',');
    let err = builder.finish().unwrap_err();
    assert_eq!(err.errors[0].problem.code(), "data.reason_required");
}

#[test]
fn a_choice_s_value_is_shown_by_name() {
    let rubric = Rubric::from_yaml("checklist.yaml", CHECKLIST).unwrap();
    let data = Dataset::from_table(&rubric, &table(&[HEADER, "甲处,部分,fair,1,0,0,"])).unwrap();
    let (o, _) = data.offices().next().unwrap();
    let (quality, input) = rubric.input("quality").unwrap();
    let v = data.value(o, quality);
    assert_eq!(
        (input.typed(v), input.shown(v, Lang::En)),
        ("一般".into(), "fair".into())
    );
    // from_values takes a choice's position and reads it back by name.
    let again = Dataset::from_values(&rubric, "v", [("甲处", data.row(o))]).unwrap();
    assert_eq!(again.row(again.offices().next().unwrap().0), data.row(o));
}

#[test]
fn one_assessment_fills_another_and_never_overrides_a_typed_value() {
    let inner = Rubric::from_yaml("s.yaml", scoring_core::bundled::SHANDONG_2017).unwrap();
    let csv = include_str!("../../tests/fixtures/dept6.csv");
    let inner_table = Table {
        source: "dept6.csv".into(),
        rows: csv
            .lines()
            .enumerate()
            .map(|(n, l)| TableRow::new(n as u32 + 1, l.split(',')))
            .collect(),
    };
    let inner_data = Dataset::from_table(&inner, &inner_table).unwrap();
    let inner_card = score(&inner, &inner_data).unwrap();
    let outer = Rubric::from_yaml("a.yaml", scoring_core::bundled::ANNUAL_APPRAISAL).unwrap();
    let head = "office,online_score,onsite_score,party_review,discipline_breaches,safety_incident";
    // The column is added and filled by office name.
    let filled = scoring_core::compose::fill(
        &outer,
        &table(&[head, "法规处,88,80,优,0,否", "办公室,92,90,优,0,否"]),
        &[(&inner, &inner_card)],
    )
    .unwrap();
    let data = Dataset::from_table(&outer, &filled).unwrap();
    let (input, _) = outer.input("disclosure_total").unwrap();
    let o = data.find("法规处").unwrap();
    assert_eq!(data.value(o, input).to_string(), "89.08");
    // A different value typed, an office the other has not, nothing to
    // draw on: errors, located.
    let head2 = format!("{head},disclosure_total");
    let err = scoring_core::compose::fill(
        &outer,
        &table(&[&head2, "法规处,88,80,优,0,否,90", "新处室,1,1,优,0,否,"]),
        &[(&inner, &inner_card)],
    )
    .unwrap_err();
    let got: Vec<(Option<u32>, Option<u32>, &str)> = err
        .errors
        .iter()
        .map(|e| (e.line, e.column, e.problem.code()))
        .collect();
    assert_eq!(
        got,
        [
            (Some(2), Some(7), "data.source_disagrees"),
            (Some(3), Some(7), "data.not_in_source"),
        ]
    );
    let err = scoring_core::compose::fill(&outer, &table(&[head, "法规处,88,80,优,0,否"]), &[])
        .unwrap_err();
    assert_eq!(err.errors[0].problem.code(), "data.source_not_scored");
}

/// Not applicable: rescaled to the total, or redistributed within the
/// group; N/A only where the rubric allows it.
#[test]
fn not_applicable_leaves_are_left_out_as_the_rubric_says() {
    let body = |rule: &str| {
        format!(
            "id: t\ntitle: T\nversion: '1'\nsource: S\nnot_applicable: {rule}
inputs:
  - {{id: a, label: A, kind: count}}
  - {{id: b, label: B, kind: count}}
  - {{id: c, label: C, kind: count}}
indicators:
  - id: g
    name: G
    weight: 60
    children:
      - {{id: x, name: X, weight: 30, method: deduction, per_incident: a, beyond: zero}}
      - {{id: y, name: Y, weight: 30, method: deduction, per_incident: b, beyond: zero, may_be_na: true}}
  - {{id: z, name: Z, weight: 40, method: deduction, per_incident: c, beyond: zero}}
"
        )
    };
    let head = "office,a,b,c";
    // 甲: x 30 − 6 = 24, y N/A, z 40 − 4 = 36.
    let rows = [head, "甲,6,N/A,4", "乙,6,0,4"];
    let rescale = Rubric::from_yaml("t.yaml", &body("rescale")).unwrap();
    let data = Dataset::from_table(&rescale, &table(&rows)).unwrap();
    let card = score(&rescale, &data).unwrap();
    let o = card.office_at(0).unwrap();
    // 24 + 36 = 60 of the 70 that apply: 60 ÷ 70 × 100 = 85.714…
    assert_eq!(o.total().to_string(), "85.71");
    assert_eq!(
        o.applicable_weight().map(|w| w.to_string()),
        Some("70".into())
    );
    let (y, _) = rescale.find_leaf("y").unwrap();
    assert!(o.not_applicable(y) && o.leaf(y).not_applicable);
    // 乙 is scored as usual: 24 + 30 + 36 = 90.
    assert_eq!(card.office_at(1).unwrap().total().to_string(), "90.00");
    assert_eq!(card.office_at(1).unwrap().applicable_weight(), None);

    let redistribute = Rubric::from_yaml("t.yaml", &body("redistribute")).unwrap();
    let data = Dataset::from_table(&redistribute, &table(&rows)).unwrap();
    let card = score(&redistribute, &data).unwrap();
    let o = card.office_at(0).unwrap();
    // The group's 24 of 30 scaled to its 60: 48; + 36 = 84.
    let (g, _) = redistribute.groups().next().unwrap();
    assert_eq!(o.published_group(g).to_string(), "48.00");
    assert_eq!(o.total().to_string(), "84.00");

    // N/A where the rubric does not allow it: refused at its cell.
    let err = Dataset::from_table(&rescale, &table(&[head, "丙,N/A,0,0"])).unwrap_err();
    assert_eq!(err.errors[0].problem.code(), "data.na_not_allowed");
    assert_eq!(err.errors[0].column, Some(2));
}

const CLASSES: &str = scoring_core::bundled::CITY_CLASSES;
const CLASS_HEADER: &str = "office,class,policy_docs_late,interpretations_missing,site_errors,columns_stale,items_published,requests_late,requests_overturned,mechanism_review,directories_missing,innovations,commendations,major_incidents";

#[test]
fn categories_place_offices_among_their_own_kind_out_of_their_own_total() {
    let rubric = Rubric::from_yaml("city-classes.yaml", CLASSES).unwrap();
    let data = Dataset::from_table(
        &rubric,
        &table(&[
            CLASS_HEADER,
            "甲县,A类,0,0,0,0,120,0,0,优,0,1,1,0",
            "市发改委,b,0,0,0,0,80,0,0,优,,2,2,0",
            "丙区,a,0,0,1,0,150,0,0,优,6,0,2,0",
            "市教育局,Class B,3,2,5,2,200,2,0,良,,1,0,0",
        ]),
    )
    .unwrap();
    let card = score(&rubric, &data).unwrap();
    let (grassroots, _) = rubric.find_leaf("grassroots").unwrap();
    let (volume, _) = rubric.find_leaf("volume").unwrap();
    let fgw = card.find("市发改委").unwrap();
    assert_eq!(fgw.category(), Some(1));
    assert_eq!((fgw.place(), fgw.of()), (1, 2));
    assert_eq!(fgw.out_of().to_string(), "95");
    // 94 points and 5 of bonuses, kept at B类's 95.
    assert_eq!(fgw.total().to_string(), "95.00");
    assert_eq!(fgw.limit().to_string(), "-4");
    let leaf = fgw.leaf(grassroots);
    assert!(leaf.outside_category && leaf.not_applicable);
    assert_eq!((leaf.points, fgw.placing(grassroots)), (0.into(), None));
    // Items published are ranked within the class: 市教育局 (200) is 1st
    // among B类, 丙区 (150) 1st among A类; neither is pushed down by the
    // other.
    assert_eq!(fgw.leaf(volume).placing.unwrap().place, 2);
    assert_eq!(fgw.leaf(volume).of, 2);
    let bq = card.find("丙区").unwrap();
    assert_eq!(bq.leaf(volume).placing.unwrap().place, 1);
    assert!(!bq.leaf(grassroots).outside_category);
    // The ranking: A类 by place, then B类.
    let order: Vec<(&str, u32)> = card
        .ranking()
        .iter()
        .map(|o| (o.name(), o.place()))
        .collect();
    assert_eq!(
        order,
        [("甲县", 1), ("丙区", 2), ("市发改委", 1), ("市教育局", 2)]
    );
    let why = scoring_core::explain::find(&rubric, &data, &card, "市发改委", "grassroots").unwrap();
    assert_eq!(
        why.message(Lang::Zh),
        "B类不考核本项：不计分（B类总分95分）"
    );
    let report = scoring_core::Report::new(&rubric, &data, &card, &Default::default());
    assert_eq!(report.offices[1].category.as_deref(), Some("b"));
}

#[test]
fn a_category_is_never_guessed_and_only_its_own_cells_may_be_blank() {
    let rubric = Rubric::from_yaml("city-classes.yaml", CLASSES).unwrap();
    let err = Dataset::from_table(
        &rubric,
        &table(&[
            CLASS_HEADER,
            "甲县,,0,0,0,0,120,0,0,优,0,1,1,0",
            "乙县,C类,0,0,0,0,120,0,0,优,0,1,1,0",
            "丙区,A类,0,0,0,0,120,0,0,优,,1,1,0",
            "市发改委,B类,0,0,0,0,,0,0,优,,2,2,0",
        ]),
    )
    .unwrap_err();
    let got: Vec<(Option<u32>, Option<u32>, &str)> = err
        .errors
        .iter()
        .map(|e| (e.line, e.column, e.problem.code()))
        .collect();
    assert_eq!(
        got,
        [
            (Some(2), Some(2), "data.unknown_category"),
            (Some(3), Some(2), "data.unknown_category"),
            // A类 is scored on grassroots: its cell may not be blank.
            (Some(4), Some(11), "data.blank"),
            // Items published are ranked for B类 too.
            (Some(5), Some(7), "data.blank"),
        ]
    );
    assert_eq!(
        err.errors[1].message(Lang::Zh),
        "t.csv 第3行第B列，处室“乙县”，类别（class）：“C类”不是评分细则的类别（A类/B类）"
    );
    assert_eq!(
        err.errors[0].message(Lang::En),
        "t.csv:2:2 (column B), office 甲县, input class (Class): the category is blank (Class A/Class B)"
    );
    // A value where the office's category is not scored: refused, not
    // dropped unseen; 0 is as good as blank.
    let err = Dataset::from_table(
        &rubric,
        &table(&[
            CLASS_HEADER,
            "市发改委,B类,0,0,0,0,80,0,0,优,0,2,2,0",
            "市卫健委,B类,0,0,0,0,80,1,0,良,5,0,3,0",
        ]),
    )
    .unwrap_err();
    assert_eq!(err.errors.len(), 1);
    assert_eq!(
        err.errors[0].message(Lang::Zh),
        "t.csv 第3行第K列，处室“市卫健委”，基层标准目录未完成事项数（directories_missing）：“5”：B类不考核此项，请留空"
    );
    // Without the column, the file is refused at its header.
    let err = Dataset::from_table(
        &rubric,
        &table(&[
            &CLASS_HEADER.replace("class,", ""),
            "甲县,0,0,0,0,120,0,0,优,0,1,1,0",
        ]),
    )
    .unwrap_err();
    assert_eq!(err.errors[0].problem.code(), "data.missing_column");
    assert_eq!(err.errors[0].input.as_deref(), Some("class"));
}
