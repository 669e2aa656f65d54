//! Vaccines due: which routine vaccines a patient is due or overdue for, worked out from their
//! birth date and the vaccines in their record, and the route that lists them.
//!
//! [`due`] follows the CDC's routine schedules (ACIP), "Child and Adolescent Immunization
//! Schedule by Age, United States, 2025" and "Adult Immunization Schedule by Age, United States,
//! 2025", simplified:
//! - childhood series, with catch-up through 18 years: hepatitis B (birth, 1–2 and 6–18
//!   months), rotavirus (2, 4 and 6 months, or 2 doses of the monovalent vaccine; never started
//!   after 15 weeks nor given after 8 months), DTaP (2, 4, 6, 15–18 months and 4–6 years, until
//!   7), Hib (2, 4, 6 and 12–15 months, or 3 doses when the first two were PRP-OMP; one dose from
//!   15 months completes it; until 5), pneumococcal conjugate (2, 4, 6 and 12–15 months; one dose
//!   from 24 months completes it; until 5), polio (2, 4, 6–18 months and 4–6 years), MMR and
//!   varicella (12–15 months and 4–6 years), hepatitis A (2 doses 6 months apart from 12 months);
//! - at 11–12 years: Tdap, HPV (2 doses if started before 15, else 3; through 26) and MenACWY,
//!   with a MenACWY booster at 16 when the first dose came before 16;
//! - flu every season (August to June) from 6 months, overdue after October; two doses four weeks
//!   apart for a child under 9 who had fewer than two before July 1;
//! - adults: Td or Tdap every 10 years; recombinant zoster from 50 (2 doses, 2–6 months apart;
//!   the live vaccine, withdrawn in 2020, does not count, as CDC advises); pneumococcal at 65
//!   (done by PCV20 or PCV21, or by PCV13 or PCV15 and PPSV23, from 19 years); RSV once at 75.
//!   Zoster and RSV are due no earlier than ACIP first recommended them (2018-01-26 and
//!   2024-06-26), so an 84-year-old is not told RSV was due in 2017.
//!
//! A dose is due from the earliest age the schedule gives (or the interval after the previous
//! dose) and overdue past the end of its recommended ages; boosters and adult doses are overdue
//! a year after they fell due. Every CVX code of a family counts, combinations for each disease
//! they cover.
//!
//! Left out: recommendations for high-risk conditions (immunocompromise, asplenia, chronic
//! heart, lung, liver or kidney disease, diabetes), pregnancy (Tdap, RSV), travel and work;
//! contraindications and precautions; shared clinical decision-making (COVID-19, MenB, HPV from
//! 27, RSV from 50 to 74); catch-up of childhood vaccines in adults (hepatitis A and B, MMR,
//! varicella, polio); minimum ages and intervals of doses already given (every recorded dose
//! counts). The list prompts a talk with the care team; it is not a clinical decision.

use axum::extract::{Path, State};
use jiff::ToSpan as _;
use jiff::civil::Date;
use shared::chart::{DueStatus, VaccineDue, VaccineFamily};

use crate::AppState;
use crate::auth::{Access, Caller};
use crate::error::{ApiJson, ApiResult};

/// A vaccine in the record: its CVX code and the day it was given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Given {
    pub cvx: String,
    pub on: Date,
}

/// The families a CVX code gives a dose of (none for codes outside the routine schedule, immune
/// globulins and monoclonal antibodies). Codes are read as numbers, so `08` and `8` agree.
/// Checked against CDC's CVX table as of 2025-09.
fn families(cvx: &str) -> &'static [VaccineFamily] {
    cvx.trim().parse().map_or(&[], families_of)
}

/// The families of a vaccine as the record codes it: none unless the code is CVX.
pub(super) fn families_of_code(system: Option<&str>, code: Option<&str>) -> Vec<VaccineFamily> {
    match (system, code) {
        (Some(system), Some(code)) if CVX_SYSTEMS.contains(&system) => families(code).to_vec(),
        _ => Vec::new(),
    }
}

