-- Full-text index over articles, kept by app code (src/queries/store.ts), rowid = articles.id.
-- It is fed toSearchText(title) / toSearchText(body) from @rasid/parser: Arabic-folded, lightly stemmed
-- text, so a query run through the same function finds every spelling (اسرائيل finds إسرائيل).
-- Contentless (content=''): the text is already in `articles`, no need to store it twice;
-- contentless_delete=1 lets an updated article's old row be deleted so its old words stop matching.
CREATE VIRTUAL TABLE `articles_fts` USING fts5(
	title,
	body,
	content='',
	contentless_delete=1,
	tokenize="unicode61 remove_diacritics 2"
);
