//! A horizontal bar chart drawn on the server as inline SVG: no JavaScript, no inline
//! styles, readable without colour.
//!
//! Categories run down the chart; each has one bar per series (a grouped chart), e.g. seats
//! and voting rights per side, or a commitment's progress against its target. Every bar
//! carries its series name and value as text, so colour is never the only signal; the
//! colours reach at least 4.5:1 against white. The SVG is `role="img"` with a `<title>` and
//! a `<desc>` that spells out every value; a page should still give the figures in a table.

use leptos::prelude::*;

/// Bar colours, one per series in order (repeating after the last); each at least 4.5:1
/// against the white page.
pub const PALETTE: [&str; 4] = ["#12355b", "#b35c00", "#1f7a4d", "#6a3d9a"];

/// One category of the chart: its label and one value per series.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BarGroup {
    /// The category, written left of its bars.
    pub label: String,
    /// One value per series, in the order of the series; missing values count as 0.
    pub values: Vec<i64>,
}

/// Width of the drawing, in SVG user units (it scales with the page).
const WIDTH: f64 = 720.0;
/// A generous advance of one character at [`FONT_SIZE`] (the page's font is not known
/// here), so that labels are not cut off.
const CHAR_WIDTH: f64 = 7.8;
const FONT_SIZE: f64 = 13.0;
const LEGEND_HEIGHT: f64 = 30.0;
const BAR_HEIGHT: f64 = 16.0;
const BAR_GAP: f64 = 4.0;
const GROUP_GAP: f64 = 14.0;
const INK: &str = "#1b1f24";
const AXIS: &str = "#4a5561";

/// A grouped horizontal bar chart.
#[component]
pub fn BarChart(
    /// Prefix of the chart's element ids (`{id}`, `{id}-title`, `{id}-desc`); unique on
    /// the page.
    #[prop(into)]
    id: String,
    /// What the chart shows, e.g. "Seats and voting rights by side".
    #[prop(into)]
    title: String,
    /// The series' names, in the order of each group's values.
    series: Vec<String>,
    /// The categories.
    groups: Vec<BarGroup>,
    /// The value of a full-width bar; the largest value when not given (say 100 for
    /// percentages).
    #[prop(optional)]
    max: Option<i64>,
    /// Written after each value, e.g. "%".
    #[prop(optional, into)]
    suffix: String,
) -> impl IntoView {
    let plan = plan(&series, &groups, max, &suffix);
    let description = describe(&series, &groups, &suffix);
    let title_id = [id.as_str(), "-title"].concat();
    let desc_id = [id.as_str(), "-desc"].concat();
    let (labelled_by, described_by) = (title_id.clone(), desc_id.clone());
    view! {
        <svg
            id=id
            class="bar-chart"
            role="img"
            aria-labelledby=labelled_by
            aria-describedby=described_by
            viewBox=format!("0 0 {} {}", num(WIDTH), num(plan.height))
            width=num(WIDTH)
            height=num(plan.height)
            font-size=num(FONT_SIZE)
        >
            <title id=title_id>{title}</title>
            <desc id=desc_id>{description}</desc>
            {plan.legend.into_iter().map(|item| view! {
                <rect x=num(item.x) y="8" width="12" height="12" fill=item.colour></rect>
                <text x=num(item.x + 18.0) y="14" dominant-baseline="middle" fill=INK>{item.name}</text>
            }).collect_view()}
            <line
                x1=num(plan.axis_x) y1=num(LEGEND_HEIGHT - 4.0)
                x2=num(plan.axis_x) y2=num(plan.height - GROUP_GAP / 2.0)
                stroke=AXIS stroke-width="1"
            ></line>
            {plan.groups.into_iter().map(|group| view! {
                <g>
                    <text
                        x=num(plan.axis_x - 8.0) y=num(group.label_y)
                        text-anchor="end" dominant-baseline="middle" fill=INK
                    >{group.label}</text>
                    {group.bars.into_iter().map(|bar| view! {
                        <rect
                            x=num(plan.axis_x) y=num(bar.y)
                            width=num(bar.width) height=num(BAR_HEIGHT) fill=bar.colour
                        ></rect>
                        <text
                            x=num(plan.axis_x + bar.width + 6.0) y=num(bar.y + BAR_HEIGHT / 2.0)
                            dominant-baseline="middle" fill=INK
                        >{bar.text}</text>
                    }).collect_view()}
                </g>
            }).collect_view()}
        </svg>
    }
}