/// [`families`] of a CVX code read as a number.
fn families_of(code: u32) -> &'static [VaccineFamily] {
    use VaccineFamily::{
        Covid19, Dtap, Flu, HepatitisA, HepatitisB, Hib, Hpv, Meningococcal, Mmr, Pneumococcal, Polio,
        Rotavirus, Rsv, Shingles, Tdap, Varicella,
    };
    match code {
        8 | 42 | 43 | 44 | 45 | 189 | 220 => &[HepatitisB],
        51 => &[Hib, HepatitisB],
        102 | 198 => &[Dtap, Hib, HepatitisB],
        104 | 193 => &[HepatitisA, HepatitisB],
        110 => &[Dtap, HepatitisB, Polio],
        132 | 146 => &[Dtap, Polio, Hib, HepatitisB],
        74 | 116 | 119 | 122 => &[Rotavirus],
        1 | 20 | 28 | 106 | 107 => &[Dtap],
        22 | 50 => &[Dtap, Hib],
        120 | 170 => &[Dtap, Hib, Polio],
        130 => &[Dtap, Polio],
        17 | 46 | 47 | 48 | 49 => &[Hib],
        33 | 100 | 109 | 133 | 152 | 177 | 215 | 216 | 327 => &[Pneumococcal],
        2 | 10 | 89 | 178 | 179 | 182 | 324 => &[Polio],
        3 => &[Mmr],
        94 => &[Mmr, Varicella],
        21 => &[Varicella],
        31 | 52 | 83 | 84 | 85 | 169 => &[HepatitisA],
        15 | 16 | 88 | 111 | 135 | 140 | 141 | 144 | 149 | 150 | 151 | 153 | 155 | 158 | 161 | 166 | 168
        | 171 | 185 | 186 | 194 | 197 | 200 | 201 | 202 | 205 | 231 | 320 | 331 | 333 => &[Flu],
        207
        | 208
        | 210
        | 211
        | 212
        | 213
        | 217..=219
        | 221
        | 225..=230
        | 300..=302
        | 308..=313
        | 500..=521 => &[Covid19],
        9 | 113 | 115 | 138 | 139 | 196 => &[Tdap],
        62 | 118 | 137 | 165 => &[Hpv],
        108 | 114 | 136 | 147 | 203 | 316 | 328 => &[Meningococcal],
        187 | 188 => &[Shingles],
        303 | 304 | 305 | 314 | 326 => &[Rsv],
        _ => &[],
    }
}

/// An age or an interval.
#[derive(Debug, Clone, Copy)]
enum Span {
    Days(i32),
    Months(i32),
}

const fn weeks(n: i32) -> Span {
    Span::Days(n * 7)
}
const fn months(n: i32) -> Span {
    Span::Months(n)
}
const fn years(n: i32) -> Span {
    Span::Months(n * 12)
}

fn after(date: Date, span: Span) -> Date {
    let moved = match span {
        Span::Days(n) => date.checked_add(n.days()),
        // A month later keeps the day, or takes the month's last (Jan 31 + 1 month = Feb 28).
        Span::Months(n) => date.checked_add(n.months()),
    };
    moved.unwrap_or(Date::MAX)
}

/// One dose of a childhood series: the age it is due from, the age it is overdue after, and
/// the least time after the previous dose.
#[derive(Debug, Clone, Copy)]
struct Step {
    age: Span,
    late: Span,
    gap: Span,
}

const fn step(age: Span, late: Span, gap: Span) -> Step {
    Step { age, late, gap }
}

/// A childhood series: its doses, the age from which a dose counts, and the age after which it
/// is no longer given.
struct Series {
    family: VaccineFamily,
    steps: &'static [Step],
    counts_from: Span,
    until: Span,
    /// Codes of the family that are no dose of this series.
    skip: &'static [u32],
}

/// CVX of the pneumococcal polysaccharide vaccine (PPSV23).
const PPSV23: u32 = 33;

