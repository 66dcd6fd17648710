//! The CFF subsets of `export::subset` on the Noto CJK fonts Debian ships
//! (fonts-noto-cjk), CID-keyed, and on URW's name-keyed base fonts (fonts-urw-base35,
//! with global and local subroutines): cold and warm glyph caches give the same bytes,
//! damaged or foreign cache files are ignored, faces without CFF are refused; fontTools
//! (PyPI) reads the subset and finds every glyph's outline, width, hinting values and
//! FontMatrix equal to the original's; poppler reads it embedded in a PDF as
//! `CID Type 0C` and draws it at the size the original would (ink measured); the PDF
//! export takes a name-keyed face's subset from its glyph cache. The Fandol faces of TeX
//! Live (texlive-lang-chinese, CID-keyed) are read too when installed (not required).
//!
//! A missing font or reader prints a note and passes, unless JIANGGAO_REQUIRE_READERS=1.
//! `JIANGGAO_KEEP_RENDERED=DIR` keeps the PDF and its PNG to look at.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use jianggao::export::pdf;
use jianggao::export::subset::{cff_subset, FaceKey, GlyphCache};
use jianggao::layout::fonts;
use jianggao::layout::{lay_out, Face, FontSet, LayoutProfile};

const SERIF: &str = "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc";
const SANS_BOLD: &str = "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc";
const UKAI: &str = "/usr/share/fonts/truetype/arphic/ukai.ttc";
/// Name-keyed CFF with global and local subroutines.
const NIMBUS: &str = "/usr/share/fonts/opentype/urw-base35/NimbusRoman-Regular.otf";
const NIMBUS_SANS: &str = "/usr/share/fonts/opentype/urw-base35/NimbusSans-Bold.otf";

fn required() -> bool {
    std::env::var("JIANGGAO_REQUIRE_READERS").as_deref() == Ok("1")
}

fn skip(what: &str) {
    if required() {
        panic!("{what} is required (JIANGGAO_REQUIRE_READERS=1) but was not found");
    }
    eprintln!("note: {what} not found; skipping this check");
}

/// The bytes of a font file, when it is installed.
fn font_file(path: &str) -> Option<Vec<u8>> {
    let data = std::fs::read(path).ok();
    if data.is_none() {
        skip(path);
    }
    data
}

/// The face of a collection whose family is `family`.
fn face_named(data: &[u8], family: &str) -> u32 {
    let count = ttf_parser::fonts_in_collection(data).unwrap_or(1);
    (0..count)
        .find(|&i| {
            let face = ttf_parser::Face::parse(data, i).unwrap();
            face.names().into_iter().any(|n| {
                n.name_id == ttf_parser::name_id::FAMILY && n.to_string().as_deref() == Some(family)
            })
        })
        .unwrap_or_else(|| panic!("no face {family}"))
}

/// Noto Serif CJK SC: its file, bytes and face index.
fn serif_sc() -> Option<(PathBuf, Vec<u8>, u32)> {
    let data = font_file(SERIF)?;
    let index = face_named(&data, "Noto Serif CJK SC");
    Some((PathBuf::from(SERIF), data, index))
}

/// About 200 glyphs: .notdef, every 97th ideograph of the URO, and Latin, digits and
/// Chinese punctuation (other font DICTs than the ideographs').
fn glyph_set(data: &[u8], index: u32) -> Vec<u16> {
    let face = ttf_parser::Face::parse(data, index).unwrap();
    let ideographs = (0x4E00..0x9FA5).step_by(97).filter_map(char::from_u32);
    let others = "AZaz09%—“”，。、：；！？（）《》…".chars();
    let mut gids = vec![0];
    for c in ideographs.chain(others) {
        let g = face.glyph_index(c).expect("glyph").0;
        if !gids.contains(&g) {
            gids.push(g);
        }
    }
    gids
}

