// `npm run bench [device|sync|server|phones|guides|stats|county|federation|lighthouse|idcard]`: prints every measured budget. Not part of
// `npm test`: numbers, not assertions.
import { execFileSync } from 'node:child_process';
import { deviceBench } from './device.bench.ts';
import { syncBench } from './sync.bench.ts';
import { lighthouseBench } from './lighthouse.bench.ts';
import { idCardBench } from './idcard.bench.ts';

const only = process.argv[2];
const want = (name: string) => !only || only === name;
const script = (file: string) => execFileSync('node', ['--import', 'tsx', `test/bench/${file}`], { stdio: 'inherit' });

if (want('device')) {
  console.log('— device (Chromium, 10,000 cases) —');
  await deviceBench();
}
if (want('sync')) {
  console.log('— sync (Chromium ↔ server on loopback) —');
  await syncBench();
}
if (want('server')) {
  console.log('— server push throughput (SQLite) —');
  script('server-push.bench.ts');
}
if (want('phones')) {
  console.log('— many phones syncing at once (SQLite, server in its own process) —');
  script('phones.bench.ts');
}
if (want('guides')) {
  console.log('— guide search —');
  script('guide-search.bench.ts');
}
if (want('stats')) {
  console.log('— statistics roll-ups (SQLite, and PostgreSQL where available) —');
  script('stats.bench.ts');
}
if (want('county')) {
  console.log('— setting up a county from the national list —');
  script('county.bench.ts');
}
if (want('federation')) {
  console.log('— federation: signed county months at a province and the nation (PostgreSQL) —');
  script('federation.bench.ts');
}
if (want('idcard')) {
  console.log('— 扫描身份证: accuracy and time per card over generated photos (Chromium) —');
  await idCardBench();
}
if (want('lighthouse')) {
  console.log('— Lighthouse (mobile), median of 3 —');
  await lighthouseBench();
}
