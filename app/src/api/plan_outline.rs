//! Editing the goals, objectives and measures of a draft plan version: the outline page
//! (`/p/<slug>/plan/v/<number>/outline`) and the server functions its forms post to.
//!
//! Only a draft is edited, by the secretariat and the version's invited co-authors
//! (`api::plans::locate_editable_draft`), and each record by its own TLP label: a record
//! the viewer may not see answers 404. Goals and objectives are saved against the revision
//! the author started from (a stale save is refused with 409: no lost update); measures
//! carry no revision and may be deleted while the version is a draft. Lowering a label is
//! the secretariat's (audited as `label_change` beside the `update`); a label that would
//! hide the record from its own author is refused. Starting a draft and its sections are
//! `api::plans`; reading published plans is `api::plan_content`.
//!
//! Forms post plain HTML; when one fails, the error's `record` entry names the form it came
//! from (e.g. `edit-goal-2`), so that the page shows each message beside its field in that
//! form. It is not a field: the page leaves it out of the error summary.

use crate::domain::{Date, Tlp};
use crate::error::{AppError, FieldErrors};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// Longest goal or objective title, in characters.
pub const MAX_TITLE_CHARS: usize = 300;
/// Longest goal or objective description, in characters.
pub const MAX_DESCRIPTION_CHARS: usize = 20_000;
/// Longest measure indicator, in characters.
pub const MAX_INDICATOR_CHARS: usize = 300;
/// Longest measure unit, in characters.
pub const MAX_UNIT_CHARS: usize = 40;
/// The entry of an `Invalid` error that names the form it came from (not a field).
pub const RECORD_ENTRY: &str = "record";

/// A measure of an objective, as the outline page edits it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MeasureDraft {
    /// Id (form target).
    pub id: i64,
    /// What is measured.
    pub indicator: String,
    /// Value at the start.
    pub baseline: Option<f64>,
    /// Value aimed for.
    pub target: Option<f64>,
    /// Unit of baseline and target.
    pub unit: String,
    /// When the target should be met.
    pub due_date: Option<Date>,
    /// TLP label.
    pub tlp: Tlp,
}

/// An objective, as the outline page edits it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ObjectiveDraft {
    /// Id (form target).
    pub id: i64,
    /// Stable key across versions, e.g. `G1.O2`.
    pub key: String,
    /// Its goal's number.
    pub goal_number: i64,
    /// Number in its goal (the 2 of 1.2).
    pub number: i64,
    /// Title.
    pub title: String,
    /// Markdown.
    pub description: String,
    /// TLP label.
    pub tlp: Tlp,
    /// Current revision (what a save is based on).
    pub revision: i64,
    /// The measures the viewer may see.
    pub measures: Vec<MeasureDraft>,
}

/// A goal, as the outline page edits it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GoalDraft {
    /// Id (form target).
    pub id: i64,
    /// Stable key across versions, e.g. `G1`.
    pub key: String,
    /// Number in the version.
    pub number: i64,
    /// Title.
    pub title: String,
    /// Markdown.
    pub description: String,
    /// TLP label.
    pub tlp: Tlp,
    /// Current revision (what a save is based on).
    pub revision: i64,
    /// The objectives the viewer may see.
    pub objectives: Vec<ObjectiveDraft>,
}

/// The outline of a draft: what the viewer may see and edit of its goals.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlanOutline {
    /// The partnership's URL key.
    pub partnership_slug: String,
    /// The partnership's short name.
    pub partnership_short_name: String,
    /// The version's number.
    pub version_number: i64,
    /// The version's title.
    pub version_title: String,
    /// Goals in number order.
    pub goals: Vec<GoalDraft>,
}

/// The outline of a draft, for those who may edit it.
#[server(endpoint = "get_plan_outline")]
pub async fn get_plan_outline(
    /// The partnership's URL key.
    slug: String,
    /// The version's number.
    number: i64,
) -> Result<PlanOutline, AppError> {
    crate::ssr::error::serve(imp::get_plan_outline(slug, number)).await
}

/// Adds a goal at the end of a draft, with a new stable key.
#[server(endpoint = "add_plan_goal")]
pub async fn add_plan_goal(
    /// The partnership's URL key.
    partnership: String,
    /// The version's number.
    number: i64,
    /// Title.
    title: String,
    /// Markdown description.
    description: String,
    /// TLP code.
    tlp: String,
) -> Result<(), AppError> {
    crate::ssr::error::serve(imp::add_goal(
        partnership,
        number,
        ItemInput::new(title, description, tlp),
    ))
    .await
}

