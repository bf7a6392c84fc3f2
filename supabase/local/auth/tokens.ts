// JWTs: ES256 access tokens with a `kid` published in the JWKS (what new hosted
// projects use, so getClaims() verifies locally), and HS256 verification with the
// project secret for the legacy anon/service_role keys and older tokens.
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
	decodeProtectedHeader,
	errors,
	exportJWK,
	generateKeyPair,
	importJWK,
	jwtVerify,
	SignJWT,
	type CryptoKey,
	type JWK,
	type JWTPayload
} from 'jose';
import { forbidden } from './errors.ts';

export type Keys = {
	kid: string;
	privateKey: CryptoKey;
	publicKey: CryptoKey;
	/** The JWK GET /.well-known/jwks.json lists. */
	publicJwk: JWK;
	secret: Uint8Array;
};

/** Loads the signing key from stateDir, creating it on first start so tokens survive restarts. */
export async function loadKeys(stateDir: string, jwtSecret: string): Promise<Keys> {
	const file = path.join(stateDir, 'auth-signing-key.json');
	let privateJwk: JWK;
	if (existsSync(file)) {
		privateJwk = JSON.parse(await readFile(file, 'utf8')) as JWK;
	} else {
		const pair = await generateKeyPair('ES256', { extractable: true });
		privateJwk = {
			...(await exportJWK(pair.privateKey)),
			kid: randomUUID(),
			alg: 'ES256',
			use: 'sig'
		};
		await mkdir(stateDir, { recursive: true });
		await writeFile(file, JSON.stringify(privateJwk, null, 2) + '\n', { mode: 0o600 });
	}
	const publicJwk: JWK = {
		kty: privateJwk.kty,
		crv: privateJwk.crv,
		x: privateJwk.x,
		y: privateJwk.y,
		kid: privateJwk.kid,
		alg: 'ES256',
		use: 'sig',
		key_ops: ['verify']
	};
	return {
		kid: String(privateJwk.kid),
		privateKey: (await importJWK({ ...privateJwk, key_ops: ['sign'] }, 'ES256')) as CryptoKey,
		publicKey: (await importJWK(publicJwk, 'ES256')) as CryptoKey,
		publicJwk,
		secret: new TextEncoder().encode(jwtSecret)
	};
}

export type AccessClaims = {
	iss: string;
	sub: string;
	aud: string;
	exp: number;
	iat: number;
	email: string;
	phone: string;
	app_metadata: Record<string, unknown>;
	user_metadata: Record<string, unknown>;
	role: string;
	aal: string;
	amr: { method: string; timestamp: number }[];
	session_id: string;
	is_anonymous: boolean;
};

export function signAccessToken(keys: Keys, claims: AccessClaims): Promise<string> {
	return new SignJWT(claims)
		.setProtectedHeader({ alg: 'ES256', kid: keys.kid, typ: 'JWT' })
		.sign(keys.privateKey);
}

/** What golang-jwt says about a token, which GoTrue puts after its own prefix. */
function libraryMessage(error: unknown, token: string): string {
	if (error instanceof errors.JWTExpired) return 'token has invalid claims: token is expired';
	if (error instanceof errors.JWTClaimValidationFailed)
		return `token has invalid claims: ${error.message}`;
	if (error instanceof errors.JWSSignatureVerificationFailed)
		return 'token signature is invalid: signature is invalid';
	if (token.split('.').length !== 3)
		return 'token is malformed: token contains an invalid number of segments';
	if (error instanceof UnverifiableError)
		return `token is unverifiable: error while executing keyfunc: ${error.message}`;
	return 'token is malformed: could not JSON decode header';
}

class UnverifiableError extends Error {}

/** Verifies like GoTrue's parseJWTClaims: key by `kid`, else the HS256 secret. */
export async function verifyJwt(keys: Keys, token: string): Promise<JWTPayload> {
	try {
		const header = decodeProtectedHeader(token);
		let key: CryptoKey | Uint8Array;
		let algorithm: string;
		if (header.kid === keys.kid) {
			key = keys.publicKey;
			algorithm = 'ES256';
		} else if (header.alg === 'HS256') {
			key = keys.secret;
			algorithm = 'HS256';
		} else {
			throw new UnverifiableError(header.kid ? `no key for kid ${header.kid}` : 'missing kid');
		}
		const { payload } = await jwtVerify(token, key, { algorithms: [algorithm], clockTolerance: 0 });
		return payload;
	} catch (error) {
		throw forbidden(
			'bad_jwt',
			`invalid JWT: unable to parse or verify signature, ${libraryMessage(error, token)}`
		);
	}
}

/** The gateway's view of an API key: a legacy anon/service_role JWT signed with the secret. */
export async function isApiKey(keys: Keys, value: string): Promise<boolean> {
	try {
		const { payload } = await jwtVerify(value, keys.secret, { algorithms: ['HS256'] });
		return payload.role === 'anon' || payload.role === 'service_role';
	} catch {
		return false;
	}
}
