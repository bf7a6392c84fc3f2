// The versions of a text as its author and the community's moderators read them: each
// with the words it added and removed against the one before. Pure, so pages and tests
// share it; the database decides who may read them (server/versions.ts).
import { diffWords } from 'diff';

/** One text as it was written: a question has a title, an answer or reply none. */
export type Version = { title: string | null; body: string; writtenAt: Date };

export type Change = { text: string; kind: 'same' | 'added' | 'removed' };

export type ShownVersion = Version & {
	/** 1 for the first text. */
	number: number;
	/** Against the version before; null for the first, or where the title did not change. */
	titleChanges: Change[] | null;
	/** Against the version before; null for the first. */
	bodyChanges: Change[] | null;
};

const sameText = (a: Version, b: Version) => a.title === b.title && a.body === b.body;

function changes(before: string, after: string): Change[] {
	return diffWords(before, after).map((part) => ({
		text: part.value,
		kind: part.added ? 'added' : part.removed ? 'removed' : 'same'
	}));
}

/**
 * Oldest first in, newest first out. A text that follows the same text is one version:
 * withdrawing keeps the text withdrawn as a revision, and an undone withdrawal brings the
 * same text back, so withdrawing again keeps it once more.
 */
export function shownVersions(versions: Version[]): ShownVersion[] {
	const distinct = versions.filter((version, i) => i === 0 || !sameText(versions[i - 1], version));
	return distinct
		.map((version, i) => ({
			...version,
			number: i + 1,
			...changesSince(distinct[i - 1], version)
		}))
		.reverse();
}

/** What a version changed against the one before it (none: the first). */
export function changesSince(before: Version | undefined, version: Version) {
	return {
		titleChanges:
			before && version.title !== null && before.title !== version.title
				? changes(before.title ?? '', version.title)
				: null,
		bodyChanges: before ? changes(before.body, version.body) : null
	};
}
