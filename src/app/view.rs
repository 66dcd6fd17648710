//! The views the faces show: what the desktop's web view receives (and sends back) for
//! each screen. They are built here, in the core, from the store and the document, so
//! a face only converts them to its transport (JSON over the Tauri bridge). With the
//! `ts` feature they derive ts-rs declarations; the desktop writes `ui/src/bindings.ts`
//! from them.

use serde::{Deserialize, Serialize};

use super::settings::ExportFormat;
use crate::export::docx::{FontSet, Layout};
use crate::preview;

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct AppInfo {
    pub version: String,
    pub library_path: String,
    pub blocks: f64,
    pub phrases: f64,
    pub templates: f64,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct SpeechTypeView {
    pub id: String,
    pub name: String,
    pub description: String,
    pub templates: Vec<TemplateView>,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct TemplateView {
    pub id: String,
    pub name: String,
    pub description: String,
    /// Section headings of the starting outline, for the template card.
    pub sections: Vec<String>,
    pub slot_count: u32,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct SlotView {
    pub name: String,
    pub label: String,
    /// text, number, year, date, ordinal, percent, money, person, place
    pub kind: String,
    pub example: String,
    pub profile: bool,
    pub value: String,
    pub filled: bool,
    pub uses: u32,
    /// Outline items whose text uses the slot (null: the title or the lines under it).
    #[cfg_attr(feature = "ts", ts(type = "Array<number | null>"))]
    pub used_in: Vec<Option<i64>>,
    /// The value is the draft's meeting's: setting it sets it for every draft of it.
    pub shared: bool,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct DraftSummary {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub id: i64,
    pub title: String,
    pub speech_type: String,
    pub speech_type_name: String,
    pub template: Option<String>,
    pub unfilled: u32,
    pub chars: u32,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub created_at: i64,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub updated_at: i64,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct OutlineRow {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub id: i64,
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub parent: Option<i64>,
    /// The headings above the row, outermost first: a drop there is refused.
    #[cfg_attr(feature = "ts", ts(type = "number[]"))]
    pub ancestors: Vec<i64>,
    pub depth: u32,
    /// heading, item or paragraph
    pub kind: String,
    /// Lead style of an item: shi, yao, di, order, juhua, paren, arabic.
    pub lead: Option<String>,
    /// The generated number or lead: 一、 （二） 二是 最后，
    pub prefix: Option<String>,
    /// The stored text, with {{slots}} and **bold** markup.
    pub text: String,
    /// The text as printed, slots filled.
    pub display: String,
    /// The stored text split into literal pieces and slot references (chips).
    pub pieces: Vec<PieceView>,
    pub has_children: bool,
    /// The reviewers' comments kept on the item (批注, one a line: 作者：内容).
    pub note: Option<String>,
    /// What the item's template logic prints now, one paragraph a line (an agenda's
    /// 主持词, a repeated part); empty for an ordinary item.
    pub generated: Vec<String>,
    /// The stored text holds template tags (`{% if %}` …): the editor folds it away and
    /// shows `generated`, or that the part prints nothing now.
    pub logic_tags: bool,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct PieceView {
    /// The stored text of the piece (`{{名称|中文}}` for a slot).
    pub raw: String,
    /// The slot's name, for a slot reference.
    pub slot: Option<String>,
    /// Inside a `**bold**` lead sentence.
    pub bold: bool,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct StatsView {
    pub chars: u32,
    pub minutes: f64,
    pub rate: u32,
    pub paragraphs: u32,
    pub unfilled: u32,
    pub target: u32,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct FindingView {
    pub rule: String,
    pub message: String,
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub node: Option<i64>,
    pub part: String,
    pub offset: u32,
    pub length: u32,
    pub text: String,
    pub suggestion: Option<String>,
    /// A safe automatic fix: the text that replaces `text`.
    pub fix: Option<String>,
    /// The slot an unfilled-slot finding is about.
    pub slot: Option<String>,
    /// 用词, 错别字, 称谓 … 本单位, 格式.
    pub class: String,
    /// 必改, 建议 or 提示.
    pub level: String,
    /// The standard or source the rule rests on.
    pub basis: Option<String>,
}

/// One of the writer's own check rules (本单位), as settings lists it and sends it back.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct UserRuleView {
    /// 0 for a rule not kept yet.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub id: i64,
    /// The text found.
    pub literal: String,
    /// What to write instead (none: only flagged).
    pub to: Vec<String>,
    /// 必改, 建议 or 提示.
    pub level: String,
    pub reason: String,
}

/// A rule switched off in every draft (不再提示), with what it is about.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct MutedRuleView {
    pub rule: String,
    /// The rule's class and reason (or the rule id when the rule is gone).
    pub about: String,
}

/// The preview's positioned pages (`RunView`, `LineView`, `PageView` in the window):
/// runs at their x, lines at their baseline, in points (`crate::preview`).
pub use crate::preview::{Line as LineView, Page as PageView, Run as RunView};

/// What the editor shows after every change.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct EditorState {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub id: i64,
    /// The stored title (may hold slots).
    pub title: String,
    /// The title as printed.
    pub display_title: String,
    pub speech_type: String,
    pub speech_type_name: String,
    pub outline: Vec<OutlineRow>,
    pub slots: Vec<SlotView>,
    pub stats: StatsView,
    pub findings: Vec<FindingView>,
    /// How many places and rules the check leaves alone in this draft (这里不改).
    pub ignored: u32,
    pub pages: Vec<PageView>,
    /// The page the preview draws `pages` on.
    pub sheet: preview::Sheet,
    pub can_undo: bool,
    pub can_redo: bool,
    /// The meeting the draft belongs to.
    pub meeting: Option<MeetingTag>,
}

/// The preview and counts of an edit not saved yet (while the writer types).
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct PreviewState {
    pub stats: StatsView,
    /// The findings of the text as typed, so the count follows the typing.
    pub findings: Vec<FindingView>,
    pub pages: Vec<PageView>,
    pub sheet: preview::Sheet,
}

#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct PlaceArg {
    /// end, under, after, before
    pub kind: String,
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub target: Option<i64>,
}

#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct SlotValue {
    pub name: String,
    pub value: String,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct BlockView {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub id: i64,
    pub title: String,
    pub text: String,
    /// The title and the text as one line each (`markup::plain_line`), for lists.
    pub plain_title: String,
    pub plain_text: String,
    pub lead: String,
    pub types: Vec<String>,
    pub tags: Vec<String>,
    pub favourite: bool,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub use_count: i64,
    pub builtin: bool,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct PhraseView {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub id: i64,
    pub text: String,
    /// The text as one line (`markup::plain_line`), for lists.
    pub plain_text: String,
    pub tags: Vec<String>,
    pub types: Vec<String>,
    pub favourite: bool,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub use_count: i64,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct TagView {
    pub name: String,
    pub blocks: u32,
    pub phrases: u32,
}

#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct BlockInput {
    pub title: String,
    pub text: String,
    pub lead: String,
    pub types: Vec<String>,
    pub tags: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct PhraseInput {
    pub text: String,
    pub types: Vec<String>,
    pub tags: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct ProfileEntry {
    pub name: String,
    pub label: String,
    pub value: String,
}

#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct ExportArgs {
    pub format: ExportFormat,
    pub layout: Layout,
    pub fonts: FontSet,
    pub front_matter: bool,
    /// docx: show the changes since this version (修订稿 or 花脸稿); null: none.
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub changes_from: Option<i64>,
    /// With `changes_from`: the printed 花脸稿 instead of tracked changes.
    #[serde(default)]
    pub marked: bool,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct ExportResult {
    /// Where the file was written; null when the writer cancelled the dialog.
    pub path: Option<String>,
    /// Check findings at the time of export (the file is written anyway).
    pub findings: u32,
    /// PDF and OFD: the faces of the font set not installed and what stood in for each.
    pub substitutions: Vec<crate::layout::fonts::Substitution>,
}

/// 打印: what the print dialog (and `jianggao print`) asks for.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct PrintArgs {
    /// null: the default printer.
    #[serde(default)]
    pub printer: Option<String>,
    pub layout: Layout,
    /// null: the font set of the settings.
    #[serde(default)]
    pub fonts: Option<FontSet>,
    pub copies: u32,
    /// "1-3,5"; empty for every page.
    #[serde(default)]
    pub pages: String,
    /// Both sides (long edge).
    #[serde(default)]
    pub duplex: bool,
}

/// A draft sent to a printer.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct PrintResult {
    pub printer: String,
    /// Pages of one copy.
    pub pages: u32,
    pub copies: u32,
    /// The print system's request id (e.g. `Office_Laser-12`), when it gave one.
    pub job: Option<String>,
    /// The faces of the font set not installed and what stood in for each.
    pub substitutions: Vec<crate::layout::fonts::Substitution>,
}

// 导入修改稿: the revised .docx compared (dry run) and accepted. Field names are the
// CLI's JSON contract (`review --dry-run --json`), hence snake_case.

/// A revised .docx compared with the version it came from.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ReviewView {
    /// The version compared with; null: the draft as it is now (see `warnings`).
    pub base_version: Option<i64>,
    /// Whether the file holds tracked changes (修订); else it was diffed.
    pub tracked: bool,
    pub changes: Vec<ReviewChangeView>,
    pub comments: Vec<ReviewCommentView>,
    /// Why the file was compared with the present draft, in Chinese.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
}

/// One change; its index in the list is what accepting a subset names.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ReviewChangeView {
    /// The item changed or deleted; null for an added paragraph or a head line.
    pub node: Option<i64>,
    /// insert, delete, replace, or slot (a filled slot's value changed).
    pub kind: String,
    pub old: Option<String>,
    pub new: Option<String>,
    pub author: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub slot: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ReviewCommentView {
    pub node: Option<i64>,
    pub text: String,
    pub author: Option<String>,
}

/// What accepting a review did.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AcceptedReview {
    /// The version 修改稿 kept after; null when there was nothing to write.
    pub version: Option<i64>,
    /// Items changed, added or removed.
    pub applied: u32,
    /// What was compared otherwise or left aside, in Chinese.
    pub notes: Vec<String>,
}

// The import wizard (导入旧讲稿): src-tauri/src/harvest.rs.

/// A slot a candidate block uses, for its chip.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct SlotChip {
    pub name: String,
    /// text, number, year, date, ordinal, percent, money, person, place
    pub kind: String,
}

/// A block the import proposes. Sent back as it is for edits, merges and 加入段落库; the
/// shape fields and slots are recomputed by the core, never taken from the web view.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct CandidateView {
    pub title: String,
    /// Outline markup with `{{slots}}`.
    pub text: String,
    /// A lead style id (shi, yao, di …).
    pub lead: String,
    pub types: Vec<String>,
    pub tags: Vec<String>,
    pub slots: Vec<SlotChip>,
    /// The library block with the same text.
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub duplicate_of: Option<i64>,
    /// heading, item or paragraph: what the block starts with.
    pub kind: String,
    /// Heading levels inside (0 without headings).
    pub depth: u32,
    pub headings: u32,
    pub items: u32,
    pub paragraphs: u32,
    /// The block as the card shows it, read by the core's outline parser.
    #[serde(skip_deserializing)]
    pub lines: Vec<CandidateLine>,
    /// Paragraphs the import split into a lead-in and items, each undoable.
    #[serde(default)]
    pub splits: Vec<SplitView>,
}

/// A paragraph the import split into a lead-in and items with leads (一是……二是……).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct SplitView {
    /// The paragraph as written, put back by 还原为一段.
    pub original: String,
    /// The items' lead style id (shi, yao, di, order …).
    pub lead: String,
    /// The lead style in Chinese (一是、二是).
    #[serde(default, skip_deserializing)]
    pub label: String,
    pub items: u32,
}

