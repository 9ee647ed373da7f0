"""The W-2 / W-2c sample family: official IRS forms filled, payroll-provider layouts, a
W-2c, two employers in one file, and scans of most of them. Expected records are written
from the values put on each form.

    python -m sample_docs.generators.w2 [SAMPLES_ROOT]     (default sample_docs; writes w2/)
"""

from __future__ import annotations

import sys
import tempfile
from decimal import Decimal
from pathlib import Path

from sample_docs.generators.expected import write_expected
from sample_docs.generators.people import (
    ACME,
    BAYSIDE,
    GLOBEX,
    INITECH,
    JANE,
    JOHN,
    LINDA,
    MARIA,
    NORTHWIND,
    ROBERT,
)
from sample_docs.generators.scan import rasterise_and_degrade, write_png
from sample_docs.generators.w2_irs import fill_w2
from sample_docs.generators.w2_model import W2, StateLine, money, payroll_amounts
from sample_docs.generators.w2_payroll import (
    FOUR_UP_STYLE,
    TWO_UP_STYLE,
    commas,
    draw_sheet,
    plain,
)
from sample_docs.generators.w2c_sheet import draw_w2c

REFERENCE = Path(__file__).resolve().parents[2].parent / "shared" / "reference_docs/irs_forms_blank"
IRS_W2_2024 = REFERENCE / "mcc-us__irs.ea" / "fw2.pdf"
IRS_W2_2023_COPY_B = REFERENCE / "IRS-Public__direct-file" / "fw2.pdf"
COPY_B, COPY_C, COPY_2 = 3, 5, 7  # 0-based pages of the 2024 IRS W-2

D = Decimal


def _jane_acme_2024() -> W2:
    amounts = payroll_amounts(2024, "52345.67", federal="6123.00", deferral="3140.74")
    return W2(
        JANE,
        ACME,
        2024,
        amounts,
        box12=(("D", D("3140.74")), ("DD", D("7421.16"))),
        retirement=True,
        states=(StateLine("IL", ACME.state_id, amounts[1], D("2435.74")),),
        control_number="A1200457",
    )


def _john_bayside_2024() -> W2:
    amounts = payroll_amounts(
        2024,
        "38650.20",
        federal="2929.20",
        deferral="1500.00",
        cafeteria="620.00",
        ss_tips="1250.00",
        allocated_tips="310.00",
    )
    return W2(
        JOHN,
        BAYSIDE,
        2024,
        amounts,
        box12=(("D", D("1500.00")), ("DD", D("5870.04")), ("W", D("750.00")), ("C", D("32.00"))),
        box14=(("CA SDI", D("123.45")), ("UNION DUES", D("240.00"))),
        states=(StateLine("CA", BAYSIDE.state_id, amounts[1], D("1187.66")),),
    )


def _robert_initech_2023() -> W2:
    amounts = payroll_amounts(
        2023,
        "91200.00",
        federal="11350.00",
        deferral="6000.00",
        dependent_care="2000.00",
        nonqualified="5000.00",
    )
    return W2(
        ROBERT,
        INITECH,
        2023,
        amounts,
        box12=(("D", D("6000.00")),),
        retirement=True,
    )


def _maria_globex_2024() -> W2:
    amounts = payroll_amounts(2024, "48210.40", federal="1601.60", deferral="2410.52")
    return W2(
        MARIA,
        GLOBEX,
        2024,
        amounts,
        box12=(("D", D("2410.52")), ("DD", D("6450.00")), ("W", D("500.00")), ("C", D("32"))),
        retirement=True,
        box14=(("CO FAMLI", D("216.95")),),
        states=(
            StateLine("CO", GLOBEX.state_id, D("44799.88"), D("1971.00")),
            StateLine("CA", BAYSIDE.state_id, D("1000"), D("32"), D("1000.00"), D("12.50"), "SF"),
        ),
    )


def _linda_northwind_2024() -> W2:
    amounts = payroll_amounts(2024, "75000.00", federal="8240.50", deferral="4500.00")
    return W2(
        LINDA,
        NORTHWIND,
        2024,
        amounts,
        box12=(("D", D("4500.00")), ("DD", D("9102.33")), ("E", D("250.00"))),
        retirement=True,
        third_party_sick=True,
        box14=(("UNION DUES", D("240.00")), ("EDUC ASST", D("1500.00"))),
        states=(
            StateLine("IL", NORTHWIND.state_id, D("65500.00"), D("3242.25")),
            StateLine(
                "MO", "12345678", D("5000.00"), D("150.00"), D("5000.00"), D("50.00"), "KANSAS CITY"
            ),
        ),
    )


def _linda_northwind_2023_corrected() -> W2:
    before = {
        1: money("70000"),
        3: money("70000"),
        4: money("4340.00"),
        5: money("70000"),
        6: money("1015.00"),
    }
    after = {
        1: money("72500"),
        3: money("72500"),
        4: money("4495.00"),
        5: money("72500"),
        6: money("1051.25"),
    }
    return W2(
        LINDA,
        NORTHWIND,
        2023,
        after,
        states=(StateLine("IL", NORTHWIND.state_id, D("72500.00"), D("3588.75")),),
        previous=before,
        previous_states=(StateLine("IL", NORTHWIND.state_id, D("70000.00"), D("3465.00")),),
    )


