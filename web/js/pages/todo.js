// todo.js — 待办: what is overdue, what falls due today and next (GET /deadlines), the notices
// not yet closed and the incidents still open, for the signed-in person's scope. Units are named by the
// names the API answers beside their codes: the dashboard reads no list of units.
import { useEffect } from '../../vendor/hooks.js';
import { html, useLoad, Loading, ErrorBox, Empty, StateBadge, Badge, UnitName, Systems } from '../ui.js';
import { t, label, currentLang } from '../i18n.js';
import { get } from '../api.js';
import { fmtDate, daysLeft, daysTo, live } from '../format.js';
import { Bars, Stacked } from './charts.js';
import { Downloads } from '../downloads.js';
import { Clock } from './work.js';

const SHOW = 8;
const STAGES = ['received', 'rectifying', 'rectified', 'feedback_sent', 'verified'];
const GRADES = ['general', 'larger', 'major', 'especially_major']; // the summary's by_grade keys

function Deadlines({ items, none }) {
	if (!items.length) return html`<${Empty} text=${none} />`;
	return html`<div class="scroll"><table class="list">
		<thead><tr>
			<th>${t('todo.col_what')}</th><th>${t('todo.col_unit')}</th><th>${t('todo.col_asset')}</th>
			<th>${t('todo.col_due')}</th><th>${t('todo.col_left')}</th>
		</tr></thead>
		<tbody>${items.map(
			(d) => html`<tr>
				<td>${d.href
					? html`<a class="name" href=${d.href}>${d.name}</a><small class="muted block">${t('todo.notice_row')}${d.category ? ' · ' + d.category : ''}</small>`
					: html`<span class="name">${d.name}</span><small class="muted block">${label('dl', d.kind)} · ${d.article}${d.period ? ' · ' + d.period : ''}</small>`}</td>
				<td><${UnitName} code=${d.unit} name=${d.unit_name} /></td>
				<td><${Systems} codes=${d.assets || (d.asset ? [d.asset] : [])} names=${d.asset_names || (d.asset ? [d.asset_name] : [])} /></td>
				<td class="nowrap">${fmtDate(d.due)}</td>
				<td class="nowrap ${daysTo(d.due) < 0 ? 'bad-text' : ''}">${daysLeft(d.due, d.workdays_left)}</td>
			</tr>`
		)}</tbody>
	</table></div>`;
}

function More({ shown, total, href }) {
	return total > shown ? html`<p><a href=${href}>${t('todo.more')}</a></p>` : null;
}

// the lists: each read one page (the overdue and today's notices, at most 50 each; the next ones
// and the newest incidents, a few) — never every notice or incident of the scope
async function load() {
	const [overdue, today, upcoming, nOver, nToday, nOpen, incidents] = await Promise.all([
		get('/deadlines?state=overdue&limit=50'),
		get('/deadlines?state=due_today&limit=50'),
		get('/deadlines?state=open&limit=' + SHOW),
		get('/notices?state=overdue&limit=50'),
		get('/notices?state=due_today&limit=50'),
		get('/notices?state=open&limit=' + SHOW),
		get('/incidents?sort=-id&limit=' + 2 * SHOW),
	]);
	// a notice not yet closed whose deadline passed or is today is a row of those lists too
	const row = (n) => ({ href: '#/notices/' + n.id, name: n.code, category: n.category, unit: n.unit, unit_name: n.unit_name, assets: n.assets, asset_names: n.asset_names, due: n.due, workdays_left: n.workdays_left });
	const live = (n) => n.stage !== 'verified';
	const over = nOver.items.filter(live);
	const due = nToday.items.filter(live);
	return {
		overdue: [...over.map(row), ...overdue.items],
		overdueMore: !!overdue.next || !!nOver.next,
		today: [...due.map(row), ...today.items],
		upcoming: upcoming.items,
		notices: [...over, ...due, ...nOpen.items.filter(live)].sort((a, b) => (a.due || '9999').localeCompare(b.due || '9999')),
		noticesMore: !!nOpen.next,
		incidents: incidents.items.filter((i) => !i.handling_ended || i.report_state === 'overdue' || i.report_state === 'open' || i.report_state === 'due_today'),
		incidentsMore: !!incidents.next,
	};
}

