//! Versions of a draft (保存版本, 恢复, 比较): the rules of when an automatic version is
//! made, what a restore does, and what is compared with what by default.

use serde::Serialize;

use super::Session;
use crate::diff::{self, Change};
use crate::error::{Error, Result};
use crate::store::versions::AutoReason;
use crate::undo::Snapshot;

/// While editing, at most one automatic version an hour.
pub const EDITING_INTERVAL_SECS: i64 = 3600;

/// A comparison: from a version to a version or to the present draft (None).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comparison {
    pub from: Option<i64>,
    pub to: Option<i64>,
    pub changes: Vec<Change>,
}

impl Session {
    /// Saves the draft as it is now under a name (初稿, 送审稿 …); returns the version id.
    pub fn save_version(&mut self, draft: i64, name: &str, note: Option<&str>) -> Result<i64> {
        self.store.save_version(draft, name, note)
    }

    pub fn delete_version(&mut self, draft: i64, version: i64) -> Result<()> {
        self.store.delete_version(draft, version)
    }

    /// Puts the draft back as the version holds it, node ids kept where they are free.
    /// The present state is kept first as an automatic version (恢复前), and the restore
    /// is one undo step.
    pub fn restore_version(&mut self, draft: i64, version: i64) -> Result<()> {
        // Read (and so check) the version before anything is written.
        let snap = self.store.version_snapshot(draft, version)?;
        self.store
            .save_auto_version(draft, AutoReason::BeforeRestore)?;
        self.step(draft, |s| snap.restore(s))
    }

    /// Compares two versions, or a version with the present draft (`to` = None). Without
    /// `from`, the newest named version is the start.
    pub fn compare(&self, draft: i64, from: Option<i64>, to: Option<i64>) -> Result<Comparison> {
        let from = match from {
            Some(v) => v,
            None => match self.store.latest_named_version(draft)? {
                Some(v) => v.id,
                None => return Err(Error::NoNamedVersion { draft }),
            },
        };
        let old = self.store.version_snapshot(draft, from)?;
        let new = match to {
            Some(v) => self.store.version_snapshot(draft, v)?,
            None => Snapshot::take(&self.store, draft)?,
        };
        Ok(Comparison {
            from: Some(from),
            to,
            changes: diff::compare(&old, &new),
        })
    }

    /// Before an edit: an automatic version of the state before it when the draft's
    /// newest version is an hour old or more (or there is none).
    pub(super) fn keep_hourly(&mut self, draft: i64) -> Result<()> {
        let due = match self.store.last_version_at(draft)? {
            Some(at) => crate::store::now() - at >= EDITING_INTERVAL_SECS,
            None => true,
        };
        if due {
            self.store.save_auto_version(draft, AutoReason::Editing)?;
        }
        Ok(())
    }
}

