import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import { shownVersions } from '$lib/versions';
import Changes from './Changes.svelte';

const at = new Date(Date.UTC(2026, 10, 1));

function drawn(before: string, after: string) {
	const [latest] = shownVersions([
		{ title: null, body: before, writtenAt: at },
		{ title: null, body: after, writtenAt: at }
	]);
	return render(Changes, { props: { changes: latest.bodyChanges! } }).body.replace(
		/<!--[^>]*-->/g,
		''
	);
}

describe('Changes', () => {
	it('marks added and removed words with ins and del, named in words, the text intact', () => {
		const html = drawn('Wir warten auf den Bescheid.', 'Wir warten auf den Widerspruch.');
		expect(html).toBe(
			'Wir warten auf den ' +
				'<del><span class="visually-hidden">[entfernt: </span>Bescheid<span class="visually-hidden">]</span></del>' +
				'<ins><span class="visually-hidden">[hinzugefügt: </span>Widerspruch<span class="visually-hidden">]</span></ins>.'
		);
	});

	it('shows markup from a version as text, never as HTML', () => {
		const html = drawn('Hallo', 'Hallo <img src=x onerror=alert(1)>');
		expect(html).not.toContain('<img');
		expect(html).toContain('&lt;img src=x onerror=alert(1)>');
	});
});
