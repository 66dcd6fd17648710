// Display helpers: inputs for slot kinds, numbers and times as the writer reads them.
// The names of the core's ids come from the core (composables/useLabels.ts).

/** The HTML input that fits a slot kind: a date picker for dates, numeric fields for figures. */
export function inputFor(kind: string): { type: string; inputmode?: string; placeholder?: string } {
  switch (kind) {
    case 'date': return { type: 'date' }
    case 'year': return { type: 'number', inputmode: 'numeric' }
    case 'number': case 'money': return { type: 'text', inputmode: 'decimal' }
    case 'percent': return { type: 'text', inputmode: 'decimal' }
    case 'ordinal': return { type: 'text', inputmode: 'numeric' }
    default: return { type: 'text' }
  }
}

/** A date slot's value for <input type=date>: only ISO dates fit there. */
export function dateInputValue(v: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : ''
}

export function minutes(m: number): string {
  if (m < 1) return `${Math.max(1, Math.round(m * 60))} 秒`
  const whole = Math.floor(m)
  const sec = Math.round((m - whole) * 60)
  return sec ? `${whole} 分 ${sec} 秒` : `${whole} 分钟`
}

export function when(ts: number): string {
  const d = new Date(ts * 1000)
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`
}

/** 1234 → 1,234 */
export function count(n: number): string {
  return n.toLocaleString('en-US')
}

/** Tags typed by the writer: separated by commas or semicolons (either width), 、 or spaces. */
export function tagList(s: string): string[] {
  const out: string[] = []
  for (const t of s.split(/[,，、;；\s]+/).map((t) => t.trim()).filter(Boolean)) {
    if (!out.includes(t)) out.push(t)
  }
  return out
}

/** How much changed, from the core's counts: 增 12 字 · 删 3 字 · 结构 1 处 · 占位项 2 个. */
export function changeLabel(c: { added: number; removed: number; structure: number; slots: number } | null): string {
  if (!c) return ''
  const parts: string[] = []
  if (c.added) parts.push(`增 ${count(c.added)} 字`)
  if (c.removed) parts.push(`删 ${count(c.removed)} 字`)
  if (c.structure) parts.push(`结构 ${c.structure} 处`)
  if (c.slots) parts.push(`占位项 ${c.slots} 个`)
  return parts.length ? parts.join(' · ') : '没有改动'
}

/** A file size as the writer reads it: 812 KB, 3.4 MB. */
export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} 字节`
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`
  const mb = bytes / (1024 * 1024)
  return `${mb < 10 ? mb.toFixed(1) : Math.round(mb)} MB`
}

/** After an export or a print: which faces of the font set stood in for missing ones, or ''. */
export function substitutionNote(subs: readonly { wanted: string; used: string }[]): string {
  const list = subs.map((s) => `${s.wanted}→${s.used}`).join('、')
  return list ? `（本机缺字体，已替代：${list}）` : ''
}
