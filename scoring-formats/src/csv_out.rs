//! Writing CSV that Excel opens cleanly: UTF-8 with a byte-order mark (so
//! Chinese text is not garbled), CRLF line ends, and text cells that could
//! be read as formulas neutralised.

use std::borrow::Cow;

use std::io::Write;

use scoring_core::{Lang, OfficeScore, Rubric, Scorecard, explain};

use crate::digits::Digits;

/// The UTF-8 byte-order mark Excel needs to recognise UTF-8 CSV.
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Neutralises a text cell that a spreadsheet would take for a formula
/// (`= + - @`, tab, carriage return at the start) by prefixing `'`.
///
/// Only text is neutralised; the numbers this crate writes are its own.
pub fn neutralise(text: &str) -> Cow<'_, str> {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => Cow::Owned(format!("'{text}")),
        _ => Cow::Borrowed(text),
    }
}

fn writer() -> csv::Writer<Vec<u8>> {
    csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(BOM.to_vec())
}

fn finish(w: csv::Writer<Vec<u8>>) -> Vec<u8> {
    // Writing to a Vec cannot fail.
    w.into_inner().unwrap_or_default()
}

/// The header row of the results CSV, in `lang`.
pub fn results_header(rubric: &Rubric, lang: Lang) -> Vec<String> {
    let mut h: Vec<String> = vec![
        lang.pick("名次", "Place").into(),
        lang.pick("处室", "Office").into(),
        lang.pick("总分", "Total").into(),
    ];
    for &g in rubric.groups() {
        h.push(rubric.indicator(g).name.get(lang).to_string());
    }
    for a in rubric.adjustments() {
        h.push(a.name.get(lang).to_string());
    }
    if !rubric.adjustments().is_empty() {
        h.push(explain::limit_name(rubric, lang));
    }
    for &l in rubric.leaves() {
        let name = rubric.indicator(l).name.get(lang);
        match lang {
            Lang::Zh => {
                h.push(format!("{name}（得分）"));
                h.push(format!("{name}（折算分）"));
            }
            Lang::En => {
                h.push(format!("{name} (score)"));
                h.push(format!("{name} (points)"));
            }
        }
    }
    h.push(lang.pick("评分细则", "Rubric").into());
    h.push(lang.pick("细则指纹", "Rubric fingerprint").into());
    h
}

/// Which rubric produced a result: `id@version` and the full fingerprint,
/// written on every row of a results file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stamp {
    /// `id@version`.
    pub rubric: String,
    /// The rubric's fingerprint (64 hex digits).
    pub fingerprint: String,
}

impl Stamp {
    /// The stamp of a rubric (computes its fingerprint once).
    pub fn of(rubric: &Rubric) -> Stamp {
        Stamp {
            rubric: format!("{}@{}", rubric.id(), rubric.version()),
            fingerprint: rubric.fingerprint(),
        }
    }
}

/// One office's row of results: place, office, total, each group's
/// subtotal, each adjustment, and each leaf's score (0–100) and points, all
/// as published (rounded per the rubric), then the rubric's stamp.
pub fn results_row(rubric: &Rubric, office: &OfficeScore<'_>, stamp: &Stamp) -> Vec<String> {
    let mut row = Vec::with_capacity(3 + rubric.groups().len() + 2 * rubric.leaves().len());
    row.push(office.place().to_string());
    row.push(office.name().to_string());
    row.push(rubric.publish(office.total()));
    for subtotal in office.published_groups() {
        row.push(subtotal.to_string());
    }
    for k in 0..rubric.adjustments().len() {
        row.push(rubric.publish(office.adjustment(k)));
    }
    if !rubric.adjustments().is_empty() {
        row.push(rubric.publish(office.limit()));
    }
    for slot in 0..rubric.leaves().len() {
        // Rounded as `rubric.publish` rounds, without computing the value.
        let (score, points) = office.published_leaf(slot);
        row.push(score.to_string());
        row.push(points.to_string());
    }
    row.push(stamp.rubric.clone());
    row.push(stamp.fingerprint.clone());
    row
}

/// The results, one row per office in ranking order (see [`results_row`]).
pub fn results_rows(rubric: &Rubric, card: &Scorecard) -> Vec<Vec<String>> {
    let stamp = Stamp::of(rubric);
    card.ranking()
        .iter()
        .map(|o| results_row(rubric, o, &stamp))
        .collect()
}

/// Writes the results as a CSV file for Excel (see [`results_row`]).
///
/// Rows are made in dataset order, where each office's figures lie
/// together in memory, and written in ranking order: a large department's
/// results are written in a fraction of the time it takes to make each
/// row in ranking order. The text is the same.
pub fn write_results_csv(
    out: &mut dyn Write,
    rubric: &Rubric,
    card: &Scorecard,
    lang: Lang,
) -> std::io::Result<()> {
    out.write_all(BOM)?;
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(&mut *out);
    let header = results_header(rubric, lang);
    w.write_record(header.iter().map(|c| neutralise(c).into_owned()))?;
    w.flush()?;
    drop(w);
    let rows = ResultRows::of(rubric, card)?;
    for office in card.ranking() {
        out.write_all(rows.row(office.index()))?;
    }
    Ok(())
}

/// Every office's results row as CSV text (CRLF included), in dataset
/// order: the same cells as [`results_row`].
struct ResultRows {
    text: Vec<u8>,
    /// Where each office's row ends in `text`.
    ends: Vec<usize>,
}

/// Offices whose group subtotals are computed together.
const RUN: usize = 1024;

