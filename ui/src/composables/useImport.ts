// The import wizard's state (导入旧讲稿): the files chosen, their candidate blocks and
// which ones the writer keeps. Cleaning, segmenting, slots, edits and merges are done by
// the core through the commands; this only keeps the list and the choices.
import { computed, reactive } from 'vue'
import { api } from '../api'
import type { CandidateView, ImportFileView, ImportReportView } from '../bindings'
import { attempt, toast } from '../store'
import { tagList } from '../format'

export interface Row {
  /** Stable key for the list (candidates have no id until they are stored). */
  key: number
  c: CandidateView
  keep: boolean
  /** Which speech of a page holding several the row comes from (index into view.speeches). */
  speech?: number
}

export interface FileState {
  view: ImportFileView
  rows: Row[]
  /** Indices into view.removed the writer brought back (each now a row). */
  restored: number[]
}

let nextKey = 0

/** A row per candidate; duplicates of library blocks start unticked. */
export function rowsOf(view: ImportFileView): Row[] {
  const speechOf = (i: number) => {
    const k = view.speeches.findIndex((sp) => i >= sp.candidateStart && i < sp.candidateEnd)
    return k >= 0 ? k : undefined
  }
  return view.candidates.map((c, i) => ({ key: ++nextKey, c, keep: c.duplicateOf === null, speech: speechOf(i) }))
}


// One wizard for the app: the review survives a visit to another page.
const state = reactive({
  files: [] as FileState[],
  extraTags: '',
  busy: false,
  /** The last 加入段落库, for the summary. */
  report: null as ImportReportView | null,
})
const rows = computed(() => state.files.flatMap((f) => f.rows))
const keptCount = computed(() => rows.value.filter((r) => r.keep).length)

/** Back to an empty wizard (tests). */
export function resetImport() {
  Object.assign(state, { files: [], extraTags: '', busy: false, report: null })
}

export function useImport() {
  async function choose() {
    state.busy = true
    try {
      const views = await attempt(() => api.chooseImportFiles())
      if (!views || views.length === 0) return
      state.report = null
      // A file chosen again replaces its earlier analysis; files that could not be read
      // go first, where their message is seen.
      for (const v of views) {
        const f: FileState = { view: v, rows: rowsOf(v), restored: [] }
        const i = state.files.findIndex((x) => x.view.name === v.name)
        if (i >= 0) state.files.splice(i, 1)
        if (v.error) state.files.unshift(f)
        else if (i >= 0) state.files.splice(i, 0, f)
        else state.files.push(f)
      }
    } finally {
      state.busy = false
    }
  }

  function selectAll(on: boolean) {
    for (const r of rows.value) r.keep = on
  }

  function removeFile(f: FileState) {
    const i = state.files.indexOf(f)
    if (i >= 0) state.files.splice(i, 1)
  }

  /** The writer's edit; false when the core refused it (the message is a toast). */
  async function revise(row: Row, title: string, text: string): Promise<boolean> {
    const c = await attempt(() => api.reviseCandidate(row.c, title, text))
    if (!c) return false
    row.c = c
    return true
  }

  /** Merges a row with the next one of its file; the merged block is kept. */
  async function mergeNext(f: FileState, row: Row) {
    const i = f.rows.indexOf(row)
    const next = f.rows[i + 1]
    if (i < 0 || !next) return
    const c = await attempt(() => api.mergeCandidates(row.c, next.c))
    if (!c) return
    f.rows.splice(i, 2, { key: ++nextKey, c, keep: true, speech: row.speech })
  }

  /** Undoes one split enumeration of a row: the paragraph whole again (core decides). */
  async function unsplit(row: Row, index: number) {
    const c = await attempt(() => api.unsplitCandidate(row.c, index))
    if (c) row.c = c
  }

  /** Brings a removed line back as a kept row at the end of its file. */
  async function restore(f: FileState, index: number) {
    const r = f.view.removed[index]
    if (!r || f.restored.includes(index)) return
    const c = await attempt(() => api.restoreRemoved(r.text, f.rows[0]?.c.types ?? []))
    if (!c) return
    f.rows.push({ key: ++nextKey, c, keep: true })
    f.restored.push(index)
  }

  function setTags(row: Row, s: string) {
    row.c.tags = tagList(s)
  }

  /** Stores the kept rows; the files are cleared and a toast says how many were added. */
  async function accept(): Promise<ImportReportView | null> {
    const kept = rows.value.filter((r) => r.keep).map((r) => r.c)
    if (kept.length === 0) return null
    state.busy = true
    try {
      const report = await attempt(() => api.acceptImport(kept, tagList(state.extraTags)))
      if (!report) return null
      const skipped = report.skipped ? `，${report.skipped} 段段落库已有，未重复加入` : ''
      toast(`已加入段落库 ${report.added.length} 段${skipped}。`)
      state.files = []
      state.extraTags = ''
      state.report = report
      return report
    } finally {
      state.busy = false
    }
  }

  return { state, rows, keptCount, choose, selectAll, removeFile, revise, mergeNext, unsplit, restore, setTags, accept }
}
