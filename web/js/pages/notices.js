// notices.js — the notices (通报) in scope with their deadlines, and one notice: the closed loop
// received → rectifying → rectified → feedback → verified as steps, the acts the role may take
// (each a route of the API), the 举一反三 list and the timeline.
import { useState } from '../../vendor/hooks.js';
import { html, useLoad, Loading, ErrorBox, FieldError, Empty, StateBadge, Badge, Pager, useUnits, UnitName } from '../ui.js';
import { t, label } from '../i18n.js';
import { get, post, query } from '../api.js';
import { navigate, withQuery, can } from '../route.js';
import { fmtDate, fmtTime, daysLeft, live } from '../format.js';

const STATES = ['open', 'due_today', 'overdue', 'done_on_time', 'done_late', 'no_deadline'];
const STAGES = ['received', 'rectifying', 'rectified', 'feedback_sent', 'verified'];

export function NoticeList({ route }) {
	const q = route.query;
	const filters = { state: q.get('state') || '', unit: q.get('unit') || '' };
	const [cursors, setCursors] = useState([]);
	const cursor = cursors[cursors.length - 1] || '';
	const units = useUnits();
	const { data, error, loading, reload } = useLoad(
		() => get('/notices' + query({ ...filters, limit: 50, cursor })),
		[filters.state, filters.unit, cursor]
	);
	const set = (k, v) => {
		setCursors([]);
		navigate(withQuery('/notices', { ...filters, [k]: v }));
	};
	const filtered = filters.state || filters.unit;
	return html`<section class="page">
		<h1>${t('notices.title')}</h1>
		<form class="filters" onSubmit=${(e) => e.preventDefault()}>
			<label>${t('notices.filter_state')}
				<select name="state" value=${filters.state} onChange=${(e) => set('state', e.target.value)}>
					<option value="">${t('common.all')}</option>
					${STATES.map((s) => html`<option value=${s}>${label('state', s)}</option>`)}
				</select>
			</label>
			<label>${t('notices.filter_unit')}
				<select name="unit" value=${filters.unit} onChange=${(e) => set('unit', e.target.value)}>
					<option value="">${t('common.all')}</option>
					${[...units.values()].map((u) => html`<option value=${u.code}>${u.name}</option>`)}
				</select>
			</label>
			${filtered && html`<button type="button" class="link" onClick=${() => navigate('/notices')}>${t('common.reset')}</button>`}
		</form>
		<${ErrorBox} error=${error} retry=${reload} />
		${loading && !data && html`<${Loading} />`}
		${data &&
		(data.items.length
			? html`<div class="scroll"><table class="list notices">
				<thead><tr>
					<th>${t('notices.code')}</th><th>${t('notices.authority')}</th><th>${t('notices.unit')}</th>
					<th class="opt">${t('notices.received')}</th><th>${t('notices.due')}</th><th>${t('notices.stage')}</th><th>${t('notices.similar')}</th>
				</tr></thead>
				<tbody>${data.items.map(
					(n) => html`<tr>
						<td><a class="nowrap" href=${'#/notices/' + n.id}>${n.code}</a><small class="muted block">${n.category || ''}</small></td>
						<td>${n.authority}</td>
						<td><${UnitName} code=${n.unit} units=${units} /></td>
						<td class="nowrap opt">${fmtDate(n.received_at)}</td>
						<td class="nowrap">${fmtDate(n.due)}<small class=${'block ' + (n.state === 'overdue' ? 'bad-text' : n.state === 'due_today' ? 'warn-text' : '')}>${live(n.state) && n.due ? daysLeft(n.due, n.workdays_left) : html`<${StateBadge} state=${n.state} />`}</small></td>
						<td><${Badge} tone=${n.stage === 'verified' ? 'good' : 'info'}>${label('stage', n.stage)}<//>${n.warnings && n.warnings.length ? html` <${Badge} tone="warn">!<//>` : ''}</td>
						<td class="nowrap">${n.similar_total ? t('notices.similar_n', { open: n.similar_unchecked, total: n.similar_total }) : t('common.empty')}</td>
					</tr>`
				)}</tbody>
			</table></div>`
			: html`<${Empty} text=${filtered ? t('notices.empty') : t('notices.empty_all')} />`)}
		${data && html`<${Pager} next=${data.next} cursors=${cursors} onPage=${setCursors} count=${data.items.length} />`}
	</section>`;
}

// the moment a stage was reached, from the timeline
function stageTimes(n) {
	const at = { received: n.received_at };
	const to = { start: 'rectifying', rectify: 'rectified', feedback: 'feedback_sent', verify: 'verified' };
	for (const e of n.timeline || []) if (to[e.event]) at[to[e.event]] = e.at;
	return at;
}

function Stepper({ n }) {
	const cur = STAGES.indexOf(n.stage);
	const at = stageTimes(n);
	return html`<ol class="stepper" aria-label=${t('notices.steps')}>
		${STAGES.map(
			(s, i) => html`<li class=${i < cur ? 'done' : i === cur ? 'current' : 'todo'} aria-current=${i === cur ? 'step' : null}>
				<span class="dot">${i < cur || n.stage === 'verified' ? '✓' : i + 1}</span>
				<span class="lbl">${label('stage', s)}</span>
				<small>${at[s] ? fmtTime(at[s]) : ''}</small>
			</li>`
		)}
	</ol>`;
}

// the acts that the stage allows and the role may take, each one route
function actsFor(n, account) {
	const acts = [];
	if (n.stage === 'verified') return acts;
	if (can.work(account)) {
		if (n.stage === 'received') acts.push('start');
		if (n.stage === 'received' || n.stage === 'rectifying') acts.push('rectify');
		if (n.stage === 'rectified') acts.push('feedback');
	}
	if (can.office(account) && n.stage === 'feedback_sent') acts.push('verify');
	if (can.work(account)) acts.push('support');
	return acts;
}

function Actions({ n, account, onDone }) {
	const [note, setNote] = useState('');
	const [by, setBy] = useState('');
	const [error, setError] = useState(null);
	const [done, setDone] = useState('');
	const [busy, setBusy] = useState(false);
	const acts = actsFor(n, account);
	if (n.stage === 'verified') return html`<p class="ok-box">${t('notices.closed')}</p>`;
	if (!acts.length) return html`<p class="muted">${t('notices.no_actions')}</p>`;
	const act = async (a) => {
		setBusy(true);
		setError(null);
		setDone('');
		const body = {};
		if (note.trim()) body.note = note.trim();
		if (by.trim()) body.by = by.trim();
		try {
			await post('/notices/' + n.id + '/' + a, body);
			setNote('');
			setDone(t('notices.act.done', { what: t('notices.act.' + a) }));
			onDone();
		} catch (err) {
			setError(err); /* what was typed stays for a retry */
		}
		setBusy(false);
	};
	return html`<div class="actions card">
		<label>${t('notices.note')}<textarea name="note" rows="3" placeholder=${t('notices.note_ph')} value=${note} onInput=${(e) => setNote(e.target.value)}></textarea></label>
		<label>${t('notices.by')}<input name="by" value=${by} onInput=${(e) => setBy(e.target.value)} /></label>
		<${ErrorBox} error=${error} />
		${done && html`<p class="ok-box" role="status">${done}</p>`}
		<div class="buttons">
			${acts.map((a) => html`<button type="button" data-act=${a} class=${a === 'support' ? 'secondary' : ''} disabled=${busy} onClick=${() => act(a)}>${t('notices.act.' + a)}</button>`)}
		</div>
		${n.stage === 'rectified' && html`<p class="hint">${t('notices.approval_todo')}</p>`}
	</div>`;
}

function Extend({ n, onDone }) {
	const [to, setTo] = useState('');
	const [reason, setReason] = useState('');
	const [by, setBy] = useState(n.authority || '');
	const [error, setError] = useState(null);
	const [busy, setBusy] = useState(false);
	const submit = async (e) => {
		e.preventDefault();
		setBusy(true);
		setError(null);
		try {
			await post('/notices/' + n.id + '/extend', { to, reason, by });
			setTo('');
			setReason('');
			onDone();
		} catch (err) {
			setError(err);
		}
		setBusy(false);
	};
	return html`<details class="card">
		<summary>${t('notices.extend')}</summary>
		<form onSubmit=${submit} class="grid2">
			<label>${t('notices.extend_to')}<input type="date" name="to" required value=${to} onInput=${(e) => setTo(e.target.value)} /><${FieldError} error=${error} field="to" /></label>
			<label>${t('notices.extend_by')}<input name="by" required value=${by} onInput=${(e) => setBy(e.target.value)} /><${FieldError} error=${error} field="by" /></label>
			<label class="wide">${t('notices.extend_reason')}<textarea name="reason" rows="2" required value=${reason} onInput=${(e) => setReason(e.target.value)}></textarea><${FieldError} error=${error} field="reason" /></label>
			<${ErrorBox} error=${error} fields=${['to', 'by', 'reason']} />
			<div class="buttons"><button type="submit" disabled=${busy}>${t('notices.extend')}</button></div>
		</form>
	</details>`;
}

function Similar({ n, account, onDone }) {
	const [error, setError] = useState(null);
	const [busy, setBusy] = useState('');
	const [bulk, setBulk] = useState('');
	const mark = async (asset) => {
		setBusy(asset);
		setError(null);
		try {
			await post('/notices/' + n.id + '/checked', { asset });
			onDone();
		} catch (err) {
			setError(err);
		}
		setBusy('');
	};
	const list = n.similar || [];
	if (!list.length) return html`<${Empty} text=${t('notices.similar_empty')} />`;
	const work = can.work(account) && n.stage !== 'verified';
	const open = list.filter((s) => !s.checked_at);
	// bulk marking: one checked act per system, in turn, stopping at the first refusal
	const markAll = async () => {
		if (!window.confirm(t('notices.mark_all_confirm', { n: open.length }))) return;
		setError(null);
		for (let i = 0; i < open.length; i++) {
			setBulk(t('notices.marking', { i: i + 1, n: open.length }));
			try {
				await post('/notices/' + n.id + '/checked', { asset: open[i].asset });
			} catch (err) {
				setError(err);
				break;
			}
		}
		setBulk('');
		onDone();
	};
	return html`<${ErrorBox} error=${error} />
		${work && open.length > 1 && html`<div class="buttons bulk"><button type="button" class="secondary" data-act="mark-all" disabled=${!!bulk} onClick=${markAll}>${bulk || t('notices.mark_all', { n: open.length })}</button></div>`}
		<div class="scroll"><table class="list">
		<thead><tr><th>${t('assets.name')}</th><th>${t('notices.similar_why')}</th><th>${t('notices.similar_checked')}</th></tr></thead>
		<tbody>${list.map(
			(s) => html`<tr>
				<td>${s.name}<small class="muted block code">${s.asset}</small></td>
				<td>${s.why}</td>
				<td>${s.checked_at
					? html`<${Badge} tone="good">${fmtDate(s.checked_at)}<//> ${s.checked_by || ''}`
					: work
						? html`<button type="button" class="small secondary" disabled=${busy === s.asset} onClick=${() => mark(s.asset)}>${t('notices.mark_checked')}</button>`
						: html`<${Badge} tone="muted">${t('notices.unchecked')}<//>`}</td>
			</tr>`
		)}</tbody></table></div>`;
}

export function NoticeDetail({ id, account }) {
	const { data: n, error, loading, reload } = useLoad(() => get('/notices/' + encodeURIComponent(id)), [id]);
	const units = useUnits();
	if (loading && !n) return html`<section class="page"><${Loading} /></section>`;
	if (error)
		return html`<section class="page"><p><a href="#/notices">← ${t('notices.title')}</a></p><${ErrorBox} error=${error} retry=${reload} /></section>`;
	return html`<section class="page notice">
		<p class="crumb"><a href="#/notices">← ${t('notices.title')}</a></p>
		<h1>${n.code}</h1>
		<dl class="facts">
			<div><dt>${t('notices.authority')}</dt><dd>${n.authority}</dd></div>
			<div><dt>${t('notices.unit')}</dt><dd><${UnitName} code=${n.unit} units=${units} /></dd></div>
			<div><dt>${t('notices.category')}</dt><dd>${n.category || t('common.empty')}</dd></div>
			<div><dt>${t('notices.assets')}</dt><dd>${(n.assets || []).map((a) => html`<a class="code tag" href=${'#/assets?q=' + encodeURIComponent(a)}>${a}</a>`)}</dd></div>
			<div><dt>${t('notices.received')}</dt><dd>${fmtTime(n.received_at)}</dd></div>
			<div><dt>${t('notices.due')}</dt><dd>${fmtDate(n.due)} ${live(n.state) && n.due ? html`<span class=${n.state === 'overdue' ? 'bad-text' : n.state === 'due_today' ? 'warn-text' : ''}>${daysLeft(n.due, n.workdays_left)}</span>` : html`<${StateBadge} state=${n.state} />`}</dd></div>
		</dl>
		${(n.warnings && n.warnings.length) || n.repeat || n.criticism
			? html`<div class="warn-box"><strong>${t('notices.warnings')}</strong><ul>
				${n.repeat && html`<li>${t('notices.repeat')}${n.repeat_of ? ' ' + n.repeat_of : ''}</li>`}
				${n.criticism && html`<li>${t('notices.criticism')} ${typeof n.criticism === 'string' ? n.criticism : ''}</li>`}
				${(n.warnings || []).map((w) => html`<li>${typeof w === 'string' ? w : w.text || JSON.stringify(w)}</li>`)}
			</ul></div>`
			: null}
		<h2>${t('notices.steps')}</h2>
		<${Stepper} n=${n} />
		<h2>${t('notices.actions')}</h2>
		<${Actions} n=${n} account=${account} onDone=${reload} />
		${can.office(account) && n.stage !== 'verified' && html`<${Extend} n=${n} onDone=${reload} />`}
		${n.text && html`<h2>${t('notices.text')}</h2><p class="text">${n.text}</p>`}
		<h2>${t('notices.similar_title')} ${n.similar_total ? html`<small class="muted">${t('notices.similar_n', { open: n.similar_unchecked, total: n.similar_total })}</small>` : ''}</h2>
		<${Similar} n=${n} account=${account} onDone=${reload} />
		<h2>${t('notices.timeline')}</h2>
		${(n.timeline || []).length
			? html`<ol class="timeline">${n.timeline.map(
					(e) => html`<li><time>${fmtTime(e.at)}</time> <strong>${label('notices.ev', e.event)}</strong>
						${e.extended_to ? ' ' + t('notices.extended_to', { d: fmtDate(e.extended_to) }) : ''}
						${e.note ? html`<span class="note">${e.note}</span>` : ''}${e.by ? html`<small class="muted"> — ${e.by}</small>` : ''}</li>`
				)}</ol>`
			: html`<${Empty} text=${t('notices.timeline_empty')} />`}
	</section>`;
}
