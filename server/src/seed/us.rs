//! The US Healthcare and Public Health sector partnership (NIPP 2013 / CIPAC): HHS/ASPR as
//! Sector Risk Management Agency, CISA for national coordination, a Government and a Sector
//! Coordinating Council, the Joint Cybersecurity Working Group, a published Sector-Specific
//! Plan and a draft of its next version. Public bodies keep their real names; organisations
//! marked "(demo)", every person and every commitment are invented.

#![expect(
    clippy::needless_update,
    reason = "every record spreads its defaults, even one that sets every field, so that all records read alike"
)]

use super::spec::*;
use BallotChoice::{Abstain as A, No as N, Yes as Y};
use app::domain::Tlp;
use app::domain::motion::{BallotChoice, BallotMode, MotionOutcome, Threshold};
use app::domain::partnership::{
    CouncilKind, FocalPointKind, OrganisationKind as K, Side, SizeClass as S,
};
use app::domain::plan::CommitmentStatus as C;

/// The whole US partnership.
pub fn data() -> PartnershipData {
    PartnershipData {
        partnership: partnership(),
        organisations: organisations(),
        people: people(),
        grants: vec![
            GrantSpec {
                person: "secretariat@aspr.example",
                council: None,
                granted: When::At("2023-01-10 09:00"),
            },
            GrantSpec {
                person: "priya.natarajan@aspr.example",
                council: Some("gcc"),
                granted: When::At("2023-01-16 09:00"),
            },
        ],
        councils: councils(),
        groups: groups(),
        focal_points: focal_points(),
        plan: plan(),
        commitments: commitments(),
        motions: motions(),
        comments: comments(),
    }
}

fn partnership() -> PartnershipSpec {
    PartnershipSpec {
        slug: "us-hph",
        name: "US Healthcare and Public Health Sector Partnership",
        short_name: "US HPH",
        jurisdiction: "US",
        summary: "The public-private partnership of the US Healthcare and Public Health sector: \
                  federal, state and local agencies working with hospitals, manufacturers, payers, \
                  health IT companies and the sector's ISAC on cybersecurity and resilience.",
        description: "\
Healthcare and Public Health (HPH) is one of the sixteen US critical-infrastructure sectors. \
Its partnership follows the structure set out in the National Infrastructure Protection Plan \
(NIPP 2013): a **Government Coordinating Council** of federal, state and local partners and a \
**Sector Coordinating Council** of private and non-profit organisations, which deliberate \
together under the Critical Infrastructure Partnership Advisory Council (CIPAC) framework.

- **Sector Risk Management Agency:** the Department of Health and Human Services, acting \
through the Administration for Strategic Preparedness and Response (ASPR).
- **National coordination:** the Cybersecurity and Infrastructure Security Agency (CISA).
- **Industry segments:** direct patient care; pharmaceuticals, laboratories and blood; \
medical technology; health plans and payers; health IT; public health.

The two councils meet as the **Joint Cybersecurity Working Group** to write, adopt and follow \
up the sector's cybersecurity plan. Organisations of every size take part, from national \
hospital systems to a two-person device start-up and a volunteer open-source project.

*Demo data: organisations marked \"(demo)\", all people and all commitments are fictional.*",
        registered: When::At("2023-01-10 09:00"),
    }
}

const ORG: OrgSpec = OrgSpec {
    slug: "",
    name: "",
    short_name: "",
    kind: K::GovernmentAgency,
    side: Side::Public,
    size: S::Large,
    country: "US",
    segment: "",
    website: "",
    description: "",
};

const GOV: &str = "Government";
const CARE: &str = "Direct patient care";
const PHARMA: &str = "Pharmaceuticals, laboratories and blood";
const MEDTECH: &str = "Medical technology";
const PAYERS: &str = "Health plans and payers";
const HIT: &str = "Health information technology";
const PUBLIC_HEALTH: &str = "Public health";

fn organisations() -> Vec<OrgSpec> {
    let mut orgs = public_organisations();
    orgs.extend(private_organisations());
    orgs.extend(non_profit_organisations());
    orgs
}

fn public_organisations() -> Vec<OrgSpec> {
    vec![
        OrgSpec {
            slug: "hhs-aspr",
            name: "HHS Administration for Strategic Preparedness and Response",
            short_name: "HHS/ASPR",
            segment: GOV,
            website: "https://aspr.hhs.gov",
            description: "Leads the sector's partnership on behalf of HHS, the Sector Risk Management \
                          Agency, and runs the secretariat of the Government Coordinating Council.",
            ..ORG
        },
        OrgSpec {
            slug: "cisa",
            name: "Cybersecurity and Infrastructure Security Agency",
            short_name: "CISA",
            segment: GOV,
            website: "https://www.cisa.gov",
            description: "Coordinates critical-infrastructure security nationally and offers free \
                          scanning, advisories and incident support to the sector.",
            ..ORG
        },
        OrgSpec {
            slug: "fda",
            name: "U.S. Food and Drug Administration",
            short_name: "FDA",
            kind: K::Regulator,
            segment: GOV,
            website: "https://www.fda.gov",
            description: "Regulates medical devices, including their cybersecurity before and after \
                          they reach the market.",
            ..ORG
        },
        OrgSpec {
            slug: "cdc",
            name: "Centers for Disease Control and Prevention",
            short_name: "CDC",
            segment: PUBLIC_HEALTH,
            website: "https://www.cdc.gov",
            description: "The national public health agency; depends on secure data exchange with \
                          state and local health departments.",
            ..ORG
        },
        OrgSpec {
            slug: "cms",
            name: "Centers for Medicare & Medicaid Services",
            short_name: "CMS",
            segment: GOV,
            website: "https://www.cms.gov",
            description: "Runs the federal health coverage programmes and sets conditions of \
                          participation for hospitals.",
            ..ORG
        },
        OrgSpec {
            slug: "hhs-405d",
            name: "HHS 405(d) Program",
            short_name: "405(d)",
            size: S::Small,
            segment: GOV,
            website: "https://405d.hhs.gov",
            description: "The HHS office that maintains the Health Industry Cybersecurity Practices \
                          with industry and publishes guidance for organisations of every size.",
            ..ORG
        },
        OrgSpec {
            slug: "hhs-ocr",
            name: "HHS Office for Civil Rights",
            short_name: "OCR",
            kind: K::Regulator,
            segment: GOV,
            website: "https://www.hhs.gov/ocr",
            description: "Enforces the HIPAA Privacy, Security and Breach Notification Rules.",
            ..ORG
        },
        OrgSpec {
            slug: "astp-onc",
            name: "Assistant Secretary for Technology Policy / Office of the National Coordinator for Health IT",
            short_name: "ASTP/ONC",
            kind: K::Regulator,
            size: S::Medium,
            segment: GOV,
            website: "https://www.healthit.gov",
            description: "Sets certification criteria for health IT and promotes interoperable, \
                          secure data exchange.",
            ..ORG
        },
        OrgSpec {
            slug: "state-health",
            name: "State Department of Health (demo)",
            short_name: "State DOH",
            segment: PUBLIC_HEALTH,
            description: "A state health department standing in for the state members of the GCC.",
            ..ORG
        },
        OrgSpec {
            slug: "county-health",
            name: "Riverbend County Health Department (demo)",
            short_name: "Riverbend CHD",
            size: S::Medium,
            segment: PUBLIC_HEALTH,
            description: "A county health department serving a mixed urban and rural population.",
            ..ORG
        },
        OrgSpec {
            slug: "city-health",
            name: "Harbor City Public Health (demo)",
            short_name: "HCPH",
            size: S::Medium,
            segment: PUBLIC_HEALTH,
            description: "A big-city public health department running clinics and disease surveillance.",
            ..ORG
        },
        OrgSpec {
            slug: "rural-district",
            name: "Prairie Rural Hospital District (demo)",
            short_name: "Prairie RHD",
            kind: K::HealthcareProvider,
            size: S::Small,
            segment: CARE,
            description: "A public hospital district running two critical-access hospitals with a \
                          three-person IT team.",
            ..ORG
        },
    ]
}

fn private_organisations() -> Vec<OrgSpec> {
    let private = OrgSpec {
        side: Side::Private,
        kind: K::HealthcareProvider,
        segment: CARE,
        ..ORG
    };
    vec![
        OrgSpec {
            slug: "lakeview",
            name: "Lakeview Health System (demo)",
            short_name: "Lakeview",
            website: "https://lakeview.example",
            description: "A regional system of nine hospitals and sixty clinics.",
            ..private
        },
        OrgSpec {
            slug: "summit",
            name: "Summit Regional Medical Center (demo)",
            short_name: "Summit RMC",
            size: S::Medium,
            description: "An independent community hospital with 180 beds.",
            ..private
        },
        OrgSpec {
            slug: "cedar-clinic",
            name: "Cedar Valley Family Clinic (demo)",
            short_name: "Cedar Valley",
            size: S::Micro,
            description: "A family practice with two physicians and four staff; IT is outsourced.",
            ..private
        },
        OrgSpec {
            slug: "meridian",
            name: "Meridian Children's Hospital (demo)",
            short_name: "Meridian",
            description: "A paediatric academic medical centre.",
            ..private
        },
        OrgSpec {
            slug: "northwind",
            name: "Northwind Pharmaceuticals (demo)",
            short_name: "Northwind",
            kind: K::Pharmaceutical,
            segment: PHARMA,
            description: "A manufacturer of generic and speciality medicines with plants in four states.",
            ..private
        },
        OrgSpec {
            slug: "keystone-labs",
            name: "Keystone Clinical Laboratories (demo)",
            short_name: "Keystone Labs",
            kind: K::Pharmaceutical,
            size: S::Medium,
            segment: PHARMA,
            description: "A reference laboratory network processing samples for 300 hospitals.",
            ..private
        },
        OrgSpec {
            slug: "genotrace",
            name: "GenoTrace Diagnostics (demo)",
            short_name: "GenoTrace",
            kind: K::Pharmaceutical,
            size: S::Small,
            segment: PHARMA,
            description: "A genomic testing laboratory founded in 2019.",
            ..private
        },
        OrgSpec {
            slug: "apex",
            name: "Apex Medical Devices (demo)",
            short_name: "Apex",
            kind: K::MedicalDeviceMaker,
            segment: MEDTECH,
            description: "Makes imaging systems, patient monitors and infusion systems sold worldwide.",
            ..private
        },
        OrgSpec {
            slug: "pulsewave",
            name: "PulseWave Monitoring (demo)",
            short_name: "PulseWave",
            kind: K::MedicalDeviceMaker,
            size: S::Medium,
            segment: MEDTECH,
            description: "Makes networked bedside and remote patient monitoring systems.",
            ..private
        },
        OrgSpec {
            slug: "infusense",
            name: "InfuSense (demo)",
            kind: K::MedicalDeviceMaker,
            size: S::Small,
            segment: MEDTECH,
            description: "A small maker of ambulatory infusion pumps, many of them a decade old in the field.",
            ..private
        },
        OrgSpec {
            slug: "cardiolink",
            name: "CardioLink Labs (demo)",
            short_name: "CardioLink",
            kind: K::MedicalDeviceMaker,
            size: S::Micro,
            segment: MEDTECH,
            description: "A start-up of six people building a wearable cardiac patch and its phone app.",
            ..private
        },
        OrgSpec {
            slug: "bluestone",
            name: "Bluestone Health Plan (demo)",
            short_name: "Bluestone",
            kind: K::Insurer,
            segment: PAYERS,
            description: "A health plan covering four million members.",
            ..private
        },
        OrgSpec {
            slug: "community-mutual",
            name: "Community Mutual Health Cooperative (demo)",
            short_name: "Community Mutual",
            kind: K::Insurer,
            size: S::Medium,
            segment: PAYERS,
            description: "A member-owned regional health insurer.",
            ..private
        },
        OrgSpec {
            slug: "chartwell",
            name: "Chartwell Health Records (demo)",
            short_name: "Chartwell",
            kind: K::HealthItVendor,
            segment: HIT,
            description: "Provides a hosted electronic health record to community hospitals.",
            ..private
        },
        OrgSpec {
            slug: "telecura",
            name: "TeleCura (demo)",
            kind: K::HealthItVendor,
            size: S::Small,
            segment: HIT,
            description: "A telehealth platform for behavioural health practices.",
            ..private
        },
        OrgSpec {
            slug: "medsecure",
            name: "MedSecure Managed Services (demo)",
            short_name: "MedSecure",
            kind: K::Supplier,
            size: S::Small,
            segment: HIT,
            description: "A managed security service provider specialised in small hospitals.",
            ..private
        },
        OrgSpec {
            slug: "sterling",
            name: "Sterling Medical Supply (demo)",
            short_name: "Sterling",
            kind: K::Supplier,
            size: S::Medium,
            segment: "Supply chain",
            description: "Distributes medical and surgical supplies to hospitals and clinics.",
            ..private
        },
    ]
}

