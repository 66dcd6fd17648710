import { describe, expect, it } from 'vitest'
import type { LineView, PageView, RunView } from './bindings'
import { reusePages, samePage, selectedOn } from './pages'

function run(text: string): RunView {
  return { x: 79.37, text, face: 'fang', bold: false, unfilled: false, cue: false, spacing: -0.25 }
}

function line(text: string, node: number | null, top: number): LineView {
  return { node, top, height: 28.95, baseline: top + 20.55, size: 16, runs: [run(text)] }
}

function page(number: number, texts: string[], node = 1): PageView {
  return {
    number,
    lines: texts.map((text, i) => line(text, node, 104.88 + i * 28.95)),
    folio: { ...line(`— ${number} —`, null, 792.6), runs: [{ ...run(`— ${number} —`), face: 'song', advances: [14, 3.5, 7, 3.5, 14] }] },
  }
}

describe('reusePages', () => {
  it('keeps equal pages as the same objects and takes changed ones', () => {
    const prev = [page(1, ['甲', '乙']), page(2, ['丙']), page(3, ['丁'])]
    const next = [page(1, ['甲', '乙']), page(2, ['丙戊']), page(3, ['丁'])]
    const got = reusePages(prev, next)
    expect(got[0]).toBe(prev[0])
    expect(got[1]).toBe(next[1])
    expect(got[2]).toBe(prev[2])
  })
  it('handles pages added and removed', () => {
    const prev = [page(1, ['甲'])]
    const next = [page(1, ['甲']), page(2, ['乙'])]
    const got = reusePages(prev, next)
    expect(got).toHaveLength(2)
    expect(got[0]).toBe(prev[0])
    expect(got[1]).toBe(next[1])
    expect(reusePages(next, prev)[0]).toBe(next[0])
    expect(reusePages(null, next)).toBe(next)
  })
  it('sees every difference that shows on paper', () => {
    const a = page(1, ['甲'])
    const variants: PageView[] = [
      page(2, ['甲']),
      page(1, ['甲', '乙']),
      page(1, ['乙']),
      page(1, ['甲'], 2),
      { ...a, lines: [{ ...a.lines[0], top: 110 }] },
      { ...a, lines: [{ ...a.lines[0], baseline: 130 }] },
      { ...a, lines: [{ ...a.lines[0], size: 22 }] },
      { ...a, lines: [{ ...a.lines[0], runs: [{ ...a.lines[0].runs[0], x: 111.37 }] }] },
      { ...a, lines: [{ ...a.lines[0], runs: [{ ...a.lines[0].runs[0], spacing: 0.31 }] }] },
      { ...a, lines: [{ ...a.lines[0], runs: [{ ...a.lines[0].runs[0], face: 'hei' }] }] },
      { ...a, lines: [{ ...a.lines[0], runs: [{ ...a.lines[0].runs[0], bold: true }] }] },
      { ...a, lines: [{ ...a.lines[0], runs: [{ ...a.lines[0].runs[0], unfilled: true }] }] },
      { ...a, lines: [{ ...a.lines[0], runs: [{ ...a.lines[0].runs[0], cue: true }] }] },
      { ...a, lines: [{ ...a.lines[0], runs: [{ ...a.lines[0].runs[0], advances: [16] }] }] },
      { ...a, folio: { ...a.folio, runs: [{ ...a.folio.runs[0], advances: [14, 3.5, 7.5, 3.5, 14] }] } },
    ]
    for (const v of variants) expect(samePage(a, v)).toBe(false)
    expect(samePage(a, page(1, ['甲']))).toBe(true)
  })
})

describe('selectedOn', () => {
  it('is the selection only on pages that hold it', () => {
    expect(selectedOn(page(1, ['甲'], 7), 7)).toBe(7)
    expect(selectedOn(page(1, ['甲'], 7), 8)).toBeNull()
    expect(selectedOn(page(1, ['甲'], 7), null)).toBeNull()
  })
})
