import { describe, expect, it } from 'vitest';
import { CellCache } from '../server/rollup/cells';

const sums = (n: number) => new Map([['workers', { n, v: '0' }]]);

describe('the cell cache', () => {
  it('answers only at the generation its sums were read at, and keeps only the newest', () => {
    const cache = new CellCache();
    const key = cache.keyOf(7, 'terms');
    cache.set(3n, key, sums(1));
    expect(cache.get(3n, key)?.get('workers')?.n).toBe(1);
    expect(cache.get(4n, key)).toBeUndefined();
    // A late answer read at an older generation does not replace the newer one.
    cache.set(4n, key, sums(2));
    cache.set(3n, key, sums(1));
    expect(cache.get(4n, key)?.get('workers')?.n).toBe(2);
    expect(cache.get(3n, key)).toBeUndefined();
  });

  it('keys each org and set of terms apart, and drops the oldest entry when full', () => {
    const cache = new CellCache(2);
    const [a, b, c] = [cache.keyOf(1, 'x'), cache.keyOf(1, 'y'), cache.keyOf(2, 'x')];
    expect(new Set([a, b, c]).size).toBe(3);
    expect(cache.keyOf(1, 'x')).toBe(a);
    cache.set(1n, a, sums(1));
    cache.set(1n, b, sums(2));
    cache.set(1n, c, sums(3));
    expect(cache.get(1n, a)).toBeUndefined();
    expect(cache.get(1n, c)?.get('workers')?.n).toBe(3);
  });

  it('never lets a key made before its ids were dropped name other terms', () => {
    const cache = new CellCache();
    const old = cache.keyOf(1, 'terms 0');
    for (let i = 1; i <= 1_000; i++) cache.keyOf(1, `terms ${i}`);
    expect(cache.keyOf(1, 'terms 0')).not.toBe(old);
  });
});