fn non_profit_organisations() -> Vec<OrgSpec> {
    let non_profit = OrgSpec {
        side: Side::NonProfit,
        kind: K::NonProfit,
        ..ORG
    };
    vec![
        OrgSpec {
            slug: "health-isac",
            name: "Health-ISAC",
            kind: K::Isac,
            size: S::Medium,
            segment: "Information sharing",
            website: "https://health-isac.org",
            description: "A member-driven non-profit that shares intelligence on cyber and physical \
                          threats among healthcare organisations.",
            ..non_profit
        },
        OrgSpec {
            slug: "blood-alliance",
            name: "Tri-State Blood Alliance (demo)",
            short_name: "TSBA",
            size: S::Medium,
            segment: PHARMA,
            description: "A non-profit blood service supplying 90 hospitals.",
            ..non_profit
        },
        OrgSpec {
            slug: "rural-alliance",
            name: "Rural Hospital Cyber Alliance (demo)",
            short_name: "RHCA",
            size: S::Small,
            segment: CARE,
            description: "An association pooling cybersecurity help for rural and critical-access hospitals.",
            ..non_profit
        },
        OrgSpec {
            slug: "university",
            name: "Great Lakes University Medical Device Security Center (demo)",
            short_name: "GLU MDSC",
            kind: K::Academic,
            segment: MEDTECH,
            description: "A university research centre with a device security test bed open to industry.",
            ..non_profit
        },
        OrgSpec {
            slug: "openpacs",
            name: "OpenPACS Community (demo)",
            short_name: "OpenPACS",
            kind: K::OpenSourceCommunity,
            size: S::Micro,
            segment: MEDTECH,
            website: "https://openpacs.example",
            description: "A volunteer open-source community maintaining a medical-imaging archive and \
                          DICOM viewer used by small hospitals and research groups.",
            ..non_profit
        },
    ]
}

/// People as (organisation, e-mail, name, job title).
#[rustfmt::skip]
const PEOPLE: &[(&str, &str, &str, &str)] = &[
    ("hhs-aspr", "secretariat@aspr.example", "Dana Whitfield", "Partnership Secretariat Lead"),
    ("hhs-aspr", "convener@aspr.example", "Elena Ruiz", "Director, HPH Cybersecurity Programme"),
    ("hhs-aspr", "thomas.greaves@aspr.example", "Thomas Greaves", "Sector Cybersecurity Coordinator"),
    ("hhs-aspr", "priya.natarajan@aspr.example", "Priya Natarajan", "Senior Policy Advisor"),
    ("hhs-aspr", "robert.kline@aspr.example", "Robert Kline", "Senior Advisor (former focal point)"),
    ("cisa", "jordan.park@cisa.example", "Jordan Park", "Healthcare Sector Liaison"),
    ("cisa", "michelle.okafor@cisa.example", "Michelle Okafor", "Vulnerability Management Analyst"),
    ("fda", "samuel.hart@fda.example", "Samuel Hart", "Medical Device Cybersecurity Lead"),
    ("fda", "lisa.tran@fda.example", "Lisa Tran", "Premarket Review Scientist"),
    ("cdc", "karen.alvarez@cdc.example", "Karen Alvarez", "Public Health Informatics Security Officer"),
    ("cdc", "daniel.yoon@cdc.example", "Daniel Yoon", "Emergency Operations Planner"),
    ("cms", "patricia.nguyen@cms.example", "Patricia Nguyen", "Director, Provider Resilience"),
    ("cms", "gregory.shaw@cms.example", "Gregory Shaw", "Cybersecurity Policy Analyst"),
    ("hhs-405d", "rachel.donovan@405d.example", "Rachel Donovan", "Program Lead"),
    ("hhs-405d", "omar.haddad@405d.example", "Omar Haddad", "Outreach Coordinator"),
    ("hhs-ocr", "beatrice.collins@ocr.example", "Beatrice Collins", "Senior Advisor, HIPAA Security"),
    ("hhs-ocr", "victor.ramos@ocr.example", "Victor Ramos", "Investigator"),
    ("astp-onc", "helen.fischer@onc.example", "Helen Fischer", "Chief Privacy and Security Officer"),
    ("astp-onc", "kwame.mensah@onc.example", "Kwame Mensah", "Health IT Security Analyst"),
    ("state-health", "laura.jensen@statehealth.example", "Laura Jensen", "Chief Information Security Officer"),
    ("state-health", "carlos.medina@statehealth.example", "Carlos Medina", "Preparedness Director"),
    ("county-health", "nancy.brooks@riverbend.example", "Nancy Brooks", "Health Officer"),
    ("county-health", "eric.lindqvist@riverbend.example", "Eric Lindqvist", "IT Manager"),
    ("city-health", "aisha.rahman@harborcity.example", "Aisha Rahman", "Deputy Commissioner"),
    ("city-health", "paul.dubois@harborcity.example", "Paul Dubois", "Information Security Manager"),
    ("rural-district", "wesley.grant@prairiedistrict.example", "Wesley Grant", "District IT Manager"),
    ("rural-district", "jenna.howell@prairiedistrict.example", "Jenna Howell", "Chief Nursing Officer"),
    ("lakeview", "representative@lakeview.example", "Sandra Kowalski", "Chief Information Security Officer"),
    ("lakeview", "ben.adeyemi@lakeview.example", "Ben Adeyemi", "Director, Security Operations"),
    ("summit", "frank.molina@summitregional.example", "Frank Molina", "Chief Information Officer"),
    ("summit", "grace.liu@summitregional.example", "Grace Liu", "Information Security Manager"),
    ("cedar-clinic", "hannah.reyes@cedarvalley.example", "Hannah Reyes", "Physician and Practice Owner"),
    ("cedar-clinic", "tom.ellis@cedarvalley.example", "Tom Ellis", "Practice Manager"),
    ("meridian", "olivia.brennan@meridian.example", "Olivia Brennan", "Chief Information Security Officer"),
    ("meridian", "raj.malhotra@meridian.example", "Raj Malhotra", "Clinical Engineering Manager"),
    ("northwind", "stefan.novak@northwind.example", "Stefan Novak", "Vice President, Global Cybersecurity"),
    ("northwind", "emily.carter@northwind.example", "Emily Carter", "Manufacturing Security Lead"),
    ("keystone-labs", "michael.osei@keystonelabs.example", "Michael Osei", "Chief Technology Officer"),
    ("keystone-labs", "julia.romano@keystonelabs.example", "Julia Romano", "Laboratory Systems Manager"),
    ("genotrace", "nina.petrov@genotrace.example", "Nina Petrov", "Chief Operating Officer"),
    ("genotrace", "alex.kim@genotrace.example", "Alex Kim", "IT and Security Engineer"),
    ("apex", "karl.lindgren@apexmed.example", "Karl Lindgren", "Head of Product Security"),
    ("apex", "sophie.martin@apexmed.example", "Sophie Martin", "Director, Regulatory Cybersecurity"),
    ("apex", "member@apexmed.example", "Chris Doyle", "Regulatory Affairs Specialist"),
    ("pulsewave", "diego.fernandez@pulsewave.example", "Diego Fernandez", "Chief Executive Officer"),
    ("pulsewave", "mei.chen@pulsewave.example", "Mei Chen", "Product Security Manager"),
    ("infusense", "ingrid.solberg@infusense.example", "Ingrid Solberg", "Chief Technology Officer"),
    ("infusense", "marco.rossi@infusense.example", "Marco Rossi", "Quality and Regulatory Lead"),
    ("cardiolink", "tariq.hassan@cardiolink.example", "Tariq Hassan", "Co-founder and CTO"),
    ("cardiolink", "zoe.walsh@cardiolink.example", "Zoe Walsh", "Co-founder and CEO"),
    ("bluestone", "richard.hale@bluestone.example", "Richard Hale", "Chief Information Security Officer"),
    ("bluestone", "yasmin.farouk@bluestone.example", "Yasmin Farouk", "Third-Party Risk Director"),
    ("community-mutual", "linda.sorensen@communitymutual.example", "Linda Sorensen", "Chief Operating Officer"),
    ("community-mutual", "james.oneill@communitymutual.example", "James O'Neill", "IT Security Analyst"),
    ("chartwell", "marcus.oyelaran@chartwell.example", "Marcus Oyelaran", "Chief Security Officer"),
    ("chartwell", "rebecca.stone@chartwell.example", "Rebecca Stone", "Customer Security Programme Lead"),
    ("telecura", "ahmed.saleh@telecura.example", "Ahmed Saleh", "Chief Technology Officer"),
    ("telecura", "claire.dupont@telecura.example", "Claire Dupont", "Compliance Manager"),
    ("medsecure", "ivan.petrovic@medsecure.example", "Ivan Petrovic", "Managing Director"),
    ("medsecure", "hana.sato@medsecure.example", "Hana Sato", "SOC Lead"),
    ("sterling", "george.whitaker@sterlingsupply.example", "George Whitaker", "Vice President, Operations"),
    ("sterling", "maria.santos@sterlingsupply.example", "Maria Santos", "Supplier Quality Manager"),
    ("health-isac", "erin.caldwell@healthisac.example", "Erin Caldwell", "Director, Partnership Engagement"),
    ("health-isac", "noah.fischer@healthisac.example", "Noah Fischer", "Threat Intelligence Lead"),
    ("blood-alliance", "patrick.murphy@tristateblood.example", "Patrick Murphy", "IT Director"),
    ("blood-alliance", "esther.cohen@tristateblood.example", "Esther Cohen", "Business Continuity Manager"),
    ("rural-alliance", "dolores.vega@ruralcyber.example", "Dolores Vega", "Executive Director"),
    ("rural-alliance", "sam.whitehorse@ruralcyber.example", "Sam Whitehorse", "Programme Manager"),
    ("university", "amara.obi@greatlakes.example", "Amara Obi", "Professor and Center Director"),
    ("university", "lukas.weber@greatlakes.example", "Lukas Weber", "Test Bed Manager"),
    ("openpacs", "felix.andersson@openpacs.example", "Felix Andersson", "Lead Maintainer"),
    ("openpacs", "rosa.jimenez@openpacs.example", "Rosa Jimenez", "Security Team Coordinator"),
];

/// The demo accounts of this partnership and what each one shows.
const DEMO_ROLES: &[(&str, &str)] = &[
    ("secretariat@aspr.example", "secretariat (US)"),
    ("convener@aspr.example", "convener (US)"),
    ("representative@lakeview.example", "representative (US)"),
    ("member@apexmed.example", "member (US)"),
    // Representatives of voting organisations of the joint working group, to try a vote
    // from both sides (and a proxy and a recusal).
    ("jordan.park@cisa.example", "voter, public side (US)"),
    (
        "grace.liu@summitregional.example",
        "voter, private side (US)",
    ),
    ("emily.carter@northwind.example", "voter, private side (US)"),
    (
        "yasmin.farouk@bluestone.example",
        "voter, private side (US)",
    ),
    (
        "rebecca.stone@chartwell.example",
        "voter, private side (US)",
    ),
];

