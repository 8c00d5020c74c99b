//! A large installation for benchmarks and load tests (`forumplan demo --size large`): built
//! deterministically from a seed, 25 forums × 4 strategies × 6 themes × 20 actions × 3 targets
//! (12,000 actions, 36,000 targets) with 12 quarters of updates each (432,000), partners,
//! resources, indicators, review meetings and accounts (a coordinator, three members and a viewer
//! per forum, all with the password given).
//!
//! Rows are written in bulk with their ids chosen here (after the largest id already in each
//! table; PostgreSQL's sequences are moved past them at the end), many rows to a statement, in one
//! transaction: all of it or nothing. The same seed gives the same installation, row for row.
use crate::backend::entity::{
    action, action_partner, action_resource, app_user, forum, indicator, membership, partner,
    progress_update, resource, review, strategy, target, theme,
};
use crate::backend::error::BackendResult;
use chrono::{DateTime, Datelike, Months, NaiveDate, Utc};
use sea_orm::{
    ActiveModelTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QuerySelect,
    Set, Statement,
};

/// Forums in a large installation.
pub const FORUMS: usize = 25;
/// Strategies per forum.
pub const STRATEGIES: usize = 4;
/// Themes per strategy.
pub const THEMES: usize = 6;
/// Actions per theme.
pub const ACTIONS: usize = 20;
/// Targets per action.
pub const TARGETS: usize = 3;
/// Quarters of updates per target.
pub const QUARTERS: usize = 12;

/// The URL name of the first large forum (its presence means the installation is loaded).
pub const FIRST_SLUG: &str = "barnsley-domestic-abuse-partnership";

const AREAS: [&str; FORUMS] = [
    "Barnsley",
    "Bolton",
    "Bradford",
    "Bristol",
    "Calderdale",
    "Cornwall",
    "Coventry",
    "Derby",
    "Dudley",
    "Durham",
    "Gateshead",
    "Hull",
    "Kirklees",
    "Leeds",
    "Leicester",
    "Norfolk",
    "Nottingham",
    "Oldham",
    "Plymouth",
    "Rochdale",
    "Salford",
    "Sheffield",
    "Stockport",
    "Sunderland",
    "Wigan",
];

const AGENCIES: [(&str, &str, &str); 10] = [
    ("Police", "Police", "statutory"),
    ("Council Housing", "Housing", "statutory"),
    ("Children's Services", "CS", "statutory"),
    ("Probation Service", "Probation", "statutory"),
    ("Integrated Care Board", "ICB", "statutory"),
    ("Women's Aid", "WA", "voluntary"),
    ("Victim Support", "VS", "voluntary"),
    ("Refuge", "Refuge", "voluntary"),
    ("Crown Prosecution Service", "CPS", "statutory"),
    ("Education Service", "Education", "statutory"),
];

const THEME_TITLES: [&str; THEMES] = [
    "Prevention and Awareness Raising",
    "Protection and Justice",
    "Support Services",
    "Health Care Needs",
    "Children and Young People",
    "Partnership and Governance",
];

/// What loading the large installation did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LargeOutcome {
    /// It was built.
    Loaded {
        /// Rows written, by table.
        rows: Vec<(&'static str, usize)>,
    },
    /// Its first forum is already there; nothing was changed.
    AlreadyPresent,
}

/// A small, fast, deterministic generator (SplitMix64).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n`.
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    /// A float in `0.0..1.0`.
    fn unit(&mut self) -> f64 {
        #[expect(clippy::cast_precision_loss, reason = "53 bits of a random number")]
        let f = (self.next() >> 11) as f64 / (1u64 << 53) as f64;
        f
    }
}

/// The next free id of each table, handed out in order.
struct Ids(i32);

