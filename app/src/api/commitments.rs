//! Commitments: a representative proposes what its organisation pledges towards an
//! objective of the published plan; the secretariat accepts it (or a carried "accept a
//! commitment" motion does, see `ssr::voting`); the organisation reports dated progress and
//! moves it through in progress, at risk and completed (or withdraws it). Overdue and stale
//! commitments are computed (`domain::commitment`) and listed. Commitments point at the
//! objective's stable key, so they follow it into the next plan version.
//!
//! Who may do what is `domain::access`: proposing and reporting is `ProposeCommitment` on a
//! record the actor's organisation owns (a representative of it); accepting is
//! `AcceptCommitment` (the secretariat).

use crate::domain::commitment::Progress;
use crate::domain::plan::CommitmentStatus;
use crate::domain::{Date, Tlp};
use crate::error::{AppError, FieldErrors};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// Longest description or narrative accepted, in characters.
pub const MAX_TEXT_CHARS: usize = 20_000;

/// A commitment as its form posts it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CommitmentInput {
    /// The objective's stable-key id.
    pub objective: String,
    /// Title.
    pub title: String,
    /// Markdown.
    pub description: String,
    /// What will be delivered.
    pub deliverable: String,
    /// `YYYY-MM-DD`.
    pub start_date: String,
    /// `YYYY-MM-DD`.
    pub due_date: String,
    /// TLP code.
    pub tlp: String,
}

/// A commitment's fields once checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidCommitment {
    /// The objective's stable-key id.
    pub objective_key_id: i64,
    /// Title.
    pub title: String,
    /// Markdown.
    pub description: String,
    /// Deliverable.
    pub deliverable: String,
    /// Start.
    pub start_date: Date,
    /// Due.
    pub due_date: Date,
    /// Label.
    pub tlp: Tlp,
}

fn markdown_error(field: &str, text: &str, errors: &mut FieldErrors) {
    if text.chars().count() > MAX_TEXT_CHARS {
        errors
            .entry(field.to_owned())
            .or_default()
            .push(format!("At most {MAX_TEXT_CHARS} characters."));
    } else if let Some(what) = crate::domain::text::active_content(text) {
        errors.entry(field.to_owned()).or_default().push(format!(
            "The text contains {what}, which is not allowed. Remove it, or put it in a code block \
             (between backticks) to show it as text."
        ));
    }
}

impl CommitmentInput {
    /// Checks every field that needs no database.
    pub fn validate(&self) -> Result<ValidCommitment, FieldErrors> {
        let mut errors = FieldErrors::new();
        let mut fail = |field: &str, message: &str| {
            errors
                .entry(field.to_owned())
                .or_default()
                .push(message.to_owned());
        };
        let objective = self
            .objective
            .trim()
            .parse::<i64>()
            .ok()
            .filter(|id| *id > 0);
        if objective.is_none() {
            fail("objective", "Choose the objective the commitment serves.");
        }
        let title = self.title.trim().to_owned();
        if title.is_empty() || title.chars().count() > 300 {
            fail(
                "title",
                "Enter the commitment's title (1 to 300 characters).",
            );
        }
        let deliverable = self.deliverable.trim().to_owned();
        if deliverable.chars().count() > 1000 {
            fail(
                "deliverable",
                "The deliverable can have at most 1,000 characters.",
            );
        }
        let start = Date::parse(self.start_date.trim()).ok();
        if start.is_none() {
            fail(
                "start_date",
                "Enter the start date as a date, e.g. 2027-01-15.",
            );
        }
        let due = Date::parse(self.due_date.trim()).ok();
        match (start, due) {
            (_, None) => fail("due_date", "Enter the due date as a date, e.g. 2027-06-30."),
            (Some(start), Some(due)) if due < start => {
                fail("due_date", "The due date cannot be before the start date.")
            }
            _ => {}
        }
        let tlp = self.tlp.parse::<Tlp>().ok();
        if tlp.is_none() {
            fail("tlp", "Choose a TLP label.");
        }
        let description = self.description.replace("\r\n", "\n");
        markdown_error("description", &description, &mut errors);
        match (objective, start, due, tlp) {
            (Some(objective_key_id), Some(start_date), Some(due_date), Some(tlp))
                if errors.is_empty() =>
            {
                Ok(ValidCommitment {
                    objective_key_id,
                    title,
                    description,
                    deliverable,
                    start_date,
                    due_date,
                    tlp,
                })
            }
            _ => Err(errors),
        }
    }
}

/// A progress report as its form posts it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ProgressInput {
    /// `YYYY-MM-DD`, not in the future.
    pub reported_on: String,
    /// 0 to 100.
    pub percent: String,
    /// Markdown.
    pub narrative: String,
    /// An `https://` (or `http://`) link, or empty.
    pub evidence_url: String,
    /// TLP code of the narrative.
    pub tlp: String,
}

