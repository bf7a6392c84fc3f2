import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { limits } from '$lib/limits';
import { MarkdownTooCostly, render } from './markdown';
import { xssVectors } from '../../../../tests/support/xss-vectors';

// Parse output the way a page does: as the inner HTML of a div in a body.
const { document } = new JSDOM('<!doctype html><body></body>').window;
function parse(html: string) {
	const container = document.createElement('div');
	container.innerHTML = html;
	return container;
}

const allowedTags = new Set(
	'p br strong em del code pre blockquote ul ol li a h3 h4 h5 h6 hr table thead tbody tr th td img'.split(
		' '
	)
);
const allowedAttributes = new Set(['href', 'title', 'src', 'alt', 'align', 'start', 'rel']);
const forbiddenTags =
	'script iframe object embed form input button textarea select svg math style meta base link noscript template frame frameset video audio source';

// What a browser ignores in a URL before reading its scheme: control
// characters, whitespace and invisible spaces (entities are already decoded,
// since the DOM holds attribute values decoded).
const ignoredInUrl =
	// eslint-disable-next-line no-control-regex
	/[\u0000-\u0020\u007f-\u00a0\u1680\u180e\u2000-\u200f\u2028-\u202f\u205f\u3000\ufeff]/g;

function scheme(url: string) {
	return /^([a-z][a-z0-9+.-]*):/i.exec(url.replace(ignoredInUrl, ''))?.[1].toLowerCase();
}

const pageBases = ['http://app.invalid/', 'https://app.invalid/'];

/** Stays on the page's own host, whether the forum is served over http or https. */
function sameOrigin(url: string) {
	return pageBases.every(
		(base) => URL.canParse(url, base) && new URL(url, base).origin === new URL(base).origin
	);
}

/** Every problem with a rendered post; an empty list means it is safe. */
function problems(html: string): string[] {
	const found: string[] = [];
	for (const element of parse(html).querySelectorAll('*')) {
		const tag = element.tagName.toLowerCase();
		if (!allowedTags.has(tag)) found.push(`element <${tag}>`);
		for (const { name, value } of element.attributes) {
			if (name.startsWith('on')) found.push(`event handler ${name}`);
			else if (!allowedAttributes.has(name)) found.push(`attribute ${name} on <${tag}>`);
			if (name !== 'href' && name !== 'src') continue;
			const s = scheme(value);
			if (s && !['http', 'https', 'mailto'].includes(s)) found.push(`${name} scheme ${s}:`);
			for (const base of pageBases) {
				const protocol = URL.canParse(value, base) ? new URL(value, base).protocol : 'http:';
				if (!['http:', 'https:', 'mailto:'].includes(protocol))
					found.push(`${name} resolves to ${protocol}`);
			}
		}
		if (tag === 'img') {
			const src = element.getAttribute('src') ?? '';
			if (!sameOrigin(src)) found.push(`external image ${src}`);
		}
		if (tag === 'a' && element.hasAttribute('href')) {
			const href = element.getAttribute('href')!;
			if (!sameOrigin(href) && element.getAttribute('rel') !== 'nofollow ugc noopener')
				found.push(`external link without rel: ${href}`);
		}
	}
	return found;
}

