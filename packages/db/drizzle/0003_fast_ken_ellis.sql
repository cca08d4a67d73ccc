CREATE TABLE `subject_models` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`created_at` text NOT NULL,
	`examples` integer NOT NULL,
	`labels` integer NOT NULL,
	`model` text NOT NULL,
	`applied_through` integer DEFAULT 0 NOT NULL
);
