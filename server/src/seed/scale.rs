//! `concordat seed-scale`: synthetic partnerships at benchmark scale (by default 50
//! partnerships, 5,000 organisations, 50,000 commitments and 500,000 ballots), deterministic
//! for a given `--seed`, written through the same `app::ssr::db` functions as everything else
//! (so every constraint and trigger of the schema holds for it), one write transaction per
//! partnership.
//!
//! Each partnership gets: its organisations (a fifth public, a tenth non-profit, the rest
//! private, of every size class), one representative per organisation, a Government and a
//! Sector Coordinating Council seating them, joint working groups of about 25 organisations,
//! a national focal point and industry contacts, a plan whose version 1 was adopted by a
//! carried motion and published (5 goals of 4 objectives), commitments of every status with
//! progress reports, and closed motions with their ballots until the ballot budget is spent;
//! each group also keeps two open motions without ballots, for the ballot benchmark.
//!
//! Every person's password is the one given (one Argon2 hash, shared: this is test data).
//! The first organisation's representative of each partnership is its secretariat. Names and
//! e-mail addresses are predictable: `rep-{p}-{o}@scale{p}.example` is the representative of
//! organisation `o` (from 1) of partnership `p` (from 1), whose slug is `scale-{p}`.

use super::SeedError;
use app::domain::motion::{BallotChoice, BallotMode, MotionDraft, MotionSubject, Threshold};
use app::domain::partnership::{
    CouncilKind, FocalPointKind, OrganisationFields, OrganisationKind, Side, SizeClass,
};
use app::domain::plan::{CommitmentStatus, PlanVersionStatus};
use app::domain::records::GrantedRole;
use app::domain::tally::{self, Ballot, Elector, Rules};
use app::domain::{Date, Timestamp, Tlp};
use app::ssr::audit::{self, AuditEvent};
use app::ssr::db::commitments::{self, NewCommitment, NewProgressUpdate};
use app::ssr::db::councils::{self, NewCouncil, NewCouncilMembership};
use app::ssr::db::focal_points::{self, NewFocalPoint};
use app::ssr::db::motions::{self, MotionClosing, NewBallot, NewMotion};
use app::ssr::db::organisations::{self, NewOrganisation, NewPartnership, count_partnerships};
use app::ssr::db::people::{self, NewPerson, NewRoleGrant};
use app::ssr::db::plans::{self, NewGoal, NewObjective, NewPlan, NewPlanVersion, NewSection};
use app::ssr::db::working_groups::{self, NewWorkingGroup, NewWorkingGroupMembership};
use app::ssr::db::{Conn, Database, DbError};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use std::io::Write;
use std::time::Instant;

/// How much to generate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ScaleSize {
    /// Partnerships.
    pub partnerships: u32,
    /// Organisations in all (spread evenly over the partnerships).
    pub organisations: u32,
    /// Commitments in all.
    pub commitments: u32,
    /// Ballots in all (on closed motions).
    pub ballots: u32,
}

impl ScaleSize {
    /// The benchmark's full size.
    pub const FULL: Self = Self {
        partnerships: 50,
        organisations: 5_000,
        commitments: 50_000,
        ballots: 500_000,
    };
    /// A tenth of it.
    pub const MEDIUM: Self = Self {
        partnerships: 10,
        organisations: 1_000,
        commitments: 5_000,
        ballots: 50_000,
    };
    /// Small enough for a test.
    pub const SMALL: Self = Self {
        partnerships: 2,
        organisations: 100,
        commitments: 400,
        ballots: 2_000,
    };

    /// A preset by name: `full`, `medium` or `small`.
    pub fn preset(name: &str) -> Option<Self> {
        match name {
            "full" => Some(Self::FULL),
            "medium" => Some(Self::MEDIUM),
            "small" => Some(Self::SMALL),
            _ => None,
        }
    }

