//! The import wizard (导入旧讲稿): old speeches chosen in the native open dialog are read
//! and analysed here by the core (`jianggao::import`), the writer reviews the candidate
//! blocks in the web view, and the ones kept go into the library in one transaction.
//! The web view never names a file: paths come only from the dialog (or, for the
//! end-to-end tests, from `JIANGGAO_E2E_OPEN_FILES` set at launch).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;

use jianggao::import::{self, clean, Analysis, Candidate};
use jianggao::outline::{LeadStyle, NewNode, NodeKind};
use jianggao::store::Store;
use jianggao::types;

use crate::commands::{pieces, with, AppState, Res};
use crate::dto::{
    CandidateLine, CandidateView, ImportFileView, ImportReportView, RemovedView, SlotChip,
};
use crate::session::ui_error;

const DIR_KEY: &str = "desktop.import_dir";

/// A slot's kind: as the import guessed it, else as the core describes the name.
fn slot_chips(names: &[String], known: &HashMap<String, String>) -> Vec<SlotChip> {
    names
        .iter()
        .map(|n| SlotChip {
            name: n.clone(),
            kind: known
                .get(n)
                .cloned()
                .unwrap_or_else(|| jianggao::draft::slot_def(&[], n).kind.id().to_string()),
        })
        .collect()
}

pub fn candidate_view(c: &Candidate, known: &HashMap<String, String>) -> CandidateView {
    let shape = c.shape();
    CandidateView {
        title: c.title.clone(),
        text: c.text.clone(),
        lead: c.lead.id().to_string(),
        types: c.types.clone(),
        tags: c.tags.clone(),
        slots: slot_chips(&c.slots, known),
        duplicate_of: c.duplicate_of,
        kind: shape.kind.id().to_string(),
        depth: shape.depth as u32,
        headings: shape.headings as u32,
        items: shape.items as u32,
        paragraphs: shape.paragraphs as u32,
        lines: lines(&c.outline()),
    }
}

/// The outline as lines for the card, headings with their level inside the block.
fn lines(nodes: &[NewNode]) -> Vec<CandidateLine> {
    fn walk(nodes: &[NewNode], depth: u32, out: &mut Vec<CandidateLine>) {
        for n in nodes {
            let heading = n.kind == NodeKind::Heading;
            out.push(CandidateLine {
                kind: n.kind.id().to_string(),
                depth: if heading { depth + 1 } else { 0 },
                pieces: pieces(&n.text),
            });
            walk(&n.children, depth + u32::from(heading), out);
        }
    }
    let mut out = Vec::new();
    walk(nodes, 0, &mut out);
    out
}

/// The candidate a view stands for; what the core derives (slots, duplicate) is derived
/// again, not taken from the web view.
pub fn candidate(v: &CandidateView) -> Res<Candidate> {
    let mut slots = Vec::new();
    jianggao::slot::names_in(&v.text, &mut slots);
    Ok(Candidate {
        title: v.title.clone(),
        text: v.text.clone(),
        lead: LeadStyle::parse(&v.lead).map_err(ui_error)?,
        types: v.types.clone(),
        tags: v.tags.clone(),
        slots,
        duplicate_of: None,
    })
}

