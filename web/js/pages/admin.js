// admin.js — the three administrators' pages, each reachable only by its own role (三员分立):
// accounts (system administrator: open, disable, enable, unlock), roles and scopes and API tokens
// (security administrator), the audit log with its filters, an entry's before and after, and
// the verification of its chain (audit administrator).
import { useState, useEffect } from '../../vendor/hooks.js';
import { html, useLoad, Loading, ErrorBox, FieldError, Empty, Badge, Pager, useSubmit } from '../ui.js';
import { t, label } from '../i18n.js';
import { api, get, query } from '../api.js';
import { navigate, withQuery, BUSINESS } from '../route.js';
import { fmtTime, fmtDate } from '../format.js';

function Frame({ title, hint, children }) {
	return html`<section class="page"><h1>${title}</h1>${hint && html`<p class="hint">${hint}</p>`}${children}</section>`;
}

function state(a) {
	if (a.disabled) return html`<${Badge} tone="muted">${t('admin.disabled')}<//>`;
	if (a.locked) return html`<${Badge} tone="bad">${t('admin.locked')}<//>`;
	return html`<${Badge} tone="good">${t('admin.active')}<//>`;
}

function NewAccount({ onSaved }) {
	const [v, setV] = useState({ name: '', display: '' });
	const [done, setDone] = useState('');
	const { error, busy, run } = useSubmit();
	const submit = (e) => {
		e.preventDefault();
		setDone('');
		run(async () => {
			const a = await api('POST', '/accounts', { name: v.name.trim(), ...(v.display.trim() ? { display: v.display.trim() } : {}) });
			setDone(a.name);
			setV({ name: '', display: '' });
			onSaved();
		});
	};
	return html`<details class="card" open=${!!error}>
		<summary>${t('admin.new_account')}</summary>
		<form class="grid2" onSubmit=${submit} novalidate data-test="new-account">
			<label>${t('admin.name')}<input name="name" autocapitalize="off" spellcheck="false" value=${v.name} onInput=${(e) => setV({ ...v, name: e.target.value })} aria-invalid=${error && error.field === 'name' ? 'true' : null} />
				<small class="hint block">${t('admin.name_hint')}</small><${FieldError} error=${error} field="name" /></label>
			<label>${t('admin.display')}<input name="display" value=${v.display} onInput=${(e) => setV({ ...v, display: e.target.value })} /><${FieldError} error=${error} field="display" /></label>
			<${ErrorBox} error=${error} fields=${['name', 'display']} />
			${done && html`<p class="ok-box wide" role="status">${t('admin.created_next', { name: done })}</p>`}
			<div class="buttons"><button type="submit" disabled=${busy}>${t('admin.create')}</button></div>
		</form>
	</details>`;
}

// Reset: a password the person must change at the next sign-in (POST /accounts/{id}/password)
function Reset({ a, onDone }) {
	const [pw, setPw] = useState('');
	const { error, busy, run } = useSubmit();
	const submit = (e) => {
		e.preventDefault();
		run(async () => {
			await api('POST', '/accounts/' + a.id + '/password', { password: pw });
			setPw('');
			onDone(a.name);
		});
	};
	return html`<form class="inline-form" onSubmit=${submit} novalidate data-test="reset">
		<label>${t('admin.reset_password')}<input name="password" type="text" autocomplete="off" spellcheck="false" value=${pw} onInput=${(e) => setPw(e.target.value)}
			aria-invalid=${error && error.field === 'password' ? 'true' : null} /><${FieldError} error=${error} field="password" /></label>
		<button type="submit" class="secondary" disabled=${busy || !pw}>${t('admin.reset')}</button>
		<${ErrorBox} error=${error} fields=${['password']} />
	</form>`;
}

