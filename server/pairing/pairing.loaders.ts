import DataLoader from 'dataloader';
import type { CellReader } from '../rollup/cells';
import type { Caller } from '../context';
import { unauthenticated } from '../errors';
import { pairingStats, type PairingStats } from './pairing-stats';

export function createPairingLoaders(cells: CellReader, caller: Caller | null) {
  const pairingStatsByPath = new DataLoader<string, PairingStats>(async (paths) => {
    if (!caller) throw unauthenticated();
    const stats = await pairingStats(cells, caller, paths);
    return paths.map((path) => stats.get(path)!);
  });
  return { pairingStatsByPath };
}
