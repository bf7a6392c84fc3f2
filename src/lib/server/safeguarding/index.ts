// Safeguarding: revealing an anonymous author (reveal.ts) and releasing held posts
// (held.ts); the crisis words, helplines, staffed hours, the audit log and the figures
// admins keep are in this folder too.
export { type Target, type Reveal, revealAuthor, revealLog } from './reveal';
export * from './held';
