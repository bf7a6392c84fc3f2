// Work a request starts but does not wait for: the answer goes out first. The account
// forms use it so that what they answer, and when, does not depend on whether an address
// has an account (accounts.ts). Failures are logged by name and error code only.

const running = new Set<Promise<void>>();

export function outOfBand(name: string, work: () => Promise<void>) {
	const task = work()
		.catch((error: unknown) => {
			const code = (error as { code?: unknown } | null)?.code;
			console.error(
				JSON.stringify({
					level: 'error',
					event: 'out_of_band_failed',
					name,
					code: typeof code === 'string' ? code : 'ERROR'
				})
			);
		})
		.finally(() => running.delete(task));
	running.add(task);
}

/** Resolves once every such piece of work has ended (the server's shutdown, and tests). */
export async function settled() {
	while (running.size > 0) await Promise.allSettled([...running]);
}