const HEPATITIS_B: Series = Series {
    family: VaccineFamily::HepatitisB,
    steps: &[
        step(months(0), months(1), weeks(0)),
        step(months(1), months(3), weeks(4)),
        step(months(6), months(19), weeks(8)),
    ],
    counts_from: months(0),
    until: years(19),
    skip: &[],
};
const ROTAVIRUS: Series = Series {
    family: VaccineFamily::Rotavirus,
    steps: &[
        step(months(2), months(3), weeks(0)),
        step(months(4), months(5), weeks(4)),
        step(months(6), months(7), weeks(4)),
    ],
    counts_from: months(0),
    until: months(8),
    skip: &[],
};
const DTAP: Series = Series {
    family: VaccineFamily::Dtap,
    steps: &[
        step(months(2), months(3), weeks(0)),
        step(months(4), months(5), weeks(4)),
        step(months(6), months(7), weeks(4)),
        step(months(15), months(19), months(6)),
        step(years(4), years(7), months(6)),
    ],
    counts_from: months(0),
    until: years(7),
    skip: &[],
};
const HIB: Series = Series {
    family: VaccineFamily::Hib,
    steps: &[
        step(months(2), months(3), weeks(0)),
        step(months(4), months(5), weeks(4)),
        step(months(6), months(7), weeks(4)),
        step(months(12), months(16), weeks(8)),
    ],
    counts_from: months(0),
    until: years(5),
    skip: &[],
};
/// Hib when the first two doses were PRP-OMP (CVX 49): no dose at 6 months.
const HIB_PRP_OMP: Series = Series {
    family: VaccineFamily::Hib,
    steps: &[
        step(months(2), months(3), weeks(0)),
        step(months(4), months(5), weeks(4)),
        step(months(12), months(16), weeks(8)),
    ],
    counts_from: months(0),
    until: years(5),
    skip: &[],
};
const PNEUMOCOCCAL_CONJUGATE: Series = Series {
    family: VaccineFamily::Pneumococcal,
    steps: &[
        step(months(2), months(3), weeks(0)),
        step(months(4), months(5), weeks(4)),
        step(months(6), months(7), weeks(4)),
        step(months(12), months(16), weeks(8)),
    ],
    counts_from: months(0),
    until: years(5),
    // The polysaccharide vaccine is no dose of the conjugate series.
    skip: &[PPSV23],
};
const POLIO: Series = Series {
    family: VaccineFamily::Polio,
    steps: &[
        step(months(2), months(3), weeks(0)),
        step(months(4), months(5), weeks(4)),
        step(months(6), months(19), weeks(4)),
        step(years(4), years(7), months(6)),
    ],
    counts_from: months(0),
    until: years(18),
    skip: &[],
};
const MMR: Series = Series {
    family: VaccineFamily::Mmr,
    steps: &[step(months(12), months(16), weeks(0)), step(years(4), years(7), weeks(4))],
    counts_from: months(12),
    until: years(19),
    skip: &[],
};
const VARICELLA: Series = Series {
    family: VaccineFamily::Varicella,
    steps: &[step(months(12), months(16), weeks(0)), step(years(4), years(7), months(3))],
    counts_from: months(12),
    until: years(19),
    skip: &[],
};
const HEPATITIS_A: Series = Series {
    family: VaccineFamily::HepatitisA,
    steps: &[step(months(12), months(24), weeks(0)), step(months(18), months(24), months(6))],
    counts_from: months(12),
    until: years(19),
    skip: &[],
};

/// The next dose of a series, once due.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Next {
    dose: usize,
    doses: usize,
    due: Date,
    late: Date,
}

/// A patient's vaccine history, as of one day.
struct History {
    birth: Date,
    today: Date,
    /// Every dose given up to today: its CVX code (as a number) and day, oldest first.
    doses: Vec<(u32, Date)>,
}

impl History {
    fn age(&self, span: Span) -> Date {
        after(self.birth, span)
    }

    /// The days `family` was given on or after the age `from`, oldest first, with their codes.
    fn of(&self, family: VaccineFamily, from: Span) -> Vec<(u32, Date)> {
        let start = self.age(from);
        self.doses
            .iter()
            .filter(|(code, on)| *on >= start && families_of(*code).contains(&family))
            .copied()
            .collect()
    }

    /// The series' next dose (and its number), unless it is complete or no longer given.
    /// `complete` says whether what was given already completes it; `final_from` is the age from
    /// which one more dose completes it (catch-up of Hib and PCV).
    fn series(
        &self,
        series: &Series,
        complete: impl Fn(&[(u32, Date)]) -> bool,
        final_from: Option<Span>,
    ) -> Option<Next> {
        if self.today >= self.age(series.until) {
            return None;
        }
        let mut given = self.of(series.family, series.counts_from);
        given.retain(|(code, _)| !series.skip.contains(code));
        if given.len() >= series.steps.len() || complete(&given) {
            return None;
        }
        let n = given.len();
        let step = series.steps[n];
        let by_age = self.age(step.age);
        let due = given.last().map_or(by_age, |&(_, last)| by_age.max(after(last, step.gap)));
        let late = self.age(step.late).max(after(due, months(1)));
        let last_dose = final_from.is_some_and(|age| self.today >= self.age(age));
        Some(Next { dose: n + 1, doses: if last_dose { n + 1 } else { series.steps.len() }, due, late })
    }
}

fn item(family: VaccineFamily, next: Next, counted: bool, today: Date) -> Option<VaccineDue> {
    if today < next.due {
        return None;
    }
    let number = |n: usize| u32::try_from(n).ok();
    Some(VaccineDue {
        family,
        status: if today >= next.late { DueStatus::Overdue } else { DueStatus::Due },
        dose: if counted { number(next.dose) } else { None },
        doses: if counted { number(next.doses) } else { None },
        due_since: next.due.to_string(),
    })
}

