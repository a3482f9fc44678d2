//! What changed between two rubrics, and whose score and place it moves.
//!
//! [`diff`] compares two validated rubrics: indicators, inputs and
//! adjustments are matched by id (so a renamed indicator is a rename, a
//! moved one a move), and every field that takes part in scoring or in what
//! people read is compared: weights, methods and every parameter, labels,
//! notes, rounding and precision, metadata. [`impact`] scores the same
//! offices under both and says, for each, what moved and why.

use std::collections::BTreeMap;

use jiff::civil::Date;
use rust_decimal::Decimal;

use crate::canon::Canon;
use crate::ix::IndicatorIx;
use crate::lang::{Lang, Text};
use crate::method::Method;
use crate::num::plain;
use crate::rubric::{Indicator, IndicatorKind, InputKind, Rubric};
use crate::score::{OfficeScore, Scorecard};

/// What a change is about.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Subject {
    /// The rubric's metadata and rules (title, version, rounding…).
    Rubric,
    /// An indicator, by id.
    Indicator(String),
    /// An input, by id.
    Input(String),
    /// A text column, by id.
    TextColumn(String),
    /// An adjustment, by id.
    Adjustment(String),
    /// A calendar override, by date.
    CalendarDay(Date),
}

/// One change.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Change {
    /// Only in the new rubric (a short description of it, in both
    /// languages).
    Added(Text),
    /// Only in the old rubric (its name, in both languages).
    Removed(Text),
    /// A field changed: its key (`weight`, `ties`, `tally.system_links`,
    /// `deadline.working_days`, `name.zh`…), old and new values as written.
    Field {
        /// Which field.
        field: String,
        /// The old value ("" when absent).
        old: String,
        /// The new value ("" when absent).
        new: String,
    },
    /// An indicator moved to another parent (`None` = the top level).
    Moved {
        /// The old parent's id.
        from: Option<String>,
        /// The new parent's id.
        to: Option<String>,
    },
}

impl Change {
    /// Whether the change is one of wording alone: a name, label, help
    /// text, note, unit, title, description, source, version, id or order
    /// (of columns, of indicators as listed), or a text column, which no
    /// figure depends on (no score, points, total, place or grade). The
    /// name a grade, a veto's grade or the top share gives is not wording:
    /// results show it. Nor is an input's label or id: data files name
    /// their columns by either, so a change (two labels swapped) changes
    /// how a file already filled in is read. The page lists wording after
    /// the other changes.
    pub fn is_wording(&self, subject: &Subject) -> bool {
        if let Subject::TextColumn(_) = subject {
            return true;
        }
        let Change::Field { field, .. } = self else {
            return false;
        };
        // A key ending in an input's id (`tally.note`): a coefficient or
        // points, whatever the id says.
        if by_input(field).is_some() {
            return false;
        }
        let last = field
            .rsplit('.')
            .find(|p| *p != "zh" && *p != "en")
            .unwrap_or(field);
        let shown_in_results = field.starts_with("grades.") || field.starts_with("top_share.");
        let names_a_column = matches!(subject, Subject::Input(_)) && matches!(last, "label" | "id");
        if names_a_column {
            return false;
        }
        match last {
            "label" | "help" | "note" | "unit" | "title" | "description" | "source" | "version"
            | "id" | "order" | "when_set" | "when_unset" | "reason" => true,
            "name" => !shown_in_results,
            _ => false,
        }
    }
}

/// A key naming a figure per input or per choice (`tally.visits`,
/// `per_incident.late`, `per_item.national`, `points.0`): its head and the
/// id after it. The id is the rubric author's, whatever it says (`note`,
/// `en`), so it is never read as a key's own part.
fn by_input(field: &str) -> Option<(&str, &str)> {
    let (head, rest) = field.split_once('.')?;
    matches!(
        head,
        "tally" | "per_incident" | "per_item" | "points" | "periods"
    )
    .then_some((head, rest))
}

/// One change and what it is about.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Entry {
    /// What changed.
    pub subject: Subject,
    /// How.
    pub change: Change,
}

/// Every change between two rubrics, grouped by subject in a stable order
/// (rubric first, then indicators in the new rubric's order, removed ones
/// after, then inputs, adjustments and calendar days).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RubricDiff {
    /// The changes.
    pub entries: Vec<Entry>,
}

struct Collector {
    entries: Vec<Entry>,
}

impl Collector {
    fn field(&mut self, subject: &Subject, field: &str, old: &str, new: &str) {
        if old != new {
            self.entries.push(Entry {
                subject: subject.clone(),
                change: Change::Field {
                    field: field.to_string(),
                    old: old.to_string(),
                    new: new.to_string(),
                },
            });
        }
    }

    fn text(&mut self, subject: &Subject, field: &str, old: Option<&Text>, new: Option<&Text>) {
        let zh = |t: Option<&Text>| t.map(|t| t.zh.clone()).unwrap_or_default();
        let en = |t: Option<&Text>| t.and_then(|t| t.en.clone()).unwrap_or_default();
        self.field(subject, &format!("{field}.zh"), &zh(old), &zh(new));
        self.field(subject, &format!("{field}.en"), &en(old), &en(new));
    }

