"""Tests for pykata.report_junit: valid XML whatever the learner's code printed."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from pykata.report_junit import render_junit
from pykata.results import RunResult


def test_each_kata_is_a_suite_and_each_test_a_case(sample_run: RunResult) -> None:
    root = ET.fromstring(render_junit(sample_run))
    assert ("6", "2", "2") == (root.get("tests"), root.get("failures"), root.get("skipped"))
    adder = root.find("testsuite[@name='math/adder']")
    assert adder is not None
    assert ["adds", "subtracts", "on old Pythons"] == [c.get("name") for c in adder]
    failure = adder.find("testcase[@name='subtracts']/failure")
    assert failure is not None
    assert "sub(3, 1) returned 4 | <b>bold</b>" == failure.get("message")
    assert "debug\ufffdline" == failure.text


def test_a_kata_without_tests_becomes_one_case_that_tells_its_status(sample_run: RunResult) -> None:
    root = ET.fromstring(render_junit(sample_run))
    assert root.find("testsuite[@name='math/echo']/testcase/skipped") is not None
    assert root.find("testsuite[@name='math/loop']/testcase/failure") is not None