/// Where everything goes.
#[derive(Debug, PartialEq)]
struct Plan {
    height: f64,
    axis_x: f64,
    legend: Vec<LegendItem>,
    groups: Vec<GroupPlan>,
}

#[derive(Debug, PartialEq)]
struct LegendItem {
    x: f64,
    name: String,
    colour: &'static str,
}

#[derive(Debug, PartialEq)]
struct GroupPlan {
    label: String,
    label_y: f64,
    bars: Vec<BarPlan>,
}

#[derive(Debug, PartialEq)]
struct BarPlan {
    y: f64,
    width: f64,
    colour: &'static str,
    text: String,
}

fn colour(series: usize) -> &'static str {
    PALETTE[series % PALETTE.len()]
}

fn text_width(text: &str) -> f64 {
    text.chars().count() as f64 * CHAR_WIDTH
}

fn value_text(series: &str, value: i64, suffix: &str) -> String {
    [series, ": ", &value.to_string(), suffix].concat()
}

fn plan(series: &[String], groups: &[BarGroup], max: Option<i64>, suffix: &str) -> Plan {
    let value = |g: &BarGroup, s: usize| g.values.get(s).copied().unwrap_or(0).max(0);
    let largest = groups
        .iter()
        .flat_map(|g| (0..series.len()).map(move |s| value(g, s)))
        .max()
        .unwrap_or(0);
    let scale_max = max.filter(|m| *m > 0).unwrap_or(largest);

    let label_width = groups
        .iter()
        .map(|g| text_width(&g.label))
        .fold(0.0, f64::max)
        .clamp(60.0, 280.0);
    let axis_x = label_width + 14.0;
    let value_width = groups
        .iter()
        .flat_map(|g| {
            series
                .iter()
                .enumerate()
                .map(move |(s, name)| text_width(&value_text(name, value(g, s), suffix)))
        })
        .fold(0.0, f64::max)
        + 12.0;
    let bar_area = (WIDTH - axis_x - value_width - 4.0).max(40.0);

    let mut legend = Vec::with_capacity(series.len());
    let mut x = 0.0;
    for (s, name) in series.iter().enumerate() {
        legend.push(LegendItem {
            x,
            name: name.clone(),
            colour: colour(s),
        });
        x += 18.0 + text_width(name) + 24.0;
    }

    let bars_per_group = series.len().max(1) as f64;
    let group_height = bars_per_group * BAR_HEIGHT + (bars_per_group - 1.0) * BAR_GAP;
    let mut y = LEGEND_HEIGHT;
    let mut planned = Vec::with_capacity(groups.len());
    for group in groups {
        let bars = series
            .iter()
            .enumerate()
            .map(|(s, name)| {
                let v = value(group, s);
                let width = if scale_max > 0 {
                    (v.min(scale_max) as f64 / scale_max as f64) * bar_area
                } else {
                    0.0
                };
                BarPlan {
                    y: y + s as f64 * (BAR_HEIGHT + BAR_GAP),
                    width,
                    colour: colour(s),
                    text: value_text(name, v, suffix),
                }
            })
            .collect();
        planned.push(GroupPlan {
            label: group.label.clone(),
            label_y: y + group_height / 2.0,
            bars,
        });
        y += group_height + GROUP_GAP;
    }
    Plan {
        height: y.max(LEGEND_HEIGHT + GROUP_GAP),
        axis_x,
        legend,
        groups: planned,
    }
}

