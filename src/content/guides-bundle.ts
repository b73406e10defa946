// The guides as built into the app: parsed from ./guides/*.md at build time (build/guides-module.ts)
// and inlined as data, so guides work offline with the precached bundle and cost the phone no
// parsing. Kept apart from guides.ts so the parser stays importable from Node (tests, benchmarks).

import type { Guide } from './guides.ts';
import { guides as parsed } from 'virtual:shuohe-guides';

export const guides: readonly Guide[] = parsed;
