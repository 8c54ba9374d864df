"""Command line: ``hostconsole [SHOW] [--demo]``, ``validate``, ``import-csv``, ``report``,
``--version``."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hostconsole import __version__

if TYPE_CHECKING:
    from collections.abc import Sequence

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_INVALID = 2


def _validate(args: argparse.Namespace) -> int:
    from hostconsole.adapters.storage.showfile import ShowFileError, banned_words, load_show
    from hostconsole.domain.show import advertising_warnings, content_warnings, theme_warnings

    try:
        show = load_show(args.show_file)
    except ShowFileError as error:
        print(error, file=sys.stderr)
        count = len(error.errors)
        print(
            f"{count} error{'s' if count != 1 else ''}; the show was not accepted.", file=sys.stderr
        )
        return EXIT_INVALID
    from hostconsole.adapters.storage.showfile import field_positions
    from hostconsole.domain.overlays import overlap_warnings, placement_warnings
    from hostconsole.graphics.check import check_graphics, logo_warnings

    warnings = advertising_warnings(show, banned_words()) + placement_warnings(show)
    warnings += overlap_warnings(show) + theme_warnings(show) + content_warnings(show)
    cut, errors = check_graphics(show, Path(args.show_file).resolve().parent)
    warnings += cut + logo_warnings(show, Path(args.show_file).resolve().parent)
    if errors:
        where_error = field_positions(args.show_file)
        for problem in errors:
            line, column = where_error(problem.path)
            print(
                f"{args.show_file}:{line}:{column}: error: {problem.path}: {problem.message}",
                file=sys.stderr,
            )
        count = len(errors)
        print(
            f"{count} error{'s' if count != 1 else ''}; the show was not accepted.", file=sys.stderr
        )
        return EXIT_INVALID
    where = field_positions(args.show_file)
    for warning in warnings:
        line, column = where(warning.path)
        print(
            f"{args.show_file}:{line}:{column}: warning: {warning.path}: {warning.message}",
            file=sys.stderr,
        )
    suffix = f" ({len(warnings)} warning{'s' if len(warnings) != 1 else ''})" if warnings else ""
    print(f"OK {show.summary()}{suffix}")
    return EXIT_OK


def _import_csv(args: argparse.Namespace) -> int:
    from hostconsole.adapters.storage.runsheet_csv import import_runsheet_csv
    from hostconsole.adapters.storage.showfile import ShowFileError

    try:
        imported = import_runsheet_csv(args.csv_file, title=args.title)
    except ShowFileError as error:
        print(error, file=sys.stderr)
        return EXIT_INVALID
    if args.output is None:
        sys.stdout.write(imported.yaml_text)
    else:
        output = Path(args.output)
        if output.exists() and not args.force:
            print(f"{output}: already exists; pass --force to replace it", file=sys.stderr)
            return EXIT_FAILURE
        output.write_text(imported.yaml_text, encoding="utf-8")
        print(f"OK {imported.show.summary()} -> {output}")
    return EXIT_OK


def _report_language(choice: str | None) -> str:
    if choice:
        return choice
    from hostconsole.adapters.storage.settings import load_settings

    language = load_settings()[0].language
    if language in ("zh_CN", "en"):
        return "zh" if language == "zh_CN" else "en"
    lang = os.environ.get("LC_ALL") or os.environ.get("LC_MESSAGES") or os.environ.get("LANG", "")
    return "zh" if lang.startswith("zh") else "en"


def _show_results(target: str, rehearsal: bool) -> tuple[Any, Any]:
    """(ShowData, Show) for a show file, a show's data folder or its ledger file."""
    from hostconsole.adapters.storage.settings import data_dir
    from hostconsole.adapters.storage.showfile import ShowDocument, load_show
    from hostconsole.services.report import ReportError, ShowData, show_data
    from hostconsole.services.show import show_key

    path = Path(target)
    if path.suffix.lower() in (".yaml", ".yml"):
        document = ShowDocument.open(path)
        folder = data_dir() / "shows" / show_key(document)
        return ShowData(folder / "rehearsal" if rehearsal else folder, path, rehearsal), (
            document.show
        )
    folder = path.parent if path.is_file() else path
    if rehearsal and (folder / "rehearsal").is_dir():
        folder = folder / "rehearsal"
    data = show_data(folder)
    if data.show_file is None:
        raise ReportError(
            f"{folder}: the show file this ledger belongs to is not where it was; "
            "give the show file instead (hostconsole report SHOW.yaml)"
        )
    return data, load_show(data.show_file)


