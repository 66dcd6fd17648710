import { describe, expect, it, vi } from 'vitest'
import { debounce } from './debounce'
import { dateInputValue, inputFor, minutes, substitutionNote } from './format'
import { serialize } from './text'
import { visibleRange } from './virtual'
import { errorMessage } from './api'

describe('debounce', () => {
  it('calls once with the last arguments, and flush runs it now', async () => {
    vi.useFakeTimers()
    const seen: number[] = []
    const d = debounce((n: number) => { seen.push(n) }, 100)
    d(1); d(2); d(3)
    expect(seen).toEqual([])
    vi.advanceTimersByTime(100)
    expect(seen).toEqual([3])
    d(4)
    await d.flush()
    expect(seen).toEqual([3, 4])
    expect(d.pending()).toBe(false)
    vi.useRealTimers()
  })
})

describe('slot inputs', () => {
  it('dates get a date picker, figures numeric fields', () => {
    expect(inputFor('date').type).toBe('date')
    expect(inputFor('year').type).toBe('number')
    expect(inputFor('number').inputmode).toBe('decimal')
    expect(inputFor('text').type).toBe('text')
    expect(dateInputValue('2026-04-28')).toBe('2026-04-28')
    expect(dateInputValue('2026年4月')).toBe('')
  })
  it('speaking time reads naturally', () => {
    expect(minutes(13.5)).toBe('13 分 30 秒')
    expect(minutes(2)).toBe('2 分钟')
  })
})

describe('serialize', () => {
  it('gives chips back as their slot text', () => {
    const root = document.createElement('div')
    root.append('召开第')
    const chip = document.createElement('span')
    chip.dataset.raw = '{{届次}}'
    chip.textContent = '十八'
    root.append(chip, '次代表大会\u00a0')
    expect(serialize(root)).toBe('召开第{{届次}}次代表大会 ')
  })
  it('gives a bold lead sentence its stars back', () => {
    const root = document.createElement('div')
    const b = document.createElement('strong')
    b.append('听党话。')
    root.append(b, '无论何时')
    expect(serialize(root)).toBe('**听党话。**无论何时')
  })
})

describe('virtual list window', () => {
  it('draws only the rows in view', () => {
    const r = visibleRange(7600, 600, 76, 100000)
    expect(r.first).toBe(94)
    expect(r.last).toBe(114)
    expect(r.padTop + (r.last - r.first) * 76 + r.padBottom).toBe(100000 * 76)
  })
})

describe('errors', () => {
  it('shows the Chinese message, never raw text', () => {
    expect(errorMessage({ message: '内容不能为空。', kind: 'badInput' })).toBe('内容不能为空。')
    expect(errorMessage(new Error('rusqlite: no such table'))).toBe('操作没有完成，请重试。')
    expect(errorMessage(42)).toBe('操作没有完成，请重试。')
  })
})

describe('font substitution note', () => {
  it('names each stand-in, and says nothing when every face is installed', () => {
    expect(substitutionNote([])).toBe('')
    expect(substitutionNote([{ wanted: '仿宋', used: 'Noto Serif CJK SC' }, { wanted: '黑体', used: 'Noto Sans CJK SC' }]))
      .toBe('（本机缺字体，已替代：仿宋→Noto Serif CJK SC、黑体→Noto Sans CJK SC）')
  })
})
