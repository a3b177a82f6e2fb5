"""axe-core in the browser: runs the WCAG 2.1 A/AA rules on the page as it is shown.

The script is evaluated through Playwright (the DevTools protocol), not
added as a <script> tag, so the page's strict Content-Security-Policy stays
in force and the audit sees exactly what visitors see.
"""

import base64
import hashlib
from dataclasses import dataclass
from pathlib import Path

from tests.browser.accessibility_inventory import AXE_CORE_VERSION, WCAG_TAGS

AXE_SCRIPT = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
# Subresource integrity of axe.min.js 4.14.1 as published in the npm
# package's sri-history.json: the vendored file is the released one.
AXE_SRI = "sha256-KTSJmUUM3yhJqOcLeRL8LahahJ2jnA0NU5T1HUqe2Vw="


def axe_source() -> str:
    return AXE_SCRIPT.read_text(encoding="utf-8")


def sri(content: bytes) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(content).digest()).decode()


@dataclass(frozen=True)
class Violation:
    rule: str
    impact: str
    help: str
    targets: tuple[str, ...]

    def __str__(self):
        shown = ", ".join(self.targets[:5]) + (" …" if len(self.targets) > 5 else "")
        return f"{self.rule} ({self.impact}): {self.help}: {shown}"


def run_axe(page, tags=WCAG_TAGS) -> list[Violation]:
    """The violations axe finds on ``page`` for the rules tagged with ``tags``."""
    # The Wagtail admin brings an axe of its own (its accessibility checker): ours replaces it.
    if page.evaluate("() => window.axe?.version") != AXE_CORE_VERSION:
        page.evaluate(axe_source())
    results = page.evaluate(
        """async (tags) => {
            const results = await axe.run(document, {
                runOnly: {type: "tag", values: tags},
                resultTypes: ["violations"],
            });
            return {version: axe.version, violations: results.violations};
        }""",
        list(tags),
    )
    assert results["version"] == AXE_CORE_VERSION, results["version"]
    return [
        Violation(
            rule=item["id"],
            impact=item["impact"] or "",
            help=item["help"],
            targets=tuple(" ".join(map(str, node["target"])) for node in item["nodes"]),
        )
        for item in results["violations"]
    ]


def format_violations(violations, where: str) -> str:
    lines = [f"{len(violations)} axe violation(s) at WCAG 2.1 A/AA on {where}:"]
    lines += [f"  - {violation}" for violation in violations]
    return "\n".join(lines)


def assert_no_axe_violations(page, where: str) -> None:
    violations = run_axe(page)
    assert not violations, format_violations(violations, where)
