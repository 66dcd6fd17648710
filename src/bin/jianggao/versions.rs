//! Versions of a draft: list, save, restore, delete, and compare (diff).

use std::process::ExitCode;

use clap::{Args, Subcommand};
use jianggao::app::{time_label, Session};
use jianggao::diff::{Change, ChangeKind};
use jianggao::Result;

use crate::{print_json, short};

#[derive(Args)]
pub struct ListArgs {
    draft: i64,
    #[arg(long)]
    json: bool,
}

#[derive(Subcommand)]
pub enum VersionCmd {
    /// Save the draft as it is now under a name (初稿, 送审稿, 定稿 …); prints the id
    Save {
        draft: i64,
        #[arg(long, value_name = "NAME")]
        name: String,
        #[arg(long, value_name = "TEXT")]
        note: Option<String>,
    },
    /// Put the draft back as a version holds it (the present state is kept first)
    Restore { draft: i64, version: i64 },
    /// Delete a version
    Delete { draft: i64, version: i64 },
}

#[derive(Args)]
pub struct DiffArgs {
    draft: i64,
    /// The version to compare from (default: the newest named version)
    #[arg(long, value_name = "VERSION")]
    from: Option<i64>,
    /// The version to compare to (default: the draft as it is now)
    #[arg(long, value_name = "VERSION")]
    to: Option<i64>,
    #[arg(long)]
    json: bool,
}

pub fn list(s: Session, a: ListArgs) -> Result<ExitCode> {
    let list = s.store.versions(a.draft)?;
    if a.json {
        return print_json(&list);
    }
    for v in list {
        let auto = if v.auto { "自动" } else { "" };
        let note = v.note.as_deref().map(|n| short(n, 30)).unwrap_or_default();
        let at = time_label(v.created_at);
        println!(
            "{:>4}  {at}  {:>6} 字  {auto:<2} {} {note}",
            v.id, v.chars, v.name
        );
    }
    Ok(ExitCode::SUCCESS)
}

pub fn version(mut s: Session, c: VersionCmd) -> Result<ExitCode> {
    match c {
        VersionCmd::Save { draft, name, note } => {
            println!("{}", s.save_version(draft, &name, note.as_deref())?);
        }
        VersionCmd::Restore { draft, version } => s.restore_version(draft, version)?,
        VersionCmd::Delete { draft, version } => s.delete_version(draft, version)?,
    }
    Ok(ExitCode::SUCCESS)
}

pub fn diff(s: Session, a: DiffArgs) -> Result<ExitCode> {
    let cmp = s.compare(a.draft, a.from, a.to)?;
    if a.json {
        return print_json(&cmp);
    }
    let side = |v: Option<i64>| v.map_or("当前讲稿".to_string(), |v| format!("版本 {v}"));
    println!("{} → {}", side(cmp.from), side(cmp.to));
    for c in &cmp.changes {
        println!("{}", change_line(c));
    }
    Ok(ExitCode::SUCCESS)
}

fn change_line(c: &Change) -> String {
    let kind = match c.kind {
        ChangeKind::Insert => "insert",
        ChangeKind::Delete => "delete",
        ChangeKind::Replace => "replace",
        ChangeKind::Move => "move",
        ChangeKind::Slot => "slot",
    };
    let what = match (c.node, &c.field, c.at) {
        (Some(n), None, Some(at)) => format!("#{n} @{at}"),
        (Some(n), Some(f), _) => format!("#{n} {f}"),
        (Some(n), None, None) => format!("#{n}"),
        (None, f, _) => f.clone().unwrap_or_default(),
    };
    let text = |t: &Option<String>| t.as_deref().map(|t| short(t, 60)).unwrap_or_default();
    match c.kind {
        // A move keeps its text: once is enough.
        ChangeKind::Move => format!("{kind:<8} {what:<12} {}", text(&c.new)),
        _ => format!("{kind:<8} {what:<12} {} → {}", text(&c.old), text(&c.new)),
    }
}
