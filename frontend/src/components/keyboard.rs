//! The keyboard moves the kit's composite widgets share (APG "keyboard interaction" sections):
//! arrows, Home and End over a row or column of items, and type-ahead to the next item whose
//! name starts with what was typed.

use wasm_bindgen::JsCast as _;
use web_sys::HtmlElement;

/// A move through a list of items, asked for by a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Move {
    Next,
    Previous,
    First,
    Last,
}

/// How a widget's items are laid out, which decides the arrows that move through them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Axis {
    /// Left and right arrows (a tab list).
    Horizontal,
    /// Up and down arrows (a menu, a listbox).
    Vertical,
}

impl Move {
    /// The move `key` (a `KeyboardEvent.key`) asks for along `axis`, if any.
    pub fn from_key(key: &str, axis: Axis) -> Option<Self> {
        match (key, axis) {
            ("ArrowDown", Axis::Vertical) | ("ArrowRight", Axis::Horizontal) => Some(Self::Next),
            ("ArrowUp", Axis::Vertical) | ("ArrowLeft", Axis::Horizontal) => Some(Self::Previous),
            ("Home", _) => Some(Self::First),
            ("End", _) => Some(Self::Last),
            _ => None,
        }
    }

    /// Where the move lands among `len` items from `current`. With nothing current yet, Next
    /// lands on the first item and Previous on the last. At either end the move wraps around
    /// when `wrap`, else stays put. `None` only when there are no items.
    pub fn apply(self, current: Option<usize>, len: usize, wrap: bool) -> Option<usize> {
        let last = len.checked_sub(1)?;
        Some(match (self, current) {
            (Self::First, _) | (Self::Next, None) => 0,
            (Self::Last, _) | (Self::Previous, None) => last,
            (Self::Next, Some(at)) if at >= last => {
                if wrap {
                    0
                } else {
                    last
                }
            }
            (Self::Next, Some(at)) => at + 1,
            (Self::Previous, Some(0)) => {
                if wrap {
                    last
                } else {
                    0
                }
            }
            (Self::Previous, Some(at)) => (at - 1).min(last),
        })
    }
}

/// The character a key press types, if it types one without a command key held (Ctrl, Alt
/// or Meta with a letter are shortcuts, not typing). Space is not typing here: it activates.
pub fn typed_char(key: &str, ctrl: bool, alt: bool, meta: bool) -> Option<char> {
    let mut chars = key.chars();
    let ch = chars.next()?;
    (chars.next().is_none() && !ctrl && !alt && !meta && !ch.is_whitespace()).then_some(ch)
}

/// How long a pause in typing starts a new search (APG suggests about half a second).
const TYPE_AHEAD_PAUSE_MS: f64 = 500.0;

/// The characters typed in quick succession, for type-ahead that matches more than one letter.
#[derive(Debug, Default)]
pub struct TypeAhead {
    typed: String,
    at_ms: f64,
}

impl TypeAhead {
    /// Adds `ch`, typed at `now_ms`, and returns everything typed since the last pause.
    pub fn push(&mut self, ch: char, now_ms: f64) -> &str {
        if now_ms - self.at_ms > TYPE_AHEAD_PAUSE_MS {
            self.typed.clear();
        }
        self.typed.push(ch);
        self.at_ms = now_ms;
        &self.typed
    }
}

/// Lower case without the accents Spanish puts on vowels, so "a" finds "Ávila"; ñ stays a
/// letter of its own, as Spanish readers expect.
fn fold(text: &str) -> String {
    text.chars()
        .flat_map(char::to_lowercase)
        .map(|ch| match ch {
            'á' | 'à' | 'â' | 'ä' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'í' | 'ì' | 'î' | 'ï' => 'i',
            'ó' | 'ò' | 'ô' | 'ö' => 'o',
            'ú' | 'ù' | 'û' | 'ü' => 'u',
            other => other,
        })
        .collect()
}

/// The item whose label starts with `typed`, searching the labels in order from `current` and
/// wrapping around. One letter (or the same letter again and again) searches from the item
/// after `current`, so repeating a letter cycles through the items starting with it; several
/// different letters search from `current` itself, so typing on refines the match in place.
pub fn find_by_prefix<S: AsRef<str>>(labels: &[S], current: Option<usize>, typed: &str) -> Option<usize> {
    let typed = fold(typed);
    let mut letters = typed.chars();
    let first = letters.next()?;
    let same_letter = letters.all(|ch| ch == first);
    let query = if same_letter { first.to_string() } else { typed };
    let len = labels.len();
    let start = match current {
        Some(at) if same_letter => at + 1,
        Some(at) => at,
        None => 0,
    };
    (0..len).map(|offset| (start + offset) % len).find(|&at| fold(labels[at].as_ref()).starts_with(&query))
}

