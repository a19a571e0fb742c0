// screens.test.mjs — every page, in both languages, at laptop (1366×768) and tablet (768×1024)
// widths, as each role sees it: a screenshot of each into $CD_SHOTS to look at, and on each no
// missing catalogue key, no console error or CSP violation, and no page wider than the screen.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, newPage, signIn, shot, LAPTOP, TABLET } from './lib.mjs';

let srv, browser;
before(async () => {
	srv = await startServer('screens');
	browser = await launch();
});
after(async () => {
	if (browser) await browser.close();
	if (srv) srv.stop();
});

const SIZES = { laptop: LAPTOP, tablet: TABLET };
const LANGS = ['zh-CN', 'en'];

async function settle(page) {
	await page.waitForLoadState('networkidle');
	await page.waitForFunction(() => !document.querySelector('.loading'));
}

async function look(page, name) {
	for (const lang of LANGS)
		for (const [size, vp] of Object.entries(SIZES)) {
			await page.setViewportSize(vp);
			await page.evaluate((l) => localStorage.setItem('cd_lang', l), lang);
			await page.reload();
			await settle(page);
			await shot(page, `${name}-${lang}-${size}`);
			const body = await page.innerText('body');
			assert.doesNotMatch(body, /\[[a-z_]+\.[a-z_.-]+\]/, name + ' ' + lang + ': a catalogue key is missing');
			if (lang === 'en') assert.doesNotMatch(await page.innerText('nav.side, .login-wrap').catch(() => ''), /待办|登录/, name + ': Chinese left in English');
			const wide = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
			assert.ok(wide <= 0, `${name} ${lang} ${size}: the page is ${wide}px wider than the screen`);
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
		['password', '/password'],
		['notfound', '/nothing-here'],
	],
	officer: [
		['officer-todo', '/'],
		['officer-notices', '/notices'],
		['officer-notice', '/notices/3'],
		['officer-assets', '/assets'],
	],
	sysadmin: [
		['sysadmin-accounts', '/accounts'],
		['sysadmin-tokens', '/tokens'],
	],
	secadmin: [['secadmin-roles', '/roles']],
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