def _html_report(args: argparse.Namespace) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    from hostconsole.adapters.storage.showfile import ShowFileError
    from hostconsole.graphics.report_html import campaign_html, show_html
    from hostconsole.services.report import ReportError, load_report

    app = QGuiApplication.instance() or QGuiApplication(["hostconsole"])
    del app
    language = _report_language(args.lang)
    targets = list(args.campaign or []) or ([args.ledger] if args.ledger else [])
    if not targets:
        print("report: give a show (or --campaign SHOW SHOW …)", file=sys.stderr)
        return EXIT_INVALID
    try:
        reports = []
        for target in targets:
            if args.hub:
                reports.append(_hub_report(args.hub, Path(target), args.rehearsal))
                continue
            data, show = _show_results(target, args.rehearsal)
            reports.append(load_report(data, show))
    except (ReportError, ShowFileError) as error:
        print(error, file=sys.stderr)
        return EXIT_INVALID
    page = campaign_html(reports, language) if args.campaign else show_html(reports[0], language)
    output = Path(args.html)
    partial = output.with_name(f".{output.name}.partial")
    partial.write_text(page, encoding="utf-8")
    os.replace(partial, output)
    for report in reports:
        print(
            f"{report.title}: {report.count:,} vouchers in {report.minutes:.0f} min, "
            f"best 5 min {report.best_five:,}" + (" (rehearsal)" if report.rehearsal else "")
        )
    print(f"-> {output}")
    return EXIT_OK


def _closed_ledger(args: argparse.Namespace) -> tuple[Path, Any] | None:
    """The whole ledger a command reads after the show (``args.ledger``, ``args.rehearsal``),
    with the show's lock held so no console writes it meanwhile; None (said why) otherwise."""
    from hostconsole.adapters.storage.ledger_db import file_damage
    from hostconsole.adapters.storage.showfile import ShowFileError
    from hostconsole.adapters.storage.showlock import ShowLock, ShowLockedError
    from hostconsole.services.report import ReportError, missing_ledger

    try:
        ledger = _ledger_of(Path(args.ledger), args.rehearsal)
    except (ReportError, ShowFileError) as error:
        print(error, file=sys.stderr)
        return None
    if not ledger.is_file():
        print(missing_ledger(ledger, rehearsal=args.rehearsal), file=sys.stderr)
        return None
    damage = file_damage(ledger)
    if damage is not None:  # a report reads; salvaging is the console's, when it opens
        print(
            f"{ledger}: not a whole ledger ({damage}); open the show in Host Console, which "
            "keeps this file and rebuilds the ledger from what can be read",
            file=sys.stderr,
        )
        return None
    # Never beside a console that has the show open (it owns the file).
    lock = ShowLock(ledger.parent)
    try:
        lock.acquire()
    except ShowLockedError:
        print(
            f"{ledger}: the show is open in Host Console; use its Report button, or run this "
            "after closing the show",
            file=sys.stderr,
        )
        return None
    return ledger, lock


