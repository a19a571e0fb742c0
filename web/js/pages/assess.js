// assess.js — the yearly assessment (检查考核): the sheets of a year in scope with the ranking and
// the year before, the results list to download, and one unit's sheet — its indicators with
// value, P, score, the evidence each needs and the records behind it, exemptions, the evidence
// files, the steps of the cycle and the buttons of the steps the signed-in role may take
// (the API decides; this only hides what it would refuse).
import { useState } from '../../vendor/hooks.js';
import { html, useLoad, Loading, ErrorBox, FieldError, Empty, Badge } from '../ui.js';
import { t, label } from '../i18n.js';
import { get, post, query, upload } from '../api.js';
import { fmtTime } from '../format.js';
import { navigate, withQuery, can } from '../route.js';
import { Downloads } from '../downloads.js';

const STAGE_TONE = { draft: 'info', submitted: 'warn', reviewed: 'warn', approved: 'good' };
const GRADE_TONE = { excellent: 'good', good: 'good', pass: 'info', fail: 'bad' };

function StageBadge({ stage }) {
	return html`<${Badge} tone=${STAGE_TONE[stage]}>${label('assess.stage', stage)}<//>`;
}

function Grade({ grade, labelText, vetoed }) {
	if (!grade) return t('common.empty');
	return html`<${Badge} tone=${GRADE_TONE[grade] || 'muted'}>${labelText || label('assess.grade', grade)}<//>${vetoed ? html` <${Badge} tone="bad">${t('assess.vetoed')}<//>` : ''}`;
}

function thisYear() {
	return new Date().getFullYear();
}

// Open: a unit's sheet of a year (the unit's officer: their own; the office: any)
function Open({ year }) {
	const [unit, setUnit] = useState('');
	const [error, setError] = useState(null);
	const [busy, setBusy] = useState(false);
	const submit = async (e) => {
		e.preventDefault();
		setBusy(true);
		setError(null);
		try {
			const s = await post('/assessments', { unit: unit.trim(), year });
			navigate('/assess/' + s.id);
		} catch (err) {
			setError(err);
		}
		setBusy(false);
	};
	return html`<details class="card open-sheet">
		<summary>${t('assess.open', { year })}</summary>
		<form onSubmit=${submit} class="grid2">
			<label>${t('assess.unit_code')}<input name="unit" required value=${unit} onInput=${(e) => setUnit(e.target.value)} /><${FieldError} error=${error} field="unit" /></label>
			<${ErrorBox} error=${error} fields=${['unit']} />
			<div class="buttons"><button type="submit" disabled=${busy}>${t('assess.open_button')}</button></div>
		</form>
	</details>`;
}

