//! The root component: wires the reducer, browser storage and the views.

use std::rc::Rc;

use scoring_core::Lang;
use yew::prelude::*;

use crate::browser;
use crate::components::{
    assessments::Assessments, compare::CompareView, grid::Grid, import::ImportDialog,
    items::ItemsView, notices::Notices, print::PrintView, results::ResultsView,
    rubric_view::RubricView, toolbar::Toolbar, welcome::Welcome,
};
use crate::i18n::tr;
use crate::persist::{STORAGE_KEY, Saved};
use crate::state::{Action, AppState, Notice, View};

/// The state handle every component reads and dispatches to.
pub type Store = UseReducerHandle<AppState>;

/// Builds the first state: the saved one if there is one, a fresh one
/// otherwise. Saved text that cannot be read is kept aside, never
/// overwritten.
fn initial_state() -> AppState {
    let (year, now) = (browser::current_year(), browser::now_iso());
    match browser::storage_get(STORAGE_KEY) {
        None => AppState::new(Lang::Zh, year, &now),
        Some(text) => match Saved::from_json(&text) {
            Some(saved) => saved.restore(year, &now),
            None => {
                let aside = format!("{STORAGE_KEY}.unreadable-{now}");
                let mut state = AppState::new(Lang::Zh, year, &now);
                let notice = match browser::storage_set(&aside, &text) {
                    Ok(()) => Notice::RestoredCorrupt(aside),
                    Err(e) => Notice::StorageFailed(e),
                };
                state.ui.notices.push(notice);
                state
            }
        },
    }
}

/// The page.
#[function_component(App)]
pub fn app() -> Html {
    let store = use_reducer(initial_state);
    let last_saved = use_mut_ref(String::new);

    // Save every change as it happens; a reload, a closed tab or a crash
    // restores it.
    {
        let store = store.clone();
        let last_saved = Rc::clone(&last_saved);
        use_effect_with(store.clone(), move |state| {
            let json = Saved::of(state).to_json();
            let changed = *last_saved.borrow() != json;
            if changed {
                match browser::storage_set(STORAGE_KEY, &json) {
                    Ok(()) => *last_saved.borrow_mut() = json,
                    Err(e) => store.dispatch(Action::Notify(Notice::StorageFailed(e))),
                }
            }
            let t = tr(state.lang);
            browser::set_document_lang(
                match state.lang {
                    Lang::Zh => "zh-CN",
                    Lang::En => "en",
                },
                t.app_title,
            );
        });
    }

    let t = tr(store.lang);
    let view = store.ui.view;
    let tab = |v: View, label: &'static str| {
        let store = store.clone();
        let class = classes!("tab", (view == v).then_some("active"));
        html! {
            <button {class} data-view={format!("{v:?}").to_lowercase()}
                onclick={Callback::from(move |_| store.dispatch(Action::SetView(v)))}>
                { label }
            </button>
        }
    };
    let other_lang = match store.lang {
        Lang::Zh => Lang::En,
        Lang::En => Lang::Zh,
    };
    let on_lang = {
        let store = store.clone();
        Callback::from(move |_| store.dispatch(Action::SetLang(other_lang)))
    };
    let on_undo = {
        let store = store.clone();
        Callback::from(move |_| store.dispatch(Action::Undo))
    };
    let on_redo = {
        let store = store.clone();
        Callback::from(move |_| store.dispatch(Action::Redo))
    };
    let on_print = {
        let store = store.clone();
        Callback::from(move |_| store.dispatch(Action::SetView(View::Print)))
    };
    let show_welcome = !store.ui.welcome_dismissed && store.assessment().offices.is_empty();

    let main = match view {
        View::Data => html! { <Grid /> },
        View::Results => html! { <ResultsView /> },
        View::Items => html! { <ItemsView /> },
        View::Rubric => html! { <RubricView /> },
        View::Compare => html! { <CompareView /> },
        View::Assessments => html! { <Assessments /> },
        View::Print => html! { <PrintView /> },
    };

    html! {
        <ContextProvider<Store> context={store.clone()}>
            <div class={classes!("app", (view == View::Print).then_some("printing"))}>
                <header class="topbar no-print">
                    <h1>{ t.app_title }</h1>
                    <nav class="tabs">
                        { tab(View::Data, t.tab_data) }
                        { tab(View::Results, t.tab_results) }
                        { tab(View::Items, t.tab_items) }
                        { tab(View::Rubric, t.tab_rubric) }
                        { tab(View::Compare, t.tab_compare) }
                        { tab(View::Assessments, t.tab_assessments) }
                    </nav>
                    <div class="actions">
                        <button id="undo" disabled={!store.history.can_undo()} onclick={on_undo}>{ t.undo }</button>
                        <button id="redo" disabled={!store.history.can_redo()} onclick={on_redo}>{ t.redo }</button>
                        <button id="print" onclick={on_print}>{ t.print }</button>
                        <button id="lang" class="lang" onclick={on_lang}>{ t.other_lang }</button>
                    </div>
                </header>
                <Notices />
                if matches!(view, View::Data | View::Results) {
                    <Toolbar />
                }
                <ImportDialog />
                if show_welcome {
                    <Welcome />
                }
                <main>{ main }</main>
                <footer class="privacy no-print">{ t.privacy }</footer>
            </div>
        </ContextProvider<Store>>
    }
}
