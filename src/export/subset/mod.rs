//! Font subsets for the PDF: a bare CID-keyed CFF (PDF's `FontFile3 /CIDFontType0C`) made
//! from a glyph cache, so an export costs the characters never exported before rather than
//! the whole draft. Desubroutinizing charstrings is nearly all of a subset's cost
//! (`subsetter` takes ~11 ms for 1,000 CJK glyphs, over 1 ms for one: it parses the whole
//! font first); a cached glyph is copied, a new one desubroutinized alone (`charstring`).
//!
//! A name-keyed CFF (URW's base fonts; the Fandol faces are CID-keyed) becomes a CID-keyed
//! subset as `subsetter` makes it: its Private DICT the one Font DICT, every glyph in FD 0.
//! `cff_subset` answers an error for a face it cannot subset (TrueType outlines, CFF2, a
//! glyph built with `seac`, damaged bytes): the caller then subsets with `subsetter`.

mod cache;
mod cff;
mod charstring;
mod last;

pub use cache::{FaceKey, GlyphCache};
pub use last::LastSubset;

use crate::error::{Error, Result};
use cache::Glyph;
use cff::Font;

fn failed(why: impl Into<String>) -> Error {
    Error::LayoutFailed {
        format: "PDF",
        why: why.into(),
    }
}

/// The `CFF ` table of face `index` of the font file `data`.
fn cff_table(data: &[u8], index: u32) -> Result<&[u8]> {
    let face = ttf_parser::RawFace::parse(data, index).map_err(|_| failed("not a font"))?;
    face.table(ttf_parser::Tag::from_bytes(b"CFF "))
        .ok_or_else(|| failed("no CFF outlines"))
}

/// A CID-keyed bare CFF (the `CFF ` table alone, as PDF's FontFile3/CIDFontType0C wants
/// it) holding `gids` — old glyph ids of face `index` of `data`, `gids[0] == 0` (.notdef),
/// no duplicates — in that order: new glyph i is `gids[i]`, with CID i (identity
/// charset), each glyph in the Font DICT it had in the original (only the used ones, in
/// their original order), so its widths and hinting values stay right. A name-keyed
/// face's glyphs are all in FD 0, its Private DICT, with the face's FontMatrix in the Top
/// DICT and the identity in FD 0.
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
    subset_table(cff_table(data, index)?, gids, cache)
}

/// `cff_subset` of a `CFF ` table.
fn subset_table(table: &[u8], gids: &[u16], cache: Option<&mut GlyphCache>) -> Result<Vec<u8>> {
    let font = Font::parse(table).map_err(failed)?;
    check_gids(gids, font.char_strings.len())?;
    let mut scratch;
    let cache = match cache {
        Some(c) => c,
        None => {
            scratch = GlyphCache::scratch();
            &mut scratch
        }
    };
    let fds = font.fd_count();
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
        .map(|&g| glyph(g).map(|c| (c.charstring, renumbered[usize::from(c.fd)])))
        .collect::<Result<Vec<_>>>()?;
    let subset = cff::Subset {
        name: font.name,
        bbox: font.top_raw(cff::OP_FONT_BBOX),
        matrix: font.top_matrix(),
        glyphs,
        font_dicts,
    };
    Ok(subset.write())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Bytes changed at random in the parts of a CFF a subset reads (header and Top DICT,
    /// FDSelect, Font and Private DICTs, local subroutines, the glyphs' charstrings): an
    /// error or a subset, never a panic, an endless loop or an overflow. Noto Serif CJK
    /// (CID-keyed) and Nimbus Roman (name-keyed).
    #[test]
    fn damaged_tables_give_errors_not_panics() {
        let noto: Vec<u16> = [0].into_iter().chain((1..60_000).step_by(2_000)).collect();
        let nimbus: Vec<u16> = [0].into_iter().chain((1..855).step_by(20)).collect();
        for (path, gids) in [
            (
                "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
                noto,
            ),
            (
                "/usr/share/fonts/opentype/urw-base35/NimbusRoman-Regular.otf",
                nimbus,
            ),
        ] {
            let Ok(data) = std::fs::read(path) else {
                assert!(std::env::var("JIANGGAO_REQUIRE_READERS").as_deref() != Ok("1"));
                eprintln!("note: {path} not found; skipping");
                continue;
            };
            damage(cff_table(&data, 0).unwrap().to_vec(), &gids);
        }
    }

    fn damage(mut table: Vec<u8>, gids: &[u16]) {
        let reference = subset_table(&table, gids, None).unwrap();
        let regions = {
            let font = Font::parse(&table).unwrap();
            let at = |s: &[u8], len: usize| {
                let start = s.as_ptr() as usize - table.as_ptr() as usize;
                start..start + len.min(table.len() - start)
            };
            let mut r: Vec<_> = std::iter::once(0..4096).collect();
            if !font.fd_select.is_empty() {
                r.push(at(font.fd_select, 4096));
            }
            for fd in 0..font.font_dicts.len() {
                r.push(at(font.font_dicts.get(fd).unwrap(), 64));
            }
            // A name-keyed font's Private DICT and the local subroutines after it.
            if let (true, Some((private, _))) = (font.font_dicts.len() == 0, font.private(0)) {
                r.push(at(private, 4096));
            }
            for &g in gids {
                let cs = font.char_strings.get(usize::from(g)).unwrap();
                r.push(at(cs, cs.len()));
            }
            r
        };
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = move |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        let mut results = [0, 0];
        for _ in 0..3000 {
            let changes: Vec<(usize, u8)> = (0..1 + next(3))
                .map(|_| {
                    let region = &regions[next(regions.len())];
                    let at = region.start + next(region.len().max(1));
                    (at, table[at])
                })
                .collect();
            for &(at, _) in &changes {
                table[at] = next(256) as u8;
            }
            results[usize::from(subset_table(&table, gids, None).is_ok())] += 1;
            for &(at, was) in changes.iter().rev() {
                table[at] = was;
            }
        }
        assert_eq!(subset_table(&table, gids, None).unwrap(), reference);
        assert!(results[0] > 100 && results[1] > 100, "{results:?}");
    }
}
