# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Collection hook and database fixtures of the suite-level tests.

pytest-odoo imports every test file as ``odoo.addons.<package path>``, which only
works inside an addon. The hook below collects the files of this folder as plain
pytest modules instead; the folder has no ``__init__.py`` on purpose (a wheel in the
virtual environment, suds-jurko, already ships a top-level package named ``tests``).
"""
import os
from concurrent.futures import ThreadPoolExecutor

import pytest

from crmsuite_testing import copy_template, db_name, suite


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
    request.addfinalizer(lambda: suite.dropdb(db))
    built = os.environ.get("CRMSUITE_INSTALLED_DB")
    if built and suite.db_exists(built):
        # scripts/test.sh built it a moment ago, by the same code (a copy of its
        # test database, which the addons' tests keep busy)
        copy_template(db, built)
        return db, os.environ["CRMSUITE_INSTALLED_LOG"]
    # the very code path of `make run` and `make test` (scripts/suite.py)
    try:
        suite.install_suite(db, template_db)
    except SystemExit as error:
        pytest.fail("installing the suite into %s failed: %s" % (db, error))
    return db, os.path.join(suite.LOG_DIR, db + "-install.log")


@pytest.fixture
def suite_copy(request, installed_suite):
    """``make(purpose)``: a copy of ``installed_suite``, dropped after the test."""
    def make(purpose):
        db = db_name(request.config, purpose)
        copy_template(db, installed_suite[0])
        request.addfinalizer(lambda: suite.dropdb(db))
        return db
    return make


@pytest.fixture(scope="session")
def jobs():
    """A pool running Odoo processes side by side (``CRMSUITE_JOBS``, default 2).

    Long installs are submitted at once and awaited by the tests that need them, so
    they run while other tests run.
    """
    pool = ThreadPoolExecutor(max_workers=int(os.environ.get("CRMSUITE_JOBS", "2")))
    yield pool
    pool.shutdown(wait=True)


@pytest.fixture(scope="session", autouse=True)
def long_jobs(request, jobs):
    """Start the long Odoo runs of the selected tests when the session starts.

    A test module declares ``JOBS`` (test function name -> job purpose, formatted
    with the test's parameters) and ``submit_jobs(request, jobs, wanted)``; its
    tests then await their job from this fixture's ``{purpose: (db, future)}``.
    """
    wanted = {}
    for item in request.session.items:
        spec = getattr(item.module, "JOBS", None)
        name = getattr(item, "originalname", None) or item.name
        if spec and name in spec:
            params = item.callspec.params if hasattr(item, "callspec") else {}
            wanted.setdefault(item.module, set()).add(spec[name].format(**params))
    submitted = {}
    for module, purposes in wanted.items():
        submitted.update(module.submit_jobs(request, jobs, purposes))
    yield submitted
    for _db, future in submitted.values():
        future.cancel()
