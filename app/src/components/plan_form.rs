//! Form pieces for editing the plan: labelled fields that show their problem next to them and
//! keep what was typed after a refused save, the move/remove buttons, and the target fields.
use crate::api::plan_edit::PlanItem;
use crate::domain::account::{Flash, FlashKind};
use crate::domain::editor::{ItemRow, TargetFields};
use crate::domain::plan_form::ItemKind;
use crate::domain::target::{Direction, Frequency, TargetKind};
use crate::domain::views::IndicatorRef;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

/// One form's state after the last post: the values typed into it when a save was refused, and
/// the problem with each field.
#[derive(Clone, Debug)]
pub struct FormState {
    flash: Option<Flash>,
    form: String,
}

impl FormState {
    /// The state of form `form` given the page's flash.
    pub fn new(flash: &Option<Flash>, form: impl Into<String>) -> Self {
        let form = form.into();
        FormState {
            flash: flash
                .clone()
                .filter(|f| f.form == form && f.kind == FlashKind::Error),
            form,
        }
    }

    /// The form's name.
    pub fn form(&self) -> &str {
        &self.form
    }

    /// Whether the last post of this form was refused.
    pub fn refused(&self) -> bool {
        self.flash.is_some()
    }

    /// What to show in `field`: what was typed when a save was refused, else `current`.
    /// A field posted inside a group (`t[title]`) is kept and checked under its own name.
    pub fn value(&self, field: &str, current: &str) -> String {
        let field = key(field);
        match &self.flash {
            Some(f) if f.fields.iter().any(|(n, _)| n == field) => f.field(field),
            _ => current.to_owned(),
        }
    }

    /// The problem with `field`, if any.
    pub fn error(&self, field: &str) -> Option<String> {
        self.flash.as_ref().and_then(|f| f.error(key(field)))
    }

    fn id(&self, field: &str) -> String {
        format!("{}-{}", self.form, field.replace(['[', ']'], "-"))
    }
}

/// The name a field's value and problem are kept under: `title` for `t[title]`.
fn key(field: &str) -> &str {
    match field.split_once('[') {
        Some((_, inner)) => inner.trim_end_matches(']'),
        None => field,
    }
}

/// How a field is typed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Input {
    /// One line of text.
    Text,
    /// A required line of text.
    Required,
    /// A date picker (posts `2026-03-31`).
    Date,
    /// A number typed as text (so "1,250" and "70%" are accepted and checked on the server).
    Number,
    /// Several lines.
    Area,
}

/// A labelled field with its problem (if any) announced and linked to it.
pub fn field(
    state: &FormState,
    name: &'static str,
    label: &str,
    current: &str,
    input: Input,
    hint: Option<&str>,
) -> AnyView {
    let id = state.id(name);
    let value = state.value(name, current);
    let error = state.error(name);
    let error_id = format!("{id}-problem");
    let hint_id = format!("{id}-hint");
    let described = match (&error, hint) {
        (Some(_), Some(_)) => Some(format!("{error_id} {hint_id}")),
        (Some(_), None) => Some(error_id.clone()),
        (None, Some(_)) => Some(hint_id.clone()),
        (None, None) => None,
    };
    let invalid = error.is_some().then_some("true");
    let has_error = error.is_some();
    let control = match input {
        Input::Area => view! {
            <textarea id=id.clone() name=name rows="5" aria-invalid=invalid aria-describedby=described.clone()>{value}</textarea>
        }
        .into_any(),
        other => {
            let kind = if other == Input::Date { "date" } else { "text" };
            let mode = (other == Input::Number).then_some("decimal");
            view! {
                <input id=id.clone() name=name type=kind inputmode=mode value=value required=other == Input::Required
                    aria-invalid=invalid aria-describedby=described.clone()/>
            }
            .into_any()
        }
    };
    view! {
        <p class="field" class:field-invalid=has_error>
            <label for=id>{label.to_owned()}</label>
            {hint.map(|h| view! { <span class="hint" id=hint_id>{h.to_owned()}</span> })}
            {error.map(|e| view! { <span class="field-problem" id=error_id>{e}</span> })}
            {control}
        </p>
    }
    .into_any()
}

