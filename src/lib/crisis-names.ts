// Words for the crisis lexicon's categories and kinds, in the member's language (client-safe).
import { m } from '$lib/paraglide/messages';

export const crisisCategoryNames = {
	suicide: m.crisis_category_suicide,
	self_harm: m.crisis_category_self_harm,
	child_harm: m.crisis_category_child_harm,
	domestic_violence: m.crisis_category_domestic_violence,
	sexual_abuse: m.crisis_category_sexual_abuse,
	acute_danger: m.crisis_category_acute_danger
};
export const crisisWordKindNames = {
	risk: m.crisis_word_kind_risk,
	subject: m.crisis_word_kind_subject,
	harmless_context: m.crisis_word_kind_harmless_context,
	harmless_phrase: m.crisis_word_kind_harmless_phrase
};
