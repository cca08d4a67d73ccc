import { z } from 'zod';
import { BadParamError } from '../lib/filters';

// Bodies of the requests that change data: JSON only (a form post from another site cannot send it
// without a CORS preflight this server never grants), small, and checked field by field with zod.

const MAX_BODY_BYTES = 16 * 1024;

export async function readJsonBody(request: Request): Promise<unknown> {
  const type = request.headers.get('content-type') ?? '';
  if (!/^application\/json\b/i.test(type))
    throw new BadParamError(`body: expected JSON with Content-Type: application/json, got ${type || 'none'}`);
  const text = await request.text();
  if (Buffer.byteLength(text, 'utf8') > MAX_BODY_BYTES)
    throw new BadParamError(`body: larger than ${MAX_BODY_BYTES / 1024} kB`);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new BadParamError('body: not valid JSON');
  }
}

/** Parses `raw` with `schema`; the first problem becomes a 400 naming its field ("scope.kind: ..."). */
export function parseBody<T extends z.ZodType>(schema: T, raw: unknown): z.infer<T> {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue?.path.length ? issue.path.join('.') : 'body';
  throw new BadParamError(`${field}: ${issue?.message ?? 'invalid'}`);
}

/** A positive whole number from a route segment such as /api/watch-topics/[id]. */
export function parseId(raw: string, name = 'id'): number {
  if (!/^[1-9]\d{0,15}$/.test(raw))
    throw new BadParamError(`${name}: expected a positive whole number, got ${raw}`);
  return Number(raw);
}

export const watchTopicCreateSchema = z.strictObject({
  name: z.string('expected text').trim().min(1, 'is empty').max(80, 'at most 80 characters'),
  query: z.string('expected text').trim().min(1, 'is empty').max(500, 'at most 500 characters'),
});

export const watchTopicUpdateSchema = watchTopicCreateSchema
  .partial()
  .refine((v) => v.name !== undefined || v.query !== undefined, 'give a name, a query or both');

export const alertRuleCreateSchema = z.strictObject({
  name: z.string('expected text').trim().min(1, 'is empty').max(100, 'at most 100 characters'),
  scope: z.discriminatedUnion(
    'kind',
    [
      z.strictObject({ kind: z.literal('all') }),
      z.strictObject({
        kind: z.literal('outlet'),
        outletId: z
          .number('expected an outlet id')
          .int('expected an outlet id')
          .positive('expected an outlet id'),
      }),
      z.strictObject({
        kind: z.literal('topic'),
        slug: z.string('expected a topic slug').trim().min(1, 'choose a topic').max(120),
      }),
      z.strictObject({
        kind: z.literal('query'),
        q: z.string('expected text').trim().min(1, 'type a search').max(300, 'at most 300 characters'),
      }),
    ],
    'expected all, outlet, topic or query',
  ),
  k: z.number('expected a number').min(0, 'must be 0 or more').max(50, 'at most 50').optional(),
  minCount: z
    .number('expected a whole number')
    .int('expected a whole number')
    .min(1, 'at least 1')
    .max(1_000_000)
    .optional(),
  webhookUrl: z
    .url({ protocol: /^https?$/, error: 'expected an http(s) URL' })
    .max(2000)
    .nullable()
    .optional(),
  enabled: z.boolean('expected true or false').optional(),
});

export const alertRuleUpdateSchema = z.strictObject({ enabled: z.boolean('expected true or false') });
