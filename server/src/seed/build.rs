//! Inserts one partnership's [`PartnershipData`] through the `app::ssr::db` functions,
//! remembering every id by slug, e-mail or key so that later records can refer to earlier
//! ones. Inconsistent data (an unknown slug, a ballot outside its window, a tally that does
//! not give the outcome the data claims) is a [`SeedError::Data`], never a panic.
//!
//! Every partnership, organisation, person, council, working group, focal point, plan
//! version, commitment and motion also gets a `create` event in the audit trail.

use super::SeedError;
use super::spec::*;
use app::domain::motion::{MotionDraft, MotionOutcome, MotionSubject};
use app::domain::partnership::OrganisationFields;
use app::domain::plan::PlanVersionStatus;
use app::domain::records::{GrantedRole, RecordType};
use app::domain::tally::{self, Ballot, Elector, Rules};
use app::domain::{Date, Timestamp, Tlp};
use app::ssr::audit::{self, AuditEvent};
use app::ssr::db::Conn;
use app::ssr::db::comments::{self, CommentTarget, NewComment};
use app::ssr::db::commitments::{self, NewCommitment, NewProgressUpdate};
use app::ssr::db::councils::{self, NewCouncil, NewCouncilMembership};
use app::ssr::db::focal_points::{self, NewFocalPoint};
use app::ssr::db::motions::{self, MotionClosing, NewBallot, NewMotion, NewProxy};
use app::ssr::db::organisations::{self, NewOrganisation, NewPartnership};
use app::ssr::db::people::{self, NewPerson, NewRoleGrant};
use app::ssr::db::plans::{
    self, NewGoal, NewMeasure, NewObjective, NewPlan, NewPlanVersion, NewSection, SectionEdit,
};
use app::ssr::db::working_groups::{self, NewConvener, NewWorkingGroup, NewWorkingGroupMembership};
use chrono::{Duration, NaiveDateTime};
use serde_json::{Value, json};
use std::collections::HashMap;

/// What the builder remembers of a person.
#[derive(Clone, Copy)]
struct Person {
    id: i64,
    org_id: i64,
}

/// Inserts one partnership.
pub async fn build(
    conn: &mut Conn,
    now: Timestamp,
    hashes: &HashMap<String, String>,
    data: &PartnershipData,
) -> Result<(), SeedError> {
    let mut builder = Builder::new(conn, now, hashes);
    builder.partnership(&data.partnership).await?;
    builder.organisations(&data.organisations).await?;
    builder.people(&data.people).await?;
    builder.councils(&data.councils).await?;
    builder.grants(&data.grants).await?;
    builder.groups(&data.groups).await?;
    builder.focal_points(&data.focal_points).await?;
    builder.plan(&data.plan).await?;
    builder.commitments(&data.commitments).await?;
    for motion in &data.motions {
        builder.motion(motion, &data.plan).await?;
    }
    builder.comments(&data.comments).await?;
    Ok(())
}