/// The vaccines due or overdue `today` for someone born on `birth` who was given `given`
/// (doses after `today` are ignored): overdue first, then due, each oldest first.
pub fn due(birth: Date, given: &[Given], today: Date) -> Vec<VaccineDue> {
    if today < birth {
        return Vec::new();
    }
    let mut doses: Vec<(u32, Date)> = given
        .iter()
        .filter(|g| g.on <= today && g.on >= birth && !families(&g.cvx).is_empty())
        .filter_map(|g| g.cvx.trim().parse().ok().map(|code| (code, g.on)))
        .collect();
    doses.sort_by_key(|&(code, on)| (on, code));
    let h = History { birth, today, doses };
    let mut out: Vec<VaccineDue> = Vec::new();
    let mut push = |family: VaccineFamily, next: Option<Next>, counted: bool| {
        out.extend(next.and_then(|next| item(family, next, counted, today)));
    };
    let never = |_: &[(u32, Date)]| false;

    push(VaccineFamily::HepatitisB, h.series(&HEPATITIS_B, never, None), true);
    push(VaccineFamily::Rotavirus, rotavirus(&h), true);
    // A fourth dose at 4 years or older makes the fifth unnecessary.
    let dtap_done = |g: &[(u32, Date)]| g.len() >= 4 && g[3].1 >= h.age(years(4));
    push(VaccineFamily::Dtap, h.series(&DTAP, dtap_done, None), true);
    push(VaccineFamily::Hib, hib(&h), true);
    let pcv_done = |g: &[(u32, Date)]| g.iter().any(|&(_, on)| on >= h.age(months(24)));
    push(VaccineFamily::Pneumococcal, h.series(&PNEUMOCOCCAL_CONJUGATE, pcv_done, Some(months(24))), true);
    // A third dose at 4 years or older, 6 months after the second, is the last.
    let polio_done =
        |g: &[(u32, Date)]| g.len() >= 3 && g[2].1 >= h.age(years(4)) && g[2].1 >= after(g[1].1, months(6));
    push(VaccineFamily::Polio, h.series(&POLIO, polio_done, None), true);
    push(VaccineFamily::Mmr, h.series(&MMR, never, None), true);
    push(VaccineFamily::Varicella, h.series(&VARICELLA, never, None), true);
    push(VaccineFamily::HepatitisA, h.series(&HEPATITIS_A, never, None), true);

    push(VaccineFamily::Tdap, Some(tdap(&h)), false);
    push(VaccineFamily::Hpv, hpv(&h), true);
    push(VaccineFamily::Meningococcal, meningococcal(&h), true);
    let (flu_next, flu_counted) = flu(&h).map_or((None, false), |(next, two)| (Some(next), two));
    push(VaccineFamily::Flu, flu_next, flu_counted);
    push(VaccineFamily::Shingles, shingles(&h), true);
    push(VaccineFamily::Pneumococcal, pneumococcal_adult(&h), false);
    push(VaccineFamily::Rsv, rsv(&h), false);

    out.sort_by(|a, b| {
        b.status.cmp(&a.status).then_with(|| a.due_since.cmp(&b.due_since)).then(a.family.cmp(&b.family))
    });
    out
}

fn rotavirus(h: &History) -> Option<Next> {
    let given = h.of(VaccineFamily::Rotavirus, months(0));
    // The series is not started after 14 weeks 6 days.
    if given.is_empty() && h.today >= h.age(weeks(15)) {
        return None;
    }
    // The monovalent vaccine (CVX 119) is a series of two.
    let monovalent = !given.is_empty() && given.iter().all(|&(code, _)| code == 119);
    h.series(&ROTAVIRUS, |g| monovalent && g.len() >= 2, None)
        .map(|next| if monovalent { Next { doses: 2, ..next } } else { next })
}

fn hib(h: &History) -> Option<Next> {
    let given = h.of(VaccineFamily::Hib, months(0));
    let prp_omp = given.len() >= 2 && given[..2].iter().all(|&(code, _)| code == 49);
    let series = if prp_omp { &HIB_PRP_OMP } else { &HIB };
    // A dose from 15 months on completes it.
    let done = |g: &[(u32, Date)]| g.iter().any(|&(_, on)| on >= h.age(months(15)));
    h.series(series, done, Some(months(15)))
}

/// Tetanus, diphtheria and pertussis from 10 years: Tdap at 11–12, then Td or Tdap every 10
/// years. Doses before 10 are the childhood series.
fn tdap(h: &History) -> Next {
    let last = h.of(VaccineFamily::Tdap, years(10)).last().map(|&(_, on)| on);
    let (due, late) = match last {
        None => (h.age(years(11)), h.age(years(13))),
        Some(on) => (after(on, years(10)), after(on, years(11))),
    };
    Next { dose: 1, doses: 1, due, late }
}

