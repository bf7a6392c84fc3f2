// Sharing between organisations: a counsellor of one organisation offers a room; a
// counsellor of another asks to borrow it; the first confirms from the notification; the
// borrower reads the confirmation in the notifications and downloads the calendar file.
// In German on a desktop and in English on a phone.
import { randomUUID } from 'node:crypto';
import {
	counsellorInDatabase,
	expect,
	expectAccessible,
	otherVisitor,
	owner,
	signIn,
	test
} from './fixtures';

/** A verified organisation of the test's own, with a counsellor acting for it. */
async function organisationWithCounsellor(locale: 'de' | 'en') {
	const [{ id }] = await owner<{ id: string }[]>`
		insert into public.organisations (name, kind, verified_at)
		values (${`Teilen ${randomUUID().slice(0, 8)} e. V.`}, 'association', now()) returning id`;
	const counsellor = await counsellorInDatabase(locale, []);
	await owner`update public.counsellor_profiles set organisation_id = ${id} where member_id = ${counsellor.id}`;
	return counsellor;
}

const words = {
	de: {
		offer: 'Ressource anbieten',
		kind: 'Art',
		kindName: 'Raum',
		title: 'Titel',
		description: 'Beschreibung',
		place: 'Ort',
		submitOffer: 'Anbieten',
		starts: 'Beginn',
		ends: 'Ende',
		message: 'Nachricht an die Organisation',
		ask: 'Anfragen',
		requested: 'angefragt',
		confirmed: 'bestätigt',
		confirm: 'Bestätigen',
		askedNotice: 'Anfrage zum Leihen',
		confirmedNotice: 'Ausleihe bestätigt',
		calendar: 'Kalenderdatei (.ics) herunterladen',
		endsFirst: 'Das Ende liegt nach dem Beginn.'
	},
	en: {
		offer: 'Offer a resource',
		kind: 'Kind',
		kindName: 'Room',
		title: 'Title',
		description: 'Description',
		place: 'Place',
		submitOffer: 'Offer',
		starts: 'Start',
		ends: 'End',
		message: 'Message to the organisation',
		ask: 'Ask',
		requested: 'requested',
		confirmed: 'confirmed',
		confirm: 'Confirm',
		askedNotice: 'Request to borrow',
		confirmedNotice: 'Booking confirmed',
		calendar: 'Download the calendar file (.ics)',
		endsFirst: 'The end comes after the start.'
	}
};

/** A day a month ahead, as a `datetime-local` field takes it. */
const ahead = (hour: number) => {
	const day = new Date(Date.now() + 30 * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
	return `${day}T${String(hour).padStart(2, '0')}:00`;
};

for (const [locale, screen] of [
	['de', { width: 1280, height: 800 }],
	['en', { width: 390, height: 800 }]
] as const) {
	test(`one organisation lends a room to another, which gets the confirmation and its calendar file (${locale}, ${screen.width} px)`, async ({
		page,
		browser
	}) => {
		test.slow();
		const say = words[locale];
		const [lender, borrower] = await Promise.all([
			organisationWithCounsellor(locale),
			organisationWithCounsellor(locale)
		]);
		const title = `Seminarraum ${randomUUID().slice(0, 8)}`;

		// The lender offers the room.
		await page.setViewportSize(screen);
		await signIn(page, lender.email);
		await page.goto('/share');
		await page.getByRole('link', { name: say.offer }).click();
		await page.getByLabel(say.kind, { exact: true }).selectOption({ label: say.kindName });
		await page.getByLabel(say.title, { exact: true }).fill(title);
		await page.getByLabel(say.description).fill('Für 20 Personen, mit Beamer.');
		await page.getByLabel(say.place, { exact: true }).fill('Leipzig');
		await page.getByRole('button', { name: say.submitOffer, exact: true }).click();
		await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
		const resourcePage = page.url();
		await expectAccessible(page);

		// The borrower asks for it: an end before the start is refused, the input kept.
		const asking = await otherVisitor(browser);
		await asking.setViewportSize(screen);
		await signIn(asking, borrower.email);
		await asking.goto(resourcePage);
		await asking.getByLabel(say.starts).fill(ahead(14));
		await asking.getByLabel(say.ends).fill(ahead(12));
		await asking.getByLabel(say.message).fill('Für unser Elterncafé.');
		await asking.getByRole('button', { name: say.ask, exact: true }).click();
		await expect(asking.getByText(say.endsFirst)).toBeVisible();
		await expect(asking.getByLabel(say.message)).toHaveValue('Für unser Elterncafé.');
		await asking.getByLabel(say.ends).fill(ahead(17));
		await asking.getByRole('button', { name: say.ask, exact: true }).click();
		await expect(asking.getByText(say.requested, { exact: true })).toBeVisible();
		await expectAccessible(asking);

		// The lender is told, and confirms.
		await page.goto('/notifications');
		await page.getByRole('link', { name: new RegExp(`${say.askedNotice}.*${title}`) }).click();
		await page.getByRole('button', { name: say.confirm, exact: true }).click();
		await expect(page.getByText(say.confirmed, { exact: true })).toBeVisible();

		// The borrower reads the confirmation and downloads the calendar file.
		await asking.goto('/notifications');
		await asking
			.getByRole('link', { name: new RegExp(`${say.confirmedNotice}.*${title}`) })
			.click();
		await expect(asking.getByText(say.confirmed, { exact: true })).toBeVisible();
		const calendar = asking.getByRole('link', { name: say.calendar });
		const response = await asking.request.get((await calendar.getAttribute('href'))!);
		expect(response.status()).toBe(200);
		expect(response.headers()['content-type']).toBe('text/calendar; charset=utf-8');
		const text = await response.text();
		expect(text.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true);
		expect(text.replace(/\r\n /g, '')).toContain(title);
		expect(text).toMatch(/\r\nDTSTART:\d{8}T\d{6}Z\r\n/);
		await expectAccessible(asking);
		await asking.context().close();
	});
}
