//! What a coordinator types into the plan's forms, parsed once at the edge into typed values.
//!
//! Each `parse` takes the raw text of a form (what a browser posts) and returns either the typed
//! input or every problem found, each tied to its field so that the page shows the message next
//! to it. Nothing that fails here reaches the database; the schema's constraints back up the same
//! rules (see the migration `m20261123_000001_plan_rules`).
use crate::domain::target::{Direction, Frequency, TargetKind};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A problem with one field of a form.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    /// The form field's name (`title`, `due_date`).
    pub field: String,
    /// What is wrong and what to do, as a sentence.
    pub message: String,
}

/// Collects the problems of one form.
#[derive(Debug, Default)]
pub(crate) struct Problems(Vec<FieldError>);

impl Problems {
    pub(crate) fn add(&mut self, field: &str, message: impl Into<String>) {
        self.0.push(FieldError {
            field: field.to_owned(),
            message: message.into(),
        });
    }

    pub(crate) fn finish<T>(self, value: impl FnOnce() -> T) -> Result<T, Vec<FieldError>> {
        if self.0.is_empty() {
            Ok(value())
        } else {
            Err(self.0)
        }
    }
}

/// A strategy's state.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StrategyStatus {
    /// Being written, not yet agreed.
    Draft,
    /// Agreed and being delivered.
    Active,
    /// Its period is over or it was replaced.
    Closed,
}

crate::domain::target::text_enum!(StrategyStatus, "strategy status",
    Draft => "draft", "Draft",
    Active => "active", "Active",
    Closed => "closed", "Closed",
);

/// The sector a partner agency belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sector {
    /// Police, councils, health, probation and other public bodies.
    Statutory,
    /// Refuges, charities and other voluntary organisations.
    Voluntary,
    /// Community groups.
    Community,
    /// Private companies.
    Private,
}

crate::domain::target::text_enum!(Sector, "sector",
    Statutory => "statutory", "Statutory",
    Voluntary => "voluntary", "Voluntary",
    Community => "community", "Community",
    Private => "private", "Private",
);

/// The framework an indicator comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Framework {
    /// Best Value Performance Indicators (BVPI).
    BestValue,
    /// The National Indicator Set (NI).
    National,
    /// Local Public Service Agreement targets.
    Lpsa,
    /// The police force's Policing Plan.
    PolicingPlan,
    /// The forum's own measure.
    Local,
}

crate::domain::target::text_enum!(Framework, "indicator framework",
    BestValue => "best_value", "Best Value",
    National => "national", "National Indicator",
    Lpsa => "lpsa", "LPSA",
    PolicingPlan => "policing_plan", "Policing Plan",
    Local => "local", "Local",
);

/// Which way an indicator is better.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Polarity {
    /// More is better.
    HigherIsBetter,
    /// Less is better.
    LowerIsBetter,
    /// Best inside a range.
    InBand,
}

crate::domain::target::text_enum!(Polarity, "polarity",
    HigherIsBetter => "higher_is_better", "Higher is better",
    LowerIsBetter => "lower_is_better", "Lower is better",
    InBand => "in_band", "Best within a range",
);

/// Trimmed text, `None` when blank.
pub fn optional_text(text: &str) -> Option<String> {
    let t = text.trim();
    (!t.is_empty()).then(|| t.to_owned())
}

fn required(p: &mut Problems, field: &str, text: &str, what: &str) -> String {
    let t = text.trim();
    if t.is_empty() {
        p.add(field, format!("Enter {what}."));
    } else if t.chars().count() > 500 {
        p.add(
            field,
            format!("Shorten {what} to 500 characters or fewer; put detail in the longer text."),
        );
    }
    t.to_owned()
}

/// A date typed as `2026-03-31` (what a date field posts) or `31/03/2026`.
pub fn parse_date(text: &str) -> Result<Option<NaiveDate>, String> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    NaiveDate::parse_from_str(t, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(t, "%d/%m/%Y"))
        .map(Some)
        .map_err(|_| format!("“{t}” is not a date: write it as 31/03/2026."))
}

pub(crate) fn date(p: &mut Problems, field: &str, text: &str) -> Option<NaiveDate> {
    parse_date(text).unwrap_or_else(|message| {
        p.add(field, message);
        None
    })
}

/// A number as people type it: "1,250", "£2,500", "70%", "-3.5".
pub fn parse_number(text: &str) -> Result<Option<f64>, String> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    let cleaned: String = t
        .trim_start_matches('£')
        .trim_end_matches('%')
        .chars()
        .filter(|c| *c != ',' && !c.is_whitespace())
        .collect();
    match cleaned.parse::<f64>() {
        Ok(v) if v.is_finite() => Ok(Some(v)),
        _ => Err(format!(
            "“{t}” is not a number: write digits, such as 25 or 12.5."
        )),
    }
}

