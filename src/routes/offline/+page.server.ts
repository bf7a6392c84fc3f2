// What the service worker shows when a page cannot load: the help page's helplines, which
// matter most when nothing else works. It keeps this page as a visitor sees it
// (src/service-worker.ts), so it needs no script.
export { load } from '../help/+page.server';

export const csr = false;
