//! The first visit: what the page does, and the worked example in one
//! click.

use yew::prelude::*;

use super::{dispatch, now, open_file_input, use_store};
use crate::i18n::tr;
use crate::state::Action;

/// The welcome panel, shown while the current assessment is empty.
#[function_component(Welcome)]
pub fn welcome() -> Html {
    let store = use_store();
    let t = tr(store.lang);
    html! {
        <section class="welcome no-print">
            <h2>{ t.welcome_title }</h2>
            <p>{ t.welcome_text }</p>
            <ul>
                <li>{ t.welcome_step1 }</li>
                <li>{ t.welcome_step2 }</li>
                <li>{ t.welcome_step3 }</li>
            </ul>
            <div class="buttons">
                <button id="load-example" class="primary"
                    onclick={dispatch(&store, |_: MouseEvent| Action::LoadExample { now: now() })}>
                    { t.load_example }
                </button>
                <button id="start-empty" onclick={dispatch(&store, |_: MouseEvent| Action::DismissWelcome)}>
                    { t.start_empty }
                </button>
                { open_file_input(&store, "open-file-welcome") }
            </div>
            <p class="fill-offer">{ super::fill::fill_button(&store, "fill-form-welcome") }</p>
        </section>
    }
}
