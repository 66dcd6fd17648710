//! The preview draws the pages the PDF prints. The window's view of every template's draft
//! holds the lines of `layout::lay_out` — the same texts, nodes and baselines, and every
//! character at the x the layout gave it, computed from the view as the window draws it
//! (run x, then each character's width in its face plus the run's spacing, or the listed
//! advances) —, official and podium. And the PDF of the same draft, read back by
//! pdftotext (poppler-utils), has the preview's lines, page by page; skipped when
//! pdftotext is missing unless JIANGGAO_REQUIRE_READERS=1.

mod common;

use std::process::Command;

use jianggao::document::Document;
use jianggao::layout::fonts::{self, latin_metrics};
use jianggao::layout::{lay_out, Face, FontSet, LayoutProfile, PlacedRun};
use jianggao::preview::{self, Line, Run};

const NEAR: f32 = 0.02;

fn profiles() -> [LayoutProfile; 2] {
    [LayoutProfile::official(), LayoutProfile::podium()]
}

/// Where the window puts each character of a run of the view: what a face one em wide
/// for every full-width character draws (the Chinese faces) with the run's spacing, or
/// the listed advances.
fn drawn_positions(r: &Run, size: f32) -> Vec<f32> {
    let mut x = r.x;
    let mut out = Vec::new();
    for (k, c) in r.text.chars().enumerate() {
        out.push(x);
        x += match &r.advances {
            Some(a) => a[k],
            None => latin_metrics().em(c) * size + r.spacing,
        };
    }
    out
}

fn laid_positions(r: &PlacedRun) -> Vec<f32> {
    let mut x = r.x;
    r.advances
        .iter()
        .map(|a| {
            let at = x;
            x += a;
            at
        })
        .collect()
}

fn assert_same_line(view: &Line, laid: &jianggao::layout::PlacedLine, what: &str) {
    assert_eq!(view.text(), laid.text(), "{what}");
    assert_eq!(view.node, laid.node, "{what}");
    assert!((view.baseline - laid.baseline).abs() < NEAR, "{what}");
    assert!((view.top - laid.top).abs() < NEAR, "{what}");
    let drawn: Vec<f32> = view
        .runs
        .iter()
        .flat_map(|r| drawn_positions(r, view.size))
        .collect();
    let placed: Vec<f32> = laid.runs.iter().flat_map(laid_positions).collect();
    assert_eq!(drawn.len(), placed.len(), "{what}");
    for (k, (a, b)) in drawn.iter().zip(&placed).enumerate() {
        assert!(
            (a - b).abs() < NEAR,
            "{what}: character {k} at {a}, laid at {b}\n{:?}\n{:?}",
            view.runs,
            laid.runs
        );
    }
    for r in view.runs.iter().filter(|r| r.advances.is_none()) {
        // What the window relies on: a run it sets by spacing alone is Chinese text.
        assert_ne!(r.face, Face::Latin, "{what}");
        assert!(r.text.chars().all(jianggao::layout::metrics::is_full_width));
    }
}

fn assert_same_pages(doc: &Document, profile: &LayoutProfile, name: &str) {
    let laid = lay_out(doc, profile, latin_metrics());
    let view = preview::pages(doc, profile);
    assert_eq!(view.len(), laid.len(), "{name}: pages");
    for (p, l) in view.iter().zip(&laid) {
        assert_eq!(p.number, l.number);
        assert_eq!(p.lines.len(), l.lines.len(), "{name} page {}", p.number);
        for (i, (a, b)) in p.lines.iter().zip(&l.lines).enumerate() {
            assert_same_line(
                a,
                b,
                &format!("{name} {:?} page {} line {i}", profile.layout, p.number),
            );
        }
        assert_same_line(&p.folio, &l.folio, &format!("{name} folio {}", p.number));
    }
}

#[test]
fn the_preview_holds_the_layouts_lines_and_positions() {
    let drafts = common::template_drafts();
    assert!(drafts.len() >= 9);
    for (name, doc) in &drafts {
        for profile in profiles() {
            assert_same_pages(doc, &profile, name);
        }
    }
}

