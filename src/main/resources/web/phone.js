// Parley's simulated phone, for development without Twilio. No build step, no dependencies.
//
// It texts Parley the way Twilio would: a form post to the SMS webhook, signed with
// X-Twilio-Signature (HMAC-SHA1, keyed with the development auth token the server made at
// start), so the server runs its real inbound path. Replies are read back from the development
// outbox by polling. Server and patient text only ever reach the page through textContent.
'use strict';

(() => {
  const POLL_MS = 700;
  // Not a real account SID: those are AC followed by 32 hex digits.
  const ACCOUNT_SID = 'ACdevphone';
  // The fictional 555-01xx range, so a typed number can never be a real person's.
  const OTHER_NUMBER = /^\+1[2-9]\d{2}55501\d{2}$/;
  const OTHER = '__other__';
  const FINAL = new Set(['received', 'delivered', 'undelivered', 'failed', 'suppressed']);
  const WHO = { patient: 'You', bot: 'Parley', agent: 'Agent' };

  const el = {
    numberForm: document.getElementById('number-form'),
    select: document.getElementById('phone-select'),
    other: document.getElementById('other'),
    otherInput: document.getElementById('phone-other'),
    to: document.getElementById('to'),
    empty: document.getElementById('empty'),
    thread: document.getElementById('thread'),
    notice: document.getElementById('notice'),
    composer: document.getElementById('composer'),
    text: document.getElementById('text'),
    send: document.getElementById('send'),
  };

  let setup = null;       // the server's /dev/phone/setup answer
  let signingKey = null;  // the development token as a WebCrypto HMAC key
  let phone = '';         // the number texting, E.164
  let conversationId = null;
  let pollTimer = 0;
  let polling = false;
  let generation = 0;     // bumped when the phone changes, so a late answer is dropped
  const bubbles = new Map(); // seq -> li

  function notice(text) {
    el.notice.textContent = text;
  }

  function canSign() {
    return window.isSecureContext && window.crypto && window.crypto.subtle;
  }

  async function start() {
    if (!canSign()) {
      notice('This browser cannot sign texts here: Web Crypto is only offered on secure '
        + 'pages. Open this page at http://localhost:' + (location.port || '80')
        + '/dev/phone or http://127.0.0.1:' + (location.port || '80') + '/dev/phone.');
    }
    try {
      const res = await fetch('/dev/phone/setup', { cache: 'no-store' });
      if (!res.ok) {
        notice(await problem(res, 'The simulated phone could not start.'));
        return;
      }
      setup = await res.json();
    } catch (e) {
      notice('Parley could not be reached. Is it running?');
      return;
    }
    if (canSign()) {
      signingKey = await crypto.subtle.importKey('raw', new TextEncoder().encode(
        setup.devAuthToken), { name: 'HMAC', hash: 'SHA-1' }, false, ['sign']);
    }
    el.to.textContent = 'To: ' + setup.clientName + ' · ' + setup.clientNumber;
    fillNumbers(setup.phones);
  }

  function fillNumbers(phones) {
    el.select.replaceChildren();
    el.select.append(new Option('Choose a number…', ''));
    for (const number of phones) {
      el.select.append(new Option(number, number));
    }
    el.select.append(new Option('Another number…', OTHER));
    el.select.disabled = false;
  }

  function choose(number) {
    if (number === phone) {
      return;
    }
    phone = number;
    generation++;
    conversationId = null;
    bubbles.clear();
    el.thread.replaceChildren();
    el.empty.hidden = false;
    el.empty.textContent = phone ? 'No texts yet between ' + phone + ' and '
      + setup.clientName + '.' : 'Choose a number, then send a text such as “hi”.';
    notice('');
    const ready = Boolean(phone) && signingKey !== null;
    el.text.disabled = !ready;
    el.send.disabled = !ready;
    schedulePoll(0);
  }

  // ---- sending, as Twilio posts ------------------------------------------------------------

  function messageSid() {
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    return 'SM' + Array.from(bytes, b => b.toString(16).padStart(2, '0')).join('');
  }

  // Twilio's signature: the URL it posted to, then each parameter's name and value in name
  // order, HMAC-SHA1 keyed with the auth token, in Base64.
  async function signature(url, params) {
    const data = url + Object.keys(params).sort().map(name => name + params[name]).join('');
    const mac = await crypto.subtle.sign('HMAC', signingKey, new TextEncoder().encode(data));
    return btoa(String.fromCharCode(...new Uint8Array(mac)));
  }

  async function send(body) {
    const sid = messageSid();
    const params = {
      ToCountry: 'US',
      SmsMessageSid: sid,
      NumMedia: '0',
      SmsSid: sid,
      SmsStatus: 'received',
      Body: body,
      To: setup.clientNumber,
      MessageSid: sid,
      AccountSid: ACCOUNT_SID,
      From: phone,
      FromCountry: 'US',
      ApiVersion: '2010-04-01',
    };
    const signedUrl = setup.signedUrl || location.origin + setup.webhookPath;
    const res = await fetch(setup.webhookPath, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        'X-Twilio-Signature': await signature(signedUrl, params),
      },
      body: new URLSearchParams(params).toString(),
    });
    if (!res.ok) {
      throw new Error(await problem(res, 'Parley did not take the text (' + res.status + ').'));
    }
  }

  el.composer.addEventListener('submit', async event => {
    event.preventDefault();
    const body = el.text.value;
    if (!body.trim() || !phone || signingKey === null) {
      return;
    }
    el.send.disabled = true;
    try {
      await send(body);
      el.text.value = '';
      notice('');
      schedulePoll(0);
    } catch (e) {
      notice(e.message || 'The text could not be sent.');
    } finally {
      el.send.disabled = false;
      el.text.focus();
    }
  });

  el.text.addEventListener('keydown', event => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      el.composer.requestSubmit();
    }
  });

  // ---- choosing the number -----------------------------------------------------------------

  el.select.addEventListener('change', () => {
    const value = el.select.value;
    el.other.hidden = value !== OTHER;
    if (value === OTHER) {
      el.otherInput.focus();
      choose('');
      return;
    }
    choose(value);
  });

  el.numberForm.addEventListener('submit', event => {
    event.preventDefault();
    const number = el.otherInput.value.replace(/[\s().-]/g, '');
    if (!OTHER_NUMBER.test(number)) {
      el.otherInput.setAttribute('aria-invalid', 'true');
      notice('Use a fictional number such as +14045550199: +1, an area code, 55501, '
        + 'then two digits.');
      return;
    }
    el.otherInput.removeAttribute('aria-invalid');
    el.otherInput.value = number;
    choose(number);
  });

  // ---- the thread, from the development outbox ---------------------------------------------

  function schedulePoll(delay) {
    clearTimeout(pollTimer);
    pollTimer = setTimeout(poll, delay);
  }

  // Asks again from the first text still on its way, so its status moves on screen; once all
  // have settled, only for what is new.
  function after() {
    let from = Infinity;
    let last = 0;
    for (const [seq, li] of bubbles) {
      last = Math.max(last, seq);
      if (!FINAL.has(li.dataset.status)) {
        from = Math.min(from, seq - 1);
      }
    }
    return from === Infinity ? last : from;
  }

  async function poll() {
    if (!phone || polling) {
      if (phone) {
        schedulePoll(POLL_MS);
      }
      return;
    }
    polling = true;
    const asked = generation;
    try {
      const query = new URLSearchParams({ client: setup.clientId, phone, after: String(after()) });
      if (conversationId) {
        query.set('conversation', conversationId);
      }
      const res = await fetch('/dev/phone/messages?' + query, { cache: 'no-store' });
      if (asked !== generation) {
        return;
      }
      if (!res.ok) {
        notice(await problem(res, 'The messages could not be read.'));
        return;
      }
      show(await res.json());
    } catch (e) {
      if (asked === generation) {
        notice('Parley could not be reached. Is it running?');
      }
    } finally {
      polling = false;
      if (phone) {
        schedulePoll(POLL_MS);
      }
    }
  }

  function show(answer) {
    if (answer.conversationId && answer.conversationId !== conversationId) {
      // A new conversation counts its seqs from 1 again; its texts come whole.
      conversationId = answer.conversationId;
      bubbles.clear();
      el.thread.replaceChildren();
    }
    const atBottom = el.thread.scrollHeight - el.thread.scrollTop - el.thread.clientHeight < 40;
    for (const message of answer.messages) {
      render(message);
    }
    el.empty.hidden = bubbles.size > 0;
    if (atBottom) {
      el.thread.scrollTop = el.thread.scrollHeight;
    }
  }

  function render(message) {
    const known = bubbles.get(message.seq);
    const li = known || bubble(message);
    li.dataset.status = message.status;
    li.querySelector('.encoding').textContent = encodingLabel(message);
    li.querySelector('.status').textContent = message.status;
    if (known) {
      return;
    }
    bubbles.set(message.seq, li);
    const later = Array.from(el.thread.children).find(other => Number(other.dataset.seq)
      > message.seq);
    el.thread.insertBefore(li, later || null);
  }

  function bubble(message) {
    const li = document.createElement('li');
    const from = WHO[message.from] ? message.from : 'bot';
    li.className = 'msg msg-' + from;
    li.dataset.seq = String(message.seq);
    li.dataset.from = message.from;

    const who = document.createElement('span');
    who.className = from === 'agent' ? 'who' : 'who visually-hidden';
    who.textContent = WHO[from] + ':';
    const text = document.createElement('p');
    text.className = 'text';
    text.textContent = message.text;
    const meta = document.createElement('p');
    meta.className = 'meta';
    const encoding = document.createElement('span');
    encoding.className = 'encoding';
    const dot = document.createElement('span');
    dot.setAttribute('aria-hidden', 'true');
    dot.textContent = ' · ';
    const status = document.createElement('span');
    status.className = 'status';
    meta.append(encoding, dot, status);

    li.append(who, text, meta);
    return li;
  }

  function encodingLabel(message) {
    const n = message.segments;
    return message.encoding + ' · ' + n + (n === 1 ? ' segment' : ' segments');
  }

  async function problem(res, fallback) {
    try {
      const body = await res.json();
      return body.message || fallback;
    } catch (e) {
      return fallback;
    }
  }

  start();
})();