/// A progress report once checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidProgress {
    /// The day it reports on.
    pub reported_on: Date,
    /// Percent done.
    pub percent: i64,
    /// Markdown.
    pub narrative: String,
    /// Link or empty.
    pub evidence_url: String,
    /// Label.
    pub tlp: Tlp,
}

impl ProgressInput {
    /// Checks the report against `today`.
    pub fn validate(&self, today: Date) -> Result<ValidProgress, FieldErrors> {
        let mut errors = FieldErrors::new();
        let mut fail = |field: &str, message: &str| {
            errors
                .entry(field.to_owned())
                .or_default()
                .push(message.to_owned());
        };
        let reported_on = Date::parse(self.reported_on.trim()).ok();
        match reported_on {
            None => fail(
                "reported_on",
                "Enter the date the report is about, e.g. 2027-03-31.",
            ),
            Some(day) if day > today => fail(
                "reported_on",
                "The report cannot be about a day in the future.",
            ),
            _ => {}
        }
        let percent = self
            .percent
            .trim()
            .trim_end_matches('%')
            .trim()
            .parse::<i64>()
            .ok()
            .filter(|p| (0..=100).contains(p));
        if percent.is_none() {
            fail(
                "percent",
                "Enter how far the work is as a whole percentage from 0 to 100.",
            );
        }
        let evidence_url = self.evidence_url.trim().to_owned();
        let url_ok = evidence_url.is_empty()
            || ((evidence_url.starts_with("https://") || evidence_url.starts_with("http://"))
                && evidence_url.len() <= 2000
                && !evidence_url
                    .chars()
                    .any(|c| c.is_whitespace() || c.is_control()));
        if !url_ok {
            fail(
                "evidence_url",
                "The evidence link must be a web address starting with https:// (or leave it empty).",
            );
        }
        let tlp = self.tlp.parse::<Tlp>().ok();
        if tlp.is_none() {
            fail("tlp", "Choose a TLP label.");
        }
        let narrative = self.narrative.replace("\r\n", "\n");
        markdown_error("narrative", &narrative, &mut errors);
        match (reported_on, percent, tlp) {
            (Some(reported_on), Some(percent), Some(tlp)) if errors.is_empty() => {
                Ok(ValidProgress {
                    reported_on,
                    percent,
                    narrative,
                    evidence_url,
                    tlp,
                })
            }
            _ => Err(errors),
        }
    }
}

/// A commitment in a list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommitmentSummary {
    /// Id (its page is `/p/{slug}/commitments/{id}`).
    pub id: i64,
    /// Title.
    pub title: String,
    /// The committing organisation.
    pub organisation_name: String,
    /// Its URL key.
    pub organisation_slug: String,
    /// The objective's stable key.
    pub objective_key: String,
    /// Status.
    pub status: CommitmentStatus,
    /// Due.
    pub due_date: Date,
    /// Label.
    pub tlp: Tlp,
    /// The percentage of the latest report.
    pub percent: Option<i64>,
    /// Due date passed with work still expected.
    pub overdue: bool,
    /// No report for 90 days with work still expected.
    pub stale: bool,
}

/// A partnership's commitments the viewer may see.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommitmentList {
    /// The partnership's URL key.
    pub partnership_slug: String,
    /// Its short name.
    pub partnership_short_name: String,
    /// The filter applied: `all`, `overdue`, `stale`, `at_risk` or `proposed`.
    pub show: String,
    /// The commitments (filtered).
    pub commitments: Vec<CommitmentSummary>,
    /// How many are overdue, stale, at risk, proposed (of all visible).
    pub counts: [usize; 4],
    /// The viewer may propose one (a representative).
    pub can_propose: bool,
    /// Progress of the counted commitments by side of the organisation: (side, percent,
    /// commitments counted).
    pub by_side: Vec<RollUpRow>,
    /// The same by size class (micro, small and medium enterprises apart from large ones).
    pub by_size: Vec<RollUpRow>,
    /// The same by organisation, most commitments first.
    pub by_organisation: Vec<RollUpRow>,
}

/// One line of a progress roll-up.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RollUpRow {
    /// What is rolled up (a side, a size class, an organisation).
    pub label: String,
    /// Mean progress of the counted commitments, rounded.
    pub percent: Option<i64>,
    /// Commitments counted.
    pub counted: usize,
}

/// A progress report as shown.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgressView {
    /// The day it reports on.
    pub reported_on: Date,
    /// Percent done.
    pub percent: i64,
    /// The narrative rendered and sanitised, or `None` when its label hides it.
    pub narrative_html: Option<String>,
    /// Evidence link (hidden with the narrative).
    pub evidence_url: Option<String>,
    /// Label of the narrative.
    pub tlp: Tlp,
    /// Who reported.
    pub author: Option<String>,
}

