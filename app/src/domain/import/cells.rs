//! Reading the meaning out of a cell's text: agencies, resources, due dates and targets.
//!
//! Each helper takes the text of one cell, verbatim, and returns what it understood plus the
//! warnings a person should see next to the row. Nothing here evaluates a cell: a cell that
//! starts with `=`, `+`, `-` or `@` is text like any other.
//!
//! # Agencies and resources
//! A partner cell lists agencies separated by line breaks, `;`, `,`, the word `inc`/`including`
//! ("WDVF members inc Police, PCT") and `and`. `and` only separates in the last item of a comma
//! list ("SWP, WDVF and SDVC") or between two single words ("WCC and WCSP"), so that "WCC
//! Interpretation and Translation Service" stays one agency; `&` never separates. "members" and
//! "member agencies" at the end of a name are dropped ("WDVF members" is WDVF). A resource cell is
//! split the same way and also at `+`; a piece that is only "resources", "funds" or "funding" is
//! joined to the piece before it ("In-house\nResources" is "In-house Resources").
//!
//! # Due dates
//! [`parse_due`] finds dates anywhere in a text: `31/03/2009` or `2009-03-31` (that day);
//! `31 March 2009`; `2005-2006`, `2005/06` (31 March of the later year: the end of that
//! financial year); `April 2006`, `March 09` (the month's last day); `03.06` or, after "until",
//! "to" or "by", `0306` (month and two-digit year: the month's last day); a year alone such as
//! `2006` (31 December); a month alone after "by" or "until" (the first such month-end on or after
//! the period hint). A text that starts like a formula (`=`, `+`, `-`, `@`) gives no date. A
//! whole-number text between 20000 and 80000 is read as an Excel serial date.
//! When a text holds several dates, the latest is used and a warning says so.
//!
//! # Targets
//! [`split_targets`] makes one target of each non-empty line of a target cell. A line that is only
//! an indicator marker ("Best Value Indicator") links the next target to that indicator (or the
//! previous one, at the end of the cell); a line that is only a date gives the previous target its
//! due date (or, when there is none or it has one, becomes a milestone of its own). For each target
//! it infers the kind (a number with `%`: percentage; with `£`: currency; another number: count;
//! no number but a word such as "agreed", "developed", "introduced", "appointed", "produced", or a
//! date: milestone; otherwise text), the direction ("or less", "no more than", "reduce": at most;
//! "between 5 and 10": in a band; otherwise at least), the indicator and the population base
//! ("per 10,000 population").
use crate::domain::plan_form::Framework;
use crate::domain::target::{Direction, TargetKind};
use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};

// ---------------------------------------------------------------------------------------------
// Agencies and resources

/// The agencies named in a partner cell, in order, each once.
pub fn split_agencies(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in text.split(['\n', '\r', ';']) {
        for part in split_at_words(line, &["inc", "inc.", "including"]) {
            push_list_items(&mut out, &part, clean_agency);
        }
    }
    dedupe(out)
}

/// The funders and budget lines named in a resources cell, in order, each once.
pub fn split_resources(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for line in text.split(['\n', '\r', ';', '+']) {
        let mut items = Vec::new();
        push_list_items(&mut items, line, clean_name);
        for item in items {
            match out.last_mut() {
                Some(last) if is_generic_resource(&item) => {
                    last.push(' ');
                    last.push_str(&item);
                }
                _ => out.push(item),
            }
        }
    }
    dedupe(out)
}

fn is_generic_resource(item: &str) -> bool {
    let lower = item.to_lowercase();
    [
        "resources",
        "resource",
        "funds",
        "funding",
        "finances",
        "budget",
    ]
    .contains(&lower.as_str())
}

/// Splits a comma list and each item's `and`, cleaning every piece.
fn push_list_items(out: &mut Vec<String>, text: &str, clean: fn(&str) -> String) {
    let items: Vec<&str> = text.split(',').filter(|i| !i.trim().is_empty()).collect();
    let n = items.len();
    for (i, item) in items.iter().enumerate() {
        for piece in split_and(item, n > 1 && i + 1 == n) {
            let name = clean(&piece);
            if !name.is_empty() {
                out.push(name);
            }
        }
    }
}

/// Splits at the word "and" when it ends a list, or joins two single words.
fn split_and(item: &str, last_in_list: bool) -> Vec<String> {
    let words: Vec<&str> = item.split_whitespace().collect();
    let Some(at) = words.iter().position(|w| w.eq_ignore_ascii_case("and")) else {
        return vec![words.join(" ")];
    };
    let (left, right) = (&words[..at], &words[at + 1..]);
    let single_words = left.len() == 1 && right.len() == 1;
    if left.is_empty() || right.is_empty() || !(last_in_list || single_words) {
        return vec![words.join(" ")];
    }
    let mut out = vec![left.join(" ")];
    out.extend(split_and(&right.join(" "), last_in_list));
    out
}

