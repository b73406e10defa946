// Saving a committee and its member rows as one transaction (PUT /api/registry/committees/:id).
// The body is checked whole before any work, and every member row is checked again inside the
// transaction against what is stored (it must be this committee's member); the first bad row
// throws, which rolls back whatever rows before it were written — all or nothing.
import type { Kysely } from 'kysely';
import * as v from 'valibot';
import { uuidv7 } from 'uuidv7';
import { CommitteeSaveSchema, type CommitteeInput, type CommitteeMemberInput, type CommitteeSave } from '../../shared/network.ts';
import { hasMessage, t } from '../../shared/i18n/index.ts';
import type { DB } from '../store/schema.ts';
import { ApiError, badRequest, issueDetails } from '../http/errors.ts';

/** The committee columns an input sets: statutory committees sit on their area, others are located in one. */
export function committeeColumns(input: CommitteeInput) {
  const statutory = input.type === '村/居' || input.type === '乡镇/街道';
  return {
    area_code: statutory ? input.location : null, located_in: statutory ? null : input.location, type: input.type, name: input.name,
    phone: input.phone, address: input.address, founded_on: input.foundedOn, dissolved_on: input.dissolvedOn,
    ...(input.shortName === undefined ? {} : { short_name: input.shortName === '' ? null : input.shortName }),
  };
}

const who = (raw: unknown): string => {
  const name = typeof raw === 'object' && raw !== null && 'name' in raw && typeof raw.name === 'string' ? raw.name.trim().slice(0, 30) : '';
  return name === '' ? '' : `（${name}）`;
};

/** Parses the body; a bad member row is named by its place and name, in Chinese. */
export function parseCommitteeSave(body: unknown): CommitteeSave {
  const r = v.safeParse(CommitteeSaveSchema, body);
  if (r.success) return r.output;
  const issue = r.issues[0];
  const path = issue?.path?.map((p) => p.key) ?? [];
  const message = issue && hasMessage(issue.message) ? t(issue.message) : t('network.field.invalid', { field: String(path[path.length - 1] ?? '') });
  if (path[0] === 'members' && typeof path[1] === 'number') {
    const raw = (body as { members: unknown[] }).members[path[1]];
    throw new ApiError(400, 'network.member.invalid', { n: path[1] + 1, name: who(raw), message }, issueDetails(r.issues));
  }
  if (path[0] === 'committee') throw new ApiError(400, 'network.committee.invalid', { message }, issueDetails(r.issues));
  throw badRequest(issueDetails(r.issues));
}

const memberColumns = (m: CommitteeMemberInput) => ({
  name: m.name, gender: m.gender, ethnicity: m.ethnicity, phone: m.phone, phone_public: m.isPhonePublic ? 1 : 0, member_role: m.memberRole,
  full_time: m.isFullTime ? 1 : 0, term_start: m.termStart, term_end: m.termEnd, left_on: m.leftOn,
  ...(m.education !== undefined ? { education: m.education } : {}),
});
/** Stored and next values alike (PostgreSQL and SQLite may return the integer flags differently). */
function unchanged(stored: Record<string, unknown>, next: ReturnType<typeof memberColumns>): boolean {
  const current: Record<string, unknown> = { ...stored, phone_public: Number(stored.phone_public), full_time: Number(stored.full_time) };
  return Object.entries(next).every(([k, value]) => current[k] === value);
}

/** Writes the committee and its member rows; returns each row's id in the order given. */
export async function saveCommittee(tx: Kysely<DB>, committeeId: string, save: CommitteeSave, stamp: { updated_at: string; updated_by: string }): Promise<string[]> {
  const columns = committeeColumns(save.committee);
  if (columns.area_code !== null) {
    const taken = await tx.selectFrom('committees').select('id').where('area_code', '=', columns.area_code).where('id', '!=', committeeId).executeTakeFirst();
    if (taken) throw new ApiError(409, 'network.committeeExists');
  }
  const updated = await tx.updateTable('committees').set({ ...columns, ...stamp }).where('id', '=', committeeId).executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) throw new ApiError(404, 'network.notFound');

  const ids: string[] = [];
  const seen = new Set<string>();
  for (const [i, m] of save.members.entries()) {
    const next = memberColumns(m);
    if (m.id === null) {
      const id = uuidv7();
      await tx.insertInto('mediators').values({ id, committee_id: committeeId, ...next, ...stamp }).execute();
      ids.push(id);
      continue;
    }
    if (seen.has(m.id)) throw new ApiError(400, 'network.member.duplicate', { n: i + 1, name: who(m) });
    seen.add(m.id);
    const stored = await tx.selectFrom('mediators')
      .select(['committee_id', 'name', 'gender', 'ethnicity', 'phone', 'phone_public', 'member_role', 'full_time', 'term_start', 'term_end', 'left_on'])
      .where('id', '=', m.id).executeTakeFirst();
    // Only this committee's own members: moving someone between committees is the mediator form's job.
    if (!stored || stored.committee_id !== committeeId) throw new ApiError(400, 'network.member.notHere', { n: i + 1, name: who(m) });
    if (!unchanged(stored, next)) {
      await tx.updateTable('mediators').set({ ...next, ...stamp }).where('id', '=', m.id).execute();
    }
    ids.push(m.id);
  }
  return ids;
}
