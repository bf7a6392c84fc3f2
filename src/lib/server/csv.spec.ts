import { describe, expect, it } from 'vitest';
import { csv, typed } from './csv';

describe('csv', () => {
	it('quotes fields with separators, quotes and line breaks, and ends each line with CRLF', () => {
		expect(
			csv([
				['a', 'b,c'],
				['say "hi"', 'two\nlines']
			])
		).toBe('a,"b,c"\r\n"say ""hi""","two\nlines"\r\n');
	});

	it('keeps typed text from running as a formula', () => {
		expect(['=1+1', '+1', '-1', '@SUM(A1)', '\tx', 'Eltern'].map(typed)).toEqual([
			"'=1+1",
			"'+1",
			"'-1",
			"'@SUM(A1)",
			"'\tx",
			'Eltern'
		]);
	});
});