/// A labelled select; `options` are (value, label).
pub fn select(
    state: &FormState,
    name: &'static str,
    label: &str,
    current: &str,
    options: Vec<(String, String)>,
) -> AnyView {
    let id = state.id(name);
    let value = state.value(name, current);
    let error = state.error(name);
    let error_id = format!("{id}-problem");
    let options = options
        .into_iter()
        .map(|(v, l)| {
            let selected = v == value;
            view! { <option value=v selected=selected>{l}</option> }
        })
        .collect_view();
    view! {
        <p class="field" class:field-invalid=error.is_some()>
            <label for=id.clone()>{label.to_owned()}</label>
            {error.clone().map(|e| view! { <span class="field-problem" id=error_id.clone()>{e}</span> })}
            <select id=id name=name aria-invalid=error.is_some().then_some("true") aria-describedby=error.is_some().then_some(error_id.clone())>{options}</select>
        </p>
    }
    .into_any()
}

/// The choices of a text enum as (stored form, label).
pub fn choices<T: Copy>(
    all: &[T],
    text: impl Fn(T) -> (&'static str, &'static str),
) -> Vec<(String, String)> {
    all.iter()
        .map(|v| {
            let (value, label) = text(*v);
            (value.to_owned(), label.to_owned())
        })
        .collect()
}

/// The hidden fields every plan form carries.
pub fn hidden(name: &'static str, value: impl ToString) -> AnyView {
    view! { <input type="hidden" name=name value=value.to_string()/> }.into_any()
}

/// The move up, move down and remove (or restore) buttons of a theme, action or target; each a
/// small form, so that they work by keyboard and without JavaScript.
pub fn item_buttons(
    forum: &str,
    kind: ItemKind,
    item: &ItemRow,
    movable: bool,
    back: Option<String>,
) -> AnyView {
    let button = |command: &'static str, text: &'static str, label: String, class: &'static str| {
        view! {
            <form method="post" data-enhance="" action=PlanItem::url() class="inline-form">
                <input type="hidden" name="forum" value=forum.to_owned()/>
                <input type="hidden" name="kind" value=kind.as_str()/>
                <input type="hidden" name="id" value=item.id/>
                <input type="hidden" name="version" value=item.version/>
                <input type="hidden" name="command" value=command/>
                {back.clone().map(|b| view! { <input type="hidden" name="back" value=b/> })}
                <button type="submit" class=class aria-label=label title=text>{text}</button>
            </form>
        }
    };
    let title = &item.title;
    if item.archived {
        return view! {
            <span class="item-buttons">
                {button("restore", "Restore", format!("Restore “{title}”"), "secondary")}
            </span>
        }
        .into_any();
    }
    view! {
        <span class="item-buttons">
            {movable.then(|| button("up", "↑", format!("Move “{title}” up"), "secondary"))}
            {movable.then(|| button("down", "↓", format!("Move “{title}” down"), "secondary"))}
            {button("remove", "Remove", format!("Remove “{title}”"), "danger")}
        </span>
    }
    .into_any()
}

