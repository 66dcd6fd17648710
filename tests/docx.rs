//! The .docx export, checked part by part: the zip is opened, every XML part parsed, and
//! the layout values of GB/T 9704 (and of the podium copy) asserted where Word, WPS and
//! LibreOffice read them.

mod common;

use std::collections::HashMap;
use std::io::Read as _;

use assert_cmd::Command;
use jianggao::document::{Document, Meta, Node, Run};
use jianggao::export::docx::{to_docx, DocxOptions, FontSet, Layout, LayoutProfile, PageNumbers};
use jianggao::outline::NodeKind;
use jianggao::render;
use roxmltree::{Document as Xml, Node as XNode};

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

fn unzip(bytes: &[u8]) -> (Vec<String>, HashMap<String, String>) {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut names = Vec::new();
    let mut parts = HashMap::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let mut s = String::new();
        f.read_to_string(&mut s).unwrap();
        names.push(f.name().to_string());
        parts.insert(f.name().to_string(), s);
    }
    (names, parts)
}

/// A draft from a built-in template with every slot filled, rendered.
fn sample() -> Document {
    let (store, id) = common::commendation_draft();
    render::render(&store.draft(id).unwrap())
}

fn export(doc: &Document, layout: Layout, fonts: FontSet, pn: Option<PageNumbers>) -> Parts {
    let bytes = to_docx(doc, &DocxOptions::new(layout, fonts, pn)).unwrap();
    let (names, parts) = unzip(&bytes);
    Parts { names, parts }
}

struct Parts {
    names: Vec<String>,
    parts: HashMap<String, String>,
}

impl Parts {
    fn xml(&self, name: &str) -> Xml<'_> {
        let text = self
            .parts
            .get(name)
            .unwrap_or_else(|| panic!("no part {name}"));
        Xml::parse(text).unwrap_or_else(|e| panic!("{name} is not well-formed: {e}"))
    }
}

fn w<'a>(node: XNode<'a, 'a>, name: &str) -> Option<XNode<'a, 'a>> {
    node.children()
        .find(|c| c.is_element() && c.tag_name().name() == name)
}

fn attr<'a>(node: XNode<'a, 'a>, name: &str) -> Option<&'a str> {
    node.attribute((W, name))
}

fn path<'a>(node: XNode<'a, 'a>, names: &[&str]) -> XNode<'a, 'a> {
    names.iter().fold(node, |n, name| {
        w(n, name).unwrap_or_else(|| panic!("no {name} under {:?}", n.tag_name().name()))
    })
}

fn style<'a>(styles: &'a Xml<'a>, id: &str) -> XNode<'a, 'a> {
    styles
        .descendants()
        .find(|n| n.tag_name().name() == "style" && attr(*n, "styleId") == Some(id))
        .unwrap_or_else(|| panic!("no style {id}"))
}

/// The value of `w:val` of a property under a style's (or defaults') pPr/rPr.
fn prop<'a>(node: XNode<'a, 'a>, pr: &str, name: &str, a: &str) -> Option<&'a str> {
    w(node, pr)
        .and_then(|p| w(p, name))
        .and_then(|e| attr(e, a))
}

#[test]
fn the_package_has_every_part_content_types_first() {
    let p = export(&sample(), Layout::Official, FontSet::Windows, None);
    assert_eq!(p.names[0], "[Content_Types].xml");
    for name in [
        "_rels/.rels",
        "word/document.xml",
        "word/_rels/document.xml.rels",
        "word/styles.xml",
        "word/settings.xml",
        "word/fontTable.xml",
        "word/footer1.xml",
        "word/footer2.xml",
        "docProps/core.xml",
        "docProps/app.xml",
    ] {
        assert!(p.parts.contains_key(name), "{name} missing");
        p.xml(name);
        let ct = &p.parts["[Content_Types].xml"];
        if name.ends_with(".xml") {
            assert!(
                ct.contains(&format!("PartName=\"/{name}\"")),
                "{name} untyped"
            );
        }
    }
    let rels = &p.parts["word/_rels/document.xml.rels"];
    for target in [
        "styles.xml",
        "settings.xml",
        "fontTable.xml",
        "footer1.xml",
        "footer2.xml",
    ] {
        assert!(rels.contains(&format!("Target=\"{target}\"")));
    }
}

