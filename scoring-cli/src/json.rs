//! `--format json`: results for programs.
//!
//! ```json
//! {"rubric": {"id": …, "title": …, "version": …, "source": …, "precision": 2},
//!  "offices": [{"office": "办公室", "total": "96.85", "rank": 1,
//!               "groups": {"portal": "78.00", …}, "adjustments": {…},
//!               "indicators": {"decision_drafts": {"score": "95.00",
//!                 "points": "4.75", "place": 2}, …}}, …]}
//! ```
//!
//! Compact (one line: pipe it through `jq` to read it). Offices are in
//! data-file order. Decimals are strings at the rubric's precision; `place`
//! appears for ranked leaves (out of `offices.length`). With `--explain`
//! (or `--explain-all`) leaves also carry `explanation` and `rule`, in the
//! chosen language.
//!
//! The document is written as it is produced, not built in memory first:
//! 100 000 offices make some 130 MB of JSON.

use std::io::{self, Write};

use rust_decimal::Decimal;
use scoring_core::items::Status;
use scoring_core::{Lang, explain};

use crate::text::Scored;

/// Writes a JSON string (quoted and escaped).
fn string<W: Write + ?Sized>(out: &mut W, s: &str) -> io::Result<()> {
    serde_json::to_writer(&mut *out, s).map_err(io::Error::other)
}

/// Writes a published figure as a JSON string: `"95.00"`. `value` must
/// already be rounded to the rubric's precision (its scale is then that
/// precision), which `Rubric::round` guarantees.
fn figure<W: Write + ?Sized>(out: &mut W, value: Decimal) -> io::Result<()> {
    let mut digits = [0u8; 48];
    let mut i = digits.len();
    // Published figures are small: 64-bit division is far cheaper.
    let mantissa = value.mantissa().unsigned_abs();
    let Ok(mut m) = u64::try_from(mantissa) else {
        return write!(out, "\"{value}\"");
    };
    let scale = value.scale() as usize;
    let mut written = 0;
    loop {
        if written == scale && scale > 0 {
            i -= 1;
            digits[i] = b'.';
        }
        i -= 1;
        digits[i] = b'0' + (m % 10) as u8;
        m /= 10;
        written += 1;
        if m == 0 && written > scale {
            break;
        }
    }
    if value.is_sign_negative() && !value.is_zero() {
        i -= 1;
        digits[i] = b'-';
    }
    out.write_all(b"\"")?;
    out.write_all(&digits[i..])?;
    out.write_all(b"\"")
}

