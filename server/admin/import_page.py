"""Reps: import users from a CSV file, with a preview of every row before anything is created.

Upload -> the preview (a dry run of `accounts.user_import`, the service `POST
/api/v1/users/import` calls) with each row's errors -> confirm: every user is created in one
transaction, or none when a row is in error. The file travels back with the confirm form (a
hidden field), and is checked again then. Generated passwords are shown once, on the result.
"""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, get, post
from litestar.datastructures import UploadFile
from litestar.response import Template

from server.accounts import service as accounts
from server.accounts import user_import
from server.admin import web
from server.core.errors import DomainError
from server.core.runtime import Runtime

#: The request may carry the file and the form around it; the file itself is held to `MAX_BYTES`.
MAX_REQUEST = 2 * user_import.MAX_BYTES


class ImportController(Controller):
    path = "/admin/reps/import"
    include_in_schema = False

    @get("/", name="admin_import")
    async def form(self, request: Request[Any, Any, Any], rt: Runtime) -> Template:
        v = await web.viewer(request, rt, page="Reps")
        return await _page(rt, v, None, None, {})

    @post("/", status_code=200, request_max_body_size=MAX_REQUEST)
    async def preview(self, request: Request[Any, Any, Any], rt: Runtime) -> Template:
        """The dry run of an uploaded file (or of the file sent back by the confirm form)."""
        v = await web.viewer(request, rt, page="Reps")
        form = await request.form()
        text, problem = await _text_of(form)
        if problem:
            return await _page(rt, v, None, None, {"file": problem}, status=400)
        confirm = form.get("confirm") == "1"
        try:
            outcome = await user_import.run(rt, v.principal, text, dry_run=not confirm)
        except DomainError as exc:
            if exc.status_code == 403:
                raise
            return await _page(rt, v, None, None, {"file": _sentence(exc.message)}, status=exc.status_code)
        status = 400 if confirm and outcome.invalid else 200
        return await _page(rt, v, outcome, text, {}, status=status)


async def _text_of(form: Any) -> tuple[str, str | None]:
    """The CSV text of the form's `file` upload (or its `csv` field), or why it cannot be read."""
    upload = form.get("file")
    if isinstance(upload, UploadFile):
        data = await upload.read(user_import.MAX_BYTES + 1)
        if not data:
            return "", "Choose a CSV file to import."
    else:
        data = str(form.get("csv") or "").encode()
        if not data:
            return "", "Choose a CSV file to import."
    if len(data) > user_import.MAX_BYTES:
        return (
            "",
            f"The file is larger than {user_import.MAX_BYTES // 1024} KiB: split it into smaller files.",
        )
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        return "", "The file is not UTF-8 text: save it as “CSV UTF-8” and try again."


def _sentence(message: str) -> str:
    return message[:1].upper() + message[1:] + ("" if message.endswith(".") else ".")


async def _page(
    rt: Runtime,
    v: web.Viewer,
    outcome: user_import.Outcome | None,
    text: str | None,
    errors: dict[str, str],
    status: int = 200,
) -> Template:
    teams = {t.id: t.name for t in await accounts.list_teams(rt, v.principal)}
    t = web.page(
        "import.html",
        v,
        "Reps",
        outcome=outcome,
        csv_text=text,
        errors=errors,
        teams=teams,
        max_rows=user_import.MAX_ROWS,
        max_kib=user_import.MAX_BYTES // 1024,
        columns=user_import.COLUMNS,
    )
    t.status_code = status
    return t
