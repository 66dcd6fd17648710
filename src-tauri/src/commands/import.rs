//! 导入旧讲稿: old speeches chosen in the native open dialog are read and analysed by
//! the core without the library locked; the writer reviews the candidates in the
//! window; the ones kept go into the library in one transaction. The web view never
//! names a file: paths come only from the dialog (or, in a build for the end-to-end
//! tests — feature `e2e` —, from `JIANGGAO_E2E_OPEN_FILES` set at launch).

use std::path::{Path, PathBuf};

use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;

use jianggao::app::analyze_path;
use jianggao::app::view::{CandidateView, ImportFileView, ImportReportView};

use crate::bridge::{with, AppState, Res};

const DIR_KEY: &str = "desktop.import_dir";

/// Files named for the end-to-end tests at launch, which cannot answer a native dialog;
/// only in builds made for them (feature `e2e`).
#[cfg(feature = "e2e")]
pub(crate) fn e2e_files() -> Option<Vec<PathBuf>> {
    std::env::var_os("JIANGGAO_E2E_OPEN_FILES").map(|v| std::env::split_paths(&v).collect())
}

#[cfg(not(feature = "e2e"))]
pub(crate) fn e2e_files() -> Option<Vec<PathBuf>> {
    None
}

/// Asks for old speeches (.txt .md .docx) in the native open dialog and analyses each;
/// an empty list when the writer cancels. Nothing is stored.
#[tauri::command]
pub async fn choose_import_files(
    app: AppHandle,
    state: State<'_, AppState>,
) -> Res<Vec<ImportFileView>> {
    let paths = match e2e_files() {
        Some(p) => p,
        None => {
            let last_dir = with(&state, |s| s.store.setting(DIR_KEY))?;
            let mut dialog = app.dialog().file().set_title("导入旧讲稿").add_filter(
                "讲稿文件（.txt .md .docx）",
                &["txt", "md", "markdown", "docx"],
            );
            if let Some(dir) = last_dir.as_deref().filter(|d| Path::new(d).is_dir()) {
                dialog = dialog.set_directory(dir);
            }
            dialog
                .blocking_pick_files()
                .unwrap_or_default()
                .into_iter()
                .filter_map(|p| p.into_path().ok())
                .collect()
        }
    };
    if paths.is_empty() {
        return Ok(Vec::new());
    }
    // Read and analysed without the library locked: only the duplicate check needs it.
    let analyses: Vec<_> = paths.iter().map(|p| analyze_path(p, false)).collect();
    with(&state, |s| {
        if let Some(dir) = paths.first().and_then(|p| p.parent()) {
            s.store.set_setting(DIR_KEY, &dir.to_string_lossy())?;
        }
        s.import_views(analyses, &paths)
    })
}

/// The writer's edit of a candidate: slots read again, title following the text unless
/// the writer wrote one, duplicates checked again.
#[tauri::command]
pub fn revise_candidate(
    state: State<'_, AppState>,
    candidate: CandidateView,
    title: String,
    text: String,
) -> Res<CandidateView> {
    with(&state, |s| s.revise_candidate(&candidate, &title, &text))
}

/// A candidate and the one after it as one block.
#[tauri::command]
pub fn merge_candidates(
    state: State<'_, AppState>,
    first: CandidateView,
    second: CandidateView,
) -> Res<CandidateView> {
    with(&state, |s| s.merge_candidates(&first, &second))
}

/// A line the cleaner removed, brought back as a candidate paragraph (恢复).
#[tauri::command]
pub fn restore_removed(
    state: State<'_, AppState>,
    text: String,
    types: Vec<String>,
) -> Res<CandidateView> {
    with(&state, |s| s.restore_removed(&text, &types))
}

/// A candidate with one split enumeration undone (还原为一段): the paragraph whole again.
#[tauri::command]
pub fn unsplit_candidate(
    state: State<'_, AppState>,
    candidate: CandidateView,
    index: u32,
) -> Res<CandidateView> {
    with(&state, |s| s.unsplit_candidate(&candidate, index))
}

/// Stores the candidates the writer kept, with `tags` added to each, in one transaction.
#[tauri::command]
pub fn accept_import(
    state: State<'_, AppState>,
    candidates: Vec<CandidateView>,
    tags: Vec<String>,
) -> Res<ImportReportView> {
    with(&state, |s| s.accept_candidates(&candidates, &tags))
}
