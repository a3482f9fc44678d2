//! # scoring-js
//!
//! The engine for JavaScript: what `scoring-core` and `scoring-formats`
//! do, exported with `wasm-bindgen` for the npm package that
//! `scripts/js-package.sh` builds (`scoring-js/js/` holds its JavaScript
//! face and TypeScript types). Values cross as JSON text, which the
//! package parses: the report is exactly the `Report` the Rust API and
//! `scoring score --format json` give, decimals as strings.
//!
//! Errors are thrown as JSON text `{"kind": …, "diagnostics": […]}`, each
//! diagnostic with its code, file, line, column, office, input and message
//! in Chinese and English; the package turns it into a `ScoringError`.
//!
//! CSV only: GB18030 is decoded by the platform's `TextDecoder` (Node 20
//! and browsers have it), and XLSX is a module of its own
//! (`scoring-web-xlsx`, the package's `xlsx` entry), so that CSV users do
//! not download it.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

use std::rc::Rc;

use scoring_core::{Dataset, Diagnostic, Explanations, Lang, Report, ReportOptions, Scorecard};
use wasm_bindgen::prelude::*;

/// A thrown error: its kind and its located problems.
fn fail(kind: &str, diagnostics: Vec<Diagnostic>) -> JsValue {
    let doc = serde_json::json!({"kind": kind, "diagnostics": diagnostics});
    JsValue::from_str(&doc.to_string())
}

/// A usage error (an unknown language, options that are not options).
fn usage(code: &str, zh: String, en: String) -> JsValue {
    fail(
        "usage",
        vec![Diagnostic::new(code, |lang| match lang {
            Lang::Zh => zh.clone(),
            Lang::En => en.clone(),
        })],
    )
}

/// An office asked about (`explain`, the option `explanations`) that was
/// not scored.
fn unknown_office(office: &str) -> JsValue {
    fail("usage", vec![unknown_office_diagnostic(office)])
}

fn unknown_office_diagnostic(office: &str) -> Diagnostic {
    let office = office.to_string();
    Diagnostic::new("usage.unknown_office", move |lang| match lang {
        Lang::Zh => format!("评分结果中没有处室“{office}”"),
        Lang::En => format!("no office `{office}` was scored"),
    })
}

fn lang_of(lang: &str) -> Result<Lang, JsValue> {
    match lang {
        "zh" => Ok(Lang::Zh),
        "en" => Ok(Lang::En),
        other => Err(usage(
            "usage.lang",
            format!("未知的语言“{other}”：应为 zh 或 en"),
            format!("unknown language `{other}`: zh or en"),
        )),
    }
}

/// A rubric, loaded and checked.
#[wasm_bindgen]
pub struct Rubric {
    inner: Rc<scoring_core::Rubric>,
}

#[wasm_bindgen]
impl Rubric {
    /// The rubric's id.
    #[wasm_bindgen(getter)]
    pub fn id(&self) -> String {
        self.inner.id().to_string()
    }

    /// The rubric's version.
    #[wasm_bindgen(getter)]
    pub fn version(&self) -> String {
        self.inner.version().to_string()
    }

    /// The rubric's title in `lang` (`zh`, `en`).
    pub fn title(&self, lang: &str) -> Result<String, JsValue> {
        Ok(self.inner.title().get(lang_of(lang)?).to_string())
    }

    /// The SHA-256 fingerprint of the rubric's meaning (64 hex digits).
    pub fn fingerprint(&self) -> String {
        self.inner.fingerprint()
    }

    /// An empty data file for the rubric: CSV text, the header row in
    /// `lang` (without the byte-order mark Excel's copy has).
    pub fn template(&self, lang: &str) -> Result<String, JsValue> {
        let bytes = scoring_formats::template_csv(&self.inner, lang_of(lang)?);
        let text = String::from_utf8_lossy(&bytes);
        Ok(text.trim_start_matches('\u{feff}').to_string())
    }
}

/// Loads a rubric from its YAML text; `name` names it in errors.
#[wasm_bindgen(js_name = loadRubric)]
pub fn load_rubric(name: &str, yaml: &str) -> Result<Rubric, JsValue> {
    scoring_core::Rubric::from_yaml(name, yaml)
        .map(|r| Rubric { inner: Rc::new(r) })
        .map_err(|e| fail("rubric", e.diagnostics()))
}