impl ResultRows {
    fn of(rubric: &Rubric, card: &Scorecard) -> std::io::Result<ResultRows> {
        let stamp = Stamp::of(rubric);
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(Vec::with_capacity(card.len() * 256));
        let mut ends = Vec::with_capacity(card.len());
        let precision = card.precision();
        let groups = rubric.groups().len();
        let mut units = Vec::new();
        let mut digits = Digits::default();
        for office in card.offices() {
            let o = office.index();
            if o % RUN == 0 {
                card.published_group_units(o..(o + RUN).min(card.len()), &mut units);
            }
            w.write_field(digits.units(i128::from(office.place()), 0))?;
            w.write_field(neutralise(office.name()).as_bytes())?;
            w.write_field(digits.decimal(office.total()))?;
            for &subtotal in &units[(o % RUN) * groups..][..groups] {
                w.write_field(digits.units(subtotal, precision))?;
            }
            for k in 0..rubric.adjustments().len() {
                w.write_field(rubric.publish(office.adjustment(k)))?;
            }
            if !rubric.adjustments().is_empty() {
                w.write_field(rubric.publish(office.limit()))?;
            }
            for slot in 0..rubric.leaves().len() {
                let (score, points) = office.published_leaf(slot);
                w.write_field(digits.decimal(score))?;
                w.write_field(digits.decimal(points))?;
            }
            w.write_field(&stamp.rubric)?;
            w.write_field(&stamp.fingerprint)?;
            w.write_record(None::<&[u8]>)?;
            // Into memory: nothing can fail.
            w.flush()?;
            ends.push(w.get_ref().len());
        }
        let text = w.into_inner().map_err(|e| e.into_error())?;
        Ok(ResultRows { text, ends })
    }

    fn row(&self, office: usize) -> &[u8] {
        let start = if office == 0 {
            0
        } else {
            self.ends[office - 1]
        };
        &self.text[start..self.ends[office]]
    }
}

/// The results as a CSV file for Excel, in memory (see [`results_row`]).
pub fn results_csv(rubric: &Rubric, card: &Scorecard, lang: Lang) -> Vec<u8> {
    let mut out = Vec::new();
    // Writing to a Vec cannot fail.
    let _ = write_results_csv(&mut out, rubric, card, lang);
    out
}

fn write_text_row(w: &mut csv::Writer<Vec<u8>>, cells: &[String]) {
    let _ = w.write_record(cells.iter().map(|c| neutralise(c).into_owned()));
}

/// The headers of an input file for `rubric`: `处室` and the Chinese labels
/// (`Lang::Zh`), or `office` and the input ids (`Lang::En`). Both are
/// accepted when the file is read back.
pub fn template_header(rubric: &Rubric, lang: Lang) -> Vec<String> {
    let mut h = vec![lang.pick("处室", "office").to_string()];
    h.extend(rubric.inputs().iter().map(|i| match lang {
        Lang::Zh => i.label.zh.clone(),
        Lang::En => i.id.clone(),
    }));
    h.extend(rubric.text_columns().iter().map(|c| match lang {
        Lang::Zh => c.label.zh.clone(),
        Lang::En => c.id.clone(),
    }));
    h
}

/// An empty input file for `rubric`, ready to fill in Excel.
pub fn template_csv(rubric: &Rubric, lang: Lang) -> Vec<u8> {
    let mut w = writer();
    write_text_row(&mut w, &template_header(rubric, lang));
    finish(w)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_in_ranking_order_are_the_rows_of_results_rows() {
        let yaml = include_str!("../../tests/fixtures/flat.yaml");
        let rubric = Rubric::from_yaml("flat.yaml", yaml).unwrap();
        let csv = "office,a,on_time,judged,asked,answered,late,extra
\"甲,\"\"处\"\"\",3,1,87.5,3,2,1,1
=乙处,5,0,90,0,0,0,4
丙,7,1,33.335,7,5,0,0
丁,7,0,0,9,9,9,0
";
        let table = crate::read_csv("x.csv", csv.as_bytes()).unwrap();
        let data = scoring_core::Dataset::from_table(&rubric, &table).unwrap();
        let card = scoring_core::score(&rubric, &data).unwrap();
        // What the rows were written as before: each row made in ranking
        // order and written by the csv crate.
        let mut w = writer();
        w.write_record(
            results_header(&rubric, Lang::Zh)
                .iter()
                .map(|c| neutralise(c).into_owned()),
        )
        .unwrap();
        for mut row in results_rows(&rubric, &card) {
            if let Cow::Owned(safe) = neutralise(&row[1]) {
                row[1] = safe;
            }
            w.write_record(&row).unwrap();
        }
        let want = finish(w);
        let got = results_csv(&rubric, &card, Lang::Zh);
        assert_eq!(
            String::from_utf8(got).unwrap(),
            String::from_utf8(want).unwrap()
        );
    }

    #[test]
    fn formulas_are_neutralised() {
        assert_eq!(neutralise("=SUM(A1)"), "'=SUM(A1)");
        assert_eq!(neutralise("+1"), "'+1");
        assert_eq!(neutralise("-1"), "'-1");
        assert_eq!(neutralise("@x"), "'@x");
        assert_eq!(neutralise("办公室"), "办公室");
        assert_eq!(neutralise(""), "");
    }

    #[test]
    fn template_has_bom_and_headers() {
        let rubric = Rubric::from_yaml("s", scoring_core::bundled::SHANDONG_2017).unwrap();
        let zh = template_csv(&rubric, Lang::Zh);
        assert!(zh.starts_with(BOM));
        let text = std::str::from_utf8(&zh[3..]).unwrap();
        assert!(text.starts_with("处室,重大决策和规范性文件草案公开数,"));
        assert!(text.ends_with("逾期未更新数据库数\r\n"));
        let en = template_csv(&rubric, Lang::En);
        let text = std::str::from_utf8(&en[3..]).unwrap();
        assert!(text.starts_with("office,decision_drafts,opinion_reports,"));
    }
}
