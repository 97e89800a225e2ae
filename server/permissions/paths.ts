/** The municipal root's id is the first label of every path. */
export function rootIdOf(orgPath: string): number {
  return Number(orgPath.split('.')[0]);
}

export function isUnder(path: string, ancestor: string): boolean {
  return path === ancestor || path.startsWith(`${ancestor}.`);
}
