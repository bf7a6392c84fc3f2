import { describe, expect, it } from 'vitest';
import { parseForm } from './forms';
import { profileSchema, resetPasswordSchema, signUpSchema } from './account-schemas';

function form(fields: Record<string, string>) {
	const data = new FormData();
	for (const [name, value] of Object.entries(fields)) data.set(name, value);
	return data;
}

describe('sign-up form', () => {
	const valid = {
		email: ' Familie@Example.org ',
		password: 'Sicher-2026-x',
		pseudonym: 'Jürgen_Ö.'
	};

	it('accepts a valid sign-up, trimming and lower-casing the address', () => {
		const result = parseForm(signUpSchema, form({ ...valid, pseudonym: 'Jürgen_Ö' }));
		expect(result).toMatchObject({
			ok: true,
			data: { email: 'familie@example.org', pseudonym: 'Jürgen_Ö' }
		});
	});

	it.each([
		[
			'pseudonym',
			'Jürgen_Ö.',
			'Erlaubt sind Buchstaben, Ziffern und _ . - (nicht am Anfang oder Ende).'
		],
		[
			'pseudonym',
			'Max <script>',
			'Erlaubt sind Buchstaben, Ziffern und _ . - (nicht am Anfang oder Ende).'
		],
		['pseudonym', 'ab', 'Das Pseudonym muss 3 bis 30 Zeichen lang sein.'],
		['email', 'keine-adresse', 'Das sieht nicht wie eine E-Mail-Adresse aus.'],
		['email', '', 'Bitte gib deine E-Mail-Adresse ein.'],
		['password', 'kurz1', 'Das Passwort muss mindestens 10 Zeichen lang sein.'],
		[
			'password',
			'nurbuchstabenhier',
			'Das Passwort ist zu schwach: Es braucht Buchstaben und Ziffern.'
		],
		['password', `a1${'x'.repeat(71)}`, 'Das Passwort darf höchstens 72 Zeichen lang sein.']
	])('rejects %s %j with a message and keeps the input', (field, value, message) => {
		const result = parseForm(signUpSchema, form({ ...valid, [field]: value }));
		expect(result.ok).toBe(false);
		expect(!result.ok && result.errors[field]).toBe(message);
		// Everything but the password comes back to the form.
		const submitted: Record<string, string> = { ...valid, [field]: value };
		expect(result.values).toEqual({ email: submitted.email, pseudonym: submitted.pseudonym });
	});
});

describe('password reset form', () => {
	it('needs the same password twice', () => {
		const result = parseForm(
			resetPasswordSchema,
			form({ password: 'Sicher-2026-x', confirmation: 'Sicher-2026-y' })
		);
		expect(!result.ok && result.errors).toEqual({
			confirmation: 'Die beiden Passwörter stimmen nicht überein.'
		});
	});
});

describe('profile form', () => {
	it('limits the bio and the language', () => {
		const result = parseForm(
			profileSchema,
			form({ pseudonym: 'Oma.Ruth', bio: 'x'.repeat(501), locale: 'fr' })
		);
		expect(!result.ok && result.errors).toEqual({
			bio: 'Bitte fasse dich kürzer: höchstens 500 Zeichen.',
			locale: 'Bitte wähle eine der angebotenen Sprachen.'
		});
	});
});