/// One line of a candidate block: a heading (depth 1…), an item or a paragraph.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct CandidateLine {
    /// heading, item or paragraph
    pub kind: String,
    /// The heading level inside the block; 0 for items and paragraphs.
    pub depth: u32,
    /// An item's lead as it will read (一是, 其次，).
    pub lead: Option<String>,
    pub pieces: Vec<PieceView>,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct RemovedView {
    pub text: String,
    /// The core's reason id (ad, watermark, pinyin …).
    pub reason: String,
    /// The reason in Chinese.
    pub label: String,
}

/// One file chosen for import: its analysis, or why it could not be read.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct ImportFileView {
    /// The file name without its folder.
    pub name: String,
    /// A Chinese sentence when the file could not be imported (nothing else is filled).
    pub error: Option<String>,
    /// txt, md or docx
    pub format: String,
    pub encoding: Option<String>,
    /// Traditional characters were converted to Simplified.
    pub traditional: bool,
    /// Traditional characters could not be converted (the text is as it was).
    pub unconverted: bool,
    pub title: Option<String>,
    /// The guessed speech type's Chinese name.
    pub speech_type: Option<String>,
    pub cleaned_text: String,
    pub removed: Vec<RemovedView>,
    pub candidates: Vec<CandidateView>,
    /// A page holding several speeches: one entry a speech, in page order (empty for one
    /// speech, which `title` and `candidates` describe).
    pub speeches: Vec<SpeechView>,
}

