import { errors, jwtVerify, SignJWT } from 'jose';

const ISSUER = 'gonghui';
const AUDIENCE = 'gonghui-api';

export interface TokenKeys {
  secret: Uint8Array;
  ttlSeconds: number;
}

/** `sessionVersion`: the user's at issue; the token stops working when it changes (server/auth/caller.ts). */
export async function issueToken(keys: TokenKeys, userId: number, sessionVersion: number, now = new Date()): Promise<string> {
  const issuedAt = Math.floor(now.getTime() / 1000);
  return new SignJWT({ sv: sessionVersion })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(String(userId))
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + keys.ttlSeconds)
    .sign(keys.secret);
}

export type TokenCheck = { userId: number; sessionVersion: number } | { error: 'expired' | 'invalid' };

export async function verifyToken(keys: TokenKeys, token: string): Promise<TokenCheck> {
  try {
    const { payload } = await jwtVerify(token, keys.secret, { issuer: ISSUER, audience: AUDIENCE, algorithms: ['HS256'] });
    const userId = Number(payload.sub);
    const sessionVersion = payload.sv;
    return Number.isInteger(userId) && userId > 0 && Number.isInteger(sessionVersion)
      ? { userId, sessionVersion: sessionVersion as number }
      : { error: 'invalid' };
  } catch (error) {
    return { error: error instanceof errors.JWTExpired ? 'expired' : 'invalid' };
  }
}