    fn push(&mut self, subject: Subject, change: Change) {
        self.entries.push(Entry { subject, change });
    }
}

fn parent_id(r: &Rubric, ind: &Indicator) -> Option<String> {
    ind.parent.map(|p| r.indicator(p).id.clone())
}

/// Method parameters as `(key, value)` pairs, for comparison: the
/// method's name and its canonical parameters (the fingerprint's).
fn params(ind: &Indicator) -> BTreeMap<String, String> {
    let mut canon = Canon::default();
    ind.own_canonical(&mut canon);
    if let Some(method) = ind.method() {
        method.behaviour().canonical(&mut canon);
    }
    let mut m = canon.fields();
    if let Some(method) = ind.method() {
        m.insert("method".into(), method.name().into());
    }
    m
}

/// Whether two rubrics claim the same id and version with different
/// meanings (fingerprints): an edit that did not say it is one, which an
/// audit should see before anything else.
pub fn same_version_differs(old: &Rubric, new: &Rubric) -> bool {
    old.id() == new.id() && old.version() == new.version() && old.fingerprint() != new.fingerprint()
}

/// When two rubrics share fewer than half of their indicators (by id):
/// how many they share, and how many each has (`(shared, old, new)`).
/// Such rubrics do not look like two versions of one rubric, and their
/// diff is long: the page and `scoring diff` say so first. A revision may
/// change its id; what it keeps is its indicators.
pub fn few_shared(old: &Rubric, new: &Rubric) -> Option<(usize, usize, usize)> {
    let (a, b) = (old.indicators().count(), new.indicators().count());
    let same = new
        .indicators()
        .filter(|(_, i)| old.find_indicator(&i.id).is_some())
        .count();
    (same * 2 < a.max(b)).then_some((same, a, b))
}

