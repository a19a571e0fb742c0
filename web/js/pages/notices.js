// notices.js — the notices (通报) in scope with their deadlines in working days; registering one
// with its number (文号); and one notice: the closed loop received → rectifying → rectified →
// the unit leader's approval → feedback → verified as steps, the acts the role may take (each a
// route of the API), extension and support, the 举一反三 list with bulk marking, repeat and
// criticism warnings, evidence files, corrections with their reasons, and the timeline.
import { useState } from '../../vendor/hooks.js';
import { html, useLoad, Loading, ErrorBox, FieldError, Empty, StateBadge, Badge, Pager, useUnits, UnitName, Systems } from '../ui.js';
import { t, label } from '../i18n.js';
import { get, post, api, query } from '../api.js';
import { navigate, withQuery, can } from '../route.js';
import { Downloads } from '../downloads.js';
import { fmtDate, fmtTime, daysLeft, live } from '../format.js';
import { useDraft, Field, useSubmit, Files, Progress, localToIso, nowLocal, codes } from './work.js';

const STATES = ['open', 'due_today', 'overdue', 'done_on_time', 'done_late', 'no_deadline'];
// the steps drawn: the API's stages, with the unit leader's approval between rectified and feedback
const STEPS = ['received', 'rectifying', 'rectified', 'approved', 'feedback_sent', 'verified'];
const isLeader = (a) => !!a && a.role === 'unit_leader';

function DueCell({ n }) {
	if (!(live(n.state) && n.due)) return html`${fmtDate(n.due)}<small class="block"><${StateBadge} state=${n.state} /></small>`;
	const tone = n.state === 'overdue' ? 'bad-text' : n.state === 'due_today' ? 'warn-text' : '';
	return html`${fmtDate(n.due)}<small class=${'block ' + tone}>${daysLeft(n.due, n.workdays_left)}</small>`;
}

