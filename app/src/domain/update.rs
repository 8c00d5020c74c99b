//! A progress update (one reporting period's return on one target): what people type, parsed
//! once at the edge into typed values, and the workflow that moves it from draft to approved.
//!
//! Workflow (DESIGN.md §2):
//! - someone allowed to record (a member of the lead or a supporting agency, a coordinator)
//!   saves a **draft** or **submits** it; a draft, a returned update and a submitted one not yet
//!   decided can be changed and saved again by anyone allowed to record it;
//! - a coordinator **approves** a submitted update, or **returns** it with a comment that its
//!   author sees; only approved figures count towards status;
//! - an approved update is locked; a coordinator **reopens** it with a reason, which makes it a
//!   returned update again (the reason is the comment), and the approved value stays in history.
use crate::domain::plan_form::{FieldError, Problems, check_value, date, number, optional_text};
use crate::domain::target::TargetKind;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Where an update is in its workflow.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UpdateState {
    /// Saved, not yet sent for approval.
    Draft,
    /// Sent to the coordinator.
    Submitted,
    /// Accepted: counts towards status, locked.
    Approved,
    /// Sent back to its author with a comment.
    Returned,
}

crate::domain::target::text_enum!(UpdateState, "update state",
    Draft => "draft", "Draft",
    Submitted => "submitted", "Submitted",
    Approved => "approved", "Approved",
    Returned => "returned", "Returned",
);

/// What someone recording an update asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RecordCommand {
    /// Keep it as a draft.
    SaveDraft,
    /// Send it for approval.
    Submit,
}

crate::domain::target::text_enum!(RecordCommand, "command",
    SaveDraft => "save_draft", "Save as draft",
    Submit => "submit", "Submit for approval",
);

/// What a coordinator decides about an update.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    /// Accept a submitted update.
    Approve,
    /// Send a submitted update back with a comment.
    Return,
    /// Unlock an approved update, with a reason, so that it can be corrected.
    Reopen,
}

crate::domain::target::text_enum!(Decision, "decision",
    Approve => "approve", "Approve",
    Return => "return", "Return to author",
    Reopen => "reopen", "Reopen for correction",
);

/// The state after recording (`current`: None when nothing is recorded for the period yet).
///
/// # Errors
/// A sentence saying why, when the update is approved (locked until a coordinator reopens it).
pub fn after_record(
    current: Option<UpdateState>,
    command: RecordCommand,
) -> Result<UpdateState, String> {
    if current == Some(UpdateState::Approved) {
        return Err(
            "This update is approved and locked: ask a coordinator to reopen it with a \
                    reason if it needs correcting."
                .to_owned(),
        );
    }
    Ok(match command {
        RecordCommand::SaveDraft => UpdateState::Draft,
        RecordCommand::Submit => UpdateState::Submitted,
    })
}

/// The state after a coordinator's decision.
///
/// # Errors
/// A sentence saying why the decision does not apply to an update in `current`.
pub fn after_decision(current: UpdateState, decision: Decision) -> Result<UpdateState, String> {
    match (current, decision) {
        (UpdateState::Submitted, Decision::Approve) => Ok(UpdateState::Approved),
        (UpdateState::Submitted, Decision::Return) => Ok(UpdateState::Returned),
        (UpdateState::Approved, Decision::Reopen) => Ok(UpdateState::Returned),
        (UpdateState::Approved, _) => Err("This update is already approved.".to_owned()),
        (_, Decision::Reopen) => {
            Err("Only an approved update can be reopened; this one is not locked.".to_owned())
        }
        (state, _) => Err(format!(
            "Only a submitted update can be approved or returned; this one is {}.",
            state.label().to_lowercase()
        )),
    }
}

/// The text of an update form as posted.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct UpdateForm<'a> {
    /// The figure (count, percentage, amount).
    pub value: &'a str,
    /// Percentage: how many of…
    pub numerator: &'a str,
    /// …how many.
    pub denominator: &'a str,
    /// Yes/no: "yes", "no" or "".
    pub done: &'a str,
    /// Milestone: the date it was reached, or "".
    pub reached_on: &'a str,
    /// Text target: the value in words.
    pub text: &'a str,
    /// What happened, what is next.
    pub narrative: &'a str,
    /// A link to evidence.
    pub evidence_url: &'a str,
    /// "on" when the narrative may appear in reports for funders.
    pub public: &'a str,
}

/// A period's value, typed for the target's kind (the columns of `progress_update`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct UpdateValue {
    /// Count, percentage or amount.
    pub number: Option<f64>,
    /// Percentage: how many of…
    pub numerator: Option<f64>,
    /// …how many.
    pub denominator: Option<f64>,
    /// Yes/no.
    pub done: Option<bool>,
    /// Milestone reached on.
    pub reached_on: Option<NaiveDate>,
    /// Text target's value.
    pub text: Option<String>,
}

