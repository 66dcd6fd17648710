//! What the editor and the draft list show: built here from the draft and its document
//! (outline rows with their numbers, text pieces with slot chips, the slot panel with
//! where each slot is used, counts, findings, preview pages).

use std::collections::HashMap;

use super::settings::{self, Settings};
use super::view::*;
use super::Session;
use crate::check;
use crate::document::Document;
use crate::draft::{Draft, OutlineNode};
use crate::error::Result;
use crate::layout::LayoutProfile;
use crate::markup;
use crate::preview;
use crate::render::render;
use crate::slot;
use crate::stats;
use crate::types::{self, SPEECH_TYPES};

/// The Chinese names of the core's ids, each list in the core's order (`ALL`), which is
/// the order menus show.
pub fn labels() -> Labels {
    fn list<T: Copy>(
        all: &[T],
        id: fn(T) -> &'static str,
        label: fn(T) -> &'static str,
    ) -> Vec<LabelView> {
        all.iter()
            .map(|&x| LabelView {
                id: id(x).into(),
                label: label(x).into(),
            })
            .collect()
    }
    use crate::outline::{LeadStyle, NodeKind};
    use crate::slot::SlotKind;
    Labels {
        node_kinds: list(&NodeKind::ALL, NodeKind::id, NodeKind::label),
        leads: list(&LeadStyle::ALL, LeadStyle::id, LeadStyle::label),
        slot_kinds: list(&SlotKind::ALL, SlotKind::id, SlotKind::label),
    }
}

/// A speech type with its number of templates.
#[derive(Debug, Clone, serde::Serialize)]
pub struct TypeRow {
    pub id: &'static str,
    pub name: &'static str,
    pub description: &'static str,
    pub templates: usize,
}

/// A speech type's Chinese name (the id itself for one this version does not know).
pub(super) fn type_name(id: &str) -> String {
    types::find(id)
        .map(|t| t.name.to_string())
        .unwrap_or_else(|_| id.to_string())
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

/// The layout the preview shows: the settings' layout with their page numbers, as the
/// window's export makes it.
fn preview_profile(s: &Settings) -> LayoutProfile {
    let p = LayoutProfile::for_layout(s.layout);
    match s.page_numbers_override() {
        Some(n) => p.with_page_numbers(n),
        None => p,
    }
}

/// Every slot of the draft with its value and the items whose text uses it.
fn slot_views(d: &Draft) -> Vec<SlotView> {
    let mut used: HashMap<String, Vec<Option<i64>>> = HashMap::new();
    let mut note = |text: &str, node: Option<i64>| {
        let mut names = Vec::new();
        crate::logic::slots_in(text, &mut names);
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
            shared: d.shared.contains(&s.def.name),
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
    for span in markup::spans(text) {
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
                note: n.note.clone(),
                generated: if crate::logic::is_logic(&n.text) {
                    doc.walk()
                        .filter(|p| p.id == n.id)
                        .map(|p| p.display_text())
                        .collect()
                } else {
                    Vec::new()
                },
                logic_tags: crate::logic::has_tags(&n.text),
            });
            ancestors.push(n.id);
            walk(&n.children, ancestors, depth + 1, doc, rows);
            ancestors.pop();
        }
    }
    let mut rows = Vec::new();
    walk(&d.nodes, &mut Vec::new(), 0, doc, &mut rows);
    rows
}

fn finding_views(findings: Vec<check::Finding>) -> Vec<FindingView> {
    findings
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
            class: f.class.unwrap_or("格式").into(),
            level: f.level.unwrap_or(check::Level::Note).zh().into(),
            basis: f.basis.map(String::from),
        })
        .collect()
}

impl Session {
    pub fn settings(&self) -> Result<Settings> {
        Settings::load(&self.store)
    }

    pub fn set_settings(&mut self, s: Settings) -> Result<Settings> {
        s.save(&mut self.store)?;
        Ok(s)
    }

    pub fn draft_target(&self, draft: i64) -> Result<u32> {
        settings::draft_target(&self.store, draft, &self.settings()?)
    }

    pub fn set_draft_target(&mut self, draft: i64, target: u32) -> Result<()> {
        settings::set_draft_target(&mut self.store, draft, target)
    }

    /// Everything the editor shows of a draft.
    pub fn editor(&self, id: i64) -> Result<EditorState> {
        let d = self.store.draft(id)?;
        let doc = render(&d);
        let settings = self.settings()?;
        let profile = preview_profile(&settings);
        let target = self.draft_target(id)?;
        let (can_undo, can_redo) = self.can_undo_redo(id);
        Ok(EditorState {
            id,
            title: d.title.clone(),
            display_title: doc.title.clone(),
            speech_type: d.speech_type.clone(),
            speech_type_name: type_name(&d.speech_type),
            outline: outline_rows(&d, &doc),
            slots: slot_views(&d),
            stats: stats_view(&doc, settings.rate, target),
            findings: finding_views(self.findings(id, &doc, Some(target as usize))?),
            ignored: self.store.ignores(id)?.len() as u32,
            pages: preview::pages(&doc, &profile),
            sheet: preview::Sheet::of(&profile),
            can_undo,
            can_redo,
            meeting: self.meeting_tag(d.meeting)?,
        })
    }