#[test]
fn cold_and_warm_caches_give_the_same_bytes() {
    let Some((path, data, index)) = serif_sc() else {
        return;
    };
    let gids = glyph_set(&data, index);
    assert!(gids.len() > 200, "{}", gids.len());
    let dir = tempfile::tempdir().unwrap();
    let key = FaceKey::of_file(&path, index).unwrap();

    let without = cff_subset(&data, index, &gids, None).unwrap();
    let mut cold = GlyphCache::open(dir.path(), &key);
    assert!(cold.is_empty());
    let first = cff_subset(&data, index, &gids, Some(&mut cold)).unwrap();
    assert_eq!(first, without);
    let file = cold.file().unwrap().to_path_buf();
    let written = std::fs::read(&file).expect("the cache was saved");

    let mut warm = GlyphCache::open(dir.path(), &key);
    assert_eq!(warm.len(), gids.len());
    let second = cff_subset(&data, index, &gids, Some(&mut warm)).unwrap();
    assert_eq!(second, first);
    assert_eq!(
        std::fs::read(&file).unwrap(),
        written,
        "nothing new: not rewritten"
    );

    // Half of the glyphs warm, the others new: still the same bytes, and all cached after.
    let mut half = GlyphCache::open(tempfile::tempdir().unwrap().path(), &key);
    let some: Vec<u16> = gids.iter().copied().step_by(2).collect();
    cff_subset(&data, index, &some, Some(&mut half)).unwrap();
    assert_eq!(
        cff_subset(&data, index, &gids, Some(&mut half)).unwrap(),
        first
    );
    assert_eq!(half.len(), gids.len());
}

#[test]
fn damaged_foreign_and_stale_cache_files_are_ignored_and_rewritten() {
    let Some((path, data, index)) = serif_sc() else {
        return;
    };
    let gids = glyph_set(&data, index);
    let reference = cff_subset(&data, index, &gids, None).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let key = FaceKey::of_file(&path, index).unwrap();
    let mut cache = GlyphCache::open(dir.path(), &key);
    cff_subset(&data, index, &gids, Some(&mut cache)).unwrap();
    let file = cache.file().unwrap().to_path_buf();
    let whole = std::fs::read(&file).unwrap();

    let mut flipped = whole.clone();
    flipped[whole.len() / 2] ^= 0x40;
    let garbage: Vec<u8> = (0..whole.len()).map(|i| (i * 7919 % 251) as u8).collect();
    for bad in [
        &whole[..whole.len() / 2],
        &flipped[..],
        &garbage[..],
        &[][..],
    ] {
        std::fs::write(&file, bad).unwrap();
        let mut cache = GlyphCache::open(dir.path(), &key);
        assert!(cache.is_empty(), "a damaged file is not read");
        assert_eq!(
            cff_subset(&data, index, &gids, Some(&mut cache)).unwrap(),
            reference
        );
        assert_eq!(std::fs::read(&file).unwrap(), whole, "rewritten whole");
    }

    // The font file changed (another time) or another face: the file is not theirs.
    let stale = FaceKey {
        modified_ns: key.modified_ns + 1,
        ..key.clone()
    };
    assert!(GlyphCache::open(dir.path(), &stale).is_empty());
    let other_face = FaceKey {
        index: index + 1,
        ..key.clone()
    };
    let foreign = dir
        .path()
        .join(GlyphCache::open(dir.path(), &other_face).file().unwrap());
    std::fs::copy(&file, &foreign).unwrap();
    assert!(GlyphCache::open(dir.path(), &other_face).is_empty());
    assert_eq!(GlyphCache::open(dir.path(), &key).len(), gids.len());
}

#[test]
fn a_cache_that_cannot_be_written_does_not_fail_the_subset() {
    let Some((path, data, index)) = serif_sc() else {
        return;
    };
    let gids = glyph_set(&data, index);
    let dir = tempfile::tempdir().unwrap();
    // The cache folder is a file: nothing can be written under it.
    let blocked = dir.path().join("not-a-folder");
    std::fs::write(&blocked, b"x").unwrap();
    let key = FaceKey::of_file(&path, index).unwrap();
    let mut cache = GlyphCache::open(&blocked, &key);
    let out = cff_subset(&data, index, &gids, Some(&mut cache)).unwrap();
    assert_eq!(out, cff_subset(&data, index, &gids, None).unwrap());
    assert!(!cache.save());
    assert_eq!(cache.len(), gids.len(), "kept in memory");
}

