import { keysetPages } from '$lib/paths';
import * as ownFlags from '$lib/server/own-flags';
import { requireMember } from '$lib/server/request';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const { claims } = requireMember(locals);
	const { flags, next } = await ownFlags.myFlags(claims, url.searchParams.get('after'));
	return { flags, pages: keysetPages(url, next) };
};
