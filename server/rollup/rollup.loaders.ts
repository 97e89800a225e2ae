import DataLoader from 'dataloader';
import type { CellReader } from './cells';
import type { Caller } from '../context';
import { unauthenticated } from '../errors';
import { RollupService, type SubtreeFigures } from './rollup.service';

export function createRollupLoaders(cells: CellReader, caller: Caller | null) {
  // byChild asks for every child's figures at once: one batch, read with the other sums of the level.
  const figuresByPath = new DataLoader<string, SubtreeFigures>(async (paths) => {
    if (!caller) throw unauthenticated();
    const figures = await new RollupService(cells).figures(caller, paths);
    return paths.map((path) => figures.get(path)!);
  });
  return { figuresByPath };
}