fn people() -> Vec<PersonSpec> {
    PEOPLE
        .iter()
        .map(|&(org, email, name, title)| PersonSpec {
            org,
            email,
            name,
            title,
            demo_role: DEMO_ROLES
                .iter()
                .find(|(e, _)| *e == email)
                .map(|(_, role)| *role),
        })
        .collect()
}

#[rustfmt::skip]
fn councils() -> Vec<CouncilSpec> {
    vec![
        CouncilSpec {
            slug: "gcc",
            name: "Government Coordinating Council",
            short_name: "HPH GCC",
            kind: CouncilKind::Gcc,
            description: "Federal, state and local government partners of the sector. The GCC \
                          coordinates government programmes for the sector and, with the SCC, sets \
                          the partnership's priorities. HHS/ASPR chairs it and runs its secretariat.",
            chair: "thomas.greaves@aspr.example",
            secretariat: Some("hhs-aspr"),
            seats: vec![
                seat("hhs-aspr", "thomas.greaves@aspr.example", Some("priya.natarajan@aspr.example"), "2023-01-15"),
                seat("cisa", "jordan.park@cisa.example", Some("michelle.okafor@cisa.example"), "2023-01-15"),
                seat("fda", "samuel.hart@fda.example", Some("lisa.tran@fda.example"), "2023-01-15"),
                seat("cdc", "karen.alvarez@cdc.example", Some("daniel.yoon@cdc.example"), "2023-03-01"),
                seat("cms", "patricia.nguyen@cms.example", Some("gregory.shaw@cms.example"), "2023-03-01"),
                seat("hhs-405d", "rachel.donovan@405d.example", Some("omar.haddad@405d.example"), "2023-01-15"),
                seat("hhs-ocr", "beatrice.collins@ocr.example", None, "2023-06-01"),
                seat("astp-onc", "helen.fischer@onc.example", Some("kwame.mensah@onc.example"), "2024-02-01"),
                seat("state-health", "laura.jensen@statehealth.example", Some("carlos.medina@statehealth.example"), "2023-09-01"),
                seat("county-health", "eric.lindqvist@riverbend.example", None, "2023-03-01").until("2023-12-31"),
                seat("county-health", "nancy.brooks@riverbend.example", None, "2024-01-10"),
                seat("city-health", "aisha.rahman@harborcity.example", Some("paul.dubois@harborcity.example"), "2024-05-01"),
                seat("rural-district", "wesley.grant@prairiedistrict.example", None, "2025-01-15"),
            ],
        },
        CouncilSpec {
            slug: "hscc",
            name: "Health Sector Coordinating Council",
            short_name: "HSCC",
            kind: CouncilKind::Scc,
            description: "The industry side of the partnership: hospitals, manufacturers, payers, \
                          health IT companies, suppliers and non-profits across every segment of \
                          the sector, from national systems to micro start-ups.",
            chair: "stefan.novak@northwind.example",
            secretariat: None,
            seats: vec![
                seat("lakeview", "representative@lakeview.example", Some("ben.adeyemi@lakeview.example"), "2023-02-01"),
                seat("summit", "frank.molina@summitregional.example", Some("grace.liu@summitregional.example"), "2023-02-01"),
                seat("cedar-clinic", "hannah.reyes@cedarvalley.example", None, "2024-06-01"),
                seat("meridian", "olivia.brennan@meridian.example", Some("raj.malhotra@meridian.example"), "2023-05-01"),
                seat("northwind", "stefan.novak@northwind.example", Some("emily.carter@northwind.example"), "2023-02-01"),
                seat("keystone-labs", "michael.osei@keystonelabs.example", None, "2023-08-15"),
                seat("genotrace", "nina.petrov@genotrace.example", Some("alex.kim@genotrace.example"), "2025-02-01"),
                seat("apex", "karl.lindgren@apexmed.example", Some("sophie.martin@apexmed.example"), "2023-02-01"),
                seat("pulsewave", "diego.fernandez@pulsewave.example", Some("mei.chen@pulsewave.example"), "2023-04-01"),
                seat("infusense", "ingrid.solberg@infusense.example", None, "2024-03-01"),
                seat("cardiolink", "tariq.hassan@cardiolink.example", Some("zoe.walsh@cardiolink.example"), "2024-09-01"),
                seat("bluestone", "richard.hale@bluestone.example", Some("yasmin.farouk@bluestone.example"), "2023-02-01"),
                seat("community-mutual", "linda.sorensen@communitymutual.example", None, "2024-01-15"),
                seat("chartwell", "marcus.oyelaran@chartwell.example", Some("rebecca.stone@chartwell.example"), "2023-02-01"),
                seat("telecura", "ahmed.saleh@telecura.example", None, "2023-06-01").until("2025-12-31"),
                seat("medsecure", "ivan.petrovic@medsecure.example", Some("hana.sato@medsecure.example"), "2024-04-01"),
                seat("sterling", "george.whitaker@sterlingsupply.example", Some("maria.santos@sterlingsupply.example"), "2023-10-01"),
                seat("health-isac", "erin.caldwell@healthisac.example", Some("noah.fischer@healthisac.example"), "2023-02-01"),
                seat("blood-alliance", "patrick.murphy@tristateblood.example", None, "2023-07-01"),
                seat("rural-alliance", "dolores.vega@ruralcyber.example", Some("sam.whitehorse@ruralcyber.example"), "2024-02-15"),
                seat("university", "amara.obi@greatlakes.example", Some("lukas.weber@greatlakes.example"), "2023-09-01"),
                seat("openpacs", "felix.andersson@openpacs.example", Some("rosa.jimenez@openpacs.example"), "2024-10-01"),
            ],
        },
    ]
}

const JOINT_CHARTER: &str = "\
## Purpose

The Joint Cybersecurity Working Group (JCWG) is where the Government and Sector Coordinating \
Councils work on cybersecurity together. It drafts and adopts the cybersecurity parts of the \
Sector-Specific Plan, follows up members' commitments, and runs task groups on specific problems.

## Membership

- Any member organisation of either council may join; membership costs nothing.
- Each member names a **principal** and may name an **alternate**; either may vote.
- Academic bodies and some agencies sit as **observers**, without a vote.

## Leadership

Two conveners lead the group: one from government, one from industry, each for a renewable \
two-year term. They open and close motions and chair meetings together.

## Decisions

- Motions are open for at least seven days.
- **Quorum:** half of the voting members, unless a motion sets a higher one.
- **Adopting a plan version** needs a two-thirds majority that holds among government members \
and among industry members separately (dual majority), by roll call.
- Appointments may be decided by anonymous ballot.
- A member with a conflict of interest declares it and does not vote.

## Information sharing

Working documents carry a TLP label; the default is TLP:GREEN. Adopted plan versions are \
published as TLP:CLEAR unless a part of them needs a narrower audience.";

#[rustfmt::skip]
fn groups() -> Vec<GroupSpec> {
    vec![
        GroupSpec {
            slug: "joint-cwg",
            name: "Joint Cybersecurity Working Group",
            short_name: "JCWG",
            council: None,
            summary: "Government and industry members of both councils working on the sector's \
                      cybersecurity plan, commitments and task groups.",
            charter: JOINT_CHARTER,
            charter_tlp: Tlp::Clear,
            conveners: vec![
                ConvenerSpec { person: "stefan.novak@northwind.example", side: Side::Private, start: "2022-01-01", end: Some("2023-12-31") },
                ConvenerSpec { person: "convener@aspr.example", side: Side::Public, start: "2024-01-01", end: None },
                ConvenerSpec { person: "marcus.oyelaran@chartwell.example", side: Side::Private, start: "2024-01-01", end: None },
            ],
            seats: vec![
                seat("hhs-aspr", "convener@aspr.example", Some("priya.natarajan@aspr.example"), "2023-03-01"),
                seat("cisa", "jordan.park@cisa.example", Some("michelle.okafor@cisa.example"), "2023-03-01"),
                seat("fda", "samuel.hart@fda.example", Some("lisa.tran@fda.example"), "2023-03-01"),
                seat("cms", "gregory.shaw@cms.example", Some("patricia.nguyen@cms.example"), "2023-03-01"),
                seat("hhs-405d", "omar.haddad@405d.example", Some("rachel.donovan@405d.example"), "2023-03-01"),
                seat("state-health", "laura.jensen@statehealth.example", Some("carlos.medina@statehealth.example"), "2023-10-01"),
                seat("lakeview", "representative@lakeview.example", Some("ben.adeyemi@lakeview.example"), "2023-03-01"),
                seat("summit", "grace.liu@summitregional.example", Some("frank.molina@summitregional.example"), "2023-03-01"),
                seat("northwind", "emily.carter@northwind.example", Some("stefan.novak@northwind.example"), "2023-03-01"),
                seat("apex", "sophie.martin@apexmed.example", Some("karl.lindgren@apexmed.example"), "2023-03-01"),
                seat("pulsewave", "mei.chen@pulsewave.example", Some("diego.fernandez@pulsewave.example"), "2023-04-15"),
                seat("cardiolink", "zoe.walsh@cardiolink.example", Some("tariq.hassan@cardiolink.example"), "2024-09-15"),
                seat("bluestone", "yasmin.farouk@bluestone.example", Some("richard.hale@bluestone.example"), "2023-03-01"),
                seat("chartwell", "rebecca.stone@chartwell.example", Some("marcus.oyelaran@chartwell.example"), "2023-03-01"),
                seat("telecura", "ahmed.saleh@telecura.example", Some("claire.dupont@telecura.example"), "2023-06-15").until("2025-12-31"),
                seat("health-isac", "noah.fischer@healthisac.example", Some("erin.caldwell@healthisac.example"), "2023-03-01"),
                seat("openpacs", "rosa.jimenez@openpacs.example", Some("felix.andersson@openpacs.example"), "2024-10-15"),
                seat("university", "lukas.weber@greatlakes.example", Some("amara.obi@greatlakes.example"), "2023-09-15").observer(),
                seat("astp-onc", "kwame.mensah@onc.example", None, "2024-03-01").observer(),
            ],
        },
        GroupSpec {
            slug: "mdsec-task-group",
            name: "Medical Device Security Task Group",
            short_name: "MDS TG",
            council: Some("hscc"),
            summary: "Device makers, hospitals and researchers working on secure design, SBOMs, \
                      coordinated disclosure and the care of legacy devices.",
            charter: "\
## Purpose

Practical guidance on medical device security that a small manufacturer can apply as readily \
as a large one: secure development, software bills of materials, vulnerability disclosure, and \
support for devices that stay in use long after their makers stop updating them.

## Working method

Monthly calls, drafts shared as TLP:GREEN, final guidance published as TLP:CLEAR. Hospitals \
and clinical engineers take part so that guidance reflects how devices are actually run.",
            charter_tlp: Tlp::Green,
            conveners: vec![ConvenerSpec { person: "karl.lindgren@apexmed.example", side: Side::Private, start: "2023-06-01", end: None }],
            seats: vec![
                seat("apex", "karl.lindgren@apexmed.example", Some("sophie.martin@apexmed.example"), "2023-06-01"),
                seat("pulsewave", "diego.fernandez@pulsewave.example", Some("mei.chen@pulsewave.example"), "2023-06-01"),
                seat("infusense", "ingrid.solberg@infusense.example", Some("marco.rossi@infusense.example"), "2024-03-15"),
                seat("cardiolink", "tariq.hassan@cardiolink.example", None, "2024-09-15"),
                seat("meridian", "raj.malhotra@meridian.example", None, "2023-06-01"),
                seat("lakeview", "ben.adeyemi@lakeview.example", None, "2023-06-01"),
                seat("openpacs", "felix.andersson@openpacs.example", None, "2024-10-15"),
                seat("university", "amara.obi@greatlakes.example", None, "2023-09-15").observer(),
            ],
        },
    ]
}

