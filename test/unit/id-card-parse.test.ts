// The ID-card front parser on line sets as an OCR engine returns them, slips included.
import { describe, expect, it } from 'vitest';
import { parseIdCardFront } from '../../src/shared/id-card/parse-front.ts';
import { idNumberCheckChar } from '../../src/shared/id-number.ts';

/** A made-up number with a correct check character. */
function makeId(first17: string): string {
  return first17 + idNumberCheckChar(first17);
}

const male = makeId('41152219850312341'); // 17th digit 1: 男
const female = makeId('34010219920708002'); // 17th digit 2: 女

describe('parseIdCardFront', () => {
  it('reads a clean front with a two-line address', () => {
    const r = parseIdCardFront(['姓名 王建国', '性别 男 民族 汉', '出生 1985 年 3 月 12 日', '住址 河南省信阳市光山县十里镇', '王湾村王湾组23号', `公民身份号码 ${male}`]);
    expect(r.name).toEqual({ value: '王建国', doubtful: false });
    expect(r.gender).toEqual({ value: '男', doubtful: false });
    expect(r.ethnicity).toEqual({ value: '汉', doubtful: false });
    expect(r.birthDate).toEqual({ value: '1985-03-12', doubtful: false });
    expect(r.address).toEqual({ value: '河南省信阳市光山县十里镇王湾村王湾组23号', doubtful: false });
    expect(r.idNumber).toEqual({ value: male, doubtful: false });
  });

  it('copes with glued labels, O for 0, a lower-case x and an address over three lines', () => {
    const id = makeId('52262719790101002'); // ends in X? computed below
    const noisy = id.replace(/0/g, 'O').replace(/X$/, 'x');
    const r = parseIdCardFront(['姓名杨秀英', '性别女民族苗', '出生1979年1月1日', '住址贵州省黔东南苗族侗族自治', '州从江县人民路', '18号', `公民身份号码${noisy}`]);
    expect(r.name.value).toBe('杨秀英');
    expect(r.gender).toEqual({ value: '女', doubtful: false });
    expect(r.ethnicity).toEqual({ value: '苗', doubtful: false });
    expect(r.birthDate).toEqual({ value: '1979-01-01', doubtful: false });
    expect(r.address.value).toBe('贵州省黔东南苗族侗族自治州从江县人民路18号');
    expect(r.idNumber).toEqual({ value: id, doubtful: false });
  });

  it('reads a check character X written as x', () => {
    // Find a made-up number whose check character is X.
    let first17 = '';
    for (let n = 0; n < 100; n++) {
      const candidate = `1101051990010${String(100 + n).padStart(3, '0')}1`;
      if (idNumberCheckChar(candidate) === 'X') { first17 = candidate; break; }
    }
    expect(first17).not.toBe('');
    const r = parseIdCardFront(['姓名 李四', '性别 男 民族 汉', '出生 1990年1月1日', '住址 北京市朝阳区某路1号', `公民身份号码 ${first17}x`]);
    expect(r.idNumber).toEqual({ value: `${first17}X`, doubtful: false });
  });

  it('takes the value from the next line when OCR split label and value', () => {
    const r = parseIdCardFront(['姓名', '阿依古丽·买买提', '性别', '女', '民族 维吾尔', '出生 1992 年 7 月 8 日', '住址', '安徽省合肥市瑶海区长江东路', '8号', '公民身份号码', female]);
    expect(r.name.value).toBe('阿依古丽·买买提');
    expect(r.gender.value).toBe('女');
    expect(r.ethnicity).toEqual({ value: '维吾尔', doubtful: false });
    expect(r.address.value).toBe('安徽省合肥市瑶海区长江东路8号');
    expect(r.idNumber.doubtful).toBe(false);
  });

  it('marks a wrong check digit, a mismatched birth date and sex, and an unknown 民族 as doubtful', () => {
    const wrong = male.slice(0, 17) + (male[17] === '0' ? '1' : '0');
    const r = parseIdCardFront(['姓名 王建国', '性别 男 民族 汊', '出生 1985 年 3 月 12 日', '住址 河南省信阳市光山县十里镇', `公民身份号码 ${wrong}`]);
    expect(r.idNumber).toEqual({ value: wrong, doubtful: true });
    expect(r.ethnicity.doubtful).toBe(true);

    const mismatch = parseIdCardFront(['姓名 陈静', '性别 男 民族 汉', '出生 1992 年 7 月 9 日', '住址 安徽省合肥市瑶海区长江东路8号', `公民身份号码 ${female}`]);
    expect(mismatch.idNumber.doubtful).toBe(false);
    expect(mismatch.gender).toEqual({ value: '男', doubtful: true });
    expect(mismatch.birthDate).toEqual({ value: '1992-07-09', doubtful: true });
  });

  it('falls back to the number for birth date and sex when they were not read, marked doubtful', () => {
    const r = parseIdCardFront(['姓名 陈静', '住址 安徽省合肥市瑶海区长江东路8号', `公民身份号码 ${female}`]);
    expect(r.birthDate).toEqual({ value: '1992-07-08', doubtful: true });
    expect(r.gender).toEqual({ value: '女', doubtful: true });
    expect(r.ethnicity).toEqual({ value: '', doubtful: true });
  });

  it('puts a 民族 read one character wrong right, and still marks it', () => {
    const r = parseIdCardFront(['姓名 邹玉燕', '性别 女 民族 维吾乐', '出生 1992 年 7 月 8 日', '住址 安徽省合肥市瑶海区长江东路8号', `公民身份号码 ${female}`]);
    expect(r.ethnicity).toEqual({ value: '维吾尔', doubtful: true });
  });
  it('snaps the 民族 to the nearest of the 56 names: a label remnant, a dropped 亻, a trailing 族', () => {
    const read = (nation: string) => parseIdCardFront(['姓名 邹玉燕', `性别 女 ${nation}`, '出生 1992 年 7 月 8 日', '住址 安徽省合肥市瑶海区长江东路8号', `公民身份号码 ${female}`]).ethnicity;
    expect(read('族汉')).toEqual({ value: '汉', doubtful: false });
    expect(read('民汉')).toEqual({ value: '汉', doubtful: false });
    expect(read('民族 蒙古族')).toEqual({ value: '蒙古', doubtful: false });
    expect(read('民族 么佬')).toEqual({ value: '仫佬', doubtful: true });
    expect(read('民族 乞佬')).toEqual({ value: '仡佬', doubtful: true });
    expect(read('民族 栗粟')).toEqual({ value: '傈僳', doubtful: true });
    expect(read('民族 柯尔克仔')).toEqual({ value: '柯尔克孜', doubtful: true });
    // Seen in the bench: a stray character beside the name, 内 for 门 (珞巴 is as many plain edits away).
    expect(read('民族 汉店')).toEqual({ value: '汉', doubtful: true });
    expect(read('民族 毛南餐')).toEqual({ value: '毛南', doubtful: true });
    expect(read('民族 内巴')).toEqual({ value: '门巴', doubtful: true });
    // Nothing near enough, or two names as near: left as read, for the mediator.
    expect(read('民族 天')).toEqual({ value: '天', doubtful: true });
    expect(read('民族 山地人')).toEqual({ value: '山地人', doubtful: true });
  });

  it('reads 民族 on its own line after a split 性别 line', () => {
    const r = parseIdCardFront(['姓名 王建国', '性别 男', '族汉', '出生 1985 年 3 月 12 日', '住址 河南省信阳市光山县十里镇', `公民身份号码 ${male}`]);
    expect(r.gender).toEqual({ value: '男', doubtful: false });
    expect(r.ethnicity).toEqual({ value: '汉', doubtful: false });
  });

  it('parses by the card\'s layout: an address that names a 民族 or says 民族 stays the address', () => {
    const r = parseIdCardFront(['姓名 包金花', '性别 女 民族 蒙古', '出生 1992 年 7 月 8 日', '住址 内蒙古自治区赤峰市喀喇沁旗', '民族乡团结村女儿沟组', '5号', `公民身份号码 ${female}`]);
    expect(r.ethnicity).toEqual({ value: '蒙古', doubtful: false });
    expect(r.gender).toEqual({ value: '女', doubtful: false });
    expect(r.address.value).toBe('内蒙古自治区赤峰市喀喇沁旗民族乡团结村女儿沟组5号');

    const s = parseIdCardFront(['姓名 吴德胜', '性别 男 民族 苗', '出生 1985 年 3 月 12 日', '住址 湖南省湘西土家族苗族', '自治州花垣县民族路8号', `公民身份号码 ${male}`]);
    expect(s.ethnicity).toEqual({ value: '苗', doubtful: false });
    expect(s.address.value).toBe('湖南省湘西土家族苗族自治州花垣县民族路8号');

    const t = parseIdCardFront(['姓名 白玉兰', '性别 女 民族 回', '出生 1992 年 7 月 8 日', '住址 河北省沧州市孟村回族自治县', '女子中学宿舍楼民族团结巷3号', `公民身份号码 ${female}`]);
    expect(t.ethnicity).toEqual({ value: '回', doubtful: false });
    expect(t.gender.value).toBe('女');
    expect(t.address.value).toBe('河北省沧州市孟村回族自治县女子中学宿舍楼民族团结巷3号');
  });
  it('finds the number in a run one digit too long (a piece of the label read as a digit)', () => {
    const r = parseIdCardFront(['姓名 陈静', '性别 女 民族 汉', '出生 1992 年 7 月 8 日', '住址 安徽省合肥市瑶海区长江东路8号', `公民身份号码 ${female[0]}${female}`]);
    expect(r.idNumber).toEqual({ value: female, doubtful: false });
    const glued = parseIdCardFront(['姓名 王建国', '性别 男 民族 汉', '出生 1985 年 3 月 12 日', '住址 河南省信阳市光山县十里镇', `公民身份号码 4 ${male}`]);
    expect(glued.idNumber).toEqual({ value: male, doubtful: false });
  });
});
