"""Headless Chromium for the graph page's browser test, driven by Playwright.

``open_page`` loads a local HTML file with networking blocked (every request
that is not ``file:`` or ``data:`` is aborted and recorded) and collects what
a reader would not see: console errors, uncaught exceptions and dialogs.
``missing`` says why the browser test cannot run here, for ``pytest.skip``.
CI installs: ``apt-get install -y chromium fonts-noto-cjk`` and ``pip install playwright``
(no ``playwright install``: the system Chromium is used).
"""
from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

CHROMIUM_FLAGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def chromium_path() -> str | None:
    """The Chromium binary: ``$KG_CHROMIUM`` or the first ``chromium`` found on PATH."""
    return os.environ.get("KG_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")


def missing() -> str | None:
    """Why the browser test cannot run here, or ``None`` when it can."""
    if chromium_path() is None:
        return "no chromium binary (apt-get install -y chromium fonts-noto-cjk)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright for Python is missing (pip install playwright; no 'playwright install')"
    return None


@dataclass
class Visit:
    """A loaded page and what happened while it ran."""

    page: Any
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    blocked_requests: list[str] = field(default_factory=list)


@contextmanager
def open_page(path: Path, *, width: int = 1280, height: int = 800) -> Iterator[Visit]:
    """Open ``path`` from a ``file://`` URL in headless Chromium with the network cut off."""
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="kg-chromium-") as profile, sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            profile, executable_path=chromium_path(), headless=True, args=CHROMIUM_FLAGS,
            viewport={"width": width, "height": height}, offline=True)
        try:
            page = context.new_page()
            visit = Visit(page)

            def route(request_route):
                url = request_route.request.url
                if url.startswith(("file:", "data:")):
                    request_route.continue_()
                else:
                    visit.blocked_requests.append(url)
                    request_route.abort()

            context.route("**/*", route)
            page.on("console", lambda m: m.type == "error" and visit.console_errors.append(m.text))
            page.on("pageerror", lambda exc: visit.page_errors.append(str(exc)))
            page.on("dialog", lambda d: (visit.dialogs.append(d.message), d.dismiss()))
            page.goto(Path(path).resolve().as_uri(), wait_until="load")
            yield visit
        finally:
            context.close()
