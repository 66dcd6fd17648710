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
    let mut blocks = segment::segment(&cleaned.lines);
    // The title as written (its placeholders not yet slots).
    let title = blocks
        .iter()
        .find(|b| b.kind == SegmentKind::Title)
        .map(|b| b.text.clone());
    slots::apply(&mut blocks);
    let speech_type = candidates::guess_type(title.as_deref(), &cleaned_text);
    let tags = candidates::guess_tags(&cleaned_text);
    let candidates = candidates::propose(&blocks, speech_type, &tags);
    Analysis {
        file: file_name.to_string(),
        format,
        encoding,
        traditional: cleaned.traditional,
        unconverted: cleaned.unconverted,
        cleaned_text,
        removed: cleaned.removed,
        title,
        speech_type: speech_type.map(str::to_string),
        tags,
        blocks,
        candidates,
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
