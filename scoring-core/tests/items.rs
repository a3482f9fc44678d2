//! Item logs: dates to counts with the working-day calendar, every problem
//! located, and scores from a log equal to scores from the counts it
//! implies.

use jiff::civil::{Date, date};
use proptest::prelude::*;
use scoring_core::calendar::Calendar;
use scoring_core::items::{ItemLog, ItemProblem, Status, describe};
use scoring_core::{Dataset, Lang, Rubric, Table, TableRow, bundled, score};

fn rubric() -> Rubric {
    Rubric::from_yaml("bundled", bundled::SHANDONG_2017).unwrap()
}

fn table(source: &str, text: &str) -> Table {
    Table {
        source: source.into(),
        rows: text
            .lines()
            .enumerate()
            .map(|(n, l)| TableRow::new(n as u32 + 1, l.split(',')))
            .collect(),
    }
}

const HEADER: &str = "office,kind,item,received,answered,extended_to";

fn judge(
    log: &str,
    period_end: Date,
) -> Result<scoring_core::items::Judgement, scoring_core::items::ItemErrors> {
    let r = rubric();
    ItemLog::from_table(&r, &table("log.csv", log))?.judge(&r, &Calendar::bundled(), period_end)
}

fn problems(log: &str, period_end: Date) -> Vec<String> {
    match judge(log, period_end) {
        Ok(_) => vec![],
        Err(e) => e.errors.iter().map(|e| e.message(Lang::En)).collect(),
    }
}

#[test]
fn national_day_2026_request_received_the_day_before() {
    let log = format!(
        "{HEADER}\n外资处,application,A1,2026-09-30,2026-10-27,\n外资处,application,A2,2026/9/30,2026年10月28日,\n"
    );
    let j = judge(&log, date(2026, 12, 20)).unwrap();
    assert_eq!(j.items[0].due.due, date(2026, 10, 27));
    assert_eq!(j.items[0].status, Status::OnTime);
    assert_eq!(j.items[1].status, Status::Late);
    assert_eq!(j.items[1].taken, Some(16));
    let c = j.counts("外资处", leaf("application_replies"));
    assert_eq!((c.asked, c.answered, c.late, c.open), (2, 2, 1, 0));
    let why = describe(&j.log.items[1], &j.items[1], j.period_end, Lang::Zh);
    assert_eq!(
        why,
        "收到 2026-09-30，期限 2026-10-27（15个工作日；不计：10月1日–7日 国庆节假期，10月11日 周日，10月17日 周六，10月18日 周日，10月24日 周六，10月25日 周日），2026-10-28 答复，用时16个工作日：超期"
    );
    let why = describe(&j.log.items[0], &j.items[0], j.period_end, Lang::En);
    assert!(why.starts_with("received 2026-09-30, due 2026-10-27 (15 working days; not counted: 2026-10-01–2026-10-07 National Day holiday"), "{why}");
    assert!(
        why.ends_with("answered 2026-10-27 after 15 working days: on time"),
        "{why}"
    );
}

#[test]
fn spring_festival_consultations() {
    // 3 working days; received Friday 2026-02-13: due Wed 02-25 (Sat 14 is
    // a make-up working day, 15–23 off).
    let log = format!(
        "{HEADER}\n法规处,咨询,C1,2026-02-13,2026-02-25,\n法规处,consultation,C2,2026-02-13,2026-02-26,\n"
    );
    let j = judge(&log, date(2026, 6, 30)).unwrap();
    assert_eq!(j.items[0].due.due, date(2026, 2, 25));
    assert_eq!(j.items[0].status, Status::OnTime);
    assert_eq!(j.items[1].status, Status::Late);
}

#[test]
fn year_crossing() {
    let log = format!(
        "{HEADER}\n法规处,consultation,C1,2018-12-28,2019-01-03,\n法规处,consultation,C2,2018-12-28,2019-01-04,\n"
    );
    let j = judge(&log, date(2019, 3, 31)).unwrap();
    assert_eq!(j.items[0].due.due, date(2019, 1, 3));
    assert_eq!(
        (j.items[0].status, j.items[1].status),
        (Status::OnTime, Status::Late)
    );
}