/// A commitment's page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommitmentDetail {
    /// The partnership's URL key.
    pub partnership_slug: String,
    /// Its short name.
    pub partnership_short_name: String,
    /// The commitment.
    pub summary: CommitmentSummary,
    /// The objective in the published plan: (number "1.2", title, link), when it is there.
    pub objective: Option<(String, String, String)>,
    /// The description rendered and sanitised.
    pub description_html: String,
    /// Deliverable.
    pub deliverable: String,
    /// Start.
    pub start_date: Date,
    /// Who proposed it.
    pub proposed_by: Option<String>,
    /// "Accepted on … by …" / "… by motion N".
    pub accepted: Option<String>,
    /// Reports, newest first.
    pub updates: Vec<ProgressView>,
    /// The viewer may accept it (secretariat, while proposed).
    pub can_accept: bool,
    /// Statuses the viewer may move it to: (code, label).
    pub next_statuses: Vec<(String, String)>,
    /// The viewer may report progress (the organisation's representative, while open).
    pub can_report: bool,
    /// Today, for the report form's default.
    pub today: Date,
}

/// The form to propose a commitment.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommitmentForm {
    /// The partnership's URL key.
    pub partnership_slug: String,
    /// Its short name.
    pub partnership_short_name: String,
    /// The proposing organisation.
    pub organisation_name: String,
    /// Objectives of the published plan: (key id, "1.2 Title").
    pub objectives: Vec<(String, String)>,
    /// Defaults.
    pub input: CommitmentInput,
}

/// The progress of one objective (by stable key), with the commitments counted in it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ObjectiveProgress {
    /// The objective's stable key.
    pub key: String,
    /// Rolled-up progress of its commitments.
    pub progress: Progress,
    /// The commitments the viewer may see, counted or not.
    pub commitments: Vec<CommitmentSummary>,
}

/// The commitments of a partnership the viewer may see (`show`: `overdue`, `stale`,
/// `at_risk`, `proposed`, or all).
#[server(endpoint = "get_commitments")]
pub async fn get_commitments(
    /// The partnership's URL key.
    partnership: String,
    /// The filter.
    #[server(default)]
    show: Option<String>,
) -> Result<CommitmentList, AppError> {
    crate::ssr::error::serve(imp::get_commitments(partnership, show)).await
}

/// A commitment's page.
#[server(endpoint = "get_commitment")]
pub async fn get_commitment(
    /// The partnership's URL key.
    partnership: String,
    /// The commitment.
    commitment: i64,
) -> Result<CommitmentDetail, AppError> {
    crate::ssr::error::serve(imp::get_commitment(partnership, commitment)).await
}

/// The form to propose a commitment (a representative).
#[server(endpoint = "get_commitment_form")]
pub async fn get_commitment_form(
    /// The partnership's URL key.
    partnership: String,
) -> Result<CommitmentForm, AppError> {
    crate::ssr::error::serve(imp::get_commitment_form(partnership)).await
}

/// Proposes a commitment of the viewer's organisation. Audited.
#[server(endpoint = "propose_commitment")]
pub async fn propose_commitment(
    /// The partnership's URL key.
    partnership: String,
    /// The commitment.
    input: CommitmentInput,
) -> Result<(), AppError> {
    crate::ssr::error::serve(imp::propose_commitment(partnership, input)).await
}

/// Accepts a proposed commitment (the secretariat). Audited.
#[server(endpoint = "accept_commitment")]
pub async fn accept_commitment(
    /// The partnership's URL key.
    partnership: String,
    /// The commitment.
    commitment: i64,
) -> Result<(), AppError> {
    crate::ssr::error::serve(imp::accept_commitment(partnership, commitment)).await
}

/// Moves a commitment to another status, if the transition is allowed to the viewer.
/// `from` is the status the viewer saw (a change made meanwhile is not overwritten). Audited.
#[server(endpoint = "change_commitment_status")]
pub async fn change_commitment_status(
    /// The partnership's URL key.
    partnership: String,
    /// The commitment.
    commitment: i64,
    /// The status the viewer saw.
    from: String,
    /// The new status.
    to: String,
) -> Result<(), AppError> {
    crate::ssr::error::serve(imp::change_commitment_status(
        partnership,
        commitment,
        from,
        to,
    ))
    .await
}

/// Reports progress on a commitment of the viewer's organisation. Audited.
#[server(endpoint = "report_progress")]
pub async fn report_progress(
    /// The partnership's URL key.
    partnership: String,
    /// The commitment.
    commitment: i64,
    /// The report.
    input: ProgressInput,
) -> Result<(), AppError> {
    crate::ssr::error::serve(imp::report_progress(partnership, commitment, input)).await
}