    /// Checks that the numbers make a partnership: at least 8 organisations in each.
    pub fn check(&self) -> Result<(), String> {
        if self.partnerships == 0 || self.partnerships > 999 {
            return Err("--partnerships must be from 1 to 999".to_owned());
        }
        if self.organisations < self.partnerships * MIN_ORGS {
            return Err(format!(
                "--organisations must be at least {MIN_ORGS} per partnership ({})",
                self.partnerships * MIN_ORGS
            ));
        }
        if self.organisations / self.partnerships > 9_999 {
            return Err("--organisations: at most 9,999 per partnership".to_owned());
        }
        Ok(())
    }
}

/// The fewest organisations a generated partnership has.
const MIN_ORGS: u32 = 8;
/// Organisations per working group, about.
const GROUP_SIZE: u32 = 25;
/// Goals per plan, and objectives per goal.
const GOALS: i64 = 5;
const OBJECTIVES_PER_GOAL: i64 = 4;
/// Open motions without ballots per working group.
const OPEN_MOTIONS_PER_GROUP: u32 = 2;
/// The actor of the audit events.
const AUDIT_ACTOR: &str = "seed-scale";

/// What `seed-scale` was asked for.
#[derive(Clone, Debug)]
pub struct ScaleOptions {
    /// How much.
    pub size: ScaleSize,
    /// The random seed: the same seed gives the same data.
    pub seed: u64,
    /// Every generated person's password.
    pub password: String,
    /// Show a progress bar on standard error.
    pub progress: bool,
}

/// What was generated.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ScaleReport {
    /// Partnerships.
    pub partnerships: u64,
    /// Organisations (and as many people).
    pub organisations: u64,
    /// Commitments.
    pub commitments: u64,
    /// Progress reports.
    pub progress_updates: u64,
    /// Motions, closed and open.
    pub motions: u64,
    /// Ballots.
    pub ballots: u64,
}

/// Generates the data into an empty database.
pub async fn seed_scale(db: &Database, options: &ScaleOptions) -> Result<ScaleReport, SeedError> {
    options.size.check().map_err(SeedError::Data)?;
    let mut conn = db.pool().acquire().await.map_err(DbError::from)?;
    if count_partnerships(&mut conn).await? > 0 {
        return Err(SeedError::NotEmpty);
    }
    drop(conn);
    let secret = options.password.clone();
    let hash =
        tokio::task::spawn_blocking(move || app::ssr::auth::password::hash_blocking(&secret))
            .await
            .map_err(|_| SeedError::Password(app::ssr::auth::password::PasswordError::Hash))??;

    let size = options.size;
    let mut report = ScaleReport::default();
    let mut bar = Progress::new(options.progress, u64::from(size.ballots));
    for p in 0..size.partnerships {
        let share = |total: u32| -> u32 {
            // Spread `total` evenly: the first partnerships take the remainder.
            total / size.partnerships + u32::from(p < total % size.partnerships)
        };
        let plan = PartnershipPlan {
            number: p + 1,
            organisations: share(size.organisations),
            commitments: share(size.commitments),
            ballots: share(size.ballots),
        };
        let mut rng =
            Rng::new(options.seed ^ (u64::from(p) + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15));
        let mut tx = db.begin_write().await?;
        let mut generator = Generator {
            conn: &mut tx,
            rng: &mut rng,
            hash: &hash,
            plan,
            report: &mut report,
            bar: &mut bar,
        };
        generator.partnership().await?;
        tx.commit().await.map_err(DbError::from)?;
    }
    bar.finish();
    Ok(report)
}

/// One partnership's share.
#[derive(Clone, Copy, Debug)]
struct PartnershipPlan {
    number: u32,
    organisations: u32,
    commitments: u32,
    ballots: u32,
}

/// A generated organisation.
#[derive(Clone, Copy, Debug)]
struct Org {
    id: i64,
    person_id: i64,
    side: Side,
}

/// The history starts here, so that the data does not depend on the day it is made.
fn epoch() -> DateTime<Utc> {
    NaiveDate::from_ymd_opt(2024, 1, 8)
        .and_then(|d| d.and_hms_opt(9, 0, 0))
        .map(|t| t.and_utc())
        .unwrap_or_default()
}

