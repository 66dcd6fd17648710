//! Reading a revised .docx: its provenance (docProps/custom.xml), its paragraphs in body
//! order as they were before the reviewer's tracked changes (deletions kept, insertions
//! dropped) and after (the other way round), who made each change, and the comments with
//! the paragraph each is anchored in. Formatting changes (`w:rPrChange`, `w:pPrChange`)
//! are not text and are skipped. A paragraph mark inserted or deleted with tracking on
//! (`w:pPr/w:rPr/w:ins|del`) splits or joins paragraphs: the old and the new lists are
//! cut at different places, so they are built separately.
//!
//! The package is read with the import's limits (entries, inflated size, no DTD).

use crate::error::Result;
use crate::export::docx::custom;
use crate::export::docx::Provenance;
use crate::import::docx::{open_zip, parse_xml, part_xml};

const NS_W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const NS_VT: &str = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes";

/// One paragraph as it was or as it is, with who changed each character (an index into
/// [`ReviewFile::authors`]; None: untouched).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Para {
    pub text: String,
    pub marks: Vec<Option<usize>>,
}

impl Para {
    fn push(&mut self, text: &str, mark: Option<usize>) {
        self.text.push_str(text);
        self.marks.extend(text.chars().map(|_| mark));
    }
}

/// A group of neighbouring paragraphs joined by inserted or deleted paragraph marks:
/// the paragraphs it held (`old`) became these (`new`). Mostly one and one.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Unit {
    pub old: Vec<Para>,
    pub new: Vec<Para>,
    /// For a unit of one paragraph: its text in order, kept, inserted or deleted, so the
    /// changes are listed as the reviewer made them.
    pub pieces: Option<Vec<(Track, String)>>,
}

/// A comment (批注) and where it is anchored: (unit, index among the unit's new
/// paragraphs).
#[derive(Debug, Clone, PartialEq)]
pub struct Comment {
    pub author: Option<String>,
    pub text: String,
    pub at: Option<(usize, usize)>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct ReviewFile {
    pub provenance: Option<Provenance>,
    pub units: Vec<Unit>,
    pub comments: Vec<Comment>,
    /// Whether the file holds any tracked change.
    pub tracked: bool,
    pub authors: Vec<String>,
    /// `cp:lastModifiedBy`: the author of plain (untracked) edits, when the file says.
    pub last_author: Option<String>,
}

fn is_w(n: roxmltree::Node, name: &str) -> bool {
    n.is_element() && n.tag_name().name() == name && n.tag_name().namespace() == Some(NS_W)
}

fn w_attr<'a>(n: roxmltree::Node<'a, 'a>, name: &str) -> Option<&'a str> {
    n.attribute((NS_W, name))
}

/// Reads the file; `file_name` only names it in errors.
pub fn read(bytes: &[u8], file_name: &str) -> Result<ReviewFile> {
    let mut zip = open_zip(bytes, file_name)?;
    let document = part_xml(&mut zip, "word/document.xml", file_name)?.ok_or_else(|| {
        crate::error::Error::unreadable(
            file_name,
            crate::error::Unreadable::NotDocx("no word/document.xml"),
        )
    })?;
    let mut file = ReviewFile::default();
    if let Some(xml) = part_xml(&mut zip, custom::PART, file_name)? {
        file.provenance = provenance(&parse_xml(&xml, custom::PART, file_name)?);
    }
    if let Some(xml) = part_xml(&mut zip, "docProps/core.xml", file_name)? {
        let doc = parse_xml(&xml, "docProps/core.xml", file_name)?;
        file.last_author = doc
            .descendants()
            .find(|n| n.tag_name().name() == "lastModifiedBy")
            .and_then(|n| n.text())
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(str::to_string);
    }
    let comment_texts = match part_xml(&mut zip, "word/comments.xml", file_name)? {
        Some(xml) => comments(&parse_xml(&xml, "word/comments.xml", file_name)?),
        None => Vec::new(),
    };
    let doc = parse_xml(&document, "word/document.xml", file_name)?;
    let anchors = body(&doc, &mut file, file_name)?;
    for (id, author, text) in comment_texts {
        let at = anchors.iter().find(|(a, _)| *a == id).map(|(_, at)| *at);
        file.comments.push(Comment { author, text, at });
    }
    Ok(file)
}

fn provenance(doc: &roxmltree::Document) -> Option<Provenance> {
    let value = |name: &str| {
        doc.descendants()
            .find(|n| n.tag_name().name() == "property" && n.attribute("name") == Some(name))
            .and_then(|p| {
                p.children()
                    .find(|c| c.tag_name().namespace() == Some(NS_VT))
            })
            .and_then(|v| v.text())
            .map(|t| t.trim().to_string())
    };
    let draft = value(custom::DRAFT)?.parse().ok()?;
    Some(Provenance {
        library: value(custom::LIBRARY),
        draft,
        version: value(custom::VERSION).and_then(|v| v.parse().ok()),
    })
}

/// (id, author, text) of every comment.
fn comments(doc: &roxmltree::Document) -> Vec<(String, Option<String>, String)> {
    doc.descendants()
        .filter(|n| is_w(*n, "comment"))
        .map(|c| {
            let text: Vec<String> = c
                .descendants()
                .filter(|p| is_w(*p, "p"))
                .map(|p| {
                    p.descendants()
                        .filter(|t| is_w(*t, "t"))
                        .filter_map(|t| t.text())
                        .collect::<String>()
                })
                .filter(|t| !t.trim().is_empty())
                .collect();
            (
                w_attr(c, "id").unwrap_or_default().to_string(),
                w_attr(c, "author").map(str::to_string),
                text.join("\n").trim().to_string(),
            )
        })
        .collect()
}

/// How a piece of a paragraph was changed (by the author at that index).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Track {
    Kept,
    Inserted(usize),
    Deleted(usize),
}

