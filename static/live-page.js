// Live updates of the pages without hydration (csr = false in their +page.server.ts): a
// thread and the counsellors' queue. This small script alone keeps them live. It opens
// the page's event stream (src/routes/live) for the topics its tag names in data-topics
// and, for members, their notifications; on a change it fetches the page again, as the
// reader would by reloading, and puts in what changed:
// - each part marked data-live, matched by that name (and by order where several share it);
// - in a part that is also marked data-live-list, each item by its data-key, in the order
//   of the fresh page: new items appear where they belong, gone ones go;
// - a part that is a live region (aria-live) gets the fresh text, so screen readers hear it.
// What the reader is writing, has opened or has in focus stays as it is. Without this
// script the page stays as it was sent.
const script = /** @type {HTMLScriptElement} */ (document.currentScript);
const signedIn = document.querySelector('[data-live="notifications"]') !== null;
const topics = [
	...(script.dataset.topics ?? '').split(' ').filter(Boolean),
	...(signedIn ? ['notifications'] : [])
];

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
 * @param {Element} shown
 * @param {Element} fresh
 */
function replace(shown, fresh) {
	if (shown.isEqualNode(fresh) || inUse(shown)) return;
	if (shown.hasAttribute('aria-live')) shown.textContent = fresh.textContent;
	else shown.replaceWith(document.importNode(fresh, true));
}

/**
 * The shown list's items as the fresh list has them, item by item (data-key). Items the
 * reader may no longer see go, unless in use.
 * @param {Element} list
 * @param {Element} freshList
 */
function merge(list, freshList) {
	/** @param {Element} item */
	const key = (item) => item.getAttribute('data-key');
	const shown = new Map([...list.children].map((item) => [key(item), item]));
	const items = [...freshList.children].map((fresh) => {
		const item = shown.get(key(fresh));
		shown.delete(key(fresh));
		if (!item) return document.importNode(fresh, true);
		replace(item, fresh);
		// replace() may have put a new element in the shown one's place.
		return /** @type {Element} */ (list.querySelector(`:scope > [data-key="${key(fresh)}"]`));
	});
	for (const item of shown.values()) if (!inUse(item)) item.remove();
	// In the fresh order; an item already in its place is not moved, so focus stays.
	let place = list.firstElementChild;
	for (const item of items) {
		if (item === place) place = place.nextElementSibling;
		else list.insertBefore(item, place);
	}
	/** @type {HTMLElement} */ (list).hidden = /** @type {HTMLElement} */ (freshList).hidden;
}

/** @param {Document} fresh the page as it is now */
function update(fresh) {
	/** @param {ParentNode} root */
	const parts = (root) => {
		/** @type {Map<string, Element[]>} */
		const byName = new Map();
		for (const part of root.querySelectorAll('[data-live]')) {
			const name = part.getAttribute('data-live') ?? '';
			byName.set(name, [...(byName.get(name) ?? []), part]);
		}
		return byName;
	};
	const freshParts = parts(fresh);
	for (const [name, shown] of parts(document)) {
		shown.forEach((part, index) => {
			const freshPart = freshParts.get(name)?.[index];
			if (!freshPart) return;
			if (part.hasAttribute('data-live-list')) merge(part, freshPart);
			else replace(part, freshPart);
		});
	}
}

if (topics.length) {
	const source = new EventSource(`/live?${topics.map((topic) => `topic=${topic}`).join('&')}`);
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
				if (response.ok) {
					update(new DOMParser().parseFromString(await response.text(), 'text/html'));
				}
			} while (again);
		} finally {
			reading = false;
		}
	});
}
