//! Import for the faces: files read and analysed (no library needed), candidates
//! flagged against the library, the views of the import wizard, and the kept candidates
//! stored in one transaction. Also the one reader of a text file a writer names
//! (`blocks add --file`): any encoding the import reads.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::editor::pieces;
use super::view::{
    CandidateLine, CandidateView, ImportFileView, ImportReportView, RemovedView, SlotChip,
    SpeechView, SplitView,
};
use super::Session;
use crate::error::{Error, Result};
use crate::import::{self, candidates::Split, clean, decode, Analysis, Candidate};
use crate::outline::{LeadStyle, NewNode, NodeKind};
use crate::store::{AcceptReport, Store};
use crate::types;

/// A text file the writer names: refused over the import's size limit, decoded as the
/// import decodes (UTF-8, UTF-16 with BOM, GB18030/GBK).
pub fn read_text_file(path: &Path) -> Result<String> {
    let bytes = import::read_file(path)?;
    Ok(decode::decode(&bytes, &path.display().to_string())?.0)
}

/// Slot values from a JSON object `{"届次": "十八", "先进个人数": 120}`.
pub fn slot_values_json(text: &str, file: &str) -> Result<Vec<(String, String)>> {
    let value: serde_json::Value = serde_json::from_str(text)
        .map_err(|e| Error::usage(format!("{file}: not valid JSON: {e}")))?;
    let obj = value.as_object().ok_or_else(|| {
        Error::usage(format!(
            "{file}: expected a JSON object of slot values, like {{\"届次\": \"十八\"}}"
        ))
    })?;
    obj.iter()
        .map(|(k, v)| match v {
            serde_json::Value::String(s) => Ok((k.clone(), s.clone())),
            serde_json::Value::Number(n) => Ok((k.clone(), n.to_string())),
            _ => Err(Error::usage(format!(
                "{file}: the value of {k:?} must be a string or a number"
            ))),
        })
        .collect()
}

/// A file's name without its folder.
fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

/// A slot's kind: as the import guessed it, else as the core describes the name.
fn slot_chips(names: &[String], known: &HashMap<String, String>) -> Vec<SlotChip> {
    names
        .iter()
        .map(|n| SlotChip {
            name: n.clone(),
            kind: known
                .get(n)
                .cloned()
                .unwrap_or_else(|| crate::draft::slot_def(&[], n).kind.id().to_string()),
        })
        .collect()
}

/// The outline as lines for the card, headings with their level inside the block, items
/// with the lead they will read (一是, 二是 …: counted per style under one parent, as the
/// render counts them).
fn lines(nodes: &[NewNode]) -> Vec<CandidateLine> {
    fn walk(nodes: &[NewNode], depth: u32, out: &mut Vec<CandidateLine>) {
        let count = |style: LeadStyle| nodes.iter().filter(|n| n.lead == Some(style)).count();
        let mut seen: HashMap<LeadStyle, usize> = HashMap::new();
        for n in nodes {
            let heading = n.kind == NodeKind::Heading;
            let lead = n.lead.filter(|_| n.kind == NodeKind::Item).map(|style| {
                let k = seen.entry(style).or_default();
                *k += 1;
                crate::numbering::lead(style, *k, count(style))
            });
            out.push(CandidateLine {
                kind: n.kind.id().to_string(),
                depth: if heading { depth + 1 } else { 0 },
                lead,
                pieces: pieces(&n.text),
            });
            walk(&n.children, depth + u32::from(heading), out);
        }
    }
    let mut out = Vec::new();
    walk(nodes, 0, &mut out);
    out
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
        splits: c
            .splits
            .iter()
            .map(|s| SplitView {
                original: s.original.clone(),
                lead: s.lead.id().to_string(),
                label: s.lead.label().to_string(),
                items: s.items as u32,
            })
            .collect(),
    }
}

