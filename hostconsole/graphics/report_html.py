"""A show's report, and a campaign's, as one self-contained HTML file: opens offline in any
browser, prints to A4, Chinese or English. The chart is the console's (graphics/chart.py),
written as inline SVG; nothing is fetched from anywhere."""

from __future__ import annotations

import html
import math
import re
import time
from pathlib import Path
from typing import TYPE_CHECKING

import msgspec

from hostconsole.domain.chart import minute_chart
from hostconsole.graphics.chart import PRINT_COLOURS, chart_svg

if TYPE_CHECKING:
    from collections.abc import Sequence

    from hostconsole.services.report import ShowReport

MAX_TIMELINE = 2000  # on-air log lines written out; the rest are counted
MAX_QUARANTINED = 500

LABELS: dict[str, dict[str, str]] = {
    "zh": {
        "lang": "zh-CN",
        "report": "直播结果报告",
        "campaign": "系列直播汇总",
        "rehearsal": "彩排 — 不是正式直播的结果",
        "sold": "售出{noun}",
        "minutes": "用时 {m} 分钟",
        "best": "最好的 5 分钟",
        "best_value": "5 分钟内 {n} 张",
        "goal": "目标",
        "goal_reached": "已达成",
        "goal_missed": "未达成",
        "no_goal": "未设目标",
        "peak": "每分钟最多",
        "peak_value": "{n} 张",
        "chart": "每分钟销量",
        "segments": "各环节",
        "segment": "环节",
        "planned": "计划",
        "actual": "实际",
        "vouchers": "{noun}",
        "per_minute": "每分钟",
        "products": "各产品",
        "product": "产品",
        "on_air": "播出时长",
        "corrections": "人工修正",
        "refunds": "退款或取消 {n} · 净 {net}",
        "reconcile": "与店铺订单导出对账",
        "reconcile_ok": "账本与导出一致：{n} 笔订单，共 {sold} 张。",
        "reconcile_diff": "不一致：账本缺 {a} 笔，导出缺 {b} 笔，"
        "数量不同 {c} 笔，退款不同 {d} 笔。",
        "no_reconcile": "尚未对账（hostconsole reconcile）。",
        "at": "时间",
        "amount": "数量",
        "reason": "原因",
        "origin": "来源",
        "faults": "数据源异常与隔离的事件",
        "clips": "成交时刻片段",
        "no_clips": "没有片段。",
        "evidence": "证据包",
        "no_evidence": "尚未生成证据包（hostconsole evidence）。",
        "manifest": "清单 SHA-256",
        "no_faults": "没有数据源异常，没有隔离的事件。",
        "source": "数据源",
        "raw": "原始内容",
        "timeline": "播出记录",
        "action": "操作",
        "detail": "内容",
        "result": "结果",
        "none": "无",
        "more": "另有 {n} 条未列出（见 hostconsole report --onair）",
        "hosts": "主持",
        "date": "日期",
        "show": "场次",
        "total": "合计",
        "shows": "{n} 场直播",
        "generated": "生成于 {t} · Host Console",
    },
    "en": {
        "lang": "en",
        "report": "Show results",
        "campaign": "Campaign summary",
        "rehearsal": "REHEARSAL — not the live show's results",
        "sold": "{Noun} sold",
        "minutes": "in {m} minutes",
        "best": "Best five minutes",
        "best_value": "{n} in 5 min",
        "goal": "Goal",
        "goal_reached": "reached",
        "goal_missed": "not reached",
        "no_goal": "no goal set",
        "peak": "Peak rate",
        "peak_value": "{n} a minute",
        "chart": "Sales per minute",
        "segments": "Segments",
        "segment": "Segment",
        "planned": "Planned",
        "actual": "Actual",
        "vouchers": "{Noun}",
        "per_minute": "Per minute",
        "products": "Products",
        "product": "Product",
        "on_air": "On air",
        "corrections": "Corrections",
        "refunds": "{n} refunded or cancelled · net {net}",
        "reconcile": "Reconciled with the shop's order export",
        "reconcile_ok": "The ledger agrees with the export: {n} orders, {sold} sold.",
        "reconcile_diff": "Differences: {a} missing in the ledger, {b} missing in the export, "
        "{c} quantities and {d} refunds differ.",
        "no_reconcile": "Not reconciled yet (hostconsole reconcile).",
        "at": "Time",
        "amount": "Amount",
        "reason": "Reason",
        "origin": "By",
        "faults": "Feed faults and quarantined events",
        "clips": "Clips of the moments that sold",
        "no_clips": "No clips.",
        "evidence": "Evidence pack",
        "no_evidence": "No evidence pack made yet (hostconsole evidence).",
        "manifest": "manifest SHA-256",
        "no_faults": "No feed faults, no quarantined events.",
        "source": "Source",
        "raw": "Raw event",
        "timeline": "On-air log",
        "action": "Action",
        "detail": "Detail",
        "result": "Result",
        "none": "none",
        "more": "{n} more not listed (hostconsole report --onair has them all)",
        "hosts": "Hosts",
        "date": "Date",
        "show": "Show",
        "total": "Total",
        "shows": "{n} shows",
        "generated": "Made {t} · Host Console",
    },
}

