/**
 * The console page's markup (served at /simulator/console): its elements carry the ids of contract.ts ID, which the
 * script (page/*.ts) fills; style.ts styles it. The catalog goes in as JSON data (never run: CSP allows only the
 * simulator's own script file).
 */
import { catalogJson } from './catalog';
import { ID, SCRIPT_PATH, STYLE_PATH, type ConsoleCatalog } from './contract';

export const consoleHtml = (catalog: ConsoleCatalog): string => String.raw`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>GWS simulator console</title>
<link rel="icon" href="data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 16 16'%3E%3Crect width='16' height='16' rx='3' fill='%232f5bea'/%3E%3Cpath d='M4 11.5c2-1 6-1 8 0M5 8.5c1.5-.8 4.5-.8 6 0' stroke='white' stroke-width='1.6' fill='none' stroke-linecap='round'/%3E%3C/svg%3E">
<link rel="stylesheet" href="${STYLE_PATH}">
<script src="${SCRIPT_PATH}" defer></script>
<script type="application/json" id="${ID.catalog}">${catalogJson(catalog)}</script>
</head>
<body>
<header class="topbar">
  <div class="brand"><span class="logo">GWS</span><span>Simulator console</span></div>
  <div class="conn" id="${ID.conn}" data-state="connecting" title="The live feed from the simulator (GET /simulator/events)"><span class="dot"></span><span id="${ID.connText}">connecting</span></div>
  <div class="stats" id="${ID.stats}"></div>
  <div class="top-actions">
    <button type="button" id="${ID.dropSessions}" title="Forget every CometD session: clients get 402::session_unknown and handshake again (POST /simulator/cometd/drop)">Drop CometD sessions</button>
    <span class="joined">
      <select id="${ID.restartDown}" aria-label="Outage before the restart" title="How long the simulator stays down">
        <option value="0">no outage</option>
        <option value="2000">2 s outage</option>
        <option value="5000">5 s outage</option>
        <option value="15000">15 s outage</option>
      </select><button type="button" id="${ID.restart}" title="Stop and start on the same port, like a GWS restart: sessions are forgotten, calls stay (POST /simulator/restart)">Restart</button>
    </span>
    <button type="button" id="${ID.reset}" class="ghost-danger" title="End every call, clear faults and logs, agents back to Not Ready (POST /simulator/reset)">Reset</button>
  </div>
</header>
<div id="${ID.banner}" class="banner" hidden></div>
<main class="layout">
  <section class="pane agents-pane" aria-label="Agents and their calls">
    <div class="pane-head">
      <h2>Agents and calls</h2>
      <span class="hint">newest call first · click a call id to filter the log</span>
    </div>
    <div id="${ID.agents}" class="agents"><p class="empty">Waiting for the simulator...</p></div>
  </section>
  <aside class="pane side-pane">
    <section class="card" id="${ID.placeCall}">
      <h2>Place an inbound call</h2>
      <form id="${ID.callForm}" novalidate autocomplete="off">
        <div class="grid3">
          <label>To agent<select id="${ID.callTo}" name="to"></select></label>
          <label>From (caller's number)<input id="${ID.callFrom}" name="from" value="5551234" inputmode="tel"></label>
          <label>DNIS<input id="${ID.callDnis}" name="dnis" placeholder="optional: the agent's DN"></label>
        </div>
        <div class="ud-head">
          <span class="label">User data</span>
          <span class="seg" id="${ID.userDataMode}" role="tablist">
            <button type="button" data-mode="json" class="on">JSON</button><button type="button" data-mode="kv">Key / value</button>
          </span>
          <button type="button" class="link" id="${ID.presetVip}" title="Fill in the user data the VIP example workflow looks for">VIP example</button>
          <button type="button" class="link" id="${ID.presetNone}">none</button>
          <label class="check"><input type="checkbox" id="${ID.callQueue}"> via a queue <span class="opt">(Reject offered)</span></label>
        </div>
        <textarea id="${ID.userDataJson}" rows="2" spellcheck="false" aria-label="User data as JSON">{"VIP": "true"}</textarea>
        <div id="${ID.userDataRows}" class="kv-rows" hidden></div>
        <div class="form-foot">
          <button type="submit" class="primary" id="${ID.callSubmit}">Place call</button>
          <div class="msg" id="${ID.callMessage}" role="status"></div>
        </div>
      </form>
    </section>
    <details class="card" id="${ID.faultsCard}">
      <summary><h2>Faults, delivery, latency</h2><span id="${ID.faultsCount}" class="count"></span></summary>
      <form id="${ID.faultForm}" novalidate autocomplete="off">
        <div class="grid4">
          <label>Count<input id="${ID.faultCount}" type="number" min="1" value="1"></label>
          <label>Mode<select id="${ID.faultMode}"><option value="status">HTTP status</option><option value="reset">reset the connection</option><option value="hang">never answer</option></select></label>
          <label>Status<input id="${ID.faultStatus}" type="number" min="100" max="599" value="503"></label>
          <label>Method<select id="${ID.faultMethod}"><option value="">any</option><option>GET</option><option>POST</option></select></label>
        </div>
        <label>Path prefix <span class="opt">optional, default every /api/v2 path</span><input id="${ID.faultPath}" placeholder="/api/v2/me/calls"></label>
        <label>Body <span class="opt">optional; JSON, or text sent as it is</span><textarea id="${ID.faultBody}" rows="2" spellcheck="false" placeholder='{"statusCode":4,"statusMessage":"Simulated outage"}'></textarea></label>
        <div class="form-foot">
          <button type="submit" class="primary" id="${ID.faultSubmit}">Inject fault</button>
          <button type="button" id="${ID.faultClear}">Clear faults</button>
          <div class="msg" id="${ID.faultMessage}" role="status"></div>
        </div>
        <ul id="${ID.faultList}" class="fault-list"></ul>
      </form>
      <div class="delivery">
        <span class="label">CometD delivery</span>
        <button type="button" id="${ID.pauseDelivery}">Pause</button>
        <button type="button" id="${ID.resumeDelivery}">Resume</button>
        <button type="button" id="${ID.resumeDropQueued}" title="Resume and drop what was queued while paused">Resume, drop queued</button>
        <span class="label">REST latency</span>
        <input id="${ID.latency}" type="number" min="0" value="0" aria-label="Latency in ms"><button type="button" id="${ID.setLatency}">Set ms</button>
      </div>
    </details>
    <section class="card log-card">
      <div class="log-head">
        <h2>Live log</h2>
        <select id="${ID.filterUser}" aria-label="Only this user"><option value="">all users</option></select>
        <span class="call-filter"><input id="${ID.filterCall}" placeholder="call id" aria-label="Only this call" spellcheck="false"><button type="button" id="${ID.filterCallClear}" class="link" title="Show every call">&times;</button></span>
        <label class="check kind-cometd"><input type="checkbox" id="${ID.filterCometd}" checked> CometD</label>
        <label class="check kind-rest"><input type="checkbox" id="${ID.filterRest}" checked> REST</label>
        <button type="button" id="${ID.logPause}">Pause</button>
        <button type="button" id="${ID.logClear}" title="Clear the page's log (the simulator keeps its own)">Clear</button>
      </div>
      <div class="log-note" id="${ID.logNote}" hidden></div>
      <div id="${ID.log}" class="log" aria-live="off"></div>
    </section>
  </aside>
</main>
<dialog id="${ID.opDialog}">
  <form id="${ID.opForm}" novalidate autocomplete="off">
    <h3 id="${ID.opTitle}">Operation</h3>
    <p class="sub" id="${ID.opSub}"></p>
    <label>Operation<select id="${ID.opName}"></select></label>
    <label>Parameters <span class="opt">JSON object, added to the request body</span><textarea id="${ID.opParams}" rows="5" spellcheck="false"></textarea></label>
    <div class="wire" id="${ID.opWire}"></div>
    <div class="msg" id="${ID.opMessage}" role="status"></div>
    <div class="dialog-foot">
      <button type="button" id="${ID.opCancel}">Cancel</button>
      <button type="submit" class="primary" id="${ID.opRun}">Run</button>
    </div>
  </form>
</dialog>
<div id="${ID.toasts}" class="toasts" aria-live="polite"></div>
</body>
</html>
`;
