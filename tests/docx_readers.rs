//! Our .docx read back by independent programs: pandoc gets the same text and heading
//! structure back; LibreOffice renders the pages, and pdftotext shows the GB/T 9704 grid
//! (22 lines × 28 characters), the page numbers, and the podium copy's large type.
//!
//! The programs come from Debian packages (pandoc, poppler-utils,
//! libreoffice-writer-nogui, fonts-noto-cjk, fonts-arphic-ukai). When one is missing the
//! test prints a note and passes, unless JIANGGAO_REQUIRE_READERS=1 (CI sets it).

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use jianggao::document::Document;
use jianggao::export::docx::{parts, to_docx, DocxOptions, FontSet, Layout, PageNumbers};
use jianggao::outline::{NewNode, NodeKind};
use jianggao::render;
use jianggao::store::Place;
use serde_json::Value;

/// Whether `program` can be run; a missing one fails the test under CI.
fn have(program: &str, version_arg: &str) -> bool {
    let found = Command::new(program)
        .arg(version_arg)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok();
    if !found {
        if std::env::var("JIANGGAO_REQUIRE_READERS").as_deref() == Ok("1") {
            panic!("{program} is required (JIANGGAO_REQUIRE_READERS=1) but was not found");
        }
        eprintln!("note: {program} not found; skipping this reader check");
    }
    found
}

/// Sentences of our own, no digits or Latin letters, so every line on the page is a
/// plain run of Chinese characters and punctuation.
const SENTENCES: &[&str] = &[
    "各级工会要坚持以职工为中心的工作导向，把服务职工作为工作主线。",
    "要深入基层、深入一线，倾听职工呼声，回应职工关切，解决职工急难愁盼问题。",
    "要健全联系服务职工的长效机制，让职工群众切实感受到工会组织就在身边。",
    "要大力弘扬劳模精神、劳动精神、工匠精神，营造崇尚劳动的浓厚氛围。",
    "要持续深化产业工人队伍建设改革，拓宽技术工人成长成才通道。",
    "要加强工会自身建设，锤炼过硬作风，不断提升工会工作的能力和水平。",
    "要把加强思想政治引领放在首位，团结引导广大职工听党话、跟党走。",
    "要广泛开展劳动和技能竞赛，在推动高质量发展中建功立业。",
];

fn long_text(chars: usize) -> String {
    let mut s = String::new();
    for sentence in SENTENCES.iter().cycle() {
        if s.chars().count() >= chars {
            break;
        }
        s.push_str(sentence);
    }
    s
}

/// A real draft from a built-in template, every slot filled, with a long paragraph first
/// (so page 2 is all body text) and headings of every level at the end.
fn draft() -> Document {
    let (mut store, id) = common::commendation_draft();
    let first = store.draft(id).unwrap();
    let first_id = render::render(&first).nodes[0].id;
    store
        .insert_nodes(
            id,
            vec![NewNode::new(NodeKind::Paragraph, long_text(1900))],
            Place::Before(first_id),
        )
        .unwrap();
    let mut h1 = NewNode::new(NodeKind::Heading, "加强组织保障");
    let mut h2 = NewNode::new(NodeKind::Heading, "健全工作机制");
    let mut h3 = NewNode::new(NodeKind::Heading, "明确责任分工");
    let mut h4 = NewNode::new(NodeKind::Heading, "细化工作措施");
    h4.children
        .push(NewNode::new(NodeKind::Paragraph, long_text(200)));
    h3.children.push(h4);
    h2.children.push(h3);
    h1.children.push(h2);
    store.insert_nodes(id, vec![h1], Place::End).unwrap();
    render::render(&store.draft(id).unwrap())
}