// the summary and the first gaps, read beside the lists (the summary counts the whole scope:
// the slowest read of the page, drawn when it comes)
async function loadSummary() {
	const [summary, gaps] = await Promise.all([get('/summary'), get('/gaps?limit=' + SHOW)]);
	return { summary, gaps };
}

const GAP_RULES = ['role.missing', 'role.overlap', 'asset.unanswered', 'mlps.unfiled', 'mlps.unassessed', 'budget.low'];
const DONE = ['done_on_time', 'done_late'];
const DUE = ['overdue', 'due_today', 'open'];

// gapHref: the list a gap is fixed in — the matrix for a role, the systems for a system's gap
function gapHref(g) {
	if (g.rule.startsWith('role.')) return '#/org';
	if (g.rule === 'budget.low') return '#/duties/projects';
	return g.asset ? '#/assets?q=' + encodeURIComponent(g.asset) : '#/assets';
}

const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
// monthName: "2026-03" as 3月 / Mar
function monthName(ym) {
	const m = Number(ym.slice(5));
	return currentLang() === 'en' ? MONTHS_EN[m - 1] : m + '月';
}

function sum(o, keys) {
	return keys.reduce((n, k) => n + ((o && o[k]) || 0), 0);
}

// Summary: GET /summary — this year's duties done vs due, the gaps, notices answered on time per
// month, incidents by grade, each number a link to the list it counts
function Summary({ s, gaps }) {
	// for bench/web: when the summary was first drawn, on the browser's own timeline
	useEffect(() => {
		if (!performance.getEntriesByName('cd-summary-drawn').length) performance.mark('cd-summary-drawn');
	}, []);
	const duty = s.obligations.duty;
	const totalGaps = sum(s.gaps, GAP_RULES);
	const months = s.notices.by_month;
	return html`<div class="tiles tiles-sub" data-test="summary">
			<a class="tile ${sum(duty, ['overdue']) ? 'bad' : 'good'}" href="#/duties" data-test="duties-done">
				<strong>${sum(duty, DONE)} / ${sum(duty, [...DONE, ...DUE])}</strong><span>${t('todo.duties_done')}</span></a>
			<a class="tile ${sum(duty, ['overdue']) ? 'bad' : 'good'}" href="#/duties?state=overdue" data-test="duties-overdue">
				<strong>${sum(duty, ['overdue'])}</strong><span>${t('todo.duties_overdue')}</span></a>
			<a class="tile ${totalGaps ? 'warn' : 'good'}" href="#sec-gaps" onClick=${(e) => { e.preventDefault(); document.getElementById('sec-gaps').scrollIntoView(); }} data-test="gaps-total">
				<strong>${totalGaps}</strong><span>${t('todo.gaps')}</span></a>
			<a class="tile ${s.incidents.open ? 'warn' : 'good'}" href="#/incidents" data-test="incidents-total">
				<strong>${s.incidents.total}</strong><span>${t('todo.incidents_total')}</span></a>
		</div>
		<div class="charts">
			<${Stacked} title=${t('todo.chart_months')} categories=${months.map((m) => monthName(m.month))}
				series=${[
					{ name: t('todo.on_time'), values: months.map((m) => m.on_time), color: '#2f855a', href: () => '#/notices?state=done_on_time' },
					{ name: t('todo.late'), values: months.map((m) => m.late), color: '#c05621', href: () => '#/notices?state=done_late' },
					{ name: t('todo.not_yet'), values: months.map((m) => m.open), color: '#a0aec0', href: () => '#/notices' },
				]} />
			<${Bars} title=${t('todo.chart_duties')} color="#2f855a" items=${[...DONE, ...DUE].map((st) => ({ name: label('state', st), value: duty[st] || 0, href: '#/duties?state=' + st }))} />
			<${DutiesByUnit} units=${s.obligations.duty_by_unit || []} />
		</div>
		<h2 id="sec-gaps">${t('todo.gaps')}</h2>
		${gaps.items.length
			? html`<div class="scroll"><table class="list" data-test="gaps">
				<thead><tr><th>${t('todo.gap_rule')}</th><th>${t('todo.col_article')}</th><th>${t('todo.gap_where')}</th></tr></thead>
				<tbody>${gaps.items.map((g) => html`<tr>
					<td class="nowrap"><a href=${gapHref(g)}>${label('rule', g.rule)}</a></td>
					<td class="nowrap">${g.article || t('common.empty')}</td>
					<td>${g.unit ? html`<${UnitName} code=${g.unit} name=${g.unit_name} />` : ''}${g.asset ? html` <${Systems} codes=${[g.asset]} names=${[g.asset_name]} />` : ''}${g.role ? html` · ${label('role', g.role)}` : ''}</td></tr>`)}</tbody></table></div>
				${totalGaps > gaps.items.length && html`<p class="hint">${t('todo.gaps_more', { n: totalGaps })}</p>`}`
			: html`<${Empty} text=${t('todo.gaps_none')} />`}`;
}