impl Ids {
    async fn after_max(db: &impl ConnectionTrait, table: &str) -> BackendResult<Ids> {
        let sql = format!("SELECT COALESCE(MAX(id), 0) AS m FROM {table}");
        let row = db
            .query_one_raw(Statement::from_string(db.get_database_backend(), sql))
            .await?;
        let max: i32 = match row {
            Some(r) => r.try_get("", "m").unwrap_or(0),
            None => 0,
        };
        Ok(Ids(max))
    }

    fn take(&mut self) -> i32 {
        self.0 += 1;
        self.0
    }
}

/// Writes `rows` many to a statement; how many there were.
async fn bulk<A>(db: &impl ConnectionTrait, rows: Vec<A>) -> BackendResult<usize>
where
    A: ActiveModelTrait + Send,
{
    let n = rows.len();
    crate::backend::db::insert_all(db, rows).await?;
    Ok(n)
}

fn slug(text: &str) -> String {
    crate::backend::accounts::slug_of(text)
}

fn quarter_start(first: NaiveDate, q: usize) -> NaiveDate {
    first
        .checked_add_months(Months::new(u32::try_from(q * 3).unwrap_or(0)))
        .unwrap_or(first)
}

/// Builds the large installation (see the module), unless its first forum is there already.
/// `password_hash` is the stored hash every account gets (hashing once keeps loading fast).
///
/// # Errors
/// Database errors; on any error nothing is written.
pub async fn load(
    db: &DatabaseConnection,
    seed: u64,
    password_hash: &str,
) -> BackendResult<LargeOutcome> {
    load_forums(db, seed, password_hash, FORUMS).await
}

