//! Backups of the library file with SQLite's online backup API, into `backups/` beside
//! the library: at the first open of each day (China time), before every migration, on
//! demand, and before a backup is restored. Kept: the newest of each of the last 7 days
//! that have one, the newest of each of the last 4 weeks, and whatever the 5 newest are
//! (so a backup just made by hand is never pruned by the next one the same day).
//!
//! A backup's name says when and why (`20261130-213012-daily.sqlite3`), so deciding whether
//! today's backup exists reads one small directory and no file: opening the library for a
//! CLI command stays cheap. A backup is written to a temporary name and renamed, so a
//! backup interrupted half-way never looks like one.

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::backup::{Backup, StepResult};
use rusqlite::{Connection, OpenFlags};
use serde::Serialize;

use super::{now, SCHEMA_VERSION};
use crate::error::{Error, Result, Thing};

/// Keep the newest backup of each of this many days, and of this many weeks.
pub const KEEP_DAYS: usize = 7;
pub const KEEP_WEEKS: usize = 4;
/// The newest backups kept whatever their day.
pub const KEEP_NEWEST: usize = 5;
/// Days begin at midnight in China (UTC+8), where the writers are.
const OFFSET: i64 = 8 * 3600;
const SUFFIX: &str = ".sqlite3";

/// Why a backup was made; the last part of its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Reason {
    Daily,
    Migration,
    Manual,
    BeforeRestore,
}

impl Reason {
    pub fn id(self) -> &'static str {
        match self {
            Reason::Daily => "daily",
            Reason::Migration => "migration",
            Reason::Manual => "manual",
            Reason::BeforeRestore => "before-restore",
        }
    }

    /// The kind as the settings page lists it.
    pub fn label(self) -> &'static str {
        match self {
            Reason::Daily => "每日自动",
            Reason::Migration => "升级前",
            Reason::Manual => "手动",
            Reason::BeforeRestore => "恢复前",
        }
    }

    fn parse(s: &str) -> Option<Reason> {
        [
            Reason::Daily,
            Reason::Migration,
            Reason::Manual,
            Reason::BeforeRestore,
        ]
        .into_iter()
        .find(|r| r.id() == s)
    }
}

/// One backup file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BackupInfo {
    pub file: PathBuf,
    pub created_at: i64,
    pub reason: Reason,
    pub size: u64,
}

/// The folder of a library's backups.
pub fn dir_of(library: &Path) -> PathBuf {
    library
        .parent()
        .unwrap_or_else(|| Path::new("."))
        .join("backups")
}

/// The civil date and time (year, month, day, hour, minute, second) in China of a Unix time.
pub fn china_time(ts: i64) -> [i64; 6] {
    let t = ts + OFFSET;
    let (days, secs) = (t.div_euclid(86_400), t.rem_euclid(86_400));
    // Howard Hinnant's civil_from_days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    [year, month, day, secs / 3600, secs % 3600 / 60, secs % 60]
}

/// The Unix time of a civil date and time in China (days_from_civil).
fn from_china_time([y, m, d, hh, mm, ss]: [i64; 6]) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = if m > 2 { m - 3 } else { m + 9 };
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    days * 86_400 + hh * 3600 + mm * 60 + ss - OFFSET
}

fn file_name(ts: i64, reason: Reason) -> String {
    let [y, mo, d, h, mi, s] = china_time(ts);
    format!(
        "{y:04}{mo:02}{d:02}-{h:02}{mi:02}{s:02}-{}{SUFFIX}",
        reason.id()
    )
}

/// When and why, from a backup's name; None for any other file.
fn parse_name(name: &str) -> Option<(i64, Reason)> {
    let stem = name.strip_suffix(SUFFIX)?;
    let (date, rest) = stem.split_once('-')?;
    let (time, reason) = rest.split_once('-')?;
    let reason = Reason::parse(reason.split_once('~').map_or(reason, |(r, _)| r))?;
    if date.len() != 8
        || time.len() != 6
        || !(date.chars().chain(time.chars())).all(|c| c.is_ascii_digit())
    {
        return None;
    }
    let n = |s: &str| s.parse::<i64>().ok();
    let parts = [
        n(&date[..4])?,
        n(&date[4..6])?,
        n(&date[6..])?,
        n(&time[..2])?,
        n(&time[2..4])?,
        n(&time[4..])?,
    ];
    Some((from_china_time(parts), reason))
}

