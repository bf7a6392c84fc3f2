import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import * as communities from '$lib/server/forum/communities';
import * as guides from '$lib/server/forum/guides';
import * as posts from '$lib/server/forum/posts';
import * as privacy from '$lib/server/members/privacy';
import * as threads from '$lib/server/forum/threads';
import { createMember, owner } from './support';

const communityId = '10000000-0000-4000-8000-000000000003'; // Trennung & Familie (seed)

async function memberWithPosts() {
	const member = await createMember();
	await communities.join(member.claims, communityId);
	const { id: threadId } = await threads.ask(member.claims, communityId, {
		title: `Umgang nach der Trennung ${randomUUID().slice(0, 6)}`,
		body: 'Meine eigene, anonyme Frage.',
		tags: [],
		anonymous: true,
		wantsProfessional: false,
		idempotencyKey: randomUUID()
	});
	const answered = await posts.answer(member.claims, threadId, {
		body: 'Meine Antwort.',
		parentPostId: null,
		idempotencyKey: randomUUID()
	});
	return { member, threadId, postId: answered.id };
}

describe('data export', () => {
	it('holds everything of the member, anonymous posts included, and nothing of others', async () => {
		const { member, threadId } = await memberWithPosts();
		const other = await memberWithPosts();
		const { id: guideId } = await guides.draft(member.claims, [other.threadId], {
			title: 'Umgang regeln: was uns geholfen hat',
			body: 'Mein Ratgebertext.'
		});
		await guides.markHelpful(member.claims, guideId, true);
		const data = await privacy.exportData(member.claims);
		expect(data).toMatchObject({
			account: { email: member.email },
			profile: { pseudonym: member.pseudonym },
			settings: { locale: 'de' },
			questions: [{ id: threadId, anonymous: true, text: 'Meine eigene, anonyme Frage.' }],
			answers: [{ text: 'Meine Antwort.' }],
			guide_versions: [{ guide: guideId, number: 1, text: 'Mein Ratgebertext.' }],
			guides_marked_helpful: [guideId]
		});
		expect(JSON.stringify(data)).not.toContain(other.member.pseudonym);
		expect(JSON.stringify(data)).not.toContain(other.threadId);
	});
});

describe('account deletion', () => {
	it('removes the account and all that identifies the member; posts stay without an author', async () => {
		const { member, threadId, postId } = await memberWithPosts();
		await privacy.deleteAccount(member.claims);
		expect(await owner`select 1 from auth.users where id = ${member.id}`).toEqual([]);
		expect(await owner`select 1 from auth.sessions where user_id = ${member.id}`).toEqual([]);
		expect(await owner`select 1 from public.members where id = ${member.id}`).toEqual([]);
		expect(
			await owner`select 1 from public.community_members where member_id = ${member.id}`
		).toEqual([]);
		const [thread] =
			await owner`select author_id, body_markdown from public.threads where id = ${threadId}`;
		const [post] =
			await owner`select author_id, body_markdown from public.posts where id = ${postId}`;
		expect(thread).toEqual({ author_id: null, body_markdown: 'Meine eigene, anonyme Frage.' });
		expect(post).toEqual({ author_id: null, body_markdown: 'Meine Antwort.' });
		const { error } = await member.client.auth.getUser();
		expect(error?.code).toBe('user_not_found');
	});
});
