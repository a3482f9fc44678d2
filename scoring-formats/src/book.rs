//! Workbooks as plain data: what each sheet holds, cell by cell, before
//! any XLSX code sees it.
//!
//! The builders here ([`results_book`], [`data_book`], [`template_book`],
//! [`item_log_template_book`]) decide every cell of the workbooks the
//! project writes; [`crate::xlsx::write_book`] only turns a [`Book`] into
//! XLSX bytes. The split lets the web page build a workbook with its own
//! code and hand it, as JSON, to the XLSX module it fetches only when an
//! assessor exports a workbook (docs/deploy.md): the page's first visit
//! does not download XLSX code it may never use.
//!
//! XLSX stores every number as a binary double. Published figures
//! (already rounded to the rubric's precision) are stored as numbers
//! formatted to that precision, so that Excel can sort and sum them; the
//! exact figures stay in the CSV and JSON outputs. A [`Cell::Number`]
//! keeps its decimal until the writer converts it.

use rust_decimal::Decimal;
use scoring_core::items::{Judgement, Status};
use scoring_core::{Dataset, Lang, Rubric, Scorecard, explain};
use serde::{Deserialize, Serialize};

use crate::csv_out::{ResultCell, Stamp, results_cells, results_header, template_header};

/// A workbook: its sheets, in order.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Book {
    /// The sheets, first one shown first.
    pub sheets: Vec<Sheet>,
}

/// One sheet: rows of cells from the top-left corner, column widths and
/// frozen panes.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Sheet {
    /// The sheet's tab name.
    pub name: String,
    /// The rows from row 1, cells from column A.
    pub rows: Vec<Vec<Cell>>,
    /// Column widths in characters, by 0-based column.
    pub widths: Vec<(u16, u16)>,
    /// Rows and columns frozen above and left of the scrolling part.
    pub freeze: Option<(u32, u16)>,
    /// Protected: only [`Cell::Input`] cells can be changed (no password:
    /// protection keeps mistakes out, it is no security).
    #[serde(default)]
    pub protect: bool,
    /// Columns kept but not shown (0-based).
    #[serde(default)]
    pub hidden: Vec<u16>,
    /// Row heights in points, by 0-based row (others: the default).
    #[serde(default)]
    pub heights: Vec<(u32, u16)>,
    /// Columns whose text wraps within the column's width (0-based).
    #[serde(default)]
    pub wrap: Vec<u16>,
    /// How it prints, where it matters.
    #[serde(default)]
    pub print: Option<Print>,
    /// Notes on cells (row, column, 0-based; the text), shown on hover.
    #[serde(default)]
    pub notes: Vec<(u32, u16, String)>,
}

/// How a sheet prints (on A4).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Print {
    /// Across the page rather than down.
    pub landscape: bool,
    /// Every column on the page's width (as many pages down as it takes).
    pub fit_width: bool,
    /// Rows (first, last; 0-based) printed at the top of every page.
    pub repeat_rows: Option<(u32, u32)>,
}

/// One cell.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Cell {
    /// Nothing written.
    #[default]
    Empty,
    /// Text, never evaluated as a formula.
    Text(String),
    /// A column header: bold text (centred with `centred`).
    Header {
        /// The header's text.
        text: String,
        /// Centred in its column.
        centred: bool,
    },
    /// A number, shown with `decimals` places (`None`: Excel's General).
    Number {
        /// The exact value.
        value: Decimal,
        /// Places shown.
        decimals: Option<u32>,
    },
    /// A cell for a person to fill in: left unlocked on a protected
    /// sheet, with the spreadsheet's own check of what may be typed.
    Input {
        /// What it holds already (a number is written as a number).
        value: String,
        /// What may be typed.
        check: Check,
    },
}

/// What a spreadsheet program lets be typed into an [`Cell::Input`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Check {
    /// Anything (a note, a link).
    Text,
    /// A whole number ≥ 0.
    WholeNumber,
    /// A number ≥ 0.
    Number,
    /// One of these texts.
    OneOf(Vec<String>),
}

impl Cell {
    /// A text cell.
    pub fn text(text: impl Into<String>) -> Cell {
        Cell::Text(text.into())
    }

    /// A bold header cell.
    pub fn header(text: impl Into<String>) -> Cell {
        Cell::Header {
            text: text.into(),
            centred: false,
        }
    }
}

impl Sheet {
    fn new(name: &str) -> Sheet {
        Sheet {
            name: name.to_string(),
            ..Sheet::default()
        }
    }

    fn width(&mut self, col: u16, width: u16) {
        self.widths.push((col, width));
    }
}

fn caption(rubric: &Rubric, stamp: &Stamp, info: &ExportInfo, lang: Lang) -> String {
    let short = scoring_core::fingerprint::short(&stamp.fingerprint);
    let mut s = match lang {
        Lang::Zh => format!(
            "评分细则：{}（{}，版本 {}，指纹 {short}）",
            rubric.title().get(lang),
            rubric.id(),
            rubric.version()
        ),
        Lang::En => format!(
            "Rubric: {} ({}, version {}, fingerprint {short})",
            rubric.title().get(lang),
            rubric.id(),
            rubric.version()
        ),
    };
    if !info.title.is_empty() {
        s = format!("{} — {s}", info.title);
    }
    if !info.date.is_empty() {
        s.push_str(&match lang {
            Lang::Zh => format!("；导出日期 {}", info.date),
            Lang::En => format!("; exported {}", info.date),
        });
    }
    s
}

/// What an export says about itself on every sheet.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ExportInfo {
    /// The assessment's title (e.g. `2026年度政务公开考核`).
    pub title: String,
    /// The date of the export, `YYYY-MM-DD` (the caller's clock, not ours).
    pub date: String,
    /// The approval (审定) of the results exported, if they are approved:
    /// its time and fingerprint go on every sheet.
    pub approval: Option<crate::assessment::Approval>,
    /// Where reviewed values (核定) differ from what offices submitted
    /// (自评), with the reasons: a sheet of their own.
    pub reviewed: Vec<Reviewed>,
    /// The caller's time zone, in minutes from UTC (480 in China): the
    /// approval's time is written in it. 0 writes UTC.
    pub utc_offset_minutes: i32,
    /// Where figures came from when not (only) from the data scored as
    /// typed: an item log's counts, a linked assessment's total. Written
    /// in the indicator detail's 数据来源 column.
    pub sources: Vec<ValueSource>,
    /// Cells scored from something else than what was typed in them (an
    /// item log's count chosen over the typed one): a note on the cell of
    /// the inputs sheet, in the caller's words.
    pub cell_notes: Vec<CellNote>,
}

