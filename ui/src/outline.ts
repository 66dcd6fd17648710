// Where an outline item goes when the writer moves it with the keyboard or drops it.
// The core does the move and renumbers; this only turns a gesture into a place.
import type { OutlineRow, PlaceArg } from './bindings'

export type Direction = 'up' | 'down' | 'indent' | 'outdent'

function siblings(rows: OutlineRow[], row: OutlineRow): OutlineRow[] {
  return rows.filter((r) => r.parent === row.parent)
}

/** The place for Alt+↑/↓ (swap with a sibling), Alt+→ (into the heading above), Alt+← (out). */
export function keyboardMove(rows: OutlineRow[], id: number, dir: Direction): PlaceArg | null {
  const row = rows.find((r) => r.id === id)
  if (!row) return null
  const sibs = siblings(rows, row)
  const i = sibs.findIndex((r) => r.id === id)
  switch (dir) {
    case 'up':
      return i > 0 ? { kind: 'before', target: sibs[i - 1].id } : null
    case 'down':
      return i < sibs.length - 1 ? { kind: 'after', target: sibs[i + 1].id } : null
    case 'indent': {
      const prev = sibs[i - 1]
      return prev && prev.kind === 'heading' ? { kind: 'under', target: prev.id } : null
    }
    case 'outdent':
      return row.parent !== null ? { kind: 'after', target: row.parent } : null
  }
}

export type DropZone = 'before' | 'after' | 'inside'

/** Which part of a row the pointer is over: the middle of a heading means "under it". */
export function dropZone(row: OutlineRow, offsetY: number, height: number): DropZone {
  const f = height > 0 ? offsetY / height : 0
  if (row.kind === 'heading' && f > 0.3 && f < 0.7) return 'inside'
  return f < 0.5 ? 'before' : 'after'
}

export function dropPlace(target: OutlineRow, zone: DropZone): PlaceArg {
  if (zone === 'inside') return { kind: 'under', target: target.id }
  return { kind: zone, target: target.id }
}

/** True when `id` is `ancestor` or lies under it: the core refuses a drop there, and the
 * tree shows no drop target for it. The row's ancestors come from the core. */
export function isInside(rows: OutlineRow[], id: number, ancestor: number): boolean {
  if (id === ancestor) return true
  return rows.find((r) => r.id === id)?.ancestors.includes(ancestor) ?? false
}

/** Where a new item or block goes: under a selected heading, after another item, else last. */
export function insertPlace(rows: OutlineRow[], selected: number | null): PlaceArg {
  const row = rows.find((r) => r.id === selected)
  if (!row) return { kind: 'end', target: null }
  if (row.kind === 'heading') return { kind: 'under', target: row.id }
  return { kind: 'after', target: row.id }
}

/** The rows shown when some headings are collapsed. */
export function visibleRows(rows: OutlineRow[], collapsed: Set<number>): OutlineRow[] {
  const hidden = new Set<number>()
  const out: OutlineRow[] = []
  for (const r of rows) {
    if (r.parent !== null && (hidden.has(r.parent) || collapsed.has(r.parent))) {
      hidden.add(r.id)
      continue
    }
    out.push(r)
  }
  return out
}
