import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import type { Caller } from '../context';
import { unauthenticated } from '../errors';
import { RollupService, type SubtreeFigures } from './rollup.service';

export function createRollupLoaders(db: DataSource, caller: Caller | null) {
  // byChild asks for every child's figures at once: one batch, two queries.
  const figuresByPath = new DataLoader<string, SubtreeFigures>(async (paths) => {
    if (!caller) throw unauthenticated();
    const figures = await new RollupService(db).figures(caller, paths);
    return paths.map((path) => figures.get(path)!);
  });
  return { figuresByPath };
}
