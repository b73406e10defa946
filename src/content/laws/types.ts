// The statute table the guides cite. Every `citations:` entry in a guide and every quoted
// `> …——《法》第N条` block must resolve here; the checker in ../citations.ts enforces it.
// What must stay true: `text` is the statute wording verbatim (paragraphs split, nothing
// paraphrased), and an article is only listed if it was checked against the published text.

export interface LawArticle {
  /** Short subject in plain words, for lists and tooltips; ours, not the statute's. */
  readonly title: string;
  /** The article's paragraphs, verbatim. Required for any article a guide quotes. */
  readonly text?: readonly string[];
}

export interface Law {
  /** Short name used in citations and quote trailers, e.g. 民法典. */
  readonly name: string;
  readonly fullName: string;
  /** Date of adoption (or of the amendment in force), YYYY-MM-DD; part of the citation key. */
  readonly version: string;
  /** Where the wording was checked, so a reviewer can re-check it. */
  readonly source: string;
  readonly articles: Readonly<Record<number, LawArticle>>;
}

/** The key a citation resolves by: law name and version together. */
export function lawKey(name: string, version: string): string {
  return `${name}|${version}`;
}
