// The HTML side of every mail the app writes (notifications, digests, Auth's mails): one
// frame, and escaping for what goes into it — members' titles and links are text.

export function escapeHtml(value: string) {
	return value.replace(
		/[&<>"']/g,
		(c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!
	);
}

/** A whole mail document around `body` (HTML, already escaped where it holds text). */
export function mailHtml(locale: string, subject: string, body: string) {
	return `<!doctype html>
<html lang="${locale}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>
<body style="font-family: sans-serif; line-height: 1.5">
${body}
</body></html>
`;
}
