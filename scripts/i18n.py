# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Export the translation template of suite addons and merge it into zh_CN.po.

Run with the virtual environment's Python after sourcing scripts/env.sh:

    python scripts/i18n.py crm_lifecycle [more addons] [--db NAME] [--no-update]

For each addon:
  1. a database with the suite installed: without --db, a fresh copy of the template
     with every addon of addons/ installed (suite.py testdb crmsuite_i18n); with --db,
     that database, whose addons are first updated (-u) so that the labels, help
     texts and selection values read from the code (skip with --no-update);
  2. the template exported by Odoo's own exporter (--i18n-export without a language)
     is written to addons/ADDON/i18n/ADDON.pot;
  3. the template is merged into addons/ADDON/i18n/zh_CN.po: translations of msgids
     still present are kept, new msgids are added untranslated, obsolete ones are
     dropped, the header keeps Language zh_CN and its Plural-Forms.

Safe to run again after strings were added or changed. Prints, per addon, how many
entries the .po has and how many of them are still untranslated.
"""
import argparse
import os
import sys
import tempfile

import polib

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import suite  # noqa: E402  (scripts/suite.py: databases and running Odoo)

LANG = "zh_CN"
DEFAULT_DB = suite.PREFIX + "i18n"
HEADER = {
    "Language": LANG,
    "Language-Team": "Chinese (Simplified)",
    "MIME-Version": "1.0",
    "Content-Type": "text/plain; charset=UTF-8",
    "Content-Transfer-Encoding": "8bit",
    "Plural-Forms": "nplurals=1; plural=0;",
}


class OdooPOEntry(polib.POEntry):
    """A PO entry written as Odoo writes them: one reference (#:) per line."""

    def __unicode__(self, wrapwidth=78):
        occurrences, self.occurrences = self.occurrences, []
        try:
            text = super().__unicode__(wrapwidth)
        finally:
            self.occurrences = occurrences
        lines = text.split("\n")
        at = 0
        while at < len(lines) and lines[at].startswith(("#. ", "# ")):
            at += 1
        refs = ["#: %s:%s" % (path, line) if line else "#: %s" % path
                for path, line in occurrences]
        return "\n".join(lines[:at] + refs + lines[at:])


def prepare_db(db, addons, update):
    """Return a database where the addons are installed and up to date."""
    if db is None or not suite.db_exists(db):
        name = db or DEFAULT_DB
        print("[i18n] building %s with the suite installed" % name, file=sys.stderr)
        suite.install_suite(name, suite.ensure_template())
        return name
    missing = [name for name in addons if name in suite.missing_addons(db)]
    if missing:
        log = suite.run_odoo(db, ["-i", ",".join(missing)], db + "-i18n-install.log")
        suite.check_log(log, suite.suite_addons())
    if update:
        log = suite.run_odoo(db, ["-u", ",".join(addons)], db + "-i18n-update.log")
        suite.check_log(log, suite.suite_addons())
    return db


def export_pot(db, addon):
    """Export the addon's template with Odoo's exporter; return its text.

    Odoo 11 picks the format from the file's extension and knows csv, po and tgz
    only: a .po exported without a language is the template (empty msgstr).
    """
    handle, path = tempfile.mkstemp(prefix="crmsuite-%s-" % addon, suffix=".po")
    os.close(handle)
    try:
        suite.run_odoo(db, ["--i18n-export=%s" % path, "--modules=%s" % addon],
                       db + "-i18n-export.log")
        with open(path, encoding="utf-8") as stream:
            text = stream.read()
    finally:
        os.remove(path)
    if "\nmsgid " not in text.split('msgstr ""', 1)[-1]:
        raise SystemExit("[i18n] %s: the export has no terms (is it installed in %s?)"
                         % (addon, db))
    return text


def merge(pot, po_path, addon):
    """Merge the template into the .po at po_path; return (entries, untranslated)."""
    old = polib.pofile(po_path) if os.path.isfile(po_path) else None
    known = {}
    if old is not None:
        known = {(e.msgctxt, e.msgid): e for e in old if not e.obsolete}
    po = polib.POFile(wrapwidth=78)
    po.header = old.header if old is not None and old.header else (
        "Translation of the CRM suite (Odoo 11.0) into Simplified Chinese.\n"
        "This file contains the translation of the following modules:\n"
        "\t* " + addon)
    po.metadata = dict(old.metadata) if old is not None else {}
    for key in ("Project-Id-Version", "Report-Msgid-Bugs-To", "POT-Creation-Date"):
        po.metadata[key] = pot.metadata.get(key, "")
    po.metadata.setdefault("PO-Revision-Date", pot.metadata.get("POT-Creation-Date"))
    po.metadata.setdefault("Last-Translator", "")
    po.metadata.update(HEADER)
    untranslated = 0
    for entry in pot:
        if entry.obsolete:
            continue
        previous = known.get((entry.msgctxt, entry.msgid))
        msgstr = previous.msgstr if previous is not None else ""
        flags = [flag for flag in entry.flags if flag != "fuzzy"]
        if previous is not None and "fuzzy" in previous.flags:
            flags.append("fuzzy")
        po.append(OdooPOEntry(
            msgctxt=entry.msgctxt,
            msgid=entry.msgid,
            msgstr=msgstr,
            comment=entry.comment,
            tcomment=previous.tcomment if previous is not None else "",
            occurrences=list(entry.occurrences),
            flags=flags,
        ))
        untranslated += not msgstr
    po.save(po_path)
    return len(po), untranslated


def process(db, addon):
    i18n_dir = os.path.join(suite.ADDONS, addon, "i18n")
    os.makedirs(i18n_dir, exist_ok=True)
    pot_path = os.path.join(i18n_dir, addon + ".pot")
    with open(pot_path, "w", encoding="utf-8") as stream:
        stream.write(export_pot(db, addon))
    pot = polib.pofile(pot_path)
    total, untranslated = merge(pot, os.path.join(i18n_dir, LANG + ".po"), addon)
    print("[i18n] %s: %s and %s.po written, %d entries, %d untranslated"
          % (addon, os.path.relpath(pot_path, suite.ROOT), LANG, total, untranslated))
    return untranslated


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("addons", nargs="+", help="addons of addons/ to process")
    parser.add_argument("--db", help="database to export from (default: a fresh %s)"
                        % DEFAULT_DB)
    parser.add_argument("--no-update", dest="update", action="store_false",
                        help="with --db, do not update the addons first")
    args = parser.parse_args()
    unknown = sorted(set(args.addons) - set(suite.suite_addons()))
    if unknown:
        parser.error("not addons of %s: %s" % (suite.ADDONS, ", ".join(unknown)))
    db = prepare_db(args.db, args.addons, args.update)
    for addon in args.addons:
        process(db, addon)


if __name__ == "__main__":
    main()