export function Accounts() {
	const { data, error, loading, reload } = useLoad(() => get('/accounts'), []);
	const [actError, setActError] = useState(null);
	const [resetting, setResetting] = useState(null);
	const [reset, setReset] = useState('');
	const items = data ? data.items || data : [];
	const act = async (a, body) => {
		setActError(null);
		try {
			await api('PATCH', '/accounts/' + a.id, body);
			reload();
		} catch (err) {
			setActError(err);
		}
	};
	return html`<${Frame} title=${t('admin.accounts')} hint=${t('admin.accounts_hint')}>
		<${NewAccount} onSaved=${reload} />
		<${ErrorBox} error=${error || actError} retry=${error ? reload : null} />
		${reset && html`<p class="ok-box" role="status" data-test="reset-done">${t('admin.reset_done', { name: reset })}</p>`}
		${loading && !data && html`<${Loading} />`}
		${data && (items.length
			? html`<div class="scroll"><table class="list" data-test="accounts"><thead><tr><th>${t('admin.name')}</th><th>${t('admin.display')}</th><th>${t('admin.role')}</th><th>${t('admin.totp')}</th><th>${t('admin.state')}</th><th>${t('admin.last_login')}</th><th>${t('admin.acts')}</th></tr></thead>
				<tbody>${items.map((a) => html`<tr data-name=${a.name}><td class="code nowrap">${a.name}</td><td>${a.display || t('common.empty')}</td><td>${label('acct', a.role)}</td>
					<td>${a.totp_enabled ? t('common.yes') : t('common.no')}</td>
					<td>${state(a)}${!a.password_set ? html` <${Badge} tone="warn">${t('admin.no_password')}<//>` : ''}</td>
					<td class="nowrap">${fmtTime(a.last_login_at)}</td>
					<td class="nowrap">${a.locked && !a.disabled && html`<button type="button" class="link small" onClick=${() => act(a, { locked: false })}>${t('admin.unlock')}</button> `}
						${a.disabled
							? html`<button type="button" class="link small" onClick=${() => act(a, { disabled: false })}>${t('admin.enable')}</button>`
							: html`<button type="button" class="link small" onClick=${() => act(a, { disabled: true })}>${t('admin.disable')}</button>`}
						<button type="button" class="link small" aria-expanded=${resetting === a.id ? 'true' : 'false'} onClick=${() => setResetting(resetting === a.id ? null : a.id)}>${t('admin.reset')}</button></td></tr>
					${resetting === a.id && html`<tr class="detail-row"><td colspan="7"><${Reset} a=${a} onDone=${(n) => { setResetting(null); setReset(n); reload(); }} /><p class="hint">${t('admin.reset_hint')}</p></td></tr>`}`)}</tbody></table></div>
				`
			: html`<${Empty} text=${t('admin.empty')} />`)}
	<//>`;
}

const ROLES = [...BUSINESS, 'sysadmin', 'secadmin', 'auditadmin', 'none'];
const ADMINS = ['sysadmin', 'secadmin', 'auditadmin'];

// adminChange: changing role `was` to `role` gives or takes an administrator's role — proposed
// by the security administrator, made when the system administrator agrees (三员分立;
// docs/accounts.md)
function adminChange(was, role) {
	return !!role && role !== was && (ADMINS.includes(role) || ADMINS.includes(was));
}

const CHANGE_TONE = { pending: 'warn', agreed: 'good', refused: 'bad', withdrawn: 'muted' };

function ChangeState({ c }) {
	return html`<${Badge} tone=${CHANGE_TONE[c.state] || 'muted'}>${t('admin.change_' + c.state)}<//>`;
}

// ChangeTo: what a change would make of the account — its role, and a business role's unit
function ChangeTo({ c }) {
	return html`<strong class="keep">${label('acct', c.role)}</strong>${c.unit ? html`<small class="muted block">${c.unit.name}</small>` : ''}`;
}

// Proposed: who proposed it and when
function Proposed({ c }) {
	return html`<span class="nowrap">${fmtTime(c.proposed_at)}</span><small class="muted block">${t('admin.by', { who: c.proposed_by })}</small>`;
}

