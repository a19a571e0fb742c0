// api.js — the one way the pages talk to the server: fetch on /api/v1 with the session cookie,
// the CSRF token echoed on every write, errors as ApiError {status, code, message, field}.
// The CSRF token comes with sign-in (and a password change) only; it is kept in localStorage, so
// a reload or a second tab goes on with it (the session cookie itself is HttpOnly, never seen
// here). Without a token the page does not even ask whether it is signed in: that question,
// unsigned, is a refused read in the audit log at every visit of the sign-in page.
import { t, has, currentLang } from './i18n.js';

let csrf = '';
try {
	csrf = localStorage.getItem('cd_csrf') || '';
} catch (e) {
	csrf = '';
}
let onSignedOut = null;
// lastRequest: when the page last asked the server (each request keeps the session alive)
export let lastRequest = Date.now();

export function setCsrf(token) {
	csrf = token || '';
	try {
		if (csrf) localStorage.setItem('cd_csrf', csrf);
		else localStorage.removeItem('cd_csrf');
	} catch (e) {
		/* kept in memory only */
	}
}

// mayBeSignedIn: a sign-in of this browser left its token (the session may have ended since)
export function mayBeSignedIn() {
	return csrf !== '';
}

// whenSignedOut(fn): fn(err) runs when a request answers 401 (the session ended).
export function whenSignedOut(fn) {
	onSignedOut = fn;
}

export class ApiError extends Error {
	constructor(status, code, message, field) {
		super(message || code);
		this.status = status;
		this.code = code;
		this.field = field || null;
	}
}

// api(method, path, body, opts) answers the decoded JSON (null for 204) or throws ApiError.
// opts.login: a 401 is the answer to show, not a sign of an ended session.
export async function api(method, path, body, opts) {
	// the server's messages and labels in the reader's chosen language (Chinese by default)
	const headers = { Accept: 'application/json', 'Accept-Language': currentLang() === 'en' ? 'en' : 'zh-CN' };
	if (method !== 'GET' && method !== 'HEAD') headers['X-CSRF-Token'] = csrf;
	if (body !== undefined) headers['Content-Type'] = 'application/json';
	let r;
	lastRequest = Date.now();
	try {
		r = await fetch('/api/v1' + path, {
			method,
			headers,
			credentials: 'same-origin',
			body: body === undefined ? undefined : JSON.stringify(body),
		});
	} catch (e) {
		throw new ApiError(0, 'network', String(e), null);
	}
	if (r.status === 204) return null;
	let j = null;
	try {
		j = await r.json();
	} catch (e) {
		j = null;
	}
	if (!r.ok) {
		const e = (j && j.error) || {};
		const err = new ApiError(r.status, e.code || 'http_' + r.status, e.message || '', e.field);
		if (r.status === 401 && !(opts && opts.login) && onSignedOut) onSignedOut(err);
		throw err;
	}
	return j;
}

export const get = (path) => api('GET', path);
export const post = (path, body) => api('POST', path, body === undefined ? {} : body);

// errorText is what a person reads for err: the catalogue's sentence for its code, the field
// it names, and the server's own words as detail.
export function errorText(err, withField) {
	if (!err) return '';
	const own = bilingual(err.message);
	if (own) return own;
	const code = err.code || 'other';
	let s = has('err.' + code) ? t('err.' + code) : t('err.other', { code });
	if (err.field && withField !== false) s += t('err.field', { field: err.field });
	return s;
}

// bilingual: the reader's half of a message the API gives in both languages ("English / 中文"),
// else null
export function bilingual(message) {
	const i = (message || '').lastIndexOf(' / ');
	if (i < 0 || !/[\u4e00-\u9fff]/.test(message.slice(i))) return null;
	return currentLang() === 'en' ? message.slice(0, i) : message.slice(i + 3);
}

// query builds "?a=1&b=2" from an object, leaving out empty values.
export function query(o) {
	const p = new URLSearchParams();
	for (const [k, v] of Object.entries(o)) if (v !== undefined && v !== null && v !== '') p.set(k, v);
	const s = p.toString();
	return s ? '?' + s : '';
}

// all reads every page of a list (at most max items): for the small lists a page needs whole.
export async function all(path, max) {
	const out = [];
	let cursor = '';
	const sep = path.includes('?') ? '&' : '?';
	for (;;) {
		const page = await get(path + sep + 'limit=200' + (cursor ? '&cursor=' + encodeURIComponent(cursor) : ''));
		out.push(...page.items);
		if (!page.next || out.length >= (max || 2000)) return out;
		cursor = page.next;
	}
}

// upload(path, file, query) sends a file as the raw body (application/octet-stream, or the
// type given) with the CSRF token — evidence files (?name=) and spreadsheets to import
// (?dry_run=1); the answer as api() gives it. An import's refusal (422) carries its report:
// err.body holds the whole answer.
export async function upload(path, file, contentType) {
	let r;
	lastRequest = Date.now();
	try {
		r = await fetch('/api/v1' + path, {
			method: 'POST',
			headers: { Accept: 'application/json', 'X-CSRF-Token': csrf, 'Content-Type': contentType || 'application/octet-stream' },
			credentials: 'same-origin',
			body: file,
		});
	} catch (e) {
		throw new ApiError(0, 'network', String(e), null);
	}
	let j = null;
	try {
		j = await r.json();
	} catch (e) {
		j = null;
	}
	if (!r.ok) {
		const e = (j && j.error) || {};
		const err = new ApiError(r.status, e.code || 'http_' + r.status, e.message || '', e.field);
		err.body = j;
		if (r.status === 401 && onSignedOut) onSignedOut(err);
		throw err;
	}
	return j;
}
