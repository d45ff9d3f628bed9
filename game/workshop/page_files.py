"""The files the served pages load, held in memory and served from there.

textual-serve's script, style and fonts, and the site's own style and icon, some 1 MB in all,
are read once, when the server starts. aiohttp's static handler opened and examined each file
in a thread and then sent it: some 2 ms of the server's time per file, even for the icon. A
room of 40 that joins at once asks for four or five files each before anyone can play, all in
the same second; from memory a file costs a fraction of that. As with the game itself, a file
changed while the server runs is served as it was when the server started.
"""

from __future__ import annotations

import hashlib
import mimetypes
from pathlib import Path

from aiohttp import web


class PageFiles:
    """Every file under ``folder`` (by its path below it, with ``/``), as ``GET`` answers."""

    def __init__(self, folder: Path) -> None:
        self.files: dict[str, tuple[bytes, str, str]] = {}
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                body = path.read_bytes()
                kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
                tag = '"' + hashlib.sha256(body).hexdigest()[:20] + '"'
                self.files[path.relative_to(folder).as_posix()] = (body, kind, tag)

    async def handle(self, request: web.Request) -> web.Response:
        found = self.files.get(request.match_info["path"])
        if found is None:  # anything else, such as a path that climbs out, is not here
            raise web.HTTPNotFound()
        body, kind, tag = found
        headers = {"ETag": tag, "Cache-Control": "no-cache"}  # a browser asks again, cheaply
        if request.headers.get("If-None-Match") == tag:
            return web.Response(status=304, headers=headers)
        return web.Response(body=body, content_type=kind, headers=headers)
