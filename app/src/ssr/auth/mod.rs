//! Authentication: password hashing now; sessions and sign-in arrive with the accounts issue.

pub mod password;
