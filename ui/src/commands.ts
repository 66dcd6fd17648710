// Generated from the #[tauri::command] functions in src-tauri/src by src-tauri/src/invoke_gen.rs.
// Do not edit: run `UPDATE_BINDINGS=1 cargo test -p jianggao-desktop bindings` after changing a command.
import type {
  AcceptedReview, AppInfo, BackupsView, BlockInput, BlockView, CandidateView,
  CompareView, DraftSummary, EditorState, ExportArgs, ExportResult, ImportFileView,
  ImportReportView, Labels, MeetingSummary, MeetingView, MutedRuleView, PhraseInput,
  PhraseView, PlaceArg, PresentView, PreviewState, PrintArgs, PrintResult, Printers,
  ProfileEntry, ReviewView, Settings, SlotChoice, SlotValue, SpeechTypeView, TagView,
  UserRuleView, VersionsView,
} from './bindings'

/** The primitive every wrapper calls (api.ts: Tauri's invoke, or a test's fake). */
export type Call = <T>(cmd: string, args?: Record<string, unknown>) => Promise<T>

/** One typed wrapper per command; argument keys as Tauri expects them (camelCase). */
export function makeApi(call: Call) {
  return {
    // src-tauri/src/commands/check.rs
    fixFindings: (id: number, index: number | null, rule: string | null) => call<[EditorState, number]>('fix_findings', { id, index, rule }),
    ignoreFinding: (id: number, index: number, wholeDraft: boolean) => call<[EditorState, number]>('ignore_finding', { id, index, wholeDraft }),
    unignore: (id: number, ignore: number | null) => call<EditorState>('unignore', { id, ignore }),
    muteRule: (id: number, rule: string) => call<EditorState>('mute_rule', { id, rule }),
    unmuteRule: (rule: string) => call<MutedRuleView[]>('unmute_rule', { rule }),
    mutedRules: () => call<MutedRuleView[]>('muted_rules'),
    userRules: () => call<UserRuleView[]>('user_rules'),
    addUserRule: (rule: UserRuleView) => call<UserRuleView[]>('add_user_rule', { rule }),
    removeUserRule: (id: number) => call<UserRuleView[]>('remove_user_rule', { id }),

    // src-tauri/src/commands/drafts.rs
    appInfo: () => call<AppInfo>('app_info'),
    speechTypes: () => call<SpeechTypeView[]>('speech_types'),
    listDrafts: () => call<DraftSummary[]>('list_drafts'),
    createDraft: (template: string) => call<EditorState>('create_draft', { template }),
    openDraft: (id: number) => call<EditorState>('open_draft', { id }),
    renameDraft: (id: number, title: string) => call<DraftSummary[]>('rename_draft', { id, title }),
    duplicateDraft: (id: number) => call<DraftSummary[]>('duplicate_draft', { id }),
    deleteDraft: (id: number) => call<DraftSummary[]>('delete_draft', { id }),
    undoDeleteDraft: () => call<DraftSummary[]>('undo_delete_draft'),

    // src-tauri/src/commands/editor.rs
    setTarget: (id: number, target: number) => call<EditorState>('set_target', { id, target }),
    setSlots: (id: number, values: SlotValue[]) => call<EditorState>('set_slots', { id, values }),
    previewText: (id: number, node: number, text: string) => call<PreviewState>('preview_text', { id, node, text }),
    editText: (id: number, node: number, text: string) => call<EditorState>('edit_text', { id, node, text }),
    setTitle: (id: number, title: string) => call<EditorState>('set_title', { id, title }),
    setNodeKind: (id: number, node: number, kind: string, lead: string | null) => call<EditorState>('set_node_kind', { id, node, kind, lead }),
    insertNode: (id: number, kind: string, text: string, at: PlaceArg) => call<[EditorState, number[]]>('insert_node', { id, kind, text, at }),
    insertBlock: (id: number, block: number, at: PlaceArg) => call<[EditorState, number[]]>('insert_block', { id, block, at }),
    moveNode: (id: number, node: number, to: PlaceArg) => call<EditorState>('move_node', { id, node, to }),
    removeNode: (id: number, node: number) => call<EditorState>('remove_node', { id, node }),
    undo: (id: number) => call<EditorState>('undo', { id }),
    redo: (id: number) => call<EditorState>('redo', { id }),

    // src-tauri/src/commands/files.rs
    exportDraft: (id: number, args: ExportArgs) => call<ExportResult>('export_draft', { id, args }),
    chooseLibrary: (create: boolean) => call<AppInfo | null>('choose_library', { create }),

    // src-tauri/src/commands/import.rs
    chooseImportFiles: () => call<ImportFileView[]>('choose_import_files'),
    reviseCandidate: (candidate: CandidateView, title: string, text: string) => call<CandidateView>('revise_candidate', { candidate, title, text }),
    mergeCandidates: (first: CandidateView, second: CandidateView) => call<CandidateView>('merge_candidates', { first, second }),
    restoreRemoved: (text: string, types: string[]) => call<CandidateView>('restore_removed', { text, types }),
    unsplitCandidate: (candidate: CandidateView, index: number) => call<CandidateView>('unsplit_candidate', { candidate, index }),
    acceptImport: (candidates: CandidateView[], tags: string[]) => call<ImportReportView>('accept_import', { candidates, tags }),

    // src-tauri/src/commands/library.rs
    searchBlocks: (query: string, speechType: string | null, tag: string | null, limit: number) => call<BlockView[]>('search_blocks', { query, speechType, tag, limit }),
    searchPhrases: (query: string, limit: number) => call<PhraseView[]>('search_phrases', { query, limit }),
    addBlock: (block: BlockInput) => call<BlockView>('add_block', { block }),
    saveNodeToLibrary: (id: number, node: number, tags: string[]) => call<BlockView>('save_node_to_library', { id, node, tags }),
    addPhrase: (phrase: PhraseInput) => call<PhraseView>('add_phrase', { phrase }),
    updateBlock: (id: number, block: BlockInput) => call<BlockView>('update_block', { id, block }),
    deleteBlock: (id: number) => call<null>('delete_block', { id }),
    undoDeleteBlock: () => call<BlockView | null>('undo_delete_block'),
    updatePhrase: (id: number, phrase: PhraseInput) => call<PhraseView>('update_phrase', { id, phrase }),
    deletePhrase: (id: number) => call<null>('delete_phrase', { id }),
    undoDeletePhrase: () => call<PhraseView | null>('undo_delete_phrase'),
    setFavourite: (kind: string, id: number, on: boolean) => call<null>('set_favourite', { kind, id, on }),
    usePhrase: (id: number) => call<null>('use_phrase', { id }),
    listTags: () => call<TagView[]>('list_tags'),

    // src-tauri/src/commands/meetings.rs
    listMeetings: () => call<MeetingSummary[]>('list_meetings'),
    createMeeting: (name: string) => call<MeetingView>('create_meeting', { name }),
    openMeeting: (id: number) => call<MeetingView>('open_meeting', { id }),
    renameMeeting: (id: number, name: string) => call<MeetingView>('rename_meeting', { id, name }),
    deleteMeeting: (id: number) => call<MeetingSummary[]>('delete_meeting', { id }),
    setMeetingSlots: (id: number, values: SlotValue[]) => call<MeetingView>('set_meeting_slots', { id, values }),
    addToMeeting: (id: number, draft: number) => call<MeetingView>('add_to_meeting', { id, draft }),
    removeFromMeeting: (id: number, draft: number) => call<MeetingView>('remove_from_meeting', { id, draft }),
    addSpeechesToAgenda: (id: number, host: number, drafts: number[]) => call<MeetingView>('add_speeches_to_agenda', { id, host, drafts }),

    // src-tauri/src/commands/print.rs
    listPrinters: () => call<Printers>('list_printers'),
    printDraft: (id: number, args: PrintArgs) => call<PrintResult>('print_draft', { id, args }),

    // src-tauri/src/commands/review.rs
    chooseReviewFile: (id: number) => call<ReviewView | null>('choose_review_file', { id }),
    acceptReview: (id: number, chosen: number[] | null, slots: SlotChoice) => call<[EditorState, AcceptedReview]>('accept_review', { id, chosen, slots }),

    // src-tauri/src/commands/settings.rs
    getSettings: () => call<Settings>('get_settings'),
    setSettings: (settings: Settings) => call<Settings>('set_settings', { settings }),
    getProfile: () => call<ProfileEntry[]>('get_profile'),
    setProfile: (entries: ProfileEntry[]) => call<ProfileEntry[]>('set_profile', { entries }),
    labels: () => call<Labels>('labels'),

    // src-tauri/src/commands/versions.rs
    listVersions: (id: number) => call<VersionsView>('list_versions', { id }),
    versionPresent: (id: number) => call<PresentView>('version_present', { id }),
    saveVersion: (id: number, name: string, note: string | null) => call<VersionsView>('save_version', { id, name, note }),
    deleteVersion: (id: number, version: number) => call<VersionsView>('delete_version', { id, version }),
    restoreVersion: (id: number, version: number) => call<EditorState>('restore_version', { id, version }),
    compareVersions: (id: number, from: number | null, to: number | null) => call<CompareView>('compare_versions', { id, from, to }),
    listBackups: () => call<BackupsView>('list_backups'),
    backupNow: () => call<BackupsView>('backup_now'),
    restoreBackup: (name: string) => call<BackupsView>('restore_backup', { name }),

    // src-tauri/src/lib.rs
    startupError: () => call<string | null>('startup_error'),
  }
}
