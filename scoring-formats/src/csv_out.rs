//! Writing CSV that Excel opens cleanly: UTF-8 with a byte-order mark (so
//! Chinese text is not garbled), CRLF line ends, and text cells that could
//! be read as formulas neutralised.

use std::borrow::Cow;

use std::io::Write;

use scoring_core::{Lang, OfficeScore, Rubric, Scorecard};

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
pub fn write_results_csv(
    out: &mut dyn Write,
    rubric: &Rubric,
    card: &Scorecard,
    lang: Lang,
) -> std::io::Result<()> {
    out.write_all(BOM)?;
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(out);
    let header = results_header(rubric, lang);
    w.write_record(header.iter().map(|c| neutralise(c).into_owned()))?;
    let stamp = Stamp::of(rubric);
    for office in card.ranking() {
        let mut row = results_row(rubric, &office, &stamp);
        // Column 1 (office) is text; the rest are our own numbers.
        if let Cow::Owned(safe) = neutralise(&row[1]) {
            row[1] = safe;
        }
        w.write_record(&row)?;
    }
    w.flush()
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