export function NoticeList({ route, account }) {
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
		<div class="page-head">
			<h1>${t('notices.title')}</h1>
			${can.office(account) && html`<a class="button" href="#/notices/new" data-act="new-notice">${t('notices.new')}</a>`}
		</div>
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
						<td class="nowrap"><${DueCell} n=${n} /></td>
						<td><${Badge} tone=${n.stage === 'verified' ? 'good' : 'info'}>${label('stage', n.stage)}<//>${n.repeat ? html` <${Badge} tone="bad">${t('notices.repeat')}<//>` : ''}</td>
						<td class="nowrap">${n.similar_total ? t('notices.similar_n', { open: n.similar_unchecked, total: n.similar_total }) : t('common.empty')}</td>
					</tr>`
				)}</tbody>
			</table></div>`
			: html`<${Empty} text=${filtered ? t('notices.empty') : can.office(account) ? t('notices.empty_office') : t('notices.empty_all')} />`)}
		${data && html`<${Pager} next=${data.next} cursors=${cursors} onPage=${setCursors} count=${data.items.length} />`}
	</section>`;
}

// NoticeNew: the office registers a notice as received — its number as written (文号), who
// issued it, the systems it concerns; the due date follows (the notice's own, else the period
// in working days) and is shown on the notice's page
export function NoticeNew({ account }) {
	const units = useUnits();
	const ws = useLoad(() => get('/work-settings'), []);
	const [v, set, clear] = useDraft('notice-new', { code: '', authority: '', assets: '', unit: '', category: '', received_at: nowLocal(), due: '', text: '' });
	const { error, busy, run } = useSubmit();
	if (!can.office(account)) return html`<section class="page"><h1>${t('notices.new')}</h1><p>${t('notices.new_office_only')}</p></section>`;
	const submit = async (e) => {
		e.preventDefault();
		const body = { code: v.code.trim(), authority: v.authority.trim(), assets: codes(v.assets) };
		if (v.unit) body.unit = v.unit;
		if (v.category.trim()) body.category = v.category.trim();
		if (v.text.trim()) body.text = v.text.trim();
		if (v.received_at) body.received_at = localToIso(v.received_at);
		if (v.due) body.due = v.due;
		const n = await run(() => post('/notices', body));
		if (n) {
			clear();
			navigate('/notices/' + n.id);
		}
	};
	const w = ws.data;
	const period = w && (w.policy_rectify_workdays || w.notice_default_workdays);
	const fields = ['code', 'authority', 'assets', 'unit', 'category', 'received_at', 'due', 'text'];
	return html`<section class="page">
		<p class="crumb"><a href="#/notices">← ${t('notices.title')}</a></p>
		<h1>${t('notices.new')}</h1>
		<form class="card form" onSubmit=${submit} novalidate>
			<div class="grid2">
				<${Field} name="code" label=${t('notices.code')} v=${v} set=${set} error=${error} required placeholder="内网信通〔2026〕77号" hint=${t('notices.code_hint')} />
				<${Field} name="authority" label=${t('notices.authority')} v=${v} set=${set} error=${error} required placeholder=${t('notices.authority_ph')} />
				<${Field} name="assets" label=${t('notices.assets')} v=${v} set=${set} error=${error} required placeholder="WWW, NEWS" hint=${t('notices.assets_hint')} />
				<${Field} name="unit" label=${t('notices.unit')} v=${v} set=${set} error=${error} type="select" options=${[['', t('notices.unit_default')], ...[...units.values()].map((u) => [u.code, u.name])]} />
				<${Field} name="received_at" label=${t('notices.received')} v=${v} set=${set} error=${error} type="datetime-local" />
				<${Field} name="category" label=${t('notices.category')} v=${v} set=${set} error=${error} placeholder=${t('notices.category_ph')} />
				<${Field} name="due" label=${t('notices.stated_due')} v=${v} set=${set} error=${error} type="date" hint=${!w ? '' : period ? t('notices.due_period', { n: period }) : t('notices.due_none')} />
				<${Field} name="text" label=${t('notices.text')} v=${v} set=${set} error=${error} type="textarea" rows="4" wide />
				<${ErrorBox} error=${error} fields=${fields} />
				<div class="buttons"><button type="submit" disabled=${busy}>${t('notices.register')}</button><a href="#/notices">${t('common.cancel')}</a></div>
			</div>
		</form>
	</section>`;
}

// the moment each step was reached, from the timeline
function stepTimes(n) {
	const at = { received: n.received_at, approved: n.approved_at };
	const to = { start: 'rectifying', rectify: 'rectified', feedback: 'feedback_sent', verify: 'verified' };
	for (const e of n.timeline || []) if (to[e.event]) at[to[e.event]] = e.at;
	return at;
}

// the step reached is the current one, those before it done; the approval is reached when given,
// and shows as skipped when the feedback went without it (recorded before the step existed)
function Stepper({ n }) {
	const at = stepTimes(n);
	const reached = { received: 0, rectifying: 1, rectified: n.approved_at ? 3 : 2, feedback_sent: 4, verified: 5 }[n.stage];
	const closed = n.stage === 'verified';
	return html`<ol class="stepper six" aria-label=${t('notices.steps')}>
		${STEPS.map((s, i) => {
			const skipped = s === 'approved' && !n.approved_at && reached > 3;
			const cls = skipped ? 'skipped' : i < reached || closed ? 'done' : i === reached ? 'current' : 'todo';
			return html`<li class=${cls} aria-current=${i === reached ? 'step' : null}>
				<span class="dot">${skipped ? '–' : i < reached || closed ? '✓' : i + 1}</span>
				<span class="lbl">${t('notices.step.' + s)}</span>
				<small>${skipped ? t('notices.step_skipped') : at[s] ? fmtTime(at[s]) : ''}</small>
			</li>`;
		})}
	</ol>`;
}

// the acts that the stage allows and the role may take, each one route
function actsFor(n, account) {
	const acts = [];
	if (n.stage === 'verified') return acts;
	if (can.work(account)) {
		if (n.stage === 'received') acts.push('start');
		if (n.stage === 'received' || n.stage === 'rectifying') acts.push('rectify');
		if (n.stage === 'rectified' && n.approved_at) acts.push('feedback');
	}
	if (isLeader(account) && n.stage === 'rectified' && !n.approved_at) acts.push('approve');
	if (can.office(account) && n.stage === 'feedback_sent') acts.push('verify');
	if (can.work(account) && (n.stage === 'received' || n.stage === 'rectifying' || n.stage === 'rectified')) acts.push('support');
	return acts;
}

// what the person should do next, said in a line above the buttons
function nextHint(n, account) {
	if (n.stage === 'rectified' && !n.approved_at) return isLeader(account) ? t('notices.next.approve_you') : t('notices.next.approve_wait');
	if (n.stage === 'rectified') return t('notices.next.feedback');
	if (n.stage === 'feedback_sent') return can.office(account) ? t('notices.next.verify_you') : t('notices.next.verify_wait');
	if (n.stage === 'received') return t('notices.next.start');
	return t('notices.next.rectify');
}

function Actions({ n, account, onDone }) {
	const [v, set, clear] = useDraft('notice-act-' + n.id, { note: '', by: '' });
	const { error, busy, run } = useSubmit();
	const [done, setDone] = useState('');
	const acts = actsFor(n, account);
	if (n.stage === 'verified') return html`<p class="ok-box">${t('notices.closed')}</p>`;
	const act = async (a) => {
		setDone('');
		const body = {};
		if (v.note.trim()) body.note = v.note.trim();
		if (v.by.trim()) body.by = v.by.trim();
		if (await run(() => post('/notices/' + n.id + '/' + a, body))) {
			clear();
			setDone(t('notices.act.done', { what: t('notices.act.' + a) }));
			onDone();
		}
	};
	return html`<div class="actions card">
		<p class="next"><strong>${t('notices.next')}</strong> ${nextHint(n, account)}</p>
		${acts.length
			? html`<label>${t('notices.note')}<textarea name="note" rows="3" placeholder=${t('notices.note_ph')} value=${v.note} onInput=${(e) => set('note', e.target.value)}></textarea></label>
				<${FieldError} error=${error} field="note" />
				<label>${t('notices.by')}<input name="by" value=${v.by} placeholder=${isLeader(account) ? t('notices.by_default') : ''} onInput=${(e) => set('by', e.target.value)} /></label>
				<${ErrorBox} error=${error} fields=${['note']} />
				<div class="buttons">
					${acts.map((a) => html`<button type="button" data-act=${a} class=${a === 'support' ? 'secondary' : ''} disabled=${busy} onClick=${() => act(a)}>${t('notices.act.' + a)}</button>`)}
				</div>`
			: html`<p class="muted">${t('notices.no_actions')}</p>`}
		${done && html`<p class="ok-box" role="status">${done}</p>`}
	</div>`;
}

function Extend({ n, onDone }) {
	const [v, set, clear] = useDraft('notice-extend-' + n.id, { to: '', reason: '', by: n.authority || '' });
	const { error, busy, run } = useSubmit();
	const submit = async (e) => {
		e.preventDefault();
		if (await run(() => post('/notices/' + n.id + '/extend', { to: v.to, reason: v.reason.trim(), by: v.by.trim() }))) {
			clear();
			onDone();
		}
	};
	return html`<details class="card">
		<summary>${t('notices.extend')}</summary>
		<form onSubmit=${submit} class="grid2" novalidate>
			<${Field} name="to" label=${t('notices.extend_to')} v=${v} set=${set} error=${error} type="date" required />
			<${Field} name="by" label=${t('notices.extend_by')} v=${v} set=${set} error=${error} required />
			<${Field} name="reason" label=${t('notices.extend_reason')} v=${v} set=${set} error=${error} type="textarea" rows="2" required wide />
			<${ErrorBox} error=${error} fields=${['to', 'by', 'reason']} />
			<div class="buttons"><button type="submit" data-act="extend" disabled=${busy}>${t('notices.extend')}</button></div>
		</form>
	</details>`;
}

// Correct: the office puts a mistake right, saying why; kept as a correction beside the timeline
function Correct({ n, onDone }) {
	const init = { code: n.code, authority: n.authority, category: n.category || '', due: n.stated_due || '', text: n.text || '', reason: '' };
	const [v, set, clear] = useDraft('notice-fix-' + n.id, init);
	const { error, busy, run, setError } = useSubmit();
	const submit = async (e) => {
		e.preventDefault();
		const body = { reason: v.reason.trim() };
		for (const k of ['code', 'authority', 'category', 'text']) if (v[k].trim() !== (init[k] || '')) body[k] = v[k].trim() || null;
		if (v.due !== init.due) body.due = v.due || null;
		if (Object.keys(body).length === 1 && body.reason) {
			setError({ code: 'nothing', field: null, message: '' });
			return;
		}
		if (await run(() => api('PATCH', '/notices/' + n.id, body))) {
			clear();
			onDone();
		}
	};
	return html`<details class="card">
		<summary>${t('notices.correct')}</summary>
		<p class="hint">${t('notices.correct_hint')}</p>
		<form onSubmit=${submit} class="grid2" novalidate>
			<${Field} name="code" label=${t('notices.code')} v=${v} set=${set} error=${error} />
			<${Field} name="authority" label=${t('notices.authority')} v=${v} set=${set} error=${error} />
			<${Field} name="category" label=${t('notices.category')} v=${v} set=${set} error=${error} />
			<${Field} name="due" label=${t('notices.stated_due')} v=${v} set=${set} error=${error} type="date" />
			<${Field} name="text" label=${t('notices.text')} v=${v} set=${set} error=${error} type="textarea" rows="3" wide />
			<${Field} name="reason" label=${t('notices.correct_reason')} v=${v} set=${set} error=${error} type="textarea" rows="2" required wide />
			${error && error.code === 'nothing' ? html`<p class="error wide">${t('notices.correct_nothing')}</p>` : html`<${ErrorBox} error=${error} fields=${['code', 'authority', 'category', 'due', 'text', 'reason']} />`}
			<div class="buttons"><button type="submit" data-act="correct" disabled=${busy}>${t('notices.correct_save')}</button></div>
		</form>
	</details>`;
}

// Similar: the 举一反三 list; systems chosen by their boxes (or all those left) are marked
// checked at once with one note
function Similar({ n, account, onDone }) {
	const [sel, setSel] = useState(new Set());
	const [v, set, clear] = useDraft('notice-similar-' + n.id, { note: '', by: '' });
	const { error, busy, run } = useSubmit();
	const list = n.similar || [];
	const total = n.similar_total || list.length;
	const done = n.similar_checked || 0;
	if (!list.length) return html`<${Empty} text=${t('notices.similar_empty')} />`;
	const work = can.work(account) && n.stage !== 'verified';
	const open = list.filter((s) => !s.checked_at);
	const toggle = (a) => {
		const s = new Set(sel);
		if (s.has(a)) s.delete(a);
		else s.add(a);
		setSel(s);
	};
	const mark = async (all) => {
		const body = all ? { all: true } : { assets: [...sel] };
		if (v.note.trim()) body.note = v.note.trim();
		if (v.by.trim()) body.by = v.by.trim();
		if (await run(() => post('/notices/' + n.id + '/checked', body))) {
			setSel(new Set());
			clear();
			onDone();
		}
	};
	return html`<p class="similar-count"><${Progress} done=${done} total=${total} />${total > list.length ? html` <small class="muted">${t('notices.similar_listed', { n: list.length })}</small>` : ''}</p>
		${work &&
		open.length > 0 &&
		html`<div class="card bulk">
			<div class="grid2">
				<label class="wide">${t('notices.similar_note')}<input name="similar-note" value=${v.note} placeholder=${t('notices.similar_note_ph')} onInput=${(e) => set('note', e.target.value)} /><${FieldError} error=${error} field="note" /></label>
			</div>
			<${ErrorBox} error=${error} fields=${['note']} />
			<div class="buttons">
				<button type="button" data-act="mark-selected" disabled=${busy || !sel.size} onClick=${() => mark(false)}>${sel.size ? t('notices.mark_selected', { n: sel.size }) : t('notices.mark_selected_none')}</button>
				<button type="button" class="secondary" data-act="mark-all" disabled=${busy} onClick=${() => window.confirm(t('notices.mark_all_confirm', { n: open.length })) && mark(true)}>${t('notices.mark_all', { n: open.length })}</button>
			</div>
		</div>`}
		<div class="scroll"><table class="list similar">
		<thead><tr>${work ? html`<th class="check"><span class="sr">${t('notices.choose')}</span></th>` : ''}<th>${t('assets.name')}</th><th>${t('notices.similar_why')}</th><th>${t('notices.similar_checked')}</th></tr></thead>
		<tbody>${list.map(
			(s) => html`<tr>
				${work ? html`<td class="check">${s.checked_at ? '' : html`<input type="checkbox" aria-label=${s.name} checked=${sel.has(s.asset)} onChange=${() => toggle(s.asset)} />`}</td>` : ''}
				<td><a href=${'#/assets?q=' + encodeURIComponent(s.asset)}>${s.name}</a><small class="muted block code">${s.asset}</small></td>
				<td>${s.why}</td>
				<td>${s.checked_at
					? html`<${Badge} tone="good">${t('notices.checked_on', { d: fmtDate(s.checked_at) })}<//> ${s.checked_by || ''}${s.note ? html`<small class="block muted">${s.note}</small>` : ''}`
					: html`<${Badge} tone="muted">${t('notices.unchecked')}<//>`}</td>
			</tr>`
		)}</tbody></table></div>`;
}