/// A note on one office's input in the inputs sheet.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CellNote {
    /// The office.
    pub office: String,
    /// The input's id.
    pub input: String,
    /// What to say (what was typed, and what was scored instead).
    pub text: String,
}

/// Where one office's figures on one leaf indicator came from, in words
/// (the caller's: the page says it as its detail does).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ValueSource {
    /// The office.
    pub office: String,
    /// The leaf indicator's id.
    pub indicator: String,
    /// Where its figures came from.
    pub text: String,
}

/// A reviewed value that differs from the office's submitted one.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Reviewed {
    /// The office.
    pub office: String,
    /// The input's id.
    pub input: String,
    /// What the office submitted (自评).
    pub submitted: String,
    /// The reviewed value (核定).
    pub reviewed: String,
    /// The assessor's reason ("" when none yet).
    pub reason: String,
}

/// The approval line every sheet of an export carries: approved, when and
/// with which fingerprint; `None` when not approved.
fn approval_line(info: &ExportInfo, lang: Lang) -> Option<String> {
    let a = info.approval.as_ref()?;
    // `2026-11-27T01:50:49.958Z` as `2026-11-27 09:50 UTC+8`.
    let at = format!(
        "{} {}",
        crate::assessment::time_shown(&a.at, info.utc_offset_minutes),
        crate::assessment::zone_shown(info.utc_offset_minutes)
    );
    Some(match lang {
        Lang::Zh => format!("已审定（{at}）；数据与结果指纹：{}", a.fingerprint),
        Lang::En => format!(
            "Approved ({at}); fingerprint of the data and results: {}",
            a.fingerprint
        ),
    })
}

/// A results sheet: the caption and the fingerprint in its first two rows.
fn stamped_sheet(
    name: &str,
    rubric: &Rubric,
    stamp: &Stamp,
    info: &ExportInfo,
    lang: Lang,
) -> Sheet {
    let mut sheet = Sheet::new(name);
    sheet
        .rows
        .push(vec![Cell::text(caption(rubric, stamp, info, lang))]);
    sheet.rows.push(vec![Cell::text(format!(
        "{}{}",
        lang.pick("细则指纹（SHA-256）：", "Rubric fingerprint (SHA-256): "),
        stamp.fingerprint
    ))]);
    if let Some(line) = approval_line(info, lang) {
        sheet.rows.push(vec![Cell::text(line)]);
    }
    sheet
}

fn centred_headers(header: &[impl AsRef<str>]) -> Vec<Cell> {
    header
        .iter()
        .map(|h| Cell::Header {
            text: h.as_ref().to_string(),
            centred: true,
        })
        .collect()
}