fn inline_text(inlines: &Value, out: &mut String) {
    for i in inlines.as_array().into_iter().flatten() {
        match i["t"].as_str().unwrap_or("") {
            "Str" => out.push_str(i["c"].as_str().unwrap_or("")),
            "Space" | "SoftBreak" => out.push(' '),
            "LineBreak" => {}
            "Strong" | "Emph" | "Underline" | "Span" => {
                let c = &i["c"];
                let inner = if i["t"] == "Span" { &c[1] } else { c };
                inline_text(inner, out)
            }
            "Quoted" => {
                let double = i["c"][0]["t"] == "DoubleQuote";
                out.push(if double { '“' } else { '‘' });
                inline_text(&i["c"][1], out);
                out.push(if double { '”' } else { '’' });
            }
            other => panic!("unexpected inline {other}"),
        }
    }
}

fn strong_text(inlines: &Value, out: &mut String) {
    for i in inlines.as_array().into_iter().flatten() {
        if i["t"] == "Strong" {
            inline_text(&i["c"], out);
        }
    }
}

#[test]
fn pandoc_reads_back_the_same_text_and_headings() {
    if !have("pandoc", "--version") {
        return;
    }
    let doc = draft();
    let dir = tempfile::tempdir().unwrap();
    for (layout, fonts) in [
        (Layout::Official, FontSet::Windows),
        (Layout::Official, FontSet::Founder),
        (Layout::Podium, FontSet::Gb2312),
    ] {
        let file = dir.path().join("read.docx");
        std::fs::write(
            &file,
            to_docx(&doc, &DocxOptions::new(layout, fonts, None)).unwrap(),
        )
        .unwrap();
        let out = Command::new("pandoc")
            .args(["-f", "docx", "-t", "json"])
            .arg(&file)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let json: Value = serde_json::from_slice(&out.stdout).unwrap();

        let mut title = String::new();
        inline_text(&json["meta"]["title"]["c"], &mut title);
        assert_eq!(title, doc.title);

        // (heading level or 0, text, bold text)
        let mut got = Vec::new();
        for b in json["blocks"].as_array().unwrap() {
            let (level, inlines) = match b["t"].as_str().unwrap() {
                "Header" => (b["c"][0].as_u64().unwrap() as usize, &b["c"][2]),
                "Para" | "Plain" => (0, &b["c"]),
                other => panic!("unexpected block {other}"),
            };
            let mut text = String::new();
            inline_text(inlines, &mut text);
            let mut bold = String::new();
            if level == 0 {
                strong_text(inlines, &mut bold);
            }
            got.push((level, text, bold));
        }
        let mut expected: Vec<(usize, String, String)> = doc
            .head_lines()
            .map(|(_, l)| (0, l.to_string(), String::new()))
            .collect();
        for n in doc.walk() {
            let bold: String = if n.level.is_some() {
                String::new()
            } else {
                let runs = n.display_runs();
                // The podium copy sets every lead bold.
                let lead_bold = layout == Layout::Podium && n.lead.is_some();
                runs.iter()
                    .enumerate()
                    .filter(|(i, r)| r.bold || (lead_bold && *i == 0))
                    .map(|(_, r)| r.text.as_str())
                    .collect()
            };
            expected.push((n.level.unwrap_or(0), n.display_text(), bold));
        }
        assert_eq!(got.len(), expected.len(), "{layout:?} {fonts:?}");
        for (g, e) in got.iter().zip(&expected) {
            assert_eq!(g, e, "{layout:?} {fonts:?}");
        }
    }
}

/// Stand-ins for the Chinese faces, so LibreOffice sets each style in a face of the right
/// kind (Debian has no free FangSong: the Song face stands in for it).
const FONTS_CONF: &str = r#"<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <cachedir>CACHE</cachedir>
  <match target="pattern"><test name="family" qual="any"><string>方正小标宋简体</string></test>
    <edit name="family" mode="assign" binding="strong"><string>Noto Serif CJK SC</string></edit>
    <edit name="weight" mode="assign" binding="strong"><const>bold</const></edit></match>
  <match target="pattern"><test name="family" qual="any"><string>方正小标宋_GBK</string></test>
    <edit name="family" mode="assign" binding="strong"><string>Noto Serif CJK SC</string></edit>
    <edit name="weight" mode="assign" binding="strong"><const>bold</const></edit></match>
  ALIASES
