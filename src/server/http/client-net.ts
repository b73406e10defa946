// The network a request comes from, for throttles: an IPv4 address as it is, an IPv6 address by
// its /64 (one subscriber usually holds a whole /64, so counting full addresses let a single
// phone line rotate through unlimited keys). IPv4-mapped IPv6 (::ffff:1.2.3.4) is the IPv4.
import { isIPv6 } from 'node:net';

export function clientNet(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped?.[1]) return mapped[1];
  if (!isIPv6(ip)) return ip;
  const [head = '', tail = ''] = ip.split('%')[0]?.split('::') ?? [];
  const left = head === '' ? [] : head.split(':');
  const right = tail === '' ? [] : tail.split(':');
  // An embedded IPv4 tail counts as two groups; only the first four groups matter here anyway.
  const groups = ip.includes('::') ? [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right] : left;
  return `${groups.slice(0, 4).map((g) => (parseInt(g, 16) || 0).toString(16)).join(':')}::/64`;
}