fn known_kinds(v: &CandidateView) -> HashMap<String, String> {
    v.slots
        .iter()
        .map(|s| (s.name.clone(), s.kind.clone()))
        .collect()
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

/// The analysis of one file as the wizard shows it; duplicates flagged against `store`.
pub fn file_view(a: &mut Analysis, store: &Store) -> Res<ImportFileView> {
    store.flag_duplicates(&mut a.candidates).map_err(ui_error)?;
    let known: HashMap<String, String> = a
        .blocks
        .iter()
        .flat_map(|b| &b.slots)
        .map(|g| (g.name.clone(), g.kind.id().to_string()))
        .collect();
    Ok(ImportFileView {
        name: a.file.clone(),
        error: None,
        format: a.format.to_string(),
        encoding: a.encoding.map(str::to_string),
        traditional: a.traditional,
        title: a.title.clone(),
        speech_type: a
            .speech_type
            .as_deref()
            .and_then(|t| types::find(t).ok())
            .map(|t| t.name.to_string()),
        cleaned_text: a.cleaned_text.clone(),
        removed: a
            .removed
            .iter()
            .map(|r| RemovedView {
                text: r.text.clone(),
                reason: r.reason.to_string(),
                label: clean::reason_label(r.reason).to_string(),
            })
            .collect(),
        candidates: a
            .candidates
            .iter()
            .map(|c| candidate_view(c, &known))
            .collect(),
    })
}

fn failed(name: String, message: String) -> ImportFileView {
    ImportFileView {
        name,
        error: Some(message),
        format: String::new(),
        encoding: None,
        traditional: false,
        title: None,
        speech_type: None,
        cleaned_text: String::new(),
        removed: Vec::new(),
        candidates: Vec::new(),
    }
}

/// Reads and analyses one file (no store needed); a file that cannot be imported
/// becomes a view with its Chinese message.
pub fn analyze_path(path: &Path) -> Result<Analysis, Box<ImportFileView>> {
    let name = file_name(path);
    import::read_file(path)
        .and_then(|bytes| import::analyze(&bytes, &name))
        .map_err(|e| Box::new(failed(name, ui_error(e).message)))
}

/// Files named for the end-to-end tests at launch, which cannot answer a native dialog.
fn e2e_files() -> Option<Vec<PathBuf>> {
    std::env::var_os("JIANGGAO_E2E_OPEN_FILES").map(|v| std::env::split_paths(&v).collect())
}

/// Asks for old speeches (.txt .md .docx) in the native open dialog and analyses each;
/// an empty list when the writer cancels. Nothing is stored.
#[tauri::command]
pub async fn choose_import_files(
    app: AppHandle,
    state: State<'_, AppState>,
) -> Res<Vec<ImportFileView>> {
    let paths = match e2e_files() {
        Some(p) => p,
        None => {
            let last_dir = with(&state, |s| s.store.setting(DIR_KEY).map_err(ui_error))?;
            let mut dialog = app.dialog().file().set_title("导入旧讲稿").add_filter(
                "讲稿文件（.txt .md .docx）",
                &["txt", "md", "markdown", "docx"],
            );
            if let Some(dir) = last_dir.as_deref().filter(|d| Path::new(d).is_dir()) {
                dialog = dialog.set_directory(dir);
            }
            dialog
                .blocking_pick_files()
                .unwrap_or_default()
                .into_iter()
                .filter_map(|p| p.into_path().ok())
                .collect()
        }
    };
    if paths.is_empty() {
        return Ok(Vec::new());
    }
    // Read and analysed without the library locked: only the duplicate check needs it.
    let analyses: Vec<Result<Analysis, Box<ImportFileView>>> =
        paths.iter().map(|p| analyze_path(p)).collect();
    with(&state, |s| {
        if let Some(dir) = paths.first().and_then(|p| p.parent()) {
            s.store
                .set_setting(DIR_KEY, &dir.to_string_lossy())
                .map_err(ui_error)?;
        }
        analyses
            .into_iter()
            .map(|a| match a {
                Ok(mut a) => file_view(&mut a, &s.store),
                Err(view) => Ok(*view),
            })
            .collect()
    })
}

/// The writer's edit of a candidate: slots read again, title following the text unless
/// the writer wrote one, duplicates checked again.
#[tauri::command]
pub fn revise_candidate(
    state: State<'_, AppState>,
    candidate: CandidateView,
    title: String,
    text: String,
) -> Res<CandidateView> {
    let known = known_kinds(&candidate);
    let mut c = self::candidate(&candidate)?;
    c.revise(&title, &text).map_err(ui_error)?;
    flagged(&state, c, &known)
}

/// A candidate and the one after it as one block.
#[tauri::command]
pub fn merge_candidates(
    state: State<'_, AppState>,
    first: CandidateView,
    second: CandidateView,
) -> Res<CandidateView> {
    let mut known = known_kinds(&second);
    known.extend(known_kinds(&first));
    let c = candidate(&first)?.merge(&candidate(&second)?);
    flagged(&state, c, &known)
}

/// The candidate as the window shows it, checked again against the library.
fn flagged(
    state: &State<'_, AppState>,
    mut c: Candidate,
    known: &HashMap<String, String>,
) -> Res<CandidateView> {
    with(state, |s| {
        s.store
            .flag_duplicates(std::slice::from_mut(&mut c))
            .map_err(ui_error)
    })?;
    Ok(candidate_view(&c, known))
}

/// Stores the candidates the writer kept, with `tags` added to each, in one transaction;
/// texts the library already holds are skipped.
pub fn accept(
    store: &mut Store,
    candidates: &[CandidateView],
    tags: &[String],
) -> Res<ImportReportView> {
    let candidates = candidates.iter().map(candidate).collect::<Res<Vec<_>>>()?;
    let report = store
        .accept_candidates(&candidates, tags)
        .map_err(ui_error)?;
    Ok(ImportReportView {
        added: report.added.into_iter().map(|a| a.title).collect(),
        skipped: report.skipped.len() as u32,
    })
}

#[tauri::command]
pub fn accept_import(
    state: State<'_, AppState>,
    candidates: Vec<CandidateView>,
    tags: Vec<String>,
) -> Res<ImportReportView> {
    with(&state, |s| accept(&mut s.store, &candidates, &tags))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_card_shows_the_core_outline_with_slots_apart() {
        let c = Candidate {
            title: String::new(),
            text: "# 加强{{单位}}建设\n\n- 一条**要点**，在{{年份|年}}完成。\n\n一段话\n接着写。"
                .into(),
            lead: LeadStyle::parse("shi").unwrap(),
            types: Vec::new(),
            tags: Vec::new(),
            slots: Vec::new(),
            duplicate_of: None,
        };
        let lines = candidate_view(&c, &HashMap::new()).lines;
        let shape: Vec<(&str, u32)> = lines.iter().map(|l| (l.kind.as_str(), l.depth)).collect();
        assert_eq!(shape, [("heading", 1), ("item", 0), ("paragraph", 0)]);
        let first: Vec<(&str, Option<&str>)> = lines[0]
            .pieces
            .iter()
            .map(|p| (p.raw.as_str(), p.slot.as_deref()))
            .collect();
        assert_eq!(
            first,
            [("加强", None), ("{{单位}}", Some("单位")), ("建设", None)]
        );
        let item: String = lines[1]
            .pieces
            .iter()
            .map(|p| p.slot.as_deref().unwrap_or(&p.raw))
            .collect();
        assert_eq!(item, "一条要点，在年份完成。");
        assert_eq!(lines[2].pieces[0].raw, "一段话接着写。");
    }

    fn fixture(name: &str) -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../tests/fixtures/import")
            .join(name)
    }

    fn temp(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("jianggao-harvest-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(name);
        let _ = std::fs::remove_file(&path);
        path
    }

    #[test]
    fn a_file_becomes_candidates_with_chips_and_reasons_in_chinese() {
        let store = Store::open(&temp("chips.sqlite3")).unwrap();
        let mut a = analyze_path(&fixture("website-copy.txt")).unwrap();
        let v = file_view(&mut a, &store).unwrap();
        assert_eq!(v.name, "website-copy.txt");
        assert_eq!(v.error, None);
        assert!(!v.candidates.is_empty());
        assert!(!v.removed.is_empty());
        assert!(
            v.removed.iter().all(|r| !r.label.is_ascii()),
            "{:?}",
            v.removed
        );
        let chips: Vec<&SlotChip> = v.candidates.iter().flat_map(|c| &c.slots).collect();
        let year = chips.iter().find(|c| c.name == "年份").unwrap();
        assert_eq!(year.kind, "year");
        let heading = v.candidates.iter().find(|c| c.kind == "heading").unwrap();
        assert_eq!(heading.headings, 1);
        assert!(heading.items >= 1);
    }

    #[test]
    fn a_binary_or_missing_file_is_a_chinese_message() {
        let path = temp("照片.txt");
        std::fs::write(&path, [0x89, b'P', b'N', b'G', 0, 0, 0, 13, 0, 1, 2, 3]).unwrap();
        let v = analyze_path(&path).unwrap_err();
        let m = v.error.unwrap();
        assert!(m.contains("“照片.txt”不是文本文件"), "{m}");
        assert!(v.candidates.is_empty());
        let v = analyze_path(&temp("没有这个文件.docx")).unwrap_err();
        assert_eq!(v.error.as_deref(), Some("找不到“没有这个文件.docx”。"));
    }

    #[test]
    fn accepted_blocks_are_flagged_as_duplicates_the_next_time() {
        let mut store = Store::open(&temp("accept.sqlite3")).unwrap();
        let mut a = analyze_path(&fixture("website-copy.txt")).unwrap();
        let v = file_view(&mut a, &store).unwrap();
        assert!(v.candidates.iter().all(|c| c.duplicate_of.is_none()));
        // The writer drops the first one and adds a tag.
        let kept = &v.candidates[1..];
        let r = accept(&mut store, kept, &["推进会".to_string()]).unwrap();
        assert_eq!(r.added.len(), kept.len());
        assert_eq!(r.skipped, 0);
        let again = file_view(&mut a, &store).unwrap();
        assert!(again.candidates[0].duplicate_of.is_none());
        assert!(again.candidates[1..]
            .iter()
            .all(|c| c.duplicate_of.is_some()));
        let r = accept(&mut store, &again.candidates, &[]).unwrap();
        assert_eq!((r.added.len(), r.skipped as usize), (1, kept.len()));
    }

    #[test]
    fn a_view_with_a_bad_lead_or_text_stores_nothing() {
        let mut store = Store::open(&temp("bad.sqlite3")).unwrap();
        let mut a = analyze_path(&fixture("website-copy.txt")).unwrap();
        let v = file_view(&mut a, &store).unwrap();
        let mut bad = v.candidates.clone();
        bad[0].lead = "nonsense".into();
        let e = accept(&mut store, &bad, &[]).unwrap_err();
        assert!(!e.message.is_ascii());
        let mut bad = v.candidates.clone();
        bad[1].text = "未闭合的{{占位".into();
        let e = accept(&mut store, &bad, &[]).unwrap_err();
        assert!(e.message.contains("占位项"), "{}", e.message);
        let again = file_view(&mut a, &store).unwrap();
        assert!(again.candidates.iter().all(|c| c.duplicate_of.is_none()));
    }
}
