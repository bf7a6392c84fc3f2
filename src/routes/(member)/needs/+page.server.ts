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

type RegionChoice = { ags: string; label: string };

/** The regions of communities and their Länder, by label. */
function regionsOf(choices: needs.PlaceChoice[]): RegionChoice[] {
	const regions = new Map<string, string>();
	for (const choice of choices) {
		if (choice.region) regions.set(choice.region, choice.regionLabel ?? choice.region);
		if (choice.land) regions.set(choice.land, choice.landLabel ?? choice.land);
	}
	return [...regions]
		.map(([ags, label]) => ({ ags, label }))
		.sort((a, b) => a.label.localeCompare(b.label, 'de'));
}

/**
 * `?place=<slug>` or `?place=region:<key>` (a Land's or a Kreis's official key); anything
 * unknown shows the first community subscribed to, else the first of all.
 */
function chosenPlace(
	asked: string | null,
	choices: needs.PlaceChoice[],
	regions: RegionChoice[],
	subscribed: string[]
): needs.Place | null {
	if (asked?.startsWith(regionPrefix)) {
		const region = asked.slice(regionPrefix.length);
		if (regions.some((choice) => choice.ags === region)) return { region };
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
	const regions = regionsOf(choices);
	const place = chosenPlace(url.searchParams.get('place'), choices, regions, subscribed);
	const community =
		place && 'community' in place
			? choices.find((choice) => choice.slug === place.community)
			: undefined;
	return {
		communities: new ServerOnly(choices),
		regions: new ServerOnly(regions),
		community: community ?? null,
		region: (place && 'region' in place && regions.find((r) => r.ags === place.region)) || null,
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
