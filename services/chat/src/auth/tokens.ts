// Signed tokens. Agents: issued by us at login (HS256 with SMARTCHAT_SESSION_SECRET), bound to a
// session that can be revoked. Customers: issued by the back-office (HS256 with the shared
// SMARTCHAT_CUSTOMER_TOKEN_SECRET) and identifying the customer by the back-office's own id.
// Service tokens between chat and the back-office use that shared secret too, one audience per
// direction.
import { SmartchatError } from '@smartchat/contracts';
import { decodeJwt, errors as joseErrors, jwtVerify, SignJWT } from 'jose';

const AGENT_AUDIENCE = 'smartchat-agent';
const CUSTOMER_AUDIENCE = 'smartchat-customer';
const BACKOFFICE_AUDIENCE = 'smartchat-backoffice';
/**
 * Chat calling the back-office (customer context). Its own audience and issuer, so that such a
 * token, wherever the back-office logs or forwards it, is never accepted by our routes as a
 * back-office, customer or agent token.
 */
const CHAT_SERVICE_AUDIENCE = 'smartchat-chat';
const CHAT_SERVICE_SECONDS = 60;
/** Back-office service tokens are short-lived: minted per call or per few minutes. */
const MAX_BACKOFFICE_TOKEN_SECONDS = 3600;
const ISSUER = 'smartchat';
const BACKOFFICE_ISSUER = 'backoffice';
/** Longest customer token we accept, whatever its exp says: limits the damage of a leaked token. */
const MAX_CUSTOMER_TOKEN_SECONDS = 24 * 3600;
/** How far the back-office's clock may run ahead of ours. */
const CLOCK_SKEW_SECONDS = 60;

/**
 * A token issued by the back-office may live `maxSeconds` at most, counted from when we verify it:
 * its `exp` may be at most that far ahead of now, and its `iat` (when present) not in the future.
 * Measuring from `iat` alone would let a token dated ahead ("issued" next month, expiring an hour
 * after that) live for a month.
 */
function assertLifetime(payload: { exp?: number; iat?: number }, maxSeconds: number, what: string): void {
  const now = Math.floor(Date.now() / 1000);
  if (payload.iat !== undefined && payload.iat > now + CLOCK_SKEW_SECONDS) throw new SmartchatError('SC_ERR_AUTH_INVALID_TOKEN', `${what} tokens must not be issued in the future`);
  const issued = Math.min(payload.iat ?? now, now);
  if (payload.exp! - issued > maxSeconds || payload.exp! - now > maxSeconds) throw new SmartchatError('SC_ERR_AUTH_INVALID_TOKEN', `${what} tokens may live at most ${maxSeconds / 3600} hours`);
}

export interface AgentTokenClaims {
  agentId: string;
  sessionId: string;
  name: string;
  role: string;
}

export interface CustomerTokenClaims {
  externalId: string;
  name: string | null;
  email: string | null;
}

const key = (secret: string) => new TextEncoder().encode(secret);

