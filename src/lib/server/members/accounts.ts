// Account flows on Supabase Auth: sign-up with e-mail confirmation, sign-in,
// sign-out, password reset and change. Each returns a translated error or null.
import type { EmailOtpType } from '@supabase/supabase-js';
import { m } from '$lib/paraglide/messages';
import type { Locale } from '$lib/paraglide/runtime';
import { authErrorMessage } from './auth-errors';
import { sendAlreadyRegisteredMail } from '../mail/auth';
import type { Claims } from '../data/db';
import * as members from './members';
import { outOfBand } from '../data/out-of-band';
import * as rateLimits from '../data/rate-limits';
import { createDetachedSupabase, type Supabase } from '../data/supabase';

type Outcome = { error: string; field?: string } | null;
type Request = { ip: string; origin: string };

/**
 * Checks what the form can tell without knowing the address (rate limit, pseudonym), then
 * answers at once: Auth's sign-up runs out of band, so the answer, and its time, are the
 * same for a registered address as for a new one (no account enumeration). A new address
 * gets Auth's confirmation mail; a registered one, which Auth answers with a stand-in user
 * and no mail, gets ours saying it has an account.
 */
export async function signUp(
	input: { email: string; password: string; pseudonym: string; locale: Locale },
	request: Request
): Promise<Outcome> {
	if (!(await rateLimits.allow('sign_up', { address: input.email, ip: request.ip }))) {
		return { error: m.error_rate_limited() };
	}
	if (!(await members.pseudonymAvailable(input.pseudonym))) {
		return { error: m.error_pseudonym_taken(), field: 'pseudonym' };
	}
	outOfBand('sign_up', async () => {
		const { data, error } = await createDetachedSupabase(request.ip).auth.signUp({
			email: input.email,
			password: input.password,
			options: {
				data: { pseudonym: input.pseudonym, locale: input.locale },
				emailRedirectTo: request.origin
			}
		});
		if (error) throw error;
		// With confirmations on, Auth answers a registered address with a user without identities.
		if (data.user?.identities?.length === 0) {
			await sendAlreadyRegisteredMail(input.email, input.locale, request.origin);
		}
	});
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

/**
 * Sends a reset link when the address has an account, out of band: the answer, and its
 * time, say nothing about whether it has (Auth's work and mail happen only when it has).
 */
export async function requestPasswordReset(email: string, request: Request): Promise<Outcome> {
	if (!(await rateLimits.allow('password_mail', { address: email, ip: request.ip }))) {
		return { error: m.error_rate_limited() };
	}
	outOfBand('password_mail', async () => {
		const { error } = await createDetachedSupabase(request.ip).auth.resetPasswordForEmail(email, {
			redirectTo: request.origin
		});
		if (error) throw error;
	});
	return null;
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
