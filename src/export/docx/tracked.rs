//! The changes since a version, in the .docx: native tracked changes (修订) that WPS and
//! Word list in 审阅 for the leader to accept or reject — `w:ins`/`w:del` around runs
//! (`w:delText` inside deletions), on the paragraph mark of a paragraph inserted or
//! deleted whole, `w:pPrChange` on a paragraph printed in another style — or the printable
//! 花脸稿: deletions struck through, insertions underlined, both in red, with no
//! tracked-change markup. Reads a [`Redline`]; every other part (styles, page, numbering
//! as rendered, fonts, footers) is the normal export's, and the paragraphs are written by
//! its writers.

use serde::{Deserialize, Serialize};

use super::{
    push_pieces, split_title, zip_parts, Document, DocxOptions, NodeKind, PrintedMark, Style,
    Writer, BLANK_LINE, LINE_BREAK,
};
use crate::error::Result;
use crate::redline::{Kind, Mark, Para, Redline, Segment, State};

/// How the changes are shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ChangeStyle {
    /// Native tracked changes (修订), to accept or reject.
    #[default]
    Tracked,
    /// The printable 花脸稿: struck through and underlined in red.
    Marked,
}

/// The changes to show: how, and who made them when (w:author, w:date).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Revision {
    pub style: ChangeStyle,
    pub author: String,
    /// ISO 8601, as Word writes it: `2026-11-30T21:05:00Z`.
    pub date: String,
}

/// The .docx of `new` with the changes of `redline` (from an older version to `new`).
pub fn to_docx_with_changes(
    new: &Document,
    redline: &Redline,
    opts: &DocxOptions,
    revision: &Revision,
) -> Result<Vec<u8>> {
    let w = Writer {
        profile: &opts.profile,
        faces: opts.fonts.faces(),
    };
    let mut body = Some(ChangeWriter::new(&w, revision).document(redline));
    let mut parts = super::parts(new, opts);
    for (name, part) in &mut parts {
        if *name == "word/document.xml" {
            if let Some(b) = body.take() {
                *part = b;
            }
        }
    }
    zip_parts(&parts)
}

/// The document part alone (for tests and the count of changes).
pub fn document_xml(redline: &Redline, opts: &DocxOptions, revision: &Revision) -> String {
    let w = Writer {
        profile: &opts.profile,
        faces: opts.fonts.faces(),
    };
    ChangeWriter::new(&w, revision).document(redline)
}

/// A Unix time as `w:date`: China time, where the writers are, marked `Z` the way Word
/// writes its local time (newer Word adds the true UTC in another attribute).
pub fn word_date(ts: i64) -> String {
    let [y, mo, d, h, mi, s] = crate::store::backup::china_time(ts);
    format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}Z")
}

/// How many insertions and deletions a reviewer meets in the tracked .docx of
/// `redline`: contiguous ones of a kind are one, across paragraph marks too, as
/// LibreOffice's 管理修订 and Word's 审阅 list them. A restyled paragraph's format change
/// (`w:pPrChange`) is not counted: LibreOffice lists it in pieces, split around the
/// insertions and deletions inside the paragraph.
pub fn change_count(redline: &Redline) -> usize {
    let last = redline.paragraphs.len().saturating_sub(1);
    let (mut count, mut open, mut blank) = (0, Mark::Equal, false);
    for (i, p) in redline.paragraphs.iter().enumerate() {
        if !blank && !is_head(p.kind) {
            // The blank line between head and speech is unchanged: it parts changes.
            (blank, open) = (true, Mark::Equal);
        }
        let para_mark = match p.state {
            State::Inserted => Mark::Ins,
            State::Deleted if i != last => Mark::Del,
            _ => Mark::Equal,
        };
        for mark in p.segments.iter().map(|s| s.mark).chain([para_mark]) {
            if mark != Mark::Equal && mark != open {
                count += 1;
            }
            open = mark;
        }
    }
    count
}

