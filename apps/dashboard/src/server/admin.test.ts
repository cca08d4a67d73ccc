import { describe, expect, it } from 'vitest';
import { adminModeOf, checkAdminRequest, isLoopbackHost } from './admin';

const TOKEN = 'a-long-secret-token-0123456789';

function post(headers: Record<string, string>): Request {
  return new Request('http://127.0.0.1:3000/api/watch-topics', { method: 'POST', headers });
}

async function refusal(request: Request, policy: { host: string; token: string | null }) {
  const response = checkAdminRequest(request, policy);
  if (!response) return null;
  return { status: response.status, error: ((await response.json()) as { error: string }).error };
}

describe('who may change data', () => {
  it('names loopback hosts, and only those', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]', 'app.localhost'])
      expect(isLoopbackHost(host), host).toBe(true);
    for (const host of [
      '0.0.0.0',
      '192.168.1.5',
      'example.org',
      '::',
      '127.0.0.1.evil.org',
      'localhost.evil.org',
    ])
      expect(isLoopbackHost(host), host).toBe(false);
  });

  it('on loopback without a token: changes from this machine are allowed', async () => {
    const policy = { host: '127.0.0.1', token: null };
    expect(adminModeOf(policy)).toBe('open');
    expect(await refusal(post({ host: '127.0.0.1:3000' }), policy)).toBeNull();
    expect(
      await refusal(post({ host: 'localhost:3000', origin: 'http://localhost:3000' }), policy),
    ).toBeNull();
  });

  it('on loopback without a token: another site’s page or a rebound DNS name is refused', async () => {
    const policy = { host: '127.0.0.1', token: null };
    expect(await refusal(post({ host: '127.0.0.1:3000', origin: 'https://evil.example' }), policy)).toEqual({
      status: 403,
      error:
        'origin: https://evil.example is not this dashboard (127.0.0.1:3000); changes must come from its own pages',
    });
    expect(await refusal(post({ host: 'evil.example:3000' }), policy)).toMatchObject({
      status: 403,
      error: expect.stringMatching(/^host: evil\.example:3000 is not a loopback name/),
    });
    expect((await refusal(post({ host: '127.0.0.1:3000', origin: 'null' }), policy))?.status).toBe(403);
  });

  it('bound elsewhere without a token: every change is refused with how to set one', async () => {
    const policy = { host: '0.0.0.0', token: null };
    expect(adminModeOf(policy)).toBe('locked');
    const refused = await refusal(post({ host: '127.0.0.1:3000', authorization: `Bearer ${TOKEN}` }), policy);
    expect(refused?.status).toBe(403);
    expect(refused?.error).toMatch(/listens on 0\.0\.0\.0 and no admin token is set/);
    expect(refused?.error).toMatch(/RASID_ADMIN_TOKEN=/);
  });

  it('with a token: missing or wrong is 401, right (Bearer or header) passes, wherever it listens', async () => {
    for (const host of ['0.0.0.0', '127.0.0.1']) {
      const policy = { host, token: TOKEN };
      expect(adminModeOf(policy)).toBe('token');
      expect(await refusal(post({ host: 'rasid.example.org' }), policy)).toMatchObject({
        status: 401,
        error: expect.stringMatching(/^admin token: missing; send it as "Authorization: Bearer/),
      });
      expect(
        await refusal(post({ host: 'rasid.example.org', authorization: 'Bearer wrong' }), policy),
      ).toEqual({
        status: 401,
        error: 'admin token: does not match the RASID_ADMIN_TOKEN the dashboard was started with',
      });
      // A prefix of the token is not the token.
      expect(
        (await refusal(post({ host: 'x', authorization: `Bearer ${TOKEN.slice(0, -1)}` }), policy))?.status,
      ).toBe(401);
      expect(
        await refusal(post({ host: 'rasid.example.org', authorization: `Bearer ${TOKEN}` }), policy),
      ).toBeNull();
      expect(
        await refusal(post({ host: 'rasid.example.org', 'x-rasid-admin-token': TOKEN }), policy),
      ).toBeNull();
      // The token does not make another site's page a legitimate caller.
      expect(
        (
          await refusal(
            post({
              host: 'rasid.example.org',
              origin: 'https://evil.example',
              authorization: `Bearer ${TOKEN}`,
            }),
            policy,
          )
        )?.status,
      ).toBe(403);
    }
  });
});
