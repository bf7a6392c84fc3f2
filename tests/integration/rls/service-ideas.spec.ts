// Row-level security and rules of service ideas, per role: visitors, members, members of
// other communities, the author, a counsellor serving the community, its moderators and
// admins. Nobody writes the tables directly (counts and states are the triggers'); every
// change goes through the functions, which refuse with the reasons the pages name.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { transaction, type Claims } from '$lib/server/data/db';
import { NotAllowed } from '$lib/server/data/db-errors';
import * as ideaPages from '$lib/server/forum/idea-pages';
import * as ideas from '$lib/server/forum/ideas';
import * as moderationLog from '$lib/server/moderation/log';
import {
	anAdmin,
	community,
	counsellor,
	member,
	moderator,
	owner,
	type TestMember
} from '../escalations/support';
import { idea } from '../idea-support';

let place: string;
let author: TestMember;
let peer: TestMember;
let outsider: TestMember;
let professional: TestMember;
let keeper: TestMember;
let admin: TestMember;
let ideaId: string;

const roles = () => ({ author, peer, outsider, professional, keeper, admin });
const asVisitor = null;

beforeAll(async () => {
	const elsewhere = await community();
	place = await community();
	[author, peer, outsider, professional, keeper, admin] = await Promise.all([
		member(place),
		member(place),
		member(elsewhere),
		counsellor([place]),
		moderator(place),
		anAdmin()
	]);
	ideaId = (await ideas.propose(author.claims, place, idea())).id;
	await ideas.support(peer.claims, ideaId, true);
});

describe('direct writes', () => {
	const writes = (id: string) =>
		[
			(tx) =>
				tx`update public.service_ideas set support_count = 1000, state = 'done' where id = ${id}`,
			(tx) =>
				tx`insert into public.idea_supports (idea_id, member_id) values (${id}, (select auth.uid()))`,
			(tx) =>
				tx`insert into public.idea_answers (idea_id, state, reasons) values (${id}, 'done', 'Erledigt')`,
			(tx) =>
				tx`insert into public.idea_comments (idea_id, body_markdown, body_html) values (${id}, 'x', 'x')`,
			(tx) => tx`delete from public.idea_supports`
		] satisfies ((tx: Parameters<Parameters<typeof transaction>[1]>[0]) => unknown)[];

	it('are refused to every API role: counts, states and answers are the functions’ and triggers’', async () => {
		for (const claims of [asVisitor, ...Object.values(roles()).map((someone) => someone.claims)]) {
			for (const write of writes(ideaId)) {
				await expect(transaction(claims as Claims | null, write)).rejects.toMatchObject({
					code: '42501'
				});
			}
		}
		expect((await ideaPages.idea(null, ideaId))?.supportCount).toBe(1);
	});

	it('refuses every function to visitors', async () => {
		for (const call of [
			(tx) =>
				tx`select public.propose_service_idea(${place}, 'Eine Idee für alle', 'Text', ${randomUUID()})`,
			(tx) => tx`select public.support_service_idea(${ideaId}, true)`,
			(tx) => tx`select public.comment_on_service_idea(${ideaId}, 'Text', ${randomUUID()})`,
			(tx) => tx`select public.answer_service_idea(${ideaId}, 'done', 'Erledigt')`
		] satisfies Parameters<typeof transaction>[1][]) {
			await expect(transaction(null, call)).rejects.toMatchObject({ code: '42501' });
		}
	});

	it('takes an idea’s HTML only from the app’s renderer', async () => {
		await expect(
			transaction(
				author.claims,
				(tx) =>
					tx`select public.propose_service_idea(${place}, 'Eine Idee für alle', '<script>x</script>', ${randomUUID()})`
			)
		).rejects.toMatchObject({ hint: 'render_required' });
	});
});

