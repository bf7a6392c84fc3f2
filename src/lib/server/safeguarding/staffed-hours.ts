// Staffed hours ("Sprechzeiten") of the site's counselling service: one window per
// weekday in Berlin time, set by admins (RLS checks). Outside them a family waiting for
// a professional learns when someone will look.
import type { Claims, Tx } from '../data/db';
import { reading, transaction } from '../data/db';

/** ISO weekdays: 1 Monday … 7 Sunday. */
export const weekdays = [1, 2, 3, 4, 5, 6, 7] as const;
/** A day's window as "HH:MM"; a day without one is not staffed. */
export type Window = { opens: string; closes: string };
export type Week = Partial<Record<number, Window>>;

export async function read(claims: Claims | null, tx?: Tx) {
	const rows = await reading(
		claims,
		tx,
		(tx) => tx<(Window & { weekday: number })[]>`
		select weekday, to_char(opens, 'HH24:MI') as opens, to_char(closes, 'HH24:MI') as closes
		from public.staffed_hours order by weekday`
	);
	return Object.fromEntries(rows.map(({ weekday, ...window }) => [weekday, window])) as Week;
}

/** The whole week at once; only the days that change are written (and audited). */
export async function save(claims: Claims, week: Week) {
	await transaction(claims, async (tx) => {
		for (const weekday of weekdays) {
			const window = week[weekday];
			if (!window) {
				await tx`delete from public.staffed_hours where weekday = ${weekday}`;
				continue;
			}
			await tx`
				insert into public.staffed_hours (weekday, opens, closes)
				values (${weekday}, ${window.opens}::time, ${window.closes}::time)
				on conflict (weekday) do update set opens = excluded.opens, closes = excluded.closes
				where (public.staffed_hours.opens, public.staffed_hours.closes) is distinct from (excluded.opens, excluded.closes)`;
		}
	});
}
