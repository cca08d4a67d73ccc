CREATE TABLE `rollup_monthly` (
	`month` text NOT NULL,
	`outlet_id` integer NOT NULL,
	`language` text DEFAULT '' NOT NULL,
	`count` integer NOT NULL,
	PRIMARY KEY(`month`, `outlet_id`, `language`)
);
--> statement-breakpoint
CREATE TABLE `rollup_monthly_topic` (
	`month` text NOT NULL,
	`outlet_id` integer NOT NULL,
	`language` text DEFAULT '' NOT NULL,
	`topic_id` integer NOT NULL,
	`count` integer NOT NULL,
	PRIMARY KEY(`month`, `outlet_id`, `language`, `topic_id`)
);
--> statement-breakpoint
CREATE TABLE `rollup_weekly` (
	`week` text NOT NULL,
	`outlet_id` integer NOT NULL,
	`language` text DEFAULT '' NOT NULL,
	`count` integer NOT NULL,
	PRIMARY KEY(`week`, `outlet_id`, `language`)
);
--> statement-breakpoint
CREATE TABLE `rollup_weekly_topic` (
	`week` text NOT NULL,
	`outlet_id` integer NOT NULL,
	`language` text DEFAULT '' NOT NULL,
	`topic_id` integer NOT NULL,
	`count` integer NOT NULL,
	PRIMARY KEY(`week`, `outlet_id`, `language`, `topic_id`)
);
--> statement-breakpoint
CREATE INDEX `articles_id_facets_idx` ON `articles` (`id`,`day`,`outlet_id`,`language`);
--> statement-breakpoint
-- Weekly and monthly rollups: sums of the daily ones, filled from them once here and then kept by the
-- triggers below, so that whoever writes rollup_daily / rollup_daily_topic (the store's recount, the
-- classifier, watch topics, a full rebuild) keeps them exact in the same transaction. A week is keyed by
-- its Monday (date(day, '-6 days', 'weekday 1'), the expression the charts group by); a month by YYYY-MM.
-- A row whose sum falls to 0 is deleted, so the coarse tables hold exactly the groups the daily ones do.
INSERT INTO `rollup_weekly` (`week`, `outlet_id`, `language`, `count`)
	SELECT date(day, '-6 days', 'weekday 1'), outlet_id, language, sum(count) FROM rollup_daily GROUP BY 1, 2, 3;
--> statement-breakpoint
INSERT INTO `rollup_monthly` (`month`, `outlet_id`, `language`, `count`)
	SELECT substr(day, 1, 7), outlet_id, language, sum(count) FROM rollup_daily GROUP BY 1, 2, 3;
--> statement-breakpoint
INSERT INTO `rollup_weekly_topic` (`week`, `outlet_id`, `language`, `topic_id`, `count`)
	SELECT date(day, '-6 days', 'weekday 1'), outlet_id, language, topic_id, sum(count) FROM rollup_daily_topic GROUP BY 1, 2, 3, 4;
--> statement-breakpoint
INSERT INTO `rollup_monthly_topic` (`month`, `outlet_id`, `language`, `topic_id`, `count`)
	SELECT substr(day, 1, 7), outlet_id, language, topic_id, sum(count) FROM rollup_daily_topic GROUP BY 1, 2, 3, 4;
--> statement-breakpoint
CREATE TRIGGER `rollup_daily_after_insert` AFTER INSERT ON `rollup_daily` BEGIN
	INSERT INTO `rollup_weekly` (`week`, `outlet_id`, `language`, `count`) VALUES (date(new.day, '-6 days', 'weekday 1'), new.outlet_id, new.language, new.count)
		ON CONFLICT (`week`, `outlet_id`, `language`) DO UPDATE SET `count` = `count` + excluded.`count`;
	INSERT INTO `rollup_monthly` (`month`, `outlet_id`, `language`, `count`) VALUES (substr(new.day, 1, 7), new.outlet_id, new.language, new.count)
		ON CONFLICT (`month`, `outlet_id`, `language`) DO UPDATE SET `count` = `count` + excluded.`count`;
