//! The root component: wires the reducer, browser storage and the views.

use std::cell::RefCell;
use std::rc::Rc;

use gloo_events::EventListener;
use gloo_timers::callback::Timeout;
use scoring_core::Lang;
use yew::prelude::*;

use crate::browser::{self, LocalStore};
use crate::components::{
    assessments::Assessments, compare::CompareView, fill::FillView, grid::Grid,
    import::ImportDialog, items::ItemsView, notices::Notices, print::PrintView,
    results::ResultsView, rubric_view::RubricView, toolbar::Toolbar, welcome::Welcome,
};
use crate::i18n::tr;
use crate::persist::{self, HEAD_KEY, SaveError, Saver, Store as _, StoreError};
use crate::state::{Action, AppState, Filling, Notice, View, cell_edits};

/// The state handle every component reads and dispatches to.
pub type Store = UseReducerHandle<AppState>;

/// How long the page waits after the last change before saving to
/// browser storage (typing fast saves once, not on every keystroke).
/// Tests may set it with `?save-delay=MS`.
const SAVE_DELAY_MS: u32 = 400;

thread_local! {
    /// The saver made with the first state, handed to the page once.
    static BOOT: RefCell<Option<Saver>> = const { RefCell::new(None) };
}

/// Builds the first state from what browser storage holds (see
/// [`persist`]), keeping the saver for the page.
fn initial_state() -> AppState {
    let (year, now) = (browser::current_year(), browser::now_iso());
    let loaded = persist::load(&mut LocalStore, &browser::tab_name(), year, &now);
    BOOT.with(|b| *b.borrow_mut() = Some(loaded.saver));
    let mut state = loaded.state;
    // A reload shows the view this tab showed (not the printable one,
    // which is left with the browser's print dialog).
    if let Some(view) = browser::session_get(VIEW_KEY).and_then(|v| View::parse(&v))
        && view != View::Print
    {
        state.ui.view = view;
    }
    // An office's form being filled in is opened again as it was left.
    state.filling = LocalStore
        .get(FILL_DRAFT_KEY)
        .and_then(|json| Filling::from_draft(&json, &state.library))
        .map(Rc::new);
    state
}

/// Where a tab keeps the view it shows, for a reload (session storage:
/// each tab its own).
const VIEW_KEY: &str = "scoring-web.view";

/// Where an office's form being filled in is kept (apart from the
/// assessments: an office's draft is not an assessor's work).
const FILL_DRAFT_KEY: &str = "scoring-web.fill-draft";

/// The page's side of browser storage: its saver, the pending save, and
/// whether another tab's save awaits the assessor's choice.
struct Persistence {
    saver: Saver,
    timer: Option<Timeout>,
    conflict: bool,
    /// The handle of the latest render (listeners read the state through
    /// it).
    latest: Option<Store>,
    _listeners: Vec<EventListener>,
}

type Shared = Rc<RefCell<Persistence>>;

/// What the notices offer when another tab saved over this one's work.
#[derive(Clone, PartialEq)]
pub struct SaveControls {
    /// Show the other tab's work (this tab's unsaved changes are dropped).
    pub reload: Callback<()>,
    /// Keep this tab's values where the two clash (the rest of the other
    /// tab's work is kept too).
    pub overwrite: Callback<()>,
}

/// Shows what storage holds now, as another tab left it, saying which
/// cells of the current assessment changed.
fn follow(shared: &Shared, store: &Store, say: bool) {
    let (year, now) = (browser::current_year(), browser::now_iso());
    let loaded = persist::load(&mut LocalStore, &browser::tab_name(), year, &now);
    let edits = loaded
        .state
        .assessments
        .iter()
        .find(|a| a.id == store.assessment().id)
        .map(|after| cell_edits(store.assessment(), after))
        .unwrap_or_default();
    {
        let mut p = shared.borrow_mut();
        p.saver = loaded.saver;
        p.conflict = false;
        p.timer = None;
    }
    store.dispatch(Action::Replace(Box::new(loaded.state)));
    if say {
        store.dispatch(Action::Notify(Notice::FollowedOtherTab(edits)));
    }
}

/// Another tab saved while this one has changes of its own: both are
/// kept when they touch different cells (merged, then saved as usual);
/// when they clash, the assessor is asked, unless `keep_here` (the
/// assessor chose this tab's values for what clashes).
fn reconcile(shared: &Shared, store: &Store, keep_here: bool) {
    let (year, now) = (browser::current_year(), browser::now_iso());
    let there = persist::load(&mut LocalStore, &browser::tab_name(), year, &now);
    let base = shared.borrow().saver.base();
    let merged = persist::merge(&base, store, &there.state);
    if merged.clashes.is_empty() || keep_here {
        {
            let mut p = shared.borrow_mut();
            p.saver = there.saver;
            p.conflict = false;
            p.timer = None;
        }
        store.dispatch(Action::Replace(Box::new(merged.state)));
        if !keep_here {
            store.dispatch(Action::Notify(Notice::MergedOtherTab));
        }
    } else {
        shared.borrow_mut().conflict = true;
        store.dispatch(Action::Notify(Notice::ChangedElsewhere(merged.clashes)));
    }
}