/// Saves a goal's title, description and label, based on `revision`; a save based on a
/// stale revision is refused (409).
#[server(endpoint = "update_plan_goal")]
pub async fn update_plan_goal(
    /// The partnership's URL key.
    partnership: String,
    /// The version's number.
    number: i64,
    /// The goal's id.
    goal: i64,
    /// The revision the edit started from.
    revision: i64,
    /// Title.
    title: String,
    /// Markdown description.
    description: String,
    /// TLP code.
    tlp: String,
) -> Result<(), AppError> {
    crate::ssr::error::serve(imp::update_item(
        imp::Kind::Goal,
        partnership,
        number,
        goal,
        revision,
        ItemInput::new(title, description, tlp),
    ))
    .await
}

/// Adds an objective at the end of a goal, with a new stable key.
#[server(endpoint = "add_plan_objective")]
pub async fn add_plan_objective(
    /// The partnership's URL key.
    partnership: String,
    /// The version's number.
    number: i64,
    /// The goal's id.
    goal: i64,
    /// Title.
    title: String,
    /// Markdown description.
    description: String,
    /// TLP code.
    tlp: String,
) -> Result<(), AppError> {
    crate::ssr::error::serve(imp::add_objective(
        partnership,
        number,
        goal,
        ItemInput::new(title, description, tlp),
    ))
    .await
}

/// Saves an objective's title, description and label, based on `revision`; a save based on
/// a stale revision is refused (409).
#[server(endpoint = "update_plan_objective")]
pub async fn update_plan_objective(
    /// The partnership's URL key.
    partnership: String,
    /// The version's number.
    number: i64,
    /// The objective's id.
    objective: i64,
    /// The revision the edit started from.
    revision: i64,
    /// Title.
    title: String,
    /// Markdown description.
    description: String,
    /// TLP code.
    tlp: String,
) -> Result<(), AppError> {
    crate::ssr::error::serve(imp::update_item(
        imp::Kind::Objective,
        partnership,
        number,
        objective,
        revision,
        ItemInput::new(title, description, tlp),
    ))
    .await
}

/// Adds a measure at the end of an objective's measures.
#[server(endpoint = "add_plan_measure")]
pub async fn add_plan_measure(
    /// The partnership's URL key.
    partnership: String,
    /// The version's number.
    number: i64,
    /// The objective's id.
    objective: i64,
    /// The measure's fields (posted as `input[indicator]`, `input[baseline]`, …).
    input: MeasureInput,
) -> Result<(), AppError> {
    crate::ssr::error::serve(imp::add_measure(partnership, number, objective, input)).await
}

/// Saves a measure (the last save wins: measures carry no revision).
#[server(endpoint = "update_plan_measure")]
pub async fn update_plan_measure(
    /// The partnership's URL key.
    partnership: String,
    /// The version's number.
    number: i64,
    /// The measure's id.
    measure: i64,
    /// The measure's fields (posted as `input[indicator]`, `input[baseline]`, …).
    input: MeasureInput,
) -> Result<(), AppError> {
    crate::ssr::error::serve(imp::update_measure(partnership, number, measure, input)).await
}

/// Deletes a measure of a draft.
#[server(endpoint = "delete_plan_measure")]
pub async fn delete_plan_measure(
    /// The partnership's URL key.
    partnership: String,
    /// The version's number.
    number: i64,
    /// The measure's id.
    measure: i64,
) -> Result<(), AppError> {
    crate::ssr::error::serve(imp::delete_measure(partnership, number, measure)).await
}

/// A goal's or objective's fields as a form posts them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemInput {
    /// Title.
    pub title: String,
    /// Markdown description.
    pub description: String,
    /// TLP code.
    pub tlp: String,
}

/// A goal's or objective's fields once checked.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ValidItem {
    /// Title, trimmed.
    pub title: String,
    /// Markdown, with one kind of line end.
    pub description: String,
    /// Label.
    pub tlp: Tlp,
}

impl ItemInput {
    /// The posted fields.
    pub fn new(title: String, description: String, tlp: String) -> Self {
        Self {
            title,
            description,
            tlp,
        }
    }