// Withdraw: the proposer takes a proposal back before it is decided (asked twice; a reason may
// be given)
function Withdraw({ c, onDone }) {
	const [open, setOpen] = useState(false);
	const [reason, setReason] = useState('');
	const { error, busy, run } = useSubmit();
	const submit = (e) => {
		e.preventDefault();
		run(async () => {
			await api('POST', '/role-changes/' + c.id + '/withdraw', reason.trim() ? { reason: reason.trim() } : {});
			onDone();
		});
	};
	if (!open) return html`<button type="button" class="link small" onClick=${() => setOpen(true)} data-test="withdraw">${t('admin.withdraw')}</button>`;
	return html`<form class="inline-form" onSubmit=${submit} novalidate data-test="withdraw-form">
		<label>${t('admin.withdraw_reason')}<input name="reason" value=${reason} onInput=${(e) => setReason(e.target.value)} aria-invalid=${error && error.field === 'reason' ? 'true' : null} /><${FieldError} error=${error} field="reason" /></label>
		<button type="submit" class="small danger" disabled=${busy} data-test="withdraw-sure">${t('admin.withdraw_sure')}</button>
		<button type="button" class="link small" onClick=${() => setOpen(false)}>${t('common.cancel')}</button>
		<${ErrorBox} error=${error} fields=${['reason']} />
	</form>`;
}

