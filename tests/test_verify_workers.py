"""Parallel verify: katas split across workers, verdicts merged back in catalog order."""

from __future__ import annotations

from pathlib import Path

from pykata.catalog import Catalog
from pykata.verify import Verdict
from pykata.verify_workers import balance, load_verdicts, verify_in_workers, write_verdicts


def test_katas_are_balanced_across_workers_by_how_many_variants_they_grade(
    catalog: Catalog,
) -> None:
    katas = list(catalog.katas)

    groups = balance(katas * 3, 2)

    assert 2 == len(groups)
    assert sorted(k.id for k in katas * 3) == sorted(k.id for g in groups for k in g)
    assert [sorted(k.id for k in katas)] == [sorted(k.id for k in g) for g in balance(katas, 1)]
    assert len(katas) == len(balance(katas, 99))


def test_verdicts_round_trip_through_a_worker_file(tmp_path: Path) -> None:
    verdicts = [Verdict("a/b", ("mutant x survived",), 2, 3), Verdict("c/d", (), 1, 1)]

    write_verdicts(tmp_path / "v.json", verdicts, ["pytest stopped"])

    assert (verdicts, ["pytest stopped"]) == load_verdicts(tmp_path / "v.json")


def test_workers_verify_every_kata_and_report_in_catalog_order(catalog: Catalog) -> None:
    katas = list(catalog.katas)

    verdicts, problems = verify_in_workers(catalog.root, katas, "fork", 2)

    assert [] == problems
    assert [k.id for k in katas] == [v.kata_id for v in verdicts]
    assert all(not v.problems and v.mutants_caught == v.mutants for v in verdicts)


def test_a_worker_that_fails_is_reported(catalog: Catalog) -> None:
    katas = list(catalog.katas)

    verdicts, problems = verify_in_workers(catalog.root / "nowhere", katas, "fork", 2)

    assert [] == verdicts
    assert 2 == len(problems)
    assert all("a verify worker for" in p for p in problems)
