// auth.users and auth.identities: lookups as GoTrue's models do them and the
// User/Identity JSON GoTrue sends (models.User field order, omitempty fields).
import { randomUUID } from 'node:crypto';
import { jsonParam, nilUuid, type Db } from './db.ts';
import { badRequest, internalError } from './errors.ts';

export type Json = Record<string, unknown>;

export type UserRow = {
	id: string;
	aud: string;
	role: string;
	email: string | null;
	encrypted_password: string | null;
	email_confirmed_at: string | null;
	invited_at: string | null;
	phone: string | null;
	phone_confirmed_at: string | null;
	confirmation_token: string;
	confirmation_sent_at: string | null;
	confirmed_at: string | null;
	recovery_token: string;
	recovery_sent_at: string | null;
	email_change_token_current: string;
	email_change_token_new: string;
	email_change: string;
	email_change_sent_at: string | null;
	email_change_confirm_status: number;
	phone_change: string;
	phone_change_sent_at: string | null;
	reauthentication_sent_at: string | null;
	last_sign_in_at: string | null;
	raw_app_meta_data: Json | null;
	raw_user_meta_data: Json | null;
	created_at: string;
	updated_at: string;
	banned_until: string | null;
	deleted_at: string | null;
	is_anonymous: boolean;
	is_sso_user: boolean;
};

export type IdentityRow = {
	id: string;
	provider_id: string;
	user_id: string;
	identity_data: Json;
	provider: string;
	last_sign_in_at: string | null;
	created_at: string;
	updated_at: string;
	email: string | null;
};

/**
 * GoTrue scans these columns into non-nullable Go values; a NULL (typically from a
 * hand-written seed) fails the whole lookup with a scan error.
 */
const nonNullableColumns = [
	'aud',
	'role',
	'confirmation_token',
	'recovery_token',
	'email_change_token_current',
	'email_change_token_new',
	'email_change',
	'phone_change',
	'email_change_confirm_status'
] as const;

class UserScanError extends Error {}

function checked(row: UserRow | undefined): UserRow | null {
	if (!row) return null;
	const nullColumn = nonNullableColumns.find((column) => row[column] === null);
	if (nullColumn)
		throw new UserScanError(
			`sql: Scan error on column "${nullColumn}": converting NULL to string is unsupported`
		);
	return row;
}

/** A lookup whose scan failure becomes the 500 the calling GoTrue handler answers with. */
export async function withScanError<T>(query: Promise<T>, message: string): Promise<T> {
	try {
		return await query;
	} catch (error) {
		if (error instanceof UserScanError) throw internalError(message);
		throw error;
	}
}

export async function findUserById(db: Db, id: string): Promise<UserRow | null> {
	const [row] = await db<
		UserRow[]
	>`select * from auth.users where instance_id = ${nilUuid} and id = ${id}`;
	return checked(row);
}

/** FindUserByEmailAndAudience: case-insensitive, SSO users excluded. */
export async function findUserByEmail(db: Db, email: string, aud: string): Promise<UserRow | null> {
	const [row] = await db<UserRow[]>`
		select * from auth.users
		where instance_id = ${nilUuid} and lower(email) = ${email.toLowerCase()} and aud = ${aud} and is_sso_user = false
		limit 1`;
	return checked(row);
}

/**
 * IsDuplicatedEmail: another user (of this audience) with an identity or account
 * using that address, ignoring `except` (the user changing their own address).
 */
export async function findDuplicateEmailUser(db: Db, email: string, aud: string, except?: string) {
	const [viaIdentity] = await db<{ user_id: string }[]>`
		select distinct i.user_id from auth.identities i join auth.users u on u.id = i.user_id
		where i.email = ${email.toLowerCase()} and u.aud = ${aud} and i.user_id <> ${except ?? nilUuid}
		limit 1`;
	if (viaIdentity) return findUserById(db, viaIdentity.user_id);
	const user = await findUserByEmail(db, email, aud);
	return user && user.id !== except ? user : null;
}

export async function loadIdentities(db: Db, userId: string): Promise<IdentityRow[]> {
	return db<
		IdentityRow[]
	>`select * from auth.identities where user_id = ${userId} order by created_at, id`;
}

export function isBanned(user: UserRow): boolean {
	return user.banned_until !== null && Date.parse(user.banned_until) > Date.now();
}

/** Go's encoding/json writes map keys sorted; jsonb keeps its own order. */
export function goMap(value: Json | null): Json {
	const sort = (v: unknown): unknown =>
		v !== null && typeof v === 'object' && !Array.isArray(v)
			? Object.fromEntries(
					Object.keys(v)
						.sort()
						.map((k) => [k, sort((v as Json)[k])])
				)
			: Array.isArray(v)
				? v.map(sort)
				: v;
	return sort(value ?? {}) as Json;
}