#[test]
fn faces_without_cff_and_bad_glyph_lists_are_refused() {
    if let Some(ukai) = font_file(UKAI) {
        let err = cff_subset(&ukai, 0, &[0, 1, 2], None).unwrap_err();
        assert!(err.to_string().contains("no CFF"), "{err}");
    }
    let Some((_, data, index)) = serif_sc() else {
        return;
    };
    for gids in [&[][..], &[1, 2], &[0, 5, 5], &[0, 65_535]] {
        assert!(cff_subset(&data, index, gids, None).is_err(), "{gids:?}");
    }
    // Any bytes: an error, never a panic.
    assert!(cff_subset(b"not a font at all", 0, &[0], None).is_err());
    assert!(cff_subset(&data[..data.len() / 3], index, &[0, 100], None).is_err());
    let cff_at = cff_offset(&data, index);
    for (at, value) in [(0, 2), (2, 200), (5, 0xff), (40, 0), (300, 0xfe)] {
        let mut bad = data.clone();
        bad[cff_at + at] = value;
        let _ = cff_subset(&bad, index, &[0, 100, 2000], None);
    }
}

/// Where the face's `CFF ` table starts in the file.
fn cff_offset(data: &[u8], index: u32) -> usize {
    let raw = ttf_parser::RawFace::parse(data, index).unwrap();
    let table = raw.table(ttf_parser::Tag::from_bytes(b"CFF ")).unwrap();
    table.as_ptr() as usize - data.as_ptr() as usize
}

fn kept_dir() -> Option<PathBuf> {
    std::env::var_os("JIANGGAO_KEEP_RENDERED").map(PathBuf::from)
}

/// A Python that has fontTools: JIANGGAO_FONTTOOLS_PYTHON, the readers' venv under
/// ~/.cache/jianggao (scripts/setup.sh), or python3.
fn fonttools_python() -> Option<PathBuf> {
    let venv = std::env::var_os("HOME")
        .map(|h| PathBuf::from(h).join(".cache/jianggao/ofdenv/bin/python"));
    let found = std::env::var_os("JIANGGAO_FONTTOOLS_PYTHON")
        .map(PathBuf::from)
        .into_iter()
        .chain(venv)
        .chain([PathBuf::from("python3")])
        .find(|p| {
            Command::new(p)
                .args(["-c", "import fontTools.cffLib"])
                .stderr(Stdio::null())
                .status()
                .is_ok_and(|s| s.success())
        });
    if found.is_none() {
        skip("python with fontTools (pip install fonttools)");
    }
    found
}

/// fontTools compares every glyph of `cff` (made of `gids` of face `index` of `font`)
/// with the original's.
fn fonttools_compare(python: &Path, font: &str, index: u32, gids: &[u16], cff: &[u8]) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("subset.cff");
    std::fs::write(&file, cff).unwrap();
    let list: Vec<String> = gids.iter().map(u16::to_string).collect();
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/cff-compare.py");
    let out = Command::new(python)
        .arg(script)
        .args([
            font,
            &index.to_string(),
            file.to_str().unwrap(),
            &list.join(","),
        ])
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{font} #{index}: {said}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(said.trim(), format!("ok {}", gids.len()));
}

#[test]
fn fonttools_reads_every_glyph_as_the_original_draws_it() {
    let Some((path, data, index)) = serif_sc() else {
        return;
    };
    let Some(python) = fonttools_python() else {
        return;
    };
    let gids = glyph_set(&data, index);
    // Made half from a warm cache and half cold, as a second export would be.
    let dir = tempfile::tempdir().unwrap();
    let key = FaceKey::of_file(&path, index).unwrap();
    let mut cache = GlyphCache::open(dir.path(), &key);
    let some: Vec<u16> = gids.iter().copied().step_by(3).collect();
    cff_subset(&data, index, &some, Some(&mut cache)).unwrap();
    let cff = cff_subset(&data, index, &gids, Some(&mut cache)).unwrap();
    fonttools_compare(&python, SERIF, index, &gids, &cff);
}

/// Every 37th glyph of the whole face, in every font DICT (kana, Hangul, symbols,
/// Latin, ideographs), of the serif and the bold sans.
#[test]
fn fonttools_reads_glyphs_from_all_over_the_faces() {
    let Some(python) = fonttools_python() else {
        return;
    };
    for (font, family) in [
        (SERIF, "Noto Serif CJK SC"),
        (SANS_BOLD, "Noto Sans CJK SC"),
    ] {
        let Some(data) = font_file(font) else {
            continue;
        };
        let index = face_named(&data, family);
        let count = ttf_parser::Face::parse(&data, index)
            .unwrap()
            .number_of_glyphs();
        let gids: Vec<u16> = [0].into_iter().chain((1..count).step_by(37)).collect();
        let cff = cff_subset(&data, index, &gids, None).unwrap();
        fonttools_compare(&python, font, index, &gids, &cff);
    }
}

