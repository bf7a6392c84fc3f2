// /admin/users (GoTrue's admin.go): what auth.admin.* in supabase-js calls with
// the service_role key.
import { randomBytes } from 'node:crypto';
import { audience, type App } from './app.ts';
import { adminActor, audit } from './audit.ts';
import {
	banUser,
	confirmUser,
	softDeleteUser,
	updateEmailIdentity,
	updatePassword
} from './account.ts';
import { jsonParam, nilUuid } from './db.ts';
import { parseGoDuration } from './duration.ts';
import { badRequest, internalError, notFound, unprocessable } from './errors.ts';
import { isUuid } from './guard.ts';
import { fields, json, jsonBody, type Reply, type Request } from './http.ts';
import { checkPasswordStrength, hashPassword, isBcryptHash } from './passwords.ts';
import {
	findDuplicateEmailUser,
	findUserById,
	identityClaims,
	insertIdentity,
	insertUser,
	loadIdentities,
	loadUserJson,
	mergeMetadata,
	userJson,
	validateEmail,
	type UserRow
} from './users.ts';

const defaultPerPage = 50;
const maxPerPage = 1000;
const duplicateEmail = () =>
	unprocessable('email_exists', 'A user with this email address has already been registered');

function banDurationMs(value: string): number | undefined {
	if (value === '') return undefined;
	if (value === 'none') return 0;
	try {
		return parseGoDuration(value);
	} catch (error) {
		throw badRequest(
			'validation_failed',
			`invalid format for ban duration: ${(error as Error).message}`
		);
	}
}

/** shared.Paginate */
function pagination(request: Request) {
	const parse = (name: string, fallback: number) => {
		const text = request.url.searchParams.get(name) ?? '';
		if (text === '') return fallback;
		if (!/^\d+$/.test(text)) {
			throw badRequest(
				'validation_failed',
				`Bad Pagination Parameters: strconv.ParseUint: parsing "${text}": invalid syntax`
			);
		}
		return Number(text);
	};
	const page = parse('page', 1);
	if (page === 0)
		throw badRequest('validation_failed', 'Bad Pagination Parameters: page must be greater than 0');
	return { page, perPage: Math.min(parse('per_page', defaultPerPage), maxPerPage) };
}

/** AddPaginationHeaders: Link with next/last (query keys sorted, so `page` comes first) and X-Total-Count. */
function paginationHeaders(request: Request, page: number, perPage: number, total: number) {
	const lastPage = Math.max(Math.ceil(total / perPage), 1);
	const link = (target: number) => {
		const query = new URLSearchParams(request.url.searchParams);
		query.set('page', String(target));
		query.sort();
		return `<${request.path}?${query.toString()}>`;
	};
	const parts = page < lastPage ? [`${link(page + 1)}; rel="next"`] : [];
	parts.push(`${link(lastPage)}; rel="last"`);
	return { Link: parts.join(', '), 'X-Total-Count': String(total) };
}

export async function listUsers(app: App, request: Request): Promise<Reply> {
	const { page, perPage } = pagination(request);
	const filter = request.url.searchParams.get('filter') ?? '';
	const like = `%${filter}%`;
	const where = filter
		? app.sql`aud = ${audience} and (email like ${like} or raw_user_meta_data->>'full_name' ilike ${like})`
		: app.sql`aud = ${audience}`;
	const [{ count }] = await app.sql<
		{ count: number }[]
	>`select count(*)::int as count from auth.users where ${where}`;
	const rows = await app.sql<UserRow[]>`
		select * from auth.users where ${where}
		order by created_at desc limit ${perPage} offset ${(page - 1) * perPage}`;
	const users = [];
	for (const row of rows) users.push(userJson(row, await loadIdentities(app.sql, row.id)));
	return {
		status: 200,
		json: { users, aud: audience },
		headers: paginationHeaders(request, page, perPage, count)
	};
}

/** loadUser: the {id} path segment must be a UUID of an existing user. */
async function loadUser(app: App, id: string): Promise<UserRow> {
	if (!isUuid(id)) throw notFound('validation_failed', 'user_id must be an UUID');
	const user = await findUserById(app.sql, id);
	if (!user) throw notFound('user_not_found', 'User not found');
	return user;
}

export async function getUserById(app: App, id: string): Promise<Reply> {
	const user = await loadUser(app, id);
	return json(userJson(user, await loadIdentities(app.sql, user.id)));
}