pub(crate) fn number(p: &mut Problems, field: &str, text: &str) -> Option<f64> {
    parse_number(text).unwrap_or_else(|message| {
        p.add(field, message);
        None
    })
}

pub(crate) fn parse_choice<T: std::str::FromStr>(
    p: &mut Problems,
    field: &str,
    text: &str,
    what: &str,
) -> Option<T> {
    match text.trim().parse() {
        Ok(v) => Some(v),
        Err(_) => {
            p.add(field, format!("Choose {what} from the list."));
            None
        }
    }
}

/// A strategy's details.
#[derive(Clone, Debug, PartialEq)]
pub struct StrategyInput {
    /// Title.
    pub title: String,
    /// First day of the period.
    pub period_start: NaiveDate,
    /// Last day of the period.
    pub period_end: NaiveDate,
    /// Aims.
    pub aims: Option<String>,
    /// State.
    pub status: StrategyStatus,
}

impl StrategyInput {
    /// Parses a strategy form.
    ///
    /// # Errors
    /// Every field that is missing or wrong.
    pub fn parse(
        title: &str,
        period_start: &str,
        period_end: &str,
        aims: &str,
        status: &str,
    ) -> Result<Self, Vec<FieldError>> {
        let mut p = Problems::default();
        let title = required(&mut p, "title", title, "the strategy's title");
        let start = date(&mut p, "period_start", period_start);
        let end = date(&mut p, "period_end", period_end);
        if start.is_none() && !p.0.iter().any(|e| e.field == "period_start") {
            p.add(
                "period_start",
                "Enter the first day of the strategy's period.",
            );
        }
        if end.is_none() && !p.0.iter().any(|e| e.field == "period_end") {
            p.add("period_end", "Enter the last day of the strategy's period.");
        }
        if let (Some(s), Some(e)) = (start, end)
            && e <= s
        {
            p.add("period_end", "The period must end after it starts.");
        }
        let status = parse_choice(
            &mut p,
            "status",
            if status.trim().is_empty() {
                "active"
            } else {
                status
            },
            "a status",
        );
        p.finish(|| StrategyInput {
            title,
            period_start: start.unwrap_or_default(),
            period_end: end.unwrap_or_default(),
            aims: optional_text(aims),
            status: status.unwrap_or(StrategyStatus::Active),
        })
    }
}

/// A theme's title.
///
/// # Errors
/// An empty or overlong title.
pub fn parse_theme_title(title: &str) -> Result<String, Vec<FieldError>> {
    let mut p = Problems::default();
    let title = required(&mut p, "title", title, "the theme's title");
    p.finish(|| title)
}

/// Who leads an action.
#[derive(Clone, Debug, PartialEq)]
pub enum LeadChoice {
    /// Nobody named yet.
    Nobody,
    /// A partner already in the directory.
    Existing(i32),
    /// A new partner, added to the directory with this name as the action is saved.
    New(String),
}

/// An action's details.
#[derive(Clone, Debug, PartialEq)]
pub struct ActionInput {
    /// Title.
    pub title: String,
    /// What will be done.
    pub activity: Option<String>,
    /// Lead partner.
    pub lead: LeadChoice,
    /// Supporting partners.
    pub supporting: Vec<i32>,
    /// Resources (funding sources) it uses.
    pub resources: Vec<i32>,
    /// Due date.
    pub due_date: Option<NaiveDate>,
    /// Due, in the plan's own words ("by April 2006").
    pub due_text: Option<String>,
    /// Where it came from ("Domestic Homicide Review recommendation").
    pub origin: Option<String>,
    /// Who to ask about it.
    pub owner_contact: Option<String>,
}

/// The raw text of an action form.
#[derive(Clone, Debug, Default)]
pub struct ActionForm<'a> {
    /// Title.
    pub title: &'a str,
    /// Activity.
    pub activity: &'a str,
    /// Lead partner id, or "".
    pub lead: &'a str,
    /// A new lead partner's name, or "".
    pub new_lead: &'a str,
    /// Supporting partner ids.
    pub supporting: Vec<&'a str>,
    /// Resource ids.
    pub resources: Vec<&'a str>,
    /// Due date.
    pub due_date: &'a str,
    /// Due in words.
    pub due_text: &'a str,
    /// Origin.
    pub origin: &'a str,
    /// Owner contact.
    pub owner_contact: &'a str,
}

