//! .docx export of a 10,000-character draft (target: under 20 ms), official and podium;
//! the rendering of the draft is included, as in `jianggao export`.

use criterion::{criterion_group, criterion_main, Criterion};
use jianggao::export::docx::{to_docx, DocxOptions, FontSet, Layout};
use jianggao::store::Store;
use jianggao::{render, stats};

fn bench(c: &mut Criterion) {
    let mut store = Store::open_in_memory().unwrap();
    let id = jianggao::synth::long_draft(&mut store, 10_000).unwrap();
    let draft = store.draft(id).unwrap();
    let doc = render::render(&draft);
    let official = DocxOptions::new(Layout::Official, FontSet::Windows, None);
    let podium = DocxOptions::new(Layout::Podium, FontSet::Gb2312, None);
    let bytes = to_docx(&doc, &official).unwrap();
    eprintln!(
        "draft: {} characters; .docx: {} bytes",
        stats::stats(&doc, 220).chars,
        bytes.len()
    );
    c.bench_function("render + docx official, 10k-character draft", |b| {
        b.iter(|| to_docx(&render::render(&draft), &official).unwrap())
    });
    c.bench_function("docx podium, 10k-character document", |b| {
        b.iter(|| to_docx(&doc, &podium).unwrap())
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
