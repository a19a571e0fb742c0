// work.test.mjs — the pages of the daily work in Debian's chromium against the real server on a
// fresh demo database: a notice registered with its number (文号) shows its due date in working
// days and goes through the unit leader's approval, feedback and verification, with an evidence
// file and a correction; an incident recorded, a fact set (不确定 a choice), an open question
// answered, a correction of its record, a proposal, a recommendation and a decision; a spreadsheet with errors imported
// with each error beside its row; an officer who cannot see another unit's systems in the page
// or the API; a failed save that keeps the form; and screenshots of every page of this work in
// both languages at laptop (1366×768) and tablet (820×1180) widths, each with no missing key,
// nothing wider than the screen, no console error and no CSP violation.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, newPage, signIn, shot, LOGINS } from './lib.mjs';

let srv, browser;
before(async () => {
	srv = await startServer('work');
	browser = await launch();
});
after(async () => {
	if (browser) await browser.close();
	if (srv) srv.stop();
});

function clean(page) {
	assert.deepEqual(page.problems, [], 'console errors, CSP violations or failed files');
}

// client: a session of the API itself (any method), to prepare and to check what the pages did
async function client(who) {
	const l = LOGINS[who];
	const r = await fetch(srv.base + '/api/v1/session', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name: l.name, password: l.password }) });
	assert.equal(r.status, 201, 'API sign-in of ' + who);
	const cookie = r.headers.get('set-cookie').split(';')[0];
	const { csrf } = await r.json();
	const call = async (method, path, body) => {
		const res = await fetch(srv.base + '/api/v1' + path, {
			method,
			headers: { Cookie: cookie, 'X-CSRF-Token': csrf, ...(body ? { 'Content-Type': 'application/json' } : {}) },
			body: body ? JSON.stringify(body) : undefined,
		});
		const text = await res.text();
		return { status: res.status, text, body: text && res.headers.get('content-type').includes('json') ? JSON.parse(text) : null };
	};
	return { get: (p) => call('GET', p), post: (p, b) => call('POST', p, b || {}), patch: (p, b) => call('PATCH', p, b) };
}

// a date as the pages write it in Chinese
const zhDate = (d) => {
	const [y, m, day] = d.split('-').map(Number);
	return `${y}年${m}月${day}日`;
};

const NO = '内网信通〔2026〕77号';

