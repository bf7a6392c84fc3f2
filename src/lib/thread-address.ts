// A thread named by its address, as a counsellor pastes it from the browser
// (https://…/t/<id>?page=2#post-…, /t/<id>) or by its bare id.
const uuid = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const address = new RegExp(`^(?:(?:https?://[^/\\s]+)?/t/)?(${uuid})(?:[/?#]\\S*)?$`, 'i');

/** The thread's id, lower case; null when the text names no thread. */
export function threadIdFrom(text: string): string | null {
	const match = address.exec(text.trim());
	return match ? match[1].toLowerCase() : null;
}
