// The 56 民族 of China (GB/T 3304), the ones most mediators meet first, then the rest in the
// standard's order, then 其他 (an unrecognised group or a foreign national, written out by hand).
// One list for the party form, the server's check and the documents.

export const COMMON_ETHNICITIES = ['汉族', '蒙古族', '回族', '满族'] as const;

export const ETHNICITIES: readonly string[] = [
  ...COMMON_ETHNICITIES,
  '藏族', '维吾尔族', '苗族', '彝族', '壮族', '布依族', '朝鲜族', '侗族', '瑶族', '白族', '土家族', '哈尼族', '哈萨克族',
  '傣族', '黎族', '傈僳族', '佤族', '畲族', '高山族', '拉祜族', '水族', '东乡族', '纳西族', '景颇族', '柯尔克孜族', '土族',
  '达斡尔族', '仫佬族', '羌族', '布朗族', '撒拉族', '毛南族', '仡佬族', '锡伯族', '阿昌族', '普米族', '塔吉克族', '怒族',
  '乌孜别克族', '俄罗斯族', '鄂温克族', '德昂族', '保安族', '裕固族', '京族', '塔塔尔族', '独龙族', '鄂伦春族', '赫哲族',
  '门巴族', '珞巴族', '基诺族',
];

/** The last choice: the person writes the group out (or leaves it as 其他). */
export const OTHER_ETHNICITY = '其他';

export const isListedEthnicity = (x: string): boolean => ETHNICITIES.includes(x);

/** A 民族 as written elsewhere (an identity card prints "汉", "蒙古") as the list names it. */
export function listedEthnicity(x: string): string {
  const s = x.trim();
  return isListedEthnicity(s) ? s : isListedEthnicity(`${s}族`) ? `${s}族` : s;
}
