// duties.test.mjs — the records and projects of the duties page and the security administrator's
// API tokens, in Debian's chromium against the real server on a fresh demo database: a record
// refused (no title) keeps what was typed beside the field, then saved answering a duty of its
// unit chosen from the list, takes an evidence file and is withdrawn with a reason, each read
// back from the API; a project refused (security above the total) keeps the form, is saved with
// its share shown, and corrected; a token made (its secret shown once, the API answering to it),
// listed with its scope's name and revoked; a business role reaches no token page, and the API
// refuses it the tokens; screenshots of these pages in both languages at 1366×768 and 820×1180.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, newPage, signIn, shot, apiClient, lookAround, LAPTOP, TABLET_TALL } from './lib.mjs';

let srv, browser;
before(async () => {
	srv = await startServer('duties');
	browser = await launch();
});
after(async () => {
	if (browser) await browser.close();
	if (srv) srv.stop();
});

function clean(page) {
	assert.deepEqual(page.problems, [], 'console errors, CSP violations or failed files');
}

const SIZES = { laptop: LAPTOP, tablet820: TABLET_TALL };
const look = (page, name) => lookAround(page, 'duties-' + name, SIZES);

test('a record: refused and kept, saved answering a duty, an evidence file, withdrawn', async () => {
	const page = await newPage(browser, srv.base);
	const api = await apiClient(srv.base, 'office');
	await signIn(page, 'office');
	await page.goto('/#/duties/records');
	await page.click('[data-test=new-record]');
	const form = page.locator('form[data-test=record-form]');
	await form.waitFor();
	// a unit with a duty of this year still to do
	const year = new Date().getFullYear();
	const open = (await api.get(`/deadlines?year=${year}&state=open&limit=200`)).body.items.find((d) => d.kind === 'duty' && d.duty && d.unit);
	assert.ok(open, 'the demo has an open duty');
	await form.locator('select[name=kind]').selectOption('meeting');
	await form.locator('select[name=unit]').selectOption(open.unit);
	await form.locator('textarea[name=participants]').fill('张三、李四');
	await page.waitForFunction((v) => [...document.querySelectorAll('select[name=duty] option')].some((o) => o.value === v), open.duty + '|' + open.period);
	await form.locator('select[name=duty]').selectOption(open.duty + '|' + open.period);
	await form.locator('button[type=submit]').click();
	// no title: refused beside the field, in Chinese, and nothing typed lost
	const err = form.locator('#f-title-err .field-error');
	await err.waitFor();
	assert.match(await err.innerText(), /[\u4e00-\u9fff]/, 'the refusal is in Chinese');
	assert.equal(await form.locator('input[name=title]').getAttribute('aria-invalid'), 'true');
	assert.equal(await form.locator('textarea[name=participants]').inputValue(), '张三、李四', 'what was typed stays');
	await shot(page, 'duties-record-refused');
	// kept through a reload too
	await page.reload();
	await page.click('[data-test=new-record]');
	await form.waitFor();
	assert.equal(await form.locator('textarea[name=participants]').inputValue(), '张三、李四', 'kept across a reload');
	await form.locator('input[name=title]').fill('网络安全工作领导小组会议（测试）');
	await form.locator('button[type=submit]').click();
	await page.waitForSelector('[data-test=record-saved]');
	const rec = (await api.get('/records?limit=50&sort=-id')).body.items.find((r) => r.title === '网络安全工作领导小组会议（测试）');
	assert.ok(rec, 'the record is in the API');
	assert.equal(rec.unit, open.unit);
	assert.equal(rec.duty, open.duty);
	assert.equal(rec.period, open.period);
	assert.equal(rec.participants, '张三、李四');
	// the new record is open for its evidence files
	const row = page.locator('tr.detail-row');
	await row.locator('input[type=file]').setInputFiles({ name: '会议纪要.txt', mimeType: 'text/plain', buffer: Buffer.from('会议纪要\n') });
	await row.locator('a', { hasText: '会议纪要.txt' }).waitFor();
	const files = (await api.get('/records/' + rec.id + '/files')).body.items;
	assert.deepEqual(files.map((f) => f.name), ['会议纪要.txt']);
	await shot(page, 'duties-record-saved');
	// withdrawn with a reason
	await row.locator('form[data-test=void] input[name=reason]').fill('登记重复');
	await row.locator('form[data-test=void] button[type=submit]').click();
	await page.locator(`tr[data-id="${rec.id}"] .badge`).waitFor();
	const voided = (await api.get('/records/' + rec.id)).body;
	assert.equal(voided.voided.reason, '登记重复');
	clean(page);
	await page.context().close();
});

