import { z } from 'zod';
import { keysetPages } from '$lib/paths';
import * as moderation from '$lib/server/moderation';
import { requireMember } from '$lib/server/request';
import type { PageServerLoad } from './$types';

const afterSchema = z.string().max(200).nullable().catch(null);

export const load: PageServerLoad = async ({ locals, url }) => {
	const { claims } = requireMember(locals);
	const { flags, next } = await moderation.myFlags(
		claims,
		afterSchema.parse(url.searchParams.get('after'))
	);
	return { flags, pages: keysetPages(url, next) };
};
