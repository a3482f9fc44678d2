//! `--format json`: results for programs.
//!
//! ```json
//! {"rubric": {"id": …, "title": …, "version": …, "source": …, "precision": 2},
//!  "offices": [{"office": "办公室", "total": "96.85", "rank": 1,
//!               "groups": {"portal": "76.50", …}, "adjustments": {…},
//!               "indicators": {"decision_drafts": {"value": "4", "place": 2,
//!                 "of": 6, "score": "95.00", "points": "4.75"}, …}}]}
//! ```
//!
//! Offices are in data-file order. Decimals are strings at the rubric's
//! precision (`value` is exact); `place` and `of` appear for ranked leaves.
//! With `--explain` (or `--explain-all`) leaves also carry `explanation`
//! and `rule`, in the chosen language.

use serde::Serialize;
use serde::ser::{SerializeMap, SerializeSeq};

use scoring_core::{Dataset, Lang, Rubric, Scorecard, explain};

struct Ctx<'a> {
    rubric: &'a Rubric,
    data: &'a Dataset,
    card: &'a Scorecard,
    explained: &'a [usize],
    all: bool,
    lang: Lang,
}

#[derive(Serialize)]
struct RubricInfo<'a> {
    id: &'a str,
    title: &'a str,
    version: &'a str,
    source: &'a str,
    precision: u32,
}

#[derive(Serialize)]
struct Output<'a> {
    rubric: RubricInfo<'a>,
    offices: Offices<'a>,
}

struct Offices<'a>(&'a Ctx<'a>);
struct Office<'a>(&'a Ctx<'a>, usize);
struct Groups<'a>(&'a Ctx<'a>, usize);
struct Adjustments<'a>(&'a Ctx<'a>, usize);
struct Leaves<'a>(&'a Ctx<'a>, usize);
struct Leaf<'a>(&'a Ctx<'a>, usize, usize);

impl Serialize for Offices<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.0.card.len()))?;
        for o in 0..self.0.card.len() {
            seq.serialize_element(&Office(self.0, o))?;
        }
        seq.end()
    }
}

impl Serialize for Office<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let Office(c, o) = *self;
        let office = c.card.office(o);
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("office", office.name())?;
        m.serialize_entry("total", &c.rubric.publish(office.total()))?;
        m.serialize_entry("rank", &office.place())?;
        m.serialize_entry("groups", &Groups(c, o))?;
        if !c.rubric.adjustments().is_empty() {
            m.serialize_entry("adjustments", &Adjustments(c, o))?;
        }
        m.serialize_entry("indicators", &Leaves(c, o))?;
        m.end()
    }
}

impl Serialize for Groups<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let Groups(c, o) = *self;
        let office = c.card.office(o);
        let mut m = s.serialize_map(Some(c.rubric.groups().len()))?;
        for (slot, &g) in c.rubric.groups().iter().enumerate() {
            m.serialize_entry(
                &c.rubric.indicator(g).id,
                &c.rubric.publish(office.group(slot)),
            )?;
        }
        m.end()
    }
}

impl Serialize for Adjustments<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let Adjustments(c, o) = *self;
        let office = c.card.office(o);
        let mut m = s.serialize_map(Some(c.rubric.adjustments().len()))?;
        for (k, a) in c.rubric.adjustments().iter().enumerate() {
            m.serialize_entry(&a.id, &c.rubric.publish(office.adjustment(k)))?;
        }
        m.end()
    }
}

impl Serialize for Leaves<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let Leaves(c, o) = *self;
        let mut m = s.serialize_map(Some(c.rubric.leaves().len()))?;
        for (slot, &l) in c.rubric.leaves().iter().enumerate() {
            m.serialize_entry(&c.rubric.indicator(l).id, &Leaf(c, o, slot))?;
        }
        m.end()
    }
}

impl Serialize for Leaf<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let Leaf(c, o, slot) = *self;
        let r = c.card.office(o).leaf(slot);
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("value", &r.value.normalize().to_string())?;
        if let Some(p) = r.placing {
            m.serialize_entry("place", &p.place)?;
            m.serialize_entry("of", &r.of)?;
        }
        m.serialize_entry("score", &c.rubric.publish(r.score))?;
        m.serialize_entry("points", &c.rubric.publish(r.points))?;
        if c.all || c.explained.contains(&o) {
            let method = c
                .rubric
                .indicator(c.rubric.leaves()[slot])
                .method()
                .expect("leaves have methods");
            m.serialize_entry(
                "explanation",
                &explain::leaf(c.rubric, c.data, c.card, o, slot, c.lang),
            )?;
            m.serialize_entry("rule", &explain::rule(c.rubric, method, c.lang))?;
        }
        m.end()
    }
}

/// The JSON document, pretty-printed, with a final newline.
pub fn results(
    rubric: &Rubric,
    data: &Dataset,
    card: &Scorecard,
    explained: &[usize],
    all: bool,
    lang: Lang,
) -> Vec<u8> {
    let ctx = Ctx {
        rubric,
        data,
        card,
        explained,
        all,
        lang,
    };
    let output = Output {
        rubric: RubricInfo {
            id: rubric.id(),
            title: rubric.title().get(lang),
            version: rubric.version(),
            source: rubric.source(),
            precision: rubric.precision(),
        },
        offices: Offices(&ctx),
    };
    let mut out = Vec::with_capacity(1024 + card.len() * 1200);
    // Serialising plain strings and numbers into a Vec cannot fail.
    let _ = serde_json::to_writer_pretty(&mut out, &output);
    out.push(b'\n');
    out
}
