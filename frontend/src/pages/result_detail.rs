//! One test result: when it was taken and who ordered it, then each value — the number and unit,
//! the flag in words (and by an icon and colour), the normal range in words and as a bar — with
//! "What this test checks" in plain words and a MedlinePlus link, and, for a test done before,
//! its past values as a chart or a table. Opening the page marks the result as read.

use std::rc::Rc;

use shared::chart::{HistoryPoint, ResultDetail, ResultHistory, ResultValue};
use yew::prelude::*;

use super::results::{flag_class, flag_words, test_names, value_words};
use crate::api;
use crate::components::{
    Column, Disclosure, FetchView, RangeBar, RecordPage, SortKind, SortableTable, Tab, Tabs, TestGuide,
    TrendChart, item_body, with_unit,
};
use crate::format;
use crate::hooks::{loaded, use_fetch_with, use_record_item};
use crate::i18n::{Translations, use_i18n};
use crate::route::Route;

#[derive(Debug, Properties, PartialEq)]
pub struct ResultDetailPageProps {
    pub id: AttrValue,
}

#[function_component]
pub fn ResultDetailPage(props: &ResultDetailPageProps) -> Html {
    let i18n = use_i18n();
    let detail =
        use_record_item(
            props.id.clone(),
            |patient_id, id| async move { api::result(&patient_id, &id).await },
        );
    let title =
        loaded(&detail.state).map_or_else(|| i18n.t("result-title"), |d| test_names(&i18n, &d.name).0);
    let render = item_body(&detail, |patient_id, detail| html! { <ResultView {patient_id} {detail} /> });
    html! { <RecordPage {title} {render} /> }
}

#[derive(Debug, Properties, PartialEq)]
struct ResultViewProps {
    patient_id: AttrValue,
    detail: Rc<ResultDetail>,
}

/// A result's status in words, when it is not simply final.
fn status_words(i18n: &Translations, status: &str) -> Option<String> {
    match status {
        "preliminary" | "partial" | "registered" => Some(i18n.t("result-status-preliminary")),
        "amended" | "corrected" | "appended" => Some(i18n.t("result-status-corrected")),
        "cancelled" | "entered-in-error" => Some(i18n.t("result-status-cancelled")),
        _ => None,
    }
}

#[function_component]
fn ResultView(props: &ResultViewProps) -> Html {
    let i18n = use_i18n();
    let lang = i18n.lang();
    let detail = &props.detail;
    let when = detail.effective_at.as_deref().or(detail.issued_at.as_deref());
    let single = detail.values.len() == 1;
    let lab_name = test_names(&i18n, &detail.name).1;
    html! {
        <>
            if let Some(lab_name) = lab_name { <p class="lab-name">{ i18n.t_with("result-lab-name", &[("name", &lab_name)]) }</p> }
            <p class="back"><crate::components::NavLink to={Route::Results}>{ i18n.t("result-back") }</crate::components::NavLink></p>
            <dl class="facts">
                if let Some(when) = when {
                    <div><dt>{ i18n.t("result-taken") }</dt><dd>{ format::date_time(lang, when) }</dd></div>
                }
                if let Some(issued) = &detail.issued_at {
                    <div><dt>{ i18n.t("result-issued") }</dt><dd>{ format::date_time(lang, issued) }</dd></div>
                }
                if let Some(by) = &detail.ordered_by {
                    <div><dt>{ i18n.t("result-ordered-by") }</dt><dd>{ by }</dd></div>
                }
                if let Some(status) = status_words(&i18n, &detail.status) {
                    <div><dt>{ i18n.t("result-status") }</dt><dd>{ status }</dd></div>
                }
            </dl>
            if !single {
                <TestGuide id="guide-panel" name={detail.name.clone()} />
            }
            <div class="values">
                { for detail.values.iter().enumerate().map(|(index, value)| html! {
                    <ValueCard key={value.observation_id.clone()} patient_id={props.patient_id.clone()} {index} value={value.clone()} {single} />
                }) }
            </div>
            if let Some(conclusion) = &detail.conclusion {
                <section aria-labelledby="result-conclusion">
                    <h2 id="result-conclusion">{ i18n.t("result-conclusion") }</h2>
                    <p class="prose">{ conclusion }</p>
                </section>
            }
            if let Some(note) = &detail.note {
                <section aria-labelledby="result-note">
                    <h2 id="result-note">{ i18n.t("result-note") }</h2>
                    <p class="prose">{ note }</p>
                </section>
            }
        </>
    }
}

/// "Normal range: 4.0 to 5.6 %", in words, from the numbers or the lab's own text.
pub fn range_words(i18n: &Translations, value: &ResultValue) -> Option<String> {
    let unit = value.unit.as_deref();
    match (value.ref_low, value.ref_high) {
        (Some(low), Some(high)) => Some(i18n.t_with(
            "range-between",
            &[("low", &with_unit(i18n, low, unit)), ("high", &with_unit(i18n, high, unit))],
        )),
        (None, Some(high)) => Some(i18n.t_with("range-below", &[("high", &with_unit(i18n, high, unit))])),
        (Some(low), None) => Some(i18n.t_with("range-above", &[("low", &with_unit(i18n, low, unit))])),
        (None, None) => value.ref_text.as_ref().map(|text| i18n.t_with("range-text", &[("range", text)])),
    }
}