function RoleRow({ a, units, pending, onSaved }) {
	const [role, setRole] = useState(a.role === 'none' ? '' : a.role);
	const [unit, setUnit] = useState(a.unit ? a.unit.code : '');
	const { error, busy, run } = useSubmit();
	const business = BUSINESS.includes(role);
	const proposal = adminChange(a.role, role);
	const save = (e) => {
		e.preventDefault();
		run(async () => {
			const r = await api('PUT', '/accounts/' + a.id + '/role', { role, unit: business ? unit || null : null });
			onSaved(r && r.change ? r.change : null);
		});
	};
	const changed = role !== a.role || (business && unit !== (a.unit ? a.unit.code : ''));
	return html`<tr data-name=${a.name}>
		<td><span class="code nowrap">${a.name}</span><small class="muted block">${a.display || ''}</small></td>
		<td>${label('acct', a.role)}${a.unit ? html`<small class="muted block">${a.unit.name}</small>` : ''}${a.disabled ? html` <${Badge} tone="muted">${t('admin.disabled')}<//>` : ''}</td>
		<td>${pending
			? html`<div class="pending-change" data-test="pending">
				<p><${Badge} tone="warn">${t('admin.change_pending')}<//> ${t('admin.pending_to')} <${ChangeTo} c=${pending} /></p>
				<p class="hint">${t('admin.pending_hint', { who: pending.proposed_by, when: fmtTime(pending.proposed_at) })}</p>
				<${Withdraw} c=${pending} onDone=${() => onSaved(null)} /></div>`
			: html`<form class="inline-form" onSubmit=${save} novalidate>
			<label><span class="sr">${t('admin.role')}</span><select name="role" value=${role} onChange=${(e) => setRole(e.target.value)}>
				<option value="">${t('admin.choose_role')}</option>${ROLES.map((r) => html`<option value=${r}>${label('acct', r)}</option>`)}</select><${FieldError} error=${error} field="role" /></label>
			${business && html`<label><span class="sr">${t('admin.unit')}</span><select name="unit" value=${unit} onChange=${(e) => setUnit(e.target.value)}>
				<option value="">${t('admin.choose_unit')}</option>${units.map((u) => html`<option value=${u.code}>${u.name}</option>`)}</select><${FieldError} error=${error} field="unit" /></label>`}
			<button type="submit" class="secondary" disabled=${busy || !changed || !role}>${proposal ? t('admin.propose') : t('common.save')}</button>
			${proposal && html`<small class="hint block wide">${t('admin.propose_hint')}</small>`}
			<${ErrorBox} error=${error} fields=${['role', 'unit']} />
		</form>`}</td>
	</tr>`;
}

// ChangeHistory: proposals decided or withdrawn, newest first, a page at a time, with the
// reason of each refusal (path: the administrator's own list)
function ChangeHistory({ path, accounts, title, n }) {
	const [cursors, setCursors] = useState([]);
	const cursor = cursors[cursors.length - 1] || '';
	const { data, error, loading, reload } = useLoad(() => get(path + query({ limit: 20, cursor })), [cursor, n]);
	const items = data ? data.items.filter((c) => c.state !== 'pending') : [];
	const who = (c) => (accounts && accounts.get(c.account_id)) || null;
	return html`<section class="card" data-test="change-history">
		<h2>${title}</h2>
		<${ErrorBox} error=${error} retry=${reload} />
		${loading && !data && html`<${Loading} />`}
		${data && (items.length
			? html`<div class="scroll"><table class="list"><thead><tr><th>${t('admin.name')}</th><th>${t('admin.change_to')}</th><th>${t('admin.proposed')}</th><th>${t('admin.state')}</th><th>${t('admin.decided')}</th><th>${t('admin.reason')}</th></tr></thead>
				<tbody>${items.map((c) => html`<tr data-change=${c.id} data-state=${c.state}>
					<td><span class="code nowrap">${c.account}</span>${who(c) && who(c).display ? html`<small class="muted block">${who(c).display}</small>` : ''}</td>
					<td><${ChangeTo} c=${c} /></td><td><${Proposed} c=${c} /></td><td><${ChangeState} c=${c} /></td>
					<td>${c.decided_at ? html`<span class="nowrap">${fmtTime(c.decided_at)}</span><small class="muted block">${t('admin.by', { who: c.decided_by })}</small>` : t('common.empty')}</td>
					<td class="reason">${c.reason || t('common.empty')}</td></tr>`)}</tbody></table></div>`
			: html`<${Empty} text=${t('admin.changes_none')} />`)}
		${data && html`<${Pager} next=${data.next} cursors=${cursors} onPage=${setCursors} />`}
	</section>`;
}

export function Roles() {
	const [n, setN] = useState(0);
	const { data, error, loading, reload } = useLoad(
		() => Promise.all([get('/roles'), get('/roles/changes?state=pending&limit=200')]).then(([r, p]) => ({ ...r, pending: new Map(p.items.map((c) => [c.account_id, c])) })),
		[n]
	);
	const [proposed, setProposed] = useState(null);
	const accounts = data ? new Map(data.items.map((a) => [a.id, a])) : null;
	const saved = (change) => {
		setProposed(change);
		setN(n + 1);
	};
	return html`<${Frame} title=${t('admin.roles')} hint=${t('admin.roles_hint')}>
		<${ErrorBox} error=${error} retry=${reload} />
		${proposed && html`<p class="ok-box" role="status" data-test="proposed">${t('admin.proposed_done', { name: proposed.account, role: label('acct', proposed.role) })}</p>`}
		${data && data.pending.size > 0 && html`<p class="warn-box" data-test="pending-count">${t('admin.pending_count', { n: data.pending.size })}</p>`}
		${loading && !data && html`<${Loading} />`}
		${data && (data.items.length
			? html`<div class="scroll"><table class="list" data-test="roles"><thead><tr><th>${t('admin.name')}</th><th>${t('admin.current_role')}</th><th>${t('admin.give_role')}</th></tr></thead>
				<tbody>${data.items.map((a) => html`<${RoleRow} key=${a.id + a.role + (a.unit ? a.unit.code : '') + (data.pending.has(a.id) ? 'p' : '')} a=${a} units=${data.units} pending=${data.pending.get(a.id)} onSaved=${saved} />`)}</tbody></table></div>`
			: html`<${Empty} text=${t('admin.empty')} />`)}
		<${ChangeHistory} path="/roles/changes" accounts=${accounts} title=${t('admin.my_proposals')} n=${n} />
	<//>`;
}

