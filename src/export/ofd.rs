//! OFD export (GB/T 33190-2016, the format of China's electronic official documents):
//! the positioned pages of [`crate::layout`] as a package of `OFD.xml`,
//! `Doc_0/Document.xml`, `Doc_0/PublicRes.xml` with the faces embedded as subsets
//! (`Doc_0/Res/font_N.otf`), and one `Doc_0/Pages/Page_N/Content.xml` per page: a
//! `TextObject` per run, its `TextCode` with the position of the first character and
//! `DeltaX` for the others, so a reader places every character where the layout did.
//! Lengths are millimetres from the top left corner, as the standard has them.
//!
//! The subsets come from `subsetter`, which leaves out `cmap` (it is made for PDF); OFD
//! readers map text to glyphs through the font's `cmap`, so one is written back in
//! (format 12, the new glyph ids).

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::Write as _;

use crate::document::Document;
use crate::error::{Error, Result};
use crate::layout::fonts::{FoundFace, FoundFonts};
use crate::layout::{self, Face, LayoutProfile, PlacedPage, PlacedRun};

const NS: &str = "http://www.ofdspec.org/2016";
const DECL: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";

fn failed(why: impl Into<String>) -> Error {
    Error::LayoutFailed {
        format: "OFD",
        why: why.into(),
    }
}

/// Points to millimetres, rounded to a hundredth (what readers resolve).
fn mm(pt: f32) -> String {
    let v = (pt * 25.4 / 72.0 * 100.0).round() / 100.0;
    format!("{v}")
}

fn escape(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c if c == '\t' || c == '\n' || c == '\r' || !c.is_control() => out.push(c),
            _ => {}
        }
    }
}

/// One embedded font: the faces drawn with it and the characters they use.
struct Embedded<'a> {
    id: usize,
    found: &'a FoundFace,
    faces: Vec<Face>,
    chars: BTreeMap<char, u16>,
}

/// The fonts to embed, one per distinct file and face index, with every character used.
fn embedded<'a>(pages: &[PlacedPage], found: &'a FoundFonts) -> Vec<Embedded<'a>> {
    let mut out: Vec<Embedded> = Vec::new();
    for face in Face::ALL {
        let f = found.get(face);
        let same = |e: &&mut Embedded| e.found.data.same(&f.data) && e.found.index == f.index;
        match out.iter_mut().find(|e| same(e)) {
            Some(e) => e.faces.push(face),
            None => {
                let id = out.len() + 1;
                out.push(Embedded {
                    id,
                    found: f,
                    faces: vec![face],
                    chars: BTreeMap::new(),
                })
            }
        }
    }
    for run in pages
        .iter()
        .flat_map(|p| p.lines.iter().chain([&p.folio]))
        .flat_map(|l| &l.runs)
    {
        if let Some(e) = out.iter_mut().find(|e| e.faces.contains(&run.face)) {
            e.chars.extend(run.text.chars().map(|c| (c, 0)));
        }
    }
    out.retain(|e| !e.chars.is_empty());
    out
}

/// The subset of an embedded font with a `cmap` for the characters it holds.
fn subset_font(e: &mut Embedded) -> Result<Vec<u8>> {
    let face = ttf_parser::Face::parse(&e.found.data, e.found.index)
        .map_err(|_| failed(format!("font {}", e.found.family)))?;
    let mut remapper = subsetter::GlyphRemapper::new();
    for (c, new) in e.chars.iter_mut() {
        let old = face.glyph_index(*c).map_or(0, |g| g.0);
        *new = remapper.remap(old);
    }
    let subset = subsetter::subset(&e.found.data, e.found.index, &remapper)
        .map_err(|err| failed(format!("font {}: {err:?}", e.found.family)))?;
    with_table(&subset, *b"cmap", &cmap(&e.chars))
        .ok_or_else(|| failed(format!("font {}", e.found.family)))
}

/// A `cmap` table with one format 12 subtable (Windows, full Unicode).
fn cmap(chars: &BTreeMap<char, u16>) -> Vec<u8> {
    let groups: Vec<(u32, u32)> = chars
        .iter()
        .map(|(c, g)| (*c as u32, u32::from(*g)))
        .collect();
    let mut t = Vec::new();
    t.extend(0u16.to_be_bytes()); // version
    t.extend(1u16.to_be_bytes()); // one subtable
    t.extend(3u16.to_be_bytes()); // Windows
    t.extend(10u16.to_be_bytes()); // UCS-4
    t.extend(12u32.to_be_bytes()); // offset of the subtable
    let len = 16 + 12 * groups.len() as u32;
    t.extend(12u16.to_be_bytes());
    t.extend(0u16.to_be_bytes());
    t.extend(len.to_be_bytes());
    t.extend(0u32.to_be_bytes()); // language
    t.extend((groups.len() as u32).to_be_bytes());
    for (c, g) in groups {
        t.extend(c.to_be_bytes());
        t.extend(c.to_be_bytes());
        t.extend(g.to_be_bytes());
    }
    t
}

