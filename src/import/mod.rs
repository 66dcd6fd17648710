//! Import (harvest): an old speech → cleaned text → segments → slots → candidate library
//! blocks for the writer to review.
//!
//! ```text
//! bytes ─► decode (.txt: UTF-8/UTF-16/GB18030) | markdown | docx ─► lines (+ structure hints)
//!       ─► clean (cruft, pinyin, 繁→简, rejoin) ─► segment (title, greeting, headings, items …)
//!       ─► slots (placeholders → {{名称}}) ─► candidates (blocks with tags and speech type)
//! ```
//!
//! [`analyze`] is pure (no store); `Store::accept_candidates` stores what the writer kept,
//! all in one transaction.

pub mod candidates;
pub mod clean;
pub mod decode;
pub mod docx;
pub mod extract;
pub mod markdown;
pub mod patterns;
pub mod segment;
pub mod slots;

use serde::Serialize;

use crate::error::{Error, Result};
use crate::outline::{LeadStyle, NewNode, NodeKind};

pub use candidates::Candidate;
pub use clean::Removed;
pub use segment::{Segment, SegmentKind};
pub use slots::SlotGuess;

/// Largest file accepted: a long speech is well under 1 MB; 16 MB leaves room for .docx
/// files with images, and stops a pasted archive before it costs anything.
pub const MAX_FILE_BYTES: usize = 16 * 1024 * 1024;

/// Reads a file to import, refusing a huge one by its size before reading it.
pub fn read_file(path: &std::path::Path) -> Result<Vec<u8>> {
    let limit = MAX_FILE_BYTES as u64;
    let meta = std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
    if meta.len() > limit {
        return Err(Error::TooLarge {
            file: Some(path.display().to_string()),
            size_mb: meta.len() / (1024 * 1024),
            limit_mb: limit / (1024 * 1024),
            pack: false,
        });
    }
    std::fs::read(path).map_err(|e| Error::io(path, e))
}

/// What a source already knows about a line's role (a .docx style, a Markdown heading).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hint {
    Title,
    /// Speaker or date line under the title.
    Meta,
    Greeting,
    Heading(usize),
    /// A body paragraph of a structured source: an item when it starts with a lead.
    Body,
}

/// The whole analysis of one file, as `import --dry-run --json` prints it.
#[derive(Debug, Clone, Serialize)]
pub struct Analysis {
    pub file: String,
    /// `txt`, `md` or `docx`.
    pub format: &'static str,
    /// The text encoding of a .txt or .md file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub encoding: Option<&'static str>,
    /// The source was in Traditional characters and was converted.
    pub traditional: bool,
    /// The source is in Traditional characters and could not be converted (the
    /// converter failed to load): the text is kept as it was, and the writer is told.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub unconverted: bool,
    /// The cleaned text, one paragraph a line.
    pub cleaned_text: String,
    /// Everything the cleaner removed, with a reason.
    pub removed: Vec<Removed>,
    pub title: Option<String>,
    /// A speech type id guessed from the title and text.
    pub speech_type: Option<String>,
    /// Tags suggested for every block of this speech.
    pub tags: Vec<String>,
    /// The speech in reading order: title, meta, greeting, headings, items, paragraphs,
    /// closing — each with its slots.
    pub blocks: Vec<Segment>,
    /// The library blocks this speech would become.
    pub candidates: Vec<Candidate>,
    /// A page holding several speeches (第一篇/第二篇, 篇一, 范文二): each speech's title,
    /// type and its ranges of `blocks` and `candidates` (start, end), in page order. Empty
    /// (and left out of the JSON) for one speech, which the fields above describe; with
    /// several, `title` and `speech_type` are the first speech's and `blocks` and
    /// `candidates` hold all speeches in order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub speeches: Vec<Speech>,
}

/// One speech of a page holding several.
#[derive(Debug, Clone, Serialize)]
pub struct Speech {
    pub title: Option<String>,
    pub speech_type: Option<String>,
    /// `blocks[start..end]` of the analysis.
    pub blocks: [usize; 2],
    /// `candidates[start..end]` of the analysis.
    pub candidates: [usize; 2],
}

