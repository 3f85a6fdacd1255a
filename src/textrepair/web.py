"""Scraper helpers: decode an HTTP response with its declared charset as a hint; page to clean text.

>>> class Resp:  # anything shaped like a requests or httpx response
...     content = "你好，世界。".encode("gbk")
...     headers = {"Content-Type": "text/html; charset=gb2312"}
>>> decode_response(Resp()).text
'你好，世界。'
"""

from __future__ import annotations

from typing import Any

from .encoding import Decoded, decode
from .pipeline import Result

__all__ = ["decode_response", "from_html"]


def decode_response(resp: Any) -> Decoded:
    """Decode a ``requests`` / ``httpx`` response body using its ``Content-Type`` charset as the hint.

    The HTML ``<meta charset>`` is found by :func:`textrepair.decode` itself; a declared
    charset that is wrong is overridden and the override is in ``report``.
    """
    headers = getattr(resp, "headers", None) or {}
    content_type = headers.get("Content-Type") or headers.get("content-type")
    return decode(resp.content, hint=content_type)


def from_html(html: str | bytes, hint: str | None = None) -> Result:
    """Page to clean text in one call: decode (bytes), extract the main text with trafilatura, repair.

    Needs the ``html`` extra (``pip install 'textrepair[html]'``). The result's report has
    ``encoding`` when ``html`` was bytes; an empty extraction gives an empty text.
    """
    try:
        import trafilatura
    except ImportError as exc:
        raise ImportError("from_html needs trafilatura: pip install 'textrepair[html]'") from exc
    from .repair import repair

    encoding = None
    if isinstance(html, (bytes, bytearray, memoryview)):
        doc = decode(html, hint=hint)
        html, encoding = doc.text, doc.encoding
    main_text = trafilatura.extract(html) or ""
    result = repair(main_text)
    if encoding:
        result.report["encoding"] = encoding
    return result
