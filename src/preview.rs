//! The preview: the positioned pages of [`crate::layout`] as the window draws them: the
//! lines the PDF and the OFD print, each with its style, node and runs. The desktop draws
//! these lines as they are; it measures nothing itself.
//!
//! The preview measures with the same metrics as the PDF ([`crate::layout::fonts::latin_metrics`]),
//! so a line break in the window is a line break on paper.

use serde::Serialize;

use crate::document::{Document, Run};
pub use crate::layout::LineStyle;
use crate::layout::{self, LayoutProfile, Metrics, PlacedLine};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Line {
    pub style: LineStyle,
    /// The outline node the line belongs to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub node: Option<i64>,
    /// The first line of an indented paragraph (two characters in).
    pub indent: bool,
    pub runs: Vec<Run>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Page {
    /// 1-based page number, as printed in the footer.
    pub number: usize,
    pub lines: Vec<Line>,
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

/// Millimetres of twips.
fn mm(twips: u32) -> f32 {
    twips as f32 * 25.4 / 1440.0
}

/// The printed page of a layout profile as the preview draws it: lengths in millimetres
/// and sizes in points, so the window sets them as CSS lengths and keeps no number of the
/// layout itself. The lines are the [`Grid`]'s: the text block holds `lines_per_page`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "SheetView"))]
pub struct Sheet {
    pub width_mm: f32,
    pub height_mm: f32,
    /// Margins of the text block.
    pub top_mm: f32,
    pub right_mm: f32,
    pub left_mm: f32,
    pub block_width_mm: f32,
    pub block_height_mm: f32,
    pub lines_per_page: usize,
    pub chars_per_line: f32,
    /// Body, title and page-number sizes.
    pub body_pt: f32,
    pub title_pt: f32,
    pub folio_pt: f32,
    /// The profile's character spacing (negative: tighter), in points.
    pub char_spacing_pt: f32,
    /// From the top of the page to the top of the page number.
    pub folio_top_mm: f32,
}

impl Sheet {
    pub fn of(p: &LayoutProfile) -> Sheet {
        let g = Grid::of(p);
        let block_height_mm = mm(p.page.height - p.page.top - p.page.bottom);
        Sheet {
            width_mm: mm(p.page.width),
            height_mm: mm(p.page.height),
            top_mm: mm(p.page.top),
            right_mm: mm(p.page.right),
            left_mm: mm(p.page.left),
            block_width_mm: mm(p.text_width()),
            block_height_mm,
            lines_per_page: g.lines_per_page,
            chars_per_line: g.chars_per_line,
            body_pt: p.body_size as f32 / 2.0,
            title_pt: p.title_size as f32 / 2.0,
            folio_pt: p.page_number_size as f32 / 2.0,
            char_spacing_pt: p.char_spacing as f32 / 20.0,
            folio_top_mm: mm(p.page.top) + block_height_mm + layout::FOLIO_GAP_MM,
        }
    }
}

/// A positioned line as the preview's line: its runs joined where only the face differs.
fn line(l: &PlacedLine) -> Line {
    let mut runs: Vec<Run> = Vec::new();
    for r in &l.runs {
        match runs.last_mut() {
            Some(last)
                if last.bold == r.bold && last.unfilled == r.unfilled && last.cue == r.cue =>
            {
                last.text.push_str(&r.text)
            }
            _ => runs.push(Run {
                text: r.text.clone(),
                bold: r.bold,
                unfilled: r.unfilled,
                cue: r.cue,
                slot: None,
            }),
        }
    }
    Line {
        style: l.style,
        node: l.node,
        indent: l.indent,
        runs,
    }
}

/// The document in pages, measured with `metrics`.
pub fn pages_with(doc: &Document, profile: &LayoutProfile, metrics: &Metrics) -> Vec<Page> {
    layout::lay_out(doc, profile, metrics)
        .iter()
        .map(|p| Page {
            number: p.number,
            lines: p.lines.iter().map(line).collect(),
        })
        .collect()
}

/// The document in pages, measured as the PDF measures it.
pub fn pages(doc: &Document, profile: &LayoutProfile) -> Vec<Page> {
    pages_with(doc, profile, layout::fonts::latin_metrics())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn official_sheet_is_a4_with_the_standard_margins() {
        let s = Sheet::of(&LayoutProfile::official());
        let near = |a: f32, b: f32| (a - b).abs() < 0.05;
        assert!(near(s.width_mm, 210.0) && near(s.height_mm, 297.0), "{s:?}");
        assert!(near(s.top_mm, 37.0) && near(s.left_mm, 28.0) && near(s.right_mm, 26.0));
        assert!(near(s.block_width_mm, 156.0) && near(s.block_height_mm, 225.0));
        assert_eq!((s.lines_per_page, s.chars_per_line), (22, 28.0));
        assert_eq!((s.body_pt, s.title_pt, s.folio_pt), (16.0, 22.0, 14.0));
        assert_eq!(s.char_spacing_pt, -0.25);
        assert!(near(s.folio_top_mm, 269.0));
    }

    #[test]
    fn no_line_of_a_built_in_speech_starts_with_a_closing_mark() {
        let mut store = crate::store::Store::open_in_memory().unwrap();
        for t in store.templates(None).unwrap() {
            let id = store.create_draft(&t.id, None, &[]).unwrap();
            let doc = crate::render::render(&store.draft(id).unwrap());
            for p in pages_with(&doc, &LayoutProfile::official(), &Metrics::grid()) {
                for l in p.lines {
                    let text: String = l.runs.iter().map(|r| r.text.as_str()).collect();
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