impl Analysis {
    /// What happened to Traditional characters, as the dry run prints it after the
    /// encoding: converted, or (never silently) left as they were.
    pub fn script_note(&self) -> &'static str {
        if self.unconverted {
            "，繁体未能转为简体（转换表未能载入），原文保留"
        } else if self.traditional {
            "，繁体已转简体"
        } else {
            ""
        }
    }

    /// The body as an outline (headings with items and paragraphs under them), the way
    /// a draft holds it: for round-trip tests and for opening an old speech as a draft.
    pub fn outline(&self) -> Vec<NewNode> {
        segment::outline(&self.blocks)
    }
}

/// Which reader a file needs, by its name and its first bytes.
fn format_of(bytes: &[u8], file_name: &str) -> &'static str {
    let lower = file_name.to_lowercase();
    if bytes.starts_with(b"PK\x03\x04") || lower.ends_with(".docx") {
        "docx"
    } else if lower.ends_with(".md") || lower.ends_with(".markdown") {
        "md"
    } else {
        "txt"
    }
}

/// Analyses one file: decode, clean, segment, find slots, propose blocks.
pub fn analyze(bytes: &[u8], file_name: &str) -> Result<Analysis> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(Error::TooLarge {
            file: Some(file_name.to_string()),
            size_mb: (bytes.len() / (1024 * 1024)) as u64,
            limit_mb: (MAX_FILE_BYTES / (1024 * 1024)) as u64,
            pack: false,
        });
    }
    let format = format_of(bytes, file_name);
    let (lines, encoding, rejoin) = match format {
        "docx" => (docx::read(bytes, file_name)?, None, false),
        _ => {
            let (text, enc) = decode::decode(bytes, file_name)?;
            if format == "md" {
                (markdown::read(&text), Some(enc.name()), false)
            } else {
                let lines = text.lines().map(clean::Line::plain).collect();
                (lines, Some(enc.name()), true)
            }
        }
    };
    Ok(analyze_lines(lines, file_name, format, encoding, rejoin))
}

/// Analyses text already in memory (a paste in the desktop app).
pub fn analyze_text(text: &str, name: &str) -> Result<Analysis> {
    if text.len() > MAX_FILE_BYTES {
        return Err(Error::TooLarge {
            file: None,
            size_mb: (text.len() / (1024 * 1024)) as u64,
            limit_mb: (MAX_FILE_BYTES / (1024 * 1024)) as u64,
            pack: false,
        });
    }
    let lines = text.lines().map(clean::Line::plain).collect();
    Ok(analyze_lines(lines, name, "txt", None, true))
}

