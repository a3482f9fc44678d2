//! Output for people: the ranking table, per-office explanations, and
//! validation summaries.

use std::path::Path;

use comfy_table::{CellAlignment, Table, presets::ASCII_FULL_CONDENSED};
use scoring_core::calendar::{Day, DueDate, describe_days, weekday_name};
use scoring_core::fingerprint::short;
use scoring_core::items::{Judgement, Status, describe};
use scoring_core::{
    Dataset, IndicatorKind, Lang, OfficeIx, Rubric, Scorecard, explain, num::plain,
};

/// Everything a result is printed from.
pub struct Scored<'a> {
    /// The rubric.
    pub rubric: &'a Rubric,
    /// The data scored.
    pub data: &'a Dataset,
    /// The scores.
    pub card: &'a Scorecard,
    /// The item log, judged, when counts came from one.
    pub items: Option<&'a Judgement>,
}

/// The ranking table (width-aware for Chinese text), any requested
/// explanations, and a footer naming the rubric.
pub fn results(scored: &Scored<'_>, explained: &[OfficeIx], lang: Lang) -> String {
    let Scored {
        rubric, data, card, ..
    } = *scored;
    let mut table = Table::new();
    // ASCII borders: box-drawing characters are "ambiguous width" and render
    // double-wide in many CJK terminals, which breaks the alignment.
    table.load_style(ASCII_FULL_CONDENSED);
    let mut header = vec![
        lang.pick("名次", "Place").to_string(),
        lang.pick("处室", "Office").to_string(),
    ];
    let categories = rubric.categories();
    if let Some(c) = categories {
        header.push(rubric.text_column_at(c.column).label.get(lang).to_string());
    }
    header.push(lang.pick("总分", "Total").to_string());
    let grading = rubric.grading();
    if !grading.bands.is_empty() {
        header.push(lang.pick("等次", "Grade").to_string());
    }
    if !grading.vetoes.is_empty() {
        header.push(lang.pick("一票否决", "Veto").to_string());
    }
    if let Some(share) = &grading.top_share {
        header.push(share.name.get(lang).to_string());
    }
    for r in rubric.roots().items() {
        header.push(r.name.get(lang).to_string());
    }
    for a in rubric.adjustments().items() {
        header.push(a.name.get(lang).to_string());
    }
    for p in rubric.bonus_pools() {
        header.push(match lang {
            Lang::Zh => format!("{}（累计上限）", p.name.get(lang)),
            Lang::En => format!("{} (cap)", p.name.get(lang)),
        });
    }
    if !rubric.adjustments().is_empty() {
        header.push(explain::limit_name(rubric, lang));
    }
    table.set_header(header.clone());
    // Made in data order from the published figures, shown by place.
    let mut rows = Vec::with_capacity(card.len());
    let mut published = card.published();
    while let Some(p) = published.next_office() {
        let office = p.office();
        let mut row = vec![p.place().to_string(), office.name().to_string()];
        let category = office
            .category()
            .and_then(|k| categories.and_then(|c| c.list.get(k)));
        if let Some(c) = category {
            row.push(c.name.get(lang).to_string());
        }
        row.push(p.total().to_string());
        if !grading.bands.is_empty() {
            let band = office.band().map(|b| grading.bands[b].name.get(lang));
            row.push(band.unwrap_or("").to_string());
        }
        if !grading.vetoes.is_empty() {
            let veto = office.veto().map(|k| grading.vetoes[k].name.get(lang));
            row.push(veto.unwrap_or("").to_string());
        }
        if let Some(share) = &grading.top_share {
            row.push(
                if office.in_top_share() {
                    share.name.get(lang)
                } else {
                    ""
                }
                .to_string(),
            );
        }
        for (rix, r) in rubric.roots() {
            if category.is_some_and(|c| !c.has(rix)) {
                // Not assessed for the office's category.
                row.push(lang.pick("不考核", "not assessed").to_string());
                continue;
            }
            let points = match &r.kind {
                IndicatorKind::Group { slot, .. } if office.group_not_applicable(*slot) => {
                    row.push(lang.pick("不适用", "N/A").to_string());
                    continue;
                }
                IndicatorKind::Group { slot, .. } => p.group(*slot),
                IndicatorKind::Leaf { slot, .. } if p.not_applicable(*slot) => {
                    row.push(lang.pick("不适用", "N/A").to_string());
                    continue;
                }
                IndicatorKind::Leaf { slot, .. } => p.leaf(*slot).1,
            };
            row.push(points.to_string());
        }
        if !rubric.adjustments().is_empty() {
            for (k, _) in rubric.adjustments() {
                row.push(p.adjustment(k).to_string());
            }
            for k in 0..rubric.bonus_pools().len() {
                row.push(p.pool_cut(k).to_string());
            }
            row.push(p.limit().to_string());
        }
        rows.push(Some(row));
    }
    for office in card.ranking() {
        if let Some(row) = rows[office.ix().index()].take() {
            table.add_row(row);
        }
    }
    for (i, column) in table.column_iter_mut().enumerate() {
        if i != 1 && !(i == 2 && categories.is_some()) {
            column.set_cell_alignment(CellAlignment::Right);
        }
    }
    let mut out = table.to_string();
    out.push('\n');
    for &o in explained {
        out.push('\n');
        out.push_str(&office_tree(scored, o, lang));
    }
    let _ = data;
    out.push('\n');
    out.push_str(&footer(rubric, card.len(), lang));
    out.push('\n');
    out
}