#[test]
fn official_page_margins_and_grid() {
    let p = export(&sample(), Layout::Official, FontSet::Windows, None);
    let doc = p.xml("word/document.xml");
    let sect = doc
        .descendants()
        .find(|n| n.tag_name().name() == "sectPr")
        .unwrap();
    let pg = w(sect, "pgSz").unwrap();
    assert_eq!(attr(pg, "w"), Some("11906"));
    assert_eq!(attr(pg, "h"), Some("16838"));
    let m = w(sect, "pgMar").unwrap();
    for (side, v) in [
        ("top", "2098"),
        ("right", "1474"),
        ("bottom", "1984"),
        ("left", "1587"),
        ("footer", "1418"),
    ] {
        assert_eq!(attr(m, side), Some(v), "margin {side}");
    }
    let grid = w(sect, "docGrid").unwrap();
    assert_eq!(attr(grid, "type"), Some("lines"));
    assert_eq!(attr(grid, "linePitch"), Some("579"));
    // Footer references first, odd (default) and even.
    let kids: Vec<_> = sect.children().filter(|c| c.is_element()).collect();
    assert_eq!(kids[0].tag_name().name(), "footerReference");
    assert_eq!(kids[1].tag_name().name(), "footerReference");
    let types: Vec<_> = kids[..2].iter().filter_map(|k| attr(*k, "type")).collect();
    assert!(types.contains(&"even") && types.contains(&"default"));

    let styles = p.xml("word/styles.xml");
    let defaults = path(styles.root_element(), &["docDefaults"]);
    let rpr = path(defaults, &["rPrDefault"]);
    assert_eq!(prop(rpr, "rPr", "spacing", "val"), Some("-5"));
    assert_eq!(prop(rpr, "rPr", "sz", "val"), Some("32"));
    let ppr = path(defaults, &["pPrDefault"]);
    assert_eq!(prop(ppr, "pPr", "spacing", "line"), Some("579"));
    assert_eq!(prop(ppr, "pPr", "spacing", "lineRule"), Some("exact"));
    assert_eq!(prop(ppr, "pPr", "widowControl", "val"), Some("0"));
    // Word's default said out loud, for LibreOffice (which reads it inverted): no hanging
    // marks there, so none goes undrawn.
    assert_eq!(prop(ppr, "pPr", "overflowPunct", "val"), Some("1"));
    // No extra space between Chinese and figures: a line with figures holds 28 too.
    assert_eq!(prop(ppr, "pPr", "autoSpaceDE", "val"), Some("0"));
    assert_eq!(prop(ppr, "pPr", "autoSpaceDN", "val"), Some("0"));

    let normal = style(&styles, "Normal");
    assert_eq!(prop(normal, "pPr", "ind", "firstLine"), Some("640"));
    assert_eq!(prop(normal, "pPr", "ind", "firstLineChars"), Some("200"));
    assert_eq!(prop(normal, "rPr", "sz", "val"), Some("32"));
    let title = style(&styles, "Title");
    assert_eq!(prop(title, "rPr", "sz", "val"), Some("44"));
    assert_eq!(prop(title, "pPr", "jc", "val"), Some("center"));
    let speaker = style(&styles, "SpeakerLine");
    assert_eq!(prop(speaker, "pPr", "jc", "val"), Some("center"));
    assert_eq!(prop(speaker, "rPr", "sz", "val"), Some("32"));
    let greeting = style(&styles, "Greeting");
    assert_eq!(prop(greeting, "pPr", "ind", "firstLine"), Some("0"));
    for level in 1..=4 {
        let h = style(&styles, &format!("Heading{level}"));
        assert_eq!(
            prop(h, "pPr", "outlineLvl", "val"),
            Some((level - 1).to_string().as_str())
        );
        assert!(w(w(h, "pPr").unwrap(), "keepNext").is_some());
        assert_eq!(prop(h, "rPr", "sz", "val"), Some("32"));
        let bold = w(w(h, "rPr").unwrap(), "b").is_some();
        assert_eq!(bold, level == 3, "heading {level} bold");
    }
}

