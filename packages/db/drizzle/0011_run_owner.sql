-- The process (and machine) running a run: a run whose process is gone (killed, crashed) is closed as
-- interrupted instead of reading "running" for ever, and a source a live process is running is not started
-- again by another (a cron `rasid run --once` beside `rasid run`). The index finds a source's running run.
ALTER TABLE `ingest_runs` ADD `pid` integer;--> statement-breakpoint
ALTER TABLE `ingest_runs` ADD `host` text;--> statement-breakpoint
CREATE INDEX `ingest_runs_running_idx` ON `ingest_runs` (`source_id`) WHERE status = 'running';