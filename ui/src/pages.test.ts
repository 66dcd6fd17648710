import { describe, expect, it } from 'vitest'
import type { PageView } from './bindings'
import { reusePages, samePage, selectedOn } from './pages'

function page(number: number, texts: string[], node = 1): PageView {
  return {
    number,
    lines: texts.map((text) => ({ style: 'body', node, indent: false, runs: [{ text, bold: false, slot: null, unfilled: false, cue: false }] })),
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
      { number: 1, lines: [{ ...a.lines[0], style: 'heading1' }] },
      { number: 1, lines: [{ ...a.lines[0], indent: true }] },
      { number: 1, lines: [{ ...a.lines[0], runs: [{ ...a.lines[0].runs[0], bold: true }] }] },
      { number: 1, lines: [{ ...a.lines[0], runs: [{ ...a.lines[0].runs[0], unfilled: true }] }] },
      { number: 1, lines: [{ ...a.lines[0], runs: [{ ...a.lines[0].runs[0], slot: '年份' }] }] },
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