/// A parsed update.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UpdateInput {
    /// The value.
    pub value: UpdateValue,
    /// What happened, what is next.
    pub narrative: Option<String>,
    /// A link to evidence (http or https).
    pub evidence_url: Option<String>,
    /// Whether the narrative may appear in reports for funders (share links that show them).
    pub is_public: bool,
}

const NARRATIVE_MAX: usize = 4000;

impl UpdateInput {
    /// Parses an update of a `kind` target. A draft may leave things blank; a submission needs
    /// the value and the narrative. `today` bounds the date a milestone was reached.
    ///
    /// # Errors
    /// Every field that is missing or wrong, with what to do.
    pub fn parse(
        kind: TargetKind,
        form: &UpdateForm<'_>,
        command: RecordCommand,
        today: NaiveDate,
    ) -> Result<Self, Vec<FieldError>> {
        let submit = command == RecordCommand::Submit;
        let mut p = Problems::default();
        let mut value = UpdateValue::default();
        match kind {
            TargetKind::Count | TargetKind::Currency => {
                value.number = number(&mut p, "value", form.value);
                check_value(&mut p, kind, "value", value.number);
                if submit && value.number.is_none() && form.value.trim().is_empty() {
                    p.add("value", "Enter this period's figure before submitting.");
                }
            }
            TargetKind::Percentage => percentage(&mut p, form, &mut value, submit),
            TargetKind::YesNo => match form.done.trim() {
                "yes" => value.done = Some(true),
                "no" => value.done = Some(false),
                "" if !submit => {}
                "" => p.add("done", "Choose yes or no before submitting."),
                _ => p.add("done", "Choose yes or no."),
            },
            TargetKind::Milestone => {
                value.reached_on = date(&mut p, "reached_on", form.reached_on);
                if value.reached_on.is_some_and(|d| d > today) {
                    p.add(
                        "reached_on",
                        "The date reached cannot be in the future: leave it blank until it is reached.",
                    );
                }
            }
            TargetKind::Text => value.text = optional_text(form.text),
        }
        let narrative = optional_text(form.narrative);
        match &narrative {
            None if submit => p.add(
                "narrative",
                "Say what happened this period and what is next before submitting.",
            ),
            Some(n) if n.chars().count() > NARRATIVE_MAX => p.add(
                "narrative",
                format!("Shorten the narrative to {NARRATIVE_MAX} characters or fewer."),
            ),
            _ => {}
        }
        let evidence_url = optional_text(form.evidence_url);
        if let Some(url) = &evidence_url {
            let lower = url.to_ascii_lowercase();
            if !(lower.starts_with("https://") || lower.starts_with("http://"))
                || url.contains(char::is_whitespace)
                || url.len() > 2000
            {
                p.add(
                    "evidence_url",
                    "Give the evidence as a web address starting with https:// (or leave it blank).",
                );
            }
        }
        let is_public = form.public.trim() == "on";
        p.finish(|| UpdateInput {
            value,
            narrative,
            evidence_url,
            is_public,
        })
    }
}

fn percentage(p: &mut Problems, form: &UpdateForm<'_>, value: &mut UpdateValue, submit: bool) {
    let typed = number(p, "value", form.value);
    check_value(p, TargetKind::Percentage, "value", typed);
    let numerator = number(p, "numerator", form.numerator);
    let denominator = number(p, "denominator", form.denominator);
    for (field, v) in [("numerator", numerator), ("denominator", denominator)] {
        if v.is_some_and(|v| v < 0.0 || v.fract() != 0.0) {
            p.add(field, "Write a whole number, 0 or more.");
        }
    }
    match (numerator, denominator) {
        (Some(_), None) if form.denominator.trim().is_empty() => {
            p.add("denominator", "Give “out of how many” as well, or neither.");
        }
        (None, Some(_)) if form.numerator.trim().is_empty() => {
            p.add("numerator", "Give “how many” as well, or neither.");
        }
        (Some(_), Some(d)) if d <= 0.0 => {
            p.add("denominator", "“Out of how many” must be more than 0.");
        }
        (Some(n), Some(d)) if n > d => {
            p.add(
                "numerator",
                "“How many” cannot be more than “out of how many”.",
            );
        }
        (Some(n), Some(d)) => {
            let computed = (n / d * 1000.0).round() / 10.0;
            match typed {
                Some(t) if (t - computed).abs() > 0.5 => p.add(
                    "value",
                    format!(
                        "{} of {} is {computed}%, not {t}%: correct one of them, or leave the percentage blank to have it worked out.",
                        crate::domain::target::format_number(n),
                        crate::domain::target::format_number(d)
                    ),
                ),
                Some(_) => {}
                None => value.number = Some(computed),
            }
        }
        _ => {}
    }
    value.numerator = numerator;
    value.denominator = denominator;
    if value.number.is_none() {
        value.number = typed;
    }
    if submit && value.number.is_none() && form.value.trim().is_empty() && numerator.is_none() {
        p.add(
            "value",
            "Enter this period's percentage (or how many out of how many) before submitting.",
        );
    }
}

