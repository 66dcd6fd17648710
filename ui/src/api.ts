// Typed calls into the Rust commands. The wrappers are generated from the commands'
// signatures (commands.ts, by src-tauri/src/invoke_gen.rs) and the types from the Rust
// types (bindings.ts); this file keeps only the hand-written part: the bridge, its fake
// for tests, and how a failure reads.
import { invoke as tauriInvoke } from '@tauri-apps/api/core'
import type { UiError } from './bindings'
import { makeApi } from './commands'

type Invoke = (cmd: string, args?: Record<string, unknown>) => Promise<unknown>
let invokeImpl: Invoke = tauriInvoke

/** Tests replace the bridge with a fake. */
export function setInvoke(fn: Invoke) {
  invokeImpl = fn
}

/** Every failure reaches the UI as a Chinese sentence. */
export function errorMessage(e: unknown): string {
  // Only our own errors (UiError: a Chinese message and a kind) are shown as they are.
  if (e && typeof e === 'object' && 'kind' in e && typeof (e as UiError).message === 'string') {
    return (e as UiError).message
  }
  return '操作没有完成，请重试。'
}

/** The one primitive the wrappers call; it reads `invokeImpl` at call time, so a fake
 * set by a test after import is the one used. */
export function call<T>(cmd: string, args?: Record<string, unknown>): Promise<T> {
  return invokeImpl(cmd, args) as Promise<T>
}

export const api = makeApi(call)