/// The results as a workbook: the ranking (place, office, total, groups,
/// adjustments, every leaf's score and points), each leaf's explanation
/// per office, and the inputs. Every sheet names the rubric and version.
///
/// With an item log (`items`, judged as scored), a sheet 事项登记 lists
/// every item with its due date, the working days it took and the
/// verdict, under the log's file and the period's end.
pub fn results_book(
    rubric: &Rubric,
    data: &Dataset,
    card: &Scorecard,
    items: Option<&Judgement>,
    info: &ExportInfo,
    lang: Lang,
) -> Book {
    let stamp = Stamp::of(rubric);
    let decimals = Some(rubric.precision());
    let figure = |value: Decimal| Cell::Number { value, decimals };

    // Sheet 1: results, as in the CSV.
    let mut results = stamped_sheet(lang.pick("结果", "Results"), rubric, &stamp, info, lang);
    let header = results_header(rubric, lang);
    results.rows.push(centred_headers(&header));
    // Frozen below the header, wherever the stamp rows leave it.
    let frozen = results.rows.len() as u32;
    // Made in data order, written in ranking order.
    let mut rows: Vec<Vec<Cell>> = Vec::with_capacity(card.len());
    let mut published = card.published();
    while let Some(row) = published.next_office() {
        let mut cells = Vec::with_capacity(header.len());
        results_cells(rubric, &row, &stamp, lang, |c| {
            cells.push(match c {
                ResultCell::Place(p) => Cell::Number {
                    value: Decimal::from(p),
                    decimals: Some(0),
                },
                ResultCell::Office(name) | ResultCell::Text(name) => Cell::text(name),
                ResultCell::Figure(d) => figure(d),
                ResultCell::Stamp(s) => Cell::text(s),
            })
        });
        rows.push(cells);
    }
    for office in card.ranking() {
        results
            .rows
            .push(std::mem::take(&mut rows[office.ix().index()]));
    }
    // Sums of published figures may differ from the published sum by a
    // cent: said once, under the figures (the header stays where readers
    // of the sheet find it).
    results.rows.push(Vec::new());
    results.rows.push(vec![Cell::text(match lang {
        Lang::Zh => format!(
            "总分和各组得分由各项的精确值相加后按 {} 位小数四舍五入，可能与各项显示值之和相差一个末位；各组由哪些指标组成见“指标体系”。",
            rubric.precision()
        ),
        Lang::En => format!(
            "Totals and group scores add the parts' exact values, then round to {} places: they may differ by one in the last place from the sum of the figures shown; the Indicators sheet says what each group is made of.",
            rubric.precision()
        ),
    })]);
    results.freeze = Some((frozen, 2));
    // Every column wide enough for a figure, its header wrapped over a
    // few lines (the headers are long indicator names).
    results.width(0, 6);
    results.width(1, 14);
    for col in 2..header.len() as u16 {
        results.width(col, 14);
    }

    // Sheet 2: every leaf of every office, explained.
    let mut detail = stamped_sheet(
        lang.pick("指标明细", "Indicator detail"),
        rubric,
        &stamp,
        info,
        lang,
    );
    detail.rows.push(centred_headers(&[
        lang.pick("处室", "Office"),
        lang.pick("指标", "Indicator"),
        lang.pick("权重（%）", "Weight (%)"),
        lang.pick("数值", "Value"),
        lang.pick("名次", "Place"),
        lang.pick("参与排名数", "Of"),
        lang.pick("得分", "Score"),
        lang.pick("折算分", "Points"),
        lang.pick("规则", "Rule"),
        lang.pick("说明", "Explanation"),
        lang.pick("数据来源", "Source"),
    ]));
    detail.freeze = Some((detail.rows.len() as u32, 2));
    let rules: Vec<String> = rubric
        .leaves()
        .map(|(slot, _)| explain::leaf_rule(rubric, slot, lang))
        .collect();
    let adjustment_rules = explain::adjustment_rules(rubric, lang);
    for office in card.offices() {
        for ((slot, l), rule) in rubric.leaves().zip(&rules) {
            let r = office.leaf(slot);
            let whole = |n: usize| Cell::Number {
                value: Decimal::from(n),
                decimals: Some(0),
            };
            // The place among how many, on a ranked leaf only.
            let (place, of) = match r.placing {
                Some(p) => (whole(p.place as usize), whole(r.of)),
                None => (Cell::Empty, Cell::Empty),
            };
            // As the page shows it: a choice's name, 不适用, or a number
            // (a number cell, for sorting and filtering).
            let shown = explain::shown_value(rubric, slot, &r, lang);
            let value = match shown.parse::<Decimal>() {
                Ok(value) => Cell::Number {
                    value,
                    decimals: None,
                },
                Err(_) => Cell::text(shown),
            };
            let source = info
                .sources
                .iter()
                .find(|s| s.office == office.name() && s.indicator == l.id)
                .map(|s| Cell::text(&s.text))
                .unwrap_or_else(|| Cell::text(lang.pick("填写", "typed")));
            let why = explain::leaf(rubric, data, card, office.ix(), slot, lang);
            let (score, points) = if r.not_applicable {
                let na = lang.pick("不适用", "N/A");
                (Cell::text(na), Cell::text(na))
            } else {
                (
                    figure(rubric.round(r.score)),
                    figure(rubric.round(r.points)),
                )
            };
            detail.rows.push(vec![
                Cell::text(office.name()),
                Cell::text(l.name.get(lang)),
                Cell::Number {
                    value: rubric.weight_percent(l.weight),
                    decimals: None,
                },
                value,
                place,
                of,
                score,
                points,
                Cell::text(rule),
                Cell::text(why),
                source,
            ]);
        }
        // Then what moves the total beyond the indicators: each
        // adjustment, what a bonus pool's cap took off, the limit.
        let o = office.ix();
        let points = |value: Decimal| figure(rubric.round(value));
        let extra = |name: String, value: Decimal, rule: String, why: String, source: &str| {
            vec![
                Cell::text(office.name()),
                Cell::text(name),
                Cell::Empty,
                Cell::Empty,
                Cell::Empty,
                Cell::Empty,
                Cell::Empty,
                points(value),
                Cell::text(rule),
                Cell::text(why),
                Cell::text(source),
            ]
        };
        for ((k, a), rule) in rubric.adjustments().zip(&adjustment_rules) {
            detail.rows.push(extra(
                a.name.get(lang).to_string(),
                office.adjustment(k),
                rule.clone(),
                explain::adjustment(rubric, data, card, o, k, lang),
                lang.pick("填写", "typed"),
            ));
        }
        for (k, pool) in rubric.bonus_pools().iter().enumerate() {
            if let Some(why) = explain::pool_note(rubric, card, o, k, lang) {
                let rule = adjustment_rules
                    .get(rubric.adjustments().len() + k)
                    .cloned()
                    .unwrap_or_default();
                detail.rows.push(extra(
                    pool.name.get(lang).to_string(),
                    office.pool_cut(k),
                    rule,
                    why,
                    "",
                ));
            }
        }
        if let Some(why) = explain::total_note(rubric, card, o, lang) {
            let limit = explain::limit_name(rubric, lang);
            detail
                .rows
                .push(extra(limit.clone(), office.limit(), limit, why, ""));
        }
    }
    detail.width(0, 14);
    detail.width(1, 28);
    for col in 2..=7 {
        detail.width(col, 9);
    }
    detail.width(8, 40);
    detail.width(9, 60);
    detail.width(10, 40);
    // The indicator, the rule, the explanation and the source read whole,
    // wrapped.
    detail.wrap = vec![1, 8, 9, 10];

    // Sheet 3: the inputs, as they were scored.
    let mut inputs = stamped_sheet(lang.pick("输入数据", "Inputs"), rubric, &stamp, info, lang);
    // As scored: say where a figure was not typed, so that nobody reads
    // an item log's count here as what an office gave.
    if !info.sources.is_empty() || !info.cell_notes.is_empty() {
        inputs.rows.push(vec![Cell::text(lang.pick(
            "本表为计分所用的数；其中取自事项登记或关联考核的，见“指标明细”的“数据来源”列。",
            "The figures as scored; where one came from the item log or a linked assessment, the Indicator detail's Source column says so.",
        ))]);
    }
    let inputs_header = template_header(rubric, lang);
    inputs.rows.push(centred_headers(&inputs_header));
    inputs.freeze = Some((inputs.rows.len() as u32, 1));
    inputs.width(0, 14);
    for col in 1..inputs_header.len() as u16 {
        inputs.width(col, 11);
    }
    let first = inputs.rows.len() as u32;
    input_rows(rubric, data, &mut inputs.rows, true, lang);
    // Each note on its office's row and its input's column (the header's
    // order: the office, the category where there is one, the inputs).
    let before_inputs = 1 + u16::from(rubric.categories().is_some());
    for note in &info.cell_notes {
        let (Some((o, _)), Some((ix, _))) = (
            data.offices().find(|(_, o)| o.name == note.office),
            rubric.input(&note.input),
        ) else {
            continue;
        };
        inputs.notes.push((
            first + o.index() as u32,
            before_inputs + ix.index() as u16,
            note.text.clone(),
        ));
    }
    let mut sheets = vec![
        results,
        detail,
        inputs,
        indicators_sheet(rubric, &stamp, info, lang),
    ];
    if let Some(j) = items {
        sheets.push(item_log_sheet(rubric, j, &stamp, info, lang));
    }

    // Sheet 4, where there are any: reviewed values that differ from what
    // the offices submitted, with the reasons.
    if !info.reviewed.is_empty() {
        let mut review = stamped_sheet(lang.pick("复核", "Review"), rubric, &stamp, info, lang);
        review.rows.push(centred_headers(&review_header(lang)));
        for r in &info.reviewed {
            review.rows.push(
                std::iter::once(Cell::text(&r.office))
                    .chain(review_cells(rubric, r, lang))
                    .collect(),
            );
        }
        review.width(0, 14);
        review.width(1, 28);
        review.width(4, 48);
        sheets.push(review);
    }
    Book { sheets }
}

