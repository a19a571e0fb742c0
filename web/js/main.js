// main.js — the application: who is signed in, the route (route.js), the shell with the
// navigation of the signed-in role, and the language switch.
import { render } from '../vendor/preact.js';
import { useState, useEffect } from '../vendor/hooks.js';
import { html, forgetUnits } from './ui.js';
import { t, setLang, currentLang, label } from './i18n.js';
import { api, setCsrf, whenSignedOut, mayBeSignedIn } from './api.js';
import { parseHash, navigate, BUSINESS } from './route.js';
import { Login, PasswordPage } from './pages/login.js';
import { Todo } from './pages/todo.js';
import { NoticeList, NoticeDetail, NoticeNew } from './pages/notices.js';
import { IncidentList, IncidentDetail, IncidentNew } from './pages/incidents.js';
import { AssetList, AssetDetail, AssetForm, AssetImport } from './pages/assets.js';
import { Accounts, Tokens, Audit, Roles, RoleChanges } from './pages/admin.js';
import { AssessList, AssessSheet } from './pages/assess.js';
import { Matrix, Units, People } from './pages/org.js';
import { Duties } from './pages/duties.js';
import { SessionClock } from './session.js';
import { TotpPage } from './pages/totp.js';
import { Bell, Outbox } from './pages/bell.js';
import { Channels } from './pages/channels.js';

const ADMINS = ['sysadmin', 'secadmin', 'auditadmin'];

function navFor(role) {
	if (BUSINESS.includes(role))
		return [
			['/', 'nav.todo'],
			['/notices', 'nav.notices'],
			['/incidents', 'nav.incidents'],
			['/assets', 'nav.assets'],
			['/org', 'nav.org'],
			['/duties', 'nav.duties'],
			['/assess', 'nav.assess'],
			...(role === 'office' ? [['/outbox', 'nav.outbox']] : []),
		];
	if (role === 'sysadmin') return [['/accounts', 'nav.accounts'], ['/role-changes', 'nav.role_changes'], ['/tokens', 'nav.tokens']];
	if (role === 'secadmin') return [['/roles', 'nav.roles'], ['/channels', 'nav.channels']];
	if (role === 'auditadmin') return [['/audit', 'nav.audit']];
	return [];
}

function active(item, path) {
	return item === '/' ? path === '/' : path === item || path.startsWith(item + '/');
}

function AdminHome({ account }) {
	const items = navFor(account.role);
	return html`<section class="page">
		<h1>${label('acct', account.role)}</h1>
		<p>${items.length ? t('home.admin', { role: label('acct', account.role) }) : t('home.none')}</p>
		<ul class="links">${items.map(([p, k]) => html`<li><a href=${'#' + p}>${t(k)}</a></li>`)}</ul>
	</section>`;
}

function NotFound() {
	return html`<section class="page"><h1>${t('notfound.title')}</h1><p>${t('notfound.text')}</p></section>`;
}

function Page({ route, account }) {
	const [a, b] = route.parts;
	const business = BUSINESS.includes(account.role);
	if (a === 'password') return html`<${PasswordPage} account=${account} />`;
	if (a === 'totp') return html`<${TotpPage} account=${account} />`;
	if (!a) return business ? html`<${Todo} account=${account} />` : html`<${AdminHome} account=${account} />`;
	// the pages of the daily work: lists, a new record, one record, its edit and the import
	if (business && a === 'notices' && !b) return html`<${NoticeList} route=${route} account=${account} />`;
	if (business && a === 'notices' && b === 'new') return html`<${NoticeNew} account=${account} />`;
	if (business && a === 'incidents' && !b) return html`<${IncidentList} route=${route} account=${account} />`;
	if (business && a === 'incidents' && b === 'new') return html`<${IncidentNew} account=${account} />`;
	if (business && a === 'assets' && !b) return html`<${AssetList} route=${route} account=${account} />`;
	if (business && a === 'assets' && b === 'new') return html`<${AssetForm} account=${account} />`;
	if (business && a === 'assets' && b === 'import') return html`<${AssetImport} account=${account} />`;
	if (business && a === 'assets' && route.parts[2] === 'edit') return html`<${AssetForm} id=${b} account=${account} />`;
	if (business && a === 'assets') return html`<${AssetDetail} id=${b} account=${account} />`;
	if (business && a === 'notices') return b ? html`<${NoticeDetail} id=${b} account=${account} />` : html`<${NoticeList} route=${route} />`;
	if (business && a === 'incidents') return b ? html`<${IncidentDetail} id=${b} account=${account} />` : html`<${IncidentList} route=${route} />`;
	if (business && a === 'assets') return html`<${AssetList} route=${route} />`;
	if (business && a === 'assess') return b ? html`<${AssessSheet} id=${b} account=${account} />` : html`<${AssessList} route=${route} account=${account} />`;
	if (business && a === 'org' && b === 'units') return html`<${Units} account=${account} />`;
	if (business && a === 'org' && b === 'people') return html`<${People} account=${account} />`;
	if (business && a === 'org' && !b) return html`<${Matrix} route=${route} account=${account} />`;
	if (business && a === 'duties') return html`<${Duties} route=${route} account=${account} />`;
	if (account.role === 'secadmin' && a === 'roles') return html`<${Roles} />`;
	if (account.role === 'secadmin' && a === 'channels') return html`<${Channels} />`;
	if (account.role === 'office' && a === 'outbox') return html`<${Outbox} />`;
	if (account.role === 'sysadmin' && a === 'accounts') return html`<${Accounts} />`;
	if (account.role === 'sysadmin' && a === 'tokens') return html`<${Tokens} />`;
	if (account.role === 'sysadmin' && a === 'role-changes') return html`<${RoleChanges} />`;
	if (account.role === 'auditadmin' && a === 'audit') return html`<${Audit} route=${route} />`;
	return html`<${NotFound} />`;
}

