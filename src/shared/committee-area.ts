// Where a committee's cases sit. 国家统计局 writes every area of 统计用区划代码 as 12 digits, a
// town or county padded with zeros (开鲁县 150523000000, 开鲁镇 150523100000); a case carries its
// committee's area in that form, so a 村/居 committee's cases keep their village code, a 镇调委会's
// cases sit at the town (…101000) and a committee serving the whole county at the county
// (…000000). Every scope check stays a prefix match: town staff (9 digits) see the town's own
// cases and its villages', county staff all of them; a village's mediator none above it.
import type { CommitteeType } from './network.ts';

/** A committee as a phone and the case model need it. */
export interface CommitteeRef {
  id: string;
  name: string;
  type: CommitteeType;
  /** The 12-digit area code its cases carry (caseAreaOf its location). */
  areaCode: string;
}

/** The 12-digit code of an area of any level (6, 9 or 12 digits). */
export const caseAreaOf = (location: string): string => location.padEnd(12, '0');

/** The area a case's 12-digit code stands for: the village, or the town or county it pads. */
export function areaOfCaseCode(code: string): string {
  if (code.length !== 12) return code;
  if (code.endsWith('000000')) return code.slice(0, 6);
  if (code.endsWith('000')) return code.slice(0, 9);
  return code;
}

/** True for the code of a case held above the village (a town's or the county's committee). */
export const isAboveVillage = (code: string): boolean => code.length === 12 && areaOfCaseCode(code) !== code;
