//! Our PDF and OFD read back by independent programs: pdftotext gets the speech's text in
//! reading order, pdffonts shows every font embedded (as a subset, with a text map),
//! pdfinfo the page count and title, `qpdf --check` finds no damage; an OFD reader from
//! PyPI (`ofdkit`, in the venv `~/.cache/jianggao/ofdenv`, or the Python named by
//! JIANGGAO_OFD_PYTHON) gets the same text and page count back.
//!
//! Ghostscript's text device (`txtwrite`) gives where each character is drawn: every
//! one where the layout put it.
//!
//! The programs come from Debian packages (poppler-utils, qpdf, ghostscript,
//! fonts-noto-cjk) and PyPI
//! (ofdkit). When one is missing the test prints a note and passes, unless
//! JIANGGAO_REQUIRE_READERS=1 (CI sets it).

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use jianggao::document::Document;
use jianggao::export::{ofd, pdf};
use jianggao::layout::fonts::{self, FoundFonts};
use jianggao::layout::{lay_out, FontSet, LayoutProfile, PlacedPage};
use jianggao::render;

fn required() -> bool {
    std::env::var("JIANGGAO_REQUIRE_READERS").as_deref() == Ok("1")
}

fn skip(what: &str) -> bool {
    if required() {
        panic!("{what} is required (JIANGGAO_REQUIRE_READERS=1) but was not found");
    }
    eprintln!("note: {what} not found; skipping this reader check");
    false
}

/// Whether `program` can be run; a missing one fails the test under CI.
fn have(program: &str, version_arg: &str) -> bool {
    let found = Command::new(program)
        .arg(version_arg)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok();
    found || skip(program)
}

fn found_fonts() -> Option<FoundFonts> {
    let found = fonts::find(FontSet::Gb2312, fonts::system());
    if found.is_none() {
        skip("a font with Chinese characters");
    }
    found
}

