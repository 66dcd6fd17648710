//! An open library and what lives while the program runs: undo histories per draft and
//! the drafts, blocks and phrases deleted this session, for 撤销.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::error::Result;
use crate::outline::{LeadStyle, NewNode, NodeKind};
use crate::store::versions::StoredVersions;
use crate::store::{BlockRef, Deleted, Place, Store};
use crate::undo::{History, Snapshot};

pub struct Session {
    /// The library. Faces read it directly for plain listings (search, tags); every
    /// change with a rule goes through a method of the session.
    pub store: Store,
    path: PathBuf,
    histories: HashMap<i64, History>,
    /// Deleted drafts with their versions and meeting, most recent last.
    deleted_drafts: Vec<(Snapshot, StoredVersions, Option<i64>)>,
    pub(super) deleted_blocks: Vec<Deleted>,
    pub(super) deleted_phrases: Vec<Deleted>,
    /// The (draft, node) of the last text edit, so typing in one item is one undo step.
    last_edit: Option<(i64, i64)>,
}

impl Session {
    /// Opens (creating and seeding if needed) the library at `path`.
    pub fn open(path: &Path) -> Result<Session> {
        Ok(Session::with_store(Store::open(path)?, path.to_path_buf()))
    }

    /// The library named on the command line, in `JIANGGAO_DB` or in the settings (its
    /// folder must exist), else the default one (its folder is made the first time).
    pub fn open_default(db: Option<PathBuf>) -> Result<Session> {
        match db {
            Some(path) => Session::open(&path),
            None => {
                let path = Store::default_path()?;
                Ok(Session::with_store(Store::open_default_at(&path)?, path))
            }
        }
    }