#[derive(Debug, Properties, PartialEq)]
struct ValueCardProps {
    patient_id: AttrValue,
    index: usize,
    value: ResultValue,
    /// The result is this one test: its name is the page's heading already.
    single: bool,
}

#[function_component]
fn ValueCard(props: &ValueCardProps) -> Html {
    let i18n = use_i18n();
    let value = &props.value;
    let heading_id = format!("value-{}", props.index);
    let shown = value_words(&i18n, value.value_num, value.value_text.as_deref(), value.unit.as_deref())
        .unwrap_or_else(|| i18n.t("result-no-value"));
    let flag = flag_words(&i18n, value.flag);
    let (plain, lab_name) = test_names(&i18n, &value.name);
    let heading = if props.single { i18n.t("result-your-value") } else { plain.clone() };
    let lab_name = lab_name.filter(|_| !props.single);
    html! {
        <section class="value-card" aria-labelledby={heading_id.clone()}>
            <h2 id={heading_id.clone()}>{ heading }</h2>
            if let Some(lab_name) = lab_name { <p class="lab-name">{ lab_name }</p> }
            <p class="value-line">
                <span class="value">{ shown }</span>
                if let Some(words) = flag {
                    {" "}<span class={flag_class(value.flag)}>{ words }</span>
                }
            </p>
            if let Some(range) = range_words(&i18n, value) {
                <p class="range">{ range }</p>
            }
            if let Some(number) = value.value_num {
                <RangeBar value={number} low={value.ref_low} high={value.ref_high} flag={value.flag} />
            }
            if let Some(code) = &value.name.code {
                <TestGuide id={format!("guide-{}", props.index)} name={value.name.clone()} flag={value.flag} />
                if value.has_history && value.value_num.is_some() {
                    <Disclosure id={format!("history-{}", props.index)} label={i18n.t("result-history")}>
                        <History patient_id={props.patient_id.clone()} code={code.clone()} name={plain.clone()} id={format!("trend-{}", props.index)} />
                    </Disclosure>
                }
            }
        </section>
    }
}

#[derive(Debug, Properties, PartialEq)]
struct HistoryProps {
    patient_id: AttrValue,
    code: AttrValue,
    name: AttrValue,
    id: AttrValue,
}

/// A test's past values: a chart, or the same values as a table.
#[function_component]
fn History(props: &HistoryProps) -> Html {
    let history =
        use_fetch_with((props.patient_id.clone(), props.code.clone()), |(patient_id, code)| async move {
            api::result_history(&patient_id, &code).await
        });
    let render = {
        let (id, name) = (props.id.clone(), props.name.clone());
        Callback::from(
            move |history: Rc<ResultHistory>| html! { <HistoryTabs id={id.clone()} name={name.clone()} {history} /> },
        )
    };
    html! { <FetchView<ResultHistory> state={history.state} retry={history.retry} {render} /> }
}

#[derive(Debug, Properties, PartialEq)]
struct HistoryTabsProps {
    id: AttrValue,
    name: AttrValue,
    history: Rc<ResultHistory>,
}

#[function_component]
fn HistoryTabs(props: &HistoryTabsProps) -> Html {
    let i18n = use_i18n();
    let lang = i18n.lang();
    let points = Rc::new(props.history.points.clone());
    let unit: Option<AttrValue> = props.history.unit.clone().map(AttrValue::from);
    let chart = html! { <TrendChart id={props.id.clone()} name={props.name.clone()} unit={unit.clone()} points={points.clone()} /> };
    let unit_text = props.history.unit.clone();
    let value_words = {
        let i18n = i18n.clone();
        move |p: &HistoryPoint| html! { { with_unit(&i18n, p.value, unit_text.as_deref()) } }
    };
    let flag_cell = {
        let i18n = i18n.clone();
        move |p: &HistoryPoint| html! { { flag_words(&i18n, p.flag).unwrap_or_default() } }
    };
    let columns = Rc::new(vec![
        Column::new(
            i18n.t("history-date"),
            move |p: &HistoryPoint| html! { { format::date(lang, &p.effective_at) } },
        )
        .sort_by(SortKind::Date, |p: &HistoryPoint| p.effective_at.clone()),
        Column::new(i18n.t("history-value"), value_words)
            .sort_by(SortKind::Number, |p: &HistoryPoint| ordered(p.value)),
        Column::new(i18n.t("history-flag"), flag_cell),
    ]);
    let mut newest_first = props.history.points.clone();
    newest_first.reverse();
    let table = html! {
        <SortableTable<HistoryPoint>
            id={format!("{}-table", props.id)}
            caption={i18n.t_with("history-caption", &[("name", &props.name)])}
            {columns}
            rows={Rc::new(newest_first)}
        />
    };
    let tabs = vec![
        Tab::new("chart", i18n.t("history-chart"), chart),
        Tab::new("table", i18n.t("history-table"), table),
    ];
    html! { <Tabs id={format!("{}-tabs", props.id)} label={i18n.t_with("history-tabs", &[("name", &props.name)])} {tabs} /> }
}

/// A float as an `Ord` key (values are finite numbers from the lab).
fn ordered(value: f64) -> i64 {
    #[expect(clippy::cast_possible_truncation, reason = "lab values are far below 2^53 / 1e6")]
    let key = (value * 1_000_000.0).round() as i64;
    key
}
