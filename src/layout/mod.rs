//! The typesetter: a rendered [`Document`], a layout profile and font metrics →
//! positioned pages (lines of positioned runs, each with its face and size, the page
//! number). The preview, the PDF and the OFD all draw these pages, so a line break in the
//! window is a line break on paper; the .docx writer reads the same profile facts.
//!
//! Two passes: [`paragraphs`] breaks every paragraph into lines (the rules of
//! [`breaking`]), [`paginate`] cuts them into pages with the keep rules the .docx
//! declares. Lengths are points from the top left corner of the page.
//!
//! **The line that would end one character over** (the official layout's 28 cells):
//! when that character is a closing or pause mark it hangs in the margin, as WPS and
//! Word do with 允许标点溢出边界 (on by default there); one mark hangs at most. Any other
//! character, or a second mark, goes to the next line together with what may not be
//! parted from it (the character before a closing mark, an opening mark before it), and
//! the short line is justified. A paragraph whose last line would hold a single
//! character (单字成行) takes one more from the line before where a break allows it.

pub mod breaking;
pub mod font_index;
pub mod fonts;
pub mod metrics;
mod paginate;
pub mod profile;
pub mod title;

use serde::Serialize;

use crate::document::{Document, Run};
use crate::outline::NodeKind;
pub use metrics::{Face, Metrics};
pub use paginate::{paginate, FOLIO_GAP_MM};
pub use profile::{FontSet, Layout, LayoutProfile, PageNumbers};

/// What a line is, for its face, size and alignment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum LineStyle {
    /// 2号小标宋, centred.
    Title,
    /// Speaker and date lines: 3号楷体, centred.
    Head,
    /// 同志们： flush left.
    Greeting,
    /// An empty line of the grid.
    Blank,
    /// 一、 in 黑体.
    Heading1,
    /// （一） in 楷体.
    Heading2,
    /// 1. in 仿宋, bold.
    Heading3,
    /// （1） in 仿宋.
    Heading4,
    /// Body text in 仿宋.
    Body,
}

impl LineStyle {
    fn heading(level: Option<usize>) -> LineStyle {
        match level {
            Some(0 | 1) | None => LineStyle::Heading1,
            Some(2) => LineStyle::Heading2,
            Some(3) => LineStyle::Heading3,
            Some(_) => LineStyle::Heading4,
        }
    }

    /// 0-based heading level, for the profile's per-level sizes.
    fn level(self) -> Option<usize> {
        match self {
            LineStyle::Heading1 => Some(0),
            LineStyle::Heading2 => Some(1),
            LineStyle::Heading3 => Some(2),
            LineStyle::Heading4 => Some(3),
            _ => None,
        }
    }

    /// The face of the Chinese text of a line of this style.
    pub fn face(self) -> Face {
        match self {
            LineStyle::Title => Face::Title,
            LineStyle::Head | LineStyle::Heading2 => Face::Kai,
            LineStyle::Heading1 => Face::Hei,
            _ => Face::Fang,
        }
    }

    fn centred(self) -> bool {
        matches!(self, LineStyle::Title | LineStyle::Head)
    }
}

/// A piece of one line in one face, size and weight.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlacedRun {
    /// Left edge, points from the page's left edge.
    pub x: f32,
    pub text: String,
    pub face: Face,
    /// Points.
    pub size: f32,
    pub bold: bool,
    pub unfilled: bool,
    /// A stage cue of a host script, set in 楷 (`crate::cue`).
    pub cue: bool,
    /// The advance of each character (points, character spacing and justification
    /// included), so every reader places every character where the layout did.
    pub advances: Vec<f32>,
}

impl PlacedRun {
    pub fn width(&self) -> f32 {
        self.advances.iter().sum()
    }
}

/// A line of a page.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlacedLine {
    pub style: LineStyle,
    /// The outline node the line belongs to.
    pub node: Option<i64>,
    /// The first line of an indented paragraph.
    pub indent: bool,
    /// Top of the line box and its baseline, points from the page's top edge.
    pub top: f32,
    pub height: f32,
    pub baseline: f32,
    pub runs: Vec<PlacedRun>,
}

impl PlacedLine {
    pub fn text(&self) -> String {
        self.runs.iter().map(|r| r.text.as_str()).collect()
    }
}

/// A positioned page.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlacedPage {
    /// 1-based, as printed.
    pub number: usize,
    pub width: f32,
    pub height: f32,
    pub lines: Vec<PlacedLine>,
    /// "— N —".
    pub folio: PlacedLine,
}

/// Twips to points.
pub fn pt(twips: u32) -> f32 {
    twips as f32 / 20.0
}