/// Where a target's return for a period stands, as shown on "My updates" and the returns page.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReturnState {
    /// Sent back with a comment: the author must act.
    Returned,
    /// Nothing recorded yet.
    Missing,
    /// Saved as a draft, not submitted.
    Draft,
    /// Waiting for the coordinator.
    Submitted,
    /// Done.
    Approved,
}

crate::domain::target::text_enum!(ReturnState, "return state",
    Returned => "returned", "Returned with a comment",
    Missing => "missing", "Not started",
    Draft => "draft", "Draft, not submitted",
    Submitted => "submitted", "Submitted, awaiting approval",
    Approved => "approved", "Approved",
);

impl ReturnState {
    /// The return's state from its update's (None: nothing recorded).
    pub fn of(update: Option<UpdateState>) -> ReturnState {
        match update {
            None => ReturnState::Missing,
            Some(UpdateState::Draft) => ReturnState::Draft,
            Some(UpdateState::Returned) => ReturnState::Returned,
            Some(UpdateState::Submitted) => ReturnState::Submitted,
            Some(UpdateState::Approved) => ReturnState::Approved,
        }
    }

    /// Whether the agency still owes it (not yet submitted).
    pub fn outstanding(self) -> bool {
        matches!(
            self,
            ReturnState::Returned | ReturnState::Missing | ReturnState::Draft
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
    }

    fn parse(
        kind: TargetKind,
        form: UpdateForm<'_>,
        command: RecordCommand,
    ) -> Result<UpdateInput, Vec<String>> {
        UpdateInput::parse(kind, &form, command, d(2006, 10, 20))
            .map_err(|e| e.into_iter().map(|e| e.field).collect())
    }

    #[test]
    fn workflow_transitions() {
        use Decision::*;
        use RecordCommand::*;
        use UpdateState::*;
        let record = [
            (None, SaveDraft, Ok(Draft)),
            (None, Submit, Ok(Submitted)),
            (Some(Draft), Submit, Ok(Submitted)),
            (Some(Returned), Submit, Ok(Submitted)),
            (Some(Returned), SaveDraft, Ok(Draft)),
            (Some(Submitted), SaveDraft, Ok(Draft)),
            (Some(Submitted), Submit, Ok(Submitted)),
        ];
        for (current, command, expected) in record {
            assert_eq!(
                after_record(current, command).map_err(|_| ()),
                expected,
                "{current:?} {command:?}"
            );
        }
        for command in [SaveDraft, Submit] {
            assert!(after_record(Some(Approved), command).is_err());
        }
        let decide = [
            (Submitted, Approve, Ok(Approved)),
            (Submitted, Return, Ok(Returned)),
            (Approved, Reopen, Ok(Returned)),
            (Approved, Approve, Err(())),
            (Approved, Return, Err(())),
            (Draft, Approve, Err(())),
            (Draft, Return, Err(())),
            (Returned, Approve, Err(())),
            (Draft, Reopen, Err(())),
            (Submitted, Reopen, Err(())),
        ];
        for (current, decision, expected) in decide {
            assert_eq!(
                after_decision(current, decision).map_err(|_| ()),
                expected,
                "{current:?} {decision:?}"
            );
        }
    }

    #[test]
    fn values_are_checked_against_the_kind() {
        use RecordCommand::*;
        use TargetKind::*;
        let with = |value: &'static str| UpdateForm {
            value,
            narrative: "Four meetings held.",
            ..UpdateForm::default()
        };
        type Case = (
            TargetKind,
            UpdateForm<'static>,
            RecordCommand,
            Result<(), Vec<&'static str>>,
        );
        let cases: [Case; 12] = [
            (Count, with("4"), Submit, Ok(())),
            (Count, with("2.5"), Submit, Err(vec!["value"])),
            (Count, with("-1"), Submit, Err(vec!["value"])),
            (Count, with(""), Submit, Err(vec!["value"])),
            (Count, with(""), SaveDraft, Ok(())),
            (Count, with("four"), SaveDraft, Err(vec!["value"])),
            (Currency, with("£12,500.50"), Submit, Ok(())),
            (Percentage, with("101"), Submit, Err(vec!["value"])),
            (Percentage, with("32%"), Submit, Ok(())),
            (
                YesNo,
                UpdateForm {
                    done: "yes",
                    narrative: "In post.",
                    ..UpdateForm::default()
                },
                Submit,
                Ok(()),
            ),
            (
                YesNo,
                UpdateForm {
                    narrative: "Not yet.",
                    ..UpdateForm::default()
                },
                Submit,
                Err(vec!["done"]),
            ),
            (
                Text,
                UpdateForm {
                    narrative: "",
                    ..UpdateForm::default()
                },
                Submit,
                Err(vec!["narrative"]),
            ),
        ];
        for (kind, form, command, expected) in cases {
            let got = parse(kind, form.clone(), command).map(|_| ());
            assert_eq!(
                got,
                expected.map_err(|v| v.into_iter().map(str::to_owned).collect()),
                "{kind:?} {form:?} {command:?}"
            );
        }
    }