#[test]
fn fonts_per_style_for_each_font_set() {
    let expected = [
        (
            FontSet::Windows,
            [
                "仿宋",
                "方正小标宋简体",
                "楷体",
                "黑体",
                "楷体",
                "仿宋",
                "仿宋",
                "宋体",
            ],
        ),
        (
            FontSet::Gb2312,
            [
                "仿宋_GB2312",
                "方正小标宋简体",
                "楷体_GB2312",
                "黑体",
                "楷体_GB2312",
                "仿宋_GB2312",
                "仿宋_GB2312",
                "宋体",
            ],
        ),
        (
            FontSet::Founder,
            [
                "方正仿宋_GBK",
                "方正小标宋_GBK",
                "方正楷体_GBK",
                "方正黑体_GBK",
                "方正楷体_GBK",
                "方正仿宋_GBK",
                "方正仿宋_GBK",
                "方正书宋_GBK",
            ],
        ),
    ];
    let ids = [
        "Normal",
        "Title",
        "SpeakerLine",
        "Heading1",
        "Heading2",
        "Heading3",
        "Heading4",
        "Footer",
    ];
    for (set, faces) in expected {
        for layout in [Layout::Official, Layout::Podium] {
            let p = export(&sample(), layout, set, None);
            let styles = p.xml("word/styles.xml");
            for (id, face) in ids.iter().zip(faces) {
                let s = style(&styles, id);
                let f = path(s, &["rPr", "rFonts"]);
                assert_eq!(attr(f, "eastAsia"), Some(face), "{set:?} {id}");
                let latin = if *id == "Footer" {
                    face
                } else {
                    "Times New Roman"
                };
                assert_eq!(attr(f, "ascii"), Some(latin), "{set:?} {id}");
                assert_eq!(attr(f, "hAnsi"), Some(latin), "{set:?} {id}");
            }
            // Every paragraph style names its faces, and the font table lists them.
            for s in styles
                .descendants()
                .filter(|n| n.tag_name().name() == "style" && attr(*n, "type") == Some("paragraph"))
            {
                let f = path(s, &["rPr", "rFonts"]);
                for a in ["ascii", "hAnsi", "eastAsia"] {
                    assert!(attr(f, a).is_some(), "{:?} lacks {a}", attr(s, "styleId"));
                }
            }
            let table = &p.parts["word/fontTable.xml"];
            for face in faces {
                assert!(
                    table.contains(&format!("w:name=\"{face}\"")),
                    "{face} not in font table"
                );
            }
        }
    }
}

#[test]
fn no_theme_fonts_anywhere_and_zh_cn_on_every_run() {
    for set in [FontSet::Windows, FontSet::Gb2312, FontSet::Founder] {
        let p = export(&sample(), Layout::Official, set, None);
        assert!(!p.names.iter().any(|n| n.contains("theme")));
        for (name, text) in &p.parts {
            assert!(!text.contains("Theme"), "{name} names a theme font");
            assert!(!text.contains("MS Mincho"), "{name}");
        }
        let doc = p.xml("word/document.xml");
        let runs: Vec<_> = doc
            .descendants()
            .filter(|n| n.tag_name().name() == "r" && w(*n, "t").is_some())
            .collect();
        assert!(runs.len() > 20);
        for r in runs {
            assert_eq!(
                prop(r, "rPr", "lang", "eastAsia"),
                Some("zh-CN"),
                "{:?}",
                r.range()
            );
        }
        let styles = p.xml("word/styles.xml");
        for s in styles
            .descendants()
            .filter(|n| n.tag_name().name() == "style" && attr(*n, "type") == Some("paragraph"))
        {
            assert_eq!(prop(s, "rPr", "lang", "eastAsia"), Some("zh-CN"));
        }
    }
}

