//! The participation report: who holds the seats and the votes of a partnership, by side,
//! by organisation kind and by size class, with the share held by SMEs.
//!
//! Pure aggregation over plain facts: the caller loads the partnership's organisations and
//! the current seats on the bodies the viewer may see, and [`aggregate`] counts them. No
//! I/O and no TLP decision here; what is passed in is what is counted. Shares are whole
//! tenths of a percent, each rounded on its own (half up), so that equal counts always show
//! equal shares; a breakdown's shares therefore add up to 100 % give or take the rounding
//! (the exact shares add up to 100 %), and are 0, never NaN, when there is nothing to share.

use crate::domain::csv::CsvWriter;
use crate::domain::partnership::{OrganisationKind, Side, SizeClass};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// An organisation of the partnership, with the categories the report counts it in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OrganisationFacts {
    /// The organisation's id.
    pub id: i64,
    /// Public, private or non-profit.
    pub side: Side,
    /// What it is.
    pub kind: OrganisationKind,
    /// Its size class.
    pub size_class: SizeClass,
}

/// One current seat, on a council or in a working group, that the report counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SeatFacts {
    /// The organisation holding it.
    pub organisation: OrganisationFacts,
    /// Whether it carries a vote (only working-group seats do).
    pub is_voting: bool,
}

/// A way of grouping organisations.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Dimension {
    /// Public, private, non-profit.
    Side,
    /// Organisation kind.
    Kind,
    /// Size class.
    SizeClass,
}

impl Dimension {
    /// Stable code, for CSV files and element ids.
    pub const fn code(self) -> &'static str {
        match self {
            Dimension::Side => "side",
            Dimension::Kind => "kind",
            Dimension::SizeClass => "size_class",
        }
    }

    /// "by side", "by organisation kind" …, for headings and captions.
    pub const fn by_label(self) -> &'static str {
        match self {
            Dimension::Side => "by side",
            Dimension::Kind => "by organisation kind",
            Dimension::SizeClass => "by size class",
        }
    }
}

/// The counts of one category (or of all of them, for a totals row).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParticipationRow {
    /// The category's stable code (`""` for a totals row).
    pub code: String,
    /// The category's label ("Total" for a totals row).
    pub label: String,
    /// Organisations registered in the partnership.
    pub registered: i64,
    /// Of those, the ones holding at least one counted seat.
    pub taking_part: i64,
    /// Counted seats.
    pub seats: i64,
    /// Counted seats that carry a vote.
    pub voting_rights: i64,
    /// This row's share of all voting rights, in tenths of a percent (0..=1000).
    pub voting_share_tenths: i64,
    /// This row's share of all organisations taking part, in tenths of a percent.
    pub taking_part_share_tenths: i64,
}

/// One breakdown: a row per category, and the totals.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Breakdown {
    /// What the rows group by.
    pub dimension: Dimension,
    /// One row per category.
    pub rows: Vec<ParticipationRow>,
    /// The sums of the rows.
    pub total: ParticipationRow,
}

/// What SMEs (micro, small and medium organisations) hold.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SmeShare {
    /// SMEs registered in the partnership.
    pub registered: i64,
    /// SMEs holding at least one counted seat.
    pub taking_part: i64,
    /// Seats SMEs hold.
    pub seats: i64,
    /// Voting rights SMEs hold.
    pub voting_rights: i64,
    /// SMEs' share of the organisations taking part, in tenths of a percent.
    pub taking_part_share_tenths: i64,
    /// SMEs' share of the voting rights, in tenths of a percent.
    pub voting_share_tenths: i64,
}

/// The whole report.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Participation {
    /// Public, private, non-profit (every side, even when empty).
    pub by_side: Breakdown,
    /// Organisation kinds that have a registered organisation.
    pub by_kind: Breakdown,
    /// Micro to large (every class, even when empty).
    pub by_size: Breakdown,
    /// The SME line.
    pub sme: SmeShare,
}

/// The header row of [`Participation::to_csv`].
pub const CSV_HEADER: [&str; 8] = [
    "dimension",
    "category",
    "registered_organisations",
    "organisations_taking_part",
    "seats",
    "voting_rights",
    "voting_rights_share_percent",
    "organisations_taking_part_share_percent",
];

impl Participation {
    /// The three breakdowns, in reading order.
    pub fn breakdowns(&self) -> [&Breakdown; 3] {
        [&self.by_side, &self.by_kind, &self.by_size]
    }