/// Compares two rubrics.
pub fn diff(old: &Rubric, new: &Rubric) -> RubricDiff {
    let mut c = Collector {
        entries: Vec::new(),
    };
    let s = Subject::Rubric;
    c.field(&s, "id", old.id(), new.id());
    c.text(&s, "title", Some(old.title()), Some(new.title()));
    c.field(&s, "version", old.version(), new.version());
    c.field(&s, "source", old.source(), new.source());
    c.text(&s, "description", old.description(), new.description());
    c.field(&s, "total", &plain(old.total()), &plain(new.total()));
    c.field(
        &s,
        "precision",
        &old.precision().to_string(),
        &new.precision().to_string(),
    );
    c.field(&s, "rounding", old.rounding().name(), new.rounding().name());

    // Order: inputs (the data file's columns), top-level indicators.
    let common_order = |a: Vec<&str>, b: Vec<&str>| -> Option<(String, String)> {
        let a2: Vec<&str> = a.iter().copied().filter(|x| b.contains(x)).collect();
        let b2: Vec<&str> = b.iter().copied().filter(|x| a.contains(x)).collect();
        (a2 != b2).then(|| (a2.join(", "), b2.join(", ")))
    };
    if let Some((o, n)) = common_order(
        old.inputs.iter().map(|i| i.id.as_str()).collect(),
        new.inputs.iter().map(|i| i.id.as_str()).collect(),
    ) {
        c.field(&s, "inputs.order", &o, &n);
    }
    let ids = |r: &Rubric, list: &[IndicatorIx]| -> Vec<String> {
        list.iter().map(|&i| r.indicator(i).id.clone()).collect()
    };
    let roots = |r: &Rubric| -> Vec<String> { r.roots().map(|(_, i)| i.id.clone()).collect() };
    let (a, b) = (roots(old), roots(new));
    if let Some((o, n)) = common_order(
        a.iter().map(String::as_str).collect(),
        b.iter().map(String::as_str).collect(),
    ) {
        c.field(&s, "indicators.order", &o, &n);
    }

    // Indicators, in the new rubric's order, then those removed.
    for ind in &new.indicators {
        let s = Subject::Indicator(ind.id.clone());
        let Some((_, was)) = old.find_indicator(&ind.id) else {
            let what = |lang: Lang| match &ind.kind {
                IndicatorKind::Group { .. } => lang.pick("指标组", "group"),
                IndicatorKind::Leaf { method, .. } => method.label(lang),
            };
            let w = plain(ind.weight);
            c.push(
                s,
                Change::Added(Text::new(
                    format!("{}（权重 {w}，{}）", ind.name.zh, what(Lang::Zh)),
                    format!(
                        "{} (weight {w}, {})",
                        ind.name.get(Lang::En),
                        what(Lang::En)
                    ),
                )),
            );
            continue;
        };
        let (from, to) = (parent_id(old, was), parent_id(new, ind));
        if from != to {
            c.push(s.clone(), Change::Moved { from, to });
        }
        c.text(&s, "name", Some(&was.name), Some(&ind.name));
        c.field(&s, "weight", &plain(was.weight), &plain(ind.weight));
        c.text(&s, "note", was.note.as_ref(), ind.note.as_ref());
        match (was.is_leaf(), ind.is_leaf()) {
            (false, false) => {
                let (a, b) = (params(was), params(ind));
                let get = |m: &BTreeMap<String, String>| {
                    m.get("subtotal_floor").cloned().unwrap_or_default()
                };
                c.field(&s, "subtotal_floor", &get(&a), &get(&b));
                let (a, b) = (ids(old, was.children()), ids(new, ind.children()));
                if let Some((o, n)) = common_order(
                    a.iter().map(String::as_str).collect(),
                    b.iter().map(String::as_str).collect(),
                ) {
                    c.field(&s, "children.order", &o, &n);
                }
            }
            (true, true) => {
                let (a, b) = (params(was), params(ind));
                if a.get("method") != b.get("method") {
                    c.field(&s, "method", &a["method"], &b["method"]);
                    continue;
                }
                let keys: std::collections::BTreeSet<&String> = a.keys().chain(b.keys()).collect();
                for key in keys {
                    let (o, n) = (
                        a.get(key).map(String::as_str).unwrap_or(""),
                        b.get(key).map(String::as_str).unwrap_or(""),
                    );
                    c.field(&s, key, o, n);
                }
            }
            (was_leaf, _) => {
                let kind = |leaf: bool, i: &Indicator| {
                    if leaf {
                        i.method().map(|m| m.name()).unwrap_or("").to_string()
                    } else {
                        "group".to_string()
                    }
                };
                c.field(&s, "method", &kind(was_leaf, was), &kind(!was_leaf, ind));
            }
        }
    }
    for ind in &old.indicators {
        if new.find_indicator(&ind.id).is_none() {
            c.push(
                Subject::Indicator(ind.id.clone()),
                Change::Removed(Text::new(
                    format!("{}（权重 {}）", ind.name.zh, plain(ind.weight)),
                    format!("{} (weight {})", ind.name.get(Lang::En), plain(ind.weight)),
                )),
            );
        }
    }

    // Inputs.
    for input in &new.inputs {
        let s = Subject::Input(input.id.clone());
        match old.input(&input.id) {
            None => c.push(
                s,
                Change::Added(Text::new(
                    format!("{}（{}）", input.label.zh, input.kind.label(Lang::Zh)),
                    format!(
                        "{} ({})",
                        input.label.get(Lang::En),
                        input.kind.label(Lang::En)
                    ),
                )),
            ),
            Some((_, was)) => {
                c.text(&s, "label", Some(&was.label), Some(&input.label));
                c.field(&s, "kind", was.kind.name(), input.kind.name());
                c.text(&s, "help", was.help.as_ref(), input.help.as_ref());
            }
        }
    }
    for input in &old.inputs {
        if new.input(&input.id).is_none() {
            c.push(
                Subject::Input(input.id.clone()),
                Change::Removed(input.label.clone()),
            );
        }
    }

    // Text columns.
    let column = |r: &Rubric, id: &str| r.text_columns.iter().find(|c| c.id == id).cloned();
    for col in &new.text_columns {
        let s = Subject::TextColumn(col.id.clone());
        match column(old, &col.id) {
            None => c.push(s, Change::Added(col.label.clone())),
            Some(was) => {
                c.text(&s, "label", Some(&was.label), Some(&col.label));
                c.text(&s, "help", was.help.as_ref(), col.help.as_ref());
            }
        }
    }
    for col in &old.text_columns {
        if column(new, &col.id).is_none() {
            c.push(
                Subject::TextColumn(col.id.clone()),
                Change::Removed(col.label.clone()),
            );
        }
    }

    // Grades, vetoes and the top share: each field, on the rubric.
    {
        let (a, b) = (
            old.rules_canonical().fields(),
            new.rules_canonical().fields(),
        );
        let keys: std::collections::BTreeSet<&String> = a.keys().chain(b.keys()).collect();
        for key in keys {
            let (o, n) = (
                a.get(key).map(String::as_str).unwrap_or(""),
                b.get(key).map(String::as_str).unwrap_or(""),
            );
            c.field(&Subject::Rubric, key, o, n);
        }
    }

    // Adjustments.
    for adj in &new.adjustments {
        let s = Subject::Adjustment(adj.id.clone());
        match old.adjustments.iter().find(|a| a.id == adj.id) {
            None => c.push(s, Change::Added(adj.name.clone())),
            Some(was) => {
                // In the order the fields are written, the new rubric's
                // first, then any only the old one has.
                let (a, b) = (
                    was.canonical().ordered_fields(),
                    adj.canonical().ordered_fields(),
                );
                let get = |list: &[(String, String)], key: &str| {
                    list.iter()
                        .find(|(k, _)| k == key)
                        .map(|(_, v)| v.clone())
                        .unwrap_or_default()
                };
                let mut keys: Vec<&String> = b.iter().map(|(k, _)| k).collect();
                keys.extend(
                    a.iter()
                        .map(|(k, _)| k)
                        .filter(|k| !b.iter().any(|(n, _)| n == *k)),
                );
                for key in keys {
                    c.field(&s, key, &get(&a, key), &get(&b, key));
                }
            }
        }
    }
    for adj in &old.adjustments {
        if !new.adjustments.iter().any(|a| a.id == adj.id) {
            c.push(
                Subject::Adjustment(adj.id.clone()),
                Change::Removed(adj.name.clone()),
            );
        }
    }

    // Calendar overrides.
    for o in new.calendar_overrides() {
        let s = Subject::CalendarDay(o.date);
        match old.calendar_overrides().iter().find(|w| w.date == o.date) {
            None => c.push(s, Change::Added(Text::new(o.name.clone(), o.name.clone()))),
            Some(was) => {
                c.field(&s, "off", &was.off.to_string(), &o.off.to_string());
                c.field(&s, "name", &was.name, &o.name);
            }
        }
    }
    for o in old.calendar_overrides() {
        if !new.calendar_overrides().iter().any(|w| w.date == o.date) {
            c.push(
                Subject::CalendarDay(o.date),
                Change::Removed(Text::new(o.name.clone(), o.name.clone())),
            );
        }
    }
    RubricDiff { entries: c.entries }
}

