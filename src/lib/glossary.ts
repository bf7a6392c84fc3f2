// One word per concept, in German and in English: the interface's words for the glossary of
// shared/product.md (the names in code stay the glossary's own), and the synonyms it must
// not use. glossary.spec.ts checks every message against this list.

/** A forbidden synonym: a whole word (any case), or a pattern where a word is not enough. */
type Synonym = string | RegExp;

export type Concept = {
	/** The interface's word (its stem: "Fachkr" covers Fachkraft and Fachkräfte). */
	de: string;
	en: string;
	/** Words that must not stand for it. */
	not: { de: Synonym[]; en: Synonym[] };
};

export const glossary = {
	community: {
		de: 'Gemeinschaft',
		en: 'communit',
		not: { de: ['Community', 'Communities', 'Gruppe', 'Forum'], en: ['group', 'groups'] }
	},
	thread: {
		// "Thema" is a community's topic.
		de: 'Frage',
		en: 'question',
		not: { de: ['Thread', 'Threads', 'Diskussion'], en: ['thread', 'threads'] }
	},
	post: {
		de: 'Beitr',
		en: 'post',
		not: { de: ['Posting', 'Kommentar'], en: ['comment', 'comments'] }
	},
	member: {
		de: 'Mitglied',
		en: 'member',
		not: { de: ['Nutzer', 'Nutzerin', 'Benutzer', 'User'], en: ['user', 'users'] }
	},
	counsellor: {
		de: 'Fachkr',
		en: 'counsellor',
		not: {
			de: [
				'Berater',
				'Beraterin',
				'Beratungsfachkraft',
				'Fachleute',
				'Fachberatung',
				'Experte',
				'Profi'
			],
			en: ['counselor', 'counselors', 'professional', 'professionals', 'expert', 'experts']
		}
	},
	admin: {
		de: 'Administration',
		en: 'administrat',
		not: { de: ['Verwaltung', 'Admin', 'Admins'], en: ['admin', 'admins'] }
	},
	escalation: {
		de: 'Fall',
		en: 'case',
		not: { de: ['Ticket', 'Vorgang'], en: ['ticket', 'tickets'] }
	},
	flag: {
		// A report, whatever its reason (a professional is asked for by reporting too).
		de: 'meld',
		en: 'report',
		not: { de: ['Hinweis', 'Flag', 'Markierung'], en: ['flag', 'flags', 'flagged'] }
	},
	suspension: {
		de: 'gesperrt',
		en: 'suspen',
		not: { de: ['Bann', 'gebannt'], en: ['ban', 'banned'] }
	},
	lock: {
		// "gesperrt" is a suspension: a question is closed.
		de: 'geschlossen',
		en: 'lock',
		not: { de: [/\b(Thema|Frage) (ist |wurde )?(sperren|gesperrt)\b/i], en: [] }
	},
	helpline: {
		de: 'Hilfetelefon',
		en: 'helpline',
		not: {
			de: ['Telefonnummer', 'Telefonnummern', 'Beratungstelefon', 'Beratungstelefone'],
			en: ['hotline', 'hotlines']
		}
	},
	modLog: {
		de: 'Moderationsprotokoll',
		en: 'mod log',
		not: { de: ['Mod-Log', 'Modlog'], en: ['moderation log', 'modlog'] }
	},
	pseudonym: {
		de: 'Pseudonym',
		en: 'pseudonym',
		not: {
			de: ['Benutzername', 'Nickname', 'Spitzname'],
			en: ['username', 'nickname', 'screen name']
		}
	},
	signIn: {
		de: 'anmelden',
		en: 'sign in',
		not: {
			de: ['einloggen', 'ausloggen', 'Login', 'Logout'],
			en: ['log in', 'log out', 'login', 'logout']
		}
	},
	email: {
		de: 'E-Mail',
		en: 'e-mail',
		not: { de: ['Email', /(?<!-)\bMails?\b/], en: ['email', 'emails', /(?<!-)\bmails?\b/i] }
	},
	meToo: {
		de: 'Ich auch',
		en: 'me too',
		not: { de: ['Geht mir auch so'], en: ['same here'] }
	},
	accepted: {
		// Only the asker's "helped me"; "hilfreich" is anyone's helpful vote.
		de: 'geholfen',
		en: 'helped',
		not: { de: ['beste Antwort', 'akzeptierte Antwort'], en: ['best answer', 'accepted answer'] }
	},
	serviceIdea: {
		// Community proposals (new communities) are "Vorschlag": an improvement of a service is an idea.
		de: 'Idee',
		en: 'idea',
		not: { de: ['Verbesserungsvorschlag', 'Anregung'], en: ['feature request', 'suggestion box'] }
	},
	support: {
		de: 'unterstütz',
		en: 'support',
		not: { de: ['Like', 'Likes', 'Upvote'], en: ['upvote', 'upvotes', 'upvoted'] }
	},
	organisation: {
		// "Träger" where a text speaks of those who run services (the topic radar's intro).
		de: 'Organisation',
		en: 'organisation',
		not: {
			de: ['Einrichtung', 'Einrichtungen', 'Institution', 'Institutionen'],
			en: ['organization', 'organizations', 'institution', 'institutions']
		}
	},
	officialAnswer: {
		de: 'Stellungnahme',
		en: 'official answer',
		not: { de: ['offizielle Antwort'], en: ['official response', 'official reply'] }
	}
} satisfies Record<string, Concept>;