/// A one-page PDF by hand showing glyphs 1.. of the subset (CIDs = new glyph ids) in
/// lines of 20, with the subset embedded as FontFile3 /CIDFontType0C.
fn tiny_pdf(cff: &[u8], glyphs: usize) -> Vec<u8> {
    let mut text = String::from("BT /F1 24 Tf 28 TL 40 800 Td\n");
    for line in (1..glyphs).collect::<Vec<_>>().chunks(20) {
        let hex: String = line.iter().map(|g| format!("{g:04X}")).collect();
        text.push_str(&format!("<{hex}> Tj T*\n"));
    }
    text.push_str("ET");
    pdf_with(cff, &text, &[])
}

/// A one-page PDF drawing `text` (a content stream) with the subset as font F1, glyph i
/// `widths[i - 1]` wide (1000 when not given).
fn pdf_with(cff: &[u8], text: &str, widths: &[u16]) -> Vec<u8> {
    let w: Vec<String> = widths.iter().map(u16::to_string).collect();
    let w = match w.is_empty() {
        true => String::new(),
        false => format!("/W [1 [{}]]", w.join(" ")),
    };
    let cid_font = format!(
        "<< /Type /Font /Subtype /CIDFontType0 /BaseFont /ABCDEF+NotoSerifCJKsc \
         /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> \
         /FontDescriptor 7 0 R /DW 1000 {w} >>"
    );
    let objects: Vec<Vec<u8>> = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] \
          /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>"
            .to_vec(),
        stream("", text.as_bytes()),
        b"<< /Type /Font /Subtype /Type0 /BaseFont /ABCDEF+NotoSerifCJKsc \
          /Encoding /Identity-H /DescendantFonts [6 0 R] >>"
            .to_vec(),
        cid_font.into_bytes(),
        b"<< /Type /FontDescriptor /FontName /ABCDEF+NotoSerifCJKsc /Flags 4 \
          /FontBBox [-997 -1049 2929 1809] /ItalicAngle 0 /Ascent 880 /Descent -120 \
          /CapHeight 733 /StemV 80 /FontFile3 8 0 R >>"
            .to_vec(),
        stream("/Subtype /CIDFontType0C", cff),
    ];
    let mut pdf = b"%PDF-1.7\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(pdf.len());
        pdf.extend(format!("{} 0 obj\n", i + 1).bytes());
        pdf.extend(body);
        pdf.extend(b"\nendobj\n");
    }
    let xref = pdf.len();
    pdf.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).bytes());
    for o in offsets {
        pdf.extend(format!("{o:010} 00000 n \n").bytes());
    }
    pdf.extend(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .bytes(),
    );
    pdf
}

fn stream(dict: &str, data: &[u8]) -> Vec<u8> {
    let mut s = format!("<< {dict} /Length {} >>\nstream\n", data.len()).into_bytes();
    s.extend(data);
    s.extend(b"\nendstream");
    s
}

fn have(program: &str) -> bool {
    let ok = Command::new(program)
        .arg("-v")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok();
    if !ok {
        skip(program);
    }
    ok
}

#[test]
fn poppler_reads_the_subset_embedded_as_cid_type_0c() {
    let Some((_, data, index)) = serif_sc() else {
        return;
    };
    if !have("pdffonts") || !have("pdftoppm") {
        return;
    }
    let gids = glyph_set(&data, index);
    let cff = cff_subset(&data, index, &gids, None).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let dir = kept_dir().unwrap_or_else(|| dir.path().to_path_buf());
    let pdf = dir.join("cff-subset.pdf");
    std::fs::write(&pdf, tiny_pdf(&cff, gids.len())).unwrap();
    let out = Command::new("pdffonts").arg(&pdf).output().unwrap();
    let listed = String::from_utf8_lossy(&out.stdout);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success() && err.is_empty(), "{err}");
    let row = listed
        .lines()
        .find(|l| l.contains("NotoSerifCJKsc"))
        .expect(&listed);
    assert!(
        row.contains("CID Type 0C") && row.contains("yes"),
        "{listed}"
    );
    let out = Command::new("pdftoppm")
        .args(["-png", "-r", "100"])
        .arg(&pdf)
        .arg(dir.join("cff-subset"))
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success() && err.is_empty(), "pdftoppm: {err}");
}

