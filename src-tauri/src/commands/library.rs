//! 段落库 and the library drawer: search, add, edit, favourite, delete with 撤销.

use tauri::State;

use jianggao::app::view::{BlockInput, BlockView, PhraseInput, PhraseView, TagView};
use jianggao::search::ItemKind;

use crate::bridge::{bad_input, with, AppState, Res};

#[tauri::command(async)]
pub fn search_blocks(
    state: State<'_, AppState>,
    query: String,
    speech_type: Option<String>,
    tag: Option<String>,
    limit: u32,
) -> Res<Vec<BlockView>> {
    with(&state, |s| s.search_blocks(query, speech_type, tag, limit))
}

#[tauri::command(async)]
pub fn search_phrases(
    state: State<'_, AppState>,
    query: String,
    limit: u32,
) -> Res<Vec<PhraseView>> {
    with(&state, |s| s.search_phrases(&query, limit))
}

#[tauri::command]
pub fn add_block(state: State<'_, AppState>, block: BlockInput) -> Res<BlockView> {
    with(&state, |s| s.add_block(block))
}

/// Saves an outline item (with everything under it) as a new library block.
#[tauri::command]
pub fn save_node_to_library(
    state: State<'_, AppState>,
    id: i64,
    node: i64,
    tags: Vec<String>,
) -> Res<BlockView> {
    with(&state, |s| s.save_node_to_library(id, node, tags))
}

#[tauri::command]
pub fn add_phrase(state: State<'_, AppState>, phrase: PhraseInput) -> Res<PhraseView> {
    with(&state, |s| s.add_phrase(phrase))
}

#[tauri::command]
pub fn update_block(state: State<'_, AppState>, id: i64, block: BlockInput) -> Res<BlockView> {
    with(&state, |s| s.update_block(id, block))
}

#[tauri::command]
pub fn delete_block(state: State<'_, AppState>, id: i64) -> Res<()> {
    with(&state, |s| s.delete_block(id))
}

/// Brings back the block deleted last, as it was (same id, use count, favourite).
#[tauri::command]
pub fn undo_delete_block(state: State<'_, AppState>) -> Res<Option<BlockView>> {
    with(&state, |s| s.undo_delete_block())
}

#[tauri::command]
pub fn update_phrase(state: State<'_, AppState>, id: i64, phrase: PhraseInput) -> Res<PhraseView> {
    with(&state, |s| s.update_phrase(id, phrase))
}

#[tauri::command]
pub fn delete_phrase(state: State<'_, AppState>, id: i64) -> Res<()> {
    with(&state, |s| s.delete_phrase(id))
}

#[tauri::command]
pub fn undo_delete_phrase(state: State<'_, AppState>) -> Res<Option<PhraseView>> {
    with(&state, |s| s.undo_delete_phrase())
}

#[tauri::command]
pub fn set_favourite(state: State<'_, AppState>, kind: String, id: i64, on: bool) -> Res<()> {
    let kind = match kind.as_str() {
        "block" => ItemKind::Block,
        "phrase" => ItemKind::Phrase,
        _ => return Err(bad_input("不认识的段落库条目。")),
    };
    with(&state, |s| s.store.set_favourite(kind, id, on))
}

/// Counts a phrase as used (it was inserted at the cursor).
#[tauri::command]
pub fn use_phrase(state: State<'_, AppState>, id: i64) -> Res<()> {
    with(&state, |s| s.store.use_phrase(id).map(|_| ()))
}

#[tauri::command]
pub fn list_tags(state: State<'_, AppState>) -> Res<Vec<TagView>> {
    with(&state, |s| s.tag_views())
}