/// Splits a text at any of the given whole words (case-insensitive), dropping them.
fn split_at_words(text: &str, separators: &[&str]) -> Vec<String> {
    let mut parts = vec![Vec::new()];
    for word in text.split_whitespace() {
        if separators.iter().any(|s| word.eq_ignore_ascii_case(s)) {
            parts.push(Vec::new());
        } else if let Some(last) = parts.last_mut() {
            last.push(word);
        }
    }
    parts.into_iter().map(|p| p.join(" ")).collect()
}

fn clean_name(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    words
        .join(" ")
        .trim_matches(|c: char| c == '.' || c == ',' || c.is_whitespace())
        .to_owned()
}

fn clean_agency(text: &str) -> String {
    let mut name = clean_name(text);
    for suffix in [" member agencies", " members", " member"] {
        let lower = name.to_lowercase();
        if lower.ends_with(suffix)
            && lower.len() > suffix.len()
            && name.is_char_boundary(name.len() - suffix.len())
        {
            name.truncate(name.len() - suffix.len());
            break;
        }
    }
    name
}

fn dedupe(items: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(items.len());
    for item in items {
        if !out.iter().any(|o| o.to_lowercase() == item.to_lowercase()) {
            out.push(item);
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Due dates

/// What [`parse_due`] made of a text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DueGuess {
    /// The date read, when one was.
    pub date: Option<NaiveDate>,
    /// The words the date was read from ("by April 2006"), or the whole text when none was.
    pub text: String,
    /// What a person should check, as a sentence.
    pub warning: Option<String>,
}

/// Reads a due date from a text such as "31/03/2009", "2005-2006", "by April 2006" or
/// "until 0306" (see the module's rules). `period_hint` (a date in the plan's period, such as its
/// start) places a month written without a year.
pub fn parse_due(text: &str, period_hint: Option<NaiveDate>) -> DueGuess {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return DueGuess {
            date: None,
            text: String::new(),
            warning: None,
        };
    }
    if let Some(first) = formula_start(trimmed) {
        return DueGuess {
            date: None,
            text: trimmed.to_owned(),
            warning: Some(format!(
                "'{}' starts with '{first}': kept as text, not read as a formula or a date",
                short(trimmed)
            )),
        };
    }
    if let Some(date) = serial_text(trimmed) {
        return DueGuess {
            date: Some(date),
            text: trimmed.to_owned(),
            warning: None,
        };
    }
    let found = scan_dates(trimmed, period_hint);
    let Some(best) = found
        .iter()
        .max_by_key(|f| (f.date, std::cmp::Reverse(f.start)))
    else {
        return DueGuess {
            date: None,
            text: trimmed.to_owned(),
            warning: Some(format!(
                "could not read a date from '{}': left without a due date",
                short(trimmed)
            )),
        };
    };
    let distinct = found.iter().any(|f| f.date != best.date);
    DueGuess {
        date: Some(best.date),
        text: trimmed[best.start..best.end].to_owned(),
        warning: distinct.then(|| {
            format!(
                "found several dates in '{}': used the latest, {}",
                short(trimmed),
                best.date.format("%d/%m/%Y")
            )
        }),
    }
}

/// Reads a due date from a typed cell: a date as it is, a number as an Excel serial date, text
/// through [`parse_due`].
pub fn parse_due_cell(value: &super::grid::CellValue, period_hint: Option<NaiveDate>) -> DueGuess {
    use super::grid::CellValue;
    match value {
        CellValue::Date(d) => DueGuess {
            date: Some(*d),
            text: value.text(),
            warning: None,
        },
        CellValue::Number(n) => match excel_serial(*n) {
            Some(d) => DueGuess {
                date: Some(d),
                text: d.format("%d/%m/%Y").to_string(),
                warning: None,
            },
            None => parse_due(&value.text(), period_hint),
        },
        _ => parse_due(&value.text(), period_hint),
    }
}

/// The date of an Excel serial number (days since 30 December 1899), for 1954 to 2119.
pub fn excel_serial(n: f64) -> Option<NaiveDate> {
    if !(20_000.0..=80_000.0).contains(&n) {
        return None;
    }
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "range checked above"
    )]
    let days = n.floor() as u64;
    NaiveDate::from_ymd_opt(1899, 12, 30)?.checked_add_days(Days::new(days))
}

fn serial_text(text: &str) -> Option<NaiveDate> {
    let n: f64 = text.parse().ok()?;
    excel_serial(n)
}

/// A text cut to 60 characters for a message.
fn short(text: &str) -> String {
    let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() > 60 {
        format!("{}…", one_line.chars().take(60).collect::<String>())
    } else {
        one_line
    }
}

