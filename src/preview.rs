//! The preview: the positioned pages of [`crate::layout`] as the window draws them. Every
//! length is in points from the page's top left corner, the one unit the window scales
//! by one factor; the window places each run where it is told and measures nothing, so a
//! line break in the window is a line break on paper.
//!
//! A run does not list the advance of every character where one number says it: its
//! characters advance by their width in the run's face plus `spacing` (the profile's
//! character spacing and the justification of its line). Chinese text is one em a
//! character in every Chinese face, so that holds wherever the layout set a run evenly;
//! a Latin run (digits, letters) lists its advances, because the window's Latin face may
//! not be the one the layout measured.
//!
//! The preview measures with the same metrics as the PDF ([`crate::layout::fonts::latin_metrics`]).

use serde::Serialize;

use crate::layout::{self, Face, LayoutProfile, Metrics, PlacedLine, PlacedPage, PlacedRun};

/// Lengths in the view are rounded to hundredths of a point (finer than a screen pixel
/// at any zoom), so the JSON is short.
fn round(v: f32) -> f32 {
    // Divided, not multiplied by 0.01, so the result is the float nearest the decimal
    // and prints as it (104.88, not 104.880005).
    (v * 100.0).round() / 100.0
}

/// Thousandths of a point, for what adds up along a line (spacing, advances).
fn round_fine(v: f32) -> f32 {
    (v * 1000.0).round() / 1000.0
}

/// Advances closer than this (points) are the same.
const SAME: f32 = 0.001;

/// A run of one line as the window draws it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "RunView"))]
pub struct Run {
    /// Left edge, points from the page's left edge.
    pub x: f32,
    pub text: String,
    pub face: Face,
    pub bold: bool,
    pub unfilled: bool,
    /// A stage cue of a host script (set in 楷: `face` says so).
    pub cue: bool,
    /// Added to each character's width in its face (CSS letter-spacing), points.
    pub spacing: f32,
    /// Each character's advance, points, where `spacing` does not say it (runs with
    /// half-width characters).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub advances: Option<Vec<f32>>,
}

/// A line of a page.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "LineView"))]
pub struct Line {
    /// The outline node the line belongs to (clicking it selects the node).
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub node: Option<i64>,
    /// The line box (points from the page's top edge) and the baseline of its runs.
    pub top: f32,
    pub height: f32,
    pub baseline: f32,
    /// The type size of its runs, points.
    pub size: f32,
    pub runs: Vec<Run>,
}

impl Line {
    pub fn text(&self) -> String {
        self.runs.iter().map(|r| r.text.as_str()).collect()
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "PageView"))]
pub struct Page {
    /// 1-based page number, as printed in the footer.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub number: usize,
    pub lines: Vec<Line>,
    /// "— N —" where the page number is printed.
    pub folio: Line,
}

/// The grid of a layout profile.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Grid {
    /// Body characters (ems) a line holds.
    pub chars_per_line: f32,
    pub lines_per_page: usize,
}

impl Grid {
    pub fn of(p: &LayoutProfile) -> Grid {
        let advance = (p.body_size as i32 * 10 + p.char_spacing).max(1) as f32;
        let height = (p.page.height - p.page.top - p.page.bottom) as f32;
        Grid {
            // 8844 / 315 = 28.07: the standard's 28 characters.
            chars_per_line: (p.text_width() as f32 / advance).floor(),
            lines_per_page: ((height / p.line.max(1) as f32).floor() as usize).max(1),
        }
    }
}

/// The sheet the pages are drawn on, in points: its size and, for marking the selected
/// item's lines, the text block's left edge and width.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "SheetView"))]
pub struct Sheet {
    pub layout: layout::Layout,
    pub width: f32,
    pub height: f32,
    pub block_left: f32,
    pub block_width: f32,
    pub lines_per_page: usize,
    pub chars_per_line: f32,
}

impl Sheet {
    pub fn of(p: &LayoutProfile) -> Sheet {
        let g = Grid::of(p);
        Sheet {
            layout: p.layout,
            width: round(layout::pt(p.page.width)),
            height: round(layout::pt(p.page.height)),
            block_left: round(layout::pt(p.page.left)),
            block_width: round(layout::pt(p.text_width())),
            lines_per_page: g.lines_per_page,
            chars_per_line: g.chars_per_line,
        }
    }
}