/// Writes the whole document to `out`.
pub fn write_results<W: Write + ?Sized>(
    out: &mut W,
    scored: &Scored<'_>,
    explained: &[usize],
    all: bool,
    lang: Lang,
) -> io::Result<()> {
    let Scored {
        rubric,
        data,
        card,
        items,
    } = *scored;
    out.write_all(b"{\"rubric\":{\"id\":")?;
    string(out, rubric.id())?;
    out.write_all(b",\"title\":")?;
    string(out, rubric.title().get(lang))?;
    out.write_all(b",\"version\":")?;
    string(out, rubric.version())?;
    out.write_all(b",\"source\":")?;
    string(out, rubric.source())?;
    write!(
        out,
        ",\"precision\":{},\"fingerprint\":\"{}\"}},\"offices\":[",
        rubric.precision(),
        rubric.fingerprint()
    )?;

    // Keys are ids (`snake_case`, nothing to escape): quote them once.
    let quoted = |id: &str| format!("\"{id}\":");
    let group_keys: Vec<String> = rubric
        .groups()
        .iter()
        .map(|&g| quoted(&rubric.indicator(g).id))
        .collect();
    let leaf_keys: Vec<String> = rubric
        .leaves()
        .iter()
        .map(|&l| quoted(&rubric.indicator(l).id))
        .collect();
    let adjustment_keys: Vec<String> = rubric.adjustments().iter().map(|a| quoted(&a.id)).collect();

    for office in card.offices() {
        let o = office.index();
        if o > 0 {
            out.write_all(b",")?;
        }
        out.write_all(b"{\"office\":")?;
        string(out, office.name())?;
        out.write_all(b",\"total\":")?;
        figure(out, office.total())?;
        write!(out, ",\"rank\":{},\"groups\":{{", office.place())?;
        for (slot, key) in group_keys.iter().enumerate() {
            if slot > 0 {
                out.write_all(b",")?;
            }
            out.write_all(key.as_bytes())?;
            figure(out, office.published_group(slot))?;
        }
        out.write_all(b"}")?;
        if !adjustment_keys.is_empty() {
            out.write_all(b",\"adjustments\":{")?;
            for (k, key) in adjustment_keys.iter().enumerate() {
                if k > 0 {
                    out.write_all(b",")?;
                }
                out.write_all(key.as_bytes())?;
                figure(out, rubric.round(office.adjustment(k)))?;
            }
            out.write_all(b"}")?;
        }
        out.write_all(b",\"indicators\":{")?;
        let explain_this = all || explained.contains(&o);
        for (slot, key) in leaf_keys.iter().enumerate() {
            if slot > 0 {
                out.write_all(b",")?;
            }
            let r = office.leaf(slot);
            out.write_all(key.as_bytes())?;
            out.write_all(b"{\"score\":")?;
            figure(out, rubric.round(r.score))?;
            out.write_all(b",\"points\":")?;
            figure(out, rubric.round(r.points))?;
            if let Some(p) = r.placing {
                write!(out, ",\"place\":{}", p.place)?;
            }
            if explain_this {
                let method = rubric
                    .indicator(rubric.leaves()[slot])
                    .method()
                    .expect("leaves have methods");
                out.write_all(b",\"explanation\":")?;
                string(out, &explain::leaf(rubric, data, card, o, slot, lang))?;
                out.write_all(b",\"rule\":")?;
                string(out, &explain::rule(rubric, method, lang))?;
            }
            out.write_all(b"}")?;
        }
        out.write_all(b"}")?;
        if explain_this && let Some(note) = explain::total_note(rubric, card, o, lang) {
            out.write_all(b",\"total_note\":")?;
            string(out, &note)?;
        }
        if let Some(j) = items {
            out.write_all(b",\"items\":[")?;
            for (n, (item, judged)) in j.items_of(office.name()).enumerate() {
                if n > 0 {
                    out.write_all(b",")?;
                }
                out.write_all(b"{\"item\":")?;
                string(out, &item.id)?;
                out.write_all(b",\"indicator\":")?;
                string(out, &rubric.indicator(rubric.leaves()[item.leaf]).id)?;
                write!(
                    out,
                    ",\"received\":\"{}\",\"due\":\"{}\",\"working_days\":{},\"status\":\"{}\"",
                    item.received,
                    judged.effective_due(),
                    judged
                        .taken
                        .map(|t| t.to_string())
                        .unwrap_or_else(|| "null".into()),
                    match judged.status {
                        Status::OnTime => "on_time",
                        Status::Late => "late",
                        Status::Open => "open",
                    }
                )?;
                match judged.answered {
                    Some(a) => write!(out, ",\"answered\":\"{a}\"")?,
                    None => out.write_all(b",\"answered\":null")?,
                }
                out.write_all(b",\"explanation\":")?;
                string(
                    out,
                    &scoring_core::items::describe(item, judged, j.period_end, lang),
                )?;
                out.write_all(b"}")?;
            }
            out.write_all(b"]")?;
        }
        out.write_all(b"}")?;
    }
    out.write_all(b"]}\n")
}

#[cfg(test)]
mod tests {
    use super::figure;
    use rust_decimal::Decimal;
    use std::str::FromStr;

    #[test]
    fn figures_print_like_decimals() {
        for s in [
            "95.00",
            "0.00",
            "4.75",
            "100",
            "0.05",
            "-30.00",
            "12",
            "0.5",
            "1234567.891",
        ] {
            let d = Decimal::from_str(s).unwrap();
            let mut out = Vec::new();
            figure(&mut out, d).unwrap();
            assert_eq!(String::from_utf8(out).unwrap(), format!("\"{d}\""), "{s}");
        }
    }
}
