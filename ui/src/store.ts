// The app's shared state (a composable over one reactive object) and the toasts.
import { reactive } from 'vue'
import { api, errorMessage } from './api'
import type { EditorState, Settings } from './bindings'

export type View = 'home' | 'new' | 'editor' | 'meetings' | 'library' | 'import' | 'settings'

export interface Toast {
  id: number
  text: string
  kind: 'info' | 'error'
  action?: { label: string; run: () => void | Promise<void> }
}

export const app = reactive({
  view: 'home' as View,
  editor: null as EditorState | null,
  /** The meeting the 会议 view shows (null: the list only). */
  meeting: null as number | null,
  settings: null as Settings | null,
  toasts: [] as Toast[],
  busy: false,
})

let toastId = 0

export function toast(text: string, kind: Toast['kind'] = 'info', action?: Toast['action'], ms = 5000) {
  const t: Toast = { id: ++toastId, text, kind, action }
  // Three at most: the oldest goes first.
  while (app.toasts.length >= 3) app.toasts.shift()
  app.toasts.push(t)
  setTimeout(() => dismiss(t.id), ms)
  return t.id
}

export function dismiss(id: number) {
  const i = app.toasts.findIndex((t) => t.id === id)
  if (i >= 0) app.toasts.splice(i, 1)
}

/** Runs a call; a failure becomes a Chinese toast and `null`. */
export async function attempt<T>(fn: () => Promise<T>): Promise<T | null> {
  try {
    return await fn()
  } catch (e) {
    toast(errorMessage(e), 'error')
    return null
  }
}

export async function loadSettings() {
  const s = await attempt(() => api.getSettings())
  if (s) app.settings = s
  return s
}

export function go(view: View) {
  app.view = view
}
