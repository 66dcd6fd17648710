//! The store: one SQLite file holding templates, the library (blocks, phrases, tags),
//! drafts and the slot profile. WAL mode, foreign keys on, every write in a transaction,
//! versioned migrations (`PRAGMA user_version`).

pub mod backup;
mod drafts;
mod fix;
mod harvest;
mod library;
mod pack;
mod search;
mod seed;
mod tags;
pub mod versions;

use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use rusqlite::{Connection, OpenFlags, OptionalExtension, Transaction};

pub use drafts::{DraftInfo, Place};
pub use fix::{FixReport, NotFixed};
pub use harvest::{AcceptReport, Accepted, Skipped};
pub use library::{
    block_hash, Block, BlockQuery, BlockRef, Deleted, NewBlock, Phrase, MAX_TEXT_CHARS,
};
pub(crate) use library::{check_text, clean_list};
pub use pack::{ImportReport, PackCounts};
pub use search::{Hit, SearchQuery};
pub use tags::TagCount;

use crate::error::{Error, Result};

/// Migrations in order; the database's `user_version` is how many have run.
const MIGRATIONS: &[&str] = &[
    include_str!("schema_v1.sql"),
    include_str!("schema_v2.sql"),
    include_str!("schema_v3.sql"),
];

/// The schema version this program writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// The environment variable that points at another library file.
pub const DB_ENV: &str = "JIANGGAO_DB";

pub struct Store {
    conn: Connection,
    path: Option<PathBuf>,
}

pub(crate) fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

impl Store {
    /// The library file used when neither `--db` nor `JIANGGAO_DB` says otherwise.
    pub fn default_path() -> Result<PathBuf> {
        directories::ProjectDirs::from("cn", "Jianggao", "jianggao")
            .map(|d| d.data_dir().join("library.sqlite3"))
            .ok_or_else(|| Error::NoHomeDir)
    }

    /// Opens (creating if needed) a library file, migrates and seeds it.
    pub fn open(path: &Path) -> Result<Store> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        }
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| not_a_library(path, e))?;
        Self::init(conn, Some(path.to_path_buf()))
    }

    /// A library that lives in memory only (tests, benchmarks).
    pub fn open_in_memory() -> Result<Store> {
        Self::init(Connection::open_in_memory()?, None)
    }

    fn init(conn: Connection, path: Option<PathBuf>) -> Result<Store> {
        let shown = path.clone().unwrap_or_else(|| PathBuf::from(":memory:"));
        // Read the version before writing anything: a newer file must stay untouched.
        let version: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(|e| not_a_library(&shown, e))?;
        if version > SCHEMA_VERSION {
            return Err(Error::SchemaTooNew {
                found: version,
                supported: SCHEMA_VERSION,
            });
        }
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get::<_, String>(0))
            .map_err(|e| not_a_library(&shown, e))?;
        conn.pragma_update(None, "foreign_keys", true)?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        keep_wal_files(&conn);
        // With the files kept, this bounds the WAL and empties it when the library closes.
        conn.pragma_update(None, "journal_size_limit", 4 * 1024 * 1024)?;
        let mut store = Store { conn, path };
        backup::on_open(&store.conn, store.path.as_deref(), version)?;
        store.migrate(version)?;
        if store.setting("search_index")?.as_deref() != Some(search::INDEX_VERSION) {
            store.write(|tx| search::rebuild(tx))?;
        }
        store.seed()?;
        Ok(store)
    }

    fn migrate(&mut self, from: i64) -> Result<()> {
        for (i, sql) in MIGRATIONS.iter().enumerate().skip(from.max(0) as usize) {
            let tx = self.conn.transaction()?;
            tx.execute_batch(sql)?;
            tx.pragma_update(None, "user_version", (i + 1) as i64)?;
            tx.commit()?;
        }
        Ok(())
    }

    /// Seeds built-in templates and the starter library when the built-in content changed
    /// since the last seeding (or never was). Idempotent; never overwrites an edit.
    pub fn seed(&mut self) -> Result<()> {
        let digest = crate::assets::digest();
        if self.setting("seed_digest")?.as_deref() == Some(digest) {
            return Ok(());
        }
        self.write(|tx| {
            seed::seed(tx)?;
            set_setting(tx, "seed_digest", digest)
        })
    }

    /// Forces a full re-seed (for tests and `jianggao` maintenance).
    pub fn reseed(&mut self) -> Result<()> {
        self.write(seed::seed)
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    pub fn schema_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }

    /// Runs `f` in one transaction: all of it is written, or none.
    pub fn write<T>(&mut self, f: impl FnOnce(&Transaction) -> Result<T>) -> Result<T> {
        let tx = self.conn.transaction()?;
        let out = f(&tx)?;
        tx.commit()?;
        Ok(out)
    }

    pub fn setting(&self, key: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
                r.get(0)
            })
            .optional()?)
    }

    pub fn set_setting(&mut self, key: &str, value: &str) -> Result<()> {
        self.write(|tx| set_setting(tx, key, value))
    }

    /// The remembered profile values (单位, 讲话人, 职务 …).
    pub fn profile(&self) -> Result<Vec<(String, String)>> {
        let mut st = self
            .conn
            .prepare("SELECT name, value FROM profile ORDER BY name")?;
        let rows = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn set_profile(&mut self, values: &[(String, String)]) -> Result<()> {
        self.write(|tx| {
            for (k, v) in values {
                set_profile(tx, k, v)?;
            }
            Ok(())
        })
    }

    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }
}