// DutiesByUnit: this year's duties of the units that have the most still to do (overdue first,
// then not yet done), each unit's bar its duties done, overdue and still open, each part a link
// to that unit's duties in that state; the rest of the units are counted below the chart
const UNITS_SHOWN = 10;
function DutiesByUnit({ units }) {
	const open = (u) => Math.max(0, u.due - u.done - u.overdue);
	const top = [...units].sort((a, b) => b.overdue - a.overdue || open(b) - open(a) || b.due - a.due).slice(0, UNITS_SHOWN);
	if (!top.length) return null;
	const href = (state) => (i) => '#/duties?unit=' + encodeURIComponent(top[i].unit) + (state ? '&state=' + state : '');
	return html`<div class="chart-wrap">
		<${Stacked} title=${t('todo.chart_units')} horizontal=${true} categories=${top.map((u) => u.unit_name || u.unit)}
			series=${[
				{ name: t('todo.duty_done'), values: top.map((u) => u.done), color: '#2f855a', href: href('') },
				{ name: t('todo.duty_overdue'), values: top.map((u) => u.overdue), color: '#c53030', href: href('overdue') },
				{ name: t('todo.duty_open'), values: top.map(open), color: '#a0aec0', href: href('open') },
			]} />
		${units.length > top.length && html`<p class="hint">${t('todo.units_more', { shown: top.length, n: units.length })}</p>`}
	</div>`;
}

