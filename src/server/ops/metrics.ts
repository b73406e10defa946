// Prometheus text for /metrics: requests by route and status, push/pull latency histograms, what
// is waiting (requests in flight, open 待核对 items, unfinished photo uploads, new residents'
// requests) and the database size. Counters live in this process; the queues are counted from
// the database at scrape time, so they are right after a restart too.
import { sql } from 'kysely';
import type { Store } from '../store/open.ts';

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

class Histogram {
  readonly counts = LATENCY_BUCKETS.map(() => 0);
  sum = 0;
  count = 0;
  observe(seconds: number): void {
    this.sum += seconds;
    this.count++;
    LATENCY_BUCKETS.forEach((le, i) => {
      if (seconds <= le) this.counts[i]!++;
    });
  }
  lines(name: string): string[] {
    return [
      ...LATENCY_BUCKETS.map((le, i) => `${name}_bucket{le="${le}"} ${this.counts[i]}`),
      `${name}_bucket{le="+Inf"} ${this.count}`,
      `${name}_sum ${this.sum}`,
      `${name}_count ${this.count}`,
    ];
  }
}

const label = (value: string) => value.replaceAll('\\', '\\\\').replaceAll('"', '\\"').replaceAll('\n', '\\n');

export class Metrics {
  private readonly requests = new Map<string, number>();
  readonly push = new Histogram();
  readonly pull = new Histogram();
  inFlight = 0;

  request(method: string, route: string, status: number, seconds: number): void {
    const key = `method="${label(method)}",route="${label(route)}",status="${status}"`;
    this.requests.set(key, (this.requests.get(key) ?? 0) + 1);
    if (route === '/api/sync/push') this.push.observe(seconds);
    if (route === '/api/sync/pull') this.pull.observe(seconds);
  }

  async text(store: Store): Promise<string> {
    const queues = await queueSizes(store);
    const out = [
      '# HELP shuohe_http_requests_total HTTP requests answered, by route pattern and status.',
      '# TYPE shuohe_http_requests_total counter',
      ...[...this.requests].map(([key, n]) => `shuohe_http_requests_total{${key}} ${n}`),
      '# HELP shuohe_sync_push_seconds Time to answer POST /api/sync/push.',
      '# TYPE shuohe_sync_push_seconds histogram',
      ...this.push.lines('shuohe_sync_push_seconds'),
      '# HELP shuohe_sync_pull_seconds Time to answer POST /api/sync/pull.',
      '# TYPE shuohe_sync_pull_seconds histogram',
      ...this.pull.lines('shuohe_sync_pull_seconds'),
      '# HELP shuohe_http_in_flight Requests being answered now.',
      '# TYPE shuohe_http_in_flight gauge',
      `shuohe_http_in_flight ${this.inFlight}`,
      '# HELP shuohe_queue_size Work waiting for a person or a device.',
      '# TYPE shuohe_queue_size gauge',
      `shuohe_queue_size{queue="review_open"} ${queues.reviewOpen}`,
      `shuohe_queue_size{queue="blob_uploads_unfinished"} ${queues.blobUploads}`,
      `shuohe_queue_size{queue="mediation_requests_new"} ${queues.requestsNew}`,
      '# HELP shuohe_database_bytes Size of the database.',
      '# TYPE shuohe_database_bytes gauge',
      `shuohe_database_bytes ${queues.databaseBytes}`,
    ];
    return `${out.join('\n')}\n`;
  }
}

async function count(query: Promise<{ n: number | string | bigint } | undefined>): Promise<number> {
  return Number((await query)?.n ?? 0);
}

async function queueSizes(store: Store) {
  const db = store.read;
  const [reviewOpen, blobUploads, requestsNew] = await Promise.all([
    count(db.selectFrom('review_items').select((eb) => eb.fn.countAll().as('n')).where('status', '=', 'open').executeTakeFirst()),
    count(db.selectFrom('blob_parts').select((eb) => eb.fn.count('sha256').distinct().as('n')).executeTakeFirst()),
    count(db.selectFrom('mediation_requests').select((eb) => eb.fn.countAll().as('n')).where('status', '=', 'new').executeTakeFirst()),
  ]);
  return { reviewOpen, blobUploads, requestsNew, databaseBytes: await databaseBytes(store) };
}

export async function databaseBytes(store: Store): Promise<number> {
  if (store.kind === 'postgres') {
    const { rows } = await sql<{ n: number }>`select pg_database_size(current_database()) as n`.execute(store.read);
    return Number(rows[0]?.n ?? 0);
  }
  const { rows } = await sql<{ n: number }>`select page_count * page_size as n from pragma_page_count(), pragma_page_size()`.execute(store.read);
  return Number(rows[0]?.n ?? 0);
}