fn checksum(data: &[u8]) -> u32 {
    data.chunks(4).fold(0u32, |sum, c| {
        let mut w = [0u8; 4];
        w[..c.len()].copy_from_slice(c);
        sum.wrapping_add(u32::from_be_bytes(w))
    })
}

/// An sfnt font with `table` added (or replaced): the table directory written anew.
fn with_table(font: &[u8], tag: [u8; 4], table: &[u8]) -> Option<Vec<u8>> {
    let be16 = |at: usize| Some(u16::from_be_bytes(font.get(at..at + 2)?.try_into().ok()?));
    let be32 = |at: usize| Some(u32::from_be_bytes(font.get(at..at + 4)?.try_into().ok()?));
    let count = usize::from(be16(4)?);
    let mut tables: Vec<([u8; 4], &[u8])> = Vec::with_capacity(count + 1);
    for i in 0..count {
        let rec = 12 + 16 * i;
        let t: [u8; 4] = font.get(rec..rec + 4)?.try_into().ok()?;
        let (off, len) = (be32(rec + 8)? as usize, be32(rec + 12)? as usize);
        if t != tag {
            tables.push((t, font.get(off..off + len)?));
        }
    }
    tables.push((tag, table));
    tables.sort_by_key(|(t, _)| *t);
    let n = tables.len() as u16;
    let log = 15 - n.leading_zeros() as u16;
    let range = (1u16 << log) * 16;
    let mut out = Vec::new();
    out.extend(font.get(0..4)?);
    for v in [n, range, log, n * 16 - range] {
        out.extend(v.to_be_bytes());
    }
    let mut offset = 12 + 16 * tables.len();
    for (t, data) in &tables {
        out.extend(t);
        out.extend(checksum(data).to_be_bytes());
        out.extend((offset as u32).to_be_bytes());
        out.extend((data.len() as u32).to_be_bytes());
        offset += data.len().div_ceil(4) * 4;
    }
    for (_, data) in &tables {
        out.extend(*data);
        out.resize(out.len().div_ceil(4) * 4, 0);
    }
    Some(out)
}

/// One run as a TextObject: its box, font and size, and a TextCode with DeltaX.
fn text_object(out: &mut String, id: usize, font: usize, run: &PlacedRun, baseline: f32) {
    let top = baseline - run.size;
    let _ = write!(
        out,
        "<ofd:TextObject ID=\"{id}\" Boundary=\"{} {} {} {}\" Font=\"{font}\" Size=\"{}\"{}>\
         <ofd:TextCode X=\"0\" Y=\"{}\"",
        mm(run.x),
        mm(top),
        mm(run.width().max(run.size)),
        mm(run.size * 1.5),
        mm(run.size),
        if run.bold { " Weight=\"700\"" } else { "" },
        mm(run.size)
    );
    if run.advances.len() > 1 {
        out.push_str(" DeltaX=\"");
        let last = run.advances.len() - 1;
        for (i, a) in run.advances[..last].iter().enumerate() {
            if i > 0 {
                out.push(' ');
            }
            out.push_str(&mm(*a));
        }
        out.push('"');
    }
    out.push('>');
    escape(&run.text, out);
    out.push_str("</ofd:TextCode></ofd:TextObject>");
}

/// The Content.xml of a page; `next` is the next free object ID.
fn content(page: &PlacedPage, fonts: &[Embedded], next: &mut usize) -> String {
    let mut out =
        format!("{DECL}<ofd:Page xmlns:ofd=\"{NS}\"><ofd:Content><ofd:Layer ID=\"{next}\">");
    *next += 1;
    for line in page.lines.iter().chain([&page.folio]) {
        for run in &line.runs {
            let Some(font) = fonts.iter().find(|e| e.faces.contains(&run.face)) else {
                continue;
            };
            text_object(&mut out, *next, font.id, run, line.baseline);
            *next += 1;
        }
    }
    out.push_str("</ofd:Layer></ofd:Content></ofd:Page>");
    out
}

