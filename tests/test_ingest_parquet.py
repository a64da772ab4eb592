"""Parquet input: one article per row, streamed, with the same record rules as JSON Lines."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import pytest

import chronicle
from chronicle import DateBasis, ItemStatus
from chronicle.ingest.discover import file_format
from chronicle.ingest.readers import content_hash

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")

SETTINGS = chronicle.Settings(analyse=False)

HARBOUR = """Fishing crews from both sides of the strait returned to port on Tuesday after the two coast guards agreed to suspend boarding inspections for the rest of the season.

The arrangement was worked out over three days of talks in a harbour office that negotiators described as cramped but friendly. Officials said the deal covers inspections of small boats only, and that larger trawlers will still be checked at sea.

"Nobody wanted another winter of boats being towed into the wrong harbour," said one of the delegates, who asked not to be named because the text has not yet been published.

Fishermen's associations welcomed the pause but warned that quotas, not inspections, remain the real quarrel. A second round of talks on catch limits is expected before the spring."""

GRAIN = """The agriculture ministers of five inland countries met in a lakeside town on Friday and signed a plan to share grain storage during poor harvests.

Under the plan, each country will keep a reserve in silos near its borders, and a neighbour that suffers drought may draw on it at cost price. The ministers said the reserves would be inspected twice a year by a joint team.

The meeting followed two dry summers that emptied several national stores and pushed bread prices to record highs in market towns across the region.

Farmers' unions said the plan was a sensible start but asked for money to repair old silos, many of which were built decades ago and leak during the rainy months."""

RAILWAY = """Work began on Monday on a cross-border railway that will link two mountain capitals for the first time, after a decade of surveys and several false starts.

The presidents of both countries drove the first spikes at a ceremony held in a valley station, where brass bands played and schoolchildren waved paper flags. Engineers expect the line to take six years to build, including eleven tunnels.

Critics in both parliaments have questioned the cost, which is to be paid with loans from a regional development bank. Supporters answer that the railway will halve the time it takes to move ore and timber to the coast.

Villagers along the route said they hoped the new stations would bring back young people who left to find work in the cities."""


def write_table(path: Path, columns: dict[str, list], schema: "pa.Schema | None" = None, row_group_size: int | None = None) -> Path:
    """Write ``columns`` to a real Parquet file at ``path``."""
    table = pa.table(columns, schema=schema) if schema is not None else pa.table(columns)
    pq.write_table(table, path, row_group_size=row_group_size)
    return path


def canonical_hash(row: dict) -> str:
    """The raw hash a Parquet row should get: its canonical JSON form."""
    return content_hash(json.dumps(row, sort_keys=True, default=str, ensure_ascii=False).encode("utf-8"))


@pytest.fixture
def wire(tmp_path: Path) -> Path:
    """A Parquet file of five rows: three articles (one as HTML) and two rows with no body."""
    html = "<html><body><article><h1>Grain reserve plan signed</h1>" + "".join(f"<p>{p}</p>" for p in GRAIN.split("\n\n")) + "</article></body></html>"
    return write_table(
        tmp_path / "wire.parquet",
        {
            "text": [HARBOUR, None, "   ", RAILWAY, None],
            "html": [None, html, None, None, None],
            "url": ["https://wire.test/strait-fishing", "https://wire.test/grain", None, "https://wire.test/railway", None],
            "title": ["Coast guards pause boat inspections", "Grain reserve plan signed", "Blank", "Work starts on mountain railway", "Nothing"],
            "published": ["2021-09-14", "2022-07-08T09:30:00+02:00", None, "2023-04-03", None],
            "publisher": ["Strait Wire", "Strait Wire", None, "Valley Post", None],
            "authors": [["Ana Ruiz", "Tom Okafor"], [], None, ["Li Wei", None], None],
            "word_count": [118, 121, 0, 131, 0],
        },
    )


def test_parquet_is_a_known_format() -> None:
    assert file_format(Path("archive/2021.parquet")) == "parquet"
    assert file_format(Path("EXPORT.PARQUET")) == "parquet"