#[test]
fn unanswered_items_are_late_once_due_and_open_before() {
    let log = format!(
        "{HEADER}\n法规处,consultation,C1,2026-06-01,,\n法规处,consultation,C2,2026-06-26,,\n法规处,consultation,C3,2026-06-20,2026-07-02,\n"
    );
    // Period ends Tuesday 2026-06-30. C1 was due 06-04: late. C2 (Friday
    // 06-26) is due 07-01: open. C3 was answered after the period: it
    // counts as unanswered, and its due date (06-24) has passed: late.
    let j = judge(&log, date(2026, 6, 30)).unwrap();
    let s: Vec<Status> = j.items.iter().map(|i| i.status).collect();
    assert_eq!(s, [Status::Late, Status::Open, Status::Late]);
    // The open item is not yet due: it is not counted as asked.
    let c = j.counts("法规处", leaf("consultation_replies"));
    assert_eq!((c.asked, c.answered, c.late, c.open), (2, 0, 2, 1));
    assert!(
        describe(&j.log.items[1], &j.items[1], j.period_end, Lang::Zh)
            .ends_with("截至 2026-06-30 未答复，尚未到期：不计入本期")
    );
}

#[test]
fn a_period_ending_on_31_december_needs_no_2027_calendar() {
    // Due dates are all known; only the working days counted up to the
    // period's end run into 29–31 December 2026.
    let log = format!(
        "{HEADER}\n法规处,consultation,C1,2026-02-13,,\n法规处,consultation,C2,2026-12-20,2026-12-21,\n"
    );
    let j = judge(&log, date(2026, 12, 31)).unwrap();
    assert_eq!((j.items[0].status, j.items[0].taken), (Status::Late, None));
    assert_eq!(j.items[1].status, Status::OnTime);
    assert!(
        describe(&j.log.items[0], &j.items[0], j.period_end, Lang::Zh)
            .ends_with("截至 2026-12-31 未答复：超期")
    );
    // A due date that is not known is still an error.
    let log = format!("{HEADER}\n法规处,consultation,C3,2026-12-24,,\n");
    assert!(problems(&log, date(2026, 12, 31))[0].contains("no working-day calendar for 2027"));
}

#[test]
fn a_log_without_items_is_refused() {
    let msgs = problems(&format!("{HEADER}\n"), date(2026, 12, 31));
    assert_eq!(
        msgs,
        ["log.csv:1: there is a header but no items (leave the item log out when there are none)"]
    );
}

#[test]
fn extensions() {
    // Requests allow an extension of at most 15 working days.
    let ok = format!("{HEADER}\n外资处,application,A1,2026-03-02,2026-04-10,2026-04-14\n");
    let j = judge(&ok, date(2026, 12, 1)).unwrap();
    assert_eq!(j.items[0].due.due, date(2026, 3, 23));
    assert_eq!(j.items[0].extension.map(|e| e.0), Some(date(2026, 4, 14)));
    assert_eq!(j.items[0].status, Status::OnTime);
    assert!(
        describe(&j.log.items[0], &j.items[0], j.period_end, Lang::Zh)
            .contains("延期至 2026-04-14（延长15个工作日）")
    );

    let too_long = format!("{HEADER}\n外资处,application,A1,2026-03-02,,2026-04-15\n");
    assert_eq!(
        problems(&too_long, date(2026, 12, 1)),
        [
            "log.csv:2, office 外资处, item A1: an extension of 16 working days; at most 15 are allowed"
        ]
    );
    let before = format!("{HEADER}\n外资处,application,A1,2026-03-02,,2026-03-10\n");
    assert!(problems(&before, date(2026, 12, 1))[0].contains("before the due date 2026-03-23"));
    let consult = format!("{HEADER}\n法规处,consultation,C1,2026-03-02,,2026-03-10\n");
    assert!(problems(&consult, date(2026, 12, 1))[0].contains("allows no extension"));
}

#[test]
fn a_2027_date_is_a_clear_error() {
    let log = format!("{HEADER}\n法规处,consultation,C1,2027-01-04,,\n");
    assert_eq!(
        problems(&log, date(2027, 3, 1)),
        [
            "log.csv:2, office 法规处, item C1: no working-day calendar for 2027 (2027-01-05): give the State Council's 2027 holiday notice as a calendar file (--calendar FILE)"
        ]
    );
    // With the year's file, it works.
    let r = rubric();
    let mut cal = Calendar::bundled();
    cal.add_holiday_cn_json(
        "2027.json",
        r#"{"year": 2027, "days": [{"name": "元旦", "date": "2027-01-01", "isOffDay": true}]}"#,
    )
    .unwrap();
    let j = ItemLog::from_table(&r, &table("log.csv", &log))
        .unwrap()
        .judge(&r, &cal, date(2027, 3, 1))
        .unwrap();
    assert_eq!(j.items[0].due.due, date(2027, 1, 7));
}

