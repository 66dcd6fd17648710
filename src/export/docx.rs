//! .docx export: the official copy in GB/T 9704 layout and the large-print podium copy
//! (大字版), written as WordprocessingML parts by hand so every value is ours: no theme
//! fonts, every style names its East Asian face, elements in schema order.
//! See shared/layout/GBT9704.md for where the numbers come from.
//!
//! Reads the [`Document`] only; numbering, leads and slot values are already in it.

pub mod custom;
mod package;
mod title;
pub mod tracked;

use crate::document::{Document, Node};
use crate::error::Result;
use crate::outline::NodeKind;

pub use custom::Provenance;
pub use title::split_title;

/// Which copy to make.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Default,
    serde::Serialize,
    serde::Deserialize,
    clap::ValueEnum,
)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Layout {
    /// GB/T 9704: 22 lines × 28 characters of 3号仿宋.
    #[default]
    Official,
    /// 大字版: the copy read aloud at the podium.
    Podium,
}

/// The families of Chinese faces offices have installed.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Default,
    serde::Serialize,
    serde::Deserialize,
    clap::ValueEnum,
)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum FontSet {
    /// What Windows ships: 仿宋, 楷体, 黑体, 宋体 (+ 方正小标宋简体 for the title).
    #[default]
    Windows,
    /// The GB2312 family: 仿宋_GB2312, 楷体_GB2312, 黑体, 宋体, 方正小标宋简体.
    Gb2312,
    /// 方正 *_GBK fonts.
    Founder,
}

/// Where page numbers go.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Default,
    serde::Serialize,
    serde::Deserialize,
    clap::ValueEnum,
)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum PageNumbers {
    /// Odd pages right, even pages left, one character in from the edge (GB/T 9704).
    #[default]
    Outside,
    /// Centred on every page.
    Center,
}

/// The faces of one font set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Faces {
    pub fang: &'static str,
    pub kai: &'static str,
    pub hei: &'static str,
    pub song: &'static str,
    pub title: &'static str,
}

/// Digits and Latin letters are set in this face (w:ascii, w:hAnsi).
pub const LATIN_FACE: &str = "Times New Roman";

impl FontSet {
    pub fn faces(self) -> Faces {
        match self {
            FontSet::Windows => Faces {
                fang: "仿宋",
                kai: "楷体",
                hei: "黑体",
                song: "宋体",
                title: "方正小标宋简体",
            },
            FontSet::Gb2312 => Faces {
                fang: "仿宋_GB2312",
                kai: "楷体_GB2312",
                hei: "黑体",
                song: "宋体",
                title: "方正小标宋简体",
            },
            FontSet::Founder => Faces {
                fang: "方正仿宋_GBK",
                kai: "方正楷体_GBK",
                hei: "方正黑体_GBK",
                song: "方正书宋_GBK",
                title: "方正小标宋_GBK",
            },
        }
    }
}

/// The name a face is known by in English-language systems, for w:altName.
fn alt_name(face: &str) -> Option<&'static str> {
    Some(match face {
        "仿宋" => "FangSong",
        "楷体" => "KaiTi",
        "黑体" => "SimHei",
        "宋体" => "SimSun",
        "仿宋_GB2312" => "FangSong_GB2312",
        "楷体_GB2312" => "KaiTi_GB2312",
        "方正小标宋简体" => "FZXiaoBiaoSong-B05S",
        "方正小标宋_GBK" => "FZXiaoBiaoSong-B05",
        "方正仿宋_GBK" => "FZFangSong-Z02",
        "方正楷体_GBK" => "FZKai-Z03",
        "方正黑体_GBK" => "FZHei-B01",
        "方正书宋_GBK" => "FZShuSong-Z01",
        _ => return None,
    })
}

/// Page size and margins, in twips.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Page {
    pub width: u32,
    pub height: u32,
    pub top: u32,
    pub right: u32,
    pub bottom: u32,
    pub left: u32,
    pub header: u32,
    pub footer: u32,
}

/// A4 with the GB/T 9704 margins 37/26/35/28 mm; the footer distance puts "— 1 —" about
/// 7 mm below the text block (measured).
pub const A4_OFFICIAL: Page = Page {
    width: 11906,
    height: 16838,
    top: 2098,
    right: 1474,
    bottom: 1984,
    left: 1587,
    header: 851,
    footer: 1418,
};

/// Half-point sizes (w:sz) of the Chinese type sizes (字号).
pub mod size {
    pub const ER: u32 = 44; // 二号 22 pt
    pub const XIAO_ER: u32 = 36; // 小二 18 pt
    pub const SAN: u32 = 32; // 三号 16 pt
    pub const SI: u32 = 28; // 四号 14 pt
    pub const XIAO_YI: u32 = 48; // 小一 24 pt
    pub const YI: u32 = 52; // 一号 26 pt
}

/// Every number of a layout. Sizes are half-points (w:sz), lengths twips.
#[derive(Debug, Clone, PartialEq)]
pub struct LayoutProfile {
    pub layout: Layout,
    pub page: Page,
    pub body_size: u32,
    pub title_size: u32,
    /// Speaker and date lines.
    pub head_size: u32,
    /// Headings of levels 1–4.
    pub heading_size: [u32; 4],
    pub heading_bold: [bool; 4],
    /// Exact line height.
    pub line: u32,
    /// A line grid (docGrid type="lines") at the line height.
    pub line_grid: bool,
    /// Character spacing in twentieths of a point, in the default run properties.
    pub char_spacing: i32,
    pub page_number_size: u32,
    pub page_numbers: PageNumbers,
    /// Leads (一是, 二要 …) bold even where the sentence is not.
    pub bold_leads: bool,
    pub widow_control: bool,
    /// Space above a heading, twips.
    pub heading_space_before: u32,
    /// Highlight 【未填】 slots.
    pub mark_unfilled: bool,
}