/// One physical paragraph.
struct Raw {
    old: Para,
    new: Para,
    /// Its mark was inserted (the paragraph did not end here before) / deleted (it no
    /// longer ends here).
    mark_inserted: bool,
    mark_deleted: bool,
    comments: Vec<String>,
    pieces: Vec<(Track, String)>,
}

fn author_index(file: &mut ReviewFile, n: roxmltree::Node) -> usize {
    let name = w_attr(n, "author").unwrap_or("").trim().to_string();
    match file.authors.iter().position(|a| *a == name) {
        Some(i) => i,
        None => {
            file.authors.push(name);
            file.authors.len() - 1
        }
    }
}

/// The tracked change a node is inside, up to its paragraph.
fn track_of(n: roxmltree::Node, file: &mut ReviewFile) -> Track {
    for a in n.ancestors() {
        if is_w(a, "p") {
            break;
        }
        if is_w(a, "ins") || is_w(a, "moveTo") {
            return Track::Inserted(author_index(file, a));
        }
        if is_w(a, "del") || is_w(a, "moveFrom") {
            return Track::Deleted(author_index(file, a));
        }
    }
    Track::Kept
}

fn raw_paragraph(p: roxmltree::Node, file: &mut ReviewFile) -> Raw {
    let mut raw = Raw {
        old: Para::default(),
        new: Para::default(),
        mark_inserted: false,
        mark_deleted: false,
        comments: Vec::new(),
        pieces: Vec::new(),
    };
    if let Some(rpr) = p
        .children()
        .find(|c| is_w(*c, "pPr"))
        .and_then(|ppr| ppr.children().find(|c| is_w(*c, "rPr")))
    {
        raw.mark_inserted = rpr.children().any(|c| is_w(c, "ins") || is_w(c, "moveTo"));
        raw.mark_deleted = rpr
            .children()
            .any(|c| is_w(c, "del") || is_w(c, "moveFrom"));
        file.tracked |= raw.mark_inserted || raw.mark_deleted;
    }
    let mut stack: Vec<roxmltree::Node> = p.children().rev().collect();
    while let Some(n) = stack.pop() {
        // Properties (and the formatting changes inside them) hold no text.
        if is_w(n, "pPr") || is_w(n, "rPr") || is_w(n, "instrText") {
            continue;
        }
        let text = if is_w(n, "t") || is_w(n, "delText") {
            n.text().unwrap_or("")
        } else if is_w(n, "tab") {
            " "
        } else {
            if is_w(n, "commentRangeStart") || is_w(n, "commentReference") {
                if let Some(id) = w_attr(n, "id") {
                    raw.comments.push(id.to_string());
                }
            }
            stack.extend(n.children().rev());
            continue;
        };
        let track = track_of(n, file);
        match raw.pieces.last_mut() {
            Some((t, s)) if *t == track => s.push_str(text),
            _ => raw.pieces.push((track, text.to_string())),
        }
        match track {
            Track::Kept => {
                raw.old.push(text, None);
                raw.new.push(text, None);
            }
            Track::Inserted(a) => {
                file.tracked = true;
                raw.new.push(text, Some(a));
            }
            Track::Deleted(a) => {
                file.tracked = true;
                raw.old.push(text, Some(a));
            }
        }
    }
    raw
}

