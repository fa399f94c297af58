"""The openai: MT backend against a real OpenAI-style HTTP server on 127.0.0.1."""

from __future__ import annotations

import json
import pickle
import re
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from translate_eval.errors import ModelNotFoundError, TranslateEvalError
from translate_eval.translate.base import Translator
from translate_eval.translate.cache import CachedTranslator
from translate_eval.translate.llm import DEFAULT_PROMPT, LLMTranslator, load_llm_translator
from translate_eval.translate.llm_wire import (
    answer_text,
    endpoint_url,
    flatten_answer,
    parse_llm_spec,
    request_body,
)

KEY = "sk-test-4f8a2c9e1b7d"


@dataclass
class Reply:
    """What the server answers to one request."""

    status: int = 200
    body: bytes | None = None  # None: an OpenAI-style answer echoing the sentence
    delay_s: float = 0.0
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class Record:
    """What the server saw."""

    requests: list[dict[str, Any]] = field(default_factory=list)
    in_flight: int = 0
    most_in_flight: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)


def sentence_of(payload: dict[str, Any]) -> str:
    """The Arabic sentence inside a request made with the default prompt."""
    text = payload["messages"][0]["content"] if "messages" in payload else payload["prompt"]
    return text.split("Arabic: ", 1)[1].rsplit("\nEnglish:", 1)[0]


def openai_body(path: str, answer: str) -> bytes:
    if path.endswith("/chat/completions"):
        choice: dict[str, Any] = {"index": 0, "message": {"role": "assistant", "content": answer}}
    else:
        choice = {"index": 0, "text": answer}
    return json.dumps({"id": "x", "object": "completion", "choices": [choice]}).encode()


class FakeServer:
    """A ThreadingHTTPServer whose answers come from ``script(number, path, payload, headers)``."""

    def __init__(self, script: Callable[[int, str, dict[str, Any], dict[str, str]], Reply]):
        self.script = script
        self.record = Record()
        record = self.record
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:  # keep test output quiet
                pass

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", "0"))
                payload = json.loads(self.rfile.read(length))
                headers = {name.lower(): value for name, value in self.headers.items()}
                with record.lock:
                    number = len(record.requests)
                    record.requests.append({"path": self.path, "headers": headers, **payload})
                    record.in_flight += 1
                    record.most_in_flight = max(record.most_in_flight, record.in_flight)
                counted = True
                try:
                    reply = outer.script(number, self.path, payload, headers)
                    time.sleep(reply.delay_s)
                    # Out of flight before the reply leaves: the client may send its next
                    # request as soon as it has read this one, before this thread goes on.
                    with record.lock:
                        record.in_flight -= 1
                        counted = False
                    body = reply.body
                    if body is None:
                        body = openai_body(self.path, f"EN[{sentence_of(payload)}]")
                    self.send_response(reply.status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(body)))
                    for name, value in reply.headers.items():
                        self.send_header(name, value)
                    self.end_headers()
                    self.wfile.write(body)
                except OSError:  # the client gave up (a timeout test)
                    pass
                finally:
                    if counted:
                        with record.lock:
                            record.in_flight -= 1

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"
        self.thread = threading.Thread(target=self.httpd.serve_forever, args=(0.05,), daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=5)


@pytest.fixture
def serve() -> Iterator[Callable[..., FakeServer]]:
    servers: list[FakeServer] = []

    def start(script: Callable[..., Reply] = lambda *_: Reply()) -> FakeServer:
        server = FakeServer(script)
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.close()


@pytest.fixture(autouse=True)
def no_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)


def translator(url: str, **options: Any) -> LLMTranslator:
    options.setdefault("backoff_s", 0.01)
    options.setdefault("timeout_s", 5.0)
    return LLMTranslator("qwen2.5-7b", url, **options)


