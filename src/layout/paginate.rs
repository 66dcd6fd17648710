//! Pagination, its own pass over paragraphs already broken into lines. The keep rules are
//! the ones the .docx declares: the title, head lines, greeting and headings keep with
//! the paragraph after them (a heading never ends a page), headings and head lines keep
//! their lines together, and where the profile asks for widow control (the podium copy)
//! no first or last line of a paragraph stands alone on a page. Space above a paragraph
//! is dropped at the top of a page.

use super::metrics::{Face, Metrics};
use super::{pt, Para, PlacedLine, PlacedPage, PlacedRun};
use crate::layout::profile::{LayoutProfile, PageNumbers};
use crate::layout::LineStyle;

/// Where the standard's page number sits below the text block: about 7 mm (measured in
/// the .docx as LibreOffice prints it; the footer distance alone does not give it).
pub const FOLIO_GAP_MM: f32 = 7.0;

/// Millimetres to points.
pub fn mm_pt(mm: f32) -> f32 {
    mm * 72.0 / 25.4
}

/// The baseline of a line box: the em box of a CJK face (ascent 0.88 em) centred in it.
fn baseline(top: f32, height: f32, size: f32) -> f32 {
    top + height / 2.0 + 0.38 * size
}

/// Lines a paragraph needs at the bottom of a page before it may start there.
fn first_chunk(p: &Para) -> usize {
    if p.keep_lines {
        p.lines.len()
    } else if p.widow_control {
        p.lines.len().min(2)
    } else {
        1
    }
}

/// Height paragraph `k` needs on the page it starts on: its first chunk and, when it
/// keeps with the next, the next one's (recursively).
fn need(paras: &[Para], k: usize) -> f32 {
    let p = &paras[k];
    let own = p.space_before + first_chunk(p) as f32 * p.line_height;
    if p.keep_next && k + 1 < paras.len() {
        let rest = (p.lines.len() - first_chunk(p)) as f32 * p.line_height;
        own + rest + need(paras, k + 1)
    } else {
        own
    }
}

struct Pages<'a> {
    profile: &'a LayoutProfile,
    metrics: &'a Metrics,
    pages: Vec<PlacedPage>,
    lines: Vec<PlacedLine>,
    /// Height used on the current page.
    y: f32,
}

impl Pages<'_> {
    fn block_height(&self) -> f32 {
        let p = &self.profile.page;
        pt(p.height - p.top - p.bottom)
    }

    fn new_page(&mut self) {
        let number = self.pages.len() + 1;
        let lines = std::mem::take(&mut self.lines);
        let page = &self.profile.page;
        self.pages.push(PlacedPage {
            number,
            width: pt(page.width),
            height: pt(page.height),
            lines,
            folio: folio(self.profile, self.metrics, number),
        });
        self.y = 0.0;
    }

    fn push_line(&mut self, p: &Para, runs: &[PlacedRun], first: bool, space: f32) {
        let left = pt(self.profile.page.left);
        let top = pt(self.profile.page.top) + self.y + space;
        let size = runs.first().map_or(0.0, |r| r.size);
        self.lines.push(PlacedLine {
            style: p.style,
            node: p.node,
            indent: first && p.node.is_some(),
            top,
            height: p.line_height,
            baseline: baseline(top, p.line_height, size),
            runs: runs
                .iter()
                .map(|r| PlacedRun {
                    x: r.x + left,
                    ..r.clone()
                })
                .collect(),
        });
        self.y += space + p.line_height;
    }

    fn para(&mut self, paras: &[Para], k: usize) {
        let p = &paras[k];
        let room = self.block_height();
        let fits = |y: f32, h: f32| y + h <= room + 0.01;
        if self.y > 0.0 && !fits(self.y, need(paras, k)) && need(paras, k) <= room {
            self.new_page();
        }
        let n = p.lines.len();
        for (i, runs) in p.lines.iter().enumerate() {
            let space = if i == 0 && self.y > 0.0 {
                p.space_before
            } else {
                0.0
            };
            // Widow control: the last line never alone at the top of the next page.
            let widow = p.widow_control && n >= 4 && i == n - 2;
            let needed = if widow { 2.0 } else { 1.0 } * p.line_height + space;
            if self.y > 0.0 && !fits(self.y, needed) {
                self.new_page();
            }
            let space = if self.y > 0.0 { space } else { 0.0 };
            self.push_line(p, runs, i == 0, space);
        }
    }
}

/// "— N —" in 4号宋体: odd pages right and even pages left, one character in from the
/// edge of the text block, or centred.
fn folio(profile: &LayoutProfile, metrics: &Metrics, number: usize) -> PlacedLine {
    let size = profile.page_number_size as f32 / 2.0;
    let text = format!("— {number} —");
    let advances: Vec<f32> = text.chars().map(|c| metrics.em(c) * size).collect();
    let width: f32 = advances.iter().sum();
    let page = &profile.page;
    let (left, right) = (pt(page.left), pt(page.width - page.right));
    let x = match profile.page_numbers {
        PageNumbers::Center => (left + right - width) / 2.0,
        PageNumbers::Outside if number % 2 == 1 => right - size - width,
        PageNumbers::Outside => left + size,
    };
    let top = pt(page.height - page.bottom) + mm_pt(FOLIO_GAP_MM);
    PlacedLine {
        style: LineStyle::Blank,
        node: None,
        indent: false,
        top,
        height: size,
        baseline: top + 0.88 * size,
        runs: vec![PlacedRun {
            x,
            text,
            face: Face::Song,
            size,
            bold: false,
            unfilled: false,
            cue: false,
            advances,
        }],
    }
}

/// Paragraphs broken into lines → positioned pages (at least one).
pub fn paginate(paras: &[Para], profile: &LayoutProfile, metrics: &Metrics) -> Vec<PlacedPage> {
    let mut pages = Pages {
        profile,
        metrics,
        pages: Vec::new(),
        lines: Vec::new(),
        y: 0.0,
    };
    for k in 0..paras.len() {
        pages.para(paras, k);
    }
    if !pages.lines.is_empty() || pages.pages.is_empty() {
        pages.new_page();
    }
    pages.pages
}