/// Saves the latest state now (a pending save falling due, or the page
/// being left).
fn save_now(shared: &Shared) {
    let Some(store) = shared.borrow().latest.clone() else {
        return;
    };
    let result = {
        let mut p = shared.borrow_mut();
        p.timer = None;
        if p.conflict {
            return;
        }
        p.saver.save(&mut LocalStore, &store, false)
    };
    match result {
        Ok(()) => {
            shared.borrow_mut().conflict = false;
            if store.ui.notices.contains(&Notice::StorageFull) {
                store.dispatch(Action::ClearNotice(Notice::StorageFull));
            }
            for n in store.ui.notices.iter() {
                if matches!(n, Notice::ChangedElsewhere(_)) {
                    store.dispatch(Action::ClearNotice(n.clone()));
                }
            }
        }
        Err(SaveError::Conflict) => {
            let dirty = shared.borrow().saver.is_dirty(&store);
            if dirty {
                reconcile(shared, &store, false);
            } else {
                follow(shared, &store, true);
            }
        }
        Err(SaveError::Store(StoreError::Full)) => {
            store.dispatch(Action::Notify(Notice::StorageFull))
        }
        Err(SaveError::Store(StoreError::Other(e))) => {
            store.dispatch(Action::Notify(Notice::StorageFailed(e)))
        }
        Err(SaveError::Off) => {}
    }
}

