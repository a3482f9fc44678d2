//! Compare two rubrics: what changed, and — on the assessment open now —
//! both rankings side by side, movers highlighted, each office's reasons one
//! click away. Every figure comes from the core (`diff`, `impact`,
//! `explain`).

use std::rc::Rc;

use scoring_core::diff::{
    Change, Impact, RubricDiff, Subject, change_text_in, diff, driver_name, few_shared, impact,
    round_change, same_version_differs, subject_name,
};
use scoring_core::fingerprint::short;
use scoring_core::{Lang, Rubric, explain};
use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::use_store;
use crate::browser;
use crate::i18n::{fill, tr};
use crate::state::{Action, Assessment, Results};

/// The comparison of one assessment under two rubrics.
struct Comparison {
    old: Rc<Rubric>,
    new: Rc<Rubric>,
    diff: RubricDiff,
    a: Results,
    b: Results,
    impact: Impact,
    /// Offices of the assessment left out under either rubric.
    left_out: Vec<String>,
}

fn compare(
    assessment: &Assessment,
    old: Rc<Rubric>,
    new: Rc<Rubric>,
    drawn: &[crate::state::results::Drawn],
) -> Comparison {
    let a = Results::compute_with(assessment, old.clone(), drawn);
    let b = Results::compute_with(assessment, new.clone(), drawn);
    let mut left_out = a.left_out(assessment);
    for name in b.left_out(assessment) {
        if !left_out.contains(&name) {
            left_out.push(name);
        }
    }
    Comparison {
        diff: diff(&old, &new),
        impact: impact(&old, &a.card, &new, &b.card),
        left_out,
        old,
        new,
        a,
        b,
    }
}

/// The two rubrics compared before the assessor picks any: the one in use
/// and the rubric most like it (the most indicators in common, the first
/// listed on a tie), the earlier version first, so that a change reads
/// from old to new whichever of the two the assessment uses.
fn default_pair(library: &crate::state::Library, current: &str) -> (String, Option<String>) {
    let Some(this) = library.get(current) else {
        return (current.to_string(), None);
    };
    let this_rubric = this.rubric();
    let shared = |other: &Rubric| {
        other
            .indicators()
            .filter(|(_, i)| this_rubric.find_indicator(&i.id).is_some())
            .count()
    };
    let mut best: Option<(&crate::state::RubricEntry, usize)> = None;
    for e in library.entries.iter().filter(|e| e.key != current) {
        let n = shared(e.rubric());
        if best.is_none_or(|(_, m)| n > m) {
            best = Some((e, n));
        }
    }
    match best {
        Some((other, _))
            if version_order(other.rubric().version(), this_rubric.version()).is_lt() =>
        {
            (other.key.clone(), Some(current.to_string()))
        }
        Some((other, _)) => (current.to_string(), Some(other.key.clone())),
        None => (current.to_string(), None),
    }
}

/// Versions in order, their numbers as numbers: `2017-10-20` before
/// `2019-05-15`, `9` before `10`.
fn version_order(a: &str, b: &str) -> std::cmp::Ordering {
    fn parts(v: &str) -> Vec<(u64, String)> {
        let mut out = Vec::new();
        let mut digits = String::new();
        let mut other = String::new();
        for ch in v.chars().chain(std::iter::once('\u{0}')) {
            if ch.is_ascii_digit() {
                if !other.is_empty() {
                    out.push((0, std::mem::take(&mut other)));
                }
                digits.push(ch);
            } else {
                if !digits.is_empty() {
                    out.push((digits.parse().unwrap_or(u64::MAX), String::new()));
                    digits.clear();
                }
                if ch != '\u{0}' {
                    other.push(ch);
                }
            }
        }
        if !other.is_empty() {
            out.push((0, other));
        }
        out
    }
    parts(a).cmp(&parts(b))
}

fn signed(d: rust_decimal::Decimal) -> String {
    if d.is_zero() {
        d.abs().to_string()
    } else if d.is_sign_positive() {
        format!("+{d}")
    } else {
        format!("−{}", d.abs())
    }
}

