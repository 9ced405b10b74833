DROP INDEX "news_articles_feed_link_key";--> statement-breakpoint
DROP INDEX "news_articles_feed_hash_key";--> statement-breakpoint
ALTER TABLE "news_articles" ADD COLUMN "enrich_error" text;--> statement-breakpoint
CREATE UNIQUE INDEX "news_articles_feed_link_key" ON "news_articles" USING btree ("feed_id","link") WHERE "news_articles"."guid" is null and "news_articles"."link" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "news_articles_feed_hash_key" ON "news_articles" USING btree ("feed_id","dedupe_hash") WHERE "news_articles"."guid" is null and "news_articles"."link" is null;