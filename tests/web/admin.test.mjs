// admin.test.mjs — the changes of an administrator's role in a real browser (三员分立, issue 13
// item 7, issue 16 item 8), against a real server on a fresh demo database: the security
// administrator proposes on the roles page and sees it pending (who, what, when); the system
// administrator agrees on its own page, asked twice; another proposal is withdrawn by its
// proposer, a third refused only with a reason (its absence refused beside the field), the
// reason then read by the proposer; a refusal of the API (the last audit administrator) shown
// beside the action; each administrator reaches only their own pages; both pages in both
// languages at laptop and tablet sizes (screenshots admin-*).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { startServer, launch, newPage, signIn, shot, lookAround, settle, LAPTOP, BIN } from './lib.mjs';

const TABLET = { width: 820, height: 1180 };
let srv, browser;
// an administrator's TOTP code signs in once: each signs in once, its page kept for every test
const pages = new Map();
async function adminPage(who) {
	if (!pages.has(who)) {
		const page = await newPage(browser, srv.base);
		await signIn(page, who);
		pages.set(who, page);
	}
	const page = pages.get(who);
	await page.setViewportSize(LAPTOP);
	return page;
}

function cli(...args) {
	return execFileSync(BIN, [...args, '--db', srv.db], { encoding: 'utf8', env: { ...process.env, CYBERDUTY_LANG: 'en' } });
}
function roleOf(name) {
	return JSON.parse(cli('user', 'show', name, '--json')).role;
}
function clean(page) {
	assert.deepEqual(page.problems, [], 'console errors, page errors or CSP violations');
}

before(async () => {
	srv = await startServer('admin');
	browser = await launch();
	// the accounts the proposals are about, opened by the host (no role yet)
	cli('user', 'add', 'li.audit', '--role', 'none', '--display', '李审计');
	cli('user', 'add', 'zhao.sys', '--role', 'none', '--display', '赵系统');
});
after(async () => {
	for (const p of pages.values()) await p.context().close();
	if (browser) await browser.close();
	if (srv) srv.stop();
});

// open: the page at path, read afresh (a page keeps what it read while its address stays)
async function open(page, path) {
	if (page.url().endsWith('#' + path)) await page.reload();
	else await page.goto('/#' + path);
	await settle(page);
}

// propose: the security administrator gives account `name` role `role` on the roles page
async function propose(page, name, role) {
	await open(page, '/roles');
	const row = page.locator(`[data-test=roles] tr[data-name="${name}"]`);
	await row.locator('select[name=role]').selectOption(role);
	assert.equal((await row.locator('button[type=submit]').textContent()).trim(), '提请同意', 'an administrator\'s role is proposed, not saved');
	await row.locator('button[type=submit]').click();
	await page.waitForSelector('[data-test=proposed]');
	await row.locator('[data-test=pending]').waitFor();
	return row;
}

test('a proposal is agreed to by the system administrator, asked twice', async () => {
	const sec = await adminPage('secadmin');
	const row = await propose(sec, 'li.audit', 'auditadmin');
	const pending = await row.locator('[data-test=pending]').innerText();
	assert.match(pending, /审计管理员/, 'what');
	assert.match(pending, /secadmin/, 'who');
	assert.match(pending, /\d{4}年\d{1,2}月\d{1,2}日/, 'when');
	assert.match(await sec.innerText('[data-test=pending-count]'), /1/);
	assert.equal(roleOf('li.audit'), 'none', 'nothing changed yet');
	await shot(sec, 'admin-roles-pending');
	clean(sec);

	const sys = await adminPage('sysadmin');
	await sys.click('nav.side a[href="#/role-changes"]');
	await settle(sys);
	const prow = sys.locator('[data-test=pending-changes] tr[data-name="li.audit"]');
	assert.match(await prow.innerText(), /未授权[\s\S]*审计管理员[\s\S]*secadmin/);
	await prow.locator('[data-test=agree]').click();
	// asked twice: the first click only asks
	await prow.locator('[data-test=agree-form]').waitFor();
	assert.match(await prow.innerText(), /确认同意将 li\.audit 由“未授权”改为“审计管理员”/);
	assert.equal(roleOf('li.audit'), 'none');
	await shot(sys, 'admin-role-changes-agree');
	await prow.locator('[data-test=agree-sure]').click();
	await sys.waitForSelector('[data-test=decided]');
	assert.equal(roleOf('li.audit'), 'auditadmin');
	await sys.locator('[data-test=change-history] tr[data-state=agreed]').first().waitFor();
	clean(sys);
});

