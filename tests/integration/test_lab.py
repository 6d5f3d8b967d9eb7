"""JupyterLab as a user opens it: the server lists the notebooks over its REST API and
runs one, cell by cell, through a kernel it starts."""
from __future__ import annotations

import asyncio
import json
import os
import signal
import socket
import subprocess
import time
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor

import nbformat
import pytest

from zhongyuan.factbase.paths import ROOT

TOKEN = uuid.uuid4().hex


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str, method: str = "GET", body: dict | None = None):
    req = urllib.request.Request(url, method=method, data=json.dumps(body).encode() if body else None,
                                 headers={"Authorization": f"token {TOKEN}"})
    with urllib.request.urlopen(req, timeout=10) as r:
        return json.loads(r.read() or b"null")


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    port = _free_port()
    # As a user starts it: `make lab` (which adds --allow-root only for root, and the
    # project's settings), with a port and token of the test's own.
    args = (f"--no-browser --port={port} --ip=127.0.0.1 --IdentityProvider.token={TOKEN} "
            f"--ServerApp.runtime_dir={tmp_path_factory.mktemp('runtime')} --ServerApp.disable_check_xsrf=True")
    proc = subprocess.Popen(["make", "-s", "lab", f"LAB_ARGS={args}"],
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            _get(f"{base}/api/status")
            break
        except OSError:
            if proc.poll() is not None:
                raise RuntimeError(proc.stderr.read().decode()[-2000:])
            time.sleep(0.2)
    yield base
    os.killpg(proc.pid, signal.SIGTERM)  # make and the server it started
    proc.wait(timeout=20)


def test_lab_opens_on_the_notebooks_and_never_asks_to_fetch_news(lab):
    """The project's settings (src/zhongyuan/build/lab), not the user's home: no news prompt, no
    news fetched, no update check, whoever runs it (root included)."""
    notification = _get(f"{lab}/lab/api/settings/@jupyterlab/apputils-extension:notification")
    defaults = {k: v.get("default") for k, v in notification["schema"]["properties"].items()}
    assert defaults["fetchNews"] == "false" and defaults["checkForUpdates"] is False, defaults
    assert _get(f"{lab}/lab/api/news") == {"news": []}
    root = _get(f"{lab}/api/contents/")
    assert any(item["name"] == "00_overview.ipynb" for item in root["content"])


def test_lab_lists_every_notebook(lab):
    listed = {item["name"] for item in _get(f"{lab}/api/contents/")["content"] if item["type"] == "notebook"}
    assert {p.name for p in (ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")} <= listed


def test_lab_has_the_rise_extension_for_presenting(lab):
    names = {ext["name"] for ext in _get(f"{lab}/lab/api/extensions")}
    assert "jupyterlab-rise" in names


async def _run_cells(ws_url: str, sources: list[str]) -> list[dict]:
    from tornado.websocket import websocket_connect

    ws = await websocket_connect(ws_url)
    replies = []
    session = uuid.uuid4().hex
    for source in sources:
        msg_id = uuid.uuid4().hex
        ws.write_message(json.dumps({
            "header": {"msg_id": msg_id, "username": "test", "session": session, "msg_type": "execute_request",
                       "version": "5.3"},
            "parent_header": {}, "metadata": {}, "channel": "shell", "buffers": [],
            "content": {"code": source, "silent": False, "store_history": True, "user_expressions": {},
                        "allow_stdin": False, "stop_on_error": True}}))
        outputs, reply, idle = [], None, False
        while reply is None or not idle:  # the reply (shell) and the outputs (iopub) race
            msg = json.loads(await asyncio.wait_for(ws.read_message(), timeout=120))
            if msg.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            if msg["msg_type"] in ("execute_result", "display_data", "stream", "error"):
                outputs.append(msg)
            if msg["channel"] == "shell" and msg["msg_type"] == "execute_reply":
                reply = msg["content"]
            if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                idle = True
        replies.append({"reply": reply, "outputs": outputs})
    ws.close()
    return replies


def test_lab_runs_a_notebook_through_a_kernel_it_starts(lab):
    kernel = _get(f"{lab}/api/kernels", "POST", {"name": "python3"})
    try:
        nb = nbformat.read(ROOT / "notebooks" / "00_overview.ipynb", as_version=4)
        sources = [c.source for c in nb.cells if c.cell_type == "code"]
        ws_url = f"{lab.replace('http', 'ws')}/api/kernels/{kernel['id']}/channels?token={TOKEN}"
        # in a thread of its own: Playwright may hold an event loop in this one
        with ThreadPoolExecutor(1) as pool:
            results = pool.submit(asyncio.run, _run_cells(ws_url, sources)).result()
        assert all(r["reply"]["status"] == "ok" for r in results), [
            r["reply"] for r in results if r["reply"]["status"] != "ok"]
        texts = json.dumps([o["content"] for r in results for o in r["outputs"]], ensure_ascii=False)
        assert "image/png" in texts                 # the chart was drawn
        assert "一般公共预算收入完成47.6亿元" in texts  # a quote from the fact base
    finally:
        _get(f"{lab}/api/kernels/{kernel['id']}", "DELETE")