// Decide: the system administrator agrees to a proposal or refuses it saying why — each asked
// twice; the API's refusal (the proposer, the account itself, the last holder) beside it
function Decide({ c, current, onDone }) {
	const [mode, setMode] = useState(null);
	const [reason, setReason] = useState('');
	const { error, busy, run } = useSubmit();
	const act = (e) => {
		e.preventDefault();
		run(async () => {
			if (mode === 'agree') await api('POST', '/role-changes/' + c.id + '/agree');
			else await api('POST', '/role-changes/' + c.id + '/refuse', { reason: reason.trim() });
			onDone(mode, c);
		});
	};
	if (!mode)
		return html`<div class="buttons" data-test="decide">
			<button type="button" class="small" onClick=${() => setMode('agree')} data-test="agree">${t('admin.agree')}</button>
			<button type="button" class="small secondary" onClick=${() => setMode('refuse')} data-test="refuse">${t('admin.refuse')}</button>
		</div>`;
	const from = current ? label('acct', current.role) : t('common.unknown');
	return html`<form class="decide" onSubmit=${act} novalidate data-test=${mode + '-form'}>
		${mode === 'agree'
			? html`<p>${t('admin.agree_confirm', { name: c.account, from, to: label('acct', c.role) })}</p>`
			: html`<label>${t('admin.refuse_reason')}<span class="req" aria-hidden="true"> *</span>
				<textarea name="reason" rows="2" value=${reason} onInput=${(e) => setReason(e.target.value)} aria-invalid=${error && error.field === 'reason' ? 'true' : null}></textarea>
				<small class="hint block">${t('admin.refuse_hint')}</small><${FieldError} error=${error} field="reason" /></label>`}
		<div class="buttons">
			<button type="submit" class=${mode === 'agree' ? 'small' : 'small danger'} disabled=${busy} data-test=${mode + '-sure'}>${mode === 'agree' ? t('admin.agree_sure') : t('admin.refuse_sure')}</button>
			<button type="button" class="link small" onClick=${() => setMode(null)}>${t('common.cancel')}</button>
		</div>
		<${ErrorBox} error=${error && error.field !== 'reason' ? refusal(error) : null} />
	</form>`;
}

// refusal: the API's refusal of a decision as a person reads it — its reason, without the
// field it names (the proposed role, not a field of this form)
function refusal(error) {
	return { code: 'not_done', message: error.message, field: null };
}

// RoleChanges: the system administrator's page of the changes of administrators' roles the
// security administrator proposed: those waiting, to agree to or refuse, and those decided
export function RoleChanges() {
	const [n, setN] = useState(0);
	const { data, error, loading, reload } = useLoad(() => Promise.all([get('/role-changes?state=pending&limit=200'), get('/accounts')]), [n]);
	const [done, setDone] = useState(null);
	const pending = data ? data[0].items : [];
	const accounts = data ? new Map((data[1].items || data[1]).map((a) => [a.id, a])) : null;
	const decided = (how, c) => {
		setDone({ how, c });
		setN(n + 1);
	};
	return html`<${Frame} title=${t('admin.role_changes')} hint=${t('admin.role_changes_hint')}>
		<${ErrorBox} error=${error} retry=${reload} />
		${done && html`<p class="ok-box" role="status" data-test="decided">${t(done.how === 'agree' ? 'admin.agreed_done' : 'admin.refused_done', { name: done.c.account, role: label('acct', done.c.role) })}</p>`}
		${loading && !data && html`<${Loading} />`}
		${data && (pending.length
			? html`<div class="scroll"><table class="list" data-test="pending-changes"><thead><tr><th>${t('admin.name')}</th><th>${t('admin.current_role')}</th><th>${t('admin.change_to')}</th><th>${t('admin.proposed')}</th><th>${t('admin.decision')}</th></tr></thead>
				<tbody>${pending.map((c) => {
					const a = accounts.get(c.account_id);
					return html`<tr key=${c.id} data-change=${c.id} data-name=${c.account}>
						<td><span class="code nowrap">${c.account}</span>${a && a.display ? html`<small class="muted block">${a.display}</small>` : ''}</td>
						<td>${a ? label('acct', a.role) : t('common.unknown')}</td><td><${ChangeTo} c=${c} /></td><td><${Proposed} c=${c} /></td>
						<td><${Decide} c=${c} current=${a} onDone=${decided} /></td></tr>`;
				})}</tbody></table></div>`
			: html`<${Empty} text=${t('admin.pending_none')} />`)}
		<${ChangeHistory} path="/role-changes" accounts=${accounts} title=${t('admin.decided_changes')} n=${n} />
	<//>`;
}

