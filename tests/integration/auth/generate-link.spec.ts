// POST /admin/generate_link: the tokens a mail would carry, for every link type.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { admin, client, password, raw, serviceKey, sql, uniqueEmail, url } from './support.ts';

describe('admin generate_link', () => {
	it('recovery: the code signs in via verifyOtp, the hash matches GoTrue’s formula', async () => {
		const email = uniqueEmail('genrecovery');
		await admin().createUser({ email, password, email_confirm: true });
		const { data, error } = await admin().generateLink({ type: 'recovery', email });
		expect(error).toBeNull();
		const { email_otp, hashed_token, action_link, verification_type } = data.properties!;
		expect(verification_type).toBe('recovery');
		expect(hashed_token).toBe(
			createHash('sha224')
				.update(email + email_otp)
				.digest('hex')
		);
		expect(action_link).toContain(
			`/auth/v1/verify?token=${hashed_token}&type=recovery&redirect_to=http://localhost:5173`
		);
		const signedIn = await client().auth.verifyOtp({ type: 'recovery', email, token: email_otp });
		expect(signedIn.error).toBeNull();
		expect(signedIn.data.user?.email).toBe(email);
	});

	it('magiclink for an unknown address signs the person up', async () => {
		const email = uniqueEmail('genmagic');
		const { data, error } = await admin().generateLink({ type: 'magiclink', email });
		expect(error).toBeNull();
		expect(data.properties?.verification_type).toBe('signup');
		expect(data.user).toMatchObject({ email, identities: [{ provider: 'email' }] });
		const followed = await fetch(data.properties!.action_link, { redirect: 'manual' });
		expect(followed.status).toBe(303);
		expect(followed.headers.get('location')).toMatch(/#access_token=.*&type=signup$/);
	});

	it('invite: the link confirms the invited user', async () => {
		const email = uniqueEmail('geninvite');
		const { data } = await admin().generateLink({
			type: 'invite',
			email,
			options: { data: { invited_by: 'test' } }
		});
		expect(data.user?.invited_at).toBeTruthy();
		expect(data.user?.user_metadata).toMatchObject({ invited_by: 'test' });
		const followed = await fetch(data.properties!.action_link, { redirect: 'manual' });
		expect(followed.headers.get('location')).toMatch(/&type=invite$/);
		const [row] =
			await sql`select email_confirmed_at, encrypted_password from auth.users where email = ${email}`;
		expect(row.email_confirmed_at).not.toBeNull();
		// Invited users without a password get a random one until they choose theirs.
		expect(row.encrypted_password).toMatch(/^\$2a\$10\$/);
	});

	it('refuses existing confirmed sign-ups, unknown recoveries and unknown types', async () => {
		const email = uniqueEmail('generr');
		await admin().createUser({ email, password, email_confirm: true });
		const taken = await admin().generateLink({ type: 'signup', email, password });
		expect(taken.error).toMatchObject({ status: 422, code: 'email_exists' });
		const unknown = await admin().generateLink({ type: 'recovery', email: uniqueEmail('nobody') });
		expect(unknown.error).toMatchObject({
			status: 404,
			code: 'user_not_found',
			message: 'User with this email not found'
		});
		const badType = await raw('/admin/generate_link', {
			token: serviceKey,
			body: { type: 'teleport', email },
			base: url
		});
		expect(badType.json).toEqual({
			code: 'validation_failed',
			message: 'Invalid email action link type requested: teleport'
		});
	});
});
