// The 卷宗 document models (司法部 2010 人民调解文书格式, domain.md §2). A model holds exactly what
// the printed page shows, already formatted as Chinese text ('' = a blank left for the pen), so the
// integrity code over `content` covers what the parties sign and nothing else.

import type { MessageKey, MessageParams } from '../i18n/index.ts';

export const docKinds = [
  'application', 'registration', 'notice', 'investigation', 'session', 'agreement', 'oral-agreement', 'visit',
  'cover', 'contents', 'confirmation', 'explanation', 'back-cover', 'court-result', 'court-ending',
] as const;
export type DocKind = (typeof docKinds)[number];

/** Kinds with one document per event; their ids carry a 1-based number: `session-2`. */
export const perEventKinds = ['investigation', 'session', 'visit'] as const satisfies readonly DocKind[];
export type PerEventKind = (typeof perEventKinds)[number];

/** The 申请人/被申请人 block of 申请书, 协议书 and 口头协议登记表 (姓名 性别 民族 年龄 职业 联系方式 住址). */
export interface PartyLine {
  role: '申请人' | '被申请人';
  /**
   * A 单位 prints 名称, 法定代表人（负责人）, 统一社会信用代码 and 住所 instead of a person's
   * particulars (a flag, not the word: the model holds only what the page prints).
   */
  organisation: boolean;
  name: string;
  gender: string;
  ethnicity: string;
  /** "45岁" */
  age: string;
  occupation: string;
  phone: string;
  address: string;
  /** 工作单位 of a person ('' = not printed). */
  employer: string;
  legalRep: string;
  creditCode: string;
}

export interface ApplicationContent {
  applicants: PartyLine[];
  respondents: PartyLine[];
  facts: string;
  claims: string[];
  /** Names the committee: "示例村人民调解委员会已将申请人民调解的相关规定告知我…" */
  declaration: string;
  date: string;
}

export interface RegistrationContent {
  committee: string;
  /** "2026年11月2日，本人民调解委员会经当事人同意，调解张三、李四之间的纠纷。" */
  opening: string;
  category: string;
  sources: { label: string; checked: boolean }[];
  facts: string;
  date: string;
  footnote: string;
}

export interface NoticeContent {
  committee: string;
  addressees: string[];
  intro: string;
  sections: { heading: string; items: string[] }[];
  acknowledgement: string;
  signers: string[];
  date: string;
}

export interface InvestigationContent {
  at: string;
  place: string;
  matter: string;
  investigators: string[];
  subject: string;
  content: string;
  readBack: string;
}

export interface SessionContent {
  committee: string;
  at: string;
  place: string;
  matter: string;
  participants: string[];
  parties: string[];
  mediators: string[];
  recorder: string;
  /** Fixed opening: 告知权利义务, 调解员身份 and method (MBA智库 要点 1–2). */
  opening: string;
  /** 告知调解结果的风险: what keeping or breaking the outcome means for the parties. */
  risks: string;
  /** 公开/不公开 (Art 23) and, on the last session, 已报告公安机关 (Art 25); empty when not recorded. */
  notes: string[];
  statements: { partyName: string; text: string }[];
  result: string;
  /** 调解不成: reason and the routes left (Art 26); empty otherwise. */
  closing: string[];
  readBack: string;
  /** The session's date, under the committee seal. */
  date: string;
}

/** A party's place to sign: a person signs or seals or presses a finger; an organisation seals. */
export interface Signer {
  role: string;
  name: string;
  /** "签名（盖章）或按指印", or "盖章" with a line for the 法定代表人 of an organisation. */
  mark: string;
  /** 法定代表人（签名）, for an organisation party; '' for a person. */
  representative: string;
}

export interface AgreementContent {
  committee: string;
  /** 编号 = the case number (same number on the 回访记录). */
  number: string;
  parties: PartyLine[];
  facts: string;
  disputes: string[];
  /** 各方当事人的责任 (Art 29); '' when the mediator recorded none. */
  liability: string;
  terms: string[];
  /** Each payment in full: who, to whom, the sum in figures and 大写, how, by when, where. */
  money: string[];
  /** "协议涉及金额：人民币50,000.00元（大写：人民币伍万元整）"; '' without money. */
  amount: string;
  performanceMethod: string;
  performanceDeadline: string;
  /** "履行地点：…"; '' when the agreement names none (its payments carry their own). */
  performancePlace: string;
  /** "本协议一式三份，当事人、人民调解委员会各持一份。" */
  copies: string;
  effect: string;
  /** One signature block per party, in party order. */
  signers: Signer[];
  date: string;
}

export interface OralAgreementContent {
  committee: string;
  number: string;
  parties: PartyLine[];
  facts: string;
  terms: string[];
  money: string[];
  amount: string;
  performance: string;
  /** The recorded Art 34 choice ("已告知应采用书面协议，当事人选择口头协议"); '' when not needed. */
  choice: string;
  date: string;
}

export interface VisitContent {
  person: string;
  number: string;
  matter: string;
  situation: string[];
  date: string;
}

export interface CoverContent {
  committee: string;
  volumeName: string;
  volumeNo: string;
  mediators: string;
  from: string;
  to: string;
  archivist: string;
  archivedOn: string;
  retention: string;
  remarks: string;
}

/** 卷宗情况说明 (item 12): what the mediator wrote to explain the file, paragraph by paragraph. */
export interface ExplanationContent {
  committee: string;
  paragraphs: string[];
  /** The day of the latest paragraph. */
  date: string;
}

