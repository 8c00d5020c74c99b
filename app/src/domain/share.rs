//! Share links: read-only reports for funders and commissioners, who have no account.
//!
//! A coordinator makes a link to a report on one strategy, one theme, or the actions one
//! resource (a funding source) pays for; chooses what it shows and when it expires; and can
//! revoke it. The link's token is 256 random bits; only its SHA-256 is stored. The report never
//! shows internal narratives (only those marked public when they were recorded), nothing
//! editable, and applies the forum's small-number threshold ([`crate::domain::suppress`]).
use crate::domain::plan_form::{FieldError, Problems};
use crate::domain::status::Status;
use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};

/// What a report covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ScopeKind {
    /// One strategy, every theme.
    Strategy,
    /// One theme of a strategy.
    Theme,
    /// The actions a resource (funding source) pays for, across the live strategies.
    Resource,
}

crate::domain::target::text_enum!(ScopeKind, "report scope",
    Strategy => "strategy", "A strategy",
    Theme => "theme", "A theme",
    Resource => "resource", "What a funding source pays for",
);

/// One part of a report that a link may show.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Part {
    /// Each action's and target's status, and the counts by status.
    Statuses,
    /// The latest approved figure of each target (small numbers suppressed).
    Values,
    /// The narratives marked public when they were recorded.
    Narratives,
    /// The chart of targets by status and theme.
    Charts,
}

crate::domain::target::text_enum!(Part, "report part",
    Statuses => "statuses", "Statuses",
    Values => "values", "Latest figures (small numbers suppressed)",
    Narratives => "narratives", "Narratives marked public",
    Charts => "charts", "Chart of targets by status",
);

/// The longest a link may stay open.
pub const MAX_DAYS: u64 = 731;
/// The expiry a new link is offered.
pub const DEFAULT_DAYS: u64 = 90;

/// A new link as the coordinator asked for it, checked.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NewShare {
    /// What the link is for ("Supporting People, 2006/07 monitoring").
    pub label: String,
    /// What it covers.
    pub scope: ScopeKind,
    /// The strategy, theme or resource.
    pub scope_id: i32,
    /// What it shows, in [`Part`] order, at least one.
    pub parts: Vec<Part>,
    /// The last day it opens.
    pub expires_on: NaiveDate,
}

/// The text of the "new share link" form as posted.
#[derive(Clone, Debug, Default)]
pub struct NewShareForm<'a> {
    /// Label.
    pub label: &'a str,
    /// `strategy:3`, `theme:12` or `resource:4`.
    pub scope: &'a str,
    /// The parts ticked, by stored name.
    pub parts: &'a [String],
    /// yyyy-mm-dd.
    pub expires_on: &'a str,
}

impl NewShare {
    /// Parses the form; `today` bounds the expiry (from tomorrow to [`MAX_DAYS`] ahead).
    ///
    /// # Errors
    /// Each field that is missing or wrong, with what to do.
    pub fn parse(form: &NewShareForm<'_>, today: NaiveDate) -> Result<NewShare, Vec<FieldError>> {
        let mut p = Problems::default();
        let label = form.label.trim().to_owned();
        if label.is_empty() {
            p.add(
                "label",
                "Say who the link is for, such as “Supporting People, 2006/07 monitoring”.",
            );
        } else if label.chars().count() > 200 {
            p.add("label", "Shorten the label to 200 characters or fewer.");
        }
        let scope = form
            .scope
            .split_once(':')
            .and_then(|(k, id)| Some((k.parse::<ScopeKind>().ok()?, id.parse::<i32>().ok()?)));
        if scope.is_none() {
            p.add(
                "scope",
                "Choose what the report covers: a strategy, a theme or a funding source.",
            );
        }
        let mut parts = Vec::new();
        for name in form.parts {
            match name.parse::<Part>() {
                Ok(part) if !parts.contains(&part) => parts.push(part),
                Ok(_) => {}
                Err(_) => p.add(
                    "shows",
                    format!("“{name}” is not something a report shows."),
                ),
            }
        }
        parts.sort();
        if parts.is_empty() && form.parts.is_empty() {
            p.add("shows", "Tick at least one thing for the report to show.");
        }
        let latest = today.checked_add_days(Days::new(MAX_DAYS)).unwrap_or(today);
        let expires_on = match NaiveDate::parse_from_str(form.expires_on.trim(), "%Y-%m-%d") {
            Ok(d) if d <= today => {
                p.add("expires_on", "Choose an expiry date after today.");
                None
            }
            Ok(d) if d > latest => {
                p.add(
                    "expires_on",
                    format!(
                        "A link can stay open for two years at most: choose {} or earlier.",
                        latest.format("%-d %B %Y")
                    ),
                );
                None
            }
            Ok(d) => Some(d),
            Err(_) => {
                p.add(
                    "expires_on",
                    "Give the expiry as a date, such as 2027-03-31.",
                );
                None
            }
        };
        p.finish(|| {
            let (scope, scope_id) = scope.unwrap_or((ScopeKind::Strategy, 0));
            NewShare {
                label,
                scope,
                scope_id,
                parts,
                expires_on: expires_on.unwrap_or(today),
            }
        })
    }
}

