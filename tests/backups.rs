//! Library backups: made on open (daily, before a migration), by hand, listed, restored
//! whole; the CLI contract of `backup`, `backups` and `restore-backup`.

use assert_cmd::Command;
use jianggao::app::Session;
use jianggao::store::backup::{self, Reason};
use jianggao::store::{Store, SCHEMA_VERSION};
use rusqlite::Connection;
use serde_json::Value;

fn cmd(db: &std::path::Path, args: &[&str]) -> Command {
    let mut c = Command::cargo_bin("jianggao").unwrap();
    c.arg("--db").arg(db).env_remove("JIANGGAO_DB").args(args);
    c
}

fn ok(db: &std::path::Path, args: &[&str]) -> String {
    let out = cmd(db, args).assert().success().get_output().stdout.clone();
    String::from_utf8(out).unwrap()
}

/// Every row of every ordinary table, as text, for comparing two libraries.
fn dump(path: &std::path::Path) -> Vec<String> {
    let c = Connection::open(path).unwrap();
    let tables: Vec<String> = c
        .prepare(
            "SELECT name FROM sqlite_master WHERE type = 'table'
             AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name",
        )
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    let mut out = Vec::new();
    for t in tables {
        let mut st = c.prepare(&format!("SELECT * FROM \"{t}\"")).unwrap();
        let n = st.column_count();
        let mut rows: Vec<String> = st
            .query_map([], |r| {
                let cells: Vec<String> = (0..n)
                    .map(|i| format!("{:?}", r.get_ref(i).unwrap()))
                    .collect();
                Ok(format!("{t}: {}", cells.join(" | ")))
            })
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        rows.sort();
        out.extend(rows);
    }
    out
}

#[test]
fn a_restored_library_holds_exactly_what_was_backed_up() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lib.sqlite3");
    let d = ok(&db, &["new", "--template", "commendation-annual"]);
    let d = d.trim();
    ok(&db, &["set", d, "年份=2026"]);
    ok(&db, &["version", "save", d, "--name", "初稿"]);
    ok(
        &db,
        &["blocks", "add", "--text", "我的一段话。", "--title", "我的"],
    );
    // The first open today (the library exists): a daily backup.
    let list: Value = serde_json::from_str(&ok(&db, &["backups", "--json"])).unwrap();
    assert_eq!(list.as_array().unwrap().len(), 1, "{list}");
    assert_eq!(list[0]["reason"], "daily");
    for k in ["file", "created_at", "reason", "size"] {
        assert!(list[0].get(k).is_some(), "{k}");
    }
    let file = ok(&db, &["backup"]);
    let file = file.trim();
    assert!(file.ends_with("-manual.sqlite3"), "{file}");
    let at_backup = dump(&db);
    assert_eq!(dump(std::path::Path::new(file)), at_backup);

    // Changes after the backup, then the restore.
    ok(&db, &["delete", d]);
    ok(&db, &["new", "--template", "opening-conference"]);
    ok(
        &db,
        &["blocks", "add", "--text", "后来加的。", "--title", "后来"],
    );
    assert_ne!(dump(&db), at_backup);
    let name = std::path::Path::new(file)
        .file_name()
        .unwrap()
        .to_str()
        .unwrap();
    let out = ok(&db, &["restore-backup", name]);
    assert!(out.contains("before-restore"), "{out}");
    assert_eq!(dump(&db), at_backup);
    let c = Connection::open(&db).unwrap();
    let check: String = c
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
    // The library as it was before the restore is a backup, and can come back.
    let s = Session::open(&db).unwrap();
    let before = s
        .backups()
        .unwrap()
        .into_iter()
        .find(|b| b.reason == Reason::BeforeRestore)
        .unwrap();
    assert_ne!(dump(&before.file), at_backup);
}

#[test]
fn a_bad_backup_is_refused_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lib.sqlite3");
    ok(&db, &["new", "--template", "commendation-annual"]);
    let before = dump(&db);
    let junk = dir.path().join("junk.sqlite3");
    std::fs::write(&junk, "这不是数据库").unwrap();
    cmd(&db, &["restore-backup", junk.to_str().unwrap()])
        .assert()
        .code(2);
    let other = dir.path().join("other.sqlite3");
    Connection::open(&other)
        .unwrap()
        .execute_batch("CREATE TABLE t(x); PRAGMA user_version = 1;")
        .unwrap();
    cmd(&db, &["restore-backup", other.to_str().unwrap()])
        .assert()
        .code(2);
    cmd(&db, &["restore-backup", "no-such-backup.sqlite3"])
        .assert()
        .code(1);
    assert_eq!(dump(&db), before);
    // No backup of the library was made for a refused restore.
    let s = Session::open(&db).unwrap();
    assert!(s
        .backups()
        .unwrap()
        .iter()
        .all(|b| b.reason != Reason::BeforeRestore));
}

#[test]
fn a_migration_is_preceded_by_a_backup_and_memory_has_none() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lib.sqlite3");
    {
        let conn = Connection::open(&db).unwrap();
        conn.execute_batch(include_str!("fixtures/schema_v1.sql"))
            .unwrap();
        conn.pragma_update(None, "user_version", 1).unwrap();
    }
    let store = Store::open(&db).unwrap();
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    let all = store.backups().unwrap();
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].reason, Reason::Migration);
    let old = Connection::open(&all[0].file).unwrap();
    let v: i64 = old
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(v, 1, "the backup is the library before the migration");
    // Opening again the same day makes no other backup.
    drop(store);
    let store = Store::open(&db).unwrap();
    assert_eq!(store.backups().unwrap().len(), 1);
    assert!(!backup::due_today(&db).unwrap());

    let mem = Store::open_in_memory().unwrap();
    assert!(mem.backup_now().is_err());
}
