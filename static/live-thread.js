// The thread page's live updates. That page has no hydration (csr = false in its
// +page.server.ts), so this small script alone keeps it live: it opens the page's event
// stream (src/routes/live) for the thread and, for members, their notifications; on a
// change it fetches the page again, as the reader would by reloading, and puts in what
// changed: the question, new and changed answers, the answer count, the unread count.
// What the reader is writing or has in focus stays as it is. Without it the page stays
// as it was sent.
const threadId = location.pathname.split('/')[2];
const notificationLinks = () => document.querySelectorAll('a[href="/notifications"]');
const topics = [`thread:${threadId}`, ...(notificationLinks().length ? ['notifications'] : [])];
const source = new EventSource(`/live?${topics.map((topic) => `topic=${topic}`).join('&')}`);

/**
 * Whether the reader is at work in this part: its focus, a disclosure they opened (a
 * confirmation, a form), or what they typed or chose.
 * @param {Element} element
 */
const inUse = (element) =>
	element.contains(document.activeElement) ||
	element.querySelector('details[open]') !== null ||
	[
		.../** @type {NodeListOf<HTMLInputElement | HTMLTextAreaElement>} */ (
			element.querySelectorAll('textarea, input:not([type=hidden])')
		)
	].some(
		(field) =>
			field.value !== field.defaultValue ||
			('checked' in field && field.checked !== field.defaultChecked)
	);

/**
 * Puts the fresh part in place of the shown one, unless it is the same or in use.
 * @param {Element | null | undefined} shown
 * @param {Element | null | undefined} fresh
 */
function replace(shown, fresh) {
	if (!shown || !fresh || shown.isEqualNode(fresh) || inUse(shown)) return;
	shown.replaceWith(document.importNode(fresh, true));
}

/**
 * An answer's list item by the answer it holds.
 * @param {Element} item
 */
const answerOf = (item) => item.querySelector('article[id^="post-"]')?.id;

/** @param {Document} fresh the page as it is now */
function update(fresh) {
	replace(
		document.querySelector('main article[aria-labelledby="thread-title"]'),
		fresh.querySelector('main article[aria-labelledby="thread-title"]')
	);
	const freshLinks = fresh.querySelectorAll('a[href="/notifications"]');
	notificationLinks().forEach((link, index) => replace(link, freshLinks[index]));
	const list = document.querySelector('ol.posts');
	const freshList = fresh.querySelector('ol.posts');
	if (!list || !freshList) return;
	const shown = new Map([...list.children].map((item) => [answerOf(item), item]));
	const kept = new Set();
	for (const item of freshList.children) {
		const id = answerOf(item);
		kept.add(id);
		if (shown.has(id)) replace(shown.get(id), item);
		else list.append(document.importNode(item, true));
	}
	// Answers readers may no longer see (held, removed from this page) go, unless in use.
	for (const [id, item] of shown) if (!kept.has(id) && !inUse(item)) item.remove();
	const count = document.getElementById('answers');
	const freshCount = fresh.getElementById('answers');
	// Screen readers hear the new count: the heading is a polite live region.
	if (count && freshCount && count.textContent !== freshCount.textContent) {
		count.textContent = freshCount.textContent;
	}
}

// Changes while the page is read again are read after it, once.
let reading = false;
let again = false;
source.addEventListener('change', async () => {
	if (reading) {
		again = true;
		return;
	}
	reading = true;
	try {
		do {
			again = false;
			const response = await fetch(location.href, {
				headers: { accept: 'text/html' },
				cache: 'no-store'
			});
			if (response.ok) update(new DOMParser().parseFromString(await response.text(), 'text/html'));
		} while (again);
	} finally {
		reading = false;
	}
});