fn join(into: &mut Para, p: Para) {
    into.text.push_str(&p.text);
    into.marks.extend(p.marks);
}

/// Paragraphs into units; returns where each comment is anchored (the first place).
fn body(
    doc: &roxmltree::Document,
    file: &mut ReviewFile,
    file_name: &str,
) -> Result<Vec<(String, (usize, usize))>> {
    let body = doc
        .root_element()
        .children()
        .find(|c| is_w(*c, "body"))
        .ok_or_else(|| {
            crate::error::Error::unreadable(
                file_name,
                crate::error::Unreadable::Damaged("not a Word document: no body".into()),
            )
        })?;
    let mut anchors: Vec<(String, (usize, usize))> = Vec::new();
    let mut unit = Unit::default();
    let (mut old, mut new) = (Para::default(), Para::default());
    let paragraphs: Vec<roxmltree::Node> = body.descendants().filter(|n| is_w(*n, "p")).collect();
    let mut raws_in_unit = 0;
    for p in paragraphs {
        let raw = raw_paragraph(p, file);
        raws_in_unit += 1;
        let pieces = raw.pieces;
        for id in raw.comments {
            if !anchors.iter().any(|(a, _)| *a == id) {
                anchors.push((id, (file.units.len(), unit.new.len())));
            }
        }
        join(&mut old, raw.old);
        join(&mut new, raw.new);
        if !raw.mark_inserted {
            unit.old.push(std::mem::take(&mut old));
        }
        if !raw.mark_deleted {
            unit.new.push(std::mem::take(&mut new));
        }
        if !raw.mark_inserted && !raw.mark_deleted {
            if raws_in_unit == 1 {
                unit.pieces = Some(pieces);
            }
            raws_in_unit = 0;
            file.units.push(std::mem::take(&mut unit));
        }
    }
    if !old.text.is_empty() {
        unit.old.push(old);
    }
    if !new.text.is_empty() {
        unit.new.push(new);
    }
    if !unit.old.is_empty() || !unit.new.is_empty() {
        file.units.push(unit);
    }
    Ok(anchors)
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn docx(parts: &[(&str, &str)]) -> Vec<u8> {
        use std::io::Write;
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let opts = zip::write::SimpleFileOptions::default();
        for (name, body) in parts {
            zip.start_file(*name, opts).unwrap();
            zip.write_all(body.as_bytes()).unwrap();
        }
        zip.finish().unwrap().into_inner()
    }

    fn document(body: &str) -> String {
        format!("<w:document xmlns:w=\"{NS_W}\"><w:body>{body}</w:body></w:document>")
    }

    fn texts(ps: &[Para]) -> Vec<&str> {
        ps.iter().map(|p| p.text.as_str()).collect()
    }

    const INS: &str = "<w:ins w:id=\"1\" w:author=\"王主任\" w:date=\"2026-03-01T10:00:00Z\">";
    const DEL: &str = "<w:del w:id=\"2\" w:author=\"李处长\" w:date=\"2026-03-01T10:00:00Z\">";

    #[test]
    fn tracked_changes_give_the_text_before_and_after_with_authors() {
        let body = format!(
            "<w:p><w:r><w:t>要加强</w:t></w:r>{DEL}<w:r><w:delText>党的</w:delText></w:r></w:del>\
             {INS}<w:r><w:t>全面</w:t></w:r></w:ins><w:r><w:rPr><w:b/>\
             <w:rPrChange w:id=\"3\" w:author=\"某人\"><w:rPr/></w:rPrChange></w:rPr><w:t>建设。</w:t></w:r></w:p>\
             <w:p><w:moveFrom w:id=\"4\" w:author=\"王主任\"><w:r><w:t>甲</w:t></w:r></w:moveFrom>\
             <w:r><w:t>乙</w:t></w:r><w:moveTo w:id=\"5\" w:author=\"王主任\"><w:r><w:t>甲</w:t></w:r></w:moveTo></w:p>"
        );
        let f = read(&docx(&[("word/document.xml", &document(&body))]), "a.docx").unwrap();
        assert!(f.tracked);
        assert_eq!(f.units.len(), 2);
        assert_eq!(texts(&f.units[0].old), ["要加强党的建设。"]);
        assert_eq!(texts(&f.units[0].new), ["要加强全面建设。"]);
        assert_eq!(texts(&f.units[1].old), ["甲乙"]);
        assert_eq!(texts(&f.units[1].new), ["乙甲"]);
        let who = |m: Option<usize>| m.map(|i| f.authors[i].as_str());
        let new = &f.units[0].new[0];
        assert_eq!(who(new.marks[3]), Some("王主任"));
        assert_eq!(who(new.marks[0]), None);
        assert_eq!(who(f.units[0].old[0].marks[3]), Some("李处长"));
        let pieces = f.units[0].pieces.as_deref().unwrap();
        assert_eq!(pieces[1].1, "党的");
        assert!(matches!(pieces[1].0, Track::Deleted(a) if f.authors[a] == "李处长"));
        assert_eq!(f.provenance, None);
    }

    /// Enter pressed inside a paragraph with tracking on inserts a paragraph mark (one
    /// paragraph became two); a deleted mark joins two into one.
    #[test]
    fn tracked_paragraph_marks_split_and_join() {
        let mark = |kind: &str| {
            format!("<w:pPr><w:rPr><w:{kind} w:id=\"9\" w:author=\"王主任\"/></w:rPr></w:pPr>")
        };
        let body = format!(
            "<w:p>{}<w:r><w:t>第一句。</w:t></w:r></w:p><w:p><w:r><w:t>第二句。</w:t></w:r></w:p>\
             <w:p>{}<w:r><w:t>第三句，</w:t></w:r></w:p><w:p><w:r><w:t>接着写。</w:t></w:r></w:p>\
             <w:p><w:r><w:t>不变。</w:t></w:r></w:p>",
            mark("ins"),
            mark("del")
        );
        let f = read(&docx(&[("word/document.xml", &document(&body))]), "a.docx").unwrap();
        assert!(f.tracked);
        assert_eq!(texts(&f.units[0].old), ["第一句。第二句。"]);
        assert_eq!(texts(&f.units[0].new), ["第一句。", "第二句。"]);
        assert_eq!(texts(&f.units[1].old), ["第三句，", "接着写。"]);
        assert_eq!(texts(&f.units[1].new), ["第三句，接着写。"]);
        assert_eq!(texts(&f.units[2].new), ["不变。"]);
        assert!(f.units[0].pieces.is_none() && f.units[2].pieces.is_some());
    }

    #[test]
    fn comments_provenance_and_the_last_author() {
        let body = "<w:p><w:r><w:t>一段。</w:t></w:r></w:p>\
             <w:p><w:commentRangeStart w:id=\"7\"/><w:r><w:t>二段。</w:t></w:r>\
             <w:commentRangeEnd w:id=\"7\"/><w:r><w:commentReference w:id=\"7\"/></w:r></w:p>";
        let comments = format!(
            "<w:comments xmlns:w=\"{NS_W}\"><w:comment w:id=\"7\" w:author=\"王主任\">\
             <w:p><w:r><w:t>再具体些。</w:t></w:r></w:p></w:comment></w:comments>"
        );
        let custom = custom::custom_xml(&Provenance {
            library: Some("ab12".into()),
            draft: 5,
            version: Some(9),
        });
        let core = "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\">\
                    <cp:lastModifiedBy>办公室</cp:lastModifiedBy></cp:coreProperties>";
        let f = read(
            &docx(&[
                ("word/document.xml", &document(body)),
                ("word/comments.xml", &comments),
                ("docProps/custom.xml", &custom),
                ("docProps/core.xml", core),
            ]),
            "a.docx",
        )
        .unwrap();
        assert!(!f.tracked);
        assert_eq!(
            f.comments,
            [Comment {
                author: Some("王主任".into()),
                text: "再具体些。".into(),
                at: Some((1, 0)),
            }]
        );
        assert_eq!(
            f.provenance,
            Some(Provenance {
                library: Some("ab12".into()),
                draft: 5,
                version: Some(9)
            })
        );
        assert_eq!(f.last_author.as_deref(), Some("办公室"));
    }

    /// A DTD (entities, external references) is refused, as in the import.
    #[test]
    fn a_dtd_is_refused() {
        let xml = format!(
            "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>{}",
            document("<w:p><w:r><w:t>&x;</w:t></w:r></w:p>")
        );
        let e = read(&docx(&[("word/document.xml", &xml)]), "a.docx").unwrap_err();
        assert!(matches!(e, crate::Error::Unreadable { .. }), "{e}");
    }
}
