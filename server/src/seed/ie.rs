//! An EU member-state partnership under NIS2: an Irish health-sector partnership of the
//! hybrid kind ENISA describes (government-led, with industry co-owning the plan). Only the
//! European Health ISAC is a real organisation; every other organisation is a generic,
//! invented stand-in marked "(demo)", and every person and commitment is fictional.

use super::spec::*;
use BallotChoice::{Abstain as A, No as N, Yes as Y};
use app::domain::Tlp;
use app::domain::motion::{BallotChoice, BallotMode, MotionOutcome, Threshold};
use app::domain::partnership::{
    CouncilKind, FocalPointKind, OrganisationKind as K, Side, SizeClass as S,
};
use app::domain::plan::CommitmentStatus as C;

/// The whole Irish partnership.
pub fn data() -> PartnershipData {
    PartnershipData {
        partnership: partnership(),
        organisations: organisations(),
        people: people(),
        grants: vec![GrantSpec {
            person: "secretariat@health-ie.example",
            council: None,
            granted: When::At("2024-03-04 09:00"),
        }],
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
        slug: "ie-health",
        name: "Irish Health Sector Cybersecurity Partnership",
        short_name: "IE Health",
        jurisdiction: "IE",
        summary: "A national partnership of health authorities, hospitals, manufacturers, suppliers \
                  and the European Health ISAC, preparing the Irish health sector for NIS2 and \
                  working together against ransomware.",
        description: "\
Under the NIS2 Directive (EU) 2022/2555, **health is a sector of high criticality** (Annex I): \
healthcare providers, EU reference laboratories, research and manufacture of medicinal products, \
and makers of medical devices considered critical during a public health emergency. Other medical \
device makers fall under Annex II. Member states had to transpose the directive by \
**17 October 2024**.

This partnership is a hybrid model: the Department of Health and the national cybersecurity \
authority take the first step and run the secretariat, while industry co-writes and co-adopts the \
sector plan. It brings together:

- a **Public Authorities Council** (health policy, the national CSIRT, the regulator and the \
public health service);
- a **Health Industry Council** (hospitals, manufacturers large and small, suppliers, insurers, \
an open-source community and the European Health ISAC);
- a **Joint Health Cybersecurity Working Group** that adopts the plan and follows up commitments.

Small and micro enterprises, which make up almost all businesses in the sector, have a light \
membership route.

*Demo data: organisations marked \"(demo)\", all people and all commitments are fictional.*",
        registered: When::At("2024-03-04 09:00"),
    }
}

const ORG: OrgSpec = OrgSpec {
    slug: "",
    name: "",
    short_name: "",
    kind: K::GovernmentAgency,
    side: Side::Public,
    size: S::Large,
    country: "IE",
    segment: "",
    website: "",
    description: "",
};