    /// Checks every field; `kind` ("goal", "objective") names the record in the messages.
    pub fn validate(&self, kind: &str) -> Result<ValidItem, FieldErrors> {
        let mut errors = FieldErrors::new();
        let mut fail = |field: &str, message: String| {
            errors.entry(field.to_owned()).or_default().push(message);
        };
        let title = self.title.trim().to_owned();
        if title.is_empty() || title.chars().count() > MAX_TITLE_CHARS {
            fail(
                "title",
                format!("Enter the {kind}'s title (1 to 300 characters)."),
            );
        }
        // Browsers post CRLF line ends; store one form.
        let description = self.description.replace("\r\n", "\n");
        if description.chars().count() > MAX_DESCRIPTION_CHARS {
            fail(
                "description",
                format!("The {kind}'s description can have at most 20,000 characters."),
            );
        }
        let tlp = parse_tlp(&self.tlp, &mut fail);
        match tlp {
            Some(tlp) if errors.is_empty() => Ok(ValidItem {
                title,
                description,
                tlp,
            }),
            _ => Err(errors),
        }
    }
}

/// A measure's fields as a form posts them (`input[indicator]`, …); a field left out is
/// empty.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct MeasureInput {
    /// What is measured.
    pub indicator: String,
    /// A number, or empty.
    pub baseline: String,
    /// A number, or empty.
    pub target: String,
    /// Unit.
    pub unit: String,
    /// `YYYY-MM-DD`, or empty.
    pub due_date: String,
    /// TLP code.
    pub tlp: String,
}

/// A measure's fields once checked.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ValidMeasure {
    /// What is measured, trimmed.
    pub indicator: String,
    /// Value at the start.
    pub baseline: Option<f64>,
    /// Value aimed for.
    pub target: Option<f64>,
    /// Unit, trimmed.
    pub unit: String,
    /// Due date.
    pub due_date: Option<Date>,
    /// Label.
    pub tlp: Tlp,
}

impl MeasureInput {
    /// Checks every field.
    pub fn validate(&self) -> Result<ValidMeasure, FieldErrors> {
        let mut errors = FieldErrors::new();
        let mut fail = |field: &str, message: String| {
            errors.entry(field.to_owned()).or_default().push(message);
        };
        let indicator = self.indicator.trim().to_owned();
        if indicator.is_empty() || indicator.chars().count() > MAX_INDICATOR_CHARS {
            fail(
                "indicator",
                "Enter the indicator, what is measured (1 to 300 characters).".to_owned(),
            );
        }
        let baseline = parse_figure(&self.baseline, "baseline", &mut fail);
        let target = parse_figure(&self.target, "target", &mut fail);
        let unit = self.unit.trim().to_owned();
        if unit.chars().count() > MAX_UNIT_CHARS {
            fail(
                "unit",
                "The unit can have at most 40 characters, such as % or hospitals.".to_owned(),
            );
        }
        let due_date = match self.due_date.trim() {
            "" => Ok(None),
            text => Date::parse(text).map(Some),
        };
        if due_date.is_err() {
            fail(
                "due_date",
                "Enter the due date as a real date in the form YYYY-MM-DD, such as 2027-06-30, \
                 or leave it empty."
                    .to_owned(),
            );
        }
        let tlp = parse_tlp(&self.tlp, &mut fail);
        match (baseline, target, due_date, tlp) {
            (Ok(baseline), Ok(target), Ok(due_date), Some(tlp)) if errors.is_empty() => {
                Ok(ValidMeasure {
                    indicator,
                    baseline,
                    target,
                    unit,
                    due_date,
                    tlp,
                })
            }
            _ => Err(errors),
        }
    }
}

fn parse_tlp(code: &str, fail: &mut impl FnMut(&str, String)) -> Option<Tlp> {
    let tlp = Tlp::from_code(code.trim());
    if tlp.is_none() {
        fail(
            "tlp",
            "Choose a TLP label: TLP:CLEAR, TLP:GREEN, TLP:AMBER, TLP:AMBER+STRICT or TLP:RED."
                .to_owned(),
        );
    }
    tlp
}

/// A baseline or target: empty for none, otherwise a finite number.
fn parse_figure(
    text: &str,
    field: &str,
    fail: &mut impl FnMut(&str, String),
) -> Result<Option<f64>, ()> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    match text.parse::<f64>() {
        Ok(value) if value.is_finite() => Ok(Some(value)),
        _ => {
            fail(
                field,
                format!("Enter the {field} as a number, such as 41 or 97.5, or leave it empty."),
            );
            Err(())
        }
    }
}

/// The page's URL.
pub fn outline_url(slug: &str, number: i64) -> String {
    format!("/p/{slug}/plan/v/{number}/outline")
}

#[cfg(feature = "ssr")]
pub(crate) mod imp {
    use super::*;
    use crate::domain::Timestamp;
    use crate::domain::access::{Action, Resource};
    use crate::domain::records::RecordType;
    use crate::ssr::access::Viewer;
    use crate::ssr::audit::{self, AuditEvent};
    use crate::ssr::db::partnerships::PartnershipRow;
    use crate::ssr::db::plan_content::PlanRow;
    use crate::ssr::db::plan_outline::{self as q, OutlineItemRow};
    use crate::ssr::db::plans::{self as plans_db, VersionRow};
    use crate::ssr::db::{Conn, DbError, plan_content};
    use crate::ssr::state::AppState;
    use serde_json::json;
    use std::collections::HashSet;