export function AssessList({ route, account }) {
	const year = Number(route.query.get('year')) || thisYear();
	const list = useLoad(() => get('/assessments' + query({ year, limit: 200 })), [year]);
	const rank = useLoad(() => get('/assessments/ranking' + query({ year })), [year]);
	const setYear = (y) => navigate(withQuery('/assess', { year: y }));
	return html`<section class="page assess">
		<h1>${t('assess.title')}</h1>
		<form class="filters" onSubmit=${(e) => e.preventDefault()}>
			<label>${t('assess.year')}
				<select name="year" value=${year} onChange=${(e) => setYear(e.target.value)}>
					${[thisYear(), thisYear() - 1, thisYear() - 2].map((y) => html`<option value=${y}>${y}</option>`)}
				</select></label>
			<a class="button secondary" download href=${'/api/v1/assessments/results' + query({ year, format: 'xlsx' })}>${t('assess.results_xlsx')}</a>
			<a class="button secondary" download href=${'/api/v1/assessments/results' + query({ year })}>${t('assess.results_csv')}</a>
		</form>
		<${Downloads} doc="assessment" params=${{ year }} formats=${['pdf', 'docx', 'xlsx']} />
		${can.work(account) && html`<${Open} year=${year} />`}
		<h2>${t('assess.sheets')}</h2>
		<${ErrorBox} error=${list.error} retry=${list.reload} />
		${list.loading && !list.data && html`<${Loading} />`}
		${list.data &&
		(list.data.items.length
			? html`<div class="scroll"><table class="list sheets">
				<thead><tr><th>${t('assess.unit')}</th><th>${t('assess.version')}</th><th>${t('assess.stage')}</th><th>${t('assess.total')}</th><th>${t('assess.grade')}</th></tr></thead>
				<tbody>${list.data.items.map(
					(s) => html`<tr>
						<td><a href=${'#/assess/' + s.id}>${s.unit.name}</a> <span class="code muted">${s.unit.code}</span></td>
						<td>v${s.version}</td>
						<td><${StageBadge} stage=${s.stage} /></td>
						<td class="num">${s.total ?? t('common.empty')}</td>
						<td><${Grade} grade=${s.grade} vetoed=${s.vetoed} /></td>
					</tr>`
				)}</tbody></table></div>`
			: html`<${Empty} text=${t('assess.empty', { year })} />`)}
		<h2>${t('assess.ranking')}</h2>
		<${ErrorBox} error=${rank.error} retry=${rank.reload} />
		${rank.data &&
		(rank.data.ranking.length
			? html`<div class="scroll"><table class="list ranking">
				<thead><tr><th>${t('assess.rank')}</th><th>${t('assess.unit')}</th><th>${t('assess.total')}</th><th>${t('assess.grade')}</th><th>${t('assess.stage')}</th><th>${t('assess.previous', { year: year - 1 })}</th><th>${t('assess.change')}</th></tr></thead>
				<tbody>${rank.data.ranking.map(
					(x) => html`<tr>
						<td class="num">${x.rank ?? t('common.empty')}</td>
						<td><a href=${'#/assess/' + x.id}>${x.unit.name}</a></td>
						<td class="num">${x.total ?? t('common.empty')}</td>
						<td><${Grade} grade=${x.grade} labelText=${x.grade_label} vetoed=${x.vetoed} /></td>
						<td><${StageBadge} stage=${x.stage} /></td>
						<td class="num">${x.previous && x.previous.total ? html`${x.previous.total} <small class="muted">${x.previous.grade_label || ''}</small>` : t('common.empty')}</td>
						<td class="num">${x.change === null ? t('common.empty') : (Number(x.change) > 0 ? '+' : '') + x.change}</td>
					</tr>`
				)}</tbody></table></div>
				<p class="hint">${t('assess.ranking_hint')}</p>`
			: html`<${Empty} text=${t('assess.ranking_empty')} />`)}
	</section>`;
}

// valueText: an indicator's value as a person reads it
function valueText(v) {
	if (!v) return t('common.empty');
	if (v.kind === 'level') return 'P = ' + v.p;
	if (v.kind === 'share') return v.of ? v.n + ' / ' + v.of + ' (' + Math.round((v.n * 1000) / v.of) / 10 + '%)' : '0 / 0';
	return t('assess.count', { n: v.n });
}

// Entry: a manual indicator's value, or an exemption of any, on a draft sheet
function Entry({ sheet, ind, onDone }) {
	const [value, setValue] = useState('');
	const [of, setOf] = useState('');
	const [reason, setReason] = useState('');
	const [error, setError] = useState(null);
	const [busy, setBusy] = useState(false);
	const send = async (body) => {
		setBusy(true);
		setError(null);
		try {
			await post('/assessments/' + sheet.id + '/values', { indicator: ind.code, ...body });
			setValue('');
			setReason('');
			onDone();
		} catch (err) {
			setError(err);
		}
		setBusy(false);
	};
	const manual = !ind.computed;
	return html`<div class="entry" data-indicator=${ind.code}>
		${manual &&
		html`<form class="inline" onSubmit=${(e) => { e.preventDefault(); send(ind.rule === 'coverage' ? { value, of: Number(of) } : { value }); }}>
			${ind.rule === 'level'
				? html`<select name="value" value=${value} onChange=${(e) => setValue(e.target.value)}>
					<option value="">${t('assess.level_pick')}</option>
					<option value="1">${t('assess.level_1')}</option><option value="0.5">${t('assess.level_half')}</option><option value="0">${t('assess.level_0')}</option>
				</select>`
				: html`<input name="value" inputmode="numeric" size="5" value=${value} onInput=${(e) => setValue(e.target.value)} />`}
			${ind.rule === 'coverage' && html`<span>/</span><input name="of" inputmode="numeric" size="5" value=${of} onInput=${(e) => setOf(e.target.value)} />`}
			<button type="submit" class="small" disabled=${busy || !value}>${t('common.save')}</button>
		</form>`}
		${ind.exempt_reason
			? html`<button type="button" class="link small" disabled=${busy} onClick=${() => send({ exempt: false })}>${t('assess.unexempt')}</button>`
			: html`<details class="exempt"><summary>${t('assess.exempt')}</summary>
				<form class="inline" onSubmit=${(e) => { e.preventDefault(); send({ exempt: true, reason }); }}>
					<input name="reason" placeholder=${t('assess.exempt_reason')} value=${reason} onInput=${(e) => setReason(e.target.value)} />
					<button type="submit" class="small" disabled=${busy || !reason.trim()}>${t('assess.exempt')}</button>
				</form></details>`}
		<${ErrorBox} error=${error} />
	</div>`;
}

