// State changes of a user that several endpoints share (GoTrue's models.User methods).
import { createHash } from 'node:crypto';
import { jsonParam, type Db } from './db.ts';
import { clearOneTimeTokens } from './otp.ts';
import { deleteSessions } from './sessions.ts';
import { mergeMetadata, type Json, type UserRow } from './users.ts';

/** User.Confirm: e-mail confirmed now, `email_verified: true` in user_metadata. */
export async function confirmUser(db: Db, user: UserRow) {
	const metadata = mergeMetadata(user.raw_user_meta_data, { email_verified: true });
	await db`
		update auth.users set confirmation_token = '', email_confirmed_at = now(),
			raw_user_meta_data = ${jsonParam(db, metadata)}, updated_at = now()
		where id = ${user.id}`;
	await clearOneTimeTokens(db, user.id);
}

/** Identity.UpdateIdentityData: shallow merge into identity_data. */
export async function updateEmailIdentity(db: Db, userId: string, patch: Json) {
	const [identity] = await db<{ id: string; identity_data: Json }[]>`
		select id, identity_data from auth.identities where provider_id = ${userId} and provider = 'email'`;
	if (!identity) return false;
	const data = mergeMetadata(identity.identity_data, patch);
	await db`update auth.identities set identity_data = ${jsonParam(db, data)}, updated_at = now() where id = ${identity.id}`;
	return true;
}

/** UpdateAppMetaDataProviders: app_metadata.provider(s) follow the user's identities. */
export async function syncProviders(db: Db, user: UserRow) {
	const rows = await db<{ provider: string }[]>`
		select distinct provider from auth.identities where user_id = ${user.id} order by provider`;
	const providers = rows.map((r) => r.provider);
	const patch: Json = { providers };
	if (providers.length > 0) patch.provider = providers[0];
	const metadata = mergeMetadata(user.raw_app_meta_data, patch);
	await db`update auth.users set raw_app_meta_data = ${jsonParam(db, metadata)}, updated_at = now() where id = ${user.id}`;
}

/**
 * User.UpdatePassword: new hash, every pending token cleared, and every session
 * signed out except `keepSessionId` (the one that changed the password).
 */
export async function updatePassword(
	db: Db,
	userId: string,
	hash: string | null,
	keepSessionId?: string
) {
	await db`
		update auth.users set encrypted_password = ${hash}, confirmation_token = '', confirmation_sent_at = null,
			recovery_token = '', recovery_sent_at = null, email_change_token_current = '', email_change_token_new = '',
			email_change_sent_at = null, phone_change_token = '', phone_change_sent_at = null,
			reauthentication_token = '', reauthentication_sent_at = null, updated_at = now()
		where id = ${userId}`;
	await clearOneTimeTokens(db, userId);
	await deleteSessions(db, userId, keepSessionId);
}

/** User.Ban: banned until now + duration; 0 lifts the ban. */
export async function banUser(db: Db, userId: string, durationMs: number) {
	if (durationMs === 0)
		await db`update auth.users set banned_until = null, updated_at = now() where id = ${userId}`;
	else {
		await db`
			update auth.users set banned_until = now() + ${durationMs} * interval '1 millisecond', updated_at = now()
			where id = ${userId}`;
	}
}

/** GoTrue's obfuscateValue: base64url(sha256(id + value)) without padding. */
function obfuscate(userId: string, value: string) {
	return createHash('sha256')
		.update(userId + value)
		.digest('base64url');
}

/** SoftDeleteUser + SoftDeleteUserIdentities: the row stays, anonymised and signed out. */
export async function softDeleteUser(db: Db, user: UserRow) {
	await db`
		update auth.users set
			email = ${obfuscate(user.id, user.email ?? '')},
			phone = ${obfuscate(user.id, user.phone ?? '').slice(0, 15)},
			email_change = ${obfuscate(user.id, user.email_change)},
			phone_change = ${obfuscate(user.id, user.phone_change).slice(0, 15)},
			encrypted_password = null, confirmation_token = '', recovery_token = '',
			email_change_token_current = '', email_change_token_new = '', phone_change_token = '',
			raw_user_meta_data = '{}', raw_app_meta_data = '{}', deleted_at = now(), updated_at = now()
		where id = ${user.id}`;
	await clearOneTimeTokens(db, user.id);
	await deleteSessions(db, user.id);
	const identities = await db<{ id: string; provider: string; provider_id: string }[]>`
		select id, provider, provider_id from auth.identities where user_id = ${user.id}`;
	for (const identity of identities) {
		await db`
			update auth.identities set identity_data = '{}', updated_at = now(),
				provider_id = ${obfuscate(user.id, `${identity.provider}:${identity.provider_id}`)}
			where id = ${identity.id}`;
	}
}
