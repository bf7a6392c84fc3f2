// What one text may ask of the renderer (server/markdown.ts). Rendering runs on a server
// process's one thread while its other pages wait, and its cost follows what the markdown
// makes, not its length: a table of 3,000 columns took half a second to render, five of
// them at once held a visitor's page for 3.9 s. So a text may make at most so many
// elements, table columns, nested quotes and lists, and emphasis marks (marked matches
// those against each other in quadratic time: 8,000 in one paragraph took 1.5 s before
// any HTML). Checked before the text is rendered or stored; the forms refuse it with a
// message that names the limit, and keep the text.
import { Marked, type Token } from 'marked';
import { limits } from './limits';

/** The renderer's options that decide how a text is read (the renderer adds its own output). */
export const reading = {
	gfm: true,
	// Members write in a text area: a single line break is a line break.
	breaks: true,
	async: false,
	// Without these tokenizers raw HTML (block or inline, comments included) is
	// ordinary text, so marked escapes it: people see what they typed.
	tokenizer: { html: () => undefined, tag: () => undefined }
} as const;

const marked = new Marked(reading);

export type MarkdownProblem = 'elements' | 'tableColumns' | 'nesting' | 'emphasisMarks';

const fence = /^ {0,3}(`{3,}|~{3,})/;
const thematicBreak = /^ {0,3}([-*_])( *\1){2,} *$/;
// Quotes and list markers that open one container inside another on the same line.
const containerMarkers = /^(?:[ \t]*(?:>|[-+*](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$)))+/;
const marker = />|[-+*]|\d{1,9}[.)]/g;
const indentWidth = (line: string) => {
	let width = 0;
	for (const char of line) {
		if (char === ' ') width += 1;
		else if (char === '\t') width += 4 - (width % 4);
		else break;
	}
	return width;
};

/**
 * Line by line, before marked reads anything (reading deep nesting or many emphasis marks
 * is itself what costs): nesting by markers at a line's start or by indentation, and the
 * emphasis marks outside code fences.
 */
function scan(markdown: string): MarkdownProblem | null {
	let open: string | null = null;
	let marks = 0;
	for (const line of markdown.split('\n')) {
		const fenced = fence.exec(line);
		if (open !== null) {
			if (fenced && fenced[1][0] === open[0] && fenced[1].length >= open.length) open = null;
			continue;
		}
		if (fenced) {
			open = fenced[1];
			continue;
		}
		if (!thematicBreak.test(line)) {
			const markers = containerMarkers.exec(line)?.[0].match(marker)?.length ?? 0;
			if (markers > limits.markdown.nesting || indentWidth(line) > 4 * limits.markdown.nesting) {
				return 'nesting';
			}
		}
		for (const char of line) if (char === '*' || char === '_' || char === '~') marks++;
	}
	return marks > limits.markdown.emphasisMarks ? 'emphasisMarks' : null;
}

/** Every token with what it contains, and how deep in quotes and lists it sits. */
function* walk(tokens: Token[], depth = 0): Generator<{ token: Token; depth: number }> {
	for (const token of tokens) {
		yield { token, depth };
		const inner = depth + (token.type === 'blockquote' || token.type === 'list' ? 1 : 0);
		if (token.type === 'list') yield* walk(token.items, inner);
		if (token.type === 'table') {
			for (const cell of [...token.header, ...token.rows.flat()]) yield* walk(cell.tokens, inner);
		}
		if ('tokens' in token && token.tokens) yield* walk(token.tokens, inner);
	}
}

/** The first limit the text goes past, or null when it may be rendered. */
export function markdownProblem(markdown: string): MarkdownProblem | null {
	const scanned = scan(markdown);
	if (scanned) return scanned;
	let tokens: Token[];
	try {
		tokens = marked.lexer(markdown);
	} catch (error) {
		// Nesting past what the scan sees overflows marked's recursive reader.
		if (error instanceof RangeError) return 'nesting';
		throw error;
	}
	let elements = 0;
	for (const { token, depth } of walk(tokens)) {
		if (depth > limits.markdown.nesting) return 'nesting';
		if (token.type === 'table' && token.header.length > limits.markdown.tableColumns) {
			return 'tableColumns';
		}
		if (++elements > limits.markdown.elements) return 'elements';
	}
	return null;
}
