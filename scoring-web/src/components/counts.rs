//! Where typed answer counts disagree with the item log: the assessor
//! chooses which stand, office by office or for all, and sees (and can
//! take back) what was chosen. Nothing is decided for them: until they
//! choose, those offices are left out.

use scoring_core::items::CountsChoice;
use yew::prelude::*;

use super::{colon, now, use_store};
use crate::i18n::{fill, tr};
use crate::state::Action;

/// The choice of counts, shown where there is a disagreement or a choice.
#[function_component(CountsChoices)]
pub fn counts_choices() -> Html {
    let store = use_store();
    let t = tr(store.lang);
    let lang = store.lang;
    let a = store.assessment();
    // The offices whose typed counts the log contradicts, in grid order,
    // each with what differs (in the rubric's order of inputs).
    let rubric = &store.results.rubric;
    let conflicting: Vec<(String, Vec<String>)> = a
        .offices
        .iter()
        .filter_map(|o| {
            let mut differs: Vec<(usize, String)> = store
                .results
                .log_conflicts
                .iter()
                .filter(|((key, _), _)| *key == o.key)
                .filter_map(|((_, input), problem)| match problem {
                    scoring_core::items::ItemProblem::CountsDisagree {
                        label,
                        typed,
                        from_log,
                        ..
                    } => Some((
                        rubric.input(input).map_or(usize::MAX, |(ix, _)| ix.index()),
                        fill(
                            t.counts_differ_item,
                            &[
                                ("label", label.get(lang)),
                                ("typed", typed),
                                ("n", &from_log.to_string()),
                            ],
                        ),
                    )),
                    _ => None,
                })
                .collect();
            if differs.is_empty() {
                return None;
            }
            differs.sort();
            Some((
                o.name.trim().to_string(),
                differs.into_iter().map(|(_, d)| d).collect(),
            ))
        })
        .collect();
    if conflicting.is_empty() && a.counts_choice.is_empty() {
        return html! {};
    }
    // The offices whose typed counts differ from the log, where a choice
    // decides which stand.
    let differing: Vec<String> = a
        .offices
        .iter()
        .filter(|o| {
            store
                .results
                .log_chosen
                .keys()
                .any(|(key, _)| *key == o.key)
        })
        .map(|o| o.name.trim().to_string())
        .collect();
    // While approved, nothing here can change (the approval says so).
    let locked = a.approval.is_some();
    let choose = |office: Option<String>,
                  choice: Option<CountsChoice>,
                  id: &'static str,
                  text: &'static str| {
        let store = store.clone();
        let onclick = Callback::from(move |_: MouseEvent| {
            store.dispatch(Action::ChooseCounts {
                office: office.clone(),
                choice,
                now: now(),
            });
            // A choice taken back: the focus on that office's own choice
            // again (or the first office's), never left on a button that
            // now decides for every office.
            if choice.is_none() {
                let selector = match &office {
                    Some(o) => format!("#counts-choice li[data-office=\"{o}\"] button.use-log"),
                    None => "#counts-choice li button.use-log".to_string(),
                };
                gloo_timers::callback::Timeout::new(0, move || {
                    crate::browser::focus_selector(&selector);
                })
                .forget();
            }
        });
        html! { <button class={id} {onclick} disabled={locked}>{ text }</button> }
    };
    let word = |c: CountsChoice| match c {
        CountsChoice::Log => t.counts_use_log,
        CountsChoice::Typed => t.counts_use_typed,
    };
    html! {
        <div class="counts-choice no-print" id="counts-choice">
            if !conflicting.is_empty() {
                <p><strong>{ t.counts_title }</strong>{ colon(lang) }{ fill(t.counts_intro, &[("n", &conflicting.len().to_string())]) }</p>
                <p class="hint">{ t.counts_hint }</p>
                <p class="all">
                    { choose(None, Some(CountsChoice::Log), "all-log", t.counts_all_log) }
                    { choose(None, Some(CountsChoice::Typed), "all-typed", t.counts_all_typed) }
                </p>
                <ul>
                    { for conflicting.iter().map(|(name, differs)| html! {
                        <li data-office={name.clone()}>
                            <strong>{ name.clone() }</strong>{ colon(lang) }
                            <span class="differs">{ differs.join(lang.pick("；", "; ")) }</span>
                            { " " }
                            { choose(Some(name.clone()), Some(CountsChoice::Log), "use-log", t.counts_use_log) }
                            { choose(Some(name.clone()), Some(CountsChoice::Typed), "use-typed", t.counts_use_typed) }
                        </li>
                    }) }
                </ul>
            }
            if !a.counts_choice.is_empty() {
                <p class="chosen-title">{ t.counts_chosen }
                    // Where a choice decides: never out of sight.
                    if !differing.is_empty() {
                        <span class="differing">{ fill(t.counts_differ, &[("offices", &differing.join(lang.pick("、", ", ")))]) }</span>
                    }
                    { colon(lang) }
                </p>
                <ul class="chosen">
                    { for a.counts_choice.iter().map(|(office, c)| {
                        let who = if office.is_empty() { t.counts_every_office.to_string() } else { office.clone() };
                        let target = (!office.is_empty()).then(|| office.clone());
                        // What the choice decided, figure by figure.
                        let mut figures: Vec<(usize, String)> = a
                            .offices
                            .iter()
                            .filter(|o| !office.is_empty() && o.name.trim() == office.as_str())
                            .flat_map(|o| {
                                store.results.log_chosen.iter().filter(move |((k, _), _)| *k == o.key).map(move |((_, input), (n, _))| {
                                    let label = rubric.input(input).map_or(input.clone(), |(_, i)| i.label.get(lang).to_string());
                                    (
                                        rubric.input(input).map_or(usize::MAX, |(ix, _)| ix.index()),
                                        fill(t.counts_differ_item, &[("label", &label), ("typed", o.cell(input).trim()), ("n", &n.to_string())]),
                                    )
                                })
                            })
                            .collect();
                        figures.sort();
                        let figures: Vec<String> = figures.into_iter().map(|(_, f)| f).collect();
                        html! {
                            <li data-chosen={office.clone()}>
                                { format!("{who}{}{}", colon(lang), word(*c)) }
                                if !figures.is_empty() {
                                    <span class="differs">{ format!("{}{}{}", lang.pick("（", " ("), figures.join(lang.pick("；", "; ")), lang.pick("）", ")")) }</span>
                                }
                                { " " }
                                { choose(target, None, "take-back", t.counts_take_back) }
                            </li>
                        }
                    }) }
                </ul>
            }
        </div>
    }
}
