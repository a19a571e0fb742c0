// duties.js — the yearly duties (年度工作): the obligations of the profile (meeting, drills,
// training, annual report, MLPS filing and assessment) unit by unit as GET /deadlines counts
// them, grouped by year; the records that fulfil them with their evidence files (upload, list,
// download) and their withdrawal with a reason, a new record (office, officer, unit leader)
// with the duty it answers chosen from its unit's obligations; the IT projects and their security
// budget ratio, a new project and its correction (office, officer). A form's values are kept
// (sessionStorage) until saved: a refusal or a lost network loses nothing typed.
import { useState } from '../../vendor/hooks.js';
import { html, useLoad, Loading, ErrorBox, FieldError, Empty, Badge, Pager, StateBadge, useUnits, UnitName, useSubmit } from '../ui.js';
import { t, label } from '../i18n.js';
import { api, get, query, upload } from '../api.js';
import { navigate, withQuery, can } from '../route.js';
import { useDraft, Field } from './work.js';
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
							<span class="name">${d.name}${d.asset ? html`：${d.asset_name || d.asset} <small class="code muted">${d.asset}</small>` : ''}</span>
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
	const may = mayRecord(account);
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
		${may && !record.voided && html`<label class="upload">${t('duties.attach')}<input type="file" name="file" onChange=${send} disabled=${busy} /></label>`}
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

const RECORD_FIELDS = ['kind', 'unit', 'on', 'duty', 'period', 'title', 'participants', 'minutes', 'attachment'];
const mayRecord = (account) => ['office', 'officer', 'unit_leader'].includes(account.role);

// RecordForm: a new record (POST /records); the duty it answers is one of its unit's
// obligations of that year (GET /deadlines?year=&unit=), which gives the period too
function RecordForm({ units, onSaved, onCancel }) {
	const [v, set, clear] = useDraft('record-new', { kind: 'meeting', unit: '', on: today(), duty: '', period: '', title: '', participants: '', minutes: '', attachment: '' });
	const { error, busy, run } = useSubmit();
	const year = (v.on || today()).slice(0, 4);
	const duties = useLoad(
		() => (v.unit ? get('/deadlines' + query({ year, unit: v.unit, limit: 200 })) : Promise.resolve({ items: [] })),
		[v.unit, year]
	);
	const choices = ((duties.data && duties.data.items) || []).filter((d) => d.kind === 'duty' && d.duty && d.unit === v.unit);
	const chosen = v.duty ? v.duty + '|' + v.period : '';
	const choose = (val) => {
		const [duty, period] = val ? val.split('|') : ['', ''];
		set('duty', duty);
		set('period', period);
	};
	const submit = (e) => {
		e.preventDefault();
		run(async () => {
			const body = {};
			for (const k of RECORD_FIELDS) if (String(v[k] || '').trim() !== '') body[k] = String(v[k]).trim();
			const r = await api('POST', '/records', body);
			clear();
			onSaved(r);
		});
	};
	const unitOpts = [['', t('duties.choose_unit')], ...[...units.values()].filter((u) => u.kind !== 'external_authority').map((u) => [u.code, u.name])];
	const f = { v, set, error };
	return html`<form class="card grid2" onSubmit=${submit} novalidate data-test="record-form">
		<h2 class="wide">${t('duties.new_record')}</h2>
		<${Field} ...${f} name="kind" type="select" required label=${t('duties.kind')} options=${RECORD_KINDS.map((k) => [k, label('rk', k)])} />
		<${Field} ...${f} name="unit" type="select" required label=${t('duties.unit')} options=${unitOpts} />
		<${Field} ...${f} name="on" type="date" required label=${t('duties.on')} />
		<label for="f-duty">${t('duties.answers')}
			<select id="f-duty" name="duty" value=${chosen} onChange=${(e) => choose(e.target.value)} disabled=${!v.unit} aria-invalid=${error && (error.field === 'duty' || error.field === 'period') ? 'true' : null}>
				<option value="">${v.unit ? t('duties.answers_none') : t('duties.answers_unit_first')}</option>
				${choices.map((d) => html`<option value=${d.duty + '|' + d.period}>${d.name} · ${d.period} · ${label('state', d.state)}</option>`)}
				${chosen && !choices.some((d) => d.duty + '|' + d.period === chosen) && html`<option value=${chosen}>${v.duty} · ${v.period}</option>`}
			</select>
			<small class="hint block">${t('duties.answers_hint')}</small>
			<${FieldError} error=${error} field="duty" /><${FieldError} error=${error} field="period" /></label>
		<${Field} ...${f} name="title" required wide label=${t('duties.record_title')} placeholder=${t('duties.record_title_eg')} />
		<${Field} ...${f} name="participants" type="textarea" rows="2" label=${t('duties.participants')} />
		<${Field} ...${f} name="attachment" label=${t('duties.attachment')} hint=${t('duties.attachment_hint')} />
		<${Field} ...${f} name="minutes" type="textarea" rows="4" wide label=${t('duties.minutes')} />
		<${ErrorBox} error=${error} fields=${RECORD_FIELDS} />
		<p class="hint wide">${t('duties.files_after')}</p>
		<div class="buttons"><button type="submit" disabled=${busy}>${busy ? t('common.saving') : t('duties.save_record')}</button>
			<button type="button" class="link" onClick=${onCancel}>${t('common.cancel')}</button></div>
	</form>`;
}

