// 封底 (备考表), 卷宗情况说明 and withdrawn photos in the 卷宗 models: what each prints, and that the
// 卷内目录 numbers them with everything else so the 封底 is always the last numbered page.
import { describe, it, expect } from 'vitest';
import { buildDocument, caseFile, caseVolume } from '../../src/shared/documents/build.ts';
import type { DocKind, DocumentOf, DocumentOptions } from '../../src/shared/documents/types.ts';
import type { AttachmentData } from '../../src/shared/attachments.ts';
import type { CaseEvent } from '../../src/shared/events.ts';
import { completeCase, event, type SampleCase } from '../support/document-cases.ts';

const options: DocumentOptions = { today: '2026-12-20' };

function doc<K extends DocKind>(kind: K, c: SampleCase, extra: Partial<DocumentOptions> = {}): DocumentOf<K> {
  const result = buildDocument(kind, c.record, c.events, { ...options, ...extra });
  if (!result.ok) throw new Error(`${kind} missing: ${result.missing.map((m) => m.field).join(', ')}`);
  return result.doc as DocumentOf<K>;
}

let photoSeq = 0;
function photo(c: SampleCase, purpose: AttachmentData['purpose'], takenAt: string): CaseEvent {
  photoSeq += 1;
  const data: AttachmentData = { sha256: String(photoSeq).padStart(64, '0'), size: 1000, mime: 'image/jpeg', name: `照片${photoSeq}.jpg`, purpose, takenAt };
  return event(c.record.id, { kind: 'attachment', data }, takenAt);
}

const note = (c: SampleCase, text: string, at: string, extra: Partial<CaseEvent> = {}, topic?: 'file-explanation' | 'withdrawal') =>
  ({ ...event(c.record.id, { kind: 'note', data: { text, ...(topic ? { topic } : {}) } }, at), ...extra }) as CaseEvent;
const explanation = (c: SampleCase, text: string, at: string, extra: Partial<CaseEvent> = {}) => note(c, text, at, extra, 'file-explanation');
const withdrawal = (c: SampleCase, of: CaseEvent, at: string) => note(c, `王建国撤回了一张证据照片。原因：拍错了`, at, { supersedes: of.id }, 'withdrawal');

const rows = (c: SampleCase, extra: Partial<DocumentOptions> = {}) => doc('contents', c, extra).content.rows.map((r) => [r.title, r.pages, r.note]);

describe('封底 (备考表)', () => {
  it('counts the 件 and 页 before it, names the 立卷人, leaves 检查人 and 检查时间 blank for the pen', () => {
    const c = completeCase();
    const d = doc('back-cover', c);
    // The 目录 of this case: 8 papers on pages 1–11, then the 封底 on page 12.
    expect(d.content.summary).toEqual(['本卷共8件，13页。']);
    expect(d.content).toMatchObject({ archivist: '王建国', checker: '', archivedOn: '2026年12月20日', checkedOn: '' });
    expect(d.pages).toBe(1);
    expect(doc('back-cover', c, { archivist: '刘桂兰', checker: '孙立平' }).content).toMatchObject({ archivist: '刘桂兰', checker: '孙立平' });
  });

  it('follows the 立卷设置 pages, counts evidence photos, says what is lacking', () => {
    const c = completeCase();
    const withPhotos = { ...c, events: [...c.events, photo(c, '证据', '2026-11-04T02:00:00.000Z'), photo(c, '证据', '2026-11-04T03:00:00.000Z'), photo(c, '签字页', '2026-11-10T04:00:00.000Z')] };
    // Two evidence photos: 证据材料 takes a page each by default (the 签字页 photo is not counted).
    expect(doc('back-cover', withPhotos).content.summary).toEqual(['本卷共9件，15页，其中照片2张。']);
    const noIds = doc('back-cover', c, { attachmentPages: { identity: 0, receipts: 2 } });
    expect(noIds.content.summary).toEqual(['本卷共8件，12页。', '本卷缺当事人身份证明。']);
  });

  it('counts 司法确认有关材料 for a case that went to the court: the package and the court\'s ruling', () => {
    const c = completeCase();
    expect(rows(c).map((r) => r[0])).not.toContain('司法确认有关材料');
    const confirmed = completeCase({ judicialConfirmation: { appliedOn: '2026-11-15', court: '开鲁县人民法院', result: '确认有效', decidedOn: '2026-11-28' } });
    const row = rows(confirmed).find((r) => r[0] === '司法确认有关材料');
    const pkg = doc('confirmation', confirmed, { today: '2026-11-15' }).pages;
    const [from, to] = String(row?.[1]).split('-').map(Number);
    expect((to ?? 0) - (from ?? 0) + 1).toBe(pkg + 1);
  });

  it('is the last row of the 目录, numbered after every other paper', () => {
    const c = completeCase();
    for (const extra of [{}, { attachmentPages: { identity: 2, evidence: 4, receipts: 1, confirmation: 2 } }]) {
      const list = rows(c, extra);
      const last = list.at(-1);
      expect(last?.[0]).toBe('封底');
      // Contiguous: each row starts on the page after the previous one ends; the 封底 is one page.
      let next = 1;
      for (const [, pages] of list) {
        const [from, to] = String(pages).split('-').map(Number);
        expect(from).toBe(next);
        next = (to ?? from ?? 0) + 1;
      }
      expect(last?.[1]).toBe(String(next - 1));
    }
  });

  it('is the last sheet of the 全卷, and incomplete while any paper before it is', () => {
    const c = completeCase();
    const volume = caseVolume(c.record, c.events, options);
    const last = volume.sheets.at(-1);
    expect(last?.type === 'document' && last.doc.kind).toBe('back-cover');
    const bare = completeCase({ agreement: null });
    const entry = caseFile(bare.record, bare.events, options).find((e) => e.id === 'back-cover');
    expect(entry?.isRequired).toBe(true);
    expect(entry?.result.ok).toBe(false);
    // 打印全卷 prints nothing while a paper is incomplete: it lists the papers and what each lacks.
    const blocked = caseVolume(bare.record, bare.events, options);
    expect(blocked.sheets).toEqual([]);
    expect(blocked.incomplete.map((i) => i.id)).toEqual(['visit-1']);
    expect(blocked.missing.map((m) => m.field)).toEqual(['agreement']);
    // It names what to finish first — the same list as the 目录 — and not itself.
    const contents = caseFile(bare.record, bare.events, options).find((e) => e.id === 'contents');
    expect(contents?.result.ok).toBe(false);
    if (entry && !entry.result.ok && contents && !contents.result.ok) {
      expect(entry.result.missing).toEqual(contents.result.missing);
      expect(entry.result.missing.map((m) => m.field)).not.toContain('documents.back-cover');
    }
  });
});