describe('render', () => {
	it('formats what members write', () => {
		const html = render(
			'**bold** _em_ ~~gone~~ `code`\nnext line\n\n- one\n- two\n\n1. first\n\n> quoted\n\n---'
		);
		expect(html).toContain(
			'<p><strong>bold</strong> <em>em</em> <del>gone</del> <code>code</code><br>next line</p>'
		);
		expect(html).toContain('<ul>\n<li>one</li>\n<li>two</li>\n</ul>');
		expect(html).toContain('<ol>\n<li>first</li>\n</ol>');
		expect(html).toContain('<blockquote>\n<p>quoted</p>\n</blockquote>');
		expect(html).toContain('<hr>');
	});

	it('renders fenced code and tables, without classes', () => {
		expect(render('```js\nlet a = 1 < 2;\n```')).toBe(
			'<pre><code>let a = 1 &lt; 2;\n</code></pre>'
		);
		const table = parse(render('| a | b |\n|:--|--:|\n| 1 | 2 |'));
		expect(table.querySelector('th')?.getAttribute('align')).toBe('left');
		expect(table.querySelectorAll('td')).toHaveLength(2);
	});

	it('keeps headings below the page’s own h1 and h2', () => {
		expect(render('# One\n## Two\n### Three\n###### Six')).toBe(
			'<h3>One</h3>\n<h4>Two</h4>\n<h5>Three</h5>\n<h6>Six</h6>'
		);
	});

	it('shows task lists as symbols, not form controls', () => {
		expect(render('- [x] done\n- [ ] open')).toBe('<ul>\n<li>☑ done</li>\n<li>☐ open</li>\n</ul>');
	});

	it('marks every absolute link as user content and never sets a target', () => {
		const html = render('[a](https://example.org) <https://example.org/x> www.example.org');
		const links = [...parse(html).querySelectorAll('a')];
		expect(links).toHaveLength(3);
		for (const link of links) {
			expect(link.getAttribute('rel')).toBe('nofollow ugc noopener');
			expect(link.hasAttribute('target')).toBe(false);
		}
	});

	it('leaves links within the forum as they are', () => {
		expect(render('[Regeln](/c/autismus-schule)')).toBe(
			'<p><a href="/c/autismus-schule">Regeln</a></p>'
		);
		expect(render('mail@example.org')).toBe(
			'<p><a href="mailto:mail@example.org" rel="nofollow ugc noopener">mail@example.org</a></p>'
		);
	});

	it('turns external images into links, so readers’ addresses never reach another host', () => {
		expect(render('![Plan](https://example.org/plan.png)')).toBe(
			'<p><a href="https://example.org/plan.png" rel="nofollow ugc noopener">Plan</a></p>'
		);
		expect(render('![](https://example.org/plan.png)')).toBe(
			'<p><a href="https://example.org/plan.png" rel="nofollow ugc noopener">https://example.org/plan.png</a></p>'
		);
		expect(render('[![Plan](https://example.org/p.png)](https://example.org)')).toBe(
			'<p><a href="https://example.org" rel="nofollow ugc noopener">Plan</a></p>'
		);
		expect(render('![Logo](/logo.png)')).toBe('<p><img src="/logo.png" alt="Logo"></p>');
	});

	it('shows raw HTML as the text that was typed', () => {
		const typed = '<b onclick="x()">fett</b> & <!-- note -->';
		const html = render(typed);
		expect(parse(html).textContent).toBe(typed);
		expect(parse(html).querySelector('b')).toBeNull();
	});

	it('keeps the text of a link whose address is not allowed', () => {
		expect(render('[klick](javascript:alert(1))')).toBe('<p><a>klick</a></p>');
		expect(render('![Bild](javascript:alert(1))')).toBe('<p>Bild</p>');
	});

	// Nesting thousands deep overflows marked's recursive parser; the post is then shown as text.
	// Measured against prose of the same length on the same machine, so a busy machine does
	// not fail it: today the worst pattern costs about 120 times the prose, no pattern may
	// cost 500 times (a catastrophic pattern costs thousands).
	it('renders or refuses the longest allowed post of hostile input in time proportionate to prose', () => {
		const max = limits.post.bodyMax;
		// A text past the markdown limits is refused before it is rendered (markdown-cost.ts).
		const renderOrRefuse = (input: string) => {
			try {
				render(input);
			} catch (error) {
				if (!(error instanceof MarkdownTooCostly)) throw error;
			}
		};
		const fastest = (input: string) => {
			let best = Infinity;
			for (let run = 0; run < 2; run++) {
				const started = performance.now();
				renderOrRefuse(input);
				best = Math.min(best, performance.now() - started);
			}
			return best;
		};
		const sentence = 'Wir haben lange gewartet, bis die Schule antwortete. ';
		const prose = fastest(sentence.repeat(Math.floor(max / sentence.length)));
		const patterns = ['[', '<', '*a', '_a', '![x](', '`', '> ', '1. ', '> - '];
		for (const pattern of patterns) {
			const input = pattern.repeat(Math.floor(max / pattern.length));
			expect(fastest(input) / prose, pattern).toBeLessThan(500);
		}
		expect(() => render('> '.repeat(max / 2))).toThrow(MarkdownTooCostly);
	}, 120_000);
});

describe('known XSS vectors', () => {
	it('has a large set', () => {
		expect(xssVectors.length).toBeGreaterThanOrEqual(120);
	});

	const cases = xssVectors.map((vector, index) => ({
		index,
		vector,
		shown: JSON.stringify(vector).slice(1, 81)
	}));
	it.for(cases)('#$index renders harmless: $shown', ({ vector }) => {
		const html = render(vector);
		expect(problems(html)).toEqual([]);
		expect(parse(html).querySelector(forbiddenTags.split(' ').join(','))).toBeNull();
		// Stable when the browser parses it again: no mutation on the way to the page.
		expect(parse(html).innerHTML).toBe(html);
	});

	it('the checks find what they look for', () => {
		expect(
			problems(
				'<img src="https://evil.example/x.png" onerror="x()"><a href=" java&#9;script:x()" id="y">' +
					'<svg></svg><a href="https://evil.example">x</a><img src="https:evil.example/x.png">'
			)
		).toEqual([
			'event handler onerror',
			'external image https://evil.example/x.png',
			'href scheme javascript:',
			'href resolves to javascript:',
			'href resolves to javascript:',
			'attribute id on <a>',
			'external link without rel:  java\tscript:x()',
			'element <svg>',
			'external link without rel: https://evil.example',
			'external image https:evil.example/x.png'
		]);
	});
});
