// channels.test.mjs — the security administrator's page of the notification channels (issue 16
// item 8, docs/notifications.md "Channels") in a real browser against a real server on a fresh
// demo database: a mail server refused for a target without its scheme (the refusal beside the
// field, what was typed kept), then saved; its password never shown again; a WeCom robot whose
// webhook key stays off the page; a test message through the robot taken by a receiver on
// loopback (it gets the text), one through the mail server that is down told with its reason; a
// channel disabled and renamed with its secret kept — each read back from the command line; the
// page and its route for the security administrator only; both languages at laptop and tablet
// widths (screenshots channels-*); and the office's reminder rules on the page of the messages
// sent: a refusal beside its field, what was typed kept, then saved and read back.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { execFileSync } from 'node:child_process';
import { startServer, launch, newPage, signIn, shot, lookAround, settle, apiClient, LAPTOP, BIN } from './lib.mjs';

const TABLET = { width: 820, height: 1180 };
const KEY = 'robotkey4b1d7f';
const PASSWORD = 'Youjian#Mima2026';
let srv, browser, sec, robot;
const got = []; /* what the robot receiver was sent */

function channels() {
	return JSON.parse(execFileSync(BIN, ['notify', 'channels', '--json', '--db', srv.db], { encoding: 'utf8' }));
}
function byName(name) {
	return channels().find((c) => c.name === name);
}
function clean(page) {
	assert.deepEqual(page.problems, [], 'console errors, page errors or CSP violations');
}
// fill: a field of the form `form` (a locator)
async function fill(form, name, value) {
	await form.locator(`[name=${name}]`).fill(value);
}

before(async () => {
	srv = await startServer('channels');
	browser = await launch();
	// a WeCom robot's receiver on loopback: it takes what it is sent and answers as WeCom does
	robot = createServer((req, res) => {
		let b = '';
		req.on('data', (d) => (b += d));
		req.on('end', () => {
			got.push({ url: req.url, body: b });
			res.setHeader('Content-Type', 'application/json');
			res.end('{"errcode":0,"errmsg":"ok"}');
		});
	});
	await new Promise((r) => robot.listen(0, '127.0.0.1', r));
	// the security administrator signs in once (a TOTP code signs in once), the page kept
	sec = await newPage(browser, srv.base);
	await signIn(sec, 'secadmin');
});
after(async () => {
	if (sec) await sec.context().close();
	if (browser) await browser.close();
	if (robot) robot.close();
	if (srv) srv.stop();
});

