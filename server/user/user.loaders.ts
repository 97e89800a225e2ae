import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';

export function createUserLoaders(db: DataSource) {
  // Who recorded or decided something: the username only, shown beside the records they touched.
  const usernameById = new DataLoader<number, string | null>(async (ids) => {
    const rows: { id: number; username: string }[] = await db.query('SELECT id, username FROM users WHERE id = ANY($1::int[])', [ids]);
    return ids.map((id) => rows.find((row) => row.id === id)?.username ?? null);
  });
  return { usernameById };
}