/// The backups of a library, newest first. A missing folder is no backups.
pub fn list(library: &Path) -> Result<Vec<BackupInfo>> {
    let dir = dir_of(library);
    let entries = match std::fs::read_dir(&dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(Error::io(&dir, e)),
    };
    let mut out = Vec::new();
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some((created_at, reason)) = name.to_str().and_then(parse_name) else {
            continue;
        };
        let size = entry.metadata().map(|m| m.len()).unwrap_or(0);
        out.push(BackupInfo {
            file: entry.path(),
            created_at,
            reason,
            size,
        });
    }
    out.sort_by(|a, b| (b.created_at, &b.file).cmp(&(a.created_at, &a.file)));
    Ok(out)
}

fn day(ts: i64) -> i64 {
    (ts + OFFSET).div_euclid(86_400)
}

/// Whether today (China time) has no backup yet: one directory read, no file opened.
pub fn due_today(library: &Path) -> Result<bool> {
    let today = day(now());
    Ok(list(library)?
        .first()
        .is_none_or(|b| day(b.created_at) != today))
}

/// The backup made when a library file is opened: before a migration (which must not
/// run without one), else the first of the day. A new library (version 0) has nothing
/// to keep. A daily backup that fails (a full disk, a read-only folder) does not stop
/// the writer's work; the next open tries again.
pub(crate) fn on_open(conn: &Connection, library: Option<&Path>, version: i64) -> Result<()> {
    let Some(library) = library else {
        return Ok(());
    };
    if version < 1 {
        return Ok(());
    }
    if version < SCHEMA_VERSION {
        make(conn, library, Reason::Migration)?;
    } else if due_today(library).unwrap_or(false) {
        let _ = make(conn, library, Reason::Daily);
    }
    Ok(())
}

/// Copies the open library into a new backup file; returns it. Pages are copied by
/// SQLite's backup API, so a library in use (WAL) gives a consistent copy.
pub fn make(conn: &Connection, library: &Path, reason: Reason) -> Result<BackupInfo> {
    let made = make_unpruned(conn, library, reason)?;
    prune(library)?;
    Ok(made)
}

