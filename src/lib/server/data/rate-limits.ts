// Limits on sign-in, sign-up and password mails, counted in Postgres so every
// app server shares them. Addresses are stored only as hashes.
import { createHash } from 'node:crypto';
import { systemTransaction } from './db';

type Rule = { max: number; window: string };
const rules = {
	sign_in: { address: { max: 10, window: '15 minutes' }, ip: { max: 50, window: '15 minutes' } },
	sign_up: { address: { max: 5, window: '1 hour' }, ip: { max: 20, window: '1 hour' } },
	password_mail: { address: { max: 5, window: '1 hour' }, ip: { max: 20, window: '1 hour' } },
	password_check: {
		address: { max: 10, window: '15 minutes' },
		ip: { max: 50, window: '15 minutes' }
	}
} satisfies Record<string, { address: Rule; ip: Rule }>;

export type Action = keyof typeof rules;

const digest = (value: string) => createHash('sha256').update(value).digest('hex');

/**
 * Counts one attempt for the address (an e-mail or member id) and the IP;
 * false when either is over its limit.
 */
export async function allow(action: Action, subjects: { address: string; ip: string }) {
	const rule = rules[action];
	const [row] = await systemTransaction(
		(tx) => tx`
			select public.take_rate_limit(${`${action}:address`}, ${digest(subjects.address.toLowerCase())}, ${rule.address.max}, ${rule.address.window}::interval)
				and public.take_rate_limit(${`${action}:ip`}, ${digest(subjects.ip)}, ${rule.ip.max}, ${rule.ip.window}::interval) as allowed`
	);
	return row.allowed as boolean;
}
