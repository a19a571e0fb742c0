// org.test.mjs — the organisation, dashboard, duties and administration pages in a real browser
// against a real server on a fresh demo database: a forced password change after the TOTP step;
// the dashboard's summary numbers equal the API's; the matrix shows a vacancy and a cell's
// history; a handover ends the old term (read back from the API); each administrator reaches
// only their own pages; a failed save keeps the form; every page of this file in both
// languages, laptop and tablet, has no missing key (a screenshot of each).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, launch, newPage, signIn, apiClient, shot, LAPTOP, LOGINS, BIN, SHOTS } from './lib.mjs';

const TABLET = { width: 820, height: 1180 };
let srv, browser;
// an administrator's TOTP code is accepted once: each signs in once, its page kept for every test
const admins = new Map();
async function adminPage(who, viewport) {
	if (!admins.has(who)) {
		const page = await newPage(browser, srv.base);
		await signIn(page, who);
		admins.set(who, page);
	}
	const page = admins.get(who);
	await page.setViewportSize(viewport || LAPTOP);
	return page;
}

before(async () => {
	srv = await startServer('org');
	browser = await launch();
});
after(async () => {
	for (const p of admins.values()) await p.context().close();
	if (browser) await browser.close();
	if (srv) srv.stop();
});

function clean(page) {
	assert.deepEqual(page.problems, [], 'console errors, page errors or CSP violations');
}

async function noMissingKey(page) {
	const text = await page.evaluate(() => document.body.innerText);
	assert.doesNotMatch(text, /\[[a-z_]+\.[a-z_.]+\]/, 'a missing catalogue key shows itself in brackets');
}

test('an administrator signs in with TOTP, then must change an expired password', async () => {
	execFileSync('sqlite3', [srv.db, "UPDATE account SET password_changed_at = '2020-01-01T00:00:00+08:00' WHERE name = 'auditadmin'"]);
	const page = await newPage(browser, srv.base);
	await signIn(page, 'auditadmin', { shell: false });
	await page.waitForSelector('input[name=new2]');
	await shot(page, 'org-forced-password');
	await page.fill('input[name=old]', LOGINS.auditadmin.password);
	await page.fill('input[name=new]', 'Shenji#Guanli27x');
	await page.fill('input[name=new2]', 'Shenji#Guanli27x');
	await page.click('button[type=submit]');
	await page.waitForSelector('header.top [data-test=who]');
	LOGINS.auditadmin.password = 'Shenji#Guanli27x';
	assert.deepEqual(await page.$$eval('nav.side a', (a) => a.map((x) => x.getAttribute('href'))), ['#/audit']);
	clean(page);
	admins.set('auditadmin', page);
});

test('a new administrator enrols the second factor by scanning a QR code at the first sign-in', async () => {
	execFileSync(BIN, ['user', 'add', 'new.audit', '--role', 'auditadmin', '--display', '新审计管理员', '--db', srv.db]);
	execFileSync(BIN, ['user', 'passwd', 'new.audit', '--db', srv.db], { input: 'Xinshenji#2026ab\n' });
	const page = await newPage(browser, srv.base);
	await page.goto('/#/');
	await page.fill('input[name=name]', 'new.audit');
	await page.fill('input[name=password]', 'Xinshenji#2026ab');
	await page.click('button[type=submit]');
	await page.waitForSelector('[data-test=totp-begin]');
	// nothing else is reachable before the enrolment
	const api = await page.evaluate(async () => (await fetch('/api/v1/audit')).status);
	assert.equal(api, 403);
	await page.fill('[data-test=totp-begin] input[name=password]', 'Xinshenji#2026ab');
	await page.click('[data-test=totp-begin] button[type=submit]');
	await page.waitForSelector('[data-test=qr] path');
	assert.ok((await page.getAttribute('[data-test=qr] path', 'd')).length > 500, 'the QR code has its modules');
	await shot(page, 'org-totp-qr');
	const secret = (await page.textContent('[data-test=secret]')).replace(/\s/g, '');
	await page.fill('[data-test=totp-confirm] input[name=confirm]', '000000');
	await page.click('[data-test=totp-confirm] button[type=submit]');
	await page.waitForSelector('[data-test=totp-confirm] .field-error, [data-test=totp-confirm] .error');
	await page.fill('[data-test=totp-confirm] input[name=confirm]', execFileSync('oathtool', ['--totp', '-b', secret], { encoding: 'utf8' }).trim());
	await page.click('[data-test=totp-confirm] button[type=submit]');
	await page.waitForSelector('header.top [data-test=who]');
	assert.deepEqual(await page.$$eval('nav.side a', (a) => a.map((x) => x.getAttribute('href'))), ['#/audit']);
	clean(page);
	await page.context().close();
});