fn organisations() -> Vec<OrgSpec> {
    let private = OrgSpec {
        side: Side::Private,
        ..ORG
    };
    let non_profit = OrgSpec {
        side: Side::NonProfit,
        kind: K::NonProfit,
        ..ORG
    };
    vec![
        OrgSpec {
            slug: "doh",
            name: "Department of Health (demo)",
            short_name: "DoH",
            segment: "Government",
            description: "The health ministry; leads the partnership and runs its secretariat.",
            ..ORG
        },
        OrgSpec {
            slug: "ncsc",
            name: "National Cyber Security Centre (demo)",
            short_name: "NCSC",
            size: S::Medium,
            segment: "Government",
            description: "The national CSIRT and NIS2 competent authority for the health sector.",
            ..ORG
        },
        OrgSpec {
            slug: "regulator",
            name: "Health Products Regulator (demo)",
            short_name: "HPR",
            kind: K::Regulator,
            size: S::Medium,
            segment: "Government",
            description: "Supervises medicines and medical devices on the national market.",
            ..ORG
        },
        OrgSpec {
            slug: "phso",
            name: "Public Health Service Operator (demo)",
            short_name: "PHSO",
            kind: K::HealthcareProvider,
            segment: "Direct patient care",
            description: "Runs the public hospitals and community health services.",
            ..ORG
        },
        OrgSpec {
            slug: "liffey",
            name: "Liffey Private Hospital Group (demo)",
            short_name: "Liffey",
            kind: K::HealthcareProvider,
            segment: "Direct patient care",
            description: "Six private hospitals and a network of day clinics.",
            ..private
        },
        OrgSpec {
            slug: "shannon",
            name: "Shannon Medical Devices (demo)",
            short_name: "Shannon",
            kind: K::MedicalDeviceMaker,
            segment: "Medical technology",
            description: "Manufactures cardiovascular and respiratory devices for export.",
            ..private
        },
        OrgSpec {
            slug: "corrib",
            name: "Corrib Diagnostics (demo)",
            short_name: "Corrib",
            kind: K::MedicalDeviceMaker,
            size: S::Small,
            segment: "Medical technology",
            description: "Makes point-of-care diagnostic analysers; 35 staff.",
            ..private
        },
        OrgSpec {
            slug: "burren",
            name: "Burren Health Tech (demo)",
            short_name: "Burren",
            kind: K::MedicalDeviceMaker,
            size: S::Micro,
            segment: "Medical technology",
            description: "A four-person start-up building software as a medical device for \
                          remote rehabilitation.",
            ..private
        },
        OrgSpec {
            slug: "atlantic",
            name: "Atlantic Sterile Supplies (demo)",
            short_name: "Atlantic",
            kind: K::Supplier,
            size: S::Medium,
            segment: "Supply chain",
            description: "Sterilisation services and surgical supplies for hospitals.",
            ..private
        },
        OrgSpec {
            slug: "claddagh",
            name: "Claddagh Pharma (demo)",
            short_name: "Claddagh",
            kind: K::Pharmaceutical,
            size: S::Medium,
            segment: "Pharmaceuticals",
            description: "Manufactures active pharmaceutical ingredients.",
            ..private
        },
        OrgSpec {
            slug: "emerald",
            name: "Emerald Health Insurance (demo)",
            short_name: "Emerald",
            kind: K::Insurer,
            segment: "Health insurance",
            description: "A private health insurer.",
            ..private
        },
        OrgSpec {
            slug: "eh-isac",
            name: "European Health ISAC",
            short_name: "EH-ISAC",
            kind: K::Isac,
            size: S::Small,
            country: "EU",
            segment: "Information sharing",
            description: "A non-profit information sharing and analysis centre for the European \
                          health sector, founded in 2023, working with sector CERTs, national \
                          authorities and ENISA.",
            ..non_profit
        },
        OrgSpec {
            slug: "ocit",
            name: "Open Clinical Imaging Toolkit community (demo)",
            short_name: "OCIT",
            kind: K::OpenSourceCommunity,
            size: S::Micro,
            segment: "Medical technology",
            description: "Volunteers maintaining an open-source imaging toolkit used in hospital \
                          research departments.",
            ..non_profit
        },
        OrgSpec {
            slug: "uhii",
            name: "University Health Informatics Institute (demo)",
            short_name: "UHII",
            kind: K::Academic,
            size: S::Medium,
            segment: "Research",
            description: "Research on health data security and clinical system resilience.",
            ..non_profit
        },
    ]
}

