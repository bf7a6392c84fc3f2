import { describe, expect, it } from 'vitest';
import { figuresRange, monthsBack, shift } from './figures-range';

const params = (query: string) => new URLSearchParams(query);

describe('the months of the safeguarding figures', () => {
	it('count months across years', () => {
		expect(shift('2026-01', -1)).toBe('2025-12');
		expect(shift('2025-12', 1)).toBe('2026-01');
		expect(shift('2026-11', -11)).toBe('2025-12');
	});

	it('are the last twelve by default, in Berlin time', () => {
		// 23:30 UTC on 31 December is already January in Berlin.
		expect(monthsBack(new Date('2026-12-31T23:30:00Z'), 11)).toEqual({
			from: '2026-02',
			to: '2027-01'
		});
	});

	it('take what the address asks, in order, at most five years, and ignore the rest', () => {
		const fallback = { from: '2025-12', to: '2026-11' };
		expect(figuresRange(params('from=2026-03&to=2026-05'), fallback)).toEqual({
			from: '2026-03',
			to: '2026-05'
		});
		expect(figuresRange(params('from=2026-05&to=2026-03'), fallback)).toEqual({
			from: '2026-03',
			to: '2026-05'
		});
		expect(figuresRange(params('from=1990-01&to=2026-05'), fallback)).toEqual({
			from: '2021-06',
			to: '2026-05'
		});
		expect(figuresRange(params('from=2026-13&to=drop table'), fallback)).toEqual(fallback);
	});
});
