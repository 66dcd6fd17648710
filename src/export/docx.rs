//! .docx export: the official copy in GB/T 9704 layout and the large-print podium copy
//! (大字版), written as WordprocessingML parts by hand so every value is ours: no theme
//! fonts, every style names its East Asian face, elements in schema order.
//! See shared/layout/GBT9704.md for where the numbers come from.
//!
//! Reads the [`Document`] only; numbering, leads and slot values are already in it.

pub mod custom;
mod package;
pub mod tracked;

use crate::document::{Document, Node};
use crate::error::Result;
use crate::outline::NodeKind;
use crate::slot::marked_pieces;

use crate::layout::profile::alt_name;
pub use crate::layout::profile::{
    size, Faces, FontSet, Layout, LayoutProfile, Page, PageNumbers, A4_OFFICIAL, LATIN_FACE,
};
use crate::layout::title;
pub use crate::layout::title::split_title;
pub use custom::Provenance;

/// What to export: a layout profile and a font set.
#[derive(Debug, Clone, PartialEq)]
pub struct DocxOptions {
    pub profile: LayoutProfile,
    pub fonts: FontSet,
    /// Where the file comes from, written as docProps/custom.xml.
    pub provenance: Option<Provenance>,
}

impl Default for DocxOptions {
    fn default() -> Self {
        DocxOptions::new(Layout::Official, FontSet::Windows, None)
    }
}

impl DocxOptions {
    /// The layout's profile with its own page numbers unless `page_numbers` is given.
    pub fn new(layout: Layout, fonts: FontSet, page_numbers: Option<PageNumbers>) -> Self {
        let mut profile = LayoutProfile::for_layout(layout);
        if let Some(p) = page_numbers {
            profile.page_numbers = p;
        }
        DocxOptions {
            profile,
            fonts,
            provenance: None,
        }
    }
}

const NS_W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const NS_R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const XML_DECL: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