def _report(args: argparse.Namespace) -> int:
    import asyncio
    import time

    if args.html or args.campaign:
        if args.campaign and not args.html:
            print("report: --campaign needs --html FILE", file=sys.stderr)
            return EXIT_INVALID
        return _html_report(args)
    if not args.ledger:
        print("report: give the show's ledger file, data folder or show file", file=sys.stderr)
        return EXIT_INVALID

    from hostconsole.adapters.storage.ledger_db import LedgerError, LedgerStore
    from hostconsole.services.vouchers import (
        VoucherCounter,
        write_quarantine_csv,
        write_segment_summary_csv,
    )

    held = _closed_ledger(args)
    if held is None:
        return EXIT_INVALID
    ledger, lock = held

    async def report() -> int:
        counter = VoucherCounter(LedgerStore(ledger))
        await counter.open()
        try:
            if args.entries:
                rows = await counter.export_csv(Path(args.entries))
                print(f"{rows} entries -> {args.entries}")
            summary = counter.state.segment_summary(
                time.time() if args.until is None else args.until
            )
            if args.summary:
                write_segment_summary_csv(counter, Path(args.summary), args.until or time.time())
                print(f"{len(summary)} segments -> {args.summary}")
            if args.onair:
                from hostconsole.adapters.storage.onair_log import OnAirLog

                log_file = ledger.parent / "on-air-log.jsonl"
                if log_file.is_file():
                    onair = OnAirLog(log_file)
                    lines = onair.export_csv(Path(args.onair))
                    onair.close()
                    print(f"{lines} on-air log lines -> {args.onair}")
                else:
                    print(f"{log_file}: no on-air log beside this ledger", file=sys.stderr)
            quarantined = await counter.store.quarantine_list()
            if args.quarantine:
                write_quarantine_csv(quarantined, Path(args.quarantine))
                print(f"{len(quarantined)} quarantined events -> {args.quarantine}")
            print(f"vouchers on air: {counter.count}")
            if quarantined:
                print(f"quarantined feed events (not counted): {len(quarantined)}")
            for row in summary:
                print(
                    f"  {row.segment_id}: {row.vouchers} in {row.seconds_on_air / 60:.1f} min "
                    f"({row.per_minute:.2f}/min)"
                )
        finally:
            await counter.close()
        return EXIT_OK

    try:
        return asyncio.run(report())
    except LedgerError as error:
        print(error, file=sys.stderr)
        return EXIT_INVALID
    finally:
        lock.release()


