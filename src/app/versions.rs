//! Versions of a draft (保存版本, 恢复, 比较): the rules of when an automatic version is
//! made, what a restore does, and what is compared with what by default.

use std::collections::HashSet;

use serde::Serialize;

use super::view::{
    ChangeCount, CompareSide, CompareView, PresentView, RedlineParaView, SegmentView,
    SlotChangeView, VersionView, VersionsView,
};
use super::Session;
use crate::diff::{self, Change, ChangeKind};
use crate::error::{Error, Result};
use crate::redline::{Kind, Redline, State};
use crate::store::versions::AutoReason;
use crate::undo::Snapshot;

/// The names the save form offers, in the order a speech goes through them.
pub const SUGGESTED_NAMES: [&str; 4] = ["初稿", "送审稿", "修改稿", "定稿"];

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

    /// The 版本 panel: every version, newest first, with how much changed since the one
    /// before it, and how the present draft differs from the newest.
    pub fn version_list(&self, draft: i64) -> Result<VersionsView> {
        let infos = self.store.versions(draft)?;
        // Oldest first, each compared with the one before it.
        let mut snaps = Vec::with_capacity(infos.len());
        for v in infos.iter().rev() {
            snaps.push(self.store.version_snapshot(draft, v.id)?);
        }
        let mut versions: Vec<VersionView> = infos
            .iter()
            .rev()
            .enumerate()
            .map(|(i, v)| VersionView {
                id: v.id,
                name: v.name.clone(),
                note: v.note.clone(),
                auto: v.auto,
                time: time_label(v.created_at),
                chars: v.chars as u32,
                changed: i
                    .checked_sub(1)
                    .map(|p| count_changes(&diff::compare(&snaps[p], &snaps[i]))),
            })
            .collect();
        versions.reverse();
        let present = match snaps.last() {
            Some(newest) => Some(self.against_now(draft, newest)?),
            None => None,
        };
        Ok(VersionsView {
            versions,
            present,
            suggested_names: SUGGESTED_NAMES.iter().map(|s| s.to_string()).collect(),
        })
    }

    /// After an edit, while the panel is open: the present against the newest version
    /// only (one version read, one comparison), not the whole list.
    pub fn version_present(&self, draft: i64) -> Result<PresentView> {
        let Some(newest) = self.store.versions(draft)?.first().map(|v| v.id) else {
            return Ok(PresentView {
                newest: None,
                changed: None,
            });
        };
        let snap = self.store.version_snapshot(draft, newest)?;
        Ok(PresentView {
            newest: Some(newest),
            changed: Some(self.against_now(draft, &snap)?),
        })
    }

    fn against_now(&self, draft: i64, version: &Snapshot) -> Result<ChangeCount> {
        let now = Snapshot::take(&self.store, draft)?;
        Ok(count_changes(&diff::compare(version, &now)))
    }

    /// 比较 as the desktop shows it: the redline of the printed draft from one state to
    /// another (default: the newest named version → now), paragraphs moved marked as
    /// such, and the slot values that changed.
    pub fn compare_view(
        &self,
        draft: i64,
        from: Option<i64>,
        to: Option<i64>,
    ) -> Result<CompareView> {
        let c = self.compare(draft, from, to)?;
        let from = c.from.ok_or(Error::NoNamedVersion { draft })?;
        let red = self.redline(draft, from, to)?;
        Ok(CompareView {
            from: self.side(draft, Some(from))?,
            to: self.side(draft, to)?,
            unchanged: red.is_unchanged() && c.changes.is_empty(),
            paragraphs: para_views(&red),
            slots: c
                .changes
                .iter()
                .filter(|ch| ch.kind == ChangeKind::Slot)
                .map(|ch| SlotChangeView {
                    name: ch.field.clone().unwrap_or_default(),
                    old: ch.old.clone(),
                    new: ch.new.clone(),
                })
                .collect(),
            count: count_changes(&c.changes),
        })
    }

    fn side(&self, draft: i64, version: Option<i64>) -> Result<CompareSide> {
        let label = match version {
            Some(v) => {
                let info = self.store.version(draft, v)?;
                format!("{}（{}）", info.name, time_label(info.created_at))
            }
            None => "当前稿".to_string(),
        };
        Ok(CompareSide { version, label })
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

/// The redline's paragraphs as the window draws them. A node deleted at one place and
/// inserted at another was moved: both places say so.
fn para_views(red: &Redline) -> Vec<RedlineParaView> {
    let ids = |state: State| -> HashSet<i64> {
        red.paragraphs
            .iter()
            .filter(|p| p.state == state)
            .filter_map(|p| p.node)
            .collect()
    };
    let (gone, came) = (ids(State::Deleted), ids(State::Inserted));
    red.paragraphs
        .iter()
        .map(|p| {
            let moved = p
                .node
                .is_some_and(|n| gone.contains(&n) && came.contains(&n));
            let note = match (moved, p.state, p.was) {
                (true, State::Deleted, _) => Some("移出".to_string()),
                (true, _, _) => Some("移入".to_string()),
                (false, _, Some(was)) => Some(format!("原为{}", kind_label(was.kind, was.level))),
                _ => None,
            };
            RedlineParaView {
                node: p.node,
                kind: id_of(&p.kind),
                level: p.level.map(|l| l as u32),
                state: id_of(&p.state),
                moved,
                note,
                segments: p
                    .segments
                    .iter()
                    .map(|s| SegmentView {
                        text: s.text.clone(),
                        mark: id_of(&s.mark),
                        bold: s.bold,
                        unfilled: s.unfilled,
                    })
                    .collect(),
            }
        })
        .collect()
}

/// A serde enum's id (its lowercase name).
fn id_of<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// What a paragraph was, in the margin's words.
fn kind_label(kind: Kind, level: Option<usize>) -> String {
    match (kind, level) {
        (Kind::Heading, Some(l)) => format!("{}级标题", crate::numerals::number_zh(l as u64)),
        (Kind::Heading, None) => "标题".into(),
        (Kind::Item, _) => "条目".into(),
        _ => "段落".into(),
    }
}

/// How much a list of changes amounts to: characters in and out (of stored text, so a
/// slot reference counts as written), moves and changes of kind or lead, slot values.
pub fn count_changes(changes: &[Change]) -> ChangeCount {
    let chars = |t: &Option<String>| t.as_deref().map_or(0, |t| t.chars().count() as u32);
    let mut c = ChangeCount::default();
    for ch in changes {
        match ch.kind {
            ChangeKind::Slot => c.slots += 1,
            ChangeKind::Move => c.structure += 1,
            // A node's kind or lead style: no text changed.
            ChangeKind::Replace if ch.node.is_some() && ch.field.is_some() => c.structure += 1,
            _ => {
                c.added += chars(&ch.new);
                c.removed += chars(&ch.old);
            }
        }
    }
    c
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
    fn the_panel_says_how_much_changed_between_versions_and_since_the_newest() {
        let (mut s, d) = session();
        assert!(s.version_list(d).unwrap().present.is_none(), "no versions");
        let first = node(&s, d, 0);
        let text = s.store.draft(d).unwrap().nodes[0].text.clone();
        let v1 = s.save_version(d, "初稿", Some("第一稿")).unwrap();
        s.edit_text(d, first, &format!("{text}新增五个字")).unwrap();
        s.set_slots(d, &[("年份".into(), "2026".into())]).unwrap();
        let v2 = s.save_version(d, "送审稿", None).unwrap();
        let second = node(&s, d, 1);
        s.move_node(d, second, Place::End).unwrap();
        let list = s.version_list(d).unwrap();
        let ids: Vec<i64> = list.versions.iter().map(|v| v.id).collect();
        // Newest first; the automatic 编辑中 (before the first edit) sits between them.
        assert_eq!((ids[0], *ids.last().unwrap()), (v2, v1));
        assert_eq!(list.versions[0].name, "送审稿");
        let c = list.versions[0].changed.unwrap();
        assert_eq!((c.added, c.removed, c.slots), (5, 0, 1), "{c:?}");
        assert!(
            list.versions.last().unwrap().changed.is_none(),
            "the oldest"
        );
        assert_eq!(
            list.versions.last().unwrap().note.as_deref(),
            Some("第一稿")
        );
        let p = list.present.unwrap();
        assert_eq!((p.added, p.removed, p.slots), (0, 0, 0));
        assert!(p.structure >= 1, "the move: {p:?}");
        assert_eq!(list.suggested_names, SUGGESTED_NAMES);
        let now = s.version_present(d).unwrap();
        assert_eq!((now.newest, now.changed), (Some(v2), Some(p)));
        let other = s.create_draft("commendation-annual", None, &[]).unwrap();
        assert!(s.version_present(other).unwrap().newest.is_none());
        assert!(s.version_list(9999).is_err());
    }

    #[test]
    fn the_compare_view_marks_insertions_moves_and_slot_values() {
        let (mut s, d) = session();
        let v = s.save_version(d, "初稿", None).unwrap();
        let first = node(&s, d, 0);
        let text = s.store.draft(d).unwrap().nodes[0].text.clone();
        s.edit_text(d, first, &format!("{text}新加的一句话。"))
            .unwrap();
        s.move_node(d, first, Place::End).unwrap();
        s.set_slots(d, &[("年份".into(), "2026".into())]).unwrap();
        let c = s.compare_view(d, None, None).unwrap();
        assert_eq!((c.from.version, c.to.version), (Some(v), None));
        assert!(c.from.label.starts_with("初稿（"), "{}", c.from.label);
        assert_eq!(c.to.label, "当前稿");
        assert!(!c.unchanged);
        let at: Vec<&RedlineParaView> = c
            .paragraphs
            .iter()
            .filter(|p| p.node == Some(first))
            .collect();
        assert_eq!(at.len(), 2, "deleted at the old place, inserted at the new");
        assert!(at.iter().all(|p| p.moved));
        assert_eq!(at[0].note.as_deref(), Some("移出"));
        assert_eq!(at[1].note.as_deref(), Some("移入"));
        let inserted: String = at[1]
            .segments
            .iter()
            .filter(|g| g.mark == "ins")
            .map(|g| g.text.as_str())
            .collect();
        assert!(inserted.contains("新加的一句话。"), "{inserted}");
        assert_eq!(c.slots.len(), 1);
        assert_eq!(
            (c.slots[0].name.as_str(), c.slots[0].new.as_deref()),
            ("年份", Some("2026"))
        );
        // A version against itself: nothing marked.
        let same = s.compare_view(d, Some(v), Some(v)).unwrap();
        assert!(same.unchanged && same.paragraphs.iter().all(|p| p.state == "same"));
        assert!(s.compare_view(d, Some(9999), None).is_err());
    }

    #[test]
    fn time_labels_are_china_time() {
        assert_eq!(time_label(0), "1970-01-01 08:00");
        // 2026-11-30 13:20:06 UTC
        assert_eq!(time_label(1_796_044_806), "2026-11-30 21:20");
        assert_eq!(time_label(951_782_400), "2000-02-29 08:00");
    }
}
