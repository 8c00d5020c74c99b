//! Review meetings, the pure part: what a review freezes (a snapshot of every target's status,
//! latest figure and narrative at the moment it is opened), the exceptions a meeting pack lists,
//! and what changed between two reviews. Later corrections never rewrite a snapshot: the pack
//! is drawn from it alone.
use crate::domain::status::{Status, tally};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// One target as a review saw it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TargetSnap {
    /// The target's id.
    pub target_id: i32,
    /// Its action's id.
    pub action_id: i32,
    /// Its theme's title.
    pub theme: String,
    /// Its action's title.
    pub action: String,
    /// The target.
    pub target: String,
    /// The lead partner.
    pub lead: Option<String>,
    /// Its status then.
    pub status: Status,
    /// The latest approved figure then, with its period.
    pub latest: Option<String>,
    /// The narrative of that figure.
    pub narrative: Option<String>,
    /// Its due date.
    pub due: Option<NaiveDate>,
}

/// What a review froze.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Snapshot {
    /// The date the statuses are for.
    pub as_of: NaiveDate,
    /// Every live target of the strategy (or forum) reviewed, in plan order.
    pub targets: Vec<TargetSnap>,
}

/// Whether a status is "red": overdue or off track.
pub fn is_red(s: Status) -> bool {
    matches!(s, Status::Overdue | Status::OffTrack)
}

/// The targets a meeting must look at, most urgent first (overdue, off track, at risk, no
/// data), in plan order within each.
pub fn exceptions(snapshot: &Snapshot) -> Vec<&TargetSnap> {
    let order = [
        Status::Overdue,
        Status::OffTrack,
        Status::AtRisk,
        Status::NoData,
    ];
    order
        .iter()
        .flat_map(|s| snapshot.targets.iter().filter(move |t| t.status == *s))
        .collect()
}

/// A target whose status moved between two reviews.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Change {
    /// The target as it stands now.
    pub now: TargetSnap,
    /// Its status at the earlier review (none: it was not in the plan then).
    pub before: Option<Status>,
}

/// How a target's status moved between a review and now, when it moved in a way a meeting
/// asks about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Movement {
    /// Overdue or off track now, and not at the review (or not in the plan then).
    NewlyRed,
    /// Met now, and not at the review.
    NewlyMet,
}

/// How a target whose status was `before` at a review (none: not in the plan then) and is `now`
/// has moved, if it became red or was met since.
pub fn movement(before: Option<Status>, now: Status) -> Option<Movement> {
    if is_red(now) && !before.is_some_and(is_red) {
        Some(Movement::NewlyRed)
    } else if now == Status::Met && before != Some(Status::Met) {
        Some(Movement::NewlyMet)
    } else {
        None
    }
}

/// What changed since `before`: targets that became red (overdue or off track) and targets
/// newly met. A target new to the plan counts as changed from nothing.
pub fn changes(before: &Snapshot, now: &[TargetSnap]) -> (Vec<Change>, Vec<Change>) {
    let was = before.statuses();
    let mut newly_red = Vec::new();
    let mut newly_met = Vec::new();
    for t in now {
        let b = was.get(&t.target_id).copied();
        let change = || Change {
            now: t.clone(),
            before: b,
        };
        match movement(b, t.status) {
            Some(Movement::NewlyRed) => newly_red.push(change()),
            Some(Movement::NewlyMet) => newly_met.push(change()),
            None => {}
        }
    }
    (newly_red, newly_met)
}

impl Snapshot {
    /// Each target's status in the snapshot, by target id.
    pub fn statuses(&self) -> std::collections::HashMap<i32, Status> {
        self.targets
            .iter()
            .map(|t| (t.target_id, t.status))
            .collect()
    }

    /// Targets by status (every status, in order, zeros included), over the whole snapshot and
    /// per theme (in plan order).
    pub fn counts(&self) -> (StatusCounts, Vec<(String, StatusCounts)>) {
        let mut themes: Vec<(String, Vec<Status>)> = Vec::new();
        for t in &self.targets {
            match themes.last_mut() {
                Some((name, statuses)) if *name == t.theme => statuses.push(t.status),
                _ => themes.push((t.theme.clone(), vec![t.status])),
            }
        }
        (
            tally(self.targets.iter().map(|t| t.status)),
            themes
                .into_iter()
                .map(|(name, s)| (name, tally(s)))
                .collect(),
        )
    }
}

/// How many targets have each status.
pub type StatusCounts = Vec<(Status, u32)>;

/// What a row of a meeting's minutes is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum DecisionKind {
    /// Something the meeting decided.
    Decision,
    /// Something someone is to do by a date.
    ActionArising,
}

crate::domain::target::text_enum!(DecisionKind, "kind of minute",
    Decision => "decision", "Decision",
    ActionArising => "action_arising", "Action arising",
);

/// A review in a list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReviewRef {
    /// Its id.
    pub id: i32,
    /// "Strategy group, 2006/07 Q2".
    pub title: String,
    /// The strategy reviewed (none: every strategy of the forum).
    pub strategy: Option<String>,
    /// The period reviewed ("2006/07 Q2").
    pub period: String,
    /// The meeting's date, if set.
    pub held_on: Option<NaiveDate>,
    /// Whether the meeting is over (no more decisions).
    pub closed: bool,
    /// The date the snapshot is of.
    pub as_of: NaiveDate,
}