// stepsFor: the steps the signed-in role may take on the sheet now
function stepsFor(s, account) {
	const r = account && account.role;
	const out = [];
	if (!s.latest) return out;
	if (s.stage === 'draft' && can.work(account)) out.push('submit');
	if (s.stage === 'submitted' && r === 'office') out.push('review', 'return');
	if (s.stage === 'reviewed' && r === 'office') out.push('return');
	if (s.stage === 'reviewed' && r === 'leader') out.push('approve', 'send-back');
	if (s.stage === 'approved' && r === 'office') out.push('revise');
	return out;
}

const NEEDS_REASON = ['return', 'send-back', 'revise'];

function Steps({ s, account, onDone }) {
	const [text, setText] = useState('');
	const [error, setError] = useState(null);
	const [busy, setBusy] = useState(false);
	const acts = stepsFor(s, account);
	if (!acts.length) return html`<p class="muted no-steps">${t('assess.no_steps')}</p>`;
	const act = async (a) => {
		setBusy(true);
		setError(null);
		try {
			const body = NEEDS_REASON.includes(a) ? { reason: text.trim() } : text.trim() ? { comment: text.trim() } : {};
			const x = await post('/assessments/' + s.id + '/' + a, body);
			setText('');
			if (x.id !== s.id) navigate('/assess/' + x.id);
			else onDone();
		} catch (err) {
			setError(err);
		}
		setBusy(false);
	};
	return html`<div class="actions card">
		<label>${t('assess.comment')}<textarea name="comment" rows="2" placeholder=${t('assess.comment_ph')} value=${text} onInput=${(e) => setText(e.target.value)}></textarea></label>
		<${ErrorBox} error=${error} />
		<div class="buttons">
			${acts.map((a) => html`<button type="button" data-act=${a} class=${NEEDS_REASON.includes(a) ? 'secondary' : ''} disabled=${busy} onClick=${() => act(a)}>${t('assess.act.' + a)}</button>`)}
		</div>
	</div>`;
}

function Records({ ind }) {
	if (!ind.records || !ind.records.length) return null;
	return html`<details class="records"><summary>${t('assess.records', { n: ind.records_total })}</summary>
		<ul>${ind.records.map((p) => html`<li class=${p.ok ? '' : 'bad-text'}>${label('assess.kind', p.kind)} ${p.code ? html`<span class="code">${p.code}</span>` : ''} ${p.label || ''}</li>`)}</ul>
	</details>`;
}

// Attach: an evidence file for a draft sheet
function Attach({ sheet, onDone }) {
	const [error, setError] = useState(null);
	const [busy, setBusy] = useState(false);
	const send = async (e) => {
		e.preventDefault();
		const file = e.target.elements.file.files[0];
		if (!file) return;
		setBusy(true);
		setError(null);
		try {
			await upload('/assessments/' + sheet.id + '/files?name=' + encodeURIComponent(file.name), file);
			e.target.reset();
			onDone();
		} catch (err) {
			setError(err);
		}
		setBusy(false);
	};
	return html`<form class="inline attach" onSubmit=${send}>
		<input type="file" name="file" />
		<button type="submit" class="small" disabled=${busy}>${t('assess.attach')}</button>
		<${ErrorBox} error=${error} />
	</form>`;
}

