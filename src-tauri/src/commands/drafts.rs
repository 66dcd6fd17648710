//! 讲稿 and 新建讲稿: the draft list, speech types with templates, create, open,
//! rename, duplicate, delete with 撤销.

use tauri::State;

use jianggao::app::view::{AppInfo, DraftSummary, EditorState, SpeechTypeView};

use crate::bridge::{with, AppState, Res};

#[tauri::command]
pub fn app_info(state: State<'_, AppState>) -> Res<AppInfo> {
    with(&state, |s| s.app_info())
}

#[tauri::command]
pub fn speech_types(state: State<'_, AppState>) -> Res<Vec<SpeechTypeView>> {
    with(&state, |s| s.speech_types())
}

#[tauri::command]
pub fn list_drafts(state: State<'_, AppState>) -> Res<Vec<DraftSummary>> {
    with(&state, |s| s.draft_summaries())
}

/// Starts a draft from a template (profile slots pre-filled); the slot form follows.
#[tauri::command]
pub fn create_draft(state: State<'_, AppState>, template: String) -> Res<EditorState> {
    with(&state, |s| {
        let id = s.create_draft(&template, None, &[])?;
        s.editor(id)
    })
}

#[tauri::command]
pub fn open_draft(state: State<'_, AppState>, id: i64) -> Res<EditorState> {
    with(&state, |s| s.editor(id))
}

#[tauri::command]
pub fn rename_draft(state: State<'_, AppState>, id: i64, title: String) -> Res<Vec<DraftSummary>> {
    with(&state, |s| {
        s.rename_draft(id, &title)?;
        s.draft_summaries()
    })
}

#[tauri::command]
pub fn duplicate_draft(state: State<'_, AppState>, id: i64) -> Res<Vec<DraftSummary>> {
    with(&state, |s| {
        s.duplicate_draft(id)?;
        s.draft_summaries()
    })
}

#[tauri::command]
pub fn delete_draft(state: State<'_, AppState>, id: i64) -> Res<Vec<DraftSummary>> {
    with(&state, |s| {
        s.delete_draft(id)?;
        s.draft_summaries()
    })
}

/// Brings back the draft deleted last.
#[tauri::command]
pub fn undo_delete_draft(state: State<'_, AppState>) -> Res<Vec<DraftSummary>> {
    with(&state, |s| {
        s.undo_delete_draft()?;
        s.draft_summaries()
    })
}