impl RubricDiff {
    /// Whether the rubrics mean the same.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The changes grouped by subject, in order.
    pub fn groups(&self) -> Vec<(&Subject, Vec<&Change>)> {
        self.grouped(|_| true)
    }

    /// Whether a deadline changed (`deadline.working_days`, the longest
    /// extension). A deadline moves scores only through late counts judged
    /// from an item log: counts typed in were counted against the old
    /// deadline and stay as typed, so audits say so.
    pub fn changes_deadline(&self) -> bool {
        self.entries.iter().any(
            |e| matches!(&e.change, Change::Field { field, .. } if field.starts_with("deadline.")),
        )
    }

    /// Whether an input's label or id changed: data files name their
    /// columns by either, so a file filled in before may be read another
    /// way (two labels swapped), although data already read (kept by
    /// input) is not.
    pub fn renames_columns(&self) -> bool {
        self.entries.iter().any(|e| {
            matches!(&e.subject, Subject::Input(_))
                && matches!(&e.change, Change::Field { field, .. }
                    if matches!(field.split('.').next(), Some("label" | "id")))
        })
    }

    /// The changes grouped by subject, in order, in two lists: those that
    /// can move a figure, then those of wording alone
    /// ([`Change::is_wording`]), as audits present them.
    #[allow(clippy::type_complexity)]
    pub fn figures_then_wording(
        &self,
    ) -> (Vec<(&Subject, Vec<&Change>)>, Vec<(&Subject, Vec<&Change>)>) {
        (
            self.grouped(|e| !e.change.is_wording(&e.subject)),
            self.grouped(|e| e.change.is_wording(&e.subject)),
        )
    }

    fn grouped(&self, keep: impl Fn(&Entry) -> bool) -> Vec<(&Subject, Vec<&Change>)> {
        let mut out: Vec<(&Subject, Vec<&Change>)> = Vec::new();
        for e in self.entries.iter().filter(|e| keep(e)) {
            match out.iter_mut().find(|(s, _)| **s == e.subject) {
                Some((_, changes)) => changes.push(&e.change),
                None => out.push((&e.subject, vec![&e.change])),
            }
        }
        out
    }
}