/// Why each office left out of the comparison is: under which rubric, and
/// its first problem there (a cell at fault, or how many are blank).
fn left_out_why(c: &Comparison, assessment: &Assessment, lang: Lang) -> Vec<(String, String)> {
    let t = tr(lang);
    let side = |results: &Results, rubric: &Rubric, which: &str| {
        results
            .left_out_why(assessment, lang)
            .into_iter()
            .map(|o| {
                let why = match (o.cells.first(), o.blanks.first()) {
                    (Some((id, message)), _) => {
                        let label = if id.is_empty() {
                            t.office.to_string()
                        } else {
                            super::column_label(rubric, id, lang)
                        };
                        format!("{label}{}{message}", super::colon(lang))
                    }
                    // Which columns: a new rubric's new input is blank for
                    // every office until filled in.
                    (None, Some(_)) => format!(
                        "{}{}{}{}",
                        fill(t.left_out_blank, &[("n", &o.blanks.len().to_string())]),
                        lang.pick("（", " ("),
                        o.blanks
                            .iter()
                            .map(|id| super::column_label(rubric, id, lang))
                            .collect::<Vec<_>>()
                            .join(lang.pick("、", ", ")),
                        lang.pick("）", ")"),
                    ),
                    (None, None) => String::new(),
                };
                let name = if o.name.is_empty() {
                    "—".to_string()
                } else {
                    o.name
                };
                (name, format!("{which}{}{why}", super::colon(lang)))
            })
            .collect::<Vec<_>>()
    };
    let mut out: Vec<(String, String)> = Vec::new();
    for (name, why) in
        side(&c.a, &c.old, t.under_old)
            .into_iter()
            .chain(side(&c.b, &c.new, t.under_new))
    {
        match out.iter_mut().find(|(n, _)| *n == name) {
            Some((_, w)) => {
                w.push_str(lang.pick("；", "; "));
                w.push_str(&why);
            }
            None => out.push((name, why)),
        }
    }
    out
}

/// The stamp naming a rubric and its fingerprint.
pub fn stamp(rubric: &Rubric, fingerprint: &str, lang: Lang) -> String {
    fill(
        tr(lang).rubric_stamp,
        &[
            ("title", rubric.title().get(lang)),
            ("id", rubric.id()),
            ("version", rubric.version()),
            ("fingerprint", short(fingerprint)),
        ],
    )
}