test("the dashboard's summary numbers equal the API's", async () => {
	const api = await apiClient(srv.base, 'office');
	const s = (await api.get('/summary')).body;
	const page = await newPage(browser, srv.base);
	await signIn(page, 'office');
	await page.waitForSelector('[data-test=summary]');
	const duty = s.obligations.duty;
	const done = duty.done_on_time + duty.done_late;
	const all = done + duty.open + duty.due_today + duty.overdue;
	assert.equal((await page.textContent('[data-test=duties-done] strong')).replace(/\s/g, ''), `${done}/${all}`);
	assert.equal(await page.textContent('[data-test=duties-overdue] strong'), String(duty.overdue));
	const gaps = Object.values(s.gaps).reduce((a, b) => a + b, 0);
	assert.equal(await page.textContent('[data-test=gaps-total] strong'), String(gaps));
	assert.equal(await page.textContent('[data-test=incidents-total] strong'), String(s.incidents.total));
	assert.equal(await page.textContent('[data-test=notices-open] strong'), String(s.notices.total - s.notices.by_stage.verified));
	const g = (await api.get('/gaps?limit=8')).body;
	assert.equal(await page.locator('[data-test=gaps] tbody tr').count(), g.items.length);
	assert.equal(await page.getAttribute('[data-test=duties-overdue]', 'href'), '#/duties?state=overdue');
	// the first screen as a clerk sees it (the README's picture: docs/screenshots/todo.png)
	await page.waitForSelector('.chart canvas');
	await page.waitForLoadState('networkidle');
	mkdirSync(SHOTS, { recursive: true });
	await page.screenshot({ path: join(SHOTS, 'org-dashboard-first-screen.png') });
	clean(page);
	await page.context().close();
});

test("the matrix shows a vacancy and a cell's history; a handover ends the old term", async () => {
	const api = await apiClient(srv.base, 'office');
	const m = (await api.get('/matrix?limit=200')).body;
	const vacant = m.items.flatMap((u) => u.cells.filter((c) => c.vacant).map((c) => [u, c]))[0];
	assert.ok(vacant, 'the demo has a vacancy');
	const page = await newPage(browser, srv.base);
	await signIn(page, 'office');
	await page.goto('/#/org');
	await page.waitForSelector('[data-test=matrix]');
	const cell = page.locator(`[data-test=matrix] button[data-unit="${vacant[0].unit}"][data-role="${vacant[1].role}"]`);
	assert.match(await cell.textContent(), /空缺/);
	assert.match(await cell.locator('xpath=..').getAttribute('class'), /vacant/);

	// a cell held twice: IMNU's direct responsible (the demo's handover of 2024)
	const hist = (await api.get('/matrix/cell?unit=IMNU&role=direct_responsible')).body.items;
	assert.ok(hist.length >= 2);
	await page.click('[data-test=matrix] button[data-unit="IMNU"][data-role="direct_responsible"]');
	await page.waitForSelector('[data-test=history] tbody tr');
	assert.equal(await page.locator('[data-test=history] tbody tr').count(), hist.length);
	assert.equal(await page.locator('[data-test=history] tr.hl').count(), 1, 'the holder of the day is marked');
	await shot(page, 'org-matrix-cell');

	// a failed save keeps the form: no person chosen is refused beside the field, the day kept
	await page.fill('[data-test=handover] input[name=from]', '2026-11-30');
	await page.fill('[data-test=handover] input[name=note]', '党委发〔2026〕9号');
	await page.click('[data-test=handover] button[type=submit]');
	await page.waitForSelector('[data-test=handover] .field-error, [data-test=handover] .error');
	assert.equal(await page.inputValue('[data-test=handover] input[name=note]'), '党委发〔2026〕9号');
	assert.equal(await page.inputValue('[data-test=handover] input[name=from]'), '2026-11-30');

	const old = hist.find((d) => !d.to);
	await page.selectOption('[data-test=handover] select[name=person]', 'T0007');
	await page.click('[data-test=handover] button[type=submit]');
	await page.waitForSelector('[data-test=handover] .ok-box');
	const after = (await api.get('/matrix/cell?unit=IMNU&role=direct_responsible')).body.items;
	assert.equal(after.length, hist.length + 1, 'a new term, nothing overwritten');
	assert.equal(after.find((d) => d.duty === old.duty).to, '2026-11-29', 'the old term ends the day before');
	assert.equal(after[0].person, 'T0007');
	assert.equal(after[0].from, '2026-11-30');
	clean(page);
	await page.context().close();
});

