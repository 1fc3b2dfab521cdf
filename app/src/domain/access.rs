//! The authorisation rule: may this actor do this to this resource?
//!
//! One pure function, [`can`], decides every permission in the application from facts the
//! server looks up ([`Actor`], [`Resource`]); [`can_see`] is its TLP part. Pages, server
//! functions, the API, exports and feeds all ask here (through `ssr::access`), so that a
//! rule changes in one place. The roles are those of DOMAIN.md: public, member,
//! representative, convener/chair, secretariat, admin.

use crate::domain::tlp::{Relation, Tlp, may_see};
use crate::vocabulary;

vocabulary! {
    /// Everything an actor may try to do. Each maps to one rule in [`can`].
    pub enum Action {
        /// Read the record.
        View => ("view", "view"),
        /// Comment on the record.
        Comment => ("comment", "comment"),
        /// Cast, change or withdraw a ballot for one's organisation in the record's group.
        CastBallot => ("cast_ballot", "cast a ballot"),
        /// Propose a commitment of one's organisation.
        ProposeCommitment => ("propose_commitment", "propose a commitment"),
        /// Draft a motion in the record's working group.
        DraftMotion => ("draft_motion", "draft a motion"),
        /// Open, close or withdraw a motion of the record's working group.
        ManageMotion => ("manage_motion", "open, close or withdraw a motion"),
        /// Edit a plan draft.
        EditPlanDraft => ("edit_plan_draft", "edit a plan draft"),
        /// Submit a plan version for adoption.
        SubmitPlanVersion => ("submit_plan_version", "submit a plan version"),
        /// Publish an adopted plan version.
        PublishPlanVersion => ("publish_plan_version", "publish a plan version"),
        /// Accept a proposed commitment.
        AcceptCommitment => ("accept_commitment", "accept a commitment"),
        /// Set the weights with which progress rolls up the published plan.
        SetWeights => ("set_weights", "set the plan's progress weights"),
        /// Manage the members and representatives of a council or working group.
        ManageRoster => ("manage_roster", "manage a roster"),
        /// Appoint and end focal points.
        ManageFocalPoints => ("manage_focal_points", "manage focal points"),
        /// Invite a person to an organisation of the partnership.
        InvitePerson => ("invite_person", "invite a person"),
        /// Create and edit organisations and their people.
        ManageOrganisations => ("manage_organisations", "manage organisations"),
        /// Lower a record's TLP label (widen its audience).
        LowerLabel => ("lower_label", "lower a TLP label"),
        /// Create a partnership.
        CreatePartnership => ("create_partnership", "create a partnership"),
        /// Manage accounts (activate, deactivate, grant roles).
        ManageAccounts => ("manage_accounts", "manage accounts"),
        /// Read the audit trail.
        ViewAuditTrail => ("view_audit_trail", "read the audit trail"),
    }
}

/// What the server knows about a signed-in person (or nobody, for the public). Built once
/// per request from the database by `ssr::access`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Actor {
    /// The person; `None` for the public.
    pub person_id: Option<i64>,
    /// A platform operator.
    pub is_admin: bool,
    /// The person's organisation.
    pub organisation_id: Option<i64>,
    /// The partnership of that organisation: the person is one of its members.
    pub member_of_partnership: Option<i64>,
    /// Partnerships whose secretariat the person staffs.
    pub secretariat_of_partnerships: Vec<i64>,
    /// Councils whose secretariat the person staffs.
    pub secretariat_of_councils: Vec<i64>,
    /// Councils the person chairs.
    pub chair_of_councils: Vec<i64>,
    /// Working groups the person convenes.
    pub convener_of_groups: Vec<i64>,
    /// Councils on which the person's organisation holds a seat.
    pub organisation_in_councils: Vec<i64>,
    /// Working groups in which the person's organisation holds a seat.
    pub organisation_in_groups: Vec<i64>,
    /// Working groups in which the person is a principal or alternate of a voting seat.
    pub representative_in_groups: Vec<i64>,
    /// Councils in which the person is a principal or alternate.
    pub representative_in_councils: Vec<i64>,
    /// Plan versions the secretariat invited the person to co-author.
    pub editor_of_plan_versions: Vec<i64>,
}

impl Actor {
    /// The signed-out public.
    pub fn public() -> Self {
        Self::default()
    }

    /// Whether the person staffs the secretariat of `partnership_id`.
    pub fn is_secretariat_of(&self, partnership_id: i64) -> bool {
        self.secretariat_of_partnerships.contains(&partnership_id)
    }

    fn is_member_of(&self, partnership_id: i64) -> bool {
        self.member_of_partnership == Some(partnership_id)
    }

