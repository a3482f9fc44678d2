//! For auditors: rubric diffs with their impact on every office, examples
//! run as tests, fingerprints.

use comfy_table::{CellAlignment, Table, presets::ASCII_FULL_CONDENSED};
use scoring_core::diff::{
    Change, Impact, RubricDiff, Subject, change_text_in, driver_name, few_shared, round_change,
    same_version_differs, subject_name,
};
use scoring_core::fingerprint::short;
use scoring_core::{Lang, Rubric};

/// `old → new` heading, with versions and short fingerprints.
fn heading(old: &Rubric, new: &Rubric, lang: Lang) -> String {
    let one = |r: &Rubric| match lang {
        Lang::Zh => format!(
            "{}（版本 {}，指纹 {}）",
            r.id(),
            r.version(),
            short(&r.fingerprint())
        ),
        Lang::En => format!(
            "{} (version {}, fingerprint {})",
            r.id(),
            r.version(),
            short(&r.fingerprint())
        ),
    };
    match lang {
        Lang::Zh => format!("评分细则对比：{} → {}\n", one(old), one(new)),
        Lang::En => format!("Rubric diff: {} → {}\n", one(old), one(new)),
    }
}

/// The diff for a terminal: grouped by subject.
pub fn diff_text(old: &Rubric, new: &Rubric, diff: &RubricDiff, lang: Lang) -> String {
    let mut out = heading(old, new, lang);
    if diff.is_empty() {
        out.push_str(if old.fingerprint() == new.fingerprint() {
            lang.pick(
                "\n两个评分细则含义相同（指纹一致）：没有任何变更。\n",
                "\nThe two rubrics mean the same (equal fingerprints): no change.\n",
            )
        } else {
            lang.pick(
                "\n没有发现逐项变更，但两个细则的指纹不同：请对照原文件检查。\n",
                "\nNo change found item by item, yet the fingerprints differ: compare the files by hand.\n",
            )
        });
        return out;
    }
    if same_version_differs(old, new) {
        out.push_str(lang.pick(
            "\n注意：两个评分细则的标识和版本相同，内容却不同（指纹不同）：这是一次没有改版本号的修改。\n",
            "\nNote: the two rubrics have the same id and version but different meanings (fingerprints): an edit that kept the version.\n",
        ));
    }
    if let Some((same, a, b)) = few_shared(old, new) {
        out.push_str(&match lang {
            Lang::Zh => format!(
                "\n注意：两个评分细则的指标大多不同（原细则{a}个指标、新细则{b}个，相同的只有{same}个），不像同一细则的两个版本，下面的差异会很多。\n"
            ),
            Lang::En => format!(
                "\nNote: the two rubrics share few indicators ({same} of the old one's {a} and the new one's {b}): they do not look like two versions of one rubric, and the differences below are many.\n"
            ),
        });
    }
    // What can move a figure first, then wording alone.
    let (figures, wording) = diff.figures_then_wording();
    let count = |list: &[(&Subject, Vec<&Change>)]| -> usize {
        list.iter().map(|(_, changes)| changes.len()).sum()
    };
    let (n_figures, n_wording) = (count(&figures), count(&wording));
    push_groups(&mut out, figures, old, new, lang);
    if n_wording > 0 {
        out.push_str(&match lang {
            Lang::Zh => format!(
                "\n—— 文字变更（{n_wording} 处）：名称、说明、单位、版本等，不影响任何得分、名次和等次 ——\n"
            ),
            Lang::En => format!(
                "\n—— Wording ({n_wording}): names, help texts, units, the version…, which move no score, place or grade ——\n"
            ),
        });
        push_groups(&mut out, wording, old, new, lang);
    }
    if diff.renames_columns() {
        out.push_str(lang.pick(
            "\n注意：有列名的变更。数据文件按列名读取：按原细则填好的文件，在新细则下某列可能对应另一个输入项（例如两个列名互换），得分随之变化。\n",
            "\nNote: column names changed. Data files are read by their column names: a file filled in for the old rubric may have a column read as another input under the new one (two names swapped, say), and scores move with it.\n",
        ));
    }
    out.push_str(&match lang {
        Lang::Zh => format!(
            "\n共 {} 处变更：{n_figures} 处可能影响得分，{n_wording} 处仅为文字。\n",
            diff.entries.len()
        ),
        Lang::En => format!(
            "\n{} changes: {n_figures} that can move a figure, {n_wording} of wording alone.\n",
            diff.entries.len()
        ),
    });
    out
}

/// Changes grouped by subject, each group after a blank line.
fn push_groups(
    out: &mut String,
    groups: Vec<(&Subject, Vec<&Change>)>,
    old: &Rubric,
    new: &Rubric,
    lang: Lang,
) {
    for (subject, changes) in groups {
        out.push('\n');
        out.push_str(&subject_name(subject, old, new, lang));
        out.push('\n');
        for c in changes {
            out.push_str("  ");
            out.push_str(&change_text_in(c, old, new, lang));
            out.push('\n');
        }
    }
}

