// 0130_cell_satisfaction (issue #15): 群众满意度 — the 满意程度 of each case's latest 回访 — is a
// dimension of the statistics, so stat_cells carry it like 履行. The hosted counties' cells are
// recomputed on the next refresh (the watermark goes back to 0, and refreshCells recomputes every
// county with a case in the change stream); counties imported by federation keep their cells,
// which say nothing of satisfaction (null) until their county sends a month again.
import { sql, type Kysely, type Migration } from 'kysely';

export const cellSatisfactionMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('stat_cells').addColumn('satisfaction', 'text').execute();
    await sql`update stat_cells_state set last_seq = 0 where id = 1`.execute(db);
  },
};