/// The page.
#[function_component(App)]
pub fn app() -> Html {
    let store = use_reducer(initial_state);
    let shared: Shared = use_mut_ref(|| Persistence {
        saver: BOOT
            .with(|b| b.borrow_mut().take())
            .unwrap_or_else(|| Saver::new(&browser::tab_name())),
        timer: None,
        conflict: false,
        latest: None,
        _listeners: Vec::new(),
    });

    // Listen, once, for another tab's saves and for the page being left.
    {
        let shared = Rc::clone(&shared);
        let updates = store.dispatcher();
        use_effect_with((), move |_| {
            let on_head = {
                let shared = Rc::clone(&shared);
                move |head: String| {
                    let Some(store) = shared.borrow().latest.clone() else {
                        return;
                    };
                    let (behind, dirty) = {
                        let p = shared.borrow();
                        (p.saver.is_behind(&head), p.saver.is_dirty(&store))
                    };
                    if !behind {
                        return;
                    }
                    if shared.borrow().conflict {
                        // Still waiting for the assessor: the choice
                        // offered stands, against the newest save.
                    } else if dirty {
                        reconcile(&shared, &store, false);
                    } else {
                        follow(&shared, &store, true);
                    }
                }
            };
            let mut listeners: Vec<EventListener> = browser::on_storage_change(HEAD_KEY, on_head)
                .into_iter()
                .collect();
            // Undo and redo wherever the focus is (a grid cell included:
            // its own text undo would not know the page's history), but
            // in a field that keeps its own (the grid's search).
            {
                let shared = Rc::clone(&shared);
                listeners.extend(browser::on_undo_keys(move |redo| {
                    if let Some(store) = shared.borrow().latest.clone() {
                        let at = browser::now_iso();
                        store.dispatch(if redo {
                            Action::Redo { at }
                        } else {
                            Action::Undo { at }
                        });
                    }
                }));
            }
            // A new version of the page: said, used from the next reload
            // (through the dispatcher: it may be said before the first
            // render is done).
            listeners.extend(browser::on_update_ready(move || {
                updates.dispatch(Action::Notify(Notice::UpdateReady));
            }));
            let leave = Rc::clone(&shared);
            listeners.extend(browser::on_leave(move || {
                if leave.borrow().timer.is_some() {
                    save_now(&leave);
                }
            }));
            shared.borrow_mut()._listeners = listeners;
        });
    }

    // The form an office fills in, kept as it is typed; dropped when it
    // is closed (only then: another tab's page never drops it).
    {
        let had = use_mut_ref(|| false);
        use_effect_with(store.filling.clone(), move |filling| match filling {
            Some(f) => {
                *had.borrow_mut() = true;
                let _ = LocalStore.set(FILL_DRAFT_KEY, &f.draft());
            }
            None if *had.borrow() => {
                *had.borrow_mut() = false;
                LocalStore.remove(FILL_DRAFT_KEY);
            }
            None => {}
        });
    }

    // The view shown, kept for a reload of this tab.
    use_effect_with(store.ui.view, |view| {
        browser::session_set(VIEW_KEY, view.name())
    });

    // Save changes a moment after the last one: a reload, a closed tab or
    // a crash restores them.
    {
        let shared = Rc::clone(&shared);
        use_effect_with(store.clone(), move |state| {
            let mut p = shared.borrow_mut();
            p.latest = Some(state.clone());
            let due = p.saver.is_on()
                && !p.conflict
                && (p.saver.is_dirty(state) || !p.saver.head_matches(&LocalStore, state));
            if due {
                let delay = browser::url_number("save-delay").unwrap_or(SAVE_DELAY_MS);
                let later = Rc::clone(&shared);
                p.timer = Some(Timeout::new(delay, move || save_now(&later)));
            } else {
                p.timer = None;
            }
            drop(p);
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
    let controls = {
        let (reload_shared, overwrite_shared) = (Rc::clone(&shared), Rc::clone(&shared));
        let (reload_store, overwrite_store) = (store.clone(), store.clone());
        SaveControls {
            reload: Callback::from(move |_| follow(&reload_shared, &reload_store, false)),
            overwrite: Callback::from(move |_| {
                reconcile(&overwrite_shared, &overwrite_store, true)
            }),
        }
    };

    let t = tr(store.lang);
    let view = store.ui.view;
    let tab = |v: View, label: &'static str| {
        let store = store.clone();
        let class = classes!("tab", (view == v).then_some("active"));
        html! {
            <button {class} data-view={v.name()}
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
        Callback::from(move |_| {
            store.dispatch(Action::Undo {
                at: browser::now_iso(),
            })
        })
    };
    let on_redo = {
        let store = store.clone();
        Callback::from(move |_| {
            store.dispatch(Action::Redo {
                at: browser::now_iso(),
            })
        })
    };
    let on_print = {
        let store = store.clone();
        // In the comparison, the comparison is what is printed.
        Callback::from(move |_| {
            if store.ui.view == View::Compare {
                crate::components::compare::print_comparison();
            } else {
                store.dispatch(Action::SetView(View::Print));
            }
        })
    };
    let show_welcome = !store.ui.welcome_dismissed && store.assessment().offices.is_empty();
    // The first thing Tab reaches: past the tabs and the toolbar (some
    // twenty controls) to the view itself.
    let on_skip = Callback::from(|_: MouseEvent| {
        browser::focus("main");
    });

    let main = match view {
        View::Data => html! { <Grid /> },
        View::Results => html! { <ResultsView /> },
        View::Items => html! { <ItemsView /> },
        View::Rubric => html! { <RubricView /> },
        View::Compare => html! { <CompareView /> },
        View::Assessments => html! { <Assessments /> },
        View::Print => html! { <PrintView /> },
    };

    if store.filling.is_some() {
        // An office filling in its form sees only that.
        return html! {
            <ContextProvider<Store> context={store.clone()}>
            <ContextProvider<SaveControls> context={controls}>
                <div class="app filling" inert={store.ui.ask.is_some()}>
                    <header class="topbar no-print">
                        <h1>{ t.app_title }</h1>
                        <div class="actions">
                            <button id="lang" class="lang" onclick={on_lang}>{ t.other_lang }</button>
                        </div>
                    </header>
                    <Notices />
                    <main><FillView /></main>
                    <footer class="privacy no-print">{ t.privacy }</footer>
                </div>
                <crate::components::ask::AskDialog />
            </ContextProvider<SaveControls>>
            </ContextProvider<Store>>
        };
    }

    let modal = store.ui.ask.is_some() || store.ui.import.is_some() || store.ui.forms.is_some();
    html! {
        <ContextProvider<Store> context={store.clone()}>
        <ContextProvider<SaveControls> context={controls}>
            // While a dialog is open, the page behind it takes neither the
            // focus nor clicks.
            <div class={classes!("app", (view == View::Print).then_some("printing"), (view == View::Data).then_some("view-data"))}
                inert={modal}>
                <header class="topbar no-print">
                    <button id="skip-to-main" class="skip-link" onclick={on_skip}>{ t.skip_to_main }</button>
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
                        <button id="undo" disabled={!store.history.can_undo() || store.assessment().approval.is_some()} onclick={on_undo}>{ t.undo }</button>
                        <button id="redo" disabled={!store.history.can_redo() || store.assessment().approval.is_some()} onclick={on_redo}>{ t.redo }</button>
                        <button id="print" onclick={on_print}>{ t.print }</button>
                        <button id="lang" class="lang" onclick={on_lang}>{ t.other_lang }</button>
                    </div>
                </header>
                <Notices />
                if matches!(view, View::Data | View::Results) {
                    <Toolbar />
                }
                if view == View::Data {
                    <crate::components::sources::Sources />
                }
                if show_welcome {
                    <Welcome />
                }
                <main id="main" tabindex="-1">{ main }</main>
                <footer class="privacy no-print">{ t.privacy }</footer>
            </div>
            <ImportDialog />
            <crate::components::forms::FormsDialog />
            <crate::components::ask::AskDialog />
        </ContextProvider<SaveControls>>
        </ContextProvider<Store>>
    }
}
