// A community's escalation settings: how long a question may wait for a peer
// answer, how soon counsellors are due per priority, and whether posts with crisis
// words are published at once or held until a counsellor or moderator has looked.
import type { Claims, Tx } from '../data/db';
import { reading, transaction } from '../data/db';
import { NotAllowed } from '../data/db-errors';
import type { Priority } from '.';

export type Settings = {
	waitingMinutes: number;
	dueMinutes: Record<Priority, number>;
	crisisPolicy: 'publish' | 'hold';
};

/** A community's waiting time, due times and crisis policy. */
export async function read(claims: Claims | null, communityId: string, tx?: Tx) {
	const [row] = await reading(
		claims,
		tx,
		(tx) => tx<(Omit<Settings, 'dueMinutes'> & Record<Priority, number>)[]>`
		select extract(epoch from escalation_waiting_time)::int / 60 as "waitingMinutes",
			extract(epoch from escalation_due_urgent)::int / 60 as urgent,
			extract(epoch from escalation_due_high)::int / 60 as high,
			extract(epoch from escalation_due_normal)::int / 60 as normal,
			crisis_policy as "crisisPolicy"
		from public.communities where id = ${communityId}`
	);
	if (!row) return null;
	const { urgent, high, normal, ...rest } = row;
	return { ...rest, dueMinutes: { urgent, high, normal } } as Settings;
}

/** Admins and the community's moderators change them (the policy says so). */
export async function update(claims: Claims, communityId: string, change: Settings) {
	await transaction(claims, async (tx) => {
		const updated = await tx`
			update public.communities
			set escalation_waiting_time = make_interval(mins => ${change.waitingMinutes}),
				escalation_due_urgent = make_interval(mins => ${change.dueMinutes.urgent}),
				escalation_due_high = make_interval(mins => ${change.dueMinutes.high}),
				escalation_due_normal = make_interval(mins => ${change.dueMinutes.normal}),
				crisis_policy = ${change.crisisPolicy}
			where id = ${communityId}`;
		if (updated.count === 0) throw new NotAllowed();
	});
}