/// Two writers of one cache file (a stale key and the new one take turns replacing it)
/// and a reader: the reader only ever sees one whole file or the other.
#[test]
fn a_reader_never_sees_half_a_cache_file() {
    let Some((path, data, index)) = serif_sc() else {
        return;
    };
    let gids = glyph_set(&data, index);
    let dir = tempfile::tempdir().unwrap();
    let new = FaceKey::of_file(&path, index).unwrap();
    let old = FaceKey {
        modified_ns: new.modified_ns + 1,
        ..new.clone()
    };
    let mut whole = Vec::new();
    for (key, n) in [(&old, 20), (&new, gids.len())] {
        let mut cache = GlyphCache::open(dir.path(), key);
        cff_subset(&data, index, &gids[..n], Some(&mut cache)).unwrap();
        whole.push(std::fs::read(cache.file().unwrap()).unwrap());
    }
    let file = GlyphCache::open(dir.path(), &new)
        .file()
        .unwrap()
        .to_path_buf();
    let writer = std::thread::spawn({
        let (dir, data, gids) = (dir.path().to_path_buf(), data.clone(), gids.clone());
        move || {
            for round in 0..200 {
                let (key, n) = if round % 2 == 0 {
                    (&old, 20)
                } else {
                    (&new, gids.len())
                };
                // Each finds the other's file foreign and writes its own.
                let mut cache = GlyphCache::open(&dir, key);
                cff_subset(&data, index, &gids[..n], Some(&mut cache)).unwrap();
            }
        }
    });
    let mut seen = [0, 0];
    while !writer.is_finished() {
        let bytes = std::fs::read(&file).unwrap();
        let which = whole.iter().position(|w| *w == bytes);
        seen[which.expect("a whole file")] += 1;
    }
    writer.join().unwrap();
    eprintln!(
        "read the old key's file {} times, the new one's {}",
        seen[0], seen[1]
    );
}

/// The Fandol faces, when TeX Live's Chinese fonts are installed (or are in
/// JIANGGAO_FANDOL_DIR): not a reader CI installs, so never required.
fn fandol(name: &str) -> Option<(String, Vec<u8>)> {
    let dir = std::env::var("JIANGGAO_FANDOL_DIR").unwrap_or_else(|_| {
        "/usr/share/texlive/texmf-dist/fonts/opentype/public/fandol".to_string()
    });
    let path = format!("{dir}/{name}.otf");
    match std::fs::read(&path) {
        Ok(data) => Some((path, data)),
        Err(_) => {
            eprintln!("note: {path} not found; skipping it");
            None
        }
    }
}

/// Every glyph of a face, or every `step`th.
fn every(data: &[u8], step: usize) -> Vec<u16> {
    let count = ttf_parser::Face::parse(data, 0).unwrap().number_of_glyphs();
    [0].into_iter().chain((1..count).step_by(step)).collect()
}

/// A name-keyed face: no cache, cold and warm give the same bytes, and fontTools finds
/// every glyph of it (all 855, accents included) as the original draws it.
#[test]
fn name_keyed_faces_are_subset_from_the_cache_and_read_back_whole() {
    let python = fonttools_python();
    for font in [NIMBUS, NIMBUS_SANS] {
        let Some(data) = font_file(font) else {
            continue;
        };
        let gids = every(&data, 1);
        assert_eq!(gids.len(), 855);
        let without = cff_subset(&data, 0, &gids, None).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let key = FaceKey::of_file(Path::new(font), 0).unwrap();
        let mut cold = GlyphCache::open(dir.path(), &key);
        let some: Vec<u16> = gids.iter().copied().step_by(3).collect();
        cff_subset(&data, 0, &some, Some(&mut cold)).unwrap();
        assert_eq!(
            cff_subset(&data, 0, &gids, Some(&mut cold)).unwrap(),
            without
        );
        let mut warm = GlyphCache::open(dir.path(), &key);
        assert_eq!(warm.len(), gids.len());
        assert_eq!(
            cff_subset(&data, 0, &gids, Some(&mut warm)).unwrap(),
            without
        );
        if let Some(python) = &python {
            fonttools_compare(python, font, 0, &gids, &without);
            // A few glyphs in another order: still each one the original's.
            let few = [0, 300, 36, 700, 1];
            let cff = cff_subset(&data, 0, &few, Some(&mut warm)).unwrap();
            fonttools_compare(python, font, 0, &few, &cff);
        }
    }
}

