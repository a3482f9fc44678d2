//! The rubric as a tree: names, weights, methods and their parameters in
//! words, the inputs and the adjustments.

use scoring_core::{Indicator, IndicatorIx, InputKind, Lang, Rubric, explain, num::plain};
use yew::prelude::*;

use super::use_store;
use crate::i18n::{fill, tr};

/// An input's label, by id.
fn node(rubric: &Rubric, index: IndicatorIx, lang: Lang) -> Html {
    let ind: &Indicator = rubric.indicator(index);
    let pct = plain(rubric.weight_percent(ind.weight));
    let rule = explain::indicator_rule(rubric, index, lang)
        .map(|r| html! { <div class="rule">{ r }</div> });
    let body = match ind.method() {
        Some(_) => html! { { for rule } },
        None => html! {
            <>
                { for rule }
                <ul>{ for ind.children().iter().map(|&c| node(rubric, c, lang)) }</ul>
            </>
        },
    };
    html! {
        <li data-indicator={ind.id.clone()}>
            <span class="name">{ ind.name.get(lang) }</span>
            <span class="weight">{ format!(" {pct}%") }</span>
            <code class="id">{ &ind.id }</code>
            if let Some(note) = &ind.note {
                <div class="note">{ note.get(lang) }</div>
            }
            { body }
        </li>
    }
}

/// A rubric described: the assessment's, or another of the list, chosen
/// here to read without changing the assessment's.
#[function_component(RubricView)]
pub fn rubric_view() -> Html {
    let store = use_store();
    let t = tr(store.lang);
    let lang = store.lang;
    let in_use = store.assessment().rubric_key.clone();
    let chosen = use_state(|| None::<String>);
    let key = (*chosen)
        .clone()
        .filter(|k| store.library.get(k).is_some())
        .unwrap_or(in_use.clone());
    let rubric = match store.library.get(&key) {
        Some(e) if key != in_use => e.rubric().clone(),
        _ => store.results.rubric.clone(),
    };
    let on_choose = {
        let chosen = chosen.clone();
        Callback::from(move |e: Event| {
            if let Some(select) = e.target_dyn_into::<web_sys::HtmlSelectElement>() {
                chosen.set(Some(select.value()));
            }
        })
    };
    let picker = html! {
        <p class="no-print">
            <label>{ t.rubric_view_pick }
                <select id="rubric-view-pick" onchange={on_choose}>
                    { for store.library.entries.iter().map(|e| html! {
                        <option value={e.key.clone()} selected={e.key == key}>
                            { e.label(lang) }{ if e.key == in_use { t.rubric_in_use_mark } else { "" } }
                        </option>
                    }) }
                </select>
            </label>
            if key != in_use {
                <span class="note" id="rubric-not-in-use">{ t.rubric_not_in_use }</span>
            }
        </p>
    };
    let kind = |i: &scoring_core::Input| match i.kind {
        InputKind::Count => t.kind_count.to_string(),
        InputKind::Amount => t.kind_amount.to_string(),
        InputKind::Flag => t.kind_flag.to_string(),
        InputKind::Choice => {
            let names: Vec<&str> = i.choices.iter().map(|c| c.get(lang)).collect();
            fill(t.kind_choice, &[("choices", &names.join("/"))])
        }
    };
    html! {
        <section class="rubric-view">
            { picker }
            <h2>{ rubric.title().get(lang) }</h2>
            <p class="meta">{ fill(t.rubric_meta, &[
                ("id", rubric.id()),
                ("version", rubric.version()),
                ("source", rubric.source()),
                ("total", &plain(rubric.total())),
                ("precision", &rubric.precision().to_string()),
            ]) }</p>
            if let Some(d) = rubric.description() {
                <p>{ d.get(lang) }</p>
            }
            if rubric.categories().is_some() {
                <h3>{ t.categories_title }</h3>
                <ul class="categories">
                    { for scoring_core::explain::category_rules(&rubric, lang).into_iter().map(|r| html! { <li>{ r }</li> }) }
                </ul>
            }
            <h3>{ t.indicators_title }</h3>
            <ul class="tree">{ for rubric.roots().map(|(r, _)| node(&rubric, r, lang)) }</ul>
            if !rubric.adjustments().is_empty() {
                <h3>{ t.adjustments_title }</h3>
                <ul>
                    { for scoring_core::explain::adjustment_rules(&rubric, lang).into_iter().map(|r| html! { <li>{ r }</li> }) }
                </ul>
            }
            if !scoring_core::explain::grading_rules(&rubric, lang).is_empty() {
                <h3>{ t.grades_title }</h3>
                <ul class="grading">
                    { for scoring_core::explain::grading_rules(&rubric, lang).into_iter().map(|r| html! { <li>{ r }</li> }) }
                </ul>
            }
            <h3>{ t.inputs_title }</h3>
            <table class="inputs">
                <tbody>
                    { for rubric.inputs().items().map(|i| html! {
                        <tr>
                            <td><code>{ &i.id }</code></td>
                            <td>{ i.label.get(lang) }</td>
                            <td>{ kind(i) }</td>
                            <td>{ i.help.as_ref().map(|h| h.get(lang)).unwrap_or("") }</td>
                        </tr>
                    }) }
                    { for rubric.text_columns().items().map(|c| html! {
                        <tr>
                            <td><code>{ &c.id }</code></td>
                            <td>{ c.label.get(lang) }</td>
                            <td>{ t.kind_text }</td>
                            <td>{ c.help.as_ref().map(|h| h.get(lang)).unwrap_or("") }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
        </section>
    }
}