/// A field's name in words: every key a diff shows, the parts of a
/// compound key (`grades.0.at_least`, `vetoes.leak.placed`,
/// `top_share.rounding`, `per_incident.late_updates`) put together.
pub fn field_name(field: &str, lang: Lang) -> String {
    let pick = |zh: &str, en: &str| lang.pick(zh, en).to_string();
    // `n` counted from 1, as a person counts.
    let nth = |n: &str| {
        n.parse::<usize>()
            .map_or_else(|_| n.to_string(), |n| (n + 1).to_string())
    };
    // Per input or choice first: the id after the head is the author's
    // (an input named `en` is not "English").
    if let Some((head, id)) = by_input(field) {
        let (zh, en) = match head {
            "tally" => (format!("{id} 的系数"), format!("coefficient of {id}")),
            "per_incident" => (
                format!("{id} 每次扣分"),
                format!("deduction per incident of {id}"),
            ),
            "per_item" => (format!("{id} 每条得分"), format!("points per item of {id}")),
            "points" => (
                format!("选项{} 的分值", nth(id)),
                format!("points of choice {}", nth(id)),
            ),
            _ => (format!("第{}期", nth(id)), format!("period {}", nth(id))),
        };
        return lang.pick(&zh, &en).to_string();
    }
    // A text's Chinese or English.
    if let Some(base) = field.strip_suffix(".zh") {
        return format!(
            "{}{}",
            field_name(base, lang),
            lang.pick("（中文）", " (Chinese)")
        );
    }
    if let Some(base) = field.strip_suffix(".en") {
        return format!(
            "{}{}",
            field_name(base, lang),
            lang.pick("（英文）", " (English)")
        );
    }
    // `what` of a named part: `grades.0.at_least` → 等次1：最低分.
    let part = |zh: String, en: String, rest: &str| {
        format!(
            "{}{}{}",
            lang.pick(&zh, &en),
            lang.pick("：", ": "),
            field_name(rest, lang)
        )
    };
    if let Some((head, rest)) = field.split_once('.') {
        let (name, tail) = rest.split_once('.').unwrap_or((rest, ""));
        match (head, tail) {
            ("grades", t) if !t.is_empty() => {
                return part(
                    format!("等次{}", nth(name)),
                    format!("grade {}", nth(name)),
                    t,
                );
            }
            ("categories", "") if name == "column" => return pick("类别列", "category column"),
            ("categories", t) if !t.is_empty() => {
                return part(format!("类别 {name}"), format!("category {name}"), t);
            }
            ("vetoes", t) if !t.is_empty() => {
                return part(format!("一票否决 {name}"), format!("veto {name}"), t);
            }
            ("bonus_pools", t) if !t.is_empty() => {
                return part(format!("加分池 {name}"), format!("bonus pool {name}"), t);
            }
            ("sources", t) if !t.is_empty() => {
                return part(
                    format!("引用的考核 {name}"),
                    format!("assessment drawn on {name}"),
                    t,
                );
            }
            ("top_share", _) => return part("先进名额".into(), "top share".into(), rest),
            ("steps", t) if !t.is_empty() => {
                return part(
                    format!("第{}档", nth(name)),
                    format!("step {}", nth(name)),
                    t,
                );
            }
            _ => {}
        }
    }
    let (zh, en) = match field {
        "id" => ("标识", "id"),
        "inputs.order" => ("输入项（数据列）顺序", "order of inputs (data columns)"),
        "indicators.order" => ("一级指标顺序", "order of top-level indicators"),
        "children.order" => ("下级指标顺序", "order of sub-indicators"),
        "title" => ("标题", "title"),
        "version" => ("版本", "version"),
        "source" => ("来源", "source"),
        "description" => ("说明", "description"),
        "total" => ("总分", "total"),
        "precision" => ("保留小数位数", "decimal places"),
        "rounding" => ("舍入规则", "rounding"),
        "name" => ("名称", "name"),
        "label" => ("列名", "column name"),
        "help" => ("填写说明", "help"),
        "note" => ("备注", "note"),
        "unit" => ("单位", "unit"),
        "weight" => ("权重", "weight"),
        "method" => ("评分方法", "method"),
        "first" => ("第一名得分", "first-place score"),
        "step" => ("名次递减分", "step per place"),
        "floor" => ("最低分", "floor"),
        "ties" => ("并列规则", "tie rule"),
        "asked" => ("提问量输入项", "asked input"),
        "answered" => ("答复量输入项", "answered input"),
        "late" => ("超期条数输入项", "late input"),
        "penalty" => ("每条超期扣分", "penalty per late item"),
        "deadline.working_days" => ("答复期限（工作日）", "deadline (working days)"),
        "deadline.max_extension_working_days" => {
            ("最长延期（工作日）", "longest extension (working days)")
        }
        "item_kinds" => ("事项类别名称", "item-log kinds"),
        "item_kind" => ("事项类别", "item-log kind"),
        "input" => ("输入项", "input"),
        "full" => ("满分", "full score"),
        "kind" => ("类型", "kind"),
        "points" => ("每项分值", "points per unit"),
        "cap" => ("上限", "cap"),
        "off" => ("休息", "day off"),
        "beyond" => ("扣至0分以后", "past 0"),
        "may_be_na" => ("可为“不适用”", "may be not applicable"),
        "not_applicable" => ("不适用时", "when not applicable"),
        "subtotal_floor" => ("小计最低分", "subtotal floor"),
        "zero_if" => ("以下情形该项得0分", "zero if"),
        "at_least" => ("最低总分", "total at least"),
        "share" => ("比例", "share"),
        "placed" => ("名次", "place"),
        "grade" => ("等次", "grade"),
        "gate" => ("得分门槛", "gate"),
        "indicators" => ("指标", "indicators"),
        "rubric" => ("评分细则", "rubric"),
        "at_most" => ("最多扣分", "at most"),
        "reason" => ("理由所在列", "reason column"),
        "out_of" => ("折算基数", "out of"),
        "when_set" => ("“是”的含义", "meaning of yes"),
        "when_unset" => ("“否”的含义", "meaning of no"),
        "empty" => ("每期未公开扣分", "deduction per empty period"),
        "short" => ("每期不足定额扣分", "deduction per period short"),
        "quota" => ("每期定额", "quota per period"),
        "above" => ("超出", "above"),
        "total_floor" => ("总分最低分", "total floor"),
        "total_at_most" => ("合计上限", "total at most"),
        other => return other.to_string(),
    };
    pick(zh, en)
}