fn ids(p: &mut Problems, field: &str, values: &[&str], what: &str) -> Vec<i32> {
    let mut out = Vec::new();
    for v in values {
        match v.trim().parse::<i32>() {
            Ok(id) if !out.contains(&id) => out.push(id),
            Ok(_) => {}
            Err(_) => p.add(field, format!("Choose {what} from the list.")),
        }
    }
    out
}

impl ActionInput {
    /// Parses an action form.
    ///
    /// # Errors
    /// Every field that is missing or wrong.
    pub fn parse(form: &ActionForm<'_>) -> Result<Self, Vec<FieldError>> {
        let mut p = Problems::default();
        let title = required(
            &mut p,
            "title",
            form.title,
            "what the action is (its title)",
        );
        let lead = match (form.lead.trim(), optional_text(form.new_lead)) {
            (_, Some(name)) if name.chars().count() > 200 => {
                p.add(
                    "new_lead",
                    "Shorten the new partner's name to 200 characters or fewer.",
                );
                LeadChoice::Nobody
            }
            ("" | "new", Some(name)) => LeadChoice::New(name),
            ("" | "none", None) => LeadChoice::Nobody,
            ("new", None) => {
                p.add(
                    "new_lead",
                    "Enter the new lead partner's name, or choose one from the list.",
                );
                LeadChoice::Nobody
            }
            (id, None) => match id.parse() {
                Ok(id) => LeadChoice::Existing(id),
                Err(_) => {
                    p.add("lead", "Choose the lead partner from the list.");
                    LeadChoice::Nobody
                }
            },
            (_, Some(_)) => {
                p.add(
                    "new_lead",
                    "Either choose a lead partner from the list or type a new one, not both.",
                );
                LeadChoice::Nobody
            }
        };
        let mut supporting = ids(
            &mut p,
            "supporting",
            &form.supporting,
            "supporting partners",
        );
        if let LeadChoice::Existing(lead) = lead {
            supporting.retain(|id| *id != lead);
        }
        let resources = ids(&mut p, "resources", &form.resources, "resources");
        let due_date = date(&mut p, "due_date", form.due_date);
        p.finish(|| ActionInput {
            title,
            activity: optional_text(form.activity),
            lead,
            supporting,
            resources,
            due_date,
            due_text: optional_text(form.due_text),
            origin: optional_text(form.origin),
            owner_contact: optional_text(form.owner_contact),
        })
    }
}

/// A target's details, checked against its kind.
#[derive(Clone, Debug, PartialEq)]
pub struct TargetInput {
    /// What the target says.
    pub title: String,
    /// Kind of value.
    pub kind: TargetKind,
    /// Unit ("meetings", "places").
    pub unit: Option<String>,
    /// Where it started.
    pub baseline: Option<f64>,
    /// Where it should get to (at least / at most).
    pub target_value: Option<f64>,
    /// Band, low end.
    pub band_low: Option<f64>,
    /// Band, high end.
    pub band_high: Option<f64>,
    /// Which way it is read.
    pub direction: Direction,
    /// From when progress is expected.
    pub start_date: Option<NaiveDate>,
    /// By when.
    pub due_date: Option<NaiveDate>,
    /// How often it reports.
    pub frequency: Frequency,
    /// Indicator it measures.
    pub indicator_id: Option<i32>,
    /// The target is per this many population ("per 10,000").
    pub population_per: Option<i64>,
}

/// The raw text of a target form.
#[derive(Clone, Debug, Default)]
pub struct TargetForm<'a> {
    /// Title.
    pub title: &'a str,
    /// Kind.
    pub kind: &'a str,
    /// Unit.
    pub unit: &'a str,
    /// Baseline.
    pub baseline: &'a str,
    /// Target value.
    pub target_value: &'a str,
    /// Band low.
    pub band_low: &'a str,
    /// Band high.
    pub band_high: &'a str,
    /// Direction.
    pub direction: &'a str,
    /// Start date.
    pub start_date: &'a str,
    /// Due date.
    pub due_date: &'a str,
    /// Frequency.
    pub frequency: &'a str,
    /// Indicator id or "".
    pub indicator: &'a str,
    /// Population base or "".
    pub population_per: &'a str,
}

pub(crate) fn check_value(p: &mut Problems, kind: TargetKind, field: &str, value: Option<f64>) {
    let Some(v) = value else { return };
    match kind {
        TargetKind::Percentage if !(0.0..=100.0).contains(&v) => {
            p.add(field, "A percentage is between 0 and 100.");
        }
        TargetKind::Count if v < 0.0 || v.fract() != 0.0 => {
            p.add(field, "A count is a whole number, 0 or more.");
        }
        TargetKind::Currency if v < 0.0 => p.add(field, "An amount is 0 or more."),
        _ => {}
    }
}

