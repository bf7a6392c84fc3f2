// Escalations: the counsellors' queue. The database decides who sees and does what
// (RLS, and the *_escalation functions that refuse with a reason); this module
// names the steps. Every function takes an optional transaction to run in: tests
// move the clock there (`set_config('ratnetz.clock', …, true)`).
export * from './kinds';
export type { QueueItem } from './rows';
export * from './queue';
export * from './escalation';
export * from './handover';
export * from './resolution';
export * from './flags';
export * from './professional-help';
