import { describe, expect, it } from 'vitest'
import type { OutlineRow } from './bindings'
import { dropPlace, dropZone, insertPlace, isInside, keyboardMove, visibleRows } from './outline'

function row(id: number, parent: number | null, kind = 'item', depth = parent === null ? 0 : 1): OutlineRow {
  const ancestors = parent === null ? [] : [parent]
  return { id, parent, ancestors, depth, kind, lead: null, prefix: null, text: '', display: '', pieces: [], hasChildren: false, note: null, generated: [], logicTags: false }
}

// 1 heading { 2, 3 }, 4 heading { 5 }, 6
const rows = [row(1, null, 'heading'), row(2, 1), row(3, 1), row(4, null, 'heading'), row(5, 4), row(6, null)]

describe('keyboardMove', () => {
  it('swaps with siblings only', () => {
    expect(keyboardMove(rows, 3, 'up')).toEqual({ kind: 'before', target: 2 })
    expect(keyboardMove(rows, 2, 'up')).toBeNull()
    expect(keyboardMove(rows, 2, 'down')).toEqual({ kind: 'after', target: 3 })
    expect(keyboardMove(rows, 3, 'down')).toBeNull()
    expect(keyboardMove(rows, 1, 'down')).toEqual({ kind: 'after', target: 4 })
  })
  it('indents into the heading above and outdents after the parent', () => {
    expect(keyboardMove(rows, 6, 'indent')).toEqual({ kind: 'under', target: 4 })
    expect(keyboardMove(rows, 3, 'indent')).toBeNull()
    expect(keyboardMove(rows, 5, 'outdent')).toEqual({ kind: 'after', target: 4 })
    expect(keyboardMove(rows, 6, 'outdent')).toBeNull()
  })
})

describe('drops', () => {
  it('the middle of a heading means under it', () => {
    expect(dropZone(rows[0], 10, 20)).toBe('inside')
    expect(dropZone(rows[1], 10, 20)).toBe('after')
    expect(dropZone(rows[1], 2, 20)).toBe('before')
    expect(dropPlace(rows[0], 'inside')).toEqual({ kind: 'under', target: 1 })
  })
  it('refuses a drop into the moving subtree', () => {
    expect(isInside(rows, 2, 1)).toBe(true)
    expect(isInside(rows, 5, 1)).toBe(false)
  })
})

describe('insertPlace and collapsing', () => {
  it('inserts under a heading, after an item, else at the end', () => {
    expect(insertPlace(rows, 1)).toEqual({ kind: 'under', target: 1 })
    expect(insertPlace(rows, 2)).toEqual({ kind: 'after', target: 2 })
    expect(insertPlace(rows, null)).toEqual({ kind: 'end', target: null })
  })
  it('hides what is under a collapsed heading', () => {
    expect(visibleRows(rows, new Set([1])).map((r) => r.id)).toEqual([1, 4, 5, 6])
  })
})
