// incidents.js — the incidents in scope; recording one; and one incident: grade proposed and
// confirmed, the report deadlines as live clocks and the reports made, a facts form where 不确定
// is a choice, handling steps, and the accountability — fired triggers with their article's text
// and evidence, open questions to answer, the chain drawn up the unit tree (holders at the time,
// vacancies), the collective split, the proposal, the recommendation's text and the decision —
// evidence files and the timeline, as GET /incidents/{id} answers them.
import { useState } from '../../vendor/hooks.js';
import { html, useLoad, Loading, ErrorBox, FieldError, Empty, StateBadge, Badge, Pager, useUnits, UnitName, Systems } from '../ui.js';
import { t, label, has } from '../i18n.js';
import { get, post, api, query, errorText } from '../api.js';
import { navigate, can } from '../route.js';
import { Downloads } from '../downloads.js';
import { fmtDate, fmtTime, fmtNum, daysLeft, today } from '../format.js';
import { useDraft, Field, useSubmit, Files, localToIso, nowLocal, codes, Clock } from './work.js';

const GRADES = ['一般', '较大', '重大', '特别重大'];
const REPORTERS = ['other', 'cii', 'central_organ'];
const REPORT_KINDS = ['initial', 'supplementary', 'summary'];
const CLASSES = ['malware', 'network_attack', 'data_security', 'content_security', 'equipment_failure', 'violation', 'hidden_danger', 'abnormal_behaviour', 'force_majeure', 'other'];
const MEASURES = ['personal_info_people', 'direct_loss_yuan', 'tamper_homepage_hours', 'tamper_other_hours', 'reposts', 'views', 'core_data_leak'];
const OUTCOMES = ['批评教育', '责令检查', '通报批评', '诫勉谈话', '组织处理', '党纪政务处分', '不予追究'];

// a fact's name as a person reads it: the label the API gave beside it (in the reader's language),
// else the catalogue's, else the code itself
const apiFactLabels = {};
const learnFactLabels = (x) => {
	for (const [k, f] of Object.entries((x && x.facts) || {})) if (f && f.label) apiFactLabels[k] = f.label;
	return x;
};
const factLabel = (f) => apiFactLabels[f] || (has('fact.' + f) ? t('fact.' + f) : f);

// Evidence: one line of a trigger's evidence. The API answers the engine's words
// (`fact = value (why)`, kept as the title) and beside them the line in the reader's language
// (`受到网络攻击：是（事件分类 网络攻击事件 属于网络攻击）`): the fact's name, its value in bold, how it
// was found in small type. Without a label of its own (English, or an older server), the
// engine's words are told
// with the fact's name, 是/否 for a truth and a kind's label.
function Evidence({ text, label: told }) {
	const own = told && told !== text ? told : ''; // in English the label is the engine's words
	const l = /^(.*?)[：:]\s*(.*?)\s*[（(]([^（()）]*)[）)]$/.exec(own);
	if (l) return html`<li title=${text}>${l[1]}：<strong>${l[2]}</strong> <small class="muted">${l[3]}</small></li>`;
	if (own) return html`<li title=${text}>${own}</li>`;
	const m = /^([a-z_.]+) = (.*) \((.*)\)$/.exec(text || '');
	if (!m) return html`<li>${text}</li>`;
	const [, name, raw, why] = m;
	const bare = raw.replace(/^"(.*)"$/, '$1');
	const value =
		raw === 'true' ? t('common.yes') : raw === 'false' ? t('common.no') : has('kind.' + bare) ? label('kind', bare) : bare;
	return html`<li title=${text}>${factLabel(name)}：<strong>${value}</strong> <small class="muted">${why === 'recorded' ? label('origin', 'recorded') : why === 'the register' ? t('incidents.why_register') : why}</small></li>`;
}

