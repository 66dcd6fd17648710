//! `review`: the leader's revised .docx back into a draft.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use jianggao::app::view::{AcceptedReview, ReviewView};
use jianggao::app::Session;
use jianggao::review::SlotChoice;
use jianggao::{Error, Result};

use crate::{print_json, short};

#[derive(Args)]
pub struct ReviewArgs {
    draft: i64,
    /// The revised .docx (our export edited in WPS, Word or LibreOffice)
    file: PathBuf,
    /// List the changes and comments; write nothing
    #[arg(long)]
    dry_run: bool,
    #[arg(long)]
    json: bool,
    /// Accept every change (and keep the comments as notes on their items)
    #[arg(long, conflicts_with = "accept")]
    accept_all: bool,
    /// Accept only these changes, by the numbers the list shows (1,3,4)
    #[arg(long, value_delimiter = ',', value_name = "N,...")]
    accept: Vec<usize>,
    /// Where the reviewer changed a filled slot's value: make that place plain text
    /// (text) or change the slot's value everywhere (value)
    #[arg(long, value_enum, default_value_t, value_name = "HOW")]
    slot_changes: SlotChoice,
}

/// Without --dry-run, --accept-all or --accept the changes are listed and nothing is
/// written (exit 2): a review is accepted only when the writer says which changes.
pub fn run(mut s: Session, a: ReviewArgs) -> Result<ExitCode> {
    if a.dry_run || (!a.accept_all && a.accept.is_empty()) {
        let view = s.review(a.draft, &a.file)?;
        if a.json {
            print_json(&view)?;
        } else {
            print_view(&view);
        }
        if a.dry_run {
            return Ok(ExitCode::SUCCESS);
        }
        return Err(Error::usage(
            "nothing was written: accept with --accept-all or --accept N,... (the numbers above)",
        ));
    }
    let chosen = chosen(&a)?;
    let done = s.accept_review(a.draft, &a.file, chosen.as_deref(), a.slot_changes)?;
    if a.json {
        return print_json(&done);
    }
    print_accepted(&done);
    Ok(ExitCode::SUCCESS)
}

/// The changes to accept, numbered from 1 as the list shows (None: all).
fn chosen(a: &ReviewArgs) -> Result<Option<Vec<usize>>> {
    if a.accept_all {
        return Ok(None);
    }
    a.accept
        .iter()
        .map(|n| {
            n.checked_sub(1)
                .ok_or_else(|| Error::usage("--accept takes the numbers the list shows, from 1"))
        })
        .collect::<Result<Vec<usize>>>()
        .map(Some)
}

fn node(n: Option<i64>) -> String {
    n.map(|n| format!("#{n}")).unwrap_or_else(|| "新增".into())
}

fn print_view(v: &ReviewView) {
    let base = v
        .base_version
        .map_or("讲稿现在的内容".to_string(), |b| format!("版本 {b}"));
    let how = if v.tracked { "修订" } else { "逐段比对" };
    let (n, m) = (v.changes.len(), v.comments.len());
    println!("与{base}比较（{how}）：{n} 处修改，{m} 条批注");
    for (i, c) in v.changes.iter().enumerate() {
        let text = |t: &Option<String>| t.as_deref().map(|t| short(t, 30)).unwrap_or_default();
        let who = c.author.as_deref().unwrap_or("");
        let (node, kind) = (node(c.node), &c.kind);
        let (old, new) = (text(&c.old), text(&c.new));
        println!("{:>3}. {node:>5} {kind:<7} {who}  “{old}” → “{new}”", i + 1);
    }
    for c in &v.comments {
        let who = c.author.as_deref().unwrap_or("");
        println!("  批注 {:>5} {who}：{}", node(c.node), short(&c.text, 40));
    }
    for w in &v.warnings {
        println!("注意：{w}");
    }
}

fn print_accepted(d: &AcceptedReview) {
    match d.version {
        Some(v) => println!("已写入 {} 项，保存为版本 {v}（修改稿）", d.applied),
        None => println!("没有需要写入的修改"),
    }
    for n in &d.notes {
        println!("注意：{n}");
    }
}
