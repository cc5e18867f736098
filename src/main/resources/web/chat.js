// Parley patient web chat: the page's whole client. No build step, no dependencies.
//
// Invariants the page keeps:
// - every server message is rendered at most once, placed by its seq;
// - a patient message stays in `pending` (and in sessionStorage) until the server acks it, and
//   is re-sent with the same client id after every reconnect, so none is lost or doubled;
// - server and patient text only ever reach the page through textContent.
'use strict';

(() => {
  const STORAGE_KEY = 'parley.chat';
  const MAX_TEXT_LENGTH = 2000;
  const BACKOFF_MS = [500, 1000, 2000, 4000, 8000, 10000];
  const NOTICE_MS = 8000;

  // The page's own words in every language, filled in by the server from locales/. The
  // status line stays in English on purpose: browser tests read it as a stable hook.
  const UI = JSON.parse(document.getElementById('ui-strings').textContent || '{}');
  const KEYS = {
    label: 'message_label', placeholder: 'placeholder', send: 'send', agent: 'agent',
    sending: 'sending', conversation: 'conversation', newConversation: 'new_conversation',
    tooLong: 'too_long', problem: 'problem', typing: 'typing',
  };
  const TYPING_MS = 6000;
  const STATUS = {
    idle: '',
    connecting: 'Connecting…',
    open: 'Connected',
    reconnecting: 'Reconnecting…',
  };

  const el = {
    status: document.getElementById('status'),
    language: document.getElementById('language'),
    conversation: document.getElementById('conversation'),
    messages: document.getElementById('messages'),
    notice: document.getElementById('notice'),
    composer: document.getElementById('composer'),
    text: document.getElementById('text'),
    textLabel: document.getElementById('text-label'),
    send: document.getElementById('send'),
    typing: document.getElementById('typing'),
  };

  // Persisted across reloads of this tab: {conversationId, resumeToken, lastSeq, locale,
  // pending: [{id, text, label}]}.
  let saved = loadSaved();
  // Highest seq rendered or acked on this page. A fresh page has shown nothing yet, so its
  // first resume asks for the whole conversation again rather than starting after the
  // remembered seq.
  let lastSeq = 0;
  const shownSeqs = new Set();
  // Un-acked patient messages in the order they were typed: {id, text, label, bubble}.
  let pending = [];

  let socket = null;
  let conversationReady = false; // start answered, or resume sent, on the current socket
  let attempt = 0;
  let reconnectTimer = 0;
  let noticeTimer = 0;
  let typingTimer = 0;

  function loadSaved() {
    try {
      const value = JSON.parse(sessionStorage.getItem(STORAGE_KEY) || 'null');
      return value && typeof value === 'object' ? value : {};
    } catch (e) {
      return {};
    }
  }

  function persist() {
    saved.lastSeq = Math.max(lastSeq, Number(saved.lastSeq) || 0);
    saved.pending = pending.map((p) => ({ id: p.id, text: p.text, label: p.label }));
    try {
      sessionStorage.setItem(STORAGE_KEY, JSON.stringify(saved));
    } catch (e) {
      // Storage full or disabled: the chat still works, it just cannot survive a reload.
    }
  }

  function ui(key) {
    return (UI[saved.locale] || UI.en || {})[KEYS[key]] || '';
  }

  function setStatus(state) {
    el.status.dataset.state = state;
    el.status.textContent = STATUS[state];
  }

  function showNotice(text) {
    el.notice.textContent = text;
    clearTimeout(noticeTimer);
    noticeTimer = setTimeout(() => { el.notice.textContent = ''; }, NOTICE_MS);
  }

  // ---- language choice -------------------------------------------------------------------

  function preferredLocale() {
    const languages = navigator.languages && navigator.languages.length
      ? navigator.languages : [navigator.language || 'en'];
    for (const language of languages) {
      const base = String(language).toLowerCase().split('-')[0];
      if (UI[base]) return base;
    }
    return 'en';
  }

  function showLanguageChoice() {
    const preferred = saved.locale || preferredLocale();
    const button = document.getElementById('lang-' + preferred);
    button.classList.add('preferred');
    button.focus();
    el.language.addEventListener('click', (event) => {
      const target = event.target.closest('button[data-locale]');
      if (!target) return;
      begin(target.dataset.locale);
    });
  }

  function begin(locale) {
    saved.locale = UI[locale] ? locale : 'en';
    persist();
    applyLocale();
    el.language.hidden = true;
    el.conversation.hidden = false;
    el.text.focus();
    connect();
  }

  function applyLocale() {
    document.documentElement.lang = saved.locale;
    document.documentElement.dir = (UI[saved.locale] || {}).dir || 'ltr';
    el.textLabel.textContent = ui('label');
    el.text.placeholder = ui('placeholder');
    el.send.textContent = ui('send');
    el.messages.setAttribute('aria-label', ui('conversation'));
  }

  // ---- socket ----------------------------------------------------------------------------

  function socketUrl() {
    // Relative to the page, so /chat talks to /ws/chat and a path prefix keeps working.
    const url = new URL('ws/chat', location.href);
    url.protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
    url.hash = '';
    url.search = '';
    return url.href;
  }

  function connect() {
    clearTimeout(reconnectTimer);
    reconnectTimer = 0;
    if (socket) return;
    setStatus(attempt === 0 && shownSeqs.size === 0 ? 'connecting' : 'reconnecting');

    let ws;
    try {
      ws = new WebSocket(socketUrl());
    } catch (e) {
      scheduleReconnect();
      return;
    }
    socket = ws;
    conversationReady = false;
    ws.onopen = () => onOpen(ws);
    ws.onmessage = (event) => onFrame(ws, event);
    ws.onclose = () => onClosed(ws);
    ws.onerror = () => { /* onclose follows and handles it */ };
  }

  function onOpen(ws) {
    if (ws !== socket) return;
    setStatus('open');
    if (saved.conversationId) {
      sendFrame({
        type: 'resume',
        conversationId: saved.conversationId,
        resumeToken: saved.resumeToken,
        lastSeq: lastSeq,
      });
      // The server answers a resume with replayed messages and perhaps "resumed"; it handles
      // frames in order, so the un-acked messages can follow right away.
      conversationReady = true;
      flushPending();
    } else {
      sendFrame({ type: 'start', locale: saved.locale });
    }
  }

  function onClosed(ws) {
    if (ws !== socket) return;
    detach(ws);
    socket = null;
    conversationReady = false;
    setStatus('reconnecting');
    scheduleReconnect();
  }

  function detach(ws) {
    ws.onopen = ws.onmessage = ws.onclose = ws.onerror = null;
  }

  function scheduleReconnect() {
    if (reconnectTimer) return;
    const delay = BACKOFF_MS[Math.min(attempt, BACKOFF_MS.length - 1)];
    attempt += 1;
    reconnectTimer = setTimeout(connect, delay);
  }

  function sendFrame(frame) {
    if (!socket || socket.readyState !== WebSocket.OPEN) return false;
    socket.send(JSON.stringify(frame));
    return true;
  }

  function flushPending() {
    if (!conversationReady) return;
    for (const message of pending) {
      sendFrame({ type: 'message', id: message.id, text: message.text });
    }
  }

  // ---- frames from the server --------------------------------------------------------------

  function onFrame(ws, event) {
    if (ws !== socket) return;
    let frame;
    try {
      frame = JSON.parse(event.data);
    } catch (e) {
      return;
    }
    if (!frame || typeof frame !== 'object') return;

    switch (frame.type) {
      case 'started': onStarted(frame); break;
      case 'resumed': onResumed(frame); break;
      case 'ack': onAck(frame); break;
      case 'message': onMessage(frame); break;
      case 'error': onError(frame); break;
      case 'language': onLanguage(frame); break;
      case 'typing': onTyping(); break;
      default: break; // a newer server may send frames this page does not know yet
    }
  }

  function onStarted(frame) {
    attempt = 0;
    saved.conversationId = frame.conversationId;
    saved.resumeToken = frame.resumeToken;
    persist();
    conversationReady = true;
    flushPending();
  }

  function onResumed(frame) {
    attempt = 0;
    if (frame.conversationId) saved.conversationId = frame.conversationId;
    if (frame.resumeToken) saved.resumeToken = frame.resumeToken;
    persist();
    if (frame.locale) onLanguage({ locale: frame.locale });
  }

  function onAck(frame) {
    attempt = 0;
    const seq = validSeq(frame.seq);
    const index = pending.findIndex((p) => p.id === frame.id);
    if (index < 0 || seq === 0) return; // a late ack for a message already settled

    const [message] = pending.splice(index, 1);
    if (shownSeqs.has(seq)) {
      // The replay already showed the server's copy of this message; keep that one.
      message.bubble.remove();
    } else {
      shownSeqs.add(seq);
      message.bubble.dataset.seq = String(seq);
      message.bubble.dataset.state = 'sent';
      place(message.bubble, seq);
    }
    lastSeq = Math.max(lastSeq, seq);
    persist();
  }

  function onMessage(frame) {
    attempt = 0;
    const seq = validSeq(frame.seq);
    if (seq === 0 || shownSeqs.has(seq)) return;

    const from = frame.from === 'agent' || frame.from === 'patient' ? frame.from : 'bot';
    if (from === 'agent') hideTyping();
    const bubble = bubbleFor(from, String(frame.text ?? ''));
    bubble.dataset.seq = String(seq);
    if (Array.isArray(frame.options) && frame.options.length > 0) {
      bubble.append(optionsFor(frame.options));
    }
    shownSeqs.add(seq);
    place(bubble, seq);
    lastSeq = Math.max(lastSeq, seq);
    persist();
    refreshOptions();
    scrollToEnd();
  }

  // A person is typing a reply: say so under the messages for a few seconds, or until it comes.
  function onTyping() {
    el.typing.textContent = ui('typing');
    clearTimeout(typingTimer);
    typingTimer = setTimeout(hideTyping, TYPING_MS);
  }

  function hideTyping() {
    clearTimeout(typingTimer);
    el.typing.textContent = '';
  }

  function onError(frame) {
    if (frame.code === 'resume_failed') {
      restartConversation();
      return;
    }
    showNotice(typeof frame.message === 'string' && frame.message ? frame.message : ui('problem'));
  }

  // The old conversation cannot be resumed: forget it, clear its messages (the new one numbers
  // from 1 again) and start over, keeping whatever the patient has not yet had acked.
  function restartConversation() {
    delete saved.conversationId;
    delete saved.resumeToken;
    saved.lastSeq = 0;
    lastSeq = 0;
    shownSeqs.clear();
    for (const bubble of Array.from(el.messages.children)) {
      if (!pending.some((p) => p.bubble === bubble)) bubble.remove();
    }
    persist();
    showNotice(ui('newConversation'));
    conversationReady = false;
    sendFrame({ type: 'start', locale: saved.locale });
  }

  function validSeq(value) {
    return Number.isSafeInteger(value) && value > 0 ? value : 0;
  }

  // ---- rendering ---------------------------------------------------------------------------

  // The conversation's language changed (the patient asked in words): follow it.
  function onLanguage(frame) {
    const locale = String(frame.locale || '');
    if (!UI[locale] || locale === saved.locale) return;
    saved.locale = locale;
    persist();
    applyLocale();
  }

  function bubbleFor(from, text) {
    const bubble = document.createElement('li');
    bubble.className = 'msg msg-' + from;
    if (from === 'agent') {
      const who = document.createElement('span');
      who.className = 'who';
      who.textContent = ui('agent');
      bubble.append(who);
    }
    const body = document.createElement('p');
    body.className = 'text';
    // Each message takes the direction of its own first strong letter: an Arabic reply with a
    // Latin name or amount inside still reads right to left, an English one left to right.
    body.dir = 'auto';
    if (from === 'patient') {
      body.textContent = text;
    } else {
      appendWithLinks(body, text);
    }
    bubble.append(body);
    return bubble;
  }

  // A web address in Parley's or an agent's words (the secure payment link) becomes a link the
  // patient can open; everything else stays text. Only http(s) addresses, never markup.
  const URL_PATTERN = /https?:\/\/[^\s<>"']+/g;

  function appendWithLinks(parent, text) {
    let last = 0;
    for (const match of text.matchAll(URL_PATTERN)) {
      let address = match[0].replace(/[.,;:!?)\]]+$/, '');
      let url;
      try {
        url = new URL(address);
      } catch (e) {
        continue;
      }
      if (url.protocol !== 'https:' && url.protocol !== 'http:') continue;
      parent.append(document.createTextNode(text.slice(last, match.index)));
      const link = document.createElement('a');
      link.href = url.href;
      link.textContent = address;
      link.target = '_blank';
      link.rel = 'noopener noreferrer';
      link.className = 'link';
      parent.append(link);
      last = match.index + address.length;
    }
    parent.append(document.createTextNode(text.slice(last)));
  }

  function optionsFor(options) {
    const group = document.createElement('div');
    group.className = 'options';
    group.setAttribute('role', 'group');
    for (const option of options) {
      if (!option || typeof option !== 'object') continue;
      const label = String(option.label ?? option.value ?? '');
      const value = String(option.value ?? option.label ?? '');
      if (!value) continue;
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'option';
      button.textContent = label;
      button.addEventListener('click', () => {
        if (button.disabled) return;
        group.dataset.answered = 'true';
        submit(value, label);
      });
      group.append(button);
    }
    return group;
  }

  // Sequenced bubbles in seq order; bubbles still sending stay after all of them.
  function place(bubble, seq) {
    for (const other of el.messages.children) {
      if (other === bubble) continue;
      const otherSeq = Number(other.dataset.seq || 0);
      if (otherSeq === 0 || otherSeq > seq) {
        el.messages.insertBefore(bubble, other);
        return;
      }
    }
    el.messages.append(bubble);
  }

  // Only the newest message's options can be chosen, and only until one is chosen.
  function refreshOptions() {
    const last = el.messages.lastElementChild;
    for (const group of el.messages.querySelectorAll('.options')) {
      const live = group.parentElement === last && group.dataset.answered !== 'true';
      for (const button of group.querySelectorAll('button.option')) button.disabled = !live;
    }
  }

  function scrollToEnd() {
    el.messages.scrollTop = el.messages.scrollHeight;
  }

  // ---- sending -----------------------------------------------------------------------------

  function submit(text, label) {
    const message = { id: newId(), text: text, label: label || text, bubble: null };
    message.bubble = pendingBubble(message);
    el.messages.append(message.bubble);
    pending.push(message);
    persist();
    refreshOptions();
    scrollToEnd();
    if (conversationReady) sendFrame({ type: 'message', id: message.id, text: message.text });
  }

  function pendingBubble(message) {
    const bubble = bubbleFor('patient', message.label);
    bubble.dataset.state = 'sending';
    bubble.dataset.id = message.id;
    bubble.dataset.sendingLabel = ui('sending');
    return bubble;
  }

  function newId() {
    if (window.crypto && typeof crypto.randomUUID === 'function') return crypto.randomUUID();
    // randomUUID needs a secure context; plain http on a LAN address still gets a unique id.
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
    return [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20),
      hex.slice(20)].join('-');
  }

  function onComposerSubmit(event) {
    event.preventDefault();
    const text = el.text.value.trim();
    if (!text) return;
    if (text.length > MAX_TEXT_LENGTH) {
      showNotice(ui('tooLong'));
      return;
    }
    el.text.value = '';
    resizeText();
    submit(text);
    el.text.focus();
  }

  function onTextKey(event) {
    // Enter sends; Shift+Enter breaks the line; never while an IME is composing.
    if (event.key !== 'Enter' || event.shiftKey || event.isComposing) return;
    event.preventDefault();
    el.composer.requestSubmit();
  }

  // Grow the box with its text up to a few lines; scrollHeight leaves out the borders.
  function resizeText() {
    el.text.style.height = 'auto';
    const borders = el.text.offsetHeight - el.text.clientHeight;
    el.text.style.height = Math.min(el.text.scrollHeight + borders, 160) + 'px';
  }

  // ---- start -------------------------------------------------------------------------------

  el.composer.addEventListener('submit', onComposerSubmit);
  el.text.addEventListener('keydown', onTextKey);
  el.text.addEventListener('input', resizeText);
  el.text.maxLength = MAX_TEXT_LENGTH;
  window.addEventListener('online', () => { if (!socket) connect(); });

  window.parleyChat = {
    // Tests: lose the socket the way a network drop would, then let the page reconnect.
    dropConnection() {
      const ws = socket;
      if (!ws) return;
      detach(ws);
      socket = null;
      conversationReady = false;
      ws.close(4000, 'dropped');
      setStatus('reconnecting');
      scheduleReconnect();
    },
  };

  setStatus('idle');
  if (saved.locale && (saved.conversationId || (saved.pending || []).length > 0)) {
    // A reload of a conversation in progress: resume it without asking for the language again.
    for (const p of saved.pending || []) {
      if (!p || typeof p.id !== 'string' || typeof p.text !== 'string') continue;
      const message = { id: p.id, text: p.text, label: p.label || p.text, bubble: null };
      message.bubble = pendingBubble(message);
      el.messages.append(message.bubble);
      pending.push(message);
    }
    begin(saved.locale);
  } else {
    showLanguageChoice();
  }
})();