def test_rows_become_documents_with_their_columns(tmp_path: Path, wire: Path) -> None:
    report = chronicle.build([wire], db=tmp_path / "p.db", settings=SETTINGS)
    assert [(o.origin, o.status, o.code) for o in report.outcomes] == [
        (f"{wire}#row1", ItemStatus.ADDED, None),
        (f"{wire}#row2", ItemStatus.ADDED, None),
        (f"{wire}#row3", ItemStatus.REJECTED, "parquet-no-text"),
        (f"{wire}#row4", ItemStatus.ADDED, None),
        (f"{wire}#row5", ItemStatus.REJECTED, "parquet-no-text"),
    ]
    assert "row 3" in report.rejections[0].reason and "'text' or 'html'" in report.rejections[0].reason
    with chronicle.open(tmp_path / "p.db") as corpus:
        docs = {d.origin: d for d in corpus.documents()}
    fishing, grain, railway = docs[f"{wire}#row1"], docs[f"{wire}#row2"], docs[f"{wire}#row4"]
    assert fishing.url == "https://wire.test/strait-fishing"
    assert fishing.title == "Coast guards pause boat inspections"
    assert (fishing.published.basis, fishing.published.value) == (DateBasis.METADATA, "2021-09-14")
    assert fishing.authors == ("Ana Ruiz", "Tom Okafor")
    assert fishing.publisher is not None and fishing.publisher.value == "Strait Wire"
    assert "suspend boarding inspections" in fishing.text
    # The html column is the body when text is empty: its markup is gone, its words kept.
    assert grain.published.value == "2022-07-08"
    assert "share grain storage" in grain.text and "<p>" not in grain.text
    # A null inside a list of authors is no author.
    assert railway.authors == ("Li Wei",)
    assert "eleven tunnels" in railway.text


def test_raw_hash_is_the_rows_canonical_form(tmp_path: Path, wire: Path) -> None:
    chronicle.build([wire], db=tmp_path / "p.db", settings=SETTINGS)
    with chronicle.open(tmp_path / "p.db") as corpus:
        docs = {d.origin: d for d in corpus.documents()}
    rows = pq.read_table(wire, columns=["text", "html", "url", "title", "published", "publisher", "authors"]).to_pylist()
    assert docs[f"{wire}#row1"].raw_hash == canonical_hash(rows[0])
    assert docs[f"{wire}#row4"].raw_hash == canonical_hash(rows[3])
    assert docs[f"{wire}#row1"].raw_hash != docs[f"{wire}#row4"].raw_hash


def test_rebuild_is_unchanged_and_a_rewritten_file_only_adds_new_rows(tmp_path: Path, wire: Path, dump_tables) -> None:
    db = tmp_path / "p.db"
    chronicle.build([wire], db=db, settings=SETTINGS)
    before = dump_tables(db)
    again = chronicle.build([wire], db=db, settings=SETTINGS)
    assert again.count(ItemStatus.UNCHANGED) == 3 and again.added == 0
    assert dump_tables(db) == before
    # Rewritten with one more row: the file is read again, but only the new row is new.
    table = pq.read_table(wire)
    rows = table.to_pylist() + [{"text": GRAIN.replace("five", "six"), "url": "https://wire.test/grain-six"}]
    pq.write_table(pa.Table.from_pylist(rows, schema=table.schema), wire)
    third = chronicle.build([wire], db=db, settings=SETTINGS)
    statuses = {o.origin: o.status for o in third.outcomes}
    assert [statuses[f"{wire}#row{n}"] for n in (1, 2, 4)] == [ItemStatus.UNCHANGED] * 3
    assert statuses[f"{wire}#row6"] in (ItemStatus.ADDED, ItemStatus.NEAR_DUPLICATE)


def test_date_and_timestamp_columns_give_iso_dates(tmp_path: Path) -> None:
    dated = write_table(
        tmp_path / "dated.parquet",
        {"text": [HARBOUR, GRAIN], "published": pa.array([dt.date(2021, 9, 14), None], type=pa.date32())},
    )
    # 23:30 UTC on 7 July is already 8 July in Tokyo: the date is the one stated in the column's zone.
    stamp = dt.datetime(2022, 7, 7, 23, 30, tzinfo=dt.timezone.utc)
    stamped = write_table(
        tmp_path / "stamped.parquet",
        {"text": [RAILWAY], "published": pa.array([stamp], type=pa.timestamp("s", tz="Asia/Tokyo"))},
    )
    naive = write_table(
        tmp_path / "naive.parquet",
        {"text": [GRAIN.replace("Friday", "Thursday")], "published": pa.array([dt.datetime(2020, 2, 29, 6, 0)], type=pa.timestamp("ms"))},
    )
    report = chronicle.build([dated, stamped, naive], db=tmp_path / "d.db", settings=SETTINGS)
    assert report.count(ItemStatus.REJECTED) == 0
    with chronicle.open(tmp_path / "d.db") as corpus:
        docs = {d.origin: d for d in corpus.documents()}
    assert (docs[f"{dated}#row1"].published.basis, docs[f"{dated}#row1"].published.value) == (DateBasis.METADATA, "2021-09-14")
    assert docs[f"{dated}#row2"].published.basis is not DateBasis.METADATA  # a null date is no date
    assert docs[f"{stamped}#row1"].published.value == "2022-07-08"
    assert docs[f"{naive}#row1"].published.value == "2020-02-29"


