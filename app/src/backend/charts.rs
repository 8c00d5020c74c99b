//! Charts drawn on the server as SVG with plotters: status bars per theme and a target's trend.
//!
//! Every chart is an accessible image: `role="img"` with a `<title>` and a `<desc>` inside the
//! SVG (the desc says the figures in words), and the page shows the same figures as a table
//! beside it. Colours are never the only signal: each status segment is hatched in its own
//! pattern and labelled with its count, and the trend's target line is dashed, so a greyscale
//! print still reads. Text is left to the browser (`<text>` elements), so no font is needed here.
use crate::domain::status::Status;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// Width of every chart, in SVG units (it scales to its box on the page).
const WIDTH: u32 = 720;

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Puts the title and description inside the SVG and marks it as one image.
fn accessible(svg: String, id: &str, title: &str, desc: &str) -> String {
    let Some(end) = svg.find('>') else {
        return svg;
    };
    let (open, rest) = svg.split_at(end);
    format!(
        "{open} role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" class=\"chart\"><title id=\"{id}-title\">{}</title><desc id=\"{id}-desc\">{}</desc>{}",
        escape(title),
        escape(desc),
        &rest[1..]
    )
}

/// The fill colour of a status (the page's own palette) and its hatching: the gap between
/// diagonal lines in SVG units (0: none), so that greyscale prints tell statuses apart.
pub fn status_look(s: Status) -> (RGBColor, u32) {
    match s {
        Status::Overdue => (RGBColor(0x8a, 0x14, 0x10), 4),
        Status::OffTrack => (RGBColor(0xd9, 0x3a, 0x2f), 6),
        Status::AtRisk => (RGBColor(0xf2, 0xb1, 0x1b), 9),
        Status::NoData => (RGBColor(0xe8, 0xea, 0xed), 0),
        Status::OnTrack => (RGBColor(0x2e, 0x8b, 0x57), 0),
        Status::NotDue => (RGBColor(0xb8, 0xc7, 0xd9), 0),
        Status::Reported => (RGBColor(0x9a, 0xb8, 0xe0), 0),
        Status::Met => (RGBColor(0x13, 0x5c, 0x2b), 0),
    }
}

/// One bar of a status chart: a label and its counts by status.
#[derive(Clone, Debug, PartialEq)]
pub struct StatusBar {
    /// What the bar is (a theme's title).
    pub label: String,
    /// How many targets have each status (statuses with none may be left out).
    pub counts: Vec<(Status, u32)>,
}

fn short(label: &str, chars: usize) -> String {
    if label.chars().count() <= chars {
        label.to_owned()
    } else {
        format!("{}…", label.chars().take(chars - 1).collect::<String>())
    }
}