impl TargetInput {
    /// Parses a target form, checking each value against the target's kind.
    ///
    /// # Errors
    /// Every field that is missing or wrong.
    pub fn parse(form: &TargetForm<'_>) -> Result<Self, Vec<FieldError>> {
        let mut p = Problems::default();
        let title = required(
            &mut p,
            "title",
            form.title,
            "what the target is (its title)",
        );
        let kind: Option<TargetKind> =
            parse_choice(&mut p, "kind", form.kind, "the kind of target");
        let direction_text = if form.direction.trim().is_empty() {
            "at_least"
        } else {
            form.direction
        };
        let direction: Option<Direction> =
            parse_choice(&mut p, "direction", direction_text, "a direction");
        let frequency_text = if form.frequency.trim().is_empty() {
            "quarterly"
        } else {
            form.frequency
        };
        let frequency: Option<Frequency> =
            parse_choice(&mut p, "frequency", frequency_text, "how often it reports");
        let mut baseline = number(&mut p, "baseline", form.baseline);
        let mut target_value = number(&mut p, "target_value", form.target_value);
        let mut band_low = number(&mut p, "band_low", form.band_low);
        let mut band_high = number(&mut p, "band_high", form.band_high);
        let start_date = date(&mut p, "start_date", form.start_date);
        let due_date = date(&mut p, "due_date", form.due_date);
        let indicator_id = match form.indicator.trim() {
            "" | "none" => None,
            id => match id.parse() {
                Ok(id) => Some(id),
                Err(_) => {
                    p.add("indicator", "Choose the indicator from the list.");
                    None
                }
            },
        };
        let population_per = match form.population_per.trim().replace(',', "").as_str() {
            "" => None,
            n => match n.parse::<i64>() {
                Ok(n) if n > 0 => Some(n),
                _ => {
                    p.add(
                        "population_per",
                        "Write the population base as a whole number, such as 10000 (for “per 10,000 population”), or leave it empty.",
                    );
                    None
                }
            },
        };
        let mut direction = direction.unwrap_or(Direction::AtLeast);
        if let Some(kind) = kind {
            let numeric = matches!(
                kind,
                TargetKind::Count | TargetKind::Percentage | TargetKind::Currency
            );
            if numeric {
                for (field, value) in [
                    ("baseline", baseline),
                    ("target_value", target_value),
                    ("band_low", band_low),
                    ("band_high", band_high),
                ] {
                    check_value(&mut p, kind, field, value);
                }
                if direction == Direction::InBand {
                    match (band_low, band_high) {
                        (Some(lo), Some(hi)) if lo >= hi => {
                            p.add("band_high", "The top of the band must be above its bottom.");
                        }
                        (Some(_), Some(_)) => {}
                        _ => {
                            if band_low.is_none() {
                                p.add("band_low", "Enter the bottom of the band.");
                            }
                            if band_high.is_none() {
                                p.add("band_high", "Enter the top of the band.");
                            }
                        }
                    }
                    target_value = None;
                } else {
                    if target_value.is_none() && !p.0.iter().any(|e| e.field == "target_value") {
                        p.add(
                            "target_value",
                            format!(
                                "Enter the value to reach ({} what), or choose “within” to give a band.",
                                direction.label()
                            ),
                        );
                    }
                    band_low = None;
                    band_high = None;
                }
            } else {
                if population_per.is_some() {
                    p.add(
                        "population_per",
                        "Only a count, percentage or amount can be per head of population.",
                    );
                }
                for (field, value) in [
                    ("baseline", baseline),
                    ("target_value", target_value),
                    ("band_low", band_low),
                    ("band_high", band_high),
                ] {
                    if value.is_some() {
                        p.add(
                            field,
                            format!(
                                "A {} target has no numbers: leave this empty.",
                                kind.label().to_lowercase()
                            ),
                        );
                    }
                }
                baseline = None;
                target_value = None;
                band_low = None;
                band_high = None;
                direction = Direction::AtLeast;
                if kind == TargetKind::Milestone
                    && due_date.is_none()
                    && !p.0.iter().any(|e| e.field == "due_date")
                {
                    p.add(
                        "due_date",
                        "A milestone needs the date by which it is to be reached.",
                    );
                }
            }
        }
        if let (Some(s), Some(d)) = (start_date, due_date)
            && d < s
        {
            p.add("due_date", "The due date is before the start date.");
        }
        p.finish(|| TargetInput {
            title,
            kind: kind.unwrap_or(TargetKind::Text),
            unit: optional_text(form.unit),
            baseline,
            target_value,
            band_low,
            band_high,
            direction,
            start_date,
            due_date,
            frequency: frequency.unwrap_or(Frequency::Quarterly),
            indicator_id,
            population_per,
        })
    }
}

