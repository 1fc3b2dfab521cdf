//! The comparison of two versions of a Sector-Specific Plan: which sections, goals,
//! objectives and measures were added, removed or changed, and how each changed field reads
//! word by word.
//!
//! Items are matched by their stable key (sections, goals, objectives; an objective that moved
//! to another goal is the same objective, its number and goal showing the move) and measures
//! by indicator within their objective. The caller loads the two versions into snapshots,
//! holding only what the viewer may see; this module neither reads nor filters anything.
//! Rendering is `components::diff_view::PlanComparisonView`.

use super::diff::{TextDiff, diff_text};
use super::{Date, Tlp};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// A section of one plan version, as compared.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SectionSnapshot {
    /// Stable across versions.
    pub key: String,
    /// The section's title.
    pub title: String,
    /// The Markdown text.
    pub body: String,
    /// Its TLP label.
    pub tlp: Tlp,
}

/// A measure of an objective, as compared.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MeasureSnapshot {
    /// What is measured; matches the measure across versions within its objective.
    pub indicator: String,
    /// The starting value, if known.
    pub baseline: Option<f64>,
    /// The value to reach, if set.
    pub target: Option<f64>,
    /// The unit of baseline and target (e.g. "%", "hospitals").
    pub unit: String,
    /// When the target is to be reached.
    pub due_date: Option<Date>,
    /// Its TLP label.
    pub tlp: Tlp,
}

/// An objective of one plan version, as compared.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ObjectiveSnapshot {
    /// Stable across versions (commitments follow it).
    pub key: String,
    /// Its number within the plan, e.g. "1.2".
    pub number: String,
    /// The objective's title.
    pub title: String,
    /// The Markdown description.
    pub description: String,
    /// Its TLP label.
    pub tlp: Tlp,
    /// Its measures, in order.
    pub measures: Vec<MeasureSnapshot>,
}

/// A goal of one plan version, as compared.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GoalSnapshot {
    /// Stable across versions.
    pub key: String,
    /// Its number within the plan (1, 2, ...).
    pub number: i64,
    /// The goal's title.
    pub title: String,
    /// The Markdown description.
    pub description: String,
    /// Its TLP label.
    pub tlp: Tlp,
    /// Its objectives, in order.
    pub objectives: Vec<ObjectiveSnapshot>,
}

/// What of one plan version is compared: its sections and goals, in order.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PlanSnapshot {
    /// The sections, in order.
    pub sections: Vec<SectionSnapshot>,
    /// The goals, in order, each with its objectives and their measures.
    pub goals: Vec<GoalSnapshot>,
}

/// What kind of plan item a compared item is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ItemKind {
    /// A section.
    Section,
    /// A goal.
    Goal,
    /// An objective.
    Objective,
    /// A measure of an objective.
    Measure,
}

impl ItemKind {
    /// Every kind, in the order items are listed.
    pub const ALL: [ItemKind; 4] = [
        ItemKind::Section,
        ItemKind::Goal,
        ItemKind::Objective,
        ItemKind::Measure,
    ];

    /// A stable lower-case code, e.g. for a CSS class or a test selector.
    pub const fn code(self) -> &'static str {
        match self {
            ItemKind::Section => "section",
            ItemKind::Goal => "goal",
            ItemKind::Objective => "objective",
            ItemKind::Measure => "measure",
        }
    }

    /// The noun for `count` items of this kind: "1 goal", "2 goals".
    pub const fn noun(self, count: usize) -> &'static str {
        match (self, count == 1) {
            (ItemKind::Section, true) => "section",
            (ItemKind::Section, false) => "sections",
            (ItemKind::Goal, true) => "goal",
            (ItemKind::Goal, false) => "goals",
            (ItemKind::Objective, true) => "objective",
            (ItemKind::Objective, false) => "objectives",
            (ItemKind::Measure, true) => "measure",
            (ItemKind::Measure, false) => "measures",
        }
    }
}

/// What happened to an item between the two versions.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ItemChange {
    /// Only in the new version.
    Added,
    /// Only in the old version.
    Removed,
    /// In both, with at least one field different.
    Changed,
    /// In both, the same.
    Unchanged,
}

impl ItemChange {
    /// A stable lower-case code, e.g. for a CSS class or a test selector.
    pub const fn code(self) -> &'static str {
        match self {
            ItemChange::Added => "added",
            ItemChange::Removed => "removed",
            ItemChange::Changed => "changed",
            ItemChange::Unchanged => "unchanged",
        }
    }

    /// The word for people, capitalised: "Added", "Removed", "Changed", "Unchanged".
    pub const fn label(self) -> &'static str {
        match self {
            ItemChange::Added => "Added",
            ItemChange::Removed => "Removed",
            ItemChange::Changed => "Changed",
            ItemChange::Unchanged => "Unchanged",
        }
    }
}

