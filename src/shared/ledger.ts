// Paper ledgers (调解登记台账) typed into a spreadsheet, one row per case, checked before anything
// is imported. Every row is validated; a file with any bad row is refused whole with a report a
// clerk can act on: the spreadsheet row number, the column, and what to write instead.
// Pure: the server reads CSV/XLSX into rows of strings and calls this; a screen may too.

import type { CaseSource, ConfirmationResult, PerformanceStatus } from './case.ts';
import { caseSources } from './case.ts';
import { categories, isCategoryCode } from './categories.ts';
import { isIsoDate } from './dates.ts';
import type { MessageKey, MessageParams } from './i18n/index.ts';

export type LedgerResult = '成功' | '不成' | '未结';

export interface LedgerCase {
  /** Spreadsheet row number (the header is row 1). */
  row: number;
  /** What makes this row the same case on a second import (see ledgerKey). */
  key: string;
  /** The ledger's own 序号/编号 ('' when it has none). */
  ledgerNo: string;
  acceptedOn: string;
  villageCode: string;
  categoryCode: string;
  applicants: string[];
  respondents: string[];
  result: LedgerResult;
  form: '口头' | '书面' | null;
  amountYuan: number;
  source: CaseSource;
  mediators: string[];
  facts: string | null;
  closedOn: string | null;
  /** 履行情况 as the ledger noted it (a 回访's finding); null when not noted. */
  performance: PerformanceStatus | null;
  /** 司法确认 as the ledger noted it; null when never applied for. */
  confirmation: ConfirmationResult | null;
}

export interface LedgerError {
  row: number;
  /** The ledger's own 序号/编号 of the row, when it has one (clerks find rows by it). */
  ledgerNo?: string;
  /** The column as the file names it (or the expected name when it is missing). */
  field: string;
  code: MessageKey;
  params?: MessageParams;
}

export interface LedgerVillage {
  code: string;
  name: string;
}

export interface LedgerContext {
  /** The villages the importer may write to (their scope). */
  villages: readonly LedgerVillage[];
  /** The towns of those villages, to check and use a 所属镇(街道) column. */
  towns?: readonly LedgerVillage[];
  today: string;
  /** Refuses rows of a month whose statistics are signed off. */
  isLocked?: (villageCode: string, acceptedOn: string) => boolean;
}

type Column = 'ledgerNo' | 'acceptedOn' | 'village' | 'villageCode' | 'town' | 'category' | 'applicants' | 'respondents' | 'parties' | 'result' | 'form' | 'amount'
  | 'source' | 'mediators' | 'facts' | 'closedOn' | 'performance' | 'confirmation';

const aliases: Record<Column, readonly string[]> = {
  ledgerNo: ['序号', '编号', '台账编号', '案号', '登记号', '卷号'],
  acceptedOn: ['受理日期', '受理时间', '日期'],
  village: ['村', '村(社区)', '村居', '村(居)', '村名', '村(社区)名称'],
  // A code column decides the village; the name and town columns are then checked against it.
  villageCode: ['区划代码', '村代码', '村(社区)代码', '村(社区)区划代码', '统计用区划代码'],
  town: ['所属镇(街道)', '镇(街道)', '乡镇(街道)', '所属乡镇', '乡镇', '镇', '所属乡镇(街道)'],
  category: ['纠纷类型', '类型', '纠纷类别'],
  applicants: ['申请人'],
  respondents: ['被申请人'],
  parties: ['当事人', '当事人姓名'],
  result: ['调解结果', '结果'],
  form: ['协议形式', '协议类型'],
  amount: ['协议涉及金额', '金额', '涉及金额'],
  source: ['案件来源', '来源'],
  mediators: ['调解员', '调解人'],
  facts: ['纠纷简要情况', '简要情况', '案情', '纠纷情况'],
  closedOn: ['结案日期', '调结日期', '协议日期'],
  performance: ['履行情况', '协议履行情况', '履行'],
  confirmation: ['司法确认', '司法确认情况'],
};

