// What the server keeps in memory to reuse (rendered pages and answers): a fixed number
// of entries, the least recently used going first when a new one comes.
export class Kept<V> {
	readonly #entries = new Map<string, V>();

	constructor(readonly capacity: number) {}

	/** The entry, now the most recently used; undefined if not kept. */
	get(key: string) {
		const value = this.#entries.get(key);
		if (value !== undefined) {
			this.#entries.delete(key);
			this.#entries.set(key, value);
		}
		return value;
	}

	delete(key: string) {
		this.#entries.delete(key);
	}

	set(key: string, value: V) {
		this.#entries.delete(key);
		this.#entries.set(key, value);
		if (this.#entries.size > this.capacity) {
			this.#entries.delete(this.#entries.keys().next().value!);
		}
	}
}
