"""Account transcript events: balances, penalties, assessments, non-filing, exams, statutes."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

import pandas as pd
from dateutil.relativedelta import relativedelta

from backtax.validators import penalties, statutes, taxtables, tolerance
from backtax.validators.findings import Evidence, Finding, money
from backtax.validators.registry import finding, rule
from backtax.validators.tables import CaseTables, to_decimal

FTA_YEARS = 3


def _field_ev(t: CaseTables, name: str) -> Evidence | None:
    acct = t.account()
    if acct is None or acct.fields.get(name) in (None, ""):
        return None
    value = acct.fields[name]
    return Evidence(
        acct.source,
        min(acct.pages) if acct.pages else None,
        acct.doc_type,
        name,
        to_decimal(value) if to_decimal(value) is not None else value,
    )


def _codes(t: CaseTables, *codes: str) -> pd.DataFrame:
    return t.transactions[t.transactions["code"].isin(codes)]


def _open(t: CaseTables, start: str, *ends: str) -> pd.DataFrame:
    """Rows of code `start` with no later row of any code in `ends`."""
    if start not in set(t.transactions["code"]):
        return t.transactions.iloc[:0]
    tx = t.transactions.assign(when=t.transactions["date"].map(statutes.iso))
    closing = tx[tx["code"].isin(ends)]
    rows = tx[tx["code"] == start]
    return rows[
        [
            closing.empty or not any(c and w and c >= w for c in closing["when"])
            for w in rows["when"]
        ]
    ]


def _describe(record) -> str:
    from backtax.validators.accounts import recency

    request, tracking, accruals, *_ = recency(record)
    bits = [f"request {request}" if request else "", f"tracking {tracking}" if tracking else ""]
    bits = [b for b in bits if b] or [f"accruals to {accruals}" if accruals else "undated"]
    return f"{record.doc_type} in {record.source} ({', '.join(bits)})"


@rule(
    "ACCOUNT_TRANSCRIPTS_MERGED",
    "info",
    "several account transcripts (a re-pulled one, a Record of Account) of one year were "
    "reconciled into one account: the latest gives the balance, transactions count once",
)
def account_transcripts_merged(t: CaseTables) -> Iterator[Finding]:
    year = t.year_account
    if year is None or not year.merged:
        return
    older = "; ".join(_describe(r) for r in year.merged)
    extra = (
        f"; {len(year.only_older)} transaction(s) printed only on an older one were kept"
        if year.only_older
        else ""
    )
    evidence = [
        Evidence(r.source, min(r.pages) if r.pages else None, r.doc_type, "transactions",
                 len(r.extra.get("transactions", [])))
        for r in (year.latest, *year.merged)
    ]  # fmt: skip
    yield finding(
        "ACCOUNT_TRANSCRIPTS_MERGED",
        t.case.case_id,
        f"The {t.case.tax_year} account was read from {len(year.merged) + 1} transcripts, "
        f"reconciled into one: the latest, {_describe(year.latest)}, gives the balance and "
        f"accruals; merged with {older}. {year.shared} transaction(s) printed on more than one "
        f"are counted once{extra}.",
        evidence,
        merged=[_describe(r) for r in year.merged],
        latest=_describe(year.latest),
    )


@rule("BALANCE_DUE", "high", "the account transcript shows an unpaid balance, with accruals")
def balance_due(t: CaseTables) -> Iterator[Finding]:
    acct = t.account()
    if acct is None:
        return
    balance = to_decimal(acct.fields.get("account_balance"))
    if balance is None or balance <= 0:
        return
    total = to_decimal(acct.fields.get("balance_plus_accruals")) or balance
    interest = to_decimal(acct.fields.get("accrued_interest")) or Decimal(0)
    penalty = to_decimal(acct.fields.get("accrued_penalty")) or Decimal(0)
    as_of = acct.fields.get("accruals_as_of")
    evidence = [
        e
        for e in (
            _field_ev(t, n)
            for n in (
                "account_balance",
                "accrued_interest",
                "accrued_penalty",
                "balance_plus_accruals",
            )
        )
        if e
    ]
    projected = penalties.project(t, t.as_of)
    yield finding(
        "BALANCE_DUE",
        t.case.case_id,
        f"The {t.case.tax_year} account shows an assessed unpaid balance of {money(balance)}; "
        f"the transcript adds accrued interest {money(interest)} and penalty {money(penalty)}"
        f"{f' to {as_of}' if as_of else ''} ({money(total)}, not a payoff amount). Computed to "
        f"{t.as_of}: interest {money(projected.accrued_interest)} and failure-to-pay "
        f"{money(projected.accrued_penalty)} not yet assessed, {money(projected.total)} in all.",
        evidence,
        amount=balance,
        accrued_interest=f"{interest:.2f}",
        accrued_penalty=f"{penalty:.2f}",
        balance_plus_accruals=f"{total:.2f}",
        accruals_as_of=as_of,
        projected=projected.to_json(),
    )


def penalty_totals(transactions: pd.DataFrame) -> dict[str, Decimal]:
    """Net penalty per kind (failure_to_file, failure_to_pay, estimated_tax) after abatements."""
    out: dict[str, Decimal] = {}
    for _, row in transactions.iterrows():
        info = taxtables.transaction_code(row["code"])
        kind = info.get("penalty") or taxtables.transaction_code(info.get("reverses", "")).get(
            "penalty"
        )
        if kind:
            out[kind] = out.get(kind, Decimal(0)) + row["amount"]
    return {k: v for k, v in out.items() if v > 0}


def _filed(transactions: pd.DataFrame) -> bool:
    originals = transactions[transactions["code"] == "150"]
    return not originals.empty and not (
        originals["explanation"].str.lower().str.contains("substitute").any()
    )


def installment_agreement(transactions: pd.DataFrame) -> str | None:
    """The date of an installment agreement in force (TC 971 AC 063 with no later AC 064)."""
    spans = penalties._agreements(transactions)
    return spans[-1][0].isoformat() if spans and spans[-1][1] is None else None


def fta_eligibility(t: CaseTables) -> tuple[bool | None, str]:
    """First-time abatement (IRM 20.1.1.3.3.2.1): the three prior years free of penalties
    (any but the estimated-tax penalty; TC 240 and 270 count), every required return filed,
    and the tax paid or under an installment agreement."""
    prior = [t.case.tax_year - i for i in range(1, FTA_YEARS + 1)]
    missing = [y for y in prior if y not in t.history]
    penalised = [
        y for y in prior if y in t.history and set(penalty_totals(t.history[y])) - {"estimated_tax"}
    ]
    if penalised:
        return (
            False,
            f"penalties in {', '.join(map(str, penalised))} break the clean three-year history",
        )
    unfiled = [y for y, tx in sorted({**t.history, t.case.tax_year: t.transactions}.items())
               if not _filed(tx)]  # fmt: skip
    if unfiled:
        return False, f"required returns are not filed for {', '.join(map(str, unfiled))}"
    balance = sum(t.transactions["amount"], Decimal(0))
    unpaid = penalties.unpaid_tax(t.transactions)
    agreement = installment_agreement(t.transactions)
    if unpaid > 0 and not agreement:
        return (
            False,
            f"{money(unpaid)} of tax is unpaid and no installment agreement is in force: pay it "
            "or arrange to pay it first",
        )
    if missing:
        return (
            None,
            f"account transcripts for {', '.join(map(str, missing))} are needed "
            "to confirm a clean history",
        )
    paid = "the tax is paid" if unpaid <= 0 else f"an installment agreement since {agreement}"
    return True, (
        f"no penalties in the three prior years, the returns on file filed, {paid}"
        + (f" (balance {money(balance)} of penalties and interest)" if balance > 0 else "")
    )


@rule(
    "PENALTY_ASSESSED",
    "medium",
    "a failure-to-file, failure-to-pay or estimated-tax penalty is on the account (with "
    "first-time-abatement eligibility where the history allows it)",
)
def penalty_assessed(t: CaseTables) -> Iterator[Finding]:
    totals = penalty_totals(t.transactions)
    if not totals:
        return
    codes = [
        c
        for c in t.transactions["code"].unique()
        if taxtables.transaction_code(c).get("category") == "penalty"
    ]
    rows = _codes(t, *codes)
    described = ", ".join(f"{k.replace('_', '-')} {money(v)}" for k, v in totals.items())
    eligible, why = fta_eligibility(t)
    fta_amount = sum((v for k, v in totals.items() if k != "estimated_tax"), Decimal(0))
    verdict = {True: "eligible", False: "not eligible", None: "possibly eligible"}[eligible]
    message = f"The {t.case.tax_year} account carries penalties: {described}."
    if fta_amount:
        message += f" First-time abatement of {money(fta_amount)}: {verdict} ({why})."
    yield finding(
        "PENALTY_ASSESSED",
        t.case.case_id,
        message,
        [t.tx_evidence(row) for _, row in rows.iterrows()],
        amount=sum(totals.values(), Decimal(0)),
        first_time_abatement={
            "eligible": eligible if fta_amount else False,
            "why": why,
            "amount": f"{fta_amount:.2f}",
        },
    )


@rule("ADDITIONAL_ASSESSMENT", "high", "a tax increase (TC 290/300) after the original return")
def additional_assessment(t: CaseTables) -> Iterator[Finding]:
    for _, row in _codes(t, "290", "300").iterrows():
        if row["amount"] <= 0:
            continue
        by = (
            "by examination"
            if row["code"] == "300"
            else "(underreporter, math error or amended return)"
        )
        yield finding(
            "ADDITIONAL_ASSESSMENT",
            t.case.case_id,
            f"The IRS assessed {money(row['amount'])} of additional {t.case.tax_year} tax "
            f"{by} on {row['date']} (TC {row['code']}); find the notice that explains it and "
            "check whether it can be disputed.",
            [t.tx_evidence(row)],
            amount=row["amount"],
            code=row["code"],
        )


def _original(t: CaseTables) -> pd.DataFrame:
    return _codes(t, "150")


def _is_sfr(row: pd.Series, t: CaseTables) -> bool:
    later = _codes(t, "290", "300")
    return "substitute" in str(row["explanation"]).lower() or (
        row["amount"] == 0 and bool((later["amount"] > 0).any())
    )


@rule(
    "NO_RETURN_FILED",
    "high",
    "the account transcript shows no original return (no TC 150) for a year with income on file",
)
def no_return_filed(t: CaseTables) -> Iterator[Finding]:
    acct = t.account()
    if acct is None or not _original(t).empty:
        return
    income = t.counted()
    evidence = [_field_ev(t, "return_present") or _field_ev(t, "tax_per_return")]
    if evidence[0] is None:
        page = min(acct.pages) if acct.pages else None
        evidence = [Evidence(acct.source, page, acct.doc_type, "transactions", "no TC 150")]
    evidence += [
        t.evidence(f, n)
        for _, f in income.iterrows()
        for n in _primary(f)
        if t.amount(f["form_id"], n)
    ]
    yield finding(
        "NO_RETURN_FILED",
        t.case.case_id,
        f"No {t.case.tax_year} return has posted to the account (no TC 150), while "
        f"{len(income)} information return(s) are on file: file the original return before "
        "the IRS prepares a substitute for return.",
        evidence,
    )


def _primary(form: pd.Series) -> list[str]:
    from backtax.validators.tables import PRIMARY_FIELD

    return [PRIMARY_FIELD[form["family"]]] if form["family"] in PRIMARY_FIELD else []


@rule(
    "SUBSTITUTE_FOR_RETURN",
    "high",
    "the IRS prepared a substitute for return (TC 150 for $0 followed by an assessment): the "
    "taxpayer's own original return can replace it",
)
def substitute_for_return(t: CaseTables) -> Iterator[Finding]:
    for _, row in _original(t).iterrows():
        if not _is_sfr(row, t):
            continue
        later = _codes(t, "290", "300")
        assessed = sum(later.loc[later["amount"] > 0, "amount"], Decimal(0))
        yield finding(
            "SUBSTITUTE_FOR_RETURN",
            t.case.case_id,
            f"The {t.case.tax_year} account shows a substitute for return prepared by the IRS "
            f"(TC 150 on {row['date']}) with {money(assessed)} assessed afterwards; an original "
            "return with the taxpayer's own deductions and credits can replace that assessment.",
            [t.tx_evidence(row), *(t.tx_evidence(r) for _, r in later.iterrows())],
            amount=assessed,
        )


@rule(
    "UNDERREPORTER_REVIEW",
    "high",
    "TC 922 (underreporter review) is on the account without a later assessment: a CP2000 "
    "notice usually follows within months",
)
def underreporter_review(t: CaseTables) -> Iterator[Finding]:
    for _, row in _open(t, "922", "290").iterrows():
        yield finding(
            "UNDERREPORTER_REVIEW",
            t.case.case_id,
            f"The IRS opened an underreporter review of the {t.case.tax_year} return on "
            f"{row['date']} (TC 922): it found information returns that do not match the return, "
            "and a CP2000 notice proposing more tax usually follows.",
            [t.tx_evidence(row, "code")],
        )


@rule("OPEN_EXAMINATION", "high", "an examination indicator (TC 420/424) without a closing TC 421")
def open_examination(t: CaseTables) -> Iterator[Finding]:
    for code in ("420", "424"):
        for _, row in _open(t, code, "421").iterrows():
            yield finding(
                "OPEN_EXAMINATION",
                t.case.case_id,
                f"The {t.case.tax_year} return is under examination since {row['date']} "
                f"(TC {code}, "
                "no TC 421): hold amended-return decisions and coordinate with the examiner.",
                [t.tx_evidence(row, "code")],
            )


@rule("REFUND_FREEZE", "medium", "a refund or credit hold (TC 570) without a release (TC 571)")
def refund_freeze(t: CaseTables) -> Iterator[Finding]:
    for _, row in _open(t, "570", "571").iterrows():
        yield finding(
            "REFUND_FREEZE",
            t.case.case_id,
            f"A hold on the {t.case.tax_year} account since {row['date']} (TC 570, not released "
            "by TC 571) stops refunds and credits; expect IRS correspondence.",
            [t.tx_evidence(row, "code")],
        )


@rule(
    "RETURN_POSTING_ALERT",
    "high",
    "a duplicate return posted to the account (TC 976: possible identity theft) or an amended "
    "return posted (TC 977: low, wait for the adjustment)",
)
def return_posting_alert(t: CaseTables) -> Iterator[Finding]:
    for _, row in _codes(t, "976", "977").iterrows():
        dup = row["code"] == "976"
        yield finding(
            "RETURN_POSTING_ALERT",
            t.case.case_id,
            f"A {'duplicate' if dup else 'amended'} {t.case.tax_year} return posted "
            f"on {row['date']} "
            f"(TC {row['code']})"
            + (
                ": if the taxpayer filed only once, treat it as possible identity theft."
                if dup
                else "; the adjustment (TC 290/291) should follow."
            ),
            [t.tx_evidence(row, "code")],
            severity=None if dup else "low",
        )


@rule(
    "REFUND_OFFSET",
    "low",
    "an overpayment was applied elsewhere (TC 826 to another IRS year, TC 898 to a non-IRS debt)",
)
def refund_offset(t: CaseTables) -> Iterator[Finding]:
    for _, row in _codes(t, "826", "898").iterrows():
        where = (
            "another IRS balance"
            if row["code"] == "826"
            else "a non-IRS debt (Treasury Offset Program)"
        )
        yield finding(
            "REFUND_OFFSET",
            t.case.case_id,
            f"{money(row['amount'])} of the {t.case.tax_year} overpayment went to {where} on "
            f"{row['date']} (TC {row['code']}) instead of being refunded.",
            [t.tx_evidence(row)],
            amount=row["amount"],
        )


@rule(
    "TRANSCRIPT_BALANCE_MISMATCH",
    "high",
    "the account transcript's transactions do not add up to its account balance (a page or row "
    "missing, or misread): later account analysis is unreliable",
)
def transcript_balance_mismatch(t: CaseTables) -> Iterator[Finding]:
    balance_ev = _field_ev(t, "account_balance")
    if balance_ev is None or t.transactions.empty:
        return
    total = sum(t.transactions["amount"], Decimal(0))
    gap = balance_ev.value - total
    if abs(gap) > tolerance.DOLLAR:
        yield finding(
            "TRANSCRIPT_BALANCE_MISMATCH",
            t.case.case_id,
            f"The {len(t.transactions)} transactions on the {t.case.tax_year} account transcript "
            f"add up to {money(total)}, but it prints an account balance of "
            f"{money(balance_ev.value)} ({money(gap)} unexplained): check for a missing page.",
            [balance_ev],
            amount=gap,
        )


@rule(
    "RETURN_CHANGED_BY_IRS",
    "medium",
    "a return transcript line differs from its PER COMPUTER value: the IRS changed the return "
    "in processing",
)
def return_changed_by_irs(t: CaseTables) -> Iterator[Finding]:
    lines = t.return_lines[t.return_lines["per_computer"].notna()]
    for _, row in lines.iterrows():
        gap = row["per_computer"] - row["value"]
        if abs(gap) <= tolerance.DOLLAR:
            continue
        yield finding(
            "RETURN_CHANGED_BY_IRS",
            t.case.case_id,
            f"The return reported {row['line'].replace('_', ' ')} of {money(row['value'])}; the "
            f"IRS computed {money(row['per_computer'])} ({money(gap)}): look for a math-error "
            "notice and the matching adjustment.",
            [
                Evidence(row["source"], row["page"], row["doc_type"], row["line"], row["value"]),
                Evidence(
                    row["source"],
                    row["page"],
                    row["doc_type"],
                    f"per_computer.{row['line']}",
                    row["per_computer"],
                ),
            ],
            amount=gap,
            line=row["line"],
        )


@rule(
    "COLLECTION_STATUTE",
    "low",
    "a balance whose collection statute (CSED: ten years from each assessment plus "
    "suspensions) ends within a year or has passed",
)
def collection_statute(t: CaseTables) -> Iterator[Finding]:
    acct = t.account()
    balance = to_decimal(acct.fields.get("account_balance")) if acct else None
    if not balance or balance <= 0:
        return
    soon = t.as_of + relativedelta(years=1)
    for a in statutes.assessments(t.transactions, t.as_of):
        if a.csed > soon:
            continue
        passed = a.csed < t.as_of
        yield finding(
            "COLLECTION_STATUTE",
            t.case.case_id,
            f"The {money(a.amount)} assessed on {a.assessed} (TC {a.code}) "
            f"{'could be collected only until' if passed else 'can be collected until'} "
            f"{a.csed} (ten years plus {sum(s.days for s in a.suspensions)} days of suspensions)"
            + ("; the balance on it may no longer be collectible." if passed else "."),
            [t.tx_evidence(t.transactions.loc[a.row], "date")],
            amount=a.amount,
            severity="medium" if passed else None,
            csed=a.csed.isoformat(),
        )
