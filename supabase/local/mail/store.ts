// In-memory mailbox of the local mail catcher. Nothing is persisted on purpose:
// mails from a local stack are throwaway, and a restart gives a clean inbox.
import { randomUUID } from 'node:crypto';

export type MailMessage = {
	id: string;
	/** The From header as written (display name and address), else the envelope sender. */
	from: string;
	/** Envelope recipients: the addresses the mail was really delivered to, Bcc included. */
	to: string[];
	subject: string;
	/**
	 * When the catcher received the mail (ISO). Not the Date header: that has only
	 * second precision and the sender's clock, which breaks "arrived after" checks.
	 */
	date: string;
	text: string | null;
	html: string | null;
	/** Lower-case header names; repeated headers are joined with ", ". */
	headers: Record<string, string>;
};

export const defaultCapacity = 1000;

export class MailStore {
	// Oldest first; the newest message is pushed at the end and the oldest dropped
	// once full, so memory stays bounded however much a test suite sends.
	#messages: MailMessage[] = [];

	constructor(readonly capacity = defaultCapacity) {}

	add(message: Omit<MailMessage, 'id'>): MailMessage {
		const stored = { id: randomUUID(), ...message };
		this.#messages.push(stored);
		if (this.#messages.length > this.capacity) {
			this.#messages.splice(0, this.#messages.length - this.capacity);
		}
		return stored;
	}

	/** Newest first, optionally only mails to one recipient (case-insensitive, like mailboxes). */
	list(to?: string | null): MailMessage[] {
		const wanted = to?.trim().toLowerCase();
		const matching = wanted
			? this.#messages.filter((message) => message.to.some((r) => r.toLowerCase() === wanted))
			: this.#messages;
		return [...matching].reverse();
	}

	get(id: string): MailMessage | undefined {
		return this.#messages.find((message) => message.id === id);
	}

	clear() {
		this.#messages = [];
	}

	get size() {
		return this.#messages.length;
	}
}
