// answers.mjs BASE DOC — every GET route of the OpenAPI document DOC asked of the server at
// BASE, signed in as the office (the whole organisation), with {id} = 1: the status answered
// must be one the document lists for the route (or its "default"), and a JSON answer must fit
// the schema the document gives for that status (ajv, JSON Schema 2020-12, as OpenAPI 3.1
// says). Routes of the administrators answer 403 and are checked against the error schema.
// Exit 1 with every mismatch listed; the counts on success.
import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';

const [base, file] = process.argv.slice(2);
const doc = JSON.parse(readFileSync(file, 'utf8'));
const ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true });

// a schema with its #/components/... references replaced by what they name
function resolve(s) {
	if (Array.isArray(s)) return s.map(resolve);
	if (!s || typeof s !== 'object') return s;
	if (typeof s.$ref === 'string' && s.$ref.startsWith('#/')) {
		return resolve(s.$ref.slice(2).split('/').reduce((o, k) => o[k], doc));
	}
	return Object.fromEntries(Object.entries(s).map(([k, v]) => [k, resolve(v)]));
}

const login = await fetch(base + '/api/v1/session', {
	method: 'POST',
	headers: { 'Content-Type': 'application/json', 'Accept-Language': 'en' },
	body: JSON.stringify({ name: 'office', password: 'Bangongshi#2026' }),
});
if (login.status !== 201) throw new Error('sign-in: ' + login.status);
const cookie = login.headers.get('set-cookie').split(';')[0];

const bad = [];
const seen = {};
let checked = 0;
for (const [path, item] of Object.entries(doc.paths)) {
	const op = item.get;
	if (!op) continue;
	if (!op.operationId || !op.security) bad.push(`GET ${path}: no operationId or security`);
	const url = base + path.replaceAll('{id}', '1');
	const res = await fetch(url, { headers: { Cookie: cookie, 'Accept-Language': 'en' } });
	const body = Buffer.from(await res.arrayBuffer());
	const said = op.responses[String(res.status)] || op.responses.default;
	seen[res.status] = (seen[res.status] || 0) + 1;
	if (!said) {
		bad.push(`GET ${path}: answered ${res.status}, which the document does not list`);
		continue;
	}
	const json = said.content && said.content['application/json'];
	if (!json) continue; // a file: its type is the document's octet-stream
	let value;
	try {
		value = JSON.parse(body.toString('utf8'));
	} catch {
		bad.push(`GET ${path}: ${res.status} is not JSON`);
		continue;
	}
	const validate = ajv.compile(resolve(json.schema));
	if (!validate(value)) {
		bad.push(`GET ${path}: ${res.status} does not fit its schema: ${ajv.errorsText(validate.errors)}`);
	}
	checked++;
}
if (bad.length) {
	console.error(bad.join('\n'));
	process.exit(1);
}
console.log(`openapi: ${checked} answers of GET routes fit their documented schemas; statuses ${JSON.stringify(seen)}`);
