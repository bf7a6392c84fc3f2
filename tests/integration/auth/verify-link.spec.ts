// GET /verify, the link of GoTrue's default mails: 303 to redirect_to with the
// session in the fragment (implicit flow) or ?code= (PKCE), errors in the fragment.
import { describe, expect, it } from 'vitest';
import {
	admin,
	appOrigin,
	claimsOf,
	client,
	follow,
	oneTimeToken,
	password,
	pkceClient,
	raw,
	sql,
	uniqueEmail,
	url
} from './support.ts';

function fragment(location: string): [string, string][] {
	return [...new URLSearchParams(location.slice(location.indexOf('#') + 1)).entries()];
}

describe('GET /verify', () => {
	it('confirms a sign-up link and redirects with the session in the fragment', async () => {
		const email = uniqueEmail('link');
		const { data, error } = await admin().generateLink({
			type: 'signup',
			email,
			password,
			options: { redirectTo: appOrigin }
		});
		expect(error).toBeNull();
		const properties = data.properties!;
		expect(properties).toMatchObject({ verification_type: 'signup', redirect_to: appOrigin });
		expect(properties.email_otp).toMatch(/^\d{6}$/);
		const link = properties.action_link;
		expect(link).toBe(
			`${url}/auth/v1/verify?token=${properties.hashed_token}&type=signup&redirect_to=${appOrigin}`
		);

		// No apikey: mail links are an open route of the gateway.
		const { status, location } = await follow(link);
		expect(status).toBe(303);
		expect(location.startsWith(`${appOrigin}#`)).toBe(true);
		const params = fragment(location);
		expect(params.map(([key]) => key)).toEqual([
			'access_token',
			'expires_at',
			'expires_in',
			'refresh_token',
			'sb',
			'token_type',
			'type'
		]);
		const values = Object.fromEntries(params);
		expect(values).toMatchObject({
			expires_in: '3600',
			token_type: 'bearer',
			type: 'signup',
			sb: ''
		});
		expect(claimsOf(values.access_token)).toMatchObject({ email, amr: [{ method: 'otp' }] });
		const user = await raw('/user', { token: values.access_token });
		expect(user.json.email_confirmed_at).toBeTruthy();

		// The link is spent: the second click lands on the error fragment.
		const again = await follow(link);
		expect(again.status).toBe(303);
		expect(again.location).toBe(
			`${appOrigin}#error=access_denied&error_code=otp_expired&error_description=Email+link+is+invalid+or+has+expired&sb=`
		);
	});

	it('sends redirects only to the site URL, loopback or the allow list', async () => {
		const email = uniqueEmail('redirect');
		await admin().createUser({ email, password, email_confirm: true });
		const cases: [string, string][] = [
			['https://evil.example/steal', 'http://localhost:5173'],
			['http://localhost:4173/auth/callback', 'http://localhost:4173/auth/callback'],
			['http://127.0.0.1:9999/anything', 'http://127.0.0.1:9999/anything'],
			['http://2130706433/', 'http://localhost:5173']
		];
		for (const [requested, expected] of cases) {
			const hash = (await admin().generateLink({ type: 'magiclink', email })).data.properties!
				.hashed_token;
			const { location } = await follow(
				`${url}/auth/v1/verify?token=${hash}&type=magiclink&redirect_to=${encodeURIComponent(requested)}`
			);
			expect(location.slice(0, location.indexOf('#'))).toBe(expected);
		}
	});

	it('runs the PKCE flow of @supabase/ssr: pkce_ token, ?code=, exchangeCodeForSession', async () => {
		const email = uniqueEmail('pkce');
		const browser = pkceClient();
		const signUp = await browser.auth.signUp({
			email,
			password,
			options: { emailRedirectTo: `${appOrigin}/auth/callback` }
		});
		expect(signUp.error).toBeNull();
		const token = await oneTimeToken(email, 'confirmation_token');
		expect(token).toMatch(/^pkce_[0-9a-f]{56}$/);
		const [flow] =
			await sql`select code_challenge_method, authentication_method, provider_type from auth.flow_state where user_id = ${signUp.data.user!.id}`;
		expect(flow).toEqual({
			code_challenge_method: 's256',
			authentication_method: 'email/signup',
			provider_type: 'email'
		});

		const { status, location } = await follow(
			`${url}/auth/v1/verify?token=${token}&type=signup&redirect_to=${encodeURIComponent(`${appOrigin}/auth/callback?next=/home`)}`
		);
		expect(status).toBe(303);
		const redirect = new URL(location);
		expect(redirect.origin + redirect.pathname).toBe(`${appOrigin}/auth/callback`);
		expect([...redirect.searchParams.keys()]).toEqual(['code', 'next']);
		const code = redirect.searchParams.get('code')!;

		const wrong = await raw('/token?grant_type=pkce', {
			body: { auth_code: code, code_verifier: 'x'.repeat(43) }
		});
		expect(wrong).toMatchObject({
			status: 400,
			json: {
				code: 'bad_code_verifier',
				message: 'code challenge does not match previously saved code verifier'
			}
		});
		const { data, error } = await browser.auth.exchangeCodeForSession(code);
		expect(error).toBeNull();
		expect(data.user?.email_confirmed_at).toBeTruthy();
		expect(claimsOf(data.session!.access_token).amr).toEqual([
			{ method: 'email/signup', timestamp: expect.any(Number) }
		]);

		const reused = await client().auth.exchangeCodeForSession(code);
		expect(reused.error).toBeTruthy();
		const unknown = await raw('/token?grant_type=pkce', {
			body: { auth_code: crypto.randomUUID(), code_verifier: 'x'.repeat(43) }
		});
		expect(unknown).toMatchObject({
			status: 404,
			json: {
				code: 'flow_state_not_found',
				message: 'invalid flow state, no valid flow state found'
			}
		});
	});

	it('accepts the pkce_ token hash in verifyOtp, the SSR /auth/confirm pattern', async () => {
		const email = uniqueEmail('ssr');
		await pkceClient().auth.signUp({ email, password });
		const { data, error } = await client().auth.verifyOtp({
			type: 'email',
			token_hash: (await oneTimeToken(email, 'confirmation_token'))!
		});
		expect(error).toBeNull();
		expect(data.session?.user.email).toBe(email);
	});

	it('answers malformed links with JSON errors', async () => {
		const noType = await raw('/verify?token=abc');
		expect(noType).toMatchObject({
			status: 400,
			json: { code: 'validation_failed', message: 'Verify requires a verification type' }
		});
		const noToken = await raw('/verify?type=signup');
		expect(noToken.json.message).toBe('Verify requires a token or a token hash');
	});
});
