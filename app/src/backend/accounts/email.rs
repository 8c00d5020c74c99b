//! E-mail addresses as accounts are keyed by them.
use crate::backend::error::{BackendError, BackendResult};

/// The longest address accepted (the limit of the SMTP path).
const MAX_LENGTH: usize = 254;

/// An e-mail address, trimmed and lowercased, of the form `local@domain.tld`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Email(String);

impl Email {
    /// Trims and lowercases `text` and checks that it looks like `local@domain.tld`.
    ///
    /// # Errors
    /// [`BackendError::Invalid`] saying what is wrong with it.
    pub fn parse(text: &str) -> BackendResult<Email> {
        let email = text.trim().to_lowercase();
        let refuse = |why: &str| {
            Err(BackendError::Invalid(format!(
                "'{}' is not an e-mail address: {why}",
                text.trim()
            )))
        };
        if email.is_empty() {
            return Err(BackendError::Invalid(
                "the e-mail address is empty".to_owned(),
            ));
        }
        if email.chars().count() > MAX_LENGTH {
            return refuse("it is longer than 254 characters");
        }
        if email.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return refuse("it contains a space");
        }
        let Some((local, domain)) = email.split_once('@') else {
            return refuse("it has no '@'");
        };
        if local.is_empty() {
            return refuse("nothing comes before the '@'");
        }
        if domain.contains('@') {
            return refuse("it has more than one '@'");
        }
        let labels: Vec<&str> = domain.split('.').collect();
        if labels.len() < 2 || labels.iter().any(|l| l.is_empty()) {
            return refuse("the part after the '@' should be a domain such as example.org");
        }
        Ok(Email(email))
    }

    /// The address, as stored.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for Email {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(text: &str) -> String {
        match Email::parse(text) {
            Err(BackendError::Invalid(m)) => m,
            other => panic!("expected {text:?} to be refused, got {other:?}"),
        }
    }

    #[test]
    fn addresses_are_trimmed_and_lowercased() {
        let e = Email::parse("  Jo.Bloggs@Example.ORG \n").expect("valid");
        assert_eq!(e.as_str(), "jo.bloggs@example.org");
        assert_eq!(e.to_string(), "jo.bloggs@example.org");
        assert!(Email::parse("a@b.co.uk").is_ok());
    }

    #[test]
    fn malformed_addresses_say_why() {
        assert!(refused("").contains("empty"));
        assert!(refused("jo.example.org").contains("no '@'"));
        assert!(refused("@example.org").contains("before the '@'"));
        assert!(refused("jo@a@example.org").contains("more than one"));
        assert!(refused("jo@localhost").contains("domain"));
        assert!(refused("jo@example.").contains("domain"));
        assert!(refused("jo@.org").contains("domain"));
        assert!(refused("jo bloggs@example.org").contains("space"));
        assert!(refused(&format!("{}@example.org", "a".repeat(250))).contains("longer"));
    }
}
