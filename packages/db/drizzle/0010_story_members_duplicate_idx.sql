-- "Unique texts only" leaves out the articles stored as a copy of another story member's text. Queries read
-- the copies' ids from this small index once: on ../shared/corpus (57,849 articles, 1,707 copies) a unique
-- count took 16 ms, against 50 ms reading story_members whole (its rows hold signature blobs) and 190 ms
-- looking up each article's row there.
CREATE INDEX `story_members_duplicate_idx` ON `story_members` (`article_id`) WHERE "story_members"."kind" = 'duplicate';