    /// The report as CSV (RFC 4180, CRLF line ends): [`CSV_HEADER`], then each breakdown's
    /// rows and its totals row (category `Total`), then one `sme` row.
    pub fn to_csv(&self) -> String {
        let mut csv = CsvWriter::new();
        csv.row(CSV_HEADER);
        for breakdown in self.breakdowns() {
            for row in breakdown.rows.iter().chain([&breakdown.total]) {
                csv.row(csv_cells(breakdown.dimension.code(), row));
            }
        }
        let sme = &self.sme;
        csv.row(csv_cells(
            "sme",
            &ParticipationRow {
                code: "sme".to_owned(),
                label: SME_LABEL.to_owned(),
                registered: sme.registered,
                taking_part: sme.taking_part,
                seats: sme.seats,
                voting_rights: sme.voting_rights,
                voting_share_tenths: sme.voting_share_tenths,
                taking_part_share_tenths: sme.taking_part_share_tenths,
            },
        ));
        csv.finish()
    }
}

/// How SMEs are named in the report.
pub const SME_LABEL: &str = "SMEs (micro, small and medium)";

fn csv_cells(dimension: &str, row: &ParticipationRow) -> [String; 8] {
    [
        dimension.to_owned(),
        row.label.clone(),
        row.registered.to_string(),
        row.taking_part.to_string(),
        row.seats.to_string(),
        row.voting_rights.to_string(),
        percent(row.voting_share_tenths),
        percent(row.taking_part_share_tenths),
    ]
}

/// Tenths of a percent as a decimal number with one decimal, e.g. `333` → `33.3`.
pub fn percent(tenths: i64) -> String {
    let sign = if tenths < 0 { "-" } else { "" };
    let abs = tenths.unsigned_abs();
    [sign, &(abs / 10).to_string(), ".", &(abs % 10).to_string()].concat()
}

/// Counts the seats, voting rights and organisations per category.
///
/// `organisations` are all the partnership's organisations (the registered counts); `seats`
/// are the current seats to count, already restricted to the bodies the viewer may see. A
/// seat of an organisation missing from `organisations` still counts as a seat, and its
/// organisation as taking part.
pub fn aggregate(organisations: &[OrganisationFacts], seats: &[SeatFacts]) -> Participation {
    let mut by_id: BTreeMap<i64, OrganisationFacts> =
        organisations.iter().map(|o| (o.id, *o)).collect();
    let mut seated: BTreeMap<i64, (i64, i64)> = BTreeMap::new();
    for seat in seats {
        let counts = seated.entry(seat.organisation.id).or_default();
        counts.0 += 1;
        counts.1 += i64::from(seat.is_voting);
        by_id
            .entry(seat.organisation.id)
            .or_insert(seat.organisation);
    }
    // Missing organisations were added above so that seats never go uncounted, but they
    // are not registered: keep the registered set apart.
    let registered_ids: BTreeSet<i64> = organisations.iter().map(|o| o.id).collect();
    let tallies: Vec<Tally> = by_id
        .values()
        .map(|o| {
            let (seats, voting_rights) = seated.get(&o.id).copied().unwrap_or_default();
            Tally {
                organisation: *o,
                registered: registered_ids.contains(&o.id),
                seats,
                voting_rights,
            }
        })
        .collect();

    let by_side = breakdown(Dimension::Side, &tallies, Side::ALL, |o| o.side, true);
    let by_kind = breakdown(
        Dimension::Kind,
        &tallies,
        OrganisationKind::ALL,
        |o| o.kind,
        false,
    );
    let by_size = breakdown(
        Dimension::SizeClass,
        &tallies,
        SizeClass::ALL,
        |o| o.size_class,
        true,
    );

    let smes = sum(tallies
        .iter()
        .filter(|t| t.organisation.size_class.is_sme()));
    let sme = SmeShare {
        registered: smes.registered,
        taking_part: smes.taking_part,
        seats: smes.seats,
        voting_rights: smes.voting_rights,
        taking_part_share_tenths: share_tenths(smes.taking_part, by_size.total.taking_part),
        voting_share_tenths: share_tenths(smes.voting_rights, by_size.total.voting_rights),
    };
    Participation {
        by_side,
        by_kind,
        by_size,
        sme,
    }
}

struct Tally {
    organisation: OrganisationFacts,
    registered: bool,
    seats: i64,
    voting_rights: i64,
}

#[derive(Default)]
struct Sums {
    registered: i64,
    taking_part: i64,
    seats: i64,
    voting_rights: i64,
}

fn sum<'a>(tallies: impl Iterator<Item = &'a Tally>) -> Sums {
    tallies.fold(Sums::default(), |mut s, t| {
        s.registered += i64::from(t.registered);
        s.taking_part += i64::from(t.seats > 0);
        s.seats += t.seats;
        s.voting_rights += t.voting_rights;
        s
    })
}

/// The code and label of a category.
trait Category: Copy + PartialEq {
    fn code(self) -> &'static str;
    fn label(self) -> &'static str;
}

