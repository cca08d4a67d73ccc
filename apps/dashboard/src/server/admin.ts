import { createHash, timingSafeEqual } from 'node:crypto';
import { NextResponse } from 'next/server';
import { env } from '../env';

// Who may change data (watch topics, alert rules). Reading is open to whoever can reach the dashboard;
// changing needs:
// - the admin token, whenever RASID_ADMIN_TOKEN is set (Authorization: Bearer <token>, or the
//   x-rasid-admin-token header), compared in constant time;
// - with no token set, a dashboard bound to loopback (RASID_HOST, 127.0.0.1 by default) accepts changes
//   from this machine; bound anywhere else it refuses every change and says how to set a token.
// Whatever the mode, a request sent by another site's page is refused: its Origin must be this host,
// and, without a token, its Host must be a loopback name (a DNS-rebinding page sends its own name).

export type AdminPolicy = { host: string; token: string | null };

/** open: loopback without a token; token: the token is required; locked: no change is accepted. */
export type AdminMode = 'open' | 'token' | 'locked';

export const ADMIN_TOKEN_HEADER = 'x-rasid-admin-token';

const LOOPBACK_NAMES = new Set(['localhost', '::1', '[::1]', '0:0:0:0:0:0:0:1']);

export function isLoopbackHost(host: string): boolean {
  const name = host.trim().toLowerCase();
  return LOOPBACK_NAMES.has(name) || name.endsWith('.localhost') || /^127(\.\d{1,3}){3}$/.test(name);
}

export function adminModeOf(policy: AdminPolicy): AdminMode {
  if (policy.token) return 'token';
  return isLoopbackHost(policy.host) ? 'open' : 'locked';
}

const LOCKED_MESSAGE = (host: string) =>
  `changes are turned off: the dashboard listens on ${host} and no admin token is set. Restart it with ` +
  'RASID_ADMIN_TOKEN=<a secret of 16 characters or more, e.g. from `openssl rand -hex 32`> and send that ' +
  'token with each change, or let it listen on 127.0.0.1 (RASID_HOST) to change data from this machine only';

/** A sentence for the page: what a change needs in this mode. */
export function describeAdminMode(policy: AdminPolicy): string {
  switch (adminModeOf(policy)) {
    case 'open':
      return `the dashboard listens on ${policy.host} only: changes from this machine need no token`;
    case 'token':
      return 'changes need the admin token (RASID_ADMIN_TOKEN)';
    case 'locked':
      return LOCKED_MESSAGE(policy.host);
  }
}

// Hashing both sides first gives timingSafeEqual equal lengths, so not even the token's length leaks.
function sameSecret(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given, 'utf8').digest();
  const b = createHash('sha256').update(expected, 'utf8').digest();
  return timingSafeEqual(a, b);
}

function tokenOf(request: Request): string | null {
  const header = request.headers.get(ADMIN_TOKEN_HEADER);
  if (header) return header.trim();
  const authorization = request.headers.get('authorization');
  const bearer = authorization?.match(/^Bearer\s+(.+)$/i);
  return bearer?.[1]?.trim() ?? null;
}

function hostnameOf(hostHeader: string): string {
  // "127.0.0.1:3000", "[::1]:3000", "example.org"
  if (hostHeader.startsWith('[')) return hostHeader.slice(0, hostHeader.indexOf(']') + 1);
  return hostHeader.replace(/:\d+$/, '');
}

const refuse = (status: 401 | 403, error: string) =>
  NextResponse.json({ error }, { status, headers: { 'cache-control': 'no-store' } });

/**
 * Null when `request` may change data under `policy`, else the response to send: 403 for a change the
 * dashboard refuses whatever the caller sends (locked mode, another site's page), 401 for a missing or
 * wrong token.
 */
export function checkAdminRequest(request: Request, policy: AdminPolicy): Response | null {
  const host = request.headers.get('host') ?? '';
  const origin = request.headers.get('origin');
  if (origin !== null) {
    let originHost: string | null = null;
    try {
      originHost = new URL(origin).host;
    } catch {
      // "null" (a sandboxed page or a file) and anything unparsable are not this dashboard.
    }
    if (originHost !== host)
      return refuse(
        403,
        `origin: ${origin} is not this dashboard (${host}); changes must come from its own pages`,
      );
  }
  switch (adminModeOf(policy)) {
    case 'locked':
      return refuse(403, LOCKED_MESSAGE(policy.host));
    case 'open':
      if (!isLoopbackHost(hostnameOf(host)))
        return refuse(
          403,
          `host: ${host || '(none)'} is not a loopback name; without an admin token, changes are accepted only at 127.0.0.1 or localhost`,
        );
      return null;
    case 'token': {
      const given = tokenOf(request);
      if (!given)
        return refuse(
          401,
          `admin token: missing; send it as "Authorization: Bearer <RASID_ADMIN_TOKEN>" (or the ${ADMIN_TOKEN_HEADER} header)`,
        );
      if (!sameSecret(given, policy.token as string))
        return refuse(
          401,
          'admin token: does not match the RASID_ADMIN_TOKEN the dashboard was started with',
        );
      return null;
    }
  }
}

/** The dashboard's own policy, from the validated environment. */
export const adminPolicy: AdminPolicy = { host: env.host, token: env.adminToken };

/** checkAdminRequest under the dashboard's own policy. */
export function requireAdmin(request: Request): Response | null {
  return checkAdminRequest(request, adminPolicy);
}