#[test]
fn bad_rows_are_located() {
    let log = format!(
        "{HEADER}\n法规处,consultation,C1,2026-13-01,,\n法规处,consultation,C2,2026-03-05,2026-03-04,\n法规处,consultaton,C3,2026-03-05,,\n,consultation,C4,2026-03-05,,\n法规处,consultation,C2,2026-03-06,,\n法规处,consultation,C6,2026-12-05,,\n"
    );
    let r = rubric();
    let err = ItemLog::from_table(&r, &table("log.csv", &log)).unwrap_err();
    let msgs: Vec<String> = err.errors.iter().map(|e| e.message(Lang::En)).collect();
    assert_eq!(
        msgs,
        [
            "log.csv:2:4 (column D), office 法规处, item C1: `2026-13-01` is not a date (write 2026-03-05, 2026/3/5 or 2026年3月5日)",
            "log.csv:3:5 (column E), office 法规处, item C2: answered 2026-03-04, before it was received (2026-03-05)",
            "log.csv:4:2 (column B), office 法规处, item C3: kind `consultaton` names no answer-rate indicator (did you mean `consultation`?)",
            "log.csv:5:1 (column A), item C4: office must not be blank",
            "log.csv:6:3 (column C), office 法规处, item C2: this item already appears on line 3",
        ]
    );
    // Received after the period's end.
    let later = format!("{HEADER}\n法规处,consultation,C6,2026-12-05,,\n");
    assert!(
        problems(&later, date(2026, 11, 30))[0].contains("after the period's end (2026-11-30)")
    );
    // Headers: Chinese accepted, unknown ones refused with a suggestion.
    let chinese = "处室,类别,编号,收到日期,答复日期\n法规处,咨询,C1,2026-03-02,2026-03-03\n";
    assert!(judge(chinese, date(2026, 12, 1)).is_ok());
    let wrong = "office,kind,item,recieved,answered\n";
    let msgs = problems(wrong, date(2026, 12, 1));
    assert!(
        msgs[0].contains("unknown column `recieved` (did you mean `received`?)"),
        "{msgs:?}"
    );
    assert!(
        msgs[1].contains("the column received / 收到日期 / 受理日期 is missing"),
        "{msgs:?}"
    );
}

/// A log implying given counts: on-time items, then late answers, then
/// unanswered (late by the period's end).
fn log_for(counts: &[(&str, &str, u32, u32, u32)]) -> String {
    let mut out = String::from(HEADER);
    for &(office, kind, asked, answered, late) in counts {
        let unanswered = asked - answered;
        let late_answered = late - unanswered;
        for i in 0..asked {
            // Received Monday 2026-03-02: consultations due 03-05, requests 03-23.
            let answered = if i < answered - late_answered {
                "2026-03-03"
            } else if i < answered {
                "2026-05-20"
            } else {
                ""
            };
            out.push_str(&format!(
                "\n{office},{kind},{kind}-{i},2026-03-02,{answered},"
            ));
        }
    }
    out
}

const DEPT6: &str = include_str!("../../tests/fixtures/dept6.csv");

