//! The ballot benchmark: `voters` representatives of different organisations, each signed in
//! with its own session, cast and change ballots on their open motions as fast as the server
//! answers, for `seconds`; then the database is asked whether every answered ballot is
//! there. Prints one line of JSON: ballots per second, latency percentiles, errors and the
//! number of ballots lost.
//!
//! It needs data from `concordat seed-scale` (the voters are `rep-{p}-{o}@scale{p}.example`,
//! whose open motions it reads from the database) and a running server:
//!
//! ```sh
//! DATABASE_URL=sqlite:///tmp/bench.db cargo run --release -p server --example ballot_load -- \
//!     --url http://127.0.0.1:3000 --password "$PASSWORD" --voters 64 --seconds 10
//! ```

use app::ssr::db::{Database, motions, organisations, people};
use std::collections::HashMap;
use std::time::{Duration, Instant};

struct Args {
    url: String,
    password: String,
    voters: usize,
    seconds: u64,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        url: "http://127.0.0.1:3000".to_owned(),
        password: std::env::var("CONCORDAT_DEMO_PASSWORD").unwrap_or_default(),
        voters: 64,
        seconds: 10,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let value = it.next().ok_or_else(|| format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--url" => args.url = value,
            "--password" => args.password = value,
            "--voters" => args.voters = value.parse().map_err(|_| "--voters: a number")?,
            "--seconds" => args.seconds = value.parse().map_err(|_| "--seconds: a number")?,
            _ => return Err(format!("unknown argument {flag}")),
        }
    }
    if args.password.is_empty() {
        return Err("--password (or CONCORDAT_DEMO_PASSWORD) is required".to_owned());
    }
    Ok(args)
}

/// One voter: who, for which organisation, on which motions.
struct Voter {
    email: String,
    slug: String,
    organisation_id: i64,
    motions: Vec<i64>,
}

/// What one voter did.
#[derive(Default)]
struct Outcome {
    latencies: Vec<Duration>,
    errors: Vec<String>,
    /// Ballots the server said it saved, by motion.
    saved: HashMap<i64, u64>,
}

#[tokio::main]
async fn main() {
    if let Err(message) = run().await {
        eprintln!("ballot_load: {message}");
        std::process::exit(1);
    }
}

async fn run() -> Result<(), String> {
    let args = parse_args()?;
    let url = std::env::var("DATABASE_URL").map_err(|_| "DATABASE_URL is not set")?;
    let db = Database::connect(&url, 2)
        .await
        .map_err(|e| format!("database: {e}"))?;
    let voters = find_voters(&db, args.voters).await?;
    let before = count_ballots(&db, &voters).await?;

    // Sign everyone in first: Argon2 is deliberately slow and not what is measured.
    let mut clients = Vec::with_capacity(voters.len());
    for voter in &voters {
        clients.push(sign_in(&args, &voter.email).await?);
    }

    let deadline = Instant::now() + Duration::from_secs(args.seconds);
    let started = Instant::now();
    let mut tasks = Vec::new();
    for (voter, client) in voters.iter().zip(clients) {
        let url = format!("{}/api/cast_ballot", args.url);
        let origin = args.url.clone();
        let slug = voter.slug.clone();
        let motions = voter.motions.clone();
        tasks.push(tokio::spawn(async move {
            vote_until(client, url, origin, slug, motions, deadline).await
        }));
    }
    let mut all = Outcome::default();
    for task in tasks {
        let outcome = task.await.map_err(|e| format!("voter task: {e}"))?;
        all.latencies.extend(outcome.latencies);
        all.errors.extend(outcome.errors);
        for (motion, n) in outcome.saved {
            *all.saved.entry(motion).or_default() += n;
        }
    }
    let elapsed = started.elapsed().as_secs_f64();
    let after = count_ballots(&db, &voters).await?;
    db.close().await;

    let saved: u64 = all.saved.values().sum();
    let stored = after - before;
    let lost = saved.saturating_sub(stored);
    let mut latencies = all.latencies;
    latencies.sort();
    let percentile = |p: f64| -> f64 {
        if latencies.is_empty() {
            return 0.0;
        }
        let index = ((latencies.len() as f64 - 1.0) * p).round() as usize;
        latencies[index].as_secs_f64() * 1000.0
    };
    if let Some(first) = all.errors.first() {
        eprintln!(
            "ballot_load: {} errors, the first: {first}",
            all.errors.len()
        );
    }
    println!(
        "{{\"voters\":{},\"seconds\":{elapsed:.2},\"ballots\":{saved},\"stored\":{stored},\
         \"lost\":{lost},\"errors\":{},\"per_second\":{:.1},\"p50_ms\":{:.2},\"p99_ms\":{:.2}}}",
        voters.len(),
        all.errors.len(),
        saved as f64 / elapsed,
        percentile(0.50),
        percentile(0.99)
    );
    if lost > 0 {
        return Err(format!("{lost} answered ballots are not in the database"));
    }
    Ok(())
}