/// A subject in words, with the rubrics' names for it.
pub fn subject_name(subject: &Subject, old: &Rubric, new: &Rubric, lang: Lang) -> String {
    match subject {
        Subject::Rubric => lang.pick("评分细则", "Rubric").to_string(),
        Subject::Indicator(id) => {
            let name_in = |r: &Rubric| {
                r.find_indicator(id)
                    .map(|(_, i)| i.name.get(lang).to_string())
            };
            let (was, now) = (name_in(old), name_in(new));
            let name = now.clone().or_else(|| was.clone()).unwrap_or_default();
            // Renamed as well: the old name too, so that a change beside
            // the rename is read as of the indicator it was.
            // Hidden characters shown, as in the change itself.
            match (lang, was.filter(|w| now.as_ref().is_some_and(|n| n != w))) {
                (Lang::Zh, Some(w)) => {
                    format!("指标 {}（原名 {}；{id}）", visible(&name), visible(&w))
                }
                (Lang::En, Some(w)) => {
                    format!(
                        "Indicator {} (formerly {}; {id})",
                        visible(&name),
                        visible(&w)
                    )
                }
                (Lang::Zh, None) => format!("指标 {name}（{id}）"),
                (Lang::En, None) => format!("Indicator {name} ({id})"),
            }
        }
        Subject::Input(id) => {
            let label = new
                .input(id)
                .or_else(|| old.input(id))
                .map(|(_, i)| i.label.get(lang).to_string())
                .unwrap_or_default();
            match lang {
                Lang::Zh => format!("输入项 {label}（{id}）"),
                Lang::En => format!("Input {label} ({id})"),
            }
        }
        Subject::TextColumn(id) => {
            let label = new
                .text_columns
                .iter()
                .chain(&old.text_columns)
                .find(|c| c.id == *id)
                .map(|c| c.label.get(lang).to_string())
                .unwrap_or_default();
            match lang {
                Lang::Zh => format!("文本列 {label}（{id}）"),
                Lang::En => format!("Text column {label} ({id})"),
            }
        }
        Subject::Adjustment(id) => match lang {
            Lang::Zh => format!("加减分项 {id}"),
            Lang::En => format!("Adjustment {id}"),
        },
        Subject::CalendarDay(d) => match lang {
            Lang::Zh => format!("日历 {d}"),
            Lang::En => format!("Calendar {d}"),
        },
    }
}

/// A change in words, with the rubrics' names where the change gives ids:
/// an indicator moved is said by its parents' names (`位置：门户网站 →
/// 共性指标`), not their ids. What the page and `scoring diff` show.
pub fn change_text_in(change: &Change, old: &Rubric, new: &Rubric, lang: Lang) -> String {
    match change {
        Change::Moved { from, to } => {
            let top = lang.pick("（一级）", "(top level)");
            let f = from
                .as_deref()
                .map_or_else(|| top.to_string(), |id| driver_name(id, old, new, lang));
            let t = to
                .as_deref()
                .map_or_else(|| top.to_string(), |id| driver_name(id, old, new, lang));
            match lang {
                Lang::Zh => format!("位置：{f} → {t}"),
                Lang::En => format!("moved: {f} → {t}"),
            }
        }
        // A figure per input said with the input's label, not its id
        // alone (`过期数据库（stale_databases）的系数`).
        Change::Field {
            field,
            old: was,
            new: now,
        } if let Some((head @ ("tally" | "per_incident" | "per_item"), id)) = by_input(field)
            && let Some((_, input)) = new.input(id).or_else(|| old.input(id)) =>
        {
            let label = input.label.get(lang);
            let name = match (head, lang) {
                ("tally", Lang::Zh) => format!("{label}（{id}）的系数"),
                ("tally", Lang::En) => format!("coefficient of {label} ({id})"),
                ("per_incident", Lang::Zh) => format!("{label}（{id}）每次扣分"),
                ("per_incident", Lang::En) => format!("deduction per incident of {label} ({id})"),
                (_, Lang::Zh) => format!("{label}（{id}）每条得分"),
                (_, Lang::En) => format!("points per item of {label} ({id})"),
            };
            field_change(name, field, was, now, lang)
        }
        _ => change_text(change, lang),
    }
}

/// A change in words (ids as they are: [`change_text_in`] names them).
pub fn change_text(change: &Change, lang: Lang) -> String {
    match (change, lang) {
        (Change::Added(what), Lang::Zh) => format!("新增：{}", what.zh),
        (Change::Added(what), Lang::En) => format!("added: {}", what.get(lang)),
        (Change::Removed(what), Lang::Zh) => format!("删除：{}", what.zh),
        (Change::Removed(what), Lang::En) => format!("removed: {}", what.get(lang)),
        (Change::Moved { from, to }, _) => {
            let top = lang.pick("（一级）", "(top level)");
            let f = from.as_deref().unwrap_or(top);
            let t = to.as_deref().unwrap_or(top);
            match lang {
                Lang::Zh => format!("位置：{f} → {t}"),
                Lang::En => format!("moved: {f} → {t}"),
            }
        }
        (Change::Field { field, old, new }, _) => {
            field_change(field_name(field, lang), field, old, new, lang)
        }
    }
}

