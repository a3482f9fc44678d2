//! Results, live: the ranking (place, office, total, every group's
//! subtotal), the chart, and the explanations one click away.

use yew::prelude::*;

use super::chart::Chart;
use super::detail::{IndicatorDetail, OfficeDetail};
use super::{dispatch, use_store};
use crate::i18n::{fill, tr};
use crate::state::Action;

/// A column the ranking may be sorted by (a view: places stay as they
/// are).
#[derive(Clone, Copy, PartialEq)]
enum SortBy {
    Group(scoring_core::GroupIx),
    Leaf(scoring_core::LeafIx),
    Adjustment(scoring_core::AdjustmentIx),
    Pool(usize),
    Limit,
}

/// The ranking table, built from the current results. A click on a
/// column's name sorts by it (largest first, then smallest first, then by
/// place again); on an indicator's, also shows every office on it.
#[function_component(Ranking)]
pub fn ranking() -> Html {
    let sort = use_state(|| None::<(SortBy, bool)>);
    let store = use_store();
    // Groups opened to show their children's columns beside them.
    let expanded: std::collections::HashSet<scoring_core::GroupIx> =
        store.ui.ranking_open.iter().copied().collect();
    let t = tr(store.lang);
    let lang = store.lang;
    let results = &store.results;
    let rubric = &results.rubric;
    let card = &results.card;
    if card.is_empty() {
        return html! { <p class="empty">{ t.no_results }</p> };
    }
    // The indicators' columns as a tree that adds up: the top level (with
    // the adjustments, the total), and the children of each group opened,
    // after it.
    let mut columns: Vec<(&scoring_core::Indicator, SortBy, usize)> = Vec::new();
    fn walk<'r>(
        rubric: &'r scoring_core::Rubric,
        ix: scoring_core::IndicatorIx,
        depth: usize,
        open: &std::collections::HashSet<scoring_core::GroupIx>,
        out: &mut Vec<(&'r scoring_core::Indicator, SortBy, usize)>,
    ) {
        let ind = rubric.indicator(ix);
        match ind.kind {
            scoring_core::IndicatorKind::Leaf { slot, .. } => {
                out.push((ind, SortBy::Leaf(slot), depth))
            }
            scoring_core::IndicatorKind::Group { slot, .. } => {
                out.push((ind, SortBy::Group(slot), depth));
                if open.contains(&slot) {
                    for &c in ind.children() {
                        walk(rubric, c, depth + 1, open, out);
                    }
                }
            }
        }
    }
    for (ix, _) in rubric.roots() {
        walk(rubric, ix, 0, &expanded, &mut columns);
    }
    let has_adjustments = !rubric.adjustments().is_empty();
    let grading = rubric.grading();
    let left_out = results.left_out(store.assessment()).len();
    let value = |o: &scoring_core::OfficeScore<'_>, by: SortBy| match by {
        SortBy::Group(g) => o.published_group(g),
        SortBy::Leaf(l) => o.published_leaf(l).1,
        SortBy::Adjustment(k) => o.adjustment(k),
        SortBy::Pool(k) => o.pool_cut(k),
        SortBy::Limit => o.limit(),
    };
    let mut rows = card.ranking();
    if let Some((by, largest_first)) = *sort {
        // Stable: ties stay in the order of places.
        crate::sorting::sort_by(&mut rows, |a, b| {
            let o = value(a, by).cmp(&value(b, by));
            if largest_first { o.reverse() } else { o }
        });
    }
    let head = |by: SortBy,
                name: String,
                class: String,
                data: (&'static str, String),
                full: Option<String>|
     -> Html {
        let current = sort.as_ref().filter(|(b, _)| *b == by).map(|(_, d)| *d);
        let next = match current {
            None => Some((by, true)),
            Some(true) => Some((by, false)),
            Some(false) => None,
        };
        let (arrow, aria) = match current {
            None => ("", "none"),
            Some(true) => (" ▼", "descending"),
            Some(false) => (" ▲", "ascending"),
        };
        let onclick = {
            let (sort, store) = (sort.clone(), store.clone());
            Callback::from(move |_: MouseEvent| {
                sort.set(next);
                if let SortBy::Leaf(slot) = by {
                    store.dispatch(Action::SelectIndicator(Some(slot)));
                }
            })
        };
        // A group opens to show its children's columns, and closes.
        let toggle = match by {
            SortBy::Group(g) => {
                let open = expanded.contains(&g);
                let store = store.clone();
                let onclick = Callback::from(move |e: MouseEvent| {
                    e.stop_propagation();
                    store.dispatch(Action::ToggleRankingGroup(g));
                });
                html! {
                    <button class="expand no-print" aria-expanded={if open { "true" } else { "false" }}
                        title={if open { t.collapse_group } else { t.expand_group }}
                        aria-label={if open { t.collapse_group } else { t.expand_group }} {onclick}></button>
                }
            }
            _ => html! {},
        };
        let mut th = html! {
            <th {class} aria-sort={aria}>
                { toggle }
                <button class="sort" title={t.ranking_sort_hint} {onclick}>{ name }<span class="arrow">{ arrow }</span></button>
            </th>
        };
        if let Html::VTag(tag) = &mut th {
            let tag = std::rc::Rc::make_mut(tag);
            tag.add_attribute(data.0, data.1);
            // What the column is out of, under its name.
            if let Some(full) = full {
                tag.add_attribute("data-full", full);
            }
        }
        th
    };
    // Every column, for a heading row across them.
    let n_columns = 3
        + if rubric.categories().is_some() { 2 } else { 0 }
        + usize::from(!grading.bands.is_empty())
        + usize::from(!grading.vetoes.is_empty())
        + usize::from(grading.top_share.is_some())
        + columns.len()
        + rubric.adjustments().len()
        + rubric.bonus_pools().len()
        + usize::from(has_adjustments);
    let mut last_category: Option<usize> = None;
    html! {
        <table class="ranking" id="ranking">
            if left_out > 0 {
                <caption class="provisional-stamp">{ fill(t.ranking_provisional, &[("n", &left_out.to_string())]) }</caption>
            }
            <thead>
                if let Some(approval) = &store.assessment().approval {
                    // Printed on every page the ranking takes (a table's
                    // head repeats on each).
                    <tr class="approval-row">
                        <th colspan={n_columns.to_string()}>{ fill(t.approved_stamp, &[
                            ("when", &crate::browser::local_time(&approval.at)),
                            ("fingerprint", &approval.fingerprint),
                        ]) }</th>
                    </tr>
                }
                <tr>
                    <th class="place">{ t.place }</th>
                    <th class="office">{ t.office }</th>
                    if let Some(c) = rubric.categories() {
                        <th class="category">{ rubric.text_column_at(c.column).label.get(lang) }</th>
                        <th class="out-of">{ t.out_of_column }</th>
                    }
                    <th>{ t.total }</th>
                    if !grading.bands.is_empty() {
                        <th class="grade">{ t.grade }</th>
                    }
                    if !grading.vetoes.is_empty() {
                        <th class="veto">{ t.veto }</th>
                    }
                    if let Some(share) = &grading.top_share {
                        <th class="top-share">{ share.name.get(lang) }</th>
                    }
                    { for columns.iter().map(|&(ind, by, depth)| {
                        let data = if matches!(by, SortBy::Group(_)) { "data-group" } else { "data-leaf" };
                        let full = fill(t.full_marks, &[("n", &scoring_core::num::plain(ind.weight))]);
                        head(by, ind.name.get(lang).to_string(), format!("depth-{depth}"), (data, ind.id.clone()), Some(full))
                    }) }
                    { for rubric.adjustments().map(|(k, a)| head(SortBy::Adjustment(k), a.name.get(lang).to_string(), "adjustment".into(), ("data-adjustment", a.id.clone()), None)) }
                    { for rubric.bonus_pools().iter().enumerate().map(|(k, p)| head(SortBy::Pool(k), fill(t.pool_cap_column, &[("name", p.name.get(lang))]), "adjustment pool".into(), ("data-pool", p.id.clone()), None)) }
                    if has_adjustments {
                        { head(SortBy::Limit, scoring_core::explain::limit_name(rubric, lang).to_string(), "adjustment limit".into(), ("data-limit", "1".into()), None) }
                    }
                </tr>
            </thead>
            <tbody>
                { for rows.into_iter().map(|office| {
                    let key = results.scored[office.ix().index()];
                    let selected = store.ui.office == Some(key);
                    let onclick = dispatch(&store, move |_: MouseEvent| Action::SelectOffice(Some(key)));
                    // Enter or Space opens it, as a click does, and the
                    // focus goes to it (Esc there comes back); ↓ and ↑
                    // move between the offices.
                    let onkeydown = {
                        let store = store.clone();
                        Callback::from(move |e: KeyboardEvent| match e.key().as_str() {
                            "Enter" | " " => {
                                e.prevent_default();
                                store.dispatch(Action::SelectOffice(Some(key)));
                                gloo_timers::callback::Timeout::new(0, || {
                                    crate::browser::focus("office-detail");
                                })
                                .forget();
                            }
                            _ => {
                                super::step_between_rows(&e);
                            }
                        })
                    };
                    // By place, each category's offices under a heading.
                    let heading = match (office.category(), rubric.categories()) {
                        (Some(k), Some(c)) if sort.is_none() && last_category.replace(k) != Some(k) => {
                            let cat = &c.list[k];
                            html! {
                                <tr class="category-row"><th colspan={n_columns.to_string()}>{ fill(t.category_heading, &[
                                    ("name", cat.name.get(lang)),
                                    ("total", &scoring_core::num::plain(cat.total)),
                                    ("n", &office.of().to_string()),
                                ]) }</th></tr>
                            }
                        }
                        _ => html! {},
                    };
                    html! {
                        <>
                        { heading }
                        <tr class={classes!("clickable", selected.then_some("selected"))} {onclick} {onkeydown}
                            tabindex="0" aria-selected={selected.to_string()}
                            data-office={office.name().to_string()} data-key={key.to_string()}>
                            <td class="place">{ office.place() }</td>
                            <td class="office">{ office.name() }</td>
                            if let Some(c) = office.category().and_then(|k| rubric.categories()?.list.get(k)) {
                                <td class="category">{ c.name.get(lang) }</td>
                                <td class="num out-of">{ scoring_core::num::plain(c.total) }</td>
                            }
                            <td class="total" title={rubric.categories().map(|_| fill(t.out_of, &[("n", &scoring_core::num::plain(office.out_of()))]))}>{ rubric.publish(office.total()) }</td>
                            if !grading.bands.is_empty() {
                                <td class="grade">{ office.band().map(|b| grading.bands[b].name.get(lang)).unwrap_or("") }</td>
                            }
                            if !grading.vetoes.is_empty() {
                                <td class="veto">{ office.veto().map(|k| grading.vetoes[k].name.get(lang)).unwrap_or("") }</td>
                            }
                            if let Some(share) = &grading.top_share {
                                <td class="top-share">{ if office.in_top_share() { share.name.get(lang) } else { "" } }</td>
                            }
                            { for columns.iter().map(|&(ind, by, depth)| match by {
                                _ if office.category().is_some_and(|k| !rubric.in_category(ind_ix(rubric, ind), k)) => html! {
                                    <td class={format!("num depth-{depth} outside")}>{ t.not_assessed }</td>
                                },
                                SortBy::Group(slot) if office.group_not_applicable(slot) => html! {
                                    <td class={format!("num depth-{depth}")}>{ t.not_applicable }</td>
                                },
                                SortBy::Group(slot) => html! {
                                    <td class={format!("num depth-{depth}")}>{ office.published_group(slot).to_string() }</td>
                                },
                                SortBy::Leaf(slot) => html! {
                                    <td class={format!("num depth-{depth}")}>{ if office.not_applicable(slot) { t.not_applicable.to_string() } else { office.published_leaf(slot).1.to_string() } }</td>
                                },
                                _ => html! {},
                            }) }
                            { for rubric.adjustments().map(|(k, _)| html! {
                                <td class="num adjustment">{ rubric.publish(office.adjustment(k)) }</td>
                            }) }
                            { for (0..rubric.bonus_pools().len()).map(|k| html! {
                                <td class="num adjustment pool">{ rubric.publish(office.pool_cut(k)) }</td>
                            }) }
                            if has_adjustments {
                                <td class="num adjustment">{ rubric.publish(office.limit()) }</td>
                            }
                        </tr>
                        </>
                    }
                }) }
            </tbody>
        </table>
    }
}

