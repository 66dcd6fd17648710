//! The Tauri commands: thin calls into the `jianggao` core. Every rule (numbering, slots,
//! counting, checking, layout, undo) lives in the core; this module converts arguments,
//! locks the session, and converts results and errors for the web view.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Mutex;

use tauri::{AppHandle, Manager, State};
use tauri_plugin_dialog::DialogExt;

use jianggao::check;
use jianggao::document::Document;
use jianggao::draft::{Draft, OutlineNode};
use jianggao::export::docx::{self, DocxOptions, FontSet, Layout, PageNumbers, Profile};
use jianggao::export::markdown::{self, MarkdownOptions};
use jianggao::outline::{LeadStyle, NewNode, NodeKind};
use jianggao::preview;
use jianggao::render::render;
use jianggao::slot;
use jianggao::stats;
use jianggao::store::{BlockQuery, NewBlock, Place};
use jianggao::types::{self, SPEECH_TYPES};
use jianggao::undo::Snapshot;

use crate::dto::*;
use crate::session::{bad_input, library_path, ui_error, write_config, Session};

pub struct AppState(pub Mutex<Option<Session>>);

pub type Res<T> = Result<T, UiError>;

pub fn with<T>(state: &State<'_, AppState>, f: impl FnOnce(&mut Session) -> Res<T>) -> Res<T> {
    let mut guard = state
        .0
        .lock()
        .map_err(|_| bad_input("程序内部状态出错，请重新启动讲稿工坊。"))?;
    let session = guard
        .as_mut()
        .ok_or_else(|| bad_input("资料库没有打开，请在设置中选择资料库位置。"))?;
    f(session)
}

const SETTINGS_KEY: &str = "desktop.settings";

fn default_settings() -> Settings {
    Settings {
        layout: "official".into(),
        fonts: "windows".into(),
        page_numbers: "outside".into(),
        rate: stats::DEFAULT_RATE,
        target: 3000,
        export_format: "docx".into(),
        front_matter: false,
    }
}

fn load_settings(s: &Session) -> Settings {
    s.store
        .setting(SETTINGS_KEY)
        .ok()
        .flatten()
        .and_then(|v| serde_json::from_str(&v).ok())
        .unwrap_or_else(default_settings)
}

fn draft_target(s: &Session, draft: i64) -> u32 {
    s.store
        .setting(&format!("draft.{draft}.target"))
        .ok()
        .flatten()
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| load_settings(s).target)
}

fn type_name(id: &str) -> String {
    types::find(id)
        .map(|t| t.name.to_string())
        .unwrap_or_else(|_| id.to_string())
}

fn place(p: &PlaceArg) -> Res<Place> {
    let target = || p.target.ok_or_else(|| bad_input("没有指明放在哪里。"));
    Ok(match p.kind.as_str() {
        "end" => Place::End,
        "under" => Place::Under(target()?),
        "after" => Place::After(target()?),
        "before" => Place::Before(target()?),
        _ => return Err(bad_input("没有指明放在哪里。")),
    })
}

fn lead(s: &str) -> Res<LeadStyle> {
    LeadStyle::parse(s).map_err(ui_error)
}

fn stats_view(doc: &Document, rate: u32, target: u32) -> StatsView {
    let st = stats::stats(doc, rate);
    StatsView {
        chars: st.chars as u32,
        minutes: st.minutes,
        rate: st.rate,
        paragraphs: st.paragraphs as u32,
        unfilled: st.unfilled as u32,
        target,
    }
}

fn pages(doc: &Document) -> Vec<PageView> {
    preview::pages(doc, &Profile::official())
        .iter()
        .map(PageView::from)
        .collect()
}

fn slot_views(d: &Draft) -> Vec<SlotView> {
    let mut used: HashMap<String, Vec<Option<i64>>> = HashMap::new();
    let mut note = |text: &str, node: Option<i64>| {
        let mut names = Vec::new();
        slot::names_in(text, &mut names);
        for n in names {
            let v = used.entry(n).or_default();
            if !v.contains(&node) {
                v.push(node);
            }
        }
    };
    for t in [
        Some(&d.title),
        d.speaker.as_ref(),
        d.date.as_ref(),
        d.greeting.as_ref(),
    ]
    .into_iter()
    .flatten()
    {
        note(t, None);
    }
    fn walk(nodes: &[OutlineNode], note: &mut dyn FnMut(&str, Option<i64>)) {
        for n in nodes {
            note(&n.text, Some(n.id));
            walk(&n.children, note);
        }
    }
    walk(&d.nodes, &mut note);
    d.slots()
        .into_iter()
        .map(|s| SlotView {
            used_in: used.remove(&s.def.name).unwrap_or_default(),
            name: s.def.name,
            label: s.def.label,
            kind: s.def.kind.id().into(),
            example: s.def.example,
            profile: s.def.profile,
            value: s.value,
            filled: s.filled,
            uses: s.uses as u32,
        })
        .collect()
}

