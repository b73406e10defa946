// Adding to a map of lists, the one way: the list made on the first item of its key.

export function pushInto<K, V>(map: Map<K, V[]>, key: K, item: V): void {
  const list = map.get(key);
  if (list) list.push(item);
  else map.set(key, [item]);
}