describe('taking part', () => {
	it('is for members of the community: others are refused proposing, supporting and writing', async () => {
		const refused = { hint: 'idea_members_only' };
		await expect(ideas.propose(outsider.claims, place, idea())).rejects.toMatchObject(refused);
		await expect(ideas.support(outsider.claims, ideaId, true)).rejects.toMatchObject(refused);
		await expect(
			ideas.comment(outsider.claims, ideaId, { body: 'Hallo', idempotencyKey: randomUUID() })
		).rejects.toMatchObject(refused);
		expect((await ideaPages.idea(outsider.claims, ideaId))?.canTakePart).toBe(false);
	});

	it('is refused to a member suspended in the community', async () => {
		const suspended = await member(place);
		await owner`insert into public.suspensions (community_id, member_id, reason)
			values (${place}, ${suspended.id}, 'Beleidigungen')`;
		await expect(ideas.support(suspended.claims, ideaId, true)).rejects.toMatchObject({
			hint: 'moderation_suspended'
		});
	});

	it('keeps who supported private: each member reads only their own support', async () => {
		const read = (claims: Claims | null) =>
			transaction(
				claims,
				(tx) => tx`select member_id from public.idea_supports where idea_id = ${ideaId}`
			);
		expect(await read(null)).toEqual([]);
		expect(await read(author.claims)).toEqual([]);
		expect(await read(keeper.claims)).toEqual([]);
		expect(await read(peer.claims)).toEqual([{ member_id: peer.id }]);
	});

	it('limits proposals to 5 an hour and posts to 20 in 10 minutes per member', async () => {
		const busy = await member(place);
		for (let i = 0; i < 5; i++) await ideas.propose(busy.claims, place, idea());
		await expect(ideas.propose(busy.claims, place, idea())).rejects.toMatchObject({
			hint: 'rate_limited'
		});
		const post = () => ({ body: 'Noch ein Gedanke.', idempotencyKey: randomUUID() });
		for (let i = 0; i < 20; i++) await ideas.comment(busy.claims, ideaId, post());
		await expect(ideas.comment(busy.claims, ideaId, post())).rejects.toMatchObject({
			hint: 'rate_limited'
		});
	});
});

describe('moderation', () => {
	it('lets only the community’s moderators remove an idea, with a reason, into the mod log', async () => {
		const { id } = await ideas.propose(author.claims, place, idea());
		for (const someone of [author, peer, professional]) {
			await expect(ideas.remove(someone.claims, id, 'Werbung')).rejects.toMatchObject({
				hint: 'moderation_not_moderator'
			});
		}
		await expect(ideas.remove(keeper.claims, id, 'x')).rejects.toMatchObject({
			hint: 'moderation_reason_required'
		});
		await ideas.remove(keeper.claims, id, 'Werbung für ein Produkt');
		// Read by its author (with the reason), its moderators and admins; by nobody else.
		const seen = async (claims: Claims | null) => (await ideaPages.idea(claims, id)) !== null;
		expect(await seen(null)).toBe(false);
		for (const someone of [peer, outsider, professional])
			expect(await seen(someone.claims)).toBe(false);
		for (const someone of [author, keeper, admin]) expect(await seen(someone.claims)).toBe(true);
		expect(await ideaPages.idea(author.claims, id)).toMatchObject({
			removed: true,
			removalReason: 'Werbung für ein Produkt'
		});
		const listed = await ideaPages.ofCommunity(keeper.claims, place, { sort: 'new', state: 'all' });
		expect(listed.map((row) => row.id)).not.toContain(id);
		const { entries } = await moderationLog.log(peer.claims, place);
		expect(entries.find((entry) => entry.ideaId === id)).toMatchObject({
			action: 'removed',
			ideaTitle: null
		});
		await ideas.restore(keeper.claims, id);
		expect(await seen(null)).toBe(true);
	});

	it('hides a removed post from everyone but its writer and the moderators', async () => {
		const { id: postId } = await ideas.comment(peer.claims, ideaId, {
			body: 'Unfreundlich.',
			idempotencyKey: randomUUID()
		});
		await expect(ideas.removeComment(peer.claims, postId, 'Ton')).rejects.toMatchObject({
			hint: 'moderation_not_moderator'
		});
		await ideas.removeComment(keeper.claims, postId, 'Unfreundlicher Ton');
		const post = async (claims: Claims | null) =>
			(await ideaPages.idea(claims, ideaId))?.posts.find((shown) => shown.id === postId);
		expect(await post(null)).toBeUndefined();
		expect(await post(author.claims)).toBeUndefined();
		expect(await post(peer.claims)).toMatchObject({
			removed: true,
			removalReason: 'Unfreundlicher Ton'
		});
		expect(await post(keeper.claims)).toMatchObject({ removed: true });
	});
});

describe('the threshold setting', () => {
	it('is changed by the community’s moderators and admins only, within its limits', async () => {
		await ideas.updateThreshold(keeper.claims, place, 5);
		await ideas.updateThreshold(admin.claims, place, 7);
		expect(await ideaPages.threshold(null, place)).toBe(7);
		for (const someone of [author, professional, outsider]) {
			await expect(ideas.updateThreshold(someone.claims, place, 1)).rejects.toBeInstanceOf(
				NotAllowed
			);
		}
		await expect(ideas.updateThreshold(keeper.claims, place, 0)).rejects.toMatchObject({
			code: '23514'
		});
	});
});
