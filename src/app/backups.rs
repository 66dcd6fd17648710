//! Library backups: now, the list, and restoring one (the present library is backed up
//! first, and the session starts afresh on the restored content).

use std::path::{Path, PathBuf};

use super::versions::time_label;
use super::view::{BackupView, BackupsView};
use super::Session;
use crate::error::{Error, Result, Thing};
use crate::store::backup::{self, BackupInfo, Reason};
use crate::store::Store;

impl Session {
    pub fn backup_now(&self) -> Result<BackupInfo> {
        self.store.backup_now()
    }

    pub fn backups(&self) -> Result<Vec<BackupInfo>> {
        self.store.backups()
    }

    /// The library's file (a library in memory has none, and so no backups).
    pub fn library_file(&self) -> Result<PathBuf> {
        Ok(self
            .store
            .path()
            .ok_or(Error::NoBackupsInMemory)?
            .to_path_buf())
    }

    /// 备份与恢复: the backups of the open library.
    pub fn backup_views(&self) -> Result<BackupsView> {
        backups_view(&self.library_file()?)
    }

    /// Restores a backup: `file` is a path, or the name of a file in the library's
    /// `backups/` folder. Returns the backup of the library as it was before.
    pub fn restore_backup(&mut self, file: &Path) -> Result<BackupInfo> {
        let lib = self.store.path().ok_or(Error::NoBackupsInMemory)?;
        let in_dir = backup::dir_of(lib).join(file);
        let file = if file.is_file() {
            file.to_path_buf()
        } else if file.components().count() == 1 && in_dir.is_file() {
            in_dir
        } else {
            return Err(Error::not_found(Thing::Backup, file.display()));
        };
        let before = self.store.restore_backup(&file)?;
        // Open again: an older backup is migrated, and nothing of the session (undo
        // histories, deleted drafts) refers to content that is gone.
        let path = self.path().to_path_buf();
        *self = Session::with_store(Store::open(&path)?, path);
        Ok(before)
    }

    /// Restores one of the backups listed by [`Session::backup_views`], named as listed:
    /// the window names no other file.
    pub fn restore_listed_backup(&mut self, name: &str) -> Result<BackupsView> {
        let lib = self.library_file()?;
        let file = backup::list(&lib)?
            .into_iter()
            .map(|b| b.file)
            .find(|f| f.file_name().is_some_and(|n| n == name))
            .ok_or_else(|| Error::not_found(Thing::Backup, name))?;
        self.restore_backup(&file)?;
        backups_view(&lib)
    }
}

/// Backs up the library file by hand from a connection of its own, so a face can do it
/// without holding the session (the desktop: off the main thread, the window working
/// on); returns the list with the new backup.
pub fn backup_library(library: &Path) -> Result<BackupsView> {
    backup::make_from_file(library, Reason::Manual)?;
    backups_view(library)
}

fn backups_view(library: &Path) -> Result<BackupsView> {
    Ok(BackupsView {
        folder: backup::dir_of(library).display().to_string(),
        backups: backup::list(library)?.iter().map(backup_view).collect(),
    })
}

fn backup_view(b: &BackupInfo) -> BackupView {
    BackupView {
        name: b
            .file
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        time: time_label(b.created_at),
        size: b.size as f64,
        kind: b.reason.id().into(),
        kind_label: b.reason.label().into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_backup_from_its_own_connection_is_listed_and_restored_by_its_name_only() {
        let dir = tempfile::tempdir().unwrap();
        let lib = dir.path().join("library.sqlite3");
        let mut s = Session::open(&lib).unwrap();
        let d = s
            .create_draft("commendation-annual", Some("备份前的讲稿"), &[])
            .unwrap();
        let view = backup_library(&s.library_file().unwrap()).unwrap();
        let made = &view.backups[0];
        assert_eq!(
            (made.kind.as_str(), made.kind_label.as_str()),
            ("manual", "手动")
        );
        assert!(
            made.size > 0.0 && made.name.ends_with("-manual.sqlite3"),
            "{made:?}"
        );
        assert_eq!(s.backup_views().unwrap().backups.len(), view.backups.len());
        s.rename_draft(d, "备份后改的标题").unwrap();
        // Only a name from the list: no path, no other file.
        for bad in ["../library.sqlite3", "library.sqlite3", "nothing.sqlite3"] {
            assert!(matches!(
                s.restore_listed_backup(bad),
                Err(Error::NotFound { .. })
            ));
        }
        assert_eq!(s.store.draft(d).unwrap().title, "备份后改的标题");
        let after = s.restore_listed_backup(&made.name).unwrap();
        assert_eq!(s.store.draft(d).unwrap().title, "备份前的讲稿");
        assert!(after.backups.iter().any(|b| b.kind == "before-restore"));
    }
}
