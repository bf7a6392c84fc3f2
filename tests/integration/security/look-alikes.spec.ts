// Pseudonyms that imitate another are refused (UTS #39 skeleton, unique in the database),
// and question titles must show letters and may not reverse the text around them.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { askSchema } from '$lib/post-schemas';
import * as accounts from '$lib/server/members/accounts';
import * as members from '$lib/server/members/members';
import { clientAddress } from '../../support/addresses';
import { authClient, createMember, owner } from '../support';

// Each imitates Anna_Fachberatung (the demo counsellor): Cyrillic А/а/е, Greek Α, all in
// capitals with a Cyrillic А, and "rn" for "m" against Jonas_Moderation.
const lookAlikes = [
	'\u0410nna_Fachberatung',
	'Anna_F\u0430chberatung',
	'Anna_Fachb\u0435ratung',
	'\u0391nna_Fachberatung',
	'\u0410NNA_FACHBERATUNG',
	'Jonas_rnoderation'
];

describe('look-alike pseudonyms', () => {
	it.each(lookAlikes)('refuses %s at sign-up', async (pseudonym) => {
		const outcome = await accounts.signUp(
			{
				email: `neu-${randomUUID()}@example.org`,
				password: 'Geheim-2026-neu',
				pseudonym,
				locale: 'de'
			},
			{ ip: clientAddress(), origin: 'http://localhost:4173' }
		);
		expect(outcome).toEqual({ error: 'Dieses Pseudonym ist schon vergeben.', field: 'pseudonym' });
	});

	it('refuses them in the database too, whoever writes (Auth’s sign-up, a rename)', async () => {
		const admin = authClient(process.env.SUPABASE_SERVICE_ROLE_KEY!).auth.admin;
		const created = await admin.createUser({
			email: `neu-${randomUUID()}@example.org`,
			password: 'Geheim-2026-neu',
			email_confirm: true,
			user_metadata: { pseudonym: lookAlikes[0] }
		});
		expect(created.error?.status).toBe(500);

		const member = await createMember();
		await expect(
			members.updateProfile(member.claims, { pseudonym: lookAlikes[3], bio: '', locale: 'de' })
		).rejects.toMatchObject({ code: '23505', constraint_name: 'members_pseudonym_skeleton_key' });
	});

	it('still allows a pseudonym that only resembles another in part', async () => {
		expect(await members.pseudonymAvailable(`Anna_${randomUUID().slice(0, 6)}`)).toBe(true);
		const [{ skeleton }] = await owner<{ skeleton: string }[]>`
			select public.pseudonym_skeleton('Anna_Fachberatung') as skeleton`;
		expect(skeleton).toBe('anna_fachberatung');
	});
});

describe('question titles', () => {
	const asked = (title: string) =>
		askSchema.safeParse({
			title,
			body: 'Ein Text mit genug Inhalt.',
			idempotencyKey: randomUUID()
		});
	const titleError = (title: string) => asked(title).error?.issues[0].message;

	it('refuse titles that show nothing or no letters', () => {
		expect(titleError('\u200b'.repeat(12))).toBe('Der Titel muss 10 bis 150 Zeichen lang sein.');
		expect(titleError('a' + '\u200b'.repeat(12))).toBe(
			'Der Titel muss 10 bis 150 Zeichen lang sein.'
		);
		expect(titleError('\u3164'.repeat(12))).toBe('Der Titel muss 10 bis 150 Zeichen lang sein.');
		expect(titleError('1234567890 ?!')).toBe('Der Titel braucht Buchstaben, die man sieht.');
	});

	it('refuse bidirectional overrides and isolates', () => {
		for (const control of ['\u202e', '\u202d', '\u202a', '\u2066', '\u2067', '\u2068', '\u2069']) {
			expect(titleError(`Wer hilft ${control}txt.exe bei Schule?`)).toBe(
				'Der Titel enthält Steuerzeichen, die die Schreibrichtung umkehren. Bitte entferne sie.'
			);
		}
	});

	it('keep titles in any script, with emoji', () => {
		expect(asked('Как помочь сыну в школе?').success).toBe(true);
		expect(asked('Familie 👨‍👩‍👧 sucht Rat').success).toBe(true);
	});

	it('are checked by the database too', async () => {
		const [{ id: communityId }] = await owner<{ id: string }[]>`
			select id from public.communities where slug = 'autismus-schule'`;
		for (const title of ['\u200b'.repeat(12), 'Wer hilft \u202etxt.exe bei Schule?']) {
			await expect(
				owner`insert into public.threads (community_id, title, body_markdown, body_html)
					values (${communityId}, ${title}, 'Text', '<p>Text</p>')`
			).rejects.toMatchObject({ code: '23514' });
		}
	});
});