/// HPV through 26: two doses 6–12 months apart when started before 15, else three (0, 1–2 and
/// 6 months).
fn hpv(h: &History) -> Option<Next> {
    if h.today >= h.age(years(27)) {
        return None;
    }
    let given = h.of(VaccineFamily::Hpv, years(9));
    let before_15 = given.first().map_or(h.today < h.age(years(15)), |&(_, on)| on < h.age(years(15)));
    let doses = if before_15 { 2 } else { 3 };
    let next = match (given.as_slice(), before_15) {
        ([], _) => Next { dose: 1, doses, due: h.age(years(11)), late: h.age(years(13)) },
        ([(_, first)], true) => {
            Next { dose: 2, doses, due: after(*first, months(6)), late: after(*first, months(13)) }
        }
        ([(_, first)], false) => {
            Next { dose: 2, doses, due: after(*first, months(1)), late: after(*first, months(3)) }
        }
        ([(_, first), (_, second)], false) => {
            let due = after(*first, months(6)).max(after(*second, weeks(12)));
            Next { dose: 3, doses, due, late: after(due, months(1)) }
        }
        _ => return None,
    };
    Some(Next { late: next.late.max(after(next.due, months(1))), ..next })
}

/// MenACWY at 11–12 and a booster at 16 (none when the first dose came at 16 or later), through
/// 18.
fn meningococcal(h: &History) -> Option<Next> {
    if h.today >= h.age(years(19)) {
        return None;
    }
    let given = h.of(VaccineFamily::Meningococcal, years(10));
    let sixteen = h.age(years(16));
    match given.as_slice() {
        [] => {
            let doses = if h.today < sixteen { 2 } else { 1 };
            Some(Next { dose: 1, doses, due: h.age(years(11)), late: h.age(years(13)) })
        }
        [(_, first)] if *first < sixteen => {
            let due = sixteen.max(after(*first, weeks(8)));
            Some(Next { dose: 2, doses: 2, due, late: h.age(years(17)).max(after(due, months(1))) })
        }
        _ => None,
    }
}

/// This season's flu dose, and whether it is one of two (a child's first seasons).
fn flu(h: &History) -> Option<(Next, bool)> {
    let today = h.today;
    // Seasons run from August to June; a dose since July 1 counts for the coming one.
    let start_year = match today.month() {
        8..=12 => today.year(),
        1..=6 => today.year() - 1,
        _ => return None,
    };
    let july = Date::new(start_year, 7, 1).ok()?;
    let august = Date::new(start_year, 8, 1).ok()?;
    let november = Date::new(start_year, 11, 1).ok()?;
    let all = h.of(VaccineFamily::Flu, months(6));
    let this_season: Vec<Date> = all.iter().map(|&(_, on)| on).filter(|on| *on >= july).collect();
    let before = all.len() - this_season.len();
    let two = h.today < h.age(years(9)) && before < 2;
    let needed = if two { 2 } else { 1 };
    if this_season.len() >= needed {
        return None;
    }
    let mut due = august.max(h.age(months(6)));
    if let Some(last) = this_season.last() {
        due = due.max(after(*last, weeks(4)));
    }
    let late = november.max(after(due, months(1)));
    Some((Next { dose: this_season.len() + 1, doses: needed, due, late }, two))
}

/// The day ACIP first recommended recombinant zoster vaccine (MMWR, 2018-01-26): nobody was
/// due for it before, however old.
const SHINGLES_RECOMMENDED: Date = jiff::civil::date(2018, 1, 26);
/// The day ACIP recommended RSV vaccine for everyone from 75 (2024-06-26).
const RSV_RECOMMENDED: Date = jiff::civil::date(2024, 6, 26);

/// An adult vaccine at `age`, but not before it was first recommended; overdue a year after
/// it fell due (or at `age` + 1 year).
fn adult_once(h: &History, age: i32, recommended: Date) -> (Date, Date) {
    let due = h.age(years(age)).max(recommended);
    (due, h.age(years(age + 1)).max(after(due, years(1))))
}

/// Recombinant zoster from 50: two doses, the second 2–6 months after the first.
fn shingles(h: &History) -> Option<Next> {
    let given = h.of(VaccineFamily::Shingles, years(18));
    match given.as_slice() {
        [] => {
            let (due, late) = adult_once(h, 50, SHINGLES_RECOMMENDED);
            Some(Next { dose: 1, doses: 2, due, late })
        }
        [(_, first)] => {
            let due = after(*first, months(2));
            Some(Next { dose: 2, doses: 2, due, late: after(*first, months(6)) })
        }
        _ => None,
    }
}

