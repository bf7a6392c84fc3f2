// Every length limit of the forum, defined once: the forms' hints and maxlength, their zod
// schemas and the translated messages read them here, and the database's checks hold the
// same figures (tests/integration/limits.spec.ts compares them). Kept apart from the
// schemas so pages do not ship zod to the browser.
import { formatFigures } from '$lib/format';
import { m } from '$lib/paraglide/messages';

export const limits = {
	member: {
		pseudonymMin: 3,
		pseudonymMax: 30,
		bioMax: 500,
		// Only the app's: Auth keeps e-mail addresses and passwords (RFC 5321; Auth's
		// minimum in supabase/config.toml, bcrypt reads 72 bytes).
		emailMax: 254,
		passwordMin: 10,
		passwordMax: 72,
		// A password typed to prove who one is (sign-in, deletion) is only compared.
		currentPasswordMax: 1000
	},
	community: {
		nameMin: 3,
		nameMax: 80,
		slugMax: 60,
		descriptionMin: 10,
		descriptionMax: 1000,
		rulesMax: 4000,
		topicMin: 2,
		topicMax: 60
	},
	thread: {
		titleMin: 10,
		titleMax: 150,
		tags: 5,
		tagMin: 2,
		tagMax: 30
	},
	/** A question's, answer's or reply's text. */
	post: {
		bodyMax: 20_000
	},
	// What one text may ask of the renderer (markdown-cost.ts); only the app renders.
	markdown: {
		elements: 2000,
		tableColumns: 20,
		nesting: 10,
		emphasisMarks: 1000
	},
	flag: {
		noteMax: 1000
	},
	moderation: {
		// Where the author is told: removal, warning, suspension.
		reasonMin: 3,
		reasonMax: 500,
		watchedWordMin: 2,
		watchedWordMax: 80
	},
	counsellor: {
		professionMin: 2,
		professionMax: 80,
		organisationMin: 2,
		organisationMax: 120,
		withdrawalReasonMin: 3,
		withdrawalReasonMax: 500
	},
	escalation: {
		noteMax: 4000,
		handoverReasonMin: 3,
		handoverReasonMax: 500,
		referredServiceMax: 200,
		referredContactMax: 300,
		resolutionNoteMax: 1000,
		// The address of the question an item duplicates: only read to find it.
		duplicateAddressMax: 500,
		revealReasonMin: 10,
		revealReasonMax: 500
	},
	helpline: {
		nameMin: 2,
		nameMax: 120,
		phoneMin: 3,
		phoneMax: 120,
		descriptionMax: 500,
		hoursMax: 120,
		onlineUrlMax: 300,
		regionMin: 2,
		regionMax: 80
	},
	organisation: {
		nameMin: 2,
		nameMax: 150,
		websiteMax: 300
	},
	/** Sharing between organisations: resources, requests, bookings (a decline's reason). */
	sharing: {
		titleMin: 3,
		titleMax: 150,
		descriptionMax: 4000,
		placeMax: 200,
		conditionsMax: 2000,
		messageMax: 2000,
		reasonMin: 3,
		reasonMax: 500
	},
	crisisWord: {
		wordMin: 2,
		wordMax: 500
	},
	/** Service ideas: title and text as a question's; an official answer's reasons. */
	idea: {
		reasonsMin: 3,
		reasonsMax: 4000,
		// Supports that put an unanswered idea in front of the community's counsellors.
		supportThresholdMin: 1,
		supportThresholdMax: 1000
	},
	// What a reader types to find something; never stored.
	search: {
		queryMax: 200,
		communityQueryMax: 100
	}
} as const;

/** The hint under every body field ("Höchstens 20.000 Zeichen"), worded once per language. */
export const bodyHint = () => formatFigures(m.field_body_hint, { max: limits.post.bodyMax });