END;
--> statement-breakpoint
CREATE TRIGGER `rollup_daily_after_delete` AFTER DELETE ON `rollup_daily` BEGIN
	INSERT INTO `rollup_weekly` (`week`, `outlet_id`, `language`, `count`) VALUES (date(old.day, '-6 days', 'weekday 1'), old.outlet_id, old.language, -old.count)
		ON CONFLICT (`week`, `outlet_id`, `language`) DO UPDATE SET `count` = `count` + excluded.`count`;
	DELETE FROM `rollup_weekly` WHERE `week` = date(old.day, '-6 days', 'weekday 1') AND `outlet_id` = old.outlet_id AND `language` = old.language AND `count` = 0;
	INSERT INTO `rollup_monthly` (`month`, `outlet_id`, `language`, `count`) VALUES (substr(old.day, 1, 7), old.outlet_id, old.language, -old.count)
		ON CONFLICT (`month`, `outlet_id`, `language`) DO UPDATE SET `count` = `count` + excluded.`count`;
	DELETE FROM `rollup_monthly` WHERE `month` = substr(old.day, 1, 7) AND `outlet_id` = old.outlet_id AND `language` = old.language AND `count` = 0;
END;
--> statement-breakpoint
CREATE TRIGGER `rollup_daily_after_update` AFTER UPDATE ON `rollup_daily` BEGIN
	INSERT INTO `rollup_weekly` (`week`, `outlet_id`, `language`, `count`) VALUES (date(old.day, '-6 days', 'weekday 1'), old.outlet_id, old.language, -old.count)
		ON CONFLICT (`week`, `outlet_id`, `language`) DO UPDATE SET `count` = `count` + excluded.`count`;
	DELETE FROM `rollup_weekly` WHERE `week` = date(old.day, '-6 days', 'weekday 1') AND `outlet_id` = old.outlet_id AND `language` = old.language AND `count` = 0;
	INSERT INTO `rollup_monthly` (`month`, `outlet_id`, `language`, `count`) VALUES (substr(old.day, 1, 7), old.outlet_id, old.language, -old.count)
		ON CONFLICT (`month`, `outlet_id`, `language`) DO UPDATE SET `count` = `count` + excluded.`count`;
	DELETE FROM `rollup_monthly` WHERE `month` = substr(old.day, 1, 7) AND `outlet_id` = old.outlet_id AND `language` = old.language AND `count` = 0;
	INSERT INTO `rollup_weekly` (`week`, `outlet_id`, `language`, `count`) VALUES (date(new.day, '-6 days', 'weekday 1'), new.outlet_id, new.language, new.count)
		ON CONFLICT (`week`, `outlet_id`, `language`) DO UPDATE SET `count` = `count` + excluded.`count`;
	INSERT INTO `rollup_monthly` (`month`, `outlet_id`, `language`, `count`) VALUES (substr(new.day, 1, 7), new.outlet_id, new.language, new.count)
		ON CONFLICT (`month`, `outlet_id`, `language`) DO UPDATE SET `count` = `count` + excluded.`count`;
END;
--> statement-breakpoint
CREATE TRIGGER `rollup_daily_topic_after_insert` AFTER INSERT ON `rollup_daily_topic` BEGIN
	INSERT INTO `rollup_weekly_topic` (`week`, `outlet_id`, `language`, `topic_id`, `count`) VALUES (date(new.day, '-6 days', 'weekday 1'), new.outlet_id, new.language, new.topic_id, new.count)
		ON CONFLICT (`week`, `outlet_id`, `language`, `topic_id`) DO UPDATE SET `count` = `count` + excluded.`count`;
	INSERT INTO `rollup_monthly_topic` (`month`, `outlet_id`, `language`, `topic_id`, `count`) VALUES (substr(new.day, 1, 7), new.outlet_id, new.language, new.topic_id, new.count)
		ON CONFLICT (`month`, `outlet_id`, `language`, `topic_id`) DO UPDATE SET `count` = `count` + excluded.`count`;
