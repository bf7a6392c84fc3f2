// The part of Go's html/template that Supabase e-mail templates use:
// `{{ .Field }}`, `{{ .Data.key }}`, `{{ if <cond> }}…{{ else if <cond> }}…{{ else }}…{{ end }}`
// with `eq`/`ne`/`not`/`and`/`or` and string literals. Output values are HTML-escaped.
type Node =
	| { kind: 'text'; text: string }
	| { kind: 'value'; expr: string[] }
	| { kind: 'if'; branches: { cond: string[] | null; body: Node[] }[] };

export type TemplateData = Record<string, unknown>;

class TemplateError extends Error {}

/** Splits an action into words, keeping "quoted strings" whole. */
function words(action: string): string[] {
	const found = action.match(/"(?:[^"\\]|\\.)*"|\S+/g);
	if (!found) throw new TemplateError('empty action');
	return found;
}

export function parseTemplate(source: string): Node[] {
	const tokens: ({ text: string } | { action: string })[] = [];
	let last = 0;
	for (const match of source.matchAll(/\{\{(-?)\s*([\s\S]*?)\s*(-?)\}\}/g)) {
		let text = source.slice(last, match.index);
		if (match[1]) text = text.replace(/\s+$/, '');
		tokens.push({ text });
		tokens.push({ action: match[2] });
		last = match.index + match[0].length;
		if (match[3]) last += /^\s*/.exec(source.slice(last))![0].length;
	}
	tokens.push({ text: source.slice(last) });

	let position = 0;
	// Parses until `end`/`else` (returned so the caller can handle it) or the end.
	function block(): { nodes: Node[]; stop: string[] | null } {
		const nodes: Node[] = [];
		while (position < tokens.length) {
			const token = tokens[position++];
			if ('text' in token) {
				if (token.text) nodes.push({ kind: 'text', text: token.text });
				continue;
			}
			const parts = words(token.action);
			if (parts[0] === 'end' || parts[0] === 'else') return { nodes, stop: parts };
			if (parts[0] === 'if') {
				const branches: { cond: string[] | null; body: Node[] }[] = [];
				let cond: string[] | null = parts.slice(1);
				for (;;) {
					const inner = block();
					branches.push({ cond, body: inner.nodes });
					if (!inner.stop) throw new TemplateError('unexpected EOF: missing {{ end }}');
					if (inner.stop[0] === 'end') break;
					cond = inner.stop[1] === 'if' ? inner.stop.slice(2) : null;
				}
				nodes.push({ kind: 'if', branches });
				continue;
			}
			nodes.push({ kind: 'value', expr: parts });
		}
		return { nodes, stop: null };
	}
	const { nodes, stop } = block();
	if (stop) throw new TemplateError(`unexpected {{ ${stop.join(' ')} }}`);
	return nodes;
}

function operand(word: string, data: TemplateData): unknown {
	if (word.startsWith('"')) return JSON.parse(word) as string;
	if (/^-?\d+(\.\d+)?$/.test(word)) return Number(word);
	if (word === 'true' || word === 'false') return word === 'true';
	if (!word.startsWith('.')) throw new TemplateError(`function "${word}" not defined`);
	let value: unknown = data;
	for (const key of word.slice(1).split('.').filter(Boolean)) {
		value =
			value !== null && typeof value === 'object'
				? (value as Record<string, unknown>)[key]
				: undefined;
	}
	return value;
}

/** Go's template truth: false, 0, nil and empty strings/collections are false. */
function truthy(value: unknown): boolean {
	if (value === undefined || value === null || value === false || value === 0 || value === '')
		return false;
	if (Array.isArray(value)) return value.length > 0;
	if (typeof value === 'object') return Object.keys(value).length > 0;
	return true;
}

function evaluate(expr: string[], data: TemplateData): unknown {
	const [head, ...args] = expr;
	const values = () => args.map((a) => operand(a, data));
	switch (head) {
		case 'eq':
			return values()
				.slice(1)
				.some((v) => v === operand(args[0], data));
		case 'ne':
			return operand(args[0], data) !== operand(args[1], data);
		case 'not':
			return !truthy(operand(args[0], data));
		case 'and':
			return values().every(truthy);
		case 'or':
			return values().some(truthy);
		default:
			if (args.length > 0) throw new TemplateError(`unsupported pipeline {{ ${expr.join(' ')} }}`);
			return operand(head, data);
	}
}

const escapes: Record<string, string> = {
	'&': '&amp;',
	'<': '&lt;',
	'>': '&gt;',
	'"': '&#34;',
	"'": '&#39;'
};

function escapeHtml(value: string): string {
	return value.replace(/[&<>"']/g, (c) => escapes[c]);
}

export function renderTemplate(nodes: Node[], data: TemplateData): string {
	let out = '';
	for (const node of nodes) {
		if (node.kind === 'text') out += node.text;
		else if (node.kind === 'value') {
			const value = evaluate(node.expr, data);
			// html/template prints nothing for a missing value.
			if (value !== undefined && value !== null) out += escapeHtml(String(value));
		} else {
			const branch = node.branches.find((b) => b.cond === null || truthy(evaluate(b.cond, data)));
			if (branch) out += renderTemplate(branch.body, data);
		}
	}
	return out;
}
