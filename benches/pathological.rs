//! Pathological inputs at 10 KB, 100 KB, 1 MB and 10 MB through the import
//! (`import::analyze`), the check (as the editor runs it: at most 200 findings of a rule
//! made, on the imported speech rendered from a draft, and on the same text pasted as it
//! is, a paragraph a line) and, where the check
//! of the pasted text finds safe fixes, `Store::apply_fixes`. Prints a table: seconds,
//! seconds per MB, and how much the time grows for 10× the input (about 10 when linear,
//! about 100 when quadratic). Every 10 MB case should take well under 2 s in release.
//!
//! `cargo bench --bench pathological` (all sizes), `… -- 1000000` (only up to 1 MB),
//! `… -- brackets` (only the shapes whose name holds the word).

use std::time::{Duration, Instant};

use jianggao::check;
use jianggao::draft::{Draft, OutlineNode};
use jianggao::import;
use jianggao::outline::{NewNode, NodeKind};
use jianggao::render;
use jianggao::store::{Place, Store};

/// `unit` repeated to about `bytes`, with `sep` after each unit.
fn repeat(unit: &str, sep: &str, bytes: usize) -> String {
    let n = (bytes / (unit.len() + sep.len())).max(1);
    let mut s = String::with_capacity(n * (unit.len() + sep.len()));
    for _ in 0..n {
        s.push_str(unit);
        s.push_str(sep);
    }
    s
}

const ZH: [&str; 10] = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

/// Builds a shape's text of about the given size in bytes.
type Build = fn(usize) -> String;

/// The shapes: (name, builder). All text here is freshly written.
fn shapes() -> Vec<(&'static str, Build)> {
    vec![
        ("X repeated", |n| repeat("X", "", n)),
        ("* repeated", |n| repeat("*", "", n)),
        ("_ repeated", |n| repeat("_", "", n)),
        ("× repeated", |n| repeat("×", "", n)),
        ("【 repeated", |n| repeat("【", "", n)),
        ("一是 repeated", |n| repeat("一是", "", n)),
        ("中( repeated", |n| repeat("中(", "", n)),
        ("one huge line", |n| {
            let mut s = String::from("在全市工会工作会议上的讲话\n同志们：\n");
            s.push_str(&repeat(
                "今天我们召开会议，总结工作、部署任务。一是加强学习；二是抓好落实。",
                "",
                n,
            ));
            s
        }),
        ("no line breaks (page)", |n| {
            repeat(
                "首页 | 讲话稿 | 工作报告 扫码关注公众号 在全市工会工作会议上的讲话 \
                 时间：2024-05-01 09:30:00 同志们：今天我们召开会议，总结工作。\
                 一是加强学习，提高认识。……(某某文秘网省略300字,正式会员可完整阅读)……\
                 二是抓好落实，见到实效。谢谢大家！ 本站仅提供信息存储空间服务。 \
                 上一篇：某某讲话 相关推荐 返回顶部 ",
                "",
                n,
            )
        }),
        ("deep brackets", |n| {
            let k = n / 3;
            let mut s = "(".repeat(k);
            s.push('中');
            s.push_str(&")".repeat(k));
            s.push_str(&"《（【".repeat(k / 24));
            s.push_str(&"]".repeat(k / 2));
            s
        }),
        ("headings", |n| {
            let mut s = String::from("在全市工会工作会议上的讲话\n同志们：\n");
            let mut i = 0;
            while s.len() < n {
                let z = ZH[i % 10];
                s.push_str(&format!(
                    "{z}、加强领导\n（{z}）抓好落实\n{}.明确责任\n（{}）狠抓推进\n",
                    i % 9 + 1,
                    i % 9 + 1
                ));
                i += 1;
            }
            s
        }),
        ("placeholders", |n| {
            let mut s = String::from("在X届X次会议上的讲话\n同志们：\n");
            let mut i = 0;
            while s.len() < n {
                s.push_str(&format!(
                    "第{i}项X工作，20**年增长X%，发放**万元，X区___同志【届次】。\n"
                ));
                i += 1;
            }
            s
        }),
        ("half-width , ( )", |n| {
            let mut s = String::from("在全市工会工作会议上的讲话\n");
            let mut i = 0;
            while s.len() < n {
                s.push_str(&format!("第{i}项工作,要抓(落实),"));
                i += 1;
            }
            s.push('。');
            s
        }),
        // A site's claims and other pages' titles run into one line, back to back.
        ("site claims", |n| {
            let mut s = String::from("在全市工会工作会议上的讲话\n同志们：\n");
            s.push_str(&repeat("开会松柏文档网本资料权属松柏文档网更多资料", "", n));
            s
        }),
        ("injected titles", |n| {
            let mut s = String::from("首页 > 讲话 > 防汛工作讲话\n同志们：\n");
            let unit = "受灾两户、县长在全县防汛工作会议上的讲话转移群众，议程：防汛会议主持词";
            s.push_str(&repeat(unit, "", n));
            s
        }),
        ("1、 items", |n| {
            let mut s = String::from("在全市工会工作会议上的讲话\n同志们：\n");
            let mut i = 0;
            while s.len() < n {
                s.push_str(&format!("{}、加强组织领导,抓好第{i}项工作。\n", i % 9 + 1));
                i += 1;
            }
            s
        }),
    ]
}