/// One field of an item that differs between the versions (for an added or removed item:
/// each field it has, against nothing).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldChange {
    /// The field's name for people: "Title", "Text", "Description", "Label", "Number",
    /// "Goal", "Indicator", "Baseline", "Target", "Unit", "Due date".
    pub field: String,
    /// The old and new values compared word by word.
    pub diff: TextDiff,
}

/// One section, goal, objective or measure of either version, with what happened to it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ComparedItem {
    /// What kind of item.
    pub kind: ItemKind,
    /// Its stable key: a section's, goal's or objective's own key; for a measure, its
    /// objective's key, `/` and its indicator (with `#2`, `#3` ... for repeated indicators).
    pub key: String,
    /// How people name it, from the new version when it has the item: "Section: Scope",
    /// "Goal 2: Resilience", "Objective 1.2: Exercises", "Measure of objective 1.2: Drills".
    pub label: String,
    /// What happened to it.
    pub change: ItemChange,
    /// The fields that differ (empty for an unchanged item).
    pub fields: Vec<FieldChange>,
}

/// How many items of one kind were added, removed, changed or left unchanged.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct KindCounts {
    /// Only in the new version.
    pub added: usize,
    /// Only in the old version.
    pub removed: usize,
    /// In both, different.
    pub changed: usize,
    /// In both, the same.
    pub unchanged: usize,
}

/// Counts of added, removed, changed and unchanged items per kind.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompareSummary {
    /// Sections.
    pub sections: KindCounts,
    /// Goals.
    pub goals: KindCounts,
    /// Objectives.
    pub objectives: KindCounts,
    /// Measures.
    pub measures: KindCounts,
}

impl CompareSummary {
    /// The counts of one kind.
    pub fn of(&self, kind: ItemKind) -> KindCounts {
        match kind {
            ItemKind::Section => self.sections,
            ItemKind::Goal => self.goals,
            ItemKind::Objective => self.objectives,
            ItemKind::Measure => self.measures,
        }
    }

    fn of_mut(&mut self, kind: ItemKind) -> &mut KindCounts {
        match kind {
            ItemKind::Section => &mut self.sections,
            ItemKind::Goal => &mut self.goals,
            ItemKind::Objective => &mut self.objectives,
            ItemKind::Measure => &mut self.measures,
        }
    }

    /// Whether anything was added, removed or changed.
    pub fn has_differences(&self) -> bool {
        ItemKind::ALL.iter().any(|&kind| {
            let c = self.of(kind);
            c.added + c.removed + c.changed > 0
        })
    }

    /// How many items are unchanged, of all kinds.
    pub fn unchanged(&self) -> usize {
        ItemKind::ALL
            .iter()
            .map(|&kind| self.of(kind).unchanged)
            .sum()
    }

    /// The differences in words: "2 sections changed, 1 goal added, 3 measures removed", or
    /// "No differences" when there are none.
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        for kind in ItemKind::ALL {
            let counts = self.of(kind);
            for (count, verb) in [
                (counts.added, "added"),
                (counts.removed, "removed"),
                (counts.changed, "changed"),
            ] {
                if count > 0 {
                    parts.push([&count.to_string(), " ", kind.noun(count), " ", verb].concat());
                }
            }
        }
        if parts.is_empty() {
            "No differences".to_owned()
        } else {
            parts.join(", ")
        }
    }
}

