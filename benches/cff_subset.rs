//! CFF subsets for the PDF of a 10,000-character draft (`synth::long_draft`): for each
//! CFF face its pages use, and for name-keyed Nimbus Roman (fonts-urw-base35: the draft's
//! Latin characters, and all its 855 glyphs) and the Fandol faces of TeX Live when
//! installed (or in JIANGGAO_FANDOL_DIR: the draft's Chinese characters), the glyphs of its
//! runs subset by `export::subset`
//! with no cache (every glyph desubroutinized), with a cold file cache (the same, and the
//! cache written), warm (the cache file read as a new process reads it), warm with one
//! character never seen before; and `subsetter::subset` of the same glyphs. Sizes raw and
//! deflated at level 1 (as a PDF stream would be). Medians; figures printed, not asserted.
//!
//! `cargo bench --bench cff_subset`

use std::collections::BTreeMap;
use std::io::Write as _;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use jianggao::export::subset::{cff_subset, FaceKey, GlyphCache};
use jianggao::layout::fonts::{self, FoundFace};
use jianggao::layout::{lay_out, FontSet, LayoutProfile};
use jianggao::store::Store;

fn median<T>(runs: usize, mut f: impl FnMut() -> T) -> (Duration, T) {
    let mut times = Vec::with_capacity(runs);
    let mut last = None;
    for _ in 0..runs {
        let start = Instant::now();
        let out = f();
        times.push(start.elapsed());
        last = Some(out);
    }
    times.sort();
    (times[runs / 2], last.expect("runs > 0"))
}

fn deflated(data: &[u8]) -> usize {
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::new(1));
    z.write_all(data).expect("in memory");
    z.finish().expect("in memory").len()
}

/// The font file of a found face (the fonts found keep the mapped bytes, not the path).
fn path_of(face: &FoundFace) -> Option<PathBuf> {
    fonts::system().faces().find_map(|f| match &f.source {
        fontdb::Source::File(p)
            if f.index == face.index
                && std::fs::metadata(p).is_ok_and(|m| m.len() == face.data.len() as u64)
                && f.families.iter().any(|(n, _)| n == &face.family) =>
        {
            Some(p.clone())
        }
        _ => None,
    })
}

fn ms(d: Duration) -> String {
    format!("{:.3} ms", d.as_secs_f64() * 1000.0)
}

fn main() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = Store::open(&dir.path().join("lib.sqlite3")).expect("library");
    let id = jianggao::synth::long_draft(&mut store, 10_000).expect("draft");
    let doc = jianggao::render::render(&store.draft(id).expect("draft"));
    let Some(found) = fonts::find(FontSet::Windows, fonts::system()) else {
        eprintln!("no Chinese font here: nothing to measure");
        return;
    };
    let pages = lay_out(&doc, &LayoutProfile::official(), &found.metrics());
    // The characters each face role draws.
    let mut chars: BTreeMap<String, (&FoundFace, Vec<char>)> = BTreeMap::new();
    for line in pages.iter().flat_map(|p| p.lines.iter().chain([&p.folio])) {
        for run in &line.runs {
            let face = found.get(run.face);
            let name = format!("{} #{} ({})", face.family, face.index, face.weight);
            chars
                .entry(name)
                .or_insert((face, Vec::new()))
                .1
                .extend(run.text.chars());
        }
    }
    println!("{} pages; faces: {}", pages.len(), chars.len());
    let (mut latin, mut chinese) = (Vec::new(), Vec::new());
    for (name, (face, text)) in chars {
        let target = match face.face {
            jianggao::layout::Face::Latin => &mut latin,
            _ => &mut chinese,
        };
        target.extend(text.iter().copied());
        let Some(key) = path_of(face).and_then(|p| FaceKey::of_file(&p, face.index)) else {
            continue;
        };
        measure(
            &name,
            &face.data,
            &key,
            &gids_of(&face.data, face.index, &text),
        );
    }
    name_keyed(&latin, &chinese);
}

/// Nimbus Roman (name-keyed) and the Fandol faces, wherever the draft's faces were found.
fn name_keyed(latin: &[char], chinese: &[char]) {
    let nimbus = "/usr/share/fonts/opentype/urw-base35/NimbusRoman-Regular.otf";
    let fandol = std::env::var("JIANGGAO_FANDOL_DIR").unwrap_or_else(|_| {
        "/usr/share/texlive/texmf-dist/fonts/opentype/public/fandol".to_string()
    });
    let fang = format!("{fandol}/FandolFang-Regular.otf");
    for (path, text) in [(nimbus, latin), (&fang, chinese)] {
        let Ok(data) = std::fs::read(path) else {
            println!("\n{path}: not found");
            continue;
        };
        let Some(key) = FaceKey::of_file(std::path::Path::new(path), 0) else {
            continue;
        };
        measure(
            &format!("{path}, the draft's"),
            &data,
            &key,
            &gids_of(&data, 0, text),
        );
        if path == nimbus {
            let all: Vec<u16> = (0..855).collect();
            measure(&format!("{path}, every glyph"), &data, &key, &all);
        }
    }
}

