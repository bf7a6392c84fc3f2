// The topic radar as open data: one table (CSV and JSON) and its description as a
// Frictionless Data package (https://specs.frictionlessdata.io/), under CC BY 4.0. The
// field names are the same in every language; a suppressed value is an empty field.
import { csv, typed } from './csv';
import { type RadarCell, radarMeasures } from './topic-radar';

export const radarLicence = {
	name: 'CC-BY-4.0',
	path: 'https://creativecommons.org/licenses/by/4.0/',
	title: 'Creative Commons Attribution 4.0 International'
};

const fields = ['month', 'community', 'community_name', 'region', 'measure', 'key', 'value'];

/** The cells as CSV, a line each in the package's field order. */
export function radarCsv(cells: RadarCell[]) {
	return csv([
		fields,
		...cells.map((cell) => [
			cell.month,
			cell.community,
			typed(cell.communityName),
			typed(cell.region ?? ''),
			cell.measure,
			cell.key,
			cell.value === null ? '' : String(cell.value)
		])
	]);
}

/** The cells as JSON records with the same field names (null: fewer than 10 people). */
export const radarJson = (cells: RadarCell[]) =>
	cells.map((cell) => ({
		month: cell.month,
		community: cell.community,
		community_name: cell.communityName,
		region: cell.region,
		measure: cell.measure,
		key: cell.key,
		value: cell.value
	}));

/** datapackage.json: what the CSV beside it holds, its licence and how small counts are kept out. */
export function radarPackage(keptAt: Date) {
	return {
		profile: 'tabular-data-package',
		name: 'ratnetz-topic-radar',
		title: 'Ratnetz topic radar (Themenradar)',
		description:
			'Per community of the Ratnetz forum and month (Europe/Berlin), the questions asked, the me-toos on them, their escalations to counsellors by priority and outcome, and the most frequent tags. A value made by fewer than 10 people is empty; a tag used by fewer than 10 askers is left out; no total is given beside its parts.',
		homepage: '/radar',
		created: keptAt.toISOString(),
		licenses: [radarLicence],
		resources: [
			{
				name: 'topic-radar',
				path: 'topic-radar.csv',
				profile: 'tabular-data-resource',
				format: 'csv',
				mediatype: 'text/csv',
				encoding: 'utf-8',
				schema: {
					fields: [
						{ name: 'month', type: 'yearmonth', constraints: { required: true } },
						{ name: 'community', type: 'string', constraints: { required: true } },
						{ name: 'community_name', type: 'string', constraints: { required: true } },
						{ name: 'region', type: 'string' },
						{
							name: 'measure',
							type: 'string',
							constraints: { required: true, enum: [...radarMeasures] }
						},
						{
							name: 'key',
							type: 'string',
							description:
								'escalations: priority/outcome; referrals: the id of the service referred to (/s/<id>); tag: the tag; otherwise empty'
						},
						{
							name: 'value',
							type: 'integer',
							constraints: { minimum: 0 },
							description: 'empty: made by fewer than 10 people'
						}
					],
					missingValues: ['']
				}
			}
		]
	};
}