/// A built-in draft with its slots filled, and a paragraph of our own with digits,
/// Latin letters, quotes and a dash, so every breaking rule meets the readers.
fn draft() -> Document {
    let (store, id) = common::commendation_draft();
    let mut doc = render::render(&store.draft(id).unwrap());
    let mut extra = doc.nodes[0].clone();
    extra.id = 9999;
    extra.children.clear();
    extra.text = "全年共开展“技能比武”活动126场，参与职工达到3.5万人次——比上年增长12.5%，\
                  线上课程通过App和Web端同步推送。"
        .repeat(3);
    extra.runs = vec![jianggao::document::Run {
        text: extra.text.clone(),
        ..Default::default()
    }];
    extra.kind = jianggao::outline::NodeKind::Paragraph;
    extra.number = None;
    extra.lead = None;
    extra.level = None;
    doc.nodes.insert(0, extra);
    doc
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The text of the laid-out pages without page numbers, in reading order.
fn laid_text(pages: &[PlacedPage]) -> String {
    squeeze(
        &pages
            .iter()
            .flat_map(|p| &p.lines)
            .map(|l| l.text())
            .collect::<String>(),
    )
}

/// Reader output with the page numbers ("— N —") taken out.
fn without_folios(text: &str) -> String {
    let kept: Vec<&str> = text
        .lines()
        .filter(|l| !(l.trim().starts_with('—') && l.trim().ends_with('—')))
        .collect();
    squeeze(&kept.join("\n"))
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

fn run(program: &str, args: &[&str]) -> String {
    let out = Command::new(program).args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{program} {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The draft laid out and written as a PDF in `dir`, official and podium: each profile,
/// its pages and the file.
fn both_layouts(
    doc: &Document,
    found: &FoundFonts,
    dir: &Path,
) -> Vec<(LayoutProfile, Vec<PlacedPage>, PathBuf)> {
    [LayoutProfile::official(), LayoutProfile::podium()]
        .into_iter()
        .map(|profile| {
            let pages = lay_out(doc, &profile, &found.metrics());
            let bytes = pdf::pages_to_pdf(doc, &pages, found, profile.mark_unfilled).unwrap();
            let name = format!("{:?}.pdf", profile.layout);
            let path = write(dir, &name, &bytes);
            (profile, pages, path)
        })
        .collect()
}

#[test]
fn pdf_text_fonts_and_structure_read_back() {
    let Some(found) = found_fonts() else { return };
    if !have("pdftotext", "-v") {
        return;
    }
    let doc = draft();
    let dir = tempfile::tempdir().unwrap();
    for (_, pages, path) in both_layouts(&doc, &found, dir.path()) {
        let p = path.to_str().unwrap();
        // The whole speech, in order, as the layout set it.
        let text = run("pdftotext", &[p, "-"]);
        assert_eq!(without_folios(&text), laid_text(&pages));
        assert!(squeeze(&text).contains(&squeeze(&doc.title)));
        // Every font embedded as a subset with a ToUnicode map.
        let fonts = run("pdffonts", &[p]);
        let rows: Vec<&str> = fonts.lines().skip(2).collect();
        assert!(!rows.is_empty(), "{fonts}");
        for row in rows {
            let cols: Vec<&str> = row.split_whitespace().collect();
            let n = cols.len();
            assert_eq!(&cols[n - 5..n - 2], ["yes", "yes", "yes"], "{row}");
        }
        let info = run("pdfinfo", &[p]);
        let count = info
            .lines()
            .find_map(|l| l.strip_prefix("Pages:"))
            .map(str::trim);
        assert_eq!(count, Some(pages.len().to_string().as_str()), "{info}");
        assert!(info.contains(&doc.title), "{info}");
        if have("qpdf", "--version") {
            let out = Command::new("qpdf").args(["--check", p]).output().unwrap();
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stdout)
            );
        }
    }
}

/// Each character Ghostscript finds on the pages: the character, its left edge and its
/// baseline (points from the page's top), page by page.
fn drawn_characters(pdf: &str) -> Vec<(char, f32, f32)> {
    let xml = run(
        "gs",
        &[
            "-q",
            "-dNOPAUSE",
            "-dBATCH",
            "-sDEVICE=txtwrite",
            "-dTextFormat=0",
            "-o",
            "-",
            pdf,
        ],
    );
    let mut out = Vec::new();
    for line in xml
        .lines()
        .map(str::trim)
        .filter(|l| l.starts_with("<char "))
    {
        let attr = |name: &str| {
            let start = line.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
            &line[start..start + line[start..].find('"').unwrap()]
        };
        let bbox: Vec<f32> = attr("bbox")
            .split(' ')
            .map(|n| n.parse().unwrap())
            .collect();
        let code = attr("c");
        let c = match code.strip_prefix("&#x") {
            Some(hex) => {
                char::from_u32(u32::from_str_radix(hex.trim_end_matches(';'), 16).unwrap()).unwrap()
            }
            None => match code {
                "&amp;" => '&',
                "&lt;" => '<',
                "&gt;" => '>',
                "&quot;" => '"',
                _ => code.chars().next().unwrap(),
            },
        };
        // txtwrite's y counts from the page's top, as the layout's does.
        out.push((c, bbox[0], bbox[1]));
    }
    out
}

/// Every character of the PDF, read back by Ghostscript, is where the layout put it (to
/// Ghostscript's whole points): the writer's character spacing and per-glyph adjustments
/// add up to the layout's advances across whole lines, justified or squeezed.
#[test]
fn every_character_is_drawn_where_the_layout_put_it() {
    let Some(found) = found_fonts() else { return };
    if !have("gs", "--version") {
        return;
    }
    let doc = draft();
    let dir = tempfile::tempdir().unwrap();
    for (profile, pages, path) in both_layouts(&doc, &found, dir.path()) {
        let mut laid = Vec::new();
        for page in &pages {
            for line in page.lines.iter().chain(std::iter::once(&page.folio)) {
                for run in &line.runs {
                    let mut x = run.x;
                    for (c, adv) in run.text.chars().zip(&run.advances) {
                        if !c.is_whitespace() {
                            laid.push((c, x, line.baseline));
                        }
                        x += adv;
                    }
                }
            }
        }
        let drawn: Vec<_> = drawn_characters(path.to_str().unwrap())
            .into_iter()
            .filter(|(c, _, _)| !c.is_whitespace())
            .collect();
        assert_eq!(
            drawn.len(),
            laid.len(),
            "{:?}: characters drawn",
            profile.layout
        );
        for (i, ((dc, dx, dy), (lc, lx, ly))) in drawn.iter().zip(&laid).enumerate() {
            assert_eq!(dc, lc, "{:?}: character {i}", profile.layout);
            assert!(
                (dx - lx).abs() <= 1.0 && (dy - ly).abs() <= 1.0,
                "{:?}: {lc} (character {i}) drawn at ({dx}, {dy}), laid out at ({lx:.2}, {ly:.2})",
                profile.layout
            );
        }
    }
}

#[test]
fn a_full_official_page_prints_22_lines_of_28_characters() {
    let Some(found) = found_fonts() else { return };
    if !have("pdftotext", "-v") {
        return;
    }
    let mut doc = draft();
    doc.nodes.truncate(1);
    let body = "各级工会要坚持以职工为中心的工作导向把服务职工作为工作主线".repeat(40);
    doc.nodes[0].text = body.clone();
    doc.nodes[0].runs[0].text = body;
    let pages = lay_out(&doc, &LayoutProfile::official(), &found.metrics());
    let bytes = pdf::pages_to_pdf(&doc, &pages, &found, false).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "x.pdf", &bytes);
    let text = run(
        "pdftotext",
        &["-f", "2", "-l", "2", path.to_str().unwrap(), "-"],
    );
    let lines: Vec<usize> = text
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.trim().starts_with('—'))
        .map(|l| squeeze(l).chars().count())
        .collect();
    assert_eq!(lines.len(), 22, "{text}");
    assert!(lines.iter().all(|n| *n == 28), "{lines:?}");
}

