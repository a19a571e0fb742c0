// bell.js — the notification centre in the header (the bell): the unread count, asked again
// every minute and after each change, and a panel of the newest notifications — reminders,
// escalations, new notices — each with its link, read or unread, marked either way by hand and
// read when its link is followed; in the panel each person's channels (which of the channels
// the security administrator configured get their messages, and their address there); and the
// office's outbox page (#/outbox: what was sent, what waits, the dead letters and why, and the
// reminder rules above them).
// GET/POST /api/v1/notifications…, /notify/preferences, /notify/outbox; docs/notifications.md.
import { useState, useEffect, useCallback } from '../../vendor/hooks.js';
import { html, ErrorBox, Loading, Empty, Badge, Pager, useLoad } from '../ui.js';
import { t, label } from '../i18n.js';
import { api, get, query, errorText } from '../api.js';
import { fmtTime } from '../format.js';
import { Rules } from './channels.js';

const POLL_MS = 60000;
const SHOWN = 20;

export function Bell() {
	const [unread, setUnread] = useState(0);
	const [open, setOpen] = useState(false);
	const [items, setItems] = useState(null);
	const [error, setError] = useState(null);
	const [prefs, setPrefs] = useState(false);

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
				<span class="muted">${unread > 0 ? t('bell.unread', { n: unread }) : t('bell.all_read')}</span>
				<button type="button" class="link" data-test="bell-prefs" aria-expanded=${prefs} onClick=${() => setPrefs(!prefs)}>${t('bell.channels')}</button></div>
			${prefs && html`<${Channels} />`}
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

// Channels: the channels configured, each chosen or not by the signed-in person, with their
// address there (a mail address; a mobile number or user id for a robot to mention).
function Channels() {
	const { data, error, reload } = useLoad(() => get('/notify/preferences'), []);
	const [msg, setMsg] = useState(null);
	// what the person just chose shows at once, before the server's answer comes back (a
	// controlled box would otherwise spring back until the reload); a refusal puts it back
	const [chosen, setChosen] = useState({});
	const save = (ch, on, address) => {
		setChosen((m) => ({ ...m, [ch.channel]: on }));
		return api('PUT', '/notify/preferences/' + ch.channel, address ? { chosen: on, address } : { chosen: on }).then(
			() => { setMsg(null); reload(); },
			(e) => { setChosen((m) => ({ ...m, [ch.channel]: ch.chosen })); setMsg(errorText(e, true)); }
		);
	};
	if (error) return html`<${ErrorBox} error=${error} retry=${reload} />`;
	if (!data) return html`<${Loading} />`;
	if (!data.items.length) return html`<p class="muted bell-empty">${t('bell.no_channels')}</p>`;
	return html`<form class="bell-prefs" onSubmit=${(e) => e.preventDefault()}>
		<p class="hint">${t('bell.channels_hint')}</p>
		${data.items.map((ch) => html`<div class="bell-pref" data-test="bell-pref">
			<label><input type="checkbox" checked=${ch.channel in chosen ? chosen[ch.channel] : ch.chosen} onChange=${(e) => save(ch, e.target.checked, ch.address)} />
				${ch.name} <small class="muted">${label('channel', ch.kind)}</small></label>
			<input type="text" name=${'address-' + ch.channel} value=${ch.address} maxlength="254"
				placeholder=${ch.kind === 'mail' ? t('bell.address_mail') : t('bell.address_mention')}
				aria-label=${t('bell.address')} onChange=${(e) => save(ch, true, e.target.value)} />
		</div>`)}
		${msg && html`<p class="error" role="alert">${msg}</p>`}
	</form>`;
}

// Outbox: the office's view of the messages to channels, newest first, by state.
export function Outbox() {
	const [state, setState] = useState('');
	const [cursors, setCursors] = useState([]);
	const cursor = cursors[cursors.length - 1];
	const { data, error, loading, reload } = useLoad(
		() => get('/notify/outbox' + query({ state: state || undefined, cursor, limit: 50 })), [state, cursor]);
	const tone = { sent: 'good', pending: 'warn', dead: 'bad' };
	return html`<section class="page">
		<h1>${t('outbox.title')}</h1>
		<p class="hint">${t('outbox.hint')}</p>
		<${Rules} />
		<div class="filters"><label>${t('outbox.state')}
			<select value=${state} onChange=${(e) => { setState(e.target.value); setCursors([]); }}>
				<option value="">${t('common.all')}</option>
				${['pending', 'sent', 'dead'].map((s) => html`<option value=${s}>${t('outbox.' + s)}</option>`)}
			</select></label></div>
		<${ErrorBox} error=${error} retry=${reload} />
		${loading && !data && html`<${Loading} />`}
		${data && (data.items.length
			? html`<div class="scroll"><table class="list" data-test="outbox"><thead><tr><th>${t('outbox.created')}</th><th>${t('outbox.channel')}</th><th>${t('outbox.to')}</th><th>${t('outbox.subject')}</th><th>${t('outbox.state')}</th><th>${t('outbox.tries')}</th></tr></thead>
				<tbody>${data.items.map((m) => html`<tr><td class="nowrap">${fmtTime(m.created_at)}</td><td>${m.channel} <small class="muted">${label('channel', m.kind)}</small></td>
					<td>${m.account || t('common.empty')}</td><td>${m.subject}${m.error && html`<div class="muted">${m.error}</div>`}</td>
					<td><${Badge} tone=${tone[m.state]}>${t('outbox.' + m.state)}<//></td><td>${m.tries}</td></tr>`)}</tbody></table></div>`
			: html`<${Empty} text=${t('outbox.empty')} />`)}
		${data && html`<${Pager} next=${data.next} cursors=${cursors} onPage=${setCursors} />`}
	</section>`;
}
