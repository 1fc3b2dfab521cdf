//! Every list page does a bounded number of database queries whatever the size of the data:
//! the same pages, read by the same kinds of visitor, over a small and a four times larger
//! `seed-scale` data set, must issue exactly the same number of queries.
//!
//! Queries are counted from sqlx's own statement log (`sqlx::query` events) by a tracing layer
//! installed for this test binary, leaving out the render cache's follower (it polls on its
//! own clock, in its own span). The two backends run one after the other (a lock). Each page
//! is rendered three times (the render cache is invalidated before each read) and the fewest
//! queries kept, so that nothing else running meanwhile can add to a count.

mod common;

use common::{Backend, DEMO_PASSWORD, TestApp};
use server::render_cache::FOLLOWER_SPAN;
use server::seed::scale::{ScaleOptions, ScaleSize, seed_scale};
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, Ordering};
use tracing::Subscriber;
use tracing_subscriber::layer::{Context, Layer, SubscriberExt};
use tracing_subscriber::registry::LookupSpan;
use tracing_subscriber::util::SubscriberInitExt;

static QUERIES: AtomicU64 = AtomicU64::new(0);
static SERIAL: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// Counts sqlx's statement events.
struct CountQueries;

impl<S: Subscriber + for<'a> LookupSpan<'a>> Layer<S> for CountQueries {
    fn on_event(&self, event: &tracing::Event<'_>, ctx: Context<'_, S>) {
        // The render cache's follower polls the database on its own clock: not a page's.
        let background = ctx
            .event_scope(event)
            .is_some_and(|mut scope| scope.any(|span| span.name() == FOLLOWER_SPAN));
        if event.metadata().target() == "sqlx::query" && !background {
            QUERIES.fetch_add(1, Ordering::SeqCst);
        }
    }
}

fn install_counter() {
    // Only the first call installs it; later ones find it there.
    let _ = tracing_subscriber::registry().with(CountQueries).try_init();
}

const SMALL: ScaleSize = ScaleSize {
    partnerships: 2,
    organisations: 40,
    commitments: 80,
    ballots: 300,
};

const LARGE: ScaleSize = ScaleSize {
    partnerships: 2,
    organisations: 160,
    commitments: 320,
    ballots: 1_200,
};

/// The list pages and list endpoints, for a signed-out visitor.
const PUBLIC_PAGES: &[&str] = &[
    "/",
    "/p/scale-1",
    "/p/scale-1/plan",
    "/p/scale-1/plan/versions",
    "/p/scale-1/plan/v/1",
    "/p/scale-1/plan/v/1/goals/1",
    "/p/scale-1/commitments",
    "/p/scale-1/decisions",
    "/p/scale-1/participation",
    "/p/scale-1/focal-points",
    "/p/scale-1/councils/gcc",
    "/p/scale-1/groups/jwg-1",
    "/p/scale-1/groups/jwg-1/motions",
    "/p/scale-1/o/org-2",
    "/p/scale-1/commitments.csv",
    "/p/scale-1/participation.csv",
    "/p/scale-1/feed.atom",
    "/api/v1/partnerships",
    "/api/v1/partnerships/scale-1/councils",
    "/api/v1/partnerships/scale-1/working-groups",
    "/api/v1/partnerships/scale-1/focal-points",
    "/api/v1/partnerships/scale-1/plan-versions",
    "/api/v1/partnerships/scale-1/plan-versions/1/goals",
    "/api/v1/partnerships/scale-1/plan-versions/1/objectives",
    "/api/v1/partnerships/scale-1/commitments",
    "/api/v1/partnerships/scale-1/decisions",
];

/// Pages a member and the secretariat read.
const MEMBER_PAGES: &[&str] = &[
    "/p/scale-1/dashboard",
    "/p/scale-1",
    "/p/scale-1/commitments",
    "/p/scale-1/groups/jwg-1/motions",
    "/p/scale-1/plan/v/1/goals/1",
];

/// The fewest queries of three reads of `path`.
async fn queries_of(client: &reqwest::Client, app: &TestApp, path: &str) -> u64 {
    let mut fewest = u64::MAX;
    for _ in 0..3 {
        // Signed-out pages are kept by the render cache: count a render, not a copy.
        app::ssr::changes::changed();
        let before = QUERIES.load(Ordering::SeqCst);
        let res = client.get(app.url(path)).send().await.expect("GET");
        let status = res.status();
        let _ = res.bytes().await.expect("body");
        assert!(status.is_success(), "{path} answered {status}");
        fewest = fewest.min(QUERIES.load(Ordering::SeqCst) - before);
    }
    assert!(
        fewest > 0,
        "{path} was answered without a query: the counter is not counting"
    );
    fewest
}

/// Query counts by visitor and page, over data of `size`.
async fn counts(backend: Backend, size: ScaleSize) -> Option<BTreeMap<String, u64>> {
    let app = TestApp::spawn(backend, false).await?;
    let options = ScaleOptions {
        size,
        seed: 7,
        password: DEMO_PASSWORD.to_owned(),
        progress: false,
    };
    seed_scale(&app.db, &options).await.expect("seed-scale");
    let mut counts = BTreeMap::new();
    let visitor = TestApp::client();
    for path in PUBLIC_PAGES {
        counts.insert(
            format!("visitor {path}"),
            queries_of(&visitor, &app, path).await,
        );
    }
    for (who, email) in [
        ("secretariat", "rep-1-1@scale1.example"),
        ("member", "rep-1-2@scale1.example"),
    ] {
        let client = app.signed_in(email).await;
        for path in MEMBER_PAGES {
            counts.insert(
                format!("{who} {path}"),
                queries_of(&client, &app, path).await,
            );
        }
    }
    app.stop().await;
    Some(counts)
}

async fn same_counts_at_two_sizes(backend: Backend) {
    install_counter();
    let _serial = SERIAL.lock().await;
    let Some(small) = counts(backend, SMALL).await else {
        return;
    };
    let Some(large) = counts(backend, LARGE).await else {
        return;
    };
    let mut differ = Vec::new();
    for (page, n) in &small {
        let m = large[page];
        println!("{backend:?} {page}: {n} queries (small), {m} (large)");
        if *n != m {
            differ.push(format!(
                "{page}: {n} with the small data, {m} with the large"
            ));
        }
    }
    assert!(
        differ.is_empty(),
        "pages whose query count grows with the data on {backend:?}:\n{}",
        differ.join("\n")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite() {
    same_counts_at_two_sizes(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres() {
    same_counts_at_two_sizes(Backend::Postgres).await;
}
