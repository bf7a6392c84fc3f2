import { describe, expect, it } from 'vitest';
import { threadIdFrom } from './thread-address';

const id = '20000000-0000-4000-8000-000000000001';

describe('threadIdFrom', () => {
	it('reads a thread from the address a browser shows, from a path, or a bare id', () => {
		for (const text of [
			`https://ratnetz.example/t/${id}`,
			`http://localhost:5173/t/${id}?page=2#post-abc`,
			`  /t/${id}/  `,
			`/t/${id.toUpperCase()}`,
			id
		]) {
			expect(threadIdFrom(text), text).toBe(id);
		}
	});

	it('refuses what names no thread', () => {
		for (const text of [
			'',
			'die Frage von gestern',
			`https://ratnetz.example/c/${id}`,
			`https://ratnetz.example/t/${id.slice(0, -1)}`,
			`https://ratnetz.example/t/${id}x`,
			`javascript:/t/${id}`,
			`https://ratnetz.example/t/${id} und mehr`
		]) {
			expect(threadIdFrom(text), text).toBeNull();
		}
	});
});
