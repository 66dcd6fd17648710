//! .docx export of a 10,000-character draft (target: under 20 ms), official and podium;
//! the rendering of the draft is included, as in `jianggao export`.

use criterion::{criterion_group, criterion_main, Criterion};
use jianggao::export::docx::{to_docx, DocxOptions, FontSet, Layout};
use jianggao::store::{Place, Store};
use jianggao::{assets, render, stats};

/// A draft of about 10,000 characters from built-in blocks, every slot filled.
fn big_draft(store: &mut Store) -> i64 {
    let id = store.create_draft("plenary-annual", None, &[]).unwrap();
    let keys: Vec<String> = assets::library()
        .map(|l| l.blocks.into_iter().map(|b| b.key).collect())
        .unwrap();
    for key in keys.iter().cycle() {
        let doc = render::render(&store.draft(id).unwrap());
        if stats::stats(&doc, 220).chars >= 10_000 {
            break;
        }
        store.insert_block(id, key, Place::End).unwrap();
    }
    let values: Vec<(String, String)> = store
        .draft(id)
        .unwrap()
        .slots()
        .into_iter()
        .map(|s| {
            let v = if s.def.example.is_empty() {
                "示例".to_string()
            } else {
                s.def.example.clone()
            };
            (s.def.name, v)
        })
        .collect();
    store.set_slots(id, &values).unwrap();
    id
}

fn bench(c: &mut Criterion) {
    let mut store = Store::open_in_memory().unwrap();
    let id = big_draft(&mut store);
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
