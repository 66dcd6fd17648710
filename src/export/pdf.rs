//! PDF export: the positioned pages of [`crate::layout`] written with `pdf-writer`, every
//! character where the layout put it (one `TJ` per run, the layout's advances as
//! adjustments), the faces embedded as subsets with a text layer (ToUnicode), so
//! `pdftotext` reads the speech in order. Title and author are set in the document
//! information. Bold in a face without a bold weight is drawn as the word processors do:
//! the glyph outlined by a thin stroke as well as filled.
//!
//! Written here rather than through a drawing library because an export is a whole
//! process the writer waits for: the font programs are made on their own threads, the
//! CID-keyed CFF faces (the Noto CJK stand-ins) from the glyph cache of
//! [`super::subset`], and every stream is deflated at the fast level.

use std::collections::{BTreeMap, HashMap};

use flate2::{Compress, Compression, FlushCompress, Status};
use pdf_writer::types::{CidFontType, FontFlags, SystemInfo, TextRenderingMode, UnicodeCmap};
use pdf_writer::{Content, Filter, Finish, Name, Pdf, Rect, Ref, Str, TextStr};

use super::subset::{self, FaceKey, GlyphCache, LastSubset};
use crate::assets::Fnv;
use crate::document::Document;
use crate::error::{Error, Result};
use crate::layout::fonts::{FoundFace, FoundFonts};
use crate::layout::{self, LayoutProfile, PlacedLine, PlacedPage, PlacedRun};

/// Highlight of an unfilled slot where the profile marks them (the .docx's yellow).
const HIGHLIGHT: [f32; 3] = [1.0, 1.0, 0.0];

/// Glyph widths in a CID font are given per 1000 units of the em.
const PDF_EM: f32 = 1000.0;

fn failed(why: impl Into<String>) -> Error {
    Error::LayoutFailed {
        format: "PDF",
        why: why.into(),
    }
}

/// Deflates stream after stream with one compressor (making one allocates and clears its
/// tables: a tenth of an export when every page made its own).
struct Deflater(Compress);

impl Deflater {
    fn new() -> Deflater {
        // The fast level: fonts deflate 6 % larger than at the default and five times
        // faster, and the font programs are most of an export's time.
        Deflater(Compress::new(Compression::fast(), true))
    }

    fn deflate(&mut self, data: &[u8]) -> Result<Vec<u8>> {
        self.0.reset();
        let mut out = Vec::with_capacity(data.len() / 2 + 64);
        loop {
            let done = usize::try_from(self.0.total_in()).unwrap_or(data.len());
            match self.0.compress_vec(
                data.get(done..).unwrap_or_default(),
                &mut out,
                FlushCompress::Finish,
            ) {
                Ok(Status::StreamEnd) => return Ok(out),
                // The output was full: room for as much again.
                Ok(_) => out.reserve(out.capacity().max(64)),
                Err(e) => return Err(failed(format!("deflate: {e}"))),
            }
        }
    }
}

/// One font file face embedded once, whichever roles (仿宋, 宋体 …) it stands for.
struct Embed<'a> {
    found: &'a FoundFace,
    parsed: ttf_parser::Face<'a>,
    /// The face's glyph ids in the subset, in the face's order (.notdef first, so the same
    /// characters make the same subset whatever order they come in): new glyph id (= CID)
    /// i is `order[i]`.
    order: Vec<u16>,
    /// New glyph id → its advance in PDF units.
    widths: Vec<f32>,
    /// New glyph id → the character it shows, for the text layer.
    text: BTreeMap<u16, char>,
}

/// A face as the runs are read: each character's glyph looked up once.
struct Finding<'a> {
    found: &'a FoundFace,
    parsed: ttf_parser::Face<'a>,
    /// Character of the basic plane → its glyph id (`u16::MAX`: not looked up yet).
    met: Vec<u16>,
    /// Glyph ids used → the first character shown with each.
    used: BTreeMap<u16, char>,
}

