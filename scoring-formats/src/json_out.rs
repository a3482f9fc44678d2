//! The results as JSON, for programs: what `scoring score --format json`
//! prints, and the same JSON as `serde_json` makes of a
//! [`scoring_core::Report`] (a test keeps the two equal), written as it is
//! produced rather than built in memory first.
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
//! appears for ranked leaves (out of `offices.length`). Explained offices'
//! leaves also carry `explanation` and `rule`, in the chosen language.
//!
//! The document is written as it is produced, not built in memory first:
//! 100 000 offices make some 130 MB of JSON.

use std::io::{self, Write};

use rust_decimal::Decimal;
use scoring_core::diff::{
    Change, Impact, RubricDiff, Subject, change_text_in, driver_name, round_change, subject_name,
};
use scoring_core::items::Status;
use scoring_core::{Dataset, Explanations, Lang, ReportOptions, Rubric, Scorecard, explain};
use serde_json::json;

use crate::digits::Digits;

/// How much JSON is gathered before it is handed to the writer.
const CHUNK: usize = 1 << 20;

/// The document as it is produced: small pieces appended to a buffer in
/// memory (which cannot fail), handed to the writer a megabyte at a time.
struct Sink<'w, W: Write + ?Sized> {
    buf: Vec<u8>,
    out: &'w mut W,
}

impl<W: Write + ?Sized> Sink<'_, W> {
    fn raw(&mut self, bytes: &[u8]) {
        self.buf.extend_from_slice(bytes);
    }

    /// A JSON string, quoted and escaped.
    fn string(&mut self, s: &str) {
        string(&mut self.buf, s);
    }

    fn figure(&mut self, value: Decimal) {
        figure(&mut self.buf, value);
    }

    /// A published figure (at the precision of `figures`), from the table
    /// when it is there.
    fn figure_at(&mut self, figures: &Figures, value: Decimal) {
        if value.scale() == figures.precision {
            // Signed: `-1.25` is -125.
            figures.write(&mut self.buf, value.mantissa());
        } else {
            figure(&mut self.buf, value);
        }
    }

    fn int(&mut self, n: u64) {
        self.raw(itoa::Buffer::new().format(n).as_bytes());
    }

    /// Hands the buffer over once it is full.
    fn spill(&mut self) -> io::Result<()> {
        if self.buf.len() >= CHUNK {
            self.out.write_all(&self.buf)?;
            self.buf.clear();
        }
        Ok(())
    }

    fn finish(self) -> io::Result<()> {
        self.out.write_all(&self.buf)
    }
}

/// Appends a JSON string (quoted and escaped).
fn string(buf: &mut Vec<u8>, s: &str) {
    // Office names rarely need escaping: copy them as they are.
    if s.bytes().all(|b| b >= 0x20 && b != b'"' && b != b'\\') {
        buf.push(b'"');
        buf.extend_from_slice(s.as_bytes());
        buf.push(b'"');
    } else {
        // Writing to a Vec cannot fail.
        let _ = serde_json::to_writer(&mut *buf, s);
    }
}

/// Appends a published figure as a JSON string: `"95.00"` (a negative
/// zero as `"0.00"`).
fn figure(buf: &mut Vec<u8>, value: Decimal) {
    units_figure(buf, value.mantissa(), value.scale());
}

/// "00" to "99", each pair of digits as a little-endian `u16`.
const DIGIT_PAIRS: [u16; 100] = {
    let mut pairs = [0u16; 100];
    let mut k = 0;
    while k < 100 {
        pairs[k] = (b'0' + (k / 10) as u8) as u16 | ((b'0' + (k % 10) as u8) as u16) << 8;
        k += 1;
    }
    pairs
};

