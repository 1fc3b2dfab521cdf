//! Traffic Light Protocol 2.0 labels and the pure part of the visibility rule.
//!
//! Who may see a record depends on the label and on the viewer's relations to the record
//! (member of the partnership, of the owning organisation, of the owning body, named
//! recipient). Those relations are looked up by the server; the decision itself is here,
//! in one place, so that pages, server functions, exports and feeds agree.

use crate::vocabulary;

vocabulary! {
    /// A TLP 2.0 label. Ordered from the widest audience to the narrowest.
    pub enum Tlp {
        /// Everyone, including the public.
        Clear => ("clear", "TLP:CLEAR"),
        /// Every member of the partnership.
        Green => ("green", "TLP:GREEN"),
        /// Members of the owning organisation and of the owning council or working group.
        Amber => ("amber", "TLP:AMBER"),
        /// Members of the owning organisation only.
        AmberStrict => ("amber_strict", "TLP:AMBER+STRICT"),
        /// Named recipients only.
        Red => ("red", "TLP:RED"),
    }
}

impl Default for Tlp {
    /// New content is TLP:GREEN unless its author says otherwise.
    fn default() -> Self {
        Tlp::Green
    }
}

impl Tlp {
    /// Whether moving from `self` to `to` lowers the label (widens the audience), which only
    /// the secretariat may do, and which is audited.
    pub fn is_lowering_to(self, to: Tlp) -> bool {
        to < self
    }

    /// Text for the audience of this label, for people.
    pub const fn audience(self) -> &'static str {
        match self {
            Tlp::Clear => "Anyone may see this.",
            Tlp::Green => "Members of the partnership only.",
            Tlp::Amber => "The owning organisation and its council or working group only.",
            Tlp::AmberStrict => "The owning organisation only.",
            Tlp::Red => "Named recipients only.",
        }
    }
}

/// What the server knows about a viewer's relation to one record.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Relation {
    /// The viewer is a member (a person of a member organisation) of the record's partnership.
    pub partnership_member: bool,
    /// The viewer belongs to the organisation that owns the record.
    pub owning_organisation: bool,
    /// The viewer's organisation sits on the council or working group that owns the record.
    pub owning_body: bool,
    /// The viewer is a named recipient of the record.
    pub named_recipient: bool,
}

/// The TLP rule of DOMAIN.md: may a viewer with this relation see a record with this label?
pub fn may_see(label: Tlp, relation: Relation) -> bool {
    match label {
        Tlp::Clear => true,
        Tlp::Green => relation.partnership_member,
        Tlp::Amber => {
            relation.partnership_member && (relation.owning_organisation || relation.owning_body)
        }
        Tlp::AmberStrict => relation.partnership_member && relation.owning_organisation,
        Tlp::Red => relation.named_recipient,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_ordered_from_widest_to_narrowest() {
        assert!(Tlp::Clear < Tlp::Green);
        assert!(Tlp::Green < Tlp::Amber);
        assert!(Tlp::Amber < Tlp::AmberStrict);
        assert!(Tlp::AmberStrict < Tlp::Red);
    }

    #[test]
    fn lowering_is_only_towards_a_wider_audience() {
        assert!(Tlp::Red.is_lowering_to(Tlp::Green));
        assert!(!Tlp::Green.is_lowering_to(Tlp::Red));
        assert!(!Tlp::Amber.is_lowering_to(Tlp::Amber));
    }

    #[test]
    fn the_public_sees_only_clear() {
        let public = Relation::default();
        for label in Tlp::ALL {
            assert_eq!(may_see(*label, public), *label == Tlp::Clear, "{label}");
        }
    }

    #[test]
    fn a_member_of_another_organisation_sees_green_but_not_amber() {
        let member = Relation {
            partnership_member: true,
            ..Relation::default()
        };
        assert!(may_see(Tlp::Green, member));
        assert!(!may_see(Tlp::Amber, member));
        assert!(!may_see(Tlp::AmberStrict, member));
        assert!(!may_see(Tlp::Red, member));
    }

    #[test]
    fn amber_reaches_the_owning_body_but_amber_strict_does_not() {
        let body = Relation {
            partnership_member: true,
            owning_body: true,
            ..Relation::default()
        };
        assert!(may_see(Tlp::Amber, body));
        assert!(!may_see(Tlp::AmberStrict, body));
    }

    #[test]
    fn red_reaches_named_recipients_only_whatever_else_they_are() {
        let everything_but_named = Relation {
            partnership_member: true,
            owning_organisation: true,
            owning_body: true,
            named_recipient: false,
        };
        assert!(!may_see(Tlp::Red, everything_but_named));
        let named = Relation {
            named_recipient: true,
            ..Relation::default()
        };
        assert!(may_see(Tlp::Red, named));
    }

    #[test]
    fn the_badge_text_is_the_standard_one() {
        assert_eq!(Tlp::AmberStrict.label(), "TLP:AMBER+STRICT");
        assert_eq!(Tlp::AmberStrict.code(), "amber_strict");
    }
}
