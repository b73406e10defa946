// How many A4 pages a document prints on, estimated from its content alone so the 卷内目录 页号 are
// deterministic and computable offline without a browser. The model mirrors print.css (sizes
// marked "pages.ts" there): text 14 pt, line 1.6, 174 × 257 mm of text per page, a running header
// on each page. Widths are counted in em: a CJK character is 1, an ASCII character about 0.55.
//
// It is an estimate, not a layout engine: test/e2e/documents.test.ts prints every sample document
// in Chromium and checks the estimate against the real page count and the 全卷 page numbers.

import type { DocumentModel, IdentityRow, PartyLine, Signer } from './types.ts';

const PT_PER_MM = 72 / 25.4;
const TEXT_WIDTH = 174 * PT_PER_MM; // 493 pt
const PAGE_HEIGHT = 257 * PT_PER_MM; // 728 pt
const RUNNING = 9 * 1.4 + 6.5 * PT_PER_MM + 0.5; // header line, its rule and the gap below
const TITLE = 22 * 1.4 + 5 * PT_PER_MM;
const CELL_PAD = 2 * 1.5 * PT_PER_MM + 0.75; // top + bottom padding and a border
const FORM_LABEL = 7.5; // em, th width

/** Width in em: CJK and full-width forms 1, ASCII ~0.55. */
export function textWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += ch.charCodeAt(0) < 0x2000 ? 0.55 : 1;
  return w;
}

/**
 * The layout of one body size (print.css: 14 pt, or 12 pt for .doc--compact). Everything in em
 * scales with it; the page, title, running header and cell padding are fixed in pt/mm.
 */
