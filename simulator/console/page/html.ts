/** The console page's markup (served at /simulator/console; app.ts fills it, style.ts styles it). */
export const CONSOLE_HTML = String.raw`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>GWS simulator console</title>
<link rel="icon" href="data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 16 16'%3E%3Crect width='16' height='16' rx='3' fill='%232f5bea'/%3E%3Cpath d='M4 11.5c2-1 6-1 8 0M5 8.5c1.5-.8 4.5-.8 6 0' stroke='white' stroke-width='1.6' fill='none' stroke-linecap='round'/%3E%3C/svg%3E">
<link rel="stylesheet" href="/simulator/console/style.css">
<script src="/simulator/console/app.js" defer></script>
</head>
<body>
<header class="topbar">
  <div class="brand"><span class="logo">GWS</span><span>Simulator console</span></div>
  <div class="conn" id="conn" data-state="connecting" title="The live feed from the simulator (GET /simulator/events)"><span class="dot"></span><span id="conn-text">connecting</span></div>
  <div class="stats" id="stats"></div>
  <div class="top-actions">
    <button type="button" id="btn-drop" title="Forget every CometD session: clients get 402::session_unknown and handshake again (POST /simulator/cometd/drop)">Drop CometD sessions</button>
    <span class="joined">
      <select id="restart-down" aria-label="Outage before the restart" title="How long the simulator stays down">
        <option value="0">no outage</option>
        <option value="2000">2 s outage</option>
        <option value="5000">5 s outage</option>
        <option value="15000">15 s outage</option>
      </select><button type="button" id="btn-restart" title="Stop and start on the same port, like a GWS restart: sessions are forgotten, calls stay (POST /simulator/restart)">Restart</button>
    </span>
    <button type="button" id="btn-reset" class="ghost-danger" title="End every call, clear faults and logs, agents back to Not Ready (POST /simulator/reset)">Reset</button>
  </div>
</header>
<div id="banner" class="banner" hidden></div>
<main class="layout">
  <section class="pane agents-pane" aria-label="Agents and their calls">
    <div class="pane-head">
      <h2>Agents and calls</h2>
      <span class="hint">newest call first · click a call id to filter the log</span>
    </div>
    <div id="agents" class="agents"><p class="empty">Waiting for the simulator...</p></div>
  </section>
  <aside class="pane side-pane">
    <section class="card" id="place-call">
      <h2>Place an inbound call</h2>
      <form id="call-form" novalidate autocomplete="off">
        <div class="grid3">
          <label>To agent<select id="call-to" name="to"></select></label>
          <label>From (caller's number)<input id="call-from" name="from" value="5551234" inputmode="tel"></label>
          <label>DNIS<input id="call-dnis" name="dnis" placeholder="optional: the agent's DN"></label>
        </div>
        <div class="ud-head">
          <span class="label">User data</span>
          <span class="seg" id="ud-mode" role="tablist">
            <button type="button" data-mode="json" class="on">JSON</button><button type="button" data-mode="kv">Key / value</button>
          </span>
          <button type="button" class="link" id="preset-vip" title="Fill in the user data the VIP example workflow looks for">VIP example</button>
          <button type="button" class="link" id="preset-none">none</button>
          <label class="check"><input type="checkbox" id="call-queue"> via a queue <span class="opt">(Reject offered)</span></label>
        </div>
        <textarea id="ud-json" rows="2" spellcheck="false" aria-label="User data as JSON">{"VIP": "true"}</textarea>
        <div id="ud-kv" class="kv-rows" hidden></div>
        <div class="form-foot">
          <button type="submit" class="primary" id="call-submit">Place call</button>
          <div class="msg" id="call-msg" role="status"></div>
        </div>
      </form>
    </section>
    <details class="card" id="faults-card">
      <summary><h2>Faults, delivery, latency</h2><span id="faults-count" class="count"></span></summary>
      <form id="fault-form" novalidate autocomplete="off">
        <div class="grid4">
          <label>Count<input id="fault-count" type="number" min="1" value="1"></label>
          <label>Mode<select id="fault-mode"><option value="status">HTTP status</option><option value="reset">reset the connection</option><option value="hang">never answer</option></select></label>
          <label>Status<input id="fault-status" type="number" min="100" max="599" value="503"></label>
          <label>Method<select id="fault-method"><option value="">any</option><option>GET</option><option>POST</option></select></label>
        </div>
        <label>Path prefix <span class="opt">optional, default every /api/v2 path</span><input id="fault-path" placeholder="/api/v2/me/calls"></label>
        <label>Body <span class="opt">optional; JSON, or text sent as it is</span><textarea id="fault-body" rows="2" spellcheck="false" placeholder='{"statusCode":4,"statusMessage":"Simulated outage"}'></textarea></label>
        <div class="form-foot">
          <button type="submit" class="primary" id="fault-submit">Inject fault</button>
          <button type="button" id="fault-clear">Clear faults</button>
          <div class="msg" id="fault-msg" role="status"></div>
        </div>
        <ul id="fault-list" class="fault-list"></ul>
      </form>
      <div class="delivery">
        <span class="label">CometD delivery</span>
        <button type="button" id="btn-pause">Pause</button>
        <button type="button" id="btn-resume">Resume</button>
        <button type="button" id="btn-resume-drop" title="Resume and drop what was queued while paused">Resume, drop queued</button>
        <span class="label">REST latency</span>
        <input id="latency" type="number" min="0" value="0" aria-label="Latency in ms"><button type="button" id="btn-latency">Set ms</button>
      </div>
    </details>
    <section class="card log-card">
      <div class="log-head">
        <h2>Live log</h2>
        <select id="f-user" aria-label="Only this user"><option value="">all users</option></select>
        <span class="call-filter"><input id="f-call" placeholder="call id" aria-label="Only this call" spellcheck="false"><button type="button" id="f-call-clear" class="link" title="Show every call">&times;</button></span>
        <label class="check kind-cometd"><input type="checkbox" id="f-cometd" checked> CometD</label>
        <label class="check kind-rest"><input type="checkbox" id="f-rest" checked> REST</label>
        <button type="button" id="log-pause">Pause</button>
        <button type="button" id="log-clear" title="Clear the page's log (the simulator keeps its own)">Clear</button>
      </div>
      <div class="log-note" id="log-note" hidden></div>
      <div id="log" class="log" aria-live="off"></div>
    </section>
  </aside>
</main>
<dialog id="op-dialog">
  <form id="op-form" novalidate autocomplete="off">
    <h3 id="op-title">Operation</h3>
    <p class="sub" id="op-sub"></p>
    <label>Operation<select id="op-name"></select></label>
    <label>Parameters <span class="opt">JSON object, added to the request body</span><textarea id="op-params" rows="5" spellcheck="false"></textarea></label>
    <div class="wire" id="op-wire"></div>
    <div class="msg" id="op-msg" role="status"></div>
    <div class="dialog-foot">
      <button type="button" id="op-cancel">Cancel</button>
      <button type="submit" class="primary" id="op-run">Run</button>
    </div>
  </form>
</dialog>
<div id="toasts" class="toasts" aria-live="polite"></div>
</body>
</html>
`;
