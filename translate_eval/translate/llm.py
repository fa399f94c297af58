"""The `openai:MODEL@URL` MT backend: one request per sentence to an OpenAI-compatible server.

Speaks the chat (``/chat/completions``) or completions (``/completions``) protocol of vLLM,
Ollama, llama.cpp's server, LM Studio and commercial APIs, with the standard library only.
"""

from __future__ import annotations

import hashlib
import http.client
import inspect
import json
import os
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from translate_eval.errors import ModelNotFoundError, TranslateEvalError
from translate_eval.translate.llm_wire import (
    ENDPOINT_PATHS,
    SPEC_FORM,
    answer_text,
    endpoint_url,
    flatten_answer,
    one_line,
    parse_llm_spec,
    public_url,
    request_body,
)

#: The prompt unless one is given; ``{sentence}`` is replaced by the Arabic sentence.
DEFAULT_PROMPT = (
    "Translate the following Arabic news sentence into English. Reply with the English "
    "translation only, without notes, quotes or explanations.\n\nArabic: {sentence}\nEnglish:"
)
#: HTTP statuses worth asking again after a pause (rate limit, overload, server faults).
RETRY_STATUSES = frozenset({408, 429, 500, 502, 503, 504})
#: The longest pause between two tries, whatever the backoff or a Retry-After header say.
MAX_BACKOFF_S = 30.0
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
RETRY_ADVICE = "try again later or lower max_in_flight"


