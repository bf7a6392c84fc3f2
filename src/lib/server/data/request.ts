import { postPath } from '$lib/paths';
import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import type { RequestEvent } from '@sveltejs/kit';
import { z } from 'zod';

/** What account flows need to know about the request: its client and its origin. */
export function requestInfo(event: RequestEvent) {
	return { ip: event.getClientAddress(), origin: event.url.origin };
}

/** For actions: layouts guard pages, but a form can be posted from anywhere. */
export function requireMember(locals: App.Locals) {
	if (!locals.claims || !locals.member) error(401, m.error_signin_required());
	return { claims: locals.claims, member: locals.member };
}

/** For admin-only pages and actions; the database checks again. */
export function requireAdmin(locals: App.Locals) {
	const signedIn = requireMember(locals);
	if (signedIn.member.siteRole !== 'admin') error(403, m.error_admins_only());
	return signedIn;
}

/** A record the page is about, or a 404 with the given message. */
export function found<T>(value: T | null, message: () => string): T {
	if (value === null) error(404, message());
	return value;
}

/** A page's id from its address, or a 404 with the given message. */
export function idParam(value: string, message: () => string) {
	const id = z.uuid().safeParse(value);
	if (!id.success) error(404, message());
	return id.data;
}

/** For the counsellors' pages; RLS shows them only what they serve. */
export function requireCounsellor(locals: App.Locals) {
	const signedIn = requireMember(locals);
	if (signedIn.member.siteRole !== 'counsellor') error(403, m.error_counsellors_only());
	return signedIn;
}

/** For the needs signal: counsellors and admins (the database checks again). */
export function requireProfessional(locals: App.Locals) {
	const signedIn = requireMember(locals);
	if (signedIn.member.siteRole !== 'counsellor' && signedIn.member.siteRole !== 'admin')
		error(403, m.error_needs_professionals());
	return signedIn;
}

/** Whether a writer lands after crisis words (writtenUrl's `crisis`), and whether their text waits. */
export function crisisWritten(url: URL) {
	return z.enum(['published', 'held']).nullable().catch(null).parse(url.searchParams.get('crisis'));
}

/** Where a writer lands: their post, with the helplines when crisis words were found. */
export function writtenUrl(
	threadId: string,
	written: { crisis: boolean; held: boolean },
	postId: string | null = null
) {
	const query = new URLSearchParams();
	if (written.crisis) query.set('crisis', written.held ? 'held' : 'published');
	// Held without crisis words: a watched word or a first post waits for a moderator.
	else if (written.held) query.set('held', '');
	return postPath(threadId, postId, query);
}
