//! PDF export: the positioned pages of [`crate::layout`] drawn with `krilla`, every
//! character where the layout put it, the faces embedded as subsets with a text layer
//! (ToUnicode), so `pdftotext` reads the speech in order. Title and author are set in
//! the document information. Bold in a face without a bold weight is drawn as the word
//! processors do: the glyph outlined by a thin stroke as well as filled.

use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::metadata::Metadata;
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::surface::Surface;
use krilla::text::{Font, GlyphId, KrillaGlyph};

use crate::document::Document;
use crate::error::{Error, Result};
use crate::layout::fonts::FoundFonts;
use crate::layout::{self, Face, LayoutProfile, PlacedLine, PlacedPage, PlacedRun};

/// A face ready to draw: the PDF font and its parsed tables for the character → glyph map.
struct Drawn<'a> {
    face: Face,
    font: Font,
    parsed: ttf_parser::Face<'a>,
    bold_by_weight: bool,
}

/// Highlight of an unfilled slot where the profile marks them (the .docx's yellow).
const HIGHLIGHT: (u8, u8, u8) = (255, 255, 0);

fn glyphs(run: &PlacedRun, parsed: &ttf_parser::Face) -> Vec<KrillaGlyph> {
    let mut out = Vec::with_capacity(run.advances.len());
    for ((byte, c), adv) in run.text.char_indices().zip(&run.advances) {
        let gid = parsed.glyph_index(c).map_or(0, |g| u32::from(g.0));
        out.push(KrillaGlyph::new(
            GlyphId::new(gid),
            adv / run.size,
            0.0,
            0.0,
            0.0,
            byte..byte + c.len_utf8(),
            None,
        ));
    }
    out
}

fn draw_run(surface: &mut Surface, faces: &[Drawn], run: &PlacedRun, baseline: f32, mark: bool) {
    let Some(d) = faces.iter().find(|d| d.face == run.face).or(faces.first()) else {
        return;
    };
    let g = glyphs(run, &d.parsed);
    if run.unfilled && mark {
        let (r, gr, b) = HIGHLIGHT;
        let rect = Rect::from_xywh(run.x, baseline - run.size * 0.88, run.width(), run.size);
        let mut pb = PathBuilder::new();
        if let Some(rect) = rect {
            pb.push_rect(rect);
        }
        if let Some(path) = pb.finish() {
            surface.set_fill(Some(Fill {
                paint: rgb::Color::new(r, gr, b).into(),
                ..Fill::default()
            }));
            surface.draw_path(&path);
            surface.set_fill(Some(Fill::default()));
        }
    }
    let fake_bold = run.bold && !d.bold_by_weight;
    if fake_bold {
        surface.set_stroke(Some(Stroke {
            width: run.size * 0.03,
            ..Stroke::default()
        }));
    }
    surface.draw_glyphs(
        Point::from_xy(run.x, baseline),
        &g,
        d.font.clone(),
        &run.text,
        run.size,
        false,
    );
    if fake_bold {
        surface.set_stroke(None);
    }
}

fn draw_line(surface: &mut Surface, faces: &[Drawn], line: &PlacedLine, mark: bool) {
    for run in &line.runs {
        draw_run(surface, faces, run, line.baseline, mark);
    }
}

fn draw_page(
    doc: &mut krilla::Document,
    faces: &[Drawn],
    page: &PlacedPage,
    mark: bool,
) -> Result<()> {
    let settings = PageSettings::from_wh(page.width, page.height).ok_or(Error::LayoutFailed {
        format: "PDF",
        why: "page size".into(),
    })?;
    let mut p = doc.start_page_with(settings);
    let mut surface = p.surface();
    surface.set_fill(Some(Fill::default()));
    for line in &page.lines {
        draw_line(&mut surface, faces, line, mark);
    }
    draw_line(&mut surface, faces, &page.folio, false);
    surface.finish();
    p.finish();
    Ok(())
}

/// The author named in the file: the speaker, else the program.
fn author(doc: &Document) -> String {
    doc.speaker
        .clone()
        .filter(|s| !s.trim().is_empty())
        .unwrap_or_else(|| "讲稿工坊".into())
}

/// Draws `pages` into a PDF with the faces of `found`; unfilled slots highlighted when
/// `mark_unfilled` (the profile's choice, as in the .docx).
pub fn pages_to_pdf(
    doc: &Document,
    pages: &[PlacedPage],
    found: &FoundFonts,
    mark_unfilled: bool,
) -> Result<Vec<u8>> {
    let mut faces = Vec::new();
    for f in found.all() {
        let font = Font::new(f.data.shared().into(), f.index).ok_or(Error::LayoutFailed {
            format: "PDF",
            why: format!("font {}", f.family),
        })?;
        let parsed =
            ttf_parser::Face::parse(&f.data, f.index).map_err(|_| Error::LayoutFailed {
                format: "PDF",
                why: format!("font {}", f.family),
            })?;
        faces.push(Drawn {
            face: f.face,
            font,
            parsed,
            bold_by_weight: f.weight >= 600,
        });
    }
    let mut pdf = krilla::Document::new();
    pdf.set_metadata(
        Metadata::new()
            .title(doc.title.clone())
            .authors(vec![author(doc)])
            .creator("讲稿工坊".into())
            .language("zh-CN".into()),
    );
    for page in pages {
        draw_page(&mut pdf, &faces, page, mark_unfilled)?;
    }
    pdf.finish().map_err(|e| Error::LayoutFailed {
        format: "PDF",
        why: format!("{e:?}"),
    })
}

/// The document laid out with `profile` and drawn with the faces of `found`.
pub fn to_pdf(doc: &Document, profile: &LayoutProfile, found: &FoundFonts) -> Result<Vec<u8>> {
    let pages = layout::lay_out(doc, profile, &found.metrics());
    pages_to_pdf(doc, &pages, found, profile.mark_unfilled)
}
