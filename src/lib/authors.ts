// How an author is shown, wherever a thread or post names one.
import { m } from '$lib/paraglide/messages';

export type Authored = {
	/** The pseudonym; null when anonymous or the account is deleted. */
	author: string | null;
	anonymous: boolean;
	/** An anonymous post of its thread's anonymous asker. */
	asker?: boolean;
};

/** The pseudonym, else "the asker", "anonymous" or "deleted member". */
export const shownAuthor = (who: Authored) =>
	who.author ?? (who.asker ? m.the_asker() : who.anonymous ? m.anonymous() : m.deleted_member());
