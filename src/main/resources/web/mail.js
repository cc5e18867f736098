// Parley's development mailbox: write as a patient, read what Parley sent, reply in the thread.
(function () {
  'use strict';

  const el = (id) => document.getElementById(id);
  let selected = null;
  let shown = [];

  function notice(text) {
    el('notice').textContent = text;
    el('notice').hidden = !text;
  }

  async function problem(res) {
    try {
      const body = await res.json();
      return body.message || ('HTTP ' + res.status);
    } catch (e) {
      return 'HTTP ' + res.status;
    }
  }

  async function setup() {
    const res = await fetch('/dev/mail/setup', { cache: 'no-store' });
    if (!res.ok) {
      notice(await problem(res));
      return;
    }
    for (const mailbox of await res.json()) {
      const option = document.createElement('option');
      option.value = mailbox.address;
      option.textContent = mailbox.name + ' <' + mailbox.address + '>';
      el('to').appendChild(option);
    }
  }

  function address() {
    return el('from').value.trim().toLowerCase();
  }

  function raw(from, to, subject, text) {
    const id = 'dev.' + Date.now() + '.' + Math.random().toString(36).slice(2) + '@patient.test';
    return 'From: ' + from + '\r\nTo: ' + to + '\r\nSubject: ' + subject + '\r\n'
      + 'Message-ID: <' + id + '>\r\nDate: ' + new Date().toUTCString() + '\r\n'
      + 'MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n'
      + 'Content-Transfer-Encoding: 8bit\r\n\r\n' + text.replace(/\r?\n/g, '\r\n') + '\r\n';
  }

  async function write(event) {
    event.preventDefault();
    notice('');
    const res = await fetch('/dev/mail/inbound', {
      method: 'POST',
      headers: { 'Content-Type': 'message/rfc822' },
      body: raw(address(), el('to').value, el('subject').value, el('text').value),
    });
    if (!res.ok) {
      notice(await problem(res));
      return;
    }
    el('text').value = '';
    await refresh();
  }

  async function reply(event) {
    event.preventDefault();
    notice('');
    if (!selected) {
      return;
    }
    const res = await fetch('/dev/mail/reply', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ messageId: selected.id, text: el('reply').value }),
    });
    if (!res.ok) {
      notice(await problem(res));
      return;
    }
    el('reply').value = '';
    await refresh();
  }

  function show(message) {
    selected = message;
    el('reader').hidden = false;
    el('reader-subject').textContent = message.headers.Subject || '(no subject)';
    const rows = el('headers');
    rows.replaceChildren();
    for (const [name, value] of Object.entries(message.headers)) {
      const tr = document.createElement('tr');
      const th = document.createElement('th');
      th.scope = 'row';
      th.textContent = name;
      const td = document.createElement('td');
      td.textContent = value;
      tr.append(th, td);
      rows.appendChild(tr);
    }
    el('html').src = message.htmlUrl;
    el('plain').textContent = message.text;
    for (const button of el('list').querySelectorAll('button')) {
      button.setAttribute('aria-current', String(button.dataset.id === message.id));
    }
  }

  async function refresh() {
    const to = address();
    el('inbox-address').textContent = to;
    const res = await fetch('/dev/mail/messages?to=' + encodeURIComponent(to),
      { cache: 'no-store' });
    if (!res.ok) {
      notice(await problem(res));
      return;
    }
    const messages = await res.json();
    el('empty').hidden = messages.length > 0;
    if (messages.length === shown.length) {
      return;
    }
    shown = messages;
    el('list').replaceChildren();
    for (const message of messages) {
      const li = document.createElement('li');
      const button = document.createElement('button');
      button.type = 'button';
      button.dataset.id = message.id;
      button.textContent = (message.headers.Date || '') + ' · '
        + (message.headers.Subject || '(no subject)');
      button.addEventListener('click', () => show(message));
      li.appendChild(button);
      el('list').appendChild(li);
    }
    show(messages[messages.length - 1]);
  }

  el('write-form').addEventListener('submit', write);
  el('reply-form').addEventListener('submit', reply);
  el('from').addEventListener('change', () => {
    shown = [];
    selected = null;
    el('reader').hidden = true;
    refresh();
  });
  setup().then(refresh);
  setInterval(refresh, 2000);
}());
