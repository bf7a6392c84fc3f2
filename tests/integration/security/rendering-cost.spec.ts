// What one member can make the server render: edits are limited like posts, and a text
// whose markdown would be costly to render (thousands of table columns, deep nesting) is
// refused with a clear message while the text stays in the form.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseForm } from '$lib/forms';
import { answerSchema, askSchema, editPostSchema } from '$lib/post-schemas';
import { attempt } from '$lib/server/db-errors';
import * as posts from '$lib/server/posts';
import * as threads from '$lib/server/threads';
import { community, member, question, reply, type TestMember } from '../escalations/support';

/** The attack of the issue: a table of 3,000 columns, within the length limit. */
const wideTable = `|${'a|'.repeat(3000)}\n|${'-|'.repeat(3000)}\n|${'b|'.repeat(3000)}`;
const deepQuotes = `${'> '.repeat(200)}tief`;
const deepList = Array.from({ length: 40 }, (_, depth) => `${'  '.repeat(depth)}- Ebene`).join(
	'\n'
);

let home: string;
let writer: TestMember;
let threadId: string;

beforeAll(async () => {
	home = await community();
	writer = await member(home);
	threadId = (await threads.ask(writer.claims, home, question())).id;
});

const form = (fields: Record<string, string>) => {
	const data = new FormData();
	for (const [name, value] of Object.entries(fields)) data.set(name, value);
	return data;
};

describe('markdown that would be costly to render', () => {
	it('is refused in every form that writes a text, which keeps it', async () => {
		for (const [text, message] of [
			[wideTable, 'Eine Tabelle darf höchstens 20 Spalten haben.'],
			[deepQuotes, 'Zitate und Listen dürfen höchstens 10 Ebenen tief ineinander stehen.'],
			[deepList, 'Zitate und Listen dürfen höchstens 10 Ebenen tief ineinander stehen.']
		]) {
			const answer = parseForm(answerSchema, form({ body: text, idempotencyKey: randomUUID() }));
			expect(answer).toMatchObject({ ok: false, errors: { body: message } });
			expect(answer.values.body).toBe(text);
			const asked = parseForm(
				askSchema,
				form({ title: 'Eine Frage mit Tabelle', body: text, idempotencyKey: randomUUID() })
			);
			expect(asked).toMatchObject({ ok: false, errors: { body: message } });
			expect(parseForm(editPostSchema, form({ body: text }))).toMatchObject({
				ok: false,
				errors: { body: message }
			});
		}
	});

	it('is refused by the writing itself, not only by the forms', async () => {
		const refused = await attempt(() => posts.answer(writer.claims, threadId, reply(wideTable)));
		expect(refused).toEqual({ ok: false, error: 'Eine Tabelle darf höchstens 20 Spalten haben.' });
	});
});

describe('edits', () => {
	it('are limited like answers: 20 in ten minutes per member', async () => {
		const answer = await posts.answer(writer.claims, threadId, reply('Version 0'));
		for (let version = 1; version <= 20; version++) {
			await posts.edit(writer.claims, answer.id, `Version ${version}`);
		}
		await expect(posts.edit(writer.claims, answer.id, 'Version 21')).rejects.toMatchObject({
			hint: 'rate_limited_edits'
		});
		await expect(
			threads.edit(writer.claims, threadId, {
				title: 'Auch die Frage nicht mehr',
				body: 'Geändert',
				tags: []
			})
		).rejects.toMatchObject({ hint: 'rate_limited_edits' });
	});
});
