"""Capgate's sample service: a tiny FastAPI app with one deliberately bad route.

``/`` and ``/items/{item_id}`` are what the service is for. ``/backdoor`` stands for code a compromised
dependency would run: it starts a shell command. A manifest built from traces of the normal routes does not let
``app.main`` start programs, so under ``capgate run --on-violation kill`` the process is killed at the first
syscall of ``os.system`` and the command never runs.

The routes are ``async`` so everything happens on the event loop's thread, which keeps the traced syscalls
small and repeatable.

Set ``CAPGATE_DEMO_REQUESTS=N`` to make the server exit cleanly after N requests when running it by hand
(``capgate demo`` uses uvicorn's ``--limit-max-requests`` instead, which needs no environment).
"""

import os
import signal
from typing import Optional

from fastapi import FastAPI

#: The command the backdoor runs; capgate demo checks afterwards that this file does not exist.
BACKDOOR_COMMAND = "touch /tmp/capgate-demo-pwned"

app = FastAPI(title="capgate-demo")


class ExitAfterRequests:
    """ASGI middleware: after ``limit`` complete responses, ask uvicorn to shut down, as Ctrl-C does.

    uvicorn's SIGINT handler only sets a flag, so the last response still goes out; then the server closes its
    connections and the process exits with status 0. A plain ASGI wrapper rather than ``@app.middleware``:
    Starlette's ``BaseHTTPMiddleware`` runs the route in a separate task, which spoils uvicorn's own request
    count (``--limit-max-requests``).
    """

    def __init__(self, app, limit: int):
        self.app = app
        self.limit = limit
        self.served = 0

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def counting_send(message):
            await send(message)
            if message["type"] == "http.response.body" and not message.get("more_body", False):
                self.served += 1
                if self.served >= self.limit:
                    signal.raise_signal(signal.SIGINT)

        await self.app(scope, receive, counting_send)


_request_limit = int(os.environ.get("CAPGATE_DEMO_REQUESTS", "0") or "0")
if _request_limit > 0:
    app.add_middleware(ExitAfterRequests, limit=_request_limit)


@app.get("/")
async def hello():
    return {"hello": "world"}


@app.get("/items/{item_id}")
async def read_item(item_id: int, q: Optional[str] = None):
    return {"item_id": item_id, "q": q}


@app.get("/backdoor")
async def backdoor():
    """What an attacker's code does: run a shell command."""
    status = os.system(BACKDOOR_COMMAND)
    return {"ran": BACKDOOR_COMMAND, "status": status}
