//! `SortableTable`: a table of rows of any type whose sortable columns have a button in their
//! header (APG Sortable Table): pressing it sorts by that column, pressing again reverses, the
//! sorted column carries `aria-sort`, and the new order is said politely. The table scrolls
//! sideways in its own keyboard-reachable region on narrow screens.

use std::cmp::Ordering;
use std::fmt;
use std::rc::Rc;

use yew::prelude::*;

use super::live_region::use_announce;
use crate::i18n::use_i18n;

/// What a column holds, which decides how its order is put in words ("A to Z", "low to high",
/// "oldest first").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortKind {
    Text,
    Number,
    Date,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortDirection {
    Ascending,
    Descending,
}

impl SortDirection {
    const fn aria(self) -> &'static str {
        match self {
            Self::Ascending => "ascending",
            Self::Descending => "descending",
        }
    }

    const fn reversed(self) -> Self {
        match self {
            Self::Ascending => Self::Descending,
            Self::Descending => Self::Ascending,
        }
    }
}

/// Which column the rows are sorted by (its index among the columns), and which way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SortState {
    pub column: usize,
    pub direction: SortDirection,
}

type Render<R> = Rc<dyn Fn(&R) -> Html>;
type Compare<R> = Rc<dyn Fn(&R, &R) -> Ordering>;

/// One column: its header, how a row's cell looks, and, if it sorts, by what.
pub struct Column<R> {
    header: AttrValue,
    render: Render<R>,
    sort: Option<(SortKind, Compare<R>)>,
}

impl<R: 'static> Column<R> {
    /// A column headed `header` (already in the reader's language) whose cells `render` draws.
    pub fn new(header: impl Into<AttrValue>, render: impl Fn(&R) -> Html + 'static) -> Self {
        Self { header: header.into(), render: Rc::new(render), sort: None }
    }

    /// Makes the column sortable by `key`, ascending meaning `key`'s own order (for dates,
    /// oldest first).
    #[must_use]
    pub fn sort_by<K: Ord>(mut self, kind: SortKind, key: impl Fn(&R) -> K + 'static) -> Self {
        self.sort = Some((kind, Rc::new(move |a: &R, b: &R| key(a).cmp(&key(b)))));
        self
    }
}

impl<R> Clone for Column<R> {
    fn clone(&self) -> Self {
        Self { header: self.header.clone(), render: Rc::clone(&self.render), sort: self.sort.clone() }
    }
}

/// Columns are equal when they are the same column: closures compare by identity.
impl<R> PartialEq for Column<R> {
    fn eq(&self, other: &Self) -> bool {
        let same_sort = match (&self.sort, &other.sort) {
            (None, None) => true,
            (Some((a_kind, a)), Some((b_kind, b))) => a_kind == b_kind && Rc::ptr_eq(a, b),
            _ => false,
        };
        self.header == other.header && Rc::ptr_eq(&self.render, &other.render) && same_sort
    }
}

impl<R> fmt::Debug for Column<R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Column")
            .field("header", &self.header)
            .field("sort", &self.sort.as_ref().map(|(kind, _)| kind))
            .finish_non_exhaustive()
    }
}

#[derive(Properties)]
pub struct SortableTableProps<R: 'static> {
    /// Unique on the page: the table's id; its caption is `{id}-caption`.
    pub id: AttrValue,
    /// What the table shows, already in the reader's language; it also names the scrolling
    /// region around the table.
    pub caption: AttrValue,
    /// The first column's cells are the rows' headers (`<th scope="row">`).
    pub columns: Rc<Vec<Column<R>>>,
    pub rows: Rc<Vec<R>>,
    /// The order at first; by default the rows' own.
    #[prop_or_default]
    pub initial_sort: Option<SortState>,
    /// Extra classes for the `<table>`.
    #[prop_or_default]
    pub class: Classes,
}

impl<R> PartialEq for SortableTableProps<R> {
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id
            && self.caption == other.caption
            && (Rc::ptr_eq(&self.columns, &other.columns) || self.columns == other.columns)
            && Rc::ptr_eq(&self.rows, &other.rows)
            && self.initial_sort == other.initial_sort
            && self.class == other.class
    }
}

/// The rows' indices in the order `sort` asks for; rows that compare equal keep their order.
fn sorted_order<R>(columns: &[Column<R>], rows: &[R], sort: Option<SortState>) -> Vec<usize> {
    let mut order: Vec<usize> = (0..rows.len()).collect();
    let compare =
        sort.and_then(|sort| Some((columns.get(sort.column)?.sort.as_ref()?.1.clone(), sort.direction)));
    if let Some((compare, direction)) = compare {
        order.sort_by(|&a, &b| match direction {
            SortDirection::Ascending => compare(&rows[a], &rows[b]),
            SortDirection::Descending => compare(&rows[b], &rows[a]),
        });
    }
    order
}

