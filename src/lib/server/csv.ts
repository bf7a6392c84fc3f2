// Figures as CSV (RFC 4180) for admins and funders, opened in spreadsheets: one way to
// quote a field, to keep typed text from running as a formula, and to send the file.

/** A field: quoted when it holds a separator, a quote or a line break. */
const field = (value: string) =>
	/[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;

/** Text someone typed (a community's name): a spreadsheet would run it as a formula, so it gets a leading apostrophe. */
export const typed = (value: string) => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);

/** Lines of fields as CSV text, each line ended by CRLF. */
export function csv(lines: string[][]) {
	return lines.map((line) => line.map(field).join(',')).join('\r\n') + '\r\n';
}

type MonthRow = { month: string; communityName: string };

/** Figures per month and community: the headers, then month, community and `columns`, a missing figure as `missing`. */
export function figuresCsv<Row extends MonthRow>(
	rows: Row[],
	headers: string[],
	columns: readonly (keyof Row)[],
	missing: string
) {
	return csv([
		headers,
		...rows.map((row) => [
			row.month,
			typed(row.communityName),
			...columns.map((column) => (row[column] === null ? missing : String(row[column])))
		])
	]);
}

/** The CSV as a file to save. */
export function download(text: string, filename: string) {
	return new Response(text, {
		headers: {
			'Content-Type': 'text/csv; charset=utf-8',
			'Content-Disposition': `attachment; filename="${filename}"`
		}
	});
}
