//! The vocabularies of the partnership registry: organisations, councils, focal points.

use crate::vocabulary;

vocabulary! {
    /// Which side of the partnership an organisation is on.
    pub enum Side {
        /// Government bodies and regulators.
        Public => ("public", "Public"),
        /// Companies.
        Private => ("private", "Private"),
        /// ISACs, associations, academia, open-source communities.
        NonProfit => ("non_profit", "Non-profit"),
    }
}

vocabulary! {
    /// What an organisation is.
    pub enum OrganisationKind {
        /// A ministry or government agency.
        GovernmentAgency => ("government_agency", "Government agency"),
        /// A regulator.
        Regulator => ("regulator", "Regulator"),
        /// A hospital, clinic or care provider.
        HealthcareProvider => ("healthcare_provider", "Healthcare provider"),
        /// A medical device manufacturer.
        MedicalDeviceMaker => ("medical_device_maker", "Medical device maker"),
        /// A pharmaceutical company or laboratory.
        Pharmaceutical => ("pharmaceutical", "Pharmaceutical company"),
        /// A health IT or digital health vendor.
        HealthItVendor => ("health_it_vendor", "Health IT vendor"),
        /// A supplier in the supply chain.
        Supplier => ("supplier", "Supplier"),
        /// A health plan, payer or insurer.
        Insurer => ("insurer", "Insurer or payer"),
        /// An information sharing and analysis centre.
        Isac => ("isac", "ISAC"),
        /// A university or research body.
        Academic => ("academic", "Academic body"),
        /// A non-profit association.
        NonProfit => ("non_profit", "Non-profit association"),
        /// An open-source community.
        OpenSourceCommunity => ("open_source_community", "Open-source community"),
    }
}

vocabulary! {
    /// An organisation's size class (micro to medium are SMEs).
    pub enum SizeClass {
        /// Fewer than 10 people.
        Micro => ("micro", "Micro"),
        /// Fewer than 50 people.
        Small => ("small", "Small"),
        /// Fewer than 250 people.
        Medium => ("medium", "Medium"),
        /// 250 people or more.
        Large => ("large", "Large"),
    }
}

impl SizeClass {
    /// Micro, small and medium enterprises are SMEs.
    pub fn is_sme(self) -> bool {
        !matches!(self, SizeClass::Large)
    }
}

vocabulary! {
    /// The kind of a standing council.
    pub enum CouncilKind {
        /// Government Coordinating Council (public members).
        Gcc => ("gcc", "Government Coordinating Council"),
        /// Sector Coordinating Council (private and non-profit members).
        Scc => ("scc", "Sector Coordinating Council"),
        /// Any other standing body.
        Other => ("other", "Council"),
    }
}

vocabulary! {
    /// The kind of a designated contact.
    pub enum FocalPointKind {
        /// The one national focal point of the partnership.
        National => ("national_focal_point", "National focal point"),
        /// Liaison of the sector risk management agency.
        SrmaLiaison => ("srma_liaison", "Sector risk management agency liaison"),
        /// A senior cybersecurity expert appointed by industry.
        IndustrySeniorExpert => ("industry_senior_expert", "Industry senior cybersecurity expert"),
        /// Liaison of an ISAC.
        IsacLiaison => ("isac_liaison", "ISAC liaison"),
    }
}

/// An organisation's registry record, checked: what forms edit and the database stores.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OrganisationFields {
    /// Name, unique in the partnership.
    pub name: String,
    /// Short name or acronym (may be empty).
    pub short_name: String,
    /// What it is.
    pub kind: OrganisationKind,
    /// Public, private or non-profit.
    pub side: Side,
    /// Size class.
    pub size_class: SizeClass,
    /// ISO 3166 alpha-2 code, upper case.
    pub country: String,
    /// Sector segment (may be empty).
    pub segment: String,
    /// Web site, `https://…` or empty.
    pub website: String,
    /// Markdown.
    pub description: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn micro_small_and_medium_are_smes() {
        let smes: Vec<_> = SizeClass::ALL.iter().filter(|s| s.is_sme()).collect();
        assert_eq!(
            smes,
            [&SizeClass::Micro, &SizeClass::Small, &SizeClass::Medium]
        );
    }

    #[test]
    fn codes_match_the_database_check_constraints() {
        // The migrations hold these exact codes; a rename here needs a migration there.
        assert_eq!(FocalPointKind::National.code(), "national_focal_point");
        assert_eq!(
            OrganisationKind::OpenSourceCommunity.code(),
            "open_source_community"
        );
        assert_eq!(CouncilKind::Gcc.code(), "gcc");
    }
}
