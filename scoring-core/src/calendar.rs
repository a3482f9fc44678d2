//! Chinese working days: weekends, public holidays and make-up working days
//! (调休), from the State Council's yearly notices.
//!
//! Rules, written down (and tested):
//!
//! - A day is a working day if it is Monday to Friday and not an announced
//!   off day, or if it is an announced make-up working day (a Saturday or
//!   Sunday worked instead of a holiday). Local overrides (a department's
//!   own closure days, from the rubric) come on top.
//! - **Never a guess.** Only years whose notice is loaded are known: asking
//!   about any other year is an error ("no working-day calendar for 2027"),
//!   never a Monday-to-Friday approximation. Because a notice can move the
//!   last days of the previous December (2008's moved 2007-12-29…31), the
//!   days from 29 to 31 December of year *Y* are known only once the notice
//!   for *Y* + 1 is loaded too.
//! - The day of receipt does not count. The due date is the *N*-th working
//!   day after it. An answer on or before the due date is on time; after it,
//!   late (by date: an answer on the Saturday after a Friday due date is
//!   late).
//!
//! The bundled data is the holiday-cn data set (MIT, `data/holiday-cn/`),
//! 2007–2026. More years are added with [`Calendar::add_holiday_cn_json`],
//! which takes files of the same format.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use jiff::civil::{Date, Weekday};
use serde::Deserialize;

use crate::diagnostic::{Diagnostic, serialize_as_diagnostics};
use crate::lang::Lang;

/// Parses a date as assessors write it: `2026-03-05`, `2026/3/5`,
/// `2026.3.5` or `2026年3月5日`. `None` if it is not a real date.
pub fn parse_date(text: &str) -> Option<Date> {
    let t = text.trim();
    let t = t.strip_suffix('日').unwrap_or(t);
    let parts: Vec<&str> = t.split(['-', '/', '.', '年', '月']).collect();
    let [y, m, d] = parts.as_slice() else {
        return None;
    };
    let all_digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    if !(all_digits(y) && all_digits(m) && all_digits(d))
        || y.len() != 4
        || m.len() > 2
        || d.len() > 2
    {
        return None;
    }
    Date::new(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?).ok()
}

/// What kind of day a date is.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum DayKind {
    /// Monday to Friday, nothing announced.
    Workday,
    /// Saturday or Sunday, nothing announced.
    Weekend,
    /// An announced off day (春节, 国庆节…).
    Holiday(String),
    /// A Saturday or Sunday worked instead of a holiday (调休上班).
    MakeUpWorkday(String),
    /// A department's own closure day (from the rubric).
    Closure(String),
    /// A department's own extra working day (from the rubric).
    ExtraWorkday(String),
}

/// One date and what it is.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Day {
    /// The date.
    pub date: Date,
    /// Its kind.
    pub kind: DayKind,
}

impl Day {
    /// Whether work is done on this day.
    pub fn is_working(&self) -> bool {
        matches!(
            self.kind,
            DayKind::Workday | DayKind::MakeUpWorkday(_) | DayKind::ExtraWorkday(_)
        )
    }

    /// Why the day is what it is, in `lang` (`国庆节`, `周六`, `调休上班（国庆节）`).
    pub fn reason(&self, lang: Lang) -> String {
        match (&self.kind, lang) {
            (DayKind::Workday, Lang::Zh) => "工作日".into(),
            (DayKind::Workday, Lang::En) => "working day".into(),
            (DayKind::Weekend, _) => weekday_name(self.date.weekday(), lang).into(),
            (DayKind::Holiday(n), Lang::Zh) => format!("{n}假期"),
            (DayKind::Holiday(n), Lang::En) => format!("{} holiday", holiday_en(n)),
            (DayKind::MakeUpWorkday(n), Lang::Zh) => format!("{n}调休上班"),
            (DayKind::MakeUpWorkday(n), Lang::En) => {
                format!("make-up working day ({})", holiday_en(n))
            }
            (DayKind::Closure(n), Lang::Zh) => format!("本单位休息：{n}"),
            (DayKind::Closure(n), Lang::En) => format!("closed: {n}"),
            (DayKind::ExtraWorkday(n), Lang::Zh) => format!("本单位上班：{n}"),
            (DayKind::ExtraWorkday(n), Lang::En) => format!("extra working day: {n}"),
        }
    }
}

