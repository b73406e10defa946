// Adding to a map of lists, the one way: the list made on the first item of its key.

export function pushInto<K, V>(map: Map<K, V[]>, key: K, item: V): void {
  const list = map.get(key);
  if (list) list.push(item);
  else map.set(key, [item]);
}

/** One map key for an area and a period (stored totals and imported months are kept by both). */
export const pairKey = (area: string, period: string): string => `${area}|${period}`;
