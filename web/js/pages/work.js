// work.js — what the pages of the daily work (notices, incidents, systems) share: form fields
// with the API's refusal beside them, drafts kept while a request fails (and across a reload,
// in sessionStorage, until saved), evidence files, and the small widgets of those pages.
import { useState, useEffect } from '../../vendor/hooks.js';
import { html, useLoad, ErrorBox, FieldError, Empty, Badge, useSubmit } from '../ui.js';
import { t } from '../i18n.js';
import { get, post, upload, errorText } from '../api.js';
import { fmtTime, fmtNum, hoursLeft } from '../format.js';

// useDraft(key, initial): a form's values {name: text}, kept in sessionStorage under key while
// the form is open, so that a failed request (or a sign-in that expired meanwhile) loses nothing
// typed; clear() forgets it once saved.
export function useDraft(key, initial) {
	const [v, setV] = useState(() => {
		try {
			const s = sessionStorage.getItem('cd_draft:' + key);
			if (s) return { ...initial, ...JSON.parse(s) };
		} catch (e) {
			/* no storage: kept in memory only */
		}
		return initial;
	});
	const set = (name, value) =>
		setV((o) => {
			const n = { ...o, [name]: value };
			try {
				sessionStorage.setItem('cd_draft:' + key, JSON.stringify(n));
			} catch (e) {
				/* kept in memory only */
			}
			return n;
		});
	const clear = () => {
		try {
			sessionStorage.removeItem('cd_draft:' + key);
		} catch (e) {
			/* nothing kept */
		}
		setV(initial);
	};
	return [v, set, clear];
}

// Field: a labelled input bound to draft value v[name], the API's refusal of that field under it
// (aria-invalid, and aria-describedby naming the message). type 'textarea', 'select' (options:
// [[value, text]]) or an input type.
export function Field({ name, label, v, set, error, type, options, required, hint, wide, placeholder, rows, min, max, step, readonly }) {
	const bad = !!(error && error.field === name);
	const id = 'f-' + name;
	const common = {
		id,
		name,
		required: !!required,
		readOnly: !!readonly,
		'aria-invalid': bad ? 'true' : null,
		'aria-describedby': bad ? id + '-err' : hint ? id + '-hint' : null,
		value: v[name] === undefined || v[name] === null ? '' : v[name],
	};
	let input;
	if (type === 'textarea') input = html`<textarea ...${common} rows=${rows || 3} placeholder=${placeholder || ''} onInput=${(e) => set(name, e.target.value)}></textarea>`;
	else if (type === 'select')
		input = html`<select ...${common} onChange=${(e) => set(name, e.target.value)}>${options.map(([k, txt]) => html`<option value=${k}>${txt}</option>`)}</select>`;
	else input = html`<input ...${common} type=${type || 'text'} min=${min} max=${max} step=${step} placeholder=${placeholder || ''} onInput=${(e) => set(name, e.target.value)} />`;
	return html`<label class=${wide ? 'wide' : ''} for=${id}>${label}${required ? html`<span class="req" aria-hidden="true"> *</span>` : ''}
		${input}
		${hint && html`<small class="hint block" id=${id + '-hint'}>${hint}</small>`}
		<span id=${id + '-err'}><${FieldError} error=${error} field=${name} /></span>
	</label>`;
}

// a datetime-local value (YYYY-MM-DDTHH:MM, China Standard Time) as RFC 3339, and back
export function localToIso(s) {
	return s ? s + ':00+08:00' : undefined;
}
export function nowLocal() {
	const x = new Date(Date.now() + 8 * 3600 * 1000);
	return x.toISOString().slice(0, 16);
}

// codes: "A, B；C" → ['A','B','C']
export function codes(s) {
	return (s || '')
		.split(/[\s,，;；、]+/)
		.map((x) => x.trim())
		.filter(Boolean);
}

// the forms' submitter is ui.js's, named here too for the pages that take their form parts
// from this file
export { useSubmit };

function size(n) {
	if (n < 1024) return t('files.bytes', { n });
	if (n < 1048576) return t('files.kib', { n: (n / 1024).toFixed(1) });
	return t('files.mib', { n: (n / 1048576).toFixed(1) });
}

