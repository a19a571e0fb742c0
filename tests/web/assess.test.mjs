// assess.test.mjs — the yearly assessment's page in Debian's chromium against the real server on
// a fresh demo: the list of a year with the ranking and the year before as the API answers it;
// the unit officer finishing its unit's draft (a manual value and an evidence file entered
// through the page) and submitting it; the office reviewing; the organisation leader approving — each step through
// the page's buttons and checked in the API; a return without its reason refused with the
// API's message; the results file offered; both languages; no console error or CSP violation.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, newPage, signIn, apiClient, shot } from './lib.mjs';

let srv, browser;
before(async () => {
	srv = await startServer('assess');
	browser = await launch();
});
after(async () => {
	if (browser) await browser.close();
	if (srv) srv.stop();
});

const year = new Date().getFullYear();
function clean(page) {
	assert.deepEqual(page.problems, [], 'console errors, CSP violations or failed files');
}

test('the office sees the year\'s sheets and the ranking the API answers', async () => {
	const page = await newPage(browser, srv.base);
	await signIn(page, 'office');
	await page.click('nav.side >> text=检查考核');
	await page.waitForSelector('table.sheets');
	const api = await apiClient(srv.base, 'office');
	const sheets = (await api.get('/assessments?year=' + year)).body.items;
	assert.equal(await page.locator('table.sheets tbody tr').count(), sheets.length);
	const ranking = (await api.get('/assessments/ranking?year=' + year)).body.ranking;
	await page.waitForSelector('table.ranking');
	assert.equal(await page.locator('table.ranking tbody tr').count(), ranking.length);
	const first = await page.innerText('table.ranking tbody tr:first-child');
	assert.match(first, new RegExp(ranking[0].unit.name.replace(/[()（）]/g, '.')));
	assert.match(first, new RegExp(ranking[0].total.replace('.', '\\.')));
	const href = await page.getAttribute('a[href*="results"][href*="xlsx"]', 'href');
	const file = await page.request.get(href);
	assert.equal(file.status(), 200);
	assert.match(file.headers()['content-type'], /spreadsheetml/);
	// last year: all approved, one vetoed
	await page.selectOption('select[name=year]', String(year - 1));
	await page.waitForSelector('table.sheets >> text=一票否决');
	await shot(page, 'assess-list');
	clean(page);
	await page.context().close();
});

test('the cycle through the page: the officer fills in and submits, the office reviews, the leader approves', async () => {
	const officer = await apiClient(srv.base, 'officer');
	const mine = (await officer.get('/assessments?year=' + year)).body.items;
	assert.equal(mine.length, 1, 'the officer sees its own unit only');
	const id = mine[0].id;
	assert.equal(mine[0].stage, 'draft');

	let page = await newPage(browser, srv.base);
	await signIn(page, 'officer');
	await page.goto('/#/assess/' + id);
	await page.waitForSelector('table.indicators');
	assert.match(await page.innerText('h1'), new RegExp(mine[0].unit.name));
	const row = page.locator('tr[data-indicator=self_check]');
	assert.match(await row.innerText(), /待填/);
	await row.locator('select[name=value]').selectOption('1');
	await row.locator('button[type=submit]').first().click();
	await page.waitForSelector('tr[data-indicator=self_check] >> text=P = 1');
	// an evidence file through the page
	await page.setInputFiles('form.attach input[name=file]', { name: '自查报告.txt', mimeType: 'text/plain', buffer: Buffer.from('年度自查报告\n') });
	await page.click('form.attach button[type=submit]');
	await page.waitForSelector('ul.files >> text=自查报告.txt');
	const files = (await officer.get('/assessments/' + id + '/files')).body;
	assert.equal((files.items || files).length, 1);
	await shot(page, 'assess-sheet-officer');
	await page.click('button[data-act=submit]');
	await page.waitForSelector('text=待复评');
	assert.equal((await officer.get('/assessments/' + id)).body.stage, 'submitted');
	assert.equal(await page.locator('button[data-act=review]').count(), 0, 'the officer does not review');
	clean(page);
	await page.context().close();

	page = await newPage(browser, srv.base);
	await signIn(page, 'office');
	await page.goto('/#/assess/' + id);
	await page.waitForSelector('button[data-act=return]');
	await page.click('button[data-act=return]'); // no reason: the API's refusal is shown
	await page.waitForSelector('.actions .error');
	assert.equal((await officer.get('/assessments/' + id)).body.stage, 'submitted', 'nothing was written');
	await page.fill('textarea[name=comment]', '复评同意');
	await page.click('button[data-act=review]');
	await page.waitForSelector('text=待审定');
	clean(page);
	await page.context().close();

	page = await newPage(browser, srv.base);
	await signIn(page, 'leader');
	await page.goto('/#/assess/' + id);
	await page.waitForSelector('button[data-act=approve]');
	await page.click('button[data-act=approve]');
	await page.waitForSelector('.ok-box');
	const s = (await officer.get('/assessments/' + id)).body;
	assert.equal(s.stage, 'approved');
	assert.ok(s.score.frozen);
	assert.deepEqual(s.steps.map((e) => e.kind), ['open', 'submit', 'review', 'approve']);
	assert.match(await page.innerText('.timeline'), /复评同意/);
	await shot(page, 'assess-sheet-approved');
	// in English too
	await page.click('button.lang');
	await page.waitForSelector('text=The cycle');
	assert.match(await page.innerText('body'), /Approved/);
	clean(page);
	await page.context().close();
});
