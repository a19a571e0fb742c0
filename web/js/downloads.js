// downloads.js — the documents a page offers (docs/documents.md): one small toolbar of links,
// a format each, to GET /api/v1/reports/<doc>[/<id>] with the page's parameters; the browser
// saves the file the API answers (Content-Disposition: attachment), in the caller's scope. One
// component for every page that offers a document.
import { html } from './ui.js';
import { t } from './i18n.js';
import { query } from './api.js';

const FORMATS = { pdf: 'PDF', docx: 'Word', xlsx: 'Excel' };

// Downloads: doc — annual, feedback, recommendation, duties, ledger or assessment; id — the
// notice's or incident's; params — the query (year, unit, the list's filters); formats — those
// offered; what — the label's key (default docs.<doc>).
export function Downloads({ doc, id, params = {}, formats = ['pdf', 'docx'], what }) {
	const path = '/api/v1/reports/' + doc + (id !== undefined ? '/' + encodeURIComponent(id) : '');
	return html`<p class="downloads" data-doc=${doc}>
		<span class="muted">${t(what || 'docs.' + doc)}</span>
		${formats.map(
			(f) => html`<a class="button secondary" download href=${path + query({ ...params, format: f })} data-format=${f} title=${t('docs.download_' + f)}>${FORMATS[f]}</a>`
		)}
	</p>`;
}
