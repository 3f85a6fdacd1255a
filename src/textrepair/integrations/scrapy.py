"""A Scrapy item pipeline: decode raw bodies with textrepair and repair the configured fields.

Settings::

    ITEM_PIPELINES = {"textrepair.integrations.scrapy.TextRepairPipeline": 300}
    TEXTREPAIR_FIELDS = ["text"]             # string fields to repair
    TEXTREPAIR_BODY_FIELD = "body"           # optional: raw bytes to decode into the first field
    TEXTREPAIR_CONTENT_TYPE_FIELD = "content_type"   # optional: the declared charset, used as a hint
    TEXTREPAIR_REPORT_FIELD = "textrepair"   # where the per-field report goes

A field that is not a string, or a failing repair, leaves the value as it is and puts
the error in the report; the item is never dropped.
"""

from __future__ import annotations

from typing import Any, Sequence

try:
    from itemadapter import ItemAdapter
except ImportError as exc:  # pragma: no cover - depends on the extra
    raise ImportError("textrepair.integrations.scrapy needs scrapy: pip install 'textrepair[scrapy]'") from exc

from ..encoding import decode
from ..repair import repair
from . import report_fields

__all__ = ["TextRepairPipeline"]


class TextRepairPipeline:
    """Item pipeline repairing ``fields`` (and decoding ``body_field`` bytes first)."""

    def __init__(
        self,
        fields: Sequence[str] = ("text",),
        body_field: str | None = None,
        content_type_field: str | None = None,
        report_field: str = "textrepair",
    ) -> None:
        self.fields = list(fields)
        self.body_field = body_field
        self.content_type_field = content_type_field
        self.report_field = report_field

    @classmethod
    def from_crawler(cls, crawler: Any) -> "TextRepairPipeline":
        s = crawler.settings
        return cls(
            s.getlist("TEXTREPAIR_FIELDS", ["text"]),
            s.get("TEXTREPAIR_BODY_FIELD"),
            s.get("TEXTREPAIR_CONTENT_TYPE_FIELD"),
            s.get("TEXTREPAIR_REPORT_FIELD", "textrepair"),
        )

    def process_item(self, item: Any, spider: Any = None) -> Any:
        adapter = ItemAdapter(item)
        report: dict[str, Any] = {}
        if self.body_field and self.fields and isinstance(adapter.get(self.body_field), (bytes, bytearray)):
            hint = adapter.get(self.content_type_field) if self.content_type_field else None
            doc = decode(adapter[self.body_field], hint=hint)
            adapter[self.fields[0]] = doc.text
            report["encoding"] = doc.encoding
            report["encoding_confidence"] = doc.confidence
            del adapter[self.body_field]
        for name in self.fields:
            value = adapter.get(name)
            if not isinstance(value, str):
                report[name] = {"error": f"{name} is {type(value).__name__}, not str"}
                continue
            try:
                result = repair(value)
            except Exception as exc:  # never lose the item
                report[name] = {"error": f"{type(exc).__name__}: {exc}"}
                continue
            adapter[name] = result.text
            report[name] = report_fields(result)
        adapter[self.report_field] = report
        return item