impl<'a> Finding<'a> {
    fn new(found: &'a FoundFace) -> Result<Finding<'a>> {
        let parsed = ttf_parser::Face::parse(&found.data, found.index)
            .map_err(|_| failed(format!("font {}", found.family)))?;
        Ok(Finding {
            found,
            parsed,
            met: vec![u16::MAX; 0x1_0000],
            used: BTreeMap::new(),
        })
    }

    /// The face's glyph id showing `c`, taken into the subset.
    fn glyph(&mut self, c: char) -> u16 {
        let bmp = usize::try_from(u32::from(c))
            .ok()
            .filter(|&i| i < self.met.len());
        if let Some(g) = bmp.map(|i| self.met[i]).filter(|&g| g != u16::MAX) {
            return g;
        }
        let g = self.parsed.glyph_index(c).map_or(0, |g| g.0);
        if let Some(i) = bmp {
            self.met[i] = g;
        }
        self.used.entry(g).or_insert(c);
        g
    }

    fn into_embed(self) -> Embed<'a> {
        let order: Vec<u16> = std::iter::once(0)
            .chain(self.used.keys().copied().filter(|&g| g != 0))
            .collect();
        let mut e = Embed {
            found: self.found,
            parsed: self.parsed,
            widths: Vec::with_capacity(order.len()),
            text: BTreeMap::new(),
            order,
        };
        e.widths = e.order.iter().map(|&g| e.width(g)).collect();
        e.text = e
            .order
            .iter()
            .enumerate()
            .skip(1)
            .filter_map(|(id, g)| Some((id as u16, *self.used.get(g)?)))
            .collect();
        e
    }
}

impl<'a> Embed<'a> {
    /// The new glyph id of the face's glyph `g` (one of the subset's).
    fn new_id(&self, g: u16) -> u16 {
        self.order.binary_search(&g).map_or(0, |i| i as u16)
    }

    /// Glyph advance in PDF units (1/1000 em) of an old glyph id.
    fn width(&self, old: u16) -> f32 {
        let upem = f32::from(self.parsed.units_per_em().max(1));
        let adv = self
            .parsed
            .glyph_hor_advance(ttf_parser::GlyphId(old))
            .unwrap_or(0);
        f32::from(adv) * PDF_EM / upem
    }

    fn is_cff(&self) -> bool {
        self.parsed.tables().cff.is_some()
    }

    /// The face's PostScript name, else its family without spaces.
    fn postscript_name(&self) -> String {
        let ps = self
            .parsed
            .names()
            .into_iter()
            .filter(|n| n.name_id == ttf_parser::name_id::POST_SCRIPT_NAME)
            .find_map(|n| n.to_string());
        let name = ps.unwrap_or_else(|| self.found.family.clone());
        name.chars()
            .filter(|c| c.is_ascii_graphic() && !"[](){}<>/%#".contains(*c))
            .collect()
    }

    /// Six capitals naming this subset (PDF's `ABCDEF+Name` for a subset font), from the
    /// glyphs it holds, so the same draft gives the same file.
    fn tag(&self) -> String {
        let mut fnv = Fnv::default();
        for g in &self.order {
            fnv.write_bytes(&g.to_le_bytes());
        }
        let h = fnv.0;
        (0..6)
            .map(|i| char::from(b'A' + ((h >> (i * 5)) % 26) as u8))
            .collect()
    }
}

/// A CFF face's subset from its glyph cache (CID-keyed, or name-keyed made CID-keyed);
/// `None` for a face it refuses (CFF2, seac accents …) or a font file the cache cannot
/// name, which `subsetter` then subsets whole.
fn cached_cff(e: &Embed) -> Option<Vec<u8>> {
    let key = FaceKey::of_file(e.found.path.as_deref()?, e.found.index)?;
    let mut cache = GlyphCache::open_default(&key);
    subset::cff_subset(&e.found.data, e.found.index, &e.order, Some(&mut cache)).ok()
}