test('a notice registered with its number shows its due date in working days, and goes through approval, feedback and verification', async () => {
	const api = await client('office');
	// the demo's policy sets no rectification period: the organisation's own, 10 working days
	assert.equal((await api.patch('/work-settings', { notice_default_workdays: 10 })).status, 200);

	const office = await newPage(browser, srv.base);
	await signIn(office, 'office');
	await office.goto('/#/notices');
	await office.click('a[data-act=new-notice]');
	await office.waitForSelector('form.form');
	// the hint follows GET /work-settings, which may answer after the form is drawn
	await office.locator('form.form', { hasText: '10 个工作日' }).waitFor({ timeout: 15000 });
	assert.match(await office.innerText('form.form'), /10 个工作日/, 'the form says how the due date will be counted');
	await office.fill('input[name=code]', NO);
	await office.fill('input[name=authority]', '自治区党委网信办');
	await office.fill('input[name=assets]', 'WWW');
	await office.fill('input[name=category]', '网页篡改');
	await office.click('form.form button[type=submit]');
	await office.waitForSelector('[data-test=due]');
	const id = Number(office.url().split('/').pop());
	const n = (await api.get('/notices/' + id)).body;
	assert.equal(n.code, NO);
	assert.equal(n.due_basis, 'organisation');
	const due = await office.innerText('[data-test=due]');
	assert.ok(due.includes(zhDate(n.due)), 'the due date as the API counted it: ' + due);
	assert.match(due, new RegExp('还剩 ' + n.workdays_left + ' 个工作日'));
	assert.match(await office.innerText('h1'), /内网信通〔2026〕77号/);
	await shot(office, 'work-notice-new-registered');

	// an evidence file: uploaded, listed, downloadable
	await office.setInputFiles('.files input[type=file]', { name: '整改报告.txt', mimeType: 'text/plain', buffer: Buffer.from('整改报告：已下线上传功能并修补。\n') });
	await office.click('.files .upload button[type=submit]');
	await office.waitForSelector('table.files >> text=整改报告.txt');
	const files = (await api.get('/notices/' + id + '/files')).body.items;
	assert.equal(files.length, 1);
	const dl = await office.request.get('/api/v1/files/' + files[0].id);
	assert.equal(dl.status(), 200);
	assert.match(await dl.text(), /整改报告/);

	// a correction, with its reason, in the timeline
	await office.click('summary >> text=更正通报信息');
	await office.fill('details[open] input[name=category]', '网页篡改风险');
	await office.fill('details[open] textarea[name=reason]', '按原件补正问题类别');
	await office.click('button[data-act=correct]');
	await office.waitForSelector('.timeline li.fix >> text=按原件补正问题类别');
	const fixed = (await api.get('/notices/' + id)).body;
	assert.equal(fixed.category, '网页篡改风险');
	assert.equal(fixed.corrections.length, 1);
	clean(office);

	// the officer rectifies; feedback waits for the unit leader
	const officer = await newPage(browser, srv.base);
	await signIn(officer, 'officer');
	await officer.goto('/#/notices/' + id);
	await officer.click('button[data-act=start]');
	await officer.waitForSelector('ol.stepper li.current >> text=整改中');
	await officer.fill('textarea[name=note]', '已修补上传漏洞并复测');
	await officer.click('button[data-act=rectify]');
	await officer.waitForSelector('ol.stepper li.current >> text=已整改');
	assert.equal(await officer.locator('button[data-act=feedback]').count(), 0);
	assert.match(await officer.innerText('.actions .next'), /等待单位负责人审批/);
	await shot(officer, 'work-notice-waiting-approval');

	const leader = await newPage(browser, srv.base);
	await signIn(leader, 'unit-leader');
	await leader.goto('/#/notices/' + id);
	assert.match(await leader.innerText('.actions .next'), /请审核整改情况/);
	await leader.fill('textarea[name=note]', '同意反馈');
	await leader.click('button[data-act=approve]');
	await leader.waitForSelector('ol.stepper li.current >> text=负责人审批');
	let got = (await api.get('/notices/' + id)).body;
	assert.ok(got.approved_at);
	assert.equal(got.approved_by, 'unit-leader');
	await shot(leader, 'work-notice-approved');
	clean(leader);
	await leader.context().close();

	await officer.reload();
	await officer.click('button[data-act=feedback]');
	await officer.waitForSelector('ol.stepper li.current >> text=已反馈');
	assert.equal((await api.get('/notices/' + id)).body.stage, 'feedback_sent');
	clean(officer);
	await officer.context().close();

	await office.reload();
	await office.click('button[data-act=verify]');
	await office.waitForSelector('text=该通报已核查闭环');
	got = (await api.get('/notices/' + id)).body;
	assert.equal(got.stage, 'verified');
	assert.deepEqual(got.timeline.map((e) => e.event), ['start', 'rectify', 'approve', 'feedback', 'verify']);
	await shot(office, 'work-notice-verified');
	clean(office);
	await office.context().close();
});

test('the 举一反三 systems chosen are marked checked at once with one note, and the count follows', async () => {
	const api = await client('office');
	const n = (await api.get('/notices?limit=200')).body.items.find((x) => x.stage !== 'verified' && x.similar_unchecked > 2);
	const page = await newPage(browser, srv.base);
	await signIn(page, 'office');
	await page.goto('/#/notices/' + n.id);
	const open = (await api.get('/notices/' + n.id)).body.similar.filter((s) => !s.checked_at).slice(0, 2);
	for (const s of open) await page.locator('table.similar tr', { hasText: s.name }).locator('input[type=checkbox]').check();
	await page.fill('input[name=similar-note]', '已排查同类上传功能，未发现问题');
	await page.click('button[data-act=mark-selected]');
	await page.waitForSelector(`.similar-count >> text=已排查 ${n.similar_checked + 2} / 共 ${n.similar_total}`);
	const after = (await api.get('/notices/' + n.id)).body.similar;
	for (const s of open) {
		const a = after.find((x) => x.asset === s.asset);
		assert.ok(a.checked_at);
		assert.equal(a.note, '已排查同类上传功能，未发现问题');
	}
	clean(page);
	await page.context().close();
});