/// People as (organisation, e-mail, name, job title).
#[rustfmt::skip]
const PEOPLE: &[(&str, &str, &str, &str)] = &[
    ("doh", "secretariat@health-ie.example", "Siobhán Kelly", "Partnership Secretariat"),
    ("doh", "conor.byrne@health-ie.example", "Conor Byrne", "Principal Officer, eHealth Policy"),
    ("ncsc", "aoife.murphy@ncsc-ie.example", "Aoife Murphy", "Head of Health Sector Engagement"),
    ("ncsc", "declan.osullivan@ncsc-ie.example", "Declan O'Sullivan", "CSIRT Analyst"),
    ("regulator", "niamh.walsh@hpr-ie.example", "Niamh Walsh", "Medical Device Software Lead"),
    ("regulator", "brian.doyle@hpr-ie.example", "Brian Doyle", "Market Surveillance Officer"),
    ("phso", "ciaran.nolan@phso-ie.example", "Ciarán Nolan", "Chief Information Security Officer"),
    ("phso", "roisin.power@phso-ie.example", "Róisín Power", "Head of Clinical Systems Resilience"),
    ("liffey", "emma.fitzgerald@liffeyhospitals.example", "Emma Fitzgerald", "Group CISO"),
    ("liffey", "sean.gallagher@liffeyhospitals.example", "Seán Gallagher", "IT Operations Manager"),
    ("shannon", "orla.keane@shannonmed.example", "Orla Keane", "Director of Product Security"),
    ("shannon", "padraig.quinn@shannonmed.example", "Pádraig Quinn", "Regulatory Affairs Manager"),
    ("corrib", "maeve.dunne@corrib.example", "Maeve Dunne", "Chief Executive"),
    ("corrib", "kevin.lynch@corrib.example", "Kevin Lynch", "Software Lead"),
    ("burren", "eoin.brady@burren.example", "Eoin Brady", "Founder"),
    ("burren", "sarah.oconnor@burren.example", "Sarah O'Connor", "Quality Lead"),
    ("atlantic", "gerard.flynn@atlanticsterile.example", "Gerard Flynn", "Operations Director"),
    ("claddagh", "fiona.healy@claddagh.example", "Fiona Healy", "Site IT Manager"),
    ("claddagh", "liam.carroll@claddagh.example", "Liam Carroll", "OT Security Engineer"),
    ("emerald", "tadhg.moran@emeraldhealth.example", "Tadhg Moran", "Head of Information Security"),
    ("eh-isac", "katrin.vogel@eh-isac.example", "Katrin Vogel", "Liaison to National Partnerships"),
    ("eh-isac", "marco.bianchi@eh-isac.example", "Marco Bianchi", "Threat Analyst"),
    ("ocit", "cian.dolan@ocit.example", "Cian Dolan", "Core Maintainer"),
    ("ocit", "ailbhe.ryan@ocit.example", "Ailbhe Ryan", "Release Manager"),
    ("uhii", "deirdre.keogh@uhii.example", "Deirdre Keogh", "Professor of Health Informatics"),
];

/// The people one can sign in as with the demo password: the secretariat, the conveners of
/// the joint working group, and two more voters (one per side).
const DEMO_ROLES: &[(&str, &str)] = &[
    ("secretariat@health-ie.example", "secretariat (IE)"),
    (
        "conor.byrne@health-ie.example",
        "convener, public side (IE)",
    ),
    (
        "emma.fitzgerald@liffeyhospitals.example",
        "convener, private side (IE)",
    ),
    ("aoife.murphy@ncsc-ie.example", "voter, public side (IE)"),
    ("orla.keane@shannonmed.example", "voter, private side (IE)"),
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
            slug: "public-authorities",
            name: "Public Authorities Council",
            short_name: "PAC",
            kind: CouncilKind::Gcc,
            description: "The public members: health policy, the national CSIRT and competent \
                          authority, the regulator and the public health service.",
            chair: "conor.byrne@health-ie.example",
            secretariat: Some("doh"),
            seats: vec![
                seat("doh", "conor.byrne@health-ie.example", Some("secretariat@health-ie.example"), "2024-03-04"),
                seat("ncsc", "aoife.murphy@ncsc-ie.example", Some("declan.osullivan@ncsc-ie.example"), "2024-03-04"),
                seat("regulator", "niamh.walsh@hpr-ie.example", Some("brian.doyle@hpr-ie.example"), "2024-03-04"),
                seat("phso", "ciaran.nolan@phso-ie.example", Some("roisin.power@phso-ie.example"), "2024-03-04"),
            ],
        },
        CouncilSpec {
            slug: "health-industry",
            name: "Health Industry Council",
            short_name: "HIC",
            kind: CouncilKind::Scc,
            description: "Private and non-profit members, from hospital groups and manufacturers \
                          to a micro start-up and an open-source community.",
            chair: "emma.fitzgerald@liffeyhospitals.example",
            secretariat: None,
            seats: vec![
                seat("liffey", "emma.fitzgerald@liffeyhospitals.example", Some("sean.gallagher@liffeyhospitals.example"), "2024-04-01"),
                seat("shannon", "orla.keane@shannonmed.example", Some("padraig.quinn@shannonmed.example"), "2024-04-01"),
                seat("corrib", "maeve.dunne@corrib.example", Some("kevin.lynch@corrib.example"), "2024-04-01"),
                seat("burren", "eoin.brady@burren.example", Some("sarah.oconnor@burren.example"), "2025-03-01"),
                seat("atlantic", "gerard.flynn@atlanticsterile.example", None, "2024-04-01"),
                seat("claddagh", "fiona.healy@claddagh.example", Some("liam.carroll@claddagh.example"), "2024-04-01"),
                seat("emerald", "tadhg.moran@emeraldhealth.example", None, "2024-04-01"),
                seat("eh-isac", "katrin.vogel@eh-isac.example", Some("marco.bianchi@eh-isac.example"), "2024-04-01"),
                seat("ocit", "cian.dolan@ocit.example", Some("ailbhe.ryan@ocit.example"), "2025-01-15"),
                seat("uhii", "deirdre.keogh@uhii.example", None, "2024-04-01"),
            ],
        },
    ]
}

