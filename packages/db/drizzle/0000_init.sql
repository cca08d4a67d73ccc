CREATE TABLE `articles` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`dedupe_key` text NOT NULL,
	`url` text,
	`outlet_id` integer NOT NULL,
	`title` text NOT NULL,
	`byline` text,
	`body` text NOT NULL,
	`language` text,
	`direction` text NOT NULL,
	`section` text,
	`published_at` text,
	`date_source` text NOT NULL,
	`date_precision` text,
	`first_seen_at` text NOT NULL,
	`day` text NOT NULL,
	`content_hash` text NOT NULL,
	`simhash` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`outlet_id`) REFERENCES `outlets`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `articles_dedupe_key_uq` ON `articles` (`dedupe_key`);--> statement-breakpoint
CREATE INDEX `articles_day_idx` ON `articles` (`day`,`outlet_id`,`language`);--> statement-breakpoint
CREATE INDEX `articles_outlet_day_idx` ON `articles` (`outlet_id`,`day`);--> statement-breakpoint
CREATE INDEX `articles_language_day_idx` ON `articles` (`language`,`day`);--> statement-breakpoint
CREATE INDEX `articles_content_hash_idx` ON `articles` (`content_hash`);--> statement-breakpoint
CREATE TABLE `outlets` (
	`id` integer PRIMARY KEY NOT NULL,
	`key` text NOT NULL,
	`name` text NOT NULL,
	`domain` text,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `outlets_key_uq` ON `outlets` (`key`);--> statement-breakpoint
CREATE UNIQUE INDEX `outlets_domain_uq` ON `outlets` (`domain`);--> statement-breakpoint
CREATE TABLE `raw_documents` (
	`id` integer PRIMARY KEY NOT NULL,
	`sha256` text NOT NULL,
	`article_id` integer,
	`run_id` integer,
	`location` text NOT NULL,
	`url` text,
	`format` text NOT NULL,
	`content_type` text,
	`fetched_at` text NOT NULL,
	`content` blob NOT NULL,
	`size` integer NOT NULL,
	FOREIGN KEY (`article_id`) REFERENCES `articles`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `raw_documents_sha256_uq` ON `raw_documents` (`sha256`);--> statement-breakpoint
CREATE INDEX `raw_documents_article_idx` ON `raw_documents` (`article_id`);--> statement-breakpoint
CREATE TABLE `rollup_daily` (
	`day` text NOT NULL,
	`outlet_id` integer NOT NULL,
	`language` text DEFAULT '' NOT NULL,
	`count` integer NOT NULL,
	PRIMARY KEY(`day`, `outlet_id`, `language`)
);
--> statement-breakpoint
CREATE TABLE `rollup_daily_topic` (
	`day` text NOT NULL,
	`outlet_id` integer NOT NULL,
	`language` text DEFAULT '' NOT NULL,
	`topic_id` integer NOT NULL,
	`count` integer NOT NULL,
	PRIMARY KEY(`day`, `outlet_id`, `language`, `topic_id`)
);
--> statement-breakpoint
CREATE TABLE `ingest_failures` (
	`id` integer PRIMARY KEY NOT NULL,
	`run_id` integer,
	`source_id` integer,
	`location` text NOT NULL,
	`reason` text NOT NULL,
	`created_at` text NOT NULL,
	`resolved_at` text,
	FOREIGN KEY (`run_id`) REFERENCES `ingest_runs`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `ingest_failures_run_idx` ON `ingest_failures` (`run_id`);--> statement-breakpoint
CREATE INDEX `ingest_failures_resolved_idx` ON `ingest_failures` (`resolved_at`);--> statement-breakpoint
CREATE TABLE `ingest_runs` (
	`id` integer PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`source_id` integer,
	`args` text,
	`started_at` text NOT NULL,
	`finished_at` text,
	`status` text NOT NULL,
	`read` integer DEFAULT 0 NOT NULL,
	`new` integer DEFAULT 0 NOT NULL,
	`updated` integer DEFAULT 0 NOT NULL,
	`duplicate` integer DEFAULT 0 NOT NULL,
	`failed` integer DEFAULT 0 NOT NULL,
	`error` text,
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `ingest_runs_started_idx` ON `ingest_runs` (`started_at`);--> statement-breakpoint
CREATE TABLE `sources` (
	`id` integer PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`location` text NOT NULL,
	`outlet_hint` text,
	`language_hint` text,
	`schedule` text,
	`enabled` integer DEFAULT true NOT NULL,
	`config` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`last_run_at` text,
	`last_success_at` text,
	`last_error` text,
	`last_error_at` text,
	`items_seen` integer DEFAULT 0 NOT NULL,
	`items_new` integer DEFAULT 0 NOT NULL,
	`items_duplicate` integer DEFAULT 0 NOT NULL,
	`items_failed` integer DEFAULT 0 NOT NULL,
	`etag` text,
	`last_modified` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sources_name_uq` ON `sources` (`name`);--> statement-breakpoint
CREATE TABLE `article_topics` (
	`article_id` integer NOT NULL,
	`topic_id` integer NOT NULL,
	`score` real NOT NULL,
	`source` text NOT NULL,
	PRIMARY KEY(`article_id`, `topic_id`),
	FOREIGN KEY (`article_id`) REFERENCES `articles`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`topic_id`) REFERENCES `topics`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `article_topics_topic_idx` ON `article_topics` (`topic_id`,`article_id`);--> statement-breakpoint
CREATE TABLE `topics` (
	`id` integer PRIMARY KEY NOT NULL,
	`slug` text NOT NULL,
	`name` text NOT NULL,
	`name_ar` text,
	`kind` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `topics_slug_uq` ON `topics` (`slug`);