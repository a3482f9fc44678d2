//! Categories of units (A类/B类): one assessment scoring several kinds of
//! unit, each on its own part of the indicator tree, out of its own total,
//! with places counted within the category.
//!
//! **One home.** Their keys in a rubric file (and so the schema and the
//! docs), reading and validating them, their canonical form (fingerprint
//! and diff), reading an office's category from its data cell, and the
//! words. The engine (`score.rs`) scores every leaf once per category it
//! applies to, on that category's offices alone, and counts places and
//! top shares within a category.
//!
//! What the rubric must settle, because published rubrics leave it open,
//! is settled by the file's shape: each category lists the top-level
//! indicators it is scored on and states its total, which they must add
//! up to (95 for B类 when A类 has 100); every top-level indicator belongs
//! to at least one category; the column holding each office's category is
//! a declared text column, and a cell naming no category is refused, never
//! guessed.

use marked_yaml::Node;
use marked_yaml::types::MarkedMappingNode;
use rust_decimal::Decimal;

use crate::canon::Canon;
use crate::ix::{IndicatorIx, TextIx};
use crate::lang::Text;
use crate::num::plain;
use crate::rubric::{Loader, Location, MapCx, RubricProblem};
use crate::spec::{Bound, Kind, Param, Shape};
use crate::suggest::closest;

/// One category of units (A类：县区).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Category {
    /// Stable id (`a`, `b1`); also accepted in the data cell.
    pub id: String,
    /// Its name (A类（县区）), accepted in the data cell in either
    /// language.
    pub name: Text,
    /// What its offices are scored out of: the sum of its indicators'
    /// weights.
    pub total: Decimal,
    /// The top-level indicators its offices are scored on, in file order.
    pub indicators: Vec<IndicatorIx>,
    /// Where it is declared.
    pub location: Option<Location>,
}

impl Category {
    /// Whether the category is scored on top-level indicator `root`.
    pub fn has(&self, root: IndicatorIx) -> bool {
        self.indicators.contains(&root)
    }
}

/// A rubric's categories and the column that says which one each office
/// is in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Categories {
    /// The text column holding each office's category.
    pub column: TextIx,
    /// The categories, in file order (results list them in this order).
    pub list: Vec<Category>,
}

impl Categories {
    /// The category a data cell names: its id (any case), or its name in
    /// Chinese or English (any case), spaces around ignored; `None` for a
    /// blank cell or one naming no category.
    pub fn find(&self, cell: &str) -> Option<usize> {
        let t = cell.trim();
        if t.is_empty() {
            return None;
        }
        self.list.iter().position(|c| {
            c.id.eq_ignore_ascii_case(t)
                || c.name.zh == t
                || c.name
                    .en
                    .as_deref()
                    .is_some_and(|e| e.eq_ignore_ascii_case(t))
        })
    }

    /// The canonical form: the column, and each category's name, total
    /// and indicators.
    pub(crate) fn canonical(
        &self,
        column_id: &str,
        root_id: impl Fn(IndicatorIx) -> String,
    ) -> Canon {
        let mut out = Canon::default();
        out.value("categories.column", column_id.to_string());
        for c in &self.list {
            out.text(&format!("categories.{}.name", c.id), &c.name);
            out.decimal(&format!("categories.{}.total", c.id), c.total);
            let ids: Vec<String> = c.indicators.iter().map(|&r| root_id(r)).collect();
            out.value(format!("categories.{}.indicators", c.id), ids.join(","));
        }
        out
    }
}

const COLUMN: Param = Param::required(
    "category_column",
    Kind::TextColumn,
    "the declared text column holding each office's category (its id or name)",
);
const CAT_ID: Param = Param::required("id", Kind::Id, "stable id, also accepted in the data");
const CAT_NAME: Param = Param::required(
    "name",
    Kind::Text,
    "the category's name (A类（县区）), accepted in the data in either language",
);
const CAT_TOTAL: Param = Param::optional(
    "total",
    Kind::Decimal {
        min: Bound::Exclusive(Decimal::ZERO),
        max: Bound::Inclusive(crate::rubric::MAX_TOTAL),
        default: None,
        also: Some("the rubric's `total` when absent"),
    },
    "what the category's offices are scored out of: its indicators' weights add up to it",
);
const CAT_INDICATORS: Param = Param::required(
    "indicators",
    Kind::Names,
    "the ids of the top-level indicators the category is scored on",
);

/// The keys of a category.
pub(crate) const SHAPE: Shape = Shape {
    name: "categories",
    params: &[CAT_ID, CAT_NAME, CAT_TOTAL, CAT_INDICATORS],
    one_of: &[],
};

/// The top-level key naming the category column, as the rubric's shape
/// declares it (required with `categories`, which the loader checks).
pub(crate) const COLUMN_PARAM: Param = Param::optional(
    "category_column",
    Kind::TextColumn,
    "the declared text column holding each office's category (its id or name); required with `categories`",
);

