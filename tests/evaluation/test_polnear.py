from pathlib import Path

from storyline.evaluation.polnear import fetch, manifest


def test_the_manifest_lists_45_dev_and_84_test_articles() -> None:
    rows = manifest()
    assert sum(split == "dev" for split, _, _ in rows) == 45
    assert sum(split == "test" for split, _, _ in rows) == 84
    assert len({(split, name) for split, name, _ in rows}) == len(rows)


def test_fetch_writes_each_file_once_byte_for_byte(tmp_path: Path) -> None:
    served = tmp_path / "served"
    for split, name, annotator in manifest():
        (served / split / "text").mkdir(parents=True, exist_ok=True)
        (served / split / "attributions").mkdir(parents=True, exist_ok=True)
        (served / split / "text" / f"{name}.txt").write_bytes("“Quoted,” he said.\r\n".encode())
        ann = served / split / "attributions" / f"{name}_{annotator}.ann"
        ann.write_text("T1\tSource 10 12\the")
    dest = tmp_path / "polnear"
    assert fetch(dest, served.as_uri()) == 2 * len(manifest())
    split, name, _ = manifest()[0]
    assert (dest / split / "text" / f"{name}.txt").read_bytes() == "“Quoted,” he said.\r\n".encode()
    assert (dest / split / "attributions" / f"{name}.ann").is_file()
    assert fetch(dest, served.as_uri()) == 0  # nothing twice
