//! The line shapes of a Chinese speech: heading numbers (一、 （一） 1. （1） 第一个方面)
//! and item leads (一是 一要 第一， 第一句话 首先， （一） 1、). Shared by the cleaner (so it
//! never joins a heading to the line before) and the segmenter.

use crate::numerals::parse_number;
use crate::outline::LeadStyle;

/// How a heading is numbered by hand, in order of nominal depth.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum HeadStyle {
    /// 第一个方面 / 第一部分 — a level-1 heading in talk-like speeches.
    Section,
    /// 一、
    ZhComma,
    /// （一）
    ZhParen,
    /// 1.
    ArabicDot,
    /// （1）
    ArabicParen,
}

impl HeadStyle {
    /// 1–4: where this numbering sits in GB/T 9704's 一、（一）1.（1）.
    pub fn nominal_level(self) -> usize {
        match self {
            HeadStyle::Section | HeadStyle::ZhComma => 1,
            HeadStyle::ZhParen => 2,
            HeadStyle::ArabicDot => 3,
            HeadStyle::ArabicParen => 4,
        }
    }
}

/// A numbered start of a line: its style, its number and the prefix length in bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Marker<S> {
    pub style: S,
    pub n: u64,
    pub len: usize,
}

const ZH_DIGITS: &str = "〇零一二三四五六七八九十百两";

/// A Chinese numeral at the start of `s`: (value, bytes).
fn zh_number(s: &str) -> Option<(u64, usize)> {
    let len: usize = s
        .chars()
        .take_while(|c| ZH_DIGITS.contains(*c))
        .take(4)
        .map(char::len_utf8)
        .sum();
    if len == 0 {
        return None;
    }
    let n = parse_number(&s[..len].replace('两', "二"))?;
    (n > 0).then_some((n, len))
}

/// ASCII or full-width digits at the start of `s`: (value, bytes).
fn arabic_number(s: &str) -> Option<(u64, usize)> {
    let mut n: u64 = 0;
    let mut len = 0;
    for c in s.chars().take(3) {
        let d = match c {
            '0'..='9' => c as u64 - '0' as u64,
            '０'..='９' => c as u64 - '０' as u64,
            _ => break,
        };
        n = n * 10 + d;
        len += c.len_utf8();
    }
    (len > 0 && n > 0).then_some((n, len))
}

fn open_paren(s: &str) -> Option<usize> {
    ["（", "("]
        .iter()
        .find(|p| s.starts_with(**p))
        .map(|p| p.len())
}

fn close_paren(s: &str) -> Option<usize> {
    ["）", ")"]
        .iter()
        .find(|p| s.starts_with(**p))
        .map(|p| p.len())
}

/// Separators that may follow a lead: 第一，第一、第一：
fn separator(s: &str) -> Option<usize> {
    s.chars()
        .next()
        .filter(|c| matches!(c, '，' | ',' | '、' | '：' | ':'))
        .map(char::len_utf8)
}

/// A heading number at the start of a line (一、 （一） 1. （1） 第一个方面).
pub fn heading_marker(s: &str) -> Option<Marker<HeadStyle>> {
    if let Some((n, len)) = zh_number(s) {
        if s[len..].starts_with('、') {
            return Some(Marker {
                style: HeadStyle::ZhComma,
                n,
                len: len + '、'.len_utf8(),
            });
        }
    }
    if let Some(rest) = s.strip_prefix('第') {
        if let Some((n, len)) = zh_number(rest) {
            let after = &rest[len..];
            for word in ["个方面", "方面", "部分", "个问题"] {
                if let Some(tail) = after.strip_prefix(word) {
                    let sep = separator(tail).unwrap_or(0);
                    return Some(Marker {
                        style: HeadStyle::Section,
                        n,
                        len: '第'.len_utf8() + len + word.len() + sep,
                    });
                }
            }
        }
    }
    if let Some(open) = open_paren(s) {
        let inner = &s[open..];
        if let Some((n, len)) = zh_number(inner) {
            if let Some(close) = close_paren(&inner[len..]) {
                return Some(Marker {
                    style: HeadStyle::ZhParen,
                    n,
                    len: open + len + close,
                });
            }
        }
        if let Some((n, len)) = arabic_number(inner) {
            if let Some(close) = close_paren(&inner[len..]) {
                return Some(Marker {
                    style: HeadStyle::ArabicParen,
                    n,
                    len: open + len + close,
                });
            }
        }
    }
    if let Some((n, len)) = arabic_number(s) {
        let rest = &s[len..];
        let dot = ["．", "."].iter().find(|d| rest.starts_with(**d));
        if let Some(dot) = dot {
            // 1.5 is a number, not a heading.
            let next = rest[dot.len()..].chars().next();
            if !next.is_some_and(|c| c.is_ascii_digit()) {
                return Some(Marker {
                    style: HeadStyle::ArabicDot,
                    n,
                    len: len + dot.len(),
                });
            }
        }
    }
    None
}

