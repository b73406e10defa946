import { startAppServer } from '/work/wt-public/test/e2e/app-server.ts';
const s = await startAppServer({ port: 18716 });
console.log('up', s.url);
