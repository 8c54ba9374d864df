"""The festival board's page: one self-contained HTML file (no framework, nothing fetched but
its own event stream), in Chinese or English, for a wall screen and a laptop."""

from __future__ import annotations

import html
import json
from typing import Any

TEXTS: dict[str, dict[str, Any]] = {
    "zh": {
        "title": "直播节 · 全部直播间",
        "sold": "已售",
        "rate": "近 5 分钟",
        "on_air": "直播中",
        "studios": "直播间",
        "refunded": "退款",
        "net": "净",
        "per_minute": "每分钟销量（全部直播间）",
        "live": "直播中",
        "off": "未开播",
        "rehearsal": "彩排（不计入）",
        "quiet": "失联",
        "left": "剩余",
        "next": "下一环节",
        "heard": "最后联络",
        "stream_ok": "推流正常",
        "stream_bad": "推流异常",
        "stream_unknown": "推流未知",
        "in5": "{n} / 5 分钟",
        "message": "发给主播",
        "to_all": "全部主播",
        "send": "发送",
        "sent": "已发送",
        "offline": "与中枢的连接中断，正在重连…",
        "alarms": {
            "not-streaming": "未在推流",
            "reconnecting": "推流重连中",
            "congestion": "网络拥塞",
            "dropped-frames": "丢帧",
            "lagged-frames": "渲染跟不上",
            "low-fps": "帧率偏低",
            "recording-stopped": "录像已停止",
            "disk-low": "录像磁盘将满",
        },
    },
    "en": {
        "title": "Festival · every studio",
        "sold": "Sold",
        "rate": "Last 5 min",
        "on_air": "On air",
        "studios": "Studios",
        "refunded": "Refunded",
        "net": "net",
        "per_minute": "Sales per minute (all studios)",
        "live": "ON AIR",
        "off": "off air",
        "rehearsal": "rehearsal (not counted)",
        "quiet": "QUIET",
        "left": "left",
        "next": "next",
        "heard": "last heard",
        "stream_ok": "stream ok",
        "stream_bad": "stream trouble",
        "stream_unknown": "stream unknown",
        "in5": "{n} in 5 min",
        "message": "Message presenters",
        "to_all": "all presenters",
        "send": "Send",
        "sent": "sent",
        "offline": "Connection to the hub lost; reconnecting…",
        "alarms": {
            "not-streaming": "not streaming",
            "reconnecting": "reconnecting",
            "congestion": "congestion",
            "dropped-frames": "dropped frames",
            "lagged-frames": "lagged frames",
            "low-fps": "low frame rate",
            "recording-stopped": "recording stopped",
            "disk-low": "disk running out",
        },
    },
}