/// A paragraph broken into lines, not yet on a page. Run positions are relative to the
/// text block's left edge; `paginate` places the lines.
#[derive(Debug, Clone, PartialEq)]
pub struct Para {
    pub style: LineStyle,
    pub node: Option<i64>,
    /// Space above the paragraph, points (dropped at the top of a page).
    pub space_before: f32,
    pub line_height: f32,
    /// Keep with the next paragraph (headings, title, head lines, greeting).
    pub keep_next: bool,
    /// Keep all lines on one page.
    pub keep_lines: bool,
    /// No single first or last line of it alone on a page.
    pub widow_control: bool,
    pub lines: Vec<Vec<PlacedRun>>,
}

/// The layout of one document with one profile and one set of metrics.
struct Setter<'a> {
    profile: &'a LayoutProfile,
    metrics: &'a Metrics,
    width: f32,
}

/// One character of a paragraph, with what it is set in and its advance.
struct Cell {
    c: char,
    run: usize,
    w: f32,
}

impl Setter<'_> {
    /// Points (the profile's sizes are half-points).
    fn size(&self, style: LineStyle) -> f32 {
        let p = self.profile;
        let half_points = match style {
            LineStyle::Title => p.title_size,
            LineStyle::Head => p.head_size,
            s => s.level().map_or(p.body_size, |l| p.heading_size[l]),
        };
        half_points as f32 / 2.0
    }

    fn cells(&self, runs: &[Run], size: f32) -> Vec<Cell> {
        let spacing = self.profile.char_spacing as f32 / 20.0;
        let mut cells = Vec::new();
        for (i, run) in runs.iter().enumerate() {
            for c in run.text.chars() {
                let w = self.metrics.em(c) * size + spacing;
                cells.push(Cell { c, run: i, w });
            }
        }
        cells
    }

    /// The line's runs from cells `from..to`, starting at `x`, with `extra` points added
    /// after every character but the last (justification).
    fn place(
        &self,
        cells: &[Cell],
        runs: &[Run],
        style: LineStyle,
        bold: &dyn Fn(usize) -> bool,
        x: f32,
        extra: f32,
    ) -> Vec<PlacedRun> {
        let size = self.size(style);
        let mut out: Vec<PlacedRun> = Vec::new();
        let mut x = x;
        for (k, cell) in cells.iter().enumerate() {
            let run = &runs[cell.run];
            let face = if !metrics::is_full_width(cell.c) {
                Face::Latin
            } else if run.cue {
                Face::Kai
            } else {
                style.face()
            };
            let b = bold(cell.run);
            let adv = cell.w + if k + 1 < cells.len() { extra } else { 0.0 };
            match out.last_mut() {
                Some(r)
                    if r.face == face
                        && r.bold == b
                        && r.unfilled == run.unfilled
                        && r.cue == run.cue =>
                {
                    r.text.push(cell.c);
                    r.advances.push(adv);
                }
                _ => out.push(PlacedRun {
                    x,
                    text: cell.c.to_string(),
                    face,
                    size,
                    bold: b,
                    unfilled: run.unfilled,
                    cue: run.cue,
                    advances: vec![adv],
                }),
            }
            x += adv;
        }
        out
    }

    /// Breaks `runs` into lines and places them: first line `indent` points in, centred
    /// styles centred, wrapped lines justified.
    fn para(
        &self,
        style: LineStyle,
        runs: &[Run],
        indent: f32,
        bold: &dyn Fn(usize) -> bool,
    ) -> Vec<Vec<PlacedRun>> {
        let cells = self.cells(runs, self.size(style));
        let widths: Vec<f32> = cells.iter().map(|c| c.w).collect();
        let chars: Vec<char> = cells.iter().map(|c| c.c).collect();
        let ranges = lines(&chars, &widths, self.width, indent);
        let last = ranges.len().saturating_sub(1);
        ranges
            .into_iter()
            .enumerate()
            .map(|(i, (from, to))| {
                let part = &cells[from..to];
                let used: f32 = part.iter().map(|c| c.w).sum();
                let start = if i == 0 { indent } else { 0.0 };
                let room = self.width - start - used;
                let (x, extra) = if style.centred() {
                    (start + room.max(0.0) / 2.0, 0.0)
                } else if i < last && room > 0.0 && part.len() > 1 {
                    (start, room / (part.len() - 1) as f32)
                } else {
                    (start, 0.0)
                };
                self.place(part, runs, style, bold, x, extra)
            })
            .collect()
    }

    fn line_height(&self, style: LineStyle) -> f32 {
        let p = self.profile;
        match style.level() {
            Some(l) if p.heading_size[l] > p.body_size && !p.line_grid => {
                pt(p.heading_size[l] * 16)
            }
            _ => pt(p.line),
        }
    }

    fn paragraph(&self, style: LineStyle, node: Option<i64>, lines: Vec<Vec<PlacedRun>>) -> Para {
        let p = self.profile;
        let heading = style.level().is_some();
        let head = matches!(style, LineStyle::Title | LineStyle::Head);
        Para {
            style,
            node,
            space_before: if heading {
                pt(p.heading_space_before)
            } else {
                0.0
            },
            line_height: self.line_height(style),
            keep_next: heading || head || style == LineStyle::Greeting,
            keep_lines: heading || head,
            widow_control: heading || p.widow_control,
            lines,
        }
    }
}

