//! The preview: a rendered [`Document`] laid out in lines and pages the way the official
//! layout (GB/T 9704, [`LayoutProfile::official`]) prints it: 22 lines of 28 characters of
//! 3号仿宋 a page, the title in 2号 on lines of its own, every paragraph indented two
//! characters. The desktop draws these lines as they are; it measures nothing itself.
//!
//! The model is the grid of the standard: a CJK character or full-width mark is one
//! character wide, a Latin letter or digit half of one. A closing mark that would start
//! a line hangs at the end of the line before (避头), as word processors do. It is a
//! close approximation of what LibreOffice prints, not a typesetter.

use serde::Serialize;

use crate::document::{Document, Run};
use crate::export::docx::{split_title, LayoutProfile};
use crate::outline::NodeKind;
use crate::stats::is_wide;

/// What a line of the preview is, for its face, size and alignment.
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
    /// Title characters (ems at the title size) a line holds.
    pub title_chars: f32,
    pub lines_per_page: usize,
}

impl Grid {
    pub fn of(p: &LayoutProfile) -> Grid {
        let advance = |size: u32| (size as i32 * 10 + p.char_spacing).max(1) as f32;
        let width = p.text_width() as f32;
        let height = (p.page.height - p.page.top - p.page.bottom) as f32;
        Grid {
            // 8844 / 315 = 28.07: the standard's 28 characters.
            chars_per_line: (width / advance(p.body_size)).floor(),
            title_chars: width / advance(p.title_size),
            lines_per_page: ((height / p.line.max(1) as f32).floor() as usize).max(1),
        }
    }
}

/// Where the standard's page number sits below the text block: about 7 mm (measured in
/// the .docx as LibreOffice prints it; the footer distance alone does not give it).
const FOLIO_GAP_MM: f32 = 7.0;

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
            folio_top_mm: mm(p.page.top) + block_height_mm + FOLIO_GAP_MM,
        }
    }
}

/// Width of a character in ems of its line's size.
fn width(c: char) -> f32 {
    if is_wide(c) {
        1.0
    } else {
        0.5
    }
}

/// Marks that may not start a line.
fn closing(c: char) -> bool {
    matches!(
        c,
        '，' | '。'
            | '、'
            | '；'
            | '：'
            | '？'
            | '！'
            | '）'
            | '》'
            | '」'
            | '』'
            | '】'
            | '”'
            | '’'
            | '…'
            | ','
            | '.'
            | ';'
            | ':'
            | ')'
    )
}

/// Breaks runs into lines of `cap` ems, the first line `first_indent` ems in.
fn break_runs(runs: &[Run], cap: f32, first_indent: f32) -> Vec<Vec<Run>> {
    let mut lines: Vec<Vec<Run>> = vec![Vec::new()];
    let mut used = first_indent;
    // Closing marks hung at the end of the current line (at most three: 】”，).
    let mut hung = 0;
    for run in runs {
        let mut piece = String::new();
        for c in run.text.chars() {
            let w = width(c);
            if used + w > cap + 0.01 {
                if closing(c) && hung < 3 {
                    // Hang the mark at the end of this line.
                    piece.push(c);
                    hung += 1;
                    continue;
                }
                if let (false, Some(line)) = (piece.is_empty(), lines.last_mut()) {
                    line.push(Run {
                        text: std::mem::take(&mut piece),
                        ..run.clone()
                    });
                }
                lines.push(Vec::new());
                used = 0.0;
                hung = 0;
            }
            piece.push(c);
            used += w;
        }
        if let (false, Some(line)) = (piece.is_empty(), lines.last_mut()) {
            line.push(Run {
                text: piece,
                ..run.clone()
            });
        }
    }
    lines
}

fn plain(text: &str) -> Vec<Run> {
    vec![Run {
        text: text.to_string(),
        ..Run::default()
    }]
}

/// Every line of the document, in order, before it is cut into pages.
pub fn lines(doc: &Document, profile: &LayoutProfile) -> Vec<Line> {
    let grid = Grid::of(profile);
    let mut out = Vec::new();
    let line = |style, node, indent, runs| Line {
        style,
        node,
        indent,
        runs,
    };
    for t in split_title(&doc.title, grid.title_chars) {
        out.push(line(LineStyle::Title, None, false, plain(&t)));
    }
    let mut greeting = None;
    for (kind, text) in doc.head_lines() {
        if kind == "greeting" {
            greeting = Some(text);
        } else {
            for runs in break_runs(&plain(text), grid.chars_per_line, 0.0) {
                out.push(line(LineStyle::Head, None, false, runs));
            }
        }
    }
    out.push(line(LineStyle::Blank, None, false, Vec::new()));
    if let Some(g) = greeting {
        for runs in break_runs(&plain(g), grid.chars_per_line, 0.0) {
            out.push(line(LineStyle::Greeting, None, false, runs));
        }
    }
    for node in doc.walk() {
        let style = match (node.kind, node.level) {
            (NodeKind::Heading, Some(1)) => LineStyle::Heading1,
            (NodeKind::Heading, Some(2)) => LineStyle::Heading2,
            (NodeKind::Heading, Some(3)) => LineStyle::Heading3,
            (NodeKind::Heading, _) => LineStyle::Heading4,
            _ => LineStyle::Body,
        };
        let mut runs = node.display_runs();
        if node.lead.is_some() && profile.bold_leads {
            if let Some(first) = runs.first_mut() {
                first.bold = true;
            }
        }
        for (i, runs) in break_runs(&runs, grid.chars_per_line, 2.0)
            .into_iter()
            .enumerate()
        {
            out.push(line(style, Some(node.id), i == 0, runs));
        }
    }
    out
}

