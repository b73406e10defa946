// Blob bytes in the database (migration.ts says why not files). An upload arrives whole or in
// pieces with Content-Range; pieces are kept in blob_parts, only ever appended at the offset
// received so far, so a piece sent twice (its answer was lost) is never stored twice. When the
// last byte is in, the pieces are joined, checked against the hash and moved to `blobs` — or
// dropped on a mismatch. Each step is one serialized write transaction (store/open.ts).
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { ByteRange } from '../../shared/attachments.ts';
import type { DB } from '../store/schema.ts';
import type { Store } from '../store/open.ts';

export interface Progress {
  /** Bytes the server holds, contiguous from 0. */
  received: number;
  size: number;
  complete: boolean;
}

export type PieceResult = (Progress & { isNew: boolean }) | { hashMismatch: true };

/** Unfinished uploads older than this are dropped, so abandoned pieces do not pile up. */
const STALE_PARTS_MS = 14 * 24 * 3600_000;

const sha256Of = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

async function receivedOf(tx: Kysely<DB>, sha256: string): Promise<number> {
  const row = await tx.selectFrom('blob_parts').select((eb) => eb.fn.sum<number>('size').as('n')).where('sha256', '=', sha256).executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** How much of `sha256` the server holds (for HEAD and before GET). */
export async function progressOf(read: Kysely<DB>, sha256: string, size: number): Promise<Progress> {
  const done = await read.selectFrom('blobs').select('size').where('sha256', '=', sha256).executeTakeFirst();
  if (done) return { received: done.size, size: done.size, complete: true };
  return { received: await receivedOf(read, sha256), size, complete: false };
}

/** Who may read a stored blob beyond its scope checks: its uploader, and the viewers of its home case. */
export async function blobOwners(read: Kysely<DB>, sha256: string): Promise<{ created_by: string; home_case_id: string | null } | undefined> {
  return read.selectFrom('blobs').select(['created_by', 'home_case_id']).where('sha256', '=', sha256).executeTakeFirst();
}

export async function readBlob(read: Kysely<DB>, sha256: string): Promise<{ bytes: Uint8Array; mime: string } | undefined> {
  return read.selectFrom('blobs').select(['bytes', 'mime']).where('sha256', '=', sha256).executeTakeFirst();
}

export interface Piece {
  sha256: string;
  range: ByteRange;
  bytes: Uint8Array;
  mime: string;
  userId: string;
  /** The case the upload names: the blob's home case once this upload completes it. */
  caseId: string;
  now: Date;
}

export function receivePiece(store: Store, p: Piece): Promise<PieceResult> {
  const { sha256, range } = p;
  const at = p.now.toISOString();
  return store.write(async (tx) => {
    const done = await tx.selectFrom('blobs').select('size').where('sha256', '=', sha256).executeTakeFirst();
    if (done) return { received: done.size, size: done.size, complete: true, isNew: false };
    await tx.deleteFrom('blob_parts').where('created_at', '<', new Date(p.now.getTime() - STALE_PARTS_MS).toISOString()).execute();

    let whole: Uint8Array;
    if (range.start === 0 && range.end + 1 === range.total) {
      // The whole blob in one request: nothing to stage (and any earlier pieces are superseded).
      whole = p.bytes;
    } else {
      const received = await receivedOf(tx, sha256);
      // A gap (a piece from beyond what we hold) is not stored: the answer tells the device where to resume.
      if (range.start > received) return { received, size: range.total, complete: false, isNew: false };
      const reached = Math.max(received, range.end + 1);
      if (range.end + 1 > received) {
        await tx.insertInto('blob_parts').values({
          sha256, start_byte: received, size: range.end + 1 - received, bytes: p.bytes.subarray(received - range.start), created_at: at,
        }).execute();
      }
      if (reached < range.total) return { received: reached, size: range.total, complete: false, isNew: false };
      const parts = await tx.selectFrom('blob_parts').select('bytes').where('sha256', '=', sha256).orderBy('start_byte').execute();
      whole = Buffer.concat(parts.map((part) => part.bytes));
    }
    await tx.deleteFrom('blob_parts').where('sha256', '=', sha256).execute();
    // The transaction commits the cleanup either way: bad bytes leave nothing behind.
    if (whole.byteLength !== range.total || sha256Of(whole) !== sha256) return { hashMismatch: true };
    await tx.insertInto('blobs')
      .values({ sha256, size: whole.byteLength, mime: p.mime, bytes: whole, created_at: at, created_by: p.userId, home_case_id: p.caseId })
      .onConflict((oc) => oc.column('sha256').doNothing())
      .execute();
    return { received: range.total, size: range.total, complete: true, isNew: true };
  });
}
