// Generated from src/app/view.rs and src-tauri/src/dto.rs by ts-rs. Do not edit: run
// `UPDATE_BINDINGS=1 cargo test -p jianggao-desktop bindings` after changing the Rust types.

export type UiError = { 
/**
 * A Chinese sentence for the writer.
 */
message: string, 
/**
 * notFound, badInput or internal.
 */
kind: string, };

export type AppInfo = { version: string, libraryPath: string, blocks: number, phrases: number, templates: number, };

export type SpeechTypeView = { id: string, name: string, description: string, templates: Array<TemplateView>, };

export type TemplateView = { id: string, name: string, description: string, 
/**
 * Section headings of the starting outline, for the template card.
 */
sections: Array<string>, slotCount: number, };

export type SlotView = { name: string, label: string, 
/**
 * text, number, year, date, ordinal, percent, money, person, place
 */
kind: string, example: string, profile: boolean, value: string, filled: boolean, uses: number, 
/**
 * Outline items whose text uses the slot (null: the title or the lines under it).
 */
usedIn: Array<number | null>, 
/**
 * The value is the draft's meeting's: setting it sets it for every draft of it.
 */
shared: boolean, };

export type DraftSummary = { id: number, title: string, speechType: string, speechTypeName: string, template: string | null, unfilled: number, chars: number, createdAt: number, updatedAt: number, };

export type OutlineRow = { id: number, parent: number | null, 
/**
 * The headings above the row, outermost first: a drop there is refused.
 */
ancestors: number[], depth: number, 
/**
 * heading, item or paragraph
 */
kind: string, 
/**
 * Lead style of an item: shi, yao, di, order, juhua, paren, arabic.
 */
lead: string | null, 
/**
 * The generated number or lead: 一、 （二） 二是 最后，
 */
prefix: string | null, 
/**
 * The stored text, with {{slots}} and **bold** markup.
 */
text: string, 
/**
 * The text as printed, slots filled.
 */
display: string, 
/**
 * The stored text split into literal pieces and slot references (chips).
 */
pieces: Array<PieceView>, hasChildren: boolean, 
/**
 * The reviewers' comments kept on the item (批注, one a line: 作者：内容).
 */
note: string | null, 
/**
 * What the item's template logic prints now, one paragraph a line (an agenda's
 * 主持词, a repeated part); empty for an ordinary item.
 */
generated: Array<string>, 
/**
 * The stored text holds template tags (`{% if %}` …): the editor folds it away and
 * shows `generated`, or that the part prints nothing now.
 */
logicTags: boolean, };

export type PieceView = { 
/**
 * The stored text of the piece (`{{名称|中文}}` for a slot).
 */
raw: string, 
/**
 * The slot's name, for a slot reference.
 */
slot: string | null, 
/**
 * Inside a `**bold**` lead sentence.
 */
bold: boolean, };

export type StatsView = { chars: number, minutes: number, rate: number, paragraphs: number, unfilled: number, target: number, };

export type FindingView = { rule: string, message: string, node: number | null, part: string, offset: number, length: number, text: string, suggestion: string | null, 
/**
 * A safe automatic fix: the text that replaces `text`.
 */
fix: string | null, 
/**
 * The slot an unfilled-slot finding is about.
 */
slot: string | null, 
/**
 * 用词, 错别字, 称谓 … 本单位, 格式.
 */
class: string, 
/**
 * 必改, 建议 or 提示.
 */
level: string, 
/**
 * The standard or source the rule rests on.
 */
basis: string | null, };

export type UserRuleView = { 
/**
 * 0 for a rule not kept yet.
 */
id: number, 
/**
 * The text found.
 */
literal: string, 
/**
 * What to write instead (none: only flagged).
 */
to: Array<string>, 
/**
 * 必改, 建议 or 提示.
 */
level: string, reason: string, };

export type MutedRuleView = { rule: string, 
/**
 * The rule's class and reason (or the rule id when the rule is gone).
 */
about: string, };