/// The candidate a view stands for; what the core derives (slots, duplicate) is derived
/// again, not taken from the window.
fn candidate(v: &CandidateView) -> Result<Candidate> {
    let mut slots = Vec::new();
    crate::slot::names_in(&v.text, &mut slots);
    Ok(Candidate {
        title: v.title.clone(),
        text: v.text.clone(),
        lead: LeadStyle::parse(&v.lead)?,
        types: v.types.clone(),
        tags: v.tags.clone(),
        slots,
        duplicate_of: None,
        splits: v
            .splits
            .iter()
            .map(|s| {
                Ok(Split {
                    original: s.original.clone(),
                    lead: LeadStyle::parse(&s.lead)?,
                    items: s.items as usize,
                })
            })
            .collect::<Result<_>>()?,
    })
}

fn known_kinds(v: &CandidateView) -> HashMap<String, String> {
    v.slots
        .iter()
        .map(|s| (s.name.clone(), s.kind.clone()))
        .collect()
}

/// The analysis of one file as the wizard shows it; duplicates flagged against `store`.
pub fn file_view(a: &mut Analysis, store: &Store) -> Result<ImportFileView> {
    store.flag_duplicates(&mut a.candidates)?;
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
        unconverted: a.unconverted,
        title: a.title.clone(),
        speech_type: type_name(a.speech_type.as_deref()),
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
        speeches: a
            .speeches
            .iter()
            .map(|s| SpeechView {
                title: s.title.clone(),
                speech_type: type_name(s.speech_type.as_deref()),
                candidate_start: s.candidates[0] as u32,
                candidate_end: s.candidates[1] as u32,
            })
            .collect(),
    })
}

/// A speech type id's Chinese name.
fn type_name(id: Option<&str>) -> Option<String> {
    id.and_then(|t| types::find(t).ok())
        .map(|t| t.name.to_string())
}

/// A file that could not be imported, with its Chinese message.
fn failed(name: String, message: String) -> ImportFileView {
    ImportFileView {
        name,
        error: Some(message),
        format: String::new(),
        encoding: None,
        traditional: false,
        unconverted: false,
        title: None,
        speech_type: None,
        cleaned_text: String::new(),
        removed: Vec::new(),
        candidates: Vec::new(),
        speeches: Vec::new(),
    }
}

/// Reads and analyses one file; no library needed (so a face can do it unlocked). The
/// analysis is named by the file name, or by the path with `full_name`.
pub fn analyze_path(path: &Path, full_name: bool) -> Result<Analysis> {
    let name = if full_name {
        path.display().to_string()
    } else {
        file_name(path)
    };
    import::analyze(&import::read_file(path)?, &name)
}

impl Session {
    /// Every file analysed first (the first that cannot be read stops everything), then
    /// flagged against the library: the CLI's `import`.
    pub fn analyze_files(&self, paths: &[PathBuf]) -> Result<Vec<Analysis>> {
        let mut out = Vec::with_capacity(paths.len());
        for p in paths {
            let mut a = analyze_path(p, true)?;
            self.store.flag_duplicates(&mut a.candidates)?;
            out.push(a);
        }
        Ok(out)
    }

    /// The wizard's views of analysed files; one that could not be read shows its
    /// Chinese message and the others go on.
    pub fn import_views(
        &self,
        analyses: Vec<Result<Analysis>>,
        paths: &[PathBuf],
    ) -> Result<Vec<ImportFileView>> {
        analyses
            .into_iter()
            .zip(paths)
            .map(|(a, p)| match a {
                Ok(mut a) => file_view(&mut a, &self.store),
                Err(e) => Ok(failed(file_name(p), crate::messages::zh(&e))),
            })
            .collect()
    }

    /// Stores every candidate of the analyses with `tags` added, in one transaction.
    pub fn accept_analyses(
        &mut self,
        analyses: &[Analysis],
        tags: &[String],
    ) -> Result<AcceptReport> {
        let candidates: Vec<Candidate> = analyses
            .iter()
            .flat_map(|a| a.candidates.iter().cloned())
            .collect();
        self.store.accept_candidates(&candidates, tags)
    }

