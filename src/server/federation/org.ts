// The organisation figures of the counties a province holds by federation: for each county the
// newest month it sent up to the day asked about (a network changes slowly; its last report is
// its state), summed into the province's own table.
import type { Kysely } from 'kysely';
import type { OrgTable } from '../../shared/network.ts';
import type { DB } from '../store/schema.ts';

export async function addFederatedOrg(db: Kysely<DB>, area: string, asOf: string, table: OrgTable): Promise<void> {
  const rows = await db.selectFrom('federation_imports').select(['county_code', 'month', 'org'])
    .where('county_code', 'like', `${area}%`).where('replaced_at', 'is', null).where('month', '<=', asOf.slice(0, 7))
    .orderBy('county_code').orderBy('month', 'desc').execute();
  const seen = new Set<string>();
  for (const row of rows) {
    if (seen.has(row.county_code)) continue;
    seen.add(row.county_code);
    const org = JSON.parse(row.org) as Partial<OrgTable>;
    for (const [type, n] of Object.entries(org.committees ?? {})) {
      if (type in table.committees) table.committees[type as keyof OrgTable['committees']] += Number(n);
    }
    table.committeesTotal += Number(org.committeesTotal ?? 0);
    table.mediators += Number(org.mediators ?? 0);
    table.fullTime += Number(org.fullTime ?? 0);
    table.women += Number(org.women ?? 0);
    table.legalPersons += Number(org.legalPersons ?? 0);
    table.households += Number(org.households ?? 0);
    // Files from before issue #15 carry none of these: they count 0.
    table.minority += Number(org.minority ?? 0);
    table.members += Number(org.members ?? 0);
    table.trainings += Number(org.trainings ?? 0);
    table.trainingHours += Number(org.trainingHours ?? 0);
    table.college += Number(org.college ?? 0);
    table.educationUnknown += Number(org.educationUnknown ?? 0);
    table.fundingCents += Number(org.fundingCents ?? 0);
    table.subsidyCents += Number(org.subsidyCents ?? 0);
    for (const key of ['mediatorsByType', 'fullTimeByType'] as const) {
      for (const [type, n] of Object.entries(org[key] ?? {})) {
        if (type in table[key]) table[key][type as keyof OrgTable['committees']] += Number(n);
      }
    }
  }
}
