// session.js — the session's end told before it comes: GET /session answers when the session
// ends if nothing more is asked (idle_minutes after the last request) and at the latest
// (expires_at, the absolute limit). WARN_MS before either, a banner says so; "stay signed in"
// asks the server once (which keeps an idle session alive), the absolute end cannot be moved.
import { useState, useEffect } from '../vendor/hooks.js';
import { html } from './ui.js';
import { t } from './i18n.js';
import { api, lastRequest } from './api.js';
import { fmtTime } from './format.js';

const WARN_MS = 5 * 60 * 1000;
// the server notes a session's use at most once a minute: count the idle time from a minute
// before the last request
const TOUCH_MS = 60 * 1000;

export function SessionClock({ onSignOut }) {
	const [times, setTimes] = useState(null);
	const [now, setNow] = useState(Date.now());
	const [busy, setBusy] = useState(false);
	const read = () =>
		api('GET', '/session').then(
			(s) => setTimes(s.session || null),
			() => setTimes(null)
		);
	useEffect(() => {
		// read once the page has what it came for: the warning is minutes away at the earliest
		const first = setTimeout(read, 3000);
		const id = setInterval(() => setNow(Date.now()), 15000);
		return () => {
			clearTimeout(first);
			clearInterval(id);
		};
	}, []);
	if (!times) return null;
	const idleEnd = lastRequest - TOUCH_MS + times.idle_minutes * 60000;
	const absEnd = Date.parse(times.expires_at);
	const absolute = absEnd <= idleEnd;
	const end = absolute ? absEnd : idleEnd;
	if (end - now > WARN_MS) return null;
	const minutes = Math.max(0, Math.ceil((end - now) / 60000));
	const stay = async () => {
		setBusy(true);
		await read();
		setNow(Date.now());
		setBusy(false);
	};
	return html`<div class="session-warn" role="alert" data-test="session-warn">
		<p>${absolute ? t('session.absolute', { n: minutes, at: fmtTime(times.expires_at) }) : t('session.idle', { n: minutes })}</p>
		<div class="buttons">
			${!absolute && html`<button type="button" onClick=${stay} disabled=${busy}>${t('session.stay')}</button>`}
			<button type="button" class="secondary" onClick=${onSignOut}>${t('nav.signout')}</button>
		</div>
	</div>`;
}
