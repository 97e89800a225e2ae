// A small seeded PRNG for the demo data: sfc32 (Chris Doty-Humphrey's Small Fast Counting
// generator, 128-bit state), seeded through splitmix32 from a string. Same seed, same numbers,
// on every machine; never Math.random.

function splitmix32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x9e3779b9) | 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** FNV-1a over the UTF-16 code units of a string. */
function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  /** Independent streams for independent purposes: a change in one does not shift the others. */
  constructor(seed: string) {
    const mix = splitmix32(hashString(seed));
    this.a = mix();
    this.b = mix();
    this.c = mix();
    this.d = mix();
    for (let i = 0; i < 15; i++) this.uint32();
  }

  uint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.uint32() / 4294967296;
  }

  /** Integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Integer in [min, max], both included. */
  between(min: number, max: number): number {
    return min + this.int(max - min + 1);
  }

  /** Real number in [min, max). */
  real(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }

  /** Standard normal (Box-Muller). */
  normal(): number {
    const u = 1 - this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }

  /** Fisher-Yates, in place. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      [items[i], items[j]] = [items[j]!, items[i]!];
    }
    return items;
  }
}

/** A weighted choice among a fixed set of values, prepared once and drawn many times. */
export class Weighted<T> {
  private readonly values: T[];
  private readonly cumulative: number[];

  constructor(entries: readonly (readonly [T, number])[]) {
    this.values = entries.map(([value]) => value);
    let sum = 0;
    this.cumulative = entries.map(([, weight]) => (sum += weight));
    for (let i = 0; i < this.cumulative.length; i++) this.cumulative[i]! /= sum;
  }

  draw(random: Random): T {
    const u = random.next();
    for (let i = 0; i < this.cumulative.length; i++) if (u < this.cumulative[i]!) return this.values[i]!;
    return this.values[this.values.length - 1]!;
  }
}

/**
 * Splits `total` into integers proportional to `weights` (largest remainder), none above its cap.
 * The parts always sum to exactly `total`.
 */
export function apportion(total: number, weights: readonly number[], caps?: readonly number[]): number[] {
  const n = weights.length;
  const cap = (i: number) => (caps ? caps[i]! : Infinity);
  if (caps && caps.reduce((sum, c) => sum + c, 0) < total) throw new Error(`cannot apportion ${total} under caps`);
  const result = new Array<number>(n).fill(0);
  const fixed = new Array<boolean>(n).fill(false);
  let remaining = total;
  // Parts whose share reaches their cap are fixed at the cap; the rest is shared again.
  for (;;) {
    let weightSum = 0;
    for (let i = 0; i < n; i++) if (!fixed[i]) weightSum += weights[i]!;
    if (weightSum <= 0) break;
    let capped = false;
    for (let i = 0; i < n; i++) {
      if (!fixed[i] && (remaining * weights[i]!) / weightSum >= cap(i)) {
        result[i] = cap(i);
        remaining -= cap(i);
        fixed[i] = true;
        capped = true;
      }
    }
    if (!capped) break;
  }
  let weightSum = 0;
  for (let i = 0; i < n; i++) if (!fixed[i]) weightSum += weights[i]!;
  const remainders: [number, number][] = [];
  let given = 0;
  for (let i = 0; i < n; i++) {
    if (fixed[i]) continue;
    const share = weightSum > 0 ? (remaining * weights[i]!) / weightSum : 0;
    result[i] = Math.floor(share);
    given += result[i]!;
    remainders.push([share - result[i]!, i]);
  }
  remainders.sort((x, y) => y[0] - x[0] || x[1] - y[1]);
  for (let k = 0; given < remaining; k++) {
    const i = remainders[k % remainders.length]![1];
    if (result[i]! < cap(i)) {
      result[i] = result[i]! + 1;
      given++;
    }
  }
  return result;
}