describe('卷宗情况说明', () => {
  it('is in the 卷宗 and its 目录 only when written, just before the 封底', () => {
    const c = completeCase();
    expect(caseFile(c.record, c.events, options).map((e) => e.id)).not.toContain('explanation');
    expect(buildDocument('explanation', c.record, c.events, options).ok).toBe(false);

    const written = { ...c, events: [...c.events, explanation(c, '被申请人李五外出务工，协议书由其本人回村后补签。', '2026-12-18T02:00:00.000Z')] };
    const list = rows(written);
    expect(list.slice(-2)).toEqual([['卷宗情况说明', '14', ''], ['封底', '15', '']]);
    const d = doc('explanation', written);
    expect(d.content).toEqual({ committee: '示例村人民调解委员会', paragraphs: ['被申请人李五外出务工，协议书由其本人回村后补签。'], date: '2026年12月18日' });
    // The 封底 points at it.
    expect(doc('back-cover', written).content.summary).toEqual(['本卷共9件，14页。', '有关情况见卷宗情况说明（第14页）。']);
  });

  it('a correction replaces its paragraph; two phones writing at once both keep theirs, numbered in time order', () => {
    const c = completeCase();
    const first = explanation(c, '李五拒绝在调解记录上签字。', '2026-12-18T02:00:00.000Z');
    const fixed = explanation(c, '李五拒绝在第二次调解记录上签字，已由参加人赵福见证。', '2026-12-18T03:00:00.000Z', { supersedes: first.id });
    expect(doc('explanation', { ...c, events: [...c.events, first, fixed] }).content.paragraphs).toEqual(['李五拒绝在第二次调解记录上签字，已由参加人赵福见证。']);

    // Two devices corrected the same paragraph while offline: neither correction is lost.
    const other = explanation(c, '李五拒绝签字，理由是对赔偿数额有异议。', '2026-12-18T02:30:00.000Z', { supersedes: first.id });
    const merged = doc('explanation', { ...c, events: [...c.events, first, fixed, other] });
    expect(merged.content.paragraphs).toEqual(['一、李五拒绝签字，理由是对赔偿数额有异议。', '二、李五拒绝在第二次调解记录上签字，已由参加人赵福见证。']);
    expect(merged.content.date).toBe('2026年12月18日');
  });

  it('a plain 备注 is not a 情况说明', () => {
    const c = completeCase();
    const withNote = { ...c, events: [...c.events, note(c, '张三来电询问进度。', '2026-12-01T02:00:00.000Z')] };
    expect(caseFile(withNote.record, withNote.events, options).map((e) => e.id)).not.toContain('explanation');
  });
});

describe('a withdrawn photo', () => {
  it('leaves the 卷宗, its 目录 and the insert sheet; the 封底 says a photo was withdrawn', () => {
    const c = completeCase();
    const kept = photo(c, '证据', '2026-11-04T02:00:00.000Z');
    const wrong = photo(c, '证据', '2026-11-04T03:00:00.000Z');
    const before = { ...c, events: [...c.events, kept, wrong] };
    expect(rows(before)).toContainEqual(['人民调解证据材料', '7-8', '含照片2张']);

    const after = { ...before, events: [...before.events, withdrawal(c, wrong, '2026-11-05T01:00:00.000Z')] };
    expect(rows(after)).toContainEqual(['人民调解证据材料', '7', '含照片1张']);
    expect(doc('back-cover', after).content.summary).toEqual(['本卷共9件，14页，其中照片1张。', '另有1张照片已从本案撤回，未归入本卷；撤回人、时间和原因记在办理经过中。']);
    const insert = caseVolume(after.record, after.events, options).sheets.find((s) => s.type === 'insert' && s.kind === 'evidence');
    if (insert?.type !== 'insert') throw new Error('no evidence insert');
    const keptName = kept.kind === 'attachment' ? kept.data.name : '';
    const wrongName = wrong.kind === 'attachment' ? wrong.data.name : '';
    expect(insert.lines).toEqual([`照片1：${keptName}（2026年11月4日拍摄）`]);
    expect(JSON.stringify(caseVolume(after.record, after.events, options))).not.toContain(wrongName);
  });

  it('withdrawing the last evidence photo drops the 证据材料 row; withdrawing twice counts once', () => {
    const c = completeCase();
    const only = photo(c, '证据', '2026-11-04T02:00:00.000Z');
    const events = [...c.events, only, withdrawal(c, only, '2026-11-05T01:00:00.000Z'), withdrawal(c, only, '2026-11-05T01:05:00.000Z')];
    const after = { ...c, events };
    expect(rows(after).map((r) => r[0])).not.toContain('人民调解证据材料');
    expect(doc('back-cover', after).content.summary[1]).toContain('另有1张照片');
  });
});
