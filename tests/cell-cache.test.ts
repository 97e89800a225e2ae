import { describe, expect, it } from 'vitest';
import { CellCache } from '../server/rollup/cells';

const sums = (n: number) => new Map([['workers', { n, v: '0' }]]);

describe('the cell cache', () => {
  it('answers only at the generation its sums were read at, and keeps one generation', () => {
    const cache = new CellCache();
    const key = cache.keyOf(7, 'terms');
    cache.set('g3', key, sums(1));
    expect(cache.get('g3', key)?.get('workers')?.n).toBe(1);
    expect(cache.get('g4', key)).toBeUndefined();
    cache.set('g4', key, sums(2));
    expect(cache.get('g4', key)?.get('workers')?.n).toBe(2);
    // Generations are not ordered: a late answer read at another one replaces what was kept,
    // and what was kept is never served for it.
    cache.set('g3', key, sums(1));
    expect(cache.get('g4', key)).toBeUndefined();
    expect(cache.get('g3', key)?.get('workers')?.n).toBe(1);
  });

  it('keys each org and set of terms apart, and drops the oldest entry when full', () => {
    const cache = new CellCache(2);
    const [a, b, c] = [cache.keyOf(1, 'x'), cache.keyOf(1, 'y'), cache.keyOf(2, 'x')];
    expect(new Set([a, b, c]).size).toBe(3);
    expect(cache.keyOf(1, 'x')).toBe(a);
    cache.set('g1', a, sums(1));
    cache.set('g1', b, sums(2));
    cache.set('g1', c, sums(3));
    expect(cache.get('g1', a)).toBeUndefined();
    expect(cache.get('g1', c)?.get('workers')?.n).toBe(3);
  });

  it('never lets a key made before its ids were dropped name other terms', () => {
    const cache = new CellCache();
    const old = cache.keyOf(1, 'terms 0');
    for (let i = 1; i <= 1_000; i++) cache.keyOf(1, `terms ${i}`);
    expect(cache.keyOf(1, 'terms 0')).not.toBe(old);
  });
});
