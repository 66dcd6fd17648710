//! The PDF of a 10,000-character draft, whole process (`jianggao export --format pdf`),
//! against LibreOffice converting our .docx of it (`soffice --headless --convert-to pdf`),
//! side by side in one run, each the median of three; the ratio printed. Then a draft of
//! about 500 official pages exported as PDF and OFD: time and size.
//!
//! `cargo bench --bench pdf_vs_office` (needs soffice on PATH for the comparison).

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use jianggao::store::Store;

const BIN: &str = env!("CARGO_BIN_EXE_jianggao");

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn timed(mut cmd: Command) -> Duration {
    let start = Instant::now();
    let out = cmd.output().expect("run");
    let took = start.elapsed();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    took
}

fn export(db: &Path, id: i64, format: &str, out: &Path) -> Command {
    let mut c = Command::new(BIN);
    c.arg("--db")
        .arg(db)
        .args(["export", &id.to_string(), "--format", format, "--out"]);
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
    let pdf = dir.path().join("ours.pdf");
    let docx = dir.path().join("ours.docx");
    let ours = median(
        (0..3)
            .map(|_| timed(export(&db, id, "pdf", &pdf)))
            .collect(),
    );
    println!("jianggao export --format pdf, 10k-character draft: {ours:?}");
    timed(export(&db, id, "docx", &docx));
    let office: Vec<Duration> = (0..3)
        .filter_map(|_| {
            let mut c = Command::new("soffice");
            c.args(["--headless", "--convert-to", "pdf", "--outdir"])
                .arg(dir.path().join("office"))
                .arg(&docx);
            let start = Instant::now();
            c.output().ok().filter(|o| o.status.success())?;
            Some(start.elapsed())
        })
        .collect();
    if office.is_empty() {
        println!("soffice not found: no comparison");
    } else {
        let office = median(office);
        println!("soffice --headless --convert-to pdf of our .docx: {office:?}");
        println!(
            "ratio: {:.1}× faster",
            office.as_secs_f64() / ours.as_secs_f64()
        );
    }
    let big = draft(&db, 265_000);
    for format in ["pdf", "ofd"] {
        let out = dir.path().join(format!("big.{format}"));
        let took = timed(export(&db, big, format, &out));
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
