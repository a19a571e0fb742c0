// ui.js — what every page is made of: html (htm bound to Preact), the loading hook, error and
// empty boxes, state badges, the pager over the API's cursors, and the unit names.
import { h } from '../vendor/preact.js';
import { useState, useEffect, useCallback } from '../vendor/hooks.js';
import htm from '../vendor/htm.js';
import { t, label } from './i18n.js';
import { errorText, bilingual, all } from './api.js';

export const html = htm.bind(h);

// useLoad(fn, deps) runs the async fn and answers {data, error, loading, reload}.
export function useLoad(fn, deps) {
	const [s, set] = useState({ data: null, error: null, loading: true });
	const [n, setN] = useState(0);
	useEffect(() => {
		let live = true;
		set((o) => ({ data: o.data, error: null, loading: true }));
		fn().then(
			(data) => live && set({ data, error: null, loading: false }),
			(error) => live && set({ data: null, error, loading: false })
		);
		return () => {
			live = false;
		};
	}, [...deps, n]);
	const reload = useCallback(() => setN((x) => x + 1), []);
	return { ...s, reload };
}

export function Loading() {
	return html`<p class="loading" role="status">${t('common.loading')}</p>`;
}

// ErrorBox: what went wrong, for a person; an error about one of `fields` is left to the
// FieldError beside that field
export function ErrorBox({ error, retry, fields }) {
	if (!error || (fields && fields.includes(error.field))) return null;
	return html`<div class="error" role="alert">
		<p>${errorText(error)}</p>
		${error.message && error.code !== 'network' && !bilingual(error.message) && html`<p class="detail">${t('common.error_detail', { msg: error.message })}</p>`}
		${retry && html`<button type="button" class="secondary" onClick=${retry}>${t('common.retry')}</button>`}
	</div>`;
}

// FieldError: the API's refusal of one field, shown under it
export function FieldError({ error, field }) {
	if (!error || error.field !== field) return null;
	// the API's message names its field first ("title: …"): beside the field, that name is said
	const msg = error.message && !bilingual(error.message) ? error.message.replace(new RegExp('^' + field + ':\\s*'), '') : '';
	return html`<span class="field-error" role="alert">${errorText(error, false)}${msg ? html`<small class="block">${msg}</small>` : ''}</span>`;
}

export function Empty({ text }) {
	return html`<p class="empty">${text}</p>`;
}

const STATE_TONE = { overdue: 'bad', due_today: 'warn', open: 'info', done_on_time: 'good', done_late: 'warn', no_deadline: 'muted' };

export function StateBadge({ state }) {
	return html`<span class="badge ${STATE_TONE[state] || 'muted'}">${label('state', state)}</span>`;
}

export function Badge({ tone, children }) {
	return html`<span class="badge ${tone || 'muted'}">${children}</span>`;
}

// Pager: the API's lists are keyset pages; the page keeps the cursors it passed to go back.
export function Pager({ next, cursors, onPage, count }) {
	const back = cursors.length > 0;
	if (!next && !back) return count !== undefined ? html`<p class="pager muted">${t('common.count', { n: count })}</p>` : null;
	return html`<nav class="pager" aria-label="pages">
		${count !== undefined && html`<span class="muted">${t('common.page_rows', { n: count })}</span>`}
		<button type="button" class="secondary" disabled=${!back} onClick=${() => onPage(cursors.slice(0, -1))}>${t('common.prev_page')}</button>
		<button type="button" class="secondary" disabled=${!next} onClick=${() => onPage([...cursors, next])}>${t('common.next_page')}</button>
	</nav>`;
}

// units: the codes and names of the units in scope, read once per session
let unitsPromise = null;
export function units() {
	if (!unitsPromise) {
		unitsPromise = all('/units', 5000).then((items) => {
			const m = new Map();
			for (const u of items) m.set(u.code, u);
			return m;
		});
		unitsPromise.catch(() => {
			unitsPromise = null;
		});
	}
	return unitsPromise;
}
export function forgetUnits() {
	unitsPromise = null;
}

// useUnits answers the Map of code → unit (empty until read)
export function useUnits() {
	const [m, set] = useState(new Map());
	useEffect(() => {
		units().then(set, () => set(new Map()));
	}, []);
	return m;
}

// UnitName: a unit by its name (from units, the session's list, or name, the one the API
// answered beside the code), its code in the tooltip; the code alone when neither is known
export function UnitName({ code, units, name }) {
	if (!code) return t('common.empty');
	const u = units && units.get(code);
	const n = u ? u.name : name;
	return n ? html`<span title=${code}>${n}</span>` : html`<span class="code">${code}</span>`;
}

// useSubmit: one form's request — busy while it runs, the API's refusal kept (ErrorBox and
// FieldError show it; setError sets one of the form's own); what was typed stays in the form's
// own state whatever the answer. run(fn) answers what fn answered (true when nothing), or false
// when it failed.
export function useSubmit() {
	const [error, setError] = useState(null);
	const [busy, setBusy] = useState(false);
	const run = async (fn) => {
		setBusy(true);
		setError(null);
		try {
			const r = await fn();
			setBusy(false);
			return r === undefined ? true : r;
		} catch (err) {
			setError(err);
			setBusy(false);
			return false;
		}
	};
	return { error, busy, run, setError };
}

// Systems: systems by their names, each a link to the list searched for it, its code beside in
// small type (codes: the record's; names: the API's names in the same order — asset_names)
export function Systems({ codes, names }) {
	const list = codes || [];
	if (!list.length) return t('common.empty');
	return html`${list.map((c, i) => {
		const name = names && names[i];
		return html`<a class="tag sys" href=${'#/assets?q=' + encodeURIComponent(c)} title=${c}>${name || html`<span class="code">${c}</span>`}${name ? html` <small class="code muted">${c}</small>` : ''}</a>`;
	})}`;
}
