// Starts the township server: PORT (8080), DATA_DIR (./data, the SQLite file), DATABASE_URL
// (postgres://… switches to PostgreSQL), DEMO=0 to start without the demo accounts and cases,
// TLS_CERT/TLS_KEY (PEM files: speak HTTPS; HTTP_PORT then only redirects), METRICS_TOKEN,
// AUDIT_KEEP_DAYS.
// In production it runs compiled (npm start builds build/server/index.js); the path to
// package.json is the same from src/server/ and build/server/.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createApp } from './app.ts';
import { listen } from './http/listen.ts';
import { openStore } from './store/open.ts';
import { purgeAudit } from './ops/audit.ts';
import { DEMO_PASSWORD, demoLogins, seedIfEmpty } from './seed/demo.ts';
import { CursorBook } from './sync/cursors.ts';
import { compactChangeLog } from './sync/compact.ts';

const port = Number(process.env.PORT ?? 8080);
const databaseUrl = process.env.DATABASE_URL;
const dataDir = resolve(process.env.DATA_DIR ?? './data');
const distDir = resolve(process.env.DIST_DIR ?? './dist');
const version = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
const certFile = process.env.TLS_CERT;
const keyFile = process.env.TLS_KEY;
if (Boolean(certFile) !== Boolean(keyFile)) {
  console.error('TLS_CERT 和 TLS_KEY 要同时设置（证书和私钥的 PEM 文件）');
  process.exit(1);
}
const tls = certFile && keyFile ? { certFile, keyFile } : undefined;

const store = await openStore(databaseUrl?.startsWith('postgres') ? { databaseUrl } : { dataDir });
const started = Date.now();
// The demo's current year is dated from this clock: work waits for a newcomer today.
const seed = await seedIfEmpty(store, { demo: process.env.DEMO !== '0', now: new Date() });
if (seed.seeded) {
  console.log(`演示数据：开鲁县 ${seed.cases} 件案件，2023 年全年和今年至今（${Date.now() - started} ms）`);
  console.log(`演示账号（密码均为 ${DEMO_PASSWORD}）：`);
  for (const login of demoLogins()) console.log(`  ${login.username.padEnd(9)} ${login.role.padEnd(8)} ${login.area} ${login.scope}`);
}

const cursors = new CursorBook();
const log = (line: string) => process.stdout.write(`${line}\n`);
const app = createApp({ store, version, distDir, log, cursors, ...(process.env.METRICS_TOKEN ? { metricsToken: process.env.METRICS_TOKEN } : {}) });
const httpPort = process.env.HTTP_PORT ? Number(process.env.HTTP_PORT) : undefined;
const server = await listen({ fetch: app.fetch, port, ...(tls ? { tls } : {}), ...(httpPort !== undefined ? { httpPort } : {}) });
const scheme = tls ? 'https' : 'http';
const address = server.servers[0]?.address();
const actualPort = typeof address === 'object' && address ? address.port : port;
console.log(`说和 服务已启动：${scheme}://localhost:${actualPort}/ （数据库：${store.kind === 'postgres' ? 'PostgreSQL' : `SQLite ${dataDir}`}）`);
if (tls && httpPort !== undefined) console.log(`HTTP 端口 ${httpPort} 只转到 HTTPS`);

// The change log is compacted behind the devices in use (sync/compact.ts) once an hour.
const COMPACT_EVERY_MS = 60 * 60 * 1000;
const compaction = setInterval(() => {
  compactChangeLog(store, cursors, () => new Date()).catch((error: unknown) => console.error('变更日志压缩失败：', error));
}, COMPACT_EVERY_MS);
compaction.unref();

// The audit log is kept AUDIT_KEEP_DAYS (default 365, never under 183); trimmed daily.
const keepAudit = Number(process.env.AUDIT_KEEP_DAYS ?? 365);
const trimAudit = () => void purgeAudit(store.db, new Date(), keepAudit).catch((error: unknown) => console.error('[shuohe] audit purge failed', error));
trimAudit();
setInterval(trimAudit, 86_400_000).unref();

// Finish in-flight requests and close the database cleanly, so the SQLite WAL is checkpointed.
const stop = () => {
  clearInterval(compaction);
  void server.close().then(() => store.close()).then(() => process.exit(0));
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
