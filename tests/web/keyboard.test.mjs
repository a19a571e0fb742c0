// keyboard.test.mjs — "a keyboard can reach everything" (issue 16 item 9) in a real browser
// against a real server on a fresh demo database: signing in with the keyboard alone (Tab, type,
// Enter; the TOTP step too); on the pages of each kind of work, Tab from the top reaches every
// link, button, field and disclosure the page shows, each with a visible focus ring, and the
// skip link goes to the content; the keys act where a mouse would — Enter on a matrix cell opens
// its history, Space checks a 举一反三 box, Enter on a summary opens its form.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, newPage, settle, totp, LOGINS } from './lib.mjs';

let srv, browser;
before(async () => {
	srv = await startServer('keyboard');
	browser = await launch();
});
after(async () => {
	if (browser) await browser.close();
	if (srv) srv.stop();
});

// signInByKeys: the sign-in form filled and sent with the keyboard only
async function signInByKeys(page, who) {
	const l = LOGINS[who];
	await page.goto('/#/');
	await page.waitForSelector('input[name=name]');
	await page.keyboard.press('Tab');
	// Tab reaches the name field first or after the language switch: go on until it has focus
	for (let i = 0; i < 5 && !(await page.evaluate(() => document.activeElement && document.activeElement.name === 'name')); i++)
		await page.keyboard.press('Tab');
	await page.keyboard.type(l.name);
	await page.keyboard.press('Tab');
	assert.equal(await page.evaluate(() => document.activeElement.name), 'password', 'Tab goes from the name to the password');
	await page.keyboard.type(l.password);
	await page.keyboard.press('Enter');
	if (l.totp) {
		await page.waitForSelector('input[name=totp]');
		assert.equal(await page.evaluate(() => document.activeElement.name), 'totp', 'the code field has the focus');
		await page.keyboard.type(totp(l.totp));
		await page.keyboard.press('Enter');
	}
	await page.waitForSelector('header.top [data-test=who]');
	await settle(page);
}

// reachable: Tab from the top of the page through every stop, back to where it began; answers
// the interactive elements shown that Tab never reached, and those reached without a visible ring
async function reachable(page) {
	await page.evaluate(() => {
		document.activeElement && document.activeElement.blur();
		window.scrollTo(0, 0);
		for (const el of document.querySelectorAll('[data-kb]')) el.removeAttribute('data-kb');
		let n = 0;
		// shown: laid out and visible, not disabled, not inside a closed disclosure (its summary is)
		const shown = (el) => {
			const shut = el.closest('details:not([open])');
			if (shut && !(el.tagName === 'SUMMARY' && el.parentElement === shut)) return false;
			return el.checkVisibility({ visibilityProperty: true }) && !el.disabled;
		};
		for (const el of document.querySelectorAll('a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]:not([tabindex="-1"])'))
			if (shown(el) && !el.closest('[inert]')) el.setAttribute('data-kb', String(n++));
	});
	const total = await page.locator('[data-kb]').count();
	const seen = new Set();
	const noRing = [];
	for (let i = 0; i < total + 40; i++) {
		await page.keyboard.press('Tab');
		const r = await page.evaluate(() => {
			const el = document.activeElement;
			if (!el || el === document.body) return null;
			const s = getComputedStyle(el);
			const ring = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || (s.boxShadow && s.boxShadow !== 'none');
			return { kb: el.getAttribute('data-kb'), ring, what: el.outerHTML.slice(0, 90) + ' ' + s.outlineStyle + ' ' + s.outlineWidth + ' ' + el.matches(':focus') };
		});
		if (!r) continue;
		if (r.kb !== null) {
			if (seen.has(r.kb) && seen.size >= total) break;
			seen.add(r.kb);
		}
		if (!r.ring) noRing.push(r.what);
	}
	const missed = await page.evaluate((s) => [...document.querySelectorAll('[data-kb]')].filter((el) => !s.includes(el.getAttribute('data-kb'))).map((el) => el.outerHTML.slice(0, 90)), [...seen]);
	return { total, missed, noRing };
}

async function everyStop(page, name) {
	const r = await reachable(page);
	assert.ok(r.total > 5, name + ': the page has things to reach (' + r.total + ')');
	assert.deepEqual(r.missed, [], name + ': reached by Tab');
	assert.deepEqual(r.noRing, [], name + ': a visible focus ring');
}

test('the office signs in and reaches everything of the daily pages by the keyboard', async () => {
	const page = await newPage(browser, srv.base);
	await signInByKeys(page, 'office');
	// the skip link: first stop, and Enter puts the focus on the content
	await page.keyboard.press('Tab');
	assert.match(await page.evaluate(() => document.activeElement.className), /skip/, 'the first stop skips to the content');
	await page.keyboard.press('Enter');
	assert.equal(await page.evaluate(() => document.activeElement.id), 'main');
	for (const [name, path] of [['待办', '/'], ['notices', '/notices'], ['a notice', '/notices/2'], ['an incident', '/incidents/5'], ['systems', '/assets'], ['matrix', '/org'], ['duties', '/duties/records']]) {
		await page.goto('/#' + path);
		await settle(page);
		await everyStop(page, name);
	}
	assert.deepEqual(page.problems, []);
	await page.context().close();
});

test('the keys act where a mouse would', async () => {
	const page = await newPage(browser, srv.base);
	await signInByKeys(page, 'office');
	// a matrix cell: Enter opens its history
	await page.goto('/#/org');
	await settle(page);
	await page.focus('button.cellbtn');
	await page.keyboard.press('Enter');
	await page.waitForSelector('[data-test=cell] [data-test=history], [data-test=cell] .empty');
	// a disclosure: Enter on its summary opens it
	await page.goto('/#/assets');
	await settle(page);
	await page.focus('details.columns > summary');
	await page.keyboard.press('Enter');
	assert.equal(await page.evaluate(() => document.querySelector('details.columns').open), true, 'the columns\' choice opened');
	// a 举一反三 box: Space checks it
	await page.goto('/#/notices/2');
	await settle(page);
	const box = page.locator('td.check input[type=checkbox]').first();
	if (await box.count()) {
		await box.focus();
		await page.keyboard.press('Space');
		assert.equal(await box.isChecked(), true, 'Space checks a system of the 举一反三 list');
	}
	assert.deepEqual(page.problems, []);
	await page.context().close();
});

test('an administrator signs in with the TOTP step and reaches their pages by the keyboard', async () => {
	const page = await newPage(browser, srv.base);
	await signInByKeys(page, 'secadmin');
	for (const [name, path] of [['roles', '/roles'], ['channels', '/channels']]) {
		await page.goto('/#' + path);
		await settle(page);
		await everyStop(page, name);
	}
	assert.deepEqual(page.problems, []);
	await page.context().close();
});