function Warnings({ n }) {
	const items = [];
	if (n.repeat && n.repeat_of)
		items.push(t('notices.repeat_of', { kind: t('notices.repeat_kind.' + n.repeat_of.kind), code: n.repeat_of.code, d: fmtDate(n.repeat_of.at), asset: n.repeat_of.asset }));
	else if (n.repeat) items.push(t('notices.repeat'));
	if (n.criticism && n.criticism.proposed) items.push(t('notices.criticism_art', { art: n.criticism.article || '' }));
	for (const w of n.warnings || []) items.push(typeof w === 'string' ? w : w.text || JSON.stringify(w));
	if (!items.length) return null;
	return html`<div class=${'warn-box' + (n.repeat ? ' strong' : '')} role="note"><strong>${t('notices.warnings')}</strong><ul>${items.map((w) => html`<li>${w}</li>`)}</ul></div>`;
}

// the timeline with the corrections among the steps, in time order
function Timeline({ n }) {
	const rows = [
		...(n.timeline || []).map((e) => ({ at: e.at, e })),
		...(n.corrections || []).map((c) => ({ at: c.at, c })),
	].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
	if (!rows.length) return html`<${Empty} text=${t('notices.timeline_empty')} />`;
	return html`<ol class="timeline">${rows.map(({ e, c }) =>
		e
			? html`<li><time>${fmtTime(e.at)}</time> <strong>${label('notices.ev', e.event)}</strong>
				${e.extended_to ? ' ' + t('notices.extended_to', { d: fmtDate(e.extended_to) }) : ''}
				${e.note ? html`<span class="note">${e.note}</span>` : ''}${e.by ? html`<small class="muted"> — ${e.by}</small>` : ''}</li>`
			: html`<li class="fix"><time>${fmtTime(c.at)}</time> <strong>${t('notices.ev.correct')}</strong><small class="muted"> — ${c.by}</small>
				<span class="note">${t('notices.correct_why', { why: c.reason })}</span>
				<ul class="changes">${Object.entries(c.changes || {}).map(([k, [was, now]]) => html`<li>${label('notices.field', k)}：<del>${was === null ? t('common.empty') : String(was)}</del> → <ins>${now === null ? t('common.empty') : String(now)}</ins></li>`)}</ul></li>`
	)}</ol>`;
}

