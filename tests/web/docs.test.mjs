// docs.test.mjs — the documents' buttons on the pages (web/js/downloads.js) in Debian's chromium
// against the real server on a fresh demo: on the dashboard (the annual report), a notice (the
// feedback form), an incident (the recommendation), the assessment page (the year's results and
// ranking) and a sheet (the unit's), the responsibility matrix (the list) and the systems (the
// ledger, with the list's filters) — each button clicked, the file the browser saves opened:
// a PDF by its magic bytes and its pdfinfo, a Word or Excel file by its zip's magic bytes and
// main part, read back by python3-docx / openpyxl (tests/docs/docread.py); the ledger of a
// filtered list holds exactly the rows the filters select; no console error or CSP violation.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { startServer, launch, newPage, signIn, apiClient, shot, SOURCE } from './lib.mjs';

let srv, browser;
before(async () => {
	srv = await startServer('docs');
	browser = await launch();
});
after(async () => {
	if (browser) await browser.close();
	if (srv) srv.stop();
});

const year = new Date().getFullYear();
const MAIN = { docx: 'word/document.xml', xlsx: 'xl/workbook.xml' };
const docread = (...args) => execFileSync('/usr/bin/python3', [join(SOURCE, 'tests/docs/docread.py'), ...args], { encoding: 'utf8' });

// fetchDoc clicks the toolbar's button of doc in format f and answers the saved file's path
async function fetchDoc(page, doc, f) {
	const link = page.locator(`.downloads[data-doc=${doc}] a[data-format=${f}]`);
	await link.waitFor();
	const [dl] = await Promise.all([page.waitForEvent('download'), link.click()]);
	assert.equal(await dl.failure(), null, doc + '.' + f + ' failed');
	assert.ok(dl.suggestedFilename().endsWith('.' + f), 'the name: ' + dl.suggestedFilename());
	const path = join(srv.dir, doc + '-' + Math.random().toString(36).slice(2) + '.' + f);
	await dl.saveAs(path);
	const b = readFileSync(path);
	if (f === 'pdf') {
		assert.equal(b.subarray(0, 5).toString('latin1'), '%PDF-', doc + ': not a PDF');
		assert.match(execFileSync('pdfinfo', [path], { encoding: 'utf8' }), /A4/);
	} else {
		assert.equal(b.subarray(0, 4).toString('latin1'), 'PK\x03\x04', doc + ': not a zip');
		assert.ok(b.includes(MAIN[f]), doc + ': no ' + MAIN[f]);
	}
	return path;
}

async function all(page, doc, formats) {
	const paths = {};
	for (const f of formats) paths[f] = await fetchDoc(page, doc, f);
	return paths;
}

function clean(page) {
	assert.deepEqual(page.problems, [], 'console errors, CSP violations or failed files');
}

test('every document a page offers downloads as the file it says', async () => {
	const api = await apiClient(srv.base, 'office');
	const page = await newPage(browser, srv.base);
	await signIn(page, 'office');

	// the dashboard: this year's annual report
	await page.goto('/#/');
	let p = await all(page, 'annual', ['pdf', 'docx']);
	docread('text', p.pdf, '签发人', '年度网络安全工作情况的报告');
	docread('styles', p.docx, 'Heading 1:一、基本情况');
	await shot(page, 'docs-dashboard');

	// a notice: its feedback form
	const notice = (await api.get('/notices?limit=1')).body.items[0];
	await page.goto('/#/notices/' + notice.id);
	p = await all(page, 'feedback', ['pdf', 'docx']);
	docread('text', p.pdf, notice.code, '整改情况的反馈');
	docread('text', p.docx, notice.code);

	// an incident: the accountability recommendation
	const incident = (await api.get('/incidents?limit=1')).body.items[0];
	await page.goto('/#/incidents/' + incident.id);
	p = await all(page, 'recommendation', ['pdf', 'docx']);
	docread('text', p.pdf, '问责建议', '责任链');

	// the assessment page: the year's results and ranking; a sheet: the unit's
	await page.goto('/#/assess?year=' + year);
	p = await all(page, 'assessment', ['pdf', 'docx', 'xlsx']);
	const ranking = (await api.get('/assessments/ranking?year=' + year)).body.ranking;
	docread('text', p.pdf, year + '年度网络安全工作责任制考核结果', '考核排名', ranking[0].unit.name);
	docread('cells', p.xlsx, '1', '1', '名次', '2', '2', ranking[0].unit.code);
	docread('rows', p.xlsx, String(ranking.length + 1));
	await shot(page, 'docs-assess');
	await page.goto('/#/assess/' + ranking[0].id);
	p = await all(page, 'assessment', ['pdf', 'docx', 'xlsx']);
	docread('text', p.docx, ranking[0].unit.name + year + '年度网络安全工作责任制考核结果');
	docread('cells', p.xlsx, '1', '1', '类别');

	// the responsibility matrix: the list
	await page.goto('/#/org');
	p = await all(page, 'duties', ['pdf', 'docx']);
	docread('text', p.pdf, '网络安全工作责任清单', '各单位责任人');

	// the systems: the ledger of the rows the list's filters select
	await page.goto('/#/assets?mlps_level=3');
	await page.waitForSelector('.downloads[data-doc=ledger] >> text=台账（按当前筛选）');
	p = await all(page, 'ledger', ['pdf', 'docx', 'xlsx']);
	const level3 = execFileSync('sqlite3', [srv.db, 'SELECT count(*) FROM asset WHERE mlps_level = 3'], { encoding: 'utf8' }).trim();
	assert.ok(Number(level3) > 0);
	docread('rows', p.xlsx, String(Number(level3) + 1));
	docread('text', p.pdf, '符合所选条件的', '共计' + level3 + '个');
	await shot(page, 'docs-assets');
	clean(page);
	await page.context().close();
});

test('the buttons speak English too, and an officer gets its own unit\'s results', async () => {
	const page = await newPage(browser, srv.base);
	await signIn(page, 'officer');
	await page.click('text=English');
	const officer = await apiClient(srv.base, 'officer');
	const mine = (await officer.get('/assessments?year=' + year)).body.items[0];
	await page.goto('/#/assess/' + mine.id);
	await page.waitForSelector(".downloads[data-doc=assessment] >> text=This unit's results");
	const p = await fetchDoc(page, 'assessment', 'docx');
	docread('text', p, mine.unit.name + year + '年度网络安全工作责任制考核结果');
	clean(page);
	await page.context().close();
});