def test_a_file_without_a_text_column_is_rejected_naming_its_columns(tmp_path: Path) -> None:
    body = write_table(tmp_path / "body.parquet", {"body": [HARBOUR], "headline": ["Coast guards pause inspections"]})
    numbers = write_table(tmp_path / "numbers.parquet", {"text": [1, 2], "url": ["https://a.test", "https://b.test"]})
    report = chronicle.build([body, numbers], db=tmp_path / "n.db", settings=SETTINGS)
    outcomes = {o.origin: o for o in report.outcomes}
    assert set(outcomes) == {str(body), str(numbers)}
    assert {o.code for o in outcomes.values()} == {"parquet-no-text-column"}
    assert "body (string)" in outcomes[str(body)].reason and "headline (string)" in outcomes[str(body)].reason
    assert "text (int64)" in outcomes[str(numbers)].reason


def test_a_damaged_file_is_rejected_and_the_build_goes_on(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "x.parquet").write_bytes(bytes(range(256)) * 16)
    good = write_table(folder / "y.parquet", {"text": [HARBOUR, RAILWAY], "title": ["Strait", "Railway"]})
    # A file cut short loses its footer, which holds the schema.
    (folder / "z.parquet").write_bytes(good.read_bytes()[:-40])
    report = chronicle.build([folder], db=tmp_path / "x.db", settings=SETTINGS)
    outcomes = {o.origin: o for o in report.outcomes}
    for name in ("x.parquet", "z.parquet"):
        bad = outcomes[str(folder / name)]
        assert (bad.status, bad.code) == (ItemStatus.REJECTED, "malformed-parquet")
        assert "damaged or not Parquet" in bad.reason
    assert [outcomes[f"{good}#row{n}"].status for n in (1, 2)] == [ItemStatus.ADDED, ItemStatus.ADDED]
    with chronicle.open(tmp_path / "x.db") as corpus:
        assert sorted(d.title for d in corpus.documents()) == ["Railway", "Strait"]


def test_a_row_over_the_size_limit_is_too_large(tmp_path: Path) -> None:
    long_text = "\n\n".join([HARBOUR, GRAIN, RAILWAY])
    path = write_table(tmp_path / "sizes.parquet", {"text": [HARBOUR, long_text]})
    limit = 1500
    assert len(HARBOUR.encode()) + 20 < limit < len(long_text.encode())
    report = chronicle.build([path], db=tmp_path / "s.db", settings=SETTINGS.replace(max_item_bytes=limit))
    outcomes = {o.origin: o for o in report.outcomes}
    assert outcomes[f"{path}#row1"].status is ItemStatus.ADDED
    assert outcomes[f"{path}#row2"].code == "too-large"
    assert "max_item_bytes" in outcomes[f"{path}#row2"].reason


def test_many_rows_stream_through_small_batches(tmp_path: Path) -> None:
    # More rows than one read batch, over several row groups: every row comes out once, in order.
    texts = [f"Dispatch number {n}.\n\n{(HARBOUR, GRAIN, RAILWAY)[n % 3]}\n\nFiled as item {n} of the day." for n in range(150)]
    path = write_table(tmp_path / "many.parquet", {"text": texts, "url": [f"https://wire.test/{n}" for n in range(150)]}, row_group_size=40)
    report = chronicle.build([path], db=tmp_path / "m.db", settings=SETTINGS)
    assert [o.origin for o in report.outcomes] == [f"{path}#row{n}" for n in range(1, 151)]
    assert report.count(ItemStatus.REJECTED) == 0
    with chronicle.open(tmp_path / "m.db") as corpus:
        urls = {d.url for d in corpus.documents()}
    assert "https://wire.test/0" in urls and "https://wire.test/149" in urls


def test_without_pyarrow_the_file_is_rejected_with_the_install_command(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_table(tmp_path / "wire.parquet", {"text": [HARBOUR]})
    # A None entry in sys.modules makes the import fail as it does when the package is absent.
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    report = chronicle.build([path], db=tmp_path / "u.db", settings=SETTINGS)
    (rejection,) = report.rejections
    assert (rejection.origin, rejection.code) == (str(path), "parquet-unavailable")
    assert "pip install 'chronicle[parquet]'" in rejection.reason


def test_a_file_refused_for_want_of_pyarrow_is_read_once_pyarrow_is_there(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_table(tmp_path / "wire.parquet", {"text": [HARBOUR], "url": ["https://wire.test/h"]})
    db = tmp_path / "u.db"
    with monkeypatch.context() as blocked:
        blocked.setitem(sys.modules, "pyarrow", None)
        blocked.setitem(sys.modules, "pyarrow.parquet", None)
        first = chronicle.build([path], db=db, settings=SETTINGS)
    assert first.count(ItemStatus.REJECTED) == 1 and first.added == 0
    # The file itself has not changed, yet it is read again: the refusal was not about its content.
    second = chronicle.build([path], db=db, settings=SETTINGS)
    assert second.added == 1 and second.count(ItemStatus.REJECTED) == 0
    with chronicle.open(db) as corpus:
        assert [d.url for d in corpus.documents()] == ["https://wire.test/h"]
    third = chronicle.build([path], db=db, settings=SETTINGS)
    assert third.added == 0 and third.count(ItemStatus.UNCHANGED) == 1
