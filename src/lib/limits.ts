// Post limits, shared by the forms (hints, maxlength) and their schemas; kept apart
// from the schemas so pages do not ship zod to the browser.
export const limits = {
	titleMin: 10,
	titleMax: 150,
	bodyMax: 20_000,
	tags: 5,
	tagMax: 30
} as const;