STYLE = """
@page { size: A4; margin: 14mm 12mm; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 190mm; padding: 8mm 4mm; color: #1a2330; background: #fff;
  font-family: "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "WenQuanYi Micro Hei",
  "Microsoft YaHei", "PingFang SC", "Helvetica Neue", Arial, sans-serif; font-size: 10.5pt; }
h1 { font-size: 18pt; margin: 0 0 2mm; color: #0e1a2b; }
h2 { font-size: 13pt; margin: 7mm 0 2mm; color: #0e1a2b; border-bottom: 2px solid #d7263d;
  padding-bottom: 1mm; break-after: avoid; }
.meta { color: #546e7a; margin-bottom: 4mm; }
.rehearsal { background: #fff3cd; border: 2px solid #d39e00; color: #6d4c00; font-weight: bold;
  padding: 2mm 3mm; margin: 3mm 0; }
.cards { display: grid; grid-template-columns: repeat(4, 1fr); gap: 3mm; break-inside: avoid; }
.card { border: 1px solid #cfd8dc; border-radius: 2mm; padding: 3mm; }
.card .label { color: #546e7a; font-size: 9pt; }
.card .value { font-size: 16pt; font-weight: bold; color: #0e1a2b; white-space: nowrap; }
@media print { .card .value { font-size: 13pt; } }
.card .sub { font-size: 9pt; color: #37474f; }
.good { color: #2e7d32 !important; } .bad { color: #c62828 !important; }
figure { margin: 0; break-inside: avoid; } svg { display: block; width: 100%; height: auto; }
ol.legend { margin: 4px 0 0; padding: 0; list-style: none; font-size: 12px; color: #37474f; }
ol.legend li { display: inline-block; margin-right: 14px; }
table { width: 100%; border-collapse: collapse; font-size: 9.5pt; }
thead { display: table-header-group; }
th, td { text-align: left; padding: 1.2mm 1.5mm; border-bottom: 1px solid #e0e6ea;
  vertical-align: top; overflow-wrap: anywhere; }
th { color: #546e7a; font-weight: normal; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.t { white-space: nowrap; font-variant-numeric: tabular-nums; }
tr { break-inside: avoid; }
.raw { font-family: monospace; font-size: 8pt; color: #455a64; }
.multiples { display: grid; grid-template-columns: 1fr 1fr; gap: 4mm; }
.multiples figcaption { font-size: 9pt; color: #37474f; margin-bottom: 1mm; }
footer { margin-top: 8mm; color: #90a4ae; font-size: 8pt; }
"""


def _clock(epoch: float, seconds: bool = True) -> str:
    return time.strftime("%H:%M:%S" if seconds else "%H:%M", time.localtime(epoch))


