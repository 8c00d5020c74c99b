//! Review meetings, the pure part: what a review freezes (a snapshot of every target's status,
//! latest figure and narrative at the moment it is opened), the exceptions a meeting pack lists,
//! and what changed between two reviews. Later corrections never rewrite a snapshot: the pack
//! is drawn from it alone.
use crate::domain::status::Status;
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

/// What changed since `before`: targets that became red (overdue or off track) and targets
/// newly met. A target new to the plan counts as changed from nothing.
pub fn changes(before: &Snapshot, now: &[TargetSnap]) -> (Vec<Change>, Vec<Change>) {
    let was = |id: i32| {
        before
            .targets
            .iter()
            .find(|t| t.target_id == id)
            .map(|t| t.status)
    };
    let mut newly_red = Vec::new();
    let mut newly_met = Vec::new();
    for t in now {
        let b = was(t.target_id);
        if is_red(t.status) && !b.is_some_and(is_red) {
            newly_red.push(Change {
                now: t.clone(),
                before: b,
            });
        }
        if t.status == Status::Met && b != Some(Status::Met) {
            newly_met.push(Change {
                now: t.clone(),
                before: b,
            });
        }
    }
    (newly_red, newly_met)
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
