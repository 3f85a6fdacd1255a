"""The ``textrepair`` command: ``clean`` JSONL corpora or text files, ``explain`` one document.

Exit codes: 0 every record written; 1 some records went to the errors file; 2 usage
error; 3 an input could not be read or the output could not be written (e.g. disk
full); 130 / 143 interrupted by SIGINT / SIGTERM (a checkpoint is kept: rerun with
``--resume``).

Output is written to a work file and renamed into place only when the run completes,
so the output path never holds a half-written file. While a JSONL run is under way
its work files and checkpoint live in ``.<OUT>.textrepair-resume/`` beside the output.

    textrepair clean corpus.jsonl --jsonl -o clean.jsonl --workers 2
    textrepair explain article.txt
"""

from __future__ import annotations

import argparse
import errno
import hashlib
import json
import os
import shutil
import signal
import sys
import time
from pathlib import Path
from typing import IO, Any, Sequence

from . import __version__
from .parallel import JsonlJob, chunked, iter_lines, ordered_map
from .repair import DEFAULT_PASSES, build_pipeline

__all__ = ["main", "build_parser"]

EXIT_OK, EXIT_ERRORS, EXIT_USAGE, EXIT_IO = 0, 1, 2, 3
EXIT_SIGNAL = {signal.SIGINT: 130, signal.SIGTERM: 143}
CHECKPOINT_EVERY_SECONDS = 2.0


