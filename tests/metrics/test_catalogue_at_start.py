"""A bad catalogue file in the deployment's folder stops the web app from starting, with its
file, line and field, rather than failing on a later page."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from joinedup.metrics.catalogue_files import CatalogueProblems
from joinedup.settings import Settings
from joinedup.web.app import create_app
from tests.conftest import TEST_SECRET

from .test_catalogue import GOOD

NEW = "emergency_readmissions_75plus"


def bad_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "deployment-catalogue"
    folder.mkdir()
    (folder / f"07-{NEW}.yaml").write_text(GOOD.replace("version: 2", "version: two"))
    return folder


def test_the_app_factory_refuses_a_bad_deployment_catalogue(tmp_path: Path) -> None:
    folder = bad_folder(tmp_path)
    settings = Settings(
        database_url=f"sqlite:///{tmp_path / 'app.db'}",
        secret_key=TEST_SECRET,
        catalogue_dir=str(folder),
    )
    with pytest.raises(CatalogueProblems) as refused:
        create_app(settings)
    message = str(refused.value)
    assert f"{folder / f'07-{NEW}.yaml'}, line 7, version: 'two' is not a whole number" in message
    # A good folder starts; a folder named that does not exist is refused.
    (folder / f"07-{NEW}.yaml").write_text(GOOD)
    create_app(settings)
    missing = settings.model_copy(update={"catalogue_dir": str(tmp_path / "nowhere")})
    with pytest.raises(CatalogueProblems, match="is not a folder of catalogue files"):
        create_app(missing)


def test_serve_stops_before_serving_with_the_file_line_and_field(tmp_path: Path) -> None:
    folder = bad_folder(tmp_path)
    env = {
        **os.environ,
        "COLUMNS": "1000",
        "JOINEDUP_DATABASE_URL": f"sqlite:///{tmp_path / 'app.db'}",
        "JOINEDUP_SECRET_KEY": TEST_SECRET,
        "JOINEDUP_CATALOGUE_DIR": str(folder),
        "JOINEDUP_PORT": "8",  # never reached: nothing listens
    }
    done = subprocess.run(
        [sys.executable, "-c", "from joinedup.cli import main; main()", "serve"],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1
    assert f"07-{NEW}.yaml, line 7, version: 'two' is not a whole number" in done.stderr
    assert "Traceback" not in done.stderr