function layoutModel(BODY: number) {
  const LINE = BODY * 1.6;
  const PER_LINE = TEXT_WIDTH / BODY; // 35.2 em at 14 pt
  // The value cell: text width less the label column and both cells' padding and borders.
  const FORM_VALUE = (TEXT_WIDTH - FORM_LABEL * BODY - 4 * 2 * PT_PER_MM - 1.5) / BODY;
  const FORM_WIDE = (TEXT_WIDTH - 2 * 3 * PT_PER_MM - 1.5) / BODY; // a colspan cell (.doc-form-wide)
  const EM = BODY;

  /** Lines a paragraph takes at `width` em, the first line shortened by `indent` em. */
  function linesOf(text: string, width = PER_LINE, indent = 0): number {
    if (text === '') return 1;
    // Only whole CJK characters fit on a line, hence the floor.
    return Math.max(1, Math.ceil((textWidth(text) + indent) / Math.floor(width)));
  }

  const para = (text: string) => linesOf(text, PER_LINE, 2) * LINE;
  const paras = (text: string) => text.split(/\n+/).filter((s) => s.trim() !== '').reduce((h, s) => h + para(s.trim()), 0);
  const line = (text: string) => linesOf(text) * LINE;
  const item = (text: string) => linesOf(text, PER_LINE - 1.5, 0.5) * LINE;
  const GAP = 0.5 * EM;

  /** Fields that sit side by side wrap as whole "label：value" boxes (.doc-field, 1.2 em apart). */
  function fieldRow(widths: number[], width = PER_LINE): number {
    let lines = 1;
    let used = 0;
    for (const w of widths) {
      const need = Math.min(w, width);
      if (used > 0 && used + need > width) {
        lines += 1;
        used = 0;
      }
      used += need + 1.2;
    }
    return lines * LINE;
  }

  const field = (label: string, value: string, blank = 6) => textWidth(label) + 1 + (value === '' ? blank : textWidth(value));

  function partyBlock(l: PartyLine, width = PER_LINE): number {
    if (l.organisation) {
      return (
        fieldRow([field(l.role, l.name)], width) + fieldRow([field('法定代表人（负责人）', l.legalRep, 5), field('联系方式', l.phone, 8)], width) +
        fieldRow([field('统一社会信用代码', l.creditCode, 12)], width) + fieldRow([field('住所', l.address, 16)], width) + 0.25 * EM
      );
    }
    return (
      fieldRow([field(l.role, l.name), field('性别', l.gender, 2), field('民族', l.ethnicity, 3), field('年龄', l.age, 3)], width) +
      fieldRow([field('职业或职务', l.occupation), field('联系方式', l.phone, 8)], width) +
      fieldRow([field('单位或住址', l.address, 16), ...(l.employer !== '' ? [field('工作单位', l.employer)] : [])], width) +
      0.25 * EM
    );
  }

  /**
   * The .doc-signers grid, two a row 0.5 em apart: a person's block is the 16 mm fingerprint box
   * beside two lines, a 单位's has a third line for its 法定代表人 and may be taller than the box.
   */
  function signersHeight(signers: readonly Signer[]): number {
    // Text beside the 16 mm box in half the width (print.css .doc-signers, .doc-signer gap 0.8 em).
    const text = (PER_LINE - 1.5) / 2 - 16 * PT_PER_MM / EM - 0.8;
    const organisation = (s: Signer) =>
      (linesOf(`${s.role}：${s.name}`, text) + linesOf(`${s.mark}：`, text, 5) + linesOf(`${s.representative}：`, text, 4)) * LINE;
    const one = (s: Signer | undefined) => (s ? (s.representative === '' ? 16 * PT_PER_MM : Math.max(16 * PT_PER_MM, organisation(s))) : 0);
    let h = 0;
    for (let i = 0; i < signers.length; i += 2) h += Math.max(one(signers[i]), one(signers[i + 1])) + 0.5 * EM;
    return h;
  }

  /** One .doc-sign-row: items wrap 1.5 em apart, wrapped lines 0.6 em apart (margins not included). */
  function signRowHeight(items: number[]): number {
    let rows = 1;
    let used = 0;
    for (const w of items) {
      if (used > 0 && used + w > PER_LINE) {
        rows += 1;
        used = 0;
      }
      used += w + 1.5;
    }
    return rows * LINE + (rows - 1) * 0.6 * EM;
  }
  const sign = (label: string, blank: number) => textWidth(label) + 1 + blank;
  /** The seal corner's own height: 1.5 em room for the seal and two lines (its margin is separate). */
  const SEAL_BOX = 1.5 * EM + 2 * LINE;
  const SEAL = 1.2 * EM + SEAL_BOX;

  /**
   * The closing block (.doc-end): a gap, the read-back or declaration, signature rows and maybe the
   * seal. Vertical margins collapse: 0.6 em between rows, 1.2 em before the seal.
   */
  function endBlock(text: string, rows: number[][], withSeal: boolean, extra = 0): number {
    const signs = rows.reduce((h, items) => h + 0.6 * EM + signRowHeight(items), 0);
    return GAP + para(text) + signs + (withSeal ? SEAL : rows.length > 0 ? 0.6 * EM : 0) + extra;
  }

  /** A 2-column 表 row: label cell and value cell, the taller wins. */
  function formRow(label: string, valueLines: number, minHeight = 0): number {
    const labelLines = linesOf(label, FORM_LABEL);
    // A cell's CSS height (sign and 回访情况 cells) includes its padding.
    return Math.max(Math.max(labelLines, valueLines) * LINE + CELL_PAD, minHeight);
  }
  const formText = (text: string) => linesOf(text, FORM_VALUE);
  const formParas = (text: string) =>
    text.split(/\n+/).filter((s) => s.trim() !== '').reduce((n, s) => n + linesOf(s.trim(), FORM_VALUE, 2), 0);

  /**
   * A piece of the sheet flow: `split` text breaks between lines, `keep` moves whole to the next page
   * when it does not fit (table rows, signature blocks: print.css break-inside: avoid), `heading`
   * stays with the first line of what follows (break-after: avoid).
   */
  type Block = { type: 'split' | 'keep' | 'heading'; h: number };
  const split = (h: number): Block => ({ type: 'split', h });
  const keep = (h: number): Block => ({ type: 'keep', h });
  const heading = (): Block => ({ type: 'heading', h: LINE });
  const formKeep = (label: string, valueLines: number, minHeight = 0) => keep(formRow(label, valueLines, minHeight));
  const SIGN_CELL = 3.5 * EM;
  /** The last cell of a 表: signature lines, then the seal corner (a cell keeps its children's margins). */
  const signedSealCell = (items: number[]) => 4 * PT_PER_MM + 0.75 + 0.6 * EM + signRowHeight(items) + SEAL;

  function blocksOf(doc: DocumentModel): Block[] {
    switch (doc.kind) {
      case 'application': {
        const c = doc.content;
        return [
          ...[...c.applicants, ...c.respondents].map((l) => split(partyBlock(l))),
          heading(), split(paras(c.facts)), heading(), ...c.claims.map((s) => split(item(`1、${s}`))),
          keep(endBlock(c.declaration, c.applicants.map((a) => [sign(`申请人（签名盖章或按指印）${c.applicants.length > 1 ? ` ${a.name}` : ''}`, 7)]), false, LINE)),
        ];
      }
      case 'registration': {
        const c = doc.content;
        return [
          keep(linesOf(c.opening, FORM_WIDE) * LINE + 4 * PT_PER_MM + 0.75), formKeep('纠纷类型', 1),
          formKeep('案件来源', fieldRow(c.sources.map((s) => textWidth(s.label) + 1), FORM_VALUE) / LINE),
          formKeep('纠纷简要情况', formParas(c.facts)), formKeep('当事人（签名）', 0, SIGN_CELL),
          keep(signedSealCell([sign('登记人（签名）', 7)])), split(GAP + 0.3 * EM + linesOf(c.footnote) * LINE * 0.857),
        ];
      }
      case 'notice': {
        const c = doc.content;
        return [
          split(line(c.addressees.join('、') + '：') + para(c.intro)),
          ...c.sections.flatMap((s) => [heading(), ...s.items.map((i) => split(para(i)))]),
          keep(endBlock(c.acknowledgement, [c.signers.map((n) => sign(`${n}（签名、盖章或按指印）`, 5))], true)),
        ];
      }
      case 'investigation': {
        const c = doc.content;
        return [
          split(fieldRow([field('时间', c.at), field('地点', c.place)]) + fieldRow([field('调查人', c.investigators.join('、')), field('记录人', '')]) +
            line(`被调查人：${c.subject}`) + line(`事由：${c.matter}`)),
          heading(), split(paras(c.content)),
          keep(endBlock(c.readBack, [[sign('被调查人（签名）', 5), sign('调查人（签名）', 5), sign('记录人（签名）', 5)]], false)),
        ];
      }
      case 'session': {
        const c = doc.content;
        return [
          split(line(`时间：${c.at}`) + line(`地点：${c.place}`) + line(`事由：${c.matter}`) + line(`参加人：${c.participants.join('、') || '无'}`) +
            line(`当事人：${c.parties.join('、')}`) + fieldRow([field('人民调解员', c.mediators.join('、')), field('记录人', c.recorder)])),
          heading(), split(para(c.opening)), split(para(c.risks)), ...c.notes.map((s) => split(para(s))), ...c.statements.map((s) => split(para(`${s.partyName}陈述：${s.text}`))),
          split(para(`调解结果：${c.result}`)), ...c.closing.map((s) => split(para(s))),
          keep(endBlock(c.readBack, [
            c.parties.map((n) => sign(`${n}（签名、盖章或按指印）`, 5)),
            [sign('人民调解员（签名）', 5), ...(c.participants.length > 0 ? [sign('参加人（签名）', 5)] : []), sign('记录人（签名）', 5)],
          ], true)),
        ];
      }
      case 'agreement':
        return agreementBlocks(doc.content);
      case 'oral-agreement': {
        const c = doc.content;
        const partiesLines = c.parties.reduce((h, l) => h + partyBlock(l, FORM_VALUE), 0) / LINE;
        return [
          formKeep('编号', formText(c.number)), formKeep('当事人', partiesLines), formKeep('纠纷主要事实', formParas(c.facts)),
          formKeep('协议内容', [...c.terms, ...c.money, ...(c.amount !== '' ? [c.amount] : [])].reduce((n, s) => n + linesOf(`一、${s}`, FORM_VALUE - 1.5, 0.5), 0)),
          formKeep('履行方式、时限', formText(c.performance) + (c.choice !== '' ? formText(c.choice) : 0)), formKeep('达成协议日期', 1),
          keep(signedSealCell([sign('人民调解员（签名）', 7), sign('登记人（签名）', 7)])), split(GAP),
        ];
      }
      case 'visit': {
        const c = doc.content;
        return [
          formKeep('当事人', formText(c.person)), formKeep('调解协议编号', formText(c.number)), formKeep('回访事由', formText(c.matter)),
          formKeep('回访情况', c.situation.reduce((n, s) => n + linesOf(s, FORM_VALUE, 2), 0), 12 * EM),
          formKeep('回访人（签名）', 0, SIGN_CELL), formKeep('回访时间', 1), split(GAP),
        ];
      }
      case 'cover':
        // A fixed layout: committee, 调解卷宗 and eight ruled lines always fit one sheet.
        return [keep(PAGE_HEIGHT / 2)];
      case 'contents':
        return [...Array.from({ length: doc.content.rows.length + 1 }, () => keep(LINE + CELL_PAD)), split(GAP + LINE)];
      case 'confirmation':
        return []; // three sheets, see estimatePages
      case 'explanation': {
        const c = doc.content;
        return [
          ...c.paragraphs.map((text) => split(para(text))),
          // .doc-end: one 说明人 line, then the committee's seal corner.
          keep(GAP + 0.6 * EM + signRowHeight([sign('说明人（签名）', 7)]) + SEAL),
        ];
      }
      case 'court-result':
      case 'court-ending': {
        // A letter: the addressee, its paragraphs and terms, the close, 承办法官, the seal corner.
        const c = doc.content;
        return [
          split(line(c.addressee) + para(c.opening)), ...c.paragraphs.map((text) => split(para(text))), ...c.terms.map((text) => split(para(text))),
          split(paras(c.closing)), keep(GAP + (c.attachment !== '' ? LINE : 0) + LINE + SEAL),
        ];
      }
      case 'back-cover': {
        // The 备考表: 本卷情况说明 in a tall cell, two cells to sign and two dates.
        const c = doc.content;
        return [
          formKeep('本卷情况说明', c.summary.reduce((n, s) => n + linesOf(s, FORM_VALUE, 2), 0), 12 * EM),
          formKeep('立卷人', 1, SIGN_CELL), formKeep('检查人', 1, SIGN_CELL), formKeep('立卷时间', 1), formKeep('检查时间', 1), split(GAP),
        ];
      }
    }
  }

  function agreementBlocks(c: Extract<DocumentModel, { kind: 'agreement' }>['content']): Block[] {
    return [
      split(LINE), ...c.parties.map((l) => split(partyBlock(l))),
      heading(), split(paras(c.facts)),
      ...(c.disputes.length > 0 ? [split(para(`争议事项：${c.disputes.map((d, i) => `${i + 1}. ${d}`).join('；')}`))] : []),
      ...(c.liability !== '' ? [split(para(`各方当事人的责任：${c.liability}`))] : []),
      heading(), ...c.terms.map((s) => split(para(`一、${s}`))),
      ...(c.money.length > 0 ? [heading(), ...c.money.map((s) => split(para(`一、${s}`)))] : []),
      ...(c.amount !== '' ? [split(para(c.amount))] : []),
      heading(), split(para(`履行方式：${c.performanceMethod}；${c.performanceDeadline}${c.performancePlace !== '' ? `；${c.performancePlace}` : ''}`)),
      keep(GAP + para(c.copies) + para(c.effect) + LINE + signersHeight(c.signers) - 0.5 * EM + 0.3 * EM +
        0.6 * EM + signRowHeight([sign('人民调解员（签名）', 6), sign('记录人（签名）', 6)]) + SEAL),
    ];
  }

  /** Lays the blocks out on pages as Chromium does: lines never split, kept blocks move whole. */
  function paginate(blocks: readonly Block[]): number {
    const perPage = PAGE_HEIGHT - RUNNING;
    const linesPerPage = Math.floor(perPage / LINE);
    let pages = 1;
    let used = TITLE;
    for (const b of blocks) {
      const room = perPage - used;
      if (b.h <= room && (b.type !== 'heading' || b.h + LINE <= room)) {
        used += b.h;
      } else if (b.type === 'split') {
        // Whole lines on this page, the rest on the following ones.
        let rest = b.h - Math.max(0, Math.floor(room / LINE)) * LINE;
        pages += 1;
        while (rest > perPage) {
          rest -= linesPerPage * LINE;
          pages += 1;
        }
        used = rest;
      } else {
        // A heading or kept block that does not fit starts the next page (taller than a page: it breaks).
        pages += 1;
        used = b.h;
        while (used > perPage) {
          used -= perPage;
          pages += 1;
        }
      }
    }
    return pages;
  }

  /** 司法确认: four sheets — the joint 申请书, 清单 with the parties' particulars, the 协议书, the 证明. */
  function confirmationPages(c: Extract<DocumentModel, { kind: 'confirmation' }>['content']): number {
    // One party's table (5 rows, a 单位's 4; print.css: break-inside: avoid) and the gap after it.
    // A 单位's labels (法定代表人（负责人）, 统一社会信用代码) take two lines in the label column.
    const identity = (r: IdentityRow) => [keep(r.organisation ? 6 * LINE + 4 * CELL_PAD : 5 * (LINE + CELL_PAD)), split(0.8 * EM)];
    const list = [
      heading(), ...c.materials.map((m) => split(item(m))), split(GAP + para(c.deadline) + LINE), heading(),
      ...c.identities.flatMap(identity),
    ];
    const certificate = [split(GAP + para(c.certificate.body) + LINE), keep(SEAL + GAP)];
    const app = c.application;
    const application = [
      heading(), ...app.applicants.flatMap(identity), heading(), split(para(app.request)), heading(), split(para(app.facts)),
      heading(), ...app.promises.map((m) => split(item(m))), split(line('此致') + line(app.court || '人民法院')),
      keep(GAP + signersHeight(app.signers) + LINE),
    ];
    return paginate(application) + paginate(list) + paginate(agreementBlocks(c.agreement)) + paginate(certificate);
  }

  return (doc: DocumentModel) => (doc.kind === 'confirmation' ? confirmationPages(doc.content) : paginate(blocksOf(doc)));
}

const standard = layoutModel(14);
const compact = layoutModel(12);

/** The 告知书 is set in 小四 (12 pt) so the statutory text and the signatures share one sheet. */
export const isCompact = (kind: DocumentModel['kind']): boolean => kind === 'notice';

export function estimatePages(doc: DocumentModel): number {
  return (isCompact(doc.kind) ? compact : standard)(doc);
}