_STYLE = """
*{box-sizing:border-box;margin:0;padding:0}
html,body{height:100%;background:#0e1a2b;color:#f4f6f8;
  font-family:"Noto Sans CJK SC","Source Han Sans SC","WenQuanYi Micro Hei","PingFang SC",
  "Microsoft YaHei",sans-serif}
body{display:flex;flex-direction:column;padding:1.2vh 1.2vw;gap:1vh;overflow:hidden}
header{display:flex;gap:1.5vw;align-items:stretch}
#name{flex:0 0 auto;font-size:clamp(16px,2.2vh,30px);font-weight:700;align-self:center;
  max-width:22vw;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.total{background:#16263d;border-radius:8px;padding:.6vh .9vw;min-width:8vw}
.total .label{font-size:clamp(11px,1.4vh,18px);color:#9fb3c8;white-space:nowrap}
.total .value{font-size:clamp(22px,4.6vh,60px);font-weight:800;line-height:1.1;white-space:nowrap}
#chartbox{flex:1 1 auto;background:#16263d;border-radius:8px;padding:.5vh .6vw;min-width:0}
#chartbox .label{font-size:clamp(11px,1.4vh,18px);color:#9fb3c8;white-space:nowrap}
#chart{width:100%;height:calc(100% - 2vh);display:block}
#offline{display:none;background:#d32f2f;padding:.5vh 1vw;border-radius:6px;
  font-size:clamp(12px,1.6vh,20px)}
#tiles{flex:1 1 auto;display:grid;gap:.8vh .6vw;
  grid-template-columns:repeat(auto-fill,minmax(max(240px,15vw),1fr));grid-auto-rows:minmax(min-content,18vh);
  align-content:start;min-height:0}
.tile{background:#16263d;border-radius:8px;padding:.7vh .7vw;border-left:6px solid #455a64;
  display:grid;grid-template-rows:auto auto auto auto;gap:.25vh;overflow:hidden;min-width:0}
.tile.live{border-left-color:#d32f2f}.tile.quiet{border-left-color:#ffb300;background:#2b2410}
.tile.rehearsal{opacity:.75}
.row{display:flex;justify-content:space-between;gap:.5vw;align-items:baseline;min-width:0}
.title{font-size:clamp(13px,1.7vh,22px);font-weight:700;white-space:nowrap;overflow:hidden;
  text-overflow:ellipsis;min-width:0}
.badge{font-size:clamp(10px,1.3vh,16px);padding:0 .4vw;border-radius:4px;background:#455a64;
  white-space:nowrap;flex:0 0 auto}
.live .badge{background:#d32f2f}.quiet .badge{background:#ffb300;color:#000}
.count{font-size:clamp(22px,3.6vh,48px);font-weight:800;line-height:1.2}
.small{font-size:clamp(11px,1.35vh,17px);color:#c8d3df;white-space:nowrap;overflow:hidden;
  text-overflow:ellipsis;min-width:0}
.bad{color:#ff8a80}
#say{display:none;gap:.5vw;align-items:center}
#say input{flex:1 1 auto;font-size:16px;padding:4px 8px}#say select,#say button{font-size:16px}
"""

