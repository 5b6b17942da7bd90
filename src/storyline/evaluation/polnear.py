"""Fetch the PolNeAR articles the quote evaluation uses (third-party text: never stored in
this repository).

PolNeAR (Newell, Margolin & Ruths, LREC 2018) is published on GitHub; each article was
annotated by several people. ``data/polnear_manifest.tsv`` lists the articles and the
annotator kept for each (split, name, annotator: 45 dev and 84 test articles), so that
everyone scores the same files. ``python -m storyline.evaluation.polnear`` (``make polnear``)
writes them to ``STORYLINE_DATA/quotes/polnear/<split>/{text,attributions}/``.
"""

from __future__ import annotations

import sys
import urllib.request
from importlib import resources
from pathlib import Path

from storyline.evaluation.datasets import data_root

#: The repository commit the manifest was made from.
COMMIT = "9b85973d1610e219cb1280819816edcaa0587371"
BASE = f"https://raw.githubusercontent.com/networkdynamics/PolNeAR/{COMMIT}/data"


def manifest() -> list[tuple[str, str, str]]:
    """(split, article name, annotator) of every article the evaluation uses."""
    text = resources.files("storyline.evaluation").joinpath("data/polnear_manifest.tsv")
    rows = (line.split("\t") for line in text.read_text(encoding="utf-8").splitlines())
    return [(row[0], row[1], row[2]) for row in rows if len(row) == 3]


def fetch(dest: Path | None = None, base: str = BASE) -> int:
    """Download the manifest's articles and annotations that are not there yet.

    Args:
        dest: The ``quotes/polnear`` folder; under the data folder when None.
        base: Where the repository's ``data`` folder is served.

    Returns:
        How many files were written.
    """
    dest = dest or data_root() / "quotes" / "polnear"
    written = 0
    for split, name, annotator in manifest():
        for remote, local in (
            (f"{split}/text/{name}.txt", dest / split / "text" / f"{name}.txt"),
            (
                f"{split}/attributions/{name}_{annotator}.ann",
                dest / split / "attributions" / f"{name}.ann",
            ),
        ):
            if local.is_file():
                continue
            with urllib.request.urlopen(f"{base}/{remote}", timeout=60) as response:
                body = response.read()
            local.parent.mkdir(parents=True, exist_ok=True)
            local.write_bytes(body)  # bytes as published: the annotations are offsets into them
            written += 1
    return written


if __name__ == "__main__":  # pragma: no cover - a download
    print(f"{fetch(Path(sys.argv[1]) if len(sys.argv) > 1 else None)} files written")
