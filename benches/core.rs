//! Benchmarks of the core: render + Markdown export of a 10,000-character draft
//! (target under 2 ms), and first-run seeding of a new library (target under 200 ms).

use criterion::{criterion_group, criterion_main, Criterion};
use jianggao::export::markdown::{to_markdown, MarkdownOptions};
use jianggao::store::Store;
use jianggao::{render, stats};

fn bench(c: &mut Criterion) {
    let mut store = Store::open_in_memory().unwrap();
    let id = jianggao::synth::long_draft(&mut store, 10_000).unwrap();
    let draft = store.draft(id).unwrap();
    let chars = stats::stats(&render::render(&draft), 220).chars;
    eprintln!("draft: {chars} characters");
    c.bench_function("render + markdown, 10k-character draft", |b| {
        b.iter(|| {
            to_markdown(
                &render::render(&draft),
                MarkdownOptions { front_matter: true },
            )
        })
    });
    c.bench_function("load draft from store + render", |b| {
        b.iter(|| render::render(&store.draft(id).unwrap()))
    });
    c.bench_function("first-run seeding (new in-memory library)", |b| {
        b.iter(|| Store::open_in_memory().unwrap())
    });
    let dir = std::env::temp_dir().join(format!("jianggao-bench-{}", std::process::id()));
    c.bench_function("first-run seeding (new library file)", |b| {
        b.iter_batched(
            || {
                let _ = std::fs::remove_dir_all(&dir);
                dir.join("lib.sqlite3")
            },
            |path| Store::open(&path).unwrap(),
            criterion::BatchSize::PerIteration,
        )
    });
    let _ = std::fs::remove_dir_all(&dir);
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = bench
}
criterion_main!(benches);