    pub fn with_store(store: Store, path: PathBuf) -> Session {
        Session {
            store,
            path,
            histories: HashMap::new(),
            deleted_drafts: Vec::new(),
            deleted_blocks: Vec::new(),
            deleted_phrases: Vec::new(),
            last_edit: None,
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Drops a draft's undo history (its states no longer restore rightly).
    pub(super) fn forget_history(&mut self, draft: i64) {
        self.histories.remove(&draft);
        self.last_edit = None;
    }

    pub(super) fn can_undo_redo(&self, draft: i64) -> (bool, bool) {
        self.histories
            .get(&draft)
            .map_or((false, false), |h| (h.can_undo(), h.can_redo()))
    }

    /// A change to a draft as one undo step: the state before is taken first and kept
    /// only when the change succeeds, so a refused edit leaves no empty step behind.
    pub(super) fn step<T>(
        &mut self,
        draft: i64,
        f: impl FnOnce(&mut Store) -> Result<T>,
    ) -> Result<T> {
        self.keep_hourly(draft)?;
        let before = Snapshot::take(&self.store, draft)?;
        let done = f(&mut self.store)?;
        self.histories.entry(draft).or_default().record(before);
        self.last_edit = None;
        Ok(done)
    }

    // ---- drafts ----

    /// Starts a draft from a template (profile slots pre-filled, then `values`).
    pub fn create_draft(
        &mut self,
        template: &str,
        title: Option<&str>,
        values: &[(String, String)],
    ) -> Result<i64> {
        self.store.create_draft(template, title, values)
    }

    pub fn rename_draft(&mut self, draft: i64, title: &str) -> Result<()> {
        self.step(draft, |s| s.rename_draft(draft, title))
    }

    pub fn duplicate_draft(&mut self, draft: i64) -> Result<i64> {
        self.store.duplicate_draft(draft)
    }

    /// Deletes a draft (its versions go with it); [`Session::undo_delete_draft`] brings
    /// it back with its ids and its versions, kept in memory meanwhile (compressed, some
    /// tens of KB each).
    pub fn delete_draft(&mut self, draft: i64) -> Result<()> {
        let snap = Snapshot::take(&self.store, draft)?;
        let versions = self.store.stored_versions(draft)?;
        let meeting = self.store.draft(draft)?.meeting;
        self.store.delete_draft(draft)?;
        self.deleted_drafts.push((snap, versions, meeting));
        Ok(())
    }

    /// Brings back the draft deleted last, if any, with its versions; returns its id (a
    /// new one if a draft made since holds the old one).
    pub fn undo_delete_draft(&mut self) -> Result<Option<i64>> {
        let Some((snap, versions, meeting)) = self.deleted_drafts.pop() else {
            return Ok(None);
        };
        match snap.restore_deleted(&mut self.store, &versions) {
            Ok(id) => {
                // Back into its meeting; if that was deleted meanwhile, the draft keeps
                // the meeting's values as its own (the snapshot holds them).
                if let Some(m) = meeting {
                    self.store.rejoin_meeting(id, m)?;
                }
                Ok(Some(id))
            }
            Err(e) => {
                self.deleted_drafts.push((snap, versions, meeting));
                Err(e)
            }
        }
    }

    /// The names among `values` that the draft does not use (yet): worth a note.
    pub fn unused_slots(&self, draft: i64, values: &[(String, String)]) -> Result<Vec<String>> {
        let used: Vec<String> = self
            .store
            .draft(draft)?
            .slots()
            .into_iter()
            .map(|s| s.def.name)
            .collect();
        Ok(values
            .iter()
            .filter(|(name, _)| !used.contains(name))
            .map(|(name, _)| name.clone())
            .collect())
    }

    // ---- editing (each one undo step) ----

    pub fn set_slots(&mut self, draft: i64, values: &[(String, String)]) -> Result<()> {
        self.step(draft, |s| s.set_slots(draft, values))
    }

    /// Saves an item's text; consecutive saves of one item are one undo step.
    pub fn edit_text(&mut self, draft: i64, node: i64, text: &str) -> Result<()> {
        if self.last_edit == Some((draft, node)) {
            // Typing on in one item for hours still keeps an hourly version.
            self.keep_hourly(draft)?;
            self.store.edit_node(draft, node, Some(text), None, None)?;
        } else {
            self.step(draft, |s| s.edit_node(draft, node, Some(text), None, None))?;
        }
        self.last_edit = Some((draft, node));
        Ok(())
    }

    /// Changes an item's text, lead style or kind (the CLI's `edit`).
    pub fn edit_node(
        &mut self,
        draft: i64,
        node: i64,
        text: Option<&str>,
        lead: Option<LeadStyle>,
        kind: Option<NodeKind>,
    ) -> Result<()> {
        self.step(draft, |s| s.edit_node(draft, node, text, lead, kind))
    }

    /// Writes new nodes into the draft; returns the new top nodes' ids.
    pub fn insert_nodes(&mut self, draft: i64, nodes: Vec<NewNode>, at: Place) -> Result<Vec<i64>> {
        self.step(draft, |s| s.insert_nodes(draft, nodes, at))
    }

    /// Copies a library block into the draft; returns the new top nodes' ids.
    pub fn insert_block(&mut self, draft: i64, block: &BlockRef, at: Place) -> Result<Vec<i64>> {
        self.step(draft, |s| s.insert_block(draft, block.clone(), at))
    }

    pub fn move_node(&mut self, draft: i64, node: i64, to: Place) -> Result<()> {
        self.step(draft, |s| s.move_node(draft, node, to))
    }

    pub fn remove_node(&mut self, draft: i64, node: i64) -> Result<()> {
        self.step(draft, |s| s.remove_node(draft, node))
    }

    /// Undoes the last change of a draft; false when there is none.
    pub fn undo(&mut self, draft: i64) -> Result<bool> {
        self.last_edit = None;
        let h = self.histories.entry(draft).or_default();
        h.undo(&mut self.store, draft)
    }

    pub fn redo(&mut self, draft: i64) -> Result<bool> {
        self.last_edit = None;
        let h = self.histories.entry(draft).or_default();
        h.redo(&mut self.store, draft)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A refused edit is no undo step: 撤销 would otherwise seem to do nothing.
    #[test]
    fn a_refused_edit_leaves_no_undo_step() {
        let mut s = Session::with_store(Store::open_in_memory().unwrap(), "memory".into());
        let d = s.create_draft("opening-conference", None, &[]).unwrap();
        let first = s.store.draft(d).unwrap().nodes[0].id;
        assert!(s.move_node(d, first, Place::Under(first)).is_err());
        assert_eq!(s.can_undo_redo(d), (false, false));
        s.rename_draft(d, "新标题").unwrap();
        assert_eq!(s.can_undo_redo(d), (true, false));
    }
}