/// The commitments of a partnership the viewer may see as CSV (the same rows as the list
/// page), and the file name to save it under. Served by `server::exports`.
#[cfg(feature = "ssr")]
pub async fn build_commitments_csv(
    database: &crate::ssr::db::Database,
    viewer: &crate::ssr::access::Viewer,
    partnership: &str,
) -> Result<(String, String), AppError> {
    use crate::domain::csv::CsvWriter;
    let mut tx = database.begin_read().await?;
    let p = crate::api::partnerships::visible_partnership(&mut tx, viewer, partnership).await?;
    let rows = imp::visible(&mut tx, viewer, p.id).await?;
    tx.commit().await.map_err(crate::ssr::db::DbError::from)?;
    let mut csv = CsvWriter::new();
    csv.row([
        "id",
        "title",
        "organisation",
        "side",
        "size_class",
        "objective_key",
        "status",
        "start_date",
        "due_date",
        "percent",
        "last_report",
        "overdue",
        "stale",
        "tlp",
        "deliverable",
    ]);
    for (row, s) in rows {
        csv.row([
            row.id.to_string(),
            row.title,
            row.organisation_name,
            row.organisation_side.code().to_owned(),
            row.organisation_size.code().to_owned(),
            row.objective_key,
            row.status.code().to_owned(),
            row.start_date.to_db_text(),
            row.due_date.to_db_text(),
            s.percent.map(|p| p.to_string()).unwrap_or_default(),
            row.last_reported_on
                .map(|d| d.to_db_text())
                .unwrap_or_default(),
            s.overdue.to_string(),
            s.stale.to_string(),
            row.tlp.label().to_owned(),
            row.deliverable,
        ]);
    }
    Ok((csv.finish(), format!("{}-commitments.csv", p.slug)))
}

/// The commitments of a partnership the viewer may see, with their progress and flags, by
/// objective key (for the plan's goal pages).
#[cfg(feature = "ssr")]
pub(crate) async fn visible_commitments(
    conn: &mut crate::ssr::db::Conn,
    viewer: &crate::ssr::access::Viewer,
    partnership_id: i64,
) -> Result<
    Vec<(
        crate::ssr::db::commitments::CommitmentRow,
        CommitmentSummary,
    )>,
    AppError,
> {
    imp::visible(conn, viewer, partnership_id).await
}

/// A commitment's list entry: its progress and its overdue and stale flags on `today`.
#[cfg(feature = "ssr")]
pub(crate) fn summarise(
    row: &crate::ssr::db::commitments::CommitmentRow,
    today: crate::domain::Date,
) -> CommitmentSummary {
    imp::summary(row, today)
}

/// A goal's progress (its objectives' progress weighted by their weights) and each
/// objective's, from the commitments given.
#[cfg(feature = "ssr")]
pub(crate) fn goal_progress(
    goal: &crate::ssr::db::plan_content::GoalRecord,
    commitments: &[(
        crate::ssr::db::commitments::CommitmentRow,
        CommitmentSummary,
    )],
) -> (Progress, Vec<ObjectiveProgress>) {
    use crate::domain::commitment::{Part, roll_up};
    let keys: Vec<String> = goal.objectives.iter().map(|o| o.key.clone()).collect();
    let objectives = objective_progress(&keys, commitments);
    let parts: Vec<Part> = goal
        .objectives
        .iter()
        .zip(&objectives)
        .map(|(o, p)| Part {
            weight: o.weight,
            progress: p.progress.percent,
        })
        .collect();
    (roll_up(&parts), objectives)
}

/// Rolls up the progress of each objective key from the commitments given.
#[cfg(feature = "ssr")]
pub(crate) fn objective_progress(
    keys: &[String],
    commitments: &[(
        crate::ssr::db::commitments::CommitmentRow,
        CommitmentSummary,
    )],
) -> Vec<ObjectiveProgress> {
    use crate::domain::commitment::{counted_percent, mean};
    keys.iter()
        .map(|key| {
            let mine: Vec<&(
                crate::ssr::db::commitments::CommitmentRow,
                CommitmentSummary,
            )> = commitments
                .iter()
                .filter(|(_, s)| s.objective_key == *key)
                .collect();
            let percents: Vec<f64> = mine
                .iter()
                .filter_map(|(row, _)| counted_percent(row.status, row.last_percent))
                .collect();
            ObjectiveProgress {
                key: key.clone(),
                progress: mean(&percents),
                commitments: mine.into_iter().map(|(_, s)| s.clone()).collect(),
            }
        })
        .collect()
}

#[cfg(feature = "ssr")]
mod imp {
    use super::*;
    use crate::api::partnerships::visible_partnership;
    use crate::domain::Timestamp;
    use crate::domain::access::{Action, Resource};
    use crate::domain::commitment::{Changer, is_overdue, is_stale, may_change, next_statuses};
    use crate::ssr::access::Viewer;
    use crate::ssr::audit::{self, AuditEvent};
    use crate::ssr::db::commitments::{self as q, CommitmentRow};
    use crate::ssr::db::partnerships::PartnershipRow;
    use crate::ssr::db::{Conn, DbError, organisations};
    use crate::ssr::markdown;
    use crate::ssr::state::AppState;