/// One speech of a page holding several: its title and its slice of the candidates.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct SpeechView {
    pub title: Option<String>,
    /// The guessed speech type's Chinese name.
    pub speech_type: Option<String>,
    /// `candidates[candidateStart..candidateEnd]` of the file view.
    pub candidate_start: u32,
    pub candidate_end: u32,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct ImportReportView {
    /// Titles of the blocks added.
    pub added: Vec<String>,
    /// Candidates not added because the library already had the same text.
    pub skipped: u32,
}

impl PlaceArg {
    /// The place in the outline this stands for.
    pub fn place(&self) -> crate::Result<crate::store::Place> {
        use crate::store::Place;
        let target = || {
            self.target
                .ok_or_else(|| crate::Error::usage(format!("{:?} needs a target item", self.kind)))
        };
        Ok(match self.kind.as_str() {
            "end" => Place::End,
            "under" => Place::Under(target()?),
            "after" => Place::After(target()?),
            "before" => Place::Before(target()?),
            other => return Err(crate::Error::usage(format!("{other:?} is not a place"))),
        })
    }
}

/// An id the core uses and its Chinese name, for menus and chips.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct LabelView {
    pub id: String,
    pub label: String,
}

/// The names of the core's ids, each list in the order menus show it.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Labels {
    /// heading, item, paragraph
    pub node_kinds: Vec<LabelView>,
    /// shi, yao, di …
    pub leads: Vec<LabelView>,
    /// text, number, year …
    pub slot_kinds: Vec<LabelView>,
}

