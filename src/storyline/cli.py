"""The ``storyline`` command: a thin Typer layer, one library call per command.

Exit codes: 0 success; 1 error (nothing written by the failing step); 2 usage error;
3 the command finished but some inputs were rejected (see ``rejected`` in the report/export).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, TypeVar

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Column, Table

from storyline import edits, pipeline, queries
from storyline.cluster.dense import DenseUnavailable
from storyline.ingest import MAX_DOCUMENT_BYTES
from storyline.model import Edit, Rejected
from storyline.store import DEFAULT_DB, Store, StoreError

EXIT_REJECTED = 3
EXIT_USAGE = 2
DEFAULT_DATA = Path("../shared/data")

app = typer.Typer(
    help="Turn scraped news pages into deduplicated, source-attributed storylines.",
    no_args_is_help=True,
    add_completion=False,
)
console = Console(stderr=True)
out = Console()

DbOption = Annotated[Path, typer.Option("--db", envvar="STORYLINE_DB", help="SQLite database.")]
PathsArg = Annotated[list[str], typer.Argument(help="Files, directories or glob patterns.")]
MaxBytes = Annotated[int, typer.Option("--max-bytes", help="Size limit of one document.")]
OutDir = Annotated[Path, typer.Option("--out", help="Folder for index.html, report.md, JSON.")]
OriginalsOption = Annotated[
    bool,
    typer.Option(
        "--originals", help="Original reports only: leave copies and rewrites out of the lists."
    ),
]
AbstractiveOption = Annotated[
    bool,
    typer.Option(
        "--abstractive",
        help="Write summaries with the OpenAI-compatible endpoint of STORYLINE_LLM_URL and "
        "STORYLINE_LLM_MODEL (STORYLINE_LLM_KEY optional); every sentence is checked against "
        "the sources it cites.",
    ),
]


@contextmanager
def _configured() -> Iterator[None]:
    """A configuration error (``--abstractive`` without an endpoint) as a clear message."""
    try:
        yield
    except ValueError as exc:
        console.print(f"[red]error:[/red] {escape(str(exc))}")
        raise typer.Exit(2) from exc


@contextmanager
def _open(db: Path) -> Iterator[Store]:
    try:
        store = Store(db)
    except StoreError as exc:
        console.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(1) from exc
    try:
        yield store
    finally:
        store.close()


_COLUMNS = (
    SpinnerColumn(),
    TextColumn("[bold]{task.description}"),
    BarColumn(),
    TextColumn("{task.completed} items"),
    TimeElapsedColumn(),
)


@contextmanager
def _progress(label: str) -> Iterator[pipeline.Progress]:
    with Progress(*_COLUMNS, console=console, transient=True) as bar:
        task = bar.add_task(label, total=None)
        yield lambda _source: bar.advance(task)


Found = TypeVar("Found")


def _found(lookup: Callable[[Store, str], Found], store: Store, item_id: str) -> Found:
    """``lookup(store, item_id)``, or the lookup's error printed and exit code 1."""
    try:
        return lookup(store, item_id)
    except LookupError as exc:
        console.print(f"[red]error:[/red] {escape(exc.args[0])}")
        raise typer.Exit(1) from exc


@contextmanager
def _build_feedback(dense: bool) -> Iterator[Callable[[int], None] | None]:
    """A progress bar over articles embedded (dense builds), else a spinner."""
    if not dense:
        with console.status("building events and storylines"):
            yield None
        return
    with Progress(*_COLUMNS, console=console, transient=True) as bar:
        task = bar.add_task("embedding articles, then building", total=None)
        yield lambda count: bar.advance(task, count)


def _plain(rejected: Rejected) -> str:
    """``source: reason`` with any ``[...]`` in them shown as text, not as Rich markup."""
    return f"{escape(rejected.source)}: {escape(rejected.reason)}"


def _report_ingest(summary: pipeline.IngestSummary) -> None:
    console.print(
        f"ingested [bold]{summary.added}[/bold] new, {summary.unchanged} unchanged, "
        f"{len(summary.rejected)} rejected"
    )
    for rejected in summary.rejected[:20]:
        console.print(f"  [yellow]rejected[/yellow] {_plain(rejected)}")
    if len(summary.rejected) > 20:
        console.print(f"  … and {len(summary.rejected) - 20} more (storyline export lists all)")