/// Fandol (CID-keyed Adobe-GB1, no subroutines) subsets and reads back too.
#[test]
fn fandol_faces_when_installed() {
    let Some(python) = fonttools_python() else {
        return;
    };
    for name in ["FandolFang-Regular", "FandolSong-Bold"] {
        let Some((path, data)) = fandol(name) else {
            continue;
        };
        let gids = every(&data, 7);
        let cff = cff_subset(&data, 0, &gids, None).unwrap();
        fonttools_compare(&python, &path, 0, &gids, &cff);
    }
}

/// `pdf` rendered by pdftoppm in grey at 72 dpi (1 pixel a point): width, height, pixels.
fn grey_page(pdf: &[u8], dir: &Path, name: &str) -> (usize, usize, Vec<u8>) {
    let file = dir.join(format!("{name}.pdf"));
    std::fs::write(&file, pdf).unwrap();
    let out = Command::new("pdftoppm")
        .args(["-gray", "-r", "72", "-singlefile"])
        .arg(&file)
        .arg(dir.join(name))
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success() && err.is_empty(), "pdftoppm: {err}");
    let pgm = std::fs::read(dir.join(format!("{name}.pgm"))).unwrap();
    // P5, width, height, 255, one whitespace, then the pixels.
    let header: Vec<&[u8]> = pgm.splitn(5, u8::is_ascii_whitespace).collect();
    let number = |b: &[u8]| std::str::from_utf8(b).unwrap().parse::<usize>().unwrap();
    let (w, h) = (number(header[1]), number(header[2]));
    (w, h, header[4].to_vec())
}

/// The rows holding ink (darker than mid grey): the first and the last.
fn ink_rows(w: usize, pixels: &[u8]) -> Option<(usize, usize)> {
    let rows: Vec<usize> = pixels
        .chunks(w)
        .enumerate()
        .filter(|(_, row)| row.iter().any(|&p| p < 128))
        .map(|(i, _)| i)
        .collect();
    Some((*rows.first()?, *rows.last()?))
}

/// A name-keyed subset in a PDF: pdffonts lists it as `CID Type 0C` embedded, and
/// poppler draws an "H" at 100 pt exactly as tall as its outline in the original says (a
/// FontMatrix applied twice, or not at all, would draw it a thousand times too small or
/// too large). `JIANGGAO_KEEP_RENDERED=DIR` keeps a line of text drawn with it.
#[test]
fn poppler_draws_a_name_keyed_subset_at_its_size() {
    let Some(data) = font_file(NIMBUS) else {
        return;
    };
    if !have("pdffonts") || !have("pdftoppm") {
        return;
    }
    let face = ttf_parser::Face::parse(&data, 0).unwrap();
    let line = "Jianggao exports 2026, Hamburgefonstiv.";
    let mut gids = vec![0u16];
    for c in line.chars() {
        let g = face.glyph_index(c).unwrap().0;
        if !gids.contains(&g) {
            gids.push(g);
        }
    }
    let cff = cff_subset(&data, 0, &gids, None).unwrap();
    let widths: Vec<u16> = gids[1..]
        .iter()
        .map(|&g| face.glyph_hor_advance(ttf_parser::GlyphId(g)).unwrap())
        .collect();
    let cid = |c: char| {
        let g = face.glyph_index(c).unwrap().0;
        gids.iter().position(|&x| x == g).unwrap()
    };
    let tmp = tempfile::tempdir().unwrap();
    let dir = kept_dir().unwrap_or_else(|| tmp.path().to_path_buf());

    let h = format!("BT /F1 100 Tf 100 400 Td <{:04X}> Tj ET", cid('H'));
    let (w, _, pixels) = grey_page(&pdf_with(&cff, &h, &widths), &dir, "name-keyed-h");
    let (top, bottom) = ink_rows(w, &pixels).expect("the H is drawn");
    let bbox = face
        .glyph_bounding_box(face.glyph_index('H').unwrap())
        .unwrap();
    let expected = f64::from(bbox.y_max - bbox.y_min) * 100.0 / 1000.0;
    let drawn = (bottom - top + 1) as f64;
    assert!(
        (drawn - expected).abs() <= 2.0,
        "H {drawn} pt tall, not {expected}"
    );
    // Its baseline where the text starts: 842 - 400 pt from the top.
    assert!((bottom as f64 - (842.0 - 400.0)).abs() <= 2.0, "{bottom}");

    let hex: String = line.chars().map(|c| format!("{:04X}", cid(c))).collect();
    let text = format!("BT /F1 24 Tf 40 780 Td <{hex}> Tj ET");
    let pdf = pdf_with(&cff, &text, &widths);
    grey_page(&pdf, &dir, "name-keyed-line");
    let out = Command::new("pdffonts")
        .arg(dir.join("name-keyed-line.pdf"))
        .output()
        .unwrap();
    let listed = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success() && out.stderr.is_empty(), "{listed}");
    assert!(
        listed
            .lines()
            .any(|l| l.contains("CID Type 0C") && l.contains("yes")),
        "{listed}"
    );
}