export type ReviewView = { 
/**
 * The version compared with; null: the draft as it is now (see `warnings`).
 */
base_version: number | null, 
/**
 * Whether the file holds tracked changes (修订); else it was diffed.
 */
tracked: boolean, changes: Array<ReviewChangeView>, comments: Array<ReviewCommentView>, 
/**
 * Why the file was compared with the present draft, in Chinese.
 */
warnings: Array<string>, };

export type ReviewChangeView = { 
/**
 * The item changed or deleted; null for an added paragraph or a head line.
 */
node: number | null, 
/**
 * insert, delete, replace, or slot (a filled slot's value changed).
 */
kind: string, old: string | null, new: string | null, author: string | null, slot: string | null, };

export type ReviewCommentView = { node: number | null, text: string, author: string | null, };

export type AcceptedReview = { 
/**
 * The version 修改稿 kept after; null when there was nothing to write.
 */
version: number | null, 
/**
 * Items changed, added or removed.
 */
applied: number, 
/**
 * What was compared otherwise or left aside, in Chinese.
 */
notes: Array<string>, };

export type SlotChoice = "text" | "value";

export type Face = "fang" | "kai" | "hei" | "song" | "title" | "latin";

export type RunView = { 
/**
 * Left edge, points from the page's left edge.
 */
x: number, text: string, face: Face, bold: boolean, unfilled: boolean, 
/**
 * A stage cue of a host script (set in 楷: `face` says so).
 */
cue: boolean, 
/**
 * Added to each character's width in its face (CSS letter-spacing), points.
 */
spacing: number, 
/**
 * Each character's advance, points, where `spacing` does not say it (runs with
 * half-width characters).
 */
advances?: Array<number>, };

export type LineView = { 
/**
 * The outline node the line belongs to (clicking it selects the node).
 */
node: number | null, 
/**
 * The line box (points from the page's top edge) and the baseline of its runs.
 */
top: number, height: number, baseline: number, 
/**
 * The type size of its runs, points.
 */
size: number, runs: Array<RunView>, };

export type PageView = { 
/**
 * 1-based page number, as printed in the footer.
 */
number: number, lines: Array<LineView>, 
/**
 * "— N —" where the page number is printed.
 */
folio: LineView, };

export type SheetView = { layout: Layout, width: number, height: number, blockLeft: number, blockWidth: number, linesPerPage: number, charsPerLine: number, };

export type EditorState = { id: number, 
/**
 * The stored title (may hold slots).
 */
title: string, 
/**
 * The title as printed.
 */
displayTitle: string, speechType: string, speechTypeName: string, outline: Array<OutlineRow>, slots: Array<SlotView>, stats: StatsView, findings: Array<FindingView>, 
/**
 * How many places and rules the check leaves alone in this draft (这里不改).
 */
ignored: number, pages: Array<PageView>, 
/**
 * The page the preview draws `pages` on.
 */
sheet: SheetView, canUndo: boolean, canRedo: boolean, 
/**
 * The meeting the draft belongs to.
 */
meeting: MeetingTag | null, };

export type PreviewState = { stats: StatsView, 
/**
 * The findings of the text as typed, so the count follows the typing.
 */
findings: Array<FindingView>, pages: Array<PageView>, sheet: SheetView, };

export type PlaceArg = { 
/**
 * end, under, after, before
 */
kind: string, target: number | null, };

export type SlotValue = { name: string, value: string, };

export type BlockView = { id: number, title: string, text: string, 
/**
 * The title and the text as one line each (`markup::plain_line`), for lists.
 */
plainTitle: string, plainText: string, lead: string, types: Array<string>, tags: Array<string>, favourite: boolean, useCount: number, builtin: boolean, };

export type PhraseView = { id: number, text: string, 
/**
 * The text as one line (`markup::plain_line`), for lists.
 */
plainText: string, tags: Array<string>, types: Array<string>, favourite: boolean, useCount: number, };

export type TagView = { name: string, blocks: number, phrases: number, };

export type BlockInput = { title: string, text: string, lead: string, types: Array<string>, tags: Array<string>, };

export type PhraseInput = { text: string, types: Array<string>, tags: Array<string>, };

export type ProfileEntry = { name: string, label: string, value: string, };

export type Layout = "official" | "podium";

export type FontSet = "windows" | "gb2312" | "founder";

export type PageNumbers = "outside" | "center";

