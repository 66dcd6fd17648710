//! 版本 (the editor's panel: save, restore, delete, compare) and 备份与恢复 (settings).
//! The slow ones — the list compares every version with the one before it, a backup
//! copies the whole library — run off the main thread; a backup does not even hold the
//! session: it copies from a connection of its own, so the writer works on meanwhile.

use tauri::State;

use jianggao::app::backup_library;
use jianggao::app::view::{BackupsView, CompareView, EditorState, PresentView, VersionsView};

use crate::bridge::{ui_error, with, AppState, Res};

#[tauri::command(async)]
pub fn list_versions(state: State<'_, AppState>, id: i64) -> Res<VersionsView> {
    with(&state, |s| s.version_list(id))
}

/// After an edit: the present against the newest version only.
#[tauri::command(async)]
pub fn version_present(state: State<'_, AppState>, id: i64) -> Res<PresentView> {
    with(&state, |s| s.version_present(id))
}

/// Saves the draft as it is now under a name (初稿, 送审稿 …) with an optional note.
#[tauri::command(async)]
pub fn save_version(
    state: State<'_, AppState>,
    id: i64,
    name: String,
    note: Option<String>,
) -> Res<VersionsView> {
    with(&state, |s| {
        s.save_version(id, &name, note.as_deref())?;
        s.version_list(id)
    })
}

#[tauri::command(async)]
pub fn delete_version(state: State<'_, AppState>, id: i64, version: i64) -> Res<VersionsView> {
    with(&state, |s| {
        s.delete_version(id, version)?;
        s.version_list(id)
    })
}

/// Puts the draft back as the version holds it; the present is kept first as 恢复前, and
/// the restore is one undo step.
#[tauri::command(async)]
pub fn restore_version(state: State<'_, AppState>, id: i64, version: i64) -> Res<EditorState> {
    with(&state, |s| {
        s.restore_version(id, version)?;
        s.editor(id)
    })
}

/// The redline from a version to a version or to now (`to` null); without `from`, the
/// newest named version.
#[tauri::command(async)]
pub fn compare_versions(
    state: State<'_, AppState>,
    id: i64,
    from: Option<i64>,
    to: Option<i64>,
) -> Res<CompareView> {
    with(&state, |s| s.compare_view(id, from, to))
}

#[tauri::command]
pub fn list_backups(state: State<'_, AppState>) -> Res<BackupsView> {
    with(&state, |s| s.backup_views())
}

/// A backup now, copied without the session's lock (edits go on meanwhile).
#[tauri::command(async)]
pub fn backup_now(state: State<'_, AppState>) -> Res<BackupsView> {
    let library = with(&state, |s| s.library_file())?;
    backup_library(&library).map_err(ui_error)
}

/// Restores a listed backup (by its name in the list); the session opens afresh on it.
#[tauri::command(async)]
pub fn restore_backup(state: State<'_, AppState>, name: String) -> Res<BackupsView> {
    with(&state, |s| s.restore_listed_backup(&name))
}