test('a failed save keeps the form: the refusal beside its field, everything typed still there', async () => {
	const page = await newPage(browser, srv.base);
	await signIn(page, 'office');
	await page.goto('/#/notices/new');
	await page.fill('input[name=code]', NO); /* taken by the first test */
	await page.fill('input[name=authority]', '公安机关网安部门');
	await page.fill('input[name=assets]', 'NEWS');
	await page.fill('textarea[name=text]', '请于十个工作日内整改。');
	await page.click('form.form button[type=submit]');
	await page.waitForSelector('#f-code-err .field-error');
	assert.match(await page.innerText('#f-code-err'), /已登记|already/);
	assert.equal(await page.getAttribute('input[name=code]', 'aria-invalid'), 'true');
	assert.equal(await page.inputValue('input[name=authority]'), '公安机关网安部门');
	assert.equal(await page.inputValue('textarea[name=text]'), '请于十个工作日内整改。');
	await shot(page, 'work-notice-refused');
	// a reload (a sign-in that expired, a closed tab) loses nothing either
	await page.reload();
	await page.waitForSelector('input[name=code]');
	assert.equal(await page.inputValue('input[name=assets]'), 'NEWS');
	assert.equal(await page.inputValue('textarea[name=text]'), '请于十个工作日内整改。');
	// the network failing: the same
	await page.context().setOffline(true);
	await page.click('form.form button[type=submit]');
	await page.waitForSelector('.error');
	await page.context().setOffline(false);
	assert.equal(await page.inputValue('input[name=authority]'), '公安机关网安部门');
	page.problems = page.problems.filter((p) => !/request failed|ERR_INTERNET_DISCONNECTED/.test(p));
	clean(page);
	await page.context().close();
});

test('an incident recorded, a fact set, an open question answered, a proposal, a recommendation and a decision', async () => {
	const api = await client('office');
	const page = await newPage(browser, srv.base);
	await signIn(page, 'office');
	await page.goto('/#/incidents');
	await page.click('a[data-act=new-incident]');
	await page.fill('input[name=code]', '信息中心事件〔2026〕9号');
	await page.fill('input[name=title]', '门户网站首页被篡改');
	await page.fill('input[name=assets]', 'WWW');
	await page.click('form.form button[type=submit]');
	await page.waitForSelector('h2 >> text=报告时钟');
	const id = Number(page.url().split('/').pop());
	let x = (await api.get('/incidents/' + id)).body;
	if (x.report_due && x.report_state !== 'done_on_time') assert.ok(await page.locator('.clock-box [role=timer]').count(), 'the report deadline ticks');

	// a mistake in the record corrected, with its reason, in the timeline
	await page.click('summary >> text=更正事件信息');
	await page.fill('details[open] input[name=title]', '学校门户网站首页被篡改');
	await page.fill('details[open] textarea[name=reason]', '按值班记录补正概况');
	await page.click('details[open] button[data-act=correct]');
	await page.waitForSelector('.timeline li.fix >> text=按值班记录补正概况');
	x = (await api.get('/incidents/' + id)).body;
	assert.equal(x.record.title, '学校门户网站首页被篡改');
	assert.equal(x.corrections.length, 1);

	// a fact: 不确定 is a choice, yes is saved
	const sel = page.locator('select[name=fact-tampered]');
	assert.deepEqual(await sel.locator('option').allInnerTexts(), ['不确定', '是', '否']);
	await sel.selectOption('true');
	await page.fill('input[name=fact-note]', '监测平台告警并人工核实');
	await page.click('button[data-act=save-facts]');
	await page.waitForSelector('text=已保存 1 项');
	x = (await api.get('/incidents/' + id)).body;
	assert.equal(x.facts.tampered.value, true);

	// an open question answered with its evidence
	const q = x.triggers.find((g) => g.state === 'needs_judgement');
	const box = page.locator('details.answer-box[open]');
	await box.locator('select[name=fact]').selectOption(q.missing_facts[0]);
	await box.locator('select[name=value]').selectOption('false');
	await box.locator('input[name=note]').fill('调查组核实，见笔录第 3 页');
	await box.locator('button[data-act=answer]').click();
	await page.waitForFunction(() => !document.querySelector('button[data-act=answer][disabled]'));
	await page.waitForSelector(`.timeline >> text=调查组核实，见笔录第 3 页`);
	x = (await api.get('/incidents/' + id)).body;
	assert.equal(x.facts[q.missing_facts[0]].value, false);
	assert.equal(x.facts[q.missing_facts[0]].origin, 'recorded');
	assert.ok(await page.locator('.chain-diagram .unit-box').count() > 0, 'the chain drawn');

	// accountability is proposed once handling has ended
	assert.equal(await page.locator('button[data-act=propose]').count(), 0);
	await page.click('button[data-act=close]');
	await page.waitForSelector('button[data-act=propose]');
	await page.click('button[data-act=propose]');
	await page.waitForSelector('.case-steps li.done >> text=问责提议');
	await page.click('button[data-act=recommend]');
	await page.waitForSelector('pre.recommendation');
	assert.match(await page.innerText('pre.recommendation'), /问责建议/);
	await page.fill('input[name=authority]', '中共内蒙古师范大学委员会');
	const first = page.locator('input[name^=outcome-]').first();
	await first.fill('批评教育');
	await page.click('button[data-act=decide]');
	await page.waitForSelector('.case-steps >> text=批评教育');
	x = (await api.get('/incidents/' + id)).body;
	assert.equal(x.case_stage, 'decided');
	await shot(page, 'work-incident-decided');
	clean(page);
	await page.context().close();
});

