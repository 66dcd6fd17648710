//! Library search, the pure part: how text is written into the index and how a query
//! becomes an index expression, plus ranking and snippets. The store runs the queries.
//!
//! Every character is one token: letters and digits (any script) stand for themselves,
//! lowercased; any other character (punctuation, spaces) becomes a code token `zz<hex>`.
//! A query of n characters is then the phrase of its n tokens, which matches exactly the
//! texts that contain it as a substring, for any n ≥ 1 (FTS5's trigram tokenizer cannot
//! match one or two characters). Query text never reaches the index as syntax: tokens
//! hold only letters, digits and `zz<hex>`, and each is quoted.

use serde::Serialize;

use crate::markup;

/// Longest query searched, in characters; longer input is cut (a phrase that long
/// identifies its text anyway).
pub const MAX_QUERY_CHARS: usize = 64;

fn push_token(c: char, out: &mut String) {
    if c.is_alphanumeric() {
        out.extend(c.to_lowercase());
    } else {
        out.push_str(&format!("zz{:x}", c as u32));
    }
}

/// Writes `text` as one token per character, separated by spaces (the single-character
/// index, for one-character queries).
pub fn index_text(text: &str, out: &mut String) {
    for c in text.chars() {
        push_token(c, out);
        out.push(' ');
    }
}

/// Writes `text` as overlapping two-character tokens (the bigram index, for queries of
/// two or more characters): "工会工作" → "工会 会工 工作".
pub fn index_bigrams(text: &str, out: &mut String) {
    let mut prev: Option<char> = None;
    for c in text.chars() {
        if let Some(p) = prev {
            push_token(p, out);
            push_token(c, out);
            out.push(' ');
        }
        prev = Some(c);
    }
}

/// The text of a block as the writer reads it: markup gone, one line per paragraph.
pub fn block_search_text(body: &str) -> String {
    body.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|l| {
            let l = l.strip_prefix("- ").unwrap_or(l);
            let l = l.trim_start_matches('#').trim_start();
            markup::spans(l).iter().map(|s| s.text).collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// A query as an index expression.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Phrase {
    /// One character: a token of the single-character index.
    Char(String),
    /// Two or more: the phrase of its bigrams in the bigram index.
    Bigrams(String),
}

/// The index expression for a query, or None for an empty query.
pub fn phrase(query: &str) -> Option<Phrase> {
    let q: String = query.trim().chars().take(MAX_QUERY_CHARS).collect();
    let mut tokens = String::new();
    match q.chars().count() {
        0 => None,
        1 => {
            index_text(&q, &mut tokens);
            Some(Phrase::Char(format!("\"{}\"", tokens.trim_end())))
        }
        _ => {
            index_bigrams(&q, &mut tokens);
            Some(Phrase::Bigrams(format!("\"{}\"", tokens.trim_end())))
        }
    }
}

/// A facet token (kind, type, tag, favourite), ASCII only so the tokenizer keeps it whole.
pub fn facet(prefix: &str, value: &str) -> String {
    let mut s = String::from(prefix);
    for b in value.as_bytes() {
        s.push_str(&format!("{b:02x}"));
    }
    s
}

pub const FACET_BLOCK: &str = "kindblock";
pub const FACET_PHRASE: &str = "kindphrase";
pub const FACET_FAVOURITE: &str = "favourite";
/// Items that name no speech type (they suit every type).
pub const FACET_NO_TYPE: &str = "notype";

pub fn type_facet(t: &str) -> String {
    facet("ty", t)
}

pub fn tag_facet(t: &str) -> String {
    facet("tg", t)
}

/// What a hit is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, PartialOrd, Ord, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum ItemKind {
    Block,
    Phrase,
}

impl ItemKind {
    pub fn id(self) -> &'static str {
        match self {
            ItemKind::Block => "block",
            ItemKind::Phrase => "phrase",
        }
    }
}

/// How results are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Sort {
    /// Relevance (title, then tags, then text; more occurrences), then favourites,
    /// use count and recency.
    #[default]
    Relevance,
    /// 常用: use count first.
    Used,
    /// Most recently used or changed first.
    Recent,
}

