import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { parseForm, rejectForm } from '$lib/forms';
import { deliveries } from '$lib/notification-kinds';
import { m } from '$lib/paraglide/messages';
import * as notificationSettings from '$lib/server/notification-settings';
import { requireMember } from '$lib/server/request';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const { claims } = requireMember(locals);
	return {
		settings: await notificationSettings.list(claims),
		saved: url.searchParams.has('saved')
	};
};

export const actions: Actions = {
	default: async ({ request, locals }) => {
		const { claims } = requireMember(locals);
		// Alerts are no choice: a value sent for one is ignored (and the database refuses it).
		const kinds = (await notificationSettings.list(claims))
			.filter((setting) => !setting.alert)
			.map((setting) => setting.kind);
		const delivery = z.enum(deliveries, { error: () => m.error_delivery_invalid() });
		const schema = z.object(Object.fromEntries(kinds.map((kind) => [kind, delivery])));
		const form = parseForm(schema, await request.formData());
		if (!form.ok) return rejectForm(form.values, form);
		await notificationSettings.save(
			claims,
			kinds.map((kind) => ({ kind, delivery: form.data[kind] }))
		);
		redirect(303, '/account/notifications?saved=1');
	}
};
