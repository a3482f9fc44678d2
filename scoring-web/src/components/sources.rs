//! The assessments the current one draws on: for each of its rubric's
//! sources (another rubric's totals as an input), which assessment in the
//! list fills it.

use yew::prelude::*;

use super::{now, use_store};
use crate::i18n::{fill, tr};
use crate::state::Action;

/// The sources panel, above the grid, for rubrics with `sources`.
#[function_component(Sources)]
pub fn sources() -> Html {
    let store = use_store();
    let t = tr(store.lang);
    let lang = store.lang;
    let results = &store.results;
    let rubric = &results.rubric;
    if rubric.sources().is_empty() {
        return html! {};
    }
    let me = store.assessment().id;
    let rows = rubric.sources().iter().zip(&results.sources).map(|(source, state)| {
        let input = rubric
            .input(&source.input.id)
            .map(|(_, i)| i.label.get(lang).to_string())
            .unwrap_or_else(|| source.input.id.clone());
        // The assessments scored by the source's rubric.
        let candidates: Vec<(u64, String)> = store
            .assessments
            .iter()
            .filter(|a| a.id != me)
            .filter(|a| {
                store
                    .library
                    .get(&a.rubric_key)
                    .is_some_and(|e| e.rubric().id() == source.rubric)
            })
            // Two of the same title are told apart by when each was changed.
            .map(|a| {
                let when = a.updated.get(..16).unwrap_or(&a.updated).replace('T', " ");
                (a.id, fill(t.source_option, &[("title", &a.title), ("year", &a.year.to_string()), ("updated", &when)]))
            })
            .collect();
        let chosen = state.linked.as_ref().map(|(id, _)| *id);
        let onchange = {
            let store = store.clone();
            let rubric_id = source.rubric.clone();
            Callback::from(move |e: Event| {
                let Some(select) = e.target_dyn_into::<web_sys::HtmlSelectElement>() else {
                    return;
                };
                let value = select.value();
                store.dispatch(Action::LinkSource {
                    rubric: rubric_id.clone(),
                    assessment: value.parse().ok(),
                    now: now(),
                });
            })
        };
        // The rubric by its title where the library has it.
        let name = store
            .library
            .entries
            .iter()
            .find(|e| e.rubric().id() == source.rubric)
            .map(|e| e.rubric().title().get(lang).to_string())
            .unwrap_or_else(|| source.rubric.clone());
        html! {
            <li data-source={source.rubric.clone()}>
                <label>
                    { fill(t.source_line, &[("input", &input)]) }
                    if candidates.is_empty() {
                        <span class="warning">{ fill(t.source_missing, &[("rubric", &name)]) }</span>
                    } else {
                        <select class="source-select" {onchange} aria-label={input.clone()}>
                            <option value="" selected={chosen.is_none()}>{ fill(t.source_none, &[("rubric", &name)]) }</option>
                            { for candidates.iter().map(|(id, title)| html! {
                                <option value={id.to_string()} selected={chosen == Some(*id)}>{ title.clone() }</option>
                            }) }
                        </select>
                    }
                    if let Some((_, title)) = &state.linked {
                        <span class="linked">{ fill(t.source_live, &[("title", title)]) }</span>
                    }
                </label>
            </li>
        }
    });
    html! {
        <section class="sources no-print" id="sources">
            <h3>{ t.sources_title }</h3>
            <ul>{ for rows }</ul>
            <p class="hint">{ t.source_hint }</p>
        </section>
    }
}
