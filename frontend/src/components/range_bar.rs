//! `RangeBar`: a picture of where a value falls against its normal range — a track, the normal
//! band on it and a marker for the value. It repeats what the words beside it say (the value,
//! the range and the flag), so it is hidden from screen readers; shape and position, not colour
//! alone, tell a value outside the band.

use shared::chart::Flag;
use yew::prelude::*;

use super::chart_scale::bar_span;

#[derive(Debug, Properties, PartialEq)]
pub struct RangeBarProps {
    pub value: f64,
    pub low: Option<f64>,
    pub high: Option<f64>,
    pub flag: Flag,
}

const WIDTH: f64 = 300.0;
const HEIGHT: f64 = 36.0;
const TRACK_Y: f64 = 20.0;
const TRACK_H: f64 = 10.0;

fn x(fraction: f64) -> String {
    format!("{:.1}", 6.0 + fraction * (WIDTH - 12.0))
}

#[function_component]
pub fn RangeBar(props: &RangeBarProps) -> Html {
    if props.low.is_none() && props.high.is_none() {
        return Html::default();
    }
    let span = bar_span(props.value, props.low, props.high);
    let band_from = props.low.map_or(0.0, |l| span.fraction(l));
    let band_to = props.high.map_or(1.0, |h| span.fraction(h));
    let at = span.fraction(props.value);
    let marker_class = if props.flag.is_abnormal() { "range-marker outside" } else { "range-marker" };
    let (mx, band_x) = (x(at), x(band_from));
    let band_w = format!("{:.1}", (band_to - band_from) * (WIDTH - 12.0));
    // A downward triangle above the track, and a line through it to the value.
    let tip = TRACK_Y + TRACK_H;
    let marker = format!("M {mx} {tip} L {} 4 L {} 4 Z", x(at - 0.03), x(at + 0.03));
    html! {
        <svg class="range-bar" viewBox={format!("0 0 {WIDTH} {HEIGHT}")} aria-hidden="true" focusable="false">
            <rect class="range-track" x="6" y={TRACK_Y.to_string()} width={(WIDTH - 12.0).to_string()} height={TRACK_H.to_string()} rx="5" />
            <rect class="range-normal" x={band_x} y={TRACK_Y.to_string()} width={band_w} height={TRACK_H.to_string()} />
            <path class={marker_class} d={marker} />
        </svg>
    }
}
