//! `import`: every file analysed first, so one bad file stores nothing.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use jianggao::app::Session;
use jianggao::Result;

use crate::{print_json, short};

#[derive(Args)]
pub struct ImportArgs {
    #[arg(required = true, value_name = "FILE")]
    files: Vec<PathBuf>,
    /// Show the cleaned text and the candidate blocks; store nothing
    #[arg(long)]
    dry_run: bool,
    #[arg(long)]
    json: bool,
    /// A tag for every stored block (repeatable)
    #[arg(long)]
    tag: Vec<String>,
}

pub fn run(open: impl Fn() -> Result<Session>, a: ImportArgs) -> Result<ExitCode> {
    let mut s = open()?;
    let analyses = s.analyze_files(&a.files)?;
    if a.dry_run {
        if a.json {
            return match analyses.as_slice() {
                [one] => print_json(one),
                many => print_json(many),
            };
        }
        for a in &analyses {
            println!(
                "{}: {}{}{}，删除 {} 处，{} 个段落单元，{} 个候选段落块",
                a.file,
                a.format,
                a.encoding.map(|e| format!(" ({e})")).unwrap_or_default(),
                a.script_note(),
                a.removed.len(),
                a.blocks.len(),
                a.candidates.len()
            );
            for r in &a.removed {
                println!("  - [{}] {}", r.reason, short(&r.text, 40));
            }
            for b in &a.blocks {
                let prefix = b.number.as_deref().or(b.lead.as_deref()).unwrap_or("");
                let kind = serde_json::to_value(b.kind).unwrap_or_default();
                let kind = kind.as_str().unwrap_or("");
                println!("  {kind:<9} {prefix}{}", short(&b.text, 40));
            }
            for c in &a.candidates {
                let dup = c
                    .duplicate_of
                    .map(|d| format!("  （与段落块 {d} 重复）"))
                    .unwrap_or_default();
                println!("  + {}  [{}]{dup}", c.title, c.tags.join("、"));
            }
        }
        return Ok(ExitCode::SUCCESS);
    }
    let report = s.accept_analyses(&analyses, &a.tag)?;
    if a.json {
        return print_json(&report);
    }
    for a in &report.added {
        println!("added {}  {}", a.id, a.title);
    }
    for k in &report.skipped {
        println!(
            "skipped {}  (same text as block {})",
            k.title, k.duplicate_of
        );
    }
    Ok(ExitCode::SUCCESS)
}