    pub(super) fn summary(row: &CommitmentRow, today: Date) -> CommitmentSummary {
        let since = row.last_reported_on.or(row.accepted_at.map(|t| t.date()));
        CommitmentSummary {
            id: row.id,
            title: row.title.clone(),
            organisation_name: row.organisation_name.clone(),
            organisation_slug: row.organisation_slug.clone(),
            objective_key: row.objective_key.clone(),
            status: row.status,
            due_date: row.due_date,
            tlp: row.tlp,
            percent: match row.status {
                CommitmentStatus::Completed => Some(100),
                _ => row.last_percent,
            },
            overdue: is_overdue(row.status, row.due_date, today),
            stale: is_stale(row.status, since, today),
        }
    }

    pub(super) async fn visible(
        conn: &mut Conn,
        viewer: &Viewer,
        partnership_id: i64,
    ) -> Result<Vec<(CommitmentRow, CommitmentSummary)>, AppError> {
        let today = viewer.visibility().today;
        Ok(
            q::list_partnership_commitments(conn, partnership_id, viewer.visibility().person_id)
                .await?
                .into_iter()
                .filter(|row| viewer.can(Action::View, &row.resource()))
                .map(|row| {
                    let s = summary(&row, today);
                    (row, s)
                })
                .collect(),
        )
    }

    fn own_organisation_resource(viewer: &Viewer, partnership_id: i64) -> Resource {
        Resource {
            owner_organisation_id: viewer.actor().organisation_id,
            ..Resource::partnership(partnership_id, Tlp::Green)
        }
    }

    pub async fn get_commitments(
        partnership: String,
        show: Option<String>,
    ) -> Result<CommitmentList, AppError> {
        let viewer = Viewer::current().await?;
        let state = AppState::current();
        let mut tx = state.db.begin_read().await?;
        let p = visible_partnership(&mut tx, &viewer, &partnership).await?;
        let all = visible(&mut tx, &viewer, p.id).await?;
        tx.commit().await.map_err(DbError::from)?;
        let show = match show.as_deref().map(str::trim) {
            Some(f @ ("overdue" | "stale" | "at_risk" | "proposed")) => f.to_owned(),
            _ => "all".to_owned(),
        };
        let by_side = roll_up_by(&all, |row| row.organisation_side.label().to_owned());
        let by_size = roll_up_by(&all, |row| row.organisation_size.label().to_owned());
        let mut by_organisation = roll_up_by(&all, |row| row.organisation_name.clone());
        by_organisation.sort_by(|a, b| b.counted.cmp(&a.counted).then(a.label.cmp(&b.label)));
        let summaries: Vec<CommitmentSummary> = all.into_iter().map(|(_, s)| s).collect();
        let counts = [
            summaries.iter().filter(|s| s.overdue).count(),
            summaries.iter().filter(|s| s.stale).count(),
            summaries
                .iter()
                .filter(|s| s.status == CommitmentStatus::AtRisk)
                .count(),
            summaries
                .iter()
                .filter(|s| s.status == CommitmentStatus::Proposed)
                .count(),
        ];
        let commitments = summaries
            .into_iter()
            .filter(|s| match show.as_str() {
                "overdue" => s.overdue,
                "stale" => s.stale,
                "at_risk" => s.status == CommitmentStatus::AtRisk,
                "proposed" => s.status == CommitmentStatus::Proposed,
                _ => true,
            })
            .collect();
        Ok(CommitmentList {
            can_propose: viewer.can(
                Action::ProposeCommitment,
                &own_organisation_resource(&viewer, p.id),
            ),
            partnership_slug: p.slug,
            partnership_short_name: p.short_name,
            show,
            commitments,
            counts,
            by_side,
            by_size,
            by_organisation,
        })
    }

    /// The mean progress of the counted commitments grouped by `key`, in first-seen order.
    fn roll_up_by(
        rows: &[(CommitmentRow, CommitmentSummary)],
        key: impl Fn(&CommitmentRow) -> String,
    ) -> Vec<RollUpRow> {
        use crate::domain::commitment::{counted_percent, mean};
        let mut groups: Vec<(String, Vec<f64>)> = Vec::new();
        for (row, _) in rows {
            let Some(percent) = counted_percent(row.status, row.last_percent) else {
                continue;
            };
            let k = key(row);
            match groups.iter_mut().find(|(label, _)| *label == k) {
                Some((_, percents)) => percents.push(percent),
                None => groups.push((k, vec![percent])),
            }
        }
        groups
            .into_iter()
            .map(|(label, percents)| RollUpRow {
                percent: mean(&percents).whole_percent(),
                counted: percents.len(),
                label,
            })
            .collect()
    }