/// Appends a whole number followed by `then` (a closing brace, or nothing).
///
/// Numbers below 10⁸ (any place among a hundred million offices) are
/// spelled two digits at a time into one 64-bit word, which is stored
/// whole, and the bytes past the last digit taken back: no library call,
/// and no bytes copied through memory just written (which stalls the
/// processor), for the 1.6 million places of 100 000 offices.
fn int_then(buf: &mut Vec<u8>, n: u32, then: &[u8]) {
    if n >= 100_000_000 {
        buf.extend_from_slice(itoa::Buffer::new().format(n).as_bytes());
    } else {
        let len = match n {
            0..10 => 1,
            10..100 => 2,
            100..1_000 => 3,
            1_000..10_000 => 4,
            10_000..100_000 => 5,
            100_000..1_000_000 => 6,
            1_000_000..10_000_000 => 7,
            _ => 8,
        };
        // All eight digits, zeros in front; little-endian, so the first
        // digit is the lowest byte, and shifting drops the zeros.
        let pair = |k: u32| u64::from(DIGIT_PAIRS[k as usize]);
        let (high, low) = (n / 10_000, n % 10_000);
        let padded = pair(high / 100)
            | pair(high % 100) << 16
            | pair(low / 100) << 32
            | pair(low % 100) << 48;
        let word = padded >> (8 * (8 - len));
        let end = buf.len() + len;
        buf.extend_from_slice(&word.to_le_bytes());
        buf.truncate(end);
    }
    for &b in then {
        buf.push(b);
    }
}

/// Appends `units` of 10^-`scale` (`550` at scale 2 is `"5.50"`) as a
/// JSON string: the same text as [`figure`] gives the decimal.
fn units_figure(buf: &mut Vec<u8>, units: i128, scale: u32) {
    buf.push(b'"');
    buf.extend_from_slice(Digits::default().units(units, scale));
    buf.push(b'"');
}

/// The text of every published figure from 0 up to a limit (subtotals lie
/// between 0 and the rubric total): a million subtotals are then copied,
/// not formatted.
struct Figures {
    precision: u32,
    text: Vec<u8>,
    /// Where the text of `units` ends (it starts where `units − 1` ends).
    ends: Vec<u32>,
}

impl Figures {
    /// Figures from 0 to `limit` units (at most 65 537 of them: 0 to 2¹⁶).
    fn new(precision: u32, limit: i128) -> Figures {
        let count = usize::try_from(limit.clamp(-1, 1 << 16) + 1).unwrap_or(0);
        let mut text = Vec::with_capacity(count * 8);
        let mut ends = Vec::with_capacity(count);
        for units in 0..count {
            units_figure(&mut text, units as i128, precision);
            ends.push(text.len() as u32);
        }
        Figures {
            precision,
            text,
            ends,
        }
    }

    fn write(&self, buf: &mut Vec<u8>, units: i128) {
        match usize::try_from(units) {
            Ok(u) if u < self.ends.len() => {
                let start = if u == 0 { 0 } else { self.ends[u - 1] as usize };
                buf.extend_from_slice(&self.text[start..self.ends[u] as usize]);
            }
            _ => units_figure(buf, units, self.precision),
        }
    }
}

