import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import * as accounts from '$lib/server/members/accounts';
import { settled } from '$lib/server/data/out-of-band';
import type { Supabase } from '$lib/server/data/supabase';
import { linkIn, waitForMail } from '../support/mail';
import { authClient, createMember } from './support';

// The domain functions take the request's Auth client; a plain supabase-js client speaks the same API.
const client = () => authClient() as unknown as Supabase;
const request = () => ({
	ip: `192.0.2.${Math.floor(Math.random() * 250) + 1}-${randomUUID()}`,
	origin: 'http://localhost:4173'
});
const fresh = () => {
	const id = randomUUID().slice(0, 8);
	return {
		email: `neu-${id}@example.org`,
		password: `Geheim-${id}-9`,
		pseudonym: `Neu_${id}`,
		locale: 'de' as const
	};
};

describe('signing up', () => {
	it('creates an unconfirmed account with the pseudonym as member', async () => {
		const input = fresh();
		expect(await accounts.signUp(input, request())).toBeNull();
		// Auth's sign-up runs after the answer (out of band).
		await settled();
		expect(await accounts.signIn(client(), input, request())).toEqual({
			error: 'Bitte bestätige zuerst deine E-Mail-Adresse über den Link in unserer E-Mail.'
		});
	});

	it('answers a registered address as a new one, and tells its owner by mail', async () => {
		const existing = await createMember();
		const started = new Date();
		expect(await accounts.signUp({ ...fresh(), email: existing.email }, request())).toBeNull();
		await settled();
		const mail = await waitForMail(existing.email, { after: started });
		expect(mail.subject).toBe('Ratnetz: Du hast schon ein Konto');
		expect(linkIn(mail, /\/signin$/)).toBe('http://localhost:4173/signin');
	});

	it('refuses a taken pseudonym in any case', async () => {
		const existing = await createMember();
		expect(
			await accounts.signUp({ ...fresh(), pseudonym: existing.pseudonym.toLowerCase() }, request())
		).toEqual({
			error: 'Dieses Pseudonym ist schon vergeben.',
			field: 'pseudonym'
		});
	});
});

describe('signing in', () => {
	it('says the same for a wrong password and an unknown address', async () => {
		const member = await createMember();
		const wrong = await accounts.signIn(
			client(),
			{ email: member.email, password: 'falsch-12345' },
			request()
		);
		const unknown = await accounts.signIn(
			client(),
			{ email: `niemand-${randomUUID()}@example.org`, password: 'x' },
			request()
		);
		expect(wrong).toEqual({ error: 'E-Mail-Adresse oder Passwort stimmen nicht.' });
		expect(unknown).toEqual(wrong);
	});

	it('is limited per address, whatever the IP', async () => {
		const member = await createMember();
		const attempts = [];
		for (let i = 0; i < 11; i++) {
			attempts.push(
				await accounts.signIn(
					client(),
					{ email: member.email, password: 'falsch-12345' },
					request()
				)
			);
		}
		expect(attempts.at(-2)).toEqual({ error: 'E-Mail-Adresse oder Passwort stimmen nicht.' });
		expect(attempts.at(-1)).toEqual({
			error: 'Zu viele Versuche. Bitte warte etwas und versuche es dann noch einmal.'
		});
		// Even the right password waits now.
		expect(await accounts.signIn(client(), member, request())).toEqual(attempts.at(-1));
	});

	it('is limited per IP, whatever the address', async () => {
		const ip = { ip: `198.51.100.${randomUUID()}`, origin: 'http://localhost:4173' };
		const results = [];
		for (let i = 0; i < 51; i++) {
			results.push(
				await accounts.signIn(
					client(),
					{ email: `x-${i}-${randomUUID()}@example.org`, password: 'x' },
					ip
				)
			);
		}
		expect(results.filter((result) => result?.error.startsWith('Zu viele')).length).toBe(1);
		expect(results.at(-1)?.error).toMatch(/^Zu viele/);
	});
});

describe('changing the password', () => {
	it('requires the current password', async () => {
		const member = await createMember();
		const outcome = await accounts.changePassword(
			client(),
			member.claims,
			{ current: 'falsch-12345', password: 'Neues-Passwort-1' },
			request()
		);
		expect(outcome).toEqual({ error: 'Das aktuelle Passwort stimmt nicht.', field: 'current' });
	});

	it('changes it with the current one', async () => {
		const member = await createMember();
		const session = member.client as unknown as Supabase;
		const outcome = await accounts.changePassword(
			session,
			member.claims,
			{ current: member.password, password: 'Neues-Passwort-1' },
			request()
		);
		expect(outcome).toBeNull();
		expect(
			await accounts.signIn(
				client(),
				{ email: member.email, password: 'Neues-Passwort-1' },
				request()
			)
		).toBeNull();
	});
});
