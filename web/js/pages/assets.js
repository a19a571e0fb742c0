// assets.js — the systems (信息系统) in scope: the list with filters (kind, status, MLPS level,
// filing and assessment state, CII, unit, text) and sort kept in the URL and remembered, a
// choice of columns, paged through the API's cursors, and an export of exactly the rows
// filtered; one system with its answering units under the policy's principles, its notices and
// incidents; the create and edit form; the import of a spreadsheet, a dry run first.
import { useState, useEffect } from '../../vendor/hooks.js';
import { html, useLoad, Loading, ErrorBox, Empty, Badge, Pager, useUnits, UnitName } from '../ui.js';
import { t, label, currentLang } from '../i18n.js';
import { get, post, api, query, upload } from '../api.js';
import { navigate, withQuery, can } from '../route.js';
import { fmtDate, fmtTime } from '../format.js';
import { useDraft, Field, useSubmit } from './work.js';
import { Downloads } from '../downloads.js';

const KINDS = ['portal', 'news_site', 'platform', 'publicity_platform', 'info_system', 'server', 'infrastructure'];
const STATUSES = ['planned', 'building', 'live', 'retired'];
const RESULTS = ['none', 'pass', 'basic', 'fail'];
const SORTS = ['id', 'code', 'name', '-mlps_level'];
const KEYS = ['q', 'kind', 'status', 'mlps_level', 'filed', 'assess_result', 'cii', 'unit', 'sort'];
// the columns a person may show or hide (the name always shows)
const COLUMNS = ['kind', 'level', 'manager', 'operator', 'builder', 'user', 'filed', 'assessed', 'status', 'software'];
const DEFAULT_COLUMNS = ['kind', 'level', 'manager', 'operator', 'filed', 'assessed', 'status'];
// the four relations by which a unit answers for a system (谁主管谁负责、谁运维谁负责 …)
const RELATIONS = ['manager_unit', 'operator_unit', 'builder_unit', 'user_unit'];

function level(n) {
	return n ? t('assets.level_n', { n }) : t('assets.level_0');
}

function remembered(key, fallback) {
	try {
		const s = localStorage.getItem(key);
		return s === null ? fallback : JSON.parse(s);
	} catch (e) {
		return fallback;
	}
}
function remember(key, value) {
	try {
		localStorage.setItem(key, JSON.stringify(value));
	} catch (e) {
		/* not remembered */
	}
}