/// Characters XML 1.0 cannot carry at all.
fn xml_allowed(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// Escapes text for element content and attribute values alike.
fn escape_into(text: &str, out: &mut String) {
    // Copies the stretches that need nothing as whole slices; most of a speech is one.
    let mut clean = 0;
    for (i, c) in text.char_indices() {
        let replacement = match c {
            '&' => "&amp;",
            '<' => "&lt;",
            '>' => "&gt;",
            '"' => "&quot;",
            '\'' => "&apos;",
            // Line breaks and tabs are not part of a speech's text; a space keeps words apart.
            '\t' | '\n' | '\r' => " ",
            c if xml_allowed(c) => continue,
            _ => "",
        };
        out.push_str(&text[clean..i]);
        out.push_str(replacement);
        clean = i + c.len_utf8();
    }
    out.push_str(&text[clean..]);
}

fn escape(text: &str) -> String {
    let mut s = String::with_capacity(text.len());
    escape_into(text, &mut s);
    s
}

/// Characters that Word sets in either the Latin or the East Asian face depending on
/// context: quotes, dashes, ellipsis, middle dot, ℃, ①, ※ …. Inside Chinese text they
/// must come out in the Chinese face, so they get runs of their own that name it.
fn ambiguous(c: char) -> bool {
    matches!(
        c,
        '\u{A7}' | '\u{A8}' | '\u{B0}' | '\u{B1}' | '\u{B7}' | '\u{D7}' | '\u{F7}'
            | '\u{2010}'..='\u{206F}'
            | '\u{2100}'..='\u{22FF}'
            | '\u{2460}'..='\u{27BF}'
    )
}

/// The faces a paragraph style uses.
#[derive(Clone, Copy)]
struct Style {
    id: &'static str,
    face: &'static str,
}

/// How one run is set.
#[derive(Clone, Copy, Default, PartialEq, Eq)]
struct RunFmt {
    bold: bool,
    /// A face other than the paragraph's: a stage cue in the font set's 楷.
    face: Option<&'static str>,
    highlight: bool,
    /// The 花脸稿's printed marks.
    printed: PrintedMark,
    /// Text of a tracked deletion (`w:delText`).
    deleted: bool,
}

/// A change printed on the page rather than tracked: struck through or underlined, red.
#[derive(Clone, Copy, Default, PartialEq, Eq)]
enum PrintedMark {
    #[default]
    None,
    Struck,
    Underlined,
}

/// The colour of printed changes.
const MARK_COLOUR: &str = "FF0000";

fn push_rfonts(out: &mut String, ascii: &str, east_asia: &str, hint: bool) {
    out.push_str("<w:rFonts w:ascii=\"");
    out.push_str(ascii);
    out.push_str("\" w:eastAsia=\"");
    out.push_str(east_asia);
    out.push_str("\" w:hAnsi=\"");
    out.push_str(ascii);
    out.push_str("\" w:cs=\"");
    out.push_str(ascii);
    if hint {
        out.push_str("\" w:hint=\"eastAsia");
    }
    out.push_str("\"/>");
}

const LANG: &str = "<w:lang w:val=\"en-US\" w:eastAsia=\"zh-CN\"/>";

/// One `w:r` with `text` (already free of characters that need a face of their own).
fn push_run(out: &mut String, text: &str, fmt: RunFmt, cjk_face: Option<&str>) {
    out.push_str("<w:r><w:rPr>");
    match (cjk_face, fmt.face) {
        (Some(face), _) => push_rfonts(out, face, face, true),
        (None, Some(face)) => push_rfonts(out, LATIN_FACE, face, false),
        (None, None) => {}
    }
    if fmt.bold {
        out.push_str("<w:b/><w:bCs/>");
    }
    // Schema order: strike, color, highlight, u.
    if fmt.printed == PrintedMark::Struck {
        out.push_str("<w:strike/>");
    }
    if fmt.printed != PrintedMark::None {
        out.push_str("<w:color w:val=\"");
        out.push_str(MARK_COLOUR);
        out.push_str("\"/>");
    }
    if fmt.highlight {
        out.push_str("<w:highlight w:val=\"yellow\"/>");
    }
    if fmt.printed == PrintedMark::Underlined {
        out.push_str("<w:u w:val=\"single\"/>");
    }
    out.push_str(LANG);
    let element = if fmt.deleted { "w:delText" } else { "w:t" };
    out.push_str("</w:rPr><");
    out.push_str(element);
    // Spaces at the ends of a run are kept only when asked; a speech seldom has any.
    if text.contains([' ', '\t']) {
        out.push_str(" xml:space=\"preserve\"");
    }
    out.push('>');
    escape_into(text, out);
    out.push_str("</");
    out.push_str(element);
    out.push_str("></w:r>");
}

/// Writes `text` as runs, splitting off ambiguous characters into runs set in `face`.
fn push_text(out: &mut String, text: &str, fmt: RunFmt, face: &str) {
    let mut start = 0;
    let mut in_ambiguous = false;
    for (i, c) in text.char_indices() {
        let a = ambiguous(c);
        if a != in_ambiguous {
            if i > start {
                push_run(out, &text[start..i], fmt, in_ambiguous.then_some(face));
            }
            start = i;
            in_ambiguous = a;
        }
    }
    if start < text.len() {
        push_run(out, &text[start..], fmt, in_ambiguous.then_some(face));
    }
}

/// A paragraph's start and its style; `no_widow_control` turns widow control off in it.
fn push_ppr(out: &mut String, style: &str, no_widow_control: bool) {
    if style == "Normal" && !no_widow_control {
        // The default paragraph style needs no mention: most paragraphs of a speech.
        out.push_str("<w:p>");
        return;
    }
    out.push_str("<w:p><w:pPr>");
    if style != "Normal" {
        out.push_str("<w:pStyle w:val=\"");
        out.push_str(style);
        out.push_str("\"/>");
    }
    if no_widow_control {
        out.push_str("<w:widowControl w:val=\"0\"/>");
    }
    out.push_str("</w:pPr>");
}

/// Writes pieces of text as runs in `face`. Neighbouring pieces set alike become one
/// `w:r`: a filled slot reads as part of its sentence, and the part stays half the size.
fn push_pieces<'a>(
    out: &mut String,
    pieces: impl IntoIterator<Item = (&'a str, RunFmt)>,
    face: &str,
) {
    let mut pending = String::new();
    let mut pending_fmt = RunFmt::default();
    for (text, fmt) in pieces {
        if fmt != pending_fmt && !pending.is_empty() {
            push_text(out, &pending, pending_fmt, pending_fmt.face.unwrap_or(face));
            pending.clear();
        }
        pending_fmt = fmt;
        pending.push_str(text);
    }
    if !pending.is_empty() {
        push_text(out, &pending, pending_fmt, pending_fmt.face.unwrap_or(face));
    }
}

/// Pieces of text with how each is set.
type Pieces<'a> = Vec<(&'a str, RunFmt)>;

