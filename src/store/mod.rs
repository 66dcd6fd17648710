//! The store: one SQLite file holding templates, the library (blocks, phrases, tags),
//! drafts and the slot profile. WAL mode, foreign keys on, every write in a transaction,
//! versioned migrations (`PRAGMA user_version`), marked as ours by `PRAGMA
//! application_id`; a file that is not ours is refused before anything is written.

pub mod backup;
mod check_rules;
pub(crate) mod drafts;
mod fix;
mod harvest;
mod library;
mod meetings;
mod pack;
mod review;
mod search;
mod seed;
mod tags;
pub mod versions;

use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use rusqlite::{Connection, OpenFlags, OptionalExtension, Transaction};

pub use check_rules::Ignore;
use drafts::check_draft;
pub use drafts::{DraftInfo, Place};
pub use fix::{FixReport, NotFixed, REPORTED};
pub use harvest::{AcceptReport, Accepted, Skipped};
pub use library::{
    block_hash, Block, BlockQuery, BlockRef, Deleted, NewBlock, Phrase, MAX_TEXT_CHARS,
};
pub(crate) use library::{check_text, clean_list};
pub use meetings::{is_meeting_slot, Joined, Meeting, MeetingDraft, MeetingInfo, MEETING_SLOTS};
pub use pack::{ImportReport, PackCounts};
pub use search::{Hit, SearchQuery};
pub use tags::TagCount;

use crate::error::{Error, NotOurs, Result};

/// Migrations in order; the database's `user_version` is how many have run.
const MIGRATIONS: &[&str] = &[
    include_str!("schema_v1.sql"),
    include_str!("schema_v2.sql"),
    include_str!("schema_v3.sql"),
    include_str!("schema_v4.sql"),
    include_str!("schema_v5.sql"),
    include_str!("schema_v6.sql"),
];

/// The schema version this program writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// `PRAGMA application_id` of every library: the bytes "JGGF" (Jianggao, 讲稿工坊) at
/// offset 68 of the file header, so `file` and other tools can tell the file is ours.
pub const APPLICATION_ID: i32 = i32::from_be_bytes(*b"JGGF");

/// The tables of the first schema: a library made before the application id was set is
/// recognised by them (and a `user_version` of 1 or more).
const FIRST_TABLES: &[&str] = &[
    "templates",
    "tags",
    "blocks",
    "phrases",
    "seeded",
    "drafts",
    "draft_slots",
    "nodes",
    "profile",
    "settings",
];