/// How a report is made, from the package's options as JSON
/// (`{"lang": "en", "explanations": true | ["办公室", …]}`); `explaining`:
/// whether `explanations` is an option of the call (a diff has none).
///
/// Read through `serde_json::Value` by hand rather than derived: a derived
/// reader's messages format floats with the standard library's float
/// formatting, which weighed some 6 KB of the package.
fn options(json: &str, explaining: bool) -> Result<(Lang, Explanations), JsValue> {
    use serde_json::Value;
    let bad = |zh: &str, en: &str| {
        usage(
            "usage.options",
            format!("选项无法识别：{zh}"),
            format!("options not understood: {en}"),
        )
    };
    if json.trim().is_empty() {
        return Ok((Lang::Zh, Explanations::None));
    }
    let value: Value = serde_json::from_str(json).map_err(|_| bad("不是 JSON", "not JSON"))?;
    let Value::Object(map) = value else {
        return Err(bad("应为一个对象", "they should be an object"));
    };
    let mut lang = Lang::Zh;
    let mut explanations = Explanations::None;
    for (key, v) in map {
        match (key.as_str(), v) {
            ("lang", Value::String(l)) => lang = lang_of(&l)?,
            ("lang", Value::Null) => {}
            ("explanations", _) if !explaining => {
                return Err(bad(
                    "比较评分细则没有 explanations 选项",
                    "a diff takes no option `explanations`",
                ));
            }
            ("explanations", Value::Bool(true)) => explanations = Explanations::All,
            ("explanations", Value::Bool(false) | Value::Null) => {}
            ("explanations", Value::Array(names)) if let Some(names) = strings(&names) => {
                explanations = Explanations::Offices(names);
            }
            ("lang", _) => return Err(bad("lang 应为 zh 或 en", "lang should be zh or en")),
            ("explanations", _) => {
                return Err(bad(
                    "explanations 应为 true、false 或处室名称的列表",
                    "explanations should be true, false or a list of offices' names",
                ));
            }
            (other, _) => {
                return Err(bad(
                    &format!("未知的选项“{other}”"),
                    &format!("unknown option `{other}`"),
                ));
            }
        }
    }
    Ok((lang, explanations))
}

/// A dataset scored by a rubric: the report, and explanations on demand.
#[wasm_bindgen]
pub struct Scored {
    rubric: Rc<scoring_core::Rubric>,
    data: Dataset,
    card: Scorecard,
    report: String,
}

#[wasm_bindgen]
impl Scored {
    /// The report as JSON (`Report`'s shape).
    pub fn report(&self) -> String {
        self.report.clone()
    }

    /// How `office` (its name) came by its score on `indicator` (a leaf
    /// indicator's id), as JSON: the value, place among how many, score,
    /// weight, points, and the sentence in `lang`.
    pub fn explain(&self, office: &str, indicator: &str, lang: &str) -> Result<String, JsValue> {
        let lang = lang_of(lang)?;
        let Some(why) =
            scoring_core::explain::find(&self.rubric, &self.data, &self.card, office, indicator)
        else {
            let known_office = self.card.find(office).is_some();
            if !known_office {
                return Err(unknown_office(office));
            }
            return Err(usage(
                "usage.unknown_indicator",
                format!("评分细则中没有末级指标“{indicator}”"),
                format!("the rubric has no leaf indicator `{indicator}`"),
            ));
        };
        let r = &self.rubric;
        let doc = serde_json::json!({
            "office": office,
            "indicator": indicator,
            "value": why.value.normalize().to_string(),
            "place": why.place,
            "of": why.of,
            "score": r.publish(why.score),
            "weight": why.weight.normalize().to_string(),
            "points": r.publish(why.points),
            "rule": why.rule(lang),
            "message": why.message(lang),
        });
        Ok(doc.to_string())
    }
}

/// Reads data for `rubric`: CSV bytes (UTF-8, UTF-16 or GB18030 by the
/// platform's `TextDecoder`), or a table given as JSON rows
/// `[[line, [cells…]], …]`, header first.
fn read(rubric: &scoring_core::Rubric, name: &str, data: &Data) -> Result<Dataset, JsValue> {
    let table = match data {
        Data::Bytes(bytes) => {
            let text = scoring_formats::encoding::decode_with(name, bytes, &gb18030)
                .map_err(|e| fail("format", vec![e.diagnostic()]))?;
            scoring_formats::csv_in::read_csv_text(name, &text.text)
                .map_err(|e| fail("format", vec![e.diagnostic()]))?
        }
        Data::Rows(rows) => scoring_core::Table {
            source: name.to_string(),
            rows: rows
                .iter()
                .map(|(line, cells)| scoring_core::TableRow::new(*line, cells))
                .collect(),
        },
    };
    Dataset::from_table(rubric, &table).map_err(|e| fail("data", e.diagnostics()))
}

enum Data {
    Bytes(Vec<u8>),
    /// Each row's number (its line, or its row in a sheet) and cells.
    Rows(Vec<(u32, Vec<String>)>),
}

/// A JSON list of texts, or `None` when anything in it is not a text.
fn strings(list: &[serde_json::Value]) -> Option<Vec<String>> {
    list.iter()
        .map(|v| v.as_str().map(str::to_string))
        .collect()
}