// 版本 and 备份与恢复.

/// How much changed between two states of a draft: characters added and removed (a
/// renamed heading counts both), outline changes without text (a move, a new kind or
/// lead style), slot values changed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct ChangeCount {
    pub added: u32,
    pub removed: u32,
    pub structure: u32,
    pub slots: u32,
}

/// One version in the 版本 panel.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct VersionView {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub id: i64,
    pub name: String,
    pub note: Option<String>,
    /// Made by the app (导出时, 恢复前, 编辑中), pruned by it; named ones are the writer's.
    pub auto: bool,
    /// China time, `2026-11-30 21:05`.
    pub time: String,
    pub chars: u32,
    /// Changed since the version before it (null for the oldest).
    pub changed: Option<ChangeCount>,
}

/// The 版本 panel: the versions newest first and how the present draft differs from the
/// newest of them (null without versions).
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct VersionsView {
    pub versions: Vec<VersionView>,
    pub present: Option<ChangeCount>,
    /// The names the save form suggests.
    pub suggested_names: Vec<String>,
}

/// The present draft against its newest version, cheap enough to ask after every edit:
/// when `newest` is not the newest version the panel holds, the list is read again.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct PresentView {
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub newest: Option<i64>,
    pub changed: Option<ChangeCount>,
}

