// Answers kept as rendered, by key (as Rails' fragment caching does): the key is
// everything an answer's HTML is made from, its language and the props of
// Answer.svelte, whose replies and the reader's relation to them (own posts, votes)
// included. Any change to the answer, a reply, a pseudonym or a badge makes a new key,
// so a kept answer is never outdated; readers in the same relation to a thread share
// it. A long thread then costs its query and a lookup per answer, not a render.
import type { ComponentProps } from 'svelte';
import { render } from 'svelte/server';
import Answer from '$lib/components/Answer.svelte';
import { getLocale } from '$lib/paraglide/runtime';

type Props = ComponentProps<typeof Answer>;

/** About 15 MB (key and HTML, some 3 KB an answer): the pages of a few hundred threads. */
const capacity = 5_000;
const kept = new Map<string, string>();

/** The answer's HTML; moderation forms, which show a refused attempt, are never kept. */
export function renderedAnswer(props: Omit<Props, 'result'>) {
	const key = `${getLocale()} ${JSON.stringify(props)}`;
	let html = kept.get(key);
	if (html === undefined) {
		html = render(Answer, { props }).body;
		if (kept.size >= capacity) kept.delete(kept.keys().next().value!);
	} else kept.delete(key);
	kept.set(key, html);
	return html;
}