impl LayoutProfile {
    /// GB/T 9704: 3号仿宋 on a 22-line grid, 28 characters a line.
    pub fn official() -> Self {
        LayoutProfile {
            layout: Layout::Official,
            page: A4_OFFICIAL,
            body_size: size::SAN,
            title_size: size::ER,
            head_size: size::SAN,
            heading_size: [size::SAN; 4],
            heading_bold: [false, false, true, false],
            // 225 mm / 22 lines = 28.95 pt
            line: 579,
            line_grid: true,
            // −0.25 pt: 28 characters of 16 pt fit the 156 mm line (measured in LibreOffice).
            char_spacing: -5,
            page_number_size: size::SI,
            page_numbers: PageNumbers::Outside,
            bold_leads: false,
            widow_control: false, // widow control would break the 22-line grid
            heading_space_before: 0,
            // The official copy goes to print as it is: a coloured band would print too,
            // and 【名称】 already shows; the check (审校) is what catches them.
            mark_unfilled: false,
        }
    }

    /// The podium copy in 二号 (22 pt): clearly larger than the 3号 official copy, and
    /// still about 20 characters a line, so a sentence is a line or two and the eye finds
    /// its place again after looking up. See [`LayoutProfile::podium_sized`] for other sizes.
    pub fn podium() -> Self {
        Self::podium_sized(size::ER)
    }

    /// A podium copy with body text of `body_size` half-points (at least 小二).
    pub fn podium_sized(body_size: u32) -> Self {
        let body_size = body_size.max(size::XIAO_ER);
        LayoutProfile {
            layout: Layout::Podium,
            page: A4_OFFICIAL,
            body_size,
            title_size: body_size + 8,
            head_size: body_size,
            heading_size: [body_size + 4, body_size, body_size, body_size],
            heading_bold: [true; 4],
            // 1.6 × the font size: room between lines to keep one's place.
            line: body_size * 16,
            line_grid: false,
            char_spacing: 0,
            page_number_size: size::XIAO_ER,
            page_numbers: PageNumbers::Center,
            bold_leads: true,
            widow_control: true,
            heading_space_before: body_size * 8,
            // A working copy: a blank must not surprise the speaker mid-sentence.
            mark_unfilled: true,
        }
    }

    pub fn for_layout(layout: Layout) -> Self {
        match layout {
            Layout::Official => Self::official(),
            Layout::Podium => Self::podium(),
        }
    }

    pub fn with_page_numbers(mut self, page_numbers: PageNumbers) -> Self {
        self.page_numbers = page_numbers;
        self
    }

    /// Width of the text block, twips.
    pub fn text_width(&self) -> u32 {
        self.page.width - self.page.left - self.page.right
    }

    /// How many ems of the title fit on one line.
    fn title_ems(&self) -> f32 {
        let advance = self.title_size as i32 * 10 + self.char_spacing;
        self.text_width() as f32 / advance.max(1) as f32
    }

    /// The two-character first-line indent, twips.
    fn indent(&self) -> u32 {
        self.body_size * 20
    }
}

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

/// A paragraph's start and its style.
fn push_ppr(out: &mut String, style: &str) {
    if style == "Normal" {
        // The default paragraph style needs no mention: most paragraphs of a speech.
        out.push_str("<w:p>");
        return;
    }
    out.push_str("<w:p><w:pPr><w:pStyle w:val=\"");
    out.push_str(style);
    out.push_str("\"/></w:pPr>");
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

fn push_para(out: &mut String, style: Style, text: &str) {
    push_ppr(out, style.id);
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

    fn node(&self, out: &mut String, node: &Node) {
        let style = self.node_style(node.kind, node.level);
        push_ppr(out, style.id);
        let runs = node.display_runs();
        let pieces = runs.iter().enumerate().map(|(i, run)| {
            let lead = i == 0 && node.lead.is_some();
            (
                run.text.as_str(),
                self.run_fmt(run.bold, lead, run.unfilled, run.cue),
            )
        });
        push_pieces(out, pieces, style.face);
        out.push_str("</w:p>");
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
            push_ppr(out, title.id);
            let lines = split_title(&doc.title, self.profile.title_ems());
            for (i, line) in lines.iter().enumerate() {
                if i > 0 {
                    out.push_str(LINE_BREAK);
                }
                push_text(out, line, RunFmt::default(), title.face);
            }
            out.push_str("</w:p>");
            let mut greeting = None;
            for (kind, line) in doc.head_lines() {
                if kind == "greeting" {
                    greeting = Some(line);
                } else {
                    push_para(out, self.head_style(), line);
                }
            }
            out.push_str(BLANK_LINE);
            if let Some(g) = greeting {
                push_para(out, self.greeting_style(), g);
            }
            for node in doc.walk() {
                self.node(out, node);
            }
        })
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
        s.push_str(&format!(
            "<w:pPrDefault><w:pPr><w:widowControl w:val=\"{}\"/>\
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
