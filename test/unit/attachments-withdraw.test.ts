// What the server accepts as a withdrawal or a 情况说明 paragraph (server/sync/validate.ts): a note
// may carry a known topic only, and a withdrawal must name the event it withdraws.
import { describe, it, expect } from 'vitest';
import { checkEvent } from '../../src/server/sync/validate.ts';
import type { CaseEvent } from '../../src/shared/events.ts';

const base = {
  id: '018f0000-0000-7000-8000-000000000001', caseId: '018f0000-0000-7000-8000-000000000002', villageCode: '150523100200',
  townCode: '150523100', countyCode: '150523', at: '2026-11-21T08:00:00.000Z', author: 'a',
};
const note = (data: object, supersedes?: string) => ({ ...base, kind: 'note', data, ...(supersedes ? { supersedes } : {}) }) as CaseEvent;

describe('notes with a topic', () => {
  it('a plain note and a 情况说明 paragraph pass', () => {
    expect(checkEvent(note({ text: '张三来电询问进度。' }))).toBeUndefined();
    expect(checkEvent(note({ text: '李五拒绝签字。', topic: 'file-explanation' }))).toBeUndefined();
  });

  it('a withdrawal needs the event it withdraws and a reason', () => {
    expect(checkEvent(note({ text: '王建国撤回了一张证据照片。原因：拍错了', topic: 'withdrawal' }))).toBe('push.fieldInvalid');
    expect(checkEvent(note({ text: '王建国撤回了一张证据照片。原因：拍错了', topic: 'withdrawal' }, '018f0000-0000-7000-8000-000000000003'))).toBeUndefined();
    expect(checkEvent(note({ text: ' ', topic: 'withdrawal' }, '018f0000-0000-7000-8000-000000000003'))).toBe('validation.required');
  });

  it('an unknown topic or an extra field is refused', () => {
    expect(checkEvent(note({ text: '说明', topic: 'delete-everything' }))).toBe('push.fieldInvalid');
    expect(checkEvent(note({ text: '说明', photo: 'abc' }))).not.toBeUndefined();
  });
});
