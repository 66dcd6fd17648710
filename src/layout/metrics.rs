//! How wide a character is. One model with two sources: the grid of GB/T 9704 (every
//! full-width character one cell, half-width glyphs half a cell) and the real fonts a PDF
//! or OFD embeds (full-width characters still one cell, as the standard's grid and the
//! word processors set them; half-width glyphs as wide as the Latin face draws them).

use serde::Serialize;

/// Which face of the font set a piece of text is set in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Face {
    /// 仿宋: body text, 3rd and 4th level headings, the greeting.
    Fang,
    /// 楷体: speaker and date lines, 2nd level headings.
    Kai,
    /// 黑体: 1st level headings.
    Hei,
    /// 宋体: page numbers.
    Song,
    /// 小标宋: the title.
    Title,
    /// Digits and Latin letters beside Chinese text (Times New Roman in the .docx).
    Latin,
}

impl Face {
    pub const ALL: [Face; 6] = [
        Face::Fang,
        Face::Kai,
        Face::Hei,
        Face::Song,
        Face::Title,
        Face::Latin,
    ];
}

/// A full-width character: one cell of the grid.
pub fn is_full_width(c: char) -> bool {
    crate::stats::is_wide(c)
}

/// Widths of the printable ASCII characters (0x20–0x7E) in ems, one table per face.
#[derive(Debug, Clone, PartialEq)]
pub struct Metrics {
    ascii: [f32; 95],
}

impl Default for Metrics {
    fn default() -> Self {
        Metrics::grid()
    }
}

impl Metrics {
    /// The grid: every half-width glyph half a cell (the preview's model, and what a
    /// monospaced Latin face inside a CJK font gives).
    pub fn grid() -> Metrics {
        Metrics { ascii: [0.5; 95] }
    }

    /// Half-width glyphs measured in a real font (`ttf-parser`); characters the font
    /// lacks keep half a cell. `None` when the data is not a font.
    pub fn from_font(data: &[u8], index: u32) -> Option<Metrics> {
        let face = ttf_parser::Face::parse(data, index).ok()?;
        let upem = f32::from(face.units_per_em().max(1));
        let mut ascii = [0.5; 95];
        for (i, slot) in ascii.iter_mut().enumerate() {
            let c = char::from(0x20 + i as u8);
            if let Some(adv) = face.glyph_index(c).and_then(|g| face.glyph_hor_advance(g)) {
                *slot = f32::from(adv) / upem;
            }
        }
        Some(Metrics { ascii })
    }

    /// Width of `c` in ems of its size.
    pub fn em(&self, c: char) -> f32 {
        if is_full_width(c) {
            1.0
        } else if (' '..='~').contains(&c) {
            self.ascii[c as usize - 0x20]
        } else {
            0.5
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_grid_gives_full_and_half_cells() {
        let m = Metrics::grid();
        assert_eq!(m.em('中'), 1.0);
        assert_eq!(m.em('，'), 1.0);
        assert_eq!(m.em('“'), 1.0);
        assert_eq!(m.em('2'), 0.5);
        assert_eq!(m.em('W'), 0.5);
    }

    #[test]
    fn a_font_that_is_not_a_font_gives_none() {
        assert!(Metrics::from_font(b"not a font", 0).is_none());
    }
}