// NewToken: a token for an integration (POST /tokens): what uses it, the account of a business
// role it acts as (the token takes that account's role and scope, given by the security
// administrator, and stops working when they change: docs/accounts.md), an optional last day. Its
// secret is answered once: shown with a copy button until the page is left, never again.
function NewToken({ accounts, onSaved }) {
	const [v, setV] = useState({ label: '', account: '', expires_on: '' });
	const [made, setMade] = useState(null);
	const [copied, setCopied] = useState(false);
	const { error, busy, run } = useSubmit();
	const bad = (k) => (error && error.field === k ? 'true' : null);
	const usable = (accounts || []).filter((a) => BUSINESS.includes(a.role) && !a.disabled);
	const submit = (e) => {
		e.preventDefault();
		setMade(null);
		setCopied(false);
		run(async () => {
			const body = { label: v.label.trim(), account: v.account.trim() };
			if (v.expires_on) body.expires_on = v.expires_on;
			const r = await api('POST', '/tokens', body);
			setMade(r);
			setV({ label: '', account: '', expires_on: '' });
			onSaved();
		});
	};
	const copy = async () => {
		try {
			await navigator.clipboard.writeText(made.secret);
			setCopied(true);
		} catch (err) {
			/* no clipboard (an insecure origin): the text is selected for Ctrl+C instead */
			const el = document.getElementById('token-secret');
			if (el) el.select();
		}
	};
	const inp = (k, extra) => html`<input name=${k} value=${v[k]} onInput=${(e) => setV({ ...v, [k]: e.target.value })} aria-invalid=${bad(k)} ...${extra || {}} />`;
	return html`<div>
		${made && html`<div class="ok-box secret" role="status" data-test="token-made">
			<p><strong>${t('admin.token_made', { label: made.token.label })}</strong></p>
			<p>${t('admin.token_once')}</p>
			<div class="copy-row"><input id="token-secret" class="code" readonly value=${made.secret} onFocus=${(e) => e.target.select()} aria-label=${t('admin.token_secret')} />
				<button type="button" onClick=${copy} data-test="copy">${copied ? t('admin.copied') : t('admin.copy')}</button></div>
		</div>`}
		<details class="card" open=${!!error}>
			<summary>${t('admin.new_token')}</summary>
			<form class="grid2" onSubmit=${submit} novalidate data-test="new-token">
				<label class="wide">${t('admin.label')}<span class="req" aria-hidden="true"> *</span>${inp('label', { placeholder: t('admin.label_eg') })}<${FieldError} error=${error} field="label" /></label>
				<label>${t('admin.token_account')}<span class="req" aria-hidden="true"> *</span>${accounts
					? html`<select name="account" value=${v.account} onChange=${(e) => setV({ ...v, account: e.target.value })} aria-invalid=${bad('account')}>
						<option value="">${t('admin.choose_account')}</option>${usable.map((a) => html`<option value=${a.name}>${a.display ? a.display + ' · ' : ''}${a.name}（${label('acct', a.role)}）</option>`)}</select>`
					: inp('account', { placeholder: t('admin.name') })}<small class="hint block">${t('admin.token_account_hint')}</small><${FieldError} error=${error} field="account" /></label>
				<label>${t('admin.expires')}${inp('expires_on', { type: 'date' })}<small class="hint block">${t('admin.expires_hint')}</small><${FieldError} error=${error} field="expires_on" /></label>
				<${ErrorBox} error=${error} fields=${['label', 'account', 'expires_on']} />
				<div class="buttons"><button type="submit" disabled=${busy}>${t('admin.make_token')}</button></div>
			</form>
		</details>
	</div>`;
}