/// The pieces before and after byte `at` of their joined text.
fn split_pieces<'a>(pieces: &[(&'a str, RunFmt)], at: usize) -> (Pieces<'a>, Pieces<'a>) {
    let (mut first, mut rest) = (Vec::new(), Vec::new());
    let mut start = 0;
    for &(text, fmt) in pieces {
        let end = start + text.len();
        if end <= at {
            first.push((text, fmt));
        } else if start >= at {
            rest.push((text, fmt));
        } else {
            first.push((&text[..at - start], fmt));
            rest.push((&text[at - start..], fmt));
        }
        start = end;
    }
    (first, rest)
}

fn push_para(out: &mut String, style: Style, text: &str) {
    push_ppr(out, style.id, false);
    push_text(out, text, RunFmt::default(), style.face);
    out.push_str("</w:p>");
}

/// A line break inside the title.
const LINE_BREAK: &str = "<w:r><w:br/></w:r>";

/// One blank line between the head and the speech.
const BLANK_LINE: &str = "<w:p><w:pPr><w:pStyle w:val=\"Greeting\"/></w:pPr></w:p>";

struct Writer<'a> {
    profile: &'a LayoutProfile,
    faces: Faces,
}

impl Writer<'_> {
    fn heading_style(&self, level: usize) -> Style {
        let f = self.faces;
        match level {
            0 | 1 => Style {
                id: "Heading1",
                face: f.hei,
            },
            2 => Style {
                id: "Heading2",
                face: f.kai,
            },
            3 => Style {
                id: "Heading3",
                face: f.fang,
            },
            _ => Style {
                id: "Heading4",
                face: f.fang,
            },
        }
    }

    /// The style of an outline node of this kind (and level, for headings).
    fn node_style(&self, kind: NodeKind, level: Option<usize>) -> Style {
        match (kind, level) {
            (NodeKind::Heading, Some(level)) => self.heading_style(level),
            _ => Style {
                id: "Normal",
                face: self.faces.fang,
            },
        }
    }

    /// How a run of an outline node is set: bold as written, a lead bold where the
    /// layout says so, an unfilled slot highlighted where the layout says so, a stage
    /// cue in 楷 (as hosts expect it set apart from what they read out).
    fn run_fmt(&self, bold: bool, lead: bool, unfilled: bool, cue: bool) -> RunFmt {
        RunFmt {
            bold: bold || (lead && self.profile.bold_leads),
            highlight: unfilled && self.profile.mark_unfilled,
            face: cue.then_some(self.faces.kai),
            ..RunFmt::default()
        }
    }

    /// `after_heading`: the paragraph follows a heading, which is kept with it. Widow
    /// control is off in that paragraph, so the heading needs only its first line on the
    /// page, not the whole paragraph (a short paragraph under widow control cannot be
    /// split, and the heading and paragraph went over to the next page together).
    fn node(&self, out: &mut String, node: &Node, after_heading: bool) {
        let style = self.node_style(node.kind, node.level);
        let under_heading = after_heading && node.kind != NodeKind::Heading;
        push_ppr(out, style.id, under_heading && self.profile.widow_control);
        let runs = node.display_runs();
        let pieces: Pieces = runs
            .iter()
            .enumerate()
            .map(|(i, run)| {
                let lead = i == 0 && node.lead.is_some();
                (
                    run.text.as_str(),
                    self.run_fmt(run.bold, lead, run.unfilled, run.cue),
                )
            })
            .collect();
        match node
            .level
            .and_then(|level| self.heading_break(level, &pieces))
        {
            Some(at) => {
                let (first, rest) = split_pieces(&pieces, at);
                push_pieces(out, first, style.face);
                out.push_str(LINE_BREAK);
                push_pieces(out, rest, style.face);
            }
            None => push_pieces(out, pieces, style.face),
        }
        out.push_str("</w:p>");
    }

    /// Where a heading that wraps takes a line break (a byte offset into its printed
    /// text) so that its last line is not one character alone, measured as the layout
    /// sets a heading of `level`.
    fn heading_break(&self, level: usize, pieces: &[(&str, RunFmt)]) -> Option<usize> {
        let p = self.profile;
        let size = p.heading_size[level.clamp(1, 4) - 1] as f32 / 2.0;
        let m = title::Measure {
            size,
            spacing: p.char_spacing as f32 / 20.0,
            width: p.text_width() as f32 / 20.0,
            indents: [p.indent() as f32 / 20.0, 2.0 * size],
        };
        let text: String = pieces.iter().map(|(t, _)| *t).collect();
        let at = title::lone_char_break(&text, &m)?;
        text.char_indices().nth(at).map(|(i, _)| i)
    }

    /// The title's style: one paragraph, its lines broken by w:br so readers still see
    /// one title.
    fn title_style(&self) -> Style {
        Style {
            id: "Title",
            face: self.faces.title,
        }
    }

    /// The speaker and date lines.
    fn head_style(&self) -> Style {
        Style {
            id: "SpeakerLine",
            face: self.faces.kai,
        }
    }

    fn greeting_style(&self) -> Style {
        Style {
            id: "Greeting",
            face: self.faces.fang,
        }
    }

    /// The document part: `body` writes the paragraphs, then come the section's properties.
    fn document_part(&self, capacity: usize, body: impl FnOnce(&mut String)) -> String {
        let mut out = String::with_capacity(capacity);
        out.push_str(XML_DECL);
        out.push_str("<w:document xmlns:w=\"");
        out.push_str(NS_W);
        out.push_str("\" xmlns:r=\"");
        out.push_str(NS_R);
        out.push_str("\"><w:body>");
        body(&mut out);
        out.push_str(&self.sect_pr());
        out.push_str("</w:body></w:document>");
        out
    }

    fn document(&self, doc: &Document) -> String {
        let capacity = doc.title.len() * 2 + 1024 + doc_len(doc) * 3;
        self.document_part(capacity, |out| {
            let title = self.title_style();
            push_ppr(out, title.id, false);
            let lines = split_title(&doc.title, self.profile.title_ems());
            for (i, line) in lines.iter().enumerate() {
                if i > 0 {
                    out.push_str(LINE_BREAK);
                }
                push_pieces(out, self.head_pieces(doc, line), title.face);
            }
            out.push_str("</w:p>");
            let mut greeting = None;
            for (kind, line) in doc.head_lines() {
                if kind == "greeting" {
                    greeting = Some(line);
                } else {
                    let style = self.head_style();
                    push_ppr(out, style.id, false);
                    push_pieces(out, self.head_pieces(doc, line), style.face);
                    out.push_str("</w:p>");
                }
            }
            out.push_str(BLANK_LINE);
            if let Some(g) = greeting {
                push_para(out, self.greeting_style(), g);
            }
            let mut after_heading = false;
            for node in doc.walk() {
                self.node(out, node, after_heading);
                after_heading = node.kind == NodeKind::Heading;
            }
        })
    }

    /// A title or head line as pieces: the markers of slots left blank (【名称】, the
    /// document's `unfilled`) highlighted where the layout highlights them in the body.
    fn head_pieces<'t>(&self, doc: &Document, line: &'t str) -> Pieces<'t> {
        let plain = RunFmt::default();
        if !self.profile.mark_unfilled {
            return vec![(line, plain)];
        }
        marked_pieces(line, &doc.unfilled)
            .into_iter()
            .map(|(text, marked)| {
                let fmt = RunFmt {
                    highlight: marked,
                    ..plain
                };
                (text, fmt)
            })
            .collect()
    }

    fn sect_pr(&self) -> String {
        let p = self.profile;
        let pg = &p.page;
        let mut s = String::from("<w:sectPr>");
        if p.page_numbers == PageNumbers::Outside {
            s.push_str("<w:footerReference w:type=\"even\" r:id=\"rId5\"/>");
        }
        s.push_str("<w:footerReference w:type=\"default\" r:id=\"rId4\"/>");
        s.push_str(&format!(
            "<w:pgSz w:w=\"{}\" w:h=\"{}\"/><w:pgMar w:top=\"{}\" w:right=\"{}\" w:bottom=\"{}\" \
             w:left=\"{}\" w:header=\"{}\" w:footer=\"{}\" w:gutter=\"0\"/><w:cols w:space=\"425\"/>",
            pg.width, pg.height, pg.top, pg.right, pg.bottom, pg.left, pg.header, pg.footer
        ));
        if p.line_grid {
            s.push_str(&format!(
                "<w:docGrid w:type=\"lines\" w:linePitch=\"{}\"/>",
                p.line
            ));
        } else {
            s.push_str(&format!("<w:docGrid w:linePitch=\"{}\"/>", p.line));
        }
        s.push_str("</w:sectPr>");
        s
    }

    /// rPr of a style: every face named, never a theme font.
    fn style_rpr(&self, face: &str, size: u32, bold: bool) -> String {
        let mut s = String::from("<w:rPr>");
        push_rfonts(&mut s, LATIN_FACE, face, false);
        if bold {
            s.push_str("<w:b/><w:bCs/>");
        }
        s.push_str(&format!(
            "<w:sz w:val=\"{size}\"/><w:szCs w:val=\"{size}\"/>{LANG}</w:rPr>"
        ));
        s
    }

    fn styles(&self) -> String {
        let p = self.profile;
        let f = self.faces;
        let mut s = String::with_capacity(8192);
        s.push_str(XML_DECL);
        s.push_str("<w:styles xmlns:w=\"");
        s.push_str(NS_W);
        s.push_str("\"><w:docDefaults><w:rPrDefault><w:rPr>");
        push_rfonts(&mut s, LATIN_FACE, f.fang, false);
        if p.char_spacing != 0 {
            s.push_str(&format!("<w:spacing w:val=\"{}\"/>", p.char_spacing));
        }
        s.push_str(&format!(
            "<w:sz w:val=\"{0}\"/><w:szCs w:val=\"{0}\"/>{LANG}</w:rPr></w:rPrDefault>",
            p.body_size
        ));
        // w:overflowPunct="1" is Word's and WPS's default (a closing mark may hang past the
        // margin, so a line still holds 28 characters), written out because LibreOffice
        // reads it inverted (DomainMapper: hanging = overflowPunct == 0) and, left out,
        // hangs marks that its justified lines then do not draw. Said explicitly, it keeps
        // LibreOffice from hanging: the mark goes down with the character before it.
        // autoSpaceDE/DN off, as official templates have them: Word's extra space between
        // Chinese and Latin letters or figures would cost a line with figures a character.
        s.push_str(&format!(
            "<w:pPrDefault><w:pPr><w:widowControl w:val=\"{}\"/>\
             <w:overflowPunct w:val=\"1\"/>\
             <w:autoSpaceDE w:val=\"0\"/><w:autoSpaceDN w:val=\"0\"/>\
             <w:spacing w:before=\"0\" w:after=\"0\" w:line=\"{}\" w:lineRule=\"exact\"/>\
             <w:jc w:val=\"both\"/></w:pPr></w:pPrDefault></w:docDefaults>",
            u8::from(p.widow_control),
            p.line
        ));
        let indent = p.indent();
        let first_line = format!("<w:ind w:firstLine=\"{indent}\" w:firstLineChars=\"200\"/>");
        let no_indent = "<w:ind w:firstLine=\"0\" w:firstLineChars=\"0\"/>";

        // Body text: justified, two characters in.
        s.push_str(
            "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\">\
             <w:name w:val=\"Normal\"/><w:qFormat/><w:pPr>",
        );
        s.push_str(&first_line);
        s.push_str("</w:pPr>");
        s.push_str(&self.style_rpr(f.fang, p.body_size, false));
        s.push_str("</w:style>");

        s.push_str(
            "<w:style w:type=\"character\" w:default=\"1\" w:styleId=\"DefaultParagraphFont\">\
             <w:name w:val=\"Default Paragraph Font\"/><w:uiPriority w:val=\"1\"/>\
             <w:semiHidden/><w:unhideWhenUsed/></w:style>",
        );

        let para_style = |s: &mut String, id: &str, name: &str, ppr: &str, rpr: String| {
            s.push_str(&format!(
                "<w:style w:type=\"paragraph\" w:styleId=\"{id}\"><w:name w:val=\"{name}\"/>\
                 <w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/>\
                 <w:pPr>{ppr}</w:pPr>{rpr}</w:style>"
            ));
        };
        let keep = "<w:keepNext/><w:keepLines/>";
        para_style(
            &mut s,
            "Title",
            "Title",
            // Off the grid: LibreOffice would give each 2号 line two grid cells. Its lines
            // are as tall as a grid line, so the body below stays on the grid.
            &format!("{keep}<w:snapToGrid w:val=\"0\"/>{no_indent}<w:jc w:val=\"center\"/>"),
            self.style_rpr(f.title, p.title_size, false),
        );
        para_style(
            &mut s,
            "SpeakerLine",
            "Speaker Line",
            &format!("{keep}{no_indent}<w:jc w:val=\"center\"/>"),
            self.style_rpr(f.kai, p.head_size, false),
        );
        para_style(
            &mut s,
            "Greeting",
            "Salutation",
            &format!("<w:keepNext/>{no_indent}"),
            self.style_rpr(f.fang, p.body_size, false),
        );
        let before = if p.heading_space_before > 0 {
            format!(
                "<w:spacing w:before=\"{}\" w:after=\"0\" w:line=\"{}\" w:lineRule=\"exact\"/>",
                p.heading_space_before, p.line
            )
        } else {
            String::new()
        };
        for level in 1..=4 {
            let style = self.heading_style(level);
            let size = p.heading_size[level - 1];
            // A larger heading needs a taller line than the body's exact height.
            let spacing = if size > p.body_size && !p.line_grid {
                format!(
                    "<w:spacing w:before=\"{}\" w:after=\"0\" w:line=\"{}\" w:lineRule=\"exact\"/>",
                    p.heading_space_before,
                    size * 16
                )
            } else {
                before.clone()
            };
            para_style(
                &mut s,
                style.id,
                &format!("heading {level}"),
                &format!(
                    "{keep}<w:widowControl/>{spacing}{first_line}<w:outlineLvl w:val=\"{}\"/>",
                    level - 1
                ),
                self.style_rpr(style.face, size, p.heading_bold[level - 1]),
            );
        }
        let align = match p.page_numbers {
            PageNumbers::Outside => "",
            PageNumbers::Center => "<w:jc w:val=\"center\"/>",
        };
        s.push_str(&format!(
            "<w:style w:type=\"paragraph\" w:styleId=\"Footer\"><w:name w:val=\"footer\"/>\
             <w:basedOn w:val=\"Normal\"/><w:uiPriority w:val=\"99\"/><w:unhideWhenUsed/>\
             <w:pPr><w:snapToGrid w:val=\"0\"/><w:spacing w:before=\"0\" w:after=\"0\" \
             w:line=\"240\" w:lineRule=\"auto\"/>{no_indent}{align}</w:pPr>"
        ));
        // 半角宋体 digits: the number and its dashes all in the Song face.
        let mut rpr = String::from("<w:rPr>");
        push_rfonts(&mut rpr, f.song, f.song, false);
        rpr.push_str(&format!(
            "<w:spacing w:val=\"0\"/><w:sz w:val=\"{0}\"/><w:szCs w:val=\"{0}\"/>{LANG}</w:rPr>",
            p.page_number_size
        ));
        s.push_str(&rpr);
        s.push_str("</w:style></w:styles>");
        s
    }

    /// A footer with "— N —"; `side` is the paragraph's own alignment and indent.
    fn footer(&self, side: &str) -> String {
        let r = |inner: &str| format!("<w:r>{inner}</w:r>");
        format!(
            "{XML_DECL}<w:ftr xmlns:w=\"{NS_W}\" xmlns:r=\"{NS_R}\"><w:p><w:pPr>\
             <w:pStyle w:val=\"Footer\"/>{side}</w:pPr>{}{}{}{}{}{}{}</w:p></w:ftr>",
            r("<w:t xml:space=\"preserve\">— </w:t>"),
            r("<w:fldChar w:fldCharType=\"begin\"/>"),
            r("<w:instrText xml:space=\"preserve\"> PAGE </w:instrText>"),
            r("<w:fldChar w:fldCharType=\"separate\"/>"),
            r("<w:t>1</w:t>"),
            r("<w:fldChar w:fldCharType=\"end\"/>"),
            r("<w:t xml:space=\"preserve\"> —</w:t>"),
        )
    }

    fn footers(&self) -> (String, Option<String>) {
        // One 4号 character in from the edge.
        let em = self.profile.page_number_size * 10;
        match self.profile.page_numbers {
            PageNumbers::Outside => (
                self.footer(&format!(
                    "<w:ind w:right=\"{em}\" w:firstLine=\"0\" w:firstLineChars=\"0\"/><w:jc w:val=\"right\"/>"
                )),
                Some(self.footer(&format!(
                    "<w:ind w:left=\"{em}\" w:firstLine=\"0\" w:firstLineChars=\"0\"/><w:jc w:val=\"left\"/>"
                ))),
            ),
            PageNumbers::Center => (self.footer("<w:jc w:val=\"center\"/>"), None),
        }
    }

    fn settings(&self) -> String {
        let even_odd = if self.profile.page_numbers == PageNumbers::Outside {
            "<w:evenAndOddHeaders/>"
        } else {
            ""
        };
        // doNotCompress: every character keeps its full em, so the 28-per-line grid holds.
        format!(
            "{XML_DECL}<w:settings xmlns:w=\"{NS_W}\"><w:zoom w:percent=\"100\"/>\
             <w:defaultTabStop w:val=\"420\"/>{even_odd}\
             <w:characterSpacingControl w:val=\"doNotCompress\"/>\
             <w:compat><w:compatSetting w:name=\"compatibilityMode\" \
             w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/></w:compat>\
             <w:decimalSymbol w:val=\".\"/><w:listSeparator w:val=\",\"/></w:settings>"
        )
    }

    fn font_table(&self) -> String {
        let f = self.faces;
        let mut s = format!("{XML_DECL}<w:fonts xmlns:w=\"{NS_W}\">");
        s.push_str(
            "<w:font w:name=\"Times New Roman\"><w:panose1 w:val=\"02020603050405020304\"/>\
             <w:charset w:val=\"00\"/><w:family w:val=\"roman\"/><w:pitch w:val=\"variable\"/></w:font>",
        );
        let mut seen: Vec<&str> = Vec::new();
        for face in [f.fang, f.kai, f.hei, f.song, f.title] {
            if seen.contains(&face) {
                continue;
            }
            seen.push(face);
            s.push_str("<w:font w:name=\"");
            s.push_str(face);
            s.push_str("\">");
            if let Some(alt) = alt_name(face) {
                s.push_str(&format!("<w:altName w:val=\"{alt}\"/>"));
            }
            s.push_str(
                "<w:charset w:val=\"86\"/><w:family w:val=\"auto\"/><w:pitch w:val=\"variable\"/></w:font>",
            );
        }
        s.push_str("</w:fonts>");
        s
    }
}

