// dashboard.test.mjs — what the 待办 page draws beyond its tiles (issue 16 item 2), against a real
// server on a fresh demo database: the incidents by class and this year's duties by unit as
// charts, their figures equal to GET /summary's; an incident whose first report is due shows the
// hours left to it on the dashboard and in the list, as the API's report_due counts them; both
// languages at laptop and tablet widths (screenshots dashboard-*).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, newPage, signIn, settle, shot, lookAround, apiClient, LAPTOP } from './lib.mjs';

const TABLET = { width: 820, height: 1180 };
let srv, browser, api;
before(async () => {
	srv = await startServer('dashboard');
	browser = await launch();
	api = await apiClient(srv.base, 'office');
});
after(async () => {
	if (browser) await browser.close();
	if (srv) srv.stop();
});

// figure: the accessible text of the chart titled `title` (its aria-label: "title: figures")
async function figure(page, title) {
	const box = page.locator('figure.chart-box', { has: page.locator('figcaption', { hasText: title }) });
	await box.locator('canvas').waitFor(); /* drawn */
	return box.locator('.chart').getAttribute('aria-label');
}

test('incidents by class and duties by unit are drawn with the API\'s figures', async () => {
	const s = (await api.get('/summary')).body;
	const page = await newPage(browser, srv.base);
	await signIn(page, 'office');
	await settle(page);
	const classes = await figure(page, '事件按分类');
	const labels = { network_attack: '网络攻击事件', data_security: '数据安全事件', malware: '恶意程序事件', content_security: '信息内容安全事件' };
	const entries = Object.entries(s.incidents.by_class);
	assert.ok(entries.length >= 2, 'the demo has incidents of several classes');
	for (const [code, n] of entries) assert.match(classes, new RegExp((labels[code] || code) + ' ' + n + '(，|$)'), code + ' counted as the API counts it');

	const units = s.obligations.duty_by_unit;
	assert.ok(units.length > 10, 'the demo has more units with duties than the chart shows');
	const byUnit = await figure(page, '今年年度任务按单位');
	// the series' totals over the ten units shown: the ten with the most overdue, then open
	const open = (u) => Math.max(0, u.due - u.done - u.overdue);
	const top = [...units].sort((a, b) => b.overdue - a.overdue || open(b) - open(a) || b.due - a.due).slice(0, 10);
	const total = (f) => top.reduce((n, u) => n + f(u), 0);
	assert.match(byUnit, new RegExp('已完成 ' + total((u) => u.done)));
	assert.match(byUnit, new RegExp('已逾期 ' + total((u) => u.overdue)));
	assert.match(byUnit, new RegExp('未到期 ' + total(open)));
	assert.match(await page.innerText('.chart-wrap .hint'), new RegExp('共 ' + units.length + ' 个单位'), 'how many units there are is said');
	assert.deepEqual(page.problems, []);
	await page.context().close();
});

test('an incident\'s report deadline is a clock on the dashboard and in the list', async () => {
	const detected = new Date(Date.now() - 5 * 60000).toISOString().replace(/\.\d+Z$/, 'Z');
	const made = await api.post('/incidents', { code: '测试事件〔2026〕88号', assets: ['WWW'], detected_at: detected });
	assert.equal(made.status, 201, JSON.stringify(made.body));
	// a grade confirmed: the first report is due (hours after detection, docs/incidents.md)
	const graded = await api.post('/incidents/' + made.body.id + '/events', { kind: 'grade', value: '较大', note: '领导小组确认' });
	assert.equal(graded.status, 200, JSON.stringify(graded.body));
	const line = (await api.get('/incidents?sort=-id&limit=5')).body.items.find((x) => x.code === '测试事件〔2026〕88号');
	assert.ok(line.report_due, 'the list answers the first report\'s deadline');
	assert.equal(line.report_state, 'open');
	const left = Date.parse(line.report_due) - Date.now();
	const hours = Math.floor(left / 3600000);

	const page = await newPage(browser, srv.base);
	await signIn(page, 'office');
	await settle(page);
	const row = page.locator('tr', { has: page.locator('a', { hasText: '测试事件〔2026〕88号' }) });
	const clock = await row.locator('[role=timer]').innerText();
	assert.match(clock, new RegExp('还剩\\s*' + '(' + hours + '|' + (hours - 1) + ')\\s*小时'), 'the hours left on the dashboard: ' + clock);
	await page.goto('/#/incidents');
	await settle(page);
	const inList = await page.locator('tr', { has: page.locator('a', { hasText: '测试事件〔2026〕88号' }) }).locator('[role=timer]').innerText();
	assert.match(inList, /还剩\s*\d+\s*小时/, 'and in the list');
	assert.deepEqual(page.problems, []);
	await page.context().close();
});

test('the dashboard in both languages at laptop and tablet widths', async () => {
	const page = await newPage(browser, srv.base);
	await signIn(page, 'office');
	await settle(page);
	await lookAround(page, 'dashboard', { laptop: LAPTOP, tablet: TABLET });
	await shot(page, 'dashboard-office');
	assert.deepEqual(page.problems, []);
	await page.context().close();
});
