// The developer's web inbox: plain server-rendered HTML without any script, so
// the CSP can forbid scripts outright. Every value from a mail goes through escapeHtml.
import type { MailMessage } from './store.ts';

/**
 * Mail bodies in the srcdoc iframe inherit this policy. Scripts stay impossible
 * (CSP and sandbox), remote images are blocked (no tracking pixels, no network),
 * but inline styles are allowed so that mail templates look as designed; that
 * opens nothing, since nothing unescaped reaches the outer page.
 */
export const pageCsp = [
	"default-src 'none'",
	"style-src 'unsafe-inline'",
	'img-src data:',
	"base-uri 'none'",
	"form-action 'none'",
	"frame-ancestors 'none'"
].join('; ');

const entities: Record<string, string> = {
	'&': '&amp;',
	'<': '&lt;',
	'>': '&gt;',
	'"': '&quot;',
	"'": '&#39;'
};

export function escapeHtml(value: string) {
	return value.replace(/[&<>"']/g, (char) => entities[char]);
}

const style = `
body { font: 16px/1.5 system-ui, sans-serif; margin: 0 auto; max-width: 72rem; padding: 1rem; color: #1a1a1a; background: #fff; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: .4rem .6rem; border-bottom: 1px solid #ccc; vertical-align: top; }
a { color: #0b57d0; }
a:focus-visible { outline: 3px solid #0b57d0; outline-offset: 2px; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; }
dt { font-weight: 600; }
dd { margin: 0; overflow-wrap: anywhere; }
iframe { width: 100%; height: 32rem; border: 1px solid #ccc; background: #fff; }
pre { white-space: pre-wrap; overflow-wrap: anywhere; background: #f4f4f4; padding: 1rem; }
`;

function layout(title: string, body: string) {
	return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)}</title>
<style>${style}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>`;
}

function time(iso: string) {
	return `<time datetime="${escapeHtml(iso)}">${escapeHtml(iso.replace('T', ' ').slice(0, 19))} UTC</time>`;
}

export function inboxPage(messages: MailMessage[]) {
	const rows = messages
		.map(
			(message) => `<tr>
<td>${escapeHtml(message.from)}</td>
<td>${escapeHtml(message.to.join(', '))}</td>
<td><a href="/messages/${encodeURIComponent(message.id)}">${escapeHtml(message.subject || '(no subject)')}</a></td>
<td>${time(message.date)}</td>
</tr>`
		)
		.join('\n');
	const list = messages.length
		? `<table>
<caption>${messages.length} message${messages.length === 1 ? '' : 's'}, newest first</caption>
<thead><tr><th scope="col">From</th><th scope="col">To</th><th scope="col">Subject</th><th scope="col">Received</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>`
		: '<p>No mail yet. Mails sent by the local stack appear here.</p>';
	return layout(
		'Local mail inbox',
		`<h1>Local mail inbox</h1>
<p><a href="/">Refresh</a> · JSON: <a href="/api/messages">/api/messages</a></p>
${list}`
	);
}

export function messagePage(message: MailMessage) {
	const headers = Object.entries(message.headers)
		.map(([name, value]) => `<dt>${escapeHtml(name)}</dt><dd>${escapeHtml(value)}</dd>`)
		.join('\n');
	const links = linksIn(message)
		.map((url) => `<li><a href="${escapeHtml(url)}">${escapeHtml(url)}</a></li>`)
		.join('\n');
	// <base target> makes links in the sandboxed frame open a new tab instead of
	// loading the app inside the frame, which its frame-ancestors policy refuses.
	const frame = message.html
		? `<iframe title="HTML body" sandbox="allow-popups allow-popups-to-escape-sandbox" srcdoc="${escapeHtml(`<base target="_blank">${message.html}`)}"></iframe>`
		: '<p>This message has no HTML body.</p>';
	return layout(
		`${message.subject || '(no subject)'} – Local mail inbox`,
		`<p><a href="/">Back to the inbox</a></p>
<h1>${escapeHtml(message.subject || '(no subject)')}</h1>
<dl>
<dt>From</dt><dd>${escapeHtml(message.from)}</dd>
<dt>To</dt><dd>${escapeHtml(message.to.join(', '))}</dd>
<dt>Received</dt><dd>${time(message.date)}</dd>
</dl>
${links ? `<h2>Links</h2>\n<ul>\n${links}\n</ul>` : ''}
<h2>HTML body</h2>
${frame}
<h2>Text body</h2>
${message.text ? `<pre>${escapeHtml(message.text)}</pre>` : '<p>This message has no text body.</p>'}
<h2>Headers</h2>
<dl>
${headers}
</dl>`
	);
}

export function notFoundPage() {
	return layout(
		'Not found – Local mail inbox',
		`<h1>Message not found</h1>
<p>It may have been deleted or pushed out by newer mail. <a href="/">Back to the inbox</a></p>`
	);
}

/** http(s) links of the mail, so a developer can follow a confirmation link in one click. */
function linksIn(message: MailMessage) {
	const found = new Set<string>();
	for (const match of (message.html ?? '').matchAll(/\bhref\s*=\s*(?:"([^"]*)"|'([^']*)')/gi)) {
		found.add(decodeEntities(match[1] ?? match[2]));
	}
	for (const match of (message.text ?? '').matchAll(/https?:\/\/[^\s<>"')\]]+/g)) {
		found.add(match[0]);
	}
	return [...found].filter((url) => /^https?:\/\//i.test(url));
}

function decodeEntities(value: string) {
	const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
	return value.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (entity, code: string) => {
		const lower = code.toLowerCase();
		if (!lower.startsWith('#')) return named[lower];
		const point = lower.startsWith('#x')
			? parseInt(lower.slice(2), 16)
			: parseInt(lower.slice(1), 10);
		return point <= 0x10ffff ? String.fromCodePoint(point) : entity;
	});
}