fn rows(json: &str) -> Result<Data, JsValue> {
    use serde_json::Value;
    let bad = || {
        usage(
            "usage.rows",
            "数据应为若干行（每行为行号和若干单元格）".to_string(),
            "data should be rows of a line number and cells".to_string(),
        )
    };
    let Ok(Value::Array(list)) = serde_json::from_str::<Value>(json) else {
        return Err(bad());
    };
    let mut rows = Vec::with_capacity(list.len());
    for row in list {
        let Value::Array(mut pair) = row else {
            return Err(bad());
        };
        let (Some(Value::Array(cells)), Some(line), None) = (pair.pop(), pair.pop(), pair.pop())
        else {
            return Err(bad());
        };
        let line = line
            .as_u64()
            .and_then(|l| u32::try_from(l).ok())
            .ok_or_else(bad)?;
        rows.push((line, strings(&cells).ok_or_else(bad)?));
    }
    Ok(Data::Rows(rows))
}

/// GB18030 by the platform's `TextDecoder` (`stream`: more may follow).
fn gb18030(bytes: &[u8], stream: bool) -> Option<String> {
    #[wasm_bindgen]
    extern "C" {
        type TextDecoder;
        #[wasm_bindgen(constructor, catch)]
        fn new(label: &str, options: &JsValue) -> Result<TextDecoder, JsValue>;
        #[wasm_bindgen(method, catch)]
        fn decode(this: &TextDecoder, bytes: &[u8], options: &JsValue) -> Result<String, JsValue>;
    }
    let fatal = js_sys::Object::new();
    js_sys::Reflect::set(&fatal, &"fatal".into(), &JsValue::TRUE).ok()?;
    let how = js_sys::Object::new();
    js_sys::Reflect::set(&how, &"stream".into(), &JsValue::from_bool(stream)).ok()?;
    TextDecoder::new("gb18030", &fatal)
        .ok()?
        .decode(bytes, &how)
        .ok()
}

fn scored(rubric: &Rubric, name: &str, data: &Data, options_json: &str) -> Result<Scored, JsValue> {
    let (lang, explanations) = options(options_json, true)?;
    let data = read(&rubric.inner, name, data)?;
    let card = scoring_core::score(&rubric.inner, &data)
        .map_err(|e| fail("score", vec![e.diagnostic()]))?;
    // Explanations asked for an office that is not there: said, as the
    // command says it, not an office quietly left without them.
    if let Explanations::Offices(names) = &explanations {
        let unknown: Vec<Diagnostic> = names
            .iter()
            .filter(|n| card.find(n).is_none())
            .map(|name| unknown_office_diagnostic(name))
            .collect();
        if !unknown.is_empty() {
            return Err(fail("usage", unknown));
        }
    }
    let report = Report::new(
        &rubric.inner,
        &data,
        &card,
        &ReportOptions {
            lang,
            explanations,
            items: None,
        },
    );
    let report = serde_json::to_string(&report).unwrap_or_default();
    Ok(Scored {
        rubric: rubric.inner.clone(),
        data,
        card,
        report,
    })
}

/// Scores a CSV file's bytes; `name` names it in errors; `options` is JSON
/// (`{"lang": "en", "explanations": true}`).
#[wasm_bindgen(js_name = scoreCsv)]
pub fn score_csv(
    rubric: &Rubric,
    name: &str,
    bytes: Vec<u8>,
    options: &str,
) -> Result<Scored, JsValue> {
    scored(rubric, name, &Data::Bytes(bytes), options)
}

/// Scores a table given as JSON rows `[[line, [cells…]], …]`, header
/// first (the line numbers are what errors name).
#[wasm_bindgen(js_name = scoreRows)]
pub fn score_rows(
    rubric: &Rubric,
    name: &str,
    rows_json: &str,
    options: &str,
) -> Result<Scored, JsValue> {
    scored(rubric, name, &rows(rows_json)?, options)
}

/// What changed from `old` to `new`, as JSON (the same document as
/// `scoring diff --format json`), with the impact on every office when
/// data is given (`kind`: `csv` with `bytes`, `rows` with `rows_json`,
/// `none`); `options` is JSON (`{"lang": "en"}`).
#[wasm_bindgen]
pub fn diff(
    old: &Rubric,
    new: &Rubric,
    name: &str,
    kind: &str,
    bytes: Vec<u8>,
    rows_json: &str,
    options: &str,
) -> Result<String, JsValue> {
    let (lang, _) = self::options(options, false)?;
    let changes = scoring_core::diff::diff(&old.inner, &new.inner);
    let data = match kind {
        "csv" => Some(Data::Bytes(bytes)),
        "rows" => Some(rows(rows_json)?),
        _ => None,
    };
    let impact = match data {
        None => None,
        Some(data) => {
            let a = read(&old.inner, name, &data)?;
            let b = read(&new.inner, name, &data)?;
            let score = |r: &scoring_core::Rubric, d: &Dataset| {
                scoring_core::score(r, d).map_err(|e| fail("score", vec![e.diagnostic()]))
            };
            Some(scoring_core::diff::impact(
                &old.inner,
                &score(&old.inner, &a)?,
                &new.inner,
                &score(&new.inner, &b)?,
            ))
        }
    };
    Ok(scoring_formats::json_out::diff_json(
        &old.inner,
        &new.inner,
        &changes,
        impact.as_ref(),
        // The package reads no item log: late counts are the data's.
        false,
        lang,
    ))
}
