"""Runs a Scrapy crawl of the given URLs with TextRepairPipeline; writes the items as JSON lines.

    python tests/scrapy_crawl.py OUT.jsonl URL [URL ...]

Used by tests/test_integrations_engines.py in a subprocess (Twisted's reactor cannot restart).
"""

from __future__ import annotations

import json
import sys

import scrapy
from scrapy.crawler import CrawlerProcess


class PagesSpider(scrapy.Spider):
    name = "pages"

    def __init__(self, urls: list[str], **kwargs):
        super().__init__(**kwargs)
        self.start_urls = urls

    def parse(self, response):
        yield {"url": response.url, "body": response.body, "content_type": response.headers.get("Content-Type", b"").decode("latin-1")}


class Collect:
    items: list[dict] = []

    def process_item(self, item, spider=None):
        Collect.items.append(dict(item))
        return item


def main() -> None:
    out, urls = sys.argv[1], sys.argv[2:]
    process = CrawlerProcess(
        settings={
            "ITEM_PIPELINES": {"textrepair.integrations.scrapy.TextRepairPipeline": 300, "__main__.Collect": 400},
            "TEXTREPAIR_FIELDS": ["text"],
            "TEXTREPAIR_BODY_FIELD": "body",
            "TEXTREPAIR_CONTENT_TYPE_FIELD": "content_type",
            "LOG_LEVEL": "ERROR",
            "ROBOTSTXT_OBEY": False,
            "TELNETCONSOLE_ENABLED": False,
        }
    )
    process.crawl(PagesSpider, urls=urls)
    process.start()
    with open(out, "w", encoding="utf-8") as fh:
        for item in Collect.items:
            fh.write(json.dumps(item, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
