"""Scraper helpers: decode an HTTP response with its declared charset as a hint.

>>> class Resp:  # anything shaped like a requests or httpx response
...     content = "你好，世界。".encode("gbk")
...     headers = {"Content-Type": "text/html; charset=gb2312"}
>>> decode_response(Resp()).text
'你好，世界。'
"""

from __future__ import annotations

from typing import Any

from .encoding import Decoded, decode

__all__ = ["decode_response"]


def decode_response(resp: Any) -> Decoded:
    """Decode a ``requests`` / ``httpx`` response body using its ``Content-Type`` charset as the hint.

    The HTML ``<meta charset>`` is found by :func:`textrepair.decode` itself; a declared
    charset that is wrong is overridden and the override is in ``report``.
    """
    headers = getattr(resp, "headers", None) or {}
    content_type = headers.get("Content-Type") or headers.get("content-type")
    return decode(resp.content, hint=content_type)