#[test]
fn scores_from_a_log_equal_scores_from_the_counts_it_implies() {
    let r = rubric();
    let log = log_for(&[
        ("办公室", "consultation", 40, 40, 0),
        ("办公室", "application", 67, 67, 0),
        ("法规处", "consultation", 3, 2, 1),
        ("法规处", "application", 5, 5, 0),
        ("外资处", "consultation", 15, 14, 2),
        ("外资处", "application", 12, 11, 1),
        ("开发区处", "consultation", 8, 8, 0),
        ("开发区处", "application", 3, 3, 3),
        ("审批处", "consultation", 176, 170, 12),
    ]);
    let judged = ItemLog::from_table(&r, &table("log.csv", &log))
        .unwrap()
        .judge(&r, &Calendar::bundled(), date(2026, 12, 1))
        .unwrap();
    let typed = table("dept6.csv", DEPT6);
    let expected = score(&r, &Dataset::from_table(&r, &typed).unwrap()).unwrap();

    // 1. The typed counts agree with the log: accepted as they are.
    let filled = judged.fill_table(&r, &typed).unwrap();
    let card = score(&r, &Dataset::from_table(&r, &filled).unwrap()).unwrap();
    assert_eq!(card, expected);

    // 2. The counts left blank: filled from the log (信息中心 has no items:
    // zeros), same scores.
    let blanked: String = DEPT6
        .lines()
        .enumerate()
        .map(|(n, l)| {
            if n == 0 {
                return l.to_string();
            }
            let mut cells: Vec<&str> = l.split(',').collect();
            // The six answer-rate counts (columns I to N).
            for cell in &mut cells[8..=13] {
                *cell = "";
            }
            cells.join(",")
        })
        .collect::<Vec<_>>()
        .join("\n");
    let filled = judged
        .fill_table(&r, &table("blank.csv", &blanked))
        .unwrap();
    let card = score(&r, &Dataset::from_table(&r, &filled).unwrap()).unwrap();
    assert_eq!(card, expected);

    // 3. A typed count the log contradicts: an error, located in the data.
    let wrong = DEPT6.replace("法规处,6,3,2,9,0,2,1,3,2,1", "法规处,6,3,2,9,0,2,1,3,2,0");
    let err = judged
        .fill_table(&r, &table("dept6.csv", &wrong))
        .unwrap_err();
    assert_eq!(
        err.errors[0].message(Lang::En),
        "dept6.csv:3:11 (column K), office 法规处, input consultations_late (Consultations not answered within 3 working days): typed as 0, but the item log (log.csv) gives 1"
    );
}