/// Horizontal bars, one per row, each split by status (most urgent first), with each segment's
/// count written in it and a legend below. `id` must be unique on the page.
pub fn status_bars(id: &str, title: &str, bars: &[StatusBar]) -> String {
    const ROW: u32 = 34;
    const TOP: u32 = 10;
    const LABEL: u32 = 230;
    let legend_rows = 2;
    let height = TOP + ROW * u32::try_from(bars.len().max(1)).unwrap_or(1) + 24 * legend_rows + 16;
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, height)).into_drawing_area();
        let _ = root.fill(&WHITE);
        let text = |size: u32| ("sans-serif", size).into_font().color(&BLACK);
        if bars.iter().all(|b| b.counts.iter().all(|(_, n)| *n == 0)) {
            let _ = root.draw(&Text::new(
                "No targets to show.".to_owned(),
                (10, i32::try_from(TOP + 14).unwrap_or(0)),
                text(17),
            ));
        }
        let most = bars
            .iter()
            .map(|b| b.counts.iter().map(|(_, n)| *n).sum::<u32>())
            .max()
            .unwrap_or(0)
            .max(1);
        let span = f64::from(WIDTH - LABEL - 20);
        for (i, bar) in bars.iter().enumerate() {
            let y = i32::try_from(TOP + ROW * u32::try_from(i).unwrap_or(0)).unwrap_or(0);
            let total: u32 = bar.counts.iter().map(|(_, n)| *n).sum();
            let _ = root.draw(&Text::new(
                short(&bar.label, 34),
                (6, y + 13),
                text(16).pos(Pos::new(HPos::Left, VPos::Center)),
            ));
            let mut x = f64::from(LABEL);
            for status in Status::ALL {
                let n = bar
                    .counts
                    .iter()
                    .filter(|(s, _)| s == status)
                    .map(|(_, n)| *n)
                    .sum::<u32>();
                if n == 0 {
                    continue;
                }
                let w = span * f64::from(n) / f64::from(most);
                #[allow(clippy::cast_possible_truncation)]
                let (x0, x1) = (x.round() as i32, (x + w).round() as i32);
                let (fill, gap) = status_look(*status);
                let _ = root.draw(&Rectangle::new([(x0, y + 2), (x1, y + 24)], fill.filled()));
                let _ = root.draw(&Rectangle::new(
                    [(x0, y + 2), (x1, y + 24)],
                    BLACK.stroke_width(1),
                ));
                hatch(&root, (x0, y + 2), (x1, y + 24), gap);
                if x1 - x0 >= 18 {
                    let dark = matches!(
                        status,
                        Status::Overdue | Status::OffTrack | Status::OnTrack | Status::Met
                    );
                    let _ = root.draw(&Text::new(
                        n.to_string(),
                        ((x0 + x1) / 2, y + 13),
                        ("sans-serif", 16)
                            .into_font()
                            .color(if dark { &WHITE } else { &BLACK })
                            .pos(Pos::new(HPos::Center, VPos::Center)),
                    ));
                }
                x += w;
            }
            #[allow(clippy::cast_possible_truncation)]
            let _ = root.draw(&Text::new(
                format!("{total}"),
                (x.round() as i32 + 4, y + 13),
                text(15).pos(Pos::new(HPos::Left, VPos::Center)),
            ));
        }
        // Legend: every status, its swatch and hatching.
        let base = i32::try_from(TOP + ROW * u32::try_from(bars.len().max(1)).unwrap_or(1) + 8)
            .unwrap_or(0);
        for (i, status) in Status::ALL.iter().enumerate() {
            let col = i32::try_from(i % 4).unwrap_or(0);
            let row = i32::try_from(i / 4).unwrap_or(0);
            let (x, y) = (6 + col * 176, base + row * 24);
            let (fill, gap) = status_look(*status);
            let _ = root.draw(&Rectangle::new([(x, y), (x + 22, y + 16)], fill.filled()));
            let _ = root.draw(&Rectangle::new(
                [(x, y), (x + 22, y + 16)],
                BLACK.stroke_width(1),
            ));
            hatch(&root, (x, y), (x + 22, y + 16), gap);
            let _ = root.draw(&Text::new(
                status.label().to_owned(),
                (x + 28, y + 8),
                text(15).pos(Pos::new(HPos::Left, VPos::Center)),
            ));
        }
        let _ = root.present();
    }
    let desc = describe(bars);
    accessible(svg, id, title, &desc)
}

/// The figures of status bars in words (the chart's description and its text alternative).
#[must_use]
pub fn describe(bars: &[StatusBar]) -> String {
    if bars.is_empty() {
        "No targets to show.".to_owned()
    } else {
        bars.iter()
            .map(|b| {
                let parts: Vec<String> = Status::ALL
                    .iter()
                    .filter_map(|s| {
                        let n: u32 = b
                            .counts
                            .iter()
                            .filter(|(x, _)| x == s)
                            .map(|(_, n)| n)
                            .sum();
                        (n > 0).then(|| format!("{n} {}", s.label().to_lowercase()))
                    })
                    .collect();
                if parts.is_empty() {
                    format!("{}: no targets", b.label)
                } else {
                    format!("{}: {}", b.label, parts.join(", "))
                }
            })
            .collect::<Vec<_>>()
            .join(". ")
            + "."
    }
}

/// Diagonal lines `gap` apart inside a rectangle (none when `gap` is 0).
fn hatch<DB: DrawingBackend>(
    root: &DrawingArea<DB, plotters::coord::Shift>,
    (x0, y0): (i32, i32),
    (x1, y1): (i32, i32),
    gap: u32,
) {
    if gap == 0 || x1 <= x0 {
        return;
    }
    let gap = i32::try_from(gap).unwrap_or(6);
    let h = y1 - y0;
    let mut start = x0 - h;
    while start < x1 {
        // The segment of the line x = start + (y1 - y) inside the rectangle.
        let (mut ax, mut ay) = (start, y1);
        let (mut bx, mut by) = (start + h, y0);
        if ax < x0 {
            ay -= x0 - ax;
            ax = x0;
        }
        if bx > x1 {
            by += bx - x1;
            bx = x1;
        }
        if ax < bx {
            let _ = root.draw(&PathElement::new(
                vec![(ax, ay), (bx, by)],
                WHITE.mix(0.9).stroke_width(2),
            ));
        }
        start += gap;
    }
}

