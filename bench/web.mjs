// bench/web.mjs — the dashboard (待办) in Debian's chromium against `cyberduty serve` over a
// database given in CD_DB (bench/web makes the 100,000-asset organisation): signs in as
// CD_LOGIN / CD_PASSWORD through the form, then opens the dashboard ROUNDS times, each a fresh
// navigation of a signed-in tab, and reads from the browser's own timeline: navigation start →
// the last API answer (the last /api/v1/ resource's responseEnd), → first contentful paint,
// → the dashboard's summary drawn (the page's own performance mark); and the bytes the navigation transferred (compressed, as on
// the wire); then once more with the cache kept (a returning visitor: the fingerprinted files come
// from it). Prints one JSON object.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(join(process.env.CD_SOURCE, 'package.json'));
const { chromium } = require('playwright-core');
const ROUNDS = Number(process.env.ROUNDS || 5);

const port = 20000 + Math.floor(Math.random() * 30000);
const base = 'http://127.0.0.1:' + port;
const srv = spawn(process.env.CD_BIN, ['serve', '--listen', '127.0.0.1:' + port, '--db', process.env.CD_DB, '--web', join(process.env.CD_SOURCE, 'web')], { stdio: 'ignore' });
try {
	for (let i = 0; ; i++) {
		try {
			if ((await fetch(base + '/api/v1/health')).ok) break;
		} catch (e) {
			if (i > 100) throw e;
		}
		await new Promise((r) => setTimeout(r, 100));
	}
	const browser = await chromium.launch({ executablePath: process.env.CD_CHROMIUM || '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu'] });
	const ctx = await browser.newContext({ viewport: { width: 1366, height: 768 }, baseURL: base });
	const page = await ctx.newPage();
	await page.goto('/#/');
	await page.fill('input[name=name]', process.env.CD_LOGIN);
	await page.fill('input[name=password]', process.env.CD_PASSWORD);
	const t0 = Date.now();
	await page.click('button[type=submit]');
	await page.waitForSelector('[data-test=summary]');
	const signInToDashboard = Date.now() - t0;
	const rounds = [];
	for (let i = 0; i < ROUNDS; i++) {
		// a cold cache each round: the first page's transfer as a new visitor's
		const cdp = await ctx.newCDPSession(page);
		await cdp.send('Network.clearBrowserCache');
		await page.goto('/#/', { waitUntil: 'commit' });
		await page.reload({ waitUntil: 'commit' });
		await page.waitForSelector('[data-test=summary]');
		const drawn = await page.evaluate(() => performance.now());
		await page.waitForLoadState('networkidle');
		rounds.push(
			await page.evaluate((drawnAt) => {
				const res = performance.getEntriesByType('resource');
				const api = res.filter((r) => r.name.includes('/api/v1/'));
				const nav = performance.getEntriesByType('navigation')[0];
				const fcp = performance.getEntriesByName('first-contentful-paint')[0];
				return {
					last_api_ms: Math.round(Math.max(...api.map((r) => r.responseEnd))),
					first_paint_ms: fcp ? Math.round(fcp.startTime) : null,
					drawn_ms: Math.round(drawnAt),
					api_requests: api.length,
					transfer_bytes: nav.transferSize + res.reduce((n, r) => n + r.transferSize, 0),
					chart_library: res.some((r) => r.name.includes('echarts')),
					summary_drawn_ms: (performance.getEntriesByName('cd-summary-drawn')[0] || {}).startTime || null,
					resources: res.map((r) => [r.name.replace(location.origin, ''), Math.round(r.startTime), Math.round(r.responseEnd), r.transferSize]),
				};
			}, drawn)
		);
	}
	// a returning visitor: the cache kept, so the fingerprinted files (kept a year) come from it
	// and only the page itself and the API answers travel
	await page.goto('/#/', { waitUntil: 'commit' });
	await page.reload({ waitUntil: 'commit' });
	await page.waitForSelector('[data-test=summary]');
	await page.waitForLoadState('networkidle');
	const warm = await page.evaluate(() => {
		const res = performance.getEntriesByType('resource');
		const api = res.filter((r) => r.name.includes('/api/v1/'));
		const nav = performance.getEntriesByType('navigation')[0];
		return {
			last_api_ms: Math.round(Math.max(...api.map((r) => r.responseEnd))),
			summary_drawn_ms: Math.round((performance.getEntriesByName('cd-summary-drawn')[0] || {}).startTime || 0),
			files_bytes: nav.transferSize + res.filter((r) => !r.name.includes('/api/v1/')).reduce((n, r) => n + r.transferSize, 0),
		};
	});
	await browser.close();
	const med = (k) => rounds.map((r) => r[k]).sort((a, b) => a - b)[Math.floor(rounds.length / 2)];
	const max = (k) => Math.max(...rounds.map((r) => r[k]));
	for (const r of rounds) r.summary_drawn_ms = Math.round(r.summary_drawn_ms);
	console.log(JSON.stringify({ sign_in_to_dashboard_ms: signInToDashboard, rounds, warm, median: { last_api_ms: med('last_api_ms'), first_paint_ms: med('first_paint_ms'), summary_drawn_ms: med('summary_drawn_ms'), transfer_bytes: med('transfer_bytes') }, worst: { last_api_ms: max('last_api_ms'), summary_drawn_ms: max('summary_drawn_ms') } }));
} finally {
	srv.kill('SIGTERM');
}