#[test]
fn offices_of_the_log_must_be_in_the_data() {
    let r = rubric();
    let log = format!("{HEADER}\n法规科,consultation,C1,2026-03-02,2026-03-03,\n");
    let judged = ItemLog::from_table(&r, &table("log.csv", &log))
        .unwrap()
        .judge(&r, &Calendar::bundled(), date(2026, 12, 1))
        .unwrap();
    let err = judged
        .fill_table(&r, &table("dept6.csv", DEPT6))
        .unwrap_err();
    assert!(matches!(
        err.errors.last().unwrap().problem,
        ItemProblem::UnknownOffice { .. }
    ));
    assert!(
        err.errors
            .last()
            .unwrap()
            .message(Lang::Zh)
            .contains("是否应为“法规处”")
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// For any date and N, the due date is a working day and exactly N
    /// working days follow the receipt day up to it.
    #[test]
    fn due_dates_are_working_days_n_after_receipt(days in 0i32..7240, n in 1u32..40) {
        let cal = Calendar::bundled();
        let received = date(2007, 1, 1).checked_add(jiff::Span::new().days(days)).unwrap();
        let result = cal.due_date(received, n);
        // Only days past what the bundled notices cover may be unknown.
        if let Err(scoring_core::calendar::CalendarError::NotCovered { date: d, .. }) = &result {
            prop_assert!(*d >= date(2026, 12, 29), "{} should be covered", d);
        }
        if let Ok(due) = result {
            prop_assert!(cal.is_working_day(due.due).unwrap());
            let (count, _) = cal.working_days_between(received, due.due).unwrap();
            prop_assert_eq!(count, n);
            prop_assert!(due.due > received);
            // The day before the due date leaves one working day short.
            let (before, _) = cal.working_days_between(received, due.due.yesterday().unwrap()).unwrap();
            prop_assert_eq!(before, n - 1);
        }
    }
}

/// A leaf of the bundled rubric, by id.
fn leaf(id: &str) -> scoring_core::LeafIx {
    let rubric =
        scoring_core::Rubric::from_yaml("s", scoring_core::bundled::SHANDONG_2017).unwrap();
    rubric.find_leaf(id).unwrap().0
}

/// A request received on a day off says counting starts on the next
/// working day; a receipt or a due date on a weekend worked (调休上班) says
/// so, so that a Saturday or a Sunday is not taken for a mistake.
#[test]
fn a_receipt_on_a_day_off_and_a_due_date_on_a_weekend_worked_are_said() {
    let log = format!(
        "{HEADER}\n法规处,consultation,ZX0110,2026-02-14,,\n办公室,consultation,ZX0032,2026-09-16,2026-09-17,\n外资处,consultation,ZX9,2026-03-07,2026-03-09,\n"
    );
    let j = judge(&log, date(2026, 12, 31)).unwrap();
    // 2026-02-14, a Saturday worked before the Spring Festival.
    let worked = describe(&j.log.items[0], &j.items[0], j.period_end, Lang::Zh);
    assert!(
        worked.starts_with("收到 2026-02-14（周六，春节调休上班），期限 "),
        "{worked}"
    );
    // 2026-03-07, a plain Saturday.
    let off = describe(&j.log.items[2], &j.items[2], j.period_end, Lang::Zh);
    assert!(
        off.starts_with("收到 2026-03-07（周六，自下一个工作日起算），期限 "),
        "{off}"
    );
    let en = describe(&j.log.items[2], &j.items[2], j.period_end, Lang::En);
    assert!(
        en.starts_with("received 2026-03-07 (Saturday: counted from the next working day), due "),
        "{en}"
    );
    let due = &j.items[1].due.due_day;
    assert_eq!(
        due.date,
        date(2026, 9, 20),
        "a Sunday worked before the Mid-Autumn and National Day holidays"
    );
    assert!(due.is_working(), "{due:?}");
    let why = describe(&j.log.items[1], &j.items[1], j.period_end, Lang::Zh);
    if matches!(
        due.date.weekday(),
        jiff::civil::Weekday::Saturday | jiff::civil::Weekday::Sunday
    ) {
        assert!(why.contains("调休上班；3个工作日"), "{why}");
    } else {
        assert!(why.contains("（3个工作日"), "{why}");
    }
}

#[test]
fn an_office_renamed_takes_its_items_with_it_and_no_other_office_s() {
    let log = "\n处室,类别,事项编号,收到日期,答复日期\n外资处,application,A1,2026-09-30,2026-10-27\n 外资处 ,consultation,C1,2026-03-02,2026-03-03\n法规处,application,A2,2026-09-30,\n";
    let t = table("log.csv", log);
    let renamed = ItemLog::renamed_office(&t, "外资处 ", "外资管理处").unwrap();
    let offices: Vec<&str> = renamed.rows[2..]
        .iter()
        .map(|r| r.cell(0).unwrap())
        .collect();
    assert_eq!(offices, ["外资管理处", "外资管理处", "法规处"]);
    // The rest of each row, and every line number, as they were.
    assert_eq!(renamed.rows[2].cell(2), Some("A1"));
    assert_eq!(
        renamed.rows.iter().map(|r| r.line).collect::<Vec<_>>(),
        t.rows.iter().map(|r| r.line).collect::<Vec<_>>()
    );
    let j = ItemLog::from_table(&rubric(), &renamed)
        .unwrap()
        .judge(&rubric(), &Calendar::bundled(), date(2026, 12, 20))
        .unwrap();
    assert_eq!(j.counts("外资管理处", leaf("application_replies")).asked, 1);
    assert_eq!(j.counts("外资处", leaf("application_replies")).asked, 0);
    // No item of that office, or no office column: nothing to rename.
    assert!(ItemLog::renamed_office(&t, "办公室", "综合处").is_none());
    assert!(ItemLog::renamed_office(&table("x.csv", "a,b\n外资处,1"), "外资处", "y").is_none());
}

#[test]
fn the_log_s_count_for_an_input_is_its_indicator_s() {
    let log = format!(
        "{HEADER}\n外资处,application,A1,2026-09-30,2026-10-27,\n外资处,application,A2,2026-09-30,2026-10-28,\n外资处,consultation,C1,2026-03-02,,\n"
    );
    let r = rubric();
    let j = judge(&log, date(2026, 12, 20)).unwrap();
    assert_eq!(j.count_of(&r, "外资处", "applications_asked"), Some(2));
    assert_eq!(j.count_of(&r, "外资处", "applications_late"), Some(1));
    assert_eq!(
        j.count_of(&r, " 外资处 ", "consultations_answered"),
        Some(0)
    );
    // An office without items: none of each.
    assert_eq!(j.count_of(&r, "法规处", "applications_asked"), Some(0));
    // Not a count the log gives.
    assert_eq!(j.count_of(&r, "外资处", "site_items"), None);
}