def _duration(seconds: float) -> str:
    whole = round(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


# The on-air log is written in English (it is the evidence, word for word); the Chinese
# report states each line in Chinese, names and ids kept as they are.
_ACTIONS_ZH = {
    "go": "播出",
    "next": "下一环节",
    "previous": "上一环节",
    "finish": "结束",
    "pause": "暂停",
    "resume": "继续",
    "restart": "重新开始",
    "time": "调整时长",
    "take": "切换",
    "overlay": "图形",
    "caption": "字幕",
    "push": "推送要点",
    "message": "消息",
    "milestone": "里程碑",
    "prompt": "提示",
    "prompter": "提词器",
    "question": "观众提问",
    "correction": "人工修正",
    "preflight": "开播前检查",
    "edit": "编辑",
    "clock": "时钟",
}
_ORIGINS_ZH = {
    "console": "控制台",
    "shortcut": "快捷键",
    "automatic": "自动",
    "auto": "自动",
    "system": "系统",
    "presenter": "主讲人",
}
_DETAILS_ZH = (
    (re.compile(r"^(.+) → scene (.+)$"), r"\1 → 场景 \2"),
    (re.compile(r"^talking point (.+)$"), r"要点 \1"),
    (re.compile(r"^the show ended$"), "节目结束"),
    (re.compile(r"^(\S+) shown in (.+)$"), r"\1 上屏（\2）"),
    (re.compile(r"^(\S+) hidden in (.+)$"), r"\1 撤下（\2）"),
    (re.compile(r"^all graphics cleared$"), "全部图形撤下"),
    (re.compile(r"^paused in (.+)$"), r"暂停于 \1"),
    (re.compile(r"^resumed in (.+)$"), r"继续 \1"),
    (re.compile(r"^program is (.+)$"), r"主画面为 \1"),
    (re.compile(r"^run sheet started afresh$"), "流程重新开始"),
    (re.compile(r"^([+-][\d.]+) s on (.+)$"), r"\2 时长 \1 秒"),
    (re.compile(r"^([\d,]+) vouchers sold$"), r"已售 \1"),
    (re.compile(r"^(\w+): expired \(sales stopped\)$"), r"\1：已过期（销售停止）"),
)


def _log_line_zh(action: str, origin: str, detail: str, result: str) -> tuple[str, ...]:
    """One on-air log line in Chinese: the action, who did it, what, and how it went."""
    for pattern, replacement in _DETAILS_ZH:
        if pattern.match(detail):
            detail = pattern.sub(replacement, detail)
            break
    kind, _colon, where = origin.partition(":")
    origin = f"控制接口 {where}" if kind == "control-api" else _ORIGINS_ZH.get(origin, origin)
    result = "成功" if result == "ok" else result
    return _ACTIONS_ZH.get(action, action), origin, detail, result


def _named(report: ShowReport, language: str, name: str) -> str:
    """A host's, segment's or product's name in the report's language (where it has one)."""
    return report.names_en.get(name, name) if language == "en" else name


def _hosts(report: ShowReport, language: str) -> str:
    return ("、" if language == "zh" else ", ").join(
        _named(report, language, host) for host in report.hosts
    )


def _chart(
    report: ShowReport, width: float, height: float, font_px: float, language: str = "zh"
) -> str:
    picture = minute_chart(
        report.buckets,
        math.floor(report.start / 60) * 60,  # the buckets are wall-clock minutes
        width=width,
        height=height,
        clock=lambda epoch: _clock(epoch, seconds=False),
        bands=[
            msgspec.structs.replace(b, name=_named(report, language, b.name)) for b in report.bands
        ],
        milestones=report.milestones,
        font_px=font_px,
        numbered=True,
    )
    legend = "".join(f"<li><b>{_e(number)}</b> {_e(name)}</li>" for number, name in picture.legend)
    svg = chart_svg(picture, PRINT_COLOURS, font_px, report.title)
    return svg + (f'<ol class="legend">{legend}</ol>' if legend else "")


def _title(report: ShowReport, language: str) -> str:
    return report.title_en if language == "en" and report.title_en else report.title


def _labels(language: str, noun_zh: str = "券", noun_en: str = "vouchers") -> dict[str, str]:
    """The report's words in a language, with the show's own noun for what it sold."""
    english = language == "en"
    noun = noun_en if english else noun_zh
    return {
        key: value.replace("{noun}", noun).replace("{Noun}", noun[:1].upper() + noun[1:])
        for key, value in LABELS["en" if english else "zh"].items()
    }


def show_html(report: ShowReport, language: str = "zh") -> str:
    """The whole report of one show."""
    text = _labels(language, report.voucher_noun, report.voucher_noun_en)
    title = _title(report, language)
    parts = [
        f'<!DOCTYPE html><html lang="{text["lang"]}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(title)} — {_e(text['report'])}</title><style>{STYLE}</style></head><body>",
        f'<h1 id="title">{_e(title)}</h1>',
        f'<div class="meta">{_e(text["report"])}'
        + (f" · {_e(text['date'])} {_e(report.date)}" if report.date else "")
        + (f" · {_e(text['hosts'])} {_e(_hosts(report, language))}" if report.hosts else "")
        + "</div>",
    ]
    if report.rehearsal:
        parts.append(f'<div class="rehearsal" id="rehearsal">{_e(text["rehearsal"])}</div>')
    goal_text, goal_class, goal_sub = text["no_goal"], "", ""
    if report.goal:
        reached = bool(report.goal_reached)
        goal_text = text["goal_reached" if reached else "goal_missed"]
        goal_sub = f"{report.count:,} / {report.goal:,}"
        goal_class = "good" if reached else "bad"
    parts.append('<section id="headline" class="cards">')
    sold_sub = text["minutes"].format(m=round(report.minutes))
    if report.refunded:
        refunds = text["refunds"].format(n=f"{report.refunded:,}", net=f"{report.net:,}")
        sold_sub += f" · {refunds}"
    for label, value, sub, css in (
        (text["sold"], f"{report.count:,}", sold_sub, ""),
        (
            text["best"],
            text["best_value"].format(n=f"{report.best_five:,}"),
            _clock(report.best_five_at, seconds=False) if report.best_five_at else "",
            "",
        ),
        (text["goal"], goal_text, goal_sub, goal_class),
        (text["peak"], text["peak_value"].format(n=f"{report.peak_per_minute:,}"), "", ""),
    ):
        parts.append(
            f'<div class="card"><div class="label">{_e(label)}</div>'
            f'<div class="value {css}">{_e(value)}</div><div class="sub">{_e(sub)}</div></div>'
        )
    parts.append("</section>")
    parts.append(f'<h2>{_e(text["chart"])}</h2><figure id="chart">')
    parts.append(_chart(report, 720, 220, 11, language))
    parts.append("</figure>")

    parts.append(f'<h2>{_e(text["segments"])}</h2><table id="segments"><thead><tr>')
    parts.append(
        f'<th>{_e(text["segment"])}</th><th class="n">{_e(text["planned"])}</th>'
        f'<th class="n">{_e(text["actual"])}</th><th class="n">{_e(text["vouchers"])}</th>'
        f'<th class="n">{_e(text["per_minute"])}</th></tr></thead><tbody>'
    )
    for row in report.segments:
        parts.append(
            f"<tr><td>{_e(_named(report, language, row.title))}</td>"
            f"<td class='n'>{_duration(row.planned)}</td>"
            f"<td class='n'>{_duration(row.actual)}</td><td class='n'>{row.vouchers:,}</td>"
            f"<td class='n'>{row.per_minute:.1f}</td></tr>"
        )
    parts.append("</tbody></table>")

    parts.append(f'<h2>{_e(text["products"])}</h2><table id="products"><thead><tr>')
    parts.append(
        f'<th>{_e(text["product"])}</th><th class="n">{_e(text["vouchers"])}</th>'
        f'<th class="n">{_e(text["on_air"])}</th></tr></thead><tbody>'
    )
    for product in report.products:
        parts.append(
            f"<tr><td>{_e(_named(report, language, product.name))}</td>"
            f"<td class='n'>{product.vouchers:,}</td>"
            f"<td class='n'>{_duration(product.seconds_on_air)}</td></tr>"
        )
    parts.append("</tbody></table>")

    parts.append(f'<h2>{_e(text["corrections"])}</h2><section id="corrections">')
    if report.corrections:
        parts.append(
            f'<table><thead><tr><th>{_e(text["at"])}</th><th class="n">{_e(text["amount"])}'
            f"</th><th>{_e(text['reason'])}</th><th>{_e(text['origin'])}</th></tr></thead><tbody>"
        )
        for correction in report.corrections:
            parts.append(
                f"<tr><td class='t'>{_clock(correction.at)}</td>"
                f"<td class='n'>{correction.amount:+,}</td><td>{_e(correction.reason)}</td>"
                f"<td>{_e(correction.origin)}</td></tr>"
            )
        parts.append("</tbody></table>")
    else:
        parts.append(f"<p>{_e(text['none'])}</p>")
    parts.append("</section>")

    parts.append(f'<h2>{_e(text["faults"])}</h2><section id="faults">')
    if not report.flags and not report.quarantined:
        parts.append(f"<p>{_e(text['no_faults'])}</p>")
    if report.flags:
        parts.append("<ul>" + "".join(f"<li>{_e(flag)}</li>" for flag in report.flags) + "</ul>")
    if report.quarantined:
        parts.append(
            f"<table><thead><tr><th>{_e(text['at'])}</th><th>{_e(text['source'])}</th>"
            f"<th>{_e(text['reason'])}</th><th>{_e(text['raw'])}</th></tr></thead><tbody>"
        )
        for item in report.quarantined[:MAX_QUARANTINED]:
            raw = item.raw if len(item.raw) <= 160 else item.raw[:159] + "…"
            parts.append(
                f"<tr><td class='t'>{_clock(item.at)}</td><td>{_e(item.source)}</td>"
                f"<td>{_e(item.reason)}</td><td class='raw'>{_e(raw)}</td></tr>"
            )
        parts.append("</tbody></table>")
        if len(report.quarantined) > MAX_QUARANTINED:
            parts.append(
                f"<p>{_e(text['more'].format(n=len(report.quarantined) - MAX_QUARANTINED))}</p>"
            )
    parts.append("</section>")

    parts.append(f'<h2>{_e(text["clips"])}</h2><section id="clips">')
    made = [clip for clip in report.clips if clip.get("file")]
    if made:
        parts.append("<ul>")
        for clip in made:
            file = Path(str(clip["file"]))
            link = file.as_uri() if file.is_absolute() else ""
            seconds = float(clip.get("seconds", 0))
            parts.append(
                f"<li><span class='t'>{_clock(float(clip.get('at', 0.0)))}</span> "
                f"{_e(str(clip.get('what', '')))} — <a href='{_e(link)}'>"
                f"{_e(file.name)}</a> ({seconds:.0f} s)</li>"
            )
        parts.append("</ul>")
    else:
        parts.append(f"<p>{_e(text['no_clips'])}</p>")
    parts.append("</section>")
    parts.append(f'<h2>{_e(text["reconcile"])}</h2><section id="reconcile">')
    checked = report.reconciliation
    if checked:
        if checked.get("agrees"):
            summary = text["reconcile_ok"].format(
                n=checked.get("matched", 0), sold=f"{checked.get('export_sold', 0):,}"
            )
        else:
            summary = text["reconcile_diff"].format(
                a=len(checked.get("missing_in_ledger", [])),
                b=len(checked.get("missing_in_export", [])),
                c=len(checked.get("quantity_differs", [])),
                d=len(checked.get("refund_differs", [])),
            )
        parts.append(f"<p>{_e(summary)} <code>{_e(str(checked.get('export', '')))}</code></p>")
        rows = [
            *(
                ("−", str(i.get("order")), str(i.get("quantity")))
                for i in checked.get("missing_in_ledger", [])
            ),
            *(
                ("+", str(i.get("order")), str(i.get("quantity")))
                for i in checked.get("missing_in_export", [])
            ),
            *(
                ("≠", str(i.get("order")), f"{i.get('ledger')} / {i.get('export')}")
                for i in checked.get("quantity_differs", [])
            ),
        ]
        if rows:
            parts.append("<table><tbody>")
            for mark, order, amount in rows[:200]:
                parts.append(
                    f"<tr><td>{_e(mark)}</td><td>{_e(order)}</td>"
                    f"<td class='n'>{_e(amount)}</td></tr>"
                )
            parts.append("</tbody></table>")
    else:
        parts.append(f"<p>{_e(text['no_reconcile'])}</p>")
    parts.append("</section>")
    parts.append(f'<h2>{_e(text["evidence"])}</h2><section id="evidence">')
    pack = report.evidence
    if pack and pack.get("pack"):
        folder = Path(str(pack["pack"]))
        parts.append(
            f"<p><a href='{_e(folder.as_uri())}'>{_e(str(folder))}</a> · "
            f"{_e(text['manifest'])} <code>{_e(str(pack.get('manifest_sha256', '')))}</code></p>"
        )
    else:
        parts.append(f"<p>{_e(text['no_evidence'])}</p>")
    parts.append("</section>")

    parts.append(f'<h2>{_e(text["timeline"])}</h2><section id="timeline">')
    if report.timeline:
        parts.append(
            f"<table><thead><tr><th>{_e(text['at'])}</th><th>{_e(text['action'])}</th>"
            f"<th>{_e(text['origin'])}</th><th>{_e(text['detail'])}</th>"
            f"<th>{_e(text['result'])}</th></tr></thead><tbody>"
        )
        for line in report.timeline[:MAX_TIMELINE]:
            action, origin, detail, result = (
                _log_line_zh(line.action, line.origin, line.detail, line.result)
                if language == "zh"
                else (line.action, line.origin, line.detail, line.result)
            )
            parts.append(
                f"<tr><td class='t'>{_clock(line.at)}</td><td>{_e(action)}</td>"
                f"<td>{_e(origin)}</td><td>{_e(detail)}</td><td>{_e(result)}</td></tr>"
            )
        parts.append("</tbody></table>")
        if len(report.timeline) > MAX_TIMELINE:
            parts.append(f"<p>{_e(text['more'].format(n=len(report.timeline) - MAX_TIMELINE))}</p>")
    else:
        parts.append(f"<p>{_e(text['none'])}</p>")
    parts.append("</section>")
    parts.append(
        f"<footer>{_e(text['generated'].format(t=time.strftime('%Y-%m-%d %H:%M')))}</footer>"
        "</body></html>"
    )
    return "".join(parts)


def campaign_html(reports: Sequence[ShowReport], language: str = "zh") -> str:
    """Several shows: one row each, the totals, and each show's chart as a small multiple."""
    nouns = {(r.voucher_noun, r.voucher_noun_en) for r in reports}
    noun_zh, noun_en = nouns.pop() if len(nouns) == 1 else ("券", "vouchers")
    text = _labels(language, noun_zh, noun_en)
    parts = [
        f'<!DOCTYPE html><html lang="{text["lang"]}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(text['campaign'])}</title><style>{STYLE}</style></head><body>",
        f'<h1 id="title">{_e(text["campaign"])}</h1>',
        f'<div class="meta">{_e(text["shows"].format(n=len(reports)))}</div>',
        f'<table id="shows"><thead><tr><th>{_e(text["date"])}</th><th>{_e(text["show"])}</th>'
        f"<th>{_e(text['hosts'])}</th><th>{_e(text['products'])}</th>"
        f'<th class="n">{_e(text["vouchers"])}</th><th class="n">{_e(text["best"])}</th>'
        "</tr></thead><tbody>",
    ]
    for report in reports:
        products = ("、" if language == "zh" else ", ").join(
            _named(report, language, p.name) for p in report.products
        )
        marker = f" <b>({_e(text['rehearsal'])})</b>" if report.rehearsal else ""
        parts.append(
            f"<tr><td class='t'>{_e(report.date)}</td><td>{_e(_title(report, language))}"
            f"{marker}</td><td>{_e(_hosts(report, language))}</td><td>{_e(products)}</td>"
            f"<td class='n'>{report.count:,}</td>"
            f"<td class='n'>{_e(text['best_value'].format(n=f'{report.best_five:,}'))}</td></tr>"
        )
    live = [r for r in reports if not r.rehearsal]
    total = sum(r.count for r in live)
    best = max((r.best_five for r in live), default=0)
    parts.append(
        f"</tbody><tfoot><tr id='totals'><th colspan='4'>{_e(text['total'])}</th>"
        f"<th class='n'>{total:,}</th>"
        f"<th class='n'>{_e(text['best_value'].format(n=f'{best:,}'))}</th></tr></tfoot></table>"
    )
    parts.append(f'<h2>{_e(text["chart"])}</h2><div class="multiples" id="multiples">')
    for report in reports:
        parts.append(
            f"<figure><figcaption>{_e(report.date)} {_e(_title(report, language))}</figcaption>"
            f"{_chart(report, 360, 120, 9, language)}</figure>"
        )
    parts.append(
        f"</div><footer>{_e(text['generated'].format(t=time.strftime('%Y-%m-%d %H:%M')))}"
        "</footer></body></html>"
    )
    return "".join(parts)
