// catalogue.test.mjs — the two message catalogues have the same keys, no empty text, and every
// key the pages name with t('…') is in them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const web = join(process.env.CD_SOURCE, 'web', 'js');
const zh = (await import(join(web, 'i18n', 'zh-CN.js'))).default;
const en = (await import(join(web, 'i18n', 'en.js'))).default;

test('zh-CN and en have the same keys', () => {
	assert.deepEqual(Object.keys(zh).filter((k) => !(k in en)), [], 'keys missing from en.js');
	assert.deepEqual(Object.keys(en).filter((k) => !(k in zh)), [], 'keys missing from zh-CN.js');
});

test('no text is empty, and placeholders agree', () => {
	for (const k of Object.keys(zh)) {
		assert.ok(zh[k].length && en[k].length, 'empty text for ' + k);
		const ph = (s) => (s.match(/\{\w+\}/g) || []).sort().join();
		assert.equal(ph(zh[k]), ph(en[k]), 'placeholders of ' + k);
	}
});

test('every literal key the pages use is in the catalogues', () => {
	const files = [...readdirSync(web).filter((f) => f.endsWith('.js')), ...readdirSync(join(web, 'pages')).map((f) => 'pages/' + f)];
	const missing = [];
	for (const f of files) {
		const src = readFileSync(join(web, f), 'utf8');
		for (const m of src.matchAll(/\bt\('([a-z_.0-9-]+)'\s*[,)]/g)) if (!(m[1] in zh)) missing.push(f + ': ' + m[1]);
	}
	assert.deepEqual(missing, []);
});