export function IncidentList({ account }) {
	const [cursors, setCursors] = useState([]);
	const cursor = cursors[cursors.length - 1] || '';
	const { data, error, loading, reload } = useLoad(() => get('/incidents' + query({ limit: 50, cursor })), [cursor]);
	return html`<section class="page">
		<div class="page-head">
			<h1>${t('incidents.title')}</h1>
			${can.work(account) && html`<a class="button" href="#/incidents/new" data-act="new-incident">${t('incidents.new')}</a>`}
		</div>
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
						<td><${Systems} codes=${i.assets} names=${i.asset_names} /></td>
						<td class="nowrap">${i.grade ? label('grade', i.grade) : t('common.unknown')}<small class="muted block">${i.grade_confirmed ? t('incidents.grade_confirmed') : i.grade_draft ? t('incidents.grade_draft') : t('incidents.grade_unconfirmed')}</small></td>
						<td><${StateBadge} state=${i.report_state} /> <${Clock} at=${i.report_due} state=${i.report_state} /></td>
						<td>${i.handling_ended ? html`<${Badge} tone="muted">${t('incidents.handling_ended')}<//>` : html`<${Badge} tone="warn">${t('incidents.handling_open')}<//>`}</td>
						<td>${label('case', i.case_stage)}<small class="muted block">${t('incidents.triggers_n', { fired: i.triggers_fired, open: i.triggers_open })}</small></td>
					</tr>`
				)}</tbody></table></div>`
			: html`<${Empty} text=${can.work(account) ? t('incidents.empty_work') : t('incidents.empty')} />`)}
		${data && html`<${Pager} next=${data.next} cursors=${cursors} onPage=${setCursors} count=${data.items.length} />`}
	</section>`;
}

// IncidentNew: record an incident as detected — its number, the systems hit (the main one
// first), when it was detected; the report deadline runs from then
export function IncidentNew({ account }) {
	const units = useUnits();
	const [v, set, clear] = useDraft('incident-new', { code: '', title: '', assets: '', unit: '', detected_at: nowLocal(), occurred_at: '', reporter: '', by: '' });
	const { error, busy, run } = useSubmit();
	if (!can.work(account)) return html`<section class="page"><h1>${t('incidents.new')}</h1><p>${t('incidents.new_work_only')}</p></section>`;
	const submit = async (e) => {
		e.preventDefault();
		const body = { code: v.code.trim(), assets: codes(v.assets), detected_at: localToIso(v.detected_at) };
		if (v.title.trim()) body.title = v.title.trim();
		if (v.unit) body.unit = v.unit;
		if (v.occurred_at) body.occurred_at = localToIso(v.occurred_at);
		if (v.reporter) body.reporter = v.reporter;
		if (v.by.trim()) body.by = v.by.trim();
		const x = await run(() => post('/incidents', body));
		if (x) {
			clear();
			navigate('/incidents/' + x.id);
		}
	};
	return html`<section class="page">
		<p class="crumb"><a href="#/incidents">← ${t('incidents.title')}</a></p>
		<h1>${t('incidents.new')}</h1>
		<form class="card form" onSubmit=${submit} novalidate>
			<div class="grid2">
				<${Field} name="code" label=${t('incidents.code')} v=${v} set=${set} error=${error} required placeholder="信息中心事件〔2026〕5号" />
				<${Field} name="title" label=${t('incidents.title_field')} v=${v} set=${set} error=${error} placeholder=${t('incidents.title_ph')} />
				<${Field} name="assets" label=${t('incidents.assets')} v=${v} set=${set} error=${error} required placeholder="WWW" hint=${t('incidents.assets_hint')} />
				<${Field} name="unit" label=${t('incidents.unit')} v=${v} set=${set} error=${error} type="select" options=${[['', t('incidents.unit_default')], ...[...units.values()].map((u) => [u.code, u.name])]} />
				<${Field} name="detected_at" label=${t('incidents.detected')} v=${v} set=${set} error=${error} type="datetime-local" required hint=${t('incidents.detected_hint')} />
				<${Field} name="occurred_at" label=${t('incidents.occurred')} v=${v} set=${set} error=${error} type="datetime-local" />
				<${Field} name="reporter" label=${t('field.reporter')} v=${v} set=${set} error=${error} type="select" options=${[['', t('incidents.reporter_default')], ...REPORTERS.map((r) => [r, t('reporter.' + r)])]} hint=${t('incidents.reporter_hint')} />
				<${Field} name="by" label=${t('incidents.by')} v=${v} set=${set} error=${error} />
				<${ErrorBox} error=${error} fields=${['code', 'title', 'assets', 'unit', 'detected_at', 'occurred_at', 'reporter', 'by']} />
				<div class="buttons"><button type="submit" disabled=${busy}>${t('incidents.record')}</button><a href="#/incidents">${t('common.cancel')}</a></div>
			</div>
		</form>
	</section>`;
}

// eventName and eventValue: a timeline event's name and value as a person reads them
function eventName(e) {
	if (e.event === 'measure') return label('measure', e.name);
	if (e.event === 'set') return label('field', e.name);
	if (e.event === 'report') return label('report', e.name);
	if (e.event === 'fact') return factLabel(e.name);
	return e.name;
}
function eventValue(e) {
	const v = e.value;
	if (e.event === 'set' && e.name === 'class') return label('class', v);
	if (e.event === 'set' && e.name === 'reporter') return label('reporter', v);
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
const ORDER = { fired: 0, needs_judgement: 1, not_fired: 2 };

// a tri-state answer: 'true' | 'false' | '' (不确定: unknown)
function TriState({ name, value, onChange, labelText }) {
	return html`<select name=${name} aria-label=${labelText} value=${value} onChange=${(e) => onChange(e.target.value)}>
		<option value="">${t('incidents.fact_unknown')}</option>
		<option value="true">${t('common.yes')}</option>
		<option value="false">${t('common.no')}</option>
	</select>`;
}

// RowError: the refusal of one row of the facts form, beside it: the catalogue's sentence, the
// API's words beneath
function RowError({ err }) {
	return html`<span class="field-error" role="alert">${errorText(err, false)}${err.message && err.code !== 'network' ? html`<small class="block">${err.message}</small>` : ''}</span>`;
}

// FactsForm: the facts a person establishes (the asked ones; the derived are shown with where
// they come from) and the measures; each changed row is one event, 不确定 sends null
function FactsForm({ x, canWork, onDone, saved }) {
	const facts = Object.entries(x.facts || {}).filter(([k]) => !k.startsWith('asset.'));
	const asked = facts.filter(([k, f]) => f.origin !== 'derived' && k !== 'paralysis_hours' && (f.value === null || typeof f.value === 'boolean'));
	const derived = facts.filter(([, f]) => f.origin === 'derived');
	const init = {};
	for (const [k, f] of asked) init[k] = f.value === null || f.value === undefined ? '' : String(f.value);
	const measures = {};
	for (const e of x.timeline || []) if (e.event === 'measure') measures[e.name] = e.value === null ? '' : e.value;
	for (const m of MEASURES) init['m:' + m] = measures[m] || '';
	init.note = '';
	const [v, set, clear] = useDraft('incident-facts-' + x.id, init);
	const [errs, setErrs] = useState({});
	const [busy, setBusy] = useState(false);
	const changed = [...asked.map(([k]) => k), ...MEASURES.map((m) => 'm:' + m)].filter((k) => (v[k] || '') !== (init[k] || ''));
	const save = async (e) => {
		e.preventDefault();
		setBusy(true);
		setErrs({});
		let n = 0;
		for (const k of changed) {
			const isM = k.startsWith('m:');
			const body = { kind: isM ? 'measure' : 'fact', name: isM ? k.slice(2) : k, value: v[k] === '' ? null : v[k] };
			if (!isM && v.note.trim()) body.note = v.note.trim();
			try {
				await post('/incidents/' + x.id + '/events', body);
				n++;
			} catch (err) {
				setErrs({ [k]: err }); /* the row refused keeps what was typed, and says why */
				break;
			}
		}
		setBusy(false);
		if (n === changed.length) clear();
		if (n) onDone(n); /* the form is drawn anew with what is recorded; the count said above it */
	};
	return html`<form class="facts-form" onSubmit=${save} novalidate>
		<ul class="factgrid">
			${asked.map(
				([k, f]) => html`<li class=${(v[k] || '') !== (init[k] || '') ? 'changed' : ''}>
					<span class="fl">${factLabel(k)}${f.origin === 'recorded' ? html` <small class="muted">${label('origin', f.origin)}</small>` : ''}</span>
					${canWork ? html`<${TriState} name=${'fact-' + k} labelText=${factLabel(k)} value=${v[k] || ''} onChange=${(val) => set(k, val)} />` : html`<strong>${f.value === null ? t('incidents.fact_unknown') : f.value ? t('common.yes') : t('common.no')}</strong>`}
					${errs[k] && html`<${RowError} err=${errs[k]} />`}
				</li>`
			)}
		</ul>
		<h3>${t('incidents.measures')}</h3>
		<ul class="factgrid">
			${MEASURES.map(
				(m) => html`<li class=${(v['m:' + m] || '') !== (init['m:' + m] || '') ? 'changed' : ''}>
					<span class="fl">${label('measure', m)}${(x.grade_unknown_measures || []).includes(m) ? html` <small class="warn-text">${t('incidents.measure_needed')}</small>` : ''}</span>
					${canWork ? html`<input name=${'measure-' + m} inputmode="decimal" aria-label=${label('measure', m)} placeholder=${t('incidents.fact_unknown')} value=${v['m:' + m] || ''} onInput=${(e) => set('m:' + m, e.target.value)} />` : html`<strong>${measures[m] ? fmtNum(measures[m]) : t('incidents.fact_unknown')}</strong>`}
					${errs['m:' + m] && html`<${RowError} err=${errs['m:' + m]} />`}
				</li>`
			)}
		</ul>
		${canWork &&
		html`<div class="grid2">
			<label class="wide">${t('incidents.fact_note')}<input name="fact-note" value=${v.note} placeholder=${t('incidents.fact_note_ph')} onInput=${(e) => set('note', e.target.value)} /></label>
			<div class="buttons"><button type="submit" data-act="save-facts" disabled=${busy || !changed.length}>${t('incidents.facts_save', { n: changed.length })}</button>
			${saved > 0 && !busy && !changed.length ? html`<span class="ok-text" role="status">${t('incidents.facts_saved', { n: saved })}</span>` : ''}</div>
		</div>`}
		${derived.length > 0 &&
		html`<details class="derived"><summary>${t('incidents.facts_derived', { n: derived.length })}</summary>
			<ul>${derived.map(([k, f]) => html`<li>${factLabel(k)}：<strong>${f.value === true ? t('common.yes') : f.value === false ? t('common.no') : String(f.value)}</strong> <small class="muted">${f.why_label || f.why || ''}</small></li>`)}</ul></details>`}
	</form>`;
}

// Answer: the office answers an open question of a trigger — a fact and its evidence
function Answer({ x, g, onDone }) {
	const [v, set, clear] = useDraft('incident-answer-' + x.id + '-' + g.id, { fact: g.missing_facts[0] || '', value: '', note: '' });
	const { error, busy, run } = useSubmit();
	const submit = async (e) => {
		e.preventDefault();
		if (await run(() => post('/incidents/' + x.id + '/answers', { fact: v.fact, value: v.value === '' ? null : v.value, note: v.note.trim() }))) {
			clear();
			onDone();
		}
	};
	return html`<form class="answer" onSubmit=${submit} novalidate>
		<div class="grid3">
			<${Field} name="fact" label=${t('incidents.answer_fact')} v=${v} set=${set} error=${error} type="select" options=${g.missing_facts.map((f) => [f, factLabel(f)])} />
			<label>${t('incidents.fact_value')}<${TriState} name="value" labelText=${t('incidents.fact_value')} value=${v.value} onChange=${(val) => set('value', val)} /><${FieldError} error=${error} field="value" /></label>
			<${Field} name="note" label=${t('incidents.answer_note')} v=${v} set=${set} error=${error} required placeholder=${t('incidents.answer_note_ph')} />
		</div>
		<${ErrorBox} error=${error} fields=${['fact', 'value', 'note']} />
		<div class="buttons"><button type="submit" class="small" data-act="answer" disabled=${busy}>${t('incidents.answer')}</button></div>
	</form>`;
}

function Triggers({ x, office, onDone }) {
	const list = [...(x.triggers || [])].sort((a, b) => ORDER[a.state] - ORDER[b.state]);
	const shown = list.filter((g) => g.state !== 'not_fired');
	const notFired = list.filter((g) => g.state === 'not_fired');
	// the first open question is offered unfolded, the others on request
	const firstOpen = (shown.find((g) => g.state === 'needs_judgement') || {}).id || null;
	return html`<div class="triggers">
		${shown.map(
			(g) => html`<article class=${'trigger ' + g.state}>
				<header><strong>${g.article}</strong> <${Badge} tone=${TRIGGER_TONE[g.state]}>${label('trigger', g.state)}<//></header>
				${g.text && html`<blockquote class="article">${g.text}</blockquote>`}
				${(g.evidence || []).length ? html`<p class="muted small-h">${t('incidents.trigger_evidence')}</p><ul class="evidence">${g.evidence.map((e, i) => html`<${Evidence} text=${e} label=${(g.evidence_labels || [])[i]} />`)}</ul>` : ''}
				${g.state === 'needs_judgement' &&
				html`<p class="q"><strong>${t('incidents.trigger_question')}</strong> ${g.question}</p>
					<p class="muted">${t('incidents.missing')} ${g.missing_facts.map((f) => html`<span class="tag">${factLabel(f)}</span>`)}</p>
					${office ? html`<details class="answer-box" open=${g.id === firstOpen}><summary>${t('incidents.answer_open')}</summary><${Answer} x=${x} g=${g} onDone=${onDone} /></details>` : ''}`}
			</article>`
		)}
		${notFired.length > 0 && html`<p class="muted">${t('incidents.not_fired')} ${notFired.map((g) => html`<span class="tag" title=${g.text || ''}>${g.article}</span>`)}</p>`}
	</div>`;
}

// Chain: the chain of responsibility drawn up the unit tree — for each answering unit its path
// to the top, each unit a box with the holders (at the time of the incident) found there;
// vacancies in red; the person involved and coordination apart
function Chain({ x, units }) {
	const chain = x.chain || [];
	if (!chain.length) return html`<${Empty} text=${t('incidents.chain_empty')} />`;
	const byUnit = new Map();
	for (const c of chain) {
		if (!byUnit.has(c.unit)) byUnit.set(c.unit, []);
		byUnit.get(c.unit).push(c);
	}
	// the units of the chain from an answering unit up to the top (those above it that the
	// caller's unit list does not reach come last, at the top, so that no link is left out)
	const path = (code) => {
		const out = [];
		const seen = new Set();
		for (let u = code; u && !seen.has(u); u = units.get(u) ? units.get(u).parent : null) {
			seen.add(u);
			if (byUnit.has(u)) out.push(u);
		}
		return out;
	};
	const answering = [...new Set(chain.map((c) => c.answering).filter(Boolean))];
	const apart = chain.filter((c) => !c.answering);
	const Person = ({ c }) => html`<li class=${c.vacant ? 'vacant' : ''}>
		${c.vacant ? html`<${Badge} tone="bad">${t('incidents.chain_vacant')}<//>` : html`<strong>${c.name || c.person}</strong> <small class="code muted">${c.person}</small>`}
		<small class="block">${c.role ? label('role', c.role) : t('incidents.chain_involved')} · ${label('resp', c.responsibility)}</small>
	</li>`;
	return html`<div class="chain-diagram" role="group" aria-label=${t('incidents.chain')}>
		${answering.map(
			(a) => html`<div class="chain-col">
				<p class="muted small-h">${t('incidents.chain_from', { unit: units.get(a) ? units.get(a).name : a })}</p>
				<ol class="chain-up">${[...path(a), ...[...byUnit.keys()].filter((u) => !path(a).includes(u))]
					.map((u) => [u, byUnit.get(u).filter((c) => c.answering === a)])
					.filter(([, people]) => people.length)
					.reverse()
					.map(([u, people]) => html`<li class="unit-box"><span class="unit-name"><${UnitName} code=${u} units=${units} /></span><ul>${people.map((c) => html`<${Person} c=${c} />`)}</ul></li>`)
					}</ol>
			</div>`
		)}
		${apart.length > 0 &&
		html`<div class="chain-col apart"><p class="muted small-h">${t('incidents.chain_apart')}</p><ul class="unit-box">${apart.map((c) => html`<${Person} c=${c} />`)}</ul></div>`}
	</div>`;
}

// Collective: who took part in a collective decision (第十五条: collective responsibility, the
// leaders who took part) against the persons answering individually
function Collective({ x }) {
	const r = x.record || {};
	const part = new Set(r.participants || []);
	const chain = (x.chain || []).filter((c) => !c.vacant);
	const collective = chain.filter((c) => part.has(c.person));
	const personal = chain.filter((c) => !part.has(c.person));
	if (!part.size) return html`<p class="muted">${t('incidents.collective_none')}</p>`;
	const row = (c) => html`<li>${c.name || c.person} <small class="muted">${label('resp', c.responsibility)}</small></li>`;
	return html`<div class="split">
		<div><h3>${t('incidents.collective')}</h3><ul>${collective.map(row)}</ul></div>
		<div><h3>${t('incidents.personal')}</h3><ul>${personal.map(row)}</ul></div>
	</div>`;
}

function Step({ x, path, act, fields, children, onDone, initial, build, danger }) {
	const [v, set, clear] = useDraft('incident-' + act + '-' + x.id, initial || {});
	const { error, busy, run } = useSubmit();
	const submit = async (e) => {
		e.preventDefault();
		if (await run(() => post('/incidents/' + x.id + '/' + path, build ? build(v) : {}))) {
			clear();
			onDone();
		}
	};
	return html`<form class="step" onSubmit=${submit} novalidate>
		${children && children(v, set, error)}
		<${ErrorBox} error=${error} fields=${fields || []} />
		<div class="buttons"><button type="submit" class=${danger ? 'secondary' : ''} data-act=${act} disabled=${busy}>${t('incidents.act.' + act)}</button></div>
	</form>`;
}

function Decide({ x, onDone }) {
	const people = [...new Map((x.chain || []).filter((c) => !c.vacant && c.person).map((c) => [c.person, c])).values()];
	const init = { authority: '', date: today() };
	for (const c of people) init['o:' + c.person] = '';
	const build = (v) => ({
		authority: v.authority.trim(),
		date: v.date,
		outcomes: people.filter((c) => (v['o:' + c.person] || '').trim()).map((c) => c.person + '=' + v['o:' + c.person].trim()),
	});
	return html`<${Step} x=${x} path="decide" act="decide" onDone=${onDone} initial=${init} build=${build} fields=${['authority', 'date', 'outcomes']}>
		${(v, set, error) => html`<div class="grid2">
			<${Field} name="authority" label=${t('incidents.decide_authority')} v=${v} set=${set} error=${error} required placeholder=${t('incidents.decide_authority_ph')} />
			<${Field} name="date" label=${t('incidents.decide_date')} v=${v} set=${set} error=${error} type="date" required />
		</div>
		<datalist id="outcomes">${OUTCOMES.map((o) => html`<option value=${o} />`)}</datalist>
		<table class="list outcomes"><thead><tr><th>${t('incidents.chain_person')}</th><th>${t('incidents.chain_resp')}</th><th>${t('incidents.outcome')}</th></tr></thead>
		<tbody>${people.map((c) => html`<tr><td>${c.name || c.person} <small class="code muted">${c.person}</small></td><td>${label('resp', c.responsibility)}</td>
			<td><input name=${'outcome-' + c.person} list="outcomes" aria-label=${t('incidents.outcome') + ' ' + (c.name || c.person)} value=${v['o:' + c.person] || ''} onInput=${(e) => set('o:' + c.person, e.target.value)} /></td></tr>`)}</tbody></table>
		<${FieldError} error=${error} field="outcomes" />`}
	<//>`;
}