/// The rubric's indicators as a tree, each with its weight and rule: what
/// each group column of the results is made of.
fn indicators_sheet(rubric: &Rubric, stamp: &Stamp, info: &ExportInfo, lang: Lang) -> Sheet {
    let mut sheet = stamped_sheet(
        lang.pick("指标体系", "Indicators"),
        rubric,
        stamp,
        info,
        lang,
    );
    sheet.rows.push(centred_headers(&[
        lang.pick("指标", "Indicator"),
        lang.pick("标识", "Id"),
        lang.pick("所属", "Part of"),
        lang.pick("权重（%）", "Weight (%)"),
        lang.pick("分值", "Points"),
        lang.pick("规则", "Rule"),
    ]));
    sheet.freeze = Some((sheet.rows.len() as u32, 1));
    let all: Vec<_> = rubric.indicators().collect();
    for &(ix, ind) in &all {
        let parent = all
            .iter()
            .find(|(_, p)| p.children().contains(&ix))
            .map(|(_, p)| p.name.get(lang).to_string())
            .unwrap_or_default();
        let rule = explain::indicator_rule(rubric, ix, lang).unwrap_or_else(|| {
            lang.pick("各项得分之和", "the sum of its parts")
                .to_string()
        });
        sheet.rows.push(vec![
            Cell::text(format!("{}{}", "　".repeat(ind.depth), ind.name.get(lang))),
            Cell::text(&ind.id),
            Cell::text(parent),
            Cell::Number {
                value: rubric.weight_percent(ind.weight),
                decimals: None,
            },
            Cell::Number {
                value: ind.weight,
                decimals: None,
            },
            Cell::text(rule),
        ]);
    }
    // What moves a total beyond its indicators, and what a total means:
    // adjustments and pools, the limit, categories, grades.
    let ids = rubric
        .adjustments()
        .items()
        .map(|a| a.id.clone())
        .chain(rubric.bonus_pools().iter().map(|p| p.id.clone()));
    let adjustments = explain::adjustment_rules(rubric, lang)
        .into_iter()
        .zip(ids)
        .map(|(rule, id)| (lang.pick("加减分", "Adjustment"), id, rule));
    let limit = std::iter::once((
        lang.pick("总分限定", "Limit"),
        String::new(),
        explain::limit_name(rubric, lang),
    ));
    let categories = explain::category_rules(rubric, lang)
        .into_iter()
        .map(|rule| (lang.pick("类别", "Category"), String::new(), rule));
    let grades = explain::grading_rules(rubric, lang)
        .into_iter()
        .map(|rule| (lang.pick("等次", "Grade"), String::new(), rule));
    for (what, id, rule) in adjustments.chain(limit).chain(categories).chain(grades) {
        sheet.rows.push(vec![
            Cell::text(what),
            Cell::text(id),
            Cell::Empty,
            Cell::Empty,
            Cell::Empty,
            Cell::text(rule),
        ]);
    }
    sheet.width(0, 36);
    sheet.width(1, 22);
    sheet.width(2, 24);
    sheet.width(5, 80);
    sheet.wrap = vec![0, 5];
    sheet
}

/// The item log as judged: the log's file, the period's end and how many
/// items were on time, late or still open, then one row per item.
fn item_log_sheet(
    rubric: &Rubric,
    j: &Judgement,
    stamp: &Stamp,
    info: &ExportInfo,
    lang: Lang,
) -> Sheet {
    let mut sheet = stamped_sheet(lang.pick("事项登记", "Item log"), rubric, stamp, info, lang);
    let count = |s: Status| j.items.iter().filter(|i| i.status == s).count();
    let (on_time, late, open) = (
        count(Status::OnTime),
        count(Status::Late),
        count(Status::Open),
    );
    sheet.rows.push(vec![Cell::text(match lang {
        Lang::Zh => format!(
            "事项登记：{}；考核期截止日 {}；共 {} 条：按时 {on_time}，超期 {late}，未到期 {open}（不计入本期）",
            j.log.source,
            j.period_end,
            j.items.len()
        ),
        Lang::En => format!(
            "Item log: {}; period ending {}; {} items: {on_time} on time, {late} late, {open} open (not counted in this period)",
            j.log.source,
            j.period_end,
            j.items.len()
        ),
    })]);
    sheet.rows.push(centred_headers(&[
        lang.pick("处室", "Office"),
        lang.pick("指标", "Indicator"),
        lang.pick("事项编号", "Item"),
        lang.pick("登记表行号", "Line"),
        lang.pick("收到日期", "Received"),
        lang.pick("延期至", "Extended to"),
        lang.pick("应答复日期", "Due"),
        lang.pick("答复日期", "Answered"),
        lang.pick(
            "用时（工作日；未答复的算至截止日）",
            "Working days taken (to the period's end when unanswered)",
        ),
        lang.pick("判定", "Verdict"),
        lang.pick("说明", "Explanation"),
    ]));
    sheet.freeze = Some((sheet.rows.len() as u32, 3));
    for judged in &j.items {
        let Some(item) = j.log.items.get(judged.index) else {
            continue;
        };
        let verdict = match judged.status {
            Status::OnTime => lang.pick("按时", "on time"),
            Status::Late => lang.pick("超期", "late"),
            Status::Open => lang.pick("未到期", "open"),
        };
        sheet.rows.push(vec![
            Cell::text(&item.office),
            Cell::text(rubric.leaf(item.leaf).name.get(lang)),
            Cell::text(&item.id),
            Cell::Number {
                value: Decimal::from(item.line),
                decimals: Some(0),
            },
            Cell::text(item.received.to_string()),
            Cell::text(item.extended_to.map(|d| d.to_string()).unwrap_or_default()),
            Cell::text(judged.effective_due().to_string()),
            Cell::text(judged.answered.map(|a| a.to_string()).unwrap_or_default()),
            judged.taken.map_or(Cell::Empty, |t| Cell::Number {
                value: Decimal::from(t),
                decimals: Some(0),
            }),
            Cell::text(verdict),
            Cell::text(scoring_core::items::describe(
                item,
                judged,
                j.period_end,
                lang,
            )),
        ]);
    }
    sheet.width(0, 14);
    sheet.width(1, 24);
    sheet.width(2, 14);
    for col in 4..=7 {
        sheet.width(col, 12);
    }
    sheet.width(8, 14);
    sheet.width(10, 80);
    sheet.wrap = vec![8, 10];
    sheet
}

fn review_header(lang: Lang) -> [&'static str; 5] {
    [
        lang.pick("处室", "Office"),
        lang.pick("填报项", "Input"),
        lang.pick("自评值", "Submitted"),
        lang.pick("核定值", "Reviewed"),
        lang.pick("核定理由", "Reason"),
    ]
}

/// An input's label in `lang`, or its id.
fn input_label(rubric: &Rubric, id: &str, lang: Lang) -> String {
    rubric.column_label(id, lang).unwrap_or(id).to_string()
}

/// A review's input, submitted and reviewed values and reason.
fn review_cells(rubric: &Rubric, r: &Reviewed, lang: Lang) -> [Cell; 4] {
    let label = input_label(rubric, &r.input, lang);
    [
        Cell::text(label),
        Cell::text(&r.submitted),
        Cell::text(&r.reviewed),
        Cell::text(&r.reason),
    ]
}