function identityJson(identity: IdentityRow): Json {
	return {
		identity_id: identity.id,
		id: identity.provider_id,
		user_id: identity.user_id,
		identity_data: goMap(identity.identity_data),
		provider: identity.provider,
		...(identity.last_sign_in_at ? { last_sign_in_at: identity.last_sign_in_at } : {}),
		created_at: identity.created_at,
		updated_at: identity.updated_at,
		...(identity.email ? { email: identity.email } : {})
	};
}

/** models.User as JSON: Go's field order, omitempty keys left out when empty. */
export function userJson(user: UserRow, identities: IdentityRow[]): Json {
	const optional = (key: string, value: string | null) => (value ? { [key]: value } : {});
	return {
		id: user.id,
		aud: user.aud,
		role: user.role,
		email: user.email ?? '',
		...optional('email_confirmed_at', user.email_confirmed_at),
		...optional('invited_at', user.invited_at),
		phone: user.phone ?? '',
		...optional('phone_confirmed_at', user.phone_confirmed_at),
		...optional('confirmation_sent_at', user.confirmation_sent_at),
		...optional('confirmed_at', user.confirmed_at),
		...optional('recovery_sent_at', user.recovery_sent_at),
		...optional('new_email', user.email_change),
		...optional('email_change_sent_at', user.email_change_sent_at),
		...optional('new_phone', user.phone_change),
		...optional('phone_change_sent_at', user.phone_change_sent_at),
		...optional('reauthentication_sent_at', user.reauthentication_sent_at),
		...optional('last_sign_in_at', user.last_sign_in_at),
		app_metadata: goMap(user.raw_app_meta_data),
		user_metadata: goMap(user.raw_user_meta_data),
		identities: identities.map(identityJson),
		created_at: user.created_at,
		updated_at: user.updated_at,
		...optional('banned_until', user.banned_until),
		...optional('deleted_at', user.deleted_at),
		is_anonymous: user.is_anonymous
	};
}

export async function loadUserJson(db: Db, userId: string): Promise<Json> {
	const user = await findUserById(db, userId);
	if (!user) throw internalError('Database error loading user');
	return userJson(user, await loadIdentities(db, userId));
}

/**
 * Inserts a user the way GoTrue's pop model does: every column written, token
 * columns as '' and the role set by a second UPDATE, so app triggers on insert see
 * role ''. Errors (a failing trigger) become "Database error saving new user".
 */
export async function insertUser(
	db: Db,
	user: {
		id?: string;
		aud: string;
		role: string;
		email: string;
		encryptedPassword: string;
		userMetadata: Json;
		appMetadata: Json;
	}
): Promise<string> {
	const id = user.id ?? randomUUID();
	try {
		await db`
			insert into auth.users (
				instance_id, id, aud, role, email, is_sso_user, encrypted_password, phone,
				confirmation_token, recovery_token, email_change_token_current, email_change_token_new,
				email_change, email_change_confirm_status, phone_change_token, phone_change,
				reauthentication_token, raw_app_meta_data, raw_user_meta_data, created_at, updated_at, is_anonymous
			) values (
				${nilUuid}, ${id}, ${user.aud}, '', ${user.email}, false, ${user.encryptedPassword}, null,
				'', '', '', '', '', 0, '', '', '', ${jsonParam(db, user.appMetadata)}, ${jsonParam(db, user.userMetadata)},
				now(), now(), false
			)`;
		await db`update auth.users set role = ${user.role}, updated_at = now() where id = ${id}`;
	} catch (error) {
		throw Object.assign(internalError('Database error saving new user'), { cause: error });
	}
	return id;
}

/** provider.Claims as structs.Map writes them: sub, email (omitempty) and the two flags. */
export function identityClaims(userId: string, email: string, emailVerified = false): Json {
	return {
		sub: userId,
		...(email ? { email } : {}),
		email_verified: emailVerified,
		phone_verified: false
	};
}

export async function insertIdentity(
	db: Db,
	userId: string,
	provider: string,
	data: Json
): Promise<void> {
	await db`
		insert into auth.identities (id, provider_id, user_id, identity_data, provider, last_sign_in_at, created_at, updated_at)
		values (${randomUUID()}, ${String(data.sub)}, ${userId}, ${jsonParam(db, data)}, ${provider}, now(), now(), now())`;
}

/** UpdateUserMetaData / UpdateAppMetaData: shallow merge, a null value deletes the key. */
export function mergeMetadata(current: Json | null, patch: Json): Json {
	const merged: Json = { ...(current ?? {}) };
	for (const [key, value] of Object.entries(patch)) {
		if (value === null) delete merged[key];
		else merged[key] = value;
	}
	return merged;
}

// checkmail.ValidateFormat's pattern.
const emailPattern =
	/^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;

/** validateEmail: required, at most 255 characters, well-formed; returned lower-cased. */
export function validateEmail(email: string): string {
	if (email === '') throw badRequest('validation_failed', 'An email address is required');
	if (email.length > 255) throw badRequest('validation_failed', 'An email address is too long');
	if (!emailPattern.test(email)) {
		throw badRequest('validation_failed', 'Unable to validate email address: invalid format');
	}
	return email.toLowerCase();
}
