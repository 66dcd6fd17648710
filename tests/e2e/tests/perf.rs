//! Measures the desktop app (release build): time until the window is mapped, idle RSS of
//! the app process and of the WebKit helpers, keystroke → preview with a 10,000-character
//! draft, and library drawer results with 100,000 blocks. Prints figures; asserts none
//! (timings belong in reports, not in tests). Run:
//!
//! ```sh
//! cargo build --release -p jianggao-desktop
//! xvfb-run -a env JIANGGAO_PERF=1 JIANGGAO_APP=$PWD/target/release/jianggao-desktop \
//!   cargo test --release -p jianggao-e2e --test perf -- --nocapture
//! ```
//!
//! `PERF_LIBRARY=FILE` copies a library made before instead of generating one.

mod common;

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::*;
use jianggao::outline::{NewNode, NodeKind};
use jianggao::store::{Place, Store};

fn rss_kb(pid: u32) -> Option<u64> {
    let s = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    s.lines()
        .find(|l| l.starts_with("VmRSS:"))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}

fn children(pid: u32) -> Vec<(u32, String)> {
    let mut out = Vec::new();
    let Ok(dir) = std::fs::read_dir("/proc") else {
        return out;
    };
    for e in dir.flatten() {
        let Ok(p) = e.file_name().to_string_lossy().parse::<u32>() else {
            continue;
        };
        let Ok(stat) = std::fs::read_to_string(format!("/proc/{p}/stat")) else {
            continue;
        };
        let after = stat.rsplit(')').next().unwrap_or("");
        let ppid: u32 = after
            .split_whitespace()
            .nth(1)
            .and_then(|x| x.parse().ok())
            .unwrap_or(0);
        if ppid == pid {
            let name = std::fs::read_to_string(format!("/proc/{p}/comm")).unwrap_or_default();
            out.push((p, name.trim().to_string()));
            out.extend(children(p));
        }
    }
    out
}

/// A library with `blocks` synthetic blocks and one draft of about `chars` characters.
fn make_library(path: &std::path::Path, blocks: usize, chars: usize) -> R<i64> {
    // PERF_LIBRARY names a library made before (e.g. by benches/search_figures.rs) to copy
    // instead of generating one, which takes most of a minute at 100,000 blocks.
    let from = std::env::var_os("PERF_LIBRARY");
    if let Some(f) = &from {
        std::fs::copy(f, path)?;
    }
    let mut s = Store::open(path)?;
    if from.is_none() {
        // The synthetic library of the search work (jianggao::synth), in batches.
        jianggao::synth::fill(&mut s, blocks, 7)?;
    }
    let d = s.create_draft("commendation-annual", Some("性能测试讲稿"), &[])?;
    let para = "各级工会组织要坚持以职工为中心的工作导向，把服务职工作为工作的出发点和落脚点，切实维护职工合法权益，";
    let mut have = jianggao::stats::stats(&jianggao::render::render(&s.draft(d)?), 220).chars;
    let mut nodes = Vec::new();
    while have < chars {
        nodes.push(NewNode::new(NodeKind::Paragraph, para.repeat(2)));
        have += jianggao::stats::count_chars(&para.repeat(2));
    }
    s.insert_nodes(d, nodes, Place::End)?;
    Ok(d)
}

