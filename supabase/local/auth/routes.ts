// The /auth/v1 routes of the stand-in. Each handler spends its rate limit where GoTrue
// does (ratelimit.ts).
import type { App } from './app.ts';
import { createUser, deleteUser, getUserById, listUsers, updateUserById } from './admin.ts';
import { ApiError, notFound } from './errors.ts';
import { generateLink } from './generate-link.ts';
import { requireAdmin } from './guard.ts';
import type { Reply, Request } from './http.ts';
import { health, jwks, settings } from './misc.ts';
import { recover, signup } from './signup.ts';
import { token } from './token.ts';
import { getUser, logout, updateUser } from './user.ts';
import { verifyGet, verifyPost } from './verify.ts';

type Handler = (app: App, request: Request) => Promise<Reply> | Reply;

const admin =
	(handler: (app: App, request: Request, role: string) => Promise<Reply>): Handler =>
	async (app, request) =>
		handler(app, request, (await requireAdmin(app, request)).role);

const adminUser =
	(handler: (app: App, request: Request, id: string, role: string) => Promise<Reply>): Handler =>
	async (app, request) => {
		const { role } = await requireAdmin(app, request);
		return handler(
			app,
			request,
			decodeURIComponent(request.path.slice('/admin/users/'.length)),
			role
		);
	};

const routes: Record<string, Partial<Record<string, Handler>>> = {
	'/health': { GET: () => health() },
	'/settings': { GET: (app) => settings(app) },
	'/.well-known/jwks.json': { GET: (app) => jwks(app) },
	'/signup': { POST: signup },
	'/token': { POST: token },
	'/user': { GET: getUser, PUT: updateUser },
	'/logout': { POST: logout },
	'/recover': { POST: recover },
	'/verify': { GET: verifyGet, POST: verifyPost },
	'/admin/users': {
		GET: admin((app, request) => listUsers(app, request)),
		POST: admin(createUser)
	},
	'/admin/users/{id}': {
		GET: adminUser((app, _request, id) => getUserById(app, id)),
		PUT: adminUser(updateUserById),
		DELETE: adminUser(deleteUser)
	},
	'/admin/generate_link': { POST: admin(generateLink) }
};

function routeKey(path: string): string {
	return /^\/admin\/users\/[^/]+$/.test(path) ? '/admin/users/{id}' : path;
}

export async function dispatch(app: App, request: Request): Promise<Reply> {
	const methods = routes[routeKey(request.path)];
	if (!methods) throw notFound('not_found', 'Not Found');
	const handler = methods[request.method];
	if (!handler) throw new ApiError(405, 'method_not_allowed', 'Method Not Allowed');
	return handler(app, request);
}