export function AssessSheet({ id, account }) {
	const { data: s, error, loading, reload } = useLoad(() => get('/assessments/' + encodeURIComponent(id)), [id]);
	if (loading && !s) return html`<section class="page"><${Loading} /></section>`;
	if (error) return html`<section class="page"><p><a href="#/assess">← ${t('assess.title')}</a></p><${ErrorBox} error=${error} retry=${reload} /></section>`;
	const draft = s.stage === 'draft' && s.latest && can.work(account);
	return html`<section class="page assess-sheet">
		<p class="crumb"><a href=${'#/assess?year=' + s.year}>← ${t('assess.title')}</a></p>
		<h1>${s.unit.name} · ${t('assess.year_title', { year: s.year })}</h1>
		<p class="lead">${s.template.title}</p>
		<${Downloads} doc="assessment" what="docs.assessment_unit" params=${{ year: s.year, unit: s.unit.code }} formats=${['pdf', 'docx', 'xlsx']} />
		<dl class="facts">
			<div><dt>${t('assess.stage')}</dt><dd><${StageBadge} stage=${s.stage} /> v${s.version}${s.supersedes ? html` <small class="muted">${t('assess.supersedes', { id: s.supersedes })}</small>` : ''}</dd></div>
			<div><dt>${t('assess.total')}</dt><dd><strong class="total">${s.score.total}</strong> <small class="muted">${t('assess.base_bonus', { base: s.score.base, bonus: s.score.bonus })}${s.score.bonus_counted ? '' : ' ' + t('assess.bonus_not_counted')}</small></dd></div>
			<div><dt>${t('assess.grade')}</dt><dd><${Grade} grade=${s.score.grade} labelText=${s.score.grade_label} vetoed=${s.score.vetoed} /></dd></div>
			<div><dt>${t('assess.missing')}</dt><dd>${s.score.missing || t('common.none')}</dd></div>
		</dl>
		${s.score.frozen && html`<p class="ok-box">${t('assess.frozen')}</p>`}
		${s.groups.map(
			(g) => html`<h2>${g.name}</h2>
			<div class="scroll"><table class="list indicators">
				<thead><tr><th>${t('assess.indicator')}</th><th>${t('assess.weight')}</th><th>${t('assess.value')}</th><th>P</th><th>${t('assess.score')}</th><th>${t('assess.evidence')}</th></tr></thead>
				<tbody>${g.indicators.map(
					(i) => html`<tr data-indicator=${i.code} class=${i.missing ? 'missing' : ''}>
						<td>${i.name}<small class="muted block">${label('assess.rule', i.rule)} · ${i.computed ? t('assess.computed') : t('assess.manual')} · ${i.basis}</small>
							${i.exempt_reason && html`<small class="block">${t('assess.exempted', { reason: i.exempt_reason })}</small>`}</td>
						<td class="num">${i.rule === 'veto' ? t('assess.veto') : i.weight}</td>
						<td>${i.missing ? html`<${Badge} tone="warn">${t('assess.missing_value')}<//>` : valueText(i.value)}${i.note ? html`<small class="muted block">${i.note}</small>` : ''}</td>
						<td class="num">${i.p ?? t('common.empty')}</td>
						<td class="num">${i.rule === 'veto' ? (i.vetoed ? html`<${Badge} tone="bad">${t('assess.vetoed')}<//>` : t('common.no')) : i.score}</td>
						<td>${i.evidence}<${Records} ind=${i} />${draft ? html`<${Entry} sheet=${s} ind=${i} onDone=${reload} />` : ''}</td>
					</tr>`
				)}</tbody></table></div>`
		)}
		<h2>${t('assess.files')}</h2>
		${s.files.length
			? html`<ul class="files">${s.files.map((f) => html`<li><a href=${'/api/v1/files/' + f.id} download>${f.name}</a> <small class="muted">${f.type}</small></li>`)}</ul>`
			: html`<${Empty} text=${t('assess.files_empty')} />`}
		${draft && html`<${Attach} sheet=${s} onDone=${reload} />`}
		<h2>${t('assess.cycle')}</h2>
		<ol class="timeline">${s.steps.map(
			(e) => html`<li><time>${fmtTime(e.at)}</time> <strong>${label('assess.step', e.kind)}</strong> <small class="muted">— ${e.by}</small>${e.total ? html` · ${e.total}` : ''}${e.comment ? html` <span class="note">${e.comment}</span>` : ''}</li>`
		)}</ol>
		<${Steps} s=${s} account=${account} onDone=${reload} />
	</section>`;
}
