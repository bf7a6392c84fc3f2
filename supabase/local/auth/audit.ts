// auth.audit_log_entries rows as GoTrue's NewAuditLogEntry writes them.
import { randomUUID } from 'node:crypto';
import { jsonParam, nilUuid, type Db } from './db.ts';
import type { Json } from './users.ts';

const logTypes = {
	login: 'account',
	logout: 'account',
	user_signedup: 'team',
	user_invited: 'team',
	user_deleted: 'team',
	user_modified: 'user',
	user_recovery_requested: 'user',
	user_confirmation_requested: 'user',
	user_repeated_signup: 'user',
	user_updated_password: 'user',
	token_revoked: 'token',
	token_refreshed: 'token'
} as const;

export type AuditAction = keyof typeof logTypes;

/** Who did it: a user row, or the admin pseudo-user (id nil, username = its role). */
export type Actor = {
	id: string;
	email: string | null;
	phone?: string | null;
	is_sso_user?: boolean;
	raw_user_meta_data?: Json | null;
};

export async function audit(
	db: Db,
	actor: Actor,
	action: AuditAction,
	traits?: Json
): Promise<void> {
	const payload: Json = {
		actor_id: actor.id,
		actor_via_sso: actor.is_sso_user ?? false,
		actor_username: actor.phone || actor.email || '',
		action,
		log_type: logTypes[action]
	};
	const fullName = actor.raw_user_meta_data?.full_name;
	if (fullName !== undefined) payload.actor_name = fullName;
	if (traits) payload.traits = traits;
	await db`
		insert into auth.audit_log_entries (instance_id, id, payload, created_at, ip_address)
		values (${nilUuid}, ${randomUUID()}, ${jsonParam(db, payload)}, now(), '')`;
}

/** GoTrue's admin actor: the JWT role stands in for the user. */
export function adminActor(role: string): Actor {
	return { id: nilUuid, email: role };
}
