// Where the map's tiles come from: MAP_TILE_URL (a template with {z}/{x}/{y}), by default
// OpenStreetMap's tile server, whose usage policy asks for the attribution below. The
// Content-Security-Policy lets the same host serve images (vite.config.ts reads the
// variable at build time); the browser tests point it at a blank tile of the app's own.
import { env } from '$env/dynamic/private';

export const defaultTileUrl = 'https://tile.openstreetmap.org/{z}/{x}/{y}.png';

export function tileSource() {
	return {
		url: env.MAP_TILE_URL || defaultTileUrl,
		attribution:
			env.MAP_TILE_ATTRIBUTION ||
			'© <a href="https://www.openstreetmap.org/copyright">OpenStreetMap contributors</a>'
	};
}
