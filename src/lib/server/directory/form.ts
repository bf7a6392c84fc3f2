// The service form's one path for adding and changing: parse, save, and on a refusal hand
// back the input (lists joined, as ServiceFields reads them) with the message at its field.
import { parseForm, rejectForm } from '$lib/forms';
import { m } from '$lib/paraglide/messages';
import { serviceFormInput, serviceSchema } from '$lib/service-schemas';
import { attempt } from '../data/db-errors';
import type { ServiceInput } from './services';

export async function saveServiceForm(
	formData: FormData,
	save: (input: ServiceInput) => Promise<string>
) {
	const values = {
		...Object.fromEntries(
			[...formData].filter((entry): entry is [string, string] => typeof entry[1] === 'string')
		),
		topics: formData.getAll('topics').join(','),
		languages: formData.getAll('languages').join(',')
	};
	const form = parseForm(serviceSchema, formData, serviceFormInput(formData));
	if (!form.ok) return { ok: false as const, failure: rejectForm(values, form) };
	const saved = await attempt(() => save(form.data));
	if (!saved.ok) {
		const field = saved.error === m.postcode_unknown() ? 'postcode' : 'name';
		return { ok: false as const, failure: rejectForm(values, { error: saved.error, field }) };
	}
	return { ok: true as const, id: saved.value };
}

/** A service's stored details as form values. */
export function serviceValues(service: ServiceInput): Record<string, string> {
	const values: Record<string, string> = {
		name: service.name,
		kind: service.kind,
		description: service.description,
		topics: service.topics.join(','),
		onSite: service.onSite ? 'on' : '',
		online: service.online ? 'on' : '',
		street: service.street ?? '',
		postcode: service.postcode ?? '',
		place: service.place ?? '',
		languages: service.languages.join(','),
		accessibility: service.accessibility,
		phone: service.phone ?? '',
		email: service.email ?? '',
		website: service.website ?? ''
	};
	service.hours.forEach((hours, day) => (values[`hours${day + 1}`] = hours));
	return values;
}
