'use client';

import { useQuery } from '@tanstack/react-query';
import { ApiError, fetchJson } from './api';

// Changes from the pages: JSON requests carrying the admin token when the dashboard needs one. The token
// stays in this tab's sessionStorage (never a cookie, so another site cannot make the browser send it).

export type AdminResponse = { mode: 'open' | 'token' | 'locked'; message: string };

const TOKEN_KEY = 'rasid-admin-token';

export function readAdminToken(): string {
  try {
    return sessionStorage.getItem(TOKEN_KEY) ?? '';
  } catch {
    return '';
  }
}

export function saveAdminToken(token: string): void {
  try {
    if (token) sessionStorage.setItem(TOKEN_KEY, token);
    else sessionStorage.removeItem(TOKEN_KEY);
  } catch {
    // Storage refused (private mode): the token is then asked for again on the next page.
  }
}

export function useAdmin() {
  return useQuery({
    queryKey: ['/api/admin'],
    queryFn: ({ signal }) => fetchJson<AdminResponse>('/api/admin', signal),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/** Sends a change; throws an ApiError with the server's explanation when it is refused. */
export async function sendChange<T>(
  method: 'POST' | 'PATCH' | 'DELETE',
  url: string,
  body?: unknown,
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const token = readAdminToken();
  if (token) headers.authorization = `Bearer ${token}`;
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'Could not reach the dashboard server. Is `next start` still running?');
  }
  const payload: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const message =
      payload && typeof payload === 'object' && 'error' in payload && typeof payload.error === 'string'
        ? payload.error
        : `${response.status} ${response.statusText}`;
    throw new ApiError(response.status, message);
  }
  return payload as T;
}