/// The position of an indicator of `rubric` (by its id).
fn ind_ix(
    rubric: &scoring_core::Rubric,
    ind: &scoring_core::Indicator,
) -> scoring_core::IndicatorIx {
    rubric
        .indicators()
        .find(|(_, i)| std::ptr::eq(*i, ind))
        .map(|(ix, _)| ix)
        .expect("the indicator is the rubric's")
}

/// The most offices left out listed, with why, above the results.
const MOST_LEFT_OUT: usize = 30;

/// The results view.
#[function_component(ResultsView)]
pub fn results_view() -> Html {
    let store = use_store();
    let t = tr(store.lang);
    let results = &store.results;
    let lang = store.lang;
    let left_out = results.left_out_why(store.assessment(), lang);
    // Each office left out, with why and a way to each cell at fault.
    let label_of = |id: &str| -> String {
        if id.is_empty() {
            return t.office.to_string();
        }
        super::column_label(&results.rubric, id, lang)
    };
    let go = |office: u64, input: &str, text: String| {
        let input = input.to_string();
        let onclick = dispatch(&store, move |_: MouseEvent| Action::GoToCell {
            office,
            input: input.clone(),
        });
        html! { <button class="link" {onclick}>{ text }</button> }
    };
    let items = left_out.iter().take(MOST_LEFT_OUT).map(|o| {
        let name = if o.name.is_empty() { "—" } else { o.name.as_str() };
        html! {
            <li data-office={o.name.clone()}>
                <strong>{ name }</strong>{ super::colon(lang) }
                { for o.cells.iter().map(|(id, message)| html! {
                    <span class="why">{ go(o.office, id, format!("{}{}{message}", label_of(id), super::colon(lang))) }</span>
                }) }
                if let Some(first) = o.blanks.first().filter(|_| o.cells.is_empty()) {
                    <span class="why">{ go(o.office, first, fill(t.left_out_blank, &[("n", &o.blanks.len().to_string())])) }</span>
                }
            </li>
        }
    });
    // Reviewed values that differ from what the office submitted and have
    // no reason yet: each office, a way to its review.
    let unexplained: Vec<(u64, String, usize)> = store
        .assessment()
        .offices
        .iter()
        .filter_map(|o| {
            let n = store
                .reviewed_differences(o.key)
                .iter()
                .filter(|(_, _, _, reason)| reason.is_empty())
                .count();
            (n > 0).then(|| (o.key, o.name.clone(), n))
        })
        .collect();
    let review_links = unexplained.iter().map(|(key, name, n)| {
        let key = *key;
        // Opened with the focus in its first reason still to give.
        let onclick = {
            let store = store.clone();
            Callback::from(move |_: MouseEvent| {
                store.dispatch(Action::SelectOffice(Some(key)));
                super::focus_reason_soon();
            })
        };
        html! { <li><button class="link" {onclick}>{ format!("{name}{}{n}", super::colon(lang)) }</button></li> }
    });
    html! {
        <section class="results-view">
            // Printed from here (Ctrl+P) too, the page says whose results
            // they are and when.
            <h1 class="print-only">{ &store.assessment().title }</h1>
            <p class="meta print-only">
                { format!("{}{}{}", t.year, super::colon(lang), store.assessment().year) }
                { " · " }
                { fill(t.printed_on, &[("date", &crate::browser::today())]) }
            </p>
            <p class="meta" id="rubric-stamp">{ super::compare::stamp(&results.rubric, store.rubric_entry().fingerprint(), store.lang) }</p>
            <p class="hint no-print">{ t.results_hint }</p>
            <super::counts::CountsChoices />
            if !unexplained.is_empty() {
                <div class="warning no-print" id="review-missing" role="status">
                    <p>{ fill(t.review_missing, &[("n", &unexplained.iter().map(|(_, _, n)| n).sum::<usize>().to_string())]) }</p>
                    <ul class="inline">{ for review_links }</ul>
                </div>
            }
            if !left_out.is_empty() {
                <div class="provisional no-print" id="left-out" role="alert">
                    // With no office scored, there are no places to move.
                    <p><strong>{ t.provisional_title }</strong>{ fill(
                        if results.card.is_empty() { t.provisional_text_none } else { t.provisional_text },
                        &[("n", &left_out.len().to_string())],
                    ) }</p>
                    <ul>{ for items }</ul>
                    if left_out.len() > MOST_LEFT_OUT {
                        <p class="muted">{ fill(t.left_out_more, &[("n", &(left_out.len() - MOST_LEFT_OUT).to_string())]) }</p>
                    }
                </div>
            }
            <div class="results-layout">
                <div class="results-main">
                    <Ranking />
                    <Chart />
                </div>
                if store.ui.office.is_some() || store.ui.indicator.is_some() {
                    <div class="results-side">
                        if store.ui.office.is_some() {
                            <OfficeDetail />
                        }
                        if store.ui.indicator.is_some() {
                            <IndicatorDetail />
                        }
                    </div>
                }
            </div>
        </section>
    }
}
