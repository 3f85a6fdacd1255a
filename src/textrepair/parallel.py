"""Streaming JSONL records and an ordered, bounded multi-process map for the CLI.

Records are read as raw byte lines (so a line that is not UTF-8 is reported, not
fatal), grouped into chunks, repaired in worker processes, and handed back in input
order. At most ``2 * workers`` chunks are in flight, so memory stays bounded however
large the input is.

>>> recs = list(iter_lines([b'{"text": "a"}\\n', b'{"text": "b"}\\n']))
>>> [(r.line, r.end_offset) for r in recs]
[(1, 14), (2, 28)]
"""

from __future__ import annotations

import json
import multiprocessing as mp
import signal
from collections import deque
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Iterator, Sequence, TypeVar

from .pipeline import Pipeline

__all__ = [
    "RawLine",
    "Outcome",
    "iter_lines",
    "chunked",
    "ordered_map",
    "JsonlJob",
    "BudgetExceeded",
]

T = TypeVar("T")
R = TypeVar("R")


@dataclass(frozen=True, slots=True)
class RawLine:
    """One input line: 1-based line number, byte offset just after it, raw bytes."""

    line: int
    end_offset: int
    data: bytes


@dataclass(frozen=True, slots=True)
class Outcome:
    """What became of one record: an output line, or an error, plus an optional report line."""

    line: int
    end_offset: int
    output: bytes | None
    error: dict[str, Any] | None
    report: dict[str, Any] | None
    over_budget: bool = False


def iter_lines(stream: Iterable[bytes], start_line: int = 0, start_offset: int = 0) -> Iterator[RawLine]:
    """Number the byte lines of ``stream`` and track the offset after each."""
    line, offset = start_line, start_offset
    for data in stream:
        line += 1
        offset += len(data)
        yield RawLine(line, offset, data)


def chunked(items: Iterable[T], max_items: int, max_bytes: int = 4 << 20) -> Iterator[list[T]]:
    """Group items into lists of at most ``max_items`` (and about ``max_bytes`` of data)."""
    chunk: list[T] = []
    size = 0
    for item in items:
        chunk.append(item)
        size += len(getattr(item, "data", b""))
        if len(chunk) >= max_items or size >= max_bytes:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


class BudgetExceeded(Exception):
    """A document took longer than the per-document time budget."""


def _alarm(signum: int, frame: Any) -> None:
    raise BudgetExceeded()


class JsonlJob:
    """Repairs one JSONL record at a time: parse, repair the field, re-serialise.

    >>> job = JsonlJob(["normalize"], "text")
    >>> job.process([RawLine(1, 20, '{"text": "靠山,迷雾"}\\n'.encode())])[0].output
    b'{"text": "\\xe9\\x9d\\xa0\\xe5\\xb1\\xb1\\xef\\xbc\\x8c\\xe8\\xbf\\xb7\\xe9\\x9b\\xbe"}\\n'
    """

    def __init__(self, passes: Sequence[str], field: str, with_report: bool = False, time_budget: float | None = None) -> None:
        self.passes = list(passes)
        self.field = field
        self.with_report = with_report
        self.time_budget = time_budget
        self._pipeline: Pipeline | None = None

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state["_pipeline"] = None
        return state

    @property
    def pipeline(self) -> Pipeline:
        if self._pipeline is None:
            from .repair import build_pipeline

            self._pipeline = build_pipeline(self.passes)
        return self._pipeline

    def repair_text(self, text: str) -> tuple[str, dict[str, Any], int, bool]:
        """Repair one text under the time budget: (text, report, edit count, over budget)."""
        if not self.time_budget:
            res = self.pipeline(text)
            return res.text, res.report, len(res.edits), False
        old = signal.signal(signal.SIGALRM, _alarm)
        signal.setitimer(signal.ITIMER_REAL, self.time_budget)
        try:
            res = self.pipeline(text)
            return res.text, res.report, len(res.edits), False
        except BudgetExceeded:
            return text, {"time_budget_exceeded": self.time_budget}, 0, True
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, old)

    def process(self, chunk: Sequence[RawLine]) -> list[Outcome]:
        """Process a chunk of raw lines into outcomes, in order."""
        return [self._one(r) for r in chunk]

    def _one(self, r: RawLine) -> Outcome:
        raw = r.data.rstrip(b"\r\n")
        if not raw.strip():
            return Outcome(r.line, r.end_offset, None, None, None)  # blank line: nothing to account for
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            return self._error(r, f"line is not UTF-8: {exc.reason} at byte {exc.start}", raw)
        try:
            record = json.loads(line)
        except ValueError as exc:
            return self._error(r, f"invalid JSON: {exc}", raw)
        if not isinstance(record, dict):
            return self._error(r, f"record is a JSON {type(record).__name__}, not an object", raw)
        if self.field not in record:
            return self._error(r, f"record has no field {self.field!r}", raw)
        value = record[self.field]
        if not isinstance(value, str):
            return self._error(r, f"field {self.field!r} is a {type(value).__name__}, not a string", raw)
        try:
            text, report, n_edits, over = self.repair_text(value)
        except Exception as exc:  # a bug in a pass must not lose the record
            return self._error(r, f"repair failed: {type(exc).__name__}: {exc}", raw)
        record[self.field] = text
        out = (json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8", "surrogatepass")
        rep = None
        if self.with_report or over:
            rep = {"line": r.line, "edits": n_edits, "report": report}
        return Outcome(r.line, r.end_offset, out, None, rep, over)

    @staticmethod
    def _error(r: RawLine, reason: str, raw: bytes) -> Outcome:
        return Outcome(
            r.line,
            r.end_offset,
            None,
            {"line": r.line, "reason": reason, "raw": raw.decode("utf-8", "backslashreplace")},
            None,
        )


_WORKER_JOB: Any = None


def _init_worker(job: Any) -> None:
    global _WORKER_JOB
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when to stop
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _WORKER_JOB = job


def _run_chunk(chunk: Any) -> Any:
    return _WORKER_JOB.process(chunk)


def ordered_map(
    job: Any,
    chunks: Iterable[Sequence[Any]],
    workers: int = 1,
    should_stop: Callable[[], bool] = lambda: False,
) -> Iterator[list[Any]]:
    """Yield ``job.process(chunk)`` for each chunk, in input order, on ``workers`` processes.

    At most ``2 * workers`` chunks are pending at once. ``should_stop`` is polled
    between chunks; when it returns True no new chunk is submitted.
    """
    if workers <= 1:
        for chunk in chunks:
            if should_stop():
                return
            yield job.process(chunk)
        return
    ctx = mp.get_context("fork") if hasattr(mp, "get_context") else mp
    pool = ctx.Pool(workers, initializer=_init_worker, initargs=(job,))
    pending: deque[Any] = deque()
    it = iter(chunks)
    exhausted = False
    try:
        while True:
            while not exhausted and len(pending) < 2 * workers and not should_stop():
                try:
                    chunk = next(it)
                except StopIteration:
                    exhausted = True
                    break
                pending.append(pool.apply_async(_run_chunk, (chunk,)))
            if not pending:
                break
            result = pending.popleft()
            while True:
                try:
                    value = result.get(timeout=0.2)
                    break
                except mp.TimeoutError:
                    if should_stop():
                        return
                    continue
            yield value
            if should_stop():
                # finish nothing more: what is pending is dropped, the checkpoint says where we are
                break
        pool.close()
    finally:
        pool.terminate()
        pool.join()