/// The message key saying how a column of `kind` is now ordered.
const fn sorted_key(kind: SortKind, direction: SortDirection) -> &'static str {
    match (kind, direction) {
        (SortKind::Text, SortDirection::Ascending) => "kit-sorted-text-ascending",
        (SortKind::Text, SortDirection::Descending) => "kit-sorted-text-descending",
        (SortKind::Number, SortDirection::Ascending) => "kit-sorted-number-ascending",
        (SortKind::Number, SortDirection::Descending) => "kit-sorted-number-descending",
        (SortKind::Date, SortDirection::Ascending) => "kit-sorted-date-ascending",
        (SortKind::Date, SortDirection::Descending) => "kit-sorted-date-descending",
    }
}

#[function_component]
pub fn SortableTable<R: 'static>(props: &SortableTableProps<R>) -> Html {
    let i18n = use_i18n();
    let announce = use_announce();
    let sort = use_state_eq(|| props.initial_sort);
    let order = sorted_order(&props.columns, &props.rows, *sort);
    let caption_id = format!("{}-caption", props.id);
    let any_sortable = props.columns.iter().any(|column| column.sort.is_some());

    let headers = props.columns.iter().enumerate().map(|(index, column)| {
        let aria_sort =
            (*sort).filter(|s| s.column == index && column.sort.is_some()).map(|s| s.direction.aria());
        let Some((kind, _)) = &column.sort else {
            return html! { <th scope="col">{ column.header.clone() }</th> };
        };
        let onclick = {
            let (sort, announce, i18n, kind) = (sort.clone(), announce.clone(), i18n.clone(), *kind);
            let header = column.header.clone();
            Callback::from(move |_: MouseEvent| {
                let direction = match *sort {
                    Some(current) if current.column == index => current.direction.reversed(),
                    _ => SortDirection::Ascending,
                };
                sort.set(Some(SortState { column: index, direction }));
                announce.emit(i18n.t_with(sorted_key(kind, direction), &[("name", &header)]));
            })
        };
        html! {
            <th scope="col" aria-sort={aria_sort}>
                <button type="button" class="sort-button" {onclick}>
                    { column.header.clone() }
                    <span class="sort-icon" aria-hidden="true"></span>
                </button>
            </th>
        }
    });
    let rows = order.into_iter().map(|index| {
        let row = &props.rows[index];
        let cells = props.columns.iter().enumerate().map(|(at, column)| {
            let cell = (column.render)(row);
            if at == 0 {
                html! { <th scope="row">{ cell }</th> }
            } else {
                html! { <td>{ cell }</td> }
            }
        });
        // Keyed by the row's place in `rows`, so sorting moves rows instead of redrawing them.
        html! { <tr key={index}>{ for cells }</tr> }
    });
    html! {
        // A wide table scrolls sideways on a phone; the region lets a keyboard scroll it too.
        <div class="table-scroll" role="region" aria-labelledby={caption_id.clone()} tabindex="0">
            <table id={props.id.clone()} class={classes!("sortable-table", props.class.clone())}>
                <caption id={caption_id}>
                    { props.caption.clone() }
                    if any_sortable {
                        <span class="visually-hidden">{ " " }{ i18n.t("kit-table-sort-hint") }</span>
                    }
                </caption>
                <thead><tr>{ for headers }</tr></thead>
                <tbody>{ for rows }</tbody>
            </table>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq)]
    struct Visit {
        who: &'static str,
        day: u32,
    }

    fn columns() -> Vec<Column<Visit>> {
        vec![
            Column::new("Who", |v: &Visit| html! { v.who }).sort_by(SortKind::Text, |v| v.who),
            Column::new("Day", |v: &Visit| html! { v.day }).sort_by(SortKind::Date, |v| v.day),
            Column::new("Note", |_: &Visit| html! {}),
        ]
    }

    fn visits() -> Vec<Visit> {
        vec![Visit { who: "Kim", day: 3 }, Visit { who: "Ana", day: 9 }, Visit { who: "Lee", day: 3 }]
    }

    #[test]
    fn rows_keep_their_own_order_until_sorted() {
        assert_eq!(sorted_order(&columns(), &visits(), None), vec![0, 1, 2]);
    }

    #[test]
    fn sorting_descending_reverses_but_ties_keep_their_order() {
        let ascending = SortState { column: 1, direction: SortDirection::Ascending };
        let descending = SortState { column: 1, direction: SortDirection::Descending };
        assert_eq!(sorted_order(&columns(), &visits(), Some(ascending)), vec![0, 2, 1]);
        assert_eq!(sorted_order(&columns(), &visits(), Some(descending)), vec![1, 0, 2]);
    }

    #[test]
    fn a_column_without_a_key_leaves_the_order_alone() {
        let by_note = SortState { column: 2, direction: SortDirection::Descending };
        assert_eq!(sorted_order(&columns(), &visits(), Some(by_note)), vec![0, 1, 2]);
        let out_of_range = SortState { column: 9, direction: SortDirection::Ascending };
        assert_eq!(sorted_order(&columns(), &visits(), Some(out_of_range)), vec![0, 1, 2]);
    }
}