/// Where the query was found, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Field {
    Title,
    Tag,
    Text,
    /// No query: everything matches.
    Any,
}

/// A piece of a snippet; `hit` marks the query's occurrences.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Segment {
    pub text: String,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub hit: bool,
}

/// Case-insensitive (for Latin) character positions of `needle` in `hay`.
pub fn occurrences(hay: &str, needle: &str) -> Vec<usize> {
    let fold = |s: &str| -> Vec<char> { s.chars().flat_map(char::to_lowercase).collect() };
    let (h, n) = (fold(hay), fold(needle));
    if n.is_empty() || h.len() < n.len() || hay.chars().count() != h.len() {
        // Lowercasing changed the length (rare scripts): fall back to exact matching.
        let hc: Vec<char> = hay.chars().collect();
        let nc: Vec<char> = needle.chars().collect();
        if nc.is_empty() || hc.len() < nc.len() {
            return Vec::new();
        }
        return (0..=hc.len() - nc.len())
            .filter(|&i| hc[i..i + nc.len()] == nc[..])
            .collect();
    }
    let mut out = Vec::new();
    let mut i = 0;
    while i + n.len() <= h.len() {
        if h[i..i + n.len()] == n[..] {
            out.push(i);
            i += n.len();
        } else {
            i += 1;
        }
    }
    out
}

/// A snippet of `text` around the first occurrence of `query`: up to `before`
/// characters before it and about `width` in all, occurrences marked.
pub fn snippet(text: &str, query: &str, before: usize, width: usize) -> Vec<Segment> {
    let chars: Vec<char> = text
        .chars()
        .map(|c| if c == '\n' { ' ' } else { c })
        .collect();
    let q = query.trim();
    let qlen = q.chars().count();
    let hits = occurrences(text, q);
    let start = hits.first().map_or(0, |&h| h.saturating_sub(before));
    let end = (start + width).min(chars.len());
    let mut segs: Vec<Segment> = Vec::new();
    let mut push = |s: &[char], hit: bool| {
        if !s.is_empty() {
            segs.push(Segment {
                text: s.iter().collect(),
                hit,
            });
        }
    };
    if start > 0 {
        push(&['…'], false);
    }
    let mut pos = start;
    for &h in hits.iter().filter(|&&h| h >= start && h + qlen <= end) {
        push(&chars[pos..h], false);
        push(&chars[h..h + qlen], true);
        pos = h + qlen;
    }
    push(&chars[pos..end], false);
    if end < chars.len() {
        push(&['…'], false);
    }
    segs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_one_per_character() {
        let mut s = String::new();
        index_text("工会A1，", &mut s);
        assert_eq!(s, "工 会 a 1 zzff0c ");
        let mut b = String::new();
        index_bigrams("工会A，", &mut b);
        assert_eq!(b, "工会 会a azzff0c ");
        assert_eq!(phrase(" 工 "), Some(Phrase::Char("\"工\"".into())));
        assert_eq!(phrase(" 工会 "), Some(Phrase::Bigrams("\"工会\"".into())));
        assert_eq!(
            phrase("\"AN*"),
            Some(Phrase::Bigrams("\"zz22a an nzz2a\"".into()))
        );
        assert_eq!(phrase("   "), None);
    }

    #[test]
    fn search_text_drops_markup() {
        assert_eq!(
            block_search_text("# 标题\n- **一句。**后文\n\n段落"),
            "标题\n一句。后文\n段落"
        );
    }

    #[test]
    fn snippets_mark_hits() {
        let s = snippet("前面很长的一段文字然后是工会工作再后面", "工会", 4, 12);
        let text: String = s.iter().map(|x| x.text.as_str()).collect();
        assert_eq!(text, "…字然后是工会工作再后面");
        assert!(s.iter().any(|x| x.hit && x.text == "工会"));
        assert_eq!(occurrences("Word word WORD", "word"), vec![0, 5, 10]);
    }

    #[test]
    fn facets_are_ascii() {
        assert_eq!(type_facet("work_meeting"), "ty776f726b5f6d656574696e67");
        assert!(tag_facet("表彰").is_ascii());
    }
}
