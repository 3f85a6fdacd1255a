"""A datatrove pipeline step that repairs ``doc.text`` and records what it did in ``doc.metadata``.

    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter
    from textrepair.integrations.datatrove import TextRepairStep

    LocalPipelineExecutor(
        pipeline=[JsonlReader("in/"), TextRepairStep(drop_spin_above=30.0), JsonlWriter("out/")],
        tasks=1000,
    ).run()

The step holds only its settings; the passes build their converters and automata once
per worker process, so it ships to Slurm or Ray executors unchanged. A document whose
text is not a string, or whose repair fails, passes through unrepaired with
``metadata["textrepair_error"]`` and is counted (``errors``) — it never fails the job.
"""

from __future__ import annotations

from typing import Any, Iterable, Iterator, Sequence

try:
    from datatrove.data import Document
    from datatrove.pipeline.base import PipelineStep
except ImportError as exc:  # pragma: no cover - depends on the extra
    raise ImportError("textrepair.integrations.datatrove needs datatrove: pip install 'textrepair[datatrove]'") from exc

from ..repair import DEFAULT_PASSES, build_pipeline
from . import report_fields

__all__ = ["TextRepairStep"]


class TextRepairStep(PipelineStep):
    """Repairs each document's text with textrepair; report fields go to ``doc.metadata``.

    ``passes``: pass names (default: the whole default pipeline). ``drop_spin_above``: drop
    documents whose spin score is above this. ``repair=False`` only measures. Metadata keys
    are ``metadata_prefix`` + the names of :data:`textrepair.integrations.FIELD_NAMES`.
    """

    name = "🩹 textrepair"
    type = "✂️ - FORMAT"

    def __init__(
        self,
        passes: Sequence[str] = DEFAULT_PASSES,
        drop_spin_above: float | None = None,
        repair: bool = True,
        metadata_prefix: str = "textrepair_",
    ) -> None:
        super().__init__()
        self.passes = list(passes)
        self.drop_spin_above = drop_spin_above
        self.repair = repair
        self.metadata_prefix = metadata_prefix

    def run(self, data: Iterable[Document], rank: int = 0, world_size: int = 1) -> Iterator[Document]:
        pipeline = build_pipeline(self.passes)
        for doc in data:
            self.stat_update("total")
            if not isinstance(doc.text, str):
                doc.metadata[f"{self.metadata_prefix}error"] = f"text is {type(doc.text).__name__}, not str"
                self.stat_update("errors")
                yield doc
                continue
            with self.track_time():
                try:
                    result = pipeline(doc.text)
                except Exception as exc:  # one bad document must not fail the job
                    doc.metadata[f"{self.metadata_prefix}error"] = f"{type(exc).__name__}: {exc}"
                    self.stat_update("errors")
                    yield doc
                    continue
            fields: dict[str, Any] = report_fields(result)
            if self.drop_spin_above is not None and fields["spin_score"] > self.drop_spin_above:
                self.stat_update("dropped_spun")
                continue
            if self.repair and result.text != doc.text:
                doc.text = result.text
                self.stat_update("repaired")
            for key, value in fields.items():
                doc.metadata[f"{self.metadata_prefix}{key}"] = value
            yield doc
