"""The ``storyline`` command, run in-process with Typer's CliRunner (one real subprocess too)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from typer.testing import CliRunner, Result

from storyline.cli import EXIT_REJECTED, app
from storyline.store import Store
from tests.conftest import DEMO, ROOT
from tests.ingest.inputs import article_html, article_text, jsonl

SCHEMA = json.loads((ROOT / "docs" / "schema.json").read_text(encoding="utf-8"))
DEMO_ARTICLES = 61


def invoke(*args: str | Path) -> Result:
    return CliRunner().invoke(app, [str(a) for a in args])


def squeeze(text: str) -> str:
    return "".join(text.split())


def said(text: str, result: Result) -> bool:
    """Whether stderr says ``text``, ignoring where rich wrapped or folded the lines.

    When stderr is not a terminal rich wraps at 80 columns and folds long paths mid-word.
    """
    return squeeze(text) in squeeze(result.stderr)


def validate(document: dict[str, Any]) -> None:
    jsonschema.Draft202012Validator(SCHEMA).validate(document)


@dataclass(frozen=True)
class Demo:
    """The demo corpus, run once for the module."""

    db: Path
    out: Path
    result: Result
    export: dict[str, Any]


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Demo:
    folder = tmp_path_factory.mktemp("demo")
    db, out = folder / "demo.db", folder / "report"
    result = invoke("run", DEMO, "--db", db, "--out", out)
    assert result.exit_code == 0, result.stderr
    with Store(db) as store:
        from storyline import pipeline

        document = pipeline.export(store)
    return Demo(db, out, result, document)


def write_inputs(folder: Path, bad: bool = False) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(3):
        (folder / f"story_{n}.txt").write_text(article_text(n), encoding="utf-8")
    (folder / "page.html").write_text(article_html(3), encoding="utf-8")
    if bad:
        (folder / "empty.txt").write_bytes(b"")
        (folder / "wire.jsonl").write_text(jsonl([{"title": "x"}]))
    return folder


# -- the installed entry point ---------------------------------------------------------------


def test_console_script_help() -> None:
    script = Path(sys.executable).parent / "storyline"
    assert script.exists(), "the console script is not installed"
    done = subprocess.run([str(script), "--help"], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    for command in ("ingest", "build", "run", "stories", "show", "report", "export", "extract"):
        assert command in done.stdout


def test_no_arguments_shows_help_as_a_usage_error() -> None:
    result = invoke()
    assert result.exit_code == 2
    assert "Usage" in result.stdout


# -- ingest ----------------------------------------------------------------------------------


def test_ingest_exit_0(tmp_path: Path) -> None:
    inputs = write_inputs(tmp_path / "in")
    result = invoke("ingest", inputs, "--db", tmp_path / "s.db")
    assert result.exit_code == 0, result.stderr
    assert said("ingested 4 new, 0 unchanged, 0 rejected", result)
    again = invoke("ingest", inputs, "--db", tmp_path / "s.db")
    assert again.exit_code == 0
    assert said("ingested 0 new, 4 unchanged, 0 rejected", again)
    with Store(tmp_path / "s.db") as store:
        assert store.counts()["articles"] == 4


def test_ingest_exit_3_when_something_is_rejected(tmp_path: Path) -> None:
    inputs = write_inputs(tmp_path / "in", bad=True)
    result = invoke("ingest", inputs, "--db", tmp_path / "s.db")
    assert result.exit_code == EXIT_REJECTED == 3
    assert said("ingested 4 new, 0 unchanged, 2 rejected", result)
    assert said(f"rejected {inputs / 'empty.txt'}: empty file", result)
    assert said(f"rejected {inputs / 'wire.jsonl'}#line=1: the record has neither", result)
    with Store(tmp_path / "s.db") as store:
        assert store.counts()["articles"] == 4  # the good files were stored all the same
        assert len(store.rejections()) == 2


def test_ingest_lists_at_most_20_rejections(tmp_path: Path) -> None:
    for n in range(23):
        (tmp_path / f"empty_{n:02d}.txt").write_bytes(b"")
    result = invoke("ingest", tmp_path, "--db", tmp_path / "s.db")
    assert result.exit_code == 3
    assert squeeze(result.stderr).count(":emptyfile") == 20
    assert said("… and 3 more (storyline export lists all)", result)


def test_ingest_max_bytes_and_missing_path(tmp_path: Path) -> None:
    inputs = write_inputs(tmp_path / "in")
    db = tmp_path / "s.db"
    result = invoke(
        "ingest", inputs / "story_0.txt", tmp_path / "nope.txt", "--db", db, "--max-bytes", "100"
    )
    assert result.exit_code == 3
    assert said("bytes, over the 100 bytes limit for one page", result)
    assert said(f"rejected {tmp_path / 'nope.txt'}: no such file or directory", result)


def test_db_from_environment_variable(tmp_path: Path) -> None:
    inputs = write_inputs(tmp_path / "in")
    result = CliRunner(env={"STORYLINE_DB": str(tmp_path / "env.db")}).invoke(
        app, ["ingest", str(inputs)]
    )
    assert result.exit_code == 0, result.stderr
    with Store(tmp_path / "env.db") as store:
        assert store.counts()["articles"] == 4


@pytest.mark.parametrize(
    "args",
    [["ingest", "IN"], ["build"], ["stories"], ["show", "s-1"], ["export"], ["report"]],
    ids=lambda a: a[0],
)
def test_not_a_database_exits_1_with_a_clear_message(tmp_path: Path, args: list[str]) -> None:
    db = tmp_path / "notes.db"
    db.write_text("these are my notes, not a database\n" * 40)
    inputs = write_inputs(tmp_path / "in")
    argv = [str(inputs) if a == "IN" else a for a in args] + ["--db", str(db)]
    if args == ["report"]:
        argv += ["--out", str(tmp_path / "out")]
    result = invoke(*argv)
    assert result.exit_code == 1
    assert said(f"error: {db} is not a usable SQLite database", result)
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()


# -- build -----------------------------------------------------------------------------------


def test_build(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    assert invoke("ingest", write_inputs(tmp_path / "in"), "--db", db).exit_code == 0
    result = invoke("build", "--db", db)
    assert result.exit_code == 0, result.stderr
    pattern = r"4 articles → (\d+) duplicates, (\d+) events, (\d+) storylines"
    match = re.search(pattern, " ".join(result.stderr.split()))
    assert match is not None, result.stderr
    with Store(db) as store:
        counts = store.counts()
    assert (counts["duplicates"], counts["events"], counts["storylines"]) == tuple(
        int(g) for g in match.groups()
    )
    assert counts["events"] >= 1


def test_reextract(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    assert invoke("ingest", write_inputs(tmp_path / "in"), "--db", db).exit_code == 0
    result = invoke("reextract", "--db", db)
    assert result.exit_code == 0, result.stderr
    assert said("re-extracted 0 articles, 0 rejected", result)  # nothing outdated yet
    result = invoke("reextract", "--all", "--db", db)
    assert result.exit_code == 0, result.stderr
    assert said("re-extracted 4 articles, 0 rejected", result)


def test_build_of_an_empty_database(tmp_path: Path) -> None:
    result = invoke("build", "--db", tmp_path / "s.db", "--window-days", "0")
    assert result.exit_code == 0, result.stderr
    assert said("0 articles → 0 duplicates, 0 events, 0 storylines", result)


# -- run, stories, show, report, export on the demo corpus ------------------------------------


def test_run_writes_the_report(demo: Demo) -> None:
    assert said(f"ingested {DEMO_ARTICLES} new, 0 unchanged, 0 rejected", demo.result)
    assert said(f"{DEMO_ARTICLES} articles →", demo.result)
    for name in ("index.html", "report.md", "storylines.json"):
        assert (demo.out / name).stat().st_size > 0, name
    assert "<html" in (demo.out / "index.html").read_text(encoding="utf-8").lower()
    document = json.loads((demo.out / "storylines.json").read_text(encoding="utf-8"))
    validate(document)
    assert len(document["articles"]) == DEMO_ARTICLES
    assert document["storylines"]


def test_run_exit_3_when_something_is_rejected(tmp_path: Path) -> None:
    inputs = write_inputs(tmp_path / "in", bad=True)
    result = invoke("run", inputs, "--db", tmp_path / "s.db", "--out", tmp_path / "out")
    assert result.exit_code == 3
    assert (tmp_path / "out" / "index.html").exists()  # the report is written all the same
    document = json.loads((tmp_path / "out" / "storylines.json").read_text(encoding="utf-8"))
    validate(document)
    assert {r["source"] for r in document["rejected"]} == {
        str(inputs / "empty.txt"),
        f"{inputs / 'wire.jsonl'}#line=1",
    }


def test_stories_lists_every_storyline_with_its_full_id(demo: Demo) -> None:
    result = invoke("stories", "--db", demo.db)
    assert result.exit_code == 0, result.stderr
    for story in demo.export["storylines"]:
        assert story["id"] in result.stdout
    assert "out outlets" in result.stdout and "src independent sources" in result.stdout


def test_show_storyline_by_prefix(demo: Demo) -> None:
    story = demo.export["storylines"][0]
    result = invoke("show", story["id"][:8], "--db", demo.db)
    assert result.exit_code == 0, result.stderr
    shown = json.loads(result.stdout)
    assert shown["kind"] == "storyline"
    assert shown["id"] == story["id"]
    assert shown["title"] == story["title"]
    assert [e["id"] for e in shown["events"]] == story["event_ids"]


def test_show_event(demo: Demo) -> None:
    event = max(demo.export["events"], key=lambda e: len(e["article_ids"]))
    result = invoke("show", event["id"], "--db", demo.db)
    assert result.exit_code == 0, result.stderr
    shown = json.loads(result.stdout)
    assert shown["kind"] == "event"
    assert [a["id"] for a in shown["articles"]] == event["article_ids"]
    keys = {"id", "outlet", "published", "title", "url", "flags", "lineage"}
    assert set(shown["articles"][0]) == keys


def test_show_event_originals_leaves_copies_out(demo: Demo) -> None:
    event = max(demo.export["events"], key=lambda e: len(e["article_ids"]))
    result = invoke("show", event["id"], "--originals", "--db", demo.db)
    assert result.exit_code == 0, result.stderr
    shown = json.loads(result.stdout)
    assert [a["id"] for a in shown["articles"]] == event["original_ids"]
    assert len(shown["articles"]) == event["independent_sources"] < len(event["article_ids"])
    assert all(a["lineage"] is None for a in shown["articles"])


def test_export_originals_keeps_only_lineage_roots(demo: Demo) -> None:
    result = invoke("export", "--originals", "--db", demo.db)
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    validate(document)
    copies = [a for a in demo.export["articles"] if a["lineage"] is not None]
    assert len(document["articles"]) == DEMO_ARTICLES - len(copies)
    assert {a["id"] for a in document["articles"]}.isdisjoint(a["id"] for a in copies)


def test_show_article(demo: Demo) -> None:
    article = next(a for a in demo.export["articles"] if a["source"].endswith(".html"))
    result = invoke("show", article["id"], "--db", demo.db)
    assert result.exit_code == 0, result.stderr
    shown = json.loads(result.stdout)
    assert shown == {"kind": "article", **article}


def test_show_unknown_id_exits_1(demo: Demo) -> None:
    result = invoke("show", "zz-nothing", "--db", demo.db)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert said("no storyline, event or article has an id starting with 'zz-nothing'", result)


def test_show_ambiguous_prefix_exits_1(demo: Demo) -> None:
    result = invoke("show", "e-", "--db", demo.db)
    assert result.exit_code == 1
    assert said("'e-' is ambiguous", result)


def test_report_out(demo: Demo, tmp_path: Path) -> None:
    out = tmp_path / "elsewhere"
    result = invoke("report", "--out", out, "--db", demo.db)
    assert result.exit_code == 0, result.stderr
    for name in ("index.html", "report.md", "storylines.json"):
        assert (out / name).exists(), name
        assert said(f"wrote {out / name}", result)
    assert json.loads((out / "storylines.json").read_text(encoding="utf-8")) == json.loads(
        (demo.out / "storylines.json").read_text(encoding="utf-8")
    )


def test_export_validates_against_the_schema(demo: Demo) -> None:
    result = invoke("export", "--db", demo.db)
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    validate(document)
    assert document == demo.export
    assert len(document["articles"]) == DEMO_ARTICLES
    assert document["rejected"] == []
    in_events = {aid for e in document["events"] for aid in e["article_ids"]}
    assert in_events == {a["id"] for a in document["articles"]}  # every article has an event
    assert all(a["event_id"] for a in document["articles"])


def test_export_with_rejections_validates_too(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    invoke("ingest", write_inputs(tmp_path / "in", bad=True), "--db", db)
    result = invoke("export", "--db", db)
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    validate(document)
    assert len(document["rejected"]) == 2
    assert all(a["event_id"] is None for a in document["articles"])  # not built yet


def test_schema_rejects_a_broken_export(demo: Demo) -> None:
    # The validation above can fail: a document missing a required field does not validate.
    untitled = {k: v for k, v in demo.export["articles"][0].items() if k != "title"}
    broken = {**demo.export, "articles": [untitled]}
    with pytest.raises(jsonschema.ValidationError):
        validate(broken)


# -- extract ---------------------------------------------------------------------------------


def test_extract_prints_one_article_as_json(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text(article_text(4), encoding="utf-8")
    result = invoke("extract", path)
    assert result.exit_code == 0, result.stderr
    article = json.loads(result.stdout)
    assert article["title"] == "Council in Dunholm approves repairs to road number 4 after storms"
    assert article["text"].startswith("The council in Dunholm voted on Tuesday")
    assert article["source"] == str(path)
    assert article["published"] == "2025-03-03"
    assert not (tmp_path / "storyline.db").exists()  # nothing is stored


def test_extract_demo_html_page() -> None:
    page = DEMO / "html" / "harbor-gazette" / "ground-broken-on-harbor-city-fc-stadium.html"
    result = invoke("extract", page)
    assert result.exit_code == 0, result.stderr
    article = json.loads(result.stdout)
    assert article["title"] == "Ground broken on Harbor City FC stadium at Old Railyards"
    assert article["outlet"] == "The Harbor Gazette"
    assert article["published"] == "2026-06-02T15:50:00-05:00"
    assert "cookies" not in article["text"]


def test_extract_multi_record_file_prints_json_lines(tmp_path: Path) -> None:
    path = tmp_path / "wire.jsonl"
    records = [{"title": f"T{n}", "text": article_text(n)} for n in range(2)]
    path.write_text(jsonl(records) + "[1, 2]\n")
    result = invoke("extract", path)
    assert result.exit_code == 3
    lines = result.stdout.splitlines()
    assert [json.loads(line)["title"] for line in lines] == ["T0", "T1"]
    assert said(f"rejected {path}#line=3: a JSONL line must hold a JSON object", result)


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.txt", b"", "empty file"),
        ("nav.html", b"<html><body><nav><a href='/'>Home</a></nav></body></html>", "no article"),
        ("photo.html", b"\x00\x01\x02binary" * 10, "binary content"),
        ("notes.pdf", b"%PDF-1.4", "unsupported file type '.pdf'"),
    ],
)
def test_extract_bad_file_exits_3(tmp_path: Path, name: str, data: bytes, reason: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    result = invoke("extract", path)
    assert result.exit_code == 3
    assert result.stdout == ""
    assert said(f"rejected {path}: ", result)
    assert said(reason, result)


# -- incremental builds and user edits --------------------------------------------------------


def _copy_demo(demo: Demo, tmp_path: Path) -> Path:
    import shutil

    db = tmp_path / "edit.db"
    shutil.copy(demo.db, db)
    return db


def _export(db: Path) -> dict[str, Any]:
    result = invoke("export", "--db", db)
    assert result.exit_code == 0, result.stderr
    document: dict[str, Any] = json.loads(result.stdout)
    return document


def test_build_full_and_incremental_give_the_same_result_on_the_demo(
    demo: Demo, tmp_path: Path
) -> None:
    db = _copy_demo(demo, tmp_path)
    result = invoke("build", "--full", "--db", db)
    assert result.exit_code == 0, result.stderr
    assert said(f"{DEMO_ARTICLES} articles →", result)
    assert _export(db) == demo.export
    assert invoke("build", "--db", db).exit_code == 0
    assert _export(db) == demo.export


def test_edit_commands_and_later_builds(demo: Demo, tmp_path: Path) -> None:
    db = _copy_demo(demo, tmp_path)
    story = next(s for s in demo.export["storylines"] if len(s["event_ids"]) >= 2)
    older, newer = story["event_ids"][:2]
    result = invoke("merge", newer[:10], older, "--db", db)  # prefixes work; the older id wins
    assert result.exit_code == 0, result.stderr
    assert said(f"merged event {newer} into {older} (now an alias)", result)
    shown = json.loads(invoke("show", newer, "--db", db).stdout)
    assert (shown["id"], shown["resolved_from"], shown["aliases"]) == (older, newer, [newer])
    others = [e for e in demo.export["events"] if e["id"] not in (older, newer)]
    event = max(others, key=lambda e: len(e["article_ids"]))
    result = invoke("split", event["id"], event["article_ids"][-1], "--db", db)
    assert result.exit_code == 0, result.stderr
    assert said(f"split 1 out of {event['id']}", result)
    result = invoke("rename", story["id"], "A storyline we named", "--db", db)
    assert result.exit_code == 0 and said("renamed", result), result.stderr
    assert invoke("pin", older, "--db", db).exit_code == 0
    assert invoke("pin", older, "--db", db).exit_code == 2  # already pinned
    assert invoke("unpin", older, "--db", db).exit_code == 0
    edited = _export(db)
    timelines = []
    for args in (("build",), ("build", "--full")):
        assert invoke(*args, "--db", db).exit_code == 0
        rebuilt = _export(db)
        validate(rebuilt)
        assert rebuilt["events"] == edited["events"]
        # Timelines read provenance's date flags, which a build recomputes: the merge put
        # February's bond sale in November's event, so the build doubts those page dates.
        timelines.append([s.pop("timeline") for s in rebuilt["storylines"]])
        assert rebuilt["storylines"] == [
            {k: v for k, v in s.items() if k != "timeline"} for s in edited["storylines"]
        ]
        assert rebuilt["aliases"] == [{"alias": newer, "id": older, "kind": "event"}]
    assert timelines[0] == timelines[1]
    with Store(db) as store:
        kinds = [e.kind for e in store.edits()]
    assert kinds == ["merge", "split", "rename", "pin", "unpin"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("merge", "EVENT", "STORY"), "kinds differ"),
        (("merge", "EVENT", "e-0000000000000000"), "no event or storyline"),
        (("split", "EVENT", "ffffffffffffffff"), "is not a member"),
        (("rename", "STORY", ""), "the new title is empty"),
        (("unpin", "STORY"), "is not pinned"),
    ],
)
def test_a_bad_edit_exits_2_with_a_reason_and_changes_nothing(
    demo: Demo, tmp_path: Path, args: tuple[str, ...], message: str
) -> None:
    db = _copy_demo(demo, tmp_path)
    names = {"EVENT": demo.export["events"][0]["id"], "STORY": demo.export["storylines"][0]["id"]}
    result = invoke(*(names.get(a, a) for a in args), "--db", db)
    assert result.exit_code == 2
    assert said(message, result), result.stderr
    assert "Traceback" not in result.stderr
    assert _export(db) == demo.export


def test_stories_shows_bracketed_headlines_as_written(tmp_path: Path) -> None:
    page = article_text(5).replace("Council in", "[live] Council in", 1)
    (tmp_path / "live.txt").write_text(page, encoding="utf-8")
    db = tmp_path / "s.db"
    assert invoke("ingest", tmp_path / "live.txt", "--db", db).exit_code == 0
    assert invoke("build", "--db", db).exit_code == 0
    result = invoke("stories", "--db", db)
    assert "[live]" in result.stdout


def test_quotes_lists_who_said_what_in_a_storyline(demo: Demo) -> None:
    story = next(s for s in demo.export["storylines"] if "Kardova" in s["title"])
    result = invoke("quotes", story["id"][:8], "--db", demo.db)
    assert result.exit_code == 0, result.stderr
    assert "Oskar Dren" in result.stdout and "These deliveries are lawful" in result.stdout


def test_quotes_of_an_event_is_an_error(demo: Demo) -> None:
    event = demo.export["events"][0]
    result = invoke("quotes", event["id"], "--db", demo.db)
    assert result.exit_code == 1
    assert said("not a storyline", result)


def test_analyze_then_quotes_reads_the_stored_analysis(tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    assert invoke("ingest", DEMO, "--db", db).exit_code == 0
    assert invoke("build", "--db", db).exit_code == 0
    result = invoke("analyze", "--db", db)
    assert result.exit_code == 0, result.stderr
    assert said("analysed 61 articles (0 up to date)", result)
    assert said("analysed 0 articles (61 up to date)", invoke("analyze", "--db", db))
    exported = json.loads(invoke("export", "--db", db).stdout)
    story = next(s for s in exported["storylines"] if "Kardova" in s["title"])
    shown = invoke("quotes", story["id"], "--db", db)
    assert "Oskar Dren" in shown.stdout and "(reported)" in shown.stdout


def test_claims_lists_claim_groups_with_their_status(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    invoke("ingest", DEMO, "--db", db)
    invoke("build", "--db", db)
    exported = json.loads(invoke("export", "--db", db).stdout)
    story = next(s for s in exported["storylines"] if "Kardova" in s["title"])
    before = invoke("claims", story["id"], "--db", db)
    assert before.exit_code == 0 and said("run `storyline analyze` first", before)
    invoke("analyze", "--db", db)
    after = invoke("claims", story["id"], "--db", db)
    assert after.exit_code == 0, after.stderr
    assert "single_source" in after.stdout and "corroborated" in after.stdout
