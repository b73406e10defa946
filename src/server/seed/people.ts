// Plausible residents of 开鲁县 for the demo: names, ages, phones and valid-looking 身份证号.
import { idNumberCheckChar } from '../../shared/id-number.ts';
import { creditCodeCheck } from '../../shared/credit-code.ts';
import type { Gender, Party } from '../../shared/case.ts';
import { int, pick, type Rand, seededUuid } from './random.ts';

const surnames = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '马', '朱', '胡', '郭', '何', '高', '林', '宝', '白', '包', '韩', '于', '董'];
const male = ['建国', '国强', '志刚', '海军', '永生', '立新', '春生', '宝山', '文军', '德胜', '巴特尔', '明', '伟', '军', '斌', '鹏', '振华', '玉林'];
const female = ['秀英', '桂兰', '淑珍', '玉梅', '丽娟', '红霞', '春燕', '其其格', '萨仁', '敏', '静', '芳', '海燕', '晓梅', '凤芝', '秀兰'];
const occupations = ['农民', '农民', '农民', '个体经营', '务工', '退休', '司机', '教师', '无业'];

export function personName(rand: Rand, gender: Gender): string {
  return pick(rand, surnames) + pick(rand, gender === '男' ? male : female);
}

function idNumber(rand: Rand, birthDate: string, gender: Gender): string {
  const order = int(rand, 10, 99).toString() + (gender === '男' ? pick(rand, [1, 3, 5, 7, 9]) : pick(rand, [0, 2, 4, 6, 8])).toString();
  const first17 = `150523${birthDate.replaceAll('-', '')}${order}`;
  return first17 + idNumberCheckChar(first17);
}

/**
 * A 身份证号 for a demo party who has none yet, drawn from `seed` (hex) instead of the random
 * stream so that giving one changes nothing else in the seeded year.
 */
export function derivedIdNumber(party: Pick<Party, 'birthDate' | 'gender'>, seed: string): string | undefined {
  if (!party.birthDate || !party.gender) return undefined;
  const n = parseInt(seed.slice(-3), 16);
  const order = String(10 + (n % 90)) + String(((n >> 4) % 5) * 2 + (party.gender === '男' ? 1 : 0));
  const first17 = `150523${party.birthDate.replaceAll('-', '')}${order}`;
  return first17 + idNumberCheckChar(first17);
}

export function party(rand: Rand, role: Party['role'], year: number, address: string, atMs: number): Party {
  const gender: Gender = rand() < 0.55 ? '男' : '女';
  const age = int(rand, 24, 78);
  const birthDate = `${year - age}-${String(int(rand, 1, 12)).padStart(2, '0')}-${String(int(rand, 1, 28)).padStart(2, '0')}`;
  return {
    id: seededUuid(rand, atMs),
    role,
    name: personName(rand, gender),
    gender,
    ethnicity: rand() < 0.8 ? '汉族' : '蒙古族',
    age,
    birthDate,
    occupation: pick(rand, occupations),
    phone: `1${pick(rand, ['39', '51', '58', '77', '86', '89'])}${String(int(rand, 0, 99_999_999)).padStart(8, '0')}`,
    address,
    ...(rand() < 0.6 ? { idNumber: idNumber(rand, birthDate, gender) } : {}),
  };
}

const firmWords = ['鑫源', '安居', '宏泰', '和顺', '丰盛', '兴旺', '金穗', '瑞达'];
const firmKinds: Record<string, string> = { '04': '粮贸有限公司', '10.1': '建筑工程有限公司', '14': '物业服务有限公司' };
const CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** Categories whose respondent may be a company: a grain buyer, a building contractor, a property manager. */
export const firmCategories: ReadonlySet<string> = new Set(Object.keys(firmKinds));

/**
 * A 单位 party (a company of the county) drawn from `seed` (hex), not from the random stream, so
 * turning a party into a company changes nothing else in the seeded year. Its 统一社会信用代码
 * is valid under GB 32100: 9 (工商) 1 (企业), the county's code, a 9-character 主体标识码, and the
 * check character.
 */
export function organisationParty(id: string, role: Party['role'], category: string, countyCode: string, town: string, seed: string): Party {
  const n = parseInt(seed.slice(-8), 16);
  const word = firmWords[n % firmWords.length] as string;
  let body = '';
  for (let i = 0, x = n; i < 8; i++, x = Math.floor(x / 7) + i * 13) body += CODE_ALPHABET[x % CODE_ALPHABET.length];
  const first17 = `91${countyCode}${body}${n % 10}`;
  const rep = `${surnames[n % surnames.length] as string}${male[(n >> 5) % male.length] as string}`;
  return {
    id, role, kind: '单位', name: `开鲁县${word}${firmKinds[category] ?? '有限公司'}`,
    legalRep: rep, creditCode: first17 + creditCodeCheck(first17),
    phone: `0475-${String(6_200_000 + (n % 99_999)).padStart(7, '0')}`, address: `开鲁县${town}${word}路${(n % 90) + 1}号`,
  };
}
