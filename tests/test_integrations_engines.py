"""Spark local[2] and a Scrapy crawl on 127.0.0.1 give the library's results."""

from __future__ import annotations

import http.server
import json
import subprocess
import sys
import threading
from pathlib import Path

import pytest

import textrepair as tr
from textrepair.integrations import report_fields

from conftest import FIXTURES, SEED_FILES, seed_text

TESTS = Path(__file__).resolve().parent


@pytest.fixture(scope="module")
def spark():
    pytest.importorskip("pyspark")
    pytest.importorskip("pyarrow")
    from pyspark.sql import SparkSession

    session = SparkSession.builder.master("local[2]").appName("textrepair-test").config("spark.ui.enabled", "false").getOrCreate()
    yield session
    session.stop()


def test_spark_udf_matches_the_library(spark):
    from textrepair.integrations.spark import repair_udf

    rows = [(key, seed_text(key)) for key in SEED_FILES] + [("missing", None)]
    df = spark.createDataFrame(rows, "id string, text string").repartition(2)
    out = {r.id: r.r for r in df.select("id", repair_udf()("text").alias("r")).collect()}
    for key in SEED_FILES:
        expected = tr.repair(seed_text(key))
        fields = report_fields(expected)
        got = out[key]
        assert got.text == expected.text and got.error is None
        assert (got.edits, got.spin_score, got.script, got.boilerplate_removed) == (fields["edits"], fields["spin_score"], fields["script"], fields["boilerplate_removed"])
    assert out["missing"].error == "value is missing"


class _Pages(http.server.BaseHTTPRequestHandler):
    routes = {
        "/gbk-no-charset": ("002.gbk.txt", "text/plain"),
        "/gbk-wrong-charset": ("002.gbk.txt", "text/plain; charset=iso-8859-1"),
        "/big5-wrong-charset": ("003.big5.txt", "text/plain; charset=utf-8"),
    }

    def do_GET(self):  # noqa: N802 - http.server's name
        name, ctype = self.routes[self.path]
        body = (FIXTURES / "pages" / name).read_bytes()
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def test_scrapy_crawl_repairs_pages_with_wrong_charsets(tmp_path):
    pytest.importorskip("scrapy")
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Pages)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        base = f"http://127.0.0.1:{server.server_address[1]}"
        out = tmp_path / "items.jsonl"
        proc = subprocess.run(
            [sys.executable, str(TESTS / "scrapy_crawl.py"), str(out), *(base + p for p in _Pages.routes)],
            capture_output=True, text=True, timeout=120,
        )
        assert proc.returncode == 0, proc.stderr[-2000:]
    finally:
        server.shutdown()
    items = {json.loads(line)["url"].rsplit("/", 1)[1]: json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()}
    assert set(items) == {p.lstrip("/") for p in _Pages.routes}
    truth = {
        "gbk": (FIXTURES / "pages" / "002.gbk.txt").read_bytes().decode("gbk"),
        "big5": (FIXTURES / "pages" / "003.big5.txt").read_bytes().decode("big5"),
    }
    for route, item in items.items():
        true_text = truth[route.split("-")[0]]
        assert item["text"] == tr.repair(true_text).text, route
        assert item["textrepair"]["text"]["edits"] == len(tr.repair(true_text).edits)