/// A draft with Latin letters, digits, quotes and dashes in it, justified lines and a
/// hanging mark, so every kind of run is drawn.
fn mixed_draft() -> Document {
    let (store, id) = common::commendation_draft();
    let mut doc = jianggao::render::render(&store.draft(id).unwrap());
    for (i, node) in doc.nodes.iter_mut().enumerate().take(3) {
        let extra = format!(
            "第{i}组在“巡回宣讲”中走进3个园区、12家企业，线上课程经App推送给2.6万名职工——覆盖面比去年扩大了一半。"
        );
        if let Some(last) = node.runs.last_mut() {
            last.text.push_str(&extra);
        }
        node.text.push_str(&extra);
    }
    doc
}

#[test]
fn latin_digits_and_marks_are_placed_as_laid_out() {
    let doc = mixed_draft();
    let mut latin_runs = 0;
    for profile in profiles() {
        assert_same_pages(&doc, &profile, "mixed");
        latin_runs += preview::pages(&doc, &profile)
            .iter()
            .flat_map(|p| &p.lines)
            .flat_map(|l| &l.runs)
            .filter(|r| r.face == Face::Latin)
            .count();
    }
    assert!(latin_runs > 0, "the draft has digits and letters");
}

/// The view stays lean: a run says its spacing once, so a 10,000-字 draft is a few
/// hundred run objects, not one object per character.
#[test]
fn the_view_of_a_long_draft_is_not_one_object_per_character() {
    let (store, id) = common::commendation_draft();
    let mut doc = jianggao::render::render(&store.draft(id).unwrap());
    let first = doc.nodes[0].clone();
    while jianggao::stats::stats(&doc, 220).chars < 10_000 {
        doc.nodes.push(first.clone());
    }
    for profile in profiles() {
        let pages = preview::pages(&doc, &profile);
        let runs = pages.iter().flat_map(|p| &p.lines).flat_map(|l| &l.runs);
        let chars: usize = runs.clone().map(|r| r.text.chars().count()).sum();
        let listed: usize = runs
            .clone()
            .filter_map(|r| r.advances.as_ref())
            .map(Vec::len)
            .sum();
        let json = serde_json::to_string(&pages).unwrap();
        eprintln!(
            "{:?}: {} pages, {} runs, {chars} characters ({listed} with their advances listed), {} bytes of JSON",
            profile.layout,
            pages.len(),
            runs.clone().count(),
            json.len()
        );
        assert!(runs.count() * 5 < chars);
        // Only half-width characters (digits and letters here) list their advances.
        assert!(listed * 10 < chars);
    }
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn the_pdf_prints_the_previews_lines_page_by_page() {
    if !common::have_reader("pdftotext", "-v") {
        return;
    }
    let Some(found) = fonts::find(FontSet::default(), fonts::system()) else {
        eprintln!("note: no font with Chinese characters; skipping the PDF check");
        return;
    };
    let doc = mixed_draft();
    let dir = tempfile::tempdir().unwrap();
    for profile in profiles() {
        let pdf = jianggao::export::pdf::to_pdf(&doc, &profile, &found).unwrap();
        let path = dir.path().join("draft.pdf");
        std::fs::write(&path, pdf).unwrap();
        let out = Command::new("pdftotext")
            .args(["-layout", path.to_str().unwrap(), "-"])
            .output()
            .unwrap();
        assert!(out.status.success());
        let text = String::from_utf8(out.stdout).unwrap();
        let printed: Vec<Vec<String>> = text
            .split('\u{c}')
            .map(|page| {
                page.lines()
                    .map(squeeze)
                    .filter(|l| !l.is_empty())
                    .collect()
            })
            .filter(|p: &Vec<String>| !p.is_empty())
            .collect();
        let shown: Vec<Vec<String>> = preview::pages(&doc, &profile)
            .iter()
            .map(|p| {
                p.lines
                    .iter()
                    .chain([&p.folio])
                    .map(|l| squeeze(&l.text()))
                    .filter(|l| !l.is_empty())
                    .collect()
            })
            .collect();
        assert_eq!(printed.len(), shown.len(), "{:?}: pages", profile.layout);
        for (n, (a, b)) in printed.iter().zip(&shown).enumerate() {
            assert_eq!(a, b, "{:?} page {}", profile.layout, n + 1);
        }
    }
}
