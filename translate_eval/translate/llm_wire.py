"""The OpenAI-compatible wire format: ``openai:`` specs, server URLs, request bodies and
the text of replies. Pure functions on plain data; the HTTP client is in ``llm.py``."""

from __future__ import annotations

import json
import urllib.parse
from typing import Any

from translate_eval.errors import TranslateEvalError

#: Endpoint kinds and the path each one posts to (after the server URL).
ENDPOINT_PATHS = {"chat": "/chat/completions", "completions": "/completions"}
SPEC_FORM = "openai:MODEL@URL (e.g. openai:qwen2.5-7b@http://127.0.0.1:8000/v1)"


def one_line(text: str, limit: int = 200) -> str:
    """``text`` with runs of whitespace (newlines included) made one space, cut to ``limit``."""
    flat = " ".join(str(text).split())
    return flat if len(flat) <= limit else flat[: limit - 3] + "..."


def public_url(url: str) -> str:
    """``url`` without user name, password, query or fragment (they may hold secrets)."""
    parts = urllib.parse.urlsplit(url)
    host = parts.hostname or ""
    if ":" in host:  # an IPv6 address
        host = f"[{host}]"
    netloc = f"{host}:{parts.port}" if parts.port else host
    return urllib.parse.urlunsplit((parts.scheme, netloc, parts.path.rstrip("/"), "", ""))


def parse_llm_spec(argument: str) -> tuple[str, str]:
    """``MODEL@URL`` (the part after ``openai:``) -> (model, server URL without a trailing /).

    The URL is the server's API root, such as ``http://127.0.0.1:8000/v1``; the model name
    may itself contain ``@`` (the split is at the last ``@`` before ``http://``/``https://``).
    Raises TranslateEvalError (one line) when either part is missing. O(len(argument)).
    """
    text = argument.strip()
    lowered = text.lower()
    cut = max(lowered.rfind("@http://"), lowered.rfind("@https://"))
    if cut <= 0:
        raise TranslateEvalError(f"MT 'openai:{text}' needs a model and a server URL: {SPEC_FORM}")
    model, url = text[:cut].strip(), text[cut + 1 :].strip().rstrip("/")
    if not model or not urllib.parse.urlsplit(url).hostname:
        raise TranslateEvalError(f"MT 'openai:{text}' needs a model and a server URL: {SPEC_FORM}")
    return model, url


def endpoint_url(url: str, path: str) -> str:
    """``path`` appended to the path of the server URL ``url``, its query kept."""
    parts = urllib.parse.urlsplit(url)
    return urllib.parse.urlunsplit(parts._replace(path=parts.path.rstrip("/") + path))


def flatten_answer(text: str) -> str:
    """A model's answer as one line: its lines stripped and joined by single spaces."""
    return " ".join(line.strip() for line in text.splitlines() if line.strip())


def answer_text(reply: object, endpoint: str) -> str:
    """The generated text of a decoded JSON reply: ``choices[0].message.content`` for chat,
    ``choices[0].text`` for completions. Raises ValueError when the reply lacks it."""
    if not isinstance(reply, dict) or not isinstance(reply.get("choices"), list):
        raise ValueError("no 'choices' list")
    if not reply["choices"] or not isinstance(reply["choices"][0], dict):
        raise ValueError("an empty 'choices' list")
    choice = reply["choices"][0]
    if endpoint == "chat":
        message = choice.get("message")
        content = message.get("content") if isinstance(message, dict) else None
    else:
        content = choice.get("text")
    if not isinstance(content, str):
        field = "message.content" if endpoint == "chat" else "text"
        raise ValueError(f"choices[0] has no text in '{field}'")
    return content


def request_body(
    model: str, text: str, endpoint: str, temperature: float, max_tokens: int
) -> bytes:
    """The JSON body asking ``model`` to continue ``text``: a one-message chat for ``chat``,
    a prompt for ``completions``; never streamed."""
    fields: dict[str, Any] = {
        "model": model,
        "temperature": temperature,
        "max_tokens": max_tokens,
        "stream": False,
    }
    if endpoint == "chat":
        fields["messages"] = [{"role": "user", "content": text}]
    else:
        fields["prompt"] = text
    return json.dumps(fields, ensure_ascii=False).encode("utf-8")
