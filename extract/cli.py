"""Command line: extract run | score | report | facts | trends | gold | rules.

Exit status of `extract run`: 0 when every page was read, 2 when any page could not be read
(its records are missing, the others are written), 1 when the run could not start (bad rules,
bad options), 130 on Ctrl-C (nothing written).
"""
from __future__ import annotations

import argparse
import itertools
import logging
import os
import sys
from pathlib import Path

EXIT_OK, EXIT_ERROR, EXIT_PAGES_FAILED, EXIT_INTERRUPTED = 0, 1, 2, 130
DEFAULT_OUT = Path("data/out/records.jsonl")

RUN_EPILOG = """examples:
  extract run data/raw                      # every .txt/.md page under data/raw -> data/out/records.jsonl
  extract run news.tar.gz -o news.jsonl     # the pages inside an archive, read without unpacking
  extract run page.txt -o out.csv --year 2024
  cat page.txt | extract run - -o out.parquet
  extract run saved-pages/ -o records.xlsx  # .html/.pdf pages too (pip install '.[html,pdf,xlsx]')
  curl -s URL | extract run - --format html # a page on stdin that is not plain text
  extract run archive/ --jobs 2             # two processes
  extract run archive/ --engine dask        # a local Dask cluster (pip install '.[dask]')

exit status: 0 every page read; 2 some page could not be read (reported on stderr, one line
each; the other pages' records are still written); 1 the run could not start; 130 interrupted."""


class UsageError(Exception):
    """A bad option value; one line, exit 1."""