export type ExportFormat = "docx" | "md" | "pdf" | "ofd";

export type Settings = { layout: Layout, fonts: FontSet, pageNumbers: PageNumbers, 
/**
 * 字/分钟, within [`RATE_RANGE`].
 */
rate: number, 
/**
 * Default target length of a draft, 字, within [`TARGET_RANGE`].
 */
target: number, exportFormat: ExportFormat, frontMatter: boolean, };

export type ExportArgs = { format: ExportFormat, layout: Layout, fonts: FontSet, frontMatter: boolean, 
/**
 * docx: show the changes since this version (修订稿 or 花脸稿); null: none.
 */
changesFrom: number | null, 
/**
 * With `changes_from`: the printed 花脸稿 instead of tracked changes.
 */
marked: boolean, };

export type ExportResult = { 
/**
 * Where the file was written; null when the writer cancelled the dialog.
 */
path: string | null, 
/**
 * Check findings at the time of export (the file is written anyway).
 */
findings: number, 
/**
 * PDF and OFD: the faces of the font set not installed and what stood in for each.
 */
substitutions: Array<Substitution>, };

export type Substitution = { wanted: string, used: string, };

export type PrintArgs = { 
/**
 * null: the default printer.
 */
printer: string | null, layout: Layout, 
/**
 * null: the font set of the settings.
 */
fonts: FontSet | null, copies: number, 
/**
 * "1-3,5"; empty for every page.
 */
pages: string, 
/**
 * Both sides (long edge).
 */
duplex: boolean, };

export type PrintResult = { printer: string, 
/**
 * Pages of one copy.
 */
pages: number, copies: number, 
/**
 * The print system's request id (e.g. `Office_Laser-12`), when it gave one.
 */
job: string | null, 
/**
 * The faces of the font set not installed and what stood in for each.
 */
substitutions: Array<Substitution>, };

export type Printers = { printers: Array<string>, 
/**
 * The system's (or the user's `lpoptions`) default; null when none is set.
 */
default: string | null, };

export type SlotChip = { name: string, 
/**
 * text, number, year, date, ordinal, percent, money, person, place
 */
kind: string, };

export type CandidateView = { title: string, 
/**
 * Outline markup with `{{slots}}`.
 */
text: string, 
/**
 * A lead style id (shi, yao, di …).
 */
lead: string, types: Array<string>, tags: Array<string>, slots: Array<SlotChip>, 
/**
 * The library block with the same text.
 */
duplicateOf: number | null, 
/**
 * heading, item or paragraph: what the block starts with.
 */
kind: string, 
/**
 * Heading levels inside (0 without headings).
 */
depth: number, headings: number, items: number, paragraphs: number, 
/**
 * The block as the card shows it, read by the core's outline parser.
 */
lines: Array<CandidateLine>, 
/**
 * Paragraphs the import split into a lead-in and items, each undoable.
 */
splits: Array<SplitView>, };

export type CandidateLine = { 
/**
 * heading, item or paragraph
 */
kind: string, 
/**
 * The heading level inside the block; 0 for items and paragraphs.
 */
depth: number, 
/**
 * An item's lead as it will read (一是, 其次，).
 */
lead: string | null, pieces: Array<PieceView>, };

export type RemovedView = { text: string, 
/**
 * The core's reason id (ad, watermark, pinyin …).
 */
reason: string, 
/**
 * The reason in Chinese.
 */
label: string, };

export type SpeechView = { title: string | null, 
/**
 * The guessed speech type's Chinese name.
 */
speechType: string | null, 
/**
 * `candidates[candidateStart..candidateEnd]` of the file view.
 */
candidateStart: number, candidateEnd: number, };

export type SplitView = { 
/**
 * The paragraph as written, put back by 还原为一段.
 */
original: string, 
/**
 * The items' lead style id (shi, yao, di, order …).
 */
lead: string, 
/**
 * The lead style in Chinese (一是、二是).
 */
label: string, items: number, };