/// A field's change in words, the field said as `name`.
fn field_change(name: String, field: &str, old: &str, new: &str, lang: Lang) -> String {
    let show = |v: &str| {
        if v.is_empty() {
            lang.pick("（无）", "(none)").to_string()
        } else {
            visible(v)
        }
    };
    // A method or an input kind by its name in words, not as the
    // rubric file writes it.
    let value = |v: &str| match field {
        "method" if v == "group" => lang.pick("指标组", "group").to_string(),
        "method" => Method::label_of(v, lang).map_or_else(|| show(v), str::to_string),
        "kind" => InputKind::parse(v)
            .map(|k| k.label(lang))
            .or_else(|| value_words(field, v, lang))
            .map_or_else(|| show(v), str::to_string),
        _ => value_words(field, v, lang).map_or_else(|| show(v), str::to_string),
    };
    format!(
        "{}{}{} → {}",
        name,
        lang.pick("：", ": "),
        value(old),
        value(new)
    )
}

/// A text with the characters no one sees made visible (`⟨U+200B⟩`):
/// a name changed by a zero-width space, a non-breaking space or a
/// direction mark otherwise reads the same on both sides of the arrow.
fn visible(text: &str) -> String {
    let hidden = |c: char| {
        matches!(c,
            '\u{00A0}' | '\u{00AD}' | '\u{180E}' | '\u{200B}'..='\u{200F}' | '\u{2028}'..='\u{202F}'
            | '\u{205F}'..='\u{206F}' | '\u{3000}' | '\u{FEFF}')
            || (c.is_control())
    };
    let edges = text.starts_with(char::is_whitespace) || text.ends_with(char::is_whitespace);
    if !edges && !text.chars().any(hidden) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + 8);
    let last = text.chars().count().saturating_sub(1);
    for (i, c) in text.chars().enumerate() {
        if hidden(c) || (c == ' ' && (i == 0 || i == last)) {
            out.push_str(&format!("⟨U+{:04X}⟩", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    out
}

/// A rule's value in words, for the fields whose values are words of
/// the rubric file (`ties: dense`, `beyond: overdraw`, `placed: last`).
fn value_words(field: &str, value: &str, lang: Lang) -> Option<&'static str> {
    let last = field.rsplit('.').next().unwrap_or(field);
    let (zh, en) = match (last, value) {
        ("ties", "competition") => ("并列占位（1、2、2、4）", "competition (1, 2, 2, 4)"),
        ("ties", "dense") => ("并列不占位（1、2、2、3）", "dense (1, 2, 2, 3)"),
        ("ties", "include") => ("并列者一并计入", "ties included"),
        ("ties", "exclude") => ("并列者都不计入", "ties left out"),
        ("cap", "none") => ("不设上限", "none"),
        ("rounding", "half_away_from_zero") => ("四舍五入", "half away from zero"),
        ("rounding", "half_even") => ("四舍六入五成双", "half to even"),
        ("rounding", "down") => ("向下取整", "down"),
        ("rounding", "up") => ("向上取整", "up"),
        ("rounding", "nearest") => ("四舍五入取整", "nearest"),
        ("beyond", "zero") => ("扣完为止", "stops at 0"),
        ("beyond", "overdraw") => (
            "可扣成负分，由上级指标限底",
            "goes below 0, floored by a group",
        ),
        ("placed", "last") => ("排在最后", "last"),
        ("placed", "by_total") => ("按总分排名", "by its total"),
        ("not_applicable", "rescale") => ("按适用项目折算", "rescaled to the total"),
        ("not_applicable", "redistribute") => ("权重分给同级指标", "weight redistributed"),
        ("kind", "bonus") => ("加分", "bonus"),
        ("kind", "penalty") => ("扣分", "penalty"),
        (_, "true") => ("是", "yes"),
        (_, "false") => ("否", "no"),
        _ => return None,
    };
    Some(lang.pick(zh, en))
}

/// One office under both rubrics.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OfficeImpact {
    /// The office.
    pub office: String,
    /// Published total under the old rubric.
    pub old_total: Decimal,
    /// Place under the old rubric.
    pub old_place: u32,
    /// Published total under the new rubric.
    pub new_total: Decimal,
    /// Place under the new rubric.
    pub new_place: u32,
    /// The indicators (and adjustments) whose points changed, largest
    /// change first: id, old points, new points (exact).
    pub drivers: Vec<Driver>,
}

/// One indicator's contribution to an office's change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Driver {
    /// The leaf's (or adjustment's) id.
    pub id: String,
    /// Points under the old rubric (0 if it was not there).
    pub old_points: Decimal,
    /// Points under the new rubric (0 if it is not there).
    pub new_points: Decimal,
}