    fn is_representative_in(&self, partnership_id: i64) -> bool {
        self.is_member_of(partnership_id)
            && (!self.representative_in_groups.is_empty()
                || !self.representative_in_councils.is_empty())
    }
}

/// The record (or place) an action is about: where it belongs and how it is labelled.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Resource {
    /// The partnership it belongs to.
    pub partnership_id: i64,
    /// The council it belongs to, if any.
    pub council_id: Option<i64>,
    /// The working group it belongs to, if any.
    pub working_group_id: Option<i64>,
    /// The organisation that owns it, if any.
    pub owner_organisation_id: Option<i64>,
    /// Its TLP label.
    pub tlp: Tlp,
    /// Whether the actor is one of its named TLP:RED recipients.
    pub actor_is_named_recipient: bool,
    /// The plan version it belongs to, if any (invited co-authors edit that version).
    pub plan_version_id: Option<i64>,
}

impl Resource {
    /// A partnership-wide place (e.g. "the partnership's plan", "its organisations"),
    /// labelled `tlp`.
    pub fn partnership(partnership_id: i64, tlp: Tlp) -> Self {
        Self {
            partnership_id,
            council_id: None,
            working_group_id: None,
            owner_organisation_id: None,
            tlp,
            actor_is_named_recipient: false,
            plan_version_id: None,
        }
    }
}

/// The TLP relation of an actor to a resource.
pub fn relation(actor: &Actor, resource: &Resource) -> Relation {
    let partnership = resource.partnership_id;
    let staffs_body = actor.is_secretariat_of(partnership)
        || resource.council_id.is_some_and(|c| {
            actor.organisation_in_councils.contains(&c)
                || actor.secretariat_of_councils.contains(&c)
                || actor.chair_of_councils.contains(&c)
        })
        || resource.working_group_id.is_some_and(|g| {
            actor.organisation_in_groups.contains(&g) || actor.convener_of_groups.contains(&g)
        });
    Relation {
        partnership_member: actor.is_member_of(partnership),
        owning_organisation: actor.organisation_id.is_some()
            && actor.organisation_id == resource.owner_organisation_id,
        owning_body: staffs_body,
        // Only a signed-in person can be named.
        named_recipient: resource.actor_is_named_recipient && actor.person_id.is_some(),
    }
}

/// May the actor see the resource? TLP 2.0 as DOMAIN.md states it; a platform operator
/// reads everything but TLP:RED it is not a named recipient of.
pub fn can_see(actor: &Actor, resource: &Resource) -> bool {
    if actor.is_admin && resource.tlp != Tlp::Red {
        return true;
    }
    may_see(resource.tlp, relation(actor, resource))
}

