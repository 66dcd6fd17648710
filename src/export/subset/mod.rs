//! Font subsets for the PDF: a bare CID-keyed CFF (PDF's `FontFile3 /CIDFontType0C`) made
//! from a glyph cache, so an export costs the characters never exported before rather than
//! the whole draft. Desubroutinizing charstrings is nearly all of a subset's cost
//! (`subsetter` takes ~11 ms for 1,000 CJK glyphs, over 1 ms for one: it parses the whole
//! font first); a cached glyph is copied, a new one desubroutinized alone (`charstring`).
//!
//! `cff_subset` answers an error for a face that is not CID-keyed CFF (TrueType outlines,
//! a name-keyed CFF, damaged bytes): the caller then subsets with `subsetter` itself.

mod cache;
mod cff;
mod charstring;

pub use cache::{FaceKey, GlyphCache};

use crate::error::{Error, Result};
use cache::Glyph;
use cff::Font;

fn failed(why: impl Into<String>) -> Error {
    Error::LayoutFailed {
        format: "PDF",
        why: why.into(),
    }
}

/// The `CFF ` table of face `index` of the font file `data`, parsed.
fn cff_of(data: &[u8], index: u32) -> Result<Font<'_>> {
    let face = ttf_parser::RawFace::parse(data, index).map_err(|_| failed("not a font"))?;
    let table = face
        .table(ttf_parser::Tag::from_bytes(b"CFF "))
        .ok_or_else(|| failed("no CFF outlines"))?;
    Font::parse(table).map_err(failed)
}

/// A CID-keyed bare CFF (the `CFF ` table alone, as PDF's FontFile3/CIDFontType0C wants
/// it) holding `gids` — old glyph ids of face `index` of `data`, `gids[0] == 0` (.notdef),
/// no duplicates — in that order: new glyph i is `gids[i]`, with CID i (identity
/// charset), each glyph in the Font DICT it had in the original (only the used ones, in
/// their original order), so its widths and hinting values stay right.
///
/// Glyphs found in `cache` are copied; the others are desubroutinized and added to it, and
/// the cache is saved (a cache that cannot be written is only slower next time). Without a
/// cache every glyph is desubroutinized. The output depends only on the font and `gids`.
pub fn cff_subset(
    data: &[u8],
    index: u32,
    gids: &[u16],
    cache: Option<&mut GlyphCache>,
) -> Result<Vec<u8>> {
    let font = cff_of(data, index)?;
    check_gids(gids, font.char_strings.len())?;
    let mut scratch;
    let cache = match cache {
        Some(c) => c,
        None => {
            scratch = GlyphCache::scratch();
            &mut scratch
        }
    };
    let fds = font.font_dicts.len();
    let missing: Vec<u16> = gids
        .iter()
        .copied()
        .filter(|&g| cache.get(g).is_none_or(|c| usize::from(c.fd) >= fds))
        .collect();
    if !missing.is_empty() {
        for (gid, glyph) in desubroutinize(&font, &missing)? {
            cache.insert(gid, glyph);
        }
        cache.save();
    }
    assemble(&font, gids, cache)
}

fn check_gids(gids: &[u16], glyph_count: usize) -> Result<()> {
    if gids.first() != Some(&0) {
        return Err(failed("the subset's first glyph must be .notdef (0)"));
    }
    let mut seen = vec![false; glyph_count];
    for &g in gids {
        match seen.get_mut(usize::from(g)) {
            None => return Err(failed(format!("glyph {g} is not in the font"))),
            Some(true) => return Err(failed(format!("glyph {g} is listed twice"))),
            Some(s) => *s = true,
        }
    }
    Ok(())
}

/// The charstrings of `missing` without subroutine calls, each with its FD.
fn desubroutinize(font: &Font<'_>, missing: &[u16]) -> Result<Vec<(u16, Glyph)>> {
    let mut locals = std::collections::HashMap::new();
    let failed_at = |g: u16, why: &str| failed(format!("glyph {g}: {why}"));
    missing
        .iter()
        .map(|&g| {
            let fd = font.fd_of(g).ok_or_else(|| failed_at(g, "no font DICT"))?;
            if let std::collections::hash_map::Entry::Vacant(e) = locals.entry(fd) {
                e.insert(font.local_subrs(fd).map_err(|w| failed_at(g, w))?);
            }
            let program = font
                .char_strings
                .get(usize::from(g))
                .ok_or_else(|| failed_at(g, "no charstring"))?;
            let mut charstring = Vec::with_capacity(program.len() * 4);
            let local = locals.get(&fd).and_then(Option::as_ref);
            charstring::desubroutinize(program, &font.global_subrs, local, &mut charstring)
                .map_err(|w| failed_at(g, w))?;
            Ok((g, Glyph { fd, charstring }))
        })
        .collect()
}

/// The subset's CFF from the cached charstrings, with the used FDs renumbered.
fn assemble(font: &Font<'_>, gids: &[u16], cache: &GlyphCache) -> Result<Vec<u8>> {
    let glyph = |g: u16| {
        cache
            .get(g)
            .ok_or_else(|| failed(format!("glyph {g} not cached")))
    };
    let mut used = [false; 256];
    for &g in gids {
        used[usize::from(glyph(g)?.fd)] = true;
    }
    let mut renumbered = [0u8; 256];
    let mut font_dicts = Vec::new();
    for fd in (0..=255u8).filter(|&fd| used[usize::from(fd)]) {
        renumbered[usize::from(fd)] = font_dicts.len() as u8;
        let dict = font
            .font_dict(fd)
            .ok_or_else(|| failed(format!("font DICT {fd} is damaged")))?;
        font_dicts.push(dict);
    }
    let glyphs = gids
        .iter()
        .map(|&g| glyph(g).map(|c| (c.charstring.as_slice(), renumbered[usize::from(c.fd)])))
        .collect::<Result<Vec<_>>>()?;
    let subset = cff::Subset {
        name: font.name,
        bbox: font.top_raw(cff::OP_FONT_BBOX),
        matrix: font.top_raw(cff::OP_FONT_MATRIX),
        glyphs,
        font_dicts,
    };
    Ok(subset.write())
}
