//! The page's parts. Components only render the state and dispatch
//! actions; anything that computes lives in `state` or in the core.

pub mod assessments;
pub mod chart;
pub mod compare;
pub mod detail;
pub mod grid;
pub mod import;
pub mod items;
pub mod notices;
pub mod print;
pub mod results;
pub mod rubric_view;
pub mod toolbar;
pub mod welcome;

use yew::prelude::*;

use crate::app::Store;
use crate::browser;
use crate::state::Action;

/// The state handle, from the context the root provides.
#[hook]
pub fn use_store() -> Store {
    use_context::<Store>().expect("components live under App's context")
}

/// A callback that dispatches an action built from the event.
pub fn dispatch<E: 'static>(store: &Store, f: impl Fn(E) -> Action + 'static) -> Callback<E> {
    let store = store.clone();
    Callback::from(move |e| store.dispatch(f(e)))
}

/// The current time for actions that record it.
pub fn now() -> String {
    browser::now_iso()
}
