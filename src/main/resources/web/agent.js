// Parley agent console: the queue, the conversations this agent holds, and what they do with
// them, over WS /ws/agent. No build step, no dependencies.
//
// Invariants the page keeps:
// - everything the server sends (patient text above all) reaches the page through textContent,
//   never as markup;
// - the server is the truth: after a reconnect it sends the queue and every held conversation
//   again, and the page redraws from that.
'use strict';

(() => {
  const BACKOFF_MS = [1000, 2000, 5000, 10000];
  const TYPING_EVERY_MS = 3000;
  const ERROR_MS = 8000;
  const REASONS = {
    patient_request: 'Asked for a person',
    not_understood: 'Bot did not understand',
    distress: 'Distress or hardship',
    verification_locked: 'Verification locked',
    opt_out_request: 'Asked to stop in words',
    opted_out_inbound: 'Wrote after opting out',
    missed_payment: 'Missed payment',
  };
  const CHANNELS = { webchat: 'Web chat', sms: 'SMS', email: 'Email' };

  const $ = (id) => document.getElementById(id);
  const el = {
    status: $('desk-status'), queue: $('queue'), queueEmpty: $('queue-empty'),
    queueCount: $('queue-count'), mine: $('mine'), mineEmpty: $('mine-empty'),
    tasks: $('tasks'), tasksEmpty: $('tasks-empty'), tasksCount: $('tasks-count'),
    taskTaken: $('task-taken'),
    conversation: $('conversation'), title: $('conversation-title'), meta: $('conversation-meta'),
    transcript: $('transcript'), replyForm: $('reply-form'), replyText: $('reply-text'),
    canned: $('canned'), noteForm: $('note-form'), noteText: $('note-text'),
    transferTo: $('transfer-to'), transfer: $('transfer'), returnTo: $('return-to'),
    returnButton: $('return'), disposition: $('disposition'), close: $('close'),
    error: $('desk-error'), context: $('context'), facts: $('facts'), visits: $('visits'),
    visitsNone: $('visits-none'), plans: $('plans'), plansNone: $('plans-none'),
    notes: $('notes'), notesNone: $('notes-none'), assistance: $('assistance'),
    files: $('files'), filesNone: $('files-none'),
  };

  let socket = null;
  let attempt = 0;
  let heartbeatTimer = 0;
  let errorTimer = 0;
  let lastTyping = 0;
  let hello = null;
  let queue = { items: [], tasks: [], receivedAt: 0 };
  // conversationId -> { context, messages: Map(seq -> message), notes: [] }
  const held = new Map();
  let selected = null;

  // ---- small helpers -----------------------------------------------------------------------

  function text(tag, value, className) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    node.textContent = value == null ? '' : String(value);
    return node;
  }

  function option(value, label) {
    const node = document.createElement('option');
    node.value = value;
    node.textContent = label;
    return node;
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
  }

  function reason(code) {
    return REASONS[code] || String(code || '');
  }

  function waited(seconds) {
    const minutes = Math.floor(seconds / 60);
    return minutes < 1 ? 'just now' : minutes + ' min waiting';
  }

  function money(amount, currency) {
    try {
      return new Intl.NumberFormat('en-US', { style: 'currency', currency }).format(amount);
    } catch (e) {
      return amount + ' ' + currency;
    }
  }

  function newId() {
    if (window.crypto && typeof crypto.randomUUID === 'function') return crypto.randomUUID();
    return String(Date.now()) + '-' + Math.random().toString(16).slice(2);
  }

  function showError(message) {
    el.error.textContent = message;
    clearTimeout(errorTimer);
    errorTimer = setTimeout(() => { el.error.textContent = ''; }, ERROR_MS);
  }

  function setStatus(state, label) {
    el.status.dataset.state = state;
    el.status.textContent = label;
  }

  // ---- socket ------------------------------------------------------------------------------

  function connect() {
    const url = new URL('/ws/agent', location.href);
    url.protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
    setStatus('connecting', attempt === 0 ? 'Connecting…' : 'Reconnecting…');
    const ws = new WebSocket(url.href);
    socket = ws;
    ws.onopen = () => { attempt = 0; setStatus('open', 'Connected'); };
    ws.onmessage = (event) => onFrame(event);
    ws.onclose = (event) => onClosed(ws, event);
  }

  function onClosed(ws, event) {
    if (ws !== socket) return;
    socket = null;
    clearInterval(heartbeatTimer);
    if (event.code === 4401 || event.code === 1008) {
      setStatus('closed', 'Your session has ended. Reload the page to sign in again.');
      return;
    }
    setStatus('closed', 'Connection lost. Reconnecting…');
    const delay = BACKOFF_MS[Math.min(attempt, BACKOFF_MS.length - 1)];
    attempt += 1;
    setTimeout(connect, delay);
  }

  function send(frame) {
    if (!socket || socket.readyState !== WebSocket.OPEN) {
      showError('Not connected; wait for the console to reconnect and try again.');
      return false;
    }
    socket.send(JSON.stringify(frame));
    return true;
  }

  function onFrame(event) {
    let frame;
    try {
      frame = JSON.parse(event.data);
    } catch (e) {
      return;
    }
    if (!frame || typeof frame !== 'object') return;
    switch (frame.type) {
      case 'hello': onHello(frame); break;
      case 'queue': onQueue(frame); break;
      case 'context': onContext(frame); break;
      case 'message': onMessage(frame); break;
      case 'note': onNote(frame); break;
      case 'sent': onSent(frame); break;
      case 'released': onReleased(frame); break;
      case 'taken': showError(String(frame.message || 'Another agent has taken it.')); break;
      case 'task': onTask(frame); break;
      case 'agents': onAgents(frame); break;
      case 'error': showError(String(frame.message || 'That did not work.')); break;
      default: break; // heartbeat answers and frames a newer server may send
    }
  }

  // ---- frames ------------------------------------------------------------------------------

  function onAgents(frame) {
    if (!hello) return;
    hello.agents = Array.isArray(frame.agents) ? frame.agents : [];
    const conversation = selected ? held.get(selected) : null;
    if (conversation) renderTransfer(conversation.context);
  }

  function onHello(frame) {
    hello = frame;
    held.clear();
    clearInterval(heartbeatTimer);
    const every = Math.max(5, Number(frame.heartbeatSeconds) || 15) * 1000;
    heartbeatTimer = setInterval(() => send({ type: 'heartbeat' }), every);

    clear(el.returnTo);
    for (const target of frame.returnTargets || []) {
      el.returnTo.append(option(String(target.value), String(target.label)));
    }
    clear(el.disposition);
    for (const code of frame.dispositions || []) {
      el.disposition.append(option(String(code), String(code).replace(/_/g, ' ')));
    }
    renderMine();
    renderSelected();
  }

  function onQueue(frame) {
    queue = {
      items: Array.isArray(frame.items) ? frame.items : [],
      tasks: Array.isArray(frame.tasks) ? frame.tasks : [],
      receivedAt: Date.now(),
    };
    renderQueue();
    renderTasks();
  }

  function onContext(frame) {
    const id = String(frame.conversationId);
    const messages = new Map();
    for (const m of frame.messages || []) messages.set(Number(m.seq), m);
    held.set(id, { context: frame, messages, notes: Array.from(frame.notes || []) });
    if (!selected || !held.has(selected)) selected = id;
    renderMine();
    renderSelected();
  }

  function onMessage(frame) {
    const conversation = held.get(String(frame.conversationId));
    if (!conversation) return;
    conversation.messages.set(Number(frame.seq), frame);
    if (frame.from === 'patient' && selected !== String(frame.conversationId)) {
      conversation.unread = (conversation.unread || 0) + 1;
    }
    renderMine();
    if (selected === String(frame.conversationId)) renderTranscript(conversation);
  }

  // A task with no conversation to write in: the agent calls the patient.
  function onTask(frame) {
    el.taskTaken.textContent = 'Yours: ' + reason(frame.kind) + ' on account '
      + String(frame.accountNumber) + '. There is no conversation to write in; call the patient.';
  }

  function onNote(frame) {
    const conversation = held.get(String(frame.conversationId));
    if (!conversation) return;
    conversation.notes.push(frame);
    if (selected === String(frame.conversationId)) renderNotes(conversation);
  }

  function onSent(frame) {
    if (selected === String(frame.conversationId)) {
      el.replyText.value = '';
      el.replyText.disabled = false;
    }
  }

  function onReleased(frame) {
    const id = String(frame.conversationId);
    held.delete(id);
    if (selected === id) selected = held.size > 0 ? held.keys().next().value : null;
    renderMine();
    renderSelected();
  }

  // ---- rendering ---------------------------------------------------------------------------

  function renderQueue() {
    clear(el.queue);
    const elapsed = Math.floor((Date.now() - queue.receivedAt) / 1000);
    for (const item of queue.items) {
      const li = document.createElement('li');
      li.className = 'item priority-' + Number(item.priority || 1);
      li.dataset.conversationId = String(item.conversationId);
      const top = document.createElement('div');
      top.className = 'line';
      top.append(text('span', reason(item.reason), 'reason'),
        text('span', waited(Number(item.waitingSeconds || 0) + elapsed), 'muted'));
      const bottom = document.createElement('div');
      bottom.className = 'line';
      bottom.append(text('span', String(item.clientName || item.clientId), 'muted'),
        text('span', (CHANNELS[item.channel] || item.channel) + ' · '
          + String(item.language || '').toUpperCase(), 'muted'));
      const claim = text('button', 'Claim', 'claim');
      claim.type = 'button';
      claim.addEventListener('click', () => {
        send({ type: 'claim', conversationId: String(item.conversationId) });
      });
      li.append(top, bottom, claim);
      el.queue.append(li);
    }
    el.queueEmpty.hidden = queue.items.length > 0;
    el.queueCount.textContent = queue.items.length > 0 ? '(' + queue.items.length + ')' : '';
  }

  function renderTasks() {
    clear(el.tasks);
    for (const task of queue.tasks) {
      const li = document.createElement('li');
      li.className = 'item';
      li.dataset.key = String(task.key);
      const details = task.details || {};
      const top = document.createElement('div');
      top.className = 'line';
      top.append(text('span', reason(task.kind), 'reason'),
        text('span', 'account ' + String(task.accountNumber), 'muted'));
      const take = text('button', task.conversation ? 'Take and write' : 'Take and call',
        'take');
      take.type = 'button';
      take.addEventListener('click', () => {
        send({ type: 'claim-task', clientId: String(task.clientId), key: String(task.key) });
      });
      li.append(top, text('div', details.due ? 'Installment ' + details.installment + ' due '
        + details.due + ', plan ' + details.planStatus : '', 'line muted'), take);
      el.tasks.append(li);
    }
    el.tasksEmpty.hidden = queue.tasks.length > 0;
    el.tasksCount.textContent = queue.tasks.length > 0 ? '(' + queue.tasks.length + ')' : '';
  }

  function renderMine() {
    clear(el.mine);
    for (const [id, conversation] of held) {
      const c = conversation.context;
      const li = document.createElement('li');
      li.className = 'item priority-' + Number((c.handoff || {}).priority || 1);
      li.dataset.conversationId = id;
      li.dataset.selected = String(id === selected);
      const top = document.createElement('div');
      top.className = 'line';
      top.append(text('span', reason((c.handoff || {}).reason), 'reason'),
        text('span', conversation.unread ? conversation.unread + ' new' : '', 'muted'));
      const open = text('button', id === selected ? 'Open' : 'Show', 'secondary open');
      open.type = 'button';
      open.addEventListener('click', () => {
        selected = id;
        conversation.unread = 0;
        renderMine();
        renderSelected();
      });
      li.append(top, text('div', (CHANNELS[c.channel] || c.channel) + ' · '
        + String(c.language || '').toUpperCase() + ' · ' + ((c.client || {}).name || ''),
      'line muted'), open);
      el.mine.append(li);
    }
    el.mineEmpty.hidden = held.size > 0;
  }

  function renderSelected() {
    const conversation = selected ? held.get(selected) : null;
    el.conversation.hidden = !conversation;
    el.context.hidden = !conversation;
    if (!conversation) return;
    const c = conversation.context;
    el.title.textContent = 'Conversation with '
      + ((c.account || {}).name || 'an unverified patient');
    el.meta.textContent = (CHANNELS[c.channel] || c.channel) + (c.address ? ' ' + c.address : '')
      + ' · ' + String(c.language || '').toUpperCase() + ' · ' + ((c.client || {}).name || '')
      + ((c.consent || {}).optedOut ? ' · opted out: replies cannot be sent' : '');
    renderTranscript(conversation);
    renderCanned(c);
    renderTransfer(c);
    renderFacts(c);
    renderNotes(conversation);
  }

  function renderTranscript(conversation) {
    clear(el.transcript);
    const seqs = Array.from(conversation.messages.keys()).sort((a, b) => a - b);
    for (const seq of seqs) {
      const m = conversation.messages.get(seq);
      const from = m.from === 'patient' || m.from === 'agent' ? m.from : 'bot';
      const li = document.createElement('li');
      li.className = 'msg msg-' + from;
      li.dataset.seq = String(seq);
      li.append(text('span', from === 'agent' ? 'Agent' : from === 'bot' ? 'Bot' : 'Patient',
        'who'), text('span', m.text, 'body'));
      el.transcript.append(li);
    }
    el.transcript.scrollTop = el.transcript.scrollHeight;
  }

  function renderCanned(c) {
    clear(el.canned);
    const replies = Array.isArray(c.cannedReplies) ? c.cannedReplies : [];
    el.canned.append(option('', replies.length ? 'Canned replies…' : 'No canned replies'));
    replies.forEach((r, i) => el.canned.append(option(String(i), String(r.title))));
    el.canned.disabled = replies.length === 0;
  }

  function renderTransfer(c) {
    clear(el.transferTo);
    const language = String(c.language || '');
    el.transferTo.append(option('queue:' + language, 'Back to the queue (' + language + ')'));
    for (const other of (hello && hello.queues) || []) {
      if (other !== language) {
        el.transferTo.append(option('queue:' + other, 'The ' + other + ' queue'));
      }
    }
    // Only agents who may serve the conversation: its client, and its language unless they
    // supervise; one without an open console is listed but cannot be picked.
    const clientId = String((c.client || {}).id || '');
    for (const a of (hello && hello.agents) || []) {
      const languages = (a.languages || []).map(l => String(l).split('-')[0]);
      if (!(a.clients || []).includes(clientId)) continue;
      if (!a.supervisor && !languages.includes(language)) continue;
      const item = option('agent:' + a.id, String(a.name) + (a.online ? '' : ' (offline)'));
      item.disabled = !a.online;
      el.transferTo.append(item);
    }
  }

  function renderFacts(c) {
    clear(el.facts);
    const v = c.verification || {};
    const a = c.account;
    const bot = c.bot || {};
    const facts = [
      ['Why', reason((c.handoff || {}).reason)],
      ['Verified', v.verified ? 'Yes, account ' + v.accountNumber
        : (v.locked ? 'No, locked after ' + v.failedAttempts + ' tries' : 'No')],
    ];
    if (a) {
      facts.push(['Name', a.name], ['Balance', money(a.balance, a.currency)],
        ['Due', a.dueDate || '—']);
      if (a.lastPayment) {
        facts.push(['Last payment', money(a.lastPayment.amount, a.currency) + ' on '
          + a.lastPayment.date]);
      }
    }
    facts.push(['Bot at', bot.flow + ' · ' + bot.step],
      ['Last understood', bot.lastIntent || '—'],
      ['Started', new Date(c.startedAt).toLocaleString()]);
    for (const [term, value] of facts) el.facts.append(text('dt', term), text('dd', value));

    clear(el.visits);
    const visits = a ? a.visits || [] : [];
    for (const visit of visits) {
      el.visits.append(text('li', visit.date + ': ' + visit.description + ' with '
        + visit.provider + ', ' + money(visit.owed, a.currency)));
    }
    el.visitsNone.hidden = visits.length > 0;
    el.visitsNone.textContent = a ? 'Nothing owed.' : 'Shown once the patient is verified.';

    clear(el.plans);
    const plans = Array.isArray(c.plans) ? c.plans : [];
    for (const plan of plans) {
      el.plans.append(text('li', plan.status + ', ' + plan.frequency + ', '
        + plan.installments + ' installments, ' + money(plan.paidSoFar, a.currency) + ' paid'
        + (plan.nextDue ? ', next ' + money(plan.nextDue.amount, a.currency) + ' on '
          + plan.nextDue.date : '')));
    }
    el.plansNone.hidden = plans.length > 0;

    const application = c.assistance;
    el.assistance.textContent = application
      ? String(application.program) + ': ' + String(application.status).replace(/_/g, ' ')
        + (Array.isArray(application.missing) && application.missing.length > 0
          ? ', missing ' + application.missing.join(', ') : '')
      : (a ? 'No application.' : 'Shown once the patient is verified.');

    clear(el.files);
    const files = Array.isArray(c.attachments) ? c.attachments : [];
    for (const file of files) {
      const link = document.createElement('a');
      link.href = file.href;
      link.setAttribute('download', file.fileName);
      link.textContent = file.fileName;
      const item = document.createElement('li');
      item.append(link, ' (' + file.contentType + ', ' + Math.max(1, Math.round(file.size / 1024))
        + ' KB, ' + new Date(file.receivedAt).toLocaleString() + ')');
      el.files.append(item);
    }
    el.filesNone.hidden = files.length > 0;
  }

  function renderNotes(conversation) {
    clear(el.notes);
    for (const note of conversation.notes) {
      el.notes.append(text('li', note.agentName + ': ' + note.text));
    }
    el.notesNone.hidden = conversation.notes.length > 0;
  }

  // ---- what the agent does -----------------------------------------------------------------

  el.replyForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const value = el.replyText.value.trim();
    if (!selected || !value) return;
    if (send({ type: 'reply', conversationId: selected, id: newId(), text: value })) {
      el.replyText.disabled = true;
    }
  });

  el.replyText.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      el.replyForm.requestSubmit();
    }
  });

  el.replyText.addEventListener('input', () => {
    const now = Date.now();
    if (selected && now - lastTyping > TYPING_EVERY_MS) {
      lastTyping = now;
      send({ type: 'typing', conversationId: selected });
    }
  });

  el.canned.addEventListener('change', () => {
    const conversation = selected ? held.get(selected) : null;
    const replies = conversation ? conversation.context.cannedReplies || [] : [];
    const chosen = replies[Number(el.canned.value)];
    if (el.canned.value !== '' && chosen) {
      el.replyText.value = String(chosen.text);
      el.replyText.focus();
    }
    el.canned.value = '';
  });

  el.noteForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const value = el.noteText.value.trim();
    if (!selected || !value) return;
    if (send({ type: 'note', conversationId: selected, text: value })) el.noteText.value = '';
  });

  el.transfer.addEventListener('click', () => {
    if (!selected) return;
    const [kind, target] = el.transferTo.value.split(/:(.*)/s);
    send(kind === 'agent' ? { type: 'transfer', conversationId: selected, agentId: target }
      : { type: 'transfer', conversationId: selected, queue: target });
  });

  el.returnButton.addEventListener('click', () => {
    if (selected) send({ type: 'return', conversationId: selected, flow: el.returnTo.value });
  });

  el.close.addEventListener('click', () => {
    if (selected) {
      send({ type: 'close', conversationId: selected, disposition: el.disposition.value });
    }
  });

  // Waiting times move on between queue frames.
  setInterval(renderQueue, 15000);
  connect();
})();
