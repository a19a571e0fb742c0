// screens.test.mjs — every page, in both languages, at laptop (1366×768) and tablet (768×1024
// and 820×1180) widths, as each role sees it: a screenshot of each into $CD_SHOTS to look at, and on each no
// missing catalogue key, no console error or CSP violation, and no page wider than the screen.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, newPage, signIn, shot, LAPTOP, TABLET, TABLET_TALL } from './lib.mjs';

let srv, browser;
before(async () => {
	srv = await startServer('screens');
	browser = await launch();
});
after(async () => {
	if (browser) await browser.close();
	if (srv) srv.stop();
});

const SIZES = { laptop: LAPTOP, tablet: TABLET, tablet820: TABLET_TALL };
const LANGS = ['zh-CN', 'en'];

async function settle(page) {
	await page.waitForLoadState('networkidle');
	await page.waitForFunction(() => !document.querySelector('.loading'));
}

// look: the page in each language (one load each), then at each width (the page reflows, the
// charts follow the window's resize): a screenshot each, no missing key, nothing wider than the
// screen
async function look(page, name) {
	for (const lang of LANGS) {
		await page.evaluate((l) => localStorage.setItem('cd_lang', l), lang);
		await page.reload();
		await settle(page);
		const body = await page.innerText('body');
		assert.doesNotMatch(body, /\[[a-z_]+\.[a-z_.-]+\]/, name + ' ' + lang + ': a catalogue key is missing');
		if (lang === 'en') assert.doesNotMatch(await page.innerText('nav.side, .login-wrap').catch(() => ''), /待办|登录/, name + ': Chinese left in English');
		for (const [size, vp] of Object.entries(SIZES)) {
			await page.setViewportSize(vp);
			await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
			await shot(page, `${name}-${lang}-${size}`);
			const wide = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
			assert.ok(wide <= 0, `${name} ${lang} ${size}: the page is ${wide}px wider than the screen`);
		}
	}
	assert.deepEqual(page.problems, [], name + ': console errors or CSP violations');
}

const PAGES = {
	office: [
		['todo', '/'],
		['notices', '/notices'],
		['notice-loop', '/notices/2'],
		['notice-received', '/notices/4'],
		['incidents', '/incidents'],
		['incident-decided', '/incidents/1'],
		['incident-open', '/incidents/5'],
		['assets', '/assets'],
		['assets-filtered', '/assets?kind=info_system&mlps_level=3'],
		['asset', '/assets/1'],
		['asset-edit', '/assets/1/edit'],
		['org-matrix', '/org'],
		['org-units', '/org/units'],
		['org-people', '/org/people'],
		['duties', '/duties'],
		['duties-records', '/duties/records'],
		['duties-projects', '/duties/projects'],
		['assess', '/assess'],
		['outbox', '/outbox'],
		['notice-new', '/notices/new'],
		['incident-new', '/incidents/new'],
		['totp', '/totp'],
		['password', '/password'],
		['notfound', '/nothing-here'],
	],
	officer: [
		['officer-todo', '/'],
		['officer-notices', '/notices'],
		['officer-notice', '/notices/3'],
		['officer-assets', '/assets'],
		['officer-incidents', '/incidents'],
		['officer-duties', '/duties/records'],
	],
	unitLeader: [
		['unit-leader-todo', '/'],
		['unit-leader-notice', '/notices/3'],
	],
	leader: [
		['leader-todo', '/'],
		['leader-assess', '/assess'],
	],
	sysadmin: [['sysadmin-accounts', '/accounts']],
	secadmin: [['secadmin-roles', '/roles'], ['secadmin-tokens', '/tokens']],
	auditadmin: [['auditadmin-audit', '/audit']],
};

test('the sign-in page', async () => {
	const page = await newPage(browser, srv.base);
	await page.goto('/');
	await look(page, 'login');
	await page.context().close();
});

for (const [who, pages] of Object.entries(PAGES))
	test('the pages of ' + who, async () => {
		const page = await newPage(browser, srv.base);
		await signIn(page, who);
		for (const [name, path] of pages) {
			await page.goto('/#' + path);
			await look(page, name);
		}
		await page.context().close();
	});