/// The title and the lines under it, before the blank line.
fn is_head(kind: Kind) -> bool {
    matches!(kind, Kind::Title | Kind::Speaker | Kind::Date)
}

struct ChangeWriter<'a> {
    w: &'a Writer<'a>,
    revision: &'a Revision,
    tracked: bool,
    /// The next `w:id`: unique among the document's changes.
    next_id: u32,
}

impl<'a> ChangeWriter<'a> {
    fn new(w: &'a Writer<'a>, revision: &'a Revision) -> Self {
        ChangeWriter {
            w,
            revision,
            tracked: revision.style == ChangeStyle::Tracked,
            next_id: 1,
        }
    }

    fn document(&mut self, r: &Redline) -> String {
        let capacity: usize = r
            .paragraphs
            .iter()
            .flat_map(|p| &p.segments)
            .map(|s| s.text.len() * 3 + 160)
            .sum();
        let w = self.w;
        let last = r.paragraphs.len().saturating_sub(1);
        w.document_part(capacity + 1024, |out| {
            let mut blank = false;
            for (i, p) in r.paragraphs.iter().enumerate() {
                if !blank && !is_head(p.kind) {
                    out.push_str(BLANK_LINE);
                    blank = true;
                }
                self.para(out, p, i == last);
            }
            if !blank {
                out.push_str(BLANK_LINE);
            }
        })
    }

    fn style(&self, kind: Kind, level: Option<usize>) -> Style {
        match kind {
            Kind::Title => self.w.title_style(),
            Kind::Speaker | Kind::Date => self.w.head_style(),
            Kind::Greeting => self.w.greeting_style(),
            Kind::Heading => self.w.node_style(NodeKind::Heading, level),
            Kind::Item | Kind::Paragraph => self.w.node_style(NodeKind::Paragraph, None),
        }
    }

    /// ` w:id="…" w:author="…" w:date="…"` with a fresh id.
    fn attributes(&mut self, out: &mut String) {
        out.push_str(" w:id=\"");
        out.push_str(&self.next_id.to_string());
        self.next_id += 1;
        out.push_str("\" w:author=\"");
        super::escape_into(&self.revision.author, out);
        out.push_str("\" w:date=\"");
        super::escape_into(&self.revision.date, out);
        out.push('"');
    }

    /// The paragraph's start: its style, and when tracked, its mark inserted or deleted
    /// and the style it had.
    fn open(&mut self, out: &mut String, p: &Para, style: Style, last: bool) {
        // Word keeps the last paragraph mark of a document: its text is deleted, the
        // empty paragraph stays.
        let mark = match p.state {
            State::Inserted => Some("w:ins"),
            State::Deleted if !last => Some("w:del"),
            _ => None,
        };
        let was = p.was.filter(|_| self.tracked);
        if !self.tracked || (mark.is_none() && was.is_none()) {
            super::push_ppr(out, style.id, false);
            return;
        }
        out.push_str("<w:p><w:pPr>");
        push_style(out, style.id);
        if let Some(mark) = mark {
            out.push_str("<w:rPr><");
            out.push_str(mark);
            self.attributes(out);
            out.push_str("/></w:rPr>");
        }
        if let Some(was) = was {
            out.push_str("<w:pPrChange");
            self.attributes(out);
            out.push_str("><w:pPr>");
            push_style(out, self.style(was.kind, was.level).id);
            out.push_str("</w:pPr></w:pPrChange>");
        }
        out.push_str("</w:pPr>");
    }

    fn para(&mut self, out: &mut String, p: &Para, last: bool) {
        let style = self.style(p.kind, p.level);
        self.open(out, p, style, last);
        let breaks = if p.kind == Kind::Title {
            title_breaks(&p.new_text(), self.w.profile.title_ems())
        } else {
            Vec::new()
        };
        let mut at = 0;
        let mut rest = p.segments.as_slice();
        while let Some(first) = rest.first() {
            let n = rest.iter().take_while(|s| s.mark == first.mark).count();
            let (group, tail) = rest.split_at(n);
            self.group(out, p, style, group, (&mut at, &breaks));
            rest = tail;
        }
        out.push_str("</w:p>");
    }