/// [`load`] with only the first `forums` forums (at most [`FORUMS`]): the same rows for them as
/// the whole installation has, for tests.
///
/// # Errors
/// As [`load`].
#[allow(
    clippy::too_many_lines,
    reason = "one installation, table by table, read top to bottom"
)]
pub async fn load_forums(
    db: &DatabaseConnection,
    seed: u64,
    password_hash: &str,
    forums_wanted: usize,
) -> BackendResult<LargeOutcome> {
    use sea_orm::ColumnTrait;
    if forum::Entity::find()
        .filter(forum::Column::Slug.eq(FIRST_SLUG))
        .select_only()
        .column(forum::Column::Id)
        .into_tuple::<i32>()
        .one(db)
        .await?
        .is_some()
    {
        return Ok(LargeOutcome::AlreadyPresent);
    }
    let txn = crate::backend::db::write(db).await?;
    let mut rng = Rng(seed);
    let now: DateTime<Utc> = DateTime::from_timestamp(1_767_225_600, 0).unwrap_or_else(Utc::now);
    let first_quarter = NaiveDate::from_ymd_opt(2023, 4, 1).unwrap_or_default();
    let period_end = NaiveDate::from_ymd_opt(2027, 3, 31).unwrap_or_default();
    let fixed = NaiveDate::from_ymd_opt(2026, 4, 20);

    let mut ids = [
        Ids::after_max(&txn, "forum").await?,
        Ids::after_max(&txn, "partner").await?,
        Ids::after_max(&txn, "resource").await?,
        Ids::after_max(&txn, "indicator").await?,
        Ids::after_max(&txn, "strategy").await?,
        Ids::after_max(&txn, "theme").await?,
        Ids::after_max(&txn, "action").await?,
        Ids::after_max(&txn, "target").await?,
        Ids::after_max(&txn, "progress_update").await?,
        Ids::after_max(&txn, "app_user").await?,
        Ids::after_max(&txn, "membership").await?,
        Ids::after_max(&txn, "review").await?,
    ];
    let [
        forum_ids,
        partner_ids,
        resource_ids,
        indicator_ids,
        strategy_ids,
        theme_ids,
        action_ids,
        target_ids,
        update_ids,
        user_ids,
        membership_ids,
        review_ids,
    ] = &mut ids;

    let mut forums = Vec::new();
    let mut partners = Vec::new();
    let mut resources = Vec::new();
    let mut indicators = Vec::new();
    let mut strategies = Vec::new();
    let mut themes = Vec::new();
    let mut actions = Vec::new();
    let mut action_partners = Vec::new();
    let mut action_resources = Vec::new();
    let mut targets = Vec::new();
    let mut updates = Vec::new();
    let mut users = Vec::new();
    let mut memberships = Vec::new();
    let mut review_plan: Vec<(i32, String)> = Vec::new();

    for area in AREAS.iter().take(forums_wanted) {
        let name = format!("{area} Domestic Abuse Partnership");
        let forum_id = forum_ids.take();
        forums.push(forum::ActiveModel {
            id: Set(forum_id),
            name: Set(name.clone()),
            slug: Set(slug(&name)),
            short_name: Set(Some(format!("{}DAP", &area[..1]))),
            population: Set(Some(
                200_000 + i64::try_from(rng.below(400_000)).unwrap_or(0),
            )),
            fy_start_month: Set(4),
            amber_tolerance: Set(10.0),
            small_number_threshold: Set(5),
            return_days: Set(30),
            fixed_date: Set(fixed),
            created_at: Set(now),
            version: Set(1),
        });
        let partner_of: Vec<i32> = AGENCIES
            .iter()
            .map(|(agency, short, sector)| {
                let id = partner_ids.take();
                partners.push(partner::ActiveModel {
                    id: Set(id),
                    forum_id: Set(forum_id),
                    name: Set(format!("{area} {agency}")),
                    short_name: Set(Some(format!("{area} {short}"))),
                    sector: Set((*sector).to_owned()),
                    aliases: Set("[]".to_owned()),
                    archived_at: Set(None),
                    version: Set(1),
                });
                id
            })
            .collect();
        let resource_of: Vec<i32> = [
            "Home Office DA fund",
            "Council core budget",
            "Police and Crime Commissioner grant",
            "Lottery Community Fund",
            "Health inequalities fund",
            "In-house",
        ]
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let id = resource_ids.take();
            resources.push(resource::ActiveModel {
                id: Set(id),
                forum_id: Set(forum_id),
                name: Set((*r).to_owned()),
                amount_pence: Set(Some(
                    1_000_000 + i64::try_from(rng.below(50_000_000)).unwrap_or(0),
                )),
                posts: Set(None),
                at_risk: Set(i == 3),
                notes: Set(None),
                archived_at: Set(None),
                version: Set(1),
            });
            id
        })
        .collect();
        let indicator_of: Vec<i32> = [
            (
                "national",
                "NI32",
                "Repeat incidents of domestic violence",
                "lower_is_better",
            ),
            (
                "best_value",
                "BV225",
                "Actions against domestic violence",
                "higher_is_better",
            ),
            (
                "local",
                "DA-01",
                "Referrals to specialist support",
                "higher_is_better",
            ),
        ]
        .iter()
        .map(|(framework, code, title, polarity)| {
            let id = indicator_ids.take();
            indicators.push(indicator::ActiveModel {
                id: Set(id),
                forum_id: Set(forum_id),
                framework: Set((*framework).to_owned()),
                code: Set((*code).to_owned()),
                title: Set((*title).to_owned()),
                definition: Set(None),
                polarity: Set((*polarity).to_owned()),
                checklist: Set("[]".to_owned()),
                archived_at: Set(None),
                version: Set(1),
            });
            id
        })
        .collect();

        let mut first_strategy = None;
        let mut first_strategy_slug = None;
        for s in 0..STRATEGIES {
            let strategy_id = strategy_ids.take();
            first_strategy.get_or_insert(strategy_id);
            let title = format!("{area} Domestic Abuse Strategy {} ({})", 2023, s + 1);
            first_strategy_slug.get_or_insert_with(|| slug(&title));
            strategies.push(strategy::ActiveModel {
                id: Set(strategy_id),
                forum_id: Set(forum_id),
                title: Set(title.clone()),
                slug: Set(slug(&title)),
                period_start: Set(first_quarter),
                period_end: Set(period_end),
                aims: Set(Some(
                    "Fewer victims, safer families, and offenders held to account.".to_owned(),
                )),
                source: Set(None),
                status: Set("active".to_owned()),
                position: Set(i32::try_from(s + 1).unwrap_or(1)),
                archived_at: Set(None),
                version: Set(1),
            });
            for (t, theme_title) in THEME_TITLES.iter().enumerate() {
                let theme_id = theme_ids.take();
                themes.push(theme::ActiveModel {
                    id: Set(theme_id),
                    strategy_id: Set(strategy_id),
                    title: Set((*theme_title).to_owned()),
                    position: Set(i32::try_from(t + 1).unwrap_or(1)),
                    archived_at: Set(None),
                    version: Set(1),
                });
                for a in 0..ACTIONS {
                    let action_id = action_ids.take();
                    let lead = partner_of[usize::try_from(rng.below(10)).unwrap_or(0)];
                    let support = partner_of[usize::try_from(rng.below(10)).unwrap_or(0)];
                    let due = quarter_start(
                        first_quarter,
                        4 + usize::try_from(rng.below(12)).unwrap_or(0),
                    )
                    .pred_opt()
                    .unwrap_or(period_end);
                    actions.push(action::ActiveModel {
                        id: Set(action_id),
                        theme_id: Set(theme_id),
                        title: Set(format!("{} action {}.{}", theme_title.split(' ').next().unwrap_or("Plan"), t + 1, a + 1)),
                        activity: Set(Some(format!("Deliver and monitor activity {} of the {} theme across the partnership.", a + 1, theme_title.to_lowercase()))),
                        lead_partner_id: Set(Some(lead)),
                        due_date: Set(Some(due)),
                        due_text: Set(None),
                        origin: Set(None),
                        owner_contact: Set(None),
                        status_override: Set(None),
                        status_override_reason: Set(None),
                        reference: Set(Some(format!("{}.{}.{}", s + 1, t + 1, a + 1))),
                        position: Set(i32::try_from(a + 1).unwrap_or(1)),
                        archived_at: Set(None),
                        version: Set(1),
                    });
                    if support != lead {
                        action_partners.push(action_partner::ActiveModel {
                            action_id: Set(action_id),
                            partner_id: Set(support),
                        });
                    }
                    action_resources.push(action_resource::ActiveModel {
                        action_id: Set(action_id),
                        resource_id: Set(resource_of[usize::try_from(rng.below(6)).unwrap_or(0)]),
                    });
                    for k in 0..TARGETS {
                        let target_id = target_ids.take();
                        let kind = ["count", "percentage", "yes_no"][k];
                        let goal = match kind {
                            "count" => {
                                Some(f64::from(u32::try_from(10 + rng.below(90)).unwrap_or(10)))
                            }
                            "percentage" => {
                                Some(f64::from(u32::try_from(50 + rng.below(45)).unwrap_or(60)))
                            }
                            _ => None,
                        };
                        targets.push(target::ActiveModel {
                            id: Set(target_id),
                            action_id: Set(action_id),
                            title: Set(match kind {
                                "count" => format!("Referrals to specialist services ({})", k + 1),
                                "percentage" => "Victims who feel safer after support".to_owned(),
                                _ => "Protocol agreed by all partners".to_owned(),
                            }),
                            kind: Set(kind.to_owned()),
                            unit: Set((kind == "count").then(|| "referrals".to_owned())),
                            baseline: Set(goal.map(|g| (g * 0.4).round())),
                            target_value: Set(goal),
                            band_low: Set(None),
                            band_high: Set(None),
                            direction: Set("at_least".to_owned()),
                            start_date: Set(None),
                            due_date: Set(Some(due)),
                            frequency: Set("quarterly".to_owned()),
                            indicator_id: Set((k == 0)
                                .then(|| indicator_of[usize::try_from(rng.below(3)).unwrap_or(0)])),
                            population_per: Set(None),
                            source_text: Set(None),
                            status_override: Set(None),
                            status_override_reason: Set(None),
                            position: Set(i32::try_from(k + 1).unwrap_or(1)),
                            archived_at: Set(None),
                            version: Set(1),
                        });
                        for q in 0..QUARTERS {
                            let start = quarter_start(first_quarter, q);
                            let end = quarter_start(first_quarter, q + 1)
                                .pred_opt()
                                .unwrap_or(start);
                            let state = if q + 1 < QUARTERS {
                                "approved"
                            } else {
                                ["approved", "submitted", "draft", "returned"]
                                    [usize::try_from(rng.below(4)).unwrap_or(0)]
                            };
                            #[expect(clippy::cast_precision_loss, reason = "a quarter number")]
                            let progress = (q as f64 + 1.0) / QUARTERS as f64;
                            let (number, numerator, denominator, done) = match kind {
                                "count" => (
                                    goal.map(|g| (g * progress * (0.7 + rng.unit() * 0.6)).round()),
                                    None,
                                    None,
                                    None,
                                ),
                                "percentage" => {
                                    let of =
                                        f64::from(u32::try_from(20 + rng.below(200)).unwrap_or(50));
                                    let share =
                                        goal.unwrap_or(60.0) / 100.0 * (0.75 + rng.unit() * 0.35);
                                    (None, Some((of * share.min(1.0)).round()), Some(of), None)
                                }
                                _ => (None, None, None, Some(rng.below(4) > 0 || q > 8)),
                            };
                            let submitted = start
                                .checked_add_months(Months::new(3))
                                .and_then(|d| d.and_hms_opt(10, 0, 0))
                                .map(|d| d.and_utc());
                            updates.push(progress_update::ActiveModel {
                                id: Set(update_ids.take()),
                                target_id: Set(target_id),
                                period_start: Set(start),
                                period_end: Set(end),
                                value_number: Set(number),
                                value_numerator: Set(numerator),
                                value_denominator: Set(denominator),
                                value_bool: Set(done),
                                value_date: Set(None),
                                value_text: Set(None),
                                narrative: Set(Some(format!("Quarter {} of {}: delivered as planned with the partners named.", q + 1, end.year()))),
                                evidence_url: Set(None),
                                is_public: Set(q % 2 == 0),
                                state: Set(state.to_owned()),
                                author_id: Set(None),
                                submitted_at: Set((state != "draft").then_some(submitted).flatten()),
                                decided_at: Set(matches!(state, "approved" | "returned").then_some(submitted).flatten()),
                                decided_by: Set(None),
                                decision_comment: Set((state == "returned").then(|| "Add the figures for the quarter.".to_owned())),
                                created_at: Set(submitted.unwrap_or(now)),
                                updated_at: Set(submitted.unwrap_or(now)),
                                version: Set(1),
                            });
                        }
                    }
                }
            }
        }

        for (r, role) in ["coordinator", "member", "member", "member", "viewer"]
            .iter()
            .enumerate()
        {
            let user_id = user_ids.take();
            let area_slug = slug(area);
            users.push(app_user::ActiveModel {
                id: Set(user_id),
                email: Set(format!("{role}{r}.{area_slug}@forumplan.example")),
                name: Set(format!("{area} {role} {r}")),
                password_hash: Set(Some(password_hash.to_owned())),
                is_admin: Set(false),
                must_change_password: Set(false),
                disabled_at: Set(None),
                created_at: Set(now),
                last_sign_in_at: Set(None),
                version: Set(1),
            });
            memberships.push(membership::ActiveModel {
                id: Set(membership_ids.take()),
                user_id: Set(user_id),
                forum_id: Set(forum_id),
                role: Set((*role).to_owned()),
                partner_id: Set((*role == "member").then(|| partner_of[r])),
                created_at: Set(now),
            });
        }
        review_plan.push((forum_id, first_strategy_slug.clone().unwrap_or_default()));
    }

    let rows = vec![
        ("forum", bulk(&txn, forums).await?),
        ("partner", bulk(&txn, partners).await?),
        ("resource", bulk(&txn, resources).await?),
        ("indicator", bulk(&txn, indicators).await?),
        ("strategy", bulk(&txn, strategies).await?),
        ("theme", bulk(&txn, themes).await?),
        ("action", bulk(&txn, actions).await?),
        ("action_partner", bulk(&txn, action_partners).await?),
        ("action_resource", bulk(&txn, action_resources).await?),
        ("target", bulk(&txn, targets).await?),
        ("progress_update", bulk(&txn, updates).await?),
        ("app_user", bulk(&txn, users).await?),
        ("membership", bulk(&txn, memberships).await?),
    ];
    if txn.get_database_backend() == sea_orm::DbBackend::Postgres {
        // Statistics for the rows just written, before the snapshots below read them: ANALYZE
        // in the transaction samples its own rows, and without it PostgreSQL plans those reads
        // for empty tables (seen: the assessor's latest-approved lookup as a scan of every
        // update for each target, and the large demo taking over ten minutes).
        txn.execute_unprepared("ANALYZE").await?;
    }
    // Four review meetings a forum of its first strategy, the last one open, each with the
    // snapshot of the plan a real meeting freezes.
    let mut reviews = Vec::new();
    let as_of = fixed.unwrap_or(period_end);
    for (forum_id, strategy_slug) in review_plan {
        let Some(f) = forum::Entity::find_by_id(forum_id).one(&txn).await? else {
            continue;
        };
        let frozen =
            crate::backend::review::snapshot(&txn, &f, Some(&strategy_slug), as_of).await?;
        let frozen = serde_json::to_string(&frozen).map_err(|e| {
            crate::backend::error::BackendError::Corrupt(format!("a snapshot: {e}"))
        })?;
        let strategy_id = strategy::Entity::find()
            .filter(strategy::Column::ForumId.eq(forum_id))
            .filter(strategy::Column::Slug.eq(&strategy_slug))
            .select_only()
            .column(strategy::Column::Id)
            .into_tuple::<i32>()
            .one(&txn)
            .await?;
        for q in [8usize, 9, 10, 11] {
            let start = quarter_start(first_quarter, q);
            let next = quarter_start(first_quarter, q + 1);
            reviews.push(review::ActiveModel {
                id: Set(review_ids.take()),
                forum_id: Set(forum_id),
                strategy_id: Set(strategy_id),
                title: Set(format!("Quarterly review, quarter {}", q + 1)),
                period_start: Set(start),
                period_end: Set(next.pred_opt().unwrap_or(start)),
                held_on: Set(next.checked_add_days(chrono::Days::new(20))),
                state: Set(if q < 11 { "closed" } else { "open" }.to_owned()),
                snapshot: Set(Some(frozen.clone())),
                created_by: Set(None),
                created_at: Set(now),
                version: Set(1),
            });
        }
    }
    let mut rows = rows;
    rows.push(("review", bulk(&txn, reviews).await?));
    if txn.get_database_backend() == sea_orm::DbBackend::Postgres {
        for (table, _) in &rows {
            if matches!(*table, "action_partner" | "action_resource") {
                continue;
            }
            txn.execute_unprepared(&format!(
                "SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT MAX(id) FROM {table}))"
            ))
            .await?;
        }
    }
    txn.commit().await?;
    if db.get_database_backend() == sea_orm::DbBackend::Postgres {
        // Statistics for the rows just loaded: without them PostgreSQL plans the first pages'
        // queries for empty tables until autovacuum gets round to them (seen: a 50-member load
        // started just then ran queries for minutes and timed out).
        db.execute_unprepared("ANALYZE").await?;
    }
    Ok(LargeOutcome::Loaded { rows })
}