fn at(offset: Duration) -> Timestamp {
    Timestamp::from_datetime(epoch() + offset)
}

fn day(offset_days: i64) -> Date {
    at(Duration::days(offset_days)).date()
}

struct Generator<'a> {
    conn: &'a mut Conn,
    rng: &'a mut Rng,
    hash: &'a str,
    plan: PartnershipPlan,
    report: &'a mut ScaleReport,
    bar: &'a mut Progress,
}

impl Generator<'_> {
    async fn partnership(&mut self) -> Result<(), SeedError> {
        let n = self.plan.number;
        let created = at(Duration::zero());
        let partnership_id = organisations::insert_partnership(
            self.conn,
            NewPartnership {
                slug: format!("scale-{n}"),
                name: format!("Scale Partnership {n} for Healthcare Cybersecurity"),
                short_name: format!("Scale {n}"),
                jurisdiction: "US".to_owned(),
                summary: format!(
                    "Synthetic partnership number {n}, generated for benchmarks by seed-scale."
                ),
                description: String::new(),
                tlp: Tlp::Clear,
                created_at: created,
            },
        )
        .await?;
        let event = AuditEvent::new("create", "partnership", Some(partnership_id))
            .by(None, AUDIT_ACTOR)
            .in_partnership(partnership_id)
            .after(serde_json::json!({"slug": format!("scale-{n}"), "generated": true}));
        audit::record(self.conn, event).await?;
        self.report.partnerships += 1;

        let orgs = self.organisations(partnership_id).await?;
        let secretariat = orgs[0];
        people::insert_role_grant(
            self.conn,
            NewRoleGrant {
                person_id: secretariat.person_id,
                partnership_id,
                council_id: None,
                role: GrantedRole::Secretariat,
                granted_at: created,
                created_at: created,
            },
        )
        .await?;
        self.councils(partnership_id, &orgs).await?;
        let groups = self.groups(partnership_id, &orgs).await?;
        self.focal_points(partnership_id, &orgs).await?;
        let objective_keys = self.plan(partnership_id, secretariat, &groups[0]).await?;
        self.commitments(partnership_id, &orgs, &objective_keys, secretariat)
            .await?;
        self.motions(&groups, secretariat).await?;
        Ok(())
    }

    async fn organisations(&mut self, partnership_id: i64) -> Result<Vec<Org>, SeedError> {
        let n = self.plan.number;
        let mut orgs = Vec::with_capacity(self.plan.organisations as usize);
        for o in 1..=self.plan.organisations {
            // The first is a government agency (the secretariat's); then a fifth public,
            // a tenth non-profit, the rest private.
            let (side, kind) = match o % 10 {
                _ if o == 1 => (Side::Public, OrganisationKind::GovernmentAgency),
                0 => (Side::Public, OrganisationKind::Regulator),
                5 => (Side::Public, OrganisationKind::GovernmentAgency),
                3 => (Side::NonProfit, OrganisationKind::Isac),
                1 | 6 => (Side::Private, OrganisationKind::HealthcareProvider),
                2 => (Side::Private, OrganisationKind::MedicalDeviceMaker),
                4 => (Side::Private, OrganisationKind::HealthItVendor),
                7 => (Side::Private, OrganisationKind::Pharmaceutical),
                8 => (Side::Private, OrganisationKind::Supplier),
                _ => (Side::Private, OrganisationKind::Insurer),
            };
            let size_class = match self.rng.below(10) {
                0..=2 => SizeClass::Micro,
                3..=5 => SizeClass::Small,
                6..=7 => SizeClass::Medium,
                _ => SizeClass::Large,
            };
            let created = at(Duration::hours(i64::from(o)));
            let org_id = organisations::insert_organisation(
                self.conn,
                NewOrganisation {
                    partnership_id,
                    slug: format!("org-{o}"),
                    fields: OrganisationFields {
                        name: format!("{} {n}-{o} (synthetic)", kind.label()),
                        short_name: format!("O{n}-{o}"),
                        kind,
                        side,
                        size_class,
                        country: "US".to_owned(),
                        segment: String::new(),
                        website: String::new(),
                        description: String::new(),
                    },
                    created_at: created,
                },
            )
            .await?;
            let person_id = people::insert_person(
                self.conn,
                NewPerson {
                    organisation_id: Some(org_id),
                    display_name: format!("Representative {n}-{o}"),
                    email: format!("rep-{n}-{o}@scale{n}.example"),
                    job_title: "Security lead".to_owned(),
                    phone: String::new(),
                    password_hash: Some(self.hash.to_owned()),
                    is_admin: false,
                    created_at: created,
                },
            )
            .await?;
            orgs.push(Org {
                id: org_id,
                person_id,
                side,
            });
        }
        self.report.organisations += orgs.len() as u64;
        Ok(orgs)
    }

    async fn councils(&mut self, partnership_id: i64, orgs: &[Org]) -> Result<(), SeedError> {
        let created = at(Duration::days(1));
        for (kind, slug, name) in [
            (CouncilKind::Gcc, "gcc", "Government Coordinating Council"),
            (CouncilKind::Scc, "scc", "Sector Coordinating Council"),
        ] {
            let public = kind == CouncilKind::Gcc;
            let council_id = councils::insert_council(
                self.conn,
                NewCouncil {
                    partnership_id,
                    slug: slug.to_owned(),
                    name: name.to_owned(),
                    short_name: slug.to_uppercase(),
                    kind,
                    description: String::new(),
                    chair_person_id: None,
                    secretariat_organisation_id: Some(orgs[0].id),
                    tlp: Tlp::Clear,
                    created_at: created,
                },
            )
            .await?;
            for org in orgs.iter().filter(|o| (o.side == Side::Public) == public) {
                councils::insert_council_membership(
                    self.conn,
                    NewCouncilMembership {
                        council_id,
                        partnership_id,
                        organisation_id: org.id,
                        principal_person_id: Some(org.person_id),
                        alternate_person_id: None,
                        term_start: day(1),
                        term_end: None,
                        notes: String::new(),
                        created_at: created,
                    },
                )
                .await?;
            }
        }
        Ok(())
    }

    /// Joint working groups of about [`GROUP_SIZE`] organisations each; every organisation
    /// sits in one, and the secretariat's in all.
    async fn groups(
        &mut self,
        partnership_id: i64,
        orgs: &[Org],
    ) -> Result<Vec<(i64, Vec<Org>)>, SeedError> {
        let count = (orgs.len() as u32 / GROUP_SIZE).max(1) as usize;
        let created = at(Duration::days(2));
        let mut groups = Vec::with_capacity(count);
        for g in 0..count {
            let group_id = working_groups::insert_working_group(
                self.conn,
                NewWorkingGroup {
                    partnership_id,
                    council_id: None,
                    slug: format!("jwg-{}", g + 1),
                    name: format!("Joint Working Group {}", g + 1),
                    short_name: format!("JWG {}", g + 1),
                    summary: "A synthetic joint working group of government and industry."
                        .to_owned(),
                    charter: String::new(),
                    charter_tlp: Tlp::Clear,
                    tlp: Tlp::Clear,
                    created_at: created,
                },
            )
            .await?;
            let members: Vec<Org> = orgs
                .iter()
                .enumerate()
                .filter(|(i, _)| *i == 0 || i % count == g)
                .map(|(_, o)| *o)
                .collect();
            for org in &members {
                working_groups::insert_working_group_membership(
                    self.conn,
                    NewWorkingGroupMembership {
                        working_group_id: group_id,
                        partnership_id,
                        organisation_id: org.id,
                        is_voting: true,
                        principal_person_id: Some(org.person_id),
                        alternate_person_id: None,
                        term_start: day(2),
                        term_end: None,
                        created_at: created,
                    },
                )
                .await?;
            }
            groups.push((group_id, members));
        }
        Ok(groups)
    }

    async fn focal_points(&mut self, partnership_id: i64, orgs: &[Org]) -> Result<(), SeedError> {
        let created = at(Duration::days(3));
        let private: Vec<Org> = orgs
            .iter()
            .filter(|o| o.side == Side::Private)
            .take(3)
            .copied()
            .collect();
        let chosen = std::iter::once((FocalPointKind::National, orgs[0])).chain(
            private
                .into_iter()
                .map(|o| (FocalPointKind::IndustrySeniorExpert, o)),
        );
        for (kind, org) in chosen {
            focal_points::insert_focal_point(
                self.conn,
                NewFocalPoint {
                    partnership_id,
                    kind,
                    person_id: org.person_id,
                    organisation_id: org.id,
                    council_id: None,
                    working_group_id: None,
                    title: kind.label().to_owned(),
                    term_start: day(3),
                    term_end: None,
                    public_channel: format!("contact@scale{}.example", self.plan.number),
                    email: String::new(),
                    phone: String::new(),
                    contact_tlp: Tlp::Green,
                    created_at: created,
                },
            )
            .await?;
        }
        Ok(())
    }

    /// The plan and its version 1, adopted by a carried motion of the first group and
    /// published; returns the objective keys.
    async fn plan(
        &mut self,
        partnership_id: i64,
        secretariat: Org,
        (group_id, members): &(i64, Vec<Org>),
    ) -> Result<Vec<i64>, SeedError> {
        let created = at(Duration::days(10));
        let plan_id = plans::insert_plan(
            self.conn,
            NewPlan {
                partnership_id,
                title: "Sector-Specific Plan".to_owned(),
                working_group_id: Some(*group_id),
                created_at: created,
            },
        )
        .await?;
        let version_id = plans::insert_plan_version(
            self.conn,
            NewPlanVersion {
                plan_id,
                number: 1,
                title: "Sector-Specific Plan 2024–2027".to_owned(),
                summary: "Goals, objectives and measures agreed by government and industry."
                    .to_owned(),
                status: PlanVersionStatus::InReview,
                based_on_version_id: None,
                tlp: Tlp::Clear,
                created_by_person_id: Some(secretariat.person_id),
                submitted_at: Some(at(Duration::days(40))),
                created_at: created,
            },
        )
        .await?;
        for (position, (key, title)) in [
            ("introduction", "Introduction"),
            ("risk-landscape", "Risk landscape"),
            ("implementation", "Implementation and review"),
        ]
        .into_iter()
        .enumerate()
        {
            plans::insert_section(
                self.conn,
                NewSection {
                    plan_version_id: version_id,
                    key: key.to_owned(),
                    position: position as i64 + 1,
                    title: title.to_owned(),
                    body: SECTION_BODY.to_owned(),
                    tlp: Tlp::Clear,
                    owner_organisation_id: None,
                    author_person_id: Some(secretariat.person_id),
                    created_at: created,
                },
            )
            .await?;
        }
        let mut objective_keys = Vec::new();
        for g in 1..=GOALS {
            let goal_key_id =
                plans::insert_goal_key(self.conn, plan_id, &format!("goal-{g}"), created).await?;
            let goal_id = plans::insert_goal(
                self.conn,
                NewGoal {
                    plan_version_id: version_id,
                    goal_key_id,
                    number: g,
                    title: GOAL_TITLES[(g - 1) as usize].to_owned(),
                    description: "A goal of the synthetic plan.".to_owned(),
                    tlp: Tlp::Clear,
                    owner_organisation_id: None,
                    weight: 1.0,
                    created_at: created,
                },
            )
            .await?;
            for o in 1..=OBJECTIVES_PER_GOAL {
                let key_id = plans::insert_objective_key(
                    self.conn,
                    plan_id,
                    &format!("objective-{g}-{o}"),
                    created,
                )
                .await?;
                plans::insert_objective(
                    self.conn,
                    NewObjective {
                        goal_id,
                        plan_version_id: version_id,
                        objective_key_id: key_id,
                        number: o,
                        title: format!("Objective {g}.{o}: measurable progress towards goal {g}"),
                        description: String::new(),
                        tlp: Tlp::Clear,
                        owner_organisation_id: None,
                        weight: 1.0,
                        created_at: created,
                    },
                )
                .await?;
                objective_keys.push(key_id);
            }
        }
        // The adoption vote: everyone in the group votes yes.
        let opens = at(Duration::days(45));
        let closes = at(Duration::days(52));
        let motion_id = self
            .insert_motion(
                *group_id,
                secretariat,
                MotionSubject::AdoptPlanVersion(version_id),
                "Adopt the Sector-Specific Plan 2024–2027".to_owned(),
                opens,
                closes,
            )
            .await?;
        let choices = vec![BallotChoice::Yes; members.len()];
        self.vote_and_close(motion_id, members, &choices, opens, closes)
            .await?;
        plans::mark_version_adopted(self.conn, version_id, motion_id, closes).await?;
        plans::mark_version_published(self.conn, version_id, at(Duration::days(53))).await?;
        Ok(objective_keys)
    }

    async fn commitments(
        &mut self,
        partnership_id: i64,
        orgs: &[Org],
        objective_keys: &[i64],
        secretariat: Org,
    ) -> Result<(), SeedError> {
        for c in 0..self.plan.commitments {
            let org = orgs[self.rng.below(orgs.len() as u64) as usize];
            let objective_key_id =
                objective_keys[self.rng.below(objective_keys.len() as u64) as usize];
            let start = 60 + self.rng.below(365) as i64;
            let due = start + 180 + self.rng.below(900) as i64;
            let status = match self.rng.below(20) {
                0..=1 => CommitmentStatus::Proposed,
                2..=5 => CommitmentStatus::Accepted,
                6..=12 => CommitmentStatus::InProgress,
                13..=14 => CommitmentStatus::AtRisk,
                15..=18 => CommitmentStatus::Completed,
                _ => CommitmentStatus::Withdrawn,
            };
            let tlp = match self.rng.below(10) {
                0..=6 => Tlp::Clear,
                7..=8 => Tlp::Green,
                _ => Tlp::Amber,
            };
            let created = at(Duration::days(start - 30));
            let accepted = !matches!(
                status,
                CommitmentStatus::Proposed | CommitmentStatus::Withdrawn
            );
            let accepted_at = accepted.then(|| at(Duration::days(start - 20)));
            let commitment_id = commitments::insert_commitment(
                self.conn,
                NewCommitment {
                    partnership_id,
                    organisation_id: org.id,
                    objective_key_id,
                    title: format!(
                        "{} ({})",
                        COMMITMENT_TITLES[c as usize % COMMITMENT_TITLES.len()],
                        c + 1
                    ),
                    description: "A synthetic commitment towards the objective.".to_owned(),
                    deliverable: "A report to the working group".to_owned(),
                    start_date: day(start),
                    due_date: day(due),
                    status,
                    tlp,
                    proposed_by_person_id: Some(org.person_id),
                    accepted_by_person_id: accepted.then_some(secretariat.person_id),
                    accepted_by_motion_id: None,
                    accepted_at,
                    created_at: created,
                },
            )
            .await?;
            self.report.commitments += 1;
            if !accepted {
                continue;
            }
            let reports = match status {
                CommitmentStatus::Accepted => 0,
                CommitmentStatus::Completed => 3,
                _ => 1 + self.rng.below(3),
            };
            let mut percent = 0;
            for r in 0..reports {
                percent = if status == CommitmentStatus::Completed && r + 1 == reports {
                    100
                } else {
                    (percent + 10 + self.rng.below(30) as i64).min(95)
                };
                let reported = start + 30 * (r as i64 + 1);
                commitments::insert_progress_update(
                    self.conn,
                    NewProgressUpdate {
                        commitment_id,
                        reported_on: day(reported),
                        percent,
                        narrative: format!("Reached {percent} % of the deliverable."),
                        evidence_url: String::new(),
                        tlp,
                        author_person_id: Some(org.person_id),
                        created_at: at(Duration::days(reported)),
                    },
                )
                .await?;
                self.report.progress_updates += 1;
            }
        }
        Ok(())
    }

    /// Closed general resolutions, group after group, until the ballot budget is spent;
    /// then [`OPEN_MOTIONS_PER_GROUP`] open motions per group, closing far in the future.
    async fn motions(
        &mut self,
        groups: &[(i64, Vec<Org>)],
        proposer: Org,
    ) -> Result<(), SeedError> {
        let mut budget = u64::from(self.plan.ballots);
        let mut k: i64 = 0;
        while budget > 0 {
            for (group_id, members) in groups {
                if budget == 0 {
                    break;
                }
                // Most of the electorate votes; what is left of the budget caps the last one.
                let turnout = (members.len() as u64 * (70 + self.rng.below(31)) / 100).max(1);
                let count = turnout.min(budget) as usize;
                let choices: Vec<BallotChoice> = (0..count)
                    .map(|_| match self.rng.below(10) {
                        0..=6 => BallotChoice::Yes,
                        7..=8 => BallotChoice::No,
                        _ => BallotChoice::Abstain,
                    })
                    .collect();
                let opens = at(Duration::days(60) + Duration::hours(6 * k));
                let closes = Timestamp::from_datetime(opens.as_datetime() + Duration::days(7));
                let motion_id = self
                    .insert_motion(
                        *group_id,
                        proposer,
                        MotionSubject::GeneralResolution,
                        format!("Resolution {} of the group", k + 1),
                        opens,
                        closes,
                    )
                    .await?;
                self.vote_and_close(motion_id, &members[..], &choices, opens, closes)
                    .await?;
                budget -= count as u64;
                k += 1;
            }
        }
        let far = Timestamp::from_datetime(epoch() + Duration::days(365 * 70));
        for (group_id, _) in groups {
            for m in 0..OPEN_MOTIONS_PER_GROUP {
                let opens = at(Duration::days(700 + i64::from(m)));
                let motion_id = self
                    .insert_motion(
                        *group_id,
                        proposer,
                        MotionSubject::GeneralResolution,
                        format!("Open resolution {} of the group", m + 1),
                        opens,
                        far,
                    )
                    .await?;
                motions::open_motion(self.conn, motion_id, opens).await?;
            }
        }
        Ok(())
    }

    async fn insert_motion(
        &mut self,
        working_group_id: i64,
        proposer: Org,
        subject: MotionSubject,
        title: String,
        opens_at: Timestamp,
        closes_at: Timestamp,
    ) -> Result<i64, SeedError> {
        let motion_id = motions::insert_motion(
            self.conn,
            NewMotion {
                working_group_id,
                draft: MotionDraft {
                    subject,
                    title,
                    body: "Resolved, that the working group agrees the attached text.".to_owned(),
                    tlp: Tlp::Clear,
                    opens_at,
                    closes_at,
                    quorum_percent: 50,
                    threshold: Threshold::Simple,
                    dual_majority: false,
                    ballot_mode: BallotMode::RollCall,
                },
                proposed_by_person_id: Some(proposer.person_id),
                created_at: Timestamp::from_datetime(opens_at.as_datetime() - Duration::days(2)),
            },
        )
        .await?;
        self.report.motions += 1;
        Ok(motion_id)
    }

    /// Opens the motion, casts `choices` for the first members, tallies and closes it.
    async fn vote_and_close(
        &mut self,
        motion_id: i64,
        members: &[Org],
        choices: &[BallotChoice],
        opens: Timestamp,
        closes: Timestamp,
    ) -> Result<(), SeedError> {
        motions::open_motion(self.conn, motion_id, opens).await?;
        let mut ballots = Vec::with_capacity(choices.len());
        for (i, (org, choice)) in members.iter().zip(choices).enumerate() {
            let cast_at = Timestamp::from_datetime(
                opens.as_datetime() + Duration::minutes(5 * (i as i64 + 1)),
            );
            motions::insert_ballot(
                self.conn,
                NewBallot {
                    motion_id,
                    organisation_id: org.id,
                    choice: *choice,
                    cast_by_person_id: Some(org.person_id),
                    proxy_id: None,
                    cast_at,
                },
            )
            .await?;
            ballots.push(Ballot {
                organisation_id: org.id,
                choice: *choice,
                cast_at,
                proxy_holder: None,
            });
        }
        let electorate: Vec<Elector> = members
            .iter()
            .map(|o| Elector {
                organisation_id: o.id,
                side: o.side,
                recused: false,
            })
            .collect();
        let rules = Rules {
            quorum_percent: 50,
            threshold: Threshold::Simple,
            dual_majority: false,
        };
        let result = tally::tally(&rules, &electorate, &ballots);
        motions::close_motion_with_outcome(
            self.conn,
            MotionClosing::from_tally(motion_id, &result, None, closes),
        )
        .await?;
        self.report.ballots += ballots.len() as u64;
        self.bar.advance(ballots.len() as u64, self.plan.number);
        Ok(())
    }
}

