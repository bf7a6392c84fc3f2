// The needs signal for counsellors and admins: one community or a region at a time, with the
// community's weekly summary to subscribe to. Plain GET and POST forms, no script.
import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import { limits } from '$lib/limits';
import { m } from '$lib/paraglide/messages';
import { read } from '$lib/server/data/db';
import { requireProfessional } from '$lib/server/data/request';
import * as needs from '$lib/server/forum/needs';
import { ServerOnly } from '$lib/server-only';
import type { Actions, PageServerLoad } from './$types';

export const csr = false;

const slugSchema = z
	.string()
	.regex(/^[a-z0-9-]+$/)
	.max(limits.community.slugMax);
const regionPrefix = 'region:';

/**
 * `?place=<slug>` or `?place=region:<name>`; anything unknown shows the first community
 * subscribed to, else the first of all.
 */
function chosenPlace(
	asked: string | null,
	choices: needs.PlaceChoice[],
	subscribed: string[]
): needs.Place | null {
	if (asked?.startsWith(regionPrefix)) {
		const region = asked.slice(regionPrefix.length);
		if (choices.some((choice) => choice.region === region)) return { region };
	}
	const slug = choices.find((choice) => choice.slug === asked)?.slug;
	const fallback = subscribed[0] ?? choices[0]?.slug;
	const community = slug ?? fallback;
	return community ? { community } : null;
}

export const load: PageServerLoad = async ({ locals, url }) => {
	const { claims } = requireProfessional(locals);
	const [choices, subscribed] = await read(claims, (tx) =>
		Promise.all([needs.places(claims, tx), needs.subscriptions(claims, tx)])
	);
	const place = chosenPlace(url.searchParams.get('place'), choices, subscribed);
	const regions = [...new Set(choices.flatMap((choice) => choice.region ?? []))].sort();
	const community =
		place && 'community' in place
			? choices.find((choice) => choice.slug === place.community)
			: undefined;
	return {
		communities: new ServerOnly(choices),
		regions: new ServerOnly(regions),
		community: community ?? null,
		region: place && 'region' in place ? place.region : null,
		subscribed: community ? subscribed.includes(community.slug) : false,
		signal: new ServerOnly(place ? await needs.signal(claims, place) : null)
	};
};

async function subscription(locals: App.Locals, request: Request, subscribe: boolean) {
	const { claims } = requireProfessional(locals);
	const slug = slugSchema.safeParse((await request.formData()).get('community'));
	if (!slug.success) return fail(400, { error: m.needs_unknown_community() });
	if (!subscribe) {
		await needs.unsubscribe(claims, slug.data);
		return { done: m.needs_unsubscribed() };
	}
	if (!(await needs.subscribe(claims, slug.data)))
		return fail(400, { error: m.needs_unknown_community() });
	return { done: m.needs_subscribed() };
}

export const actions: Actions = {
	subscribe: ({ locals, request }) => subscription(locals, request, true),
	unsubscribe: ({ locals, request }) => subscription(locals, request, false)
};