/// What a feedback sheet says of one office besides its scores.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Feedback {
    /// The office's self-assessed total (its own submitted values in place
    /// of the reviewed ones) as published, where it submitted any.
    pub self_assessed: Option<String>,
    /// The office's evidence, by input id.
    pub evidence: std::collections::BTreeMap<String, String>,
}

/// The feedback sheet of one office (反馈表), as a workbook: which
/// assessment, rubric and approval; the office's total, place and grade;
/// for every indicator its value, place, score, points, explanation, the
/// reviewer's note (where a value it reads was reviewed), and a column
/// for the office's rectification (整改措施); then the reviewed values
/// and the evidence. `info.reviewed` may hold every office's: only this
/// office's are used.
pub fn feedback_book(
    rubric: &Rubric,
    data: &Dataset,
    card: &Scorecard,
    info: &ExportInfo,
    office: scoring_core::OfficeIx,
    feedback: &Feedback,
    lang: Lang,
) -> Book {
    let stamp = Stamp::of(rubric);
    let decimals = Some(rubric.precision());
    let figure = |value: Decimal| Cell::Number { value, decimals };
    let me = card.office(office);
    let name = me.name();
    let mut sheet = Sheet::new(lang.pick("反馈表", "Feedback"));
    sheet.rows.push(vec![Cell::header(match lang {
        Lang::Zh => format!("{} — {name} 考核结果反馈表", info.title),
        Lang::En => format!("{} — feedback to {name}", info.title),
    })]);
    // Which rubric (its short fingerprint), and the approval: the sheet
    // stands alone when it reaches the office.
    sheet
        .rows
        .push(vec![Cell::text(caption(rubric, &stamp, info, lang))]);
    sheet
        .rows
        .push(vec![Cell::text(approval_line(info, lang).unwrap_or_else(
            || {
                lang.pick(
                    "尚未审定：结果在审定前可能还会变动",
                    "Not yet approved: the results may still change",
                )
                .to_string()
            },
        ))]);
    let mut total = match lang {
        Lang::Zh => format!(
            "总分 {}，第 {} 名（共 {} 个）",
            rubric.publish(me.total()),
            me.place(),
            me.of()
        ),
        Lang::En => format!(
            "Total {}, place {} of {}",
            rubric.publish(me.total()),
            me.place(),
            me.of()
        ),
    };
    if let Some(band) = me.band() {
        total.push_str(&match lang {
            Lang::Zh => format!("；等次：{}", rubric.grading().bands[band].name.get(lang)),
            Lang::En => format!("; grade: {}", rubric.grading().bands[band].name.get(lang)),
        });
    }
    if let Some(own) = &feedback.self_assessed {
        total.push_str(&match lang {
            Lang::Zh => format!("；按本处室填报值计算的自评总分 {own}"),
            Lang::En => format!("; self-assessed total (the office's own values) {own}"),
        });
    }
    sheet.rows.push(vec![Cell::header(total)]);
    sheet.rows.push(Vec::new());
    let head_row = sheet.rows.len();
    sheet.rows.push(centred_headers(&[
        lang.pick("指标", "Indicator"),
        lang.pick("权重（%）", "Weight (%)"),
        lang.pick("数值", "Value"),
        lang.pick("名次", "Place"),
        lang.pick("得分", "Score"),
        lang.pick("折算分", "Points"),
        lang.pick("说明", "Explanation"),
        lang.pick("复核意见", "Reviewer's note"),
        lang.pick("整改措施（处室填写）", "Rectification (by the office)"),
    ]));
    let mine: Vec<&Reviewed> = info.reviewed.iter().filter(|r| r.office == name).collect();
    let rectify = || Cell::Input {
        value: String::new(),
        check: Check::Text,
    };
    // A number where the text is one (counts, ratios), the text otherwise
    // (a choice's name).
    let value_cell = |text: String| match text.trim_end_matches('%').parse::<Decimal>() {
        Ok(v) if !text.ends_with('%') => Cell::Number {
            value: v,
            decimals: None,
        },
        _ => Cell::text(text),
    };
    let indent = |depth: usize, text: &str| format!("{}{text}", "  ".repeat(depth));
    for (ix, ind) in rubric.indicators() {
        let weight = Cell::Number {
            value: rubric.weight_percent(ind.weight),
            decimals: None,
        };
        let outside = me.category().is_some_and(|k| !rubric.in_category(ix, k));
        match &ind.kind {
            scoring_core::rubric::IndicatorKind::Group { slot, .. } => {
                let subtotal = if outside || me.group_not_applicable(*slot) {
                    Cell::text(lang.pick("不适用", "N/A"))
                } else {
                    figure(me.published_group(*slot))
                };
                sheet.rows.push(vec![
                    Cell::header(indent(ind.depth, ind.name.get(lang))),
                    weight,
                    Cell::Empty,
                    Cell::Empty,
                    Cell::Empty,
                    subtotal,
                ]);
            }
            scoring_core::rubric::IndicatorKind::Leaf { slot, .. } => {
                let slot = *slot;
                let r = me.leaf(slot);
                let why = explain::leaf(rubric, data, card, office, slot, lang);
                let (value, score, points) = if r.not_applicable || r.outside_category {
                    let na = lang.pick("不适用", "N/A");
                    (Cell::text(na), Cell::text(na), Cell::text(na))
                } else {
                    let (score, points) = me.published_leaf(slot);
                    (
                        value_cell(explain::shown_value(rubric, slot, &r, lang)),
                        figure(score),
                        figure(points),
                    )
                };
                let reads: Vec<String> = ind.reads().iter().map(|i| i.id.clone()).collect();
                let note: Vec<String> = mine
                    .iter()
                    .filter(|d| reads.contains(&d.input))
                    .map(|d| {
                        let label = input_label(rubric, &d.input, lang);
                        match lang {
                            Lang::Zh => format!(
                                "{label}：自评 {}，核定 {}（{}）",
                                d.submitted, d.reviewed, d.reason
                            ),
                            Lang::En => format!(
                                "{label}: submitted {}, reviewed {} ({})",
                                d.submitted, d.reviewed, d.reason
                            ),
                        }
                    })
                    .collect();
                sheet.rows.push(vec![
                    Cell::text(indent(ind.depth, ind.name.get(lang))),
                    weight,
                    value,
                    r.placing
                        .map(|p| Cell::Number {
                            value: Decimal::from(p.place),
                            decimals: Some(0),
                        })
                        .unwrap_or(Cell::Empty),
                    score,
                    points,
                    Cell::text(why),
                    Cell::text(note.join("\n")),
                    rectify(),
                ]);
            }
        }
    }
    for (k, a) in rubric.adjustments() {
        sheet.rows.push(vec![
            Cell::text(a.name.get(lang)),
            Cell::Empty,
            Cell::Empty,
            Cell::Empty,
            Cell::Empty,
            figure(rubric.round(me.adjustment(k))),
            Cell::text(explain::adjustment(rubric, data, card, office, k, lang)),
            Cell::Empty,
            rectify(),
        ]);
    }
    sheet.rows.push(vec![
        Cell::header(lang.pick("总分", "Total")),
        Cell::Empty,
        Cell::Empty,
        Cell::Number {
            value: Decimal::from(me.place()),
            decimals: Some(0),
        },
        Cell::Empty,
        figure(rubric.round(me.total())),
    ]);
    if !mine.is_empty() {
        sheet.rows.push(Vec::new());
        sheet.rows.push(centred_headers(&review_header(lang)[1..]));
        for r in &mine {
            sheet.rows.push(review_cells(rubric, r, lang).into());
        }
    }
    if !feedback.evidence.is_empty() {
        sheet.rows.push(Vec::new());
        sheet.rows.push(vec![Cell::header(
            lang.pick("处室填报的佐证材料", "Evidence the office gave"),
        )]);
        for (input, note) in &feedback.evidence {
            sheet.rows.push(vec![
                Cell::text(input_label(rubric, input, lang)),
                Cell::text(note),
            ]);
        }
    }
    sheet.freeze = Some((head_row as u32 + 1, 1));
    sheet.width(0, 28);
    sheet.width(1, 8);
    sheet.width(2, 9);
    sheet.width(3, 6);
    sheet.width(6, 44);
    sheet.width(7, 30);
    sheet.width(8, 30);
    sheet.wrap = vec![6, 7, 8];
    // A4 across, every column on the page, the header on each page.
    sheet.print = Some(Print {
        landscape: true,
        fit_width: true,
        repeat_rows: Some((head_row as u32, head_row as u32)),
    });
    Book {
        sheets: vec![sheet],
    }
}