/// .notdef and the glyphs of `text`, in the order first met.
fn gids_of(data: &[u8], index: u32, text: &[char]) -> Vec<u16> {
    let Ok(parsed) = ttf_parser::Face::parse(data, index) else {
        return vec![0];
    };
    let mut gids = vec![0u16];
    for c in text {
        let g = parsed.glyph_index(*c).map_or(0, |g| g.0);
        if !gids.contains(&g) {
            gids.push(g);
        }
    }
    gids
}

fn measure(name: &str, data: &[u8], key: &FaceKey, gids: &[u16]) {
    let index = key.index;
    if let Err(e) = cff_subset(data, index, gids, None) {
        println!("\n{name}: {} glyphs, not subset here ({e})", gids.len());
        return;
    }
    println!("\n{name}: {} glyphs ({})", gids.len(), key.path.display());
    let gids = gids.to_vec();
    let mut remapper = subsetter::GlyphRemapper::new();
    for &g in &gids {
        remapper.remap(g);
    }
    let (t, theirs) = median(5, || subsetter::subset(data, index, &remapper).unwrap());
    println!(
        "  subsetter::subset            {:>10}  {} bytes (OpenType)",
        ms(t),
        theirs.len()
    );
    let (t, _) = median(5, || cff_subset(data, index, &gids, None).unwrap());
    println!("  cff_subset, no cache         {:>10}", ms(t));
    let cold = tempfile::tempdir().expect("tempdir");
    let (t, ours) = median(5, || {
        let run = tempfile::tempdir_in(cold.path()).expect("tempdir");
        let mut cache = GlyphCache::open(run.path(), key);
        cff_subset(data, index, &gids, Some(&mut cache)).unwrap()
    });
    println!(
        "  cff_subset, cold file cache  {:>10}  (written too)",
        ms(t)
    );
    let warm = tempfile::tempdir().expect("tempdir");
    let mut cache = GlyphCache::open(warm.path(), key);
    cff_subset(data, index, &gids, Some(&mut cache)).unwrap();
    let file_size = std::fs::metadata(cache.file().expect("a file")).map_or(0, |m| m.len());
    let (t, again) = median(21, || {
        let mut cache = GlyphCache::open(warm.path(), key);
        cff_subset(data, index, &gids, Some(&mut cache)).unwrap()
    });
    assert_eq!(again, ours);
    println!(
        "  cff_subset, warm (file read) {:>10}  cache file {file_size} bytes",
        ms(t)
    );
    let (t, _) = median(21, || {
        cff_subset(data, index, &gids, Some(&mut cache)).unwrap()
    });
    println!("  cff_subset, warm (in memory) {:>10}", ms(t));
    one_new(data, index, &gids, key);
    println!(
        "  size: {} bytes raw, {} deflated (level 1); subsetter's {} deflated",
        ours.len(),
        deflated(&ours),
        deflated(&theirs)
    );
}

/// Warm but for one glyph never exported: what a new character costs.
fn one_new(data: &[u8], index: u32, gids: &[u16], key: &FaceKey) {
    let count = ttf_parser::Face::parse(data, index).map_or(0, |f| f.number_of_glyphs());
    let Some(extra) = (1..count).find(|g| !gids.contains(g)) else {
        return; // every glyph is in the subset already
    };
    let mut with_new = gids.to_vec();
    with_new.push(extra);
    let base = tempfile::tempdir().expect("tempdir");
    let mut cache = GlyphCache::open(base.path(), key);
    cff_subset(data, index, gids, Some(&mut cache)).unwrap();
    let file = cache.file().expect("a file").to_path_buf();
    let (t, _) = median(5, || {
        // A fresh copy of the file each run, so each run meets the new glyph uncached.
        let copy = tempfile::tempdir().expect("tempdir");
        std::fs::copy(&file, copy.path().join(file.file_name().expect("a name"))).unwrap();
        let mut cache = GlyphCache::open(copy.path(), key);
        cff_subset(data, index, &with_new, Some(&mut cache)).unwrap()
    });
    println!(
        "  cff_subset, warm + 1 new     {:>10}  (the file copied, read, written)",
        ms(t)
    );
    let (t, _) = median(21, || cff_subset(data, index, &[0, extra], None).unwrap());
    println!("  cff_subset, 1 glyph, no cache{:>10}", ms(t));
}
