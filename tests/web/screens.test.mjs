// screens.test.mjs — every page, in both languages, at laptop (1366×768) and tablet (768×1024
// and 820×1180) widths, as each role sees it: a screenshot of each into $CD_SHOTS to look at, and
// on each no missing catalogue key, no console error or CSP violation, and no page wider than the
// screen; lists and details as printed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, newPage, signIn, shot, settle, lookAround, LAPTOP, TABLET, TABLET_TALL } from './lib.mjs';

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

async function look(page, name) {
	await lookAround(page, name, SIZES);
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
	sysadmin: [
		['sysadmin-accounts', '/accounts'],
		['sysadmin-tokens', '/tokens'],
		['sysadmin-role-changes', '/role-changes'],
	],
	secadmin: [['secadmin-roles', '/roles'], ['secadmin-channels', '/channels']],
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

// print: a list and a detail as paper — the menus, filters, forms and buttons gone, the content
// whole (a screenshot each in print media)
test('lists and details print without menus and buttons', async () => {
	const page = await newPage(browser, srv.base);
	await signIn(page, 'office');
	for (const [name, path] of [['print-notices', '/notices'], ['print-notice', '/notices/2'], ['print-incident', '/incidents/1'], ['print-assets', '/assets'],
		['print-matrix', '/org'], ['print-records', '/duties/records'], ['print-duties', '/duties']]) {
		await page.goto('/#' + path);
		await settle(page);
		await page.emulateMedia({ media: 'print' });
		await shot(page, name);
		const shown = await page.evaluate(() =>
			// the matrix's cells are buttons whose text is the content: they are printed as text
			[...document.querySelectorAll('nav.side, header.top, main button:not(.cellbtn), main form.filters, main .downloads')].filter((e) => e.offsetParent !== null).map((e) => e.outerHTML.slice(0, 80))
		);
		assert.deepEqual(shown, [], name + ': menus, filters, buttons and the documents\' toolbar are not printed');
		assert.ok((await page.innerText('main')).length > 100, name + ': the content is printed');
		await page.emulateMedia({ media: 'screen' });
	}
	assert.deepEqual(page.problems, []);
	await page.context().close();
});