@app.command()
def ingest(
    paths: PathsArg, db: DbOption = Path(DEFAULT_DB), max_bytes: MaxBytes = MAX_DOCUMENT_BYTES
) -> None:
    """Read, clean and store pages (.txt, .html, .jsonl, .warc, RSS/Atom)."""
    with _open(db) as store, _progress("ingesting") as progress:
        summary = pipeline.ingest(store, paths, max_bytes=max_bytes, progress=progress)
    _report_ingest(summary)
    if summary.rejected:
        raise typer.Exit(EXIT_REJECTED)


@app.command()
def reextract(
    db: DbOption = Path(DEFAULT_DB),
    everything: Annotated[
        bool, typer.Option("--all", help="Redo every document, not only outdated ones.")
    ] = False,
) -> None:
    """Re-run extraction on stored pages after an upgrade (then `storyline build --full`).

    An incremental build never revisits stored articles, so when re-extraction changed their
    text, regroup with `storyline build --full` (your merges, splits, renames and pins are
    replayed).
    """
    with _open(db) as store, _progress("re-extracting") as progress:
        summary = pipeline.reextract(store, everything=everything, progress=progress)
    console.print(f"re-extracted {summary.added} articles, {len(summary.rejected)} rejected")
    if summary.added:
        console.print("run `storyline build --full` to regroup the re-extracted articles")
    if summary.rejected:
        raise typer.Exit(EXIT_REJECTED)


@app.command()
def build(
    db: DbOption = Path(DEFAULT_DB),
    threshold: Annotated[
        float | None,
        typer.Option(
            help="Use the classic single pass with this centroid-cosine threshold instead of "
            "the learned event scorer."
        ),
    ] = None,
    window_days: Annotated[float, typer.Option(help="Event time window in days; 0 = none.")] = (
        pipeline.DEFAULT_WINDOW_DAYS
    ),
    full: Annotated[
        bool,
        typer.Option(
            "--full",
            help="Regroup every article from scratch (user edits are replayed); needed after "
            "a re-extraction that changed article text.",
        ),
    ] = False,
    dense: Annotated[
        bool,
        typer.Option(
            "--dense",
            help="Add MiniLM sentence embeddings to the event scorer's evidence (needs "
            "storyline[dense]; embeddings are cached in the database).",
        ),
    ] = False,
    jobs: Annotated[
        int,
        typer.Option(
            help="Processes for clustering large batches (5,000+ new articles); -1 = all cores."
        ),
    ] = -1,
) -> None:
    """Find duplicates and group new articles into events and storylines (ids are kept)."""
    config = pipeline.BuildConfig(
        threshold=threshold, window_days=window_days or None, dense=dense, n_jobs=jobs
    )
    with _open(db) as store, _build_feedback(dense) as encoded:
        try:
            summary = pipeline.build(store, config, full=full, encoded=encoded)
        except DenseUnavailable as error:
            console.print(f"[red]{escape(str(error))}[/red]")
            raise typer.Exit(2) from error
    console.print(
        f"{summary.articles} articles → {summary.duplicates} duplicates, "
        f"{summary.events} events, {summary.storylines} storylines"
    )


@app.command()
def run(
    paths: PathsArg,
    out_dir: OutDir = Path("out"),
    db: DbOption = Path(DEFAULT_DB),
    max_bytes: MaxBytes = MAX_DOCUMENT_BYTES,
) -> None:
    """Ingest, build and report in one go."""
    with _open(db) as store, _progress("ingesting") as progress:
        summary = pipeline.run(store, paths, out_dir, max_bytes=max_bytes, progress=progress)
    _report_ingest(summary.ingest)
    b = summary.build
    console.print(
        f"{b.articles} articles → {b.duplicates} duplicates, {b.events} events, "
        f"{b.storylines} storylines"
    )
    console.print(
        f"report: [bold]{out_dir / 'index.html'}[/bold] (also report.md, storylines.json)"
    )
    if summary.ingest.rejected:
        raise typer.Exit(EXIT_REJECTED)


ItemArg = Annotated[str, typer.Argument(metavar="ID", help="Event or storyline id, or prefix.")]


def _edited(outcome: Edit | Rejected) -> None:
    """Print what an edit did, or why it was refused (exit code 2, nothing changed)."""
    if isinstance(outcome, Rejected):
        console.print(f"[red]error:[/red] {outcome.reason}")
        raise typer.Exit(EXIT_USAGE)
    console.print(edits.summary(outcome))


