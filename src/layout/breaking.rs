//! The one punctuation and line-breaking table: UAX #14 (`unicode-linebreak`) for the
//! break opportunities of any script, corrected by the Chinese rules of GB/T 15834 and
//! W3C's *Requirements for Chinese Text Layout* (clreq):
//!
//! - 避头: no closing mark, 、。，or other pause mark at the start of a line;
//! - 避尾: no opening mark at the end of a line;
//! - no break inside —— or ……, inside a number (12.5%, 2026) or a Latin word;
//! - Chinese quotation marks are opening or closing by their shape (UAX #14 gives them
//!   the ambiguous class QU, which would glue them to both neighbours).
//!
//! The line breaker (`layout::lines`), the title splitter and the check read these.

/// Marks that may not start a line (避头, clreq §3.1.7 and GB/T 15834's 行首禁则).
pub fn closing(c: char) -> bool {
    matches!(
        c,
        '，' | '。'
            | '、'
            | '；'
            | '：'
            | '？'
            | '！'
            | '．'
            | '）'
            | '］'
            | '｝'
            | '》'
            | '〉'
            | '」'
            | '』'
            | '】'
            | '〕'
            | '〗'
            | '”'
            | '’'
            | '…'
            | '·'
            | '％'
            | '‰'
            | ','
            | '.'
            | ';'
            | ':'
            | '?'
            | '!'
            | ')'
            | ']'
            | '%'
    )
}

/// Marks that may not end a line (避尾).
pub fn opening(c: char) -> bool {
    matches!(
        c,
        '（' | '［'
            | '｛'
            | '《'
            | '〈'
            | '「'
            | '『'
            | '【'
            | '〔'
            | '〖'
            | '“'
            | '‘'
            | '('
            | '['
    )
}

/// Marks that may hang beyond the right edge of the text block when they would start the
/// next line: the pause and end marks and the closing quotes and brackets. This is what
/// WPS and Word do with 允许标点溢出边界 (on by default): the mark is drawn in the margin
/// and the line keeps its full 28 characters. One mark hangs at most; see `lines`.
pub fn hangs(c: char) -> bool {
    closing(c) && crate::stats::is_wide(c) && !matches!(c, '…' | '·' | '％' | '‰')
}

/// A full-width Chinese punctuation mark (the context where a half-width mark is wrong).
pub fn full_width_mark(c: char) -> bool {
    matches!(
        c,
        '，' | '。'
            | '、'
            | '；'
            | '：'
            | '！'
            | '？'
            | '“'
            | '”'
            | '‘'
            | '’'
            | '《'
            | '》'
            | '（'
            | '）'
            | '【'
            | '】'
            | '…'
            | '—'
    )
}

/// Marks that come in runs of two and are never split (——, ……).
fn doubled(c: char) -> bool {
    matches!(c, '—' | '…' | '─')
}

/// `allowed[i]`: a line may break before `chars[i]` (never before the first).
pub fn break_opportunities(chars: &[char]) -> Vec<bool> {
    let mut allowed = vec![false; chars.len()];
    let text: String = chars.iter().collect();
    // UAX #14 gives byte offsets of the segment starts; map them to character indices.
    let mut starts = vec![0usize; text.len() + 1];
    for (i, (b, _)) in text.char_indices().enumerate() {
        starts[b] = i;
    }
    for (b, _) in unicode_linebreak::linebreaks(&text) {
        if b < text.len() {
            allowed[starts[b]] = true;
        }
    }
    for i in 1..chars.len() {
        let (a, b) = (chars[i - 1], chars[i]);
        if let Some(rule) = clreq(a, b) {
            allowed[i] = rule;
        }
    }
    allowed
}

/// The Chinese rules where they differ from UAX #14 between `a` and `b`.
fn clreq(a: char, b: char) -> Option<bool> {
    if closing(b) || opening(a) || (doubled(a) && a == b) {
        return Some(false);
    }
    // Quotes: a break before an opening quote and after a closing one, as between
    // ideographs; UAX #14's QU class would forbid both.
    if matches!(b, '“' | '‘') || matches!(a, '”' | '’') {
        return Some(true);
    }
    // Before —— and after it, as clreq allows (not inside: handled above).
    if (b == '—' && a != '—') || (a == '—' && b != '—') {
        return Some(true);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn breaks(text: &str) -> Vec<usize> {
        let chars: Vec<char> = text.chars().collect();
        break_opportunities(&chars)
            .iter()
            .enumerate()
            .filter(|(_, a)| **a)
            .map(|(i, _)| i)
            .collect()
    }

    #[test]
    fn ideographs_break_anywhere() {
        assert_eq!(breaks("同志们好"), vec![1, 2, 3]);
    }

    #[test]
    fn no_closing_mark_or_pause_mark_starts_a_line() {
        // 好，我们。→ no break before ，or 。
        let b = breaks("好，我们。");
        assert!(!b.contains(&1) && !b.contains(&4), "{b:?}");
        assert!(b.contains(&2));
        for text in ["甲、乙", "甲）乙", "甲”乙", "甲》乙", "甲！乙", "甲；乙"] {
            assert!(!breaks(text).contains(&1), "{text}");
        }
    }

    #[test]
    fn no_opening_mark_ends_a_line() {
        for text in ["甲“乙", "甲《乙", "甲（乙", "甲【乙"] {
            let b = breaks(text);
            assert!(b.contains(&1) && !b.contains(&2), "{text}: {b:?}");
        }
    }

    #[test]
    fn dashes_and_ellipses_stay_whole() {
        let b = breaks("甲——乙");
        assert!(!b.contains(&2), "{b:?}");
        assert!(b.contains(&1) && b.contains(&3), "{b:?}");
        assert!(!breaks("甲……乙").contains(&2));
    }

    #[test]
    fn numbers_and_latin_words_stay_whole() {
        let text = "增长12.5%达到2026年Word文档";
        let b = breaks(text);
        let chars: Vec<char> = text.chars().collect();
        for i in b {
            let (x, y) = (chars[i - 1], chars[i]);
            assert!(
                !(x.is_ascii_alphanumeric() || x == '.')
                    || !(y.is_ascii_alphanumeric() || y == '.' || y == '%'),
                "break inside a token at {i}: {x}{y}"
            );
        }
    }

    #[test]
    fn quotes_open_and_close_by_shape() {
        // 提出“四风”问题: break allowed before “ and after ”, not inside them.
        let b = breaks("提出“四风”问题");
        assert!(b.contains(&2) && !b.contains(&3), "{b:?}");
        assert!(!b.contains(&5) && b.contains(&6), "{b:?}");
    }
}
