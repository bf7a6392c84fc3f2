import { m } from '$lib/paraglide/messages';
import * as privacy from '$lib/server/members/privacy';
import { requireMember } from '$lib/server/data/request';
import type { RequestHandler } from './$types';

// A download of everything stored about the member (GDPR art. 15 and 20).
export const GET: RequestHandler = async ({ locals }) => {
	const { claims } = requireMember(locals);
	const data = await privacy.exportData(claims);
	return new Response(JSON.stringify(data, null, 2), {
		headers: {
			'Content-Type': 'application/json; charset=utf-8',
			'Content-Disposition': `attachment; filename="${m.account_data_filename()}"`,
			'Cache-Control': 'private, no-store'
		}
	});
};