// CorrectIncident: a mistake in the record put right, saying why; kept beside the timeline
function CorrectIncident({ x, units, onDone }) {
	const r = x.record || {};
	const local = (iso) => (iso ? new Date(Date.parse(iso) + 8 * 3600 * 1000).toISOString().slice(0, 16) : '');
	const init = { code: r.code || '', title: r.title || '', unit: r.unit || '', detected_at: local(r.detected_at), reason: '' };
	const [v, set, clear] = useDraft('incident-fix-' + x.id, init);
	const { error, busy, run } = useSubmit();
	const submit = async (e) => {
		e.preventDefault();
		const body = { reason: v.reason.trim() };
		if (v.code.trim() !== init.code) body.code = v.code.trim();
		if (v.title.trim() !== init.title) body.title = v.title.trim() || null;
		if (v.unit !== init.unit && v.unit) body.unit = v.unit;
		if (v.detected_at !== init.detected_at) body.detected_at = localToIso(v.detected_at);
		const got = await run(() => api('PATCH', '/incidents/' + x.id, body));
		if (got) {
			clear();
			if (body.code) navigate('/incidents/' + x.id);
			onDone();
		}
	};
	return html`<details class="card"><summary>${t('incidents.correct')}</summary>
		<p class="hint">${t('incidents.correct_hint')}</p>
		<form class="grid2" onSubmit=${submit} novalidate>
			<${Field} name="code" label=${t('incidents.code')} v=${v} set=${set} error=${error} />
			<${Field} name="title" label=${t('incidents.title_field')} v=${v} set=${set} error=${error} />
			<${Field} name="unit" label=${t('incidents.unit')} v=${v} set=${set} error=${error} type="select" options=${[...units.values()].map((u) => [u.code, u.name])} />
			<${Field} name="detected_at" label=${t('incidents.detected')} v=${v} set=${set} error=${error} type="datetime-local" />
			<${Field} name="reason" label=${t('notices.correct_reason')} v=${v} set=${set} error=${error} type="textarea" rows="2" required wide />
			<${ErrorBox} error=${error} fields=${['code', 'title', 'unit', 'detected_at', 'reason']} />
			<div class="buttons"><button type="submit" data-act="correct" disabled=${busy}>${t('notices.correct_save')}</button></div>
		</form></details>`;
}

