import { closeDatabase } from '@rasid/db/client';
import { EXPORT_COLUMNS, type ExportRow, iterateExportRows } from '@rasid/db/queries';
import type { NextRequest } from 'next/server';
import { exportContentType, exportFileName, formatHead, formatRow, formatTail } from '@/lib/export-format';
import { parseExportParams } from '@/lib/export-params';
import { parseFilters, toCoverageFilters } from '@/lib/filters';
import { openExportDb } from '@/server/db';
import { respondJson } from '@/server/respond';

export const dynamic = 'force-dynamic';

// Rows per chunk: enough to keep the per-chunk overhead small, few enough that memory stays flat.
const rowsPerChunk = 200;

/**
 * GET /api/export?format=csv|json|jsonl&…filters (and the article list's day/bucket/outletId/inTopic):
 * every matching article, streamed, with no row cap. `json` is one array (opens anywhere); `jsonl` is
 * one object per line, for tools that read as they go.
 */
export function GET(request: NextRequest) {
  return respondJson(() => {
    const search = request.nextUrl.searchParams;
    const filters = toCoverageFilters(parseFilters(search));
    const { format, day, bucket, outletId, inTopic } = parseExportParams(search);
    const db = openExportDb();
    let rows: Generator<ExportRow, void, undefined>;
    let first: IteratorResult<ExportRow, void>;
    try {
      rows = iterateExportRows(db, {
        ...filters,
        ...(day ? { day, bucket: bucket ?? 'day' } : {}),
        ...(outletId ? { outletId } : {}),
        ...(inTopic ? { topic: inTopic } : {}),
      });
      // The query runs here, before any byte is sent, so a bad search is still a clean 400/500.
      first = rows.next();
    } catch (error) {
      closeDatabase(db);
      throw error;
    }

    const encoder = new TextEncoder();
    let next = first;
    let count = 0;
    let closed = false;
    const finish = () => {
      if (closed) return;
      closed = true;
      rows.return();
      closeDatabase(db);
    };
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(encoder.encode(formatHead(format, EXPORT_COLUMNS)));
      },
      async pull(controller) {
        // Pulls chain as microtasks while the client keeps up, which would starve every other request
        // of this server until the file is done; yielding a macrotask per chunk lets them in between.
        await new Promise((resolve) => setImmediate(resolve));
        if (closed) return;
        try {
          let chunk = '';
          for (let i = 0; i < rowsPerChunk && !next.done; i++) {
            chunk += formatRow(format, next.value, count++, EXPORT_COLUMNS);
            next = rows.next();
          }
          if (next.done) {
            chunk += formatTail(format, count);
            finish();
            controller.enqueue(encoder.encode(chunk));
            controller.close();
          } else {
            controller.enqueue(encoder.encode(chunk));
          }
        } catch (error) {
          // Headers are gone: all we can do is cut the download short, which the browser reports as failed.
          console.error('[rasid dashboard] export failed mid-stream', error);
          finish();
          controller.error(error);
        }
      },
      cancel() {
        finish();
      },
    });

    return new Response(body, {
      headers: {
        'content-type': exportContentType[format],
        'content-disposition': `attachment; filename="${exportFileName(format, new Date())}"`,
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
      },
    });
  });
}
