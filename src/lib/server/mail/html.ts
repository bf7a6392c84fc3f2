// The HTML side of every mail the app writes (notifications, digests, Auth's mails): a mail
// is a Svelte component, rendered on the server, so members' titles and the links are
// escaped the one way Svelte escapes every page; the component names the subject in
// <svelte:head>. The frame around it is fixed text and the language.
import type { Component } from 'svelte';
import { render } from 'svelte/server';
import type { Locale } from '$lib/paraglide/runtime';

export function mailHtml<Props extends Record<string, unknown>>(
	locale: Locale,
	mail: Component<Props>,
	props: Props
) {
	const { head, body } = render(mail, { props });
	return `<!doctype html>
<html lang="${locale}"><head><meta charset="utf-8">${withoutMarkers(head)}</head>
<body style="font-family: sans-serif; line-height: 1.5">
${withoutMarkers(body)}
</body></html>
`;
}

/**
 * Svelte marks blocks with comments for hydration (`<!--[-->`); a mail is never hydrated.
 * Text cannot close or open a comment here: Svelte wrote any "<" in it as "&lt;".
 */
const withoutMarkers = (html: string) => html.replace(/<!--.*?-->/gs, '');
