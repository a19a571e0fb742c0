// org.js — the organisation: the responsibility matrix (unit × role → holder on a chosen day,
// vacancies and overlaps marked, each cell's history and its handover), the unit tree and the
// people. Edits never overwrite history: a new holder's term ends the old one (POST
// /duties/{id}/handover), a term is ended by its last day, never deleted.
import { useState } from '../../vendor/hooks.js';
import { html, useLoad, Loading, ErrorBox, FieldError, Empty, Badge, Pager, units as loadUnits, forgetUnits } from '../ui.js';
import { t, label } from '../i18n.js';
import { api, get, query, all } from '../api.js';
import { navigate, withQuery, can } from '../route.js';
import { Downloads } from '../downloads.js';
import { fmtDate, today } from '../format.js';

const UNIT_KINDS = ['party_committee', 'leading_group', 'leading_group_office', 'department', 'tech_support_centre', 'external_authority'];

function Tabs({ at }) {
	const tabs = [['/org', 'org.tab_matrix'], ['/org/units', 'org.tab_units'], ['/org/people', 'org.tab_people']];
	return html`<nav class="tabs" aria-label=${t('org.title')}>${tabs.map(
		([p, k]) => html`<a href=${'#' + p} class=${at === p ? 'on' : ''} aria-current=${at === p ? 'page' : null}>${t(k)}</a>`
	)}</nav>`;
}

// useForm: the values typed (kept whatever the server answers), the error, busy, and submit
function useForm(initial) {
	const [v, setV] = useState(initial);
	const [error, setError] = useState(null);
	const [busy, setBusy] = useState(false);
	const [done, setDone] = useState(false);
	const set = (k) => (e) => setV((o) => ({ ...o, [k]: e.target.value }));
	const submit = (fn) => async (e) => {
		e.preventDefault();
		setBusy(true);
		setError(null);
		setDone(false);
		try {
			await fn(v);
			setDone(true);
		} catch (err) {
			setError(err);
		}
		setBusy(false);
	};
	return { v, setV, set, error, busy, done, submit };
}

function Field({ f, name, text, type, children, hint }) {
	const bad = f.error && f.error.field === name;
	return html`<label>${text}
		${children ||
		html`<input name=${name} type=${type || 'text'} value=${f.v[name] || ''} onInput=${f.set(name)} aria-invalid=${bad ? 'true' : null} />`}
		${hint && html`<small class="hint block">${hint}</small>`}
		<${FieldError} error=${f.error} field=${name} /></label>`;
}

// --- the matrix -------------------------------------------------------------------------------

function PersonSelect({ f, name, people }) {
	return html`<select name=${name} value=${f.v[name] || ''} onChange=${f.set(name)}>
		<option value="">${t('org.choose_person')}</option>
		${people.map((p) => html`<option value=${p.code}>${p.name} (${p.code})</option>`)}
	</select>`;
}

