import type { DataSource } from 'typeorm';
import type { TokenKeys } from './auth/tokens';
import { unauthenticated } from './errors';
import type { AppAbility, Assignment } from './permissions/ability';
import type { Loaders } from './loaders';

export interface Caller {
  userId: number;
  username: string;
  assignments: Assignment[];
  ability: AppAbility;
}

export interface Context {
  db: DataSource;
  keys: TokenKeys;
  /** Null until the request carries a valid token. */
  caller: Caller | null;
  /** Built per request; their batch functions apply the caller's scope. */
  loaders: Loaders;
}

export function requireCaller(ctx: Context): Caller {
  if (!ctx.caller) throw unauthenticated();
  return ctx.caller;
}
