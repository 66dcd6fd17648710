//! Library backups: now, the list, and restoring one (the present library is backed up
//! first, and the session starts afresh on the restored content).

use std::path::Path;

use super::Session;
use crate::error::{Error, Result, Thing};
use crate::store::backup::{self, BackupInfo};
use crate::store::Store;

impl Session {
    pub fn backup_now(&self) -> Result<BackupInfo> {
        self.store.backup_now()
    }

    pub fn backups(&self) -> Result<Vec<BackupInfo>> {
        self.store.backups()
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
}