fn analyze_lines(
    lines: Vec<clean::Line>,
    file_name: &str,
    format: &'static str,
    encoding: Option<&'static str>,
    rejoin: bool,
) -> Analysis {
    let cleaned = clean::clean(lines, rejoin);
    let cleaned_text = cleaned
        .lines
        .iter()
        .map(|l| l.text.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    let tags = candidates::guess_tags(&cleaned_text);
    // One part a speech: each segmented, slotted and proposed on its own.
    let mut bounds = vec![0];
    bounds.extend(cleaned.pieces.iter().copied());
    bounds.push(cleaned.lines.len());
    let (mut blocks, mut candidates, mut speeches) = (Vec::new(), Vec::new(), Vec::new());
    for w in bounds.windows(2) {
        let part = &cleaned.lines[w[0]..w[1]];
        let text = part
            .iter()
            .map(|l| l.text.as_str())
            .collect::<Vec<_>>()
            .join("\n");
        let mut segs = segment::segment(part);
        // The title as written (its placeholders not yet slots).
        let title = segs
            .iter()
            .find(|b| b.kind == SegmentKind::Title)
            .map(|b| b.text.clone());
        slots::apply(&mut segs);
        let speech_type = candidates::guess_type(title.as_deref(), &text);
        let proposed = candidates::propose(&segs, speech_type, &tags);
        speeches.push(Speech {
            title,
            speech_type: speech_type.map(str::to_string),
            blocks: [blocks.len(), blocks.len() + segs.len()],
            candidates: [candidates.len(), candidates.len() + proposed.len()],
        });
        blocks.extend(segs);
        candidates.extend(proposed);
    }
    let title = speeches.first().and_then(|s| s.title.clone());
    let speech_type = speeches.first().and_then(|s| s.speech_type.clone());
    if speeches.len() < 2 {
        speeches.clear();
    }
    Analysis {
        file: file_name.to_string(),
        format,
        encoding,
        traditional: cleaned.traditional,
        unconverted: cleaned.unconverted,
        cleaned_text,
        removed: cleaned.removed,
        title,
        speech_type,
        tags,
        blocks,
        candidates,
        speeches,
    }
}

/// The lead style an item's lead text stands for, for outlines.
pub fn lead_style_of(lead: &str) -> Option<LeadStyle> {
    patterns::lead_marker(lead).map(|m| m.style).or_else(|| {
        match patterns::heading_marker(lead)?.style {
            patterns::HeadStyle::ZhParen => Some(LeadStyle::Paren),
            patterns::HeadStyle::ArabicDot => Some(LeadStyle::Arabic),
            _ => None,
        }
    })
}

/// A body node kind for a segment kind (closing is a paragraph).
pub(crate) fn node_kind(kind: SegmentKind) -> Option<NodeKind> {
    match kind {
        SegmentKind::Heading => Some(NodeKind::Heading),
        SegmentKind::Item => Some(NodeKind::Item),
        SegmentKind::Paragraph | SegmentKind::Closing => Some(NodeKind::Paragraph),
        SegmentKind::Title | SegmentKind::Meta | SegmentKind::Greeting => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_of_two_speeches_is_two_analysed_speeches() {
        let page = "首页 > 致辞\n第一篇：在春训开训仪式上的讲话\n同志们：\n今天春训开训，大家要认真参加训练。\n第二篇：在春训总结会上的讲话\n各位教练：\n春训圆满结束了，感谢大家的辛勤付出。";
        let a = analyze_text(page, "page.txt").unwrap();
        assert_eq!(a.speeches.len(), 2);
        assert_eq!(a.title.as_deref(), Some("在春训开训仪式上的讲话"));
        assert_eq!(a.speeches[1].title.as_deref(), Some("在春训总结会上的讲话"));
        let [start, end] = a.speeches[1].blocks;
        assert_eq!(a.blocks[start].kind, SegmentKind::Title);
        assert_eq!(a.blocks[start + 1].kind, SegmentKind::Greeting);
        assert_eq!(end, a.blocks.len());
        assert_eq!(a.speeches[0].blocks, [0, start]);
        let [c0, c1] = a.speeches[1].candidates;
        assert!(c0 < c1 && c1 == a.candidates.len());
        // One speech: no list, the JSON as before.
        let one = analyze_text("同志们：\n今天开会。", "a.txt").unwrap();
        assert!(one.speeches.is_empty());
        assert!(!serde_json::to_string(&one).unwrap().contains("speeches"));
    }

    #[test]
    fn read_file_refuses_a_huge_file_before_reading_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("大文件.txt");
        let f = std::fs::File::create(&path).unwrap();
        // Sparse: no 17 MB written.
        f.set_len(MAX_FILE_BYTES as u64 + 1024 * 1024).unwrap();
        let e = read_file(&path).unwrap_err();
        assert!(e.to_string().ends_with("at most 16 MB is imported"), "{e}");
        assert!(crate::messages::zh(&e).contains("“大文件.txt”有 17 MB"));
        let small = dir.path().join("小.txt");
        std::fs::write(&small, "各位代表：").unwrap();
        assert_eq!(read_file(&small).unwrap(), "各位代表：".as_bytes());
        assert!(read_file(&dir.path().join("没有.txt")).is_err());
    }
}
