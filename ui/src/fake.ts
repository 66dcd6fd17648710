// For tests: the bridge replaced by answers per command; every call is recorded, and a
// command without an answer fails as the core would, with a Chinese message.
import { setInvoke } from './api'

export type Call = { cmd: string; args?: Record<string, unknown> }

export function fake(answers: Record<string, (args?: Record<string, unknown>) => unknown>): Call[] {
  const calls: Call[] = []
  setInvoke(async (cmd, args) => {
    calls.push({ cmd, args })
    const a = answers[cmd]
    if (!a) throw { kind: 'badInput', message: `没有 ${cmd}` }
    return a(args)
  })
  return calls
}
