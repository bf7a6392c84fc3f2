// Password hashing and the strength policy, as GoTrue does them.
import bcrypt from 'bcryptjs';
import type { AuthConfig } from './config.ts';
import { badRequest, WeakPasswordError } from './errors.ts';

/** Go's bcrypt limit; GoTrue checks it in bytes before anything else. */
const maxPasswordBytes = 72;
const defaultCost = 10;

/** Go's bcrypt writes `$2a$`; bcryptjs would write `$2b$` (same algorithm). */
export async function hashPassword(password: string): Promise<string> {
	const salt = (await bcrypt.genSalt(defaultCost)).replace(/^\$2b\$/, '$2a$');
	return bcrypt.hash(password, salt);
}

/** Any bcrypt variant and cost verifies, so seeds made with pgcrypto's crypt() sign in. */
export async function verifyPassword(password: string, hash: string | null): Promise<boolean> {
	if (!hash || !/^\$2[aby]\$\d\d\$/.test(hash)) return false;
	return bcrypt.compare(password, hash);
}

/** GoTrue re-hashes on sign-in when the stored cost is above its default or the minimum (4). */
export function needsRehash(hash: string): boolean {
	const cost = bcrypt.getRounds(hash);
	return cost > defaultCost || cost === 4;
}

export function isBcryptHash(value: string): boolean {
	return /^\$2[aby]\$\d\d\$[./A-Za-z0-9]{53}$/.test(value);
}

/** GoTrue's checkPasswordStrength (without the optional HIBP check). */
export function checkPasswordStrength(config: AuthConfig, password: string): void {
	if (Buffer.byteLength(password, 'utf8') > maxPasswordBytes) {
		throw badRequest(
			'validation_failed',
			`Password cannot be longer than ${maxPasswordBytes} characters`
		);
	}
	const { minLength, requiredCharacters } = config.password;
	const reasons: string[] = [];
	const messages: string[] = [];
	// Go's len() counts bytes.
	if (Buffer.byteLength(password, 'utf8') < minLength) {
		reasons.push('length');
		messages.push(`Password should be at least ${minLength} characters.`);
	}
	if (requiredCharacters.some((set) => ![...password].some((c) => set.includes(c)))) {
		reasons.push('characters');
		messages.push(
			`Password should contain at least one character of each: ${requiredCharacters.join(', ')}.`
		);
	}
	if (reasons.length > 0) throw new WeakPasswordError(messages.join(' '), reasons);
}