/** Column titles as people type them: no spaces, ASCII brackets, no unit suffix. */
const normalizeHeader = (h: string) => h.replace(/\s+/g, '').replace(/（/g, '(').replace(/）/g, ')').replace(/\((元|万元)\)$/, '');

interface HeaderMap {
  columns: Partial<Record<Column, number>>;
  labels: Partial<Record<Column, string>>;
  amountInWan: boolean;
}

function mapHeader(header: readonly string[]): HeaderMap | LedgerError[] {
  const map: HeaderMap = { columns: {}, labels: {}, amountInWan: false };
  header.forEach((raw, index) => {
    const h = normalizeHeader(raw);
    for (const column of Object.keys(aliases) as Column[]) {
      if (map.columns[column] === undefined && aliases[column].includes(h)) {
        map.columns[column] = index;
        map.labels[column] = raw.trim();
        if (column === 'amount') map.amountInWan = raw.includes('万元');
      }
    }
  });
  const missing: LedgerError[] = [];
  const need = (column: Column, label: string) => {
    if (map.columns[column] === undefined) missing.push({ row: 1, field: label, code: 'ledger.header.missing', params: { column: label } });
  };
  need('acceptedOn', '受理日期');
  if (map.columns.villageCode === undefined) need('village', '村');
  need('category', '纠纷类型');
  need('result', '调解结果');
  if (map.columns.parties === undefined) {
    need('applicants', '申请人');
    need('respondents', '被申请人');
  }
  return missing.length > 0 ? missing : map;
}

/** 2023-03-05, 2023/3/5, 2023.3.5, 2023年3月5日 → ISO; otherwise undefined. */
export function parseLedgerDate(text: string): string | undefined {
  const m = dateParts(text);
  if (!m) return undefined;
  const iso = `${m.year}-${String(m.month).padStart(2, '0')}-${String(m.day).padStart(2, '0')}`;
  return isIsoDate(iso) ? iso : undefined;
}

function dateParts(text: string): { year: number; month: number; day: number } | undefined {
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(text.trim());
  return m ? { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) } : undefined;
}

/** The message for a date cell that did not parse: a day the calendar lacks is named as such. */
function dateProblem(text: string): { code: MessageKey; params: MessageParams } {
  const m = dateParts(text);
  if (m && m.month >= 1 && m.month <= 12) return { code: 'ledger.date.impossible', params: { value: `${m.year}年${m.month}月${m.day}日` } };
  return { code: 'ledger.date.invalid', params: { value: text } };
}

const splitNames = (text: string) => text.split(/[、，,;；\s/]+|与|和|诉/).map((s) => s.trim()).filter((s) => s !== '');

/** 五家村委会, 五家村, 五家 → 五家; 民主社区居委会 → 民主社区. */
export const villageBaseName = (name: string) => name.trim().replace(/(村民委员会|村委会|居民委员会|居委会)$/, '').replace(/村$/, '');

const results: Record<string, LedgerResult> = {
  成功: '成功', 调解成功: '成功', 达成协议: '成功',
  不成: '不成', 调解不成: '不成', 不成功: '不成', 失败: '不成', 终止: '不成', 终止调解: '不成',
  未结: '未结', 调解中: '未结', 在调: '未结', 未调结: '未结',
};
// Blank, 无 and 未申请 all mean "not noted": the case simply has no 回访 / 司法确认 recorded.
const performances: Record<string, PerformanceStatus | null> = {
  '': null, 无: null, 未回访: null,
  已履行: '已履行', 履行完毕: '已履行', 全部履行: '已履行', 已全部履行: '已履行', 履行: '已履行',
  部分履行: '部分履行', 未履行: '未履行', 未全部履行: '部分履行',
};
const confirmations: Record<string, ConfirmationResult | null> = {
  '': null, 无: null, 否: null, 未申请: null,
  确认有效: '确认有效', 已确认: '确认有效', 是: '确认有效', 已司法确认: '确认有效',
  驳回: '驳回', 不予确认: '驳回', 驳回申请: '驳回', 撤回: '撤回', 撤回申请: '撤回', 审查中: '审查中', 已申请: '审查中', 申请中: '审查中',
};

