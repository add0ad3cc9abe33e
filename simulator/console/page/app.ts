/**
 * The console page's script (served at /simulator/console/app.js): plain browser JavaScript, no framework.
 * It shows what the simulator's live feed (GET /simulator/events) sends and acts only through the control API
 * (simulator/control.ts). Everything shown is set as text (textContent), never parsed as HTML: user data and
 * numbers come from users. Agents' devices and calls are shown field by field where the console knows a field,
 * and generically (name: value, and the full JSON under "details") where it does not, so fields the simulator
 * adds later appear without a change here.
 * Written as a String.raw template: no backticks and no dollar-brace sequences in the code below.
 */
export const APP_JS = String.raw`(function () {
'use strict';

var LOG_KEEP = 3000;
var LOG_SHOW = 400;
var ENDED_KEEP = 5;
var AGENT_STATES = [
  ['Ready', 'Ready'], ['NotReady', 'Not ready'], ['AfterCallWork', 'ACW'], ['AuxWork', 'Aux']
];
/** Operations offered as buttons on a call when its capabilities list them. */
var QUICK_OPS = ['Answer', 'Reject', 'Hold', 'Retrieve', 'CompleteConference', 'CompleteTransfer', 'Hangup'];
var OP_LABELS = { Hangup: 'Hang up', CompleteConference: 'Complete conference', CompleteTransfer: 'Complete transfer' };
/** Accepted by the simulator on Established calls without being listed in capabilities. */
var EXTRA_CALL_OPS = ['StartCallRecording', 'PauseCallRecording', 'ResumeCallRecording', 'StopCallRecording', 'ClearCall', 'MuteCall', 'UnmuteCall', 'SendDtmf'];
var CALL_TEMPLATES = {
  SingleStepTransfer: { destination: { phoneNumber: '' } },
  SingleStepConference: { destination: { phoneNumber: '' } },
  InitiateConference: { destination: { phoneNumber: '' } },
  InitiateTransfer: { destination: { phoneNumber: '' } },
  AttachUserData: { userData: { Key: 'value' } },
  UpdateUserData: { userData: { Key: 'value' } },
  DeleteUserDataPair: { key: '' },
  SendDtmf: { digits: '1' },
  RemoveParticipantFromConference: { participant: '' },
  SwapCalls: { otherCallUri: '' },
  MergeWithOtherCall: { otherCallUri: '' }
};
var KNOWN_CALL_FIELDS = ['id', 'state', 'callType', 'owner', 'participants', 'userData', 'capabilities', 'dnis', 'mute', 'dtmf', 'recordingState', 'parentCallId'];
var KNOWN_DEVICE_FIELDS = ['id', 'deviceState', 'userState', 'phoneNumber', 'e164Number', 'telephonyNetwork', 'doNotDisturb', 'voiceEnvironmentUri', 'capabilities', 'forwardTo', 'supervisorMonitoringState'];

var state = {
  snap: null,
  agentNames: {},      // DN -> username
  agentSig: {},        // username -> last rendered signature
  prevCalls: {},       // username -> { callId: call }
  ended: {},           // username -> [{ call, at }]
  lastCall: {},        // username|callId -> the call as the last notification showed it
  open: {},            // keys of expanded details
  log: [],             // newest last
  logKeys: {},
  paused: false,
  missed: 0,
  flashCalls: {},
  filter: { user: '', call: '', cometd: true, rest: true },
  udMode: 'json',
  op: null
};

function $(id) { return document.getElementById(id); }

/** h('div', {class: 'x', text: 'y', onclick: fn}, child, ...): strings become text nodes, never HTML. */
function h(tag, attrs) {
  var el = document.createElement(tag);
  if (attrs) {
    Object.keys(attrs).forEach(function (k) {
      var v = attrs[k];
      if (v === undefined || v === null || v === false) return;
      if (k === 'class') el.className = v;
      else if (k === 'text') el.textContent = String(v);
      else if (k.slice(0, 2) === 'on') el.addEventListener(k.slice(2), v);
      else el.setAttribute(k, v === true ? '' : String(v));
    });
  }
  for (var i = 2; i < arguments.length; i++) add(el, arguments[i]);
  return el;
}
function add(el, child) {
  if (child === undefined || child === null || child === false) return;
  if (Array.isArray(child)) { child.forEach(function (c) { add(el, c); }); return; }
  el.appendChild(typeof child === 'object' ? child : document.createTextNode(String(child)));
}
function clear(el) { while (el.firstChild) el.removeChild(el.firstChild); }
function json(value) { try { return JSON.stringify(value, null, 2); } catch (e) { return String(value); } }
function short(value) {
  var text = typeof value === 'string' ? value : json(value);
  text = text.replace(/\s+/g, ' ');
  return text.length > 80 ? text.slice(0, 77) + '...' : text;
}
function pad(n, w) { n = String(n); while (n.length < w) n = '0' + n; return n; }
function clock(ms) {
  var d = new Date(ms);
  return pad(d.getHours(), 2) + ':' + pad(d.getMinutes(), 2) + ':' + pad(d.getSeconds(), 2) + '.' + pad(d.getMilliseconds(), 3);
}
function lastSegment(uri) { var s = String(uri).split('?')[0].split('/'); return s[s.length - 1]; }
function shortId(id) { id = String(id); return id.length > 12 ? '...' + id.slice(-10) : id; }
function isObject(v) { return v !== null && typeof v === 'object' && !Array.isArray(v); }
function numberName(dn) { var u = state.agentNames[dn]; return u ? dn + ' (' + u + ')' : dn; }

// ------------------------------------------------------------------ messages

function toast(text, kind) {
  var el = h('div', { class: 'toast ' + (kind || ''), role: kind === 'bad' ? 'alert' : 'status', text: text });
  $('toasts').appendChild(el);
  setTimeout(function () { if (el.parentNode) el.parentNode.removeChild(el); }, kind === 'bad' ? 8000 : 3500);
}
function say(id, text, kind) {
  var el = $(id);
  el.textContent = text || '';
  el.className = 'msg' + (kind ? ' ' + kind : '');
}

/** A control API call; rejects with the simulator's own message ({"error": ...}). */
function api(method, path, body) {
  var init = { method: method, headers: {} };
  if (body !== undefined) { init.headers['Content-Type'] = 'application/json'; init.body = JSON.stringify(body); }
  return fetch(path, init).then(function (res) {
    return res.text().then(function (text) {
      var data = {};
      try { data = text ? JSON.parse(text) : {}; } catch (e) { data = { error: text }; }
      if (!res.ok) throw new Error((data && data.error) || ('HTTP ' + res.status));
      return data;
    });
  }, function (error) {
    throw new Error('The simulator did not answer (' + error.message + '). Is it still running?');
  });
}

/** Runs a page action: disables the button meanwhile, reports the outcome as a toast. */
function act(button, promise, okText) {
  if (button) button.disabled = true;
  return promise.then(function (data) {
    if (okText) toast(typeof okText === 'function' ? okText(data) : okText, 'ok');
    return data;
  }, function (error) {
    toast(error.message, 'bad');
  }).then(function (data) {
    if (button) button.disabled = false;
    return data;
  });
}

// ------------------------------------------------------------------ live feed

function setConn(kind, text) {
  $('conn').setAttribute('data-state', kind);
  $('conn-text').textContent = text;
  var banner = $('banner');
  banner.hidden = kind === 'live';
  banner.className = 'banner';
  banner.textContent = kind === 'live' ? '' : 'No connection to the simulator (restarting, or stopped?). Reconnecting by itself; what you see is as of the last update.';
}

function connect() {
  var source = new EventSource('/simulator/events');
  source.addEventListener('hello', function (ev) { setConn('live', 'live'); onHello(JSON.parse(ev.data)); });
  source.addEventListener('snapshot', function (ev) { onSnapshot(JSON.parse(ev.data)); });
  source.addEventListener('log', function (ev) { onLog(JSON.parse(ev.data)); });
  source.onerror = function () {
    setConn('reconnecting', 'reconnecting...');
    if (source.readyState === EventSource.CLOSED) setTimeout(connect, 2000);
  };
}

function onHello(data) {
  state.log = []; state.logKeys = {}; state.lastCall = {}; state.prevCalls = {}; state.ended = {}; state.agentSig = {};
  state.missed = 0;
  state.snap = null;
  addEntries(data.notifications || [], data.requests || []);
  onSnapshot(data.snapshot);
  renderLog();
}

function onLog(data) {
  var fresh = addEntries(data.notifications || [], data.requests || []);
  if (data.skipped) state.missed += data.skipped;
  if (!state.paused) prependEntries(fresh);
  noteLog();
}

// ------------------------------------------------------------------ snapshot: agents and calls

function onSnapshot(snap) {
  if (!snap) return;
  var first = !state.snap;
  state.snap = snap;
  state.agentNames = {};
  (snap.agents || []).forEach(function (a) { state.agentNames[a.phoneNumber] = a.username; });
  trackEndedCalls(snap, first);
  renderStats(snap);
  renderAgents(snap);
  renderAgentOptions(snap);
  renderFaults(snap);
  if (first) $('latency').value = snap.latencyMs || 0;
}

/** Calls that left the snapshot are kept a while as "recently ended"; new ones flash (not on a fresh start). */
function trackEndedCalls(snap, first) {
  var now = Date.now();
  var byAgent = {};
  (snap.calls || []).forEach(function (c) { (byAgent[c.owner] = byAgent[c.owner] || {})[c.id] = c; });
  Object.keys(state.prevCalls).forEach(function (user) {
    var before = state.prevCalls[user];
    Object.keys(before).forEach(function (id) {
      if (byAgent[user] && byAgent[user][id]) return;
      var list = state.ended[user] = state.ended[user] || [];
      list.unshift({ call: before[id], at: now });
      if (list.length > ENDED_KEEP) list.length = ENDED_KEEP;
    });
  });
  Object.keys(byAgent).forEach(function (user) {
    Object.keys(byAgent[user]).forEach(function (id) {
      if (!first && !(state.prevCalls[user] && state.prevCalls[user][id])) state.flashCalls[user + '|' + id] = now;
    });
  });
  state.prevCalls = byAgent;
}

function renderStats(snap) {
  var el = $('stats');
  clear(el);
  var sessions = 0;
  Object.keys(snap.cometdSessions || {}).forEach(function (u) { sessions += snap.cometdSessions[u]; });
  var legs = snap.callsTotal !== undefined ? snap.callsTotal : (snap.calls || []).length;
  add(el, h('span', { title: 'Calls as the agents see them: a call between two agents counts once per agent' }, h('b', { text: String(legs) }), legs === 1 ? ' call leg' : ' call legs'));
  add(el, h('span', null, h('b', { text: String(sessions) }), sessions === 1 ? ' CometD session' : ' CometD sessions'));
  add(el, h('span', null, h('b', { text: String(snap.notificationsPublished || 0) }), ' notifications sent'));
  if (snap.notificationsPaused) add(el, h('span', { class: 'warn', text: 'CometD delivery paused' }));
  if (snap.faults && snap.faults.length) add(el, h('span', { class: 'bad', text: snap.faults.length + ' fault(s) pending' }));
  if (snap.latencyMs) add(el, h('span', { class: 'warn', text: 'latency ' + snap.latencyMs + ' ms' }));
  add(el, h('span', { class: 'mono', text: snap.url || '' }));
}

function renderAgentOptions(snap) {
  var to = $('call-to');
  var fu = $('f-user');
  var names = (snap.agents || []).map(function (a) { return a.username + '|' + a.phoneNumber; }).join(',');
  if (to.getAttribute('data-names') === names) return;
  to.setAttribute('data-names', names);
  var keepTo = to.value;
  var keepUser = fu.value;
  clear(to);
  clear(fu);
  add(fu, h('option', { value: '', text: 'all users' }));
  (snap.agents || []).forEach(function (a) {
    add(to, h('option', { value: a.username, text: a.username + ' (' + a.phoneNumber + ')' }));
    add(fu, h('option', { value: a.username, text: a.username }));
  });
  if (keepTo) to.value = keepTo;
  if (keepUser) fu.value = keepUser;
  if (!to.value && to.options.length) to.selectedIndex = 0;
}

function renderFaults(snap) {
  var faults = snap.faults || [];
  $('faults-count').textContent = faults.length ? faults.length + ' pending' : '';
  var list = $('fault-list');
  clear(list);
  faults.forEach(function (f) {
    var text = f.count + ' x ' + (f.method || 'any method') + ' ' + (f.pathPrefix || '/api/v2') + ' -> ' +
      (f.mode === 'reset' ? 'connection reset' : f.mode === 'hang' ? 'no answer' : 'HTTP ' + f.status);
    add(list, h('li', { text: text }));
  });
}

function renderAgents(snap) {
  var root = $('agents');
  if (!snap.agents || !snap.agents.length) { clear(root); add(root, h('p', { class: 'empty', text: 'No users configured.' })); return; }
  var empty = root.querySelector(':scope > .empty');
  if (empty) root.removeChild(empty);
  var calls = snap.calls || [];
  var seen = {};
  snap.agents.forEach(function (agent, index) {
    seen[agent.username] = true;
    var mine = calls.filter(function (c) { return c.owner === agent.username; }).reverse();
    var sig = json([agent, mine, (snap.cometdSessions || {})[agent.username], state.ended[agent.username], lastCallsOf(agent.username, mine), openKeysOf(agent.username), flashesOf(agent.username)]);
    var existing = root.querySelector(':scope > [data-user="' + CSS.escape(agent.username) + '"]');
    if (existing && state.agentSig[agent.username] === sig) return;
    state.agentSig[agent.username] = sig;
    var card = agentCard(agent, mine, snap);
    if (existing) root.replaceChild(card, existing);
    else root.insertBefore(card, root.children[index] || null);
  });
  Array.prototype.slice.call(root.children).forEach(function (el) {
    if (!seen[el.getAttribute('data-user')]) root.removeChild(el);
  });
}
function lastCallsOf(user, calls) { return calls.map(function (c) { return state.lastCall[user + '|' + c.id] || null; }); }
function openKeysOf(user) { return Object.keys(state.open).filter(function (k) { return k.indexOf(user + '|') === 0 || k.indexOf('device|' + user) === 0; }); }
function flashesOf(user) { return Object.keys(state.flashCalls).filter(function (k) { return k.indexOf(user + '|') === 0; }); }

function agentStateKey(userState, device) {
  if (device && device.deviceState && device.deviceState !== 'Active') return 'LoggedOut';
  if (!userState) return 'LoggedOut';
  if (userState.workMode === 'AfterCallWork') return 'AfterCallWork';
  if (userState.workMode === 'AuxWork') return 'AuxWork';
  return userState.state || 'LoggedOut';
}

function toggle(key) {
  if (state.open[key]) delete state.open[key]; else state.open[key] = true;
  state.agentSig = {};
  if (state.snap) renderAgents(state.snap);
}

function agentCard(agent, calls, snap) {
  var device = agent.device || {};
  var userState = device.userState || {};
  var stateKey = agentStateKey(userState, device);
  var sessions = (snap.cometdSessions || {})[agent.username] || 0;
  var name = [agent.firstName, agent.lastName].filter(Boolean).join(' ') || agent.username;
  var roles = (agent.roles || []).filter(function (r) { return r !== 'agent'; });

  var meta = h('div', { class: 'agent-meta' });
  add(meta, h('span', { class: 'pill sess' + (sessions ? ' live' : ''), title: 'CometD sessions of this user: each active n8n trigger with their credential holds one', text: sessions ? sessions + ' CometD session' + (sessions > 1 ? 's' : '') : 'no CometD session' }));
  if (device.doNotDisturb !== undefined) add(meta, h('span', { class: 'pill' + (device.doNotDisturb === 'On' ? ' on' : ''), text: 'DND ' + device.doNotDisturb }));
  if (device.forwardTo !== undefined) add(meta, h('span', { class: 'pill info', text: 'Forwarding to ' + short(device.forwardTo) }));
  if (device.supervisorMonitoringState !== undefined) {
    var m = device.supervisorMonitoringState;
    var target = isObject(m) && m.targetDeviceUri ? deviceOwner(m.targetDeviceUri) : '';
    add(meta, h('span', { class: 'pill info', title: json(m), text: 'Monitoring: ' + (isObject(m) ? [m.state, m.mode, m.scope].filter(Boolean).join(' / ') : short(m)) + (target ? ' of ' + target : '') }));
  }
  if (device.deviceState !== undefined && device.deviceState !== 'Active') add(meta, h('span', { class: 'pill on', text: 'device ' + device.deviceState }));
  Object.keys(device).forEach(function (k) {
    if (KNOWN_DEVICE_FIELDS.indexOf(k) >= 0) return;
    add(meta, h('span', { class: 'pill', title: json(device[k]) }, h('span', { class: 'k', text: k + ': ' }), short(device[k])));
  });

  var states = h('span', { class: 'seg states', role: 'group', 'aria-label': 'Agent state of ' + agent.username });
  AGENT_STATES.forEach(function (s) {
    var cur = stateKey === s[0];
    add(states, h('button', { type: 'button', class: cur ? 'cur as-' + s[0] : '', 'aria-pressed': cur ? 'true' : 'false', title: 'Set ' + agent.username + ' to ' + s[0] + ' (POST /simulator/agents/' + agent.username + '/state)', text: s[1], onclick: function (ev) { setAgentState(ev.currentTarget, agent.username, s[0]); } }));
  });
  var loggedOut = stateKey === 'LoggedOut';
  add(states, h('button', { type: 'button', class: loggedOut ? 'cur as-LoggedOut' : '', text: loggedOut ? 'Log in' : 'Log out', title: loggedOut ? 'StartContactCenterSession' : 'EndContactCenterSession', onclick: function (ev) { setAgentState(ev.currentTarget, agent.username, loggedOut ? 'LoggedIn' : 'LoggedOut'); } }));

  var actions = h('div', { class: 'agent-actions' }, states);
  (device.capabilities || []).forEach(function (op) {
    add(actions, h('button', { type: 'button', text: deviceOpLabel(op), title: 'POST /api/v2/me/devices/{id} {"operationName":"' + op + '"} as ' + agent.username, onclick: function (ev) { deviceOperation(ev.currentTarget, agent, op); } }));
  });
  var deviceKey = 'device|' + agent.username;
  add(actions, h('button', { type: 'button', class: 'link', text: state.open[deviceKey] ? 'hide device' : 'device', title: 'The device as GWS renders it (GET /api/v2/me/devices?fields=*)', onclick: function () { toggle(deviceKey); } }));

  var head = h('div', { class: 'agent-head' },
    h('span', { class: 'name', text: name }),
    h('span', { class: 'uname', text: agent.username }),
    h('span', { class: 'dn', title: 'DN (device phoneNumber)', text: 'DN ' + agent.phoneNumber }),
    roles.map(function (r) { return h('span', { class: 'role', text: r }); }),
    h('span', { class: 'astate as-' + stateKey, title: json(userState), text: userState.displayName || stateKey }));

  var callList = h('div', { class: 'calls' });
  if (!calls.length) add(callList, h('p', { class: 'empty', text: 'No calls.' }));
  calls.forEach(function (c) { add(callList, callCard(agent, c, false)); });
  var ended = state.ended[agent.username] || [];
  if (ended.length) {
    var endedKey = 'ended|' + agent.username;
    var det = h('details', { class: 'ended-list', open: !!state.open[endedKey] }, h('summary', { text: 'Recently ended (' + ended.length + ')' }));
    det.addEventListener('toggle', function () { if (det.open) state.open[endedKey] = true; else delete state.open[endedKey]; });
    ended.forEach(function (e) { add(det, callCard(agent, e.call, e.at)); });
    add(callList, det);
  }

  return h('article', { class: 'agent as-' + stateKey, 'data-user': agent.username },
    head, meta, actions,
    state.open[deviceKey] ? h('pre', { class: 'json', text: json(device) }) : null,
    callList);
}

function deviceOwner(uri) {
  var id = lastSegment(uri);
  var found = (state.snap && state.snap.agents || []).filter(function (a) { return a.deviceId === id; })[0];
  return found ? found.username + ' (' + found.phoneNumber + ')' : shortId(id);
}
function deviceOpLabel(op) {
  return { DoNotDisturbOn: 'DND on', DoNotDisturbOff: 'DND off', ForwardCallsOn: 'Forward...', ForwardCallsOff: 'Stop forwarding', ListenIn: 'Listen in...', Coach: 'Coach...', BargeIn: 'Barge in...', CancelSupervisorMonitoring: 'Stop monitoring' }[op] || op;
}

function callCard(agent, call, endedAt) {
  var key = agent.username + '|' + call.id;
  var last = state.lastCall[key] || {};
  var flashAt = state.flashCalls[key];
  var flash = flashAt && Date.now() - flashAt < 1500;
  if (flashAt && !flash) delete state.flashCalls[key];
  var shownState = endedAt ? 'Released' : call.state;
  var agentDns = state.agentNames;
  var remotes = (call.participants || []).filter(function (p) { return !agentDns[p]; });

  var head = h('div', { class: 'call-head' },
    h('span', { class: 'chip st-' + shownState, text: shownState }),
    h('span', { class: 'ctype', text: call.callType || '' }),
    last.ani ? h('span', { class: 'from' }, 'from ', h('b', { text: last.ani })) : null,
    call.dnis ? h('span', { class: 'from' }, 'DNIS ', h('b', { text: call.dnis })) : null,
    endedAt ? h('span', { class: 'from', text: 'ended ' + clock(endedAt) }) : null,
    h('span', { class: 'spacer' }),
    h('span', { class: 'idgroup' },
      h('code', { class: 'callid', title: 'call.id: click to show only this call in the log', text: call.id, onclick: function () { setCallFilter(call.id); } }),
      h('button', { type: 'button', class: 'copy', text: 'Copy id', title: 'Copy the call id', onclick: function (ev) { copy(ev.currentTarget, call.id); } })));

  var body = h('div', { class: 'call-body' });
  add(body, [h('span', { class: 'k', text: 'Participants' }), h('span', { text: (call.participants || []).map(numberName).join(', ') || '-' })]);
  add(body, [h('span', { class: 'k', text: 'User data' }), userDataTable(call.userData)]);
  if (call.recordingState) add(body, [h('span', { class: 'k', text: 'Recording' }), h('span', { text: call.recordingState })]);
  if (call.mute && call.mute !== 'Off') add(body, [h('span', { class: 'k', text: 'Mute' }), h('span', { text: call.mute })]);
  if (call.dtmf) add(body, [h('span', { class: 'k', text: 'DTMF sent' }), h('code', { text: call.dtmf })]);
  if (call.parentCallId) add(body, [h('span', { class: 'k', text: 'Consult of' }), h('code', { class: 'callid', text: call.parentCallId, onclick: function () { setCallFilter(call.parentCallId); } })]);
  Object.keys(call).forEach(function (k) {
    if (KNOWN_CALL_FIELDS.indexOf(k) >= 0 || call[k] === undefined) return;
    add(body, [h('span', { class: 'k', text: k }), h('span', { class: 'mono', title: json(call[k]), text: short(call[k]) })]);
  });

  var detailsKey = key + '|details';
  var actions = h('div', { class: 'call-actions' });
  if (!endedAt) {
    var caps = call.capabilities || [];
    add(actions, h('span', { class: 'who', text: 'As ' + agent.username + ':' }));
    QUICK_OPS.forEach(function (op) {
      if (caps.indexOf(op) < 0) return;
      add(actions, h('button', { type: 'button', class: 'op-' + op, text: OP_LABELS[op] || op, title: 'POST /api/v2/me/calls/' + call.id + ' {"operationName":"' + op + '"} as ' + agent.username, onclick: function (ev) { callOperation(ev.currentTarget, agent.username, call.id, { operationName: op }); } }));
    });
    add(actions, h('button', { type: 'button', text: 'Operation...', title: 'Any operation of this call, with parameters', onclick: function () { openCallDialog(agent, call); } }));
    if (remotes.length) {
      add(actions, h('span', { class: 'sep' }));
      add(actions, h('span', { class: 'who', text: 'Remote ' + remotes[0] + ':' }));
      if (call.state === 'Dialing') add(actions, h('button', { type: 'button', class: 'op-Answer', text: 'Answer', title: 'The remote party answers (POST /simulator/calls/' + call.id + '/answer)', onclick: function (ev) { act(ev.currentTarget, api('POST', '/simulator/calls/' + encodeURIComponent(call.id) + '/answer'), 'The remote party answered'); } }));
      add(actions, h('button', { type: 'button', class: 'op-Hangup', text: 'Hang up', title: 'The remote party hangs up (POST /simulator/calls/' + call.id + '/hangup)', onclick: function (ev) { act(ev.currentTarget, api('POST', '/simulator/calls/' + encodeURIComponent(call.id) + '/hangup'), 'The remote party hung up'); } }));
    }
  }
  add(actions, h('span', { class: 'spacer' }));
  add(actions, h('button', { type: 'button', class: 'link', text: state.open[detailsKey] ? 'hide details' : 'details', title: 'Every field, and the call as the last notification to ' + agent.username + ' showed it', onclick: function () { toggle(detailsKey); } }));

  return h('div', { class: 'call st-' + shownState + (endedAt ? ' ended' : '') + (flash ? ' flash' : ''), 'data-call': call.id, 'data-state': shownState },
    head, body, actions,
    state.open[detailsKey] ? h('pre', { class: 'json', text: json({ simulator: call, lastNotification: state.lastCall[key] || null }) }) : null);
}

function userDataTable(userData) {
  var keys = isObject(userData) ? Object.keys(userData) : [];
  if (!keys.length) return h('span', { class: 'ud-empty', text: 'none' });
  return h('table', { class: 'ud' }, h('tbody', null, keys.map(function (k) {
    var v = userData[k];
    return h('tr', null, h('td', { text: k }), h('td', { text: typeof v === 'string' ? v : json(v) }));
  })));
}

function copy(button, text) {
  var done = function () { var t = button.textContent; button.textContent = 'Copied'; setTimeout(function () { button.textContent = t; }, 1200); };
  if (navigator.clipboard && window.isSecureContext) {
    navigator.clipboard.writeText(text).then(done, function () { fallbackCopy(text); done(); });
  } else { fallbackCopy(text); done(); }
}
function fallbackCopy(text) {
  var area = h('textarea', { readonly: true });
  area.style.position = 'fixed';
  area.style.left = '-9999px';
  area.value = text;
  document.body.appendChild(area);
  area.select();
  try { document.execCommand('copy'); } catch (e) { /* nothing more to try */ }
  document.body.removeChild(area);
}

// ------------------------------------------------------------------ agent and call actions

function setAgentState(button, username, target) {
  act(button, api('POST', '/simulator/agents/' + encodeURIComponent(username) + '/state', { state: target }), username + ': ' + target);
}
function callOperation(button, username, callId, body) {
  return act(button, api('POST', '/simulator/agents/' + encodeURIComponent(username) + '/calls/' + encodeURIComponent(callId), body), username + ': ' + body.operationName + ' sent');
}

function deviceOperation(button, agent, op) {
  var templates = {
    ForwardCallsOn: { destination: '' },
    ListenIn: monitoringTemplate(agent), Coach: monitoringTemplate(agent), BargeIn: monitoringTemplate(agent)
  };
  if (templates[op]) { openDialog({ kind: 'device', agent: agent, ops: [op], op: op, templates: templates }); return; }
  act(button, api('POST', '/simulator/agents/' + encodeURIComponent(agent.username) + '/device', { operationName: op }), agent.username + ': ' + op + ' sent');
}
function monitoringTemplate(supervisor) {
  var others = (state.snap.agents || []).filter(function (a) { return a.username !== supervisor.username; });
  var target = others[0];
  return {
    targetDeviceUri: target ? state.snap.url + '/api/v2/devices/' + target.deviceId : '',
    supervisorMonitoringScope: 'Call',
    supervisorMonitoringMode: 'AllCalls'
  };
}

function openCallDialog(agent, call) {
  var ops = (call.capabilities || []).slice();
  EXTRA_CALL_OPS.forEach(function (op) { if (ops.indexOf(op) < 0 && call.state === 'Established') ops.push(op); });
  if (!ops.length) { toast('This call offers no operation in state ' + call.state, 'bad'); return; }
  openDialog({ kind: 'call', agent: agent, call: call, ops: ops, op: ops[0], templates: CALL_TEMPLATES });
}

function openDialog(op) {
  state.op = op;
  $('op-title').textContent = 'Run an operation as ' + op.agent.username;
  $('op-sub').textContent = op.kind === 'call' ? 'on call ' + op.call.id + ' (' + op.call.state + ', ' + op.call.callType + ')' : 'on the device of ' + op.agent.username + ' (DN ' + op.agent.phoneNumber + ')';
  var select = $('op-name');
  clear(select);
  op.ops.forEach(function (name) { add(select, h('option', { value: name, text: name })); });
  select.value = op.op;
  fillTemplate();
  say('op-msg', '');
  $('op-dialog').showModal();
  $('op-params').focus();
}
function fillTemplate() {
  var op = state.op;
  var name = $('op-name').value;
  $('op-params').value = json(op.templates[name] || {});
  showWire();
}
function opPath() {
  var op = state.op;
  return op.kind === 'call' ? '/api/v2/me/calls/' + op.call.id : '/api/v2/me/devices/' + op.agent.deviceId;
}
function showWire() {
  var params = parseJson($('op-params').value, 'Parameters');
  var body = params.ok && isObject(params.value) ? Object.assign({ operationName: $('op-name').value }, params.value) : { operationName: $('op-name').value };
  $('op-wire').textContent = 'What ' + state.op.agent.username + "'s GWS client would send:\nPOST " + opPath() + '\n' + JSON.stringify(body);
}
function runDialog(ev) {
  ev.preventDefault();
  var op = state.op;
  var params = parseJson($('op-params').value || '{}', 'Parameters');
  if (!params.ok) { say('op-msg', params.error, 'bad'); return; }
  if (!isObject(params.value)) { say('op-msg', 'Parameters must be a JSON object, e.g. {"destination": {"phoneNumber": "15002"}}', 'bad'); return; }
  var body = Object.assign({}, params.value, { operationName: $('op-name').value });
  var path = op.kind === 'call'
    ? '/simulator/agents/' + encodeURIComponent(op.agent.username) + '/calls/' + encodeURIComponent(op.call.id)
    : '/simulator/agents/' + encodeURIComponent(op.agent.username) + '/device';
  var button = $('op-run');
  button.disabled = true;
  api('POST', path, body).then(function () {
    $('op-dialog').close();
    toast(op.agent.username + ': ' + body.operationName + ' sent', 'ok');
  }, function (error) {
    say('op-msg', error.message, 'bad');
  }).then(function () { button.disabled = false; });
}

/** JSON.parse with a message that says where (line and column), for text typed on the page. */
function parseJson(text, what) {
  try { return { ok: true, value: JSON.parse(text) }; } catch (error) {
    var m = /position (\d+)/.exec(error.message);
    var where = '';
    if (m) {
      var before = text.slice(0, Number(m[1]));
      var lines = before.split('\n');
      where = ' (line ' + lines.length + ', column ' + (lines[lines.length - 1].length + 1) + ')';
    }
    return { ok: false, error: what + ' is not valid JSON' + where + ': ' + error.message.replace(/ in JSON at position \d+.*$/, '') };
  }
}

// ------------------------------------------------------------------ place a call

function setUdMode(mode) {
  if (mode === state.udMode) return;
  var current = readUserData();
  state.udMode = mode;
  Array.prototype.forEach.call($('ud-mode').children, function (b) { b.className = b.getAttribute('data-mode') === mode ? 'on' : ''; });
  $('ud-json').hidden = mode !== 'json';
  $('ud-kv').hidden = mode !== 'kv';
  var data = current.ok && isObject(current.value) ? current.value : {};
  if (mode === 'json') $('ud-json').value = Object.keys(data).length ? JSON.stringify(data) : '';
  else {
    clear($('ud-kv'));
    Object.keys(data).forEach(function (k) { addKvRow(k, typeof data[k] === 'string' ? data[k] : JSON.stringify(data[k])); });
    addKvRow('', '');
  }
  say('call-msg', '');
}
function addKvRow(k, v) {
  var row = h('div', { class: 'kv-row' },
    h('input', { placeholder: 'key', 'aria-label': 'User data key', value: k }),
    h('input', { placeholder: 'value', 'aria-label': 'User data value', value: v }),
    h('button', { type: 'button', class: 'link', text: 'remove', onclick: function () { row.parentNode.removeChild(row); if (!$('ud-kv').children.length) addKvRow('', ''); } }));
  row.querySelectorAll('input').forEach(function (input) {
    input.addEventListener('input', function () {
      var rows = $('ud-kv').children;
      var lastRow = rows[rows.length - 1];
      if (lastRow === row && (row.children[0].value || row.children[1].value)) addKvRow('', '');
    });
  });
  $('ud-kv').appendChild(row);
}
function readUserData() {
  if (state.udMode === 'json') {
    var text = $('ud-json').value.trim();
    if (!text) return { ok: true, value: undefined };
    var parsed = parseJson(text, 'User data');
    if (!parsed.ok) return parsed;
    if (!isObject(parsed.value)) return { ok: false, error: 'User data must be a JSON object of key/value pairs, e.g. {"VIP": "true"}' };
    return parsed;
  }
  var out = {};
  var count = 0;
  var problem = null;
  Array.prototype.forEach.call($('ud-kv').children, function (row) {
    var k = row.children[0].value.trim();
    var v = row.children[1].value;
    if (!k && !v) return;
    if (!k) { problem = 'A user data value has no key ("' + short(v) + '")'; return; }
    if (Object.prototype.hasOwnProperty.call(out, k)) { problem = 'The user data key "' + k + '" is there twice'; return; }
    out[k] = v;
    count++;
  });
  if (problem) return { ok: false, error: problem };
  return { ok: true, value: count ? out : undefined };
}

function placeCall(ev) {
  ev.preventDefault();
  var to = $('call-to').value;
  var from = $('call-from').value.trim();
  var dnis = $('call-dnis').value.trim();
  if (!to) { say('call-msg', 'Pick the agent to call.', 'bad'); return; }
  if (!from) { say('call-msg', "Enter the caller's number (From), e.g. 5551234.", 'bad'); $('call-from').focus(); return; }
  var userData = readUserData();
  if (!userData.ok) { say('call-msg', userData.error, 'bad'); return; }
  var body = { to: to, from: from };
  if (dnis) body.dnis = dnis;
  if (userData.value) body.userData = userData.value;
  if ($('call-queue').checked) body.viaQueue = true;
  var button = $('call-submit');
  button.disabled = true;
  say('call-msg', 'Placing the call...');
  api('POST', '/simulator/calls', body).then(function (reply) {
    say('call-msg', 'Call ' + reply.callId + ' is ringing at ' + to + '.', 'ok');
  }, function (error) {
    say('call-msg', error.message, 'bad');
  }).then(function () { button.disabled = false; });
}

// ------------------------------------------------------------------ faults, delivery, top bar

function injectFault(ev) {
  ev.preventDefault();
  var fault = { count: Number($('fault-count').value), mode: $('fault-mode').value };
  if (fault.mode === 'status') fault.status = Number($('fault-status').value);
  if ($('fault-method').value) fault.method = $('fault-method').value;
  if ($('fault-path').value.trim()) fault.pathPrefix = $('fault-path').value.trim();
  var body = $('fault-body').value.trim();
  if (body) { try { fault.body = JSON.parse(body); } catch (e) { fault.body = body; } }
  var button = $('fault-submit');
  button.disabled = true;
  api('POST', '/simulator/faults', fault).then(function () {
    say('fault-msg', 'Fault injected: the next ' + fault.count + ' matching GWS request(s) fail.', 'ok');
  }, function (error) { say('fault-msg', error.message, 'bad'); }).then(function () { button.disabled = false; });
}

// ------------------------------------------------------------------ the log

function fromNotification(n) {
  var d = isObject(n.data) ? n.data : {};
  var call = isObject(d.call) ? d.call : null;
  var ids = [];
  if (call && call.id) ids.push(String(call.id));
  if (call && call.parentCallUri) ids.push(lastSegment(call.parentCallUri));
  if (d.callUri) ids.push(lastSegment(d.callUri));
  if (call && call.id) state.lastCall[n.username + '|' + call.id] = call;
  var detail = '';
  var st = '';
  if (call) { st = call.state || ''; detail = call.callType || ''; }
  else if (Array.isArray(d.devices)) {
    detail = d.devices.map(function (dev) { return (dev.userState && dev.userState.displayName || '') + (dev.doNotDisturb === 'On' ? ', DND on' : '') + (dev.forwardTo ? ', forwarding to ' + dev.forwardTo : ''); }).join('; ');
  } else if (d.errorMessage) detail = String(d.errorMessage);
  return { kind: 'cometd', key: 'n' + n.seq, time: n.time, user: n.username, ids: ids, title: String(d.notificationType || d.messageType || 'notification'), st: st, detail: detail, queued: !!n.queued, data: { channel: n.channel, data: d } };
}

function fromRequest(r) {
  var ids = [];
  var m = /\/api\/v2\/me\/calls\/([^/?]+)/.exec(r.path || '');
  if (m) ids.push(m[1]);
  var body = isObject(r.body) ? r.body : {};
  ['consultCallUri', 'otherCallUri'].forEach(function (k) { if (body[k]) ids.push(lastSegment(body[k])); });
  // The path without /api/v2 and with call ids shortened: the operation name is what a reader looks for.
  var shown = String(r.url || r.path || '').replace(/^\/api\/v2/, '').replace(/\/calls\/([^/?]+)/, function (all, id) { return '/calls/' + shortId(id); });
  return { kind: 'rest', key: 'r' + r.seq, time: r.time, user: r.username || '', ids: ids, title: r.method + ' ' + shown, st: '', detail: body.operationName ? String(body.operationName) : '', status: r.status, data: r };
}

function addEntries(notifications, requests) {
  var fresh = [];
  notifications.forEach(function (n) { var e = fromNotification(n); if (!state.logKeys[e.key]) fresh.push(e); });
  requests.forEach(function (r) { var e = fromRequest(r); if (!state.logKeys[e.key]) fresh.push(e); });
  fresh.sort(byTime);
  var last = state.log.length ? state.log[state.log.length - 1].time : -Infinity;
  fresh.forEach(function (e) { state.logKeys[e.key] = true; state.log.push(e); });
  // A request is logged when it is answered, with the time it arrived: it can be older than notifications already in.
  if (fresh.length && fresh[0].time < last) state.log.sort(byTime);
  if (state.log.length > LOG_KEEP) {
    state.log.splice(0, state.log.length - LOG_KEEP).forEach(function (e) { delete state.logKeys[e.key]; });
  }
  return fresh;
}

function byTime(a, b) { return a.time - b.time; }

function matches(e) {
  var f = state.filter;
  if (e.kind === 'cometd' && !f.cometd) return false;
  if (e.kind === 'rest' && !f.rest) return false;
  if (f.user && e.user !== f.user) return false;
  if (f.call) {
    var needle = f.call.toUpperCase();
    if (!e.ids.some(function (id) { return id.toUpperCase().indexOf(needle) >= 0; })) return false;
  }
  return true;
}

function entryRow(e, fresh) {
  var open = !!state.open['log|' + e.key];
  var what = h('span', { class: 'what' }, h('b', { text: e.title }));
  if (e.kind === 'rest') {
    what = h('span', { class: 'what' }, e.detail ? [h('b', { text: e.detail }), ' '] : null, h('span', { class: 'path', text: e.title }));
  } else {
    if (e.st) add(what, [' ', h('span', { class: 'st st-' + e.st, text: e.st })]);
    if (e.detail) add(what, ' ' + e.detail);
    if (e.queued) add(what, [' ', h('span', { class: 'queued', text: '(queued)' })]);
  }
  var end = e.kind === 'rest'
    ? h('span', { class: 'status' + (e.status >= 400 || e.status < 0 ? ' bad' : ''), title: e.status === -1 ? 'connection reset (fault)' : e.status === -2 ? 'never answered (fault)' : 'HTTP status', text: e.status === -1 ? 'reset' : e.status === -2 ? 'hang' : String(e.status) })
    : (e.ids[0] ? h('button', { type: 'button', class: 'cid', title: e.ids[0] + ': show only this call', text: shortId(e.ids[0]), onclick: function (ev) { ev.stopPropagation(); setCallFilter(e.ids[0]); } }) : h('span'));
  var row = h('div', { class: 'entry kind-' + e.kind + (open ? ' open' : '') + (fresh ? ' fresh' : ''), 'data-key': e.key, 'data-kind': e.kind, 'data-time': e.time, 'data-calls': e.ids.join(' ') },
    h('div', { class: 'line', title: 'Click for the full ' + (e.kind === 'rest' ? 'request' : 'notification') },
      h('span', { class: 't', text: clock(e.time) }),
      h('span', { class: 'kind', text: e.kind === 'rest' ? 'REST' : 'CometD' }),
      h('span', { class: 'u', text: e.user || '-' }),
      what, end));
  if (open) add(row, h('pre', { class: 'json', text: json(e.data) }));
  row.firstChild.addEventListener('click', function () {
    var k = 'log|' + e.key;
    if (state.open[k]) { delete state.open[k]; row.classList.remove('open'); var pre = row.querySelector('pre'); if (pre) row.removeChild(pre); }
    else { state.open[k] = true; row.classList.add('open'); add(row, h('pre', { class: 'json', text: json(e.data) })); }
  });
  return row;
}

function renderLog() {
  var root = $('log');
  clear(root);
  var shown = 0;
  for (var i = state.log.length - 1; i >= 0 && shown < LOG_SHOW; i--) {
    if (!matches(state.log[i])) continue;
    root.appendChild(entryRow(state.log[i], false));
    shown++;
  }
  if (!shown) add(root, h('p', { class: 'empty', text: state.log.length ? 'Nothing matches the filter.' : 'Nothing yet: place a call, or run a workflow against the simulator.' }));
  noteLog();
}

function prependEntries(entries) {
  var root = $('log');
  var keep = root.scrollTop;
  var before = root.scrollHeight;
  var emptyNote = root.querySelector(':scope > .empty');
  var added = 0;
  entries.forEach(function (e) {
    if (!matches(e)) return;
    if (emptyNote) { root.removeChild(emptyNote); emptyNote = null; }
    // Newest first: before the first row that is not newer than this entry.
    var next = root.firstChild;
    while (next && Number(next.getAttribute('data-time')) > e.time) next = next.nextSibling;
    root.insertBefore(entryRow(e, true), next);
    added++;
  });
  while (root.children.length > LOG_SHOW) root.removeChild(root.lastChild);
  // Reading further down: keep the rows in view where they were.
  if (added && keep > 0) root.scrollTop = keep + (root.scrollHeight - before);
}

function noteLog() {
  var note = $('log-note');
  var parts = [];
  if (state.paused) parts.push('Paused: new entries are collected and shown when you resume.');
  if (state.missed) parts.push(state.missed + ' entries came too fast to be sent to the page and are left out (GET /simulator/notifications and /simulator/requests have every one).');
  note.hidden = !parts.length;
  note.textContent = parts.join(' ');
}

function setCallFilter(id) {
  $('f-call').value = id;
  state.filter.call = id;
  renderLog();
}

// ------------------------------------------------------------------ wiring

function wire() {
  $('call-form').addEventListener('submit', placeCall);
  Array.prototype.forEach.call($('ud-mode').children, function (b) { b.addEventListener('click', function () { setUdMode(b.getAttribute('data-mode')); }); });
  $('preset-vip').addEventListener('click', function () {
    if (state.udMode === 'json') $('ud-json').value = '{"VIP": "true"}';
    else { clear($('ud-kv')); addKvRow('VIP', 'true'); addKvRow('', ''); }
    say('call-msg', '');
  });
  $('preset-none').addEventListener('click', function () {
    if (state.udMode === 'json') $('ud-json').value = '';
    else { clear($('ud-kv')); addKvRow('', ''); }
    say('call-msg', '');
  });
  $('ud-json').addEventListener('input', function () { say('call-msg', ''); });

  $('fault-form').addEventListener('submit', injectFault);
  $('fault-mode').addEventListener('change', function () { $('fault-status').disabled = $('fault-mode').value !== 'status'; });
  $('fault-clear').addEventListener('click', function (ev) { act(ev.currentTarget, api('DELETE', '/simulator/faults'), 'Faults cleared'); });
  $('btn-pause').addEventListener('click', function (ev) { act(ev.currentTarget, api('POST', '/simulator/notifications/pause'), 'CometD delivery paused: notifications queue up'); });
  $('btn-resume').addEventListener('click', function (ev) { act(ev.currentTarget, api('POST', '/simulator/notifications/resume', { deliver: true }), 'CometD delivery resumed'); });
  $('btn-resume-drop').addEventListener('click', function (ev) { act(ev.currentTarget, api('POST', '/simulator/notifications/resume', { deliver: false }), 'Resumed; the queued notifications were dropped'); });
  $('btn-latency').addEventListener('click', function (ev) {
    var ms = Number($('latency').value);
    if (!(ms >= 0)) { toast('Latency must be a number of ms, 0 or more', 'bad'); return; }
    act(ev.currentTarget, api('POST', '/simulator/latency', { ms: ms }), 'REST latency ' + ms + ' ms');
  });

  $('btn-drop').addEventListener('click', function (ev) { act(ev.currentTarget, api('POST', '/simulator/cometd/drop'), 'CometD sessions dropped: clients handshake again'); });
  $('btn-restart').addEventListener('click', function (ev) {
    var downMs = Number($('restart-down').value);
    act(ev.currentTarget, api('POST', '/simulator/restart', { downMs: downMs }), downMs ? 'Restarting after a ' + downMs / 1000 + ' s outage' : 'Restarting');
  });
  $('btn-reset').addEventListener('click', function (ev) {
    if (!window.confirm('Reset the simulator? Every call ends (without notifications), faults and logs are cleared, agents go back to Not Ready.')) return;
    act(ev.currentTarget, api('POST', '/simulator/reset'), 'Simulator reset');
  });

  $('f-user').addEventListener('change', function () { state.filter.user = $('f-user').value; renderLog(); });
  $('f-call').addEventListener('input', function () { state.filter.call = $('f-call').value.trim(); renderLog(); });
  $('f-call-clear').addEventListener('click', function () { setCallFilter(''); });
  $('f-cometd').addEventListener('change', function () { state.filter.cometd = $('f-cometd').checked; renderLog(); });
  $('f-rest').addEventListener('change', function () { state.filter.rest = $('f-rest').checked; renderLog(); });
  $('log-pause').addEventListener('click', function () {
    state.paused = !state.paused;
    $('log-pause').textContent = state.paused ? 'Resume' : 'Pause';
    $('log-pause').classList.toggle('on', state.paused);
    if (!state.paused) renderLog(); else noteLog();
  });
  $('log-clear').addEventListener('click', function () { state.log = []; state.logKeys = {}; state.missed = 0; renderLog(); });

  $('op-form').addEventListener('submit', runDialog);
  $('op-name').addEventListener('change', function () { fillTemplate(); say('op-msg', ''); });
  $('op-params').addEventListener('input', function () { showWire(); say('op-msg', ''); });
  $('op-cancel').addEventListener('click', function () { $('op-dialog').close(); });

  // Cards re-render on every change; this only retires the "new call" highlight once it has played.
  setInterval(function () {
    var now = Date.now();
    var stale = Object.keys(state.flashCalls).filter(function (k) { return now - state.flashCalls[k] > 1500; });
    if (stale.length && state.snap) { stale.forEach(function (k) { delete state.flashCalls[k]; }); renderAgents(state.snap); }
  }, 1000);
}

wire();
renderLog();
connect();
})();
`;
