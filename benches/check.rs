//! The check on a 10,000-character draft (synth::long_draft): every rule, structural and
//! written (target under 5 ms), and the written rule set alone on the same text.

use criterion::{criterion_group, criterion_main, Criterion};
use jianggao::check::{check, check_text};
use jianggao::render;
use jianggao::store::Store;

fn bench(c: &mut Criterion) {
    let mut store = Store::open_in_memory().unwrap();
    let id = jianggao::synth::long_draft(&mut store, 10_000).unwrap();
    let doc = render::render(&store.draft(id).unwrap());
    // The rule set is compiled once on first use; this keeps that out of the timing.
    let n = check(&doc).len();
    let rules = jianggao::check::table::rules().rules.len();
    eprintln!("{rules} written rules; {n} findings on the draft");
    c.bench_function("check, 10k-character draft", |b| b.iter(|| check(&doc)));
    let text: String = doc.walk().map(|n| n.text.as_str()).collect();
    eprintln!("{} characters of body text", text.chars().count());
    c.bench_function("written rule set alone, 10k characters", |b| {
        b.iter(|| check_text(&text, Some(2026)))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
