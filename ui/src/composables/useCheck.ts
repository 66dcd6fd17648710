// The 审校 panel's arrangement of the findings: by class, firmest first, with counts per
// level and how many of each rule can be fixed. The findings and their order come from
// the core; this only groups what the panel shows. Actions name a finding by its index
// in the core's list.
import type { FindingView } from '../bindings'

export const LEVELS = ['必改', '建议', '提示'] as const
export type LevelName = (typeof LEVELS)[number]

export interface Indexed {
  f: FindingView
  index: number
}

export interface Group {
  cls: string
  items: Indexed[]
  must: number
}

export function levelCounts(findings: FindingView[]): Record<LevelName, number> {
  const out: Record<LevelName, number> = { 必改: 0, 建议: 0, 提示: 0 }
  for (const f of findings) if (f.level in out) out[f.level as LevelName]++
  return out
}

/** Groups by class in the order classes first appear; groups with more 必改 first. */
export function groupFindings(findings: FindingView[], levels: ReadonlySet<string>): Group[] {
  const groups = new Map<string, Group>()
  findings.forEach((f, index) => {
    if (!levels.has(f.level)) return
    let g = groups.get(f.class)
    if (!g) groups.set(f.class, (g = { cls: f.class, items: [], must: 0 }))
    g.items.push({ f, index })
    if (f.level === '必改') g.must++
  })
  return [...groups.values()].sort((a, b) => b.must - a.must)
}

/** How many findings of each rule have a safe fix. */
export function fixableByRule(findings: FindingView[]): Map<string, number> {
  const out = new Map<string, number>()
  for (const f of findings) if (f.fix !== null) out.set(f.rule, (out.get(f.rule) ?? 0) + 1)
  return out
}

/**
 * The range of `text` inside an element's text nearest to character `offset` (the core
 * counts in the printed text, the element may show chips), or null when it is not there.
 */
export function nearestOccurrence(haystack: string, text: string, offset: number): number | null {
  if (!text) return null
  let best: number | null = null
  for (let i = haystack.indexOf(text); i >= 0; i = haystack.indexOf(text, i + 1)) {
    if (best === null || Math.abs(i - offset) < Math.abs(best - offset)) best = i
  }
  return best
}