#[rustfmt::skip]
fn groups() -> Vec<GroupSpec> {
    vec![GroupSpec {
        slug: "joint-wg",
        name: "Joint Health Cybersecurity Working Group",
        short_name: "JHCWG",
        council: None,
        summary: "Members of both councils adopting the sector plan and following up commitments.",
        charter: "\
## Purpose

Prepare the health sector for NIS2 together, adopt the sector cybersecurity plan and follow up \
what members commit to.

## Decisions

A quorum of half the voting members. The plan is adopted by a two-thirds majority that holds \
among public and among industry members separately. Micro and small enterprises vote like \
everyone else.",
        charter_tlp: Tlp::Clear,
        conveners: vec![
            ConvenerSpec { person: "conor.byrne@health-ie.example", side: Side::Public, start: "2024-06-01", end: None },
            ConvenerSpec { person: "emma.fitzgerald@liffeyhospitals.example", side: Side::Private, start: "2024-06-01", end: None },
        ],
        seats: vec![
            seat("doh", "conor.byrne@health-ie.example", Some("secretariat@health-ie.example"), "2024-06-01"),
            seat("ncsc", "aoife.murphy@ncsc-ie.example", Some("declan.osullivan@ncsc-ie.example"), "2024-06-01"),
            seat("regulator", "niamh.walsh@hpr-ie.example", None, "2024-06-01"),
            seat("phso", "roisin.power@phso-ie.example", Some("ciaran.nolan@phso-ie.example"), "2024-06-01"),
            seat("liffey", "emma.fitzgerald@liffeyhospitals.example", Some("sean.gallagher@liffeyhospitals.example"), "2024-06-01"),
            seat("shannon", "orla.keane@shannonmed.example", Some("padraig.quinn@shannonmed.example"), "2024-06-01"),
            seat("corrib", "kevin.lynch@corrib.example", Some("maeve.dunne@corrib.example"), "2024-06-01"),
            seat("burren", "eoin.brady@burren.example", None, "2025-03-01"),
            seat("atlantic", "gerard.flynn@atlanticsterile.example", None, "2024-06-01"),
            seat("claddagh", "liam.carroll@claddagh.example", Some("fiona.healy@claddagh.example"), "2024-06-01"),
            seat("emerald", "tadhg.moran@emeraldhealth.example", None, "2024-06-01"),
            seat("eh-isac", "katrin.vogel@eh-isac.example", Some("marco.bianchi@eh-isac.example"), "2024-06-01"),
            seat("ocit", "cian.dolan@ocit.example", None, "2025-01-15"),
            seat("uhii", "deirdre.keogh@uhii.example", None, "2024-06-01").observer(),
        ],
    }]
}

