// A member's region: by postcode (its primary Kreis) or by choosing a Kreis, shown to
// others only when they say so. Only the Kreis is kept, never the postcode.
import { parseForm, rejectForm } from '$lib/forms';
import { m } from '$lib/paraglide/messages';
import { memberRegionSchema } from '$lib/region-schemas';
import { read } from '$lib/server/data/db';
import { requireMember } from '$lib/server/data/request';
import * as regions from '$lib/server/forum/regions';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const { claims } = requireMember(locals);
	const [mine, choices] = await read(claims, (tx) =>
		Promise.all([regions.mine(claims, tx), regions.choices(claims, false, tx)])
	);
	return { mine, regions: choices };
};

export const actions: Actions = {
	save: async ({ locals, request }) => {
		const { claims } = requireMember(locals);
		const form = parseForm(memberRegionSchema, await request.formData());
		if (!form.ok) return rejectForm(form.values, form);
		const { postcode, kreis, show } = form.data;
		const found = postcode ? await regions.byPostcode(claims, postcode) : [];
		if (postcode && found.length === 0) {
			return rejectForm(form.values, {
				error: m.error_postcode_unknown({ postcode }),
				field: 'postcode'
			});
		}
		const [primary, ...others] = found;
		const chosen = primary?.ags ?? (kreis || null);
		try {
			await regions.setMine(claims, chosen, show);
		} catch (cause) {
			if (!regions.isUnknownRegion(cause)) throw cause;
			return rejectForm(form.values, { error: m.error_region_unknown(), field: 'kreis' });
		}
		if (!chosen) return { done: m.region_removed() };
		const label = primary?.label ?? (await regions.mine(claims)).region?.label ?? chosen;
		const several = others.length
			? m.region_postcode_several({
					postcode,
					region: label,
					others: others.map((other) => other.label).join(', ')
				})
			: undefined;
		return { done: m.region_saved({ region: label }), several };
	},
	remove: async ({ locals }) => {
		const { claims } = requireMember(locals);
		await regions.setMine(claims, null, false);
		return { done: m.region_removed() };
	}
};
