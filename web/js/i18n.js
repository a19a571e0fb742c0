// i18n.js — the language of the pages: one catalogue per language (i18n/zh-CN.js, i18n/en.js),
// Chinese by default, the choice remembered in localStorage. t(key, {name: value}) fills {name}.
import zh from './i18n/zh-CN.js';
import en from './i18n/en.js';

const catalogues = { 'zh-CN': zh, en };
let lang = 'zh-CN';
try {
	const saved = localStorage.getItem('cd_lang');
	if (saved && catalogues[saved]) lang = saved;
} catch (e) {
	/* storage refused (private mode): Chinese */
}
document.documentElement.lang = lang;

export function currentLang() {
	return lang;
}

export function setLang(l) {
	if (!catalogues[l]) return;
	lang = l;
	document.documentElement.lang = l;
	try {
		localStorage.setItem('cd_lang', l);
	} catch (e) {
		/* not remembered, still switched */
	}
}

// t answers the text of key in the current language; a key missing from the catalogue shows
// itself in brackets (and the catalogue test fails on it).
export function t(key, params) {
	let s = catalogues[lang][key];
	if (s === undefined) {
		console.warn('i18n: missing key ' + key);
		return '[' + key + ']';
	}
	if (params) s = s.replace(/\{(\w+)\}/g, (m, k) => (params[k] === undefined ? m : String(params[k])));
	return s;
}

// has tells whether the catalogue has key (for labels of codes the API may extend).
export function has(key) {
	return catalogues[lang][key] !== undefined;
}

// label is the catalogue's text for prefix.code, else the code itself (a code the API added).
export function label(prefix, code) {
	if (code === null || code === undefined || code === '') return t('common.empty');
	return has(prefix + '.' + code) ? t(prefix + '.' + code) : String(code);
}
