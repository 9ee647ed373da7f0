"""The assessment: per taxpayer and year from account transcripts, statutes and options."""

from __future__ import annotations

from decimal import Decimal

import pandas as pd

from backtax.extractors.record import DocumentRecord
from backtax.validators.api import assess_records
from backtax.validators.statutes import suspensions
from sample_docs.generators.cases import AS_OF, all_cases, case_records

CASES = {c.folder: c for c in all_cases()}


def _assess(*folders: str) -> dict:
    records = [DocumentRecord.from_json(r) for f in folders for r in case_records(CASES[f])]
    return assess_records(records, AS_OF)


def test_year_figures_sum_to_the_printed_balance():
    (person,) = _assess("balance_due_2022")["taxpayers"]
    (year,) = person["years"]
    parts = ("assessed_tax", "penalties", "interest", "payments_and_credits", "refunds")
    assert sum(Decimal(year[p]) for p in parts) == Decimal(year["account_balance"])
    assert year["penalties"] == "220.00" and year["interest"] == "60.00"
    assert person["total_balance_plus_accruals"] == year["balance_plus_accruals"]


def test_each_assessment_has_its_own_csed():
    (person,) = _assess("balance_due_2022")["taxpayers"]
    assessments = person["years"][0]["assessments"]
    assert [(a["code"], a["csed"]) for a in assessments] == [
        ("150", "2033-08-21"),
        ("290", "2034-06-10"),
    ]


def test_options_for_a_small_balance():
    (person,) = _assess("balance_due_2022")["taxpayers"]
    options = {o["option"]: o for o in person["options"]}
    balance = Decimal(person["total_balance_plus_accruals"])
    streamlined = options["streamlined_installment_agreement"]
    assert streamlined["eligible"] is True
    assert streamlined["figures"]["max_months"] == 72
    assert Decimal(streamlined["figures"]["monthly_payment"]) * 72 >= balance
    assert options["non_streamlined_installment_agreement"]["eligible"] is False
    # 1,180 of the tax (4,480 + 1,200 - 4,500 paid) is unpaid and no agreement is in force:
    # first-time abatement needs the tax paid or arranged (IRM 20.1.1.3.3.2.1).
    assert options["first_time_abatement"]["eligible"] is False
    assert "1,180.00 of tax is unpaid" in options["first_time_abatement"]["why"]
    assert options["professional_help"]["eligible"] is True  # the TC 290 assessment


def test_substitute_for_return_year_is_not_filed_and_blocks_streamlined():
    (person,) = _assess("substitute_for_return_2021")["taxpayers"]
    assert person["years"][0]["filed"] is False
    options = {o["option"]: o for o in person["options"]}
    assert options["streamlined_installment_agreement"]["eligible"] is False
    assert "2021" in options["streamlined_installment_agreement"]["why"]


def test_amended_option_lists_candidate_cases():
    (person,) = _assess("withholding_not_claimed_2021")["taxpayers"]
    option = next(o for o in person["options"] if o["option"] == "amended_return")
    assert option["eligible"] is True
    assert option["figures"]["0303-2021"]["direction"] == "refund_due"


def test_installment_agreement_suspension_runs_to_30_days_after_termination():
    tx = pd.DataFrame(
        [
            {
                "code": "971",
                "date": "2020-01-10",
                "detail": "AC 043",
                "explanation": "",
                "amount": 0,
            },
            {
                "code": "971",
                "date": "2020-03-10",
                "detail": "AC 064",
                "explanation": "",
                "amount": 0,
            },
        ]
    )
    (s,) = suspensions(tx, AS_OF)
    assert (s.start.isoformat(), s.end.isoformat(), s.days) == ("2020-01-10", "2020-04-09", 90)


def test_every_sample_year_reconciles_to_its_transactions_to_the_cent():
    for case in CASES.values():
        for person in _assess(case.folder)["taxpayers"]:
            for year in person["years"]:
                parts = ("assessed_tax", "penalties", "interest", "payments_and_credits",
                         "refunds", "other_transactions")  # fmt: skip
                total = sum(Decimal(year.get(p, "0")) for p in parts)
                assert total == Decimal(year["transactions_total"]), case.folder
                assert total == Decimal(year["account_balance"]), case.folder