_SCRIPT = """
const T = TEXTS, params = new URLSearchParams(location.search);
const token = params.get("token") || "";
const base = location.pathname.replace(/\\/$/, "");
function el(tag, cls, text) { const e = document.createElement(tag);
  if (cls) e.className = cls; if (text !== undefined) e.textContent = text; return e; }
function clock(t) { if (!t) return "—"; const d = new Date(t * 1000);
  return d.toTimeString().slice(0, 8); }
function chart(data) {
  const svg = document.getElementById("chart"), counts = data.per_minute;
  const w = 600, h = 100, max = Math.max(1, ...counts), bw = w / counts.length;
  let bars = "";
  counts.forEach((c, i) => { const bh = (c / max) * (h - 4);
    bars += `<rect x="${(i * bw).toFixed(1)}" y="${(h - bh).toFixed(1)}" ` +
            `width="${Math.max(bw - 1, 1).toFixed(1)}" height="${bh.toFixed(1)}" ` +
            `fill="#ffb300"/>`; });
  svg.innerHTML = bars;
}
function tile(s) {
  const t = el("div", "tile");
  t.id = "tile-" + s.show;
  if (s.on_air && !s.rehearsal) t.classList.add("live");
  if (s.quiet) t.classList.add("quiet");
  if (s.rehearsal) t.classList.add("rehearsal");
  const top = el("div", "row");
  top.append(el("span", "title", (LANG === "en" && s.title_en) ? s.title_en : s.title));
  top.append(el("span", "badge", s.quiet ? T.quiet : s.rehearsal ? T.rehearsal
                                  : s.on_air ? T.live : T.off));
  const mid = el("div", "row");
  const count = el("span", "count", String(s.count)); count.id = "count-" + s.show;
  mid.append(count, el("span", "small", T.in5.replace("{n}", s.rate_5min)));
  const left = s.left ? " · " + T.left + " " + s.left : "";
  const next = s.next ? " · " + T.next + ": " + s.next : "";
  const seg = el("div", "small", s.on_air && s.segment ? `${s.segment}${left}${next}` : "—");
  const ok = s.stream === "ok", unknown = s.stream === "unknown";
  const health = el("div", "small" + (ok || unknown ? "" : " bad"),
      `${unknown ? T.stream_unknown : ok ? T.stream_ok : T.stream_bad}` +
      `${(s.alarms || []).map(a => " · " + (T.alarms[a] || a)).join("")}` +
      ` · ${T.heard} ${clock(s.heard_at)}`);
  t.append(top, mid, seg, health);
  return t;
}
function show(b) {
  document.getElementById("sold").textContent = b.totals.sold.toLocaleString();
  document.getElementById("rate").textContent = b.totals.rate_5min.toLocaleString();
  document.getElementById("onair").textContent = `${b.totals.on_air} / ${b.totals.studios}`;
  document.getElementById("refunded").textContent =
      `${b.totals.refunded} · ${T.net} ${b.totals.net}`;
  chart(b.chart);
  const tiles = document.getElementById("tiles");
  tiles.replaceChildren(...b.studios.map(tile));
  const select = document.getElementById("to");
  if (select && select.options.length !== b.studios.length + 1) {
    select.replaceChildren(el("option", "", T.to_all));
    select.options[0].value = "all";
    b.studios.forEach(s => { const o = el("option", "", s.title); o.value = s.show;
      select.append(o); });
  }
  window.boardUpdates = (window.boardUpdates || 0) + 1;
  window.board = b;
}
let source, wait = 500;
function connect() {
  source = new EventSource(`${base}/events?token=${encodeURIComponent(token)}`);
  source.addEventListener("board", e => { wait = 500;
    document.getElementById("offline").style.display = "none"; show(JSON.parse(e.data)); });
  source.onerror = () => { source.close();
    document.getElementById("offline").style.display = "block";
    setTimeout(connect, wait + Math.random() * wait); wait = Math.min(wait * 2, 10000); };
}
async function say() {
  const text = document.getElementById("words").value.trim();
  if (!text) return;
  const answer = await fetch(`${base}/message`, {method: "POST",
    headers: {"Content-Type": "application/json", "Authorization": "Bearer " + token},
    body: JSON.stringify({to: document.getElementById("to").value, text})});
  document.getElementById("said").textContent = answer.ok ? T.sent : answer.status;
}
if (params.get("organiser") === "1") document.getElementById("say").style.display = "flex";
document.getElementById("send").onclick = say;
connect();
"""


def board_html(campaign: str, language: str) -> str:
    texts = TEXTS[language]

    def label(text: Any) -> str:
        return html.escape(str(text))

    return f"""<!doctype html>
<html lang="{"zh-CN" if language == "zh" else "en"}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>{label(texts["title"])} · {label(campaign)}</title><style>{_STYLE}</style></head>
<body>
<header>
  <div id="name">{label(campaign)}</div>
  <div class="total"><div class="label">{label(texts["sold"])}</div>
    <div class="value" id="sold">—</div></div>
  <div class="total"><div class="label">{label(texts["rate"])}</div>
    <div class="value" id="rate">—</div></div>
  <div class="total"><div class="label">{label(texts["on_air"])}</div>
    <div class="value" id="onair">—</div></div>
  <div class="total"><div class="label">{label(texts["refunded"])}</div>
    <div class="value" id="refunded">—</div></div>
  <div id="chartbox"><div class="label">{label(texts["per_minute"])}</div>
    <svg id="chart" viewBox="0 0 600 100" preserveAspectRatio="none"></svg></div>
</header>
<div id="offline">{label(texts["offline"])}</div>
<div id="say"><span>{label(texts["message"])}</span><select id="to"></select>
  <input id="words" maxlength="200"><button id="send">{label(texts["send"])}</button>
  <span id="said"></span></div>
<main id="tiles"></main>
<script>const LANG = {json.dumps(language)};
const TEXTS = {json.dumps(texts, ensure_ascii=False)};
{_SCRIPT}</script>
</body></html>"""