function Shell({ account, route, onSignOut, onLang }) {
	const items = navFor(account.role);
	const name = account.display || account.name;
	return html`<div class="shell">
		<a class="skip" href="#main" onClick=${(e) => { e.preventDefault(); document.getElementById('main').focus(); }}>${t('common.skip')}</a>
		<header class="top">
			<a class="brand" href="#/">${t('app.title')}</a>
			<div class="who">
				<span class="user" data-test="who">${name}<small>${label('acct', account.role)}</small></span>
				<${Bell} />
				<a class="hdr-link" href="#/password">${t('nav.password')}</a>
				<a class="hdr-link" href="#/totp">${t('nav.totp')}</a>
				<button type="button" class="link lang" title=${t('lang.switch_title')} onClick=${onLang}>${t('lang.switch')}</button>
				<button type="button" class="link" onClick=${onSignOut}>${t('nav.signout')}</button>
			</div>
		</header>
		<nav class="side" aria-label=${t('nav.menu')}>
			<ul>${items.map(([p, k]) => html`<li><a href=${'#' + p} class=${active(p, route.path) ? 'on' : ''} aria-current=${active(p, route.path) ? 'page' : null}>${t(k)}</a></li>`)}</ul>
		</nav>
		<${SessionClock} onSignOut=${onSignOut} />
		<main id="main" tabindex="-1"><${Page} route=${route} account=${account} key=${route.path} /></main>
	</div>`;
}

function App() {
	const [account, setAccount] = useState(undefined);
	const [route, setRoute] = useState(parseHash());
	const [notice, setNotice] = useState('');
	const [, setLangState] = useState(currentLang());

	useEffect(() => {
		const on = () => setRoute(parseHash());
		window.addEventListener('hashchange', on);
		whenSignedOut(() => {
			setCsrf('');
			forgetUnits();
			setNotice('login.expired');
			setAccount(null);
		});
		if (!mayBeSignedIn()) setAccount(null);
		else
			api('GET', '/session', undefined, { login: true }).then(
				(s) => setAccount(s.account || null),
				() => {
					setCsrf('');
					setAccount(null);
				}
			);
		return () => window.removeEventListener('hashchange', on);
	}, []);

	useEffect(() => {
		document.title = t('app.title');
	});

	const onLang = () => {
		setLang(currentLang() === 'en' ? 'zh-CN' : 'en');
		setLangState(currentLang());
	};
	const signedIn = (acc, csrf) => {
		setCsrf(csrf);
		forgetUnits();
		setNotice('');
		setAccount(acc);
		if (route.path === '/login') navigate('/');
	};
	const onSignOut = async () => {
		try {
			await api('DELETE', '/session');
		} catch (e) {
			/* the session may have ended already: signed out either way */
		}
		setCsrf('');
		forgetUnits();
		setNotice('login.signed_out');
		setAccount(null);
		navigate('/login');
	};

	if (account === undefined) return html`<p class="loading">${t('common.loading')}</p>`;
	if (account === null) return html`<${Login} notice=${notice} onSignedIn=${signedIn} onLang=${onLang} />`;
	if (account.password_expired)
		return html`<${PasswordPage} account=${account} forced=${true} onChanged=${(acc) => setAccount(acc)} onSignOut=${onSignOut} onLang=${onLang} />`;
	if (ADMINS.includes(account.role) && !account.totp_enabled)
		return html`<${TotpPage} account=${account} forced=${true} onDone=${(acc) => setAccount(acc)} onSignOut=${onSignOut} onLang=${onLang} />`;
	if (route.path === '/login') {
		navigate('/');
		return null;
	}
	return html`<${Shell} account=${account} route=${route} onSignOut=${onSignOut} onLang=${onLang} />`;
}

// /login (the address the server also answers with this page) is the sign-in route
if (location.pathname === '/login') history.replaceState(null, '', '/#/login');
render(html`<${App} />`, document.getElementById('app'));