@app.command()
def merge(
    first: Annotated[str, typer.Argument(metavar="A", help="Event or storyline id, or prefix.")],
    second: Annotated[str, typer.Argument(metavar="B", help="Another of the same kind.")],
    db: DbOption = Path(DEFAULT_DB),
) -> None:
    """Merge two events or two storylines; the older id survives, the other becomes an alias."""
    with _open(db) as store, console.status("merging"):
        outcome = edits.merge(store, first, second)
    _edited(outcome)


@app.command()
def split(
    item: ItemArg,
    members: Annotated[
        list[str],
        typer.Argument(
            metavar="MEMBER",
            help="Article ids of an event, or event ids of a storyline, to move into a new one.",
        ),
    ],
    db: DbOption = Path(DEFAULT_DB),
) -> None:
    """Move articles out of an event (or events out of a storyline) into a new one."""
    with _open(db) as store, console.status("splitting"):
        outcome = edits.split(store, item, members)
    _edited(outcome)


@app.command()
def rename(
    item: ItemArg,
    title: Annotated[str, typer.Argument(help="The new title.")],
    db: DbOption = Path(DEFAULT_DB),
) -> None:
    """Give an event or storyline a title that later builds keep."""
    with _open(db) as store, console.status("renaming"):
        outcome = edits.rename(store, item, title)
    _edited(outcome)


@app.command()
def pin(item: ItemArg, db: DbOption = Path(DEFAULT_DB)) -> None:
    """Pin an event or storyline: later builds keep its members and title and add nothing."""
    with _open(db) as store, console.status("pinning"):
        outcome = edits.pin(store, item)
    _edited(outcome)


@app.command()
def unpin(item: ItemArg, db: DbOption = Path(DEFAULT_DB)) -> None:
    """Undo `storyline pin`: later builds may grow the event or storyline again."""
    with _open(db) as store, console.status("unpinning"):
        outcome = edits.unpin(store, item)
    _edited(outcome)


@app.command()
def stories(db: DbOption = Path(DEFAULT_DB)) -> None:
    """List storylines (sources: independent reports, copies and rewrites not counted)."""
    with _open(db) as store:
        rows = queries.storyline_rows(store)
    # Users copy ids into `show`: never wrap or shorten them, however narrow the terminal.
    # Short count headers leave the headline room on an 80-column terminal.
    table = Table(
        Column("id", no_wrap=True, min_width=18),
        Column("span", min_width=10),
        *(Column(n, justify="right", min_width=len(n)) for n in ("ev", "art", "out", "src")),
        Column("title", overflow="fold", min_width=20),
        caption="ev events · art articles · out outlets · src independent sources",
    )
    for row in rows:
        title = escape(row.title)  # a headline such as "[live] ..." is text, not Rich markup
        counts = (row.events, row.articles, row.outlets, row.sources)
        table.add_row(row.id, row.span, *map(str, counts), title)
    out.print(table)


@app.command()
def show(
    item_id: Annotated[str, typer.Argument(metavar="ID", help="Id or unique prefix.")],
    db: DbOption = Path(DEFAULT_DB),
    originals: OriginalsOption = False,
) -> None:
    """Show a storyline, event or article."""
    with _open(db) as store:
        detail = _found(lambda db, i: queries.describe(db, i, originals=originals), store, item_id)
    out.print_json(json.dumps(detail, ensure_ascii=False))


@app.command()
def analyze(
    db: DbOption = Path(DEFAULT_DB),
    jobs: Annotated[
        int, typer.Option(help="Processes (each loads the spaCy model); -1 = all cores.")
    ] = 1,
) -> None:
    """Find entities and who said what in articles not analysed yet (spaCy NER + quote rules)."""
    from storyline.analyze.entities import ModelUnavailable

    with _open(db) as store, _progress("analysing") as progress:
        try:
            summary = pipeline.analyze(store, progress=progress, n_jobs=jobs)
        except ModelUnavailable as error:
            console.print(f"[red]error:[/red] {escape(str(error))}")
            raise typer.Exit(1) from error
    console.print(
        f"analysed {summary.analyzed} articles ({summary.up_to_date} up to date): "
        f"{summary.quotes} quotes and reported statements"
    )


