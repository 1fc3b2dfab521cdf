//! The shapes of the demo data: plain structs of static text that `us.rs` and `ie.rs` fill
//! in and `build.rs` inserts. Records refer to each other by slug, e-mail or key, never by
//! id; times are absolute (`"2025-05-06 14:00"`, UTC) or relative to the moment of seeding,
//! so that open motions are open and overdue commitments overdue whenever the seed runs.

use app::domain::Tlp;
use app::domain::motion::{BallotChoice, BallotMode, MotionOutcome, Threshold};
use app::domain::partnership::{CouncilKind, FocalPointKind, OrganisationKind, Side, SizeClass};
use app::domain::plan::CommitmentStatus;

/// An instant.
#[derive(Clone, Copy, Debug)]
pub enum When {
    /// A UTC time, `YYYY-MM-DD HH:MM`.
    At(&'static str),
    /// Whole days from the moment of seeding (negative: in the past).
    Days(i64),
    /// Hours from the moment of seeding (negative: in the past).
    Hours(i64),
}

/// A calendar day, as whole days from the day of seeding (negative: in the past), so that
/// due dates stay overdue and updates stale whenever the seed runs.
pub type Day = i64;

/// Everything of one partnership.
#[derive(Clone, Debug)]
pub struct PartnershipData {
    /// The partnership itself.
    pub partnership: PartnershipSpec,
    /// Its organisations.
    pub organisations: Vec<OrgSpec>,
    /// Their people.
    pub people: Vec<PersonSpec>,
    /// Explicit role grants.
    pub grants: Vec<GrantSpec>,
    /// Councils with their seats.
    pub councils: Vec<CouncilSpec>,
    /// Working groups with their conveners and seats.
    pub groups: Vec<GroupSpec>,
    /// Focal points.
    pub focal_points: Vec<FocalPointSpec>,
    /// The Sector-Specific Plan and its versions.
    pub plan: PlanSpec,
    /// Commitments and their progress.
    pub commitments: Vec<CommitmentSpec>,
    /// Motions, their electorates and ballots.
    pub motions: Vec<MotionSpec>,
    /// Comments.
    pub comments: Vec<CommentSpec>,
}

/// A partnership.
#[derive(Clone, Debug)]
pub struct PartnershipSpec {
    /// URL key.
    pub slug: &'static str,
    /// Full name.
    pub name: &'static str,
    /// Short name.
    pub short_name: &'static str,
    /// Country code.
    pub jurisdiction: &'static str,
    /// One paragraph.
    pub summary: &'static str,
    /// Markdown.
    pub description: &'static str,
    /// When the registry entries were created.
    pub registered: When,
}

/// An organisation.
#[derive(Clone, Debug)]
pub struct OrgSpec {
    /// URL key; also how other records refer to it.
    pub slug: &'static str,
    /// Name.
    pub name: &'static str,
    /// Acronym.
    pub short_name: &'static str,
    /// What it is.
    pub kind: OrganisationKind,
    /// Its side.
    pub side: Side,
    /// Its size.
    pub size: SizeClass,
    /// Country code.
    pub country: &'static str,
    /// Sector segment.
    pub segment: &'static str,
    /// Web site.
    pub website: &'static str,
    /// Markdown.
    pub description: &'static str,
}

/// A person; `demo_role` marks a demo account (it gets a password and is reported).
#[derive(Clone, Debug)]
pub struct PersonSpec {
    /// Their organisation's slug.
    pub org: &'static str,
    /// E-mail, lower case; how other records refer to them.
    pub email: &'static str,
    /// Name.
    pub name: &'static str,
    /// Job title.
    pub title: &'static str,
    /// The role reported for a demo account.
    pub demo_role: Option<&'static str>,
}

/// A secretariat grant.
#[derive(Clone, Debug)]
pub struct GrantSpec {
    /// The person's e-mail.
    pub person: &'static str,
    /// A council's slug for a council-scoped grant.
    pub council: Option<&'static str>,
    /// When it was granted.
    pub granted: When,
}

/// A seat on a council or in a working group.
#[derive(Clone, Copy, Debug)]
pub struct SeatSpec {
    /// The organisation's slug.
    pub org: &'static str,
    /// The principal's e-mail.
    pub principal: &'static str,
    /// The alternate's e-mail.
    pub alternate: Option<&'static str>,
    /// First day.
    pub start: &'static str,
    /// Last day, for a seat no longer held.
    pub end: Option<&'static str>,
    /// Whether it votes (working groups only).
    pub voting: bool,
}

/// A voting seat held since `start`.
pub fn seat(
    org: &'static str,
    principal: &'static str,
    alternate: Option<&'static str>,
    start: &'static str,
) -> SeatSpec {
    SeatSpec {
        org,
        principal,
        alternate,
        start,
        end: None,
        voting: true,
    }
}

impl SeatSpec {
    /// The same seat without a vote.
    pub fn observer(self) -> Self {
        Self {
            voting: false,
            ..self
        }
    }

