// Services' kinds, in the database's order (public.service_kind; enums.spec.ts holds them
// together), their names, and the languages a service may
// name (ISO 639-1; the database takes any two letters, the form offers these).
import { m } from '$lib/paraglide/messages';

export const serviceKinds = [
	'counselling',
	'self_help_group',
	'meeting_place',
	'course',
	'support_at_home',
	'office',
	'other'
] as const;
export type ServiceKind = (typeof serviceKinds)[number];

export const serviceKindNames: Record<ServiceKind, () => string> = {
	counselling: m.service_kind_counselling,
	self_help_group: m.service_kind_self_help_group,
	meeting_place: m.service_kind_meeting_place,
	course: m.service_kind_course,
	support_at_home: m.service_kind_support_at_home,
	office: m.service_kind_office,
	other: m.service_kind_other
};

export const serviceLanguages = [
	'de',
	'en',
	'ar',
	'tr',
	'ru',
	'uk',
	'pl',
	'fa',
	'fr',
	'es',
	'it',
	'ro'
] as const;

/** A language's own name in the reader's language ("Englisch", "English"). */
export function languageName(code: string, locale: string) {
	return new Intl.DisplayNames([locale], { type: 'language' }).of(code) ?? code;
}

/** How long an entry stays confirmed; then its organisation is asked again. */
export const confirmationMonths = 6;

/** Whether an entry confirmed at `confirmedAt` is due for confirmation at `now`. */
export function confirmationDue(confirmedAt: Date, now = new Date()) {
	const due = new Date(confirmedAt);
	due.setMonth(due.getMonth() + confirmationMonths);
	return due <= now;
}

/** The directory's topics, tags as on questions; the filter and the form offer these. */
export const serviceTopics = [
	'autismus',
	'adhs',
	'behinderung',
	'schule',
	'kita',
	'erziehung',
	'trennung',
	'pflege',
	'psyche',
	'sucht',
	'gewalt',
	'schulden',
	'migration',
	'wohnen',
	'trauer',
	'jugend'
] as const;
export type ServiceTopic = (typeof serviceTopics)[number];

type Message = () => string;
const topicMessages = m as unknown as Record<string, Message | undefined>;

/** A topic's name in the reader's language; the tag itself where it has none. */
export const topicName = (topic: string) => topicMessages[`service_topic_${topic}`]?.() ?? topic;