function Revoke({ k, onDone }) {
	const [sure, setSure] = useState(false);
	const { error, busy, run } = useSubmit();
	if (k.revoked_at) return null;
	const revoke = () => run(async () => {
		await api('POST', '/tokens/' + k.id + '/revoke');
		onDone();
	});
	return html`<span class="nowrap">${sure
		? html`<button type="button" class="small danger" disabled=${busy} onClick=${revoke} data-test="revoke-sure">${t('admin.revoke_sure')}</button> <button type="button" class="link small" onClick=${() => setSure(false)}>${t('common.cancel')}</button>`
		: html`<button type="button" class="link small" onClick=${() => setSure(true)} data-test="revoke">${t('admin.revoke')}</button>`}
		<${ErrorBox} error=${error} /></span>`;
}

export function Tokens() {
	const { data, error, loading, reload } = useLoad(() => get('/tokens'), []);
	// the accounts a token may act as (GET /accounts: the system administrator's own list)
	const accounts = useLoad(() => get('/accounts'), []);
	const items = data ? data.items || data : [];
	const now = new Date().toISOString();
	return html`<${Frame} title=${t('admin.tokens')} hint=${t('admin.tokens_hint')}>
		<${NewToken} accounts=${accounts.data ? accounts.data.items || accounts.data : null} onSaved=${reload} />
		<${ErrorBox} error=${error} retry=${reload} />
		${loading && !data && html`<${Loading} />`}
		${data && (items.length
			? html`<div class="scroll"><table class="list" data-test="tokens"><thead><tr><th>${t('admin.label')}</th><th>${t('admin.role')}</th><th>${t('admin.unit')}</th><th>${t('admin.created')}</th><th>${t('admin.expires')}</th><th>${t('admin.state')}</th><th><span class="sr">${t('admin.acts')}</span></th></tr></thead>
				<tbody>${items.map((k) => html`<tr data-label=${k.label}><td>${k.label}</td><td>${label('acct', k.role)}${k.account ? html`<small class="muted block">${t('admin.token_as', { account: k.account })}</small>` : ''}</td>
					<td>${k.scope ? html`${k.scope.name}<small class="muted block code">${k.scope.code}</small>` : t('common.empty')}</td>
					<td class="nowrap">${fmtTime(k.created_at)}<small class="muted block">${k.created_by}</small></td><td class="nowrap">${k.expires_at ? fmtDate(k.expires_at) : t('admin.no_expiry')}</td>
					<td>${k.revoked_at
						? html`<${Badge} tone="muted">${t('admin.revoked')}<//><small class="muted block">${fmtTime(k.revoked_at)}</small>`
						: k.expires_at && k.expires_at < now
							? html`<${Badge} tone="muted">${t('admin.expired')}<//>`
							: html`<${Badge} tone="good">${t('admin.active')}<//>`}</td>
					<td><${Revoke} k=${k} onDone=${reload} /></td></tr>`)}</tbody></table></div>`
			: html`<${Empty} text=${t('admin.tokens_none')} />`)}
	<//>`;
}

const OUTCOMES = ['ok', 'denied', 'invalid', 'failed', 'locked'];
const FILTERS = ['actor', 'action', 'outcome', 'from', 'to'];

function pretty(s) {
	if (!s) return t('common.empty');
	try {
		return JSON.stringify(JSON.parse(s), null, 2);
	} catch (e) {
		return s;
	}
}

function Verify() {
	const [r, setR] = useState(null);
	const { error, busy, run } = useSubmit();
	const verify = () => run(async () => setR(await get('/audit/verify')));
	return html`<div class="verify">
		<button type="button" onClick=${verify} disabled=${busy} data-test="verify">${busy ? t('admin.verifying') : t('admin.verify')}</button>
		<${ErrorBox} error=${error} />
		${r && (r.intact
			? html`<p class="ok-box" role="status" data-test="verify-ok">${t('admin.intact', { first: r.first, last: r.last })}<small class="block code">${r.head}</small></p>`
			: html`<p class="error" role="alert" data-test="verify-bad">${t('admin.broken', { seq: r.broken_seq, why: r.why || '' })}</p>`)}
	</div>`;
}