/// The text alternative to the drawing: every category's values.
fn describe(series: &[String], groups: &[BarGroup], suffix: &str) -> String {
    if groups.is_empty() {
        return "No data.".to_owned();
    }
    let mut parts = Vec::with_capacity(groups.len());
    for group in groups {
        let values: Vec<String> = series
            .iter()
            .enumerate()
            .map(|(s, name)| {
                let v = group.values.get(s).copied().unwrap_or(0).max(0);
                [name.as_str(), " ", &v.to_string(), suffix].concat()
            })
            .collect();
        parts.push([group.label.as_str(), ": ", &values.join(", "), "."].concat());
    }
    parts.join(" ")
}

/// A coordinate with at most one decimal, without a trailing `.0`.
fn num(x: f64) -> String {
    let tenths = (x * 10.0).round() as i64;
    if tenths % 10 == 0 {
        (tenths / 10).to_string()
    } else {
        [
            if tenths < 0 { "-" } else { "" },
            &(tenths.abs() / 10).to_string(),
            ".",
            &(tenths.abs() % 10).to_string(),
        ]
        .concat()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn series() -> Vec<String> {
        vec!["Seats".to_owned(), "Voting rights".to_owned()]
    }

    fn groups() -> Vec<BarGroup> {
        vec![
            BarGroup {
                label: "Public".to_owned(),
                values: vec![10, 5],
            },
            BarGroup {
                label: "Private".to_owned(),
                values: vec![20, 0],
            },
        ]
    }

    #[test]
    fn bars_are_proportional_to_the_largest_value() {
        let plan = plan(&series(), &groups(), None, "");
        let widths: Vec<Vec<f64>> = plan
            .groups
            .iter()
            .map(|g| g.bars.iter().map(|b| b.width).collect())
            .collect();
        let full = widths[1][0];
        assert!(full > 100.0);
        assert!((widths[0][0] - full / 2.0).abs() < 1e-9);
        assert!((widths[0][1] - full / 4.0).abs() < 1e-9);
        assert_eq!(widths[1][1], 0.0);
        // Every bar fits the drawing with its value text.
        assert!(plan.axis_x + full < WIDTH);
    }

    #[test]
    fn a_fixed_maximum_sets_the_scale() {
        let plan = plan(&series(), &groups(), Some(100), "%");
        let bar = &plan.groups[1].bars[0];
        assert_eq!(bar.text, "Seats: 20%");
        let full = super::plan(&series(), &groups(), None, "").groups[1].bars[0].width;
        assert!(bar.width < full / 4.0);
    }

    #[test]
    fn all_zero_values_draw_empty_bars_not_nan() {
        let zero = vec![BarGroup {
            label: "Micro".to_owned(),
            values: vec![0, 0],
        }];
        let plan = plan(&series(), &zero, None, "");
        assert!(plan.groups[0].bars.iter().all(|b| b.width == 0.0));
        let empty = super::plan(&series(), &[], None, "");
        assert!(empty.height.is_finite() && empty.height > 0.0);
    }

    #[test]
    fn every_bar_names_its_series_and_value_in_text() {
        let plan = plan(&series(), &groups(), None, "");
        let texts: Vec<&str> = plan.groups[0]
            .bars
            .iter()
            .map(|b| b.text.as_str())
            .collect();
        assert_eq!(texts, ["Seats: 10", "Voting rights: 5"]);
        assert_ne!(plan.groups[0].bars[0].colour, plan.groups[0].bars[1].colour);
    }

    #[test]
    fn the_description_spells_out_every_value() {
        assert_eq!(
            describe(&series(), &groups(), ""),
            "Public: Seats 10, Voting rights 5. \
             Private: Seats 20, Voting rights 0."
        );
        assert_eq!(describe(&series(), &[], ""), "No data.");
    }

    #[test]
    fn coordinates_are_short() {
        assert_eq!(num(12.0), "12");
        assert_eq!(num(12.34), "12.3");
        assert_eq!(num(-0.25), "-0.3");
        assert_eq!(num(0.0), "0");
    }
}