/// Items of both versions matched by stable key (sections, goals, objectives; measures by
/// indicator within their objective), in the new version's order with removed items where
/// they were; fields that differ are word-diffed.
///
/// The list runs: sections, then each goal followed by its objectives, each objective
/// followed by its measures. A moved objective is listed under its new goal; a removed one
/// under the goal it was in (after that goal, if the goal was removed too).
pub fn compare_plans(old: &PlanSnapshot, new: &PlanSnapshot) -> Vec<ComparedItem> {
    let mut items = Vec::new();

    let keyed_sections = |sections: &'_ [SectionSnapshot]| -> Vec<(String, usize)> {
        sections
            .iter()
            .enumerate()
            .map(|(i, s)| (s.key.clone(), i))
            .collect()
    };
    for pair in merge(
        &keyed_sections(&old.sections),
        &keyed_sections(&new.sections),
    ) {
        let (o, n) = (
            pair.old.map(|i| &old.sections[i]),
            pair.new.map(|i| &new.sections[i]),
        );
        items.push(compare_section(o, n));
    }

    // Where each objective is, by key, in each version: (goal index, objective index).
    let place = |plan: &PlanSnapshot| {
        let mut at: HashMap<String, (usize, usize)> = HashMap::new();
        for (g, goal) in plan.goals.iter().enumerate() {
            for (o, objective) in goal.objectives.iter().enumerate() {
                at.entry(objective.key.clone()).or_insert((g, o));
            }
        }
        at
    };
    let old_place = place(old);
    let new_place = place(new);

    let keyed_goals = |goals: &'_ [GoalSnapshot]| -> Vec<(String, usize)> {
        goals
            .iter()
            .enumerate()
            .map(|(i, g)| (g.key.clone(), i))
            .collect()
    };
    for pair in merge(&keyed_goals(&old.goals), &keyed_goals(&new.goals)) {
        let old_goal = pair.old.map(|i| &old.goals[i]);
        let new_goal = pair.new.map(|i| &new.goals[i]);
        items.push(compare_goal(old_goal, new_goal));

        // This goal's objectives: the new version's, and those of the old version that are
        // not in the new version under another goal (those are listed there, as moved).
        let old_side: Vec<(String, usize)> = old_goal
            .map(|goal| {
                goal.objectives
                    .iter()
                    .enumerate()
                    .filter(|(_, objective)| match new_place.get(&objective.key) {
                        Some(&(new_g, _)) => pair.new == Some(new_g),
                        None => true,
                    })
                    .map(|(o, objective)| (objective.key.clone(), o))
                    .collect()
            })
            .unwrap_or_default();
        let new_side: Vec<(String, usize)> = new_goal
            .map(|goal| {
                goal.objectives
                    .iter()
                    .enumerate()
                    .map(|(o, objective)| (objective.key.clone(), o))
                    .collect()
            })
            .unwrap_or_default();
        for objective_pair in merge(&old_side, &new_side) {
            let new_objective = objective_pair
                .new
                .zip(new_goal)
                .map(|(n, goal)| (goal, &goal.objectives[n]));
            let old_objective = match (objective_pair.old, old_goal, new_objective) {
                (Some(o), Some(goal), _) => Some((goal, &goal.objectives[o])),
                // Not under this goal in the old version: perhaps under another (moved).
                (None, _, Some((_, objective))) => old_place
                    .get(&objective.key)
                    .map(|&(g, o)| (&old.goals[g], &old.goals[g].objectives[o])),
                _ => None,
            };
            compare_objective(&mut items, old_objective, new_objective);
        }
    }
    items
}

/// Counts of added/removed/changed/unchanged items per kind.
pub fn summary(items: &[ComparedItem]) -> CompareSummary {
    let mut summary = CompareSummary::default();
    for item in items {
        let counts = summary.of_mut(item.kind);
        match item.change {
            ItemChange::Added => counts.added += 1,
            ItemChange::Removed => counts.removed += 1,
            ItemChange::Changed => counts.changed += 1,
            ItemChange::Unchanged => counts.unchanged += 1,
        }
    }
    summary
}

/// One item of the merged order: its index in the old list, in the new list, or both.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Pair {
    old: Option<usize>,
    new: Option<usize>,
}

/// The items of both lists matched by key, in the new list's order, each unmatched old item
/// placed after the item that preceded it in the old list. A repeated key matches once.
fn merge(old: &[(String, usize)], new: &[(String, usize)]) -> Vec<Pair> {
    let mut old_by_key: HashMap<&str, usize> = HashMap::new();
    for (position, (key, _)) in old.iter().enumerate() {
        old_by_key.entry(key.as_str()).or_insert(position);
    }
    // For each old position, the new position it matched.
    let mut matched: Vec<Option<usize>> = vec![None; old.len()];
    for (position, (key, _)) in new.iter().enumerate() {
        if let Some(&o) = old_by_key.get(key.as_str())
            && matched[o].is_none()
        {
            matched[o] = Some(position);
        }
    }
    let mut new_to_old: Vec<Option<usize>> = vec![None; new.len()];
    for (o, n) in matched.iter().enumerate() {
        if let Some(n) = n {
            new_to_old[*n] = Some(o);
        }
    }
    // Removed items, grouped by the new position they follow (None: before everything).
    let mut first: Vec<usize> = Vec::new();
    let mut after: Vec<Vec<usize>> = vec![Vec::new(); new.len()];
    let mut anchor: Option<usize> = None;
    for (o, n) in matched.iter().enumerate() {
        match n {
            // Only move the anchor forward: a matched item that moved earlier must not
            // send later removals back before items already passed.
            Some(n) => anchor = Some(anchor.map_or(*n, |a: usize| a.max(*n))),
            None => match anchor {
                Some(a) => after[a].push(o),
                None => first.push(o),
            },
        }
    }
    let mut pairs = Vec::with_capacity(old.len() + new.len());
    let removed = |o: usize| Pair {
        old: Some(old[o].1),
        new: None,
    };
    pairs.extend(first.into_iter().map(removed));
    for (n, removed_after) in after.into_iter().enumerate() {
        pairs.push(Pair {
            old: new_to_old[n].map(|o| old[o].1),
            new: Some(new[n].1),
        });
        pairs.extend(removed_after.into_iter().map(removed));
    }
    pairs
}