/// Child elements in the order the schema lists them (only the ones we might write).
const RPR_ORDER: &[&str] = &[
    "rStyle",
    "rFonts",
    "b",
    "bCs",
    "i",
    "iCs",
    "caps",
    "smallCaps",
    "strike",
    "dstrike",
    "outline",
    "shadow",
    "emboss",
    "imprint",
    "noProof",
    "snapToGrid",
    "vanish",
    "webHidden",
    "color",
    "spacing",
    "w",
    "kern",
    "position",
    "sz",
    "szCs",
    "highlight",
    "u",
    "effect",
    "bdr",
    "shd",
    "fitText",
    "vertAlign",
    "rtl",
    "cs",
    "em",
    "lang",
    "eastAsianLayout",
];
const PPR_ORDER: &[&str] = &[
    "pStyle",
    "keepNext",
    "keepLines",
    "pageBreakBefore",
    "framePr",
    "widowControl",
    "numPr",
    "suppressLineNumbers",
    "pBdr",
    "shd",
    "tabs",
    "suppressAutoHyphens",
    "kinsoku",
    "wordWrap",
    "overflowPunct",
    "topLinePunct",
    "autoSpaceDE",
    "autoSpaceDN",
    "bidi",
    "adjustRightInd",
    "snapToGrid",
    "spacing",
    "ind",
    "contextualSpacing",
    "mirrorIndents",
    "suppressOverlap",
    "jc",
    "textDirection",
    "textAlignment",
    "textboxTightWrap",
    "outlineLvl",
    "divId",
    "cnfStyle",
    "rPr",
];
const SECT_ORDER: &[&str] = &[
    "headerReference",
    "footerReference",
    "footnotePr",
    "endnotePr",
    "type",
    "pgSz",
    "pgMar",
    "paperSrc",
    "pgBorders",
    "lnNumType",
    "pgNumType",
    "cols",
    "formProt",
    "vAlign",
    "noEndnote",
    "titlePg",
    "textDirection",
    "bidi",
    "rtlGutter",
    "docGrid",
];
const STYLE_ORDER: &[&str] = &[
    "name",
    "aliases",
    "basedOn",
    "next",
    "link",
    "autoRedefine",
    "hidden",
    "uiPriority",
    "semiHidden",
    "unhideWhenUsed",
    "qFormat",
    "locked",
    "personal",
    "rsid",
    "pPr",
    "rPr",
];
const SETTINGS_ORDER: &[&str] = &[
    "writeProtection",
    "view",
    "zoom",
    "removePersonalInformation",
    "proofState",
    "defaultTabStop",
    "autoHyphenation",
    "evenAndOddHeaders",
    "drawingGridHorizontalSpacing",
    "characterSpacingControl",
    "compat",
    "rsids",
    "themeFontLang",
    "decimalSymbol",
    "listSeparator",
];

fn assert_order(xml: &Xml, parent: &str, order: &[&str], part: &str) {
    for el in xml.descendants().filter(|n| n.tag_name().name() == parent) {
        let mut last = 0;
        for c in el.children().filter(|c| c.is_element()) {
            let name = c.tag_name().name();
            let i = order
                .iter()
                .position(|o| *o == name)
                .unwrap_or_else(|| panic!("{part}: unexpected {name} in {parent}"));
            assert!(i >= last, "{part}: {name} out of order in {parent}");
            last = i;
        }
    }
}

#[test]
fn elements_in_schema_order() {
    for layout in [Layout::Official, Layout::Podium] {
        for pn in [PageNumbers::Outside, PageNumbers::Center] {
            let p = export(&sample(), layout, FontSet::Windows, Some(pn));
            for name in ["word/document.xml", "word/styles.xml", "word/footer1.xml"] {
                let xml = p.xml(name);
                assert_order(&xml, "rPr", RPR_ORDER, name);
                assert_order(&xml, "pPr", PPR_ORDER, name);
                assert_order(&xml, "sectPr", SECT_ORDER, name);
                assert_order(&xml, "style", STYLE_ORDER, name);
            }
            let settings = p.xml("word/settings.xml");
            let root = settings.root_element();
            let mut last = 0;
            for c in root.children().filter(|c| c.is_element()) {
                let i = SETTINGS_ORDER
                    .iter()
                    .position(|o| *o == c.tag_name().name())
                    .unwrap();
                assert!(
                    i >= last,
                    "settings: {:?} out of order",
                    c.tag_name().name()
                );
                last = i;
            }
        }
    }
}

fn footer_para<'a>(xml: &'a Xml<'a>) -> XNode<'a, 'a> {
    xml.descendants()
        .find(|n| n.tag_name().name() == "p")
        .unwrap()
}

fn text_of(node: XNode) -> String {
    node.descendants()
        .filter(|n| n.tag_name().name() == "t")
        .filter_map(|n| n.text())
        .collect()
}

