// GET /settings, /health and /.well-known/jwks.json.
import type { App } from './app.ts';
import { json, type Reply } from './http.ts';

/** The version of supabase/gotrue the Supabase CLI pins; the stand-in mirrors its API. */
const gotrueVersion = 'v2.189.0';

const oauthProviders = [
	'apple',
	'azure',
	'bitbucket',
	'discord',
	'facebook',
	'figma',
	'fly',
	'github',
	'gitlab',
	'google',
	'keycloak',
	'kakao',
	'linkedin',
	'linkedin_oidc',
	'notion',
	'spotify',
	'slack',
	'slack_oidc',
	'workos',
	'twitch',
	'twitter',
	'x',
	'zoom'
];

export function settings(app: App): Reply {
	const external: Record<string, boolean> = { anonymous_users: false };
	for (const provider of oauthProviders) external[provider] = false;
	external.email = app.config.emailEnabled;
	external.phone = false;
	return json({
		external,
		disable_signup: app.config.disableSignup,
		mailer_autoconfirm: app.config.mailer.autoconfirm,
		phone_autoconfirm: false,
		sms_provider: 'twilio',
		saml_enabled: false,
		saml_private_key_next_configured: false,
		passkeys_enabled: false
	});
}

export function health(): Reply {
	return json({
		version: gotrueVersion,
		name: 'GoTrue',
		description: 'GoTrue is a user registration and authentication API'
	});
}

export function jwks(app: App): Reply {
	return {
		status: 200,
		json: { keys: [app.keys.publicJwk] },
		headers: { 'Cache-Control': 'public, max-age=600' }
	};
}
