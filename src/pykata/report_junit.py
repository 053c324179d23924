"""The JUnit XML report, for tools that show test results (CI dashboards, IDEs)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from .results import RunResult

# XML 1.0 cannot carry most control characters, and learner output may contain any of them.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

__all__ = ["render_junit"]


def _clean(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def render_junit(run: RunResult) -> str:
    """One testsuite per kata, one testcase per grader test."""
    root = ET.Element("testsuites", name="pykata", tests="0", failures="0", skipped="0")
    totals = {"tests": 0, "failures": 0, "skipped": 0}
    for kata in run.katas:
        suite = ET.SubElement(
            root, "testsuite", name=_clean(kata.id), time=f"{kata.duration_s:.3f}"
        )
        counts = {"tests": 0, "failures": 0, "skipped": 0}
        cases = kata.tests or ()
        if not cases:
            case = ET.SubElement(suite, "testcase", classname=_clean(kata.id), name=kata.status)
            if kata.status in ("skipped", "not-started"):
                ET.SubElement(case, "skipped", message=_clean(kata.message))
                counts["skipped"] += 1
            else:
                ET.SubElement(case, "failure", message=_clean(kata.message))
                counts["failures"] += 1
            counts["tests"] += 1
        for test in cases:
            case = ET.SubElement(
                suite, "testcase", classname=_clean(kata.id), name=_clean(test.name)
            )
            counts["tests"] += 1
            if test.outcome == "skipped":
                ET.SubElement(case, "skipped", message=_clean(test.message))
                counts["skipped"] += 1
            elif test.outcome != "passed":
                failure = ET.SubElement(case, "failure", message=_clean(test.message))
                failure.text = _clean(test.output) or None
                counts["failures"] += 1
        for key, value in counts.items():
            suite.set(key, str(value))
            totals[key] += value
    for key, value in totals.items():
        root.set(key, str(value))
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"