/// The Python with ofdkit: JIANGGAO_OFD_PYTHON, else the venv under ~/.cache/jianggao.
fn ofd_python() -> Option<PathBuf> {
    let p = std::env::var_os("JIANGGAO_OFD_PYTHON")
        .map(PathBuf::from)
        .or_else(|| {
            std::env::var_os("HOME")
                .map(|h| PathBuf::from(h).join(".cache/jianggao/ofdenv/bin/python"))
        })?;
    let ok = Command::new(&p)
        .args(["-c", "import ofdkit"])
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if ok {
        Some(p)
    } else {
        skip("python with ofdkit (pip install ofdkit)");
        None
    }
}

#[test]
fn ofd_text_and_pages_read_back_with_ofdkit() {
    let Some(found) = found_fonts() else { return };
    let Some(python) = ofd_python() else { return };
    let doc = draft();
    let pages = lay_out(&doc, &LayoutProfile::official(), &found.metrics());
    let bytes = ofd::pages_to_ofd(&doc, &pages, &found).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "x.ofd", &bytes);
    let script = "import sys, ofdkit\n\
                  d = ofdkit.open(sys.argv[1])\n\
                  print(len(d.pages))\n\
                  print(ofdkit.extract_text(sys.argv[1]))";
    let out = run(
        python.to_str().unwrap(),
        &["-c", script, path.to_str().unwrap()],
    );
    let (count, text) = out.split_once('\n').unwrap();
    assert_eq!(count.trim(), pages.len().to_string());
    assert_eq!(without_folios(text), laid_text(&pages));
}

#[test]
fn every_face_missing_still_gives_a_pdf_with_the_stand_ins_named() {
    let Some(found) = found_fonts() else { return };
    // No office set is installed here; whatever stood in is named, and the PDF is made.
    let subs = found.substitutions();
    for s in &subs {
        assert_ne!(s.wanted, s.used);
    }
    let bytes = pdf::to_pdf(&draft(), &LayoutProfile::official(), &found).unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
}