/// Pneumococcal vaccine at 65, unless an adult dose of PCV20 or PCV21, or of PCV13 or PCV15 and
/// PPSV23, was given; a year after any earlier adult dose.
fn pneumococcal_adult(h: &History) -> Option<Next> {
    let adult = h.of(VaccineFamily::Pneumococcal, years(19));
    let has = |codes: &[u32]| adult.iter().any(|(code, _)| codes.contains(code));
    if has(&[216, 327]) || (has(&[PPSV23]) && has(&[133, 215])) {
        return None;
    }
    let mut due = h.age(years(65));
    if let Some(&(_, last)) = adult.last() {
        due = due.max(after(last, years(1)));
    }
    Some(Next { dose: 1, doses: 1, due, late: after(due, years(1)) })
}

/// RSV once at 75, unless given from 60 on.
fn rsv(h: &History) -> Option<Next> {
    if !h.of(VaccineFamily::Rsv, years(60)).is_empty() {
        return None;
    }
    let (due, late) = adult_once(h, 75, RSV_RECOMMENDED);
    Some(Next { dose: 1, doses: 1, due, late })
}

/// CVX as FHIR names it, and by its OID.
const CVX_SYSTEMS: [&str; 2] = ["http://hl7.org/fhir/sid/cvx", "urn:oid:2.16.840.1.113883.12.292"];

/// The vaccines `patient_id` is due for on `today`, from the record: their birth date and every
/// completed immunization coded in CVX. Nothing without a full birth date.
pub(super) async fn load(state: &AppState, patient_id: &str, today: Date) -> ApiResult<Vec<VaccineDue>> {
    let birth: Option<Option<String>> = sqlx::query_scalar("SELECT birth_date FROM patients WHERE id = $1")
        .bind(patient_id.to_owned())
        .fetch_optional(state.db.pool())
        .await?;
    let Some(birth) = birth.flatten().and_then(|b| b.get(..10)?.parse::<Date>().ok()) else {
        return Ok(Vec::new());
    };
    let rows: Vec<(Option<String>, Option<String>)> = sqlx::query_as(
        "SELECT vaccine_code, COALESCE(occurrence_at, occurrence) FROM immunizations
         WHERE patient_id = $1 AND status = 'completed' AND vaccine_system IN ($2, $3)",
    )
    .bind(patient_id.to_owned())
    .bind(CVX_SYSTEMS[0])
    .bind(CVX_SYSTEMS[1])
    .fetch_all(state.db.pool())
    .await?;
    let given: Vec<Given> = rows
        .into_iter()
        .filter_map(|(code, at)| {
            let on = at?.get(..10)?.parse().ok()?;
            Some(Given { cvx: code?, on })
        })
        .collect();
    Ok(due(birth, &given, today))
}

/// `GET /api/patients/{patient_id}/vaccines-due`
#[utoipa::path(
    get,
    operation_id = "chart_vaccines_due_list",
    path = "/api/patients/{patient_id}/vaccines-due",
    tag = "chart",
    params(("patient_id" = String, Path)),
    responses((status = 200, description = "Done: overdue first, then due.", body = Vec<shared::chart::VaccineDue>), (status = 401, description = "Not signed in, or the session ended.", body = shared::ErrorBody), (status = 403, description = "This role may not do this (or emergency access is needed first).", body = shared::ErrorBody), (status = 404, description = "Not found, or another patient's.", body = shared::ErrorBody), (status = 400, description = "The request is malformed.", body = shared::ErrorBody)),
    security(("session" = [])),
    extensions(("x-roles" = json!(["patient", "proxy", "clinician", "nurse"])))
)]
pub(super) async fn list(
    State(state): State<AppState>,
    caller: Caller,
    Path(patient_id): Path<String>,
) -> ApiResult<ApiJson<Vec<VaccineDue>>> {
    caller
        .open_record(
            &state,
            &patient_id,
            Access { action: "search", resource_type: "Immunization", resource_id: None },
        )
        .await?;
    Ok(ApiJson(load(&state, &patient_id, crate::access::today()).await?))
}

#[cfg(test)]
mod tests {
    use shared::chart::DueStatus::{Due, Overdue};
    use shared::chart::VaccineFamily::{
        Dtap, Flu, HepatitisB, Hib, Hpv, Meningococcal, Pneumococcal, Polio, Rotavirus, Rsv, Shingles, Tdap,
    };

    use super::*;

    fn d(text: &str) -> Date {
        text.parse().unwrap()
    }

    fn shots(list: &[(&str, &str)]) -> Vec<Given> {
        list.iter().map(|(cvx, on)| Given { cvx: (*cvx).to_owned(), on: d(on) }).collect()
    }

