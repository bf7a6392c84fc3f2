import type { Claims } from '$lib/server/db';
import type { CurrentMember } from '$lib/server/members';
import type { Supabase } from '$lib/server/supabase';

declare global {
	namespace App {
		interface Locals {
			supabase: Supabase;
			/** Claims of a verified, still active session; null for visitors. */
			claims: Claims | null;
			member: CurrentMember | null;
		}
		interface PageData {
			member: CurrentMember | null;
			/** What the page shows that may change while it is open (src/lib/server/live.ts). */
			live?: string[];
		}
	}
}

export {};