/// The settings key of the library's identity (made by the v5 migration).
const LIBRARY_ID_KEY: &str = "library_id";

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

    /// Opens a library file named by the writer (`--db`, `JIANGGAO_DB`, 设置): an
    /// existing library, or a new one when the file is missing or empty. Its folder must
    /// exist: a mistyped folder is an error, not a new library somewhere unexpected.
    /// Anything else (another program's database, a file that is not SQLite) is refused
    /// before a byte of it is written.
    pub fn open(path: &Path) -> Result<Store> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            if !dir.is_dir() {
                return Err(Error::NoSuchFolder {
                    dir: dir.to_path_buf(),
                });
            }
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

    /// Opens the library at the default location, making its folder the first time.
    pub fn open_default_at(path: &Path) -> Result<Store> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        }
        Store::open(path)
    }

    /// A library that lives in memory only (tests, benchmarks).
    pub fn open_in_memory() -> Result<Store> {
        Self::init(Connection::open_in_memory()?, None)
    }

    fn init(conn: Connection, path: Option<PathBuf>) -> Result<Store> {
        let shown = path.clone().unwrap_or_else(|| PathBuf::from(":memory:"));
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        // Only reads until the file is known to be ours (or empty): another program's
        // database must stay byte for byte as it was, journal mode included.
        let version = identify(&conn, &shown)?;
        if conn.is_readonly(rusqlite::MAIN_DB)? {
            return Err(Error::ReadOnlyLibrary { path: shown });
        }
        // A connection setting, not a write; it must precede the transaction.
        conn.pragma_update(None, "foreign_keys", true)?;
        let mut store = Store { conn, path };
        // Before a migration there must be a backup (and one on the first open of a day).
        backup::on_open(&store.conn, store.path.as_deref(), version)?;
        store.migrate(version, &shown)?;
        let conn = &store.conn;
        conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get::<_, String>(0))
            .map_err(|e| not_a_library(&shown, e))?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        keep_wal_files(conn);
        // With the files kept, this bounds the WAL and empties it when the library closes.
        conn.pragma_update(None, "journal_size_limit", 4 * 1024 * 1024)?;
        if store.setting("search_index")?.as_deref() != Some(search::INDEX_VERSION) {
            store.write(|tx| search::rebuild(tx))?;
        }
        store.seed()?;
        Ok(store)
    }

    /// Runs every pending migration and marks the file as ours (`application_id`) in one
    /// transaction: a migration that fails leaves the file exactly as it was.
    fn migrate(&mut self, from: i64, shown: &Path) -> Result<()> {
        let id: i32 = self
            .conn
            .query_row("PRAGMA application_id", [], |r| r.get(0))?;
        if from >= SCHEMA_VERSION && id == APPLICATION_ID {
            return Ok(());
        }
        let failed = |to: i64, e: rusqlite::Error| match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::ReadOnly) => Error::ReadOnlyLibrary {
                path: shown.to_path_buf(),
            },
            _ => Error::MigrationFailed {
                path: shown.to_path_buf(),
                to,
                why: e.to_string(),
            },
        };
        let tx = self.conn.transaction().map_err(|e| failed(from, e))?;
        for (i, sql) in MIGRATIONS.iter().enumerate().skip(from.max(0) as usize) {
            tx.execute_batch(sql).map_err(|e| failed(i as i64 + 1, e))?;
        }
        tx.pragma_update(None, "user_version", SCHEMA_VERSION)
            .and_then(|_| tx.pragma_update(None, "application_id", APPLICATION_ID))
            .and_then(|_| tx.commit())
            .map_err(|e| failed(SCHEMA_VERSION, e))
    }

    /// Whether writing to `path` would write onto this library: the file itself or its
    /// `-wal`, `-shm` or `-journal`. Compared by identity (device and inode on Unix), so a
    /// hard link, a symlink or a `./x/../` path to the library is caught; a companion not
    /// there at the moment is compared by its folder's identity and its name.
    pub fn is_library_file(&self, path: &Path) -> bool {
        let Some(lib) = self.path.as_deref() else {
            return false;
        };
        let mut names = vec![lib.as_os_str().to_owned()];
        for suffix in ["-wal", "-shm", "-journal"] {
            let mut n = lib.as_os_str().to_owned();
            n.push(suffix);
            names.push(n);
        }
        if names.iter().any(|n| same_file(path, Path::new(n))) {
            return true;
        }
        let folder = |p: &Path| {
            p.parent()
                .filter(|d| !d.as_os_str().is_empty())
                .unwrap_or(Path::new("."))
                .to_path_buf()
        };
        names.iter().map(Path::new).any(|n| {
            n.file_name().is_some()
                && n.file_name() == path.file_name()
                && same_file(&folder(n), &folder(path))
        })
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

    /// This library's random identity (schema v5), named in every .docx export. None
    /// only when someone deleted the row by hand.
    pub fn library_id(&self) -> Result<Option<String>> {
        self.setting(LIBRARY_ID_KEY)
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

/// What the file is, read without writing: the schema version of a library of ours (0 for
/// a missing or empty file, which becomes a new library), or why it is refused.
fn identify(conn: &Connection, shown: &Path) -> Result<i64> {
    let pragma = |name: &str| {
        conn.query_row(&format!("PRAGMA {name}"), [], |r| r.get::<_, i64>(0))
            .map_err(|e| not_a_library(shown, e))
    };
    let app_id = pragma("application_id")? as i32;
    let version = pragma("user_version")?;
    let refuse = |why| Error::NotALibrary {
        path: shown.to_path_buf(),
        why,
    };
    if app_id != 0 && app_id != APPLICATION_ID {
        return Err(refuse(NotOurs::OtherApplication(app_id)));
    }
    // Checked before the tables: a newer library may have tables we do not know.
    if version > SCHEMA_VERSION {
        return Err(Error::SchemaTooNew {
            found: version,
            supported: SCHEMA_VERSION,
        });
    }
    let objects: i64 = conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))?;
    if objects == 0 && version == 0 {
        return Ok(0);
    }
    if app_id == APPLICATION_ID {
        return Ok(version);
    }
    let mut st = conn.prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%' ORDER BY name",
    )?;
    let tables = st
        .query_map([], |r| r.get::<_, String>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    if version >= 1 && FIRST_TABLES.iter().all(|t| tables.iter().any(|n| n == t)) {
        return Ok(version);
    }
    // Name a few of its own tables (or of ours, when it has only names like ours).
    let (theirs, like_ours): (Vec<String>, Vec<String>) = tables
        .into_iter()
        .partition(|t| !FIRST_TABLES.contains(&t.as_str()));
    let mut named = if theirs.is_empty() { like_ours } else { theirs };
    named.truncate(3);
    Err(refuse(NotOurs::OtherTables(named)))
}

