#!/usr/bin/env node
// messages.mjs — the message catalogue's completeness check (docs/i18n.md). Reads every C file
// under src/ and collects each literal format string passed to a function that takes a printf
// format: cd_diag_set, api_fail, act_fail, the command line's printf/fprintf/puts/fputs, and any
// helper declared with __attribute__((format(printf, N, M))) (its own file's, or a header's);
// plus cd_diag_prefix's literal prefixes. A format a person reads (one with a word in it) must
// be a key of src/i18n/messages.def.
//   node scripts/messages.mjs [ROOT]          exit 1 naming every missing format
//   node scripts/messages.mjs [ROOT] --list   print every format found, one JSON string a line
//   node scripts/messages.mjs [ROOT] --unused print the catalogue's keys no source uses
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = process.argv[2] && !process.argv[2].startsWith('--') ? process.argv[2] : '.';
const mode = process.argv.find((a) => a === '--list' || a === '--unused') || '';

// the functions everyone shares: name → index of the format argument
const shared = { cd_diag_set: 2, api_fail: 4, act_fail: 3, cd_diag_prefix: 1, lang_tr: 0, cli_audit_record: -1, warn: 1, WHY: 1 };
// helpers that keep both languages of a message themselves: io/csv_import.c's tx formats each
// error once in Chinese and once in English (the report carries both)
const bilingual = new Set(['tx']);
// what is printed for people: src/cli (cli.h) and every file that includes io/say.h
const cliOut = { printf: 0, fprintf: 1, puts: 0, fputs: 0 };

function walk(dir, out) {
	for (const name of readdirSync(dir)) {
		const p = join(dir, name);
		if (statSync(p).isDirectory()) walk(p, out);
		else if (/\.[ch]$/.test(name)) out.push(p);
	}
	return out;
}

// unescape a C string literal's body
function unescape(s) {
	let out = '';
	for (let i = 0; i < s.length; i++) {
		const c = s[i];
		if (c !== '\\') { out += c; continue; }
		const n = s[++i];
		const simple = { n: '\n', t: '\t', r: '\r', '"': '"', "'": "'", '\\': '\\', a: '\x07', b: '\b', f: '\f', v: '\v', '?': '?' };
		if (n in simple) out += simple[n];
		else if (n === 'x') {
			let h = '';
			while (/[0-9a-fA-F]/.test(s[i + 1] || '')) h += s[++i];
			out += String.fromCharCode(parseInt(h, 16));
		} else if (/[0-7]/.test(n)) {
			let o = n;
			while (o.length < 3 && /[0-7]/.test(s[i + 1] || '')) o += s[++i];
			out += String.fromCharCode(parseInt(o, 8));
		} else out += n;
	}
	return out;
}

// tokens: {t:'str'|'id'|'p'|'other', v}; comments and preprocessor lines dropped
function tokenize(src) {
	const toks = [];
	let line = 1;
	for (let i = 0; i < src.length;) {
		const c = src[i];
		if (c === '\n') { line++; i++; continue; }
		if (/\s/.test(c)) { i++; continue; }
		if (c === '/' && src[i + 1] === '*') {
			const e = src.indexOf('*/', i + 2);
			line += (src.slice(i, e).match(/\n/g) || []).length;
			i = e + 2;
			continue;
		}
		if (c === '/' && src[i + 1] === '/') { i = src.indexOf('\n', i); continue; }
		if (c === '#' && (toks.length === 0 || toks.at(-1).line !== line)) {
			// a preprocessor line (with continuations): its tokens are not calls
			while (i < src.length && !(src[i] === '\n' && src[i - 1] !== '\\')) {
				if (src[i] === '\n') line++;
				i++;
			}
			continue;
		}
		if (c === '"' || c === "'") {
			let j = i + 1;
			while (src[j] !== c) j += src[j] === '\\' ? 2 : 1;
			toks.push({ t: c === '"' ? 'str' : 'other', v: src.slice(i + 1, j), line });
			i = j + 1;
			continue;
		}
		const m = /^[A-Za-z_][A-Za-z_0-9]*/.exec(src.slice(i, i + 64));
		if (m) {
			if ((m[0] === 'u8' || m[0] === 'L') && src[i + m[0].length] === '"') { i += m[0].length; continue; }
			toks.push({ t: 'id', v: m[0], line });
			i += m[0].length;
			continue;
		}
		toks.push({ t: '()[]{},?:;'.includes(c) ? 'p' : 'other', v: c, line });
		i++;
	}
	return toks;
}

// the arguments of the call whose '(' is toks[k]: arrays of tokens, and the index after ')'
function args(toks, k) {
	const out = [[]];
	let depth = 0;
	for (let i = k; i < toks.length; i++) {
		const tk = toks[i];
		if (tk.t === 'p' && '([{'.includes(tk.v)) { if (depth++ === 0) continue; }
		else if (tk.t === 'p' && ')]}'.includes(tk.v)) { if (--depth === 0) return out; }
		else if (depth === 1 && tk.t === 'p' && tk.v === ',') { out.push([]); continue; }
		out.at(-1).push(tk);
	}
	return out;
}

