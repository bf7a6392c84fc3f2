// How page data crosses to the browser: what only the server renders (ServerOnly) stays there.
import type { Transport } from '@sveltejs/kit';
import { ServerOnly } from '$lib/server-only';

export const transport: Transport = {
	ServerOnly: {
		encode: (value) => value instanceof ServerOnly && [],
		decode: () => {
			throw new Error('Server-only data is for pages without script');
		}
	}
};
