//! Layout of a 10,000-character draft into positioned pages (target: under 5 ms),
//! official and podium, on the grid metrics and on the metrics of the fonts found here;
//! and the PDF of it (the fonts found once, as an export in a running app does).

use criterion::{criterion_group, criterion_main, Criterion};
use jianggao::export::pdf::to_pdf;
use jianggao::layout::{fonts, lay_out, FontSet, LayoutProfile, Metrics};
use jianggao::render;
use jianggao::store::Store;

fn bench(c: &mut Criterion) {
    let mut store = Store::open_in_memory().unwrap();
    let id = jianggao::synth::long_draft(&mut store, 10_000).unwrap();
    let doc = render::render(&store.draft(id).unwrap());
    let official = LayoutProfile::official();
    let podium = LayoutProfile::podium();
    let grid = Metrics::grid();
    let pages = lay_out(&doc, &official, &grid);
    eprintln!("official: {} pages", pages.len());
    c.bench_function("layout official, 10k-character draft (grid)", |b| {
        b.iter(|| lay_out(&doc, &official, &grid))
    });
    c.bench_function("layout podium, 10k-character draft (grid)", |b| {
        b.iter(|| lay_out(&doc, &podium, &grid))
    });
    let Some(found) = fonts::find(FontSet::Windows, fonts::system()) else {
        eprintln!("no Chinese font here: PDF not measured");
        return;
    };
    let metrics = found.metrics();
    c.bench_function("layout official, 10k-character draft (font metrics)", |b| {
        b.iter(|| lay_out(&doc, &official, &metrics))
    });
    let mut group = c.benchmark_group("pdf");
    group.sample_size(10);
    group.bench_function("pdf official, 10k-character draft", |b| {
        b.iter(|| to_pdf(&doc, &official, &found).unwrap())
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