/// What is added to every character's width in its face, when it is the same for all
/// characters of the run but the last (whose advance moves nothing the run draws).
fn even_spacing(r: &PlacedRun, metrics: &Metrics) -> Option<f32> {
    let mut extra = r
        .text
        .chars()
        .zip(&r.advances)
        .map(|(c, a)| a - metrics.em(c) * r.size);
    let n = r.advances.len();
    let first = extra.next()?;
    extra
        .take(n.saturating_sub(2))
        .all(|e| (e - first).abs() < SAME)
        .then_some(first)
}

fn run(r: &PlacedRun, metrics: &Metrics) -> Run {
    let chinese = r.text.chars().all(layout::metrics::is_full_width);
    let even = chinese.then(|| even_spacing(r, metrics)).flatten();
    Run {
        x: round(r.x),
        text: r.text.clone(),
        face: r.face,
        bold: r.bold,
        unfilled: r.unfilled,
        cue: r.cue,
        spacing: even.map_or(0.0, round_fine),
        advances: match even {
            Some(_) => None,
            None => Some(r.advances.iter().map(|a| round_fine(*a)).collect()),
        },
    }
}

fn line(l: &PlacedLine, metrics: &Metrics) -> Line {
    Line {
        node: l.node,
        top: round(l.top),
        height: round(l.height),
        baseline: round(l.baseline),
        size: l.runs.first().map_or(0.0, |r| r.size),
        runs: l.runs.iter().map(|r| run(r, metrics)).collect(),
    }
}

/// Positioned pages as the window draws them; `metrics` are the ones they were laid out with.
pub fn view(pages: &[PlacedPage], metrics: &Metrics) -> Vec<Page> {
    pages
        .iter()
        .map(|p| Page {
            number: p.number,
            lines: p.lines.iter().map(|l| line(l, metrics)).collect(),
            folio: line(&p.folio, metrics),
        })
        .collect()
}

/// The document in pages, measured with `metrics`.
pub fn pages_with(
    doc: &crate::document::Document,
    profile: &LayoutProfile,
    metrics: &Metrics,
) -> Vec<Page> {
    view(&layout::lay_out(doc, profile, metrics), metrics)
}

/// The document in pages, measured as the PDF measures it.
pub fn pages(doc: &crate::document::Document, profile: &LayoutProfile) -> Vec<Page> {
    pages_with(doc, profile, layout::fonts::latin_metrics())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn official_sheet_is_a4_with_the_standard_margins() {
        let s = Sheet::of(&LayoutProfile::official());
        let near = |a: f32, b: f32| (a - b).abs() < 0.05;
        let mm = |v: f32| v * 72.0 / 25.4;
        assert!(
            near(s.width, mm(210.0)) && near(s.height, mm(297.0)),
            "{s:?}"
        );
        assert!(near(s.block_left, mm(28.0)) && near(s.block_width, mm(156.0)));
        assert_eq!((s.lines_per_page, s.chars_per_line), (22, 28.0));
    }

    fn placed(text: &str, face: Face, advances: Vec<f32>) -> PlacedRun {
        PlacedRun {
            x: 10.0,
            text: text.into(),
            face,
            size: 16.0,
            bold: false,
            unfilled: false,
            cue: false,
            advances,
        }
    }

    #[test]
    fn an_evenly_set_run_says_its_spacing_once() {
        let m = Metrics::grid();
        // Justified: 0.5 pt added after every character but the line's last.
        let r = run(&placed("中文字", Face::Fang, vec![16.25, 16.25, 15.75]), &m);
        assert_eq!((r.spacing, r.advances), (0.25, None));
    }

    #[test]
    fn an_uneven_or_latin_run_lists_its_advances() {
        let m = Metrics::grid();
        let r = run(&placed("中文字", Face::Fang, vec![16.0, 17.0, 16.0]), &m);
        assert_eq!(r.advances, Some(vec![16.0, 17.0, 16.0]));
        let r = run(&placed("2026", Face::Latin, vec![8.0; 4]), &m);
        assert_eq!(r.advances, Some(vec![8.0; 4]));
        assert_eq!(r.spacing, 0.0);
    }

    #[test]
    fn no_line_of_a_built_in_speech_starts_with_a_closing_mark() {
        let mut store = crate::store::Store::open_in_memory().unwrap();
        for t in store.templates(None).unwrap() {
            let id = store.create_draft(&t.id, None, &[]).unwrap();
            let doc = crate::render::render(&store.draft(id).unwrap());
            for p in pages_with(&doc, &LayoutProfile::official(), &Metrics::grid()) {
                for l in p.lines {
                    let text = l.text();
                    assert!(
                        !text.starts_with(layout::breaking::closing),
                        "{}: a line starts with a closing mark: {text}",
                        t.id
                    );
                }
            }
        }
    }
}
