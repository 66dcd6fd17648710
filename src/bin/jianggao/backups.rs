//! Library backups: make one now, list them, restore one.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use jianggao::app::{time_label, Session};
use jianggao::store::backup::BackupInfo;
use jianggao::Result;

use crate::print_json;

#[derive(Args)]
pub struct RestoreArgs {
    /// A backup file, or the name of one in the library's backups/ folder
    file: PathBuf,
}

fn line(b: &BackupInfo) -> String {
    format!(
        "{}  {:<14} {:>8} KB  {}",
        time_label(b.created_at),
        serde_json::to_value(b.reason)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default(),
        b.size / 1024,
        b.file.display()
    )
}

pub fn backup(s: Session, json: bool) -> Result<ExitCode> {
    let made = s.backup_now()?;
    if json {
        return print_json(&made);
    }
    println!("{}", made.file.display());
    Ok(ExitCode::SUCCESS)
}

pub fn list(s: Session, json: bool) -> Result<ExitCode> {
    let all = s.backups()?;
    if json {
        return print_json(&all);
    }
    for b in &all {
        println!("{}", line(b));
    }
    Ok(ExitCode::SUCCESS)
}

pub fn restore(mut s: Session, a: RestoreArgs) -> Result<ExitCode> {
    let before = s.restore_backup(&a.file)?;
    println!(
        "restored; the library as it was is in {}",
        before.file.display()
    );
    Ok(ExitCode::SUCCESS)
}
