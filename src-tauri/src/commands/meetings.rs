//! 会议: meetings with their drafts and the slot values filled once for all of them.

use tauri::State;

use jianggao::app::view::{MeetingSummary, MeetingView, SlotValue};

use crate::bridge::{with, AppState, Res};

#[tauri::command]
pub fn list_meetings(state: State<'_, AppState>) -> Res<Vec<MeetingSummary>> {
    with(&state, |s| s.meeting_summaries())
}

#[tauri::command]
pub fn create_meeting(state: State<'_, AppState>, name: String) -> Res<MeetingView> {
    with(&state, |s| {
        let id = s.create_meeting(&name)?;
        s.meeting_view(id)
    })
}

#[tauri::command]
pub fn open_meeting(state: State<'_, AppState>, id: i64) -> Res<MeetingView> {
    with(&state, |s| s.meeting_view(id))
}

#[tauri::command]
pub fn rename_meeting(state: State<'_, AppState>, id: i64, name: String) -> Res<MeetingView> {
    with(&state, |s| {
        s.rename_meeting(id, &name)?;
        s.meeting_view(id)
    })
}

/// Deletes an empty meeting (one with drafts is refused with a sentence saying so).
#[tauri::command]
pub fn delete_meeting(state: State<'_, AppState>, id: i64) -> Res<Vec<MeetingSummary>> {
    with(&state, |s| {
        s.delete_meeting(id)?;
        s.meeting_summaries()
    })
}

#[tauri::command]
pub fn set_meeting_slots(
    state: State<'_, AppState>,
    id: i64,
    values: Vec<SlotValue>,
) -> Res<MeetingView> {
    with(&state, |s| {
        let pairs: Vec<(String, String)> = values.into_iter().map(|v| (v.name, v.value)).collect();
        s.set_meeting_slots(id, &pairs)?;
        s.meeting_view(id)
    })
}

#[tauri::command]
pub fn add_to_meeting(state: State<'_, AppState>, id: i64, draft: i64) -> Res<MeetingView> {
    with(&state, |s| {
        s.add_to_meeting(id, draft)?;
        s.meeting_view(id)
    })
}

#[tauri::command]
pub fn remove_from_meeting(state: State<'_, AppState>, id: i64, draft: i64) -> Res<MeetingView> {
    with(&state, |s| {
        s.remove_from_meeting(draft)?;
        s.meeting_view(id)
    })
}

/// Adds "X同志讲话" lines for the chosen speeches to the host draft's 议程 slot.
#[tauri::command]
pub fn add_speeches_to_agenda(
    state: State<'_, AppState>,
    id: i64,
    host: i64,
    drafts: Vec<i64>,
) -> Res<MeetingView> {
    with(&state, |s| {
        s.add_speeches_to_agenda(host, &drafts)?;
        s.meeting_view(id)
    })
}