/// Whether an item is added, removed, changed or unchanged, from what there is of it.
fn change_of<T>(old: Option<T>, new: Option<T>, fields: &[FieldChange]) -> ItemChange {
    match (old, new) {
        (None, _) => ItemChange::Added,
        (_, None) => ItemChange::Removed,
        _ if fields.is_empty() => ItemChange::Unchanged,
        _ => ItemChange::Changed,
    }
}

/// Collects the fields that differ; a missing item's fields count as empty.
#[derive(Default)]
struct Fields(Vec<FieldChange>);

impl Fields {
    fn text(&mut self, field: &str, old: Option<&str>, new: Option<&str>) {
        let (old, new) = (old.unwrap_or(""), new.unwrap_or(""));
        if old == new {
            return;
        }
        let diff = diff_text(old, new);
        if !diff.is_unchanged() {
            self.0.push(FieldChange {
                field: field.to_owned(),
                diff,
            });
        }
    }
}

fn compare_section(old: Option<&SectionSnapshot>, new: Option<&SectionSnapshot>) -> ComparedItem {
    let mut fields = Fields::default();
    fields.text(
        "Title",
        old.map(|s| s.title.as_str()),
        new.map(|s| s.title.as_str()),
    );
    fields.text(
        "Text",
        old.map(|s| s.body.as_str()),
        new.map(|s| s.body.as_str()),
    );
    fields.text(
        "Label",
        old.map(|s| s.tlp.label()),
        new.map(|s| s.tlp.label()),
    );
    let shown = new.or(old);
    ComparedItem {
        kind: ItemKind::Section,
        key: shown.map(|s| s.key.clone()).unwrap_or_default(),
        label: ["Section: ", shown.map_or("", |s| s.title.as_str())].concat(),
        change: change_of(old, new, &fields.0),
        fields: fields.0,
    }
}

fn goal_label(goal: &GoalSnapshot) -> String {
    ["Goal ", &goal.number.to_string(), ": ", &goal.title].concat()
}

fn compare_goal(old: Option<&GoalSnapshot>, new: Option<&GoalSnapshot>) -> ComparedItem {
    let mut fields = Fields::default();
    let number = |g: &GoalSnapshot| g.number.to_string();
    fields.text(
        "Number",
        old.map(number).as_deref(),
        new.map(number).as_deref(),
    );
    fields.text(
        "Title",
        old.map(|g| g.title.as_str()),
        new.map(|g| g.title.as_str()),
    );
    fields.text(
        "Description",
        old.map(|g| g.description.as_str()),
        new.map(|g| g.description.as_str()),
    );
    fields.text(
        "Label",
        old.map(|g| g.tlp.label()),
        new.map(|g| g.tlp.label()),
    );
    let shown = new.or(old);
    ComparedItem {
        kind: ItemKind::Goal,
        key: shown.map(|g| g.key.clone()).unwrap_or_default(),
        label: shown.map(goal_label).unwrap_or_default(),
        change: change_of(old, new, &fields.0),
        fields: fields.0,
    }
}