/// One backup in 备份与恢复.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct BackupView {
    /// The file's name in the `backups` folder beside the library (what restore takes).
    pub name: String,
    /// China time, `2026-11-30 21:05`.
    pub time: String,
    /// Bytes.
    pub size: f64,
    /// daily, migration, manual, before-restore
    pub kind: String,
    /// The kind in Chinese: 每日自动, 升级前, 手动, 恢复前.
    pub kind_label: String,
}

/// 备份与恢复: where backups go and the ones there, newest first.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct BackupsView {
    pub folder: String,
    pub backups: Vec<BackupView>,
}

/// One side of a comparison: a version, or the present draft (`version` null).
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct CompareSide {
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub version: Option<i64>,
    /// 送审稿（2026-11-30 21:05）, or 当前稿.
    pub label: String,
}

/// A stretch of a compared paragraph.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct SegmentView {
    pub text: String,
    /// equal, ins or del
    pub mark: String,
    pub bold: bool,
    pub unfilled: bool,
}

/// A printed paragraph of a comparison.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct RedlineParaView {
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub node: Option<i64>,
    /// title, speaker, date, greeting, heading, item, paragraph
    pub kind: String,
    /// A heading's level, 1–4.
    pub level: Option<u32>,
    /// same, inserted, deleted, changed
    pub state: String,
    /// Deleted at one place and inserted at another: the same paragraph moved.
    pub moved: bool,
    /// What the margin says: 移出 / 移入 for a move, 原为条目 for a new style.
    pub note: Option<String>,
    pub segments: Vec<SegmentView>,
}

/// A slot whose value changed (listed apart from the text).
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct SlotChangeView {
    pub name: String,
    pub old: Option<String>,
    pub new: Option<String>,
}

/// 比较: the redline from one state to another, and the slot values changed.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct CompareView {
    pub from: CompareSide,
    pub to: CompareSide,
    pub paragraphs: Vec<RedlineParaView>,
    pub slots: Vec<SlotChangeView>,
    pub count: ChangeCount,
    pub unchanged: bool,
}

/// A meeting named where one of its drafts is shown.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct MeetingTag {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub id: i64,
    pub name: String,
}

/// A line of the 会议 list.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct MeetingSummary {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub id: i64,
    pub name: String,
    pub drafts: u32,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub updated_at: i64,
}

/// A slot of the meeting, filled once for all its drafts.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct MeetingSlotView {
    pub name: String,
    pub label: String,
    pub kind: String,
    pub example: String,
    pub value: String,
}

/// A draft of the meeting in the 会议 view.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct MeetingDraftView {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub id: i64,
    pub title: String,
    pub speech_type: String,
    pub speech_type_name: String,
    pub speaker: Option<String>,
    /// Meeting slots this draft sets otherwise (本稿另填).
    pub exceptions: Vec<String>,
    /// The line a host script's agenda names it by ("王建华同志讲话").
    pub agenda_line: String,
}

/// The 会议 view of one meeting: its slots, its drafts, and the drafts that can join.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct MeetingView {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub id: i64,
    pub name: String,
    pub slots: Vec<MeetingSlotView>,
    pub drafts: Vec<MeetingDraftView>,
    /// Drafts in no meeting, to add.
    pub others: Vec<MeetingTag>,
}
