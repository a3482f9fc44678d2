//! The results as data: every office's published figures, by id, ready to
//! serialise. [`Report`] is what `scoring score --format json` prints (the
//! command writes the same JSON by a faster path, and a test keeps the two
//! equal), and what an embedder hands to `serde_json`.
//!
//! ```
//! use scoring_core::{Dataset, Lang, Report, ReportOptions, Rubric, bundled, score};
//!
//! let rubric = Rubric::from_yaml("shandong.yaml", bundled::SHANDONG_2017)?;
//! # let table = scoring_core::Table { source: "dept6.csv".into(), rows: include_str!("../../tests/fixtures/dept6.csv").lines().enumerate().map(|(n, l)| scoring_core::TableRow::new(n as u32 + 1, l.split(','))).collect() };
//! let data = Dataset::from_table(&rubric, &table)?;
//! let card = score(&rubric, &data)?;
//! let report = Report::new(&rubric, &data, &card, &ReportOptions::default());
//! let office = report.office("法规处").expect("in the data");
//! assert_eq!(office.total.to_string(), "89.08");
//! assert_eq!(office.indicator("consultation_replies").unwrap().score.to_string(), "64.67");
//! let json = serde_json::to_string(&report)?;
//! assert!(json.starts_with(r#"{"rubric":{"id":"shandong-commerce-2017""#));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! Decimals are serialised as strings at the rubric's precision (`"95.00"`),
//! never as floating-point numbers. Offices are in data order; `rank` is the
//! overall place; `place` appears for ranked indicators only.

use rust_decimal::Decimal;
use serde::de::{MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::dataset::Dataset;
use crate::explain;
use crate::items::{Judgement, Status};
use crate::ix::LeafIx;
use crate::lang::Lang;
use crate::rubric::Rubric;
use crate::score::Scorecard;

/// Which offices' explanations a report carries.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Explanations {
    /// None (the figures only).
    #[default]
    None,
    /// Every office's.
    All,
    /// These offices' (by name).
    Offices(Vec<String>),
}

/// How a report is made.
#[derive(Debug, Clone, Default)]
pub struct ReportOptions<'a> {
    /// The language of titles and explanations.
    pub lang: Lang,
    /// Which explanations to include.
    pub explanations: Explanations,
    /// An item log's judgement, to list each office's items.
    pub items: Option<&'a Judgement>,
}

/// Entries by id, in the rubric's order, serialised as a JSON object.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Named<T>(pub Vec<(String, T)>);

impl<T> Named<T> {
    /// The entry with this id.
    pub fn get(&self, id: &str) -> Option<&T> {
        self.0.iter().find(|(k, _)| k == id).map(|(_, v)| v)
    }

    /// The entries, in order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = (&str, &T)> {
        self.0.iter().map(|(k, v)| (k.as_str(), v))
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

#[cfg(feature = "schema")]
impl<T: schemars::JsonSchema> schemars::JsonSchema for Named<T> {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        format!("Named_{}", T::schema_name()).into()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "object",
            "description": "Entries by id, in the rubric's order.",
            "additionalProperties": generator.subschema_for::<T>(),
        })
    }
}

impl<T: Serialize> Serialize for Named<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Named<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct InOrder<T>(std::marker::PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for InOrder<T> {
            type Value = Named<T>;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Named<T>, A::Error> {
                let mut out = Vec::new();
                while let Some((k, v)) = map.next_entry()? {
                    out.push((k, v));
                }
                Ok(Named(out))
            }
        }
        deserializer.deserialize_map(InOrder(std::marker::PhantomData))
    }
}

/// The rubric a report was scored by.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct RubricStamp {
    /// Its id.
    pub id: String,
    /// Its title, in the report's language.
    pub title: String,
    /// Its version, as written.
    pub version: String,
    /// The document it comes from.
    pub source: String,
    /// Decimal places of published figures.
    pub precision: u32,
    /// Its fingerprint (64 hexadecimal digits).
    pub fingerprint: String,
}

/// Every office's results under one rubric.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Report {
    /// The rubric.
    pub rubric: RubricStamp,
    /// The offices, in data order.
    pub offices: Vec<OfficeReport>,
}

