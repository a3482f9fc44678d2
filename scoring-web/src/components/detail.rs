//! Explanations: every indicator of one office, and every office on one
//! indicator — the value, its place among how many, the rule, the score
//! and the points it adds.

use scoring_core::{IndicatorKind, explain, num::plain};
use yew::prelude::*;

use super::{dispatch, use_store};
use crate::i18n::{fill, tr};
use crate::state::Action;

/// An exact figure for reading: at most ten decimals, `…` when there are
/// more (91.0333333333…).
/// Evidence as given: a link (http or https) can be followed, in a new
/// tab; anything else is text.
fn evidence_note(note: &str) -> Html {
    let t = note.trim();
    if (t.starts_with("https://") || t.starts_with("http://")) && !t.contains(char::is_whitespace) {
        html! { <a href={t.to_string()} target="_blank" rel="noopener noreferrer">{ t }</a> }
    } else {
        html! { { note.to_string() } }
    }
}

fn exact_shown(v: scoring_core::Decimal) -> String {
    let full = v.normalize().to_string();
    match full.split_once('.') {
        Some((int, frac)) if frac.len() > 10 => format!("{int}.{}…", &frac[..10]),
        _ => full,
    }
}

/// Where a leaf's figures came from, when not (only) from what was
/// typed: the item log's counts (chosen over typed ones, filling a blank,
/// or agreeing with what was typed), a typed count kept against the log,
/// a linked assessment's total.
pub(crate) fn value_sources(
    store: &crate::state::AppState,
    key: u64,
    slot: scoring_core::LeafIx,
) -> Option<String> {
    let (lang, t) = (store.lang, tr(store.lang));
    let r = &store.results;
    let rubric = &r.rubric;
    let method = rubric.leaf(slot).method()?;
    let said: Vec<String> = method
        .inputs()
        .into_iter()
        .filter_map(|input| {
            let k = (key, input.id.clone());
            let label = super::column_label(rubric, &input.id, lang);
            let typed = || {
                store
                    .assessment()
                    .office(key)
                    .map(|o| o.cell(&input.id).trim().to_string())
                    .unwrap_or_default()
            };
            match (
                r.log_chosen.get(&k),
                r.from_log.get(&k),
                r.from_source.get(&k),
            ) {
                (Some((n, scoring_core::items::CountsChoice::Log)), ..) => Some(fill(
                    t.source_log_chosen,
                    &[
                        ("input", &label),
                        ("n", &n.to_string()),
                        ("typed", &typed()),
                    ],
                )),
                (Some((n, scoring_core::items::CountsChoice::Typed)), ..) => Some(fill(
                    t.source_typed_chosen,
                    &[
                        ("input", &label),
                        ("n", &n.to_string()),
                        ("typed", &typed()),
                    ],
                )),
                (None, Some(n), _) => {
                    Some(fill(t.source_log_filled, &[("input", &label), ("n", n)]))
                }
                (None, None, Some(n)) => {
                    Some(fill(t.source_linked, &[("input", &label), ("n", n)]))
                }
                // Typed, and what the item log counts too.
                (None, None, None) => {
                    let office = store.assessment().office(key)?;
                    let n = r.log_count(&office.name, &input.id)?;
                    Some(fill(
                        t.source_log_agrees,
                        &[("input", &label), ("n", &n.to_string())],
                    ))
                }
            }
        })
        .collect();
    (!said.is_empty()).then(|| said.join(lang.pick("；", "; ")))
}

/// Which office a detail shows, and how.
#[derive(Properties, PartialEq, Default)]
pub struct OfficeDetailProps {
    /// The office (by key); the one selected in the results when `None`.
    #[prop_or_default]
    pub office: Option<u64>,
    /// A printed sheet of its own (one per office): no close button.
    #[prop_or_default]
    pub sheet: bool,
}