#[test]
fn page_numbers_outside_and_centred() {
    let p = export(&sample(), Layout::Official, FontSet::Windows, None);
    assert!(p.parts["word/settings.xml"].contains("<w:evenAndOddHeaders/>"));
    let odd = p.xml("word/footer1.xml");
    let even = p.xml("word/footer2.xml");
    let (o, e) = (footer_para(&odd), footer_para(&even));
    assert_eq!(prop(o, "pPr", "jc", "val"), Some("right"));
    assert_eq!(prop(o, "pPr", "ind", "right"), Some("280"));
    assert_eq!(prop(e, "pPr", "jc", "val"), Some("left"));
    assert_eq!(prop(e, "pPr", "ind", "left"), Some("280"));
    for f in [&p.parts["word/footer1.xml"], &p.parts["word/footer2.xml"]] {
        assert!(f.contains("<w:instrText xml:space=\"preserve\"> PAGE </w:instrText>"));
    }
    assert_eq!(text_of(o), "— 1 —");
    let styles = p.xml("word/styles.xml");
    let footer = style(&styles, "Footer");
    assert_eq!(prop(footer, "rPr", "sz", "val"), Some("28"));
    assert_eq!(
        attr(path(footer, &["rPr", "rFonts"]), "eastAsia"),
        Some("宋体")
    );

    let c = export(
        &sample(),
        Layout::Official,
        FontSet::Windows,
        Some(PageNumbers::Center),
    );
    assert!(!c.parts["word/settings.xml"].contains("evenAndOddHeaders"));
    assert!(!c.parts.contains_key("word/footer2.xml"));
    assert!(!c.parts["word/document.xml"].contains("w:type=\"even\""));
    let styles = c.xml("word/styles.xml");
    assert_eq!(
        prop(style(&styles, "Footer"), "pPr", "jc", "val"),
        Some("center")
    );
}

#[test]
fn podium_is_large_spaced_and_keeps_headings_with_text() {
    let p = export(&sample(), Layout::Podium, FontSet::Windows, None);
    let styles = p.xml("word/styles.xml");
    let defaults = path(styles.root_element(), &["docDefaults"]);
    let size: u32 = prop(path(defaults, &["rPrDefault"]), "rPr", "sz", "val")
        .unwrap()
        .parse()
        .unwrap();
    assert!(size >= 36, "body {size} half-points is smaller than 小二");
    let ppr = path(defaults, &["pPrDefault"]);
    let line: u32 = prop(ppr, "pPr", "spacing", "line")
        .unwrap()
        .parse()
        .unwrap();
    assert_eq!(prop(ppr, "pPr", "spacing", "lineRule"), Some("exact"));
    // twips per line vs. font size in twips (half-points × 10)
    assert!(
        line * 10 >= size * 10 * 15 && line * 10 <= size * 10 * 20,
        "line {line}"
    );
    assert_ne!(prop(ppr, "pPr", "widowControl", "val"), Some("0"));
    for level in 1..=4 {
        let h = style(&styles, &format!("Heading{level}"));
        let hp = w(h, "pPr").unwrap();
        assert!(w(hp, "keepNext").is_some() && w(hp, "keepLines").is_some());
        assert!(
            w(w(h, "rPr").unwrap(), "b").is_some(),
            "heading {level} bold"
        );
        let hs: u32 = prop(h, "rPr", "sz", "val").unwrap().parse().unwrap();
        assert!(hs >= size);
    }
    let footer = style(&styles, "Footer");
    assert_eq!(prop(footer, "pPr", "jc", "val"), Some("center"));
    let fs: u32 = prop(footer, "rPr", "sz", "val").unwrap().parse().unwrap();
    assert!(fs >= 36);
    assert!(!p.parts["word/settings.xml"].contains("evenAndOddHeaders"));
    // Leads bold even where the sentence is not.
    let doc = p.xml("word/document.xml");
    let lead_runs: Vec<_> = doc
        .descendants()
        // A lead shares its run with a sentence set bold like it.
        .filter(|n| n.tag_name().name() == "r" && text_of(*n).starts_with("一要"))
        .collect();
    assert!(!lead_runs.is_empty());
    for r in lead_runs {
        assert!(w(w(r, "rPr").unwrap(), "b").is_some());
    }
    // The size is a parameter of the profile.
    let mut opts = DocxOptions::new(Layout::Podium, FontSet::Windows, None);
    opts.profile = LayoutProfile::podium_sized(36);
    let bytes = to_docx(&sample(), &opts).unwrap();
    let (_, parts) = unzip(&bytes);
    assert!(parts["word/styles.xml"].contains("<w:sz w:val=\"36\"/>"));
}

/// Bold text in the document, run by run, as the reader sees it.
fn bold_text(xml: &Xml) -> String {
    xml.descendants()
        .filter(|n| n.tag_name().name() == "r")
        .filter(|r| w(*r, "rPr").and_then(|p| w(p, "b")).is_some())
        .map(text_of)
        .collect()
}