/// Writes every office's results as one JSON document (see the module
/// documentation), with explanations and items as `options` asks.
pub fn write_results_json<W: Write + ?Sized>(
    out: &mut W,
    rubric: &Rubric,
    data: &Dataset,
    card: &Scorecard,
    options: &ReportOptions<'_>,
) -> io::Result<()> {
    let lang = options.lang;
    let mut out = Sink {
        buf: Vec::with_capacity(CHUNK + (CHUNK >> 2)),
        out,
    };
    out.raw(b"{\"rubric\":{\"id\":");
    out.string(rubric.id());
    out.raw(b",\"title\":");
    out.string(rubric.title().get(lang));
    out.raw(b",\"version\":");
    out.string(rubric.version());
    out.raw(b",\"source\":");
    out.string(rubric.source());
    out.raw(b",\"precision\":");
    out.int(u64::from(rubric.precision()));
    out.raw(b",\"fingerprint\":");
    out.string(&rubric.fingerprint().to_string());
    out.raw(b"},\"offices\":[");

    // Keys are ids (`snake_case`, nothing to escape): quoted once, with
    // the separator or opening that comes before each, so that an office
    // is written in as few pieces as possible.
    let keyed = |first: &str, i: usize, id: &str| {
        if i == 0 {
            format!("{first}\"{id}\":")
        } else {
            format!(",\"{id}\":")
        }
    };
    let group_keys: Vec<String> = rubric
        .groups()
        .enumerate()
        .map(|(i, (_, g))| keyed(",\"groups\":{", i, &g.id))
        .collect();
    let leaves: Vec<_> = rubric.leaves().collect();
    let leaf_keys: Vec<String> = leaves
        .iter()
        .enumerate()
        .map(|(i, (_, l))| keyed(",\"indicators\":{", i, &l.id))
        .collect();
    let adjustment_keys: Vec<String> = rubric
        .adjustments()
        .enumerate()
        .map(|(i, (_, a))| keyed(",\"adjustments\":{", i, &a.id))
        .collect();
    // `,"key":{"score":"95.00","points":"4.75"` for each leaf and pair of
    // figures offices share (see `PublishedOffice::shared`), made when
    // first needed: a rank has a handful of distinct scores. A ranked
    // leaf's ends in `,"place":`, its number following.
    let mut fragments: Vec<Vec<Option<Vec<u8>>>> = vec![Vec::new(); leaf_keys.len()];
    // `,"key":{"score":` for leaves whose figures are each office's own.
    let own_keys: Vec<Vec<u8>> = leaf_keys
        .iter()
        .map(|key| format!("{key}{{\"score\":").into_bytes())
        .collect();
    let fragment = |key: &str, (score, points): (Decimal, Decimal), ranked: bool| {
        let mut f = Vec::with_capacity(64);
        f.extend_from_slice(key.as_bytes());
        f.extend_from_slice(b"{\"score\":");
        figure(&mut f, score);
        f.extend_from_slice(b",\"points\":");
        figure(&mut f, points);
        if ranked {
            f.extend_from_slice(b",\"place\":");
        }
        f
    };

    // The text of every figure from 0 to the rubric total, copied rather
    // than formatted.
    let precision = card.precision();
    let figures = Figures::new(
        precision,
        rubric
            .total()
            .checked_mul(Decimal::from(10u64.pow(precision.min(19))))
            .map(|t| t.trunc().mantissa())
            .unwrap_or(0),
    );

    let grading = rubric.grading();
    let mut rows = card.published();
    let mut first = true;
    while let Some(row) = rows.next_office() {
        let office = row.office();
        let o = office.ix();
        out.raw(if first {
            b"{\"office\":"
        } else {
            b",{\"office\":"
        });
        first = false;
        out.string(office.name());
        if let Some(k) = office.category()
            && let Some(c) = rubric.categories().and_then(|c| c.list.get(k))
        {
            out.raw(b",\"category\":");
            out.string(&c.id);
        }
        out.raw(b",\"total\":");
        out.figure_at(&figures, row.total());
        out.raw(b",\"rank\":");
        int_then(&mut out.buf, row.place(), b"");
        if let Some(b) = office.band() {
            out.raw(b",\"grade\":");
            out.string(grading.bands[b].name.get(lang));
        }
        if let Some(k) = office.veto() {
            out.raw(b",\"veto\":");
            out.string(&grading.vetoes[k].id);
        }
        if grading.top_share.is_some() {
            out.raw(if office.in_top_share() {
                b",\"top_share\":true"
            } else {
                b",\"top_share\":false"
            });
        }
        if group_keys.is_empty() {
            out.raw(b",\"groups\":{");
        }
        for (key, subtotal) in group_keys.iter().zip(row.groups()) {
            out.raw(key.as_bytes());
            out.figure_at(&figures, subtotal);
        }
        out.raw(b"}");
        if !adjustment_keys.is_empty() {
            for ((k, _), key) in rubric.adjustments().zip(&adjustment_keys) {
                out.raw(key.as_bytes());
                out.figure(row.adjustment(k));
            }
            out.raw(b"}");
            for (k, pool) in rubric.bonus_pools().iter().enumerate() {
                out.raw(if k == 0 { b",\"pools\":{" } else { b"," });
                out.string(&pool.id);
                out.raw(b":");
                out.figure(row.pool_cut(k));
            }
            if !rubric.bonus_pools().is_empty() {
                out.raw(b"}");
            }
            // What keeping the total within [0, rubric total] changed:
            // points, adjustments and this add up to the total.
            out.raw(b",\"limit\":");
            out.figure(row.limit());
        }
        let explain_this = match &options.explanations {
            Explanations::None => false,
            Explanations::All => true,
            Explanations::Offices(names) => names.iter().any(|n| n == office.name()),
        };
        // Without explanations, a leaf's closing brace goes with its place.
        let close: &[u8] = if explain_this { b"" } else { b"}" };
        for (k, &(leaf, _)) in leaves.iter().enumerate() {
            let place = row.leaf_place(leaf);
            if row.not_applicable(leaf) {
                // Not applicable: nothing earned, and said so.
                out.raw(&own_keys[k]);
                out.figure_at(&figures, row.leaf(leaf).0);
                out.raw(b",\"points\":");
                out.figure_at(&figures, row.leaf(leaf).1);
                out.raw(b",\"not_applicable\":true");
                out.raw(close);
                if explain_this {
                    let why = explain::leaf_explanation(rubric, data, card, o, leaf);
                    out.raw(b",\"explanation\":");
                    out.string(&why.message(lang));
                    out.raw(b",\"rule\":");
                    out.string(&why.rule(lang));
                    out.raw(b"}");
                }
                continue;
            }
            match row.shared(leaf) {
                Some(share) => {
                    let cached = &mut fragments[k];
                    let share = share as usize;
                    if cached.len() <= share {
                        cached.resize(share + 1, None);
                    }
                    let f = cached[share].get_or_insert_with(|| {
                        fragment(&leaf_keys[k], row.leaf(leaf), place.is_some())
                    });
                    out.buf.extend_from_slice(f);
                }
                None => {
                    // Figures of the office's own (answer rates…): the
                    // key, then each figure from the table of figures.
                    let (score, points) = row.leaf(leaf);
                    out.raw(&own_keys[k]);
                    out.figure_at(&figures, score);
                    out.raw(b",\"points\":");
                    out.figure_at(&figures, points);
                    if place.is_some() {
                        out.raw(b",\"place\":");
                    }
                }
            }
            match place {
                Some(place) => int_then(&mut out.buf, place, close),
                None => out.raw(close),
            }
            if explain_this {
                let why = explain::leaf_explanation(rubric, data, card, o, leaf);
                out.raw(b",\"explanation\":");
                out.string(&why.message(lang));
                out.raw(b",\"rule\":");
                out.string(&why.rule(lang));
                out.raw(b"}");
            }
        }
        out.raw(b"}");
        if explain_this && let Some(note) = explain::total_note(rubric, card, o, lang) {
            out.raw(b",\"total_note\":");
            out.string(&note);
        }
        if explain_this && let Some(note) = explain::na_note(rubric, card, o, lang) {
            out.raw(b",\"na_note\":");
            out.string(&note);
        }
        if explain_this && let Some(note) = explain::grade_note(rubric, card, o, lang) {
            out.raw(b",\"grade_note\":");
            out.string(&note);
        }
        if let Some(j) = options.items {
            out.raw(b",\"items\":[");
            for (n, (item, judged)) in j.items_of(office.name()).enumerate() {
                if n > 0 {
                    out.raw(b",");
                }
                out.raw(b"{\"item\":");
                out.string(&item.id);
                out.raw(b",\"indicator\":");
                out.string(&rubric.leaf(item.leaf).id);
                out.raw(
                    format!(
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
                    )
                    .as_bytes(),
                );
                match judged.answered {
                    Some(a) => out.raw(format!(",\"answered\":\"{a}\"").as_bytes()),
                    None => out.raw(b",\"answered\":null"),
                }
                out.raw(b",\"explanation\":");
                out.string(&scoring_core::items::describe(
                    item,
                    judged,
                    j.period_end,
                    lang,
                ));
                out.raw(b"}");
            }
            out.raw(b"]");
        }
        out.raw(b"}");
        out.spill()?;
    }
    out.raw(b"]}\n");
    out.finish()
}

