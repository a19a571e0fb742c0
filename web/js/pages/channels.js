// channels.js — the security administrator's page of the notification channels: the mail
// server and the WeCom, DingTalk and Feishu group robots reminders go out through (docs/
// notifications.md, "Channels"). GET /notify/channels lists them — the target's scheme and host
// only, and whether a secret is set: the webhook's key and the secret are never answered; a new
// one POST /notify/channels, a change PATCH /notify/channels/{id} (the target and the secret only
// when typed again), a test message now POST /notify/channels/{id}/test.
// What is typed stays in the form's memory while a save fails, but is never put in the
// browser's storage: a target holds a robot's key, a secret a password. Also the office's
// reminder rules (Rules, on the page of the messages sent): GET / PATCH /notify/rules.
import { useState } from '../../vendor/hooks.js';
import { html, useLoad, Loading, ErrorBox, FieldError, Empty, Badge, useSubmit } from '../ui.js';
import { t, label } from '../i18n.js';
import { api, get } from '../api.js';

const KINDS = ['mail', 'wecom', 'dingtalk', 'feishu'];
const TLS = ['starttls', 'tls', 'none'];
// the webhook addresses each platform gives a group robot (docs/notifications.md, "Channels")
const EXAMPLE = {
	mail: 'smtps://mail.example.edu.cn:465',
	wecom: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…',
	dingtalk: 'https://oapi.dingtalk.com/robot/send?access_token=…',
	feishu: 'https://open.feishu.cn/open-apis/bot/v2/hook/…',
};
const FIELDS = ['name', 'kind', 'target', 'secret', 'from', 'user', 'tls', 'ca_file'];

// blank: the form of a new channel, or of channel c to change (its target and secret not known
// to the page: typed again only to replace them)
function blank(c) {
	const conf = (c && c.config) || {};
	return {
		name: c ? c.name : '',
		kind: c ? c.kind : 'mail',
		target: '',
		secret: '',
		drop_secret: false,
		from: conf.from || '',
		user: conf.user || '',
		tls: conf.tls || 'starttls',
		ca_file: conf.ca_file || '',
	};
}

// body: what the form sends — a change sends only what differs or was typed
function body(v, c) {
	const conf = (c && c.config) || {};
	const b = {};
	const put = (k, val, was) => {
		if (val !== '' && val !== was) b[k] = val;
	};
	put('name', v.name.trim(), c ? c.name : undefined);
	put('kind', v.kind, c ? c.kind : undefined);
	put('target', v.target.trim());
	if (v.drop_secret) b.secret = null;
	else put('secret', v.secret);
	if (v.kind === 'mail') {
		put('from', v.from.trim(), conf.from);
		put('user', v.user.trim(), conf.user);
		put('tls', v.tls, c ? conf.tls || 'starttls' : 'starttls');
		put('ca_file', v.ca_file.trim(), conf.ca_file);
	}
	return b;
}

