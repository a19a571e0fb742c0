// format.js — dates, times and counts as a clerk reads them: 2026年12月3日 in Chinese,
// 3 Dec 2026 in English; times in China Standard Time whatever the browser's zone.
import { currentLang, t } from './i18n.js';

const CST = 8 * 3600 * 1000;

// parts of an RFC 3339 time or a YYYY-MM-DD date, in China Standard Time
function cst(s) {
	if (!s) return null;
	if (/^\d{4}-\d{2}-\d{2}$/.test(s)) {
		const [y, m, d] = s.split('-').map(Number);
		return { y, m, d, hh: null, mm: null };
	}
	const ms = Date.parse(s);
	if (Number.isNaN(ms)) return null;
	const x = new Date(ms + CST);
	return { y: x.getUTCFullYear(), m: x.getUTCMonth() + 1, d: x.getUTCDate(), hh: x.getUTCHours(), mm: x.getUTCMinutes() };
}

const MON = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n) => String(n).padStart(2, '0');

export function fmtDate(s) {
	const p = cst(s);
	if (!p) return t('common.empty');
	return currentLang() === 'en' ? `${p.d} ${MON[p.m - 1]} ${p.y}` : `${p.y}年${p.m}月${p.d}日`;
}

export function fmtTime(s) {
	const p = cst(s);
	if (!p) return t('common.empty');
	if (p.hh === null) return fmtDate(s);
	return fmtDate(`${p.y}-${pad(p.m)}-${pad(p.d)}`) + ' ' + pad(p.hh) + ':' + pad(p.mm);
}

// today in China Standard Time, as YYYY-MM-DD
export function today() {
	const x = new Date(Date.now() + CST);
	return `${x.getUTCFullYear()}-${pad(x.getUTCMonth() + 1)}-${pad(x.getUTCDate())}`;
}

// calendar days from today to the date due (negative: past it)
export function daysTo(due) {
	if (!due) return null;
	return Math.round((Date.parse(due + 'T00:00:00Z') - Date.parse(today() + 'T00:00:00Z')) / 86400000);
}

// daysLeft: "还剩 N 个工作日" / "今天到期" / "已逾期 N 个工作日" from the working days the API
// counted (workdays_left, by the official calendar); calendar days when it gave none
export function daysLeft(due, workdays) {
	if (typeof workdays === 'number') {
		if (workdays > 0) return t('common.workdays_left', { n: workdays });
		if (workdays === 0) return daysTo(due) < 0 ? t('common.workdays_over', { n: 0 }) : t('common.due_today');
		return t('common.workdays_over', { n: -workdays });
	}
	const n = daysTo(due);
	if (n === null) return t('common.empty');
	if (n > 0) return t('common.days_left', { n });
	if (n === 0) return t('common.due_today');
	return t('common.days_over', { n: -n });
}

// hoursLeft: a clock to an RFC 3339 instant, for incident reports
export function hoursLeft(at, now) {
	const ms = Date.parse(at) - (now || Date.now());
	const a = Math.abs(ms);
	const h = Math.floor(a / 3600000);
	const m = Math.floor((a % 3600000) / 60000);
	return ms >= 0 ? t('common.hours_left', { h, m }) : t('common.hours_over', { h, m });
}

export function fmtNum(n) {
	if (n === null || n === undefined) return t('common.empty');
	return Number(n).toLocaleString(currentLang() === 'en' ? 'en-GB' : 'zh-CN');
}

// live: a deadline still running (not done, not without one): only then do days left mean something
export function live(state) {
	return state === 'open' || state === 'due_today' || state === 'overdue';
}
