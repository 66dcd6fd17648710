//! The harvest scored on `../shared/corpus/web` (excerpts of real web pages with labels),
//! as its README says: cruft left, speech lost, title, level-1 headings, leads and
//! placeholders per file, summed, and for the two halves apart: rules are made on the
//! odd-numbered files (the tuning half) and only measured on the even-numbered ones (the
//! held-out half, standing in for pages from sites never seen; `scripts/score-web.py`
//! prints the same split). Skipped with a message when the set is absent,
//! unless `JIANGGAO_REQUIRE_CORPUS=1` says it must be there (CI has it beside the checkout).

use std::path::{Path, PathBuf};

use jianggao::import::{self, SegmentKind};
use serde_json::Value;

fn web_dir() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/web");
    if dir.join("labels.json").is_file() {
        return Some(dir);
    }
    assert!(
        std::env::var_os("JIANGGAO_REQUIRE_CORPUS").is_none(),
        "JIANGGAO_REQUIRE_CORPUS is set but {} is missing",
        dir.display()
    );
    eprintln!("../shared/corpus/web is absent; skipping");
    None
}

/// White space out, half-width ,:;!?() as full-width: the README's normalisation.
fn norm(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            ',' => '，',
            ':' => '：',
            ';' => '；',
            '!' => '！',
            '?' => '？',
            '(' => '（',
            ')' => '）',
            c => c,
        })
        .collect()
}

#[derive(Default, Clone, Copy)]
struct Score {
    files: usize,
    cruft: usize,
    cruft_left: usize,
    keep: usize,
    lost: usize,
    titles: usize,
    heads_found: usize,
    heads_labelled: usize,
    heads_detected: usize,
    leads_labelled: usize,
    lead_diff: usize,
    placeholders_labelled: usize,
    placeholder_diff: usize,
}

impl Score {
    fn add(&mut self, o: &Score) {
        self.files += o.files;
        self.cruft += o.cruft;
        self.cruft_left += o.cruft_left;
        self.keep += o.keep;
        self.lost += o.lost;
        self.titles += o.titles;
        self.heads_found += o.heads_found;
        self.heads_labelled += o.heads_labelled;
        self.heads_detected += o.heads_detected;
        self.leads_labelled += o.leads_labelled;
        self.lead_diff += o.lead_diff;
        self.placeholders_labelled += o.placeholders_labelled;
        self.placeholder_diff += o.placeholder_diff;
    }

    fn summary(&self, name: &str) -> String {
        let pct = |a: usize, b: usize| 100.0 * a as f64 / b.max(1) as f64;
        format!(
            "{name}: {} files · cruft left {}/{} ({:.1}%) · speech lost {}/{} · titles {}/{} ({:.0}%) · headings {}/{} found, {} detected · leads Δ {} of {} · placeholders Δ {} of {}",
            self.files,
            self.cruft_left,
            self.cruft,
            pct(self.cruft_left, self.cruft),
            self.lost,
            self.keep,
            self.titles,
            self.files,
            pct(self.titles, self.files),
            self.heads_found,
            self.heads_labelled,
            self.heads_detected,
            self.lead_diff,
            self.leads_labelled,
            self.placeholder_diff,
            self.placeholders_labelled,
        )
    }
}

fn strings<'a>(label: &'a Value, field: &str) -> Vec<&'a str> {
    label[field]
        .as_array()
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default()
}