/// A backup made from a connection of its own (read-only) to the library file, so the
/// program's connection stays free for the writer's work while the pages are copied
/// (in WAL mode a reader neither blocks nor is blocked by the writer, and sees one
/// consistent state).
pub fn make_from_file(library: &Path, reason: Reason) -> Result<BackupInfo> {
    let conn = Connection::open_with_flags(
        library,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    make(&conn, library, reason)
}

/// A backup without pruning: before a restore, pruning could delete the very backup
/// about to be restored.
fn make_unpruned(conn: &Connection, library: &Path, reason: Reason) -> Result<BackupInfo> {
    let dir = dir_of(library);
    std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
    let at = now();
    let mut name = file_name(at, reason);
    let mut n = 2;
    while dir.join(&name).exists() {
        // A second backup in the same second for the same reason: `…-manual~2.sqlite3`.
        name = file_name(at, reason).replace(SUFFIX, &format!("~{n}{SUFFIX}"));
        n += 1;
    }
    let file = dir.join(&name);
    let tmp = dir.join(format!(".{name}.part"));
    let _ = std::fs::remove_file(&tmp);
    let copied = copy(conn, &tmp)
        .and_then(|()| std::fs::rename(&tmp, &file).map_err(|e| Error::io(&file, e)));
    if let Err(e) = copied {
        let _ = std::fs::remove_file(&tmp);
        return Err(e);
    }
    let size = std::fs::metadata(&file).map(|m| m.len()).unwrap_or(0);
    Ok(BackupInfo {
        file,
        created_at: at,
        reason,
        size,
    })
}

fn copy(conn: &Connection, to: &Path) -> Result<()> {
    let mut dst = Connection::open(to)?;
    {
        let b = Backup::new(conn, &mut dst)?;
        loop {
            // -1: every page in one step; the library is small enough (100,000 blocks
            // is some hundreds of MB at most) that stepping would only add work.
            match b.step(-1)? {
                StepResult::Done => break,
                StepResult::More => {}
                _ => std::thread::sleep(Duration::from_millis(50)),
            }
        }
    }
    // A backup is one self-contained file: no WAL beside it.
    dst.query_row("PRAGMA journal_mode = DELETE", [], |_| Ok(()))?;
    Ok(())
}

/// Deletes the backups the rules do not keep.
fn prune(library: &Path) -> Result<()> {
    let all = list(library)?;
    let mut keep = vec![false; all.len()];
    let (mut days, mut weeks) = (Vec::new(), Vec::new());
    for (i, b) in all.iter().enumerate() {
        let d = day(b.created_at);
        // 1970-01-01 was a Thursday: +3 makes weeks start on Monday.
        let w = (d + 3).div_euclid(7);
        if i < KEEP_NEWEST {
            keep[i] = true;
        }
        if !days.contains(&d) && days.len() < KEEP_DAYS {
            days.push(d);
            keep[i] = true;
        }
        if !weeks.contains(&w) && weeks.len() < KEEP_WEEKS {
            weeks.push(w);
            keep[i] = true;
        }
    }
    for (b, keep) in all.iter().zip(keep) {
        if !keep {
            std::fs::remove_file(&b.file).map_err(|e| Error::io(&b.file, e))?;
        }
    }
    Ok(())
}

/// Checks that a file is a whole Jianggao library this program can open: SQLite's
/// integrity check passes and its schema is one of ours. Opened read-only.
pub fn check_file(file: &Path) -> Result<()> {
    if !file.is_file() {
        return Err(Error::not_found(Thing::Backup, file.display()));
    }
    let bad = |why: &str| Error::BadBackup {
        file: file.to_path_buf(),
        why: why.into(),
    };
    let conn = Connection::open_with_flags(file, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .map_err(|_| bad("cannot be opened"))?;
    let ok: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .map_err(|_| bad("not an SQLite database"))?;
    if ok != "ok" {
        return Err(bad("damaged: the integrity check fails"));
    }
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    let has_drafts = conn
        .query_row(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'drafts'",
            [],
            |_| Ok(()),
        )
        .is_ok();
    if version < 1 || !has_drafts {
        return Err(bad("not a Jianggao library"));
    }
    if version > SCHEMA_VERSION {
        return Err(Error::SchemaTooNew {
            found: version,
            supported: SCHEMA_VERSION,
        });
    }
    Ok(())
}

impl super::Store {
    /// A backup of this library now (`jianggao backup`).
    pub fn backup_now(&self) -> Result<BackupInfo> {
        let path = self.path().ok_or(Error::NoBackupsInMemory)?;
        make(self.conn(), path, Reason::Manual)
    }

    /// This library's backups, newest first.
    pub fn backups(&self) -> Result<Vec<BackupInfo>> {
        list(self.path().ok_or(Error::NoBackupsInMemory)?)
    }

    /// Replaces the library's content with a backup's, after checking the backup and
    /// backing up the present library (returned). The caller opens the library again
    /// (migrations, seeding) before using it.
    pub fn restore_backup(&mut self, file: &Path) -> Result<BackupInfo> {
        let path = self.path().ok_or(Error::NoBackupsInMemory)?.to_path_buf();
        check_file(file)?;
        let before = make_unpruned(self.conn(), &path, Reason::BeforeRestore)?;
        // Copied page by page into the live connection (SQLite's backup API), so the WAL
        // and the -shm index stay consistent with the new content.
        self.conn.restore(
            rusqlite::MAIN_DB,
            file,
            None::<fn(rusqlite::backup::Progress)>,
        )?;
        prune(&path)?;
        Ok(before)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_say_when_and_why_and_parse_back() {
        let ts = 1_796_044_806;
        let name = file_name(ts, Reason::Daily);
        assert_eq!(name, "20261130-212006-daily.sqlite3");
        assert_eq!(parse_name(&name), Some((ts, Reason::Daily)));
        assert_eq!(
            parse_name("20261130-212006-before-restore~2.sqlite3"),
            Some((ts, Reason::BeforeRestore))
        );
        assert_eq!(parse_name("library.sqlite3"), None);
        assert_eq!(parse_name("2026113x-212006-daily.sqlite3"), None);
        assert_eq!(parse_name(".20261130-212006-daily.sqlite3.part"), None);
    }

    #[test]
    fn pruning_keeps_seven_days_four_weeks_and_the_five_newest() {
        let dir = tempfile::tempdir().unwrap();
        let lib = dir.path().join("lib.sqlite3");
        let bdir = dir_of(&lib);
        std::fs::create_dir_all(&bdir).unwrap();
        // Two a day for 60 days, ending now.
        let now = now();
        for i in 0..120 {
            let ts = now - i * 43_200;
            std::fs::write(bdir.join(file_name(ts, Reason::Daily)), b"x").unwrap();
        }
        prune(&lib).unwrap();
        let kept = list(&lib).unwrap();
        let days: std::collections::BTreeSet<i64> =
            kept.iter().map(|b| day(b.created_at)).collect();
        // 7 days (the 5 newest fall in the newest 3 days), plus up to 4 weeks, of
        // which the newest weeks are already among the days.
        assert!(kept.len() >= KEEP_DAYS + 2 && kept.len() <= KEEP_DAYS + KEEP_WEEKS + 3);
        assert!(days.len() >= KEEP_DAYS);
        let oldest = kept.last().unwrap().created_at;
        // This week and the three before: the newest of the oldest of those is the
        // Sunday two to three weeks back.
        assert!(now - oldest >= 14 * 86_400, "weeks reach back: {oldest}");
        assert!(now - oldest <= 22 * 86_400);
    }
}
