// The 司法部 dispute-category table (人民调解统计 rows), versioned so that old cases still add up
// under new headings: a split category keeps its parent's code as `parent`, and statistics roll a
// leaf up to its `row`. Codes are ours and stable; names follow the official wording
// (domain.md §3.1). Never renumber a shipped code — add a new one with `validFrom`.

export interface Category {
  code: string;
  name: string;
  /** The statistics row this category counts under (itself for an unsplit row). */
  row: string;
  /** Parent code when this is a later split of an official row. */
  parent?: string;
  validFrom: string;
  validTo?: string;
  /** A split the report prints as its own "其中" line under its row (the form asks for it). */
  reportedAsSplit?: boolean;
}

const rows: Category[] = [
  { code: '01', name: '婚姻家庭纠纷', row: '01', validFrom: '2010-12-01' },
  { code: '02', name: '邻里纠纷', row: '02', validFrom: '2010-12-01' },
  { code: '03', name: '房屋宅基地纠纷', row: '03', validFrom: '2010-12-01' },
  { code: '04', name: '合同纠纷', row: '04', validFrom: '2010-12-01' },
  { code: '05', name: '生产经营纠纷', row: '05', validFrom: '2010-12-01' },
  { code: '06', name: '损害赔偿纠纷', row: '06', validFrom: '2010-12-01' },
  { code: '07', name: '山林土地纠纷', row: '07', validFrom: '2010-12-01' },
  { code: '08', name: '征地拆迁纠纷', row: '08', validFrom: '2010-12-01' },
  { code: '09', name: '环境污染纠纷', row: '09', validFrom: '2010-12-01' },
  { code: '10', name: '劳动争议纠纷', row: '10', validFrom: '2010-12-01', validTo: '2018-01-01' },
  { code: '10.1', name: '拖欠农民工工资纠纷', row: '10', parent: '10', validFrom: '2018-01-01', reportedAsSplit: true },
  { code: '10.2', name: '其他劳动争议纠纷', row: '10', parent: '10', validFrom: '2018-01-01' },
  { code: '11', name: '消费纠纷', row: '11', validFrom: '2010-12-01', validTo: '2018-01-01' },
  { code: '11.1', name: '旅游纠纷', row: '11', parent: '11', validFrom: '2018-01-01' },
  { code: '11.2', name: '电子商务纠纷', row: '11', parent: '11', validFrom: '2018-01-01' },
  { code: '11.3', name: '其他消费纠纷', row: '11', parent: '11', validFrom: '2018-01-01' },
  { code: '12', name: '医疗纠纷', row: '12', validFrom: '2010-12-01' },
  { code: '13', name: '道路交通事故纠纷', row: '13', validFrom: '2010-12-01' },
  { code: '14', name: '物业纠纷', row: '14', validFrom: '2010-12-01' },
  { code: '15', name: '其他纠纷', row: '15', validFrom: '2010-12-01' },
];

export const categories: readonly Category[] = rows;
const byCode = new Map(rows.map((c) => [c.code, c]));

/** The official statistics rows, in report order (the unsplit parents). */
export const statisticsRows: readonly Category[] = rows.filter((c) => c.row === c.code);

export function categoryByCode(code: string): Category | undefined {
  return byCode.get(code);
}

/** Categories a mediator may pick for a case accepted on `onDate` (leaves valid that day). */
export function categoriesForDate(onDate: string): Category[] {
  return rows.filter(
    (c) => c.validFrom <= onDate && (c.validTo === undefined || onDate < c.validTo) && !rows.some((x) => x.parent === c.code && x.validFrom <= onDate),
  );
}

export function statisticsRowOf(code: string): string {
  return byCode.get(code)?.row ?? '15';
}

export function isCategoryCode(code: string): boolean {
  return byCode.has(code);
}
