// What the service ideas' tests share: a fresh idea's form.
import { randomUUID } from 'node:crypto';

/** An idea as the propose form sends it, with a title of its own and a fresh key. */
export const idea = (title = `Abendsprechstunde im Jugendamt ${randomUUID().slice(0, 6)}`) => ({
	title,
	body: 'Berufstätige Eltern schaffen die **Sprechzeiten** nicht.',
	idempotencyKey: randomUUID()
});