/// The English name of a holiday named in a State Council notice (the
/// Chinese name when it is not one of the usual ones).
pub(crate) fn holiday_en(name: &str) -> &str {
    match name {
        "元旦" => "New Year's Day",
        "春节" => "Spring Festival",
        "清明节" => "Qingming Festival",
        "劳动节" => "Labour Day",
        "端午节" => "Dragon Boat Festival",
        "中秋节" => "Mid-Autumn Festival",
        "国庆节" => "National Day",
        "抗日战争暨世界反法西斯战争胜利70周年纪念日" => {
            "Victory Day (70th anniversary)"
        }
        other => other,
    }
}

/// The weekday's name (`周六`, `Saturday`).
pub fn weekday_name(w: Weekday, lang: Lang) -> &'static str {
    let i = w.to_monday_zero_offset() as usize;
    match lang {
        Lang::Zh => ["周一", "周二", "周三", "周四", "周五", "周六", "周日"][i],
        Lang::En => [
            "Monday",
            "Tuesday",
            "Wednesday",
            "Thursday",
            "Friday",
            "Saturday",
            "Sunday",
        ][i],
    }
}

/// A calendar question that cannot be answered.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CalendarError {
    /// No notice is loaded for this year.
    #[error("{}", self.message(Lang::En))]
    NotCovered {
        /// The year missing.
        year: i16,
        /// The date asked about.
        date: Date,
    },
    /// A year no calendar can hold.
    #[error("{}", self.message(Lang::En))]
    NoSuchYear {
        /// The year asked about.
        year: i32,
    },
    /// A calendar file could not be read.
    #[error("{}", self.message(Lang::En))]
    BadFile {
        /// The file.
        file: String,
        /// What is wrong.
        detail: String,
    },
}

impl CalendarError {
    /// A stable code for this kind of problem (`calendar.not_covered`…),
    /// listed in `docs/errors.md`.
    pub fn code(&self) -> &'static str {
        match self {
            CalendarError::NotCovered { .. } => "calendar.not_covered",
            CalendarError::NoSuchYear { .. } => "calendar.no_such_year",
            CalendarError::BadFile { .. } => "calendar.bad_file",
        }
    }
}

impl CalendarError {
    /// The error as data: its code and message in both languages.
    pub fn diagnostic(&self) -> Diagnostic {
        let mut d = Diagnostic::new(self.code(), |lang| self.message(lang));
        if let CalendarError::BadFile { file, .. } = self {
            d.file = Some(file.clone());
        }
        d
    }

    /// The error in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (CalendarError::NotCovered { year, date }, Lang::Zh) => {
                if date.year() == *year {
                    format!(
                        "没有{year}年的工作日历（{date}）：请提供{year}年国务院节假日安排（--calendar 文件）"
                    )
                } else {
                    format!(
                        "没有{year}年的工作日历：{date} 可能受{year}年节假日安排调整（元旦调休），请提供该年的日历文件"
                    )
                }
            }
            (CalendarError::NotCovered { year, date }, Lang::En) => {
                if date.year() == *year {
                    format!(
                        "no working-day calendar for {year} ({date}): give the State Council's {year} holiday notice as a calendar file (--calendar FILE)"
                    )
                } else {
                    format!(
                        "no working-day calendar for {year}: {date} may be moved by {year}'s New Year arrangements; give that year's calendar file"
                    )
                }
            }
            (CalendarError::NoSuchYear { year }, Lang::Zh) => format!("{year} 不是有效的年份"),
            (CalendarError::NoSuchYear { year }, Lang::En) => format!("{year} is not a valid year"),
            (CalendarError::BadFile { file, detail }, Lang::Zh) => {
                format!("{file}：日历文件无法读取：{detail}")
            }
            (CalendarError::BadFile { file, detail }, Lang::En) => {
                format!("{file}: cannot read the calendar file: {detail}")
            }
        }
    }
}

/// An announced day.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Mark {
    off: bool,
    name: String,
    local: bool,
}

/// A due date and how it was reached.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DueDate {
    /// The day of receipt (not counted).
    pub received: Date,
    /// Working days allowed.
    pub working_days: u32,
    /// The due date: the last working day allowed.
    pub due: Date,
    /// Days between receipt and due date that were not counted, and why.
    pub skipped: Vec<Day>,
    /// What the day of receipt was (a Saturday, a holiday…: counting
    /// starts on the next working day).
    pub received_day: Day,
    /// What the due date is (a make-up working day on a weekend is said).
    pub due_day: Day,
}

