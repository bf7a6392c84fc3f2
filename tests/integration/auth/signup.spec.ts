// POST /signup with e-mail confirmation on (config.toml), confirmed via the link
// the project's template puts in the mail: verifyOtp({type: 'email', token_hash}).
import { AuthWeakPasswordError } from '@supabase/supabase-js';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { linkIn, waitForMail } from '../../support/mail.ts';
import {
	admin,
	appOrigin,
	claimsOf,
	client,
	lastMailsAMinuteAgo,
	oneTimeToken,
	password,
	raw,
	sql,
	uniqueEmail
} from './support.ts';

function findCode(email: string, hash: string): string {
	for (let n = 0; n < 1_000_000; n++) {
		const code = String(n).padStart(6, '0');
		if (
			createHash('sha224')
				.update(email + code)
				.digest('hex') === hash
		)
			return code;
	}
	throw new Error('no 6-digit code matches the token hash');
}

describe('sign-up with e-mail confirmation', () => {
	it('returns the bare user, stores rows as GoTrue does and mails the app link', async () => {
		const email = uniqueEmail('signup');
		const supabase = client();
		const { data, error } = await supabase.auth.signUp({
			email: email.toUpperCase(),
			password,
			options: { data: { locale: 'en', display_name: 'Anna' }, emailRedirectTo: appOrigin }
		});
		expect(error).toBeNull();
		expect(data.session).toBeNull();
		expect(data.user).toMatchObject({
			aud: 'authenticated',
			role: 'authenticated',
			email,
			phone: '',
			app_metadata: { provider: 'email', providers: ['email'] },
			user_metadata: {
				locale: 'en',
				display_name: 'Anna',
				email,
				email_verified: false,
				phone_verified: false
			},
			is_anonymous: false
		});
		expect(data.user?.email_confirmed_at).toBeUndefined();
		expect(data.user?.confirmation_sent_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
		expect(data.user?.identities).toHaveLength(1);
		expect(data.user?.identities?.[0]).toMatchObject({
			provider: 'email',
			id: data.user?.id,
			email
		});

		const [row] = await sql`select * from auth.users where id = ${data.user!.id}`;
		expect(row.instance_id).toBe('00000000-0000-0000-0000-000000000000');
		expect(row.encrypted_password).toMatch(/^\$2a\$10\$/);
		expect(row.confirmation_token).toMatch(/^[0-9a-f]{56}$/);
		for (const column of [
			'recovery_token',
			'email_change_token_new',
			'email_change',
			'email_change_token_current'
		]) {
			expect(row[column]).toBe('');
		}
		const hash = await oneTimeToken(email, 'confirmation_token');
		expect(hash).toBe(row.confirmation_token);

		const mail = await waitForMail(email, { subject: /Please confirm/ });
		expect(mail.from).toBe('"Ratnetz" <noreply@ratnetz.local>');
		expect(mail.html).toContain('Confirm your e-mail address');
		expect(linkIn(mail, /auth\/confirm/)).toBe(
			`${appOrigin}/auth/confirm?token_hash=${hash}&type=email`
		);

		const early = await supabase.auth.signInWithPassword({ email, password });
		expect(early.error).toMatchObject({
			status: 400,
			code: 'email_not_confirmed',
			message: 'Email not confirmed'
		});

		const verified = await supabase.auth.verifyOtp({ type: 'email', token_hash: hash! });
		expect(verified.error).toBeNull();
		expect(verified.data.session?.access_token).toBeTruthy();
		expect(verified.data.user?.email_confirmed_at).toBeTruthy();
		expect(verified.data.user?.user_metadata.email_verified).toBe(true);
		expect(verified.data.user?.identities?.[0].identity_data?.email_verified).toBe(true);
		expect(await oneTimeToken(email, 'confirmation_token')).toBeUndefined();

		const again = await client().auth.verifyOtp({ type: 'email', token_hash: hash! });
		expect(again.error).toMatchObject({
			status: 403,
			code: 'otp_expired',
			message: 'Email link is invalid or has expired'
		});

		const signIn = await client().auth.signInWithPassword({ email, password });
		expect(signIn.error).toBeNull();
		expect(signIn.data.user?.id).toBe(data.user?.id);
	});

	it('writes German mails unless the user chose English', async () => {
		const email = uniqueEmail('deutsch');
		const { error } = await client().auth.signUp({ email, password });
		expect(error).toBeNull();
		const mail = await waitForMail(email, { subject: /Bitte bestätige/ });
		expect(mail.html).toContain('Bestätige deine E-Mail-Adresse');
		expect(mail.html).not.toContain('Confirm your e-mail address');
		// Without emailRedirectTo the link goes to the site URL.
		expect(linkIn(mail, /auth\/confirm/)).toMatch(
			/^http:\/\/localhost:5173\/auth\/confirm\?token_hash=[0-9a-f]{56}&type=email$/
		);
	});

	it('confirms with the 6-digit code (POST /verify with email and token)', async () => {
		const email = uniqueEmail('otp');
		await client().auth.signUp({ email, password });
		const hash = (await oneTimeToken(email, 'confirmation_token'))!;
		// The project's template shows no code, so recover it from token_hash = sha224(email + code).
		const code = findCode(email, hash);

		const wrong = await client().auth.verifyOtp({
			type: 'email',
			email,
			token: code === '000000' ? '000001' : '000000'
		});
		expect(wrong.error).toMatchObject({
			status: 403,
			code: 'otp_expired',
			message: 'Token has expired or is invalid'
		});
		const { data, error } = await client().auth.verifyOtp({ type: 'signup', email, token: code });
		expect(error).toBeNull();
		expect(data.user?.email_confirmed_at).toBeTruthy();
		expect(claimsOf(data.session!.access_token).amr).toEqual([
			{ method: 'otp', timestamp: expect.any(Number) }
		]);
	});

	it('answers a repeated sign-up of a confirmed address with an obfuscated user and no mail', async () => {
		const email = uniqueEmail('taken');
		const created = await admin().createUser({ email, password, email_confirm: true });
		const { data, error } = await client().auth.signUp({
			email,
			password: 'other-password-99',
			options: { data: { x: 1 } }
		});
		expect(error).toBeNull();
		expect(data.session).toBeNull();
		expect(data.user?.identities).toEqual([]);
		expect(data.user?.id).not.toBe(created.data.user?.id);
		expect(data.user).toMatchObject({ email, role: '', user_metadata: { x: 1 } });
		expect(data.user?.email_confirmed_at).toBeUndefined();
		await expect(waitForMail(email, { timeoutMs: 500 })).rejects.toThrow(/No mail/);
		const [audit] = await sql`
			select payload from auth.audit_log_entries
			where payload->>'actor_id' = ${created.data.user!.id} and payload->>'action' = 'user_repeated_signup'`;
		expect(audit.payload.log_type).toBe('user');
	});

	it('re-sends the confirmation to an unconfirmed address', async () => {
		const email = uniqueEmail('resend');
		const first = await client().auth.signUp({ email, password });
		const firstHash = await oneTimeToken(email, 'confirmation_token');
		await lastMailsAMinuteAgo(email);
		const second = await client().auth.signUp({ email, password });
		expect(second.error).toBeNull();
		expect(second.data.user?.id).toBe(first.data.user?.id);
		const secondHash = await oneTimeToken(email, 'confirmation_token');
		expect(secondHash).toMatch(/^[0-9a-f]{56}$/);
		expect(secondHash).not.toBe(firstHash);
	});

	it('rejects invalid input with GoTrue’s codes and messages', async () => {
		const weak = await client().auth.signUp({ email: uniqueEmail(), password: 'short' });
		expect(weak.error).toBeInstanceOf(AuthWeakPasswordError);
		expect(weak.error).toMatchObject({ status: 422, code: 'weak_password' });
		expect((weak.error as AuthWeakPasswordError).reasons).toEqual(['length', 'characters']);
		expect(weak.error?.message).toBe(
			'Password should be at least 10 characters. Password should contain at least one character of each: ' +
				'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ, 0123456789.'
		);

		const cases: [unknown, number, string, string][] = [
			[
				{ email: uniqueEmail(), password: 'a1'.repeat(37) },
				400,
				'validation_failed',
				'Password cannot be longer than 72 characters'
			],
			[
				{ email: 'not-an-address', password },
				400,
				'validation_failed',
				'Unable to validate email address: invalid format'
			],
			[
				{ email: uniqueEmail(), password: '' },
				400,
				'validation_failed',
				'Signup requires a valid password'
			],
			[
				{ email: uniqueEmail(), password, code_challenge: 'x'.repeat(43) },
				400,
				'validation_failed',
				'PKCE flow requires code_challenge_method and code_challenge'
			],
			[
				'{"email":',
				400,
				'bad_json',
				'Could not parse request body as JSON: unexpected end of JSON input'
			]
		];
		for (const [body, status, code, message] of cases) {
			const response = await raw('/signup', { body });
			expect({ status: response.status, ...response.json }).toEqual({ status, code, message });
			expect(response.headers.get('x-sb-error-code')).toBe(code);
		}
	});
});