macro_rules! category {
    ($($t:ty),+) => {$(
        impl Category for $t {
            fn code(self) -> &'static str { <$t>::code(self) }
            fn label(self) -> &'static str { <$t>::label(self) }
        }
    )+};
}
category!(Side, OrganisationKind, SizeClass);

fn breakdown<C: Category>(
    dimension: Dimension,
    tallies: &[Tally],
    categories: &[C],
    category_of: impl Fn(&OrganisationFacts) -> C,
    keep_empty: bool,
) -> Breakdown {
    let mut rows: Vec<ParticipationRow> = categories
        .iter()
        .map(|&c| {
            let s = sum(tallies.iter().filter(|t| category_of(&t.organisation) == c));
            ParticipationRow {
                code: c.code().to_owned(),
                label: c.label().to_owned(),
                registered: s.registered,
                taking_part: s.taking_part,
                seats: s.seats,
                voting_rights: s.voting_rights,
                voting_share_tenths: 0,
                taking_part_share_tenths: 0,
            }
        })
        .filter(|row| keep_empty || row.registered > 0 || row.seats > 0)
        .collect();
    let all = sum(tallies.iter());
    for row in &mut rows {
        row.voting_share_tenths = share_tenths(row.voting_rights, all.voting_rights);
        row.taking_part_share_tenths = share_tenths(row.taking_part, all.taking_part);
    }
    let total = ParticipationRow {
        code: String::new(),
        label: "Total".to_owned(),
        registered: all.registered,
        taking_part: all.taking_part,
        seats: all.seats,
        voting_rights: all.voting_rights,
        voting_share_tenths: if all.voting_rights > 0 { 1000 } else { 0 },
        taking_part_share_tenths: if all.taking_part > 0 { 1000 } else { 0 },
    };
    Breakdown {
        dimension,
        rows,
        total,
    }
}

