// Builds the PWA once for all browser tests; each test serves this build with the real server.
import { execFileSync } from 'node:child_process';

export default function setup(): void {
  if (process.env.E2E_SKIP_BUILD === '1') return;
  execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
}
