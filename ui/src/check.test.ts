import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import type { FindingView } from './bindings'
import { fixableByRule, groupFindings, levelCounts, nearestOccurrence } from './composables/useCheck'
import CheckPanel from './components/CheckPanel.vue'

const base: FindingView = {
  rule: 'typos/再接再励', message: '“再接再励”应为“再接再厉”', node: 4, part: 'body', offset: 3, length: 4,
  text: '再接再励', suggestion: '改为“再接再厉”', fix: '再接再厉', slot: null, class: '错别字', level: '必改', basis: '《现代汉语词典》',
}
const findings: FindingView[] = [
  { ...base, rule: 'usage/截止', class: '用词', level: '建议', fix: null, text: '截止' },
  base,
  { ...base, offset: 20 },
  { ...base, rule: 'long-paragraph', class: '格式', level: '提示', fix: null },
]

describe('the 审校 arrangement', () => {
  it('counts levels, groups classes with 必改 first and keeps the core index', () => {
    expect(levelCounts(findings)).toEqual({ 必改: 2, 建议: 1, 提示: 1 })
    const groups = groupFindings(findings, new Set(['必改', '建议', '提示']))
    expect(groups.map((g) => g.cls)).toEqual(['错别字', '用词', '格式'])
    expect(groups[0].items.map((i) => i.index)).toEqual([1, 2])
    expect(groupFindings(findings, new Set(['提示'])).map((g) => g.cls)).toEqual(['格式'])
    expect(fixableByRule(findings).get('typos/再接再励')).toBe(2)
  })
  it('finds the occurrence nearest the offset', () => {
    expect(nearestOccurrence('甲再接再励乙再接再励', '再接再励', 6)).toBe(6)
    expect(nearestOccurrence('甲再接再励乙再接再励', '再接再励', 0)).toBe(1)
    expect(nearestOccurrence('甲乙', '丙', 0)).toBeNull()
  })
})

describe('CheckPanel', () => {
  it('emits fix, fix-the-rule, ignore and mute with the finding index', async () => {
    const w = mount(CheckPanel, { props: { findings, ignored: 2 } })
    const second = w.get('[data-finding="2"]')
    await second.get('[data-fix]').trigger('click')
    await second.get('[data-fix-rule]').trigger('click')
    await second.get('[data-ignore-here]').trigger('click')
    await second.get('[data-ignore-draft]').trigger('click')
    await second.get('[data-mute]').trigger('click')
    expect(w.emitted('fix')).toEqual([[2, null], [null, 'typos/再接再励']])
    expect(w.emitted('ignore')).toEqual([[2, false], [2, true]])
    expect(w.emitted('mute')).toEqual([['typos/再接再励']])
    expect(w.get('.ignored').text()).toContain('2 处')
    // A level switched off hides its findings.
    await w.get('[data-level-filter="必改"]').trigger('click')
    expect(w.findAll('[data-finding]').map((e) => e.attributes('data-finding'))).toEqual(['0', '3'])
  })
  it('says so when there is nothing', () => {
    const w = mount(CheckPanel, { props: { findings: [], ignored: 0 } })
    expect(w.get('[data-check-clean]').text()).toBe('没有发现问题。')
  })
})
