-- The full-text index merges its segments 16 at a time instead of FTS5's default 4. Every stored batch
-- (one transaction) writes a new segment, and at 4 the same postings were merged and rewritten again every
-- few batches: inserting ../shared/corpus's 57,849 articles' search text in batches of 500 took 4.7 CPU s
-- at 4 and 3.6 s at 16 (two runs each, twice). More segments stay unmerged, so a query reads more of them:
-- a one-term count 0.1 → 0.2 ms, a phrase 0.4 → 0.7 ms on that index, against whole pages of tens of ms.
INSERT INTO `articles_fts` (`articles_fts`, `rank`) VALUES ('automerge', 16);
