import { beforeEach, describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import { fake } from './fake'
import type { BackupView, ChangeCount, VersionView, VersionsView } from './bindings'
import { app } from './store'
import { changeLabel, fileSize } from './format'
import { deleteQuestion, resetVersions, restoreQuestion, useVersions } from './composables/useVersions'
import { resetBackups, restoreBackupQuestion, useBackups } from './composables/useBackups'
import VersionPanel from './components/VersionPanel.vue'

const none: ChangeCount = { added: 0, removed: 0, structure: 0, slots: 0 }

function version(id: number, name: string, auto = false, changed: ChangeCount | null = null): VersionView {
  return { id, name, note: null, auto, time: '2026-11-30 21:05', chars: 1234, changed }
}

function list(versions: VersionView[], present: ChangeCount | null = none): VersionsView {
  return { versions, present, suggestedNames: ['初稿', '送审稿', '修改稿', '定稿'] }
}

beforeEach(() => {
  resetVersions()
  resetBackups()
  app.toasts.splice(0)
  app.editor = null
})

describe('formatters', () => {
  it('say how much changed, and nothing changed in words', () => {
    expect(changeLabel({ added: 1200, removed: 3, structure: 1, slots: 2 })).toBe('增 1,200 字 · 删 3 字 · 结构 1 处 · 占位项 2 个')
    expect(changeLabel({ ...none, removed: 5 })).toBe('删 5 字')
    expect(changeLabel(none)).toBe('没有改动')
    expect(changeLabel(null)).toBe('')
  })
  it('give sizes as the writer reads them', () => {
    expect(fileSize(900)).toBe('900 字节')
    expect(fileSize(812 * 1024)).toBe('812 KB')
    expect(fileSize(3.44 * 1024 * 1024)).toBe('3.4 MB')
    expect(fileSize(250 * 1024 * 1024)).toBe('250 MB')
  })
})

describe('versions', () => {
  it('saves under a trimmed name with the note, and refuses an empty name without a call', async () => {
    const calls = fake({
      list_versions: () => list([]),
      save_version: () => list([version(5, '送审稿')]),
    })
    const v = useVersions()
    await v.load(3)
    v.state.name = '   '
    expect(await v.save()).toBe(false)
    expect(calls.some((c) => c.cmd === 'save_version')).toBe(false)
    expect(app.toasts[0].kind).toBe('error')
    v.state.name = ' 送审稿 '
    v.state.note = ''
    expect(await v.save()).toBe(true)
    expect(calls[calls.length - 1]).toEqual({ cmd: 'save_version', args: { id: 3, name: '送审稿', note: null } })
    expect(v.state.view?.versions[0].name).toBe('送审稿')
    expect(v.state.name).toBe('')
  })

  it('restores only after yes, saving the typing first, and shows the restored draft', async () => {
    const order: string[] = []
    const restored = { id: 3 } as never
    const calls = fake({
      list_versions: () => list([version(5, '初稿')]),
      restore_version: () => { order.push('restore'); return restored },
    })
    const applied: unknown[] = []
    const v = useVersions((s) => applied.push(s), async () => { order.push('settle') })
    await v.load(3)
    v.askRestore(v.state.view!.versions[0])
    expect(v.state.confirm?.text).toContain('恢复前')
    await v.answer(false)
    expect(calls.some((c) => c.cmd === 'restore_version')).toBe(false)
    v.askRestore(v.state.view!.versions[0])
    await v.answer(true)
    expect(order).toEqual(['settle', 'restore'])
    expect(applied).toEqual([restored])
    expect(calls.find((c) => c.cmd === 'restore_version')?.args).toEqual({ id: 3, version: 5 })
  })

  it('a refused restore shows the Chinese message and changes nothing on screen', async () => {
    fake({
      list_versions: () => list([version(5, '初稿')]),
      restore_version: () => { throw { kind: 'badInput', message: '这个版本已损坏，无法读取；讲稿没有改动。' } },
    })
    const applied: unknown[] = []
    const v = useVersions((s) => applied.push(s))
    await v.load(3)
    v.askRestore(v.state.view!.versions[0])
    await v.answer(true)
    expect(applied).toEqual([])
    expect(app.toasts[0].text).toBe('这个版本已损坏，无法读取；讲稿没有改动。')
  })

  it('asks before deleting and opens a comparison', async () => {
    const calls = fake({
      list_versions: () => list([version(5, '定稿'), version(4, '导出时', true)]),
      delete_version: () => list([version(4, '导出时', true)]),
      compare_versions: () => ({ from: { version: 4, label: '导出时' }, to: { version: null, label: '当前稿' }, paragraphs: [], slots: [], count: none, unchanged: true }),
    })
    const v = useVersions()
    await v.load(3)
    expect(deleteQuestion(v.state.view!.versions[0])).toContain('“定稿”')
    v.askDelete(v.state.view!.versions[0])
    await v.answer(true)
    expect(v.state.view?.versions.map((x) => x.id)).toEqual([4])
    await v.compare(null, null)
    expect(calls[calls.length - 1]).toEqual({ cmd: 'compare_versions', args: { id: 3, from: null, to: null } })
    expect(v.state.compare?.to.label).toBe('当前稿')
    v.closeCompare()
    expect(v.state.compare).toBeNull()
  })

  it('a list for another draft is not kept when the editor moved on', async () => {
    fake({ list_versions: (a) => list([version(Number(a?.id), `稿${a?.id}`)]) })
    const v = useVersions()
    await v.load(1)
    await v.load(2)
    expect(v.state.view?.versions[0].name).toBe('稿2')
    expect(restoreQuestion(version(7, '初稿'))).toContain('撤销')
  })
})

describe('after an edit', () => {
  it('asks only for the present, and for the whole list when a version was added', async () => {
    let newest = 5
    const calls = fake({
      list_versions: () => list([version(newest, '初稿')]),
      version_present: () => ({ newest, changed: { ...none, added: 3 } }),
    })
    const v = useVersions()
    await v.load(3)
    await v.refresh(3)
    expect(calls.map((c) => c.cmd)).toEqual(['list_versions', 'version_present'])
    expect(v.state.view?.present?.added).toBe(3)
    newest = 6
    await v.refresh(3)
    expect(calls.map((c) => c.cmd)).toEqual(['list_versions', 'version_present', 'version_present', 'list_versions'])
    expect(v.state.view?.versions[0].id).toBe(6)
  })
})

describe('the 版本 panel', () => {
  it('offers the suggested names, shows the changes and hides 删除 on automatic versions', async () => {
    const view = list([version(5, '送审稿', false, { ...none, added: 12 }), version(4, '编辑中', true)], { ...none, removed: 2 })
    const w = mount(VersionPanel, { props: { view, busy: false, name: '', note: '', 'onUpdate:name': (n: string) => w.setProps({ name: n }) } })
    await w.get('[data-suggest="定稿"]').trigger('click')
    expect((w.get('[data-version-name]').element as HTMLInputElement).value).toBe('定稿')
    expect(w.get('[data-version-present]').text()).toContain('删 2 字')
    expect(w.get('[data-version="5"]').text()).toContain('增 12 字')
    expect(w.find('[data-version="5"] [data-action=delete-version]').exists()).toBe(true)
    expect(w.find('[data-version="4"] [data-action=delete-version]').exists()).toBe(false)
    await w.get('[data-version="4"] [data-action=restore-version]').trigger('click')
    expect(w.emitted('restore')?.[0]).toEqual([view.versions[1]])
  })
})

describe('backups', () => {
  const b: BackupView = { name: '20261130-212006-manual.sqlite3', time: '2026-11-30 21:20', size: 4096, kind: 'manual', kindLabel: '手动' }

  it('backs up now and lists it', async () => {
    fake({ backup_now: () => ({ folder: '/x/backups', backups: [b] }) })
    const u = useBackups()
    await u.backupNow()
    expect(u.state.view?.backups).toEqual([b])
    expect(u.state.busy).toBeNull()
    expect(app.toasts[0].text).toContain('已备份')
  })

  it('restores by the listed name only after yes, and lets go of the open draft', async () => {
    const calls = fake({ restore_backup: () => ({ folder: '/x/backups', backups: [b] }) })
    app.editor = { id: 3 } as never
    const u = useBackups()
    u.ask(b)
    expect(restoreBackupQuestion(b)).toContain('恢复前')
    expect(await u.answer(false)).toBe(false)
    expect(calls).toEqual([])
    u.ask(b)
    expect(await u.answer(true)).toBe(true)
    expect(calls).toEqual([{ cmd: 'restore_backup', args: { name: b.name } }])
    expect(app.editor).toBeNull()
  })

  it('a refused restore keeps the open draft and says why in Chinese', async () => {
    fake({ restore_backup: () => { throw { kind: 'badInput', message: '这个文件不是完整的讲稿工坊资料库备份，不能用来恢复；资料库没有改动。' } } })
    app.editor = { id: 3 } as never
    const u = useBackups()
    u.ask(b)
    expect(await u.answer(true)).toBe(false)
    expect(app.editor).not.toBeNull()
    expect(app.toasts[0].text).toContain('资料库没有改动')
  })
})
