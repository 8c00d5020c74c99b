//! Sign-in rate limiting: too many failed attempts for one e-mail address, or from one network
//! address, within a window lock further attempts out for the rest of that window.
//!
//! Kept in memory: a restart forgets it, which costs an attacker a few minutes at most, and it
//! needs no write on every attempt. Keyed by the address typed (whether or not an account has
//! it), so the lock-out tells nothing about which accounts exist.
use chrono::{DateTime, Duration, Utc};
use std::collections::{HashMap, VecDeque};
use std::net::IpAddr;
use std::sync::Mutex;

/// Failed attempts for one e-mail address allowed within [`WINDOW`].
pub const PER_ACCOUNT: usize = 5;
/// Failed attempts from one network address allowed within [`WINDOW`].
pub const PER_ADDRESS: usize = 20;
/// How far back failures count.
pub const WINDOW: Duration = Duration::minutes(15);
/// Keys tracked at most; beyond it the oldest are dropped (a flood cannot exhaust memory).
const MAX_KEYS: usize = 100_000;

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Key {
    Account(String),
    Address(IpAddr),
}

/// The failures seen, per e-mail address and per network address.
#[derive(Debug, Default)]
pub struct SignInThrottle {
    failures: Mutex<HashMap<Key, VecDeque<DateTime<Utc>>>>,
}

/// A sign-in refused before the password is checked: when it may be tried again.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LockedOut {
    /// Whole minutes until the next attempt is allowed (at least 1).
    pub minutes: i64,
}

fn keys(email: &str, addr: Option<IpAddr>) -> Vec<(Key, usize)> {
    let mut keys = vec![(Key::Account(email.trim().to_lowercase()), PER_ACCOUNT)];
    if let Some(ip) = addr {
        keys.push((Key::Address(ip), PER_ADDRESS));
    }
    keys
}

impl SignInThrottle {
    /// Whether an attempt for `email` from `addr` may go ahead at `now`.
    ///
    /// # Errors
    /// [`LockedOut`] with the wait, when either limit is reached.
    pub fn check(
        &self,
        email: &str,
        addr: Option<IpAddr>,
        now: DateTime<Utc>,
    ) -> Result<(), LockedOut> {
        let mut map = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        let mut wait = Duration::zero();
        for (key, limit) in keys(email, addr) {
            if let Some(times) = map.get_mut(&key) {
                while times.front().is_some_and(|t| *t + WINDOW <= now) {
                    times.pop_front();
                }
                if times.len() >= limit
                    && let Some(oldest) = times.front()
                {
                    wait = wait.max(*oldest + WINDOW - now);
                }
            }
        }
        if wait > Duration::zero() {
            let minutes = (wait.num_seconds() + 59) / 60;
            return Err(LockedOut {
                minutes: minutes.max(1),
            });
        }
        Ok(())
    }

    /// Records a failed attempt.
    pub fn failed(&self, email: &str, addr: Option<IpAddr>, now: DateTime<Utc>) {
        let mut map = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        if map.len() >= MAX_KEYS {
            map.retain(|_, times| times.back().is_some_and(|t| *t + WINDOW > now));
            if map.len() >= MAX_KEYS {
                map.clear();
            }
        }
        for (key, _) in keys(email, addr) {
            map.entry(key).or_default().push_back(now);
        }
    }

    /// Forgets the failures of an e-mail address after a successful sign-in.
    pub fn succeeded(&self, email: &str) {
        let mut map = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        map.remove(&Key::Account(email.trim().to_lowercase()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(minute: i64) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0)
            .single()
            .expect("time")
            + Duration::minutes(minute)
    }

    const HOME: Option<IpAddr> = Some(IpAddr::V4(std::net::Ipv4Addr::new(192, 0, 2, 1)));

    #[test]
    fn five_failures_lock_the_address_for_the_rest_of_the_window() {
        let t = SignInThrottle::default();
        for m in 0..5 {
            assert_eq!(t.check("a@example.org", HOME, at(m)), Ok(()));
            t.failed("a@example.org", HOME, at(m));
        }
        assert_eq!(
            t.check("a@example.org", HOME, at(5)),
            Err(LockedOut { minutes: 10 })
        );
        // Case and spaces do not make a new key.
        assert!(t.check(" A@Example.org", None, at(5)).is_err());
        // Another account from the same place is not locked.
        assert_eq!(t.check("b@example.org", HOME, at(5)), Ok(()));
        // The first failure leaves the window at minute 15.
        assert_eq!(
            t.check("a@example.org", HOME, at(14)),
            Err(LockedOut { minutes: 1 })
        );
        assert_eq!(t.check("a@example.org", HOME, at(15)), Ok(()));
    }

    #[test]
    fn twenty_failures_from_one_network_address_lock_it_for_every_account() {
        let t = SignInThrottle::default();
        for n in 0..20 {
            t.failed(&format!("u{n}@example.org"), HOME, at(0));
        }
        assert_eq!(
            t.check("new@example.org", HOME, at(1)),
            Err(LockedOut { minutes: 14 })
        );
        let elsewhere = Some(IpAddr::V4(std::net::Ipv4Addr::new(198, 51, 100, 7)));
        assert_eq!(t.check("new@example.org", elsewhere, at(1)), Ok(()));
    }

    #[test]
    fn success_clears_the_account_but_not_the_address() {
        let t = SignInThrottle::default();
        for _ in 0..4 {
            t.failed("a@example.org", HOME, at(0));
        }
        t.succeeded("a@example.org");
        for _ in 0..4 {
            t.failed("a@example.org", HOME, at(1));
        }
        assert_eq!(
            t.check("a@example.org", HOME, at(1)),
            Ok(()),
            "four since the success"
        );
    }

    #[test]
    fn part_minutes_round_up() {
        let t = SignInThrottle::default();
        for _ in 0..5 {
            t.failed("a@example.org", None, at(0));
        }
        let almost = at(14) + Duration::seconds(30);
        assert_eq!(
            t.check("a@example.org", None, almost),
            Err(LockedOut { minutes: 1 })
        );
    }
}