/// A time as the writer reads it in a list: `2026-11-30 21:05`, China time (UTC+8).
pub fn time_label(ts: i64) -> String {
    let [year, month, day, hour, minute, _] = crate::store::backup::china_time(ts);
    format!("{year:04}-{month:02}-{day:02} {hour:02}:{minute:02}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::ExportOptions;
    use crate::store::{Place, Store};

    fn session() -> (Session, i64) {
        let mut s = Session::with_store(Store::open_in_memory().unwrap(), "memory".into());
        let d = s.create_draft("commendation-annual", None, &[]).unwrap();
        (s, d)
    }

    fn names(s: &Session, d: i64) -> Vec<String> {
        s.store
            .versions(d)
            .unwrap()
            .into_iter()
            .map(|v| v.name)
            .collect()
    }

    #[test]
    fn editing_keeps_a_version_an_hour() {
        let (mut s, d) = session();
        let start = Snapshot::take(&s.store, d).unwrap();
        s.rename_draft(d, "第一次").unwrap();
        s.rename_draft(d, "第二次").unwrap();
        let first = node(&s, d, 0);
        s.edit_text(d, first, "一").unwrap();
        s.edit_text(d, first, "一二").unwrap();
        // One version, of the state before the first edit.
        assert_eq!(names(&s, d), ["编辑中"]);
        let v = s.store.versions(d).unwrap()[0].id;
        assert_eq!(s.store.version_snapshot(d, v).unwrap(), start);
        // An hour later, typing on in the same item keeps another.
        s.store
            .conn()
            .execute("UPDATE versions SET created_at = created_at - 3600", [])
            .unwrap();
        s.edit_text(d, first, "一二三").unwrap();
        assert_eq!(names(&s, d), ["编辑中", "编辑中"]);
    }

    fn node(s: &Session, d: i64, i: usize) -> i64 {
        s.store.draft(d).unwrap().nodes[i].id
    }

    #[test]
    fn a_restore_keeps_ids_and_can_be_undone_two_ways() {
        let (mut s, d) = session();
        let v = s.save_version(d, "初稿", None).unwrap();
        let at_v = s.store.draft(d).unwrap();
        let first = node(&s, d, 0);
        s.move_node(d, first, Place::End).unwrap();
        s.set_slots(d, &[("年份".into(), "2026".into())]).unwrap();
        let edited = s.store.draft(d).unwrap();
        s.restore_version(d, v).unwrap();
        let back = s.store.draft(d).unwrap();
        assert_eq!(back.nodes, at_v.nodes);
        assert_eq!(back.values, at_v.values);
        // The state before the restore is a version, and the restore one undo step.
        assert_eq!(names(&s, d)[0], "恢复前");
        assert!(s.undo(d).unwrap());
        assert_eq!(s.store.draft(d).unwrap().nodes, edited.nodes);
        let before_restore = s.store.versions(d).unwrap()[0].id;
        s.restore_version(d, before_restore).unwrap();
        assert_eq!(s.store.draft(d).unwrap().values, edited.values);
        // A version of another draft, or none: not found, nothing changed.
        let other = s.create_draft("commendation-annual", None, &[]).unwrap();
        let count = s.store.versions(d).unwrap().len();
        assert!(s.restore_version(other, v).is_err());
        assert!(s.restore_version(d, 9999).is_err());
        assert_eq!(s.store.versions(d).unwrap().len(), count);
    }

    #[test]
    fn an_undone_deletion_brings_the_versions_back() {
        let (mut s, d) = session();
        let v = s.save_version(d, "送审稿", Some("给办公室")).unwrap();
        let before = s.store.versions(d).unwrap();
        s.delete_draft(d).unwrap();
        assert_eq!(s.undo_delete_draft().unwrap(), Some(d));
        assert_eq!(s.store.versions(d).unwrap(), before);
        assert!(s.store.version_snapshot(d, v).is_ok());
    }

    #[test]
    fn an_export_keeps_what_went_out() {
        let dir = tempfile::tempdir().unwrap();
        let (mut s, d) = session();
        let o = ExportOptions::default();
        s.export(d, &o).unwrap();
        assert!(names(&s, d).is_empty(), "a bare export writes nothing");
        s.export_to(d, &o, &dir.path().join("a.docx")).unwrap();
        s.export_out(d, &o, None, std::io::sink()).unwrap();
        assert_eq!(names(&s, d), ["导出时"], "the same state is kept once");
    }

    #[test]
    fn comparing_without_a_named_version_says_so() {
        let (mut s, d) = session();
        assert!(matches!(
            s.compare(d, None, None),
            Err(Error::NoNamedVersion { .. })
        ));
        let v = s.save_version(d, "初稿", None).unwrap();
        assert!(s.compare(d, None, None).unwrap().changes.is_empty());
        s.set_slots(d, &[("年份".into(), "2026".into())]).unwrap();
        let c = s.compare(d, None, None).unwrap();
        assert_eq!((c.from, c.to), (Some(v), None));
        assert_eq!(c.changes.len(), 1);
        assert_eq!(c.changes[0].kind, diff::ChangeKind::Slot);
    }

    #[test]
    fn time_labels_are_china_time() {
        assert_eq!(time_label(0), "1970-01-01 08:00");
        // 2026-11-30 13:20:06 UTC
        assert_eq!(time_label(1_796_044_806), "2026-11-30 21:20");
        assert_eq!(time_label(951_782_400), "2000-02-29 08:00");
    }
}
