// Where to go after a form, when the request names it (`?next=` after sign-in, the
// language switcher's `redirectTo`, joining from the ask page): a path on this site only.
// Browsers read a Location header leniently: they drop tabs and newlines, take `\` for
// `/`, and go to another host for `//host`, `/\host` or `/<tab>/host`. So the target is
// resolved as a browser would against a placeholder origin and kept only when it stays
// there, then sent in its normalized, percent-encoded form.

const placeholder = 'http://same-origin.invalid';
/** Control characters, and the backslash browsers take for a slash. */
// eslint-disable-next-line no-control-regex -- finding them is the point
const unsafe = /[\u0000-\u001f\u007f\\]/;
const maxLength = 2000;

/** A same-origin path (with query and fragment) from the request, else `fallback`. */
export function safeNext(value: FormDataEntryValue | string | null | undefined, fallback = '/') {
	if (typeof value !== 'string' || value.length > maxLength || unsafe.test(value)) return fallback;
	if (!value.startsWith('/') || value.startsWith('//')) return fallback;
	let url: URL;
	try {
		url = new URL(value, placeholder);
	} catch {
		return fallback;
	}
	const path = url.pathname + url.search + url.hash;
	// Dot segments can make a second slash: "/.//host" resolves to "//host".
	if (url.origin !== placeholder || path.startsWith('//')) return fallback;
	return path;
}
