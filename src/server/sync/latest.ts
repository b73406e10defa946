// "This change_log row has a newer version": the same record (entity, id) written again later in
// the same village. Such a row is superseded for every reader that can see it — same village,
// same scope — so a first pull skips it (pull.ts) and compaction deletes it (compact.ts).
// Evicts are rows too: an evict is superseded only when the record comes back to that village.
import { sql, type ExpressionBuilder } from 'kysely';
import type { DB } from '../store/schema.ts';

export function newerRowExists(eb: ExpressionBuilder<DB, 'change_log'>) {
  return eb.exists(
    eb.selectFrom('change_log as newer').select(sql.lit(1).as('one'))
      .whereRef('newer.entity_id', '=', 'change_log.entity_id')
      .whereRef('newer.entity', '=', 'change_log.entity')
      .whereRef('newer.village_code', '=', 'change_log.village_code')
      .whereRef('newer.server_seq', '>', 'change_log.server_seq'),
  );
}
