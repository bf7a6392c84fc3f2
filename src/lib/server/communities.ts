// Communities of interest: the directory and one community's page.
import type { Claims } from './db';
import { transaction } from './db';

export type Community = {
	id: string;
	slug: string;
	name: string;
	description: string;
	rules: string;
	topic: string;
	region: string | null;
	memberCount: number;
	threadCount: number;
};

export async function list(claims: Claims | null) {
	return transaction(
		claims,
		(tx) => tx<Community[]>`
		select id, slug, name, description, rules, topic, region,
			member_count as "memberCount", thread_count as "threadCount"
		from public.communities order by name`
	);
}

export async function read(claims: Claims | null, slug: string) {
	const [community] = await transaction(
		claims,
		(tx) => tx<Community[]>`
		select id, slug, name, description, rules, topic, region,
			member_count as "memberCount", thread_count as "threadCount"
		from public.communities where slug = ${slug}`
	);
	return community ?? null;
}
