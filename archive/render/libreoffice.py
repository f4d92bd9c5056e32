"""Converting .docx files with headless LibreOffice: all of one build in one process.

Issue 4: two LibreOffice processes started on one profile fail silently (one
converts nothing and exits 1), and one process per document costs about 1 s
each. So every document of a build goes to one ``soffice`` run with a profile
folder of its own (``-env:UserInstallation``), and with a fontconfig file that
maps the template font names to the installed free faces (without it 宋体 text
comes out in a sans face, and conversion is about 60% slower).
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import tempfile
from pathlib import Path

from archive.errors import RenderError
from archive.fonts import FontBook, fontconfig_env, write_fontconfig

log = logging.getLogger(__name__)

SECONDS_PER_DOCUMENT = 20
EXECUTABLES = ("soffice", "libreoffice")


def soffice() -> str | None:
    """The LibreOffice executable, or ``None`` where it is not installed."""
    for name in EXECUTABLES:
        found = shutil.which(name)
        if found:
            return found
    return None


def convert(documents: list[Path], out_dir: Path, fonts: FontBook) -> dict[Path, Path]:
    """PDF files for ``documents`` (their stems must differ), written to ``out_dir``.

    Raises :class:`RenderError` when LibreOffice is missing, fails, or leaves a
    document unconverted; the message names the document.
    """
    if not documents:
        return {}
    exe = soffice()
    if exe is None:
        raise RenderError(
            "未安装 LibreOffice（soffice），无法使用 --engine libreoffice"
        )
    with tempfile.TemporaryDirectory(prefix="rehab-lo-") as scratch:
        profile = Path(scratch) / "profile"
        conf = write_fontconfig(fonts, Path(scratch))
        command = [
            exe,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out_dir),
            *(str(d) for d in documents),
        ]
        log.debug("LibreOffice converts %d documents", len(documents))
        try:
            done = subprocess.run(
                command,
                env=fontconfig_env(conf),
                capture_output=True,
                text=True,
                check=False,
                timeout=60 + SECONDS_PER_DOCUMENT * len(documents),
            )
        except subprocess.TimeoutExpired as exc:
            raise RenderError("LibreOffice 转换超时") from exc
    results = {d: out_dir / (d.stem + ".pdf") for d in documents}
    missing = [d.name for d, pdf in results.items() if not pdf.is_file()]
    if missing or done.returncode != 0:
        detail = (done.stderr or done.stdout).strip().splitlines()[-1:] or [""]
        raise RenderError(
            f"LibreOffice 未能转换：{'、'.join(missing) or '（全部）'}"
            f"（退出码 {done.returncode}；{detail[0]}）"
        )
    return results