test('a project: refused and kept, saved with its security share, corrected', async () => {
	const page = await newPage(browser, srv.base);
	const api = await apiClient(srv.base, 'office');
	await signIn(page, 'office');
	await page.goto('/#/duties/projects');
	await page.click('[data-test=new-project]');
	const form = page.locator('form[data-test=project-form]');
	await form.waitFor();
	const unit = (await api.get('/units?limit=5')).body.items.find((u) => u.kind !== 'external_authority');
	await form.locator('input[name=name]').fill('办公网改造');
	await form.locator('input[name=code]').fill('XM-2026-TEST');
	await form.locator('select[name=unit]').selectOption(unit.code);
	await form.locator('input[name=total]').fill('200000');
	await form.locator('input[name=security]').fill('300000');
	assert.equal(await form.locator('[data-test=ratio] strong').innerText(), '150.0%');
	await form.locator('button[type=submit]').click();
	const err = form.locator('#f-security-err .field-error');
	await err.waitFor();
	assert.equal(await form.locator('input[name=name]').inputValue(), '办公网改造', 'what was typed stays');
	await form.locator('input[name=security]').fill('25000');
	assert.equal(await form.locator('[data-test=ratio] strong').innerText(), '12.5%');
	await form.locator('button[type=submit]').click();
	await page.waitForSelector('[data-test=project-saved]');
	let p = (await api.get('/projects?limit=200')).body.items.find((x) => x.code === 'XM-2026-TEST');
	assert.ok(p, 'the project is in the API');
	assert.deepEqual([p.total, p.security, p.unit], [200000, 25000, unit.code]);
	const row = page.locator('tr[data-code="XM-2026-TEST"]');
	assert.match(await row.innerText(), /12\.5%/);
	assert.match(await row.innerText(), new RegExp(unit.name), 'the unit by its name');
	// corrected: only what changed is sent, the code stays
	await row.locator('button', { hasText: '修改' }).click();
	await form.waitFor();
	assert.equal(await form.locator('input[name=code]').getAttribute('readonly'), '');
	await form.locator('input[name=security]').fill('40000');
	await form.locator('button[type=submit]').click();
	await page.waitForSelector('[data-test=project-saved]');
	p = (await api.get('/projects/' + p.id)).body;
	assert.equal(p.security, 40000);
	// the list is read again after the save; its row shows the new share once that answer is in
	await page.locator('tr[data-code="XM-2026-TEST"]', { hasText: '20.0%' }).waitFor({ timeout: 10000 });
	assert.match(await page.locator('tr[data-code="XM-2026-TEST"]').innerText(), /20\.0%/);
	await page.click('[data-test=new-project]');
	await look(page, 'projects');
	await page.goto('/#/duties/records');
	await look(page, 'records');
	clean(page);
	await page.context().close();
});

test('an API token: made, its secret shown once and working, listed by name, revoked', async () => {
	const page = await newPage(browser, srv.base);
	await signIn(page, 'sysadmin'); /* first: the API's session takes the next code (single use) */
	const api = await apiClient(srv.base, 'sysadmin');
	await page.goto('/#/tokens');
	await page.click('details.card summary');
	const form = page.locator('form[data-test=new-token]');
	await form.locator('button[type=submit]').click();
	await form.locator('.field-error').first().waitFor();
	await form.locator('input[name=label]').fill('监测平台推送');
	// the account it acts as: one of a business role (the administrators are not offered)
	const officer = (await api.get('/accounts')).body.items.find((a) => a.role === 'officer' && !a.disabled);
	const offered = await form.locator('select[name=account] option').evaluateAll((os) => os.map((o) => o.value));
	assert.ok(offered.includes(officer.name));
	assert.ok(!offered.includes('sysadmin') && !offered.includes('secadmin') && !offered.includes('auditadmin'));
	await form.locator('select[name=account]').selectOption(officer.name);
	await form.locator('button[type=submit]').click();
	const made = page.locator('[data-test=token-made]');
	await made.waitFor();
	const secret = await made.locator('input').inputValue();
	assert.match(secret, /^cdt_[A-Za-z0-9_-]{43}$/);
	// the secret works as a bearer token, in its scope
	const r = await fetch(srv.base + '/api/v1/notices?limit=1', { headers: { Authorization: 'Bearer ' + secret } });
	assert.equal(r.status, 200);
	const row = page.locator('tr[data-label="监测平台推送"]');
	const listed = (await api.get('/tokens')).body.items.find((k) => k.label === '监测平台推送');
	assert.ok(listed.scope && listed.scope.name, 'the token has the account\'s scope');
	assert.match(await row.innerText(), new RegExp(listed.scope.name), 'the scope by its name');
	await shot(page, 'duties-token-made');
	await look(page, 'tokens');
	assert.equal(await page.locator('[data-test=token-made]').count(), 0, 'the secret is not shown again');
	await row.locator('[data-test=revoke]').click();
	await row.locator('[data-test=revoke-sure]').click();
	await row.locator('.badge', { hasText: '已吊销' }).waitFor();
	const tok = (await api.get('/tokens')).body.items.find((k) => k.label === '监测平台推送');
	assert.ok(tok.revoked_at, 'revoked in the API');
	const after = await fetch(srv.base + '/api/v1/notices?limit=1', { headers: { Authorization: 'Bearer ' + secret } });
	assert.equal(after.status, 401);
	clean(page);
	await page.context().close();
});

test('a business role reaches no token page and the API refuses it the tokens', async () => {
	const page = await newPage(browser, srv.base);
	await signIn(page, 'office');
	assert.equal(await page.locator('nav.side a[href="#/tokens"]').count(), 0);
	await page.goto('/#/tokens');
	await page.waitForSelector('main h1');
	assert.equal(await page.locator('[data-test=new-token]').count(), 0);
	const api = await apiClient(srv.base, 'office');
	assert.equal((await api.get('/tokens')).status, 403);
	assert.equal((await api.post('/tokens', { label: 'x', account: 'office' })).status, 403);
	clean(page);
	await page.context().close();
});
