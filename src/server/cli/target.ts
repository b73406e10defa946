// The database the command-line tools work on: the same environment the server reads.
import { resolve } from 'node:path';
import type { Target } from '../ops/backup.ts';

export function targetFromEnv(): Target {
  const url = process.env.DATABASE_URL;
  return url?.startsWith('postgres') ? { databaseUrl: url } : { dataDir: resolve(process.env.DATA_DIR ?? './data') };
}
