// assets.js — the systems in scope with filters (kind, status, MLPS level, CII, unit, text) and
// sort kept in the URL (#/assets?kind=portal&mlps_level=3), paged through the API's cursors.
import { useState } from '../../vendor/hooks.js';
import { html, useLoad, Loading, ErrorBox, Empty, Badge, Pager, useUnits, UnitName } from '../ui.js';
import { t, label } from '../i18n.js';
import { get, query } from '../api.js';
import { navigate, withQuery } from '../route.js';
import { fmtDate } from '../format.js';

const KINDS = ['portal', 'news_site', 'platform', 'publicity_platform', 'info_system', 'server', 'infrastructure'];
const STATUSES = ['planned', 'building', 'live', 'retired'];
const SORTS = ['id', 'code', 'name', '-mlps_level'];
const KEYS = ['q', 'kind', 'status', 'mlps_level', 'cii', 'unit', 'sort'];

function level(n) {
	return n ? t('assets.level_n', { n }) : t('assets.level_0');
}

export function AssetList({ route }) {
	const f = {};
	for (const k of KEYS) f[k] = route.query.get(k) || '';
	const [cursors, setCursors] = useState([]);
	const [q, setQ] = useState(f.q);
	const cursor = cursors[cursors.length - 1] || '';
	const units = useUnits();
	const { data, error, loading, reload } = useLoad(
		() => get('/assets' + query({ ...f, limit: 50, cursor })),
		[...KEYS.map((k) => f[k]), cursor]
	);
	const set = (k, v) => {
		setCursors([]);
		navigate(withQuery('/assets', { ...f, [k]: v }));
	};
	const filtered = KEYS.some((k) => k !== 'sort' && f[k]);
	return html`<section class="page">
		<h1>${t('assets.title')}</h1>
		<form class="filters" onSubmit=${(e) => { e.preventDefault(); set('q', q.trim()); }}>
			<label>${t('assets.q')}<input name="q" type="search" value=${q} onInput=${(e) => setQ(e.target.value)} /></label>
			<label>${t('assets.kind')}<select name="kind" value=${f.kind} onChange=${(e) => set('kind', e.target.value)}>
				<option value="">${t('common.all')}</option>${KINDS.map((k) => html`<option value=${k}>${label('kind', k)}</option>`)}</select></label>
			<label>${t('assets.level')}<select name="mlps_level" value=${f.mlps_level} onChange=${(e) => set('mlps_level', e.target.value)}>
				<option value="">${t('common.all')}</option>${[0, 1, 2, 3, 4, 5].map((n) => html`<option value=${String(n)}>${level(n)}</option>`)}</select></label>
			<label>${t('assets.status')}<select name="status" value=${f.status} onChange=${(e) => set('status', e.target.value)}>
				<option value="">${t('common.all')}</option>${STATUSES.map((k) => html`<option value=${k}>${label('status', k)}</option>`)}</select></label>
			<label>${t('assets.cii')}<select name="cii" value=${f.cii} onChange=${(e) => set('cii', e.target.value)}>
				<option value="">${t('common.all')}</option><option value="true">${t('common.yes')}</option><option value="false">${t('common.no')}</option></select></label>
			<label>${t('assets.unit')}<select name="unit" value=${f.unit} onChange=${(e) => set('unit', e.target.value)}>
				<option value="">${t('common.all')}</option>${[...units.values()].map((u) => html`<option value=${u.code}>${u.name}</option>`)}</select></label>
			<label>${t('assets.sort')}<select name="sort" value=${f.sort} onChange=${(e) => set('sort', e.target.value)}>
				${SORTS.map((k) => html`<option value=${k === 'id' ? '' : k}>${t('assets.sort.' + k)}</option>`)}</select></label>
			<div class="buttons">
				<button type="submit">${t('common.search')}</button>
				${filtered && html`<button type="button" class="link" onClick=${() => { setQ(''); navigate('/assets'); }}>${t('common.reset')}</button>`}
			</div>
		</form>
		<${ErrorBox} error=${error} retry=${reload} />
		${loading && !data && html`<${Loading} />`}
		${data &&
		(data.items.length
			? html`<div class="scroll"><table class="list assets">
				<thead><tr>
					<th>${t('assets.name')}</th><th>${t('assets.kind')}</th><th>${t('assets.level')}</th>
					<th>${t('assets.manager')}</th><th class="opt">${t('assets.operator')}</th><th class="opt">${t('assets.filed')}</th><th>${t('assets.assessed')}</th><th>${t('assets.status')}</th>
				</tr></thead>
				<tbody>${data.items.map(
					(a) => html`<tr>
						<td><span class="name">${a.name}</span>${a.cii ? html` <${Badge} tone="bad">${t('assets.cii_short')}<//>` : ''}<small class="muted block code">${a.code}</small></td>
						<td>${label('kind', a.kind)}</td>
						<td class="nowrap">${level(a.mlps_level)}</td>
						<td><${UnitName} code=${a.manager_unit} units=${units} /></td>
						<td class="opt"><${UnitName} code=${a.operator_unit} units=${units} /></td>
						<td class="nowrap opt">${fmtDate(a.filed_on)}</td>
						<td class="nowrap">${a.assessed_on ? html`${fmtDate(a.assessed_on)}<small class="block muted">${label('assess', a.assess_result)}</small>` : html`<span class="muted">${label('assess', a.assess_result || 'none')}</span>`}</td>
						<td>${label('status', a.status)}</td>
					</tr>`
				)}</tbody></table></div>`
			: html`<${Empty} text=${filtered ? t('assets.empty') : t('assets.empty_all')} />`)}
		${data && html`<${Pager} next=${data.next} cursors=${cursors} onPage=${setCursors} count=${data.items.length} />`}
	</section>`;
}
