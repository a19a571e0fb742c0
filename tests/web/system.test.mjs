// system.test.mjs — a system's page (issue 16 item 4: "its notices and incidents") against a real
// server on a fresh demo database: it lists exactly the notices and incidents the API answers for
// that system, asked by system (GET /notices?asset=, /incidents?asset=) and never by reading the
// whole lists; both languages at laptop and tablet widths (screenshots system-*).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, newPage, signIn, settle, lookAround, apiClient, LAPTOP } from './lib.mjs';

const TABLET = { width: 820, height: 1180 };
let srv, browser, api;
before(async () => {
	srv = await startServer('system');
	browser = await launch();
	api = await apiClient(srv.base, 'office');
});
after(async () => {
	if (browser) await browser.close();
	if (srv) srv.stop();
});

async function idOf(code) {
	const r = await api.get('/assets?q=' + encodeURIComponent(code));
	const a = r.body.items.find((x) => x.code === code);
	assert.ok(a, 'the demo has system ' + code);
	return a.id;
}

for (const code of ['WWW', 'NEWS'])
	test('the page of ' + code + ' lists its notices and incidents, asked by system', async () => {
		const notices = (await api.get('/notices?asset=' + code + '&limit=50')).body.items.map((n) => n.code).sort();
		const incidents = (await api.get('/incidents?asset=' + code + '&limit=50')).body.items.map((x) => x.code).sort();
		assert.ok(notices.length + incidents.length > 0, code + ' has some');
		const page = await newPage(browser, srv.base);
		await signIn(page, 'office');
		const asked = [];
		page.on('request', (r) => {
			const u = new URL(r.url());
			if (/^\/api\/v1\/(notices|incidents)$/.test(u.pathname)) asked.push(u.pathname + u.search);
		});
		await page.goto('/#/assets/' + (await idOf(code)));
		await settle(page);
		// the notices and incidents are asked for once the system itself has come (its code names
		// them): settle can return in between — a hash route keeps the first load's network idle,
		// and no .loading shows before that second request starts — so wait for both lists (or
		// their "none") to stand under their headings
		await page.waitForFunction(() =>
			[...document.querySelectorAll('section.asset h2')].slice(-2).every((h) => h.nextElementSibling && h.nextElementSibling.matches('ul.plain, p.muted')),
		);
		const listed = async (h) => (await page.locator(`h2:has-text("${h}") + ul.plain li a`).allInnerTexts()).sort();
		assert.deepEqual(await listed('相关通报'), notices, 'its notices, as the API answers them');
		assert.deepEqual(await listed('相关安全事件'), incidents, 'its incidents');
		assert.ok(asked.length >= 2 && asked.every((p) => p.includes('asset=' + code)), 'asked by system only: ' + asked.join(' '));
		if (code === 'WWW') await lookAround(page, 'system', { laptop: LAPTOP, tablet: TABLET });
		assert.deepEqual(page.problems, []);
		await page.context().close();
	});