/// The subset font program (a bare CFF for a CFF face, a TrueType font otherwise).
fn program(e: &Embed) -> Result<Vec<u8>> {
    if e.is_cff() {
        if let Some(cff) = cached_cff(e) {
            return Ok(cff);
        }
    }
    let mut remapper = subsetter::GlyphRemapper::new();
    for &g in &e.order {
        remapper.remap(g);
    }
    let subset = subsetter::subset(&e.found.data, e.found.index, &remapper)
        .map_err(|err| failed(format!("font {}: {err:?}", e.found.family)))?;
    if !e.is_cff() {
        return Ok(subset);
    }
    // PDF embeds the CFF program alone (FontFile3 /CIDFontType0C).
    let raw = ttf_parser::RawFace::parse(&subset, 0)
        .map_err(|_| failed(format!("font {}: subset", e.found.family)))?;
    raw.table(ttf_parser::Tag::from_bytes(b"CFF "))
        .map(<[u8]>::to_vec)
        .ok_or_else(|| failed(format!("font {}: subset without CFF", e.found.family)))
}

/// The font program as the PDF stores it: a TrueType font deflated (its outlines shrink by
/// a third), a CFF as it is — Type 2 charstrings are already compact, deflating saves
/// only a seventh of them at half the time of a whole export.
fn packed(e: &Embed, program: Vec<u8>) -> Result<Vec<u8>> {
    match e.is_cff() {
        true => Ok(program),
        false => Deflater::new().deflate(&program),
    }
}

/// Where the last subset of a TrueType face is kept (none for a CFF face, whose glyph
/// cache is quicker, or a font without a file).
fn last_subset(e: &Embed) -> Option<LastSubset> {
    if e.is_cff() {
        return None;
    }
    LastSubset::open_default(&FaceKey::of_file(e.found.path.as_deref()?, e.found.index)?)
}

/// A TrueType face's program made and kept as its last subset.
fn made_and_kept(e: &Embed, last: Option<&LastSubset>) -> Result<Vec<u8>> {
    let packed = packed(e, program(e)?)?;
    if let Some(last) = last {
        // A subset not kept is only made again next time.
        let _ = last.put(&e.order, &packed);
    }
    Ok(packed)
}

/// The runs' characters as new glyph ids of their embedded face, every face used
/// gathered once.
struct Glyphs<'a> {
    embeds: Vec<Embed<'a>>,
    /// Per page, per run in drawing order (lines, then the folio): embed index and glyphs.
    runs: Vec<Vec<(usize, Vec<u16>)>>,
}

fn page_runs(page: &PlacedPage) -> impl Iterator<Item = (&PlacedLine, &PlacedRun)> {
    page.lines
        .iter()
        .chain(std::iter::once(&page.folio))
        .flat_map(|l| l.runs.iter().map(move |r| (l, r)))
}

fn gather<'a>(pages: &[PlacedPage], found: &'a FoundFonts) -> Result<Glyphs<'a>> {
    let mut findings: Vec<Finding<'a>> = Vec::new();
    // Role → face index, filled as roles are met.
    let mut by_role: HashMap<layout::Face, usize> = HashMap::new();
    let mut runs = Vec::with_capacity(pages.len());
    for page in pages {
        let mut page_glyphs = Vec::new();
        for (_, run) in page_runs(page) {
            let e = match by_role.get(&run.face) {
                Some(&e) => e,
                None => {
                    let Some(f) = found
                        .all()
                        .iter()
                        .find(|f| f.face == run.face)
                        .or(found.all().first())
                    else {
                        return Err(failed("no font"));
                    };
                    let e = match findings
                        .iter()
                        .position(|e| e.found.data.same(&f.data) && e.found.index == f.index)
                    {
                        Some(e) => e,
                        None => {
                            findings.push(Finding::new(f)?);
                            findings.len() - 1
                        }
                    };
                    by_role.insert(run.face, e);
                    e
                }
            };
            let glyphs: Vec<u16> = run.text.chars().map(|c| findings[e].glyph(c)).collect();
            page_glyphs.push((e, glyphs));
        }
        runs.push(page_glyphs);
    }
    let embeds: Vec<Embed<'a>> = findings.into_iter().map(Finding::into_embed).collect();
    for (e, ids) in runs.iter_mut().flatten() {
        for id in ids.iter_mut() {
            *id = embeds[*e].new_id(*id);
        }
    }
    Ok(Glyphs { embeds, runs })
}

