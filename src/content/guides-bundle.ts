// The guides as built into the app: Vite inlines every ./guides/*.md as a string at build time,
// so guides work offline with the precached bundle. Kept apart from guides.ts so the parser
// stays importable from Node (tests, benchmarks), where import.meta.glob does not exist.

import { parseGuides, type Guide } from './guides.ts';

const files = import.meta.glob<string>('./guides/*.md', { query: '?raw', import: 'default', eager: true });

export const guides: readonly Guide[] = parseGuides(files);