/// May the actor do `action` to the resource? Every action needs the resource to be
/// visible first; then the role rule of DOMAIN.md applies.
pub fn can(actor: &Actor, action: Action, resource: &Resource) -> bool {
    if !can_see(actor, resource) {
        return false;
    }
    let partnership = resource.partnership_id;
    let member = actor.is_member_of(partnership);
    let secretariat = actor.is_secretariat_of(partnership);
    let convenes = resource
        .working_group_id
        .is_some_and(|g| actor.convener_of_groups.contains(&g));
    match action {
        Action::View => true,
        Action::Comment => member,
        Action::CastBallot => {
            member
                && resource
                    .working_group_id
                    .is_some_and(|g| actor.representative_in_groups.contains(&g))
        }
        Action::ProposeCommitment => {
            actor.is_representative_in(partnership)
                && resource.owner_organisation_id.is_some()
                && resource.owner_organisation_id == actor.organisation_id
        }
        Action::DraftMotion => convenes || secretariat,
        Action::ManageMotion => convenes,
        Action::ManageRoster => {
            secretariat
                || resource
                    .council_id
                    .is_some_and(|c| actor.secretariat_of_councils.contains(&c))
        }
        Action::EditPlanDraft => {
            secretariat
                || (member
                    && resource
                        .plan_version_id
                        .is_some_and(|v| actor.editor_of_plan_versions.contains(&v)))
        }
        Action::SubmitPlanVersion
        | Action::PublishPlanVersion
        | Action::AcceptCommitment
        | Action::SetWeights
        | Action::ManageFocalPoints
        | Action::InvitePerson
        | Action::LowerLabel => secretariat,
        Action::ManageOrganisations => secretariat || actor.is_admin,
        Action::CreatePartnership | Action::ManageAccounts | Action::ViewAuditTrail => {
            actor.is_admin
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PARTNERSHIP: i64 = 1;
    const GROUP: i64 = 10;
    const COUNCIL: i64 = 5;
    const OWNER_ORG: i64 = 200;

    /// The roles of DOMAIN.md, as actors related to a record of working group 10 that is
    /// owned by organisation 200.
    fn actor(role: &str) -> Actor {
        let member = |org: i64| Actor {
            person_id: Some(org * 10),
            organisation_id: Some(org),
            member_of_partnership: Some(PARTNERSHIP),
            ..Actor::default()
        };
        match role {
            "public" => Actor::public(),
            // a person of the owning organisation, with no seat
            "member" => member(OWNER_ORG),
            // the owning organisation's principal in the working group
            "representative" => Actor {
                organisation_in_groups: vec![GROUP],
                representative_in_groups: vec![GROUP],
                ..member(OWNER_ORG)
            },
            // convener of the working group, from another organisation
            "convener" => Actor {
                convener_of_groups: vec![GROUP],
                ..member(300)
            },
            // chair of a council the record does not belong to
            "chair" => Actor {
                chair_of_councils: vec![COUNCIL],
                organisation_in_councils: vec![COUNCIL],
                ..member(300)
            },
            "secretariat" => Actor {
                secretariat_of_partnerships: vec![PARTNERSHIP],
                ..member(400)
            },
            "admin" => Actor {
                person_id: Some(1),
                is_admin: true,
                ..Actor::default()
            },
            other => panic!("no role {other}"),
        }
    }

    fn record(tlp: Tlp) -> Resource {
        Resource {
            partnership_id: PARTNERSHIP,
            council_id: None,
            working_group_id: Some(GROUP),
            owner_organisation_id: Some(OWNER_ORG),
            tlp,
            actor_is_named_recipient: false,
            plan_version_id: None,
        }
    }

    const ROLES: [&str; 7] = [
        "public",
        "member",
        "representative",
        "convener",
        "chair",
        "secretariat",
        "admin",
    ];

    /// The expected decisions: for each action, the labels (C G A S R) at which each role
    /// in `ROLES` order may do it; `-` where it may not. Written by hand from DOMAIN.md.
    #[rustfmt::skip]
    const TABLE: &[(Action, [&str; 7])] = &[
        //                              public   member   represent convener chair    secretar admin
        (Action::View,                ["C----", "CGAS-", "CGAS-", "CGA--", "CG---", "CGA--", "CGAS-"]),
        (Action::Comment,             ["-----", "CGAS-", "CGAS-", "CGA--", "CG---", "CGA--", "-----"]),
        (Action::CastBallot,          ["-----", "-----", "CGAS-", "-----", "-----", "-----", "-----"]),
        (Action::ProposeCommitment,   ["-----", "-----", "CGAS-", "-----", "-----", "-----", "-----"]),
        (Action::DraftMotion,         ["-----", "-----", "-----", "CGA--", "-----", "CGA--", "-----"]),
        (Action::ManageMotion,        ["-----", "-----", "-----", "CGA--", "-----", "-----", "-----"]),
        (Action::EditPlanDraft,       ["-----", "-----", "-----", "-----", "-----", "CGA--", "-----"]),
        (Action::SubmitPlanVersion,   ["-----", "-----", "-----", "-----", "-----", "CGA--", "-----"]),
        (Action::PublishPlanVersion,  ["-----", "-----", "-----", "-----", "-----", "CGA--", "-----"]),
        (Action::AcceptCommitment,    ["-----", "-----", "-----", "-----", "-----", "CGA--", "-----"]),
        (Action::SetWeights,          ["-----", "-----", "-----", "-----", "-----", "CGA--", "-----"]),
        (Action::ManageRoster,        ["-----", "-----", "-----", "-----", "-----", "CGA--", "-----"]),
        (Action::ManageFocalPoints,   ["-----", "-----", "-----", "-----", "-----", "CGA--", "-----"]),
        (Action::InvitePerson,        ["-----", "-----", "-----", "-----", "-----", "CGA--", "-----"]),
        (Action::ManageOrganisations, ["-----", "-----", "-----", "-----", "-----", "CGA--", "CGAS-"]),
        (Action::LowerLabel,          ["-----", "-----", "-----", "-----", "-----", "CGA--", "-----"]),
        (Action::CreatePartnership,   ["-----", "-----", "-----", "-----", "-----", "-----", "CGAS-"]),
        (Action::ManageAccounts,      ["-----", "-----", "-----", "-----", "-----", "-----", "CGAS-"]),
        (Action::ViewAuditTrail,      ["-----", "-----", "-----", "-----", "-----", "-----", "CGAS-"]),
    ];

    const LABELS: [(Tlp, char); 5] = [
        (Tlp::Clear, 'C'),
        (Tlp::Green, 'G'),
        (Tlp::Amber, 'A'),
        (Tlp::AmberStrict, 'S'),
        (Tlp::Red, 'R'),
    ];

    #[test]
    fn every_role_action_and_label_matches_the_table() {
        // The table must name every action exactly once, so that a new action fails here
        // until its rule is written down.
        assert_eq!(TABLE.len(), Action::ALL.len());
        for action in Action::ALL {
            assert_eq!(
                TABLE.iter().filter(|(a, _)| a == action).count(),
                1,
                "{action:?}"
            );
        }
        let mut cases = 0;
        let mut wrong = Vec::new();
        for (action, row) in TABLE {
            for (role, expected) in ROLES.iter().zip(row) {
                let actor = actor(role);
                for (position, (label, letter)) in LABELS.iter().enumerate() {
                    let want = expected.as_bytes()[position] == *letter as u8;
                    let got = can(&actor, *action, &record(*label));
                    cases += 1;
                    if want != got {
                        wrong.push(format!(
                            "{role} {action:?} {label}: expected {want}, got {got}"
                        ));
                    }
                }
            }
        }
        assert_eq!(cases, 7 * 19 * 5);
        assert!(
            wrong.is_empty(),
            "{} of {cases} decisions differ:\n{}",
            wrong.len(),
            wrong.join("\n")
        );
    }

    #[test]
    fn invited_co_authors_edit_their_draft_only() {
        const VERSION: i64 = 77;
        let draft = Resource {
            plan_version_id: Some(VERSION),
            ..record(Tlp::Green)
        };
        let invited = Actor {
            editor_of_plan_versions: vec![VERSION],
            ..actor("member")
        };
        assert!(can(&invited, Action::EditPlanDraft, &draft));
        let other_draft = Resource {
            plan_version_id: Some(VERSION + 1),
            ..draft.clone()
        };
        assert!(!can(&invited, Action::EditPlanDraft, &other_draft));
        // Nor may they submit or publish, nor edit what they may not see.
        assert!(!can(&invited, Action::SubmitPlanVersion, &draft));
        let red = Resource {
            tlp: Tlp::Red,
            ..draft.clone()
        };
        assert!(!can(&invited, Action::EditPlanDraft, &red));
        // An invitation is personal: a colleague of the same organisation is not invited.
        assert!(!can(&actor("member"), Action::EditPlanDraft, &draft));
        // An invitation outside one's partnership counts for nothing.
        let outsider = Actor {
            member_of_partnership: Some(PARTNERSHIP + 1),
            ..invited
        };
        assert!(!can(&outsider, Action::EditPlanDraft, &draft));
    }

    #[test]
    fn red_is_for_named_recipients_only_even_for_operators() {
        let named = Resource {
            actor_is_named_recipient: true,
            ..record(Tlp::Red)
        };
        assert!(can(&actor("member"), Action::View, &named));
        assert!(can(&actor("chair"), Action::View, &named));
        assert!(!can(&actor("admin"), Action::View, &record(Tlp::Red)));
        assert!(!can(&actor("secretariat"), Action::View, &record(Tlp::Red)));
        assert!(
            !can(&actor("public"), Action::View, &named),
            "the public is never a recipient"
        );
    }

    #[test]
    fn membership_of_another_partnership_grants_nothing() {
        let elsewhere = Resource {
            partnership_id: 2,
            ..record(Tlp::Green)
        };
        for role in ROLES.iter().filter(|r| **r != "admin") {
            assert!(!can(&actor(role), Action::View, &elsewhere), "{role}");
        }
    }

    #[test]
    fn a_council_secretariat_manages_only_its_council_roster() {
        let council_staff = Actor {
            secretariat_of_councils: vec![COUNCIL],
            ..actor("member")
        };
        let council_record = Resource {
            council_id: Some(COUNCIL),
            working_group_id: None,
            ..record(Tlp::Green)
        };
        assert!(can(&council_staff, Action::ManageRoster, &council_record));
        let other = Resource {
            council_id: Some(6),
            ..council_record.clone()
        };
        assert!(!can(&council_staff, Action::ManageRoster, &other));
        assert!(!can(
            &council_staff,
            Action::PublishPlanVersion,
            &council_record
        ));
    }

    #[test]
    fn amber_reaches_a_council_through_its_seats() {
        let seated = Actor {
            organisation_in_councils: vec![COUNCIL],
            ..actor("convener")
        };
        let council_amber = Resource {
            council_id: Some(COUNCIL),
            working_group_id: None,
            owner_organisation_id: Some(999),
            ..record(Tlp::Amber)
        };
        assert!(can_see(&seated, &council_amber));
        assert!(!can_see(&actor("convener"), &council_amber));
    }
}
