// Links into a thread. Answers are shown a page at a time, so a link to a post names
// it in the query too: the thread page then opens the page that shows it.
export function postPath(threadId: string, postId: string | null, query = new URLSearchParams()) {
	if (postId) query.set('post', postId);
	const search = query.size ? `?${query}` : '';
	return `/t/${threadId}${search}${postId ? `#post-${postId}` : ''}`;
}