/// Whether two paths name the same file (following symlinks): device and inode on Unix.
#[cfg(unix)]
fn same_file(a: &Path, b: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (std::fs::metadata(a), std::fs::metadata(b)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

/// Whether two paths name the same file: their canonical paths.
#[cfg(not(unix))]
fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// SQLite says "file is not a database"; the writer needs to know which file and why.
fn not_a_library(path: &Path, e: rusqlite::Error) -> Error {
    match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::NotADatabase) => Error::NotALibrary {
            path: path.to_path_buf(),
            why: NotOurs::NotSqlite,
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A library that can only be read (here opened read-only, as a write-protected file
    /// is for anyone but root): refused before migrating, and the file is unchanged.
    #[test]
    fn a_read_only_library_is_refused_before_migrating() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("lib.sqlite3");
        {
            let conn = Connection::open(&path).unwrap();
            conn.execute_batch(MIGRATIONS[0]).unwrap();
            conn.pragma_update(None, "user_version", 1).unwrap();
        }
        let before = std::fs::read(&path).unwrap();
        let conn = Connection::open_with_flags(&path, OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
        let err = Store::init(conn, Some(path.clone()))
            .err()
            .expect("refused");
        assert!(matches!(err, Error::ReadOnlyLibrary { .. }), "{err:?}");
        assert!(err.to_string().contains("read-only"), "{err}");
        assert_eq!(std::fs::read(&path).unwrap(), before);
    }

    /// Exports and packs compare their target with the library by identity, not by name.
    #[cfg(unix)]
    #[test]
    fn the_library_is_known_under_any_name() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("lib.sqlite3");
        let store = Store::open(&path).unwrap();
        std::fs::create_dir(dir.path().join("x")).unwrap();
        std::fs::hard_link(&path, dir.path().join("hard")).unwrap();
        std::os::unix::fs::symlink(&path, dir.path().join("soft")).unwrap();
        for name in [
            "lib.sqlite3",
            "x/../lib.sqlite3",
            "hard",
            "soft",
            "lib.sqlite3-wal",
            "x/../lib.sqlite3-shm",
            "lib.sqlite3-journal",
        ] {
            assert!(store.is_library_file(&dir.path().join(name)), "{name}");
        }
        for name in ["lib.md", "x/lib.sqlite3", "lib.sqlite3.bak"] {
            assert!(!store.is_library_file(&dir.path().join(name)), "{name}");
        }
        assert!(!Store::open_in_memory()
            .unwrap()
            .is_library_file(&dir.path().join("lib.sqlite3")));
    }
}
