"""Engine adapters: datatrove with 2 local tasks and datasets.map(num_proc=2) give the library's results."""

from __future__ import annotations

import gzip
import json
import pickle

import pytest

import textrepair as tr
from textrepair.integrations import report_fields

from conftest import SEED_FILES, seed_text


def _write_shards(folder, n_shards=2):
    folder.mkdir()
    records = [{"id": key, "text": seed_text(key)} for key in SEED_FILES]
    for shard in range(n_shards):
        with open(folder / f"shard{shard}.jsonl", "w", encoding="utf-8") as fh:
            for r in records[shard::n_shards]:
                fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    return records


def test_datatrove_local_executor_two_tasks(tmp_path):
    pytest.importorskip("datatrove")
    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter

    from textrepair.integrations.datatrove import TextRepairStep

    records = _write_shards(tmp_path / "in")
    LocalPipelineExecutor(
        pipeline=[JsonlReader(str(tmp_path / "in")), TextRepairStep(), JsonlWriter(str(tmp_path / "out"), compression=None)],
        tasks=2,
        workers=2,
        logging_dir=str(tmp_path / "logs"),
        start_method="fork",
    ).run()
    out = {}
    for path in (tmp_path / "out").iterdir():
        opener = gzip.open if path.suffix == ".gz" else open
        with opener(path, "rt", encoding="utf-8") as fh:
            for line in fh:
                rec = json.loads(line)
                out[rec["id"]] = rec
    assert set(out) == {r["id"] for r in records}
    for r in records:
        expected = tr.repair(r["text"])
        assert out[r["id"]]["text"] == expected.text
        assert out[r["id"]]["metadata"]["textrepair_spin_score"] == report_fields(expected)["spin_score"]


def test_datatrove_step_drops_spun_and_survives_bad_documents():
    pytest.importorskip("datatrove")
    from datatrove.data import Document

    from textrepair.integrations.datatrove import TextRepairStep

    docs = [Document(text=seed_text("004"), id="spun"), Document(text=seed_text("002"), id="clean"), Document(text=None, id="bad")]  # type: ignore[arg-type]
    kept = list(TextRepairStep(drop_spin_above=5.0).run(iter(docs)))
    assert [d.id for d in kept] == ["clean", "bad"]
    assert "not str" in kept[1].metadata["textrepair_error"]
    assert kept[0].metadata["textrepair_script"] == "simplified"


def test_datasets_map_num_proc_2():
    datasets = pytest.importorskip("datasets")
    from textrepair.integrations.datasets import repair_batch

    texts = [seed_text(k) for k in SEED_FILES]
    ds = datasets.Dataset.from_dict({"text": texts + [None], "n": list(range(len(texts) + 1))})
    mapped = ds.map(repair_batch, batched=True, batch_size=2, num_proc=2)
    assert mapped["text"][:-1] == [tr.repair(t).text for t in texts]
    assert mapped["textrepair_spin_score"][4] == tr.spin_score(texts[4]) or mapped["textrepair_spin_score"][4] > 5.0
    assert mapped["textrepair_error"][-1] != "" and mapped["text"][-1] is None
    assert mapped["n"] == list(range(len(texts) + 1))


def test_decode_response_uses_the_header_and_overrides_a_wrong_one():
    class Resp:
        def __init__(self, body, content_type):
            self.content = body
            self.headers = {"Content-Type": content_type}

    text = "新加坡核心商務區的一家星巴克裡，畫著上挑眼線。"
    assert tr.decode_response(Resp(text.encode("big5"), "text/html; charset=big5")).text == text
    wrong = tr.decode_response(Resp(text.encode("utf-8"), "text/html; charset=iso-8859-1"))
    assert wrong.text == text and "hint_overridden" in wrong.report


def test_every_pass_and_pipeline_pickles_small():
    for obj in [tr.default_pipeline(), *tr.default_pipeline().passes]:
        data = pickle.dumps(obj)
        assert len(data) < 4096, type(obj).__name__
        again = pickle.loads(data)
        assert again.run("靠山,迷霧").text == obj.run("靠山,迷霧").text


def test_from_html_extracts_decodes_and_repairs():
    pytest.importorskip("trafilatura")
    body = "<p>新加坡核心商務區的一家星巴克裡,畫著上挑眼線,已經在熱帶歷練出小麥色皮膚的年輕創業者介紹著她的產品,這是很長的一段正文。</p>"
    page = f'<html><head><meta charset="big5"><title>t</title></head><body><article><h1>新加坡</h1>{body}</article></body></html>'
    res = tr.from_html(page.encode("big5"))
    assert res.report["encoding"] == "big5"
    assert "新加坡核心商务区的一家星巴克里，" in res.text and "<" not in res.text