class UsageError(Exception):
    """The command line asks for something that cannot be done."""


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``textrepair`` command."""
    parser = argparse.ArgumentParser(
        prog="textrepair",
        description="Repair and clean dirty web-scraped Chinese text.",
        epilog="Exit codes: 0 all written, 1 some records in the errors file, 2 usage error, "
        "3 read/write failure (e.g. disk full), 130/143 interrupted (rerun with --resume).",
    )
    parser.add_argument("--version", action="version", version=f"textrepair {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    clean = sub.add_parser(
        "clean",
        help="repair text files or a JSONL corpus",
        description="Repair plain text files (each file one document, bytes decoded with textrepair.decode) "
        "or JSONL records (--jsonl: the --field of every record is repaired, other fields pass through).",
    )
    clean.add_argument("paths", nargs="*", default=["-"], metavar="PATH", help="input files; '-' or none reads standard input")
    clean.add_argument("-o", "--output", metavar="OUT", help="output file (default: standard output); for text files may be a directory")
    clean.add_argument("--jsonl", action="store_true", help="inputs are JSONL, one record a line")
    clean.add_argument("--field", default="text", help="JSONL field holding the text (default: text)")
    clean.add_argument("--workers", type=int, default=1, metavar="N", help="worker processes (default 1); output order equals input order")
    clean.add_argument(
        "--passes",
        default=",".join(DEFAULT_PASSES),
        help=f"comma-separated passes to run, in order (default: {','.join(DEFAULT_PASSES)})",
    )
    clean.add_argument("--errors", metavar="FILE", help="JSONL file for records that could not be repaired (default: OUT.errors.jsonl, or standard error)")
    clean.add_argument("--report", metavar="FILE", help="JSONL file with each record's report (line, edit count, report fields)")
    clean.add_argument("--time-budget", type=float, metavar="SECONDS", help="per-document time limit: a slower document passes through unrepaired and is reported")
    clean.add_argument("--resume", action="store_true", help="continue an interrupted JSONL run from its checkpoint")
    clean.add_argument("--chunk-size", type=int, default=64, metavar="N", help="records per work unit (default 64)")
    progress = clean.add_mutually_exclusive_group()
    progress.add_argument("--progress", dest="progress", action="store_true", default=None, help="always show a progress bar on standard error")
    progress.add_argument("--no-progress", dest="progress", action="store_false", help="never show a progress bar")

    explain = sub.add_parser("explain", help="show every edit and the report for one document", description="Repair one document and print each edit (pass, rule id, position, before → after) and the report.")
    explain.add_argument("path", metavar="PATH", help="a text file ('-' for standard input); bytes are decoded with textrepair.decode")
    explain.add_argument("--passes", default=",".join(DEFAULT_PASSES), help="comma-separated passes to run")
    explain.add_argument("--json", action="store_true", help="print edits and report as JSON")
    return parser


def _parse_passes(spec: str) -> list[str]:
    names = [p.strip() for p in spec.split(",") if p.strip()]
    if not names:
        raise UsageError("--passes names no pass")
    try:
        build_pipeline(names)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    return names


class _Stop:
    """Remembers the first termination signal received."""

    def __init__(self) -> None:
        self.signum: int | None = None

    def __call__(self, signum: int, frame: Any) -> None:
        if self.signum is not None and signum == signal.SIGINT:
            raise KeyboardInterrupt  # a second Ctrl-C stops at once
        self.signum = signum

    def requested(self) -> bool:
        return self.signum is not None


def _fingerprint(paths: Sequence[str]) -> str:
    h = hashlib.sha256()
    for p in paths:
        st = os.stat(p)
        h.update(f"{os.path.abspath(p)}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    return h.hexdigest()


def _open_input(path: str) -> IO[bytes]:
    if path == "-":
        return sys.stdin.buffer
    return open(path, "rb")


def _eprint(*args: Any) -> None:
    print(*args, file=sys.stderr, flush=True)


def _progress_bar(total: int | None, enabled: bool | None) -> Any:
    show = sys.stderr.isatty() if enabled is None else enabled
    if not show:
        return None
    try:
        from tqdm import tqdm
    except ImportError:  # pragma: no cover - tqdm is a dependency
        return None
    return tqdm(total=total, unit="B", unit_scale=True, file=sys.stderr, desc="textrepair")


def _clean_jsonl(args: argparse.Namespace, passes: list[str]) -> int:
    stop = _Stop()
    old_handlers = {s: signal.signal(s, stop) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        return _run_jsonl(args, passes, stop)
    finally:
        for s, h in old_handlers.items():
            signal.signal(s, h)


def _run_jsonl(args: argparse.Namespace, passes: list[str], stop: _Stop) -> int:
    paths: list[str] = args.paths
    if "-" in paths and (len(paths) > 1 or args.resume):
        raise UsageError("standard input cannot be combined with other inputs or --resume")
    for p in paths:
        if p != "-" and not os.path.isfile(p):
            raise UsageError(f"no such input file: {p}")
    out_path = Path(args.output) if args.output else None
    if args.resume and out_path is None:
        raise UsageError("--resume needs -o OUT")
    err_path = Path(args.errors) if args.errors else (Path(str(out_path) + ".errors.jsonl") if out_path else None)
    rep_path = Path(args.report) if args.report else None

    state_dir = out_path.parent / f".{out_path.name}.textrepair-resume" if out_path else None
    state: dict[str, Any] = {"file_index": 0, "offset": 0, "line": 0, "out_bytes": 0, "err_bytes": 0, "rep_bytes": 0, "records": 0, "written": 0, "errors": 0, "over_budget": 0}
    fingerprint = _fingerprint([p for p in paths if p != "-"]) if paths != ["-"] else ""
    if state_dir is not None:
        ckpt = state_dir / "state.json"
        if args.resume and ckpt.exists():
            saved = json.loads(ckpt.read_text())
            if saved.get("fingerprint") != fingerprint or saved.get("passes") != passes or saved.get("field") != args.field:
                raise UsageError("the checkpoint was made for other inputs, passes or field; rerun without --resume")
            state.update(saved["state"])
            _eprint(f"textrepair: resuming at input line {state['line']} of {paths[state['file_index']]} ({state['records']} records done)")
        elif state_dir.exists():
            shutil.rmtree(state_dir)
        if not state_dir.parent.is_dir():
            raise OSError(errno.ENOENT, "the output folder does not exist", str(state_dir.parent))
        state_dir.mkdir(exist_ok=True)

    def work(name: str) -> Path | None:
        return state_dir / name if state_dir is not None else None

    out_fh: IO[bytes]
    if out_path is None:
        out_fh = sys.stdout.buffer
    else:
        out_fh = _reopen(work("output.part"), state["out_bytes"])  # type: ignore[arg-type]
    err_fh: IO[bytes] | None = _reopen(work("errors.part"), state["err_bytes"]) if state_dir is not None else None
    rep_fh: IO[bytes] | None = _reopen(work("report.part"), state["rep_bytes"]) if (state_dir is not None and rep_path) else None
    if rep_path and state_dir is None:
        rep_fh = open(rep_path, "wb")

    total = sum(os.path.getsize(p) for p in paths if p != "-") or None
    bar = _progress_bar(total, args.progress)
    if bar is not None and state["offset"]:
        bar.update(sum(os.path.getsize(p) for p in paths[: state["file_index"]]) + state["offset"])

    job = JsonlJob(passes, args.field, with_report=rep_path is not None, time_budget=args.time_budget)
    last_ckpt = time.monotonic()

    def save_checkpoint() -> None:
        if state_dir is None:
            return
        for fh in (out_fh, err_fh, rep_fh):
            if fh is not None:
                fh.flush()
                os.fsync(fh.fileno())
        state["out_bytes"] = out_fh.tell()
        state["err_bytes"] = err_fh.tell() if err_fh else 0
        state["rep_bytes"] = rep_fh.tell() if rep_fh else 0
        tmp = state_dir / "state.json.tmp"
        tmp.write_text(json.dumps({"fingerprint": fingerprint, "passes": passes, "field": args.field, "state": state}))
        os.replace(tmp, state_dir / "state.json")

    try:
        for fi in range(state["file_index"], len(paths)):
            if stop.requested():
                break
            path = paths[fi]
            fh = _open_input(path)
            try:
                start_line, start_offset = (state["line"], state["offset"]) if fi == state["file_index"] else (0, 0)
                if start_offset:
                    fh.seek(start_offset)
                state["file_index"], state["line"], state["offset"] = fi, start_line, start_offset
                lines = iter_lines(fh, start_line, start_offset)
                for outcomes in ordered_map(job, chunked(lines, args.chunk_size), args.workers, stop.requested):
                    for oc in outcomes:
                        if oc.output is not None or oc.error is not None:
                            state["records"] += 1
                        if oc.output is not None:
                            out_fh.write(oc.output)
                            state["written"] += 1
                        if oc.error is not None:
                            state["errors"] += 1
                            oc.error["source"] = path
                            data = (json.dumps(oc.error, ensure_ascii=False) + "\n").encode("utf-8", "surrogatepass")
                            if err_fh is not None:
                                err_fh.write(data)
                            else:
                                sys.stderr.buffer.write(data)
                        if oc.over_budget:
                            state["over_budget"] += 1
                        if oc.report is not None and rep_fh is not None:
                            rep_fh.write((json.dumps(oc.report, ensure_ascii=False, default=str) + "\n").encode("utf-8", "surrogatepass"))
                        if bar is not None:
                            bar.update(oc.end_offset - state["offset"])
                        state["line"], state["offset"] = oc.line, oc.end_offset
                    if time.monotonic() - last_ckpt > CHECKPOINT_EVERY_SECONDS:
                        save_checkpoint()
                        last_ckpt = time.monotonic()
            finally:
                if fh is not sys.stdin.buffer:
                    fh.close()
            if not stop.requested():
                state["file_index"], state["line"], state["offset"] = fi + 1, 0, 0
    finally:
        if bar is not None:
            bar.close()

    if stop.requested():
        save_checkpoint()
        for fh in (out_fh, err_fh, rep_fh):
            if fh is not None and fh is not sys.stdout.buffer:
                fh.close()
        where = f"input line {state['line']} of {paths[min(state['file_index'], len(paths) - 1)]}"
        _eprint(
            f"textrepair: interrupted after {state['records']} records ({where}): {state['written']} written, "
            f"{state['errors']} errors. No output file was written; rerun the same command with --resume to continue."
        )
        return EXIT_SIGNAL.get(stop.signum or signal.SIGINT, 130)

    # finish: move work files into place
    if out_path is not None:
        save_checkpoint()
        out_fh.close()
        if err_fh is not None:
            err_fh.close()
        if rep_fh is not None:
            rep_fh.close()
        os.replace(state_dir / "output.part", out_path)  # type: ignore[operator]
        if err_path is not None and state["errors"]:
            os.replace(state_dir / "errors.part", err_path)  # type: ignore[operator]
        if rep_path is not None and rep_fh is not None and state_dir is not None:
            os.replace(state_dir / "report.part", rep_path)
        shutil.rmtree(state_dir, ignore_errors=True)  # type: ignore[arg-type]
    else:
        sys.stdout.buffer.flush()
        if rep_fh is not None:
            rep_fh.close()
    msg = f"textrepair: {state['records']} records in, {state['written']} written, {state['errors']} errors"
    if state["errors"] and err_path is not None:
        msg += f" (see {err_path})"
    if state["over_budget"]:
        msg += f"; {state['over_budget']} passed through unrepaired over the time budget"
    _eprint(msg)
    return EXIT_ERRORS if state["errors"] else EXIT_OK


def _reopen(path: Path | None, size: int) -> IO[bytes]:
    """Open a work file for appending at ``size`` bytes (dropping anything written after the checkpoint)."""
    assert path is not None
    fh = open(path, "r+b" if path.exists() else "w+b")
    fh.truncate(size)
    fh.seek(size)
    return fh


def _clean_text_files(args: argparse.Namespace, passes: list[str]) -> int:
    from .encoding import decode

    if args.resume:
        raise UsageError("--resume applies to --jsonl runs")
    pipeline = build_pipeline(passes)
    out = Path(args.output) if args.output else None
    to_dir = out is not None and (out.is_dir() or str(args.output).endswith(os.sep))
    if to_dir and "-" in args.paths:
        raise UsageError("standard input cannot be written to an output folder")
    pieces: list[tuple[Path | None, str]] = []
    reports: list[bytes] = []
    errors = 0
    for path in args.paths:
        try:
            raw = sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
        except OSError as exc:
            _eprint(f"textrepair: cannot read {path}: {exc.strerror}")
            errors += 1
            continue
        decoded = decode(raw)
        res = pipeline(decoded.text)
        pieces.append((Path(path) if path != "-" else None, res.text))
        if args.report:
            entry = {"path": path, "encoding": decoded.encoding, "edits": len(res.edits), "report": res.report}
            reports.append((json.dumps(entry, ensure_ascii=False, default=str) + "\n").encode("utf-8", "surrogatepass"))
    if to_dir:
        assert out is not None
        out.mkdir(parents=True, exist_ok=True)
        for src, text in pieces:
            assert src is not None
            _atomic_write(out / src.name, text.encode("utf-8"))
    else:
        data = "\n".join(text if text.endswith("\n") else text + "\n" for _, text in pieces).encode("utf-8", "surrogatepass")
        if out is None:
            sys.stdout.buffer.write(data)
            sys.stdout.buffer.flush()
        else:
            _atomic_write(out, data)
    if args.report:
        _atomic_write(Path(args.report), b"".join(reports))
    _eprint(f"textrepair: {len(args.paths)} documents in, {len(pieces)} written, {errors} errors")
    return EXIT_ERRORS if errors else EXIT_OK


def _atomic_write(path: Path, data: bytes) -> None:
    tmp = path.parent / f".{path.name}.textrepair-tmp"
    try:
        with open(tmp, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _explain(args: argparse.Namespace, passes: list[str]) -> int:
    from .encoding import decode

    raw = sys.stdin.buffer.read() if args.path == "-" else Path(args.path).read_bytes()
    decoded = decode(raw)
    res = build_pipeline(passes)(decoded.text)
    if args.json:
        print(json.dumps({"encoding": decoded.encoding, "edits": [e.to_dict() for e in res.edits], "report": res.report}, ensure_ascii=False, default=str, indent=1))
        return EXIT_OK
    print(f"encoding: {decoded.encoding} (confidence {decoded.confidence:.2f})")
    if "spin_score" in res.report:
        print(f"spin score: {res.report['spin_score']}")
    print(f"{len(res.edits)} edits")
    print(res.explain())
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0) if exc.code in (0, None) else EXIT_USAGE
    if args.command is None:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        passes = _parse_passes(args.passes)
        if args.command == "explain":
            return _explain(args, passes)
        if args.workers < 1 or args.chunk_size < 1:
            raise UsageError("--workers and --chunk-size must be at least 1")
        if args.time_budget is not None and args.time_budget <= 0:
            raise UsageError("--time-budget must be a positive number of seconds")
        if args.jsonl:
            return _clean_jsonl(args, passes)
        return _clean_text_files(args, passes)
    except UsageError as exc:
        _eprint(f"textrepair: error: {exc}")
        return EXIT_USAGE
    except OSError as exc:
        reason = "the disk is full" if exc.errno == errno.ENOSPC else (exc.strerror or str(exc))
        where = f" ({exc.filename})" if getattr(exc, "filename", None) else ""
        _eprint(f"textrepair: error: {reason}{where}: {exc}" if exc.errno == errno.ENOSPC else f"textrepair: error: {reason}{where}")
        return EXIT_IO
    except KeyboardInterrupt:
        _eprint("textrepair: interrupted")
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