fn set_setting(tx: &Transaction, key: &str, value: &str) -> Result<()> {
    tx.execute(
        "INSERT INTO settings(key, value) VALUES (?1, ?2)
         ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        (key, value),
    )?;
    Ok(())
}

pub(crate) fn set_profile(tx: &Transaction, name: &str, value: &str) -> Result<()> {
    if value.trim().is_empty() {
        tx.execute("DELETE FROM profile WHERE name = ?1", [name])?;
    } else {
        tx.execute(
            "INSERT INTO profile(name, value, updated_at) VALUES (?1, ?2, ?3)
             ON CONFLICT(name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
            (name, value.trim(), now()),
        )?;
    }
    Ok(())
}

/// Keeps the `-wal` and `-shm` files beside the library between runs (emptied on close)
/// instead of creating and deleting both every time: for a short command such as an
/// export, that file-system work costs more than the command itself.
fn keep_wal_files(conn: &Connection) {
    let mut on: std::ffi::c_int = 1;
    // SAFETY: the handle is this open connection's; PERSIST_WAL reads and writes one int,
    // which lives for the call. A failure only means the files are deleted as before.
    unsafe {
        rusqlite::ffi::sqlite3_file_control(
            conn.handle(),
            c"main".as_ptr(),
            rusqlite::ffi::SQLITE_FCNTL_PERSIST_WAL,
            (&raw mut on).cast(),
        );
    }
}

/// SQLite says "file is not a database"; the writer needs to know which file and why.
fn not_a_library(path: &Path, e: rusqlite::Error) -> Error {
    match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::NotADatabase) => Error::NotALibrary {
            path: path.to_path_buf(),
            why: "not an SQLite database".into(),
        },
        Some(rusqlite::ErrorCode::CannotOpen) => Error::CannotOpenLibrary {
            path: path.to_path_buf(),
            why: e.to_string(),
        },
        _ => Error::Db(e),
    }
}

/// Tags of a library row, for the `tags` join tables.
pub(crate) fn tag_id(tx: &Transaction, name: &str) -> Result<i64> {
    tx.execute("INSERT OR IGNORE INTO tags(name) VALUES (?1)", [name])?;
    Ok(tx.query_row("SELECT id FROM tags WHERE name = ?1", [name], |r| r.get(0))?)
}
