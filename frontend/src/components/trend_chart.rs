//! `TrendChart`: one test's values over time as an SVG line chart — the normal range as a band,
//! each value a point (a square when outside the range, a circle inside, so shape and not colour
//! alone tells them apart), round-number value ticks and dates below. It is an image with a
//! title and a description in words (count, dates, latest, lowest, highest and the range); the
//! page offers the same values as a table too. The chart is drawn at the width it is shown, so
//! its text stays the size of the page's text on a phone and on a desktop.

use std::fmt::Write as _;
use std::rc::Rc;

use gloo::events::EventListener;
use shared::chart::HistoryPoint;
use yew::prelude::*;

use super::chart_scale::{Span, axis, epoch_millis, step_digits};
use crate::format;
use crate::i18n::{Translations, use_i18n};

#[derive(Debug, Properties, PartialEq)]
pub struct TrendChartProps {
    /// Unique on the page; the title's and description's ids derive from it.
    pub id: AttrValue,
    /// The test's name, for the chart's title.
    pub name: AttrValue,
    pub unit: Option<AttrValue>,
    /// Oldest first, as the history route sends them.
    pub points: Rc<Vec<HistoryPoint>>,
}

const HEIGHT: f64 = 240.0;
const TOP: f64 = 12.0;
const BOTTOM: f64 = 36.0;
const RIGHT: f64 = 16.0;
/// Text size in the chart, in CSS pixels.
const FONT: f64 = 16.0;

/// The normal range to draw: the latest point's (labs change ranges rarely, and the latest is
/// the one the patient compares with).
fn latest_range(points: &[HistoryPoint]) -> (Option<f64>, Option<f64>) {
    points.last().map_or((None, None), |p| (p.ref_low, p.ref_high))
}

/// A value with its unit, as the reader's language writes numbers.
pub fn with_unit(i18n: &Translations, value: f64, unit: Option<&str>) -> String {
    let number = format::number(i18n.lang(), value, format::fraction_digits(value));
    match unit {
        Some(unit) if !unit.is_empty() => format!("{number} {unit}"),
        _ => number,
    }
}

/// The chart's description in words: what a sighted reader takes from the picture.
pub fn describe(i18n: &Translations, name: &str, unit: Option<&str>, points: &[HistoryPoint]) -> String {
    let (Some(first), Some(last)) = (points.first(), points.last()) else {
        return i18n.t("chart-empty");
    };
    let lang = i18n.lang();
    let lowest = points.iter().min_by(|a, b| a.value.total_cmp(&b.value)).unwrap_or(first);
    let highest = points.iter().max_by(|a, b| a.value.total_cmp(&b.value)).unwrap_or(first);
    let count = i64::try_from(points.len()).unwrap_or(i64::MAX);
    let mut text = i18n.t_count_with(
        "chart-description",
        &[("count", count)],
        &[
            ("name", name),
            ("from", &format::date(lang, &first.effective_at)),
            ("to", &format::date(lang, &last.effective_at)),
            ("latest", &with_unit(i18n, last.value, unit)),
            ("latestDate", &format::date(lang, &last.effective_at)),
            ("lowest", &with_unit(i18n, lowest.value, unit)),
            ("highest", &with_unit(i18n, highest.value, unit)),
        ],
    );
    let (low, high) = latest_range(points);
    let range = match (low, high) {
        (Some(l), Some(h)) => Some(i18n.t_with(
            "chart-range-between",
            &[("low", &with_unit(i18n, l, unit)), ("high", &with_unit(i18n, h, unit))],
        )),
        (None, Some(h)) => Some(i18n.t_with("chart-range-below", &[("high", &with_unit(i18n, h, unit))])),
        (Some(l), None) => Some(i18n.t_with("chart-range-above", &[("low", &with_unit(i18n, l, unit))])),
        (None, None) => None,
    };
    if let Some(range) = range {
        text.push(' ');
        text.push_str(&range);
    }
    text
}

