//! Versions of a draft: the whole stored state (an [`undo::Snapshot`]) kept in the
//! `versions` table, as deflated JSON. Named versions are the writer's (保存版本); automatic
//! ones are made by the app layer (on export, before a restore, hourly while editing)
//! and pruned here when one is added: the last [`KEEP_LAST`] are kept, and of the older
//! ones the newest of each day.
//!
//! [`undo::Snapshot`]: crate::undo::Snapshot

use std::io::{Read as _, Write as _};

use flate2::read::DeflateDecoder;
use flate2::write::DeflateEncoder;
use flate2::Compression;
use rusqlite::{OptionalExtension, Transaction};
use serde::Serialize;

use super::{now, Store};
use crate::error::{Error, Result, TextOf, Thing};
use crate::undo::Snapshot;

/// How many automatic versions of a draft are always kept.
pub const KEEP_LAST: usize = 30;
/// Longest version name and note, in characters.
pub const MAX_NAME_CHARS: usize = 40;
pub const MAX_NOTE_CHARS: usize = 2_000;
/// The body format this program writes (deflated JSON of a `Snapshot`).
const FORMAT: i64 = 1;
/// A decoded body larger than this is refused (a damaged or hostile library file).
const MAX_BODY_BYTES: u64 = 64 * 1024 * 1024;
/// Days for "one a day" begin at midnight in China (UTC+8), where the writers are.
const DAY_OFFSET: i64 = 8 * 3600;

/// One version in a list.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VersionInfo {
    pub id: i64,
    pub name: String,
    pub note: Option<String>,
    pub auto: bool,
    pub created_at: i64,
    /// 字数 of the draft when the version was made.
    pub chars: usize,
}

/// Why an automatic version was made; its name in the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AutoReason {
    Export,
    BeforeRestore,
    Editing,
    BeforeReview,
}

impl AutoReason {
    pub fn name(self) -> &'static str {
        match self {
            AutoReason::Export => "导出时",
            AutoReason::BeforeRestore => "恢复前",
            AutoReason::Editing => "编辑中",
            AutoReason::BeforeReview => "审阅前",
        }
    }
}

/// The stored rows of a draft's versions, to put back with a deleted draft (撤销).
#[derive(Debug, Clone, Default)]
pub struct StoredVersions(Vec<Row>);

#[derive(Debug, Clone)]
struct Row {
    id: i64,
    name: String,
    note: Option<String>,
    auto: bool,
    created_at: i64,
    chars: i64,
    format: i64,
    body: Vec<u8>,
}

/// A name or note checked and trimmed; an empty note is none.
fn checked_name(name: &str) -> Result<String> {
    let name = name.trim();
    if name.is_empty() {
        return Err(Error::EmptyText {
            what: TextOf::VersionName,
        });
    }
    check_len(name, TextOf::VersionName, MAX_NAME_CHARS)?;
    Ok(name.to_string())
}

fn checked_note(note: Option<&str>) -> Result<Option<String>> {
    let Some(note) = note.map(str::trim).filter(|n| !n.is_empty()) else {
        return Ok(None);
    };
    check_len(note, TextOf::VersionNote, MAX_NOTE_CHARS)?;
    Ok(Some(note.to_string()))
}

fn check_len(text: &str, what: TextOf, limit: usize) -> Result<()> {
    let chars = text.chars().count();
    if chars > limit {
        return Err(Error::TextTooLong { what, chars, limit });
    }
    Ok(())
}

/// A snapshot as a version's body: JSON, deflated at the fast level (every export and
/// autosave makes one while the writer waits; the best level saves a tenth of the size
/// at four times the time).
pub fn encode(snap: &Snapshot) -> Result<Vec<u8>> {
    let json = serde_json::to_vec(snap)?;
    let mut z = DeflateEncoder::new(Vec::with_capacity(json.len() / 3), Compression::fast());
    // Writing into a Vec cannot fail; the error type is only io's.
    z.write_all(&json).map_err(|e| Error::io("version", e))?;
    z.finish().map_err(|e| Error::io("version", e))
}

