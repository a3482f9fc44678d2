//! The print view (A4 landscape): title, year, rubric, date, the ranking
//! and the chart.

use yew::prelude::*;

use super::chart::Chart;
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
    html! {
        <section class="print-view">
            <div class="no-print buttons">
                <button id="print-now" class="primary" onclick={Callback::from(|_| browser::print())}>{ t.print }</button>
                <button onclick={back}>{ t.close }</button>
            </div>
            <h1>{ &a.title }if !left_out.is_empty() { <span class="provisional-stamp">{ t.provisional_stamp }</span> }</h1>
            <p class="meta">
                { format!("{}{}{}", t.year, super::colon(lang), a.year) }
                { " · " }
                { super::compare::stamp(rubric, &store.rubric_entry().fingerprint, lang) }
                { " · " }
                { fill(t.printed_on, &[("date", &browser::today())]) }
            </p>
            if !left_out.is_empty() {
                <p class="warning print-left-out" role="alert">{ fill(t.print_left_out, &[
                    ("offices", &left_out.join(lang.pick("、", ", "))),
                ]) }</p>
            }
            <Ranking />
            <Chart />
        </section>
    }
}
