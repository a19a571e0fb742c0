// duties.js — the yearly duties (年度工作): the obligations of the profile (meeting, drills,
// training, annual report, MLPS filing and assessment) unit by unit as GET /deadlines counts
// them, grouped by year; the records that fulfil them with their evidence files (upload, list,
// download) and their withdrawal with a reason; the IT projects and their security budget ratio.
import { useState } from '../../vendor/hooks.js';
import { html, useLoad, Loading, ErrorBox, FieldError, Empty, Badge, Pager, StateBadge, useUnits, UnitName, useSubmit } from '../ui.js';
import { t, label } from '../i18n.js';
import { api, get, query, upload } from '../api.js';
import { navigate, withQuery } from '../route.js';
import { fmtDate, fmtTime, fmtNum, daysLeft, live, today } from '../format.js';

const STATES = ['overdue', 'due_today', 'open', 'done_on_time', 'done_late'];
const RECORD_KINDS = ['meeting', 'drill', 'training', 'report', 'plan', 'assessment', 'other'];

function Tabs({ at }) {
	const tabs = [['/duties', 'duties.tab_year'], ['/duties/records', 'duties.tab_records'], ['/duties/projects', 'duties.tab_projects']];
	return html`<nav class="tabs" aria-label=${t('duties.title')}>${tabs.map(
		([p, k]) => html`<a href=${'#' + p} class=${at === p ? 'on' : ''} aria-current=${at === p ? 'page' : null}>${t(k)}</a>`
	)}</nav>`;
}

const KIND_ORDER = ['duty', 'mlps_filing', 'mlps_assessment'];

// YearView: one year's obligations (GET /deadlines?year=), unit by unit, each a chip with its
// due date and state
function YearView({ route }) {
	const thisYear = Number(today().slice(0, 4));
	const f = { year: route.query.get('year') || String(thisYear), state: route.query.get('state') || '', unit: route.query.get('unit') || '' };
	const [cursors, setCursors] = useState([]);
	const cursor = cursors[cursors.length - 1] || '';
	const units = useUnits();
	const { data, error, loading, reload } = useLoad(() => get('/deadlines' + query({ ...f, limit: 200, cursor })), [f.year, f.state, f.unit, cursor]);
	const set = (k, v) => {
		setCursors([]);
		navigate(withQuery('/duties', { ...f, [k]: v }));
	};
	const byUnit = new Map();
	for (const d of data ? data.items : []) {
		if (!byUnit.has(d.unit)) byUnit.set(d.unit, []);
		byUnit.get(d.unit).push(d);
	}
	for (const items of byUnit.values()) items.sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || a.due.localeCompare(b.due));
	const years = [];
	for (let y = thisYear + 1; y >= thisYear - 6; y--) years.push(y);
	return html`
		<form class="filters" onSubmit=${(e) => e.preventDefault()}>
			<label>${t('duties.year_col')}<select name="year" value=${f.year} onChange=${(e) => set('year', e.target.value)}>
				${years.map((y) => html`<option value=${String(y)}>${t('duties.year', { y })}</option>`)}</select></label>
			<label>${t('duties.state')}<select name="state" value=${f.state} onChange=${(e) => set('state', e.target.value)}>
				<option value="">${t('common.all')}</option>${STATES.map((s) => html`<option value=${s}>${label('state', s)}</option>`)}</select></label>
			<label>${t('duties.unit')}<select name="unit" value=${f.unit} onChange=${(e) => set('unit', e.target.value)}>
				<option value="">${t('common.all')}</option>${[...units.values()].filter((u) => u.kind !== 'external_authority').map((u) => html`<option value=${u.code}>${u.name}</option>`)}</select></label>
		</form>
		<p class="legend">${STATES.map((s) => html`<${StateBadge} state=${s} />`)}<span>${t('duties.year_hint')}</span></p>
		<${ErrorBox} error=${error} retry=${reload} />
		${loading && !data && html`<${Loading} />`}
		${data && !data.items.length && html`<${Empty} text=${t('duties.none')} />`}
		${byUnit.size > 0 &&
		html`<div class="scroll"><table class="list year" data-test="deadlines">
			<thead><tr><th>${t('duties.unit')}</th><th>${t('duties.what')}</th></tr></thead>
			<tbody>${[...byUnit.entries()].map(
				([unit, items]) => html`<tr>
					<th scope="row"><${UnitName} code=${unit} units=${units} /></th>
					<td><ul class="chips">${items.map(
						(d) => html`<li class=${'chip ' + d.state}>
							<span class="name">${d.name}${d.asset ? html` <span class="code">${d.asset}</span>` : ''}</span>
							<small class="block">${fmtDate(d.due)} · ${label('state', d.state)}${live(d.state) ? ' · ' + daysLeft(d.due, d.workdays_left) : ''}${d.need > 1 ? ' · ' + t('duties.have', { have: d.have, need: d.need }) : ''}</small>
							<small class="block muted">${label('dl', d.kind)} · ${d.article}</small>
						</li>`
					)}</ul></td>
				</tr>`
			)}</tbody></table></div>`}
		${data && html`<${Pager} next=${data.next} cursors=${cursors} onPage=${setCursors} count=${data.items.length} />`}`;
}