    /// The commitment, when it belongs to the partnership and the viewer may see it.
    async fn visible_commitment(
        conn: &mut Conn,
        viewer: &Viewer,
        partnership: &str,
        id: i64,
    ) -> Result<(PartnershipRow, CommitmentRow), AppError> {
        let p = visible_partnership(conn, viewer, partnership).await?;
        let row = q::find_commitment(conn, id, viewer.visibility().person_id)
            .await?
            .filter(|row| row.partnership_id == p.id && viewer.can(Action::View, &row.resource()))
            .ok_or(AppError::NotFound)?;
        Ok((p, row))
    }

    fn changer(viewer: &Viewer, row: &CommitmentRow) -> Option<Changer> {
        let res = row.resource();
        if viewer.can(Action::ProposeCommitment, &res) {
            Some(Changer::Owner)
        } else if viewer.can(Action::AcceptCommitment, &res) {
            Some(Changer::Secretariat)
        } else {
            None
        }
    }

    pub async fn get_commitment(
        partnership: String,
        commitment: i64,
    ) -> Result<CommitmentDetail, AppError> {
        let viewer = Viewer::current().await?;
        let state = AppState::current();
        let mut tx = state.db.begin_read().await?;
        let (p, row) = visible_commitment(&mut tx, &viewer, &partnership, commitment).await?;
        let updates =
            q::list_progress_updates(&mut tx, row.id, viewer.visibility().person_id).await?;
        let objective = q::list_published_objectives(&mut tx, p.id)
            .await?
            .into_iter()
            .find(|o| o.objective_key_id == row.objective_key_id);
        tx.commit().await.map_err(DbError::from)?;
        let today = viewer.visibility().today;
        let res = row.resource();
        let updates = updates
            .into_iter()
            .map(|u| {
                let shown = viewer.can(
                    Action::View,
                    &Resource {
                        tlp: u.tlp,
                        actor_is_named_recipient: u.named != 0,
                        ..res.clone()
                    },
                );
                ProgressView {
                    reported_on: u.reported_on,
                    percent: u.percent,
                    narrative_html: shown.then(|| markdown::render(&u.narrative)),
                    evidence_url: shown
                        .then_some(u.evidence_url)
                        .filter(|url| !url.is_empty()),
                    tlp: u.tlp,
                    author: u.author,
                }
            })
            .collect();
        let who = changer(&viewer, &row);
        let accepted =
            row.accepted_at
                .map(|at| match (&row.accepted_by, row.accepted_by_motion_id) {
                    (_, Some(motion)) => format!(
                        "Accepted on {} by a carried motion (motion {motion}).",
                        at.date().display_long()
                    ),
                    (Some(by), None) => format!(
                        "Accepted on {} by {by}, for the secretariat.",
                        at.date().display_long()
                    ),
                    (None, None) => format!("Accepted on {}.", at.date().display_long()),
                });
        Ok(CommitmentDetail {
            objective: objective.map(|o| {
                let number = format!("{}.{}", o.goal_number, o.number);
                let link = format!(
                    "/p/{}/plan/v/{}/goals/{}#objective-{}-{}",
                    p.slug, o.version_number, o.goal_number, o.goal_number, o.number
                );
                (number, o.title, link)
            }),
            description_html: markdown::render(&row.description),
            deliverable: row.deliverable.clone(),
            start_date: row.start_date,
            proposed_by: row.proposed_by.clone(),
            accepted,
            updates,
            can_accept: row.status == CommitmentStatus::Proposed
                && viewer.can(Action::AcceptCommitment, &res),
            next_statuses: who
                .map(|who| {
                    next_statuses(row.status, who)
                        .into_iter()
                        // Acceptance has its own button.
                        .filter(|s| *s != CommitmentStatus::Accepted)
                        .map(|s| (s.code().to_owned(), s.label().to_owned()))
                        .collect()
                })
                .unwrap_or_default(),
            can_report: row.status.is_open() && who == Some(Changer::Owner),
            today,
            summary: summary(&row, today),
            partnership_slug: p.slug,
            partnership_short_name: p.short_name,
        })
    }

    pub async fn get_commitment_form(partnership: String) -> Result<CommitmentForm, AppError> {
        let viewer = Viewer::current().await?;
        let state = AppState::current();
        let mut tx = state.db.begin_read().await?;
        let p = visible_partnership(&mut tx, &viewer, &partnership).await?;
        viewer.authorize(
            Action::ProposeCommitment,
            &own_organisation_resource(&viewer, p.id),
        )?;
        let objectives = q::list_published_objectives(&mut tx, p.id).await?;
        let organisation = match viewer.actor().organisation_id {
            Some(id) => organisations::find_organisation_brief(&mut tx, id)
                .await?
                .map(|o| o.name)
                .unwrap_or_default(),
            None => String::new(),
        };
        tx.commit().await.map_err(DbError::from)?;
        let today = viewer.visibility().today;
        Ok(CommitmentForm {
            partnership_slug: p.slug,
            partnership_short_name: p.short_name,
            organisation_name: organisation,
            objectives: objectives
                .into_iter()
                .filter(|o| viewer.can(Action::View, &Resource::partnership(p.id, o.tlp)))
                .map(|o| {
                    (
                        o.objective_key_id.to_string(),
                        format!("{}.{} {}", o.goal_number, o.number, o.title),
                    )
                })
                .collect(),
            input: CommitmentInput {
                start_date: today.to_db_text(),
                tlp: Tlp::Green.code().to_owned(),
                ..CommitmentInput::default()
            },
        })
    }