#[test]
fn bold_only_where_the_document_is_bold() {
    let doc = sample();
    let expected: String = doc
        .walk()
        .flat_map(|n| n.display_runs())
        .filter(|r| r.bold)
        .map(|r| r.text)
        .collect();
    assert!(expected.contains("一是听党话"), "the sample has bold leads");
    let p = export(&doc, Layout::Official, FontSet::Windows, None);
    assert_eq!(bold_text(&p.xml("word/document.xml")), expected);
    // Nothing highlighted in the official copy.
    assert!(!p.parts["word/document.xml"].contains("highlight"));
}

fn run(text: &str) -> Run {
    Run {
        text: text.into(),
        ..Run::default()
    }
}

fn hand_made(title: &str, body: &str, speaker: Option<&str>) -> Document {
    Document {
        title: title.into(),
        speaker: Some("主席 <张三>".into()),
        date: Some("（2026年1月15日）".into()),
        greeting: Some("同志们：".into()),
        speech_type: "opening".into(),
        meta: Meta {
            speaker: speaker.map(Into::into),
            ..Meta::default()
        },
        unfilled: vec!["地区".into()],
        nodes: vec![
            Node {
                id: 1,
                kind: NodeKind::Heading,
                level: Some(1),
                number: Some("一、".into()),
                lead: None,
                text: "总体要求".into(),
                runs: vec![run("总体要求")],
                note: None,
                children: vec![],
            },
            Node {
                id: 2,
                kind: NodeKind::Paragraph,
                level: None,
                number: None,
                lead: None,
                text: body.into(),
                runs: vec![
                    run(body),
                    Run {
                        text: "【地区】".into(),
                        unfilled: true,
                        slot: Some("地区".into()),
                        ..Run::default()
                    },
                ],
                note: None,
                children: vec![],
            },
        ],
    }
}

#[test]
fn user_text_is_escaped_and_core_properties_are_set() {
    let nasty = "A<B>&\"C\"'D' </w:t></w:r>";
    let doc = hand_made(
        &format!("在{nasty}会议上的讲话"),
        nasty,
        Some("张三 & 李四"),
    );
    let p = export(&doc, Layout::Official, FontSet::Windows, None);
    let xml = p.xml("word/document.xml");
    let all: String = text_of(xml.root_element());
    assert!(all.contains(&format!("在{nasty}会议上的讲话")));
    assert!(all.contains("主席 <张三>"));
    assert_eq!(all.matches(nasty).count(), 2);
    let core = p.xml("docProps/core.xml");
    let title = core
        .descendants()
        .find(|n| n.tag_name().name() == "title")
        .unwrap();
    assert_eq!(title.text(), Some(doc.title.as_str()));
    let creator = core
        .descendants()
        .find(|n| n.tag_name().name() == "creator")
        .unwrap();
    assert_eq!(creator.text(), Some("张三 & 李四"));

    let nobody = hand_made("讲话", "正文", None);
    let p = export(&nobody, Layout::Official, FontSet::Windows, None);
    assert!(p.parts["docProps/core.xml"].contains("<dc:creator>讲稿工坊</dc:creator>"));
    // Unfilled slots stay as text; the podium copy marks them.
    assert!(p.parts["word/document.xml"].contains("【地区】"));
    assert!(!p.parts["word/document.xml"].contains("highlight"));
    let p = export(&nobody, Layout::Podium, FontSet::Windows, None);
    assert!(p.parts["word/document.xml"].contains("<w:highlight w:val=\"yellow\"/>"));
}

#[test]
fn quotes_and_dashes_come_out_in_the_chinese_face() {
    let doc = hand_made("讲话", "弘扬“劳模精神”——爱岗敬业，2026年", None);
    for (set, fang) in [
        (FontSet::Windows, "仿宋"),
        (FontSet::Founder, "方正仿宋_GBK"),
    ] {
        let p = export(&doc, Layout::Official, set, None);
        let xml = p.xml("word/document.xml");
        for r in xml
            .descendants()
            .filter(|n| n.tag_name().name() == "r" && w(*n, "t").is_some())
        {
            let t = text_of(r);
            let fonts = w(w(r, "rPr").unwrap(), "rFonts");
            if t.contains(['“', '”', '—']) {
                let f = fonts.expect("quote runs name their face");
                assert_eq!(attr(f, "ascii"), Some(fang), "{t}");
                assert_eq!(attr(f, "hAnsi"), Some(fang), "{t}");
                assert_eq!(attr(f, "eastAsia"), Some(fang), "{t}");
                assert_eq!(attr(f, "hint"), Some("eastAsia"));
            } else if t.contains("2026") {
                // Digits take the style's Latin face.
                assert!(fonts.is_none());
            }
        }
    }
}