fn ofd_xml(doc: &Document) -> String {
    let mut info = String::new();
    info.push_str("<ofd:Title>");
    escape(&doc.title, &mut info);
    info.push_str("</ofd:Title><ofd:Author>");
    escape(doc.speaker.as_deref().unwrap_or("讲稿工坊"), &mut info);
    info.push_str("</ofd:Author><ofd:Creator>讲稿工坊</ofd:Creator>");
    format!(
        "{DECL}<ofd:OFD xmlns:ofd=\"{NS}\" Version=\"1.0\" DocType=\"OFD\"><ofd:DocBody>\
         <ofd:DocInfo><ofd:DocID>{}</ofd:DocID>{info}</ofd:DocInfo>\
         <ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>",
        crate::assets::Fnv::hash(&[&doc.title])
    )
}

fn public_res(fonts: &[Embedded]) -> String {
    let mut out = format!("{DECL}<ofd:Res xmlns:ofd=\"{NS}\" BaseLoc=\"Res\"><ofd:Fonts>");
    for f in fonts {
        out.push_str(&format!("<ofd:Font ID=\"{}\" FontName=\"", f.id));
        escape(&f.found.family, &mut out);
        out.push_str("\" FamilyName=\"");
        escape(&f.found.family, &mut out);
        out.push_str(&format!(
            "\"><ofd:FontFile>font_{}.otf</ofd:FontFile></ofd:Font>",
            f.id
        ));
    }
    out.push_str("</ofd:Fonts></ofd:Res>");
    out
}

fn document_xml(pages: &[PlacedPage], page_ids: &[usize], max_id: usize) -> String {
    let (w, h) = pages
        .first()
        .map_or((595.3, 841.9), |p| (p.width, p.height));
    let mut out = format!(
        "{DECL}<ofd:Document xmlns:ofd=\"{NS}\"><ofd:CommonData><ofd:MaxUnitID>{max_id}</ofd:MaxUnitID>\
         <ofd:PageArea><ofd:PhysicalBox>0 0 {} {}</ofd:PhysicalBox></ofd:PageArea>\
         <ofd:PublicRes>PublicRes.xml</ofd:PublicRes></ofd:CommonData><ofd:Pages>",
        mm(w),
        mm(h)
    );
    for (i, id) in page_ids.iter().enumerate() {
        out.push_str(&format!(
            "<ofd:Page ID=\"{id}\" BaseLoc=\"Pages/Page_{i}/Content.xml\"/>"
        ));
    }
    out.push_str("</ofd:Pages></ofd:Document>");
    out
}

fn zip(parts: Vec<(String, Vec<u8>)>) -> Result<Vec<u8>> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    for (name, data) in parts {
        zip.start_file(name, opts)
            .map_err(|e| failed(e.to_string()))?;
        zip.write_all(&data).map_err(|e| failed(e.to_string()))?;
    }
    let cursor = zip.finish().map_err(|e| failed(e.to_string()))?;
    Ok(cursor.into_inner())
}

/// Positioned pages as an OFD package drawn with the faces of `found`.
pub fn pages_to_ofd(doc: &Document, pages: &[PlacedPage], found: &FoundFonts) -> Result<Vec<u8>> {
    let mut fonts = embedded(pages, found);
    let mut parts: Vec<(String, Vec<u8>)> = vec![("OFD.xml".into(), ofd_xml(doc).into_bytes())];
    let mut files = Vec::new();
    for f in fonts.iter_mut() {
        files.push((format!("Doc_0/Res/font_{}.otf", f.id), subset_font(f)?));
    }
    let mut next = fonts.len() + 1;
    let page_ids: Vec<usize> = pages
        .iter()
        .map(|_| {
            next += 1;
            next - 1
        })
        .collect();
    let mut contents = Vec::new();
    for (i, page) in pages.iter().enumerate() {
        let c = content(page, &fonts, &mut next);
        contents.push((format!("Doc_0/Pages/Page_{i}/Content.xml"), c.into_bytes()));
    }
    parts.push((
        "Doc_0/Document.xml".into(),
        document_xml(pages, &page_ids, next - 1).into_bytes(),
    ));
    parts.push((
        "Doc_0/PublicRes.xml".into(),
        public_res(&fonts).into_bytes(),
    ));
    parts.extend(files);
    parts.extend(contents);
    zip(parts)
}

/// The document laid out with `profile` as an OFD package.
pub fn to_ofd(doc: &Document, profile: &LayoutProfile, found: &FoundFonts) -> Result<Vec<u8>> {
    let pages = layout::lay_out(doc, profile, &found.metrics());
    pages_to_ofd(doc, &pages, found)
}