    fn commitment_url(slug: &str, id: i64) -> String {
        format!("/p/{slug}/commitments/{id}")
    }

    pub async fn propose_commitment(
        partnership: String,
        input: CommitmentInput,
    ) -> Result<(), AppError> {
        let viewer = Viewer::current().await?;
        let state = AppState::current();
        let mut tx = state.db.begin_write().await?;
        let p = visible_partnership(&mut tx, &viewer, &partnership).await?;
        viewer.authorize(
            Action::ProposeCommitment,
            &own_organisation_resource(&viewer, p.id),
        )?;
        let organisation = viewer.actor().organisation_id.ok_or(AppError::Forbidden)?;
        let valid = input.validate().map_err(AppError::Invalid)?;
        let objectives = q::list_published_objectives(&mut tx, p.id).await?;
        if !objectives
            .iter()
            .any(|o| o.objective_key_id == valid.objective_key_id)
        {
            return Err(AppError::invalid(
                "objective",
                "Choose an objective of the published plan.",
            ));
        }
        let now = Timestamp::now();
        let id = q::insert_commitment(
            &mut tx,
            q::NewCommitment {
                partnership_id: p.id,
                organisation_id: organisation,
                objective_key_id: valid.objective_key_id,
                title: valid.title,
                description: valid.description,
                deliverable: valid.deliverable,
                start_date: valid.start_date,
                due_date: valid.due_date,
                status: CommitmentStatus::Proposed,
                tlp: valid.tlp,
                proposed_by_person_id: viewer.actor().person_id,
                accepted_by_person_id: None,
                accepted_by_motion_id: None,
                accepted_at: None,
                created_at: now,
            },
        )
        .await?;
        audit::record(
            &mut tx,
            AuditEvent::new("create", "commitment", Some(id))
                .by_viewer(&viewer)
                .in_partnership(p.id)
                .after(audit::snapshot(&input)?),
        )
        .await?;
        tx.commit().await.map_err(DbError::from)?;
        leptos_axum::redirect(&format!("{}?saved=proposed", commitment_url(&p.slug, id)));
        Ok(())
    }

    pub async fn accept_commitment(partnership: String, commitment: i64) -> Result<(), AppError> {
        let viewer = Viewer::current().await?;
        let state = AppState::current();
        let mut tx = state.db.begin_write().await?;
        let (p, row) = visible_commitment(&mut tx, &viewer, &partnership, commitment).await?;
        viewer.authorize(Action::AcceptCommitment, &row.resource())?;
        if row.status != CommitmentStatus::Proposed {
            return Err(AppError::Conflict(format!(
                "The commitment is {}: only a proposed commitment can be accepted.",
                row.status.label().to_lowercase()
            )));
        }
        let now = Timestamp::now();
        q::accept_commitment(&mut tx, row.id, viewer.actor().person_id, None, now).await?;
        audit::record(
            &mut tx,
            AuditEvent::new("accept", "commitment", Some(row.id))
                .by_viewer(&viewer)
                .in_partnership(p.id)
                .before(serde_json::json!({ "status": row.status }))
                .after(serde_json::json!({ "status": CommitmentStatus::Accepted })),
        )
        .await?;
        tx.commit().await.map_err(DbError::from)?;
        leptos_axum::redirect(&format!(
            "{}?saved=accepted",
            commitment_url(&p.slug, row.id)
        ));
        Ok(())
    }

    pub async fn change_commitment_status(
        partnership: String,
        commitment: i64,
        from: String,
        to: String,
    ) -> Result<(), AppError> {
        let to = to
            .parse::<CommitmentStatus>()
            .map_err(|_| AppError::invalid("to", "Choose the new status."))?;
        let from = from.parse::<CommitmentStatus>().map_err(|_| {
            AppError::invalid("from", "The status you saw is missing; reload the page.")
        })?;
        let viewer = Viewer::current().await?;
        let state = AppState::current();
        let mut tx = state.db.begin_write().await?;
        let (p, row) = visible_commitment(&mut tx, &viewer, &partnership, commitment).await?;
        let Some(who) = changer(&viewer, &row) else {
            return Err(if viewer.is_signed_in() {
                AppError::Forbidden
            } else {
                AppError::Unauthenticated
            });
        };
        if row.status != from {
            return Err(AppError::Conflict(format!(
                "The commitment became {} meanwhile; reload it and decide again.",
                row.status.label().to_lowercase()
            )));
        }
        if to == CommitmentStatus::Accepted || !may_change(from, to, who) {
            return Err(AppError::invalid(
                "to",
                format!(
                    "A commitment that is {} cannot become {} by you.",
                    from.label().to_lowercase(),
                    to.label().to_lowercase()
                ),
            ));
        }
        let now = Timestamp::now();
        q::change_commitment_status(&mut tx, row.id, from, to, now).await?;
        audit::record(
            &mut tx,
            AuditEvent::new("status_change", "commitment", Some(row.id))
                .by_viewer(&viewer)
                .in_partnership(p.id)
                .before(serde_json::json!({ "status": from }))
                .after(serde_json::json!({ "status": to })),
        )
        .await?;
        tx.commit().await.map_err(DbError::from)?;
        leptos_axum::redirect(&format!("{}?saved=status", commitment_url(&p.slug, row.id)));
        Ok(())
    }

