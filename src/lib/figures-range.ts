// Which months the safeguarding figures cover: ?from=YYYY-MM&to=YYYY-MM, else the last
// twelve months (Berlin time). At most five years at once.
import { z } from 'zod';

export type Range = { from: string; to: string };

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);
const berlinMonth = new Intl.DateTimeFormat('en-CA', {
	timeZone: 'Europe/Berlin',
	year: 'numeric',
	month: '2-digit'
});

/** A month `months` later (negative: earlier), as YYYY-MM. */
export function shift(yearMonth: string, months: number) {
	const [year, monthNumber] = yearMonth.split('-').map(Number);
	const index = year * 12 + monthNumber - 1 + months;
	return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** From `months` months before the month of `now` to that month. */
export function monthsBack(now: Date, months: number): Range {
	const to = berlinMonth.format(now);
	return { from: shift(to, -months), to };
}

export function figuresRange(params: URLSearchParams, fallback: Range): Range {
	const from = month.safeParse(params.get('from')).data ?? fallback.from;
	const to = month.safeParse(params.get('to')).data ?? fallback.to;
	const [first, last] = from <= to ? [from, to] : [to, from];
	return { from: first < shift(last, -59) ? shift(last, -59) : first, to: last };
}
