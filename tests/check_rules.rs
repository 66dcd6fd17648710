//! The written rule set measured on a labelled set (tests/fixtures/check/): recall per
//! class on sentences with one known error, and false alarms on clean sentences (the
//! labelled sentences corrected, and near-misses written to sit at the rules' edges).
//! Fails when a 必改 rule fires on a clean sentence or on built-in content, or when recall
//! is under 90% overall or 80% in a class. `cargo test --test check_rules -- --nocapture`
//! prints the table.

use std::collections::BTreeMap;

use jianggao::check::{check_text, check_with, CheckOptions, Finding, Level};
use jianggao::store::Store;
use jianggao::{assets, render};

struct Labelled {
    class: String,
    wrong: String,
    right: String,
    sentence: String,
    year: Option<i32>,
}

fn year(field: Option<&str>) -> Option<i32> {
    field.and_then(|y| y.trim().parse().ok())
}

fn lines(src: &str) -> impl Iterator<Item = &str> {
    src.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

fn labelled() -> Vec<Labelled> {
    lines(include_str!("fixtures/check/errors.txt"))
        .map(|l| {
            let f: Vec<&str> = l.split('|').collect();
            assert!(f.len() >= 4, "bad line: {l}");
            assert!(
                f[3].contains(f[1]),
                "the sentence does not hold its error: {l}"
            );
            assert_ne!(f[1], f[2], "error and correction are the same: {l}");
            Labelled {
                class: f[0].into(),
                wrong: f[1].into(),
                right: f[2].into(),
                sentence: f[3].into(),
                year: year(f.get(4).copied()),
            }
        })
        .collect()
}

fn clean() -> Vec<(String, Option<i32>)> {
    let mut out: Vec<(String, Option<i32>)> = labelled()
        .into_iter()
        .map(|l| (l.sentence.replacen(&l.wrong, &l.right, 1), l.year))
        .collect();
    for l in lines(include_str!("fixtures/check/clean.txt")) {
        let mut f = l.split('|');
        let s = f.next().unwrap_or_default().to_string();
        out.push((s, year(f.next())));
    }
    out
}

/// The labelled error is found: a finding of its class overlapping its span.
fn found(l: &Labelled, findings: &[Finding]) -> bool {
    let Some(byte) = l.sentence.find(&l.wrong) else {
        return false;
    };
    let start = l.sentence[..byte].chars().count();
    let end = start + l.wrong.chars().count();
    findings.iter().any(|f| {
        f.class == Some(l.class.as_str()) && f.offset < end && f.offset + f.length.max(1) > start
    })
}

fn show(f: &Finding) -> String {
    format!(
        "{} [{}·{}] “{}”",
        f.rule,
        f.class.unwrap_or("-"),
        f.level.map_or("-", Level::zh),
        f.text
    )
}

#[test]
fn recall_and_false_alarms() {
    let set = labelled();
    let clean = clean();
    assert!(set.len() >= 300, "{} labelled errors", set.len());
    assert!(clean.len() >= 300, "{} clean sentences", clean.len());
    let mut per: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    let mut missed = Vec::new();
    for l in &set {
        let hit = found(l, &check_text(&l.sentence, l.year));
        let e = per.entry(l.class.as_str()).or_default();
        e.0 += 1;
        e.1 += usize::from(hit);
        if !hit {
            missed.push(format!("{}|{}|{}", l.class, l.wrong, l.sentence));
        }
    }
    let mut alarms: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for (s, y) in &clean {
        for f in check_text(s, *y) {
            let level = f.level.map_or("-", Level::zh);
            alarms
                .entry(level)
                .or_default()
                .push(format!("{} in “{s}”", show(&f)));
        }
    }
    let mut rules: BTreeMap<(&str, &str), usize> = BTreeMap::new();
    for r in &jianggao::check::table::rules().rules {
        *rules.entry((r.class, r.level.zh())).or_default() += 1;
    }
    println!("\n规则（类别·级别：条数）：{rules:?}");
    println!("规则共 {} 条", rules.values().sum::<usize>());
    println!("\n类别      句数  检出  召回率");
    let (mut n, mut k) = (0, 0);
    for (class, (total, hit)) in &per {
        n += total;
        k += hit;
        println!(
            "{class:<6} {total:>5} {hit:>5} {:>6.1}%",
            100.0 * *hit as f64 / *total as f64
        );
    }
    println!(
        "合计     {n:>5} {k:>5} {:>6.1}%",
        100.0 * k as f64 / n as f64
    );
    println!("正确句子 {} 句，误报：", clean.len());
    for level in ["必改", "建议", "提示"] {
        let v = alarms.get(level).map_or(&[][..], |v| v.as_slice());
        println!("  {level}: {}", v.len());
        for a in v {
            println!("    {a}");
        }
    }
    for m in &missed {
        println!("漏报：{m}");
    }
    assert!(
        alarms.get("必改").is_none_or(|v| v.is_empty()),
        "a 必改 rule fired on clean text"
    );
    assert!(k * 10 >= n * 9, "overall recall {k}/{n} under 90%");
    for (class, (total, hit)) in &per {
        assert!(
            hit * 5 >= total * 4,
            "recall of {class} {hit}/{total} under 80%"
        );
    }
}

/// No 必改 rule of the written set fires on the built-in library or the templates (the
/// golden test asks more: no finding at all once every slot is filled).
#[test]
fn no_must_on_builtin_content() {
    let mut store = Store::open_in_memory().unwrap();
    let lib = assets::library().unwrap();
    for text in lib
        .blocks
        .iter()
        .flat_map(|b| [&b.title, &b.text])
        .chain(lib.phrases.iter().map(|p| &p.text))
    {
        let must: Vec<String> = check_text(text, Some(2026))
            .iter()
            .filter(|f| f.level == Some(Level::Must))
            .map(show)
            .collect();
        assert!(must.is_empty(), "{must:?} in {text}");
    }
    for t in store.templates(None).unwrap() {
        let id = store.create_draft(&t.id, None, &[]).unwrap();
        let doc = render::render(&store.draft(id).unwrap());
        let must: Vec<String> = check_with(&doc, &CheckOptions::default())
            .iter()
            .filter(|f| f.level == Some(Level::Must) && f.class != Some("格式"))
            .map(show)
            .collect();
        assert!(must.is_empty(), "{}: {must:?}", t.id);
    }
}

/// The corpus speeches (../shared/corpus, when present) imported and checked: prints
/// what the rule set says about each, so a reader can judge the noise. Never fails on
/// findings: real speeches may hold real errors.
#[test]
fn corpus_speeches_after_import() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    // The speeches, and the web pages they came from (site text around a speech).
    let mut files: Vec<_> = [dir.clone(), dir.join("web")]
        .iter()
        .filter_map(|d| std::fs::read_dir(d).ok())
        .flatten()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    for path in files {
        let bytes = std::fs::read(&path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let a = jianggao::import::analyze(&bytes, &name).unwrap();
        let findings: Vec<Finding> = a
            .cleaned_text
            .lines()
            .flat_map(|l| check_text(l, None))
            .collect();
        println!(
            "\n{name}: {} 字, {} findings",
            a.cleaned_text.chars().count(),
            findings.len()
        );
        for f in &findings {
            println!("  {} — {}", show(f), f.message);
        }
    }
}