/// The fields of a target (posted as `t[...]`), for a new target or an existing one.
pub fn target_fields(state: &FormState, t: &TargetFields, indicators: &[IndicatorRef]) -> AnyView {
    let mut indicator_options = vec![(String::new(), "None".to_owned())];
    indicator_options.extend(indicators.iter().map(|i| {
        (
            i.id.to_string(),
            format!("{} {}: {}", i.framework, i.code, i.title),
        )
    }));
    let kind = if t.kind.is_empty() {
        "count"
    } else {
        t.kind.as_str()
    };
    let direction = if t.direction.is_empty() {
        "at_least"
    } else {
        t.direction.as_str()
    };
    let frequency = if t.frequency.is_empty() {
        "quarterly"
    } else {
        t.frequency.as_str()
    };
    view! {
        {field(state, "t[title]", "What the target is", &t.title, Input::Required, Some("For example: 4 forum meetings a year."))}
        {select(state, "t[kind]", "Kind of value", kind, choices(TargetKind::ALL, |k| (k.as_str(), k.label())))}
        <fieldset>
            <legend>"The aim (counts, percentages and amounts)"</legend>
            {select(state, "t[direction]", "Direction", direction, choices(Direction::ALL, |d| (d.as_str(), d.label())))}
            {field(state, "t[target_value]", "Target value (for at least / at most)", &t.target_value, Input::Number, None)}
            {field(state, "t[band_low]", "Bottom of the band (for within)", &t.band_low, Input::Number, None)}
            {field(state, "t[band_high]", "Top of the band (for within)", &t.band_high, Input::Number, None)}
            {field(state, "t[baseline]", "Baseline", &t.baseline, Input::Number, Some("Where it stood when the plan began."))}
            {field(state, "t[unit]", "Unit", &t.unit, Input::Text, Some("For example: meetings, places, referrals."))}
            {field(state, "t[population_per]", "Per this many population", &t.population_per, Input::Number, Some("10000 for “1 refuge place per 10,000 population”; empty otherwise."))}
        </fieldset>
        {field(state, "t[start_date]", "Progress expected from", &t.start_date, Input::Date, None)}
        {field(state, "t[due_date]", "Due date", &t.due_date, Input::Date, None)}
        {select(state, "t[frequency]", "Reports", frequency, choices(Frequency::ALL, |f| (f.as_str(), f.label())))}
        {select(state, "t[indicator]", "Indicator it measures", &t.indicator, indicator_options)}
    }
    .into_any()
}

/// The form's own flash message (problems, notices, what changed meanwhile).
pub fn form_note(flash: &Option<Flash>, form: &str) -> AnyView {
    view! { <crate::components::flash::FlashNote flash=flash.clone() form=form.to_owned()/> }
        .into_any()
}

/// The fields of an indicator: framework, code, title, polarity, checklist items, definition.
pub fn indicator_fields(state: &FormState, e: &crate::domain::editor::IndicatorFields) -> AnyView {
    use crate::domain::plan_form::{Framework, Polarity};
    let framework = if e.framework.is_empty() {
        "local"
    } else {
        e.framework.as_str()
    };
    let polarity = if e.polarity.is_empty() {
        "higher_is_better"
    } else {
        e.polarity.as_str()
    };
    view! {
        {select(state, "framework", "Framework", framework, choices(Framework::ALL, |f| (f.as_str(), f.label())))}
        {field(state, "code", "Code", &e.code, Input::Required, Some("For example: NI32, BV225, or your own such as WDVF-01."))}
        {field(state, "title", "Title", &e.title, Input::Required, None)}
        {select(state, "polarity", "Which way is better", polarity, choices(Polarity::ALL, |p| (p.as_str(), p.label())))}
        {field(state, "checklist", "Checklist items, one per line (checklist indicators only)", &e.checklist, Input::Area, None)}
        {field(state, "definition", "Definition, with its source", &e.definition, Input::Area, None)}
    }
    .into_any()
}

/// The attributes that let the page's script drag a live item to a new place among its siblings
/// (see `components::enhance`); none for an archived item.
pub fn drag_attrs(
    forum: &str,
    kind: ItemKind,
    item: &ItemRow,
) -> Option<(String, &'static str, String, String)> {
    (!item.archived).then(|| {
        (
            item.id.to_string(),
            kind.as_str(),
            forum.to_owned(),
            PlanItem::url().to_owned(),
        )
    })
}
