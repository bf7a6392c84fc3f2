// Account flows on Supabase Auth: sign-up with e-mail confirmation, sign-in,
// sign-out, password reset and change. Each returns a translated error or null.
import type { EmailOtpType } from '@supabase/supabase-js';
import { m } from '$lib/paraglide/messages';
import type { Locale } from '$lib/paraglide/runtime';
import { authErrorMessage } from './auth-errors';
import type { Claims } from './db';
import * as members from './members';
import * as rateLimits from './rate-limits';
import type { Supabase } from './supabase';

type Outcome = { error: string; field?: string } | null;
type Request = { ip: string; origin: string };

export async function signUp(
	supabase: Supabase,
	input: { email: string; password: string; pseudonym: string; locale: Locale },
	request: Request
): Promise<Outcome> {
	if (!(await rateLimits.allow('sign_up', { address: input.email, ip: request.ip }))) {
		return { error: m.error_rate_limited() };
	}
	if (!(await members.pseudonymAvailable(input.pseudonym))) {
		return { error: m.error_pseudonym_taken(), field: 'pseudonym' };
	}
	const { data, error } = await supabase.auth.signUp({
		email: input.email,
		password: input.password,
		options: {
			data: { pseudonym: input.pseudonym, locale: input.locale },
			emailRedirectTo: request.origin
		}
	});
	if (error) {
		// The pseudonym was taken between the check and the insert.
		if (error.status === 500 && !(await members.pseudonymAvailable(input.pseudonym))) {
			return { error: m.error_pseudonym_taken(), field: 'pseudonym' };
		}
		return {
			error: authErrorMessage(error),
			field: error.code === 'weak_password' ? 'password' : undefined
		};
	}
	// With confirmations on, Auth answers an already registered address with a user without identities.
	if (data.user && data.user.identities?.length === 0) {
		return { error: m.error_email_taken(), field: 'email' };
	}
	return null;
}

export async function signIn(
	supabase: Supabase,
	input: { email: string; password: string },
	request: Request
): Promise<Outcome> {
	if (!(await rateLimits.allow('sign_in', { address: input.email, ip: request.ip }))) {
		return { error: m.error_rate_limited() };
	}
	const { error } = await supabase.auth.signInWithPassword(input);
	return error ? { error: authErrorMessage(error) } : null;
}

/** Ends this session, or every session of the member ('global': all their devices). */
export async function signOut(supabase: Supabase, scope: 'local' | 'global' = 'local') {
	await supabase.auth.signOut({ scope });
}

/** Sends a reset link when the address has an account; says nothing about whether it has. */
export async function requestPasswordReset(
	supabase: Supabase,
	email: string,
	request: Request
): Promise<Outcome> {
	if (!(await rateLimits.allow('password_mail', { address: email, ip: request.ip }))) {
		return { error: m.error_rate_limited() };
	}
	const { error } = await supabase.auth.resetPasswordForEmail(email, {
		redirectTo: request.origin
	});
	return error ? { error: authErrorMessage(error) } : null;
}

/** Confirms an e-mail or recovery link from a mail; on success the session cookies are set. */
export async function verifyLink(
	supabase: Supabase,
	tokenHash: string,
	type: EmailOtpType
): Promise<Outcome> {
	const { error } = await supabase.auth.verifyOtp({ token_hash: tokenHash, type });
	return error ? { error: authErrorMessage(error) } : null;
}

export async function setPassword(supabase: Supabase, password: string): Promise<Outcome> {
	const { error } = await supabase.auth.updateUser({ password });
	return error ? { error: authErrorMessage(error), field: 'password' } : null;
}

export async function changePassword(
	supabase: Supabase,
	claims: Claims,
	input: { current: string; password: string },
	request: Request
): Promise<Outcome> {
	if (!(await rateLimits.allow('password_check', { address: claims.sub, ip: request.ip }))) {
		return { error: m.error_rate_limited() };
	}
	if (!(await members.passwordMatches(claims, input.current))) {
		return { error: m.error_current_password(), field: 'current' };
	}
	return setPassword(supabase, input.password);
}