export function signAgentToken(secret: string, claims: AgentTokenClaims, expiresAt: Date): Promise<string> {
  return new SignJWT({ sid: claims.sessionId, name: claims.name, role: claims.role })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(claims.agentId)
    .setIssuer(ISSUER)
    .setAudience(AGENT_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
    .sign(key(secret));
}

/** What the back-office does; used by tests, the demo seed and the load generator. */
export function signCustomerToken(secret: string, claims: CustomerTokenClaims, ttlSeconds = 3600): Promise<string> {
  return new SignJWT({ name: claims.name, email: claims.email })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(claims.externalId)
    .setIssuer(BACKOFFICE_ISSUER)
    .setAudience(CUSTOMER_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + ttlSeconds)
    .sign(key(secret));
}

/**
 * The back-office calling as itself (not on behalf of a customer), signed with the same shared
 * secret as customer tokens but for its own audience; `service` names the calling system.
 */
export function signBackofficeToken(secret: string, service: string, ttlSeconds = 300): Promise<string> {
  return new SignJWT({})
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(service)
    .setIssuer(BACKOFFICE_ISSUER)
    .setAudience(BACKOFFICE_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + ttlSeconds)
    .sign(key(secret));
}

/** Accepts only a back-office service token (customer and agent tokens are refused). */
export async function verifyBackofficeToken(token: string | undefined, secret: string): Promise<{ service: string }> {
  if (!token) throw new SmartchatError('SC_ERR_AUTH_REQUIRED');
  try {
    const { payload } = await jwtVerify(token, key(secret), { issuer: BACKOFFICE_ISSUER, audience: BACKOFFICE_AUDIENCE, algorithms: ['HS256'], requiredClaims: ['exp', 'iat', 'sub'] });
    assertLifetime(payload, MAX_BACKOFFICE_TOKEN_SECONDS, 'Back-office');
    if (!payload.sub || payload.sub.length > 100) throw new SmartchatError('SC_ERR_AUTH_INVALID_TOKEN');
    return { service: payload.sub };
  } catch (error) {
    if (error instanceof SmartchatError) throw error;
    if (error instanceof joseErrors.JOSEError) throw new SmartchatError('SC_ERR_AUTH_INVALID_TOKEN');
    throw error;
  }
}

/** What chat sends to the back-office: signed with the shared secret, for one minute. */
export function signChatServiceToken(secret: string): Promise<string> {
  return new SignJWT({})
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('chat')
    .setIssuer(ISSUER)
    .setAudience(CHAT_SERVICE_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + CHAT_SERVICE_SECONDS)
    .sign(key(secret));
}

/** What the back-office does with it (and our stand-in in tests): accepts only a chat service token. */
export async function verifyChatServiceToken(token: string | undefined, secret: string): Promise<{ service: string }> {
  if (!token) throw new SmartchatError('SC_ERR_AUTH_REQUIRED');
  try {
    const { payload } = await jwtVerify(token, key(secret), { issuer: ISSUER, audience: CHAT_SERVICE_AUDIENCE, algorithms: ['HS256'], requiredClaims: ['exp', 'iat', 'sub'] });
    assertLifetime(payload, CHAT_SERVICE_SECONDS, 'Chat service');
    return { service: payload.sub! };
  } catch (error) {
    if (error instanceof SmartchatError) throw error;
    if (error instanceof joseErrors.JOSEError) throw new SmartchatError('SC_ERR_AUTH_INVALID_TOKEN');
    throw error;
  }
}

export type VerifiedToken = ({ kind: 'agent' } & AgentTokenClaims) | ({ kind: 'customer' } & CustomerTokenClaims);

export async function verifyToken(token: string, secrets: { session: string; customer: string }): Promise<VerifiedToken> {
  let audience: unknown;
  try {
    audience = decodeJwt(token).aud;
  } catch {
    throw new SmartchatError('SC_ERR_AUTH_INVALID_TOKEN');
  }
  try {
    if (audience === AGENT_AUDIENCE) {
      const { payload } = await jwtVerify(token, key(secrets.session), { issuer: ISSUER, audience: AGENT_AUDIENCE, algorithms: ['HS256'], requiredClaims: ['exp', 'sub', 'sid'] });
      return { kind: 'agent', agentId: payload.sub!, sessionId: String(payload.sid), name: String(payload.name ?? ''), role: String(payload.role ?? 'agent') };
    }
    if (audience === CUSTOMER_AUDIENCE) {
      const { payload } = await jwtVerify(token, key(secrets.customer), { issuer: BACKOFFICE_ISSUER, audience: CUSTOMER_AUDIENCE, algorithms: ['HS256'], requiredClaims: ['exp', 'sub'] });
      assertLifetime(payload, MAX_CUSTOMER_TOKEN_SECONDS, 'Customer');
      if (!payload.sub || payload.sub.length > 200) throw new SmartchatError('SC_ERR_AUTH_INVALID_TOKEN');
      return {
        kind: 'customer',
        externalId: payload.sub,
        name: typeof payload.name === 'string' ? payload.name.slice(0, 200) : null,
        email: typeof payload.email === 'string' ? payload.email.slice(0, 254) : null,
      };
    }
  } catch (error) {
    if (error instanceof SmartchatError) throw error;
    if (error instanceof joseErrors.JOSEError) throw new SmartchatError('SC_ERR_AUTH_INVALID_TOKEN');
    throw error;
  }
  throw new SmartchatError('SC_ERR_AUTH_INVALID_TOKEN');
}
