import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import type { Caller } from '../context';
import { unauthenticated } from '../errors';
import { pairingStats, type PairingStats } from './pairing-stats';

export function createPairingLoaders(db: DataSource, caller: Caller | null) {
  const pairingStatsByPath = new DataLoader<string, PairingStats>(async (paths) => {
    if (!caller) throw unauthenticated();
    const stats = await pairingStats(db, caller, paths);
    return paths.map((path) => stats.get(path)!);
  });
  return { pairingStatsByPath };
}
