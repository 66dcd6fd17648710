// The Chinese names of the core's ids (item kinds, lead styles, slot kinds), loaded once
// from the `labels` command: the names live in the core, not in a table here.
import { shallowRef } from 'vue'
import { api } from '../api'
import type { LabelView, Labels } from '../bindings'

const labels = shallowRef<Labels | null>(null)
let loading: Promise<void> | null = null

function load() {
  loading ??= api.labels().then(
    (l) => { labels.value = l },
    // A failed load shows the ids until the next use tries again; nothing to tell the writer.
    () => { loading = null },
  )
}

function nameOf(list: LabelView[] | undefined, id: string | null | undefined): string {
  if (!id) return ''
  return list?.find((l) => l.id === id)?.label ?? id
}

/** The label lists (empty until loaded) and lookups that fall back to the id. */
export function useLabels() {
  load()
  return {
    labels,
    nodeKinds: () => labels.value?.nodeKinds ?? [],
    leads: () => labels.value?.leads ?? [],
    slotKinds: () => labels.value?.slotKinds ?? [],
    kindLabel: (id: string) => nameOf(labels.value?.nodeKinds, id),
    leadLabel: (id: string | null | undefined) => nameOf(labels.value?.leads, id),
    slotKindLabel: (id: string) => nameOf(labels.value?.slotKinds, id),
  }
}

/** Tests start without labels loaded. */
export function resetLabels() {
  labels.value = null
  loading = null
}
