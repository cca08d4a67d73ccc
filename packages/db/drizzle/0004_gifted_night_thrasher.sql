CREATE TABLE `watch_topics` (
	`topic_id` integer PRIMARY KEY NOT NULL,
	`query` text NOT NULL,
	`applied_through` integer DEFAULT 0 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`topic_id`) REFERENCES `topics`(`id`) ON UPDATE no action ON DELETE cascade
);