fn focal_points() -> Vec<FocalPointSpec> {
    vec![
        FocalPointSpec {
            key: "nfp",
            kind: FocalPointKind::National,
            person: "aoife.murphy@ncsc-ie.example",
            scope: Scope::Partnership,
            title: "National focal point for health-sector cybersecurity",
            start: "2024-10-17",
            end: None,
            public_channel: "health-partnership@ncsc-ie.example",
            phone: "+353 1 555 0140",
            contact_tlp: Tlp::Green,
        },
        FocalPointSpec {
            key: "expert-shannon",
            kind: FocalPointKind::IndustrySeniorExpert,
            person: "orla.keane@shannonmed.example",
            scope: Scope::Partnership,
            title: "Industry senior cybersecurity expert (medical technology)",
            start: "2024-06-01",
            end: None,
            public_channel: "security@shannonmed.example",
            phone: "+353 61 555 0123",
            contact_tlp: Tlp::Green,
        },
        FocalPointSpec {
            key: "isac",
            kind: FocalPointKind::IsacLiaison,
            person: "katrin.vogel@eh-isac.example",
            scope: Scope::Group("joint-wg"),
            title: "European Health ISAC liaison",
            start: "2024-06-01",
            end: None,
            public_channel: "national-partners@eh-isac.example",
            phone: "+32 2 555 0160",
            contact_tlp: Tlp::Green,
        },
    ]
}

// ----- the plan -----

const SECTION: SectionSpec = SectionSpec {
    key: "",
    title: "",
    body: "",
    tlp: Tlp::Clear,
    owner: None,
    recipients: Vec::new(),
};

const OBJECTIVE: ObjectiveSpec = ObjectiveSpec {
    key: "",
    title: "",
    description: "",
    tlp: Tlp::Clear,
    owner: None,
    measures: Vec::new(),
};

fn plan() -> PlanSpec {
    PlanSpec {
        title: "Irish Health Sector Cybersecurity Plan",
        group: "joint-wg",
        versions: vec![VersionSpec {
            number: 1,
            title: "Health Sector Cybersecurity Plan 2025–2027",
            summary: "Three goals for the first period under NIS2: meet the directive's obligations, \
                      protect patients from ransomware, and bring small companies and open-source \
                      projects into the partnership.",
            tlp: Tlp::Clear,
            created_by: "secretariat@health-ie.example",
            created: When::At("2025-01-20 10:00"),
            based_on: None,
            submitted: Some(When::At("2025-09-15 12:00")),
            published: Some(When::At("2025-10-20 11:00")),
            editors: vec!["orla.keane@shannonmed.example"],
            sections: sections(),
            goals: goals(),
            edits: vec![],
        }],
    }
}

fn sections() -> Vec<SectionSpec> {
    vec![
        SectionSpec {
            key: "context",
            title: "NIS2 and the national context",
            body: "\
NIS2 places hospitals and other healthcare providers, reference laboratories, pharmaceutical \
research and manufacturing, and makers of critical medical devices among the essential and \
important entities that must manage cybersecurity risk and report significant incidents. \
National law transposing the directive applies to organisations that had never been regulated \
for cybersecurity before, many of them small.",
            ..SECTION
        },
        SectionSpec {
            key: "risk-landscape",
            title: "Risk landscape",
            body: "\
ENISA's study of health-sector incidents between January 2021 and March 2023 found ransomware \
behind slightly more than half of them, and healthcare providers the most frequent victims. \
The national experience matches: an attack on a health service can stop diagnostics, \
scheduling and records for weeks.",
            ..SECTION
        },
        SectionSpec {
            key: "partnership-model",
            title: "How the partnership works",
            body: "\
The public side takes the first step: it runs the secretariat, names the national focal point \
and drafts the plan. Industry co-writes and co-adopts it through the joint working group, and \
appoints senior cybersecurity experts. The European Health ISAC links the partnership to \
early warnings from other member states.",
            tlp: Tlp::Green,
            ..SECTION
        },
    ]
}

