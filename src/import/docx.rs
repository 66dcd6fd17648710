//! Reading the text of a .docx: paragraphs of `word/document.xml` in order, with the
//! paragraph style as a hint. Our own exports name their styles (Title, SpeakerLine,
//! Greeting, Heading1–4), so they come back as the same outline; headings of other files
//! are read from `HeadingN` styles or the outline level.
//!
//! A .docx is a zip a stranger may have built: the entry count, the declared and the
//! actually inflated size are all limited (a zip bomb stops at the limit), and the XML is
//! parsed without DTDs and with a node limit.

use std::io::Read;

use super::clean::Line;
use super::Hint;
use crate::error::{Error, Result, Unreadable};

/// The most `word/document.xml` may inflate to: a 1,000-page report is under 20 MB.
pub const MAX_XML_BYTES: u64 = 32 * 1024 * 1024;
const MAX_ENTRIES: usize = 10_000;
const MAX_NODES: u32 = 4_000_000;
const NS_W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

fn bad(file_name: &str, why: Unreadable) -> Error {
    Error::unreadable(file_name, why)
}

fn damaged(file_name: &str, why: impl std::fmt::Display) -> Error {
    bad(file_name, Unreadable::Damaged(why.to_string()))
}

/// The paragraphs of a .docx, with hints from their styles.
pub fn read(bytes: &[u8], file_name: &str) -> Result<Vec<Line>> {
    let xml = document_xml(bytes, file_name)?;
    paragraphs(&xml, file_name)
}

fn document_xml(bytes: &[u8], file_name: &str) -> Result<String> {
    let mut zip = open_zip(bytes, file_name)?;
    part_xml(&mut zip, "word/document.xml", file_name)?
        .ok_or_else(|| bad(file_name, Unreadable::NotDocx("no word/document.xml")))
}

/// The package of a .docx, with its entry count limited.
pub(crate) fn open_zip<'a>(
    bytes: &'a [u8],
    file_name: &str,
) -> Result<zip::ZipArchive<std::io::Cursor<&'a [u8]>>> {
    let zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|_| bad(file_name, Unreadable::NotDocx("not a zip archive")))?;
    if zip.len() > MAX_ENTRIES {
        return Err(bad(file_name, Unreadable::NotDocx("too many parts")));
    }
    Ok(zip)
}

/// One XML part of the package as text (None: the package has no such part), its
/// declared and its inflated size limited.
pub(crate) fn part_xml(
    zip: &mut zip::ZipArchive<std::io::Cursor<&[u8]>>,
    name: &str,
    file_name: &str,
) -> Result<Option<String>> {
    let entry = match zip.by_name(name) {
        Ok(e) => e,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(damaged(file_name, e)),
    };
    if entry.size() > MAX_XML_BYTES {
        return Err(bad(
            file_name,
            Unreadable::Inflates {
                mb: Some(entry.size() / (1024 * 1024)),
                limit_mb: MAX_XML_BYTES / (1024 * 1024),
            },
        ));
    }
    // The declared size may lie: read one byte past the limit to find out.
    let mut data = Vec::new();
    entry
        .take(MAX_XML_BYTES + 1)
        .read_to_end(&mut data)
        .map_err(|e| damaged(file_name, e))?;
    if data.len() as u64 > MAX_XML_BYTES {
        return Err(bad(
            file_name,
            Unreadable::Inflates {
                mb: None,
                limit_mb: MAX_XML_BYTES / (1024 * 1024),
            },
        ));
    }
    String::from_utf8(data)
        .map(Some)
        .map_err(|_| damaged(file_name, format!("{name} is not UTF-8 XML")))
}

/// Parses a part without DTDs (no entities, no external references) and with a node
/// limit.
pub(crate) fn parse_xml<'a>(
    xml: &'a str,
    name: &str,
    file_name: &str,
) -> Result<roxmltree::Document<'a>> {
    let opts = roxmltree::ParsingOptions {
        allow_dtd: false,
        nodes_limit: MAX_NODES,
        ..roxmltree::ParsingOptions::default()
    };
    roxmltree::Document::parse_with_options(xml, opts)
        .map_err(|e| damaged(file_name, format!("{name} is not valid XML: {e}")))
}

fn w<'a>(node: roxmltree::Node<'a, 'a>, name: &str) -> Option<roxmltree::Node<'a, 'a>> {
    node.children()
        .find(|c| c.tag_name().name() == name && c.tag_name().namespace() == Some(NS_W))
}

fn val<'a>(node: roxmltree::Node<'a, 'a>) -> Option<&'a str> {
    node.attribute((NS_W, "val"))
}