/// The comparison view.
#[function_component(CompareView)]
pub fn compare_view() -> Html {
    let store = use_store();
    let t = tr(store.lang);
    let lang = store.lang;
    let library = &store.library;
    let current = store.assessment().rubric_key.clone();
    let (old_key, new_key) = match &store.ui.compare {
        (None, None) => default_pair(library, &current),
        (old, new) => {
            let old_key = old.clone().unwrap_or(current.clone());
            let new_key = new.clone().or_else(|| {
                library
                    .entries
                    .iter()
                    .find(|e| e.key != old_key)
                    .map(|e| e.key.clone())
            });
            (old_key, new_key)
        }
    };
    let entries: Option<(&crate::state::RubricEntry, &crate::state::RubricEntry)> = match (
        library.get(&old_key),
        new_key.as_deref().and_then(|k| library.get(k)),
    ) {
        (Some(a), Some(b)) => Some((a, b)),
        _ => None,
    };
    let comparison = {
        let assessment = store.assessments[store.current].clone();
        let rubrics = entries.map(|(a, b)| (a.rubric().clone(), b.rubric().clone()));
        // The assessments it draws on, as they stand when the comparison
        // is made.
        let drawn = store.drawn(&assessment, 0);
        use_memo((assessment, rubrics), move |(assessment, rubrics)| {
            rubrics
                .as_ref()
                .map(|(a, b)| compare(assessment, a.clone(), b.clone(), &drawn))
        })
    };

    // Asked for by Enter on an office: the focus to its reasons once they
    // are drawn (a timer could run before they are).
    let focus_reasons = use_mut_ref(|| false);
    {
        let focus_reasons = focus_reasons.clone();
        use_effect(move || {
            if *focus_reasons.borrow()
                && web_sys::window()
                    .and_then(|w| w.document())
                    .and_then(|d| d.get_element_by_id("compare-reasons"))
                    .is_some()
            {
                *focus_reasons.borrow_mut() = false;
                browser::focus("compare-reasons");
            }
        });
    }

    let select = |side: usize, selected: Option<String>| {
        let dispatcher = store.dispatcher();
        let (old_key, new_key) = (old_key.clone(), new_key.clone());
        let onchange = Callback::from(move |e: Event| {
            if let Some(sel) = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok())
            {
                let (old, new) = if side == 0 {
                    (Some(sel.value()), new_key.clone())
                } else {
                    (Some(old_key.clone()), Some(sel.value()))
                };
                dispatcher.dispatch(Action::SetCompare { old, new });
            }
        });
        html! {
            <select id={if side == 0 { "compare-old" } else { "compare-new" }} {onchange}>
                { for store.library.entries.iter().map(|e| html! {
                    <option value={e.key.clone()} selected={selected.as_deref() == Some(e.key.as_str())}>
                        { e.label(lang) }
                    </option>
                }) }
            </select>
        }
    };
    let on_file = {
        let store = store.clone();
        Callback::from(move |e: Event| {
            let store = store.clone();
            browser::read_text_file(&e, move |file_name, text| {
                store.dispatch(Action::AddRubricFile { file_name, text });
            });
        })
    };
    let rubric_errors = store.ui.rubric_errors.as_ref().map(|(file, errors)| {
        html! {
            <div class="rubric-errors" role="alert">
                <p>{ fill(t.rubric_errors_title, &[("file", file)]) }</p>
                <ul>{ for errors.errors.iter().map(|e| html! { <li>{ e.message(lang) }</li> }) }</ul>
            </div>
        }
    });

    let body = match (&*comparison, entries) {
        (Some(c), Some((ea, eb))) => {
            let changes = if c.diff.is_empty() {
                html! { <p class="note" id="compare-same">{ t.compare_same }</p> }
            } else {
                // What can move a figure first; wording (names, help
                // texts, units, the version…) after it, folded.
                let (figures, wording) = c.diff.figures_then_wording();
                let groups = |list: Vec<(&Subject, Vec<&Change>)>| {
                    let n: usize = list.iter().map(|(_, changes)| changes.len()).sum();
                    let html: Vec<Html> = list
                        .into_iter()
                        .map(|(subject, changes)| html! {
                            <div class="change-group">
                                <div class="subject">{ subject_name(subject, &c.old, &c.new, lang) }</div>
                                <ul>{ for changes.iter().map(|ch| html! { <li>{ change_text_in(ch, &c.old, &c.new, lang) }</li> }) }</ul>
                            </div>
                        })
                        .collect();
                    (n, html)
                };
                let (n_figures, figures) = groups(figures);
                let (n_wording, wording) = groups(wording);
                html! {
                    <div class="changes" id="compare-changes">
                        <h3>{ fill(t.compare_changes, &[("n", &n_figures.to_string())]) }</h3>
                        if n_figures == 0 {
                            <p class="note" id="compare-wording-only">{ t.compare_wording_only }</p>
                        }
                        { for figures }
                        if n_wording > 0 {
                            <details id="compare-wording">
                                <summary>{ fill(t.compare_wording, &[("n", &n_wording.to_string())]) }</summary>
                                { for wording }
                            </details>
                        }
                    </div>
                }
            };
            let impact = if store.assessment().offices.is_empty() {
                html! { <p class="empty">{ t.compare_no_offices }</p> }
            } else if c.impact.offices.is_empty() {
                html! { <p class="empty">{ t.compare_no_data }</p> }
            } else {
                let rows = c.impact.offices.iter().map(|o| {
                    let name = o.office.clone();
                    let selected = store.ui.compare_office.as_deref() == Some(o.office.as_str());
                    let onclick = {
                        let store = store.clone();
                        let name = name.clone();
                        Callback::from(move |_| {
                            store.dispatch(Action::SelectCompareOffice(Some(name.clone())))
                        })
                    };
                    // Enter or Space shows its reasons, the focus on them;
                    // ↓ and ↑ move between the offices.
                    let onkeydown = {
                        let store = store.clone();
                        let name = name.clone();
                        let focus_reasons = focus_reasons.clone();
                        Callback::from(move |e: KeyboardEvent| match e.key().as_str() {
                            "Enter" | " " => {
                                e.prevent_default();
                                // The focus goes to the reasons once drawn
                                // (the effect below).
                                *focus_reasons.borrow_mut() = true;
                                store.dispatch(Action::SelectCompareOffice(Some(name.clone())));
                            }
                            _ => {
                                super::step_between_rows(&e);
                            }
                        })
                    };
                    let class = classes!(
                        "clickable",
                        selected.then_some("selected"),
                        (o.new_place < o.old_place).then_some("mover-up"),
                        (o.new_place > o.old_place).then_some("mover-down")
                    );
                    let arrow = match o.new_place.cmp(&o.old_place) {
                        std::cmp::Ordering::Less => " ↑",
                        std::cmp::Ordering::Greater => " ↓",
                        std::cmp::Ordering::Equal => "",
                    };
                    html! {
                        <tr {class} {onclick} {onkeydown} data-office={name}
                            tabindex="0" aria-selected={selected.to_string()}>
                            <td class="office">{ &o.office }</td>
                            <td class="num">{ c.old.publish(o.old_total) }</td>
                            <td class="num">{ o.old_place }</td>
                            <td class="num">{ c.new.publish(o.new_total) }</td>
                            <td class="num place">{ format!("{}{arrow}", o.new_place) }</td>
                            <td class="num">{ signed(round_change(&c.old, &c.new, o.delta())) }</td>
                        </tr>
                    }
                });
                // In one line, for a memo: how many move each way, and the
                // largest change of a total.
                let offices = &c.impact.offices;
                let up = offices.iter().filter(|o| o.new_place < o.old_place).count();
                let down = offices.iter().filter(|o| o.new_place > o.old_place).count();
                let largest = offices
                    .iter()
                    .max_by_key(|o| round_change(&c.old, &c.new, o.delta()).abs())
                    .filter(|o| !round_change(&c.old, &c.new, o.delta()).is_zero());
                let summary = fill(
                    t.compare_summary,
                    &[
                        ("n", &offices.len().to_string()),
                        ("up", &up.to_string()),
                        ("down", &down.to_string()),
                        ("same", &(offices.len() - up - down).to_string()),
                    ],
                );
                let summary = match largest {
                    Some(o) => format!(
                        "{summary}{}",
                        fill(
                            t.compare_summary_largest,
                            &[
                                ("office", &o.office),
                                ("delta", &signed(round_change(&c.old, &c.new, o.delta())))
                            ]
                        )
                    ),
                    None => format!("{summary}{}", lang.pick("。", ".")),
                };
                html! {
                    <>
                        <p id="compare-summary"><strong>{ summary }</strong></p>
                        if c.impact.unchanged() {
                            <p class="note" id="compare-unchanged">{ t.compare_unchanged }</p>
                        } else if c.impact.totals_unchanged() {
                            <p class="note" id="compare-unchanged">{ t.compare_totals_unchanged }</p>
                        }
                        <table class="ranking" id="compare-ranking">
                            <thead><tr>
                                <th>{ t.office }</th><th>{ t.old_total }</th><th>{ t.old_place }</th>
                                <th>{ t.new_total }</th><th>{ t.new_place }</th><th>{ t.change }</th>
                            </tr></thead>
                            <tbody>{ for rows }</tbody>
                        </table>
                        <p class="hint no-print">{ t.compare_reasons_hint }</p>
                    </>
                }
            };
            let reasons = store.ui.compare_office.as_ref().and_then(|name| {
                let o = c.impact.offices.iter().find(|o| &o.office == name)?;
                let why = |results: &Results, rubric: &Rubric, id: &str| -> String {
                    explain::find(rubric, &results.data, &results.card, name, id)
                        .map_or_else(|| t.compare_not_in_rubric.to_string(), |why| why.message(lang))
                };
                Some(html! {
                    <section class="detail" id="compare-reasons" tabindex="-1">
                        <h3>{ fill(t.compare_reasons, &[("office", name)]) }</h3>
                        if o.rounding_only() {
                            <p class="note" id="compare-rounding-only">{ t.compare_rounding_only }</p>
                        } else if o.moved_by_others() {
                            <p class="note" id="compare-moved-by-others">{ t.compare_moved_by_others }</p>
                        } else if o.drivers.is_empty() {
                            <p class="note" id="compare-no-change">{ t.compare_no_change }</p>
                        }
                        <table class="explain" hidden={o.drivers.is_empty()}>
                            <thead><tr>
                                <th>{ t.indicator }</th><th>{ t.old_points }</th><th>{ t.new_points }</th>
                                <th>{ t.change }</th><th>{ t.explanation }</th>
                            </tr></thead>
                            <tbody>
                                { for o.drivers.iter().map(|d| html! {
                                    <tr data-indicator={d.id.clone()}>
                                        <td>{ driver_name(&d.id, &c.old, &c.new, lang) }</td>
                                        <td class="num">{ c.old.publish(d.old_points) }</td>
                                        <td class="num">{ c.new.publish(d.new_points) }</td>
                                        <td class="num">{ signed(round_change(&c.old, &c.new, d.delta())) }</td>
                                        <td class="why">
                                            <div>{ format!("{}{}{}", t.under_old, super::colon(lang), why(&c.a, &c.old, &d.id)) }</div>
                                            <div>{ format!("{}{}{}", t.under_new, super::colon(lang), why(&c.b, &c.new, &d.id)) }</div>
                                        </td>
                                    </tr>
                                }) }
                            </tbody>
                        </table>
                    </section>
                })
            });
            html! {
                <>
                    <p class="meta">{ stamp(&c.old, ea.fingerprint(), lang) }{ " → " }{ stamp(&c.new, eb.fingerprint(), lang) }</p>
                    // For an audit file: when, on what, and the whole
                    // fingerprints (`scoring fingerprint` prints them).
                    <p class="print-only meta" id="compare-printed">{ fill(t.compare_printed, &[
                        ("date", &browser::now_iso().chars().take(16).collect::<String>().replace('T', " ")),
                        ("title", &store.assessment().title),
                        ("n", &store.assessment().offices.len().to_string()),
                        ("old", ea.fingerprint()),
                        ("new", eb.fingerprint()),
                    ]) }</p>
                    if same_version_differs(&c.old, &c.new) {
                        <p class="warning" id="compare-same-version" role="status">{ t.compare_same_version }</p>
                    }
                    if let Some((same, a, b)) = few_shared(&c.old, &c.new) {
                        <p class="warning" id="compare-unrelated" role="status">{ fill(t.compare_unrelated, &[
                            ("same", &same.to_string()), ("old", &a.to_string()), ("new", &b.to_string()),
                        ]) }</p>
                    }
                    { changes }
                    if c.diff.renames_columns() {
                        <p class="note" id="compare-columns">{ t.compare_column_names }</p>
                    }
                    <h3>{ fill(t.compare_impact, &[("title", &store.assessment().title)]) }</h3>
                    if c.diff.changes_deadline() {
                        <p class="note" id="compare-deadline">{
                            if store.assessment().item_log.is_some() { t.compare_deadline_log } else { t.compare_deadline_typed }
                        }</p>
                    }
                    if !c.left_out.is_empty() {
                        <div class="provisional" id="compare-left-out" role="alert">
                            <p><strong>{ t.provisional_title }</strong>{ fill(if c.impact.offices.is_empty() { t.compare_left_out_all } else { t.compare_left_out }, &[
                                ("n", &c.left_out.len().to_string()),
                            ]) }</p>
                            <ul>{ for left_out_why(c, store.assessment(), lang).into_iter().map(|(name, why)| html! {
                                <li data-office={name.clone()}><strong>{ name }</strong>{ super::colon(lang) }{ why }</li>
                            }) }</ul>
                        </div>
                    }
                    <div class="results-layout">
                        <div class="results-main">{ impact }</div>
                        <div class="results-side no-print">{ for reasons }</div>
                    </div>
                    // Printed: every office's reasons, as `scoring diff`
                    // lists them, not only the one clicked.
                    <section class="print-only" id="compare-all-reasons">
                        <h3>{ t.compare_all_reasons }</h3>
                        <ul>{ for c.impact.offices.iter().filter(|o| o.rounding_only() || o.moved_by_others() || !o.drivers.is_empty()).map(|o| {
                            let why = if o.rounding_only() {
                                t.compare_rounding_only.to_string()
                            } else if o.moved_by_others() {
                                t.compare_moved_by_others.to_string()
                            } else {
                                o.drivers.iter().map(|d| format!(
                                    "{} {}{}{} → {}{}",
                                    driver_name(&d.id, &c.old, &c.new, lang),
                                    signed(round_change(&c.old, &c.new, d.delta())),
                                    lang.pick("（", " ("),
                                    c.old.publish(d.old_points),
                                    c.new.publish(d.new_points),
                                    lang.pick("）", ")"),
                                )).collect::<Vec<_>>().join(lang.pick("；", "; "))
                            };
                            html! { <li><strong>{ &o.office }</strong>{ super::colon(lang) }{ why }</li> }
                        }) }</ul>
                    </section>
                </>
            }
        }
        _ => html! { <p class="empty">{ t.compare_pick }</p> },
    };

    html! {
        <section class="compare-view">
            <h1 class="print-only">{ fill(t.compare_print_title, &[("title", &store.assessment().title)]) }</h1>
            <p class="hint no-print">{ t.compare_intro }</p>
            <div class="toolbar no-print">
                <label>{ t.compare_old }{ select(0, Some(old_key.clone())) }</label>
                <label>{ t.compare_new }{ select(1, new_key.clone()) }</label>
                <label class="file-button">{ t.load_rubric }
                    <input id="compare-file" type="file" accept=".yaml,.yml,text/yaml" onchange={on_file} />
                </label>
                <button id="compare-print" onclick={Callback::from(|_| print_comparison())}>{ t.compare_print }</button>
            </div>
            { for rubric_errors }
            { body }
        </section>
    }
}

