// npm run backup -- FILE: a consistent copy of the server's database while it runs (DATA_DIR's
// SQLite file, or DATABASE_URL's PostgreSQL database with pg_dump). Never overwrites a file.
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import '../../shared/i18n/later.ts';
import { t } from '../../shared/i18n/index.ts';
import { backup, BackupError } from '../ops/backup.ts';
import { targetFromEnv } from './target.ts';

const file = process.argv[2];
if (!file) {
  console.error(t('backup.usage'));
  process.exit(2);
}
try {
  await backup(targetFromEnv(), resolve(file));
  console.log(t('backup.done', { file: resolve(file), bytes: statSync(resolve(file)).size }));
} catch (error) {
  console.error(error instanceof BackupError ? error.message : error);
  process.exit(1);
}