export function NoticeDetail({ id, account }) {
	const { data: n, error, loading, reload } = useLoad(() => get('/notices/' + encodeURIComponent(id)), [id]);
	const units = useUnits();
	if (loading && !n) return html`<section class="page"><${Loading} /></section>`;
	if (error)
		return html`<section class="page"><p><a href="#/notices">← ${t('notices.title')}</a></p><${ErrorBox} error=${error} retry=${reload} /></section>`;
	const due = n.due
		? html`<strong>${fmtDate(n.due)}</strong> ${live(n.state) ? html`<span data-test="workdays" class=${n.state === 'overdue' ? 'bad-text' : n.state === 'due_today' ? 'warn-text' : ''}>${daysLeft(n.due, n.workdays_left)}</span>` : html`<${StateBadge} state=${n.state} />`}<small class="block muted">${label('notices.basis', n.due_basis)}</small>`
		: html`<${StateBadge} state=${n.state} />`;
	return html`<section class="page notice">
		<p class="crumb"><a href="#/notices">← ${t('notices.title')}</a></p>
		<h1>${n.code}</h1>
		<${Downloads} doc="feedback" id=${n.id} />
		<dl class="facts">
			<div><dt>${t('notices.authority')}</dt><dd>${n.authority}</dd></div>
			<div><dt>${t('notices.unit')}</dt><dd><${UnitName} code=${n.unit} units=${units} /></dd></div>
			<div><dt>${t('notices.category')}</dt><dd>${n.category || t('common.empty')}</dd></div>
			<div><dt>${t('notices.assets')}</dt><dd><${Systems} codes=${n.assets} names=${n.asset_names} /></dd></div>
			<div><dt>${t('notices.received')}</dt><dd>${fmtTime(n.received_at)}</dd></div>
			<div><dt>${t('notices.due')}</dt><dd data-test="due">${due}</dd></div>
		</dl>
		<${Warnings} n=${n} />
		<h2>${t('notices.steps')}</h2>
		<${Stepper} n=${n} />
		<h2>${t('notices.actions')}</h2>
		<${Actions} n=${n} account=${account} onDone=${reload} />
		${can.office(account) && n.stage !== 'verified' && n.stage !== 'feedback_sent' && html`<${Extend} n=${n} onDone=${reload} />`}
		${can.office(account) && html`<${Correct} n=${n} onDone=${reload} />`}
		${n.text && html`<h2>${t('notices.text')}</h2><p class="text">${n.text}</p>`}
		<h2>${t('notices.similar_title')}</h2>
		<${Similar} n=${n} account=${account} onDone=${reload} />
		<h2>${t('files.title')}</h2>
		<${Files} owner="notices" id=${n.id} canWork=${can.work(account)} />
		<h2>${t('notices.timeline')}</h2>
		<${Timeline} n=${n} />
	</section>`;
}
