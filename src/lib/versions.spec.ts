import { describe, expect, it } from 'vitest';
import { shownVersions, type Version } from './versions';

const at = (day: number) => new Date(Date.UTC(2026, 10, day));
const version = (body: string, day: number, title: string | null = null): Version => ({
	title,
	body,
	writtenAt: at(day)
});

describe('shownVersions', () => {
	it('marks the words added and removed against the version before, newest first', () => {
		const [second, first] = shownVersions([
			version('Wir warten auf den Bescheid.', 1),
			version('Wir warten seit Mai auf den Widerspruch.', 2)
		]);
		expect(first).toMatchObject({ number: 1, bodyChanges: null, titleChanges: null });
		expect(second.number).toBe(2);
		const added = second.bodyChanges!.filter((c) => c.kind === 'added').map((c) => c.text);
		const removed = second.bodyChanges!.filter((c) => c.kind === 'removed').map((c) => c.text);
		expect(added.join('|')).toContain('seit Mai');
		expect(added.join('|')).toContain('Widerspruch');
		expect(removed.join('|')).toContain('Bescheid');
		// Nothing is lost: the unchanged and added parts make the new text, the unchanged and
		// removed parts the old one.
		const text = (kinds: string[]) =>
			second
				.bodyChanges!.filter((c) => kinds.includes(c.kind))
				.map((c) => c.text)
				.join('');
		expect(text(['same', 'added'])).toBe('Wir warten seit Mai auf den Widerspruch.');
		expect(text(['same', 'removed'])).toBe('Wir warten auf den Bescheid.');
	});

	it('shows a version once when the same text follows (withdrawn, undone, withdrawn again)', () => {
		const shown = shownVersions([
			version('Erste Fassung.', 1, 'Eine Frage zum Pflegegrad'),
			version('Zweite Fassung.', 2, 'Eine Frage zum Pflegegrad'),
			version('Zweite Fassung.', 2, 'Eine Frage zum Pflegegrad'),
			version('Zweite Fassung.', 2, 'Eine Frage zum Pflegegrad')
		]);
		expect(shown.map((v) => v.body)).toEqual(['Zweite Fassung.', 'Erste Fassung.']);
	});

	it('marks a changed title, and no title changes where it stayed', () => {
		const [third, second] = shownVersions([
			version('Text.', 1, 'Alte Überschrift der Frage'),
			version('Text, länger.', 2, 'Alte Überschrift der Frage'),
			version('Text, länger.', 3, 'Neue Überschrift der Frage')
		]);
		expect(second.titleChanges).toBeNull();
		expect(third.titleChanges).toEqual([
			{ text: 'Alte', kind: 'removed' },
			{ text: 'Neue', kind: 'added' },
			{ text: ' Überschrift der Frage', kind: 'same' }
		]);
	});

	it('keeps markup as text: the page escapes it', () => {
		const [second] = shownVersions([version('a', 1), version('a <script>x</script>', 2)]);
		expect(second.bodyChanges!.map((c) => c.text).join('')).toBe('a <script>x</script>');
	});
});
