// 备份与恢复: the library's backups, backing up now (the core copies off the main thread
// and without the session's lock, so the window works on), and restoring one after the
// writer confirms.
import { reactive } from 'vue'
import { api } from '../api'
import type { BackupView, BackupsView } from '../bindings'
import { app, attempt, toast } from '../store'
import { resetVersions } from './useVersions'

const state = reactive({
  view: null as BackupsView | null,
  /** What is running: nothing, a backup or a restore. */
  busy: null as null | 'backup' | 'restore',
  /** The backup waiting for the writer's yes. */
  asking: null as BackupView | null,
})

export function resetBackups() {
  Object.assign(state, { view: null, busy: null, asking: null })
}

/** The question before a restore. */
export function restoreBackupQuestion(b: BackupView): string {
  return `用 ${b.time} 的备份（${b.kindLabel}）替换现在的资料库？现在的资料库会先备份一份（“恢复前”），讲稿、段落库和设置都会回到备份时的样子。`
}

export function useBackups() {
  async function load() {
    const v = await attempt(() => api.listBackups())
    if (v) state.view = v
  }

  async function backupNow() {
    if (state.busy) return
    state.busy = 'backup'
    try {
      const v = await attempt(() => api.backupNow())
      if (v) {
        state.view = v
        toast(`已备份：${v.backups[0]?.time ?? ''}`)
      }
    } finally {
      state.busy = null
    }
  }

  /** After yes: the library is replaced and the session opens afresh on it, so nothing
   * on screen from before (the open draft, its versions) is kept. */
  async function answer(yes: boolean): Promise<boolean> {
    const b = state.asking
    state.asking = null
    if (!yes || !b || state.busy) return false
    state.busy = 'restore'
    try {
      const v = await attempt(() => api.restoreBackup(b.name))
      if (!v) return false
      state.view = v
      app.editor = null
      resetVersions()
      toast(`已从 ${b.time} 的备份恢复资料库。`)
      return true
    } finally {
      state.busy = null
    }
  }

  return { state, load, backupNow, ask: (b: BackupView) => { state.asking = b }, answer }
}
