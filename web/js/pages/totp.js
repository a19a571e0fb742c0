// totp.js — one's second factor (动态验证码): the password again (and the current code when one is
// in force), then the new key as a QR code to scan with an authenticator app (drawn from the
// modules the server encoded, libqrencode), then a code of it to confirm. Forced, with nothing
// else reachable, for an administrator who has none yet (their first sign-in).
import { useState } from '../../vendor/hooks.js';
import { html, ErrorBox, FieldError, useSubmit } from '../ui.js';
import { t } from '../i18n.js';
import { api } from '../api.js';

const QUIET = 4; // the quiet zone around the symbol, in modules (ISO/IEC 18004)

// Qr: the symbol as one SVG path, a unit square per dark module (no style attribute: the CSP)
export function Qr({ qr, title }) {
	let d = '';
	qr.rows.forEach((row, y) => {
		for (let x = 0; x < row.length; x++) if (row[x] === '1') d += `M${x + QUIET} ${y + QUIET}h1v1h-1z`;
	});
	const n = qr.size + 2 * QUIET;
	return html`<svg class="qr" viewBox=${`0 0 ${n} ${n}`} role="img" aria-label=${title} data-test="qr" shape-rendering="crispEdges">
		<rect width=${n} height=${n} fill="#fff" /><path d=${d} fill="#000" />
	</svg>`;
}

export function TotpPage({ account, forced, onDone, onSignOut, onLang }) {
	const [password, setPassword] = useState('');
	const [code, setCode] = useState('');
	const [key, setKey] = useState(null);
	const [confirm, setConfirm] = useState('');
	const [done, setDone] = useState(false);
	const { error, busy, run } = useSubmit();

	const begin = (e) => {
		e.preventDefault();
		run(async () => {
			setKey(await api('POST', '/session/totp', { password, ...(account.totp_enabled ? { code: code.trim() } : {}) }));
			setPassword('');
			setCode('');
		});
	};
	const finish = (e) => {
		e.preventDefault();
		run(async () => {
			await api('POST', '/session/totp/confirm', { code: confirm.trim() });
			setKey(null);
			setConfirm('');
			setDone(true);
			if (onDone) {
				const me = await api('GET', '/session');
				onDone(me.account);
			}
		});
	};

	const body = html`<div class="card narrow totp">
		<h1>${t('totp.title')}</h1>
		${forced && html`<p class="warn-box" role="status">${t('totp.forced')}</p>`}
		${!key &&
		html`<form onSubmit=${begin} novalidate data-test="totp-begin">
			<p>${account.totp_enabled ? t('totp.replace_intro') : t('totp.intro')}</p>
			<input type="text" name="username" autocomplete="username" value=${account.name} readonly hidden />
			<label>${t('totp.password')}<input name="password" type="password" autocomplete="current-password" value=${password} onInput=${(e) => setPassword(e.target.value)}
				aria-invalid=${error && error.field === 'password' ? 'true' : null} /><${FieldError} error=${error} field="password" /></label>
			${account.totp_enabled &&
			html`<label>${t('totp.current_code')}<input name="code" inputmode="numeric" autocomplete="one-time-code" maxlength="8" value=${code} onInput=${(e) => setCode(e.target.value)} />
				<${FieldError} error=${error} field="code" /></label>`}
			<${ErrorBox} error=${error} fields=${['password', 'code']} />
			${done && html`<p class="ok-box" role="status">${t('totp.done')}</p>`}
			<button type="submit" disabled=${busy}>${t('totp.begin')}</button>
		</form>`}
		${key &&
		html`<form onSubmit=${finish} novalidate data-test="totp-confirm">
			<ol class="steps">
				<li>${t('totp.scan')}</li>
				<li>${t('totp.type_code')}</li>
			</ol>
			${key.qr && html`<${Qr} qr=${key.qr} title=${t('totp.qr_title')} />`}
			<p class="hint">${t('totp.manual')}<code class="secret block" data-test="secret">${key.secret.replace(/(.{4})/g, '$1 ').trim()}</code></p>
			<label>${t('totp.new_code')}<input name="confirm" inputmode="numeric" autocomplete="one-time-code" maxlength="8" value=${confirm} onInput=${(e) => setConfirm(e.target.value)}
				aria-invalid=${error && error.field === 'code' ? 'true' : null} /><${FieldError} error=${error} field="code" /></label>
			<${ErrorBox} error=${error} fields=${['code']} />
			<button type="submit" disabled=${busy}>${t('totp.confirm')}</button>
		</form>`}
	</div>`;
	if (!forced) return html`<section class="page">${body}</section>`;
	return html`<div class="login-wrap">
		<div class="login-lang"><button type="button" class="link lang" title=${t('lang.switch_title')} onClick=${onLang}>${t('lang.switch')}</button> <button type="button" class="link" onClick=${onSignOut}>${t('nav.signout')}</button></div>
		${body}
	</div>`;
}
