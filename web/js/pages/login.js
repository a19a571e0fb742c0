// login.js — signing in (name and password, then the authenticator code when the account has a
// second factor) and changing one's password, forced when it has expired.
import { useState, useRef, useEffect } from '../../vendor/hooks.js';
import { html, ErrorBox, FieldError } from '../ui.js';
import { t } from '../i18n.js';
import { api, setCsrf } from '../api.js';

// the demo's hint only where a demo may run: a server on this machine's loopback
const LOOPBACK = ['127.0.0.1', 'localhost', '[::1]'].includes(location.hostname);

function LangButton({ onLang }) {
	return html`<button type="button" class="link lang" title=${t('lang.switch_title')} onClick=${onLang}>${t('lang.switch')}</button>`;
}

export function Login({ notice, onSignedIn, onLang }) {
	const [name, setName] = useState('');
	const [password, setPassword] = useState('');
	const [totp, setTotp] = useState('');
	const [needTotp, setNeedTotp] = useState(false);
	const [error, setError] = useState(null);
	const [busy, setBusy] = useState(false);
	const totpRef = useRef(null);

	useEffect(() => {
		if (needTotp && totpRef.current) totpRef.current.focus();
	}, [needTotp]);

	const submit = async (e) => {
		e.preventDefault();
		setBusy(true);
		setError(null);
		const body = { name: name.trim(), password };
		if (needTotp) body.totp = totp.trim();
		try {
			const s = await api('POST', '/session', body, { login: true });
			onSignedIn(s.account, s.csrf);
		} catch (err) {
			if (err.code === 'totp_required' || (err.code === 'totp_bad' && !needTotp)) {
				setNeedTotp(true);
				if (err.code === 'totp_bad') setError(err);
			} else {
				setError(err);
				if (err.code === 'totp_bad') setTotp('');
			}
		}
		setBusy(false);
	};
	const restart = () => {
		setNeedTotp(false);
		setTotp('');
		setPassword('');
		setError(null);
	};

	return html`<div class="login-wrap">
		<div class="login-lang"><${LangButton} onLang=${onLang} /></div>
		<form class="login card" onSubmit=${submit} novalidate>
			<h1>${t('app.title')}</h1>
			<p class="muted">${t('login.subtitle')}</p>
			${notice && !error && html`<p class="info" role="status">${t(notice)}</p>`}
			${!needTotp &&
			html`<label>${t('login.name')}
					<input name="name" autocomplete="username" autocapitalize="off" spellcheck="false" required value=${name} onInput=${(e) => setName(e.target.value)} />
				</label>
				<label>${t('login.password')}
					<input name="password" type="password" autocomplete="current-password" required value=${password} onInput=${(e) => setPassword(e.target.value)} />
				</label>`}
			${needTotp &&
			html`<p class="who-line">${name}</p>
				<label>${t('login.totp')}
					<input name="totp" ref=${totpRef} inputmode="numeric" autocomplete="one-time-code" pattern="[0-9]*" maxlength="8" required value=${totp} onInput=${(e) => setTotp(e.target.value)} />
				</label>
				<p class="hint">${t('login.totp_hint')}</p>`}
			<${ErrorBox} error=${error} />
			<button type="submit" disabled=${busy}>${busy ? t('login.submitting') : t('login.submit')}</button>
			${needTotp && html`<button type="button" class="link" onClick=${restart}>${t('login.back')}</button>`}
			${LOOPBACK && html`<p class="hint">${t('login.demo_hint')}</p>`}
		</form>
	</div>`;
}

// PasswordPage: the account's own password; forced (nothing else reachable) when it expired.
export function PasswordPage({ account, forced, onChanged, onSignOut, onLang }) {
	const [old, setOld] = useState('');
	const [pw, setPw] = useState('');
	const [pw2, setPw2] = useState('');
	const [error, setError] = useState(null);
	const [mismatch, setMismatch] = useState(false);
	const [done, setDone] = useState(false);
	const [busy, setBusy] = useState(false);

	const submit = async (e) => {
		e.preventDefault();
		setError(null);
		setDone(false);
		if (pw !== pw2) {
			setMismatch(true);
			return;
		}
		setMismatch(false);
		setBusy(true);
		try {
			const s = await api('POST', '/session/password', { old, new: pw });
			setCsrf(s.csrf);
			setOld('');
			setPw('');
			setPw2('');
			setDone(true);
			if (onChanged) {
				const me = await api('GET', '/session');
				onChanged(me.account);
			}
		} catch (err) {
			setError(err);
		}
		setBusy(false);
	};

	const form = html`<form class="card narrow" onSubmit=${submit} novalidate>
		<h1>${t('pw.title')}</h1>
		${forced && html`<p class="warn-box" role="status">${t('pw.forced')}</p>`}
		<input type="text" name="username" autocomplete="username" value=${account.name} readonly hidden />
		<label>${t('pw.old')}<input name="old" type="password" autocomplete="current-password" required aria-invalid=${error && error.field === 'old' ? 'true' : null} value=${old} onInput=${(e) => setOld(e.target.value)} />
			<${FieldError} error=${error} field="old" /></label>
		<label>${t('pw.new')}<input name="new" type="password" autocomplete="new-password" required aria-invalid=${error && error.field === 'new' ? 'true' : null} value=${pw} onInput=${(e) => setPw(e.target.value)} />
			<${FieldError} error=${error} field="new" /></label>
		<label>${t('pw.new2')}<input name="new2" type="password" autocomplete="new-password" required value=${pw2} onInput=${(e) => setPw2(e.target.value)} /></label>
		<p class="hint">${t('pw.rules')}</p>
		${mismatch && html`<div class="error" role="alert"><p>${t('pw.mismatch')}</p></div>`}
		<${ErrorBox} error=${error} fields=${['old', 'new']} />
		${done && html`<p class="ok-box" role="status">${t('pw.done')}</p>`}
		<button type="submit" disabled=${busy}>${t('pw.submit')}</button>
	</form>`;
	if (!forced) return html`<section class="page">${form}</section>`;
	return html`<div class="login-wrap">
		<div class="login-lang"><${LangButton} onLang=${onLang} /> <button type="button" class="link" onClick=${onSignOut}>${t('nav.signout')}</button></div>
		${form}
	</div>`;
}