def _evidence(args: argparse.Namespace) -> int:
    """Make a show run's evidence pack (SHOW -o DIR), or check one (--verify DIR)."""
    import asyncio
    import json

    from hostconsole import __version__
    from hostconsole.adapters.storage.ledger_db import LedgerError, LedgerStore
    from hostconsole.adapters.storage.showfile import ShowFileError, load_show
    from hostconsole.adapters.storage.showlock import ShowLock, ShowLockedError
    from hostconsole.services.evidence import EvidenceError, make_pack, verify_pack
    from hostconsole.services.report import ReportError
    from hostconsole.services.vouchers import VoucherCounter

    if args.verify:
        try:
            problems = verify_pack(Path(args.verify))
        except EvidenceError as error:
            print(error, file=sys.stderr)
            return EXIT_INVALID
        for problem in problems:
            print(problem, file=sys.stderr)
        if problems:
            print(
                f"{args.verify}: {len(problems)} file(s) differ from the manifest", file=sys.stderr
            )
            return EXIT_INVALID
        print(f"{args.verify}: every file is as the manifest says")
        return EXIT_OK
    if not args.show or not args.output:
        print("evidence: give the show file and -o DIR (or --verify DIR)", file=sys.stderr)
        return EXIT_INVALID
    show_file = Path(args.show)
    try:
        ledger = _ledger_of(show_file, args.rehearsal)
        show = load_show(show_file)
    except (ReportError, ShowFileError) as error:
        print(error, file=sys.stderr)
        return EXIT_INVALID
    folder = ledger.parent
    lock = ShowLock(folder)
    try:
        lock.acquire()
    except ShowLockedError:
        print(
            f"{folder}: the show is open in Host Console; make the pack after closing it",
            file=sys.stderr,
        )
        return EXIT_INVALID
    out = Path(args.output)
    entries = out.parent / f".{out.name}.entries.csv"

    async def export() -> None:
        counter = VoucherCounter(LedgerStore(ledger))
        await counter.open()
        try:
            await counter.export_csv(entries)
        finally:
            await counter.close()

    try:
        if ledger.is_file():
            out.parent.mkdir(parents=True, exist_ok=True)
            asyncio.run(export())
        result = make_pack(
            folder,
            show_file,
            out,
            version=__version__,
            title=show.title,
            entries_csv=entries,
        )
    except (EvidenceError, LedgerError, OSError) as error:
        print(f"evidence: {error}", file=sys.stderr)
        return EXIT_INVALID
    finally:
        entries.unlink(missing_ok=True)
        lock.release()
    # The report links the latest pack.
    (folder / "evidence.json").write_text(
        json.dumps(
            {"pack": str(out.resolve()), "manifest_sha256": result.manifest_sha256},
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    print(f"{result.files} files, {result.recordings} recording(s) -> {out}")
    for path in result.unreachable:
        print(f"recording not reachable (named in the manifest): {path}", file=sys.stderr)
    print(f"manifest SHA-256: {result.manifest_sha256}")
    return EXIT_OK


def _hub_report(hub: str, show_file: Path, rehearsal: bool) -> Any:
    """A show's report from the ledger entries the hub holds (the festival board's source)."""
    import httpx

    from hostconsole.adapters.storage.showfile import load_show
    from hostconsole.hub.board import entry_from_json
    from hostconsole.services.report import ReportError, build_report

    show = load_show(show_file)
    if not show.id or not show.campaign:
        raise ReportError(f"{show_file}: a show read from the hub needs an id and a campaign")
    token = os.environ.get("HOSTCONSOLE_BOARD_TOKEN", "")
    try:
        answer = httpx.get(
            f"{hub.rstrip('/')}/board/{show.campaign}/ledger/{show.id}",
            params={"mode": "rehearsal" if rehearsal else "live"},
            headers={"Authorization": f"Bearer {token}"},
            timeout=60,
        )
    except httpx.HTTPError as error:
        raise ReportError(f"{hub}: {error}") from None
    if answer.status_code != 200:
        raise ReportError(f"{hub}: {answer.status_code} {answer.text.strip()}")
    entries = [entry_from_json(item) for item in answer.json()["entries"]]
    return build_report(show, entries, rehearsal=rehearsal)


def _reconcile(args: argparse.Namespace) -> int:
    from hostconsole.adapters.storage.ledger_db import LedgerError
    from hostconsole.adapters.storage.orders_export import ExportError
    from hostconsole.services.reconcile import RECONCILE_FILE, reconcile_show

    columns = {}
    for item in args.column:
        role, _, name = item.partition("=")
        if role not in ("order", "quantity", "status", "sku") or not name:
            print(f"reconcile: --column {item}: give ROLE=NAME", file=sys.stderr)
            return EXIT_INVALID
        columns[role] = name
    held = _closed_ledger(args)
    if held is None:
        return EXIT_INVALID
    ledger, lock = held
    try:
        result = reconcile_show(ledger, Path(args.orders), args.platform, columns)
    except (ExportError, LedgerError, OSError) as error:
        print(f"reconcile: {error}", file=sys.stderr)
        return EXIT_INVALID
    finally:
        lock.release()
    print(
        f"ledger {result.ledger_sold:,} sold in {len(result.missing_in_export) + result.matched}"
        f" orders; export {result.export_sold:,}; {result.matched} matched"
    )
    for order, quantity in result.missing_in_ledger:
        print(f"missing in the ledger: {order} ({quantity})")
    for order, quantity in result.missing_in_export:
        print(f"missing in the export: {order} ({quantity})")
    for order, mine, theirs in result.quantity_differs:
        print(f"quantity differs: {order}: ledger {mine}, export {theirs}")
    for order, mine_refunded, theirs_refunded in result.refund_differs:
        print(
            f"refund differs: {order}: ledger {'refunded' if mine_refunded else 'sold'}, "
            f"export {'refunded' if theirs_refunded else 'sold'}"
        )
    print(
        ("OK the ledger agrees" if result.agrees else "DIFFERENCES found")
        + f" -> {ledger.parent / RECONCILE_FILE}"
    )
    return EXIT_OK if result.agrees else EXIT_FAILURE


def _ledger_of(target: Path, rehearsal: bool) -> Path:
    """The ledger file a report reads: a show file's (through its data folder), a data
    folder's, or a ``.sqlite`` file named outright — never any other file (a show file
    opened as a ledger would be taken for a damaged one)."""
    from hostconsole.adapters.storage.settings import data_dir
    from hostconsole.adapters.storage.showfile import ShowDocument
    from hostconsole.services.report import ReportError
    from hostconsole.services.show import show_key

    if target.suffix.lower() in (".yaml", ".yml"):
        folder = data_dir() / "shows" / show_key(ShowDocument.open(target))
    elif target.is_dir():
        folder = target
    elif target.suffix.lower() == ".sqlite":
        return target
    else:
        raise ReportError(
            f"{target}: give the show file (.yaml), its data folder or its ledger (.sqlite)"
        )
    return folder / "rehearsal" / "ledger.sqlite" if rehearsal else folder / "ledger.sqlite"


def _run(args: argparse.Namespace) -> int:
    if args.self_test:
        from hostconsole.selftest import self_test

        return self_test()
    from hostconsole.app import AppOptions, run

    return run(
        AppOptions(
            show_file=args.show_file,
            demo=args.demo,
            obs=args.obs,
            no_obs=args.no_obs,
            screenshot=args.screenshot,
            resume=args.resume,
            rehearsal=args.rehearsal,
            if_locked=args.if_locked,
            sales_stream=args.sales_stream,
            hub=args.hub,
            sales_poll=args.sales_poll,
            control_port=args.control_port,
            control_host=args.control_host,
        )
    )


def _build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="hostconsole",
        description="Run a live-commerce livestream: run sheet, talking points, vouchers, OBS.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="commands (each with its own --help):\n"
        "  hostconsole validate SHOW      check a show file and report every problem, with "
        "its line\n"
        "  hostconsole import-csv CSV     turn a spreadsheet run sheet into a show file\n"
        "  hostconsole report SHOW        after the show: HTML report, campaign, CSV files\n"
        "                                 (--rehearsal for the show's rehearsal run)\n"
        "  hostconsole-salesfeed          a rehearsal sales platform on 127.0.0.1",
    )
    parser.add_argument("--version", action="version", version=f"hostconsole {__version__}")
    parser.add_argument("show_file", nargs="?", help="the show file to open (YAML)")
    parser.add_argument("--demo", action="store_true", help="open the bundled demo show")
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="check this installation (window, demo show, Chinese, keyring, ledger) and exit",
    )
    parser.add_argument("--obs", metavar="ws://HOST:PORT", help="the OBS address for this run")
    parser.add_argument("--no-obs", action="store_true", help="run without OBS control")
    parser.add_argument("--sales-stream", metavar="URL", help="sales SSE stream for this run")
    parser.add_argument("--sales-poll", metavar="URL", help="sales JSON total to poll for this run")
    parser.add_argument(
        "--hub", metavar="URL", help="report to this hub's festival board (token: the keyring)"
    )
    parser.add_argument(
        "--resume",
        choices=("ask", "yes", "no"),
        default="ask",
        help=(
            "after a crash: ask (default: resume at once and offer 'start afresh' in a banner, "
            "blocking nothing), yes (resume), or no (start the run sheet afresh)"
        ),
    )
    parser.add_argument(
        "--if-locked",
        choices=("ask", "read-only", "quit"),
        default="ask",
        help="when another Host Console runs this show: ask (default on a desktop), open it "
        "read-only, or quit (exit code 3; what 'ask' does with no one to ask)",
    )
    parser.add_argument(
        "--rehearsal",
        action="store_true",
        help="a rehearsal run: its own ledger and log, never mixed with the live show's",
    )
    parser.add_argument(
        "--control-port", type=int, metavar="PORT", help="control API port (0: off)"
    )
    parser.add_argument(
        "--control-host", metavar="HOST", help="control API interface (default 127.0.0.1)"
    )
    parser.add_argument(
        "--screenshot",
        metavar="DIR",
        help="run the demo, write PNGs of both windows in both languages to DIR, and exit",
    )
    return parser