/// One row per office: its name, its inputs (numbers, choices by name,
/// `N/A`) and its text columns, as the template's header has them.
/// One row per office, in the columns of [`template_header`]: the office,
/// the category (where the rubric has them), the inputs, the other text
/// columns. Flags are written as the words the page shows (是/否).
fn input_rows(
    rubric: &Rubric,
    data: &Dataset,
    rows: &mut Vec<Vec<Cell>>,
    blank_texts: bool,
    lang: Lang,
) {
    let category = rubric.categories().map(|c| c.column);
    for (o, office) in data.offices() {
        let row = data.row(o);
        // The office's category: a cell it is not assessed on is left
        // blank, as it was given, not written as the 0 it scores as.
        let class = rubric
            .categories()
            .and_then(|c| c.find(data.text(o, c.column).trim()));
        let mut cells = Vec::with_capacity(row.len() + 1);
        cells.push(Cell::text(&office.name));
        let text = |t| {
            let text = data.text(o, t);
            if text.is_empty() && !blank_texts {
                Cell::Empty
            } else {
                Cell::text(text)
            }
        };
        if let Some(k) = category {
            cells.push(text(k));
        }
        for (v, (ix, input)) in row.iter().zip(rubric.inputs()) {
            cells.push(if data.is_na(o, ix) {
                Cell::text("N/A")
            } else if class.is_some_and(|k| !rubric.input_in_category(ix, k)) {
                Cell::Empty
            } else if input.kind == scoring_core::InputKind::Choice {
                Cell::text(input.typed(*v))
            } else if input.kind == scoring_core::InputKind::Flag {
                Cell::text(if v.is_zero() {
                    lang.pick("否", "no")
                } else {
                    lang.pick("是", "yes")
                })
            } else {
                Cell::Number {
                    value: *v,
                    decimals: None,
                }
            });
        }
        // The other text columns, as the header has them.
        for (t, _) in rubric.text_columns().filter(|(k, _)| Some(*k) != category) {
            cells.push(text(t));
        }
        rows.push(cells);
    }
}

/// An empty input workbook for `rubric`: the header row (as in the CSV
/// template) and a second sheet describing every input.
pub fn template_book(rubric: &Rubric, lang: Lang) -> Book {
    data_book(rubric, None, lang)
}

/// An input workbook for `rubric` holding `data` (or empty): one row per
/// office under the template's headers, and a sheet describing every
/// input. Written and read back, it gives the same dataset.
pub fn data_book(rubric: &Rubric, data: Option<&Dataset>, lang: Lang) -> Book {
    let header = template_header(rubric, lang);
    let mut sheet = Sheet::new(lang.pick("数据", "Data"));
    for c in 0..header.len() {
        sheet.width(c as u16, 14);
    }
    sheet.rows.push(header.iter().map(Cell::header).collect());
    if let Some(data) = data {
        input_rows(rubric, data, &mut sheet.rows, false, lang);
    }
    sheet.freeze = Some((1, 1));

    let mut help = Sheet::new(lang.pick("说明", "Help"));
    help.rows.push(
        [
            lang.pick("列标识", "Column id"),
            lang.pick("列名", "Label"),
            lang.pick("类型", "Kind"),
            lang.pick("填写说明", "Help"),
        ]
        .map(Cell::header)
        .to_vec(),
    );
    for input in rubric.inputs().items() {
        help.rows.push(vec![
            Cell::text(&input.id),
            Cell::text(input.label.get(lang)),
            Cell::text(kind_text(input, lang)),
            Cell::text(input.help.as_ref().map(|h| h.get(lang)).unwrap_or("")),
        ]);
    }
    help.width(0, 24);
    help.width(1, 32);
    help.width(3, 60);
    Book {
        sheets: vec![sheet, help],
    }
}

/// What an input takes, in words (`整数（≥0）`, `one of: A/B`).
pub fn kind_text(input: &scoring_core::Input, lang: Lang) -> String {
    let names: Vec<&str> = input.choices.iter().map(|c| c.get(lang)).collect();
    match (input.kind, lang) {
        (scoring_core::InputKind::Count, Lang::Zh) => "整数（≥0）".to_string(),
        (scoring_core::InputKind::Amount, Lang::Zh) => "数值（≥0）".to_string(),
        (scoring_core::InputKind::Flag, Lang::Zh) => "是/否（1/0）".to_string(),
        (scoring_core::InputKind::Choice, Lang::Zh) => format!("选项：{}", names.join("/")),
        (scoring_core::InputKind::Count, Lang::En) => "whole number ≥ 0".to_string(),
        (scoring_core::InputKind::Amount, Lang::En) => "number ≥ 0".to_string(),
        (scoring_core::InputKind::Flag, Lang::En) => "yes/no (1/0)".to_string(),
        (scoring_core::InputKind::Choice, Lang::En) => format!("one of: {}", names.join("/")),
    }
}