/// The PDF export with Nimbus Roman (name-keyed) as its Latin face, and Fandol for the
/// Chinese when installed (else Noto Serif CJK): run in a child process whose user cache
/// folder is a new one, it leaves a glyph cache file for the name-keyed face holding the
/// glyphs it drew (`subsetter` keeps none), and pdffonts lists the face as `CID Type 0C`.
#[test]
fn the_pdf_export_subsets_a_name_keyed_face_from_its_glyph_cache() {
    if font_file(NIMBUS).is_none() || font_file(SERIF).is_none() || !have("pdffonts") {
        return;
    }
    let cache = tempfile::tempdir().unwrap();
    let out = Command::new(std::env::current_exe().unwrap())
        .args(["--exact", "pdf_export_child", "--ignored", "--nocapture"])
        .env("XDG_CACHE_HOME", cache.path())
        .env("JIANGGAO_CFF_CHILD", cache.path())
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success() && said.contains("1 passed"),
        "{said}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let pdf = cache.path().join("export.pdf");
    let drawn: usize = std::fs::read_to_string(cache.path().join("latin-glyphs"))
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    let key = FaceKey::of_file(Path::new(NIMBUS), 0).unwrap();
    let cached = GlyphCache::open(&cache.path().join("jianggao"), &key);
    // Every glyph drawn, and .notdef.
    assert_eq!(cached.len(), drawn + 1, "{:?}", cached.file());
    let listed = Command::new("pdffonts").arg(&pdf).output().unwrap();
    let listed = String::from_utf8_lossy(&listed.stdout);
    let row = listed
        .lines()
        .find(|l| l.contains("NimbusRoman"))
        .unwrap_or_else(|| panic!("{listed}"));
    assert!(
        row.contains("CID Type 0C") && row.contains("yes"),
        "{listed}"
    );
}

/// The child of the test above: lays out a draft with those faces and exports its PDF
/// into the folder JIANGGAO_CFF_CHILD names (ignored when run on its own).
#[test]
#[ignore]
fn pdf_export_child() {
    let Some(dir) = std::env::var_os("JIANGGAO_CFF_CHILD").map(PathBuf::from) else {
        return;
    };
    let mut db = fontdb::Database::new();
    db.load_font_file(NIMBUS).unwrap();
    db.load_font_file(SERIF).unwrap();
    for name in [
        "FandolFang-Regular",
        "FandolHei-Regular",
        "FandolKai-Regular",
    ] {
        if let Some((path, _)) = fandol(name) {
            db.load_font_file(path).unwrap();
        }
    }
    let found = fonts::find(FontSet::Gb2312, &db).unwrap();
    assert_eq!(found.get(Face::Latin).family, "Nimbus Roman");
    let store_dir = tempfile::tempdir().unwrap();
    let mut store = jianggao::store::Store::open(&store_dir.path().join("l.sqlite3")).unwrap();
    let id = jianggao::synth::long_draft(&mut store, 3_000).unwrap();
    let doc = jianggao::render::render(&store.draft(id).unwrap());
    let pages = lay_out(&doc, &LayoutProfile::official(), &found.metrics());
    let latin: std::collections::BTreeSet<char> = pages
        .iter()
        .flat_map(|p| p.lines.iter().chain([&p.folio]))
        .flat_map(|l| &l.runs)
        .filter(|r| found.get(r.face).family == "Nimbus Roman")
        .flat_map(|r| r.text.chars().filter(|c| !c.is_whitespace()))
        .collect();
    assert!(latin.len() > 5, "{latin:?}");
    let bytes = pdf::pages_to_pdf(&doc, &pages, &found, false).unwrap();
    std::fs::write(dir.join("export.pdf"), bytes).unwrap();
    std::fs::write(dir.join("latin-glyphs"), latin.len().to_string()).unwrap();
}