fn font_name(e: usize) -> String {
    format!("F{e}")
}

fn content(
    z: &mut Deflater,
    page: &PlacedPage,
    glyphs: &[(usize, Vec<u16>)],
    embeds: &[Embed],
    mark: bool,
) -> Result<Vec<u8>> {
    let mut c = Content::new();
    let y = |baseline: f32| page.height - baseline;
    if mark {
        for (line, run) in page_runs(page).filter(|(_, r)| r.unfilled) {
            let [r, g, b] = HIGHLIGHT;
            c.set_fill_rgb(r, g, b);
            let bottom = y(line.baseline) - run.size * 0.12;
            c.rect(run.x, bottom, run.width(), run.size);
            c.fill_nonzero();
        }
        c.set_fill_gray(0.0);
    }
    c.begin_text();
    let mut font: Option<(usize, f32)> = None;
    // Character spacing in force (the text state's starts at 0 with every page).
    let mut tc = 0.0;
    for ((line, run), (e, ids)) in page_runs(page).zip(glyphs) {
        if font != Some((*e, run.size)) {
            c.set_font(Name(font_name(*e).as_bytes()), run.size);
            font = Some((*e, run.size));
        }
        // A face bold by weight draws bold itself; otherwise bold is stroked.
        let stroke = run.bold && embeds[*e].found.weight < 600;
        if stroke {
            c.set_text_rendering_mode(TextRenderingMode::FillStroke);
            c.set_line_width(run.size * 0.03);
        }
        c.set_text_matrix([1.0, 0.0, 0.0, 1.0, run.x, y(line.baseline)]);
        show(&mut c, &mut tc, &embeds[*e], ids, run);
        if stroke {
            c.set_text_rendering_mode(TextRenderingMode::Fill);
        }
    }
    c.end_text();
    z.deflate(&c.finish())
}

/// One run shown: the glyphs, and where the layout's advance differs from a glyph's own
/// width (the profile's character spacing, justification, squeezed punctuation) the
/// difference, as character spacing (`Tc`) when the run's glyphs share one (most runs:
/// a line of Chinese at the grid's pitch), and per glyph in a `TJ` for the rest, so
/// readers place every glyph where we did.
fn show(c: &mut Content, tc: &mut f32, e: &Embed, ids: &[u16], run: &PlacedRun) {
    // Each glyph's adjustment in TJ units (thousandths of the size, positive = closer).
    let adjust: Vec<f32> = ids
        .iter()
        .zip(&run.advances)
        .map(|(id, adv)| e.widths[usize::from(*id)] - adv / run.size * PDF_EM)
        .collect();
    let base = most_common(&adjust);
    let spacing = -base / PDF_EM * run.size;
    if (spacing - *tc).abs() > 1e-4 {
        c.set_char_spacing(spacing);
        *tc = spacing;
    }
    let mut tj = c.show_positioned();
    let mut items = tj.items();
    let mut pending = Vec::with_capacity(ids.len() * 2);
    for (id, a) in ids.iter().zip(&adjust) {
        pending.extend_from_slice(&id.to_be_bytes());
        let rest = a - base;
        if rest.abs() > 0.01 {
            items.show(Str(&pending));
            items.adjust(rest);
            pending.clear();
        }
    }
    if !pending.is_empty() {
        items.show(Str(&pending));
    }
}

/// The value most of `xs` have (to a hundredth), the first of equals; 0 for none.
fn most_common(xs: &[f32]) -> f32 {
    let mut counts: Vec<(i32, usize, f32)> = Vec::new();
    for &x in xs {
        let key = (x * 100.0).round() as i32;
        match counts.iter_mut().find(|(k, _, _)| *k == key) {
            Some(c) => c.1 += 1,
            None => counts.push((key, 1, x)),
        }
    }
    // max_by_key keeps the last of equals; the first is wanted.
    counts
        .iter()
        .rev()
        .max_by_key(|(_, n, _)| *n)
        .map_or(0.0, |(_, _, x)| *x)
}