/// The impact on every office, for a terminal.
pub fn impact_text(
    old: &Rubric,
    new: &Rubric,
    impact: &Impact,
    source: &str,
    lang: Lang,
) -> String {
    let mut out = match lang {
        Lang::Zh => format!(
            "\n对各处室的影响（{source}，{}个处室）：\n",
            impact.offices.len()
        ),
        Lang::En => format!(
            "\nImpact on each office ({source}, {} offices):\n",
            impact.offices.len()
        ),
    };
    if impact.unchanged() {
        out.push_str(lang.pick(
            "此次变更不改变任何处室的任何得分、总分和名次。\n",
            "This change leaves every office's scores, total and place the same.\n",
        ));
        return out;
    }
    if impact.totals_unchanged() {
        out.push_str(lang.pick(
            "各处室的总分和名次不变，但以下指标的分值有变化：\n",
            "Every office's total and place stay the same, but these indicators' points move:\n",
        ));
    }
    let mut table = Table::new();
    table.load_style(ASCII_FULL_CONDENSED);
    table.set_header(vec![
        lang.pick("处室", "Office"),
        lang.pick("原总分", "Old total"),
        lang.pick("原名次", "Old place"),
        lang.pick("新总分", "New total"),
        lang.pick("新名次", "New place"),
        lang.pick("变化", "Change"),
    ]);
    for o in &impact.offices {
        let place = if o.moved() {
            format!(
                "{} {}",
                o.new_place,
                if o.new_place < o.old_place {
                    "↑"
                } else {
                    "↓"
                }
            )
        } else {
            o.new_place.to_string()
        };
        table.add_row(vec![
            o.office.clone(),
            old.publish(o.old_total),
            o.old_place.to_string(),
            new.publish(o.new_total),
            place,
            signed(round_change(old, new, o.delta())),
        ]);
    }
    for (i, column) in table.column_iter_mut().enumerate() {
        if i > 0 {
            column.set_cell_alignment(CellAlignment::Right);
        }
    }
    out.push_str(&table.to_string());
    out.push('\n');
    // Offices that moved with nothing of their own moving, and totals
    // moved by rounding alone: said in words, as they have no drivers.
    type Applies = fn(&scoring_core::diff::OfficeImpact) -> bool;
    let said: [(Applies, &str, &str); 2] = [
        (
            |o| o.moved_by_others(),
            "本处室的得分不变，名次因其他处室的总分变化而变",
            "its own scores do not change; its place moves with other offices' totals",
        ),
        (
            |o| o.rounding_only(),
            "各指标得分不变，总分的变化仅来自舍入（保留小数位数或舍入方式的变更）",
            "no indicator's points change; the total changes by rounding alone (the decimal places or the rounding rule)",
        ),
    ];
    for (applies, zh, en) in said {
        for o in impact.offices.iter().filter(|o| applies(o)) {
            out.push_str(&format!(
                "{}{}{}\n",
                o.office,
                lang.pick("：", ": "),
                lang.pick(zh, en)
            ));
        }
    }
    for o in impact.offices.iter().filter(|o| !o.drivers.is_empty()) {
        let drivers: Vec<String> = o
            .drivers
            .iter()
            .map(|d| {
                let (name, delta) = (
                    driver_name(&d.id, old, new, lang),
                    signed(round_change(old, new, d.delta())),
                );
                let (was, now) = (old.publish(d.old_points), new.publish(d.new_points));
                match lang {
                    Lang::Zh => format!("{name} {delta}（{was} → {now}）"),
                    Lang::En => format!("{name} {delta} ({was} → {now})"),
                }
            })
            .collect();
        out.push_str(&format!(
            "{}{}{}\n",
            o.office,
            lang.pick("：", ": "),
            drivers.join(lang.pick("；", "; "))
        ));
    }
    out
}

fn signed(d: rust_decimal::Decimal) -> String {
    if d.is_sign_positive() && !d.is_zero() {
        format!("+{d}")
    } else if d.is_zero() {
        format!("{}", d.abs())
    } else {
        format!("−{}", d.abs())
    }
}

/// A line per example and a summary, for `scoring test`.
pub fn example_line(passed: bool, name: &str, lang: Lang) -> String {
    match (passed, lang) {
        (true, Lang::Zh) => format!("  通过  {name}\n"),
        (true, Lang::En) => format!("  pass  {name}\n"),
        (false, Lang::Zh) => format!("  失败  {name}\n"),
        (false, Lang::En) => format!("  FAIL  {name}\n"),
    }
}

/// `N examples, M failed`.
pub fn examples_summary(total: usize, failed: usize, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("共 {total} 个示例，{failed} 个失败\n"),
        Lang::En => format!("{total} examples, {failed} failed\n"),
    }
}