    #[test]
    fn percentages_from_numerator_and_denominator() {
        let form = |value, numerator, denominator| UpdateForm {
            value,
            numerator,
            denominator,
            narrative: "MARAC repeat referrals.",
            ..UpdateForm::default()
        };
        let got = parse(
            TargetKind::Percentage,
            form("", "12", "40"),
            RecordCommand::Submit,
        )
        .expect("worked out");
        assert_eq!(got.value.number, Some(30.0));
        assert_eq!(got.value.numerator, Some(12.0));
        assert!(
            parse(
                TargetKind::Percentage,
                form("30", "12", "40"),
                RecordCommand::Submit
            )
            .is_ok()
        );
        assert_eq!(
            parse(
                TargetKind::Percentage,
                form("45", "12", "40"),
                RecordCommand::Submit
            ),
            Err(vec!["value".to_owned()])
        );
        assert_eq!(
            parse(
                TargetKind::Percentage,
                form("", "41", "40"),
                RecordCommand::Submit
            ),
            Err(vec!["numerator".to_owned()])
        );
        assert_eq!(
            parse(
                TargetKind::Percentage,
                form("", "3", "0"),
                RecordCommand::Submit
            ),
            Err(vec!["denominator".to_owned()])
        );
        assert_eq!(
            parse(
                TargetKind::Percentage,
                form("30", "12", ""),
                RecordCommand::Submit
            ),
            Err(vec!["denominator".to_owned()])
        );
        assert_eq!(
            parse(
                TargetKind::Percentage,
                form("", "1.5", "4"),
                RecordCommand::Submit
            ),
            Err(vec!["numerator".to_owned()])
        );
    }

    #[test]
    fn milestones_evidence_and_narrative() {
        let milestone = |reached_on| UpdateForm {
            reached_on,
            narrative: "Launched at the forum.",
            ..UpdateForm::default()
        };
        let ok = parse(
            TargetKind::Milestone,
            milestone("09/01/2006"),
            RecordCommand::Submit,
        )
        .expect("reached");
        assert_eq!(ok.value.reached_on, Some(d(2006, 1, 9)));
        // Not reached yet is a valid return: the narrative says why.
        assert!(parse(TargetKind::Milestone, milestone(""), RecordCommand::Submit).is_ok());
        assert_eq!(
            parse(
                TargetKind::Milestone,
                milestone("2006-10-21"),
                RecordCommand::Submit
            ),
            Err(vec!["reached_on".to_owned()])
        );
        let evidence = |evidence_url| UpdateForm {
            value: "3",
            narrative: "Three campaigns.",
            evidence_url,
            ..UpdateForm::default()
        };
        assert!(
            parse(
                TargetKind::Count,
                evidence("https://example.org/report.pdf"),
                RecordCommand::Submit
            )
            .is_ok()
        );
        for bad in ["javascript:alert(1)", "example.org", "https://a b"] {
            assert_eq!(
                parse(TargetKind::Count, evidence(bad), RecordCommand::Submit),
                Err(vec!["evidence_url".to_owned()]),
                "{bad}"
            );
        }
        let long = "x".repeat(4001);
        let form = UpdateForm {
            value: "3",
            narrative: &long,
            ..UpdateForm::default()
        };
        assert_eq!(
            parse(TargetKind::Count, form, RecordCommand::SaveDraft),
            Err(vec!["narrative".to_owned()])
        );
    }

    #[test]
    fn return_states() {
        assert_eq!(ReturnState::of(None), ReturnState::Missing);
        assert!(ReturnState::of(Some(UpdateState::Returned)).outstanding());
        assert!(ReturnState::of(Some(UpdateState::Draft)).outstanding());
        assert!(!ReturnState::of(Some(UpdateState::Submitted)).outstanding());
        assert!(!ReturnState::of(Some(UpdateState::Approved)).outstanding());
    }
}
