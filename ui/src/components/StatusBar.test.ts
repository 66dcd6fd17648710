import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import StatusBar from './StatusBar.vue'
import SlotField from './SlotField.vue'

const stats = { chars: 1500, minutes: 6.8, rate: 220, paragraphs: 12, unfilled: 2, target: 3000 }
const finding = { rule: 'unfilled-slot', message: '占位项“届次”还没有填写', node: 7, part: 'body', offset: 0, length: 4, text: '【届次】', suggestion: null, fix: null, slot: '届次', class: '格式', level: '必改', basis: null }

describe('StatusBar', () => {
  it('shows 字数, time, unfilled and the findings count, which opens the panel', async () => {
    const w = mount(StatusBar, { props: { stats, findings: [finding, { ...finding, level: '建议' }] } })
    expect(w.get('[data-chars]').text()).toContain('1,500')
    expect(w.get('[data-minutes]').text()).toBe('6 分 48 秒')
    expect(w.get('[data-unfilled]').text()).toContain('2')
    expect(w.get('[data-findings]').text()).toBe('审校 2 条（必改 1）')
    await w.get('[data-findings]').trigger('click')
    expect(w.emitted('check')).toHaveLength(1)
  })
  it('reports a new rate', async () => {
    const w = mount(StatusBar, { props: { stats, findings: [] } })
    const input = w.get('[data-rate]')
    await input.setValue('250')
    await input.trigger('change')
    expect(w.emitted('rate')?.[0]).toEqual([250])
  })
})

describe('SlotField', () => {
  const slot = { name: '日期', label: '讲话日期', kind: 'date', example: '2026-04-28', profile: false, value: '', filled: false, uses: 1, usedIn: [null], shared: false }
  it('uses a date picker for a date and emits what is typed', async () => {
    const w = mount(SlotField, { props: { slot, modelValue: '' } })
    const input = w.get('input')
    expect(input.attributes('type')).toBe('date')
    await input.setValue('2026-04-28')
    expect(w.emitted('update:modelValue')?.[0]).toEqual(['2026-04-28'])
  })
  it('marks profile slots', () => {
    const w = mount(SlotField, { props: { slot: { ...slot, kind: 'text', profile: true }, modelValue: '市总工会' } })
    expect(w.text()).toContain('常用')
    expect(w.get('input').attributes('type')).toBe('text')
  })
})