/// The hint a paragraph's style gives.
fn style_hint(p: roxmltree::Node) -> Option<Hint> {
    let ppr = w(p, "pPr")?;
    if let Some(style) = w(ppr, "pStyle").and_then(val) {
        let lower = style.to_ascii_lowercase().replace(' ', "");
        match lower.as_str() {
            "title" => return Some(Hint::Title),
            "speakerline" | "subtitle" => return Some(Hint::Meta),
            "greeting" | "salutation" => return Some(Hint::Greeting),
            _ => {}
        }
        if let Some(n) = lower
            .strip_prefix("heading")
            .and_then(|n| n.parse::<usize>().ok())
        {
            return Some(Hint::Heading(n.clamp(1, 9)));
        }
    }
    let level = w(ppr, "outlineLvl").and_then(val)?.parse::<usize>().ok()?;
    (level < 9).then_some(Hint::Heading(level + 1))
}

/// The text of one paragraph: runs in order, tabs as spaces, line breaks joined the way
/// wrapped lines are (Chinese without a space).
fn paragraph_text(p: roxmltree::Node) -> String {
    let mut out = String::new();
    let mut pending_break = false;
    for n in p.descendants() {
        if n.tag_name().namespace() != Some(NS_W) {
            continue;
        }
        match n.tag_name().name() {
            "t" => {
                let t = n.text().unwrap_or("");
                if pending_break
                    && out.ends_with(|c: char| c.is_ascii_alphanumeric())
                    && t.starts_with(|c: char| c.is_ascii_alphanumeric())
                {
                    out.push(' ');
                }
                pending_break = false;
                out.push_str(t);
            }
            "tab" => out.push(' '),
            "br" | "cr" => pending_break = true,
            _ => {}
        }
    }
    out
}

fn paragraphs(xml: &str, file_name: &str) -> Result<Vec<Line>> {
    let doc = parse_xml(xml, "word/document.xml", file_name)?;
    let body = doc
        .root_element()
        .children()
        .find(|c| c.tag_name().name() == "body")
        .ok_or_else(|| damaged(file_name, "not a Word document: no body"))?;
    let mut lines: Vec<Line> = Vec::new();
    for p in body
        .descendants()
        .filter(|n| n.tag_name().name() == "p" && n.tag_name().namespace() == Some(NS_W))
    {
        let text = paragraph_text(p);
        if text.trim().is_empty() {
            continue;
        }
        lines.push(Line {
            text,
            hint: style_hint(p),
        });
    }
    // A structured document: every other paragraph is body text (never a heading by
    // shape). A plain one is read like a text file.
    if lines.iter().any(|l| l.hint.is_some()) {
        for l in &mut lines {
            if l.hint.is_none() {
                l.hint = Some(Hint::Body);
            }
        }
    }
    Ok(lines)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn docx(xml: &str) -> Vec<u8> {
        use std::io::Write;
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        zip.start_file("word/document.xml", opts).unwrap();
        zip.write_all(xml.as_bytes()).unwrap();
        zip.finish().unwrap().into_inner()
    }

    #[test]
    fn styles_become_hints() {
        let xml = format!(
            "<w:document xmlns:w=\"{NS_W}\"><w:body>\
             <w:p><w:pPr><w:pStyle w:val=\"Title\"/></w:pPr><w:r><w:t>在大会</w:t></w:r><w:r><w:br/></w:r><w:r><w:t>上的讲话</w:t></w:r></w:p>\
             <w:p><w:pPr><w:pStyle w:val=\"Heading1\"/></w:pPr><w:r><w:t>一、提高认识</w:t></w:r></w:p>\
             <w:p><w:r><w:t>一要</w:t></w:r><w:r><w:t>学习。</w:t></w:r></w:p></w:body></w:document>"
        );
        let lines = read(&docx(&xml), "a.docx").unwrap();
        assert_eq!(lines[0].text, "在大会上的讲话");
        assert_eq!(lines[0].hint, Some(Hint::Title));
        assert_eq!(lines[1].hint, Some(Hint::Heading(1)));
        assert_eq!(lines[2].text, "一要学习。");
        assert_eq!(lines[2].hint, Some(Hint::Body));
    }

    #[test]
    fn damage_is_reported() {
        assert!(read(b"PK\x03\x04 not really", "a.docx").is_err());
        let e = read(&docx("<w:document><w:body>"), "a.docx").unwrap_err();
        assert!(e.to_string().contains("not valid XML"), "{e}");
    }
}