fn goals() -> Vec<GoalSpec> {
    vec![
        GoalSpec {
            key: "G1",
            title: "Meet NIS2 obligations across the health sector",
            description: "Every essential and important health entity knows its obligations and meets them.",
            tlp: Tlp::Clear,
            objectives: vec![
                ObjectiveSpec {
                    key: "G1.O1",
                    title: "Register every essential and important health entity",
                    description: "Identify the entities in scope and make sure each has registered \
                                  with the competent authority and named a contact.",
                    measures: vec![percent(
                        "Entities in scope registered",
                        40.0,
                        100.0,
                        "2026-06-30",
                    )],
                    ..OBJECTIVE
                },
                ObjectiveSpec {
                    key: "G1.O2",
                    title: "Risk-management measures in every hospital group",
                    description: "Hospital groups adopt the directive's risk-management measures, \
                                  with management accountable for them.",
                    measures: vec![percent(
                        "Hospital groups with an approved risk-management plan",
                        30.0,
                        100.0,
                        "2026-12-31",
                    )],
                    ..OBJECTIVE
                },
                ObjectiveSpec {
                    key: "G1.O3",
                    title: "Report significant incidents on time",
                    description: "An early warning within 24 hours and a notification within 72 \
                                  hours, using a common template.",
                    ..OBJECTIVE
                },
            ],
        },
        GoalSpec {
            key: "G2",
            title: "Protect patients from ransomware",
            description: "Hospitals can keep caring for patients during an attack and recover quickly.",
            tlp: Tlp::Clear,
            objectives: vec![
                ObjectiveSpec {
                    key: "G2.O1",
                    title: "Offline, tested backups of clinical systems",
                    description: "Backups that ransomware cannot reach, restored in a test at least twice a year.",
                    measures: vec![percent(
                        "Acute hospitals with a successful restore test in the last six months",
                        25.0,
                        90.0,
                        "2026-12-31",
                    )],
                    ..OBJECTIVE
                },
                ObjectiveSpec {
                    key: "G2.O2",
                    title: "Shared early warning through the European Health ISAC",
                    description: "Alerts from other member states reach Irish members the same day.",
                    ..OBJECTIVE
                },
            ],
        },
        GoalSpec {
            key: "G3",
            title: "Bring SMEs, start-ups and open-source projects into the partnership",
            description: "Small organisations take part on terms they can afford.",
            tlp: Tlp::Clear,
            objectives: vec![
                ObjectiveSpec {
                    key: "G3.O1",
                    title: "A light membership route for micro and small enterprises",
                    description: "No fees, short reporting and shared templates for companies under fifty people.",
                    measures: vec![count(
                        "Micro and small members",
                        3.0,
                        25.0,
                        "organisations",
                        "2027-06-30",
                    )],
                    ..OBJECTIVE
                },
                ObjectiveSpec {
                    key: "G3.O2",
                    title: "Security help for open-source clinical software",
                    description: "Audits and maintainer support for open-source tools used in hospitals.",
                    ..OBJECTIVE
                },
            ],
        },
    ]
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
    vec![
        CommitmentSpec {
            key: "phso-backups",
            org: "phso",
            objective: "G2.O1",
            title: "Offline backups and restore tests for all acute hospitals",
            description: "Immutable backups for the record, laboratory and imaging systems, with \
                          twice-yearly restore tests.",
            deliverable: "Restore tests passed in all acute hospitals",
            start: -280,
            due: 90,
            tlp: Tlp::Clear,
            proposed_by: "roisin.power@phso-ie.example",
            accepted: Some(When::Days(-275)),
            updates: vec![
                update(
                    -200,
                    25,
                    "Immutable storage in place for the record system.",
                ),
                update(
                    -100,
                    50,
                    "Laboratory systems covered; first restore tests passed.",
                ),
                update(
                    -20,
                    65,
                    "Imaging archives in progress; 19 of 29 hospitals tested.",
                ),
            ],
            ..COMMITMENT
        },
        CommitmentSpec {
            key: "liffey-measures",
            org: "liffey",
            objective: "G1.O2",
            title: "NIS2 risk-management plan approved by the group board",
            description: "A gap analysis against the directive's measures and a plan the board owns.",
            deliverable: "Board-approved plan",
            start: -300,
            due: -60,
            status: C::Completed,
            proposed_by: "emma.fitzgerald@liffeyhospitals.example",
            accepted: Some(When::Days(-295)),
            updates: vec![
                update(-220, 50, "Gap analysis done."),
                update(-70, 100, "Plan approved by the board."),
            ],
            ..COMMITMENT
        },
        CommitmentSpec {
            key: "shannon-reporting",
            org: "shannon",
            objective: "G1.O3",
            title: "Test the 24-hour early warning with the national CSIRT",
            description: "A dry run of the reporting chain from plant to national CSIRT.",
            deliverable: "Exercise report",
            start: -30,
            due: 200,
            status: C::Accepted,
            proposed_by: "orla.keane@shannonmed.example",
            accepted: Some(When::Days(-25)),
            ..COMMITMENT
        },
        CommitmentSpec {
            key: "corrib-light-route",
            org: "corrib",
            objective: "G3.O1",
            title: "Pilot the light membership route and report its real cost",
            description: "Corrib records the hours the partnership costs a 35-person company.",
            deliverable: "Cost report to the working group",
            start: -150,
            due: 120,
            proposed_by: "maeve.dunne@corrib.example",
            accepted: Some(When::Days(-145)),
            updates: vec![update(
                -90,
                40,
                "About three hours a month so far, mostly reading alerts.",
            )],
            ..COMMITMENT
        },
        CommitmentSpec {
            key: "burren-templates",
            org: "burren",
            objective: "G3.O1",
            title: "Share our security templates with other start-ups",
            description: "Publish the threat model and disclosure policy templates Burren wrote for \
                          its own certification.",
            deliverable: "Templates published",
            start: 20,
            due: 180,
            status: C::Proposed,
            proposed_by: "eoin.brady@burren.example",
            ..COMMITMENT
        },
        CommitmentSpec {
            key: "ehisac-warning",
            org: "eh-isac",
            objective: "G2.O2",
            title: "Same-day relay of European alerts to Irish members",
            description: "Relay alerts from other national partnerships to Irish members on the day \
                          they are received.",
            deliverable: "Relay running with a same-day target",
            start: -250,
            due: 60,
            proposed_by: "katrin.vogel@eh-isac.example",
            accepted: Some(When::Days(-245)),
            updates: vec![
                update(-180, 30, "Relay set up with the national CSIRT."),
                update(-60, 60, "Same-day relay for 90% of alerts.")
                    .evidence("https://eh-isac.example/reports/relay"),
            ],
            ..COMMITMENT
        },
        CommitmentSpec {
            key: "ocit-audit",
            org: "ocit",
            objective: "G3.O2",
            title: "Security audit of the imaging toolkit",
            description: "An outside review of the toolkit's network services.",
            deliverable: "Audit report and fixes",
            start: -200,
            due: -20,
            status: C::AtRisk,
            proposed_by: "cian.dolan@ocit.example",
            accepted: Some(When::Days(-195)),
            updates: vec![
                update(-150, 20, "Auditor found; funding agreed."),
                update(
                    -100,
                    35,
                    "Two maintainers left; fixes are waiting for reviewers.",
                ),
            ],
            ..COMMITMENT
        },
        CommitmentSpec {
            key: "ncsc-register",
            org: "ncsc",
            objective: "G1.O1",
            title: "Register the health entities in scope",
            description: "Contact every entity in scope and help them register.",
            deliverable: "Register complete",
            start: -330,
            due: -120,
            status: C::Completed,
            tlp: Tlp::Clear,
            proposed_by: "aoife.murphy@ncsc-ie.example",
            accepted: Some(When::Days(-325)),
            updates: vec![
                update(-250, 60, "Letters sent to all entities in scope."),
                update(-130, 100, "All entities in scope registered."),
            ],
            ..COMMITMENT
        },
        CommitmentSpec {
            key: "claddagh-measures",
            org: "claddagh",
            objective: "G1.O2",
            title: "Risk-management measures for the manufacturing site",
            description: "Withdrawn: covered by the parent company's group programme.",
            deliverable: "Site risk-management plan",
            start: -150,
            due: 100,
            status: C::Withdrawn,
            proposed_by: "liam.carroll@claddagh.example",
            ..COMMITMENT
        },
    ]
}