def test_translations_come_back_in_order_one_line_each(serve: Callable[..., FakeServer]) -> None:
    server = serve()
    sentences = [f"جملة رقم {i}" for i in range(10)]
    mt = translator(server.url)
    assert isinstance(mt, Translator)
    assert mt.translate(sentences) == [f"EN[{s}]" for s in sentences]
    payload = server.record.requests[0]
    assert payload["path"] == "/v1/chat/completions"
    assert payload["model"] == "qwen2.5-7b"
    assert payload["temperature"] == 0
    assert payload["messages"][0]["role"] == "user"


def test_completions_endpoint(serve: Callable[..., FakeServer]) -> None:
    server = serve()
    mt = translator(server.url, endpoint="completions")
    assert mt.translate(["قال الوزير"]) == ["EN[قال الوزير]"]
    assert server.record.requests[0]["path"] == "/v1/completions"
    assert server.record.requests[0]["prompt"] == DEFAULT_PROMPT.replace(
        "{sentence}", "قال الوزير"
    )


def test_empty_sentences_need_no_request_and_repeats_one(
    serve: Callable[..., FakeServer],
) -> None:
    server = serve()
    mt = translator(server.url)
    assert mt.translate(["", "  ", "جسر", "", "جسر"]) == ["", "", "EN[جسر]", "", "EN[جسر]"]
    assert len(server.record.requests) == 1
    assert mt.translate([]) == []
    assert mt.translate(["", ""]) == ["", ""]
    assert len(server.record.requests) == 1


def test_newlines_in_an_answer_are_joined(serve: Callable[..., FakeServer]) -> None:
    answer = openai_body("/v1/chat/completions", "  The minister\n\nsaid\r\n today. \n")
    server = serve(lambda *_: Reply(body=answer))
    assert translator(server.url).translate(["قال"]) == ["The minister said today."]


def test_no_more_requests_in_flight_than_the_limit(serve: Callable[..., FakeServer]) -> None:
    server = serve(lambda *_: Reply(delay_s=0.1))
    sentences = [f"جملة {i}" for i in range(12)]
    out = translator(server.url, max_in_flight=3).translate(sentences)
    assert out == [f"EN[{s}]" for s in sentences]
    assert 2 <= server.record.most_in_flight <= 3


def test_retries_after_429_and_500_then_success(serve: Callable[..., FakeServer]) -> None:
    statuses = [429, 500]

    def script(number: int, *_: object) -> Reply:
        if number < len(statuses):
            return Reply(status=statuses[number], body=b'{"error": {"message": "busy"}}')
        return Reply()

    server = serve(script)
    mt = translator(server.url, max_retries=3)
    pauses: list[float] = []
    mt.sleep = pauses.append
    assert mt.translate(["خبر"]) == ["EN[خبر]"]
    assert len(server.record.requests) == 3
    assert pauses == [0.01, 0.02]  # exponential backoff


def test_retry_after_header_is_honoured_but_capped(serve: Callable[..., FakeServer]) -> None:
    def script(number: int, *_: object) -> Reply:
        return Reply(status=429, headers={"Retry-After": "0.05"}) if number == 0 else Reply()

    mt = translator(serve(script).url)
    pauses: list[float] = []
    mt.sleep = pauses.append
    assert mt.translate(["خبر"]) == ["EN[خبر]"]
    assert pauses == [0.05]


def test_persistent_503_fails_after_bounded_retries(serve: Callable[..., FakeServer]) -> None:
    server = serve(lambda *_: Reply(status=503, body=b'{"error": {"message": "overloaded"}}'))
    with pytest.raises(TranslateEvalError) as caught:
        translator(server.url, max_retries=2).translate(["خبر"])
    message = str(caught.value)
    assert "HTTP 503: overloaded (3 tries)" in message
    assert "\n" not in message
    assert len(server.record.requests) == 3


