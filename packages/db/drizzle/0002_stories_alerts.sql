CREATE TABLE `alert_rules` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`scope_kind` text NOT NULL,
	`scope_value` text DEFAULT '' NOT NULL,
	`k` real NOT NULL,
	`min_count` integer NOT NULL,
	`webhook_url` text,
	`enabled` integer DEFAULT true NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `alert_rules_name_uq` ON `alert_rules` (`name`);--> statement-breakpoint
CREATE TABLE `alerts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`rule_id` integer NOT NULL,
	`day` text NOT NULL,
	`count` integer NOT NULL,
	`mean` real NOT NULL,
	`stddev` real NOT NULL,
	`threshold` real NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`delivered_at` text,
	FOREIGN KEY (`rule_id`) REFERENCES `alert_rules`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `alerts_rule_day_uq` ON `alerts` (`rule_id`,`day`);--> statement-breakpoint
CREATE INDEX `alerts_day_idx` ON `alerts` (`day`);--> statement-breakpoint
CREATE TABLE `stories` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`first_article_id` integer NOT NULL,
	`title` text NOT NULL,
	`first_day` text NOT NULL,
	`last_day` text NOT NULL,
	`article_count` integer NOT NULL,
	`unique_count` integer NOT NULL,
	`outlet_count` integer NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `stories_last_day_idx` ON `stories` (`last_day`);--> statement-breakpoint
CREATE INDEX `stories_first_day_idx` ON `stories` (`first_day`);--> statement-breakpoint
CREATE TABLE `story_members` (
	`article_id` integer PRIMARY KEY NOT NULL,
	`story_id` integer NOT NULL,
	`day` text NOT NULL,
	`kind` text NOT NULL,
	`duplicate_of` integer,
	`similarity` real NOT NULL,
	`content_hash` text NOT NULL,
	`lead` blob NOT NULL,
	`terms` blob NOT NULL,
	FOREIGN KEY (`article_id`) REFERENCES `articles`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`story_id`) REFERENCES `stories`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `story_members_day_idx` ON `story_members` (`day`);--> statement-breakpoint
CREATE INDEX `story_members_story_idx` ON `story_members` (`story_id`,`day`);