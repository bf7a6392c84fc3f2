// Every version of a question, answer or reply, for its author and the community's
// moderators: the revisions the database kept (20261125110050_versions_and_withdrawal.sql)
// and the text now, unless withdrawn. Anyone else gets null, as for a text that is not there.
import { shownVersions, type ShownVersion, type Version } from '$lib/versions';
import type { Claims } from './db';
import { read } from './db';

export type Versions = {
	threadId: string;
	/** The question's title now, to name the page. */
	threadTitle: string;
	/** Which text: the question, or an answer or reply of it. */
	kind: 'question' | 'answer' | 'reply';
	withdrawnAt: Date | null;
	/** Newest first. */
	versions: ShownVersion[];
};

type Text = {
	threadId: string;
	threadTitle: string;
	kind: Versions['kind'];
	withdrawnAt: Date | null;
	current: Version;
};

function versions(text: Text | undefined, kept: Version[]): Versions | null {
	if (!text) return null;
	const { current, ...rest } = text;
	return { ...rest, versions: shownVersions(text.withdrawnAt ? kept : [...kept, current]) };
}

/** The question's versions (title and text). */
export async function ofThread(claims: Claims | null, id: string) {
	if (!claims) return null;
	const [[text], kept] = await read(claims, (tx) =>
		Promise.all([
			tx<Text[]>`
			select t.id as "threadId", t.title as "threadTitle", 'question' as kind, t.withdrawn_at as "withdrawnAt",
				json_build_object('title', t.title, 'body', t.body_markdown,
					'writtenAt', coalesce(t.edited_at, t.created_at)) as current
			from public.threads t
			where t.id = ${id} and (public.is_thread_author(t.id) or public.is_moderator(t.community_id))`,
			tx<Version[]>`
			select r.title, r.body_markdown as body, r.written_at as "writtenAt"
			from public.revisions r where r.thread_id = ${id} order by r.replaced_at, r.id`
		])
	);
	return versions(dated(text), kept);
}

/** An answer's or reply's versions. */
export async function ofPost(claims: Claims | null, id: string) {
	if (!claims) return null;
	const [[text], kept] = await read(claims, (tx) =>
		Promise.all([
			tx<Text[]>`
			select p.thread_id as "threadId", t.title as "threadTitle",
				case when p.parent_post_id is null then 'answer' else 'reply' end as kind,
				p.withdrawn_at as "withdrawnAt",
				json_build_object('title', null, 'body', p.body_markdown,
					'writtenAt', coalesce(p.edited_at, p.created_at)) as current
			from public.posts p join public.threads t on t.id = p.thread_id
			where p.id = ${id} and (public.is_post_author(p.id) or public.is_moderator(t.community_id))`,
			tx<Version[]>`
			select null as title, r.body_markdown as body, r.written_at as "writtenAt"
			from public.revisions r where r.post_id = ${id} order by r.replaced_at, r.id`
		])
	);
	return versions(dated(text), kept);
}

/** JSON carries the current text's time as a string. */
function dated(text: Text | undefined) {
	return (
		text && { ...text, current: { ...text.current, writtenAt: new Date(text.current.writtenAt) } }
	);
}
