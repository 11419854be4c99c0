"""The demo editor in headless Chromium against the app (fake copilot) served by uvicorn."""

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn

from plugin.app import create_app
from plugin.testing.fake_copilot import FakeCopilot
from tests.plugin.conftest import make_settings

pytestmark = pytest.mark.browser
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
CHROMIUM = shutil.which("chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOT = Path(__file__).resolve().parents[2] / "test-artifacts" / "editor.png"


@pytest.fixture
def base_url(tmp_path) -> Iterator[str]:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    # no JWT key: local development mode, as `flowsmith serve` runs on 127.0.0.1; the editor fetches a dev token
    app = create_app(make_settings(tmp_path, jwt_key=None), copilot_factory=FakeCopilot)
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    for _ in range(400):  # wait for startup (lifespan included)
        if server.started or not thread.is_alive():
            break
        time.sleep(0.025)
    assert server.started, "uvicorn did not start"
    yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    server.should_exit = True
    thread.join()


@pytest.fixture
def page(base_url):
    if CHROMIUM is None:
        pytest.skip("chromium is not installed (apt-get install chromium)")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        page = browser.new_page(viewport={"width": 1400, "height": 900}, base_url=base_url)
        page.outside, page.errors = [], []
        page.on("pageerror", lambda error: page.errors.append(str(error)))
        page.route("**/*", lambda route: _local_only(route, base_url, page.outside))
        yield page
        browser.close()


def _local_only(route, base_url: str, outside: list[str]) -> None:
    if route.request.url.startswith(base_url):
        route.continue_()
    else:
        outside.append(route.request.url)
        route.abort()


def send(page, text: str) -> None:
    page.fill("#chat-input", text)
    page.click("#send")
    sync_api.expect(page.locator("#suggestion")).to_be_visible()


def test_generate_accept_edit_accept_undo(page):
    expect = sync_api.expect
    page.goto("/editor")
    expect(page.locator("#flow")).to_contain_text("No flow yet")

    send(page, "When a P1 incident is created, email the caller")
    expect(page.locator("#progress")).to_contain_text("drafting")
    expect(page.locator("#preview .component.added")).to_have_count(2)
    page.click("#accept")
    expect(page.locator("#suggestion")).to_be_hidden()
    expect(page.locator("#flow [data-testid=trigger]")).to_contain_text("record_create")
    components = page.locator("#flow .component")
    expect(components).to_have_count(2)
    expect(components.nth(1)).to_contain_text("send_email")
    assert components.nth(1).evaluate("e => parseFloat(e.style.marginLeft)") > 0  # inside the IF

    send(page, "also log the incident")
    expect(page.locator("#ops")).to_contain_text("add /components/2")
    page.click("#accept")
    expect(components).to_have_count(3)
    expect(components.nth(2)).to_contain_text("log")
    expect(components.nth(2)).to_contain_text("message = also log the incident")

    page.click("#undo")
    expect(components).to_have_count(2)

    page.click("#autocomplete")
    expect(page.locator("#preview .component.added")).to_contain_text("message = Done")
    page.click("#reject")
    expect(page.locator("#suggestion")).to_be_hidden()
    expect(components).to_have_count(2)

    page.click("#autocomplete")
    expect(page.locator("#suggestion")).to_be_visible()
    SCREENSHOT.parent.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOT), full_page=True)
    assert page.errors == [] and page.outside == []
    assert page.evaluate(CONVERSATIONS) == 1  # every turn continued the one conversation the first started


CONVERSATIONS = """async () => {
  const token = (await (await fetch("v1/auth/dev-token")).json()).access_token;
  const answer = await fetch("v1/conversations", { headers: { Authorization: `Bearer ${token}` } });
  return (await answer.json()).conversations.length;
}"""


def test_error_from_the_service_is_shown(page):
    page.goto("/editor")
    page.fill("#chat-input", "explode")
    page.click("#send")
    sync_api.expect(page.locator("#messages .error")).to_contain_text("the copilot failed (RuntimeError; error id")
    sync_api.expect(page.locator("#status")).to_have_text("error")


def test_unfixable_request_shows_the_problems(page):
    page.goto("/editor")
    page.fill("#chat-input", "unfixable")
    page.click("#send")
    error = page.locator("#messages .error")
    sync_api.expect(error).to_contain_text("still invalid after 2 repair rounds")
    sync_api.expect(error).to_contain_text("/components/0/definition: no such action")
    sync_api.expect(page.locator("#suggestion")).to_be_hidden()