/// One office, indicator by indicator.
#[function_component(OfficeDetail)]
pub fn office_detail(props: &OfficeDetailProps) -> Html {
    let store = use_store();
    let t = tr(store.lang);
    let lang = store.lang;
    let results = &store.results;
    let rubric = &results.rubric;
    let Some(key) = props.office.or(store.ui.office) else {
        return html! {};
    };
    let Some(o) = results.scored_index(key) else {
        return html! {};
    };
    let office = results.card.office(o);
    let close = dispatch(&store, |_: MouseEvent| Action::SelectOffice(None));
    // Esc closes it, the focus back on the office's row in the ranking
    // (not an Esc that takes back typing or a Chinese input method's
    // candidates).
    let on_key = {
        let store = store.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" && !crate::browser::typing(&e) {
                store.dispatch(Action::SelectOffice(None));
                crate::browser::focus_selector(&format!("#ranking tr[data-key=\"{key}\"]"));
            }
        })
    };
    let exact = office.exact_total();
    let exact_title = |v: scoring_core::Decimal, published: &str| -> Option<String> {
        let full = exact_shown(v);
        (full != published && full.trim_end_matches('0') != published.trim_end_matches('0'))
            .then(|| fill(t.exact_value, &[("value", &full)]))
    };
    // A printed sheet goes back to the office with a column for what it
    // will do about each indicator (整改措施).
    let sheet = props.sheet;
    let rect = move || {
        if sheet {
            html! { <td class="rectify"></td> }
        } else {
            html! {}
        }
    };
    let value_sources = |slot| value_sources(&store, key, slot);
    let rows = rubric.indicators().map(|(ix, ind)| {
        let pct = plain(rubric.weight_percent(ind.weight));
        // 1.2em per level and 0.3em, in tenths (no float formatting).
        let tenths = ind.depth * 12 + 3;
        let style = format!("padding-left: {}.{}em", tenths / 10, tenths % 10);
        let outside = office.category().is_some_and(|k| !rubric.in_category(ix, k));
        match &ind.kind {
            IndicatorKind::Group { slot, .. } => html! {
                <tr class="group-row">
                    <td {style}>{ ind.name.get(lang) }</td>
                    <td class="num">{ format!("{pct}%") }</td>
                    <td></td><td></td><td></td>
                    <td class="num">{ if outside { t.not_assessed.to_string() } else if office.group_not_applicable(*slot) { t.not_applicable.to_string() } else { office.published_group(*slot).to_string() } }</td>
                    <td class="why">{ explain::group_note(rubric, &results.card, o, *slot, lang).unwrap_or_default() }</td>
                    { rect() }
                </tr>
            },
            IndicatorKind::Leaf { slot, .. } => {
                let slot = *slot;
                let r = office.leaf(slot);
                let place = r
                    .placing
                    .map(|p| format!("{}/{}", p.place, r.of))
                    .unwrap_or_default();
                let open = dispatch(&store, move |_: MouseEvent| Action::SelectIndicator(Some(slot)));
                html! {
                    <tr class="leaf-row" data-indicator={ind.id.clone()}>
                        <td {style}><button class="link" onclick={open}>{ ind.name.get(lang) }</button></td>
                        <td class="num">{ format!("{pct}%") }</td>
                        <td class="num">{ explain::shown_value(rubric, slot, &r, lang) }</td>
                        <td class="num">{ place }</td>
                        // The exact figure on hover where rounding hides it
                        // (a ratio: 98.863636…).
                        <td class="num" title={exact_title(r.score, &rubric.publish(r.score))}>{ if r.outside_category { t.not_assessed.to_string() } else if r.not_applicable { t.not_applicable.to_string() } else { rubric.publish(r.score) } }</td>
                        <td class="num" title={exact_title(r.points, &rubric.publish(r.points))}>{ if r.outside_category { t.not_assessed.to_string() } else if r.not_applicable { t.not_applicable.to_string() } else { rubric.publish(r.points) } }</td>
                        <td class="why">
                            <div class="explanation">{ explain::leaf(rubric, &results.data, &results.card, o, slot, lang) }</div>
                            if let Some(source) = value_sources(slot) {
                                <div class="source">{ source }</div>
                            }
                            <div class="rule">{ format!("{}{}{}", t.rule, super::colon(lang), explain::leaf_rule(rubric, slot, lang)) }</div>
                        </td>
                        { rect() }
                </tr>
                }
            }
        }
    });
    // With adjustments, the indicators' points first, summed.
    let subtotal = (!rubric.adjustments().is_empty()).then(|| {
        html! {
            <tr class="subtotal-row">
                <td colspan="5">{ t.points_subtotal }</td>
                <td class="num">{ rubric.publish(office.unadjusted()) }</td>
                <td></td>
                { rect() }
                </tr>
        }
    });
    let adjustments = rubric.adjustments().map(|(k, a)| {
        html! {
            <tr class="adjustment-row">
                <td colspan="5">{ a.name.get(lang) }</td>
                <td class="num">{ rubric.publish(office.adjustment(k)) }</td>
                <td class="why">{ explain::adjustment(rubric, &results.data, &results.card, o, k, lang) }</td>
                { rect() }
                </tr>
        }
    });
    // How the points were scaled when some indicators do not apply.
    let na_row = explain::na_note(rubric, &results.card, o, lang).map(|note| {
        html! {
            <tr class="adjustment-row na-row">
                <td colspan="5">{ t.not_applicable }</td>
                <td class="num">{ rubric.publish(office.unadjusted()) }</td>
                <td class="why">{ note }</td>
                { rect() }
                </tr>
        }
    });
    // What a bonus pool's cap took off.
    let pools = (0..rubric.bonus_pools().len()).filter_map(|k| {
        let note = explain::pool_note(rubric, &results.card, o, k, lang)?;
        Some(html! {
            <tr class="adjustment-row pool-row">
                <td colspan="5">{ rubric.bonus_pools()[k].name.get(lang) }</td>
                <td class="num">{ rubric.publish(office.pool_cut(k)) }</td>
                <td class="why">{ note }</td>
                { rect() }
                </tr>
        })
    });
    // What keeping the total within [0, rubric total] changed, so that the
    // rows add up to the total.
    let limit = office.limit();
    let limit_row = (!limit.is_zero()).then(|| {
        html! {
            <tr class="adjustment-row limit-row">
                <td colspan="5">{ fill(
                    if limit.is_sign_negative() { t.limit_down } else { t.limit_up },
                    &[("total", &plain(office.out_of()))],
                ) }</td>
                <td class="num">{ rubric.publish(limit) }</td>
                <td class="why">{ explain::total_note(rubric, &results.card, o, lang).unwrap_or_default() }</td>
                { rect() }
                </tr>
        }
    });
    // What the total means: its band, a veto, the top share.
    let grade_row = explain::grade_note(rubric, &results.card, o, lang).map(|note| {
        html! {
            <tr class="grade-row">
                <td colspan="5">{ t.grade }</td>
                <td class="num">{ office.band().map(|b| rubric.grading().bands[b].name.get(lang)).unwrap_or("") }</td>
                <td class="why">{ note }</td>
                { rect() }
                </tr>
        }
    });
    // The office's text columns (a reason, evidence), as typed; the
    // category by its name.
    let notes: Vec<(String, String)> = rubric
        .text_columns()
        .map(|(k, c)| {
            let text = results.data.text(o, k).to_string();
            let text = match rubric.categories() {
                Some(cats) if cats.column == k => cats
                    .find(&text)
                    .map(|i| cats.list[i].name.get(lang).to_string())
                    .unwrap_or(text),
                _ => text,
            };
            (c.label.get(lang).to_string(), text)
        })
        .filter(|(_, text)| !text.is_empty())
        .collect();
    // What the office's returned entry form said: evidence per input, and
    // which form was merged.
    let row = store.assessment().office(key);
    let evidence: Vec<(String, String)> = row
        .map(|r| scoring_formats::forms::evidence_of(&r.cells))
        .unwrap_or_default()
        .into_iter()
        .map(|(id, note)| (super::column_label(rubric, &id, lang), note))
        .collect();
    // `file 2026-11-26T23:10:02.831Z`, shown to the minute.
    let returned = row
        .and_then(|r| r.cells.get(scoring_formats::forms::RETURNED_KEY))
        .map(|v| match v.rsplit_once(' ') {
            Some((file, when)) if when.len() >= 16 && when.as_bytes().get(10) == Some(&b'T') => {
                format!("{file}（{}）", when[..16].replace('T', " "))
            }
            _ => v.clone(),
        });
    // Self-assessment and review: what the office submitted (自评) where
    // the reviewed value (核定) differs, each with the assessor's reason,
    // and the total its own values would give.
    let self_total = store.self_assessed_total(key);
    let differences = row
        .map(|_| store.reviewed_differences(key))
        .unwrap_or_default();
    // A reviewed value that is not the typed one says where it came from.
    let scored_from = |input: &str| {
        let k = (key, input.to_string());
        let r = &store.results;
        if r.log_chosen.contains_key(&k) || r.from_log.contains_key(&k) {
            t.review_from_log
        } else if r.from_source.contains_key(&k) {
            t.review_from_source
        } else {
            ""
        }
    };
    let reason_input = |input: &str, reason: &str| {
        let s = store.clone();
        let id = input.to_string();
        let on_change = Callback::from(move |e: Event| {
            if let Some(el) = e.target_dyn_into::<web_sys::HtmlInputElement>() {
                s.dispatch(Action::EditCell {
                    office: key,
                    input: scoring_formats::forms::reason_key(&id),
                    text: el.value().trim().to_string(),
                    now: super::now(),
                });
            }
        });
        html! {
            <input class={classes!("reason", reason.is_empty().then_some("missing"))}
                aria-label={fill(t.review_reason_for, &[("input", &super::column_label(rubric, input, lang))])}
                data-input={input.to_string()} value={reason.to_string()}
                disabled={store.assessment().approval.is_some()}
                placeholder={t.review_reason_needed} onchange={on_change} />
        }
    };
    let shown = |id: &str, text: &str| match rubric.input(id) {
        Some((_, i)) if !text.is_empty() => scoring_formats::forms::shown(i, text),
        _ if text.is_empty() => t.blank.to_string(),
        _ => text.to_string(),
    };
    // The office with its category, where the rubric has them.
    let office_label = match office
        .category()
        .and_then(|k| rubric.categories()?.list.get(k))
    {
        Some(c) => fill(
            t.office_in_category,
            &[("office", office.name()), ("category", c.name.get(lang))],
        ),
        None => office.name().to_string(),
    };
    html! {
        <section class={classes!("detail", props.sheet.then_some("office-sheet"))}
            id={(!props.sheet).then_some("office-detail")} data-office={office.name().to_string()}
            tabindex={(!props.sheet).then_some("-1")} onkeydown={(!props.sheet).then_some(on_key)}>
            <header>
                <h3>{ fill(t.detail_title, &[
                    ("office", &office_label),
                    ("total", &rubric.publish(office.total())),
                    ("place", &office.place().to_string()),
                    ("n", &office.of().to_string()),
                ]) }</h3>
                if !props.sheet {
                    <button class="icon" title={t.close} onclick={close}>{ "✕" }</button>
                }
            </header>
            if props.sheet {
                // Each sheet stands alone: which assessment, by what rubric,
                // and whether (and as what) its results were approved.
                <p class="meta">{ format!("{} · {}{}{} · {}",
                    store.assessment().title, t.year, super::colon(lang), store.assessment().year,
                    super::compare::stamp(rubric, store.rubric_entry().fingerprint(), lang)) }</p>
                if let Some(approval) = &store.assessment().approval {
                    <p class="meta approved-stamp">{ fill(t.approved_stamp, &[
                        ("when", &crate::browser::local_time(&approval.at)),
                        ("fingerprint", &approval.fingerprint),
                    ]) }</p>
                } else {
                    <p class="meta approved-stamp not-approved">{ t.not_approved_stamp }</p>
                }
            }
            if rubric.round(exact) != exact {
                <p class="exact">{ format!("{} {}", t.exact_total, exact_shown(exact)) }</p>
            }
            // The review stands whether or not the office's own values
            // score (counts an item log contradicts leave them unscored).
            if self_total.is_some() || !differences.is_empty() {
                <div class="review" id={(!props.sheet).then_some("office-review")}>
                    if let Some(total) = &self_total {
                        <p><strong>{ fill(t.self_assessed_total, &[("self", total), ("reviewed", &rubric.publish(office.total()))]) }</strong></p>
                    } else {
                        <p class="meta">{ t.self_assessed_none }</p>
                    }
                    if differences.is_empty() {
                        <p class="meta">{ t.review_same }</p>
                    } else {
                        <table class="review-differences">
                            <thead><tr><th>{ t.indicator_input }</th><th>{ t.submitted }</th><th>{ t.reviewed }</th><th>{ t.review_reason }</th></tr></thead>
                            <tbody>
                                { for differences.iter().map(|(id, submitted, reviewed, reason)| html! {
                                    <tr data-input={id.clone()}>
                                        <td>{ super::column_label(rubric, id, lang) }</td>
                                        <td class="num">{ shown(id, submitted) }</td>
                                        <td class="num">{ shown(id, reviewed) }{ scored_from(id) }</td>
                                        <td>
                                            if props.sheet { { reason.clone() } } else { { reason_input(id, reason) } }
                                        </td>
                                    </tr>
                                }) }
                            </tbody>
                        </table>
                    }
                </div>
            }
            <table class="explain">
                <thead>
                    if props.sheet {
                        // Repeated on every printed page: whose sheet it is.
                        <tr class="sheet-office"><th colspan="8">{ fill(t.detail_title, &[
                            ("office", &office_label),
                            ("total", &rubric.publish(office.total())),
                            ("place", &office.place().to_string()),
                            ("n", &office.of().to_string()),
                        ]) }</th></tr>
                    }
                    <tr>
                        <th>{ t.indicator }</th><th>{ t.weight }</th><th>{ t.value }</th><th>{ t.place }</th>
                        <th>{ t.score }</th><th>{ t.points }</th><th>{ t.explanation }</th>
                        if props.sheet { <th class="rectify">{ t.rectify }</th> }
                    </tr>
                </thead>
                <tbody>{ for rows }{ for na_row }{ for subtotal }{ for adjustments }{ for pools }{ for limit_row }{ for grade_row }</tbody>
            </table>
            if !notes.is_empty() {
                <dl class="text-columns">
                    { for notes.iter().map(|(label, text)| html! {
                        <><dt>{ label.clone() }</dt><dd>{ text.clone() }</dd></>
                    }) }
                </dl>
            }
            if !evidence.is_empty() || returned.is_some() {
                <div class="evidence" id={(!props.sheet).then_some("office-evidence")}>
                    <strong>{ t.evidence_title }</strong>
                    if let Some(form) = returned {
                        <p class="meta">{ fill(t.evidence_form, &[("form", &form)]) }</p>
                    }
                    <dl class="text-columns">
                        { for evidence.iter().map(|(label, note)| html! {
                            <><dt>{ label.clone() }</dt><dd>{ evidence_note(note) }</dd></>
                        }) }
                    </dl>
                </div>
            }
            if props.sheet {
                // Signed where the sheet goes back to the office.
                <p class="sign">{ t.sheet_sign }</p>
            }
        </section>
    }
}

