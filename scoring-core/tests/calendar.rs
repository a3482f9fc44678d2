//! The bundled 2026 calendar against the State Council's notice
//! (国务院办公厅关于2026年部分节假日安排的通知), day by day.

use jiff::civil::{Date, Weekday, date};
use scoring_core::calendar::{Calendar, CalendarError};

/// The notice, transcribed: off days, and weekend days worked instead.
const OFF: &[(i8, i8, i8)] = &[
    // 元旦: 1月1日至3日放假
    (1, 1, 3),
    // 春节: 2月15日至23日放假
    (2, 15, 23),
    // 清明节: 4月4日至6日放假
    (4, 4, 6),
    // 劳动节: 5月1日至5日放假
    (5, 1, 5),
    // 端午节: 6月19日至21日放假
    (6, 19, 21),
    // 中秋节: 9月25日至27日放假
    (9, 25, 27),
    // 国庆节: 10月1日至7日放假
    (10, 1, 7),
];
const WORKED: &[(i8, i8)] = &[(1, 4), (2, 14), (2, 28), (5, 9), (9, 20), (10, 10)];

fn expected_working(d: Date) -> bool {
    if WORKED.contains(&(d.month(), d.day())) {
        return true;
    }
    if OFF
        .iter()
        .any(|&(m, a, b)| d.month() == m && (a..=b).contains(&d.day()))
    {
        return false;
    }
    !matches!(d.weekday(), Weekday::Saturday | Weekday::Sunday)
}

#[test]
fn the_2026_calendar_agrees_with_the_notice_on_every_day() {
    let cal = Calendar::bundled();
    let mut d = date(2026, 1, 1);
    let mut checked = 0;
    while d <= date(2026, 12, 28) {
        assert_eq!(cal.is_working_day(d).unwrap(), expected_working(d), "{d}");
        checked += 1;
        d = d.tomorrow().unwrap();
    }
    assert_eq!(checked, 362);
    // 29–31 December may be moved by the 2027 notice, which is not bundled:
    // an error, not a guess.
    for day in 29..=31 {
        assert!(matches!(
            cal.is_working_day(date(2026, 12, day)),
            Err(CalendarError::NotCovered { year: 2027, .. })
        ));
    }
}
