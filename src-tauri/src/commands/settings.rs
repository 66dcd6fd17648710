//! 设置: the typed settings and the profile (常用信息).

use tauri::State;

use jianggao::app::view::ProfileEntry;
use jianggao::app::Settings;

use crate::bridge::{with, AppState, Res};

#[tauri::command]
pub fn get_settings(state: State<'_, AppState>) -> Res<Settings> {
    with(&state, |s| s.settings())
}

#[tauri::command]
pub fn set_settings(state: State<'_, AppState>, settings: Settings) -> Res<Settings> {
    with(&state, |s| s.set_settings(settings))
}

/// The profile slots (单位, 讲话人, 职务 …) with their remembered values.
#[tauri::command]
pub fn get_profile(state: State<'_, AppState>) -> Res<Vec<ProfileEntry>> {
    with(&state, |s| s.profile_entries())
}

#[tauri::command]
pub fn set_profile(
    state: State<'_, AppState>,
    entries: Vec<ProfileEntry>,
) -> Res<Vec<ProfileEntry>> {
    with(&state, |s| {
        let pairs: Vec<(String, String)> = entries.into_iter().map(|e| (e.name, e.value)).collect();
        s.store.set_profile(&pairs)?;
        s.profile_entries()
    })
}