/// Working days, as announced.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Calendar {
    marks: BTreeMap<Date, Mark>,
    notice_years: BTreeSet<i16>,
}

#[derive(Deserialize)]
struct HolidayFile {
    year: i16,
    days: Vec<HolidayDay>,
}

#[derive(Deserialize)]
struct HolidayDay {
    name: String,
    date: String,
    #[serde(rename = "isOffDay")]
    is_off_day: bool,
}

macro_rules! bundled_years {
    ($($year:literal),*) => {
        /// The bundled holiday-cn files: `(file name, JSON text)`.
        pub const BUNDLED: &[(&str, &str)] = &[
            $((concat!($year, ".json"), include_str!(concat!("../data/holiday-cn/", $year, ".json"))),)*
        ];
    };
}

bundled_years!(
    2007, 2008, 2009, 2010, 2011, 2012, 2013, 2014, 2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022,
    2023, 2024, 2025, 2026
);

impl Calendar {
    /// A calendar that knows no year.
    pub fn empty() -> Calendar {
        Calendar::default()
    }

    /// The bundled calendar: every State Council notice from 2007 to 2026.
    pub fn bundled() -> Calendar {
        let mut c = Calendar::empty();
        for (file, text) in BUNDLED {
            // The bundled files are checked by the test suite.
            let _ = c.add_holiday_cn_json(file, text);
        }
        c
    }

    /// Adds one year's notice in the holiday-cn JSON format:
    /// `{"year": 2027, "days": [{"name": "元旦", "date": "2027-01-01",
    /// "isOffDay": true}, …]}`. Days are merged by date, later files
    /// winning.
    pub fn add_holiday_cn_json(&mut self, file: &str, text: &str) -> Result<i16, CalendarError> {
        let bad = |detail: String| CalendarError::BadFile {
            file: file.to_string(),
            detail,
        };
        let parsed: HolidayFile = serde_json::from_str(text)
            .map_err(|e| bad(format!("line {}, column {}: {e}", e.line(), e.column())))?;
        // A year with no announced day is not a notice: never a
        // weekends-only year by accident.
        if parsed.days.is_empty() {
            return Err(bad(format!("no day is announced for {}", parsed.year)));
        }
        let mut marks: BTreeMap<Date, Mark> = BTreeMap::new();
        for (i, d) in parsed.days.iter().enumerate() {
            // Exactly YYYY-MM-DD, as the notices' files write dates (read
            // without jiff's strptime: its parser and messages are a
            // tenth of jiff's size in the web page).
            let date = (d.date.len() == 10
                && d.date.as_bytes()[4] == b'-'
                && d.date.as_bytes()[7] == b'-')
                .then(|| parse_date(&d.date))
                .flatten()
                .ok_or_else(|| bad(format!("days[{i}]: `{}` is not a date", d.date)))?;
            // A notice for year Y announces days of Y, and at most the last
            // days of December of Y − 1 (for New Year).
            let spill = date.year() + 1 == parsed.year && date.month() == 12 && date.day() >= 29;
            if date.year() != parsed.year && !spill {
                return Err(bad(format!(
                    "days[{i}]: {} cannot be in the notice for {}",
                    d.date, parsed.year
                )));
            }
            let mark = Mark {
                off: d.is_off_day,
                name: d.name.clone(),
                local: false,
            };
            if let Some(prev) = marks.get(&date)
                && prev.off != mark.off
            {
                return Err(bad(format!(
                    "days[{i}]: {} is announced twice, off and working",
                    d.date
                )));
            }
            // Another year's notice must not be contradicted.
            if let Some(prev) = self.marks.get(&date)
                && !prev.local
                && prev.off != mark.off
                && !self.notice_years.contains(&parsed.year)
            {
                return Err(bad(format!(
                    "days[{i}]: {} contradicts an earlier notice ({})",
                    d.date, prev.name
                )));
            }
            marks.insert(date, mark);
        }
        self.marks.extend(marks);
        self.notice_years.insert(parsed.year);
        Ok(parsed.year)
    }

    /// Adds a local override: a closure day (`off`) or an extra working day.
    /// It does not make a year known.
    pub fn add_override(&mut self, date: Date, off: bool, name: &str) {
        self.marks.insert(
            date,
            Mark {
                off,
                name: name.to_string(),
                local: true,
            },
        );
    }