/// A date found in a text, with the byte range of the words it was read from.
#[derive(Clone, Copy, Debug)]
struct Found {
    date: NaiveDate,
    start: usize,
    end: usize,
}

/// A word of a text, with its byte range.
#[derive(Clone, Copy, Debug)]
struct Token<'a> {
    text: &'a str,
    start: usize,
    end: usize,
}

const SEPARATORS: [char; 5] = ['/', '.', '-', '–', '\''];
const DATE_KEYWORDS: [&str; 7] = ["by", "until", "till", "to", "before", "during", "in"];

/// Words: runs of letters, digits and the date separators `/ . - –`, trimmed of separators.
fn tokens(text: &str) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    let mut start = None;
    let is_word = |c: char| c.is_alphanumeric() || SEPARATORS.contains(&c);
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        match (start, is_word(c) && i < text.len()) {
            (None, true) => start = Some(i),
            (Some(s), false) => {
                push_token(&mut out, text, s, i);
                start = None;
            }
            _ => {}
        }
    }
    out
}

fn push_token<'a>(out: &mut Vec<Token<'a>>, text: &'a str, start: usize, end: usize) {
    let raw = &text[start..end];
    let trimmed_start = raw.trim_start_matches(SEPARATORS);
    let trimmed = trimmed_start.trim_end_matches(SEPARATORS);
    if trimmed.is_empty() {
        return;
    }
    let s = start + (raw.len() - trimmed_start.len());
    out.push(Token {
        text: trimmed,
        start: s,
        end: s + trimmed.len(),
    });
}

/// Every date in a text.
fn scan_dates(text: &str, hint: Option<NaiveDate>) -> Vec<Found> {
    let toks = tokens(text);
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let (found, used) = date_at(text, &toks, i, hint);
        if let Some(mut f) = found {
            if let Some(k) = keyword_before(&toks, i) {
                f.start = toks[k].start;
            }
            out.push(f);
        }
        i += used.max(1);
    }
    out
}

