//! The PDF of a 10,000-character draft, whole process (`jianggao export --format pdf`),
//! against LibreOffice converting our .docx of it (`soffice --headless --convert-to pdf`),
//! side by side in one run (ours the median of five after the first export on the
//! machine, which is timed apart; soffice the median of three); the ratios printed, and
//! the time of an export after an edit that brings characters never exported before.
//! Then a draft of about 500 official pages exported as PDF and OFD: time and size.
//!
//! Beside each wall time the processor time of the command and its children (user +
//! system, from `getrusage`), which a machine busy with other work does not stretch.
//!
//! `cargo bench --bench pdf_vs_office` (needs soffice on PATH for the comparison).

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use jianggao::store::Store;

const BIN: &str = env!("CARGO_BIN_EXE_jianggao");

/// Wall time and processor time of one run.
type Took = (Duration, Duration);

fn median(mut times: Vec<Took>) -> Took {
    times.sort();
    let cpu = {
        let mut c: Vec<Duration> = times.iter().map(|t| t.1).collect();
        c.sort();
        c[c.len() / 2]
    };
    (times[times.len() / 2].0, cpu)
}

/// User + system time of every child process waited for so far.
#[cfg(unix)]
fn children_cpu() -> Duration {
    // SAFETY: rusage is plain integers (all zero is a value); getrusage fills it.
    let mut u: libc::rusage = unsafe { std::mem::zeroed() };
    unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut u) };
    let tv = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    tv(u.ru_utime) + tv(u.ru_stime)
}

#[cfg(not(unix))]
fn children_cpu() -> Duration {
    Duration::ZERO
}

fn run(mut cmd: Command) -> Option<Took> {
    let cpu = children_cpu();
    let start = Instant::now();
    let out = cmd.output().ok()?;
    let took = start.elapsed();
    out.status.success().then(|| (took, children_cpu() - cpu))
}

fn timed(cmd: Command) -> Took {
    let name = format!("{cmd:?}");
    run(cmd).unwrap_or_else(|| panic!("{name} failed"))
}

/// The export as the CLI runs it, with its caches (font index, glyph cache) in `cache`.
fn export(db: &Path, id: i64, format: &str, out: &Path) -> Command {
    let mut c = Command::new(BIN);
    let cache = db.with_file_name("cache");
    c.env("XDG_CACHE_HOME", cache).arg("--db").arg(db).args([
        "export",
        &id.to_string(),
        "--format",
        format,
        "--out",
    ]);
    c.arg(out);
    c
}

fn draft(db: &Path, chars: usize) -> i64 {
    let mut store = Store::open(db).expect("library");
    jianggao::synth::long_draft(&mut store, chars).expect("draft")
}

fn main() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("lib.sqlite3");
    let id = draft(&db, 10_000);
    // To profile the export by hand: the library kept where this names.
    if let Some(keep) = std::env::var_os("JIANGGAO_BENCH_KEEP") {
        std::fs::copy(&db, Path::new(&keep).join("lib.sqlite3")).expect("keep library");
        println!("library kept in {}: draft {id}", Path::new(&keep).display());
    }
    let pdf = dir.path().join("ours.pdf");
    let docx = dir.path().join("ours.docx");
    // The first export on a machine also indexes its fonts and fills the glyph cache;
    // every later one (the same draft edited, or another) finds them.
    let first = timed(export(&db, id, "pdf", &pdf));
    println!(
        "first export on this machine (font index, glyph cache made): {:?} (processor {:?})",
        first.0, first.1
    );
    let ours = median(
        (0..5)
            .map(|_| timed(export(&db, id, "pdf", &pdf)))
            .collect(),
    );
    println!(
        "jianggao export --format pdf, 10k-character draft: {:?} (processor {:?})",
        ours.0, ours.1
    );
    // soffice converts the .docx of the same draft.
    timed(export(&db, id, "docx", &docx));
    // The writer's usual case: the draft edited, some characters never exported before
    // (the body face's glyph cache takes them in), then exported again.
    let fresh = [
        "饕餮魑魅魍魉麒麟凤凰",
        "琵琶琴瑟箜篌笙箫埙缶",
        "翡翠玛瑙琥珀珊瑚砗磲",
        "蝴蝶蜻蜓蟋蟀螳螂蚂蚱",
        "葡萄枇杷橄榄柠檬榴莲",
    ];
    let edited = median(
        fresh
            .iter()
            .map(|chars| {
                let mut c = Command::new(BIN);
                c.arg("--db").arg(&db).args([
                    "insert",
                    &id.to_string(),
                    &format!("新增段落：{chars}。"),
                ]);
                timed(c);
                timed(export(&db, id, "pdf", &pdf))
            })
            .collect(),
    );
    println!(
        "after an edit bringing ten characters never exported: {:?} (processor {:?})",
        edited.0, edited.1
    );
    let office: Vec<Took> = (0..3)
        .filter_map(|_| {
            let mut c = Command::new("soffice");
            c.args(["--headless", "--convert-to", "pdf", "--outdir"])
                .arg(dir.path().join("office"))
                .arg(&docx);
            run(c)
        })
        .collect();
    if office.is_empty() {
        println!("soffice not found: no comparison");
    } else {
        let office = median(office);
        println!(
            "soffice --headless --convert-to pdf of our .docx: {:?} (processor {:?})",
            office.0, office.1
        );
        println!(
            "ratio: {:.1}× faster (processor time: {:.1}×); after an edit: {:.1}×; the first export: {:.1}×",
            office.0.as_secs_f64() / ours.0.as_secs_f64(),
            office.1.as_secs_f64() / ours.1.as_secs_f64(),
            office.0.as_secs_f64() / edited.0.as_secs_f64(),
            office.0.as_secs_f64() / first.0.as_secs_f64()
        );
    }
    let big = draft(&db, 265_000);
    for format in ["pdf", "ofd"] {
        let out = dir.path().join(format!("big.{format}"));
        let took = timed(export(&db, big, format, &out)).0;
        let size = std::fs::metadata(&out).map(|m| m.len()).unwrap_or(0);
        let pages = Command::new("pdfinfo")
            .arg(&out)
            .output()
            .ok()
            .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
            .and_then(|s| {
                s.lines()
                    .find(|l| l.starts_with("Pages:"))
                    .map(str::to_string)
            })
            .unwrap_or_default();
        println!("265k-character draft as {format}: {took:?}, {size} bytes {pages}");
    }
}