/// `count` voters spread over the partnerships, one per organisation, with their open
/// motions.
async fn find_voters(db: &Database, count: usize) -> Result<Vec<Voter>, String> {
    let mut conn = db.pool().acquire().await.map_err(|e| e.to_string())?;
    let partnerships = organisations::count_partnerships(&mut conn)
        .await
        .map_err(|e| e.to_string())?
        .max(1) as usize;
    let mut voters = Vec::with_capacity(count);
    for k in 0..count {
        let p = k % partnerships + 1;
        // Organisation 1 is the secretariat's; voters start at 2.
        let o = k / partnerships + 2;
        let email = format!("rep-{p}-{o}@scale{p}.example");
        let person = people::find_person_by_email(&mut conn, &email)
            .await
            .map_err(|e| e.to_string())?
            .ok_or_else(|| format!("{email} does not exist: run concordat seed-scale first"))?;
        let organisation_id = person
            .organisation_id
            .ok_or_else(|| format!("{email} has no organisation"))?;
        let motions: Vec<i64> = motions::list_elector_states(&mut conn, organisation_id)
            .await
            .map_err(|e| e.to_string())?
            .into_iter()
            .filter(|s| s.recused == 0 && s.proxy_given == 0)
            .map(|s| s.motion_id)
            .collect();
        if motions.is_empty() {
            return Err(format!("{email} has no open motion to vote on"));
        }
        voters.push(Voter {
            email,
            slug: format!("scale-{p}"),
            organisation_id,
            motions,
        });
    }
    Ok(voters)
}

/// All ballots (current and changed) of the voters' organisations on their motions.
async fn count_ballots(db: &Database, voters: &[Voter]) -> Result<u64, String> {
    let mut conn = db.pool().acquire().await.map_err(|e| e.to_string())?;
    let mut by_motion: HashMap<i64, Vec<i64>> = HashMap::new();
    for voter in voters {
        for motion in &voter.motions {
            by_motion
                .entry(*motion)
                .or_default()
                .push(voter.organisation_id);
        }
    }
    let mut total = 0;
    for (motion, orgs) in by_motion {
        let ballots = motions::list_ballots(&mut conn, motion)
            .await
            .map_err(|e| e.to_string())?;
        total += ballots
            .iter()
            .filter(|b| orgs.contains(&b.organisation_id))
            .count() as u64;
    }
    Ok(total)
}

async fn sign_in(args: &Args, email: &str) -> Result<reqwest::Client, String> {
    let client = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .pool_max_idle_per_host(1)
        .build()
        .map_err(|e| e.to_string())?;
    let res = client
        .post(format!("{}/api/sign_in", args.url))
        .header("origin", &args.url)
        .form(&[("email", email), ("password", args.password.as_str())])
        .send()
        .await
        .map_err(|e| format!("sign in {email}: {e}"))?;
    if !res.status().is_success() {
        return Err(format!("sign in {email}: {}", res.status()));
    }
    Ok(client)
}

/// Casts, then keeps changing, this voter's ballots on its motions in turn.
async fn vote_until(
    client: reqwest::Client,
    url: String,
    origin: String,
    slug: String,
    motions: Vec<i64>,
    deadline: Instant,
) -> Outcome {
    let mut outcome = Outcome::default();
    let mut current: HashMap<i64, Option<i64>> = HashMap::new();
    let choices = ["yes", "no", "abstain"];
    let mut n = 0usize;
    while Instant::now() < deadline {
        let motion = motions[n % motions.len()];
        let choice = choices[n % choices.len()];
        n += 1;
        let motion_text = motion.to_string();
        let replaces = current
            .get(&motion)
            .copied()
            .flatten()
            .map(|id| id.to_string())
            .unwrap_or_default();
        let form = [
            ("partnership", slug.as_str()),
            ("motion", motion_text.as_str()),
            ("choice", choice),
            ("replaces", replaces.as_str()),
        ];
        let sent = Instant::now();
        let res = client
            .post(&url)
            .header("origin", &origin)
            .header("accept", "application/json")
            .form(&form)
            .send()
            .await;
        let result = match res {
            Ok(res) if res.status().is_success() => res
                .text()
                .await
                .map_err(|e| e.to_string())
                .and_then(|body| {
                    serde_json::from_str::<i64>(&body).map_err(|_| format!("body {body:?}"))
                }),
            Ok(res) => {
                let status = res.status();
                Err(format!(
                    "{status}: {}",
                    res.text().await.unwrap_or_default()
                ))
            }
            Err(e) => Err(e.to_string()),
        };
        outcome.latencies.push(sent.elapsed());
        match result {
            Ok(ballot) => {
                current.insert(motion, Some(ballot));
                *outcome.saved.entry(motion).or_default() += 1;
            }
            Err(error) => outcome.errors.push(error),
        }
    }
    outcome
}
