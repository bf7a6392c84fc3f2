// Answers kept as rendered (as Rails' fragment caching does). An answer's HTML is made
// from the thread's page version (thread_page_version: any change to the thread, its
// posts, a pseudonym or a badge makes a new one), the language, and the reader's
// relation to it: signed in, taking part, asker, and per post whether it is theirs,
// whether they found it helpful and until when they may undo its withdrawal. Together
// they are the key, so a kept answer is never outdated and readers in the same relation
// share it. A long thread then costs its query and a lookup per answer, not a render.
import type { ComponentProps } from 'svelte';
import { render } from 'svelte/server';
import Answer from '$lib/components/Answer.svelte';
import { getLocale } from '$lib/paraglide/runtime';
import { Kept } from './kept';

type Props = Omit<ComponentProps<typeof Answer>, 'result' | 'canModerate'>;

/** About 10 MB (some 2 KB an answer): the pages of a few hundred threads. */
const kept = new Kept<string>(5_000);

// Svelte marks blocks (and the hash of {@html} content) with comments for hydration; the
// thread page is never hydrated. Nothing else writes a comment: Svelte escapes `<` in
// text and attributes.
const hydrationMarkers = /<!--(?:\[-?\d*|\]|[a-z0-9]+)?-->/g;

const flags = (...values: boolean[]) => values.map(Number).join('');

function key(props: Props, version: string) {
	const posts = [props.answer, ...props.answer.replies].map(
		// The undo of a withdrawal ends with its time: past it, the key changes.
		(post) =>
			`${post.id}:${flags(post.isMine, post.votedHelpful)}:${post.undoUntil?.getTime() ?? ''}`
	);
	return `${getLocale()} ${version} ${flags(props.signedIn, props.canTakePart, props.canAccept)} ${posts.join(' ')}`;
}

/**
 * The answer's HTML, for readers without moderation forms (those show refused attempts).
 * Kept only with a page version: a thread visitors may not see has none.
 */
export function renderedAnswer(props: Props, version: string | null) {
	const draw = () =>
		render(Answer, { props: { ...props, canModerate: false } }).body.replace(hydrationMarkers, '');
	if (version === null) return draw();
	const at = key(props, version);
	let html = kept.get(at);
	if (html === undefined) kept.set(at, (html = draw()));
	return html;
}
