// Account forms: one zod schema each. Messages are functions so they are
// rendered in the language of the request that parses the form.
import { z } from 'zod';
import { limits } from '$lib/limits';
import { m } from '$lib/paraglide/messages';
import { locales } from '$lib/paraglide/runtime';

/** Kept in step with the check on public.members.pseudonym. */
export const pseudonymPattern = /^[\p{L}\p{N}]([\p{L}\p{N}_.-]*[\p{L}\p{N}])?$/u;

const email = z
	.string()
	.trim()
	.toLowerCase()
	.min(1, { error: () => m.error_email_required() })
	.max(limits.member.emailMax, { error: () => m.error_email_invalid() })
	.pipe(z.email({ error: () => m.error_email_invalid() }));

const { passwordMin, passwordMax, pseudonymMin, pseudonymMax } = limits.member;

/** As Supabase Auth is configured (supabase/config.toml): letters and digits. */
export const newPassword = z
	.string()
	.min(passwordMin, { error: () => m.error_password_too_short({ min: passwordMin }) })
	.max(passwordMax, { error: () => m.error_password_too_long({ max: passwordMax }) })
	.refine((value) => /\p{L}/u.test(value) && /\p{N}/u.test(value), {
		error: () => m.error_password_weak()
	});

const pseudonymLength = () => m.error_pseudonym_length({ min: pseudonymMin, max: pseudonymMax });
const pseudonym = z
	.string()
	.trim()
	.min(pseudonymMin, { error: pseudonymLength })
	.max(pseudonymMax, { error: pseudonymLength })
	.regex(pseudonymPattern, { error: () => m.error_pseudonym_characters() });

const locale = z.enum(locales, { error: () => m.error_locale() });

export const signUpSchema = z.object({ email, password: newPassword, pseudonym });

/** A password typed to prove who one is: only compared, never kept. */
export const currentPassword = z
	.string()
	.min(1, { error: () => m.error_password_required() })
	.max(limits.member.currentPasswordMax);

export const signInSchema = z.object({ email, password: currentPassword });

export const forgotPasswordSchema = z.object({ email });

export const resetPasswordSchema = z
	.object({ password: newPassword, confirmation: z.string() })
	.refine((value) => value.password === value.confirmation, {
		path: ['confirmation'],
		error: () => m.error_password_mismatch()
	});

export const changePasswordSchema = z
	.object({
		current: currentPassword,
		password: newPassword,
		confirmation: z.string()
	})
	.refine((value) => value.password === value.confirmation, {
		path: ['confirmation'],
		error: () => m.error_password_mismatch()
	});

export const profileSchema = z.object({
	pseudonym,
	bio: z
		.string()
		.trim()
		.max(limits.member.bioMax, {
			error: () => m.error_bio_too_long({ max: limits.member.bioMax })
		}),
	locale
});

export const localeSchema = z.object({ locale, redirectTo: z.string().optional() });
