// A checked ledger row as the mutations a phone would have sent for it: case.create, then the
// transition to 调解成功 or 调解不成 (未结 stays 受理); a noted 履行 becomes a 回访 (and 已回访), a
// noted 司法确认 the case's confirmation field — dated the day the case ended, the only date a
// ledger gives. Every id is derived from the row's key, so
// the same row always produces the same case, parties, events and mutation ids.
import { createHash } from 'node:crypto';
import type { CaseRecord, JudicialConfirmation, Party } from '../../shared/case.ts';
import type { CaseEvent } from '../../shared/events.ts';
import { noPrevention } from '../../shared/case.ts';
import { t } from '../../shared/i18n/index.ts';
import type { LedgerCase } from '../../shared/ledger.ts';
import { SCHEMA_VERSION, type Mutation, type MutationBody } from '../../shared/mutations.ts';

/** A UUIDv7-shaped id: the time part from `atMs` (ordering), the rest from sha256(`seed`). */
export function hashedUuid(seed: string, atMs: number): string {
  const hash = createHash('sha256').update(seed).digest('hex');
  const time = Math.max(0, Math.floor(atMs)).toString(16).padStart(12, '0').slice(-12);
  const variant = ((parseInt(hash.slice(3, 4), 16) & 0x3) | 0x8).toString(16);
  return `${time.slice(0, 8)}-${time.slice(8)}-7${hash.slice(0, 3)}-${variant}${hash.slice(4, 7)}-${hash.slice(7, 19)}`;
}

const noon = (date: string) => Date.parse(`${date}T04:00:00.000Z`);

export interface ImportTarget {
  villageName: (code: string) => string;
  committeeName: (code: string) => string;
  now: string;
  /** The importing user, named as the author of the events made from a row. */
  author: string;
}

export function ledgerCaseId(c: LedgerCase): string {
  return hashedUuid(`case|${c.key}`, noon(c.acceptedOn));
}

/** The mutation bodies for one row (header fields are added by the importer). */
export function ledgerBodies(c: LedgerCase, target: ImportTarget): { caseId: string; bodies: MutationBody[] } {
  const caseId = ledgerCaseId(c);
  const at = noon(c.acceptedOn);
  const party = (role: Party['role'], name: string, i: number): Party => ({ id: hashedUuid(`party|${c.key}|${role}|${i}`, at), role, name });
  const record: CaseRecord = {
    id: caseId, version: 0, villageCode: c.villageCode, townCode: c.villageCode.slice(0, 9), countyCode: c.villageCode.slice(0, 6),
    committeeName: target.committeeName(c.villageCode), caseNo: null, provisionalNo: t('ledger.provisional', { row: c.row }),
    status: 'accepted', outcome: null, categoryCode: c.categoryCode, source: c.source, acceptedOn: c.acceptedOn,
    mediators: c.mediators.length > 0 ? c.mediators : [t('ledger.defaultMediator')], isDifficult: false, prevention: noPrevention(),
    agreement: null, termination: null, rejection: null,
    private: {
      parties: [...c.applicants.map((n, i) => party('申请人', n, i)), ...c.respondents.map((n, i) => party('被申请人', n, i))],
      facts: c.facts ?? t('ledger.defaultFacts'), claims: [], place: target.villageName(c.villageCode),
    },
    needsReview: false, voided: null, createdAt: target.now, updatedAt: target.now,
  };
  const bodies: MutationBody[] = [{ name: 'case.create', args: { record } }];
  const closedOn = c.closedOn ?? c.acceptedOn;
  const closedAt = new Date(noon(closedOn)).toISOString();
  const eventId = hashedUuid(`transition|${c.key}`, noon(closedOn));
  if (c.result === '成功' && c.form) {
    bodies.push({
      name: 'case.transition',
      args: {
        from: 'accepted', to: 'agreed', eventId, at: closedAt,
        agreement: {
          form: c.form, terms: [t('ledger.defaultTerms')], performanceMethod: t('ledger.defaultMethod'), performanceDeadline: closedOn,
          amountYuan: c.amountYuan, effectiveOn: closedOn,
        },
      },
    });
    if (c.performance) {
      const visit: CaseEvent = {
        id: hashedUuid(`visit|${c.key}`, noon(closedOn)), caseId, villageCode: c.villageCode, townCode: c.villageCode.slice(0, 9),
        countyCode: c.villageCode.slice(0, 6), at: closedAt, author: target.author, kind: 'visit',
        data: { on: closedOn, visitedPerson: c.applicants[0] ?? '', performance: c.performance, satisfaction: '未记载', notes: t('ledger.visitNote') },
      };
      bodies.push({ name: 'event.append', args: { event: visit } });
      bodies.push({ name: 'case.transition', args: { from: 'agreed', to: 'visited', eventId: hashedUuid(`visited|${c.key}`, noon(closedOn)), at: closedAt } });
    }
    if (c.confirmation) {
      const confirmation: JudicialConfirmation = {
        appliedOn: closedOn, court: t('ledger.unknownCourt'), result: c.confirmation, decidedOn: c.confirmation === '审查中' ? null : closedOn,
      };
      bodies.push({ name: 'case.patch', patch: { judicialConfirmation: { base: null, next: confirmation } } });
    }
  } else if (c.result === '不成') {
    bodies.push({ name: 'case.transition', args: { from: 'accepted', to: 'terminated', eventId, at: closedAt, termination: { reason: t('ledger.defaultTermination'), otherRoutesTold: true } } });
  }
  return { caseId, bodies };
}

/** Full mutations with deterministic ids, numbered from `firstSeq` for the import's client. */
export function ledgerMutations(c: LedgerCase, target: ImportTarget, clientId: string, userId: string, firstSeq: number): Mutation[] {
  const { caseId, bodies } = ledgerBodies(c, target);
  return bodies.map((body, i) => ({
    ...body, mutationId: hashedUuid(`mutation|${c.key}|${i}`, noon(c.acceptedOn)), clientId, seq: firstSeq + i, schemaVersion: SCHEMA_VERSION,
    caseId, baseVersion: 0, deviceTime: target.now, userId,
  }) as Mutation);
}
