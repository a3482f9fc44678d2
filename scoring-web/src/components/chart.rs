//! A bar chart of totals, stacked by top-level group, drawn as SVG.
//! Geometry is computed in decimals too: a bar's width is its points'
//! share of the rubric total.

use rust_decimal::Decimal;
use scoring_core::IndicatorKind;
use yew::prelude::*;

use super::use_store;
use crate::i18n::tr;

/// Colours of the top-level groups, in order.
const COLOURS: [&str; 6] = [
    "#2f6db5", "#e08a1e", "#3a9d5d", "#b5412f", "#7a52a8", "#5b6b7a",
];

const LABEL_W: i64 = 140;
const BAR_W: i64 = 560;
const ROW_H: i64 = 22;
const TOP: i64 = 30;

fn coord(d: Decimal) -> String {
    d.round_dp(1).normalize().to_string()
}

/// The chart, in ranking order.
/// A name that fits the labels' column (about ten characters of Chinese),
/// shortened in its middle (对外投资…合作处); the whole name is the label's
/// title.
fn short_name(name: &str) -> String {
    // Widths in halves of a Chinese character.
    let width = |c: char| if c.is_ascii() { 1 } else { 2 };
    let total: usize = name.chars().map(width).sum();
    if total <= MAX_LABEL {
        return name.to_string();
    }
    let chars: Vec<char> = name.chars().collect();
    let (mut head, mut tail, mut used) = (0, chars.len(), 2);
    while head < tail {
        let w = width(chars[head]);
        if used + w > MAX_LABEL / 2 + 1 {
            break;
        }
        used += w;
        head += 1;
    }
    while tail > head {
        let w = width(chars[tail - 1]);
        if used + w > MAX_LABEL {
            break;
        }
        used += w;
        tail -= 1;
    }
    format!(
        "{}…{}",
        chars[..head].iter().collect::<String>(),
        chars[tail..].iter().collect::<String>()
    )
}

/// The most a label takes, in halves of a Chinese character.
const MAX_LABEL: usize = 20;

#[function_component(Chart)]
pub fn chart() -> Html {
    let store = use_store();
    let t = tr(store.lang);
    let lang = store.lang;
    let results = &store.results;
    let rubric = &results.rubric;
    let card = &results.card;
    if card.is_empty() {
        return html! {};
    }
    let ranking = card.ranking();
    let height = TOP + ROW_H * ranking.len() as i64 + 10;
    let width = LABEL_W + BAR_W + 70;
    let scale = Decimal::from(BAR_W) / rubric.total();
    let roots = rubric.roots();

    let legend = roots.clone().items().enumerate().map(|(i, r)| {
        let x = LABEL_W + 150 * i as i64;
        html! {
            <g>
                <rect x={x.to_string()} y="6" width="12" height="12" fill={COLOURS[i % COLOURS.len()]} />
                <text x={(x + 16).to_string()} y="16" class="legend">{ r.name.get(lang) }</text>
            </g>
        }
    });
    let bars = ranking.iter().enumerate().map(|(row, office)| {
        let y = TOP + ROW_H * row as i64;
        let mut x = Decimal::from(LABEL_W);
        let segments = roots.clone().items().enumerate().map(|(i, r)| {
            let points = match &r.kind {
                IndicatorKind::Group { slot, .. } => office.group(*slot),
                IndicatorKind::Leaf { slot, .. } => office.leaf(*slot).points,
            };
            let w = (points * scale).max(Decimal::ZERO);
            let seg = html! {
                <rect x={coord(x)} y={(y + 3).to_string()} width={coord(w)} height={(ROW_H - 6).to_string()}
                    fill={COLOURS[i % COLOURS.len()]}>
                    <title>{ format!("{}{}{}", r.name.get(lang), super::colon(lang), rubric.publish(points)) }</title>
                </rect>
            };
            x += w;
            seg
        }).collect::<Html>();
        html! {
            <g class="bar" data-office={office.name().to_string()}>
                <text x={(LABEL_W - 6).to_string()} y={(y + 15).to_string()} text-anchor="end">
                    <title>{ office.name() }</title>
                    { short_name(office.name()) }
                </text>
                { segments }
                <text x={coord(x + Decimal::from(6))} y={(y + 15).to_string()} class="value">{ rubric.publish(office.total()) }</text>
            </g>
        }
    });
    html! {
        <figure class="chart">
            <figcaption>
                { t.chart_title }
                if !store.results.left_out(store.assessment()).is_empty() {
                    <span class="provisional-stamp">{ t.provisional_stamp }</span>
                }
            </figcaption>
            // As wide as there is room for, at most its own width: the
            // totals at the bars' ends are never cut off.
            <svg id="chart" viewBox={format!("0 0 {width} {height}")} width="100%"
                style={format!("max-width: {width}px; height: auto")}
                role="img" aria-label={t.chart_title}>
                { for legend }
                { for bars }
            </svg>
        </figure>
    }
}

#[cfg(test)]
mod tests {
    use super::short_name;

    #[test]
    fn long_names_are_shortened_in_the_middle() {
        assert_eq!(short_name("办公室"), "办公室");
        assert_eq!(short_name("对外投资和经济合作处"), "对外投资和经济合作处");
        let long = short_name("对外投资和经济合作与境外园区建设处");
        assert!(
            long.starts_with("对外投资") && long.ends_with("建设处") && long.contains('…'),
            "{long}"
        );
        assert!(long.chars().count() <= 11, "{long}");
    }
}
