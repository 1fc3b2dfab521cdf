//! Per-address limits on credential guessing: failed sign-ins, password reset requests and
//! reset attempts with a bad token, counted per client address in a sliding window.
//!
//! The counts live in this app server's memory: with several app servers behind a load
//! balancer each keeps its own, so an address gets up to N × the limit. The per-account
//! lockout (in the database, see `ssr::db::accounts`) holds across app servers and is what
//! protects a given account; this limit slows an address that tries many accounts.
//!
//! Only failures count, so that the people of one organisation signing in from behind the
//! same NAT address at nine in the morning are not locked out by each other.

use std::collections::{HashMap, VecDeque};
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Failures allowed per address in [`WINDOW`].
pub const FAILURES_PER_WINDOW: usize = 30;
/// The sliding window.
pub const WINDOW: Duration = Duration::from_secs(5 * 60);
/// Addresses tracked at most; past this the oldest quiet ones are forgotten first.
const MAX_TRACKED: usize = 100_000;

/// Counts failures per client address.
#[derive(Debug)]
pub struct AddressLimiter {
    limit: usize,
    window: Duration,
    failures: Mutex<HashMap<IpAddr, VecDeque<Instant>>>,
}

impl Default for AddressLimiter {
    fn default() -> Self {
        Self::new(FAILURES_PER_WINDOW, WINDOW)
    }
}

impl AddressLimiter {
    /// A limiter allowing `limit` failures per address in any `window`.
    pub fn new(limit: usize, window: Duration) -> Self {
        Self {
            limit,
            window,
            failures: Mutex::new(HashMap::new()),
        }
    }

    /// Whether `addr` has used up its failures: further attempts are refused (429) without
    /// checking anything.
    pub fn is_limited(&self, addr: IpAddr) -> bool {
        let key = key_of(addr);
        let now = Instant::now();
        let mut map = self.lock();
        match map.get_mut(&key) {
            Some(times) => {
                prune(times, now, self.window);
                let limited = times.len() >= self.limit;
                if times.is_empty() {
                    map.remove(&key);
                }
                limited
            }
            None => false,
        }
    }

    /// Counts one failure of `addr`.
    pub fn record_failure(&self, addr: IpAddr) {
        let key = key_of(addr);
        let now = Instant::now();
        let mut map = self.lock();
        if map.len() >= MAX_TRACKED && !map.contains_key(&key) {
            let window = self.window;
            map.retain(|_, times| {
                prune(times, now, window);
                !times.is_empty()
            });
        }
        let times = map.entry(key).or_default();
        prune(times, now, self.window);
        times.push_back(now);
        // Never more than the limit is needed to decide; keep memory per address bounded.
        while times.len() > self.limit {
            times.pop_front();
        }
    }

    /// Forgets addresses whose failures are all older than the window.
    pub fn purge(&self) {
        let now = Instant::now();
        let window = self.window;
        self.lock().retain(|_, times| {
            prune(times, now, window);
            !times.is_empty()
        });
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<IpAddr, VecDeque<Instant>>> {
        // A panic while holding the lock leaves consistent data (a map of queues).
        self.failures
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

fn prune(times: &mut VecDeque<Instant>, now: Instant, window: Duration) {
    while times
        .front()
        .is_some_and(|t| now.duration_since(*t) >= window)
    {
        times.pop_front();
    }
}

/// IPv4 addresses count one by one; an IPv6 client usually has a whole /64, so it counts
/// as one.
fn key_of(addr: IpAddr) -> IpAddr {
    match addr {
        IpAddr::V4(_) => addr,
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => {
                let segments = v6.segments();
                IpAddr::V6(std::net::Ipv6Addr::new(
                    segments[0],
                    segments[1],
                    segments[2],
                    segments[3],
                    0,
                    0,
                    0,
                    0,
                ))
            }
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_is_limited_after_its_failures_and_others_are_not() {
        let limiter = AddressLimiter::new(3, Duration::from_secs(60));
        let a: IpAddr = "192.0.2.1".parse().expect("address");
        let b: IpAddr = "192.0.2.2".parse().expect("address");
        for _ in 0..3 {
            assert!(!limiter.is_limited(a));
            limiter.record_failure(a);
        }
        assert!(limiter.is_limited(a));
        assert!(!limiter.is_limited(b));
    }

    #[test]
    fn failures_older_than_the_window_are_forgotten() {
        let limiter = AddressLimiter::new(1, Duration::from_millis(20));
        let a: IpAddr = "192.0.2.1".parse().expect("address");
        limiter.record_failure(a);
        assert!(limiter.is_limited(a));
        std::thread::sleep(Duration::from_millis(30));
        assert!(!limiter.is_limited(a));
        limiter.purge();
        assert!(limiter.lock().is_empty());
    }

    #[test]
    fn an_ipv6_client_counts_per_64_prefix() {
        let limiter = AddressLimiter::new(2, Duration::from_secs(60));
        limiter.record_failure("2001:db8:1:2::1".parse().expect("address"));
        limiter.record_failure("2001:db8:1:2::ffff".parse().expect("address"));
        assert!(limiter.is_limited("2001:db8:1:2:abcd::9".parse().expect("address")));
        assert!(!limiter.is_limited("2001:db8:1:3::1".parse().expect("address")));
        let mapped: IpAddr = "::ffff:192.0.2.7".parse().expect("address");
        limiter.record_failure(mapped);
        limiter.record_failure(mapped);
        assert!(limiter.is_limited("192.0.2.7".parse().expect("address")));
    }
}
