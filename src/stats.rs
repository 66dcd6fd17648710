//! 字数 and speaking time. Characters are counted the way Word and WPS count 字数:
//! each CJK character or full-width punctuation mark is 1, and each run of other
//! non-space characters (a Latin word, a number like 12.5%) is 1.

use serde::Serialize;

use crate::document::Document;

/// The usual speaking rate of a leader reading a speech, characters per minute.
pub const DEFAULT_RATE: u32 = 220;

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Stats {
    /// 字数 of the whole document: title, head lines, numbers, leads and text.
    pub chars: usize,
    /// Speaking time in minutes at `rate`, one decimal.
    pub minutes: f64,
    pub rate: u32,
    /// Paragraphs in the outline (headings, items, paragraphs).
    pub paragraphs: usize,
    /// Slots still unfilled.
    pub unfilled: usize,
}

/// Counts one character as "wide" (counted alone) the way Word's East Asian count does.
pub fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x11FF      // Hangul Jamo
        | 0x2E80..=0x303F    // CJK radicals, Kangxi, ideographic description, CJK symbols & punctuation
        | 0x3040..=0x9FFF    // kana, bopomofo, CJK ext. A, unified ideographs
        | 0xAC00..=0xD7AF    // Hangul syllables
        | 0xF900..=0xFAFF    // CJK compatibility ideographs
        | 0xFE30..=0xFE4F    // CJK compatibility forms
        | 0xFF00..=0xFFEF    // full-width forms
        | 0x20000..=0x3FFFF  // CJK ext. B and beyond
    ) || matches!(c, '“' | '”' | '‘' | '’' | '—' | '…' | '·' | '─')
}

/// 字数 of a text.
pub fn count_chars(text: &str) -> usize {
    let mut count = 0;
    let mut in_run = false;
    for c in text.chars() {
        if is_wide(c) {
            count += 1;
            in_run = false;
        } else if c.is_whitespace() {
            in_run = false;
        } else if !in_run {
            count += 1;
            in_run = true;
        }
    }
    count
}

/// Every text of a document as printed, in reading order.
pub fn document_texts(doc: &Document) -> impl Iterator<Item = String> + '_ {
    std::iter::once(doc.title.clone())
        .chain(doc.head_lines().map(|(_, t)| t.to_string()))
        .chain(doc.walk().map(|n| n.display_text()))
}

pub fn stats(doc: &Document, rate: u32) -> Stats {
    let rate = rate.max(1);
    let chars: usize = document_texts(doc).map(|t| count_chars(&t)).sum();
    let minutes = (chars as f64 / f64::from(rate) * 10.0).round() / 10.0;
    Stats {
        chars,
        minutes,
        rate,
        paragraphs: doc.walk().count(),
        unfilled: doc.unfilled.len(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_like_word() {
        assert_eq!(count_chars("同志们："), 4);
        assert_eq!(count_chars("2026年"), 2);
        assert_eq!(count_chars("增长12.5%，"), 4);
        assert_eq!(count_chars("GB/T 9704 标准"), 4);
        assert_eq!(count_chars("“工人伟大”——"), 8);
        assert_eq!(count_chars("Hello world"), 2);
        assert_eq!(count_chars(""), 0);
    }
}
