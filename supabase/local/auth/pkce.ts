// PKCE: auth.flow_state rows created when a mail flow starts with a code
// challenge, the auth code /verify hands out, and its exchange at /token.
import { createHash, randomUUID } from 'node:crypto';
import type { Db } from './db.ts';
import { badRequest, notFound, unprocessable } from './errors.ts';
import type { AuthMethod } from './sessions.ts';

/** GoTrue's default GOTRUE_EXTERNAL_FLOW_STATE_EXPIRY_DURATION. */
const flowStateExpiryMs = 300_000;

export type FlowState = {
	id: string;
	user_id: string | null;
	auth_code: string;
	code_challenge_method: 's256' | 'plain';
	code_challenge: string;
	provider_type: string;
	authentication_method: string;
	created_at: string;
	auth_code_issued_at: string | null;
};

/** validatePKCEParams: both or neither, and a challenge of RFC 7636 length. */
export function validatePkceParams(method: string, challenge: string) {
	if ((challenge === '') !== (method === '')) {
		throw badRequest(
			'validation_failed',
			'PKCE flow requires code_challenge_method and code_challenge'
		);
	}
	if (challenge !== '' && !/^[A-Za-z0-9\-._~]{43,128}$/.test(challenge)) {
		throw badRequest('validation_failed', 'code challenge has to be between 43 and 128 characters');
	}
}

function challengeMethod(method: string): 's256' | 'plain' {
	const lower = method.toLowerCase();
	if (lower !== 's256' && lower !== 'plain') {
		throw badRequest('validation_failed', `unsupported code_challenge method: ${method}`);
	}
	return lower;
}

/** generateFlowState */
export async function createFlowState(
	db: Db,
	providerType: string,
	method: AuthMethod,
	codeChallengeMethod: string,
	codeChallenge: string,
	userId: string
) {
	await db`
		insert into auth.flow_state (id, user_id, auth_code, code_challenge_method, code_challenge, provider_type,
			provider_access_token, provider_refresh_token, created_at, updated_at, authentication_method)
		values (${randomUUID()}, ${userId}, ${randomUUID()}, ${challengeMethod(codeChallengeMethod)}, ${codeChallenge},
			${providerType}, '', '', now(), now(), ${method})`;
}

/** issueAuthCode: the newest flow of that user and method gets its code issued. */
export async function issueAuthCode(db: Db, userId: string, method: AuthMethod): Promise<string> {
	const [flow] = await db<FlowState[]>`
		select * from auth.flow_state where user_id = ${userId} and authentication_method = ${method}
		order by created_at desc limit 1`;
	if (!flow) throw unprocessable('flow_state_not_found', 'No valid flow state found for user.');
	await db`update auth.flow_state set auth_code_issued_at = now(), updated_at = now() where id = ${flow.id}`;
	return flow.auth_code;
}

/** The flow of an auth code, unexpired and bound to a user. */
export async function findFlowState(
	db: Db,
	authCode: string
): Promise<FlowState & { user_id: string }> {
	const [flow] = await db<
		FlowState[]
	>`select * from auth.flow_state where auth_code = ${authCode} limit 1`;
	if (!flow || !flow.user_id)
		throw notFound('flow_state_not_found', 'invalid flow state, no valid flow state found');
	const started =
		flow.auth_code_issued_at && flow.authentication_method !== 'magiclink'
			? flow.auth_code_issued_at
			: flow.created_at;
	if (Date.now() > Date.parse(started) + flowStateExpiryMs) {
		throw unprocessable('flow_state_expired', 'invalid flow state, flow state has expired');
	}
	return { ...flow, user_id: flow.user_id };
}

export function verifyCodeVerifier(flow: FlowState, verifier: string) {
	const expected =
		flow.code_challenge_method === 's256'
			? createHash('sha256').update(verifier).digest('base64url')
			: verifier;
	if (expected !== flow.code_challenge) {
		throw badRequest(
			'bad_code_verifier',
			'code challenge does not match previously saved code verifier'
		);
	}
}
