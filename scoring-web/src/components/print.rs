//! The print view (A4 landscape or portrait, as chosen): title, year,
//! rubric, date, the ranking (its header repeated on every page) and the
//! chart.

use yew::prelude::*;

use super::chart::Chart;
use super::detail::OfficeDetail;
use super::results::Ranking;
use super::{dispatch, use_store};
use crate::browser;
use crate::i18n::{fill, tr};
use crate::state::{Action, View};

/// The printable page.
#[function_component(PrintView)]
pub fn print_view() -> Html {
    let store = use_store();
    let t = tr(store.lang);
    let lang = store.lang;
    let a = store.assessment();
    let rubric = &store.results.rubric;
    let left_out = store.results.left_out(a);
    let back = dispatch(&store, |_: MouseEvent| Action::SetView(View::Results));
    // A4 landscape (the default) or portrait, as chosen.
    let portrait = use_state(|| false);
    let on_orientation = {
        let portrait = portrait.clone();
        Callback::from(move |e: Event| {
            if let Some(select) = e.target_dyn_into::<web_sys::HtmlSelectElement>() {
                portrait.set(select.value() == "portrait");
            }
        })
    };
    // What is printed: the ranking, or a sheet per office (all of them,
    // each on its own page, or one).
    let sheets = use_state(|| None::<Option<u64>>);
    let on_content = {
        let sheets = sheets.clone();
        Callback::from(move |e: Event| {
            if let Some(select) = e.target_dyn_into::<web_sys::HtmlSelectElement>() {
                let v = select.value();
                sheets.set(match v.as_str() {
                    "ranking" => None,
                    "all" => Some(None),
                    key => key.parse().ok().map(Some),
                });
            }
        })
    };
    let scored: Vec<(u64, String)> = store
        .results
        .card
        .ranking()
        .iter()
        .map(|o| (store.results.scored[o.ix().index()], o.name().to_string()))
        .collect();
    let page_rule = format!(
        "@page {{ size: A4 {}; margin: 12mm; }}",
        if *portrait { "portrait" } else { "landscape" }
    );
    html! {
        <section class={classes!("print-view", portrait.then_some("portrait"))}>
            <style>{ page_rule }</style>
            <div class="no-print buttons">
                <button id="print-now" class="primary" onclick={Callback::from(|_| browser::print())}>{ t.print }</button>
                <label>{ t.orientation }
                    <select id="print-orientation" onchange={on_orientation}>
                        <option value="landscape" selected={!*portrait}>{ t.landscape }</option>
                        <option value="portrait" selected={*portrait}>{ t.portrait }</option>
                    </select>
                </label>
                <label>{ t.print_content }
                    <select id="print-content" onchange={on_content}>
                        <option value="ranking" selected={sheets.is_none()}>{ t.print_ranking }</option>
                        <option value="all" selected={*sheets == Some(None)}>{ t.print_sheets_all }</option>
                        { for scored.iter().map(|(key, name)| html! {
                            <option value={key.to_string()} selected={*sheets == Some(Some(*key))}>{ fill(t.print_sheet_one, &[("office", name)]) }</option>
                        }) }
                    </select>
                </label>
                <button onclick={back}>{ t.close }</button>
            </div>
            <h1>{ &a.title }if !left_out.is_empty() {
                <span class="provisional-stamp">{ t.provisional_stamp }</span>
            } else if a.approval.is_none() && !a.reopened.is_empty() {
                <span class="provisional-stamp">{ t.reopened_title_stamp }</span>
            }</h1>
            <p class="meta">
                { format!("{}{}{}", t.year, super::colon(lang), a.year) }
                { " · " }
                { super::compare::stamp(rubric, store.rubric_entry().fingerprint(), lang) }
                { " · " }
                { fill(t.printed_on, &[("date", &browser::today())]) }
            </p>
            if let Some(approval) = &a.approval {
                <p class="meta approved-stamp">{ fill(t.approved_stamp, &[
                    ("when", &browser::local_time(&approval.at)),
                    ("fingerprint", &approval.fingerprint),
                ]) }</p>
            } else if let Some(last) = a.reopened.last() {
                <p class="meta approved-stamp reopened">{ fill(t.reopened_stamp, &[
                    ("when", &browser::local_time(&last.at)),
                    ("reason", &last.reason),
                ]) }</p>
            }
            if !left_out.is_empty() {
                <p class="warning print-left-out" role="alert">{ fill(t.print_left_out, &[
                    ("offices", &left_out.join(lang.pick("、", ", "))),
                ]) }</p>
            }
            if let Some(which) = *sheets {
                { for scored.iter().filter(|(key, _)| which.is_none_or(|k| k == *key)).map(|(key, _)| html! {
                    <OfficeDetail office={Some(*key)} sheet=true />
                }) }
            } else {
                <Ranking />
                <Chart />
            }
        </section>
    }
}
