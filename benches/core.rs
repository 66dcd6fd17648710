//! Benchmarks of the core: render + Markdown export of a 10,000-character draft
//! (target under 2 ms), and of the same with template logic run by Tera at render (a
//! flag part, a list repeated, a five-item agenda's 主持词; under 2 ms too), outline
//! edits on that draft, and first-run seeding of a new library (target under 200 ms).

use criterion::{criterion_group, criterion_main, Criterion};
use jianggao::export::markdown::{to_markdown, MarkdownOptions};
use jianggao::outline::{NewNode, NodeKind};
use jianggao::store::{Place, Store};
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
    // The same draft with template logic at render: the plenary's flag part (in the
    // template), an honour list repeated a paragraph an entry, and a five-item agenda
    // made into a host script.
    let logic_id = jianggao::synth::long_draft(&mut store, 10_000).unwrap();
    let logic = [
        "{% for 集体 in 先进集体名单 %}\n{{集体}}{% if loop.last %}。{% else %}；{% endif %}\n\n{% endfor %}",
        "{{议程|主持词}}",
    ];
    for text in logic {
        store
            .insert_nodes(
                logic_id,
                vec![NewNode::new(NodeKind::Paragraph, text)],
                Place::End,
            )
            .unwrap();
    }
    let entries = |name: &str| jianggao::assets::catalogue()[name].example.clone();
    store
        .set_slots(
            logic_id,
            &[
                ("先进集体名单".to_string(), entries("先进集体名单")),
                ("议程".to_string(), entries("议程")),
                ("宣读人".to_string(), "陈静".to_string()),
                ("讲话领导".to_string(), "赵立新".to_string()),
            ],
        )
        .unwrap();
    let logic_draft = store.draft(logic_id).unwrap();
    let logic_doc = render::render(&logic_draft);
    assert!(logic_doc
        .walk()
        .any(|n| n.display_text().starts_with("下面进行第五项")));
    eprintln!(
        "draft with logic: {} characters",
        stats::stats(&logic_doc, 220).chars
    );
    c.bench_function(
        "render + markdown, 10k-character draft with template logic",
        |b| {
            b.iter(|| {
                to_markdown(
                    &render::render(&logic_draft),
                    MarkdownOptions { front_matter: true },
                )
            })
        },
    );
    c.bench_function("load draft from store + render", |b| {
        b.iter(|| render::render(&store.draft(id).unwrap()))
    });
    // Outline edits on the same draft: each loads the outline, edits, saves the change.
    let heading = draft
        .nodes
        .iter()
        .find(|n| n.kind == NodeKind::Heading && !n.children.is_empty())
        .map(|n| (n.id, n.children[0].id));
    if let Some((heading, item)) = heading {
        let mut store = Store::open_in_memory().unwrap();
        let id = jianggao::synth::long_draft(&mut store, 10_000).unwrap();
        let mut flip = false;
        c.bench_function("edit an item's text, 10k-character draft", |b| {
            b.iter(|| {
                flip = !flip;
                let text = if flip { "甲" } else { "乙" };
                store.edit_node(id, item, Some(text), None, None).unwrap()
            })
        });
        c.bench_function(
            "move an item to the end and back, 10k-character draft",
            |b| {
                b.iter(|| {
                    store.move_node(id, item, Place::End).unwrap();
                    store.move_node(id, item, Place::Under(heading)).unwrap();
                })
            },
        );
        let new = vec![NewNode::new(NodeKind::Item, "新")];
        c.bench_function("insert an item and remove it, 10k-character draft", |b| {
            b.iter(|| {
                let ids = store
                    .insert_nodes(id, new.clone(), Place::Before(item))
                    .unwrap();
                store.remove_node(id, ids[0]).unwrap();
            })
        });
    }
    c.bench_function("first-run seeding (new in-memory library)", |b| {
        b.iter(|| Store::open_in_memory().unwrap())
    });
    let dir = std::env::temp_dir().join(format!("jianggao-bench-{}", std::process::id()));
    c.bench_function("first-run seeding (new library file)", |b| {
        b.iter_batched(
            || {
                let _ = std::fs::remove_dir_all(&dir);
                // A named library's folder must exist (Store::open makes none).
                let _ = std::fs::create_dir_all(&dir);
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
