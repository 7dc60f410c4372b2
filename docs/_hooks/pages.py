"""MkDocs hook: notebooks from ``notebooks/`` and pages that are not in the nav yet.

Three things, so that the site builds strictly while pages and notebooks are still being
added:

1. The notebooks live in ``notebooks/`` beside ``docs/`` (the tests execute them there).
   Every ``notebooks/*.ipynb`` is added to the site as ``notebooks/<name>.ipynb``, before
   mkdocs-jupyter converts it (rendered as committed, never executed by the docs build).
2. The nav section whose index is ``notebooks/index.md`` lists every notebook, and the
   sections whose index is ``guide/index.md`` or ``methods/index.md`` get, at their end,
   any page of their folder that ``mkdocs.yml`` does not list yet (in file-name order).
   Pages listed in ``mkdocs.yml`` keep their place and title there.
3. In those index pages the line ``<!-- section-pages -->`` is replaced by a list of the
   section's pages that the page does not link to already (title from the page's first
   heading), so a landing page never misses a page.
4. Each notebook page has a link to download the notebook under its title.
"""

from __future__ import annotations

import json
import logging
import re
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.hooks.coopdecide")

MARKER = "<!-- section-pages -->"
SECTIONS = ("guide", "methods", "notebooks")


def _root(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).resolve().parent


def _notebooks(config: MkDocsConfig) -> list[Path]:
    folder = _root(config) / "notebooks"
    return sorted(folder.glob("*.ipynb")) if folder.is_dir() else []


def _section_files(config: MkDocsConfig, section: str) -> list[str]:
    """Source paths (relative to docs/) of the pages of one section, index excluded."""
    if section == "notebooks":
        return [f"notebooks/{path.name}" for path in _notebooks(config)]
    folder = Path(config.docs_dir) / section
    if not folder.is_dir():
        return []
    return [f"{section}/{p.name}" for p in sorted(folder.glob("*.md")) if p.name != "index.md"]


def _nav_paths(nav: Any) -> set[str]:
    if isinstance(nav, str):
        return {nav}
    if isinstance(nav, dict):
        return set().union(*(_nav_paths(v) for v in nav.values()))
    if isinstance(nav, list):
        return set().union(*(_nav_paths(v) for v in nav)) if nav else set()
    return set()


def _title(path: Path) -> str:
    """The first level-1 heading of a Markdown page or notebook, else the file name."""
    try:
        if path.suffix == ".ipynb":
            cells = json.loads(path.read_text(encoding="utf-8")).get("cells", [])
            text = "\n".join(
                "".join(c.get("source", "")) for c in cells if c.get("cell_type") == "markdown"
            )
        else:
            text = path.read_text(encoding="utf-8")
    except (OSError, ValueError):
        text = ""
    match = re.search(r"^#\s+(.+?)\s*#*\s*$", text, flags=re.MULTILINE)
    return match.group(1) if match else path.stem.replace("-", " ").capitalize()


def _source(config: MkDocsConfig, src: str) -> Path:
    if src.startswith("notebooks/") and src.endswith(".ipynb"):
        return _root(config) / src
    return Path(config.docs_dir) / src


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Append the pages of guide/, methods/ and notebooks/ that the nav does not list."""
    nav = config.nav
    if not nav:
        return config
    listed = _nav_paths(nav)

    def expand(items: list[Any]) -> None:
        for item in items:
            if not isinstance(item, dict):
                continue
            for title, value in item.items():
                if isinstance(value, str) and value in {f"{s}/index.md" for s in SECTIONS}:
                    item[title] = value = [value]
                if not isinstance(value, list):
                    continue
                index = value[0] if value and isinstance(value[0], str) else None
                section = index.split("/")[0] if index else None
                if index == f"{section}/index.md" and section in SECTIONS:
                    missing = [p for p in _section_files(config, section) if p not in listed]
                    for path in missing:
                        log.info("not in the nav of mkdocs.yml, appended to %r: %s", title, path)
                        value.append({_title(_source(config, path)): path})
                expand(value)

    expand(nav)
    return config


@event_priority(100)  # before mkdocs-jupyter wraps the notebook files
def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Add notebooks/*.ipynb (outside docs/) to the site."""
    root = _root(config)
    for path in _notebooks(config):
        src_uri = f"notebooks/{path.name}"
        if files.get_file_from_path(src_uri) is None:
            files.append(File(src_uri, str(root), config.site_dir, config.use_directory_urls))
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Replace the marker of a section index by links to the pages it does not link yet."""
    if MARKER not in markdown:
        return markdown
    section = page.file.src_uri.split("/")[0]
    pages = _section_files(config, section)
    lines = []
    for src in pages:
        name = src.split("/", 1)[1]
        if re.search(rf"\]\((\./)?{re.escape(name)}(#[^)]*)?\)", markdown):
            continue  # already linked from the page's own text
        lines.append(f"- [{_title(_source(config, src))}]({name})")
    if not pages:
        lines.append("*Nothing here yet.*")
    return markdown.replace(MARKER, "\n".join(lines))


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Put a download link under the title of each notebook page.

    mkdocs-jupyter copies the notebook beside the page (``include_source``); Material does
    not link it, so the link is added here.
    """
    if not page.file.src_uri.endswith(".ipynb"):
        return html
    name = page.file.src_uri.rsplit("/", 1)[-1]
    link = (
        f'<p class="notebook-download"><a href="{name}" download>Download the notebook</a>'
        " and run it to see its tables and plots (the repository keeps notebooks without"
        " outputs; the test suite executes them).</p>"
    )
    head, h1, rest = html.partition("</h1>")
    return head + h1 + link + rest if h1 else link + html