/// One office's results.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct OfficeReport {
    /// The office's name.
    pub office: String,
    /// The id of the office's category (rubrics with `categories` only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
    /// The published total.
    #[cfg_attr(feature = "schema", schemars(schema_with = "schema::figure"))]
    pub total: Decimal,
    /// The overall place (ties share it: 1, 2, 2, 4), within the office's
    /// category when the rubric has categories.
    pub rank: u32,
    /// The grade band's name, in the report's language (rubrics with
    /// `grades` only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grade: Option<String>,
    /// The id of the veto that applied (rubrics with `vetoes`, offices
    /// vetoed only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub veto: Option<String>,
    /// Whether the office is in the top share (rubrics with `top_share`
    /// only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub top_share: Option<bool>,
    /// Each group's published subtotal, by group id.
    #[cfg_attr(feature = "schema", schemars(schema_with = "schema::figures"))]
    pub groups: Named<Decimal>,
    /// Each adjustment's published points, by id (rubrics with
    /// adjustments only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(schema_with = "schema::figures"))]
    pub adjustments: Option<Named<Decimal>>,
    /// What each bonus pool's cap took off, by pool id (rubrics with
    /// `bonus_pools` only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(schema_with = "schema::figures"))]
    pub pools: Option<Named<Decimal>>,
    /// What keeping the total within [0, rubric total] changed (rubrics
    /// with adjustments only): points, adjustments and this add up to the
    /// total.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(schema_with = "schema::figure"))]
    pub limit: Option<Decimal>,
    /// Each leaf indicator's result, by id.
    pub indicators: Named<IndicatorReport>,
    /// Why the total is not the plain sum, when the limit applied
    /// (explained offices only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total_note: Option<String>,
    /// How the points were scaled when some indicators do not apply
    /// (explained offices only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub na_note: Option<String>,
    /// What the total means: its band, a veto, the top share (explained
    /// offices of rubrics with them only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grade_note: Option<String>,
    /// The office's items in the item log (when one was used).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub items: Option<Vec<ItemReport>>,
}

/// One office's result on one leaf indicator.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct IndicatorReport {
    /// The leaf score, 0–100, as published.
    #[cfg_attr(feature = "schema", schemars(schema_with = "schema::figure"))]
    pub score: Decimal,
    /// What it adds to the total, as published.
    #[cfg_attr(feature = "schema", schemars(schema_with = "schema::figure"))]
    pub points: Decimal,
    /// The place among the offices, for a ranked indicator.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<u32>,
    /// Present, and true, when the indicator does not apply to the office
    /// (its inputs hold N/A, or its category is not scored on it); its
    /// score and points are then 0 and its weight left out (as the
    /// rubric's `not_applicable` says, or of the category's total).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub not_applicable: Option<bool>,
    /// How the score came about (explained offices only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub explanation: Option<String>,
    /// The rule, in words (explained offices only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule: Option<String>,
}

/// One item of an item log, as judged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ItemReport {
    /// The item's number.
    pub item: String,
    /// The indicator it counts for (id).
    pub indicator: String,
    /// The day it was received (`2026-03-05`).
    pub received: String,
    /// The day it was due (with an extension, if granted).
    pub due: String,
    /// Working days taken to answer, if answered within the period.
    pub working_days: Option<u32>,
    /// `on_time`, `late` or `open`.
    pub status: String,
    /// The day it was answered, if within the period.
    pub answered: Option<String>,
    /// The judgement in words.
    pub explanation: String,
}

/// A published figure: no negative zero (`-0.00` is `0.00`).
fn published(d: Decimal) -> Decimal {
    if d.is_zero() {
        let mut z = d;
        z.set_sign_positive(true);
        z
    } else {
        d
    }
}

/// How decimals look in the schema: strings at the rubric's precision.
#[cfg(feature = "schema")]
mod schema {
    use schemars::{Schema, SchemaGenerator, json_schema};

    /// A published figure: a decimal number as a string (`"95.00"`).
    pub fn figure(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "pattern": "^-?[0-9]+(\\.[0-9]+)?$",
            "description": "A published figure: a decimal number as a string, at the rubric's precision (\"95.00\")."
        })
    }

    /// Figures by id, in the rubric's order.
    pub fn figures(generator: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "object",
            "additionalProperties": figure(generator)
        })
    }
}

/// The JSON Schema of a [`Report`] as JSON (`docs/report.schema.json`,
/// `scoring schema --report`): what `scoring score --format json` prints.
#[cfg(feature = "schema")]
pub fn report_schema() -> String {
    let schema = schemars::schema_for!(Report);
    let mut out = serde_json::to_string_pretty(&schema).unwrap_or_default();
    out.push('\n');
    out
}

