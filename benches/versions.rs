//! Versions: comparing two versions of a 10,000-character draft (target under 10 ms),
//! with and without reading them from the library, and saving one; the redline of the
//! two as printed (both rendered, then compared) and the tracked-change .docx of it.
//! Backups: once, the time to back up a library of 100,000 synthetic blocks, as the CLI
//! and as the desktop do it (printed, not sampled: it is a one-off of some seconds). The
//! desktop's 版本 panel: the list of 40 versions of a 10,000-character draft, each
//! compared with the one before, and its compare view.

use criterion::{criterion_group, criterion_main, Criterion};
use jianggao::app::Session;
use jianggao::diff::compare;
use jianggao::export::docx::tracked::{
    change_count, to_docx_with_changes, word_date, ChangeStyle, Revision,
};
use jianggao::export::docx::DocxOptions;
use jianggao::outline::{NewNode, NodeKind};
use jianggao::redline::redline;
use jianggao::render::render;
use jianggao::store::{Place, Store};
use jianggao::undo::Snapshot;

/// The second version: every fifth paragraph gets a clause in its middle, a slot value
/// changes, one item moves, one is removed and one is added.
fn edit(store: &mut Store, d: i64) {
    let snap = Snapshot::take(store, d).unwrap();
    let paragraphs: Vec<(i64, String)> = snap
        .nodes()
        .filter(|n| n.kind != "heading")
        .map(|n| (n.id, n.text.to_string()))
        .collect();
    for (id, text) in paragraphs.iter().step_by(5) {
        let mid = text
            .char_indices()
            .nth(text.chars().count() / 2)
            .map_or(0, |(b, _)| b);
        let text = format!("{}，并且进一步加强统筹协调{}", &text[..mid], &text[mid..]);
        store.edit_node(d, *id, Some(&text), None, None).unwrap();
    }
    store.move_node(d, paragraphs[1].0, Place::End).unwrap();
    store.remove_node(d, paragraphs[3].0).unwrap();
    store
        .insert_nodes(
            d,
            vec![NewNode::new(NodeKind::Paragraph, "新加的一段话。")],
            Place::End,
        )
        .unwrap();
    store
        .set_slots(d, &[("年份".into(), "2027".into())])
        .unwrap();
}

/// Backs up a file library of 100,000 blocks once and prints the time and size.
fn backup_once() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lib.sqlite3");
    let mut store = Store::open(&path).unwrap();
    jianggao::synth::fill(&mut store, 100_000, 2026).unwrap();
    let t = std::time::Instant::now();
    let made = store.backup_now().unwrap();
    eprintln!(
        "backup of a 100,000-block library: {:.2} s, {} MB",
        t.elapsed().as_secs_f64(),
        made.size / 1_000_000
    );
    // The desktop's 立即备份: from a read-only connection of its own, the session free.
    let t = std::time::Instant::now();
    jianggao::app::backup_library(&path).unwrap();
    eprintln!(
        "the same from its own connection (desktop): {:.2} s",
        t.elapsed().as_secs_f64()
    );
    let t = std::time::Instant::now();
    assert!(jianggao::store::backup::due_today(&path).is_ok());
    eprintln!("is a backup due today: {:?}", t.elapsed());
}

fn bench(c: &mut Criterion) {
    if std::env::var_os("SKIP_BACKUP").is_none() {
        backup_once();
    }
    let mut store = Store::open_in_memory().unwrap();
    let d = jianggao::synth::long_draft(&mut store, 10_000).unwrap();
    let v1 = store.save_version(d, "初稿", None).unwrap();
    edit(&mut store, d);
    let v2 = store.save_version(d, "二稿", None).unwrap();
    let (old, new) = (
        store.version_snapshot(d, v1).unwrap(),
        store.version_snapshot(d, v2).unwrap(),
    );
    eprintln!(
        "{} changes between two versions of a {}-字 draft",
        compare(&old, &new).len(),
        store.versions(d).unwrap()[0].chars
    );
    c.bench_function("compare two versions, 10k-character draft", |b| {
        b.iter(|| compare(&old, &new))
    });
    let (old_doc, new_doc) = (render(&old.to_draft()), render(&new.to_draft()));
    eprintln!(
        "{} changes in the tracked .docx",
        change_count(&redline(&old_doc, &new_doc))
    );
    c.bench_function(
        "redline of two rendered versions, 10k-character draft",
        |b| b.iter(|| redline(&old_doc, &new_doc)),
    );
    c.bench_function("render both versions + redline + tracked .docx", |b| {
        let revision = Revision {
            style: ChangeStyle::Tracked,
            author: "撰稿人".into(),
            date: word_date(0),
        };
        b.iter(|| {
            let (o, n) = (render(&old.to_draft()), render(&new.to_draft()));
            to_docx_with_changes(&n, &redline(&o, &n), &DocxOptions::default(), &revision)
        })
    });
    c.bench_function("read two versions from the library + compare", |b| {
        b.iter(|| {
            let old = store.version_snapshot(d, v1).unwrap();
            let new = store.version_snapshot(d, v2).unwrap();
            compare(&old, &new)
        })
    });
    let mut flip = false;
    c.bench_function("save a version, 10k-character draft", |b| {
        b.iter(|| {
            flip = !flip;
            store
                .rename_draft(d, if flip { "甲" } else { "乙" })
                .unwrap();
            store.save_version(d, "稿", None).unwrap()
        })
    });
}

/// The 版本 panel and the compare view of a 10,000-character draft with 40 versions,
/// each a paragraph longer than the one before.
fn panel(c: &mut Criterion) {
    let mut store = Store::open_in_memory().unwrap();
    let d = jianggao::synth::long_draft(&mut store, 10_000).unwrap();
    let first = store.save_version(d, "初稿", None).unwrap();
    let paragraphs: Vec<(i64, String)> = Snapshot::take(&store, d)
        .unwrap()
        .nodes()
        .filter(|n| n.kind != "heading")
        .map(|n| (n.id, n.text.to_string()))
        .collect();
    for (id, text) in paragraphs.iter().cycle().take(39) {
        let text = format!("{text}并且进一步加强统筹协调。");
        store.edit_node(d, *id, Some(&text), None, None).unwrap();
        store.save_version(d, "稿", None).unwrap();
    }
    let s = Session::with_store(store, "memory".into());
    c.bench_function("版本 panel: 40 versions of a 10k-character draft", |b| {
        b.iter(|| s.version_list(d).unwrap())
    });
    c.bench_function("compare view: first version → now, 10k characters", |b| {
        b.iter(|| s.compare_view(d, Some(first), None).unwrap())
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = bench, panel
}
criterion_main!(benches);