const forms: Record<string, '口头' | '书面'> = { 口头: '口头', 口头协议: '口头', 书面: '书面', 书面协议: '书面' };
const sources: Record<string, CaseSource> = {
  ...Object.fromEntries(caseSources.map((s) => [s, s])),
  依申请: '申请', 当事人申请: '申请', 申请调解: '申请', 主动: '主动调解', 调委会主动调解: '主动调解',
  法院: '法院移送', 法院委托: '法院移送', 人民法院委托: '法院移送', 人民法院委派: '法院移送', 法院委派: '法院移送', 人民法院移送: '法院移送', 诉前委派: '法院移送',
  公安: '公安移送', 公安机关移送: '公安移送', 派出所: '公安移送', 派出所移送: '公安移送', 公安派出所移送: '公安移送', '110转办': '公安移送',
  信访: '信访移送', 信访转办: '信访移送', 信访部门移送: '信访移送', 信访交办: '信访移送', '12345转办': '其他移送',
  检察院移送: '其他移送', 人民检察院移送: '其他移送', 检察院: '其他移送', 其他: '其他移送', 其他部门移送: '其他移送', 上级交办: '其他移送',
};

function categoryOf(text: string): string | undefined {
  const value = text.trim();
  if (isCategoryCode(value)) return value;
  return categories.find((c) => c.name === value || c.name === `${value}纠纷`)?.code;
}

function parseAmount(text: string): number | undefined {
  const cleaned = text.replace(/[,，\s]/g, '').replace(/元$/, '');
  if (cleaned === '') return 0;
  if (!/^\d+(\.\d{1,2})?$/.test(cleaned)) return undefined;
  return Number(cleaned);
}

export type LedgerCheck = { ok: true; cases: LedgerCase[] } | { ok: false; errors: LedgerError[] };