export function Audit({ route }) {
	const f = {};
	for (const k of FILTERS) f[k] = route.query.get(k) || '';
	const [form, setForm] = useState(f);
	// the address is the filter: a link or the back button changes it under the form
	useEffect(() => setForm(f), [FILTERS.map((k) => f[k]).join('\n')]);
	const [cursors, setCursors] = useState([]);
	const [open, setOpen] = useState(null);
	const cursor = cursors[cursors.length - 1] || '';
	const q = { ...f, from: f.from ? f.from + 'T00:00' : '', to: f.to ? f.to + 'T23:59:59' : '' };
	const { data, error, loading, reload } = useLoad(() => get('/audit' + query({ ...q, limit: 50, cursor })), [...FILTERS.map((k) => f[k]), cursor]);
	const submit = (e) => {
		e.preventDefault();
		setCursors([]);
		navigate(withQuery('/audit', { ...form, actor: form.actor.trim(), action: form.action.trim() }));
	};
	const inp = (k, type) => html`<input name=${k} type=${type || 'text'} value=${form[k]} onInput=${(e) => setForm({ ...form, [k]: e.target.value })} />`;
	return html`<${Frame} title=${t('admin.audit')} hint=${t('admin.audit_hint')}>
		<${Verify} />
		<form class="filters" onSubmit=${submit} data-test="audit-filters">
			<label>${t('admin.actor')}${inp('actor')}</label>
			<label>${t('admin.action')}${inp('action')}<small class="hint block">${t('admin.action_hint')}</small></label>
			<label>${t('admin.outcome')}<select name="outcome" value=${form.outcome} onChange=${(e) => setForm({ ...form, outcome: e.target.value })}>
				<option value="">${t('common.all')}</option>${OUTCOMES.map((o) => html`<option value=${o}>${label('outcome', o)}</option>`)}</select></label>
			<label>${t('admin.from')}${inp('from', 'date')}</label>
			<label>${t('admin.to')}${inp('to', 'date')}</label>
			<div class="buttons"><button type="submit">${t('common.search')}</button>
				${FILTERS.some((k) => f[k]) && html`<button type="button" class="link" onClick=${() => { setForm({ actor: '', action: '', outcome: '', from: '', to: '' }); navigate('/audit'); }}>${t('common.reset')}</button>`}</div>
		</form>
		<${ErrorBox} error=${error} retry=${reload} fields=${[]} />
		${loading && !data && html`<${Loading} />`}
		${data && (data.items.length
			? html`<div class="scroll"><table class="list" data-test="audit"><thead><tr><th>${t('admin.seq')}</th><th>${t('admin.at')}</th><th>${t('admin.actor')}</th><th>${t('admin.action')}</th><th>${t('admin.object')}</th><th>${t('admin.outcome')}</th></tr></thead>
				<tbody>${data.items.map((e) => html`<tr>
					<td><button type="button" class="link small" aria-expanded=${open === e.seq ? 'true' : 'false'} onClick=${() => setOpen(open === e.seq ? null : e.seq)}>${e.seq}</button></td>
					<td class="nowrap">${fmtTime(e.at)}</td><td class="code">${e.actor}${e.ip ? html`<small class="muted block">${e.ip}</small>` : ''}</td><td data-test="action">${e.action_label ? html`${e.action_label}<small class="code muted block">${e.action}</small>` : html`<span class="code">${e.action}</span>`}</td><td class="code">${e.object || ''}</td>
					<td><${Badge} tone=${e.outcome === 'ok' ? 'good' : 'warn'}>${label('outcome', e.outcome)}<//></td></tr>
					${open === e.seq && html`<tr class="detail-row"><td colspan="6"><div class="diff" data-test="diff">
						<div><h3>${t('admin.before')}</h3><pre>${pretty(e.before)}</pre></div>
						<div><h3>${t('admin.after')}</h3><pre>${pretty(e.after)}</pre></div>
						<p class="hint code wide">${t('admin.hash')}: ${e.hash}</p></div></td></tr>`}`)}</tbody></table></div>`
			: html`<${Empty} text=${t('admin.audit_none')} />`)}
		${data && html`<${Pager} next=${data.next} cursors=${cursors} onPage=${setCursors} count=${data.items.length} />`}
	<//>`;
}
