"""Documents that are not tax forms, written under `root/misc` with their expected
UNKNOWN records: a library's overdue notice addressed to a sample taxpayer."""

from __future__ import annotations

import sys
from pathlib import Path

from reportlab.lib.pagesizes import letter
from reportlab.pdfgen.canvas import Canvas

from sample_docs.generators.expected import write_expected
from sample_docs.generators.people import JANE

LETTER = (
    "Dear Patron,",
    "",
    "Our records show that the items listed below were due back on March 3.",
    "Please return them to any branch or renew them online at your convenience.",
    "",
    "    The Old Man and the Sea            due 03/03        fine  1.50",
    "    A Field Guide to North American Birds   due 03/03   fine  1.50",
    "",
    "Fines stop growing once the items are returned. Thank you for reading with us.",
    "",
    "Sincerely,",
    "Circulation Desk",
)


def generate(root: Path) -> None:
    out = root / "misc"
    out.mkdir(parents=True, exist_ok=True)
    path = out / "library_overdue_notice.pdf"
    pdf = Canvas(str(path), pagesize=letter, invariant=1)
    pdf.setFont("Helvetica-Bold", 14)
    pdf.drawString(72, 720, "SPRINGFIELD PUBLIC LIBRARY")
    pdf.setFont("Helvetica", 10)
    pdf.drawString(72, 704, "Overdue notice")
    for n, line in enumerate((JANE.name, JANE.street, JANE.city_state_zip)):
        pdf.drawString(72, 670 - 13 * n, line)
    for n, line in enumerate(LETTER):
        pdf.drawString(72, 600 - 15 * n, line)
    pdf.showPage()
    pdf.save()
    write_expected(path, [{"doc_type": "UNKNOWN", "pages": [1], "fields": {}}])


if __name__ == "__main__":
    generate(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parents[1])