/// The index of the keyword ("by", "until", "end of") just before token `i`.
fn keyword_before(toks: &[Token<'_>], i: usize) -> Option<usize> {
    let prev = toks.get(i.checked_sub(1)?)?;
    let lower = prev.text.to_lowercase();
    if DATE_KEYWORDS.contains(&lower.as_str()) {
        return Some(i - 1);
    }
    if lower == "of" && i >= 2 && toks[i - 2].text.eq_ignore_ascii_case("end") {
        return Some(i - 2);
    }
    None
}

/// A date starting at token `i`, and how many tokens it takes.
fn date_at(
    text: &str,
    toks: &[Token<'_>],
    i: usize,
    hint: Option<NaiveDate>,
) -> (Option<Found>, usize) {
    let t = toks[i];
    let next = toks.get(i + 1);
    let after = toks.get(i + 2);
    let span = |date, last: Token<'_>| Found {
        date,
        start: t.start,
        end: last.end,
    };
    // 31 March 2009
    if let (Some(day), Some(m), Some(y)) = (
        day_number(t.text),
        next.and_then(|n| month_number(n.text)),
        after.and_then(|a| year_number(a.text)),
    ) && let (Some(date), Some(a)) = (NaiveDate::from_ymd_opt(y, m, day), after)
    {
        return (Some(span(date, *a)), 3);
    }
    // April 2006, March 09
    if let (Some(m), Some(y)) = (month_number(t.text), next.and_then(|n| year_number(n.text)))
        && let (Some(date), Some(n)) = (month_end(y, m), next)
    {
        return (Some(span(date, *n)), 2);
    }
    if is_money_or_percent(text, t) {
        return (None, 1);
    }
    if let Some(date) = separated_date(t.text) {
        return (Some(span(date, t)), 1);
    }
    if let Some(date) = keyword_month_year(toks, i) {
        return (Some(span(date, t)), 1);
    }
    if let Some(date) = lone_year(toks, i) {
        return (Some(span(date, t)), 1);
    }
    if let (Some(m), Some(h)) = (month_number(t.text), hint)
        && keyword_before(toks, i).is_some()
        && !t.text.eq_ignore_ascii_case("may")
    {
        return (next_month_end(h, m).map(|d| span(d, t)), 1);
    }
    (None, 1)
}

fn is_money_or_percent(text: &str, t: Token<'_>) -> bool {
    let before = text[..t.start].chars().next_back();
    let after = text[t.end..].trim_start().chars().next();
    matches!(before, Some('£' | '$' | '€')) || after == Some('%')
}

/// `31/03/2009`, `2009-03-31`, `2005-2006`, `2005/06`, `03.06`.
fn separated_date(text: &str) -> Option<NaiveDate> {
    let parts: Vec<&str> = text.split(['/', '.', '-', '–']).collect();
    if !parts
        .iter()
        .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
    {
        return None;
    }
    match parts.as_slice() {
        [y, m, d] if y.len() == 4 => {
            NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
        }
        [d, m, y] if d.len() <= 2 && m.len() <= 2 => {
            NaiveDate::from_ymd_opt(year_number(y)?, m.parse().ok()?, d.parse().ok()?)
        }
        [a, b] if a.len() == 4 => financial_year_end(a, b),
        [m, y] if m.len() <= 2 && y.len() == 2 => month_end(year_number(y)?, m.parse().ok()?),
        _ => None,
    }
}

/// The end of the financial year written `2005-2006` or `2005/06`: 31 March of the later year.
fn financial_year_end(first: &str, second: &str) -> Option<NaiveDate> {
    let start: i32 = first.parse().ok()?;
    let end: i32 = match second.len() {
        4 => second.parse().ok()?,
        2 => start - start % 100 + second.parse::<i32>().ok()?,
        _ => return None,
    };
    let end = if end < start { end + 100 } else { end };
    (end == start + 1 && (1900..=2100).contains(&start)).then_some(())?;
    NaiveDate::from_ymd_opt(end, 3, 31)
}

/// `0306` after "until", "to" or "by": March 2006.
fn keyword_month_year(toks: &[Token<'_>], i: usize) -> Option<NaiveDate> {
    let t = toks[i].text;
    if t.len() != 4 || !t.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let prev = toks.get(i.checked_sub(1)?)?.text.to_lowercase();
    if !["until", "till", "to", "by"].contains(&prev.as_str()) {
        return None;
    }
    month_end(year_number(&t[2..])?, t[..2].parse().ok()?)
}

/// A year on its own, `2006`: 31 December. Not when it starts the text and a word follows
/// ("2000 leaflets").
fn lone_year(toks: &[Token<'_>], i: usize) -> Option<NaiveDate> {
    let t = toks[i].text;
    if t.len() != 4 || !t.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let year: i32 = t.parse().ok()?;
    if !(1990..=2100).contains(&year) {
        return None;
    }
    let word_follows = toks
        .get(i + 1)
        .is_some_and(|n| n.text.chars().all(char::is_alphabetic));
    if i == 0 && word_follows {
        return None;
    }
    NaiveDate::from_ymd_opt(year, 12, 31)
}

fn day_number(text: &str) -> Option<u32> {
    let digits = text.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &text[digits.len()..];
    if !["", "st", "nd", "rd", "th"].contains(&suffix.to_lowercase().as_str()) || digits.len() > 2 {
        return None;
    }
    digits.parse().ok().filter(|d| (1..=31).contains(d))
}

fn month_number(text: &str) -> Option<u32> {
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let lower = text.trim_end_matches('.').to_lowercase();
    if lower.len() < 3 {
        return None;
    }
    let n = MONTHS.iter().position(|m| {
        *m == lower
            || (lower.len() <= 4 && m.starts_with(&lower) && (lower.len() == 3 || lower == "sept"))
    })?;
    u32::try_from(n + 1).ok()
}

/// A four-digit year, or a two-digit one (00–69: 2000s, 70–99: 1900s).
fn year_number(text: &str) -> Option<i32> {
    let text = text.trim_start_matches('\'');
    if !text.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let n: i32 = text.parse().ok()?;
    match text.len() {
        4 if (1900..=2100).contains(&n) => Some(n),
        2 => Some(if n < 70 { 2000 + n } else { 1900 + n }),
        _ => None,
    }
}

fn month_end(year: i32, month: u32) -> Option<NaiveDate> {
    if !(1..=12).contains(&month) {
        return None;
    }
    let (y, m) = if month == 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    };
    NaiveDate::from_ymd_opt(y, m, 1)?.pred_opt()
}

/// The first end of `month` on or after `hint`.
fn next_month_end(hint: NaiveDate, month: u32) -> Option<NaiveDate> {
    use chrono::Datelike;
    let this_year = month_end(hint.year(), month)?;
    if this_year >= hint {
        Some(this_year)
    } else {
        month_end(hint.year() + 1, month)
    }
}

// ---------------------------------------------------------------------------------------------
// Targets

/// An indicator a target is linked to by a marker in its text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndicatorRef {
    /// The framework named ("Best Value Indicator": best value).
    pub framework: Framework,
    /// The indicator's code when the text gives one ("NI32", "BVPI225").
    pub code: Option<String>,
}

/// One target read from a line (or a few lines) of a target cell.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TargetGuess {
    /// The target as stated, without its indicator marker.
    pub title: String,
    /// The lines it was read from, verbatim.
    pub source_text: String,
    /// The kind of value.
    pub kind: TargetKind,
    /// The value to reach, when the text states one.
    pub target_value: Option<f64>,
    /// The low end of a band ("between 5 and 10").
    pub band_low: Option<f64>,
    /// The high end of a band.
    pub band_high: Option<f64>,
    /// Which way the value should go.
    pub direction: Direction,
    /// The indicator named by a marker.
    pub indicator: Option<IndicatorRef>,
    /// The population base ("per 10,000 population": 10000).
    pub population_per: Option<u32>,
    /// The baseline, from a Baseline column.
    #[serde(default)]
    pub baseline: Option<f64>,
    /// The unit, when the sheet states it in a Unit column: `Some(None)` says "no unit";
    /// `None`, that the sheet does not say (a target already in the plan keeps its own).
    #[serde(default)]
    pub unit: Option<Option<String>>,
    /// How often it reports, when the sheet states it (a Frequency column).
    #[serde(default)]
    pub frequency: Option<crate::domain::target::Frequency>,
    /// The due date read from the target's text or the date line after it.
    pub due_date: Option<NaiveDate>,
    /// The words the due date was read from.
    pub due_text: Option<String>,
    /// What a person should check.
    pub warnings: Vec<String>,
}

