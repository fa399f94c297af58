"""The one HTML page shell of every report page: escaping, Content-Security-Policy, head and body.

A page may load nothing; only its own stylesheet and (optionally) its own script, both allowed
by their SHA-256 hash, may apply or run.
"""

from __future__ import annotations

import base64
import hashlib
import html
from collections.abc import Mapping, Sequence

from translate_eval.links import cell_text
from translate_eval.text.clean import reveal_invisible


def esc(value: object) -> str:
    """Any value as escaped HTML text (also safe inside a double- or single-quoted attribute),
    its invisible marks and controls shown as escapes (:func:`reveal_invisible`)."""
    return html.escape(reveal_invisible(cell_text(value)), quote=True)


def csp_hash(text: str) -> str:
    """The CSP source expression (``'sha256-...'``) that allows exactly this style or script."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def content_security_policy(
    style: str, script: str | None = None, *, no_forms: bool = False
) -> str:
    """A policy under which nothing loads and only ``style`` (and ``script``) apply, by hash.

    ``no_forms`` also forbids submitting any form.
    """
    parts = ["default-src 'none'", f"style-src {csp_hash(style)}"]
    if script is not None:
        parts.append(f"script-src {csp_hash(script)}")
    parts.append("base-uri 'none'")
    if no_forms:
        parts.append("form-action 'none'")
    return "; ".join(parts)


def html_page(
    title: str,
    body: Sequence[str],
    *,
    style: str,
    script: str | None = None,
    no_forms: bool = False,
    direction: str | None = None,
    meta: Mapping[str, str] | None = None,
) -> str:
    """A self-contained HTML5 page: ``title`` (escaped), ``style`` and ``script`` inline.

    ``body``: HTML fragments (already escaped), one a line; empty ones are left out.
    The page's Content-Security-Policy is :func:`content_security_policy` of the style and
    script (``no_forms`` also forbids submitting forms). ``direction`` sets ``dir`` on
    ``<html>``; ``meta`` adds ``<meta name=... content=...>`` elements after the policy.
    Time O(page size).
    """
    policy = content_security_policy(style, script, no_forms=no_forms)
    root = '<html lang="en"' + (f' dir="{esc(direction)}"' if direction else "") + ">"
    parts = [
        "<!DOCTYPE html>",
        root,
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{esc(policy)}">',
        *(
            f'<meta name="{esc(name)}" content="{esc(value)}">'
            for name, value in (meta or {}).items()
        ),
        f"<title>{esc(title)}</title>",
        f"<style>{style}</style>",
        "</head>",
        "<body>",
        *body,
        f"<script>{script}</script>" if script is not None else "",
        "</body>",
        "</html>",
    ]
    return "\n".join(part for part in parts if part) + "\n"