function Files({ record, account }) {
	const { data, error, loading, reload } = useLoad(() => get('/records/' + record.id + '/files'), [record.id]);
	const { error: upErr, busy, run } = useSubmit();
	const mayRecord = ['office', 'officer', 'unit_leader'].includes(account.role);
	const send = async (e) => {
		const input = e.target;
		const file = input.files && input.files[0];
		if (!file) return;
		await run(async () => {
			await upload('/records/' + record.id + '/files?name=' + encodeURIComponent(file.name), file);
			reload();
		});
		input.value = '';
	};
	return html`<div class="files" data-test="files">
		<${ErrorBox} error=${error || upErr} />
		${loading && !data && html`<${Loading} />`}
		${data && (data.items.length
			? html`<ul class="file-list">${data.items.map((f) => html`<li><a href=${'/api/v1/files/' + f.id} download=${f.name}>${f.name}</a> <small class="muted">${fmtNum(Math.ceil(f.size / 1024))} KB · ${fmtTime(f.added_at)}</small></li>`)}</ul>`
			: html`<p class="muted">${t('duties.no_files')}</p>`)}
		${mayRecord && !record.voided && html`<label class="upload">${t('duties.attach')}<input type="file" name="file" onChange=${send} disabled=${busy} /></label>`}
	</div>`;
}

function VoidForm({ record, onDone }) {
	const [reason, setReason] = useState('');
	const { error, busy, run } = useSubmit();
	const submit = (e) => {
		e.preventDefault();
		run(async () => {
			await api('POST', '/records/' + record.id + '/void', { reason: reason.trim() });
			onDone();
		});
	};
	return html`<form class="inline-form" onSubmit=${submit} novalidate data-test="void">
		<label>${t('duties.void_reason')}<input name="reason" value=${reason} onInput=${(e) => setReason(e.target.value)} aria-invalid=${error && error.field === 'reason' ? 'true' : null} />
			<${FieldError} error=${error} field="reason" /></label>
		<button type="submit" class="secondary" disabled=${busy}>${t('duties.void')}</button>
		<${ErrorBox} error=${error} fields=${['reason']} />
	</form>`;
}

function Records({ account }) {
	const [cursors, setCursors] = useState([]);
	const [open, setOpen] = useState(null);
	const cursor = cursors[cursors.length - 1] || '';
	const units = useUnits();
	const { data, error, loading, reload } = useLoad(() => get('/records' + query({ limit: 50, cursor, sort: '-id' })), [cursor]);
	const mayRecord = ['office', 'officer', 'unit_leader'].includes(account.role);
	return html`
		<p class="hint">${t('duties.records_hint')}</p>
		<${ErrorBox} error=${error} retry=${reload} />
		${loading && !data && html`<${Loading} />`}
		${data && (data.items.length
			? html`<div class="scroll"><table class="list" data-test="records">
				<thead><tr><th>${t('duties.record')}</th><th>${t('duties.kind')}</th><th>${t('duties.unit')}</th><th>${t('duties.on')}</th><th>${t('duties.evidence')}</th></tr></thead>
				<tbody>${data.items.map((r) => html`<tr class=${r.voided ? 'voided' : ''}>
					<td><span class="name">${r.title}</span>${r.voided ? html` <${Badge} tone="muted">${t('duties.voided')}<//><small class="block muted">${r.voided.reason || ''}</small>` : ''}</td>
					<td>${label('rk', r.kind)}</td>
					<td><${UnitName} code=${r.unit} units=${units} /></td>
					<td class="nowrap">${fmtDate(r.on)}</td>
					<td><button type="button" class="link small" aria-expanded=${open === r.id ? 'true' : 'false'} onClick=${() => setOpen(open === r.id ? null : r.id)}>${open === r.id ? t('duties.hide') : t('duties.show')}</button></td>
				</tr>
				${open === r.id && html`<tr class="detail-row"><td colspan="5">
					${r.minutes && html`<p class="text">${r.minutes}</p>`}
					<${Files} record=${r} account=${account} />
					${mayRecord && !r.voided && html`<${VoidForm} record=${r} onDone=${() => { setOpen(null); reload(); }} />`}
				</td></tr>`}`)}</tbody></table></div>`
			: html`<${Empty} text=${t('duties.records_none')} />`)}
		${data && html`<${Pager} next=${data.next} cursors=${cursors} onPage=${setCursors} count=${data.items.length} />`}`;
}

function Projects() {
	const units = useUnits();
	const { data, error, loading, reload } = useLoad(() => get('/projects?limit=200'), []);
	return html`
		<p class="hint">${t('duties.projects_hint')}</p>
		<${ErrorBox} error=${error} retry=${reload} />
		${loading && !data && html`<${Loading} />`}
		${data && (data.items.length
			? html`<div class="scroll"><table class="list" data-test="projects">
				<thead><tr><th>${t('duties.project')}</th><th>${t('duties.unit')}</th><th>${t('duties.year_col')}</th><th class="num">${t('duties.total')}</th><th class="num">${t('duties.security')}</th><th class="num">${t('duties.ratio')}</th></tr></thead>
				<tbody>${data.items.map((p) => {
					const ratio = p.total ? (p.security * 100) / p.total : 0;
					return html`<tr><td><span class="name">${p.name}</span><small class="muted block code">${p.code}</small></td>
						<td><${UnitName} code=${p.unit} units=${units} /></td><td>${p.year}</td>
						<td class="num">${fmtNum(p.total)}</td><td class="num">${fmtNum(p.security)}</td>
						<td class="num">${ratio.toFixed(1)}%</td></tr>`;
				})}</tbody></table></div>`
			: html`<${Empty} text=${t('duties.projects_none')} />`)}`;
}

export function Duties({ route, account }) {
	const sub = route.parts[1] || '';
	const at = sub ? '/duties/' + sub : '/duties';
	return html`<section class="page duties">
		<h1>${t('duties.title')}</h1>
		<${Tabs} at=${at} />
		${sub === 'records' ? html`<${Records} account=${account} />` : sub === 'projects' ? html`<${Projects} />` : html`<${YearView} route=${route} />`}
	</section>`;
}