export function AssetList({ route, account }) {
	const f = {};
	for (const k of KEYS) f[k] = route.query.get(k) || '';
	const empty = KEYS.every((k) => !f[k]);
	// an address without filters opens the filters last used (remembered in this browser)
	const saved = remembered('cd_asset_filters', {});
	const restore = empty && !route.query.has('all') && Object.values(saved).some(Boolean);
	useEffect(() => {
		if (restore) navigate(withQuery('/assets', saved));
		else remember('cd_asset_filters', Object.fromEntries(KEYS.map((k) => [k, f[k]])));
	}, [route.query.toString()]);
	const [cols, setCols] = useState(() => remembered('cd_asset_columns', DEFAULT_COLUMNS));
	const [cursors, setCursors] = useState([]);
	const [q, setQ] = useState(f.q);
	const cursor = cursors[cursors.length - 1] || '';
	const units = useUnits();
	const { data, error, loading, reload } = useLoad(
		() => (restore ? new Promise(() => {}) : get('/assets' + query({ ...f, limit: 50, cursor }))),
		[...KEYS.map((k) => f[k]), cursor, restore]
	);
	const set = (k, v) => {
		setCursors([]);
		navigate(withQuery('/assets', { ...f, [k]: v }));
	};
	const toggleCol = (c) => {
		const n = cols.includes(c) ? cols.filter((x) => x !== c) : COLUMNS.filter((x) => x === c || cols.includes(x));
		setCols(n);
		remember('cd_asset_columns', n);
	};
	const filtered = KEYS.some((k) => k !== 'sort' && f[k]);
	const filters = {};
	for (const k of KEYS) if (k !== 'sort' && f[k]) filters[k] = f[k];
	const exportUrl = (format) => '/api/v1/export/assets' + query({ format, ...filters });
	const on = (c) => cols.includes(c);
	const sel = (name, opts) => html`<select name=${name} value=${f[name]} onChange=${(e) => set(name, e.target.value)}>
		<option value="">${t('common.all')}</option>${opts.map(([k, txt]) => html`<option value=${k}>${txt}</option>`)}</select>`;
	return html`<section class="page wide">
		<div class="page-head">
			<h1>${t('assets.title')}</h1>
			<div class="buttons">
				${can.work(account) && html`<a class="button" href="#/assets/new">${t('assets.new')}</a>`}
				${can.work(account) && html`<a class="button secondary" href="#/assets/import">${t('assets.import')}</a>`}
			</div>
		</div>
		<form class="filters" onSubmit=${(e) => { e.preventDefault(); set('q', q.trim()); }}>
			<label>${t('assets.q')}<input name="q" type="search" value=${q} onInput=${(e) => setQ(e.target.value)} /></label>
			<label>${t('assets.kind')}${sel('kind', KINDS.map((k) => [k, label('kind', k)]))}</label>
			<label>${t('assets.level')}${sel('mlps_level', [0, 1, 2, 3, 4, 5].map((n) => [String(n), level(n)]))}</label>
			<label>${t('assets.filed')}${sel('filed', [['true', t('assets.filed_yes')], ['false', t('assets.filed_no')]])}</label>
			<label>${t('assets.assessed')}${sel('assess_result', RESULTS.map((k) => [k, label('assess', k)]))}</label>
			<label>${t('assets.status')}${sel('status', STATUSES.map((k) => [k, label('status', k)]))}</label>
			<label>${t('assets.cii')}${sel('cii', [['true', t('common.yes')], ['false', t('common.no')]])}</label>
			<label>${t('assets.unit')}${sel('unit', [...units.values()].map((u) => [u.code, u.name]))}</label>
			<label>${t('assets.sort')}<select name="sort" value=${f.sort} onChange=${(e) => set('sort', e.target.value)}>
				${SORTS.map((k) => html`<option value=${k === 'id' ? '' : k}>${t('assets.sort.' + k)}</option>`)}</select></label>
			<div class="buttons">
				<button type="submit">${t('common.search')}</button>
				${filtered && html`<button type="button" class="link" onClick=${() => { setQ(''); remember('cd_asset_filters', {}); navigate('/assets?all=1'); }}>${t('common.reset')}</button>`}
			</div>
		</form>
		<div class="toolbar">
			<details class="columns"><summary>${t('assets.columns')}</summary>
				<fieldset><legend class="sr">${t('assets.columns')}</legend>${COLUMNS.map((c) => html`<label class="check"><input type="checkbox" name=${'col-' + c} checked=${on(c)} onChange=${() => toggleCol(c)} /> ${t('assets.col.' + c)}</label>`)}</fieldset>
			</details>
			<span class="export">${t('assets.export')}
				<a href=${exportUrl('xlsx')} download data-act="export-xlsx">Excel (.xlsx)</a>
				<a href=${exportUrl('csv')} download data-act="export-csv">CSV</a>
				<small class="muted">${filtered ? t('assets.export_filtered') : t('assets.export_all')}</small></span>
		</div>
		<${Downloads} doc="ledger" what=${filtered ? 'docs.ledger_filtered' : 'docs.ledger'} params=${filters} formats=${['pdf', 'docx', 'xlsx']} />
		<${ErrorBox} error=${error} retry=${reload} />
		${loading && !data && html`<${Loading} />`}
		${data &&
		(data.items.length
			? html`<div class="scroll"><table class="list assets">
				<thead><tr>
					<th>${t('assets.name')}</th>
					${COLUMNS.filter(on).map((c) => html`<th>${t('assets.col.' + c)}</th>`)}
				</tr></thead>
				<tbody>${data.items.map(
					(a) => html`<tr>
						<td><a class="name" href=${'#/assets/' + a.id}>${a.name}</a>${a.cii ? html` <${Badge} tone="bad">${t('assets.cii_short')}<//>` : ''}<small class="muted block code">${a.code}</small></td>
						${on('kind') && html`<td>${label('kind', a.kind)}</td>`}
						${on('level') && html`<td class="nowrap">${level(a.mlps_level)}</td>`}
						${on('manager') && html`<td><${UnitName} code=${a.manager_unit} units=${units} /></td>`}
						${on('operator') && html`<td><${UnitName} code=${a.operator_unit} units=${units} /></td>`}
						${on('builder') && html`<td><${UnitName} code=${a.builder_unit} units=${units} /></td>`}
						${on('user') && html`<td><${UnitName} code=${a.user_unit} units=${units} /></td>`}
						${on('filed') && html`<td class="nowrap">${a.filed_on ? fmtDate(a.filed_on) : html`<span class="muted">${t('assets.filed_no')}</span>`}</td>`}
						${on('assessed') && html`<td class="nowrap">${a.assessed_on ? html`${fmtDate(a.assessed_on)}<small class="block muted">${label('assess', a.assess_result)}</small>` : html`<span class="muted">${label('assess', a.assess_result || 'none')}</span>`}</td>`}
						${on('status') && html`<td>${label('status', a.status)}</td>`}
						${on('software') && html`<td>${a.software || t('common.empty')}</td>`}
					</tr>`
				)}</tbody></table></div>`
			: html`<${Empty} text=${filtered ? t('assets.empty') : can.work(account) ? t('assets.empty_work') : t('assets.empty_all')} />`)}
		${data && html`<${Pager} next=${data.next} cursors=${cursors} onPage=${setCursors} count=${data.items.length} />`}
	</section>`;
}

// the notices and incidents of a system, newest first: a page of each, the API keeping those
// that name it (GET /notices?asset=, /incidents?asset=)
const WORK_SHOWN = 50;
function useWorkOf(code) {
	return useLoad(async () => {
		if (!code) return null;
		const q = '?asset=' + encodeURIComponent(code) + '&sort=-id&limit=' + WORK_SHOWN;
		const [ns, xs] = await Promise.all([get('/notices' + q), get('/incidents' + q)]);
		return { notices: ns.items, incidents: xs.items, more: !!(ns.next || xs.next) };
	}, [code]);
}

export function AssetDetail({ id, account }) {
	const { data: a, error, loading, reload } = useLoad(() => get('/assets/' + encodeURIComponent(id)), [id]);
	const units = useUnits();
	const work = useWorkOf(a ? a.code : '');
	if (loading && !a) return html`<section class="page"><${Loading} /></section>`;
	if (error)
		return html`<section class="page"><p><a href="#/assets">← ${t('assets.title')}</a></p><${ErrorBox} error=${error} retry=${reload} /></section>`;
	const yes = (b) => (b ? t('common.yes') : t('common.no'));
	return html`<section class="page asset">
		<p class="crumb"><a href="#/assets">← ${t('assets.title')}</a></p>
		<div class="page-head">
			<h1>${a.name} <small class="code muted">${a.code}</small></h1>
			${can.work(account) && html`<a class="button secondary" href=${'#/assets/' + a.id + '/edit'}>${t('assets.edit')}</a>`}
		</div>
		<dl class="facts">
			<div><dt>${t('assets.kind')}</dt><dd>${label('kind', a.kind)}</dd></div>
			<div><dt>${t('assets.status')}</dt><dd>${label('status', a.status)}</dd></div>
			<div><dt>${t('assets.url')}</dt><dd>${a.url || t('common.empty')}</dd></div>
			<div><dt>${t('assets.software')}</dt><dd>${a.software || t('common.empty')}</dd></div>
			<div><dt>${t('assets.maintainer')}</dt><dd>${a.maintainer || t('common.empty')}</dd></div>
			<div><dt>${t('assets.level')}</dt><dd>${level(a.mlps_level)}${a.graded_on ? html` <small class="muted">${t('assets.graded_on', { d: fmtDate(a.graded_on) })}</small>` : ''}</dd></div>
			<div><dt>${t('assets.filed')}</dt><dd>${a.filed_on ? html`${fmtDate(a.filed_on)} <small class="code muted">${a.filing_no || ''}</small>` : html`<${Badge} tone=${a.mlps_level >= 2 ? 'warn' : 'muted'}>${t('assets.filed_no')}<//>`}</dd></div>
			<div><dt>${t('assets.assessed')}</dt><dd>${a.assessed_on ? fmtDate(a.assessed_on) : t('common.empty')} ${label('assess', a.assess_result)}</dd></div>
			<div><dt>${t('assets.cii')}</dt><dd>${a.cii ? html`<${Badge} tone="bad">${t('common.yes')}<//>` : t('common.no')}</dd></div>
			<div><dt>${t('assets.internet_facing')}</dt><dd>${yes(a.internet_facing)}</dd></div>
			<div><dt>${t('assets.personal_info')}</dt><dd>${yes(a.personal_info)}</dd></div>
			<div><dt>${t('assets.protection')}</dt><dd>${a.protection_installed ? t('common.yes') : html`<${Badge} tone="warn">${t('common.no')}<//>`}</dd></div>
		</dl>
		<h2>${t('assets.answering')}</h2>
		<table class="list answering"><tbody>
			${RELATIONS.map((r) => html`<tr><th>${t('assets.rel.' + r)}<small class="block muted">${t('assets.principle.' + r)}</small></th>
				<td>${a[r] ? html`<a href=${'#/assets?unit=' + encodeURIComponent(a[r])}><${UnitName} code=${a[r]} units=${units} /></a>` : html`<${Badge} tone="warn">${t('assets.rel_none')}<//>`}</td></tr>`)}
		</tbody></table>
		<h2>${t('assets.notices')}</h2>
		<${ErrorBox} error=${work.error} retry=${work.reload} />
		${work.loading && !work.data ? html`<${Loading} />` : ''}
		${work.data &&
		(work.data.notices.length
			? html`<ul class="plain">${work.data.notices.map((n) => html`<li><a href=${'#/notices/' + n.id}>${n.code}</a> ${n.category || ''} <${Badge} tone=${n.stage === 'verified' ? 'good' : 'info'}>${label('stage', n.stage)}<//> <small class="muted">${fmtDate(n.received_at)}</small></li>`)}</ul>`
			: html`<p class="muted">${t('assets.notices_none')}</p>`)}
		<h2>${t('assets.incidents')}</h2>
		${work.data &&
		(work.data.incidents.length
			? html`<ul class="plain">${work.data.incidents.map((x) => html`<li><a href=${'#/incidents/' + x.id}>${x.code}</a> ${x.grade ? label('grade', x.grade) : ''} <small class="muted">${fmtTime(x.detected_at)}</small></li>`)}</ul>`
			: html`<p class="muted">${t('assets.incidents_none')}</p>`)}
		${work.data && work.data.more && html`<p class="hint">${t('assets.work_newest', { n: WORK_SHOWN })}</p>`}
	</section>`;
}

const FORM_FIELDS = ['code', 'name', 'kind', 'status', 'url', 'software', 'maintainer', 'manager_unit', 'operator_unit', 'builder_unit', 'user_unit', 'mlps_level', 'graded_on', 'filing_no', 'filed_on', 'assessed_on', 'assess_result', 'cii', 'internet_facing', 'personal_info', 'protection_installed', 'admin_level'];
const BOOLS = ['cii', 'internet_facing', 'personal_info', 'protection_installed'];

// AssetForm: create (id absent) or edit a system; every field the API refuses is told under it
export function AssetForm({ id, account }) {
	const units = useUnits();
	const cur = useLoad(() => (id ? get('/assets/' + encodeURIComponent(id)) : Promise.resolve(null)), [id]);
	if (!can.work(account)) return html`<section class="page"><h1>${t('assets.new')}</h1><p>${t('assets.work_only')}</p></section>`;
	if (cur.loading && !cur.data) return html`<section class="page"><${Loading} /></section>`;
	if (cur.error) return html`<section class="page"><${ErrorBox} error=${cur.error} retry=${cur.reload} /></section>`;
	return html`<${AssetFormBody} id=${id} a=${cur.data} units=${units} />`;
}

function AssetFormBody({ id, a, units }) {
	const init = {};
	for (const k of FORM_FIELDS) init[k] = a ? (BOOLS.includes(k) ? (a[k] ? 'true' : 'false') : a[k] === null || a[k] === undefined ? '' : String(a[k])) : '';
	if (!a) Object.assign(init, { kind: 'info_system', status: 'live', mlps_level: '0', assess_result: 'none', cii: 'false', internet_facing: 'false', personal_info: 'false', protection_installed: 'false' });
	const [v, set, clear] = useDraft('asset-' + (id || 'new'), init);
	const { error, busy, run } = useSubmit();
	const submit = async (e) => {
		e.preventDefault();
		const body = {};
		for (const k of FORM_FIELDS) {
			if (id && v[k] === init[k]) continue; /* a change sends what changed */
			if (id && k === 'code') continue;
			const val = (v[k] || '').trim();
			if (BOOLS.includes(k)) body[k] = val === 'true';
			else if (k === 'mlps_level') body[k] = Number(val || 0);
			else if (val) body[k] = val;
			else if (id) body[k] = null;
		}
		const r = await run(() => (id ? api('PATCH', '/assets/' + id, body) : post('/assets', body)));
		if (r) {
			clear();
			navigate('/assets/' + r.id);
		}
	};
	const unitOpts = [['', t('assets.rel_none')], ...[...units.values()].map((u) => [u.code, u.name])];
	const yn = [['false', t('common.no')], ['true', t('common.yes')]];
	const F = (name, extra) => html`<${Field} name=${name} label=${t('assets.f.' + name)} v=${v} set=${set} error=${error} ...${extra || {}} />`;
	return html`<section class="page">
		<p class="crumb"><a href=${id ? '#/assets/' + id : '#/assets'}>← ${id ? a.name : t('assets.title')}</a></p>
		<h1>${id ? t('assets.edit_title', { name: a.name }) : t('assets.new')}</h1>
		<form class="card form" onSubmit=${submit} novalidate>
			<fieldset><legend>${t('assets.sec.what')}</legend><div class="grid2">
				${F('code', { required: true, readonly: !!id, hint: id ? t('assets.code_fixed') : t('assets.code_hint'), placeholder: 'WWW' })}
				${F('name', { required: true })}
				${F('kind', { type: 'select', options: KINDS.map((k) => [k, label('kind', k)]) })}
				${F('status', { type: 'select', options: STATUSES.map((k) => [k, label('status', k)]) })}
				${F('url', { placeholder: 'https://' })}
				${F('software')}
				${F('maintainer')}
				${F('admin_level', { type: 'select', hint: t('assets.admin_level_hint'), options: [['', t('assets.admin_level_none')], ['prefecture_or_above', t('assets.admin_level_prefecture')], ...(v.admin_level && v.admin_level !== 'prefecture_or_above' ? [[v.admin_level, v.admin_level]] : [])] })}
			</div></fieldset>
			<fieldset><legend>${t('assets.sec.units')}</legend><div class="grid2">
				${RELATIONS.map((r) => F(r, { type: 'select', options: unitOpts, hint: t('assets.principle.' + r) }))}
			</div></fieldset>
			<fieldset><legend>${t('assets.sec.mlps')}</legend><div class="grid2">
				${F('mlps_level', { type: 'select', options: [0, 1, 2, 3, 4, 5].map((n) => [String(n), level(n)]) })}
				${F('graded_on', { type: 'date' })}
				${F('filing_no')}
				${F('filed_on', { type: 'date' })}
				${F('assessed_on', { type: 'date' })}
				${F('assess_result', { type: 'select', options: RESULTS.map((k) => [k, label('assess', k)]) })}
			</div></fieldset>
			<fieldset><legend>${t('assets.sec.flags')}</legend><div class="grid2">
				${BOOLS.map((b) => F(b, { type: 'select', options: yn }))}
			</div></fieldset>
			<${ErrorBox} error=${error} fields=${FORM_FIELDS} />
			<div class="buttons"><button type="submit" disabled=${busy}>${t('common.save')}</button><a href=${id ? '#/assets/' + id : '#/assets'}>${t('common.cancel')}</a></div>
		</form>
	</section>`;
}

// AssetImport: a spreadsheet (.xlsx or CSV) checked first (dry run), every error shown beside
// its row; then imported as one act, all or nothing
export function AssetImport({ account }) {
	const [file, setFile] = useState(null);
	const [report, setReport] = useState(null);
	const [checked, setChecked] = useState(false);
	const { error, busy, run, setError } = useSubmit();
	const send = async (dry) => {
		setReport(null);
		const r = await run(async () => {
			try {
				return await upload('/import/assets' + (dry ? '?dry_run=1' : ''), file, /\.csv$/i.test(file.name) ? 'text/csv' : 'application/octet-stream');
			} catch (err) {
				if (err.body && err.body.errors) return { refused: true, ...err.body };
				throw err;
			}
		});
		if (r) {
			setReport(r);
			setChecked(dry && !r.refused);
			setError(null);
		}
	};
	if (!can.work(account)) return html`<section class="page"><h1>${t('assets.import')}</h1><p>${t('assets.work_only')}</p></section>`;
	const rows = new Map();
	for (const e of (report && report.errors) || []) {
		if (!rows.has(e.row)) rows.set(e.row, []);
		rows.get(e.row).push(e);
	}
	return html`<section class="page">
		<p class="crumb"><a href="#/assets">← ${t('assets.title')}</a></p>
		<h1>${t('assets.import')}</h1>
		<div class="card">
			<p>${t('assets.import_how')}</p>
			<p class="hint">${t('assets.import_template')} <a href="/api/v1/export/assets?format=xlsx" download>${t('assets.import_template_link')}</a></p>
			<form onSubmit=${(e) => { e.preventDefault(); send(true); }}>
				<label>${t('assets.import_file')}<input type="file" name="file" accept=".xlsx,.csv,text/csv" onChange=${(e) => { setFile(e.target.files[0] || null); setReport(null); setChecked(false); }} /></label>
				<div class="buttons">
					<button type="submit" data-act="dry-run" disabled=${!file || busy}>${t('assets.import_check')}</button>
					<button type="button" class="secondary" data-act="import" disabled=${!file || busy || !checked} onClick=${() => send(false)}>${t('assets.import_go')}</button>
				</div>
			</form>
		</div>
		<${ErrorBox} error=${error} />
		${report &&
		html`<div class=${report.refused ? 'warn-box' : 'ok-box'} role="status" data-test="import-report">
			${report.refused
				? t('assets.import_refused', { n: report.error_count, rows: report.rows })
				: report.dry_run
					? t('assets.import_dry', { rows: report.rows, created: report.created, updated: report.updated })
					: t('assets.import_done', { rows: report.rows, created: report.created, updated: report.updated })}
			${report.encoding ? html` <small class="muted">${t('assets.import_encoding', { enc: report.encoding })}</small>` : ''}
		</div>
		${rows.size > 0 &&
		html`<div class="scroll"><table class="list import-errors">
			<thead><tr><th>${t('assets.import_row')}</th><th>${t('assets.import_col')}</th><th>${t('assets.import_value')}</th><th>${t('assets.import_problem')}</th></tr></thead>
			<tbody>${[...rows.entries()].map(([row, errs]) =>
				errs.map((e, i) => html`<tr data-row=${row} class=${i === 0 ? 'first' : ''}>
					${i === 0 ? html`<th rowspan=${errs.length} scope="rowgroup" class="rowno">${t('assets.import_row_n', { n: row })}</th>` : ''}
					<td>${e.header || e.column || t('common.empty')}</td>
					<td class="code">${e.value === undefined || e.value === null ? '' : e.value}</td>
					<td>${currentLang() === 'en' && e.message_en ? e.message_en : e.message}</td>
				</tr>`)
			)}</tbody></table></div>
			${report.error_count > report.errors.length ? html`<p class="hint">${t('assets.import_more', { n: report.error_count - report.errors.length })}</p>` : ''}`}`}
	</section>`;
}
