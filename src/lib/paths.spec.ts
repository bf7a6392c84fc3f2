import { describe, expect, it } from 'vitest';
import { threadIdIn } from './paths';

const id = '3f1c2b9a-7d4e-4c1b-9a2f-0e5d6c7b8a91';

describe('threadIdIn', () => {
	it('takes an id or a pasted address of the thread, with its page or post', () => {
		expect(threadIdIn(id)).toBe(id);
		expect(threadIdIn(` ${id.toUpperCase()} `)).toBe(id);
		expect(threadIdIn(`https://ratnetz.de/t/${id}`)).toBe(id);
		expect(threadIdIn(`http://localhost:5373/t/${id}?page=2&post=${id}#post-${id}`)).toBe(id);
		expect(threadIdIn(`/t/${id}/edit`)).toBe(id);
	});

	it('refuses anything else', () => {
		for (const value of ['', 'Schulangst', `/c/${id}`, `${id}x`, `/t/${id}0`, `x${id}`]) {
			expect(threadIdIn(value)).toBeNull();
		}
	});
});