/// An item's stored text as the editor shows it: bold spans, and slots as chips.
pub fn pieces(text: &str) -> Vec<PieceView> {
    let mut out = Vec::new();
    for span in jianggao::markup::spans(text) {
        for p in slot::pieces(span.text) {
            out.push(match p {
                slot::Piece::Text(t) => PieceView {
                    raw: t.to_string(),
                    slot: None,
                    bold: span.bold,
                },
                slot::Piece::Slot(r) => PieceView {
                    raw: span.text[r.range.clone()].to_string(),
                    slot: Some(r.name),
                    bold: span.bold,
                },
            });
        }
    }
    out
}

fn outline_rows(d: &Draft, doc: &Document) -> Vec<OutlineRow> {
    let mut rows = Vec::new();
    fn walk(
        nodes: &[OutlineNode],
        ancestors: &mut Vec<i64>,
        depth: u32,
        doc: &Document,
        rows: &mut Vec<OutlineRow>,
    ) {
        for n in nodes {
            let r = doc.find(n.id);
            rows.push(OutlineRow {
                id: n.id,
                parent: ancestors.last().copied(),
                ancestors: ancestors.clone(),
                depth,
                kind: n.kind.id().into(),
                lead: n.lead.map(|l| l.id().into()),
                prefix: r.and_then(|r| r.prefix().map(str::to_string)),
                text: n.text.clone(),
                display: r.map(|r| r.text.clone()).unwrap_or_default(),
                pieces: pieces(&n.text),
                has_children: !n.children.is_empty(),
            });
            ancestors.push(n.id);
            walk(&n.children, ancestors, depth + 1, doc, rows);
            ancestors.pop();
        }
    }
    walk(&d.nodes, &mut Vec::new(), 0, doc, &mut rows);
    rows
}

fn run_check(doc: &Document, target: u32) -> Vec<check::Finding> {
    check::check_with(
        doc,
        &check::CheckOptions {
            target_chars: Some(target as usize),
        },
    )
}

fn findings(doc: &Document, target: u32) -> Vec<FindingView> {
    run_check(doc, target)
        .into_iter()
        .map(|f| FindingView {
            rule: f.rule.into(),
            message: f.message,
            node: f.node,
            part: f.part.into(),
            offset: f.offset as u32,
            length: f.length as u32,
            text: f.text,
            suggestion: f.suggestion,
            fix: f.fix,
            slot: f.slot,
        })
        .collect()
}

fn editor_state(s: &mut Session, id: i64) -> Res<EditorState> {
    let d = s.store.draft(id).map_err(ui_error)?;
    let doc = render(&d);
    let settings = load_settings(s);
    let target = draft_target(s, id);
    let h = s.history(id);
    let (can_undo, can_redo) = (h.can_undo(), h.can_redo());
    Ok(EditorState {
        id,
        title: d.title.clone(),
        display_title: doc.title.clone(),
        speech_type: d.speech_type.clone(),
        speech_type_name: type_name(&d.speech_type),
        outline: outline_rows(&d, &doc),
        slots: slot_views(&d),
        stats: stats_view(&doc, settings.rate, target),
        findings: findings(&doc, target),
        pages: pages(&doc),
        sheet: SheetView::of(&Profile::official()),
        can_undo,
        can_redo,
    })
}

fn summaries(s: &Session) -> Res<Vec<DraftSummary>> {
    let rate = load_settings(s).rate;
    let infos = s.store.drafts().map_err(ui_error)?;
    Ok(infos
        .into_iter()
        .map(|i| {
            let chars = s
                .store
                .draft(i.id)
                .map(|d| stats::stats(&render(&d), rate).chars as u32)
                .unwrap_or(0);
            DraftSummary {
                id: i.id,
                speech_type_name: type_name(&i.speech_type),
                title: i.title,
                speech_type: i.speech_type,
                template: i.template,
                unfilled: i.unfilled as u32,
                chars,
                created_at: i.created_at,
                updated_at: i.updated_at,
            }
        })
        .collect())
}