/// Adds an objective (each side with its goal) and then its measures.
fn compare_objective(
    items: &mut Vec<ComparedItem>,
    old: Option<(&GoalSnapshot, &ObjectiveSnapshot)>,
    new: Option<(&GoalSnapshot, &ObjectiveSnapshot)>,
) {
    let mut fields = Fields::default();
    let (old_goal, old) = (old.map(|(g, _)| g), old.map(|(_, o)| o));
    let (new_goal, new) = (new.map(|(g, _)| g), new.map(|(_, o)| o));
    fields.text(
        "Number",
        old.map(|o| o.number.as_str()),
        new.map(|o| o.number.as_str()),
    );
    // The goal is named only when the objective moved to another goal (or was added to or
    // removed from one), not when its goal was merely renamed.
    if old_goal.map(|g| &g.key) != new_goal.map(|g| &g.key) {
        fields.text(
            "Goal",
            old_goal.map(goal_label).as_deref(),
            new_goal.map(goal_label).as_deref(),
        );
    }
    fields.text(
        "Title",
        old.map(|o| o.title.as_str()),
        new.map(|o| o.title.as_str()),
    );
    fields.text(
        "Description",
        old.map(|o| o.description.as_str()),
        new.map(|o| o.description.as_str()),
    );
    fields.text(
        "Label",
        old.map(|o| o.tlp.label()),
        new.map(|o| o.tlp.label()),
    );
    let shown = new.or(old);
    let objective_key = shown.map(|o| o.key.clone()).unwrap_or_default();
    let number = shown.map_or("", |o| o.number.as_str()).to_owned();
    items.push(ComparedItem {
        kind: ItemKind::Objective,
        key: objective_key.clone(),
        label: [
            "Objective ",
            &number,
            ": ",
            shown.map_or("", |o| o.title.as_str()),
        ]
        .concat(),
        change: change_of(old, new, &fields.0),
        fields: fields.0,
    });

    let old_measures = old.map(|o| measure_keys(&o.measures)).unwrap_or_default();
    let new_measures = new.map(|o| measure_keys(&o.measures)).unwrap_or_default();
    for pair in merge(&old_measures, &new_measures) {
        let old_measure = pair.old.zip(old).map(|(i, o)| &o.measures[i]);
        let new_measure = pair.new.zip(new).map(|(i, o)| &o.measures[i]);
        // `measure_keys` lists every measure at its own index.
        let key = match (pair.new, pair.old) {
            (Some(n), _) => &new_measures[n].0,
            (None, Some(o)) => &old_measures[o].0,
            (None, None) => continue,
        };
        items.push(compare_measure(
            [objective_key.as_str(), "/", key].concat(),
            &number,
            old_measure,
            new_measure,
        ));
    }
}

/// Measures keyed by indicator; a repeated indicator gets `#2`, `#3` ... so that the n-th
/// measure of that name matches the n-th in the other version.
fn measure_keys(measures: &[MeasureSnapshot]) -> Vec<(String, usize)> {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    measures
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let count = seen.entry(m.indicator.as_str()).or_insert(0);
            *count += 1;
            let key = if *count == 1 {
                m.indicator.clone()
            } else {
                [m.indicator.as_str(), "#", &count.to_string()].concat()
            };
            (key, i)
        })
        .collect()
}

fn number_text(value: Option<f64>) -> Option<String> {
    value.map(|v| v.to_string())
}

