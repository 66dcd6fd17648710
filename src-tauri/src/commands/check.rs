//! 审校: the check panel's actions (fix, 这里不改, 不再提示) and the writer's own rules
//! (本单位) and switched-off rules, which settings lists.

use tauri::State;

use jianggao::app::view::{EditorState, MutedRuleView, UserRuleView};
use jianggao::app::IgnoreScope;

use crate::bridge::{with, AppState, Res};

/// Applies the check's safe fixes: all of them, those of one rule, or the one at `index`
/// of the findings. Returns the editor and how many were applied.
#[tauri::command]
pub fn fix_findings(
    state: State<'_, AppState>,
    id: i64,
    index: Option<u32>,
    rule: Option<String>,
) -> Res<(EditorState, u32)> {
    with(&state, |s| {
        let n = s.fix_findings(id, index.map(|i| i as usize), rule.as_deref())?;
        Ok((s.editor(id)?, n as u32))
    })
}

/// 这里不改: the finding at `index` left alone at its place, or its rule in the whole
/// draft. Returns the editor and the ignore's id (for 撤销).
#[tauri::command]
pub fn ignore_finding(
    state: State<'_, AppState>,
    id: i64,
    index: u32,
    whole_draft: bool,
) -> Res<(EditorState, i64)> {
    let scope = match whole_draft {
        true => IgnoreScope::Draft,
        false => IgnoreScope::Here,
    };
    with(&state, |s| {
        let ignore = s.ignore_finding(id, index as usize, scope)?;
        Ok((s.editor(id)?, ignore))
    })
}

/// Takes back one ignore, or (None) every ignore of the draft.
#[tauri::command]
pub fn unignore(state: State<'_, AppState>, id: i64, ignore: Option<i64>) -> Res<EditorState> {
    with(&state, |s| {
        s.store.remove_ignores(id, ignore)?;
        s.editor(id)
    })
}

/// 不再提示此规则, from the panel of draft `id`.
#[tauri::command]
pub fn mute_rule(state: State<'_, AppState>, id: i64, rule: String) -> Res<EditorState> {
    with(&state, |s| {
        s.mute_rule(&rule, true)?;
        s.editor(id)
    })
}

/// 恢复提示: the rule switched on again; returns the rules still off.
#[tauri::command]
pub fn unmute_rule(state: State<'_, AppState>, rule: String) -> Res<Vec<MutedRuleView>> {
    with(&state, |s| {
        s.mute_rule(&rule, false)?;
        s.muted_rule_views()
    })
}

#[tauri::command]
pub fn muted_rules(state: State<'_, AppState>) -> Res<Vec<MutedRuleView>> {
    with(&state, |s| s.muted_rule_views())
}

#[tauri::command]
pub fn user_rules(state: State<'_, AppState>) -> Res<Vec<UserRuleView>> {
    with(&state, |s| s.user_rule_views())
}

#[tauri::command]
pub fn add_user_rule(state: State<'_, AppState>, rule: UserRuleView) -> Res<Vec<UserRuleView>> {
    with(&state, |s| s.add_user_rule_view(rule))
}

#[tauri::command]
pub fn remove_user_rule(state: State<'_, AppState>, id: i64) -> Res<Vec<UserRuleView>> {
    with(&state, |s| s.remove_user_rule(id))
}
