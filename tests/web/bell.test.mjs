// bell.test.mjs — the notification centre in Chinese and English against the real server on a
// fresh demo database, whose scheduler put the reminders of its overdue and due-soon notices in
// the bells: the officer sees the count and the overdue reminder, the unit leader the escalation
// to the direct responsible; marking one read lowers the count in the page and in the API,
// marking it unread raises it again, following its link opens the notice and reads it; the
// office chooses a channel in the bell's panel and follows a message to it on the outbox page,
// retried with its error after a receiver refused it; no console error or CSP violation.
// Screenshots go to $CD_SHOTS.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { startServer, launch, newPage, signIn, apiClient, shot, BIN } from './lib.mjs';

let srv, browser;
before(async () => {
	srv = await startServer('bell');
	browser = await launch();
});
after(async () => {
	if (browser) await browser.close();
	if (srv) srv.stop();
});

// countIs: the bell shows n unread (no count at all for none)
const countIs = (page, n) => page.waitForFunction((k) => {
	const c = document.querySelector('[data-test=bell-count]');
	return (c ? Number(c.textContent) : 0) === k;
}, n);

async function unreadInApi(who) {
	const c = await apiClient(srv.base, who);
	const r = await c.get('/notifications/unread');
	assert.equal(r.status, 200);
	return r.body.unread;
}

test('the officer\'s bell: count, overdue reminder, read and unread', async () => {
	const before = await unreadInApi('officer');
	assert.ok(before >= 1, 'the demo reminded the officer');
	const page = await newPage(browser, srv.base);
	await signIn(page, 'officer');
	await page.waitForSelector('[data-test=bell-count]');
	assert.equal(await page.innerText('[data-test=bell-count]'), String(before));
	await page.click('[data-test=bell]');
	await page.waitForSelector('[data-test=bell-item]');
	const panel = await page.innerText('.bell-panel');
	assert.match(panel, /通知/);
	assert.match(panel, /【逾期】通报 示例通报〔2026〕3号 已逾期/);
	assert.match(panel, /网络安全员/);
	await shot(page, 'bell-officer-zh');
	const first = page.locator('[data-test=bell-item].unread').first();
	await first.locator('button').click();
	await countIs(page, before - 1);
	assert.equal(await unreadInApi('officer'), before - 1);
	await page.locator('[data-test=bell-item].read').first().locator('button').click();
	await countIs(page, before);
	// following a link opens the notice and reads the notification
	await page.locator('[data-test=bell-item].unread a[href^="#/notices/"]').first().click();
	await page.waitForFunction(() => location.hash.startsWith('#/notices/'));
	await countIs(page, before - 1);
	assert.equal(await unreadInApi('officer'), before - 1);
	assert.deepEqual(page.problems, [], 'console errors, CSP violations or failed files');
	await page.close();
});

test('the unit leader is told of the escalation; the office reads its bell in English', async () => {
	const page = await newPage(browser, srv.base);
	await signIn(page, 'unitLeader');
	await page.click('[data-test=bell]');
	await page.waitForSelector('[data-test=bell-item]');
	assert.match(await page.innerText('.bell-panel'), /【逾期升级】通报 示例通报〔2026〕3号 已逾期 \d+ 个工作日，请直接责任人督办/);
	assert.deepEqual(page.problems, [], 'console errors, CSP violations or failed files');
	await page.close();
	const c = await apiClient(srv.base, 'office');
	assert.equal((await c.get('/notify/outbox')).status, 200, 'the office reads the outbox');
	const p2 = await newPage(browser, srv.base);
	await signIn(p2, 'office');
	await p2.click('header.top button.lang');
	await p2.waitForFunction(() => document.documentElement.lang === 'en');
	await p2.click('[data-test=bell]');
	await p2.waitForSelector('.bell-panel');
	assert.match(await p2.innerText('.bell-panel'), /Notifications/);
	await shot(p2, 'bell-office-en');
	assert.deepEqual(p2.problems, [], 'console errors, CSP violations or failed files');
	await p2.close();
});

test('the office chooses a channel and follows its messages on the outbox page', async () => {
	// a robot channel whose receiver is down (nothing listens on port 9 of loopback)
	execFileSync(BIN, ['notify', 'channel', '--name', '办公室群', '--kind', 'wecom', '--target',
		'http://127.0.0.1:9/cgi-bin/webhook/send?key=k', '--db', srv.db]);
	const page = await newPage(browser, srv.base);
	await signIn(page, 'office');
	await page.click('[data-test=bell]');
	await page.click('[data-test=bell-prefs]');
	await page.waitForSelector('[data-test=bell-pref]');
	assert.match(await page.innerText('.bell-prefs'), /办公室群/);
	await page.check('[data-test=bell-pref] input[type=checkbox]');
	const c = await apiClient(srv.base, 'office');
	for (let i = 0; i < 50; i++) {
		const pr = await c.get('/notify/preferences');
		if (pr.body.items[0].chosen) break;
		await new Promise((r) => setTimeout(r, 100));
	}
	assert.equal((await c.get('/notify/preferences')).body.items[0].chosen, true, 'chosen in the API');
	const made = await c.post('/notices', { code: '测试通报〔2026〕99号', authority: '市委网信办', assets: ['WWW'] });
	assert.equal(made.status, 201, JSON.stringify(made.body));
	await page.goto('/#/outbox');
	await page.waitForSelector('[data-test=outbox]');
	let text = await page.innerText('main');
	assert.match(text, /消息发送记录/);
	assert.match(text, /【新通报】测试通报〔2026〕99号/);
	assert.match(text, /待发送/);
	execFileSync(BIN, ['notify', 'run', '--db', srv.db]);
	await page.reload();
	await page.waitForSelector('[data-test=outbox]');
	text = await page.innerText('main');
	assert.match(text, /wecom: Couldn't connect to server|wecom: .*connect/i);
	await shot(page, 'outbox-zh');
	assert.deepEqual(page.problems, [], 'console errors, CSP violations or failed files');
	await page.close();
});
