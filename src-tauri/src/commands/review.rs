//! 导入修改稿: the leader's revised .docx, chosen in the native open dialog, compared
//! with the draft it came from (the dry run writes nothing); the writer then accepts all
//! or some of the changes. The file's path stays here, never in the web view: accepting
//! reads the file the dialog chose for that draft (or, in a build for the end-to-end
//! tests — feature `e2e` —, the file named by `JIANGGAO_E2E_REVIEW_FILE` at launch).

use std::path::PathBuf;
use std::sync::Mutex;

use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;

use jianggao::app::view::{AcceptedReview, EditorState, ReviewView};
use jianggao::review::SlotChoice;

use crate::bridge::{bad_input, with, AppState, Res};

/// The revised file chosen for a draft, waiting for the writer's decision.
#[derive(Default)]
pub struct PendingReview(pub Mutex<Option<(i64, PathBuf)>>);

#[cfg(feature = "e2e")]
fn e2e_review_file() -> Option<PathBuf> {
    std::env::var_os("JIANGGAO_E2E_REVIEW_FILE").map(PathBuf::from)
}

#[cfg(not(feature = "e2e"))]
fn e2e_review_file() -> Option<PathBuf> {
    None
}

/// Asks for the revised .docx and compares it with the draft; None when cancelled.
#[tauri::command]
pub async fn choose_review_file(
    app: AppHandle,
    state: State<'_, AppState>,
    pending: State<'_, PendingReview>,
    id: i64,
) -> Res<Option<ReviewView>> {
    let path = e2e_review_file().or_else(|| {
        let dialog = app.dialog().file().set_title("导入修改稿");
        let dialog = dialog.add_filter("修改后的讲稿（.docx）", &["docx"]);
        dialog.blocking_pick_file().and_then(|p| p.into_path().ok())
    });
    let Some(path) = path else {
        return Ok(None);
    };
    let view = with(&state, |s| s.review(id, &path))?;
    let mut slot = pending
        .0
        .lock()
        .map_err(|_| bad_input("请重新选择修改稿。"))?;
    *slot = Some((id, path));
    Ok(Some(view))
}

/// Accepts the changes at `chosen` (None: all) from the file chosen for this draft.
#[tauri::command]
pub fn accept_review(
    state: State<'_, AppState>,
    pending: State<'_, PendingReview>,
    id: i64,
    chosen: Option<Vec<u32>>,
    slots: SlotChoice,
) -> Res<(EditorState, AcceptedReview)> {
    let path = match pending.0.lock().map(|p| p.clone()) {
        Ok(Some((draft, path))) if draft == id => path,
        _ => return Err(bad_input("请先选择修改稿。")),
    };
    let chosen: Option<Vec<usize>> = chosen.map(|c| c.into_iter().map(|i| i as usize).collect());
    with(&state, |s| {
        let done = s.accept_review(id, &path, chosen.as_deref(), slots)?;
        Ok((s.editor(id)?, done))
    })
}
