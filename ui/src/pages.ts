// Keeps the preview's unchanged pages as the same objects, so a keystroke repaints only
// the pages it changed (a page component whose props are identical is not re-rendered).
// Pages are equal when everything drawn is: texts, marks and every position.
import type { LineView, PageView, RunView } from './bindings'

/**
 * Pixels a point when a sheet is laid out, before it is scaled to the zoom. WebKit sets
 * type in whole pixels (16 pt at 96 dpi, 21.33 px, became 21 px and every line came out
 * short); at two pixels a point every size of the profiles, in half-points, is whole.
 */
export const PX_PER_PT = 2

function sameNumbers(a: readonly number[] | undefined, b: readonly number[] | undefined): boolean {
  if (!a || !b) return a === b
  return a.length === b.length && a.every((v, i) => v === b[i])
}

function sameRun(r: RunView, s: RunView): boolean {
  return (
    r.text === s.text &&
    r.x === s.x &&
    r.spacing === s.spacing &&
    r.face === s.face &&
    r.bold === s.bold &&
    r.unfilled === s.unfilled &&
    r.cue === s.cue &&
    sameNumbers(r.advances, s.advances)
  )
}

function sameLine(a: LineView, b: LineView): boolean {
  return (
    a.node === b.node &&
    a.top === b.top &&
    a.height === b.height &&
    a.baseline === b.baseline &&
    a.size === b.size &&
    a.runs.length === b.runs.length &&
    a.runs.every((r, i) => sameRun(r, b.runs[i]))
  )
}

export function samePage(a: PageView, b: PageView): boolean {
  return (
    a.number === b.number &&
    sameLine(a.folio, b.folio) &&
    a.lines.length === b.lines.length &&
    a.lines.every((l, i) => sameLine(l, b.lines[i]))
  )
}

/** `next`, with each page equal to the one at its place in `prev` replaced by that one. */
export function reusePages(prev: readonly PageView[] | null, next: PageView[]): PageView[] {
  if (!prev) return next
  return next.map((p, i) => (i < prev.length && samePage(prev[i], p) ? prev[i] : p))
}

/** The node selected on this page, or null: only the pages holding it repaint on selection. */
export function selectedOn(page: PageView, selected: number | null): number | null {
  return selected !== null && page.lines.some((l) => l.node === selected) ? selected : null
}