export type ImportFileView = { 
/**
 * The file name without its folder.
 */
name: string, 
/**
 * A Chinese sentence when the file could not be imported (nothing else is filled).
 */
error: string | null, 
/**
 * txt, md or docx
 */
format: string, encoding: string | null, 
/**
 * Traditional characters were converted to Simplified.
 */
traditional: boolean, 
/**
 * Traditional characters could not be converted (the text is as it was).
 */
unconverted: boolean, title: string | null, 
/**
 * The guessed speech type's Chinese name.
 */
speechType: string | null, cleanedText: string, removed: Array<RemovedView>, candidates: Array<CandidateView>, 
/**
 * A page holding several speeches: one entry a speech, in page order (empty for one
 * speech, which `title` and `candidates` describe).
 */
speeches: Array<SpeechView>, };

export type ImportReportView = { 
/**
 * Titles of the blocks added.
 */
added: Array<string>, 
/**
 * Candidates not added because the library already had the same text.
 */
skipped: number, };

export type LabelView = { id: string, label: string, };

export type Labels = { 
/**
 * heading, item, paragraph
 */
nodeKinds: Array<LabelView>, 
/**
 * shi, yao, di …
 */
leads: Array<LabelView>, 
/**
 * text, number, year …
 */
slotKinds: Array<LabelView>, };

export type ChangeCount = { added: number, removed: number, structure: number, slots: number, };

export type VersionView = { id: number, name: string, note: string | null, 
/**
 * Made by the app (导出时, 恢复前, 编辑中), pruned by it; named ones are the writer's.
 */
auto: boolean, 
/**
 * China time, `2026-11-30 21:05`.
 */
time: string, chars: number, 
/**
 * Changed since the version before it (null for the oldest).
 */
changed: ChangeCount | null, };

export type VersionsView = { versions: Array<VersionView>, present: ChangeCount | null, 
/**
 * The names the save form suggests.
 */
suggestedNames: Array<string>, };

export type PresentView = { newest: number | null, changed: ChangeCount | null, };

export type BackupView = { 
/**
 * The file's name in the `backups` folder beside the library (what restore takes).
 */
name: string, 
/**
 * China time, `2026-11-30 21:05`.
 */
time: string, 
/**
 * Bytes.
 */
size: number, 
/**
 * daily, migration, manual, before-restore
 */
kind: string, 
/**
 * The kind in Chinese: 每日自动, 升级前, 手动, 恢复前.
 */
kindLabel: string, };

export type BackupsView = { folder: string, backups: Array<BackupView>, };

export type CompareSide = { version: number | null, 
/**
 * 送审稿（2026-11-30 21:05）, or 当前稿.
 */
label: string, };

export type SegmentView = { text: string, 
/**
 * equal, ins or del
 */
mark: string, bold: boolean, unfilled: boolean, };

export type RedlineParaView = { node: number | null, 
/**
 * title, speaker, date, greeting, heading, item, paragraph
 */
kind: string, 
/**
 * A heading's level, 1–4.
 */
level: number | null, 
/**
 * same, inserted, deleted, changed
 */
state: string, 
/**
 * Deleted at one place and inserted at another: the same paragraph moved.
 */
moved: boolean, 
/**
 * What the margin says: 移出 / 移入 for a move, 原为条目 for a new style.
 */
note: string | null, segments: Array<SegmentView>, };

export type SlotChangeView = { name: string, old: string | null, new: string | null, };

export type CompareView = { from: CompareSide, to: CompareSide, paragraphs: Array<RedlineParaView>, slots: Array<SlotChangeView>, count: ChangeCount, unchanged: boolean, };

export type MeetingTag = { id: number, name: string, };

export type MeetingSummary = { id: number, name: string, drafts: number, updatedAt: number, };

export type MeetingSlotView = { name: string, label: string, kind: string, example: string, value: string, };

export type MeetingDraftView = { id: number, title: string, speechType: string, speechTypeName: string, speaker: string | null, 
/**
 * Meeting slots this draft sets otherwise (本稿另填).
 */
exceptions: Array<string>, 
/**
 * The line a host script's agenda names it by ("王建华同志讲话").
 */
agendaLine: string, };

export type MeetingView = { id: number, name: string, slots: Array<MeetingSlotView>, drafts: Array<MeetingDraftView>, 
/**
 * Drafts in no meeting, to add.
 */
others: Array<MeetingTag>, };