#[test]
fn long_titles_are_split_into_balanced_lines() {
    let p = export(&sample(), Layout::Official, FontSet::Windows, None);
    let xml = p.xml("word/document.xml");
    let title = paragraphs_styled(&xml, "Title")[0];
    let breaks = title
        .descendants()
        .filter(|n| n.tag_name().name() == "br")
        .count();
    assert_eq!(breaks, 1);
    assert_eq!(
        text_of(title),
        "在市总工会2026年度先进集体和先进个人表彰大会上的讲话"
    );
}

/// The paragraphs of a style.
fn paragraphs_styled<'a>(xml: &'a Xml<'a>, style_id: &str) -> Vec<XNode<'a, 'a>> {
    xml.descendants()
        .filter(|n| {
            n.tag_name().name() == "p"
                && w(*n, "pPr")
                    .and_then(|p| w(p, "pStyle"))
                    .and_then(|s| attr(s, "val"))
                    == Some(style_id)
        })
        .collect()
}

/// Highlighted text of each paragraph of a style.
fn highlighted_in(xml: &Xml, style_id: &str) -> Vec<String> {
    paragraphs_styled(xml, style_id)
        .into_iter()
        .map(|p| {
            p.descendants()
                .filter(|r| r.tag_name().name() == "r")
                .filter(|r| w(*r, "rPr").and_then(|p| w(p, "highlight")).is_some())
                .map(text_of)
                .collect()
        })
        .collect()
}

#[test]
fn podium_highlights_blank_slots_in_the_title_and_head_lines_too() {
    let mut doc = hand_made("在【地区】职工代表大会上的讲话", "正文", None);
    doc.speaker = Some("【讲话人】".into());
    doc.date = Some("（2026年【月份】月）".into());
    doc.unfilled = vec!["地区".into(), "讲话人".into(), "月份".into()];
    let p = export(&doc, Layout::Podium, FontSet::Windows, None);
    let xml = p.xml("word/document.xml");
    assert_eq!(highlighted_in(&xml, "Title"), ["【地区】"]);
    assert_eq!(
        highlighted_in(&xml, "SpeakerLine"),
        ["【讲话人】", "【月份】"]
    );
    // The text itself is unchanged.
    assert_eq!(
        text_of(
            xml.descendants()
                .find(|n| n.tag_name().name() == "p")
                .unwrap()
        ),
        "在【地区】职工代表大会上的讲话"
    );
    // A bracket the writer typed is not a blank slot.
    let mut typed = doc.clone();
    typed.title = "在【年会】上的讲话".into();
    let p = export(&typed, Layout::Podium, FontSet::Windows, None);
    assert_eq!(highlighted_in(&p.xml("word/document.xml"), "Title"), [""]);
    // The official copy highlights nothing.
    let p = export(&doc, Layout::Official, FontSet::Windows, None);
    assert!(!p.parts["word/document.xml"].contains("highlight"));
}

#[test]
fn podium_keeps_a_heading_with_the_first_lines_of_its_paragraph_only() {
    let p = export(&sample(), Layout::Podium, FontSet::Windows, None);
    let xml = p.xml("word/document.xml");
    let body: Vec<XNode> = xml
        .descendants()
        .filter(|n| n.tag_name().name() == "p")
        .collect();
    let style_of = |n: XNode| {
        w(n, "pPr")
            .and_then(|p| w(p, "pStyle"))
            .and_then(|s| attr(s, "val"))
            .unwrap_or("Normal")
            .to_string()
    };
    let mut after = 0;
    for pair in body.windows(2) {
        let (prev, this) = (style_of(pair[0]), style_of(pair[1]));
        let widow = prop(pair[1], "pPr", "widowControl", "val");
        if prev.starts_with("Heading") && !this.starts_with("Heading") {
            // Widow control would make a short paragraph one block with its heading.
            assert_eq!(widow, Some("0"), "after {prev}");
            after += 1;
        } else {
            assert_eq!(widow, None, "{prev} → {this}");
        }
    }
    assert!(after > 0);
    // The official copy has no widow control to turn off.
    let p = export(&sample(), Layout::Official, FontSet::Windows, None);
    assert!(!p.parts["word/document.xml"].contains("widowControl"));
}