fn focal_points() -> Vec<FocalPointSpec> {
    let channel = "hph-partnership@aspr.example";
    vec![
        FocalPointSpec {
            key: "nfp-2021",
            kind: FocalPointKind::National,
            person: "robert.kline@aspr.example",
            scope: Scope::Partnership,
            title: "National focal point for HPH sector cybersecurity",
            start: "2021-10-01",
            end: Some("2024-03-31"),
            public_channel: channel,
            phone: "+1 202 555 0107",
            contact_tlp: Tlp::Green,
        },
        FocalPointSpec {
            key: "nfp",
            kind: FocalPointKind::National,
            person: "thomas.greaves@aspr.example",
            scope: Scope::Partnership,
            title: "National focal point for HPH sector cybersecurity",
            start: "2024-04-01",
            end: None,
            public_channel: channel,
            phone: "+1 202 555 0110",
            contact_tlp: Tlp::Green,
        },
        FocalPointSpec {
            key: "srma",
            kind: FocalPointKind::SrmaLiaison,
            person: "priya.natarajan@aspr.example",
            scope: Scope::Council("gcc"),
            title: "SRMA liaison to CISA and the GCC",
            start: "2024-04-01",
            end: None,
            public_channel: channel,
            phone: "+1 202 555 0113",
            contact_tlp: Tlp::Green,
        },
        FocalPointSpec {
            key: "expert-lakeview",
            kind: FocalPointKind::IndustrySeniorExpert,
            person: "representative@lakeview.example",
            scope: Scope::Partnership,
            title: "Industry senior cybersecurity expert (care delivery)",
            start: "2024-02-01",
            end: None,
            public_channel: "hscc-experts@lakeview.example",
            phone: "+1 312 555 0142",
            contact_tlp: Tlp::Green,
        },
        FocalPointSpec {
            key: "expert-apex",
            kind: FocalPointKind::IndustrySeniorExpert,
            person: "karl.lindgren@apexmed.example",
            scope: Scope::Group("mdsec-task-group"),
            title: "Industry senior cybersecurity expert (medical technology)",
            start: "2025-09-15",
            end: None,
            public_channel: "product-security@apexmed.example",
            phone: "+1 612 555 0188",
            contact_tlp: Tlp::Amber,
        },
        FocalPointSpec {
            key: "isac",
            kind: FocalPointKind::IsacLiaison,
            person: "erin.caldwell@healthisac.example",
            scope: Scope::Group("joint-cwg"),
            title: "Health-ISAC liaison to the Joint Cybersecurity Working Group",
            start: "2023-06-01",
            end: None,
            public_channel: "partners@healthisac.example",
            phone: "+1 404 555 0175",
            contact_tlp: Tlp::Green,
        },
    ]
}

// ----- the Sector-Specific Plan -----

fn plan() -> PlanSpec {
    PlanSpec {
        title: "Healthcare and Public Health Sector-Specific Plan",
        group: "joint-cwg",
        versions: vec![version_1(), version_2()],
    }
}

fn version_1() -> VersionSpec {
    VersionSpec {
        number: 1,
        title: "HPH Sector-Specific Plan 2025",
        summary: "The sector's first jointly adopted cybersecurity plan: the HHS performance goals \
                  as shared targets, the Health Industry Cybersecurity Practices as the way to \
                  reach them, and a safety net for organisations that cannot do it alone.",
        tlp: Tlp::Clear,
        created_by: "secretariat@aspr.example",
        created: When::At("2024-11-04 09:30"),
        based_on: None,
        submitted: Some(When::At("2025-04-22 16:00")),
        published: Some(When::At("2025-06-02 15:00")),
        editors: vec![],
        sections: sections_v1(),
        goals: goals_v1(),
        edits: vec![],
    }
}

fn version_2() -> VersionSpec {
    let mut goals = goals_v1();
    for goal in &mut goals {
        for objective in &mut goal.objectives {
            if objective.key == "G1.O7" {
                objective.title = "Incident planning, preparedness and exercises";
                objective.description = "Every organisation keeps a written incident response plan, \
                    including downtime procedures for clinical systems, and tests it at least once a \
                    year in an exercise that involves clinical as well as IT staff.";
            }
        }
        if goal.key == "G4" {
            goal.objectives.push(ObjectiveSpec {
                key: "G4.O6",
                title: "Grow the health-sector cybersecurity workforce",
                description: "Apprenticeships, shared analysts and training placements so that \
                              small and rural organisations can recruit and keep security staff.",
                tlp: Tlp::Green,
                owner: None,
                measures: vec![count(
                    "Apprentices placed with small or rural organisations",
                    0.0,
                    60.0,
                    "people",
                    "2028-06-30",
                )],
            });
        }
    }
    VersionSpec {
        number: 2,
        title: "HPH Sector-Specific Plan 2027 (draft)",
        summary: "Revision of the 2025 plan: an updated risk landscape, exercises added to incident \
                  planning and a new workforce objective.",
        tlp: Tlp::Green,
        created_by: "secretariat@aspr.example",
        created: When::At("2026-09-14 09:00"),
        based_on: Some(1),
        submitted: None,
        published: None,
        editors: vec![
            "representative@lakeview.example",
            "noah.fischer@healthisac.example",
        ],
        sections: sections_v1(),
        goals,
        edits: vec![EditSpec {
            section: "risk-landscape",
            body: RISK_LANDSCAPE_2026,
            author: "noah.fischer@healthisac.example",
            at: When::At("2026-10-06 14:20"),
        }],
    }
}

const SECTION: SectionSpec = SectionSpec {
    key: "",
    title: "",
    body: "",
    tlp: Tlp::Clear,
    owner: None,
    recipients: Vec::new(),
};

fn sections_v1() -> Vec<SectionSpec> {
    vec![
        SectionSpec {
            key: "overview",
            title: "Sector overview and unique operating conditions",
            body: "\
Healthcare cannot stop. Hospitals run around the clock, and when their systems fail, care slows \
down, ambulances are diverted and patients are put at risk: in this sector **cyber safety is \
patient safety**.

Several conditions make the sector harder to protect than most:

- **Long-lived equipment.** Imaging systems, infusion pumps and monitors stay in service for ten \
years or more, often on operating systems their makers no longer support.
- **Thin margins.** Many community, rural and critical-access hospitals run at a loss and cannot \
fund a security team.
- **Dense interdependence.** Care depends on electronic health records, laboratories, pharmacies, \
payers and suppliers that are all connected to one another.
- **Sensitive data.** Health records are valuable to criminals and their loss harms patients for \
years.
- **Many sizes.** The sector ranges from national systems to single-physician practices and \
six-person device start-ups; a plan must work for all of them.",
            ..SECTION
        },
        SectionSpec {
            key: "risk-landscape",
            title: "Risk landscape",
            body: RISK_LANDSCAPE_2025,
            ..SECTION
        },
        SectionSpec {
            key: "supply-chain",
            title: "Supply chain and third parties",
            body: "\
Most of the sector's exposure now sits with third parties: hosted record systems, claims \
clearinghouses, managed service providers, device makers and their component suppliers. A single \
outage at a widely used service can stop billing, prescribing or scheduling for thousands of \
providers at once, as the sector saw in 2024.

The plan asks providers to set minimum security requirements for their vendors (objective 1.10), \
asks vendors to disclose vulnerabilities and report incidents that affect customers (objectives \
2.2 and 2.3), and asks device makers to ship software bills of materials so that hospitals know \
what they run.",
            ..SECTION
        },
        SectionSpec {
            key: "partnership-roles",
            title: "Roles in the partnership",
            body: "\
| Who | Role |
|---|---|
| HHS/ASPR | Sector Risk Management Agency; national focal point; GCC chair and secretariat |
| CISA | National coordination, free services, advisories |
| FDA | Device cybersecurity before and after market |
| HHS 405(d) Program | Health Industry Cybersecurity Practices and guidance |
| Health-ISAC | Threat intelligence and early warning for members |
| HSCC | Industry coordination; industry senior cybersecurity experts |
| Joint Cybersecurity Working Group | Writes and adopts this plan; follows up commitments |

Government takes the first step by writing the plan with industry and funding the safety net; \
industry contributes expertise, commitments and the experience of organisations of every size.",
            ..SECTION
        },
        SectionSpec {
            key: "implementation",
            title: "Implementation and progress reporting",
            body: "\
Members put forward **commitments** towards the plan's objectives. The secretariat accepts them \
(or the working group votes on them), and committing organisations report progress at least \
every quarter. A commitment with no update for ninety days is flagged as stale; one past its due \
date and not completed is flagged as overdue.

The working group reviews the measures once a year and decides whether a new version of the \
plan is needed.",
            tlp: Tlp::Green,
            ..SECTION
        },
        SectionSpec {
            key: "incident-contacts",
            title: "Incident coordination roster",
            body: "\
Out-of-hours escalation for a sector-wide incident (demo: every number is fictional):

1. ASPR duty officer, +1 202 555 0199, then the national focal point.
2. CISA central, through the liaison's direct line, +1 703 555 0150.
3. Health-ISAC threat operations, +1 404 555 0190.

Bridge line and passcode are rotated monthly and sent to the named recipients only.",
            tlp: Tlp::Red,
            recipients: vec![
                "thomas.greaves@aspr.example",
                "secretariat@aspr.example",
                "jordan.park@cisa.example",
                "erin.caldwell@healthisac.example",
            ],
            ..SECTION
        },
    ]
}

const RISK_LANDSCAPE_2025: &str = "\
**Ransomware** is the threat that most often disrupts care: attackers encrypt clinical systems, \
steal data and threaten to publish it. Hospitals fall back on paper, divert ambulances and delay \
procedures, sometimes for weeks.

Other threats the plan addresses, following the Health Industry Cybersecurity Practices:

- social engineering, above all phishing and help-desk impersonation;
- loss or theft of equipment or data;
- insider data loss, accidental or deliberate;
- attacks on connected medical devices that could affect patient safety.

Small organisations face the same attackers as large ones with a fraction of the means.";

const RISK_LANDSCAPE_2026: &str = "\
**Ransomware** remains the threat that most often disrupts care, and attacks on shared service \
providers now stop care at many organisations at once. Groups increasingly steal data without \
encrypting anything and extort providers and patients directly.

Other threats the plan addresses, following the Health Industry Cybersecurity Practices:

- social engineering, now including voice cloning in help-desk calls to reset credentials;
- loss or theft of equipment or data;
- insider data loss, accidental or deliberate;
- attacks on connected medical devices that could affect patient safety.

Small organisations face the same attackers as large ones with a fraction of the means, and \
regional outages show that their recovery depends on their neighbours'.";

const OBJECTIVE: ObjectiveSpec = ObjectiveSpec {
    key: "",
    title: "",
    description: "",
    tlp: Tlp::Clear,
    owner: None,
    measures: Vec::new(),
};

fn goals_v1() -> Vec<GoalSpec> {
    vec![goal_1(), goal_2(), goal_3(), goal_4()]
}

