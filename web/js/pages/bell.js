// bell.js — the notification centre in the header (the bell): the unread count, asked again
// every minute and after each change, and a panel of the newest notifications — reminders,
// escalations, new notices — each with its link, read or unread, marked either way by hand and
// read when its link is followed (GET/POST /api/v1/notifications…, docs/notifications.md).
import { useState, useEffect, useCallback } from '../../vendor/hooks.js';
import { html, ErrorBox, Loading } from '../ui.js';
import { t } from '../i18n.js';
import { api, get, query } from '../api.js';
import { fmtTime } from '../format.js';

const POLL_MS = 60000;
const SHOWN = 20;

export function Bell() {
	const [unread, setUnread] = useState(0);
	const [open, setOpen] = useState(false);
	const [items, setItems] = useState(null);
	const [error, setError] = useState(null);

	const count = useCallback(() => {
		get('/notifications/unread').then((j) => setUnread(j.unread), () => {});
	}, []);
	const load = useCallback(() => {
		setError(null);
		get('/notifications' + query({ limit: SHOWN })).then((j) => setItems(j.items), setError);
	}, []);
	useEffect(() => {
		count();
		const id = setInterval(count, POLL_MS);
		return () => clearInterval(id);
	}, []);
	useEffect(() => {
		if (!open) return undefined;
		load();
		const esc = (e) => e.key === 'Escape' && setOpen(false);
		document.addEventListener('keydown', esc);
		return () => document.removeEventListener('keydown', esc);
	}, [open]);

	const mark = (n, read) =>
		api('POST', '/notifications/' + n.id + (read ? '/read' : '/unread')).then((j) => {
			setUnread(j.unread);
			setItems((v) => v.map((m) => (m.id === n.id ? { ...m, read } : m)));
		}, setError);
	const follow = (n) => {
		if (!n.read) mark(n, true);
		setOpen(false);
	};

	return html`<div class="bell">
		<button type="button" class="link bell-btn" data-test="bell" aria-expanded=${open} aria-haspopup="true"
			title=${t('bell.title')} onClick=${() => setOpen(!open)}>
			${t('bell.title')}${unread > 0 && html`<span class="bell-count" data-test="bell-count" aria-label=${t('bell.unread', { n: unread })}>${unread}</span>`}
		</button>
		${open && html`<div class="bell-panel" role="dialog" aria-label=${t('bell.title')}>
			<div class="bell-head"><strong>${t('bell.title')}</strong>
				<span class="muted">${unread > 0 ? t('bell.unread', { n: unread }) : t('bell.all_read')}</span></div>
			<${ErrorBox} error=${error} retry=${load} />
			${!items && !error && html`<${Loading} />`}
			${items && !items.length && html`<p class="muted bell-empty">${t('bell.empty')}</p>`}
			${items && items.length > 0 && html`<ul class="bell-list">${items.map((n) => html`<li class=${n.read ? 'read' : 'unread'} data-test="bell-item">
				<div class="bell-subject">${n.link ? html`<a href=${n.link} onClick=${() => follow(n)}>${n.subject}</a>` : n.subject}</div>
				<div class="bell-body">${n.body}</div>
				<div class="bell-meta"><span class="muted">${fmtTime(n.created_at)}</span>
					<button type="button" class="link" onClick=${() => mark(n, !n.read)}>${n.read ? t('bell.mark_unread') : t('bell.mark_read')}</button></div>
			</li>`)}</ul>`}
		</div>`}
	</div>`;
}
