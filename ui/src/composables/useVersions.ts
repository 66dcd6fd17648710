// The 版本 panel's state: the open draft's versions, the save form, the confirmation
// waiting for an answer, and the comparison on screen. What changed between versions,
// which versions exist and what a restore does are the core's; this keeps the list and
// asks before anything is lost.
import { reactive } from 'vue'
import { api } from '../api'
import type { CompareView, EditorState, VersionView, VersionsView } from '../bindings'
import { attempt, toast } from '../store'

export interface Confirm {
  text: string
  ok: string
  run: () => Promise<void>
}

const state = reactive({
  draft: null as number | null,
  view: null as VersionsView | null,
  name: '',
  note: '',
  busy: false,
  confirm: null as Confirm | null,
  /** The comparison on screen, if any. */
  compare: null as CompareView | null,
})

/** Back to nothing loaded (tests, another library). */
export function resetVersions() {
  Object.assign(state, { draft: null, view: null, name: '', note: '', busy: false, confirm: null, compare: null })
}

/** The sentence that asks before a restore: the present is kept as a version first. */
export function restoreQuestion(v: VersionView): string {
  return `把讲稿恢复成“${v.name}”（${v.time}）？现在的内容会先自动存为“恢复前”版本，也可以用“撤销”退回。`
}

/** The sentence that asks before a named version is deleted. */
export function deleteQuestion(v: VersionView): string {
  return `删除版本“${v.name}”（${v.time}）？删除后不能恢复。`
}

async function busy<T>(fn: () => Promise<T>): Promise<T | null> {
  state.busy = true
  try {
    return await attempt(fn)
  } finally {
    state.busy = false
  }
}

/** `apply` puts an editor state from the core on screen (the editor's own function);
 * `settle` saves what the writer is typing before the draft is replaced. */
export function useVersions(
  apply: (s: EditorState | null) => unknown = () => {},
  settle: () => Promise<void> = async () => {},
) {
  async function load(draft: number) {
    if (state.draft !== draft) resetVersions()
    state.draft = draft
    const v = await busy(() => api.listVersions(draft))
    if (v && state.draft === draft) state.view = v
  }

  /** After an edit: only the present against the newest version; the whole list again
   * when a version was added meanwhile (the hourly automatic one). */
  async function refresh(draft: number) {
    if (state.draft !== draft || !state.view) return load(draft)
    let p
    try {
      p = await api.versionPresent(draft)
    } catch {
      return // shown again at the next edit; nothing for the writer to do
    }
    if (state.draft !== draft || !state.view) return
    if (p.newest !== (state.view.versions[0]?.id ?? null)) return load(draft)
    state.view.present = p.changed
  }

  async function save(): Promise<boolean> {
    const draft = state.draft
    if (draft === null) return false
    const name = state.name.trim()
    if (!name) {
      toast('请先填写版本名称，例如“初稿”。', 'error')
      return false
    }
    const v = await busy(() => api.saveVersion(draft, name, state.note.trim() || null))
    if (!v) return false
    state.view = v
    state.name = ''
    state.note = ''
    toast(`已保存版本“${name}”。`)
    return true
  }

  function askRestore(v: VersionView) {
    state.confirm = {
      text: restoreQuestion(v),
      ok: '恢复',
      run: async () => {
        const draft = state.draft
        if (draft === null) return
        await settle()
        const s = await busy(() => api.restoreVersion(draft, v.id))
        if (!s) return
        apply(s)
        toast(`已恢复为“${v.name}”，原来的内容存为“恢复前”。`)
        await load(draft)
      },
    }
  }

  /** Named versions are the writer's: asked first. Automatic ones are pruned by the core. */
  function askDelete(v: VersionView) {
    state.confirm = {
      text: deleteQuestion(v),
      ok: '删除',
      run: async () => {
        const draft = state.draft
        if (draft === null) return
        const next = await busy(() => api.deleteVersion(draft, v.id))
        if (next) state.view = next
      },
    }
  }

  /** Opens (or changes) the comparison: `from` null is the newest named version, `to`
   * null the present draft. */
  async function compare(from: number | null, to: number | null) {
    const draft = state.draft
    if (draft === null) return
    await settle()
    const c = await busy(() => api.compareVersions(draft, from, to))
    if (c && state.draft === draft) state.compare = c
  }

  function closeCompare() {
    state.compare = null
  }

  async function answer(yes: boolean) {
    const c = state.confirm
    state.confirm = null
    if (yes && c) await c.run()
  }

  return { state, load, refresh, save, askRestore, askDelete, answer, compare, closeCompare }
}
