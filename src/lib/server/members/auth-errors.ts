// Supabase Auth error codes, in the member's language.
import type { AuthError } from '@supabase/supabase-js';
import { m } from '$lib/paraglide/messages';

const messages: Record<string, () => string> = {
	invalid_credentials: () => m.error_credentials(),
	email_not_confirmed: () => m.error_email_not_confirmed(),
	email_exists: () => m.error_email_taken(),
	user_already_exists: () => m.error_email_taken(),
	weak_password: () => m.error_password_weak(),
	same_password: () => m.error_same_password(),
	otp_expired: () => m.error_link_expired(),
	over_request_rate_limit: () => m.error_rate_limited(),
	over_email_send_rate_limit: () => m.error_rate_limited(),
	user_banned: () => m.error_user_banned(),
	session_not_found: () => m.error_session_expired()
};

export function authErrorMessage(error: AuthError) {
	return (error.code && messages[error.code]?.()) || m.error_unexpected();
}