/// The targets stated in a target cell (see the module's rules).
pub fn split_targets(cell: &str) -> Vec<TargetGuess> {
    let mut out: Vec<TargetGuess> = Vec::new();
    let mut pending: Option<IndicatorRef> = None;
    for raw in cell.lines() {
        let line = strip_bullet(raw.trim());
        if line.is_empty() {
            continue;
        }
        if let Some(first) = formula_start(line) {
            out.push(formula_target(line, first));
            continue;
        }
        let marker = find_marker(line);
        let rest = marker
            .as_ref()
            .map_or_else(|| line.to_owned(), |m| m.rest.clone());
        if let Some(m) = marker.as_ref().filter(|_| rest.is_empty()) {
            pending = Some(m.indicator.clone());
            continue;
        }
        if attach_date_line(&mut out, &rest, raw.trim()) {
            continue;
        }
        let mut target = read_target(&rest, line);
        target.indicator = marker.map(|m| m.indicator).or_else(|| pending.take());
        out.push(target);
    }
    if let Some(indicator) = pending {
        match out.last_mut() {
            Some(last) if last.indicator.is_none() => last.indicator = Some(indicator),
            Some(_) => {}
            None => out.push(marker_only_target(cell.trim(), indicator)),
        }
    }
    out
}

/// Gives a date-only line to the target before it; false when the line is not only a date or
/// that target already has a due date.
fn attach_date_line(out: &mut [TargetGuess], rest: &str, raw: &str) -> bool {
    let due = parse_due(rest, None);
    let Some(date) = due.date else { return false };
    if !is_date_only(rest) {
        return false;
    }
    match out.last_mut() {
        Some(last) if last.due_date.is_none() => {
            last.due_date = Some(date);
            last.due_text = Some(due.text);
            last.source_text.push('\n');
            last.source_text.push_str(raw);
            last.warnings.extend(due.warning);
            true
        }
        _ => false,
    }
}

/// Whether a text says nothing but a date ("2005-2006", "by April 2006").
fn is_date_only(text: &str) -> bool {
    const FILLER: [&str; 6] = ["the", "of", "end", "year", "financial", "fy"];
    let mut masked = text.to_owned();
    for f in scan_dates(text, None) {
        masked.replace_range(f.start..f.end, &" ".repeat(f.end - f.start));
    }
    tokens(&masked).iter().all(|t| {
        let lower = t.text.to_lowercase();
        FILLER.contains(&lower.as_str()) || DATE_KEYWORDS.contains(&lower.as_str())
    })
}

fn strip_bullet(line: &str) -> &str {
    for bullet in ["• ", "· ", "* ", "- ", "– "] {
        if let Some(rest) = line.strip_prefix(bullet) {
            return rest.trim_start();
        }
    }
    line.trim_start_matches(['•', '·'])
}

/// The first character when a text starts like a spreadsheet formula (`=`, `+`, `@`, or `-`
/// not followed by a space, which is a bullet).
fn formula_start(text: &str) -> Option<char> {
    let mut chars = text.chars();
    let first = chars.next()?;
    let bullet = first == '-' && chars.next().is_none_or(char::is_whitespace);
    (['=', '+', '-', '@'].contains(&first) && !bullet).then_some(first)
}

fn formula_target(line: &str, first: char) -> TargetGuess {
    let mut t = blank_target(line, line);
    t.warnings.push(format!(
        "'{}' starts with '{first}': kept as text, not read as a formula or a number",
        short(line)
    ));
    t
}