/// `part` of `whole` in tenths of a percent, rounded half up; 0 when `whole` is 0.
pub fn share_tenths(part: i64, whole: i64) -> i64 {
    if whole <= 0 {
        return 0;
    }
    (part.saturating_mul(2000) + whole) / (2 * whole)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn org(
        id: i64,
        side: Side,
        kind: OrganisationKind,
        size_class: SizeClass,
    ) -> OrganisationFacts {
        OrganisationFacts {
            id,
            side,
            kind,
            size_class,
        }
    }

    fn seat(organisation: OrganisationFacts, is_voting: bool) -> SeatFacts {
        SeatFacts {
            organisation,
            is_voting,
        }
    }

    fn sample() -> (Vec<OrganisationFacts>, Vec<SeatFacts>) {
        use OrganisationKind as K;
        let agency = org(1, Side::Public, K::GovernmentAgency, SizeClass::Large);
        let hospital = org(2, Side::Private, K::HealthcareProvider, SizeClass::Large);
        let startup = org(3, Side::Private, K::MedicalDeviceMaker, SizeClass::Micro);
        let isac = org(4, Side::NonProfit, K::Isac, SizeClass::Small);
        let idle = org(5, Side::Private, K::Supplier, SizeClass::Medium);
        let seats = vec![
            seat(agency, false),
            seat(agency, true),
            seat(hospital, false),
            seat(hospital, true),
            seat(startup, true),
            seat(isac, false),
        ];
        (vec![agency, hospital, startup, isac, idle], seats)
    }

    fn column(b: &Breakdown, f: impl Fn(&ParticipationRow) -> i64) -> i64 {
        b.rows.iter().map(f).sum()
    }

    #[test]
    fn every_breakdown_adds_up_to_its_totals() {
        let (orgs, seats) = sample();
        let report = aggregate(&orgs, &seats);
        for b in report.breakdowns() {
            assert_eq!(b.total.registered, 5, "{:?}", b.dimension);
            assert_eq!(b.total.taking_part, 4);
            assert_eq!(b.total.seats, 6);
            assert_eq!(b.total.voting_rights, 3);
            assert_eq!(column(b, |r| r.registered), b.total.registered);
            assert_eq!(column(b, |r| r.taking_part), b.total.taking_part);
            assert_eq!(column(b, |r| r.seats), b.total.seats);
            assert_eq!(column(b, |r| r.voting_rights), b.total.voting_rights);
        }
        let private = &report.by_side.rows[1];
        assert_eq!(
            (
                private.code.as_str(),
                private.registered,
                private.taking_part
            ),
            ("private", 3, 2)
        );
        assert_eq!((private.seats, private.voting_rights), (3, 2));
    }

    #[test]
    fn shares_sum_to_one_hundred_percent() {
        let (orgs, seats) = sample();
        let report = aggregate(&orgs, &seats);
        for b in report.breakdowns() {
            // Exactly, before rounding: the parts add up to the whole …
            assert_eq!(column(b, |r| r.voting_rights), b.total.voting_rights);
            // … and each rounded share is off by at most half a tenth.
            let shares = column(b, |r| r.voting_share_tenths);
            let slack = (b.rows.len() as i64 + 1) / 2;
            assert!(
                (shares - 1000).abs() <= slack,
                "{:?}: {shares}",
                b.dimension
            );
            assert_eq!(column(b, |r| r.taking_part_share_tenths), 1000);
            assert_eq!(b.total.voting_share_tenths, 1000);
        }
        // Sides: 1 + 2 + 0 of 3 voting rights.
        let sides: Vec<i64> = report
            .by_side
            .rows
            .iter()
            .map(|r| r.voting_share_tenths)
            .collect();
        assert_eq!(sides, [333, 667, 0]);
        // Equal counts show equal shares, even when the rounded shares miss 100.0 by 0.1.
        let thirds: Vec<i64> = [1, 1, 1].iter().map(|&c| share_tenths(c, 3)).collect();
        assert_eq!(thirds, [333, 333, 333]);
    }

    #[test]
    fn the_sme_line_counts_micro_small_and_medium() {
        let (orgs, seats) = sample();
        let sme = aggregate(&orgs, &seats).sme;
        // The start-up and the ISAC take part; the idle supplier is registered only.
        assert_eq!((sme.registered, sme.taking_part), (3, 2));
        assert_eq!((sme.seats, sme.voting_rights), (2, 1));
        assert_eq!(sme.taking_part_share_tenths, 500);
        assert_eq!(sme.voting_share_tenths, 333);
    }

    #[test]
    fn empty_input_gives_zeros_not_nan() {
        let report = aggregate(&[], &[]);
        assert_eq!(report.by_side.rows.len(), Side::ALL.len());
        assert_eq!(report.by_size.rows.len(), SizeClass::ALL.len());
        assert!(
            report.by_kind.rows.is_empty(),
            "no kind without organisations"
        );
        for b in report.breakdowns() {
            assert_eq!(
                b.total,
                ParticipationRow {
                    label: "Total".to_owned(),
                    ..ParticipationRow::default()
                }
            );
            assert!(
                b.rows
                    .iter()
                    .all(|r| r.voting_share_tenths == 0 && r.seats == 0)
            );
        }
        assert_eq!(report.sme, SmeShare::default());
        assert_eq!(share_tenths(3, 0), 0);
        assert!(report.to_csv().lines().all(|l| !l.contains("NaN")));
    }

    #[test]
    fn registered_organisations_without_seats_count_as_registered_only() {
        let (orgs, _) = sample();
        let report = aggregate(&orgs, &[]);
        assert_eq!(report.by_side.total.registered, 5);
        assert_eq!(report.by_side.total.taking_part, 0);
        assert!(
            report
                .by_side
                .rows
                .iter()
                .all(|r| r.voting_share_tenths == 0)
        );
        assert_eq!(
            report.by_kind.rows.len(),
            5,
            "kinds with a registered organisation"
        );
    }

    #[test]
    fn a_seat_of_an_unlisted_organisation_still_counts() {
        let stray = org(
            9,
            Side::Private,
            OrganisationKind::Supplier,
            SizeClass::Small,
        );
        let report = aggregate(&[], &[seat(stray, true)]);
        let total = &report.by_side.total;
        assert_eq!(
            (
                total.registered,
                total.taking_part,
                total.seats,
                total.voting_rights
            ),
            (0, 1, 1, 1)
        );
        assert_eq!(report.sme.voting_share_tenths, 1000);
    }

    #[test]
    fn percentages_have_one_decimal() {
        assert_eq!(percent(0), "0.0");
        assert_eq!(percent(333), "33.3");
        assert_eq!(percent(1000), "100.0");
        assert_eq!(share_tenths(1, 3), 333);
        assert_eq!(share_tenths(2, 3), 667);
    }

    #[test]
    fn the_csv_has_a_header_a_row_per_category_totals_and_the_sme_line() {
        let (orgs, seats) = sample();
        let csv = aggregate(&orgs, &seats).to_csv();
        let lines: Vec<&str> = csv.split("\r\n").collect();
        assert_eq!(lines[0], CSV_HEADER.join(","));
        assert!(lines.contains(&"side,Private,3,2,3,2,66.7,50.0"), "{csv}");
        assert!(lines.contains(&"side,Total,5,4,6,3,100.0,100.0"), "{csv}");
        assert!(
            lines.contains(&"sme,\"SMEs (micro, small and medium)\",3,2,2,1,33.3,50.0"),
            "{csv}"
        );
        // header + 3 sides + 5 kinds + 4 sizes + 3 totals + sme, and the final CRLF
        assert_eq!(lines.len(), 1 + 3 + 5 + 4 + 3 + 1 + 1);
        assert_eq!(lines.last(), Some(&""));
    }
}
