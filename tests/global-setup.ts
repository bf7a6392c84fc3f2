// Integration tests run against the real local stack, started once for the whole
// run (vite.config.ts has already pointed the environment at it), or against the
// project configured in PUBLIC_SUPABASE_URL.
import { apiUrl } from '../supabase/local/env.ts';
import { startLocalStack } from '../supabase/local/stack.ts';

export default async function setup() {
	if (process.env.PUBLIC_SUPABASE_URL !== apiUrl) return;
	const stack = await startLocalStack();
	return () => stack.stop();
}
