// Whether an address has an account is told to no one but its owner. The sign-up and reset
// forms answer a registered address with the same words, status and time as a new or
// unknown one (Auth's work and its mails happen out of band, after the answer). Sign-in
// says the same for a wrong password as for an unknown address: accounts.spec.ts.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import * as accounts from '$lib/server/members/accounts';
import { settled } from '$lib/server/data/out-of-band';
import { clientAddress } from '../../support/addresses';
import { waitForMail } from '../../support/mail';
import { authClient } from '../support';

const request = () => ({ ip: clientAddress(), origin: 'http://localhost:4173' });
const unknownAddress = () => `niemand-${randomUUID()}@example.org`;
const newPassword = 'Geheim-2026-neu';

/** Registered addresses, made through Auth's admin API (each form allows 5 a member an hour). */
async function registered(count: number) {
	const admin = authClient(process.env.SUPABASE_SERVICE_ROLE_KEY!).auth.admin;
	return Promise.all(
		Array.from({ length: count }, async () => {
			const email = `konto-${randomUUID()}@example.org`;
			const { error } = await admin.createUser({
				email,
				password: newPassword,
				email_confirm: true,
				user_metadata: { pseudonym: `Konto_${randomUUID().slice(0, 8)}` }
			});
			if (error) throw error;
			return email;
		})
	);
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1];

/**
 * The form's answer time for each kind of address, measured in turns, each after the work
 * of the one before has ended (so one never slows the other down).
 */
async function answerTimes(
	runs: number,
	answer: (kind: 'registered' | 'unknown', run: number) => Promise<unknown>
) {
	const times = { registered: [] as number[], unknown: [] as number[] };
	for (let run = 0; run < runs; run++) {
		for (const kind of ['registered', 'unknown'] as const) {
			const started = performance.now();
			await answer(kind, run);
			times[kind].push(performance.now() - started);
			await settled();
		}
	}
	return { registered: median(times.registered), unknown: median(times.unknown) };
}

/**
 * Apart by less than the faster one's own time, and less than 50 ms: waiting for Auth's work
 * made the slow case many times the fast one (141 ms against 5 ms for a reset at Auth).
 */
function expectSameTime({ registered, unknown }: { registered: number; unknown: number }) {
	expect(Math.abs(registered - unknown)).toBeLessThan(Math.max(50, Math.min(registered, unknown)));
}

describe('no account enumeration', () => {
	// Twenty answers and their work, one after another, on a busy machine too.
	const measured = { timeout: 120_000 };

	it(
		'answers the reset form alike and in the same time; the mail goes out after',
		measured,
		async () => {
			const runs = 9;
			const addresses = await registered(runs);
			const answers = new Set<string>();
			const times = await answerTimes(runs, async (kind, run) => {
				const email = kind === 'registered' ? addresses[run] : unknownAddress();
				answers.add(JSON.stringify(await accounts.requestPasswordReset(email, request())));
			});
			expect([...answers]).toEqual(['null']);
			expectSameTime(times);
			const mail = await waitForMail(addresses[0], { subject: /Neues Passwort/ });
			expect(mail.to).toContain(addresses[0]);
		}
	);

	it(
		'answers sign-up alike and in the same time; a registered address is told by mail',
		measured,
		async () => {
			const runs = 9;
			const addresses = await registered(runs);
			const answers = new Set<string>();
			const started = new Date();
			const times = await answerTimes(runs, async (kind, run) => {
				const input = {
					email: kind === 'registered' ? addresses[run] : unknownAddress(),
					password: newPassword,
					pseudonym: `Neu_${randomUUID().slice(0, 8)}`,
					locale: 'de' as const
				};
				answers.add(JSON.stringify(await accounts.signUp(input, request())));
			});
			expect([...answers]).toEqual(['null']);
			expectSameTime(times);
			const mail = await waitForMail(addresses[0], { after: started });
			expect(mail.subject).toBe('Ratnetz: Du hast schon ein Konto');
		}
	);
});