export function Todo() {
	// the summary asked first and drawn as soon as it comes, the lists below as they come: the
	// slowest answer first, since a browser opens six connections to a server and what is asked
	// last waits for a free one (bench/web)
	const sum = useLoad(loadSummary, []);
	const { data, error, reload } = useLoad(load, []);
	const d = data;
	// not closed: every notice not yet verified (the summary counts them all; until it comes, those
	// of the lists)
	const notClosed = sum.data ? sum.data.summary.notices.total - (sum.data.summary.notices.by_stage.verified || 0) : d ? d.notices.length : null;
	// a tile's figure, "…" while its list is on its way
	const fig = (n, more) => (n === null ? '…' : String(n) + (more ? '+' : ''));
	const tone = (n, some) => (n === null ? 'info' : n ? some : 'good');
	return html`<section class="page todo">
		<h1>${t('todo.title')}</h1>
		<${Downloads} doc="annual" params=${{ year: new Date().getFullYear() }} />
		<div class="tiles">
			<a class="tile ${tone(d && d.overdue.length, 'bad')}" href="#/" onClick=${(e) => { e.preventDefault(); const x = document.getElementById('sec-overdue'); if (x) x.scrollIntoView(); }}>
				<strong>${fig(d && d.overdue.length, d && d.overdueMore)}</strong><span>${t('todo.overdue')}</span></a>
			<a class="tile ${tone(d && d.today.length, 'warn')}" href="#/" onClick=${(e) => { e.preventDefault(); const x = document.getElementById('sec-today'); if (x) x.scrollIntoView(); }}>
				<strong>${fig(d && d.today.length)}</strong><span>${t('todo.due_today')}</span></a>
			<a class="tile ${tone(notClosed, 'info')}" href="#/notices" data-test="notices-open"><strong>${fig(notClosed, !sum.data && d && d.noticesMore)}</strong><span>${t('todo.open_notices')}</span></a>
			<a class="tile ${tone(d && d.incidents.length, 'warn')}" href="#/incidents"><strong>${fig(d && d.incidents.length, d && d.incidentsMore)}</strong><span>${t('todo.open_incidents')}</span></a>
		</div>

		<${ErrorBox} error=${sum.error} retry=${sum.reload} />
		${sum.loading && !sum.data && html`<${Loading} />`}
		${sum.data &&
		html`<${Summary} s=${sum.data.summary} gaps=${sum.data.gaps} />
			<div class="charts three">
				<${Bars} title=${t('todo.chart_notices')} items=${STAGES.map((st) => ({ name: label('stage', st), value: sum.data.summary.notices.by_stage[st] || 0, href: '#/notices' }))} />
				<${Bars} title=${t('todo.chart_incidents')} color="#b7791f" items=${GRADES.map((g) => ({ name: label('grade', g), value: sum.data.summary.incidents.by_grade[g] || 0, href: '#/incidents' }))} />
				<${Bars} title=${t('todo.chart_classes')} color="#975a16" items=${Object.entries(sum.data.summary.incidents.by_class || {}).map(([c, n]) => ({ name: c === 'none' ? t('todo.class_none') : label('class', c), value: n, href: '#/incidents' }))} />
			</div>`}

		<${ErrorBox} error=${error} retry=${reload} />
		${!d ? (!error && html`<${Loading} />`) : html`
		<h2 id="sec-overdue">${t('todo.overdue')}</h2>
		<${Deadlines} items=${d.overdue} none=${t('todo.none_overdue')} />
		<h2 id="sec-today">${t('todo.due_today')}</h2>
		<${Deadlines} items=${d.today} none=${t('todo.none_today')} />
		<h2>${t('todo.upcoming')}</h2>
		<${Deadlines} items=${d.upcoming} none=${t('todo.none_upcoming')} />
		<p class="hint">${t('todo.working_days_todo')}</p>

		<h2>${t('todo.open_notices')}</h2>
		${d.notices.length
			? html`<div class="scroll"><table class="list">
				<thead><tr><th>${t('notices.code')}</th><th>${t('notices.unit')}</th><th>${t('notices.stage')}</th><th>${t('notices.due')}</th><th>${t('todo.col_left')}</th></tr></thead>
				<tbody>${d.notices.slice(0, SHOW).map(
					(n) => html`<tr>
						<td><a class="nowrap" href=${'#/notices/' + n.id}>${n.code}</a><small class="muted block">${n.category || ''}</small></td>
						<td><${UnitName} code=${n.unit} name=${n.unit_name} /></td>
						<td><${Badge} tone="info">${label('stage', n.stage)}<//></td>
						<td class="nowrap">${fmtDate(n.due)}</td>
						<td class="nowrap ${n.state === 'overdue' ? 'bad-text' : n.state === 'due_today' ? 'warn-text' : ''}">${live(n.state) && n.due ? daysLeft(n.due, n.workdays_left) : html`<${StateBadge} state=${n.state} />`}</td>
					</tr>`
				)}</tbody></table></div>
				<${More} shown=${SHOW} total=${d.notices.length + (d.noticesMore ? 1 : 0)} href="#/notices" />`
			: html`<${Empty} text=${t('todo.none_notices')} />`}

		<h2>${t('todo.open_incidents')}</h2>
		${d.incidents.length
			? html`<div class="scroll"><table class="list">
				<thead><tr><th>${t('incidents.code')}</th><th>${t('incidents.grade')}</th><th>${t('incidents.report')}</th><th>${t('incidents.handling')}</th></tr></thead>
				<tbody>${d.incidents.slice(0, SHOW).map(
					(i) => html`<tr>
						<td><a class="nowrap" href=${'#/incidents/' + i.id}>${i.code}</a><small class="muted block">${fmtDate(i.detected_at)}</small></td>
						<td>${i.grade ? label('grade', i.grade) : t('common.unknown')}</td>
						<td><${StateBadge} state=${i.report_state} /> <${Clock} at=${i.report_due} state=${i.report_state} /></td>
						<td>${i.handling_ended ? t('incidents.handling_ended') : t('incidents.handling_open')}</td>
					</tr>`
				)}</tbody></table></div>
				<${More} shown=${SHOW} total=${d.incidents.length + (d.incidentsMore ? 1 : 0)} href="#/incidents" />`
			: html`<${Empty} text=${t('todo.none_incidents')} />`}`}
	</section>`;
}