export async function createUser(app: App, request: Request, adminRole: string): Promise<Reply> {
	const body = fields(jsonBody(request), 'AdminUserParams');
	const password = body.optionalString('password');
	const passwordHash = body.string('password_hash');
	const customId = body.string('id');
	const ban = banDurationMs(body.string('ban_duration'));
	if (body.string('email') === '' && body.string('phone') === '') {
		throw badRequest('validation_failed', 'Cannot create a user without either an email or phone');
	}
	if (body.string('phone') !== '')
		throw badRequest('validation_failed', 'Phone users are not supported by the local stack');
	const email = validateEmail(body.string('email'));
	if (await findDuplicateEmailUser(app.sql, email, audience)) throw duplicateEmail();
	if (password !== undefined && passwordHash !== '') {
		throw badRequest('validation_failed', 'Only a password or a password hash should be provided');
	}
	if (passwordHash !== '' && !isBcryptHash(passwordHash))
		throw internalError('Error creating user');
	if (password) checkPasswordStrength(app.config, password);
	if (customId !== '' && !isUuid(customId))
		throw badRequest('validation_failed', 'ID must conform to the uuid v4 format');
	if (customId === nilUuid) throw badRequest('validation_failed', 'ID cannot be a nil uuid');
	// Without a password GoTrue sets a random one, so the account cannot be guessed into.
	const hash =
		passwordHash || (await hashPassword(password || randomBytes(48).toString('base64url')));

	const id = await app.sql.begin(async (tx) => {
		const userId = await insertUser(tx, {
			id: customId || undefined,
			aud: audience,
			role: body.string('role') || 'authenticated',
			email,
			encryptedPassword: hash,
			userMetadata: body.object('user_metadata') ?? {},
			appMetadata: mergeMetadata(
				{ provider: 'email', providers: ['email'] },
				body.object('app_metadata') ?? {}
			)
		});
		await insertIdentity(tx, userId, 'email', identityClaims(userId, email));
		const user = (await findUserById(tx, userId))!;
		await audit(tx, adminActor(adminRole), 'user_signedup', {
			user_id: userId,
			user_email: email,
			user_phone: ''
		});
		if (body.boolean('email_confirm')) await confirmUser(tx, user);
		if (ban !== undefined) await banUser(tx, userId, ban);
		return userId;
	});
	return json(await loadUserJson(app.sql, id));
}

export async function updateUserById(
	app: App,
	request: Request,
	id: string,
	adminRole: string
): Promise<Reply> {
	const user = await loadUser(app, id);
	const body = fields(jsonBody(request), 'AdminUserParams');
	const email = body.string('email') === '' ? '' : validateEmail(body.string('email'));
	const password = body.optionalString('password');
	const ban = banDurationMs(body.string('ban_duration'));
	const userMetadata = body.object('user_metadata');
	const appMetadata = body.object('app_metadata');
	const emailConfirm = body.boolean('email_confirm');
	if (body.string('phone') !== '')
		throw badRequest('validation_failed', 'Phone users are not supported by the local stack');
	if (
		email !== '' &&
		email !== user.email &&
		(await findDuplicateEmailUser(app.sql, email, audience, user.id))
	) {
		throw duplicateEmail();
	}
	if (password !== undefined) checkPasswordStrength(app.config, password);
	const hash = password ? await hashPassword(password) : null;

	try {
		await app.sql.begin(async (tx) => {
			if (body.string('role') !== '')
				await tx`update auth.users set role = ${body.string('role')}, updated_at = now() where id = ${id}`;
			if (emailConfirm) await confirmUser(tx, (await findUserById(tx, id))!);
			// An admin password change signs the user out everywhere.
			if (password !== undefined) await updatePassword(tx, id, hash);
			if (email !== '') {
				if (!(await updateEmailIdentity(tx, id, { email, email_verified: emailConfirm }))) {
					await insertIdentity(tx, id, 'email', identityClaims(id, email, emailConfirm));
				}
				await tx`update auth.users set email = ${email}, updated_at = now() where id = ${id}`;
			}
			const current = (await findUserById(tx, id))!;
			if (appMetadata) {
				const merged = mergeMetadata(current.raw_app_meta_data, appMetadata);
				await tx`update auth.users set raw_app_meta_data = ${jsonParam(tx, merged)}, updated_at = now() where id = ${id}`;
			}
			if (userMetadata) {
				const merged = mergeMetadata(current.raw_user_meta_data, userMetadata);
				await tx`update auth.users set raw_user_meta_data = ${jsonParam(tx, merged)}, updated_at = now() where id = ${id}`;
			}
			if (ban !== undefined) await banUser(tx, id, ban);
			await audit(tx, adminActor(adminRole), 'user_modified', {
				user_id: id,
				user_email: email || user.email || '',
				user_phone: user.phone ?? ''
			});
		});
	} catch (error) {
		throw Object.assign(internalError('Error updating user'), { cause: error });
	}
	return json(await loadUserJson(app.sql, id));
}

export async function deleteUser(
	app: App,
	request: Request,
	id: string,
	adminRole: string
): Promise<Reply> {
	const user = await loadUser(app, id);
	const softDelete =
		request.rawBody.length > 0 &&
		fields(jsonBody(request), 'adminUserDeleteParams').boolean('should_soft_delete');
	await app.sql.begin(async (tx) => {
		await audit(tx, adminActor(adminRole), 'user_deleted', {
			user_id: id,
			user_email: user.email ?? '',
			user_phone: user.phone ?? ''
		});
		if (softDelete) {
			if (!user.deleted_at) await softDeleteUser(tx, user);
			return;
		}
		try {
			// App tables referencing auth.users without ON DELETE CASCADE make this fail.
			await tx`delete from auth.users where id = ${id}`;
		} catch (error) {
			throw Object.assign(internalError('Database error deleting user'), { cause: error });
		}
	});
	return json({});
}
