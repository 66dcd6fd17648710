//! The editor: slots, text, outline edits, the check's fixes, undo and redo. Every
//! change returns the whole editor view.

use tauri::State;

use jianggao::app::view::{EditorState, PlaceArg, PreviewState, SlotValue};
use jianggao::outline::{LeadStyle, NewNode, NodeKind};
use jianggao::store::BlockRef;

use crate::bridge::{with, AppState, Res};

#[tauri::command]
pub fn set_target(state: State<'_, AppState>, id: i64, target: u32) -> Res<EditorState> {
    with(&state, |s| {
        s.set_draft_target(id, target)?;
        s.editor(id)
    })
}

#[tauri::command]
pub fn set_slots(state: State<'_, AppState>, id: i64, values: Vec<SlotValue>) -> Res<EditorState> {
    with(&state, |s| {
        let pairs: Vec<(String, String)> = values.into_iter().map(|v| (v.name, v.value)).collect();
        s.set_slots(id, &pairs)?;
        s.editor(id)
    })
}

/// The preview and counts with one item's text replaced, without saving (while typing).
// Off the main thread: the window keeps painting while the next preview is laid out.
#[tauri::command(async)]
pub fn preview_text(
    state: State<'_, AppState>,
    id: i64,
    node: i64,
    text: String,
) -> Res<PreviewState> {
    with(&state, |s| s.preview_text(id, node, &text))
}

/// Saves an item's text. Consecutive saves of one item are one undo step.
#[tauri::command]
pub fn edit_text(state: State<'_, AppState>, id: i64, node: i64, text: String) -> Res<EditorState> {
    with(&state, |s| {
        s.edit_text(id, node, &text)?;
        s.editor(id)
    })
}

#[tauri::command]
pub fn set_title(state: State<'_, AppState>, id: i64, title: String) -> Res<EditorState> {
    with(&state, |s| {
        s.rename_draft(id, &title)?;
        s.editor(id)
    })
}

#[tauri::command]
pub fn set_node_kind(
    state: State<'_, AppState>,
    id: i64,
    node: i64,
    kind: String,
    lead: Option<String>,
) -> Res<EditorState> {
    with(&state, |s| {
        let kind = NodeKind::parse(&kind)?;
        let lead = lead.as_deref().map(LeadStyle::parse).transpose()?;
        s.edit_node(id, node, None, lead, Some(kind))?;
        s.editor(id)
    })
}

#[tauri::command]
pub fn insert_node(
    state: State<'_, AppState>,
    id: i64,
    kind: String,
    text: String,
    at: PlaceArg,
) -> Res<(EditorState, Vec<f64>)> {
    with(&state, |s| {
        let node = NewNode::new(NodeKind::parse(&kind)?, text);
        let ids = s.insert_nodes(id, vec![node], at.place()?)?;
        Ok((s.editor(id)?, ids.into_iter().map(|i| i as f64).collect()))
    })
}

#[tauri::command]
pub fn insert_block(
    state: State<'_, AppState>,
    id: i64,
    block: i64,
    at: PlaceArg,
) -> Res<(EditorState, Vec<f64>)> {
    with(&state, |s| {
        let ids = s.insert_block(id, &BlockRef::Id(block), at.place()?)?;
        Ok((s.editor(id)?, ids.into_iter().map(|i| i as f64).collect()))
    })
}

#[tauri::command]
pub fn move_node(state: State<'_, AppState>, id: i64, node: i64, to: PlaceArg) -> Res<EditorState> {
    with(&state, |s| {
        s.move_node(id, node, to.place()?)?;
        s.editor(id)
    })
}

#[tauri::command]
pub fn remove_node(state: State<'_, AppState>, id: i64, node: i64) -> Res<EditorState> {
    with(&state, |s| {
        s.remove_node(id, node)?;
        s.editor(id)
    })
}

#[tauri::command]
pub fn undo(state: State<'_, AppState>, id: i64) -> Res<EditorState> {
    with(&state, |s| {
        s.undo(id)?;
        s.editor(id)
    })
}

#[tauri::command]
pub fn redo(state: State<'_, AppState>, id: i64) -> Res<EditorState> {
    with(&state, |s| {
        s.redo(id)?;
        s.editor(id)
    })
}