fn goal_1() -> GoalSpec {
    GoalSpec {
        key: "G1",
        title: "Essential cybersecurity performance goals",
        description: "Every organisation in the sector meets the ten essential HHS cybersecurity \
                      performance goals: the baseline that stops the most common attacks.",
        tlp: Tlp::Clear,
        objectives: vec![
            ObjectiveSpec {
                key: "G1.O1",
                title: "Mitigate known vulnerabilities",
                description: "Patch or otherwise mitigate vulnerabilities known to be exploited, \
                              starting with internet-facing systems.",
                measures: vec![percent(
                    "Members fixing known exploited vulnerabilities on internet-facing systems within 15 days",
                    41.0,
                    85.0,
                    "2027-06-30",
                )],
                ..OBJECTIVE
            },
            ObjectiveSpec {
                key: "G1.O2",
                title: "Email security",
                description: "Filter malicious email, authenticate senders and mark external mail.",
                measures: vec![percent(
                    "Members with sender authentication enforced on all domains",
                    52.0,
                    90.0,
                    "2026-12-31",
                )],
                ..OBJECTIVE
            },
            ObjectiveSpec {
                key: "G1.O3",
                title: "Multifactor authentication",
                description: "Require multifactor authentication for remote access, email and \
                              privileged accounts.",
                measures: vec![percent(
                    "Members with MFA on all remote and privileged access",
                    58.0,
                    95.0,
                    "2026-12-31",
                )],
                ..OBJECTIVE
            },
            ObjectiveSpec {
                key: "G1.O4",
                title: "Basic cybersecurity training",
                description: "Train the whole workforce, including clinicians and contractors, to \
                              recognise and report attacks.",
                measures: vec![percent(
                    "Workforce completing yearly training",
                    63.0,
                    90.0,
                    "2026-12-31",
                )],
                ..OBJECTIVE
            },
            ObjectiveSpec {
                key: "G1.O5",
                title: "Strong encryption",
                description: "Encrypt sensitive data in transit and on portable devices with current \
                              algorithms.",
                measures: vec![percent(
                    "Members encrypting all laptops and removable media",
                    70.0,
                    98.0,
                    "2026-06-30",
                )],
                ..OBJECTIVE
            },
            ObjectiveSpec {
                key: "G1.O6",
                title: "Revoke credentials for departing workforce members",
                description: "Remove access on the day a person leaves, including contractors and \
                              vendor accounts.",
                measures: vec![percent(
                    "Members removing access on the day of departure",
                    48.0,
                    90.0,
                    "2027-06-30",
                )],
                ..OBJECTIVE
            },
            ObjectiveSpec {
                key: "G1.O7",
                title: "Basic incident planning and preparedness",
                description: "Keep a written incident response plan, with downtime procedures for \
                              clinical systems, and make sure staff know it.",
                measures: vec![percent(
                    "Members with a tested downtime plan for their record system",
                    47.0,
                    80.0,
                    "2027-06-30",
                )],
                ..OBJECTIVE
            },
            ObjectiveSpec {
                key: "G1.O8",
                title: "Unique credentials",
                description: "No shared or default passwords, including on devices and service accounts.",
                measures: vec![percent(
                    "Members with no shared or default passwords on clinical systems",
                    36.0,
                    80.0,
                    "2027-12-31",
                )],
                ..OBJECTIVE
            },
            ObjectiveSpec {
                key: "G1.O9",
                title: "Separate user and privileged accounts",
                description: "Administrators use a separate account for administration and never read \
                              email or browse with it.",
                measures: vec![percent(
                    "Members separating administrator accounts",
                    55.0,
                    90.0,
                    "2027-06-30",
                )],
                ..OBJECTIVE
            },
            ObjectiveSpec {
                key: "G1.O10",
                title: "Vendor and supplier cybersecurity requirements",
                description: "Put minimum security requirements into contracts with vendors and \
                              suppliers and check that they are met.",
                measures: vec![percent(
                    "New vendor contracts with security clauses",
                    35.0,
                    75.0,
                    "2027-12-31",
                )],
                ..OBJECTIVE
            },
        ],
    }
}

fn goal_2() -> GoalSpec {
    GoalSpec {
        key: "G2",
        title: "Enhanced cybersecurity performance goals",
        description: "Organisations that meet the essential goals move on to the ten enhanced \
                      goals, which make attacks easier to detect, contain and recover from.",
        tlp: Tlp::Clear,
        objectives: vec![
            ObjectiveSpec {
                key: "G2.O1",
                title: "Asset inventory",
                description: "Know every device and system on the network, including medical devices.",
                measures: vec![percent(
                    "Members with a current inventory that includes medical devices",
                    38.0,
                    75.0,
                    "2027-12-31",
                )],
                ..OBJECTIVE
            },
            ObjectiveSpec {
                key: "G2.O2",
                title: "Third-party vulnerability disclosure",
                description: "Vendors publish how to report vulnerabilities to them and how they will \
                              respond.",
                measures: vec![percent(
                    "Device and health IT members with a published disclosure policy",
                    61.0,
                    95.0,
                    "2026-12-31",
                )],
                ..OBJECTIVE
            },
            ObjectiveSpec {
                key: "G2.O3",
                title: "Third-party incident reporting",
                description: "Vendors tell their customers promptly about incidents that affect them.",
                measures: vec![percent(
                    "Vendor members with a customer incident notification process",
                    40.0,
                    85.0,
                    "2027-06-30",
                )],
                ..OBJECTIVE
            },
            ObjectiveSpec {
                key: "G2.O4",
                title: "Cybersecurity testing",
                description: "Test defences regularly, through penetration tests and exercises.",
                measures: vec![percent(
                    "Members testing at least once a year",
                    44.0,
                    70.0,
                    "2027-12-31",
                )],
                ..OBJECTIVE
            },
            ObjectiveSpec {
                key: "G2.O5",
                title: "Cybersecurity mitigation",
                description: "Fix what testing finds, starting with the most serious findings.",
                measures: vec![percent(
                    "Critical test findings fixed within 30 days",
                    50.0,
                    90.0,
                    "2027-12-31",
                )],
                ..OBJECTIVE
            },
            ObjectiveSpec {
                key: "G2.O6",
                title: "Detect and respond to relevant threats and tactics",
                description: "Use current threat intelligence to detect the attacks that target the sector.",
                measures: vec![count(
                    "Members receiving tailored sector alerts",
                    1200.0,
                    2500.0,
                    "organisations",
                    "2027-06-30",
                )],
                ..OBJECTIVE
            },
            ObjectiveSpec {
                key: "G2.O7",
                title: "Network segmentation",
                description: "Separate clinical devices and critical systems from the rest of the network.",
                measures: vec![percent(
                    "Hospitals with medical devices on segmented networks",
                    33.0,
                    70.0,
                    "2027-12-31",
                )],
                ..OBJECTIVE
            },
            ObjectiveSpec {
                key: "G2.O8",
                title: "Centralised log collection",
                description: "Collect security logs in one place and keep them long enough to investigate.",
                measures: vec![percent(
                    "Members keeping security logs centrally for a year",
                    29.0,
                    65.0,
                    "2027-12-31",
                )],
                ..OBJECTIVE
            },
            ObjectiveSpec {
                key: "G2.O9",
                title: "Centralised incident planning and preparedness",
                description: "Plan incident response across an organisation and with its region, not \
                              system by system.",
                measures: vec![count(
                    "Regional exercises held with hospitals and public health",
                    4.0,
                    20.0,
                    "exercises",
                    "2027-12-31",
                )],
                ..OBJECTIVE
            },
            ObjectiveSpec {
                key: "G2.O10",
                title: "Configuration management",
                description: "Keep secure baseline configurations and detect drift from them.",
                ..OBJECTIVE
            },
        ],
    }
}

fn goal_3() -> GoalSpec {
    GoalSpec {
        key: "G3",
        title: "Adopt the Health Industry Cybersecurity Practices",
        description: "Use the ten practices of the Health Industry Cybersecurity Practices, sized \
                      to the organisation, against the five threats they address.",
        tlp: Tlp::Clear,
        objectives: vec![
            ObjectiveSpec {
                key: "G3.O1",
                title: "Protect email and endpoints against social engineering and ransomware",
                description: "Apply the email protection and endpoint protection practices first.",
                measures: vec![count(
                    "Downloads of the small-practice quick-start guides",
                    4000.0,
                    15000.0,
                    "downloads",
                    "2026-12-31",
                )],
                ..OBJECTIVE
            },
            ObjectiveSpec {
                key: "G3.O2",
                title: "Manage identities, access and data",
                description: "Apply the identity and access management and the data protection and \
                              loss prevention practices.",
                measures: vec![percent(
                    "Members applying the identity and data protection practices",
                    45.0,
                    75.0,
                    "2027-12-31",
                )],
                ..OBJECTIVE
            },
            ObjectiveSpec {
                key: "G3.O3",
                title: "Know and manage assets, networks and vulnerabilities",
                description: "Apply the IT asset management, network management and vulnerability \
                              management practices.",
                ..OBJECTIVE
            },
            ObjectiveSpec {
                key: "G3.O4",
                title: "Secure connected medical devices",
                description: "Apply the medical device security practice across the device life \
                              cycle, from procurement to retirement, with makers and hospitals \
                              sharing the work.",
                measures: vec![percent(
                    "New devices delivered with a software bill of materials",
                    30.0,
                    90.0,
                    "2027-12-31",
                )],
                ..OBJECTIVE
            },
            ObjectiveSpec {
                key: "G3.O5",
                title: "Run security operations and keep policies current",
                description: "Apply the security operations and incident response practice and the \
                              cybersecurity policies practice.",
                measures: vec![percent(
                    "Members with a security operations capability, own or shared",
                    42.0,
                    75.0,
                    "2027-12-31",
                )],
                ..OBJECTIVE
            },
        ],
    }
}

fn goal_4() -> GoalSpec {
    GoalSpec {
        key: "G4",
        title: "A safety net for under-resourced organisations and SMEs",
        description: "Rural and critical-access hospitals, small practices, start-ups, suppliers and \
                      open-source projects get shared services, guidance and help to take part.",
        tlp: Tlp::Clear,
        objectives: vec![
            ObjectiveSpec {
                key: "G4.O1",
                title: "Shared security services for rural and critical-access hospitals",
                description: "Pooled monitoring, incident response and vulnerability scanning at a \
                              price small hospitals can pay.",
                tlp: Tlp::Green,
                measures: vec![count(
                    "Rural and critical-access hospitals using a shared service",
                    45.0,
                    300.0,
                    "hospitals",
                    "2027-12-31",
                )],
                ..OBJECTIVE
            },
            ObjectiveSpec {
                key: "G4.O2",
                title: "A starter kit for small device makers and start-ups",
                description: "Templates for threat models, SBOMs and disclosure policies that a \
                              ten-person company can adopt in a week.",
                measures: vec![count(
                    "Small device makers using the starter kit",
                    0.0,
                    150.0,
                    "companies",
                    "2026-12-31",
                )],
                ..OBJECTIVE
            },
            ObjectiveSpec {
                key: "G4.O3",
                title: "Security support for open-source healthcare projects",
                description: "Audits, fuzzing and maintainer support for open-source software that \
                              hospitals depend on.",
                measures: vec![count(
                    "Open-source projects audited",
                    1.0,
                    10.0,
                    "projects",
                    "2027-12-31",
                )],
                ..OBJECTIVE
            },
            ObjectiveSpec {
                key: "G4.O4",
                title: "Regional mutual aid for incident response",
                description: "Agreements under which hospitals lend staff and equipment to a \
                              neighbour hit by an attack; the roster of participants stays within \
                              the working group.",
                tlp: Tlp::Amber,
                owner: Some("health-isac"),
                ..OBJECTIVE
            },
            ObjectiveSpec {
                key: "G4.O5",
                title: "Criteria for allocating safety-net funding",
                description: "Scoring rules for the safety-net grant programme, held by HHS/ASPR until \
                              the programme is announced.",
                tlp: Tlp::AmberStrict,
                owner: Some("hhs-aspr"),
                ..OBJECTIVE
            },
        ],
    }
}

// ----- commitments -----

const COMMITMENT: CommitmentSpec = CommitmentSpec {
    key: "",
    org: "",
    objective: "",
    title: "",
    description: "",
    deliverable: "",
    start: 0,
    due: 0,
    status: C::InProgress,
    tlp: Tlp::Green,
    recipients: Vec::new(),
    proposed_by: "",
    accepted: None,
    updates: Vec::new(),
};

fn commitments() -> Vec<CommitmentSpec> {
    let mut all = provider_commitments();
    all.extend(industry_commitments());
    all.extend(public_and_non_profit_commitments());
    all
}