/// Where a link stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LinkState {
    /// It opens.
    Open,
    /// Its expiry has passed.
    Expired,
    /// A coordinator revoked it.
    Revoked,
}

impl LinkState {
    /// "Open", "Expired", "Revoked".
    pub fn label(self) -> &'static str {
        match self {
            LinkState::Open => "Open",
            LinkState::Expired => "Expired",
            LinkState::Revoked => "Revoked",
        }
    }
}

/// One link on the forum's share links page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ShareLinkRow {
    /// Database id.
    pub id: i32,
    /// What it is for.
    pub label: String,
    /// What it covers, in words ("Theme: Protection and Justice").
    pub scope: String,
    /// What it shows.
    pub parts: Vec<Part>,
    /// The last day it opens.
    pub expires_on: Option<NaiveDate>,
    /// Who made it.
    pub created_by: Option<String>,
    /// When.
    pub created_on: NaiveDate,
    /// Open, expired or revoked.
    pub state: LinkState,
}

/// A choice of scope for the form: (`kind:id`, label).
pub type ScopeChoice = (String, String);

/// The forum's share links page (coordinators).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ShareLinksPage {
    /// The forum.
    pub forum: crate::domain::views::ForumRef,
    /// Its links, newest first.
    pub links: Vec<ShareLinkRow>,
    /// Strategies to choose from.
    pub strategies: Vec<ScopeChoice>,
    /// Themes, labelled with their strategy.
    pub themes: Vec<ScopeChoice>,
    /// Resources (funding sources).
    pub resources: Vec<ScopeChoice>,
    /// The expiry the form offers.
    pub default_expiry: NaiveDate,
    /// The forum's small-number threshold.
    pub threshold: u32,
}

/// A target as a funder sees it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReportTarget {
    /// What the target says.
    pub title: String,
    /// The aim in words.
    pub aim: String,
    /// Status, when the link shows statuses.
    pub status: Option<Status>,
    /// The latest approved figure (suppressed where small), when the link shows values.
    pub latest: Option<String>,
    /// Whether the figure was suppressed.
    pub suppressed: bool,
    /// The period of that figure.
    pub period: Option<String>,
    /// The latest approved narrative marked public, when the link shows narratives.
    pub narrative: Option<String>,
    /// The period that narrative reports on.
    pub narrative_period: Option<String>,
}

/// An action as a funder sees it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReportAction {
    /// Title.
    pub title: String,
    /// The lead agency's name.
    pub lead: Option<String>,
    /// Due, as the plan states it.
    pub due: Option<String>,
    /// Rolled-up status, when the link shows statuses.
    pub status: Option<Status>,
    /// Targets.
    pub targets: Vec<ReportTarget>,
}

/// A theme (or, for a resource's report, a strategy's theme) as a funder sees it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReportSection {
    /// "Protection and Justice" (with the strategy for a resource's report).
    pub title: String,
    /// Rolled-up status, when the link shows statuses.
    pub status: Option<Status>,
    /// Actions.
    pub actions: Vec<ReportAction>,
}