// the literal formats an argument can be: adjacent literals joined; each branch of a ?: that is
// all literals; [] when it is not literal
function literals(arg) {
	const parts = [[]];
	let depth = 0;
	for (const tk of arg) {
		if (tk.t === 'p' && '([{'.includes(tk.v)) depth++;
		if (tk.t === 'p' && ')]}'.includes(tk.v)) depth--;
		if (depth === 0 && tk.t === 'p' && (tk.v === '?' || tk.v === ':')) { parts.push([]); continue; }
		parts.at(-1).push(tk);
	}
	const out = [];
	for (const p of parts)
		if (p.length && p.every((tk) => tk.t === 'str')) out.push(unescape(p.map((tk) => tk.v).join('')));
	return out;
}

// does a person read it: a word left once the conversions and the program's name are gone —
// and it is no machine's string: a protocol's lines (mail headers and MIME parts end in CRLF),
// or one token without a blank or a Chinese character (an outbox idempotency key such as
// "notice.new:%lld" or "%s.due:%s:%s:L%d", a link "#/notices/%lld", an audit object "demo:%s")
export function wordy(s) {
	const rest = s.replace(/%[-+ #0-9.*$]*(hh|h|ll|l|z|j|t|L)?[diouxXeEfgGcspn%]/g, '').replace(/cyberduty/g, '');
	if (s.includes('\r\n')) return false;
	if (!/[\s\u3000-\u9fff\uff00-\uffef]/.test(s) && /%/.test(s)) return false;
	return /[A-Za-z]{2,}/.test(rest);
}

// the format attributes declared in a token list: name → format index
function formatDecls(toks) {
	const found = {};
	for (let i = 0; i + 5 < toks.length; i++) {
		if (toks[i].v !== 'format' || toks[i + 1].v !== '(' || toks[i + 2].v !== 'printf') continue;
		const idx = Number(toks[i + 4].v) - 1;
		// the declared function: the last identifier followed by '(' before __attribute__
		for (let j = i - 1; j >= 0 && toks[j].v !== ';' && toks[j].v !== '}'; j--)
			if (toks[j].t === 'id' && toks[j + 1].v === '(' && toks[j].v !== '__attribute__' &&
			    toks[j].v !== 'format') {
				let k = j, depth = 0;
				// keep the outermost: the name right after the return type
				for (let m = j - 1; m >= 0 && toks[m].v !== ';' && toks[m].v !== '}'; m--) {
					if (toks[m].v === ')') depth++;
					if (toks[m].v === '(') depth--;
					if (depth === 0 && toks[m].t === 'id' && toks[m + 1].v === '(') k = m;
				}
				found[toks[k].v] = idx;
				break;
			}
	}
	return found;
}

export function extract(rootDir) {
	const files = walk(join(rootDir, 'src'), []).sort();
	const parsed = files.map((f) => ({ f, toks: tokenize(readFileSync(f, 'utf8')) }));
	const global = { ...shared };
	for (const { f, toks } of parsed)
		if (f.endsWith('.h')) Object.assign(global, formatDecls(toks));
	const found = new Map(); // format → first place
	for (const { f, toks } of parsed) {
		const rel = relative(rootDir, f);
		const says = rel.startsWith('src/cli/') || /#include "io\/say\.h"/.test(readFileSync(f, 'utf8'));
		const fns = { ...global, ...formatDecls(toks), ...(says ? cliOut : {}) };
		for (let i = 0; i + 1 < toks.length; i++) {
			const tk = toks[i];
			if (tk.t !== 'id' || !(tk.v in fns) || toks[i + 1].v !== '(' || fns[tk.v] < 0 ||
			    bilingual.has(tk.v))
				continue;
			if (i > 0 && (toks[i - 1].v === '.' || toks[i - 1].v === '>')) continue;
			const a = args(toks, i + 1);
			// a declaration or definition: a type before the format parameter
			const fa = a[fns[tk.v]];
			if (!fa) continue;
			for (const s of literals(fa))
				if (wordy(s) && !found.has(s)) found.set(s, `${rel}:${tk.line}`);
		}
	}
	return found;
}

export function catalogue(rootDir) {
	const toks = tokenize(readFileSync(join(rootDir, 'src/i18n/messages.def'), 'utf8'));
	const out = [];
	for (let i = 0; i + 1 < toks.length; i++) {
		if (toks[i].v !== 'M' || toks[i + 1].v !== '(') continue;
		const a = args(toks, i + 1);
		const en = literals(a[0]), zh = literals(a[1] || []);
		out.push({ en: en[0], zh: zh[0], line: toks[i].line });
	}
	return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
	const found = extract(root);
	const keys = new Set(catalogue(root).map((e) => e.en));
	if (mode === '--list') {
		for (const [s, where] of found) process.stdout.write(`${JSON.stringify(s)} ${where}\n`);
	} else if (mode === '--unused') {
		for (const k of keys) if (!found.has(k)) process.stdout.write(`${JSON.stringify(k)}\n`);
	} else {
		let missing = 0;
		for (const [s, where] of found)
			if (!keys.has(s)) {
				process.stdout.write(`${where}: not in src/i18n/messages.def: ${JSON.stringify(s)}\n`);
				missing++;
			}
		console.log(`messages: ${found.size} formats in src/, ${keys.size} in the catalogue, ${missing} missing`);
		process.exit(missing ? 1 : 0);
	}
}