StorylineArg = Annotated[str, typer.Argument(metavar="STORYLINE", help="Id or unique prefix.")]


@app.command()
def quotes(
    item_id: StorylineArg,
    db: DbOption = Path(DEFAULT_DB),
) -> None:
    """Who said what in a storyline: quotes and reported speech of its original reports."""
    with _open(db) as store:
        rows = _found(queries.storyline_quotes, store, item_id)
    table = Table(
        Column("speaker", min_width=12),
        Column("quote", overflow="fold", min_width=30),
        Column("outlet", min_width=8),
        Column("published", min_width=10),
    )
    for row in rows:
        # Speakers come from article text: "[...]" in them is text, not Rich markup.
        speaker = escape(row.speaker or "(unattributed)")
        if row.as_written and row.as_written != row.speaker:
            speaker += f" [dim](“{escape(row.as_written)}”)[/dim]"
        published = (row.published or "")[:10]
        said = f"“{row.text}”" if row.kind == "direct" else f"(reported) {row.text}"
        table.add_row(speaker, escape(said), escape(row.outlet or ""), published)
    out.print(table)


@app.command()
def claims(
    item_id: StorylineArg,
    db: DbOption = Path(DEFAULT_DB),
) -> None:
    """Claims of a storyline: disputed, corroborated by independent sources, or single-source."""
    with _open(db) as store:
        groups = _found(queries.storyline_claims, store, item_id)
    if not groups:
        console.print("no claims: run `storyline analyze` first")
    table = Table(
        Column("status", min_width=13),
        Column("src", justify="right"),
        Column("claim", overflow="fold", min_width=30),
        Column("asserted by / denied by", overflow="fold", min_width=16),
    )
    for group in groups:
        sides = ", ".join(group["asserted_by"]) or "—"
        if group["denied_by"]:
            sides += " / denied: " + ", ".join(group["denied_by"])
        table.add_row(
            group["status"],
            str(group["independent_sources"]),
            escape(group["summary"]),
            escape(sides),
        )
    out.print(table)


@app.command()
def timeline(
    item_id: StorylineArg,
    db: DbOption = Path(DEFAULT_DB),
) -> None:
    """A storyline's dated timeline: the days its articles say things happened ("on
    Tuesday" read against the publication date), each with cited sentences and evidence."""
    with _open(db) as store:
        entries = _found(queries.storyline_timeline, store, item_id)
    if not entries:
        console.print("no dated events: the articles name no day")
    table = Table(
        Column("date", min_width=10),
        Column("what happened", overflow="fold", min_width=30),
        Column("dated by", overflow="fold", min_width=16),
    )
    for entry in entries:
        dated_by = "; ".join(
            f"“{e['expression']}” in {e['article_id']}"
            + (f" (published {e['anchor']})" if e["anchor"] else "")
            for e in entry["evidence"]
        )
        table.add_row(entry["date"], escape(entry["text"]), escape(dated_by or "publication"))
    out.print(table)


@app.command()
def report(
    out_dir: OutDir = Path("out"),
    db: DbOption = Path(DEFAULT_DB),
    originals: OriginalsOption = False,
    abstractive: AbstractiveOption = False,
) -> None:
    """Write the report (index.html, report.md, storylines.json) and the web pages as a
    static site (site/) from the database."""
    with _open(db) as store, _configured():
        files = pipeline.report(store, out_dir, originals=originals, abstractive=abstractive)
    site = [path for path in files if "site" in path.relative_to(out_dir).parts]
    for path in files:
        if path not in site:
            console.print(f"wrote {path}")
    console.print(f"wrote {len(site)} pages of the static site: {out_dir / 'site' / 'index.html'}")


@app.command()
def export(
    db: DbOption = Path(DEFAULT_DB),
    originals: OriginalsOption = False,
    abstractive: AbstractiveOption = False,
) -> None:
    """Print the whole database as JSON (see docs/schema.json)."""
    with _open(db) as store, _configured():
        document = pipeline.export(store, originals=originals, abstractive=abstractive)
    sys.stdout.write(json.dumps(document, ensure_ascii=False, indent=1) + "\n")


