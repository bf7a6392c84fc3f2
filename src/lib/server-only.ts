// What a page without script (csr = false) renders on the server and nothing else
// reads. SvelteKit serializes every page's data, even where no script will take it:
// wrapped, a long thread's answers and their HTML cost nothing there (hooks.ts), and
// they never reach a browser as data.
export class ServerOnly<T> {
	constructor(readonly value: T) {}
}