    pub async fn report_progress(
        partnership: String,
        commitment: i64,
        input: ProgressInput,
    ) -> Result<(), AppError> {
        let viewer = Viewer::current().await?;
        let state = AppState::current();
        let mut tx = state.db.begin_write().await?;
        let (p, row) = visible_commitment(&mut tx, &viewer, &partnership, commitment).await?;
        viewer.authorize(Action::ProposeCommitment, &row.resource())?;
        if !row.status.is_open() {
            return Err(AppError::Conflict(format!(
                "The commitment is {}: progress is reported on accepted commitments until they are \
                 completed.",
                row.status.label().to_lowercase()
            )));
        }
        let today = viewer.visibility().today;
        let valid = input.validate(today).map_err(AppError::Invalid)?;
        let now = Timestamp::now();
        let id = q::insert_progress_update(
            &mut tx,
            q::NewProgressUpdate {
                commitment_id: row.id,
                reported_on: valid.reported_on,
                percent: valid.percent,
                narrative: valid.narrative,
                evidence_url: valid.evidence_url,
                tlp: valid.tlp,
                author_person_id: viewer.actor().person_id,
                created_at: now,
            },
        )
        .await?;
        // Work reported on an accepted commitment means it is under way.
        let started = row.status == CommitmentStatus::Accepted && valid.percent > 0;
        if started {
            q::change_commitment_status(
                &mut tx,
                row.id,
                CommitmentStatus::Accepted,
                CommitmentStatus::InProgress,
                now,
            )
            .await?;
        }
        audit::record(
            &mut tx,
            AuditEvent::new("progress_update", "commitment", Some(row.id))
                .by_viewer(&viewer)
                .in_partnership(p.id)
                .before(serde_json::json!({ "status": row.status, "percent": row.last_percent }))
                .after(serde_json::json!({
                    "progress_update_id": id,
                    "percent": valid.percent,
                    "status": if started { CommitmentStatus::InProgress } else { row.status },
                })),
        )
        .await?;
        tx.commit().await.map_err(DbError::from)?;
        leptos_axum::redirect(&format!(
            "{}?saved=reported",
            commitment_url(&p.slug, row.id)
        ));
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> Date {
        Date::parse("2026-12-01").expect("date")
    }

    #[test]
    fn a_complete_commitment_is_valid_and_bad_fields_are_named() {
        let input = CommitmentInput {
            objective: "12".into(),
            title: "Run a downtime drill in every hospital".into(),
            description: "Twice a year.".into(),
            deliverable: "Drill reports".into(),
            start_date: "2027-01-01".into(),
            due_date: "2027-12-31".into(),
            tlp: "clear".into(),
        };
        assert_eq!(input.validate().expect("valid").objective_key_id, 12);
        let bad = CommitmentInput {
            objective: "".into(),
            title: "".into(),
            description: "<img src=x onerror=alert(1)>".into(),
            start_date: "2027-01-01".into(),
            due_date: "2026-01-01".into(),
            tlp: "blue".into(),
            ..input
        };
        let errors = bad.validate().expect_err("invalid");
        for field in ["objective", "title", "description", "due_date", "tlp"] {
            assert!(errors.contains_key(field), "{field}: {errors:?}");
        }
    }

    #[test]
    fn progress_reports_are_checked() {
        let good = ProgressInput {
            reported_on: "2026-11-30".into(),
            percent: "40 %".into(),
            narrative: "Half the sites done.".into(),
            evidence_url: "https://example.org/report".into(),
            tlp: "green".into(),
        };
        assert_eq!(good.validate(today()).expect("valid").percent, 40);
        let bad = ProgressInput {
            reported_on: "2026-12-02".into(),
            percent: "140".into(),
            evidence_url: "javascript:alert(1)".into(),
            tlp: "".into(),
            ..good
        };
        let errors = bad.validate(today()).expect_err("invalid");
        for field in ["reported_on", "percent", "evidence_url", "tlp"] {
            assert!(errors.contains_key(field), "{field}: {errors:?}");
        }
    }
}
