"""The demo editor page (its script and styles are served from /static)."""

from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import FileResponse

STATIC_DIR = Path(__file__).resolve().parent.parent / "static"
router = APIRouter(tags=["editor"])


@router.get("/editor", response_class=FileResponse, response_model=None, include_in_schema=False)
def editor() -> FileResponse:
    return FileResponse(STATIC_DIR / "editor.html", media_type="text/html")