impl Driver {
    /// new − old.
    pub fn delta(&self) -> Decimal {
        self.new_points - self.old_points
    }
}

impl OfficeImpact {
    /// Change of the published total.
    pub fn delta(&self) -> Decimal {
        self.new_total - self.old_total
    }
    /// Whether the total changed by rounding alone (the decimal places or
    /// the rounding rule changed; no indicator's points did).
    pub fn rounding_only(&self) -> bool {
        !self.delta().is_zero() && self.drivers.is_empty()
    }
    /// Whether the place moved while nothing of the office's own did: other
    /// offices' totals moved past it.
    pub fn moved_by_others(&self) -> bool {
        self.moved() && self.delta().is_zero() && self.drivers.is_empty()
    }
    /// Whether the place changed.
    pub fn moved(&self) -> bool {
        self.old_place != self.new_place
    }
}

/// Every office under both rubrics: those whose place changed first
/// (largest move first), then the others by the size of their change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Impact {
    /// The offices.
    pub offices: Vec<OfficeImpact>,
}

impl Impact {
    /// Whether no office's score changed at all: every total, every place
    /// and every indicator's points are the same.
    pub fn unchanged(&self) -> bool {
        self.offices
            .iter()
            .all(|o| o.delta().is_zero() && !o.moved() && o.drivers.is_empty())
    }

    /// Whether totals and places are the same (indicators' points may still
    /// have moved, cancelling out).
    pub fn totals_unchanged(&self) -> bool {
        self.offices
            .iter()
            .all(|o| o.delta().is_zero() && !o.moved())
    }
}

fn points_by_id(rubric: &Rubric, office: OfficeScore<'_>) -> BTreeMap<String, Decimal> {
    let mut m = BTreeMap::new();
    for (slot, leaf) in rubric.leaves() {
        m.insert(leaf.id.clone(), office.leaf(slot).points);
    }
    for (k, a) in rubric.adjustments() {
        m.insert(format!("adjustment:{}", a.id), office.adjustment(k));
    }
    m
}

/// Scores compared: `old_card` and `new_card` must hold the same offices
/// (matched by name; one missing from either is left out).
pub fn impact(old: &Rubric, old_card: &Scorecard, new: &Rubric, new_card: &Scorecard) -> Impact {
    let mut offices = Vec::new();
    for o in old_card.offices() {
        let Some(n) = new_card.find(o.name()) else {
            continue;
        };
        let (a, b) = (points_by_id(old, o), points_by_id(new, n));
        let ids: std::collections::BTreeSet<&String> = a.keys().chain(b.keys()).collect();
        let mut drivers: Vec<Driver> = ids
            .into_iter()
            .map(|id| Driver {
                id: id.clone(),
                old_points: a.get(id).copied().unwrap_or_default(),
                new_points: b.get(id).copied().unwrap_or_default(),
            })
            .filter(|d| !d.delta().is_zero())
            .collect();
        crate::sorting::sort_by(&mut drivers, |x, y| {
            y.delta().abs().cmp(&x.delta().abs()).then(x.id.cmp(&y.id))
        });
        offices.push(OfficeImpact {
            office: o.name().to_string(),
            old_total: o.total(),
            old_place: o.place(),
            new_total: n.total(),
            new_place: n.place(),
            drivers,
        });
    }
    crate::sorting::sort_by(&mut offices, |x, y| {
        let moved = |o: &OfficeImpact| i64::from(o.new_place) - i64::from(o.old_place);
        y.moved()
            .cmp(&x.moved())
            .then(moved(y).abs().cmp(&moved(x).abs()))
            .then(y.delta().abs().cmp(&x.delta().abs()))
            .then(x.new_place.cmp(&y.new_place))
            .then(x.office.cmp(&y.office))
    });
    Impact { offices }
}

/// A change between the two rubrics' figures as shown: at the finer of
/// their precisions (by the new rubric's rounding), so that a change of
/// decimal places is seen (`91.03 → 91.0` is −0.03, not 0.0). A change
/// of published totals is exact at that precision; one of points is
/// rounded to it.
pub fn round_change(old: &Rubric, new: &Rubric, change: Decimal) -> Decimal {
    new.rounding()
        .round(change, old.precision().max(new.precision()))
}

/// A driver's name in words (the indicator's name, or the adjustment's).
pub fn driver_name(id: &str, old: &Rubric, new: &Rubric, lang: Lang) -> String {
    if let Some(adj) = id.strip_prefix("adjustment:") {
        return new
            .adjustments
            .iter()
            .chain(&old.adjustments)
            .find(|a| a.id == adj)
            .map(|a| a.name.get(lang).to_string())
            .unwrap_or_else(|| adj.to_string());
    }
    new.find_indicator(id)
        .or_else(|| old.find_indicator(id))
        .map(|(_, i)| i.name.get(lang).to_string())
        .unwrap_or_else(|| id.to_string())
}
