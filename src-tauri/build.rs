// The app's commands, each with an `allow-…` permission generated for it; the main
// window's capability (capabilities/default.json) grants exactly these. A test in
// src/lib.rs checks this list against the commands registered in `run()`.
const COMMANDS: &[&str] = &[
    "startup_error",
    "app_info",
    "speech_types",
    "list_drafts",
    "create_draft",
    "open_draft",
    "rename_draft",
    "duplicate_draft",
    "delete_draft",
    "undo_delete_draft",
    "set_target",
    "set_slots",
    "preview_text",
    "edit_text",
    "set_title",
    "set_node_kind",
    "insert_node",
    "insert_block",
    "move_node",
    "remove_node",
    "fix_findings",
    "undo",
    "redo",
    "search_blocks",
    "search_phrases",
    "add_block",
    "save_node_to_library",
    "add_phrase",
    "get_settings",
    "set_settings",
    "get_profile",
    "set_profile",
    "export_draft",
    "choose_library",
    "update_block",
    "delete_block",
    "undo_delete_block",
    "update_phrase",
    "delete_phrase",
    "undo_delete_phrase",
    "set_favourite",
    "use_phrase",
    "list_tags",
    "choose_import_files",
    "revise_candidate",
    "merge_candidates",
    "accept_import",
    "labels",
];

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri build step");
}
