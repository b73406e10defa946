// Generated 居民身份证 photos for the accuracy bench (test/bench/idcard.bench.ts) and the
// end-to-end tests: made-up people with a 民族, a birth date, a real address from the national
// 统计用区划代码 the server ships (src/server/divisions/data/) and a 身份证号 with a valid check
// digit, drawn with the CJK fonts of the machine in Chromium, then photographed badly: on a
// table, turned up to 15°, blurred, lit unevenly and saved as a noisy JPEG. Seeded, so a run is
// repeatable; nothing is kept in the repository.
import type { BrowserContext } from 'playwright-core';
import { nationalChildren, nationalCounty } from '../../src/server/divisions/national.ts';
import { ETHNIC_GROUPS } from '../../src/shared/id-card/ethnic-groups.ts';
import { idNumberCheckChar } from '../../src/shared/id-number.ts';
import { mulberry32 as seeded, type Rand } from '../../src/server/seed/random.ts';

export interface CardPerson {
  name: string;
  gender: '男' | '女';
  ethnicity: string;
  /** ISO date. */
  birthDate: string;
  address: string;
  idNumber: string;
  idIssuer: string;
  idValidity: string;
}

export interface Distortion {
  /** Degrees, clockwise. */
  angle: number;
  /** CSS blur radius in card pixels. */
  blur: number;
  /** 0 = even light; up to 0.5 = one corner half as bright. */
  shade: number;
  /** JPEG quality 0–100. */
  quality: number;
  /** Amplitude of the grain added before saving, 0–255. */
  grain: number;
}


const pick = <T>(rand: Rand, xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '高', '林', '罗', '郑', '梁', '谢', '宋', '唐', '许', '韩', '冯', '邓', '曹', '彭', '曾', '萧', '田', '董', '潘', '袁', '蔡', '蒋', '余', '于', '杜', '叶', '程', '魏', '苏', '吕', '丁', '任', '卢', '姚', '沈', '钟', '姜', '崔', '谭', '陆', '范', '汪', '廖', '石', '金', '韦', '贾', '夏', '付', '方', '邹', '熊', '白', '孟', '秦', '邱', '侯', '江', '尹', '薛', '闫', '段', '雷', '龙', '黎', '史', '陶', '贺', '毛', '郝', '顾', '龚', '邵', '万', '覃', '武', '钱', '戴', '严', '欧阳', '司马'];
const GIVEN = [...'伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超霞平刚桂兰玉萍红梅鑫波斌宇浩凯建国华志文春燕海燕丹晨阳子涵欣怡梓轩雨婷佳琪思远德胜福贵淑珍凤琴翠花永福长江振华宏伟婉清若曦嘉怡俊杰'];

function personName(rand: Rand): string {
  const given = Array.from({ length: rand() < 0.35 ? 1 : 2 }, () => pick(rand, GIVEN)).join('');
  return pick(rand, SURNAMES) + given;
}