impl Report {
    /// The report of a scorecard.
    pub fn new(
        rubric: &Rubric,
        data: &Dataset,
        card: &Scorecard,
        options: &ReportOptions<'_>,
    ) -> Report {
        let lang = options.lang;
        let group_ids: Vec<&str> = rubric.groups().map(|(_, g)| g.id.as_str()).collect();
        let leaves: Vec<(LeafIx, &str)> =
            rubric.leaves().map(|(l, i)| (l, i.id.as_str())).collect();
        let has_adjustments = !rubric.adjustments().is_empty();
        let mut offices = Vec::with_capacity(card.len());
        let mut rows = card.published();
        while let Some(row) = rows.next_office() {
            let office = row.office();
            let o = office.ix();
            let explained = match &options.explanations {
                Explanations::None => false,
                Explanations::All => true,
                Explanations::Offices(names) => names.iter().any(|n| n == office.name()),
            };
            let groups = Named(
                group_ids
                    .iter()
                    .map(|id| id.to_string())
                    .zip(row.groups().map(published))
                    .collect(),
            );
            let indicators = Named(
                leaves
                    .iter()
                    .map(|&(leaf, id)| {
                        let (score, points) = row.leaf(leaf);
                        let why = explained
                            .then(|| explain::leaf_explanation(rubric, data, card, o, leaf));
                        let report = IndicatorReport {
                            score: published(score),
                            points: published(points),
                            place: row.leaf_place(leaf),
                            not_applicable: row.not_applicable(leaf).then_some(true),
                            explanation: why.as_ref().map(|w| w.message(lang)),
                            rule: why.as_ref().map(|w| w.rule(lang)),
                        };
                        (id.to_string(), report)
                    })
                    .collect(),
            );
            let adjustments = has_adjustments.then(|| {
                Named(
                    rubric
                        .adjustments()
                        .map(|(k, a)| (a.id.clone(), published(row.adjustment(k))))
                        .collect(),
                )
            });
            let items = options.items.map(|j| {
                j.items_of(office.name())
                    .map(|(item, judged)| ItemReport {
                        item: item.id.clone(),
                        indicator: rubric.leaf(item.leaf).id.clone(),
                        received: item.received.to_string(),
                        due: judged.effective_due().to_string(),
                        working_days: judged.taken,
                        status: match judged.status {
                            Status::OnTime => "on_time",
                            Status::Late => "late",
                            Status::Open => "open",
                        }
                        .to_string(),
                        answered: judged.answered.map(|a| a.to_string()),
                        explanation: crate::items::describe(item, judged, j.period_end, lang),
                    })
                    .collect()
            });
            offices.push(OfficeReport {
                office: office.name().to_string(),
                category: office
                    .category()
                    .and_then(|k| Some(rubric.categories()?.list.get(k)?.id.clone())),
                total: published(row.total()),
                rank: row.place(),
                grade: office
                    .band()
                    .map(|b| rubric.grading().bands[b].name.get(lang).to_string()),
                veto: office.veto().map(|k| rubric.grading().vetoes[k].id.clone()),
                top_share: rubric
                    .grading()
                    .top_share
                    .as_ref()
                    .map(|_| office.in_top_share()),
                groups,
                adjustments,
                pools: (!rubric.bonus_pools().is_empty()).then(|| {
                    Named(
                        rubric
                            .bonus_pools()
                            .iter()
                            .enumerate()
                            .map(|(k, p)| (p.id.clone(), published(row.pool_cut(k))))
                            .collect(),
                    )
                }),
                limit: has_adjustments.then(|| published(row.limit())),
                indicators,
                total_note: if explained {
                    explain::total_note(rubric, card, o, lang)
                } else {
                    None
                },
                na_note: if explained {
                    explain::na_note(rubric, card, o, lang)
                } else {
                    None
                },
                grade_note: if explained {
                    explain::grade_note(rubric, card, o, lang)
                } else {
                    None
                },
                items,
            });
        }
        Report {
            rubric: RubricStamp {
                id: rubric.id().to_string(),
                title: rubric.title().get(lang).to_string(),
                version: rubric.version().to_string(),
                source: rubric.source().to_string(),
                precision: rubric.precision(),
                fingerprint: rubric.fingerprint(),
            },
            offices,
        }
    }

    /// The office with this name.
    pub fn office(&self, name: &str) -> Option<&OfficeReport> {
        self.offices.iter().find(|o| o.office == name)
    }

    /// The offices by overall place (ties in data order).
    pub fn ranking(&self) -> Vec<&OfficeReport> {
        let mut out: Vec<&OfficeReport> = self.offices.iter().collect();
        out.sort_by_key(|o| o.rank);
        out
    }
}

impl OfficeReport {
    /// The result on the leaf indicator with this id.
    pub fn indicator(&self, id: &str) -> Option<&IndicatorReport> {
        self.indicators.get(id)
    }

    /// The subtotal of the group with this id.
    pub fn group(&self, id: &str) -> Option<Decimal> {
        self.groups.get(id).copied()
    }
}
