// Client addresses for tests. Auth and the app limit sign-ins, sign-ups and mails per IP;
// each test (or test client) comes from an address of its own, as members do, so the
// suite's many sign-ins do not share one budget. The local stack's gateway and the app's
// test server take the address from X-Forwarded-For.

/** A random private address: 10.x.y.z. */
export function clientAddress() {
	const byte = () => Math.floor(Math.random() * 254) + 1;
	return `10.${byte()}.${byte()}.${byte()}`;
}
