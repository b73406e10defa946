// npm run restore -- FILE: a backup into an EMPTY DATA_DIR or PostgreSQL database (anything else
// is refused), with a new epoch so phones re-send what the backup lacks. Run with the server stopped.
import { resolve } from 'node:path';
import '../../shared/i18n/later.ts';
import { t } from '../../shared/i18n/index.ts';
import { restore, BackupError } from '../ops/backup.ts';
import { targetFromEnv } from './target.ts';

const file = process.argv[2];
if (!file) {
  console.error(t('backup.usage'));
  process.exit(2);
}
try {
  await restore(resolve(file), targetFromEnv());
  console.log(t('backup.restored', { file: resolve(file) }));
} catch (error) {
  console.error(error instanceof BackupError ? error.message : error);
  process.exit(1);
}
