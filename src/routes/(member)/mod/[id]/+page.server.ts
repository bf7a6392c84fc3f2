import { error, type RequestEvent } from '@sveltejs/kit';
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import * as communities from '$lib/server/forum/communities';
import * as moderation from '$lib/server/moderation';
import {
	type GuideModerationKind,
	guideModerationKinds,
	moderate,
	moderateGuide,
	type ModerationKind
} from '$lib/server/moderation/forms';
import { found, requireMember } from '$lib/server/data/request';
import type { Actions, PageServerLoad } from './$types';

const itemId = (params: { id: string }) => {
	const id = z.uuid().safeParse(params.id);
	if (!id.success) error(404, m.moderation_not_found());
	return id.data;
};

export const load: PageServerLoad = async ({ locals, params }) => {
	const { claims } = requireMember(locals);
	const [item, all] = await Promise.all([
		moderation.item(claims, itemId(params)),
		communities.list(claims)
	]);
	// RLS shows an item only to the community's moderators.
	const shown = found(item, m.moderation_not_found);
	return {
		item: shown,
		moveTargets: all.filter((community) => community.id !== shown.communityId)
	};
};

const versionSchema = z.coerce.number().int().positive();

/** Every action names the item's version the moderator saw, so a concurrent one is noticed. */
async function act(event: RequestEvent<{ id: string }>, kind: ModerationKind) {
	const { claims } = requireMember(event.locals);
	const formData = await event.request.formData();
	const version = versionSchema.safeParse(formData.get('version'));
	if (!version.success) error(400, m.error_unexpected());
	const item = found(await moderation.item(claims, itemId(event.params)), m.moderation_not_found);
	const seen = { itemId: item.id, version: version.data };
	if (item.kind === 'guide' && !guideModerationKinds.includes(kind as GuideModerationKind))
		error(400, m.error_unexpected());
	const done =
		item.kind === 'guide'
			? await moderateGuide(claims, kind as GuideModerationKind, formData, item.guideId, seen)
			: await moderate(
					claims,
					kind,
					formData,
					{ threadId: item.threadId, postId: item.postId },
					seen
				);
	return done ?? { done: kind };
}

export const actions: Actions = {
	dismiss: (event) => act(event, 'dismiss'),
	remove: (event) => act(event, 'remove'),
	restore: (event) => act(event, 'restore'),
	edit: (event) => act(event, 'edit'),
	lock: (event) => act(event, 'lock'),
	unlock: (event) => act(event, 'unlock'),
	pin: (event) => act(event, 'pin'),
	unpin: (event) => act(event, 'unpin'),
	move: (event) => act(event, 'move'),
	suspend: (event) => act(event, 'suspend'),
	warn: (event) => act(event, 'warn')
};