// ----- motions -----

fn motions() -> Vec<MotionSpec> {
    let motion = MotionSpec {
        key: "",
        group: "joint-wg",
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
        proposed_by: "conor.byrne@health-ie.example",
        recusals: Vec::new(),
        proxies: Vec::new(),
        ballots: Vec::new(),
    };
    vec![
        MotionSpec {
            key: "adopt-v1",
            subject: Subject::AdoptVersion(1),
            title: "Adopt the Health Sector Cybersecurity Plan 2025–2027",
            body: "Adoption needs two thirds of the votes among public members and among industry members.",
            tlp: Tlp::Clear,
            quorum: 60,
            threshold: Threshold::TwoThirds,
            dual: true,
            opens: When::At("2025-09-29 10:00"),
            closes: When::At("2025-10-10 17:00"),
            state: MotionState::Closed(MotionOutcome::Carried),
            proposed_by: "secretariat@health-ie.example",
            ballots: vec![
                ballot("doh", Y, "conor.byrne@health-ie.example", 1),
                ballot("ncsc", Y, "aoife.murphy@ncsc-ie.example", 3),
                ballot("regulator", A, "niamh.walsh@hpr-ie.example", 50),
                ballot("phso", Y, "roisin.power@phso-ie.example", 24),
                ballot("liffey", Y, "emma.fitzgerald@liffeyhospitals.example", 2),
                ballot("shannon", Y, "orla.keane@shannonmed.example", 5),
                ballot("corrib", Y, "kevin.lynch@corrib.example", 30),
                ballot("burren", Y, "eoin.brady@burren.example", 75),
                ballot("claddagh", N, "liam.carroll@claddagh.example", 49),
                ballot("emerald", Y, "tadhg.moran@emeraldhealth.example", 28),
                ballot("eh-isac", Y, "katrin.vogel@eh-isac.example", 6),
                ballot("ocit", Y, "cian.dolan@ocit.example", 100),
            ],
            ..motion.clone()
        },
        MotionSpec {
            key: "notification-template",
            title: "Endorse a common incident-notification template for hospitals",
            body: "One template for the 24-hour early warning and the 72-hour notification, agreed \
                   with the national CSIRT, so that hospitals do not write the same facts three times.",
            opens: When::Hours(-26),
            closes: When::Days(6),
            state: MotionState::Open,
            proposed_by: "aoife.murphy@ncsc-ie.example",
            ballots: vec![
                ballot("doh", Y, "conor.byrne@health-ie.example", 2),
                ballot("ncsc", Y, "declan.osullivan@ncsc-ie.example", 3),
                ballot("liffey", Y, "sean.gallagher@liffeyhospitals.example", 5),
                ballot("eh-isac", Y, "marco.bianchi@eh-isac.example", 9),
                ballot("corrib", A, "maeve.dunne@corrib.example", 20),
            ],
            ..motion
        },
    ]
}

fn comments() -> Vec<CommentSpec> {
    vec![
        CommentSpec {
            key: "template-sme",
            on: On::Motion("notification-template"),
            reply_to: None,
            author: "maeve.dunne@corrib.example",
            body: "We abstain for now: the template asks for log extracts a 35-person company \
                   will not have within 24 hours. Could the early warning keep those optional?",
            tlp: Tlp::Green,
            at: When::Hours(-5),
            resolved: None,
        },
        CommentSpec {
            key: "ocit-audit-help",
            on: On::Commitment("ocit-audit"),
            reply_to: None,
            author: "secretariat@health-ie.example",
            body: "The University Health Informatics Institute has offered two reviewers for the \
                   audit fixes; we will put you in touch.",
            tlp: Tlp::Green,
            at: When::Days(-15),
            resolved: None,
        },
    ]
}