/// Reads a rubric's `categories` and `category_column`, reporting every
/// problem located: `roots` are the top-level indicators (position, id,
/// weight), `total` the rubric's total. `None` when the rubric has no
/// categories.
pub(crate) fn load(
    loader: &mut Loader<'_>,
    map: &MarkedMappingNode,
    roots: &[(IndicatorIx, String, Decimal)],
    total: Decimal,
) -> Option<Categories> {
    let given = map.get_node("categories").is_some();
    let column_given = map.get_node(COLUMN.key).is_some();
    if !given && !column_given {
        return None;
    }
    let list = loader.list(
        map,
        &SHAPE,
        "categories",
        ("a list of categories", "类别列表"),
        (
            "a category (id, name, indicators…)",
            "类别（id、name、indicators…）",
        ),
        |cx, read: &[Category]| {
            let id = cx.id();
            let name = cx.text(&CAT_NAME);
            let at = cx.location();
            let stated = cx.node(CAT_TOTAL.key).is_some();
            let cat_total = if stated {
                cx.decimal(&CAT_TOTAL)
            } else {
                total
            };
            let indicators = indicators(cx, roots);
            let (id, id_at) = id?;
            if let Some(first) = read.iter().find(|c| c.id.eq_ignore_ascii_case(&id)) {
                let path = cx.key_path(CAT_ID.key);
                cx.error(
                    &path,
                    id_at,
                    RubricProblem::DuplicateId {
                        id,
                        first: first.location,
                    },
                );
                return None;
            }
            let indicators = indicators?;
            let sum: Decimal = indicators
                .iter()
                .map(|r| {
                    roots
                        .iter()
                        .find(|(ix, ..)| ix == r)
                        .map_or(Decimal::ZERO, |x| x.2)
                })
                .sum();
            if sum != cat_total {
                let path = cx.key_path(CAT_INDICATORS.key);
                cx.error(
                    &path,
                    at,
                    RubricProblem::CategoryTotalMismatch {
                        category: id.clone(),
                        total: plain(cat_total),
                        sum: plain(sum),
                    },
                );
            }
            Some(Category {
                id,
                name: name?,
                total: cat_total,
                indicators,
                location: at,
            })
        },
    );
    let column = loader.at_top(map, |cx| {
        let column = cx.text_column(&COLUMN);
        if column_given && !given {
            cx.missing("categories");
        }
        column
    });
    if !given || list.is_empty() {
        return None;
    }
    // Every top-level indicator is scored for some category (once every
    // category could be read: a wrong one is reported already).
    let written = match map.get_node("categories") {
        Some(Node::Sequence(seq)) => seq.len(),
        _ => 0,
    };
    for (ix, id, _) in roots.iter().filter(|_| written == list.len()) {
        if !list.iter().any(|c| c.has(*ix)) {
            let at = list.first().and_then(|c| c.location);
            loader.rule_error(
                "categories",
                at,
                RubricProblem::IndicatorInNoCategory { id: id.clone() },
            );
        }
    }
    Some(Categories {
        column: TextIx::new(column?),
        list,
    })
}

/// A category's `indicators`: top-level indicator ids, each known and
/// listed once; `None` when any is wrong (reported).
fn indicators(
    cx: &mut MapCx<'_, '_>,
    roots: &[(IndicatorIx, String, Decimal)],
) -> Option<Vec<IndicatorIx>> {
    let path = cx.key_path(CAT_INDICATORS.key);
    let Some(node) = cx.node(CAT_INDICATORS.key) else {
        cx.missing(CAT_INDICATORS.key);
        return None;
    };
    // Not a list, or an empty one.
    let not_a_list = |cx: &mut MapCx<'_, '_>| {
        cx.wrong_type(
            node,
            &path,
            "a list of top-level indicator ids",
            "一级指标 id 列表",
        )
    };
    let Node::Sequence(seq) = node else {
        not_a_list(cx);
        return None;
    };
    let mut out = Vec::new();
    let mut ok = true;
    for (i, item) in seq.iter().enumerate() {
        let p = format!("{path}[{i}]");
        let at = MapCx::node_location(item);
        let Node::Scalar(s) = item else {
            cx.wrong_type(item, &p, "a top-level indicator id", "一级指标 id");
            ok = false;
            continue;
        };
        let id = s.as_str().trim();
        match roots.iter().find(|(_, r, _)| r == id) {
            Some((ix, ..)) if out.contains(ix) => {
                cx.error(
                    &p,
                    at,
                    RubricProblem::DuplicateId {
                        id: id.to_string(),
                        first: None,
                    },
                );
                ok = false;
            }
            Some((ix, ..)) => out.push(*ix),
            None => {
                cx.error(
                    &p,
                    at,
                    RubricProblem::UnknownTopIndicator {
                        id: id.to_string(),
                        suggestion: closest(id, roots.iter().map(|(_, r, _)| r.as_str())),
                    },
                );
                ok = false;
            }
        }
    }
    if out.is_empty() && ok {
        not_a_list(cx);
        return None;
    }
    ok.then_some(out)
}