/// An item lead at the start of a line (一是 一要 第一， 第一句话 首先， 1、).
/// （一） and 1. are headings by shape; the segmenter decides which they are.
pub fn lead_marker(s: &str) -> Option<Marker<LeadStyle>> {
    if let Some((n, len)) = zh_number(s) {
        let rest = &s[len..];
        for (word, style) in [("是", LeadStyle::Shi), ("要", LeadStyle::Yao)] {
            if let Some(tail) = rest.strip_prefix(word) {
                // 一是， is written too; the comma belongs to the lead.
                let sep = separator(tail)
                    .filter(|_| !tail.starts_with('、'))
                    .unwrap_or(0);
                return Some(Marker {
                    style,
                    n,
                    len: len + word.len() + sep,
                });
            }
        }
    }
    if let Some(rest) = s.strip_prefix('第') {
        if let Some((n, len)) = zh_number(rest) {
            let after = &rest[len..];
            if let Some(tail) = after.strip_prefix("句话") {
                let sep = separator(tail).unwrap_or(0);
                return Some(Marker {
                    style: LeadStyle::Juhua,
                    n,
                    len: '第'.len_utf8() + len + "句话".len() + sep,
                });
            }
            if let Some(sep) = separator(after) {
                return Some(Marker {
                    style: LeadStyle::Di,
                    n,
                    len: '第'.len_utf8() + len + sep,
                });
            }
        }
    }
    for (i, word) in ["首先", "其次", "再次", "最后"].iter().enumerate() {
        if let Some(tail) = s.strip_prefix(word) {
            if let Some(sep) = separator(tail) {
                // 最后 counts as "the last", numbered later by the segmenter.
                let n = if i == 3 { u64::MAX } else { i as u64 + 1 };
                return Some(Marker {
                    style: LeadStyle::Order,
                    n,
                    len: word.len() + sep,
                });
            }
        }
    }
    if let Some((n, len)) = arabic_number(s) {
        if s[len..].starts_with('、') {
            return Some(Marker {
                style: LeadStyle::Arabic,
                n,
                len: len + '、'.len_utf8(),
            });
        }
    }
    None
}

/// Does this line start a new unit (heading, item, greeting) rather than continue one?
pub fn starts_unit(s: &str) -> bool {
    heading_marker(s).is_some() || lead_marker(s).is_some() || is_greeting(s)
}

/// 同志们： 各位代表、同志们：
pub fn is_greeting(s: &str) -> bool {
    let s = s.trim();
    // Counting stops past 60: callers may hand over the rest of a long line. A greeting
    // naming many guests (尊敬的各位老领导、各位来宾……女士们、先生们：) may run past 30.
    let n = s.chars().take(61).count();
    let long_ok = s.starts_with("尊敬的") || s.starts_with("各位") || s.starts_with("亲爱的");
    (2..=if long_ok { 60 } else { 30 }).contains(&n)
        && (s.ends_with('：') || s.ends_with(':'))
        && [
            "同志", "代表", "朋友", "来宾", "各位", "大家", "女士", "先生", "职工", "同学", "老师",
            "嘉宾", "家长", "乡亲", "战友",
        ]
        .iter()
        .any(|w| s.contains(w))
}

/// Sentence-final punctuation: a line ending with one is complete.
pub fn ends_sentence(s: &str) -> bool {
    s.trim_end().chars().last().is_some_and(|c| {
        matches!(
            c,
            '。' | '！'
                | '？'
                | '!'
                | '?'
                | '；'
                | ';'
                | '：'
                | ':'
                | '…'
                | '”'
                | '’'
                | '」'
                | '』'
                | '）'
                | ')'
                | '】'
                | '》'
        )
    })
}

pub fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{2FFFF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings() {
        let m = heading_marker("一、要加强思想政治引领").unwrap();
        assert_eq!((m.style, m.n, m.len), (HeadStyle::ZhComma, 1, 6));
        assert_eq!(
            heading_marker("（二）抓好落实").unwrap().style,
            HeadStyle::ZhParen
        );
        assert_eq!(
            heading_marker("(3)抓好").unwrap().style,
            HeadStyle::ArabicParen
        );
        assert_eq!(heading_marker("12.抓好").unwrap().n, 12);
        assert!(heading_marker("1.5倍").is_none());
        let m = heading_marker("第二个方面，安排部署").unwrap();
        assert_eq!((m.style, m.n), (HeadStyle::Section, 2));
        assert_eq!(&"第二个方面，安排部署"[m.len..], "安排部署");
        assert!(heading_marker("一是加强").is_none());
        assert!(heading_marker("一些同志").is_none());
    }

    #[test]
    fn leads() {
        let m = lead_marker("三要持续强化").unwrap();
        assert_eq!((m.style, m.n, m.len), (LeadStyle::Yao, 3, 6));
        let m = lead_marker("第一句话：工会").unwrap();
        assert_eq!((m.style, m.n), (LeadStyle::Juhua, 1));
        assert_eq!(&"第一句话：工会"[m.len..], "工会");
        assert_eq!(lead_marker("第二，要").unwrap().style, LeadStyle::Di);
        assert!(lead_marker("第一书记").is_none());
        assert_eq!(lead_marker("最后，").unwrap().style, LeadStyle::Order);
        assert!(lead_marker("首先要").is_none());
        assert_eq!(lead_marker("2、要积极").unwrap().style, LeadStyle::Arabic);
        assert_eq!(lead_marker("十一是").unwrap().n, 11);
        assert!(lead_marker("一直是").is_none());
    }
}