// Cell: a cell's history (who held it, from when to when) and, for those who may, its handover
function Cell({ unit, role, roleName, cell, account, people, onSaved, on }) {
	const { data, error, loading, reload } = useLoad(() => get('/matrix/cell' + query({ unit: unit.unit, role })), [unit.unit, role]);
	const current = cell.holders.length === 1 ? cell.holders[0] : null;
	const f = useForm({ person: '', from: today(), note: '' });
	const endForm = useForm({ to: today() });
	const save = f.submit(async (v) => {
		if (current) await api('POST', '/duties/' + current.duty + '/handover', { person: v.person, from: v.from, ...(v.note ? { note: v.note } : {}) });
		else await api('POST', '/duties', { role, unit: unit.unit, person: v.person, from: v.from, ...(v.note ? { note: v.note } : {}) });
		onSaved();
		reload();
	});
	const end = endForm.submit(async (v) => {
		await api('PATCH', '/duties/' + current.duty, { to: v.to });
		onSaved();
		reload();
	});
	const heldOn = (d) => (data ? data.items.filter((x) => x.from <= d && (!x.to || x.to >= d)) : []);
	return html`<section class="card cell-panel" aria-live="polite" data-test="cell">
		<h2>${unit.name} · ${roleName}</h2>
		${cell.vacant && html`<p class="warn-box">${t('org.vacant_text')}</p>`}
		${cell.overlap && html`<p class="warn-box">${t('org.overlap_text')}</p>`}
		<h3>${t('org.history')}</h3>
		<${ErrorBox} error=${error} retry=${reload} />
		${loading && !data && html`<${Loading} />`}
		${data &&
		(data.items.length
			? html`<div class="scroll"><table class="list" data-test="history">
				<thead><tr><th>${t('org.holder')}</th><th>${t('org.from')}</th><th>${t('org.to')}</th><th>${t('org.note')}</th></tr></thead>
				<tbody>${data.items.map(
					(d) => html`<tr class=${heldOn(on).includes(d) ? 'hl' : ''}><td>${d.name || d.person} <small class="muted code">${d.person}</small></td>
						<td class="nowrap">${fmtDate(d.from)}</td><td class="nowrap">${d.to ? fmtDate(d.to) : html`<${Badge} tone="good">${t('org.in_office')}<//>`}</td>
						<td>${d.note || t('common.empty')}</td></tr>`
				)}</tbody></table></div>
				<p class="hint">${t('org.history_hint', { day: fmtDate(on) })}</p>`
			: html`<${Empty} text=${t('org.history_none')} />`)}
		${can.work(account) &&
		html`<form class="grid2" onSubmit=${save} novalidate data-test="handover">
			<h3 class="wide">${current ? t('org.handover') : t('org.appoint')}</h3>
			${current && html`<p class="hint wide">${t('org.handover_hint', { name: current.name || current.person })}</p>`}
			<${Field} f=${f} name="person" text=${t('org.new_holder')}><${PersonSelect} f=${f} name="person" people=${people} /><//>
			<${Field} f=${f} name="from" type="date" text=${t('org.from')} />
			<${Field} f=${f} name="note" text=${t('org.note')} hint=${t('org.note_hint')} />
			<${ErrorBox} error=${f.error} fields=${['person', 'from', 'note']} />
			${f.done && html`<p class="ok-box wide" role="status">${t('org.saved')}</p>`}
			<div class="buttons"><button type="submit" disabled=${f.busy}>${current ? t('org.handover') : t('org.appoint')}</button></div>
		</form>`}
		${can.work(account) &&
		current &&
		!current.to &&
		html`<form class="grid2" onSubmit=${end} novalidate data-test="end-term">
			<h3 class="wide">${t('org.end_term')}</h3>
			<${Field} f=${endForm} name="to" type="date" text=${t('org.last_day')} />
			<${ErrorBox} error=${endForm.error} fields=${['to']} />
			<div class="buttons"><button type="submit" class="secondary" disabled=${endForm.busy}>${t('org.end_term')}</button></div>
		</form>`}
	</section>`;
}

export function Matrix({ route, account }) {
	const on = route.query.get('on') || today();
	const [cursors, setCursors] = useState([]);
	const [open, setOpen] = useState(null); // [unit code, role]
	const cursor = cursors[cursors.length - 1] || '';
	const { data, error, loading, reload } = useLoad(() => get('/matrix' + query({ on, limit: 25, cursor })), [on, cursor]);
	const people = useLoad(() => (can.work(account) ? all('/persons', 5000) : Promise.resolve([])), []);
	const roles = data ? data.roles : [];
	const sel = open && data ? data.items.find((u) => u.unit === open[0]) : null;
	const selCell = sel ? sel.cells.find((c) => c.role === open[1]) : null;
	const vacancies = data ? data.items.reduce((n, u) => n + u.cells.filter((c) => c.vacant).length, 0) : 0;
	const overlaps = data ? data.items.reduce((n, u) => n + u.cells.filter((c) => c.overlap).length, 0) : 0;
	return html`<section class="page org">
		<h1>${t('org.title')}</h1>
		<${Tabs} at="/org" />
		<form class="filters" onSubmit=${(e) => e.preventDefault()}>
			<label>${t('org.on')}<input name="on" type="date" value=${on} onChange=${(e) => { setCursors([]); setOpen(null); navigate(withQuery('/org', { on: e.target.value })); }} /></label>
			<p class="hint">${t('org.matrix_hint')}</p>
		</form>
		<${Downloads} doc="duties" />
		<${ErrorBox} error=${error} retry=${reload} />
		${loading && !data && html`<${Loading} />`}
		${data &&
		html`<p class="legend"><${Badge} tone="bad">${t('org.vacant')}<//> ${t('org.vacant_legend')}
			<${Badge} tone="warn">${t('org.overlap')}<//> ${t('org.overlap_legend')}
			<span class="muted">${t('org.page_counts', { v: vacancies, o: overlaps })}</span></p>
		<div class="scroll"><table class="list matrix" data-test="matrix">
			<thead><tr><th>${t('org.unit')}</th>${roles.map((r) => html`<th title=${r.name + (r.article ? ' · ' + r.article : '')}>${label('role', r.role)}</th>`)}</tr></thead>
			<tbody>${data.items.map(
				(u) => html`<tr>
					<th scope="row"><span class="name">${u.name}</span><small class="muted block">${label('unitkind', u.kind)}</small></th>
					${u.cells.map((c) => {
						const isOpen = open && open[0] === u.unit && open[1] === c.role;
						const tone = c.vacant ? 'vacant' : c.overlap ? 'overlap' : c.holders.length ? 'held' : 'none';
						return html`<td class=${'cell ' + tone + (isOpen ? ' open' : '')}>
							<button type="button" class="cellbtn" aria-expanded=${isOpen ? 'true' : 'false'} data-unit=${u.unit} data-role=${c.role}
								onClick=${() => setOpen(isOpen ? null : [u.unit, c.role])}>
								${c.holders.length
									? c.holders.map((h) => html`<span class="block">${h.name || h.person}</span>`)
									: c.vacant
									? html`<${Badge} tone="bad">${t('org.vacant')}<//>`
									: html`<span class="muted">${t('org.not_required')}</span>`}
								${c.overlap && html`<${Badge} tone="warn">${t('org.overlap')}<//>`}
							</button></td>`;
					})}
				</tr>`
			)}</tbody></table></div>
		<${Pager} next=${data.next} cursors=${cursors} onPage=${(c) => { setOpen(null); setCursors(c); }} />`}
		${sel && selCell &&
		html`<${Cell} key=${open.join('/')} unit=${sel} role=${open[1]} roleName=${label('role', open[1])} cell=${selCell} account=${account}
			people=${(people.data || []).filter((p) => true)} on=${on} onSaved=${() => { forgetUnits(); reload(); }} />`}
	</section>`;
}

// --- the unit tree ----------------------------------------------------------------------------

function tree(units) {
	const kids = new Map();
	const roots = [];
	for (const u of units) {
		if (u.parent && units.some((p) => p.code === u.parent)) {
			if (!kids.has(u.parent)) kids.set(u.parent, []);
			kids.get(u.parent).push(u);
		} else roots.push(u);
	}
	return { roots, kids };
}

function UnitForm({ unit, units, onSaved, onCancel }) {
	const f = useForm(unit ? { name: unit.name, kind: unit.kind, parent: unit.parent || '' } : { code: '', name: '', kind: 'department', parent: '' });
	const save = f.submit(async (v) => {
		if (unit) {
			const body = {};
			if (v.name !== unit.name) body.name = v.name;
			if (v.kind !== unit.kind) body.kind = v.kind;
			if ((v.parent || '') !== (unit.parent || '')) body.parent = v.parent;
			await api('PATCH', '/units/' + unit.id, body);
		} else await api('POST', '/units', { code: v.code, name: v.name, kind: v.kind, ...(v.parent ? { parent: v.parent } : {}) });
		onSaved();
	});
	return html`<form class="card grid2" onSubmit=${save} novalidate data-test="unit-form">
		<h2 class="wide">${unit ? t('org.edit_unit', { name: unit.name }) : t('org.new_unit')}</h2>
		${!unit && html`<${Field} f=${f} name="code" text=${t('org.code')} hint=${t('org.code_hint')} />`}
		<${Field} f=${f} name="name" text=${t('org.name')} />
		<${Field} f=${f} name="kind" text=${t('org.kind')}><select name="kind" value=${f.v.kind} onChange=${f.set('kind')}>
			${UNIT_KINDS.map((k) => html`<option value=${k}>${label('unitkind', k)}</option>`)}</select><//>
		<${Field} f=${f} name="parent" text=${t('org.parent')}><select name="parent" value=${f.v.parent} onChange=${f.set('parent')}>
			<option value="">${t('common.empty')}</option>${units.filter((u) => !unit || u.code !== unit.code).map((u) => html`<option value=${u.code}>${u.name}</option>`)}</select><//>
		<${ErrorBox} error=${f.error} fields=${['code', 'name', 'kind', 'parent']} />
		<div class="buttons"><button type="submit" disabled=${f.busy}>${t('common.save')}</button>
			<button type="button" class="link" onClick=${onCancel}>${t('common.cancel')}</button></div>
	</form>`;
}

export function Units({ account }) {
	const { data, error, loading, reload } = useLoad(() => all('/units', 5000), []);
	const [editing, setEditing] = useState(null); // a unit, or 'new'
	const office = can.office(account);
	const saved = () => {
		forgetUnits();
		loadUnits();
		setEditing(null);
		reload();
	};
	const Node = ({ u, kids }) => html`<li>
		<span class="node"><span class="name">${u.name}</span> <small class="muted">${label('unitkind', u.kind)} · <span class="code">${u.code}</span></small>
			${office && html` <button type="button" class="link small" onClick=${() => setEditing(u)}>${t('org.edit')}</button>`}</span>
		${kids.has(u.code) && html`<ul>${kids.get(u.code).map((c) => html`<${Node} u=${c} kids=${kids} />`)}</ul>`}
	</li>`;
	const tr = data ? tree(data) : null;
	return html`<section class="page org">
		<h1>${t('org.title')}</h1>
		<${Tabs} at="/org/units" />
		${office && !editing && html`<p><button type="button" onClick=${() => setEditing('new')}>${t('org.new_unit')}</button></p>`}
		${editing && html`<${UnitForm} unit=${editing === 'new' ? null : editing} units=${data || []} onSaved=${saved} onCancel=${() => setEditing(null)} key=${editing === 'new' ? 'new' : editing.code} />`}
		<${ErrorBox} error=${error} retry=${reload} />
		${loading && !data && html`<${Loading} />`}
		${tr && (data.length ? html`<ul class="tree" data-test="tree">${tr.roots.map((u) => html`<${Node} u=${u} kids=${tr.kids} />`)}</ul>` : html`<${Empty} text=${t('org.units_none')} />`)}
	</section>`;
}

// --- people -----------------------------------------------------------------------------------

function PersonForm({ person, units, onSaved, onCancel }) {
	const f = useForm(person ? { name: person.name, unit: person.unit || '', title: person.title || '', phone: person.phone || '', email: person.email || '' } : { code: '', name: '', unit: '', title: '', phone: '', email: '' });
	const save = f.submit(async (v) => {
		const body = {};
		for (const k of ['name', 'unit', 'title', 'phone', 'email']) {
			const was = person ? person[k] || '' : '';
			if (v[k] !== was) body[k] = v[k] === '' && person ? null : v[k];
		}
		if (person) await api('PATCH', '/persons/' + person.id, body);
		else {
			for (const k of Object.keys(body)) if (body[k] === '') delete body[k];
			await api('POST', '/persons', { code: v.code, ...body });
		}
		onSaved();
	});
	return html`<form class="card grid2" onSubmit=${save} novalidate data-test="person-form">
		<h2 class="wide">${person ? t('org.edit_person', { name: person.name }) : t('org.new_person')}</h2>
		${!person && html`<${Field} f=${f} name="code" text=${t('org.person_code')} hint=${t('org.code_hint')} />`}
		<${Field} f=${f} name="name" text=${t('org.person_name')} />
		<${Field} f=${f} name="unit" text=${t('org.unit')}><select name="unit" value=${f.v.unit} onChange=${f.set('unit')}>
			<option value="">${t('org.choose_unit')}</option>${units.map((u) => html`<option value=${u.code}>${u.name}</option>`)}</select><//>
		<${Field} f=${f} name="title" text=${t('org.person_title')} />
		<${Field} f=${f} name="phone" type="tel" text=${t('org.phone')} />
		<${Field} f=${f} name="email" type="email" text=${t('org.email')} />
		<${ErrorBox} error=${f.error} fields=${['code', 'name', 'unit', 'title', 'phone', 'email']} />
		<div class="buttons"><button type="submit" disabled=${f.busy}>${t('common.save')}</button>
			<button type="button" class="link" onClick=${onCancel}>${t('common.cancel')}</button></div>
	</form>`;
}

export function People({ account }) {
	const [cursors, setCursors] = useState([]);
	const [editing, setEditing] = useState(null);
	const cursor = cursors[cursors.length - 1] || '';
	const { data, error, loading, reload } = useLoad(() => get('/persons' + query({ limit: 50, cursor })), [cursor]);
	const units = useLoad(() => all('/units', 5000), []);
	const unitName = (code) => {
		const u = (units.data || []).find((x) => x.code === code);
		return u ? u.name : code || t('common.empty');
	};
	const work = can.work(account);
	return html`<section class="page org">
		<h1>${t('org.title')}</h1>
		<${Tabs} at="/org/people" />
		${work && !editing && html`<p><button type="button" onClick=${() => setEditing('new')}>${t('org.new_person')}</button></p>`}
		${editing && html`<${PersonForm} person=${editing === 'new' ? null : editing} units=${(units.data || []).filter((u) => u.kind !== 'external_authority')} key=${editing === 'new' ? 'new' : editing.code}
			onSaved=${() => { setEditing(null); reload(); }} onCancel=${() => setEditing(null)} />`}
		<${ErrorBox} error=${error} retry=${reload} />
		${loading && !data && html`<${Loading} />`}
		${data &&
		(data.items.length
			? html`<div class="scroll"><table class="list" data-test="people">
				<thead><tr><th>${t('org.person_name')}</th><th>${t('org.unit')}</th><th>${t('org.person_title')}</th><th>${t('org.phone')}</th>${work && html`<th><span class="sr">${t('org.edit')}</span></th>`}</tr></thead>
				<tbody>${data.items.map(
					(p) => html`<tr><td><span class="name">${p.name}</span><small class="muted block code">${p.code}</small></td>
						<td>${unitName(p.unit)}</td><td>${p.title || t('common.empty')}</td><td class="nowrap">${p.phone || t('common.empty')}</td>
						${work && html`<td><button type="button" class="link small" onClick=${() => setEditing(p)}>${t('org.edit')}</button></td>`}</tr>`
				)}</tbody></table></div>`
			: html`<${Empty} text=${work ? t('org.people_none_work') : t('org.people_none')} />`)}
		${data && html`<${Pager} next=${data.next} cursors=${cursors} onPage=${setCursors} count=${data.items.length} />`}
	</section>`;
}