fn marker_only_target(text: &str, indicator: IndicatorRef) -> TargetGuess {
    let mut t = blank_target(text, text);
    t.indicator = Some(indicator);
    t.warnings.push(format!(
        "'{}' names an indicator but no target: check it",
        short(text)
    ));
    t
}

fn blank_target(title: &str, source: &str) -> TargetGuess {
    TargetGuess {
        title: title.to_owned(),
        source_text: source.to_owned(),
        kind: TargetKind::Text,
        target_value: None,
        band_low: None,
        band_high: None,
        direction: Direction::AtLeast,
        indicator: None,
        population_per: None,
        baseline: None,
        unit: None,
        frequency: None,
        due_date: None,
        due_text: None,
        warnings: Vec::new(),
    }
}

/// A target stated only by its value columns: titled after its action.
pub fn target_named(title: &str) -> TargetGuess {
    blank_target(title, "")
}

/// The indicator a cell of an Indicator column names ("NI32", "BVPI 225", "LPSA").
pub fn indicator_named(text: &str) -> Option<IndicatorRef> {
    find_marker(text.trim()).map(|m| m.indicator)
}

/// A number in a Baseline or Target value cell, and whether it is a percentage ("45%", a
/// percentage-formatted 0.45 arrives as 0.45 and stays so). Text gives its first number;
/// `None` when there is none.
pub fn cell_number(value: &super::grid::CellValue) -> Option<(f64, bool)> {
    use super::grid::CellValue;
    match value {
        CellValue::Number(n) if n.is_finite() => Some((*n, false)),
        CellValue::Text(t) => {
            let t = t.trim();
            // A plain number, negative ones included ("-5" in a CSV file).
            if let Ok(n) = t.parse::<f64>()
                && n.is_finite()
            {
                return Some((n, false));
            }
            if formula_start(t).is_some() {
                return None;
            }
            let n = numbers_in(t).first()?.value;
            Some((n, t.contains('%')))
        }
        _ => None,
    }
}

/// A red / amber / green rating from a RAG cell's text ("Red", "R", "amber", "G") or, when the
/// cell has no text, from its fill colour (an RGB hex such as `FF0000` or `FFC7CE`).
pub fn rag_of(text: &str, fill: Option<&str>) -> Option<&'static str> {
    let t = text.trim().to_ascii_lowercase();
    let word = t
        .split(|c: char| !c.is_alphabetic())
        .find(|w| !w.is_empty());
    match word {
        Some("red" | "r") => return Some("red"),
        Some("amber" | "a" | "yellow" | "orange") => return Some("amber"),
        Some("green" | "g") => return Some("green"),
        _ => {}
    }
    if !t.is_empty() {
        return None;
    }
    let hex = fill?.trim().trim_start_matches('#');
    let hex = if hex.len() == 8 { &hex[2..] } else { hex };
    if hex.len() != 6 {
        return None;
    }
    let channel = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok().map(f64::from);
    let (r, g, b) = (channel(0)?, channel(2)?, channel(4)?);
    let max = r.max(g).max(b);
    let min = r.min(g).min(b);
    if max - min < 30.0 {
        return None; // white, grey or black: no rating
    }
    let hue = if (max - r).abs() < f64::EPSILON {
        60.0 * ((g - b) / (max - min)).rem_euclid(6.0)
    } else if (max - g).abs() < f64::EPSILON {
        60.0 * ((b - r) / (max - min) + 2.0)
    } else {
        60.0 * ((r - g) / (max - min) + 4.0)
    };
    match hue {
        h if !(15.0..330.0).contains(&h) => Some("red"),
        h if (20.0..=65.0).contains(&h) => Some("amber"),
        h if (70.0..=170.0).contains(&h) => Some("green"),
        _ => None,
    }
}

/// Reads one target line (its indicator marker already removed into `text`).
fn read_target(text: &str, source: &str) -> TargetGuess {
    let mut t = blank_target(text, source);
    let found = scan_dates(text, None);
    if !found.is_empty() {
        let due = parse_due(text, None);
        t.due_date = due.date;
        t.due_text = Some(due.text);
        t.warnings.extend(due.warning);
    }
    let mut masked = text.to_owned();
    for f in &found {
        masked.replace_range(f.start..f.end, &" ".repeat(f.end - f.start));
    }
    if let Some((per, start, end)) = population_base(&masked) {
        t.population_per = Some(per);
        masked.replace_range(start..end, &" ".repeat(end - start));
    }
    t.direction = direction(text);
    if let Some((low, high)) = band(&masked) {
        t.direction = Direction::InBand;
        t.band_low = Some(low);
        t.band_high = Some(high);
    }
    let lower = text.to_lowercase();
    match first_value(&masked, &mut t.warnings) {
        Some(v) => {
            t.kind = v.kind;
            t.target_value = (t.direction != Direction::InBand).then_some(v.value);
            if t.kind == TargetKind::Count && t.direction == Direction::InBand {
                t.target_value = None;
            }
        }
        None if text.trim_start().starts_with('%') => t.kind = TargetKind::Percentage,
        None if is_milestone(&lower) || t.due_date.is_some() => t.kind = TargetKind::Milestone,
        None => {}
    }
    t
}