struct Builder<'c> {
    conn: &'c mut Conn,
    now: Timestamp,
    hashes: &'c HashMap<String, String>,
    registered: Timestamp,
    partnership_id: i64,
    secretariat: Option<i64>,
    orgs: HashMap<&'static str, i64>,
    people: HashMap<&'static str, Person>,
    councils: HashMap<&'static str, i64>,
    groups: HashMap<&'static str, i64>,
    focal_points: HashMap<&'static str, i64>,
    plan_id: i64,
    versions: HashMap<i64, i64>,
    sections: HashMap<(i64, &'static str), i64>,
    /// Title and revision of each section, for later saves.
    section_heads: HashMap<i64, (&'static str, i64)>,
    goals: HashMap<(i64, &'static str), i64>,
    objectives: HashMap<(i64, &'static str), i64>,
    goal_keys: HashMap<&'static str, i64>,
    objective_keys: HashMap<&'static str, i64>,
    commitments: HashMap<&'static str, i64>,
    motions: HashMap<&'static str, i64>,
    comments: HashMap<&'static str, i64>,
}

/// Looks `key` up in `map`, or names what is missing.
fn lookup<K, V>(map: &HashMap<K, V>, key: K, what: &str) -> Result<V, SeedError>
where
    K: std::hash::Hash + Eq + std::fmt::Debug,
    V: Copy,
{
    match map.get(&key) {
        Some(value) => Ok(*value),
        None => Err(SeedError::Data(format!("unknown {what} {key:?}"))),
    }
}

/// Parses `YYYY-MM-DD`.
fn date(text: &str) -> Result<Date, SeedError> {
    Date::parse(text).map_err(|e| SeedError::Data(e.to_string()))
}

impl<'c> Builder<'c> {
    fn new(conn: &'c mut Conn, now: Timestamp, hashes: &'c HashMap<String, String>) -> Self {
        Self {
            conn,
            now,
            hashes,
            registered: now,
            partnership_id: 0,
            secretariat: None,
            orgs: HashMap::new(),
            people: HashMap::new(),
            councils: HashMap::new(),
            groups: HashMap::new(),
            focal_points: HashMap::new(),
            plan_id: 0,
            versions: HashMap::new(),
            sections: HashMap::new(),
            section_heads: HashMap::new(),
            goals: HashMap::new(),
            objectives: HashMap::new(),
            goal_keys: HashMap::new(),
            objective_keys: HashMap::new(),
            commitments: HashMap::new(),
            motions: HashMap::new(),
            comments: HashMap::new(),
        }
    }

    // ----- time -----

    fn at(&self, when: When) -> Result<Timestamp, SeedError> {
        let base = self.now.as_datetime();
        let at = match when {
            When::At(text) => NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M")
                .map_err(|e| SeedError::Data(format!("{text:?}: {e}")))?
                .and_utc(),
            When::Days(days) => base + Duration::days(days),
            When::Hours(hours) => base + Duration::hours(hours),
        };
        Ok(Timestamp::from_datetime(at))
    }

    fn day(&self, days: Day) -> Date {
        Timestamp::from_datetime(self.now.as_datetime() + Duration::days(days)).date()
    }

    /// 10:00 UTC on `day`, for records that only carry a date.
    fn morning_of(day: Date) -> Timestamp {
        let at = day
            .as_naive()
            .and_hms_opt(10, 0, 0)
            .unwrap_or_default()
            .and_utc();
        Timestamp::from_datetime(at)
    }

    fn hours_after(at: Timestamp, hours: i64) -> Timestamp {
        Timestamp::from_datetime(at.as_datetime() + Duration::hours(hours))
    }

    // ----- audit -----

    /// Appends a `create` event by the seed for a record of this partnership.
    async fn audit_create(
        &mut self,
        record_type: &str,
        record_id: i64,
        after: Value,
    ) -> Result<(), SeedError> {
        let event = AuditEvent::new("create", record_type, Some(record_id))
            .by(None, super::AUDIT_ACTOR)
            .in_partnership(self.partnership_id)
            .after(after);
        audit::record(self.conn, event).await?;
        Ok(())
    }

    // ----- lookups -----

    fn org(&self, slug: &'static str) -> Result<i64, SeedError> {
        lookup(&self.orgs, slug, "organisation")
    }

    fn person(&self, email: &'static str) -> Result<Person, SeedError> {
        lookup(&self.people, email, "person")
    }

    fn person_id(&self, email: &'static str) -> Result<i64, SeedError> {
        Ok(self.person(email)?.id)
    }

    fn optional_person(&self, email: Option<&'static str>) -> Result<Option<i64>, SeedError> {
        email.map(|e| self.person_id(e)).transpose()
    }

    fn version(&self, number: i64) -> Result<i64, SeedError> {
        lookup(&self.versions, number, "plan version")
    }

    // ----- registry -----

    async fn partnership(&mut self, spec: &PartnershipSpec) -> Result<(), SeedError> {
        self.registered = self.at(spec.registered)?;
        let new = NewPartnership {
            slug: spec.slug.to_owned(),
            name: spec.name.to_owned(),
            short_name: spec.short_name.to_owned(),
            jurisdiction: spec.jurisdiction.to_owned(),
            summary: spec.summary.to_owned(),
            description: spec.description.to_owned(),
            tlp: Tlp::Clear,
            created_at: self.registered,
        };
        self.partnership_id = organisations::insert_partnership(self.conn, new).await?;
        let after = json!({"slug": spec.slug, "name": spec.name});
        self.audit_create("partnership", self.partnership_id, after)
            .await
    }

    async fn organisations(&mut self, specs: &[OrgSpec]) -> Result<(), SeedError> {
        for spec in specs {
            let new = NewOrganisation {
                partnership_id: self.partnership_id,
                slug: spec.slug.to_owned(),
                fields: OrganisationFields {
                    name: spec.name.to_owned(),
                    short_name: spec.short_name.to_owned(),
                    kind: spec.kind,
                    side: spec.side,
                    size_class: spec.size,
                    country: spec.country.to_owned(),
                    segment: spec.segment.to_owned(),
                    website: spec.website.to_owned(),
                    description: spec.description.to_owned(),
                },
                created_at: self.registered,
            };
            let id = organisations::insert_organisation(self.conn, new).await?;
            self.orgs.insert(spec.slug, id);
            let after = json!({"slug": spec.slug, "name": spec.name, "side": spec.side.code()});
            self.audit_create("organisation", id, after).await?;
        }
        Ok(())
    }

    async fn people(&mut self, specs: &[PersonSpec]) -> Result<(), SeedError> {
        for spec in specs {
            let org_id = self.org(spec.org)?;
            let new = NewPerson {
                organisation_id: Some(org_id),
                display_name: spec.name.to_owned(),
                email: spec.email.to_owned(),
                job_title: spec.title.to_owned(),
                phone: String::new(),
                password_hash: self.hashes.get(spec.email).cloned(),
                is_admin: false,
                created_at: self.registered,
            };
            let id = people::insert_person(self.conn, new).await?;
            self.people.insert(spec.email, Person { id, org_id });
            let after = json!({"email": spec.email, "display_name": spec.name,
                               "organisation_id": org_id});
            self.audit_create("person", id, after).await?;
        }
        Ok(())
    }

    async fn grants(&mut self, specs: &[GrantSpec]) -> Result<(), SeedError> {
        for spec in specs {
            let person_id = self.person_id(spec.person)?;
            let council_id = spec
                .council
                .map(|slug| lookup(&self.councils, slug, "council"))
                .transpose()?;
            let granted_at = self.at(spec.granted)?;
            let new = NewRoleGrant {
                person_id,
                partnership_id: self.partnership_id,
                council_id,
                role: GrantedRole::Secretariat,
                granted_at,
                created_at: granted_at,
            };
            people::insert_role_grant(self.conn, new).await?;
            if council_id.is_none() && self.secretariat.is_none() {
                self.secretariat = Some(person_id);
            }
        }
        Ok(())
    }

    async fn councils(&mut self, specs: &[CouncilSpec]) -> Result<(), SeedError> {
        for spec in specs {
            let new = NewCouncil {
                partnership_id: self.partnership_id,
                slug: spec.slug.to_owned(),
                name: spec.name.to_owned(),
                short_name: spec.short_name.to_owned(),
                kind: spec.kind,
                description: spec.description.to_owned(),
                chair_person_id: Some(self.person_id(spec.chair)?),
                secretariat_organisation_id: spec.secretariat.map(|s| self.org(s)).transpose()?,
                tlp: Tlp::Clear,
                created_at: self.registered,
            };
            let council_id = councils::insert_council(self.conn, new).await?;
            self.councils.insert(spec.slug, council_id);
            let after = json!({"slug": spec.slug, "name": spec.name});
            self.audit_create("council", council_id, after).await?;
            for seat in &spec.seats {
                let new = NewCouncilMembership {
                    council_id,
                    partnership_id: self.partnership_id,
                    organisation_id: self.org(seat.org)?,
                    principal_person_id: Some(self.person_id(seat.principal)?),
                    alternate_person_id: self.optional_person(seat.alternate)?,
                    term_start: date(seat.start)?,
                    term_end: seat.end.map(date).transpose()?,
                    notes: String::new(),
                    created_at: self.registered,
                };
                councils::insert_council_membership(self.conn, new).await?;
            }
        }
        Ok(())
    }

    async fn groups(&mut self, specs: &[GroupSpec]) -> Result<(), SeedError> {
        for spec in specs {
            let new = NewWorkingGroup {
                partnership_id: self.partnership_id,
                council_id: spec
                    .council
                    .map(|slug| lookup(&self.councils, slug, "council"))
                    .transpose()?,
                slug: spec.slug.to_owned(),
                name: spec.name.to_owned(),
                short_name: spec.short_name.to_owned(),
                summary: spec.summary.to_owned(),
                charter: spec.charter.to_owned(),
                charter_tlp: spec.charter_tlp,
                tlp: Tlp::Clear,
                created_at: self.registered,
            };
            let group_id = working_groups::insert_working_group(self.conn, new).await?;
            self.groups.insert(spec.slug, group_id);
            let after = json!({"slug": spec.slug, "name": spec.name});
            self.audit_create("working_group", group_id, after).await?;
            for convener in &spec.conveners {
                let new = NewConvener {
                    working_group_id: group_id,
                    person_id: self.person_id(convener.person)?,
                    side: convener.side,
                    term_start: date(convener.start)?,
                    term_end: convener.end.map(date).transpose()?,
                    created_at: self.registered,
                };
                working_groups::insert_convener(self.conn, new).await?;
            }
            for seat in &spec.seats {
                let new = NewWorkingGroupMembership {
                    working_group_id: group_id,
                    partnership_id: self.partnership_id,
                    organisation_id: self.org(seat.org)?,
                    is_voting: seat.voting,
                    principal_person_id: Some(self.person_id(seat.principal)?),
                    alternate_person_id: self.optional_person(seat.alternate)?,
                    term_start: date(seat.start)?,
                    term_end: seat.end.map(date).transpose()?,
                    created_at: self.registered,
                };
                working_groups::insert_working_group_membership(self.conn, new).await?;
            }
        }
        Ok(())
    }

    async fn focal_points(&mut self, specs: &[FocalPointSpec]) -> Result<(), SeedError> {
        for spec in specs {
            let person = self.person(spec.person)?;
            let (council_id, working_group_id) = match spec.scope {
                Scope::Partnership => (None, None),
                Scope::Council(slug) => (Some(lookup(&self.councils, slug, "council")?), None),
                Scope::Group(slug) => (None, Some(lookup(&self.groups, slug, "working group")?)),
            };
            let new = NewFocalPoint {
                partnership_id: self.partnership_id,
                kind: spec.kind,
                person_id: person.id,
                organisation_id: person.org_id,
                council_id,
                working_group_id,
                title: spec.title.to_owned(),
                term_start: date(spec.start)?,
                term_end: spec.end.map(date).transpose()?,
                public_channel: spec.public_channel.to_owned(),
                email: spec.person.to_owned(),
                phone: spec.phone.to_owned(),
                contact_tlp: spec.contact_tlp,
                created_at: self.registered,
            };
            let id = focal_points::insert_focal_point(self.conn, new).await?;
            self.focal_points.insert(spec.key, id);
            let after = json!({"kind": spec.kind.code(), "person_id": person.id,
                               "title": spec.title});
            self.audit_create("focal_point", id, after).await?;
        }
        Ok(())
    }

    // ----- plan -----

    async fn plan(&mut self, spec: &PlanSpec) -> Result<(), SeedError> {
        let first_created = match spec.versions.first() {
            Some(version) => self.at(version.created)?,
            None => self.registered,
        };
        let new = NewPlan {
            partnership_id: self.partnership_id,
            title: spec.title.to_owned(),
            working_group_id: Some(lookup(&self.groups, spec.group, "working group")?),
            created_at: first_created,
        };
        self.plan_id = plans::insert_plan(self.conn, new).await?;
        for version in &spec.versions {
            self.plan_version(version).await?;
        }
        Ok(())
    }

    async fn plan_version(&mut self, spec: &VersionSpec) -> Result<(), SeedError> {
        let created = self.at(spec.created)?;
        let author = self.person_id(spec.created_by)?;
        let new = NewPlanVersion {
            plan_id: self.plan_id,
            number: spec.number,
            title: spec.title.to_owned(),
            summary: spec.summary.to_owned(),
            status: if spec.submitted.is_some() {
                PlanVersionStatus::InReview
            } else {
                PlanVersionStatus::Draft
            },
            based_on_version_id: spec.based_on.map(|n| self.version(n)).transpose()?,
            tlp: spec.tlp,
            created_by_person_id: Some(author),
            submitted_at: spec.submitted.map(|w| self.at(w)).transpose()?,
            created_at: created,
        };
        let version_id = plans::insert_plan_version(self.conn, new).await?;
        self.versions.insert(spec.number, version_id);
        let after = json!({"plan_id": self.plan_id, "number": spec.number, "title": spec.title});
        self.audit_create("plan_version", version_id, after).await?;
        for editor in &spec.editors {
            let person_id = self.person_id(editor)?;
            plans::insert_plan_version_editor(
                self.conn,
                version_id,
                person_id,
                Some(author),
                created,
            )
            .await?;
        }
        for (index, section) in spec.sections.iter().enumerate() {
            self.section(spec.number, version_id, index, section, author, created)
                .await?;
        }
        for (index, goal) in spec.goals.iter().enumerate() {
            self.goal(spec.number, version_id, index, goal, created)
                .await?;
        }
        for edit in &spec.edits {
            self.edit(spec.number, edit).await?;
        }
        Ok(())
    }

    async fn section(
        &mut self,
        number: i64,
        version_id: i64,
        index: usize,
        spec: &SectionSpec,
        author: i64,
        created: Timestamp,
    ) -> Result<(), SeedError> {
        let new = NewSection {
            plan_version_id: version_id,
            key: spec.key.to_owned(),
            position: position(index),
            title: spec.title.to_owned(),
            body: spec.body.to_owned(),
            tlp: spec.tlp,
            owner_organisation_id: spec.owner.map(|o| self.org(o)).transpose()?,
            author_person_id: Some(author),
            created_at: created,
        };
        let id = plans::insert_section(self.conn, new).await?;
        self.sections.insert((number, spec.key), id);
        self.section_heads.insert(id, (spec.title, 1));
        self.red_recipients(
            spec.tlp,
            RecordType::PlanSection,
            id,
            &spec.recipients,
            created,
        )
        .await
    }

    async fn edit(&mut self, number: i64, spec: &EditSpec) -> Result<(), SeedError> {
        let section_id = lookup(&self.sections, (number, spec.section), "section")?;
        let (title, revision) = lookup(&self.section_heads, section_id, "section")?;
        let edit = SectionEdit {
            section_id,
            expected_revision: revision,
            title: title.to_owned(),
            body: spec.body.to_owned(),
            author_person_id: Some(self.person_id(spec.author)?),
            saved_at: self.at(spec.at)?,
        };
        let revision = plans::update_section(self.conn, edit).await?;
        self.section_heads.insert(section_id, (title, revision));
        Ok(())
    }

    async fn goal(
        &mut self,
        number: i64,
        version_id: i64,
        index: usize,
        spec: &GoalSpec,
        created: Timestamp,
    ) -> Result<(), SeedError> {
        let goal_key_id = match self.goal_keys.get(spec.key) {
            Some(id) => *id,
            None => {
                let id = plans::insert_goal_key(self.conn, self.plan_id, spec.key, created).await?;
                self.goal_keys.insert(spec.key, id);
                id
            }
        };
        let new = NewGoal {
            plan_version_id: version_id,
            goal_key_id,
            number: position(index),
            title: spec.title.to_owned(),
            description: spec.description.to_owned(),
            tlp: spec.tlp,
            owner_organisation_id: None,
            weight: 1.0,
            created_at: created,
        };
        let goal_id = plans::insert_goal(self.conn, new).await?;
        self.goals.insert((number, spec.key), goal_id);
        for (index, objective) in spec.objectives.iter().enumerate() {
            self.objective(number, version_id, goal_id, index, objective, created)
                .await?;
        }
        Ok(())
    }

    async fn objective(
        &mut self,
        number: i64,
        version_id: i64,
        goal_id: i64,
        index: usize,
        spec: &ObjectiveSpec,
        created: Timestamp,
    ) -> Result<(), SeedError> {
        let objective_key_id = match self.objective_keys.get(spec.key) {
            Some(id) => *id,
            None => {
                let id =
                    plans::insert_objective_key(self.conn, self.plan_id, spec.key, created).await?;
                self.objective_keys.insert(spec.key, id);
                id
            }
        };
        let new = NewObjective {
            goal_id,
            plan_version_id: version_id,
            objective_key_id,
            number: position(index),
            title: spec.title.to_owned(),
            description: spec.description.to_owned(),
            tlp: spec.tlp,
            owner_organisation_id: spec.owner.map(|o| self.org(o)).transpose()?,
            weight: 1.0,
            created_at: created,
        };
        let objective_id = plans::insert_objective(self.conn, new).await?;
        self.objectives.insert((number, spec.key), objective_id);
        for (index, measure) in spec.measures.iter().enumerate() {
            let new = NewMeasure {
                objective_id,
                position: position(index),
                indicator: measure.indicator.to_owned(),
                baseline: measure.baseline,
                target: measure.target,
                unit: measure.unit.to_owned(),
                due_date: Some(date(measure.due)?),
                // a measure is as visible as its objective
                tlp: spec.tlp,
                created_at: created,
            };
            plans::insert_measure(self.conn, new).await?;
        }
        Ok(())
    }

    async fn red_recipients(
        &mut self,
        tlp: Tlp,
        record_type: RecordType,
        record_id: i64,
        recipients: &[&'static str],
        at: Timestamp,
    ) -> Result<(), SeedError> {
        if (tlp == Tlp::Red) == recipients.is_empty() {
            return Err(SeedError::Data(format!(
                "{} {record_id}: named recipients go with TLP:RED and TLP:RED needs them",
                record_type.code()
            )));
        }
        for email in recipients {
            let person_id = self.person_id(email)?;
            comments::insert_red_recipient(self.conn, record_type, record_id, person_id, at)
                .await?;
        }
        Ok(())
    }

    // ----- commitments -----

    async fn commitments(&mut self, specs: &[CommitmentSpec]) -> Result<(), SeedError> {
        for spec in specs {
            self.commitment(spec).await?;
        }
        Ok(())
    }

    async fn commitment(&mut self, spec: &CommitmentSpec) -> Result<(), SeedError> {
        let start = self.day(spec.start);
        let proposer = self.person(spec.proposed_by)?;
        let org_id = self.org(spec.org)?;
        if proposer.org_id != org_id {
            return Err(SeedError::Data(format!(
                "{}: the proposer is not of {}",
                spec.key, spec.org
            )));
        }
        let proposed_at = Self::morning_of(start).as_datetime() - Duration::days(14);
        let created_at =
            Timestamp::from_datetime(proposed_at.min(self.now.as_datetime() - Duration::days(1)));
        let accepted_at = spec.accepted.map(|w| self.at(w)).transpose()?;
        let new = NewCommitment {
            partnership_id: self.partnership_id,
            organisation_id: org_id,
            objective_key_id: lookup(&self.objective_keys, spec.objective, "objective key")?,
            title: spec.title.to_owned(),
            description: spec.description.to_owned(),
            deliverable: spec.deliverable.to_owned(),
            start_date: start,
            due_date: self.day(spec.due),
            status: spec.status,
            tlp: spec.tlp,
            proposed_by_person_id: Some(proposer.id),
            accepted_by_person_id: accepted_at.and(self.secretariat),
            accepted_by_motion_id: None,
            accepted_at,
            created_at,
        };
        let commitment_id = commitments::insert_commitment(self.conn, new).await?;
        self.commitments.insert(spec.key, commitment_id);
        self.red_recipients(
            spec.tlp,
            RecordType::Commitment,
            commitment_id,
            &spec.recipients,
            created_at,
        )
        .await?;
        let after = json!({"organisation_id": org_id, "title": spec.title,
                           "status": spec.status.code()});
        self.audit_create("commitment", commitment_id, after)
            .await?;
        for update in &spec.updates {
            let reported_on = self.day(update.on);
            let at = Self::morning_of(reported_on);
            let new = NewProgressUpdate {
                commitment_id,
                reported_on,
                percent: update.percent,
                narrative: update.narrative.to_owned(),
                evidence_url: update.evidence.to_owned(),
                tlp: update.tlp,
                author_person_id: Some(proposer.id),
                created_at: at,
            };
            let id = commitments::insert_progress_update(self.conn, new).await?;
            self.red_recipients(
                update.tlp,
                RecordType::ProgressUpdate,
                id,
                &update.recipients,
                at,
            )
            .await?;
        }
        Ok(())
    }

    // ----- motions -----

    fn subject(&self, subject: Subject) -> Result<MotionSubject, SeedError> {
        Ok(match subject {
            Subject::AdoptVersion(number) => MotionSubject::AdoptPlanVersion(self.version(number)?),
            Subject::AcceptCommitment(key) => {
                MotionSubject::AcceptCommitment(lookup(&self.commitments, key, "commitment")?)
            }
            Subject::AppointFocalPoint(key) => {
                MotionSubject::AppointFocalPoint(lookup(&self.focal_points, key, "focal point")?)
            }
            Subject::General => MotionSubject::GeneralResolution,
        })
    }

    async fn motion(&mut self, spec: &MotionSpec, plan: &PlanSpec) -> Result<(), SeedError> {
        let opens = self.at(spec.opens)?;
        let closes = self.at(spec.closes)?;
        let created_at = if spec.state == MotionState::Draft {
            Timestamp::from_datetime(self.now.as_datetime() - Duration::hours(20))
        } else {
            Timestamp::from_datetime(opens.as_datetime() - Duration::days(3))
        };
        let new = NewMotion {
            working_group_id: lookup(&self.groups, spec.group, "working group")?,
            draft: MotionDraft {
                subject: self.subject(spec.subject)?,
                title: spec.title.to_owned(),
                body: spec.body.to_owned(),
                tlp: spec.tlp,
                opens_at: opens,
                closes_at: closes,
                quorum_percent: spec.quorum,
                threshold: spec.threshold,
                dual_majority: spec.dual,
                ballot_mode: spec.mode,
            },
            proposed_by_person_id: Some(self.person_id(spec.proposed_by)?),
            created_at,
        };
        let motion_id = motions::insert_motion(self.conn, new).await?;
        self.motions.insert(spec.key, motion_id);
        let after = json!({"title": spec.title, "tlp": spec.tlp.code()});
        self.audit_create("motion", motion_id, after).await?;
        if spec.state == MotionState::Draft {
            return Ok(());
        }
        motions::open_motion(self.conn, motion_id, opens).await?;
        let ballots = self.cast(spec, motion_id, opens, closes).await?;
        if let MotionState::Closed(expected) = spec.state {
            let outcome = self
                .close(spec, motion_id, closes, &ballots, expected)
                .await?;
            if let (MotionOutcome::Carried, Subject::AdoptVersion(number)) = (outcome, spec.subject)
            {
                self.adopt(number, motion_id, closes, plan).await?;
            }
        }
        Ok(())
    }

    /// Recusals, proxies and ballots, in time order; returns the ballots for the tally.
    async fn cast(
        &mut self,
        spec: &MotionSpec,
        motion_id: i64,
        opens: Timestamp,
        closes: Timestamp,
    ) -> Result<Vec<Ballot>, SeedError> {
        let latest = closes.min(self.now);
        let inside = |at: Timestamp| -> Result<Timestamp, SeedError> {
            if at >= opens && at < latest {
                Ok(at)
            } else {
                Err(SeedError::Data(format!(
                    "{}: an act at {at} is outside the voting window",
                    spec.key
                )))
            }
        };
        for recusal in &spec.recusals {
            let at = inside(Self::hours_after(opens, recusal.hours))?;
            let org_id = self.org(recusal.org)?;
            let by = self.person_id(recusal.by)?;
            motions::recuse_electorate_member(
                self.conn,
                motion_id,
                org_id,
                Some(by),
                recusal.reason,
                at,
            )
            .await?;
        }
        let mut proxies = HashMap::new();
        for proxy in &spec.proxies {
            let new = NewProxy {
                motion_id,
                from_organisation_id: self.org(proxy.from)?,
                to_organisation_id: self.org(proxy.to)?,
                granted_by_person_id: Some(self.person_id(proxy.by)?),
                granted_at: inside(Self::hours_after(opens, proxy.hours))?,
            };
            let from = new.from_organisation_id;
            let to = new.to_organisation_id;
            let id = motions::insert_proxy(self.conn, new).await?;
            proxies.insert(from, (id, to));
        }
        let mut ballots = Vec::with_capacity(spec.ballots.len());
        for spec_ballot in &spec.ballots {
            let cast_at = inside(Self::hours_after(opens, spec_ballot.hours))?;
            let org_id = self.org(spec_ballot.org)?;
            let caster = self.person(spec_ballot.by)?;
            let proxy = if spec_ballot.via_proxy {
                let (proxy_id, holder) = lookup(&proxies, org_id, "proxy of organisation")?;
                if caster.org_id != holder {
                    return Err(SeedError::Data(format!(
                        "{}: proxy ballot cast by a non-holder",
                        spec.key
                    )));
                }
                motions::mark_proxy_used(self.conn, proxy_id, cast_at).await?;
                Some(proxy_id)
            } else {
                if caster.org_id != org_id {
                    return Err(SeedError::Data(format!(
                        "{}: {} cannot vote for {}",
                        spec.key, spec_ballot.by, spec_ballot.org
                    )));
                }
                None
            };
            let new = NewBallot {
                motion_id,
                organisation_id: org_id,
                choice: spec_ballot.choice,
                cast_by_person_id: Some(caster.id),
                proxy_id: proxy,
                cast_at,
            };
            motions::insert_ballot(self.conn, new).await?;
            ballots.push(Ballot {
                organisation_id: org_id,
                choice: spec_ballot.choice,
                cast_at,
                proxy_holder: proxy.map(|_| caster.org_id),
            });
        }
        Ok(ballots)
    }

    /// Tallies the current ballots, checks the outcome against the data, stores it.
    async fn close(
        &mut self,
        spec: &MotionSpec,
        motion_id: i64,
        closes: Timestamp,
        ballots: &[Ballot],
        expected: MotionOutcome,
    ) -> Result<MotionOutcome, SeedError> {
        let electorate: Vec<Elector> = motions::list_electorate(self.conn, motion_id)
            .await?
            .into_iter()
            .map(|member| Elector {
                organisation_id: member.organisation_id,
                side: member.side,
                recused: member.recused_at.is_some(),
            })
            .collect();
        let rules = Rules {
            quorum_percent: spec.quorum,
            threshold: spec.threshold,
            dual_majority: spec.dual,
        };
        let result = tally::tally(&rules, &electorate, ballots);
        if let Some(org_id) = result.ignored.first() {
            return Err(SeedError::Data(format!(
                "{}: a ballot of organisation {org_id}, which cannot vote on it",
                spec.key
            )));
        }
        if result.outcome != expected {
            return Err(SeedError::Data(format!(
                "{}: the ballots give {:?}, the data says {:?}",
                spec.key, result.outcome, expected
            )));
        }
        let closing = MotionClosing::from_tally(motion_id, &result, None, closes);
        motions::close_motion_with_outcome(self.conn, closing).await?;
        Ok(result.outcome)
    }

    /// A carried adoption: the version becomes adopted, then published when the data says so.
    async fn adopt(
        &mut self,
        number: i64,
        motion_id: i64,
        adopted_at: Timestamp,
        plan: &PlanSpec,
    ) -> Result<(), SeedError> {
        let version_id = self.version(number)?;
        plans::mark_version_adopted(self.conn, version_id, motion_id, adopted_at).await?;
        let published = plan
            .versions
            .iter()
            .find(|v| v.number == number)
            .and_then(|v| v.published);
        if let Some(when) = published {
            plans::mark_version_published(self.conn, version_id, self.at(when)?).await?;
        }
        Ok(())
    }

    // ----- comments -----

    fn target(&self, on: On) -> Result<CommentTarget, SeedError> {
        Ok(match on {
            On::Section(n, key) => {
                CommentTarget::Section(lookup(&self.sections, (n, key), "section")?)
            }
            On::Goal(n, key) => CommentTarget::Goal(lookup(&self.goals, (n, key), "goal")?),
            On::Objective(n, key) => {
                CommentTarget::Objective(lookup(&self.objectives, (n, key), "objective")?)
            }
            On::Commitment(key) => {
                CommentTarget::Commitment(lookup(&self.commitments, key, "commitment")?)
            }
            On::Motion(key) => CommentTarget::Motion(lookup(&self.motions, key, "motion")?),
        })
    }

    async fn comments(&mut self, specs: &[CommentSpec]) -> Result<(), SeedError> {
        for spec in specs {
            let at = self.at(spec.at)?;
            let new = NewComment {
                partnership_id: self.partnership_id,
                parent_comment_id: spec
                    .reply_to
                    .map(|k| lookup(&self.comments, k, "comment"))
                    .transpose()?,
                target: self.target(spec.on)?,
                author_person_id: Some(self.person_id(spec.author)?),
                body: spec.body.to_owned(),
                tlp: spec.tlp,
                created_at: at,
            };
            let id = comments::insert_comment(self.conn, new).await?;
            self.comments.insert(spec.key, id);
            if let Some((by, when)) = spec.resolved {
                let by = self.person_id(by)?;
                comments::resolve_comment(self.conn, id, Some(by), self.at(when)?).await?;
            }
        }
        Ok(())
    }
}

/// 1-based position of the `index`th item.
fn position(index: usize) -> i64 {
    i64::try_from(index).map_or(i64::MAX, |i| i + 1)
}