/// Splits a list typed one per line (or separated by semicolons) into trimmed, distinct items.
pub fn parse_list(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for item in text.split(['\n', ';']) {
        let item = item.trim();
        if !item.is_empty() && !out.iter().any(|o| o.eq_ignore_ascii_case(item)) {
            out.push(item.to_owned());
        }
    }
    out
}

/// A partner agency's details.
#[derive(Clone, Debug, PartialEq)]
pub struct PartnerInput {
    /// Full name.
    pub name: String,
    /// Short name ("WDVF").
    pub short_name: Option<String>,
    /// Sector.
    pub sector: Sector,
    /// Other names used in spreadsheets.
    pub aliases: Vec<String>,
}

impl PartnerInput {
    /// Parses a partner form.
    ///
    /// # Errors
    /// Every field that is missing or wrong.
    pub fn parse(
        name: &str,
        short_name: &str,
        sector: &str,
        aliases: &str,
    ) -> Result<Self, Vec<FieldError>> {
        let mut p = Problems::default();
        let name = required(&mut p, "name", name, "the agency's name");
        let sector = parse_choice(&mut p, "sector", sector, "a sector");
        let aliases: Vec<String> = parse_list(aliases)
            .into_iter()
            .filter(|a| !a.eq_ignore_ascii_case(&name))
            .collect();
        p.finish(|| PartnerInput {
            name,
            short_name: optional_text(short_name),
            sector: sector.unwrap_or(Sector::Statutory),
            aliases,
        })
    }
}

/// A resource's details.
#[derive(Clone, Debug, PartialEq)]
pub struct ResourceInput {
    /// Funding source or budget line.
    pub name: String,
    /// Amount in pence.
    pub amount_pence: Option<i64>,
    /// Posts funded.
    pub posts: Option<f64>,
    /// Whether the funding is at risk.
    pub at_risk: bool,
    /// Notes.
    pub notes: Option<String>,
}

impl ResourceInput {
    /// Parses a resource form.
    ///
    /// # Errors
    /// Every field that is missing or wrong.
    pub fn parse(
        name: &str,
        amount: &str,
        posts: &str,
        at_risk: bool,
        notes: &str,
    ) -> Result<Self, Vec<FieldError>> {
        let mut p = Problems::default();
        let name = required(&mut p, "name", name, "the funding source's name");
        let amount = number(&mut p, "amount", amount);
        if amount.is_some_and(|a| !(0.0..=1e12).contains(&a)) {
            p.add("amount", "An amount is 0 or more, in pounds.");
        }
        let posts = number(&mut p, "posts", posts);
        if posts.is_some_and(|v| !(0.0..=100_000.0).contains(&v)) {
            p.add("posts", "Posts are 0 or more (1.5 for a post and a half).");
        }
        p.finish(|| ResourceInput {
            name,
            #[expect(clippy::cast_possible_truncation, reason = "bounded above")]
            amount_pence: amount.map(|a| (a * 100.0).round() as i64),
            posts,
            at_risk,
            notes: optional_text(notes),
        })
    }
}

/// An indicator's details.
#[derive(Clone, Debug, PartialEq)]
pub struct IndicatorInput {
    /// Framework.
    pub framework: Framework,
    /// Code ("NI32").
    pub code: String,
    /// Title.
    pub title: String,
    /// Definition, with its source.
    pub definition: Option<String>,
    /// Which way is better.
    pub polarity: Polarity,
    /// For a checklist indicator, the items the forum checks.
    pub checklist: Vec<String>,
}

impl IndicatorInput {
    /// Parses an indicator form.
    ///
    /// # Errors
    /// Every field that is missing or wrong.
    pub fn parse(
        framework: &str,
        code: &str,
        title: &str,
        definition: &str,
        polarity: &str,
        checklist: &str,
    ) -> Result<Self, Vec<FieldError>> {
        let mut p = Problems::default();
        let framework = parse_choice(&mut p, "framework", framework, "a framework");
        let code = required(&mut p, "code", code, "the indicator's code");
        let title = required(&mut p, "title", title, "the indicator's title");
        let polarity = parse_choice(&mut p, "polarity", polarity, "which way is better");
        p.finish(|| IndicatorInput {
            framework: framework.unwrap_or(Framework::Local),
            code,
            title,
            definition: optional_text(definition),
            polarity: polarity.unwrap_or(Polarity::HigherIsBetter),
            checklist: parse_list(checklist),
        })
    }
}

/// An indicator of the starter set an installation ships, which a forum can adopt.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct StarterIndicator {
    /// Framework.
    pub framework: Framework,
    /// Code.
    pub code: &'static str,
    /// Title.
    pub title: &'static str,
    /// Definition, ending with its sources.
    pub definition: &'static str,
    /// Which way is better.
    pub polarity: Polarity,
    /// Whether it is a checklist whose items the forum enters.
    pub checklist: bool,
}