#[tokio::test(flavor = "multi_thread")]
async fn measure() -> R {
    if std::env::var_os("JIANGGAO_PERF").is_none() {
        eprintln!("performance figures skipped: set JIANGGAO_PERF=1 (see the file's header)");
        return Ok(());
    }
    let tmp = tempfile::tempdir()?;
    let db = tmp.path().join("library.sqlite3");
    let blocks: usize = std::env::var("PERF_BLOCKS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let t = Instant::now();
    let draft = make_library(&db, blocks, 10_000)?;
    eprintln!(
        "perf: library with {blocks} blocks ready in {:.1} s",
        t.elapsed().as_secs_f64()
    );

    // 1. Window shown: launch the binary directly and poll X for a mapped window.
    let started = Instant::now();
    let mut child = Command::new(app_binary())
        .env("JIANGGAO_DB", &db)
        .env("XDG_CONFIG_HOME", tmp.path())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()?;
    let mut shown = None;
    while started.elapsed() < Duration::from_secs(20) {
        let out = Command::new("xwininfo").args(["-root", "-tree"]).output();
        if let Ok(o) = out {
            let s = String::from_utf8_lossy(&o.stdout);
            if s.contains("讲稿工坊") || s.contains("\\350\\256\\262") {
                shown = Some(started.elapsed());
                break;
            }
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    match shown {
        Some(d) => eprintln!("perf: window mapped {} ms after launch", d.as_millis()),
        None => eprintln!("perf: window not seen (is xwininfo installed?)"),
    }
    std::thread::sleep(Duration::from_secs(5));
    let app_rss = rss_kb(child.id()).unwrap_or(0);
    eprintln!("perf: idle RSS of the app process: {} MB", app_rss / 1024);
    for (pid, name) in children(child.id()) {
        eprintln!(
            "perf:   helper {name} (pid {pid}): {} MB",
            rss_kb(pid).unwrap_or(0) / 1024
        );
    }
    let _ = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status();
    let _ = child.wait();

    // 2 and 3 through WebDriver.
    let driver = Driver::start(
        4644,
        &[("JIANGGAO_DB", &db), ("XDG_CONFIG_HOME", tmp.path())],
    )?;
    let app = App::new(connect(&driver).await?, "perf");
    let r = in_app(&app, draft).await;
    let _ = app.c.clone().close().await;
    drop(driver);
    r
}

async fn in_app(app: &App, draft: i64) -> R {
    app.wait(".topbar").await?;
    app.click(&format!("[data-draft=\"{draft}\"] [data-action=open]"))
        .await?;
    app.wait("[data-editor]").await?;
    app.until(
        "preview",
        "document.querySelectorAll('[data-page]').length > 5",
    )
    .await?;
    let pages = app
        .js("return document.querySelectorAll('[data-page]').length;")
        .await?;
    let chars = app.texts("[data-chars] b").await?.join("");
    eprintln!("perf: draft of {chars} 字 in {pages} pages");
    app.shot("perf-editor").await?;

    // Keystroke → preview: insert one character in the last paragraph and wait until
    // the preview's DOM holds it.
    let mut times = Vec::new();
    let mut doms = Vec::new();
    for i in 0..20 {
        let ch = ["甲", "乙", "丙", "丁", "戊"][i % 5];
        let ms = app
            .c
            .execute_async(
                &format!(
                    "const done = arguments[arguments.length - 1];
                     const items = document.querySelectorAll('[data-item-text]');
                     const e = items[items.length - 1];
                     e.focus();
                     const r = document.createRange(); r.selectNodeContents(e); r.collapse(false);
                     const s = getSelection(); s.removeAllRanges(); s.addRange(r);
                     const want = (document.querySelector('[data-preview]').textContent.split('{ch}').length);
                     const t0 = performance.now();
                     const obs = new MutationObserver(() => {{
                       if (document.querySelector('[data-preview]').textContent.split('{ch}').length > want) {{
                         obs.disconnect();
                         window.__dom = performance.now() - t0;
                         requestAnimationFrame(() => done(performance.now() - t0));
                       }}
                     }});
                     obs.observe(document.querySelector('[data-preview]'), {{ childList: true, subtree: true, characterData: true }});
                     document.execCommand('insertText', false, '{ch}');"
                ),
                vec![],
            )
            .await?;
        times.push(ms.as_f64().unwrap_or(f64::NAN));
        doms.push(
            app.js("return window.__dom;")
                .await?
                .as_f64()
                .unwrap_or(f64::NAN),
        );
        tokio::time::sleep(Duration::from_millis(120)).await;
    }
    times.sort_by(|a, b| a.total_cmp(b));
    eprintln!(
        "perf: keystroke → preview painted: median {:.1} ms, p90 {:.1} ms, max {:.1} ms",
        times[times.len() / 2],
        times[times.len() * 9 / 10],
        times[times.len() - 1]
    );
    doms.sort_by(|a, b| a.total_cmp(b));
    eprintln!(
        "perf:   of which keystroke → preview's DOM updated: median {:.1} ms, p90 {:.1} ms (the rest is painting)",
        doms[doms.len() / 2],
        doms[doms.len() * 9 / 10]
    );
    // The bridge alone: the same preview asked for directly, ten times.
    let bridge = app
        .c
        .execute_async(
            &format!(
                "const done = arguments[arguments.length - 1];
                 const items = document.querySelectorAll('[data-item-text]');
                 const e = items[items.length - 1];
                 const node = Number(e.dataset.itemText), text = e.textContent;
                 (async () => {{
                   const out = [];
                   for (let i = 0; i < 10; i++) {{
                     const t0 = performance.now();
                     const r = await window.__TAURI_INTERNALS__.invoke('preview_text', {{ id: {draft}, node, text }});
                     const t1 = performance.now();
                     JSON.stringify(r);
                     out.push([t1 - t0, JSON.stringify(r).length]);
                   }}
                   done(out);
                 }})().catch((err) => done(String(err)));"
            ),
            vec![],
        )
        .await?;
    let mut trips: Vec<f64> = bridge
        .as_array()
        .map(|a| a.iter().filter_map(|c| c.get(0)?.as_f64()).collect())
        .unwrap_or_default();
    let bytes = bridge
        .as_array()
        .and_then(|a| a.first()?.get(1)?.as_u64())
        .unwrap_or(0);
    if trips.is_empty() {
        eprintln!("perf:   bridge call failed: {bridge}");
    } else {
        trips.sort_by(|a, b| a.total_cmp(b));
        eprintln!(
            "perf:   of which the preview_text call alone (Rust + bridge, {} KB of JSON): median {:.1} ms, max {:.1} ms",
            bytes / 1024,
            trips[trips.len() / 2],
            trips[trips.len() - 1]
        );
    }

    // Drawer: time from typing to results drawn, with the whole library behind it.
    app.js("document.activeElement && document.activeElement.blur(); return true;")
        .await?;
    app.keys(&format!("{CTRL}k{RELEASE}")).await?;
    app.wait("[data-drawer-search]").await?;
    app.until(
        "initial results",
        "document.querySelectorAll('[data-block]').length > 0",
    )
    .await?;
    let mut times = Vec::new();
    // Queries with no results first, so the list is full for the scrolling check after.
    for q in [
        "没有这个词",
        "第12345段",
        "第9999",
        "创新竞赛",
        "职",
        "职工",
        "帮扶",
    ] {
        let ms = app
            .c
            .execute_async(
                &format!(
                    "const done = arguments[arguments.length - 1];
                     const input = document.querySelector('[data-drawer-search]');
                     const count = document.querySelector('.drawer .count');
                     const before = count.dataset.seq;
                     const t0 = performance.now();
                     const obs = new MutationObserver(() => {{
                       if (count.dataset.seq !== before) {{
                         obs.disconnect();
                         window.__dom = performance.now() - t0;
                         requestAnimationFrame(() => done(performance.now() - t0));
                       }}
                     }});
                     obs.observe(document.querySelector('.drawer'), {{ childList: true, subtree: true, characterData: true, attributes: true }});
                     input.value = '{q}';
                     input.dispatchEvent(new Event('input', {{ bubbles: true }}));
                     setTimeout(() => {{ obs.disconnect(); done(performance.now() - t0); }}, 3000);"
                ),
                vec![],
            )
            .await?;
        let shown = app.texts(".drawer .count").await?.join("");
        let dom = app.js("return window.__dom;").await?;
        eprintln!(
            "perf: drawer “{q}”: {:.0} ms to results drawn, DOM updated at {:.0} ms ({shown})",
            ms.as_f64().unwrap_or(f64::NAN),
            dom.as_f64().unwrap_or(f64::NAN)
        );
        times.push(ms.as_f64().unwrap_or(f64::NAN));
    }
    app.shot("perf-drawer").await?;
    // Scrolling the long list: the DOM holds only the rows in view.
    let rows = app
        .js("return document.querySelectorAll('.drawer .vrow').length;")
        .await?;
    eprintln!("perf: drawer list draws {rows} rows in the DOM");
    Ok(())
}