</fontconfig>
"#;

const STAND_INS: &[(&str, &str)] = &[
    ("仿宋", "Noto Serif CJK SC"),
    ("仿宋_GB2312", "Noto Serif CJK SC"),
    ("方正仿宋_GBK", "Noto Serif CJK SC"),
    ("宋体", "Noto Serif CJK SC"),
    ("方正书宋_GBK", "Noto Serif CJK SC"),
    ("楷体", "AR PL UKai CN"),
    ("楷体_GB2312", "AR PL UKai CN"),
    ("方正楷体_GBK", "AR PL UKai CN"),
    ("黑体", "Noto Sans CJK SC"),
    ("方正黑体_GBK", "Noto Sans CJK SC"),
];

fn fonts_conf(dir: &Path) -> PathBuf {
    let aliases: String = STAND_INS
        .iter()
        .map(|(name, to)| {
            format!(
                "<alias binding=\"same\"><family>{name}</family><prefer><family>{to}</family></prefer></alias>\n"
            )
        })
        .collect();
    let conf = FONTS_CONF
        .replace("ALIASES", &aliases)
        .replace("CACHE", &dir.join("fc-cache").display().to_string());
    let path = dir.join("fonts.conf");
    std::fs::write(&path, conf).unwrap();
    path
}

/// Converts the files to PDF in one LibreOffice run with a profile of its own.
fn soffice_pdf(dir: &Path, files: &[PathBuf]) {
    let profile = dir.join("lo-profile");
    let mut child = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args([
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
        ])
        .arg(dir)
        .args(files)
        .env("FONTCONFIG_FILE", fonts_conf(dir))
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // A guard against a hung office process, not a timing check.
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            assert!(status.success(), "soffice failed");
            break;
        }
        if start.elapsed() > Duration::from_secs(600) {
            let _ = child.kill();
            panic!("soffice did not finish in 10 minutes");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    for f in files {
        assert!(
            f.with_extension("pdf").exists(),
            "no PDF for {}",
            f.display()
        );
    }
}

/// Pages of `pdftotext -layout`, each as its non-empty lines (right-trimmed).
fn pages(pdf: &Path) -> Vec<Vec<String>> {
    let out = Command::new("pdftotext")
        .arg("-layout")
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    text.split('\u{c}')
        .map(|page| {
            page.lines()
                .map(|l| l.trim_end().to_string())
                .filter(|l| !l.trim().is_empty())
                .collect::<Vec<_>>()
        })
        .filter(|p| !p.is_empty())
        .collect()
}

/// "— 7 —" with or without spaces; returns the number.
fn page_number(line: &str) -> Option<u32> {
    let t = line.trim();
    let inner = t.strip_prefix('—')?.strip_suffix('—')?.trim();
    inner.parse().ok()
}

fn chars(line: &str) -> usize {
    line.chars().filter(|c| !c.is_whitespace()).count()
}

/// The text block's edges on the page, in points (A4, margins 28 mm left, 26 mm right).
const LEFT_EDGE: f64 = 1587.0 / 20.0;
const RIGHT_EDGE: f64 = (11906.0 - 1474.0) / 20.0;
const CENTRE: f64 = (LEFT_EDGE + RIGHT_EDGE) / 2.0;

fn attr_f64(tag: &str, name: &str) -> f64 {
    let key = format!("{name}=\"");
    let start = tag.find(&key).unwrap() + key.len();
    let end = start + tag[start..].find('"').unwrap();
    tag[start..end].parse().unwrap()
}

