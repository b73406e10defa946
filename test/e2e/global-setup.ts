// Builds the PWA once for all browser tests; each test serves this build with the real server.
import { execFileSync } from 'node:child_process';

export default function setup(): void {
  if (process.env.E2E_SKIP_BUILD === '1') return;
  // Vitest sets NODE_ENV=test; inherited, it would make this a dev build (import.meta.env.DEV),
  // which never registers the service worker.
  execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
}