const ADMIN = { sysadmin: ['#/accounts', '#/role-changes', '#/tokens'], secadmin: ['#/roles', '#/channels'], auditadmin: ['#/audit'] };

test('each administrator reaches only their own pages; business users none', async () => {
	for (const who of ['sysadmin', 'secadmin', 'auditadmin']) {
		const page = await adminPage(who);
		assert.deepEqual(await page.$$eval('nav.side a', (a) => a.map((x) => x.getAttribute('href'))), ADMIN[who]);
		for (const p of ['#/accounts', '#/roles', '#/channels', '#/tokens', '#/audit', '#/org', '#/duties']) {
			await page.goto('/' + p);
			await page.waitForSelector('main h1');
			const own = ADMIN[who].includes(p);
			assert.equal((await page.textContent('main h1')) === '找不到这个页面', !own, who + ' ' + p);
		}
		clean(page);
	}
	const page = await newPage(browser, srv.base);
	await signIn(page, 'officer');
	const nav = await page.$$eval('nav.side a', (a) => a.map((x) => x.getAttribute('href')));
	for (const p of ['#/accounts', '#/roles', '#/channels', '#/tokens', '#/audit']) assert.ok(!nav.includes(p));
	await page.context().close();
});

test('the security administrator gives a role; the audit administrator sees it and verifies the chain', async () => {
	let page = await adminPage('sysadmin');
	await page.goto('/#/accounts');
	await page.click('details.card summary');
	await page.fill('[data-test=new-account] input[name=name]', 'Bad Name');
	await page.click('[data-test=new-account] button[type=submit]');
	await page.waitForSelector('[data-test=new-account] .field-error, [data-test=new-account] .error');
	assert.equal(await page.inputValue('[data-test=new-account] input[name=name]'), 'Bad Name', 'a failed save keeps what was typed');
	await page.fill('[data-test=new-account] input[name=name]', 'wang.wu');
	await page.fill('[data-test=new-account] input[name=display]', '王五');
	await page.click('[data-test=new-account] button[type=submit]');
	await page.waitForSelector('[data-test=accounts] tr[data-name="wang.wu"]');
	clean(page);

	page = await adminPage('secadmin');
	await page.goto('/#/roles');
	const row = page.locator('[data-test=roles] tr[data-name="wang.wu"]');
	await row.locator('select[name=role]').selectOption('officer');
	await row.locator('select[name=unit]').selectOption('JWC');
	await row.locator('button[type=submit]').click();
	await page.waitForFunction(() => /教务处|JWC/.test(document.querySelector('[data-test=roles] tr[data-name="wang.wu"] td:nth-child(2)').textContent));
	clean(page);

	page = await adminPage('auditadmin');
	await page.goto('/#/audit?action=account.role');
	await page.waitForSelector('[data-test=audit] tbody tr');
	// the action by its label from the API's table (audit/audit_action.c), its code beside it
	assert.equal(await page.textContent('[data-test=audit] tbody tr:first-child [data-test=action]'), '授予角色和管辖范围account.role');
	await page.click('[data-test=audit] tbody tr:first-child button');
	await page.waitForSelector('[data-test=diff]');
	assert.match(await page.textContent('[data-test=diff]'), /officer/);
	await page.click('[data-test=verify]');
	await page.waitForSelector('[data-test=verify-ok]');
	clean(page);
	// the system administrator resets wang.wu's password: the first sign-in must change it
	page = await adminPage('sysadmin');
	await page.goto('/#/accounts');
	await page.click('[data-test=accounts] tr[data-name="wang.wu"] button[aria-expanded]');
	await page.fill('[data-test=reset] input[name=password]', 'Linshi#Mima2026');
	await page.click('[data-test=reset] button[type=submit]');
	await page.waitForSelector('[data-test=reset-done]');
	clean(page);
	const wang = await newPage(browser, srv.base);
	await wang.goto('/#/');
	await wang.fill('input[name=name]', 'wang.wu');
	await wang.fill('input[name=password]', 'Linshi#Mima2026');
	await wang.click('button[type=submit]');
	await wang.waitForSelector('input[name=new2]');
	await wang.fill('input[name=old]', 'Linshi#Mima2026');
	await wang.fill('input[name=new]', 'Wangwu#Xinmima26');
	await wang.fill('input[name=new2]', 'Wangwu#Xinmima26');
	await wang.click('button[type=submit]');
	await wang.waitForSelector('header.top [data-test=who]');
	assert.ok((await wang.$$eval('nav.side a', (a) => a.map((x) => x.getAttribute('href')))).includes('#/org'));
	clean(wang);
	await wang.context().close();
});