// a CSV line, quoted where it needs to be
const csvLine = (cells) => cells.map((c) => (/[",\n]/.test(c) ? '"' + c.replace(/"/g, '""') + '"' : c)).join(',');
function csvParse(text) {
	const rows = [];
	let row = [], cell = '', q = false;
	for (let i = 0; i < text.length; i++) {
		const ch = text[i];
		if (q) {
			if (ch === '"' && text[i + 1] === '"') (cell += '"'), i++;
			else if (ch === '"') q = false;
			else cell += ch;
		} else if (ch === '"') q = true;
		else if (ch === ',') row.push(cell), (cell = '');
		else if (ch === '\n') row.push(cell.replace(/\r$/, '')), rows.push(row), (row = []), (cell = '');
		else cell += ch;
	}
	return rows;
}

test('a spreadsheet with errors: the dry run lists every error beside its row, and nothing is imported', async () => {
	const api = await client('office');
	const exp = await api.get('/export/assets?format=csv&lang=zh&kind=portal');
	const [head, first] = csvParse(exp.text.replace(/^\uFEFF/, ''));
	const col = (name) => head.indexOf(name);
	assert.ok(col('资产编码') >= 0 && col('定级日期') >= 0 && col('类型') >= 0, 'the export\'s headers: ' + head.join('|'));
	const row = (code, change) => {
		const r = [...first];
		r[col('资产编码')] = code;
		r[col('名称')] = code + ' 测试系统';
		Object.entries(change || {}).forEach(([k, v]) => (r[col(k)] = v));
		return csvLine(r);
	};
	const file = [csvLine(head), row('IMP-1'), row('IMP-2', { 定级日期: '2024-02-30' }), row('IMP-3', { 类型: '不存在的类型' })].join('\n') + '\n';

	const page = await newPage(browser, srv.base);
	await signIn(page, 'office');
	await page.goto('/#/assets/import');
	await page.setInputFiles('input[name=file]', { name: '信息系统.csv', mimeType: 'text/csv', buffer: Buffer.from(file) });
	await page.click('button[data-act=dry-run]');
	await page.waitForSelector('[data-test=import-report]');
	assert.match(await page.innerText('[data-test=import-report]'), /2 处错误/);
	assert.equal(await page.locator('tr[data-row="2"]').count(), 0, 'the good row has no error');
	assert.match(await page.innerText('tr[data-row="3"]'), /定级日期/);
	assert.match(await page.innerText('tr[data-row="3"]'), /2024-02-30/);
	assert.match(await page.innerText('tr[data-row="4"]'), /不存在的类型/);
	assert.ok(await page.isDisabled('button[data-act=import]'), 'no import of a file with errors');
	assert.equal((await api.get('/assets?q=IMP-')).body.items.length, 0, 'nothing imported');
	await shot(page, 'work-import-errors');

	// corrected, it checks and imports
	const good = [csvLine(head), row('IMP-1'), row('IMP-2')].join('\n') + '\n';
	await page.setInputFiles('input[name=file]', { name: '信息系统.csv', mimeType: 'text/csv', buffer: Buffer.from(good) });
	await page.click('button[data-act=dry-run]');
	await page.waitForSelector('[data-test=import-report].ok-box');
	await page.click('button[data-act=import]');
	await page.waitForSelector('[data-test=import-report] >> text=已导入');
	assert.equal((await api.get('/assets?q=IMP-')).body.items.length, 2);
	clean(page);
	await page.context().close();
});

test('an officer sees only the systems of their unit, in the page as in the API', async () => {
	const office = await client('office');
	const officer = await client('officer');
	const mine = new Set((await officer.get('/assets?limit=200')).body.items.map((a) => a.code));
	const other = (await office.get('/assets?limit=200')).body.items.find((a) => !mine.has(a.code));
	assert.ok(other, 'the demo has a system of another unit');
	assert.equal((await officer.get('/assets/' + other.id)).status, 404, 'the API answers as if it did not exist');
	assert.equal((await officer.get('/export/assets?format=csv&q=' + encodeURIComponent(other.code))).text.includes(other.code), false);

	const page = await newPage(browser, srv.base);
	await signIn(page, 'officer');
	await page.goto('/#/assets?all=1');
	await page.waitForSelector('table.assets');
	const shown = await page.locator('table.assets tbody tr td:first-child small.code').allInnerTexts();
	assert.ok(shown.length > 0);
	for (const c of shown) assert.ok(mine.has(c), c + ' is not the officer\'s');
	assert.ok(!shown.includes(other.code));
	await page.goto('/#/assets?q=' + encodeURIComponent(other.code));
	await page.waitForSelector('.empty');
	await page.goto('/#/assets/' + other.id);
	await page.waitForSelector('.error');
	assert.match(await page.innerText('.error'), /没有找到|不在您的管辖范围/);
	await shot(page, 'work-officer-other-asset');
	page.problems = [];
	await page.context().close();
});

test('the filters are remembered and the export holds exactly the filtered rows', async () => {
	const page = await newPage(browser, srv.base);
	await signIn(page, 'office');
	await page.goto('/#/assets?kind=portal&filed=true');
	await page.waitForSelector('table.assets');
	const href = await page.getAttribute('a[data-act=export-csv]', 'href');
	assert.match(href, /kind=portal/);
	assert.match(href, /filed=true/);
	const csv = await (await page.request.get(href)).text();
	const lines = csv.trim().split('\n').length - 1;
	assert.equal(lines, await page.locator('table.assets tbody tr').count());
	// the columns chosen stay chosen
	await page.click('details.columns summary');
	await page.uncheck('input[name=col-operator]');
	await page.check('input[name=col-software]');
	assert.match(await page.innerText('table.assets thead'), /软件/);
	// opening the list again brings the same filters back
	await page.goto('/#/');
	await page.goto('/#/assets');
	await page.waitForFunction(() => location.hash.includes('kind=portal') && location.hash.includes('filed=true'));
	await page.waitForSelector('table.assets');
	assert.match(await page.innerText('table.assets thead'), /软件/);
	assert.doesNotMatch(await page.innerText('table.assets thead'), /运维单位/);
	clean(page);
	await page.context().close();
});

// every page of this work, both languages, laptop and tablet
const SIZES = { laptop: { width: 1366, height: 768 }, tablet: { width: 820, height: 1180 } };

async function look(page, name) {
	for (const lang of ['zh-CN', 'en'])
		for (const [size, vp] of Object.entries(SIZES)) {
			await page.setViewportSize(vp);
			await page.evaluate((l) => localStorage.setItem('cd_lang', l), lang);
			await page.reload();
			await page.waitForLoadState('networkidle');
			await page.waitForFunction(() => !document.querySelector('.loading'));
			await shot(page, `work-${name}-${lang}-${size}`);
			const body = await page.innerText('body');
			assert.doesNotMatch(body, /\[[a-z_]+\.[a-z_.-]+\]/, name + ' ' + lang + ': a catalogue key is missing');
			const wide = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
			assert.ok(wide <= 0, `${name} ${lang} ${size}: the page is ${wide}px wider than the screen`);
		}
	assert.deepEqual(page.problems, [], name + ': console errors or CSP violations');
}

test('every page of the daily work, both languages, laptop and tablet', async () => {
	const api = await client('office');
	const mine = (await api.get('/notices?limit=200')).body.items;
	const open = mine.find((n) => n.stage === 'rectifying') || mine[0];
	const verified = mine.find((n) => n.code === NO) || mine[0];
	const xs = (await api.get('/incidents?limit=200')).body.items;
	const pages = {
		office: [
			['notices', '/notices'],
			['notice-new', '/notices/new'],
			['notice-open', '/notices/' + open.id],
			['notice-verified', '/notices/' + verified.id],
			['incidents', '/incidents'],
			['incident-new', '/incidents/new'],
			['incident-decided', '/incidents/1'],
			['incident-recorded', '/incidents/' + xs[xs.length - 1].id],
			['assets', '/assets?all=1'],
			['asset', '/assets/1'],
			['asset-edit', '/assets/1/edit'],
			['asset-new', '/assets/new'],
			['asset-import', '/assets/import'],
		],
		officer: [
			['officer-notice', '/notices/' + open.id],
			['officer-assets', '/assets?all=1'],
			['officer-incident', '/incidents/1'],
		],
		'unit-leader': [['leader-notice', '/notices/' + open.id]],
		leader: [['leader-incident', '/incidents/1']],
	};
	for (const [who, list] of Object.entries(pages)) {
		const page = await newPage(browser, srv.base);
		await signIn(page, who);
		for (const [name, path] of list) {
			await page.goto('/#' + path);
			await look(page, name);
		}
		await page.context().close();
	}
});
