// The outcome flowing back (issue #14): while the receiving committee works a case it accepted,
// every push that changes the case refreshes the result on its accepted referrals — status,
// outcome, 协议生效日期, 终止 reason — and sends the referral again to both sides, so the sending
// committee's phones see the result on their own copy without ever holding the case or its notes.
// One indexed query per push that changed any case; a chain (村 → 镇 → 县) updates every link.
import type { Batch } from '../sync/batch.ts';
import { sameValue } from '../../shared/equal.ts';
import type { ReferralRecord } from '../../shared/referral.ts';
import { parseJson } from '../sync/records.ts';
import { referralChanges, referralRow } from './records.ts';
import { outcomeOf } from './sync-apply.ts';

export async function refreshReferralOutcomes(b: Batch): Promise<void> {
  const dirty = [...b.cases].filter(([, e]) => e.dirty && e.startCodes !== null).map(([id]) => id);
  if (dirty.length === 0) return;
  for (let i = 0; i < dirty.length; i += 300) {
    const rows = await b.tx.selectFrom('referrals').select(['id', 'case_id', 'data', 'version'])
      .where('case_id', 'in', dirty.slice(i, i + 300)).where('status', '=', 'accepted').execute();
    for (const row of rows) {
      const record = b.caseEntry(row.case_id)?.record;
      if (!record) continue;
      const before = parseJson<ReferralRecord>(row.data);
      const outcome = outcomeOf(record);
      if (sameValue(before.outcome, outcome)) continue;
      const referral: ReferralRecord = { ...before, outcome, version: Number(row.version) + 1 };
      const next = referralRow(referral);
      await b.tx.updateTable('referrals').set({ version: next.version, data: next.data }).where('id', '=', referral.id).execute();
      // A referral written earlier in this batch (just accepted) is sent once, as it is now.
      const stale = new Set([`${referral.id}@from`, `${referral.id}@to`]);
      for (let j = b.records.length - 1; j >= 0; j -= 1) if (stale.has(b.records[j]?.entity_id ?? '')) b.records.splice(j, 1);
      b.records.push(...referralChanges(referral, next.data));
    }
  }
}
