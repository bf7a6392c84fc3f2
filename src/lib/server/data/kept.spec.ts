import { describe, expect, it } from 'vitest';
import { Kept } from './kept';

describe('Kept', () => {
	it('keeps up to its capacity, the least recently used going first', () => {
		const kept = new Kept<string>(2);
		kept.set('a', 'A');
		kept.set('b', 'B');
		// Reading a makes b the least recently used.
		expect(kept.get('a')).toBe('A');
		kept.set('c', 'C');
		expect(kept.get('b')).toBeUndefined();
		expect(kept.get('a')).toBe('A');
		expect(kept.get('c')).toBe('C');
	});

	it('replaces an entry under the same key without counting it twice, and forgets on delete', () => {
		const kept = new Kept<number>(2);
		kept.set('a', 1);
		kept.set('a', 2);
		kept.set('b', 3);
		expect(kept.get('a')).toBe(2);
		expect(kept.get('b')).toBe(3);
		kept.delete('a');
		expect(kept.get('a')).toBeUndefined();
		expect(kept.get('b')).toBe(3);
	});
});
