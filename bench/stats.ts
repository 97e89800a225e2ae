/** Times `run` `times` times after `warmup` untimed runs, each after an untimed `before`; milliseconds. */
export async function timeRuns(
  run: () => Promise<unknown>,
  times: number,
  { warmup = 5, before }: { warmup?: number; before?: () => Promise<unknown> } = {},
): Promise<number[]> {
  for (let i = 0; i < warmup; i++) {
    await before?.();
    await run();
  }
  const samples: number[] = [];
  for (let i = 0; i < times; i++) {
    await before?.();
    const started = performance.now();
    await run();
    samples.push(performance.now() - started);
  }
  return samples;
}

export function percentile(samples: readonly number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export const median = (samples: readonly number[]) => percentile(samples, 50);

export function ms(value: number): string {
  return value < 10 ? value.toFixed(2) : value < 100 ? value.toFixed(1) : value.toFixed(0);
}
