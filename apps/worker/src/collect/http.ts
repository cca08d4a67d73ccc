// HTTP fetching for sources: conditional requests, a timeout, a size cap, and only http(s).
export type FetchOptions = {
  etag?: string | null;
  lastModified?: string | null;
  timeoutMs?: number;
  maxBytes?: number;
  fetchImpl?: typeof fetch;
};

export type FetchResult =
  | { status: 'not-modified' }
  | {
      status: 'ok';
      url: string;
      bytes: Uint8Array;
      contentType: string | null;
      etag: string | null;
      lastModified: string | null;
    };

export const USER_AGENT = 'Rasid/0.1 (self-hosted media monitoring; +https://github.com/rasid-media/rasid)';

export async function fetchDocument(url: string, options: FetchOptions = {}): Promise<FetchResult> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`${url}: not a valid URL`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new Error(`${url}: only http and https URLs are fetched`);
  }
  const maxBytes = options.maxBytes ?? 20 * 1024 * 1024;
  const headers: Record<string, string> = {
    'user-agent': USER_AGENT,
    accept:
      'application/rss+xml, application/atom+xml, application/feed+json, application/xml, text/xml, text/html;q=0.9, */*;q=0.5',
  };
  if (options.etag) headers['if-none-match'] = options.etag;
  if (options.lastModified) headers['if-modified-since'] = options.lastModified;

  let response: Response;
  try {
    response = await (options.fetchImpl ?? fetch)(parsed, {
      headers,
      redirect: 'follow',
      signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const reason =
      (error as Error).name === 'TimeoutError'
        ? `timed out after ${(options.timeoutMs ?? 30_000) / 1000} s`
        : (cause?.code ?? cause?.message ?? (error as Error).message);
    throw new Error(`${url}: request failed: ${reason}`);
  }
  if (response.status === 304) return { status: 'not-modified' };
  if (!response.ok) {
    await response.body?.cancel();
    throw new Error(`${url}: HTTP ${response.status} ${response.statusText}`.trim());
  }
  const declared = Number(response.headers.get('content-length') ?? '0');
  if (declared > maxBytes) {
    await response.body?.cancel();
    throw new Error(`${url}: response too large (${declared} bytes, the limit is ${maxBytes})`);
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (response.body) {
    for await (const chunk of response.body) {
      size += chunk.byteLength;
      if (size > maxBytes) throw new Error(`${url}: response too large (over ${maxBytes} bytes)`);
      chunks.push(chunk);
    }
  }
  return {
    status: 'ok',
    url: response.url || url,
    bytes: Buffer.concat(chunks),
    contentType: response.headers.get('content-type'),
    etag: response.headers.get('etag'),
    lastModified: response.headers.get('last-modified'),
  };
}