    /// The years whose notices are loaded.
    pub fn years(&self) -> impl Iterator<Item = i16> + '_ {
        self.notice_years.iter().copied()
    }

    /// Whether a date is known, or which year's notice is missing.
    pub fn check(&self, date: Date) -> Result<(), CalendarError> {
        let year = date.year();
        if !self.notice_years.contains(&year) {
            return Err(CalendarError::NotCovered { year, date });
        }
        if date.month() == 12 && date.day() >= 29 && !self.notice_years.contains(&(year + 1)) {
            return Err(CalendarError::NotCovered {
                year: year + 1,
                date,
            });
        }
        Ok(())
    }

    /// What a date is.
    pub fn day(&self, date: Date) -> Result<Day, CalendarError> {
        self.check(date)?;
        let weekend = matches!(date.weekday(), Weekday::Saturday | Weekday::Sunday);
        let kind = match self.marks.get(&date) {
            Some(m) if m.local && m.off => DayKind::Closure(m.name.clone()),
            Some(m) if m.local => DayKind::ExtraWorkday(m.name.clone()),
            Some(m) if m.off => DayKind::Holiday(m.name.clone()),
            Some(m) => DayKind::MakeUpWorkday(m.name.clone()),
            None if weekend => DayKind::Weekend,
            None => DayKind::Workday,
        };
        Ok(Day { date, kind })
    }

    /// Whether work is done on a date.
    pub fn is_working_day(&self, date: Date) -> Result<bool, CalendarError> {
        Ok(self.day(date)?.is_working())
    }

    /// The `n`-th working day after `received` (which does not count), with
    /// the days skipped on the way.
    pub fn due_date(&self, received: Date, n: u32) -> Result<DueDate, CalendarError> {
        let (due, _, skipped) = self.walk(received, |counted, _| counted < n)?;
        Ok(DueDate {
            received,
            working_days: n,
            due,
            skipped,
            received_day: self.day(received)?,
            due_day: self.day(due)?,
        })
    }

    /// Working days after `from` up to and including `to` (0 if `to` is not
    /// after `from`), with the days not counted.
    pub fn working_days_between(
        &self,
        from: Date,
        to: Date,
    ) -> Result<(u32, Vec<Day>), CalendarError> {
        let (_, counted, skipped) = self.walk(from, |_, date| date < to)?;
        Ok((counted, skipped))
    }

    /// Steps day by day after `from` while `go(working days counted so far,
    /// date reached)` holds: the date reached, the working days counted and
    /// the days that were not.
    fn walk(
        &self,
        from: Date,
        go: impl Fn(u32, Date) -> bool,
    ) -> Result<(Date, u32, Vec<Day>), CalendarError> {
        let (mut date, mut counted, mut skipped) = (from, 0, Vec::new());
        while go(counted, date) {
            date = date.tomorrow().map_err(|_| CalendarError::NotCovered {
                year: from.year(),
                date: from,
            })?;
            let day = self.day(date)?;
            if day.is_working() {
                counted += 1;
            } else {
                skipped.push(day);
            }
        }
        Ok((date, counted, skipped))
    }

    /// A year's announced days (off days and make-up working days, and any
    /// local overrides), in date order.
    pub fn announced(&self, year: i16) -> Result<Vec<Day>, CalendarError> {
        let first = Date::new(year, 1, 1).map_err(|_| CalendarError::NoSuchYear {
            year: i32::from(year),
        })?;
        self.check(first)?;
        let last = Date::new(year, 12, 31).unwrap_or(first);
        self.marks
            .range(first..=last)
            .map(|(&date, _)| {
                self.day(date).or_else(|_| {
                    // Late December of a year whose successor is missing: still
                    // list what this year's own notice says.
                    let m = &self.marks[&date];
                    Ok(Day {
                        date,
                        kind: if m.off {
                            DayKind::Holiday(m.name.clone())
                        } else {
                            DayKind::MakeUpWorkday(m.name.clone())
                        },
                    })
                })
            })
            .collect()
    }
}

