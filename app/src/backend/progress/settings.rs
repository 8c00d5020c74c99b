//! A forum's reporting settings: its financial year, when returns are due, the amber tolerance,
//! its population, the small-number threshold and (for a training forum) a fixed date.
use super::reporting_note;
use crate::backend::entity::forum;
use crate::backend::error::{BackendError, BackendResult};
use crate::backend::plan::forum_ref;
use crate::backend::plan_edit::common::{Fields, claim, num};
use crate::backend::plan_edit::{Editor, Saved};
use crate::domain::plan_form::{FieldError, parse_date, parse_number};
use crate::domain::progress::ForumSettings;
use chrono::NaiveDate;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, IntoActiveModel, QueryFilter, Set,
    TransactionSession, TransactionTrait,
};

/// The settings page's content.
pub fn forum_settings(f: &forum::Model, today: NaiveDate) -> ForumSettings {
    ForumSettings {
        forum: forum_ref(f),
        version: f.version,
        fy_start_month: u32::try_from(f.fy_start_month).unwrap_or(4),
        return_days: f.return_days,
        amber_tolerance: f.amber_tolerance,
        population: f.population,
        small_number_threshold: f.small_number_threshold,
        fixed_date: f.fixed_date,
        reporting: reporting_note(f, super::forum_today(f, today)),
    }
}

/// The settings as typed.
#[derive(Clone, Debug, Default)]
pub struct SettingsForm<'a> {
    /// "1".."12".
    pub fy_start_month: &'a str,
    /// Days.
    pub return_days: &'a str,
    /// Percentage points.
    pub amber_tolerance: &'a str,
    /// People, or "".
    pub population: &'a str,
    /// Count.
    pub small_number_threshold: &'a str,
    /// Date or "".
    pub fixed_date: &'a str,
}

struct Parsed {
    fy_start_month: i32,
    return_days: i32,
    amber_tolerance: f64,
    population: Option<i64>,
    small_number_threshold: i32,
    fixed_date: Option<NaiveDate>,
}

fn parse(form: &SettingsForm<'_>) -> Result<Parsed, Vec<FieldError>> {
    let mut errors = Vec::new();
    let mut problem = |field: &str, message: &str| {
        errors.push(FieldError {
            field: field.to_owned(),
            message: message.to_owned(),
        });
    };
    let whole = |text: &str, lo: f64, hi: f64| -> Option<i64> {
        match parse_number(text) {
            Ok(Some(v)) if v.fract() == 0.0 && (lo..=hi).contains(&v) => Some(v as i64),
            _ => None,
        }
    };
    let fy = whole(form.fy_start_month, 1.0, 12.0);
    if fy.is_none() {
        problem(
            "fy_start_month",
            "Choose the month the financial year starts.",
        );
    }
    let days = whole(form.return_days, 0.0, 366.0);
    if days.is_none() {
        problem(
            "return_days",
            "Give the number of days after a period ends that returns are due: a whole number from 0 to 366.",
        );
    }
    let tolerance = match parse_number(form.amber_tolerance) {
        Ok(Some(v)) if (0.0..=100.0).contains(&v) => Some(v),
        _ => {
            problem(
                "amber_tolerance",
                "Give the amber tolerance in percentage points, from 0 to 100 (10 is usual).",
            );
            None
        }
    };
    let population = if form.population.trim().is_empty() {
        Some(None)
    } else {
        match whole(form.population, 1.0, 1e10) {
            Some(p) => Some(Some(p)),
            None => {
                problem(
                    "population",
                    "Give the population as a whole number of people, or leave it blank.",
                );
                None
            }
        }
    };
    let threshold = whole(form.small_number_threshold, 0.0, 1000.0);
    if threshold.is_none() {
        problem(
            "small_number_threshold",
            "Give the small-number threshold as a whole number (5 is usual).",
        );
    }
    let fixed = match parse_date(form.fixed_date) {
        Ok(d) => Some(d),
        Err(message) => {
            problem("fixed_date", &message);
            None
        }
    };
    match (fy, days, tolerance, population, threshold, fixed) {
        (Some(fy), Some(days), Some(tolerance), Some(population), Some(threshold), Some(fixed))
            if errors.is_empty() =>
        {
            Ok(Parsed {
                fy_start_month: fy as i32,
                return_days: days as i32,
                amber_tolerance: tolerance,
                population,
                small_number_threshold: threshold as i32,
                fixed_date: fixed,
            })
        }
        _ => Err(errors),
    }
}

fn fields(f: &forum::Model) -> Fields {
    vec![
        ("fy_start_month", f.fy_start_month.to_string()),
        ("return_days", f.return_days.to_string()),
        ("amber_tolerance", num(Some(f.amber_tolerance))),
        (
            "population",
            f.population.map(|p| p.to_string()).unwrap_or_default(),
        ),
        (
            "small_number_threshold",
            f.small_number_threshold.to_string(),
        ),
        (
            "fixed_date",
            f.fixed_date.map(|d| d.to_string()).unwrap_or_default(),
        ),
    ]
}

/// Saves the forum's settings, version-checked and audited.
///
/// # Errors
/// [`BackendError::Fields`] for values out of range, [`BackendError::Conflict`] when another
/// coordinator saved them since the page was read.
pub async fn update_forum_settings(
    db: &impl TransactionTrait,
    ed: &Editor<'_>,
    version: i32,
    form: &SettingsForm<'_>,
) -> BackendResult<Saved> {
    let parsed = parse(form).map_err(BackendError::Fields)?;
    let txn = crate::backend::db::write(db).await?;
    let f = forum::Entity::find_by_id(ed.forum.id)
        .one(&txn)
        .await?
        .ok_or(BackendError::NotFound("forum"))?;
    let new_version = claim!(
        &txn,
        forum,
        "forum",
        f.id,
        version,
        "The forum's settings".to_owned()
    );
    let before = fields(&f);
    let mut m = f.into_active_model();
    m.fy_start_month = Set(parsed.fy_start_month);
    m.return_days = Set(parsed.return_days);
    m.amber_tolerance = Set(parsed.amber_tolerance);
    m.population = Set(parsed.population);
    m.small_number_threshold = Set(parsed.small_number_threshold);
    m.fixed_date = Set(parsed.fixed_date);
    m.version = Set(new_version);
    let saved = m.update(&txn).await?;
    ed.record_changes(
        &txn,
        "forum",
        saved.id,
        new_version,
        &before,
        &fields(&saved),
    )
    .await?;
    txn.commit().await?;
    Ok(Saved {
        id: saved.id,
        message: "Saved the forum's reporting settings.".to_owned(),
        warnings: Vec::new(),
    })
}