fn footer(rubric: &Rubric, offices: usize, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!(
            "评分细则：{}（{}，版本 {}，指纹 {}）；共 {} 个处室；总分保留 {} 位小数，{}。",
            rubric.title().get(lang),
            rubric.id(),
            rubric.version(),
            short(&rubric.fingerprint()),
            offices,
            rubric.precision(),
            match rubric.rounding() {
                scoring_core::Rounding::HalfAwayFromZero => "四舍五入",
                scoring_core::Rounding::HalfEven => "四舍六入五成双",
            }
        ),
        Lang::En => format!(
            "Rubric: {} ({}, version {}, fingerprint {}); {} offices; totals at {} decimals, rounding {}.",
            rubric.title().get(lang),
            rubric.id(),
            rubric.version(),
            short(&rubric.fingerprint()),
            offices,
            rubric.precision(),
            rubric.rounding().name()
        ),
    }
}

/// Every point of one office, as an indented tree: each group with its
/// subtotal, each leaf with its explanation and rule.
pub fn office_tree(scored: &Scored<'_>, o: OfficeIx, lang: Lang) -> String {
    let Scored {
        rubric,
        data,
        card,
        items,
    } = *scored;
    let office = card.office(o);
    let category = office
        .category()
        .and_then(|k| rubric.categories()?.list.get(k));
    let mut out = match (lang, category) {
        (Lang::Zh, Some(c)) => format!(
            "{}（{}）：总分 {}（满分{}），{}第{}名/共{}个\n",
            office.name(),
            c.name.get(lang),
            rubric.publish(office.total()),
            plain(c.total),
            c.name.get(lang),
            office.place(),
            office.of()
        ),
        (Lang::En, Some(c)) => format!(
            "{} ({}): total {} of {}, place {} of {} in {}\n",
            office.name(),
            c.name.get(lang),
            rubric.publish(office.total()),
            plain(c.total),
            office.place(),
            office.of(),
            c.name.get(lang)
        ),
        (Lang::Zh, None) => format!(
            "{}：总分 {}，第{}名/共{}个\n",
            office.name(),
            rubric.publish(office.total()),
            office.place(),
            office.of()
        ),
        (Lang::En, None) => format!(
            "{}: total {}, place {} of {}\n",
            office.name(),
            rubric.publish(office.total()),
            office.place(),
            office.of()
        ),
    };
    if rubric.round(office.exact_total()) != office.exact_total() {
        out.push_str(&match lang {
            Lang::Zh => format!("  （精确值 {}）\n", plain(office.exact_total())),
            Lang::En => format!("  (exactly {})\n", plain(office.exact_total())),
        });
    }
    for ind in rubric.indicators().items() {
        let indent = "  ".repeat(ind.depth + 1);
        let pct = plain(rubric.weight_percent(ind.weight));
        let (points, leaf) = match &ind.kind {
            IndicatorKind::Group { slot, .. } => (office.group(*slot), None),
            IndicatorKind::Leaf { slot, .. } => (office.leaf(*slot).points, Some(*slot)),
        };
        let na = match &ind.kind {
            IndicatorKind::Group { slot, .. } => office.group_not_applicable(*slot),
            IndicatorKind::Leaf { slot, .. } => office.not_applicable(*slot),
        };
        let outside = leaf.is_some_and(|l| office.leaf_outside(l));
        let points_text = if outside {
            lang.pick("不考核", "not assessed").to_string()
        } else if na {
            lang.pick("不适用", "N/A").to_string()
        } else {
            match lang {
                Lang::Zh => format!("{}分", rubric.publish(points)),
                Lang::En => format!("{} points", rubric.publish(points)),
            }
        };
        out.push_str(&match lang {
            Lang::Zh => format!(
                "{indent}{}（{}%）：{points_text}\n",
                ind.name.get(lang),
                pct
            ),
            Lang::En => format!("{indent}{} ({}%): {points_text}\n", ind.name.get(lang), pct),
        });
        if let IndicatorKind::Group { slot, .. } = &ind.kind
            && let Some(note) = explain::group_note(rubric, card, o, *slot, lang)
        {
            out.push_str(&format!("{indent}    {note}\n"));
        }
        if let Some(slot) = leaf {
            out.push_str(&format!(
                "{indent}    {}\n",
                explain::leaf(rubric, data, card, o, slot, lang)
            ));
            out.push_str(&format!(
                "{indent}    {}{}\n",
                lang.pick("规则：", "Rule: "),
                explain::leaf_rule(rubric, slot, lang)
            ));
            if let Some(j) = items
                && j.leaves().contains(&slot)
            {
                for (item, judged) in j.items_of(office.name()).filter(|(i, _)| i.leaf == slot) {
                    let mark = match judged.status {
                        Status::OnTime => lang.pick("按时", "on time"),
                        Status::Late => lang.pick("超期", "LATE"),
                        Status::Open => lang.pick("未到期", "open"),
                    };
                    out.push_str(&format!(
                        "{indent}    [{mark}] {} {}\n",
                        item.id,
                        describe(item, judged, j.period_end, lang)
                    ));
                }
            }
        }
    }
    for (k, _) in rubric.adjustments() {
        out.push_str(&format!(
            "  {}\n",
            explain::adjustment(rubric, data, card, o, k, lang)
        ));
    }
    for k in 0..rubric.bonus_pools().len() {
        if let Some(note) = explain::pool_note(rubric, card, o, k, lang) {
            out.push_str(&format!("  {note}\n"));
        }
    }
    if let Some(note) = explain::total_note(rubric, card, o, lang) {
        out.push_str(&format!("  {note}\n"));
    }
    if let Some(note) = explain::na_note(rubric, card, o, lang) {
        out.push_str(&format!("  {note}\n"));
    }
    if let Some(note) = explain::grade_note(rubric, card, o, lang) {
        out.push_str(&format!("  {note}\n"));
    }
    out
}

