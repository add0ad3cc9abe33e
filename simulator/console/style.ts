/** The console page's styles (served at /simulator/console/style.css). */
export const STYLE_CSS = String.raw`
:root {
  --bg: #f3f5f8; --card: #fff; --ink: #1c2330; --muted: #667085; --line: #e3e7ee; --soft: #f7f9fc;
  --accent: #2f5bea; --accent-ink: #fff; --danger: #c62828;
  --ringing: #d97706; --dialing: #0284c7; --established: #15803d; --held: #7c3aed; --released: #8a94a6;
  --ready: #15803d; --notready: #c62828; --acw: #b45309; --aux: #9a3412; --loggedout: #8a94a6;
  --cometd: #4f46e5; --rest: #0f766e;
  --mono: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace;
}
* { box-sizing: border-box; }
html, body { height: 100%; }
body { margin: 0; font: 13px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, Ubuntu, sans-serif; color: var(--ink); background: var(--bg); display: flex; flex-direction: column; }
h2 { font-size: 13px; margin: 0; font-weight: 650; letter-spacing: .01em; }
h3 { margin: 0; font-size: 15px; }
button, select, input, textarea { font: inherit; color: inherit; }
button { border: 1px solid var(--line); background: #fff; border-radius: 6px; padding: 4px 10px; cursor: pointer; white-space: nowrap; }
button:hover { border-color: #b9c2d0; background: var(--soft); }
button:disabled { opacity: .55; cursor: progress; }
button.primary { background: var(--accent); border-color: var(--accent); color: var(--accent-ink); font-weight: 600; }
button.primary:hover { filter: brightness(1.08); }
button.ghost-danger { color: var(--danger); }
button.link { border: 0; background: none; color: var(--accent); padding: 2px 4px; }
button.link:hover { text-decoration: underline; }
input, select, textarea { border: 1px solid #cfd6e1; border-radius: 6px; padding: 4px 7px; background: #fff; min-width: 0; }
textarea { width: 100%; font-family: var(--mono); font-size: 12px; resize: vertical; }
input:focus, select:focus, textarea:focus, button:focus-visible { outline: 2px solid #9db4ff; outline-offset: 0; }
label { display: flex; flex-direction: column; gap: 2px; color: var(--muted); font-size: 12px; }
label.check { flex-direction: row; align-items: center; gap: 5px; color: var(--ink); }
.opt { color: #98a2b3; font-weight: 400; }
.label { color: var(--muted); font-size: 12px; }
code, .mono { font-family: var(--mono); font-size: 12px; }

/* top bar */
.topbar { display: flex; align-items: center; gap: 14px; padding: 8px 16px; background: #111a2e; color: #e8edf7; flex-wrap: wrap; }
.brand { display: flex; align-items: center; gap: 8px; font-weight: 650; font-size: 15px; }
.logo { background: #2f5bea; color: #fff; border-radius: 5px; padding: 1px 6px; font-size: 12px; letter-spacing: .05em; }
.conn { display: flex; align-items: center; gap: 6px; font-size: 12px; color: #b8c3d9; }
.conn .dot { width: 9px; height: 9px; border-radius: 50%; background: #8a94a6; }
.conn[data-state="live"] .dot { background: #22c55e; box-shadow: 0 0 0 3px rgba(34,197,94,.25); }
.conn[data-state="reconnecting"] .dot { background: #f59e0b; animation: pulse 1s infinite; }
.stats { display: flex; gap: 12px; font-size: 12px; color: #b8c3d9; flex-wrap: wrap; }
.stats b { color: #fff; font-weight: 600; }
.stats .warn { color: #fbbf24; }
.stats .bad { color: #fca5a5; }
.top-actions { margin-left: auto; display: flex; gap: 8px; align-items: center; }
.topbar button, .topbar select { background: #1e2a44; border-color: #33415f; color: #e8edf7; }
.topbar button:hover { background: #27365a; }
.topbar button.ghost-danger { color: #fca5a5; }
.joined { display: inline-flex; }
.joined select { border-radius: 6px 0 0 6px; border-right: 0; }
.joined button { border-radius: 0 6px 6px 0; }
.banner { background: #fff4d6; color: #7a4b00; border-bottom: 1px solid #f3d27a; padding: 6px 16px; }
.banner.bad { background: #fde8e8; color: #8a1c1c; border-color: #f5b5b5; }

/* layout */
.layout { flex: 1; min-height: 0; display: grid; grid-template-columns: minmax(0, 1.15fr) minmax(380px, 1fr); gap: 12px; padding: 12px; }
.pane { min-height: 0; display: flex; flex-direction: column; gap: 10px; }
.agents-pane { overflow: auto; padding-right: 4px; }
.side-pane { overflow: hidden; }
.pane-head { display: flex; align-items: baseline; gap: 10px; }
.hint { color: var(--muted); font-size: 12px; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 10px 12px; }
.empty { color: var(--muted); margin: 6px 0; }
.msg { font-size: 12px; min-height: 1em; white-space: pre-wrap; }
.msg.ok { color: var(--established); }
.msg.bad { color: var(--danger); }
.form-foot { display: flex; align-items: center; gap: 10px; margin-top: 8px; }
.grid3 { display: grid; grid-template-columns: 1.1fr 1fr 1fr; gap: 8px; }
.grid4 { display: grid; grid-template-columns: 70px 1.4fr 80px 1fr; gap: 8px; }
#place-call h2, #faults-card h2 { margin-bottom: 8px; }
.ud-head { display: flex; align-items: center; gap: 8px; margin: 8px 0 4px; flex-wrap: wrap; }
.ud-head .check { margin-left: auto; }
.seg { display: inline-flex; }
.seg button { border-radius: 0; padding: 2px 9px; font-size: 12px; }
.seg button:first-child { border-radius: 6px 0 0 6px; }
.seg button:last-child { border-radius: 0 6px 6px 0; }
.seg button + button { border-left: 0; }
.seg button.on { background: #e8eefc; border-color: #b5c6f5; color: #1d3fae; font-weight: 600; }
.kv-rows { display: flex; flex-direction: column; gap: 4px; }
.kv-row { display: grid; grid-template-columns: 1fr 1.4fr auto; gap: 6px; }
.kv-row input { font-family: var(--mono); font-size: 12px; }
details.card > summary { cursor: pointer; display: flex; align-items: center; gap: 8px; list-style: none; }
details.card > summary::before { content: "\25B8"; color: var(--muted); }
details.card[open] > summary::before { content: "\25BE"; }
details.card > summary h2 { margin: 0; }
details.card[open] > summary { margin-bottom: 8px; }
#fault-form { display: flex; flex-direction: column; gap: 6px; }
.count { background: #fde8e8; color: var(--danger); border-radius: 10px; padding: 0 7px; font-size: 11px; font-weight: 600; }
.count:empty { display: none; }
.fault-list { margin: 0; padding-left: 18px; font-family: var(--mono); font-size: 12px; color: var(--danger); }
.delivery { display: flex; gap: 6px; align-items: center; flex-wrap: wrap; border-top: 1px solid var(--line); padding-top: 8px; margin-top: 8px; }
.delivery input { width: 80px; }
.delivery .label + button, .delivery .label { margin-left: 4px; }

/* agents */
.agents { display: flex; flex-direction: column; gap: 10px; }
.agent { background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 10px 12px; border-left: 4px solid var(--loggedout); }
.agent.as-Ready { border-left-color: var(--ready); }
.agent.as-NotReady { border-left-color: var(--notready); }
.agent.as-AfterCallWork { border-left-color: var(--acw); }
.agent.as-AuxWork { border-left-color: var(--aux); }
.agent-head { display: flex; align-items: center; gap: 8px; flex-wrap: wrap; }
.agent-head .name { font-weight: 650; font-size: 14px; }
.agent-head .uname { font-family: var(--mono); color: var(--muted); }
.agent-head .dn { font-family: var(--mono); background: var(--soft); border: 1px solid var(--line); border-radius: 5px; padding: 0 6px; }
.role { font-size: 11px; border-radius: 10px; padding: 0 7px; background: #eef2ff; color: #3730a3; }
.astate { margin-left: auto; color: #fff; border-radius: 12px; padding: 1px 10px; font-weight: 600; font-size: 12px; background: var(--loggedout); }
.astate.as-Ready { background: var(--ready); }
.astate.as-NotReady { background: var(--notready); }
.astate.as-AfterCallWork { background: var(--acw); }
.astate.as-AuxWork { background: var(--aux); }
.agent-meta { display: flex; gap: 6px; flex-wrap: wrap; margin: 6px 0; align-items: center; }
.pill { border: 1px solid var(--line); background: var(--soft); border-radius: 10px; padding: 0 8px; font-size: 12px; max-width: 100%; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.pill.on { background: #fde8e8; border-color: #f5b5b5; color: #8a1c1c; font-weight: 600; }
.pill.info { background: #eef2ff; border-color: #c7d2fe; color: #3730a3; }
.pill.sess { color: var(--muted); }
.pill.sess.live { color: var(--established); border-color: #bbe5c8; background: #effaf2; }
.pill .k { color: var(--muted); }
.agent-actions { display: flex; gap: 8px; align-items: center; flex-wrap: wrap; }
.agent-actions .seg button.cur { color: #fff; font-weight: 600; }
.seg button.cur.as-Ready { background: var(--ready); border-color: var(--ready); }
.seg button.cur.as-NotReady { background: var(--notready); border-color: var(--notready); }
.seg button.cur.as-AfterCallWork { background: var(--acw); border-color: var(--acw); }
.seg button.cur.as-AuxWork { background: var(--aux); border-color: var(--aux); }
.seg button.cur.as-LoggedOut { background: var(--loggedout); border-color: var(--loggedout); }
.calls { display: flex; flex-direction: column; gap: 8px; margin-top: 8px; }
.calls > .empty { font-size: 12px; }

/* calls */
.call { border: 1px solid var(--line); border-radius: 8px; padding: 8px 10px; background: #fff; border-left: 4px solid var(--released); }
.call.st-Ringing { border-left-color: var(--ringing); background: #fffbf2; }
.call.st-Dialing { border-left-color: var(--dialing); }
.call.st-Established { border-left-color: var(--established); }
.call.st-Held { border-left-color: var(--held); background: #faf7ff; }
.call.ended { opacity: .6; background: var(--soft); }
.call.flash { animation: flash 1.2s ease-out; }
.call-head { display: flex; align-items: center; gap: 8px; flex-wrap: wrap; }
.chip { color: #fff; border-radius: 12px; padding: 0 9px; font-size: 12px; font-weight: 600; background: var(--released); }
.chip.st-Ringing { background: var(--ringing); animation: pulse 1.2s infinite; }
.chip.st-Dialing { background: var(--dialing); }
.chip.st-Established { background: var(--established); }
.chip.st-Held { background: var(--held); }
.ctype { font-weight: 600; }
.from { color: var(--muted); }
.from b { color: var(--ink); font-family: var(--mono); font-weight: 500; }
.spacer { flex: 1; }
.idgroup { display: inline-flex; gap: 6px; align-items: center; white-space: nowrap; }
.callid { font-family: var(--mono); font-size: 12px; background: var(--soft); border: 1px solid var(--line); border-radius: 5px; padding: 0 6px; cursor: pointer; color: #1d3fae; }
.callid:hover { border-color: #b5c6f5; }
button.copy { padding: 0 7px; font-size: 11px; }
/* The label column is as wide as its longest label (monitoredUserMuted overlapped its value in a fixed 92 px). */
.call-body { display: grid; grid-template-columns: minmax(92px, max-content) minmax(0, 1fr); gap: 3px 10px; margin: 6px 0; }
.call-body .k { color: var(--muted); font-size: 12px; }
.ud { justify-self: start; border-collapse: collapse; font-family: var(--mono); font-size: 12px; }
.ud td { border: 1px solid var(--line); padding: 1px 7px; vertical-align: top; word-break: break-all; }
.ud td:first-child { background: var(--soft); color: #344054; font-weight: 600; }
.ud-empty { color: #98a2b3; font-size: 12px; }
.call-actions { display: flex; gap: 6px; flex-wrap: wrap; align-items: center; }
.call-actions .who { color: var(--muted); font-size: 12px; }
.call-actions .sep { width: 1px; height: 18px; background: var(--line); margin: 0 4px; }
.call-actions button { padding: 2px 9px; }
button.op-Hangup, button.op-Reject { color: var(--danger); }
button.op-Answer { color: var(--established); font-weight: 600; }
pre.json { margin: 6px 0 0; padding: 8px; background: #0f172a; color: #dbe4f3; border-radius: 6px; font-family: var(--mono); font-size: 11.5px; overflow: auto; max-height: 320px; white-space: pre-wrap; word-break: break-all; }
.ended-list > summary { cursor: pointer; color: var(--muted); font-size: 12px; margin-top: 6px; }
.ended-list .call { margin-top: 6px; }

/* log */
.log-card { flex: 1; min-height: 0; display: flex; flex-direction: column; padding-bottom: 4px; }
.log-head { display: flex; align-items: center; gap: 6px; flex-wrap: wrap; padding-bottom: 8px; border-bottom: 1px solid var(--line); }
.log-head h2 { margin-right: 4px; }
.log-head select { max-width: 96px; }
.log-head button { padding: 3px 8px; }
.call-filter { display: inline-flex; align-items: center; }
.call-filter input { width: 112px; font-family: var(--mono); font-size: 12px; }
.log-head .kind-cometd { color: var(--cometd); font-weight: 600; }
.log-head .kind-rest { color: var(--rest); font-weight: 600; }
#log-pause.on { background: #fff4d6; border-color: #f3d27a; }
.log-note { font-size: 12px; color: #7a4b00; background: #fff4d6; border-radius: 6px; padding: 3px 8px; margin-top: 6px; }
.log { flex: 1; min-height: 0; overflow: auto; font-size: 12px; }
.entry { border-bottom: 1px solid #eef1f5; }
.entry .line { display: grid; grid-template-columns: 86px 58px 84px minmax(0, 1fr) auto; gap: 8px; align-items: center; padding: 3px 4px; cursor: pointer; }
.entry .line:hover { background: var(--soft); }
.entry.open .line { background: #eef2ff; }
.entry.fresh .line { animation: flash 1.2s ease-out; }
.entry .t { font-family: var(--mono); color: var(--muted); font-size: 11.5px; }
.entry .kind { font-size: 10.5px; font-weight: 700; letter-spacing: .04em; border-radius: 4px; padding: 0 5px; text-align: center; color: #fff; }
.kind-cometd .kind { background: var(--cometd); }
.kind-rest .kind { background: var(--rest); }
.entry .u { font-family: var(--mono); color: #344054; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.entry .what { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.entry .what b { font-weight: 600; }
.entry .what .st { font-weight: 600; }
.entry .what .st-Ringing { color: var(--ringing); }
.entry .what .st-Dialing { color: var(--dialing); }
.entry .what .st-Established { color: var(--established); }
.entry .what .st-Held { color: var(--held); }
.entry .what .st-Released { color: var(--released); }
.entry .what .path { font-family: var(--mono); color: #475467; }
.entry .status { font-family: var(--mono); font-weight: 600; color: var(--established); }
.entry .status.bad { color: var(--danger); }
.entry .cid { font-family: var(--mono); font-size: 11px; color: #1d3fae; background: none; border: 0; padding: 0 2px; }
.entry .cid:hover { text-decoration: underline; }
.entry pre.json { margin: 0 4px 6px; }
.queued { color: #b45309; font-size: 11px; }

/* dialog and toasts */
dialog { border: 0; border-radius: 12px; padding: 16px 18px; width: min(560px, 94vw); box-shadow: 0 20px 50px rgba(15,23,42,.35); }
dialog::backdrop { background: rgba(15,23,42,.45); }
#op-form { display: flex; flex-direction: column; gap: 8px; }
#op-form .sub { margin: 0; color: var(--muted); }
.wire { font-family: var(--mono); font-size: 11.5px; background: var(--soft); border: 1px solid var(--line); border-radius: 6px; padding: 6px 8px; white-space: pre-wrap; word-break: break-all; color: #344054; }
.dialog-foot { display: flex; justify-content: flex-end; gap: 8px; }
.toasts { position: fixed; right: 16px; bottom: 16px; display: flex; flex-direction: column; gap: 8px; z-index: 10; max-width: min(440px, 90vw); }
.toast { background: #111a2e; color: #fff; border-radius: 8px; padding: 8px 12px; box-shadow: 0 8px 24px rgba(15,23,42,.3); white-space: pre-wrap; word-break: break-word; }
.toast.bad { background: #8a1c1c; }
.toast.ok { background: #14532d; }

@keyframes pulse { 50% { opacity: .55; } }
@keyframes flash { from { background: #fff1b8; } to { background: transparent; } }

/* One column: the page scrolls as a whole instead of each pane. */
@media (max-width: 1100px) {
  html, body { height: auto; }
  .layout { grid-template-columns: 1fr; }
  .pane { min-height: auto; }
  .agents-pane, .side-pane { overflow: visible; }
  .log { max-height: 70vh; }
  .grid3 { grid-template-columns: 1fr 1fr; }
}
`;