function Records({ account }) {
	const [cursors, setCursors] = useState([]);
	const [open, setOpen] = useState(null);
	const [adding, setAdding] = useState(false);
	const [saved, setSaved] = useState(null);
	const cursor = cursors[cursors.length - 1] || '';
	const units = useUnits();
	const { data, error, loading, reload } = useLoad(() => get('/records' + query({ limit: 50, cursor, sort: '-id' })), [cursor]);
	const may = mayRecord(account);
	const done = (r) => {
		setAdding(false);
		setSaved(r);
		setCursors([]);
		setOpen(r.id);
		reload();
	};
	return html`
		<div class="page-actions">
			<p class="hint">${t('duties.records_hint')}</p>
			${may && !adding && html`<button type="button" data-test="new-record" onClick=${() => { setSaved(null); setAdding(true); }}>${t('duties.new_record')}</button>`}
		</div>
		${adding && html`<${RecordForm} units=${units} onSaved=${done} onCancel=${() => setAdding(false)} />`}
		${saved && html`<p class="ok-box" role="status" data-test="record-saved">${t('duties.record_saved', { title: saved.title })}</p>`}
		<${ErrorBox} error=${error} retry=${reload} />
		${loading && !data && html`<${Loading} />`}
		${data && (data.items.length
			? html`<div class="scroll"><table class="list" data-test="records">
				<thead><tr><th>${t('duties.record')}</th><th>${t('duties.kind')}</th><th>${t('duties.unit')}</th><th>${t('duties.on')}</th><th>${t('duties.evidence')}</th></tr></thead>
				<tbody>${data.items.map((r) => html`<tr class=${r.voided ? 'voided' : ''} data-id=${r.id}>
					<td><span class="name">${r.title}</span>${r.period ? html` <small class="muted">${t('duties.for_period', { period: r.period })}</small>` : ''}${r.voided ? html` <${Badge} tone="muted">${t('duties.voided')}<//><small class="block muted">${r.voided.reason || ''}</small>` : ''}</td>
					<td>${label('rk', r.kind)}</td>
					<td><${UnitName} code=${r.unit} units=${units} /></td>
					<td class="nowrap">${fmtDate(r.on)}</td>
					<td><button type="button" class="link small" aria-expanded=${open === r.id ? 'true' : 'false'} onClick=${() => setOpen(open === r.id ? null : r.id)}>${open === r.id ? t('duties.hide') : t('duties.show')}</button></td>
				</tr>
				${open === r.id && html`<tr class="detail-row"><td colspan="5">
					${r.minutes && html`<p class="text">${r.minutes}</p>`}
					<${Files} record=${r} account=${account} />
					${r.participants && html`<p class="text"><strong>${t('duties.participants')}：</strong>${r.participants}</p>`}
					${r.attachment && html`<p class="muted">${t('duties.attachment')}：${r.attachment}</p>`}
					${may && !r.voided && html`<${VoidForm} record=${r} onDone=${() => { setOpen(null); reload(); }} />`}
				</td></tr>`}`)}</tbody></table></div>`
			: html`<${Empty} text=${may ? t('duties.records_none_work') : t('duties.records_none')} />`)}
		${data && html`<${Pager} next=${data.next} cursors=${cursors} onPage=${setCursors} count=${data.items.length} />`}`;
}

const PROJECT_FIELDS = ['code', 'name', 'unit', 'year', 'total', 'security'];

// ratio: the security share of a project's total, "12.5%" (— without a total)
function ratio(security, total) {
	const s = Number(security) || 0;
	const n = Number(total) || 0;
	return n > 0 ? ((s * 100) / n).toFixed(1) + '%' : t('common.empty');
}

// ProjectForm: a new project (POST /projects) or a correction of one (PATCH /projects/{id}:
// what changed; its code stays), the security share shown as it is typed
function ProjectForm({ project, units, onSaved, onCancel }) {
	const init = project
		? { code: project.code, name: project.name, unit: project.unit || '', year: String(project.year), total: String(project.total), security: String(project.security) }
		: { code: '', name: '', unit: '', year: today().slice(0, 4), total: '', security: '' };
	const [v, set, clear] = useDraft(project ? 'project-' + project.id : 'project-new', init);
	const { error, busy, run } = useSubmit();
	const submit = (e) => {
		e.preventDefault();
		run(async () => {
			const body = {};
			for (const k of PROJECT_FIELDS) {
				const x = String(v[k] || '').trim();
				if (project && (k === 'code' || x === String(init[k]))) continue;
				if (x === '') continue;
				body[k] = ['year', 'total', 'security'].includes(k) && /^\d+$/.test(x) ? Number(x) : x;
			}
			const p = project ? await api('PATCH', '/projects/' + project.id, body) : await api('POST', '/projects', body);
			clear();
			onSaved(p);
		});
	};
	const unitOpts = [['', t('duties.choose_unit')], ...[...units.values()].filter((u) => u.kind !== 'external_authority').map((u) => [u.code, u.name])];
	const f = { v, set, error };
	return html`<form class="card grid2" onSubmit=${submit} novalidate data-test="project-form">
		<h2 class="wide">${project ? t('duties.edit_project', { name: project.name }) : t('duties.new_project')}</h2>
		<${Field} ...${f} name="name" required label=${t('duties.project_name')} />
		<${Field} ...${f} name="code" required readonly=${!!project} label=${t('duties.project_code')} hint=${project ? t('duties.project_code_stays') : t('duties.project_code_hint')} />
		<${Field} ...${f} name="unit" type="select" required label=${t('duties.unit')} options=${unitOpts} />
		<${Field} ...${f} name="year" type="number" required min="2000" max="2100" label=${t('duties.year_col')} />
		<${Field} ...${f} name="total" type="number" required min="1" step="1" label=${t('duties.total')} />
		<${Field} ...${f} name="security" type="number" min="0" step="1" label=${t('duties.security')} hint=${t('duties.security_hint')} />
		<p class="wide" data-test="ratio">${t('duties.ratio')}：<strong>${ratio(v.security, v.total)}</strong></p>
		<${ErrorBox} error=${error} fields=${PROJECT_FIELDS} />
		<div class="buttons"><button type="submit" disabled=${busy}>${busy ? t('common.saving') : t('common.save')}</button>
			<button type="button" class="link" onClick=${onCancel}>${t('common.cancel')}</button></div>
	</form>`;
}

function Projects({ account }) {
	const units = useUnits();
	const [editing, setEditing] = useState(null);
	const [saved, setSaved] = useState(null);
	const [cursors, setCursors] = useState([]);
	const cursor = cursors[cursors.length - 1] || '';
	const { data, error, loading, reload } = useLoad(() => get('/projects' + query({ limit: 100, cursor })), [cursor]);
	const work = can.work(account);
	const done = (p) => {
		setEditing(null);
		setSaved(p);
		reload();
	};
	return html`
		<div class="page-actions">
			<p class="hint">${t('duties.projects_hint')}</p>
			${work && !editing && html`<button type="button" data-test="new-project" onClick=${() => { setSaved(null); setEditing('new'); }}>${t('duties.new_project')}</button>`}
		</div>
		${editing && html`<${ProjectForm} project=${editing === 'new' ? null : editing} units=${units} key=${editing === 'new' ? 'new' : editing.id} onSaved=${done} onCancel=${() => setEditing(null)} />`}
		${saved && html`<p class="ok-box" role="status" data-test="project-saved">${t('duties.project_saved', { name: saved.name, ratio: ratio(saved.security, saved.total) })}</p>`}
		<${ErrorBox} error=${error} retry=${reload} />
		${loading && !data && html`<${Loading} />`}
		${data && (data.items.length
			? html`<div class="scroll"><table class="list" data-test="projects">
				<thead><tr><th>${t('duties.project')}</th><th>${t('duties.unit')}</th><th>${t('duties.year_col')}</th><th class="num">${t('duties.total')}</th><th class="num">${t('duties.security')}</th><th class="num">${t('duties.ratio')}</th>${work && html`<th><span class="sr">${t('org.edit')}</span></th>`}</tr></thead>
				<tbody>${data.items.map((p) => html`<tr data-code=${p.code}><td><span class="name">${p.name}</span><small class="muted block code">${p.code}</small></td>
						<td><${UnitName} code=${p.unit} units=${units} /></td><td>${p.year}</td>
						<td class="num">${fmtNum(p.total)}</td><td class="num">${fmtNum(p.security)}</td>
						<td class="num">${ratio(p.security, p.total)}</td>
						${work && html`<td><button type="button" class="link small" onClick=${() => { setSaved(null); setEditing(p); }}>${t('org.edit')}</button></td>`}</tr>`)}</tbody></table></div>`
			: html`<${Empty} text=${work ? t('duties.projects_none_work') : t('duties.projects_none')} />`)}
		${data && html`<${Pager} next=${data.next} cursors=${cursors} onPage=${setCursors} count=${data.items.length} />`}`;
}

export function Duties({ route, account }) {
	const sub = route.parts[1] || '';
	const at = sub ? '/duties/' + sub : '/duties';
	return html`<section class="page duties">
		<h1>${t('duties.title')}</h1>
		<${Tabs} at=${at} />
		${sub === 'records' ? html`<${Records} account=${account} />` : sub === 'projects' ? html`<${Projects} account=${account} />` : html`<${YearView} route=${route} />`}
	</section>`;
}
