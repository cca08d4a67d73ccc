import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { closeDatabase, openDatabase } from '@rasid/db/client';
import { countArticles, createWatchTopic, listArticles } from '@rasid/db/queries';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../src/env.ts';
import { applyWatchTopicsTimed, describeWatchTopics } from '../src/jobs/apply-watch-topics.ts';
import { ingestFiles } from '../src/jobs/ingest-files.ts';

// The two seed scrapes: one story (Gantz on Morocco and Israel) told by two outlets.
const SEEDS = path.resolve(REPO_ROOT, '../shared/seeds');
const BIN = path.join(REPO_ROOT, 'apps/worker/bin/rasid.js');

describe('watch topics on articles that arrive', () => {
  it('links newly ingested articles to the watch topic they match, and only those', async () => {
    const db = openDatabase(':memory:');
    try {
      const { topic } = createWatchTopic(db, {
        name: 'Morocco–Israel',
        query: 'المغرب (اسرائيل OR إسرائيل)',
      });
      const other = createWatchTopic(db, { name: 'Cricket', query: 'cricket OR كريكيت' }).topic;
      expect(topic.articles).toBe(0);
      const summary = await ingestFiles(db, [SEEDS], { threads: 0 });
      expect(summary.new).toBe(2);
      // Stored, but not linked until the pass after the store step.
      expect(countArticles(db, { topics: [topic.slug] })).toBe(0);
      const applied = applyWatchTopicsTimed(db);
      expect(applied).toMatchObject({ topics: 2, checked: 2, linked: 2, unlinked: 0 });
      expect(describeWatchTopics(applied)).toMatch(
        /^watch topics: 2 applied to 2 new or changed articles \(2 linked, 0 unlinked\) in \d+\.\d s$/,
      );
      expect(countArticles(db, { topics: [topic.slug] })).toBe(2);
      expect(countArticles(db, { topics: [other.slug] })).toBe(0);
      const listed = listArticles(db, { topics: [topic.slug] }, { limit: 10 });
      expect(
        listed.items.every((a) => a.topics.some((t) => t.slug === topic.slug && t.kind === 'watch')),
      ).toBe(true);
      // Nothing new: the next pass reads no article.
      expect(applyWatchTopicsTimed(db)).toMatchObject({ checked: 0, linked: 0 });
    } finally {
      closeDatabase(db);
    }
  });

  it('says nothing when there is no watch topic', () => {
    const db = openDatabase(':memory:');
    try {
      const applied = applyWatchTopicsTimed(db);
      expect(applied).toMatchObject({ topics: 0, checked: 0 });
      expect(describeWatchTopics(applied)).toBeNull();
    } finally {
      closeDatabase(db);
    }
  });

  it('rasid ingest applies them after storing and prints what it did', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'rasid-watch-'));
    const file = path.join(dir, 'rasid.db');
    try {
      const db = openDatabase(file);
      const slug = createWatchTopic(db, { name: 'Gantz', query: 'غانتس' }).topic.slug;
      closeDatabase(db);
      const run = spawnSync(process.execPath, [BIN, 'ingest', SEEDS], {
        cwd: REPO_ROOT,
        env: { ...process.env, RASID_DB: file, RASID_LOG_LEVEL: 'warn' },
        encoding: 'utf8',
      });
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      expect(run.stdout).toMatch(
        /^watch topics: 1 applied to 2 new or changed articles \(2 linked, 0 unlinked\)/m,
      );
      const after = openDatabase(file);
      try {
        expect(countArticles(after, { topics: [slug] })).toBe(2);
      } finally {
        closeDatabase(after);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
