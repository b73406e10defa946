// Reading the national lists as several files at once (what the area import screen does before
// uploading): only the county's rows, problems named by file and line, a code in two files refused.
import { describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseDivisionFiles, parseDivisions, toDivisionsCsv } from '../../src/shared/divisions.ts';

const fixtures = '/work/shared/fixtures/divisions';
const kailu = readFileSync(`${fixtures}/150523-kailu.csv`, 'utf8');
const ours = (file: string) => {
  const lines = readFileSync(`${fixtures}/${file}`, 'utf8').split('\n');
  return [lines[0], ...lines.filter((l) => l.startsWith('150523'))].join('\n');
};

describe('several 统计用区划代码 files of one county', () => {
  test('areas.csv + streets.csv give the county and its towns, as the per-county extract has them', () => {
    const { areas, problems } = parseDivisionFiles([{ name: 'areas.csv', text: readFileSync(`${fixtures}/areas.csv`, 'utf8') }, { name: 'streets.csv', text: ours('streets.csv') }], '150523');
    expect(problems).toEqual([]);
    const extract = parseDivisions(kailu, '150523').areas.filter((a) => a.level !== 'village');
    expect(areas.map((a) => [a.code, a.level, a.parent]).sort()).toEqual(extract.map((a) => [a.code, a.level, a.parent]).sort());
  });

  test('the normalised CSV reads back to the same areas', () => {
    const { areas } = parseDivisions(kailu, '150523');
    expect(parseDivisions(toDivisionsCsv(areas), '150523')).toEqual({ areas, problems: [] });
  });

  test('problems name the file and the line; a code in two files is a problem of the second', () => {
    const bad = `code,name,level,parent\n150523,开鲁县,county,\n150523100,,town,150523\n`;
    const { problems } = parseDivisionFiles([{ name: 'a.csv', text: kailu }, { name: 'b.csv', text: bad }], '150523');
    expect(problems).toEqual([
      { file: 'b.csv', line: 3, code: 'divisions.name', params: { value: '150523100' } },
      { file: 'b.csv', line: 0, code: 'divisions.duplicate', params: { value: '150523' } },
      { file: 'b.csv', line: 0, code: 'divisions.duplicate', params: { value: '150523100' } },
    ]);
    expect(parseDivisionFiles([{ name: 'x.csv', text: 'code,name,cityCode,provinceCode\n110101,东城区,1101,11\n' }], '150523').problems).toEqual([
      { file: 'x.csv', line: 1, code: 'divisions.empty', params: { county: '150523' } },
    ]);
  });
});
