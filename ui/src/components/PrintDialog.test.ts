import { describe, expect, it } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { fake } from '../fake'
import PrintDialog from './PrintDialog.vue'

const props = { layout: 'official' as const, error: null, busy: false }

describe('PrintDialog', () => {
  it('lists the printers with the default chosen and sends what is chosen', async () => {
    fake({ list_printers: () => ({ printers: ['Office_Laser', 'PDF'], default: 'PDF' }) })
    const w = mount(PrintDialog, { props })
    await flushPromises()
    const select = w.get('[data-printer]').element as HTMLSelectElement
    expect(select.value).toBe('PDF')
    expect(w.findAll('[data-printer] option').map((o) => o.text())).toEqual(['Office_Laser', 'PDF（默认）'])
    // Pages typed but 全部 chosen again: every page is sent.
    await w.get('[data-pages-input]').setValue('1-3')
    await w.get('[data-pages=all]').setValue()
    await w.get('[data-print-layout=podium]').setValue()
    await w.get('[data-duplex]').setValue(true)
    await w.get('form').trigger('submit')
    expect(w.emitted('print')?.[0]).toEqual([
      { printer: 'PDF', layout: 'podium', fonts: null, copies: 1, pages: '', duplex: true },
    ])
    await w.get('[data-pages-input]').setValue('2,4')
    await w.get('[data-copies]').setValue('3')
    await w.get('form').trigger('submit')
    expect(w.emitted('print')?.[1]).toEqual([
      { printer: 'PDF', layout: 'podium', fonts: null, copies: 3, pages: '2,4', duplex: true },
    ])
  })

  it('tells why nothing can be printed and offers no print button', async () => {
    fake({ list_printers: () => Promise.reject({ kind: 'badInput', message: '本机没有安装打印系统（CUPS），无法打印。' }) })
    const w = mount(PrintDialog, { props })
    await flushPromises()
    expect(w.get('[data-print-error]').text()).toContain('没有安装打印系统')
    expect(w.get('[data-action=print]').attributes('disabled')).toBeDefined()
    await w.get('form').trigger('submit')
    expect(w.emitted('print')).toBeUndefined()
  })

  it('shows the refusal it is given', async () => {
    fake({ list_printers: () => ({ printers: ['PDF'], default: null }) })
    const w = mount(PrintDialog, { props: { ...props, error: '页码范围“9”不对：没有第 9 页。' } })
    await flushPromises()
    expect((w.get('[data-printer]').element as HTMLSelectElement).value).toBe('PDF')
    expect(w.get('[data-print-error]').text()).toContain('没有第 9 页')
    expect(w.emitted('edit')).toBeUndefined()
    // Changing a choice tells the window, which takes the refusal away.
    await w.get('[data-pages-input]').setValue('1-2')
    expect(w.emitted('edit')).toBeTruthy()
  })
})