// the timeline with the corrections among the events, in time order
function Timeline({ x }) {
	const rows = [...(x.timeline || []).map((e) => ({ at: e.at || e.recorded_at, e })), ...(x.corrections || []).map((c) => ({ at: c.at, c }))].sort(
		(a, b) => Date.parse(a.at) - Date.parse(b.at)
	);
	if (!rows.length) return html`<${Empty} text=${t('incidents.timeline_empty')} />`;
	const show = (k, v) => (v === null || v === undefined ? t('common.empty') : k === 'detected_at' ? fmtTime(v) : String(v));
	return html`<ol class="timeline">${rows.map(({ e, c }) =>
		e
			? html`<li><time>${fmtTime(e.at || e.recorded_at)}</time> <strong>${label('ev', e.event)}</strong>
				${e.name ? html` <span>${eventName(e)}</span>` : ''}${e.value !== null && e.value !== undefined ? html` = <strong>${eventValue(e)}</strong>` : ''}
				${e.person ? html` <span>${nameOf(x, e.person)}</span>${nameOf(x, e.person) !== e.person ? html` <small class="code muted">${e.person}</small>` : ''}` : ''}
				<${Note} text=${e.note} />${e.by ? html`<small class="muted"> — ${e.by}</small>` : ''}</li>`
			: html`<li class="fix"><time>${fmtTime(c.at)}</time> <strong>${t('notices.ev.correct')}</strong><small class="muted"> — ${c.by}</small>
				<span class="note">${t('notices.correct_why', { why: c.reason })}</span>
				<ul class="changes">${Object.entries(c.changes || {}).map(([k, [was, now]]) => html`<li>${label('incidents.field', k)}：<del>${show(k, was)}</del> → <ins>${show(k, now)}</ins></li>`)}</ul></li>`
	)}</ol>`;
}

