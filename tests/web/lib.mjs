// lib.mjs — what the browser tests share: a real `cyberduty serve` on a fresh demo database on a
// free loopback port, Debian's chromium driven by playwright-core (headless, nothing downloaded),
// a page that records console errors and CSP violations, and a signed-in API client to check
// what the pages did against the API's state.
import { spawn, spawnSync, execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

export const BIN = process.env.CD_BIN;
export const SOURCE = process.env.CD_SOURCE;
export const TMP = process.env.CD_TMP || '/tmp';
export const SHOTS = process.env.CD_SHOTS || join(TMP, 'web-screenshots');
export const CHROMIUM = process.env.CD_CHROMIUM || '/usr/bin/chromium';

if (!BIN || !SOURCE) throw new Error('CD_BIN and CD_SOURCE must name the binary and the source tree');
if (!existsSync(CHROMIUM)) throw new Error(CHROMIUM + ' is missing: run scripts/deps (it installs Debian\'s chromium)');
if (!existsSync(join(SOURCE, 'web/vendor/preact.js'))) throw new Error('web/vendor is missing: run scripts/deps');

// the demo's sign-ins (src/demo/demo_accounts.c prints them)
export const LOGINS = {
	office: { name: 'office', password: 'Bangongshi#2026' },
	officer: { name: 'officer', password: 'Anquanyuan#2026' },
	'unit-leader': { name: 'unit-leader', password: 'Fuzeren#2026a' },
	leader: { name: 'leader', password: 'Lingdao#2026ab' },
	unitLeader: { name: 'unit-leader', password: 'Fuzeren#2026a' },
	sysadmin: { name: 'sysadmin', password: 'Xitong#Guanli26', totp: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXA' },
	secadmin: { name: 'secadmin', password: 'Anquan#Guanli26', totp: 'KRUGS4ZANFZSA5DIMUQHIZLTOQQGWZLZ' },
	auditadmin: { name: 'auditadmin', password: 'Shenji#Guanli26', totp: 'MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U' },
};

// totp: the code of a base32 key now (oathtool, from scripts/deps); at: an offset in steps
export function totp(key, step) {
	const args = ['--totp', '-b', key];
	if (step) args.push('--now', new Date(Date.now() + step * 30000).toISOString().replace(/\.\d+Z$/, 'Z'));
	return execFileSync('oathtool', args, { encoding: 'utf8' }).trim();
}

// startServer: a fresh demo database (name: a file under TMP) served on a free port
export async function startServer(name) {
	const dir = join(TMP, 'web-' + name);
	rmSync(dir, { recursive: true, force: true });
	mkdirSync(dir, { recursive: true });
	const db = join(dir, 'demo.db');
	const demo = spawnSync(BIN, ['demo', '--db', db], { encoding: 'utf8' });
	if (demo.status !== 0) throw new Error('cyberduty demo failed: ' + demo.stderr);
	for (let attempt = 0; attempt < 10; attempt++) {
		const port = 20000 + Math.floor(Math.random() * 30000);
		const proc = spawn(BIN, ['serve', '--listen', '127.0.0.1:' + port, '--db', db, '--web', join(SOURCE, 'web')], {
			stdio: ['ignore', 'ignore', 'pipe'],
		});
		let exited = false;
		proc.on('exit', () => (exited = true));
		const base = 'http://127.0.0.1:' + port;
		for (let i = 0; i < 50 && !exited; i++) {
			try {
				const r = await fetch(base + '/api/v1/health');
				if (r.ok) return { base, db, dir, proc, stop: () => proc.kill('SIGTERM') };
			} catch (e) {
				/* not up yet */
			}
			await new Promise((r) => setTimeout(r, 100));
		}
		proc.kill('SIGKILL');
	}
	throw new Error('cyberduty serve did not start');
}

export async function launch() {
	return chromium.launch({
		executablePath: CHROMIUM,
		headless: true,
		args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
			'--disable-component-update', '--disable-sync'],
	});
}

export const LAPTOP = { width: 1366, height: 768 };
export const TABLET = { width: 768, height: 1024 };
export const TABLET_TALL = { width: 820, height: 1180 };

// newPage: a page in a fresh context that records console errors, page errors, failed
// requests of the app's own files and CSP violations into page.problems
export async function newPage(browser, base, viewport) {
	const ctx = await browser.newContext({ viewport: viewport || LAPTOP, baseURL: base, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
	const page = await ctx.newPage();
	page.problems = [];
	page.apiErrors = [];
	page.on('console', (m) => {
		// an API answer of 4xx is the browser's log line, not the page's fault: the pages show
		// those answers (page.apiErrors keeps them for the tests that expect one)
		if (/^Failed to load resource/.test(m.text()) && (m.location().url || '').includes('/api/v1/')) return;
		if (m.type() === 'error' || (m.type() === 'warning' && /i18n|Content Security Policy/.test(m.text())))
			page.problems.push('console ' + m.type() + ': ' + m.text());
	});
	page.on('pageerror', (e) => page.problems.push('page error: ' + e.message));
	// a request cut short by a navigation (net::ERR_ABORTED) is no fault
	page.on('requestfailed', (r) => {
		if (!/ERR_ABORTED/.test((r.failure() || {}).errorText || '')) page.problems.push('request failed: ' + r.url());
	});
	page.on('response', (r) => {
		if (r.url().includes('/api/v1/') && r.status() >= 400) page.apiErrors.push(r.status() + ' ' + r.request().method() + ' ' + r.url());
		if ((!r.url().includes('/api/') && r.status() >= 400) || r.status() >= 500) page.problems.push('HTTP ' + r.status() + ' ' + r.url());
	});
	await page.addInitScript(() => {
		document.addEventListener('securitypolicyviolation', (e) => console.error('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI));
		// the fetches under way and when the last one ended, for settle
		const inner = window.fetch.bind(window);
		window.__cdInflight = 0;
		window.fetch = (...a) => {
			window.__cdInflight++;
			return inner(...a).finally(() => {
				window.__cdInflight--;
				window.__cdLastDone = performance.now();
			});
		};
	});
	return page;
}

// signIn through the form; a TOTP account gets the code step. opts.shell false: do not wait
// for the shell (a forced password change comes first).
export async function signIn(page, who, opts) {
	const l = LOGINS[who];
	await page.goto('/#/');
	await page.fill('input[name=name]', l.name);
	await page.fill('input[name=password]', l.password);
	await page.click('button[type=submit]');
	if (l.totp) {
		await page.waitForSelector('input[name=totp]');
		await page.fill('input[name=totp]', totp(l.totp));
		await page.click('button[type=submit]');
	}
	if (!opts || opts.shell !== false) await page.waitForSelector('header.top [data-test=who]');
}

// apiClient: a session of the API itself, to check what the pages wrote
export async function apiClient(base, who) {
	const l = LOGINS[who];
	const body = { name: l.name, password: l.password };
	if (l.totp) body.totp = totp(l.totp, 1);
	const r = await fetch(base + '/api/v1/session', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
	if (r.status !== 201) throw new Error('API sign-in of ' + who + ': ' + r.status + ' ' + (await r.text()));
	const cookie = r.headers.get('set-cookie').split(';')[0];
	const { csrf } = await r.json();
	const call = async (method, path, b) => {
		const res = await fetch(base + '/api/v1' + path, {
			method,
			headers: { Cookie: cookie, 'X-CSRF-Token': csrf, ...(b ? { 'Content-Type': 'application/json' } : {}) },
			body: b ? JSON.stringify(b) : undefined,
		});
		const text = await res.text();
		return { status: res.status, body: text ? JSON.parse(text) : null };
	};
	return { get: (p) => call('GET', p), post: (p, b) => call('POST', p, b || {}) };
}

export async function shot(page, name) {
	mkdirSync(SHOTS, { recursive: true });
	await page.screenshot({ path: join(SHOTS, name + '.png'), fullPage: true });
}

// settle: the page's requests answered, none begun for a while, and nothing left loading. The
// load state alone is not enough: after a change of the hash route the document's network is
// still "idle" from its first load, so the wait would end before the route's requests begin.
// The quiet window counts from the call too, so a route whose requests have not yet started is
// waited for (newPage's init script counts the page's fetches).
export const QUIET_MS = 250;
export async function settle(page) {
	await page.waitForLoadState('networkidle');
	const since = await page.evaluate(() => performance.now());
	await page.waitForFunction(
		([t, quiet]) =>
			!(window.__cdInflight > 0) &&
			performance.now() - Math.max(t, window.__cdLastDone || 0) > quiet &&
			!document.querySelector('.loading'),
		[since, QUIET_MS],
		{ polling: 50 },
	);
}

// lookAround: the page in each language (one load each), then at each of sizes ({name: viewport};
// the page reflows, the charts follow the window's resize): a screenshot NAME-LANG-SIZE each, no
// missing catalogue key, nothing wider than the screen. The page is left in Chinese.
export async function lookAround(page, name, sizes) {
	for (const lang of ['zh-CN', 'en']) {
		await page.evaluate((l) => localStorage.setItem('cd_lang', l), lang);
		await page.reload();
		await settle(page);
		assert.doesNotMatch(await page.innerText('body'), /\[[a-z_]+\.[a-z_.-]+\]/, name + ' ' + lang + ': a catalogue key is missing');
		if (lang === 'en') assert.doesNotMatch(await page.innerText('nav.side, .login-wrap').catch(() => ''), /待办|登录/, name + ': Chinese left in English');
		for (const [size, vp] of Object.entries(sizes)) {
			await page.setViewportSize(vp);
			await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
			await shot(page, `${name}-${lang}-${size}`);
			const wide = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
			assert.ok(wide <= 0, `${name} ${lang} ${size}: the page is ${wide}px wider than the screen`);
		}
	}
	await page.evaluate(() => localStorage.setItem('cd_lang', 'zh-CN'));
	await page.reload();
	await settle(page);
}
