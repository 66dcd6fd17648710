import { beforeEach, describe, expect, it } from 'vitest'
import { fake } from './fake'
import type { CandidateView, ImportFileView } from './bindings'
import { app } from './store'
import { resetImport, rowsOf, useImport } from './composables/useImport'
import { tagList } from './format'

function cand(title: string, text: string, duplicateOf: number | null = null): CandidateView {
  return {
    title, text, lead: 'shi', types: ['work_meeting'], tags: ['工会', '导入'], slots: [],
    duplicateOf, kind: 'paragraph', depth: 0, headings: 0, items: 0, paragraphs: 1, lines: [], splits: [],
  }
}

function file(name: string, cs: CandidateView[]): ImportFileView {
  return {
    name, error: null, format: 'txt', encoding: 'GB18030', traditional: false, title: null,
    speechType: null, cleanedText: '', removed: [], candidates: cs, unconverted: false, speeches: [],
  }
}

function last<T>(xs: T[]): T | undefined {
  return xs[xs.length - 1]
}

beforeEach(() => {
  resetImport()
  app.toasts.splice(0)
})

describe('import helpers', () => {
  it('splits tags on commas of either width, 、 and spaces, without repeats', () => {
    expect(tagList(' 职代会，2024年,工会、 职代会  ')).toEqual(['职代会', '2024年', '工会'])
    expect(tagList('')).toEqual([])
  })

  it('starts duplicates of library blocks unticked', () => {
    const rows = rowsOf(file('a.txt', [cand('甲', '甲段'), cand('乙', '乙段', 12)]))
    expect(rows.map((r) => r.keep)).toEqual([true, false])
  })
})

describe('the import wizard', () => {
  it('adds the files chosen, failed ones first, and replaces one chosen again', async () => {
    const bad = { ...file('坏.docx', []), error: '“坏.docx”已损坏' }
    let answer: ImportFileView[] = [file('a.txt', [cand('甲', '甲段')]), bad]
    fake({ choose_import_files: () => answer })
    const w = useImport()
    await w.choose()
    // The file that could not be read goes first, its message in view.
    expect(w.state.files.map((f) => f.view.name)).toEqual(['坏.docx', 'a.txt'])
    answer = [file('a.txt', [cand('甲', '甲段'), cand('乙', '乙段')])]
    await w.choose()
    expect(w.state.files.map((f) => f.view.name)).toEqual(['坏.docx', 'a.txt'])
    expect(w.rows.value.length).toBe(2)
    // Cancelling the dialog changes nothing.
    answer = []
    await w.choose()
    expect(w.rows.value.length).toBe(2)
  })

  it('merges a row with the next one through the core, and keeps the result', async () => {
    const calls = fake({
      choose_import_files: () => [file('a.txt', [cand('甲', '甲段'), cand('乙', '乙段'), cand('丙', '丙段')])],
      merge_candidates: (a) => cand('甲', `${(a!.first as CandidateView).text}\n\n${(a!.second as CandidateView).text}`),
    })
    const w = useImport()
    await w.choose()
    const f = w.state.files[0]
    f.rows[1].keep = false
    await w.mergeNext(f, f.rows[0])
    expect(last(calls)?.cmd).toBe('merge_candidates')
    expect(f.rows.map((r) => r.c.text)).toEqual(['甲段\n\n乙段', '丙段'])
    expect(f.rows[0].keep).toBe(true)
    // The last row has no next one.
    await w.mergeNext(f, f.rows[1])
    expect(f.rows.length).toBe(2)
  })

  it('keeps the old text when the core refuses an edit', async () => {
    fake({
      choose_import_files: () => [file('a.txt', [cand('甲', '甲段')])],
      revise_candidate: () => { throw { kind: 'badInput', message: '内容不能为空。' } },
    })
    const w = useImport()
    await w.choose()
    const row = w.state.files[0].rows[0]
    expect(await w.revise(row, '', '')).toBe(false)
    expect(row.c.text).toBe('甲段')
    expect(last(app.toasts)?.text).toBe('内容不能为空。')
  })

  it('stores only the kept rows with the extra tags, then clears and reports', async () => {
    const calls = fake({
      choose_import_files: () => [file('a.txt', [cand('甲', '甲段'), cand('乙', '乙段'), cand('丙', '丙段', 3)])],
      accept_import: (a) => ({ added: (a!.candidates as CandidateView[]).map((c) => c.title), skipped: 0 }),
    })
    const w = useImport()
    await w.choose()
    w.selectAll(true)
    w.state.files[0].rows[1].keep = false
    w.setTags(w.state.files[0].rows[0], '座谈会，工会')
    w.state.extraTags = '2024年， 职代会'
    expect(w.keptCount.value).toBe(2)
    const report = await w.accept()
    const sent = last(calls)!
    expect(sent.cmd).toBe('accept_import')
    expect((sent.args!.candidates as CandidateView[]).map((c) => c.title)).toEqual(['甲', '丙'])
    expect((sent.args!.candidates as CandidateView[])[0].tags).toEqual(['座谈会', '工会'])
    expect(sent.args!.tags).toEqual(['2024年', '职代会'])
    expect(report?.added).toEqual(['甲', '丙'])
    expect(last(app.toasts)?.text).toBe('已加入段落库 2 段。')
    expect(w.state.files).toEqual([])
    expect(w.state.report?.added.length).toBe(2)
  })

  it('undoes a split through the core and brings a removed line back once, as a kept row', async () => {
    const split = { ...cand('任务', '任务：\n\n- 甲。\n\n- 乙。'), splits: [{ original: '任务：一是甲。二是乙。', lead: 'shi', label: '一是、二是', items: 2 }] }
    const page = { ...file('a.txt', [split]), removed: [{ text: '首页 > 讲话', reason: 'navigation', label: '网站导航、链接' }] }
    const calls = fake({
      choose_import_files: () => [page],
      unsplit_candidate: (a) => cand('任务', (a!.candidate as CandidateView).splits[a!.index as number].original),
      restore_removed: (a) => cand('首页', a!.text as string),
    })
    const w = useImport()
    await w.choose()
    const f = w.state.files[0]
    await w.unsplit(f.rows[0], 0)
    expect(f.rows[0].c.text).toBe('任务：一是甲。二是乙。')
    expect(f.rows[0].c.splits).toEqual([])
    await w.restore(f, 0)
    await w.restore(f, 0)
    expect(f.rows.map((r) => [r.c.text, r.keep])).toEqual([['任务：一是甲。二是乙。', true], ['首页 > 讲话', true]])
    expect(f.restored).toEqual([0])
    expect(calls.filter((c) => c.cmd === 'restore_removed').length).toBe(1)
    expect(last(calls)?.args).toEqual({ text: '首页 > 讲话', types: ['work_meeting'] })
  })

  it('sends nothing when no row is kept', async () => {
    const calls = fake({ choose_import_files: () => [file('a.txt', [cand('甲', '甲段')])] })
    const w = useImport()
    await w.choose()
    w.selectAll(false)
    expect(await w.accept()).toBeNull()
    expect(calls.map((c) => c.cmd)).toEqual(['choose_import_files'])
  })
})