const PAGES = {
	office: ['/', '/org', '/org/units', '/org/people', '/duties', '/duties/records', '/duties/projects'],
	officer: ['/org', '/duties'],
	sysadmin: ['/accounts', '/tokens'],
	secadmin: ['/roles'],
	auditadmin: ['/audit'],
};

test('every page of this file in both languages, laptop and tablet: no missing key, no wider than the screen', async () => {
	for (const [who, paths] of Object.entries(PAGES)) {
		for (const [vname, vp] of [['laptop', LAPTOP], ['tablet', TABLET]]) {
			const admin = ['sysadmin', 'secadmin', 'auditadmin'].includes(who);
			let page;
			if (admin) page = await adminPage(who, vp);
			else {
				page = await newPage(browser, srv.base, vp);
				await signIn(page, who);
			}
			for (const lang of ['zh', 'en']) {
				const want = lang === 'en' ? 'en' : 'zh-CN';
				if ((await page.evaluate(() => document.documentElement.lang)) !== want) {
					await page.click('header.top button.lang');
					await page.waitForFunction((l) => document.documentElement.lang === l, want);
				}
				for (const p of paths) {
					await page.goto('/#' + p);
					await page.waitForSelector('main h1');
					await page.waitForLoadState('networkidle');
					await page.waitForFunction(() => !document.querySelector('main .loading'));
					if (p === '/org') {
						await page.click('[data-test=matrix] button.cellbtn >> nth=1');
						await page.waitForSelector('[data-test=history]');
					}
					await noMissingKey(page);
					const wide = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
					assert.ok(wide <= 1, `${who} ${p} ${vname} ${lang}: ${wide}px wider than the screen`);
					await shot(page, `org-${who}-${p.replace(/\//g, '_') || 'home'}-${vname}-${lang}`);
				}
			}
			clean(page);
			if (!admin) await page.context().close();
		}
	}
});

test("the session's end is told before it comes, with 'stay signed in'", async () => {
	// the shortest idle time the settings take (5 minutes): the end is always within the warning
	execFileSync(BIN, ['settings', 'session_idle_minutes', '5', '--db', srv.db]);
	try {
		const page = await newPage(browser, srv.base);
		await signIn(page, 'office');
		await page.waitForSelector('[data-test=session-warn]', { timeout: 15000 });
		assert.match(await page.textContent('[data-test=session-warn]'), /分钟后失效/);
		await shot(page, 'org-session-warning');
		const seen = page.waitForResponse((r) => r.url().endsWith('/api/v1/session') && r.request().method() === 'GET');
		await page.click('[data-test=session-warn] button:not(.secondary)');
		assert.equal((await seen).status(), 200, 'staying signed in asks the server');
		clean(page);
		await page.context().close();
	} finally {
		execFileSync(BIN, ['settings', 'session_idle_minutes', '30', '--db', srv.db]);
	}
});
