//! Comparisons as HTML: a text diff side by side or unified, and the comparison of two plan
//! versions. Server-rendered, no JavaScript and no inline styles (classes in the `/* diffs */`
//! block of style/main.css).
//!
//! Colour is never the only signal: inserted words are in `<ins>` (underlined), deleted ones
//! in `<del>` (struck through), every line carries a +/- sign and a visually hidden "added",
//! "removed" or "unchanged", and long runs of unchanged lines fold into a `<details>` whose
//! summary says how many lines it holds. The diffs come from `domain::diff` and
//! `domain::plan_compare`.

use crate::domain::diff::{Change, SideBySideRow, Span, TextDiff, UnifiedLine};
use crate::domain::plan_compare::{ComparedItem, ItemChange, summary};
use leptos::prelude::*;

/// Unchanged lines kept beside each change before the rest is folded.
const CONTEXT: usize = 3;
/// A folded run longer than this only says how many lines it holds (a page of a thousand
/// unchanged lines helps nobody, and costs every reader the bytes).
const MAX_FOLDED_SHOWN: usize = 400;

/// A text diff, side by side (a two-column table: "Before"/"After" headings with
/// old_label/new_label) or unified (a list of lines); readable without JavaScript and without
/// colour: inserted words in `<ins>`, deleted in `<del>`, each line marked with a
/// visually-hidden "added"/"removed"/"unchanged" text and a +/- sign; unchanged context longer
/// than a few lines is folded into a "N unchanged lines" `<details>`.
#[component]
pub fn DiffView(
    /// The comparison to show.
    diff: TextDiff,
    /// A list of lines (true) or a two-column table (false).
    unified: bool,
    /// What the old text is, e.g. "Revision 3" or "Version 2 (superseded)".
    #[prop(into)]
    old_label: String,
    /// What the new text is.
    #[prop(into)]
    new_label: String,
    /// What the comparison is, for screen readers (the table's caption, the list's name;
    /// visually hidden, as the page's headings give sighted readers the context); "Changes
    /// from {old_label} to {new_label}" when not given.
    #[prop(optional, into)]
    caption: Option<String>,
) -> impl IntoView {
    let unchanged = diff.is_unchanged();
    let caption =
        caption.unwrap_or_else(|| ["Changes from ", &old_label, " to ", &new_label].concat());
    if diff.unified.is_empty() {
        return view! { <p class="diff-none">"Both texts are empty."</p> }.into_any();
    }
    let notice = unchanged
        .then(|| view! { <p class="diff-none">"No changes: both texts read the same."</p> });
    let body = if unified {
        let pieces = fold(diff.unified, |l| l.change == Change::Equal);
        view! {
            <div class="diff diff-unified">
                <p class="diff-legend">
                    <span class="diff-sign" aria-hidden="true">"-"</span>
                    " Before: " <strong>{old_label}</strong> " "
                    <span class="diff-sign" aria-hidden="true">"+"</span>
                    " After: " <strong>{new_label}</strong>
                </p>
                <ul class="diff-lines" aria-label=caption>
                    {pieces.into_iter().map(|piece| match piece {
                        Piece::Show(line) => unified_line(line).into_any(),
                        Piece::Fold(lines) => view! {
                            <li class="diff-fold">{folded(lines)}</li>
                        }.into_any(),
                    }).collect_view()}
                </ul>
            </div>
        }
        .into_any()
    } else {
        let pieces = fold(diff.side_by_side, |r| !r.changed);
        view! {
            <div class="diff diff-split">
                <table class="diff-table">
                    <caption class="visually-hidden">{caption}</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Before: " {old_label}</th>
                            <th scope="col">"After: " {new_label}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {pieces.into_iter().map(|piece| match piece {
                            Piece::Show(row) => split_row(row).into_any(),
                            Piece::Fold(rows) => {
                                let lines = rows.into_iter().map(equal_line).collect();
                                view! {
                                    <tr class="diff-fold"><td colspan="2">{folded(lines)}</td></tr>
                                }.into_any()
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        }
        .into_any()
    };
    view! { {notice} {body} }.into_any()
}

/// What to show of a run of lines: the lines, or a fold of unchanged ones.
enum Piece<T> {
    Show(T),
    Fold(Vec<T>),
}

/// Keeps [`CONTEXT`] unchanged lines beside each change and folds longer unchanged runs.
fn fold<T>(lines: Vec<T>, is_equal: impl Fn(&T) -> bool) -> Vec<Piece<T>> {
    let total = lines.len();
    let flags: Vec<bool> = lines.iter().map(&is_equal).collect();
    let mut pieces = Vec::with_capacity(total);
    let mut lines = lines.into_iter();
    let mut i = 0;
    while i < total {
        if !flags[i] {
            pieces.extend(lines.next().map(Piece::Show));
            i += 1;
            continue;
        }
        let run = flags[i..].iter().take_while(|&&equal| equal).count();
        let head = if i > 0 { CONTEXT } else { 0 };
        let tail = if i + run < total { CONTEXT } else { 0 };
        // Folding fewer than two lines saves nothing.
        if run >= head + tail + 2 {
            pieces.extend(lines.by_ref().take(head).map(Piece::Show));
            pieces.push(Piece::Fold(
                lines.by_ref().take(run - head - tail).collect(),
            ));
            pieces.extend(lines.by_ref().take(tail).map(Piece::Show));
        } else {
            pieces.extend(lines.by_ref().take(run).map(Piece::Show));
        }
        i += run;
    }
    pieces
}

/// The same row as a unified line (rows of a fold are unchanged, so one text serves both).
fn equal_line(row: SideBySideRow) -> UnifiedLine {
    UnifiedLine {
        change: Change::Equal,
        old_line: row.old_line,
        new_line: row.new_line,
        spans: row.left,
    }
}

fn fold_summary(count: usize) -> String {
    if count == 1 {
        "1 unchanged line".to_owned()
    } else {
        [&count.to_string(), " unchanged lines"].concat()
    }
}

/// A folded run of unchanged lines: a `<details>` that opens on them, or for very long runs
/// just the count.
fn folded(lines: Vec<UnifiedLine>) -> AnyView {
    let summary = fold_summary(lines.len());
    if lines.len() > MAX_FOLDED_SHOWN {
        return view! { <p class="diff-fold-count">{summary}</p> }.into_any();
    }
    view! {
        <details>
            <summary>{summary}</summary>
            <ul class="diff-lines">{lines.into_iter().map(unified_line).collect_view()}</ul>
        </details>
    }
    .into_any()
}

/// What a line is, as a class, a sign and words for screen readers.
fn marks(change: Change) -> (&'static str, &'static str, &'static str) {
    match change {
        Change::Equal => ("diff-equal", " ", "unchanged: "),
        Change::Insert => ("diff-insert", "+", "added: "),
        Change::Delete => ("diff-delete", "-", "removed: "),
    }
}

fn number(line: Option<usize>) -> String {
    line.map(|n| n.to_string()).unwrap_or_default()
}

fn unified_line(line: UnifiedLine) -> impl IntoView {
    let (class, sign, status) = marks(line.change);
    view! {
        <li class=["diff-line ", class].concat()>
            <span class="diff-ln" aria-hidden="true">{number(line.old_line)}</span>
            <span class="diff-ln" aria-hidden="true">{number(line.new_line)}</span>
            <span class="diff-sign" aria-hidden="true">{sign}</span>
            <span class="visually-hidden">{status}</span>
            <span class="diff-text">{spans(line.spans)}</span>
        </li>
    }
}

fn split_row(row: SideBySideRow) -> impl IntoView {
    let (old_change, new_change) = if row.changed {
        (Change::Delete, Change::Insert)
    } else {
        (Change::Equal, Change::Equal)
    };
    view! {
        <tr class=if row.changed { "diff-row diff-changed" } else { "diff-row" }>
            {split_cell(row.old_line, old_change, row.left)}
            {split_cell(row.new_line, new_change, row.right)}
        </tr>
    }
}

fn split_cell(line: Option<usize>, change: Change, text: Vec<Span>) -> AnyView {
    let Some(line) = line else {
        return view! {
            <td class="diff-cell diff-missing"><span class="visually-hidden">"no line"</span></td>
        }
        .into_any();
    };
    let (class, sign, status) = marks(change);
    view! {
        <td class=["diff-cell ", class].concat()>
            <span class="diff-ln" aria-hidden="true">{line}</span>
            <span class="diff-sign" aria-hidden="true">{sign}</span>
            <span class="visually-hidden">{status}</span>
            <span class="diff-text">{spans(text)}</span>
        </td>
    }
    .into_any()
}

fn spans(spans: Vec<Span>) -> impl IntoView {
    spans
        .into_iter()
        .map(|span| match span.change {
            Change::Equal => span.text.into_any(),
            Change::Insert => view! { <ins>{span.text}</ins> }.into_any(),
            Change::Delete => view! { <del>{span.text}</del> }.into_any(),
        })
        .collect_view()
}

/// The comparison of two plan versions: a summary ("2 sections changed, 1 goal added, ...")
/// then one block per added/removed/changed item, each changed field shown with [`DiffView`];
/// unchanged items are listed by name in a closed `<details>`.
///
/// Element ids, for links and tests: `{id}-summary` (the summary), `{id}-item-{n}` (the n-th
/// block, from 1, with `data-kind`, `data-key` and `data-change` attributes from the
/// comparison) and `{id}-unchanged` (the unchanged items).
#[component]
pub fn PlanComparisonView(
    /// The compared items, from `domain::plan_compare::compare_plans`.
    items: Vec<ComparedItem>,
    /// Show field diffs as lists of lines (true) or side by side (false).
    unified: bool,
    /// What the old version is, e.g. "Version 2".
    #[prop(into)]
    old_label: String,
    /// What the new version is.
    #[prop(into)]
    new_label: String,
    /// Prefix of the element ids; "comparison" when not given.
    #[prop(optional, into)]
    id: Option<String>,
    /// The heading level of each item's heading (2 to 5; 2 when not given, for a page whose
    /// `<h1>` the comparison follows); field names are one level below.
    #[prop(optional)]
    heading_level: Option<u8>,
) -> impl IntoView {
    let id = id.unwrap_or_else(|| "comparison".to_owned());
    let level = heading_level.unwrap_or(2).clamp(2, 5);
    let totals = summary(&items);
    let described = if totals.has_differences() {
        [&totals.describe(), "."].concat()
    } else {
        [
            "No differences between ",
            &old_label,
            " and ",
            &new_label,
            ".",
        ]
        .concat()
    };
    let (unchanged, differing): (Vec<ComparedItem>, Vec<ComparedItem>) = items
        .into_iter()
        .partition(|item| item.change == ItemChange::Unchanged);
    let blocks = differing
        .into_iter()
        .enumerate()
        .map(|(n, item)| {
            let block_id = [&id, "-item-", &(n + 1).to_string()].concat();
            compared_item(
                item,
                block_id,
                level,
                unified,
                old_label.clone(),
                new_label.clone(),
            )
        })
        .collect_view();
    let unchanged_list = (!unchanged.is_empty()).then(|| {
        let count = unchanged.len();
        let summary_text = if count == 1 {
            "1 unchanged item".to_owned()
        } else {
            [&count.to_string(), " unchanged items"].concat()
        };
        view! {
            <details class="compare-unchanged" id=[&id, "-unchanged"].concat()>
                <summary>{summary_text}</summary>
                <ul>
                    {unchanged.into_iter().map(|item| view! {
                        <li data-kind=item.kind.code() data-key=item.key>{item.label}</li>
                    }).collect_view()}
                </ul>
            </details>
        }
    });
    view! {
        <div class="plan-comparison" id=id.clone()>
            <p class="compare-summary" id=[&id, "-summary"].concat()>{described}</p>
            {blocks}
            {unchanged_list}
        </div>
    }
}

fn compared_item(
    item: ComparedItem,
    id: String,
    level: u8,
    unified: bool,
    old_label: String,
    new_label: String,
) -> impl IntoView {
    let heading_id = [&id, "-heading"].concat();
    let labelled_by = heading_id.clone();
    let title = view! {
        {item.label.clone()}
        " "
        <span class=["compare-status compare-status-", item.change.code()].concat()>
            {item.change.label()}
        </span>
    };
    let fields = item
        .fields
        .into_iter()
        .map(|field| {
            let caption = [field.field.as_str(), " of ", &item.label].concat();
            view! {
                <div class="compare-field">
                    {heading(level + 1, None, field.field)}
                    <DiffView
                        diff=field.diff
                        unified
                        old_label=old_label.clone()
                        new_label=new_label.clone()
                        caption=caption
                    />
                </div>
            }
        })
        .collect_view();
    view! {
        <section
            class=["compare-item compare-", item.change.code()].concat()
            id=id
            aria-labelledby=labelled_by
            data-kind=item.kind.code()
            data-key=item.key
            data-change=item.change.code()
        >
            {heading(level, Some(heading_id), title)}
            {fields}
        </section>
    }
}

/// A heading of the given level (2 to 6).
fn heading(level: u8, id: Option<String>, content: impl IntoView + 'static) -> AnyView {
    match level {
        2 => view! { <h2 id=id>{content}</h2> }.into_any(),
        3 => view! { <h3 id=id>{content}</h3> }.into_any(),
        4 => view! { <h4 id=id>{content}</h4> }.into_any(),
        5 => view! { <h5 id=id>{content}</h5> }.into_any(),
        _ => view! { <h6 id=id>{content}</h6> }.into_any(),
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;
    use crate::domain::Tlp;
    use crate::domain::diff::diff_text;
    use crate::domain::plan_compare::{PlanSnapshot, SectionSnapshot, compare_plans};

    const PARAGRAPH: &str = "The partnership shares threat information quickly and \
        exercises its plans every year.";

    fn render(diff: TextDiff, unified: bool) -> String {
        view! { <DiffView diff unified old_label="Revision 1" new_label="Revision 2"/> }
            .to_html()
            .replace("<!>", "") // hydration markers
    }

    #[test]
    fn side_by_side_marks_words_and_lines_without_colour_or_inline_style() {
        let new = PARAGRAPH.replace("every year", "every quarter");
        let html = render(diff_text(PARAGRAPH, &new), false);
        assert!(html.contains("<del>year</del>"), "{html}");
        assert!(html.contains("<ins>quarter</ins>"), "{html}");
        assert!(html.contains("Before: Revision 1"));
        assert!(html.contains("After: Revision 2"));
        assert!(html.contains(r#"<th scope="col">"#));
        assert!(html.contains("<caption"));
        assert!(html.contains("removed: "));
        assert!(html.contains("added: "));
        assert!(!html.contains("style="), "{html}");
        assert!(!html.contains("<script"));
    }

    #[test]
    fn unified_lists_lines_with_signs_and_folds_long_context() {
        let old: Vec<String> = (1..=20).map(|i| format!("Line {i}")).collect();
        let mut new = old.clone();
        new[10] = "Line eleven".to_owned();
        let html = render(diff_text(&old.join("\n"), &new.join("\n")), true);
        assert!(html.contains("<del>11</del>"), "{html}");
        assert!(html.contains("<ins>eleven</ins>"));
        // Lines 1-7 and 15-20 fold (three lines of context kept each side).
        assert!(
            html.contains("<summary>7 unchanged lines</summary>"),
            "{html}"
        );
        assert!(
            html.contains("<summary>6 unchanged lines</summary>"),
            "{html}"
        );
        assert!(html.contains("unchanged: "));
        assert!(!html.contains("style="));
        // Folded lines are still there, inside the closed details.
        assert!(html.contains("Line 2<"));
    }

    #[test]
    fn same_texts_say_so() {
        let html = render(diff_text("Same.\n", "Same."), false);
        assert!(html.contains("No changes"), "{html}");
        let html = render(diff_text("", ""), true);
        assert!(html.contains("Both texts are empty."), "{html}");
        assert!(!html.contains("<ul"), "{html}");
        let html = render(diff_text("A\nB\nC\n", "A\r\nB\r\nC"), false);
        assert!(
            html.contains("<summary>3 unchanged lines</summary>"),
            "{html}"
        );
    }

    #[test]
    fn markup_in_the_text_is_escaped() {
        let html = render(diff_text("<b>bold</b>", "<script>alert(1)</script>"), false);
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("<b>"), "{html}");
        assert!(html.contains("&lt;"), "{html}");
        assert!(html.contains("alert(1)"), "{html}");
    }

    #[test]
    fn a_plan_comparison_summarises_and_shows_changed_items() {
        let section = |key: &str, body: &str| SectionSnapshot {
            key: key.to_owned(),
            title: key.to_owned(),
            body: body.to_owned(),
            tlp: Tlp::Clear,
        };
        let old = PlanSnapshot {
            sections: vec![section("scope", PARAGRAPH), section("annex", "Same")],
            goals: Vec::new(),
        };
        let new = PlanSnapshot {
            sections: vec![
                section("scope", &PARAGRAPH.replace("year", "quarter")),
                section("annex", "Same"),
            ],
            goals: Vec::new(),
        };
        let items = compare_plans(&old, &new);
        let html = view! {
            <PlanComparisonView items unified=false old_label="Version 1" new_label="Version 2"/>
        }
        .to_html()
        .replace("<!>", "");
        assert!(html.contains("1 section changed."), "{html}");
        assert!(html.contains(r#"id="comparison-item-1""#), "{html}");
        assert!(html.contains(r#"data-key="scope""#));
        assert!(html.contains(r#"data-change="changed""#));
        assert!(
            html.contains(r#"<h2 id="comparison-item-1-heading">"#),
            "{html}"
        );
        assert!(html.contains("<h3>Text</h3>"), "{html}");
        assert!(html.contains("<ins>quarter</ins>"));
        assert!(html.contains("1 unchanged item"));
        assert!(!html.contains("style="));

        let items = compare_plans(&old, &new);
        let html = view! {
            <PlanComparisonView
                items unified=true old_label="Version 1" new_label="Version 2"
                id="diff" heading_level=4
            />
        }
        .to_html()
        .replace("<!>", "");
        assert!(html.contains(r#"<h4 id="diff-item-1-heading">"#), "{html}");
        assert!(html.contains("<h5>Text</h5>"), "{html}");
        assert!(html.contains(r#"id="diff-summary""#), "{html}");
        assert!(html.contains(r#"class="diff-lines""#), "{html}");
    }
}