/// Groups consecutive days of the same reason: `10月1日–7日 国庆节假期`.
pub fn describe_days(days: &[Day], lang: Lang) -> String {
    let mut groups: Vec<(Date, Date, String)> = Vec::new();
    for d in days {
        let reason = d.reason(lang);
        match groups.last_mut() {
            Some((_, end, r)) if *r == reason && end.tomorrow().ok() == Some(d.date) => {
                *end = d.date
            }
            _ => groups.push((d.date, d.date, reason)),
        }
    }
    let fmt_day = |d: Date| match lang {
        Lang::Zh => format!("{}月{}日", d.month(), d.day()),
        Lang::En => d.to_string(),
    };
    let sep = match lang {
        Lang::Zh => "，",
        Lang::En => "; ",
    };
    groups
        .iter()
        .map(|(a, b, r)| {
            if a == b {
                format!("{} {r}", fmt_day(*a))
            } else if lang == Lang::Zh && a.month() == b.month() {
                format!("{}–{}日 {r}", fmt_day(*a), b.day())
            } else {
                format!("{}–{} {r}", fmt_day(*a), fmt_day(*b))
            }
        })
        .collect::<Vec<_>>()
        .join(sep)
}

impl fmt::Display for Day {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.date, self.reason(Lang::En))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn cal() -> Calendar {
        Calendar::bundled()
    }

    #[test]
    fn every_bundled_file_reads() {
        let mut c = Calendar::empty();
        for (file, text) in BUNDLED {
            c.add_holiday_cn_json(file, text).unwrap();
        }
        assert_eq!(
            c.years().collect::<Vec<_>>(),
            (2007..=2026).collect::<Vec<_>>()
        );
    }

    #[test]
    fn dates_as_assessors_write_them() {
        for t in [
            "2026-03-05",
            "2026/3/5",
            "2026.3.5",
            "2026年3月5日",
            " 2026-3-05 ",
        ] {
            assert_eq!(parse_date(t), Some(date(2026, 3, 5)), "{t}");
        }
        for t in [
            "2026-02-30",
            "26/3/5",
            "2026-3",
            "5/3/2026",
            "",
            "abc",
            "2026-03-05x",
        ] {
            assert_eq!(parse_date(t), None, "{t}");
        }
    }

    #[test]
    fn national_day_2026_with_its_make_up_saturdays() {
        let c = cal();
        // 2026-09-20 (Sunday) and 2026-10-10 (Saturday) are worked.
        assert!(c.is_working_day(date(2026, 9, 20)).unwrap());
        assert!(c.is_working_day(date(2026, 10, 10)).unwrap());
        for d in 1..=7 {
            assert!(!c.is_working_day(date(2026, 10, d)).unwrap(), "10-{d}");
        }
        // Received the day before the long holiday.
        let due = c.due_date(date(2026, 9, 30), 15).unwrap();
        assert_eq!(due.due, date(2026, 10, 27));
        assert_eq!(
            describe_days(&due.skipped, Lang::Zh),
            "10月1日–7日 国庆节假期，10月11日 周日，10月17日 周六，10月18日 周日，10月24日 周六，10月25日 周日"
        );
    }

    #[test]
    fn spring_festival_2026() {
        let c = cal();
        // 2026-02-14 (Saturday) and 02-28 (Saturday) are make-up working days;
        // 02-15 … 02-23 are off.
        assert_eq!(
            c.day(date(2026, 2, 14)).unwrap().kind,
            DayKind::MakeUpWorkday("春节".into())
        );
        assert!(c.is_working_day(date(2026, 2, 28)).unwrap());
        let due = c.due_date(date(2026, 2, 13), 3).unwrap();
        // Sat 14 (worked) = 1, then 15–23 off, Tue 24 = 2, Wed 25 = 3.
        assert_eq!(due.due, date(2026, 2, 25));
        assert_eq!(due.skipped.len(), 9);
    }

    #[test]
    fn the_receipt_day_does_not_count_and_the_due_date_is_a_working_day() {
        let c = cal();
        // Monday 2026-03-02, 3 working days: Tue, Wed, Thu.
        assert_eq!(
            c.due_date(date(2026, 3, 2), 3).unwrap().due,
            date(2026, 3, 5)
        );
        // Received on a Saturday: Mon, Tue, Wed.
        assert_eq!(
            c.due_date(date(2026, 3, 7), 3).unwrap().due,
            date(2026, 3, 11)
        );
    }

    #[test]
    fn year_crossing_december_files_merge() {
        let c = cal();
        // 2018-12-29 (Saturday) was worked; 12-30 and 12-31 were off: all
        // from 2019.json.
        assert!(c.is_working_day(date(2018, 12, 29)).unwrap());
        assert!(!c.is_working_day(date(2018, 12, 31)).unwrap());
        assert!(!c.is_working_day(date(2019, 1, 1)).unwrap());
        let due = c.due_date(date(2018, 12, 28), 3).unwrap();
        // Sat 29 (worked) = 1, 30–31 and 01-01 off, Wed 01-02 = 2, Thu 01-03 = 3.
        assert_eq!(due.due, date(2019, 1, 3));
    }

    #[test]
    fn a_year_not_covered_is_an_error_never_a_guess() {
        let c = cal();
        let err = c.day(date(2027, 3, 1)).unwrap_err();
        assert_eq!(
            err,
            CalendarError::NotCovered {
                year: 2027,
                date: date(2027, 3, 1)
            }
        );
        assert!(
            err.message(Lang::En)
                .starts_with("no working-day calendar for 2027")
        );
        assert!(err.message(Lang::Zh).starts_with("没有2027年的工作日历"));
        // Late December 2026 waits for the 2027 notice.
        assert!(c.day(date(2026, 12, 29)).is_err());
        assert!(c.day(date(2026, 12, 28)).is_ok());
        // A due date running into 2027 is an error too.
        assert!(c.due_date(date(2026, 12, 24), 5).is_err());
        assert!(c.day(date(2006, 12, 1)).is_err());
    }

    #[test]
    fn a_user_file_adds_a_year() {
        let mut c = cal();
        let file = r#"{"year": 2027, "papers": [], "days": [
            {"name": "元旦", "date": "2027-01-01", "isOffDay": true},
            {"name": "春节", "date": "2027-02-06", "isOffDay": false}
        ]}"#;
        assert_eq!(c.add_holiday_cn_json("2027.json", file), Ok(2027));
        assert!(!c.is_working_day(date(2027, 1, 1)).unwrap());
        assert!(c.is_working_day(date(2027, 2, 6)).unwrap());
        assert!(c.day(date(2026, 12, 30)).is_ok());
        let err = c.add_holiday_cn_json("bad.json", "{\"year\": 2028, \"days\": [{\"name\": \"x\", \"date\": \"2028-13-01\", \"isOffDay\": true}]}");
        assert!(matches!(err, Err(CalendarError::BadFile { .. })));
        assert!(c.add_holiday_cn_json("bad.json", "not json").is_err());
        // A notice announcing nothing, a day of another year, a day twice, a
        // day contradicting another year's notice: refused.
        let file = |year: i32, days: &str| format!(r#"{{"year": {year}, "days": [{days}]}}"#);
        let day =
            |d: &str, off: bool| format!(r#"{{"name": "x", "date": "{d}", "isOffDay": {off}}}"#);
        for (text, why) in [
            (file(2028, ""), "no day is announced"),
            (
                file(2028, &day("2026-05-01", false)),
                "cannot be in the notice for 2028",
            ),
            (
                file(
                    2028,
                    &format!("{},{}", day("2028-01-01", true), day("2028-01-01", false)),
                ),
                "announced twice",
            ),
            (file(2027, &day("2026-12-30", false)), ""),
        ] {
            let mut c = Calendar::bundled();
            let r = c.add_holiday_cn_json("f.json", &text);
            if why.is_empty() {
                assert!(r.is_ok(), "{text}");
            } else {
                assert!(r.unwrap_err().message(Lang::En).contains(why), "{text}");
            }
        }
        assert!(matches!(
            Calendar::bundled().announced(32767),
            Err(CalendarError::NoSuchYear { .. })
        ));
    }

    #[test]
    fn local_closures() {
        let mut c = cal();
        c.add_override(date(2026, 3, 6), true, "系统维护");
        assert!(!c.is_working_day(date(2026, 3, 6)).unwrap());
        assert_eq!(
            c.day(date(2026, 3, 6)).unwrap().reason(Lang::Zh),
            "本单位休息：系统维护"
        );
    }

    #[test]
    fn announced_days_of_2026() {
        let days = cal().announced(2026).unwrap();
        let off = days.iter().filter(|d| !d.is_working()).count();
        let work = days.iter().filter(|d| d.is_working()).count();
        // The 2026 notice: 元旦 3, 春节 9, 清明 3, 劳动节 5, 端午 3, 中秋 3,
        // 国庆 7 off days; 01-04, 02-14, 02-28, 05-09, 09-20, 10-10 worked.
        assert_eq!((off, work), (33, 6));
        assert!(cal().announced(2027).is_err());
    }
}

serialize_as_diagnostics!(one: CalendarError);