function ethnicity(rand: Rand): string {
  return rand() < 0.6 ? '汉' : pick(rand, ETHNIC_GROUPS);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A village's name as an address prints it: 王湾村委会 → 王湾村, 银闸社区居委会 → 银闸社区. */
const villagePart = (name: string) =>
  name.replace(/(村民委员会|村委会)$/, '村').replace(/(居民委员会|居委会)$/, '').replace(/委员会$/, '').replace(/村村$/, '村');

const NON_NAMES = new Set(['市辖区', '县', '省直辖县级行政区划', '自治区直辖县级行政区划']);

/** A real county with a town and a village, and a house number; at most 33 characters (3 lines). */
function address(rand: Rand): { county: string; countyName: string; text: string } {
  for (;;) {
    const province = pick(rand, nationalChildren());
    const city = pick(rand, nationalChildren(province.code));
    const counties = nationalChildren(city.code);
    if (counties.length === 0) continue;
    const county = pick(rand, counties);
    const below = nationalCounty(county.code) ?? [];
    const towns = below.filter((a) => a.level === 'town');
    if (towns.length === 0) continue;
    const town = pick(rand, towns);
    const villages = below.filter((a) => a.parent === town.code);
    const village = villages.length > 0 ? villagePart(pick(rand, villages).name) : '';
    const house = rand() < 0.5 ? `${1 + Math.floor(rand() * 12)}组${1 + Math.floor(rand() * 99)}号` : `${1 + Math.floor(rand() * 300)}号`;
    const head = province.name + (NON_NAMES.has(city.name) ? '' : city.name) + county.name + town.name;
    const text = [head + village + house, head + house].find((x) => x.length <= 33);
    if (text) return { county: county.code, countyName: county.name, text };
  }
}

export function makePerson(rand: Rand): CardPerson {
  const gender = rand() < 0.5 ? '男' : '女';
  const year = 1940 + Math.floor(rand() * 66);
  const month = 1 + Math.floor(rand() * 12);
  const day = 1 + Math.floor(rand() * 28);
  const where = address(rand);
  // 顺序码: odd for men, even for women (GB 11643).
  const order = Math.floor(rand() * 500) * 2 + (gender === '男' ? 1 : 0);
  const first17 = `${where.county}${year}${pad(month)}${pad(day)}${String(order).padStart(3, '0')}`;
  const issued = Math.min(2024, year + 16 + Math.floor(rand() * 40));
  const age = issued - year;
  // 居民身份证法 Art 5: under 16 five years, 16–25 ten, 26–45 twenty, from 46 长期.
  const span = age < 26 ? 10 : age < 46 ? 20 : 0;
  const from = `${issued}.${pad(1 + Math.floor(rand() * 12))}.${pad(1 + Math.floor(rand() * 28))}`;
  return {
    name: personName(rand),
    gender,
    ethnicity: ethnicity(rand),
    birthDate: `${year}-${pad(month)}-${pad(day)}`,
    address: where.text,
    idNumber: first17 + idNumberCheckChar(first17),
    idIssuer: `${where.countyName}公安局`,
    idValidity: span === 0 ? `${from}-长期` : `${from}-${Number(from.slice(0, 4)) + span}${from.slice(4)}`,
  };
}

/** Up to 15°, some blur, uneven light, JPEG noise; `mild` keeps each lower for the exact tests. */
export function makeDistortion(rand: Rand, mild = false): Distortion {
  const k = mild ? 0.25 : 1;
  return {
    angle: (rand() * 2 - 1) * 15 * k,
    blur: rand() * 1.2 * k,
    shade: rand() * 0.5 * k,
    quality: Math.round(mild ? 80 + rand() * 12 : 35 + rand() * 50),
    grain: rand() * 24 * k,
  };
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
const lines = (s: string, n: number) => s.match(new RegExp(`.{1,${n}}`, 'gu')) ?? [];

const LABEL = 'color:#2b6ea8;font-size:23px;letter-spacing:5px;margin-right:20px;white-space:nowrap';
const VALUE = "font-size:29px;color:#111;font-family:'Noto Serif CJK SC','Noto Sans CJK SC',serif";

function frontHtml(p: CardPerson): string {
  const [y, m, d] = p.birthDate.split('-').map(Number);
  return `
    <div style="margin-bottom:24px"><span style="${LABEL}">姓名</span><span style="${VALUE}">${esc(p.name)}</span></div>
    <div style="margin-bottom:24px"><span style="${LABEL}">性别</span><span style="${VALUE};margin-right:64px">${p.gender}</span>
      <span style="${LABEL}">民族</span><span style="${VALUE}">${esc(p.ethnicity)}</span></div>
    <div style="margin-bottom:24px"><span style="${LABEL}">出生</span><span style="${VALUE}">${y}&nbsp;年&nbsp;${m}&nbsp;月&nbsp;${d}&nbsp;日</span></div>
    <div style="display:flex"><span style="${LABEL}">住址</span><span style="${VALUE};line-height:40px">${lines(p.address, 11).map(esc).join('<br>')}</span></div>
    <div style="position:absolute;left:46px;bottom:40px"><span style="${LABEL}">公民身份号码</span>
      <span style="${VALUE};font-size:31px;letter-spacing:3px;font-family:'Noto Sans Mono CJK SC',monospace">${p.idNumber}</span></div>
    <div style="position:absolute;right:50px;top:62px;width:200px;height:250px;background:linear-gradient(#d4dbe2,#b9c4ce);border-radius:6px"></div>`;
}

function backHtml(p: CardPerson): string {
  return `
    <div style="position:absolute;left:56px;top:44px;width:110px;height:110px;border-radius:50%;background:radial-gradient(#e8c04a,#c0392b)"></div>
    <div style="position:absolute;left:230px;top:70px;font-size:38px;letter-spacing:10px;color:#222;font-family:'Noto Sans CJK SC',sans-serif">中华人民共和国</div>
    <div style="position:absolute;left:200px;top:150px;font-size:60px;letter-spacing:14px;color:#222;font-family:'Noto Sans CJK SC',sans-serif;font-weight:700">居民身份证</div>
    <div style="position:absolute;left:150px;top:360px"><span style="${LABEL}">签发机关</span><span style="${VALUE}">${esc(p.idIssuer)}</span></div>
    <div style="position:absolute;left:150px;top:430px"><span style="${LABEL}">有效期限</span><span style="${VALUE};font-family:'Noto Sans CJK SC',sans-serif">${p.idValidity}</span></div>`;
}

/** One side of the card as a phone photo (JPEG), made in a fresh page of `context`. */
export async function photograph(context: BrowserContext, p: CardPerson, side: 'front' | 'back', d: Distortion, seed: number): Promise<Buffer> {
  const page = await context.newPage();
  try {
    await page.setViewportSize({ width: 1100, height: 800 });
    await page.setContent(`<!doctype html><html><body style="margin:0">
      <div id="photo" style="width:1100px;height:800px;position:relative;overflow:hidden;background:linear-gradient(160deg,#8a6d4e,#6e553b 70%,#7d6247)">
        <div style="position:absolute;left:122px;top:130px;width:856px;height:540px;transform:rotate(${d.angle}deg);filter:blur(${d.blur}px)">
          <div style="width:856px;height:540px;box-sizing:border-box;padding:42px 46px;position:relative;border-radius:26px;
            background:linear-gradient(135deg,#e9f0f7,#f8fafc 55%,#e4edf5);box-shadow:0 6px 18px rgba(0,0,0,.45)">
            ${side === 'front' ? frontHtml(p) : backHtml(p)}
          </div>
        </div>
        <div style="position:absolute;inset:0;background:linear-gradient(${Math.round(seed * 137) % 360}deg,rgba(0,0,0,${d.shade}),rgba(0,0,0,0) 70%)"></div>
        <canvas id="grain" width="1100" height="800" style="position:absolute;inset:0;mix-blend-mode:overlay"></canvas>
      </div></body></html>`);
    await page.evaluate(
      ({ grain, seed }) => {
        const canvas = document.getElementById('grain') as HTMLCanvasElement;
        const ctx = canvas.getContext('2d');
        if (!ctx) return;
        const img = ctx.createImageData(canvas.width, canvas.height);
        let s = seed >>> 0;
        for (let i = 0; i < img.data.length; i += 4) {
          s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
          const v = 128 + ((s / 4294967296) * 2 - 1) * grain;
          img.data[i] = img.data[i + 1] = img.data[i + 2] = v;
          img.data[i + 3] = 255;
        }
        ctx.putImageData(img, 0, 0);
      },
      { grain: d.grain, seed },
    );
    // A value's style is written inside a double-quoted attribute: a double quote in it would cut
    // the style short (its font, the number's spacing, the address's line height all lost), as it
    // once did for every card. Refuse to photograph a card drawn that way.
    const unstyled = await page.evaluate(() => [...document.querySelectorAll('span')].filter((s) => (s.getAttribute('style') ?? '').startsWith('font-size:29px') && s.style.fontFamily === '').length);
    if (unstyled > 0) throw new Error(`card markup: ${unstyled} value(s) lost their style (a quote inside style="…"?)`);
    await page.evaluate(() => document.fonts.ready);
    return await page.locator('#photo').screenshot({ type: 'jpeg', quality: d.quality });
  } finally {
    await page.close();
  }
}

export interface GeneratedCard {
  seed: number;
  person: CardPerson;
  distortion: Distortion;
}

/** `count` people with their distortions, the same for the same seed. */
export function makeCards(count: number, seed: number, mild = false): GeneratedCard[] {
  const rand = seeded(seed);
  return Array.from({ length: count }, (_, i) => ({ seed: seed * 1000 + i, person: makePerson(rand), distortion: makeDistortion(rand, mild) }));
}

