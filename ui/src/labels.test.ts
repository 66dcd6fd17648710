import { beforeEach, describe, expect, it } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { api, setInvoke } from './api'
import type { Labels } from './bindings'
import { resetLabels, useLabels } from './composables/useLabels'
import SlotField from './components/SlotField.vue'

const labels: Labels = {
  nodeKinds: [{ id: 'heading', label: '标题' }, { id: 'item', label: '条目' }, { id: 'paragraph', label: '段落' }],
  leads: [{ id: 'shi', label: '一是、二是' }, { id: 'juhua', label: '第一句话，第二句话，' }],
  slotKinds: [{ id: 'text', label: '文字' }, { id: 'date', label: '日期' }],
}

let calls: { cmd: string; args?: Record<string, unknown> }[] = []

beforeEach(() => {
  calls = []
  resetLabels()
  setInvoke(async (cmd, args) => {
    calls.push({ cmd, args })
    if (cmd === 'labels') return labels
    return null
  })
})

describe('labels from the core', () => {
  it('are loaded once and looked up by id, unknown ids shown as they are', async () => {
    const a = useLabels()
    const b = useLabels()
    await flushPromises()
    expect(calls.filter((c) => c.cmd === 'labels')).toHaveLength(1)
    expect(a.leadLabel('juhua')).toBe('第一句话，第二句话，')
    expect(b.kindLabel('item')).toBe('条目')
    expect(a.slotKindLabel('date')).toBe('日期')
    expect(a.slotKindLabel('colour')).toBe('colour')
    expect(a.leadLabel(null)).toBe('')
    expect(a.nodeKinds().map((l) => l.id)).toEqual(['heading', 'item', 'paragraph'])
  })

  it('a failed load shows ids and is tried again on the next use', async () => {
    setInvoke(async (cmd) => {
      calls.push({ cmd })
      throw { kind: 'internal', message: '出错了' }
    })
    const l = useLabels()
    await flushPromises()
    expect(l.slotKindLabel('date')).toBe('date')
    setInvoke(async (cmd) => {
      calls.push({ cmd })
      return labels
    })
    useLabels()
    await flushPromises()
    expect(l.slotKindLabel('date')).toBe('日期')
    expect(calls).toHaveLength(2)
  })

  it('name a slot field by its kind', async () => {
    const slot = { name: '日期', label: '讲话日期', kind: 'date', example: '', profile: false, value: '', filled: false, uses: 1, usedIn: [null], shared: false }
    const w = mount(SlotField, { props: { slot, modelValue: '' } })
    await flushPromises()
    expect(w.get('.kind').text()).toBe('日期')
  })
})

describe('generated command wrappers', () => {
  it('send the arguments under the camelCase keys Tauri expects', async () => {
    await api.searchBlocks('团结', 'work_meeting', null, 20)
    await api.fixFindings(3, null, null)
    await api.ignoreFinding(3, 2, true)
    await api.startupError()
    expect(calls).toEqual([
      { cmd: 'search_blocks', args: { query: '团结', speechType: 'work_meeting', tag: null, limit: 20 } },
      { cmd: 'fix_findings', args: { id: 3, index: null, rule: null } },
      { cmd: 'ignore_finding', args: { id: 3, index: 2, wholeDraft: true } },
      { cmd: 'startup_error', args: undefined },
    ])
  })
})