/// The author named in the file: the speaker, else the program.
fn author(doc: &Document) -> String {
    doc.speaker
        .clone()
        .filter(|s| !s.trim().is_empty())
        .unwrap_or_else(|| "讲稿工坊".into())
}

/// The references of one embedded font's objects.
struct FontRefs {
    type0: Ref,
    cid: Ref,
    descriptor: Ref,
    cmap: Ref,
    program: Ref,
}

fn write_font(
    pdf: &mut Pdf,
    z: &mut Deflater,
    e: &Embed,
    r: &FontRefs,
    program: &[u8],
) -> Result<()> {
    let cff = e.is_cff();
    let base = format!("{}+{}", e.tag(), e.postscript_name());
    let type0_name = if cff {
        format!("{base}-Identity-H")
    } else {
        base.clone()
    };
    pdf.type0_font(r.type0)
        .base_font(Name(type0_name.as_bytes()))
        .encoding_predefined(Name(b"Identity-H"))
        .descendant_font(r.cid)
        .to_unicode(r.cmap);
    let info = SystemInfo {
        registry: Str(b"Adobe"),
        ordering: Str(b"Identity"),
        supplement: 0,
    };
    let mut cid = pdf.cid_font(r.cid);
    cid.subtype(if cff {
        CidFontType::Type0
    } else {
        CidFontType::Type2
    })
    .base_font(Name(base.as_bytes()))
    .system_info(info)
    .font_descriptor(r.descriptor)
    .default_width(0.0);
    if !cff {
        cid.cid_to_gid_map_predefined(Name(b"Identity"));
    }
    cid.widths().consecutive(0, e.widths.iter().copied());
    cid.finish();

    let upem = f32::from(e.parsed.units_per_em().max(1));
    let units = |v: i16| f32::from(v) * PDF_EM / upem;
    let bb = e.parsed.global_bounding_box();
    let mut flags = FontFlags::SYMBOLIC;
    flags.set(
        FontFlags::SERIF,
        base.contains("Serif") || base.contains("Song"),
    );
    let mut d = pdf.font_descriptor(r.descriptor);
    d.name(Name(base.as_bytes()))
        .flags(flags)
        .bbox(Rect::new(
            units(bb.x_min),
            units(bb.y_min),
            units(bb.x_max),
            units(bb.y_max),
        ))
        .italic_angle(e.parsed.italic_angle())
        .ascent(units(e.parsed.ascender()))
        .descent(units(e.parsed.descender()))
        .cap_height(units(
            e.parsed.capital_height().unwrap_or(e.parsed.ascender()),
        ))
        .stem_v(10.0 + 0.244 * (f32::from(e.found.weight) / 10.0 - 50.0));
    if cff {
        d.font_file3(r.program);
    } else {
        d.font_file2(r.program);
    }
    d.finish();

    let mut cmap = UnicodeCmap::new(Name(b"Custom"), info);
    for (&id, &c) in &e.text {
        cmap.pair(id, c);
    }
    let cmap = z.deflate(&cmap.finish())?;
    pdf.cmap(r.cmap, &cmap).filter(Filter::FlateDecode);

    let mut s = pdf.stream(r.program, program);
    match cff {
        true => s.pair(Name(b"Subtype"), Name(b"CIDFontType0C")),
        false => s.filter(Filter::FlateDecode),
    };
    s.finish();
    Ok(())
}