// ChannelForm: a new channel (c absent) or a change of c; every refusal under its field
function ChannelForm({ c, onSaved, onCancel }) {
	const [v, setV] = useState(() => blank(c));
	const { error, busy, run } = useSubmit();
	const set = (k) => (e) => setV({ ...v, [k]: e.target.type === 'checkbox' ? e.target.checked : e.target.value });
	const mail = v.kind === 'mail';
	const id = (k) => 'ch' + (c ? c.id : 'new') + '-' + k;
	const bad = (k) => (error && error.field === k ? 'true' : null);
	// a field: its label, the input, a hint under it (the input described by it), the refusal
	const field = (k, text, input, hint, req) => html`<label for=${id(k)} class=${k === 'target' ? 'wide' : ''}>${text}${req ? html`<span class="req" aria-hidden="true"> *</span>` : ''}
		${input}${hint && html`<small class="hint block" id=${id(k) + '-hint'}>${hint}</small>`}<${FieldError} error=${error} field=${k} /></label>`;
	const HINTED = ['target', 'from', 'user', 'secret', 'ca_file'];
	const sw = (k) => html`<select id=${'rule-' + k} name=${k} value=${form[k]} onChange=${set(k)} aria-invalid=${bad(k)}>
		<option value="on">${t('rules.' + k + '_on')}</option><option value="off">${t('rules.' + k + '_off')}</option></select>`;
	const inp = (k, extra) => html`<input id=${id(k)} name=${k} value=${v[k]} onInput=${set(k)} aria-invalid=${bad(k)} aria-describedby=${HINTED.includes(k) ? id(k) + '-hint' : null} autocomplete="off" spellcheck="false" ...${extra || {}} />`;
	const submit = (e) => {
		e.preventDefault();
		run(async () => {
			const b = body(v, c);
			const saved = c ? await api('PATCH', '/notify/channels/' + c.id, b) : await api('POST', '/notify/channels', b);
			onSaved(saved, !c);
		});
	};
	const targetHint = c ? t('channels.target_keep', { shown: c.target || t('common.empty') }) : t(mail ? 'channels.target_mail' : 'channels.target_robot');
	const secretHint = mail ? t('channels.secret_mail') : v.kind === 'wecom' ? t('channels.secret_wecom') : t('channels.secret_robot');
	return html`<form class="grid2 channel-form" onSubmit=${submit} novalidate data-test=${c ? 'edit-channel' : 'new-channel'}>
		${field('name', t('channels.name'), inp('name', { placeholder: t('channels.name_eg') }), null, true)}
		${field('kind', t('channels.kind'), html`<select id=${id('kind')} name="kind" value=${v.kind} onChange=${set('kind')} aria-invalid=${bad('kind')}>
			${KINDS.map((k) => html`<option value=${k}>${label('channel', k)}</option>`)}</select>`, null, true)}
		${field('target', mail ? t('channels.server') : t('channels.webhook'),
			inp('target', { placeholder: EXAMPLE[v.kind], required: !c, class: 'code' }), targetHint, !c)}
		${mail && field('from', t('channels.from'), inp('from', { type: 'email', placeholder: 'cyberduty@example.edu.cn' }), t('channels.from_hint'))}
		${mail && field('user', t('channels.user'), inp('user'), t('channels.user_hint'))}
		${(v.kind !== 'wecom' || (c && c.secret_set)) && field('secret', mail ? t('channels.password') : t('channels.secret'),
			inp('secret', { type: 'password', autocomplete: 'new-password', disabled: v.drop_secret }),
			c && c.secret_set ? t('channels.secret_keep') : secretHint)}
		${c && c.secret_set && html`<label class="check"><input type="checkbox" name="drop_secret" checked=${v.drop_secret} onChange=${set('drop_secret')} /> ${t('channels.drop_secret')}</label>`}
		${mail && field('tls', t('channels.tls'), html`<select id=${id('tls')} name="tls" value=${v.tls} onChange=${set('tls')} aria-invalid=${bad('tls')}>
			${TLS.map((k) => html`<option value=${k}>${t('channels.tls_' + k)}</option>`)}</select>`, t('channels.tls_hint'))}
		${mail && field('ca_file', t('channels.ca_file'), inp('ca_file', { placeholder: '/etc/ssl/certs/ca-certificates.crt' }), t('channels.ca_file_hint'))}
		<${ErrorBox} error=${error} fields=${FIELDS} />
		<div class="buttons">
			<button type="submit" disabled=${busy}>${c ? t('common.save') : t('channels.create')}</button>
			${onCancel && html`<button type="button" class="link" onClick=${onCancel}>${t('common.cancel')}</button>`}
		</div>
	</form>`;
}

// Test: a test message through channel c now, to an address (mail: required; robots: a mobile
// number or user id to mention, or none); the answer — taken, or the error the server met
function Test({ c }) {
	const [address, setAddress] = useState('');
	const [r, setR] = useState(null);
	const { error, busy, run } = useSubmit();
	const mail = c.kind === 'mail';
	const send = (e) => {
		e.preventDefault();
		setR(null);
		run(async () => setR(await api('POST', '/notify/channels/' + c.id + '/test', address.trim() ? { address: address.trim() } : {})));
	};
	const fid = 'test-' + c.id;
	return html`<form class="inline-form" onSubmit=${send} novalidate data-test="test-form">
		<label for=${fid}>${mail ? t('channels.test_to_mail') : t('channels.test_to_robot')}<input id=${fid} name="address" type=${mail ? 'email' : 'text'} value=${address} onInput=${(e) => setAddress(e.target.value)}
			aria-invalid=${error && error.field === 'address' ? 'true' : null} /><${FieldError} error=${error} field="address" /></label>
		<button type="submit" class="secondary" disabled=${busy}>${busy ? t('channels.testing') : t('channels.send_test')}</button>
		<${ErrorBox} error=${error} fields=${['address']} />
		${r && (r.sent
			? html`<p class="ok-box wide" role="status" data-test="test-sent">${t('channels.test_sent')}</p>`
			: html`<div class="error wide" role="alert" data-test="test-failed"><p>${t('channels.test_failed')}</p><p class="detail code">${r.error}</p></div>`)}
	</form>`;
}