/// The starter set: only definitions that can be sourced, with the source in the definition.
pub const STARTER_INDICATORS: &[StarterIndicator] = &[
    StarterIndicator {
        framework: Framework::National,
        code: "NI32",
        title: "Repeat incidents of domestic violence",
        definition: "Repeat victimisation among the highest-risk cases: of the cases heard at the \
            Multi-Agency Risk Assessment Conference (MARAC), the share that are repeat cases, a \
            repeat case being one referred to the MARAC before in which a further incident is \
            identified within 12 months of the last referral. Lower is better. Sources: National \
            Indicator Set, Communities and Local Government (2008), as reported in Local Area \
            Agreements (polarity “low”); the definition of a repeat MARAC case by SafeLives \
            (safelives.org.uk/definition-repeat-marac).",
        polarity: Polarity::LowerIsBetter,
        checklist: false,
    },
    StarterIndicator {
        framework: Framework::BestValue,
        code: "BV225",
        title: "Actions against domestic violence",
        definition: "A checklist of actions a local authority and its partners take against \
            domestic violence (among them a directory of services, refuge places, a domestic \
            violence coordinator, a multi-agency forum, an information-sharing protocol between \
            the key statutory agencies, and a sanctuary scheme); the indicator is the share of \
            the checklist in place. Enter the checklist items from the Office of the Deputy Prime \
            Minister's BVPI 225 definitions (2005/06). Source: ODPM Best Value Performance \
            Indicator definitions, as reproduced in Safe Newcastle's Domestic Violence and \
            Abuse Reduction Strategy 2006–2008, Appendix 1.",
        polarity: Polarity::HigherIsBetter,
        checklist: true,
    },
];

/// A kind of plan record that the move and remove buttons act on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemKind {
    /// A strategy.
    Strategy,
    /// A theme of a strategy.
    Theme,
    /// An action of a theme.
    Action,
    /// A target of an action.
    Target,
    /// A partner agency.
    Partner,
    /// A resource (funding source).
    Resource,
    /// An indicator.
    Indicator,
}

crate::domain::target::text_enum!(ItemKind, "kind of record",
    Strategy => "strategy", "strategy",
    Theme => "theme", "theme",
    Action => "action", "action",
    Target => "target", "target",
    Partner => "partner", "partner agency",
    Resource => "resource", "resource",
    Indicator => "indicator", "indicator",
);

/// What a button does to a plan record.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemCommand {
    /// One place earlier among its siblings.
    Up,
    /// One place later among its siblings.
    Down,
    /// Out of the live plan: deleted while nothing is recorded against it, archived otherwise.
    Remove,
    /// Back into the live plan from the archive.
    Restore,
}

crate::domain::target::text_enum!(ItemCommand, "command",
    Up => "up", "Move up",
    Down => "down", "Move down",
    Remove => "remove", "Remove",
    Restore => "restore", "Restore",
);

/// The new positions after moving `id` one place `up` (or down) among `siblings`, given in their
/// current order: every sibling gets its index as its position, so that gaps and ties left by
/// imports or deletions are straightened out. Returns the (id, position) pairs that change, or
/// nothing when the move is not possible (first moved up, last moved down, unknown id).
pub fn reorder(siblings: &[(i32, i32)], id: i32, up: bool) -> Vec<(i32, i32)> {
    let Some(at) = siblings.iter().position(|(s, _)| *s == id) else {
        return Vec::new();
    };
    let to = if up { at.checked_sub(1) } else { Some(at + 1) };
    match to.filter(|t| *t < siblings.len()) {
        Some(to) => move_to(siblings, id, to),
        None => Vec::new(),
    }
}

