// Who may send or fetch a blob: the bytes follow the case. A request names the case (?caseId=);
// the case must lie in the user's scope (403 otherwise) and one of its attachment events must
// name the hash (409 otherwise) and not be withdrawn (410). So the server never keeps bytes that no case refers to, and
// when a case moves to another village its photos move with it. The device pushes the metadata
// before it uploads (sync/engine.ts: push, pull, then blobs), so the reference is there first.
import type { Kysely } from 'kysely';
import type { AttachmentData } from '../../shared/attachments.ts';
import { visibleEvents, type CaseEvent } from '../../shared/events.ts';
import type { DB } from '../store/schema.ts';
import type { Principal } from '../auth/principal.ts';
import { assertCaseInScope } from '../auth/principal.ts';
import { ApiError } from '../http/errors.ts';
import { parseJson } from '../sync/records.ts';

/** The attachment records of case `caseId` that name `sha256` (at least one, or it throws). */
export async function attachmentsNaming(read: Kysely<DB>, principal: Principal, caseId: string, sha256: string): Promise<AttachmentData[]> {
  const row = await read.selectFrom('cases').select(['village_code', 'committee_id']).where('id', '=', caseId).executeTakeFirst();
  if (!row) throw new ApiError(404, 'case.notFound');
  assertCaseInScope(principal, { villageCode: row.village_code, committeeId: row.committee_id });
  // A case has a handful of events; reading its attachment and note rows beats a JSON index on
  // `data`. A withdrawn photo (a note that supersedes its attachment event) is no longer the
  // case's: its bytes are refused to everyone, though they stay stored (nothing is deleted).
  const rows = await read.selectFrom('events').select('data').where('case_id', '=', caseId).where('kind', 'in', ['attachment', 'note']).execute();
  const events = rows.map((r) => parseJson<CaseEvent>(r.data));
  const naming = (list: CaseEvent[]) => list.flatMap((e) => (e.kind === 'attachment' && e.data.sha256 === sha256 ? [e.data] : []));
  const named = naming(visibleEvents(events));
  if (named.length > 0) return named;
  // 410, not 409: a device still holding the photo stops offering it instead of waiting for metadata.
  if (naming(events).length > 0) throw new ApiError(410, 'blob.withdrawn');
  throw new ApiError(409, 'blob.unreferenced');
}
