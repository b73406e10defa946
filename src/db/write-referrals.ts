// The write path of 移交 on the phone (shared/referral.ts): the local referral record and its
// outbox entry in one transaction (write-records.ts queueRecord), so "已移交" is said only once
// both are on the phone, offline. The local copy is what this phone knows now; the server's copy
// (due day, names, the case summary it took) replaces it at the next pull.
import type { ReferralRecord } from '../shared/referral.ts';
import type { WriteContext } from './write.ts';
import { queueRecord } from './write-records.ts';

/** Sends a case to another committee. */
export function writeReferral(ctx: WriteContext, referral: ReferralRecord): Promise<ReferralRecord> {
  const body = { name: 'referral.send' as const, args: { referral: { id: referral.id, toCommitteeId: referral.to.committeeId, reason: referral.reason, at: referral.sentAt } } };
  return queueRecord(ctx, referral.caseId, body, 0, async () => {
    await ctx.db.referrals.put(referral);
    return referral;
  });
}

/** 接收 or 退回 (with its reason) by the receiving committee. */
export function writeReferralDecision(ctx: WriteContext, referral: ReferralRecord, decision: { accept: true } | { accept: false; reason: string }, byName: string): Promise<ReferralRecord> {
  const at = ctx.now().toISOString();
  const decided: ReferralRecord = {
    ...referral, status: decision.accept ? 'accepted' : 'returned', decidedAt: at, decidedBy: ctx.userId, decidedByName: byName,
    returnReason: decision.accept ? null : decision.reason,
  };
  const body = decision.accept
    ? { name: 'referral.accept' as const, args: { referralId: referral.id, at } }
    : { name: 'referral.return' as const, args: { referralId: referral.id, reason: decision.reason, at } };
  return queueRecord(ctx, referral.caseId, body, referral.version, async () => {
    await ctx.db.referrals.put(decided);
    return decided;
  });
}
