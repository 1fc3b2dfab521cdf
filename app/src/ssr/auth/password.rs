//! Password hashing with Argon2id at OWASP's parameters (m = 19456 KiB, t = 2, p = 1, which
//! are `argon2` 0.5's defaults). Hashing costs tens of milliseconds of a core, so it runs on
//! a blocking thread, never on the async executor, and at most [`MAX_CONCURRENT_HASHES`] run
//! at once (a burst of sign-ins queues instead of starving every other request).

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use rand_core::{OsRng, RngCore};
use std::sync::LazyLock;
use tokio::sync::Semaphore;

/// Shortest password accepted.
pub const MIN_LEN: usize = 8;
/// Longest password accepted (long enough for passphrases, short enough to bound the cost).
pub const MAX_LEN: usize = 128;

/// Why a password was refused or could not be hashed.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum PasswordError {
    /// Too short or too long.
    #[error("the password must be {MIN_LEN} to {MAX_LEN} characters long")]
    Length,
    /// The hasher failed (should not happen).
    #[error("the password could not be hashed")]
    Hash,
}

/// Checks the length rule (in characters, not bytes).
pub fn check_policy(password: &str) -> Result<(), PasswordError> {
    let len = password.chars().count();
    if (MIN_LEN..=MAX_LEN).contains(&len) {
        Ok(())
    } else {
        Err(PasswordError::Length)
    }
}

/// Hashes synchronously; prefer [`hash`] on async paths.
pub fn hash_blocking(password: &str) -> Result<String, PasswordError> {
    check_policy(password)?;
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|_| PasswordError::Hash)
}

/// Most hashes computed (or verified) at once, process-wide.
pub const MAX_CONCURRENT_HASHES: usize = 4;

static HASHING: Semaphore = Semaphore::const_new(MAX_CONCURRENT_HASHES);

/// A hash of a password nobody has, to verify against when the account does not exist (or
/// has no password), so that an unknown account costs as much as a wrong password.
static DUMMY_HASH: LazyLock<String> = LazyLock::new(|| {
    // Cannot fail: a generated password of 24 characters meets the length rule.
    hash_blocking(&generate(24)).unwrap_or_default()
});

/// Hashes a password on a blocking thread.
pub async fn hash(password: String) -> Result<String, PasswordError> {
    let _permit = HASHING.acquire().await.map_err(|_| PasswordError::Hash)?;
    tokio::task::spawn_blocking(move || hash_blocking(&password))
        .await
        .map_err(|_| PasswordError::Hash)?
}

/// Verifies a password on a blocking thread. With no hash (no such account, or no password
/// set) it verifies against a dummy hash and answers `false`, at the same cost.
pub async fn verify(password: String, phc_hash: Option<String>) -> bool {
    let Ok(_permit) = HASHING.acquire().await else {
        return false;
    };
    tokio::task::spawn_blocking(move || match phc_hash {
        Some(hash) => verify_blocking(&password, &hash),
        None => {
            let _ = verify_blocking(&password, &DUMMY_HASH);
            false
        }
    })
    .await
    .unwrap_or(false)
}

/// Computes the dummy hash now (on a blocking thread), so that the first sign-in attempt
/// for an unknown account does not pay for it.
pub async fn warm_up() {
    let _ = tokio::task::spawn_blocking(|| DUMMY_HASH.len()).await;
}

/// Verifies synchronously: `false` for a wrong password or an unreadable hash.
pub fn verify_blocking(password: &str, phc_hash: &str) -> bool {
    PasswordHash::new(phc_hash)
        .map(|parsed| {
            Argon2::default()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok()
        })
        .unwrap_or(false)
}

/// A random password of `len` characters from an alphabet without look-alikes.
pub fn generate(len: usize) -> String {
    const ALPHABET: &[u8] = b"abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let mut bytes = vec![0_u8; len];
    OsRng.fill_bytes(&mut bytes);
    // 256 is not a multiple of the alphabet's size; rejection sampling keeps it uniform.
    let limit = (256 / ALPHABET.len() * ALPHABET.len()) as u8;
    let mut out = String::with_capacity(len);
    let mut pool = bytes.into_iter();
    while out.len() < len {
        let byte = match pool.next() {
            Some(b) => b,
            None => {
                let mut one = [0_u8; 1];
                OsRng.fill_bytes(&mut one);
                one[0]
            }
        };
        if byte < limit {
            out.push(ALPHABET[usize::from(byte) % ALPHABET.len()] as char);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_use_argon2id_at_owasp_parameters() {
        let hash = hash_blocking("correct horse battery").expect("hashable");
        assert!(
            hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "{hash}"
        );
        assert!(verify_blocking("correct horse battery", &hash));
        assert!(!verify_blocking("correct horse battery!", &hash));
        assert!(!verify_blocking("anything", "not a hash"));
    }

    #[tokio::test]
    async fn unknown_accounts_fail_like_wrong_passwords() {
        let hash = hash("correct horse battery".to_owned())
            .await
            .expect("hashable");
        assert!(verify("correct horse battery".to_owned(), Some(hash.clone())).await);
        assert!(!verify("wrong horse battery".to_owned(), Some(hash)).await);
        assert!(!verify("correct horse battery".to_owned(), None).await);
        assert!(DUMMY_HASH.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
    }

    #[test]
    fn length_is_checked_in_characters() {
        assert_eq!(check_policy("short"), Err(PasswordError::Length));
        assert_eq!(check_policy("ééééééé"), Err(PasswordError::Length));
        assert_eq!(check_policy("éééééééé"), Ok(()));
        assert_eq!(
            check_policy(&"x".repeat(MAX_LEN + 1)),
            Err(PasswordError::Length)
        );
    }

    #[test]
    fn generated_passwords_have_the_length_and_alphabet_asked_for() {
        let a = generate(20);
        let b = generate(20);
        assert_eq!(a.chars().count(), 20);
        assert_ne!(a, b);
        assert!(
            a.chars()
                .all(|c| c.is_ascii_alphanumeric() && !"l1O0Io".contains(c))
        );
    }
}
