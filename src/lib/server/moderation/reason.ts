import { limits } from '$lib/limits';
import { m } from '$lib/paraglide/messages';

/** "Please give a reason (at least 3 characters)": the form's and the database's word for it. */
export const moderationReason = () =>
	m.moderation_reason_required({ min: limits.moderation.reasonMin });