function nameOf(x, code) {
	const c = (x.chain || []).find((l) => l.person === code && l.name);
	return c ? c.name : code;
}

function lastNote(x, ev) {
	const l = (x.timeline || []).filter((e) => e.event === ev);
	return l.length ? l[l.length - 1] : null;
}

export function IncidentDetail({ id, account }) {
	const { data: x, error, loading, reload } = useLoad(() => get('/incidents/' + encodeURIComponent(id)).then(learnFactLabels), [id]);
	const units = useUnits();
	const [factsSaved, setFactsSaved] = useState(0);
	if (loading && !x) return html`<section class="page"><${Loading} /></section>`;
	if (error)
		return html`<section class="page"><p><a href="#/incidents">← ${t('incidents.title')}</a></p><${ErrorBox} error=${error} retry=${reload} /></section>`;
	const r = x.record || {};
	const work = can.work(account);
	const office = can.office(account);
	const reports = (x.timeline || []).filter((e) => e.event === 'report');
	const rec = lastNote(x, 'recommend');
	const prop = lastNote(x, 'propose');
	const decisions = (x.timeline || []).filter((e) => e.event === 'decide');
	const summaryLive = x.summary_state === 'open' || x.summary_state === 'overdue' || x.summary_state === 'due_today';
	return html`<section class="page incident">
		<p class="crumb"><a href="#/incidents">← ${t('incidents.title')}</a></p>
		<h1>${r.code}</h1>
		${r.title && html`<p class="lead">${r.title}</p>`}
		<${Downloads} doc="recommendation" id=${id} />
		<dl class="facts">
			<div><dt>${t('incidents.unit')}</dt><dd><${UnitName} code=${r.unit} units=${units} /></dd></div>
			<div><dt>${t('incidents.assets')}</dt><dd><${Systems} codes=${r.assets} names=${x.asset_names} /></dd></div>
			<div><dt>${t('incidents.detected')}</dt><dd>${fmtTime(r.detected_at)}</dd></div>
			<div><dt>${t('incidents.occurred')}</dt><dd>${fmtTime(r.occurred_at)}</dd></div>
			<div><dt>${t('incidents.class')}</dt><dd>${r.class ? label('class', r.class) : t('common.unknown')}</dd></div>
			<div><dt>${t('incidents.handling')}</dt><dd>${r.handling_ended_at ? html`${t('incidents.handling_ended')} <small class="muted">${fmtTime(r.handling_ended_at)}</small>` : html`<${Badge} tone="warn">${t('incidents.handling_open')}<//>`}</dd></div>
		</dl>
		${x.warnings && x.warnings.length
			? html`<div class="warn-box"><strong>${t('incidents.warnings')}</strong><ul>${x.warnings.map((w) => html`<li>${typeof w === 'string' ? w : w.text || JSON.stringify(w)}</li>`)}</ul></div>`
			: null}

		<h2>${t('incidents.grade')}</h2>
		<div class="grades">
			<div class="grade-box proposed"><small>${t('incidents.grade_proposed')}</small><strong>${x.grade_proposed ? label('grade', x.grade_proposed) : t('common.unknown')}</strong>
				${x.grade_basis && x.grade_basis.length ? html`<ul class="basis">${x.grade_basis.map((b) => html`<li>${b.text}</li>`)}</ul>` : html`<p class="muted">${t('incidents.basis_none')}</p>`}</div>
			<div class=${'grade-box ' + (x.grade_confirmed ? 'confirmed' : 'pending')}><small>${t('incidents.grade_current')}</small><strong>${x.grade ? label('grade', x.grade) : t('common.unknown')}</strong>
				${x.grade_confirmed ? html`<${Badge} tone="good">${t('incidents.grade_confirmed')}<//>` : html`<${Badge} tone="warn">${t('incidents.grade_unconfirmed')}<//>`}</div>
		</div>
		${work &&
		html`<details class="card"><summary>${t('incidents.grade_confirm')}</summary>
			<${Step} x=${x} path="events" act="grade" onDone=${reload} initial=${{ value: x.grade_proposed || '', note: '' }} build=${(v) => ({ kind: 'grade', value: v.value, note: v.note.trim() })} fields=${['value', 'note']}>
				${(v, set, error) => html`<div class="grid2">
					<${Field} name="value" label=${t('incidents.grade')} v=${v} set=${set} error=${error} type="select" options=${[['', t('common.none')], ...GRADES.map((g) => [g, label('grade', g)])]} required />
					<${Field} name="note" label=${t('incidents.grade_reason')} v=${v} set=${set} error=${error} required placeholder=${t('incidents.grade_reason_ph')} />
				</div>`}
			<//></details>`}

		<h2>${t('incidents.clocks')}</h2>
		<div class="clocks-grid">
			<div class="clock-box"><small>${t('incidents.report_due')}</small>
				${x.report_required ? html`<strong>${fmtTime(x.report_due)}</strong> <${StateBadge} state=${x.report_state} /> <${Clock} at=${x.report_due} state=${x.report_state} />` : html`<strong>${t('incidents.report_not_required')}</strong>`}
				<small class="block muted">${t('incidents.reported_at')}：${fmtTime(x.reported_at)}</small></div>
			<div class="clock-box"><small>${t('incidents.summary_due')}</small>
				${x.summary_due ? html`<strong>${fmtDate(x.summary_due)}</strong> <${StateBadge} state=${x.summary_state} /> ${summaryLive ? html`<span class="clock run">${daysLeft(x.summary_due)}</span>` : ''}` : html`<${StateBadge} state=${x.summary_state} />`}</div>
		</div>
		<h3>${t('incidents.reports_made')}</h3>
		${reports.length
			? html`<ul class="reports">${reports.map((e) => html`<li><time>${fmtTime(e.at)}</time> <strong>${label('report', e.name)}</strong> → ${e.value}${e.by ? html`<small class="muted"> — ${e.by}</small>` : ''}<${Note} text=${e.note} /></li>`)}</ul>`
			: html`<p class="muted">${t('incidents.reports_none')}</p>`}
		${work &&
		html`<details class="card"><summary>${t('incidents.act.report')}</summary>
			<${Step} x=${x} path="report" act="report" onDone=${reload} initial=${{ kind: reports.length ? 'supplementary' : 'initial', to: '', at: nowLocal(), note: '' }} build=${(v) => ({ kind: v.kind, to: v.to.trim(), at: localToIso(v.at), ...(v.note.trim() ? { note: v.note.trim() } : {}) })} fields=${['kind', 'to', 'at', 'note']}>
				${(v, set, error) => html`<div class="grid2">
					<${Field} name="kind" label=${t('incidents.report_kind')} v=${v} set=${set} error=${error} type="select" options=${REPORT_KINDS.map((k) => [k, label('report', k)])} />
					<${Field} name="to" label=${t('incidents.report_to')} v=${v} set=${set} error=${error} required placeholder=${t('incidents.report_to_ph')} />
					<${Field} name="at" label=${t('incidents.report_at')} v=${v} set=${set} error=${error} type="datetime-local" />
					<${Field} name="note" label=${t('incidents.report_note')} v=${v} set=${set} error=${error} type="textarea" rows="2" wide />
				</div>`}
			<//></details>`}

		<h2>${t('incidents.facts')}</h2>
		<p class="hint">${t('incidents.facts_hint')}</p>
		<${FactsForm} x=${x} canWork=${work} onDone=${(n) => { setFactsSaved(n); reload(); }} saved=${factsSaved} key=${(x.timeline || []).length} />

		${work &&
		html`<h2>${t('incidents.handling')}</h2>
		<div class="grid2 cards">
			<div class="card"><${Step} x=${x} path="events" act="step" onDone=${reload} initial=${{ note: '' }} build=${(v) => ({ kind: 'step', note: v.note.trim() })} fields=${['note']}>
				${(v, set, error) => html`<${Field} name="note" label=${t('incidents.step_note')} v=${v} set=${set} error=${error} type="textarea" rows="2" required placeholder=${t('incidents.step_note_ph')} />`}
			<//></div>
			${!r.handling_ended_at &&
			html`<div class="card"><p class="hint">${t('incidents.close_hint')}</p><${Step} x=${x} path="close" act="close" onDone=${reload} initial=${{ note: '' }} build=${(v) => (v.note.trim() ? { note: v.note.trim() } : {})} fields=${['note']} danger=${true}>
				${(v, set, error) => html`<${Field} name="note" label=${t('incidents.close_note')} v=${v} set=${set} error=${error} />`}
			<//></div>`}
		</div>`}

		<h2>${t('incidents.accountability')} <small class="muted">${label('case', x.case_stage)}</small></h2>
		<h3>${t('incidents.triggers')}</h3>
		<${Triggers} x=${x} office=${office} onDone=${reload} />
		<h3>${t('incidents.chain')}</h3>
		<${Chain} x=${x} units=${units} />
		<h3>${t('incidents.collective_split')}</h3>
		<${Collective} x=${x} />
		<h3>${t('incidents.case_steps')}</h3>
		<ol class="case-steps">
			<li class=${prop ? 'done' : ''}><strong>${t('incidents.act.propose')}</strong> ${prop
				? html`<small class="muted">${fmtTime(prop.at)} ${prop.by || ''}</small><${Note} text=${prop.note} />`
				: !r.handling_ended_at
					? html`<span class="muted">${t('incidents.propose_after_close')}</span>`
					: office ? html`<${Step} x=${x} path="propose" act="propose" onDone=${reload} />` : html`<span class="muted">${t('incidents.not_yet')}</span>`}</li>
			<li class=${rec ? 'done' : ''}><strong>${t('incidents.act.recommend')}</strong> ${rec ? html`<small class="muted">${fmtTime(rec.at)} ${rec.by || ''}</small>` : office && prop ? html`<${Step} x=${x} path="recommend" act="recommend" onDone=${reload} />` : html`<span class="muted">${t('incidents.not_yet')}</span>`}
				${rec && html`<pre class="recommendation">${rec.note}</pre>`}</li>
			<li class=${decisions.length ? 'done' : ''}><strong>${t('incidents.act.decide')}</strong>
				${decisions.length
					? html`<ul>${decisions.map((d) => html`<li>${fmtTime(d.at)} ${d.name}：${nameOf(x, d.person)} <small class="code muted">${d.person}</small> → <strong>${d.value}</strong></li>`)}</ul>`
					: office ? html`<${Decide} x=${x} onDone=${reload} />` : html`<span class="muted">${t('incidents.not_yet')}</span>`}</li>
		</ol>

		${work && html`<${CorrectIncident} x=${x} units=${units} onDone=${reload} />`}
		<h2>${t('files.title')}</h2>
		<${Files} owner="incidents" id=${x.id} canWork=${work} />

		<h2>${t('incidents.timeline')}</h2>
		<${Timeline} x=${x} />
	</section>`;
}
