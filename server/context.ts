import type { DataSource } from 'typeorm';
import type { TokenKeys } from './auth/tokens';
import { unauthenticated } from './errors';
import type { AppAbility, Assignment } from './permissions/ability';
import type { Loaders } from './loaders';
import type { PersonalDataReads } from './audit/personal-reads';
import type { PersonalDataCipher } from './worker/personal-data';

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
  /** Why a token that came with the request was not accepted. */
  tokenProblem: 'expired' | 'invalid' | 'unknown-user' | 'disabled' | 'ended' | null;
  /** Built per request; their batch functions apply the caller's scope. */
  loaders: Loaders;
  /** The address the request came from (behind a proxy, as TRUST_PROXY allows): the sign-in throttle counts by it. */
  clientAddress: string;
  /** Seals and opens ID and phone numbers, and hashes ID numbers for lookup. */
  personalData: PersonalDataCipher;
  /** Unmasked reads of personal data in this request, audited before the answer is sent. */
  personalReads: PersonalDataReads;
}

export function requireCaller(ctx: Pick<Context, 'caller' | 'tokenProblem'>): Caller {
  if (!ctx.caller) {
    if (ctx.tokenProblem === 'expired') throw unauthenticated('Your sign-in has expired: log in again.');
    if (ctx.tokenProblem === 'disabled') throw unauthenticated('This account is disabled: ask an ADMIN of your org.', 'ACCOUNT_DISABLED');
    if (ctx.tokenProblem === 'ended')
      throw unauthenticated('Your sign-in was ended (the password was changed or reset): log in again.', 'SESSION_ENDED');
    if (ctx.tokenProblem) throw unauthenticated('The bearer token is not valid: log in again.');
    throw unauthenticated();
  }
  return ctx.caller;
}