    /// Segments of one mark: one `w:ins` or `w:del` when tracked, runs inside. `at` counts
    /// the characters of the new text so far, for the title's line breaks.
    fn group(
        &mut self,
        out: &mut String,
        p: &Para,
        style: Style,
        group: &[Segment],
        (at, breaks): (&mut usize, &[usize]),
    ) {
        let mark = group[0].mark;
        let element = match mark {
            Mark::Ins if self.tracked => Some("w:ins"),
            Mark::Del if self.tracked => Some("w:del"),
            _ => None,
        };
        if let Some(e) = element {
            out.push('<');
            out.push_str(e);
            self.attributes(out);
            out.push('>');
        }
        let mut pieces = Vec::with_capacity(group.len());
        for s in group {
            let fmt = self.fmt(p, s);
            if mark == Mark::Del {
                pieces.push((s.text.as_str(), fmt));
                continue;
            }
            let mut from = 0;
            for (i, (byte, _)) in s.text.char_indices().enumerate() {
                if *at + i > 0 && breaks.contains(&(*at + i)) {
                    pieces.push((&s.text[from..byte], fmt));
                    push_pieces(out, pieces.drain(..), style.face);
                    out.push_str(LINE_BREAK);
                    from = byte;
                }
            }
            pieces.push((&s.text[from..], fmt));
            *at += s.text.chars().count();
        }
        push_pieces(out, pieces, style.face);
        if let Some(e) = element {
            out.push_str("</");
            out.push_str(e);
            out.push('>');
        }
    }

    fn fmt(&self, p: &Para, s: &Segment) -> super::RunFmt {
        let lead = s.prefix && p.kind == Kind::Item;
        let mut fmt = self.w.run_fmt(s.bold, lead, s.unfilled, false);
        match (self.tracked, s.mark) {
            (_, Mark::Equal) => {}
            (true, Mark::Del) => fmt.deleted = true,
            (true, Mark::Ins) => {}
            (false, Mark::Del) => fmt.printed = PrintedMark::Struck,
            (false, Mark::Ins) => fmt.printed = PrintedMark::Underlined,
        }
        fmt
    }
}

fn push_style(out: &mut String, id: &str) {
    if id != "Normal" {
        out.push_str("<w:pStyle w:val=\"");
        out.push_str(id);
        out.push_str("\"/>");
    }
}