/// Prints the comparison: its wording changes unfolded, every office's
/// reasons (print-only), the pickers left out.
pub fn print_comparison() {
    browser::print_unfolded("compare-wording");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_in_order_their_numbers_as_numbers() {
        use std::cmp::Ordering::*;
        assert_eq!(version_order("2017-10-20", "2019-05-15"), Less);
        assert_eq!(version_order("9", "10"), Less);
        assert_eq!(version_order("2", "1"), Greater);
        assert_eq!(version_order("1.2", "1.2"), Equal);
        assert_eq!(version_order("v1", "v1a"), Less);
    }

    /// Whichever of the 2017 rubric and its 2019 revision the assessment
    /// uses, the comparison first offered reads from 2017 to 2019.
    #[test]
    fn the_pair_first_offered_reads_from_the_earlier_version() {
        let library = crate::state::Library::bundled();
        let key = |file: &str| format!("bundled:{file}");
        let (old, new) = (
            key("shandong-commerce-2017.yaml"),
            key("shandong-commerce-2017-r2019.yaml"),
        );
        assert!(library.get(&old).is_some() && library.get(&new).is_some());
        assert_eq!(
            default_pair(&library, &old),
            (old.clone(), Some(new.clone()))
        );
        assert_eq!(
            default_pair(&library, &new),
            (old.clone(), Some(new.clone()))
        );
        // A rubric with no revision: the one most like it, after it.
        let other = key("town-monthly.yaml");
        let (first, second) = default_pair(&library, &other);
        assert_eq!(first, other);
        assert!(second.is_some_and(|k| k != other));
    }
}
