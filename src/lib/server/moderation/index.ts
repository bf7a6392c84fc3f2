// Moderation as moderators and members read it: the queue of flagged and held threads and
// posts (queue.ts, item.ts), suspensions, the mod log and figures. The steps moderators take
// are in actions.ts, a member's own flags in own-flags.ts. Every function takes an optional
// transaction to run in (tests move the clock there).
export * from './kinds';
export { type QueueItem, type QueuePage, queue, openItems } from './queue';
export * from './item';
export * from './suspensions';
export * from './log';
export * from './figures';
