//! The desktop shell of 讲稿工坊: a Tauri window over the `jianggao` core's app layer.
//! Commands live in [`commands`] (one file a screen); the open session and errors in
//! [`bridge`]; the types crossing the bridge in [`dto`].

pub mod bridge;
pub mod commands;
pub mod dto;
#[cfg(test)]
mod invoke_gen;

use std::sync::Mutex;

use tauri::Manager;

use bridge::AppState;
use commands::{
    check, drafts, editor, files, import, library, meetings, print, review, settings, versions,
};

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
            let config = app.path().app_config_dir().ok();
            let opened = bridge::open_session(bridge::library_path(config.as_deref()));
            let (session, error) = match opened {
                Ok(s) => (Some(s), None),
                Err(e) => (None, Some(e.message)),
            };
            app.manage(AppState(Mutex::new(session)));
            app.manage(StartupError(error));
            app.manage(review::PendingReview::default());
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            startup_error,
            drafts::app_info,
            drafts::speech_types,
            drafts::list_drafts,
            drafts::create_draft,
            drafts::open_draft,
            drafts::rename_draft,
            drafts::duplicate_draft,
            drafts::delete_draft,
            drafts::undo_delete_draft,
            meetings::list_meetings,
            meetings::create_meeting,
            meetings::open_meeting,
            meetings::rename_meeting,
            meetings::delete_meeting,
            meetings::set_meeting_slots,
            meetings::add_to_meeting,
            meetings::remove_from_meeting,
            meetings::add_speeches_to_agenda,
            editor::set_target,
            editor::set_slots,
            editor::preview_text,
            editor::edit_text,
            editor::set_title,
            editor::set_node_kind,
            editor::insert_node,
            editor::insert_block,
            editor::move_node,
            editor::remove_node,
            editor::undo,
            editor::redo,
            library::search_blocks,
            library::search_phrases,
            library::add_block,
            library::save_node_to_library,
            library::add_phrase,
            settings::get_settings,
            settings::set_settings,
            settings::get_profile,
            settings::set_profile,
            files::export_draft,
            files::choose_library,
            print::list_printers,
            print::print_draft,
            library::update_block,
            library::delete_block,
            library::undo_delete_block,
            library::update_phrase,
            library::delete_phrase,
            library::undo_delete_phrase,
            library::set_favourite,
            library::use_phrase,
            library::list_tags,
            import::choose_import_files,
            import::revise_candidate,
            import::merge_candidates,
            import::unsplit_candidate,
            import::restore_removed,
            import::accept_import,
            settings::labels,
            check::fix_findings,
            check::ignore_finding,
            check::unignore,
            check::mute_rule,
            check::unmute_rule,
            check::muted_rules,
            check::user_rules,
            check::add_user_rule,
            check::remove_user_rule,
            review::choose_review_file,
            review::accept_review,
            versions::list_versions,
            versions::version_present,
            versions::save_version,
            versions::delete_version,
            versions::restore_version,
            versions::compare_versions,
            versions::list_backups,
            versions::backup_now,
            versions::restore_backup,
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
