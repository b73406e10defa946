// The shape of a resident-facing legal guide. Each guide follows the 法律明白人 reader template:
// an everyday story, what the law says, what you can do, where to go, related guides.

/** The five body sections, in the only order a guide may have them (checked by guide-checks.ts). */
export const SECTION_HEADINGS = ['身边的事', '法律怎么说', '您可以怎么做', '去哪里办', '相关指南'] as const;
export type SectionHeading = (typeof SECTION_HEADINGS)[number];

/** One statute article a guide relies on: `民法典|2020-05-28|1042` in front matter. */
export interface Citation {
  readonly law: string;
  readonly version: string;
  readonly article: number;
}

export interface GuideSection {
  /** As written after `## `; a heading outside SECTION_HEADINGS is a content defect, not a parse error. */
  readonly heading: string;
  readonly markdown: string;
}

export interface Guide {
  /** The file name without `.md`; also the route `/guides/<slug>`. */
  readonly slug: string;
  readonly title: string;
  /** Leaf code of the dispute-category table in src/shared/categories.ts. */
  readonly category: string;
  readonly summary: string;
  /** Everyday words people type, e.g. 欠钱不还, 借条; weighted like the title in search. */
  readonly keywords: readonly string[];
  readonly citations: readonly Citation[];
  /** YYYY-MM-DD of the last legal review. */
  readonly updated: string;
  /**
   * The same day as the reader sees it (2026年11月21日), formatted when the guides are parsed —
   * at build time: a phone's first Intl formatter costs ~30 ms of a guide page's start (issue #13).
   */
  readonly updatedText: string;
  readonly related: readonly string[];
  readonly sections: readonly GuideSection[];
}