/// Every office on one indicator, best first.
#[function_component(IndicatorDetail)]
pub fn indicator_detail() -> Html {
    let store = use_store();
    // Opened (from the detail, a column's name): shown and given the
    // focus, wherever it is on the page (it may open far below).
    use_effect_with(store.ui.indicator, |indicator| {
        if indicator.is_some() {
            crate::browser::focus("indicator-detail");
        }
    });
    let t = tr(store.lang);
    let lang = store.lang;
    let results = &store.results;
    let rubric = &results.rubric;
    let Some((slot, ind)) = store
        .ui
        .indicator
        .and_then(|s| rubric.leaves().find(|&(l, _)| l == s))
    else {
        return html! {};
    };
    let close = dispatch(&store, |_: MouseEvent| Action::SelectIndicator(None));
    let on_key = {
        let store = store.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" && !crate::browser::typing(&e) {
                store.dispatch(Action::SelectIndicator(None));
            }
        })
    };
    let mut offices: Vec<_> = results.card.offices().collect();
    crate::sorting::sort_by(&mut offices, |a, b| {
        let (ra, rb) = (a.leaf(slot), b.leaf(slot));
        rb.score
            .cmp(&ra.score)
            .then(
                ra.placing
                    .map(|p| p.place)
                    .cmp(&rb.placing.map(|p| p.place)),
            )
            .then(a.ix().cmp(&b.ix()))
    });
    html! {
        <section class="detail" id="indicator-detail" tabindex="-1" onkeydown={on_key}>
            <header>
                <h3>{ fill(t.indicator_title, &[
                    ("indicator", ind.name.get(lang)),
                    ("weight", &plain(rubric.weight_percent(ind.weight))),
                ]) }</h3>
                <button class="icon" title={t.close} onclick={close}>{ "✕" }</button>
            </header>
            <p class="rule">{ format!("{}{}{}", t.rule, super::colon(lang), explain::leaf_rule(rubric, slot, lang)) }</p>
            if let Some(note) = &ind.note {
                <p class="note">{ note.get(lang) }</p>
            }
            <table class="explain">
                <thead><tr>
                    <th>{ t.office }</th><th>{ t.value }</th><th>{ t.place }</th>
                    <th>{ t.score }</th><th>{ t.points }</th><th>{ t.explanation }</th>
                </tr></thead>
                <tbody>
                    { for offices.iter().map(|office| {
                        let r = office.leaf(slot);
                        let key = results.scored[office.ix().index()];
                        let open = dispatch(&store, move |_: MouseEvent| Action::SelectOffice(Some(key)));
                        html! {
                            <tr>
                                <td><button class="link" onclick={open}>{ office.name() }</button></td>
                                <td class="num">{ explain::shown_value(rubric, slot, &r, lang) }</td>
                                <td class="num">{ r.placing.map(|p| format!("{}/{}", p.place, r.of)).unwrap_or_default() }</td>
                                <td class="num">{ rubric.publish(r.score) }</td>
                                <td class="num">{ rubric.publish(r.points) }</td>
                                <td class="why">{ explain::leaf(rubric, &results.data, &results.card, office.ix(), slot, lang) }</td>
                            </tr>
                        }
                    }) }
                </tbody>
            </table>
        </section>
    }
}