fn provider_commitments() -> Vec<CommitmentSpec> {
    vec![
        CommitmentSpec {
            key: "lakeview-mfa",
            org: "lakeview",
            objective: "G1.O3",
            title: "Multifactor authentication for all remote and privileged access",
            description: "Roll out phishing-resistant MFA to remote access, email and all \
                          administrator accounts across nine hospitals.",
            deliverable: "MFA enforced for 100% of remote and privileged accounts",
            start: -330,
            due: 30,
            tlp: Tlp::Clear,
            proposed_by: "representative@lakeview.example",
            accepted: Some(When::Days(-320)),
            updates: vec![
                update(-270, 25, "Remote access and email done for corporate staff."),
                update(-180, 50, "Clinicians on shared workstations use badge-tap plus PIN; rollout in four hospitals."),
                update(-90, 70, "Seven of nine hospitals live. Two remaining sites wait for new badge readers."),
                update(-20, 85, "Administrator accounts all on hardware keys; one hospital left.")
                    .evidence("https://evidence.lakeview.example/mfa-rollout-status"),
            ],
            ..COMMITMENT
        },
        CommitmentSpec {
            key: "lakeview-segmentation",
            org: "lakeview",
            objective: "G2.O7",
            title: "Segment clinical device networks in three flagship hospitals",
            description: "Move imaging, monitoring and infusion devices onto their own network \
                          segments with allow-listed traffic.",
            deliverable: "Three hospitals with clinical devices segmented",
            start: -300,
            due: -15,
            status: C::AtRisk,
            // Delays from an incident: shared with the joint group, not the whole partnership.
            tlp: Tlp::Amber,
            proposed_by: "representative@lakeview.example",
            accepted: Some(When::Days(-290)),
            updates: vec![
                update(-240, 20, "Device inventory complete for the first hospital."),
                update(-150, 35, "First hospital segmented. Vendor support for older imaging systems is slower than planned."),
                update(-60, 45, "An incident at the second hospital moved the team to recovery work for six weeks; \
                                 details are shared with the named recipients only.")
                    .red_for(vec!["representative@lakeview.example", "secretariat@aspr.example", "thomas.greaves@aspr.example"]),
            ],
            ..COMMITMENT
        },
        CommitmentSpec {
            key: "summit-kev",
            org: "summit",
            objective: "G1.O1",
            title: "Fix known exploited vulnerabilities within 14 days",
            description: "Weekly scanning of internet-facing systems and a 14-day deadline for \
                          anything on CISA's known exploited vulnerabilities list.",
            deliverable: "Patch process with 14-day deadline, reported monthly to the board",
            start: -360,
            due: -60,
            status: C::Completed,
            tlp: Tlp::Clear,
            proposed_by: "grace.liu@summitregional.example",
            accepted: Some(When::Days(-350)),
            updates: vec![
                update(-300, 30, "Weekly scanning in place using the free CISA service."),
                update(-200, 70, "Median time to fix down from 41 to 12 days."),
                update(-75, 100, "Deadline met every month for two quarters; process handed to operations.")
                    .evidence("https://summitregional.example/security/kev-report"),
            ],
            ..COMMITMENT
        },
        CommitmentSpec {
            key: "cedar-training",
            org: "cedar-clinic",
            objective: "G1.O4",
            title: "Quarterly phishing awareness for all staff",
            description: "Short quarterly sessions for the whole practice, using the 405(d) \
                          awareness materials.",
            deliverable: "Four sessions a year with attendance records",
            start: -250,
            due: 120,
            proposed_by: "hannah.reyes@cedarvalley.example",
            accepted: Some(When::Days(-245)),
            updates: vec![
                update(-200, 25, "First session held; all six staff attended."),
                update(-130, 50, "Second session held, with a practice phishing email."),
            ],
            ..COMMITMENT
        },
        CommitmentSpec {
            key: "meridian-encryption",
            org: "meridian",
            objective: "G1.O5",
            title: "Encrypt every laptop and removable drive",
            description: "Full-disk encryption on all laptops, and a block on unencrypted USB storage.",
            deliverable: "Encryption on 100% of laptops; USB policy enforced",
            start: -340,
            due: -100,
            status: C::Completed,
            proposed_by: "olivia.brennan@meridian.example",
            accepted: Some(When::Days(-335)),
            updates: vec![
                update(-280, 40, "Clinical laptops done."),
                update(-180, 80, "Research laptops done; USB block in pilot."),
                update(-110, 100, "USB block enforced hospital-wide."),
            ],
            ..COMMITMENT
        },
        CommitmentSpec {
            key: "rural-district-mfa",
            org: "rural-district",
            objective: "G1.O3",
            title: "Multifactor authentication for remote access at both district hospitals",
            description: "Use the shared service pilot to add MFA to the VPN and the record system.",
            deliverable: "MFA on VPN and record system",
            start: -45,
            due: 180,
            status: C::Accepted,
            proposed_by: "wesley.grant@prairiedistrict.example",
            accepted: Some(When::Days(-40)),
            ..COMMITMENT
        },
    ]
}

fn industry_commitments() -> Vec<CommitmentSpec> {
    vec![
        CommitmentSpec {
            key: "northwind-vdp",
            org: "northwind",
            objective: "G2.O2",
            title: "Coordinated vulnerability disclosure policy for all products",
            description: "Publish a disclosure policy and a security contact covering drug-delivery \
                          software and manufacturing systems.",
            deliverable: "Published policy and security.txt",
            start: -380,
            due: -200,
            status: C::Completed,
            tlp: Tlp::Clear,
            proposed_by: "emily.carter@northwind.example",
            accepted: Some(When::Days(-370)),
            updates: vec![
                update(-300, 60, "Policy drafted with legal; bug bounty deferred."),
                update(-210, 100, "Policy published.")
                    .evidence("https://northwind.example/security/disclosure"),
            ],
            ..COMMITMENT
        },
        CommitmentSpec {
            key: "northwind-suppliers",
            org: "northwind",
            objective: "G1.O10",
            title: "Security clauses in contracts with contract manufacturers",
            description: "Add minimum security requirements to all renewals with contract \
                          manufacturers and packaging suppliers.",
            deliverable: "Clauses in every renewed contract",
            start: -200,
            due: 160,
            tlp: Tlp::AmberStrict,
            proposed_by: "emily.carter@northwind.example",
            accepted: Some(When::Days(-195)),
            updates: vec![
                update(
                    -120,
                    30,
                    "Eleven of 36 contracts renewed with clauses; two suppliers pushed back.",
                )
                .tlp(Tlp::AmberStrict),
            ],
            ..COMMITMENT
        },
        CommitmentSpec {
            key: "keystone-logs",
            org: "keystone-labs",
            objective: "G2.O8",
            title: "Centralise log collection from laboratory systems",
            description: "Send logs from analysers, the laboratory information system and the \
                          network to one collector, kept for a year.",
            deliverable: "Central log store covering all laboratory systems",
            start: -280,
            due: -30,
            status: C::AtRisk,
            // The reasons for the delay name a live weakness: for the named recipients only.
            tlp: Tlp::Red,
            recipients: vec![
                "michael.osei@keystonelabs.example",
                "secretariat@aspr.example",
            ],
            proposed_by: "michael.osei@keystonelabs.example",
            accepted: Some(When::Days(-270)),
            updates: vec![
                update(
                    -200,
                    30,
                    "Collector running; network and server logs flowing.",
                ),
                update(
                    -140,
                    40,
                    "Analyser vendors cannot export logs without a firmware update.",
                ),
            ],
            ..COMMITMENT
        },
        CommitmentSpec {
            key: "genotrace-accounts",
            org: "genotrace",
            objective: "G1.O9",
            title: "Separate administrator accounts from daily accounts",
            description: "Give the three administrators separate privileged accounts, used only \
                          from a dedicated workstation.",
            deliverable: "Separate accounts and an admin workstation",
            start: -20,
            due: 200,
            status: C::Accepted,
            proposed_by: "nina.petrov@genotrace.example",
            accepted: Some(When::Days(-15)),
            ..COMMITMENT
        },
        CommitmentSpec {
            key: "apex-sbom",
            org: "apex",
            objective: "G3.O4",
            title: "A software bill of materials with every new device release",
            description: "Ship a machine-readable SBOM with each release of imaging, monitoring and \
                          infusion products, and keep it updated after release.",
            deliverable: "SBOMs for 100% of new releases",
            start: -310,
            due: 50,
            tlp: Tlp::Clear,
            proposed_by: "sophie.martin@apexmed.example",
            accepted: Some(When::Days(-300)),
            updates: vec![
                update(
                    -250,
                    20,
                    "SBOM generation added to the build of two product lines.",
                ),
                update(
                    -160,
                    45,
                    "Customer portal shows SBOMs for imaging products.",
                ),
                update(-70, 65, "Monitoring line done; infusion line in progress."),
                update(
                    -10,
                    75,
                    "Vulnerability status (VEX) published alongside SBOMs.",
                )
                .evidence("https://apexmed.example/trust/sbom"),
            ],
            ..COMMITMENT
        },
        CommitmentSpec {
            key: "apex-incidents",
            org: "apex",
            objective: "G2.O3",
            title: "Tell customers within 72 hours about incidents that affect them",
            description: "A customer notification process for incidents affecting devices or the \
                          services that support them.",
            deliverable: "Documented process and a tested notification channel",
            start: -60,
            due: 300,
            status: C::Accepted,
            proposed_by: "sophie.martin@apexmed.example",
            accepted: Some(When::Days(-55)),
            ..COMMITMENT
        },
        CommitmentSpec {
            key: "pulsewave-testing",
            org: "pulsewave",
            objective: "G2.O4",
            title: "Independent penetration test of the monitoring platform",
            description: "A yearly test of the central station, gateways and cloud service by an \
                          outside firm, with results shared with hospital customers.",
            deliverable: "Test report and remediation plan",
            start: -330,
            due: -150,
            status: C::Completed,
            proposed_by: "mei.chen@pulsewave.example",
            accepted: Some(When::Days(-325)),
            updates: vec![
                update(-280, 50, "Test done; two high findings in the gateway."),
                update(
                    -160,
                    100,
                    "Both findings fixed in firmware 4.2; summary sent to customers.",
                ),
            ],
            ..COMMITMENT
        },
        CommitmentSpec {
            key: "infusense-legacy",
            org: "infusense",
            objective: "G3.O4",
            title: "Patch programme for legacy infusion pumps in the field",
            description: "A field update for the older pump family, and guidance for hospitals \
                          that cannot update yet.",
            deliverable: "Field update released; compensating-controls guide",
            start: -240,
            due: 90,
            proposed_by: "ingrid.solberg@infusense.example",
            accepted: Some(When::Days(-235)),
            updates: vec![
                update(-180, 15, "Update in FDA review."),
                update(
                    -100,
                    40,
                    "Update cleared; rollout with the first twenty hospitals.",
                ),
            ],
            ..COMMITMENT
        },
        CommitmentSpec {
            key: "cardiolink-sbom",
            org: "cardiolink",
            objective: "G3.O4",
            title: "A machine-readable SBOM for the cardiac patch and its app",
            description: "Generate and publish an SBOM for the patch firmware and the phone app, \
                          using the starter kit of objective 4.2.",
            deliverable: "SBOM published with every release",
            start: 10,
            due: 150,
            status: C::Proposed,
            proposed_by: "zoe.walsh@cardiolink.example",
            ..COMMITMENT
        },
        CommitmentSpec {
            key: "bluestone-portal-mfa",
            org: "bluestone",
            objective: "G1.O3",
            title: "MFA on member and provider portals",
            description: "Offer and then require MFA for the four million member accounts and the \
                          provider portal.",
            deliverable: "MFA required on both portals",
            start: -360,
            due: -90,
            status: C::Completed,
            tlp: Tlp::Clear,
            proposed_by: "yasmin.farouk@bluestone.example",
            accepted: Some(When::Days(-350)),
            updates: vec![
                update(-300, 30, "Provider portal requires MFA."),
                update(-200, 60, "Member portal offers MFA; 38% enrolled."),
                update(-95, 100, "MFA required for all member accounts."),
            ],
            ..COMMITMENT
        },
        CommitmentSpec {
            key: "bluestone-vendors",
            org: "bluestone",
            objective: "G1.O10",
            title: "Security reviews of all claims-processing vendors",
            description: "Withdrawn: folded into a company-wide third-party risk programme.",
            deliverable: "Reviews of all claims-processing vendors",
            start: -200,
            due: 100,
            status: C::Withdrawn,
            proposed_by: "yasmin.farouk@bluestone.example",
            ..COMMITMENT
        },
        CommitmentSpec {
            key: "community-training",
            org: "community-mutual",
            objective: "G1.O4",
            title: "Security awareness for member-services staff",
            description: "Training on impersonation and account-takeover calls for the member \
                          services team.",
            deliverable: "Training for all 120 member-services staff",
            start: 15,
            due: 200,
            status: C::Proposed,
            proposed_by: "linda.sorensen@communitymutual.example",
            ..COMMITMENT
        },
        CommitmentSpec {
            key: "chartwell-config",
            org: "chartwell",
            objective: "G2.O10",
            title: "Secure baseline configuration for hosted record tenants",
            description: "One hardened baseline for every hospital tenant, with drift detection.",
            deliverable: "Baseline applied to all tenants; monthly drift report",
            start: -220,
            due: 140,
            proposed_by: "rebecca.stone@chartwell.example",
            accepted: Some(When::Days(-215)),
            updates: vec![
                update(-150, 30, "Baseline agreed with customer advisory board."),
                update(
                    -60,
                    55,
                    "Baseline applied to 61 of 110 tenants; customers with custom \
                                 interfaces need individual change windows.",
                )
                .tlp(Tlp::Amber),
            ],
            ..COMMITMENT
        },
        CommitmentSpec {
            key: "chartwell-logs",
            org: "chartwell",
            objective: "G2.O8",
            title: "Security log export for hospital customers",
            description: "Let every hospital stream its tenant's security logs to its own collector.",
            deliverable: "Log export feature generally available",
            start: -300,
            due: -120,
            status: C::Completed,
            proposed_by: "rebecca.stone@chartwell.example",
            accepted: Some(When::Days(-295)),
            updates: vec![
                update(-250, 50, "Export in beta with five hospitals."),
                update(-130, 100, "Generally available at no extra cost."),
            ],
            ..COMMITMENT
        },
        CommitmentSpec {
            key: "telecura-credentials",
            org: "telecura",
            objective: "G1.O8",
            title: "Unique credentials for every clinician account",
            description: "Withdrawn when TeleCura left the working group.",
            deliverable: "No shared clinician logins",
            start: -400,
            due: -100,
            status: C::Withdrawn,
            proposed_by: "ahmed.saleh@telecura.example",
            ..COMMITMENT
        },
        CommitmentSpec {
            key: "medsecure-rural-soc",
            org: "medsecure",
            objective: "G4.O1",
            title: "Discounted round-the-clock monitoring for rural hospitals",
            description: "Monitoring and first response at cost for hospitals in the rural pilot.",
            deliverable: "Service live for 25 rural hospitals",
            start: -260,
            due: 100,
            proposed_by: "ivan.petrovic@medsecure.example",
            accepted: Some(When::Days(-255)),
            updates: vec![
                update(-200, 20, "Five hospitals onboarded."),
                update(
                    -120,
                    45,
                    "Twelve hospitals onboarded; first ransomware attempt stopped at one of them.",
                ),
                update(-30, 60, "Fifteen hospitals onboarded."),
            ],
            ..COMMITMENT
        },
        CommitmentSpec {
            key: "sterling-questionnaire",
            org: "sterling",
            objective: "G1.O10",
            title: "Supplier security questionnaire for contract manufacturers",
            description: "A short questionnaire, based on the essential goals, for every new \
                          manufacturer Sterling distributes for.",
            deliverable: "Questionnaire in use for all new suppliers",
            start: -30,
            due: 240,
            status: C::Accepted,
            proposed_by: "george.whitaker@sterlingsupply.example",
            accepted: Some(When::Days(-25)),
            ..COMMITMENT
        },
    ]
}