    /// The preview and counts with one item's text replaced, without saving (while the
    /// writer types).
    pub fn preview_text(&self, id: i64, node: i64, text: &str) -> Result<PreviewState> {
        let mut d = self.store.draft(id)?;
        d.set_text(node, text);
        let doc = render(&d);
        let target = self.draft_target(id)?;
        let settings = self.settings()?;
        let profile = preview_profile(&settings);
        Ok(PreviewState {
            stats: stats_view(&doc, settings.rate, target),
            findings: finding_views(self.findings(id, &doc, Some(target as usize))?),
            pages: preview::pages(&doc, &profile),
            sheet: preview::Sheet::of(&profile),
        })
    }

    /// The draft list with 字数 and Chinese type names.
    pub fn draft_summaries(&self) -> Result<Vec<DraftSummary>> {
        let rate = self.settings()?.rate;
        self.store
            .drafts()?
            .into_iter()
            .map(|i| {
                let chars = stats::stats(&render(&self.store.draft(i.id)?), rate).chars as u32;
                Ok(DraftSummary {
                    id: i.id,
                    speech_type_name: type_name(&i.speech_type),
                    title: i.title,
                    speech_type: i.speech_type,
                    template: i.template,
                    unfilled: i.unfilled as u32,
                    chars,
                    created_at: i.created_at,
                    updated_at: i.updated_at,
                })
            })
            .collect()
    }

    /// The speech types with how many templates each has (the CLI's `types`).
    pub fn type_rows(&self) -> Result<Vec<TypeRow>> {
        SPEECH_TYPES
            .iter()
            .map(|t| {
                Ok(TypeRow {
                    id: t.id,
                    name: t.name,
                    description: t.description,
                    templates: self.store.templates(Some(t.id))?.len(),
                })
            })
            .collect()
    }

    /// The speech types with their templates, for 新建讲稿.
    pub fn speech_types(&self) -> Result<Vec<SpeechTypeView>> {
        let all = self.store.templates(None)?;
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
    }

    pub fn app_info(&self) -> Result<AppInfo> {
        let (blocks, phrases, templates) = self.store.library_counts()?;
        Ok(AppInfo {
            version: env!("CARGO_PKG_VERSION").into(),
            library_path: self.path().display().to_string(),
            blocks: blocks as f64,
            phrases: phrases as f64,
            templates: templates as f64,
        })
    }

    /// The profile slots (单位, 讲话人, 职务 …) with their remembered values.
    pub fn profile_entries(&self) -> Result<Vec<ProfileEntry>> {
        let values: HashMap<String, String> = self.store.profile()?.into_iter().collect();
        Ok(crate::assets::catalogue()
            .values()
            .filter(|d| d.profile)
            .map(|d| ProfileEntry {
                name: d.name.clone(),
                label: d.label.clone(),
                value: values.get(&d.name).cloned().unwrap_or_default(),
            })
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_id_the_core_accepts_has_a_label() {
        let l = labels();
        let ids = |v: &[LabelView]| v.iter().map(|x| x.id.clone()).collect::<Vec<_>>();
        assert_eq!(ids(&l.node_kinds), ["heading", "item", "paragraph"]);
        assert_eq!(l.node_kinds[0].label, "标题");
        for id in ids(&l.leads) {
            assert!(crate::outline::LeadStyle::parse(&id).is_ok(), "{id}");
        }
        assert_eq!(l.leads.len(), crate::outline::LeadStyle::ALL.len());
        assert_eq!(l.leads[0].label, "一是、二是");
        assert_eq!(l.slot_kinds.len(), crate::slot::SlotKind::ALL.len());
        assert!(l
            .slot_kinds
            .iter()
            .any(|k| k.id == "date" && k.label == "日期"));
    }

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
    fn an_agenda_item_shows_the_script_it_generates() {
        let mut store = crate::store::Store::open_in_memory().unwrap();
        let id = store.create_draft("host-commendation", None, &[]).unwrap();
        store
            .set_slots(id, &[("议程".into(), "奏唱国歌\n合影留念".into())])
            .unwrap();
        let d = store.draft(id).unwrap();
        let rows = outline_rows(&d, &crate::render::render(&d));
        let agenda = rows.iter().find(|r| r.text == "{{议程|主持词}}").unwrap();
        assert_eq!(agenda.generated[0], "今天的会议共有两项议程。");
        assert!(agenda
            .generated
            .contains(&"下面进行第二项，也就是最后一项议程：合影留念。".to_string()));
        assert!(rows
            .iter()
            .filter(|r| r.id != agenda.id)
            .all(|r| r.generated.is_empty()));
    }
}