fn is_milestone(lower: &str) -> bool {
    const WORDS: [&str; 16] = [
        "agreed",
        "developed",
        "introduced",
        "appointed",
        "produced",
        "appointment",
        "introduction",
        "development",
        "implemented",
        "implementation",
        "established",
        "launched",
        "completed",
        "adopted",
        "in place",
        "take place",
    ];
    WORDS.iter().any(|w| contains_word(lower, w))
}

/// Whether `word` occurs in `text` as whole words.
fn contains_word(text: &str, word: &str) -> bool {
    text.match_indices(word).any(|(i, _)| {
        let before = text[..i].chars().next_back();
        let after = text[i + word.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

fn direction(text: &str) -> Direction {
    let lower = text.to_lowercase();
    let measures_change = lower.trim_start().starts_with("% reduction")
        || lower.trim_start().starts_with("% increase");
    const AT_MOST: [&str; 10] = [
        "or less",
        "or fewer",
        "at most",
        "no more than",
        "maximum of",
        "fewer than",
        "less than",
        "reduce",
        "reduction",
        "no higher than",
    ];
    if !measures_change && AT_MOST.iter().any(|w| lower.contains(w)) {
        Direction::AtMost
    } else {
        Direction::AtLeast
    }
}

/// "per 10,000 population": the base, and the byte range of the phrase.
fn population_base(text: &str) -> Option<(u32, usize, usize)> {
    let lower = text.to_ascii_lowercase();
    let at = lower.find("per ")?;
    let after = &lower[at + 4..];
    let digits_len = after
        .find(|c: char| !(c.is_ascii_digit() || c == ','))
        .unwrap_or(after.len());
    let number: String = after[..digits_len]
        .chars()
        .filter(char::is_ascii_digit)
        .collect();
    let rest = after[digits_len..].trim_start();
    let word = [
        "population",
        "people",
        "residents",
        "head of population",
        "households",
    ]
    .iter()
    .find(|w| rest.starts_with(*w))?;
    let end = lower.len() - rest.len() + word.len();
    Some((number.parse().ok()?, at, end))
}

/// "between 5 and 10": the band.
fn band(text: &str) -> Option<(f64, f64)> {
    let lower = text.to_lowercase();
    let at = lower.find("between ")?;
    let numbers = numbers_in(&lower[at + 8..]);
    let (a, b) = (numbers.first()?, numbers.get(1)?);
    let between = &lower[at + 8 + a.end..at + 8 + b.start];
    let joined = between.trim().trim_end_matches('%').trim();
    (joined == "and" || joined == "-" || joined == "to" || joined == "% and")
        .then_some((a.value, b.value))
}

/// A number in a text, with its byte range.
#[derive(Clone, Copy, Debug)]
struct Number {
    value: f64,
    start: usize,
    end: usize,
}

/// The numbers in a text: digits with thousands commas and a decimal point ("10,000", "2.5").
fn numbers_in(text: &str) -> Vec<Number> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let starts =
            bytes[i].is_ascii_digit() && (i == 0 || !(bytes[i - 1].is_ascii_alphanumeric()));
        if !starts {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() {
            let digit_follows = bytes.get(i + 1).is_some_and(u8::is_ascii_digit);
            if bytes[i].is_ascii_digit()
                || ((bytes[i] == b',' || bytes[i] == b'.') && digit_follows)
            {
                i += 1;
            } else {
                break;
            }
        }
        let clean: String = text[start..i].chars().filter(|c| *c != ',').collect();
        if let Ok(value) = clean.parse() {
            out.push(Number {
                value,
                start,
                end: i,
            });
        }
    }
    out
}

/// The kind and value a number gives a target.
struct Value {
    kind: TargetKind,
    value: f64,
}

/// The first number that states a target value: not a duration ("12 month post"), with `%`
/// (percentage) or `£` (currency, "k" and "m" multiply), "14/15" read as the larger.
fn first_value(masked: &str, warnings: &mut Vec<String>) -> Option<Value> {
    let numbers = numbers_in(masked);
    for (i, n) in numbers.iter().enumerate() {
        let after = &masked[n.end..];
        let next_word: String = after
            .trim_start()
            .chars()
            .take_while(|c| c.is_alphabetic())
            .collect();
        if is_duration(&next_word.to_lowercase()) {
            continue;
        }
        if after.trim_start().starts_with('%')
            || next_word.eq_ignore_ascii_case("per")
                && after.trim_start()[3..].trim_start().starts_with("cent")
        {
            return Some(Value {
                kind: TargetKind::Percentage,
                value: n.value,
            });
        }
        if masked[..n.start].trim_end().ends_with('£') {
            let factor = match after.chars().next() {
                Some('k' | 'K') => 1_000.0,
                Some('m' | 'M') if !after[1..].starts_with(|c: char| c.is_alphabetic()) => {
                    1_000_000.0
                }
                _ => 1.0,
            };
            return Some(Value {
                kind: TargetKind::Currency,
                value: n.value * factor,
            });
        }
        if after.starts_with('/')
            && let Some(other) = numbers.get(i + 1).filter(|o| o.start == n.end + 1)
        {
            let larger = n.value.max(other.value);
            warnings.push(format!(
                "read '{}' as {larger}",
                &masked[n.start..other.end]
            ));
            return Some(Value {
                kind: TargetKind::Count,
                value: larger,
            });
        }
        return Some(Value {
            kind: TargetKind::Count,
            value: n.value,
        });
    }
    None
}

fn is_duration(word: &str) -> bool {
    [
        "month", "months", "week", "weeks", "year", "years", "day", "days", "hour", "hours",
        "minute", "minutes",
    ]
    .contains(&word)
}

/// An indicator marker found in a line, and the line without it.
struct Marker {
    indicator: IndicatorRef,
    rest: String,
}

/// Finds "Best Value Indicator", "BVPI 225", "NI32", "National Indicator 32", "LPSA" or
/// "Policing Plan (Target)" in a line.
fn find_marker(line: &str) -> Option<Marker> {
    let lower = line.to_ascii_lowercase();
    let (framework, start, mut end, code) = marker_span(line, &lower)?;
    // "Policing Plan Target:", "Best Value Indicators"
    for tail in [" targets", " target", " indicators", " indicator"] {
        if lower[end..].starts_with(tail)
            && !lower[end + tail.len()..].starts_with(|c: char| c.is_alphanumeric())
        {
            end += tail.len();
            break;
        }
    }
    let before = &line[..start];
    let after = &line[end..];
    let (before, after) = match (
        before.trim_end().strip_suffix('('),
        after.trim_start().strip_prefix(')'),
    ) {
        (Some(b), Some(a)) => (b, a),
        _ => (before, after),
    };
    let after =
        after.trim_start_matches(|c: char| c.is_whitespace() || [':', '-', '–', '—'].contains(&c));
    let rest = format!("{} {}", before.trim(), after.trim());
    let rest = rest.trim().trim_end_matches([':', '-', '–']).trim();
    let rest = if before.trim().is_empty() {
        capitalise(rest)
    } else {
        rest.to_owned()
    };
    Some(Marker {
        indicator: IndicatorRef { framework, code },
        rest,
    })
}

/// The framework, byte range and code of the first marker in a line.
fn marker_span(line: &str, lower: &str) -> Option<(Framework, usize, usize, Option<String>)> {
    let word_at = |text: &str, word: &str| {
        text.match_indices(word)
            .find(|(i, _)| {
                let before = text[..*i].chars().next_back();
                let after = text[*i + word.len()..].chars().next();
                !before.is_some_and(char::is_alphanumeric)
                    && !after.is_some_and(char::is_alphabetic)
            })
            .map(|(i, _)| i)
    };
    if let Some(i) = word_at(lower, "best value") {
        return Some((Framework::BestValue, i, i + 10, None));
    }
    for (word, framework, prefix, text) in [
        ("bvpi", Framework::BestValue, "BVPI", lower),
        ("national indicator", Framework::National, "NI", lower),
        ("NI", Framework::National, "NI", line),
    ] {
        if let Some(i) = word_at(text, word) {
            let (code, end) = code_after(line, i + word.len());
            if code.is_some() || word != "NI" {
                return Some((framework, i, end, code.map(|c| format!("{prefix}{c}"))));
            }
        }
    }
    if let Some(i) = word_at(lower, "local public service agreement") {
        return Some((Framework::Lpsa, i, i + 30, None));
    }
    if let Some(i) = word_at(line, "LPSA") {
        return Some((Framework::Lpsa, i, i + 4, None));
    }
    let i = word_at(lower, "policing plan")?;
    Some((Framework::PolicingPlan, i, i + 13, None))
}

/// Digits after a marker ("NI 32", "BVPI-225"), and where they end.
fn code_after(line: &str, from: usize) -> (Option<String>, usize) {
    let rest = &line[from..];
    let skipped = rest.len() - rest.trim_start_matches([' ', '-']).len();
    let digits: String = rest[skipped..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    if digits.is_empty() {
        (None, from)
    } else {
        (Some(digits.clone()), from + skipped + digits.len())
    }
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

#[cfg(test)]
mod tests;