fn public_and_non_profit_commitments() -> Vec<CommitmentSpec> {
    vec![
        CommitmentSpec {
            key: "aspr-rural-pilot",
            org: "hhs-aspr",
            objective: "G4.O1",
            title: "Fund a shared security services pilot for 40 rural hospitals",
            description: "Grants to two regional consortia for shared monitoring and response.",
            deliverable: "Pilot running in two regions with 40 hospitals",
            start: -300,
            due: 60,
            tlp: Tlp::Clear,
            proposed_by: "secretariat@aspr.example",
            accepted: Some(When::Days(-295)),
            updates: vec![
                update(-240, 20, "Consortia selected."),
                update(-150, 40, "Twenty hospitals enrolled."),
                update(
                    -50,
                    60,
                    "Thirty-one hospitals enrolled; second region slower to start.",
                ),
            ],
            ..COMMITMENT
        },
        CommitmentSpec {
            key: "cisa-scanning",
            org: "cisa",
            objective: "G1.O1",
            title: "Free weekly vulnerability scanning for sector organisations",
            description: "Enrol sector organisations, small ones first, in CISA's free scanning service.",
            deliverable: "1,000 additional sector organisations enrolled",
            start: -330,
            due: 30,
            tlp: Tlp::Clear,
            proposed_by: "jordan.park@cisa.example",
            accepted: Some(When::Days(-325)),
            updates: vec![
                update(
                    -270,
                    30,
                    "Outreach through the 405(d) Program and Health-ISAC.",
                ),
                update(-180, 55, "550 organisations enrolled."),
                update(-95, 70, "700 organisations enrolled."),
            ],
            ..COMMITMENT
        },
        CommitmentSpec {
            key: "405d-guides",
            org: "hhs-405d",
            objective: "G3.O1",
            title: "Update the quick-start guides for small practices",
            description: "Refresh the small-practice guides for email and endpoint protection.",
            deliverable: "Updated guides published",
            start: -320,
            due: -120,
            status: C::Completed,
            tlp: Tlp::Clear,
            proposed_by: "rachel.donovan@405d.example",
            accepted: Some(When::Days(-315)),
            updates: vec![
                update(-250, 50, "Drafts reviewed by the task group."),
                update(-125, 100, "Guides published.")
                    .evidence("https://405d.example/guides/small-practices"),
            ],
            ..COMMITMENT
        },
        CommitmentSpec {
            key: "fda-disclosure",
            org: "fda",
            objective: "G2.O2",
            title: "Explain disclosure expectations for premarket submissions",
            description: "Plain-language material for small manufacturers on what a disclosure \
                          policy in a submission should contain.",
            deliverable: "Webinar and FAQ for small manufacturers",
            start: -40,
            due: 300,
            status: C::Accepted,
            tlp: Tlp::Clear,
            proposed_by: "samuel.hart@fda.example",
            accepted: Some(When::Days(-35)),
            ..COMMITMENT
        },
        CommitmentSpec {
            key: "state-tabletop",
            org: "state-health",
            objective: "G2.O9",
            title: "Statewide ransomware exercise with local hospitals",
            description: "A tabletop exercise with twelve hospitals, the state emergency \
                          management agency and county health departments.",
            deliverable: "Exercise held; after-action report",
            start: -180,
            due: 20,
            status: C::AtRisk,
            proposed_by: "laura.jensen@statehealth.example",
            accepted: Some(When::Days(-175)),
            updates: vec![
                update(-120, 20, "Scenario drafted."),
                update(
                    -40,
                    30,
                    "Date moved twice; hospitals short of staff for the winter season.",
                ),
            ],
            ..COMMITMENT
        },
        CommitmentSpec {
            key: "isac-small-alerts",
            org: "health-isac",
            objective: "G2.O6",
            title: "Tailored threat alerts for small and rural members",
            description: "Short, actionable alerts written for organisations without a security team.",
            deliverable: "Alert service for 1,000 small members",
            start: -290,
            due: 75,
            proposed_by: "noah.fischer@healthisac.example",
            accepted: Some(When::Days(-285)),
            updates: vec![
                update(-230, 30, "Format tested with twenty rural hospitals."),
                update(-140, 55, "Alerts going to 500 members."),
                update(-45, 70, "Alerts going to 760 members."),
                update(
                    -5,
                    80,
                    "Alerts going to 850 members; feedback score 4.5 of 5.",
                ),
            ],
            ..COMMITMENT
        },
        CommitmentSpec {
            key: "openpacs-audit",
            org: "openpacs",
            objective: "G4.O3",
            title: "Independent security audit of the DICOM parser",
            description: "An outside audit and fuzzing of the image parser, paid from the safety net.",
            deliverable: "Audit report published; findings fixed",
            start: -250,
            due: -60,
            status: C::Completed,
            tlp: Tlp::Clear,
            proposed_by: "felix.andersson@openpacs.example",
            accepted: Some(When::Days(-245)),
            updates: vec![
                update(-190, 40, "Audit under way; fuzzing found three crashes."),
                update(
                    -70,
                    100,
                    "All findings fixed in release 3.8; report published.",
                )
                .evidence("https://openpacs.example/security/audit-report"),
            ],
            ..COMMITMENT
        },
        CommitmentSpec {
            key: "university-testbed",
            org: "university",
            objective: "G3.O4",
            title: "A device security test bed open to small manufacturers",
            description: "Free test slots for companies with fewer than fifty people.",
            deliverable: "Twelve SME test campaigns",
            start: -200,
            due: 160,
            proposed_by: "amara.obi@greatlakes.example",
            accepted: Some(When::Days(-195)),
            updates: vec![
                update(-150, 20, "Test bed open; two campaigns booked."),
                update(
                    -40,
                    50,
                    "Six campaigns done, including CardioLink and InfuSense.",
                ),
            ],
            ..COMMITMENT
        },
    ]
}

// ----- motions -----

const MOTION: MotionSpec = MotionSpec {
    key: "",
    group: "joint-cwg",
    subject: Subject::General,
    title: "",
    body: "",
    tlp: Tlp::Green,
    quorum: 50,
    threshold: Threshold::Simple,
    dual: false,
    mode: BallotMode::RollCall,
    opens: When::Days(0),
    closes: When::Days(7),
    state: MotionState::Draft,
    proposed_by: "convener@aspr.example",
    recusals: Vec::new(),
    proxies: Vec::new(),
    ballots: Vec::new(),
};

fn motions() -> Vec<MotionSpec> {
    vec![
        adopt_v1(),
        appoint_apex_expert(),
        legacy_sbom(),
        exercise_calendar(),
        rural_playbook(),
        accept_cardiolink(),
    ]
}

fn adopt_v1() -> MotionSpec {
    MotionSpec {
        key: "adopt-v1",
        subject: Subject::AdoptVersion(1),
        title: "Adopt version 1 of the HPH Sector-Specific Plan",
        body: "The secretariat submits version 1 of the plan, revised after two rounds of comments \
               from both councils. Adoption needs a two-thirds majority among government members \
               and among industry members.",
        tlp: Tlp::Clear,
        quorum: 60,
        threshold: Threshold::TwoThirds,
        dual: true,
        opens: When::At("2025-05-06 14:00"),
        closes: When::At("2025-05-20 17:00"),
        state: MotionState::Closed(MotionOutcome::Carried),
        proposed_by: "secretariat@aspr.example",
        ballots: vec![
            ballot("hhs-aspr", Y, "convener@aspr.example", 2),
            ballot("lakeview", Y, "representative@lakeview.example", 3),
            ballot("hhs-405d", Y, "omar.haddad@405d.example", 4),
            ballot("cisa", Y, "jordan.park@cisa.example", 5),
            ballot("chartwell", Y, "rebecca.stone@chartwell.example", 6),
            ballot("health-isac", Y, "noah.fischer@healthisac.example", 8),
            ballot("northwind", N, "emily.carter@northwind.example", 20),
            ballot("fda", Y, "samuel.hart@fda.example", 26),
            ballot("apex", Y, "sophie.martin@apexmed.example", 27),
            ballot("summit", Y, "grace.liu@summitregional.example", 28),
            ballot("cms", Y, "gregory.shaw@cms.example", 30),
            ballot("bluestone", Y, "yasmin.farouk@bluestone.example", 49),
            ballot("state-health", A, "laura.jensen@statehealth.example", 50),
            ballot("pulsewave", N, "mei.chen@pulsewave.example", 75),
            ballot("cardiolink", Y, "zoe.walsh@cardiolink.example", 96),
            ballot("telecura", A, "ahmed.saleh@telecura.example", 140),
            // Northwind's alternate changes its ballot after the supplier section was clarified.
            ballot("northwind", Y, "stefan.novak@northwind.example", 190),
        ],
        ..MOTION
    }
}

