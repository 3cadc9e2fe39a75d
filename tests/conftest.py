# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Collection hook and database fixtures of the suite-level tests.

pytest-odoo imports every test file as ``odoo.addons.<package path>``, which only
works inside an addon. The hook below collects the files of this folder as plain
pytest modules instead; the folder has no ``__init__.py`` on purpose (a wheel in the
virtual environment, suds-jurko, already ships a top-level package named ``tests``).
"""
import os

import pytest

from crmsuite_testing import copy_template, db_name, run_odoo, suite


@pytest.hookimpl(tryfirst=True)
def pytest_pycollect_makemodule(path, parent):
    """Collect this folder's files as plain modules, not as Odoo addon modules."""
    return pytest.Module.from_parent(parent, fspath=path)


@pytest.fixture(scope="session", autouse=True)
def load_registry():
    """Replace pytest-odoo's fixture of that name for this folder.

    These tests run Odoo in processes of their own and need no registry in the
    pytest process; pytest-odoo's fixture would also fail when only this folder is
    collected (it uses ``odoo.tests`` without importing it).
    """


@pytest.fixture(scope="session")
def template_db():
    name = os.environ.get("CRMSUITE_TEMPLATE_DB") or suite.ensure_template()
    assert suite.db_exists(name), "template database %s does not exist" % name
    return name


@pytest.fixture(scope="session")
def installed_suite(request, template_db):
    """A copy of the template with the whole suite installed: (db, install log).

    Built once per session and never changed by a test: tests that change data work
    on copies of it (``suite_copy``).
    """
    db = db_name(request.config, "install")
    copy_template(db, template_db)
    request.addfinalizer(lambda: suite.dropdb(db))
    addons = suite.suite_addons()
    log_path = run_odoo(db, ["-i", ",".join(addons)], db + ".log")
    return db, log_path


@pytest.fixture
def suite_copy(request, installed_suite):
    """``make(purpose)``: a copy of ``installed_suite``, dropped after the test."""
    def make(purpose):
        db = db_name(request.config, purpose)
        copy_template(db, installed_suite[0])
        request.addfinalizer(lambda: suite.dropdb(db))
        return db
    return make