def _jane_two_employers_2023() -> tuple[W2, W2]:
    first = payroll_amounts(2023, "21400.00", federal="1720.00")
    second = payroll_amounts(2023, "30118.35", federal="2904.12", deferral="900.00")
    return (
        W2(
            JANE,
            GLOBEX,
            2023,
            first,
            states=(StateLine("CO", GLOBEX.state_id, first[1], D("941.60")),),
        ),
        W2(
            JANE,
            NORTHWIND,
            2023,
            second,
            box12=(("D", D("900.00")),),
            retirement=True,
            states=(StateLine("IL", NORTHWIND.state_id, second[1], D("1446.31")),),
        ),
    )


def generate(root: Path) -> None:
    """Write every W-2 sample, its scans and expected records under `root/w2`."""
    out_dir = root / "w2"
    scans = out_dir / "scans"
    scans.mkdir(parents=True, exist_ok=True)

    fillable = out_dir / "irs_2024_fillable_jane_acme.pdf"
    w2 = _jane_acme_2024()
    fill_w2(IRS_W2_2024, fillable, w2, [COPY_B, COPY_C, COPY_2], flatten=False, fmt=plain)
    write_expected(fillable, [w2.expected([1, 2, 3])])

    flat = out_dir / "irs_2024_flat_john_bayside.pdf"
    w2 = _john_bayside_2024()
    fill_w2(IRS_W2_2024, flat, w2, [COPY_B, COPY_C], flatten=True, fmt=commas)
    expected = [w2.expected([1, 2])]
    write_expected(flat, expected)
    _scan(
        flat,
        scans / "irs_2024_flat_john_bayside_scan300.pdf",
        expected,
        dpi=300,
        skew=0.7,
        noise=0.3,
        upside_down=(2,),
        seed=11,
    )

    copy_b_2023 = out_dir / "irs_2023_fillable_copyb_robert_initech.pdf"
    w2 = _robert_initech_2023()
    fill_w2(IRS_W2_2023_COPY_B, copy_b_2023, w2, [0], flatten=False, fmt=plain)
    expected = [w2.expected([1])]
    write_expected(copy_b_2023, expected)
    with tempfile.TemporaryDirectory() as tmp:
        flattened = Path(tmp) / "flat.pdf"
        fill_w2(IRS_W2_2023_COPY_B, flattened, w2, [0], flatten=True, fmt=plain)
        png = scans / "irs_2023_fillable_copyb_robert_initech_scan.png"
        write_png(flattened, png, 300, skew_deg=-0.6, noise=0.3, seed=12)
        # Direct File's Copy B prints no year; only the PDF's title ("2023 Form W-2") has it,
        # and an image of the page loses that.
        write_expected(png, [{**expected[0], "tax_year": None}])

    two_up = out_dir / "payroll_2up_maria_globex.pdf"
    w2 = _maria_globex_2024()
    draw_sheet(two_up, [(w2, TWO_UP_STYLE, ("B", "2"))])
    expected = [w2.expected([1])]
    write_expected(two_up, expected)
    _scan(
        two_up,
        scans / "payroll_2up_maria_globex_scan200.pdf",
        expected,
        dpi=200,
        skew=1.0,
        noise=0.45,
        seed=13,
    )

    four_up = out_dir / "payroll_4up_linda_northwind.pdf"
    w2 = _linda_northwind_2024()
    draw_sheet(four_up, [(w2, FOUR_UP_STYLE, ("B", "C", "2", "2"))])
    expected = [w2.expected([1])]
    write_expected(four_up, expected)
    _scan(
        four_up,
        scans / "payroll_4up_linda_northwind_scan300.pdf",
        expected,
        dpi=300,
        skew=-1.5,
        noise=0.35,
        seed=14,
    )

    w2c = out_dir / "w2c_2023_linda_northwind.pdf"
    w2 = _linda_northwind_2023_corrected()
    draw_w2c(w2c, w2)
    expected = [w2.expected([1])]
    write_expected(w2c, expected)
    _scan(
        w2c,
        scans / "w2c_2023_linda_northwind_scan300.pdf",
        expected,
        dpi=300,
        skew=0.5,
        noise=0.3,
        seed=15,
    )

    two = out_dir / f"w2_two_employers_{JANE.ssn}.pdf"
    first, second = _jane_two_employers_2023()
    draw_sheet(two, [(first, TWO_UP_STYLE, ("B", "C")), (second, TWO_UP_STYLE, ("B", "2"))])
    expected = [first.expected([1]), second.expected([2])]
    write_expected(two, expected)
    _scan(
        two,
        scans / f"w2_two_employers_scan200_{JANE.ssn}.pdf",
        expected,
        dpi=200,
        skew=2.0,
        noise=0.4,
        seed=16,
    )


def _scan(
    src: Path,
    dst: Path,
    expected: list[dict],
    *,
    dpi: int,
    skew: float,
    noise: float,
    seed: int,
    upside_down: tuple[int, ...] = (),
) -> None:
    rasterise_and_degrade(
        src, dst, dpi=dpi, skew_deg=skew, noise=noise, rotate180_pages=upside_down, seed=seed
    )
    write_expected(dst, expected)


if __name__ == "__main__":
    generate(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parents[1])