/// A template of an item log for `rubric` as a workbook: the items sheet
/// (the header and one example item per kind, dates as text in each
/// accepted form) and a sheet saying the kinds each indicator accepts and
/// the date forms. Written and read back, it reads as a log.
pub fn item_log_template_book(rubric: &Rubric, lang: Lang) -> Book {
    let template = scoring_core::items::ItemLog::template(rubric, lang);
    let mut items = Sheet::new(lang.pick("事项登记", "Items"));
    for (r, row) in template.rows.iter().enumerate() {
        items.rows.push(
            row.iter()
                .map(|cell| match (r, cell.is_empty()) {
                    (0, _) => Cell::header(cell),
                    (_, true) => Cell::Empty,
                    (_, false) => Cell::text(cell),
                })
                .collect(),
        );
    }
    if let Some(header) = template.rows.first() {
        for c in 0..header.len() {
            items.width(c as u16, 16);
        }
    }
    let mut about = Sheet::new(lang.pick("说明", "About"));
    about.width(0, 28);
    about.width(1, 60);
    about.rows.push(vec![
        Cell::header(lang.pick("指标", "Indicator")),
        Cell::header(lang.pick("“类别”可填", "The kind may be written")),
    ]);
    for (name, kinds) in &template.kinds {
        about.rows.push(vec![
            Cell::text(name),
            Cell::text(kinds.join(lang.pick("、", ", "))),
        ]);
    }
    about.rows.push(Vec::new());
    about.rows.push(vec![Cell::text(&template.date_forms)]);
    Book {
        sheets: vec![items, about],
    }
}

/// A table read from a workbook as JSON, `[[row, [cells…]], …]` (each row
/// with its 1-based sheet row number): how the XLSX module hands the page
/// what it read. [`table_from_json`] reads it back.
pub fn table_json(table: &scoring_core::Table) -> String {
    let rows: Vec<(u32, Vec<&str>)> = table
        .rows
        .iter()
        .map(|r| (r.line, r.cells().collect()))
        .collect();
    serde_json::to_string(&rows).unwrap_or_else(|_| "[]".into())
}

