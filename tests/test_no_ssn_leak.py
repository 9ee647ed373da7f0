"""No full SSN of the sample people reaches stdout or stderr of `backtax extract sample_docs`,
not even from SSN-shaped file names (sample_docs/w2/w2_two_employers_900-12-3456.pdf)."""

from __future__ import annotations

import subprocess

import pytest

from sample_docs.generators.people import all_ssns

Run = subprocess.CompletedProcess[str]


@pytest.fixture(scope="module")
def output(cli_extract_samples: Run) -> str:
    assert cli_extract_samples.stdout.strip().startswith("["), cli_extract_samples.stderr
    return cli_extract_samples.stdout + "\n" + cli_extract_samples.stderr


@pytest.mark.parametrize("ssn", all_ssns())
def test_full_ssn_never_printed(output: str, ssn: str) -> None:
    for shape in (ssn, ssn.replace("-", ""), ssn.replace("-", " ")):
        assert shape not in output


def test_ssn_shaped_file_name_printed_masked(output: str) -> None:
    assert "w2_two_employers_XXX-XX-3456.pdf" in output