// ---- the library and start ----

#[tauri::command]
pub fn app_info(state: State<'_, AppState>) -> Res<AppInfo> {
    with(&state, |s| {
        let (blocks, phrases, templates) = s.store.library_counts().map_err(ui_error)?;
        Ok(AppInfo {
            version: env!("CARGO_PKG_VERSION").into(),
            library_path: s.path.display().to_string(),
            blocks: blocks as f64,
            phrases: phrases as f64,
            templates: templates as f64,
        })
    })
}

#[tauri::command]
pub fn speech_types(state: State<'_, AppState>) -> Res<Vec<SpeechTypeView>> {
    with(&state, |s| {
        let all = s.store.templates(None).map_err(ui_error)?;
        Ok(SPEECH_TYPES
            .iter()
            .map(|t| SpeechTypeView {
                id: t.id.into(),
                name: t.name.into(),
                description: t.description.into(),
                templates: all
                    .iter()
                    .filter(|tp| tp.speech_type == t.id)
                    .map(|tp| TemplateView {
                        id: tp.id.clone(),
                        name: tp.name.clone(),
                        description: tp.description.clone(),
                        sections: tp
                            .sections
                            .iter()
                            .filter_map(|sec| sec.heading.clone())
                            .collect(),
                        slot_count: tp.slots.len() as u32,
                    })
                    .collect(),
            })
            .collect())
    })
}

// ---- drafts ----

#[tauri::command]
pub fn list_drafts(state: State<'_, AppState>) -> Res<Vec<DraftSummary>> {
    with(&state, |s| summaries(s))
}

/// Starts a draft from a template (profile slots pre-filled); the slot form follows.
#[tauri::command]
pub fn create_draft(state: State<'_, AppState>, template: String) -> Res<EditorState> {
    with(&state, |s| {
        let id = s
            .store
            .create_draft(&template, None, &[])
            .map_err(ui_error)?;
        editor_state(s, id)
    })
}

#[tauri::command]
pub fn open_draft(state: State<'_, AppState>, id: i64) -> Res<EditorState> {
    with(&state, |s| editor_state(s, id))
}

#[tauri::command]
pub fn rename_draft(state: State<'_, AppState>, id: i64, title: String) -> Res<Vec<DraftSummary>> {
    with(&state, |s| {
        s.record(id)?;
        s.store.rename_draft(id, &title).map_err(ui_error)?;
        summaries(s)
    })
}

#[tauri::command]
pub fn duplicate_draft(state: State<'_, AppState>, id: i64) -> Res<Vec<DraftSummary>> {
    with(&state, |s| {
        s.store.duplicate_draft(id).map_err(ui_error)?;
        summaries(s)
    })
}

#[tauri::command]
pub fn delete_draft(state: State<'_, AppState>, id: i64) -> Res<Vec<DraftSummary>> {
    with(&state, |s| {
        let snap = Snapshot::take(&s.store, id).map_err(ui_error)?;
        s.store.delete_draft(id).map_err(ui_error)?;
        s.deleted_drafts.push(snap);
        summaries(s)
    })
}

/// Brings back the draft deleted last.
#[tauri::command]
pub fn undo_delete_draft(state: State<'_, AppState>) -> Res<Vec<DraftSummary>> {
    with(&state, |s| {
        if let Some(snap) = s.deleted_drafts.pop() {
            snap.restore(&mut s.store).map_err(ui_error)?;
        }
        summaries(s)
    })
}

#[tauri::command]
pub fn set_target(state: State<'_, AppState>, id: i64, target: u32) -> Res<EditorState> {
    with(&state, |s| {
        s.store
            .set_setting(&format!("draft.{id}.target"), &target.max(1).to_string())
            .map_err(ui_error)?;
        editor_state(s, id)
    })
}

// ---- editing ----

