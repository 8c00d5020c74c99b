//! Accounts: forums, users and their memberships, passwords, sign-in, and the audit of each.
//!
//! What a role may do is decided in [`crate::domain::role`]; this module stores who has which
//! role where. Every write and every sign-in attempt here is audited.
mod admin;
pub mod audit;
mod caller;
mod email;
mod forums;
mod password;
mod sign_in;
mod throttle;
mod users;

pub use admin::{change_own_password, reset_password, set_disabled, set_role, users_page};
pub use audit::AuditEntry;
pub use caller::{Caller, caller_for_session};
pub use email::Email;
pub use forums::{create_forum, find_forum, find_partner, list_forums, slug_of};
pub use password::{
    MAX_LENGTH as PASSWORD_MAX_LENGTH, MIN_LENGTH as PASSWORD_MIN_LENGTH, Password, hash_password,
    hash_password_blocking, verify_password, verify_password_blocking,
};
pub use sign_in::{AuthError, authenticate, sign_in, sign_out};
pub use throttle::{LockedOut, SignInThrottle};
pub use users::{MembershipOf, NewUser, add_user, memberships_of};
