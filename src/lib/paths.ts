// Links into a thread. Answers are shown a page at a time, so a link to a post names
// it in the query too: the thread page then opens the page that shows it.
export function postPath(threadId: string, postId: string | null, query = new URLSearchParams()) {
	if (postId) query.set('post', postId);
	const search = query.size ? `?${query}` : '';
	return `/t/${threadId}${search}${postId ? `#post-${postId}` : ''}`;
}

/**
 * A list's pages by position (keyset, cursor.ts: queues and logs): the addresses of the
 * next page and of the first, each keeping the filter in `url`; null where there is none
 * (no next page, or this is the first).
 */
export function keysetPages(url: URL, next: string | null) {
	const at = (after: string | null) => {
		const query = new URLSearchParams(url.searchParams);
		if (after) query.set('after', after);
		else query.delete('after');
		return `?${query}`;
	};
	return {
		nextPage: next ? at(next) : null,
		firstPage: url.searchParams.has('after') ? at(null) : null
	};
}

/** What a counsellor's case is about: a question, or an idea or a guide holding crisis words. */
type CaseSubject = {
	subject: 'question' | 'idea' | 'guide';
	threadId: string | null;
	ideaId: string | null;
	guideId: string | null;
};

/** The question, idea or guide a case is about. */
export function subjectPath(item: CaseSubject) {
	if (item.subject === 'idea') return `/i/${item.ideaId}`;
	if (item.subject === 'guide') return `/g/${item.guideId}`;
	return `/t/${item.threadId}`;
}

/** Where the counsellor answers in public: the question's answer form, the idea's posts, the guide's editor. */
export function answerPath(item: CaseSubject) {
	if (item.subject === 'idea') return `/i/${item.ideaId}#posts-heading`;
	if (item.subject === 'guide') return `/g/${item.guideId}/edit`;
	return `/t/${item.threadId}#answer-heading`;
}
