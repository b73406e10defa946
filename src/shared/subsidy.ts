// 以案定补 / 以奖代补: the county's subsidy rules, the 司法所's score of each closed case file
// (卷宗) against the rules' checklist, and the month's subsidy sheet computed from both — one
// model for the server (which computes, freezes at sign-off and exports) and the desk screens.
//
// Money is kept in 分 (integers) from the moment a rule is parsed, so sums never drift; it is
// printed through money.ts. What counts: the successful mediations (调解成功, not 作废) accepted
// in the month, as that month's statistics count them — a month's sheet then locks with the same
// sign-off that locks its figures (month-locks.ts).
import * as v from 'valibot';
import { parseAmount } from './money.ts';

export const difficulties = ['简易', '一般', '疑难'] as const;
export type Difficulty = (typeof difficulties)[number];

/** One item of the 卷宗 quality checklist and what it is worth. */
export interface ChecklistItem {
  id: string;
  label: string;
  points: number;
}

export const paymentModes = ['full', 'proportional'] as const;
/** full: the whole amount once the pass mark is reached; proportional: amount × score ÷ full marks. */
export type PaymentMode = (typeof paymentModes)[number];

/** A county's rules as its 司法局 sets them (amounts in 分). */
export interface SubsidyRules {
  /** 分 per successful case of each difficulty. */
  byDifficulty: Record<Difficulty, number>;
  /** 分 per successful case of a category (category code → 分); set, it replaces the difficulty amount. */
  byCategory: Record<string, number>;
  checklist: ChecklistItem[];
  /** A case file scoring below this share of the full marks (0–100) earns nothing. */
  passPercent: number;
  payment: PaymentMode;
  /** 调解员考核: training hours a mediator must reach in a year. */
  trainingHoursPerYear: number;
}

export interface StoredRules extends SubsidyRules {
  countyCode: string;
  /** 0 = never set (the defaults below apply until the county saves its own). */
  version: number;
  updatedAt: string | null;
  updatedBy: string | null;
}

/** What a county starts from: no money until it sets its amounts, the usual checklist. */
export function emptyRules(): SubsidyRules {
  return {
    byDifficulty: { 简易: 0, 一般: 0, 疑难: 0 }, byCategory: {}, passPercent: 60, payment: 'full', trainingHoursPerYear: 0,
    checklist: [],
  };
}

const cents = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(100_000_00));
export const RulesSchema = v.strictObject({
  byDifficulty: v.strictObject({ 简易: cents, 一般: cents, 疑难: cents }),
  byCategory: v.pipe(v.record(v.pipe(v.string(), v.regex(/^[A-Za-z0-9.-]{1,20}$/)), cents), v.check((r) => Object.keys(r).length <= 200)),
  checklist: v.pipe(v.array(v.strictObject({
    id: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,40}$/)),
    label: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(100)),
    points: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(100)),
  })), v.maxLength(50), v.check((items) => new Set(items.map((i) => i.id)).size === items.length)),
  passPercent: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(100)),
  payment: v.picklist(paymentModes),
  trainingHoursPerYear: v.pipe(v.number(), v.minValue(0), v.maxValue(1000)),
});

/** 元 as a person types them ("300", "0.5万", "伍佰元") → 分; undefined when it is not a sum. */
export function centsOf(text: string): number | undefined {
  const yuan = parseAmount(text);
  return yuan === undefined ? undefined : Math.round(yuan * 100);
}

export const yuanOf = (c: number): number => c / 100;

/** The checklist as scored: each item with its points at scoring time and whether it was met. */
export interface ScoredItem extends ChecklistItem {
  met: boolean;
}

export interface CaseFileScore {
  caseId: string;
  items: ScoredItem[];
  difficulty: Difficulty;
  score: number;
  maxScore: number;
  note: string | null;
  scoredAt: string;
  scoredBy: string;
  scoredByName: string;
}

export const ScoreBody = v.strictObject({
  met: v.pipe(v.array(v.pipe(v.string(), v.maxLength(40))), v.maxLength(50)),
  difficulty: v.picklist(difficulties),
  note: v.nullable(v.pipe(v.string(), v.trim(), v.maxLength(500))),
});
export type ScoreInput = v.InferOutput<typeof ScoreBody>;

/** Scores a case file against the rules' checklist (unknown item ids are ignored). */
export function scoreItems(checklist: readonly ChecklistItem[], met: readonly string[]): { items: ScoredItem[]; score: number; maxScore: number } {
  const chosen = new Set(met);
  const items = checklist.map((i) => ({ ...i, met: chosen.has(i.id) }));
  return { items, score: items.reduce((s, i) => s + (i.met ? i.points : 0), 0), maxScore: items.reduce((s, i) => s + i.points, 0) };
}

