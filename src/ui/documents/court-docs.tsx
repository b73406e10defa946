// 调解结果告知函 and 调解终结说明: the committee's letter back to the court (诉调对接), laid out as a
// letter — the court addressed, the paragraphs, the numbered terms, the close, 承办法官 and the
// committee's seal corner.

import type { CourtReturnContent } from '../../shared/documents/types.ts';
import { SealCorner } from './parts.tsx';

export function CourtReturnBody(p: { c: CourtReturnContent }) {
  const c = p.c;
  return (
    <>
      <p class="doc-line" data-testid="doc-court-addressee">{c.addressee}</p>
      <p class="doc-para">{c.opening}</p>
      {c.paragraphs.map((text, i) => <p class="doc-para" key={`p${i}`}>{text}</p>)}
      {c.terms.map((text, i) => <p class="doc-para" key={`t${i}`}>{text}</p>)}
      {c.closing.split('\n').map((text, i) => <p class="doc-para" key={`c${i}`}>{text}</p>)}
      <div class="doc-end">
        {c.attachment !== '' && <p class="doc-line">{c.attachment}</p>}
        <p class="doc-line">{c.judge}</p>
        <SealCorner committee={c.committee} date={c.date} />
      </div>
    </>
  );
}