/// The new positions after moving `id` to place `index` (0 = first) among `siblings`, given in
/// their current order (what dragging an item onto another does); an index past the end means
/// last. Returns the (id, position) pairs that change; nothing for an unknown id.
pub fn move_to(siblings: &[(i32, i32)], id: i32, index: usize) -> Vec<(i32, i32)> {
    let Some(at) = siblings.iter().position(|(s, _)| *s == id) else {
        return Vec::new();
    };
    let mut order: Vec<i32> = siblings.iter().map(|(s, _)| *s).collect();
    let moved = order.remove(at);
    order.insert(index.min(order.len()), moved);
    order
        .iter()
        .enumerate()
        .filter_map(|(i, s)| {
            let position = i32::try_from(i).unwrap_or(i32::MAX);
            let old = siblings.iter().find(|(o, _)| o == s).map(|(_, p)| *p);
            (old != Some(position)).then_some((*s, position))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(errors: &[FieldError]) -> Vec<&str> {
        errors.iter().map(|e| e.field.as_str()).collect()
    }

    #[test]
    fn a_strategy_needs_a_title_and_a_period_that_ends_after_it_starts() {
        let s = StrategyInput::parse("Plan", "2005-04-01", "31/03/2007", "  ", "").expect("valid");
        assert_eq!(
            s.period_end,
            NaiveDate::from_ymd_opt(2007, 3, 31).expect("date")
        );
        assert_eq!(s.aims, None);
        assert_eq!(s.status, StrategyStatus::Active);
        let e = StrategyInput::parse(" ", "2007-04-01", "2005-03-31", "", "active")
            .expect_err("refused");
        assert_eq!(fields(&e), ["title", "period_end"]);
        let e = StrategyInput::parse("Plan", "", "soon", "", "done").expect_err("refused");
        assert_eq!(fields(&e), ["period_end", "period_start", "status"]);
        assert!(e[0].message.contains("“soon” is not a date"), "{e:?}");
    }

    fn target(kind: &str, direction: &str, value: &str) -> TargetForm<'static> {
        TargetForm {
            title: "Refuge places",
            kind: Box::leak(kind.to_owned().into_boxed_str()),
            direction: Box::leak(direction.to_owned().into_boxed_str()),
            target_value: Box::leak(value.to_owned().into_boxed_str()),
            ..TargetForm::default()
        }
    }

    #[test]
    fn target_values_must_suit_the_kind() {
        let ok = TargetInput::parse(&target("percentage", "at_least", "70%")).expect("valid");
        assert_eq!(ok.target_value, Some(70.0));
        assert_eq!(ok.frequency, Frequency::Quarterly);
        let e = TargetInput::parse(&target("percentage", "at_least", "120")).expect_err("refused");
        assert_eq!(fields(&e), ["target_value"]);
        assert!(e[0].message.contains("between 0 and 100"));
        let e = TargetInput::parse(&target("count", "at_most", "2.5")).expect_err("refused");
        assert!(e[0].message.contains("whole number"));
        assert_eq!(
            TargetInput::parse(&target("count", "at_least", "1,250"))
                .expect("valid")
                .target_value,
            Some(1250.0)
        );
        let e = TargetInput::parse(&target("count", "at_least", "")).expect_err("refused");
        assert_eq!(fields(&e), ["target_value"]);
        let e = TargetInput::parse(&target("currency", "at_least", "-5")).expect_err("refused");
        assert_eq!(fields(&e), ["target_value"]);
        let e = TargetInput::parse(&target("colour", "sideways", "x")).expect_err("refused");
        assert_eq!(fields(&e), ["kind", "direction", "target_value"]);
    }

    #[test]
    fn a_band_needs_both_ends_and_its_low_below_its_high() {
        let mut f = target("count", "in_band", "");
        f.band_low = "30";
        f.band_high = "20";
        let e = TargetInput::parse(&f).expect_err("refused");
        assert_eq!(fields(&e), ["band_high"]);
        f.band_high = "30";
        assert_eq!(
            fields(&TargetInput::parse(&f).expect_err("refused")),
            ["band_high"]
        );
        f.band_high = "45";
        let ok = TargetInput::parse(&f).expect("valid band");
        assert_eq!(
            (ok.band_low, ok.band_high, ok.target_value),
            (Some(30.0), Some(45.0), None)
        );
        f.band_high = "";
        assert_eq!(
            fields(&TargetInput::parse(&f).expect_err("refused")),
            ["band_high"]
        );
    }

    #[test]
    fn yes_no_and_milestones_have_no_numbers_and_milestones_need_a_date() {
        let e = TargetInput::parse(&target("yes_no", "at_least", "4")).expect_err("refused");
        assert_eq!(fields(&e), ["target_value"]);
        let ok = TargetInput::parse(&target("yes_no", "at_least", "")).expect("valid");
        assert_eq!(ok.kind, TargetKind::YesNo);
        let e = TargetInput::parse(&target("milestone", "", "")).expect_err("refused");
        assert_eq!(fields(&e), ["due_date"]);
        let mut f = target("milestone", "", "");
        f.due_date = "2006-04-30";
        f.start_date = "2006-05-01";
        assert_eq!(
            fields(&TargetInput::parse(&f).expect_err("refused")),
            ["due_date"]
        );
        f.start_date = "";
        assert!(TargetInput::parse(&f).is_ok());
    }

    #[test]
    fn population_base_is_a_positive_whole_number_on_numeric_targets() {
        let mut f = target("count", "at_least", "1");
        f.population_per = "10,000";
        assert_eq!(
            TargetInput::parse(&f).expect("valid").population_per,
            Some(10_000)
        );
        f.population_per = "-3";
        assert_eq!(
            fields(&TargetInput::parse(&f).expect_err("refused")),
            ["population_per"]
        );
        let mut f = target("text", "", "");
        f.population_per = "10000";
        assert_eq!(
            fields(&TargetInput::parse(&f).expect_err("refused")),
            ["population_per"]
        );
    }

    #[test]
    fn an_action_lead_is_chosen_or_created_in_place_but_not_both() {
        let form = ActionForm {
            title: "Information Sharing Protocol",
            lead: "3",
            supporting: vec!["3", "4", "4"],
            ..ActionForm::default()
        };
        let a = ActionInput::parse(&form).expect("valid");
        assert_eq!(a.lead, LeadChoice::Existing(3));
        assert_eq!(
            a.supporting,
            [4],
            "the lead is not also a supporter; no duplicates"
        );
        let a = ActionInput::parse(&ActionForm {
            lead: "",
            new_lead: " Victim Support ",
            ..form.clone()
        })
        .expect("valid");
        assert_eq!(a.lead, LeadChoice::New("Victim Support".to_owned()));
        let e = ActionInput::parse(&ActionForm {
            new_lead: "Victim Support",
            ..form.clone()
        })
        .expect_err("refused");
        assert_eq!(fields(&e), ["new_lead"]);
        let e = ActionInput::parse(&ActionForm {
            title: "",
            due_date: "31 March",
            ..form
        })
        .expect_err("refused");
        assert_eq!(fields(&e), ["title", "due_date"]);
    }

    #[test]
    fn partners_resources_and_indicators_parse() {
        let p = PartnerInput::parse(
            "Safer Wolverhampton Partnership",
            "SWP",
            "statutory",
            "Safer W'ton\nswp; Safer Wolverhampton Partnership\nSafer W'ton",
        )
        .expect("valid");
        assert_eq!(p.aliases, ["Safer W'ton", "swp"]);
        assert_eq!(
            fields(&PartnerInput::parse("", "", "public", "").expect_err("refused")),
            ["name", "sector"]
        );
        let r = ResourceInput::parse("Supporting People", "£12,500.50", "1.5", true, "")
            .expect("valid");
        assert_eq!(r.amount_pence, Some(1_250_050));
        assert_eq!(
            fields(&ResourceInput::parse("X", "-1", "lots", false, "").expect_err("refused")),
            ["amount", "posts"]
        );
        let i = IndicatorInput::parse(
            "best_value",
            "BV225",
            "Actions",
            "",
            "higher_is_better",
            "Directory\n\nRefuge places",
        )
        .expect("valid");
        assert_eq!(i.checklist, ["Directory", "Refuge places"]);
        assert_eq!(
            fields(&IndicatorInput::parse("", "", "", "", "", "").expect_err("refused")),
            ["framework", "code", "title", "polarity"]
        );
    }

    #[test]
    fn reordering_swaps_neighbours_and_straightens_positions() {
        let siblings = [(10, 0), (11, 1), (12, 2)];
        assert_eq!(reorder(&siblings, 11, true), [(11, 0), (10, 1)]);
        assert_eq!(reorder(&siblings, 11, false), [(12, 1), (11, 2)]);
        assert!(reorder(&siblings, 10, true).is_empty());
        assert!(reorder(&siblings, 12, false).is_empty());
        assert!(reorder(&siblings, 99, true).is_empty());
        // Ties and gaps (from an import) become 0, 1, 2 with the move applied.
        assert_eq!(
            reorder(&[(1, 5), (2, 5), (3, 9)], 3, true),
            [(1, 0), (3, 1), (2, 2)]
        );
        // Dragging: the first to the end, the last to the front, past the end means last.
        assert_eq!(move_to(&siblings, 10, 2), [(11, 0), (12, 1), (10, 2)]);
        assert_eq!(move_to(&siblings, 12, 0), [(12, 0), (10, 1), (11, 2)]);
        assert_eq!(move_to(&siblings, 10, 99), move_to(&siblings, 10, 2));
        assert!(move_to(&siblings, 11, 1).is_empty());
    }

    #[test]
    fn the_starter_set_states_its_sources() {
        for s in STARTER_INDICATORS {
            assert!(s.definition.contains("Source"), "{}", s.code);
        }
        let ni32 = STARTER_INDICATORS
            .iter()
            .find(|s| s.code == "NI32")
            .expect("NI32");
        assert_eq!(ni32.polarity, Polarity::LowerIsBetter);
        assert!(STARTER_INDICATORS.iter().any(|s| s.checklist));
    }
}
