//! Library management commands: edit, tag, favourite and delete (with undo) blocks and
//! phrases. Thin calls into `jianggao::store`.

use tauri::State;

use jianggao::search::ItemKind;
use jianggao::store::NewBlock;

use crate::commands::{block_view, new_block, phrase_view, with, AppState, Res};
use crate::dto::{BlockInput, BlockView, PhraseInput, PhraseView, TagView};
use crate::session::{bad_input, ui_error};

fn kind(k: &str) -> Res<ItemKind> {
    match k {
        "block" => Ok(ItemKind::Block),
        "phrase" => Ok(ItemKind::Phrase),
        _ => Err(bad_input("不认识的段落库条目。")),
    }
}

#[tauri::command]
pub fn update_block(state: State<'_, AppState>, id: i64, block: BlockInput) -> Res<BlockView> {
    with(&state, |s| {
        s.store
            .update_block(id, new_block(block)?)
            .map_err(ui_error)?;
        s.store
            .block(&id.to_string())
            .map(block_view)
            .map_err(ui_error)
    })
}

#[tauri::command]
pub fn delete_block(state: State<'_, AppState>, id: i64) -> Res<()> {
    with(&state, |s| {
        let b = s.store.delete_block(id).map_err(ui_error)?;
        s.deleted_blocks.push(b);
        Ok(())
    })
}

/// Brings back the block deleted last (as the writer's own block).
#[tauri::command]
pub fn undo_delete_block(state: State<'_, AppState>) -> Res<Option<BlockView>> {
    with(&state, |s| {
        let Some(b) = s.deleted_blocks.pop() else {
            return Ok(None);
        };
        let id = s
            .store
            .add_block(NewBlock {
                title: Some(b.title.clone()),
                text: b.text.clone(),
                lead: b.lead,
                types: b.types.clone(),
                tags: b.tags.clone(),
            })
            .map_err(ui_error)?;
        if b.favourite {
            s.store
                .set_favourite(ItemKind::Block, id, true)
                .map_err(ui_error)?;
        }
        s.store
            .block(&id.to_string())
            .map(|b| Some(block_view(b)))
            .map_err(ui_error)
    })
}

#[tauri::command]
pub fn update_phrase(state: State<'_, AppState>, id: i64, phrase: PhraseInput) -> Res<PhraseView> {
    with(&state, |s| {
        s.store
            .update_phrase(id, &phrase.text, &phrase.tags, &phrase.types)
            .map_err(ui_error)?;
        s.store.phrase(id).map(phrase_view).map_err(ui_error)
    })
}

#[tauri::command]
pub fn delete_phrase(state: State<'_, AppState>, id: i64) -> Res<()> {
    with(&state, |s| {
        let p = s.store.delete_phrase(id).map_err(ui_error)?;
        s.deleted_phrases.push(p);
        Ok(())
    })
}

#[tauri::command]
pub fn undo_delete_phrase(state: State<'_, AppState>) -> Res<Option<PhraseView>> {
    with(&state, |s| {
        let Some(p) = s.deleted_phrases.pop() else {
            return Ok(None);
        };
        let id = s
            .store
            .add_phrase(&p.text, &p.tags, &p.types)
            .map_err(ui_error)?;
        if p.favourite {
            s.store
                .set_favourite(ItemKind::Phrase, id, true)
                .map_err(ui_error)?;
        }
        s.store
            .phrase(id)
            .map(|p| Some(phrase_view(p)))
            .map_err(ui_error)
    })
}

#[tauri::command]
pub fn set_favourite(state: State<'_, AppState>, kind: String, id: i64, on: bool) -> Res<()> {
    let kind = self::kind(&kind)?;
    with(&state, |s| {
        s.store.set_favourite(kind, id, on).map_err(ui_error)
    })
}

/// Counts a phrase as used (it was inserted at the cursor).
#[tauri::command]
pub fn use_phrase(state: State<'_, AppState>, id: i64) -> Res<()> {
    with(&state, |s| {
        s.store.use_phrase(id).map(|_| ()).map_err(ui_error)
    })
}

#[tauri::command]
pub fn list_tags(state: State<'_, AppState>) -> Res<Vec<TagView>> {
    with(&state, |s| {
        Ok(s.store
            .tags()
            .map_err(ui_error)?
            .into_iter()
            .map(|t| TagView {
                name: t.name,
                blocks: t.blocks as u32,
                phrases: t.phrases as u32,
            })
            .collect())
    })
}