/// Outline nodes with made-up ids, as a stored draft would have them.
fn to_outline(nodes: Vec<NewNode>, next: &mut i64) -> Vec<OutlineNode> {
    nodes
        .into_iter()
        .map(|n| {
            *next += 1;
            OutlineNode {
                id: *next,
                kind: n.kind,
                lead: n.lead,
                text: n.text,
                source_block: None,
                note: None,
                children: to_outline(n.children, next),
            }
        })
        .collect()
}

struct Row {
    analyze: Duration,
    check: Duration,
    fix: Option<Duration>,
    findings: usize,
    /// Fixes the check offers on the pasted text (the fix pass's input).
    fixes: usize,
}

impl Row {
    fn total(&self) -> f64 {
        (self.analyze + self.check + self.fix.unwrap_or_default()).as_secs_f64()
    }
}

/// A draft holding `nodes`, as the store would load it.
fn draft_of(title: String, nodes: Vec<NewNode>) -> Draft {
    let mut next = 0;
    Draft {
        id: 1,
        title,
        template_id: None,
        speech_type: "work_meeting".into(),
        speaker: None,
        date: None,
        greeting: None,
        slot_defs: Vec::new(),
        values: Default::default(),
        nodes: to_outline(nodes, &mut next),
        created_at: 0,
        updated_at: 0,
        meeting: None,
        shared: Vec::new(),
    }
}

/// The text as the writer could paste it into the editor: a paragraph a line, nothing
/// cleaned (the import already fixes half-width marks, so this is where fixes are).
/// A stored paragraph holds at most 200,000 characters: longer lines are cut in pieces of
/// 100,000.
fn pasted(text: &str) -> Vec<NewNode> {
    let mut out = Vec::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let chars: Vec<char> = line.chars().collect();
        for piece in chars.chunks(100_000) {
            out.push(NewNode::new(
                NodeKind::Paragraph,
                piece.iter().collect::<String>(),
            ));
        }
    }
    out
}

