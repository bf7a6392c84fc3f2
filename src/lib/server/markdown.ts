// The one markdown renderer. Posts are rendered here once, when written, and
// pages show only the result with {@html}: whatever leaves this module must be
// safe to put into any page as it is. Two layers, each enough on its own for
// the common cases: marked never emits raw HTML from the input, and DOMPurify
// then keeps only a short allow-list of tags, attributes and URL schemes.
// The database takes a text's HTML only from here (storeRendered).
import createDOMPurify from 'dompurify';
import { JSDOM } from 'jsdom';
import { Marked } from 'marked';
import { markdownProblem, reading, type MarkdownProblem } from '$lib/markdown-cost';
import type { Tx } from './db';

const marked = new Marked({
	...reading,
	renderer: {
		// The page owns h1 and h2; post headings start at h3.
		heading({ tokens, depth }) {
			const level = Math.min(depth + 2, 6);
			return `<h${level}>${this.parser.parseInline(tokens)}</h${level}>\n`;
		},
		// Task lists without form controls.
		checkbox: ({ checked }) => (checked ? '☑ ' : '☐ ')
	}
});

// One window for the whole process; DOMPurify only needs its DOM implementation.
const purify = createDOMPurify(new JSDOM('').window);

const allowedSchemes = new Set(['http:', 'https:', 'mailto:']);
// One http and one https base: `https:evil.example` is relative on an https
// page but another host on an http one.
const probeBases = ['https://a.invalid/', 'http://b.invalid/'];

/**
 * A relative URL resolves to each probe base's own origin; an absolute one
 * (including `//host` and `/\host`, which browsers read as another host) does
 * not. The WHATWG parser strips tabs, newlines and control characters exactly
 * as browsers do, so tricks with them fail here too.
 */
function isRelative(url: string) {
	return probeBases.every((base) => {
		try {
			return new URL(url, base).origin === new URL(base).origin;
		} catch {
			return false;
		}
	});
}

function isAllowedUrl(url: string) {
	if (isRelative(url)) return true;
	try {
		return allowedSchemes.has(new URL(url).protocol);
	} catch {
		return false;
	}
}

purify.addHook('afterSanitizeAttributes', (node) => {
	const element = node as Element;
	if (element.tagName === 'A') {
		const href = element.getAttribute('href');
		if (href === null) return;
		if (!isAllowedUrl(href)) element.removeAttribute('href');
		// Every absolute URL counts as external, even one to this forum's host.
		else if (!isRelative(href)) element.setAttribute('rel', 'nofollow ugc noopener');
	}
	if (element.tagName === 'IMG') {
		// DOMPurify has already removed a src with a forbidden scheme.
		const src = element.getAttribute('src');
		if (src && isRelative(src)) return;
		// Loading an image from another host would tell that host who reads the
		// post. The reader gets a link to it instead (or only its text inside a link).
		const document = element.ownerDocument;
		const text = element.getAttribute('alt') || src || '';
		let replacement: Node = document.createTextNode(text);
		if (src && !element.closest('a') && isAllowedUrl(src)) {
			const link = document.createElement('a');
			link.setAttribute('href', src);
			link.setAttribute('rel', 'nofollow ugc noopener');
			link.textContent = text;
			replacement = link;
		}
		element.replaceWith(replacement);
	}
});

const purifyConfig = {
	ALLOWED_TAGS: (
		'p br strong em del code pre blockquote ul ol li a h3 h4 h5 h6 hr ' +
		'table thead tbody tr th td img'
	).split(' '),
	// No style, class, id or name: no layout tricks, no DOM clobbering.
	ALLOWED_ATTR: ['href', 'title', 'src', 'alt', 'align', 'start'],
	ALLOW_DATA_ATTR: false,
	ALLOW_ARIA_ATTR: false,
	// DOMPurify's own scheme check, before ours: http, https, mailto or relative.
	ALLOWED_URI_REGEXP: /^(?:(?:https?|mailto):|[^a-z]|[a-z+.-]+(?:[^a-z+.\-:]|$))/i
};

/** A text past what one text may ask of the renderer (markdown-cost.ts); the forms refuse it first. */
export class MarkdownTooCostly extends Error {
	constructor(readonly problem: MarkdownProblem) {
		super(`Markdown past its limit: ${problem}`);
	}
}

/** Markdown as written by a member to HTML that is safe to show as it is. */
export function render(markdown: string): string {
	const problem = markdownProblem(markdown);
	if (problem) throw new MarkdownTooCostly(problem);
	return purify.sanitize(marked.parse(markdown, { async: false }), purifyConfig).trim();
}

/**
 * Renders a text and hands its HTML to the database for the write of that text that
 * follows in the same transaction (set_body_html, 20261125100700_rendered_html.sql).
 * Only the renderer's role may hand over HTML, and only the app's server can take it:
 * for this one statement, then back to the member's role and claims.
 */
export function storeRendered(tx: Tx, markdown: string) {
	const html = render(markdown);
	return Promise.all([
		tx`select set_config('role', 'ratnetz_renderer', true)`,
		tx`select public.store_rendered(${markdown}, ${html})`,
		tx`select set_config('role', 'authenticated', true)`
	]);
}
