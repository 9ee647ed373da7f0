"""Individual Master File transaction codes.

Built from shared/domain/IRS_REFERENCE.md §4 (IRS Document 6209 §8A). `wording` is how the
transcript usually prints the explanation; OCR'd explanations that come close to it are
read as it. `effect` is `Dr` (raises the balance), `Cr` (lowers it) or `-` (no amount).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class TransactionCode:
    code: str
    meaning: str
    effect: str
    wording: tuple[str, ...] = ()


def _tc(code: str, meaning: str, effect: str, *wording: str) -> TransactionCode:
    return TransactionCode(code, meaning, effect, wording)


CODES: dict[str, TransactionCode] = {
    t.code: t
    for t in (
        _tc(
            "150",
            "Return filed, tax assessed",
            "Dr",
            "Tax return filed",
            "Substitute tax return prepared by IRS",
        ),
        _tc(
            "160",
            "Failure-to-file penalty, manual",
            "Dr",
            "Manually assessed penalty for filing tax return after the due date",
        ),
        _tc(
            "161",
            "Abatement of failure-to-file penalty",
            "Cr",
            "Removed penalty for filing tax return after the due date",
        ),
        _tc(
            "166",
            "Failure-to-file penalty, computer-generated",
            "Dr",
            "Penalty for filing tax return after the due date",
        ),
        _tc(
            "167",
            "Abatement of failure-to-file penalty",
            "Cr",
            "Removed penalty for filing tax return after the due date",
        ),
        _tc("170", "Estimated tax penalty", "Dr", "Penalty for not pre-paying tax"),
        _tc(
            "171",
            "Abatement of estimated tax penalty",
            "Cr",
            "Removed penalty for not pre-paying tax",
        ),
        _tc("176", "Estimated tax penalty, generated", "Dr", "Penalty for not pre-paying tax"),
        _tc(
            "177",
            "Abatement of estimated tax penalty",
            "Cr",
            "Removed penalty for not pre-paying tax",
        ),
        _tc("196", "Interest assessed", "Dr", "Interest charged for late payment"),
        _tc("197", "Abatement of interest", "Cr", "Abatement of interest"),
        _tc("276", "Failure-to-pay penalty", "Dr", "Penalty for late payment of tax"),
        _tc(
            "277",
            "Abatement of failure-to-pay penalty",
            "Cr",
            "Removed penalty for late payment of tax",
        ),
        _tc("290", "Additional tax assessed", "Dr", "Additional tax assessed"),
        _tc("291", "Abatement of prior tax", "Cr", "Abatement of prior tax assessment"),
        _tc(
            "300",
            "Additional tax assessed by examination",
            "Dr",
            "Additional tax assessed by examination",
        ),
        _tc("301", "Abatement of tax by examination", "Cr", "Tax decrease by examination"),
        _tc(
            "336", "Interest assessed on additional tax", "Dr", "Interest charged for late payment"
        ),
        _tc("337", "Abatement of interest on additional tax", "Cr", "Abatement of interest"),
        _tc("420", "Examination indicator", "-", "Examination of tax return"),
        _tc("421", "Examination closed", "-", "Closed examination of tax return"),
        _tc("424", "Examination request indicator", "-", "Request for examination"),
        _tc("460", "Extension of time to file", "-", "Extension of time to file"),
        _tc("470", "Taxpayer claim pending", "-", "Taxpayer claim pending"),
        _tc("480", "Offer in compromise pending", "-", "Offer in compromise pending"),
        _tc("520", "Bankruptcy or other litigation", "-", "Bankruptcy or other legal action filed"),
        _tc("521", "Reversal of TC 520", "-", "Removed bankruptcy or other legal action"),
        _tc(
            "530", "Currently not collectible", "-", "Balance due account currently not collectible"
        ),
        _tc(
            "531",
            "Reversal of TC 530",
            "-",
            "Removed balance due account currently not collectible",
        ),
        _tc("540", "Deceased taxpayer", "-", "Deceased taxpayer"),
        _tc(
            "570",
            "Additional liability pending / credit hold",
            "-",
            "Additional account action pending",
        ),
        _tc("571", "Resolved additional account action", "-", "Resolved additional account action"),
        _tc("582", "Federal tax lien indicator", "-", "Lien placed on assets due to balance owed"),
        _tc("583", "Lien released or reversed", "-", "Reversed lien"),
        _tc("610", "Payment with return", "Cr", "Payment with return"),
        _tc("611", "Dishonored payment with return", "Dr", "Dishonored payment"),
        _tc("640", "Advance payment of determined deficiency", "Cr", "Advance payment of tax owed"),
        _tc("650", "Federal tax deposit", "Cr", "Federal tax deposit"),
        _tc("660", "Estimated tax payment", "Cr", "Estimated tax payment"),
        _tc("670", "Subsequent payment", "Cr", "Payment", "Payment received"),
        _tc("671", "Dishonored subsequent payment", "Dr", "Dishonored payment"),
        _tc("680", "Designated payment of interest", "Cr", "Designated payment of interest"),
        _tc(
            "706",
            "Overpayment credit applied from another module",
            "Cr",
            "Credit transferred in from",
        ),
        _tc(
            "710",
            "Overpayment credit applied from prior period",
            "Cr",
            "Overpayment credit applied from prior tax year",
        ),
        _tc(
            "716",
            "Overpayment credit applied from prior period",
            "Cr",
            "Credit transferred in from",
        ),
        _tc("766", "Refundable credit allowance", "Cr", "Credit to your account"),
        _tc(
            "767",
            "Reduction of refundable credit",
            "Dr",
            "Reduced or removed credit to your account",
        ),
        _tc("768", "Earned income credit", "Cr", "Earned income credit"),
        _tc("776", "Interest paid on overpayment", "Cr", "Interest credited to your account"),
        _tc("806", "Credit for withheld taxes and excess FICA", "Cr", "W-2 or 1099 withholding"),
        _tc("807", "Reversal of withholding credit", "Dr", "Reduced or removed withholding"),
        _tc(
            "826",
            "Overpayment transferred out",
            "Dr",
            "Overpaid tax applied to other taxes you owe",
        ),
        _tc(
            "836",
            "Overpayment transferred to next year",
            "Dr",
            "Overpayment credit transferred to next year",
        ),
        _tc("846", "Refund issued", "Dr", "Refund issued"),
        _tc("898", "Refund offset to non-IRS debt", "Dr", "Overpayment applied to non-IRS debt"),
        _tc(
            "899", "Reversal of TOP offset", "Cr", "Reversal of overpayment applied to non-IRS debt"
        ),
        _tc("922", "Underreporter review record", "-", "Review of unreported income"),
        _tc("960", "Representative added to CAF", "-", "Added a representative or designee"),
        _tc("961", "Representative removed from CAF", "-", "Removed a representative or designee"),
        _tc(
            "971",
            "Miscellaneous action",
            "-",
            "Notice issued",
            "Installment agreement established",
            "Amended tax return or claim forwarded for processing",
        ),
        _tc("976", "Duplicate return posted", "-", "Duplicate return filed"),
        _tc(
            "977",
            "Amended return posted",
            "-",
            "Amended tax return or claim forwarded for processing",
            "Amended return filed",
        ),
    )
}


def meaning(code: str) -> str | None:
    tc = CODES.get(code)
    return tc.meaning if tc else None


def canonical_explanation(code: str, printed: str, cutoff: float = 0.84) -> str:
    """The printed explanation, or the code's usual wording when OCR came close to it."""
    tc = CODES.get(code)
    if tc is None or printed in tc.wording:
        return printed
    close = difflib.get_close_matches(printed, tc.wording, n=1, cutoff=cutoff)
    return close[0] if close else printed
