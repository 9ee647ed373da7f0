"""The form catalogue (extractors/catalog/*.toml) and the tables derived from it."""

from __future__ import annotations

import tomllib

import pytest

from backtax.extractors import catalog
from backtax.extractors.forms._catalog import form_spec
from backtax.extractors.kinds import Extracted, all_kinds
from backtax.extractors.reconcile import GAP_CONFIDENCE, flag_gaps
from backtax.extractors.record import DOC_TYPES, INFORMATION_RETURN_TYPES
from backtax.extractors.transcripts.wi_forms import form_for
from backtax.validators.income import INCOME_LINES, WITHHOLDING_FAMILIES
from backtax.validators.tables import PRIMARY_FIELD, withholding_field


def test_every_catalogue_form_has_a_kind_and_is_an_information_return() -> None:
    kinds = {k.name for k in all_kinds()}
    for doc_type in catalog.doc_types():
        assert doc_type in kinds
        assert doc_type in INFORMATION_RETURN_TYPES
        assert doc_type in DOC_TYPES


def test_boxes_are_unique_and_of_known_kinds() -> None:
    for entry in catalog.forms().values():
        names = [b.name for b in entry.boxes]
        assert len(names) == len(set(names)), entry.source
        assert all(b.kind in catalog.VALUE_KINDS for b in entry.boxes)
        assert entry.form_numbers, entry.source


def test_1099_oid_is_one_catalogue_file_read_by_the_shared_engine() -> None:
    """1099-OID has no module of its own: its file (boxes from the IRS form, Rev. October
    2019) makes its kind, its transcript labels and its validator facts."""
    entry = catalog.form("1099-OID")
    spec = form_spec("1099-OID")
    assert {b.name for b in spec.boxes} >= {
        "box1_original_issue_discount",
        "box2_other_periodic_interest",
        "box4_federal_tax_withheld",
        "box8_oid_on_us_treasury_obligations",
        "box11_tax_exempt_oid",
    }
    assert entry.reader == "info_return"
    assert PRIMARY_FIELD["1099-OID"] == "box1_original_issue_discount"
    assert withholding_field("1099-OID") == "box4_federal_tax_withheld"
    assert "1099-OID" in WITHHOLDING_FAMILIES
    taxable = {(s.family, s.field) for s in INCOME_LINES["taxable_interest"]}
    assert ("1099-OID", "box2_other_periodic_interest") in taxable
    doc_type, table = form_for("1099-OID")
    assert doc_type == "1099-OID" and table is not None
    assert table.line_for("Other Periodic Interest").name == "box2_other_periodic_interest"


def test_validator_tables_come_from_the_catalogue() -> None:
    """IRS_REFERENCE.md 2.1: W-2 box 1 is wages, 1099-INT box 1 taxable interest."""
    assert PRIMARY_FIELD["W-2"] == "box1_wages"
    assert withholding_field("W-2") == "box2_federal_tax_withheld"
    assert withholding_field("SSA-1099") == "box6_voluntary_tax_withheld"
    wages = {(s.family, s.field) for s in INCOME_LINES["wages"]}
    assert wages == {("W-2", "box1_wages")}
    ira = INCOME_LINES["ira_distributions_taxable"][0]
    assert ira.fallback == "box1_gross_distribution" and ira.when is not None


def test_a_file_without_reader_is_an_information_return() -> None:
    data = tomllib.loads('doc_type = "1099-X"\n[[boxes]]\nname = "a"\nlabels = ["A"]\n')
    form = catalog.parse(data, "x.toml")
    assert (form.reader, form.reads) == ("info_return", "info_return")
    del data["doc_type"]
    with pytest.raises(catalog.CatalogError, match="no doc_type"):
        catalog.parse(data, "x.toml")
    data["doc_type"] = "1099-X"
    data["boxes"][0]["kind"] = "colour"
    with pytest.raises(catalog.CatalogError, match="kind"):
        catalog.parse(data, "x.toml")


def test_wrapped_label_gives_every_cut() -> None:
    assert catalog.wrapped_cuts("PAYER'S name, street address") == (
        "PAYER'S name, street address",
        "PAYER'S name, street",
        "PAYER'S name,",
    )


@pytest.mark.parametrize(
    ("fields", "year", "tin", "gaps"),
    [
        ({"account_number": "12-3"}, 2024, "12-3456789", ["no amount was read"]),
        ({"box1_interest_income": "10.00"}, None, "12-3456789", ["no tax year was found"]),
        ({"box1_interest_income": "10.00"}, 2024, None, ["no payer TIN was found"]),
        ({"box1_interest_income": "10.00"}, 2024, "12-3456789", []),
    ],
)
def test_a_record_missing_what_a_form_has_says_so(
    fields: dict[str, str], year: int | None, tin: str | None, gaps: list[str]
) -> None:
    doc = Extracted("1099-INT", [1], tax_year=year, payer_tin=tin, fields=fields)
    flag_gaps(doc)
    assert [w.split("but ")[-1] for w in doc.warnings] == gaps
    assert (doc.confidence <= GAP_CONFIDENCE) == bool(gaps)
    assert GAP_CONFIDENCE < 0.5
