/** A GraphQL ID that names an integer key, or null when it cannot (then nothing has that id). */
export function intId(id: string | null | undefined): number | null {
  if (id === null || id === undefined || !/^[1-9]\d{0,9}$/.test(id)) return null;
  const value = Number(id);
  return value <= 2147483647 ? value : null;
}

/** Same for bigint keys, kept as strings. */
export function bigintId(id: string | null | undefined): string | null {
  return id !== null && id !== undefined && /^[1-9]\d{0,17}$/.test(id) ? id : null;
}