/// The read-only report a share link opens.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FunderReport {
    /// The forum's name.
    pub forum: String,
    /// The link's label.
    pub label: String,
    /// What it covers ("Wolverhampton Domestic Violence Action Plan 2005–2007").
    pub title: String,
    /// The strategy's period ("April 2005 – March 2007"), or the periods of several.
    pub period: String,
    /// The date the position is given at (the forum's date).
    pub as_of: NaiveDate,
    /// The reporting quarter just ended, whose figures are the latest ("2006/07 Q1").
    pub quarter: String,
    /// What the link shows.
    pub parts: Vec<Part>,
    /// Targets by status, most urgent first (when statuses are shown).
    pub tally: Vec<(Status, u32)>,
    /// The status chart (SVG), when charts are shown.
    pub chart: Option<String>,
    /// The plan.
    pub sections: Vec<ReportSection>,
    /// The forum's small-number threshold.
    pub threshold: u32,
    /// How many figures were suppressed.
    pub suppressed: u32,
    /// The last day the link opens.
    pub expires_on: Option<NaiveDate>,
}

impl FunderReport {
    /// Whether the report shows `part`.
    pub fn shows(&self, part: Part) -> bool {
        self.parts.contains(&part)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    fn parse(
        label: &str,
        scope: &str,
        parts: &[&str],
        expires: &str,
    ) -> Result<NewShare, Vec<FieldError>> {
        let parts: Vec<String> = parts.iter().map(|p| (*p).to_owned()).collect();
        NewShare::parse(
            &NewShareForm {
                label,
                scope,
                parts: &parts,
                expires_on: expires,
            },
            day("2006-10-20"),
        )
    }

    fn fields(r: Result<NewShare, Vec<FieldError>>) -> Vec<String> {
        r.expect_err("refused")
            .into_iter()
            .map(|e| e.field)
            .collect()
    }

    #[test]
    fn a_complete_form_parses_with_its_parts_in_order_and_once() {
        let s = parse(
            " Supporting People ",
            "resource:4",
            &["values", "statuses", "values"],
            "2007-01-31",
        )
        .expect("parses");
        assert_eq!(s.label, "Supporting People");
        assert_eq!((s.scope, s.scope_id), (ScopeKind::Resource, 4));
        assert_eq!(s.parts, vec![Part::Statuses, Part::Values]);
        assert_eq!(s.expires_on, day("2007-01-31"));
    }

    #[test]
    fn each_missing_or_wrong_field_is_named() {
        assert_eq!(
            fields(parse("", "strategy:1", &["statuses"], "2007-01-31")),
            ["label"]
        );
        assert_eq!(
            fields(parse("x", "", &["statuses"], "2007-01-31")),
            ["scope"]
        );
        assert_eq!(
            fields(parse("x", "party:1", &["statuses"], "2007-01-31")),
            ["scope"]
        );
        assert_eq!(
            fields(parse("x", "theme:abc", &["statuses"], "2007-01-31")),
            ["scope"]
        );
        assert_eq!(fields(parse("x", "theme:1", &[], "2007-01-31")), ["shows"]);
        assert_eq!(
            fields(parse("x", "theme:1", &["secrets"], "2007-01-31")),
            ["shows"]
        );
        assert_eq!(
            fields(parse("x", "theme:1", &["charts"], "soon")),
            ["expires_on"]
        );
    }

    #[test]
    fn the_expiry_is_after_today_and_within_two_years() {
        assert_eq!(
            fields(parse("x", "theme:1", &["charts"], "2006-10-20")),
            ["expires_on"]
        );
        assert!(parse("x", "theme:1", &["charts"], "2006-10-21").is_ok());
        assert!(parse("x", "theme:1", &["charts"], "2008-10-20").is_ok());
        assert_eq!(
            fields(parse("x", "theme:1", &["charts"], "2008-10-21")),
            ["expires_on"]
        );
    }
}
