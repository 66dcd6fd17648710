//! The desktop shell of 讲稿工坊: a Tauri window over the `jianggao` core.
//! Commands live in [`commands`]; the types crossing the bridge in [`dto`].

pub mod commands;
pub mod dto;
pub mod harvest;
#[cfg(test)]
mod invoke_gen;
pub mod labels;
pub mod library;
pub mod session;

use std::sync::Mutex;

use tauri::Manager;

use commands::AppState;

/// Why the library could not be opened at startup, for the first screen.
pub struct StartupError(pub Option<String>);

#[tauri::command]
fn startup_error(state: tauri::State<'_, StartupError>) -> Option<String> {
    state.0.clone()
}

pub fn run() {
    tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .setup(|app| {
            let (session, error) = match commands::open_library(app.handle()) {
                Ok(s) => (Some(s), None),
                Err(e) => (None, Some(e.message)),
            };
            app.manage(AppState(Mutex::new(session)));
            app.manage(StartupError(error));
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            startup_error,
            commands::app_info,
            commands::speech_types,
            commands::list_drafts,
            commands::create_draft,
            commands::open_draft,
            commands::rename_draft,
            commands::duplicate_draft,
            commands::delete_draft,
            commands::undo_delete_draft,
            commands::set_target,
            commands::set_slots,
            commands::preview_text,
            commands::edit_text,
            commands::set_title,
            commands::set_node_kind,
            commands::insert_node,
            commands::insert_block,
            commands::move_node,
            commands::remove_node,
            commands::fix_findings,
            commands::undo,
            commands::redo,
            commands::search_blocks,
            commands::search_phrases,
            commands::add_block,
            commands::save_node_to_library,
            commands::add_phrase,
            commands::get_settings,
            commands::set_settings,
            commands::get_profile,
            commands::set_profile,
            commands::export_draft,
            commands::choose_library,
            library::update_block,
            library::delete_block,
            library::undo_delete_block,
            library::update_phrase,
            library::delete_phrase,
            library::undo_delete_phrase,
            library::set_favourite,
            library::use_phrase,
            library::list_tags,
            harvest::choose_import_files,
            harvest::revise_candidate,
            harvest::merge_candidates,
            harvest::accept_import,
            labels::labels,
        ])
        .run(tauri::generate_context!())
        .expect("error while running the desktop app");
}

#[cfg(test)]
mod tests {
    /// The names inside `generate_handler![…]` in `run()`.
    fn registered() -> Vec<String> {
        let src = include_str!("lib.rs");
        let start = src.find("generate_handler![").expect("handler list") + 18;
        let end = start + src[start..].find(']').expect("end of list");
        src[start..end]
            .split(',')
            .map(|s| s.trim().rsplit("::").next().unwrap_or("").to_string())
            .filter(|s| !s.is_empty())
            .collect()
    }

    /// Every command the window can call has its permission, and nothing more is granted.
    #[test]
    fn every_command_is_granted_by_name_and_nothing_else() {
        let mut registered = registered();
        registered.sort();
        assert!(registered.len() > 40, "{registered:?}");
        let build = include_str!("../build.rs");
        let mut manifest: Vec<String> = build
            .lines()
            .filter_map(|l| l.trim().strip_prefix('"')?.strip_suffix("\","))
            .map(String::from)
            .collect();
        manifest.sort();
        assert_eq!(manifest, registered, "build.rs COMMANDS");
        let cap: serde_json::Value =
            serde_json::from_str(include_str!("../capabilities/default.json")).unwrap();
        let mut granted: Vec<String> = cap["permissions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p.as_str().unwrap().to_string())
            .collect();
        granted.sort();
        let mut wanted: Vec<String> = registered
            .iter()
            .map(|c| format!("allow-{}", c.replace('_', "-")))
            .collect();
        wanted.sort();
        assert_eq!(granted, wanted, "capabilities/default.json");
    }
}