test('a mail server: a refusal beside its field keeps the form, then saved, its password never shown', async () => {
	await sec.setViewportSize(LAPTOP);
	assert.match(await sec.innerText('nav.side'), /通知渠道/, 'the menu has the page');
	await sec.click('nav.side a[href="#/channels"]');
	await settle(sec);
	assert.match(await sec.innerText('main .empty'), /还没有通知渠道/, 'the empty state says what to do');
	await shot(sec, 'channels-empty');
	const form = sec.locator('[data-test=new-channel]');
	assert.ok(await form.isVisible(), 'with no channel the new one\'s form is open');
	await fill(form, 'name', '办公室邮件');
	await form.locator('select[name=kind]').selectOption('mail');
	await fill(form, 'target', 'mail.example.edu.cn:587');
	await fill(form, 'from', 'cyberduty@example.edu.cn');
	await fill(form, 'user', 'cyberduty');
	await fill(form, 'secret', PASSWORD);
	await form.locator('button[type=submit]').click();
	const err = form.locator('label:has([name=target]) .field-error');
	await err.waitFor();
	assert.match(await err.innerText(), /smtp:\/\//, 'the refusal says what to write, beside the field');
	assert.equal(await form.locator('[name=target]').getAttribute('aria-invalid'), 'true');
	assert.equal(await form.locator('[name=name]').inputValue(), '办公室邮件', 'what was typed is kept');
	assert.equal(await form.locator('[name=secret]').inputValue(), PASSWORD, 'the password too');
	assert.equal(channels().length, 0, 'nothing saved');
	await shot(sec, 'channels-refused');

	await fill(form, 'target', 'smtp://127.0.0.1:9');
	await form.locator('button[type=submit]').click();
	await sec.waitForSelector('[data-test=channel-saved]');
	const row = sec.locator('[data-test=channels] tr[data-name="办公室邮件"]');
	const text = await row.innerText();
	assert.match(text, /邮件/);
	assert.match(text, /smtp:\/\/127\.0\.0\.1:9/);
	assert.match(text, /cyberduty@example\.edu\.cn/);
	assert.match(text, /已设置/, 'the password is set');
	assert.match(text, /启用/);
	assert.doesNotMatch(await sec.content(), new RegExp(PASSWORD), 'the password is not on the page');
	const c = byName('办公室邮件');
	assert.equal(c.kind, 'mail');
	assert.equal(c.secret_set, true);
	assert.equal(c.enabled, true);
	assert.deepEqual(c.config, { from: 'cyberduty@example.edu.cn', user: 'cyberduty' });
	assert.equal(await form.locator('[name=secret]').inputValue(), '', 'a saved form is emptied');
	clean(sec);
});

test('a WeCom robot: its key stays off the page; a test message is taken, one to a server down told why', async () => {
	const form = sec.locator('[data-test=new-channel]');
	if (!(await form.isVisible())) await sec.click('details.card > summary');
	await fill(form, 'name', '网安工作群');
	await form.locator('select[name=kind]').selectOption('wecom');
	assert.equal(await form.locator('[name=from]').count(), 0, 'a robot has no mail settings');
	const port = robot.address().port;
	await fill(form, 'target', `http://127.0.0.1:${port}/cgi-bin/webhook/send?key=${KEY}`);
	await form.locator('button[type=submit]').click();
	await sec.waitForSelector('[data-test=channels] tr[data-name="网安工作群"]');
	const row = sec.locator('[data-test=channels] tr[data-name="网安工作群"]');
	assert.match(await row.innerText(), new RegExp(`http://127\\.0\\.0\\.1:${port}`));
	assert.match(await row.innerText(), /企业微信/);
	assert.doesNotMatch(await sec.content(), new RegExp(KEY), 'the webhook key is not on the page');
	assert.equal(byName('网安工作群').secret_set, false);

	// a test through the robot: the receiver gets it, the page says it was taken
	await row.locator('[data-test=test]').click();
	const tf = sec.locator('[data-test=test-form]');
	await tf.locator('button[type=submit]').click();
	await sec.waitForSelector('[data-test=test-sent]');
	assert.equal(got.length, 1, 'the robot was sent one message');
	assert.match(got[0].url, new RegExp('key=' + KEY), 'to its webhook with the key');
	assert.match(got[0].body, /测试消息/);
	await shot(sec, 'channels-test-sent');

	// a test through the mail server, down: the address asked for beside its field, then the reason
	const mail = sec.locator('[data-test=channels] tr[data-name="办公室邮件"]');
	await mail.locator('[data-test=test]').click();
	await tf.locator('button[type=submit]').click();
	await tf.locator('.field-error').waitFor();
	assert.equal(await tf.locator('[name=address]').getAttribute('aria-invalid'), 'true', 'a mail test needs an address');
	await tf.locator('[name=address]').fill('office@example.edu.cn');
	await tf.locator('button[type=submit]').click();
	await sec.waitForSelector('[data-test=test-failed]');
	const why = await sec.innerText('[data-test=test-failed]');
	assert.match(why, /未能送出/);
	assert.match(why, /connect|refused|连接/i, 'the reason the server met');
	await shot(sec, 'channels-test-failed');
	clean(sec);
});

test('a channel disabled and renamed, its secret kept', async () => {
	const row = sec.locator('[data-test=channels] tr[data-name="办公室邮件"]');
	await row.locator('[data-test=switch]').click();
	await row.locator('text=停用').first().waitFor();
	await sec.waitForFunction(() => /停用/.test(document.querySelector('[data-test=channels] tr[data-name="办公室邮件"]').innerText) &&
		/启用/.test(document.querySelector('[data-test=channels] tr[data-name="办公室邮件"] [data-test=switch]').innerText));
	assert.equal(byName('办公室邮件').enabled, false, 'disabled in the database');

	await row.locator('[data-test=edit]').click();
	const ef = sec.locator('[data-test=edit-channel]');
	assert.equal(await ef.locator('[name=target]').inputValue(), '', 'the target is never filled in again');
	assert.match(await ef.innerText(), /smtp:\/\/127\.0\.0\.1:9/, 'what it is now is said');
	await fill(ef, 'name', '办公室邮件（备用）');
	await ef.locator('button[type=submit]').click();
	await sec.waitForSelector('[data-test=channels] tr[data-name="办公室邮件（备用）"]');
	const c = byName('办公室邮件（备用）');
	assert.ok(c, 'renamed');
	assert.equal(c.secret_set, true, 'the password kept');
	assert.equal(c.enabled, false);
	assert.match(await sec.innerText('[data-test=channel-saved]'), /已保存/);
	clean(sec);
});

test('only the security administrator has the page and its routes', async () => {
	const page = await newPage(browser, srv.base);
	await signIn(page, 'office');
	assert.doesNotMatch(await page.innerText('nav.side'), /通知渠道/);
	await page.goto('/#/channels');
	await settle(page);
	assert.match(await page.innerText('main'), /找不到这个页面/);
	const office = await apiClient(srv.base, 'office');
	assert.equal((await office.get('/notify/channels')).status, 403, 'the API refuses the office');
	// the people choose among the channels in the bell's panel: the office sees the robot there
	const prefs = (await office.get('/notify/preferences')).body.items.map((x) => x.name);
	assert.ok(prefs.includes('网安工作群'), 'a configured channel is offered to the accounts: ' + prefs);
	clean(page);
	await page.context().close();
});

test('the office\'s reminder rules: a refusal beside its field in Chinese, then saved', async () => {
	const page = await newPage(browser, srv.base);
	await signIn(page, 'office');
	await page.goto('/#/outbox');
	await settle(page);
	assert.match(await page.innerText('[data-test=rules] summary'), /到期前 2、1、0 个工作日提醒/, 'the rules in force said');
	await page.click('[data-test=rules] summary');
	const form = page.locator('[data-test=rules-form]');
	await form.locator('[name=leads]').fill('3,x');
	await form.locator('[name=digest]').selectOption('off');
	await form.locator('[name=obligations]').selectOption('off');
	await form.locator('button[type=submit]').click();
	const err = form.locator('label:has([name=leads]) .field-error');
	await err.waitFor();
	assert.match(await err.innerText(), /请填写到期前提醒的工作日数/, 'the API\'s refusal in Chinese beside the field');
	assert.equal(await form.locator('[name=leads]').inputValue(), '3,x', 'what was typed is kept');
	assert.equal(await form.locator('[name=digest]').inputValue(), 'off');
	await shot(page, 'rules-refused');
	await form.locator('[name=leads]').fill('3,1,0');
	await form.locator('button[type=submit]').click();
	await page.waitForSelector('[data-test=rules-saved]');
	const r = JSON.parse(execFileSync(BIN, ['notify', 'rules', '--json', '--db', srv.db], { encoding: 'utf8' }));
	assert.deepEqual(r.leads, [3, 1, 0]);
	assert.equal(r.digest, false);
	assert.equal(r.obligations, false, 'the yearly duties\' reminders switched off');
	assert.deepEqual(r.escalate, [1, 3], 'what was not changed stays');
	assert.match(await page.innerText('[data-test=rules] summary'), /到期前 3、1、0 个工作日提醒.*工作任务提醒已关闭/);
	clean(page);
	await page.context().close();
});

test('the page in both languages at laptop and tablet widths', async () => {
	await sec.goto('/#/channels');
	await settle(sec);
	await lookAround(sec, 'channels', { laptop: LAPTOP, tablet: TABLET });
	await sec.locator('[data-test=channels] tr[data-name="网安工作群"] [data-test=edit]').click();
	await shot(sec, 'channels-edit');
	clean(sec);
});
