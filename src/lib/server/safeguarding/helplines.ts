// Helplines: shown to everyone ("Get help now") and at once to a writer whose post
// contains crisis words, and beside the out-of-hours notice. Configuration, not code:
// admins edit them (RLS checks), in German and English.
import { getLocale, type Locale } from '$lib/paraglide/runtime';
import type { Claims, Tx } from '../data/db';
import { reading, transaction, within } from '../data/db';
import { NotAllowed } from '../data/db-errors';

/** A helpline as admins keep it: texts per language, hours as data. */
export type HelplineInput = {
	nameDe: string;
	nameEn: string;
	/** One number, or several separated by " / ". */
	phone: string;
	descriptionDe: string;
	descriptionEn: string;
	/** Around the clock; else the hours per language. */
	alwaysOpen: boolean;
	hoursDe: string;
	hoursEn: string;
	/** A chat or online service (https). */
	onlineUrl: string | null;
	/** Where it helps; null: everywhere. */
	region: string | null;
	position: number;
};

/** A helpline as a page shows it, in the page's language. */
export type Helpline = {
	id: string;
	name: string;
	phone: string;
	description: string;
	alwaysOpen: boolean;
	hours: string;
	onlineUrl: string | null;
	region: string | null;
	/** Each number with its tel: target, for links. */
	numbers: { display: string; tel: string }[];
};

const numbers = (phone: string) =>
	phone
		.split('/')
		.map((display) => display.trim())
		.filter(Boolean)
		.map((display) => ({ display, tel: display.replace(/[^0-9+]/g, '') }));

/** In the order set by position, in the page's language (English texts left empty: the German ones). */
export async function list(claims: Claims | null, tx?: Tx, locale: Locale = getLocale()) {
	const english = locale === 'en';
	const rows = await within(
		claims,
		tx,
		(tx) => tx<Omit<Helpline, 'numbers'>[]>`
		select id, phone, always_open as "alwaysOpen", online_url as "onlineUrl", region,
			case when ${english} and name_en <> '' then name_en else name_de end as name,
			case when ${english} and description_en <> '' then description_en else description_de end as description,
			case when ${english} and hours_en <> '' then hours_en else hours_de end as hours
		from public.helplines order by position, name_de`
	);
	return rows.map((row) => ({ ...row, numbers: numbers(row.phone) }));
}

/** Every helpline with all its texts, for the admins' page. */
export async function all(claims: Claims, tx?: Tx) {
	return reading(
		claims,
		tx,
		(tx) => tx<(HelplineInput & { id: string })[]>`
		select id, name_de as "nameDe", name_en as "nameEn", phone, description_de as "descriptionDe",
			description_en as "descriptionEn", always_open as "alwaysOpen", hours_de as "hoursDe", hours_en as "hoursEn",
			online_url as "onlineUrl", region, position
		from public.helplines order by position, name_de`
	);
}

/** Around the clock needs no hours: they are cleared. */
const stored = (helpline: HelplineInput) => ({
	...helpline,
	hoursDe: helpline.alwaysOpen ? '' : helpline.hoursDe,
	hoursEn: helpline.alwaysOpen ? '' : helpline.hoursEn
});

export async function add(claims: Claims, input: HelplineInput) {
	const h = stored(input);
	const [row] = await transaction(
		claims,
		(tx) => tx<{ id: string }[]>`
		insert into public.helplines (name_de, name_en, phone, description_de, description_en, always_open,
			hours_de, hours_en, online_url, region, position)
		values (${h.nameDe}, ${h.nameEn}, ${h.phone}, ${h.descriptionDe}, ${h.descriptionEn}, ${h.alwaysOpen},
			${h.hoursDe}, ${h.hoursEn}, ${h.onlineUrl}, ${h.region}, ${h.position})
		returning id`
	);
	return row.id;
}

export async function update(claims: Claims, id: string, input: HelplineInput) {
	const h = stored(input);
	await transaction(claims, async (tx) => {
		const updated = await tx`
			update public.helplines
			set name_de = ${h.nameDe}, name_en = ${h.nameEn}, phone = ${h.phone}, description_de = ${h.descriptionDe},
				description_en = ${h.descriptionEn}, always_open = ${h.alwaysOpen}, hours_de = ${h.hoursDe},
				hours_en = ${h.hoursEn}, online_url = ${h.onlineUrl}, region = ${h.region}, position = ${h.position}
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
