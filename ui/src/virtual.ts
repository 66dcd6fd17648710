// The window of a long list that is drawn: rows of a fixed height, a few extra each side.
export function visibleRange(scrollTop: number, viewport: number, rowHeight: number, total: number, overscan = 6) {
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan)
  const last = Math.min(total, Math.ceil((scrollTop + viewport) / rowHeight) + overscan)
  return { first, last, padTop: first * rowHeight, padBottom: (total - last) * rowHeight }
}