    /// The writer's edit of a candidate: slots read again, title following the text
    /// unless the writer wrote one, duplicates checked again.
    pub fn revise_candidate(
        &self,
        v: &CandidateView,
        title: &str,
        text: &str,
    ) -> Result<CandidateView> {
        let known = known_kinds(v);
        let mut c = candidate(v)?;
        c.revise(title, text)?;
        self.flagged(c, &known)
    }

    /// A candidate and the one after it as one block.
    pub fn merge_candidates(
        &self,
        first: &CandidateView,
        second: &CandidateView,
    ) -> Result<CandidateView> {
        let mut known = known_kinds(second);
        known.extend(known_kinds(first));
        let c = candidate(first)?.merge(&candidate(second)?);
        self.flagged(c, &known)
    }

    /// A line the cleaner removed, brought back by the writer as a candidate paragraph of
    /// its own (with the file's speech type), so no removal can lose a line of the speech.
    pub fn restore_removed(&self, text: &str, types: &[String]) -> Result<CandidateView> {
        let c = Candidate::restored(text, types)?;
        self.flagged(c, &HashMap::new())
    }

    /// A candidate with split enumeration `index` undone: the paragraph whole again.
    pub fn unsplit_candidate(&self, v: &CandidateView, index: u32) -> Result<CandidateView> {
        let c = candidate(v)?.unsplit(index as usize)?;
        self.flagged(c, &known_kinds(v))
    }

    fn flagged(&self, mut c: Candidate, known: &HashMap<String, String>) -> Result<CandidateView> {
        self.store.flag_duplicates(std::slice::from_mut(&mut c))?;
        Ok(candidate_view(&c, known))
    }