fn doc_len(doc: &Document) -> usize {
    doc.walk().map(|n| n.text.len() + 8).sum()
}

const CONTENT_TYPES_HEAD: &str = "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
<Default Extension=\"xml\" ContentType=\"application/xml\"/>\
<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>\
<Override PartName=\"/word/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>\
<Override PartName=\"/word/settings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml\"/>\
<Override PartName=\"/word/fontTable.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml\"/>\
<Override PartName=\"/word/footer1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml\"/>";

const FOOTER2_TYPE: &str = "<Override PartName=\"/word/footer2.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml\"/>";

const CONTENT_TYPES_TAIL: &str = "<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>\
<Override PartName=\"/docProps/app.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/>\
</Types>";

const PACKAGE_RELS: &str = "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/>\
<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>\
<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties\" Target=\"docProps/app.xml\"/>\
</Relationships>";

const RELS_DIR: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

fn document_rels(even_footer: bool) -> String {
    let rel = |id: &str, kind: &str, target: &str| {
        format!("<Relationship Id=\"{id}\" Type=\"{RELS_DIR}/{kind}\" Target=\"{target}\"/>")
    };
    let mut s = format!(
        "{XML_DECL}<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    );
    s.push_str(&rel("rId1", "styles", "styles.xml"));
    s.push_str(&rel("rId2", "settings", "settings.xml"));
    s.push_str(&rel("rId3", "fontTable", "fontTable.xml"));
    s.push_str(&rel("rId4", "footer", "footer1.xml"));
    if even_footer {
        s.push_str(&rel("rId5", "footer", "footer2.xml"));
    }
    s.push_str("</Relationships>");
    s
}

/// The creator: the speaker when the 讲话人 slot is filled.
fn creator(doc: &Document) -> &str {
    doc.meta
        .speaker
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .unwrap_or("讲稿工坊")
}

fn core_props(doc: &Document) -> String {
    // No creation time: the same draft gives the same bytes.
    format!(
        "{XML_DECL}<cp:coreProperties \
         xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" \
         xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" \
         xmlns:dcmitype=\"http://purl.org/dc/dcmitype/\" \
         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\
         <dc:title>{}</dc:title><dc:creator>{}</dc:creator><dc:language>zh-CN</dc:language>\
         </cp:coreProperties>",
        escape(&doc.title),
        escape(creator(doc))
    )
}

const APP_PROPS: &str = "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\" \
xmlns:vt=\"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes\">\
<Application>Jianggao</Application><DocSecurity>0</DocSecurity></Properties>";

/// The package's parts, in the order they are zipped ([Content_Types].xml first).
pub fn parts(doc: &Document, opts: &DocxOptions) -> Vec<(&'static str, String)> {
    let w = Writer {
        profile: &opts.profile,
        faces: opts.fonts.faces(),
    };
    let (odd, even) = w.footers();
    let mut content_types = format!("{XML_DECL}{CONTENT_TYPES_HEAD}");
    if even.is_some() {
        content_types.push_str(FOOTER2_TYPE);
    }
    if opts.provenance.is_some() {
        content_types.push_str(custom::CONTENT_TYPE);
    }
    content_types.push_str(CONTENT_TYPES_TAIL);
    let mut rels = format!("{XML_DECL}{PACKAGE_RELS}");
    if opts.provenance.is_some() {
        rels.insert_str(rels.len() - "</Relationships>".len(), custom::RELATIONSHIP);
    }
    let mut parts = vec![
        ("[Content_Types].xml", content_types),
        ("_rels/.rels", rels),
        ("word/document.xml", w.document(doc)),
        (
            "word/_rels/document.xml.rels",
            document_rels(even.is_some()),
        ),
        ("word/styles.xml", w.styles()),
        ("word/settings.xml", w.settings()),
        ("word/fontTable.xml", w.font_table()),
        ("word/footer1.xml", odd),
    ];
    if let Some(even) = even {
        parts.push(("word/footer2.xml", even));
    }
    parts.push(("docProps/core.xml", core_props(doc)));
    parts.push(("docProps/app.xml", format!("{XML_DECL}{APP_PROPS}")));
    if let Some(p) = &opts.provenance {
        parts.push((custom::PART, custom::custom_xml(p)));
    }
    parts
}

/// The .docx file's bytes.
pub fn to_docx(doc: &Document, opts: &DocxOptions) -> Result<Vec<u8>> {
    zip_parts(&parts(doc, opts))
}

/// The parts zipped into a package.
fn zip_parts(parts: &[(&'static str, String)]) -> Result<Vec<u8>> {
    let size: usize = parts.iter().map(|(_, p)| p.len()).sum();
    let mut zip = package::Package::with_capacity(size / 3 + 4096);
    for (name, body) in parts {
        // Only the document is worth deflating: the other parts are a few kilobytes, and
        // clearing the compressor for each costs more time than their bytes save.
        zip.add(name, body.as_bytes(), body.len() > 8192)?;
    }
    zip.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_drops_what_xml_cannot_hold() {
        assert_eq!(
            escape("a<b>&\"c'\u{1}\u{FFFF}"),
            "a&lt;b&gt;&amp;&quot;c&apos;"
        );
    }

    #[test]
    fn quotes_and_dashes_get_the_chinese_face() {
        let mut out = String::new();
        push_text(
            &mut out,
            "学习“五一”精神——2026年",
            RunFmt::default(),
            "仿宋",
        );
        assert_eq!(out.matches("<w:r>").count(), 7, "{out}");
        assert!(out.contains(
            "<w:rFonts w:ascii=\"仿宋\" w:eastAsia=\"仿宋\" w:hAnsi=\"仿宋\" w:cs=\"仿宋\" w:hint=\"eastAsia\"/>"
        ));
        assert!(out.contains(">——</w:t>"));
    }

    #[test]
    fn title_width_follows_the_profile() {
        let p = LayoutProfile::official();
        assert_eq!(p.title_ems().floor(), 20.0);
        assert_eq!(p.indent(), 640);
        assert_eq!(LayoutProfile::podium().line, 704);
    }
}