def test_slow_answer_times_out_after_bounded_retries(serve: Callable[..., FakeServer]) -> None:
    server = serve(lambda *_: Reply(delay_s=1.0))
    started = time.monotonic()
    with pytest.raises(TranslateEvalError) as caught:
        translator(server.url, timeout_s=0.2, max_retries=1).translate(["خبر"])
    assert time.monotonic() - started < 3
    message = str(caught.value)
    assert "did not answer within 0.2 s (2 tries)" in message
    assert "timeout_s" in message and "\n" not in message
    assert len(server.record.requests) == 2


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        (b"<html>Bad gateway</html>", "not JSON"),
        (b'{"choices": []}', "an empty 'choices' list"),
        (b'{"object": "error"}', "no 'choices' list"),
        (b'{"choices": [{"message": {"role": "assistant"}}]}', "message.content"),
    ],
)
def test_malformed_reply_is_a_one_line_error(
    serve: Callable[..., FakeServer], body: bytes, problem: str
) -> None:
    server = serve(lambda *_: Reply(body=body))
    with pytest.raises(TranslateEvalError) as caught:
        translator(server.url).translate(["خبر"])
    message = str(caught.value)
    assert message.startswith(f"the MT server at {server.url} sent a malformed reply")
    assert problem in message and "\n" not in message
    assert len(server.record.requests) == 1  # not retried


def test_connection_refused_is_a_one_line_error() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}/v1"
    with pytest.raises(TranslateEvalError) as caught:
        translator(url).translate(["خبر"])
    assert str(caught.value) == (
        f"cannot reach the MT server at {url}: connection refused; is it running?"
    )


def key_checking_server(serve: Callable[..., FakeServer]) -> FakeServer:
    def script(_: int, __: str, ___: object, headers: dict[str, str]) -> Reply:
        if headers.get("authorization") != f"Bearer {KEY}":
            given = headers.get("authorization", "none")
            message = json.dumps({"error": {"message": f"Invalid API key {given}"}})
            return Reply(status=401, body=message.encode())
        return Reply()

    return serve(script)


def test_401_without_a_key_names_the_variable(serve: Callable[..., FakeServer]) -> None:
    server = key_checking_server(serve)
    with pytest.raises(TranslateEvalError) as caught:
        translator(server.url).translate(["خبر"])
    message = str(caught.value)
    assert "HTTP 401" in message and "OPENAI_API_KEY" in message
    assert len(server.record.requests) == 1


