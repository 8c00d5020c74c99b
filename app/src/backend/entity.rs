//! sea-orm entities, one module per table of docs/schema.md (created by the `migrations` crate).
/// An action within a theme, led by one partner and supported by others.
pub mod action;
/// Join table: the supporting partners of an action.
pub mod action_partner;
/// Join table: the resources an action draws on.
pub mod action_resource;
/// A personal API token of a user; only the token's hash is stored.
pub mod api_token;
/// A person who can sign in (named `app_user` because `user` is reserved in PostgreSQL).
pub mod app_user;
/// The append-only audit log of changes.
pub mod audit_event;
/// A decision or action arising recorded at a review.
pub mod decision;
/// A community safety forum (partnership): the tenant that owns everything else.
pub mod forum;
/// A forum's revision, moved by triggers whenever what its dashboard shows changes.
pub mod forum_revision;
/// A column mapping a forum saved for the spreadsheets whose headings it matches.
pub mod import_mapping;
/// A spreadsheet uploaded for import, kept between its preview and its commit.
pub mod import_upload;
/// A performance indicator (best value, national, LPSA, policing plan or local) targets can report against.
pub mod indicator;
/// A user's role in a forum, optionally on behalf of a partner.
pub mod membership;
/// An organisation in a forum (police, council, charity, ...).
pub mod partner;
/// A progress report on a target for one period, with its approval workflow.
pub mod progress_update;
/// A funding stream or staffing resource of a forum that actions draw on.
pub mod resource;
/// A review meeting of a forum over a period, with a JSON snapshot of the plan.
pub mod review;
/// A stored sign-in session (session store backing table).
pub mod session_record;
/// A public read-only link to part of a forum's plan; only the token's hash is stored.
pub mod share_link;
/// A strategy (plan) of a forum covering a period: the root of the theme/action/target tree.
pub mod strategy;
/// A measurable target of an action, optionally tied to an indicator.
pub mod target;
/// A theme (priority) within a strategy.
pub mod theme;