fn compare_measure(
    key: String,
    objective_number: &str,
    old: Option<&MeasureSnapshot>,
    new: Option<&MeasureSnapshot>,
) -> ComparedItem {
    let mut fields = Fields::default();
    fields.text(
        "Indicator",
        old.map(|m| m.indicator.as_str()),
        new.map(|m| m.indicator.as_str()),
    );
    fields.text(
        "Baseline",
        old.and_then(|m| number_text(m.baseline)).as_deref(),
        new.and_then(|m| number_text(m.baseline)).as_deref(),
    );
    fields.text(
        "Target",
        old.and_then(|m| number_text(m.target)).as_deref(),
        new.and_then(|m| number_text(m.target)).as_deref(),
    );
    fields.text(
        "Unit",
        old.map(|m| m.unit.as_str()),
        new.map(|m| m.unit.as_str()),
    );
    fields.text(
        "Due date",
        old.and_then(|m| m.due_date.map(Date::display_long))
            .as_deref(),
        new.and_then(|m| m.due_date.map(Date::display_long))
            .as_deref(),
    );
    fields.text(
        "Label",
        old.map(|m| m.tlp.label()),
        new.map(|m| m.tlp.label()),
    );
    let shown = new.or(old);
    ComparedItem {
        kind: ItemKind::Measure,
        key,
        label: [
            "Measure of objective ",
            objective_number,
            ": ",
            shown.map_or("", |m| m.indicator.as_str()),
        ]
        .concat(),
        change: change_of(old, new, &fields.0),
        fields: fields.0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::diff::Change;

    fn section(key: &str, title: &str, body: &str) -> SectionSnapshot {
        SectionSnapshot {
            key: key.to_owned(),
            title: title.to_owned(),
            body: body.to_owned(),
            tlp: Tlp::Clear,
        }
    }

    fn measure(indicator: &str, target: f64) -> MeasureSnapshot {
        MeasureSnapshot {
            indicator: indicator.to_owned(),
            baseline: Some(10.0),
            target: Some(target),
            unit: "%".to_owned(),
            due_date: Date::from_ymd(2027, 12, 31),
            tlp: Tlp::Clear,
        }
    }

    fn objective(
        key: &str,
        number: &str,
        title: &str,
        measures: Vec<MeasureSnapshot>,
    ) -> ObjectiveSnapshot {
        ObjectiveSnapshot {
            key: key.to_owned(),
            number: number.to_owned(),
            title: title.to_owned(),
            description: ["About ", title].concat(),
            tlp: Tlp::Clear,
            measures,
        }
    }

    fn goal(
        key: &str,
        number: i64,
        title: &str,
        objectives: Vec<ObjectiveSnapshot>,
    ) -> GoalSnapshot {
        GoalSnapshot {
            key: key.to_owned(),
            number,
            title: title.to_owned(),
            description: String::new(),
            tlp: Tlp::Clear,
            objectives,
        }
    }

    /// Version 1 of a small plan.
    fn version_one() -> PlanSnapshot {
        PlanSnapshot {
            sections: vec![
                section("scope", "Scope", "The sector covers hospitals and clinics."),
                section("risks", "Risk landscape", "Ransomware is the main threat."),
                section("old", "Annex", "To be dropped."),
            ],
            goals: vec![
                goal(
                    "g-share",
                    1,
                    "Share information",
                    vec![
                        objective(
                            "o-feed",
                            "1.1",
                            "Threat feed",
                            vec![measure("Members on the feed", 80.0)],
                        ),
                        objective(
                            "o-drill",
                            "1.2",
                            "Drills",
                            vec![measure("Drills held", 4.0), measure("Old measure", 1.0)],
                        ),
                    ],
                ),
                goal(
                    "g-supply",
                    2,
                    "Secure the supply chain",
                    vec![objective("o-sbom", "2.1", "SBOMs", vec![])],
                ),
            ],
        }
    }

    /// Version 2: section edited, one added and one removed; a goal added; an objective moved
    /// to another goal, one added, one removed; measures added, removed and changed; a label
    /// changed.
    fn version_two() -> PlanSnapshot {
        let mut risks = section("risks", "Risk landscape", "Ransomware is the main threat.");
        risks.tlp = Tlp::Green;
        PlanSnapshot {
            sections: vec![
                section(
                    "scope",
                    "Scope",
                    "The sector covers hospitals, clinics and labs.",
                ),
                section("supply", "Supply chain", "Suppliers matter."),
                risks,
            ],
            goals: vec![
                goal(
                    "g-share",
                    1,
                    "Share information",
                    vec![objective(
                        "o-feed",
                        "1.1",
                        "Threat feed",
                        vec![
                            measure("Members on the feed", 95.0),
                            measure("Alerts per month", 20.0),
                        ],
                    )],
                ),
                goal(
                    "g-supply",
                    2,
                    "Secure the supply chain",
                    vec![
                        objective("o-sbom", "2.1", "SBOMs", vec![]),
                        objective(
                            "o-drill",
                            "2.2",
                            "Drills",
                            vec![measure("Drills held", 4.0)],
                        ),
                    ],
                ),
                goal(
                    "g-people",
                    3,
                    "Grow the workforce",
                    vec![objective("o-train", "3.1", "Training", vec![])],
                ),
            ],
        }
    }

    fn find<'a>(items: &'a [ComparedItem], kind: ItemKind, key: &str) -> &'a ComparedItem {
        items
            .iter()
            .find(|i| i.kind == kind && i.key == key)
            .unwrap_or_else(|| panic!("no {kind:?} {key}"))
    }

    fn field<'a>(item: &'a ComparedItem, name: &str) -> &'a TextDiff {
        &item
            .fields
            .iter()
            .find(|f| f.field == name)
            .unwrap_or_else(|| panic!("no field {name} in {}", item.label))
            .diff
    }

    fn inserted(diff: &TextDiff) -> Vec<String> {
        diff.unified
            .iter()
            .flat_map(|l| l.spans.iter())
            .filter(|s| s.change == Change::Insert)
            .map(|s| s.text.clone())
            .collect()
    }

    fn deleted(diff: &TextDiff) -> Vec<String> {
        diff.unified
            .iter()
            .flat_map(|l| l.spans.iter())
            .filter(|s| s.change == Change::Delete)
            .map(|s| s.text.clone())
            .collect()
    }

    #[test]
    fn identical_versions_have_no_differences() {
        let items = compare_plans(&version_one(), &version_one());
        assert!(
            items
                .iter()
                .all(|i| i.change == ItemChange::Unchanged && i.fields.is_empty())
        );
        let summary = summary(&items);
        assert!(!summary.has_differences());
        assert_eq!(summary.describe(), "No differences");
        assert_eq!(summary.unchanged(), 3 + 2 + 3 + 3);
        assert!(compare_plans(&PlanSnapshot::default(), &PlanSnapshot::default()).is_empty());
    }

    #[test]
    fn sections_added_removed_and_changed_are_found_in_order() {
        let items = compare_plans(&version_one(), &version_two());
        let sections: Vec<(&str, ItemChange)> = items
            .iter()
            .filter(|i| i.kind == ItemKind::Section)
            .map(|i| (i.key.as_str(), i.change))
            .collect();
        assert_eq!(
            sections,
            [
                ("scope", ItemChange::Changed),
                ("supply", ItemChange::Added),
                ("risks", ItemChange::Changed),
                ("old", ItemChange::Removed),
            ]
        );
        let scope = find(&items, ItemKind::Section, "scope");
        assert_eq!(scope.label, "Section: Scope");
        assert_eq!(scope.fields.len(), 1);
        let text = field(scope, "Text");
        assert_eq!(deleted(text), [" and clinics"]);
        assert_eq!(inserted(text), [", clinics and labs"]);

        let added = find(&items, ItemKind::Section, "supply");
        assert_eq!(inserted(field(added, "Title")), ["Supply chain"]);
        assert_eq!(inserted(field(added, "Text")), ["Suppliers matter."]);
        let removed = find(&items, ItemKind::Section, "old");
        assert_eq!(removed.label, "Section: Annex");
        assert_eq!(deleted(field(removed, "Text")), ["To be dropped."]);
    }

    #[test]
    fn a_label_change_is_a_change() {
        let items = compare_plans(&version_one(), &version_two());
        let risks = find(&items, ItemKind::Section, "risks");
        assert_eq!(risks.change, ItemChange::Changed);
        let names: Vec<&str> = risks.fields.iter().map(|f| f.field.as_str()).collect();
        assert_eq!(names, ["Label"]);
        assert_eq!(deleted(field(risks, "Label")), ["CLEAR"]);
        assert_eq!(inserted(field(risks, "Label")), ["GREEN"]);
    }

    #[test]
    fn goals_objectives_and_measures_are_compared_in_plan_order() {
        let items = compare_plans(&version_one(), &version_two());
        let rest: Vec<(ItemKind, &str, ItemChange)> = items
            .iter()
            .filter(|i| i.kind != ItemKind::Section)
            .map(|i| (i.kind, i.key.as_str(), i.change))
            .collect();
        use ItemChange::*;
        use ItemKind::*;
        assert_eq!(
            rest,
            [
                (Goal, "g-share", Unchanged),
                (Objective, "o-feed", Unchanged),
                (Measure, "o-feed/Members on the feed", Changed),
                (Measure, "o-feed/Alerts per month", Added),
                (Goal, "g-supply", Unchanged),
                (Objective, "o-sbom", Unchanged),
                (Objective, "o-drill", Changed),
                (Measure, "o-drill/Drills held", Unchanged),
                (Measure, "o-drill/Old measure", Removed),
                (Goal, "g-people", Added),
                (Objective, "o-train", Added),
            ]
        );
        let target = field(
            find(&items, Measure, "o-feed/Members on the feed"),
            "Target",
        );
        assert_eq!(
            (deleted(target), inserted(target)),
            (vec!["80".to_owned()], vec!["95".to_owned()])
        );
        let added = find(&items, Measure, "o-feed/Alerts per month");
        assert_eq!(added.label, "Measure of objective 1.1: Alerts per month");
        assert_eq!(inserted(field(added, "Due date")), ["31 Dec 2027"]);
        let goal = find(&items, Goal, "g-people");
        assert_eq!(goal.label, "Goal 3: Grow the workforce");
        assert_eq!(inserted(field(goal, "Number")), ["3"]);

        let summary = summary(&items);
        assert_eq!(
            summary.describe(),
            "1 section added, 1 section removed, 2 sections changed, 1 goal added, \
             1 objective added, 1 objective changed, 1 measure added, 1 measure removed, \
             1 measure changed"
        );
        assert_eq!(
            summary.objectives,
            KindCounts {
                added: 1,
                removed: 0,
                changed: 1,
                unchanged: 2
            }
        );
    }

    #[test]
    fn an_objective_moved_to_another_goal_is_the_same_objective() {
        let items = compare_plans(&version_one(), &version_two());
        let moved: Vec<&ComparedItem> = items
            .iter()
            .filter(|i| i.kind == ItemKind::Objective && i.key == "o-drill")
            .collect();
        assert_eq!(moved.len(), 1, "listed once, under its new goal");
        let moved = moved[0];
        assert_eq!(moved.change, ItemChange::Changed);
        assert_eq!(moved.label, "Objective 2.2: Drills");
        let number = field(moved, "Number");
        assert_eq!(deleted(number), ["1"]);
        assert_eq!(inserted(number), ["2"]);
        let goal = field(moved, "Goal");
        assert_eq!(deleted(goal), ["1", "Share information"]);
        assert_eq!(inserted(goal), ["2", "Secure the supply chain"]);
        let names: Vec<&str> = moved.fields.iter().map(|f| f.field.as_str()).collect();
        assert_eq!(names, ["Number", "Goal"]);
    }

    #[test]
    fn removed_goals_keep_their_place_with_their_objectives() {
        let old = version_two();
        let mut new = version_two();
        new.goals.remove(1); // g-supply, with o-sbom and o-drill
        new.goals[1].number = 2;
        let items = compare_plans(&old, &new);
        let goals: Vec<(ItemKind, &str, ItemChange)> = items
            .iter()
            .filter(|i| i.kind != ItemKind::Section)
            .map(|i| (i.kind, i.key.as_str(), i.change))
            .collect();
        use ItemChange::*;
        use ItemKind::*;
        assert_eq!(
            goals,
            [
                (Goal, "g-share", Unchanged),
                (Objective, "o-feed", Unchanged),
                (Measure, "o-feed/Members on the feed", Unchanged),
                (Measure, "o-feed/Alerts per month", Unchanged),
                (Goal, "g-supply", Removed),
                (Objective, "o-sbom", Removed),
                (Objective, "o-drill", Removed),
                (Measure, "o-drill/Drills held", Removed),
                (Goal, "g-people", Changed),
                (Objective, "o-train", Unchanged),
            ]
        );
        // The goal's number changed; its objective's own number did not, as given.
        assert_eq!(
            deleted(field(find(&items, Goal, "g-people"), "Number")),
            ["3"]
        );
    }

    #[test]
    fn repeated_indicators_match_in_order() {
        let mut old = version_one();
        old.goals[0].objectives[0].measures = vec![measure("Audits", 1.0), measure("Audits", 2.0)];
        let mut new = old.clone();
        new.goals[0].objectives[0].measures[1].target = Some(3.0);
        let items = compare_plans(&old, &new);
        let measures: Vec<(&str, ItemChange)> = items
            .iter()
            .filter(|i| i.kind == ItemKind::Measure && i.key.starts_with("o-feed/"))
            .map(|i| (i.key.as_str(), i.change))
            .collect();
        assert_eq!(
            measures,
            [
                ("o-feed/Audits", ItemChange::Unchanged),
                ("o-feed/Audits#2", ItemChange::Changed),
            ]
        );
    }

    #[test]
    fn merge_keeps_new_order_and_puts_removals_where_they_were() {
        let keyed = |keys: &[&str]| -> Vec<(String, usize)> {
            keys.iter()
                .enumerate()
                .map(|(i, k)| (k.to_string(), i))
                .collect()
        };
        let pairs = merge(
            &keyed(&["a", "x", "b", "y", "c"]),
            &keyed(&["z", "c", "a", "b"]),
        );
        let shown: Vec<(Option<usize>, Option<usize>)> =
            pairs.iter().map(|p| (p.old, p.new)).collect();
        assert_eq!(
            shown,
            [
                (None, Some(0)),    // z added
                (Some(4), Some(1)), // c, moved up
                (Some(0), Some(2)), // a
                (Some(1), None),    // x removed, after a
                (Some(2), Some(3)), // b
                (Some(3), None),    // y removed, after b
            ]
        );
        // Duplicate keys match once; the others count as added or removed.
        let pairs = merge(&keyed(&["a", "a"]), &keyed(&["a"]));
        assert_eq!(pairs.len(), 2);
        assert_eq!(
            pairs
                .iter()
                .filter(|p| p.old.is_some() && p.new.is_some())
                .count(),
            1
        );
    }
}
