// Helplines: shown to everyone ("Get help now") and at once to a writer whose post
// contains crisis words. Configuration, not code: admins edit them (RLS checks).
import type { Claims, Tx } from './db';
import { transaction, within } from './db';
import { NotAllowed } from './db-errors';

export type HelplineInput = {
	name: string;
	/** One number, or several separated by " / ". */
	phone: string;
	description: string;
	hours: string;
	position: number;
};

export type Helpline = HelplineInput & {
	id: string;
	/** Each number with its tel: target, for links. */
	numbers: { display: string; tel: string }[];
};

function withNumbers(row: HelplineInput & { id: string }): Helpline {
	const numbers = row.phone
		.split('/')
		.map((display) => display.trim())
		.filter(Boolean)
		.map((display) => ({ display, tel: display.replace(/[^0-9+]/g, '') }));
	return { ...row, numbers };
}

/** In the order set by position. */
export async function list(claims: Claims | null, tx?: Tx) {
	const rows = await within(
		claims,
		tx,
		(tx) => tx<(HelplineInput & { id: string })[]>`
		select id, name, phone, description, hours, position
		from public.helplines order by position, name`
	);
	return rows.map(withNumbers);
}

export async function add(claims: Claims, helpline: HelplineInput) {
	const [row] = await transaction(
		claims,
		(tx) => tx<{ id: string }[]>`
		insert into public.helplines (name, phone, description, hours, position)
		values (${helpline.name}, ${helpline.phone}, ${helpline.description}, ${helpline.hours}, ${helpline.position})
		returning id`
	);
	return row.id;
}

export async function update(claims: Claims, id: string, helpline: HelplineInput) {
	await transaction(claims, async (tx) => {
		const updated = await tx`
			update public.helplines
			set name = ${helpline.name}, phone = ${helpline.phone}, description = ${helpline.description},
				hours = ${helpline.hours}, position = ${helpline.position}
			where id = ${id}`;
		if (updated.count === 0) throw new NotAllowed();
	});
}

export async function remove(claims: Claims, id: string) {
	await transaction(claims, async (tx) => {
		const deleted = await tx`delete from public.helplines where id = ${id}`;
		if (deleted.count === 0) throw new NotAllowed();
	});
}
