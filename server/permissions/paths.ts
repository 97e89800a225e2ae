/** The municipal root's id is the first label of every path. */
export function rootIdOf(orgPath: string): number {
  return Number(orgPath.split('.')[0]);
}

/** The org's own id is the last label of its path. */
export function orgIdOf(orgPath: string): number {
  return Number(orgPath.slice(orgPath.lastIndexOf('.') + 1));
}

/** The ids of the org and every ancestor, root first. */
export function chainOf(orgPath: string): number[] {
  return orgPath.split('.').map(Number);
}

export function isUnder(path: string, ancestor: string): boolean {
  return path === ancestor || path.startsWith(`${ancestor}.`);
}
