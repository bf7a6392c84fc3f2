// Account forms: one zod schema each. Messages are functions so they are
// rendered in the language of the request that parses the form.
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { locales } from '$lib/paraglide/runtime';

/** Kept in step with the check on public.members.pseudonym. */
export const pseudonymPattern = /^[\p{L}\p{N}]([\p{L}\p{N}_.-]*[\p{L}\p{N}])?$/u;

const email = z
	.string()
	.trim()
	.toLowerCase()
	.min(1, { error: () => m.error_email_required() })
	.max(254, { error: () => m.error_email_invalid() })
	.pipe(z.email({ error: () => m.error_email_invalid() }));

/** As Supabase Auth is configured (supabase/config.toml): 10–72 characters, letters and digits. */
export const newPassword = z
	.string()
	.min(10, { error: () => m.error_password_too_short({ min: 10 }) })
	.max(72, { error: () => m.error_password_too_long({ max: 72 }) })
	.refine((value) => /\p{L}/u.test(value) && /\p{N}/u.test(value), {
		error: () => m.error_password_weak()
	});

const pseudonym = z
	.string()
	.trim()
	.min(3, { error: () => m.error_pseudonym_length({ min: 3, max: 30 }) })
	.max(30, { error: () => m.error_pseudonym_length({ min: 3, max: 30 }) })
	.regex(pseudonymPattern, { error: () => m.error_pseudonym_characters() });

const locale = z.enum(locales, { error: () => m.error_locale() });

export const signUpSchema = z.object({ email, password: newPassword, pseudonym });

export const signInSchema = z.object({
	email,
	password: z
		.string()
		.min(1, { error: () => m.error_password_required() })
		.max(1000)
});

export const forgotPasswordSchema = z.object({ email });

export const resetPasswordSchema = z
	.object({ password: newPassword, confirmation: z.string() })
	.refine((value) => value.password === value.confirmation, {
		path: ['confirmation'],
		error: () => m.error_password_mismatch()
	});

export const changePasswordSchema = z
	.object({
		current: z
			.string()
			.min(1, { error: () => m.error_password_required() })
			.max(1000),
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
		.max(500, { error: () => m.error_bio_too_long({ max: 500 }) }),
	locale
});

export const localeSchema = z.object({ locale, redirectTo: z.string().optional() });