/// One labelled file: its score and its row of the table.
fn score(dir: &Path, label: &Value) -> (Score, String) {
    let file = label["file"].as_str().unwrap_or_default();
    let bytes = std::fs::read(dir.join(file)).unwrap();
    let a = import::analyze(&bytes, file).unwrap();
    let text = norm(&a.cleaned_text);
    // Harvest converts Traditional to Simplified: the Simplified labels apply.
    let field = |f: &str| {
        let simple = format!("{f}_simplified");
        if label["traditional"].as_bool() == Some(true) && !label[&simple].is_null() {
            simple
        } else {
            f.to_string()
        }
    };
    let cruft = strings(label, "cruft");
    let keep = strings(label, &field("keep"));
    let title = label[&field("title")].as_str();
    let heads: Vec<String> = strings(label, &field("headings"))
        .iter()
        .map(|h| norm(h))
        .collect();
    let detected: Vec<String> = a
        .blocks
        .iter()
        .filter(|b| b.kind == SegmentKind::Heading && b.level.unwrap_or(1) == 1)
        .map(|b| norm(&b.text))
        .collect();
    let leads = a.blocks.iter().filter(|b| b.lead.is_some()).count();
    let placeholders: usize = a
        .blocks
        .iter()
        .filter(|b| b.kind != SegmentKind::Title)
        .map(|b| b.slots.len())
        .sum::<usize>()
        + a.blocks
            .iter()
            .filter(|b| b.kind == SegmentKind::Title && !b.slots.is_empty())
            .count();
    let labelled_leads = label["leads"].as_u64().unwrap_or(0) as usize;
    let labelled_placeholders = label["placeholders"].as_u64().unwrap_or(0) as usize;
    let s = Score {
        files: 1,
        cruft: cruft.len(),
        cruft_left: cruft.iter().filter(|c| text.contains(&norm(c))).count(),
        keep: keep.len(),
        lost: keep.iter().filter(|k| !text.contains(&norm(k))).count(),
        titles: match title {
            Some(t) => a.title.as_deref().map(norm) == Some(norm(t)),
            None => a.title.is_none(),
        } as usize,
        heads_found: heads.iter().filter(|h| detected.contains(h)).count(),
        heads_labelled: heads.len(),
        heads_detected: detected.len(),
        leads_labelled: labelled_leads,
        lead_diff: leads.abs_diff(labelled_leads),
        placeholders_labelled: labelled_placeholders,
        placeholder_diff: placeholders.abs_diff(labelled_placeholders),
    };
    let row = format!(
        "| {file} | {}/{} | {}/{} | {} | {}/{}/{} | {} | {} |",
        s.cruft_left,
        s.cruft,
        s.lost,
        s.keep,
        if s.titles == 1 { "✓" } else { "✗" },
        s.heads_found,
        s.heads_labelled,
        s.heads_detected,
        s.lead_diff,
        s.placeholder_diff
    );
    (s, row)
}

/// The Traditional pages saved as Big5 (as Taiwan and Hong Kong sites serve them) read
/// as Big5, not as GBK nonsense, and clean to the same text.
#[test]
fn traditional_pages_in_big5_read_the_same() {
    let Some(dir) = web_dir() else { return };
    let labels: Vec<Value> =
        serde_json::from_str(&std::fs::read_to_string(dir.join("labels.json")).unwrap()).unwrap();
    let mut checked = 0;
    for label in labels.iter().filter(|l| l["traditional"] == true) {
        let file = label["file"].as_str().unwrap_or_default();
        let text = std::fs::read_to_string(dir.join(file)).unwrap();
        let (big5, _, unmappable) = encoding_rs::BIG5.encode(&text);
        if unmappable {
            continue;
        }
        let utf8 = import::analyze(text.as_bytes(), file).unwrap();
        let a = import::analyze(&big5, file).unwrap();
        assert_eq!(a.encoding, Some("big5"), "{file}");
        assert_eq!(a.cleaned_text, utf8.cleaned_text, "{file}");
        checked += 1;
    }
    assert!(checked >= 3, "only {checked} pages could be saved as Big5");
}

#[test]
fn the_web_set_is_harvested_to_the_reached_figures() {
    let Some(dir) = web_dir() else { return };
    let labels: Vec<Value> =
        serde_json::from_str(&std::fs::read_to_string(dir.join("labels.json")).unwrap()).unwrap();
    let (mut all, mut odd, mut even) = (Score::default(), Score::default(), Score::default());
    println!("| file | cruft left | speech lost | title | headings found/labelled/detected | leads Δ | placeholders Δ |");
    println!("|---|---|---|---|---|---|---|");
    let mut lost_in = Vec::new();
    for label in &labels {
        let (s, row) = score(&dir, label);
        println!("{row}");
        let file = label["file"].as_str().unwrap_or_default();
        if s.lost > 0 {
            lost_in.push(file.to_string());
        }
        let number: u32 = file.get(..2).and_then(|n| n.parse().ok()).unwrap_or(0);
        all.add(&s);
        if number % 2 == 1 {
            odd.add(&s);
        } else {
            even.add(&s);
        }
    }
    println!("{}", all.summary("all"));
    println!("{}", odd.summary("tuning half (odd-numbered)"));
    println!("{}", even.summary("held-out half (even-numbered)"));
    // Speech lost is a failure on any page.
    assert!(lost_in.is_empty(), "speech lost in {lost_in:?}");
    // The targets where reached, else the figure reached (the target beside it):
    // cruft ≤ 1 % (target 2 %), titles ≥ 95 %, headings ≥ 95 %, leads within 4 % of
    // the labelled count (target 10 %), placeholders within 1.25 % (target 5 %; 2 of 185 now); Δ summed.
    assert!(all.cruft_left * 100 <= all.cruft, "{}", all.summary("all"));
    assert!(all.titles * 100 >= all.files * 95, "{}", all.summary("all"));
    assert!(
        all.heads_found * 100 >= all.heads_labelled * 95,
        "{}",
        all.summary("all")
    );
    assert!(
        all.lead_diff * 25 <= all.leads_labelled,
        "{}",
        all.summary("all")
    );
    assert!(
        all.placeholder_diff * 80 <= all.placeholders_labelled,
        "{}",
        all.summary("all")
    );
}
