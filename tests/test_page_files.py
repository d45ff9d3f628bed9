"""The served page's files come from memory: as they were when the server started, with a tag a
browser can ask again with, and nothing outside their folder."""

from __future__ import annotations

import asyncio

from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

from game.workshop.page_files import PageFiles


def test_page_files_are_served_from_memory_with_a_tag(tmp_path):
    (tmp_path / "files" / "css").mkdir(parents=True)
    (tmp_path / "files" / "css" / "page.css").write_text("body { margin: 0 }")
    (tmp_path / "files" / "game.js").write_text("start();")
    (tmp_path / "secret.txt").write_text("not for the browser")
    files = PageFiles(tmp_path / "files")
    (tmp_path / "files" / "game.js").write_text("changed();")  # after the server started

    async def browse() -> None:
        app = web.Application()
        app.add_routes([web.get("/static/{path:.+}", files.handle)])
        async with TestClient(TestServer(app)) as client:
            page = await client.get("/static/css/page.css")
            assert page.status == 200 and page.content_type == "text/css"
            assert await page.text() == "body { margin: 0 }"
            tag = page.headers["ETag"]
            again = await client.get("/static/css/page.css", headers={"If-None-Match": tag})
            assert again.status == 304 and await again.read() == b""
            script = await client.get("/static/game.js")
            assert script.content_type in ("text/javascript", "application/javascript")
            assert await script.text() == "start();", "as the server found it at its start"
            for path in ("/static/%2e%2e/secret.txt", "/static/nothing.css", "/static/css"):
                assert (await client.get(path)).status == 404, path

    asyncio.run(browse())
