// Threads and answers for the search's tests, written as one member. Every test invents
// its own words (and where rank or count matter, its own community), so tests never see
// each other's data.
import { createMember, owner, type TestMember } from './support';

let writer: Promise<TestMember> | undefined;
/** The member who writes every thread and answer here, made once per file. */
export const member = () => (writer ??= createMember());

const letter = () => String.fromCharCode(97 + Math.floor(Math.random() * 26));
/** A word no other test (or demo thread) contains. */
export const word = () => `zq${Array.from({ length: 10 }, letter).join('')}`;

/** A new community; its slug filters the search. */
export async function community() {
	const slug = `suche-${word()}`;
	const [created] = await owner<{ id: string }[]>`
		insert into public.communities (slug, name, topic) values (${slug}, ${`Suche ${slug}`}, 'Test') returning id`;
	return { id: created.id, slug };
}

export type ThreadInput = {
	title: string;
	body?: string;
	anonymous?: boolean;
	withdrawn?: boolean;
};
export async function thread(
	communityId: string,
	{ title, body = 'Wer kennt sich aus?', anonymous = false, withdrawn = false }: ThreadInput
) {
	const [created] = await owner<{ id: string }[]>`
		insert into public.threads (community_id, author_id, is_anonymous, title, body_markdown, body_html)
		values (${communityId}, ${(await member()).id}, ${anonymous}, ${title}, ${body}, '<p>x</p>') returning id`;
	if (withdrawn)
		await owner`update public.threads set withdrawn_at = now() where id = ${created.id}`;
	return created.id;
}

export async function answer(threadId: string, body: string, { withdrawn = false } = {}) {
	const [created] = await owner<{ id: string }[]>`
		insert into public.posts (thread_id, author_id, body_markdown, body_html)
		values (${threadId}, ${(await member()).id}, ${body}, '<p>x</p>') returning id`;
	if (withdrawn) await owner`update public.posts set withdrawn_at = now() where id = ${created.id}`;
	return created.id;
}
