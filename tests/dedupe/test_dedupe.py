from storyline.dedupe import DedupeItem, DuplicateDetector, fingerprint, shingles

WIRE = (
    "BRASK, Ostrelia (MP) — Ostrelia's defence ministry said on Friday that it had received "
    "several consignments of artillery shells from Kardova since September, the first official "
    "confirmation of an arms relationship that neighbouring states have warned about for months. "
    "A spokesman said the deliveries were lawful and defensive and declined to give numbers. "
    "Kardova's foreign ministry did not respond to requests for comment on Friday evening. "
    "Analysts said the shipments could change the balance along the northern border region."
)
OTHER = (
    "Harbor City's council voted eight to five on Tuesday to lend two hundred and ten million "
    "dollars for a new football stadium on the Old Railyards site, over protests from residents "
    "of Fenwick who say rents will rise and the promised affordable housing will never be built."
)


def test_shingles_and_fingerprint_ignore_case_and_punctuation() -> None:
    assert fingerprint("Hello, World!") == fingerprint("hello world")
    assert shingles("one two three", size=5) == {"one two three"}
    assert len(shingles("a b c d e f", size=5)) == 2


def test_exact_near_and_trimmed_copies_point_at_the_first_seen_original() -> None:
    items = [
        DedupeItem("orig", WIRE),
        DedupeItem("exact", WIRE.upper()),
        DedupeItem("edited", WIRE.replace("on Friday evening", "by deadline")),
        DedupeItem("trimmed", WIRE.split(". A spokesman")[0] + "."),
        DedupeItem("padded", "Subscribe for more. " + WIRE + " Read our other coverage."),
        DedupeItem("other", OTHER),
    ]
    links = {link.article_id: link for link in DuplicateDetector().find(items)}
    assert set(links) == {"exact", "edited", "trimmed", "padded"}
    assert all(link.original_id == "orig" for link in links.values())
    assert links["exact"].kind == "exact" and links["exact"].score == 1.0
    assert links["edited"].kind == "near" and links["edited"].score >= 0.8


def test_a_copy_of_a_copy_names_the_root() -> None:
    first = DedupeItem("a", WIRE)
    second = DedupeItem("b", WIRE + " Extra closing paragraph added by the republisher today.")
    third = DedupeItem("c", second.text + " And another sentence added by a content farm site.")
    links = DuplicateDetector(jaccard_threshold=0.99, containment_threshold=0.95).find(
        [first, second, third]
    )
    assert {(link.article_id, link.original_id) for link in links} == {("b", "a"), ("c", "a")}


def test_unrelated_articles_are_not_duplicates() -> None:
    assert DuplicateDetector().find([DedupeItem("a", WIRE), DedupeItem("b", OTHER)]) == []