fn subject_json(s: &Subject) -> serde_json::Value {
    match s {
        Subject::Rubric => json!({"type": "rubric"}),
        Subject::Indicator(id) => json!({"type": "indicator", "id": id}),
        Subject::Input(id) => json!({"type": "input", "id": id}),
        Subject::TextColumn(id) => json!({"type": "text_column", "id": id}),
        Subject::Adjustment(id) => json!({"type": "adjustment", "id": id}),
        Subject::CalendarDay(d) => json!({"type": "calendar_day", "id": d.to_string()}),
    }
}

/// A rubric diff (and its impact on every office, when scored on data)
/// as JSON for programs: what `scoring diff --format json` prints and the
/// JavaScript package's `diff` returns. `late_judged`: whether the impact
/// judged late answers from an item log; when it did not and a deadline
/// changed, the impact carries `late_counts_typed` and a note (its late
/// counts are the data's, not judged by the new deadline).
pub fn diff_json(
    old: &Rubric,
    new: &Rubric,
    diff: &RubricDiff,
    impact: Option<&Impact>,
    late_judged: bool,
    lang: Lang,
) -> String {
    let about =
        |r: &Rubric| json!({"id": r.id(), "version": r.version(), "fingerprint": r.fingerprint()});
    // What can move a figure first, then wording, as the text and the page
    // list them.
    let changes: Vec<serde_json::Value> = diff
        .entries
        .iter()
        .filter(|e| !e.change.is_wording(&e.subject))
        .chain(
            diff.entries
                .iter()
                .filter(|e| e.change.is_wording(&e.subject)),
        )
        .map(|e| {
            let mut v = match &e.change {
                Change::Added(what) => json!({"change": "added", "what": what.get(lang)}),
                Change::Removed(what) => json!({"change": "removed", "what": what.get(lang)}),
                Change::Moved { from, to } => json!({"change": "moved", "old": from, "new": to}),
                Change::Field { field, old, new } => {
                    json!({"change": "field", "field": field, "old": old, "new": new})
                }
            };
            v["subject"] = subject_json(&e.subject);
            // What changed in words (`指标 上网信息量（site_volume）`), so
            // that a change's text can be read on its own.
            v["subject"]["name"] = json!(subject_name(&e.subject, old, new, lang));
            v["text"] = json!(change_text_in(&e.change, old, new, lang));
            // Wording alone (names, help texts…): no figure can move.
            v["wording"] = json!(e.change.is_wording(&e.subject));
            v
        })
        .collect();
    let mut doc = json!({"old": about(old), "new": about(new), "changes": changes});
    if let Some(impact) = impact {
        let offices: Vec<serde_json::Value> = impact
            .offices
            .iter()
            .map(|o| {
                json!({
                    "office": o.office,
                    "old_total": old.publish(o.old_total),
                    "old_place": o.old_place,
                    "new_total": new.publish(o.new_total),
                    "new_place": o.new_place,
                    "change": round_change(old, new, o.delta()).to_string(),
                    "rounding_only": o.rounding_only(),
                    "drivers": o.drivers.iter().map(|d| json!({
                        "id": d.id,
                        "name": driver_name(&d.id, old, new, lang),
                        "old_points": old.publish(d.old_points),
                        "new_points": new.publish(d.new_points),
                        "change": round_change(old, new, d.delta()).to_string(),
                    })).collect::<Vec<_>>(),
                })
            })
            .collect();
        doc["impact"] = json!({"unchanged": impact.unchanged(), "offices": offices});
        if diff.changes_deadline() && !late_judged {
            doc["impact"]["late_counts_typed"] = json!(true);
            doc["impact"]["note"] = json!(lang.pick(
                "答复期限有变更：此处的超期条数是数据中所填的，未按新期限重新判断；要看期限变更对得分的影响，须按事项登记判断超期。",
                "A deadline changed: the late counts here are the data's, not judged again by the new deadline; its effect on scores shows only when lateness is judged from an item log."
            ));
        }
    }
    let mut s = serde_json::to_string_pretty(&doc).unwrap_or_default();
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::figure;
    use rust_decimal::Decimal;
    use std::str::FromStr;

    #[test]
    fn figures_from_units_print_like_decimals() {
        for precision in [0, 1, 2, 4, 10] {
            let cached = super::Figures::new(precision, 300);
            for units in [
                0i128, 1, 5, 9, 10, 99, 100, 101, 250, 299, 300, 301, 12345, -5, -1234,
            ] {
                let d = Decimal::from_i128_with_scale(units, precision);
                let (mut a, mut b, mut c) = (Vec::new(), Vec::new(), Vec::new());
                figure(&mut a, d);
                super::units_figure(&mut b, units, precision);
                cached.write(&mut c, units);
                assert_eq!(
                    String::from_utf8(b).unwrap(),
                    String::from_utf8(a.clone()).unwrap()
                );
                assert_eq!(c, a, "{units} at {precision}");
            }
        }
    }

    #[test]
    fn whole_numbers_print_like_itoa() {
        let mut out = Vec::new();
        let mut want = String::new();
        let edges = [
            0u32,
            7,
            9,
            10,
            99,
            100,
            12_345,
            99_999_999,
            100_000_000,
            u32::MAX,
        ];
        for n in edges.into_iter().chain((0..2000).map(|k| k * 49_999)) {
            super::int_then(&mut out, n, b"}");
            want.push_str(&format!("{n}}}"));
        }
        super::int_then(&mut out, 5, b"");
        want.push('5');
        assert_eq!(String::from_utf8(out).unwrap(), want);
    }

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
            figure(&mut out, d);
            assert_eq!(String::from_utf8(out).unwrap(), format!("\"{d}\""), "{s}");
        }
    }
}