/// Moves focus to the element with `id`, if it is on the page.
pub fn focus_id(id: &str) {
    let element = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<HtmlElement>().ok());
    if let Some(element) = element {
        let _ = element.focus();
    }
}

/// The id of the focused element, if any.
pub fn focused_id() -> Option<String> {
    web_sys::window().and_then(|w| w.document()).and_then(|d| d.active_element()).map(|e| e.id())
}

/// The current time in milliseconds, for type-ahead's pauses.
pub fn now_ms() -> f64 {
    js_sys::Date::now()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arrows_move_along_their_axis_only() {
        assert_eq!(Move::from_key("ArrowRight", Axis::Horizontal), Some(Move::Next));
        assert_eq!(Move::from_key("ArrowDown", Axis::Horizontal), None);
        assert_eq!(Move::from_key("ArrowUp", Axis::Vertical), Some(Move::Previous));
        assert_eq!(Move::from_key("End", Axis::Vertical), Some(Move::Last));
        assert_eq!(Move::from_key("a", Axis::Vertical), None);
    }

    #[test]
    fn moves_wrap_at_the_ends_only_when_asked() {
        assert_eq!(Move::Next.apply(Some(2), 3, true), Some(0));
        assert_eq!(Move::Next.apply(Some(2), 3, false), Some(2));
        assert_eq!(Move::Previous.apply(Some(0), 3, true), Some(2));
        assert_eq!(Move::Previous.apply(Some(0), 3, false), Some(0));
        assert_eq!(Move::Next.apply(Some(0), 3, false), Some(1));
        assert_eq!(Move::Last.apply(Some(0), 3, false), Some(2));
        assert_eq!(Move::First.apply(Some(2), 3, false), Some(0));
    }

    #[test]
    fn a_first_move_lands_on_an_end_and_an_empty_list_goes_nowhere() {
        assert_eq!(Move::Next.apply(None, 3, true), Some(0));
        assert_eq!(Move::Previous.apply(None, 3, true), Some(2));
        assert_eq!(Move::Next.apply(Some(0), 0, true), None);
        assert_eq!(
            Move::Previous.apply(Some(7), 3, false),
            Some(2),
            "a stale position is brought back in range"
        );
    }

    #[test]
    fn only_plain_characters_count_as_typing() {
        assert_eq!(typed_char("a", false, false, false), Some('a'));
        assert_eq!(typed_char("Ñ", false, false, false), Some('Ñ'));
        assert_eq!(typed_char("a", true, false, false), None);
        assert_eq!(typed_char(" ", false, false, false), None);
        assert_eq!(typed_char("ArrowDown", false, false, false), None);
    }

    #[test]
    fn typing_fast_builds_a_word_and_a_pause_starts_again() {
        let mut typed = TypeAhead::default();
        assert_eq!(typed.push('a', 1_000.0), "a");
        assert_eq!(typed.push('t', 1_200.0), "at");
        assert_eq!(typed.push('i', 2_000.0), "i");
    }

    #[test]
    fn one_letter_finds_the_next_item_starting_with_it_and_wraps() {
        let labels = ["Apples", "Bananas", "Avocados", "Cherries"];
        assert_eq!(find_by_prefix(&labels, Some(0), "a"), Some(2));
        assert_eq!(find_by_prefix(&labels, Some(2), "a"), Some(0));
        assert_eq!(find_by_prefix(&labels, None, "c"), Some(3));
        assert_eq!(find_by_prefix(&labels, Some(0), "z"), None);
        assert_eq!(find_by_prefix(&labels, Some(0), "aaa"), Some(2), "a repeated letter keeps cycling");
    }

    #[test]
    fn several_letters_refine_the_match_from_the_current_item() {
        let labels = ["Apples", "Avocados", "Avenues"];
        assert_eq!(find_by_prefix(&labels, Some(1), "av"), Some(1));
        assert_eq!(find_by_prefix(&labels, Some(1), "ave"), Some(2));
    }

    #[test]
    fn accents_do_not_hide_a_match_but_n_and_enye_differ() {
        let labels = ["Óscar", "Ávila", "Ñandú", "Nadia"];
        assert_eq!(find_by_prefix(&labels, None, "a"), Some(1));
        assert_eq!(find_by_prefix(&labels, None, "o"), Some(0));
        assert_eq!(find_by_prefix(&labels, None, "n"), Some(3));
        assert_eq!(find_by_prefix(&labels, None, "ñ"), Some(2));
    }
}