/// One reported figure of a target.
#[derive(Clone, Debug, PartialEq)]
pub struct Point {
    /// The period's label ("2006/07 Q2").
    pub period: String,
    /// The figure.
    pub value: f64,
}

/// What a target aims at, for its trend chart.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Aim {
    /// The value to reach.
    pub target: Option<f64>,
    /// A band to stay within.
    pub band: Option<(f64, f64)>,
}

/// A target's figures across periods (a line with a marker per period) against its target
/// (a dashed line) or band (a shaded strip). No figures: the chart says so; one figure: a
/// single marker.
pub fn trend(id: &str, title: &str, unit: &str, points: &[Point], aim: &Aim) -> String {
    const HEIGHT: u32 = 300;
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, HEIGHT)).into_drawing_area();
        let _ = root.fill(&WHITE);
        if points.is_empty() {
            let _ = root.draw(&Text::new(
                "No approved figures yet.".to_owned(),
                (10, 24),
                ("sans-serif", 17).into_font().color(&BLACK),
            ));
        } else {
            let mut top = points.iter().map(|p| p.value).fold(f64::MIN, f64::max);
            let mut bottom = points.iter().map(|p| p.value).fold(f64::MAX, f64::min);
            for v in aim
                .target
                .into_iter()
                .chain(aim.band.map(|b| b.0))
                .chain(aim.band.map(|b| b.1))
            {
                top = top.max(v);
                bottom = bottom.min(v);
            }
            let bottom = bottom.min(0.0);
            let top = if top <= bottom {
                bottom + 1.0
            } else {
                top * 1.1
            };
            let n = points.len();
            #[allow(clippy::cast_precision_loss)]
            let last = (n.max(2) - 1) as f64;
            let built = ChartBuilder::on(&root)
                .margin(12)
                .x_label_area_size(36)
                .y_label_area_size(56)
                .build_cartesian_2d(-0.3..last + 0.3, bottom..top);
            if let Ok(mut chart) = built {
                let labels: Vec<String> = points.iter().map(|p| p.period.clone()).collect();
                let _ = chart
                    .configure_mesh()
                    .disable_x_mesh()
                    .x_labels(n.min(12))
                    .x_label_formatter(&|x| {
                        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
                        let i = x.round().max(0.0) as usize;
                        if (x - x.round()).abs() < 0.01 {
                            labels.get(i).cloned().unwrap_or_default()
                        } else {
                            String::new()
                        }
                    })
                    .y_desc(unit)
                    .label_style(("sans-serif", 15))
                    .draw();
                if let Some((lo, hi)) = aim.band {
                    let _ = chart.draw_series(std::iter::once(Rectangle::new(
                        [(-0.3, lo), (last + 0.3, hi)],
                        RGBColor(0x2e, 0x8b, 0x57).mix(0.15).filled(),
                    )));
                }
                if let Some(t) = aim.target {
                    let _ = chart.draw_series(DashedLineSeries::new(
                        vec![(-0.3, t), (last + 0.3, t)],
                        8,
                        5,
                        BLACK.stroke_width(2),
                    ));
                }
                #[allow(clippy::cast_precision_loss)]
                let xy: Vec<(f64, f64)> = points
                    .iter()
                    .enumerate()
                    .map(|(i, p)| (i as f64, p.value))
                    .collect();
                if xy.len() > 1 {
                    let _ = chart.draw_series(LineSeries::new(
                        xy.clone(),
                        RGBColor(0x0b, 0x57, 0xa3).stroke_width(3),
                    ));
                }
                let _ = chart.draw_series(
                    xy.iter()
                        .map(|p| Circle::new(*p, 5, RGBColor(0x0b, 0x57, 0xa3).filled())),
                );
            }
        }
        let _ = root.present();
    }
    let figures = points
        .iter()
        .map(|p| {
            format!(
                "{} {}",
                p.period,
                crate::domain::target::format_number(p.value)
            )
        })
        .collect::<Vec<_>>()
        .join(", ");
    let mut desc = if points.is_empty() {
        "No approved figures yet.".to_owned()
    } else {
        format!("Figures by period: {figures}.")
    };
    if let Some(t) = aim.target {
        desc.push_str(&format!(
            " Target: {} (dashed line).",
            crate::domain::target::format_number(t)
        ));
    }
    if let Some((lo, hi)) = aim.band {
        desc.push_str(&format!(
            " Band: {} to {} (shaded).",
            crate::domain::target::format_number(lo),
            crate::domain::target::format_number(hi)
        ));
    }
    accessible(svg, id, title, &desc)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn count(svg: &str, needle: &str) -> usize {
        svg.matches(needle).count()
    }

    /// Whether the SVG writes `text` as a text element (plotters puts it on its own line).
    fn has_text(svg: &str, text: &str) -> bool {
        svg.contains(&format!(">\n{text}\n</text>"))
    }

    #[test]
    fn status_bars_have_a_title_a_description_a_bar_per_theme_and_a_legend() {
        let svg = status_bars(
            "themes",
            "Targets by status & theme",
            &[
                StatusBar {
                    label: "Prevention".to_owned(),
                    counts: vec![(Status::Met, 3), (Status::Overdue, 1)],
                },
                StatusBar {
                    label: "Protection <and> Justice".to_owned(),
                    counts: vec![(Status::NoData, 2)],
                },
            ],
        );
        assert!(svg.starts_with("<svg"), "{svg}");
        assert!(svg.contains("role=\"img\" aria-labelledby=\"themes-title themes-desc\""));
        assert!(svg.contains("<title id=\"themes-title\">Targets by status &amp; theme</title>"));
        assert!(svg.contains(
            "<desc id=\"themes-desc\">Prevention: 1 overdue, 3 met. Protection &lt;and&gt; Justice: 2 no data.</desc>"
        ), "{svg}");
        // Three segments (each filled and outlined) and eight legend swatches (likewise).
        assert_eq!(count(&svg, "<rect"), 1 + 2 * 3 + 2 * 8, "{svg}");
        // The counts are written in their segments; the overdue one is hatched.
        assert!(has_text(&svg, "3") && has_text(&svg, "1") && has_text(&svg, "2"));
        assert!(
            count(&svg, "<polyline") > 0 || count(&svg, "<path") > 0,
            "{svg}"
        );
        for s in Status::ALL {
            assert!(has_text(&svg, s.label()), "{}", s.label());
        }
    }

    #[test]
    fn status_bars_with_nothing_say_so() {
        let svg = status_bars("none", "Targets by status", &[]);
        assert!(svg.contains("<desc id=\"none-desc\">No targets to show.</desc>"));
        assert!(has_text(&svg, "No targets to show."), "{svg}");
        assert_eq!(
            count(&svg, "<rect"),
            1 + 2 * 8,
            "background and legend only"
        );
    }

    #[test]
    fn a_trend_with_no_figures_says_so() {
        let svg = trend("t0", "Repeat incidents", "%", &[], &Aim::default());
        assert!(has_text(&svg, "No approved figures yet."));
        assert!(svg.contains("<desc id=\"t0-desc\">No approved figures yet.</desc>"));
        assert_eq!(count(&svg, "<circle"), 0);
    }

    #[test]
    fn a_trend_with_one_figure_is_a_single_marker_against_its_target() {
        let svg = trend(
            "t1",
            "Refuge places",
            "places",
            &[Point {
                period: "2006/07 Q2".to_owned(),
                value: 12.0,
            }],
            &Aim {
                target: Some(20.0),
                band: None,
            },
        );
        assert_eq!(count(&svg, "<circle"), 1, "{svg}");
        assert!(has_text(&svg, "2006/07 Q2"), "{svg}");
        assert!(svg.contains("Figures by period: 2006/07 Q2 12. Target: 20 (dashed line)."));
    }

    #[test]
    fn a_trend_draws_its_line_and_band() {
        let points: Vec<Point> = [(1, 4.0), (2, 6.0), (3, 9.0)]
            .iter()
            .map(|(q, v)| Point {
                period: format!("Q{q}"),
                value: *v,
            })
            .collect();
        let svg = trend(
            "t3",
            "MARAC referrals",
            "referrals",
            &points,
            &Aim {
                target: None,
                band: Some((5.0, 10.0)),
            },
        );
        assert_eq!(count(&svg, "<circle"), 3);
        assert!(count(&svg, "<polyline") >= 1, "{svg}");
        assert!(svg.contains("Band: 5 to 10 (shaded)."));
        for q in ["Q1", "Q2", "Q3"] {
            assert!(has_text(&svg, q), "{q}");
        }
    }
}
