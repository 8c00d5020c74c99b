//! Passwords: the policy a new one must meet, and Argon2id hashing.
use crate::backend::error::{BackendError, BackendResult};
use argon2::Argon2;
use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};

/// The fewest characters a password may have.
pub const MIN_LENGTH: usize = 12;
/// The most characters a password may have (hashing a huge input would be a cheap attack).
pub const MAX_LENGTH: usize = 256;

/// A hash of a password nobody has, in the same format and with the same parameters as real
/// ones: checking a sign-in for an unknown e-mail against it takes as long as a real check.
pub(crate) const DUMMY_HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$90M6Q+UrB3jWevUxuLkIWg$VBukSUYUv3nrRtBqVbmwmdP/CrEB8vvPMT1QKox0ofw";

/// A new password that meets the policy; it never appears in `Debug` output or logs.
pub struct Password(String);

impl Password {
    /// Checks a new password against the policy: at least [`MIN_LENGTH`] characters, at most
    /// [`MAX_LENGTH`], and not one character repeated.
    ///
    /// # Errors
    /// [`BackendError::Invalid`] saying what is wrong with it.
    pub fn parse(text: String) -> BackendResult<Password> {
        let length = text.chars().count();
        if length < MIN_LENGTH {
            return Err(BackendError::Invalid(format!(
                "the password is too short: it has {length} characters and needs at least {MIN_LENGTH}"
            )));
        }
        if length > MAX_LENGTH {
            return Err(BackendError::Invalid(format!(
                "the password is too long: it has {length} characters and may have at most {MAX_LENGTH}"
            )));
        }
        let mut chars = text.chars();
        let first = chars.next();
        if chars.all(|c| Some(c) == first) {
            return Err(BackendError::Invalid(
                "the password is one character repeated: choose one that is harder to guess"
                    .to_owned(),
            ));
        }
        Ok(Password(text))
    }

    /// The password itself, for hashing.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Password {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Password(***)")
    }
}

/// Hashes a password with Argon2id (the crate's default parameters) and a fresh random salt,
/// giving the PHC string to store (`$argon2id$v=19$…`).
///
/// Slow on purpose (tens of milliseconds in a release build): call it off the async executor
/// ([`hash_password_blocking`] does).
///
/// # Errors
/// [`BackendError::Corrupt`] if the system has no randomness or hashing fails.
pub fn hash_password(password: &Password) -> BackendResult<String> {
    Argon2::default()
        .hash_password(password.expose().as_bytes())
        .map(|hash| hash.to_string())
        .map_err(|e| BackendError::Corrupt(format!("cannot hash the password: {e}")))
}

/// Whether `password` matches a stored PHC hash; a malformed hash matches nothing.
///
/// The comparison's parameters come from the stored hash, so old hashes keep working if the
/// defaults change.
pub fn verify_password(password: &str, hash: &str) -> bool {
    let Ok(parsed) = PasswordHash::new(hash) else {
        tracing::warn!("a stored password hash is not a PHC string");
        return false;
    };
    Argon2::default()
        .verify_password(password.as_bytes(), &parsed)
        .is_ok()
}

/// [`hash_password`] on a blocking thread, so that hashing does not stall other requests.
///
/// # Errors
/// As [`hash_password`].
pub async fn hash_password_blocking(password: Password) -> BackendResult<String> {
    tokio::task::spawn_blocking(move || hash_password(&password))
        .await
        .map_err(|e| BackendError::Corrupt(format!("password hashing stopped: {e}")))?
}

/// [`verify_password`] on a blocking thread; with no stored hash it checks against
/// [`DUMMY_HASH`], taking as long and answering no.
///
/// # Errors
/// [`BackendError::Corrupt`] if the blocking thread fails.
pub async fn verify_password_blocking(password: &str, hash: Option<&str>) -> BackendResult<bool> {
    let password = password.to_owned();
    let (hash, real) = match hash {
        Some(h) => (h.to_owned(), true),
        None => (DUMMY_HASH.to_owned(), false),
    };
    let matched = tokio::task::spawn_blocking(move || verify_password(&password, &hash))
        .await
        .map_err(|e| BackendError::Corrupt(format!("password check stopped: {e}")))?;
    Ok(real && matched)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message(text: &str) -> String {
        match Password::parse(text.to_owned()) {
            Err(BackendError::Invalid(m)) => m,
            other => panic!("expected a refusal, got {other:?}"),
        }
    }

    #[test]
    fn the_policy_says_what_is_wrong() {
        assert!(message("short pw").contains("too short"));
        assert!(message("short pw").contains("8 characters"));
        assert!(message("aaaaaaaaaaaaaaaa").contains("one character repeated"));
        assert!(message(&"ab".repeat(200)).contains("too long"));
        // Characters, not bytes: twelve accented letters are enough.
        assert!(Password::parse("éèêëéèêëéèêë".to_owned()).is_ok());
        assert!(Password::parse("correct horse".to_owned()).is_ok());
    }

    #[test]
    fn a_password_never_shows_in_debug_output() {
        let p = Password::parse("correct horse battery".to_owned()).expect("valid");
        assert_eq!(format!("{p:?}"), "Password(***)");
    }

    #[test]
    fn hashes_are_argon2id_salted_and_verify() {
        let p = Password::parse("correct horse battery".to_owned()).expect("valid");
        let first = hash_password(&p).expect("hash");
        let second = hash_password(&p).expect("hash");
        assert!(first.starts_with("$argon2id$"), "{first}");
        assert_ne!(first, second, "a fresh salt each time");
        assert!(verify_password("correct horse battery", &first));
        assert!(!verify_password("correct horse battery!", &first));
        assert!(!verify_password("anything", "not a hash"));
    }

    #[test]
    fn the_dummy_hash_costs_what_a_real_one_does() {
        let p = Password::parse("correct horse battery".to_owned()).expect("valid");
        let real = hash_password(&p).expect("hash");
        let params = |h: &str| h.split('$').take(4).collect::<Vec<_>>().join("$");
        assert_eq!(params(DUMMY_HASH), params(&real));
        assert!(PasswordHash::new(DUMMY_HASH).is_ok());
    }
}