/// Where the title's lines break, in characters of its new text (as the normal export
/// splits it).
fn title_breaks(title: &str, ems: f32) -> Vec<usize> {
    let lines = split_title(title, ems);
    let mut at = 0;
    let mut out = Vec::with_capacity(lines.len());
    for line in &lines[..lines.len().saturating_sub(1)] {
        at += line.chars().count();
        out.push(at);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Meta, Node, Run};
    use crate::redline::redline;

    fn doc(title: &str, texts: &[(i64, &str)]) -> Document {
        Document {
            title: title.into(),
            speaker: None,
            date: None,
            greeting: Some("同志们：".into()),
            speech_type: "opening".into(),
            meta: Meta::default(),
            unfilled: vec![],
            nodes: texts
                .iter()
                .map(|&(id, t)| Node {
                    id,
                    kind: NodeKind::Paragraph,
                    level: None,
                    number: None,
                    lead: None,
                    text: t.into(),
                    runs: vec![Run {
                        text: t.into(),
                        ..Run::default()
                    }],
                    note: None,
                    children: vec![],
                })
                .collect(),
        }
    }

    fn revision(style: ChangeStyle) -> Revision {
        Revision {
            style,
            author: "李<明>".into(),
            date: word_date(1_796_044_806),
        }
    }

    #[test]
    fn dates_are_written_as_word_writes_them() {
        assert_eq!(word_date(1_796_044_806), "2026-11-30T21:20:06Z");
    }

    #[test]
    fn changes_are_tracked_with_unique_ids_and_the_author() {
        let old = doc("大会讲话", &[(1, "要加强学习。"), (2, "删去的一段。")]);
        let new = doc("大会讲话", &[(1, "要强化学习。"), (3, "新增的一段。")]);
        let xml = document_xml(
            &redline(&old, &new),
            &DocxOptions::default(),
            &revision(ChangeStyle::Tracked),
        );
        assert!(xml.contains("<w:delText>加强</w:delText>"), "{xml}");
        // 加强 → 强化, a paragraph deleted (runs and mark), one inserted (runs and mark).
        assert_eq!(xml.matches("<w:ins ").count(), 3, "{xml}");
        assert_eq!(xml.matches("<w:del ").count(), 3, "{xml}");
        let ids: Vec<&str> = xml
            .split(" w:id=\"")
            .skip(1)
            .map(|s| &s[..s.find('"').unwrap()])
            .collect();
        let mut unique = ids.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(ids.len(), 6);
        assert_eq!(unique.len(), 6);
        assert_eq!(xml.matches("w:author=\"李&lt;明&gt;\"").count(), 6);
        // 加强, 强化, then the deleted paragraph's text and mark, and the inserted one's
        // text and mark: runs of one kind across paragraph marks are one change each.
        assert_eq!(change_count(&redline(&old, &new)), 4);
        assert!(!xml.contains("<w:strike/>"));
        // The last paragraph's mark is inserted: it is not the document's last kept one.
        assert!(xml.contains("<w:rPr><w:ins w:id="), "{xml}");
    }

    #[test]
    fn the_marked_copy_prints_the_changes_without_tracking() {
        let old = doc("大会讲话", &[(1, "要加强学习。")]);
        let new = doc("大会讲话", &[(1, "要强化学习。")]);
        let xml = document_xml(
            &redline(&old, &new),
            &DocxOptions::default(),
            &revision(ChangeStyle::Marked),
        );
        assert!(!xml.contains("<w:ins") && !xml.contains("<w:del"), "{xml}");
        assert!(
            xml.contains("<w:strike/><w:color w:val=\"FF0000\"/>"),
            "{xml}"
        );
        assert!(xml.contains("<w:color w:val=\"FF0000\"/><w:lang"), "{xml}");
        assert!(xml.contains("<w:u w:val=\"single\"/>"), "{xml}");
        assert!(xml.contains(">加强</w:t>") && xml.contains(">强化</w:t>"));
    }

    /// With nothing changed, the document part is the normal export's, byte for byte.
    #[test]
    fn no_changes_is_the_normal_export() {
        let title = "在全市工会系统先进集体和先进个人表彰大会暨年度工作会议上的讲话";
        let d = doc(title, &[(1, "要加强学习。"), (2, "二段。")]);
        let opts = DocxOptions::default();
        let w = Writer {
            profile: &opts.profile,
            faces: opts.fonts.faces(),
        };
        let plain = w.document(&d);
        assert!(plain.contains(LINE_BREAK), "a long title in lines");
        for style in [ChangeStyle::Tracked, ChangeStyle::Marked] {
            assert_eq!(
                document_xml(&redline(&d, &d), &opts, &revision(style)),
                plain
            );
        }
    }

    #[test]
    fn a_changed_title_keeps_its_line_breaks() {
        let old = doc("在全市工会系统先进集体和先进个人表彰大会上的讲话", &[]);
        let new = doc(
            "在全市工会系统先进集体和先进个人表彰大会暨年度工作会议上的讲话",
            &[],
        );
        let xml = document_xml(
            &redline(&old, &new),
            &DocxOptions::default(),
            &revision(ChangeStyle::Tracked),
        );
        assert_eq!(xml.matches(LINE_BREAK).count(), 1, "{xml}");
        assert!(xml.contains("<w:ins "), "{xml}");
    }
}