/** 封底 (item 13), laid out as the county templates' 备考表. '' = a blank left for the pen. */
export interface BackCoverContent {
  /** 本卷情况说明: 本卷共 N 件 N 页 (其中照片 N 张), withdrawn photos, papers lacking, where the 情况说明 is. */
  summary: string[];
  archivist: string;
  checker: string;
  archivedOn: string;
  checkedOn: string;
}

export interface ContentsRow {
  seq: number;
  title: string;
  /** "3" or "3-4"; '' for an item without pages. */
  pages: string;
  note: string;
}

export interface ContentsContent {
  rows: ContentsRow[];
  note: string;
}

export interface IdentityRow {
  role: string;
  /** A 单位: 名称, 法定代表人, 信用代码 and 住所 instead of a person's identity. */
  organisation: boolean;
  name: string;
  gender: string;
  ethnicity: string;
  birthDate: string;
  idNumber: string;
  address: string;
  phone: string;
  legalRep: string;
  creditCode: string;
}

/** 司法确认申请书 (2011 规定 Art 3): filed by both parties together, each signs. */
export interface ConfirmationApplication {
  applicants: IdentityRow[];
  request: string;
  facts: string;
  /** The parties' promises the court asks for (2011 规定 Art 3; 民诉法解释 Art 352 commitments). */
  promises: string[];
  court: string;
  signers: Signer[];
}

export interface ConfirmationContent {
  /** The joint application, first paper of the package. */
  application: ConfirmationApplication;
  materials: string[];
  deadline: string;
  /** The court already applied to (the case's 司法确认), else null: the form leaves a blank. */
  court: string | null;
  agreement: AgreementContent;
  certificate: { title: string; body: string; committee: string; date: string };
  identities: IdentityRow[];
}

/** 调解结果告知函 / 调解终结说明: the committee's letter back to the court (诉调对接, court.ts). */
export interface CourtReturnContent {
  committee: string;
  /** "某某县人民法院：" */
  addressee: string;
  /** Who referred what, when, and when the committee took it in. */
  opening: string;
  /** The agreement (告知函) or the ending (终结说明), paragraph by paragraph. */
  paragraphs: string[];
  /** The agreement's terms, numbered on the page; empty for 终结说明. */
  terms: string[];
  closing: string;
  /** "附：人民调解协议书（复印件）一份"; '' when nothing is attached. */
  attachment: string;
  judge: string;
  date: string;
}

interface DocOf<K extends DocKind, C> {
  kind: K;
  /** Route id: the kind, or `session-2` for per-event kinds. */
  id: string;
  title: string;
  caseLabel: string;
  /** `3F2A-91C0`: SHA-256 over the canonical {kind, caseLabel, content}. */
  integrityCode: string;
  /** Estimated printed A4 pages (pages.ts); feeds the 卷内目录 页号. */
  pages: number;
  /** Shown on screen only, never printed (e.g. 司法确认 may be refused for this category). */
  warnings: MessageKey[];
  content: C;
}

export type DocumentModel =
  | DocOf<'application', ApplicationContent>
  | DocOf<'registration', RegistrationContent>
  | DocOf<'notice', NoticeContent>
  | DocOf<'investigation', InvestigationContent>
  | DocOf<'session', SessionContent>
  | DocOf<'agreement', AgreementContent>
  | DocOf<'oral-agreement', OralAgreementContent>
  | DocOf<'visit', VisitContent>
  | DocOf<'cover', CoverContent>
  | DocOf<'contents', ContentsContent>
  | DocOf<'confirmation', ConfirmationContent>
  | DocOf<'explanation', ExplanationContent>
  | DocOf<'back-cover', BackCoverContent>
  | DocOf<'court-result', CourtReturnContent>
  | DocOf<'court-ending', CourtReturnContent>;

export type DocumentOf<K extends DocKind> = Extract<DocumentModel, { kind: K }>;
export type ContentOf<K extends DocKind> = DocumentOf<K>['content'];

/** A field the document needs and the case lacks, with where to fill it in. */
export interface MissingField {
  field: string;
  messageKey: MessageKey;
  params?: MessageParams;
  fixPath: string;
}

export type BuildResult = { ok: true; doc: DocumentModel } | { ok: false; missing: MissingField[] };

/** What a content builder returns: the printed content, or what is missing. */
export type Built<C> = { content: C; warnings?: MessageKey[] } | { missing: MissingField[] };

/** Papers in the 卷宗 the app does not write (ID copies, evidence, receipts…): their page counts. */
export type AttachmentKind = 'identity' | 'authorization' | 'evidence' | 'receipts' | 'confirmation';

export interface DocumentOptions {
  /** Today's date where the mediator is (ISO); injected so models stay pure. */
  today: string;
  /** 1-based number of the event for per-event kinds (default 1). */
  index?: number;
  /** 保管期限; default DEFAULT_RETENTION. */
  retention?: string;
  /** 立卷人; default the first mediator. */
  archivist?: string;
  /** 检查人 on the 封底; a blank for the pen when not given. */
  checker?: string;
  remarks?: string;
  /**
   * Pages of papers the app does not print; 当事人身份证明 defaults to one page per party,
   * 证据材料 to one page per evidence photo on record.
   */
  attachmentPages?: Partial<Record<AttachmentKind, number>>;
}

/**
 * Retention is set by each county (domain.md §1.3); 10年 is the shortest period of the 2006
 * 文书档案 scheme (永久/30年/10年), a sensible floor for a village 调解卷宗 until the county says.
 */
export const DEFAULT_RETENTION = '10年';