#[tauri::command]
pub fn set_slots(state: State<'_, AppState>, id: i64, values: Vec<SlotValue>) -> Res<EditorState> {
    with(&state, |s| {
        let pairs: Vec<(String, String)> = values.into_iter().map(|v| (v.name, v.value)).collect();
        s.record(id)?;
        s.store.set_slots(id, &pairs).map_err(ui_error)?;
        editor_state(s, id)
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
    with(&state, |s| {
        let mut d = s.store.draft(id).map_err(ui_error)?;
        fn set(nodes: &mut [OutlineNode], id: i64, text: &str) -> bool {
            nodes.iter_mut().any(|n| {
                if n.id == id {
                    n.text = text.to_string();
                    true
                } else {
                    set(&mut n.children, id, text)
                }
            })
        }
        set(&mut d.nodes, node, &text);
        let doc = render(&d);
        let rate = load_settings(s).rate;
        Ok(PreviewState {
            stats: stats_view(&doc, rate, draft_target(s, id)),
            pages: pages(&doc),
            sheet: SheetView::of(&Profile::official()),
        })
    })
}

/// Saves an item's text. Consecutive saves of one item are one undo step.
#[tauri::command]
pub fn edit_text(state: State<'_, AppState>, id: i64, node: i64, text: String) -> Res<EditorState> {
    with(&state, |s| {
        if s.last_edit != Some((id, node)) {
            s.record(id)?;
        }
        s.store
            .edit_node(id, node, Some(&text), None, None)
            .map_err(ui_error)?;
        s.last_edit = Some((id, node));
        editor_state(s, id)
    })
}

#[tauri::command]
pub fn set_title(state: State<'_, AppState>, id: i64, title: String) -> Res<EditorState> {
    with(&state, |s| {
        s.record(id)?;
        s.store.rename_draft(id, &title).map_err(ui_error)?;
        editor_state(s, id)
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
        let kind = NodeKind::parse(&kind).map_err(ui_error)?;
        let lead = lead.as_deref().map(self::lead).transpose()?;
        s.record(id)?;
        s.store
            .edit_node(id, node, None, lead, Some(kind))
            .map_err(ui_error)?;
        editor_state(s, id)
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
        let node = NewNode::new(NodeKind::parse(&kind).map_err(ui_error)?, text);
        let place = place(&at)?;
        s.record(id)?;
        let ids = s
            .store
            .insert_nodes(id, vec![node], place)
            .map_err(ui_error)?;
        Ok((
            editor_state(s, id)?,
            ids.into_iter().map(|i| i as f64).collect(),
        ))
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
        let place = place(&at)?;
        s.record(id)?;
        let ids = s
            .store
            .insert_block(id, &block.to_string(), place)
            .map_err(ui_error)?;
        Ok((
            editor_state(s, id)?,
            ids.into_iter().map(|i| i as f64).collect(),
        ))
    })
}

#[tauri::command]
pub fn move_node(state: State<'_, AppState>, id: i64, node: i64, to: PlaceArg) -> Res<EditorState> {
    with(&state, |s| {
        let place = place(&to)?;
        s.record(id)?;
        s.store.move_node(id, node, place).map_err(ui_error)?;
        editor_state(s, id)
    })
}

#[tauri::command]
pub fn remove_node(state: State<'_, AppState>, id: i64, node: i64) -> Res<EditorState> {
    with(&state, |s| {
        s.record(id)?;
        s.store.remove_node(id, node).map_err(ui_error)?;
        editor_state(s, id)
    })
}

/// Applies the check's safe fixes: all of them, or the one at `index` of the findings.
#[tauri::command]
pub fn fix_findings(
    state: State<'_, AppState>,
    id: i64,
    index: Option<u32>,
) -> Res<(EditorState, u32)> {
    with(&state, |s| {
        let d = s.store.draft(id).map_err(ui_error)?;
        let all = run_check(&render(&d), draft_target(s, id));
        let chosen: Vec<check::Finding> = match index {
            Some(i) => all.into_iter().skip(i as usize).take(1).collect(),
            None => all,
        };
        s.record(id)?;
        let report = s.store.apply_fixes(id, &chosen).map_err(ui_error)?;
        Ok((editor_state(s, id)?, report.fixed.len() as u32))
    })
}

#[tauri::command]
pub fn undo(state: State<'_, AppState>, id: i64) -> Res<EditorState> {
    with(&state, |s| {
        s.last_edit = None;
        let mut h = s.histories.remove(&id).unwrap_or_default();
        let r = h.undo(&mut s.store, id);
        s.histories.insert(id, h);
        r.map_err(ui_error)?;
        editor_state(s, id)
    })
}

#[tauri::command]
pub fn redo(state: State<'_, AppState>, id: i64) -> Res<EditorState> {
    with(&state, |s| {
        s.last_edit = None;
        let mut h = s.histories.remove(&id).unwrap_or_default();
        let r = h.redo(&mut s.store, id);
        s.histories.insert(id, h);
        r.map_err(ui_error)?;
        editor_state(s, id)
    })
}

// ---- library ----

pub fn block_view(b: jianggao::store::Block) -> BlockView {
    BlockView {
        id: b.id,
        plain_title: jianggao::markup::plain_line(&b.title),
        plain_text: jianggao::markup::plain_line(&b.text),
        title: b.title,
        text: b.text,
        lead: b.lead.id().into(),
        types: b.types,
        tags: b.tags,
        favourite: b.favourite,
        use_count: b.use_count,
        builtin: b.builtin,
    }
}

pub fn phrase_view(p: jianggao::store::Phrase) -> PhraseView {
    PhraseView {
        id: p.id,
        plain_text: jianggao::markup::plain_line(&p.text),
        text: p.text,
        tags: p.tags,
        types: p.types,
        favourite: p.favourite,
        use_count: p.use_count,
    }
}

#[tauri::command(async)]
pub fn search_blocks(
    state: State<'_, AppState>,
    query: String,
    speech_type: Option<String>,
    tag: Option<String>,
    limit: u32,
) -> Res<Vec<BlockView>> {
    with(&state, |s| {
        let q = BlockQuery {
            text: query,
            speech_type: speech_type.filter(|t| !t.is_empty()),
            tag: tag.filter(|t| !t.is_empty()),
            limit: limit.clamp(1, 1000) as usize,
        };
        Ok(s.store
            .search_blocks(&q)
            .map_err(ui_error)?
            .into_iter()
            .map(block_view)
            .collect())
    })
}

#[tauri::command(async)]
pub fn search_phrases(
    state: State<'_, AppState>,
    query: String,
    limit: u32,
) -> Res<Vec<PhraseView>> {
    with(&state, |s| {
        Ok(s.store
            .search_phrases(&query, limit.clamp(1, 1000) as usize)
            .map_err(ui_error)?
            .into_iter()
            .map(phrase_view)
            .collect())
    })
}

pub fn new_block(input: BlockInput) -> Res<NewBlock> {
    Ok(NewBlock {
        title: Some(input.title).filter(|t| !t.trim().is_empty()),
        text: input.text,
        lead: lead(&input.lead)?,
        types: input.types,
        tags: input.tags,
    })
}

#[tauri::command]
pub fn add_block(state: State<'_, AppState>, block: BlockInput) -> Res<BlockView> {
    with(&state, |s| {
        let id = s.store.add_block(new_block(block)?).map_err(ui_error)?;
        s.store
            .block(&id.to_string())
            .map(block_view)
            .map_err(ui_error)
    })
}

/// Saves an outline item (with everything under it) as a new library block.
#[tauri::command]
pub fn save_node_to_library(
    state: State<'_, AppState>,
    id: i64,
    node: i64,
    tags: Vec<String>,
) -> Res<BlockView> {
    with(&state, |s| {
        let d = s.store.draft(id).map_err(ui_error)?;
        let n = d
            .find(node)
            .ok_or_else(|| ui_error(jianggao::Error::not_found("no item")))?;
        fn to_new(n: &OutlineNode) -> NewNode {
            NewNode {
                kind: n.kind,
                text: n.text.clone(),
                lead: n.lead,
                source_block: None,
                children: n.children.iter().map(to_new).collect(),
            }
        }
        let text = jianggao::markup::write_outline(&[to_new(n)]);
        let block = NewBlock {
            title: None,
            text,
            lead: n.lead.unwrap_or_default(),
            types: vec![d.speech_type.clone()],
            tags,
        };
        let bid = s.store.add_block(block).map_err(ui_error)?;
        s.store
            .block(&bid.to_string())
            .map(block_view)
            .map_err(ui_error)
    })
}

#[tauri::command]
pub fn add_phrase(state: State<'_, AppState>, phrase: PhraseInput) -> Res<PhraseView> {
    with(&state, |s| {
        let id = s
            .store
            .add_phrase(&phrase.text, &phrase.tags, &phrase.types)
            .map_err(ui_error)?;
        s.store.phrase(id).map(phrase_view).map_err(ui_error)
    })
}

// ---- settings ----

#[tauri::command]
pub fn get_settings(state: State<'_, AppState>) -> Res<Settings> {
    with(&state, |s| Ok(load_settings(s)))
}

#[tauri::command]
pub fn set_settings(state: State<'_, AppState>, settings: Settings) -> Res<Settings> {
    with(&state, |s| {
        let mut v = settings;
        v.rate = v.rate.clamp(60, 600);
        v.target = v.target.clamp(100, 100_000);
        if !matches!(v.layout.as_str(), "official" | "podium")
            || !matches!(v.fonts.as_str(), "windows" | "gb2312" | "founder")
            || !matches!(v.page_numbers.as_str(), "outside" | "center")
            || !matches!(v.export_format.as_str(), "docx" | "md")
        {
            return Err(bad_input("设置的取值不对。"));
        }
        let json = serde_json::to_string(&v).map_err(|_| bad_input("设置的取值不对。"))?;
        s.store.set_setting(SETTINGS_KEY, &json).map_err(ui_error)?;
        Ok(v)
    })
}

/// The profile slots (单位, 讲话人, 职务 …) with their remembered values.
#[tauri::command]
pub fn get_profile(state: State<'_, AppState>) -> Res<Vec<ProfileEntry>> {
    with(&state, |s| {
        let values: HashMap<String, String> =
            s.store.profile().map_err(ui_error)?.into_iter().collect();
        Ok(jianggao::assets::catalogue()
            .values()
            .filter(|d| d.profile)
            .map(|d| ProfileEntry {
                name: d.name.clone(),
                label: d.label.clone(),
                value: values.get(&d.name).cloned().unwrap_or_default(),
            })
            .collect())
    })
}

#[tauri::command]
pub fn set_profile(
    state: State<'_, AppState>,
    entries: Vec<ProfileEntry>,
) -> Res<Vec<ProfileEntry>> {
    with(&state, |s| {
        let pairs: Vec<(String, String)> = entries.into_iter().map(|e| (e.name, e.value)).collect();
        s.store.set_profile(&pairs).map_err(ui_error)?;
        Ok(())
    })?;
    get_profile(state)
}

// ---- files: only where the writer chose in a native dialog ----

fn export_bytes(doc: &Document, args: &ExportArgs, settings: &Settings) -> Res<Vec<u8>> {
    match args.format.as_str() {
        "md" => Ok(markdown::to_markdown(
            doc,
            MarkdownOptions {
                front_matter: args.front_matter,
            },
        )
        .into_bytes()),
        "docx" => {
            let layout = match args.layout.as_str() {
                "podium" => Layout::Podium,
                _ => Layout::Official,
            };
            let fonts = match args.fonts.as_str() {
                "gb2312" => FontSet::Gb2312,
                "founder" => FontSet::Founder,
                _ => FontSet::Windows,
            };
            let numbers = match settings.page_numbers.as_str() {
                "center" => Some(PageNumbers::Center),
                _ => None,
            };
            docx::to_docx(doc, &DocxOptions::new(layout, fonts, numbers)).map_err(ui_error)
        }
        _ => Err(bad_input("不支持这种导出格式。")),
    }
}

/// A file name from the title: characters file systems refuse are dropped.
fn file_stem(title: &str) -> String {
    let stem: String = title
        .chars()
        .filter(|c| {
            !matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') && !c.is_control()
        })
        .take(60)
        .collect();
    if stem.trim().is_empty() {
        "讲稿".into()
    } else {
        stem.trim().to_string()
    }
}

/// Exports through the native save dialog; remembers the choices and the folder.
#[tauri::command]
pub async fn export_draft(
    app: AppHandle,
    state: State<'_, AppState>,
    id: i64,
    args: ExportArgs,
) -> Res<ExportResult> {
    let (doc, settings, last_dir) = with(&state, |s| {
        let d = s.store.draft(id).map_err(ui_error)?;
        let mut settings = load_settings(s);
        settings.export_format = args.format.clone();
        if args.format == "docx" {
            settings.layout = args.layout.clone();
            settings.fonts = args.fonts.clone();
        } else {
            settings.front_matter = args.front_matter;
        }
        let json = serde_json::to_string(&settings).unwrap_or_default();
        s.store.set_setting(SETTINGS_KEY, &json).map_err(ui_error)?;
        let dir = s.store.setting("desktop.export_dir").map_err(ui_error)?;
        Ok((render(&d), settings, dir))
    })?;
    let bytes = export_bytes(&doc, &args, &settings)?;
    let ext = if args.format == "md" { "md" } else { "docx" };
    let suffix = if args.format == "docx" && args.layout == "podium" {
        "（大字版）"
    } else {
        ""
    };
    let name = format!("{}{suffix}.{ext}", file_stem(&doc.title));
    let chosen: Option<PathBuf> = match std::env::var_os("JIANGGAO_E2E_SAVE_DIR") {
        // The end-to-end tests cannot answer a native dialog: they name a folder at launch.
        Some(dir) => Some(PathBuf::from(dir).join(&name)),
        None => {
            let mut dialog = app
                .dialog()
                .file()
                .set_title("导出讲稿")
                .set_file_name(&name);
            dialog = if ext == "md" {
                dialog.add_filter("Markdown 文本", &["md"])
            } else {
                dialog.add_filter("Word 文档", &["docx"])
            };
            if let Some(dir) = last_dir
                .as_deref()
                .filter(|d| std::path::Path::new(d).is_dir())
            {
                dialog = dialog.set_directory(dir);
            }
            dialog.blocking_save_file().and_then(|p| p.into_path().ok())
        }
    };
    let Some(path) = chosen else {
        return Ok(ExportResult {
            path: None,
            findings: 0,
        });
    };
    jianggao::export::write_file(&path, &bytes).map_err(ui_error)?;
    let findings = check::check(&doc).len() as u32;
    with(&state, |s| {
        if let Some(dir) = path.parent() {
            s.store
                .set_setting("desktop.export_dir", &dir.to_string_lossy())
                .map_err(ui_error)?;
        }
        Ok(())
    })?;
    Ok(ExportResult {
        path: Some(path.display().to_string()),
        findings,
    })
}

/// Opens another library file (or creates one) chosen in a native dialog, and remembers it.
#[tauri::command]
pub async fn choose_library(
    app: AppHandle,
    state: State<'_, AppState>,
    create: bool,
) -> Res<Option<AppInfo>> {
    let dialog = app
        .dialog()
        .file()
        .set_title(if create {
            "新建资料库"
        } else {
            "打开资料库"
        })
        .add_filter("讲稿工坊资料库", &["sqlite3", "db"]);
    let picked = if create {
        dialog.set_file_name("library.sqlite3").blocking_save_file()
    } else {
        dialog.blocking_pick_file()
    };
    let Some(path) = picked.and_then(|p| p.into_path().ok()) else {
        return Ok(None);
    };
    let session = Session::open(&path)?;
    if let Ok(dir) = app.path().app_config_dir() {
        write_config(&dir, &path)?;
    }
    {
        let mut guard = state
            .0
            .lock()
            .map_err(|_| bad_input("程序内部状态出错，请重新启动讲稿工坊。"))?;
        *guard = Some(session);
    }
    app_info(state).map(Some)
}

/// Opens the library at startup.
pub fn open_library(app: &AppHandle) -> Res<Session> {
    let config = app.path().app_config_dir().ok();
    let path = library_path(config.as_deref())?;
    Session::open(&path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_keep_bold_and_slots() {
        let p = pieces("**一年来{{单位}}**坚持{{年份|中文}}");
        let shown: Vec<(&str, Option<&str>, bool)> = p
            .iter()
            .map(|p| (p.raw.as_str(), p.slot.as_deref(), p.bold))
            .collect();
        assert_eq!(
            shown,
            vec![
                ("一年来", None, true),
                ("{{单位}}", Some("单位"), true),
                ("坚持", None, false),
                ("{{年份|中文}}", Some("年份"), false),
            ]
        );
    }

    #[test]
    fn file_names_drop_what_file_systems_refuse() {
        assert_eq!(file_stem("在“五一”大会上的讲话"), "在“五一”大会上的讲话");
        assert_eq!(file_stem("a/b:c?"), "abc");
        assert_eq!(file_stem("  "), "讲稿");
    }
}
