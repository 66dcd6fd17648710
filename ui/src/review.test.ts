import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import type { OutlineRow, ReviewView } from './bindings'
import ReviewDialog from './components/ReviewDialog.vue'

const view: ReviewView = {
  base_version: 3,
  tracked: true,
  changes: [
    { node: 7, kind: 'replace', old: '隆重召开', new: '召开', author: '王主任', slot: null },
    { node: null, kind: 'insert', old: null, new: '新增一段。', author: '王主任', slot: null },
    { node: 8, kind: 'slot', old: '市总工会', new: '市总', author: null, slot: '单位' },
  ],
  comments: [{ node: 7, text: '再精炼些', author: '王主任' }],
  warnings: [],
}
const rows = [{ id: 7, display: '今天，我们在这里召开大会' }] as unknown as OutlineRow[]

describe('ReviewDialog', () => {
  it('accepts all by default, a subset when some are unticked, with the slot choice', async () => {
    const w = mount(ReviewDialog, { props: { view, rows } })
    expect(w.findAll('[data-review-change]')).toHaveLength(3)
    expect(w.get('[data-review-change="0"]').text()).toContain('今天，我们在这里召开大会'.slice(0, 14))
    expect(w.get('[data-review-comment]').text()).toContain('王主任：再精炼些')
    await w.get('[data-action=accept-review]').trigger('click')
    expect(w.emitted('accept')?.[0]).toEqual([null, 'text'])
    await w.get('[data-review-change="1"] input').trigger('change')
    await w.get('input[value=value]').setValue(true)
    await w.get('[data-action=accept-review]').trigger('click')
    expect(w.emitted('accept')?.[1]).toEqual([[0, 2], 'value'])
  })
  it('says so when the file is the same', () => {
    const w = mount(ReviewDialog, { props: { view: { ...view, changes: [], comments: [] }, rows } })
    expect(w.text()).toContain('没有需要接受的修改')
    expect(w.get('[data-action=accept-review]').attributes('disabled')).toBeDefined()
  })
})