/// The document's paragraphs of a style, as (text, lines split at w:br).
fn paragraphs_of(xml: &Xml, style_id: &str) -> Vec<Vec<String>> {
    paragraphs_styled(xml, style_id)
        .into_iter()
        .map(|p| {
            let mut lines = vec![String::new()];
            for n in p.descendants() {
                match n.tag_name().name() {
                    "br" => lines.push(String::new()),
                    "t" => lines.last_mut().unwrap().push_str(n.text().unwrap_or("")),
                    _ => {}
                }
            }
            lines
        })
        .collect()
}

#[test]
fn a_wrapping_heading_leaves_no_character_alone() {
    let mut doc = hand_made("讲话", "正文", None);
    // 一、 and 25 characters: 26 fill the official first line, 基 would be alone.
    let text = "坚持用党的创新理论凝心铸魂，筑牢团结奋斗的思想根基";
    doc.nodes[0].text = text.into();
    doc.nodes[0].runs = vec![
        run("坚持用党的创新理论凝心铸魂，"),
        run("筑牢团结奋斗的思想根基"),
    ];
    let p = export(&doc, Layout::Official, FontSet::Windows, None);
    let headings = paragraphs_of(&p.xml("word/document.xml"), "Heading1");
    assert_eq!(
        headings[0],
        ["一、坚持用党的创新理论凝心铸魂，筑牢团结奋斗的思想", "根基"]
    );
    // The podium's larger heading wraps elsewhere: 16 characters after the indent.
    let p = export(&doc, Layout::Podium, FontSet::Windows, None);
    let headings = paragraphs_of(&p.xml("word/document.xml"), "Heading1");
    assert_eq!(headings[0].len(), 1, "{headings:?}");
    doc.nodes[0].text = "准确把握当前工会工作面临的形势".into();
    doc.nodes[0].runs = vec![run("准确把握当前工会工作面临的形势")];
    let p = export(&doc, Layout::Podium, FontSet::Windows, None);
    let headings = paragraphs_of(&p.xml("word/document.xml"), "Heading1");
    assert_eq!(headings[0], ["一、准确把握当前工会工作面临的", "形势"]);
    // A heading that fits has no break.
    let p = export(&doc, Layout::Official, FontSet::Windows, None);
    assert_eq!(
        paragraphs_of(&p.xml("word/document.xml"), "Heading1")[0].len(),
        1
    );
}

#[test]
fn same_draft_same_bytes() {
    let doc = sample();
    let a = to_docx(&doc, &DocxOptions::default()).unwrap();
    let b = to_docx(&doc, &DocxOptions::default()).unwrap();
    assert_eq!(a, b);
}

#[test]
fn cli_exports_docx_to_a_file_or_a_pipe() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lib.sqlite3");
    let out = Command::cargo_bin("jianggao")
        .unwrap()
        .env("JIANGGAO_DB", &db)
        .args([
            "new",
            "--template",
            "commendation-annual",
            "--set",
            "年份=2026",
            "--set",
            "单位=市总工会",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let id = String::from_utf8(out.stdout).unwrap().trim().to_string();
    let file = dir.path().join("out.docx");
    Command::cargo_bin("jianggao")
        .unwrap()
        .env("JIANGGAO_DB", &db)
        .args(["export", &id, "--format", "docx", "--layout", "podium"])
        .args(["--fonts", "founder", "--page-numbers", "outside", "--out"])
        .arg(&file)
        .assert()
        .success();
    let (_, parts) = unzip(&std::fs::read(&file).unwrap());
    assert!(parts["word/styles.xml"].contains("方正仿宋_GBK"));
    assert!(parts["word/settings.xml"].contains("evenAndOddHeaders"));
    // Standard output that is not a terminal gets the bytes.
    let out = Command::cargo_bin("jianggao")
        .unwrap()
        .env("JIANGGAO_DB", &db)
        .args(["export", &id, "--format", "docx"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(out.stdout.starts_with(b"PK\x03\x04"));
    let (_, parts) = unzip(&out.stdout);
    assert!(parts["word/document.xml"].contains("市总工会"));
    // A bad option is refused with a clear message.
    Command::cargo_bin("jianggao")
        .unwrap()
        .env("JIANGGAO_DB", &db)
        .args(["export", &id, "--format", "docx", "--fonts", "comic"])
        .assert()
        .failure();
}
