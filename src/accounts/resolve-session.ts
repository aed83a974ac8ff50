import { createHmac, timingSafeEqual } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { AccountRole } from '../contracts/operators.js';
import { type Db, executePrepared } from '../db/index.js';

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  /** The session behind the request; null when an API key authenticated it (routes that admit keys only). */
  sessionId: string | null;
  role: AccountRole;
  /** Two-factor sign-in is on (the operator console requires it). */
  twoFactor: boolean;
  /** Downloads carry the settings that made the image (read here: a download needs no second query). */
  embedSettings: boolean;
  /** The account opted into mature content (18+): explicit prompts and tags are allowed, never minors. */
  mature: boolean;
  /**
   * The minimum age was confirmed and the terms accepted (at e-mail sign-up,
   * or on the welcome step of an account made by a provider sign-in); until
   * then the account may not generate or upload.
   */
  ageConfirmed: boolean;
}

/**
 * Reads the session behind a request's cookie with one indexed query.
 *
 * Better Auth's own getSession costs ~4 ms of CPU per call (measured: 2 queries
 * plus framework work), which capped every authenticated route near 250 req/s
 * on 2 cores. This does the same checks (the cookie's HMAC signature made with
 * our secret, the session row, its expiry) without that overhead. Sessions are
 * still created, refreshed (GET /api/auth/get-session, which the web app calls
 * on load) and revoked by Better Auth; this only reads them.
 */
export function createSessionResolver(o: { db: Db; secret: string; secureCookies: boolean }) {
  const cookieName = `${o.secureCookies ? '__Secure-' : ''}animegen.session_token`;
  return async function resolveSession(cookieHeader: string | undefined): Promise<SessionUser | null> {
    const token = verifiedToken(readCookie(cookieHeader, cookieName), o.secret);
    if (!token) return null;
    // Marks the session as used at most every 5 minutes, for the session list.
    const read = sql`
      with touched as (
        update session set updated_at = now()
        where token = ${token} and expires_at > now() and updated_at < now() - interval '5 minutes'
      )
      select u.id, u.email, u.name, u.role, u.embed_settings as "embedSettings", u.two_factor_enabled as "twoFactor",
        u.mature_content_at is not null as "mature", u.age_confirmed_at is not null as "ageConfirmed",
        s.id as "sessionId" from session s join "user" u on u.id = s.user_id
      where s.token = ${token} and s.expires_at > now() and u.deleted_at is null and u.suspended_at is null`;
    const [user] = await executePrepared<SessionUser>(o.db, 'session_read', read);
    return user ?? null;
  };
}

function readCookie(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return null;
      }
    }
  }
  return null;
}

/** `token.base64(HMAC-SHA256(secret, token))`, as Better Auth signs it. */
function verifiedToken(value: string | null, secret: string): string | null {
  if (!value) return null;
  const dot = value.lastIndexOf('.');
  if (dot < 1) return null;
  const token = value.slice(0, dot);
  const given = Buffer.from(value.slice(dot + 1), 'base64');
  const expected = createHmac('sha256', secret).update(token).digest();
  return given.length === expected.length && timingSafeEqual(given, expected) ? token : null;
}