/// `scoring calendar YEAR`: the year's announced days.
pub fn calendar(year: i16, days: &[Day], lang: Lang) -> String {
    let mut out = match lang {
        Lang::Zh => format!("{year}年节假日安排与调休上班日\n"),
        Lang::En => format!("Public holidays and make-up working days, {year}\n"),
    };
    for d in days {
        let (mark, _) = if d.is_working() {
            (lang.pick("班", "work"), ())
        } else {
            (lang.pick("休", "off"), ())
        };
        out.push_str(&format!(
            "{}  {}  {:<4}  {}\n",
            d.date,
            weekday_name(d.date.weekday(), lang),
            mark,
            d.reason(lang)
        ));
    }
    let off = days.iter().filter(|d| !d.is_working()).count();
    let work = days.len() - off;
    out.push_str(&match lang {
        Lang::Zh => format!("共 {off} 天放假、{work} 天调休上班；其余周一至周五上班，周六周日休息。\n"),
        Lang::En => format!("{off} days off and {work} make-up working days; otherwise Monday to Friday are working days.\n"),
    });
    out
}

/// `scoring due DATE --working-days N`: the due date first, then how.
pub fn due(due: &DueDate, lang: Lang) -> String {
    let mut out = format!("{}\n", due.due);
    let wd = |d: jiff::civil::Date| weekday_name(d.weekday(), lang);
    out.push_str(&match lang {
        Lang::Zh => format!(
            "收到日 {}（{}）不计；其后第{}个工作日为 {}（{}）。\n",
            due.received,
            wd(due.received),
            due.working_days,
            due.due,
            wd(due.due)
        ),
        Lang::En => format!(
            "The day of receipt, {} ({}), does not count; the {} working day after it is {} ({}).\n",
            due.received,
            wd(due.received),
            scoring_core::lang::ordinal_en(u64::from(due.working_days)),
            due.due,
            wd(due.due)
        ),
    });
    if due.skipped.is_empty() {
        out.push_str(lang.pick("期间没有非工作日。\n", "No day off in between.\n"));
    } else {
        out.push_str(&match lang {
            Lang::Zh => format!("不计：{}\n", describe_days(&due.skipped, lang)),
            Lang::En => format!("Not counted: {}\n", describe_days(&due.skipped, lang)),
        });
    }
    out
}

/// `OK file: id version — N inputs, N indicators, total 100, N examples`.
pub fn summary(path: &Path, rubric: &Rubric, examples: usize, lang: Lang) -> String {
    let leaves = rubric.leaves().len();
    let groups = rubric.groups().len();
    // With categories, each one's total: `A类 100、B类 95`.
    let total = match rubric.categories() {
        Some(c) => c
            .list
            .iter()
            .map(|k| format!("{} {}", k.name.get(lang), plain(k.total)))
            .collect::<Vec<_>>()
            .join(lang.pick("、", ", ")),
        None => plain(rubric.total()),
    };
    match lang {
        Lang::Zh => format!(
            "OK {}：{}（版本 {}），{} 个输入项，{} 个末级指标、{} 个分组，总分 {}，{} 个示例通过，指纹 {}\n",
            path.display(),
            rubric.id(),
            rubric.version(),
            rubric.inputs().len(),
            leaves,
            groups,
            total,
            examples,
            short(&rubric.fingerprint())
        ),
        Lang::En => format!(
            "OK {}: {} (version {}), {} inputs, {} leaf indicators in {} groups, total {}, {} examples pass, fingerprint {}\n",
            path.display(),
            rubric.id(),
            rubric.version(),
            rubric.inputs().len(),
            leaves,
            groups,
            total,
            examples,
            short(&rubric.fingerprint())
        ),
    }
}