/** The amount one case earns, in 分: the category's or the difficulty's, scaled by the file's quality. */
export function caseAmount(rules: SubsidyRules, categoryCode: string, score: Pick<CaseFileScore, 'difficulty' | 'score' | 'maxScore'>): { base: number; amount: number } {
  const base = rules.byCategory[categoryCode] ?? rules.byDifficulty[score.difficulty];
  // No checklist (or no points): the file is not marked, the case earns its amount.
  if (score.maxScore <= 0) return { base, amount: base };
  const share = score.score / score.maxScore;
  if (share * 100 < rules.passPercent) return { base, amount: 0 };
  return { base, amount: rules.payment === 'full' ? base : Math.round(base * share) };
}

/** Splits `amount` 分 evenly between `n` people, the odd 分 to the first ones (sums stay exact). */
export function splitCents(amount: number, n: number): number[] {
  if (n <= 0) return [];
  const each = Math.floor(amount / n);
  return Array.from({ length: n }, (_, i) => each + (i < amount - each * n ? 1 : 0));
}

/** One successful case on a month's sheet. */
export interface SubsidyLine {
  caseId: string;
  caseNo: string | null;
  acceptedOn: string;
  villageCode: string;
  villageName: string;
  townCode: string;
  committeeId: string | null;
  committeeName: string;
  mediators: string[];
  categoryCode: string;
  isDifficult: boolean;
  /** null until the 司法所 has scored the case file. */
  score: { difficulty: Difficulty; score: number; maxScore: number; scoredByName: string; scoredAt: string } | null;
  base: number;
  amount: number;
}

export interface PersonTotal {
  name: string;
  committeeName: string;
  cases: number;
  amount: number;
}

export interface CommitteeTotal {
  committeeId: string | null;
  name: string;
  cases: number;
  scored: number;
  amount: number;
}

export interface TownState {
  code: string;
  name: string;
  /** The town signed the month off: its lines are the ones frozen then. */
  signed: boolean;
  frozenAt: string | null;
}

export interface SubsidySheet {
  area: { code: string; name: string };
  month: string;
  rulesVersion: number;
  towns: TownState[];
  lines: SubsidyLine[];
  byMediator: PersonTotal[];
  byCommittee: CommitteeTotal[];
  total: number;
  unscored: number;
  /** Every town of the area signed the month: nothing on the sheet can change. */
  locked: boolean;
}

/** The per-mediator and per-committee totals of a sheet's lines (a case shared by two mediators is split). */
export function sheetTotals(lines: readonly SubsidyLine[]): { byMediator: PersonTotal[]; byCommittee: CommitteeTotal[]; total: number; unscored: number } {
  const people = new Map<string, PersonTotal>();
  const committees = new Map<string, CommitteeTotal>();
  for (const line of lines) {
    const names = line.mediators.length > 0 ? line.mediators : [''];
    splitCents(line.amount, names.length).forEach((share, i) => {
      const name = names[i] ?? '';
      const key = `${line.committeeName}|${name}`;
      const p = people.get(key) ?? { name, committeeName: line.committeeName, cases: 0, amount: 0 };
      p.cases += 1;
      p.amount += share;
      people.set(key, p);
    });
    const key = line.committeeId ?? line.committeeName;
    const c = committees.get(key) ?? { committeeId: line.committeeId, name: line.committeeName, cases: 0, scored: 0, amount: 0 };
    c.cases += 1;
    c.scored += line.score ? 1 : 0;
    c.amount += line.amount;
    committees.set(key, c);
  }
  const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, 'zh-CN');
  return {
    byMediator: [...people.values()].sort((a, b) => a.committeeName.localeCompare(b.committeeName, 'zh-CN') || byName(a, b)),
    byCommittee: [...committees.values()].sort(byName),
    total: lines.reduce((s, l) => s + l.amount, 0),
    unscored: lines.filter((l) => l.score === null).length,
  };
}

export const SUBSIDY_PATH = '/api/subsidy';
export const subsidyParts = ['mediators', 'committees', 'cases'] as const;
export type SubsidyPart = (typeof subsidyParts)[number];

/** GET /api/subsidy/cases/:id: a case file with the rules it is scored by and its score, if any. */
export interface ScoreView {
  case: { id: string; caseNo: string | null; villageCode: string; villageName: string; acceptedOn: string; categoryCode: string; isDifficult: boolean; mediators: string[] };
  rules: StoredRules;
  score: CaseFileScore | null;
  /** The month is signed off: the score cannot change. */
  locked: boolean;
  month: string;
  amount: number | null;
}