def _build_command_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="hostconsole")
    commands = parser.add_subparsers(dest="command", required=True)
    validate = commands.add_parser("validate", help="check a show file and report every problem")
    validate.add_argument("show_file")
    validate.set_defaults(handler=_validate)
    importer = commands.add_parser("import-csv", help="turn a spreadsheet run sheet into a show")
    importer.add_argument("csv_file")
    importer.add_argument("-o", "--output", help="write the show file here (default: stdout)")
    importer.add_argument("--title", help="the show's title (default: the file name)")
    importer.add_argument("--force", action="store_true", help="replace an existing output file")
    importer.set_defaults(handler=_import_csv)
    report = commands.add_parser(
        "report",
        help="after the show: an HTML report (--html), a campaign over several shows "
        "(--campaign), CSV files",
    )
    report.add_argument(
        "ledger",
        nargs="?",
        help="the show file, its data folder, or its ledger file (.sqlite)",
    )
    report.add_argument("--html", help="write the show's report (or the campaign's) to this file")
    report.add_argument(
        "--campaign",
        nargs="+",
        metavar="SHOW",
        help="several shows (show files or data folders): one summary with --html",
    )
    report.add_argument(
        "--rehearsal", action="store_true", help="the show file's rehearsal, not its live run"
    )
    report.add_argument("--lang", choices=("zh", "en"), help="default: the console's language")
    report.add_argument(
        "--hub",
        metavar="URL",
        help="read the shows' ledgers from this hub (the campaign's viewer token: "
        "HOSTCONSOLE_BOARD_TOKEN) instead of this machine's files",
    )
    report.add_argument("--entries", help="write every ledger entry to this CSV file")
    report.add_argument("--summary", help="write the per-segment summary to this CSV file")
    report.add_argument("--onair", help="write the on-air log beside the ledger to this CSV file")
    report.add_argument(
        "--quarantine", help="write the quarantined feed events (raw text, reason) to this CSV"
    )
    report.add_argument("--until", type=float, help="end of the last segment (epoch seconds)")
    report.set_defaults(handler=_report)
    reconcile = commands.add_parser(
        "reconcile", help="compare a show's ledger with the shop's order export (CSV/XLSX)"
    )
    reconcile.add_argument("ledger", help="the show file, its data folder or its ledger")
    reconcile.add_argument("--orders", required=True, help="the order export (.csv or .xlsx)")
    reconcile.add_argument(
        "--platform", default="generic", choices=("douyin", "wechat", "tiktok", "generic")
    )
    reconcile.add_argument(
        "--column",
        action="append",
        default=[],
        metavar="ROLE=NAME",
        help="the export's column for order, quantity, status or sku",
    )
    reconcile.add_argument("--rehearsal", action="store_true")
    reconcile.set_defaults(handler=_reconcile)
    from hostconsole.hub.main import add_arguments as add_hub

    add_hub(commands)
    evidence = commands.add_parser(
        "evidence",
        help="after the show: the evidence pack (recordings, logs, ledger, graphics on air, "
        "alarms), hashed; or --verify a pack",
    )
    evidence.add_argument("show", nargs="?", help="the show file")
    evidence.add_argument("-o", "--output", help="a new folder for the pack")
    evidence.add_argument("--verify", metavar="DIR", help="hash a pack again against its manifest")
    evidence.add_argument(
        "--rehearsal", action="store_true", help="the show file's rehearsal, not its live run"
    )
    evidence.set_defaults(handler=_evidence)
    return parser


COMMANDS = ("validate", "import-csv", "report", "evidence", "hub", "reconcile")


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    if arguments and arguments[0] in COMMANDS:
        args = _build_command_parser().parse_args(arguments)
        result: int = args.handler(args)
        return result
    return _run(_build_parser().parse_args(arguments))
