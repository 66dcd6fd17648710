import { beforeEach, describe, expect, it } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { fake } from './fake'
import type { MeetingView } from './bindings'
import { app } from './store'
import MeetingsView from './views/MeetingsView.vue'

function meeting(value = ''): MeetingView {
  return {
    id: 4,
    name: '全市工会工作会议',
    slots: [{ name: '会议名称', label: '会议名称', kind: 'text', example: '全市工会工作会议', value }],
    drafts: [
      { id: 1, title: '主持词', speechType: 'host', speechTypeName: '主持词', speaker: null, exceptions: [], agendaLine: '主持词' },
      { id: 2, title: '讲话', speechType: 'work_meeting', speechTypeName: '工作会议讲话', speaker: '郑广文', exceptions: ['日期'], agendaLine: '郑广文同志讲话' },
    ],
    others: [{ id: 9, name: '另一篇' }],
  }
}

beforeEach(() => {
  app.toasts.splice(0)
  app.meeting = 4
})

describe('会议', () => {
  it('shows the drafts with their exceptions, and saves a shared value once for the meeting', async () => {
    const calls = fake({
      list_meetings: () => [{ id: 4, name: '全市工会工作会议', drafts: 2, updatedAt: 0 }],
      open_meeting: () => meeting(),
      set_meeting_slots: (a) => meeting(((a?.values as { value: string }[]) ?? [])[0]?.value ?? ''),
    })
    const w = mount(MeetingsView)
    await flushPromises()
    expect(w.findAll('[data-meeting-draft]')).toHaveLength(2)
    expect(w.find('.exception').text()).toContain('日期')
    // Only a host script offers to put the speeches into its agenda.
    expect(w.findAll('[data-action=agenda]')).toHaveLength(1)
    await w.find('[data-slot-field="会议名称"] input').setValue('二〇二六年全市工会工作会议')
    await new Promise((r) => setTimeout(r, 450))
    await flushPromises()
    const set = calls.filter((c) => c.cmd === 'set_meeting_slots')
    expect(set).toHaveLength(1)
    expect(set[0].args).toEqual({ id: 4, values: [{ name: '会议名称', value: '二〇二六年全市工会工作会议' }] })
  })

  it('asks for the host script and the other speeches when adding them to the agenda', async () => {
    const calls = fake({
      list_meetings: () => [],
      open_meeting: () => meeting(),
      add_speeches_to_agenda: () => meeting(),
    })
    const w = mount(MeetingsView)
    await flushPromises()
    await w.find('[data-action=agenda]').trigger('click')
    await flushPromises()
    const call = calls.find((c) => c.cmd === 'add_speeches_to_agenda')
    expect(call?.args).toEqual({ id: 4, host: 1, drafts: [2] })
  })
})