/** Validates every row of a ledger (first row = header). Never stops at the first problem. */
export function checkLedger(rows: readonly (readonly string[])[], ctx: LedgerContext): LedgerCheck {
  const [header, ...body] = rows;
  if (!header || body.length === 0) return { ok: false, errors: [{ row: 1, field: '', code: 'ledger.empty' }] };
  const map = mapHeader(header);
  if (Array.isArray(map)) return { ok: false, errors: map };

  const byCode = new Map(ctx.villages.map((v) => [v.code, v]));
  const townNames = new Map((ctx.towns ?? []).map((v) => [v.code, v.name]));
  const sameTown = (text: string, townCode: string) => {
    const name = townNames.get(townCode);
    return name === undefined || text === name || text === townCode || townBaseName(text) === townBaseName(name);
  };
  const byBase = new Map<string, LedgerVillage[]>();
  for (const v of ctx.villages) byBase.set(villageBaseName(v.name), [...(byBase.get(villageBaseName(v.name)) ?? []), v]);

  const errors: LedgerError[] = [];
  const cases: LedgerCase[] = [];
  const seenNumbers = new Map<string, number>();
  const occurrences = new Map<string, number>();
  body.forEach((cells, index) => {
    const row = index + 2;
    if (cells.every((c) => c.trim() === '')) return;
    const get = (column: Column) => {
      const i = map.columns[column];
      return i === undefined ? '' : (cells[i] ?? '').trim();
    };
    const label = (column: Column, fallback: string) => map.labels[column] ?? fallback;
    const ledgerNo = get('ledgerNo');
    const fail = (column: Column, fallback: string, code: MessageKey, params?: MessageParams) => {
      errors.push({ row, ...(ledgerNo ? { ledgerNo } : {}), field: label(column, fallback), code, ...(params ? { params } : {}) });
    };

    const acceptedOn = parseLedgerDate(get('acceptedOn'));
    if (!acceptedOn) {
      const problem = dateProblem(get('acceptedOn'));
      fail('acceptedOn', '受理日期', problem.code, problem.params);
    }
    else if (acceptedOn > ctx.today) fail('acceptedOn', '受理日期', 'ledger.date.future', { value: acceptedOn });

    const villageText = get('village');
    const codeText = get('villageCode');
    const townText = get('town');
    let villageCode: string | undefined;
    if (map.columns.villageCode !== undefined && codeText !== '') {
      const village = byCode.get(codeText);
      if (!village) fail('villageCode', '区划代码', 'ledger.village.codeUnknown', { value: codeText });
      else if (villageText !== '' && villageText !== village.code && villageBaseName(villageText) !== villageBaseName(village.name)) {
        fail('village', '村', 'ledger.village.mismatch', { value: villageText, code: codeText, name: village.name });
      } else if (townText !== '' && !sameTown(townText, codeText.slice(0, 9))) {
        fail('town', '所属镇(街道)', 'ledger.town.mismatch', { value: townText, code: codeText, name: townNames.get(codeText.slice(0, 9)) ?? '' });
      } else villageCode = codeText;
    } else if (/^\d{12}$/.test(villageText)) {
      if (byCode.has(villageText)) villageCode = villageText;
      else fail('village', '村', 'ledger.village.outside', { value: villageText });
    } else if (villageText === '') fail('village', '村', 'ledger.village.required');
    else {
      const named = byBase.get(villageBaseName(villageText)) ?? [];
      // A name repeated in several towns is told apart by the town column.
      const found = named.length > 1 && townText !== '' ? named.filter((v) => sameTown(townText, v.code.slice(0, 9))) : named;
      if (found.length === 1) villageCode = found[0]?.code;
      else if (found.length === 0) fail('village', '村', 'ledger.village.unknown', { value: villageText });
      else fail('village', '村', 'ledger.village.ambiguous', { value: villageText, codes: found.map((v) => v.code).join('、') });
    }
    if (villageCode && acceptedOn && ctx.isLocked?.(villageCode, acceptedOn)) fail('acceptedOn', '受理日期', 'ledger.locked', { month: acceptedOn.slice(0, 7) });

    const categoryCode = categoryOf(get('category'));
    if (!categoryCode) fail('category', '纠纷类型', 'ledger.category.invalid', { value: get('category') });

    let applicants = splitNames(get('applicants'));
    let respondents = splitNames(get('respondents'));
    if (map.columns.parties !== undefined && applicants.length === 0 && respondents.length === 0) {
      const names = splitNames(get('parties'));
      applicants = names.slice(0, 1);
      respondents = names.slice(1);
    }
    const partiesColumn: Column = map.columns.parties !== undefined && map.columns.applicants === undefined ? 'parties' : 'applicants';
    if (applicants.length === 0) fail(partiesColumn, '申请人', 'ledger.parties.applicant');
    if (respondents.length === 0) fail(partiesColumn === 'parties' ? 'parties' : 'respondents', '被申请人', 'ledger.parties.respondent');
    if ([...applicants, ...respondents].some((n) => n.length > 50)) fail(partiesColumn, '申请人', 'ledger.parties.tooLong');

    const result = results[get('result')];
    if (!result) fail('result', '调解结果', 'ledger.result.invalid', { value: get('result') });

    const formText = get('form');
    const form = formText === '' ? null : (forms[formText] ?? undefined);
    if (form === undefined) fail('form', '协议形式', 'ledger.form.invalid', { value: formText });
    else if (result === '成功' && form === null) fail('form', '协议形式', 'ledger.form.required');
    else if (result && result !== '成功' && form !== null) fail('form', '协议形式', 'ledger.form.notSuccess');

    const amountRaw = parseAmount(get('amount'));
    const amountYuan = amountRaw === undefined ? undefined : map.amountInWan ? Math.round(amountRaw * 10_000 * 100) / 100 : amountRaw;
    if (amountYuan === undefined) fail('amount', '金额', 'ledger.amount.invalid', { value: get('amount') });
    else if (amountYuan > 0 && result && result !== '成功') fail('amount', '金额', 'ledger.amount.notSuccess');

    const sourceText = get('source');
    const source = sourceText === '' ? '申请' : sources[sourceText.replace(/\s+/g, '')];
    if (!source) fail('source', '案件来源', 'ledger.source.invalid', { value: sourceText });

    const closedText = get('closedOn');
    const closedOn = closedText === '' ? null : (parseLedgerDate(closedText) ?? undefined);
    if (closedOn === undefined) {
      const problem = dateProblem(closedText);
      fail('closedOn', '结案日期', problem.code, problem.params);
    }
    else if (closedOn !== null && acceptedOn && closedOn < acceptedOn) fail('closedOn', '结案日期', 'ledger.closedOn.beforeAccepted');
    else if (closedOn !== null && result === '未结') fail('closedOn', '结案日期', 'ledger.closedOn.open');

    const performanceText = get('performance');
    const performance = performances[performanceText];
    if (performance === undefined) fail('performance', '履行情况', 'ledger.performance.invalid', { value: performanceText });
    else if (performance !== null && result && result !== '成功') fail('performance', '履行情况', 'ledger.performance.notSuccess');

    const confirmationText = get('confirmation');
    const confirmation = confirmations[confirmationText];
    if (confirmation === undefined) fail('confirmation', '司法确认', 'ledger.confirmation.invalid', { value: confirmationText });
    else if (confirmation !== null && (result !== '成功' || form !== '书面')) fail('confirmation', '司法确认', 'ledger.confirmation.notWritten');

    if (ledgerNo !== '' && villageCode && acceptedOn) {
      const numberKey = `${villageCode.slice(0, 6)}:${acceptedOn.slice(0, 4)}:${ledgerNo}`;
      const first = seenNumbers.get(numberKey);
      if (first !== undefined) fail('ledgerNo', '序号', 'ledger.number.duplicate', { value: ledgerNo, first });
      else seenNumbers.set(numberKey, row);
    }
    const facts = get('facts');
    if (facts.length > 5000) fail('facts', '纠纷简要情况', 'validation.tooLong');

    if (!acceptedOn || !villageCode || !categoryCode || !result || form === undefined || amountYuan === undefined || !source
      || closedOn === undefined || applicants.length === 0 || respondents.length === 0 || performance === undefined || confirmation === undefined) return;
    const mediators = splitNames(get('mediators'));
    // 履行 and 司法确认 stay out of the key: they are noted later, and a ledger brought up to date with
    // them is still the same cases (already imported rows are skipped, never doubled).
    const content = [acceptedOn, villageCode, categoryCode, applicants.join('、'), respondents.join('、'), result, form ?? '', amountYuan, source,
      mediators.join('、'), facts, closedOn ?? ''].join('|');
    const n = (occurrences.get(content) ?? 0) + 1;
    occurrences.set(content, n);
    cases.push({
      row, ledgerNo, key: ledgerKey(villageCode, acceptedOn, ledgerNo, content, n), acceptedOn, villageCode, categoryCode, applicants, respondents, result, form,
      amountYuan, source, mediators, facts: facts === '' ? null : facts, closedOn, performance, confirmation,
    });
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, cases };
}

/**
 * The same ledger row always gets the same key, so importing a file twice (or a longer copy of
 * it, or the same rows in another order or format) never counts a case twice: the ledger's own
 * 序号 within its county and year of 受理 when it has one — so a corrected row is the same case —
 * otherwise the row's whole content and which identical row of the file it is.
 */
export function ledgerKey(villageCode: string, acceptedOn: string, ledgerNo: string, content: string, occurrence: number): string {
  return ledgerNo !== '' ? `no|${villageCode.slice(0, 6)}|${acceptedOn.slice(0, 4)}|${ledgerNo}` : `row|${content}|${occurrence}`;
}

/** 开鲁镇 → 开鲁; 科尔沁街道 → 科尔沁; so "开鲁" in a town column matches. */
const townBaseName = (name: string) => name.trim().replace(/(街道办事处|街道|镇|乡|苏木|农场|牧场)$/, '');