// Switch: a channel taken out of use or back (PATCH enabled); its people keep their choice
function Switch({ c, onDone }) {
	const { error, busy, run } = useSubmit();
	const flip = () => run(async () => {
		await api('PATCH', '/notify/channels/' + c.id, { enabled: !c.enabled });
		onDone();
	});
	return html`<button type="button" class="link small" disabled=${busy} onClick=${flip} data-test="switch">${c.enabled ? t('channels.disable') : t('channels.enable')}</button><${ErrorBox} error=${error} />`;
}

// Settings: a mail server's sender, login and encryption, under its address
function Settings({ c }) {
	const conf = c.config || {};
	if (c.kind !== 'mail') return null;
	return html`${conf.from ? html`<small class="muted block">${t('channels.from')}: ${conf.from}</small>` : ''}
		${conf.user ? html`<small class="muted block">${t('channels.user')}: ${conf.user}</small>` : ''}
		<small class="muted block">${t('channels.tls')}: ${t('channels.tls_' + (conf.tls || 'starttls'))}</small>`;
}

export function Channels() {
	const { data, error, loading, reload } = useLoad(() => get('/notify/channels'), []);
	const [open, setOpen] = useState(null); /* {id, what: 'edit' | 'test'} */
	const [done, setDone] = useState('');
	const [adding, setAdding] = useState(false);
	const items = data ? data.items : [];
	const saved = (c, created) => {
		setOpen(null);
		setAdding(false);
		setDone(t(created ? 'channels.created' : 'channels.changed', { name: c.name }));
		reload();
	};
	const toggle = (c, what) => setOpen(open && open.id === c.id && open.what === what ? null : { id: c.id, what });
	const isOpen = (c, what) => open && open.id === c.id && open.what === what;
	return html`<section class="page">
		<h1>${t('channels.title')}</h1>
		<p class="hint">${t('channels.hint')}</p>
		${done && html`<p class="ok-box" role="status" data-test="channel-saved">${done}</p>`}
		<details class="card" open=${adding || (data && !items.length)} onToggle=${(e) => setAdding(e.target.open)}>
			<summary>${t('channels.new')}</summary>
			<${ChannelForm} key=${'new' + items.length} onSaved=${saved} />
		</details>
		<${ErrorBox} error=${error} retry=${reload} />
		${loading && !data && html`<${Loading} />`}
		${data && (items.length
			? html`<div class="scroll"><table class="list" data-test="channels"><thead><tr><th>${t('channels.name')}</th><th>${t('channels.address')}</th><th>${t('channels.state')}</th><th>${t('admin.acts')}</th></tr></thead>
				<tbody>${items.map((c) => html`<tr data-name=${c.name}>
					<td class="keep">${c.name}<small class="muted block">${label('channel', c.kind)}</small></td>
					<td><span class="code">${c.target || t('common.empty')}</span><${Settings} c=${c} /></td>
					<td>${c.enabled ? html`<${Badge} tone="good">${t('channels.enabled')}<//>` : html`<${Badge} tone="muted">${t('channels.disabled')}<//>`}
						<small class="muted block">${t('channels.secret_col')}: ${c.secret_set ? t('channels.secret_set') : t('channels.secret_none')}</small>
						${c.changed_by && html`<small class="muted block">${t('channels.changed_by')}: ${c.changed_by}</small>`}</td>
					<td class="nowrap"><button type="button" class="link small" aria-expanded=${isOpen(c, 'edit') ? 'true' : 'false'} onClick=${() => toggle(c, 'edit')} data-test="edit">${t('channels.edit')}</button>
						<${Switch} c=${c} onDone=${reload} />
						<button type="button" class="link small" aria-expanded=${isOpen(c, 'test') ? 'true' : 'false'} onClick=${() => toggle(c, 'test')} data-test="test">${t('channels.test')}</button></td></tr>
					${isOpen(c, 'edit') && html`<tr class="detail-row"><td colspan="4"><${ChannelForm} c=${c} onSaved=${saved} onCancel=${() => setOpen(null)} /></td></tr>`}
					${isOpen(c, 'test') && html`<tr class="detail-row"><td colspan="4"><${Test} c=${c} /><p class="hint">${t('channels.test_hint')}</p></td></tr>`}`)}</tbody></table></div>`
			: html`<${Empty} text=${t('channels.empty')} />`)}
	</section>`;
}

// the reminder rules as the form shows them: lists as "2,1,0", the rest as text
const RULES = ['leads', 'escalate', 'tries', 'backoff', 'digest', 'obligations', 'base_url'];
function rulesForm(r) {
	return {
		leads: (r.leads || []).join(','),
		escalate: (r.escalate || []).join(','),
		tries: String(r.tries),
		backoff: String(r.backoff),
		digest: r.digest ? 'on' : 'off',
		obligations: r.obligations ? 'on' : 'off',
		base_url: r.base_url || '',
	};
}

// Rules: the office's reminder rules — lead times and escalation in working days, tries and
// backoff of the outbox, the weekly digest, the yearly duties' and MLPS deadlines' reminders, the address links in messages begin with; only what
// changed is sent (PATCH /notify/rules), each refusal under its field
export function Rules() {
	const { data, error, reload } = useLoad(() => get('/notify/rules'), []);
	const [v, setV] = useState(null);
	const [done, setDone] = useState(false);
	const [open, setOpen] = useState(false);
	const save = useSubmit();
	const was = data ? rulesForm(data) : null;
	const form = v || was;
	const set = (k) => (e) => {
		setDone(false);
		setV({ ...form, [k]: e.target.value });
	};
	const submit = (e) => {
		e.preventDefault();
		setDone(false);
		const b = {};
		for (const k of RULES) if (form[k].trim() !== was[k]) b[k] = form[k].trim();
		save.run(async () => {
			await api('PATCH', '/notify/rules', b);
			setV(null);
			setDone(true);
			reload();
		});
	};
	const bad = (k) => (save.error && save.error.field === k ? 'true' : null);
	const field = (k, input) => html`<label for=${'rule-' + k}>${t('rules.' + k)}${input}<small class="hint block">${t('rules.' + k + '_hint')}</small><${FieldError} error=${save.error} field=${k} /></label>`;
	const sw = (k) => html`<select id=${'rule-' + k} name=${k} value=${form[k]} onChange=${set(k)} aria-invalid=${bad(k)}>
		<option value="on">${t('rules.' + k + '_on')}</option><option value="off">${t('rules.' + k + '_off')}</option></select>`;
	const inp = (k, extra) => html`<input id=${'rule-' + k} name=${k} value=${form[k]} onInput=${set(k)} aria-invalid=${bad(k)} autocomplete="off" ...${extra || {}} />`;
	return html`<details class="card" open=${open} onToggle=${(e) => setOpen(e.target.open)} data-test="rules">
		<summary>${t('rules.title')}${was ? html` <small class="muted">${t('rules.now', { leads: data.leads.join('、'), escalate: data.escalate.join('、') })}${data.obligations ? '' : t('rules.now_off')}</small>` : ''}</summary>
		<${ErrorBox} error=${error} retry=${reload} />
		${form && html`<form class="grid2" onSubmit=${submit} novalidate data-test="rules-form">
			${field('leads', inp('leads', { placeholder: '2,1,0', inputmode: 'numeric' }))}
			${field('escalate', inp('escalate', { placeholder: '1,3', inputmode: 'numeric' }))}
			${field('tries', inp('tries', { type: 'number', min: 1, max: 20 }))}
			${field('backoff', inp('backoff', { type: 'number', min: 1, max: 3600 }))}
			${field('digest', sw('digest'))}
			${field('obligations', sw('obligations'))}
			${field('base_url', inp('base_url', { placeholder: 'https://duty.example.edu.cn', class: 'code' }))}
			<${ErrorBox} error=${save.error} fields=${RULES} />
			${done && html`<p class="ok-box wide" role="status" data-test="rules-saved">${t('rules.saved')}</p>`}
			<div class="buttons"><button type="submit" disabled=${save.busy || RULES.every((k) => form[k].trim() === was[k])}>${t('common.save')}</button></div>
		</form>`}
	</details>`;
}
