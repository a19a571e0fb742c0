// route.js — hash routing (#/notices/3?state=overdue: every page has a deep link and the server
// serves one file) and what a role may do (the API decides; this only hides what it would refuse).
export function parseHash() {
	const raw = location.hash.replace(/^#/, '') || '/';
	const i = raw.indexOf('?');
	const path = i < 0 ? raw : raw.slice(0, i);
	return { path, parts: path.split('/').filter(Boolean), query: new URLSearchParams(i < 0 ? '' : raw.slice(i + 1)) };
}

export function navigate(path) {
	location.hash = '#' + path;
}

// withQuery(path, obj): path?k=v with the empty values left out (filters kept in the URL)
export function withQuery(path, o) {
	const p = new URLSearchParams();
	for (const [k, v] of Object.entries(o)) if (v !== undefined && v !== null && v !== '') p.set(k, v);
	const s = p.toString();
	return s ? path + '?' + s : path;
}

export const BUSINESS = ['office', 'officer', 'unit_leader', 'leader', 'auditor'];
export const can = {
	work: (a) => !!a && (a.role === 'office' || a.role === 'officer'),
	office: (a) => !!a && a.role === 'office',
};
