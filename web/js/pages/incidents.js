// incidents.js — the incidents in scope, and one incident: grade (proposed and confirmed), the
// report clocks, the chain of responsibility and the accountability triggers with their articles,
// as GET /incidents/{id} answers them.
import { useState, useEffect } from '../../vendor/hooks.js';
import { html, useLoad, Loading, ErrorBox, Empty, StateBadge, Badge, Pager, useUnits, UnitName } from '../ui.js';
import { t, label } from '../i18n.js';
import { get, query } from '../api.js';
import { fmtDate, fmtTime, fmtNum, hoursLeft, daysLeft } from '../format.js';

export function IncidentList() {
	const [cursors, setCursors] = useState([]);
	const cursor = cursors[cursors.length - 1] || '';
	const { data, error, loading, reload } = useLoad(() => get('/incidents' + query({ limit: 50, cursor })), [cursor]);
	return html`<section class="page">
		<h1>${t('incidents.title')}</h1>
		<${ErrorBox} error=${error} retry=${reload} />
		${loading && !data && html`<${Loading} />`}
		${data &&
		(data.items.length
			? html`<div class="scroll"><table class="list">
				<thead><tr>
					<th>${t('incidents.code')}</th><th>${t('incidents.assets')}</th>
					<th>${t('incidents.grade')}</th><th>${t('incidents.report')}</th><th>${t('incidents.handling')}</th><th>${t('incidents.case')}</th>
				</tr></thead>
				<tbody>${data.items.map(
					(i) => html`<tr>
						<td><a class="nowrap" href=${'#/incidents/' + i.id}>${i.code}</a><small class="muted block">${fmtTime(i.detected_at)}</small></td>
						<td>${(i.assets || []).map((a) => html`<span class="code tag">${a}</span>`)}</td>
						<td class="nowrap">${i.grade ? label('grade', i.grade) : t('common.unknown')}<small class="muted block">${i.grade_confirmed ? t('incidents.grade_confirmed') : i.grade_draft ? t('incidents.grade_draft') : t('incidents.grade_unconfirmed')}</small></td>
						<td><${StateBadge} state=${i.report_state} /></td>
						<td>${i.handling_ended ? html`<${Badge} tone="muted">${t('incidents.handling_ended')}<//>` : html`<${Badge} tone="warn">${t('incidents.handling_open')}<//>`}</td>
						<td>${label('case', i.case_stage)}<small class="muted block">${t('incidents.triggers_n', { fired: i.triggers_fired, open: i.triggers_open })}</small></td>
					</tr>`
				)}</tbody></table></div>`
			: html`<${Empty} text=${t('incidents.empty')} />`)}
		${data && html`<${Pager} next=${data.next} cursors=${cursors} onPage=${setCursors} count=${data.items.length} />`}
	</section>`;
}

// Clock: time left to an instant, ticking each half minute while the page is open
function Clock({ at, state }) {
	const [now, setNow] = useState(Date.now());
	useEffect(() => {
		const id = setInterval(() => setNow(Date.now()), 30000);
		return () => clearInterval(id);
	}, []);
	const done = state === 'done_on_time' || state === 'done_late';
	return html`<span class="clock ${!done && Date.parse(at) < now ? 'bad-text' : ''}">${done ? '' : hoursLeft(at, now)}</span>`;
}

// eventName and eventValue: a timeline event's name and value as a person reads them
function eventName(e) {
	if (e.event === 'measure') return label('measure', e.name);
	if (e.event === 'set') return label('field', e.name);
	if (e.event === 'report') return label('report', e.name);
	return e.name;
}
function eventValue(e) {
	const v = e.value;
	if (e.event === 'set' && e.name === 'class') return label('class', v);
	if (e.event === 'grade') return label('grade', v);
	if (/^\d{4}-\d{2}-\d{2}T/.test(v)) return fmtTime(v);
	if (e.event === 'measure' && /^\d+(\.\d+)?$/.test(v)) return fmtNum(v);
	if (v === 'true') return t('common.yes');
	if (v === 'false') return t('common.no');
	return v;
}

// Note: a timeline note; a long one (a proposal's whole text) folds after its first line
function Note({ text }) {
	if (!text) return null;
	if (text.length <= 160) return html`<span class="note">${text}</span>`;
	return html`<details class="note"><summary>${text.slice(0, 120)}… <span class="more">${t('common.show_all')}</span></summary><p>${text}</p></details>`;
}

const TRIGGER_TONE = { fired: 'bad', not_fired: 'good', needs_judgement: 'warn' };

export function IncidentDetail({ id }) {
	const { data: x, error, loading, reload } = useLoad(() => get('/incidents/' + encodeURIComponent(id)), [id]);
	const units = useUnits();
	if (loading && !x) return html`<section class="page"><${Loading} /></section>`;
	if (error)
		return html`<section class="page"><p><a href="#/incidents">← ${t('incidents.title')}</a></p><${ErrorBox} error=${error} retry=${reload} /></section>`;
	const r = x.record || {};
	const triggers = [...(x.triggers || [])].sort((a, b) => ({ fired: 0, needs_judgement: 1, not_fired: 2 })[a.state] - ({ fired: 0, needs_judgement: 1, not_fired: 2 })[b.state]);
	return html`<section class="page incident">
		<p class="crumb"><a href="#/incidents">← ${t('incidents.title')}</a></p>
		<h1>${r.code}</h1>
		${r.title && html`<p class="lead">${r.title}</p>`}
		<dl class="facts">
			<div><dt>${t('incidents.grade')}</dt><dd><strong>${x.grade ? label('grade', x.grade) : t('common.unknown')}</strong> ${x.grade_confirmed ? html`<${Badge} tone="good">${t('incidents.grade_confirmed')}<//>` : html`<${Badge} tone="warn">${t('incidents.grade_unconfirmed')}<//>`}</dd></div>
			<div><dt>${t('incidents.grade_proposed')}</dt><dd>${x.grade_proposed ? label('grade', x.grade_proposed) : t('common.unknown')}</dd></div>
			<div><dt>${t('incidents.unit')}</dt><dd><${UnitName} code=${r.unit} units=${units} /></dd></div>
			<div><dt>${t('incidents.assets')}</dt><dd>${(r.assets || []).map((a) => html`<a class="code tag" href=${'#/assets?q=' + encodeURIComponent(a)}>${a}</a>`)}</dd></div>
			<div><dt>${t('incidents.detected')}</dt><dd>${fmtTime(r.detected_at)}</dd></div>
			<div><dt>${t('incidents.occurred')}</dt><dd>${fmtTime(r.occurred_at)}</dd></div>
			<div><dt>${t('incidents.class')}</dt><dd>${r.class ? label('class', r.class) : t('common.unknown')}</dd></div>
			<div><dt>${t('incidents.case')}</dt><dd>${label('case', x.case_stage)}</dd></div>
		</dl>
		${x.grade_basis && x.grade_basis.length
			? html`<p class="basis"><strong>${t('incidents.basis')}</strong> ${x.grade_basis.map((b) => html`<span class="tag">${b.text}</span>`)}</p>`
			: null}
		${x.warnings && x.warnings.length
			? html`<div class="warn-box"><strong>${t('incidents.warnings')}</strong><ul>${x.warnings.map((w) => html`<li>${typeof w === 'string' ? w : w.text || JSON.stringify(w)}</li>`)}</ul></div>`
			: null}

		<h2>${t('incidents.clocks')}</h2>
		<div class="scroll"><table class="list clocks">
			<tbody>
				<tr><th>${t('incidents.report_due')}</th>
					<td>${x.report_required ? html`${fmtTime(x.report_due)} <${StateBadge} state=${x.report_state} /> ${x.report_due && html`<${Clock} at=${x.report_due} state=${x.report_state} />`}` : t('incidents.report_not_required')}</td></tr>
				<tr><th>${t('incidents.reported_at')}</th><td>${fmtTime(x.reported_at)}</td></tr>
				<tr><th>${t('incidents.summary_due')}</th>
					<td>${x.summary_due ? html`${fmtDate(x.summary_due)} <${StateBadge} state=${x.summary_state} /> ${x.summary_state === 'open' || x.summary_state === 'overdue' || x.summary_state === 'due_today' ? daysLeft(x.summary_due) : ''}` : html`<${StateBadge} state=${x.summary_state} />`}</td></tr>
			</tbody>
		</table></div>

		<h2>${t('incidents.chain')}</h2>
		${(x.chain || []).length
			? html`<div class="scroll"><table class="list chain">
				<thead><tr><th>${t('incidents.chain_resp')}</th><th>${t('incidents.chain_person')}</th><th>${t('incidents.chain_role')}</th><th>${t('incidents.chain_unit')}</th></tr></thead>
				<tbody>${x.chain.map(
					(c) => html`<tr class=${c.vacant ? 'vacant' : ''}>
						<td>${label('resp', c.responsibility)}</td>
						<td>${c.vacant ? html`<${Badge} tone="bad">${t('incidents.chain_vacant')}<//>` : html`<span class="code">${c.person}</span>`}</td>
						<td>${c.role ? label('role', c.role) : t('common.empty')}</td>
						<td><${UnitName} code=${c.unit} units=${units} /></td>
					</tr>`
				)}</tbody></table></div>
				<p class="hint">${t('incidents.chain_names_todo')}</p>`
			: html`<${Empty} text=${t('incidents.chain_empty')} />`}

		<h2>${t('incidents.triggers')}</h2>
		<div class="scroll"><table class="list triggers">
			<thead><tr><th>${t('incidents.trigger_article')}</th><th>${t('incidents.trigger_state')}</th><th>${t('incidents.trigger_question')} / ${t('incidents.trigger_evidence')}</th></tr></thead>
			<tbody>${triggers.map(
				(g) => html`<tr>
					<td class="nowrap">${g.article}</td>
					<td class="nowrap"><${Badge} tone=${TRIGGER_TONE[g.state]}>${label('trigger', g.state)}<//></td>
					<td>${g.question && html`<p class="q">${g.question}</p>`}
						${(g.evidence || []).length ? html`<ul class="evidence">${g.evidence.map((e) => html`<li>${e}</li>`)}</ul>` : ''}</td>
				</tr>`
			)}</tbody>
		</table></div>

		<h2>${t('incidents.timeline')}</h2>
		${(x.timeline || []).length
			? html`<ol class="timeline">${x.timeline.map(
					(e) => html`<li><time>${fmtTime(e.at)}</time> <strong>${label('ev', e.event)}</strong>
						${e.name ? html` <span>${eventName(e)}</span>` : ''}${e.value !== null && e.value !== undefined ? html` = <strong>${eventValue(e)}</strong>` : ''}
						${e.person ? html` <span class="code">${e.person}</span>` : ''}
						<${Note} text=${e.note} />${e.by ? html`<small class="muted"> — ${e.by}</small>` : ''}</li>`
				)}</ol>`
			: html`<${Empty} text=${t('incidents.timeline_empty')} />`}
	</section>`;
}
