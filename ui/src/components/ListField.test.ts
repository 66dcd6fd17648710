import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import ListField from './ListField.vue'
import SlotField from './SlotField.vue'

function last<T>(xs: T[] | undefined): T | undefined {
  return xs ? xs[xs.length - 1] : undefined
}

describe('ListField', () => {
  const agenda = '奏唱国歌\n宣读决定\n\n领导讲话'
  it('shows one row an entry, blank lines left out', () => {
    const w = mount(ListField, { props: { name: '议程', modelValue: agenda } })
    expect(w.findAll('[data-list-row]').map((r) => (r.get('input').element as HTMLInputElement).value)).toEqual([
      '奏唱国歌',
      '宣读决定',
      '领导讲话',
    ])
  })
  it('moves, edits, adds and deletes rows, committing the lines', async () => {
    const w = mount(ListField, { props: { name: '议程', modelValue: agenda } })
    await w.findAll('[data-list-down]')[0].trigger('click')
    expect(last(w.emitted('update:modelValue'))).toEqual(['宣读决定\n奏唱国歌\n领导讲话'])
    expect(w.emitted('commit')).toHaveLength(1)
    await w.findAll('[data-list-up]')[2].trigger('click')
    expect(last(w.emitted('update:modelValue'))).toEqual(['宣读决定\n领导讲话\n奏唱国歌'])
    expect(w.findAll('[data-list-up]')[0].attributes('disabled')).toBeDefined()
    await w.get('[data-list-add]').trigger('click')
    const inputs = w.findAll('[data-list-row] input')
    await inputs[3].setValue('合影留念')
    expect(last(w.emitted('update:modelValue'))).toEqual(['宣读决定\n领导讲话\n奏唱国歌\n合影留念'])
    await w.findAll('[data-list-remove]')[0].trigger('click')
    expect(last(w.emitted('update:modelValue'))).toEqual(['领导讲话\n奏唱国歌\n合影留念'])
  })
})

describe('SlotField of a flag', () => {
  const slot = { name: '部署换届', label: '是否部署换届', kind: 'flag', example: '是', profile: false, value: '', filled: false, uses: 1, usedIn: [null], shared: false }
  it('is a checkbox giving 是 or 否', async () => {
    const w = mount(SlotField, { props: { slot, modelValue: '' } })
    const box = w.get('input')
    expect(box.attributes('type')).toBe('checkbox')
    await box.setValue(true)
    expect(w.emitted('update:modelValue')?.[0]).toEqual(['是'])
    await box.setValue(false)
    expect(w.emitted('update:modelValue')?.[1]).toEqual(['否'])
  })
  it('a list slot is edited as rows', () => {
    const w = mount(SlotField, { props: { slot: { ...slot, kind: 'list' }, modelValue: '甲\n乙' } })
    expect(w.findAll('[data-list-row]')).toHaveLength(2)
  })
})