/// A body's JSON, `None` when it does not inflate within the size limit.
fn inflate(body: &[u8]) -> Option<Vec<u8>> {
    let mut json = Vec::new();
    DeflateDecoder::new(body)
        .take(MAX_BODY_BYTES)
        .read_to_end(&mut json)
        .ok()?;
    Some(json)
}

fn decode(version: i64, format: i64, body: &[u8]) -> Result<Snapshot> {
    let damaged = || Error::DamagedVersion { version };
    if format != FORMAT {
        return Err(damaged());
    }
    let json = inflate(body).ok_or_else(damaged)?;
    serde_json::from_slice(&json).map_err(|_| damaged())
}

impl Store {
    fn require_draft(&self, draft: i64) -> Result<()> {
        self.conn()
            .query_row("SELECT 1 FROM drafts WHERE id = ?1", [draft], |_| Ok(()))
            .optional()?
            .ok_or_else(|| Error::not_found(Thing::Draft, draft))
    }

    /// A draft's versions, newest first.
    pub fn versions(&self, draft: i64) -> Result<Vec<VersionInfo>> {
        self.require_draft(draft)?;
        let mut st = self.conn().prepare_cached(
            "SELECT id, name, note, auto, created_at, chars FROM versions
             WHERE draft_id = ?1 ORDER BY created_at DESC, id DESC",
        )?;
        let rows = st.query_map([draft], |r| {
            Ok(VersionInfo {
                id: r.get(0)?,
                name: r.get(1)?,
                note: r.get(2)?,
                auto: r.get(3)?,
                created_at: r.get(4)?,
                chars: r.get::<_, i64>(5)?.max(0) as usize,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// One version of a draft (a version of another draft is not found).
    pub fn version(&self, draft: i64, version: i64) -> Result<VersionInfo> {
        self.versions(draft)?
            .into_iter()
            .find(|v| v.id == version)
            .ok_or_else(|| Error::not_found(Thing::Version, version))
    }

    /// The draft a version belongs to (None: no such version).
    pub fn version_owner(&self, version: i64) -> Result<Option<i64>> {
        Ok(self
            .conn()
            .query_row(
                "SELECT draft_id FROM versions WHERE id = ?1",
                [version],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// The newest named version of a draft, if any.
    pub fn latest_named_version(&self, draft: i64) -> Result<Option<VersionInfo>> {
        Ok(self.versions(draft)?.into_iter().find(|v| !v.auto))
    }

    /// When the draft's newest version was made (None: never). One indexed lookup,
    /// cheap enough for every edit.
    pub fn last_version_at(&self, draft: i64) -> Result<Option<i64>> {
        Ok(self.conn().query_row(
            "SELECT max(created_at) FROM versions WHERE draft_id = ?1",
            [draft],
            |r| r.get(0),
        )?)
    }

    /// The state a version holds.
    pub fn version_snapshot(&self, draft: i64, version: i64) -> Result<Snapshot> {
        let (format, body): (i64, Vec<u8>) = self
            .conn()
            .query_row(
                "SELECT format, body FROM versions WHERE id = ?1 AND draft_id = ?2",
                [version, draft],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?
            .ok_or_else(|| Error::not_found(Thing::Version, version))?;
        Ok(decode(version, format, &body)?.for_draft(draft))
    }

    /// Saves the draft's present state as a named version; returns its id.
    pub fn save_version(&mut self, draft: i64, name: &str, note: Option<&str>) -> Result<i64> {
        let name = checked_name(name)?;
        let note = checked_note(note)?;
        let (snap, chars) = self.state(draft)?;
        let body = encode(&snap)?;
        self.write(|tx| insert(tx, draft, &name, note.as_deref(), false, chars, &body))
    }

    /// Saves the draft's present state as an automatic version and prunes the older
    /// automatic ones. Nothing is added when the newest version holds the same state
    /// (two exports in a row): returns the id of the version added, if one was.
    pub fn save_auto_version(&mut self, draft: i64, why: AutoReason) -> Result<Option<i64>> {
        let (snap, chars) = self.state(draft)?;
        let body = encode(&snap)?;
        if self.newest_if_same(draft, &body)?.is_some() {
            return Ok(None);
        }
        self.write(|tx| {
            let id = insert(tx, draft, why.name(), None, true, chars, &body)?;
            prune(tx, draft)?;
            Ok(Some(id))
        })
    }

    /// The newest version of the draft when it holds the present state, else None.
    /// Reads only (the bytes of an export made without writing name it).
    pub fn version_of_present(&self, draft: i64) -> Result<Option<i64>> {
        let snap = Snapshot::take(self, draft)?;
        self.newest_if_same(draft, &encode(&snap)?)
    }

    fn newest_if_same(&self, draft: i64, body: &[u8]) -> Result<Option<i64>> {
        let newest: Option<(i64, Vec<u8>)> = self
            .conn()
            .query_row(
                "SELECT id, body FROM versions WHERE draft_id = ?1
                 ORDER BY created_at DESC, id DESC LIMIT 1",
                [draft],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        // Bodies written at another compression level hold the same state in other bytes.
        let same = |b: &[u8]| b == body || inflate(b).is_some_and(|j| Some(j) == inflate(body));
        Ok(newest.and_then(|(id, b)| same(&b).then_some(id)))
    }

    /// Keeps the present state as an automatic version (or finds the newest version
    /// holding it) and runs `then` with that version's id inside the same transaction:
    /// when `then` fails (a file that cannot be written), the version and the pruning
    /// are not kept. An export names the version it is the copy of this way. `doc` is
    /// the draft as it is now, rendered (the export has it; its 字数 is the version's).
    pub fn with_auto_version<T>(
        &mut self,
        draft: i64,
        why: AutoReason,
        doc: &crate::document::Document,
        then: impl FnOnce(i64) -> Result<T>,
    ) -> Result<T> {
        let snap = Snapshot::take(self, draft)?;
        let chars = crate::stats::stats(doc, crate::stats::DEFAULT_RATE).chars;
        let body = encode(&snap)?;
        if let Some(id) = self.newest_if_same(draft, &body)? {
            return then(id);
        }
        self.write(|tx| {
            let id = insert(tx, draft, why.name(), None, true, chars, &body)?;
            prune(tx, draft)?;
            then(id)
        })
    }

    /// Deletes one version of a draft.
    pub fn delete_version(&mut self, draft: i64, version: i64) -> Result<()> {
        self.write(|tx| {
            let n = tx.execute(
                "DELETE FROM versions WHERE id = ?1 AND draft_id = ?2",
                [version, draft],
            )?;
            if n == 0 {
                return Err(Error::not_found(Thing::Version, version));
            }
            Ok(())
        })
    }

    /// A draft's versions as stored, before the draft is deleted (they go with it).
    pub fn stored_versions(&self, draft: i64) -> Result<StoredVersions> {
        let mut st = self.conn().prepare_cached(
            "SELECT id, name, note, auto, created_at, chars, format, body FROM versions
             WHERE draft_id = ?1 ORDER BY id",
        )?;
        let rows = st.query_map([draft], |r| {
            Ok(Row {
                id: r.get(0)?,
                name: r.get(1)?,
                note: r.get(2)?,
                auto: r.get(3)?,
                created_at: r.get(4)?,
                chars: r.get(5)?,
                format: r.get(6)?,
                body: r.get(7)?,
            })
        })?;
        Ok(StoredVersions(rows.collect::<rusqlite::Result<_>>()?))
    }

    /// The draft's snapshot and its 字数.
    fn state(&self, draft: i64) -> Result<(Snapshot, usize)> {
        let snap = Snapshot::take(self, draft)?;
        let doc = crate::render::render(&self.draft(draft)?);
        let chars = crate::stats::stats(&doc, crate::stats::DEFAULT_RATE).chars;
        Ok((snap, chars))
    }
}

fn insert(
    tx: &Transaction,
    draft: i64,
    name: &str,
    note: Option<&str>,
    auto: bool,
    chars: usize,
    body: &[u8],
) -> Result<i64> {
    // Never older than the newest version, so "newest" is also "last made" when the
    // clock steps back.
    let newest: Option<i64> = tx.query_row(
        "SELECT max(created_at) FROM versions WHERE draft_id = ?1",
        [draft],
        |r| r.get(0),
    )?;
    let at = now().max(newest.unwrap_or(0));
    tx.execute(
        "INSERT INTO versions(draft_id, name, note, auto, created_at, chars, format, body)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        rusqlite::params![draft, name, note, auto, at, chars as i64, FORMAT, body],
    )?;
    Ok(tx.last_insert_rowid())
}

/// Puts back the versions of a draft brought back from deletion (ids kept unless taken).
pub(crate) fn put_back(tx: &Transaction, draft: i64, versions: &StoredVersions) -> Result<()> {
    for v in &versions.0 {
        let taken = tx
            .query_row("SELECT 1 FROM versions WHERE id = ?1", [v.id], |_| Ok(()))
            .optional()?
            .is_some();
        tx.execute(
            "INSERT INTO versions(id, draft_id, name, note, auto, created_at, chars, format, body)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            rusqlite::params![
                (!taken).then_some(v.id),
                draft,
                v.name,
                v.note,
                v.auto,
                v.created_at,
                v.chars,
                v.format,
                v.body
            ],
        )?;
    }
    Ok(())
}

/// Keeps the last [`KEEP_LAST`] automatic versions and, older than those, the newest of
/// each day; named versions are never touched.
fn prune(tx: &Transaction, draft: i64) -> Result<()> {
    let autos: Vec<(i64, i64)> = tx
        .prepare_cached(
            "SELECT id, created_at FROM versions WHERE draft_id = ?1 AND auto = 1
             ORDER BY created_at DESC, id DESC",
        )?
        .query_map([draft], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut last_day = None;
    for (i, (id, at)) in autos.into_iter().enumerate() {
        let day = (at + DAY_OFFSET).div_euclid(86_400);
        let first_of_day = last_day != Some(day);
        last_day = Some(day);
        if i >= KEEP_LAST && !first_of_day {
            tx.execute("DELETE FROM versions WHERE id = ?1", [id])?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store_with_draft() -> (Store, i64) {
        let mut s = Store::open_in_memory().unwrap();
        let d = s.create_draft("commendation-annual", None, &[]).unwrap();
        (s, d)
    }

    fn autos(s: &Store, d: i64) -> Vec<i64> {
        let v = s.versions(d).unwrap();
        v.iter().filter(|v| v.auto).map(|v| v.created_at).collect()
    }

    #[test]
    fn a_version_holds_the_whole_draft() {
        let (mut s, d) = store_with_draft();
        s.set_slots(d, &[("年份".into(), "2026".into())]).unwrap();
        let before = Snapshot::take(&s, d).unwrap();
        let v = s.save_version(d, " 初稿 ", Some("  ")).unwrap();
        let info = s.version(d, v).unwrap();
        assert_eq!(
            (info.name.as_str(), info.note, info.auto),
            ("初稿", None, false)
        );
        assert!(info.chars > 1000, "{}", info.chars);
        assert_eq!(s.version_snapshot(d, v).unwrap(), before);
        // Another draft's version is not found through this one.
        let other = s.create_draft("commendation-annual", None, &[]).unwrap();
        assert!(matches!(
            s.version_snapshot(other, v),
            Err(Error::NotFound {
                what: Thing::Version,
                ..
            })
        ));
    }

    #[test]
    fn names_are_checked() {
        let (mut s, d) = store_with_draft();
        assert!(matches!(
            s.save_version(d, "  ", None),
            Err(Error::EmptyText { .. })
        ));
        let long = "稿".repeat(MAX_NAME_CHARS + 1);
        assert!(matches!(
            s.save_version(d, &long, None),
            Err(Error::TextTooLong { .. })
        ));
        assert!(s.versions(d).unwrap().is_empty());
        assert!(matches!(
            s.save_version(99, "初稿", None),
            Err(Error::NotFound {
                what: Thing::Draft,
                ..
            })
        ));
    }

    #[test]
    fn the_same_state_twice_is_one_automatic_version() {
        let (mut s, d) = store_with_draft();
        assert!(s
            .save_auto_version(d, AutoReason::Export)
            .unwrap()
            .is_some());
        assert!(s
            .save_auto_version(d, AutoReason::Export)
            .unwrap()
            .is_none());
        s.rename_draft(d, "新标题").unwrap();
        assert!(s
            .save_auto_version(d, AutoReason::Export)
            .unwrap()
            .is_some());
        assert_eq!(s.versions(d).unwrap().len(), 2);
    }

    /// A library whose newest version was deflated at another level (older releases used
    /// the best one) gets no second version of the same state.
    #[test]
    fn a_body_deflated_at_another_level_is_the_same_state() {
        let (mut s, d) = store_with_draft();
        let v = s.save_auto_version(d, AutoReason::Export).unwrap().unwrap();
        let json = inflate(&encode(&s.state(d).unwrap().0).unwrap()).unwrap();
        let mut z = DeflateEncoder::new(Vec::new(), Compression::best());
        z.write_all(&json).unwrap();
        let best = z.finish().unwrap();
        s.conn()
            .execute(
                "UPDATE versions SET body = ?1 WHERE id = ?2",
                rusqlite::params![best, v],
            )
            .unwrap();
        assert!(s
            .save_auto_version(d, AutoReason::Export)
            .unwrap()
            .is_none());
        assert_eq!(s.versions(d).unwrap().len(), 1);
    }

    #[test]
    fn pruning_keeps_the_last_thirty_and_one_a_day_and_every_named_one() {
        let (mut s, d) = store_with_draft();
        s.save_version(d, "初稿", None).unwrap();
        // 50 automatic versions, ten a day over five days, oldest first.
        let start = 1_790_000_000 - 1_790_000_000 % 86_400 - DAY_OFFSET;
        for i in 0..50i64 {
            s.rename_draft(d, &format!("标题{i}")).unwrap();
            let id = s
                .save_auto_version(d, AutoReason::Editing)
                .unwrap()
                .unwrap();
            let at = start + (i / 10) * 86_400 + (i % 10) * 600;
            s.conn()
                .execute(
                    "UPDATE versions SET created_at = ?1 WHERE id = ?2",
                    [at, id],
                )
                .unwrap();
        }
        // Named and automatic versions older than all of those.
        s.conn()
            .execute("UPDATE versions SET created_at = 0 WHERE auto = 0", [])
            .unwrap();
        s.rename_draft(d, "最后").unwrap();
        s.save_auto_version(d, AutoReason::Export).unwrap();
        let kept = autos(&s, d);
        // The newest (just now), 29 of the 50, and of days 0 and 1 (the 21 older ones,
        // days 0–2 partly) the newest of each day.
        assert_eq!(kept.len(), 30 + 2, "{kept:?}");
        assert_eq!(kept[30], start + 86_400 + 9 * 600);
        assert_eq!(kept[31], start + 9 * 600);
        assert_eq!(s.versions(d).unwrap().iter().filter(|v| !v.auto).count(), 1);
    }

    #[test]
    fn versions_go_with_their_draft() {
        let (mut s, d) = store_with_draft();
        s.save_version(d, "初稿", None).unwrap();
        let kept = s.stored_versions(d).unwrap();
        s.delete_draft(d).unwrap();
        let n: i64 = s
            .conn()
            .query_row("SELECT count(*) FROM versions", [], |r| r.get(0))
            .unwrap();
        assert_eq!(n, 0);
        assert_eq!(kept.0.len(), 1);
    }

    #[test]
    fn a_damaged_body_is_an_error_not_a_panic() {
        let (mut s, d) = store_with_draft();
        let v = s.save_version(d, "初稿", None).unwrap();
        s.conn()
            .execute("UPDATE versions SET body = x'00ff00' WHERE id = ?1", [v])
            .unwrap();
        assert!(matches!(
            s.version_snapshot(d, v),
            Err(Error::DamagedVersion { version }) if version == v
        ));
    }
}
