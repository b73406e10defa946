// A county's signed-off month as the file that travels upward: the month's statistics cells and
// organisation figures, signed with the server's key. Only a month the county has signed off can
// leave; its version is the number of times it was signed (an audited unlock and a new sign-off
// make version 2, which names the hash of version 1). The same version asked twice is the same
// file, byte for byte, so a province that already has it recognises it.
import { createHash, createPrivateKey, sign } from 'node:crypto';
import { addDays } from '../../shared/dates.ts';
import { monthPeriod } from '../../shared/stat-periods.ts';
import { federationFormat, type FederatedCell, type FederationFile, type FederationPayload } from '../../shared/federation.ts';
import type { Ctx } from '../deps.ts';
import { ApiError } from '../http/errors.ts';
import { orgTable } from '../registry/org.ts';
import { formNumberOf } from '../stats/form-number.ts';
import { countyMonthCells, refreshCells } from '../stats/cells.ts';
import { nationalArea } from '../divisions/national.ts';
import { serverIdentity } from './identity.ts';

export const sha256Hex = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

async function areaName(ctx: Ctx, code: string): Promise<string> {
  const row = await ctx.store.read.selectFrom('areas').select('name').where('code', '=', code).executeTakeFirst();
  // A county server holds its own county, rarely its province: the national list names that.
  return row?.name ?? nationalArea(code)?.name ?? code;
}

export async function exportMonth(ctx: Ctx, county: string, month: string): Promise<FederationFile> {
  const db = ctx.store.read;
  const signoff = await db.selectFrom('stat_signoffs').select(['signed_at']).where('area_code', '=', county).where('month', '=', month).executeTakeFirst();
  if (!signoff) throw new ApiError(409, 'federation.notSigned', { month });
  const signings = await db.selectFrom('stat_signoff_log').select((eb) => eb.fn.countAll<number>().as('n'))
    .where('area_code', '=', county).where('month', '=', month).where('action', '=', 'sign').executeTakeFirstOrThrow();
  const version = Math.max(1, Number(signings.n));

  const stored = await db.selectFrom('federation_exports').select(['signed', 'signature'])
    .where('county_code', '=', county).where('month', '=', month).where('version', '=', version).executeTakeFirst();
  if (stored) return { format: federationFormat, signed: stored.signed, signature: stored.signature };

  const identity = await serverIdentity(ctx.store, ctx.now());
  await refreshCells(ctx.store, ctx.now);
  const cells = await countyMonthCells(db, county, month);
  const previous = await db.selectFrom('federation_exports').select('hash').where('county_code', '=', county).where('month', '=', month)
    .where('version', '<', version).orderBy('version', 'desc').executeTakeFirst();
  const lastDay = addDays(monthPeriod(month).to, -1);
  const formNo = await formNumberOf(db, county);
  const payload: FederationPayload = {
    county: { code: county, name: await areaName(ctx, county) },
    province: { code: county.slice(0, 2), name: await areaName(ctx, county.slice(0, 2)) },
    month, version, previousHash: previous?.hash ?? null, signedAt: signoff.signed_at, generatedAt: ctx.now().toISOString(),
    keyFingerprint: identity.fingerprint,
    // Every column but the area (the county, already named) and the period (the month).
    cells: cells as FederatedCell[],
    org: { ...(await orgTable(db, county, lastDay)) },
    ...(formNo ? { formNo } : {}),
  };
  const signed = JSON.stringify(payload);
  const signature = sign(null, Buffer.from(signed, 'utf8'), createPrivateKey(identity.privateKey)).toString('base64');
  await ctx.store.write((tx) => tx.insertInto('federation_exports')
    .values({ county_code: county, month, version, hash: sha256Hex(signed), signed, signature, created_at: ctx.now().toISOString() })
    .onConflict((oc) => oc.columns(['county_code', 'month', 'version']).doNothing()).execute());
  // Read back: if two exports raced, both hand out the one that was stored.
  const kept = await db.selectFrom('federation_exports').select(['signed', 'signature'])
    .where('county_code', '=', county).where('month', '=', month).where('version', '=', version).executeTakeFirstOrThrow();
  return { format: federationFormat, signed: kept.signed, signature: kept.signature };
}