/// Per page, the horizontal extent (x min, x max, in points) of the lowest line of
/// words, the page number, from `pdftotext -bbox`.
fn number_boxes(pdf: &Path) -> Vec<(f64, f64)> {
    let out = Command::new("pdftotext")
        .arg("-bbox")
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let mut boxes = Vec::new();
    for page in text.split("<page ").skip(1) {
        let words: Vec<(f64, f64, f64)> = page
            .split("<word ")
            .skip(1)
            .map(|w| {
                (
                    attr_f64(w, "xMin"),
                    attr_f64(w, "xMax"),
                    attr_f64(w, "yMin"),
                )
            })
            .collect();
        let bottom = words.iter().map(|w| w.2).fold(f64::MIN, f64::max);
        let line: Vec<_> = words
            .iter()
            .filter(|w| (w.2 - bottom).abs() < 1.0)
            .collect();
        let x0 = line.iter().map(|w| w.0).fold(f64::MAX, f64::min);
        let x1 = line.iter().map(|w| w.1).fold(f64::MIN, f64::max);
        boxes.push((x0, x1));
    }
    boxes
}

fn pdf_fonts(pdf: &Path) -> String {
    let out = Command::new("pdffonts").arg(pdf).output().unwrap();
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn libreoffice_renders_the_official_grid_and_the_podium_copy() {
    if !have("soffice", "--version") || !have("pdftotext", "-v") || !have("pdffonts", "-v") {
        return;
    }
    let doc = draft();
    let dir = tempfile::tempdir().unwrap();
    let variants = [
        ("official-windows", Layout::Official, FontSet::Windows, None),
        ("official-gb2312", Layout::Official, FontSet::Gb2312, None),
        ("official-founder", Layout::Official, FontSet::Founder, None),
        (
            "official-center",
            Layout::Official,
            FontSet::Windows,
            Some(PageNumbers::Center),
        ),
        ("podium", Layout::Podium, FontSet::Windows, None),
    ];
    let files: Vec<PathBuf> = variants
        .iter()
        .map(|(name, layout, fonts, pn)| {
            let f = dir.path().join(format!("{name}.docx"));
            std::fs::write(
                &f,
                to_docx(&doc, &DocxOptions::new(*layout, *fonts, *pn)).unwrap(),
            )
            .unwrap();
            f
        })
        .collect();
    soffice_pdf(dir.path(), &files);

    for (name, layout, _, pn) in &variants {
        let pdf = dir.path().join(format!("{name}.pdf"));
        let pages = pages(&pdf);
        assert!(pages.len() >= 3, "{name}: {} pages", pages.len());
        // Every page ends with its number, "— N —".
        for (i, p) in pages.iter().enumerate() {
            let last = p.last().unwrap();
            assert_eq!(
                page_number(last),
                Some(i as u32 + 1),
                "{name} page {}: {last:?}",
                i + 1
            );
        }
        // Body lines of the first pages: the number line left out.
        let body = |p: &Vec<String>| p[..p.len() - 1].to_vec();
        if *layout == Layout::Official {
            // Page 2 lies inside the long paragraph: a full page of the grid.
            let page2 = body(&pages[1]);
            assert_eq!(
                page2.len(),
                22,
                "{name}: lines on a full page:\n{}",
                page2.join("\n")
            );
            let widths: Vec<usize> = page2.iter().map(|l| chars(l)).collect();
            assert_eq!(widths.iter().max(), Some(&28), "{name}: {widths:?}");
            let full = widths.iter().filter(|w| **w == 28).count();
            assert!(full * 2 > widths.len(), "{name}: {widths:?}");
            let numbers = number_boxes(&pdf);
            let (odd, even) = (numbers[0], numbers[1]);
            match pn {
                // Odd pages right, even pages left, one 4号 character (14 pt) in.
                None => {
                    assert!((odd.1 - (RIGHT_EDGE - 14.0)).abs() < 2.0, "{name}: {odd:?}");
                    assert!(
                        (even.0 - (LEFT_EDGE + 14.0)).abs() < 2.0,
                        "{name}: {even:?}"
                    );
                }
                Some(_) => {
                    for n in [odd, even] {
                        assert!(((n.0 + n.1) / 2.0 - CENTRE).abs() < 3.0, "{name}: {n:?}");
                    }
                }
            }
            // Each style's face reached the page: Song/FangSong, Kai, Hei stand-ins.
            let fonts = pdf_fonts(&pdf);
            for f in ["NotoSerifCJK", "UKai", "NotoSansCJK", "LiberationSerif"] {
                assert!(fonts.contains(f), "{name}: no {f} in\n{fonts}");
            }
        } else {
            // Podium: large type, so short lines and few of them; numbers centred.
            let widths: Vec<usize> = pages.iter().flat_map(&body).map(|l| chars(&l)).collect();
            let max = widths.iter().max().copied().unwrap_or(0);
            assert!((15..=22).contains(&max), "{name}: {max} characters a line");
            for p in &pages {
                assert!(
                    body(p).len() <= 19,
                    "{name}: {} lines on a page",
                    body(p).len()
                );
            }
            for n in number_boxes(&pdf).into_iter().take(2) {
                assert!(((n.0 + n.1) / 2.0 - CENTRE).abs() < 3.0, "{name}: {n:?}");
            }
            // No heading is the last line of a page.
            let headings: Vec<String> = doc
                .walk()
                .filter(|n| n.level.is_some())
                .map(|n| n.display_text())
                .collect();
            for (i, p) in pages.iter().enumerate().take(pages.len() - 1) {
                let last = body(p).last().cloned().unwrap_or_default();
                let last: String = last.split_whitespace().collect();
                for h in &headings {
                    assert!(
                        !(h.starts_with(&last) || last.len() >= 6 && h.ends_with(&last)),
                        "{name}: page {} ends with the heading {h:?}",
                        i + 1
                    );
                }
            }
        }
    }
}

/// Where rendered files go: a temporary folder, or the folder JIANGGAO_KEEP_RENDERED
/// names, so the pages can be looked at after the test.
enum RenderDir {
    Temp(tempfile::TempDir),
    Kept(PathBuf),
}

impl RenderDir {
    fn path(&self) -> &Path {
        match self {
            RenderDir::Temp(t) => t.path(),
            RenderDir::Kept(p) => p,
        }
    }
}

fn render_dir() -> RenderDir {
    match std::env::var_os("JIANGGAO_KEEP_RENDERED") {
        Some(p) => {
            std::fs::create_dir_all(&p).unwrap();
            RenderDir::Kept(PathBuf::from(p))
        }
        None => RenderDir::Temp(tempfile::tempdir().unwrap()),
    }
}

/// The text a reader should find in the .docx of `doc`, without whitespace: title, head
/// lines, then every node with its number or lead.
fn printed_text(doc: &Document) -> String {
    std::iter::once(doc.title.clone())
        .chain(doc.head_lines().map(|(_, l)| l.to_string()))
        .chain(doc.walk().map(|n| n.display_text()))
        .flat_map(|t| t.chars().collect::<Vec<_>>())
        .filter(|c| !c.is_whitespace())
        .collect()
}

/// The text of the PDF in reading order (`pdftotext`, not `-layout`), page numbers and
/// whitespace left out.
fn pdf_text(pdf: &Path) -> String {
    let out = Command::new("pdftotext")
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap();
    assert!(out.status.success());
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .filter(|l| page_number(l).is_none())
        .flat_map(|l| l.chars().collect::<Vec<_>>())
        .filter(|c| !c.is_whitespace() && *c != '\u{c}')
        .collect()
}

/// Characters that count on a line: marks go with their neighbour.
fn counted(line: &str) -> usize {
    line.chars()
        .filter(|c| !c.is_whitespace() && !"，。、；：？！“”‘’（）《》—…".contains(*c))
        .count()
}

/// The PDF's lines (`pdftotext -layout`), page numbers left out, whitespace removed.
fn pdf_lines(pdf: &Path) -> Vec<String> {
    pages(pdf)
        .into_iter()
        .flatten()
        .filter(|l| page_number(l).is_none())
        .map(|l| l.split_whitespace().collect())
        .collect()
}

/// Headings set in more than one line whose last line holds a single character.
fn lone_heading_lines(doc: &Document, lines: &[String]) -> Vec<String> {
    let mut found = Vec::new();
    for h in doc.walk().filter(|n| n.level.is_some()) {
        let h: String = h.display_text().split_whitespace().collect();
        for (i, first) in lines.iter().enumerate() {
            if first.is_empty() || !h.starts_with(first.as_str()) || *first == h {
                continue;
            }
            let mut joined = first.clone();
            let mut last = i;
            while joined.len() < h.len() && last + 1 < lines.len() {
                last += 1;
                joined.push_str(&lines[last]);
            }
            if joined == h && counted(&lines[last]) < 2 {
                found.push(lines[i..=last].join(" / "));
            }
        }
    }
    found
}

/// Characters of `expected` missing from `got`, and characters of `got` not in `expected`.
fn char_diff(expected: &str, got: &str) -> (String, String) {
    let diff = similar::TextDiff::from_chars(expected, got);
    let (mut lost, mut added) = (String::new(), String::new());
    for change in diff.iter_all_changes() {
        match change.tag() {
            similar::ChangeTag::Delete => lost.push_str(change.value()),
            similar::ChangeTag::Insert => added.push_str(change.value()),
            similar::ChangeTag::Equal => {}
        }
    }
    (lost, added)
}

/// Every built-in template's draft, official and podium, rendered by LibreOffice: the PDF
/// holds every character of the document, punctuation at line ends included (justified
/// lines used to lose the marks LibreOffice hung past the margin); the title comes in the
/// lines we split it into; no heading that wraps leaves one character alone on a line.
#[test]
fn libreoffice_sets_every_template_whole() {
    if !have("soffice", "--version") || !have("pdftotext", "-v") {
        return;
    }
    let drafts = common::template_drafts();
    let dir = render_dir();
    let mut files = Vec::new();
    for (id, doc) in &drafts {
        for layout in [Layout::Official, Layout::Podium] {
            let f = dir.path().join(format!("{id}-{layout:?}.docx"));
            let opts = DocxOptions::new(layout, FontSet::Windows, None);
            std::fs::write(&f, to_docx(doc, &opts).unwrap()).unwrap();
            files.push(f);
        }
    }
    soffice_pdf(dir.path(), &files);
    let mut report = Vec::new();
    let mut lost_in = [0, 0];
    for (id, doc) in &drafts {
        for (i, layout) in [Layout::Official, Layout::Podium].into_iter().enumerate() {
            let pdf = dir.path().join(format!("{id}-{layout:?}.pdf"));
            let (lost, added) = char_diff(&printed_text(doc), &pdf_text(&pdf));
            lost_in[i] += lost.chars().count();
            if !lost.is_empty() || !added.is_empty() {
                report.push(format!("{id} {layout:?}: lost {lost:?}, added {added:?}"));
            }
            let lines = pdf_lines(&pdf);
            for h in lone_heading_lines(doc, &lines) {
                report.push(format!("{id} {layout:?}: a character alone in {h}"));
            }
            // The title in the lines we split it into, no more: LibreOffice wraps none.
            let opts = DocxOptions::new(layout, FontSet::Windows, None);
            let document = parts(doc, &opts)
                .into_iter()
                .find(|(name, _)| *name == "word/document.xml")
                .unwrap()
                .1;
            let title_par = &document[..document.find("</w:p>").unwrap()];
            let split = title_par.matches("<w:br/>").count() + 1;
            let title: String = doc.title.split_whitespace().collect();
            if lines[..split].concat() != title {
                report.push(format!(
                    "{id} {layout:?}: title set as {:?}",
                    &lines[..split + 1]
                ));
            }
        }
    }
    eprintln!(
        "characters lost: {} in the official copies, {} in the podium copies",
        lost_in[0], lost_in[1]
    );
    assert!(report.is_empty(), "{}", report.join("\n"));
}
