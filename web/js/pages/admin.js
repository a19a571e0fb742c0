// admin.js — the three administrators' pages, each reachable only by its own role (三员分立):
// accounts (system administrator), API tokens (security administrator), the audit log (audit
// administrator). They read for now; the acts are on the command line and in the API.
import { useState } from '../../vendor/hooks.js';
import { html, useLoad, Loading, ErrorBox, Empty, Badge, Pager } from '../ui.js';
import { t, label } from '../i18n.js';
import { get, query } from '../api.js';
import { fmtTime, fmtDate } from '../format.js';

function Frame({ title, children }) {
	return html`<section class="page"><h1>${title}</h1><p class="hint">${t('admin.readonly_todo')}</p>${children}</section>`;
}

export function Accounts() {
	const { data, error, loading, reload } = useLoad(() => get('/accounts'), []);
	const items = data ? data.items || data : [];
	return html`<${Frame} title=${t('admin.accounts')}>
		<${ErrorBox} error=${error} retry=${reload} />
		${loading && !data && html`<${Loading} />`}
		${data && (items.length
			? html`<div class="scroll"><table class="list"><thead><tr><th>${t('admin.name')}</th><th>${t('admin.display')}</th><th>${t('admin.role')}</th><th>${t('admin.totp')}</th><th>${t('admin.state')}</th><th>${t('admin.last_login')}</th></tr></thead>
				<tbody>${items.map((a) => html`<tr><td class="code">${a.name}</td><td>${a.display || t('common.empty')}</td><td>${label('acct', a.role)}</td>
					<td>${a.totp_enabled ? t('common.yes') : t('common.no')}</td>
					<td>${a.disabled ? html`<${Badge} tone="muted">${t('admin.disabled')}<//>` : a.locked ? html`<${Badge} tone="bad">${t('admin.locked')}<//>` : html`<${Badge} tone="good">${t('admin.active')}<//>`}</td>
					<td class="nowrap">${fmtTime(a.last_login_at)}</td></tr>`)}</tbody></table></div>`
			: html`<${Empty} text=${t('admin.empty')} />`)}
	<//>`;
}

export function Tokens() {
	const { data, error, loading, reload } = useLoad(() => get('/tokens'), []);
	const items = data ? data.items || data : [];
	return html`<${Frame} title=${t('admin.tokens')}>
		<${ErrorBox} error=${error} retry=${reload} />
		${loading && !data && html`<${Loading} />`}
		${data && (items.length
			? html`<div class="scroll"><table class="list"><thead><tr><th>${t('admin.label')}</th><th>${t('admin.role')}</th><th>${t('admin.created')}</th><th>${t('admin.expires')}</th><th>${t('admin.state')}</th></tr></thead>
				<tbody>${items.map((k) => html`<tr><td>${k.label}</td><td>${label('acct', k.role)}</td><td class="nowrap">${fmtTime(k.created_at)}</td><td class="nowrap">${fmtDate(k.expires_at)}</td>
					<td>${k.revoked_at ? html`<${Badge} tone="muted">${t('admin.revoked')}<//>` : html`<${Badge} tone="good">${t('admin.active')}<//>`}</td></tr>`)}</tbody></table></div>`
			: html`<${Empty} text=${t('admin.empty')} />`)}
	<//>`;
}

export function Audit() {
	const [cursors, setCursors] = useState([]);
	const cursor = cursors[cursors.length - 1] || '';
	const { data, error, loading, reload } = useLoad(() => get('/audit' + query({ limit: 50, cursor })), [cursor]);
	return html`<${Frame} title=${t('admin.audit')}>
		<${ErrorBox} error=${error} retry=${reload} />
		${loading && !data && html`<${Loading} />`}
		${data && (data.items.length
			? html`<div class="scroll"><table class="list"><thead><tr><th>${t('admin.at')}</th><th>${t('admin.actor')}</th><th>${t('admin.action')}</th><th>${t('admin.object')}</th><th>${t('admin.outcome')}</th></tr></thead>
				<tbody>${data.items.map((e) => html`<tr><td class="nowrap">${fmtTime(e.at)}</td><td class="code">${e.actor}</td><td class="code">${e.action}</td><td class="code">${e.object || ''}</td>
					<td><${Badge} tone=${e.outcome === 'ok' ? 'good' : 'warn'}>${e.outcome}<//></td></tr>`)}</tbody></table></div>`
			: html`<${Empty} text=${t('admin.empty')} />`)}
		${data && html`<${Pager} next=${data.next} cursors=${cursors} onPage=${setCursors} count=${data.items.length} />`}
	<//>`;
}
