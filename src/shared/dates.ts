// Calendar dates as ISO `YYYY-MM-DD` strings. Legal deadlines count calendar days, so arithmetic is
// done on the date alone (in UTC, which has no daylight saving), never on device clock instants.

const DAY_MS = 86_400_000;

export function addDays(isoDate: string, days: number): string {
  const t = Date.parse(`${isoDate}T00:00:00Z`);
  return new Date(t + days * DAY_MS).toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** One formatter per zone: making an Intl.DateTimeFormat costs ~0.1 ms, a push checks every session's date (issue #13). */
const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** The calendar date of an instant where the mediator is (China has one zone: Asia/Shanghai). */
export function localDate(instant: Date, timeZone = 'Asia/Shanghai'): string {
  let format = dayFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('sv-SE', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormats.set(timeZone, format);
  }
  return format.format(instant);
}

export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const t = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().startsWith(value);
}

/** `make()` on the first call, the same value after: an Intl formatter costs its locale data only when first used. */
export function lazily<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  return () => (made ??= { value: make() }).value;
}

const dateFormat = lazily(() => new Intl.DateTimeFormat('zh-CN', { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' }));

/** 2026年11月21日 */
export function formatDate(isoDate: string): string {
  return dateFormat().format(new Date(`${isoDate}T00:00:00Z`));
}