    /// A goal or an objective.
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub enum Kind {
        /// A goal of the version.
        Goal,
        /// An objective of a goal.
        Objective,
    }

    impl Kind {
        fn noun(self) -> &'static str {
            match self {
                Kind::Goal => "goal",
                Kind::Objective => "objective",
            }
        }

        fn record_type(self) -> RecordType {
            match self {
                Kind::Goal => RecordType::Goal,
                Kind::Objective => RecordType::Objective,
            }
        }

        /// "Goal 2", "Objective 2.3".
        fn name(self, item: &OutlineItemRow) -> String {
            match self {
                Kind::Goal => format!("Goal {}", item.number),
                Kind::Objective => format!("Objective {}.{}", item.goal_number, item.number),
            }
        }

        /// The page anchor of the record.
        fn anchor(self, item: &OutlineItemRow) -> String {
            match self {
                Kind::Goal => format!("goal-{}", item.number),
                Kind::Objective => format!("objective-{}-{}", item.goal_number, item.number),
            }
        }
    }

    /// A draft the viewer may edit, with the TLP:RED records they are named on.
    struct Draft {
        partnership: PartnershipRow,
        plan: PlanRow,
        version: VersionRow,
        res: Resource,
        named: HashSet<(RecordType, i64)>,
    }

    impl Draft {
        /// A record of the draft, for `domain::access`.
        fn resource(
            &self,
            kind: RecordType,
            id: Option<i64>,
            owner: Option<i64>,
            tlp: Tlp,
        ) -> Resource {
            Resource {
                tlp,
                owner_organisation_id: owner,
                actor_is_named_recipient: id.is_some_and(|id| self.named.contains(&(kind, id))),
                ..self.res.clone()
            }
        }

        fn url(&self, saved: &str, anchor: &str) -> String {
            format!(
                "{}?saved={saved}#{anchor}",
                outline_url(&self.partnership.slug, self.version.number)
            )
        }
    }

    async fn draft(
        conn: &mut Conn,
        viewer: &Viewer,
        slug: &str,
        number: i64,
    ) -> Result<Draft, AppError> {
        let (partnership, plan, version, res) =
            crate::api::plans::locate_editable_draft(conn, viewer, slug, number).await?;
        let named =
            plan_content::list_named_records(conn, version.id, viewer.visibility().person_id)
                .await?;
        Ok(Draft {
            partnership,
            plan,
            version,
            res,
            named,
        })
    }

    /// Field errors, with the form they came from.
    fn invalid(form: &str, mut errors: FieldErrors) -> AppError {
        errors.insert(RECORD_ENTRY.to_owned(), vec![form.to_owned()]);
        AppError::Invalid(errors)
    }

    /// The viewer may edit the record: 404 when they may not see it, 403 otherwise.
    fn authorize_edit(viewer: &Viewer, res: &Resource) -> Result<(), AppError> {
        if !viewer.can(Action::View, res) {
            return Err(AppError::NotFound);
        }
        viewer.authorize(Action::EditPlanDraft, res)
    }

    /// A new label: lowering it is the secretariat's; and the author must still be able to
    /// edit the record under it (no record hidden from everyone who works on it).
    fn check_label(
        viewer: &Viewer,
        before: &Resource,
        after: Tlp,
        noun: &str,
        form: &str,
    ) -> Result<(), AppError> {
        if before.tlp.is_lowering_to(after) {
            viewer.authorize(Action::LowerLabel, before)?;
        }
        let res = Resource {
            tlp: after,
            ..before.clone()
        };
        if !viewer.can(Action::EditPlanDraft, &res) {
            let mut errors = FieldErrors::new();
            errors.insert(
                "tlp".to_owned(),
                vec![format!(
                    "With {} you could no longer see this {noun} ({}): choose a label whose \
                     audience includes you.",
                    after.label(),
                    after.audience().trim_end_matches('.').to_lowercase()
                )],
            );
            return Err(invalid(form, errors));
        }
        Ok(())
    }

    /// Records a change of label beside the record's update.
    async fn audit_label(
        conn: &mut Conn,
        viewer: &Viewer,
        partnership_id: i64,
        record_type: &str,
        id: i64,
        before: Tlp,
        after: Tlp,
    ) -> Result<(), AppError> {
        if before != after {
            audit::record(
                conn,
                AuditEvent::new("label_change", record_type, Some(id))
                    .by_viewer(viewer)
                    .in_partnership(partnership_id)
                    .before(json!({ "tlp": before.code() }))
                    .after(json!({ "tlp": after.code() })),
            )
            .await?;
        }
        Ok(())
    }

    pub async fn get_plan_outline(slug: String, number: i64) -> Result<PlanOutline, AppError> {
        let viewer = Viewer::current().await?;
        let state = AppState::current();
        let mut tx = state.db.begin_read().await?;
        let d = draft(&mut tx, &viewer, &slug, number).await?;
        let goals = q::list_outline(&mut tx, d.version.id).await?;
        tx.commit().await.map_err(DbError::from)?;
        let sees = |kind: RecordType, id: i64, owner: Option<i64>, tlp: Tlp| {
            viewer.can(Action::View, &d.resource(kind, Some(id), owner, tlp))
        };
        let goals = goals
            .into_iter()
            .filter(|g| sees(RecordType::Goal, g.id, g.owner_organisation_id, g.tlp))
            .map(|g| GoalDraft {
                objectives: g
                    .objectives
                    .into_iter()
                    .filter(|o| sees(RecordType::Objective, o.id, o.owner_organisation_id, o.tlp))
                    .map(|o| {
                        let owner = o.owner_organisation_id;
                        ObjectiveDraft {
                            measures: o
                                .measures
                                .into_iter()
                                // A measure has no owner of its own: it is its objective's.
                                .filter(|m| sees(RecordType::Measure, m.id, owner, m.tlp))
                                .map(|m| MeasureDraft {
                                    id: m.id,
                                    indicator: m.indicator,
                                    baseline: m.baseline,
                                    target: m.target,
                                    unit: m.unit,
                                    due_date: m.due_date,
                                    tlp: m.tlp,
                                })
                                .collect(),
                            id: o.id,
                            key: o.key,
                            goal_number: g.number,
                            number: o.number,
                            title: o.title,
                            description: o.description,
                            tlp: o.tlp,
                            revision: o.revision,
                        }
                    })
                    .collect(),
                id: g.id,
                key: g.key,
                number: g.number,
                title: g.title,
                description: g.description,
                tlp: g.tlp,
                revision: g.revision,
            })
            .collect();
        Ok(PlanOutline {
            partnership_slug: d.partnership.slug,
            partnership_short_name: d.partnership.short_name,
            version_number: d.version.number,
            version_title: d.version.title,
            goals,
        })
    }

    fn item_json(revision: i64, item: &ValidItem) -> serde_json::Value {
        json!({
            "revision": revision,
            "title": item.title,
            "description": item.description,
            "tlp": item.tlp.code(),
        })
    }

    pub async fn add_goal(
        partnership: String,
        number: i64,
        input: ItemInput,
    ) -> Result<(), AppError> {
        const FORM: &str = "add-goal";
        let viewer = Viewer::current().await?;
        let state = AppState::current();
        let mut tx = state.db.begin_write().await?;
        let d = draft(&mut tx, &viewer, &partnership, number).await?;
        let item = input
            .validate("goal")
            .map_err(|errors| invalid(FORM, errors))?;
        // The author's organisation owns what it adds (it matters for TLP:AMBER and
        // TLP:AMBER+STRICT).
        let owner = viewer.actor().organisation_id;
        let new_res = d.resource(RecordType::Goal, None, owner, item.tlp);
        check_label(&viewer, &new_res, item.tlp, "goal", FORM)?;
        let now = Timestamp::now();
        let key = q::next_goal_key(&mut tx, d.plan.id).await?;
        let goal_number = q::next_goal_number(&mut tx, d.version.id).await?;
        let key_id = plans_db::insert_goal_key(&mut tx, d.plan.id, &key, now).await?;
        let id = plans_db::insert_goal(
            &mut tx,
            plans_db::NewGoal {
                plan_version_id: d.version.id,
                goal_key_id: key_id,
                number: goal_number,
                title: item.title.clone(),
                description: item.description.clone(),
                tlp: item.tlp,
                owner_organisation_id: owner,
                weight: 1.0,
                created_at: now,
            },
        )
        .await?;
        let mut after = item_json(1, &item);
        after["key"] = json!(key);
        after["number"] = json!(goal_number);
        after["version"] = json!(number);
        audit::record(
            &mut tx,
            AuditEvent::new("create", "goal", Some(id))
                .by_viewer(&viewer)
                .in_partnership(d.partnership.id)
                .after(after),
        )
        .await?;
        tx.commit().await.map_err(DbError::from)?;
        let anchor = format!("goal-{goal_number}");
        leptos_axum::redirect(&d.url(&anchor, &anchor));
        Ok(())
    }

    pub async fn add_objective(
        partnership: String,
        number: i64,
        goal_id: i64,
        input: ItemInput,
    ) -> Result<(), AppError> {
        let viewer = Viewer::current().await?;
        let state = AppState::current();
        let mut tx = state.db.begin_write().await?;
        let d = draft(&mut tx, &viewer, &partnership, number).await?;
        let goal = q::find_goal(&mut tx, d.version.id, goal_id)
            .await?
            .ok_or(AppError::NotFound)?;
        authorize_edit(
            &viewer,
            &d.resource(
                RecordType::Goal,
                Some(goal.id),
                goal.owner_organisation_id,
                goal.tlp,
            ),
        )?;
        let form = format!("add-objective-{}", goal.number);
        let item = input
            .validate("objective")
            .map_err(|errors| invalid(&form, errors))?;
        let owner = viewer.actor().organisation_id;
        let new_res = d.resource(RecordType::Objective, None, owner, item.tlp);
        check_label(&viewer, &new_res, item.tlp, "objective", &form)?;
        let now = Timestamp::now();
        let key = q::next_objective_key(&mut tx, d.plan.id, &goal.key).await?;
        let objective_number = q::next_objective_number(&mut tx, goal.id).await?;
        let key_id = plans_db::insert_objective_key(&mut tx, d.plan.id, &key, now).await?;
        let id = plans_db::insert_objective(
            &mut tx,
            plans_db::NewObjective {
                goal_id: goal.id,
                plan_version_id: d.version.id,
                objective_key_id: key_id,
                number: objective_number,
                title: item.title.clone(),
                description: item.description.clone(),
                tlp: item.tlp,
                owner_organisation_id: owner,
                weight: 1.0,
                created_at: now,
            },
        )
        .await?;
        let mut after = item_json(1, &item);
        after["key"] = json!(key);
        after["number"] = json!(format!("{}.{objective_number}", goal.number));
        after["version"] = json!(number);
        audit::record(
            &mut tx,
            AuditEvent::new("create", "objective", Some(id))
                .by_viewer(&viewer)
                .in_partnership(d.partnership.id)
                .after(after),
        )
        .await?;
        tx.commit().await.map_err(DbError::from)?;
        let anchor = format!("objective-{}-{objective_number}", goal.number);
        leptos_axum::redirect(&d.url(&anchor, &anchor));
        Ok(())
    }

    pub async fn update_item(
        kind: Kind,
        partnership: String,
        number: i64,
        id: i64,
        revision: i64,
        input: ItemInput,
    ) -> Result<(), AppError> {
        let viewer = Viewer::current().await?;
        let state = AppState::current();
        let mut tx = state.db.begin_write().await?;
        let d = draft(&mut tx, &viewer, &partnership, number).await?;
        let before = match kind {
            Kind::Goal => q::find_goal(&mut tx, d.version.id, id).await?,
            Kind::Objective => q::find_objective(&mut tx, d.version.id, id).await?,
        }
        .ok_or(AppError::NotFound)?;
        let res = d.resource(
            kind.record_type(),
            Some(before.id),
            before.owner_organisation_id,
            before.tlp,
        );
        authorize_edit(&viewer, &res)?;
        let anchor = kind.anchor(&before);
        let form = format!("edit-{anchor}");
        let item = input
            .validate(kind.noun())
            .map_err(|errors| invalid(&form, errors))?;
        check_label(&viewer, &res, item.tlp, kind.noun(), &form)?;
        let name = kind.name(&before);
        let edit = q::ItemEdit {
            id: before.id,
            expected_revision: revision,
            title: item.title.clone(),
            description: item.description.clone(),
            tlp: item.tlp,
            saved_at: Timestamp::now(),
        };
        let new_revision = match kind {
            Kind::Goal => q::update_goal(&mut tx, edit, &name).await?,
            Kind::Objective => q::update_objective(&mut tx, edit, &name).await?,
        };
        let before_item = ValidItem {
            title: before.title.clone(),
            description: before.description.clone(),
            tlp: before.tlp,
        };
        audit::record(
            &mut tx,
            AuditEvent::new("update", kind.noun(), Some(before.id))
                .by_viewer(&viewer)
                .in_partnership(d.partnership.id)
                .before(item_json(before.revision, &before_item))
                .after(item_json(new_revision, &item)),
        )
        .await?;
        audit_label(
            &mut tx,
            &viewer,
            d.partnership.id,
            kind.noun(),
            before.id,
            before.tlp,
            item.tlp,
        )
        .await?;
        tx.commit().await.map_err(DbError::from)?;
        leptos_axum::redirect(&d.url(&anchor, &anchor));
        Ok(())
    }

    fn measure_json(m: &ValidMeasure) -> serde_json::Value {
        json!({
            "indicator": m.indicator,
            "baseline": m.baseline,
            "target": m.target,
            "unit": m.unit,
            "due_date": m.due_date.map(|d| d.to_db_text()),
            "tlp": m.tlp.code(),
        })
    }

    pub async fn add_measure(
        partnership: String,
        number: i64,
        objective_id: i64,
        input: MeasureInput,
    ) -> Result<(), AppError> {
        let viewer = Viewer::current().await?;
        let state = AppState::current();
        let mut tx = state.db.begin_write().await?;
        let d = draft(&mut tx, &viewer, &partnership, number).await?;
        let objective = q::find_objective(&mut tx, d.version.id, objective_id)
            .await?
            .ok_or(AppError::NotFound)?;
        let owner = objective.owner_organisation_id;
        authorize_edit(
            &viewer,
            &d.resource(
                RecordType::Objective,
                Some(objective.id),
                owner,
                objective.tlp,
            ),
        )?;
        let form = format!("add-measure-{}-{}", objective.goal_number, objective.number);
        let measure = input.validate().map_err(|errors| invalid(&form, errors))?;
        let new_res = d.resource(RecordType::Measure, None, owner, measure.tlp);
        check_label(&viewer, &new_res, measure.tlp, "measure", &form)?;
        let now = Timestamp::now();
        let position = q::next_measure_position(&mut tx, objective.id).await?;
        let id = plans_db::insert_measure(
            &mut tx,
            plans_db::NewMeasure {
                objective_id: objective.id,
                position,
                indicator: measure.indicator.clone(),
                baseline: measure.baseline,
                target: measure.target,
                unit: measure.unit.clone(),
                due_date: measure.due_date,
                tlp: measure.tlp,
                created_at: now,
            },
        )
        .await?;
        let mut after = measure_json(&measure);
        after["objective"] = json!(format!("{}.{}", objective.goal_number, objective.number));
        after["version"] = json!(number);
        audit::record(
            &mut tx,
            AuditEvent::new("create", "measure", Some(id))
                .by_viewer(&viewer)
                .in_partnership(d.partnership.id)
                .after(after),
        )
        .await?;
        tx.commit().await.map_err(DbError::from)?;
        let anchor = format!("measure-{id}");
        leptos_axum::redirect(&d.url(&anchor, &anchor));
        Ok(())
    }

    /// A measure of the draft the viewer may edit, with its resource.
    async fn editable_measure(
        conn: &mut Conn,
        viewer: &Viewer,
        d: &Draft,
        measure_id: i64,
    ) -> Result<(q::MeasureItemRow, Resource), AppError> {
        let measure = q::find_measure(conn, d.version.id, measure_id)
            .await?
            .ok_or(AppError::NotFound)?;
        // The objective must be visible too: a measure is read under its objective.
        let objective = q::find_objective(conn, d.version.id, measure.objective_id)
            .await?
            .ok_or(AppError::NotFound)?;
        let objective_res = d.resource(
            RecordType::Objective,
            Some(objective.id),
            objective.owner_organisation_id,
            objective.tlp,
        );
        if !viewer.can(Action::View, &objective_res) {
            return Err(AppError::NotFound);
        }
        let res = d.resource(
            RecordType::Measure,
            Some(measure.id),
            measure.objective_owner,
            measure.tlp,
        );
        authorize_edit(viewer, &res)?;
        Ok((measure, res))
    }

    fn stored_measure(m: &q::MeasureItemRow) -> ValidMeasure {
        ValidMeasure {
            indicator: m.indicator.clone(),
            baseline: m.baseline,
            target: m.target,
            unit: m.unit.clone(),
            due_date: m.due_date,
            tlp: m.tlp,
        }
    }

    pub async fn update_measure(
        partnership: String,
        number: i64,
        measure_id: i64,
        input: MeasureInput,
    ) -> Result<(), AppError> {
        let viewer = Viewer::current().await?;
        let state = AppState::current();
        let mut tx = state.db.begin_write().await?;
        let d = draft(&mut tx, &viewer, &partnership, number).await?;
        let (before, res) = editable_measure(&mut tx, &viewer, &d, measure_id).await?;
        let form = format!("edit-measure-{}", before.id);
        let measure = input.validate().map_err(|errors| invalid(&form, errors))?;
        check_label(&viewer, &res, measure.tlp, "measure", &form)?;
        q::update_measure(
            &mut tx,
            q::MeasureEdit {
                id: before.id,
                indicator: measure.indicator.clone(),
                baseline: measure.baseline,
                target: measure.target,
                unit: measure.unit.clone(),
                due_date: measure.due_date,
                tlp: measure.tlp,
                saved_at: Timestamp::now(),
            },
        )
        .await?;
        audit::record(
            &mut tx,
            AuditEvent::new("update", "measure", Some(before.id))
                .by_viewer(&viewer)
                .in_partnership(d.partnership.id)
                .before(measure_json(&stored_measure(&before)))
                .after(measure_json(&measure)),
        )
        .await?;
        audit_label(
            &mut tx,
            &viewer,
            d.partnership.id,
            "measure",
            before.id,
            before.tlp,
            measure.tlp,
        )
        .await?;
        tx.commit().await.map_err(DbError::from)?;
        let anchor = format!("measure-{}", before.id);
        leptos_axum::redirect(&d.url(&anchor, &anchor));
        Ok(())
    }

    pub async fn delete_measure(
        partnership: String,
        number: i64,
        measure_id: i64,
    ) -> Result<(), AppError> {
        let viewer = Viewer::current().await?;
        let state = AppState::current();
        let mut tx = state.db.begin_write().await?;
        let d = draft(&mut tx, &viewer, &partnership, number).await?;
        let (before, _) = editable_measure(&mut tx, &viewer, &d, measure_id).await?;
        q::delete_measure(&mut tx, before.id).await?;
        let mut was = measure_json(&stored_measure(&before));
        was["objective"] = json!(format!(
            "{}.{}",
            before.goal_number, before.objective_number
        ));
        was["version"] = json!(number);
        audit::record(
            &mut tx,
            AuditEvent::new("delete", "measure", Some(before.id))
                .by_viewer(&viewer)
                .in_partnership(d.partnership.id)
                .before(was),
        )
        .await?;
        tx.commit().await.map_err(DbError::from)?;
        let anchor = format!(
            "objective-{}-{}",
            before.goal_number, before.objective_number
        );
        leptos_axum::redirect(&d.url("deleted", &anchor));
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn measure(baseline: &str, target: &str, due_date: &str) -> MeasureInput {
        MeasureInput {
            indicator: "Members with MFA".to_owned(),
            baseline: baseline.to_owned(),
            target: target.to_owned(),
            unit: "%".to_owned(),
            due_date: due_date.to_owned(),
            tlp: "green".to_owned(),
        }
    }

    #[test]
    fn a_goal_needs_a_title_and_a_known_label() {
        let ok = ItemInput::new(" Goal ".into(), "a\r\nb".into(), "clear".into())
            .validate("goal")
            .expect("valid");
        assert_eq!(
            (ok.title.as_str(), ok.description.as_str(), ok.tlp),
            ("Goal", "a\nb", Tlp::Clear)
        );
        let errors = ItemInput::new("  ".into(), "x".repeat(20_001), "purple".into())
            .validate("objective")
            .expect_err("invalid");
        assert_eq!(
            errors.keys().map(String::as_str).collect::<Vec<_>>(),
            ["description", "title", "tlp"]
        );
        assert!(errors["title"][0].contains("objective's title"));
        assert!(
            ItemInput::new("x".repeat(301), String::new(), "green".into())
                .validate("goal")
                .is_err()
        );
    }

    #[test]
    fn measures_take_numbers_or_nothing_and_real_dates() {
        let ok = measure(" 41 ", "97.5", "2027-06-30")
            .validate()
            .expect("valid");
        assert_eq!((ok.baseline, ok.target), (Some(41.0), Some(97.5)));
        assert_eq!(ok.due_date, Date::from_ymd(2027, 6, 30));
        let empty = measure("", " ", "").validate().expect("valid");
        assert_eq!(
            (empty.baseline, empty.target, empty.due_date),
            (None, None, None)
        );
        let errors = measure("NaN", "abc", "2026-13-40")
            .validate()
            .expect_err("invalid");
        assert_eq!(
            errors.keys().map(String::as_str).collect::<Vec<_>>(),
            ["baseline", "due_date", "target"]
        );
        assert!(measure("inf", "", "").validate().is_err());
        let mut long = measure("", "", "");
        long.unit = "u".repeat(41);
        long.indicator = String::new();
        let errors = long.validate().expect_err("invalid");
        assert!(errors.contains_key("unit") && errors.contains_key("indicator"));
    }
}
