// CPU time (user + system, ms) a throwaway PostgreSQL cluster has used: its postmaster and every
// backend under it, read from /proc (Linux). On a machine shared by several builds the wall time
// of a bench mostly measures the queue for the two cores; the CPU time of the bench process and
// of its database is the work itself. undefined where /proc is not there.
import { existsSync, readdirSync, readFileSync } from 'node:fs';

const TICK_MS = 10; // USER_HZ is 100 on Linux

export function clusterCpuMs(url: string): number | undefined {
  if (!existsSync('/proc/self/stat')) return undefined;
  const port = new URL(url).port;
  const procs: { pid: string; ppid: string; ms: number }[] = [];
  let master: string | undefined;
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      // Fields after the command name in parentheses: state, ppid, …, utime (14th), stime (15th).
      const fields = (readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1] ?? '').split(' ');
      if (cmdline.some((a) => a.endsWith('postgres')) && cmdline.includes('-p') && cmdline[cmdline.indexOf('-p') + 1] === port) master = pid;
      procs.push({ pid, ppid: fields[1] ?? '', ms: (Number(fields[11]) + Number(fields[12])) * TICK_MS });
    } catch {
      // The process ended while listed.
    }
  }
  if (master === undefined) return undefined;
  return procs.filter((p) => p.pid === master || p.ppid === master).reduce((sum, p) => sum + p.ms, 0);
}
