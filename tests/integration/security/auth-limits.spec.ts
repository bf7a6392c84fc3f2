// Attacks on Supabase Auth itself, replayed against the local stand-in with the settings of
// supabase/config.toml: Auth limits requests per IP and mails per address, whoever calls it.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSupabase } from '$lib/server/data/supabase';
import { clientAddress } from '../../support/addresses';
import { mailUrl } from '../../support/mail';
import { createMember, owner } from '../support';

const authUrl = `${process.env.PUBLIC_SUPABASE_URL}/auth/v1`;

/** A request straight to /auth/v1, as an attacker with the public key sends it. */
function direct(path: string, body: unknown, ip: string) {
	return fetch(`${authUrl}${path}`, {
		method: 'POST',
		headers: {
			apikey: process.env.PUBLIC_SUPABASE_ANON_KEY!,
			'Content-Type': 'application/json',
			'X-Supabase-Api-Version': '2024-01-01',
			'X-Forwarded-For': ip
		},
		body: JSON.stringify(body)
	});
}

describe('Auth’s own limits', () => {
	it('answers 30 wrong passwords from one IP at once, then 429 over_request_rate_limit', async () => {
		const member = await createMember();
		const ip = clientAddress();
		const attempts = 60;
		const started = Date.now();
		// All at once, as an attacker would send them: the bucket is asked as each one arrives.
		const answers = await Promise.all(
			Array.from({ length: attempts }, async (_, i) => {
				const response = await direct(
					'/token?grant_type=password',
					{ email: member.email, password: `falsch-${i}-12345` },
					ip
				);
				return {
					status: response.status,
					code: ((await response.json()) as { code: string }).code
				};
			})
		);
		// The bucket holds 30 and refills at token_refresh (150) per 5 minutes, one every 2 s:
		// however slow the machine, no more than that got through while the attempts arrived.
		const refilled = Math.ceil((Date.now() - started) / 2_000);
		const answered = answers.filter((a) => a.code === 'invalid_credentials').length;
		expect(answered).toBeGreaterThanOrEqual(30);
		expect(answered).toBeLessThanOrEqual(Math.min(attempts, 30 + refilled));
		const refused = answers.filter((a) => a.code !== 'invalid_credentials');
		expect(refused.length).toBe(attempts - answered);
		expect(refused.every((a) => a.status === 429 && a.code === 'over_request_rate_limit')).toBe(
			true
		);
		expect(refused.length).toBeGreaterThan(0);
	});

	it('sends one reset mail to an address a minute, however often it is asked', async () => {
		const member = await createMember();
		const ip = clientAddress();
		const statuses = [];
		for (let i = 0; i < 8; i++) {
			statuses.push((await direct('/recover', { email: member.email }, ip)).status);
			// As if 1.25 s had passed: eight requests in ten seconds.
			await owner`update auth.users set recovery_sent_at = recovery_sent_at - interval '1250 milliseconds'
				where id = ${member.id}`;
		}
		expect(statuses).toEqual([200, 429, 429, 429, 429, 429, 429, 429]);
		const mails = (await (
			await fetch(`${mailUrl}/api/messages?to=${encodeURIComponent(member.email)}`)
		).json()) as unknown[];
		expect(mails).toHaveLength(1);
	});

	it('counts the app’s sign-ins by the member’s address, not the app server’s', async () => {
		// The app's Auth client for a request from one address, and one from another.
		const event = (ip: string) =>
			({
				url: new URL('http://localhost:4173/signin'),
				cookies: { getAll: () => [], set: () => {} },
				setHeaders: () => {},
				fetch,
				getClientAddress: () => ip
			}) as never;
		const attacker = clientAddress();
		const codes = [];
		for (let i = 0; i < 31; i++) {
			const { error } = await createSupabase(event(attacker)).auth.signInWithPassword({
				email: `niemand-${randomUUID()}@example.org`,
				password: 'falsch-12345'
			});
			codes.push(error?.code);
		}
		expect(codes.slice(0, 30).every((code) => code === 'invalid_credentials')).toBe(true);
		expect(codes[30]).toBe('over_request_rate_limit');
		// Another member at another address signs in as usual meanwhile.
		const member = await createMember();
		const other = await createSupabase(event(clientAddress())).auth.signInWithPassword(member);
		expect(other.error).toBeNull();
	});
});
