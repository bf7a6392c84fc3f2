// Threads (questions): reading them (read.ts) and writing them (write.ts).
export * from './read';
export * from './write';