    /// Stores the candidates the writer kept, with `tags` added to each, in one
    /// transaction; texts the library already holds are skipped.
    pub fn accept_candidates(
        &mut self,
        views: &[CandidateView],
        tags: &[String],
    ) -> Result<ImportReportView> {
        let candidates = views.iter().map(candidate).collect::<Result<Vec<_>>>()?;
        let report = self.store.accept_candidates(&candidates, tags)?;
        Ok(ImportReportView {
            added: report.added.into_iter().map(|a| a.title).collect(),
            skipped: report.skipped.len() as u32,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn session() -> Session {
        Session::with_store(Store::open_in_memory().unwrap(), "memory".into())
    }

    fn fixture(name: &str) -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/import")
            .join(name)
    }

    fn views(s: &Session, path: &Path) -> Vec<ImportFileView> {
        s.import_views(vec![analyze_path(path, false)], &[path.to_path_buf()])
            .unwrap()
    }

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
            splits: Vec::new(),
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

    #[test]
    fn a_file_becomes_candidates_with_chips_and_reasons_in_chinese() {
        let s = session();
        let v = views(&s, &fixture("website-copy.txt")).remove(0);
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
        let dir = tempfile::tempdir().unwrap();
        let s = session();
        let path = dir.path().join("照片.txt");
        std::fs::write(&path, [0x89, b'P', b'N', b'G', 0, 0, 0, 13, 0, 1, 2, 3]).unwrap();
        let v = views(&s, &path).remove(0);
        let m = v.error.unwrap();
        assert!(m.contains("“照片.txt”不是文本文件"), "{m}");
        assert!(v.candidates.is_empty());
        let v = views(&s, &dir.path().join("没有这个文件.docx")).remove(0);
        assert_eq!(v.error.as_deref(), Some("找不到“没有这个文件.docx”。"));
    }

    #[test]
    fn accepted_blocks_are_flagged_as_duplicates_the_next_time() {
        let mut s = session();
        let path = fixture("website-copy.txt");
        let v = views(&s, &path).remove(0);
        assert!(v.candidates.iter().all(|c| c.duplicate_of.is_none()));
        // The writer drops the first one and adds a tag.
        let kept = &v.candidates[1..];
        let r = s.accept_candidates(kept, &["推进会".to_string()]).unwrap();
        assert_eq!(r.added.len(), kept.len());
        assert_eq!(r.skipped, 0);
        let again = views(&s, &path).remove(0);
        assert!(again.candidates[0].duplicate_of.is_none());
        assert!(again.candidates[1..]
            .iter()
            .all(|c| c.duplicate_of.is_some()));
        let r = s.accept_candidates(&again.candidates, &[]).unwrap();
        assert_eq!((r.added.len(), r.skipped as usize), (1, kept.len()));
    }

    #[test]
    fn a_view_with_a_bad_lead_or_text_stores_nothing() {
        let mut s = session();
        let v = views(&s, &fixture("website-copy.txt")).remove(0);
        let mut bad = v.candidates.clone();
        bad[0].lead = "nonsense".into();
        let e = s.accept_candidates(&bad, &[]).unwrap_err();
        assert!(!crate::messages::zh(&e).is_ascii());
        let mut bad = v.candidates.clone();
        bad[1].text = "未闭合的{{占位".into();
        let e = s.accept_candidates(&bad, &[]).unwrap_err();
        let m = crate::messages::zh(&e);
        assert!(m.contains("占位项"), "{m}");
        let again = views(&s, &fixture("website-copy.txt")).remove(0);
        assert!(again.candidates.iter().all(|c| c.duplicate_of.is_none()));
    }

    #[test]
    fn a_split_paragraph_shows_its_leads_and_can_be_undone_and_a_removed_line_restored() {
        let mut s = session();
        let page = "首页 > 讲话 > 防汛\n阅读：1024次\n同志们：\n今年防汛有三项任务：一是清理河道。二是加固堤坝。三是备足物资。\n谢谢大家，预祝防汛工作取得全面胜利！";
        let mut a = import::analyze_text(page, "防汛.txt").unwrap();
        let v = file_view(&mut a, &s.store).unwrap();
        let c = &v.candidates[0];
        assert_eq!(c.splits.len(), 1);
        assert_eq!(
            (c.splits[0].items, c.splits[0].label.as_str()),
            (3, "一是、二是")
        );
        let leads: Vec<Option<&str>> = c.lines.iter().map(|l| l.lead.as_deref()).collect();
        assert_eq!(leads, [None, Some("一是"), Some("二是"), Some("三是")]);
        // The window sends the view back (label and lines are not read from it).
        let back: CandidateView = serde_json::from_value(serde_json::to_value(c).unwrap()).unwrap();
        let whole = s.unsplit_candidate(&back, 0).unwrap();
        assert_eq!(
            whole.text,
            "今年防汛有三项任务：一是清理河道。二是加固堤坝。三是备足物资。"
        );
        assert!(whole.splits.is_empty() && whole.items == 0);
        let e = s.unsplit_candidate(&whole, 0).unwrap_err();
        assert!(crate::messages::zh(&e).contains("未作修改"));
        // Every removed line comes back as a candidate of its own.
        let nav = v.removed.iter().find(|r| r.reason == "navigation").unwrap();
        let restored = s.restore_removed(&nav.text, &c.types).unwrap();
        assert_eq!(restored.text, nav.text);
        assert!(s.restore_removed("  ", &[]).is_err());
        let r = s.accept_candidates(&[whole, restored], &[]).unwrap();
        assert_eq!(r.added.len(), 2);
    }

    /// `blocks add --file` reads a GBK file as `import` does (it used to refuse all but
    /// UTF-8).
    #[test]
    fn a_gbk_text_file_reads_like_an_import() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("旧段落.txt");
        let (gbk, _, _) = encoding_rs::GBK.encode("加强职工之家建设，办好职工食堂。");
        std::fs::write(&path, &gbk).unwrap();
        assert_eq!(
            read_text_file(&path).unwrap(),
            "加强职工之家建设，办好职工食堂。"
        );
    }
}
