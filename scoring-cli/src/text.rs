//! Output for people: the ranking table, per-office explanations, and
//! validation summaries.

use std::path::Path;

use comfy_table::{CellAlignment, Table, presets::ASCII_FULL_CONDENSED};
use scoring_core::{Dataset, IndicatorKind, Lang, Rubric, Scorecard, explain, num::plain};

/// The ranking table (width-aware for Chinese text), any requested
/// explanations, and a footer naming the rubric.
pub fn results(
    rubric: &Rubric,
    data: &Dataset,
    card: &Scorecard,
    explained: &[usize],
    lang: Lang,
) -> String {
    let mut table = Table::new();
    // ASCII borders: box-drawing characters are "ambiguous width" and render
    // double-wide in many CJK terminals, which breaks the alignment.
    table.load_style(ASCII_FULL_CONDENSED);
    let mut header = vec![
        lang.pick("名次", "Place").to_string(),
        lang.pick("处室", "Office").to_string(),
        lang.pick("总分", "Total").to_string(),
    ];
    for &r in rubric.roots() {
        header.push(rubric.indicator(r).name.get(lang).to_string());
    }
    for a in rubric.adjustments() {
        header.push(a.name.get(lang).to_string());
    }
    table.set_header(header.clone());
    for office in card.ranking() {
        let mut row = vec![
            office.place().to_string(),
            office.name().to_string(),
            rubric.publish(office.total()),
        ];
        for &r in rubric.roots() {
            let points = match &rubric.indicator(r).kind {
                IndicatorKind::Group { slot, .. } => office.group(*slot),
                IndicatorKind::Leaf { slot, .. } => office.leaf(*slot).points,
            };
            row.push(rubric.publish(points));
        }
        for k in 0..rubric.adjustments().len() {
            row.push(rubric.publish(office.adjustment(k)));
        }
        table.add_row(row);
    }
    for (i, column) in table.column_iter_mut().enumerate() {
        if i != 1 {
            column.set_cell_alignment(CellAlignment::Right);
        }
    }
    let mut out = table.to_string();
    out.push('\n');
    for &o in explained {
        out.push('\n');
        out.push_str(&office_tree(rubric, data, card, o, lang));
    }
    out.push('\n');
    out.push_str(&footer(rubric, card.len(), lang));
    out.push('\n');
    out
}

fn footer(rubric: &Rubric, offices: usize, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!(
            "评分细则：{}（{}，版本 {}）；共 {} 个处室；总分保留 {} 位小数，{}。",
            rubric.title().get(lang),
            rubric.id(),
            rubric.version(),
            offices,
            rubric.precision(),
            match rubric.rounding() {
                scoring_core::Rounding::HalfAwayFromZero => "四舍五入",
                scoring_core::Rounding::HalfEven => "四舍六入五成双",
            }
        ),
        Lang::En => format!(
            "Rubric: {} ({}, version {}); {} offices; totals at {} decimals, rounding {}.",
            rubric.title().get(lang),
            rubric.id(),
            rubric.version(),
            offices,
            rubric.precision(),
            rubric.rounding().name()
        ),
    }
}

/// Every point of one office, as an indented tree: each group with its
/// subtotal, each leaf with its explanation and rule.
pub fn office_tree(
    rubric: &Rubric,
    data: &Dataset,
    card: &Scorecard,
    o: usize,
    lang: Lang,
) -> String {
    let office = card.office(o);
    let mut out = match lang {
        Lang::Zh => format!(
            "{}：总分 {}，第{}名/共{}个\n",
            office.name(),
            rubric.publish(office.total()),
            office.place(),
            card.len()
        ),
        Lang::En => format!(
            "{}: total {}, place {} of {}\n",
            office.name(),
            rubric.publish(office.total()),
            office.place(),
            card.len()
        ),
    };
    if rubric.round(office.exact_total()) != office.exact_total() {
        out.push_str(&match lang {
            Lang::Zh => format!("  （精确值 {}）\n", plain(office.exact_total())),
            Lang::En => format!("  (exactly {})\n", plain(office.exact_total())),
        });
    }
    for ind in rubric.indicators() {
        let indent = "  ".repeat(ind.depth + 1);
        let pct = plain(rubric.weight_percent(ind.weight));
        let (points, leaf) = match &ind.kind {
            IndicatorKind::Group { slot, .. } => (office.group(*slot), None),
            IndicatorKind::Leaf { slot, method } => {
                (office.leaf(*slot).points, Some((*slot, method)))
            }
        };
        out.push_str(&match lang {
            Lang::Zh => format!(
                "{indent}{}（{}%）：{}分\n",
                ind.name.get(lang),
                pct,
                rubric.publish(points)
            ),
            Lang::En => format!(
                "{indent}{} ({}%): {} points\n",
                ind.name.get(lang),
                pct,
                rubric.publish(points)
            ),
        });
        if let Some((slot, method)) = leaf {
            out.push_str(&format!(
                "{indent}    {}\n",
                explain::leaf(rubric, data, card, o, slot, lang)
            ));
            out.push_str(&format!(
                "{indent}    {}{}\n",
                lang.pick("规则：", "Rule: "),
                explain::rule(rubric, method, lang)
            ));
        }
    }
    for k in 0..rubric.adjustments().len() {
        out.push_str(&format!(
            "  {}\n",
            explain::adjustment(rubric, data, card, o, k, lang)
        ));
    }
    out
}

/// `OK file: id version — N inputs, N indicators, total 100`.
pub fn summary(path: &Path, rubric: &Rubric, lang: Lang) -> String {
    let leaves = rubric.leaves().len();
    let groups = rubric.groups().len();
    match lang {
        Lang::Zh => format!(
            "OK {}：{}（版本 {}），{} 个输入项，{} 个末级指标、{} 个分组，总分 {}\n",
            path.display(),
            rubric.id(),
            rubric.version(),
            rubric.inputs().len(),
            leaves,
            groups,
            plain(rubric.total())
        ),
        Lang::En => format!(
            "OK {}: {} (version {}), {} inputs, {} leaf indicators in {} groups, total {}\n",
            path.display(),
            rubric.id(),
            rubric.version(),
            rubric.inputs().len(),
            leaves,
            groups,
            plain(rubric.total())
        ),
    }
}