/// The document in pages. A heading never ends a page when text follows it.
pub fn pages(doc: &Document, profile: &LayoutProfile) -> Vec<Page> {
    let per_page = Grid::of(profile).lines_per_page;
    let all = lines(doc, profile);
    let mut pages: Vec<Page> = vec![Page {
        number: 1,
        lines: Vec::new(),
    }];
    let mut iter = all.into_iter().peekable();
    while let Some(l) = iter.next() {
        let heading = !matches!(l.style, LineStyle::Body | LineStyle::Blank)
            && l.node.is_some()
            && iter.peek().is_some_and(|n| n.node != l.node);
        let used = pages.last().map_or(per_page, |p| p.lines.len());
        let room = per_page.saturating_sub(used);
        if room == 0 || (heading && room == 1) {
            let number = pages.len() + 1;
            pages.push(Page {
                number,
                lines: Vec::new(),
            });
        }
        if let Some(page) = pages.last_mut() {
            page.lines.push(l);
        }
    }
    pages
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Meta, Node};

    fn doc(texts: &[&str]) -> Document {
        Document {
            title: "在全市总工会表彰大会上的讲话".into(),
            speaker: Some("王建华".into()),
            date: Some("（2026年4月28日）".into()),
            greeting: Some("同志们：".into()),
            speech_type: "commendation".into(),
            meta: Meta::default(),
            unfilled: vec![],
            nodes: texts
                .iter()
                .enumerate()
                .map(|(i, t)| Node {
                    id: i as i64 + 1,
                    kind: NodeKind::Paragraph,
                    level: None,
                    number: None,
                    lead: None,
                    text: t.to_string(),
                    runs: plain(t),
                    note: None,
                    children: vec![],
                })
                .collect(),
        }
    }

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
    fn official_grid_is_22_by_28() {
        let g = Grid::of(&LayoutProfile::official());
        assert_eq!(g.chars_per_line, 28.0);
        assert_eq!(g.lines_per_page, 22);
    }

    #[test]
    fn lines_hold_28_characters_and_the_first_is_indented() {
        let text = "工".repeat(60);
        let d = doc(&[&text]);
        let body: Vec<_> = lines(&d, &LayoutProfile::official())
            .into_iter()
            .filter(|l| l.style == LineStyle::Body)
            .collect();
        let lens: Vec<usize> = body
            .iter()
            .map(|l| l.runs.iter().map(|r| r.text.chars().count()).sum())
            .collect();
        assert_eq!(lens, vec![26, 28, 6]);
        assert!(body[0].indent && !body[1].indent);
    }

    #[test]
    fn a_closing_mark_hangs_instead_of_starting_a_line() {
        let text = format!("{}。后", "工".repeat(26));
        let d = doc(&[&text]);
        let body: Vec<String> = lines(&d, &LayoutProfile::official())
            .into_iter()
            .filter(|l| l.style == LineStyle::Body)
            .map(|l| l.runs.iter().map(|r| r.text.as_str()).collect())
            .collect();
        assert_eq!(body.len(), 2);
        assert!(body[0].ends_with('。'));
        assert_eq!(body[1], "后");
    }

    #[test]
    fn a_mark_after_a_run_boundary_hangs_too() {
        // The line fills up with a slot marker; the closing quote after it must not
        // start the next line.
        let runs = vec![
            Run {
                text: format!("{}“", "工".repeat(21)),
                ..Run::default()
            },
            Run {
                text: "【活动名称】".into(),
                unfilled: true,
                ..Run::default()
            },
            Run {
                text: "”，参赛职工".into(),
                ..Run::default()
            },
        ];
        let lines = break_runs(&runs, 28.0, 0.0);
        let texts: Vec<String> = lines
            .iter()
            .map(|l| l.iter().map(|r| r.text.as_str()).collect())
            .collect();
        assert!(!texts[1].starts_with(['”', '，']), "{texts:?}");
    }

    #[test]
    fn no_line_of_a_built_in_speech_starts_with_a_closing_mark() {
        let mut store = crate::store::Store::open_in_memory().unwrap();
        for t in store.templates(None).unwrap() {
            let id = store.create_draft(&t.id, None, &[]).unwrap();
            let doc = crate::render::render(&store.draft(id).unwrap());
            for l in lines(&doc, &LayoutProfile::official()) {
                let text: String = l.runs.iter().map(|r| r.text.as_str()).collect();
                assert!(
                    !text.starts_with(closing),
                    "{}: a line starts with a closing mark: {text}",
                    t.id
                );
            }
        }
    }

    #[test]
    fn pages_hold_22_lines() {
        let texts: Vec<String> = (0..40).map(|_| "工".repeat(20)).collect();
        let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
        let p = pages(&doc(&refs), &LayoutProfile::official());
        assert!(p.len() >= 2);
        assert!(p.iter().all(|p| p.lines.len() <= 22));
        assert_eq!(p[0].lines.len(), 22);
        assert_eq!(p[1].number, 2);
        let total: usize = p.iter().map(|p| p.lines.len()).sum();
        assert_eq!(total, 1 + 2 + 1 + 1 + 40);
    }
}