// Files: the evidence files of a notice or an incident (owner 'notices' | 'incidents', its id):
// the list, download, upload (work roles) and withdrawal with a reason
export function Files({ owner, id, canWork }) {
	const { data, error, reload } = useLoad(() => get('/' + owner + '/' + id + '/files'), [owner, id]);
	const [file, setFile] = useState(null);
	const [why, setWhy] = useState({});
	const up = useSubmit();
	const wd = useSubmit();
	const send = async (e) => {
		e.preventDefault();
		if (!file) return;
		const ok = await up.run(() => upload('/' + owner + '/' + id + '/files?name=' + encodeURIComponent(file.name), file));
		if (ok) {
			setFile(null);
			e.target.reset();
			reload();
		}
	};
	const withdraw = async (f) => {
		const ok = await wd.run(() => post('/files/' + f.id + '/withdraw', { reason: why[f.id] || '' }));
		if (ok) reload();
	};
	const items = (data && data.items) || [];
	return html`<div class="files">
		<${ErrorBox} error=${error} retry=${reload} />
		${items.length
			? html`<div class="scroll"><table class="list files">
				<thead><tr><th>${t('files.name')}</th><th class="opt">${t('files.size')}</th><th>${t('files.added')}</th><th>${t('files.state')}</th></tr></thead>
				<tbody>${items.map(
					(f) => html`<tr class=${f.withdrawn ? 'withdrawn' : ''}>
						<td><a href=${'/api/v1/files/' + f.id} download=${f.name}>${f.name}</a><small class="muted block code" title=${t('files.sm3')}>SM3 ${f.sm3.slice(0, 16)}…</small></td>
						<td class="opt nowrap">${size(f.size)}</td>
						<td class="nowrap">${fmtTime(f.added_at)}<small class="muted block">${f.added_by}</small></td>
						<td>${f.withdrawn
							? html`<${Badge} tone="muted">${t('files.withdrawn')}<//><small class="block muted">${fmtTime(f.withdrawn.at)} ${f.withdrawn.reason}</small>`
							: canWork
								? html`<details class="inline"><summary>${t('files.withdraw')}</summary>
									<label>${t('files.withdraw_reason')}<input name=${'why-' + f.id} value=${why[f.id] || ''} onInput=${(e) => setWhy({ ...why, [f.id]: e.target.value })} /></label>
									<${FieldError} error=${wd.error} field="reason" />
									<button type="button" class="small secondary" disabled=${wd.busy} onClick=${() => withdraw(f)}>${t('files.withdraw')}</button></details>`
								: html`<${Badge} tone="good">${t('files.valid')}<//>`}</td>
					</tr>`
				)}</tbody></table></div>`
			: data && html`<${Empty} text=${canWork ? t('files.empty_work') : t('files.empty')} />`}
		<${ErrorBox} error=${wd.error} fields=${['reason']} />
		${canWork &&
		html`<form class="upload" onSubmit=${send}>
			<label>${t('files.choose')}<input type="file" name="file" onChange=${(e) => setFile(e.target.files[0] || null)} /></label>
			<button type="submit" disabled=${!file || up.busy}>${up.busy ? t('files.uploading') : t('files.upload')}</button>
			<small class="hint">${t('files.types')}</small>
		</form>
		<${ErrorBox} error=${up.error} />`}
	</div>`;
}

// Count: "checked 3 / to check 20"
export function Progress({ done, total }) {
	const pct = total ? Math.round((done * 100) / total) : 0;
	return html`<span class="progress" role="img" aria-label=${t('notices.similar_count', { done, total })}>
		<span class=${'bar p' + Math.min(100, Math.round(pct / 5) * 5)}></span>
		<span class="txt">${t('notices.similar_count', { done: fmtNum(done), total: fmtNum(total) })}</span>
	</span>`;
}

// errorLine: a refusal as one line (for rows of a report)
export function errorLine(err) {
	return errorText(err);
}

// useNow: the time, ticking every `ms` while the page is open
export function useNow(ms) {
	const [now, setNow] = useState(Date.now());
	useEffect(() => {
		const id = setInterval(() => setNow(Date.now()), ms);
		return () => clearInterval(id);
	}, [ms]);
	return now;
}

// Clock: time left to an instant (an incident's report deadline), ticking while the page is
// open; nothing once done (state: the deadline's state) or without one
export function Clock({ at, state }) {
	const now = useNow(15000);
	const done = state === 'done_on_time' || state === 'done_late';
	if (done || !at) return null;
	return html`<span class=${'clock ' + (Date.parse(at) < now ? 'bad' : 'run')} role="timer">${hoursLeft(at, now)}</span>`;
}
