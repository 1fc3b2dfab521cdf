//! One-time link tokens (invitations, password resets): 256 random bits, URL-safe, of which
//! only the SHA-256 is stored, so that reading the database gives no working link.

use rand_core::{OsRng, RngCore};
use sha2::{Digest, Sha256};

/// A fresh token for a link, and the hash to store.
pub fn new_token() -> (String, String) {
    let mut bytes = [0_u8; 32];
    OsRng.fill_bytes(&mut bytes);
    let token = hex::encode(bytes);
    let hash = hash_token(&token);
    (token, hash)
}

/// The stored form of a token (hex SHA-256). Anything may be given: an unknown token simply
/// matches no row.
pub fn hash_token(token: &str) -> String {
    hex::encode(Sha256::digest(token.trim().as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_random_and_only_their_hash_is_kept() {
        let (a, hash_a) = new_token();
        let (b, _) = new_token();
        assert_ne!(a, b);
        assert_eq!(a.len(), 64);
        assert_eq!(hash_a.len(), 64);
        assert_ne!(a, hash_a);
        assert_eq!(hash_token(&a), hash_a);
        assert_eq!(
            hash_token(&format!(" {a}\n")),
            hash_a,
            "copy-paste white space is forgiven"
        );
    }
}
