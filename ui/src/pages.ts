// Keeps the preview's unchanged pages as the same objects, so a keystroke repaints only
// the pages it changed (a page component whose props are identical is not re-rendered).
import type { LineView, PageView } from './bindings'

function sameLine(a: LineView, b: LineView): boolean {
  if (a.style !== b.style || a.node !== b.node || a.indent !== b.indent || a.runs.length !== b.runs.length) {
    return false
  }
  return a.runs.every((r, i) => {
    const s = b.runs[i]
    return r.text === s.text && r.bold === s.bold && r.slot === s.slot && r.unfilled === s.unfilled
  })
}

export function samePage(a: PageView, b: PageView): boolean {
  return a.number === b.number && a.lines.length === b.lines.length && a.lines.every((l, i) => sameLine(l, b.lines[i]))
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
