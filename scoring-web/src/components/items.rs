//! The item log: import it, set the period's end, add calendar files, and
//! see each office's items with the late ones marked.

use scoring_core::items::{Status, describe};
use yew::prelude::*;

use super::{now, use_store};
use crate::browser;
use crate::i18n::{fill, tr};
use crate::state::{Action, ItemsState};

/// The item-log view.
#[function_component(ItemsView)]
pub fn items_view() -> Html {
    let store = use_store();
    let t = tr(store.lang);
    let lang = store.lang;
    let a = store.assessment();
    let results = &store.results;
    let rubric = &results.rubric;
    // Hundreds of items: shown for one office, or only those late or
    // still open, as the assessor asks (the counts stay whole).
    let only_office = use_state(String::new);
    let only_late = use_state(|| false);

    let on_log = {
        let store = store.clone();
        Callback::from(move |e: Event| {
            if let Some(file) = browser::chosen_file(&e) {
                let dispatch = store.dispatcher().to_callback();
                crate::workbook::read_data_file(file, dispatch.clone(), move |file| {
                    dispatch.emit(Action::ImportItemLog { file, now: now() })
                });
            }
        })
    };
    let on_calendar = {
        let store = store.clone();
        Callback::from(move |e: Event| {
            let store = store.clone();
            browser::read_text_file(&e, move |file_name, text| {
                store.dispatch(Action::LoadCalendarFile {
                    file_name,
                    text,
                    now: now(),
                });
            });
        })
    };
    let on_period_end = {
        let store = store.clone();
        Callback::from(move |e: Event| {
            if let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() {
                store.dispatch(Action::SetPeriodEnd {
                    text: input.value(),
                    now: now(),
                });
            }
        })
    };
    let on_example = {
        let store = store.clone();
        Callback::from(move |_| store.dispatch(Action::LoadExampleItems { now: now() }))
    };
    let on_clear = {
        let store = store.clone();
        Callback::from(move |_| store.dispatch(Action::ClearItemLog { now: now() }))
    };

    let calendars = html! {
        <div class="calendars">
            <h3>{ t.calendars_title }</h3>
            <p class="note">{ t.calendars_bundled }</p>
            <ul>
                { for a.calendars.iter().map(|c| {
                    let store = store.clone();
                    let name = c.file_name.clone();
                    let remove = Callback::from(move |_| store.dispatch(Action::RemoveCalendarFile { file_name: name.clone(), now: now() }));
                    html! { <li>{ &c.file_name }{ " " }<button class="icon" title={t.remove} onclick={remove}>{ "✕" }</button></li> }
                }) }
            </ul>
            <label class="file-button">{ t.load_calendar }
                <input id="calendar-file" type="file" accept=".json,application/json" onchange={on_calendar} />
            </label>
        </div>
    };

    let body = match &results.items {
        None => html! { <p class="empty">{ t.no_item_log }</p> },
        Some(ItemsState::NeedsPeriodEnd) => {
            // What was read, before anything is judged.
            let rows = store.assessment().item_log.as_ref().map_or(0, |l| {
                // Its rows with anything in them, less the header.
                l.rows
                    .iter()
                    .filter(|(_, cells)| cells.iter().any(|c| !c.trim().is_empty()))
                    .count()
                    .saturating_sub(1)
            });
            html! {
                <p class="warning" id="items-needs-period-end" role="status">
                    { fill(t.items_read, &[("n", &rows.to_string())]) }{ t.needs_period_end }
                </p>
            }
        }
        Some(ItemsState::Failed { calendar, errors }) => html! {
            <div class="rubric-errors" role="alert" id="items-errors">
                <p>{ t.items_failed }</p>
                <ul>
                    { for calendar.iter().map(|e| html! { <li>{ e.message(lang) }</li> }) }
                    { for errors.iter().map(|e| html! { <li>{ e.message(lang) }</li> }) }
                </ul>
            </div>
        },
        Some(ItemsState::Applied { judgement, errors }) => {
            let j = judgement;
            use scoring_core::items::ItemProblem;
            // The log's offices the grid lacks: one line each, with how
            // many items, not one per item.
            let mut missing: Vec<(String, usize, Option<String>)> = Vec::new();
            for e in errors {
                if let (ItemProblem::UnknownOffice { suggestion }, Some(office)) =
                    (&e.problem, &e.office)
                {
                    match missing.iter_mut().find(|(o, ..)| o == office) {
                        Some(m) => m.1 += 1,
                        None => missing.push((office.clone(), 1, suggestion.clone())),
                    }
                }
            }
            let other_errors: Vec<_> = errors
                .iter()
                .filter(|e| {
                    !matches!(
                        e.problem,
                        ItemProblem::CountsDisagree { .. } | ItemProblem::UnknownOffice { .. }
                    )
                })
                .collect();
            let add_missing = {
                let names: Vec<String> = missing.iter().map(|(o, ..)| o.clone()).collect();
                let store = store.clone();
                Callback::from(move |_: MouseEvent| {
                    store.dispatch(Action::AddNamedOffices {
                        names: names.clone(),
                        now: now(),
                    })
                })
            };
            let summary = fill(
                t.items_applied,
                &[
                    ("file", &j.log.source),
                    ("n", &j.log.items.len().to_string()),
                    ("end", &j.period_end.to_string()),
                ],
            );
            // An office chosen that this assessment lacks (another one
            // opened since): all shown.
            let chosen =
                Some(only_office.as_str()).filter(|n| a.offices.iter().any(|o| o.name == *n));
            let offices = a.offices.iter().filter(|o| chosen.is_none_or(|n| o.name == n)).map(|office| {
                let all: Vec<_> = j.items_of(&office.name).collect();
                if all.is_empty() {
                    return html! {};
                }
                let items: Vec<_> = all
                    .iter()
                    .filter(|(_, judged)| !*only_late || judged.status != Status::OnTime)
                    .collect();
                let counts = j.leaves().into_iter().map(|leaf| {
                    let c = j.counts(&office.name, leaf);
                    html! {
                        <span class="counts">
                            { format!("{}{}", rubric.leaf(leaf).name.get(lang), super::colon(lang)) }
                            { fill(t.item_counts, &[
                                ("asked", &c.asked.to_string()),
                                ("answered", &c.answered.to_string()),
                                ("late", &c.late.to_string()),
                                ("open", &c.open.to_string()),
                            ]) }
                        </span>
                    }
                });
                html! {
                    <section class="office-items" data-office={office.name.clone()}>
                        <h3>{ &office.name }</h3>
                        <p class="meta">{ for counts }</p>
                        if items.is_empty() {
                            <p class="meta">{ t.items_none_late }</p>
                        } else {
                        <table class="explain items">
                            <thead><tr>
                                <th>{ t.item }</th><th>{ t.indicator }</th><th>{ t.status }</th><th>{ t.explanation }</th>
                            </tr></thead>
                            <tbody>
                                { for items.iter().map(|(item, judged)| {
                                    let (class, label) = match judged.status {
                                        Status::OnTime => ("on-time", t.item_status_on_time),
                                        Status::Late => ("late", t.item_status_late),
                                        Status::Open => ("open", t.item_status_open),
                                    };
                                    html! {
                                        <tr class={classes!("item", class)} data-item={item.id.clone()}>
                                            <td>{ &item.id }</td>
                                            <td>{ rubric.leaf(item.leaf).name.get(lang) }</td>
                                            <td class="status">{ label }</td>
                                            <td class="why">{ describe(item, judged, j.period_end, lang) }</td>
                                        </tr>
                                    }
                                }) }
                            </tbody>
                        </table>
                        }
                    </section>
                }
            });
            let on_office = {
                let only_office = only_office.clone();
                Callback::from(move |e: Event| {
                    if let Some(s) = e.target_dyn_into::<web_sys::HtmlSelectElement>() {
                        only_office.set(s.value());
                    }
                })
            };
            let on_late = {
                let only_late = only_late.clone();
                Callback::from(move |e: Event| only_late.set(super::checked(&e)))
            };
            let with_items: Vec<&str> = a
                .offices
                .iter()
                .filter(|o| j.items_of(&o.name).next().is_some())
                .map(|o| o.name.as_str())
                .collect();
            html! {
                <>
                    <p class="meta" id="items-summary" role="status">{ summary }</p>
                    <p class="items-filter no-print">
                        <label>{ t.items_filter_office }
                            <select id="items-office" onchange={on_office}>
                                <option value="" selected={chosen.is_none()}>{ t.items_filter_all }</option>
                                { for with_items.iter().map(|n| html! {
                                    <option value={n.to_string()} selected={*only_office == *n}>{ *n }</option>
                                }) }
                            </select>
                        </label>
                        <label><input type="checkbox" id="items-only-late" checked={*only_late} onchange={on_late} />{ t.items_filter_late }</label>
                    </p>
                    <super::counts::CountsChoices />
                    if !missing.is_empty() {
                        <div class="warning" id="items-unknown-offices">
                            <p>{ fill(t.items_unknown_offices, &[("n", &missing.len().to_string())]) }</p>
                            <ul>
                                { for missing.iter().map(|(office, n, suggestion)| html! {
                                    <li data-office={office.clone()}>{ match suggestion {
                                        Some(s) => fill(t.items_unknown_office_like, &[("office", office), ("n", &n.to_string()), ("like", s)]),
                                        None => fill(t.items_unknown_office, &[("office", office), ("n", &n.to_string())]),
                                    } }</li>
                                }) }
                            </ul>
                            <button id="items-add-offices" onclick={add_missing} disabled={a.approval.is_some()}>{ t.items_add_offices }</button>
                        </div>
                    }
                    // Counts that disagree are in the choice above, with
                    // what differs; the rest here.
                    if !other_errors.is_empty() {
                        <div class="rubric-errors" role="alert" id="items-errors">
                            <p>{ t.items_problems }</p>
                            <ul>{ for other_errors.iter().map(|e| html! { <li>{ e.message(lang) }</li> }) }</ul>
                        </div>
                    }
                    { for offices }
                </>
            }
        }
    };

    // A template to fill in: one example item per kind, the kinds and
    // date forms said (in the workbook's second sheet).
    let template = |xlsx: bool| {
        let store = store.clone();
        Callback::from(move |_: MouseEvent| {
            let lang = store.lang;
            let rubric = &store.results.rubric;
            let stem = format!(
                "{}-{}",
                rubric.id(),
                lang.pick("事项登记模板", "item-log-template")
            );
            let dispatch = store.dispatcher().to_callback();
            let after = {
                let dispatch = dispatch.clone();
                move |_: String, result: Result<(), String>| {
                    if let Err(e) = result {
                        dispatch.emit(Action::Notify(crate::state::Notice::ExportFailed(e)));
                    }
                }
            };
            if xlsx {
                let book = scoring_formats::book::item_log_template_book(rubric, lang);
                super::toolbar::download_book(dispatch, format!("{stem}.xlsx"), book, after);
            } else {
                let b = scoring_formats::item_log_template_csv(rubric, lang);
                let name = format!("{stem}.csv");
                let result = browser::download(&name, super::toolbar::CSV, &b);
                after(name, result);
            }
        })
    };

    html! {
        <section class="items-view">
            <p class="hint">{ t.items_intro }</p>
            // Approved: nothing here can change (said, with the way back).
            if a.approval.is_some() {
                { super::toolbar::approved_banner(&store) }
            }
            <div class="toolbar">
                <label class={classes!("file-button", a.approval.is_some().then_some("disabled"))}>{ t.import_items }
                    <input id="items-file" type="file" accept=".csv,.txt,.xlsx" onchange={on_log} disabled={a.approval.is_some()} />
                </label>
                <label>{ t.period_end }
                    <input id="period-end" type="date" value={a.period_end.clone()} onchange={on_period_end} disabled={a.approval.is_some()} />
                </label>
                if a.item_log.is_some() {
                    <button id="clear-items" onclick={on_clear} disabled={a.approval.is_some()}>{ t.clear_items }</button>
                }
                <button id="items-template-csv" title={t.items_template_hint} onclick={template(false)}>{ t.items_template_csv }</button>
                <button id="items-template-xlsx" title={t.items_template_hint} onclick={template(true)}>{ t.items_template_xlsx }</button>
                <button id="items-example" title={t.example_items_hint} onclick={on_example} disabled={a.approval.is_some()}>{ t.example_items }</button>
            </div>
            { body }
            { calendars }
        </section>
    }
}