const SECTION_BODY: &str = "This section of the synthetic plan describes how government and \
industry work together on **cybersecurity** in healthcare: shared threat information, \
incident response exercises, secure medical devices and resilient supply chains.";

const GOAL_TITLES: [&str; 5] = [
    "Strengthen incident response across hospitals",
    "Secure connected medical devices",
    "Share threat information faster",
    "Build a cybersecurity workforce for health",
    "Make supply chains resilient",
];

const COMMITMENT_TITLES: [&str; 8] = [
    "Run a downtime drill",
    "Publish a software bill of materials",
    "Join the sector's information sharing feed",
    "Train clinical staff on phishing",
    "Segment the device network",
    "Test backups of the records system",
    "Assess third-party suppliers",
    "Adopt multi-factor authentication",
];

/// SplitMix64: small, fast and the same everywhere, so a seed gives the same data.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        Self(seed)
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (n > 0).
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

/// A progress bar on standard error, counted in ballots (the bulk of the work).
struct Progress {
    enabled: bool,
    total: u64,
    done: u64,
    started: Instant,
    shown_percent: Option<u64>,
}

impl Progress {
    fn new(enabled: bool, total: u64) -> Self {
        Self {
            enabled,
            total: total.max(1),
            done: 0,
            started: Instant::now(),
            shown_percent: None,
        }
    }