#[function_component]
pub fn TrendChart(props: &TrendChartProps) -> Html {
    let i18n = use_i18n();
    let frame = use_node_ref();
    let width = use_state(|| 480.0_f64);
    {
        let (frame, width) = (frame.clone(), width.clone());
        use_effect_with((), move |()| {
            let measure = move || {
                if let Some(element) = frame.cast::<web_sys::Element>() {
                    let w = f64::from(element.client_width());
                    if w > 0.0 && (w - *width).abs() >= 1.0 {
                        width.set(w);
                    }
                }
            };
            measure();
            let listener =
                web_sys::window().map(|window| EventListener::new(&window, "resize", move |_| measure()));
            move || drop(listener)
        });
    }
    let points = &props.points;
    let unit = props.unit.as_deref();
    let title_id = format!("{}-title", props.id);
    let desc_id = format!("{}-desc", props.id);
    let description = describe(&i18n, &props.name, unit, points);
    let w = width.max(240.0);
    let values: Vec<f64> = points.iter().map(|p| p.value).collect();
    let (low, high) = latest_range(points);
    let (span, ticks) = axis(&values, low, high, 5);
    let digits = step_digits(&ticks);
    let lang = i18n.lang();
    let labels: Vec<String> = ticks.iter().map(|t| format::number(lang, *t, digits)).collect();
    // Room on the left for the longest value label.
    let longest = labels.iter().map(|l| l.chars().count()).max().unwrap_or(1);
    #[expect(clippy::cast_precision_loss, reason = "a label is a few characters")]
    let left = (longest as f64).mul_add(FONT * 0.6, 12.0);
    let plot_w = (w - left - RIGHT).max(40.0);
    let plot_h = HEIGHT - TOP - BOTTOM;
    let y = |v: f64| TOP + (1.0 - Span { min: span.min, max: span.max }.fraction(v)) * plot_h;
    let times: Vec<f64> = points.iter().map(|p| epoch_millis(&p.effective_at).unwrap_or(0.0)).collect();
    let (t0, t1) = (times.first().copied().unwrap_or(0.0), times.last().copied().unwrap_or(0.0));
    let x = |t: f64| if t1 > t0 { left + (t - t0) / (t1 - t0) * plot_w } else { left + plot_w / 2.0 };
    let band = match (low, high) {
        (None, None) => None,
        (l, h) => {
            let top = y(h.unwrap_or(span.max));
            let bottom = y(l.unwrap_or(span.min));
            Some((top, (bottom - top).max(1.0)))
        }
    };
    let mut line = String::new();
    for (i, (t, v)) in times.iter().zip(&values).enumerate() {
        let _ = write!(line, "{}{:.1} {:.1}", if i == 0 { "M " } else { " L " }, x(*t), y(*v));
    }
    let first_date = points.first().map(|p| format::short_date(lang, &p.effective_at)).unwrap_or_default();
    let last_date = points.last().map(|p| format::short_date(lang, &p.effective_at)).unwrap_or_default();
    let font = format!("{FONT}");
    html! {
        <div class="trend-chart" ref={frame}>
            <svg
                role="img"
                aria-labelledby={title_id.clone()}
                aria-describedby={desc_id.clone()}
                viewBox={format!("0 0 {w:.0} {HEIGHT}")}
                width={format!("{w:.0}")}
                height={HEIGHT.to_string()}
                focusable="false"
            >
                <title id={title_id}>{ i18n.t_with("chart-title", &[("name", &props.name)]) }</title>
                <desc id={desc_id}>{ description }</desc>
                if let Some((top, height)) = band {
                    <rect class="chart-range" x={format!("{left:.1}")} y={format!("{top:.1}")} width={format!("{plot_w:.1}")} height={format!("{height:.1}")} />
                }
                { for ticks.iter().zip(&labels).map(|(tick, label)| {
                    let ty = y(*tick);
                    html! {
                        <g class="chart-tick">
                            <line x1={format!("{left:.1}")} x2={format!("{:.1}", left + plot_w)} y1={format!("{ty:.1}")} y2={format!("{ty:.1}")} />
                            <text x={format!("{:.1}", left - 6.0)} y={format!("{:.1}", ty + FONT * 0.35)} text-anchor="end" font-size={font.clone()}>{ label }</text>
                        </g>
                    }
                }) }
                <text class="chart-date" x={format!("{left:.1}")} y={format!("{:.1}", HEIGHT - 10.0)} font-size={font.clone()}>{ first_date }</text>
                if points.len() > 1 {
                    <text class="chart-date" x={format!("{:.1}", left + plot_w)} y={format!("{:.1}", HEIGHT - 10.0)} text-anchor="end" font-size={font.clone()}>{ last_date }</text>
                }
                <path class="chart-line" d={line} />
                { for points.iter().zip(&times).map(|(p, t)| {
                    let (cx, cy) = (x(*t), y(p.value));
                    if p.flag.is_abnormal() {
                        html! { <rect class="chart-point outside" x={format!("{:.1}", cx - 5.0)} y={format!("{:.1}", cy - 5.0)} width="10" height="10" /> }
                    } else {
                        html! { <circle class="chart-point" cx={format!("{cx:.1}")} cy={format!("{cy:.1}")} r="4.5" /> }
                    }
                }) }
            </svg>
            <p class="chart-key">{ i18n.t("chart-key") }</p>
        </div>
    }
}