/// Draws `pages` into a PDF with the faces of `found`; unfilled slots highlighted when
/// `mark_unfilled` (the profile's choice, as in the .docx).
pub fn pages_to_pdf(
    doc: &Document,
    pages: &[PlacedPage],
    found: &FoundFonts,
    mark_unfilled: bool,
) -> Result<Vec<u8>> {
    let Glyphs { embeds, runs } = gather(pages, found)?;
    let mut z = Deflater::new();
    let lasts: Vec<Option<LastSubset>> = embeds.iter().map(last_subset).collect();
    let kept: Vec<Option<Vec<u8>>> = embeds
        .iter()
        .zip(&lasts)
        .map(|(e, last)| last.as_ref()?.get(&e.order))
        .collect();
    // TrueType faces not kept are subset by `subsetter` (a millisecond or so each): on
    // their own threads while the pages are written. CFF faces come from the glyph cache
    // in a fraction of that, after the pages, on this thread.
    let (programs, contents) = std::thread::scope(|s| {
        let jobs: Vec<_> = embeds
            .iter()
            .zip(&lasts)
            .zip(&kept)
            .map(|((e, last), kept)| {
                (!e.is_cff() && kept.is_none())
                    .then(|| s.spawn(move || made_and_kept(e, last.as_ref())))
            })
            .collect();
        let contents: Result<Vec<Vec<u8>>> = pages
            .iter()
            .zip(&runs)
            .map(|(p, g)| content(&mut z, p, g, &embeds, mark_unfilled))
            .collect();
        let programs: Vec<Result<Vec<u8>>> = jobs
            .into_iter()
            .zip(&embeds)
            .zip(kept)
            .map(|((job, e), kept)| match (job, kept) {
                (Some(j), _) => j.join().unwrap_or_else(|p| std::panic::resume_unwind(p)),
                (None, Some(kept)) => Ok(kept),
                (None, None) => packed(e, program(e)?),
            })
            .collect();
        (programs, contents)
    });
    let contents = contents?;
    let programs = programs.into_iter().collect::<Result<Vec<_>>>()?;

    let mut next = Ref::new(1);
    let catalog = next.bump();
    let tree = next.bump();
    let info = next.bump();
    let fonts: Vec<FontRefs> = embeds
        .iter()
        .map(|_| FontRefs {
            type0: next.bump(),
            cid: next.bump(),
            descriptor: next.bump(),
            cmap: next.bump(),
            program: next.bump(),
        })
        .collect();
    let page_refs: Vec<(Ref, Ref)> = pages.iter().map(|_| (next.bump(), next.bump())).collect();

    // Room for everything at once: a growing buffer is copied, page by fresh page.
    let streams: usize = contents.iter().chain(&programs).map(Vec::len).sum();
    let mut pdf = Pdf::with_capacity(streams + 64 * 1024 + 512 * pages.len());
    let mut cat = pdf.catalog(catalog);
    cat.pages(tree).lang(TextStr("zh-CN"));
    cat.viewer_preferences().display_doc_title(true);
    cat.finish();
    pdf.pages(tree)
        .kids(page_refs.iter().map(|(p, _)| *p))
        .count(pages.len() as i32);
    for ((page, (id, content_id)), data) in pages.iter().zip(&page_refs).zip(&contents) {
        let mut p = pdf.page(*id);
        p.media_box(Rect::new(0.0, 0.0, page.width, page.height))
            .parent(tree)
            .contents(*content_id);
        let mut res = p.resources();
        let mut f = res.fonts();
        for (i, r) in fonts.iter().enumerate() {
            f.pair(Name(font_name(i).as_bytes()), r.type0);
        }
        f.finish();
        res.finish();
        p.finish();
        pdf.stream(*content_id, data).filter(Filter::FlateDecode);
    }
    for ((e, r), program) in embeds.iter().zip(&fonts).zip(programs) {
        write_font(&mut pdf, &mut z, e, r, &program)?;
    }
    pdf.document_info(info)
        .title(TextStr(&doc.title))
        .author(TextStr(&author(doc)))
        .creator(TextStr("讲稿工坊"))
        .producer(TextStr("讲稿工坊 (pdf-writer)"));
    Ok(pdf.finish())
}

/// The document laid out with `profile` and drawn with the faces of `found`.
pub fn to_pdf(doc: &Document, profile: &LayoutProfile, found: &FoundFonts) -> Result<Vec<u8>> {
    let pages = layout::lay_out(doc, profile, &found.metrics());
    pages_to_pdf(doc, &pages, found, profile.mark_unfilled)
}