fn run(text: &str) -> Row {
    let t = Instant::now();
    let a = match import::analyze(text.as_bytes(), "bench.txt") {
        Ok(a) => a,
        Err(e) => panic!("analyze: {e}"),
    };
    let analyze = t.elapsed();

    // The check of the imported speech, rendered from a draft, as the editor runs it
    // (at most SHOWN_PER_RULE findings of a rule are made; the rest are counted).
    let imported = draft_of(a.title.clone().unwrap_or_default(), a.outline());
    let t = Instant::now();
    let shown = check::CheckOptions {
        per_rule: Some(check::SHOWN_PER_RULE),
        ..Default::default()
    };
    let findings = check::check_with(&render::render(&imported), &shown);
    let check = t.elapsed();
    drop(imported);
    drop(a);
    // The import already made half-width marks full-width: the fix pass runs on the text
    // pasted as it is, where the check (not timed here) finds fixes.
    let fixes = check::check(&render::render(&draft_of("讲话".into(), pasted(text))))
        .iter()
        .filter(|f| f.fix.is_some())
        .count();

    // The fix pass, where the check has fixes: the pasted text stored as a draft first
    // (not timed), then `apply_fixes` timed (load, render, locate, write).
    let fix = (fixes > 0).then(|| {
        let mut store = Store::open_in_memory().expect("store");
        let template = store.templates(None).expect("templates")[0].id.clone();
        let id = store
            .create_draft(&template, Some("讲话"), &[])
            .expect("draft");
        for n in store.draft(id).expect("draft").nodes {
            store.remove_node(id, n.id).expect("remove");
        }
        store
            .insert_nodes(id, pasted(text), Place::End)
            .expect("insert");
        let findings = check::check(&render::render(&store.draft(id).expect("draft")));
        let t = Instant::now();
        let report = store.apply_fixes(id, &findings).expect("fix");
        let took = t.elapsed();
        assert_eq!(report.fixed_count + report.not_fixed_count, fixes);
        took
    });
    Row {
        analyze,
        check,
        fix,
        findings: findings.len(),
        fixes,
    }
}

fn main() {
    // `cargo bench` passes `--bench`; a number caps the sizes.
    let args: Vec<String> = std::env::args().skip(1).collect();
    // Run by `cargo test --all-targets` (no `--bench`): a smoke run at the smallest size;
    // the full table is for `cargo bench`, in release.
    let default_cap = match args.iter().any(|a| a == "--bench") {
        true => usize::MAX,
        false => 10_000,
    };
    let cap: usize = args
        .iter()
        .find_map(|a| a.parse().ok())
        .unwrap_or(default_cap);
    // Any other word (not a flag) picks the shapes whose name holds it.
    let only: Vec<&String> = args
        .iter()
        .filter(|a| !a.starts_with('-') && a.parse::<usize>().is_err())
        .collect();
    let sizes = [10_000usize, 100_000, 1_000_000, 10_000_000];
    println!(
        "{:<22} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9} {:>7} {:>9} {:>9}",
        "shape", "size", "analyze", "check", "fix", "total s", "s/MB", "×10", "findings", "fixes"
    );
    let mut worst: (f64, &str) = (0.0, "");
    for (name, build) in shapes() {
        if !only.is_empty() && !only.iter().any(|o| name.contains(o.as_str())) {
            continue;
        }
        let mut prev: Option<f64> = None;
        for &size in sizes.iter().filter(|s| **s <= cap) {
            let text = build(size);
            // The best of three below 10 MB: the machine is shared.
            let tries = if size < 10_000_000 { 3 } else { 1 };
            let row = (0..tries)
                .map(|_| run(&text))
                .min_by(|a, b| a.total().total_cmp(&b.total()))
                .expect("one run");
            let total = row.total();
            let mb = text.len() as f64 / 1e6;
            let growth = prev.map_or("-".to_string(), |p| format!("{:.1}", total / p));
            println!(
                "{:<22} {:>9} {:>9.4} {:>9.4} {:>9} {:>9.4} {:>9.3} {:>7} {:>9} {:>9}",
                name,
                human(text.len()),
                row.analyze.as_secs_f64(),
                row.check.as_secs_f64(),
                row.fix
                    .map_or("-".to_string(), |d| format!("{:.4}", d.as_secs_f64())),
                total,
                total / mb,
                growth,
                row.findings,
                row.fixes
            );
            prev = Some(total);
            if size == 10_000_000 && total > worst.0 {
                worst = (total, name);
            }
        }
    }
    if worst.0 > 0.0 {
        println!("slowest 10 MB case: {} ({:.2} s)", worst.1, worst.0);
    }
}

fn human(bytes: usize) -> String {
    if bytes >= 1_000_000 {
        format!("{:.1} MB", bytes as f64 / 1e6)
    } else {
        format!("{:.0} KB", bytes as f64 / 1e3)
    }
}