class _RetryableError(Exception):
    """One try failed in a way another try may fix; ``message`` is the final error's text."""

    def __init__(self, message: str, advice: str, wait_s: float | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.advice = advice
        self.wait_s = wait_s


@dataclass(frozen=True)
class _Request:
    """What one sentence's request needs, built once per translator."""

    url: str
    endpoint: str
    headers: dict[str, str]
    timeout_s: float


class LLMTranslator:
    """MT from an OpenAI-compatible server: one request per distinct non-empty sentence, at
    most ``max_in_flight`` at a time, each retried up to ``max_retries`` times (pauses of
    ``backoff_s``, doubling, capped at :data:`MAX_BACKOFF_S`) after HTTP 408/429/5xx or a
    timeout. Time O(n) requests for n sentences; empty sentences give ``""`` without one.

    The API key comes from the environment variable ``api_key_env`` (sent as a Bearer token
    when set) and never appears in the signature, errors or ``repr``.
    """

    def __init__(
        self,
        model: str,
        url: str,
        *,
        prompt: str = DEFAULT_PROMPT,
        temperature: float = 0.0,
        endpoint: str = "chat",
        max_tokens: int = 256,
        api_key_env: str = "OPENAI_API_KEY",
        max_in_flight: int = 4,
        max_retries: int = 3,
        timeout_s: float = 60.0,
        backoff_s: float = 0.5,
    ) -> None:
        self._arguments: dict[str, Any] = {
            "prompt": prompt,
            "temperature": temperature,
            "endpoint": endpoint,
            "max_tokens": max_tokens,
            "api_key_env": api_key_env,
            "max_in_flight": max_in_flight,
            "max_retries": max_retries,
            "timeout_s": timeout_s,
            "backoff_s": backoff_s,
        }
        _check_settings(self._arguments)
        self.model = model.strip()
        self.url = url.strip().rstrip("/")
        if not self.model or not urllib.parse.urlsplit(self.url).hostname:
            raise TranslateEvalError(f"an openai: MT needs a model and a server URL: {SPEC_FORM}")
        self.prompt = prompt
        self.temperature = float(temperature)
        self.endpoint = endpoint
        self.max_tokens = int(max_tokens)
        self.api_key_env = api_key_env
        self.max_in_flight = int(max_in_flight)
        self.max_retries = int(max_retries)
        self.backoff_s = float(backoff_s)
        self.shown_url = public_url(self.url)
        api_key = os.environ.get(api_key_env, "").strip()
        headers = {"Content-Type": "application/json", "Accept": "application/json"}
        if api_key:
            headers["Authorization"] = f"Bearer {api_key}"
        self._secret = api_key
        self._request = _Request(
            endpoint_url(self.url, ENDPOINT_PATHS[endpoint]), endpoint, headers, float(timeout_s)
        )
        # A server on this computer is reached directly, whatever the proxy variables say.
        proxies = {} if urllib.parse.urlsplit(self.url).hostname in LOOPBACK_HOSTS else None
        self._opener = urllib.request.build_opener(urllib.request.ProxyHandler(proxies))
        prompt_digest = hashlib.sha256(prompt.encode()).hexdigest()[:12]
        self.signature = (
            f"openai:{self.model}@{self.shown_url}|{endpoint}|temperature={self.temperature:g}"
            f"|max_tokens={self.max_tokens}|prompt=sha256:{prompt_digest}"
        )
        #: Called as ``sleep(seconds)`` between tries (tests may replace it).
        self.sleep: Callable[[float], None] = time.sleep

    def __repr__(self) -> str:
        return f"LLMTranslator({self.signature!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickle as the constructor's arguments: a worker reads the key from its own
        environment, so the key never travels in the pickle."""
        return (_rebuild, (self.model, self.url, dict(self._arguments)))

    def translate(self, sentences: list[str]) -> list[str]:
        """One English line per sentence, in order. Raises TranslateEvalError (one line) when
        the server is unreachable, refuses the request or sends a malformed reply."""
        if isinstance(sentences, str):
            raise TranslateEvalError("translate() takes a list of sentences, not one string")
        wanted = list(dict.fromkeys(s for s in sentences if s.strip()))
        answers = self._translate_distinct(wanted)
        return [answers[s] if s.strip() else "" for s in sentences]

    def _translate_distinct(self, sentences: list[str]) -> dict[str, str]:
        if not sentences:
            return {}
        executor = ThreadPoolExecutor(max_workers=min(self.max_in_flight, len(sentences)))
        try:
            futures: list[Future[str]] = [
                executor.submit(self._translate_one, sentence) for sentence in sentences
            ]
            pairs = zip(sentences, futures, strict=True)
            return {sentence: future.result() for sentence, future in pairs}
        finally:
            executor.shutdown(wait=True, cancel_futures=True)

    def _translate_one(self, sentence: str) -> str:
        """One sentence, with up to ``max_retries`` retries; O(1) requests."""
        body = request_body(
            self.model,
            self.prompt.replace("{sentence}", sentence),
            self.endpoint,
            temperature=self.temperature,
            max_tokens=self.max_tokens,
        )
        tries = self.max_retries + 1
        for attempt in range(tries):
            try:
                return flatten_answer(self._post(body))
            except _RetryableError as error:
                if attempt + 1 == tries:
                    raise TranslateEvalError(
                        self._redact(f"{error.message} ({tries} tries); {error.advice}")
                    ) from None
                pause = self.backoff_s * 2**attempt if error.wait_s is None else error.wait_s
                self.sleep(min(pause, MAX_BACKOFF_S))
        raise AssertionError("unreachable")  # pragma: no cover

    def _post(self, body: bytes) -> str:
        """One try: the answer's text, or _RetryableError / TranslateEvalError."""
        request = urllib.request.Request(
            self._request.url, data=body, headers=self._request.headers, method="POST"
        )
        try:
            with self._opener.open(request, timeout=self._request.timeout_s) as response:
                data = response.read()
        except urllib.error.HTTPError as error:
            raise self._http_error(error) from None
        except TimeoutError:
            raise self._timeout_error() from None
        except urllib.error.URLError as error:
            raise self._connection_error(error.reason) from None
        except (OSError, http.client.HTTPException) as error:  # reset or cut short
            raise _RetryableError(
                f"the MT server at {self.shown_url} dropped the connection ({_reason(error)})",
                RETRY_ADVICE,
            ) from None
        return self._decode(data)

    def _decode(self, data: bytes) -> str:
        try:
            reply = json.loads(data.decode("utf-8"))
            return answer_text(reply, self._request.endpoint)
        except (UnicodeDecodeError, json.JSONDecodeError):
            problem = "not JSON"
        except ValueError as error:
            problem = str(error)
        raise TranslateEvalError(
            self._redact(
                f"the MT server at {self.shown_url} sent a malformed reply ({problem}); is it "
                f"an OpenAI-compatible {self._request.endpoint} endpoint?"
            )
        )

    def _http_error(self, error: urllib.error.HTTPError) -> Exception:
        status = error.code
        detail = self._clip(_server_message(error))
        where = f"the MT server at {self.shown_url}"
        if status in RETRY_STATUSES:
            return _RetryableError(
                f"{where} answered HTTP {status}{detail}", RETRY_ADVICE, _retry_after(error.headers)
            )
        if status in (401, 403):
            key_state = (
                f"the key in the environment variable {self.api_key_env} was refused"
                if self._secret
                else f"set the API key in the environment variable {self.api_key_env}"
            )
            return TranslateEvalError(
                self._redact(f"{where} refused the request (HTTP {status}): {key_state}")
            )
        if status == 404:
            return ModelNotFoundError(
                self._redact(
                    f"{where} answered HTTP 404{detail}; check the model name "
                    f"'{self.model}' and that the URL ends at the API root (such as /v1)"
                )
            )
        return TranslateEvalError(self._redact(f"{where} answered HTTP {status}{detail}"))

    def _connection_error(self, reason: object) -> Exception:
        if isinstance(reason, TimeoutError):
            return self._timeout_error()
        return TranslateEvalError(
            self._redact(
                f"cannot reach the MT server at {self.shown_url}: {_reason(reason)}; is it running?"
            )
        )

    def _timeout_error(self) -> _RetryableError:
        return _RetryableError(
            f"the MT server at {self.shown_url} did not answer within "
            f"{self._request.timeout_s:g} s",
            "raise timeout_s or check the server's load",
        )

    def _redact(self, message: str, limit: int = 400) -> str:
        """``message`` with the API key (should a server echo it) masked, then on one line."""
        masked = message.replace(self._secret, "***") if self._secret else message
        return one_line(masked, limit=limit)

    def _clip(self, detail: str) -> str:
        """A server's own error message, masked and cut short: ``": MESSAGE"`` or ``""``."""
        return f": {self._redact(detail, limit=160)}" if detail.strip() else ""


def _check_settings(arguments: dict[str, Any]) -> None:
    """TranslateEvalError (one line) for an impossible setting."""
    if arguments["endpoint"] not in ENDPOINT_PATHS:
        raise TranslateEvalError(
            f"openai: option endpoint must be one of {', '.join(ENDPOINT_PATHS)}, "
            f"got {arguments['endpoint']!r}"
        )
    if not isinstance(arguments["prompt"], str) or "{sentence}" not in arguments["prompt"]:
        raise TranslateEvalError("openai: option prompt must be text containing {sentence}")
    for name in ("max_in_flight", "max_tokens"):
        if not isinstance(arguments[name], int) or arguments[name] < 1:
            raise TranslateEvalError(f"openai: option {name} must be a whole number >= 1")
    if not isinstance(arguments["max_retries"], int) or arguments["max_retries"] < 0:
        raise TranslateEvalError("openai: option max_retries must be a whole number >= 0")
    for name in ("timeout_s", "backoff_s", "temperature"):
        value = arguments[name]
        if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
            raise TranslateEvalError(f"openai: option {name} must be a number >= 0")
    if arguments["timeout_s"] == 0:
        raise TranslateEvalError("openai: option timeout_s must be more than 0")
    if not str(arguments["api_key_env"]).strip():
        raise TranslateEvalError("openai: option api_key_env must name an environment variable")


def _reason(reason: object) -> str:
    """A connection failure's cause in a few words (``connection refused``)."""
    if isinstance(reason, ConnectionRefusedError):
        return "connection refused"
    if isinstance(reason, socket.gaierror):
        return "unknown host"
    if isinstance(reason, OSError) and reason.strerror:
        return reason.strerror.lower()
    return one_line(str(reason), limit=120) or type(reason).__name__


def _server_message(error: urllib.error.HTTPError) -> str:
    """The message of an OpenAI-style error body (``{"error": {"message": ...}}``), or ``""``."""
    try:
        body = json.loads(error.read(65536).decode("utf-8", "replace"))
    except (OSError, ValueError, http.client.HTTPException):
        return ""
    detail = body.get("error") if isinstance(body, dict) else None
    if isinstance(detail, dict):
        detail = detail.get("message")
    return detail if isinstance(detail, str) else ""


def _retry_after(headers: Any) -> float | None:
    """Seconds from a numeric ``Retry-After`` header, or None."""
    value = headers.get("Retry-After") if headers is not None else None
    try:
        return max(0.0, float(value)) if value is not None else None
    except ValueError:
        return None


#: Options :func:`load_llm_translator` passes on to :class:`LLMTranslator`.
LLM_OPTIONS = frozenset(inspect.signature(LLMTranslator).parameters) - {"model", "url"}


def _rebuild(model: str, url: str, arguments: dict[str, Any]) -> LLMTranslator:
    return LLMTranslator(model, url, **arguments)


def load_llm_translator(argument: str, **options: Any) -> LLMTranslator:
    """The translator of an ``openai:`` spec's argument (``MODEL@URL``); ``options`` are
    :data:`LLM_OPTIONS`. Raises TranslateEvalError (one line) for a bad spec or option."""
    unknown = set(options) - LLM_OPTIONS
    if unknown:
        raise TranslateEvalError(
            f"unknown openai: option(s) {', '.join(sorted(unknown))}; "
            f"valid: {', '.join(sorted(LLM_OPTIONS))}"
        )
    model, url = parse_llm_spec(argument)
    return LLMTranslator(model, url, **options)