test('the proposer withdraws one; the system administrator refuses another, saying why', async () => {
	const sec = await adminPage('secadmin');
	let row = await propose(sec, 'zhao.sys', 'sysadmin');
	await row.locator('[data-test=withdraw]').click();
	await row.locator('[data-test=withdraw-form] input[name=reason]').fill('提错了人');
	await row.locator('[data-test=withdraw-sure]').click();
	await row.locator('select[name=role]').waitFor(); // the row offers a role again
	await sec.locator('[data-test=change-history] tr[data-state=withdrawn]', { hasText: '提错了人' }).waitFor();
	assert.equal(roleOf('zhao.sys'), 'none');
	clean(sec);

	row = await propose(sec, 'zhao.sys', 'sysadmin');
	const sys = await adminPage('sysadmin');
	await open(sys, '/role-changes');
	assert.equal(await sys.locator('[data-test=pending-changes] tr[data-name="zhao.sys"]').count(), 1, 'the withdrawn one is gone, the new one waits');
	const prow = sys.locator('[data-test=pending-changes] tr[data-name="zhao.sys"]');
	await prow.locator('[data-test=refuse]').click();
	await prow.locator('[data-test=refuse-form]').waitFor();
	await prow.locator('[data-test=refuse-sure]').click();
	// no reason: the API's refusal beside the field, the form still open
	await prow.locator('[data-test=refuse-form] .field-error').waitFor();
	await shot(sys, 'admin-role-changes-refuse-error');
	await prow.locator('textarea[name=reason]').fill('未经领导小组研究同意');
	await prow.locator('[data-test=refuse-sure]').click();
	await sys.waitForSelector('[data-test=decided]');
	assert.equal(roleOf('zhao.sys'), 'none');
	clean(sys);

	// the proposer reads the reason
	await open(sec, '/roles');
	await sec.locator('[data-test=change-history] tr[data-state=refused]', { hasText: '未经领导小组研究同意' }).waitFor();
	await shot(sec, 'admin-roles-refused');
	clean(sec);
});

test('a refusal of the API is shown beside the action that met it', async () => {
	// two audit administrators now (li.audit was agreed to): both may be proposed away, but
	// once one is gone, the other is the last and agreeing to take it away is refused
	const sec = await adminPage('secadmin');
	await propose(sec, 'auditadmin', 'none');
	await propose(sec, 'li.audit', 'none');
	const sys = await adminPage('sysadmin');
	await open(sys, '/role-changes');
	for (const name of ['auditadmin', 'li.audit']) {
		const prow = sys.locator(`[data-test=pending-changes] tr[data-name="${name}"]`);
		await prow.locator('[data-test=agree]').click();
		await prow.locator('[data-test=agree-sure]').click();
		if (name === 'auditadmin') await sys.waitForSelector('[data-test=decided]');
	}
	const prow = sys.locator('[data-test=pending-changes] tr[data-name="li.audit"]');
	await prow.locator('.error').waitFor();
	assert.match(await prow.locator('.error').innerText(), /须保留至少一名可登录的该类管理员/);
	assert.equal(roleOf('li.audit'), 'auditadmin');
	await shot(sys, 'admin-role-changes-last-holder');
	// refused instead, with the reason
	await prow.locator('button.link', { hasText: '取消' }).click();
	await prow.locator('[data-test=refuse]').click();
	await prow.locator('textarea[name=reason]').fill('须保留一名审计管理员');
	await prow.locator('[data-test=refuse-sure]').click();
	await sys.locator('[data-test=change-history] tr[data-state=refused]', { hasText: '须保留一名审计管理员' }).waitFor();
	assert.equal(sys.problems.filter((p) => !/status of 422/.test(p)).length, 0, sys.problems.join('\n'));
});

const OWN = { sysadmin: ['#/accounts', '#/role-changes', '#/tokens'], secadmin: ['#/roles', '#/channels'] };

test('each administrator reaches only their own pages', async () => {
	for (const who of ['sysadmin', 'secadmin']) {
		const page = await adminPage(who);
		assert.deepEqual(await page.$$eval('nav.side a', (a) => a.map((x) => x.getAttribute('href'))), OWN[who]);
		for (const p of ['#/accounts', '#/role-changes', '#/tokens', '#/roles', '#/channels', '#/audit']) {
			await page.goto('/' + p);
			await page.waitForSelector('main h1');
			assert.equal((await page.textContent('main h1')) === '找不到这个页面', !OWN[who].includes(p), who + ' ' + p);
		}
	}
	// the lists behind them too: each administrator's own
	const status = (page, path) => page.evaluate((p) => fetch('/api/v1' + p).then((r) => r.status), path);
	assert.equal(await status(pages.get('secadmin'), '/role-changes'), 403);
	assert.equal(await status(pages.get('secadmin'), '/roles/changes'), 200);
	assert.equal(await status(pages.get('sysadmin'), '/roles/changes'), 403);
	assert.equal(await status(pages.get('sysadmin'), '/role-changes'), 200);
	// the notification channels: the security administrator's
	assert.equal(await status(pages.get('secadmin'), '/notify/channels'), 200);
	assert.equal(await status(pages.get('sysadmin'), '/notify/channels'), 403);
	const officer = await newPage(browser, srv.base);
	await signIn(officer, 'officer');
	const nav = await officer.$$eval('nav.side a', (a) => a.map((x) => x.getAttribute('href')));
	assert.ok(!nav.includes('#/role-changes') && !nav.includes('#/roles'));
	await officer.goto('/#/role-changes');
	await officer.waitForSelector('text=找不到这个页面');
	await officer.context().close();
});

test('both pages in both languages, laptop and tablet: no missing key, nothing wider than the screen', async () => {
	// something waiting on each page
	const sec = await adminPage('secadmin');
	await propose(sec, 'zhao.sys', 'sysadmin');
	await lookAround(sec, 'admin-roles', { laptop: LAPTOP, tablet: TABLET });
	const sys = await adminPage('sysadmin');
	await open(sys, '/role-changes');
	await lookAround(sys, 'admin-role-changes', { laptop: LAPTOP, tablet: TABLET });
	// the decision open, as a person sees it before confirming
	await sys.locator('[data-test=pending-changes] tr[data-name="zhao.sys"] [data-test=refuse]').click();
	await shot(sys, 'admin-role-changes-refuse-open');
	clean(sec);
});
