// A pull page as JSON text, for /pull and for the page a push answer carries (push.ts). Change
// data is stored as JSON already: it is spliced in as is, never parsed and serialised again.
import type { ChangeLogTable } from '../store/schema.ts';

type ChangeRow = Pick<ChangeLogTable, 'server_seq' | 'entity' | 'entity_id' | 'op' | 'data'>;

export function pageJson(rows: readonly ChangeRow[], cursor: number, hasMore: boolean, lastProcessedSeq: number): string {
  const parts = rows.map((r) => {
    // PostgreSQL hands bigint columns back as strings.
    const head = `{"serverSeq":${Number(r.server_seq)},"entity":${JSON.stringify(r.entity)},"op":${JSON.stringify(r.op)},"id":${JSON.stringify(r.entity_id)}`;
    return r.data === null ? `${head}}` : `${head},"data":${r.data}}`;
  });
  return `{"changes":[${parts.join(',')}],"cursor":${cursor},"hasMore":${hasMore},"lastProcessedSeq":${lastProcessedSeq}}`;
}