fn appoint_apex_expert() -> MotionSpec {
    MotionSpec {
        key: "appoint-apex-expert",
        subject: Subject::AppointFocalPoint("expert-apex"),
        title: "Appoint Karl Lindgren as industry senior cybersecurity expert for medical technology",
        body: "Industry proposes Apex's head of product security as its senior expert for device \
               security, serving the Medical Device Security Task Group. Anonymous ballot.",
        mode: BallotMode::Anonymous,
        opens: When::At("2025-09-02 14:00"),
        closes: When::At("2025-09-12 17:00"),
        state: MotionState::Closed(MotionOutcome::Carried),
        proposed_by: "marcus.oyelaran@chartwell.example",
        recusals: vec![RecusalSpec {
            org: "apex",
            by: "sophie.martin@apexmed.example",
            reason: "The candidate is an Apex employee.",
            hours: 1,
        }],
        ballots: vec![
            ballot("hhs-aspr", Y, "convener@aspr.example", 3),
            ballot("cisa", Y, "michelle.okafor@cisa.example", 5),
            ballot("fda", Y, "lisa.tran@fda.example", 22),
            ballot("hhs-405d", Y, "rachel.donovan@405d.example", 24),
            ballot("state-health", A, "carlos.medina@statehealth.example", 48),
            ballot("lakeview", Y, "ben.adeyemi@lakeview.example", 4),
            ballot("summit", Y, "grace.liu@summitregional.example", 30),
            ballot("pulsewave", Y, "diego.fernandez@pulsewave.example", 52),
            ballot("cardiolink", Y, "tariq.hassan@cardiolink.example", 70),
            ballot("bluestone", N, "richard.hale@bluestone.example", 26),
            ballot("chartwell", Y, "marcus.oyelaran@chartwell.example", 2),
            ballot("telecura", A, "claire.dupont@telecura.example", 100),
            ballot("health-isac", Y, "erin.caldwell@healthisac.example", 6),
            ballot("openpacs", Y, "felix.andersson@openpacs.example", 120),
        ],
        ..MOTION
    }
}

fn legacy_sbom() -> MotionSpec {
    MotionSpec {
        key: "legacy-sbom",
        title: "Recommend SBOMs for all legacy devices within twelve months",
        body: "The group would recommend that manufacturers publish software bills of materials \
               for every device still in use, including products no longer sold, within twelve \
               months. Dual majority, simple threshold.",
        dual: true,
        opens: When::At("2026-02-10 15:00"),
        closes: When::At("2026-02-24 17:00"),
        state: MotionState::Closed(MotionOutcome::Failed),
        proposed_by: "representative@lakeview.example",
        ballots: vec![
            ballot("hhs-aspr", Y, "convener@aspr.example", 2),
            ballot("lakeview", Y, "representative@lakeview.example", 3),
            ballot("cisa", Y, "jordan.park@cisa.example", 4),
            ballot("apex", N, "sophie.martin@apexmed.example", 5),
            ballot("hhs-405d", Y, "omar.haddad@405d.example", 6),
            ballot("chartwell", N, "rebecca.stone@chartwell.example", 9),
            ballot("health-isac", Y, "noah.fischer@healthisac.example", 10),
            ballot("fda", Y, "samuel.hart@fda.example", 20),
            ballot("northwind", N, "emily.carter@northwind.example", 22),
            ballot("summit", Y, "grace.liu@summitregional.example", 25),
            ballot("bluestone", Y, "yasmin.farouk@bluestone.example", 27),
            ballot("cms", A, "gregory.shaw@cms.example", 30),
            ballot("pulsewave", N, "mei.chen@pulsewave.example", 48),
            ballot("state-health", Y, "laura.jensen@statehealth.example", 52),
            ballot("cardiolink", N, "zoe.walsh@cardiolink.example", 70),
            ballot("openpacs", Y, "rosa.jimenez@openpacs.example", 100),
        ],
        ..MOTION
    }
}

fn exercise_calendar() -> MotionSpec {
    MotionSpec {
        key: "exercise-calendar",
        title: "Endorse the 2026–2027 joint exercise calendar",
        body: "Dates and host regions of the joint tabletop exercises. The list of host hospitals \
               stays within the working group.",
        tlp: Tlp::Amber,
        opens: When::At("2026-07-01 14:00"),
        closes: When::At("2026-07-15 17:00"),
        state: MotionState::Closed(MotionOutcome::NoQuorum),
        ballots: vec![
            ballot("hhs-aspr", Y, "convener@aspr.example", 3),
            ballot("lakeview", Y, "representative@lakeview.example", 4),
            ballot("cisa", Y, "jordan.park@cisa.example", 28),
            ballot("health-isac", A, "noah.fischer@healthisac.example", 50),
            ballot("bluestone", Y, "yasmin.farouk@bluestone.example", 70),
        ],
        ..MOTION
    }
}

fn rural_playbook() -> MotionSpec {
    MotionSpec {
        key: "rural-playbook",
        title: "Endorse the ransomware recovery playbook for rural and critical-access hospitals",
        body: "The playbook describes how a small hospital keeps caring for patients during a \
               ransomware attack and restores its systems afterwards, with the help of its \
               neighbours and the shared services of goal 4. Endorsement makes it the sector's \
               reference; dual majority, simple threshold.",
        dual: true,
        opens: When::Days(-2),
        closes: When::Days(5),
        state: MotionState::Open,
        recusals: vec![RecusalSpec {
            org: "chartwell",
            by: "rebecca.stone@chartwell.example",
            reason: "Chartwell's incident response team drafted the playbook under contract.",
            hours: 1,
        }],
        proxies: vec![ProxySpec {
            from: "cardiolink",
            to: "pulsewave",
            by: "zoe.walsh@cardiolink.example",
            hours: 20,
        }],
        ballots: vec![
            ballot("hhs-aspr", Y, "convener@aspr.example", 3),
            ballot("lakeview", A, "representative@lakeview.example", 5),
            ballot("cisa", Y, "jordan.park@cisa.example", 6),
            ballot("hhs-405d", Y, "omar.haddad@405d.example", 8),
            ballot("summit", Y, "grace.liu@summitregional.example", 12),
            ballot("health-isac", Y, "noah.fischer@healthisac.example", 14),
            ballot("pulsewave", Y, "mei.chen@pulsewave.example", 22),
            BallotSpec {
                via_proxy: true,
                ..ballot("cardiolink", Y, "mei.chen@pulsewave.example", 23)
            },
            ballot("lakeview", Y, "representative@lakeview.example", 30),
            ballot("bluestone", N, "yasmin.farouk@bluestone.example", 40),
        ],
        ..MOTION
    }
}

fn accept_cardiolink() -> MotionSpec {
    MotionSpec {
        key: "accept-cardiolink-sbom",
        subject: Subject::AcceptCommitment("cardiolink-sbom"),
        title: "Accept CardioLink's SBOM commitment",
        body: "CardioLink Labs, a six-person start-up, commits to publishing an SBOM for its \
               cardiac patch. The conveners propose to accept it as the first commitment made \
               with the SME starter kit.",
        opens: When::Days(7),
        closes: When::Days(21),
        ..MOTION
    }
}

// ----- comments -----

const COMMENT: CommentSpec = CommentSpec {
    key: "",
    on: On::Motion(""),
    reply_to: None,
    author: "",
    body: "",
    tlp: Tlp::Green,
    at: When::Days(0),
    resolved: None,
};

fn comments() -> Vec<CommentSpec> {
    vec![
        CommentSpec {
            key: "risk-downtime",
            on: On::Section(2, "risk-landscape"),
            author: "representative@lakeview.example",
            body: "Could we say that attacks on shared service providers now stop care at many \
                   organisations at once? That was the main lesson of the last two years.",
            at: When::At("2026-10-02 11:15"),
            resolved: Some(("secretariat@aspr.example", When::At("2026-10-07 09:00"))),
            ..COMMENT
        },
        CommentSpec {
            key: "risk-downtime-reply",
            on: On::Section(2, "risk-landscape"),
            reply_to: Some("risk-downtime"),
            author: "noah.fischer@healthisac.example",
            body: "Added in the revision of 6 October, together with voice-cloning attacks on help desks.",
            at: When::At("2026-10-06 14:30"),
            ..COMMENT
        },
        CommentSpec {
            key: "supply-chain-sbom",
            on: On::Section(2, "supply-chain"),
            author: "karl.lindgren@apexmed.example",
            body: "The section should name the SBOM formats hospitals can expect (SPDX or \
                   CycloneDX), so that procurement teams can ask for them.",
            at: When::At("2026-10-20 16:40"),
            ..COMMENT
        },
        CommentSpec {
            key: "goal4-critical-access",
            on: On::Goal(2, "G4"),
            author: "dolores.vega@ruralcyber.example",
            body: "Goal 4 should name critical-access hospitals in its description, not only in \
                   objective 4.1; they are the ones with no security staff at all.",
            at: When::At("2026-10-22 10:05"),
            ..COMMENT
        },
        CommentSpec {
            key: "goal4-critical-access-reply",
            on: On::Goal(2, "G4"),
            reply_to: Some("goal4-critical-access"),
            author: "secretariat@aspr.example",
            body: "Agreed; the secretariat will reword the description before the draft goes to review.",
            at: When::At("2026-10-23 08:50"),
            ..COMMENT
        },
        CommentSpec {
            key: "workforce-apprenticeships",
            on: On::Objective(2, "G4.O6"),
            author: "amara.obi@greatlakes.example",
            body: "Universities can host shared analysts for small hospitals as part of their \
                   training programmes. Happy to propose a commitment once this objective is adopted.",
            at: When::At("2026-11-03 13:20"),
            ..COMMENT
        },
        CommentSpec {
            key: "segmentation-overdue",
            on: On::Commitment("lakeview-segmentation"),
            author: "secretariat@aspr.example",
            body: "This commitment is past its due date. Could you propose a new date, or tell us \
                   which part cannot be delivered?",
            at: When::Days(-12),
            ..COMMENT
        },
        CommentSpec {
            key: "segmentation-overdue-reply",
            on: On::Commitment("lakeview-segmentation"),
            reply_to: Some("segmentation-overdue"),
            author: "representative@lakeview.example",
            body: "We expect the third hospital in the second quarter. The imaging vendor's \
                   upgrade path is the bottleneck; we can share the details within the group.",
            tlp: Tlp::Amber,
            at: When::Days(-10),
            ..COMMENT
        },
        CommentSpec {
            key: "adoption-thanks",
            on: On::Motion("adopt-v1"),
            author: "convener@aspr.example",
            body: "Thank you to everyone who voted. Version 1 will be published once the \
                   secretariat has made the final editorial corrections.",
            tlp: Tlp::Clear,
            at: When::At("2025-05-21 09:00"),
            ..COMMENT
        },
        CommentSpec {
            key: "legacy-sbom-feasibility",
            on: On::Motion("legacy-sbom"),
            author: "karl.lindgren@apexmed.example",
            body: "We support SBOMs for legacy products, but twelve months is not feasible for \
                   devices whose build systems no longer exist. We would back a phased timeline.",
            at: When::At("2026-02-12 10:30"),
            ..COMMENT
        },
        CommentSpec {
            key: "playbook-licence",
            on: On::Motion("rural-playbook"),
            author: "rosa.jimenez@openpacs.example",
            body: "Will the playbook be published under an open licence, so that state \
                   associations can adapt it?",
            at: When::Hours(-30),
            resolved: Some(("rosa.jimenez@openpacs.example", When::Hours(-25))),
            ..COMMENT
        },
        CommentSpec {
            key: "playbook-licence-reply",
            on: On::Motion("rural-playbook"),
            reply_to: Some("playbook-licence"),
            author: "convener@aspr.example",
            body: "Yes: once endorsed it will be published under CC BY 4.0.",
            at: When::Hours(-26),
            ..COMMENT
        },
    ]
}
