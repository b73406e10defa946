// The demo county's 以案定补 rules and some scored case files (after the cases and the registry):
// the rules 开鲁县 司法局 would set, every other successful case of 开鲁镇 scored by `zhen`, and the
// village committees' first two members named as the mediators their cases record, so 调解员考核
// finds each mediator's cases. Deterministic.
import type { Store } from '../store/open.ts';
import { scoreItems, type Difficulty, type SubsidyRules } from '../../shared/subsidy.ts';
import { mulberry32 } from './random.ts';

const COUNTY = '150523';
const TOWN = '150523100';
const SEEDED_AT = '2024-01-05T02:00:00.000Z';

export const demoSubsidyRules: SubsidyRules = {
  byDifficulty: { 简易: 100_00, 一般: 200_00, 疑难: 400_00 },
  byCategory: { '07': 300_00 },
  checklist: [
    { id: 'cover', label: '卷宗封面、卷内目录齐全，编号规范', points: 10 },
    { id: 'application', label: '调解申请书（或口头申请笔录）、受理登记齐全', points: 15 },
    { id: 'investigation', label: '调查笔录记载纠纷事实清楚', points: 15 },
    { id: 'record', label: '调解笔录完整，有当事人签名', points: 20 },
    { id: 'agreement', label: '调解协议书内容明确、可履行，签章齐全', points: 25 },
    { id: 'visit', label: '回访记录，写明履行情况', points: 15 },
  ],
  passPercent: 60,
  payment: 'full',
  trainingHoursPerYear: 16,
};

export async function seedDemoSubsidy(store: Store): Promise<void> {
  const rand = mulberry32(20240105);
  const db = store.db;
  await db.insertInto('subsidy_rules').values({ county_code: COUNTY, version: 1, rules: JSON.stringify(demoSubsidyRules), updated_at: SEEDED_AT, updated_by: 'xian' }).execute();
  await db.insertInto('subsidy_log').values({ id: '00000000-0000-7000-8000-00000000a001', county_code: COUNTY, at: SEEDED_AT, by_user: 'xian', action: 'rules', target: 'v1', detail: JSON.stringify(demoSubsidyRules) }).execute();

  // The mediators the cases name, village by village, become the names of the committee's first members.
  const cases = await db.selectFrom('cases').select(['id', 'village_code', 'accepted_on', 'outcome', 'data']).where('county_code', '=', COUNTY).orderBy('accepted_on').orderBy('id').execute();
  const teams = new Map<string, string[]>();
  for (const c of cases) {
    if (teams.has(c.village_code)) continue;
    const names = (JSON.parse(c.data) as { mediators?: string[] }).mediators ?? [];
    if (names.length > 0) teams.set(c.village_code, names);
  }
  for (const [village, names] of teams) {
    const members = await db.selectFrom('mediators').select('id').where('committee_id', '=', `committee-${village}`).where('member_role', 'is not', null)
      .orderBy('id').limit(names.length).execute();
    for (const [i, m] of members.entries()) await db.updateTable('mediators').set({ name: names[i] ?? '' }).where('id', '=', m.id).execute();
  }

  // Every other successful case of 开鲁镇 has its file scored; the rest wait for the 司法所.
  const succeeded = cases.filter((c) => c.outcome === 'success' && c.village_code.startsWith(TOWN));
  const rows = succeeded.filter((_, i) => i % 2 === 0).map((c) => {
    const met = demoSubsidyRules.checklist.filter(() => rand() < 0.85).map((i) => i.id);
    const { items, score, maxScore } = scoreItems(demoSubsidyRules.checklist, met);
    const difficulty: Difficulty = (JSON.parse(c.data) as { isDifficult?: boolean }).isDifficult ? '疑难' : rand() < 0.4 ? '简易' : '一般';
    const at = new Date(Date.parse(`${c.accepted_on}T02:00:00Z`) + 20 * 86_400_000).toISOString();
    return { case_id: c.id, town_code: TOWN, items: JSON.stringify(items), difficulty, score, max_score: maxScore, note: null, scored_at: at, scored_by: 'zhen' };
  });
  for (let i = 0; i < rows.length; i += 200) await db.insertInto('case_file_scores').values(rows.slice(i, i + 200)).execute();
}
