// `npm run bench`: prints every measured budget. Not part of `npm test`: numbers, not assertions.
import { deviceBench } from './device.bench.ts';

const only = process.argv[2];
if (!only || only === 'device') {
  console.log('— device (Chromium, 10,000 cases) —');
  await deviceBench();
}
