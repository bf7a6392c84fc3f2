// Threads (questions) with their posts (answers). Authors of anonymous posts
// are not readable at all: queries see only shown_author_id.
import type { Claims } from './db';
import { transaction } from './db';

export type ThreadSummary = {
	id: string;
	title: string;
	author: string | null;
	postCount: number;
	createdAt: Date;
	lastActivityAt: Date;
};

export type Post = {
	id: string;
	author: string | null;
	authorRole: string | null;
	bodyHtml: string;
	createdAt: Date;
};
export type Thread = ThreadSummary & {
	communitySlug: string;
	communityName: string;
	bodyHtml: string;
	posts: Post[];
};

export async function listInCommunity(claims: Claims | null, communityId: string) {
	return transaction(
		claims,
		(tx) => tx<ThreadSummary[]>`
		select t.id, t.title, m.pseudonym as author, t.post_count as "postCount",
			t.created_at as "createdAt", t.last_activity_at as "lastActivityAt"
		from public.threads t left join public.members m on m.id = t.shown_author_id
		where t.community_id = ${communityId}
		order by t.last_activity_at desc, t.id desc limit 30`
	);
}

export async function read(claims: Claims | null, id: string): Promise<Thread | null> {
	return transaction(claims, async (tx) => {
		const [thread] = await tx<Omit<Thread, 'posts'>[]>`
			select t.id, t.title, m.pseudonym as author, t.post_count as "postCount", t.body_html as "bodyHtml",
				t.created_at as "createdAt", t.last_activity_at as "lastActivityAt",
				c.slug as "communitySlug", c.name as "communityName"
			from public.threads t
			join public.communities c on c.id = t.community_id
			left join public.members m on m.id = t.shown_author_id
			where t.id = ${id}`;
		if (!thread) return null;
		const posts = await tx<Post[]>`
			select p.id, m.pseudonym as author, m.site_role as "authorRole", p.body_html as "bodyHtml", p.created_at as "createdAt"
			from public.posts p left join public.members m on m.id = p.shown_author_id
			where p.thread_id = ${id}
			order by p.created_at, p.id`;
		return { ...thread, posts };
	});
}