def test_refused_key_names_the_variable_not_the_key(
    serve: Callable[..., FakeServer], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MY_MT_KEY", "sk-wrong-key-0000")
    server = key_checking_server(serve)
    with pytest.raises(TranslateEvalError) as caught:
        translator(server.url, api_key_env="MY_MT_KEY").translate(["خبر"])
    message = str(caught.value)
    assert "MY_MT_KEY" in message and "refused" in message
    assert "sk-wrong-key-0000" not in message


def test_key_goes_in_the_header_only(
    serve: Callable[..., FakeServer], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    server = key_checking_server(serve)
    mt = translator(server.url)
    assert mt.translate(["خبر"]) == ["EN[خبر]"]
    assert server.record.requests[0]["headers"]["authorization"] == f"Bearer {KEY}"
    assert KEY not in mt.signature
    assert KEY not in repr(mt)
    assert KEY.encode() not in pickle.dumps(mt)
    # A server that echoes the key in its error message: the error masks it.
    echo = serve(
        lambda *_a: Reply(status=400, body=json.dumps({"error": {"message": KEY}}).encode())
    )
    with pytest.raises(TranslateEvalError) as caught:
        translator(echo.url).translate(["خبر"])
    assert KEY not in str(caught.value) and "HTTP 400: ***" in str(caught.value)


def test_pickled_translator_rereads_the_key(
    serve: Callable[..., FakeServer], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    server = key_checking_server(serve)
    copy = pickle.loads(pickle.dumps(translator(server.url, temperature=0.3)))
    assert copy.translate(["خبر"]) == ["EN[خبر]"]
    assert copy.signature == translator(server.url, temperature=0.3).signature


def test_404_is_a_missing_model(serve: Callable[..., FakeServer]) -> None:
    body = b'{"error": {"message": "The model `qwen2.5-7b` does not exist."}}'
    server = serve(lambda *_: Reply(status=404, body=body))
    with pytest.raises(ModelNotFoundError, match=re.escape("check the model name 'qwen2.5-7b'")):
        translator(server.url).translate(["خبر"])


def test_signature_changes_with_every_setting_and_never_holds_the_key(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    url = "http://127.0.0.1:8000/v1"
    base = LLMTranslator("qwen2.5-7b", url).signature
    assert base.startswith("openai:qwen2.5-7b@http://127.0.0.1:8000/v1|chat|temperature=0|")
    variants = [
        LLMTranslator("qwen2.5-7b", url, prompt="Into English: {sentence}").signature,
        LLMTranslator("llama3.1-8b", url).signature,
        LLMTranslator("qwen2.5-7b", url, temperature=0.7).signature,
        LLMTranslator("qwen2.5-7b", "http://127.0.0.1:11434/v1").signature,
        LLMTranslator("qwen2.5-7b", url, endpoint="completions").signature,
        LLMTranslator("qwen2.5-7b", url, max_tokens=64).signature,
    ]
    assert len({base, *variants}) == len(variants) + 1
    assert all(KEY not in signature for signature in [base, *variants])
    # Settings that do not change the translations leave the signature alone.
    assert LLMTranslator("qwen2.5-7b", url, max_in_flight=1, timeout_s=9).signature == base
    monkeypatch.delenv("OPENAI_API_KEY")
    assert LLMTranslator("qwen2.5-7b", url).signature == base


def test_credentials_in_the_url_stay_out_of_signature_and_errors() -> None:
    mt = LLMTranslator("m", "http://user:hunter2@127.0.0.1:9/v1?token=abc")
    assert "hunter2" not in mt.signature and "abc" not in mt.signature
    assert mt.shown_url == "http://127.0.0.1:9/v1"


def test_spec_parsing() -> None:
    assert parse_llm_spec("qwen2.5-7b@http://127.0.0.1:8000/v1/") == (
        "qwen2.5-7b",
        "http://127.0.0.1:8000/v1",
    )
    assert parse_llm_spec("org/model@v2@https://api.example.com/v1") == (
        "org/model@v2",
        "https://api.example.com/v1",
    )
    for bad in ["qwen2.5-7b", "@http://127.0.0.1:8000/v1", "qwen@http://", ""]:
        with pytest.raises(TranslateEvalError, match="needs a model and a server URL"):
            parse_llm_spec(bad)
    mt = load_llm_translator("qwen@http://127.0.0.1:8000/v1", temperature=0.2)
    assert mt.model == "qwen" and mt.temperature == 0.2
    with pytest.raises(TranslateEvalError, match="unknown openai: option"):
        load_llm_translator("qwen@http://127.0.0.1:8000/v1", beams=4)


@pytest.mark.parametrize(
    ("options", "match"),
    [
        ({"endpoint": "embeddings"}, "endpoint must be one of chat, completions"),
        ({"prompt": "Translate please"}, "containing {sentence}"),
        ({"max_in_flight": 0}, "max_in_flight must be a whole number >= 1"),
        ({"max_retries": -1}, "max_retries"),
        ({"timeout_s": 0}, "timeout_s must be more than 0"),
        ({"temperature": "hot"}, "temperature must be a number"),
    ],
)
def test_bad_options_are_one_line_errors(options: dict[str, Any], match: str) -> None:
    with pytest.raises(TranslateEvalError, match=match):
        LLMTranslator("m", "http://127.0.0.1:8000/v1", **options)


def test_one_string_is_refused() -> None:
    with pytest.raises(TranslateEvalError, match="list of sentences"):
        LLMTranslator("m", "http://127.0.0.1:8000/v1").translate("جملة")  # type: ignore[arg-type]


def test_a_local_server_is_reached_past_proxy_settings(
    serve: Callable[..., FakeServer], monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY"):
        monkeypatch.setenv(name, "http://127.0.0.1:9")  # nothing listens there
    monkeypatch.delenv("no_proxy", raising=False)
    monkeypatch.delenv("NO_PROXY", raising=False)
    assert translator(serve().url).translate(["خبر"]) == ["EN[خبر]"]


def test_endpoint_url_keeps_the_query() -> None:
    assert (
        endpoint_url("https://example.com/openai/v1/?api-version=2024", "/chat/completions")
        == "https://example.com/openai/v1/chat/completions?api-version=2024"
    )


def test_request_bodies_and_reply_texts() -> None:
    chat = json.loads(request_body("m", "نص", "chat", temperature=0.0, max_tokens=8))
    assert chat == {
        "model": "m",
        "temperature": 0.0,
        "max_tokens": 8,
        "stream": False,
        "messages": [{"role": "user", "content": "نص"}],
    }
    plain = json.loads(request_body("m", "نص", "completions", temperature=0.5, max_tokens=8))
    assert plain["prompt"] == "نص" and "messages" not in plain
    assert answer_text({"choices": [{"message": {"content": "Hi"}}]}, "chat") == "Hi"
    assert answer_text({"choices": [{"text": " Hi"}]}, "completions") == " Hi"
    with pytest.raises(ValueError, match="no text in 'text'"):
        answer_text({"choices": [{"message": {"content": "Hi"}}]}, "completions")
    assert flatten_answer("a\n\n b \r\nc") == "a b c"


def test_the_mt_cache_is_keyed_by_the_settings(
    serve: Callable[..., FakeServer], tmp_path: Path
) -> None:
    server = serve()
    cache = tmp_path / "mt.sqlite"
    sentences = ["قال الوزير", "جسر"]
    first = CachedTranslator(translator(server.url), path=cache)
    assert first.translate(sentences) == ["EN[قال الوزير]", "EN[جسر]"]
    again = CachedTranslator(translator(server.url), path=cache)
    assert again.translate(sentences) == ["EN[قال الوزير]", "EN[جسر]"]
    assert len(server.record.requests) == 2  # the second run came from the cache
    warmer = CachedTranslator(translator(server.url, temperature=0.8), path=cache)
    warmer.translate(sentences)
    assert len(server.record.requests) == 4


def test_compare_with_an_llm_server_writes_the_tables_of_file_mt(
    serve: Callable[..., FakeServer], tmp_path: Path
) -> None:
    """`compare --mt openai:...` against the loopback server gives the same links.csv and
    summary.csv as `--mt file:` holding the same translations; only the signature differs."""
    seed = Path(__file__).resolve().parents[1] / "corpus" / "jisr-al-shughour"
    arabic = [line for line in (seed / "ar.txt").read_text("utf-8").splitlines() if line.strip()]
    english = [line for line in (seed / "en.txt").read_text("utf-8").splitlines() if line.strip()]
    answers = {ar: english[min(i, len(english) - 1)] for i, ar in enumerate(arabic)}
    server = serve(lambda _n, path, payload, _h: Reply(body=openai_body(path, answers[
        sentence_of(payload)])))
    (tmp_path / "ar.txt").write_text("\n".join(arabic) + "\n", encoding="utf-8")
    (tmp_path / "en.txt").write_text("\n".join(english) + "\n", encoding="utf-8")
    (tmp_path / "mt.txt").write_text("\n".join(answers[ar] for ar in arabic) + "\n", "utf-8")
    runs = {}
    for name, spec in (("llm", f"openai:qwen2.5-7b@{server.url}"), ("file", "file:mt.txt")):
        command = [sys.executable, "-m", "translate_eval.cli", "compare", "ar.txt", "en.txt",
                   "--presegmented", "--mt", spec, "--encoder", "none", "--no-cache",
                   "--out", name]  # fmt: skip
        done = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        runs[name] = tmp_path / name
    assert len(server.record.requests) == len(set(arabic))
    for table in ("links.csv", "summary.csv"):
        assert (runs["llm"] / table).read_bytes() == (runs["file"] / table).read_bytes()
    signatures = [json.loads((runs[n] / "signature.json").read_text())["mt"] for n in runs]
    assert signatures[0].startswith("openai:") and signatures[1].startswith("file:")