@app.command()
def extract(file: Annotated[Path, typer.Argument(help="One page (.html, .txt, ...).")]) -> None:
    """Extract one page and print the article as JSON (nothing is stored)."""
    results = queries.extract_file(file)
    articles = [r for r in results if isinstance(r, dict)]
    for rejected in (r for r in results if not isinstance(r, dict)):
        console.print(f"[yellow]rejected[/yellow] {_plain(rejected)}")
    if len(articles) == 1:
        sys.stdout.write(json.dumps(articles[0], ensure_ascii=False, indent=1) + "\n")
    else:
        for article in articles:
            sys.stdout.write(json.dumps(article, ensure_ascii=False) + "\n")
    if len(articles) < len(results):
        raise typer.Exit(EXIT_REJECTED)


@app.command("train-extractor")
def train_extractor(
    data: Annotated[Path, typer.Option(help="Evaluation data folder.")] = DEFAULT_DATA,
    out_file: Annotated[Path | None, typer.Option("--out", help="Model file to write.")] = None,
    silver: Annotated[
        bool, typer.Option(help="Also train on metadata.jsonl.gz pages (silver labels).")
    ] = True,
) -> None:
    """Retrain the text-dump line classifier (reproducible; prints dev/test scores)."""
    from storyline.extract.text import MODEL_PATH
    from storyline.extract.train import train_extractor as train

    target = out_file or MODEL_PATH
    with console.status("training the line classifier (about 90 s)"):
        report = train(data, target, silver=silver)
    out.print_json(json.dumps(report, default=str))
    console.print(f"model written to {target}")


@app.command("train-clusterer")
def train_clusterer(
    data: Annotated[Path, typer.Option(help="Evaluation data folder.")] = DEFAULT_DATA,
    out_file: Annotated[Path | None, typer.Option("--out", help="Model file to write.")] = None,
    dense: Annotated[
        bool,
        typer.Option(
            "--dense", help="Train the scorer for --dense builds (needs storyline[dense])."
        ),
    ] = False,
) -> None:
    """Retrain the event scorer on the dev streams only (reproducible; about 2 minutes)."""
    from storyline.cluster.scorer import DENSE_MODEL_PATH, MODEL_PATH
    from storyline.cluster.train import train_scorer

    target = out_file or (DENSE_MODEL_PATH if dense else MODEL_PATH)
    minutes = "about 12 minutes: every training text is embedded first" if dense else "2 minutes"
    with console.status(f"training the event scorer on the dev streams ({minutes})"):
        try:
            report = train_scorer(data, target, dense=dense)
        except DenseUnavailable as error:
            console.print(f"[red]{escape(str(error))}[/red]")
            raise typer.Exit(2) from error
    out.print_json(json.dumps(report, default=str))
    console.print(f"model written to {target}")


@app.command()
def serve(
    db: DbOption = Path(DEFAULT_DB),
    host: Annotated[str, typer.Option(help="Address to listen on (localhost by default).")] = (
        "127.0.0.1"
    ),
    port: Annotated[int, typer.Option(help="Port.")] = 8000,
    write_token: Annotated[
        str | None,
        typer.Option(
            envvar="STORYLINE_WRITE_TOKEN",
            help="Allow edits (merge, split, rename, pin, unpin) through POST /api/edits/... "
            "for requests carrying this token (Authorization: Bearer TOKEN); 16+ printable ASCII "
            "characters, no spaces. Prefer the environment variable: other users can see command "
            "lines.",
        ),
    ] = None,
) -> None:
    """Browse the database in a web page (storylines, search, cited summaries, claims) and
    through a JSON API under /api/ (OpenAPI at /openapi.json), read-only unless given a
    write token."""
    import uvicorn

    from storyline.web import create_app

    try:
        application = create_app(db, write_token)
    except FileNotFoundError as error:
        console.print(f"[red]error:[/red] {escape(str(error))}")
        raise typer.Exit(1) from error
    except ValueError as error:
        console.print(f"[red]error:[/red] {escape(str(error))}")
        raise typer.Exit(EXIT_USAGE) from error
    mode = "edits allowed with the write token" if write_token else "read-only"
    console.print(f"serving {db} on http://{host}:{port}/ ({mode}; Ctrl-C stops)")
    if write_token and host not in ("127.0.0.1", "localhost", "::1"):
        console.print("[yellow]warning:[/yellow] plain HTTP: the write token crosses the network")
    uvicorn.run(application, host=host, port=port, log_level="warning")


def main() -> None:
    """Console-script entry point."""
    app()
