// The performance budgets (README, "Performance"), checked by `npm run bench` on the
// data set of `npm run seed:large`.
export const budgets = {
	/** JavaScript a visitor's thread page loads, as transferred (brotli, as browsers ask for it). */
	threadPageScriptKb: 60,
	/** The thread page (200 answers) under load, as visitor and as member. */
	threadPageP95Ms: 50,
	threadPageRequestsPerSecond: 300,
	/** The search pages (a common two-word query, a word of many compounds, a typo) under load. */
	searchP95Ms: 100,
	searchRequestsPerSecond: 200,
	/** The counsellors' queue (every community's open items) under load. */
	counsellorQueueP95Ms: 50,
	counsellorQueueRequestsPerSecond: 300,
	/** Times a page waits for the database, session check included. */
	roundTripsPerPage: 4
} as const;
