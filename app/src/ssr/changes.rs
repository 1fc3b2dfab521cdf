//! The change signal: a number that moves whenever this process (or, through the database,
//! another app server) may have changed what a page shows. The server's render cache keeps a
//! signed-out page only while the number is the one it was rendered under.
//!
//! Writes signal it after they commit: the server does so after every request with an unsafe
//! method (every server function that changes data is a POST), and work that writes outside
//! a request (closing motions at their deadline) calls [`changed`] itself. A poll task of the
//! server publishes local changes to the database and adopts other servers' (see
//! `db::changes`), so that several app servers behind a load balancer agree within a poll.
//!
//! It is process-wide, like a metrics counter: two servers in one process (tests) only
//! invalidate each other's caches more often than needed, never less.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

static GENERATION: AtomicU64 = AtomicU64::new(0);
static UNPUBLISHED: AtomicBool = AtomicBool::new(false);

/// Something this process committed may change what pages show.
pub fn changed() {
    GENERATION.fetch_add(1, Ordering::SeqCst);
    UNPUBLISHED.store(true, Ordering::SeqCst);
}

/// Another app server changed something (seen in the database): invalidate, but there is
/// nothing to publish.
pub fn changed_elsewhere() {
    GENERATION.fetch_add(1, Ordering::SeqCst);
}

/// The current generation: a page rendered under it is current while it stays.
pub fn generation() -> u64 {
    GENERATION.load(Ordering::SeqCst)
}

/// Whether there are local changes the other servers have not been told of; clears the flag.
pub fn take_unpublished() -> bool {
    UNPUBLISHED.swap(false, Ordering::SeqCst)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_change_moves_the_generation_and_is_published_once() {
        let before = generation();
        changed();
        assert!(generation() > before);
        assert!(take_unpublished());
        // Other tests may signal concurrently; only this test's own signal is known here.
        let seen = generation();
        changed_elsewhere();
        assert!(generation() > seen);
    }
}
