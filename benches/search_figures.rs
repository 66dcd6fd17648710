//! Figures for library search at scale (issue 5), printed, not asserted:
//! p50/p95 of 1-, 2-, 3- and 5-character queries (top 50 with snippets) on a synthetic
//! library of 100,000 blocks, the same queries as a LIKE scan and the ratio, opening the
//! library and answering a first query, and the index size against the text it indexes.
//!
//! `cargo bench --bench search_figures` (JIANGGAO_BENCH_BLOCKS=N for another size).
//! The library is built once into target/bench-data/ and reused.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use jianggao::store::{SearchQuery, Store};
use jianggao::synth::{self, Rng};

fn library(n: usize) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench-data");
    let _ = std::fs::create_dir_all(&dir);
    let path = dir.join(format!(
        "library-{n}-v{}.sqlite3",
        jianggao::store::SCHEMA_VERSION
    ));
    if !path.exists() {
        let tmp = path.with_extension("building");
        let _ = std::fs::remove_file(&tmp);
        let t = Instant::now();
        let mut store = Store::open(&tmp).expect("open");
        synth::fill(&mut store, n, 2026).expect("fill");
        drop(store);
        std::fs::rename(&tmp, &path).expect("rename");
        println!(
            "built a library of {n} blocks in {:.1} s",
            t.elapsed().as_secs_f64()
        );
    }
    path
}

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i].as_secs_f64() * 1000.0
}

fn main() {
    // `cargo bench` passes --bench; under `cargo test` this runs small, as a smoke test.
    let benching = std::env::args().any(|a| a == "--bench");
    let n: usize = std::env::var("JIANGGAO_BENCH_BLOCKS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(if benching { 100_000 } else { 500 });
    let path = library(n);

    // Open and answer a first query, as a writer starting the app would.
    let t = Instant::now();
    let store = Store::open(&path).expect("open");
    let first = store
        .search(&SearchQuery {
            text: "工会".into(),
            ..SearchQuery::default()
        })
        .expect("search");
    let open_first = t.elapsed();
    println!(
        "blocks: {n}; open + first query (工会, {} hits): {:.1} ms",
        first.len(),
        open_first.as_secs_f64() * 1000.0
    );

    // Queries cut from the library's own texts, as a writer would type them.
    let texts: Vec<String> = {
        let conn = rusqlite::Connection::open(&path).expect("open");
        let mut st = conn
            .prepare("SELECT body FROM blocks ORDER BY random() LIMIT 2000")
            .expect("prepare");
        st.query_map([], |r| r.get(0))
            .expect("query")
            .filter_map(|r| r.ok())
            .collect()
    };
    let conn = rusqlite::Connection::open(&path).expect("open");
    let mut rng = Rng::new(11);
    println!(
        "{:>6} {:>9} {:>9} {:>9} {:>11} {:>7}",
        "chars", "p50 ms", "p95 ms", "max ms", "LIKE p50", "ratio"
    );
    for len in [1usize, 2, 3, 5] {
        let mut queries = Vec::new();
        while queries.len() < 200 {
            let t: Vec<char> = jianggao::search::block_search_text(&texts[rng.below(texts.len())])
                .chars()
                .collect();
            if t.len() > len + 1 {
                let at = rng.below(t.len() - len);
                let q: String = t[at..at + len].iter().collect();
                if q.chars().all(|c| c.is_alphanumeric()) {
                    queries.push(q);
                }
            }
        }
        let mut ours = Vec::new();
        for q in &queries {
            let t = Instant::now();
            let hits = store
                .search(&SearchQuery {
                    text: q.clone(),
                    limit: 50,
                    ..SearchQuery::default()
                })
                .expect("search");
            ours.push(t.elapsed());
            std::hint::black_box(hits);
        }
        // The same answer by a LIKE scan: every row read, ranked, top 50.
        let mut like = Vec::new();
        let mut st = conn
            .prepare(
                "SELECT id, title, body FROM blocks WHERE title LIKE ?1 ESCAPE '\\' OR body LIKE ?1 ESCAPE '\\'
                 ORDER BY favourite DESC, use_count DESC, updated_at DESC LIMIT 50",
            )
            .expect("prepare");
        for q in queries.iter().take(40) {
            let pattern = format!(
                "%{}%",
                q.replace('\\', "\\\\")
                    .replace('%', "\\%")
                    .replace('_', "\\_")
            );
            let t = Instant::now();
            let rows: Vec<(i64, String, String)> = st
                .query_map([&pattern], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
                .expect("query")
                .filter_map(|r| r.ok())
                .collect();
            like.push(t.elapsed());
            std::hint::black_box(rows);
        }
        ours.sort();
        like.sort();
        let p50 = percentile(&ours, 0.5);
        let like50 = percentile(&like, 0.5);
        println!(
            "{len:>6} {p50:>9.2} {:>9.2} {:>9.2} {like50:>11.1} {:>6.0}×",
            percentile(&ours, 0.95),
            percentile(&ours, 1.0),
            like50 / p50
        );
    }

    // Index size: the FTS shadow tables and the map, against the text they index.
    let size = |sql: &str| -> i64 { conn.query_row(sql, [], |r| r.get(0)).unwrap_or(0) };
    let index = size("SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'search%'");
    let text = size("SELECT sum(length(CAST(title AS BLOB)) + length(CAST(body AS BLOB))) FROM blocks")
        + size("SELECT sum(length(CAST(text AS BLOB))) FROM phrases")
        + size("SELECT sum(length(CAST(t.name AS BLOB))) FROM block_tags bt JOIN tags t ON t.id = bt.tag_id");
    let file = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    println!(
        "index: {:.1} MB for {:.1} MB of text ({:.2}×); library file {:.1} MB",
        index as f64 / 1e6,
        text as f64 / 1e6,
        index as f64 / text.max(1) as f64,
        file as f64 / 1e6
    );
}