    /// An item as (family, status, dose, doses, due since).
    type Line<'a> = (VaccineFamily, DueStatus, Option<u32>, Option<u32>, &'a str);

    fn summary(items: &[VaccineDue]) -> Vec<Line<'_>> {
        items.iter().map(|v| (v.family, v.status, v.dose, v.doses, v.due_since.as_str())).collect()
    }

    #[test]
    fn an_infant_who_missed_a_visit_is_overdue_for_the_next_dose_of_each_series() {
        let birth = d("2026-01-10");
        let given = shots(&[
            ("08", "2026-01-10"),
            ("20", "2026-03-12"),
            ("10", "2026-03-12"),
            ("49", "2026-03-12"),
            ("133", "2026-03-12"),
            ("116", "2026-03-12"),
        ]);

        // Six months and ten days old, in July (between flu seasons); the 4-month visit was missed.
        let items = due(birth, &given, d("2026-07-20"));

        assert_eq!(
            summary(&items),
            [
                (HepatitisB, Overdue, Some(2), Some(3), "2026-02-10"),
                (Rotavirus, Overdue, Some(2), Some(3), "2026-05-10"),
                (Dtap, Overdue, Some(2), Some(5), "2026-05-10"),
                (Hib, Overdue, Some(2), Some(4), "2026-05-10"),
                (Pneumococcal, Overdue, Some(2), Some(4), "2026-05-10"),
                (Polio, Overdue, Some(2), Some(4), "2026-05-10"),
            ]
        );
    }

    #[test]
    fn an_infant_on_schedule_is_due_for_the_six_month_doses_once_six_months_old() {
        let birth = d("2026-01-10");
        let mut given = shots(&[("08", "2026-01-10"), ("08", "2026-02-12")]);
        for on in ["2026-03-12", "2026-05-12"] {
            // The combination vaccine counts for DTaP, hepatitis B and polio at once.
            given.extend(shots(&[("110", on), ("49", on), ("133", on), ("116", on)]));
        }

        let before = due(birth, &given, d("2026-07-09"));
        let after = due(birth, &given, d("2026-07-12"));

        assert!(before.is_empty(), "{before:?}");
        assert_eq!(
            summary(&after),
            [
                // The third hepatitis B dose is due from 6 months; the combination gave it early.
                (Rotavirus, Due, Some(3), Some(3), "2026-07-10"),
                (Dtap, Due, Some(3), Some(5), "2026-07-10"),
                (Pneumococcal, Due, Some(3), Some(4), "2026-07-10"),
                (Polio, Due, Some(3), Some(4), "2026-07-10"),
            ],
            "two PRP-OMP doses of Hib need no 6-month dose"
        );
    }

    #[test]
    fn an_adult_needs_a_flu_shot_each_season_and_is_overdue_after_october() {
        let birth = d("1980-05-05");
        let given = shots(&[("115", "2020-01-15"), ("140", "2025-10-01")]);

        assert_eq!(summary(&due(birth, &given, d("2026-10-15"))), [(Flu, Due, None, None, "2026-08-01")]);
        assert_eq!(summary(&due(birth, &given, d("2026-11-15"))), [(Flu, Overdue, None, None, "2026-08-01")]);
        assert!(due(birth, &given, d("2026-07-15")).is_empty(), "July is between seasons");
        let vaccinated = [given, shots(&[("197", "2026-09-20")])].concat();
        assert!(due(birth, &vaccinated, d("2026-11-15")).is_empty());
    }

    #[test]
    fn a_child_under_nine_gets_two_flu_doses_in_a_first_season() {
        let birth = d("2022-03-09");

        let mut first = due(birth, &shots(&[("150", "2026-09-01")]), d("2026-10-15"));
        first.retain(|v| v.family == Flu);

        assert_eq!(summary(&first), [(Flu, Due, Some(2), Some(2), "2026-09-29")]);
    }

    #[test]
    fn nobody_is_due_for_a_vaccine_before_it_was_recommended() {
        // 75 in 2017, before any RSV vaccine: due from the day ACIP recommended it at 75.
        let birth = d("1942-06-02");
        let items = due(birth, &shots(&[("187", "2019-01-10"), ("187", "2019-04-10")]), d("2026-12-03"));
        let rsv = items.iter().find(|v| v.family == Rsv).expect("RSV is due");
        assert_eq!(rsv.due_since, "2024-06-26");
        assert_eq!(rsv.status, Overdue, "a year after it fell due");
        assert!(!items.iter().any(|v| v.family == Shingles), "two doses of the recombinant vaccine");
        let soon = due(birth, &[], d("2024-07-01"));
        let rsv = soon.iter().find(|v| v.family == Rsv).expect("RSV is due");
        assert_eq!((rsv.status, rsv.due_since.as_str()), (Due, "2024-06-26"));
    }

    #[test]
    fn a_seventy_year_old_who_never_had_the_shingles_vaccine_needs_two_doses() {
        let birth = d("1956-03-01");
        let given = shots(&[("113", "2021-06-01"), ("185", "2026-09-10"), ("216", "2022-04-01")]);

        let never = due(birth, &given, d("2026-10-15"));
        let live_only =
            due(birth, &[given.clone(), shots(&[("121", "2010-05-01")])].concat(), d("2026-10-15"));
        let one = [given, shots(&[("187", "2026-09-01")])].concat();

        // 50 in 2006, but nobody was due before the vaccine was recommended.
        assert_eq!(summary(&never), [(Shingles, Overdue, Some(1), Some(2), "2018-01-26")]);
        assert_eq!(summary(&live_only), summary(&never), "the live vaccine does not count");
        assert!(due(birth, &one, d("2026-10-15")).is_empty(), "the second dose waits two months");
        assert_eq!(
            summary(&due(birth, &one, d("2026-11-15"))),
            [(Shingles, Due, Some(2), Some(2), "2026-11-01")]
        );
    }

    #[test]
    fn older_adults_need_pneumococcal_and_rsv_vaccines_and_tetanus_every_ten_years() {
        let birth = d("1950-06-02");
        let given = shots(&[
            ("187", "2019-01-10"),
            ("187", "2019-04-10"),
            ("115", "2016-03-01"),
            ("158", "2026-10-01"),
        ]);

        let items = due(birth, &given, d("2026-11-20"));
        let after_pneumococcal = [given, shots(&[("133", "2016-01-05"), ("33", "2017-02-01")])].concat();

        assert_eq!(
            summary(&items),
            [
                (Pneumococcal, Overdue, None, None, "2015-06-02"),
                (Rsv, Overdue, None, None, "2025-06-02"),
                (Tdap, Due, None, None, "2026-03-01"),
            ]
        );
        let families: Vec<VaccineFamily> =
            due(birth, &after_pneumococcal, d("2026-11-20")).iter().map(|v| v.family).collect();
        assert_eq!(families, [Rsv, Tdap], "PCV13 then PPSV23 completes the pneumococcal vaccines");
    }

    #[test]
    fn nothing_is_due_when_every_vaccine_is_up_to_date() {
        // A 20-year-old who had the teen vaccines, a tetanus booster and this season's flu shot.
        let birth = d("2006-04-18");
        let given = shots(&[
            ("115", "2017-05-01"),
            ("165", "2017-05-01"),
            ("165", "2018-01-10"),
            ("136", "2017-05-01"),
            ("136", "2022-06-01"),
            ("171", "2026-09-15"),
        ]);

        assert_eq!(due(birth, &given, d("2026-11-20")), []);
    }

    #[test]
    fn a_teen_without_the_adolescent_vaccines_is_overdue_for_each() {
        let birth = d("2011-04-18");
        let given = shots(&[("150", "2026-10-01")]);

        let mut items = due(birth, &given, d("2026-11-20"));
        items.retain(|v| matches!(v.family, Tdap | Hpv | Meningococcal));

        assert_eq!(
            summary(&items),
            [
                (Tdap, Overdue, None, None, "2022-04-18"),
                (Hpv, Overdue, Some(1), Some(3), "2022-04-18"),
                (Meningococcal, Overdue, Some(1), Some(2), "2022-04-18"),
            ],
            "started at 15, HPV takes three doses, and a first MenACWY before 16 a booster at 16"
        );
    }

    #[test]
    fn overdue_vaccines_come_before_due_ones() {
        let birth = d("1950-06-02");

        let items = due(birth, &[], d("2026-10-15"));

        let statuses: Vec<DueStatus> = items.iter().map(|v| v.status).collect();
        let first_due = statuses.iter().position(|s| *s == Due).unwrap_or(statuses.len());
        assert!(statuses[first_due..].iter().all(|s| *s == Due), "{statuses:?}");
        assert!(items.iter().any(|v| v.family == Flu && v.status == Due));
        assert!(items.iter().any(|v| v.family == Shingles && v.status == Overdue));
    }

    #[test]
    fn every_cvx_code_the_demo_gives_belongs_to_a_family() {
        for vaccine in crate::demo::codes::VACCINES {
            assert!(!families(vaccine.code.code).is_empty(), "{:?}", vaccine.code);
        }
        assert_eq!(families("8"), families("08"), "codes are read as numbers");
        assert_eq!(families("110"), [Dtap, HepatitisB, Polio]);
        assert!(families("306").is_empty(), "an RSV antibody is not a vaccine");
        assert!(families("x").is_empty());
    }
}
