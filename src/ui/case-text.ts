// What a case's category reads as on the screens (reminders: reminder-text.ts). Apart from format.ts because it
// needs the category table, which the first screens (shell, sync line) do not.

import { categoryByCode } from '../shared/categories.ts';
import { t } from '../shared/i18n/index.ts';

export function categoryName(code: string): string {
  return categoryByCode(code)?.name ?? code;
}