def _add_rules_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--rules", metavar="DIR", help="rules folder (default: the project's rules/)")
    p.add_argument("--ner", choices=["jieba", "hanlp"], default="jieba", help="entity backend (default jieba)")
    p.add_argument("--hanlp-model", metavar="DIR", default=os.environ.get("EXTRACT_HANLP_MODEL"),
                   help="local HanLP model folder for --ner hanlp (or EXTRACT_HANLP_MODEL)")
    p.add_argument("--year", type=int, help="year of pages that state none")
    p.add_argument("--date", metavar="DATE", help="date of pages whose text and file name give none: YYYY-MM-DD, YYYY-MM or YYYY")
    p.add_argument("--segmenter", choices=["rjieba", "jieba"], default=None,
                   help="word segmenter: rjieba (jieba-rs, default when installed) or jieba (pure Python)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="extract", description="Project and investment figures from Chinese newspaper pages.")
    sub = parser.add_subparsers(dest="command", required=True)

    run = sub.add_parser("run", help="extract records from pages", epilog=RUN_EPILOG,
                         formatter_class=argparse.RawDescriptionHelpFormatter)
    run.add_argument("paths", nargs="+", metavar="PATH",
                     help="page files (.txt, .md, .html, .pdf), folders of them, tar archives of text pages, or - for stdin")
    run.add_argument("-o", "--output", type=Path, default=DEFAULT_OUT, help="output file: .jsonl, .csv, .parquet or .xlsx")
    run.add_argument("--format", choices=["text", "html", "pdf"], default="text", help="format of the page on stdin (-)")
    run.add_argument("--jobs", type=int, default=1, help="worker processes (default 1)")
    run.add_argument("--engine", choices=["local", "dask"], default="local", help="local processes or Dask")
    run.add_argument("--scheduler", metavar="ADDRESS", help="Dask scheduler address (default: a LocalCluster)")
    _add_rules_args(run)

    from .score import add_score_parser
    add_score_parser(sub, _add_rules_args)

    from .answers_cli import add_facts_parser, add_trends_parser
    add_facts_parser(sub)
    add_trends_parser(sub)

    report = sub.add_parser("report", help="write a self-contained HTML review report",
                            formatter_class=argparse.RawDescriptionHelpFormatter,
                            epilog="examples:\n  extract report data/raw -o report.html\n"
                                   "  extract report data/raw -o report.html --gold data/gold   # hits, misses, spurious")
    report.add_argument("paths", nargs="+", metavar="PATH", help="page files or folders of .txt pages")
    report.add_argument("-o", "--output", type=Path, default=Path("data/out/report.html"), help="HTML file to write")
    report.add_argument("--gold", type=Path, help="gold folder: mark hits, misses and spurious records")
    _add_rules_args(report)
    report.set_defaults(handler=lambda a: _lazy("report", "cmd_report")(a))

    gold = sub.add_parser("gold", help="export gold/predictions to annotation tools, import corrections",
                          formatter_class=argparse.RawDescriptionHelpFormatter,
                          epilog="examples:\n  extract gold export --format labelstudio -o tasks.json\n"
                                 "  extract gold export --format doccano --pred data/out/records.jsonl -o pred.jsonl\n"
                                 "  extract gold export --format brat -o brat/\n"
                                 "  extract gold import corrected_labelstudio.json -o data/gold/")
    gold_sub = gold.add_subparsers(dest="gold_command", required=True)
    exp = gold_sub.add_parser("export", help="export gold (or predictions) for Label Studio, doccano or brat")
    exp.add_argument("--format", choices=["labelstudio", "doccano", "brat"], required=True)
    exp.add_argument("--gold", type=Path, default=Path("data/gold"), help="gold folder (default data/gold)")
    exp.add_argument("--pred", type=Path, help="export these predictions instead of (Label Studio: alongside) the gold")
    exp.add_argument("--raw", type=Path, help="folder of the raw pages (default: raw/ beside the gold folder)")
    exp.add_argument("-o", "--output", type=Path, required=True, help="file (labelstudio, doccano) or folder (brat)")
    imp = gold_sub.add_parser("import", help="turn a corrected Label Studio export back into gold JSONL")
    imp.add_argument("file", type=Path, help="Label Studio JSON export")
    imp.add_argument("-o", "--output", type=Path, required=True, help="gold folder to write <doc_id>.jsonl files into")
    gold.set_defaults(handler=lambda a: _lazy("export", "cmd_gold")(a))

    text = sub.add_parser("text", help="print the text a page's record offsets point into",
                          formatter_class=argparse.RawDescriptionHelpFormatter,
                          epilog="examples:\n  extract text page.html      # the article text found in the HTML page\n"
                                 "  extract text paper.pdf       # the PDF in reading order\n"
                                 "  cat page.html | extract text - --format html")
    text.add_argument("file", metavar="FILE", help="a page file (.txt, .md, .html, .pdf) or - for stdin")
    text.add_argument("--format", choices=["text", "html", "pdf"], default=None,
                      help="the page's format (default: from the suffix; text for stdin)")
    text.set_defaults(handler=cmd_text)

    rules = sub.add_parser("rules", help="check a rules folder", epilog="example:\n  extract rules check --rules rules/",
                           formatter_class=argparse.RawDescriptionHelpFormatter)
    rules.add_argument("action", choices=["check"])
    rules.add_argument("--rules", metavar="DIR")
    return parser


def options_from(args):
    from .pipeline import Options
    from .rules import DEFAULT_RULES_DIR

    from .segment import set_segmenter

    set_segmenter(args.segmenter)
    if args.date is not None:
        from .pagedate import date_from_caller

        try:
            date_from_caller(args.date)  # a bad --date fails before any work (exit 1)
        except ValueError as err:
            raise UsageError(f"--date: {err}") from None
    return Options(rules_dir=str(Path(args.rules or DEFAULT_RULES_DIR).resolve()), ner=args.ner,
                   hanlp_model=args.hanlp_model, year=args.year, segmenter=args.segmenter, date=args.date)


def prepare(options) -> None:
    """Load rules and the entity backend up front, so a bad setup fails before any work."""
    from .pipeline import _tagger
    from .rules import load_rules

    load_rules(options.rules_dir)
    _tagger(options.ner, options.rules_dir, options.hanlp_model)


def cmd_run(args) -> int:
    from .parallel import run_dask, run_local
    from .reader import discover
    from .records import RecordWriter

    if args.output.suffix.lower() not in (".jsonl", ".csv", ".parquet", ".json", ".xlsx"):
        print(f"extract: {args.output}: the output format comes from the suffix: .jsonl, .csv, .parquet or .xlsx",
              file=sys.stderr)
        return EXIT_ERROR
    if args.output.suffix.lower() == ".xlsx":
        from .excel import ExcelUnavailable, check_available

        try:
            check_available()
        except ExcelUnavailable as err:
            print(f"extract: {err}", file=sys.stderr)
            return EXIT_ERROR
    if args.jobs < 1:
        print("extract: --jobs must be 1 or more", file=sys.stderr)
        return EXIT_ERROR
    options = options_from(args)
    prepare(options)
    counts = {"pages": 0, "failed": 0}
    items = _stream(discover(args.paths), args.format, counts)
    first = next(items, None)
    if first is None and not counts["failed"]:
        print("extract: no pages to read", file=sys.stderr)
        return EXIT_PAGES_FAILED
    items = itertools.chain([first], items) if first is not None else iter(())
    if args.engine == "dask":
        results = run_dask(items, options, args.jobs, args.scheduler)
    else:
        results = run_local(items, options, args.jobs)
    progress = _progress()
    failed = 0
    try:
        with RecordWriter(args.output) as writer:
            for result in results:
                progress.update(1)
                for warning in result.warnings:
                    print(f"extract: warning: {warning}", file=sys.stderr)
                writer.page(result.source, result.format, len(result.records), result.error or "")
                if result.error:
                    progress.write(f"extract: {result.error}", file=sys.stderr)
                    failed += 1
                    continue
                writer.write(result.records)
    except KeyboardInterrupt:
        progress.close()
        print(f"extract: interrupted; {args.output} was not written", file=sys.stderr)
        return EXIT_INTERRUPTED
    except OSError as err:
        progress.close()
        print(f"extract: cannot write {args.output}: {err.strerror or err}", file=sys.stderr)
        return EXIT_ERROR
    progress.close()
    failed += counts["failed"]
    pages = counts["pages"]
    print(f"extract: {writer.count} records from {pages - failed if failed <= pages else 0} pages -> {args.output}"
          + (f"; {failed} failed" if failed else ""), file=sys.stderr)
    return EXIT_PAGES_FAILED if failed else EXIT_OK


def _stream(found, fmt: str, counts: dict):
    """The pages to read, as discovery finds them: an archive's pages are read while the first
    ones are already being extracted (and, with --jobs, sent to the workers).  Pages that
    cannot be read are reported at once and counted in counts["failed"]."""
    from .reader import Page, PageError, page_from_bytes

    for item in found:
        if isinstance(item, PageError):
            print(f"extract: {item}", file=sys.stderr)
            counts["failed"] += 1
            continue
        if item == "-":
            try:
                item = page_from_bytes(sys.stdin.buffer.read(), "<stdin>", fmt, "stdin")
            except PageError as err:
                print(f"extract: {err}", file=sys.stderr)
                counts["failed"] += 1
                continue
        counts["pages"] += 1
        yield item if isinstance(item, Page) else str(item)



def cmd_text(args) -> int:
    """Print the page's text as the pipeline reads it: record offsets point into exactly this."""
    from .reader import PageError, page_from_bytes, read_page

    try:
        if args.file == "-":
            page = page_from_bytes(sys.stdin.buffer.read(), "<stdin>", args.format or "text", "stdin")
        elif args.format is None:
            page = read_page(args.file)
        else:
            try:
                data = Path(args.file).read_bytes()
            except OSError as err:
                raise PageError(f"{args.file}: cannot read ({err.strerror or err})") from None
            page = page_from_bytes(data, args.file, args.format)
    except PageError as err:
        print(f"extract: {err}", file=sys.stderr)
        return EXIT_PAGES_FAILED
    sys.stdout.write(page.text if page.text.endswith("\n") or not page.text else page.text + "\n")
    return EXIT_OK


def _progress():
    """Pages done, on a terminal only (the number of pages is not known ahead: they stream).
    Off a terminal tqdm is not even imported (a fifth of a short run's start-up)."""
    if not sys.stderr.isatty():
        return _NoProgress()
    from tqdm import tqdm

    return tqdm(unit="page", file=sys.stderr)


class _NoProgress:
    """What the run loop asks of a progress bar, for a stderr that is not a terminal: messages
    are printed as tqdm.write prints them, nothing else is."""

    def update(self, n: int = 1) -> None:
        pass

    def write(self, message: str, file=None) -> None:
        print(message, file=file or sys.stderr)

    def close(self) -> None:
        pass


def cmd_rules(args) -> int:
    from .rules import DEFAULT_RULES_DIR, load_rules

    ruleset = load_rules(args.rules or DEFAULT_RULES_DIR)
    examples = sum(len(r.examples.get("match") or []) + len(r.examples.get("no_match") or []) for r in ruleset.rules)
    print(f"{len(ruleset.rules)} rules OK, {examples} examples pass ({ruleset.directory})")
    return EXIT_OK


def _lazy(module: str, name: str):
    """Import a subcommand's module only when it runs (keeps `extract run` start-up light)."""
    import importlib

    return getattr(importlib.import_module(f".{module}", __package__), name)


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.WARNING, format="extract: %(message)s")
    args = build_parser().parse_args(argv)
    from .entities import BackendUnavailable
    from .rules import RuleError

    handlers = {"run": cmd_run, "rules": cmd_rules}
    try:
        if args.command in handlers:
            return handlers[args.command](args)
        return args.handler(args)
    except (RuleError, BackendUnavailable, UsageError) as err:
        print(f"extract: {err}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("extract: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        return EXIT_OK