    fn advance(&mut self, by: u64, partnership: u32) {
        self.done += by;
        let percent = (self.done * 100 / self.total).min(100);
        if !self.enabled || self.shown_percent == Some(percent) {
            return;
        }
        self.shown_percent = Some(percent);
        let filled = (percent / 5) as usize;
        let mut err = std::io::stderr().lock();
        // A failed write to stderr is not worth failing the seed for.
        let _ = write!(
            err,
            "\r[{}{}] {percent:>3} %  partnership {partnership}, {} ballots, {:.0} s ",
            "#".repeat(filled),
            ".".repeat(20 - filled),
            self.done,
            self.started.elapsed().as_secs_f64()
        );
        let _ = err.flush();
    }

    fn finish(&mut self) {
        if self.enabled {
            let _ = writeln!(
                std::io::stderr(),
                "\rdone in {:.1} s{}",
                self.started.elapsed().as_secs_f64(),
                " ".repeat(50)
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn presets_are_consistent() {
        for name in ["full", "medium", "small"] {
            let size = ScaleSize::preset(name).expect("preset");
            assert_eq!(size.check(), Ok(()), "{name}");
        }
        assert_eq!(ScaleSize::preset("huge"), None);
    }

    #[test]
    fn too_few_organisations_is_refused_with_the_minimum() {
        let size = ScaleSize {
            partnerships: 10,
            organisations: 50,
            commitments: 0,
            ballots: 0,
        };
        let message = size.check().expect_err("refused");
        assert!(message.contains("80"), "{message}");
    }

    #[test]
    fn the_generator_is_deterministic() {
        let draw = |seed| {
            let mut rng = Rng::new(seed);
            (0..5).map(|_| rng.below(1000)).collect::<Vec<_>>()
        };
        assert_eq!(draw(7), draw(7));
        assert_ne!(draw(7), draw(8));
    }
}