/// One decision or action arising.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Minute {
    /// Its id.
    pub id: i32,
    /// Decision or action arising.
    pub kind: DecisionKind,
    /// What was decided, or what is to be done.
    pub text: String,
    /// Who is to do it.
    pub owner: Option<String>,
    /// By when.
    pub due: Option<NaiveDate>,
    /// What happened to it (recorded at a later meeting).
    pub outcome: Option<String>,
    /// The plan action it became: id and title.
    pub action: Option<(i32, String)>,
    /// Past its due date with no outcome recorded.
    pub late: bool,
    /// Its version, for edits.
    pub version: i32,
}

/// The reviews page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReviewsPage {
    /// The forum.
    pub forum: crate::domain::views::ForumRef,
    /// Newest first.
    pub reviews: Vec<ReviewRef>,
    /// Whether the caller may open reviews.
    pub can_manage: bool,
    /// Strategies to review (URL name, title).
    pub strategies: Vec<(String, String)>,
    /// Quarters to review (first day, label), newest first.
    pub periods: Vec<(String, String)>,
    /// The quarter the form suggests: the one just ended.
    pub suggested_period: String,
}

/// One review, for its page and its meeting pack: everything in it comes from the frozen
/// snapshot, but for the minutes (recorded during and after the meeting).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReviewPage {
    /// The forum.
    pub forum: crate::domain::views::ForumRef,
    /// The review.
    pub review: ReviewRef,
    /// The review's version, for its forms.
    pub version: i32,
    /// Whether the caller may record minutes.
    pub can_manage: bool,
    /// Whether the caller may turn actions arising into plan actions.
    pub can_edit_plan: bool,
    /// Targets by status over the snapshot.
    pub totals: StatusCounts,
    /// Per theme, in plan order.
    pub themes: Vec<(String, StatusCounts)>,
    /// The status chart of the snapshot (SVG, with its title and description inside).
    pub chart: String,
    /// The exceptions, most urgent first, with their narratives.
    pub exceptions: Vec<TargetSnap>,
    /// The review before this one (same strategy, or forum-wide), if any.
    pub previous: Option<ReviewRef>,
    /// Since the previous review: targets newly red and newly met (both from frozen snapshots).
    pub newly_red: Vec<Change>,
    /// See `newly_red`.
    pub newly_met: Vec<Change>,
    /// The previous review's actions arising, with what happened to them.
    pub previous_actions: Vec<Minute>,
    /// This review's decisions and actions arising, in the order recorded.
    pub minutes: Vec<Minute>,
    /// Themes an action arising can join (id, "strategy: theme").
    pub themes_for_actions: Vec<(String, String)>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(id: i32, status: Status) -> TargetSnap {
        TargetSnap {
            target_id: id,
            action_id: 1,
            theme: "Prevention".to_owned(),
            action: "A".to_owned(),
            target: format!("t{id}"),
            lead: None,
            status,
            latest: None,
            narrative: None,
            due: None,
        }
    }

    fn snap(targets: Vec<TargetSnap>) -> Snapshot {
        Snapshot {
            as_of: NaiveDate::from_ymd_opt(2006, 10, 20).expect("date"),
            targets,
        }
    }

    #[test]
    fn exceptions_come_most_urgent_first_in_plan_order() {
        let s = snap(vec![
            t(1, Status::NoData),
            t(2, Status::Met),
            t(3, Status::Overdue),
            t(4, Status::AtRisk),
            t(5, Status::OffTrack),
            t(6, Status::Overdue),
            t(7, Status::OnTrack),
        ]);
        let ids: Vec<i32> = exceptions(&s).iter().map(|x| x.target_id).collect();
        assert_eq!(ids, vec![3, 6, 5, 4, 1]);
        assert!(exceptions(&snap(vec![])).is_empty());
    }

    #[test]
    fn changes_since_the_last_review() {
        let before = snap(vec![
            t(1, Status::OnTrack),
            t(2, Status::OffTrack),
            t(3, Status::AtRisk),
            t(4, Status::Met),
            t(5, Status::NoData),
        ]);
        let now = vec![
            t(1, Status::Overdue),  // newly red
            t(2, Status::Overdue),  // was red already
            t(3, Status::Met),      // newly met
            t(4, Status::Met),      // met already
            t(5, Status::OffTrack), // newly red
            t(6, Status::Met),      // new to the plan, met
        ];
        let (red, met) = changes(&before, &now);
        let ids = |v: &[Change]| {
            v.iter()
                .map(|c| (c.now.target_id, c.before))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            ids(&red),
            vec![(1, Some(Status::OnTrack)), (5, Some(Status::NoData))]
        );
        assert_eq!(ids(&met), vec![(3, Some(Status::AtRisk)), (6, None)]);
        let (red, met) = changes(&snap(vec![]), &[]);
        assert!(red.is_empty() && met.is_empty());
    }

    #[test]
    fn a_snapshot_round_trips_as_json() {
        let s = snap(vec![t(1, Status::Met)]);
        let json = serde_json::to_string(&s).expect("json");
        assert_eq!(serde_json::from_str::<Snapshot>(&json).expect("back"), s);
    }
}
