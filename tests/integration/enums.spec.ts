// The app's lists mirror Postgres enums, in the database's order where it matters: this
// holds the two together (length limits: limits.spec.ts).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { flagReasonNames, actionNames, reportReasons } from '$lib/moderation-names';
import { ideaStates } from '$lib/idea-names';
import { organisationKinds } from '$lib/organisation-names';
import { serviceKinds } from '$lib/service-names';
import { deliveries } from '$lib/notification-kinds';
import { bookingStates, resourceKinds } from '$lib/sharing-names';
import { locales } from '$lib/paraglide/runtime';
import * as escalationKinds from '$lib/server/escalations/kinds';
import { resolutions, suspensionDurations } from '$lib/server/moderation/kinds';
import { watchedActions } from '$lib/server/moderation/settings';
import * as crisisWords from '$lib/server/safeguarding/crisis-words';
import { owner } from './support';

describe('the app’s lists are the database’s enums', () => {
	const enumValues = async (type: string) =>
		(await owner`select enum_range(null::${owner.unsafe(`public.${type}`)})::text[] as v`)[0]
			.v as string[];

	// In the database's order: the queue sorts by priority, the lexicon by kind and category.
	it.each([
		['escalation_priority', escalationKinds.priorities],
		['escalation_state', escalationKinds.states],
		['escalation_outcome', escalationKinds.outcomes],
		['escalation_event_kind', escalationKinds.eventKinds],
		['flag_reason', escalationKinds.flagReasons],
		['moderation_resolution', resolutions],
		['watched_word_action', watchedActions],
		['crisis_category', crisisWords.categories],
		['crisis_word_kind', crisisWords.kinds],
		['mail_delivery', deliveries],
		['idea_state', ideaStates],
		['organisation_kind', organisationKinds],
		['resource_kind', resourceKinds],
		['booking_state', bookingStates],
		['service_kind', serviceKinds],
		['locale', locales]
	] as const)('%s', async (type, list) => {
		expect([...list]).toEqual(await enumValues(type));
	});

	// The report form lists them in its own order (a crisis last), so only the values count.
	it('report reasons are flag reasons, and every flag reason has a name', async () => {
		const reasons = await enumValues('flag_reason');
		expect(reasons).toEqual(expect.arrayContaining([...reportReasons]));
		expect(Object.keys(flagReasonNames).sort()).toEqual([...reasons].sort());
	});

	it('every moderation action has a name', async () => {
		expect(Object.keys(actionNames).sort()).toEqual(
			[...(await enumValues('moderation_action'))].sort()
		);
	});

	it('suspension durations are those public.suspend_author accepts (and permanent)', async () => {
		const [{ source }] = await owner`
			select prosrc as source from pg_proc where proname = 'suspend_author'`;
		const accepted = /duration not in \(([^)]*)\)/.exec(source)![1].match(/'[^']*'/g)!;
		expect(suspensionDurations.filter((d) => d !== 'permanent')).toEqual(
			accepted.map((d: string) => d.slice(1, -1))
		);
	});

	it('every kind of notification has its messages in both languages', async () => {
		const kinds = (await owner`select kind from public.notification_kinds order by position`).map(
			(row) => row.kind as string
		);
		expect(kinds.length).toBeGreaterThan(5);
		for (const locale of locales) {
			const messages = JSON.parse(readFileSync(`messages/${locale}.json`, 'utf8'));
			const missing = kinds.flatMap((kind) =>
				[`notification_${kind}`, `notification_kind_${kind}`].filter((key) => !(key in messages))
			);
			expect(missing, locale).toEqual([]);
		}
	});
});