fn plain(text: &str) -> Vec<Run> {
    vec![Run {
        text: text.to_string(),
        ..Run::default()
    }]
}

/// A title or head line as runs, the markers of slots left blank marked `unfilled` (the
/// profile decides whether they are drawn highlighted, as in the body).
fn head_runs(doc: &Document, text: &str) -> Vec<Run> {
    let runs: Vec<Run> = crate::slot::marked_pieces(text, &doc.unfilled)
        .into_iter()
        .map(|(t, unfilled)| Run {
            text: t.to_string(),
            unfilled,
            ..Run::default()
        })
        .collect();
    match runs.is_empty() {
        true => plain(text),
        false => runs,
    }
}

/// Breaks characters of `widths` into lines of `width` points, the first `indent` in:
/// half-open ranges of character indices. The rules are in the module's header.
pub fn lines(chars: &[char], widths: &[f32], width: f32, indent: f32) -> Vec<(usize, usize)> {
    let allowed = breaking::break_opportunities(chars);
    let mut out = Vec::new();
    let (mut start, mut used, mut i) = (0, indent, 0);
    while i < chars.len() {
        if used + widths[i] <= width + 0.01 || i == start {
            used += widths[i];
            i += 1;
            continue;
        }
        let hang = breaking::hangs(chars[i]) && allowed.get(i + 1).is_none_or(|a| *a);
        let end = if hang {
            i + 1
        } else {
            // The latest break at or before i that leaves something on this line.
            (start + 1..=i).rev().find(|&j| allowed[j]).unwrap_or(i)
        };
        out.push((start, end));
        start = end;
        used = 0.0;
        i = end;
    }
    if start < chars.len() || out.is_empty() {
        out.push((start, chars.len()));
    }
    avoid_single_last(chars, &allowed, &mut out);
    out
}

/// 单字成行: a last line of one character (marks after it not counted) takes one more
/// character from the line before, at the latest break that allows it.
fn avoid_single_last(chars: &[char], allowed: &[bool], lines: &mut [(usize, usize)]) {
    let n = lines.len();
    if n < 2 {
        return;
    }
    let (from, to) = lines[n - 1];
    let letters = chars[from..to]
        .iter()
        .filter(|c| !breaking::closing(**c))
        .count();
    if letters != 1 {
        return;
    }
    let (prev_from, _) = lines[n - 2];
    if let Some(j) = (prev_from + 2..from).rev().find(|&j| allowed[j]) {
        lines[n - 2].1 = j;
        lines[n - 1].0 = j;
    }
}

/// Every paragraph of the document broken into lines, in reading order.
pub fn paragraphs(doc: &Document, profile: &LayoutProfile, metrics: &Metrics) -> Vec<Para> {
    let s = Setter {
        profile,
        metrics,
        width: pt(profile.text_width()),
    };
    let not_bold = |_: usize| false;
    let mut out = Vec::new();
    let title: Vec<Vec<PlacedRun>> = title::split_title(&doc.title, profile.title_ems())
        .iter()
        .flat_map(|t| s.para(LineStyle::Title, &head_runs(doc, t), 0.0, &not_bold))
        .collect();
    out.push(s.paragraph(LineStyle::Title, None, title));
    let mut greeting = None;
    for (kind, text) in doc.head_lines() {
        if kind == "greeting" {
            greeting = Some(text);
        } else {
            let lines = s.para(LineStyle::Head, &head_runs(doc, text), 0.0, &not_bold);
            out.push(s.paragraph(LineStyle::Head, None, lines));
        }
    }
    let mut blank = s.paragraph(LineStyle::Blank, None, vec![Vec::new()]);
    blank.keep_next = greeting.is_some();
    out.push(blank);
    if let Some(g) = greeting {
        let lines = s.para(LineStyle::Greeting, &plain(g), 0.0, &not_bold);
        out.push(s.paragraph(LineStyle::Greeting, None, lines));
    }
    let indent = pt(profile.indent());
    for node in doc.walk() {
        let style = match node.kind {
            NodeKind::Heading => LineStyle::heading(node.level),
            _ => LineStyle::Body,
        };
        let runs = node.display_runs();
        let heading_bold = style.level().is_some_and(|l| profile.heading_bold[l]);
        let lead = node.lead.is_some() && profile.bold_leads;
        let bold = |i: usize| heading_bold || runs[i].bold || (lead && i == 0);
        let lines = s.para(style, &runs, indent, &bold);
        out.push(s.paragraph(style, Some(node.id), lines));
    }
    out
}

/// The document in positioned pages.
pub fn lay_out(doc: &Document, profile: &LayoutProfile, metrics: &Metrics) -> Vec<PlacedPage> {
    paginate(&paragraphs(doc, profile, metrics), profile, metrics)
}

#[cfg(test)]
mod tests;
