// A debounced call that can be flushed (before undo, export, leaving the editor).
export interface Debounced<A extends unknown[]> {
  (...args: A): void
  flush(): Promise<void>
  cancel(): void
  pending(): boolean
}

export function debounce<A extends unknown[]>(
  fn: (...args: A) => unknown | Promise<unknown>,
  ms: number,
): Debounced<A> {
  let timer: ReturnType<typeof setTimeout> | null = null
  let last: A | null = null
  const run = async () => {
    timer = null
    const args = last
    last = null
    if (args) await fn(...args)
  }
  const d = ((...args: A) => {
    last = args
    if (timer) clearTimeout(timer)
    timer = setTimeout(run, ms)
  }) as Debounced<A>
  d.flush = async () => {
    if (timer) {
      clearTimeout(timer)
      await run()
    }
  }
  d.cancel = () => {
    if (timer) clearTimeout(timer)
    timer = null
    last = null
  }
  d.pending = () => timer !== null
  return d
}