    /// The same seat, held until `end`.
    pub fn until(self, end: &'static str) -> Self {
        Self {
            end: Some(end),
            ..self
        }
    }
}

/// A council.
#[derive(Clone, Debug)]
pub struct CouncilSpec {
    /// URL key.
    pub slug: &'static str,
    /// Name.
    pub name: &'static str,
    /// Short name.
    pub short_name: &'static str,
    /// GCC, SCC or other.
    pub kind: CouncilKind,
    /// Markdown.
    pub description: &'static str,
    /// The chair's e-mail.
    pub chair: &'static str,
    /// The secretariat organisation's slug.
    pub secretariat: Option<&'static str>,
    /// Seats.
    pub seats: Vec<SeatSpec>,
}

/// A convener's term.
#[derive(Clone, Copy, Debug)]
pub struct ConvenerSpec {
    /// The person's e-mail.
    pub person: &'static str,
    /// Public or private.
    pub side: Side,
    /// First day.
    pub start: &'static str,
    /// Last day, for a past term.
    pub end: Option<&'static str>,
}

/// A working group.
#[derive(Clone, Debug)]
pub struct GroupSpec {
    /// URL key.
    pub slug: &'static str,
    /// Name.
    pub name: &'static str,
    /// Short name.
    pub short_name: &'static str,
    /// The council's slug for a single-council group; `None` for a joint group.
    pub council: Option<&'static str>,
    /// One paragraph.
    pub summary: &'static str,
    /// Markdown.
    pub charter: &'static str,
    /// Label of the charter.
    pub charter_tlp: Tlp,
    /// Conveners.
    pub conveners: Vec<ConvenerSpec>,
    /// Seats.
    pub seats: Vec<SeatSpec>,
}

/// The scope of a focal point.
#[derive(Clone, Copy, Debug)]
pub enum Scope {
    /// The whole partnership.
    Partnership,
    /// A council, by slug.
    Council(&'static str),
    /// A working group, by slug.
    Group(&'static str),
}

/// A focal point (its organisation is the person's).
#[derive(Clone, Debug)]
pub struct FocalPointSpec {
    /// How motions refer to it.
    pub key: &'static str,
    /// What kind of contact.
    pub kind: FocalPointKind,
    /// The person's e-mail.
    pub person: &'static str,
    /// Scope.
    pub scope: Scope,
    /// Role title.
    pub title: &'static str,
    /// First day.
    pub start: &'static str,
    /// Last day, for a past term.
    pub end: Option<&'static str>,
    /// Functional mailbox shown to everyone.
    pub public_channel: &'static str,
    /// Direct phone.
    pub phone: &'static str,
    /// Label of the direct contact details.
    pub contact_tlp: Tlp,
}

/// The plan.
#[derive(Clone, Debug)]
pub struct PlanSpec {
    /// Title.
    pub title: &'static str,
    /// The adopting working group's slug.
    pub group: &'static str,
    /// Versions, oldest first.
    pub versions: Vec<VersionSpec>,
}

/// A plan version. It is inserted in review when `submitted` is set (a motion then adopts
/// it), as a draft otherwise.
#[derive(Clone, Debug)]
pub struct VersionSpec {
    /// Number.
    pub number: i64,
    /// Title.
    pub title: &'static str,
    /// One paragraph.
    pub summary: &'static str,
    /// Label of the version.
    pub tlp: Tlp,
    /// Who started it.
    pub created_by: &'static str,
    /// When.
    pub created: When,
    /// The number of the version it copies.
    pub based_on: Option<i64>,
    /// When it was submitted for adoption.
    pub submitted: Option<When>,
    /// When it was published, once its adoption motion carried.
    pub published: Option<When>,
    /// Invited co-authors' e-mails.
    pub editors: Vec<&'static str>,
    /// Sections.
    pub sections: Vec<SectionSpec>,
    /// Goals.
    pub goals: Vec<GoalSpec>,
    /// Saves made after the version was created.
    pub edits: Vec<EditSpec>,
}

/// A plan section.
#[derive(Clone, Debug)]
pub struct SectionSpec {
    /// Stable key.
    pub key: &'static str,
    /// Title.
    pub title: &'static str,
    /// Markdown.
    pub body: &'static str,
    /// Label.
    pub tlp: Tlp,
    /// The owning organisation's slug.
    pub owner: Option<&'static str>,
    /// Named recipients (e-mails) when the label is TLP:RED.
    pub recipients: Vec<&'static str>,
}

/// A later save of a section.
#[derive(Clone, Debug)]
pub struct EditSpec {
    /// The section's key.
    pub section: &'static str,
    /// New Markdown body.
    pub body: &'static str,
    /// Author's e-mail.
    pub author: &'static str,
    /// When.
    pub at: When,
}

/// A goal.
#[derive(Clone, Debug)]
pub struct GoalSpec {
    /// Stable key, e.g. `G1`.
    pub key: &'static str,
    /// Title.
    pub title: &'static str,
    /// Markdown.
    pub description: &'static str,
    /// Label.
    pub tlp: Tlp,
    /// Objectives.
    pub objectives: Vec<ObjectiveSpec>,
}

/// An objective.
#[derive(Clone, Debug)]
pub struct ObjectiveSpec {
    /// Stable key, e.g. `G1.O1`.
    pub key: &'static str,
    /// Title.
    pub title: &'static str,
    /// Markdown.
    pub description: &'static str,
    /// Label.
    pub tlp: Tlp,
    /// The owning organisation's slug.
    pub owner: Option<&'static str>,
    /// Measures.
    pub measures: Vec<MeasureSpec>,
}

/// A measure.
#[derive(Clone, Debug)]
pub struct MeasureSpec {
    /// What is measured.
    pub indicator: &'static str,
    /// Starting value.
    pub baseline: Option<f64>,
    /// Target value.
    pub target: Option<f64>,
    /// Unit.
    pub unit: &'static str,
    /// Due date.
    pub due: &'static str,
}

/// A measure in percent.
pub fn percent(
    indicator: &'static str,
    baseline: f64,
    target: f64,
    due: &'static str,
) -> MeasureSpec {
    MeasureSpec {
        indicator,
        baseline: Some(baseline),
        target: Some(target),
        unit: "%",
        due,
    }
}

/// A measure in another unit.
pub fn count(
    indicator: &'static str,
    baseline: f64,
    target: f64,
    unit: &'static str,
    due: &'static str,
) -> MeasureSpec {
    MeasureSpec {
        indicator,
        baseline: Some(baseline),
        target: Some(target),
        unit,
        due,
    }
}

/// A commitment.
#[derive(Clone, Debug)]
pub struct CommitmentSpec {
    /// How comments and motions refer to it.
    pub key: &'static str,
    /// The committing organisation's slug.
    pub org: &'static str,
    /// The objective's stable key.
    pub objective: &'static str,
    /// Title.
    pub title: &'static str,
    /// Markdown.
    pub description: &'static str,
    /// Deliverable.
    pub deliverable: &'static str,
    /// Start.
    pub start: Day,
    /// Due.
    pub due: Day,
    /// Status.
    pub status: CommitmentStatus,
    /// Label.
    pub tlp: Tlp,
    /// Named recipients (e-mails) when the label is TLP:RED.
    pub recipients: Vec<&'static str>,
    /// The proposer's e-mail.
    pub proposed_by: &'static str,
    /// When the secretariat accepted it (unless proposed or withdrawn).
    pub accepted: Option<When>,
    /// Progress updates, oldest first.
    pub updates: Vec<UpdateSpec>,
}

/// A progress update.
#[derive(Clone, Debug)]
pub struct UpdateSpec {
    /// Day reported on.
    pub on: Day,
    /// Completion.
    pub percent: i64,
    /// Markdown.
    pub narrative: &'static str,
    /// Link to evidence (may be empty).
    pub evidence: &'static str,
    /// Label.
    pub tlp: Tlp,
    /// Named recipients (e-mails) when the label is TLP:RED.
    pub recipients: Vec<&'static str>,
}

/// An update without evidence, labelled TLP:GREEN.
pub fn update(on: i64, percent: i64, narrative: &'static str) -> UpdateSpec {
    UpdateSpec {
        on,
        percent,
        narrative,
        evidence: "",
        tlp: Tlp::Green,
        recipients: Vec::new(),
    }
}

impl UpdateSpec {
    /// The same update with an evidence link.
    pub fn evidence(self, url: &'static str) -> Self {
        Self {
            evidence: url,
            ..self
        }
    }

    /// The same update with another label.
    pub fn tlp(self, tlp: Tlp) -> Self {
        Self { tlp, ..self }
    }

    /// The same update as TLP:RED for the named recipients.
    pub fn red_for(self, recipients: Vec<&'static str>) -> Self {
        Self {
            tlp: Tlp::Red,
            recipients,
            ..self
        }
    }
}

/// What a motion decides.
#[derive(Clone, Copy, Debug)]
pub enum Subject {
    /// Adopt the plan version with this number.
    AdoptVersion(i64),
    /// Accept the commitment with this key.
    AcceptCommitment(&'static str),
    /// Appoint the focal point with this key.
    AppointFocalPoint(&'static str),
    /// A general resolution.
    General,
}

/// Where a motion ends up.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MotionState {
    /// Not opened.
    Draft,
    /// Open now.
    Open,
    /// Closed at its deadline with this outcome (the seed checks its own tally against it).
    Closed(MotionOutcome),
}

/// A motion.
#[derive(Clone, Debug)]
pub struct MotionSpec {
    /// How comments refer to it.
    pub key: &'static str,
    /// The working group's slug.
    pub group: &'static str,
    /// What it decides.
    pub subject: Subject,
    /// Title.
    pub title: &'static str,
    /// Markdown.
    pub body: &'static str,
    /// Label.
    pub tlp: Tlp,
    /// Quorum in percent.
    pub quorum: i64,
    /// Threshold.
    pub threshold: Threshold,
    /// Dual majority.
    pub dual: bool,
    /// Roll call or anonymous.
    pub mode: BallotMode,
    /// Opening time.
    pub opens: When,
    /// Closing time.
    pub closes: When,
    /// Where it ends up.
    pub state: MotionState,
    /// The proposer's e-mail.
    pub proposed_by: &'static str,
    /// Recusals, before any ballot of the organisation.
    pub recusals: Vec<RecusalSpec>,
    /// Proxies.
    pub proxies: Vec<ProxySpec>,
    /// Ballots, in the order cast (a later ballot of an organisation replaces its earlier one).
    pub ballots: Vec<BallotSpec>,
}

/// A ballot, `hours` after the motion opened.
#[derive(Clone, Copy, Debug)]
pub struct BallotSpec {
    /// The voting organisation's slug.
    pub org: &'static str,
    /// The choice.
    pub choice: BallotChoice,
    /// Who cast it (a representative of `org`, or of the proxy holder).
    pub by: &'static str,
    /// Hours after opening.
    pub hours: i64,
    /// Cast through the organisation's proxy.
    pub via_proxy: bool,
}

/// A ballot cast by a representative of the organisation itself.
pub fn ballot(org: &'static str, choice: BallotChoice, by: &'static str, hours: i64) -> BallotSpec {
    BallotSpec {
        org,
        choice,
        by,
        hours,
        via_proxy: false,
    }
}

/// A recusal, `hours` after the motion opened.
#[derive(Clone, Copy, Debug)]
pub struct RecusalSpec {
    /// The organisation's slug.
    pub org: &'static str,
    /// Who declared it.
    pub by: &'static str,
    /// Why.
    pub reason: &'static str,
    /// Hours after opening.
    pub hours: i64,
}

/// A proxy, `hours` after the motion opened.
#[derive(Clone, Copy, Debug)]
pub struct ProxySpec {
    /// The organisation giving its vote.
    pub from: &'static str,
    /// The organisation casting it.
    pub to: &'static str,
    /// Who granted it.
    pub by: &'static str,
    /// Hours after opening.
    pub hours: i64,
}

/// What a comment is on.
#[derive(Clone, Copy, Debug)]
pub enum On {
    /// A section: version number and key.
    Section(i64, &'static str),
    /// A goal: version number and key.
    Goal(i64, &'static str),
    /// An objective: version number and key.
    Objective(i64, &'static str),
    /// A commitment by key.
    Commitment(&'static str),
    /// A motion by key.
    Motion(&'static str),
}

/// A comment.
#[derive(Clone, Debug)]
pub struct CommentSpec {
    /// How replies refer to it.
    pub key: &'static str,
    /// What it is on.
    pub on: On,
    /// The comment it answers.
    pub reply_to: Option<&'static str>,
    /// The author's e-mail.
    pub author: &'static str,
    /// Markdown.
    pub body: &'static str,
    /// Label.
    pub tlp: Tlp,
    /// When.
    pub at: When,
    /// Who resolved it and when.
    pub resolved: Option<(&'static str, When)>,
}