/// The table [`table_json`] wrote, named `source`.
pub fn table_from_json(
    source: &str,
    json: &str,
) -> Result<scoring_core::Table, crate::FormatError> {
    let rows: Vec<(u32, Vec<String>)> =
        serde_json::from_str(json).map_err(|e| crate::FormatError::Spreadsheet {
            file: source.to_string(),
            detail: e.to_string(),
        })?;
    Ok(scoring_core::Table {
        source: source.to_string(),
        rows: rows
            .into_iter()
            .map(|(line, cells)| scoring_core::TableRow::new(line, cells))
            .collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_approval_is_dated_in_the_callers_time_zone() {
        let mut info = ExportInfo {
            approval: Some(crate::assessment::Approval {
                at: "2026-11-27T17:30:05.120Z".to_string(),
                fingerprint: "ab".repeat(32),
                parts: Default::default(),
            }),
            ..ExportInfo::default()
        };
        let line = approval_line(&info, Lang::Zh).unwrap();
        assert!(line.starts_with("已审定（2026-11-27 17:30 UTC）"), "{line}");
        info.utc_offset_minutes = 480;
        let line = approval_line(&info, Lang::En).unwrap();
        assert!(
            line.starts_with("Approved (2026-11-28 01:30 UTC+8)"),
            "the day rolls over: {line}"
        );
        info.utc_offset_minutes = -210;
        let line = approval_line(&info, Lang::En).unwrap();
        assert!(
            line.starts_with("Approved (2026-11-27 14:00 UTC-3:30)"),
            "{line}"
        );
        assert_eq!(approval_line(&ExportInfo::default(), Lang::Zh), None);
    }

    #[test]
    fn the_indicator_detail_gives_each_figure_its_rule_and_source() {
        let rubric = Rubric::from_yaml("s", scoring_core::bundled::SHANDONG_2017).unwrap();
        let csv = include_str!("../../tests/fixtures/dept6.csv");
        let table = scoring_core::Table {
            source: "dept6.csv".into(),
            rows: csv
                .lines()
                .enumerate()
                .map(|(n, l)| scoring_core::TableRow::new(n as u32 + 1, l.split(',')))
                .collect(),
        };
        let data = Dataset::from_table(&rubric, &table).unwrap();
        let card = scoring_core::score(&rubric, &data).unwrap();
        let info = ExportInfo {
            sources: vec![ValueSource {
                office: "法规处".into(),
                indicator: "decision_drafts".into(),
                text: "件数取自事项登记".into(),
            }],
            ..ExportInfo::default()
        };
        let book = results_book(&rubric, &data, &card, None, &info, Lang::Zh);
        let detail = &book.sheets[1];
        let header = detail
            .rows
            .iter()
            .position(|r| matches!(r.first(), Some(Cell::Header { text, .. }) if text == "处室"))
            .unwrap();
        assert_eq!(detail.freeze, Some((header as u32 + 1, 2)));
        let text = |c: &Cell| match c {
            Cell::Text(t) | Cell::Header { text: t, .. } => t.clone(),
            Cell::Number { value, .. } => value.to_string(),
            Cell::Empty => String::new(),
            other => format!("{other:?}"),
        };
        let names: Vec<String> = detail.rows[header].iter().map(text).collect();
        assert_eq!(
            names,
            [
                "处室",
                "指标",
                "权重（%）",
                "数值",
                "名次",
                "参与排名数",
                "得分",
                "折算分",
                "规则",
                "说明",
                "数据来源"
            ]
        );
        let why = explain::find(&rubric, &data, &card, "法规处", "decision_drafts").unwrap();
        let name = rubric
            .find_leaf("decision_drafts")
            .unwrap()
            .1
            .name
            .get(Lang::Zh);
        let row: Vec<String> = detail
            .rows
            .iter()
            .find(|r| r.len() == 11 && text(&r[0]) == "法规处" && text(&r[1]) == name)
            .unwrap()
            .iter()
            .map(text)
            .collect();
        assert_eq!(row[2], rubric.weight_percent(why.weight).to_string());
        assert_eq!(row[3], why.value.to_string());
        assert_eq!((row[4].as_str(), row[5].as_str()), ("1", "6"));
        assert_eq!(row[7], "5.00");
        assert_eq!(row[8], why.rule(Lang::Zh));
        assert_eq!(row[9], why.message(Lang::Zh));
        assert_eq!(row[10], "件数取自事项登记");
        // Another office's same indicator has no source said.
        let other = detail
            .rows
            .iter()
            .find(|r| r.len() == 11 && text(&r[0]) != "法规处" && text(&r[1]) == name)
            .unwrap();
        assert_eq!(other[10], Cell::text("填写"), "typed, said as such");
        // Every indicator, with what it is part of and its rule.
        let tree = book.sheets.iter().find(|s| s.name == "指标体系").unwrap();
        let row = tree
            .rows
            .iter()
            .find(|r| matches!(r.get(1), Some(Cell::Text(id)) if id == "decision_drafts"))
            .unwrap();
        assert_eq!(row[5], Cell::text(why.rule(Lang::Zh)));
        assert!(
            matches!(&row[2], Cell::Text(p) if !p.is_empty()),
            "{:?}",
            row[2]
        );
        // A note on an input's cell lands on its office's row and column.
        let info = ExportInfo {
            cell_notes: vec![CellNote {
                office: "法规处".into(),
                input: "decision_drafts".into(),
                text: "填写 9；计分用 4".into(),
            }],
            ..ExportInfo::default()
        };
        let book = results_book(&rubric, &data, &card, None, &info, Lang::Zh);
        let inputs = book.sheets.iter().find(|s| s.name == "输入数据").unwrap();
        let &(r, c, ref text) = &inputs.notes[0];
        assert_eq!(text, "填写 9；计分用 4");
        assert_eq!(inputs.rows[r as usize][0], Cell::text("法规处"));
        let header = &inputs.rows[r as usize
            - data
                .offices()
                .position(|(_, o)| o.name == "法规处")
                .unwrap()
            - 1];
        let label = &rubric.input("decision_drafts").unwrap().1.label.zh;
        assert!(matches!(&header[c as usize], Cell::Header { text, .. } if text == label));
    }

    #[test]
    fn an_item_log_has_a_sheet_of_its_items_with_their_verdicts() {
        let rubric = Rubric::from_yaml("s", scoring_core::bundled::SHANDONG_2017).unwrap();
        let table = |source: &str, text: &str| scoring_core::Table {
            source: source.into(),
            rows: text
                .lines()
                .enumerate()
                .map(|(n, l)| scoring_core::TableRow::new(n as u32 + 1, l.split(',')))
                .collect(),
        };
        let log = "office,kind,item,received,answered,extended_to\n外资处,application,A1,2026-09-30,2026-10-27,\n外资处,application,A2,2026-09-30,2026-10-28,\n外资处,application,A3,2026-11-25,,\n";
        let j = scoring_core::items::ItemLog::from_table(&rubric, &table("log.csv", log))
            .unwrap()
            .judge(
                &rubric,
                &scoring_core::calendar::Calendar::bundled(),
                jiff::civil::date(2026, 12, 10),
            )
            .unwrap();
        let data = Dataset::from_table(
            &rubric,
            &table("d.csv", include_str!("../../tests/fixtures/dept6.csv")),
        )
        .unwrap();
        let card = scoring_core::score(&rubric, &data).unwrap();
        let book = results_book(
            &rubric,
            &data,
            &card,
            Some(&j),
            &ExportInfo::default(),
            Lang::Zh,
        );
        let sheet = book.sheets.iter().find(|s| s.name == "事项登记").unwrap();
        let said = |c: &Cell| match c {
            Cell::Text(t) | Cell::Header { text: t, .. } => t.clone(),
            Cell::Number { value, .. } => value.to_string(),
            _ => String::new(),
        };
        let rows: Vec<Vec<String>> = sheet
            .rows
            .iter()
            .map(|r| r.iter().map(said).collect())
            .collect();
        let summary = rows
            .iter()
            .find(|r| r[0].starts_with("事项登记："))
            .unwrap();
        assert_eq!(
            summary[0],
            "事项登记：log.csv；考核期截止日 2026-12-10；共 3 条：按时 1，超期 1，未到期 1（不计入本期）"
        );
        let header = rows.iter().position(|r| r[0] == "处室").unwrap();
        assert_eq!(sheet.freeze, Some((header as u32 + 1, 3)));
        let items = &rows[header + 1..];
        assert_eq!(items.len(), 3);
        assert_eq!(
            items[1][..10],
            [
                "外资处",
                "依申请公开答复",
                "A2",
                "3",
                "2026-09-30",
                "",
                "2026-10-27",
                "2026-10-28",
                "16",
                "超期"
            ]
            .map(String::from)
        );
        assert_eq!(items[2][9], "未到期");
        assert_eq!(items[2][7], "", "not answered");
        assert!(
            items[1][10].ends_with("用时16个工作日：超期"),
            "{}",
            items[1][10]
        );
        // Without a log, no such sheet.
        let book = results_book(
            &rubric,
            &data,
            &card,
            None,
            &ExportInfo::default(),
            Lang::Zh,
        );
        assert!(book.sheets.iter().all(|s| s.name != "事项登记"));
    }

    #[test]
    fn adjustments_pools_and_the_limit_are_explained_and_their_rules_listed() {
        let rubric = Rubric::from_yaml("c", scoring_core::bundled::CITY_CLASSES).unwrap();
        let csv = include_str!("../../tests/fixtures/city-classes.csv");
        let table = crate::csv_in::read_csv_text("c.csv", csv).unwrap();
        let data = Dataset::from_table(&rubric, &table).unwrap();
        let card = scoring_core::score(&rubric, &data).unwrap();
        let book = results_book(
            &rubric,
            &data,
            &card,
            None,
            &ExportInfo::default(),
            Lang::Zh,
        );
        let detail = &book.sheets[1];
        let rules = explain::adjustment_rules(&rubric, Lang::Zh);
        assert!(!rules.is_empty());
        for office in card.offices() {
            for ((k, a), rule) in rubric.adjustments().zip(&rules) {
                let row = detail
                    .rows
                    .iter()
                    .find(|r| {
                        r.len() == 11
                            && r[0] == Cell::text(office.name())
                            && r[1] == Cell::text(a.name.get(Lang::Zh))
                    })
                    .unwrap_or_else(|| panic!("{} {}", office.name(), a.id));
                assert_eq!(row[8], Cell::text(rule));
                assert_eq!(
                    row[9],
                    Cell::text(explain::adjustment(
                        &rubric,
                        &data,
                        &card,
                        office.ix(),
                        k,
                        Lang::Zh
                    ))
                );
            }
            // A limit that moved the total is a row of its own.
            if !office.limit().is_zero() {
                let limit = explain::limit_name(&rubric, Lang::Zh);
                assert!(detail.rows.iter().any(|r| r.len() == 11
                    && r[0] == Cell::text(office.name())
                    && r[1] == Cell::text(&limit)));
            }
        }
        let tree = book.sheets.iter().find(|s| s.name == "指标体系").unwrap();
        for rule in &rules {
            assert!(
                tree.rows
                    .iter()
                    .any(|r| r.get(5) == Some(&Cell::text(rule))),
                "{rule}"
            );
        }
    }
}