END;
--> statement-breakpoint
CREATE TRIGGER `rollup_daily_topic_after_delete` AFTER DELETE ON `rollup_daily_topic` BEGIN
	INSERT INTO `rollup_weekly_topic` (`week`, `outlet_id`, `language`, `topic_id`, `count`) VALUES (date(old.day, '-6 days', 'weekday 1'), old.outlet_id, old.language, old.topic_id, -old.count)
		ON CONFLICT (`week`, `outlet_id`, `language`, `topic_id`) DO UPDATE SET `count` = `count` + excluded.`count`;
	DELETE FROM `rollup_weekly_topic` WHERE `week` = date(old.day, '-6 days', 'weekday 1') AND `outlet_id` = old.outlet_id AND `language` = old.language AND `topic_id` = old.topic_id AND `count` = 0;
	INSERT INTO `rollup_monthly_topic` (`month`, `outlet_id`, `language`, `topic_id`, `count`) VALUES (substr(old.day, 1, 7), old.outlet_id, old.language, old.topic_id, -old.count)
		ON CONFLICT (`month`, `outlet_id`, `language`, `topic_id`) DO UPDATE SET `count` = `count` + excluded.`count`;
	DELETE FROM `rollup_monthly_topic` WHERE `month` = substr(old.day, 1, 7) AND `outlet_id` = old.outlet_id AND `language` = old.language AND `topic_id` = old.topic_id AND `count` = 0;
END;
--> statement-breakpoint
CREATE TRIGGER `rollup_daily_topic_after_update` AFTER UPDATE ON `rollup_daily_topic` BEGIN
	INSERT INTO `rollup_weekly_topic` (`week`, `outlet_id`, `language`, `topic_id`, `count`) VALUES (date(old.day, '-6 days', 'weekday 1'), old.outlet_id, old.language, old.topic_id, -old.count)
		ON CONFLICT (`week`, `outlet_id`, `language`, `topic_id`) DO UPDATE SET `count` = `count` + excluded.`count`;
	DELETE FROM `rollup_weekly_topic` WHERE `week` = date(old.day, '-6 days', 'weekday 1') AND `outlet_id` = old.outlet_id AND `language` = old.language AND `topic_id` = old.topic_id AND `count` = 0;
	INSERT INTO `rollup_monthly_topic` (`month`, `outlet_id`, `language`, `topic_id`, `count`) VALUES (substr(old.day, 1, 7), old.outlet_id, old.language, old.topic_id, -old.count)
		ON CONFLICT (`month`, `outlet_id`, `language`, `topic_id`) DO UPDATE SET `count` = `count` + excluded.`count`;
	DELETE FROM `rollup_monthly_topic` WHERE `month` = substr(old.day, 1, 7) AND `outlet_id` = old.outlet_id AND `language` = old.language AND `topic_id` = old.topic_id AND `count` = 0;
	INSERT INTO `rollup_weekly_topic` (`week`, `outlet_id`, `language`, `topic_id`, `count`) VALUES (date(new.day, '-6 days', 'weekday 1'), new.outlet_id, new.language, new.topic_id, new.count)
		ON CONFLICT (`week`, `outlet_id`, `language`, `topic_id`) DO UPDATE SET `count` = `count` + excluded.`count`;
	INSERT INTO `rollup_monthly_topic` (`month`, `outlet_id`, `language`, `topic_id`, `count`) VALUES (substr(new.day, 1, 7), new.outlet_id, new.language, new.topic_id, new.count)
		ON CONFLICT (`month`, `outlet_id`, `language`, `topic_id`) DO UPDATE SET `count` = `count` + excluded.`count`;
END;
